<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
  <context>
    <name>AboutDialog</name>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="112" />
      <source>About kbclient</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="120" />
      <source>Licensed under the Apache License 2.0.</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="118" />
      <source>The offline knowledge base of the Fintech Coordination Innovation Platform.</source>
      <translation />
    </message>
  </context>
  <context>
    <name>CrashDialog</name>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="122" />
      <source>Copy details</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="114" />
      <source>Error details</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="117" />
      <source>Log file: %1</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="108" />
      <source>Something went wrong. The details below can be copied into a bug report.</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="106" />
      <source>Unexpected error</source>
      <translation />
    </message>
  </context>
  <context>
    <name>ErrorMessages</name>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="52" />
      <source>A document is malformed: %1</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="72" />
      <source>Error: %1</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="58" />
      <source>Signature check failed: %1</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="66" />
      <source>Sync failed; the library is unchanged: %1</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="68" />
      <source>The annotation cannot be saved: %1</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="60" />
      <source>The content pack was refused: %1</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="50" />
      <source>The document %1 is not in the library.</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="70" />
      <source>The library cannot be opened or changed: %1</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="48" />
      <source>The operation was cancelled; nothing was changed.</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="56" />
      <source>The query cannot be searched: %1</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="54" />
      <source>The search index needs repair: %1</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="62" />
      <source>The server refused the credentials: %1</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="64" />
      <source>The system keyring is not available: %1</source>
      <translation />
    </message>
  </context>
  <context>
    <name>FacetPanel</name>
    <message>
      <location filename="../../kbclient/gui/facets.py" line="37" />
      <source>Facets</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/facets.py" line="68" />
      <source>Filter by %1</source>
      <translation />
    </message>
  </context>
  <context>
    <name>FilterChips</name>
    <message>
      <location filename="../../kbclient/gui/facets.py" line="122" />
      <location filename="../../kbclient/gui/facets.py" line="123" />
      <source>Remove the filter %1</source>
      <translation />
    </message>
  </context>
  <context>
    <name>HelpDialog</name>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="80" />
      <source>Documents with all the words (Chinese and English can be mixed).</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="83" />
      <source>Either word.</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="91" />
      <source>Filter by content pack or status.</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="89" />
      <source>Filter by tag, organisation or language (zh, en, mixed).</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="98" />
      <source>Keys: Ctrl+K or Ctrl+F goes to the search field; Up and Down move through the results; Enter opens one; F3 and Shift+F3 jump between matches in the document; Alt+Left and Alt+Right go back and forward.</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="84" />
      <source>Leave out documents with a word.</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="87" />
      <source>Only this kind: research-note, standard-draft, talent-guide, other.</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="67" />
      <location filename="../../kbclient/gui/dialogs.py" line="103" />
      <source>Query syntax</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="69" />
      <source>Query syntax help</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="82" />
      <source>The exact phrase.</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="95" />
      <source>Type to search; results update as you type. A query that cannot be parsed still searches its words.</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="85" />
      <source>Words starting with regul. The last word you type is always treated this way.</source>
      <translation />
    </message>
  </context>
  <context>
    <name>Labels</name>
    <message>
      <location filename="../../kbclient/gui/labels.py" line="31" />
      <source>Chinese</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/labels.py" line="31" />
      <source>Chinese and English</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/labels.py" line="25" />
      <source>Draft</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/labels.py" line="31" />
      <source>English</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/labels.py" line="36" />
      <source>Kind</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/labels.py" line="37" />
      <source>Language</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/labels.py" line="36" />
      <source>Organisation</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/labels.py" line="19" />
      <source>Other</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/labels.py" line="37" />
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
      <location filename="../../kbclient/gui/labels.py" line="37" />
      <source>Status</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/labels.py" line="36" />
      <source>Tag</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/labels.py" line="18" />
      <source>Talent guide</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/labels.py" line="26" />
      <source>Withdrawn</source>
      <translation />
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="312" />
      <source>%1 documents</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="352" />
      <source>%1 documents match (%2 ms)</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="251" />
      <source>&amp;Edit</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="250" />
      <source>&amp;File</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="254" />
      <source>&amp;Help</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="237" />
      <source>&amp;Sort:</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="253" />
      <source>&amp;Tools</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="252" />
      <source>&amp;View</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="259" />
      <source>About kbclient</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="247" />
      <source>Cancel</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="248" />
      <source>Cancel the running operation</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="300" />
      <source>Checking the index…</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="241" />
      <source>Date</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="246" />
      <source>Dismiss message</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="261" />
      <source>Go to document</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="260" />
      <source>Go to results</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="255" />
      <source>Go to search</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="321" />
      <source>Index needs repair (%1 problems)</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="320" />
      <source>Index up to date</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="286" />
      <source>Library not available</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="293" />
      <location filename="../../kbclient/gui/main_window.py" line="314" />
      <location filename="../../kbclient/gui/main_window.py" line="343" />
      <source>Loading the library…</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="349" />
      <source>No documents match.</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="249" />
      <source>Progress</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="235" />
      <source>Query syntax help</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="236" />
      <source>Query syntax help (F1)</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="258" />
      <source>Quit</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="256" />
      <source>Rebuild search index</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="316" />
      <source>Rebuilding the index…</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="347" />
      <source>Recently updated documents</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="241" />
      <source>Relevance</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="245" />
      <source>Results</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="234" />
      <source>Search</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="233" />
      <source>Search the library (Chinese or English)…</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="257" />
      <source>Settings…</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="244" />
      <source>Sort results by</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="438" />
      <source>The search index was rebuilt.</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="241" />
      <source>Title</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="231" />
      <source>kbclient — Knowledge base</source>
      <translation />
    </message>
  </context>
  <context>
    <name>ReaderWidget</name>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="383" />
      <source>%1 of %2</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="285" />
      <source>Authors</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="183" />
      <source>Back</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="191" />
      <source>Copy</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="194" />
      <source>Document details</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="195" />
      <source>Document text</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="437" />
      <source>Export to PDF</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="190" />
      <source>Export to PDF…</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="184" />
      <source>Forward</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="283" />
      <source>Kind</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="289" />
      <source>Language</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="197" />
      <source>Match position</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="185" />
      <source>Next match</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="330" />
      <source>Open external link</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="331" />
      <source>Open this address in your web browser?
%1</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="284" />
      <source>Organisation</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="196" />
      <source>Outline</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="438" />
      <source>PDF files (*.pdf)</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="290" />
      <source>Pack</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="186" />
      <source>Previous match</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="189" />
      <source>Print…</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="193" />
      <source>Reader</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="262" />
      <source>Select a result to read it here.</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="192" />
      <source>Select all</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="288" />
      <source>Status</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="298" />
      <source>Tags</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="279" />
      <source>This document comes from a pack whose signature was not verified.</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="279" />
      <source>Unverified</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="287" />
      <source>Updated</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="286" />
      <source>Version</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="276" />
      <source>WITHDRAWN — this document is no longer valid.</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="187" />
      <source>Zoom in</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="188" />
      <source>Zoom out</source>
      <translation />
    </message>
  </context>
  <context>
    <name>SettingsDialog</name>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="43" />
      <source>&amp;Data folder:</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="39" />
      <source>&amp;Language:</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="49" />
      <source>&amp;Results per page:</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="42" />
      <source>Data folder</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="48" />
      <source>Results per page</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="30" />
      <source>Settings</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="33" />
      <source>System default</source>
      <translation />
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="38" />
      <source>User-interface language</source>
      <translation />
    </message>
  </context>
</TS>
