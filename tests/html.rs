//! The HTML reports (issue 15): `report --format html`, `report --brief --format html`
//! and `cohort --format html`, read back with a real HTML parser. They must hold the
//! markdown report's content, draw charts whose figures are the data's, stay inert on
//! hostile answers, load nothing, and be all Chinese in Chinese. (Screenshots and "runs
//! no script" in a real browser are the browser tests' job.)

mod common;
use common::*;
use scraper::{ElementRef, Selector};
use serde_json::Value;

fn run(args: &[&str]) -> String {
    let output = moat().current_dir(repo("")).args(args).output().unwrap();
    assert!(output.status.success(), "{args:?}: {}", stderr(&output));
    stdout(&output)
}

fn json(args: &[&str]) -> Value {
    let mut args = args.to_vec();
    args.extend(["--format", "json"]);
    serde_json::from_str(&run(&args)).unwrap()
}

fn select<'a>(root: ElementRef<'a>, css: &str) -> Vec<ElementRef<'a>> {
    root.select(&Selector::parse(css).unwrap()).collect()
}

fn attr(el: ElementRef, name: &str) -> f64 {
    el.value().attr(name).unwrap_or_else(|| panic!("no {name}")).parse().unwrap()
}

/// Charts draw 6 units a point from x = 8 (src/render/charts.rs).
fn points(units: f64) -> f64 {
    units / moat::render::charts::UNITS_PER_POINT
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 0.01
}

const EXAMPLES: &[&str] = &[
    "examples/thin-wrapper.yaml",
    "examples/healthcare-data.yaml",
    "examples/foundation-lab.yaml",
    "examples/backs-nothing.yaml",
    "examples/cash-flow-positive.yaml",
];

#[test]
fn every_example_gives_a_safe_well_formed_page_in_both_languages() {
    for example in EXAMPLES {
        for lang in ["en", "zh"] {
            for brief in [false, true] {
                let mut args = vec!["report", example, "--format", "html", "--lang", lang];
                if brief {
                    args.push("--brief");
                }
                let html = run(&args);
                check_html(&html).unwrap_or_else(|e| panic!("{args:?}: {e}"));
                assert!(html.contains(&format!("<html lang=\"{lang}\">")), "{args:?}");
            }
        }
    }
    for lang in ["en", "zh"] {
        let html = run(&["cohort", "examples", "--format", "html", "--lang", lang]);
        check_html(&html).unwrap_or_else(|e| panic!("cohort {lang}: {e}"));
    }
}

/// The score chart has a row per dimension and one for the overall score, and each bar
/// is as long as the figure `--format json` gives (the target is a mark at its value).
#[test]
fn the_score_chart_draws_the_figures_of_the_data() {
    for example in EXAMPLES {
        let data = json(&["report", example]);
        let page = parse_html(&run(&["report", example, "--format", "html"]));
        let chart = select(page.root_element(), "svg.chart")[0];
        let rows = select(chart, "g.row");
        let dimensions = data["dimensions"].as_array().unwrap();
        assert_eq!(rows.len(), dimensions.len() + 1, "{example}: a row per dimension and the overall");
        let mut figures: Vec<&Value> = dimensions.iter().collect();
        figures.push(&data["overall"]);
        for (row, figure) in rows.iter().zip(figures) {
            let bar = |class: &str| select(*row, &format!("rect.{class}")).first().map(|r| points(attr(*r, "width")));
            match figure["score"].as_f64() {
                Some(score) => {
                    assert!(close(bar("credited").unwrap(), score), "{example}: credited {figure}");
                    assert!(close(bar("claimed").unwrap(), figure["claimed"].as_f64().unwrap()), "{example}: claimed");
                }
                None => assert_eq!(bar("credited"), None, "{example}: a dimension not assessed has no bar"),
            }
            let target = select(*row, "line.target").first().map(|l| points(attr(*l, "x1") - 8.0));
            match figure.get("target").and_then(Value::as_f64) {
                Some(t) => assert!(close(target.unwrap(), t), "{example}: target {figure}"),
                None => assert_eq!(target, None),
            }
        }
    }
}

/// The cohort's charts: the spread per dimension (lowest to highest, median, mean), the
/// histogram columns and the level bars, against `cohort --format json`.
#[test]
fn the_cohort_charts_draw_the_figures_of_the_data() {
    let data = json(&["cohort", "examples"]);
    let page = parse_html(&run(&["cohort", "examples", "--format", "html"]));
    let charts = select(page.root_element(), "svg.chart");
    let dimensions = data["dimensions"].as_array().unwrap();
    let mut stats: Vec<&Value> = dimensions.iter().collect();
    stats.push(&data["overall"]);
    let spread = select(charts[0], "g.row");
    assert_eq!(spread.len(), stats.len());
    for (row, s) in spread.iter().zip(&stats) {
        let range = select(*row, "rect.range")[0];
        assert!(close(points(attr(range, "x") - 8.0), s["min"].as_f64().unwrap()));
        assert!(close(points(attr(range, "width")), s["max"].as_f64().unwrap() - s["min"].as_f64().unwrap()));
        assert!(close(points(attr(select(*row, "line.median")[0], "x1") - 8.0), s["median"].as_f64().unwrap()));
        assert!(close(points(attr(select(*row, "circle.mean")[0], "cx") - 8.0), s["mean"].as_f64().unwrap()));
    }
    let histograms = select(page.root_element(), "svg.histogram");
    assert_eq!(histograms.len(), dimensions.len());
    let rows = data["histogram"].as_array().unwrap();
    let top = rows.iter().flat_map(|r| r["counts"].as_array().unwrap()).filter_map(Value::as_u64).max().unwrap();
    for (d, chart) in histograms.iter().enumerate() {
        let counts: Vec<u64> =
            select(*chart, "text.count").iter().map(|t| t.text().collect::<String>().parse().unwrap()).collect();
        let expected: Vec<u64> = rows.iter().map(|r| r["counts"][d].as_u64().unwrap()).collect();
        assert_eq!(counts, expected, "histogram of dimension {d}");
        for (bin, count) in select(*chart, "rect.bin").iter().zip(&expected) {
            assert!(close(attr(*bin, "height"), 150.0 * *count as f64 / top as f64), "the columns share one scale");
        }
    }
    let levels = select(charts[charts.len() - 1], "g.row");
    assert_eq!(levels.len(), dimensions.len());
    let level_rows = data["levels"].as_array().unwrap();
    for (d, row) in levels.iter().enumerate() {
        let counts: Vec<u64> = level_rows.iter().map(|l| l["counts"][d].as_u64().unwrap()).filter(|&c| c > 0).collect();
        let total: u64 = counts.iter().sum();
        let widths: Vec<f64> = select(*row, "rect.level").iter().map(|r| attr(*r, "width")).collect();
        assert_eq!(widths.len(), counts.len());
        for (w, c) in widths.iter().zip(&counts) {
            assert!(close(*w, 600.0 * *c as f64 / total as f64));
        }
    }
}

/// The words a markdown reader sees, block by block (a paragraph, a list item, a table
/// cell, a heading), without blanks: the HTML page must show each of them. The bars of
/// the markdown (`███░░`, `···` when not assessed) and its "Bar" column are what the
/// SVG chart replaces.
fn markdown_blocks(md: &str) -> Vec<String> {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let mut blocks = Vec::new();
    let mut current = String::new();
    for event in Parser::new_ext(md, Options::ENABLE_TABLES) {
        match event {
            Event::Text(t) => current.push_str(&t),
            Event::Code(c) if !c.chars().all(|ch| "█░·".contains(ch)) => current.push_str(&c),
            Event::SoftBreak | Event::HardBreak => current.push(' '),
            Event::Start(Tag::Item | Tag::TableCell | Tag::Paragraph | Tag::Heading { .. })
            | Event::End(TagEnd::Item | TagEnd::TableCell | TagEnd::Paragraph | TagEnd::Heading(_)) => {
                blocks.push(std::mem::take(&mut current))
            }
            _ => {}
        }
    }
    blocks.push(current);
    blocks.into_iter().map(|b| squeeze(&b)).filter(|b| !b.is_empty()).collect()
}

/// Text without blanks or the zero-width spaces the markdown escape adds to break autolinks.
fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace() && *c != '\u{200B}').collect()
}

/// One source of truth: the HTML page says everything the markdown report says. A
/// template change that drops or rewords something in one layout only fails here. The
/// examples and a sampled batch between them reach every part of both templates
/// ("don't know" answers, interview first, metrics not computable...).
#[test]
fn the_page_holds_every_word_of_the_markdown_report() {
    let dir = tempfile::tempdir().unwrap();
    sample(dir.path(), 8, 3);
    let mut files: Vec<String> = EXAMPLES.iter().map(|e| e.to_string()).collect();
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        files.push(entry.unwrap().path().display().to_string());
    }
    files.sort();
    for example in &files {
        let example = example.as_str();
        for lang in ["en", "zh"] {
            for brief in [false, true] {
                let mut base = vec!["report", example, "--lang", lang];
                if brief {
                    base.push("--brief");
                }
                let md = run(&base);
                let mut args = base.clone();
                args.extend(["--format", "html"]);
                let text = squeeze(&html_text(&run(&args)));
                let bar = moat::text::labels::label(moat::text::Lang::parse(lang).unwrap(), "bar").unwrap();
                for block in markdown_blocks(&md) {
                    if block == bar {
                        continue;
                    }
                    assert!(text.contains(&block), "{args:?}: the page lacks `{block}`");
                }
            }
        }
    }
}

/// A hostile answers file: every text a founder controls tries to add markup, a script,
/// an event handler, a link, a style or template code.
fn hostile_file(hostile: &str) -> String {
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

const HOSTILE: &str =
    "<script>alert(1)</script>\"><svg onload=alert(1)><a href=\"javascript:x\">y</a>' onmouseover='x' \
    </style><style>body{background:url(http://e.com/x)}</style><img src=http://e.com/p.png> {{lang}} {{{respondent}}} \
    &lt;b&gt; &#60;i&#62; \u{1b}[31m \u{202e} \u{0}";

/// The element and attribute names of a page, in document order: text can change what
/// the page says, never what it is made of.
fn structure(html: &str) -> Vec<String> {
    let page = parse_html(html);
    page.root_element()
        .descendants()
        .filter_map(ElementRef::wrap)
        .map(|e| {
            let mut attrs: Vec<&str> = e.value().attrs().map(|(name, _)| name).collect();
            attrs.sort_unstable();
            format!("{} {}", e.value().name(), attrs.join(" "))
        })
        .collect()
}

#[test]
fn hostile_text_adds_no_element_attribute_or_script_and_shows_as_text() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("hostile.yaml"), hostile_file(HOSTILE)).unwrap();
    std::fs::write(dir.path().join("plain.yaml"), hostile_file("plain words")).unwrap();
    for lang in ["en", "zh"] {
        for brief in [false, true] {
            let render = |file: &str| {
                let mut cmd = with_mini();
                cmd.current_dir(dir.path()).args(["report", file, "--format", "html", "--lang", lang]);
                if brief {
                    cmd.arg("--brief");
                }
                let output = cmd.output().unwrap();
                assert!(output.status.success(), "{}", stderr(&output));
                stdout(&output)
            };
            let html = render("hostile.yaml");
            check_html(&html).unwrap_or_else(|e| panic!("{lang} brief={brief}: {e}"));
            assert_eq!(structure(&html), structure(&render("plain.yaml")), "answer text changed the page's elements");
            let text = html_text(&html);
            assert!(text.contains("<script>alert(1)</script>"), "the hostile name shows as text");
            assert!(
                text.contains("{{lang}}") && text.contains("&lt;b&gt;"),
                "template code and entities show as written"
            );
            assert!(!html.contains('\u{1b}') && !html.contains('\u{202e}') && !html.contains('\u{0}'));
            assert_eq!(html.matches("<script").count(), 0);
            assert_eq!(html.matches("<style>").count(), 1, "one stylesheet, moat's");
        }
    }
}

/// A template of one's own with `--format html` is escaped for HTML, not markdown.
#[test]
fn a_users_html_template_is_escaped_for_html() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("hostile.yaml"), hostile_file(HOSTILE)).unwrap();
    std::fs::write(dir.path().join("mine.hbs"), "<p title=\"{{respondent.name}}\">{{respondent.sector}}</p>\n")
        .unwrap();
    let output = with_mini()
        .current_dir(dir.path())
        .args(["report", "hostile.yaml", "--format", "html", "--template", "mine.hbs"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let html = stdout(&output);
    assert!(html.starts_with("<p title=\"&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;"), "{html}");
    assert!(!html.contains("<img") && !html.contains("\\["), "HTML escaping, not markdown escaping: {html}");
    let page = parse_html(&html);
    assert_eq!(select(page.root_element(), "body *").len(), 1, "one element, the template's");
}

/// Chinese pages are Chinese: once the answers file's own texts (names, notes) and the
/// definitions' (titles, options) are set aside, no English word is left.
#[test]
fn the_chinese_page_has_no_english_word_of_its_own() {
    for args in [
        &["report", "examples/healthcare-data.yaml", "--lang", "zh"][..],
        &["report", "examples/thin-wrapper.yaml", "--lang", "zh", "--brief"],
        &["cohort", "examples", "--lang", "zh"],
    ] {
        let mut strings = Vec::new();
        collect_strings(&json(args), &mut strings);
        strings.sort_by_key(|s| std::cmp::Reverse(s.len()));
        let mut html_args = args.to_vec();
        html_args.extend(["--format", "html"]);
        let html = run(&html_args);
        assert!(html.contains("<html lang=\"zh\""));
        let mut text = html_text(&html);
        let page = parse_html(&html);
        for title in select(page.root_element(), "head title") {
            text.push_str(&title.text().collect::<String>());
        }
        for labelled in select(page.root_element(), "[aria-label]") {
            text.push(' ');
            text.push_str(labelled.value().attr("aria-label").unwrap_or_default());
        }
        for s in &strings {
            text = text.replace(s.as_str(), " ");
        }
        let words: Vec<&str> = text
            .split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| w.len() >= 2 && !["PDF", "Ctrl", "Mac"].contains(w))
            .collect();
        assert!(words.is_empty(), "{args:?}: English words on the Chinese page: {words:?}");
    }
}

fn collect_strings(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) => out.push(s.trim().to_string()),
        Value::Array(items) => items.iter().for_each(|v| collect_strings(v, out)),
        Value::Object(map) => map.values().for_each(|v| collect_strings(v, out)),
        _ => {}
    }
}

/// `-o NAME.html` writes the page without `--format`; `--format` still wins.
#[test]
fn an_html_file_name_asks_for_the_page() {
    let dir = tempfile::tempdir().unwrap();
    let example = repo("examples/thin-wrapper.yaml");
    for (args, page) in [
        (vec!["-o", "r.html"], true),
        (vec!["-o", "R.HTM"], true),
        (vec!["-o", "r.md"], false),
        (vec!["-o", "r.html", "--format", "md"], false),
        (vec!["-o", "r.txt", "--format", "html"], true),
    ] {
        let out = dir.path().join(args[1]);
        moat().current_dir(dir.path()).arg("report").arg(&example).args(&args).assert().success();
        let text = std::fs::read_to_string(&out).unwrap();
        assert_eq!(text.starts_with("<!DOCTYPE html>"), page, "{args:?}");
        std::fs::remove_file(&out).unwrap();
    }
    moat().current_dir(dir.path()).args(["cohort"]).arg(repo("examples")).args(["-o", "room.html"]).assert().success();
    assert!(std::fs::read_to_string(dir.path().join("room.html")).unwrap().starts_with("<!DOCTYPE html>"));
    let refused =
        moat().arg("report").arg(&example).args(["--format", "json", "--template", "x.hbs"]).output().unwrap();
    assert_eq!(refused.status.code(), Some(2));
}

/// Fewer than three participants: the page withholds every figure, as the markdown does.
#[test]
fn a_cohort_of_two_shows_no_chart() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["thin-wrapper", "healthcare-data"] {
        std::fs::copy(repo(&format!("examples/{name}.yaml")), dir.path().join(format!("{name}.yaml"))).unwrap();
    }
    let output = moat().arg("cohort").arg(dir.path()).args(["--format", "html"]).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let html = stdout(&output);
    check_html(&html).unwrap();
    assert!(!html.contains("<svg"), "no chart for two people");
}
