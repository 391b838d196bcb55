//! The bad-input corpus (tests/corpus/cases.txt): every case against every command it
//! applies to. Each must exit non-zero with a message naming the file and the place,
//! never panic, and leave no output file behind; the `ok-` cases must be accepted.

mod common;
use common::*;
use std::path::{Path, PathBuf};
use std::process::Output;

#[derive(Debug, Clone)]
struct Case {
    file: PathBuf,
    outcome: String,
    line: Option<usize>,
    message: String,
}

fn cases() -> Vec<Case> {
    let manifest = std::fs::read_to_string(repo("tests/corpus/cases.txt")).unwrap();
    manifest
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let parts: Vec<&str> = l.splitn(4, '|').map(str::trim).collect();
            Case {
                file: repo("tests/corpus").join(parts[0]),
                outcome: parts[1].to_string(),
                line: parts[2].parse().ok(),
                message: parts.get(3).unwrap_or(&"").to_string(),
            }
        })
        .collect()
}

/// What a rejection must look like: a failing exit, the message, `NAME:LINE:`, no panic.
fn assert_rejects(what: &str, c: &Case, output: &Output, code: i32) {
    let err = stderr(output);
    let name = c.file.file_name().unwrap().to_string_lossy();
    assert_eq!(output.status.code(), Some(code), "{what} {name}: {err}");
    assert!(!err.contains("panicked"), "{what} {name} panicked: {err}");
    assert!(err.contains(&c.message), "{what} {name}: expected `{}` in: {err}", c.message);
    let place = match c.line {
        Some(line) => format!("{name}:{line}: "),
        None => format!("{name}: "),
    };
    assert!(err.contains(&place), "{what} {name}: expected `{place}` in: {err}");
}

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

/// Runs every answers case against every command; returns how many cases each command ran.
fn run_answers_case(c: &Case, counts: &mut [usize; 7]) {
    let dir = tempfile::tempdir().unwrap();
    let work = dir.path();
    let good = repo("examples/thin-wrapper.yaml");
    let run = |args: &[&std::ffi::OsStr]| moat().current_dir(work).args(args).output().unwrap();
    let f = c.file.as_os_str();
    let s = |x: &'static str| std::ffi::OsStr::new(x);

    let check = run(&[s("check"), f]);
    let report = run(&[s("report"), f, s("-o"), s("report.md")]);
    let screen_in = work.join("in");
    std::fs::create_dir(&screen_in).unwrap();
    std::fs::copy(&c.file, screen_in.join(c.file.file_name().unwrap())).unwrap();
    std::fs::copy(&good, screen_in.join("good.yaml")).unwrap();
    let screen = run(&[s("screen"), screen_in.as_os_str(), s("-o"), s("out")]);
    let cohort = run(&[s("cohort"), f, good.as_os_str(), good.as_os_str(), good.as_os_str(), s("-o"), s("cohort.md")]);
    let compare_before = run(&[s("compare"), f, good.as_os_str(), s("--force"), s("-o"), s("compare1.md")]);
    let compare_after = run(&[s("compare"), good.as_os_str(), f, s("--force"), s("-o"), s("compare2.md")]);
    counts[0] += 1;
    counts[1] += 1;
    counts[2] += 1;
    counts[3] += 1;
    counts[4] += 2;

    match c.outcome.as_str() {
        "reject" => {
            assert_rejects("check", c, &check, 3);
            assert_rejects("report", c, &report, 1);
            assert!(!work.join("report.md").exists(), "report left a file for {}", c.file.display());
            assert_rejects("screen", c, &screen, 3);
            let stem = c.file.file_stem().unwrap().to_string_lossy().into_owned();
            assert!(!work.join("out").join(format!("{stem}.md")).exists(), "screen wrote a report for a rejected file");
            let board = std::fs::read_to_string(work.join("out/leaderboard.md")).unwrap();
            assert!(board.contains(&stem), "the leaderboard does not list {stem}");
            check_markdown(&board).unwrap();
            assert_rejects("cohort", c, &cohort, 3);
            assert_rejects("compare", c, &compare_before, 1);
            assert_rejects("compare", c, &compare_after, 1);
            assert!(!work.join("compare1.md").exists() && !work.join("compare2.md").exists());
        }
        outcome @ ("accept" | "warn") => {
            for (what, output) in [
                ("check", &check),
                ("report", &report),
                ("screen", &screen),
                ("cohort", &cohort),
                ("compare", &compare_before),
                ("compare", &compare_after),
            ] {
                assert!(output.status.success(), "{what} {}: {}", c.file.display(), stderr(output));
            }
            if outcome == "warn" {
                assert!(stderr(&check).contains(&c.message) && stderr(&report).contains(&c.message));
            }
            check_markdown(&std::fs::read_to_string(work.join("report.md")).unwrap()).unwrap();
        }
        other => panic!("unknown outcome `{other}` in cases.txt"),
    }
    // Whatever happened, nothing was written where it should not be (no temp files either).
    for name in entries(work) {
        assert!(
            ["in", "out", "report.md", "cohort.md", "compare1.md", "compare2.md"].contains(&name.as_str()),
            "unexpected file {name} after {}",
            c.file.display()
        );
    }
}

#[test]
fn the_corpus_has_at_least_40_cases_and_every_one_holds() {
    let cases = cases();
    assert!(cases.len() >= 40, "only {} cases", cases.len());
    // check, report, screen, cohort, compare, lint, --template
    let mut counts = [0usize; 7];
    for c in &cases {
        let kind = c.file.parent().unwrap().file_name().unwrap().to_string_lossy().into_owned();
        match kind.as_str() {
            "answers" => run_answers_case(c, &mut counts),
            "definitions" => run_definition_case(c, &mut counts),
            "templates" => run_template_case(c, &mut counts),
            other => panic!("unknown corpus folder {other}"),
        }
    }
    let names = ["check", "report", "screen", "cohort", "compare", "lint", "--template"];
    let summary: Vec<String> = names.iter().zip(counts).map(|(n, c)| format!("{n}: {c}")).collect();
    println!("corpus: {} cases; runs per command: {}", cases.len(), summary.join(", "));
}

/// A broken definition in `--assessments DIR` stops every command, naming file and line.
fn run_definition_case(c: &Case, counts: &mut [usize; 7]) {
    let dir = tempfile::tempdir().unwrap();
    let defs = dir.path().join("defs");
    std::fs::create_dir(&defs).unwrap();
    std::fs::copy(&c.file, defs.join(c.file.file_name().unwrap())).unwrap();
    let good = repo("examples/thin-wrapper.yaml");
    let lint = moat().arg("lint").arg(&c.file).output().unwrap();
    assert_rejects("lint", c, &lint, 1);
    counts[5] += 1;
    let with_defs = |args: &[&std::ffi::OsStr]| {
        moat().current_dir(dir.path()).arg("--assessments").arg(&defs).args(args).output().unwrap()
    };
    let s = std::ffi::OsStr::new;
    for (i, args) in [
        vec![s("check"), good.as_os_str()],
        vec![s("report"), good.as_os_str(), s("-o"), s("r.md")],
        vec![s("screen"), good.as_os_str(), s("-o"), s("out")],
        vec![s("cohort"), good.as_os_str(), s("-o"), s("c.md")],
        vec![s("compare"), good.as_os_str(), good.as_os_str(), s("-o"), s("d.md")],
    ]
    .iter()
    .enumerate()
    {
        assert_rejects(&format!("{:?}", args[0]), c, &with_defs(args), 1);
        counts[i] += 1;
    }
    assert_eq!(entries(dir.path()), ["defs"], "a command wrote output despite a broken definition");
}

/// A broken template stops `report`, `screen` and `cohort` before any output.
fn run_template_case(c: &Case, counts: &mut [usize; 7]) {
    let dir = tempfile::tempdir().unwrap();
    let good = repo("examples/thin-wrapper.yaml");
    let s = std::ffi::OsStr::new;
    for args in [
        vec![s("report"), good.as_os_str(), s("-o"), s("r.md")],
        vec![s("screen"), good.as_os_str(), s("-o"), s("out")],
        vec![s("cohort"), good.as_os_str(), good.as_os_str(), good.as_os_str(), s("-o"), s("c.md")],
    ] {
        let output = moat().current_dir(dir.path()).args(&args).arg("--template").arg(&c.file).output().unwrap();
        assert_rejects(&format!("{:?} --template", args[0]), c, &output, 1);
        counts[6] += 1;
    }
    let left: Vec<String> = entries(dir.path()).into_iter().filter(|n| n != "out").collect();
    assert!(left.is_empty(), "a broken template left {left:?}");
    if dir.path().join("out").exists() {
        assert!(entries(&dir.path().join("out")).is_empty(), "screen wrote output with a broken template");
    }
}

#[test]
fn generated_cases_too_large_a_folder_and_a_missing_file() {
    let dir = tempfile::tempdir().unwrap();
    let base = std::fs::read_to_string(repo("examples/thin-wrapper.yaml")).unwrap();
    std::fs::write(dir.path().join("huge.yaml"), format!("{base}{}", format!("# {}\n", "x".repeat(1000)).repeat(1100)))
        .unwrap();
    std::fs::create_dir(dir.path().join("folder.yaml")).unwrap();
    for (name, message) in [
        ("huge.yaml", "is larger than 1 MiB"),
        ("folder.yaml", "is a folder, not a file"),
        ("missing.yaml", "no such file"),
    ] {
        let c = Case { file: dir.path().join(name), outcome: "reject".into(), line: None, message: message.into() };
        let output = moat().current_dir(dir.path()).args(["report", name, "-o", "r.md"]).output().unwrap();
        assert_rejects("report", &c, &output, 1);
        let output = moat().current_dir(dir.path()).args(["check", name]).output().unwrap();
        if name == "folder.yaml" {
            // `check` searches a folder, as `screen` does; this one holds no answer file.
            assert_eq!(output.status.code(), Some(2), "check on an empty folder: {}", stderr(&output));
            assert!(stderr(&output).contains("found no answer files"), "{}", stderr(&output));
        } else if name == "missing.yaml" {
            // Issue 10: with no answer file at all, a missing path is a usage error (2), as in
            // `screen` and `cohort`; the message still names the path and says why.
            assert_rejects("check", &c, &output, 2);
            assert!(stderr(&output).contains("found no answer files"), "{}", stderr(&output));
        } else {
            assert_rejects("check", &c, &output, 3);
        }
        let output = moat().current_dir(dir.path()).args(["compare", name, name, "-o", "d.md"]).output().unwrap();
        assert_rejects("compare", &c, &output, 1);
        assert!(!dir.path().join("r.md").exists() && !dir.path().join("d.md").exists());
    }
}
