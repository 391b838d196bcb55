//! Answer files that must be rejected, each by `report` (exit 1, no output file) and
//! by `check` (exit 3), with the file, the line and the question id in the message.

mod common;
use common::*;

const BASE: &str = include_str!("fixtures/answers/mini-full.yaml");

struct Case {
    text: String,
    /// The line the error must name: the line of this text (first occurrence).
    at: Option<&'static str>,
    fragment: &'static str,
}

fn edited(from: &str, to: &str) -> String {
    assert!(BASE.contains(from), "the fixture has no `{from}`");
    BASE.replacen(from, to, 1)
}

fn case(from: &str, to: &str, at: &'static str, fragment: &'static str) -> Case {
    Case { text: edited(from, to), at: Some(at), fragment }
}

fn assert_rejected(c: Case) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("answers.yaml"), &c.text).unwrap();
    let location = match c.at {
        Some(at) => format!("answers.yaml:{}: ", line_of(&c.text, at, 0)),
        None => "answers.yaml: ".to_string(),
    };

    let output =
        with_mini().current_dir(dir.path()).args(["report", "answers.yaml", "-o", "report.md"]).output().unwrap();
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "report: {err}");
    assert!(err.contains(&location), "report: expected `{location}` in: {err}");
    assert!(err.contains(c.fragment), "report: expected `{}` in: {err}", c.fragment);
    assert!(!dir.path().join("report.md").exists(), "a rejected file left a report behind");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "a rejected file left a temp file behind");

    let output = with_mini().current_dir(dir.path()).args(["check", "answers.yaml"]).output().unwrap();
    assert_eq!(output.status.code(), Some(3), "check: {}", stderr(&output));
    assert!(stderr(&output).contains(c.fragment));
}

#[test]
fn the_fixture_is_valid() {
    let output = with_mini().arg("check").arg(fixtures().join("answers/mini-full.yaml")).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("ok: "));
}

#[test]
fn bad_yaml() {
    assert_rejected(case("    evals: held_out\n", "    evals: [held_out\n", "    rights:", "did not find expected"));
}

#[test]
fn unknown_assessment() {
    assert_rejected(case(
        "  mini:\n",
        "  mimi:\n",
        "  mimi:",
        "unknown assessment `mimi` (available: `competitive-advantage`, `cost-benefit`, `mini`)",
    ));
}

#[test]
fn unknown_question() {
    assert_rejected(case(
        "    evals: held_out",
        "    eval: held_out",
        "    eval:",
        "unknown question `eval` in assessment `mini`",
    ));
}

#[test]
fn unknown_option_lists_the_valid_ones() {
    assert_rejected(case(
        "    rights: licensed",
        "    rights: maybe",
        "    rights:",
        "unknown option `maybe` for question `rights` (expected one of `none`, `licensed`, `exclusive`, `na`)",
    ));
}

#[test]
fn unknown_option_in_a_multi_answer() {
    assert_rejected(case(
        "[licensed, own]",
        "[licensed, bought]",
        "    sources:",
        "unknown option `bought` for question `sources`",
    ));
}

#[test]
fn an_option_named_twice() {
    assert_rejected(case(
        "[licensed, own]",
        "[licensed, licensed]",
        "    sources:",
        "option `licensed` is named twice for question `sources`",
    ));
}

/// Issue 11: "none of these" (and "don't know") stand alone in a multi answer.
#[test]
fn an_option_that_stands_alone_combined_with_others() {
    assert_rejected(case(
        "[licensed, own]",
        "[licensed, none]",
        "    sources:",
        "option `none` of question `sources` cannot be combined with other options",
    ));
}

#[test]
fn number_out_of_range() {
    assert_rejected(case(
        "    cash: 1200000",
        "    cash: -5",
        "    cash:",
        "-5 is out of range for question `cash` (at least 0)",
    ));
}

#[test]
fn not_a_number() {
    assert_rejected(case("    cash: 1200000", "    cash: .nan", "    cash:", "question `cash` needs a finite number"));
    assert_rejected(case("    cash: 1200000", "    cash: .inf", "    cash:", "question `cash` needs a finite number"));
}

#[test]
fn wrong_type() {
    assert_rejected(case(
        "    cash: 1200000",
        "    cash: lots",
        "    cash:",
        "question `cash` is a number question and takes a number such as 42000, not text",
    ));
    assert_rejected(case(
        "    evals: held_out",
        "    evals: [held_out]",
        "    evals:",
        "question `evals` is a choice question and takes an option id, not a list",
    ));
}

#[test]
fn unknown_evidence_level() {
    assert_rejected(case(
        "evidence: document",
        "evidence: hearsay",
        "    model:",
        "unknown evidence level `hearsay` for question `model`",
    ));
}

#[test]
fn unknown_profile_lists_the_valid_ones() {
    assert_rejected(case(
        "profile: lab",
        "profile: startup",
        "respondent:",
        "unknown profile `startup` (valid: `lab`)",
    ));
}

#[test]
fn bad_date() {
    assert_rejected(case(
        "assessed_on: 2026-11-28",
        "assessed_on: 2026-02-30",
        "assessed_on:",
        "`assessed_on` must be a date like 2026-11-28",
    ));
}

#[test]
fn missing_or_wrong_format_version() {
    assert_rejected(Case { text: edited("moat: 1\n", ""), at: None, fragment: "missing `moat: 1`" });
    assert_rejected(case("moat: 1", "moat: 2", "moat:", "`moat` must be 1"));
}

#[test]
fn unknown_top_level_key() {
    assert_rejected(case("status: complete", "status: complete\nscore: 100", "score:", "unknown key `score`"));
}

#[test]
fn a_file_over_1_mib() {
    let padding = format!("# {}\n", "x".repeat(1024));
    let text = format!("{BASE}{}", padding.repeat(1100));
    assert_rejected(Case { text, at: None, fragment: "is larger than 1 MiB" });
}

#[test]
fn not_utf8() {
    let mut bytes = BASE.as_bytes().to_vec();
    bytes.extend_from_slice(b"    notes: \"\xff\xfe\"\n");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("answers.yaml"), &bytes).unwrap();
    let output = with_mini().current_dir(dir.path()).args(["report", "answers.yaml"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("answers.yaml:15: is not valid UTF-8"), "{}", stderr(&output));
}

#[test]
fn an_empty_file() {
    assert_rejected(Case { text: String::new(), at: None, fragment: "is empty" });
}

#[test]
fn an_answer_to_a_question_that_does_not_apply_is_a_warning() {
    let text = edited("model: {choice: own, evidence: document, note: \"internal benchmark log\"}", "model: api");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("answers.yaml"), &text).unwrap();
    let output = with_mini().current_dir(dir.path()).args(["check", "answers.yaml"]).output().unwrap();
    assert!(output.status.success());
    let line = line_of(&text, "    evals:", 0);
    assert!(
        stderr(&output).contains(&format!("warning: answers.yaml:{line}: question `evals` does not apply")),
        "{}",
        stderr(&output)
    );
}

#[test]
fn check_keeps_going_and_exits_3() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("good.yaml"), BASE).unwrap();
    std::fs::write(dir.path().join("bad.yaml"), edited("    rights: licensed", "    rights: maybe")).unwrap();
    let output = with_mini().current_dir(dir.path()).args(["check", "bad.yaml", "good.yaml"]).output().unwrap();
    assert_eq!(output.status.code(), Some(3));
    assert!(stdout(&output).contains("ok: good.yaml"));
    assert!(stderr(&output).contains("bad.yaml:"));
    assert!(stderr(&output).contains("1 of 2 files were rejected"));
}

/// Issue 11: a file written for another version of an assessment whose questions differ
/// is refused with the reason first and the way out (`ask --revise`).
#[test]
fn a_file_for_a_version_whose_questions_changed_says_so() {
    let text = edited("status: complete\n", "status: complete\nversions: {mini: 2}\n").replacen(
        "    evals: held_out\n",
        "    evals: held_out\n    retired_question: yes\n",
        1,
    );
    assert_rejected(Case {
        text,
        at: Some("versions: {mini: 2}"),
        fragment: "was written for `mini` version 2 (moat has 1), whose questions differ",
    });
}

/// A file of another version whose answers all still fit is scored, with a warning
/// naming both versions; `check` names the version the file was written for.
#[test]
fn a_file_for_another_version_that_still_fits_is_scored_with_a_warning() {
    let text = edited("status: complete\n", "status: complete\nversions: {mini: 2}\n");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("answers.yaml"), &text).unwrap();
    let output = with_mini().current_dir(dir.path()).args(["check", "answers.yaml"]).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let line = line_of(&text, "versions:", 0);
    assert!(
        stderr(&output).contains(&format!(
            "warning: answers.yaml:{line}: was written for `mini` version 2 and is scored with version 1"
        )),
        "{}",
        stderr(&output)
    );
    assert!(stdout(&output).contains("mini v2)"), "{}", stdout(&output));
}
