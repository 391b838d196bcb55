//! The HTML reports (issue 15) in a real browser (headless Chromium, `common::browser`):
//! a hostile answers file's report runs no script and loads nothing; the report shows
//! its chart and prints to a PDF, in English and in Chinese; the workshop room's page
//! fits a projector; and nothing runs off the side of a phone. Screenshots go to
//! target/screenshots/ for a reviewer to look at. (What the pages say, and that their
//! charts draw the data's figures, is tests/html.rs's job.)

mod common;

use base64::Engine as _;
use common::browser::{file_url, Browser};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

/// `moat ARGS... -o DIR/NAME`, run in the repository, which must succeed.
fn write(dir: &Path, name: &str, args: &[&str]) -> PathBuf {
    let page = dir.join(name);
    let output = common::moat().current_dir(common::repo("")).args(args).arg("-o").arg(&page).output().unwrap();
    assert!(output.status.success(), "{args:?}: {}", common::stderr(&output));
    page
}

/// Fails unless the page is no wider than `width`, the screen's width in CSS pixels
/// (nothing to scroll sideways), naming the elements that stick out. (Not
/// `window.innerWidth`: a phone widens its layout viewport to what sticks out.)
fn fits(browser: &Browser, width: u32, what: &str) {
    let found = browser.execute(
        "const w = arguments[0];
         const out = [...document.body.querySelectorAll('*')]
           .filter((e) => e.getBoundingClientRect().right > w + 0.5)
           .slice(0, 8)
           .map((e) => e.tagName.toLowerCase() + (e.className && e.className.baseVal === undefined ? '.' + e.className : '')
                       + ' ' + Math.round(e.getBoundingClientRect().right));
         return [document.documentElement.scrollWidth, document.body.scrollWidth, out];",
        json!([width]),
    );
    let scroll = |i: usize| found[i].as_f64().unwrap();
    assert!(
        scroll(0) <= f64::from(width) && scroll(1) <= f64::from(width),
        "{what} is wider than the screen ({width} px): {found}"
    );
}

/// The sizes (CSS pixels) of the page's `svg.chart` elements, and of their bars.
fn chart_sizes(browser: &Browser) -> Value {
    browser.execute(
        "return [...document.querySelectorAll('svg.chart')].map((svg) => {
           const r = svg.getBoundingClientRect();
           const bars = [...svg.querySelectorAll('rect')].map((b) => b.getBoundingClientRect().width);
           return {width: r.width, height: r.height, bars: bars.filter((w) => w > 0).length};
         });",
        json!([]),
    )
}

/// The pages of the PDF Chromium prints the open page to (`Page.printToPDF`, as the
/// print dialog's "Save as PDF" does), saved as target/screenshots/NAME.pdf.
fn print_to_pdf(browser: &Browser, name: &str) -> usize {
    let printed = browser.cdp("Page.printToPDF", json!({"printBackground": true, "preferCSSPageSize": true}));
    let pdf = base64::engine::general_purpose::STANDARD
        .decode(printed["data"].as_str().expect("Page.printToPDF gives data"))
        .expect("base64");
    assert!(pdf.starts_with(b"%PDF-"), "{name}: not a PDF");
    let tail = &pdf[pdf.len().saturating_sub(1024)..];
    assert!(tail.windows(5).any(|w| w == b"%%EOF"), "{name}: the PDF is cut short");
    let dir = common::browser::screenshot_dir();
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(format!("{name}.pdf")), &pdf).unwrap();
    // A page object is `/Type /Page` (or `/Type/Page`), not followed by the `s` of `/Pages`.
    let text = String::from_utf8_lossy(&pdf);
    text.match_indices("/Type")
        .filter(|(at, _)| {
            let rest = text[at + 5..].trim_start();
            rest.starts_with("/Page") && !rest.starts_with("/Pages")
        })
        .count()
}

#[test]
fn the_report_of_a_hostile_file_runs_no_script_and_loads_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("hostile.yaml"), common::hostile_file(common::HOSTILE)).unwrap();
    let browser = Browser::start();
    for (lang, brief) in [("en", false), ("zh", false), ("en", true)] {
        let page = dir.path().join(format!("hostile-{lang}-{brief}.html"));
        let mut cmd = common::with_mini();
        cmd.current_dir(dir.path()).args(["report", "hostile.yaml", "--format", "html", "--lang", lang, "-o"]);
        cmd.arg(&page);
        if brief {
            cmd.arg("--brief");
        }
        let output = cmd.output().unwrap();
        assert!(output.status.success(), "{}", common::stderr(&output));
        let what = format!("{lang} brief={brief}");
        browser.open(&page);
        let found = browser.execute(
            "return [typeof window.pwned, document.scripts.length,
                     document.querySelectorAll('body img, body script, body style, body a[href^=javascript], body [onerror], body [onload], body [onmouseover]').length,
                     document.body.innerText];",
            json!([]),
        );
        assert_eq!(found[0], "undefined", "{what}: a hostile script or handler ran");
        assert_eq!(found[1], 0, "{what}: the page has a script");
        assert_eq!(found[2], 0, "{what}: hostile text made elements");
        let text = found[3].as_str().unwrap();
        for shown in
            ["<script>window.pwned=1</script>", "<img src=x onerror=\"window.pwned=2\">", "{{lang}}", "&lt;b&gt;"]
        {
            assert!(text.contains(shown), "{what}: `{shown}` does not show as text");
        }
        let requests = browser.requests();
        assert_eq!(requests, [file_url(&page)], "{what}: the page loaded something besides itself");
        let console = browser.console();
        assert!(console.is_empty(), "{what}: the console has messages (a blocked load or a script): {console:?}");
    }
}

/// The web page of examples/healthcare-data.yaml's report in `lang`, written to `dir`.
fn healthcare_report(dir: &Path, lang: &str) -> PathBuf {
    write(
        dir,
        &format!("r-{lang}.html"),
        &["report", "examples/healthcare-data.yaml", "--format", "html", "--lang", lang],
    )
}

#[test]
fn the_report_shows_its_chart_and_prints_to_a_pdf_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let browser = Browser::start();
    browser.viewport(1280, 900);
    for lang in ["en", "zh"] {
        let page = healthcare_report(dir.path(), lang);
        browser.open(&page);
        assert_eq!(browser.execute("return document.documentElement.lang;", json!([])), lang);
        let charts = chart_sizes(&browser);
        let chart = &charts[0];
        assert!(
            chart["width"].as_f64().unwrap() > 600.0 && chart["height"].as_f64().unwrap() > 100.0,
            "{lang}: {charts}"
        );
        let rows = browser.execute("return document.querySelectorAll('svg.chart g.row').length;", json!([]));
        assert!(rows.as_u64().unwrap() >= 2, "{lang}: the chart has a row per dimension: {rows}");
        assert!(chart["bars"].as_u64().unwrap() >= rows.as_u64().unwrap(), "{lang}: the bars show: {charts}");
        let pages = print_to_pdf(&browser, &format!("report-{lang}"));
        assert!(pages >= 2, "{lang}: the PDF has {pages} pages");
        assert_eq!(browser.requests(), [file_url(&page)], "{lang}: the page loads nothing");
        assert!(browser.console().is_empty(), "{lang}: the console has messages");
        if lang == "en" {
            fits(&browser, 1280, "the report on a desktop");
            browser.screenshot_full_page("report-desktop");
        }
    }
}

#[test]
fn the_report_fits_a_phone() {
    let dir = tempfile::tempdir().unwrap();
    let browser = Browser::start();
    browser.viewport(390, 844);
    for lang in ["en", "zh"] {
        let page = healthcare_report(dir.path(), lang);
        browser.open(&page);
        fits(&browser, 390, &format!("the {lang} report on a phone"));
        let charts = chart_sizes(&browser);
        assert!(charts[0]["width"].as_f64().unwrap() > 300.0, "{lang}: the chart on a phone: {charts}");
        // The whole page once (a long one: a few seconds), and in both languages the
        // chart and the scorecard as the phone's screen shows them.
        let name = if lang == "en" { "report-phone".to_string() } else { format!("report-phone-{lang}") };
        if lang == "en" {
            browser.screenshot_full_page(&name);
        }
        browser.execute("document.querySelector('#scorecard').scrollIntoView();", json!([]));
        browser.screenshot(&format!("{name}-scorecard"));
    }
}

#[test]
fn the_room_of_fourteen_fits_a_projector() {
    let dir = tempfile::tempdir().unwrap();
    let room = dir.path().join("room");
    common::sample(&room, 14, 4);
    let page = write(dir.path(), "cohort.html", &["cohort", &room.to_string_lossy()]);
    let browser = Browser::start();
    browser.viewport(1920, 1080);
    browser.open(&page);
    let projector = browser.execute("return document.documentElement.classList.contains('projector');", json!([]));
    assert_eq!(projector, true, "the room's page is laid out for a projector");
    let charts = chart_sizes(&browser);
    let list = charts.as_array().unwrap();
    assert!(list.len() >= 3, "the room's page draws its charts: {charts}");
    for chart in list {
        assert!(chart["width"].as_f64().unwrap() > 250.0 && chart["height"].as_f64().unwrap() > 50.0, "{charts}");
        assert!(chart["bars"].as_u64().unwrap() > 0, "every chart has a bar: {charts}");
    }
    fits(&browser, 1920, "the room's page on a projector");
    assert_eq!(browser.requests(), [file_url(&page)], "the page loads nothing");
    assert!(browser.console().is_empty(), "the console has messages");
    browser.screenshot("cohort-projector");
    browser.screenshot_full_page("cohort-projector-full");
}
