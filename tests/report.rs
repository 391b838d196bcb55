//! `moat report` and the small commands, as a user runs them.

mod common;
use common::*;

fn full() -> std::path::PathBuf {
    fixtures().join("answers/mini-full.yaml")
}

#[test]
fn report_prints_markdown_to_stdout() {
    let output = with_mini().arg("report").arg(full()).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let md = stdout(&output);
    assert!(md.starts_with("# Strategy report: Mini Co\n"), "{md}");
    // model own (4) with a document (0.75) and evals held_out (4): (2·4·0.75 + 4)/12 = 83.3.
    assert!(md.contains("| Technology innovation | 83.3 | Leading |"), "{md}");
    check_markdown(&md).unwrap();
}

#[test]
fn report_in_chinese() {
    let output = with_mini().arg("report").arg(full()).args(["--lang", "zh"]).output().unwrap();
    let md = stdout(&output);
    assert!(md.starts_with("# 战略评估报告：Mini Co\n") || md.starts_with("# 战略评估报告: Mini Co\n"), "{md}");
    assert!(md.contains("| 技术创新 | 83.3 | 领先 |"), "{md}");
    assert!(md.contains("## 执行摘要"));
    check_markdown(&md).unwrap();
}

#[test]
fn report_writes_the_file_atomically_and_identically_twice() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["one.md", "two.md"] {
        let output = with_mini().current_dir(dir.path()).arg("report").arg(full()).args(["-o", name]).output().unwrap();
        assert!(output.status.success(), "{}", stderr(&output));
        assert!(stdout(&output).is_empty());
    }
    let one = std::fs::read(dir.path().join("one.md")).unwrap();
    assert_eq!(one, std::fs::read(dir.path().join("two.md")).unwrap());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2, "no temp file is left");
}

#[test]
fn json_is_the_template_data_with_the_spec_fields() {
    let output = with_mini().arg("report").arg(full()).args(["--format", "json"]).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let data: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    for key in [
        "respondent",
        "assessed_on",
        "overall",
        "dimensions",
        "strengths",
        "gaps",
        "question_gaps",
        "red_flags",
        "metrics",
        "recommendations",
        "plan",
        "find_out",
        "evidence_to_gather",
    ] {
        assert!(data.get(key).is_some(), "missing `{key}`");
    }
    // docs/scoring.md 5.2.3 and 5.2.4: in every report.
    assert!(data["overall"]["interview_first"].is_boolean());
    assert!(data["overall"]["interview_reasons"].is_array());
    assert!(data["plan"]["days_30"].is_array() && data["plan"]["days_90"].is_array());
    assert!(data["recommendations"].as_array().unwrap().iter().all(|r| r["fix_now"].is_boolean()));
    assert_eq!(data["assessed_on"], "2026-11-28");
    let tech = &data["dimensions"][0];
    assert_eq!(tech["id"], "technology");
    assert!((tech["score"].as_f64().unwrap() - 250.0 / 3.0).abs() < 1e-9);
    assert!((tech["claimed"].as_f64().unwrap() - 100.0).abs() < 1e-9);
    assert_eq!(tech["level"], "Leading");
    assert_eq!(tech["confidence"], "High");
    assert_eq!(tech["target"], 60.0);
    assert_eq!(tech["gap_to_target"], 0.0);
    // runway 1,200,000 / 100,000 = 12 months.
    assert_eq!(data["metrics"][0]["id"], "runway");
    assert_eq!(data["metrics"][0]["value"], 12.0);
    assert_eq!(data["metrics"][0]["score"], 4.0);

    // A template that prints the data back proves it receives the very same struct.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("t.hbs"),
        "{{overall.score}}|{{dimensions.0.id}}|{{metrics.0.value}}|{{respondent.name}}\n",
    )
    .unwrap();
    let output =
        with_mini().arg("report").arg(full()).arg("--template").arg(dir.path().join("t.hbs")).output().unwrap();
    let expected = format!(
        "{}|technology|{}|Mini Co\n",
        data["overall"]["score"].as_f64().unwrap(),
        data["metrics"][0]["value"].as_f64().unwrap()
    );
    assert_eq!(stdout(&output).replace(".0|", "|"), expected.replace(".0|", "|"));
}

#[test]
fn weight_overrides_change_the_overall_and_reject_unknown_dimensions() {
    let overall = |extra: &[&str]| {
        let output = with_mini().arg("report").arg(full()).args(["--format", "json"]).args(extra).output().unwrap();
        let data: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        data["overall"]["score"].as_f64().unwrap()
    };
    let data_only = overall(&["--weight", "technology=0"]);
    let data_score = {
        let output = with_mini().arg("report").arg(full()).args(["--format", "json"]).output().unwrap();
        let data: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        data["dimensions"][1]["score"].as_f64().unwrap()
    };
    assert!((data_only - data_score).abs() < 1e-9);

    let output = with_mini().arg("report").arg(full()).args(["--weight", "market=2"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("`--weight` names dimension `market`"), "{}", stderr(&output));
    let output = with_mini().arg("report").arg(full()).args(["--weight", "data"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn hostile_text_comes_out_inert() {
    let hostile = r#"| <script>alert(1)</script> ![x](http://example.com/a.png) [y](http://example.com) `code` **b** www.evil.com a@b.co \u001b[31m \u202e"#;
    let text = format!(
        "moat: 1\nrespondent: {{name: \"{hostile}\\n# heading\\n| a | b |\", stage: \"<img src=x>\", sector: \"[s](http://e.com)\"}}\nanswers:\n  mini:\n    model: {{choice: own, evidence: verifiable, note: \"{hostile}\\n\\n- list\\n1. item\\n> quote\"}}\n    notes: \"{hostile}\\n|x|y|\\n```\\nfence\"\n"
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("h.yaml"), &text).unwrap();
    for lang in ["en", "zh"] {
        let output = with_mini().current_dir(dir.path()).args(["report", "h.yaml", "--lang", lang]).output().unwrap();
        assert!(output.status.success(), "{}", stderr(&output));
        let md = stdout(&output);
        check_markdown(&md).unwrap_or_else(|e| panic!("{e}\n{md}"));
        assert!(!md.contains('\u{1b}') && !md.contains('\u{202e}'), "control characters got through");
        assert!(!md.contains("<script") && !md.contains("<img"));
        assert!(md.lines().filter(|l| l.starts_with("# ")).count() == 1, "a second heading was injected");
        assert!(!md.contains("\n```"), "a code fence was injected");
    }
}

#[test]
fn a_broken_template_names_the_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bad.hbs"), "# Report\n\n{{#each dimensions}}\n{{title}}\n").unwrap();
    let output = with_mini()
        .current_dir(dir.path())
        .arg("report")
        .arg(full())
        .args(["--template", "bad.hbs", "-o", "out.md"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("bad.hbs:"), "{}", stderr(&output));
    assert!(!dir.path().join("out.md").exists());

    std::fs::write(dir.path().join("helper.hbs"), "{{shout respondent.name}}\n").unwrap();
    let output = with_mini()
        .current_dir(dir.path())
        .arg("report")
        .arg(full())
        .args(["--template", "helper.hbs", "-o", "out.md"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("helper.hbs"), "{}", stderr(&output));
    assert!(!dir.path().join("out.md").exists());

    let output = with_mini().arg("report").arg(full()).args(["--template", "missing.hbs"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("cannot read template `missing.hbs`"), "{}", stderr(&output));
}

#[test]
fn writing_into_a_missing_folder_fails_cleanly() {
    let output = with_mini().arg("report").arg(full()).args(["-o", "/nonexistent-moat/out.md"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output)
            .contains("cannot write `/nonexistent-moat/out.md`: the folder `/nonexistent-moat` does not exist"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_missing_answers_file() {
    let output = moat().args(["report", "nope.yaml"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stderr(&output), "error: nope.yaml: no such file\n");
}

#[test]
fn list_and_show() {
    let output = moat().arg("list").output().unwrap();
    let out = stdout(&output);
    assert!(out.contains("competitive-advantage") && out.contains("cost-benefit") && out.contains("built-in"), "{out}");
    let output = with_mini().args(["list", "--lang", "zh"]).output().unwrap();
    assert!(stdout(&output).contains("迷你评估"));

    let output = moat().args(["show", "competitive-advantage", "--format", "json"]).output().unwrap();
    let def: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(def["id"], "competitive-advantage");
    let dims: Vec<&str> = def["dimensions"].as_array().unwrap().iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(dims, ["technology", "data", "partnerships", "positioning"]);
    // Resolved: every scored question carries its dimensions.
    assert!(def["sections"][0]["questions"][0]["dimensions"]["technology"].is_number());

    let output = moat().args(["show", "cost-benefit", "--format", "yaml"]).output().unwrap();
    assert!(stdout(&output).starts_with("id: cost-benefit\n"));
    // Issue 14: the default is an outline a person can read, every question on it once.
    let output = moat().args(["show", "cost-benefit"]).output().unwrap();
    let outline = stdout(&output);
    assert!(outline.starts_with("Cost-benefit · cost-benefit version 2\n"), "{outline}");
    let yaml = stdout(&moat().args(["show", "cost-benefit", "--format", "json"]).output().unwrap());
    let def: serde_json::Value = serde_json::from_str(&yaml).unwrap();
    for section in def["sections"].as_array().unwrap() {
        for q in section["questions"].as_array().unwrap() {
            let id = q["id"].as_str().unwrap();
            assert_eq!(outline.matches(&format!("\n  {id}  ")).count(), 1, "{id} once in the outline");
        }
    }
    assert!(outline.contains("asked when "), "conditions are shown");
    assert!(outline.lines().count() < 150, "an outline, not the whole file: {} lines", outline.lines().count());
    let zh = stdout(&moat().args(["show", "cost-benefit", "--lang", "zh"]).output().unwrap());
    assert!(zh.starts_with("成本与效益 · cost-benefit 版本 2\n"), "{zh}");
    let output = moat().args(["show", "nope"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("unknown assessment `nope`"));
}

#[test]
fn an_assessments_folder_replaces_a_built_in_by_id() {
    let dir = tempfile::tempdir().unwrap();
    let replaced = include_str!("fixtures/assessments/mini.yaml").replacen("id: mini", "id: cost-benefit", 1).replacen(
        "{en: Mini audit, zh: 迷你评估}",
        "{en: Our cost rubric, zh: 我们的成本评估}",
        1,
    );
    std::fs::write(dir.path().join("cb.yaml"), replaced).unwrap();
    let output = moat().arg("--assessments").arg(dir.path()).arg("list").output().unwrap();
    let out = stdout(&output);
    assert!(out.contains("Our cost rubric") && out.contains("cb.yaml"), "{out}");
    assert!(!out.contains("Cost-benefit"), "{out}");
    let output = moat().args(["--assessments", "/nonexistent-moat", "list"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("/nonexistent-moat: cannot read the assessments folder"));
}

#[test]
fn help_teaches_and_completions_print() {
    let output = moat().arg("--help").output().unwrap();
    let out = stdout(&output);
    assert!(out.contains("Examples:") && out.contains("Exit codes:"), "{out}");
    let output = moat().args(["completions", "bash"]).output().unwrap();
    assert!(output.status.success() && stdout(&output).contains("moat"));
    let output = moat().arg("frobnicate").output().unwrap();
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn an_unwritable_output_fails_cleanly() {
    // Even root cannot create files in /proc, so this holds in CI, which runs as root.
    let output = moat()
        .args(["report", "examples/thin-wrapper.yaml", "-o", "/proc/moat-report.md"])
        .current_dir(repo(""))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).starts_with("error: cannot write `/proc/moat-report.md`: "), "{}", stderr(&output));
    let output = moat().args(["screen", "examples", "-o", "/proc/moat-out"]).current_dir(repo("")).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("cannot write `/proc/moat-out`"), "{}", stderr(&output));
}

#[test]
fn escape_sequences_in_a_file_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let text = "moat: 1\nanswers:\n  competitive-advantage:\n    provider_dependence: \"\\e[2J\\e[31mRED \\u202e\"\n";
    std::fs::write(dir.path().join("esc\u{1b}[1m.yaml"), text).unwrap();
    for args in [vec!["check"], vec!["report"], vec!["compare", "examples/thin-wrapper.yaml", "--force"]] {
        let mut cmd = moat();
        cmd.args(&args);
        if args[0] == "compare" {
            cmd.current_dir(repo(""));
        }
        let output = cmd.arg(dir.path().join("esc\u{1b}[1m.yaml")).output().unwrap();
        let err = stderr(&output);
        assert!(!output.status.success());
        assert!(!err.contains('\u{1b}') && !err.contains('\u{202e}'), "{args:?}: {err:?}");
        assert!(err.contains("\\u{1b}[2J"), "the escape is shown, not run: {err}");
    }
}

#[test]
fn an_output_never_overwrites_an_input() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(repo("examples/thin-wrapper.yaml"), dir.path().join("a.yaml")).unwrap();
    let before = std::fs::read(dir.path().join("a.yaml")).unwrap();
    for args in [
        vec!["report", "a.yaml", "-o", "a.yaml"],
        vec!["report", "a.yaml", "-o", "./a.yaml"],
        vec!["compare", "a.yaml", "a.yaml", "-o", "a.yaml"],
        vec!["cohort", "a.yaml", "-o", "a.yaml"],
    ] {
        let output = moat().current_dir(dir.path()).args(&args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(stderr(&output).contains("is also an input of this command"), "{}", stderr(&output));
    }
    assert_eq!(std::fs::read(dir.path().join("a.yaml")).unwrap(), before);
}

#[test]
fn json_never_prints_negative_zero() {
    let text =
        "moat: 1\nanswers:\n  cost-benefit:\n    monthly_gpu_capacity_usd: 0\n    api_efficiency_techniques: []\n";
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("z.yaml"), text).unwrap();
    let output = moat().current_dir(dir.path()).args(["report", "z.yaml", "--format", "json"]).output().unwrap();
    assert!(output.status.success());
    assert!(!stdout(&output).contains("-0"), "{}", stdout(&output));
}

#[test]
fn check_searches_folders_and_lists_missing_inputs() {
    let output = moat().current_dir(repo("")).args(["check", "examples", "no-such-folder"]).output().unwrap();
    assert_eq!(output.status.code(), Some(3), "{}", stderr(&output));
    let out = stdout(&output);
    for example in [
        "backs-nothing",
        "cash-flow-positive",
        "foundation-lab",
        "healthcare-data",
        "healthcare-data-later",
        "thin-wrapper",
    ] {
        assert!(out.contains(&format!("ok: examples/{example}.yaml")), "{out}");
    }
    assert!(stderr(&output).contains("no-such-folder: no such file or folder"), "{}", stderr(&output));
    assert!(stderr(&output).contains("1 of 7 files were rejected"), "{}", stderr(&output));
}

/// Found by review: a link to a folder was replaced by the report.
#[cfg(unix)]
#[test]
fn an_output_that_is_a_link_to_a_folder_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("real")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("real"), dir.path().join("link")).unwrap();
    let output = moat()
        .current_dir(repo(""))
        .args(["report", "examples/thin-wrapper.yaml", "-o"])
        .arg(dir.path().join("link"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(stderr(&output).contains("it is a folder"), "{}", stderr(&output));
    assert!(dir.path().join("link").is_dir(), "the link still points at the folder");
}

/// A pipe is read like a file: `cat answers.yaml | moat check /dev/stdin`.
#[test]
fn check_reads_standard_input_through_dev_stdin() {
    let answers = std::fs::read(repo("examples/thin-wrapper.yaml")).unwrap();
    let output = moat().args(["check", "/dev/stdin"]).write_stdin(answers).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("ok: /dev/stdin"), "{}", stdout(&output));
}

/// Issue 11: a dimension at or above its target is a gap only for scoring under 50, and
/// the summary says so instead of printing the target as if it were missed.
#[test]
fn a_gap_at_or_above_its_target_says_it_is_under_50() {
    let dir = tempfile::tempdir().unwrap();
    moat().args(["-q", "sample", "--count", "40", "--seed", "2", "-o"]).arg(dir.path()).assert().success();
    let mut seen = 0;
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let path = entry.unwrap().path();
        let json = moat().arg("report").arg(&path).args(["--format", "json", "--lang", "en"]).output().unwrap();
        let data: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
        let md = stdout(&moat().arg("report").arg(&path).args(["--lang", "en"]).output().unwrap());
        for gap in data["summary"]["gaps"].as_array().unwrap() {
            let (Some(score), Some(target)) = (gap["score"].as_f64(), gap["target"].as_f64()) else { continue };
            let title = gap["title"].as_str().unwrap();
            let line = md.lines().find(|l| l.starts_with(&format!("- **{title}**"))).unwrap();
            if score >= target {
                seen += 1;
                assert!(line.contains("under 50; at or above its target of"), "{line}");
            } else {
                assert!(line.contains("(target "), "{line}");
            }
        }
    }
    assert!(seen > 0, "no sampled applicant had a gap at or above its target");
}

/// Issue 13: an output that is a pipe (or a link to one, like `/dev/stdout`) is written
/// into, not replaced by a regular file; `/dev/null` as root was replaced that way.
#[cfg(unix)]
#[test]
fn an_output_that_is_a_pipe_stays_a_pipe() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let link = dir.path().join("link-to-pipe");
    std::os::unix::fs::symlink(&fifo, &link).unwrap();
    for target in [&fifo, &link] {
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
        };
        let output = moat()
            .current_dir(repo(""))
            .args(["report", "examples/thin-wrapper.yaml", "-o"])
            .arg(target)
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", stderr(&output));
        // Checked before waiting for the reader: had the pipe been replaced, the reader
        // would wait on it for ever.
        assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo(), "the pipe was replaced");
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link was replaced");
        let text = reader.join().unwrap();
        assert!(text.starts_with("# Strategy report: Quillstack"), "{}", &text[..text.len().min(200)]);
    }
}
