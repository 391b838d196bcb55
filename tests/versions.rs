//! Answers given under rubric version 1, read by a moat that asks version 2
//! (issue 11, item 4): refused with the reason, scorable under the archived copy,
//! comparable across versions.

mod common;
use common::*;
use serde_json::Value;

const V1_FILE: &str = "tests/fixtures/v1/thin-wrapper.yaml";

#[test]
fn a_version_1_file_is_refused_with_the_reason_and_the_way_forward() {
    // `check` finished and rejected the file (3); `report` had bad input (1).
    for (command, code) in [("check", 3), ("report", 1)] {
        let output = moat().arg(command).arg(repo(V1_FILE)).output().unwrap();
        assert_eq!(output.status.code(), Some(code), "{command}");
        let err = stderr(&output);
        let first = err.lines().next().unwrap_or_default();
        assert!(
            first.contains("was written for `competitive-advantage` version 1 (moat has 2) and `cost-benefit` version 1 (moat has 2)"),
            "{command}: {first}"
        );
        assert!(first.contains("moat ask --revise"), "{first}");
        assert!(first.contains("--assessments assessments/archive/v1"), "{first}");
        // The questions that changed are named, one per line, with their lines.
        assert!(err.contains(":11: unknown question `model_approach` in assessment `competitive-advantage`"), "{err}");
        assert!(stdout(&output).is_empty(), "{command} printed a report for a file it cannot score");
    }
}

#[test]
fn screen_lists_a_version_1_file_as_rejected_and_scores_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let apps = dir.path().join("apps");
    std::fs::create_dir(&apps).unwrap();
    std::fs::copy(repo(V1_FILE), apps.join("old.yaml")).unwrap();
    std::fs::copy(repo("examples/thin-wrapper.yaml"), apps.join("new.yaml")).unwrap();
    let output = moat().current_dir(dir.path()).args(["screen", "apps", "-o", "out"]).output().unwrap();
    assert_eq!(output.status.code(), Some(3), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("old.yaml:9: was written for `competitive-advantage` version 1"),
        "{}",
        stderr(&output)
    );
    let csv = std::fs::read_to_string(dir.path().join("out/scores.csv")).unwrap();
    assert_eq!(csv.lines().count(), 2, "{csv}");
    assert!(csv.contains("new.yaml"), "{csv}");
}

#[test]
fn the_archived_version_1_scores_a_version_1_file_as_it_did() {
    let archive = repo("assessments/archive/v1");
    let output = moat()
        .arg("--assessments")
        .arg(&archive)
        .args(["report", "--format", "json"])
        .arg(repo(V1_FILE))
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let versions: Vec<u64> =
        report["assessments"].as_array().unwrap().iter().map(|a| a["version"].as_u64().unwrap()).collect();
    assert_eq!(versions, vec![1, 1]);
    // Version 1's verdict on the thin wrapper (its golden report before rubric v2).
    let overall = report["overall"]["score"].as_f64().unwrap();
    assert!((overall - 25.1285).abs() < 1e-3, "{overall}");
}

#[test]
fn compare_across_versions_compares_dimensions_and_says_the_rubric_changed() {
    let output = moat()
        .args(["compare", "--format", "json"])
        .arg(repo(V1_FILE))
        .arg(repo("examples/thin-wrapper.yaml"))
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let c: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(c["rubric_changed"], true);
    let notes = c["notes"].as_array().unwrap();
    assert!(notes[0].as_str().unwrap().contains("Competitive advantage v1 → v2; Cost-benefit v1 → v2"), "{notes:?}");
    assert!(c["changed"].as_array().unwrap().is_empty(), "answers to different questions are not changes");
    // Flags worded by two rubrics are not matched: each side lists its own.
    assert!(c["flags_resolved"].as_array().unwrap().is_empty() && c["flags_new"].as_array().unwrap().is_empty());
    assert!(!c["flags_before"].as_array().unwrap().is_empty() && !c["flags_after"].as_array().unwrap().is_empty());
    assert!(c["verdict"].as_str().unwrap().starts_with("Scored under two versions of the rubric"), "{}", c["verdict"]);
    assert_eq!(c["dimensions"].as_array().unwrap().len(), 5);
    assert!(c["overall"]["before"].as_f64().is_some() && c["overall"]["after"].as_f64().is_some());

    let md = moat().arg("compare").arg(repo(V1_FILE)).arg(repo("examples/thin-wrapper.yaml")).output().unwrap();
    let md = stdout(&md);
    assert!(md.contains("each is scored under the version it was answered for"), "{md}");
    assert!(!md.contains("## Answers that changed"), "{md}");
    check_markdown(&md).unwrap();
}

#[test]
fn a_file_that_fits_no_version_gets_no_version_message() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("typo.yaml");
    let text = std::fs::read_to_string(repo("examples/thin-wrapper.yaml")).unwrap();
    // One misspelt question id in a version-2 file is a typo, not an old version.
    let (at, _) = text.match_indices("lead_over_models:").next().unwrap();
    let typo = format!("{}lead_over_modls:{}", &text[..at], &text[at + "lead_over_models:".len()..]);
    std::fs::write(&file, typo).unwrap();
    let output = moat().arg("check").arg(&file).output().unwrap();
    assert_eq!(output.status.code(), Some(3));
    let err = stderr(&output);
    assert!(err.contains("unknown question `lead_over_modls`"), "{err}");
    assert!(!err.contains("was written for"), "{err}");
}
