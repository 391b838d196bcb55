//! Golden reports for the examples, and checks that each report tells its example's story.
//! Regenerate the golden files after an intended change with:
//!     UPDATE_GOLDEN=1 cargo test --test golden
//! then read the diff before committing it.

mod common;
use common::*;
use serde_json::Value;

/// (example, language, format) triples kept as golden files.
const GOLDEN: &[(&str, &str, &str)] = &[
    ("thin-wrapper", "en", "md"),
    ("thin-wrapper", "en", "json"),
    ("healthcare-data", "en", "md"),
    ("healthcare-data", "zh", "md"),
    ("healthcare-data-later", "en", "md"),
    ("foundation-lab", "en", "md"),
];

fn render(example: &str, lang: &str, format: &str) -> String {
    let output = moat()
        .current_dir(repo(""))
        .args(["report", &format!("examples/{example}.yaml"), "--lang", lang, "--format", format])
        .output()
        .unwrap();
    assert!(output.status.success(), "{example}: {}", stderr(&output));
    stdout(&output)
}

/// Compare `actual` with `tests/golden/{name}`, or rewrite the file under `UPDATE_GOLDEN`;
/// a difference is added to `stale`.
fn against_golden(name: &str, actual: &str, stale: &mut Vec<String>) {
    let path = repo(&format!("tests/golden/{name}"));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
    } else if std::fs::read_to_string(&path).unwrap_or_default() != actual {
        stale.push(path.display().to_string());
    }
}

fn assert_fresh(stale: &[String]) {
    assert!(
        stale.is_empty(),
        "output differs from {stale:?}; if the change is intended, run `UPDATE_GOLDEN=1 cargo test --test golden`"
    );
}

#[test]
fn reports_match_their_golden_files() {
    let mut stale = Vec::new();
    for (example, lang, format) in GOLDEN {
        against_golden(&format!("{example}.{lang}.{format}"), &render(example, lang, format), &mut stale);
    }
    assert_fresh(&stale);
}

/// Golden files for the commands that read several examples: (file, arguments).
const GOLDEN_COMMANDS: &[(&str, &[&str])] = &[
    ("cohort.en.md", &["cohort", "examples"]),
    ("cohort.zh.md", &["cohort", "examples", "--lang", "zh"]),
    ("cohort.en.json", &["cohort", "examples", "--format", "json"]),
    ("compare.en.md", &["compare", "examples/healthcare-data.yaml", "examples/healthcare-data-later.yaml"]),
    (
        "compare.zh.md",
        &["compare", "examples/healthcare-data.yaml", "examples/healthcare-data-later.yaml", "--lang", "zh"],
    ),
    (
        "compare.en.json",
        &["compare", "examples/healthcare-data.yaml", "examples/healthcare-data-later.yaml", "--format", "json"],
    ),
];

#[test]
fn cohort_and_compare_match_their_golden_files() {
    let mut stale = Vec::new();
    for (name, args) in GOLDEN_COMMANDS {
        let output = moat().current_dir(repo("")).args(*args).output().unwrap();
        assert!(output.status.success(), "{name}: {}", stderr(&output));
        let actual = stdout(&output);
        if name.ends_with(".md") {
            check_markdown(&actual).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
        against_golden(name, &actual, &mut stale);
    }
    assert_fresh(&stale);
}

/// `screen` over the examples and one broken file: the leaderboard and the CSV, byte for byte.
#[test]
fn screen_outputs_match_their_golden_files() {
    let out = tempfile::tempdir().unwrap();
    let output = moat()
        .current_dir(repo(""))
        .args(["--quiet", "screen", "examples", "tests/corpus/answers/bad-date.yaml", "-o"])
        .arg(out.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(3), "one file is rejected: {}", stderr(&output));
    let mut stale = Vec::new();
    for (name, golden) in [("leaderboard.md", "screen-leaderboard.en.md"), ("scores.csv", "screen-scores.csv")] {
        against_golden(golden, &std::fs::read_to_string(out.path().join(name)).unwrap(), &mut stale);
    }
    assert_fresh(&stale);
}

#[test]
fn every_example_is_valid_and_renders_safe_markdown_in_both_languages() {
    let examples: Vec<_> = std::fs::read_dir(repo("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    assert!(examples.len() >= 3);
    let output = moat().arg("check").args(&examples).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stderr(&output).is_empty(), "examples raise warnings: {}", stderr(&output));
    for path in &examples {
        for lang in ["en", "zh"] {
            let output = moat().arg("report").arg(path).args(["--lang", lang]).output().unwrap();
            let md = stdout(&output);
            check_markdown(&md).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let again = moat().arg("report").arg(path).args(["--lang", lang]).output().unwrap();
            assert_eq!(md, stdout(&again), "two runs differ");
        }
    }
}

fn data(example: &str) -> Value {
    serde_json::from_str(&render(example, "en", "json")).unwrap()
}

fn score(d: &Value, dim: &str) -> f64 {
    d["dimensions"].as_array().unwrap().iter().find(|x| x["id"] == dim).unwrap()["score"].as_f64().unwrap()
}

fn ids(d: &Value, key: &str) -> Vec<String> {
    d[key].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect()
}

#[test]
fn the_thin_wrapper_is_weak_and_flagged() {
    let d = data("thin-wrapper");
    assert!(d["overall"]["score"].as_f64().unwrap() < 50.0);
    let flags = d["red_flags"].as_array().unwrap();
    assert_eq!(flags[0]["severity"], "critical");
    assert_eq!(flags[0]["question"], "data_rights");
    assert!(flags.iter().any(|f| f["metric"] == "runway_months" && f["severity"] == "high"));
    assert!(flags.iter().any(|f| f["question"] == "vendor_dependence"));
    let runway = d["metrics"].as_array().unwrap().iter().find(|m| m["id"] == "runway_months").unwrap();
    assert!(runway["value"].as_f64().unwrap() < 6.0);
    let gaps = ids(&d, "gaps");
    assert!(gaps.contains(&"data".into()) && gaps.contains(&"technology".into()), "{gaps:?}");
    assert!(ids(&d, "strengths").is_empty());
    // Strong claims without evidence are discounted.
    assert!(d["overall"]["claimed"].as_f64().unwrap() > d["overall"]["score"].as_f64().unwrap());
    // docs/scoring.md 5.2.4: the 30-day plan opens with the fixes of its critical and high
    // flags, the critical one (no rights to the training data) first, whatever their effort.
    let plan = d["plan"]["days_30"].as_array().unwrap();
    let fixes: Vec<&serde_json::Value> = plan.iter().take_while(|r| r["fix_now"] == true).collect();
    assert_eq!(fixes.len(), 3, "{plan:?}");
    assert_eq!(fixes[0]["question"], "data_rights");
    assert!(fixes.iter().any(|r| r["metric"] == "runway_months"));
    assert!(fixes.iter().any(|r| r["question"] == "vendor_dependence"));
    assert!(plan.len() > fixes.len(), "quick wins follow the fixes");
}

#[test]
fn the_healthcare_startup_is_strong_on_data_and_weak_on_partnerships() {
    let d = data("healthcare-data");
    assert_eq!(ids(&d, "strengths")[0], "data");
    assert_eq!(ids(&d, "gaps")[0], "partnerships");
    assert!(score(&d, "data") >= 65.0);
    assert!(d["red_flags"].as_array().unwrap().is_empty());
}

#[test]
fn the_foundation_lab_spends_more_on_compute_than_it_earns() {
    let d = data("foundation-lab");
    assert_eq!(ids(&d, "strengths")[0], "technology");
    let gaps = ids(&d, "gaps");
    assert!(gaps.contains(&"positioning".into()) && gaps.contains(&"cost_efficiency".into()), "{gaps:?}");
    let ratio = d["metrics"].as_array().unwrap().iter().find(|m| m["id"] == "compute_to_revenue").unwrap();
    assert!(ratio["value"].as_f64().unwrap() > 2.0);
    assert!(d["red_flags"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["metric"] == "compute_to_revenue" && f["severity"] == "high"));
}

#[test]
fn a_quarter_later_the_healthcare_startup_closed_its_partnership_gap() {
    let (before, after) = (data("healthcare-data"), data("healthcare-data-later"));
    assert_eq!(before["respondent"]["name"], after["respondent"]["name"]);
    assert!(score(&after, "partnerships") > score(&before, "partnerships") + 10.0);
    assert!(!ids(&after, "gaps").contains(&"partnerships".into()));
}
