//! Rendering, in one place: handlebars templates (embedded, overridable with
//! `--template`), the markdown escape every `{{value}}` goes through, and the helpers.

mod builtin;
mod escape;

pub use escape::{escape_into, escape_markdown};

use crate::engine::report::Report;
use crate::text::labels::label;
use crate::text::number::{bar, pts};
use crate::text::Lang;
use handlebars::{
    Context, Handlebars, Helper, HelperResult, JsonRender, Output, RenderContext, RenderError as HbRenderError,
    RenderErrorReason,
};
use serde::Serialize;
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
                let source = crate::model::source::read_text(path)
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

/// `{{bar value}}`: a ten-cell bar for a 0-100 score.
fn bar_helper(h: &Helper, _: &Handlebars, _: &Context, _: &mut RenderContext, out: &mut dyn Output) -> HelperResult {
    let value = h.param(0).ok_or(RenderErrorReason::ParamNotFoundForIndex("bar", 0))?.value();
    out.write(&bar(value.as_f64()))?;
    Ok(())
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
    fn tidy_folds_blank_runs_and_trailing_spaces() {
        assert_eq!(tidy_markdown("\n# A  \n\n\n\nb\n\n"), "# A\n\nb\n");
    }
}
