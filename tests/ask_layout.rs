//! Issue 14: `moat ask` laid out for an 80 × 24 terminal, checked on the screen a
//! founder sees. The pseudo-terminal's output goes through a terminal emulator (vt100)
//! and every screen of the full built-in audit is read back: no line may reach the last
//! column (which is where the terminal breaks a word for us), the title must stay on the
//! first row, and the progress total may move only when an answer closes a branch.
#![cfg(unix)]

mod common;
use expectrl::{Expect, Regex, Session};
use std::path::Path;
use std::time::Duration;

const WIDTH: u16 = 80;
const HEIGHT: u16 = 24;
const ENTER: &str = "\r";
const UP: &str = "\x1b[A";

struct Screen {
    session: expectrl::session::OsSession,
    term: vt100::Parser,
}

impl Screen {
    fn start(dir: &Path, args: &[&str]) -> Screen {
        Screen::start_with(dir, &[], args)
    }

    /// `moat GLOBAL... ask ARGS...`.
    fn start_with(dir: &Path, global: &[&str], args: &[&str]) -> Screen {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("moat"));
        cmd.current_dir(dir)
            .env("NO_COLOR", "1")
            .env("MOAT_TODAY", "2026-11-29")
            .env("TERM", "xterm-256color")
            .args(global)
            .arg("ask")
            .args(args);
        let mut session = Session::spawn(cmd).expect("spawn moat in a pty");
        session.get_process_mut().set_window_size(WIDTH, HEIGHT).expect("size the pty");
        session.set_expect_timeout(Some(Duration::from_secs(30)));
        Screen { session, term: vt100::Parser::new(HEIGHT, WIDTH, 0) }
    }

    /// A new audit, entered through the welcome and the company block (Enter on each)
    /// to the first question.
    fn at_first_question(dir: &Path) -> Screen {
        let mut screen = Screen::start(dir, &[]);
        screen.until("Ready\\?");
        screen.until("Esc\\s+back[^\\]]*\\]");
        while !screen.rows().iter().any(|r| r.starts_with("Section 1 of")) {
            screen.session.send(ENTER).unwrap();
            screen.until("of up to \\d+ answered\r\n");
            screen.until("Esc\\s+back[^\\]]*\\]");
        }
        screen
    }

    /// Read the output up to and including `pattern`, through the emulator.
    fn until(&mut self, pattern: &str) {
        match self.session.expect(Regex(pattern)) {
            Ok(found) => {
                self.term.process(found.before());
                // The whole match only (the rest are its groups).
                if let Some(m) = found.get(0) {
                    self.term.process(m);
                }
            }
            Err(e) => panic!("waiting for /{pattern}/: {e}\nscreen:\n{}", self.rows().join("\n")),
        }
    }

    fn rows(&self) -> Vec<String> {
        self.term.screen().rows(0, WIDTH).collect()
    }

    /// The problems of the screen as it stands.
    fn problems(&self) -> Vec<String> {
        let screen = self.term.screen();
        let mut problems = Vec::new();
        for row in 0..HEIGHT {
            if !screen.cell(row, WIDTH - 1).is_none_or(|c| c.contents().trim().is_empty()) {
                problems.push(format!(
                    "row {row} reaches the last column: {:?}\n{}",
                    self.rows()[row as usize],
                    self.rows().join("\n")
                ));
            }
        }
        problems
    }
}

/// `N of up to T answered` on the screen, if shown.
fn progress(rows: &[String]) -> Option<(usize, usize)> {
    let line = rows.iter().find(|r| r.contains(" of up to ") && r.contains("answered"))?;
    let before = line.split(" of up to ").next()?;
    let answered = before.split_whitespace().last()?.parse().ok()?;
    let total = line.split(" of up to ").nth(1)?.split_whitespace().next()?.parse().ok()?;
    Some((answered, total))
}

/// `Section k of n · Question i of m`, if shown.
fn place(rows: &[String]) -> Option<(usize, usize, usize)> {
    let line = rows.iter().find(|r| r.starts_with("Section "))?;
    let words: Vec<&str> = line.split_whitespace().collect();
    let section = words.get(1)?.parse().ok()?;
    let sections = words.get(3)?.parse().ok()?;
    let question = words.get(6)?.parse().ok()?;
    Some((section, sections, question))
}

#[test]
fn the_whole_audit_fits_an_80_by_24_terminal_without_a_broken_word_or_a_moving_total() {
    let dir = tempfile::tempdir().unwrap();
    let mut screen = Screen::start(dir.path(), &[]);
    let mut problems = Vec::new();
    let mut screens = 0;
    let mut last_total: Option<usize> = None;
    let mut last_place: Option<(usize, usize, usize)> = None;
    // Every screen ends with its key line; the welcome's says "Esc back" too.
    screen.until("Ready\\?");
    screen.until("Esc\\s+back[^\\]]*\\]");
    loop {
        screens += 1;
        let rows = screen.rows();
        problems.extend(screen.problems().into_iter().map(|p| format!("screen {screens}: {p}")));
        let top = rows[0].trim().to_string();
        if top.is_empty() {
            problems.push(format!("screen {screens}: the first row is empty (the title scrolled off?)"));
        }
        if rows.iter().any(|r| r.contains("Review your answers")) {
            assert!(rows[0].starts_with("Review your answers"), "the review page keeps its title: {rows:#?}");
            break;
        }
        if let Some((_, total)) = progress(&rows) {
            // Enter picks the first option; where that closes a branch the total falls,
            // and it may never rise while answers are only added.
            if let Some(last) = last_total {
                assert!(total <= last, "screen {screens}: the total rose from {last} to {total}: {rows:#?}");
            }
            last_total = Some(total);
        }
        if let Some(here) = place(&rows) {
            if let Some(before) = last_place {
                let forward = here.0 > before.0 || (here.0 == before.0 && here.2 > before.2);
                assert!(forward, "screen {screens}: {before:?} then {here:?}: numbers went back\n{rows:#?}");
            }
            last_place = Some(here);
        }
        screen.session.send(ENTER).unwrap();
        // The next screen: its header's progress line, then its key line.
        // A pattern found once per screen: expectrl consumes the output up to the last
        // of all the matches in what it has read, so one that can match twice loses
        // the text between them.
        screen.until("of up to \\d+ (?:answered|reviewed)\r\n");
        screen.until("Esc\\s+back[^\\]]*\\]");
        assert!(screens < 200, "the audit never reached its review page (last title: {top})");
    }
    assert!(screens > 40, "only {screens} screens were seen");
    assert!(problems.is_empty(), "{} layout problems:\n{}", problems.len(), problems.join("\n"));
}

/// Issue 14: a notice is not swallowed by the next screen. Changing the model to an API
/// makes the evaluation question stop applying; the notice that its answer was removed
/// must be on the screen that follows, above its question.
#[test]
fn the_notice_of_removed_answers_stays_on_the_next_screen() {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = common::fixtures().join("assessments");
    let mut cmd_args = vec!["mini"];
    cmd_args.extend(["--lang", "en"]);
    let mut screen = Screen::start_with(dir.path(), &["--assessments", &fixtures.to_string_lossy()], &cmd_args);
    let key_line = "Esc\\s+back[^\\]]*\\]";
    let step = |screen: &mut Screen, keys: &[&str]| {
        for key in keys {
            screen.session.send(key).unwrap();
            if *key == "\x1b" {
                std::thread::sleep(Duration::from_millis(300));
            }
        }
        screen.until("of up to \\d+ (?:answered|reviewed)\r\n");
        screen.until(key_line);
    };
    screen.until("Ready\\?");
    screen.until(key_line);
    step(&mut screen, &[ENTER]); // name
    step(&mut screen, &["Acme", ENTER]); // profile
    step(&mut screen, &[ENTER]); // model
    step(&mut screen, &["\x1b[B", ENTER]); // tuned: evals applies
    step(&mut screen, &[ENTER]); // evals: none; now on rights
    step(&mut screen, &["\x1b"]); // back to evals
    step(&mut screen, &["\x1b"]); // back to model
    step(&mut screen, &["\x1b[A", ENTER]); // api: evals stops applying
    let rows = screen.rows().join("\n");
    assert!(rows.contains("What rights do you hold?"), "on the next question:\n{rows}");
    assert!(rows.contains("These answers no longer apply and were removed"), "the notice is still shown:\n{rows}");
    assert!(rows.contains("How do you evaluate?"), "naming the answer removed:\n{rows}");
}

/// Issue 14: the closing scorecard has column headers, claimed and target beside the
/// score, aligned columns, and fits the terminal (the bar gives way first).
#[test]
fn the_scorecard_has_headers_targets_and_fits_the_terminal() {
    use moat::text::Lang;
    let catalog = moat::model::catalog::Catalog::builtin().unwrap();
    let source = std::fs::read_to_string(common::repo("examples/healthcare-data.yaml")).unwrap();
    let file = moat::model::answers::load("healthcare-data.yaml", &source, &catalog).unwrap().file;
    let display = |s: &str| moat::text::inert::display_width(s);
    for (lang, headers) in [
        (Lang::En, ["Dimension", "Score", "Claimed", "Target", "Level", "Confidence"]),
        (Lang::Zh, ["维度", "得分", "自评", "目标", "等级", "置信度"]),
    ] {
        let (_, report) =
            moat::engine::report::score_and_build(&catalog, &file, &[], Some(lang), &Default::default()).unwrap();
        for width in [79, 119] {
            let card = moat::commands::ask::terminal::scorecard(&report, false, width);
            let lines: Vec<&str> = card.lines().collect();
            let header = lines[1];
            for h in headers {
                assert!(header.contains(h), "{lang:?} at {width}: `{h}` missing from {header:?}");
            }
            let table: Vec<&str> = lines[1..=report.dimensions.len() + 2].to_vec();
            for line in &table {
                assert!(display(line) <= width, "{lang:?} at {width}: {line:?} is {} columns", display(line));
            }
            if lang == Lang::En {
                // The English names are long: at 80 columns the bar gives way.
                assert_eq!(card.contains('█'), width > 100, "{lang:?} at {width}: the bar shows only where it fits");
            }
            // Aligned: every score ends in the same column as the header "Score" does.
            let score_end = |line: &str| {
                let at = line.find(" 66.8").or_else(|| line.find(" 82.7"))?;
                Some(display(&line[..at + 5]))
            };
            let ends: Vec<usize> = table.iter().filter_map(|l| score_end(l)).collect();
            assert!(ends.windows(2).all(|w| w[0] == w[1]), "{lang:?} at {width}: {table:#?}");
            let technology = table.iter().find(|l| l.contains(" 66.8")).unwrap();
            assert!(technology.contains(" 76.5") && technology.contains(" 55"), "claimed and target: {technology}");
        }
    }
}

/// Issue 14: long options are listed by their short labels, one line each, so the whole
/// list fits below the question; the last entry shows them in full and back, and the
/// answer is shown under the question in full.
#[test]
fn options_are_listed_short_with_the_full_wording_on_demand() {
    let dir = tempfile::tempdir().unwrap();
    let mut screen = Screen::at_first_question(dir.path());
    let rows = screen.rows();
    let listed = [
        "No lead: a model anyone can use matches or beats us",
        "Lead held, measured 6+ months apart",
        "We have not checked / we don't know",
    ];
    for option in listed {
        assert!(rows.iter().any(|r| r.trim_start_matches(['>', ' ']) == option), "{option}: {rows:#?}");
    }
    assert!(!rows.iter().any(|r| r.contains("used directly, matches")), "the full wording waits: {rows:#?}");

    // The last entry (Up from the first wraps to it) opens the list in full.
    screen.session.send(UP).unwrap();
    screen.session.send(ENTER).unwrap();
    screen.until("Show the options short");
    screen.until("Esc\\s+back[^\\]]*\\]");
    let rows = screen.rows();
    assert!(rows[0].starts_with("Competitive advantage"), "redrawn from its title: {rows:#?}");
    assert!(rows.iter().any(|r| r.contains("> The strongest model a competitor could use")), "{rows:#?}");
    assert!(screen.problems().is_empty(), "{:?}", screen.problems());

    // Back to short; the cursor is back where the question started it (the first
    // option here, the recorded answer on a revisit), and Enter takes it: its whole
    // label goes under the question.
    screen.session.send(UP).unwrap();
    screen.session.send(ENTER).unwrap();
    screen.until("Show the options in full");
    screen.until("Esc\\s+back[^\\]]*\\]");
    assert!(screen.rows().iter().any(|r| r.starts_with("> No lead:")), "{:#?}", screen.rows());
    screen.session.send(ENTER).unwrap();
    screen.until("matches or beats our product on our evaluation set");
    screen.until("Question 2 of");
    // Saved as it was answered.
    screen.until("Esc\\s+back[^\\]]*\\]");
    let saved = std::fs::read_to_string(dir.path().join("moat-answers.yaml")).unwrap();
    assert!(saved.contains("lead_over_models: no_lead"), "{saved}");
}

/// The review of this session: after a long help text, "What backs this answer?" showed
/// one of its three options at 80×24. A list that would show fewer than four is laid out
/// again on a redrawn screen.
#[test]
fn the_evidence_question_after_a_long_help_shows_all_its_options() {
    let dir = tempfile::tempdir().unwrap();
    let mut screen = Screen::at_first_question(dir.path());
    // "? Why this question matters" is second from the end.
    screen.session.send(format!("{UP}{UP}{ENTER}")).unwrap();
    screen.until("an internal spreadsheet is a document");
    screen.until("Esc\\s+back[^\\]]*\\]");
    // From the first option, five up is "Lead held", a strong answer.
    screen.session.send(format!("{UP}{UP}{UP}{UP}{UP}{ENTER}")).unwrap();
    screen.until("What backs this answer\\?");
    screen.until("Esc\\s+back[^\\]]*\\]");
    let rows = screen.rows();
    for option in ["Something an outsider could check", "An internal written record", "Our word only, for now"] {
        assert!(rows.iter().any(|r| r.contains(option)), "{option}: {rows:#?}");
    }
    assert!(screen.problems().is_empty(), "{:?}", screen.problems());

    // Esc goes back to the question on a clean screen, on the option just chosen.
    screen.session.send("\x1b").unwrap();
    screen.until("Show the options in full");
    screen.until("Esc\\s+back[^\\]]*\\]");
    let rows = screen.rows();
    assert!(!rows.iter().any(|r| r.contains("<canceled>")), "{rows:#?}");
    assert!(rows.iter().any(|r| r.starts_with("> Lead held")), "{rows:#?}");
}
