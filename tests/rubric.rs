//! Properties a rubric an investor would sign must have, checked over its definitions.
//! Issue 11 holds the built-in assessments to them once version 2 is built in; until
//! then they hold the version 2 drafts (`docs/rubric-v2`), and report the built-ins.

use moat::model::definition::{load, Assessment, Kind};

fn definition(path: &str) -> Assessment {
    let full = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    let text = std::fs::read_to_string(&full).unwrap();
    load(path, &text).unwrap_or_else(|p| panic!("{path}: {p:?}")).assessment
}

/// Per dimension: the share of its scored weight (w_q × c_qd) that `evidence: true`
/// choice questions carry, i.e. claims someone outside could check.
fn evidence_coverage(a: &Assessment) -> Vec<(String, f64)> {
    a.dimensions
        .iter()
        .map(|d| {
            let (mut all, mut checkable) = (0.0, 0.0);
            for q in a.questions().filter(|q| q.is_scored()) {
                let Some(share) = q.dimensions.get(&d.id) else { continue };
                all += q.weight * share;
                if q.evidence && q.kind == Kind::Choice {
                    checkable += q.weight * share;
                }
            }
            (d.id.clone(), if all > 0.0 { checkable / all } else { 1.0 })
        })
        .collect()
}

/// Issue 11: strong options are claims someone outside could check, so evidence
/// follow-ups cover at least 80% of each core dimension's scored weight.
#[test]
fn evidence_covers_four_fifths_of_every_core_dimension_in_version_2() {
    let a = definition("docs/rubric-v2/competitive-advantage.yaml");
    for (dimension, share) in evidence_coverage(&a) {
        assert!(share >= 0.8, "`{dimension}`: evidence follow-ups cover {:.0}% of its weight", share * 100.0);
    }
}

/// Issue 11: in cost efficiency, what numbers measure (metrics and banded answers)
/// carries at least 40% of the scored weight, so a company selling below cost cannot
/// score like a healthy one on its answers about process alone.
#[test]
fn numbers_carry_two_fifths_of_cost_efficiency_in_version_2() {
    let a = definition("docs/rubric-v2/cost-benefit.yaml");
    let (mut all, mut measured) = (0.0, 0.0);
    for q in a.questions().filter(|q| q.is_scored()) {
        let Some(share) = q.dimensions.get("cost_efficiency") else { continue };
        all += q.weight * share;
        if q.kind == Kind::Number {
            measured += q.weight * share;
        }
    }
    for m in a.metrics.iter().filter(|m| !m.bands.is_empty()) {
        let share = m.dimensions.get("cost_efficiency").copied().unwrap_or(0.0);
        all += m.weight * share;
        measured += m.weight * share;
    }
    assert!(measured / all >= 0.4, "numbers carry {:.0}% of cost efficiency", 100.0 * measured / all);
}
