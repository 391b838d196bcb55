//! Rendering, in one place: handlebars templates (embedded, overridable with
//! `--template`), the markdown escape every `{{value}}` goes through, and the helpers.

mod builtin;

use crate::i18n::label;
use crate::report::Report;
use crate::text::Lang;
use handlebars::{
    Context, Handlebars, Helper, HelperResult, JsonRender, Output, RenderContext, RenderError as HbRenderError,
    RenderErrorReason,
};
use serde::Serialize;
use std::fmt::Write as _;
use std::path::Path;
use thiserror::Error;

/// The built-in templates; the files in `templates/` are their single source.
pub const REPORT_TEMPLATE: &str = include_str!("../../templates/report.md.hbs");

#[derive(Debug, Error)]
pub enum RenderError {
    #[error("{file}:{line}: template error: {message}")]
    Template { file: String, line: String, message: String },
    #[error("{file}{}: cannot render: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
    Render { file: String, line: Option<usize>, message: String },
    #[error("cannot read template `{file}`: {reason}")]
    Read { file: String, reason: String },
    #[error("cannot encode the report as JSON: {0}")]
    Json(String),
}

/// A template ready to render: the built-in one or a user's override.
pub struct Renderer {
    registry: Handlebars<'static>,
    /// What messages call the template.
    name: String,
}

const MAIN: &str = "main";

impl Renderer {
    /// The built-in report template, or the file at `path` when given.
    pub fn report(path: Option<&Path>) -> Result<Renderer, RenderError> {
        match path {
            None => Renderer::from_source("templates/report.md.hbs", REPORT_TEMPLATE),
            Some(path) => {
                let name = path.display().to_string();
                let source = crate::input::read_text(path)
                    .map_err(|p| RenderError::Read { file: name.clone(), reason: p.message })?;
                Renderer::from_source(&name, &source)
            }
        }
    }

    pub fn from_source(name: &str, source: &str) -> Result<Renderer, RenderError> {
        let mut registry = Handlebars::new();
        registry.set_strict_mode(true);
        registry.register_escape_fn(escape_markdown);
        registry.register_helper("t", Box::new(t_helper));
        registry.register_helper("tv", Box::new(tv_helper));
        registry.register_helper("num", Box::new(num_helper));
        registry.register_helper("bar", Box::new(bar_helper));
        registry.register_helper("pts", Box::new(pts_helper));
        registry.register_helper("signed", Box::new(signed_helper));
        registry.register_helper("inc", Box::new(inc_helper));
        registry.register_template_string(MAIN, source).map_err(|e| RenderError::Template {
            file: name.to_string(),
            line: e.pos().map_or_else(|| "?".to_string(), |(l, _)| l.to_string()),
            message: template_reason(&e.reason().to_string()),
        })?;
        Ok(Renderer { registry, name: name.to_string() })
    }

    /// Render `data` to markdown, tidied so the output passes a markdown linter.
    pub fn render<T: Serialize>(&self, data: &T) -> Result<String, RenderError> {
        let raw = self.registry.render(MAIN, data).map_err(|e| RenderError::Render {
            file: self.name.clone(),
            line: e.line_no,
            message: render_reason(&e.reason().to_string()),
        })?;
        Ok(tidy_markdown(&raw))
    }
}

/// The strategy report's renderer: the built-in template, written out in Rust for speed
/// (see `src/render/builtin.rs`), or a user's handlebars template from `--template`.
pub enum ReportRenderer {
    Builtin,
    Template(Box<Renderer>),
}

impl ReportRenderer {
    pub fn new(template: Option<&Path>) -> Result<ReportRenderer, RenderError> {
        Ok(match template {
            None => ReportRenderer::Builtin,
            Some(path) => ReportRenderer::Template(Box::new(Renderer::report(Some(path))?)),
        })
    }

    pub fn render(&self, report: &Report) -> Result<String, RenderError> {
        match self {
            ReportRenderer::Builtin => Ok(builtin::report(report)),
            ReportRenderer::Template(renderer) => renderer.render(report),
        }
    }
}

/// Say what a strict-mode miss means, in the words of the data.
fn render_reason(reason: &str) -> String {
    match reason.strip_prefix("Failed to access variable in strict mode Some(\"") {
        Some(rest) => format!(
            "the template uses `{}`, which the data does not have (`--format json` shows the data)",
            rest.trim_end_matches("\")")
        ),
        None => reason.to_string(),
    }
}

/// handlebars lists every token it expected; a person needs the likely cause.
fn template_reason(reason: &str) -> String {
    match reason.split_once(": expected") {
        Some((head, _)) => format!("{head} (an unclosed `{{{{#block}}}}` or a stray `{{{{`?)"),
        None => reason.to_string(),
    }
}

/// `data` as pretty JSON, the same struct the template receives.
pub fn to_json<T: Serialize>(data: &T) -> Result<String, RenderError> {
    let mut json = serde_json::to_string_pretty(data).map_err(|e| RenderError::Json(e.to_string()))?;
    json.push('\n');
    Ok(json)
}

/// Make untrusted text inert in markdown: one line, no HTML, no emphasis, links,
/// images or autolinks, no table cells, no control or bidirectional-override characters.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    escape_into(&mut out, text);
    out
}

/// [`escape_markdown`], appending to `out`.
pub fn escape_into(out: &mut String, text: &str) {
    // Surrounding blanks would break `**emphasis**` around the value.
    let text = text.trim();
    if !needs_escaping(text) {
        out.push_str(text);
        return;
    }
    // Controls go first, so that neither `" x\u{1}"` keeps a trailing blank nor
    // `"\u{202e}- x"` escapes the check for a list marker at the start.
    if text.chars().any(is_invisible_control) {
        let visible: String = text.chars().filter(|&c| !is_invisible_control(c)).collect();
        escape_each_char(out, visible.trim());
    } else {
        escape_each_char(out, text);
    }
}

/// The slow path of [`escape_into`], for trimmed text without control characters.
fn escape_each_char(out: &mut String, text: &str) {
    // A value that starts a line must not start a list or a rule (`#` and `>` are
    // escaped below wherever they stand).
    if text.starts_with(['-', '+', '=']) {
        out.push('\\');
    }
    for (i, c) in text.char_indices() {
        let rest = &text[i + c.len_utf8()..];
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '!' | '#' => {
                out.push('\\');
                out.push(c);
            }
            // `1. ` or `1) ` at the start would open an ordered list: escape the marker.
            '.' | ')' if ordered_list_marker(&text[..i], rest) => {
                out.push('\\');
                out.push(c);
            }
            // Break autolinks (GitHub links bare `www.`, `http://` and e-mail addresses).
            ':' if rest.starts_with('/') => out.push_str(":\u{200B}"),
            '@' if looks_like_domain(rest) => out.push_str("@\u{200B}"),
            '.' if text[..i].len() >= 3 && text.as_bytes()[i - 3..i].eq_ignore_ascii_case(b"www") => {
                out.push_str("\u{200B}.")
            }
            c => out.push(c),
        }
    }
}

/// Most values are plain prose: they are returned as they are, without the slow path.
/// One pass over the bytes; only the bytes in [`MAYBE_SPECIAL`] are looked at closely.
/// It may send harmless text down the slow path, never the reverse (a unit test checks
/// that on arbitrary text).
fn needs_escaping(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.first().is_some_and(|&b| matches!(b, b'#' | b'-' | b'+' | b'=' | b'>') || b.is_ascii_digit()) {
        return true;
    }
    for (i, &b) in bytes.iter().enumerate() {
        if !MAYBE_SPECIAL[b as usize] {
            continue;
        }
        let at = |k: usize| bytes.get(i + k).copied();
        let special = match b {
            b':' => at(1) == Some(b'/'),
            b'.' => i >= 3 && bytes[i - 3..i].eq_ignore_ascii_case(b"www"),
            // The UTF-8 lead bytes of the invisible controls: C1 controls (U+0080-009F),
            // U+061C, and U+200E/F, U+202A-202E, U+2066-2069.
            0xC2 => matches!(at(1), Some(0x80..=0x9F)),
            0xD8 => at(1) == Some(0x9C),
            0xE2 => matches!(
                (at(1), at(2)),
                (Some(0x80), Some(0x8E | 0x8F | 0xAA..=0xAE)) | (Some(0x81), Some(0xA6..=0xA9))
            ),
            _ => true,
        };
        if special {
            return true;
        }
    }
    false
}

/// Bytes that are, or may start, something [`escape_into`] changes.
const MAYBE_SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = true;
        b += 1;
    }
    let marks = b"&<>\\`*_[]|~!#@:.\x7f";
    let mut i = 0;
    while i < marks.len() {
        table[marks[i] as usize] = true;
        i += 1;
    }
    table[0xC2] = true;
    table[0xD8] = true;
    table[0xE2] = true;
    table
};

/// What follows an `@` in an e-mail autolink: `name.tld` (letters, digits, `-`, `_`, a dot).
fn looks_like_domain(rest: &str) -> bool {
    let domain: Vec<char> =
        rest.chars().take_while(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_')).take(64).collect();
    domain.windows(2).any(|w| w[0] == '.' && w[1].is_alphanumeric())
}

/// Whether the text so far is only digits, and a blank (or the end) follows.
fn ordered_list_marker(before: &str, rest: &str) -> bool {
    !before.is_empty()
        && before.bytes().all(|b| b.is_ascii_digit())
        && rest.chars().next().is_none_or(char::is_whitespace)
}

/// Control characters (terminal escapes among them) and bidirectional overrides.
pub fn is_invisible_control(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}')
}

/// Trailing spaces off, runs of blank lines folded to one, one final newline.
fn tidy_markdown(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut blank_run = 0;
    for line in raw.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank_run += 1;
            if blank_run > 1 || out.is_empty() {
                continue;
            }
        } else {
            blank_run = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

fn lang_of(ctx: &Context) -> Lang {
    ctx.data().get("lang").and_then(|v| v.as_str()).and_then(Lang::parse).unwrap_or_default()
}

fn param_str(h: &Helper, index: usize, helper: &'static str) -> Result<String, HbRenderError> {
    h.param(index)
        .map(|p| match p.value() {
            serde_json::Value::String(s) => s.clone(),
            other => other.render(),
        })
        .ok_or_else(|| RenderErrorReason::ParamNotFoundForIndex(helper, index).into())
}

fn lookup(lang: Lang, key: &str) -> Result<&'static str, HbRenderError> {
    label(lang, key).ok_or_else(|| RenderErrorReason::Other(format!("unknown label `{key}`")).into())
}

/// `{{t "key"}}`: a fixed label in the report's language.
fn t_helper(h: &Helper, _: &Handlebars, ctx: &Context, _: &mut RenderContext, out: &mut dyn Output) -> HelperResult {
    let key = param_str(h, 0, "t")?;
    out.write(lookup(lang_of(ctx), &key)?)?;
    Ok(())
}

/// `{{tv "severity" value}}`: the label for a value, e.g. `severity.critical`.
fn tv_helper(h: &Helper, _: &Handlebars, ctx: &Context, _: &mut RenderContext, out: &mut dyn Output) -> HelperResult {
    let key = format!("{}.{}", param_str(h, 0, "tv")?, param_str(h, 1, "tv")?);
    out.write(lookup(lang_of(ctx), &key)?)?;
    Ok(())
}

/// `{{num value}}`: one decimal, or an en dash for null.
fn num_helper(h: &Helper, _: &Handlebars, _: &Context, _: &mut RenderContext, out: &mut dyn Output) -> HelperResult {
    let value = h.param(0).ok_or(RenderErrorReason::ParamNotFoundForIndex("num", 0))?.value();
    match value.as_f64() {
        Some(n) => out.write(&format!("{n:.1}"))?,
        None => out.write("–")?,
    }
    Ok(())
}

/// `{{pts value}}`: a small number as written (`2`, `1.5`), or an en dash for null.
fn pts_helper(h: &Helper, _: &Handlebars, _: &Context, _: &mut RenderContext, out: &mut dyn Output) -> HelperResult {
    let value = h.param(0).ok_or(RenderErrorReason::ParamNotFoundForIndex("pts", 0))?.value();
    out.write(&pts(value.as_f64()))?;
    Ok(())
}

/// `{{signed value}}`: a change with its sign and one decimal (`+3.7`, `-1.2`, `0.0`).
fn signed_helper(h: &Helper, _: &Handlebars, _: &Context, _: &mut RenderContext, out: &mut dyn Output) -> HelperResult {
    let value = h.param(0).ok_or(RenderErrorReason::ParamNotFoundForIndex("signed", 0))?.value();
    match value.as_f64() {
        Some(n) if n.abs() < 0.05 => out.write("0.0")?,
        Some(n) => out.write(&format!("{n:+.1}"))?,
        None => out.write("–")?,
    }
    Ok(())
}

/// Append `format!("{n:.1}")` to `out`; a report prints some two hundred of these, and
/// the general formatter was a twentieth of the time it takes to write one.
pub fn push_one_decimal(out: &mut String, n: f64) {
    let tenths = n * 10.0;
    // `tenths` is within a billionth of 10·n here, so unless it sits on a half its
    // rounding is the exact one. Halves, huge values, NaN and infinities go the slow way.
    let off_half = ((tenths - tenths.trunc()).abs() - 0.5).abs() > 1e-6;
    if n.abs() < 1e6 && off_half {
        let rounded = tenths.abs().round() as u64;
        if n.is_sign_negative() {
            out.push('-');
        }
        push_whole(out, rounded / 10);
        out.push('.');
        out.push(char::from(b'0' + (rounded % 10) as u8));
    } else {
        let _ = write!(out, "{n:.1}");
    }
}

/// Append the digits of `n`, without the formatting machinery.
pub fn push_whole(out: &mut String, n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = n;
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    for &d in &digits[at..] {
        out.push(char::from(d));
    }
}

/// A small number as written, to two decimals at most (`2`, `1.5`), or an en dash.
pub fn pts(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_string(), |n| crate::answers::format_number((n * 100.0).round() / 100.0))
}

/// `{{bar value}}`: a ten-cell bar for a 0-100 score.
fn bar_helper(h: &Helper, _: &Handlebars, _: &Context, _: &mut RenderContext, out: &mut dyn Output) -> HelperResult {
    let value = h.param(0).ok_or(RenderErrorReason::ParamNotFoundForIndex("bar", 0))?.value();
    out.write(&bar(value.as_f64()))?;
    Ok(())
}

/// A ten-cell bar, one cell per 10 points (rounded), dots when not assessed.
pub fn bar(score: Option<f64>) -> String {
    match score {
        Some(s) => {
            let filled = ((s.clamp(0.0, 100.0) / 10.0).round()) as usize;
            format!("{}{}", "█".repeat(filled), "░".repeat(10 - filled))
        }
        None => "·".repeat(10),
    }
}

/// `{{inc @index}}`: one-based numbering.
fn inc_helper(h: &Helper, _: &Handlebars, _: &Context, _: &mut RenderContext, out: &mut dyn Output) -> HelperResult {
    let value =
        h.param(0).and_then(|p| p.value().as_u64()).ok_or(RenderErrorReason::ParamNotFoundForIndex("inc", 0))?;
    out.write(&(value + 1).to_string())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_makes_markup_inert() {
        let hostile = "| <script>alert(1)</script> ![x](http://example.com/a.png) [y](http://example.com)\nnext";
        let out = escape_markdown(hostile);
        assert!(!out.contains('\n'));
        assert!(!out.contains("<script"));
        assert!(out.contains("\\|"));
        assert!(out.contains("\\!\\[x\\]"));
        assert!(!out.contains("http://"));
        assert_eq!(escape_markdown("- item"), "\\- item");
        assert_eq!(escape_markdown("# heading"), "\\# heading");
        assert_eq!(escape_markdown("> quote"), "&gt; quote");
        assert_eq!(escape_markdown("  padded  "), "padded");
        assert_eq!(escape_markdown("1. item"), "1\\. item");
        assert_eq!(escape_markdown("5.0 months"), "5.0 months");
        assert_eq!(escape_markdown("a\u{1b}[31mred\u{202E}"), "a\\[31mred");
        assert_eq!(escape_markdown("www.example.com"), "www\u{200B}.example.com");
        assert_eq!(escape_markdown("a@b.co"), "a@\u{200B}b.co");
        assert_eq!(escape_markdown("pass@1 on HumanEval"), "pass@1 on HumanEval");
        assert_eq!(escape_markdown("plain text, 5-year licence"), "plain text, 5-year licence");
        // Controls are dropped before the trim and the line-start checks.
        assert_eq!(escape_markdown("\u{202e}- x"), "\\- x");
        assert_eq!(escape_markdown("Acme\u{a0}\u{1}"), "Acme");
    }

    proptest::proptest! {
        /// The fast path only skips text the slow path would leave as it is.
        #[test]
        fn the_fast_path_never_skips_text_that_needs_escaping(
            text in "[a-zA-Z0-9 .:/@#*_\\-]{0,12}|\\PC{0,12}|[\u{0}-\u{ff}\u{2000}-\u{2070}\u{600}-\u{620}wW.]{0,12}"
        ) {
            let text = text.trim();
            if !needs_escaping(text) {
                let mut slow = String::new();
                escape_each_char(&mut slow, text);
                proptest::prop_assert_eq!(slow, text);
            }
        }
    }

    fn one_decimal(n: f64) -> String {
        let mut out = String::new();
        push_one_decimal(&mut out, n);
        out
    }

    proptest::proptest! {
        /// The fast path prints what `{:.1}` prints, near halves and signs included.
        #[test]
        fn one_decimal_matches_the_formatter(
            n in proptest::num::f64::ANY,
            small in -2.0e6..2.0e6f64,
            tenths in -100_000i64..100_000,
            nudge in -1e-9..1e-9f64,
        ) {
            let near_half = tenths as f64 / 10.0 + 0.05 + nudge;
            for x in [n, small, near_half, -near_half, small / 1e6] {
                proptest::prop_assert_eq!(one_decimal(x), format!("{x:.1}"));
            }
        }
    }

    #[test]
    fn whole_numbers_are_written_out() {
        for n in [0, 7, 10, 12_345, u64::MAX] {
            let mut out = String::new();
            push_whole(&mut out, n);
            assert_eq!(out, n.to_string());
        }
    }

    #[test]
    fn one_decimal_by_hand() {
        for (n, printed) in [(61.54, "61.5"), (0.25, "0.2"), (-0.04, "-0.0"), (99.96, "100.0"), (-12.35, "-12.3")] {
            assert_eq!(one_decimal(n), printed);
            assert_eq!(format!("{n:.1}"), printed);
        }
    }

    #[test]
    fn bars_have_ten_cells() {
        assert_eq!(bar(Some(61.5)), "██████░░░░");
        assert_eq!(bar(Some(100.0)), "██████████");
        assert_eq!(bar(None), "··········");
    }

    #[test]
    fn tidy_folds_blank_runs_and_trailing_spaces() {
        assert_eq!(tidy_markdown("\n# A  \n\n\n\nb\n\n"), "# A\n\nb\n");
    }
}
