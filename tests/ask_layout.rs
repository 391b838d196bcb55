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

struct Screen {
    session: expectrl::session::OsSession,
    term: vt100::Parser,
}

impl Screen {
    fn start(dir: &Path, args: &[&str]) -> Screen {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("moat"));
        cmd.current_dir(dir)
            .env("NO_COLOR", "1")
            .env("MOAT_TODAY", "2026-11-29")
            .env("TERM", "xterm-256color")
            .arg("ask")
            .args(args);
        let mut session = Session::spawn(cmd).expect("spawn moat in a pty");
        session.get_process_mut().set_window_size(WIDTH, HEIGHT).expect("size the pty");
        session.set_expect_timeout(Some(Duration::from_secs(30)));
        Screen { session, term: vt100::Parser::new(HEIGHT, WIDTH, 0) }
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
