//! `moat ask` driven through a pseudo-terminal with real keys, on the small `mini`
//! assessment in tests/fixtures. Runs in CI, where no terminal is attached: the pty is ours.
#![cfg(unix)]

mod common;
use common::*;
use expectrl::process::unix::WaitStatus;
use expectrl::{Expect, Session};
use std::path::Path;
use std::time::Duration;

const ENTER: &str = "\r";
const DOWN: &str = "\x1b[B";
const UP: &str = "\x1b[A";
const ESC: &str = "\x1b";
const CTRL_C: &str = "\x03";

struct Ask {
    session: expectrl::session::OsSession,
}

impl Ask {
    fn start(dir: &Path, args: &[&str]) -> Ask {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("moat"));
        cmd.current_dir(dir)
            .env("NO_COLOR", "1")
            .env("MOAT_TODAY", "2026-11-29")
            .env("TERM", "xterm-256color")
            .arg("--assessments")
            .arg(fixtures().join("assessments"))
            .args(["ask", "mini"])
            .args(args);
        let mut session = Session::spawn(cmd).expect("spawn moat in a pty");
        session.get_process_mut().set_window_size(120, 40).expect("size the pty");
        session.set_expect_timeout(Some(Duration::from_secs(30)));
        Ask { session }
    }

    /// Wait until `text` is on screen.
    fn wait_for(&mut self, text: &str) -> &mut Ask {
        if let Err(e) = self.session.expect(text) {
            panic!("waiting for `{text}`: {e}");
        }
        self
    }

    /// Press keys (each string is sent at once, so an escape sequence stays whole).
    fn press(&mut self, keys: &[&str]) -> &mut Ask {
        for key in keys {
            self.session.send(key).expect("send a key");
            // A lone Esc is only read as Esc if nothing follows it at once.
            if *key == ESC {
                std::thread::sleep(Duration::from_millis(300));
            }
        }
        self
    }

    fn exit_code(&mut self) -> i32 {
        // Drain the output so the child never blocks on a full pty.
        let _ = self.session.expect(expectrl::Eof);
        match self.session.get_process().wait().expect("wait for moat") {
            WaitStatus::Exited(_, code) => code,
            other => panic!("moat did not exit normally: {other:?}"),
        }
    }
}

fn answers(dir: &Path) -> String {
    std::fs::read_to_string(dir.join("moat-answers.yaml")).expect("the answers file exists")
}

fn check(dir: &Path) {
    let output = with_mini().current_dir(dir).args(["check", "moat-answers.yaml"]).output().unwrap();
    assert!(output.status.success(), "moat check rejects the saved file: {}", stderr(&output));
}

/// From the welcome screen to the data section, with `own` (evidence: verifiable) and `held_out`.
fn answer_technology(ask: &mut Ask) {
    ask.wait_for("Ready?").press(&[ENTER]);
    ask.wait_for("Company or project name").press(&["Acme Vision", ENTER]);
    ask.wait_for("Which describes how you build?").press(&[ENTER]);
    ask.wait_for("Which model do you run?").press(&[DOWN, DOWN, ENTER]);
    ask.wait_for("What backs this answer?").press(&[UP, UP, ENTER]);
    ask.wait_for("A one-line note").press(&["public benchmark", ENTER]);
    ask.wait_for("How do you evaluate?").press(&[DOWN, ENTER]);
}

fn answer_data_and_finish(ask: &mut Ask) {
    ask.wait_for("What rights do you hold?").press(&[DOWN, ENTER]);
    ask.wait_for("Where does data come from?").press(&[" ", DOWN, " ", ENTER]);
    ask.wait_for("Cash in the bank").press(&["1.2m", ENTER]);
    ask.wait_for("Monthly burn").press(&["100k", ENTER]);
    ask.wait_for("Anything else?").press(&["two founders, both full time", ENTER]);
    ask.wait_for("Finish, or change an answer").press(&[ENTER]);
    ask.wait_for("Done.");
}

#[test]
fn a_founder_completes_the_audit_with_arrows_and_enter() {
    let dir = tempfile::tempdir().unwrap();
    let mut ask = Ask::start(dir.path(), &[]);
    answer_technology(&mut ask);
    answer_data_and_finish(&mut ask);
    assert_eq!(ask.exit_code(), 0);
    check(dir.path());
    let saved = answers(dir.path());
    for expected in [
        "status: complete",
        "assessed_on: 2026-11-29",
        "name: Acme Vision",
        "profile: lab",
        "choice: own",
        "evidence: verifiable",
        "note: public benchmark",
        "evals: held_out",
        "rights: licensed",
        "- licensed\n    - own",
        "cash: 1200000",
        "burn: 100000",
    ] {
        assert!(saved.contains(expected), "`{expected}` missing from:\n{saved}");
    }
    let report = std::fs::read_to_string(dir.path().join("moat-report.md")).unwrap();
    assert!(report.starts_with("# Strategy report: Acme Vision"));
    assert!(report.contains("| Technology innovation | 100.0 | Leading |"), "{report}");
}

#[test]
fn esc_goes_back_and_the_answer_can_be_changed() {
    let dir = tempfile::tempdir().unwrap();
    let mut ask = Ask::start(dir.path(), &[]);
    answer_technology(&mut ask);
    ask.wait_for("What rights do you hold?").press(&[ESC]);
    // Back on the previous question, with `held_out` preselected: move up to `none`.
    ask.wait_for("How do you evaluate?").press(&[UP, ENTER]);
    answer_data_and_finish(&mut ask);
    assert_eq!(ask.exit_code(), 0);
    let saved = answers(dir.path());
    assert!(saved.contains("evals: none"), "{saved}");
}

#[test]
fn ctrl_c_saves_exits_130_and_resume_finishes() {
    let dir = tempfile::tempdir().unwrap();
    let mut ask = Ask::start(dir.path(), &[]);
    answer_technology(&mut ask);
    ask.wait_for("What rights do you hold?").press(&[CTRL_C]);
    ask.wait_for("Resume with:").wait_for("--resume moat-answers.yaml");
    assert_eq!(ask.exit_code(), 130);
    check(dir.path());
    let saved = answers(dir.path());
    assert!(saved.contains("status: in_progress") && saved.contains("evals: held_out"), "{saved}");
    assert!(!dir.path().join("moat-report.md").exists());

    let mut ask = Ask::start(dir.path(), &["--resume", "moat-answers.yaml"]);
    ask.wait_for("Ready?").press(&[ENTER]);
    answer_data_and_finish(&mut ask);
    assert_eq!(ask.exit_code(), 0);
    let saved = answers(dir.path());
    assert!(saved.contains("status: complete") && saved.contains("choice: own"), "{saved}");
}

#[test]
fn in_chinese_every_prompt_is_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let mut ask = Ask::start(dir.path(), &["--lang", "zh"]);
    ask.wait_for("本次评估包括").wait_for("回车 选择").wait_for("准备好了吗？").press(&[ENTER]);
    ask.wait_for("公司或项目名称").press(&["测试公司", ENTER]);
    ask.wait_for("哪一项描述了你们的构建方式").press(&[ENTER]);
    ask.wait_for("你们运行哪种模型？").wait_for("为什么问这个问题").press(&[CTRL_C]);
    ask.wait_for("继续作答请运行");
    assert_eq!(ask.exit_code(), 130);
    let saved = answers(dir.path());
    assert!(saved.contains("lang: zh") && saved.contains("name: 测试公司"), "{saved}");
}

#[test]
fn a_killed_session_leaves_every_answer_but_the_last() {
    let dir = tempfile::tempdir().unwrap();
    let mut ask = Ask::start(dir.path(), &[]);
    answer_technology(&mut ask);
    // The next prompt is drawn only after the previous answer was saved.
    ask.wait_for("What rights do you hold?");
    ask.session.get_process_mut().kill(expectrl::process::unix::Signal::SIGKILL).unwrap();
    check(dir.path());
    let saved = answers(dir.path());
    assert!(saved.contains("status: in_progress") && saved.contains("evals: held_out"), "{saved}");
}

#[test]
fn a_complete_file_is_not_overwritten_without_force() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixtures().join("answers/mini-full.yaml"), dir.path().join("moat-answers.yaml")).unwrap();
    let mut ask = Ask::start(dir.path(), &[]);
    ask.wait_for("already holds a complete audit").wait_for("--revise moat-answers.yaml");
    assert_eq!(ask.exit_code(), 2);
}

#[test]
fn without_a_terminal_ask_explains_and_exits_2() {
    let output = moat().arg("ask").write_stdin("\n").output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(err.contains("needs a terminal") && err.contains("moat report ANSWERS"), "{err}");
}

#[test]
fn a_second_session_on_the_same_file_refuses_and_a_stale_lock_is_taken_over() {
    let dir = tempfile::tempdir().unwrap();
    let mut first = Ask::start(dir.path(), &[]);
    first.wait_for("Ready?");
    assert!(dir.path().join("moat-answers.yaml.lock").exists());
    let mut second = Ask::start(dir.path(), &[]);
    second.wait_for("another `moat ask`").wait_for("has it open");
    assert_eq!(second.exit_code(), 1);
    // The first session dies without cleaning up: its lock is stale and is taken over.
    first.session.get_process_mut().kill(expectrl::process::unix::Signal::SIGKILL).unwrap();
    let _ = first.session.get_process().wait();
    assert!(dir.path().join("moat-answers.yaml.lock").exists());
    let mut third = Ask::start(dir.path(), &[]);
    third.wait_for("Ready?").press(&[CTRL_C]);
    assert_eq!(third.exit_code(), 0, "Ctrl-C on the welcome screen quits cleanly");
    assert!(!dir.path().join("moat-answers.yaml.lock").exists(), "the lock is released");
}

#[test]
fn killed_at_random_points_the_file_always_holds_every_confirmed_answer() {
    // Kill at a different point each round, including during the save of the last answer.
    for round in 0..8u64 {
        let dir = tempfile::tempdir().unwrap();
        let mut ask = Ask::start(dir.path(), &[]);
        ask.wait_for("Ready?").press(&[ENTER]);
        ask.wait_for("Company or project name").press(&["Kill Co", ENTER]);
        ask.wait_for("Which describes how you build?").press(&[ENTER]);
        let steps: [(&str, &[&str]); 4] = [
            ("Which model do you run?", &[ENTER]),
            ("What rights do you hold?", &[DOWN, ENTER]),
            ("Where does data come from?", &[" ", ENTER]),
            ("Cash in the bank", &["42k", ENTER]),
        ];
        let confirmed = (round % 4) as usize;
        for (prompt, keys) in &steps[..confirmed] {
            ask.wait_for(prompt).press(keys);
        }
        // The next prompt on screen means every answer so far was saved.
        ask.wait_for(steps[confirmed].0);
        // One more answer, then SIGKILL after a varying delay: before, during or after its save.
        ask.press(steps[confirmed].1);
        std::thread::sleep(Duration::from_millis(round * 7 % 40));
        ask.session.get_process_mut().kill(expectrl::process::unix::Signal::SIGKILL).unwrap();
        let _ = ask.session.get_process().wait();
        check(dir.path());
        let saved = answers(dir.path());
        let expected = ["model: api", "rights: licensed", "- licensed", "cash: 42000"];
        for answer in &expected[..confirmed] {
            assert!(saved.contains(answer), "round {round}: `{answer}` lost from:\n{saved}");
        }
    }
}

/// Issue 13: the report of a revision must not land on the file being revised (it did,
/// exit 0); refused before any question, and the earlier answers are untouched.
#[test]
fn a_revision_never_writes_its_report_over_the_revised_file() {
    let dir = tempfile::tempdir().unwrap();
    let text = "moat: 1\nrespondent: {name: Mini Co}\nstatus: complete\nanswers:\n  mini:\n    model: api\n";
    std::fs::write(dir.path().join("old.yaml"), text).unwrap();
    let mut ask = Ask::start(dir.path(), &["--revise", "old.yaml", "--report", "old.yaml"]);
    ask.wait_for("is also an input of this command");
    assert_eq!(ask.exit_code(), 2);
    assert_eq!(std::fs::read_to_string(dir.path().join("old.yaml")).unwrap(), text);
}

/// Issue 14: `--only` with a name that is no dimension or section asked nothing and
/// called it done; it is refused with the valid names, and `Data` means `data`.
#[test]
fn only_names_a_dimension_or_section_and_is_checked_before_anything_is_asked() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(repo("examples/thin-wrapper.yaml"), dir.path().join("a.yaml")).unwrap();
    let output = moat().current_dir(dir.path()).args(["ask", "--revise", "a.yaml", "--only", "foo"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(err.contains("`--only foo` names no dimension or section"), "{err}");
    assert!(err.contains("`cost_efficiency`") && err.contains("`technology`"), "{err}");
    // A known name in another case gets past the check, to the missing terminal.
    let output = moat()
        .current_dir(dir.path())
        .args(["ask", "--revise", "a.yaml", "--only", "Cost-Efficiency"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("needs a terminal"), "{}", stderr(&output));
    assert!(!dir.path().join("a-revised.yaml").exists());
}

/// Issue 15: `--report NAME.html` writes the web page, the one `moat report --format html`
/// gives for the saved answers.
#[test]
fn a_report_named_html_is_the_web_page() {
    let dir = tempfile::tempdir().unwrap();
    let mut ask = Ask::start(dir.path(), &["--report", "report.html"]);
    answer_technology(&mut ask);
    answer_data_and_finish(&mut ask);
    assert_eq!(ask.exit_code(), 0);
    let page = std::fs::read_to_string(dir.path().join("report.html")).unwrap();
    check_html(&page).unwrap();
    let output =
        with_mini().current_dir(dir.path()).args(["report", "moat-answers.yaml", "--format", "html"]).output().unwrap();
    assert_eq!(page, stdout(&output));
}
