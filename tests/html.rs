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

/// The direct children of `el` named `name` (a chart's own `<title>`, not its rows').
fn children<'a>(el: ElementRef<'a>, name: &str) -> Vec<ElementRef<'a>> {
    el.children().filter_map(ElementRef::wrap).filter(|c| c.value().name() == name).collect()
}

fn text_of(el: ElementRef) -> String {
    el.text().collect()
}

/// What a count not shown reads (docs/scoring.md M.3).
/// What a count not shown reads: only a dimension scored by 1 or 2 participants in all.
const FEW: &str = "–";
/// How many scored a dimension scored by 1 or 2.
const SCORED_FEW: &str = "1–2";

/// A row's counts from `cohort --format json`: a number, or `None` for null (1 or 2).
fn shown_counts(row: &Value) -> Vec<Option<u64>> {
    row["counts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| match c {
            Value::Null => None,
            c => Some(c.as_u64().unwrap()),
        })
        .collect()
}

/// "Data: 0–25: 3, 25–50: 1–2": what a chart's or a row's `<title>` must say.
fn tip(title: &str, bins: &[(String, Option<u64>)]) -> String {
    let figures: Vec<String> =
        bins.iter().map(|(label, c)| format!("{label}: {}", c.map_or(FEW.to_string(), |c| c.to_string()))).collect();
    format!("{title}: {}", figures.join(", "))
}

/// One bar, or "1–2" and no bar: `bin` is a histogram's `g.bin` or a level chart's
/// `g.cell`; `size` reads the bar's length. Returns the (length, count) of a shown count.
fn check_count(bin: ElementRef, count: Option<u64>, size: &str, what: &str) -> Option<(f64, u64)> {
    let bars = select(bin, "rect");
    match count {
        Some(c) => {
            assert_eq!(bars.len(), 1, "{what}: a shown count has one bar");
            let figures = select(bin, "text.count");
            assert_eq!(figures.len(), 1, "{what}");
            assert_eq!(text_of(figures[0]), c.to_string(), "{what}: the figure on the chart is the data's");
            assert!(select(bin, "text.few").is_empty(), "{what}");
            Some((attr(bars[0], size), c))
        }
        None => {
            assert!(bars.is_empty(), "{what}: a count of 1 or 2 is drawn as a bar: {}", bin.html());
            assert!(select(bin, "text.count").is_empty(), "{what}");
            let few = select(bin, "text.few");
            assert_eq!(few.len(), 1, "{what}");
            assert_eq!(text_of(few[0]), FEW, "{what}");
            None
        }
    }
}

/// Every bar of one table's charts on one scale: length = k × count, k from the longest
/// (lengths are written to 2 decimals, so each is within 0.005 of its value).
fn check_one_scale(bars: &[(f64, u64)], what: &str) {
    let Some(&(len, c)) = bars.iter().max_by_key(|(_, c)| *c).filter(|(_, c)| *c > 0) else {
        assert!(bars.iter().all(|(l, _)| close(*l, 0.0)), "{what}: zero bars have no length");
        return;
    };
    let k = len / c as f64;
    assert!(k > 0.0, "{what}");
    for (l, c) in bars {
        assert!((l - k * *c as f64).abs() <= 0.0101, "{what}: a bar of {c} is {l} long, not {}", k * *c as f64);
    }
}

/// The cohort page's charts against `cohort --format json`: the spread per dimension
/// (lowest to highest, median, mean; nothing for a dimension scored by 1 or 2), every
/// histogram column and level bar on the scale of its table, and every count of 1 or 2
/// written "1–2" with no bar, in the charts and in their titles.
fn check_cohort_charts(data: &Value, html: &str, what: &str) {
    let page = parse_html(html);
    let charts = select(page.root_element(), "svg.chart");
    let dimensions = data["dimensions"].as_array().unwrap();
    let titles: Vec<String> = dimensions.iter().map(|d| d["title"].as_str().unwrap().to_string()).collect();
    let mut stats: Vec<&Value> = dimensions.iter().collect();
    stats.push(&data["overall"]);
    let spread = select(charts[0], "g.row");
    assert_eq!(spread.len(), stats.len(), "{what}");
    for (row, s) in spread.iter().zip(&stats) {
        let drawn =
            select(*row, "rect.range").len() + select(*row, "line.median").len() + select(*row, "circle.mean").len();
        if s["few"] == true {
            assert_eq!(drawn, 0, "{what}: a dimension scored by 1 or 2 draws nothing: {s}");
            assert_eq!(text_of(select(*row, "text.few")[0]), scored_few(data), "{what}");
            continue;
        }
        let Some(min) = s["min"].as_f64() else {
            assert_eq!(drawn, 0, "{what}: {s}");
            assert_eq!(select(*row, "text.none").len(), 1, "{what}: {s}");
            continue;
        };
        let range = select(*row, "rect.range")[0];
        assert!(close(points(attr(range, "x") - 8.0), min), "{what}");
        assert!(close(points(attr(range, "width")), s["max"].as_f64().unwrap() - min), "{what}");
        assert!(close(points(attr(select(*row, "line.median")[0], "x1") - 8.0), s["median"].as_f64().unwrap()));
        assert!(close(points(attr(select(*row, "circle.mean")[0], "cx") - 8.0), s["mean"].as_f64().unwrap()));
    }

    let histograms = select(page.root_element(), "svg.histogram");
    assert_eq!(histograms.len(), dimensions.len(), "{what}");
    let rows = data["histogram"].as_array().unwrap();
    let mut bars = Vec::new();
    for (d, chart) in histograms.iter().enumerate() {
        let bins = select(*chart, "g.bin");
        assert_eq!(bins.len(), rows.len(), "{what}: a column per score range");
        let mut expected = Vec::new();
        for (bin, row) in bins.iter().zip(rows) {
            let label = row["label"].as_str().unwrap().to_string();
            let count = shown_counts(row)[d];
            bars.extend(check_count(*bin, count, "height", &format!("{what}: histogram {d} {label}")));
            if count.is_none() {
                assert_eq!(
                    squeeze(&text_of(*bin)),
                    squeeze(&format!("{FEW}{label}")),
                    "{what}: only 1–2 and the range"
                );
            }
            expected.push((label, count));
        }
        assert_eq!(text_of(children(*chart, "title")[0]), tip(&titles[d], &expected), "{what}");
    }
    check_one_scale(&bars, &format!("{what}: the histograms share one scale"));

    if data["levels_repeat_histogram"] == true {
        // The histogram's ranges are the levels: one set of charts, no second.
        assert_eq!(charts.len(), 1 + dimensions.len(), "{what}: the spread and a histogram per dimension");
        return;
    }
    let levels = select(charts[charts.len() - 1], "g.row");
    assert_eq!(levels.len(), dimensions.len(), "{what}");
    let level_rows = data["levels"].as_array().unwrap();
    let mut bars = Vec::new();
    for (d, row) in levels.iter().enumerate() {
        let cells = select(*row, "g.cell");
        assert_eq!(cells.len(), level_rows.len(), "{what}: a cell per level");
        let mut expected = Vec::new();
        for (cell, level) in cells.iter().zip(level_rows) {
            let label = level["label"].as_str().unwrap().to_string();
            let count = shown_counts(level)[d];
            bars.extend(check_count(*cell, count, "width", &format!("{what}: levels {d} {label}")));
            expected.push((label, count));
        }
        assert_eq!(text_of(children(*row, "title")[0]), tip(&titles[d], &expected), "{what}");
    }
    check_one_scale(&bars, &format!("{what}: the level bars share one scale"));
}

/// "Scored: 1–2" in the page's language.
fn scored_few(data: &Value) -> String {
    let lang = moat::text::Lang::parse(data["lang"].as_str().unwrap()).unwrap();
    let label = |key| moat::text::labels::label(lang, key).unwrap();
    format!("{}{}{SCORED_FEW}", label("cohort_assessed"), label(":"))
}

/// `moat [global] cohort ROOM ARGS`, as markdown, JSON and HTML, in `lang`.
struct Room {
    global: Vec<String>,
    args: Vec<String>,
}

impl Room {
    fn new(room: &std::path::Path) -> Room {
        Room { global: Vec::new(), args: vec![room.display().to_string()] }
    }

    fn arg(mut self, arg: &str) -> Room {
        self.args.push(arg.to_string());
        self
    }

    fn render(&self, lang: &str, format: &str) -> String {
        let mut cmd = moat();
        cmd.args(&self.global).arg("cohort").args(&self.args).args(["--lang", lang, "--format", format]);
        let output = cmd.output().unwrap();
        assert!(output.status.success(), "{:?}: {}", self.args, stderr(&output));
        stdout(&output)
    }

    fn json(&self) -> Value {
        serde_json::from_str(&self.render("en", "json")).unwrap()
    }
}

/// A folder holding copies of the `examples/` files named.
fn room_of(dir: &std::path::Path, name: &str, examples: &[&str]) -> std::path::PathBuf {
    let room = dir.join(name);
    std::fs::create_dir_all(&room).unwrap();
    for e in examples {
        std::fs::copy(repo(&format!("examples/{e}.yaml")), room.join(format!("{e}.yaml"))).unwrap();
    }
    room
}

/// A room of 5 where one dimension is scored by 2 (the other three answer "not relevant"),
/// under a definition of two dimensions added to the built-in ones (which nobody answered).
fn room_with_a_few(dir: &std::path::Path) -> Room {
    let defs = dir.join("defs");
    std::fs::create_dir_all(&defs).unwrap();
    std::fs::write(
        defs.join("duo.yaml"),
        r#"id: duo
version: 1
title: {en: Duo, zh: 双维}
dimensions:
  - {id: core, title: {en: Core, zh: 核心}}
  - {id: side, title: {en: Side line, zh: 副线}}
levels:
  - {min: 0, name: {en: Low, zh: 低}}
  - {min: 50, name: {en: High, zh: 高}}
sections:
  - id: all
    title: {en: All, zh: 全部}
    questions:
      - id: core
        title: {en: Core question, zh: 核心问题}
        prompt: {en: How strong is the core?, zh: 核心有多强？}
        dimensions: {core: 1}
        options:
          - {id: weak, label: {en: Weak, zh: 弱}, score: 1}
          - {id: fair, label: {en: Fair, zh: 中}, score: 2}
          - {id: strong, label: {en: Strong, zh: 强}, score: 4}
      - id: side
        title: {en: Side question, zh: 副线问题}
        prompt: {en: How strong is the side line?, zh: 副线有多强？}
        dimensions: {side: 1}
        options:
          - {id: weak, label: {en: Weak, zh: 弱}, score: 0}
          - {id: strong, label: {en: Strong, zh: 强}, score: 4}
          - {id: na, label: {en: Not relevant, zh: 不适用}, na: true}
"#,
    )
    .unwrap();
    let room = dir.join("duo-room");
    std::fs::create_dir_all(&room).unwrap();
    for (i, (core, side)) in
        [("weak", "weak"), ("fair", "na"), ("strong", "na"), ("strong", "strong"), ("fair", "na")].iter().enumerate()
    {
        std::fs::write(
            room.join(format!("p{i}.yaml")),
            format!("moat: 1\nrespondent: {{name: P{i}}}\nanswers:\n  duo:\n    core: {core}\n    side: {side}\n"),
        )
        .unwrap();
    }
    let mut r = Room::new(&room);
    r.global = vec!["--assessments".into(), defs.display().to_string()];
    r
}

/// The cohort's charts draw the figures of `cohort --format json`, for the examples (5,
/// most counts 1–2), a sampled room of 14, and a room with a dimension scored by 2.
#[test]
fn the_cohort_charts_draw_the_figures_of_the_data() {
    let dir = tempfile::tempdir().unwrap();
    sample(&dir.path().join("room14"), 14, 4);
    let rooms = [Room::new(&repo("examples")), Room::new(&dir.path().join("room14")), room_with_a_few(dir.path())];
    for room in &rooms {
        for lang in ["en", "zh"] {
            let data: Value = serde_json::from_str(&room.render(lang, "json")).unwrap();
            let html = room.render(lang, "html");
            check_html(&html).unwrap();
            check_cohort_charts(&data, &html, &format!("{:?} {lang}", room.args));
        }
    }
    let few = rooms[2].json();
    assert_eq!(few["dimensions"].as_array().unwrap().last().unwrap()["few"], true, "the room has a dimension of 2");
}

/// Issue 16 on the page: in a room of 5 where several score ranges and levels hold 1 or
/// 2 participants, no such count is shown anywhere, nor one that gives it away. The true
/// counts come from each file's own report; the page must agree with them over each
/// row's span. (Before, such counts read "1–2", and the dimension's count less the
/// counts beside them told which.)
#[test]
fn a_room_of_five_shows_no_count_of_one_or_two_anywhere() {
    // The five respondents of examples/ (healthcare-data.yaml is an earlier file of one of them).
    const FIVE: [&str; 5] =
        ["backs-nothing", "cash-flow-positive", "foundation-lab", "healthcare-data-later", "thin-wrapper"];
    let dir = tempfile::tempdir().unwrap();
    let whole = Room::new(&room_of(dir.path(), "five", &FIVE));
    let data = whole.json();
    assert_eq!(data["participants"], 5);
    let html = whole.render("en", "html");
    check_html(&html).unwrap();
    check_cohort_charts(&data, &html, "room of 5");

    // The truth, from each participant's own report.
    let reports: Vec<Value> = FIVE.iter().map(|e| json(&["report", &format!("examples/{e}.yaml")])).collect();
    let dims: Vec<&str> = data["dimensions"].as_array().unwrap().iter().map(|d| d["id"].as_str().unwrap()).collect();
    let of =
        |report: &Value, id: &str| report["dimensions"].as_array().unwrap().iter().find(|d| d["id"] == id).cloned();
    let range = |label: &str| -> (f64, f64) {
        let (low, high) = label.split_once('–').unwrap();
        (low.parse().unwrap(), high.parse().unwrap())
    };
    // Every count shown is the truth over its row's span (ranges and levels holding 1 or
    // 2 are merged with a neighbour) and is 0 or at least 3; a dimension with 1 or 2
    // scores in all shows none.
    let column_total =
        |d: usize| reports.iter().filter(|r| of(r, dims[d]).and_then(|x| x["score"].as_f64()).is_some()).count() as u64;
    let expect = |truth: u64, d: usize| {
        let total = column_total(d);
        (total == 0 || total >= 3).then_some(truth)
    };
    let mut rows = 0;
    for row in data["histogram"].as_array().unwrap() {
        let (low, high) = range(row["label"].as_str().unwrap());
        for (d, shown) in shown_counts(row).into_iter().enumerate() {
            let truth = reports
                .iter()
                .filter_map(|r| of(r, dims[d]).and_then(|x| x["score"].as_f64()))
                .filter(|s| *s >= low && (*s < high || (high == 100.0 && *s <= 100.0)))
                .count() as u64;
            assert_eq!(shown, expect(truth, d), "histogram {} of {}", row["label"], dims[d]);
            assert!(shown.is_none_or(|c| c == 0 || c >= 3), "histogram {} of {}", row["label"], dims[d]);
        }
        rows += 1;
    }
    // The levels in order (the built-ins' English names).
    const LEVELS: [&str; 4] = ["Nascent", "Emerging", "Established", "Leading"];
    for row in data["levels"].as_array().unwrap() {
        let label = row["label"].as_str().unwrap();
        let (first, last) = label.split_once('–').unwrap_or((label, label));
        let rank = |name: &str| LEVELS.iter().position(|l| *l == name).unwrap();
        let span = &LEVELS[rank(first)..=rank(last)];
        for (d, shown) in shown_counts(row).into_iter().enumerate() {
            let truth = reports
                .iter()
                .filter(|r| of(r, dims[d]).is_some_and(|x| x["level"].as_str().is_some_and(|l| span.contains(&l))))
                .count() as u64;
            assert_eq!(shown, expect(truth, d), "level {label} of {}", dims[d]);
        }
    }
    assert!(rows < 4, "a room of 5 cannot show four ranges without a count of 1 or 2");

    // Nothing else on the page carries a figure of its own: every attribute of a chart
    // is geometry, paint or a class.
    const CHART_ATTRIBUTES: &[&str] = &[
        "class",
        "viewBox",
        "viewbox",
        "role",
        "xmlns",
        "x",
        "y",
        "x1",
        "y1",
        "x2",
        "y2",
        "cx",
        "cy",
        "r",
        "rx",
        "width",
        "height",
        "fill",
        "stroke",
        "stroke-width",
        "font-size",
        "font-weight",
        "font-style",
        "text-anchor",
    ];
    let page = parse_html(&html);
    for svg in select(page.root_element(), "svg") {
        for el in svg.descendants().filter_map(ElementRef::wrap).chain([svg]) {
            for (name, _) in el.value().attrs() {
                assert!(CHART_ATTRIBUTES.contains(&name), "<{} {name}>", el.value().name());
            }
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
/// The markdown cohort's bars (`████ 4`) are what its charts replace.
fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace() && *c != '\u{200B}' && *c != '█').collect()
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

/// The text blocks of a page outside its charts and its screen-only hints: headings,
/// paragraphs, list items and table cells, each squeezed.
fn page_blocks(html: &str) -> Vec<String> {
    let page = parse_html(html);
    select(page.root_element(), "body h1, body h2, body h3, body h4, body p, body li, body th, body td")
        .into_iter()
        .filter(|el| {
            !el.ancestors()
                .filter_map(ElementRef::wrap)
                .chain([*el])
                .any(|a| a.value().name() == "figure" || a.value().classes().any(|c| c == "screen-only"))
        })
        .map(|el| squeeze(&text_of(el)))
        .filter(|b| !b.is_empty())
        .collect()
}

/// One source of truth for the room: the cohort page says every word of the cohort
/// report, and outside its charts (whose figures `the_cohort_charts_draw_the_figures_of_the_data`
/// holds against the data) nothing the report does not say, so it withholds what the
/// report withholds. The rooms reach every part of both templates: counts of 1–2
/// (examples), shared gaps and flags with topics from them, an unfinished file left out
/// and one counted and marked, the table with its note, a dimension scored by 2, and a
/// room of 3 that is withheld.
#[test]
fn the_cohort_page_says_what_the_cohort_report_says_and_no_more() {
    let dir = tempfile::tempdir().unwrap();
    let room14 = dir.path().join("room14");
    sample(&room14, 14, 4);
    let mut files: Vec<_> = std::fs::read_dir(&room14).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let first = std::fs::read_to_string(&files[0]).unwrap();
    assert!(first.contains("status: complete"));
    std::fs::write(&files[0], first.replacen("status: complete", "status: in_progress", 1)).unwrap();
    let rooms = [
        Room::new(&repo("examples")),
        Room::new(&room14),
        Room::new(&room14).arg("--table").arg("--include-unfinished"),
        room_with_a_few(dir.path()),
        Room::new(&room_of(dir.path(), "three", &["thin-wrapper", "backs-nothing", "foundation-lab"])),
    ];
    let mut seen = std::collections::BTreeSet::new();
    for room in &rooms {
        for lang in ["en", "zh"] {
            let md = room.render(lang, "md");
            let html = room.render(lang, "html");
            check_html(&html).unwrap();
            let what = format!("{:?} {lang}", room.args);
            let text = squeeze(&html_text(&html));
            let blocks = markdown_blocks(&md);
            for block in &blocks {
                assert!(text.contains(block.as_str()), "{what}: the page lacks `{block}`");
            }
            let said = blocks.concat();
            for block in page_blocks(&html) {
                assert!(said.contains(&block), "{what}: the page says `{block}`, the report does not");
            }
            let data: Value = serde_json::from_str(&room.render(lang, "json")).unwrap();
            for (key, part) in [
                ("withheld", "withheld"),
                ("common_gaps", "gaps"),
                ("common_flags", "flags"),
                ("table", "table"),
                ("table_note", "note"),
                ("intake_notes", "intake"),
                ("discussion_from_dimensions", "topics from dimensions"),
            ] {
                if data[key] == true
                    || data[key].as_array().is_some_and(|a| !a.is_empty())
                    || data[key].as_str().is_some_and(|s| !s.is_empty())
                {
                    seen.insert(part);
                }
            }
            if data["dimensions"].as_array().unwrap().iter().any(|d| d["few"] == true) {
                seen.insert("few");
            }
            if data["table"].as_array().unwrap().iter().any(|r| r["unfinished"] == true) {
                seen.insert("unfinished");
            }
            if data["discussion"].as_array().unwrap().iter().any(|t| t["because"] != "") {
                seen.insert("topics from gaps");
            }
        }
    }
    assert_eq!(seen.len(), 10, "the rooms reach every part of the templates: {seen:?}");
}

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

/// The cohort page's one founder-written text, the names of `--named`, is text too.
#[test]
fn hostile_names_in_the_cohort_table_add_nothing_to_the_page() {
    let dir = tempfile::tempdir().unwrap();
    let render = |hostile: &str, room: &str| {
        let room = dir.path().join(room);
        std::fs::create_dir_all(&room).unwrap();
        for i in 0..4 {
            std::fs::write(room.join(format!("p{i}.yaml")), hostile_file(&format!("{hostile} {i}"))).unwrap();
        }
        let output = with_mini()
            .current_dir(dir.path())
            .arg("cohort")
            .arg(&room)
            .args(["--named", "--format", "html"])
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", stderr(&output));
        stdout(&output)
    };
    let html = render(HOSTILE, "hostile");
    check_html(&html).unwrap();
    assert_eq!(structure(&html), structure(&render("plain words", "plain")), "a name changed the page's elements");
    assert!(html_text(&html).contains("<script>alert(1)</script>"), "the hostile name shows as text");
    assert_eq!(html.matches("<script").count(), 0);
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

/// Fewer than four participants: the page withholds every figure, as the markdown does,
/// and says why.
#[test]
fn a_cohort_of_three_shows_no_chart() {
    let dir = tempfile::tempdir().unwrap();
    let room = Room::new(&room_of(dir.path(), "three", &["thin-wrapper", "healthcare-data", "backs-nothing"]));
    let data = room.json();
    assert_eq!((data["participants"].as_u64(), data["withheld"].as_bool()), (Some(3), Some(true)));
    let html = room.render("en", "html");
    check_html(&html).unwrap();
    assert!(!html.contains("<svg") && !html.contains("<table"), "no chart and no table for three people");
    let text = html_text(&html);
    assert!(
        text.contains(data["texts"]["withheld"].as_str().unwrap())
            && text.contains(data["texts"]["rule"].as_str().unwrap())
    );
    assert!(!text.contains("Discussion topics"), "not even the topics, which come from the room's answers");
}
