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
        // The histogram counts every participant once per dimension, in ranges that follow
        // the levels; ranges holding 1 or 2 of some dimension are merged with a neighbour,
        // so each row is a run of the ranges, each count is 0 or at least 3, and the rows
        // cover 0 to 100 once.
        let column = cohort["dimensions"].as_array().unwrap().iter().position(|x| x["id"] == d["id"]).unwrap();
        let mut next_low = 0.0;
        for row in cohort["histogram"].as_array().unwrap() {
            let label = row["label"].as_str().unwrap();
            let (low, high) = label.split_once('–').unwrap();
            let (low, high): (f64, f64) = (low.parse().unwrap(), high.parse().unwrap());
            assert_eq!(low, next_low, "the rows are runs of the ranges, in order: {label}");
            next_low = high;
            let high = if high == 100.0 { 100.01 } else { high };
            let count = scores.iter().filter(|s| **s >= low && **s < high).count();
            assert!(count == 0 || count >= 3, "{} {label}: {count}", d["id"]);
            assert_eq!(row["counts"][column], Value::from(count), "{} {label}", d["id"]);
        }
        assert_eq!(next_low, 100.0);
    }
    // Within a gap every count shown is at least 3 and they add up to the gap's count, so
    // no pool of 1 or 2 can be worked out from the others (issue 16).
    let gaps = cohort["common_gaps"].as_array().unwrap();
    assert!(!gaps.is_empty());
    for gap in gaps {
        let answers: Vec<u64> =
            gap["answers"].as_array().unwrap().iter().map(|a| a["participants"].as_u64().unwrap()).collect();
        let (dont_know, others) = (gap["dont_know"].as_u64().unwrap_or(0), gap["others"].as_u64().unwrap());
        assert!(answers.iter().all(|&a| a >= 3) && (others == 0 || others >= 3), "{gap}");
        assert!(dont_know == 0 || dont_know >= 3, "{gap}");
        assert_eq!(dont_know + answers.iter().sum::<u64>() + others, gap["participants"].as_u64().unwrap(), "{gap}");
    }
    // No table, so no label and no name, by default (issue 16).
    assert!(cohort["table"].as_array().unwrap().is_empty());
    let md = moat().current_dir(dir.path()).args(["cohort", "room"]).output().unwrap();
    let first_name = std::fs::read_to_string(&files[0]).unwrap();
    let name = first_name.lines().find_map(|l| l.trim().strip_prefix("name: ")).unwrap().to_string();
    assert!(!stdout(&md).contains(&name), "a participant's name leaked");
    assert!(!stdout(&md).contains("## Participants"), "the table is shown only on request");
    assert!(!dir.path().join("room/.moat-room-salt").exists(), "no table, no key written into the room");
    let table = moat().current_dir(dir.path()).args(["cohort", "room", "--table"]).output().unwrap();
    assert!(stdout(&table).contains("## Participants") && !stdout(&table).contains(&name));
    assert!(dir.path().join("room/.moat-room-salt").is_file(), "--table keeps the room's key");
    std::fs::remove_file(dir.path().join("room/.moat-room-salt")).unwrap();
    let named = moat().current_dir(dir.path()).args(["cohort", "room", "--named"]).output().unwrap();
    assert!(stdout(&named).contains(&name), "--named implies the table, with names");
    assert!(!dir.path().join("room/.moat-room-salt").exists(), "names need no key");
}

/// A room folder of sampled participants, each file named as given (in that order).
fn room(dir: &Path, names: &[&str], seed: u64) -> std::path::PathBuf {
    let pool = dir.join(format!("pool-{seed}"));
    sample(&pool, names.len() as u32, seed);
    let room = dir.join(format!("room-{seed}"));
    std::fs::create_dir_all(&room).unwrap();
    let mut sampled: Vec<_> = std::fs::read_dir(&pool).unwrap().map(|e| e.unwrap().path()).collect();
    sampled.sort();
    for (file, name) in sampled.iter().zip(names) {
        std::fs::rename(file, room.join(name)).unwrap();
    }
    room
}

fn cohort_json(dir: &Path, args: &[&str]) -> (Value, String) {
    let output = moat().current_dir(dir).arg("cohort").args(args).args(["--format", "json"]).output().unwrap();
    assert!(matches!(output.status.code(), Some(0 | 3)), "{args:?}: {}", stderr(&output));
    (serde_json::from_slice(&output.stdout).unwrap(), stderr(&output))
}

fn cohort_md(dir: &Path, args: &[&str]) -> (String, String) {
    let output = moat().current_dir(dir).arg("cohort").args(args).output().unwrap();
    assert!(matches!(output.status.code(), Some(0 | 3)), "{args:?}: {}", stderr(&output));
    let md = stdout(&output);
    check_markdown(&md).unwrap();
    (md, stderr(&output))
}

/// Each file's overall score, from its own report.
fn overall_of(dir: &Path, file: &Path) -> f64 {
    json(&["report", "--format", "json", file.to_str().unwrap()], dir)["overall"]["score"].as_f64().unwrap()
}

const NAMES: [&str; 14] = [
    "adam.yaml",
    "bob.yaml",
    "carol.yaml",
    "dave.yaml",
    "erin.yaml",
    "frank.yaml",
    "grace.yaml",
    "heidi.yaml",
    "ivan.yaml",
    "judy.yaml",
    "mallory.yaml",
    "oscar.yaml",
    "peggy.yaml",
    "zoe.yaml",
];

/// Issue 16: P1…P14 followed file-name order, so with `NAME.yaml` files the labels were the
/// alphabetical list of names. In three rooms, the table's rows (in label order) must not
/// follow the names, no label may be a file's position, and a re-run keeps every label.
#[test]
fn issue_16_labels_carry_no_order_from_file_names() {
    let dir = tempfile::tempdir().unwrap();
    let mut all_labels = Vec::new();
    for seed in [4, 5, 6] {
        let room = room(dir.path(), &NAMES, seed);
        let room_arg = room.to_str().unwrap();
        let (cohort, _) = cohort_json(dir.path(), &[room_arg, "--table"]);
        assert!(room.join(".moat-room-salt").is_file(), "the room keeps its key");
        // Which file each row is: the overall scores of a sampled room are all different.
        let by_score: Vec<(f64, &str)> = NAMES.iter().map(|n| (overall_of(dir.path(), &room.join(n)), *n)).collect();
        let rows = cohort["table"].as_array().unwrap();
        assert_eq!(rows.len(), NAMES.len());
        let mut row_files = Vec::new();
        let mut labels = Vec::new();
        for row in rows {
            let overall = row["overall"].as_f64().unwrap();
            let matches: Vec<&str> =
                by_score.iter().filter(|(s, _)| (s - overall).abs() < 1e-9).map(|(_, n)| *n).collect();
            assert_eq!(matches.len(), 1, "overall {overall} is not one file's: {by_score:?}");
            row_files.push(matches[0]);
            let label = row["label"].as_str().unwrap().to_string();
            assert!(label.starts_with("P-") && label.len() == 6, "{label}");
            labels.push(label);
        }
        let mut sorted_files = row_files.clone();
        sorted_files.sort();
        assert_ne!(row_files, sorted_files, "room {seed}: the rows follow the file names");
        // The same room again: the same labels, in the same rows.
        let (again, _) = cohort_json(dir.path(), &[room_arg, "--table"]);
        assert_eq!(again["table"], cohort["table"], "labels changed between two runs of one room");
        all_labels.push(labels);
    }
    assert!(all_labels[0] != all_labels[1] && all_labels[1] != all_labels[2], "each room has its own labels");
}

#[test]
fn issue_16_a_room_folder_that_cannot_keep_a_key_gets_labels_from_its_files() {
    let dir = tempfile::tempdir().unwrap();
    let room = room(dir.path(), &NAMES[..5], 7);
    // A folder where the key file should be: moat can neither read nor write the key
    // (as on a read-only share, which root-run tests cannot make).
    std::fs::create_dir(room.join(".moat-room-salt")).unwrap();
    let room_arg = room.to_str().unwrap();
    let (first, err) = cohort_json(dir.path(), &[room_arg, "--table"]);
    assert!(err.contains("cannot keep the room key") && err.contains("labels come from the room's files"), "{err}");
    let (second, _) = cohort_json(dir.path(), &[room_arg, "--table"]);
    assert_eq!(first["table"], second["table"], "the same files give the same labels");
    assert!(first["table_note"].as_str().unwrap().contains("change when a file is added or changed"));
}

/// Rooms of 2, 3 and 4: below 4 nothing is shown and the rule says why; at 4 the room is
/// shown, but only what at least 3 share.
#[test]
fn issue_16_rooms_of_two_and_three_are_withheld_and_four_is_shown() {
    let dir = tempfile::tempdir().unwrap();
    for (size, seed) in [(2, 11), (3, 12)] {
        let room = room(dir.path(), &NAMES[..size], seed);
        let room_arg = room.to_str().unwrap();
        let (cohort, _) = cohort_json(dir.path(), &[room_arg, "--table"]);
        assert_eq!(cohort["participants"], size);
        assert_eq!(cohort["withheld"], true, "a room of {size}");
        for key in ["histogram", "levels", "common_gaps", "common_flags", "discussion", "table"] {
            assert!(cohort[key].as_array().unwrap().is_empty(), "room of {size}: {key}");
        }
        for d in cohort["dimensions"].as_array().unwrap() {
            assert!(d["mean"].is_null() && d["min"].is_null() && d["max"].is_null() && d["assessed"].is_null());
        }
        let (md, _) = cohort_md(dir.path(), &[room_arg, "--named"]);
        assert!(md.contains("Fewer than 4 participants were counted, so nothing about the room is shown"), "{md}");
        assert!(md.contains("Privacy: nothing about the room is shown for fewer than 4 participants"), "{md}");
        assert!(!md.contains("## Scores") && !md.contains("## Participants"), "{md}");
    }

    let room = room(dir.path(), &NAMES[..4], 13);
    let room_arg = room.to_str().unwrap();
    let (cohort, _) = cohort_json(dir.path(), &[room_arg]);
    assert_eq!((cohort["participants"].as_u64(), cohort["withheld"].as_bool()), (Some(4), Some(false)));
    // Independently: every file's own report, its weak answers and its flags (merged by text).
    let mut gaps: std::collections::BTreeMap<String, usize> = Default::default();
    let mut flags: std::collections::BTreeMap<String, usize> = Default::default();
    for name in &NAMES[..4] {
        let report = json(&["report", "--format", "json", room.join(name).to_str().unwrap()], dir.path());
        for g in report["question_gaps"].as_array().unwrap() {
            *gaps.entry(g["title"].as_str().unwrap().to_string()).or_default() += 1;
        }
        let mut texts: Vec<String> =
            report["red_flags"].as_array().unwrap().iter().map(|f| f["text"].as_str().unwrap().to_string()).collect();
        texts.sort();
        texts.dedup();
        for t in texts {
            *flags.entry(t).or_default() += 1;
        }
    }
    let shown = |key: &str, field: &str| -> std::collections::BTreeMap<String, u64> {
        cohort[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| (g[field].as_str().unwrap().to_string(), g["participants"].as_u64().unwrap()))
            .collect()
    };
    let shared = |all: &std::collections::BTreeMap<String, usize>| -> std::collections::BTreeMap<String, u64> {
        all.iter().filter(|(_, &c)| c >= 3).map(|(k, &c)| (k.clone(), c as u64)).collect()
    };
    assert!(gaps.values().any(|&c| c < 3) && flags.values().any(|&c| c < 3), "the room has something to hide");
    let shared_gaps = shared(&gaps);
    let shown_gaps = shown("common_gaps", "title");
    assert_eq!(shown_gaps.len(), shared_gaps.len().min(10));
    for (title, count) in &shown_gaps {
        assert_eq!(shared_gaps.get(title), Some(count), "{title}");
    }
    assert_eq!(shown("common_flags", "text"), shared(&flags));
    for row in cohort["histogram"].as_array().unwrap() {
        for c in row["counts"].as_array().unwrap() {
            assert!(c.is_null() || c.as_u64() == Some(0) || c.as_u64().unwrap() >= 3, "{row}");
        }
    }
}

/// The same red flag reached through two options is one flag, counted once per participant:
/// two and two would each be hidden, four together are shown.
#[test]
fn issue_16_flags_are_merged_by_text() {
    let dir = tempfile::tempdir().unwrap();
    let defs = dir.path().join("defs");
    std::fs::create_dir(&defs).unwrap();
    let definition = r#"id: tiny
version: 1
title: {en: Tiny}
dimensions:
  - {id: data, title: {en: Data}}
levels:
  - {min: 0, name: {en: Low}}
  - {min: 50, name: {en: High}}
sections:
  - id: data
    title: {en: Data}
    questions:
      - id: rights
        title: {en: Data rights}
        prompt: {en: What rights?}
        options:
          - {id: scraped, label: {en: Scraped}, score: 0, flag: {severity: high, text: {en: No right to the data}}, advice: {en: License it}}
          - {id: bought, label: {en: Bought a dump}, score: 1, flag: {severity: critical, text: {en: No right to the data}}, advice: {en: License it}}
          - {id: licensed, label: {en: Licensed}, score: 4}
"#;
    std::fs::write(defs.join("tiny.yaml"), definition).unwrap();
    let room = dir.path().join("room");
    std::fs::create_dir(&room).unwrap();
    for (i, option) in ["scraped", "bought", "scraped", "bought", "licensed"].iter().enumerate() {
        std::fs::write(
            room.join(format!("p{i}.yaml")),
            format!("moat: 1\nrespondent: {{name: P{i}}}\nanswers:\n  tiny:\n    rights: {option}\n"),
        )
        .unwrap();
    }
    let output = moat()
        .current_dir(dir.path())
        .args(["--assessments", "defs", "cohort", "room", "--format", "json"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let cohort: Value = serde_json::from_slice(&output.stdout).unwrap();
    let flags = cohort["common_flags"].as_array().unwrap();
    assert_eq!(flags.len(), 1, "{flags:?}");
    assert_eq!(flags[0]["text"], "No right to the data");
    assert_eq!(flags[0]["participants"], 4);
    assert_eq!(flags[0]["count_text"], "4 of 5");
    assert_eq!(flags[0]["severity"], "critical", "the most severe of the merged flags");
    // The gap says what the four answered: two and two, each too few to show, pooled.
    let gap = &cohort["common_gaps"][0];
    assert_eq!(gap["participants"], 4);
    assert_eq!(gap["others"], 4);
    assert!(gap["answers"].as_array().unwrap().is_empty());
}

/// Issue 16: an unfinished file (8 of 41 answers) was scored as complete; a second copy of
/// one respondent's file counted twice; `.YAML` files were skipped without a word.
#[test]
fn issue_16_unfinished_duplicate_and_upper_case_files_at_intake() {
    let dir = tempfile::tempdir().unwrap();
    let room = room(dir.path(), &["a.yaml", "b.yaml", "c.YAML", "d.Yml", "e.yaml"], 21);
    let e = std::fs::read_to_string(room.join("e.yaml")).unwrap();
    std::fs::write(room.join("e.yaml"), e.replacen("status: complete", "status: in_progress", 1)).unwrap();
    std::fs::copy(room.join("b.yaml"), room.join("b (1).yaml")).unwrap();
    std::fs::write(room.join("notes.txt"), "seating plan").unwrap();
    std::fs::write(room.join("broken.yaml"), "moat: 1\nanswers: {nope: {}}\n").unwrap();
    let room_arg = room.to_str().unwrap();

    let output = moat().current_dir(dir.path()).args(["cohort", room_arg, "--table"]).output().unwrap();
    assert_eq!(output.status.code(), Some(3), "a file was rejected");
    let (md, err) = (stdout(&output), stderr(&output));
    // Counted: a, b (once), c.YAML and d.Yml; not e (unfinished) or broken.yaml.
    assert!(md.contains("Participants: **4**"), "{md}");
    for note in [
        "1 unfinished, not included",
        "1 duplicate file of a respondent counted once",
        "1 file could not be read",
        "1 other file skipped",
    ] {
        assert!(md.contains(note), "{note}: {md}");
    }
    // File names go to the terminal only.
    for name in ["e.yaml", "b (1).yaml", "broken.yaml", "notes.txt", "c.YAML"] {
        assert!(!md.contains(name), "{name} is in the projected output");
    }
    assert!(err.contains("unfinished:") && err.contains("e.yaml: marked `status: in_progress`"), "{err}");
    assert!(err.contains("b (1).yaml`, `") && err.contains("are one respondent"), "{err}");
    assert!(err.contains("rejected:") && err.contains("broken.yaml") && err.contains("unknown assessment"), "{err}");
    assert!(err.contains("skipped:") && err.contains("notes.txt: not an answer file"), "{err}");

    let (cohort, _) = cohort_json(dir.path(), &[room_arg, "--table", "--include-unfinished"]);
    assert_eq!(cohort["participants"], 5);
    assert_eq!(cohort["intake"]["unfinished"], 1);
    let marked: Vec<&Value> = cohort["table"].as_array().unwrap().iter().filter(|r| r["unfinished"] == true).collect();
    assert_eq!(marked.len(), 1, "the unfinished file is marked");
    let (md, _) = cohort_md(dir.path(), &[room_arg, "--table", "--include-unfinished"]);
    assert!(md.contains("1 unfinished, included and marked as such") && md.contains("(unfinished) |"), "{md}");
}

#[test]
fn issue_16_of_two_files_of_one_name_the_later_date_is_counted() {
    let dir = tempfile::tempdir().unwrap();
    let room = room(dir.path(), &["a.yaml", "b.yaml", "c.yaml", "d.yaml"], 22);
    let a = std::fs::read_to_string(room.join("a.yaml")).unwrap();
    let b = std::fs::read_to_string(room.join("b.yaml")).unwrap();
    let name = a.lines().find_map(|l| l.trim().strip_prefix("name: ")).unwrap();
    let b_name = b.lines().find_map(|l| l.trim().strip_prefix("name: ")).unwrap();
    // b becomes a's later submission: a's name in other case, a later date.
    let later = b.replacen(&format!("name: {b_name}"), &format!("name: {}", name.to_uppercase()), 1).replacen(
        "assessed_on: 2026-11-28",
        "assessed_on: 2026-11-29",
        1,
    );
    std::fs::write(room.join("b.yaml"), later).unwrap();
    // e is c's answers sent again under another name: identical answers, one respondent.
    let c = std::fs::read_to_string(room.join("c.yaml")).unwrap();
    let c_name = c.lines().find_map(|l| l.trim().strip_prefix("name: ")).unwrap();
    std::fs::write(room.join("e.yaml"), c.replacen(&format!("name: {c_name}"), "name: Someone Else", 1)).unwrap();
    let (_, err) = cohort_md(dir.path(), &[room.to_str().unwrap()]);
    let line = |needle: &str| err.lines().find(|l| l.contains(needle)).unwrap_or_else(|| panic!("{needle}: {err}"));
    assert!(line("the same respondent name").ends_with("b.yaml`"), "the later file is kept: {err}");
    assert!(line("identical answers").ends_with("e.yaml`"), "the last file name is kept: {err}");
}

#[test]
fn issue_16_english_output_has_no_chinese_and_no_overstated_headings() {
    let dir = tempfile::tempdir().unwrap();
    let room = room(dir.path(), &NAMES, 4);
    let (md, _) = cohort_md(dir.path(), &[room.to_str().unwrap()]);
    assert!(!md.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "Chinese in English output: {md}");
    assert!(!md.contains("most of the room"), "{md}");
    assert!(md.contains(" of 14 |"), "counts say of how many: {md}");
    let (zh, _) = cohort_md(dir.path(), &[room.to_str().unwrap(), "--lang", "zh"]);
    assert!(!zh.contains("answered weakly") && !zh.contains("Don't know") && !zh.contains(" of 14"), "{zh}");
}

#[test]
fn one_participant_shows_no_gap_flag_or_topic_either() {
    let cohort = json(&["cohort", "examples/thin-wrapper.yaml", "--format", "json"], &repo(""));
    assert_eq!(cohort["participants"], 1);
    for key in ["common_gaps", "common_flags", "discussion", "histogram"] {
        assert!(cohort[key].as_array().unwrap().is_empty(), "{key}");
    }
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
fn files_that_record_no_versions_get_no_version_note() {
    let c = json(
        &["compare", "examples/healthcare-data.yaml", "examples/healthcare-data-later.yaml", "--format", "json"],
        &repo(""),
    );
    assert!(c["notes"].as_array().unwrap().is_empty(), "{}", c["notes"]);
}

/// Issue 16: swapping the two files read as "Overall down 3.9", with no word about dates.
#[test]
fn issue_16_compare_refuses_files_dated_out_of_order_unless_forced() {
    let args = ["compare", "examples/healthcare-data-later.yaml", "examples/healthcare-data.yaml"];
    let output = moat().current_dir(repo("")).args(args).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(
        err.contains("(BEFORE) is dated 2027-02-27, after `examples/healthcare-data.yaml` (AFTER, 2026-11-28)"),
        "{err}"
    );
    assert!(err.contains("`moat compare examples/healthcare-data.yaml examples/healthcare-data-later.yaml`"), "{err}");
    let mut forced: Vec<&str> = args.to_vec();
    forced.extend(["--force", "--format", "json"]);
    let c = json(&forced, &repo(""));
    assert!(
        c["notes"][0].as_str().unwrap().contains("is dated 2027-02-27, after the second (2026-11-28)"),
        "{}",
        c["notes"]
    );
}

/// Issue 16: "0 gaps closed" after weak answers were fixed. Three weak answers of the thin
/// wrapper are raised to options scoring 2; a fourth is marked "does not apply", which is not
/// a gap closed (docs/scoring.md M.4).
#[test]
fn issue_16_weak_answers_fixed_are_gaps_closed() {
    let dir = tempfile::tempdir().unwrap();
    let before = std::fs::read_to_string(repo("examples/thin-wrapper.yaml")).unwrap();
    let mut after = before.clone();
    for (from, to) in [
        ("red_team: {choice: informal", "red_team: {choice: written_list"),
        ("data_flywheel: {choice: logged_unused", "data_flywheel: {choice: manual_once"),
        ("provider_terms: {choice: self_serve", "provider_terms: {choice: programme"),
        ("named_partner_status: {choice: unsigned_unmarked", "named_partner_status: {choice: na"),
    ] {
        assert!(after.contains(from), "{from}");
        after = after.replacen(from, to, 1);
    }
    std::fs::write(dir.path().join("before.yaml"), &before).unwrap();
    std::fs::write(dir.path().join("after.yaml"), &after).unwrap();
    let c = json(&["compare", "before.yaml", "after.yaml", "--format", "json"], dir.path());
    let closed: Vec<&str> = c["question_gaps_closed"].as_array().unwrap().iter().map(|t| t.as_str().unwrap()).collect();
    assert_eq!(closed, ["Red-teaming and safety review", "Data flywheel", "Terms with model providers"]);
    let verdict = c["verdict"].as_str().unwrap();
    assert!(verdict.contains("gaps closed: 3 in answers, 0 in dimensions"), "{verdict}");
    assert!(verdict.contains("gaps opened: 0 in answers"), "{verdict}");
}

/// When a definition's levels do not follow the histogram's ranges (those of the first
/// definition), the levels table says something else and is shown as a table of its own.
#[test]
fn levels_that_differ_from_the_ranges_get_their_own_table() {
    let dir = tempfile::tempdir().unwrap();
    let out =
        moat().current_dir(dir.path()).args(["sample", "--count", "12", "--seed", "4", "-o", "room"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    std::fs::create_dir(dir.path().join("defs")).unwrap();
    let cost = std::fs::read_to_string(repo("assessments/cost-benefit.yaml")).unwrap();
    let shifted = cost
        .replace("{min: 25, name: {en: Emerging", "{min: 10, name: {en: Emerging")
        .replace("{min: 50, name: {en: Established", "{min: 20, name: {en: Established")
        .replace("{min: 75, name: {en: Leading", "{min: 30, name: {en: Leading");
    assert_ne!(shifted, cost);
    std::fs::write(dir.path().join("defs/cost-benefit.yaml"), shifted).unwrap();
    let cohort = |format: &str| {
        let out = moat()
            .current_dir(dir.path())
            .args(["--assessments", "defs", "cohort", "room", "--format", format])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        stdout(&out)
    };
    let data: Value = serde_json::from_str(&cohort("json")).unwrap();
    assert_eq!(data["levels_repeat_histogram"], false, "{}", data["levels"]);
    let md = cohort("md");
    assert!(md.contains("### Distribution of scores\n") && md.contains("### Levels reached"), "{md}");
    let html = cohort("html");
    assert!(html.contains(">Levels reached</h3>"), "the level chart is drawn");
}
