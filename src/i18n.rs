//! Every fixed word moat prints, in English and Chinese, looked up by key. Templates
//! reach it through the `t` and `tv` helpers; the terminal code calls [`label`].

use crate::text::Lang;
use std::collections::HashMap;
use std::sync::OnceLock;

/// (key, English, Chinese).
const LABELS: &[(&str, &str, &str)] = &[
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
    ("out_of_100", "out of 100", "（满分 100）"),
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
    ("not_assessed", "not assessed", "未评估"),
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
    ("cost_benefit", "Cost-benefit", "成本效益"),
    ("metrics", "Metrics", "指标"),
    ("metric", "Metric", "指标"),
    ("value", "Value", "数值"),
    ("band_score", "Band score (0-4)", "区间得分（0-4）"),
    ("not_computable", "not computable", "无法计算"),
    ("no_metrics", "No metric was computed (the cost-benefit assessment was not answered).", "未计算任何指标（未作答成本效益问卷）。"),
    ("levers", "The four levers", "四个杠杆"),
    ("published_assumptions", "Published assumptions", "公开依据"),
    ("action_plan", "Action plan", "行动计划"),
    ("days_30", "Next 30 days: quick wins", "未来 30 天：速赢事项"),
    ("days_90", "Next 90 days: big bets", "未来 90 天：重点投入"),
    ("no_quick_wins", "No quick win: no high-impact, low-effort advice applies.", "暂无速赢事项：没有高影响且低投入的建议。"),
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
    ("evidence", "evidence", "证据"),
    ("note", "note", "备注"),
    ("weights_used", "Weights and targets used", "所用权重与目标"),
    ("scoring_method", "How the scores are computed", "计分方法"),
    ("method_1", "Each scored answer is worth 0 to 4 points. A dimension's score is 100 × the weighted points of its applicable questions ÷ the weighted maximum (4 per question); questions that do not apply or were marked \"does not apply\" are left out, and unanswered or \"don't know\" answers count 0.", "每个计分回答得 0 至 4 分。维度得分 = 100 × 适用问题的加权得分 ÷ 加权满分（每题 4 分）；不适用或标记为“不适用”的问题不计入，未作答或“不知道”按 0 分计。"),
    ("method_2", "Credited scores discount strong answers (3 or 4) to key questions by what backs them: verifiable evidence 100%, an internal document 80%, the founder's word 60%.", "“采信”得分按证据对关键问题的高分回答（3 或 4 分）打折：可外部核实的证据 100%，内部文件 80%，仅凭口述 60%。"),
    ("method_3", "Confidence is the share of a dimension's weight that was actually answered: High from 80%, Medium from 50%, else Low. A critical red flag caps a dimension's level at the second level.", "置信度是维度中实际作答部分所占的权重比例：80% 以上为高，50% 以上为中，否则为低。严重风险警示会把该维度的等级限制在第二级。"),
    ("method_4", "The overall score is the weighted mean of the assessed dimensions, with the weights above. Recommendations are ranked by impact = question weight × points missing × the weights of the dimensions it feeds.", "总体得分是已评估维度按上表权重的加权平均。建议按影响排序：影响 = 问题权重 × 缺失分数 × 所涉维度的权重。"),
    ("snapshot_note", "This score is a snapshot for discussion, not a pass mark: it reflects the answers given on the date above, and it is only as good as they are.", "本得分只是用于讨论的一次快照，而非及格线：它反映的是上述日期所给的回答，其可靠程度取决于回答本身。"),
    ("warnings", "Warnings", "警告"),
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
    ("group.fill_in", "fill-in", "顺手完成"),
    ("group.later", "later", "以后再做"),
    ("evidence.verifiable", "verifiable", "可核实"),
    ("evidence.document", "internal document", "内部文件"),
    ("evidence.assertion", "our word", "口述"),
    ("status.answered", "answered", "已答"),
    ("status.unknown", "don't know", "不知道"),
    ("status.unanswered", "not answered", "未作答"),
    ("status.not_applicable", "does not apply (condition not met)", "不适用（条件未满足）"),
    ("status.excluded", "does not apply to us", "不适用于我们"),
];

fn table() -> &'static HashMap<&'static str, (&'static str, &'static str)> {
    static TABLE: OnceLock<HashMap<&'static str, (&'static str, &'static str)>> = OnceLock::new();
    TABLE.get_or_init(|| LABELS.iter().map(|(k, en, zh)| (*k, (*en, *zh))).collect())
}

/// The label `key` in `lang`, or `None` for an unknown key.
pub fn label(lang: Lang, key: &str) -> Option<&'static str> {
    table().get(key).map(|(en, zh)| match lang {
        Lang::En => *en,
        Lang::Zh => *zh,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_both_languages_filled() {
        assert_eq!(table().len(), LABELS.len(), "a key appears twice");
        for (key, en, zh) in LABELS {
            assert!(!en.is_empty() && !zh.is_empty(), "{key} is missing a language");
        }
    }
}
