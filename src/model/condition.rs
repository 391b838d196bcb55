//! `when` conditions (docs/scoring.md 5.1.6), evaluated in one place for the loader,
//! the engine and the questionnaire: which questions of an assessment apply to a file.

use crate::model::answers::{Answer, AnswerFile};
use crate::model::definition::{Assessment, MultiOutcome, Question, When, WhenValue};
use crate::text::fnv::FnvMap;

/// Whether each question applies, by id (question ids of the definitions, not of a file).
pub type Applies<'a> = FnvMap<&'a str, bool>;

/// docs/scoring.md 5.1.6: which questions of `assessment` apply to this file, in definition order.
/// A `when` is false when the question it names is unanswered or does not apply.
pub fn applicability<'a>(assessment: &'a Assessment, file: &AnswerFile) -> Applies<'a> {
    evaluate(assessment, file, false)
}

/// Which questions may still be asked as the answers stand: a question whose `when`
/// names a question not answered yet counts, since that answer may make it apply. The
/// questionnaire counts its progress against this, so that its totals move only when
/// an answer does (issue 14); scoring never uses it.
pub fn could_apply<'a>(assessment: &'a Assessment, file: &AnswerFile) -> Applies<'a> {
    evaluate(assessment, file, true)
}

/// Every `when` in order; `waiting` is what a `when` on an unanswered question gives.
fn evaluate<'a>(assessment: &'a Assessment, file: &AnswerFile, waiting: bool) -> Applies<'a> {
    let mut applies = Applies::default();
    for q in assessment.questions() {
        let holds = match &q.when {
            None => true,
            Some(when) => {
                let target = assessment.question(&when.question);
                let answer = file.answer(&assessment.id, &when.question);
                match (target, answer, applies.get(when.question.as_str())) {
                    (Some(target), Some(answer), Some(true)) => when_holds(when, target, answer),
                    (Some(_), None, Some(true)) => waiting,
                    _ => false,
                }
            }
        };
        applies.insert(q.id.as_str(), holds);
    }
    applies
}

/// Whether `when` holds for `file` once its answers are in (an option's `unless`): false
/// when the question it names is unanswered or does not apply, as for a `when`.
pub fn holds(assessment: &Assessment, file: &AnswerFile, applies: &Applies, when: &When) -> bool {
    let target = assessment.question(&when.question);
    let answer = file.answer(&assessment.id, &when.question);
    match (target, answer, applies.get(when.question.as_str())) {
        (Some(target), Some(answer), Some(true)) => when_holds(when, target, answer),
        _ => false,
    }
}

fn when_holds(when: &When, target: &Question, answer: &Answer) -> bool {
    // The ids or value the answer offers for `in`/`not_in`, and the score or value for `at_least`/`below`.
    let (chosen, measure): (Vec<WhenValue>, Option<f64>) = match answer {
        Answer::Choice { option, .. } => {
            (vec![WhenValue::Id(option.clone())], target.option(option).and_then(|o| o.score))
        }
        Answer::Multi(ids) => {
            let measure = match target.multi_outcome(ids) {
                MultiOutcome::Score(s) => Some(s),
                _ => None,
            };
            (ids.iter().cloned().map(WhenValue::Id).collect(), measure)
        }
        Answer::Number(n) => (vec![WhenValue::Number(*n)], Some(*n)),
        Answer::Text(t) => (vec![WhenValue::Id(t.clone())], None),
    };
    let any_listed = |list: &[WhenValue]| chosen.iter().any(|c| list.contains(c));
    when.is_in.as_deref().is_none_or(any_listed)
        && when.not_in.as_deref().is_none_or(|list| !any_listed(list))
        && when.at_least.is_none_or(|min| measure.is_some_and(|m| m >= min))
        && when.below.is_none_or(|max| measure.is_some_and(|m| m < max))
}
