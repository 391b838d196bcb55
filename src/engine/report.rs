//! The report data: one serialisable struct built from a scorecard, its definitions and
//! a language. The markdown template receives exactly this, and `--format json` prints it.

use crate::engine::rules::INTERVIEW_QUESTIONS;
use crate::engine::scoring::{Confidence, ItemState, Recommendation, Scorecard, Source};
use crate::model::answers::{Answer, AnswerFile, Evidence, Status};
use crate::model::catalog::Catalog;
use crate::model::definition::{Assessment, Question, MAX_SCORE};
use crate::text::number::group_thousands;
use crate::text::{Lang, Text};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub lang: Lang,
    pub respondent: RespondentView,
    pub assessed_on: Option<String>,
    pub status: Status,
    pub assessments: Vec<AssessmentRef>,
    pub overall: OverallView,
    pub dimensions: Vec<DimensionView>,
    /// Dimension ids, best first (docs/scoring.md 5.1.11).
    pub strengths: Vec<String>,
    /// Dimension ids, largest shortfall first.
    pub gaps: Vec<String>,
    pub summary: Summary,
    pub question_gaps: Vec<QuestionGapView>,
    pub red_flags: Vec<FlagView>,
    pub metrics: Vec<MetricView>,
    pub levers: Vec<LeverView>,
    pub recommendations: Vec<RecommendationView>,
    pub plan: Plan,
    pub find_out: Vec<FindOutView>,
    pub evidence_to_gather: Vec<EvidenceView>,
    /// What an interviewer should ask first (docs/scoring.md 5.2.6): the claims with the
    /// most credit lost and the heaviest unknowns, most at stake first.
    pub interview_questions: Vec<InterviewQuestion>,
    /// Every answer, section by section, assessment after assessment (the appendix).
    pub answers: Vec<SectionAnswers>,
    pub weights: Vec<WeightView>,
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RespondentView {
    pub name: Option<String>,
    pub stage: Option<String>,
    pub sector: Option<String>,
    pub profile: Option<String>,
    /// The definition's label for the stage id, else the stage as written.
    pub stage_label: Option<String>,
    pub sector_label: Option<String>,
    pub profile_title: Option<String>,
    pub profile_rationale: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AssessmentRef {
    pub id: String,
    pub version: u32,
    pub title: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct OverallView {
    pub score: Option<f64>,
    pub claimed: Option<f64>,
    pub overclaim: Option<f64>,
    pub level: Option<String>,
    pub confidence: Option<&'static str>,
    pub confidence_ratio: Option<f64>,
    /// docs/scoring.md 5.2.3: test these answers in an interview before anything else.
    pub interview_first: bool,
    /// `overclaim` and/or `low_confidence`, in that order.
    pub interview_reasons: Vec<&'static str>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DimensionView {
    pub id: String,
    pub title: String,
    pub description: Option<String>,
    pub score: Option<f64>,
    pub claimed: Option<f64>,
    pub overclaim: Option<f64>,
    pub level: Option<String>,
    pub confidence: Option<&'static str>,
    pub confidence_ratio: Option<f64>,
    pub target: Option<f64>,
    pub gap_to_target: Option<f64>,
    pub weight: f64,
    pub assessed: bool,
    pub strength: bool,
    pub gap: bool,
    /// Texts of the critical flags that lowered the level.
    pub capped_by: Vec<String>,
    /// Answers in this dimension scoring 3 or 4.
    pub strong_answers: Vec<AnswerView>,
    /// Answers in this dimension scoring 1 or less (unknown included).
    pub weak_answers: Vec<AnswerView>,
    /// Metrics in this dimension whose band scores 1 or less.
    pub weak_metrics: Vec<MetricView>,
    pub recommendations: Vec<RecommendationView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DimensionRef {
    pub id: String,
    pub title: String,
    pub score: Option<f64>,
    pub level: Option<String>,
    pub target: Option<f64>,
    /// Whether the score is under the target; a gap that is not is one for scoring under
    /// 50 (docs/scoring.md 5.1.11), and the report says so.
    pub below_target: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub strengths: Vec<DimensionRef>,
    pub gaps: Vec<DimensionRef>,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuestionGapView {
    pub assessment: String,
    pub question: String,
    /// The question's short title (docs/scoring.md 5.2.5).
    pub title: String,
    pub answer: String,
    pub score: f64,
    pub impact: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct FlagView {
    pub severity: &'static str,
    pub text: String,
    pub assessment: String,
    pub question: Option<String>,
    pub metric: Option<String>,
    /// The question's short title or the metric's title.
    pub source_title: String,
    pub caps_level: bool,
    /// The advice attached to the same answer or band, if any: what fixes this flag.
    pub advice: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MetricView {
    pub id: String,
    pub assessment: String,
    pub title: String,
    pub value: Option<f64>,
    pub score: Option<f64>,
    pub unit: Option<String>,
    pub computable: bool,
    /// The value as printed: `5.2 months`, or the not-computable label.
    pub display: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct LeverView {
    pub assessment: String,
    pub section: String,
    pub title: String,
    pub score: Option<f64>,
    pub claimed: Option<f64>,
    pub assumptions: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RecommendationView {
    /// docs/scoring.md 5.2.4: it fixes a critical or high red flag (first in the 30-day plan).
    pub fix_now: bool,
    pub text: String,
    pub impact: f64,
    pub effort: &'static str,
    pub group: &'static str,
    pub assessment: String,
    pub question: Option<String>,
    pub metric: Option<String>,
    pub source_title: String,
    pub dimensions: Vec<String>,
}

/// docs/scoring.md 5.2.4 (find out): a "don't know" answer to settle before planning on it.
#[derive(Debug, Clone, Serialize)]
pub struct FindOutView {
    pub assessment: String,
    pub question: String,
    pub title: String,
    /// w_q × Σ_d W_d·c_qd: how much the answer weighs in the overall score.
    pub weight: f64,
    pub advice: Option<String>,
    pub effort: Option<&'static str>,
}

/// One question for the interviewer (docs/scoring.md 5.2.6).
#[derive(Debug, Clone, Serialize)]
pub struct InterviewQuestion {
    pub assessment: String,
    pub question: String,
    pub title: String,
    /// `back_it_up` (a claim credited below its score) or `find_out` (a "don't know").
    pub reason: &'static str,
    /// What the founder answered (for a claim) or "don't know".
    pub answer: String,
    /// The definition's `interview` text: what to ask and what to ask to see (its
    /// prompt when the definition has none).
    pub ask: String,
    /// Overall points × weight at stake: the credit lost, or for an unknown its
    /// weight × the most an answer can score.
    pub at_stake: f64,
}

/// The data the applicant brief receives (`templates/brief.md.hbs`), and what `moat
/// report --brief --format json` prints: what a committee's page shows of the report
/// (built by [`build_brief`]), plus the applicant's place in a `screen` batch.
#[derive(Debug, Clone, Serialize)]
pub struct Brief {
    pub lang: Lang,
    pub respondent: RespondentView,
    pub assessed_on: Option<String>,
    pub status: Status,
    pub overall: OverallView,
    pub dimensions: Vec<BriefDimension>,
    pub summary: Summary,
    pub red_flags: Vec<FlagView>,
    pub interview_questions: Vec<InterviewQuestion>,
    /// Where the applicant stands in a `screen` batch; absent outside one.
    pub batch: Option<BatchPlace>,
}

/// A dimension as the brief's scorecard shows it.
#[derive(Debug, Clone, Serialize)]
pub struct BriefDimension {
    pub id: String,
    pub title: String,
    pub score: Option<f64>,
    pub claimed: Option<f64>,
    pub level: Option<String>,
    pub confidence: Option<&'static str>,
    pub target: Option<f64>,
    pub assessed: bool,
}

/// Where an applicant stands in a `screen` batch, as text the brief prints: `screen`
/// writes each brief before the batch is ranked, and fills these in once it is.
#[derive(Debug, Clone, Serialize)]
pub struct BatchPlace {
    pub rank: String,
    pub of: String,
    pub percentile: Option<String>,
}

/// docs/scoring.md 5.2.4 (back it up): a strong claim that evidence would credit in full.
#[derive(Debug, Clone, Serialize)]
pub struct EvidenceView {
    pub assessment: String,
    pub question: String,
    pub title: String,
    /// The answer claimed.
    pub answer: String,
    /// What backs it now: `document`, `assertion` or `none`.
    pub evidence: &'static str,
    /// Overall points × weight the claim loses for want of evidence
    /// (w_q × s_q × (1 − e_q) × Σ_d W_d·c_qd).
    pub credit_lost: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Plan {
    pub days_30: Vec<RecommendationView>,
    pub days_90: Vec<RecommendationView>,
}

/// The answers to one section. One flat list of sections rather than sections inside
/// assessments: each nesting level makes every lookup in a handlebars template dearer.
#[derive(Debug, Clone, Serialize)]
pub struct SectionAnswers {
    pub assessment: String,
    pub assessment_title: String,
    /// The first section of its assessment, where the report heads the assessment.
    pub first: bool,
    pub id: String,
    pub title: String,
    pub questions: Vec<AnswerView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AnswerView {
    pub assessment: String,
    pub question: String,
    /// The question's short title, as lists name it (docs/scoring.md 5.2.5).
    pub title: String,
    /// The question as asked; the appendix shows it.
    pub prompt: String,
    /// Why the question matters; given in `weak_answers`, where the report quotes it.
    pub help: Option<String>,
    /// The answer as the founder picked it: option labels, a number with its unit, or text.
    pub answer: String,
    pub status: AnswerStatus,
    pub score: Option<f64>,
    /// For a strong answer to an evidence question: `verifiable`, `document`, `assertion`, or `none`.
    pub evidence: Option<&'static str>,
    pub note: Option<String>,
}

/// Where an answer stands, as the report data says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AnswerStatus {
    Answered,
    Unknown,
    Unanswered,
    NotApplicable,
    Excluded,
}

impl AnswerStatus {
    /// The JSON name, which is also the label key `status.<name>`.
    pub fn as_str(self) -> &'static str {
        match self {
            AnswerStatus::Answered => "answered",
            AnswerStatus::Unknown => "unknown",
            AnswerStatus::Unanswered => "unanswered",
            AnswerStatus::NotApplicable => "not_applicable",
            AnswerStatus::Excluded => "excluded",
        }
    }

    /// Answered with an option, a value or "don't know": it counts in its dimensions.
    pub fn counts(self) -> bool {
        matches!(self, AnswerStatus::Answered | AnswerStatus::Unknown)
    }
}

impl From<ItemState> for AnswerStatus {
    fn from(state: ItemState) -> AnswerStatus {
        match state {
            ItemState::NotApplicable => AnswerStatus::NotApplicable,
            ItemState::Unanswered => AnswerStatus::Unanswered,
            ItemState::Unknown => AnswerStatus::Unknown,
            ItemState::Excluded => AnswerStatus::Excluded,
            ItemState::Answered => AnswerStatus::Answered,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct WeightView {
    pub dimension: String,
    pub title: String,
    pub weight: f64,
    pub target: Option<f64>,
}

/// Score a loaded file and build its report data: what `report`, `ask`, `compare` and
/// `screen` all do with one answers file. `lang` falls back to the file's own, then English.
pub fn score_and_build(
    catalog: &Catalog,
    file: &AnswerFile,
    warnings: &[crate::model::problem::Problem],
    lang: Option<Lang>,
    weights: &indexmap::IndexMap<String, f64>,
) -> Result<(Scorecard, Report), crate::engine::scoring::ScoreError> {
    let card = crate::engine::scoring::score(catalog.all(), file, weights)?;
    let lang = lang.or(file.lang).unwrap_or_default();
    let data = build(catalog, file, &card, lang, warnings);
    Ok((card, data))
}

/// Build the report for `file`, scored as `card`, in `lang`.
/// `warnings` are the loader's, printed in the report without their file and line.
pub fn build(
    catalog: &Catalog,
    file: &AnswerFile,
    card: &Scorecard,
    lang: Lang,
    warnings: &[crate::model::problem::Problem],
) -> Report {
    let answered: Vec<&Assessment> = card.assessments.iter().filter_map(|id| catalog.get(id)).collect();
    let view = Builder { catalog, file, card, lang };
    let answers: Vec<SectionAnswers> = answered.iter().flat_map(|a| view.section_answers(a)).collect();
    let all_answers: Vec<&AnswerView> = answers.iter().flat_map(|s| s.questions.iter()).collect();
    // The question behind each answer view: both lists follow the definitions' order.
    let questions: Vec<&Question> = answered.iter().flat_map(|a| a.questions()).collect();
    let with_question = || all_answers.iter().copied().zip(questions.iter().copied());
    let recommendations: Vec<RecommendationView> =
        card.recommendations.iter().map(|r| view.recommendation(r)).collect();
    let metrics: Vec<MetricView> = card.metrics.iter().map(|m| view.metric(m)).collect();
    let dimensions: Vec<DimensionView> = card
        .dimensions
        .iter()
        .map(|d| {
            let in_d = |(a, q): &(&AnswerView, &Question)| q.dimensions.contains_key(&d.id) && a.status.counts();
            DimensionView {
                id: d.id.clone(),
                title: d.title.get(lang).to_string(),
                description: d.description.as_ref().map(|t| t.get(lang).to_string()),
                score: d.score,
                claimed: d.claimed,
                overclaim: d.overclaim,
                level: d.level.as_ref().map(|l| l.name.get(lang).to_string()),
                confidence: d.confidence_label().map(Confidence::as_str),
                confidence_ratio: d.confidence,
                target: d.target,
                gap_to_target: d.gap_to_target,
                weight: d.weight,
                assessed: d.score.is_some(),
                strength: card.strengths.contains(&d.id),
                gap: card.gaps.contains(&d.id),
                capped_by: d
                    .capped_by
                    .iter()
                    .filter_map(|&i| card.red_flags.get(i))
                    .map(|f| f.text.get(lang).to_string())
                    .collect(),
                strong_answers: with_question()
                    .filter(in_d)
                    .filter(|(a, _)| crate::model::definition::is_strong(a.score))
                    .map(|(a, _)| a.clone())
                    .collect(),
                weak_answers: with_question()
                    .filter(in_d)
                    .filter(|(a, _)| a.score.is_some_and(|s| s <= crate::engine::rules::WEAK_ANSWER_AT_MOST))
                    .map(|(a, q)| AnswerView { help: q.help.as_ref().map(|t| view.text(t)), ..a.clone() })
                    .collect(),
                weak_metrics: metrics
                    .iter()
                    .filter(|m| m.score.is_some_and(|s| s <= crate::engine::rules::WEAK_ANSWER_AT_MOST))
                    .filter(|m| {
                        catalog
                            .get(&m.assessment)
                            .and_then(|a| a.metrics.iter().find(|x| x.id == m.id))
                            .is_some_and(|x| x.dimensions.contains_key(&d.id))
                    })
                    .cloned()
                    .collect(),
                recommendations: card
                    .recommendations
                    .iter()
                    .zip(&recommendations)
                    .filter(|(r, _)| r.dimensions.contains(&d.id))
                    .map(|(_, v)| v.clone())
                    .collect(),
            }
        })
        .collect();
    let summary = summary(card, lang);
    let capping: Vec<usize> = card.dimensions.iter().flat_map(|d| d.capped_by.iter().copied()).collect();
    let interview_questions = interview_questions(&view);
    Report {
        lang,
        respondent: view.respondent(&answered),
        assessed_on: file.assessed_on.clone(),
        status: file.status,
        assessments: answered
            .iter()
            .map(|a| AssessmentRef { id: a.id.clone(), version: a.version, title: a.title.get(lang).to_string() })
            .collect(),
        overall: overall_view(card, lang),
        find_out: card
            .find_out
            .iter()
            .map(|f| FindOutView {
                assessment: f.assessment.clone(),
                question: f.question.clone(),
                title: view.title(&f.assessment, &f.question),
                weight: f.weight,
                advice: f.advice.as_ref().map(|(t, _)| t.get(lang).to_string()),
                effort: f.advice.as_ref().map(|(_, e)| e.as_str()),
            })
            .collect(),
        evidence_to_gather: card
            .evidence_to_gather
            .iter()
            .map(|e| {
                let answer = all_answers.iter().find(|a| a.assessment == e.assessment && a.question == e.question);
                EvidenceView {
                    assessment: e.assessment.clone(),
                    question: e.question.clone(),
                    title: view.title(&e.assessment, &e.question),
                    answer: answer.map(|a| a.answer.clone()).unwrap_or_default(),
                    evidence: evidence_key(e.evidence),
                    credit_lost: e.credit_lost,
                }
            })
            .collect(),
        interview_questions,
        question_gaps: card
            .question_gaps
            .iter()
            .map(|g| {
                let answer = all_answers.iter().find(|a| a.assessment == g.assessment && a.question == g.question);
                QuestionGapView {
                    assessment: g.assessment.clone(),
                    question: g.question.clone(),
                    title: answer.map(|a| a.title.clone()).unwrap_or_default(),
                    answer: answer.map(|a| a.answer.clone()).unwrap_or_default(),
                    score: g.score,
                    impact: g.impact,
                }
            })
            .collect(),
        red_flags: flag_views(&view, &capping),
        metrics,
        levers: view.levers(&answered),
        plan: Plan {
            days_30: card.plan_30.iter().filter_map(|&i| recommendations.get(i).cloned()).collect(),
            days_90: card.plan_90.iter().filter_map(|&i| recommendations.get(i).cloned()).collect(),
        },
        weights: dimensions
            .iter()
            .map(|d| WeightView { dimension: d.id.clone(), title: d.title.clone(), weight: d.weight, target: d.target })
            .collect(),
        strengths: card.strengths.clone(),
        gaps: card.gaps.clone(),
        summary,
        dimensions,
        recommendations,
        answers,
        warnings: warnings.iter().map(|w| w.message.clone()).collect(),
    }
}

/// The recommendation from the answer (or band) that raised `flag`; else one from its question.
fn fix_for<'c>(card: &'c Scorecard, flag: &crate::engine::scoring::RedFlag) -> Option<&'c Recommendation> {
    let same_assessment = || card.recommendations.iter().filter(|r| r.assessment == flag.assessment);
    same_assessment().find(|r| r.source == flag.source).or_else(|| match &flag.source {
        Source::Question { question, .. } => {
            same_assessment().find(|r| matches!(&r.source, Source::Question { question: q, .. } if q == question))
        }
        Source::Metric { .. } => None,
    })
}

fn source_ids(source: &Source) -> (Option<String>, Option<String>) {
    match source {
        Source::Question { question, .. } => (Some(question.clone()), None),
        Source::Metric { metric } => (None, Some(metric.clone())),
    }
}

struct Builder<'a> {
    catalog: &'a Catalog,
    file: &'a AnswerFile,
    card: &'a Scorecard,
    lang: Lang,
}

impl Builder<'_> {
    fn text(&self, text: &Text) -> String {
        text.get(self.lang).to_string()
    }

    fn respondent(&self, answered: &[&Assessment]) -> RespondentView {
        let r = &self.file.respondent;
        let specs: Vec<_> = self.catalog.all().iter().filter_map(|a| a.respondent.as_ref()).collect();
        let find =
            |value: &Option<String>,
             pick: fn(&crate::model::definition::RespondentSpec) -> &Vec<crate::model::definition::Labelled>| {
                value.as_ref().map(|v| {
                    specs
                        .iter()
                        .flat_map(|s| pick(s).iter())
                        .find(|l| &l.id == v)
                        .map_or_else(|| v.clone(), |l| self.text(&l.label))
                })
            };
        let profile =
            r.profile.as_ref().and_then(|p| answered.iter().find_map(|a| a.profiles.iter().find(|x| &x.id == p)));
        RespondentView {
            name: r.name.clone(),
            stage: r.stage.clone(),
            sector: r.sector.clone(),
            profile: r.profile.clone(),
            stage_label: find(&r.stage, |s| &s.stages),
            sector_label: find(&r.sector, |s| &s.sectors),
            profile_title: profile.map(|p| self.text(&p.title)),
            profile_rationale: profile.and_then(|p| p.rationale.as_ref()).map(|t| self.text(t)),
        }
    }

    /// The short title reports name a question by, or its prompt where it has none.
    fn title(&self, assessment: &str, question: &str) -> String {
        self.catalog.question(assessment, question).map(|q| self.question_title(q)).unwrap_or_default()
    }

    fn question_title(&self, q: &Question) -> String {
        self.text(q.short_title())
    }

    fn source_title(&self, assessment: &str, source: &Source) -> String {
        let def = self.catalog.get(assessment);
        match source {
            Source::Question { question, .. } => {
                def.and_then(|a| a.question(question)).map(|q| self.question_title(q)).unwrap_or_default()
            }
            Source::Metric { metric } => def
                .and_then(|a| a.metrics.iter().find(|m| &m.id == metric))
                .map(|m| self.text(&m.title))
                .unwrap_or_default(),
        }
    }

    fn recommendation(&self, r: &Recommendation) -> RecommendationView {
        let (question, metric) = source_ids(&r.source);
        let titles = r
            .dimensions
            .iter()
            .map(|d| self.card.dimension(d).map_or_else(|| d.clone(), |x| self.text(&x.title)))
            .collect();
        RecommendationView {
            fix_now: r.fix_now.is_some(),
            text: self.text(&r.text),
            impact: r.impact,
            effort: r.effort.as_str(),
            group: r.group.as_str(),
            assessment: r.assessment.clone(),
            source_title: self.source_title(&r.assessment, &r.source),
            question,
            metric,
            dimensions: titles,
        }
    }

    fn metric(&self, m: &crate::engine::scoring::MetricResult) -> MetricView {
        let def = self.catalog.get(&m.assessment).and_then(|a| a.metrics.iter().find(|x| x.id == m.id));
        let unit = def.and_then(|d| d.unit.as_ref()).map(|u| self.text(u));
        // Ratios below 10 (0.04 of burn) need two decimals to say anything.
        let figure = |v: f64| if v.abs() < 10.0 { format!("{v:.2}") } else { format!("{v:.1}") };
        let zero_label = def.and_then(|d| d.on_zero_divisor.as_ref()).and_then(|z| z.label.as_ref());
        let display = match (m.value, &unit) {
            (Some(v), Some(unit)) => format!("{} {unit}", figure(v)),
            (Some(v), None) => figure(v),
            // docs/scoring.md 5.2.2: a zero divisor the definition reads as a score.
            (None, _) if m.zero_divisor => match zero_label {
                Some(label) => self.text(label),
                None => crate::text::labels::fixed_text(self.lang, "zero_divisor").to_string(),
            },
            (None, _) => crate::text::labels::fixed_text(self.lang, "not_computable").to_string(),
        };
        MetricView {
            id: m.id.clone(),
            assessment: m.assessment.clone(),
            title: def.map(|d| self.text(&d.title)).unwrap_or_else(|| m.id.clone()),
            value: m.value,
            score: m.score,
            unit,
            computable: m.value.is_some() || m.zero_divisor,
            display,
        }
    }

    fn levers(&self, answered: &[&Assessment]) -> Vec<LeverView> {
        answered
            .iter()
            .flat_map(|a| a.sections.iter().map(move |s| (a, s)))
            .filter(|(_, s)| !s.assumptions.is_empty())
            .map(|(a, s)| {
                let score = self.card.sections.iter().find(|x| x.assessment == a.id && x.section == s.id);
                LeverView {
                    assessment: a.id.clone(),
                    section: s.id.clone(),
                    title: self.text(&s.title),
                    score: score.and_then(|x| x.score),
                    claimed: score.and_then(|x| x.claimed),
                    assumptions: s.assumptions.iter().map(|t| self.text(t)).collect(),
                }
            })
            .collect()
    }

    fn section_answers(&self, a: &Assessment) -> Vec<SectionAnswers> {
        // The scorecard lists this assessment's items in question order: take them in
        // step rather than searching the whole list for each question.
        let mut items = self.card.items.iter().filter(|i| i.assessment == a.id).peekable();
        let mut item_for = |q: &Question| match items.peek() {
            Some(item) if item.question == q.id => items.next(),
            _ => self.card.item(&a.id, &q.id),
        };
        let title = self.text(&a.title);
        a.sections
            .iter()
            .enumerate()
            .map(|(i, s)| SectionAnswers {
                assessment: a.id.clone(),
                assessment_title: title.clone(),
                first: i == 0,
                id: s.id.clone(),
                title: self.text(&s.title),
                questions: s.questions.iter().map(|q| self.answer(a, q, item_for(q))).collect(),
            })
            .collect()
    }

    fn answer(&self, a: &Assessment, q: &Question, item: Option<&crate::engine::scoring::ItemResult>) -> AnswerView {
        let state = item.map_or(ItemState::Unanswered, |i| i.state);
        let raw = self.file.answer(&a.id, &q.id);
        let (evidence, note) = match raw {
            Some(Answer::Choice { evidence, note, option }) => {
                let strong = crate::model::definition::is_strong(q.option(option).and_then(|o| o.score));
                // A strong claim with nothing behind it is credited at half: say so.
                ((q.evidence && strong).then_some(evidence_key(*evidence)), note.clone())
            }
            _ => (None, None),
        };
        AnswerView {
            assessment: a.id.clone(),
            question: q.id.clone(),
            title: self.question_title(q),
            prompt: self.text(&q.prompt),
            // Filled in only where the report prints it (`weak_answers`).
            help: None,
            answer: raw.map(|r| self.answer_text(q, r)).unwrap_or_default(),
            status: state.into(),
            score: item.and_then(|i| i.score),
            evidence,
            note,
        }
    }

    fn answer_text(&self, q: &Question, answer: &Answer) -> String {
        answer_label(q, answer, self.lang, Wording::Report)
    }
}

/// The strengths and gaps, each with its score, level and target.
fn summary(card: &Scorecard, lang: Lang) -> Summary {
    let dimension_ref = |id: &String| {
        card.dimension(id).map(|d| DimensionRef {
            id: d.id.clone(),
            title: d.title.get(lang).to_string(),
            score: d.score,
            level: d.level.as_ref().map(|l| l.name.get(lang).to_string()),
            target: d.target,
            below_target: d.score.zip(d.target).is_some_and(|(s, t)| s < t),
        })
    };
    Summary {
        strengths: card.strengths.iter().filter_map(dimension_ref).collect(),
        gaps: card.gaps.iter().filter_map(dimension_ref).collect(),
    }
}

fn overall_view(card: &Scorecard, lang: Lang) -> OverallView {
    OverallView {
        score: card.overall.score,
        claimed: card.overall.claimed,
        overclaim: card.overall.claimed.zip(card.overall.score).map(|(c, s)| c - s),
        level: card.overall.level.as_ref().map(|l| l.name.get(lang).to_string()),
        confidence: card.overall.confidence.map(|c| Confidence::from_ratio(c).as_str()),
        confidence_ratio: card.overall.confidence,
        interview_first: card.overall.interview_first(),
        interview_reasons: card.overall.interview_reasons.iter().map(|r| r.as_str()).collect(),
    }
}

/// The red flags, severest first; `capping` lists the flags that cap a dimension's level.
fn flag_views(view: &Builder, capping: &[usize]) -> Vec<FlagView> {
    let (card, lang) = (view.card, view.lang);
    card.red_flags
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let (question, metric) = source_ids(&f.source);
            FlagView {
                severity: f.severity.as_str(),
                text: f.text.get(lang).to_string(),
                assessment: f.assessment.clone(),
                source_title: view.source_title(&f.assessment, &f.source),
                question,
                metric,
                caps_level: capping.contains(&i),
                advice: fix_for(card, f).map(|r| r.text.get(lang).to_string()),
            }
        })
        .collect()
}

/// The applicant brief for `file`, scored as `card`, in `lang`: only what the page
/// shows, built without the rest of the report (a `screen` batch builds one a file).
pub fn build_brief(catalog: &Catalog, file: &AnswerFile, card: &Scorecard, lang: Lang) -> Brief {
    let answered: Vec<&Assessment> = card.assessments.iter().filter_map(|id| catalog.get(id)).collect();
    let view = Builder { catalog, file, card, lang };
    let dimensions: Vec<BriefDimension> = card
        .dimensions
        .iter()
        .map(|d| BriefDimension {
            id: d.id.clone(),
            title: d.title.get(lang).to_string(),
            score: d.score,
            claimed: d.claimed,
            level: d.level.as_ref().map(|l| l.name.get(lang).to_string()),
            confidence: d.confidence_label().map(Confidence::as_str),
            target: d.target,
            assessed: d.score.is_some(),
        })
        .collect();
    let summary = summary(card, lang);
    let capping: Vec<usize> = card.dimensions.iter().flat_map(|d| d.capped_by.iter().copied()).collect();
    Brief {
        lang,
        respondent: view.respondent(&answered),
        assessed_on: file.assessed_on.clone(),
        status: file.status,
        overall: overall_view(card, lang),
        red_flags: flag_views(&view, &capping),
        interview_questions: interview_questions(&view),
        dimensions,
        summary,
        batch: None,
    }
}

/// docs/scoring.md 5.2.6: the back-it-up claims and find-out unknowns with the most at
/// stake, merged, at most [`INTERVIEW_QUESTIONS`]; ties keep claims before unknowns,
/// each list in its own order.
fn interview_questions(view: &Builder) -> Vec<InterviewQuestion> {
    let card = view.card;
    let ask = |assessment: &str, question: &str| {
        view.catalog
            .question(assessment, question)
            .map(|q| view.text(q.interview.as_ref().unwrap_or(&q.prompt)))
            .unwrap_or_default()
    };
    let answer = |assessment: &str, question: &str| {
        let q = view.catalog.question(assessment, question);
        q.zip(view.file.answer(assessment, question))
            .map(|(q, a)| answer_label(q, a, view.lang, Wording::Report))
            .unwrap_or_default()
    };
    let claims = card.evidence_to_gather.iter().map(|e| InterviewQuestion {
        assessment: e.assessment.clone(),
        question: e.question.clone(),
        title: view.title(&e.assessment, &e.question),
        reason: "back_it_up",
        answer: answer(&e.assessment, &e.question),
        ask: ask(&e.assessment, &e.question),
        at_stake: e.credit_lost,
    });
    let unknowns = card.find_out.iter().map(|f| InterviewQuestion {
        assessment: f.assessment.clone(),
        question: f.question.clone(),
        title: view.title(&f.assessment, &f.question),
        reason: "find_out",
        answer: answer(&f.assessment, &f.question),
        ask: ask(&f.assessment, &f.question),
        at_stake: f.weight * MAX_SCORE,
    });
    let mut all: Vec<InterviewQuestion> = claims.chain(unknowns).collect();
    // A stable sort keeps claims before unknowns at equal stakes.
    all.sort_by(|a, b| b.at_stake.total_cmp(&a.at_stake));
    all.truncate(INTERVIEW_QUESTIONS);
    all
}

/// How an answer is worded: as reports quote it (the whole option label, numbers with
/// their unit), or as a list row of `ask` shows it (short labels, bare numbers).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Wording {
    Report,
    List,
}

/// An answer as the founder picked it: option labels, a number, or the text, worded for
/// a report or for `ask`'s review page.
pub fn answer_label(q: &Question, answer: &Answer, lang: Lang, wording: Wording) -> String {
    let option_label = |id: &str| {
        q.option(id).map_or_else(
            || id.to_string(),
            |o| match wording {
                Wording::Report => o.label.get(lang).to_string(),
                Wording::List => o.listed(lang).to_string(),
            },
        )
    };
    match answer {
        Answer::Choice { option, .. } => option_label(option),
        Answer::Multi(ids) if ids.is_empty() => crate::text::labels::fixed_text(lang, "none").to_string(),
        Answer::Multi(ids) => {
            ids.iter().map(|id| option_label(id)).collect::<Vec<_>>().join(crate::text::labels::fixed_text(lang, ";"))
        }
        Answer::Number(n) => match (&q.unit, wording) {
            (Some(unit), Wording::Report) => format!("{} {}", group_thousands(*n), unit.get(lang)),
            _ => group_thousands(*n),
        },
        Answer::Text(t) => t.clone(),
    }
}

/// The evidence a strong claim declares, as the report data names it (`none` for none,
/// which the report prints as "none given, credited at 50%").
fn evidence_key(evidence: Option<Evidence>) -> &'static str {
    evidence.map_or("none", Evidence::as_str)
}
