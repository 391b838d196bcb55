//! A headless Chromium for the browser tests, driven through chromedriver with the W3C
//! WebDriver protocol (plus two of chromedriver's own endpoints: DevTools commands and
//! the browser's logs).
//!
//! ```ignore
//! let browser = Browser::start();                 // fails the test if Chromium cannot start
//! browser.open(&page);                            // a file, as file://
//! browser.find("#next").click();
//! assert_eq!(browser.find("h2").text(), "...");
//! browser.screenshot("form-desktop-welcome");     // target/screenshots/form-desktop-welcome.png
//! assert!(browser.requests().iter().all(|url| url.starts_with("file://")));
//! ```
//!
//! Each `Browser` is its own chromedriver and Chromium with a fresh profile (so nothing,
//! localStorage included, carries over from another test), and browsers run one at a
//! time: a second `start` waits until the first is dropped. A small blocking client over
//! `ureq` instead of an async crate: the tests are plain synchronous code, and the dozen
//! endpoints they use have been stable since WebDriver became a W3C standard.
//!
//! A `Browser` belongs to the test (thread) that started it: chromedriver is set to die
//! with that thread, so a run that is stopped leaves no driver behind.
//!
//! `MOAT_CHROMIUM` and `MOAT_CHROMEDRIVER` override /usr/bin/chromium and
//! /usr/bin/chromedriver; `scripts/test` installs both on Debian.

use base64::Engine as _;
use serde_json::{json, Value};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// One browser at a time: two Chromiums on the two CI cores slow both down for nothing.
static TURN: Mutex<()> = Mutex::new(());

/// The flags Chromium needs on a machine with no network and no display; without the
/// network ones it stalls for a while at start trying to reach its services.
const CHROMIUM_ARGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--disable-extensions",
    "--hide-scrollbars",
    "--window-size=1280,900",
];

/// A W3C WebDriver element reference's key.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

pub struct Browser {
    /// `http://127.0.0.1:PORT/session/ID`.
    session: String,
    agent: ureq::Agent,
    driver: Child,
    /// The profile, the downloads and chromedriver's log; removed on drop.
    dir: tempfile::TempDir,
    _turn: MutexGuard<'static, ()>,
}

/// An element of the page, found by a CSS selector.
pub struct Element<'b> {
    browser: &'b Browser,
    id: String,
    /// The selector that found it, for messages.
    selector: String,
}

/// Where screenshots go: `target/screenshots/`.
pub fn screenshot_dir() -> PathBuf {
    let target =
        Path::new(env!("CARGO_TARGET_TMPDIR")).parent().map_or_else(|| PathBuf::from("target"), Path::to_path_buf);
    target.join("screenshots")
}

/// `path` as a `file://` URL.
pub fn file_url(path: &Path) -> String {
    let path = path.canonicalize().unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut url = String::from("file://");
    for byte in path.to_string_lossy().bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => url.push(char::from(byte)),
            other => url.push_str(&format!("%{other:02X}")),
        }
    }
    url
}

impl Browser {
    /// Start chromedriver and a headless Chromium, or fail the test saying why: the browser
    /// tests must never pass by not running.
    pub fn start() -> Browser {
        let turn = TURN.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let chromium = std::env::var("MOAT_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_string());
        let chromedriver = std::env::var("MOAT_CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".to_string());
        for program in [&chromium, &chromedriver] {
            assert!(
                Path::new(program).exists(),
                "the browser tests need {program}, which is missing: run `scripts/test`, which installs Debian's \
                 chromium and chromium-driver packages"
            );
        }
        let dir = tempfile::tempdir().expect("a temporary folder for the browser");
        let log = dir.path().join("chromedriver.log");
        let port =
            TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free port");
        let driver = spawn_driver(&chromedriver, port, &log);
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_secs(90)))
            .http_status_as_error(false)
            .build()
            .into();
        let base = format!("http://127.0.0.1:{port}");
        let fail = |why: String| -> ! {
            let log = std::fs::read_to_string(&log).unwrap_or_default();
            let tail: String =
                log.lines().rev().take(30).collect::<Vec<_>>().into_iter().rev().collect::<Vec<_>>().join("\n");
            panic!("cannot start Chromium through {chromedriver}: {why}\nchromedriver's log ends:\n{tail}");
        };
        let started = Instant::now();
        loop {
            let ready = agent.get(format!("{base}/status")).call().ok().and_then(|mut r| read_json(&mut r).ok());
            if ready.is_some_and(|v| v["value"]["ready"] == true) {
                break;
            }
            if started.elapsed() > Duration::from_secs(20) {
                fail("chromedriver did not answer within 20 s".to_string());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let profile = dir.path().join("profile");
        let downloads = dir.path().join("downloads");
        std::fs::create_dir_all(&downloads).expect("a downloads folder");
        let mut args: Vec<String> = CHROMIUM_ARGS.iter().map(|a| a.to_string()).collect();
        args.push(format!("--user-data-dir={}", profile.display()));
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium,
                "args": args,
                "prefs": {
                    "download.default_directory": downloads.display().to_string(),
                    "download.prompt_for_download": false,
                },
            },
            "goog:loggingPrefs": {"browser": "ALL", "performance": "ALL"},
            "timeouts": {"implicit": 0, "pageLoad": 30_000, "script": 30_000},
            "unhandledPromptBehavior": "dismiss and notify",
        }}});
        let response = agent
            .post(format!("{base}/session"))
            .send_json(&capabilities)
            .map_err(|e| e.to_string())
            .and_then(|mut r| read_json(&mut r).map_err(|e| e.to_string()));
        let id = match response {
            Ok(v) => match v["value"]["sessionId"].as_str() {
                Some(id) => id.to_string(),
                None => fail(format!("chromedriver refused the session: {}", v["value"])),
            },
            Err(e) => fail(e),
        };
        let browser = Browser { session: format!("{base}/session/{id}"), agent, driver, dir, _turn: turn };
        browser.cdp(
            "Page.setDownloadBehavior",
            json!({"behavior": "allow", "downloadPath": downloads.display().to_string()}),
        );
        // Start from an empty page with empty logs, so that `requests` and `console` tell
        // only what the test's own pages did.
        browser.goto("about:blank");
        browser.requests();
        browser.console();
        browser
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        self.try_call(method, path, body)
            .unwrap_or_else(|(error, message)| panic!("WebDriver {method} {path}: {error}: {message}"))
    }

    /// A WebDriver command; `Err((error, message))` when the browser refused it.
    fn try_call(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, (String, String)> {
        let url = format!("{}{path}", self.session);
        let response = match (method, body) {
            ("GET", _) => self.agent.get(&url).call(),
            ("DELETE", _) => self.agent.delete(&url).call(),
            (_, Some(body)) => self.agent.post(&url).send_json(&body),
            (_, None) => self.agent.post(&url).send_json(json!({})),
        };
        let value = response
            .map_err(|e| e.to_string())
            .and_then(|mut r| read_json(&mut r).map_err(|e| e.to_string()))
            .map_err(|e| ("no answer".to_string(), e))?;
        match value["value"]["error"].as_str() {
            Some(error) => Err((error.to_string(), value["value"]["message"].as_str().unwrap_or("").to_string())),
            None => Ok(value["value"].clone()),
        }
    }

    /// Go to `url` and wait for the page to load.
    pub fn goto(&self, url: &str) {
        self.call("POST", "/url", Some(json!({"url": url})));
    }

    /// Open the file at `path`.
    pub fn open(&self, path: &Path) {
        self.goto(&file_url(path));
    }

    pub fn reload(&self) {
        self.call("POST", "/refresh", None);
    }

    pub fn url(&self) -> String {
        self.call("GET", "/url", None).as_str().unwrap_or_default().to_string()
    }

    pub fn title(&self) -> String {
        self.call("GET", "/title", None).as_str().unwrap_or_default().to_string()
    }

    /// The element `selector` finds; fails the test, showing the page's text, if none.
    pub fn find(&self, selector: &str) -> Element<'_> {
        self.try_find(selector).unwrap_or_else(|| {
            let text = self.execute("return document.body ? document.body.innerText : ''", json!([]));
            panic!("no element matches `{selector}`; the page reads:\n{}", text.as_str().unwrap_or(""))
        })
    }

    pub fn try_find(&self, selector: &str) -> Option<Element<'_>> {
        self.find_all(selector).into_iter().next()
    }

    pub fn find_all(&self, selector: &str) -> Vec<Element<'_>> {
        let found = self.call("POST", "/elements", Some(json!({"using": "css selector", "value": selector})));
        found
            .as_array()
            .map(|list| {
                list.iter()
                    .filter_map(|e| e[ELEMENT].as_str())
                    .map(|id| Element { browser: self, id: id.to_string(), selector: selector.to_string() })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The element each of `selectors` finds, in one round trip; fails the test naming
    /// the first selector that finds nothing.
    pub fn find_each(&self, selectors: &[String]) -> Vec<Element<'_>> {
        let found = self.execute("return arguments[0].map((s) => document.querySelector(s));", json!([selectors]));
        selectors
            .iter()
            .enumerate()
            .map(|(i, selector)| match found[i][ELEMENT].as_str() {
                Some(id) => Element { browser: self, id: id.to_string(), selector: selector.clone() },
                None => {
                    let text = self.execute("return document.body.innerText;", json!([]));
                    panic!("no element matches `{selector}`; the page reads:\n{}", text.as_str().unwrap_or(""))
                }
            })
            .collect()
    }

    /// Click each element in turn with the mouse, in one round trip (W3C actions): about
    /// half the time of clicking them one by one. An element outside the viewport is
    /// clicked on its own, scrolled into view.
    pub fn click_all(&self, elements: &[Element<'_>]) {
        let mut actions = Vec::new();
        for e in elements {
            actions.push(json!({"type": "pointerMove", "duration": 0, "origin": e.reference(), "x": 0, "y": 0}));
            actions.push(json!({"type": "pointerDown", "button": 0}));
            actions.push(json!({"type": "pointerUp", "button": 0}));
        }
        let mouse =
            json!([{"type": "pointer", "id": "mouse", "parameters": {"pointerType": "mouse"}, "actions": actions}]);
        match self.try_call("POST", "/actions", Some(json!({"actions": mouse}))) {
            Ok(_) => {}
            Err((error, _)) if error == "move target out of bounds" && elements.len() == 1 => elements[0].click(),
            Err((error, message)) => {
                let which: Vec<&str> = elements.iter().map(|e| e.selector.as_str()).collect();
                panic!("WebDriver clicks on {which:?}: {error}: {message}")
            }
        }
    }

    /// Put `text` where the focus is, as a paste or an input method does (one input
    /// event, however long the text): typing a long note key by key costs seconds.
    pub fn insert_text(&self, text: &str) {
        self.cdp("Input.insertText", json!({"text": text}));
    }

    /// The element that has the keyboard focus.
    pub fn focused(&self) -> Element<'_> {
        let found = self.call("GET", "/element/active", None);
        let id = found[ELEMENT].as_str().unwrap_or_else(|| panic!("no element has the focus: {found}"));
        Element { browser: self, id: id.to_string(), selector: "(focused)".to_string() }
    }

    /// Type `keys` where the focus is; WebDriver key codes (`keys::TAB`, `keys::ENTER`) press those keys.
    pub fn press(&self, keys: &str) {
        let mut actions = Vec::new();
        for c in keys.chars() {
            actions.push(json!({"type": "keyDown", "value": c.to_string()}));
            actions.push(json!({"type": "keyUp", "value": c.to_string()}));
        }
        self.call(
            "POST",
            "/actions",
            Some(json!({"actions": [{"type": "key", "id": "keyboard", "actions": actions}]})),
        );
    }

    /// Run WebDriver input actions (W3C "perform actions"): `actions` is the list of
    /// input sources, for example `[{"type": "pointer", "id": "mouse", "actions": [...]}]`.
    pub fn perform(&self, actions: Value) {
        self.call("POST", "/actions", Some(json!({"actions": actions})));
    }

    /// Run `script` (a function body; `arguments[0]`... are `args`) in the page and return its value.
    pub fn execute(&self, script: &str, args: Value) -> Value {
        self.call("POST", "/execute/sync", Some(json!({"script": script, "args": args})))
    }

    /// A DevTools protocol command, through chromedriver.
    pub fn cdp(&self, command: &str, params: Value) -> Value {
        self.call("POST", "/goog/cdp/execute", Some(json!({"cmd": command, "params": params})))
    }

    /// Make the page `width` × `height` CSS pixels, as a phone (below 600 wide) or a desktop shows it.
    pub fn viewport(&self, width: u32, height: u32) {
        self.cdp(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600}),
        );
    }

    /// Save what the viewport shows as `target/screenshots/NAME.png`, and return the path.
    pub fn screenshot(&self, name: &str) -> PathBuf {
        let png = self.call("GET", "/screenshot", None);
        self.save_png(name, png.as_str().unwrap_or_default())
    }

    /// Save the whole page, below the fold too, as `target/screenshots/NAME.png`.
    pub fn screenshot_full_page(&self, name: &str) -> PathBuf {
        let metrics = self.cdp("Page.getLayoutMetrics", json!({}));
        let size = &metrics["cssContentSize"];
        let (width, height) = (size["width"].as_f64().unwrap_or(1280.0), size["height"].as_f64().unwrap_or(900.0));
        let shot = self.cdp(
            "Page.captureScreenshot",
            json!({"format": "png", "captureBeyondViewport": true,
                   "clip": {"x": 0, "y": 0, "width": width, "height": height.min(16_000.0), "scale": 1}}),
        );
        self.save_png(name, shot["data"].as_str().unwrap_or_default())
    }

    fn save_png(&self, name: &str, base64: &str) -> PathBuf {
        let bytes = base64::engine::general_purpose::STANDARD.decode(base64).expect("a base64 screenshot");
        assert!(bytes.starts_with(b"\x89PNG"), "the screenshot is not a PNG");
        let dir = screenshot_dir();
        std::fs::create_dir_all(&dir).expect("target/screenshots");
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        path
    }

    /// Every URL the page has requested since the last call (the page itself included),
    /// from the browser's network log: a page that loads nothing shows only its own URL.
    /// A load that a Content-Security-Policy blocks is listed too (the attempt is what
    /// counts), and [`Browser::console`] then holds the refusal as a `SEVERE` message.
    pub fn requests(&self) -> Vec<String> {
        let entries = self.call("POST", "/se/log", Some(json!({"type": "performance"})));
        let mut urls = Vec::new();
        for entry in entries.as_array().into_iter().flatten() {
            let Some(message) = entry["message"].as_str() else { continue };
            let Ok(message) = serde_json::from_str::<Value>(message) else { continue };
            if message["message"]["method"] == "Network.requestWillBeSent" {
                if let Some(url) = message["message"]["params"]["request"]["url"].as_str() {
                    urls.push(url.to_string());
                }
            }
        }
        urls
    }

    /// The browser console's messages since the last call: script errors, blocked loads
    /// (a Content-Security-Policy refusal is one), `console.log`.
    pub fn console(&self) -> Vec<String> {
        let entries = self.call("POST", "/se/log", Some(json!({"type": "browser"})));
        entries
            .as_array()
            .into_iter()
            .flatten()
            .map(|e| format!("{}: {}", e["level"].as_str().unwrap_or("?"), e["message"].as_str().unwrap_or("")))
            .collect()
    }

    /// The folder downloads land in.
    pub fn downloads(&self) -> PathBuf {
        self.dir.path().join("downloads")
    }

    /// The downloaded file `name`, once the browser has finished writing it.
    pub fn downloaded(&self, name: &str) -> PathBuf {
        let path = self.downloads().join(name);
        let started = Instant::now();
        while !path.exists() {
            assert!(
                started.elapsed() < Duration::from_secs(15),
                "`{name}` was not downloaded within 15 s (the folder holds {:?})",
                std::fs::read_dir(self.downloads())
                    .map(|d| d.filter_map(|e| e.ok()).map(|e| e.file_name()).collect::<Vec<_>>())
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        path
    }

    /// Wait until `condition` (a JavaScript expression) is true in the page.
    pub fn wait_until(&self, condition: &str) {
        let started = Instant::now();
        while self.execute(&format!("return Boolean({condition});"), json!([])) != Value::Bool(true) {
            assert!(started.elapsed() < Duration::from_secs(15), "`{condition}` did not become true within 15 s");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        // Closing the session closes Chromium; then chromedriver goes.
        let _ = self.agent.delete(&self.session).call();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

impl Element<'_> {
    fn call(&self, method: &str, what: &str, body: Option<Value>) -> Value {
        self.browser.call(method, &format!("/element/{}{what}", self.id), body)
    }

    /// Click it, as a person would: if something in front of it (the form's sticky
    /// Back / Next bar, say) would take the click, scroll it to the middle of the
    /// viewport first, as a person scrolls before tapping.
    pub fn click(&self) {
        let path = format!("/element/{}/click", self.id);
        if let Err((error, message)) = self.browser.try_call("POST", &path, None) {
            assert_eq!(error, "element click intercepted", "WebDriver click on `{}`: {message}", self.selector);
            self.browser.execute(
                "arguments[0].scrollIntoView({block: 'center', inline: 'nearest'});",
                json!([{ ELEMENT: self.id }]),
            );
            self.call("POST", "/click", None);
        }
    }

    /// Type `text` into the element, after what it holds.
    pub fn send_keys(&self, text: &str) {
        self.call("POST", "/value", Some(json!({"text": text})));
    }

    pub fn clear(&self) {
        self.call("POST", "/clear", None);
    }

    /// Replace what a field holds with `text`.
    pub fn fill(&self, text: &str) {
        self.clear();
        if !text.is_empty() {
            self.send_keys(text);
        }
    }

    /// The text it shows, as a person reads it.
    pub fn text(&self) -> String {
        self.call("GET", "/text", None).as_str().unwrap_or_default().to_string()
    }

    pub fn attr(&self, name: &str) -> Option<String> {
        self.call("GET", &format!("/attribute/{name}"), None).as_str().map(str::to_string)
    }

    /// A DOM property (`value`, `checked`...).
    pub fn prop(&self, name: &str) -> Value {
        self.call("GET", &format!("/property/{name}"), None)
    }

    pub fn is_selected(&self) -> bool {
        self.call("GET", "/selected", None) == Value::Bool(true)
    }

    pub fn is_displayed(&self) -> bool {
        self.call("GET", "/displayed", None) == Value::Bool(true)
    }

    /// The element as a WebDriver reference, for a script's arguments or an action's origin.
    pub fn reference(&self) -> Value {
        json!({ ELEMENT: self.id })
    }

    pub fn selector(&self) -> &str {
        &self.selector
    }
}

/// WebDriver's codes for keys that type no character.
pub mod keys {
    pub const TAB: &str = "\u{E004}";
    pub const ENTER: &str = "\u{E007}";
    pub const SPACE: &str = "\u{E00D}";
    pub const ARROW_DOWN: &str = "\u{E015}";
    pub const SHIFT: &str = "\u{E008}";
}

fn read_json(response: &mut ureq::http::Response<ureq::Body>) -> Result<Value, String> {
    let text =
        response.body_mut().with_config().limit(256 * 1024 * 1024).read_to_string().map_err(|e| e.to_string())?;
    serde_json::from_str(&text).map_err(|e| format!("{e}: {}", text.chars().take(300).collect::<String>()))
}

/// chromedriver on `port`, logging to `log`, killed with the test process if that dies
/// first (so no driver outlives a test run that was stopped).
fn spawn_driver(chromedriver: &str, port: u16, log: &Path) -> Child {
    use std::os::unix::process::CommandExt as _;
    let mut command = Command::new(chromedriver);
    command
        .arg(format!("--port={port}"))
        .arg(format!("--log-path={}", log.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    // SAFETY: prctl only sets a flag of the child process, between fork and exec.
    unsafe {
        command.pre_exec(|| {
            libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
            Ok(())
        });
    }
    command.spawn().unwrap_or_else(|e| panic!("cannot run {chromedriver}: {e}"))
}
