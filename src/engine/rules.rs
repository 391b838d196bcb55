//! The scoring rules' constants and small shared rules, in one place beside the engine.
//! Each cites the rule of docs/scoring.md it belongs to; the option score scale (0..4)
//! and the strong-answer threshold belong to the definition format and live in
//! `model::definition` (`MAX_SCORE`, `STRONG_SCORE`), as does `DEFAULT_PROFILE`.

use crate::model::answers::Evidence;
use crate::model::definition::Assessment;

/// docs/scoring.md 5.2.1 (replacing 5 (evidence)): the credit a strong claim gets for
/// what backs it: all of it when someone outside could check it, three quarters for an
/// internal document, half on the founder's word or nothing.
pub fn evidence_factor(evidence: Option<Evidence>) -> f64 {
    match evidence {
        Some(Evidence::Verifiable) => 1.0,
        Some(Evidence::Document) => 0.75,
        Some(Evidence::Assertion) | None => 0.5,
    }
}

/// docs/scoring.md 5 (unknown): confidence from known / applicable weight is High from
/// this ratio up...
pub const CONFIDENCE_HIGH: f64 = 0.8;
/// ...and Medium from this one up; Low below.
pub const CONFIDENCE_MEDIUM: f64 = 0.5;

/// docs/scoring.md 5.1.11: a strength scores at least this (and is not Low confidence
/// nor below target).
pub const STRENGTH_FROM: f64 = 65.0;
/// docs/scoring.md 5.1.11: a gap scores below this (or below its target).
pub const GAP_BELOW: f64 = 50.0;

/// docs/scoring.md 5.1.12: a question-level gap is an answer whose claimed score is at most this.
pub const WEAK_ANSWER_AT_MOST: f64 = 1.0;
/// docs/scoring.md 5.1.14: an option's advice counts when it scores at most this (or is unknown).
pub const ADVICE_AT_MOST: f64 = 2.0;

/// docs/scoring.md 5.1.14: how many quick wins the 30-day plan takes, and big bets the 90-day plan.
pub const PLAN_ITEMS: usize = 3;

/// docs/scoring.md 5.1.15 and 5.2.3: overall claimed − credited from which an applicant is
/// to be interviewed before anything else.
pub const INTERVIEW_OVERCLAIM: f64 = 10.0;

/// docs/scoring.md 5.2.6 (moat's reading): how many questions an applicant brief puts to
/// the interviewer, the claims that lose the most credit and the heaviest unknowns.
pub const INTERVIEW_QUESTIONS: usize = 3;

/// The median of `values` (the mean of the middle two for an even count); 0 for none.
/// docs/scoring.md 5.1.14 splits recommendations at it; the cohort reports it (M.3).
pub fn median(mut values: Vec<f64>) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    if values.len() % 2 == 1 {
        values[mid]
    } else {
        (values[mid - 1] + values[mid]) / 2.0
    }
}

/// docs/scoring.md 5.1.8: `--weight DIM=W` must name a dimension some definition declares.
/// Returns the first one that none does, with the declared ones to suggest.
pub fn undeclared_weight<'w>(
    assessments: &[Assessment],
    mut dimensions: impl Iterator<Item = &'w String>,
) -> Option<(String, Vec<String>)> {
    let undeclared = dimensions.find(|d| !assessments.iter().any(|a| a.dimension(d).is_some()))?;
    Some((undeclared.clone(), crate::model::definition::dimension_ids(assessments)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_even_and_no_values() {
        assert_eq!(median(vec![5.0, 1.0, 3.0]), 3.0);
        assert_eq!(median(vec![4.0, 1.0, 3.0, 2.0]), 2.5);
        assert_eq!(median(vec![]), 0.0);
    }
}
