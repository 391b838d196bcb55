//! `moat screen` and `moat sample`, as an accelerator runs them.

mod common;
use common::*;
use std::collections::BTreeMap;
use std::path::Path;

/// Every entry of `dir` by name, with its bytes (empty for a folder).
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = if path.is_dir() { Vec::new() } else { std::fs::read(&path).unwrap() };
        files.insert(path.file_name().unwrap().to_string_lossy().into_owned(), bytes);
    }
    files
}

#[test]
fn sample_is_reproducible_and_valid() {
    let dir = tempfile::tempdir().unwrap();
    sample(&dir.path().join("a"), 30, 7);
    sample(&dir.path().join("b"), 30, 7);
    sample(&dir.path().join("c"), 30, 8);
    assert_eq!(tree(&dir.path().join("a")), tree(&dir.path().join("b")));
    assert_ne!(tree(&dir.path().join("a")), tree(&dir.path().join("c")));
    assert_eq!(tree(&dir.path().join("a")).len(), 30);
    let output = moat()
        .arg("check")
        .arg("--quiet")
        .args(tree(&dir.path().join("a")).keys().map(|k| dir.path().join("a").join(k)))
        .output()
        .unwrap();
    assert!(output.status.success() && stderr(&output).is_empty(), "{}", stderr(&output));

    let output = moat()
        .args(["sample", "--count", "5", "--profile", "foundation", "-o"])
        .arg(dir.path().join("f"))
        .output()
        .unwrap();
    assert!(output.status.success());
    for (_, bytes) in tree(&dir.path().join("f")) {
        assert!(String::from_utf8(bytes).unwrap().contains("profile: foundation"));
    }
    let output = moat().args(["sample", "--profile", "unicorn", "-o"]).arg(dir.path().join("g")).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("unknown profile `unicorn` (valid: `adapter`, `application`, `foundation`)"));
}

#[test]
fn screen_writes_reports_a_leaderboard_and_a_csv_in_rank_order() {
    let dir = tempfile::tempdir().unwrap();
    let apps = dir.path().join("apps");
    sample(&apps, 40, 3);
    let out = dir.path().join("out");
    let output = moat().arg("screen").arg(&apps).arg("-o").arg(&out).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stderr(&output).contains("screened 40 file(s): 40 accepted, 0 rejected"));

    let files = tree(&out);
    assert_eq!(files.len(), 42, "40 briefs, the leaderboard and the CSV");
    let (header, rows) = read_csv(&out.join("scores.csv"));
    assert_eq!(
        header,
        [
            "rank",
            "file",
            "name",
            "overall",
            "level",
            "technology",
            "data",
            "partnerships",
            "positioning",
            "cost_efficiency",
            "confidence",
            "overclaim",
            "red_flags",
            "percentile",
            "claimed",
            "interview_first",
            "find_out",
            "evidence_to_gather"
        ]
    );
    assert_eq!(rows.len(), 40);
    let overall: Vec<f64> = rows.iter().map(|r| r[3].parse().unwrap()).collect();
    for (i, pair) in overall.windows(2).enumerate() {
        assert!(pair[0] >= pair[1], "row {} is above a better score", i + 1);
    }
    assert_eq!(rows.iter().map(|r| r[0].parse::<usize>().unwrap()).collect::<Vec<_>>(), (1..=40).collect::<Vec<_>>());
    assert_eq!(rows[0][13], "100.0");
    // Each row's overall equals that file's own report.
    let first = &rows[0];
    let report = moat().args(["report", "--format", "json", &first[1]]).output().unwrap();
    let data: serde_json::Value = serde_json::from_slice(&report.stdout).unwrap();
    assert_eq!(format!("{:.1}", data["overall"]["score"].as_f64().unwrap()), first[3]);

    let board = String::from_utf8(files["leaderboard.md"].clone()).unwrap();
    check_markdown(&board).unwrap();
    assert!(board.contains("| 1 | "));
}

#[test]
fn ties_are_ordered_by_file_name() {
    let dir = tempfile::tempdir().unwrap();
    let apps = dir.path().join("apps");
    std::fs::create_dir(&apps).unwrap();
    let text = std::fs::read_to_string(repo("examples/healthcare-data.yaml")).unwrap();
    for name in ["zeta.yaml", "alpha.yaml", "mid.yml"] {
        std::fs::write(apps.join(name), &text).unwrap();
    }
    let out = dir.path().join("out");
    let output = moat().arg("screen").arg(&apps).arg("-o").arg(&out).output().unwrap();
    assert!(output.status.success());
    let (_, rows) = read_csv(&out.join("scores.csv"));
    let files: Vec<String> =
        rows.iter().map(|r| Path::new(&r[1]).file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert_eq!(files, ["alpha.yaml", "mid.yml", "zeta.yaml"]);
    // Equal scores, equal percentile: nobody is strictly lower.
    assert!(rows.iter().all(|r| r[13] == "0.0"));
}

#[test]
fn broken_files_are_listed_and_the_rest_scored() {
    let dir = tempfile::tempdir().unwrap();
    let apps = dir.path().join("apps");
    sample(&apps, 10, 5);
    std::fs::write(apps.join("broken-syntax.yaml"), "moat: 1\nanswers: [\n").unwrap();
    std::fs::write(
        apps.join("broken-option.yaml"),
        "moat: 1\nanswers:\n  competitive-advantage:\n    provider_dependence: magic\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let output =
        moat().arg("screen").arg(&apps).arg(dir.path().join("missing.yaml")).arg("-o").arg(&out).output().unwrap();
    assert_eq!(output.status.code(), Some(3), "{}", stderr(&output));
    let err = stderr(&output);
    assert!(
        err.contains("broken-syntax.yaml:")
            && err.contains("unknown option `magic`")
            && err.contains("missing.yaml: no such file"),
        "{err}"
    );
    let (_, rows) = read_csv(&out.join("scores.csv"));
    assert_eq!(rows.len(), 10);
    let board = std::fs::read_to_string(out.join("leaderboard.md")).unwrap();
    assert!(
        board.contains("## Rejected files") && board.contains("broken-option.yaml") && board.contains("unknown option"),
        "{board}"
    );
    check_markdown(&board).unwrap();
}

#[test]
fn the_same_inputs_give_the_same_bytes_whatever_the_jobs() {
    let dir = tempfile::tempdir().unwrap();
    let apps = dir.path().join("apps");
    sample(&apps, 60, 11);
    for jobs in ["1", "4"] {
        let output =
            moat().arg("screen").arg(&apps).args(["--jobs", jobs, "-o"]).arg(dir.path().join(jobs)).output().unwrap();
        assert!(output.status.success());
    }
    assert_eq!(tree(&dir.path().join("1")), tree(&dir.path().join("4")));
}

#[test]
fn briefs_waiting_on_disk_come_out_as_those_held_in_memory() {
    let dir = tempfile::tempdir().unwrap();
    let apps = dir.path().join("apps");
    sample(&apps, 40, 12);
    for (out, memory) in [("held", "48"), ("spilled", "0")] {
        let output = moat()
            .arg("screen")
            .arg(&apps)
            .args(["--brief-memory", memory, "-o"])
            .arg(dir.path().join(out))
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", stderr(&output));
    }
    let held = tree(&dir.path().join("held"));
    assert_eq!(held.len(), 42, "40 briefs, the leaderboard and the CSV, and no pending folder left");
    assert_eq!(held, tree(&dir.path().join("spilled")));
}

#[test]
fn hostile_file_names_and_text_stay_inside_outdir_and_inert() {
    let dir = tempfile::tempdir().unwrap();
    let apps = dir.path().join("apps");
    std::fs::create_dir(&apps).unwrap();
    let hostile_name = "=HYPERLINK(\"http://evil.com\") <script>| [x](http://e.com)";
    let text = std::fs::read_to_string(repo("examples/thin-wrapper.yaml")).unwrap().replacen(
        "name: Quillstack",
        &format!("name: '{hostile_name}'"),
        1,
    );
    assert!(text.contains("HYPERLINK"));
    for name in ["=cmd|calc.yaml", "..yaml", "a|b <c>.yaml", "line\nbreak.yaml", "leaderboard.yaml", "x\u{1b}[31m.yaml"]
    {
        std::fs::write(apps.join(name), &text).unwrap();
    }
    let out = dir.path().join("out");
    let output = moat().arg("screen").arg(&apps).arg("-o").arg(&out).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(!stderr(&output).contains('\u{1b}'), "an escape sequence reached the terminal");
    // Nothing was written beside OUTDIR.
    let beside: Vec<String> = tree(dir.path()).into_keys().collect();
    assert_eq!(beside, ["apps", "out"]);
    let names: Vec<String> = tree(&out).into_keys().collect();
    for name in &names {
        assert!(name.chars().all(|c| c.is_ascii_alphanumeric() || "._-".contains(c)), "unsafe name {name:?}");
        assert!(!name.starts_with('.'));
    }
    assert_eq!(names.len(), 8, "{names:?}");
    let board = std::fs::read_to_string(out.join("leaderboard.md")).unwrap();
    check_markdown(&board).unwrap();
    for name in names.iter().filter(|n| n.ends_with(".md")) {
        check_markdown(&std::fs::read_to_string(out.join(name)).unwrap()).unwrap();
    }
    let (_, rows) = read_csv(&out.join("scores.csv"));
    for row in rows {
        for cell in [&row[1], &row[2]] {
            assert!(!cell.starts_with(['=', '+', '-', '@']), "formula cell {cell:?}");
        }
        assert!(row[2].starts_with("'=HYPERLINK"));
    }
}

#[test]
fn no_progress_bar_without_a_terminal_and_quiet_is_silent() {
    let dir = tempfile::tempdir().unwrap();
    let apps = dir.path().join("apps");
    sample(&apps, 20, 2);
    let output = moat().arg("screen").arg(&apps).arg("-o").arg(dir.path().join("out")).output().unwrap();
    let err = stderr(&output);
    assert!(!err.contains('\r') && !err.contains('\u{1b}') && !err.contains('█'), "{err:?}");
    assert_eq!(err.lines().count(), 1, "{err}");
    let output =
        moat().arg("--quiet").arg("screen").arg(&apps).arg("-o").arg(dir.path().join("out2")).output().unwrap();
    assert!(output.status.success() && output.stderr.is_empty());
}

#[test]
fn screen_options_are_checked_before_any_work() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let output =
        moat().arg("screen").arg(repo("examples")).args(["--weight", "vibes=2", "-o"]).arg(&out).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("`--weight` names dimension `vibes`"));
    assert!(!out.exists());
    let output = moat().arg("screen").arg(repo("examples")).arg("--no-reports").arg("-o").arg(&out).output().unwrap();
    assert!(output.status.success());
    assert_eq!(tree(&out).len(), 2, "only the leaderboard and the CSV");
}

/// A linked answer file is read; a linked folder is not entered, so a link back up the
/// tree cannot loop.
#[cfg(unix)]
#[test]
fn folders_are_searched_following_file_links_but_not_folder_links() {
    let dir = tempfile::tempdir().unwrap();
    let apps = dir.path().join("apps");
    std::fs::create_dir_all(apps.join("nested")).unwrap();
    std::fs::copy(repo("examples/thin-wrapper.yaml"), apps.join("nested/a.yaml")).unwrap();
    std::os::unix::fs::symlink(repo("examples/foundation-lab.yaml"), apps.join("linked.yml")).unwrap();
    std::os::unix::fs::symlink(&apps, apps.join("nested/loop")).unwrap();
    std::fs::write(apps.join("notes.txt"), "not an answer file").unwrap();
    let out = dir.path().join("out");
    let output = moat().args(["--quiet", "screen"]).arg(&apps).arg("-o").arg(&out).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let names: Vec<String> = tree(&out).into_keys().collect();
    assert_eq!(names, ["a.md", "leaderboard.md", "linked.md", "scores.csv"]);
}

/// Issue 16: `.YAML` and `.Yml` files (from a phone, a Windows share) were skipped without
/// a word; `check`, `screen` and `cohort` share the walk, so they are all read now.
#[test]
fn answer_files_are_found_whatever_the_case_of_their_extension() {
    let dir = tempfile::tempdir().unwrap();
    let apps = dir.path().join("apps");
    std::fs::create_dir_all(&apps).unwrap();
    std::fs::copy(repo("examples/thin-wrapper.yaml"), apps.join("Upper.YAML")).unwrap();
    std::fs::copy(repo("examples/foundation-lab.yaml"), apps.join("mixed.Yml")).unwrap();
    std::fs::write(apps.join("readme.TXT"), "not an answer file").unwrap();
    let out = dir.path().join("out");
    let output = moat().args(["--quiet", "screen"]).arg(&apps).arg("-o").arg(&out).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let names: Vec<String> = tree(&out).into_keys().collect();
    assert_eq!(names, ["Upper.md", "leaderboard.md", "mixed.md", "scores.csv"]);
    let output = moat().arg("check").arg(&apps).output().unwrap();
    assert!(output.status.success() && stdout(&output).contains("Upper.YAML"), "{}", stdout(&output));
}

/// Issue 10: a missing input path exited 2 in `screen` and 3 in `check`. One rule now for
/// `check`, `screen` and `cohort`: among other inputs it is a rejected input (listed, the
/// rest processed, exit 3); when no answer file is found at all, a usage error (exit 2).
#[test]
fn issue_10_a_missing_input_path_follows_one_rule_in_check_screen_and_cohort() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(repo("examples/thin-wrapper.yaml"), dir.path().join("a.yaml")).unwrap();
    let commands: [&[&str]; 3] = [&["check"], &["screen", "-o", "out"], &["cohort", "-o", "cohort.md"]];
    for command in commands {
        // Among others: rejected, named, and the good file still processed.
        let output = moat().current_dir(dir.path()).args(command).args(["a.yaml", "nope.yaml"]).output().unwrap();
        let err = stderr(&output);
        assert_eq!(output.status.code(), Some(3), "{command:?}: {err}");
        assert!(err.contains("nope.yaml: no such file or folder"), "{command:?}: {err}");
        assert!(!err.contains("found no answer files"), "{command:?}: {err}");
        match command[0] {
            "check" => assert!(stdout(&output).contains("ok: a.yaml"), "{}", stdout(&output)),
            "screen" => {
                let board = std::fs::read_to_string(dir.path().join("out/leaderboard.md")).unwrap();
                assert!(board.contains("nope.yaml"), "the leaderboard lists the rejected path: {board}");
            }
            _ => {
                let cohort = std::fs::read_to_string(dir.path().join("cohort.md")).unwrap();
                // Issue 16: the projected cohort counts it and names it on stderr only.
                assert!(cohort.contains("1 file could not be read"), "the cohort counts the rejected path: {cohort}");
                assert!(!cohort.contains("nope.yaml"), "the cohort names a file: {cohort}");
            }
        }
        std::fs::remove_dir_all(dir.path().join("out")).ok();
        std::fs::remove_file(dir.path().join("cohort.md")).ok();

        // Alone: nothing to process at all, a usage error that still says why.
        let output = moat().current_dir(dir.path()).args(command).args(["nope.yaml", "typo/"]).output().unwrap();
        let err = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{command:?}: {err}");
        assert!(err.contains("found no answer files"), "{command:?}: {err}");
        assert!(err.contains("nope.yaml: no such file or folder"), "{command:?}: {err}");
        assert!(err.contains("typo/: no such file or folder"), "{command:?}: {err}");
        assert!(!dir.path().join("out").exists() && !dir.path().join("cohort.md").exists(), "{command:?} wrote output");
    }
}

/// Issue 13: `moat screen a.md scores.csv -o .` replaced both inputs; now it refuses
/// (exit 2) before writing anything.
#[test]
fn screen_never_writes_over_its_own_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let answers = std::fs::read(repo("examples/thin-wrapper.yaml")).unwrap();
    std::fs::write(dir.path().join("a.md"), &answers).unwrap();
    std::fs::write(dir.path().join("scores.csv"), "mine").unwrap();
    for args in [vec!["screen", "a.md", "-o", "."], vec!["screen", "scores.csv", "a.md", "-o", "."]] {
        let output = moat().current_dir(dir.path()).args(&args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}: {}", stderr(&output));
        assert!(stderr(&output).contains("is an input of this batch"), "{}", stderr(&output));
    }
    assert_eq!(std::fs::read(dir.path().join("a.md")).unwrap(), answers);
    assert_eq!(std::fs::read_to_string(dir.path().join("scores.csv")).unwrap(), "mine");
    assert!(!dir.path().join("leaderboard.md").exists());
}

/// Issue 13: a file with thousands of bad answers keeps 20 reasons, then says how many more.
#[test]
fn a_rejected_file_keeps_twenty_reasons_and_counts_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let apps = dir.path().join("apps");
    std::fs::create_dir(&apps).unwrap();
    let mut text = String::from("moat: 1\nanswers:\n  competitive-advantage:\n");
    for i in 0..500 {
        text.push_str(&format!("    no_such_question_{i}: x\n"));
    }
    std::fs::write(apps.join("bad.yaml"), text).unwrap();
    std::fs::copy(repo("examples/thin-wrapper.yaml"), apps.join("good.yaml")).unwrap();
    let output =
        moat().args(["screen", "--no-reports"]).arg(&apps).arg("-o").arg(dir.path().join("out")).output().unwrap();
    assert_eq!(output.status.code(), Some(3));
    let err = stderr(&output);
    assert_eq!(err.matches("unknown question `no_such_question_").count(), 20, "{err}");
    assert!(err.contains("... and 480 more (run `moat check` on the file for all of them)"), "{err}");
    let board = std::fs::read_to_string(dir.path().join("out/leaderboard.md")).unwrap();
    assert_eq!(board.matches("unknown question").count(), 20, "the leaderboard keeps 20 too");
}
