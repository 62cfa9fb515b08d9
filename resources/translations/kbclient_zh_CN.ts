<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>AboutDialog</name>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="112" />
      <source>About kbclient</source>
      <translation>关于 kbclient</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="120" />
      <source>Licensed under the Apache License 2.0.</source>
      <translation>依据 Apache 许可证 2.0 授权。</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="118" />
      <source>The offline knowledge base of the Fintech Coordination Innovation Platform.</source>
      <translation>金融科技协同创新平台的离线知识库。</translation>
    </message>
  </context>
  <context>
    <name>CrashDialog</name>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="122" />
      <source>Copy details</source>
      <translation>复制详情</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="114" />
      <source>Error details</source>
      <translation>错误详情</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="117" />
      <source>Log file: %1</source>
      <translation>日志文件：%1</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="108" />
      <source>Something went wrong. The details below can be copied into a bug report.</source>
      <translation>出现了问题。可将下面的详细信息复制到错误报告中。</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="106" />
      <source>Unexpected error</source>
      <translation>意外错误</translation>
    </message>
  </context>
  <context>
    <name>ErrorMessages</name>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="52" />
      <source>A document is malformed: %1</source>
      <translation>文档格式有误：%1</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="72" />
      <source>Error: %1</source>
      <translation>错误：%1</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="58" />
      <source>Signature check failed: %1</source>
      <translation>签名校验失败：%1</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="66" />
      <source>Sync failed; the library is unchanged: %1</source>
      <translation>同步失败，文库未改变：%1</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="68" />
      <source>The annotation cannot be saved: %1</source>
      <translation>无法保存批注：%1</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="60" />
      <source>The content pack was refused: %1</source>
      <translation>内容包被拒绝：%1</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="50" />
      <source>The document %1 is not in the library.</source>
      <translation>文库中没有文档 %1。</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="70" />
      <source>The library cannot be opened or changed: %1</source>
      <translation>无法打开或修改文库：%1</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="48" />
      <source>The operation was cancelled; nothing was changed.</source>
      <translation>操作已取消，未作任何更改。</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="56" />
      <source>The query cannot be searched: %1</source>
      <translation>无法执行该查询：%1</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="54" />
      <source>The search index needs repair: %1</source>
      <translation>搜索索引需要修复：%1</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="62" />
      <source>The server refused the credentials: %1</source>
      <translation>服务器拒绝了凭据：%1</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/errors.py" line="64" />
      <source>The system keyring is not available: %1</source>
      <translation>系统密钥环不可用：%1</translation>
    </message>
  </context>
  <context>
    <name>FacetPanel</name>
    <message>
      <location filename="../../kbclient/gui/facets.py" line="37" />
      <source>Facets</source>
      <translation>分面筛选</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/facets.py" line="68" />
      <source>Filter by %1</source>
      <translation>按%1筛选</translation>
    </message>
  </context>
  <context>
    <name>FilterChips</name>
    <message>
      <location filename="../../kbclient/gui/facets.py" line="122" />
      <location filename="../../kbclient/gui/facets.py" line="123" />
      <source>Remove the filter %1</source>
      <translation>移除筛选条件 %1</translation>
    </message>
  </context>
  <context>
    <name>HelpDialog</name>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="80" />
      <source>Documents with all the words (Chinese and English can be mixed).</source>
      <translation>包含所有词语的文档（中英文可混合）。</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="83" />
      <source>Either word.</source>
      <translation>任一词语。</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="91" />
      <source>Filter by content pack or status.</source>
      <translation>按内容包或状态筛选。</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="89" />
      <source>Filter by tag, organisation or language (zh, en, mixed).</source>
      <translation>按标签、机构或语言（zh、en、mixed）筛选。</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="98" />
      <source>Keys: Ctrl+K or Ctrl+F goes to the search field; Up and Down move through the results; Enter opens one; F3 and Shift+F3 jump between matches in the document; Alt+Left and Alt+Right go back and forward.</source>
      <translation>快捷键：Ctrl+K 或 Ctrl+F 跳到搜索框；上下方向键在结果间移动；回车打开结果；F3 和 Shift+F3 在文档中的匹配处之间跳转；Alt+左/右 后退和前进。</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="84" />
      <source>Leave out documents with a word.</source>
      <translation>排除包含该词语的文档。</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="87" />
      <source>Only this kind: research-note, standard-draft, talent-guide, other.</source>
      <translation>仅限该类型：research-note（研究笔记）、standard-draft（标准草案）、talent-guide（人才指南）、other（其他）。</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="67" />
      <location filename="../../kbclient/gui/dialogs.py" line="103" />
      <source>Query syntax</source>
      <translation>查询语法</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="69" />
      <source>Query syntax help</source>
      <translation>查询语法帮助</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="82" />
      <source>The exact phrase.</source>
      <translation>完全匹配该短语。</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="95" />
      <source>Type to search; results update as you type. A query that cannot be parsed still searches its words.</source>
      <translation>输入即搜索，结果随输入更新。无法解析的查询仍会按其中的词语搜索。</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="85" />
      <source>Words starting with regul. The last word you type is always treated this way.</source>
      <translation>以 regul 开头的词。正在输入的最后一个词总是按前缀处理。</translation>
    </message>
  </context>
  <context>
    <name>Labels</name>
    <message>
      <location filename="../../kbclient/gui/labels.py" line="31" />
      <source>Chinese</source>
      <translation>中文</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/labels.py" line="31" />
      <source>Chinese and English</source>
      <translation>中英文</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/labels.py" line="25" />
      <source>Draft</source>
      <translation>草稿</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/labels.py" line="31" />
      <source>English</source>
      <translation>英文</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/labels.py" line="36" />
      <source>Kind</source>
      <translation>类型</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/labels.py" line="37" />
      <source>Language</source>
      <translation>语言</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/labels.py" line="36" />
      <source>Organisation</source>
      <translation>机构</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/labels.py" line="19" />
      <source>Other</source>
      <translation>其他</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/labels.py" line="37" />
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
      <location filename="../../kbclient/gui/labels.py" line="37" />
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/labels.py" line="36" />
      <source>Tag</source>
      <translation>标签</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/labels.py" line="18" />
      <source>Talent guide</source>
      <translation>人才指南</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/labels.py" line="26" />
      <source>Withdrawn</source>
      <translation>已撤回</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="312" />
      <source>%1 documents</source>
      <translation>%1 篇文档</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="352" />
      <source>%1 documents match (%2 ms)</source>
      <translation>%1 篇文档匹配（%2 毫秒）</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="251" />
      <source>&amp;Edit</source>
      <translation>编辑(&amp;E)</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="250" />
      <source>&amp;File</source>
      <translation>文件(&amp;F)</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="254" />
      <source>&amp;Help</source>
      <translation>帮助(&amp;H)</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="237" />
      <source>&amp;Sort:</source>
      <translation>排序(&amp;S)：</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="253" />
      <source>&amp;Tools</source>
      <translation>工具(&amp;T)</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="252" />
      <source>&amp;View</source>
      <translation>视图(&amp;V)</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="259" />
      <source>About kbclient</source>
      <translation>关于 kbclient</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="247" />
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="248" />
      <source>Cancel the running operation</source>
      <translation>取消正在进行的操作</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="300" />
      <source>Checking the index…</source>
      <translation>正在检查索引…</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="241" />
      <source>Date</source>
      <translation>日期</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="246" />
      <source>Dismiss message</source>
      <translation>关闭消息</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="261" />
      <source>Go to document</source>
      <translation>转到文档</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="260" />
      <source>Go to results</source>
      <translation>转到结果列表</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="255" />
      <source>Go to search</source>
      <translation>转到搜索框</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="321" />
      <source>Index needs repair (%1 problems)</source>
      <translation>索引需要修复（%1 个问题）</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="320" />
      <source>Index up to date</source>
      <translation>索引已是最新</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="286" />
      <source>Library not available</source>
      <translation>文库不可用</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="293" />
      <location filename="../../kbclient/gui/main_window.py" line="314" />
      <location filename="../../kbclient/gui/main_window.py" line="343" />
      <source>Loading the library…</source>
      <translation>正在加载文库…</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="349" />
      <source>No documents match.</source>
      <translation>没有匹配的文档。</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="249" />
      <source>Progress</source>
      <translation>进度</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="235" />
      <source>Query syntax help</source>
      <translation>查询语法帮助</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="236" />
      <source>Query syntax help (F1)</source>
      <translation>查询语法帮助 (F1)</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="258" />
      <source>Quit</source>
      <translation>退出</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="256" />
      <source>Rebuild search index</source>
      <translation>重建搜索索引</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="316" />
      <source>Rebuilding the index…</source>
      <translation>正在重建索引…</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="347" />
      <source>Recently updated documents</source>
      <translation>最近更新的文档</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="241" />
      <source>Relevance</source>
      <translation>相关度</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="245" />
      <source>Results</source>
      <translation>搜索结果</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="234" />
      <source>Search</source>
      <translation>搜索</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="233" />
      <source>Search the library (Chinese or English)…</source>
      <translation>搜索文库（中文或英文）…</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="257" />
      <source>Settings…</source>
      <translation>设置…</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="244" />
      <source>Sort results by</source>
      <translation>结果排序方式</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="438" />
      <source>The search index was rebuilt.</source>
      <translation>搜索索引已重建。</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="241" />
      <source>Title</source>
      <translation>标题</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/main_window.py" line="231" />
      <source>kbclient — Knowledge base</source>
      <translation>kbclient — 知识库</translation>
    </message>
  </context>
  <context>
    <name>ReaderWidget</name>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="383" />
      <source>%1 of %2</source>
      <translation>第 %1 处，共 %2 处</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="285" />
      <source>Authors</source>
      <translation>作者</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="183" />
      <source>Back</source>
      <translation>后退</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="191" />
      <source>Copy</source>
      <translation>复制</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="194" />
      <source>Document details</source>
      <translation>文档信息</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="195" />
      <source>Document text</source>
      <translation>文档正文</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="437" />
      <source>Export to PDF</source>
      <translation>导出为 PDF</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="190" />
      <source>Export to PDF…</source>
      <translation>导出为 PDF…</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="184" />
      <source>Forward</source>
      <translation>前进</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="283" />
      <source>Kind</source>
      <translation>类型</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="289" />
      <source>Language</source>
      <translation>语言</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="197" />
      <source>Match position</source>
      <translation>匹配位置</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="185" />
      <source>Next match</source>
      <translation>下一处匹配</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="330" />
      <source>Open external link</source>
      <translation>打开外部链接</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="331" />
      <source>Open this address in your web browser?
%1</source>
      <translation>要在网页浏览器中打开此地址吗？
%1</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="284" />
      <source>Organisation</source>
      <translation>机构</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="196" />
      <source>Outline</source>
      <translation>目录</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="438" />
      <source>PDF files (*.pdf)</source>
      <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="290" />
      <source>Pack</source>
      <translation>内容包</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="186" />
      <source>Previous match</source>
      <translation>上一处匹配</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="189" />
      <source>Print…</source>
      <translation>打印…</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="193" />
      <source>Reader</source>
      <translation>阅读器</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="262" />
      <source>Select a result to read it here.</source>
      <translation>选择一条结果即可在此阅读。</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="192" />
      <source>Select all</source>
      <translation>全选</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="288" />
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="298" />
      <source>Tags</source>
      <translation>标签</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="279" />
      <source>This document comes from a pack whose signature was not verified.</source>
      <translation>本文档来自签名未经验证的内容包。</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="279" />
      <source>Unverified</source>
      <translation>未验证</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="287" />
      <source>Updated</source>
      <translation>更新日期</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="286" />
      <source>Version</source>
      <translation>版本</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="276" />
      <source>WITHDRAWN — this document is no longer valid.</source>
      <translation>已撤回 — 本文档已不再有效。</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="187" />
      <source>Zoom in</source>
      <translation>放大</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/reader.py" line="188" />
      <source>Zoom out</source>
      <translation>缩小</translation>
    </message>
  </context>
  <context>
    <name>SettingsDialog</name>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="43" />
      <source>&amp;Data folder:</source>
      <translation>数据文件夹(&amp;D)：</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="39" />
      <source>&amp;Language:</source>
      <translation>语言(&amp;L)：</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="49" />
      <source>&amp;Results per page:</source>
      <translation>每页结果数(&amp;R)：</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="42" />
      <source>Data folder</source>
      <translation>数据文件夹</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="48" />
      <source>Results per page</source>
      <translation>每页结果数</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="30" />
      <source>Settings</source>
      <translation>设置</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="33" />
      <source>System default</source>
      <translation>跟随系统</translation>
    </message>
    <message>
      <location filename="../../kbclient/gui/dialogs.py" line="38" />
      <source>User-interface language</source>
      <translation>界面语言</translation>
    </message>
  </context>
</TS>
