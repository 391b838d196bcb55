//! The scoring engine of docs/scoring.md, in one place: definitions and answers in, a
//! [`Scorecard`] out. Pure: no I/O, no terminal, no clock. Each step names the
//! rule of docs/scoring.md it implements; the tests below check each rule with hand-computed numbers.

use crate::engine::rules;
use crate::model::answers::{Answer, AnswerFile, Evidence};
use crate::model::condition::applicability;
use crate::model::definition::{
    band_for, is_known_profile, is_strong, profile_ids, AnswerOption, Assessment, Band, Effort, Flag, Kind, Level,
    MultiOutcome, Question, Severity, ZeroDivisor, DEFAULT_PROFILE, MAX_SCORE,
};
use crate::text::Text;
use indexmap::IndexMap;
use thiserror::Error;

#[derive(Debug, Error, PartialEq)]
pub enum ScoreError {
    #[error("`--weight` names dimension `{dimension}`, which no assessment declares (dimensions: {known})")]
    UnknownWeightDimension { dimension: String, known: String },
    #[error("unknown profile `{profile}` (valid: {valid})")]
    UnknownProfile { profile: String, valid: String },
}

/// Confidence in a dimension: how much of its applicable weight was answered (docs/scoring.md 5).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confidence {
    High,
    Medium,
    Low,
}

impl Confidence {
    pub fn from_ratio(ratio: f64) -> Confidence {
        if ratio >= rules::CONFIDENCE_HIGH {
            Confidence::High
        } else if ratio >= rules::CONFIDENCE_MEDIUM {
            Confidence::Medium
        } else {
            Confidence::Low
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::High => "High",
            Confidence::Medium => "Medium",
            Confidence::Low => "Low",
        }
    }
}

/// A level reached: its position in the definition's levels (0 = lowest) and its name.
#[derive(Debug, Clone, PartialEq)]
pub struct LevelRef {
    pub rank: usize,
    pub name: Text,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Overall {
    pub score: Option<f64>,
    pub claimed: Option<f64>,
    pub level: Option<LevelRef>,
    /// docs/scoring.md 5.1.15: Σ W_d·confidence_d / Σ W_d over assessed dimensions.
    pub confidence: Option<f64>,
    /// docs/scoring.md 5.2.3: why an interviewer should test these answers before
    /// anything else; empty when nothing calls for it (`interview_first` is false).
    pub interview_reasons: Vec<InterviewReason>,
}

impl Overall {
    /// docs/scoring.md 5.2.3.
    pub fn interview_first(&self) -> bool {
        !self.interview_reasons.is_empty()
    }
}

/// docs/scoring.md 5.2.3, in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InterviewReason {
    /// Overall claimed runs at least `rules::INTERVIEW_OVERCLAIM` points above credited.
    Overclaim,
    /// The overall confidence is Low.
    LowConfidence,
}

impl InterviewReason {
    pub fn as_str(self) -> &'static str {
        match self {
            InterviewReason::Overclaim => "overclaim",
            InterviewReason::LowConfidence => "low_confidence",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct DimensionScore {
    pub id: String,
    pub title: Text,
    pub description: Option<Text>,
    /// W_d: from the profile, the declaration or `--weight`.
    pub weight: f64,
    pub target: Option<f64>,
    /// Credited score; `None` when the dimension is not assessed.
    pub score: Option<f64>,
    pub claimed: Option<f64>,
    pub overclaim: Option<f64>,
    pub gap_to_target: Option<f64>,
    pub level: Option<LevelRef>,
    /// Indices into `Scorecard::red_flags` of the critical flags that lowered the level.
    pub capped_by: Vec<usize>,
    /// known weight / applicable weight.
    pub confidence: Option<f64>,
}

impl DimensionScore {
    pub fn confidence_label(&self) -> Option<Confidence> {
        self.confidence.map(Confidence::from_ratio)
    }
}

/// What happened to one question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemState {
    /// Its `when` is false: left out entirely.
    NotApplicable,
    Unanswered,
    /// An `unknown` option: scores 0, lowers confidence.
    Unknown,
    /// An `na` option: left out of scoring.
    Excluded,
    Answered,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ItemResult {
    pub assessment: String,
    pub section: String,
    pub question: String,
    pub state: ItemState,
    /// Claimed s_q for scored questions that count (answered or unknown).
    pub score: Option<f64>,
    /// e_q.
    pub evidence_factor: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct QuestionGap {
    pub assessment: String,
    pub question: String,
    pub score: f64,
    pub impact: f64,
}

/// Where a flag or a recommendation comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    Question { question: String, option: Option<String> },
    Metric { metric: String },
}

#[derive(Debug, Clone, PartialEq)]
pub struct RedFlag {
    pub severity: Severity,
    pub text: Text,
    pub assessment: String,
    pub source: Source,
    pub dimensions: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MetricResult {
    pub assessment: String,
    pub id: String,
    /// `None` when not computable (zero or missing divisor, missing numerator), and
    /// when the divisor is 0 and the metric says what that means (`zero_divisor`).
    pub value: Option<f64>,
    /// `None` when unbanded or not computable.
    pub score: Option<f64>,
    /// docs/scoring.md 5.2.2: the divisor was 0 and `on_zero_divisor` scored it.
    pub zero_divisor: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    QuickWin,
    BigBet,
    FillIn,
    Later,
}

impl Group {
    pub fn as_str(self) -> &'static str {
        match self {
            Group::QuickWin => "quick_win",
            Group::BigBet => "big_bet",
            Group::FillIn => "fill_in",
            Group::Later => "later",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Recommendation {
    pub text: Text,
    pub assessment: String,
    pub source: Source,
    pub impact: f64,
    pub effort: Effort,
    pub group: Group,
    pub dimensions: Vec<String>,
    /// docs/scoring.md 5.2.4 (fix now): the severity of the critical or high flag the
    /// same option or band raised; such advice goes first in the 30-day plan.
    pub fix_now: Option<Severity>,
}

/// docs/scoring.md 5.2.4 (find out): a "don't know" answer, to be found out before
/// anything is planned on it.
#[derive(Debug, Clone, PartialEq)]
pub struct FindOut {
    pub assessment: String,
    pub question: String,
    /// w_q × Σ_d W_d·c_qd.
    pub weight: f64,
    /// The advice of the unknown option (or of the question), and its effort.
    pub advice: Option<(Text, Effort)>,
}

/// docs/scoring.md 5.2.4 (back it up): a strong claim credited below its score.
#[derive(Debug, Clone, PartialEq)]
pub struct EvidenceToGather {
    pub assessment: String,
    pub question: String,
    /// What was declared to back it (`None`: nothing).
    pub evidence: Option<Evidence>,
    /// w_q × s_q × (1 − e_q) × Σ_d W_d·c_qd.
    pub credit_lost: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SectionScore {
    pub assessment: String,
    pub section: String,
    pub score: Option<f64>,
    pub claimed: Option<f64>,
}

/// Everything the engine concludes from one answers file.
#[derive(Debug, Clone, PartialEq)]
pub struct Scorecard {
    /// The profile id applied (`default` when the respondent named none).
    pub profile: String,
    /// Ids of the answered assessments, in scoring order (by id).
    pub assessments: Vec<String>,
    pub overall: Overall,
    pub dimensions: Vec<DimensionScore>,
    pub strengths: Vec<String>,
    pub gaps: Vec<String>,
    pub question_gaps: Vec<QuestionGap>,
    pub red_flags: Vec<RedFlag>,
    pub metrics: Vec<MetricResult>,
    /// Impact descending, ties in definition order.
    pub recommendations: Vec<Recommendation>,
    /// Indices into `recommendations`: every fix-now item, then the top 3 quick wins
    /// (docs/scoring.md 5.2.4).
    pub plan_30: Vec<usize>,
    /// Indices into `recommendations`: the top 3 big bets that are not fix-now.
    pub plan_90: Vec<usize>,
    /// Heaviest first.
    pub find_out: Vec<FindOut>,
    /// Most credit lost first.
    pub evidence_to_gather: Vec<EvidenceToGather>,
    pub sections: Vec<SectionScore>,
    pub items: Vec<ItemResult>,
}

impl Scorecard {
    pub fn dimension(&self, id: &str) -> Option<&DimensionScore> {
        self.dimensions.iter().find(|d| d.id == id)
    }

    pub fn item(&self, assessment: &str, question: &str) -> Option<&ItemResult> {
        self.items.iter().find(|i| i.assessment == assessment && i.question == question)
    }
}

/// One scored thing (a question or a banded metric) as the sums see it.
/// Borrows its shares and advice from the definition: scoring copies no definition text.
struct Scored<'d> {
    assessment: usize,
    source: Source,
    weight: f64,
    shares: &'d IndexMap<String, f64>,
    /// claimed s_q; unknown counts 0.
    score: f64,
    evidence_factor: f64,
    known: bool,
    /// Question-level gaps only come from questions that were answered.
    answered_question: bool,
    /// What was declared to back a choice answer.
    evidence: Option<Evidence>,
    advice: Vec<Advice<'d>>,
}

/// Advice an answer or band gives, with the flag the same option or band raised.
struct Advice<'d> {
    text: &'d Text,
    effort: Effort,
    option: Option<String>,
    flag: Option<Severity>,
}

struct DimensionSetup {
    id: String,
    title: Text,
    description: Option<Text>,
    levels: Vec<Level>,
    weight: f64,
    target: Option<f64>,
}

/// Score `file` against `definitions` (only the answered ones count, docs/scoring.md 5.1.1), with
/// `weights` replacing W_d for the dimensions they name (`--weight DIM=W`).
pub fn score(
    definitions: &[Assessment],
    file: &AnswerFile,
    weights: &IndexMap<String, f64>,
) -> Result<Scorecard, ScoreError> {
    let mut answered: Vec<&Assessment> = definitions.iter().filter(|a| file.answers.contains_key(&a.id)).collect();
    answered.sort_by(|a, b| a.id.cmp(&b.id));
    let profile = file.respondent.profile.clone().unwrap_or_else(|| DEFAULT_PROFILE.to_string());
    check_profile(&answered, &profile)?;
    let setups = dimension_setups(&answered, definitions, &profile, weights)?;

    let mut items = Vec::new();
    let mut scored = Vec::new();
    let mut flags = Vec::new();
    let mut metrics = Vec::new();
    let mut sections = Vec::new();
    for (index, assessment) in answered.iter().enumerate() {
        let applies = applicability(assessment, file);
        for section in &assessment.sections {
            let first_item = scored.len();
            for q in &section.questions {
                let applicable = applies.get(q.id.as_str()).copied().unwrap_or(false);
                let answer = file.answer(&assessment.id, &q.id);
                let done = |unless: &crate::model::definition::When| {
                    crate::model::condition::holds(assessment, file, &applies, unless)
                };
                let item = evaluate_question(index, assessment, q, applicable, answer, &mut flags, &done);
                items.push(ItemResult {
                    assessment: assessment.id.clone(),
                    section: section.id.clone(),
                    question: q.id.clone(),
                    state: item.0,
                    score: item.1.as_ref().map(|s| s.score),
                    evidence_factor: item.1.as_ref().map_or(1.0, |s| s.evidence_factor),
                });
                scored.extend(item.1);
            }
            let (claimed, credited) = weighted_scores(scored[first_item..].iter().map(|s| (s, s.weight)));
            sections.push(SectionScore {
                assessment: assessment.id.clone(),
                section: section.id.clone(),
                score: credited,
                claimed,
            });
        }
        for metric in &assessment.metrics {
            let reading = metric_value(assessment, metric, file, &applies);
            let value = match reading {
                Reading::Value(v) => Some(v),
                _ => None,
            };
            // The band a value falls in, or what a zero divisor means (docs/scoring.md 5.2.2).
            let scored_as: Option<(f64, Option<&Flag>, Vec<Advice>)> = match (reading, &metric.on_zero_divisor) {
                (Reading::Value(v), _) => band_for(&metric.bands, v).map(|i| {
                    let band = &metric.bands[i];
                    (band.score, band.flag.as_ref(), band_advice(band, None))
                }),
                (Reading::ZeroDivisor, Some(zero)) => Some((zero.score, zero.flag.as_ref(), zero_advice(zero))),
                _ => None,
            };
            metrics.push(MetricResult {
                assessment: assessment.id.clone(),
                id: metric.id.clone(),
                value,
                score: scored_as.as_ref().map(|(score, _, _)| *score),
                zero_divisor: matches!(reading, Reading::ZeroDivisor) && metric.on_zero_divisor.is_some(),
            });
            if let Some((score, flag, advice)) = scored_as {
                let source = Source::Metric { metric: metric.id.clone() };
                let shares = &metric.dimensions;
                push_flag(&mut flags, assessment, &source, flag.map(|f| (f.severity, &f.text)), shares);
                scored.push(Scored {
                    assessment: index,
                    source,
                    weight: metric.weight,
                    shares,
                    score,
                    evidence_factor: 1.0,
                    known: true,
                    answered_question: false,
                    evidence: None,
                    advice,
                });
            }
        }
    }

    // docs/scoring.md 5.1.13: severity first, then definition order (the push order); a stable sort keeps it.
    flags.sort_by_key(|f: &RedFlag| f.severity);
    let dimensions = dimension_scores(&setups, &scored, &flags);
    let overall = overall(&answered, &dimensions);
    let (strengths, gaps) = strengths_and_gaps(&dimensions);
    let question_gaps = question_gaps(&answered, &scored, &setups);
    let plans = recommendations(&answered, &scored, &setups);
    let evidence_to_gather = evidence_to_gather(&answered, &scored, &setups);
    Ok(Scorecard {
        profile,
        assessments: answered.iter().map(|a| a.id.clone()).collect(),
        overall,
        dimensions,
        strengths,
        gaps,
        question_gaps,
        red_flags: flags,
        metrics,
        recommendations: plans.recommendations,
        plan_30: plans.plan_30,
        plan_90: plans.plan_90,
        find_out: plans.find_out,
        evidence_to_gather,
        sections,
        items,
    })
}

/// docs/scoring.md 5.1.8: every `--weight DIM=W` names a dimension some definition
/// declares. `screen` checks this once before the batch; `score` for each file.
pub fn check_weights(all: &[Assessment], weights: &IndexMap<String, f64>) -> Result<(), ScoreError> {
    match rules::undeclared_weight(all, weights.keys()) {
        None => Ok(()),
        Some((dimension, known)) => Err(ScoreError::UnknownWeightDimension {
            dimension,
            known: known.iter().map(|id| format!("`{id}`")).collect::<Vec<_>>().join(", "),
        }),
    }
}

fn check_profile(answered: &[&Assessment], profile: &str) -> Result<(), ScoreError> {
    if answered.is_empty() || is_known_profile(answered.iter().copied(), profile) {
        return Ok(());
    }
    let valid = profile_ids(answered.iter().copied());
    Err(ScoreError::UnknownProfile { profile: profile.to_string(), valid: valid.join(", ") })
}

/// docs/scoring.md 5.1.1 and 5.1.8: dimensions in order of first declaration; W_d and target_d
/// from the first definition declaring d whose chosen profile sets them, else d's
/// declared weight and no target; `--weight` replaces W_d.
fn dimension_setups(
    answered: &[&Assessment],
    all: &[Assessment],
    profile: &str,
    overrides: &IndexMap<String, f64>,
) -> Result<Vec<DimensionSetup>, ScoreError> {
    let mut setups: Vec<DimensionSetup> = Vec::new();
    for assessment in answered {
        for d in &assessment.dimensions {
            if setups.iter().any(|s| s.id == d.id) {
                continue;
            }
            let declaring = answered.iter().filter(|a| a.dimension(&d.id).is_some());
            let chosen: Vec<_> = declaring.filter_map(|a| a.profile_for(profile)).collect();
            let weight = chosen.iter().find_map(|p| p.weights.get(&d.id).copied()).unwrap_or(d.weight);
            let target = chosen.iter().find_map(|p| p.targets.get(&d.id).copied());
            setups.push(DimensionSetup {
                id: d.id.clone(),
                title: d.title.clone(),
                description: d.description.clone(),
                levels: assessment.levels.clone(),
                weight,
                target,
            });
        }
    }
    check_weights(all, overrides)?;
    for (dimension, weight) in overrides {
        // A dimension declared by an assessment this file did not answer has nothing to weigh.
        if let Some(setup) = setups.iter_mut().find(|s| &s.id == dimension) {
            setup.weight = *weight;
        }
    }
    Ok(setups)
}

/// docs/scoring.md 5 (evidence) and 5.1.3: e_q for a choice answer scoring 3 or 4 on an
/// `evidence: true` question; 1 for everything else.
fn evidence_factor(q: &Question, score: f64, evidence: Option<Evidence>) -> f64 {
    if !(q.evidence && q.kind == Kind::Choice && is_strong(Some(score))) {
        return 1.0;
    }
    rules::evidence_factor(evidence)
}

fn evaluate_question<'d>(
    index: usize,
    assessment: &Assessment,
    q: &'d Question,
    applicable: bool,
    answer: Option<&Answer>,
    flags: &mut Vec<RedFlag>,
    // Whether an option's `unless` holds: its advice is then already taken.
    done: &dyn Fn(&crate::model::definition::When) -> bool,
) -> (ItemState, Option<Scored<'d>>) {
    let advice_applies = |o: &AnswerOption| o.unless.as_ref().is_none_or(|u| !done(u));
    if !applicable {
        return (ItemState::NotApplicable, None);
    }
    let question_source =
        |option: Option<&str>| Source::Question { question: q.id.clone(), option: option.map(str::to_string) };
    let scored = |source: Source, score: f64, evidence_factor: f64, known: bool, answered: bool, advice| Scored {
        assessment: index,
        source,
        weight: q.weight,
        shares: &q.dimensions,
        score,
        evidence_factor,
        known,
        answered_question: answered,
        evidence: None,
        advice,
    };
    match (q.kind, answer) {
        (Kind::Text, _) | (Kind::Number, _) if !q.is_scored() => {
            (if answer.is_some() { ItemState::Answered } else { ItemState::Unanswered }, None)
        }
        (_, None) => (ItemState::Unanswered, Some(scored(question_source(None), 0.0, 1.0, false, false, Vec::new()))),
        (Kind::Choice, Some(Answer::Choice { option, evidence, .. })) => {
            let Some(o) = q.option(option) else { return (ItemState::Unanswered, None) };
            let source = question_source(Some(option));
            push_flag(flags, assessment, &source, o.flag.as_ref().map(|f| (f.severity, &f.text)), &q.dimensions);
            if o.na {
                return (ItemState::Excluded, None);
            }
            let s = o.score.unwrap_or(0.0);
            // docs/scoring.md 5.1.14: advice counts when the option scores ≤ 2 or is unknown.
            let advice = if (o.unknown || s <= rules::ADVICE_AT_MOST) && advice_applies(o) {
                o.advice
                    .as_ref()
                    .or(q.advice.as_ref())
                    .into_iter()
                    .map(|text| Advice {
                        text,
                        effort: o.effort.or(q.effort).unwrap_or_default(),
                        option: Some(option.clone()),
                        flag: o.flag.as_ref().map(|f| f.severity),
                    })
                    .collect()
            } else {
                Vec::new()
            };
            let state = if o.unknown { ItemState::Unknown } else { ItemState::Answered };
            let mut item = scored(source, s, evidence_factor(q, s, *evidence), !o.unknown, true, advice);
            item.evidence = *evidence;
            (state, Some(item))
        }
        (Kind::Multi, Some(Answer::Multi(ids))) => {
            for id in ids {
                if let Some(o) = q.option(id) {
                    let source = question_source(Some(id));
                    push_flag(
                        flags,
                        assessment,
                        &source,
                        o.flag.as_ref().map(|f| (f.severity, &f.text)),
                        &q.dimensions,
                    );
                }
            }
            let (state, s) = match q.multi_outcome(ids) {
                MultiOutcome::Excluded => return (ItemState::Excluded, None),
                MultiOutcome::Unknown => (ItemState::Unknown, 0.0),
                MultiOutcome::Score(s) => (ItemState::Answered, s),
            };
            let mut advice = Vec::new();
            if state == ItemState::Unknown || s <= rules::ADVICE_AT_MOST {
                for o in ids.iter().filter_map(|id| q.option(id)).filter(|o| advice_applies(o)) {
                    if let Some(text) = &o.advice {
                        advice.push(Advice {
                            text,
                            effort: o.effort.or(q.effort).unwrap_or_default(),
                            option: Some(o.id.clone()),
                            flag: o.flag.as_ref().map(|f| f.severity),
                        });
                    }
                }
                // The question's advice stands in only where no ticked option has advice of
                // its own (not where an option's advice is already taken, `unless`).
                let own_advice = ids.iter().filter_map(|id| q.option(id)).any(|o| o.advice.is_some());
                if !own_advice {
                    // The question's advice answers for the whole list, and so for its worst flag.
                    let flag = ids.iter().filter_map(|id| q.option(id)?.flag.as_ref()).map(|f| f.severity).min();
                    advice.extend(q.advice.as_ref().map(|text| Advice {
                        text,
                        effort: q.effort.unwrap_or_default(),
                        option: None,
                        flag,
                    }));
                }
            }
            (state, Some(scored(question_source(None), s, 1.0, state == ItemState::Answered, true, advice)))
        }
        (Kind::Number, Some(Answer::Number(value))) => {
            let Some(band) = band_for(&q.bands, *value).map(|i| &q.bands[i]) else {
                return (ItemState::Answered, None);
            };
            let source = question_source(None);
            push_flag(flags, assessment, &source, band.flag.as_ref().map(|f| (f.severity, &f.text)), &q.dimensions);
            let advice = band_advice(band, q.advice.as_ref());
            (ItemState::Answered, Some(scored(source, band.score, 1.0, true, true, advice)))
        }
        // The loader never lets an answer of the wrong kind through; treat one as unanswered.
        _ => (ItemState::Unanswered, Some(scored(question_source(None), 0.0, 1.0, false, false, Vec::new()))),
    }
}

fn band_advice<'d>(band: &'d Band, fallback: Option<&'d Text>) -> Vec<Advice<'d>> {
    advice_if_weak(band.score, band.advice.as_ref().or(fallback), band.effort, band.flag.as_ref())
}

/// A zero divisor's advice, under the same rule as a band's (docs/scoring.md 5.1.14, 5.2.2).
fn zero_advice(zero: &ZeroDivisor) -> Vec<Advice<'_>> {
    advice_if_weak(zero.score, zero.advice.as_ref(), zero.effort, zero.flag.as_ref())
}

/// docs/scoring.md 5.1.14: a band's (or a zero divisor's) advice counts when it scores 2 or less.
fn advice_if_weak<'d>(
    score: f64,
    text: Option<&'d Text>,
    effort: Option<Effort>,
    flag: Option<&Flag>,
) -> Vec<Advice<'d>> {
    if score > rules::ADVICE_AT_MOST {
        return Vec::new();
    }
    let flag = flag.map(|f| f.severity);
    text.map(|text| Advice { text, effort: effort.unwrap_or_default(), option: None, flag }).into_iter().collect()
}

fn push_flag(
    flags: &mut Vec<RedFlag>,
    assessment: &Assessment,
    source: &Source,
    flag: Option<(Severity, &Text)>,
    shares: &IndexMap<String, f64>,
) {
    if let Some((severity, text)) = flag {
        flags.push(RedFlag {
            severity,
            text: text.clone(),
            assessment: assessment.id.clone(),
            source: source.clone(),
            dimensions: shares.keys().cloned().collect(),
        });
    }
}

/// What a metric's ratio gives.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Reading {
    Value(f64),
    /// Every question answered, and the divisor is 0 (docs/scoring.md 5.2.2).
    ZeroDivisor,
    /// A question is unanswered or does not apply, or the ratio is not finite (5.1.7).
    NotComputable,
}

/// docs/scoring.md 5.1.7 and 5.2.2: numerator / divisor.
fn metric_value(
    assessment: &Assessment,
    metric: &crate::model::definition::Metric,
    file: &AnswerFile,
    applies: &crate::model::condition::Applies,
) -> Reading {
    let side = |operand: &crate::model::definition::Operand| -> Option<f64> {
        let mut sum = 0.0;
        for id in operand.ids() {
            if !applies.get(id).copied().unwrap_or(false) {
                return None;
            }
            match file.answer(&assessment.id, id) {
                Some(Answer::Number(n)) => sum += n,
                _ => return None,
            }
        }
        Some(sum)
    };
    let (Some(numerator), Some(divisor)) = (side(&metric.ratio.0), side(&metric.ratio.1)) else {
        return Reading::NotComputable;
    };
    let value = numerator / divisor;
    if divisor == 0.0 {
        Reading::ZeroDivisor
    } else if value.is_finite() {
        Reading::Value(value)
    } else {
        Reading::NotComputable
    }
}

/// claimed and credited on 0-100 over `(item, weight)` pairs; `None` when the weight is 0.
fn weighted_scores<'a, 'd: 'a>(items: impl Iterator<Item = (&'a Scored<'d>, f64)>) -> (Option<f64>, Option<f64>) {
    let (mut claimed, mut credited, mut full) = (0.0, 0.0, 0.0);
    for (item, w) in items {
        claimed += w * item.score;
        credited += w * item.score * item.evidence_factor;
        full += w * MAX_SCORE;
    }
    if full > 0.0 {
        (Some(100.0 * claimed / full), Some(100.0 * credited / full))
    } else {
        (None, None)
    }
}

/// docs/scoring.md 5: claimed_d, score_d, confidence_d, levels and the critical-flag cap.
fn dimension_scores(setups: &[DimensionSetup], scored: &[Scored], flags: &[RedFlag]) -> Vec<DimensionScore> {
    setups
        .iter()
        .map(|setup| {
            let in_d = || scored.iter().filter_map(|s| s.shares.get(&setup.id).map(|c| (s, s.weight * c)));
            let (claimed, score) = weighted_scores(in_d());
            let applicable: f64 = in_d().map(|(_, w)| w).sum();
            let known: f64 = in_d().filter(|(s, _)| s.known).map(|(_, w)| w).sum();
            // `+ 0.0`: an empty f64 sum is -0.0, which would print as `-0`.
            let confidence = (applicable > 0.0).then(|| known / applicable + 0.0);
            let uncapped = score.and_then(|s| level_for(&setup.levels, s));
            let critical: Vec<usize> = flags
                .iter()
                .enumerate()
                .filter(|(_, f)| f.severity == Severity::Critical && f.dimensions.contains(&setup.id))
                .map(|(i, _)| i)
                .collect();
            // docs/scoring.md 5 (level): a critical flag caps the dimension at the second level.
            let (level, capped_by) = match uncapped {
                Some(level) if level.rank > 1 && !critical.is_empty() => {
                    let capped = LevelRef { rank: 1, name: setup.levels[1].name.clone() };
                    (Some(capped), critical)
                }
                other => (other, Vec::new()),
            };
            DimensionScore {
                id: setup.id.clone(),
                title: setup.title.clone(),
                description: setup.description.clone(),
                weight: setup.weight,
                target: setup.target,
                score,
                claimed,
                overclaim: claimed.zip(score).map(|(c, s)| c - s),
                gap_to_target: setup.target.zip(score).map(|(t, s)| (t - s).max(0.0)),
                level,
                capped_by,
                confidence,
            }
        })
        .collect()
}

fn level_for(levels: &[Level], score: f64) -> Option<LevelRef> {
    levels
        .iter()
        .enumerate()
        .rev()
        .find(|(_, l)| l.min <= score)
        .map(|(rank, l)| LevelRef { rank, name: l.name.clone() })
}

/// docs/scoring.md 5 (overall) and 5.1.9: the W_d-weighted mean over assessed dimensions.
fn overall(answered: &[&Assessment], dimensions: &[DimensionScore]) -> Overall {
    let assessed: Vec<&DimensionScore> = dimensions.iter().filter(|d| d.score.is_some()).collect();
    let total: f64 = assessed.iter().map(|d| d.weight).sum();
    let mean = |value: fn(&DimensionScore) -> Option<f64>| {
        (total > 0.0).then(|| assessed.iter().map(|d| d.weight * value(d).unwrap_or(0.0)).sum::<f64>() / total)
    };
    let score = mean(|d| d.score);
    let claimed = mean(|d| d.claimed);
    let confidence = mean(|d| d.confidence);
    let levels = answered.first().map(|a| a.levels.as_slice()).unwrap_or(&[]);
    // docs/scoring.md 5.2.3.
    let mut interview_reasons = Vec::new();
    if claimed.zip(score).is_some_and(|(c, s)| c - s >= rules::INTERVIEW_OVERCLAIM) {
        interview_reasons.push(InterviewReason::Overclaim);
    }
    if confidence.map(Confidence::from_ratio) == Some(Confidence::Low) {
        interview_reasons.push(InterviewReason::LowConfidence);
    }
    Overall { score, claimed, level: score.and_then(|s| level_for(levels, s)), confidence, interview_reasons }
}

/// docs/scoring.md 5.1.11.
fn strengths_and_gaps(dimensions: &[DimensionScore]) -> (Vec<String>, Vec<String>) {
    let mut strengths: Vec<&DimensionScore> = dimensions
        .iter()
        .filter(|d| match d.score {
            Some(s) => {
                s >= rules::STRENGTH_FROM
                    && d.confidence_label() != Some(Confidence::Low)
                    && d.target.is_none_or(|t| s >= t)
            }
            None => false,
        })
        .collect();
    strengths.sort_by(|a, b| b.score.unwrap_or(0.0).total_cmp(&a.score.unwrap_or(0.0)));
    let shortfall = |d: &DimensionScore| {
        let s = d.score.unwrap_or(0.0);
        (rules::GAP_BELOW - s).max(d.target.map_or(f64::NEG_INFINITY, |t| t - s))
    };
    let mut gaps: Vec<&DimensionScore> = dimensions
        .iter()
        .filter(|d| d.score.is_some_and(|s| s < rules::GAP_BELOW || d.target.is_some_and(|t| s < t)))
        .collect();
    gaps.sort_by(|a, b| {
        shortfall(b).total_cmp(&shortfall(a)).then(a.score.unwrap_or(0.0).total_cmp(&b.score.unwrap_or(0.0)))
    });
    let ids = |list: Vec<&DimensionScore>| list.into_iter().map(|d| d.id.clone()).collect();
    (ids(strengths), ids(gaps))
}

/// w_q × Σ_d W_d·c_qd: how much the item weighs in the overall score.
fn pull(item: &Scored, setups: &[DimensionSetup]) -> f64 {
    let shares: f64 =
        item.shares.iter().map(|(d, c)| setups.iter().find(|s| &s.id == d).map_or(0.0, |s| s.weight) * c).sum();
    item.weight * shares
}

/// impact = w_q × (4 − s_q) × Σ_d W_d·c_qd.
fn impact(item: &Scored, setups: &[DimensionSetup]) -> f64 {
    (MAX_SCORE - item.score) * pull(item, setups)
}

/// docs/scoring.md 5.1.12: answered (or unknown) questions with claimed s_q ≤ 1, by impact.
fn question_gaps(answered: &[&Assessment], scored: &[Scored], setups: &[DimensionSetup]) -> Vec<QuestionGap> {
    let mut gaps: Vec<QuestionGap> = scored
        .iter()
        .filter(|s| s.answered_question && s.score <= rules::WEAK_ANSWER_AT_MOST)
        .filter_map(|s| match &s.source {
            Source::Question { question, .. } => Some(QuestionGap {
                assessment: answered[s.assessment].id.clone(),
                question: question.clone(),
                score: s.score,
                impact: impact(s, setups),
            }),
            Source::Metric { .. } => None,
        })
        .collect();
    gaps.sort_by(|a, b| b.impact.total_cmp(&a.impact));
    gaps
}

/// The recommendations (docs/scoring.md 5.1.14 as 5.2.4 changes it), the 30- and 90-day
/// plans, and what to find out first.
struct Plans {
    recommendations: Vec<Recommendation>,
    plan_30: Vec<usize>,
    plan_90: Vec<usize>,
    find_out: Vec<FindOut>,
}

fn recommendations(answered: &[&Assessment], scored: &[Scored], setups: &[DimensionSetup]) -> Plans {
    let mut list: Vec<Recommendation> = Vec::new();
    let mut find_out = Vec::new();
    for item in scored {
        // An unknown answer: a question answered "don't know".
        let unknown = item.answered_question && !item.known;
        if let (true, Source::Question { question, .. }) = (unknown, &item.source) {
            find_out.push(FindOut {
                assessment: answered[item.assessment].id.clone(),
                question: question.clone(),
                weight: pull(item, setups),
                advice: item.advice.first().map(|a| (a.text.clone(), a.effort)),
            });
        }
        for advice in &item.advice {
            let fix_now = advice.flag.filter(|f| matches!(f, Severity::Critical | Severity::High));
            // 5.2.4 (find out): "don't know" is found out, not planned on, unless what it
            // admits is itself a critical or high risk.
            if unknown && fix_now.is_none() {
                continue;
            }
            let source = match &item.source {
                Source::Question { question, .. } => {
                    Source::Question { question: question.clone(), option: advice.option.clone() }
                }
                metric => metric.clone(),
            };
            list.push(Recommendation {
                text: advice.text.clone(),
                assessment: answered[item.assessment].id.clone(),
                source,
                impact: impact(item, setups),
                effort: advice.effort,
                group: Group::Later,
                dimensions: item.shares.keys().cloned().collect(),
                fix_now,
            });
        }
    }
    // 5.2.4 (median): fix-now items do not move the line between high and lower impact.
    let median = rules::median(list.iter().filter(|r| r.fix_now.is_none()).map(|r| r.impact).collect());
    for r in &mut list {
        let high = r.impact >= median;
        r.group = match (high, r.effort) {
            (true, Effort::Low) => Group::QuickWin,
            (true, _) => Group::BigBet,
            (false, Effort::Low) => Group::FillIn,
            (false, _) => Group::Later,
        };
    }
    // Stable sorts: ties stay in definition order.
    list.sort_by(|a, b| b.impact.total_cmp(&a.impact));
    find_out.sort_by(|a, b| b.weight.total_cmp(&a.weight));
    let mut fix_now: Vec<usize> = (0..list.len()).filter(|&i| list[i].fix_now.is_some()).collect();
    fix_now.sort_by_key(|&i| list[i].fix_now);
    let top = |group: Group| -> Vec<usize> {
        let list = &list;
        (0..list.len())
            .filter(|&i| list[i].group == group && list[i].fix_now.is_none())
            .take(rules::PLAN_ITEMS)
            .collect()
    };
    let plan_30 = fix_now.into_iter().chain(top(Group::QuickWin)).collect();
    let plan_90 = top(Group::BigBet);
    Plans { recommendations: list, plan_30, plan_90, find_out }
}

/// docs/scoring.md 5.2.4 (back it up): strong claims credited below their score, most
/// credit lost first.
fn evidence_to_gather(answered: &[&Assessment], scored: &[Scored], setups: &[DimensionSetup]) -> Vec<EvidenceToGather> {
    let mut list: Vec<EvidenceToGather> = scored
        .iter()
        .filter(|item| item.evidence_factor < 1.0)
        .filter_map(|item| match &item.source {
            Source::Question { question, .. } => Some(EvidenceToGather {
                assessment: answered[item.assessment].id.clone(),
                question: question.clone(),
                evidence: item.evidence,
                credit_lost: item.score * (1.0 - item.evidence_factor) * pull(item, setups),
            }),
            Source::Metric { .. } => None,
        })
        .collect();
    list.sort_by(|a, b| b.credit_lost.total_cmp(&a.credit_lost));
    list
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::catalog::Catalog;

    /// Two scored dimensions (`tech`, `data` with weight 2), one never asked (`reach`).
    const DEMO: &str = r#"
id: demo
version: 1
title: Demo
dimensions:
  - {id: tech, title: Tech}
  - {id: data, title: Data, weight: 2}
  - {id: reach, title: Reach}
levels:
  - {min: 0, name: Nascent}
  - {min: 25, name: Emerging}
  - {min: 50, name: Established}
  - {min: 75, name: Leading}
sections:
  - id: tech
    title: Tech
    questions:
      - id: t1
        prompt: T1
        weight: 2
        evidence: true
        options:
          - {id: none, label: None, score: 0, advice: Do a, effort: low}
          - {id: some, label: Some, score: 2, advice: Do b, effort: high}
          - {id: strong, label: Strong, score: 4}
          - {id: unsure, label: Unsure, unknown: true, advice: Find out, effort: low}
          - {id: na, label: Not for us, na: true}
      - id: t2
        prompt: T2
        dimensions: {tech: 1, data: 0.5}
        options:
          - {id: a, label: A, score: 1, flag: {severity: critical, text: Bad}, advice: Fix t2, effort: high}
          - {id: b, label: B, score: 3}
          - {id: c, label: C, score: 4}
      - id: t3
        prompt: T3
        when: {question: t1, in: [some, strong]}
        options:
          - {id: lo, label: Lo, score: 0, advice: Ship t3, effort: low}
          - {id: hi, label: Hi, score: 4}
  - id: data
    title: Data
    questions:
      - id: d1
        kind: multi
        prompt: D1
        advice: Add sources
        effort: high
        options:
          - {id: x, label: X, points: 2}
          - {id: y, label: Y, points: 3}
          - {id: u, label: U, unknown: true}
      - id: cash
        kind: number
        prompt: Cash
        min: 0
      - id: burn
        kind: number
        prompt: Burn
        min: 0
      - id: big
        kind: text
        prompt: Only for big spenders
        when: {question: burn, at_least: 100}
profiles:
  - id: app
    title: App
    weights: {tech: 1, data: 3}
    targets: {data: 70}
metrics:
  - id: runway
    title: Runway
    ratio: [cash, burn]
    bands:
      - {below: 6, score: 0, flag: {severity: high, text: Short}, advice: Raise or cut, effort: medium}
      - {below: 12, score: 2}
      - {score: 4}
    dimensions: {data: 1}
"#;

    fn catalog() -> Catalog {
        let loaded = crate::model::definition::load("demo.yaml", DEMO).expect("demo definition is valid");
        Catalog::from_assessments(vec![loaded.assessment])
    }

    fn card_with(answers: &str, weights: &[(&str, f64)]) -> Scorecard {
        let catalog = catalog();
        let source = format!("moat: 1\n{answers}");
        let file = crate::model::answers::load("a.yaml", &source, &catalog).expect("answers are valid").file;
        let weights = weights.iter().map(|(d, w)| (d.to_string(), *w)).collect();
        score(catalog.all(), &file, &weights).expect("scores")
    }

    fn card(answers: &str) -> Scorecard {
        card_with(answers, &[])
    }

    fn close(actual: Option<f64>, expected: f64) {
        let actual = actual.expect("a value");
        assert!((actual - expected).abs() < 1e-9, "expected {expected}, got {actual}");
    }

    const STRONG: &str = "answers:\n  demo: {t1: strong, t2: b, t3: hi, d1: [x, y], cash: 60, burn: 10}\n";

    #[test]
    fn weights_shares_and_evidence_give_claimed_and_credited() {
        let c = card(STRONG);
        let tech = c.dimension("tech").unwrap();
        // claimed: (2·4 + 1·3 + 1·4) / (4·4) = 15/16; credited: t1 has no evidence, e = 0.5:
        // (2·4·0.5 + 3 + 4) / 16 = 11/16.
        close(tech.claimed, 93.75);
        close(tech.score, 68.75);
        close(tech.overclaim, 25.0);
        // data: t2 at share 0.5 scores 3, d1 = min(4, 2+3) = 4, runway 60/10 = 6 falls in band 2:
        // (0.5·3 + 4 + 2) / (4·(0.5 + 1 + 1)) = 7.5/10.
        close(c.dimension("data").unwrap().score, 75.0);
        close(c.metrics[0].value, 6.0);
        close(c.metrics[0].score, 2.0);
        // overall with declared weights tech 1, data 2: (68.75 + 2·75) / 3.
        close(c.overall.score, 218.75 / 3.0);
        close(c.overall.claimed, (93.75 + 150.0) / 3.0);
        assert_eq!(c.overall.level.as_ref().unwrap().name.get(crate::text::Lang::En), "Established");
    }

    #[test]
    fn evidence_levels_credit_1_075_and_05() {
        let with = |level: &str| {
            let answers = format!("answers:\n  demo: {{t1: {{choice: strong, evidence: {level}}}, t2: b, t3: hi}}\n");
            card(&answers).dimension("tech").unwrap().score.unwrap()
        };
        assert!((with("verifiable") - 93.75).abs() < 1e-9);
        // docs/scoring.md 5.2.1: (2·4·0.75 + 7) / 16 = 13/16; on the founder's word (2·4·0.5 + 7) / 16 = 11/16.
        assert!((with("document") - 81.25).abs() < 1e-9);
        assert!((with("assertion") - 68.75).abs() < 1e-9);
        // Evidence only applies to scores of 3 or 4: `some` (2) is credited in full.
        let c = card("answers:\n  demo: {t1: some, t2: b, t3: hi}\n");
        assert_eq!(c.dimension("tech").unwrap().overclaim, Some(0.0));
    }

    #[test]
    fn unknown_scores_zero_and_lowers_confidence() {
        let c = card("answers:\n  demo: {t1: unsure, t2: a}\n");
        let tech = c.dimension("tech").unwrap();
        // t3 does not apply (t1 is not some/strong). t1 unknown (w 2), t2 scores 1: 1/12.
        close(tech.score, 100.0 / 12.0);
        // known weight 1 of applicable 3.
        close(tech.confidence, 1.0 / 3.0);
        assert_eq!(tech.confidence_label(), Some(Confidence::Low));
        // data: t2 at 0.5 known, d1 unanswered (w 1): confidence 0.5/1.5, score 0.5/6.
        let data = c.dimension("data").unwrap();
        close(data.confidence, 0.5 / 1.5);
        close(data.score, 100.0 * 0.5 / 6.0);
    }

    #[test]
    fn a_dimension_with_nothing_applicable_is_null_not_zero() {
        let c = card(STRONG);
        let reach = c.dimension("reach").unwrap();
        assert_eq!((reach.score, reach.level.clone(), reach.confidence), (None, None, None));
        assert!(!c.strengths.contains(&"reach".to_string()) && !c.gaps.contains(&"reach".to_string()));
        // The overall ignores it: same as without it.
        close(c.overall.score, 218.75 / 3.0);
    }

    #[test]
    fn nothing_answered_gives_a_null_overall() {
        let c = card("answers: {}\n");
        assert!(c.dimensions.is_empty());
        assert_eq!(
            c.overall,
            Overall { score: None, claimed: None, level: None, confidence: None, interview_reasons: vec![] }
        );
    }

    #[test]
    fn na_leaves_the_question_out() {
        // t1 = na: t1 leaves scoring and t3 (which needs t1 some/strong) does not apply; t2 = 3/4.
        let c = card("answers:\n  demo: {t1: na, t2: b}\n");
        close(c.dimension("tech").unwrap().score, 75.0);
        assert_eq!(c.item("demo", "t1").unwrap().state, ItemState::Excluded);
        assert_eq!(c.item("demo", "t3").unwrap().state, ItemState::NotApplicable);
    }

    #[test]
    fn profiles_pick_weights_and_targets() {
        let c = card(&format!("respondent: {{profile: app}}\n{STRONG}"));
        // W tech 1, data 3: (68.75 + 3·75) / 4.
        close(c.overall.score, 293.75 / 4.0);
        let data = c.dimension("data").unwrap();
        assert_eq!(data.target, Some(70.0));
        close(data.gap_to_target, 0.0);
        assert_eq!(c.dimension("tech").unwrap().gap_to_target, None);
    }

    #[test]
    fn below_target_is_a_gap_never_a_strength() {
        // data: (0.5·1 + 4 + 2) / 10 = 65: high enough for a strength, but under the target 70.
        let c = card("respondent: {profile: app}\nanswers:\n  demo: {t1: strong, t2: a, t3: hi, d1: [x, y], cash: 60, burn: 10}\n");
        close(c.dimension("data").unwrap().score, 65.0);
        close(c.dimension("data").unwrap().gap_to_target, 5.0);
        assert_eq!(c.gaps, vec!["data"]);
        assert!(!c.strengths.contains(&"data".to_string()));
    }

    #[test]
    fn weight_overrides_replace_w_d_and_reject_unknown_dimensions() {
        let c = card_with(STRONG, &[("tech", 0.0)]);
        close(c.overall.score, 75.0);
        let catalog = catalog();
        let file = crate::model::answers::load("a.yaml", &format!("moat: 1\n{STRONG}"), &catalog).unwrap().file;
        let weights: IndexMap<String, f64> = [("market".to_string(), 1.0)].into_iter().collect();
        assert!(matches!(score(catalog.all(), &file, &weights), Err(ScoreError::UnknownWeightDimension { .. })));
    }

    #[test]
    fn a_weight_for_a_dimension_declared_only_by_an_unanswered_assessment_is_ignored() {
        const OTHER: &str = r#"
id: other
version: 1
title: Other
dimensions: [{id: reach2, title: Reach}]
levels: [{min: 0, name: Low}]
sections:
  - id: reach2
    title: R
    questions:
      - id: r
        prompt: R
        options:
          - {id: a, label: A, score: 0}
          - {id: b, label: B, score: 4}
"#;
        let other = crate::model::definition::load("other.yaml", OTHER).unwrap().assessment;
        let definitions = vec![catalog().all()[0].clone(), other];
        let catalog = Catalog::from_assessments(definitions);
        let file = crate::model::answers::load("a.yaml", &format!("moat: 1\n{STRONG}"), &catalog).unwrap().file;
        let weights: IndexMap<String, f64> = [("reach2".to_string(), 5.0)].into_iter().collect();
        let card = score(catalog.all(), &file, &weights).expect("declared elsewhere: not an error");
        close(card.overall.score, 218.75 / 3.0);
        assert!(card.dimension("reach2").is_none());
    }

    #[test]
    fn levels_use_unrounded_scores_and_a_critical_flag_caps_at_the_second_level() {
        // t1 strong verified, t2 = a (critical flag), t3 hi: tech = (8 + 1 + 4)/16 = 81.25, Leading...
        let c = card("answers:\n  demo: {t1: {choice: strong, evidence: verifiable}, t2: a, t3: hi, d1: [y]}\n");
        let tech = c.dimension("tech").unwrap();
        close(tech.score, 81.25);
        // ...capped to Emerging by the critical flag, which is named.
        assert_eq!(tech.level.as_ref().unwrap().rank, 1);
        assert_eq!(tech.capped_by, vec![0]);
        assert_eq!(c.red_flags[0].severity, Severity::Critical);
        // data shares t2, so its flag caps data too: (0.5 + 3)/6 = 58.3, Established -> Emerging.
        let data = c.dimension("data").unwrap();
        close(data.score, 350.0 / 6.0);
        assert_eq!((data.level.as_ref().unwrap().rank, data.capped_by.len()), (1, 1));
        // The overall level is never capped: (81.25 + 2·58.33)/3 = 65.97 -> Established.
        assert_eq!(c.overall.level.as_ref().unwrap().rank, 2);
    }

    #[test]
    fn strengths_best_first_and_gaps_largest_shortfall_first() {
        let c = card(STRONG);
        assert_eq!(c.strengths, vec!["data", "tech"]);
        assert!(c.gaps.is_empty());
        // Both at 8.33 with the same shortfall: ties keep dimension order.
        let c = card("answers:\n  demo: {t1: unsure, t2: a}\n");
        assert_eq!(c.gaps, vec!["tech", "data"]);
        // Low confidence bars a strength whatever the score.
        assert!(c.strengths.is_empty());
    }

    #[test]
    fn question_gaps_rank_by_impact_and_count_unknowns_not_blanks() {
        let c = card("answers:\n  demo: {t1: unsure, t2: a}\n");
        // t1: w 2 × (4 − 0) × (W_tech 1 · 1) = 8; t2: 1 × 3 × (1·1 + 2·0.5) = 6; d1 unanswered: none.
        let got: Vec<(&str, f64)> = c.question_gaps.iter().map(|g| (g.question.as_str(), g.impact)).collect();
        assert_eq!(got, vec![("t1", 8.0), ("t2", 6.0)]);
    }

    #[test]
    fn recommendations_group_around_the_median_impact() {
        // d1 empty: question advice, high effort, 1 × 4 × (2·1) = 8. runway 30/10 = 3: band advice,
        // medium, 1 × 4 × 2 = 8, and its band raises a high flag, so it is fix-now (5.2.4).
        // t1 some: high effort, 2 × 2 × 1 = 4. t3 lo: low effort, 1 × 4 × 1 = 4.
        let c = card("answers:\n  demo: {t1: some, t2: b, t3: lo, d1: [], cash: 30, burn: 10}\n");
        let got: Vec<(String, f64, Group)> = c
            .recommendations
            .iter()
            .map(|r| (r.text.get(crate::text::Lang::En).to_string(), r.impact, r.group))
            .collect();
        // The median leaves the fix-now item out (5.2.4): median of [8, 4, 4] is 4.
        assert_eq!(
            got,
            vec![
                ("Add sources".to_string(), 8.0, Group::BigBet),
                ("Raise or cut".to_string(), 8.0, Group::BigBet),
                ("Do b".to_string(), 4.0, Group::BigBet),
                ("Ship t3".to_string(), 4.0, Group::QuickWin),
            ]
        );
        assert_eq!(c.recommendations[1].fix_now, Some(Severity::High));
        // 30 days: the fix-now item, then the quick win; 90 days: the big bets that are not fix-now.
        assert_eq!(c.plan_30, vec![1, 3]);
        assert_eq!(c.plan_90, vec![0, 2]);
        // The runway band raised its flag.
        assert!(c.red_flags.iter().any(|f| f.source == Source::Metric { metric: "runway".into() }));
    }

    #[test]
    fn an_unknown_answer_is_found_out_first_and_a_critical_fix_opens_the_30_day_plan() {
        let c = card("answers:\n  demo: {t1: unsure, t2: a}\n");
        // t1 "unsure": no recommendation; find out, weighing w 2 × (W_tech 1 · 1) = 2 (5.2.4).
        let found: Vec<(&str, f64)> = c.find_out.iter().map(|f| (f.question.as_str(), f.weight)).collect();
        assert_eq!(found, vec![("t1", 2.0)]);
        assert_eq!(
            c.find_out[0].advice.as_ref().map(|(t, e)| (t.get(crate::text::Lang::En), *e)),
            Some(("Find out", Effort::Low))
        );
        // t2 "a" raises a critical flag: its fix, 1 × (4 − 1) × (1·1 + 2·0.5) = 6, high effort,
        // is fix-now and opens the 30-day plan although its effort is high.
        assert_eq!(c.recommendations.len(), 1);
        assert_eq!((c.recommendations[0].impact, c.recommendations[0].fix_now), (6.0, Some(Severity::Critical)));
        assert_eq!(c.plan_30, vec![0]);
        assert!(c.plan_90.is_empty());
    }

    #[test]
    fn advice_already_taken_by_another_answer_is_left_out() {
        // t1 "none" advises "Do a" unless t2 is "c".
        let with_unless = DEMO.replacen(
            "{id: none, label: None, score: 0, advice: Do a, effort: low}",
            "{id: none, label: None, score: 0, advice: Do a, effort: low, unless: {question: t2, in: [c]}}",
            1,
        );
        let loaded = crate::model::definition::load("demo.yaml", &with_unless).expect("valid");
        let catalog = Catalog::from_assessments(vec![loaded.assessment]);
        let advice = |answers: &str| -> Vec<String> {
            let file = crate::model::answers::load("a.yaml", &format!("moat: 1\n{answers}"), &catalog).unwrap().file;
            let card = score(catalog.all(), &file, &IndexMap::new()).unwrap();
            card.recommendations.iter().map(|r| r.text.get(crate::text::Lang::En).to_string()).collect()
        };
        assert_eq!(advice("answers:\n  demo: {t1: none, t2: b}\n"), vec!["Do a"]);
        assert!(advice("answers:\n  demo: {t1: none, t2: c}\n").is_empty());
    }

    #[test]
    fn fix_now_items_go_critical_first_then_by_impact() {
        // t2 a (critical, impact 6) and runway 30/10 = 3 (high, impact 1 × 4 × 2 = 8).
        let c = card("answers:\n  demo: {t1: strong, t2: a, t3: hi, d1: [x, y], cash: 30, burn: 10}\n");
        let plan: Vec<(&str, f64)> = c
            .plan_30
            .iter()
            .map(|&i| (c.recommendations[i].text.get(crate::text::Lang::En), c.recommendations[i].impact))
            .collect();
        assert_eq!(plan, vec![("Fix t2", 6.0), ("Raise or cut", 8.0)]);
    }

    #[test]
    fn claims_credited_below_their_score_are_listed_by_credit_lost() {
        let c = card(STRONG);
        // t1 strong, no evidence: w 2 × s 4 × (1 − 0.5) × (W_tech 1 · 1) = 4 (5.2.4, back it up).
        assert_eq!(c.evidence_to_gather.len(), 1);
        let e = &c.evidence_to_gather[0];
        assert_eq!((e.question.as_str(), e.evidence, e.credit_lost), ("t1", None, 4.0));
        let c = card("answers:\n  demo: {t1: {choice: strong, evidence: document}, t2: b, t3: hi}\n");
        // With an internal document: 2 × 4 × (1 − 0.75) × 1 = 2.
        assert_eq!(c.evidence_to_gather[0].credit_lost, 2.0);
        assert_eq!(c.evidence_to_gather[0].evidence, Some(Evidence::Document));
        let c = card("answers:\n  demo: {t1: {choice: strong, evidence: verifiable}, t2: b, t3: hi}\n");
        assert!(c.evidence_to_gather.is_empty());
    }

    #[test]
    fn interview_first_on_a_large_overclaim_or_low_confidence() {
        // STRONG: claimed (93.75 + 150) / 3 = 81.25 against 218.75 / 3 = 72.92: 8.33 apart, and
        // every weight answered: no reason to interview first.
        assert!(card(STRONG).overall.interview_reasons.is_empty());
        // With data weighed 0, overall is tech alone: 93.75 claimed, 68.75 credited, 25 apart.
        let c = card_with(STRONG, &[("data", 0.0)]);
        assert_eq!(c.overall.interview_reasons, vec![InterviewReason::Overclaim]);
        assert!(c.overall.interview_first());
        // "unsure" and no data answers: tech 1/3 known (t3 does not apply), data 0.5/1.5: Low.
        let c = card("answers:\n  demo: {t1: unsure, t2: a}\n");
        close(c.overall.confidence, 1.0 / 3.0);
        assert_eq!(c.overall.interview_reasons, vec![InterviewReason::LowConfidence]);
    }

    #[test]
    fn a_zero_divisor_the_definition_reads_scores_when_the_numerator_is_answered() {
        let with_zero = DEMO.replacen(
            "    dimensions: {data: 1}\n",
            "    dimensions: {data: 1}\n    on_zero_divisor: {score: 4, label: No burn}\n",
            1,
        );
        let loaded = crate::model::definition::load("demo.yaml", &with_zero).expect("valid");
        let catalog = Catalog::from_assessments(vec![loaded.assessment]);
        let score = |answers: &str| {
            let file = crate::model::answers::load("a.yaml", &format!("moat: 1\n{answers}"), &catalog).unwrap().file;
            score(catalog.all(), &file, &IndexMap::new()).unwrap()
        };
        let c = score("answers:\n  demo: {t2: b, d1: [x, y], cash: 60, burn: 0}\n");
        assert_eq!((c.metrics[0].value, c.metrics[0].score, c.metrics[0].zero_divisor), (None, Some(4.0), true));
        // data: (0.5·3 + 4 + 4) / (4·(0.5 + 1 + 1)) = 9.5/10 (5.2.2).
        close(c.dimension("data").unwrap().score, 95.0);
        // Without the numerator the metric is still not computable (5.1.7).
        let c = score("answers:\n  demo: {t2: b, d1: [x, y], burn: 0}\n");
        assert_eq!((c.metrics[0].value, c.metrics[0].score, c.metrics[0].zero_divisor), (None, None, false));
    }

    #[test]
    fn a_zero_divisor_makes_a_metric_not_computable_and_unscored() {
        let c = card("answers:\n  demo: {t2: b, d1: [x, y], cash: 60, burn: 0}\n");
        assert_eq!((c.metrics[0].value, c.metrics[0].score), (None, None));
        // data without the metric: (0.5·3 + 4) / (4·1.5), and full confidence.
        let data = c.dimension("data").unwrap();
        close(data.score, 550.0 / 6.0);
        close(data.confidence, 1.0);
    }

    #[test]
    fn multi_with_an_unknown_option_is_unknown() {
        let c = card("answers:\n  demo: {t2: b, d1: [u]}\n");
        assert_eq!(c.item("demo", "d1").unwrap().state, ItemState::Unknown);
        // data: t2 1.5 known of 0.5, d1 0 unknown: score 1.5/6, confidence 0.5/1.5.
        close(c.dimension("data").unwrap().score, 25.0);
    }

    #[test]
    fn when_on_a_number_compares_the_value() {
        let c = card("answers:\n  demo: {burn: 100, big: yes}\n");
        assert_eq!(c.item("demo", "big").unwrap().state, ItemState::Answered);
        let c = card("answers:\n  demo: {burn: 99}\n");
        assert_eq!(c.item("demo", "big").unwrap().state, ItemState::NotApplicable);
    }

    #[test]
    fn an_answer_to_a_question_that_does_not_apply_is_ignored_with_a_warning() {
        let catalog = catalog();
        let loaded =
            crate::model::answers::load("a.yaml", "moat: 1\nanswers:\n  demo:\n    t1: none\n    t3: hi\n", &catalog)
                .unwrap();
        assert_eq!(loaded.warnings.len(), 1);
        assert_eq!(loaded.warnings[0].line, Some(5));
        let c = score(catalog.all(), &loaded.file, &IndexMap::new()).unwrap();
        // tech: t1 none (w 2) and t2 unanswered, t3 left out: 0 of 12.
        close(c.dimension("tech").unwrap().score, 0.0);
        assert_eq!(c.item("demo", "t3").unwrap().state, ItemState::NotApplicable);
    }

    #[test]
    fn section_scores_use_question_weights() {
        let c = card(STRONG);
        let tech = c.sections.iter().find(|s| s.section == "tech").unwrap();
        close(tech.score, 68.75);
        // data section: d1 = 4 only (cash and burn are unbanded): 100.
        close(c.sections.iter().find(|s| s.section == "data").unwrap().score, 100.0);
    }
}
