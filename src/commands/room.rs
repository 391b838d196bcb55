//! `moat room serve`: a small local web server for a workshop room (issue 16). It serves
//! the web form of `moat form` to the participants, takes each one's answers file into
//! the room folder (the checks of `moat check`, server-chosen names, atomic writes, a
//! 1 MiB cap), shows each participant their own report, and gives the facilitator a live
//! page with the count of submissions and, from [`cohort::MIN_ROOM`] participants, the
//! room's cohort page.
//!
//! Every URL carries a secret: `/r/{room code}/…` for participants, `/f/{facilitator
//! secret}/` for the facilitator, both 128 random bits kept in `DIR/.moat-room` so a
//! restart keeps the links. A wrong secret and an unknown route get the same empty 404.

use super::cohort::{self, CohortJob};
use super::shared::{chosen_assessments, Format, Global};
use crate::error::Error;
use crate::model::catalog::Catalog;
use crate::render::{Builtin, Markup, Renderer};
use crate::text::Lang;
use std::io::Read;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread::Scope;
use std::time::{Duration, Instant};
use tiny_http::{Header, Method, Request, Response, Server};

/// Where the room's secrets are kept, in the room folder.
pub use crate::io::walk::ROOM_SECRETS_FILE;

/// The address served when `--listen` is not given: this machine only.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:8470";

/// The largest answers file taken in.
pub const MAX_BODY: usize = 1 << 20;

/// Requests served at once. A request that comes with a body is handled on a thread of
/// its own (see `UPLOAD_DEADLINE`), so a client that stalls mid-body holds none of these.
pub const WORKERS: usize = 8;

/// The longest a request's body may take to arrive once its headers have. 20 s for up to
/// [`MAX_BODY`] (1 MiB) is about 400 kbit/s, which a phone on a crowded room Wi-Fi still
/// gets; the form's files are a few KiB and take well under a second. tiny_http 0.12 sets
/// no read timeout and hands out no socket to set one on, so a read cannot be cut short:
/// the deadline is checked as bytes arrive, and a body late past it is refused, not stored.
/// A client that sends nothing more holds only its own thread, never a worker.
const UPLOAD_DEADLINE: Duration = Duration::from_secs(20);

/// How long Ctrl-C waits for the requests in hand.
const GRACE: Duration = Duration::from_secs(5);

#[derive(Debug, Clone)]
pub struct RoomJob {
    pub dir: PathBuf,
    /// Assessment ids the form asks; none means every assessment.
    pub assessments: Vec<String>,
    /// The address to listen on; [`DEFAULT_LISTEN`] when `None`.
    pub listen: Option<String>,
    /// The language the form opens in and the facilitator page is written in.
    pub lang: Lang,
}

/// The two secrets of a room, as 32 lower-case hexadecimal digits each.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Secrets {
    room: String,
    facilitator: String,
}

/// Everything a request handler reads.
struct Room<'a> {
    dir: &'a Path,
    catalog: &'a Catalog,
    secrets: Secrets,
    form: String,
    report: Renderer,
    cohort: Renderer,
    lang: Lang,
    quiet: bool,
}

/// Set by SIGINT or SIGTERM: stop taking requests, finish the ones in hand, exit.
static STOP: AtomicBool = AtomicBool::new(false);

extern "C" fn on_signal(_: libc::c_int) {
    STOP.store(true, Ordering::SeqCst);
}

fn catch_signals() {
    let handler = on_signal as extern "C" fn(libc::c_int);
    // SAFETY: the handler only stores to an atomic, which is async-signal-safe.
    unsafe {
        libc::signal(libc::SIGINT, handler as libc::sighandler_t);
        libc::signal(libc::SIGTERM, handler as libc::sighandler_t);
    }
}

pub fn run(global: &Global, job: &RoomJob) -> Result<(), Error> {
    let dir = job.dir.as_path();
    if !dir.is_dir() {
        return Err(Error::Usage(format!("`{}` is not a folder: create it first (mkdir)", dir.display())));
    }
    let catalog = Catalog::with_dir(global.assessments.as_deref())?;
    let secrets = load_or_create_secrets(dir)?;
    let assessments = chosen_assessments(&catalog, &job.assessments)?;
    let form = crate::render::form::room_page(&assessments, job.lang, &format!("/r/{}/submit", secrets.room))?;
    let room = Room {
        dir,
        catalog: &catalog,
        secrets,
        form,
        report: Renderer::load(None, Builtin::Report.as_markup(Markup::Html))?,
        cohort: Renderer::load(None, Builtin::Cohort.as_markup(Markup::Html))?,
        lang: job.lang,
        quiet: global.quiet,
    };
    let listen = job.listen.as_deref().unwrap_or(DEFAULT_LISTEN);
    let addr: SocketAddr = listen
        .parse()
        .map_err(|_| Error::Usage(format!("`{listen}` is not an address to listen on (e.g. 127.0.0.1:8470)")))?;
    let server = Server::http(addr).map_err(|e| Error::Usage(format!("cannot listen on {addr}: {e}")))?;
    let bound = server.server_addr().to_ip().unwrap_or(addr);
    // Listening on every interface, the link names the address the room's network reaches.
    let shown = if bound.ip().is_unspecified() { outward_address(bound) } else { Some(bound.ip()) };
    let host = match shown {
        Some(std::net::IpAddr::V6(ip)) => format!("[{ip}]"),
        Some(ip) => ip.to_string(),
        None => "THIS-MACHINE".to_string(),
    };
    let base = format!("http://{host}:{}", bound.port());
    let participants = format!("{base}/r/{}/", room.secrets.room);
    // The first line is the participants' URL alone (tests and scripts read it).
    let mut lines =
        vec![participants.clone(), format!("facilitator (do not project): {base}/f/{}/", room.secrets.facilitator)];
    if shown.is_none() {
        lines.push("listening on every interface: replace THIS-MACHINE with this machine's address".to_string());
    }
    lines.push(format!("answers go to {}; Ctrl-C stops the server", dir.display()));
    let mut text = lines.join("\n") + "\n";
    if std::io::IsTerminal::is_terminal(&std::io::stdout()) && shown.is_some() {
        text.push_str(&qr(&participants));
    }
    crate::commands::shared::print(&text)?;

    catch_signals();
    serve_until_stopped(&server, &room);
    if !global.quiet {
        crate::io::stderr::line("stopped; every answers file received is complete");
    }
    Ok(())
}

/// This machine's address on the network that leads outside (the room's Wi-Fi): the
/// local end of a UDP socket "connected" to a documentation address, which sends nothing.
fn outward_address(bound: SocketAddr) -> Option<std::net::IpAddr> {
    let (local, probe) = if bound.is_ipv6() { ("[::]:0", "[2001:db8::1]:80") } else { ("0.0.0.0:0", "192.0.2.1:80") };
    let socket = std::net::UdpSocket::bind(local).ok()?;
    socket.connect(probe).ok()?;
    let ip = socket.local_addr().ok()?.ip();
    (!ip.is_unspecified() && !ip.is_loopback()).then_some(ip)
}

/// `url` as a QR code in text (two rows of modules a line), for a phone to scan off the
/// terminal; nothing when the URL does not fit a code.
fn qr(url: &str) -> String {
    use qrcode::render::unicode::Dense1x2;
    match qrcode::QrCode::new(url.as_bytes()) {
        Ok(code) => {
            code.render::<Dense1x2>().dark_color(Dense1x2::Light).light_color(Dense1x2::Dark).quiet_zone(true).build()
                + "\n"
        }
        Err(_) => String::new(),
    }
}

/// Serve with [`WORKERS`] threads until SIGINT or SIGTERM, then give the requests in hand
/// [`GRACE`] to finish.
fn serve_until_stopped(server: &Server, room: &Room) {
    let finished = AtomicUsize::new(0);
    let uploads = AtomicUsize::new(0);
    let done = || finished.load(Ordering::SeqCst) == WORKERS && uploads.load(Ordering::SeqCst) == 0;
    std::thread::scope(|scope| {
        for _ in 0..WORKERS {
            scope.spawn(|| {
                worker(scope, server, room, &uploads);
                finished.fetch_add(1, Ordering::SeqCst);
            });
        }
        while !STOP.load(Ordering::SeqCst) {
            std::thread::sleep(Duration::from_millis(100));
        }
        // A client that stalls mid-body does not keep the server up (its file was never
        // written: writes are atomic). Leaving the scope would wait for its thread.
        let deadline = Instant::now() + GRACE;
        while !done() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(50));
        }
        if !done() {
            if !room.quiet {
                crate::io::stderr::line("stopped; a request that had not arrived whole was dropped");
            }
            std::process::exit(0);
        }
    });
}

/// Take requests until stopped. One with a body goes to a thread of its own, counted in
/// `uploads`: reading it, or dropping it unread (tiny_http then reads the rest), blocks
/// for as long as its client takes, and a worker held so is a room that stops.
fn worker<'scope>(scope: &'scope Scope<'scope, '_>, server: &Server, room: &'scope Room, uploads: &'scope AtomicUsize) {
    while !STOP.load(Ordering::SeqCst) {
        match server.recv_timeout(Duration::from_millis(200)) {
            Ok(Some(request)) if has_body(&request) => {
                uploads.fetch_add(1, Ordering::SeqCst);
                scope.spawn(move || {
                    handle(request, room);
                    uploads.fetch_sub(1, Ordering::SeqCst);
                });
            }
            Ok(Some(request)) => handle(request, room),
            Ok(None) => {}
            Err(_) => std::thread::sleep(Duration::from_millis(50)),
        }
    }
}

/// Whether `request` has a body (tiny_http reads a body only with a length or chunked).
fn has_body(request: &Request) -> bool {
    match request.body_length() {
        Some(length) => length > 0,
        None => request.headers().iter().any(|h| h.field.equiv("Transfer-Encoding")),
    }
}

/// What a request gets back.
enum Reply {
    /// The same empty 404 for a wrong secret and an unknown route.
    NotFound,
    Html(String),
    Json(String),
    /// A refusal with its reason as text.
    Refused(u16, String),
    /// A failure on the server's side (told on stderr, not to the client).
    Failed,
}

fn handle(mut request: Request, room: &Room) {
    let reply = route(&mut request, room);
    let response = match reply {
        Reply::NotFound => Response::from_data(Vec::new()).with_status_code(404),
        Reply::Html(page) => with_type(Response::from_data(page.into_bytes()), "text/html; charset=utf-8"),
        Reply::Json(json) => with_type(Response::from_data(json.into_bytes()), "application/json"),
        Reply::Refused(code, reason) => {
            with_type(Response::from_data(reason.into_bytes()), "text/plain; charset=utf-8").with_status_code(code)
        }
        Reply::Failed => Response::from_data(Vec::new()).with_status_code(500),
    };
    let mut response = response;
    for (name, value) in [
        ("Cache-Control", "no-store"),
        ("Referrer-Policy", "no-referrer"),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
    ] {
        if let Ok(header) = Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            response.add_header(header);
        }
    }
    // The client may have gone; nothing to do about it.
    let _ = request.respond(response);
}

fn with_type(response: Response<std::io::Cursor<Vec<u8>>>, kind: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    match Header::from_bytes(&b"Content-Type"[..], kind.as_bytes()) {
        Ok(header) => response.with_header(header),
        Err(()) => response,
    }
}

fn route(request: &mut Request, room: &Room) -> Reply {
    let url = request.url().to_string();
    let path = url.split(['?', '#']).next().unwrap_or("");
    let parts: Vec<&str> = path.split('/').collect();
    let method = request.method().clone();
    match (method, parts.as_slice()) {
        (Method::Get, ["", "r", code, ""]) if same(code, &room.secrets.room) => Reply::Html(room.form.clone()),
        (Method::Post, ["", "r", code, "submit"]) if same(code, &room.secrets.room) => submit(request, room),
        (Method::Get, ["", "r", code, "p", token, "report"]) if same(code, &room.secrets.room) => report(room, token),
        (Method::Get, ["", "f", secret, ""]) if same(secret, &room.secrets.facilitator) => facilitator(room),
        _ => Reply::NotFound,
    }
}

/// `a == b` in time that depends only on the lengths (a secret's length is no secret).
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn is_token(text: &str) -> bool {
    text.len() == 32 && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

fn participant_file(dir: &Path, token: &str) -> PathBuf {
    dir.join(format!("p-{token}.yaml"))
}

fn submit(request: &mut Request, room: &Room) -> Reply {
    let expected = request.body_length();
    if expected.is_some_and(|n| n > MAX_BODY) {
        return BodyError::TooBig.reply();
    }
    let body = match read_body(request.as_reader(), expected, Instant::now() + UPLOAD_DEADLINE) {
        Ok(body) => body,
        Err(e) => return e.reply(),
    };
    let Ok(text) = std::str::from_utf8(&body) else {
        return Reply::Refused(422, "the answers file is not UTF-8 text".to_string());
    };
    match crate::model::answers::load("answers.yaml", text, room.catalog) {
        Err(problems) => {
            let reasons: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
            return Reply::Refused(422, reasons.join("\n"));
        }
        // The form sent before anything was filled in: counting it would swell the room.
        Ok(loaded) if !loaded.file.has_answers() => return Reply::Refused(422, no_answers(room.lang)),
        Ok(_) => {}
    }
    // The participant's earlier file, when the page sends the token it was given back.
    let given = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("X-Moat-Token"))
        .map(|h| h.value.as_str().trim().to_string())
        .filter(|t| is_token(t) && participant_file(room.dir, t).is_file());
    let (token, replaced) = match given {
        Some(token) => (token, true),
        None => match random_hex() {
            Some(token) => (token, false),
            None => return Reply::Failed,
        },
    };
    if let Err(e) = crate::io::write::write_atomic(&participant_file(room.dir, &token), text.as_bytes()) {
        crate::io::stderr::line(&format!("error: {e}"));
        return Reply::Failed;
    }
    if !room.quiet {
        let what = if replaced { "an answers file replaced" } else { "an answers file received" };
        crate::io::stderr::line(&format!("{what} ({} in the room)", count_submissions(room.dir)));
    }
    let report = format!("/r/{}/p/{token}/report", room.secrets.room);
    Reply::Json(serde_json::json!({ "token": token, "report": report }).to_string())
}

fn no_answers(lang: Lang) -> String {
    match lang {
        Lang::Zh => "答卷里还没有任何回答：请先填写表单".to_string(),
        Lang::En => "the answers file has no answers: fill in the form first".to_string(),
    }
}

/// Why a request's body was not taken.
#[derive(Debug, PartialEq)]
enum BodyError {
    TooBig,
    /// The client went away, or sent less than it announced.
    Incomplete,
    /// Past [`UPLOAD_DEADLINE`].
    TooSlow,
}

impl BodyError {
    fn reply(self) -> Reply {
        match self {
            BodyError::TooBig => Reply::Refused(413, format!("the answers file is over {} KiB", MAX_BODY / 1024)),
            BodyError::Incomplete => Reply::Refused(400, "the answers file did not arrive whole".to_string()),
            BodyError::TooSlow => Reply::Refused(
                408,
                format!("the answers file took over {} s to arrive: send it again", UPLOAD_DEADLINE.as_secs()),
            ),
        }
    }
}

/// The whole body from `reader`, at most [`MAX_BODY`] bytes, its last byte in by
/// `deadline`. tiny_http ends a body early at a closed connection without an error, so a
/// body shorter than the `expected` length is a partial file and is refused.
fn read_body(reader: &mut dyn Read, expected: Option<usize>, deadline: Instant) -> Result<Vec<u8>, BodyError> {
    let mut body = Vec::new();
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        let n = match reader.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => return Err(BodyError::Incomplete),
        };
        if Instant::now() > deadline {
            return Err(BodyError::TooSlow);
        }
        body.extend_from_slice(&chunk[..n]);
        if body.len() > MAX_BODY {
            return Err(BodyError::TooBig);
        }
    }
    if expected.is_some_and(|n| n != body.len()) {
        return Err(BodyError::Incomplete);
    }
    Ok(body)
}

fn report(room: &Room, token: &str) -> Reply {
    if !is_token(token) {
        return Reply::NotFound;
    }
    let path = participant_file(room.dir, token);
    if !path.is_file() {
        return Reply::NotFound;
    }
    let Ok(loaded) = crate::model::answers::load_file(&path, room.catalog) else {
        return Reply::Failed;
    };
    let built = crate::engine::report::score_and_build(
        room.catalog,
        &loaded.file,
        &loaded.warnings,
        None,
        &indexmap::IndexMap::new(),
    );
    match built.map(|(_, data)| room.report.render(&data, data.lang)) {
        Ok(Ok(page)) => Reply::Html(page),
        _ => Reply::Failed,
    }
}

/// The answers files the room has received.
fn count_submissions(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
    entries
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            name.strip_prefix("p-").and_then(|n| n.strip_suffix(".yaml")).is_some_and(is_token)
        })
        .count()
}

/// The facilitator's page: the count, refreshed every 10 s, and the cohort page once the
/// room is large enough to show anything.
fn facilitator(room: &Room) -> Reply {
    let count = count_submissions(room.dir);
    let zh = room.lang == Lang::Zh;
    let status = if zh {
        format!("已收到 {count} 份答卷")
    } else {
        format!("{count} answers file{} received", if count == 1 { "" } else { "s" })
    };
    let refresh = "<meta http-equiv=\"refresh\" content=\"10\">";
    let banner =
        format!("<p style=\"font:600 1.6rem system-ui,sans-serif;margin:.5rem 1rem\" id=\"room-count\">{status}</p>");
    if count >= cohort::MIN_ROOM {
        let job = CohortJob {
            inputs: vec![room.dir.to_path_buf()],
            output: None,
            format: Format::Html,
            template: None,
            lang: Some(room.lang),
            named: false,
            table: false,
            include_unfinished: false,
        };
        let page = cohort::build(room.catalog, &job, true, &|_| {})
            .and_then(|c| room.cohort.render(&c, c.lang).map_err(Error::from));
        if let Ok(page) = page {
            if let Some(page) = inject(&page, refresh, &banner) {
                return Reply::Html(page);
            }
        }
    }
    let wait = if zh {
        format!("满 {} 份后显示本场概况。本页每 10 秒刷新。", cohort::MIN_ROOM)
    } else {
        format!(
            "The room's picture shows from {} participants. This page refreshes every 10 seconds.",
            cohort::MIN_ROOM
        )
    };
    Reply::Html(format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">\n\
         {refresh}\n<title>moat room</title>\n</head>\n<body style=\"font:1.4rem system-ui,sans-serif;margin:2rem\">\n\
         <h1 id=\"room-count\" style=\"font-size:3rem\">{status}</h1>\n<p>{wait}</p>\n</body>\n</html>\n",
        room.lang.code()
    ))
}

/// `page` with `head` just inside `<head>` and `top` just inside `<body …>`.
fn inject(page: &str, head: &str, top: &str) -> Option<String> {
    let head_at = page.find("<head>")? + "<head>".len();
    let body_open = page.find("<body")?;
    let body_at = body_open + page[body_open..].find('>')? + 1;
    if body_at < head_at {
        return None;
    }
    Some(format!("{}\n{head}{}{top}{}", &page[..head_at], &page[head_at..body_at], &page[body_at..]))
}

fn random_hex() -> Option<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).ok()?;
    Some(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// The room's secrets in `dir`, made and kept there (atomically) on the first run.
fn load_or_create_secrets(dir: &Path) -> Result<Secrets, Error> {
    let path = dir.join(ROOM_SECRETS_FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => return parse_secrets(&text).ok_or_else(|| bad_secrets(&path)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(Error::Usage(format!("cannot read `{}`: {e}", path.display()))),
    }
    let (Some(room), Some(facilitator)) = (random_hex(), random_hex()) else {
        return Err(Error::Usage("the system gave no random numbers for the room's secrets".to_string()));
    };
    let secrets = Secrets { room, facilitator };
    let text = format!(
        "room {}\nfacilitator {}\n# moat room serve: the secrets in this room's links. Delete this file for new links.\n",
        secrets.room, secrets.facilitator
    );
    crate::io::write::write_atomic(&path, text.as_bytes())?;
    Ok(secrets)
}

fn parse_secrets(text: &str) -> Option<Secrets> {
    let mut lines = text.lines();
    let room = lines.next()?.strip_prefix("room ")?.trim();
    let facilitator = lines.next()?.strip_prefix("facilitator ")?.trim();
    (is_token(room) && is_token(facilitator) && room != facilitator)
        .then(|| Secrets { room: room.to_string(), facilitator: facilitator.to_string() })
}

fn bad_secrets(path: &Path) -> Error {
    Error::Usage(format!("`{}` is not a room file moat wrote; delete it and moat makes new links", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_kept_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let first = load_or_create_secrets(dir.path()).unwrap();
        assert!(is_token(&first.room) && is_token(&first.facilitator));
        assert_ne!(first.room, first.facilitator);
        assert_eq!(load_or_create_secrets(dir.path()).unwrap(), first);
        std::fs::write(dir.path().join(ROOM_SECRETS_FILE), "room x\n").unwrap();
        assert!(load_or_create_secrets(dir.path()).is_err());
    }

    #[test]
    fn the_participants_url_fits_a_qr_code() {
        let code = qr("http://192.168.100.200:8470/r/0123456789abcdef0123456789abcdef/");
        assert!(code.lines().count() > 10, "{code}");
        assert!(code.chars().all(|c| matches!(c, ' ' | '\u{2580}' | '\u{2584}' | '\u{2588}' | '\n')), "{code}");
    }

    #[test]
    fn a_body_is_taken_only_whole_and_in_time() {
        let later = Instant::now() + Duration::from_secs(60);
        let read =
            |bytes: &[u8], expected, deadline| read_body(&mut std::io::Cursor::new(bytes.to_vec()), expected, deadline);
        assert_eq!(read(b"moat: 1\n", Some(8), later), Ok(b"moat: 1\n".to_vec()));
        assert_eq!(read(b"moat: 1\n", None, later), Ok(b"moat: 1\n".to_vec()));
        assert_eq!(read(b"moat: 1\n", Some(5000), later), Err(BodyError::Incomplete));
        assert_eq!(read(&vec![b'#'; MAX_BODY + 1], None, later), Err(BodyError::TooBig));
        assert_eq!(read(b"moat: 1\n", Some(8), Instant::now() - Duration::from_millis(1)), Err(BodyError::TooSlow));
    }

    #[test]
    fn secrets_compare_whole() {
        assert!(same("abc", "abc"));
        assert!(!same("abc", "abd"));
        assert!(!same("abc", "ab"));
        assert!(!same("", "a"));
    }

    #[test]
    fn inject_puts_the_refresh_in_the_head_and_the_count_at_the_top() {
        let page = "<html><head><title>x</title></head><body class=\"a\"><p>y</p></body></html>";
        let out = inject(page, "<meta>", "<h1>3</h1>").unwrap();
        assert_eq!(
            out,
            "<html><head>\n<meta><title>x</title></head><body class=\"a\"><h1>3</h1><p>y</p></body></html>"
        );
        assert_eq!(inject("<p>", "a", "b"), None);
    }
}
