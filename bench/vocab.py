"""Word lists of the benchmark corpus: Chinese and English fintech, regulatory, talent words."""

from __future__ import annotations


def _split(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Chinese words by topic: a document leans on one topic, so AND queries have realistic
# selectivity (two words of one topic co-occur far more often than words of two topics).
ZH_TOPICS: dict[str, tuple[str, ...]] = {
    "sandbox": _split(
        "监管沙盒 沙盒 试点 测试 创新产品 准入 退出机制 风险评估 消费者保护 持牌机构 监管科技 "
        "合规 申报 评审 白名单 测试期 风险敞口 应急预案 创新监管 包容审慎 监管机构 金融管理部门 "
        "试点项目 声明书 风险补偿 投诉处理"
    ),
    "privacy": _split(
        "隐私计算 联邦学习 多方安全计算 可信执行环境 差分隐私 同态加密 数据要素 数据治理 数据安全 "
        "个人信息 脱敏 授权 数据共享 联合建模 数据孤岛 数据资产 算力 密钥管理 安全审计 匿名化 "
        "数据分类分级 最小必要 数据出境 加密算法 隐私保护"
    ),
    "ecny": _split(
        "数字人民币 数字钱包 试点 支付 结算 清算 可控匿名 双层运营 商业银行 运营机构 智能合约 "
        "跨境支付 离线支付 硬件钱包 零售支付 流通 兑换 场景 商户 受理终端 红包 试点城市 "
        "钱包余额 支付即结算"
    ),
    "openbank": _split(
        "开放银行 接口 应用程序接口 数据接口 第三方机构 场景金融 生态 用户授权 身份认证 令牌 "
        "标准化 互联互通 服务目录 访问控制 调用量 银行账户 聚合支付 开发者 沙箱环境 流量 "
        "接口规范 安全认证 数据最小化 服务协议"
    ),
    "aml": _split(
        "反洗钱 可疑交易 客户身份识别 尽职调查 受益所有人 交易监测 名单筛查 制裁 恐怖融资 "
        "风险等级 报告义务 大额交易 资金链路 账户冻结 洗钱风险 合规官 内部控制 模型预警 误报率 "
        "案件 客户画像 异常交易 跨境汇款"
    ),
    "credit": _split(
        "信用评分 征信 信用报告 违约概率 风控模型 特征工程 小微企业 普惠金融 贷款审批 授信 逾期 "
        "评分卡 替代数据 反欺诈 信用体系 信贷 担保 融资 利率 不良率 信用修复 还款能力 贷后管理"
    ),
    "talent": _split(
        "人才 人才计划 高层次人才 海外人才 申报条件 资格 补贴 住房补贴 落户 子女入学 申请材料 "
        "截止日期 评审流程 专家评审 创业团队 股权激励 博士后 工作站 个人所得税 奖励 领军人才 "
        "青年人才 人才公寓 服务专员"
    ),
    "incubator": _split(
        "孵化器 加速器 众创空间 科技园 中关村 海淀区 创业 初创企业 天使投资 风险投资 路演 "
        "知识产权 专利 成果转化 产学研 产业园 入驻 租金减免 导师 投融资对接 孵化 中关村科学城 "
        "独角兽 毕业企业"
    ),
}

ZH_GENERAL = _split(
    "金融科技 平台 科技 银行 机构 企业 监管 风险 数据 技术 系统 服务 产品 客户 市场 标准 规范 "
    "框架 模型 算法 安全 流程 管理 治理 能力 体系 机制 政策 措施 方案 指标 报告 研究 成员单位 "
    "协会 委员会 工作组 秘书处 行业 基础设施 云计算 人工智能 区块链 大数据 物联网 移动支付 "
    "网络安全 信息披露 消费者 投资者 金融机构 证券 保险 基金 资产管理 财富管理 供应链金融 "
    "绿色金融 碳排放 跨境 外汇 资本市场 中小银行 城商行 农商行 数字化转型 运营 成本 效率 透明度 "
    "可解释性 稳定性 韧性 压力测试 审计 评估 样本 用户 应用 项目 合作 协同创新 北京 上海 深圳 "
    "粤港澳大湾区 长三角 京津冀 副行长 行长 董事会 高管 员工 专家 学者 研究院 实验室 大学 高校 "
    "业务 环节 要求 原则 目标 问题 挑战 经验 案例 实践 路径 模式 工具 文件 制度 条款 职责 "
    "分支机构 总行 信息系统 操作风险 信用风险 市场风险 流动性 资本 收益 投入 人员 岗位 培训 "
    "考核 监督 检查 整改 问责 档案 记录 日志 版本 功能 性能 架构 部署 运维 测试环境 生产环境"
)

ZH_VERBS = _split(
    "推进 推动 建立 完善 加强 提升 优化 开展 落实 探索 实施 制定 发布 评估 监测 识别 防范 控制 "
    "管理 支持 鼓励 引导 规范 保障 促进 整合 共享 部署 应用 验证 申请 审核 披露 报送 处置 协调 "
    "培育 吸引 引进 覆盖 接入 对接 打通 构建 研究 分析 测算 跟踪 遵循 明确 细化 梳理 统筹"
)

ZH_ADJ = _split(
    "重要 关键 核心 主要 有效 统一 全面 稳健 审慎 可信 开放 透明 创新 数字 智能 基础 长期 持续 "
    "相关 必要 具体 新型 跨行业 区域性 系统性 差异化 精准 便捷 多层次 规范化"
)

ZH_ADV = _split("进一步 逐步 持续 积极 稳妥 有序 切实 全面 加快 深入")

ZH_OPENERS = _split(
    "目前， 此外， 同时， 因此， 总体来看， 从实践看， 在此基础上， 据统计， 其中，"
)

# Sentence templates. N: topic noun, G: general noun, V: verb, A: adjective, D: adverb,
# Y: a year, P: a percentage, O: an opener; anything else is literal.
ZH_TEMPLATES: tuple[tuple[str, ...], ...] = (
    ("N", "的", "N", "应当", "V", "A", "的", "G", "。"),
    ("在", "N", "方面，", "G", "与", "G", "共同", "V", "N", "，", "V", "N", "的", "G", "。"),
    ("N", "是", "G", "的", "A", "G", "，", "对", "N", "具有", "A", "意义", "。"),
    ("O", "G", "正在", "V", "N", "和", "N", "，", "并", "将", "D", "V", "G", "。"),
    ("通过", "N", "，", "G", "可以", "V", "N", "的", "G", "，", "同时", "V", "N", "。"),
    ("根据", "G", "的", "G", "，", "N", "需要", "V", "A", "N", "。"),
    ("N", "与", "N", "之间", "的", "G", "仍然", "是", "G", "面临的", "A", "问题", "。"),
    ("O", "G", "还", "V", "了", "N", "的", "A", "G", "。"),
    ("各", "G", "应当", "按照", "N", "的", "要求", "，", "D", "V", "N", "。"),
    ("Y", "年", "，", "N", "的", "G", "比", "上年", "提高", "P", "，", "N", "覆盖", "G", "。"),
    ("对于", "N", "，", "G", "要", "V", "G", "、", "G", "和", "N", "。"),
    ("N", "在", "G", "中", "的", "应用", "将", "D", "V", "G", "的", "A", "水平", "。"),
)

# English words that a mixed document puts inside Chinese sentences.
MIXED_TERMS = (
    *_split(
        "API KYC SDK AML OAuth TEE MPC e-CNY RegTech fintech FinTech AI OCR SaaS App ESG IPO VC "
        "PoC GDPR ISO SWIFT QR"
    ),
    "open banking",
    "federated learning",
    "credit scoring",
    "privacy computing",
    "regulatory sandbox",
    "open banking API",
    "API gateway",
    "KYC 流程",
    "API 安全",
)

ZH_MIXED_TEMPLATES: tuple[tuple[str, ...], ...] = (
    ("N", "的", "E", "应当", "V", "A", "的", "G", "。"),
    ("O", "G", "正在", "V", "E", "和", "N", "，", "并", "将", "V", "E", "。"),
    ("基于", "E", "的", "N", "可以", "V", "G", "的", "G", "。"),
    ("E", "是", "N", "的", "A", "G", "，", "对", "G", "具有", "A", "意义", "。"),
    ("各", "G", "在", "V", "E", "时", "，", "应当", "V", "N", "。"),
)

# English: verbs as (base, 3rd person, past, -ing, noun), nouns as (singular, plural).
EN_VERBS: tuple[tuple[str, str, str, str, str], ...] = (
    ("regulate", "regulates", "regulated", "regulating", "regulation"),
    ("supervise", "supervises", "supervised", "supervising", "supervision"),
    ("assess", "assesses", "assessed", "assessing", "assessment"),
    ("evaluate", "evaluates", "evaluated", "evaluating", "evaluation"),
    ("monitor", "monitors", "monitored", "monitoring", "monitoring"),
    ("verify", "verifies", "verified", "verifying", "verification"),
    ("authorise", "authorises", "authorised", "authorising", "authorisation"),
    ("authenticate", "authenticates", "authenticated", "authenticating", "authentication"),
    ("implement", "implements", "implemented", "implementing", "implementation"),
    ("integrate", "integrates", "integrated", "integrating", "integration"),
    ("deploy", "deploys", "deployed", "deploying", "deployment"),
    ("encrypt", "encrypts", "encrypted", "encrypting", "encryption"),
    ("disclose", "discloses", "disclosed", "disclosing", "disclosure"),
    ("report", "reports", "reported", "reporting", "report"),
    ("comply", "complies", "complied", "complying", "compliance"),
    ("govern", "governs", "governed", "governing", "governance"),
    ("manage", "manages", "managed", "managing", "management"),
    ("incubate", "incubates", "incubated", "incubating", "incubation"),
    ("accelerate", "accelerates", "accelerated", "accelerating", "acceleration"),
    ("invest", "invests", "invested", "investing", "investment"),
    ("finance", "finances", "financed", "financing", "financing"),
    ("settle", "settles", "settled", "settling", "settlement"),
    ("clear", "clears", "cleared", "clearing", "clearing"),
    ("screen", "screens", "screened", "screening", "screening"),
    ("detect", "detects", "detected", "detecting", "detection"),
    ("prevent", "prevents", "prevented", "preventing", "prevention"),
    ("mitigate", "mitigates", "mitigated", "mitigating", "mitigation"),
    ("score", "scores", "scored", "scoring", "scoring"),
    ("lend", "lends", "lent", "lending", "lending"),
    ("share", "shares", "shared", "sharing", "sharing"),
    ("protect", "protects", "protected", "protecting", "protection"),
    ("anonymise", "anonymises", "anonymised", "anonymising", "anonymisation"),
    ("standardise", "standardises", "standardised", "standardising", "standardisation"),
    ("pilot", "pilots", "piloted", "piloting", "pilot"),
    ("test", "tests", "tested", "testing", "testing"),
    ("sandbox", "sandboxes", "sandboxed", "sandboxing", "sandboxing"),
    ("license", "licenses", "licensed", "licensing", "licensing"),
    ("audit", "audits", "audited", "auditing", "audit"),
    ("publish", "publishes", "published", "publishing", "publication"),
    ("review", "reviews", "reviewed", "reviewing", "review"),
    ("apply", "applies", "applied", "applying", "application"),
    ("qualify", "qualifies", "qualified", "qualifying", "qualification"),
    ("subsidise", "subsidises", "subsidised", "subsidising", "subsidy"),
    ("recruit", "recruits", "recruited", "recruiting", "recruitment"),
    ("train", "trains", "trained", "training", "training"),
    ("develop", "develops", "developed", "developing", "development"),
    ("innovate", "innovates", "innovated", "innovating", "innovation"),
    ("digitise", "digitises", "digitised", "digitising", "digitisation"),
    ("migrate", "migrates", "migrated", "migrating", "migration"),
    ("process", "processes", "processed", "processing", "processing"),
    ("collect", "collects", "collected", "collecting", "collection"),
    ("store", "stores", "stored", "storing", "storage"),
    ("transfer", "transfers", "transferred", "transferring", "transfer"),
    ("onboard", "onboards", "onboarded", "onboarding", "onboarding"),
    ("require", "requires", "required", "requiring", "requirement"),
    ("define", "defines", "defined", "defining", "definition"),
    ("measure", "measures", "measured", "measuring", "measurement"),
    ("estimate", "estimates", "estimated", "estimating", "estimate"),
    ("coordinate", "coordinates", "coordinated", "coordinating", "coordination"),
    ("exit", "exits", "exited", "exiting", "exit"),
)

EN_NOUNS: tuple[tuple[str, str], ...] = tuple(
    (w, p)
    for w, p in (
        ("bank", "banks"),
        ("institution", "institutions"),
        ("regulator", "regulators"),
        ("firm", "firms"),
        ("platform", "platforms"),
        ("customer", "customers"),
        ("consumer", "consumers"),
        ("account", "accounts"),
        ("wallet", "wallets"),
        ("payment", "payments"),
        ("transaction", "transactions"),
        ("model", "models"),
        ("algorithm", "algorithms"),
        ("dataset", "datasets"),
        ("record", "records"),
        ("risk", "risks"),
        ("control", "controls"),
        ("framework", "frameworks"),
        ("standard", "standards"),
        ("guideline", "guidelines"),
        ("clause", "clauses"),
        ("requirement", "requirements"),
        ("interface", "interfaces"),
        ("endpoint", "endpoints"),
        ("token", "tokens"),
        ("key", "keys"),
        ("certificate", "certificates"),
        ("provider", "providers"),
        ("vendor", "vendors"),
        ("partner", "partners"),
        ("member", "members"),
        ("programme", "programmes"),
        ("applicant", "applicants"),
        ("candidate", "candidates"),
        ("startup", "startups"),
        ("founder", "founders"),
        ("investor", "investors"),
        ("incubator", "incubators"),
        ("accelerator", "accelerators"),
        ("park", "parks"),
        ("district", "districts"),
        ("subsidy", "subsidies"),
        ("grant", "grants"),
        ("deadline", "deadlines"),
        ("step", "steps"),
        ("document", "documents"),
        ("form", "forms"),
        ("loan", "loans"),
        ("borrower", "borrowers"),
        ("lender", "lenders"),
        ("score", "scores"),
        ("feature", "features"),
        ("default", "defaults"),
        ("merchant", "merchants"),
        ("terminal", "terminals"),
        ("scenario", "scenarios"),
        ("pilot", "pilots"),
        ("sandbox", "sandboxes"),
        ("test", "tests"),
        ("metric", "metrics"),
        ("indicator", "indicators"),
        ("threshold", "thresholds"),
        ("alert", "alerts"),
        ("case", "cases"),
        ("sanction", "sanctions"),
        ("beneficiary", "beneficiaries"),
        ("owner", "owners"),
        ("officer", "officers"),
        ("auditor", "auditors"),
        ("board", "boards"),
        ("committee", "committees"),
        ("working group", "working groups"),
        ("policy", "policies"),
        ("procedure", "procedures"),
        ("process", "processes"),
        ("system", "systems"),
        ("service", "services"),
        ("product", "products"),
        ("market", "markets"),
        ("network", "networks"),
        ("node", "nodes"),
        ("ledger", "ledgers"),
        ("contract", "contracts"),
        ("party", "parties"),
        ("enclave", "enclaves"),
        ("cipher", "ciphers"),
        ("budget", "budgets"),
        ("cost", "costs"),
        ("fee", "fees"),
        ("rate", "rates"),
        ("region", "regions"),
        ("city", "cities"),
        ("researcher", "researchers"),
        ("university", "universities"),
        ("laboratory", "laboratories"),
        ("patent", "patents"),
        ("licence", "licences"),
        ("regime", "regimes"),
        ("outcome", "outcomes"),
        ("impact", "impacts"),
        ("benefit", "benefits"),
        ("challenge", "challenges"),
        ("lesson", "lessons"),
        ("user", "users"),
        ("developer", "developers"),
        ("gateway", "gateways"),
        ("consent", "consents"),
        ("identity", "identities"),
        ("profile", "profiles"),
        ("breach", "breaches"),
        ("incident", "incidents"),
        ("log", "logs"),
        ("version", "versions"),
        ("release", "releases"),
        ("schedule", "schedules"),
    )
)

EN_ADJ = _split(
    "regulatory financial digital secure private federated open cross-border retail wholesale "
    "suspicious high-risk low-risk independent mandatory optional eligible annual quarterly "
    "national regional local technical operational legal prudential transparent explainable "
    "robust scalable interoperable innovative responsible sustainable green inclusive small "
    "large new existing early-stage senior overseas qualified licensed unlicensed material "
    "reasonable proportionate effective consistent critical"
)

EN_TOPICS: dict[str, tuple[str, ...]] = {
    "sandbox": (
        "regulatory sandbox",
        "sandbox testing",
        "sandbox exit",
        "innovation pilot",
        "consumer protection",
        "test period",
    ),
    "privacy": (
        "privacy computing",
        "federated learning",
        "secure multi-party computation",
        "trusted execution environment",
        "differential privacy",
        "data governance",
    ),
    "ecny": (
        "digital RMB",
        "e-CNY",
        "digital wallet",
        "offline payment",
        "smart contract",
        "cross-border payment",
    ),
    "openbank": (
        "open banking",
        "open banking API",
        "API security",
        "API gateway",
        "third-party provider",
        "customer consent",
    ),
    "aml": (
        "anti-money laundering",
        "AML screening",
        "KYC process",
        "suspicious transaction",
        "beneficial ownership",
        "customer due diligence",
    ),
    "credit": (
        "credit scoring",
        "credit report",
        "default probability",
        "alternative data",
        "small business lending",
        "inclusive finance",
    ),
    "talent": (
        "talent programme",
        "high-level talent",
        "housing subsidy",
        "application deadline",
        "eligibility criteria",
        "expert review",
    ),
    "incubator": (
        "incubator",
        "Zhongguancun",
        "Haidian District",
        "angel investment",
        "technology transfer",
        "science park",
    ),
}

EN_OPENERS = (
    "In practice,",
    "However,",
    "By contrast,",
    "In addition,",
    "As a result,",
    "In the pilot,",
    "Overall,",
    "For member institutions,",
)

# Metadata sets.
KINDS = (("research-note", 45), ("standard-draft", 25), ("talent-guide", 20), ("other", 10))
STATUSES = (("published", 80), ("draft", 15), ("withdrawn", 5))

ORGS = _split(
    "中国银行业协会 中关村金融科技产业发展联盟 北京金融科技研究院 北方数字银行研究中心 "
    "首都金融科技创新研究中心 海淀区科技金融服务中心 华北城市商业银行 京西农村商业银行 "
    "长城数字支付有限公司 燕园隐私计算实验室 清河征信服务有限公司 上地科技孵化器 "
    "中关村科学城人才服务中心 北京国际大数据交易所 京津冀普惠金融研究会 未来科学城金融实验室 "
    "东方证券科技子公司 平安健康保险科技部 华夏数字资产研究院 金融标准化技术委员会工作组 "
    "北京市金融科技协会 西城区金融街服务局 朝阳区国际人才社区 亦庄智能制造金融服务平台 "
    "粤港澳大湾区金融科技联盟 长三角数字金融研究院 开放银行联盟秘书处 反洗钱合规研究中心 "
    "信用科技联合实验室 数字人民币生态合作中心"
)

AUTHORS = (
    *_split(
        "李伟 王芳 张敏 刘洋 陈静 杨磊 赵婷 黄强 周婧 吴昊 徐丽 孙涛 马超 朱琳 胡斌 郭峰 何娟 "
        "高翔 林晓 罗佳 郑凯 梁爽 谢楠 宋阳 唐颖 韩冰 冯雪 邓辉 曹宇 彭程"
    ),
    "Li Wei",
    "Wang Fang",
    "Zhang Min",
    "Liu Yang",
    "Chen Jing",
    "Emily Carter",
    "David Chen",
    "Sarah Müller",
    "James Wong",
    "Priya Nair",
    "Tom Becker",
    "Anna Rossi",
)

TAGS: dict[str, tuple[str, ...]] = {
    "sandbox": ("regtech", "监管沙盒", "sandbox", "风险评估", "risk-assessment"),
    "privacy": ("privacy-computing", "隐私计算", "联邦学习", "data-governance", "数据安全"),
    "ecny": ("e-CNY", "数字人民币", "payments", "支付", "smart-contract"),
    "openbank": ("open-banking", "开放银行", "API", "接口规范", "security"),
    "aml": ("aml", "反洗钱", "KYC", "compliance", "合规"),
    "credit": ("credit-scoring", "信用评分", "征信", "inclusive-finance", "普惠金融"),
    "talent": ("talent", "人才", "subsidy", "补贴", "海淀区"),
    "incubator": ("incubator", "孵化器", "中关村", "startups", "创业"),
}
