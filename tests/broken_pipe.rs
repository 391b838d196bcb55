//! Issue 10: a reader that goes away (`moat check dir | head -1`) ends the output; no
//! command may panic (exit 101) on the closed pipe. ripgrep behaves the same way.
#![cfg(unix)]

mod common;
use common::*;
use std::os::fd::{FromRawFd, OwnedFd};
use std::process::Stdio;

/// A pipe whose read end is already closed: every write to the other end fails with
/// EPIPE, so the test does not depend on who is faster (a dropped `Stdio::piped()`
/// reader could close after the child had written into the pipe's buffer).
fn closed_pipe() -> Stdio {
    let mut fds = [0; 2];
    // SAFETY: `fds` has room for the two descriptors `pipe` writes.
    assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0, "{}", std::io::Error::last_os_error());
    // SAFETY: both descriptors were just opened by `pipe` and are owned here alone.
    let (read, write) = unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) };
    drop(read);
    Stdio::from(write)
}

/// Runs moat with stdout on a closed pipe; returns the exit code and stderr.
fn run_into_closed_pipe(args: &[&str]) -> (Option<i32>, String) {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("moat"));
    cmd.args(args).current_dir(repo("")).stdin(Stdio::null()).stdout(closed_pipe()).stderr(Stdio::piped());
    let output = cmd.output().unwrap();
    (output.status.code(), stderr(&output))
}

#[test]
fn issue_10_every_command_that_prints_survives_a_closed_pipe() {
    let mini = fixtures().join("assessments").display().to_string();
    let full = fixtures().join("answers/mini-full.yaml").display().to_string();
    let cases: &[(&[&str], i32)] = &[
        (&["check", "examples"], 0),
        (&["check", "examples/thin-wrapper.yaml", "examples/foundation-lab.yaml"], 0),
        (&["lint", "assessments/competitive-advantage.yaml", "assessments/cost-benefit.yaml"], 0),
        (&["--assessments", &mini, "lint", &format!("{mini}/mini.yaml")], 0),
        (&["list"], 0),
        (&["show", "competitive-advantage", "--format", "json"], 0),
        (&["report", "examples/thin-wrapper.yaml"], 0),
        (&["--assessments", &mini, "report", &full], 0),
        (&["cohort", "examples/thin-wrapper.yaml", "examples/foundation-lab.yaml"], 0),
        (&["compare", "examples/healthcare-data.yaml", "examples/healthcare-data-later.yaml"], 0),
        (&["completions", "bash"], 0),
        (&["--help"], 0),
    ];
    for (args, code) in cases {
        let (status, err) = run_into_closed_pipe(args);
        assert!(!err.contains("panicked"), "moat {args:?} panicked: {err}");
        assert_eq!(status, Some(*code), "moat {args:?}: {err}");
    }
}

#[test]
fn issue_10_a_closed_pipe_keeps_checks_exit_code() {
    // The output ends, the checking does not: a rejected file still makes it exit 3.
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(repo("examples/thin-wrapper.yaml"), dir.path().join("a.yaml")).unwrap();
    std::fs::write(dir.path().join("b.yaml"), "not: [valid\n").unwrap();
    let (status, err) = run_into_closed_pipe(&["check", &dir.path().display().to_string()]);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(status, Some(3), "{err}");
    assert!(err.contains("b.yaml"), "{err}");
}

/// A closed stderr is no place to report to: errors, warnings and progress lines are
/// dropped, and the exit code still says what happened (never 101, a panic).
#[test]
fn a_closed_stderr_keeps_the_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(repo("examples/thin-wrapper.yaml"), dir.path().join("a.yaml")).unwrap();
    std::fs::write(dir.path().join("b.yaml"), "moat: 1\nanswers: {nope: {}}\n").unwrap();
    let cases: &[(&[&str], i32)] = &[
        (&["check", "."], 3),
        (&["report", "b.yaml"], 1),
        (&["screen", ".", "-o", "out"], 3),
        (&["report", "missing.yaml"], 1),
    ];
    for (args, code) in cases {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("moat"));
        cmd.args(*args).current_dir(dir.path()).stdin(Stdio::null()).stdout(Stdio::null()).stderr(closed_pipe());
        let status = cmd.status().unwrap();
        assert_eq!(status.code(), Some(*code), "moat {args:?}");
    }
}
