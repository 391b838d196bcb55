//! `moat form`: the web form, in a real browser (headless Chromium, `common::browser`).
//! The page must ask what `moat ask` asks and write what `moat check` accepts: the
//! examples filled in through the page give the reports the examples give, and the
//! page's rules (which questions apply, which answers are valid, how an amount reads)
//! agree with moat's on sampled files and on every kind of answer.

mod common;

use common::browser::{keys, Browser};
use moat::model::answers::{check_answer, Answer, AnswerFile, Evidence};
use moat::model::catalog::Catalog;
use moat::model::condition::applicability;
use moat::model::definition::{is_strong, Assessment, Kind, Question};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// `moat [args...] -o DIR/apply.html`, which must succeed.
fn write_form(dir: &Path, args: &[&str]) -> PathBuf {
    let page = dir.join("apply.html");
    let output = common::moat().args(args).arg("-o").arg(&page).output().unwrap();
    assert!(output.status.success(), "{}", common::stderr(&output));
    page
}

/// The form of the fixtures' `mini` assessment, written to `dir` and open in a browser,
/// and the page's path.
fn open_mini_form(dir: &Path) -> (Browser, PathBuf) {
    let fixtures = common::fixtures().join("assessments");
    let page = write_form(dir, &["--assessments", &fixtures.to_string_lossy(), "form", "mini"]);
    let browser = Browser::start();
    browser.open(&page);
    (browser, page)
}

/// The page's data: the definitions it embeds, as its script reads them.
const DATA: &str = "const data = JSON.parse(document.getElementById('moat-data').textContent);";

/// What the page shows: its step, on a question which one, and the error it shows, if any.
#[derive(Debug, PartialEq)]
struct Step {
    step: String,
    assessment: String,
    question: String,
    error: String,
}

fn step(b: &Browser) -> Step {
    let v = b.execute(
        "const s = document.getElementById('step');
         const e = document.querySelector('#error:not([hidden])');
         return s ? [s.dataset.step, s.dataset.assessment || '', s.dataset.question || '', e ? e.textContent : '']
                  : ['', '', '', ''];",
        json!([]),
    );
    let part = |i: usize| v[i].as_str().unwrap_or_default().to_string();
    Step { step: part(0), assessment: part(1), question: part(2), error: part(3) }
}

fn click(b: &Browser, selector: &str) {
    b.find(selector).click();
}

fn on_question(b: &Browser, question: &str) {
    let now = step(b);
    assert_eq!((now.step.as_str(), now.question.as_str()), ("question", question), "{now:?}");
}

fn notice(b: &Browser) -> String {
    b.find("#notice").text()
}

fn progress(b: &Browser) -> String {
    b.find("#progress-text").text()
}

/// An amount typed the way people type it, in turn as `42000`, `42,000`, `$42,000` and
/// `42k` (or `4万`), each of which must read back as exactly `n`.
fn typed(n: f64, turn: usize) -> String {
    let plain = moat::text::number::format_number(n);
    let whole = n.fract() == 0.0 && n.abs() < 1e15;
    match turn % 4 {
        1 if whole => moat::text::number::group_thousands(n),
        2 if whole && n >= 0.0 => format!("${}", moat::text::number::group_thousands(n)),
        3 if whole && n != 0.0 && n % 1e4 == 0.0 => format!("{}万", n / 1e4),
        3 if whole && n != 0.0 && n % 1e3 == 0.0 => format!("{}k", n / 1e3),
        _ => plain,
    }
}

/// Fill the open form with `file`'s answers, through the page as a person would (mouse
/// clicks, keys, pasted notes), and return the answers file the page gives at the end and
/// the questions it asked. The evidence is clicked only where the page asks for it; the
/// comparison of the files then shows that it asked where it should.
fn fill_form(b: &Browser, file: &AnswerFile, catalog: &Catalog) -> (String, Vec<(String, String)>) {
    click(b, "#start");
    assert_eq!(step(b).step, "respondent");
    let r = &file.respondent;
    let mut selectors = vec!["#name".to_string()];
    for (key, value) in [("stage", &r.stage), ("sector", &r.sector), ("profile", &r.profile)] {
        if let Some(id) = value {
            selectors.push(format!("#{key}-{id}"));
        }
    }
    let elements = b.find_each(&selectors);
    b.click_all(&elements[..1]);
    b.insert_text(r.name.as_deref().unwrap_or(""));
    b.click_all(&elements[1..]);
    click(b, "#next");
    let mut asked = Vec::new();
    let mut numbers = 0;
    loop {
        let now = step(b);
        assert!(now.error.is_empty(), "the page refused the answer to {}: {}", now.question, now.error);
        match now.step.as_str() {
            "question" => {}
            "review" => {
                click(b, "#next");
                if let Some(anyway) = b.try_find("#finish-anyway") {
                    anyway.click();
                }
                continue;
            }
            "done" => break,
            other => panic!("unexpected step `{other}`"),
        }
        assert!(asked.len() < 500, "the form keeps asking");
        asked.push((now.assessment.clone(), now.question.clone()));
        // What to click, then what to type into the last field clicked, then Next.
        let (mut clicks, mut typed_text, mut keys) = (Vec::new(), None, None);
        match file.answer(&now.assessment, &now.question) {
            None => {}
            Some(Answer::Choice { option, evidence, note }) => {
                clicks.push(format!("label[for=choice-{option}]"));
                let q = catalog.question(&now.assessment, &now.question).expect("a question of the catalog");
                let asked = q.evidence && is_strong(q.option(option).and_then(|o| o.score));
                if let Some(level) = evidence.filter(|_| asked) {
                    clicks.push(format!("label[for=evidence-{}]", level.as_str()));
                }
                if let Some(note) = note {
                    clicks.push("#note".to_string());
                    typed_text = Some(note.clone());
                }
            }
            Some(Answer::Multi(ids)) => clicks.extend(ids.iter().map(|id| format!("label[for=multi-{id}]"))),
            Some(Answer::Number(n)) => {
                clicks.push("#value".to_string());
                keys = Some(typed(*n, numbers));
                numbers += 1;
            }
            Some(Answer::Text(text)) => {
                clicks.push("#value".to_string());
                typed_text = Some(text.clone());
            }
        }
        clicks.push("#next".to_string());
        let elements = b.find_each(&clicks);
        if typed_text.is_none() && keys.is_none() {
            b.click_all(&elements);
            continue;
        }
        let (fields, next) = elements.split_at(elements.len() - 1);
        b.click_all(fields);
        if let Some(text) = typed_text {
            b.insert_text(&text);
        }
        if let Some(keys) = keys {
            b.press(&keys);
        }
        b.click_all(next);
    }
    let yaml = b.find("#answers-file").prop("value").as_str().unwrap_or_default().to_string();
    (yaml, asked)
}

/// `moat report FILE --format json`, parsed.
fn report_json(path: &Path) -> Value {
    let output = common::moat().arg("report").arg(path).args(["--format", "json"]).output().unwrap();
    assert!(output.status.success(), "{}: {}", path.display(), common::stderr(&output));
    serde_json::from_slice(&output.stdout).unwrap()
}

fn load(path: &Path, catalog: &Catalog) -> AnswerFile {
    moat::model::answers::load_file(path, catalog).unwrap_or_else(|p| panic!("{}: {p:?}", path.display())).file
}

/// The example as the form records it, and how many answers that changed. A hand-written
/// file may leave a strong claim's evidence out, where the form, like `ask`, records
/// "our word only" (both are credited at half); and it may give evidence where none is
/// asked (a weak answer, a question without `evidence`), which the engine ignores and
/// the form does not ask for.
fn as_the_form_records_it(file: &AnswerFile, catalog: &Catalog) -> (AnswerFile, usize) {
    let mut file = file.clone();
    let mut changed = 0;
    for (assessment, answers) in &mut file.answers {
        for (question, answer) in answers.iter_mut() {
            let Some(q) = catalog.question(assessment, question) else { continue };
            if let Answer::Choice { option, evidence, .. } = answer {
                let asked = q.evidence && is_strong(q.option(option).and_then(|o| o.score));
                let recorded = match (asked, *evidence) {
                    (true, None) => Some(Evidence::Assertion),
                    (true, given) => given,
                    (false, _) => None,
                };
                if recorded != *evidence {
                    *evidence = recorded;
                    changed += 1;
                }
            }
        }
    }
    (file, changed)
}

/// Issue 15: each example, filled in through the page, gives the answers file whose
/// report is the example's; the page asks exactly the questions that apply to it, in
/// order; the download is the text shown; and the page loads nothing.
#[test]
fn each_example_filled_in_through_the_form_gives_its_report() {
    let dir = tempfile::tempdir().unwrap();
    let page = write_form(dir.path(), &["form"]);
    let catalog = Catalog::builtin().unwrap();
    let browser = Browser::start();
    let mut examples: Vec<PathBuf> = std::fs::read_dir(common::repo("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    examples.sort();
    assert!(examples.len() >= 6, "{examples:?}");
    let mut normalised = 0;
    for (i, example) in examples.iter().enumerate() {
        let name = example.file_stem().unwrap().to_string_lossy().to_string();
        browser.open(&page);
        browser.execute("localStorage.clear();", json!([]));
        browser.reload();
        // Tall enough that every question's options are in view (a click on the review
        // page's Next, further down, scrolls to it).
        browser.viewport(1280, 4000);
        let file = load(example, &catalog);
        let started = std::time::Instant::now();
        let (yaml, asked) = fill_form(&browser, &file, &catalog);
        eprintln!("{name}: filled in {:.1} s", started.elapsed().as_secs_f64());

        let mut applicable = Vec::new();
        for a in catalog.all() {
            let applies = applicability(a, &file);
            applicable.extend(a.questions().filter(|q| applies[q.id.as_str()]).map(|q| (a.id.clone(), q.id.clone())));
        }
        assert_eq!(asked, applicable, "{name}: the page asked other questions than apply");

        let given = dir.path().join(format!("{name}.form.yaml"));
        std::fs::write(&given, &yaml).unwrap();
        let check = common::moat().arg("check").arg(&given).output().unwrap();
        assert!(check.status.success(), "{name}: {}\n{yaml}", common::stderr(&check));
        assert!(common::stderr(&check).is_empty(), "{name}: warnings: {}", common::stderr(&check));

        let (expected_file, changed) = as_the_form_records_it(&file, &catalog);
        normalised += changed;
        let expected_path = dir.path().join(format!("{name}.expected.yaml"));
        std::fs::write(&expected_path, expected_file.to_yaml().unwrap()).unwrap();
        let mut got = report_json(&given);
        let expected = report_json(&expected_path);
        let date = got["assessed_on"].as_str().unwrap_or_default().to_string();
        assert!(moat::model::answers::is_date(&date), "{name}: the page dated the file `{date}`");
        got["assessed_on"] = expected["assessed_on"].clone();
        if got != expected {
            let (got, expected) =
                (serde_json::to_string_pretty(&got).unwrap(), serde_json::to_string_pretty(&expected).unwrap());
            let first = got.lines().zip(expected.lines()).position(|(a, b)| a != b).unwrap_or(0);
            panic!(
                "{name}: the report of the form's file differs from the example's, from line {first}:\n{}\n---- expected:\n{}",
                got.lines().skip(first.saturating_sub(3)).take(12).collect::<Vec<_>>().join("\n"),
                expected.lines().skip(first.saturating_sub(3)).take(12).collect::<Vec<_>>().join("\n")
            );
        }
        // The loaded files are the same too: notes, multi-choice order, numbers.
        let mut reread = load(&given, &catalog);
        reread.assessed_on = expected_file.assessed_on.clone();
        assert_eq!(reread, expected_file, "{name}");

        if i == 0 {
            click(&browser, "#download");
            let slug = file.respondent.name.as_deref().unwrap_or("").to_lowercase().replace(' ', "-");
            let downloaded = browser.downloaded(&format!("moat-answers-{slug}.yaml"));
            assert_eq!(std::fs::read_to_string(downloaded).unwrap(), yaml, "{name}: the download is the text shown");
            click(&browser, "#copy");
            browser.wait_until("document.getElementById('copy-status').textContent !== ''");
            assert_eq!(browser.find("#copy-status").text(), "Copied.");
        }
        let requests = browser.requests();
        assert!(
            requests.iter().all(|url| url.starts_with("file://") || url.starts_with("blob:")),
            "{name}: the page requested {requests:?}"
        );
        let console = browser.console();
        assert!(console.iter().all(|m| !m.starts_with("SEVERE")), "{name}: {console:?}");
    }
    // Two strong claims without evidence in thin-wrapper, eight weak answers with some elsewhere.
    assert_eq!(normalised, 10, "the examples hold other answers than the form can give");
}

/// The page's `when` evaluation against moat's (`model::condition`), on 300 sampled
/// files and 300 made by mixing two of them question by question (so that answers to
/// questions that do not apply are there too).
#[test]
fn the_page_and_moat_agree_on_which_questions_apply() {
    let dir = tempfile::tempdir().unwrap();
    let page = write_form(dir.path(), &["form"]);
    let samples = dir.path().join("samples");
    common::sample(&samples, 300, 15);
    let catalog = Catalog::builtin().unwrap();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&samples).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    let sampled: Vec<AnswerFile> = paths.iter().map(|p| load(p, &catalog)).collect();
    let mut files = sampled.clone();
    let mut rng = moat::model::sample::Rng::new(15, 1);
    for (i, first) in sampled.iter().enumerate() {
        let second = &sampled[(i + 1) % sampled.len()];
        let mut mixed = first.clone();
        for (assessment, answers) in &mut mixed.answers {
            for (question, answer) in &second.answers[assessment] {
                if rng.chance(0.5) {
                    answers.insert(question.clone(), answer.clone());
                }
            }
            answers.retain(|_, _| rng.chance(0.9));
        }
        files.push(mixed);
    }
    let browser = Browser::start();
    browser.open(&page);
    let in_page = browser.execute(
        &format!(
            "{DATA}
             return arguments[0].map((file) => Object.fromEntries(data.assessments.map((a) =>
               [a.id, {{
                 applies: Object.fromEntries(MoatLogic.applicability(a, file, data.max_score)),
                 could: Object.fromEntries(MoatLogic.couldApply(a, file, data.max_score)),
               }}])));"
        ),
        json!([serde_json::to_value(&files).unwrap()]),
    );
    let mut differing = 0;
    let mut inapplicable = 0;
    for (i, file) in files.iter().enumerate() {
        for a in catalog.all() {
            let rust: BTreeMap<String, bool> =
                applicability(a, file).into_iter().map(|(q, holds)| (q.to_string(), holds)).collect();
            inapplicable += rust.values().filter(|holds| !**holds).count();
            let js: BTreeMap<String, bool> = serde_json::from_value(in_page[i][&a.id]["applies"].clone()).unwrap();
            // What progress counts (issue 14): the questions that can still apply.
            let could: BTreeMap<String, bool> = moat::model::condition::could_apply(a, file)
                .into_iter()
                .map(|(q, holds)| (q.to_string(), holds))
                .collect();
            let js_could: BTreeMap<String, bool> = serde_json::from_value(in_page[i][&a.id]["could"].clone()).unwrap();
            assert_eq!(could, js_could, "file {i}, {}: the page and moat count progress differently", a.id);
            if rust != js {
                differing += 1;
                let which: Vec<&String> = rust.keys().filter(|q| rust.get(*q) != js.get(*q)).collect();
                eprintln!("file {i}, {}: the page and moat differ on {which:?}", a.id);
            }
        }
    }
    assert_eq!(differing, 0, "the page and moat disagree on which questions apply");
    assert!(inapplicable > 1000, "the files exercise few conditions ({inapplicable} questions not applying)");
}

/// A definition whose conditions use every operator on every kind of question, and
/// conditions on questions that have conditions of their own.
const CONDITIONS: &str = r#"
id: whens
version: 1
title: {en: Conditions, zh: 条件}
dimensions: [{id: d, title: {en: D, zh: D}}]
levels: [{min: 0, name: {en: L, zh: L}}]
sections:
  - id: d
    title: {en: S, zh: S}
    questions:
      - id: c
        prompt: {en: C, zh: C}
        options:
          - {id: a, label: {en: A, zh: A}, score: 0}
          - {id: b, label: {en: B, zh: B}, score: 2}
          - {id: c, label: {en: C, zh: C}, score: 4}
          - {id: u, label: {en: U, zh: U}, unknown: true}
          - {id: n, label: {en: N, zh: N}, na: true}
      - id: m
        kind: multi
        prompt: {en: M, zh: M}
        options:
          - {id: x, label: {en: X, zh: X}, points: 1}
          - {id: y, label: {en: Y, zh: Y}, points: 2}
          - {id: z, label: {en: Z, zh: Z}, points: 3}
          - {id: none, label: {en: None, zh: None}, points: 0, exclusive: true}
          - {id: dk, label: {en: DK, zh: DK}, unknown: true}
          - {id: na, label: {en: NA, zh: NA}, na: true}
      - {id: v, kind: number, prompt: {en: V, zh: V}, min: -10, max: 100}
      - {id: t, kind: text, prompt: {en: T, zh: T}}
WHENS
"#;

/// `(id, when)` of the questions that follow the four above in [`CONDITIONS`].
const WHENS: &[(&str, &str)] = &[
    ("q1", "{question: c, in: [b, c]}"),
    ("q2", "{question: c, not_in: [a]}"),
    ("q3", "{question: c, at_least: 2}"),
    ("q4", "{question: c, below: 3}"),
    ("q5", "{question: m, in: [x, z]}"),
    ("q6", "{question: m, not_in: [y]}"),
    ("q7", "{question: m, at_least: 3}"),
    ("q8", "{question: m, below: 2, in: [x, none]}"),
    ("q9", "{question: v, in: [0, 50]}"),
    ("q10", "{question: v, at_least: 0, below: 50}"),
    ("q11", "{question: v, not_in: [-10]}"),
    ("q12", "{question: t, in: [yes]}"),
    ("q13", "{question: t, not_in: [no]}"),
    ("q14", "{question: q3, in: [a]}"),
    ("q15", "{question: q14, not_in: [b]}"),
];

/// The page's `when` evaluation against moat's on [`CONDITIONS`]: 600 random files,
/// each question answered or not.
#[test]
fn the_page_and_moat_agree_on_every_kind_of_condition() {
    let dir = tempfile::tempdir().unwrap();
    let defs = dir.path().join("defs");
    std::fs::create_dir(&defs).unwrap();
    let questions: String = WHENS
        .iter()
        .map(|(id, when)| {
            format!(
                "      - {{id: {id}, prompt: {{en: P, zh: P}}, when: {when}, options: [{{id: a, label: {{en: A, zh: A}}, score: 0}}, {{id: b, label: {{en: B, zh: B}}, score: 4}}]}}\n"
            )
        })
        .collect();
    std::fs::write(defs.join("whens.yaml"), CONDITIONS.replace("WHENS\n", &questions)).unwrap();
    let page = write_form(dir.path(), &["--assessments", &defs.to_string_lossy(), "form", "whens"]);
    let catalog = Catalog::with_dir(Some(&defs)).unwrap();
    let a = catalog.get("whens").unwrap();
    let mut rng = moat::model::sample::Rng::new(15, 3);
    let mut files = Vec::new();
    for _ in 0..600 {
        let mut answers = indexmap::IndexMap::new();
        for q in a.questions() {
            if rng.chance(0.2) {
                continue;
            }
            let ids: Vec<&str> = q.options.iter().map(|o| o.id.as_str()).collect();
            let answer = match q.kind {
                Kind::Choice => Answer::choice(ids[rng.below(ids.len())]),
                Kind::Multi => Answer::Multi(ids.iter().filter(|_| rng.chance(0.3)).map(|id| id.to_string()).collect()),
                Kind::Number => Answer::Number([-10.0, 0.0, 1.0, 2.5, 49.0, 50.0, 100.0][rng.below(7)]),
                Kind::Text => Answer::Text(["yes", "no", "maybe", "0"][rng.below(4)].to_string()),
            };
            answers.insert(q.id.clone(), answer);
        }
        let mut file = AnswerFile::default();
        file.answers.insert("whens".to_string(), answers);
        files.push(file);
    }
    let browser = Browser::start();
    browser.open(&page);
    let in_page = browser.execute(
        &format!(
            "{DATA}
             const a = data.assessments[0];
             return arguments[0].map((file) => Object.fromEntries(MoatLogic.applicability(a, file, data.max_score)));"
        ),
        json!([serde_json::to_value(&files).unwrap()]),
    );
    let mut held: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for (i, file) in files.iter().enumerate() {
        let rust: BTreeMap<String, bool> =
            applicability(a, file).into_iter().map(|(q, holds)| (q.to_string(), holds)).collect();
        let js: BTreeMap<String, bool> = serde_json::from_value(in_page[i].clone()).unwrap();
        assert_eq!(js, rust, "file {i}: {:?}", file.answers["whens"]);
        for (q, holds) in rust {
            let count = held.entry(q).or_default();
            if holds {
                count.0 += 1;
            } else {
                count.1 += 1;
            }
        }
    }
    for (q, (yes, no)) in held.iter().filter(|(q, _)| WHENS.iter().any(|(id, _)| id == q)) {
        assert!(*yes > 10 && *no > 10, "`{q}` held {yes} times and failed {no}: the files test it poorly");
    }
}

/// Every kind of answer a file can hold, valid and not, for `q` (as `moat check` reads
/// them), except a text given to a choice question or an option id to a text question:
/// a file cannot tell those apart, and both the loader and the page read a string by
/// the question's kind.
fn candidate_answers(q: &Question) -> Vec<Answer> {
    let ids: Vec<String> = q.options.iter().map(|o| o.id.clone()).collect();
    let mut out = vec![Answer::Number(0.0)];
    match q.kind {
        Kind::Choice => {
            out.extend(ids.iter().map(|id| Answer::choice(id)));
            out.push(Answer::choice("no_such_option"));
            if let Some(id) = ids.first() {
                out.push(Answer::Choice {
                    option: id.clone(),
                    evidence: Some(Evidence::Document),
                    note: Some("n".into()),
                });
            }
            out.push(Answer::Multi(ids.clone()));
        }
        Kind::Multi => {
            out.push(Answer::Multi(vec![]));
            out.extend(ids.iter().map(|id| Answer::Multi(vec![id.clone()])));
            for (i, a) in ids.iter().enumerate() {
                for b in &ids[i + 1..] {
                    out.push(Answer::Multi(vec![a.clone(), b.clone()]));
                    out.push(Answer::Multi(vec![b.clone(), a.clone()]));
                }
            }
            if let Some(id) = ids.first() {
                out.push(Answer::Multi(vec![id.clone(), id.clone()]));
            }
            out.push(Answer::Multi(vec!["no_such_option".into()]));
            out.push(Answer::Text("x".into()));
        }
        Kind::Number => {
            for bound in [q.min, q.max].into_iter().flatten() {
                out.extend([bound - 1.0, bound - 0.5, bound, bound + 0.5, bound + 1.0].map(Answer::Number));
            }
            out.extend([1.5, -1e300, 1e300, 42000.0].map(Answer::Number));
            out.push(Answer::Multi(vec![]));
            out.push(Answer::choice("x"));
        }
        Kind::Text => {
            out.push(Answer::Text("free text".into()));
            out.push(Answer::Multi(vec!["x".into()]));
        }
    }
    out
}

/// The page's answer checks against moat's (`check_answer`), on every candidate answer
/// to every question of the built-ins and of the test definitions; and the page's
/// reading of typed amounts against `parse_amount`, bit for bit.
#[test]
fn the_page_and_moat_agree_on_valid_answers_and_amounts() {
    let dir = tempfile::tempdir().unwrap();
    let page =
        write_form(dir.path(), &["--assessments", &common::fixtures().join("assessments").to_string_lossy(), "form"]);
    let catalog = Catalog::with_dir(Some(&common::fixtures().join("assessments"))).unwrap();
    let mut cases: Vec<(&Assessment, &Question, Answer)> = Vec::new();
    for a in catalog.all() {
        for q in a.questions() {
            cases.extend(candidate_answers(q).into_iter().map(|answer| (a, q, answer)));
        }
    }
    let input: Vec<Value> = cases.iter().map(|(a, q, answer)| json!([a.id, q.id, answer])).collect();
    let browser = Browser::start();
    browser.open(&page);
    let in_page = browser.execute(
        &format!(
            "{DATA}
             return arguments[0].map(([a, q, answer]) => MoatLogic.checkAnswer(
               MoatLogic.question(data.assessments.find((x) => x.id === a), q), answer, data.evidence) === null);"
        ),
        json!([input]),
    );
    let mut valid = 0;
    for (i, (_, q, answer)) in cases.iter().enumerate() {
        let rust = check_answer(q, answer).is_ok();
        valid += usize::from(rust);
        assert_eq!(in_page[i], Value::Bool(rust), "question `{}`, answer {answer:?}: moat says {rust}", q.id);
    }
    assert!(valid > 200 && cases.len() - valid > 200, "{valid} valid of {}", cases.len());

    // Amounts: what people type, and 3,000 strings of the characters that matter.
    let mut inputs: Vec<String> = [
        "42000",
        "42,000",
        "42 000",
        "42k",
        "1.5m",
        "2B",
        "$8,000",
        "-$5k",
        "4.2万",
        "1.2亿",
        "¥5000",
        "￥3万",
        "1.",
        ".5",
        ".",
        "-",
        "",
        "k",
        "1e9",
        "inf",
        "NaN",
        "--5",
        "$-5",
        "5$",
        "1.2.3",
        "\u{feff}5",
        "5\u{85}",
        "\u{a0}7\u{3000}",
        "0x10",
        "+5",
        "007",
        "9".repeat(400).as_str(),
        "1,5m",
        "2,25",
        "€1.5m",
        "£300",
        "4.2万元",
        "1,234,567",
        "1,000.50",
        "12\u{2009}000",
        "1，5",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let alphabet: Vec<char> =
        "0123456789.,-$€£¥￥kKmMbB万亿元 _，e+x\u{feff}\u{85}\u{a0}\u{2009}\u{202f}\t".chars().collect();
    let mut rng = moat::model::sample::Rng::new(15, 2);
    for _ in 0..3000 {
        let len = 1 + rng.below(7);
        inputs.push((0..len).map(|_| alphabet[rng.below(alphabet.len())]).collect());
    }
    let bits = browser.execute(
        "const view = new DataView(new ArrayBuffer(8));
         return arguments[0].map((s) => {
           const read = MoatLogic.amount(s);
           if (read === null) { return null; }
           if (!('value' in read)) { return 'comma ' + read.comma; }
           view.setFloat64(0, read.value);
           return view.getBigUint64(0).toString(16);
         });",
        json!([inputs]),
    );
    let mut numbers = 0;
    for (i, input) in inputs.iter().enumerate() {
        let rust = match moat::text::number::parse_amount(input) {
            Ok(n) => Some(format!("{:x}", n.to_bits())),
            Err(moat::text::number::AmountError::DecimalComma(point)) => Some(format!("comma {point}")),
            Err(moat::text::number::AmountError::NotANumber) => None,
        };
        numbers += usize::from(rust.as_deref().is_some_and(|r| !r.starts_with("comma")));
        assert_eq!(bits[i].as_str().map(str::to_string), rust, "`{}` ({:?})", input.escape_debug(), input);
    }
    assert!(numbers > 300, "only {numbers} of the inputs were amounts");

    // The currency typed, and whether a unit takes it: the page refuses `¥300万` for a
    // question in US dollars as `ask` does.
    let currencies = browser.execute("return arguments[0].map((s) => MoatLogic.typedCurrency(s));", json!([inputs]));
    for (i, input) in inputs.iter().enumerate() {
        let rust = moat::text::number::typed_currency(input).map(|c| c.as_str());
        assert_eq!(currencies[i].as_str(), rust, "`{}`", input.escape_debug());
    }
    use moat::text::number::Currency;
    let units: &[&[&str]] = &[&["USD / month", "美元/月"], &["EUR"], &["months", "个月"], &["RMB"], &[]];
    for units in units {
        for currency in [Currency::Dollar, Currency::Euro, Currency::Pound, Currency::Yen] {
            let page = browser
                .execute("return MoatLogic.unitTakes(arguments[0], arguments[1]);", json!([units, currency.as_str()]));
            let rust = moat::text::number::unit_takes(units, currency);
            assert_eq!(page.as_bool(), Some(rust), "{units:?} {currency:?}");
        }
    }
}

/// A `when` hides a question, shows it once its condition holds, and an answer to it
/// that stops applying is removed, with a notice.
#[test]
fn a_condition_hides_and_shows_a_question_and_its_answer_goes_with_a_notice() {
    let dir = tempfile::tempdir().unwrap();
    let (browser, _) = open_mini_form(dir.path());
    click(&browser, "#start");
    click(&browser, "#next");
    on_question(&browser, "model");
    assert_eq!(progress(&browser), "0 of up to 7 answered", "`evals` may apply until the model is answered");
    click(&browser, "#choice-api");
    click(&browser, "#next");
    on_question(&browser, "rights");
    assert_eq!(progress(&browser), "1 of up to 6 answered", "an API model closes `evals`");

    click(&browser, "#back");
    on_question(&browser, "model");
    assert!(browser.find("#choice-api").is_selected(), "the earlier answer is shown");
    click(&browser, "#choice-tuned");
    click(&browser, "#next");
    on_question(&browser, "evals");
    assert_eq!(progress(&browser), "1 of up to 7 answered");
    click(&browser, "#choice-held_out");
    click(&browser, "#next");
    on_question(&browser, "rights");
    assert_eq!(progress(&browser), "2 of up to 7 answered");

    click(&browser, "#back");
    click(&browser, "#back");
    on_question(&browser, "model");
    click(&browser, "#choice-api");
    click(&browser, "#next");
    on_question(&browser, "rights");
    let shown = notice(&browser);
    assert!(
        shown.contains("These answers no longer apply and were removed") && shown.contains("Evaluation"),
        "{shown}"
    );
    assert_eq!(progress(&browser), "1 of up to 6 answered");
    let saved = browser.execute("return localStorage.getItem(localStorage.key(0));", json!([]));
    let saved: Value = serde_json::from_str(saved.as_str().unwrap()).unwrap();
    assert_eq!(saved["answers"]["mini"], json!({"model": "api"}), "the removed answer is gone from the saved ones too");
}

/// Closing the page and opening it again carries on where the respondent was, with
/// the answers given; "start over" deletes them.
#[test]
fn reopening_the_page_resumes_and_start_over_forgets() {
    let dir = tempfile::tempdir().unwrap();
    let (browser, page) = open_mini_form(dir.path());
    click(&browser, "#start");
    browser.find("#name").fill("Resume Co");
    click(&browser, "#profile-lab");
    click(&browser, "#next");
    click(&browser, "#choice-own");
    click(&browser, "#evidence-document");
    browser.find("#note").fill("Our training logs");
    click(&browser, "#next");
    on_question(&browser, "evals");

    browser.open(&page);
    on_question(&browser, "evals");
    assert!(notice(&browser).contains("Welcome back"), "{}", notice(&browser));
    assert_eq!(progress(&browser), "1 of up to 7 answered");
    click(&browser, "#back");
    on_question(&browser, "model");
    assert!(browser.find("#choice-own").is_selected());
    assert!(browser.find("#evidence-document").is_selected());
    assert_eq!(browser.find("#note").prop("value"), "Our training logs");
    click(&browser, "#back");
    assert_eq!(browser.find("#name").prop("value"), "Resume Co");
    assert!(browser.find("#profile-lab").is_selected());

    click(&browser, "#start-over");
    click(&browser, "#delete-answers");
    assert_eq!(step(&browser).step, "welcome");
    browser.reload();
    assert_eq!(step(&browser).step, "welcome");
    assert!(!notice(&browser).contains("Welcome back"));
    click(&browser, "#start");
    assert_eq!(browser.find("#name").prop("value"), "");
}

/// The page in Chinese, and its language switch.
#[test]
fn the_chinese_page_and_the_language_switch() {
    let dir = tempfile::tempdir().unwrap();
    let page = write_form(dir.path(), &["form", "--lang", "zh"]);
    let catalog = Catalog::builtin().unwrap();
    let first = catalog.all()[0].questions().next().unwrap();
    let prompt = |lang| first.prompt.get(lang).to_string();
    let browser = Browser::start();
    browser.open(&page);
    assert_eq!(browser.find("html").attr("lang").as_deref(), Some("zh"));
    assert_eq!(browser.find("h2").text(), "竞争优势 · 成本与效益");
    assert_eq!(browser.find("#start").text(), "开始");
    click(&browser, "#start");
    assert_eq!(browser.find("h2").text(), "公司基本信息");
    click(&browser, "#stage-seed");
    let seed = catalog.all()[0].respondent.as_ref().unwrap().stages.iter().find(|s| s.id == "seed").unwrap();
    assert_eq!(browser.find("label[for=stage-seed]").text(), seed.label.get(moat::text::Lang::Zh));
    click(&browser, "#next");
    assert_eq!(browser.find("#prompt").text(), prompt(moat::text::Lang::Zh));
    // Before any answer every question can still apply (issue 14: totals only fall).
    let every: usize = catalog.all().iter().map(|a| a.questions().count()).sum();
    assert_eq!(progress(&browser), format!("已答 0/最多 {every} 题"));
    browser.viewport(390, 844);
    browser.screenshot_full_page("form-phone-question-zh");

    click(&browser, "button[data-lang=en]");
    assert_eq!(browser.find("html").attr("lang").as_deref(), Some("en"));
    assert_eq!(browser.find("#prompt").text(), prompt(moat::text::Lang::En));
    assert_eq!(browser.find("#next").text(), "Next");
    assert_eq!(browser.focused().attr("data-lang").as_deref(), Some("en"), "the focus stays on the switch");
    click(&browser, "button[data-lang=zh]");
    assert_eq!(browser.find("#prompt").text(), prompt(moat::text::Lang::Zh));
    // The language chosen is the answers file's.
    let saved = browser.execute("return JSON.parse(localStorage.getItem(localStorage.key(0))).lang;", json!([]));
    assert_eq!(saved, "zh");
}

/// A definition's text is shown as text: markup in it is neither parsed nor run.
#[test]
fn a_definition_text_with_markup_shows_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let hostile_prompt = r#"<script>window.pwned = 1</script><img src=x onerror="window.pwned = 2"> Which model?"#;
    let mini = std::fs::read_to_string(common::fixtures().join("assessments/mini.yaml")).unwrap();
    let hostile = mini
        .replace(
            "prompt: {en: Which model do you run?, zh: 你们运行哪种模型？}",
            &format!("prompt: {{en: '{hostile_prompt}', zh: '{hostile_prompt}'}}"),
        )
        .replace(
            "label: {en: We call an API, zh: 我们调用 API}",
            "label: {en: '<b>bold</b> &amp; API', zh: '<b>bold</b>'}",
        )
        .replace(
            "title: {en: Mini audit, zh: 迷你评估}",
            "title: {en: '</script><script>window.pwned = 3</script>', zh: x}",
        );
    assert_ne!(hostile, mini);
    let defs = dir.path().join("defs");
    std::fs::create_dir(&defs).unwrap();
    std::fs::write(defs.join("mini.yaml"), hostile).unwrap();
    let page = write_form(dir.path(), &["--assessments", &defs.to_string_lossy(), "form", "mini"]);
    let browser = Browser::start();
    browser.open(&page);
    assert_eq!(browser.find("h2").text(), "</script><script>window.pwned = 3</script>");
    click(&browser, "#start");
    click(&browser, "#next");
    assert_eq!(browser.find("#prompt").text(), hostile_prompt);
    assert_eq!(browser.find("label[for=choice-api]").text(), "<b>bold</b> &amp; API");
    let found = browser.execute(
        "return [typeof window.pwned, document.querySelectorAll('img, b').length, document.scripts.length];",
        json!([]),
    );
    assert_eq!(found, json!(["undefined", 0, 2]), "[window.pwned, markup elements, scripts]");
    let requests = browser.requests();
    assert!(requests.iter().all(|u| u.starts_with("file://")), "{requests:?}");
    let console = browser.console();
    assert!(console.iter().all(|m| !m.starts_with("SEVERE")), "{console:?}");
}

/// The form works with the keyboard alone, and the focus goes where a screen reader
/// needs it: to the question on each new screen, then to its first option.
#[test]
fn the_form_works_with_the_keyboard_alone() {
    let dir = tempfile::tempdir().unwrap();
    let (browser, _) = open_mini_form(dir.path());
    let tab_to = |id: &str| {
        for _ in 0..20 {
            if browser.focused().attr("id").as_deref() == Some(id) {
                return;
            }
            browser.press(keys::TAB);
        }
        panic!("Tab never reached #{id}");
    };
    tab_to("start");
    browser.press(keys::ENTER);
    assert_eq!(browser.focused().text(), "About your company", "a new screen focuses its heading");
    browser.press(keys::TAB);
    assert_eq!(browser.focused().attr("id").as_deref(), Some("name"));
    browser.press("Keyboard Co");
    browser.press(keys::ENTER);
    on_question(&browser, "model");
    assert_eq!(browser.focused().attr("id").as_deref(), Some("prompt"));
    browser.press(keys::TAB);
    assert_eq!(browser.focused().attr("id").as_deref(), Some("choice-api"), "then its first option");
    browser.press(keys::SPACE);
    browser.press(keys::ARROW_DOWN);
    assert!(browser.find("#choice-tuned").is_selected(), "arrows move between options");
    tab_to("next");
    browser.press(keys::ENTER);
    on_question(&browser, "evals");
    let saved = browser.execute("return JSON.parse(localStorage.getItem(localStorage.key(0)));", json!([]));
    assert_eq!(saved["respondent"]["name"], "Keyboard Co");
    assert_eq!(saved["answers"]["mini"]["model"], "tuned");
}

/// Screenshots of each screen at a phone's width (390 px) and a desktop's, under
/// target/screenshots/, for a reviewer to look at; on the phone nothing runs off the
/// side of the screen.
#[test]
fn screenshots_at_phone_and_desktop_widths() {
    let dir = tempfile::tempdir().unwrap();
    let page = write_form(dir.path(), &["form"]);
    let catalog = Catalog::builtin().unwrap();
    let browser = Browser::start();
    browser.viewport(390, 844);
    browser.open(&page);
    let fits = |what: &str| {
        let widths = browser.execute("return [document.documentElement.scrollWidth, window.innerWidth];", json!([]));
        assert!(widths[0].as_f64() <= widths[1].as_f64(), "{what} is wider than the phone: {widths}");
    };
    let shot = |name: &str| {
        fits(name);
        browser.screenshot_full_page(&format!("form-phone-{name}"));
    };
    shot("welcome");
    click(&browser, "#start");
    shot("respondent");
    click(&browser, "#next");
    // Walk to the first evidence question and claim its best answer, so the follow-up shows.
    let (assessment, question) = catalog
        .all()
        .iter()
        .flat_map(|a| a.questions().map(move |q| (a, q)))
        .find(|(_, q)| q.evidence && q.when.is_none())
        .unwrap();
    while step(&browser).question != question.id {
        click(&browser, "#next");
    }
    let best = question
        .options
        .iter()
        .filter(|o| o.score.is_some())
        .max_by(|a, b| a.score.partial_cmp(&b.score).unwrap())
        .unwrap();
    click(&browser, &format!("#choice-{}", best.id));
    assert!(browser.find("#evidence-assertion").is_selected(), "the evidence question starts on our word only");
    click(&browser, "#evidence-verifiable");
    click(&browser, "#help summary");
    assert!(browser.find("#evidence").is_displayed());
    shot("question-evidence");
    let key = format!("q:{}:{}", assessment.id, question.id);
    click(&browser, "#next");
    let mut number_shown = false;
    while step(&browser).step == "question" {
        if !number_shown && browser.find("#step").attr("data-kind").as_deref() == Some("number") {
            number_shown = true;
            browser.find("#value").fill("abc");
            click(&browser, "#next");
            assert!(browser.find("#error").is_displayed(), "a number field refuses text");
            shot("question-number-error");
            browser.find("#value").fill("");
        }
        click(&browser, "#next");
    }
    shot("review");
    click(&browser, "#next");
    shot("review-confirm");
    click(&browser, "#finish-anyway");
    shot("done");

    browser.viewport(1280, 900);
    browser.screenshot_full_page("form-desktop-done");
    click(&browser, "#edit");
    browser.screenshot_full_page("form-desktop-review");
    click(&browser, &format!("button[data-goto='{key}']"));
    browser.screenshot_full_page("form-desktop-question-evidence");
    click(&browser, "#back");
    while step(&browser).step != "respondent" {
        click(&browser, "#back");
    }
    browser.screenshot_full_page("form-desktop-respondent");
    click(&browser, "#back");
    browser.screenshot_full_page("form-desktop-welcome");
    for name in ["phone-welcome", "phone-question-evidence", "desktop-review"] {
        assert!(common::browser::screenshot_dir().join(format!("form-{name}.png")).exists());
    }
}

#[test]
fn an_unknown_assessment_is_a_usage_error_and_the_page_can_go_to_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("x.html");
    let output = common::moat().args(["form", "no-such", "-o"]).arg(&page).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(!page.exists(), "no page for a usage error");
    assert!(common::stderr(&output).contains("unknown assessment `no-such`"), "{}", common::stderr(&output));
    let output = common::moat().args(["form", "cost-benefit"]).output().unwrap();
    assert!(output.status.success());
    let html = common::stdout(&output);
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("Content-Security-Policy"), "{}", &html[..200]);
    assert!(html.contains("\"id\":\"cost-benefit\"") && !html.contains("\"id\":\"competitive-advantage\""));
}

/// Issue 16: a participant opens the room's link on a phone-sized page, fills the form
/// in, sends it to the room and opens their own report; sending again replaces the file.
#[test]
fn a_participant_sends_the_form_to_the_room_and_sees_their_report() {
    use std::io::BufRead;
    let dir = tempfile::tempdir().unwrap();
    let room = dir.path().join("room");
    std::fs::create_dir(&room).unwrap();
    let mut server = std::process::Command::new(env!("CARGO_BIN_EXE_moat"))
        .args(["room", "serve"])
        .arg(&room)
        .args(["--listen", "127.0.0.1:0"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut url = String::new();
    std::io::BufReader::new(server.stdout.take().unwrap()).read_line(&mut url).unwrap();
    let url = url.trim().to_string();
    let origin = url.split("/r/").next().unwrap().to_string();
    let files = |room: &Path| -> Vec<PathBuf> {
        std::fs::read_dir(room)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("p-"))
            .collect()
    };

    let catalog = Catalog::builtin().unwrap();
    let browser = Browser::start();
    browser.goto(&url);
    browser.execute("localStorage.clear();", json!([]));
    browser.reload();
    browser.viewport(390, 4000);
    let file = load(&common::repo("examples/thin-wrapper.yaml"), &catalog);
    fill_form(&browser, &file, &catalog);
    click(&browser, "#send-room");
    browser.wait_until("document.getElementById('room-status').textContent.startsWith('Sent')");
    let stored = files(&room);
    assert_eq!(stored.len(), 1, "{stored:?}");
    let check = common::moat().arg("check").arg(&stored[0]).output().unwrap();
    assert!(check.status.success(), "{}", common::stderr(&check));
    click(&browser, "#send-room");
    browser.wait_until("document.getElementById('room-status').textContent.startsWith('Sent')");
    assert_eq!(files(&room), stored, "sending again replaces the participant's file");

    click(&browser, "#room-report-link");
    browser.wait_until("location.pathname.endsWith('/report')");
    assert!(browser.title().contains(file.respondent.name.as_deref().unwrap_or("")), "{}", browser.title());
    let requests = browser.requests();
    assert!(requests.iter().all(|r| r.starts_with(&origin)), "the pages requested {requests:?}");
    let _ = server.kill();
    let _ = server.wait();
}
