//! Properties a rubric an investor would sign must have (issue 11), checked over the
//! built-in definitions.

use moat::model::definition::{load, Assessment, Kind};

const BUILT_INS: [&str; 2] = ["assessments/competitive-advantage.yaml", "assessments/cost-benefit.yaml"];

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
fn evidence_covers_four_fifths_of_every_core_dimension() {
    let a = definition("assessments/competitive-advantage.yaml");
    for (dimension, share) in evidence_coverage(&a) {
        assert!(share >= 0.8, "`{dimension}`: evidence follow-ups cover {:.0}% of its weight", share * 100.0);
    }
}

/// Issue 11: in cost efficiency, what numbers measure (metrics and banded answers)
/// carries at least 40% of the scored weight, so a company selling below cost cannot
/// score like a healthy one on its answers about process alone.
#[test]
fn numbers_carry_two_fifths_of_cost_efficiency() {
    let a = definition("assessments/cost-benefit.yaml");
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

/// Every follow-up says, for its question, what counts as verifiable evidence: the
/// help of each `evidence: true` question names it, in both languages.
#[test]
fn every_evidence_question_says_what_counts_as_verifiable() {
    for path in BUILT_INS {
        let a = definition(path);
        for q in a.questions().filter(|q| q.evidence) {
            let help = q.help.as_ref().unwrap_or_else(|| panic!("{path}: `{}` has no help", q.id));
            assert!(help.get(moat::text::Lang::En).contains("Verifiable"), "{path}: `{}` (en)", q.id);
            assert!(help.get(moat::text::Lang::Zh).contains("可核验"), "{path}: `{}` (zh)", q.id);
        }
    }
}

/// One Chinese term per concept across both files (issue 11): the second terms the
/// review found are gone, and the source document's terms are used.
#[test]
fn the_chinese_uses_one_term_per_concept() {
    let texts: Vec<String> = BUILT_INS
        .iter()
        .map(|p| std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(p)).unwrap())
        .collect();
    for banned in [
        "可核实的证据",
        "我们没有核查过",
        "我们没有测量过",
        "资金可支撑时间",
        "云服务商",
        "补贴额度",
        "价目表",
        "贵公司",
    ] {
        for (path, text) in BUILT_INS.iter().zip(&texts) {
            assert!(!text.contains(banned), "{path} still says {banned}");
        }
    }
    for term in ["技术创新", "数据优势", "合作与联盟", "市场定位"] {
        assert!(texts[0].contains(term), "competitive-advantage lacks {term}");
    }
    for term in ["优化算法", "硬件升级", "数据预处理", "成本控制"] {
        assert!(texts[1].contains(term), "cost-benefit lacks {term}");
    }
}

/// In a multi-choice question, "none of these" cannot be ticked with anything else.
#[test]
fn none_of_these_stands_alone_in_every_multi_question() {
    for path in BUILT_INS {
        let a = definition(path);
        for q in a.questions().filter(|q| q.kind == Kind::Multi) {
            for o in q.options.iter().filter(|o| o.id == "none") {
                assert!(o.stands_alone(), "{path}: `{}/none` is not exclusive", q.id);
            }
        }
    }
}
