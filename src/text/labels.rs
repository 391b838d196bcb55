//! Every fixed word moat prints, in English and Chinese, looked up by key. Templates
//! reach it through the `t` and `tv` helpers; the terminal code calls [`label`].

use crate::text::fnv::FnvMap;
use crate::text::Lang;
use std::sync::OnceLock;

/// (key, English, Chinese).
const LABELS: &[(&str, &str, &str)] = &[
    // Punctuation differs: Chinese uses full-width marks and no space after them.
    (":", ": ", "："),
    // The space before an opening bracket belongs to English only.
    ("(", " (", "（"),
    (")", ")", "）"),
    (",", ", ", "，"),
    (";", "; ", "；"),
    (".", ". ", "。"),
    // A sentence's last stop, with nothing after it.
    ("end", ".", "。"),
    ("report_title", "Strategy report", "战略评估报告"),
    ("assessed_on", "Assessed on", "评估日期"),
    ("not_dated", "date not recorded", "未记录日期"),
    ("unnamed", "Unnamed respondent", "未命名的受评方"),
    ("stage", "Stage", "阶段"),
    ("sector", "Sector", "领域"),
    ("profile", "Profile", "类型"),
    ("profile_none", "none (declared weights)", "无（使用定义中的权重）"),
    ("assessments", "Assessments", "评估问卷"),
    ("in_progress_note", "This answers file is marked `in_progress`: some questions may not be answered yet, and they count as unknown.", "此答卷标记为 `in_progress`（未完成）：部分问题可能尚未作答，按“未知”计分。"),
    ("executive_summary", "Executive summary", "执行摘要"),
    ("overall_score", "Overall score", "总体得分"),
    ("out_of_100", " out of 100", "（满分 100）"),
    ("claimed", "claimed", "自评"),
    ("credited", "credited", "采信"),
    ("overall_claimed_note", "Claimed is what the answers say; credited discounts strong claims that no evidence backs.", "“自评”是答案本身的得分；“采信”对缺乏证据支撑的高分回答打了折扣。"),
    ("red_flags", "Red flags", "风险警示"),
    ("no_red_flags", "No red flags were raised.", "未发现风险警示。"),
    ("top_strengths", "Strengths", "优势"),
    ("no_strengths", "No dimension is a strength yet (a strength scores at least 65, with confidence not Low and at or above its target).", "目前没有维度达到优势标准（得分不低于 65、置信度不为“低”且达到目标）。"),
    ("top_gaps", "Gaps", "差距"),
    ("no_gaps", "No dimension is below 50 or below its target.", "没有维度低于 50 分或低于目标。"),
    ("target", "target", "目标"),
    ("scorecard", "Scorecard", "评分卡"),
    ("dimension", "Dimension", "维度"),
    ("score", "Score", "得分"),
    ("level", "Level", "等级"),
    ("bar", "Bar", "图示"),
    ("confidence", "Confidence", "置信度"),
    ("claimed_vs_credited", "Claimed / credited", "自评 / 采信"),
    ("target_col", "Target", "目标"),
    ("not_assessed", "Not assessed", "未评估"),
    ("none", "none", "无"),
    ("level_capped", "Level capped by a critical red flag", "等级因严重风险警示被限制"),
    ("dimension_detail", "Dimension detail", "各维度详情"),
    ("weight", "Weight", "权重"),
    ("what_backs_it", "What backs this score", "得分依据"),
    ("what_holds_back", "What holds it back", "主要短板"),
    ("nothing_strong", "No answer in this dimension scores 3 or 4.", "该维度没有得分为 3 或 4 的回答。"),
    ("nothing_weak", "No answer in this dimension scores 1 or less.", "该维度没有得分在 1 分及以下的回答。"),
    ("advice", "Advice", "建议"),
    ("no_advice", "No advice for this dimension.", "该维度暂无建议。"),
    ("why_it_matters", "Why it matters", "为何重要"),
    ("fix", "Fix", "对策"),
    ("cost_benefit", "Cost-benefit analysis", "成本效益分析"),
    ("metrics", "Metrics", "指标"),
    ("metric", "Metric", "指标"),
    ("value", "Value", "数值"),
    ("band_score", "Band score (0-4)", "区间得分（0-4）"),
    ("not_computable", "not computable", "无法计算"),
    ("zero_divisor", "divisor is 0", "除数为 0"),
    ("no_metrics", "No metric was computed (the cost-benefit assessment was not answered).", "未计算任何指标（未作答成本效益问卷）。"),
    ("levers", "The four levers", "四个方面"),
    ("published_assumptions", "Published assumptions", "公开依据"),
    ("action_plan", "Action plan", "行动计划"),
    ("days_30", "Next 30 days: fix now, then quick wins", "未来 30 天：先处理紧急事项，再做速赢事项"),
    ("fix_now", "Fix now", "立即处理"),
    ("gap_under_50", "under 50", "低于 50"),
    ("at_or_above_target", "at or above its target of", "已达到或超过目标"),
    ("find_out", "Find out first", "先弄清楚"),
    ("find_out_intro", "You answered \"don't know\" to these. Until you know, they score 0 and lower confidence; find out before you plan on them (heaviest first).", "以下问题你们回答了“不知道”。在弄清楚之前，它们按 0 分计并拉低置信度；请先弄清楚再据此做计划（按权重从高到低）。"),
    ("no_find_out", "Nothing to find out: no answer was \"don't know\".", "没有需要先弄清楚的事项：没有回答“不知道”。"),
    ("weight_in_overall", "weight in the overall score", "在总体得分中的权重"),
    ("back_it_up", "Back it up", "补齐证据"),
    ("back_it_up_intro", "These strong answers are credited below their score because nothing someone outside could check backs them. Evidence would credit them in full (most credit lost first).", "以下高分回答因缺乏外部可核验的证据而被打折采信。补齐证据即可按全额采信（按损失从大到小）。"),
    ("no_back_it_up", "Nothing to back up: every strong answer is credited in full.", "没有需要补齐证据的回答：所有高分回答均已全额采信。"),
    ("credit_lost", "credit lost", "少计"),
    ("plan_first.overclaim", "**First, back up the claims.** The answers claim 10 or more points more than the evidence supports, so before this plan, gather the evidence listed under \"Back it up\", most credit lost first: an investor will ask for it before anything else.", "**首先，为自评补齐证据。** 回答的自评比证据所能支撑的高出 10 分或更多；在执行本计划之前，先按“补齐证据”一节的顺序（损失最大的在前）准备证据：投资人首先会要这些。"),
    ("plan_first.low_confidence", "**First, find out.** Too much of the audit is unanswered or \"don't know\" for this plan to be relied on: start with the list under \"Find out first\", heaviest first.", "**首先，把情况弄清楚。** 问卷中未作答或“不知道”的部分过多，本计划不足为凭：先按“先弄清楚”一节的顺序（权重最大的在前）逐项核实。"),
    ("interview_reason.overclaim", "the answers claim 10 or more points more than the evidence supports", "回答的自评比证据所能支撑的高出 10 分或更多"),
    ("interview_reason.low_confidence", "too much of the audit is unanswered or \"don't know\" for the score to be relied on", "问卷中未作答或“不知道”的部分过多，得分不足为凭"),
    ("days_90", "Next 90 days: big bets", "未来 90 天：重点投入"),
    ("no_quick_wins", "Nothing to fix now and no quick win: no red flag needs an urgent fix, and no high-impact, low-effort advice applies.", "暂无紧急或速赢事项：没有需要紧急处理的风险警示，也没有高影响且低投入的建议。"),
    ("no_big_bets", "No big bet: no high-impact advice needing medium or high effort applies.", "暂无重点投入：没有需要中高投入的高影响建议。"),
    ("all_recommendations", "All recommendations", "全部建议"),
    ("no_recommendations", "No recommendations: no weak answer carries advice.", "暂无建议：没有薄弱回答附带建议。"),
    ("impact", "Impact", "影响"),
    ("effort", "Effort", "投入"),
    ("group", "Group", "类别"),
    ("question_gaps", "Weakest answers", "最薄弱的回答"),
    ("question", "Question", "问题"),
    ("answer", "Answer", "回答"),
    ("appendix", "Appendix", "附录"),
    ("all_answers", "Every answer", "全部回答"),
    ("answers_heading", "answers", "回答"),
    ("evidence", "evidence", "证据"),
    ("note", "note", "备注"),
    ("weights_used", "Weights and targets used", "所用权重与目标"),
    ("scoring_method", "How the scores are computed", "计分方法"),
    ("method_1", "Each scored answer is worth 0 to 4 points. A dimension's score is 100 × the weighted points of its applicable questions ÷ the weighted maximum (4 per question); questions that do not apply or were marked \"does not apply\" are left out, and unanswered or \"don't know\" answers count 0.", "每个计分回答得 0 至 4 分。维度得分 = 100 × 适用问题的加权得分 ÷ 加权满分（每题 4 分）；不适用或标记为“不适用”的问题不计入，未作答或“不知道”按 0 分计。"),
    ("method_2", "Credited scores discount strong answers (3 or 4) to key questions by what backs them: verifiable evidence 100%, an internal document 75%, the founder's word 50%.", "“采信”得分按证据对关键问题的高分回答（3 或 4 分）打折：可外部核实的证据 100%，内部文件 75%，仅凭口述 50%。"),
    ("method_3", "Confidence is the share of a dimension's weight that was actually answered: High from 80%, Medium from 50%, else Low. A critical red flag caps a dimension's level at the second level.", "置信度是维度中实际作答部分所占的权重比例：80% 以上为高，50% 以上为中，否则为低。严重风险警示会把该维度的等级限制在第二级。"),
    ("method_4", "The overall score is the weighted mean of the assessed dimensions, with the weights above. Recommendations are ranked by impact = question weight × points missing × the weights of the dimensions it feeds.", "总体得分是已评估维度按上表权重的加权平均。建议按影响排序：影响 = 问题权重 × 缺失分数 × 所涉维度的权重。"),
    ("snapshot_note", "This score is a snapshot for discussion, not a pass mark: it reflects the answers given on the date above, and it is only as good as they are.", "本得分只是用于讨论的一次快照，而非及格线：它反映的是上述日期所给的回答，其可靠程度取决于回答本身。"),
    ("warnings", "Warnings", "警告"),
    ("ask.stands_alone", "\"{option}\" cannot be ticked together with other options: choose it alone, or only the others.", "“{option}”不能与其他选项同时勾选：请单独选择它，或只选其他选项。"),
    ("ask.keys_select", "↑↓ move · Enter choose · Esc back · Ctrl-C stop (answers are kept)", "↑↓ 移动 · 回车 选择 · Esc 返回上一题 · Ctrl-C 停止（已答内容会保存）"),
    ("ask.keys_multi_entries", "↑↓ move · Space tick · Enter confirm · a ? entry: tick it, then Enter · Esc back · Ctrl-C stop", "↑↓ 移动 · 空格 勾选 · 回车 确认 · ？条目：勾选后按回车 · Esc 返回 · Ctrl-C 停止"),
    ("ask.keys_multi", "↑↓ move · Space tick · → all · ← none · Enter confirm · Esc back · Ctrl-C stop", "↑↓ 移动 · 空格 勾选 · → 全选 · ← 全不选 · 回车 确认 · Esc 返回 · Ctrl-C 停止"),
    ("ask.keys_text", "Enter confirm · ? why this matters · Esc back · Ctrl-C stop", "回车 确认 · 输入 ? 查看原因 · Esc 返回 · Ctrl-C 停止"),
    ("ask.keys_number", "e.g. 42000, 42,000, $42k or 1.5m · empty to skip · ? why this matters · Esc back", "例如 42000、42,000、42k、1.5m 或 4.2万 · 留空跳过 · 输入 ? 查看原因 · Esc 返回"),
    ("ask.keys_bare_number", "e.g. 42 or 42.5 · empty to skip · ? why this matters · Esc back", "例如 42 或 42.5 · 留空跳过 · 输入 ? 查看原因 · Esc 返回"),
    ("ask.keys_bare_number_plain", "e.g. 42 or 42.5 · empty to skip · Esc back", "例如 42 或 42.5 · 留空跳过 · Esc 返回"),
    ("ask.keys_number_plain", "e.g. 42000, 42,000, $42k or 1.5m · empty to skip · Esc back", "例如 42000、42,000、42k、1.5m 或 4.2万 · 留空跳过 · Esc 返回"),
    ("ask.keys_line", "Enter confirm · Esc back · Ctrl-C stop", "回车 确认 · Esc 返回 · Ctrl-C 停止"),
    ("ask.decimal_comma", "A comma here groups thousands only (42,000); for a decimal, type a point: {point}", "逗号只用作千位分隔（42,000）；小数请用小数点：{point}"),
    ("ask.why", "? Why this question matters", "？为什么问这个问题"),
    ("ask.why_prefix", "Why this matters:", "为什么重要："),
    ("ask.no_help", "This question has no further explanation.", "此问题没有更多说明。"),
    ("ask.first", "This is the first question.", "这已经是第一题。"),
    ("ask.about_you", "About your company", "公司基本信息"),
    ("ask.name", "Company or project name (Enter to skip)", "公司或项目名称（回车跳过）"),
    ("ask.stage", "Which stage is the company at?", "公司目前处于哪个阶段？"),
    ("ask.sector", "Which sector do you sell into?", "你们面向哪个领域？"),
    ("ask.profile", "Which describes how you build? (sets the weights and targets)", "哪一项描述了你们的构建方式？（决定权重与目标）"),
    ("ask.profile_none", "None of these: use the default weights", "都不是：使用默认权重"),
    ("ask.profile_why", "? What each one means", "？各选项的含义"),
    ("ask.options_full", "? Show the options in full", "？显示各选项的完整表述"),
    ("ask.options_short", "? Show the options short", "？改回简短显示"),
    ("ask.evidence_prompt", "What backs this answer?", "这个回答有什么依据？"),
    ("ask.evidence.verifiable", "Something an outsider could check: a metric, contract, customer or public artefact", "外部可核验的证据：指标、合同、客户或公开成果"),
    ("ask.evidence.document", "An internal written record", "内部书面记录"),
    ("ask.evidence.assertion", "Our word only, for now", "目前仅凭我们的陈述"),
    ("ask.note", "A one-line note on that evidence (optional, Enter to skip)", "用一句话说明该依据（可选，回车跳过）"),
    ("ask.not_a_number", "Type a number, such as 42000, 42,000 or 42k", "请输入数字，例如 42000、42,000 或 42k"),
    ("ask.at_least", "Must be at least {n}", "不能小于 {n}"),
    ("ask.at_most", "Must be at most {n}", "不能大于 {n}"),
    ("ask.revised_version", "This file was written for {versions}. Its answers to questions this version does not ask were left out ({file} keeps them); {n} answers still fit and are preselected.", "该文件是按 {versions} 填写的。本版本不再询问的问题，其回答未被带入（{file} 中仍保留）；仍适用的 {n} 个回答已预先选中。"),
    ("ask.revised_version_of", "version {written} of {assessment} (now {current})", "{assessment} 第 {written} 版（现为第 {current} 版）"),
    ("ask.dropped", "These answers no longer apply and were removed:", "以下回答已不再适用，已被移除："),
    ("ask.review_title", "Review your answers", "检查你的回答"),
    ("ask.review_intro", "Pick any answer to change it, or finish to write the report.", "选择任一回答进行修改，或选择完成以生成报告。"),
    ("ask.review_prompt", "Finish, or change an answer:", "完成，或修改某个回答："),
    ("ask.finish", "✔ Finish and write the report", "✔ 完成并生成报告"),
    ("ask.not_answered", "not answered", "未作答"),
    ("ask.not_given", "not given", "未填写"),
    ("ask.review_name", "Name", "名称"),
    ("ask.review_stage", "Stage", "阶段"),
    ("ask.review_sector", "Sector", "领域"),
    ("ask.review_profile", "How you build", "构建方式"),
    ("ask.unanswered_confirm", "{n} questions are not answered; they will count as unknown.", "还有 {n} 题未作答，将按“未知”计分。"),
    ("ask.unanswered_confirm_one", "1 question is not answered; it will count as unknown.", "还有 1 题未作答，将按“未知”计分。"),
    ("ask.finish_anyway", "Finish anyway", "仍然完成"),
    ("ask.keep_answering", "Go to the first unanswered question", "前往第一道未答题"),
    ("ask.section_of", "Section {k} of {n}", "第 {k}/{n} 部分"),
    ("ask.question_of", "Question {i} of {m}", "第 {i}/{m} 题"),
    ("ask.answered_of", "{a} of up to {t} answered", "已答 {a}/最多 {t} 题"),
    ("ask.walked_of", "{a} of up to {t} reviewed", "已检查 {a}/最多 {t} 题"),
    ("ask.welcome_title", "moat: a strategy self-assessment for AI startups", "moat：AI 大模型创业战略自评"),
    ("ask.welcome_covers", "This audit covers:", "本次评估包括："),
    ("ask.welcome_size", "Up to {q} questions, fewer depending on your answers: about {m} minutes. Pick the option that states a fact about you today; \"we don't know\" is a fine answer.", "最多 {q} 题，视你的回答会少一些，约 {m} 分钟。请选择描述你们当前事实的选项；“不知道”也是可以接受的回答。"),
    ("ask.welcome_size_done", "Every question is answered; the review page comes next, where any answer can be changed.", "所有问题都已作答；接下来是检查页面，可以修改任一回答。"),
    ("ask.welcome_saved", "Every answer is saved as you go to {file}; the report goes to {report}.", "每个回答都会即时保存到 {file}；报告将写入 {report}。"),
    ("ask.welcome_keys", "Keys: ↑↓ move, Enter choose; the entries starting with ? explain a question or show its options in full; Esc goes back one question, Ctrl-C stops and keeps every answer.", "按键：↑↓ 移动，回车 选择；以 ？ 开头的条目解释问题或显示选项的完整表述；Esc 返回上一题，Ctrl-C 停止并保留所有回答。"),
    ("ask.ready", "Ready?", "准备好了吗？"),
    ("ask.start", "Start", "开始"),
    ("ask.quit", "Quit", "退出"),
    ("ask.stopped", "Stopped. Answers saved in {file}: {n}.", "已停止。{n} 个回答已保存在 {file}。"),
    ("ask.resume_with", "Resume with:", "继续作答请运行："),
    ("ask.done", "Done. Answers: {file} · Report: {report}", "完成。答卷：{file} · 报告：{report}"),
    ("ask.scorecard", "Scorecard", "评分卡"),
    ("outline_version", "version", "版本"),
    ("outline_size", "{q} questions in {s} sections, {m} metrics", "共 {s} 个部分 {q} 道题，{m} 项指标"),
    ("outline_dimensions", "Dimensions", "维度"),
    ("outline_profiles", "Profiles (weights against the default)", "画像（相对默认的权重）"),
    ("outline_questions", "{n} questions", "{n} 题"),
    ("outline_metrics", "Metrics (ratios of answers, scored in bands)", "指标（由回答计算的比率，按区间计分）"),
    ("outline_weight", "weight", "权重"),
    ("outline_evidence", "asks for evidence", "追问依据"),
    ("outline_when", "asked when", "出现条件："),
    ("outline_else", "else", "其余"),
    ("outline_more", "Options are listed as id and score (? don't know, n/a does not apply). Every text, help, flag and piece of advice: `moat show ID --format yaml`.", "选项按“id 分值”列出（? 为不知道，n/a 为不适用）。全部文字、说明、风险提示与建议：`moat show ID --format yaml`。"),
    ("ask.next", "Next: read {report} (the plan is at its end). In a quarter, run `{revise}` to answer again with these answers preselected, then `{compare}` to see what moved.", "下一步：阅读 {report}（行动计划在末尾）。一个季度后运行 `{revise}`，在预选当前回答的基础上重新作答，然后运行 `{compare}` 查看变化。"),
    ("scorecard_claimed", "Claimed", "自评"),
    ("scorecard_target", "Target", "目标"),
    ("ask.next_actions", "First actions", "首要行动"),
    // The web form of `moat form` (assets/form/form.js); with the `ask.*` keys it names in
    // src/render/form.rs.
    ("form.noscript", "This form needs JavaScript. Open it in a current browser with JavaScript on; nothing you type leaves this page until you download the answers file.", "此问卷需要启用 JavaScript。请在开启 JavaScript 的新版浏览器中打开；在你下载答卷文件之前，输入的内容不会离开此页面。"),
    ("form.language", "Language", "语言"),
    ("form.saved_here", "Your answers are kept in this browser as you go, on this device only: close the page and open it again to carry on. Nothing is sent anywhere; at the end you download the answers file and send it yourself.", "你的回答会随时保存在本浏览器中（仅限本设备）：关闭页面后再次打开即可继续。任何内容都不会被发送；最后由你下载答卷文件并自行发送。"),
    ("form.storage_off", "This browser does not let the page keep your answers: finish in one sitting, or download the file before you close the page.", "此浏览器不允许页面保存你的回答：请一次完成，或在关闭页面前下载答卷文件。"),
    ("form.resumed", "Welcome back: the answers you saved in this browser are loaded ({n} answered).", "欢迎回来：已载入你在本浏览器中保存的回答（已答 {n} 题）。"),
    ("form.start_over", "Start over", "重新开始"),
    ("form.start_over_confirm", "Delete every saved answer and start again?", "删除所有已保存的回答并重新开始？"),
    ("form.delete_answers", "Delete my answers", "删除我的回答"),
    ("form.keep_answers", "Keep them", "保留"),
    ("form.back", "Back", "上一步"),
    ("form.next", "Next", "下一步"),
    ("form.clear", "Clear this answer", "清除此回答"),
    ("form.skip_hint", "Next without an answer leaves the question unanswered; it then counts as unknown.", "不作答直接点“下一步”，此题将保持未答，按“未知”计分。"),
    ("form.name", "Company or project name", "公司或项目名称"),
    ("form.optional", "optional", "可选"),
    ("form.why", "Why this question matters", "为什么问这个问题"),
    ("form.multi_hint", "Tick every one that applies; ticking none records \"none of these\".", "勾选所有符合的选项；一项都不勾选即记为“以上都不是”。"),
    ("form.number_hint", "A number, such as 42000, 42,000, 42k, 1.5m, $8,000 or 4.2万. Leave it empty to skip.", "请输入数字，例如 42000、42,000、42k、1.5m、$8,000 或 4.2万。留空则跳过。"),
    ("form.note", "A one-line note on this answer (optional)", "用一句话说明此回答（可选）"),
    ("form.evidence_note", "A one-line note on that evidence (optional)", "用一句话说明该依据（可选）"),
    ("form.question", "Question", "问题"),
    ("form.answer", "Answer", "回答"),
    ("form.change", "Change", "修改"),
    ("form.none_ticked", "none ticked", "未勾选任何选项"),
    ("form.review_finish", "Finish: get the answers file", "完成：获取答卷文件"),
    ("form.done_title", "Your answers file", "你的答卷文件"),
    ("form.done_intro", "Download this file, or copy its text, and send it to whoever asked you to fill in this form. Nothing has been sent from this page.", "请下载此文件或复制其内容，发送给请你填写此问卷的人。此页面没有发送任何内容。"),
    ("form.download", "Download the answers file", "下载答卷文件"),
    ("form.send_room", "Send to the room", "提交给本场"),
    ("form.sent_room", "Sent: the facilitator has your answers. Sending again replaces them.", "已提交：主持人已收到你的答卷。再次提交会替换它。"),
    ("form.send_failed", "Not sent", "未提交"),
    ("form.your_report", "Your report", "你的报告"),
    ("form.copy", "Copy the text", "复制内容"),
    ("form.copied", "Copied.", "已复制。"),
    ("form.copy_failed", "Copying was refused by the browser: select the text below and copy it.", "浏览器拒绝了复制：请选中下方文字后手动复制。"),
    ("form.file_label", "The answers file (YAML)", "答卷文件（YAML）"),
    ("form.edit", "Change an answer", "修改回答"),
    ("form.broken", "This page is damaged: its questions cannot be read. Ask for a new copy of the form.", "此页面已损坏，无法读取问题。请索取一份新的问卷。"),
    ("leaderboard_title", "Screening leaderboard", "筛选排行榜"),
    ("leaderboard_counts_accepted", "Applicants scored", "已评分申请"),
    ("leaderboard_counts_rejected", "files rejected", "被拒文件"),
    ("leaderboard_interview_rule", "\"Interview first\" marks applicants whose claims run 10 or more points above what their evidence supports, or whose answers leave confidence Low: talk to them before trusting the score.", "“优先面谈”标记自评比证据支撑的得分高出 10 分及以上、或回答不全导致置信度为“低”的申请：在采信其得分之前先与其面谈。"),
    ("applicant", "Applicant", "申请方"),
    ("percentile", "Percentile", "百分位"),
    ("interview_short.overclaim", "claims above evidence", "自评高于证据"),
    ("interview_short.low_confidence", "too much unknown", "未知过多"),
    ("brief_file", "Brief", "简报"),
    ("claimed_col", "Claimed", "自评"),
    ("leaderboard_filtered", "Left out by ", "被以下条件排除："),
    ("leaderboard_filtered_ranks", "Ranks and percentiles are those of the whole batch.", "排名与百分位均按整批申请计算。"),
    ("leaderboard_blind", "Names are replaced by applicant codes for a first pass free of name bias; `blind-key.csv` holds the key.", "为避免名称带来的偏见，名称已替换为申请编号；对照表见 `blind-key.csv`。"),
    ("brief_rank", "rank", "排名"),
    ("brief_of", "of", "/"),
    ("brief_percentile", "percentile", "百分位"),
    ("brief_ask", "Ask in the interview", "面谈时要问"),
    ("brief_claimed", "claimed", "自评"),
    ("brief_unknown", "answered \"don't know\"", "回答“不知道”"),
    ("brief_no_questions", "Nothing to test first: every strong claim is backed by evidence someone outside could check, and no answer is \"don't know\".", "没有需要优先核实的内容：每个高分回答都有外部可核验的证据，也没有回答“不知道”。"),
    ("interview_first", "Interview first", "优先面谈"),
    ("report_file", "Report", "报告"),
    ("yes", "yes", "是"),
    ("no_applicants", "No applicant could be scored.", "没有可评分的申请。"),
    ("rejected_files", "Rejected files", "被拒文件"),
    ("cohort_title", "Workshop cohort", "工作坊群体概况"),
    ("participants", "Participants", "参与者"),
    ("participants_lower", "participants", "位参与者"),
    ("cohort_rule", "Privacy: nothing about the room is shown for fewer than {room} participants, and no figure, gap or red flag that fewer than {shared} participants share. A score range or level that {few} participants would show is merged with its neighbour, and answers given by {few} are counted among other answers.", "隐私规则：参与者少于 {room} 人时不显示任何内容；少于 {shared} 人共有的数字、差距或风险警示均不显示。只有 {few} 人的分数区间或等级与相邻的合并显示，只有 {few} 人给出的回答计入其他回答。"),
    ("cohort_withheld", "Fewer than {room} participants were counted, so nothing about the room is shown: with so few, any figure, gap or flag would point at someone. Collect at least {room} finished answer files and run the cohort again.", "计入的参与者少于 {room} 人，因此不显示这个房间的任何内容：人数这么少时，任何数字、差距或风险警示都可能对应到具体的人。请至少收齐 {room} 份已完成的答卷后再生成群体概况。"),
    ("cohort_unfinished_left_out", "{n} unfinished, not included", "{n} 份未完成，未计入"),
    ("cohort_unfinished_included", "{n} unfinished, included and marked as such", "{n} 份未完成，已计入并标注"),
    ("cohort_duplicates", "{n} duplicate files of a respondent counted once", "{n} 份同一受评方的重复文件只计一次"),
    ("cohort_duplicates_one", "1 duplicate file of a respondent counted once", "1 份同一受评方的重复文件只计一次"),
    ("cohort_rejected", "{n} files could not be read (the terminal lists them, with the reason)", "{n} 份文件无法读取（终端中列出了文件及原因）"),
    ("cohort_rejected_one", "1 file could not be read (the terminal names it, with the reason)", "1 份文件无法读取（终端中列出了文件及原因）"),
    ("cohort_skipped", "{n} other files skipped (listed in the terminal)", "跳过 {n} 份其他文件（终端中已列出）"),
    ("cohort_skipped_one", "1 other file skipped (named in the terminal)", "跳过 1 份其他文件（终端中已列出）"),
    ("cohort_count_of", "{n} of {of}", "{of} 人中 {n} 人"),
    ("cohort_scores", "Scores across the room", "全体得分"),
    ("cohort_assessed", "Scored", "已评分"),
    ("cohort_mean", "Mean", "平均"),
    ("cohort_median", "Median", "中位数"),
    ("cohort_min", "Min", "最低"),
    ("cohort_max", "Max", "最高"),
    ("cohort_few", "1–2", "1–2"),
    ("cohort_histogram", "Distribution of scores", "得分分布"),
    ("cohort_histogram_levels", "Distribution of scores and levels", "得分与等级分布"),
    ("cohort_range", "Score", "得分区间"),
    ("cohort_levels", "Levels reached", "达到的等级"),
    ("cohort_common_gaps", "Gaps the room shares", "全场共有的差距"),
    ("cohort_common_gaps_intro", "Answers that score 1 point or less (of 4), each given by at least {shared} participants.", "得分不超过 1 分（满分 4 分）、且至少 {shared} 位参与者共有的回答。"),
    ("cohort_weak_answers", "Weak answers", "薄弱回答"),
    ("cohort_dont_know", "Don't know", "不清楚"),
    ("cohort_what_answered", "What they answered", "具体回答"),
    ("cohort_others", "other answers", "其他回答"),
    ("cohort_quoted", "“{answer}”", "“{answer}”"),
    ("ask.other_currency", "This question is in {unit}: convert {input} at last month's average rate and type the result.", "本题以{unit}为单位：请把 {input} 按上月平均汇率换算后再输入。"),
    ("ask.no_currency", "Type the number without a currency sign.", "请输入不带货币符号的数字。"),
    ("cohort_fewer_than", "fewer than 3", "少于 3 人"),
    ("cohort_dont_know_pooled", "among other answers", "计入其他回答"),
    ("cohort_none_ticked", "none of the options", "一项都没有选"),
    ("cohort_other_answer", "another answer", "其他回答"),
    ("cohort_band_under", "under {high}", "低于 {high}"),
    ("cohort_band_between", "{low} to under {high}", "{low} 至低于 {high}"),
    ("cohort_band_over", "{low} or more", "{low} 及以上"),
    ("cohort_share", "Share", "占比"),
    ("cohort_no_gaps", "No weak answer is shared by {shared} or more participants.", "没有 {shared} 位及以上参与者共有的薄弱回答。"),
    ("cohort_common_flags", "Red flags the room shares", "全场共有的风险警示"),
    ("cohort_common_flags_intro", "Red flags raised for at least {shared} participants; a flag reached through different answers counts once per participant.", "至少 {shared} 位参与者触发的风险警示；同一条警示无论由哪个回答触发，每位参与者只计一次。"),
    ("cohort_no_flags", "No red flag is shared by {shared} or more participants.", "没有 {shared} 位及以上参与者共有的风险警示。"),
    ("cohort_severity", "Severity", "严重程度"),
    ("cohort_flag", "Red flag", "风险警示"),
    ("cohort_discussion", "Discussion topics", "讨论题"),
    ("cohort_discussion_intro", "The gaps the most participants share, each with the question to put to the room.", "共有人数最多的差距，每项附上可以向全场提出的问题。"),
    ("cohort_discussion_weakest", "No gap is shared by {shared} or more participants, so these topics come from the weakest dimensions by mean score.", "没有 {shared} 位及以上参与者共有的差距，因此以下讨论题来自平均得分最低的维度。"),
    ("cohort_discussion_because", "{count} answered weakly", "{count}回答薄弱"),
    ("cohort_discussion_answered", "What they answered", "他们的回答"),
    ("cohort_discussion_ask", "Ask the room", "向全场提问"),
    ("cohort_no_discussion", "No discussion topic: no gap is shared by {shared} or more participants, and the assessments carry no prompts for their dimensions.", "暂无讨论题：没有 {shared} 位及以上参与者共有的差距，评估问卷中也没有为各维度提供讨论题。"),
    ("cohort_participants", "Participants", "参与者明细"),
    ("cohort_participant", "Participant", "参与者"),
    ("cohort_unfinished_mark", " (unfinished)", "（未完成）"),
    ("cohort_labels_keyed", "Labels are random for this room (its key is the file .moat-room-salt in the room folder): they say nothing about names or the order of files, and stay the same on every run.", "标签对这个房间是随机的（密钥保存在房间文件夹中的 .moat-room-salt 文件里）：它们与姓名或文件顺序无关，每次生成都保持不变。"),
    ("cohort_labels_derived", "Labels come from the room's files, as the room folder cannot keep a key: they say nothing about names or the order of files, and change when a file is added or changed.", "由于房间文件夹无法保存密钥，标签由房间内的文件生成：它们与姓名或文件顺序无关，但增加或修改文件后会改变。"),
    ("cohort_note", "A picture of this room on this day, for discussion: not a ranking of the people in it.", "这是这一天这个房间的概况，用于讨论，而不是对参与者的排名。"),
    ("compare_title", "Progress report", "进展报告"),
    ("compare_before", "Before", "之前"),
    ("compare_after", "After", "之后"),
    ("compare_delta", "Change", "变化"),
    ("compare_scores", "Scores", "得分"),
    ("compare_changed", "Answers that changed", "有变化的回答"),
    ("compare_no_changed", "No answer changed.", "没有回答发生变化。"),
    ("compare_gaps", "Gaps", "差距"),
    ("compare_gaps_closed", "Closed", "已弥补"),
    ("compare_gaps_opened", "Opened", "新出现"),
    ("compare_qgaps_closed", "Weak answers no longer weak", "不再薄弱的回答"),
    ("compare_qgaps_opened", "Answers that became weak", "变得薄弱的回答"),
    ("compare_flags_resolved", "Resolved", "已解除"),
    ("compare_flags_new", "New", "新增"),
    ("compare_no_change", "No change: the answers are the same, and so are the scores.", "没有变化：回答相同，得分也相同。"),
    ("compare_up", "up", "上升"),
    ("compare_down", "down", "下降"),
    ("compare_flat", "unchanged", "持平"),
    ("compare_unscored", "not comparable", "无法比较"),
    ("compare_verdict", "Overall {direction} {delta} points ({before} → {after}); gaps closed: {answers_closed} in answers, {closed} in dimensions; gaps opened: {answers_opened} in answers, {opened} in dimensions; red flags: {resolved} resolved, {new} new.", "总体得分{direction} {delta} 分（{before} → {after}）；弥补差距：薄弱回答 {answers_closed} 项、维度 {closed} 项；新增差距：薄弱回答 {answers_opened} 项、维度 {opened} 项；解除风险警示 {resolved} 项，新增 {new} 项。"),
    ("compare_dates_swapped", "The file named first (BEFORE) is dated {before}, after the second ({after}): compared in the order given, as --force asked, so every change below runs backwards in time.", "先列出的文件（之前）日期为 {before}，晚于第二个文件（{after}）：按 --force 的要求以给定顺序比较，因此下面的每项变化在时间上都是倒过来的。"),
    ("compare_versions", "{assessment} was answered under {before} before and {after} after; both are scored with the current {current}.", "{assessment}：之前按 {before} 作答，之后按 {after} 作答；两者均按当前的 {current} 计分。"),
    ("compare_profile_changed", "The profile changed from `{before}` to `{after}`, which changes weights and targets too.", "类型从 `{before}` 变为 `{after}`，权重与目标也随之改变。"),
    ("compare_rubric_changed", "The rubric changed between the two files ({changes}), and each is scored under the version it was answered for. Compare the dimensions, not single answers: part of any move comes from the rubric.", "两个文件之间评分规则已变化（{changes}），每个文件都按其作答时的版本计分。请比较各维度，而不是逐个回答：任何变动都有一部分来自评分规则本身。"),
    ("compare_verdict_rubric", "Scored under two versions of the rubric: overall {before} before, {after} after. Read the dimensions and flags below; the difference in points is not progress or decline.", "按两个版本的评分规则计分：之前总分 {before}，之后 {after}。请阅读下面各维度与风险信号；分数之差并不代表进步或退步。"),
    ("compare_note_rubric", "Each file is scored under the version of the rubric it was answered for.", "每个文件都按其作答时的评分规则版本计分。"),
    ("compare_note", "Both files are scored with today's definitions, so the change reflects the answers, not the rubric.", "两个文件都按当前的评估定义计分，因此变化反映的是回答本身，而非评分规则。"),
    ("chart_scores", "Scores by dimension: credited, claimed and target", "各维度得分：采信、自评与目标"),
    ("chart_credited", "Credited", "采信"),
    ("chart_claimed", "Claimed", "自评"),
    ("chart_target", "Target", "目标"),
    ("cohort_chart_spread", "The room by dimension: lowest to highest, median and mean", "各维度全体得分：最低到最高、中位数与平均"),
    ("cohort_chart_range", "Lowest to highest", "最低到最高"),
    ("html_print_hint", "To keep this page as a PDF, print it (Ctrl+P, or ⌘P on a Mac) and choose \"Save as PDF\".", "如需保存为 PDF 文件，请打印本页（Ctrl+P，Mac 上为 ⌘P），并选择“另存为 PDF”。"),
    ("html_contents", "Contents", "目录"),
    ("severity.critical", "critical", "严重"),
    ("severity.high", "high", "高"),
    ("severity.medium", "medium", "中"),
    ("confidence.High", "High", "高"),
    ("confidence.Medium", "Medium", "中"),
    ("confidence.Low", "Low", "低"),
    ("effort.low", "low", "低"),
    ("effort.medium", "medium", "中"),
    ("effort.high", "high", "高"),
    ("group.quick_win", "quick win", "速赢"),
    ("group.big_bet", "big bet", "重点投入"),
    ("group.fill_in", "fill-in", "顺带完成"),
    ("group.later", "later", "以后再做"),
    ("evidence.verifiable", "verifiable", "可核验"),
    ("evidence.document", "internal document", "内部文件"),
    ("evidence.assertion", "our word", "口述"),
    ("evidence.none", "none given, credited at 50%", "未提供，按 50% 采信"),
    ("status.answered", "answered", "已答"),
    ("status.unknown", "don't know", "不知道"),
    ("status.unanswered", "not answered", "未作答"),
    ("status.not_applicable", "does not apply (condition not met)", "不适用（条件未满足）"),
    ("status.excluded", "does not apply to us", "不适用于我们"),
];

type Table = FnvMap<&'static str, (&'static str, &'static str)>;

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| LABELS.iter().map(|(k, en, zh)| (*k, (*en, *zh))).collect())
}

/// The label `key` in `lang`, or `None` for an unknown key.
pub fn label(lang: Lang, key: &str) -> Option<&'static str> {
    table().get(key).map(|(en, zh)| match lang {
        Lang::En => *en,
        Lang::Zh => *zh,
    })
}

/// The label `key` in `lang`, for moat's own code, whose keys all exist: a test reads
/// every key the code and the templates use and checks it. Were one missing, `[?]` is
/// printed, which is visible, rather than nothing.
pub fn fixed_text(lang: Lang, key: &str) -> &'static str {
    label(lang, key).unwrap_or("[?]")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every key moat's code and built-in templates name exists, in both languages:
    /// literal keys after `t(`, `fixed_text(`, `label(` in `src/` and `{{t "..."}}` in
    /// `templates/`, and `KIND.VALUE` for every value an enumerated `tv` kind can take.
    #[test]
    fn every_key_in_use_exists() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        let mut dirs = vec![root.join("src"), root.join("templates")];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else {
                    files.push(path);
                }
            }
        }
        let mut used = Vec::new();
        for path in &files {
            let mut source = std::fs::read_to_string(path).unwrap();
            // A template's opening comment shows the syntax with a placeholder key.
            while let Some(start) = source.find("{{!--") {
                let end = source[start..].find("--}}").map_or(source.len(), |e| start + e + 4);
                source.replace_range(start..end, "");
            }
            for call in [
                "t(\"",
                "{{t \"",
                "fixed_text(lang, \"",
                "fixed_text(self.lang, \"",
                "label(lang, \"",
                "label(self.lang, \"",
            ] {
                for (at, _) in source.match_indices(call) {
                    // `t(` as a name of its own, not the end of `parse_weight(` or `Text(`.
                    let before = source[..at].chars().next_back();
                    if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                        continue;
                    }
                    // Comments show the syntax with placeholder keys.
                    let line_start = source[..at].rfind('\n').map_or(0, |i| i + 1);
                    if source[line_start..].trim_start().starts_with("//") {
                        continue;
                    }
                    let rest = &source[at + call.len()..];
                    let key = &rest[..rest.find('"').unwrap_or(0)];
                    if !key.is_empty() && !key.contains('{') && !key.contains(' ') {
                        used.push((path.display().to_string(), key.to_string()));
                    }
                }
            }
        }
        assert!(used.len() > 200, "the scan found only {} keys: is it still reading the code?", used.len());
        let kinds: [(&str, &[&str]); 9] = [
            ("severity", &["critical", "high", "medium"]),
            ("confidence", &["High", "Medium", "Low"]),
            ("effort", &["low", "medium", "high"]),
            ("group", &["quick_win", "big_bet", "fill_in", "later"]),
            ("status", &["answered", "unknown", "unanswered", "not_applicable", "excluded"]),
            ("interview_reason", &["overclaim", "low_confidence"]),
            ("plan_first", &["overclaim", "low_confidence"]),
            ("interview_short", &["overclaim", "low_confidence"]),
            ("evidence", &["verifiable", "document", "assertion", "none"]),
        ];
        for (kind, values) in kinds {
            for value in values {
                used.push(("enumerated values".to_string(), format!("{kind}.{value}")));
            }
        }
        let missing: Vec<String> = used
            .iter()
            .filter(|(_, key)| table().get(key.as_str()).is_none())
            .map(|(f, k)| format!("{f}: `{k}`"))
            .collect();
        assert!(missing.is_empty(), "unknown label keys:\n{}", missing.join("\n"));
    }

    #[test]
    fn keys_are_unique_and_both_languages_filled() {
        assert_eq!(table().len(), LABELS.len(), "a key appears twice");
        for (key, en, zh) in LABELS {
            assert!(!en.is_empty() && !zh.is_empty(), "{key} is missing a language");
        }
    }
}
