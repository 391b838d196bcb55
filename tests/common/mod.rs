//! Shared helpers for the integration tests: run the real binary in a temporary
//! folder, and check that generated markdown is safe and well-formed.
#![allow(dead_code)]

pub mod browser;

use assert_cmd::Command;
use pulldown_cmark::{Event, Options, Parser, Tag};
use std::path::{Path, PathBuf};

pub fn moat() -> Command {
    let mut cmd = Command::cargo_bin("moat").expect("the moat binary is built");
    cmd.env_remove("NO_COLOR").env("COLUMNS", "100");
    cmd
}

pub fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

pub fn fixtures() -> PathBuf {
    repo("tests/fixtures")
}

/// `--assessments` pointing at the test definitions (the `mini` assessment).
pub fn with_mini() -> Command {
    let mut cmd = moat();
    cmd.arg("--assessments").arg(fixtures().join("assessments"));
    cmd
}

/// `moat sample --count COUNT --seed SEED -o DIR`, which must succeed.
pub fn sample(dir: &Path, count: u32, seed: u64) {
    let output = moat()
        .args(["sample", "--count", &count.to_string(), "--seed", &seed.to_string(), "-o"])
        .arg(dir)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
}

/// A CSV file read back with the `csv` crate: (header, rows).
pub fn read_csv(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let header = reader.headers().unwrap().iter().map(str::to_string).collect();
    let rows = reader.records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect();
    (header, rows)
}

pub fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The 1-based line of the `nth` (0-based) occurrence of `needle` in `text`.
pub fn line_of(text: &str, needle: &str, nth: usize) -> usize {
    let offset = text.match_indices(needle).nth(nth).unwrap_or_else(|| panic!("`{needle}` not found")).0;
    text[..offset].matches('\n').count() + 1
}

/// Fails when the markdown has HTML, an image, a link, or a table row whose cell
/// count differs from its header's (counting unescaped pipes in the raw text, since
/// GFM pads or truncates rows silently).
pub fn check_markdown(md: &str) -> Result<(), String> {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    for event in Parser::new_ext(md, options) {
        match event {
            Event::Html(h) | Event::InlineHtml(h) => return Err(format!("HTML in the report: {h}")),
            Event::Start(Tag::Image { dest_url, .. }) => return Err(format!("an image in the report: {dest_url}")),
            Event::Start(Tag::Link { dest_url, .. }) => return Err(format!("a link in the report: {dest_url}")),
            _ => {}
        }
    }
    for needle in ["http://", "https://", "www."] {
        if let Some(at) = md.find(needle) {
            return Err(format!(
                "a bare autolink `{needle}` near: {}",
                &md[at.saturating_sub(40)..(at + 40).min(md.len())]
            ));
        }
    }
    let mut header: Option<usize> = None;
    for (i, line) in md.lines().enumerate() {
        if !line.starts_with('|') {
            header = None;
            continue;
        }
        let cells = unescaped_pipes(line);
        match header {
            None => header = Some(cells),
            Some(expected) if expected != cells => {
                return Err(format!("table row at line {} has {cells} pipes, its header {expected}: {line}", i + 1))
            }
            Some(_) => {}
        }
    }
    Ok(())
}

fn unescaped_pipes(line: &str) -> usize {
    let mut count = 0;
    let mut escaped = false;
    for c in line.chars() {
        match (escaped, c) {
            (true, _) => escaped = false,
            (false, '\\') => escaped = true,
            (false, '|') => count += 1,
            _ => {}
        }
    }
    count
}

/// The elements moat's HTML pages are made of. Anything else in a page came from
/// somewhere it should not have.
const HTML_ELEMENTS: &[&str] = &[
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "header",
    "nav",
    "main",
    "section",
    "footer",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "p",
    "ul",
    "ol",
    "li",
    "a",
    "strong",
    "em",
    "code",
    "span",
    "hr",
    "figure",
    "figcaption",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "svg",
    "g",
    "rect",
    "line",
    "circle",
    "text",
];

/// A parsed HTML page.
pub fn parse_html(html: &str) -> scraper::Html {
    scraper::Html::parse_document(html)
}

/// Fails when the page is not one moat should write: a parse error, an element that is
/// not among moat's own, a script or an event handler, a `src`, an `href` that leaves the
/// page, a style attribute or a stylesheet that loads anything, or no Content-Security-
/// Policy that forbids loads and scripts.
pub fn check_html(html: &str) -> Result<(), String> {
    if !html.starts_with("<!DOCTYPE html>\n") {
        return Err("the page does not start with <!DOCTYPE html>".into());
    }
    let page = parse_html(html);
    if let Some(e) = page.errors.first() {
        return Err(format!("the HTML parser reports {} errors, the first: {e}", page.errors.len()));
    }
    for element in page.root_element().descendants().filter_map(scraper::ElementRef::wrap) {
        let el = element.value();
        let name = el.name();
        if !HTML_ELEMENTS.contains(&name) {
            return Err(format!("an element moat does not write: <{name}>"));
        }
        for (attr, value) in el.attrs() {
            let lower = attr.to_ascii_lowercase();
            if lower.starts_with("on") || lower == "src" || lower == "style" || lower == "srcdoc" || lower == "action" {
                return Err(format!("<{name} {attr}=\"{value}\">"));
            }
            if lower == "href" && !value.starts_with('#') {
                return Err(format!("a link that leaves the page: <{name} href=\"{value}\">"));
            }
            if value.to_ascii_lowercase().contains("javascript:") {
                return Err(format!("<{name} {attr}=\"{value}\">"));
            }
        }
    }
    let csp = scraper::Selector::parse("head > meta[http-equiv=\"Content-Security-Policy\"]").unwrap();
    let policy = page.select(&csp).next().and_then(|m| m.value().attr("content")).unwrap_or_default();
    if !policy.contains("default-src 'none'") || policy.contains("script-src") {
        return Err(format!("no Content-Security-Policy that forbids loads and scripts: `{policy}`"));
    }
    let style = scraper::Selector::parse("style").unwrap();
    for sheet in page.select(&style) {
        let css = sheet.text().collect::<String>();
        if css.contains("url(") || css.contains("@import") {
            return Err("the stylesheet loads something".into());
        }
    }
    Ok(())
}

/// The text a reader sees in the page's body, in document order.
pub fn html_text(html: &str) -> String {
    let page = parse_html(html);
    let body = scraper::Selector::parse("body").unwrap();
    page.select(&body).flat_map(|b| b.text()).collect::<Vec<_>>().join(" ")
}

/// A hostile answers file: every text a founder controls tries to add markup, a script,
/// an event handler, a link, a style or template code. Shared by the HTML tests
/// (tests/html.rs) and the browser ones (tests/report_browser.rs).
pub fn hostile_file(hostile: &str) -> String {
    let yaml = |s: &str| serde_json::to_string(s).unwrap();
    format!(
        "moat: 1\nrespondent: {{name: {name}, stage: {stage}, sector: {sector}}}\nanswers:\n  mini:\n    model: {{choice: own, evidence: verifiable, note: {note}}}\n    notes: {notes}\n",
        name = yaml(&format!("{hostile}\n# heading")),
        stage = yaml(&format!("<img src=x onerror=alert(1)>{hostile}")),
        sector = yaml(&format!("[s](http://e.com){hostile}")),
        note = yaml(&format!("{hostile}\n- list")),
        notes = yaml(&format!("{hostile}</li></ul></main><script>alert(2)</script>")),
    )
}

/// Hostile text. Any of its scripts or handlers that ran would set `window.pwned`
/// (which the browser tests look for) or open an alert.
pub const HOSTILE: &str = "<script>alert(1)</script>\"><svg onload=alert(1)> \
    <script>window.pwned=1</script><img src=x onerror=\"window.pwned=2\"><svg onload=\"window.pwned=3\"> \
    <a href=\"javascript:x\">y</a>' onmouseover='x' \
    </style><style>body{background:url(http://e.com/x)}</style><img src=http://e.com/p.png> {{lang}} {{{respondent}}} \
    &lt;b&gt; &#60;i&#62; \u{1b}[31m \u{202e} \u{0}";
