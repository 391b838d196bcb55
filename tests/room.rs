//! `moat room serve` over loopback with a real HTTP client (issue 16 item 4): intake,
//! refusals, secrets, concurrency, replacement, a kill mid-body and Ctrl-C.

mod common;

use common::{moat, repo};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running server, killed when dropped.
struct Room {
    child: Child,
    /// `http://127.0.0.1:PORT/r/CODE/`
    participants: String,
    /// `http://127.0.0.1:PORT/f/SECRET/`
    facilitator: String,
    /// `http://127.0.0.1:PORT`
    base: String,
}

impl Drop for Room {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(dir: &Path, extra: &[&str]) -> Room {
    let mut child = Command::new(env!("CARGO_BIN_EXE_moat"))
        .args(["room", "serve"])
        .arg(dir)
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the server starts");
    let mut out = BufReader::new(child.stdout.take().expect("stdout"));
    let mut first = String::new();
    out.read_line(&mut first).expect("the first line");
    let mut second = String::new();
    out.read_line(&mut second).expect("the second line");
    // Keep reading stdout in the background so the server never blocks on it.
    std::thread::spawn(move || {
        let mut rest = Vec::new();
        let _ = out.read_to_end(&mut rest);
    });
    let participants = first.trim().to_string();
    let facilitator = second.split_whitespace().last().expect("the facilitator's URL").to_string();
    let base = participants.split("/r/").next().expect("a base").to_string();
    assert!(participants.starts_with("http://127.0.0.1:"), "{participants}");
    Room { child, participants, facilitator, base }
}

/// Send the server Ctrl-C (SIGINT) and its exit code, which must come within `within`.
fn ctrl_c(room: &mut Room, within: Duration) -> Option<i32> {
    let pid = room.child.id() as libc::pid_t;
    assert_eq!(unsafe { libc::kill(pid, libc::SIGINT) }, 0);
    let started = Instant::now();
    loop {
        if let Some(status) = room.child.try_wait().unwrap() {
            return status.code();
        }
        assert!(started.elapsed() < within, "still running after Ctrl-C");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn listen_any_port(dir: &Path) -> Room {
    serve(dir, &["--listen", "127.0.0.1:0"])
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder().http_status_as_error(false).build().into()
}

/// (status, body) of a GET.
fn get(url: &str) -> (u16, String) {
    let mut response = agent().get(url).call().expect("a response");
    let status = response.status().as_u16();
    let body = response.body_mut().with_config().limit(10 << 20).read_to_string().unwrap_or_default();
    (status, body)
}

/// (status, body) of a POST of `body`, with the token header when given.
fn post(url: &str, body: &[u8], token: Option<&str>) -> (u16, String) {
    let mut request = agent().post(url).header("Content-Type", "application/x-yaml");
    if let Some(token) = token {
        request = request.header("X-Moat-Token", token);
    }
    let mut response = request.send(body).expect("a response");
    let status = response.status().as_u16();
    let body = response.body_mut().read_to_string().unwrap_or_default();
    (status, body)
}

fn answers(name: &str) -> String {
    let text = std::fs::read_to_string(repo("examples/thin-wrapper.yaml")).expect("the example");
    text.replace("name: Quillstack", &format!("name: {name}"))
}

fn token_of(body: &str) -> String {
    let json: serde_json::Value = serde_json::from_str(body).expect("JSON");
    json["token"].as_str().expect("a token").to_string()
}

fn participant_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("the room folder")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("p-") && n.ends_with(".yaml"))
        .collect();
    names.sort();
    names
}

#[test]
fn a_valid_submission_is_stored_checked_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let room = listen_any_port(dir.path());
    let (status, page) = get(&room.participants);
    assert_eq!(status, 200);
    assert!(page.contains("connect-src 'self'"), "the served form may post to its own origin only");
    assert!(page.contains(&format!("\"submit\":\"{}submit\"", room.participants.trim_start_matches(&room.base))));

    let (status, body) = post(&format!("{}submit", room.participants), answers("Quillstack").as_bytes(), None);
    assert_eq!(status, 200, "{body}");
    let token = token_of(&body);
    let files = participant_files(dir.path());
    assert_eq!(files, vec![format!("p-{token}.yaml")]);
    moat().arg("check").arg(dir.path().join(&files[0])).assert().success();

    let (status, report) = get(&format!("{}p/{token}/report", room.participants));
    assert_eq!(status, 200);
    assert!(report.contains("Quillstack"), "the participant's own report");
    let (status, _) = get(&format!("{}p/{}/report", room.participants, "0".repeat(32)));
    assert_eq!(status, 404, "an unknown participant has no report");
}

#[test]
fn a_bad_submission_is_refused_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let room = listen_any_port(dir.path());
    let bad = "moat: 1\nanswers:\n  competitive-advantage:\n    no-such-question: x\n";
    let (status, body) = post(&format!("{}submit", room.participants), bad.as_bytes(), None);
    assert_eq!(status, 422);
    assert!(body.contains("unknown question `no-such-question`"), "{body}");
    let (status, body) = post(&format!("{}submit", room.participants), b"\xff\xfe not text", None);
    assert_eq!(status, 422, "{body}");
    assert!(participant_files(dir.path()).is_empty());
}

#[test]
fn an_oversize_submission_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let room = listen_any_port(dir.path());
    let mut big = answers("Big").into_bytes();
    big.extend(std::iter::repeat_n(b'#', (1 << 20) + 1 - big.len()));
    assert_eq!(big.len(), (1 << 20) + 1);
    let (status, _) = post(&format!("{}submit", room.participants), &big, None);
    assert_eq!(status, 413);
    assert!(participant_files(dir.path()).is_empty());
    // Exactly 1 MiB is taken (a comment-padded valid file).
    big.truncate(1 << 20);
    let (status, body) = post(&format!("{}submit", room.participants), &big, None);
    assert_eq!(status, 200, "{body}");
}

#[test]
fn nothing_is_served_without_the_secrets() {
    let dir = tempfile::tempdir().unwrap();
    let room = listen_any_port(dir.path());
    let code = room.participants.trim_start_matches(&format!("{}/r/", room.base)).trim_end_matches('/').to_string();
    let mut wrong = code.clone().into_bytes();
    wrong[0] = if wrong[0] == b'0' { b'1' } else { b'0' };
    let wrong = String::from_utf8(wrong).unwrap();
    for path in [
        "/".to_string(),
        "/r/".to_string(),
        format!("/r/{wrong}/"),
        format!("/r/{}/", &code[..31]),
        format!("/r/{code}"),
        "/f/".to_string(),
        format!("/f/{code}/"),
        format!("/f/{wrong}/"),
    ] {
        let (status, body) = get(&format!("{}{path}", room.base));
        assert_eq!((status, body.as_str()), (404, ""), "{path}");
    }
    let (status, body) = post(&format!("{}/r/{wrong}/submit", room.base), answers("X").as_bytes(), None);
    assert_eq!((status, body.as_str()), (404, ""));
    assert!(participant_files(dir.path()).is_empty());
    let (status, page) = get(&room.facilitator);
    assert_eq!(status, 200);
    assert!(page.contains("0 answers files received"), "{page}");
}

#[test]
fn two_hundred_concurrent_submissions_are_each_stored_once() {
    let dir = tempfile::tempdir().unwrap();
    let room = listen_any_port(dir.path());
    let submit = format!("{}submit", room.participants);
    let threads: Vec<_> = (0..20)
        .map(|t| {
            let submit = submit.clone();
            std::thread::spawn(move || {
                (0..10)
                    .map(|i| {
                        let (status, body) = post(&submit, answers(&format!("Founder {t}-{i}")).as_bytes(), None);
                        assert_eq!(status, 200, "{body}");
                        token_of(&body)
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let mut tokens: Vec<String> = threads.into_iter().flat_map(|t| t.join().expect("a client")).collect();
    tokens.sort();
    tokens.dedup();
    assert_eq!(tokens.len(), 200);
    let files = participant_files(dir.path());
    assert_eq!(files.len(), 200);
    let mut names: Vec<String> = files
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(dir.path().join(f)).unwrap();
            let at = text.find("name: ").unwrap() + "name: ".len();
            text[at..].split([',', '}']).next().unwrap().to_string()
        })
        .collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), 200, "each participant's file once");
    let (status, page) = get(&room.facilitator);
    assert_eq!(status, 200);
    assert!(page.contains("200 answers files received"));
}

/// Five varied answer files, as five participants would send them.
fn sample_room() -> Vec<Vec<u8>> {
    let out = tempfile::tempdir().unwrap();
    moat()
        .args(["sample", "--count", "5", "--seed", "4", "--profile", "application", "-o"])
        .arg(out.path())
        .assert()
        .success();
    let mut files: Vec<_> = std::fs::read_dir(out.path()).unwrap().filter_map(Result::ok).map(|e| e.path()).collect();
    files.sort();
    files.iter().map(|f| std::fs::read(f).unwrap()).collect()
}

#[test]
fn the_facilitator_sees_the_count_then_the_room_from_four() {
    let dir = tempfile::tempdir().unwrap();
    let room = listen_any_port(dir.path());
    let submit = format!("{}submit", room.participants);
    let files = sample_room();
    for (i, file) in files.iter().enumerate() {
        let (status, page) = get(&room.facilitator);
        assert_eq!(status, 200);
        assert!(page.contains("http-equiv=\"refresh\" content=\"10\""), "the page refreshes itself");
        assert!(!page.contains("<script"), "no script on the facilitator's page");
        if i < 4 {
            assert!(page.contains("The room's picture shows from 4 participants"), "{i}: {page}");
        }
        let (status, body) = post(&submit, file, None);
        assert_eq!(status, 200, "{body}");
    }
    let (_, page) = get(&room.facilitator);
    assert!(page.contains("5 answers files received"), "{page}");
    assert!(!page.contains("The room's picture shows from"), "the cohort page is shown");
    assert!(page.contains("<table") || page.contains("<svg"), "the cohort page");
    moat().arg("check").arg(dir.path()).assert().success();
}

#[test]
fn a_resubmission_with_its_token_replaces_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let room = listen_any_port(dir.path());
    let submit = format!("{}submit", room.participants);
    let (_, body) = post(&submit, answers("First").as_bytes(), None);
    let token = token_of(&body);
    let (status, body) = post(&submit, answers("Second").as_bytes(), Some(&token));
    assert_eq!(status, 200);
    assert_eq!(token_of(&body), token);
    assert_eq!(participant_files(dir.path()), vec![format!("p-{token}.yaml")]);
    let text = std::fs::read_to_string(dir.path().join(format!("p-{token}.yaml"))).unwrap();
    assert!(text.contains("name: Second"));
    // A token the room never gave out names no file: a new one is made.
    let (_, body) = post(&submit, answers("Third").as_bytes(), Some(&"a".repeat(32)));
    assert_ne!(token_of(&body), "a".repeat(32));
    assert_eq!(participant_files(dir.path()).len(), 2);
    // A restart keeps the links.
    let participants = room.participants.trim_start_matches(&room.base).to_string();
    drop(room);
    let again = listen_any_port(dir.path());
    assert_eq!(again.participants.trim_start_matches(&again.base), participants);
}

#[test]
fn a_server_killed_mid_body_leaves_no_partial_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut room = listen_any_port(dir.path());
    let authority = room.base.trim_start_matches("http://").to_string();
    let path = format!("{}submit", room.participants.trim_start_matches(&room.base));
    let body = answers("Half");
    let mut stream = std::net::TcpStream::connect(&authority).unwrap();
    write!(
        stream,
        "POST {path} HTTP/1.1\r\nHost: {authority}\r\nContent-Type: application/x-yaml\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .unwrap();
    stream.write_all(&body.as_bytes()[..body.len() / 2]).unwrap();
    stream.flush().unwrap();
    std::thread::sleep(Duration::from_millis(300));
    room.child.kill().unwrap();
    room.child.wait().unwrap();
    let left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != ".moat-room")
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn ctrl_c_stops_the_server_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let mut room = listen_any_port(dir.path());
    let (status, _) = post(&format!("{}submit", room.participants), answers("Early").as_bytes(), None);
    assert_eq!(status, 200);
    let code = ctrl_c(&mut room, Duration::from_secs(10));
    assert_eq!(code, Some(0));
    let files = participant_files(dir.path());
    assert_eq!(files.len(), 1);
    moat().arg("check").arg(dir.path()).assert().success();
}

#[test]
fn ctrl_c_does_not_wait_for_a_stalled_client() {
    let dir = tempfile::tempdir().unwrap();
    let mut room = listen_any_port(dir.path());
    let authority = room.base.trim_start_matches("http://").to_string();
    let path = format!("{}submit", room.participants.trim_start_matches(&room.base));
    let mut stream = std::net::TcpStream::connect(&authority).unwrap();
    write!(stream, "POST {path} HTTP/1.1\r\nHost: {authority}\r\nContent-Length: 5000\r\n\r\nmoat: 1\n").unwrap();
    stream.flush().unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let code = ctrl_c(&mut room, Duration::from_secs(15));
    assert_eq!(code, Some(0));
    assert!(participant_files(dir.path()).is_empty());
    drop(stream);
}

#[test]
fn the_default_address_is_loopback() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_moat"))
        .args(["room", "serve"])
        .arg(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
    let _ = child.kill();
    let output = child.wait_with_output().unwrap();
    if first.is_empty() {
        // The port is taken on this machine: the error names the default address.
        let err = String::from_utf8_lossy(&output.stderr);
        assert!(err.contains("127.0.0.1:8470"), "{err}");
    } else {
        assert!(first.starts_with("http://127.0.0.1:8470/r/"), "{first}");
    }
}

#[test]
fn served_pages_load_nothing_from_outside() {
    let dir = tempfile::tempdir().unwrap();
    let room = listen_any_port(dir.path());
    let submit = format!("{}submit", room.participants);
    let mut token = String::new();
    for file in sample_room() {
        let (_, body) = post(&submit, &file, None);
        token = token_of(&body);
    }
    let pages =
        [get(&room.participants).1, get(&format!("{}p/{token}/report", room.participants)).1, get(&room.facilitator).1];
    assert!(!pages[2].contains("The room's picture shows from"), "the cohort page is checked");
    for page in pages {
        assert!(page.contains("default-src 'none'"), "{}", &page[..page.len().min(400)]);
        for remote in ["src=\"http", "src=\"//", "href=\"http", "href=\"//", "url(", "@import"] {
            assert!(!page.contains(remote), "a page names `{remote}`");
        }
    }
}

#[test]
fn the_room_can_ask_one_assessment() {
    let dir = tempfile::tempdir().unwrap();
    let room = serve(dir.path(), &["competitive-advantage", "--listen", "127.0.0.1:0"]);
    let (status, page) = get(&room.participants);
    assert_eq!(status, 200);
    assert!(page.contains("\"storage_key\":\"moat-form/1/competitive-advantage@"), "one assessment asked");
    assert!(!page.contains("+cost-benefit@"));
    moat()
        .args(["room", "serve"])
        .arg(dir.path())
        .args(["no-such-assessment", "--listen", "127.0.0.1:0"])
        .assert()
        .code(2);
}

/// An answers file with one answer, as the form sends one early in the questions.
const ONE_ANSWER: &str =
    "moat: 1\nstatus: in_progress\nanswers:\n  competitive-advantage:\n    human_eval: spot_checks\n";

#[test]
fn an_answers_file_without_answers_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let room = listen_any_port(dir.path());
    let submit = format!("{}submit", room.participants);
    for empty in [
        "moat: 1\n",
        "moat: 1\nrespondent:\n  name: Early Bird\n",
        "moat: 1\nanswers: {}\n",
        "moat: 1\nstatus: in_progress\nanswers:\n  competitive-advantage: {}\n  cost-benefit:\n",
        "moat: 1\nanswers:\n  competitive-advantage:\n    human_eval: ~\n",
    ] {
        let (status, body) = post(&submit, empty.as_bytes(), None);
        assert_eq!(status, 422, "{empty}");
        assert!(body.contains("the answers file has no answers: fill in the form first"), "{empty}: {body}");
    }
    let (status, _) = post(&submit, b"{}", None);
    assert_eq!(status, 422, "not even `moat: 1`");
    assert!(participant_files(dir.path()).is_empty());
    // Unfinished but with an answer: taken, and counted as unfinished by the cohort.
    let (status, body) = post(&submit, ONE_ANSWER.as_bytes(), None);
    assert_eq!(status, 200, "{body}");
    assert_eq!(participant_files(dir.path()).len(), 1);
}

/// A client that sends the headers of a submission announcing 5000 bytes, then the first
/// 100 of them, and stalls.
fn stalled_upload(room: &Room, first: &[u8]) -> std::net::TcpStream {
    let authority = room.base.trim_start_matches("http://");
    let path = format!("{}submit", room.participants.trim_start_matches(&room.base));
    let mut stream = std::net::TcpStream::connect(authority).expect("a connection");
    write!(
        stream,
        "POST {path} HTTP/1.1\r\nHost: {authority}\r\nContent-Type: application/x-yaml\r\nContent-Length: 5000\r\n\r\n"
    )
    .unwrap();
    stream.write_all(first).unwrap();
    stream.flush().unwrap();
    stream
}

#[test]
fn stalled_uploads_do_not_stop_the_room() {
    let dir = tempfile::tempdir().unwrap();
    let room = listen_any_port(dir.path());
    // The 100 bytes sent are a whole answers file in themselves, so taking what arrived
    // for the body would store a partial file.
    let first = format!("{ONE_ANSWER}#{}\n", "x".repeat(100 - ONE_ANSWER.len() - 2));
    assert_eq!(first.len(), 100);
    // One at a time: tiny_http queues connections that arrive in a burst behind its first
    // few threads, so only paced ones each reach a request handler.
    let stalled: Vec<_> = (0..moat::commands::room::WORKERS + 2)
        .map(|_| {
            let stream = stalled_upload(&room, first.as_bytes());
            std::thread::sleep(Duration::from_millis(150));
            stream
        })
        .collect();
    std::thread::sleep(Duration::from_secs(1));

    let started = Instant::now();
    // Generous: a blocked room never answers, a working one answers in milliseconds.
    let patient: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .into();
    let mut response = patient.get(&room.participants).call().expect("the form page while uploads stall");
    assert_eq!(response.status().as_u16(), 200);
    let page = response.body_mut().with_config().limit(10 << 20).read_to_string().unwrap();
    assert!(page.contains("submit"));
    let mut response = patient
        .post(&format!("{}submit", room.participants))
        .header("Content-Type", "application/x-yaml")
        .send(answers("Punctual").as_bytes())
        .expect("a submission while uploads stall");
    let body = response.body_mut().read_to_string().unwrap_or_default();
    assert_eq!(response.status().as_u16(), 200, "{body}");
    assert!(started.elapsed() < Duration::from_secs(30));
    let token = token_of(&body);

    // The stalled clients give up: what they sent was not the whole of what they announced.
    drop(stalled);
    std::thread::sleep(Duration::from_secs(1));
    assert_eq!(participant_files(dir.path()), vec![format!("p-{token}.yaml")], "no partial file");
}

/// A declared length far past the cap is refused unread and the room keeps serving
/// (tiny_http drains an unread body into a buffer of the length left to read; this holds
/// that a 100 GB declaration never makes it allocate that).
#[test]
fn a_huge_declared_length_does_not_bring_the_room_down() {
    let dir = tempfile::tempdir().unwrap();
    let mut room = listen_any_port(dir.path());
    let authority = room.base.trim_start_matches("http://").to_string();
    let path = format!("{}submit", room.participants.trim_start_matches(&room.base));
    let mut stream = std::net::TcpStream::connect(&authority).expect("a connection");
    write!(
        stream,
        "POST {path} HTTP/1.1\r\nHost: {authority}\r\nContent-Type: application/x-yaml\r\nContent-Length: 100000000000\r\n\r\n"
    )
    .unwrap();
    stream.write_all(b"answers:\n").unwrap();
    stream.flush().unwrap();
    std::thread::sleep(Duration::from_secs(1));
    assert!(room.child.try_wait().unwrap().is_none(), "the server is still running");
    let (status, _) = post(&format!("{}submit", room.participants), answers("After").as_bytes(), None);
    assert_eq!(status, 200);
    drop(stream);
}
