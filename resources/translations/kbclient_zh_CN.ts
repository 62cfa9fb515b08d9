<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>AboutDialog</name>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="136" />
      <source>About kbclient</source>
      <translation>关于 kbclient</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="143" />
      <source>Licensed under the Apache License 2.0.</source>
      <translation>依据 Apache 许可证 2.0 授权。</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="141" />
      <source>The offline knowledge base of the Fintech Coordination Innovation Platform.</source>
      <translation>金融科技协同创新平台的离线知识库。</translation>
    </message>
  </context>
  <context>
    <name>AccountDialog</name>
    <message>
      <location filename="../../kbclient/gui/account_dialog.py" line="89" />
      <source>&amp;Password:</source>
      <translation>密码(&amp;P)：</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/account_dialog.py" line="78" />
      <source>&amp;Remember password in the system keyring</source>
      <translation>在系统密钥环中记住密码(&amp;R)</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/account_dialog.py" line="87" />
      <source>&amp;Server address:</source>
      <translation>服务器地址(&amp;S)：</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/account_dialog.py" line="90" />
      <source>&amp;Team:</source>
      <translation>团队(&amp;T)：</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/account_dialog.py" line="88" />
      <source>&amp;User name:</source>
      <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/account_dialog.py" line="63" />
      <source>Account</source>
      <translation>账户</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/account_dialog.py" line="165" />
      <source>Enter the user name that goes with the password.</source>
      <translation>请输入与该密码对应的用户名。</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/account_dialog.py" line="132" />
      <source>Leave empty to keep the current password</source>
      <translation>留空则保留当前密码</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/account_dialog.py" line="112" />
      <source>No secure password store is available (%1); the password will be kept for this session only and asked for again after a restart.</source>
      <translation>没有可用的安全密码存储（%1）；密码只在本次会话中保留，重新启动后需要再次输入。</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/account_dialog.py" line="75" />
      <source>Password</source>
      <translation>密码</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/account_dialog.py" line="70" />
      <source>Server address</source>
      <translation>服务器地址</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/account_dialog.py" line="77" />
      <source>Team</source>
      <translation>团队</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/account_dialog.py" line="72" />
      <source>User name</source>
      <translation>用户名</translation>
    </message>
  </context>
  <context>
    <name>AnnotationController</name>
    <message>
      <location filename="../../kbclient/gui/annotation_controller.py" line="124" />
      <source>&amp;Highlight</source>
      <translation>高亮(&amp;H)</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/annotation_controller.py" line="125" />
      <source>Add &amp;note…</source>
      <translation>添加批注(&amp;N)…</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/annotation_controller.py" line="376" />
      <source>Delete annotation</source>
      <translation>删除批注</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/annotation_controller.py" line="377" />
      <source>Delete this annotation?
“%1”</source>
      <translation>删除这条批注吗？
“%1”</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/annotation_controller.py" line="126" />
      <source>Highlight &amp;colour</source>
      <translation>高亮颜色(&amp;C)</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/annotation_controller.py" line="404" />
      <source>This note was changed elsewhere (by %1) while you were editing it. Your text is kept: saving makes it the latest version.</source>
      <translation>你编辑期间，这条批注已在别处被修改（%1）。你的文字已保留：保存后它将成为最新版本。</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/annotation_controller.py" line="399" />
      <source>This note was deleted elsewhere while you were editing it. Your text is kept: saving restores the note.</source>
      <translation>你编辑期间，这条批注已在别处被删除。你的文字已保留：保存后将恢复这条批注。</translation>
    </message>
  </context>
  <context>
    <name>Annotations</name>
    <message>
      <location filename="../../kbclient/gui/annotations_model.py" line="117" />
      <source>%1 (you)</source>
      <translation>%1（你）</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/annotations_model.py" line="55" />
      <source>Blue</source>
      <translation>蓝色</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/annotations_model.py" line="54" />
      <source>Green</source>
      <translation>绿色</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/annotations_model.py" line="60" />
      <source>Grey</source>
      <translation>灰色</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/annotations_model.py" line="58" />
      <source>Orange</source>
      <translation>橙色</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/annotations_model.py" line="56" />
      <source>Pink</source>
      <translation>粉色</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/annotations_model.py" line="57" />
      <source>Purple</source>
      <translation>紫色</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/annotations_model.py" line="59" />
      <source>Red</source>
      <translation>红色</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/annotations_model.py" line="53" />
      <source>Yellow</source>
      <translation>黄色</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/annotations_model.py" line="120" />
      <source>⚠ The text changed since this was made.</source>
      <translation>⚠ 自批注以来，文档文字已有改动。</translation>
    </message>
  </context>
  <context>
    <name>AnnotationsPanel</name>
    <message>
      <location filename="../../kbclient/gui/annotations_panel.py" line="201" />
      <source>%1 annotations</source>
      <translation>%1 条批注</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/annotations_panel.py" line="204" />
      <source>%1 of %2 annotations</source>
      <translation>%1 / %2 条批注</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/annotations_panel.py" line="235" />
      <source>%1's annotation: read-only</source>
      <translation>%1 的批注：只读</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/annotations_panel.py" line="132" />
      <source>&amp;Delete</source>
      <translation>删除(&amp;D)</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/annotations_panel.py" line="131" />
      <source>&amp;Edit</source>
      <translation>编辑(&amp;E)</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/annotations_panel.py" line="134" />
      <source>&lt;b&gt;Orphaned&lt;/b&gt; — the passage of these could not be found in the current text. They are kept; their quotes are shown here.</source>
      <translation>&lt;b&gt;无法定位&lt;/b&gt; — 在当前文本中找不到这些批注对应的段落。批注仍会保留，其引文显示于此。</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/annotations_panel.py" line="160" />
      <source>All authors</source>
      <translation>全部作者</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/annotations_panel.py" line="161" />
      <source>All tags</source>
      <translation>全部标签</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/annotations_panel.py" line="129" />
      <source>Annotations</source>
      <translation>批注</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/annotations_panel.py" line="127" />
      <source>Filter by author</source>
      <translation>按作者筛选</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/annotations_panel.py" line="128" />
      <source>Filter by tag</source>
      <translation>按标签筛选</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/annotations_panel.py" line="198" />
      <source>No annotations. Select text in the document to highlight or annotate it.</source>
      <translation>暂无批注。在文档中选中文字即可高亮或添加批注。</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/annotations_panel.py" line="130" />
      <source>Orphaned annotations</source>
      <translation>无法定位的批注</translation>
    </message>
  </context>
  <context>
    <name>BuildPackDialog</name>
    <message>
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="358" />
      <source>%1 exists. Replace it?</source>
      <translation>%1 已存在。要替换它吗？</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="327" />
      <source>%1 problems found; fix them before building.</source>
      <translation>发现 %1 个问题，请先修正再构建。</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="234" />
      <source>Base pack</source>
      <translation>基础包</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="189" />
      <source>Base pack:</source>
      <translation>基础包：</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="171" />
      <source>Browse…</source>
      <translation>浏览…</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="205" />
      <source>Build</source>
      <translation>构建</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="163" />
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="359" />
      <source>Build content pack</source>
      <translation>构建内容包</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="362" />
      <source>Building %1…</source>
      <translation>正在构建 %1…</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="384" />
      <source>Built %1: %2 documents, %3.</source>
      <translation>已构建 %1：%2 篇文档，%3。</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="200" />
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="203" />
      <source>Check</source>
      <translation>检查</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="309" />
      <source>Checking %1…</source>
      <translation>正在检查 %1…</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="306" />
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="347" />
      <source>Choose a source folder.</source>
      <translation>请选择源文件夹。</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="350" />
      <source>Choose an output file.</source>
      <translation>请选择输出文件。</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="207" />
      <source>Close</source>
      <translation>关闭</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="234" />
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="246" />
      <source>Content packs (*.kbpack)</source>
      <translation>内容包 (*.kbpack)</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="185" />
      <source>Include the search index</source>
      <translation>包含搜索索引</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="399" />
      <source>No password given; nothing was written.</source>
      <translation>未输入密码，未写入任何内容。</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="333" />
      <source>No problems: %1 documents are ready to build.</source>
      <translation>没有问题：%1 篇文档可以构建。</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="246" />
      <source>Output file</source>
      <translation>输出文件</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="191" />
      <source>Output file:</source>
      <translation>输出文件：</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="131" />
      <source>Password for the signing key %1:</source>
      <translation>签名密钥 %1 的密码：</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="219" />
      <source>Problems (file — line — message):</source>
      <translation>问题（文件 — 行 — 信息）：</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="240" />
      <source>Signing key</source>
      <translation>签名密钥</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="130" />
      <source>Signing key password</source>
      <translation>签名密钥密码</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="190" />
      <source>Signing key:</source>
      <translation>签名密钥：</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="228" />
      <source>Source folder</source>
      <translation>源文件夹</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="188" />
      <source>Source folder:</source>
      <translation>源文件夹：</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="354" />
      <source>The folder %1 does not exist.</source>
      <translation>文件夹 %1 不存在。</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="407" />
      <source>Unexpected error: %1</source>
      <translation>意外错误：%1</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="194" />
      <source>Validation problems</source>
      <translation>校验问题</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="183" />
      <source>optional: a minisign secret key</source>
      <translation>可选：minisign 私钥</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/build_pack_dialog.py" line="180" />
      <source>optional: the previous full pack, for an update</source>
      <translation>可选：上一个完整包，用于生成增量包</translation>
    </message>
  </context>
  <context>
    <name>CrashDialog</name>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="162" />
      <source>Copy details</source>
      <translation>复制详情</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="153" />
      <source>Error details</source>
      <translation>错误详情</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="156" />
      <source>Log file: %1</source>
      <translation>日志文件：%1</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="147" />
      <source>Something went wrong. The details below can be copied into a bug report.</source>
      <translation>出现了问题。可将下面的详细信息复制到错误报告中。</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="144" />
      <source>Unexpected error</source>
      <translation>意外错误</translation>
    </message>
  </context>
  <context>
    <name>ErrorMessages</name>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="53" />
      <source>A document is malformed: %1</source>
      <translation>文档格式有误：%1</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="75" />
      <source>Cannot reach the server (%1); you may be offline. The library is unchanged.</source>
      <translation>无法连接服务器（%1）；您可能处于离线状态。文库未作更改。</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="85" />
      <source>Error: %1</source>
      <translation>错误：%1</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="59" />
      <source>Signature check failed: %1</source>
      <translation>签名校验失败：%1</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="79" />
      <source>Sync failed; the library is unchanged: %1</source>
      <translation>同步失败，文库未改变：%1</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="81" />
      <source>The annotation cannot be saved: %1</source>
      <translation>无法保存批注：%1</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="61" />
      <source>The content pack was refused: %1</source>
      <translation>内容包被拒绝：%1</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="51" />
      <source>The document %1 is not in the library.</source>
      <translation>文库中没有文档 %1。</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="83" />
      <source>The library cannot be opened or changed: %1</source>
      <translation>无法打开或修改文库：%1</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="49" />
      <source>The operation was cancelled; nothing was changed.</source>
      <translation>操作已取消，未作任何更改。</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="71" />
      <source>The password cannot be kept: %1</source>
      <translation>无法保存密码：%1</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="57" />
      <source>The query cannot be searched: %1</source>
      <translation>无法执行该查询：%1</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="55" />
      <source>The search index needs repair: %1</source>
      <translation>搜索索引需要修复：%1</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="63" />
      <source>The server did not accept the user name or password; enter them again.</source>
      <translation>服务器不接受该用户名或密码，请重新输入。</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="65" />
      <source>The server refused access (%1); ask an administrator for access.</source>
      <translation>服务器拒绝访问（%1）；请向管理员申请访问权限。</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="69" />
      <source>The server refused the credentials: %1</source>
      <translation>服务器拒绝了凭据：%1</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="73" />
      <source>The system keyring is not available: %1</source>
      <translation>系统密钥环不可用：%1</translation>
    </message>
  </context>
  <context>
    <name>FacetPanel</name>
    <message>
      <location filename="../../kbclient/gui/facets.py" line="40" />
      <source>Facets</source>
      <translation>分面筛选</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/facets.py" line="72" />
      <source>Filter by %1</source>
      <translation>按%1筛选</translation>
    </message>
  </context>
  <context>
    <name>FilterChips</name>
    <message>
      <location filename="../../kbclient/gui/facets.py" line="128" />
      <location filename="../../kbclient/gui/facets.py" line="129" />
      <source>Remove the filter %1</source>
      <translation>移除筛选条件 %1</translation>
    </message>
  </context>
  <context>
    <name>HelpDialog</name>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="84" />
      <source>Documents with all the words (Chinese and English can be mixed).</source>
      <translation>包含所有词语的文档（中英文可混合）。</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="87" />
      <source>Either word.</source>
      <translation>任一词语。</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="103" />
      <source>Filter by content pack or status.</source>
      <translation>按内容包或状态筛选。</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="101" />
      <source>Filter by tag, organisation or language (zh, en, mixed).</source>
      <translation>按标签、机构或语言（zh、en、mixed）筛选。</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="117" />
      <source>Keys: Ctrl+K or Ctrl+F goes to the search field; Up and Down move through the results; Enter opens one; F3 and Shift+F3 jump between matches in the document; Alt+Left and Alt+Right go back and forward.</source>
      <translation>快捷键：Ctrl+K 或 Ctrl+F 跳到搜索框；上下方向键在结果间移动；回车打开结果；F3 和 Shift+F3 在文档中的匹配处之间跳转；Alt+左/右 后退和前进。</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="88" />
      <source>Leave out documents with a word.</source>
      <translation>排除包含该词语的文档。</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="97" />
      <source>Only this kind: research-note, standard-draft, talent-guide, other.</source>
      <translation>仅限该类型：research-note（研究笔记）、standard-draft（标准草案）、talent-guide（人才指南）、other（其他）。</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="69" />
      <location filename="../../kbclient/gui/dialogs.py" line="126" />
      <source>Query syntax</source>
      <translation>查询语法</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="71" />
      <source>Query syntax help</source>
      <translation>查询语法帮助</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="86" />
      <source>The exact phrase.</source>
      <translation>完全匹配该短语。</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="110" />
      <source>Type to search; results update as you type. A query that cannot be parsed still searches its words.</source>
      <translation>输入即搜索，结果随输入更新。无法解析的查询仍会按其中的词语搜索。</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="91" />
      <source>Words starting with regul. The last word you type is always treated this way.</source>
      <translation>以 regul 开头的词。正在输入的最后一个词总是按前缀处理。</translation>
    </message>
  </context>
  <context>
    <name>HitDelegate</name>
    <message>
      <location filename="../../kbclient/gui/delegates.py" line="74" />
      <source>note by %1</source>
      <translation>%1 的批注</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/delegates.py" line="71" />
      <source>unverified</source>
      <translation>未验证</translation>
    </message>
  </context>
  <context>
    <name>Labels</name>
    <message>
      <location filename="../../kbclient/gui/labels.py" line="42" />
      <source>Annotated</source>
      <translation>有批注</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/labels.py" line="30" />
      <source>Chinese</source>
      <translation>中文</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/labels.py" line="30" />
      <source>Chinese and English</source>
      <translation>中英文</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/labels.py" line="25" />
      <source>Draft</source>
      <translation>草稿</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/labels.py" line="30" />
      <source>English</source>
      <translation>英文</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/labels.py" line="36" />
      <source>Kind</source>
      <translation>类型</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/labels.py" line="39" />
      <source>Language</source>
      <translation>语言</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/labels.py" line="38" />
      <source>Organisation</source>
      <translation>机构</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/labels.py" line="19" />
      <source>Other</source>
      <translation>其他</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/labels.py" line="40" />
      <source>Pack</source>
      <translation>内容包</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/labels.py" line="25" />
      <source>Published</source>
      <translation>已发布</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/labels.py" line="16" />
      <source>Research note</source>
      <translation>研究笔记</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/labels.py" line="17" />
      <source>Standard draft</source>
      <translation>标准草案</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/labels.py" line="41" />
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/labels.py" line="37" />
      <source>Tag</source>
      <translation>标签</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/labels.py" line="18" />
      <source>Talent guide</source>
      <translation>人才指南</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/labels.py" line="25" />
      <source>Withdrawn</source>
      <translation>已撤回</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/labels.py" line="56" />
      <source>yes</source>
      <translation>是</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="407" />
      <source>%1 documents</source>
      <translation>%1 篇文档</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="451" />
      <source>%1 documents match (%2 ms)</source>
      <translation>%1 篇文档匹配（%2 毫秒）</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="328" />
      <source>&amp;Annotations</source>
      <translation>批注(&amp;A)</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="325" />
      <source>&amp;Edit</source>
      <translation>编辑(&amp;E)</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="324" />
      <source>&amp;File</source>
      <translation>文件(&amp;F)</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="332" />
      <source>&amp;Help</source>
      <translation>帮助(&amp;H)</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="311" />
      <source>&amp;Sort:</source>
      <translation>排序(&amp;S)：</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="636" />
      <source>&amp;Sync</source>
      <translation>同步(&amp;S)</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="327" />
      <source>&amp;Tools</source>
      <translation>工具(&amp;T)</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="326" />
      <source>&amp;View</source>
      <translation>视图(&amp;V)</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="340" />
      <source>About kbclient</source>
      <translation>关于 kbclient</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="638" />
      <source>Account…</source>
      <translation>账户…</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="330" />
      <source>Annotations</source>
      <translation>批注</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="688" />
      <source>Annotations were not shared: %1</source>
      <translation>批注未能共享：%1</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="339" />
      <source>Build pack…</source>
      <translation>构建内容包…</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="321" />
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="322" />
      <source>Cancel the running operation</source>
      <translation>取消正在进行的操作</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="391" />
      <source>Checking the index…</source>
      <translation>正在检查索引…</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="337" />
      <source>Content packs…</source>
      <translation>内容包…</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="315" />
      <source>Date</source>
      <translation>日期</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="320" />
      <source>Dismiss message</source>
      <translation>关闭消息</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="342" />
      <source>Go to document</source>
      <translation>转到文档</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="341" />
      <source>Go to results</source>
      <translation>转到结果列表</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="333" />
      <source>Go to search</source>
      <translation>转到搜索框</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="338" />
      <source>Import pack…</source>
      <translation>导入内容包…</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="418" />
      <source>Index needs repair (%1 problems)</source>
      <translation>索引需要修复（%1 个问题）</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="416" />
      <source>Index up to date</source>
      <translation>索引已是最新</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="377" />
      <source>Library not available</source>
      <translation>文库不可用</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="384" />
      <location filename="../../kbclient/gui/main_window.py" line="410" />
      <location filename="../../kbclient/gui/main_window.py" line="442" />
      <source>Loading the library…</source>
      <translation>正在加载文库…</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="448" />
      <source>No documents match.</source>
      <translation>没有匹配的文档。</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="329" />
      <source>Only documents with annotations</source>
      <translation>仅显示有批注的文档</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="323" />
      <source>Progress</source>
      <translation>进度</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="309" />
      <source>Query syntax help</source>
      <translation>查询语法帮助</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="310" />
      <source>Query syntax help (F1)</source>
      <translation>查询语法帮助 (F1)</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="336" />
      <source>Quit</source>
      <translation>退出</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="334" />
      <source>Rebuild search index</source>
      <translation>重建搜索索引</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="412" />
      <source>Rebuilding the index…</source>
      <translation>正在重建索引…</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="446" />
      <source>Recently updated documents</source>
      <translation>最近更新的文档</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="315" />
      <source>Relevance</source>
      <translation>相关度</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="319" />
      <source>Results</source>
      <translation>搜索结果</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="308" />
      <source>Search</source>
      <translation>搜索</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="307" />
      <source>Search the library (Chinese or English)…</source>
      <translation>搜索文库（中文或英文）…</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="335" />
      <source>Settings…</source>
      <translation>设置…</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="318" />
      <source>Sort results by</source>
      <translation>结果排序方式</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="637" />
      <source>Sync now</source>
      <translation>立即同步</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="548" />
      <source>The search index was rebuilt.</source>
      <translation>搜索索引已重建。</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="315" />
      <source>Title</source>
      <translation>标题</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="639" />
      <source>What's new…</source>
      <translation>新增内容…</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="306" />
      <source>kbclient — Knowledge base</source>
      <translation>kbclient — 知识库</translation>
    </message>
  </context>
  <context>
    <name>NoteEditor</name>
    <message>
      <location filename="../../kbclient/gui/annotation_editor.py" line="124" />
      <source>&amp;Save note</source>
      <translation>保存批注(&amp;S)</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/annotation_editor.py" line="118" />
      <source>&amp;Tags:</source>
      <translation>标签(&amp;T)：</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/annotation_editor.py" line="130" />
      <source>&lt;b&gt;Edit note&lt;/b&gt;</source>
      <translation>&lt;b&gt;编辑批注&lt;/b&gt;</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/annotation_editor.py" line="130" />
      <source>&lt;b&gt;New note&lt;/b&gt;</source>
      <translation>&lt;b&gt;新建批注&lt;/b&gt;</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/annotation_editor.py" line="125" />
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/annotation_editor.py" line="121" />
      <source>Highlight colour</source>
      <translation>高亮颜色</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/annotation_editor.py" line="120" />
      <source>Note</source>
      <translation>批注</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/annotation_editor.py" line="116" />
      <source>Note (Markdown)</source>
      <translation>批注（Markdown）</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/annotation_editor.py" line="117" />
      <source>Preview</source>
      <translation>预览</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/annotation_editor.py" line="119" />
      <source>comma-separated</source>
      <translation>用逗号分隔</translation>
    </message>
  </context>
  <context>
    <name>PackTableModel</name>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="140" />
      <source>Documents</source>
      <translation>文档数</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="136" />
      <source>ID</source>
      <translation>ID</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="142" />
      <source>Installed</source>
      <translation>安装时间</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="138" />
      <source>Publisher</source>
      <translation>发布者</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="141" />
      <source>Size</source>
      <translation>大小</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="135" />
      <source>Title</source>
      <translation>标题</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="139" />
      <source>Verified</source>
      <translation>已验证</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="137" />
      <source>Version</source>
      <translation>版本</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="151" />
      <source>unverified</source>
      <translation>未验证</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="150" />
      <source>unverified (key %1)</source>
      <translation>未验证（密钥 %1）</translation>
    </message>
  </context>
  <context>
    <name>PacksWindow</name>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="604" />
      <source>%1 was not imported.</source>
      <translation>%1 未导入。</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="421" />
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="414" />
      <source>Close</source>
      <translation>关闭</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="388" />
      <source>Content packs</source>
      <translation>内容包</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="92" />
      <source>Content packs (*.kbpack)</source>
      <translation>内容包 (*.kbpack)</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="416" />
      <source>Drop .kbpack files here to import them.</source>
      <translation>将 .kbpack 文件拖放到此处即可导入。</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="90" />
      <source>Import content packs</source>
      <translation>导入内容包</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="633" />
      <source>Imported %1 version %2: %3 added, %4 changed, %5 removed.</source>
      <translation>已导入 %1 版本 %2：新增 %3 篇，修改 %4 篇，删除 %5 篇。</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="615" />
      <source>Importing %1…</source>
      <translation>正在导入 %1…</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="408" />
      <source>Import…</source>
      <translation>导入…</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="412" />
      <source>Refresh</source>
      <translation>刷新</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="410" />
      <source>Remove</source>
      <translation>移除</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="544" />
      <source>Remove pack</source>
      <translation>移除内容包</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="539" />
      <source>Remove the pack “%1” (%2) and its %3 documents from the library?</source>
      <translation>要从文库中移除内容包“%1”（%2）及其 %3 篇文档吗？</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="558" />
      <source>Removed %1 (%2 documents).</source>
      <translation>已移除 %1（%2 篇文档）。</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="546" />
      <source>Removing %1…</source>
      <translation>正在移除 %1…</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="502" />
      <source>Unexpected error: %1</source>
      <translation>意外错误：%1</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="579" />
      <source>Verifying %1…</source>
      <translation>正在校验 %1…</translation>
    </message>
  </context>
  <context>
    <name>ReaderWidget</name>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="425" />
      <source>%1 of %2</source>
      <translation>第 %1 处，共 %2 处</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="316" />
      <source>Authors</source>
      <translation>作者</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="203" />
      <source>Back</source>
      <translation>后退</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="211" />
      <source>Copy</source>
      <translation>复制</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="214" />
      <source>Document details</source>
      <translation>文档信息</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="215" />
      <source>Document text</source>
      <translation>文档正文</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="535" />
      <source>Export to PDF</source>
      <translation>导出为 PDF</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="210" />
      <source>Export to PDF…</source>
      <translation>导出为 PDF…</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="204" />
      <source>Forward</source>
      <translation>前进</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="314" />
      <source>Kind</source>
      <translation>类型</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="320" />
      <source>Language</source>
      <translation>语言</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="217" />
      <source>Match position</source>
      <translation>匹配位置</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="205" />
      <source>Next match</source>
      <translation>下一处匹配</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="364" />
      <source>Open external link</source>
      <translation>打开外部链接</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="365" />
      <source>Open this address in your web browser?
%1</source>
      <translation>要在网页浏览器中打开此地址吗？
%1</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="315" />
      <source>Organisation</source>
      <translation>机构</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="216" />
      <source>Outline</source>
      <translation>目录</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="535" />
      <source>PDF files (*.pdf)</source>
      <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="321" />
      <source>Pack</source>
      <translation>内容包</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="206" />
      <source>Previous match</source>
      <translation>上一处匹配</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="209" />
      <source>Print…</source>
      <translation>打印…</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="213" />
      <source>Reader</source>
      <translation>阅读器</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="289" />
      <source>Select a result to read it here.</source>
      <translation>选择一条结果即可在此阅读。</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="212" />
      <source>Select all</source>
      <translation>全选</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="319" />
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="328" />
      <source>Tags</source>
      <translation>标签</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="308" />
      <source>This document comes from a pack whose signature was not verified.</source>
      <translation>本文档来自签名未经验证的内容包。</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="307" />
      <source>Unverified</source>
      <translation>未验证</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="318" />
      <source>Updated</source>
      <translation>更新日期</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="317" />
      <source>Version</source>
      <translation>版本</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="302" />
      <source>WITHDRAWN — this document is no longer valid.</source>
      <translation>已撤回 — 本文档已不再有效。</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="207" />
      <source>Zoom in</source>
      <translation>放大</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="208" />
      <source>Zoom out</source>
      <translation>缩小</translation>
    </message>
  </context>
  <context>
    <name>SettingsDialog</name>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="44" />
      <source>&amp;Data folder:</source>
      <translation>数据文件夹(&amp;D)：</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="40" />
      <source>&amp;Language:</source>
      <translation>语言(&amp;L)：</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="50" />
      <source>&amp;Results per page:</source>
      <translation>每页结果数(&amp;R)：</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="43" />
      <source>Data folder</source>
      <translation>数据文件夹</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="49" />
      <source>Results per page</source>
      <translation>每页结果数</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="31" />
      <source>Settings</source>
      <translation>设置</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="34" />
      <source>System default</source>
      <translation>跟随系统</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="39" />
      <source>User-interface language</source>
      <translation>界面语言</translation>
    </message>
  </context>
  <context>
    <name>SyncController</name>
    <message>
      <location filename="../../kbclient/gui/sync_controller.py" line="228" />
      <source>Enter the address of the server to sync with.</source>
      <translation>请输入要同步的服务器地址。</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/sync_controller.py" line="185" />
      <source>Last sync: %1</source>
      <translation>上次同步：%1</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/sync_controller.py" line="180" />
      <source>Last sync: never</source>
      <translation>上次同步：从未</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/sync_controller.py" line="304" />
      <source>Sync cancelled; the library is unchanged.</source>
      <translation>同步已取消；文库未作更改。</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/sync_controller.py" line="289" />
      <source>Sync finished: %1 new, %2 updated, %3 removed documents.</source>
      <translation>同步完成：新增 %1 篇，更新 %2 篇，删除 %3 篇文档。</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/sync_controller.py" line="296" />
      <source>The library is up to date.</source>
      <translation>文库已是最新。</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/sync_controller.py" line="312" />
      <source>The server did not accept the user name or password. Enter them again.</source>
      <translation>服务器不接受该用户名或密码。请重新输入。</translation>
    </message>
  </context>
  <context>
    <name>VerifyReportDialog</name>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="309" />
      <source>%1 (installed: %2)</source>
      <translation>%1（已安装：%2）</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="306" />
      <source>%1 (not installed yet)</source>
      <translation>%1（尚未安装）</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="322" />
      <source>%1 added, %2 changed, %3 removed, %4 unchanged</source>
      <translation>新增 %1，修改 %2，删除 %3，未变 %4</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="341" />
      <source>Changes:</source>
      <translation>变更：</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="342" />
      <source>Disk space needed:</source>
      <translation>所需磁盘空间：</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="257" />
      <source>Document changes</source>
      <translation>文档变更</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="340" />
      <source>Documents:</source>
      <translation>文档：</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="339" />
      <source>Files checked:</source>
      <translation>已检查文件：</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="266" />
      <source>Import</source>
      <translation>导入</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="262" />
      <source>Import anyway (unverified)</source>
      <translation>仍然导入（未验证）</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="335" />
      <source>Pack:</source>
      <translation>内容包：</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="337" />
      <source>Publisher:</source>
      <translation>发布者：</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="264" />
      <source>Replace with older version</source>
      <translation>替换为旧版本</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="343" />
      <source>Search index:</source>
      <translation>搜索索引：</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="338" />
      <source>Signature:</source>
      <translation>签名：</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="283" />
      <source>This pack is not signed: its origin and integrity cannot be checked. Import it only if you trust where it came from.</source>
      <translation>此内容包未签名：无法校验其来源和完整性。请仅在信任其来源时导入。</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="290" />
      <source>This pack is signed by key %1, which is not one of your trusted keys. Import it only if you trust where it came from.</source>
      <translation>此内容包由密钥 %1 签名，但该密钥不在您受信任的密钥中。请仅在信任其来源时导入。</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="241" />
      <source>Verify content pack</source>
      <translation>校验内容包</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="297" />
      <source>Version %1 is installed; this older version would replace it.</source>
      <translation>已安装版本 %1；此较旧的版本将替换它。</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="336" />
      <source>Version:</source>
      <translation>版本：</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="331" />
      <source>built on this computer</source>
      <translation>在本机构建</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="320" />
      <source>not checked, key %1 is not trusted</source>
      <translation>未校验，密钥 %1 不受信任</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="316" />
      <source>not signed</source>
      <translation>未签名</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="329" />
      <source>prebuilt, used as is</source>
      <translation>预先构建，直接使用</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="333" />
      <source>rebuilt on this computer</source>
      <translation>在本机重建</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="314" />
      <source>update of version %1</source>
      <translation>基于版本 %1 的更新</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/packs_window.py" line="318" />
      <source>valid, key %1 (trusted)</source>
      <translation>有效，密钥 %1（受信任）</translation>
    </message>
  </context>
  <context>
    <name>WhatsNewDialog</name>
    <message>
      <location filename="../../kbclient/gui/whats_new.py" line="113" />
      <source>(%1 more are not listed.)</source>
      <translation>（另有 %1 篇未列出。）</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/whats_new.py" line="90" />
      <source>Documents added or changed by the last sync</source>
      <translation>上次同步新增或更新的文档</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/whats_new.py" line="105" />
      <source>The last sync brought %1 new and %2 updated documents; %3 were removed.</source>
      <translation>上次同步新增 %1 篇、更新 %2 篇文档；删除 %3 篇。</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/whats_new.py" line="84" />
      <source>What's new</source>
      <translation>新增内容</translation>
    </message>
  </context>
  <context>
    <name>WhatsNewModel</name>
    <message>
      <location filename="../../kbclient/gui/whats_new.py" line="60" />
      <source>New</source>
      <translation>新增</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/whats_new.py" line="60" />
      <source>Updated</source>
      <translation>已更新</translation>
    </message>
  </context>
</TS>
