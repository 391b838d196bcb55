//! `moat lint`: one failing definition per rule, each error naming the file, the
//! line and the offending id.

mod common;
use common::*;

const BASE: &str = include_str!("fixtures/assessments/mini.yaml");

/// Apply `edits` to the fixture, lint it, expect exit 1 and `fragment` at the line of `at`.
fn rejects(edits: &[(&str, &str)], fragment: &str, at: (&str, usize)) {
    let mut text = BASE.to_string();
    for (from, to) in edits {
        assert!(text.contains(from), "the fixture has no `{from}`");
        text = text.replacen(from, to, 1);
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("rubric.yaml");
    std::fs::write(&file, &text).unwrap();
    let output = moat().current_dir(dir.path()).args(["lint", "rubric.yaml"]).output().unwrap();
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "stderr: {err}");
    let line = line_of(&text, at.0, at.1);
    assert!(err.contains(&format!("rubric.yaml:{line}: ")), "expected line {line} in: {err}");
    assert!(err.contains(fragment), "expected `{fragment}` in: {err}");
}

#[test]
fn the_fixture_and_the_built_ins_are_clean() {
    let output = moat().arg("lint").arg(fixtures().join("assessments/mini.yaml")).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let output = moat()
        .current_dir(repo(""))
        .args(["lint", "--strict", "assessments/competitive-advantage.yaml", "assessments/cost-benefit.yaml"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stderr(&output).is_empty(), "built-ins lint with warnings: {}", stderr(&output));
}

/// Issue 12: an evidence question without `interview` text is a warning, which
/// `--strict` turns into a failure (exit 1) after printing it.
#[test]
fn strict_lint_fails_on_a_missing_interview_text() {
    let text = std::fs::read_to_string(fixtures().join("assessments/mini.yaml")).unwrap();
    let start = text.find("        interview:").unwrap();
    let end = start + text[start..].find('\n').unwrap() + 1;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mini.yaml");
    std::fs::write(&file, format!("{}{}", &text[..start], &text[end..])).unwrap();
    let output = moat().arg("lint").arg(&file).output().unwrap();
    assert!(output.status.success(), "a warning alone passes: {}", stderr(&output));
    assert!(stderr(&output).contains("question `model`: `evidence: true` but no `interview`"), "{}", stderr(&output));
    let output = moat().args(["lint", "--strict"]).arg(&file).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("1 warning(s), and --strict counts them as errors"), "{}", stderr(&output));
}

#[test]
fn duplicate_question_id() {
    rejects(&[("id: evals", "id: model")], "duplicate question id `model`", ("id: model", 1));
}

#[test]
fn duplicate_option_id() {
    rejects(
        &[("{id: held_out,", "{id: none,")],
        "duplicate option id `none`",
        ("{id: none, label: {en: A held-out", 0),
    );
}

#[test]
fn option_without_a_score() {
    rejects(
        &[("zh: 已授权}, score: 3}", "zh: 已授权}}")],
        "option `licensed`: missing `score`",
        ("{id: licensed, label: {en: Licensed, zh: 已授权}}", 0),
    );
}

#[test]
fn score_outside_0_to_4() {
    rejects(&[("zh: 已授权}, score: 3}", "zh: 已授权}, score: 5}")], "score 5 is outside 0 to 4", ("score: 5", 0));
}

#[test]
fn unknown_option_with_a_score() {
    rejects(
        &[("unknown: true,", "unknown: true, score: 1,")],
        "an `unknown` or `na` option has no score",
        ("unknown: true, score: 1", 0),
    );
}

#[test]
fn dimension_not_declared() {
    rejects(
        &[("dimensions: {data: 1}", "dimensions: {market: 1}")],
        "dimension `market` is not declared",
        ("dimensions: {market: 1}", 0),
    );
}

#[test]
fn profile_weight_for_an_undeclared_dimension() {
    rejects(
        &[("weights: {technology: 2, data: 1}", "weights: {technology: 2, market: 1}")],
        "dimension `market`, which is not declared",
        ("weights:", 0),
    );
}

#[test]
fn profile_target_out_of_range() {
    rejects(
        &[("targets: {technology: 60}", "targets: {technology: 160}")],
        "targets for `technology` must be 0 to 100",
        ("targets:", 0),
    );
}

#[test]
fn when_names_a_later_question() {
    rejects(
        &[("        weight: 2\n", "        weight: 2\n        when: {question: rights, in: [none]}\n")],
        "`when` names question `rights`, which is not asked before it",
        ("when: {question: rights", 0),
    );
}

#[test]
fn when_cycle_on_itself() {
    rejects(
        &[("when: {question: model,", "when: {question: evals,")],
        "`when` names question `evals`, which is not asked before it",
        ("when: {question: evals", 0),
    );
}

#[test]
fn when_names_an_unknown_question() {
    rejects(
        &[("when: {question: model,", "when: {question: nope,")],
        "`when` names unknown question `nope`",
        ("when: {question: nope", 0),
    );
}

#[test]
fn when_lists_an_option_that_does_not_exist() {
    rejects(
        &[("in: [tuned, own]", "in: [tuned, owned]")],
        "`when.in` names `owned`, which is not an option of `model`",
        ("in: [tuned, owned]", 0),
    );
}

#[test]
fn metric_names_a_non_number_question() {
    rejects(
        &[("ratio: [cash, burn]", "ratio: [cash, notes]")],
        "`ratio` names `notes`, a text question",
        ("ratio:", 0),
    );
}

#[test]
fn text_missing_a_language() {
    rejects(
        &[("{en: Anything else?, zh: 还有什么补充？}", "{en: Anything else?}")],
        "text is missing zh",
        ("{en: Anything else?}", 0),
    );
}

#[test]
fn levels_out_of_order() {
    rejects(&[("{min: 50,", "{min: 20,")], "levels out of order", ("{min: 20,", 0));
}

#[test]
fn a_level_above_100_is_unreachable() {
    rejects(&[("{min: 75,", "{min: 101,")], "outside 0-100, so no score can reach it", ("{min: 101,", 0));
}

#[test]
fn a_level_the_best_answers_cannot_reach() {
    rejects(
        &[
            ("zh: 我们自研预训练}, score: 4}", "zh: 我们自研预训练}, score: 2}"),
            ("zh: 留出测试集}, score: 4}", "zh: 留出测试集}, score: 2}"),
        ],
        "dimension `technology` can score at most 50.0, so no answer can reach the top level",
        ("- {id: technology", 0),
    );
}

#[test]
fn bands_that_overlap() {
    rejects(
        &[("      - {score: 4}", "      - {below: 3, score: 2}\n      - {score: 4}")],
        "bands overlap",
        ("{below: 3, score: 2}", 0),
    );
}

#[test]
fn bands_that_leave_a_gap() {
    rejects(
        &[("      - {score: 4}", "      - {below: 12, score: 4}")],
        "values of 12 and above fall in no band",
        ("{below: 12, score: 4}", 0),
    );
}

#[test]
fn evidence_on_a_multi_question() {
    rejects(
        &[("        kind: multi\n", "        kind: multi\n        evidence: true\n")],
        "`evidence` applies to choice questions only",
        ("evidence: true\n        prompt: {en: Where", 0),
    );
}

#[test]
fn an_id_with_capitals() {
    rejects(&[("id: mini", "id: Mini")], "assessment id `Mini` must use only", ("id: Mini", 0));
}

#[test]
fn a_misspelt_field() {
    rejects(&[("        weight: 2\n", "        wieght: 2\n")], "unknown field `wieght`", ("wieght", 0));
}

#[test]
fn broken_yaml_syntax() {
    rejects(
        &[("title: {en: Mini audit, zh: 迷你评估}", "title: {en: Mini audit, zh: 迷你评估")],
        "did not find expected",
        ("intro:", 0),
    );
}

#[test]
fn lint_reports_every_problem_in_every_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.yaml"),
        BASE.replacen("{min: 50,", "{min: 20,", 1).replacen("ratio: [cash, burn]", "ratio: [cash, notes]", 1),
    )
    .unwrap();
    std::fs::write(dir.path().join("b.yaml"), BASE.replacen("id: evals", "id: model", 1)).unwrap();
    let output = moat().current_dir(dir.path()).args(["lint", "a.yaml", "b.yaml"]).output().unwrap();
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(err.matches("error: ").count(), 3, "{err}");
}

/// docs/scoring.md 5.2.5: a question's short title has at most 60 characters in every language.
#[test]
fn a_title_longer_than_sixty_characters() {
    let long = "t".repeat(61);
    rejects(
        &[("title: {en: Evaluation, zh: 评测}", &format!("title: {{en: {long}, zh: 评测}}"))],
        "question `evals`: the `en` title has 61 characters; a title has at most 60",
        ("title: {en: ttt", 0),
    );
}

/// `exclusive` ("none of these") belongs to multi questions.
#[test]
fn exclusive_on_a_choice_question() {
    rejects(
        &[(
            "{id: none, label: {en: None, zh: 无}, score: 0,",
            "{id: none, label: {en: None, zh: 无}, score: 0, exclusive: true,",
        )],
        "option `none`: `exclusive` applies to multi questions only",
        ("{id: none, label: {en: None, zh: 无}, score: 0, exclusive: true", 0),
    );
}

/// An option's `unless` names a question of the assessment, like a `when`, but may look ahead.
#[test]
fn unless_naming_an_unknown_question() {
    rejects(
        &[(
            "{id: scraped, label: {en: Scraped, zh: 爬取}, points: 0}",
            "{id: scraped, label: {en: Scraped, zh: 爬取}, points: 0, unless: {question: nowhere, in: [x]}}",
        )],
        "question `sources`, option `scraped`: `unless` names unknown question `nowhere`",
        ("unless: {question: nowhere", 0),
    );
}

/// The archived version 1 still loads (it predates `interview` texts, which only warn).
#[test]
fn the_archived_definitions_lint() {
    let output = moat()
        .current_dir(repo(""))
        .args(["lint", "assessments/archive/v1/competitive-advantage.yaml", "assessments/archive/v1/cost-benefit.yaml"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
}
