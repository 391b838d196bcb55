//! The SVG charts of the HTML reports, in one place: drawn from the numbers of the
//! template data and nothing else, with every text escaped. The helpers that templates
//! call (`score_chart`, `spread_chart`, `histogram_chart`, `levels_chart`) read the data
//! into the rows below; the functions here only draw.
//!
//! Every chart scales with its `viewBox` (the CSS sets the width), carries a `<title>`
//! for screen readers, and marks each drawn figure with a class (`credited`, `claimed`,
//! `target`, ...) so that a test can read the values back from the geometry.

use super::helpers::lang_of;
use super::html::escape_html;
use crate::text::labels::fixed_text;
use crate::text::number::one_decimal;
use handlebars::{
    Context, Handlebars, Helper, HelperResult, Output, RenderContext, RenderError as HbRenderError, RenderErrorReason,
};
use serde_json::Value;
use std::fmt::Write as _;

/// Width of every horizontal chart, in SVG units.
const WIDTH: f64 = 720.0;
/// Where the 0-100 track starts, and how many units one point takes.
const TRACK_X: f64 = 8.0;
pub const UNITS_PER_POINT: f64 = 6.0;
/// Where the value column starts, right of the track.
const VALUES_X: f64 = TRACK_X + 100.0 * UNITS_PER_POINT + 16.0;
const ROW: f64 = 52.0;
const TOP: f64 = 40.0;

const INK: &str = "#1f2328";
const MUTED: &str = "#59636e";
const GRID: &str = "#d0d7de";
const CREDITED: &str = "#1f4e79";
const CLAIMED: &str = "#9dbbe0";
const TARGET: &str = "#c0392b";
const RANGE: &str = "#b6c2cf";
const MEAN: &str = "#d9822b";
/// The mean's figure: the marker's colour, dark enough to read as text.
const MEAN_TEXT: &str = "#a85200";

/// One row of the report's score chart.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreRow {
    pub title: String,
    pub credited: Option<f64>,
    pub claimed: Option<f64>,
    pub target: Option<f64>,
    /// The overall score: drawn last, below a rule, its title in bold.
    pub overall: bool,
}

/// The words a chart prints, in the report's language.
#[derive(Debug, Clone, Copy)]
pub struct Words<'a> {
    pub title: &'a str,
    pub credited: &'a str,
    pub claimed: &'a str,
    pub target: &'a str,
    pub not_assessed: &'a str,
}

/// Scores by dimension: the claimed bar, the credited bar over it, and the target mark.
pub fn score_chart(rows: &[ScoreRow], words: &Words) -> String {
    let height = TOP + ROW * rows.len() as f64 + 28.0;
    let mut svg = open(height, words.title);
    legend(
        &mut svg,
        &[(words.credited, CREDITED, false), (words.claimed, CLAIMED, false), (words.target, TARGET, true)],
    );
    grid(&mut svg, TOP - 4.0, TOP + ROW * rows.len() as f64);
    for (i, row) in rows.iter().enumerate() {
        let y = TOP + ROW * i as f64;
        let mut tip = row.title.clone();
        match row.credited {
            Some(score) => {
                let _ = write!(tip, ": {} {}", words.credited, one_decimal(score));
                if let Some(claimed) = row.claimed {
                    let _ = write!(tip, ", {} {}", words.claimed, one_decimal(claimed));
                }
            }
            None => {
                let _ = write!(tip, ": {}", words.not_assessed);
            }
        }
        if let Some(target) = row.target {
            let _ = write!(tip, ", {} {}", words.target, one_decimal(target));
        }
        let _ = write!(svg, "<g class=\"row\"><title>{}</title>", escape_html(&tip));
        if row.overall {
            let _ = write!(
                svg,
                "<line x1=\"0\" y1=\"{:.1}\" x2=\"{WIDTH}\" y2=\"{:.1}\" stroke=\"{MUTED}\"/>",
                y - 4.0,
                y - 4.0
            );
        }
        let weight = if row.overall { " font-weight=\"bold\"" } else { "" };
        let _ = write!(
            svg,
            "<text x=\"{TRACK_X}\" y=\"{:.1}\" font-size=\"15\" fill=\"{INK}\"{weight}>{}</text>",
            y + 14.0,
            escape_html(&row.title)
        );
        let bar_y = y + 22.0;
        match row.credited {
            Some(score) => {
                if let Some(claimed) = row.claimed.and_then(finite) {
                    bar(&mut svg, "claimed", CLAIMED, bar_y, 18.0, claimed);
                }
                bar(&mut svg, "credited", CREDITED, bar_y, 18.0, score);
                let _ = write!(
                    svg,
                    "<text x=\"{VALUES_X}\" y=\"{:.1}\" font-size=\"15\" font-weight=\"bold\" fill=\"{CREDITED}\">{}</text>",
                    bar_y + 14.0,
                    one_decimal(score)
                );
                if let Some(claimed) = row.claimed.and_then(finite) {
                    let _ = write!(
                        svg,
                        "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"13\" fill=\"{MUTED}\">{}</text>",
                        VALUES_X + 46.0,
                        bar_y + 14.0,
                        one_decimal(claimed)
                    );
                }
            }
            None => {
                let _ = write!(
                    svg,
                    "<text x=\"{TRACK_X}\" y=\"{:.1}\" font-size=\"13\" font-style=\"italic\" fill=\"{MUTED}\">{}</text>",
                    bar_y + 14.0,
                    escape_html(words.not_assessed)
                );
            }
        }
        if let Some(target) = row.target.and_then(finite) {
            let x = x_of(target);
            let _ = write!(
                svg,
                "<line class=\"target\" x1=\"{x:.2}\" y1=\"{:.1}\" x2=\"{x:.2}\" y2=\"{:.1}\" stroke=\"{TARGET}\" stroke-width=\"3\"/>",
                bar_y - 5.0,
                bar_y + 23.0
            );
        }
        svg.push_str("</g>");
    }
    axis(&mut svg, TOP + ROW * rows.len() as f64 + 16.0);
    svg.push_str("</svg>");
    svg
}

/// One row of the cohort's spread chart.
#[derive(Debug, Clone, PartialEq)]
pub struct SpreadRow {
    pub title: String,
    pub min: Option<f64>,
    pub median: Option<f64>,
    pub mean: Option<f64>,
    pub max: Option<f64>,
    /// 1 or 2 participants have a score here: nothing is drawn, the row reads `words.few`.
    pub few: bool,
    pub overall: bool,
}

/// The words of the spread chart.
#[derive(Debug, Clone, Copy)]
pub struct SpreadWords<'a> {
    pub title: &'a str,
    pub range: &'a str,
    pub median: &'a str,
    pub mean: &'a str,
    pub min: &'a str,
    pub max: &'a str,
    pub not_assessed: &'a str,
    /// What a row scored by 1 or 2 participants reads ("Scored: 1–2").
    pub few: &'a str,
}

/// The room per dimension: the range from lowest to highest, the median and the mean.
pub fn spread_chart(rows: &[SpreadRow], words: &SpreadWords) -> String {
    let height = TOP + ROW * rows.len() as f64 + 28.0;
    let mut svg = open(height, words.title);
    legend(&mut svg, &[(words.range, RANGE, false), (words.median, INK, true), (words.mean, MEAN, false)]);
    grid(&mut svg, TOP - 4.0, TOP + ROW * rows.len() as f64);
    for (i, row) in rows.iter().enumerate() {
        let y = TOP + ROW * i as f64;
        // A row scored by 1 or 2 draws nothing, whatever figures it was given.
        let shown = |v: Option<f64>| if row.few { None } else { v.and_then(finite) };
        let (min, median, mean, max) = (shown(row.min), shown(row.median), shown(row.mean), shown(row.max));
        let mut tip = row.title.clone();
        for (word, value) in [(words.min, min), (words.median, median), (words.mean, mean), (words.max, max)] {
            if let Some(v) = value {
                let _ = write!(tip, ", {word} {}", one_decimal(v));
            }
        }
        if row.few {
            let _ = write!(tip, ", {}", words.few);
        } else if min.is_none() || max.is_none() {
            let _ = write!(tip, ", {}", words.not_assessed);
        }
        let _ = write!(svg, "<g class=\"row\"><title>{}</title>", escape_html(&tip));
        if row.overall {
            let _ = write!(
                svg,
                "<line x1=\"0\" y1=\"{:.1}\" x2=\"{WIDTH}\" y2=\"{:.1}\" stroke=\"{MUTED}\"/>",
                y - 4.0,
                y - 4.0
            );
        }
        let weight = if row.overall { " font-weight=\"bold\"" } else { "" };
        let _ = write!(
            svg,
            "<text x=\"{TRACK_X}\" y=\"{:.1}\" font-size=\"15\" fill=\"{INK}\"{weight}>{}</text>",
            y + 14.0,
            escape_html(&row.title)
        );
        let mid = y + 31.0;
        match (min, max) {
            (Some(min), Some(max)) => {
                let (x1, x2) = (x_of(min), x_of(max));
                let _ = write!(
                    svg,
                    "<rect class=\"range\" x=\"{x1:.2}\" y=\"{:.1}\" width=\"{:.2}\" height=\"12\" rx=\"6\" fill=\"{RANGE}\"/>",
                    mid - 6.0,
                    (x2 - x1).max(0.0)
                );
            }
            _ => {
                let _ = write!(
                    svg,
                    "<text class=\"{}\" x=\"{TRACK_X}\" y=\"{:.1}\" font-size=\"15\" font-style=\"italic\" fill=\"{MUTED}\">{}</text>",
                    if row.few { "few" } else { "none" },
                    mid + 5.0,
                    escape_html(if row.few { words.few } else { words.not_assessed })
                );
            }
        }
        if let Some(median) = median {
            let x = x_of(median);
            let _ = write!(
                svg,
                "<line class=\"median\" x1=\"{x:.2}\" y1=\"{:.1}\" x2=\"{x:.2}\" y2=\"{:.1}\" stroke=\"{INK}\" stroke-width=\"3\"/>",
                mid - 11.0,
                mid + 11.0
            );
        }
        if let Some(mean) = mean {
            let _ = write!(
                svg,
                "<circle class=\"mean\" cx=\"{:.2}\" cy=\"{mid:.1}\" r=\"7\" fill=\"{MEAN}\" stroke=\"#fff\" stroke-width=\"2\"/>",
                x_of(mean)
            );
            let _ = write!(
                svg,
                "<text x=\"{VALUES_X}\" y=\"{:.1}\" font-size=\"15\" font-weight=\"bold\" fill=\"{MEAN_TEXT}\">{}</text>",
                mid + 5.0,
                one_decimal(mean)
            );
        }
        svg.push_str("</g>");
    }
    axis(&mut svg, TOP + ROW * rows.len() as f64 + 16.0);
    svg.push_str("</svg>");
    svg
}

/// A count as the room may see it: `None` for 1 or 2 participants (docs/scoring.md M.3).
/// A chart never learns a count it may not show, so none can leak into its geometry, a
/// `<title>` or an attribute.
pub type Shown = Option<usize>;

/// What a count of the cohort's tables that is not shown reads, as in its markdown.
const HIDDEN: &str = "–";

/// The words of the histogram chart.
#[derive(Debug, Clone, Copy)]
pub struct CountWords<'a> {
    /// What a count not shown reads ("–").
    pub few: &'a str,
    /// The histogram's axis ("Score").
    pub axis: &'a str,
}

/// The largest count shown: the one scale of a table's charts. Counts not shown take no
/// part in it.
pub fn top_shown<'a>(counts: impl IntoIterator<Item = &'a Shown>) -> usize {
    counts.into_iter().filter_map(|c| *c).max().unwrap_or(0)
}

/// The length of a count's bar on a scale where `top` (see [`top_shown`]) takes `full`.
fn bar_length(count: usize, top: usize, full: f64) -> f64 {
    if top == 0 {
        0.0
    } else {
        full * count.min(top) as f64 / top as f64
    }
}

/// How many participants fall in each score range for one dimension: a column each,
/// `top` (see [`top_shown`]) the tallest, so that every dimension's chart shares a
/// scale. A count not shown draws no column: it reads `few` on the baseline.
pub fn histogram_chart(title: &str, bins: &[(String, Shown)], top: usize, words: &CountWords) -> String {
    const W: f64 = 360.0;
    const H: f64 = 250.0;
    const BASE: f64 = 186.0;
    const TALL: f64 = 146.0;
    let mut svg = String::with_capacity(2048);
    let _ = write!(
        svg,
        "<svg class=\"chart histogram\" viewBox=\"0 0 {W} {H}\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\"><title>{}</title>",
        escape_html(&tip_of(title, bins, words.few))
    );
    let slot = W / bins.len().max(1) as f64;
    let _ = write!(svg, "<line x1=\"0\" y1=\"{BASE}\" x2=\"{W}\" y2=\"{BASE}\" stroke=\"{MUTED}\"/>");
    for (i, (label, count)) in bins.iter().enumerate() {
        let x = slot * i as f64 + 8.0;
        let centre = x + (slot - 16.0) / 2.0;
        svg.push_str("<g class=\"bin\">");
        match count {
            Some(count) => {
                let h = bar_length(*count, top, TALL);
                let _ = write!(
                    svg,
                    "<rect class=\"bar\" x=\"{x:.2}\" y=\"{:.2}\" width=\"{:.2}\" height=\"{h:.2}\" fill=\"{CREDITED}\"/>",
                    BASE - h,
                    slot - 16.0
                );
                let _ = write!(
                    svg,
                    "<text class=\"count\" x=\"{centre:.2}\" y=\"{:.2}\" font-size=\"24\" font-weight=\"bold\" text-anchor=\"middle\" fill=\"{INK}\">{count}</text>",
                    BASE - h - 7.0
                );
            }
            None => {
                let _ = write!(
                    svg,
                    "<text class=\"few\" x=\"{centre:.2}\" y=\"{:.2}\" font-size=\"20\" font-style=\"italic\" text-anchor=\"middle\" fill=\"{MUTED}\">{}</text>",
                    BASE - 8.0,
                    escape_html(words.few)
                );
            }
        }
        let _ = write!(
            svg,
            "<text x=\"{centre:.2}\" y=\"{:.1}\" font-size=\"18\" text-anchor=\"middle\" fill=\"{INK}\">{}</text>",
            BASE + 25.0,
            escape_html(label)
        );
        svg.push_str("</g>");
    }
    let _ = write!(
        svg,
        "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"15\" text-anchor=\"middle\" fill=\"{MUTED}\">{}</text>",
        W / 2.0,
        BASE + 54.0,
        escape_html(words.axis)
    );
    svg.push_str("</svg>");
    svg
}

/// "Data: 0–25: 3, 25–50: 1–2": a chart's or a row's figures, for screen readers.
fn tip_of(title: &str, bins: &[(String, Shown)], few: &str) -> String {
    let mut tip = title.to_string();
    for (i, (label, count)) in bins.iter().enumerate() {
        let _ = write!(tip, "{}{label}: ", if i == 0 { ": " } else { ", " });
        match count {
            Some(count) => {
                let _ = write!(tip, "{count}");
            }
            None => tip.push_str(few),
        }
    }
    tip
}

/// How many participants reached each level, per dimension: a row per dimension, a
/// column per level (lowest on the left) under the level's name, each count a bar on
/// the scale of the whole table (`top`, see [`top_shown`]) followed by its figure. A
/// count not shown draws no bar: it reads "1–2". `counts[d][l]` is the count of
/// dimension `d` at level `l`.
pub fn levels_chart(
    title: &str,
    dimensions: &[String],
    levels: &[String],
    counts: &[Vec<Shown>],
    top: usize,
    few: &str,
) -> String {
    const HEAD: f64 = 34.0;
    let column = (WIDTH - 2.0 * TRACK_X) / levels.len().max(1) as f64;
    // Room after the longest bar for its figure.
    let longest = (column - 52.0).max(8.0);
    let height = HEAD + ROW * dimensions.len() as f64 + 8.0;
    let mut svg = open(height, title);
    for (l, level) in levels.iter().enumerate() {
        let x = TRACK_X + column * l as f64;
        let _ = write!(
            svg,
            "<text class=\"level\" x=\"{x:.2}\" y=\"22\" font-size=\"16\" font-weight=\"bold\" fill=\"{INK}\">{}</text>",
            escape_html(level)
        );
    }
    for (d, dimension) in dimensions.iter().enumerate() {
        let y = HEAD + ROW * d as f64;
        let row: &[Shown] = counts.get(d).map_or(&[], Vec::as_slice);
        let bins: Vec<(String, Shown)> =
            levels.iter().enumerate().map(|(l, level)| (level.clone(), row.get(l).copied().flatten())).collect();
        let _ = write!(svg, "<g class=\"row\"><title>{}</title>", escape_html(&tip_of(dimension, &bins, few)));
        let _ = write!(
            svg,
            "<line x1=\"0\" y1=\"{:.1}\" x2=\"{WIDTH}\" y2=\"{:.1}\" stroke=\"{GRID}\"/>",
            y + 0.5,
            y + 0.5
        );
        let _ = write!(
            svg,
            "<text x=\"{TRACK_X}\" y=\"{:.1}\" font-size=\"15\" fill=\"{INK}\">{}</text>",
            y + 17.0,
            escape_html(dimension)
        );
        for (l, (_, count)) in bins.iter().enumerate() {
            let x = TRACK_X + column * l as f64;
            if l > 0 {
                // Between the columns, under the dimension's title (which may run across them).
                let _ = write!(
                    svg,
                    "<line x1=\"{:.2}\" y1=\"{:.1}\" x2=\"{:.2}\" y2=\"{:.1}\" stroke=\"{GRID}\"/>",
                    x - 6.0,
                    y + 21.0,
                    x - 6.0,
                    y + ROW
                );
            }
            svg.push_str("<g class=\"cell\">");
            match count {
                Some(count) => {
                    let w = bar_length(*count, top, longest);
                    let _ = write!(
                        svg,
                        "<rect class=\"bar\" x=\"{x:.2}\" y=\"{:.1}\" width=\"{w:.2}\" height=\"22\" fill=\"{CREDITED}\"/>",
                        y + 24.0
                    );
                    let _ = write!(
                        svg,
                        "<text class=\"count\" x=\"{:.2}\" y=\"{:.1}\" font-size=\"18\" font-weight=\"bold\" fill=\"{INK}\">{count}</text>",
                        if w > 0.0 { x + w + 6.0 } else { x },
                        y + 41.0
                    );
                }
                None => {
                    let _ = write!(
                        svg,
                        "<text class=\"few\" x=\"{x:.2}\" y=\"{:.1}\" font-size=\"17\" font-style=\"italic\" fill=\"{MUTED}\">{}</text>",
                        y + 41.0,
                        escape_html(few)
                    );
                }
            }
            svg.push_str("</g>");
        }
        svg.push_str("</g>");
    }
    svg.push_str("</svg>");
    svg
}

fn finite(n: f64) -> Option<f64> {
    n.is_finite().then_some(n)
}

/// The x of a 0-100 value on the track (clamped: a chart never draws outside itself).
fn x_of(value: f64) -> f64 {
    TRACK_X + value.clamp(0.0, 100.0) * UNITS_PER_POINT
}

fn open(height: f64, title: &str) -> String {
    let mut svg = String::with_capacity(4096);
    let _ = write!(
        svg,
        "<svg class=\"chart\" viewBox=\"0 0 {WIDTH} {height:.0}\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\"><title>{}</title>",
        escape_html(title)
    );
    svg
}

fn bar(svg: &mut String, class: &str, fill: &str, y: f64, height: f64, value: f64) {
    let _ = write!(
        svg,
        "<rect class=\"{class}\" x=\"{TRACK_X}\" y=\"{y:.1}\" width=\"{:.2}\" height=\"{height}\" fill=\"{fill}\"/>",
        x_of(value) - TRACK_X
    );
}

/// Keys along the top: a swatch (or a mark, for a line) and its word.
fn legend(svg: &mut String, keys: &[(&str, &str, bool)]) {
    let mut x = TRACK_X;
    for (word, colour, mark) in keys {
        if *mark {
            let _ = write!(svg, "<rect x=\"{:.1}\" y=\"4\" width=\"4\" height=\"18\" fill=\"{colour}\"/>", x + 5.0);
        } else {
            let _ = write!(svg, "<rect x=\"{x:.1}\" y=\"6\" width=\"14\" height=\"14\" fill=\"{colour}\"/>");
        }
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"18\" font-size=\"14\" fill=\"{INK}\">{}</text>",
            x + 20.0,
            escape_html(word)
        );
        // CJK characters are about twice as wide as Latin ones.
        let width: usize = word.chars().map(|c| if c.is_ascii() { 8 } else { 15 }).sum();
        x += 20.0 + width as f64 + 24.0;
    }
}

/// Vertical lines at 0, 25, 50, 75 and 100.
fn grid(svg: &mut String, y1: f64, y2: f64) {
    for step in [0.0, 25.0, 50.0, 75.0, 100.0] {
        let x = x_of(step);
        let _ = write!(svg, "<line x1=\"{x:.1}\" y1=\"{y1:.1}\" x2=\"{x:.1}\" y2=\"{y2:.1}\" stroke=\"{GRID}\"/>");
    }
}

fn axis(svg: &mut String, y: f64) {
    for step in [0.0, 25.0, 50.0, 75.0, 100.0] {
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"{y:.1}\" font-size=\"12\" text-anchor=\"middle\" fill=\"{MUTED}\">{step}</text>",
            x_of(step)
        );
    }
}

// The helpers: template data in, rows out, then drawn above.

/// Register the chart helpers (HTML templates only: their output is SVG).
pub fn register(registry: &mut Handlebars) {
    registry.register_helper("score_chart", Box::new(score_chart_helper));
    registry.register_helper("spread_chart", Box::new(spread_chart_helper));
    registry.register_helper("histogram_chart", Box::new(histogram_chart_helper));
    registry.register_helper("levels_chart", Box::new(levels_chart_helper));
}

/// `{{score_chart dimensions overall}}`: the report's scores by dimension.
fn score_chart_helper(
    h: &Helper,
    _: &Handlebars,
    ctx: &Context,
    _: &mut RenderContext,
    out: &mut dyn Output,
) -> HelperResult {
    const USE: &str = "`score_chart` takes the report's `dimensions` and `overall`";
    let lang = lang_of(ctx);
    let t = |key| fixed_text(lang, key);
    let mut rows = Vec::new();
    for d in list(h, 0, USE)? {
        rows.push(ScoreRow {
            title: text(d, "title", USE)?,
            credited: number(d, "score", USE)?,
            claimed: number(d, "claimed", USE)?,
            target: number(d, "target", USE)?,
            overall: false,
        });
    }
    let overall = param(h, 1, USE)?;
    rows.push(ScoreRow {
        title: t("overall_score").to_string(),
        credited: number(overall, "score", USE)?,
        claimed: number(overall, "claimed", USE)?,
        target: None,
        overall: true,
    });
    let words = Words {
        title: t("chart_scores"),
        credited: t("chart_credited"),
        claimed: t("chart_claimed"),
        target: t("chart_target"),
        not_assessed: t("not_assessed"),
    };
    out.write(&score_chart(&rows, &words))?;
    Ok(())
}

/// `{{spread_chart dimensions overall}}`: the cohort's range, median and mean per dimension.
fn spread_chart_helper(
    h: &Helper,
    _: &Handlebars,
    ctx: &Context,
    _: &mut RenderContext,
    out: &mut dyn Output,
) -> HelperResult {
    const USE: &str = "`spread_chart` takes the cohort's `dimensions` and `overall`";
    let lang = lang_of(ctx);
    let t = |key| fixed_text(lang, key);
    let row = |v: &Value, title: String, overall: bool| -> Result<SpreadRow, HbRenderError> {
        Ok(SpreadRow {
            title,
            min: number(v, "min", USE)?,
            median: number(v, "median", USE)?,
            mean: number(v, "mean", USE)?,
            max: number(v, "max", USE)?,
            few: flag(v, "few", USE)?,
            overall,
        })
    };
    let mut rows = Vec::new();
    for d in list(h, 0, USE)? {
        rows.push(row(d, text(d, "title", USE)?, false)?);
    }
    rows.push(row(param(h, 1, USE)?, t("overall_score").to_string(), true)?);
    let few = format!("{}{}{}", t("cohort_assessed"), t(":"), t("cohort_few"));
    let words = SpreadWords {
        title: t("cohort_chart_spread"),
        range: t("cohort_chart_range"),
        median: t("cohort_median"),
        mean: t("cohort_mean"),
        min: t("cohort_min"),
        max: t("cohort_max"),
        not_assessed: t("not_assessed"),
        few: &few,
    };
    out.write(&spread_chart(&rows, &words))?;
    Ok(())
}

/// `{{histogram_chart ../histogram @index title}}`: one dimension's column of the
/// cohort's histogram, on the scale of the whole table.
fn histogram_chart_helper(
    h: &Helper,
    _: &Handlebars,
    ctx: &Context,
    _: &mut RenderContext,
    out: &mut dyn Output,
) -> HelperResult {
    const USE: &str = "`histogram_chart` takes the cohort's `histogram`, a dimension's `@index` and its `title`";
    let rows = list(h, 0, USE)?;
    let column = param(h, 1, USE)?.as_u64().and_then(|c| usize::try_from(c).ok()).ok_or_else(|| misuse(USE))?;
    let title = param(h, 2, USE)?.as_str().ok_or_else(|| misuse(USE))?;
    let mut bins = Vec::new();
    let mut table = Vec::new();
    for row in rows {
        let counts = counts(row, USE)?;
        bins.push((text(row, "label", USE)?, counts.get(column).copied().flatten()));
        table.extend(counts);
    }
    let lang = lang_of(ctx);
    // A count not shown is a column of 1 or 2 participants in all (docs/scoring.md M.3).
    let words = CountWords { few: HIDDEN, axis: fixed_text(lang, "cohort_range") };
    out.write(&histogram_chart(title, &bins, top_shown(&table), &words))?;
    Ok(())
}

/// `{{levels_chart levels dimensions}}`: the levels each dimension's participants reached.
fn levels_chart_helper(
    h: &Helper,
    _: &Handlebars,
    ctx: &Context,
    _: &mut RenderContext,
    out: &mut dyn Output,
) -> HelperResult {
    const USE: &str = "`levels_chart` takes the cohort's `levels` and `dimensions`";
    let rows = list(h, 0, USE)?;
    let dimensions: Vec<String> = list(h, 1, USE)?.iter().map(|d| text(d, "title", USE)).collect::<Result<_, _>>()?;
    let mut levels = Vec::new();
    let mut by_dimension = vec![Vec::new(); dimensions.len()];
    let mut table = Vec::new();
    for row in rows {
        levels.push(text(row, "label", USE)?);
        let counts = counts(row, USE)?;
        for (d, per_level) in by_dimension.iter_mut().enumerate() {
            per_level.push(counts.get(d).copied().flatten());
        }
        table.extend(counts);
    }
    let lang = lang_of(ctx);
    let (title, few) = (fixed_text(lang, "cohort_levels"), HIDDEN);
    out.write(&levels_chart(title, &dimensions, &levels, &by_dimension, top_shown(&table), few))?;
    Ok(())
}

fn misuse(how: &str) -> HbRenderError {
    RenderErrorReason::Other(how.to_string()).into()
}

fn param<'a>(h: &'a Helper, index: usize, how: &str) -> Result<&'a Value, HbRenderError> {
    h.param(index).map(|p| p.value()).ok_or_else(|| misuse(how))
}

fn list<'a>(h: &'a Helper, index: usize, how: &str) -> Result<&'a Vec<Value>, HbRenderError> {
    param(h, index, how)?.as_array().ok_or_else(|| misuse(how))
}

fn text(v: &Value, key: &str, how: &str) -> Result<String, HbRenderError> {
    v.get(key).and_then(Value::as_str).map(str::to_string).ok_or_else(|| misuse(how))
}

/// A number or null; a missing field or another type is a misuse.
fn number(v: &Value, key: &str, how: &str) -> Result<Option<f64>, HbRenderError> {
    match v.get(key) {
        Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => Ok(n.as_f64()),
        _ => Err(misuse(how)),
    }
}

/// `true` or `false`; a missing field or another type is a misuse.
fn flag(v: &Value, key: &str, how: &str) -> Result<bool, HbRenderError> {
    v.get(key).and_then(Value::as_bool).ok_or_else(|| misuse(how))
}

/// A row's counts: a number each, or null for a count not shown (1 or 2 participants).
fn counts(row: &Value, how: &str) -> Result<Vec<Shown>, HbRenderError> {
    let counts = row.get("counts").and_then(Value::as_array).ok_or_else(|| misuse(how))?;
    counts
        .iter()
        .map(|c| match c {
            Value::Null => Ok(None),
            c => c.as_u64().and_then(|n| usize::try_from(n).ok()).map(Some).ok_or_else(|| misuse(how)),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words() -> Words<'static> {
        Words { title: "Scores", credited: "credited", claimed: "claimed", target: "target", not_assessed: "n/a" }
    }

    #[test]
    fn bars_are_as_long_as_the_scores_and_text_is_escaped() {
        let rows = [
            ScoreRow {
                title: "<b>Data</b>".into(),
                credited: Some(50.0),
                claimed: Some(75.0),
                target: Some(60.0),
                overall: false,
            },
            ScoreRow { title: "Gone".into(), credited: None, claimed: None, target: None, overall: false },
            ScoreRow {
                title: "Wild".into(),
                credited: Some(250.0),
                claimed: Some(f64::NAN),
                target: None,
                overall: true,
            },
        ];
        let svg = score_chart(&rows, &words());
        assert!(svg.contains("&lt;b&gt;Data&lt;/b&gt;") && !svg.contains("<b>"));
        assert!(svg.contains("class=\"credited\" x=\"8\" y=\"62.0\" width=\"300.00\""), "{svg}");
        assert!(svg.contains("class=\"claimed\" x=\"8\" y=\"62.0\" width=\"450.00\""), "{svg}");
        assert!(svg.contains("class=\"target\" x1=\"368.00\""), "{svg}");
        assert!(svg.contains(">n/a</text>"));
        // Out of range is clamped, NaN is left out.
        assert!(svg.contains("width=\"600.00\""));
        assert_eq!(svg.matches("class=\"claimed\"").count(), 1);
        assert!(svg.contains("<title>&lt;b&gt;Data&lt;/b&gt;: credited 50.0, claimed 75.0, target 60.0</title>"));
    }

    const FEW: &str = "1–2";

    #[test]
    fn histograms_share_a_scale_and_levels_share_another() {
        let bins: Vec<(String, Shown)> =
            vec![("0–20".into(), Some(4)), ("20–40".into(), Some(6)), ("40–60".into(), Some(0))];
        let svg = histogram_chart("Data", &bins, 8, &CountWords { few: FEW, axis: "Score" });
        assert!(
            svg.contains("height=\"73.00\"") && svg.contains("height=\"109.50\"") && svg.contains("height=\"0.00\""),
            "{svg}"
        );
        assert!(svg.contains("<title>Data: 0–20: 4, 20–40: 6, 40–60: 0</title>"));
        assert!(svg.contains(">Score</text>"));
        let svg =
            levels_chart("Levels", &["Data".into()], &["Low".into(), "High".into()], &[vec![Some(3), Some(6)]], 6, FEW);
        // A column is 352 wide, its longest bar 300.
        assert!(svg.contains("width=\"150.00\"") && svg.contains("width=\"300.00\""), "{svg}");
        assert!(svg.contains(">Low</text>") && svg.contains(">High</text>"));
    }

    /// Issue 16: a count of 1 or 2 is not drawn. The chart is given `None`, so nothing
    /// in it can depend on the count; this holds what it draws instead.
    #[test]
    fn a_count_not_shown_draws_no_bar_and_reads_1_2() {
        let bins: Vec<(String, Shown)> = vec![("0–50".into(), None), ("50–100".into(), Some(3))];
        let svg = histogram_chart("Data", &bins, 3, &CountWords { few: FEW, axis: "Score" });
        assert_eq!(svg.matches("<rect").count(), 1, "{svg}");
        assert_eq!(svg.matches("class=\"bin\"").count(), 2);
        assert!(svg.contains("class=\"few\""));
        assert!(svg.contains("<title>Data: 0–50: 1–2, 50–100: 3</title>"), "{svg}");
        let svg =
            levels_chart("Levels", &["Data".into()], &["Low".into(), "High".into()], &[vec![None, Some(0)]], 0, FEW);
        assert_eq!(svg.matches("<rect").count(), 1, "only the shown 0 has a (zero) bar: {svg}");
        assert!(svg.contains("width=\"0.00\"") && svg.contains(">1–2</text>"));
        assert!(svg.contains("<title>Data: Low: 1–2, High: 0</title>"));
        // Nothing shown at all: no scale to divide by.
        let svg = histogram_chart(
            "Data",
            &[("all".into(), None)],
            top_shown(&[None, None]),
            &CountWords { few: FEW, axis: "" },
        );
        assert!(!svg.contains("<rect") && !svg.contains("NaN") && !svg.contains("inf"));
    }

    #[test]
    fn a_row_scored_by_one_or_two_draws_nothing_even_given_figures() {
        let row = SpreadRow {
            title: "Data".into(),
            min: Some(10.0),
            median: Some(40.0),
            mean: Some(45.0),
            max: Some(90.0),
            few: true,
            overall: false,
        };
        let svg = spread_chart(&[row], &spread_words());
        assert!(
            !svg.contains("class=\"range\"") && !svg.contains("class=\"mean\"") && !svg.contains("class=\"median\"")
        );
        assert!(!svg.contains("10.0") && !svg.contains("45.0") && !svg.contains("90.0"), "{svg}");
        assert!(svg.contains("<title>Data, Scored: 1–2</title>") && svg.contains(">Scored: 1–2</text>"), "{svg}");
    }

    fn spread_words() -> SpreadWords<'static> {
        SpreadWords {
            title: "Spread",
            range: "range",
            median: "median",
            mean: "mean",
            min: "min",
            max: "max",
            not_assessed: "n/a",
            few: "Scored: 1–2",
        }
    }

    #[test]
    fn the_spread_runs_from_lowest_to_highest() {
        let row = SpreadRow {
            title: "Data".into(),
            min: Some(10.0),
            median: Some(40.0),
            mean: Some(45.0),
            max: Some(90.0),
            few: false,
            overall: false,
        };
        let svg = spread_chart(&[row], &spread_words());
        assert!(svg.contains("class=\"range\" x=\"68.00\" y=\"65.0\" width=\"480.00\""), "{svg}");
        assert!(svg.contains("class=\"median\" x1=\"248.00\""));
        assert!(svg.contains("class=\"mean\" cx=\"278.00\""));
    }
}
