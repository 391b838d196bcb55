//! `moat cohort` and `moat compare`, as a facilitator and a founder run them.

mod common;
use common::*;
use serde_json::Value;
use std::path::Path;

fn json(args: &[&str], dir: &Path) -> Value {
    let output = moat().current_dir(dir).args(args).output().unwrap();
    assert!(output.status.success(), "{args:?}: {}", stderr(&output));
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn cohort_figures_match_each_participants_own_report() {
    let dir = tempfile::tempdir().unwrap();
    let output =
        moat().current_dir(dir.path()).args(["sample", "--count", "40", "--seed", "3", "-o", "room"]).output().unwrap();
    assert!(output.status.success());
    let cohort = json(&["cohort", "room", "--format", "json"], dir.path());
    assert_eq!(cohort["participants"], 40);

    // Independently: every file's own report, then the statistics by hand.
    let mut per_dim: std::collections::BTreeMap<String, Vec<f64>> = Default::default();
    let mut files: Vec<_> = std::fs::read_dir(dir.path().join("room")).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    for file in &files {
        let report = json(&["report", "--format", "json", file.to_str().unwrap()], dir.path());
        for d in report["dimensions"].as_array().unwrap() {
            if let Some(score) = d["score"].as_f64() {
                per_dim.entry(d["id"].as_str().unwrap().to_string()).or_default().push(score);
            }
        }
    }
    for d in cohort["dimensions"].as_array().unwrap() {
        let mut scores = per_dim[d["id"].as_str().unwrap()].clone();
        scores.sort_by(f64::total_cmp);
        let n = scores.len();
        let mean = scores.iter().sum::<f64>() / n as f64;
        let median = if n % 2 == 1 { scores[n / 2] } else { (scores[n / 2 - 1] + scores[n / 2]) / 2.0 };
        let close = |key: &str, expected: f64| {
            let got = d[key].as_f64().unwrap();
            assert!((got - expected).abs() < 1e-9, "{} {key}: {got} vs {expected}", d["id"]);
        };
        assert_eq!(d["assessed"], n);
        close("mean", mean);
        close("median", median);
        close("min", scores[0]);
        close("max", scores[n - 1]);
        // The histogram counts every participant once per dimension.
        let column = cohort["dimensions"].as_array().unwrap().iter().position(|x| x["id"] == d["id"]).unwrap();
        let total: u64 =
            cohort["histogram"].as_array().unwrap().iter().map(|r| r["counts"][column].as_u64().unwrap()).sum();
        assert_eq!(total as usize, n);
    }
    // Participants are numbered, never named, by default.
    let table = cohort["table"].as_array().unwrap();
    assert_eq!(table[0]["label"], "P1");
    let md = moat().current_dir(dir.path()).args(["cohort", "room"]).output().unwrap();
    let first_name = std::fs::read_to_string(&files[0]).unwrap();
    let name = first_name.lines().find_map(|l| l.trim().strip_prefix("name: ")).unwrap().to_string();
    assert!(!stdout(&md).contains(&name), "a participant's name leaked");
    let named = moat().current_dir(dir.path()).args(["cohort", "room", "--named"]).output().unwrap();
    assert!(stdout(&named).contains(&name));
}

#[test]
fn with_fewer_than_three_participants_no_score_is_shown() {
    let dir = tempfile::tempdir().unwrap();
    let cohort =
        json(&["cohort", "examples/thin-wrapper.yaml", "examples/foundation-lab.yaml", "--format", "json"], &repo(""));
    assert_eq!(cohort["participants"], 2);
    assert_eq!(cohort["withheld"], true);
    assert!(cohort["table"].as_array().unwrap().is_empty());
    assert!(cohort["histogram"].as_array().unwrap().is_empty());
    for d in cohort["dimensions"].as_array().unwrap() {
        assert!(d["mean"].is_null() && d["min"].is_null() && d["max"].is_null());
    }
    let output = moat()
        .current_dir(repo(""))
        .args(["cohort", "examples/thin-wrapper.yaml", "examples/foundation-lab.yaml", "--named"])
        .output()
        .unwrap();
    let md = stdout(&output);
    assert!(md.contains("Fewer than three people took part"));
    assert!(!md.contains("Quillstack") && !md.contains("25.6"), "{md}");
    let _ = dir;
}

#[test]
fn cohort_lists_rejected_files_and_exits_3() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("room")).unwrap();
    for name in ["a.yaml", "b.yaml", "c.yaml"] {
        std::fs::copy(repo("examples/foundation-lab.yaml"), dir.path().join("room").join(name)).unwrap();
    }
    std::fs::write(dir.path().join("room/broken.yaml"), "moat: 1\nanswers: {nope: {}}\n").unwrap();
    let output = moat().current_dir(dir.path()).args(["cohort", "room", "-o", "cohort.md"]).output().unwrap();
    assert_eq!(output.status.code(), Some(3));
    let md = std::fs::read_to_string(dir.path().join("cohort.md")).unwrap();
    assert!(
        md.contains("Participants: **3**") && md.contains("broken.yaml") && md.contains("unknown assessment"),
        "{md}"
    );
    check_markdown(&md).unwrap();
}

#[test]
fn comparing_a_file_with_itself_shows_no_change() {
    let c =
        json(&["compare", "examples/thin-wrapper.yaml", "examples/thin-wrapper.yaml", "--format", "json"], &repo(""));
    assert!(c["changed"].as_array().unwrap().is_empty());
    assert_eq!(c["overall"]["delta"], 0.0);
    for d in c["dimensions"].as_array().unwrap() {
        assert_eq!(d["delta"], 0.0);
    }
    for key in ["gaps_closed", "gaps_opened", "flags_resolved", "flags_new"] {
        assert!(c[key].as_array().unwrap().is_empty(), "{key}");
    }
    assert_eq!(c["verdict"], "No change: the answers are the same, and so are the scores.");
}

#[test]
fn compare_shows_progress_between_two_quarters() {
    let c = json(
        &["compare", "examples/healthcare-data.yaml", "examples/healthcare-data-later.yaml", "--format", "json"],
        &repo(""),
    );
    let partnerships = c["dimensions"].as_array().unwrap().iter().find(|d| d["id"] == "partnerships").unwrap();
    let delta = partnerships["after"].as_f64().unwrap() - partnerships["before"].as_f64().unwrap();
    assert!((partnerships["delta"].as_f64().unwrap() - delta).abs() < 1e-9 && delta > 0.0);
    assert!(c["gaps_closed"].as_array().unwrap().iter().any(|g| g == "Partnerships and alliances"));
    assert!(c["changed"].as_array().unwrap().iter().any(|ch| ch["question"] == "distribution_partners"));
    assert!(c["verdict"].as_str().unwrap().starts_with("Overall up"));
}

#[test]
fn compare_refuses_two_respondents_unless_forced_and_notes_versions() {
    let output = moat()
        .current_dir(repo(""))
        .args(["compare", "examples/thin-wrapper.yaml", "examples/foundation-lab.yaml"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("is for `Quillstack` but"), "{}", stderr(&output));
    let output = moat()
        .current_dir(repo(""))
        .args(["compare", "examples/thin-wrapper.yaml", "examples/foundation-lab.yaml", "--force"])
        .output()
        .unwrap();
    assert!(output.status.success());

    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(repo("examples/foundation-lab.yaml")).unwrap();
    // Files that say they were written for other versions, but whose answers fit the
    // current questions: both are scored with today's definitions, and a note says so.
    let old = text.replacen(
        "versions: {competitive-advantage: 2, cost-benefit: 2}\n",
        "versions: {competitive-advantage: 1, cost-benefit: 1}\n",
        1,
    );
    assert_ne!(old, text, "the example records its versions");
    std::fs::write(dir.path().join("old.yaml"), &old).unwrap();
    std::fs::write(
        dir.path().join("new.yaml"),
        old.replacen("competitive-advantage: 1,", "competitive-advantage: 2,", 1),
    )
    .unwrap();
    let c = json(&["compare", "old.yaml", "new.yaml", "--format", "json"], dir.path());
    let notes = c["notes"].as_array().unwrap();
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(notes[0].as_str().unwrap().contains("v1 before and v2 after"), "{notes:?}");
}

#[test]
fn an_empty_or_mistyped_folder_is_an_error_not_an_empty_room() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("empty")).unwrap();
    for args in [vec!["cohort", "empty"], vec!["screen", "empty", "-o", "out"], vec!["cohort", "typo"]] {
        let output = moat().current_dir(dir.path()).args(&args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}: {}", stderr(&output));
        assert!(stderr(&output).contains("found no answer files"), "{}", stderr(&output));
    }
    assert!(!dir.path().join("out").exists());
}

#[test]
fn one_participant_shows_no_gap_or_flag_either() {
    let cohort = json(&["cohort", "examples/thin-wrapper.yaml", "--format", "json"], &repo(""));
    assert_eq!(cohort["participants"], 1);
    assert!(cohort["common_gaps"].as_array().unwrap().is_empty());
    assert!(cohort["common_flags"].as_array().unwrap().is_empty());
    for d in cohort["discussion"].as_array().unwrap() {
        assert_eq!(d["participants"], 0, "no count that points at the one person");
    }
}

#[test]
fn files_that_record_no_versions_get_no_version_note() {
    let c = json(
        &["compare", "examples/healthcare-data.yaml", "examples/healthcare-data-later.yaml", "--format", "json"],
        &repo(""),
    );
    assert!(c["notes"].as_array().unwrap().is_empty(), "{}", c["notes"]);
}
