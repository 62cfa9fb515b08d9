<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
  <context>
    <name>AboutDialog</name>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="136" />
      <source>About kbclient</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="143" />
      <source>Licensed under the Apache License 2.0.</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="141" />
      <source>The offline knowledge base of the Fintech Coordination Innovation Platform.</source>
      <translation />
    </message>
  </context>
  <context>
    <name>AccountDialog</name>
    <message>
      <location filename="../../kbclient/gui/account_dialog.py" line="89" />
      <source>&amp;Password:</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/account_dialog.py" line="78" />
      <source>&amp;Remember password in the system keyring</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/account_dialog.py" line="87" />
      <source>&amp;Server address:</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/account_dialog.py" line="90" />
      <source>&amp;Team:</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/account_dialog.py" line="88" />
      <source>&amp;User name:</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/account_dialog.py" line="63" />
      <source>Account</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/account_dialog.py" line="165" />
      <source>Enter the user name that goes with the password.</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/account_dialog.py" line="132" />
      <source>Leave empty to keep the current password</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/account_dialog.py" line="112" />
      <source>No secure password store is available (%1); the password will be kept for this session only and asked for again after a restart.</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/account_dialog.py" line="75" />
      <source>Password</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/account_dialog.py" line="70" />
      <source>Server address</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/account_dialog.py" line="77" />
      <source>Team</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/account_dialog.py" line="72" />
      <source>User name</source>
      <translation />
    </message>
  </context>
  <context>
    <name>AnnotationController</name>
    <message>
      <location filename="../../kbclient/gui/annotation_controller.py" line="124" />
      <source>&amp;Highlight</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/annotation_controller.py" line="125" />
      <source>Add &amp;note…</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/annotation_controller.py" line="376" />
      <source>Delete annotation</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/annotation_controller.py" line="377" />
      <source>Delete this annotation?
“%1”</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/annotation_controller.py" line="126" />
      <source>Highlight &amp;colour</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/annotation_controller.py" line="404" />
      <source>This note was changed elsewhere (by %1) while you were editing it. Your text is kept: saving makes it the latest version.</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/annotation_controller.py" line="399" />
      <source>This note was deleted elsewhere while you were editing it. Your text is kept: saving restores the note.</source>
      <translation />
    </message>
  </context>
  <context>
    <name>Annotations</name>
    <message>
      <location filename="../../kbclient/gui/annotations_model.py" line="117" />
      <source>%1 (you)</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/annotations_model.py" line="55" />
      <source>Blue</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/annotations_model.py" line="54" />
      <source>Green</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/annotations_model.py" line="60" />
      <source>Grey</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/annotations_model.py" line="58" />
      <source>Orange</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/annotations_model.py" line="56" />
      <source>Pink</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/annotations_model.py" line="57" />
      <source>Purple</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/annotations_model.py" line="59" />
      <source>Red</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/annotations_model.py" line="53" />
      <source>Yellow</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/annotations_model.py" line="120" />
      <source>⚠ The text changed since this was made.</source>
      <translation />
    </message>
  </context>
  <context>
    <name>AnnotationsPanel</name>
    <message>
      <location filename="../../kbclient/gui/annotations_panel.py" line="201" />
      <source>%1 annotations</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/annotations_panel.py" line="204" />
      <source>%1 of %2 annotations</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/annotations_panel.py" line="235" />
      <source>%1's annotation: read-only</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/annotations_panel.py" line="132" />
      <source>&amp;Delete</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/annotations_panel.py" line="131" />
      <source>&amp;Edit</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/annotations_panel.py" line="134" />
      <source>&lt;b&gt;Orphaned&lt;/b&gt; — the passage of these could not be found in the current text. They are kept; their quotes are shown here.</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/annotations_panel.py" line="160" />
      <source>All authors</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/annotations_panel.py" line="161" />
      <source>All tags</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/annotations_panel.py" line="129" />
      <source>Annotations</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/annotations_panel.py" line="127" />
      <source>Filter by author</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/annotations_panel.py" line="128" />
      <source>Filter by tag</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/annotations_panel.py" line="198" />
      <source>No annotations. Select text in the document to highlight or annotate it.</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/annotations_panel.py" line="130" />
      <source>Orphaned annotations</source>
      <translation />
    </message>
  </context>
  <context>
    <name>BuildPackDialog</name>
    <message>
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="358" />
      <source>%1 exists. Replace it?</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="327" />
      <source>%1 problems found; fix them before building.</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="234" />
      <source>Base pack</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="189" />
      <source>Base pack:</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="171" />
      <source>Browse…</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="205" />
      <source>Build</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="163" />
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="359" />
      <source>Build content pack</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="362" />
      <source>Building %1…</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="384" />
      <source>Built %1: %2 documents, %3.</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="200" />
      <source>Cancel</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="203" />
      <source>Check</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="309" />
      <source>Checking %1…</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="306" />
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="347" />
      <source>Choose a source folder.</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="350" />
      <source>Choose an output file.</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="207" />
      <source>Close</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="234" />
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="246" />
      <source>Content packs (*.kbpack)</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="185" />
      <source>Include the search index</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="399" />
      <source>No password given; nothing was written.</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="333" />
      <source>No problems: %1 documents are ready to build.</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="246" />
      <source>Output file</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="191" />
      <source>Output file:</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="131" />
      <source>Password for the signing key %1:</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="219" />
      <source>Problems (file — line — message):</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="240" />
      <source>Signing key</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="130" />
      <source>Signing key password</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="190" />
      <source>Signing key:</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="228" />
      <source>Source folder</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="188" />
      <source>Source folder:</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="354" />
      <source>The folder %1 does not exist.</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="407" />
      <source>Unexpected error: %1</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="194" />
      <source>Validation problems</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="183" />
      <source>optional: a minisign secret key</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="180" />
      <source>optional: the previous full pack, for an update</source>
      <translation />
    </message>
  </context>
  <context>
    <name>CrashDialog</name>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="162" />
      <source>Copy details</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="153" />
      <source>Error details</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="156" />
      <source>Log file: %1</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="147" />
      <source>Something went wrong. The details below can be copied into a bug report.</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="144" />
      <source>Unexpected error</source>
      <translation />
    </message>
  </context>
  <context>
    <name>ErrorMessages</name>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="53" />
      <source>A document is malformed: %1</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="75" />
      <source>Cannot reach the server (%1); you may be offline. The library is unchanged.</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="85" />
      <source>Error: %1</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="59" />
      <source>Signature check failed: %1</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="79" />
      <source>Sync failed; the library is unchanged: %1</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="81" />
      <source>The annotation cannot be saved: %1</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="61" />
      <source>The content pack was refused: %1</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="51" />
      <source>The document %1 is not in the library.</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="83" />
      <source>The library cannot be opened or changed: %1</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="49" />
      <source>The operation was cancelled; nothing was changed.</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="71" />
      <source>The password cannot be kept: %1</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="57" />
      <source>The query cannot be searched: %1</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="55" />
      <source>The search index needs repair: %1</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="63" />
      <source>The server did not accept the user name or password; enter them again.</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="65" />
      <source>The server refused access (%1); ask an administrator for access.</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="69" />
      <source>The server refused the credentials: %1</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="73" />
      <source>The system keyring is not available: %1</source>
      <translation />
    </message>
  </context>
  <context>
    <name>FacetPanel</name>
    <message>
      <location filename="../../kbclient/gui/facets.py" line="40" />
      <source>Facets</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/facets.py" line="72" />
      <source>Filter by %1</source>
      <translation />
    </message>
  </context>
  <context>
    <name>FilterChips</name>
    <message>
      <location filename="../../kbclient/gui/facets.py" line="128" />
      <location filename="../../kbclient/gui/facets.py" line="129" />
      <source>Remove the filter %1</source>
      <translation />
    </message>
  </context>
  <context>
    <name>HelpDialog</name>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="84" />
      <source>Documents with all the words (Chinese and English can be mixed).</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="87" />
      <source>Either word.</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="103" />
      <source>Filter by content pack or status.</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="101" />
      <source>Filter by tag, organisation or language (zh, en, mixed).</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="117" />
      <source>Keys: Ctrl+K or Ctrl+F goes to the search field; Up and Down move through the results; Enter opens one; F3 and Shift+F3 jump between matches in the document; Alt+Left and Alt+Right go back and forward.</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="88" />
      <source>Leave out documents with a word.</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="97" />
      <source>Only this kind: research-note, standard-draft, talent-guide, other.</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="69" />
      <location filename="../../kbclient/gui/dialogs.py" line="126" />
      <source>Query syntax</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="71" />
      <source>Query syntax help</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="86" />
      <source>The exact phrase.</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="110" />
      <source>Type to search; results update as you type. A query that cannot be parsed still searches its words.</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="91" />
      <source>Words starting with regul. The last word you type is always treated this way.</source>
      <translation />
    </message>
  </context>
  <context>
    <name>HitDelegate</name>
    <message>
      <location filename="../../kbclient/gui/delegates.py" line="74" />
      <source>note by %1</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/delegates.py" line="71" />
      <source>unverified</source>
      <translation />
    </message>
  </context>
  <context>
    <name>Labels</name>
    <message>
      <location filename="../../kbclient/gui/labels.py" line="42" />
      <source>Annotated</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/labels.py" line="30" />
      <source>Chinese</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/labels.py" line="30" />
      <source>Chinese and English</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/labels.py" line="25" />
      <source>Draft</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/labels.py" line="30" />
      <source>English</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/labels.py" line="36" />
      <source>Kind</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/labels.py" line="39" />
      <source>Language</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/labels.py" line="38" />
      <source>Organisation</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/labels.py" line="19" />
      <source>Other</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/labels.py" line="40" />
      <source>Pack</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/labels.py" line="25" />
      <source>Published</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/labels.py" line="16" />
      <source>Research note</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/labels.py" line="17" />
      <source>Standard draft</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/labels.py" line="41" />
      <source>Status</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/labels.py" line="37" />
      <source>Tag</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/labels.py" line="18" />
      <source>Talent guide</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/labels.py" line="25" />
      <source>Withdrawn</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/labels.py" line="56" />
      <source>yes</source>
      <translation />
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="407" />
      <source>%1 documents</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="451" />
      <source>%1 documents match (%2 ms)</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="328" />
      <source>&amp;Annotations</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="325" />
      <source>&amp;Edit</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="324" />
      <source>&amp;File</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="332" />
      <source>&amp;Help</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="311" />
      <source>&amp;Sort:</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="636" />
      <source>&amp;Sync</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="327" />
      <source>&amp;Tools</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="326" />
      <source>&amp;View</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="340" />
      <source>About kbclient</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="638" />
      <source>Account…</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="330" />
      <source>Annotations</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="688" />
      <source>Annotations were not shared: %1</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="339" />
      <source>Build pack…</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="321" />
      <source>Cancel</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="322" />
      <source>Cancel the running operation</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="391" />
      <source>Checking the index…</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="337" />
      <source>Content packs…</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="315" />
      <source>Date</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="320" />
      <source>Dismiss message</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="342" />
      <source>Go to document</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="341" />
      <source>Go to results</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="333" />
      <source>Go to search</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="338" />
      <source>Import pack…</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="418" />
      <source>Index needs repair (%1 problems)</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="416" />
      <source>Index up to date</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="377" />
      <source>Library not available</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="384" />
      <location filename="../../kbclient/gui/main_window.py" line="410" />
      <location filename="../../kbclient/gui/main_window.py" line="442" />
      <source>Loading the library…</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="448" />
      <source>No documents match.</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="329" />
      <source>Only documents with annotations</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="323" />
      <source>Progress</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="309" />
      <source>Query syntax help</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="310" />
      <source>Query syntax help (F1)</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="336" />
      <source>Quit</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="334" />
      <source>Rebuild search index</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="412" />
      <source>Rebuilding the index…</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="446" />
      <source>Recently updated documents</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="315" />
      <source>Relevance</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="319" />
      <source>Results</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="308" />
      <source>Search</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="307" />
      <source>Search the library (Chinese or English)…</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="335" />
      <source>Settings…</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="318" />
      <source>Sort results by</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="637" />
      <source>Sync now</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="548" />
      <source>The search index was rebuilt.</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="315" />
      <source>Title</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="639" />
      <source>What's new…</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="306" />
      <source>kbclient — Knowledge base</source>
      <translation />
    </message>
  </context>
  <context>
    <name>NoteEditor</name>
    <message>
      <location filename="../../kbclient/gui/annotation_editor.py" line="124" />
      <source>&amp;Save note</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/annotation_editor.py" line="118" />
      <source>&amp;Tags:</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/annotation_editor.py" line="130" />
      <source>&lt;b&gt;Edit note&lt;/b&gt;</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/annotation_editor.py" line="130" />
      <source>&lt;b&gt;New note&lt;/b&gt;</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/annotation_editor.py" line="125" />
      <source>Cancel</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/annotation_editor.py" line="121" />
      <source>Highlight colour</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/annotation_editor.py" line="120" />
      <source>Note</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/annotation_editor.py" line="116" />
      <source>Note (Markdown)</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/annotation_editor.py" line="117" />
      <source>Preview</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/annotation_editor.py" line="119" />
      <source>comma-separated</source>
      <translation />
    </message>
  </context>
  <context>
    <name>PackTableModel</name>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="140" />
      <source>Documents</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="136" />
      <source>ID</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="142" />
      <source>Installed</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="138" />
      <source>Publisher</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="141" />
      <source>Size</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="135" />
      <source>Title</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="139" />
      <source>Verified</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="137" />
      <source>Version</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="151" />
      <source>unverified</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="150" />
      <source>unverified (key %1)</source>
      <translation />
    </message>
  </context>
  <context>
    <name>PacksWindow</name>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="604" />
      <source>%1 was not imported.</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="421" />
      <source>Cancel</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="414" />
      <source>Close</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="388" />
      <source>Content packs</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="92" />
      <source>Content packs (*.kbpack)</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="416" />
      <source>Drop .kbpack files here to import them.</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="90" />
      <source>Import content packs</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="633" />
      <source>Imported %1 version %2: %3 added, %4 changed, %5 removed.</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="615" />
      <source>Importing %1…</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="408" />
      <source>Import…</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="412" />
      <source>Refresh</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="410" />
      <source>Remove</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="544" />
      <source>Remove pack</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="539" />
      <source>Remove the pack “%1” (%2) and its %3 documents from the library?</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="558" />
      <source>Removed %1 (%2 documents).</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="546" />
      <source>Removing %1…</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="502" />
      <source>Unexpected error: %1</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="579" />
      <source>Verifying %1…</source>
      <translation />
    </message>
  </context>
  <context>
    <name>ReaderWidget</name>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="425" />
      <source>%1 of %2</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="316" />
      <source>Authors</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="203" />
      <source>Back</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="211" />
      <source>Copy</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="214" />
      <source>Document details</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="215" />
      <source>Document text</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="535" />
      <source>Export to PDF</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="210" />
      <source>Export to PDF…</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="204" />
      <source>Forward</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="314" />
      <source>Kind</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="320" />
      <source>Language</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="217" />
      <source>Match position</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="205" />
      <source>Next match</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="364" />
      <source>Open external link</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="365" />
      <source>Open this address in your web browser?
%1</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="315" />
      <source>Organisation</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="216" />
      <source>Outline</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="535" />
      <source>PDF files (*.pdf)</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="321" />
      <source>Pack</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="206" />
      <source>Previous match</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="209" />
      <source>Print…</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="213" />
      <source>Reader</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="289" />
      <source>Select a result to read it here.</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="212" />
      <source>Select all</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="319" />
      <source>Status</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="328" />
      <source>Tags</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="308" />
      <source>This document comes from a pack whose signature was not verified.</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="307" />
      <source>Unverified</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="318" />
      <source>Updated</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="317" />
      <source>Version</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="302" />
      <source>WITHDRAWN — this document is no longer valid.</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="207" />
      <source>Zoom in</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="208" />
      <source>Zoom out</source>
      <translation />
    </message>
  </context>
  <context>
    <name>SettingsDialog</name>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="44" />
      <source>&amp;Data folder:</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="40" />
      <source>&amp;Language:</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="50" />
      <source>&amp;Results per page:</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="43" />
      <source>Data folder</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="49" />
      <source>Results per page</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="31" />
      <source>Settings</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="34" />
      <source>System default</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="39" />
      <source>User-interface language</source>
      <translation />
    </message>
  </context>
  <context>
    <name>SyncController</name>
    <message>
      <location filename="../../kbclient/gui/sync_controller.py" line="228" />
      <source>Enter the address of the server to sync with.</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/sync_controller.py" line="185" />
      <source>Last sync: %1</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/sync_controller.py" line="180" />
      <source>Last sync: never</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/sync_controller.py" line="304" />
      <source>Sync cancelled; the library is unchanged.</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/sync_controller.py" line="289" />
      <source>Sync finished: %1 new, %2 updated, %3 removed documents.</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/sync_controller.py" line="296" />
      <source>The library is up to date.</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/sync_controller.py" line="312" />
      <source>The server did not accept the user name or password. Enter them again.</source>
      <translation />
    </message>
  </context>
  <context>
    <name>VerifyReportDialog</name>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="309" />
      <source>%1 (installed: %2)</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="306" />
      <source>%1 (not installed yet)</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="322" />
      <source>%1 added, %2 changed, %3 removed, %4 unchanged</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="341" />
      <source>Changes:</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="342" />
      <source>Disk space needed:</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="257" />
      <source>Document changes</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="340" />
      <source>Documents:</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="339" />
      <source>Files checked:</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="266" />
      <source>Import</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="262" />
      <source>Import anyway (unverified)</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="335" />
      <source>Pack:</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="337" />
      <source>Publisher:</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="264" />
      <source>Replace with older version</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="343" />
      <source>Search index:</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="338" />
      <source>Signature:</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="283" />
      <source>This pack is not signed: its origin and integrity cannot be checked. Import it only if you trust where it came from.</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="290" />
      <source>This pack is signed by key %1, which is not one of your trusted keys. Import it only if you trust where it came from.</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="241" />
      <source>Verify content pack</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="297" />
      <source>Version %1 is installed; this older version would replace it.</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="336" />
      <source>Version:</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="331" />
      <source>built on this computer</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="320" />
      <source>not checked, key %1 is not trusted</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="316" />
      <source>not signed</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="329" />
      <source>prebuilt, used as is</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="333" />
      <source>rebuilt on this computer</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="314" />
      <source>update of version %1</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="318" />
      <source>valid, key %1 (trusted)</source>
      <translation />
    </message>
  </context>
  <context>
    <name>WhatsNewDialog</name>
    <message>
      <location filename="../../kbclient/gui/whats_new.py" line="113" />
      <source>(%1 more are not listed.)</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/whats_new.py" line="90" />
      <source>Documents added or changed by the last sync</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/whats_new.py" line="105" />
      <source>The last sync brought %1 new and %2 updated documents; %3 were removed.</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/whats_new.py" line="84" />
      <source>What's new</source>
      <translation />
    </message>
  </context>
  <context>
    <name>WhatsNewModel</name>
    <message>
      <location filename="../../kbclient/gui/whats_new.py" line="60" />
      <source>New</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/whats_new.py" line="60" />
      <source>Updated</source>
      <translation />
    </message>
  </context>
</TS>
