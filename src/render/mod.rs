//! Rendering, in one place: handlebars templates (embedded, overridable with
//! `--template`), compiled once per run and rendered straight into their output; the
//! escape every `{{value}}` goes through (markdown or HTML, by the template's
//! [`Markup`]); the helpers and the SVG charts; the tidy pass.

pub mod charts;
mod escape;
pub mod form;
mod helpers;
mod html;
pub mod outline;
pub mod templates;
mod tidy;
mod value;

pub use escape::{escape_into, escape_markdown};
pub use html::{escape_html, label_html};
pub use templates::{Builtin, Markup};

use crate::text::labels::label;
use crate::text::Lang;
use handlebars::{Context, Handlebars};
use serde::Serialize;
use std::cell::RefCell;
use std::io::Write;
use std::path::Path;
use std::sync::OnceLock;
use thiserror::Error;
use tidy::Tidy;

#[derive(Debug, Error)]
pub enum RenderError {
    #[error("{file}:{line}: template error: {message}")]
    Template { file: String, line: String, message: String },
    #[error("{file}{}: cannot render: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
    Render { file: String, line: Option<usize>, message: String },
    #[error("cannot read template `{file}`: {reason}")]
    Read { file: String, reason: String },
    /// The output could not be written while rendering into it (a full disk, say).
    #[error("{0}")]
    Write(std::io::Error),
    #[error("cannot encode the report as JSON: {0}")]
    Json(String),
}

/// A compiled template: a built-in one or a user's file. Compile it once per run and
/// render it as often as needed, from any thread.
pub struct Renderer {
    source: String,
    /// Markdown or HTML: the escape and the helpers the template is compiled with.
    markup: Markup,
    /// Whether the fixed words are written in (see [`inline_labels`]); off only in tests.
    inline: bool,
    /// The template compiled for each language of [`Lang::ALL`], on first use: a run
    /// renders in one language, and compiling takes most of a single `moat report`.
    compiled: [OnceLock<Handlebars<'static>>; Lang::ALL.len()],
    /// What messages call the template.
    name: String,
}

const MAIN: &str = "main";

thread_local! {
    /// The data tree of this thread's last render, updated in place by the next one.
    static DATA: RefCell<Context> = RefCell::new(Context::null());
}

impl Renderer {
    /// A built-in template.
    pub fn builtin(template: Builtin) -> Result<Renderer, RenderError> {
        Renderer::from_source(template.path(), template.source(), template.markup())
    }

    /// The user's template at `path` when given, else the built-in `default`. The user's
    /// template writes what `default` writes, and is escaped so.
    pub fn load(path: Option<&Path>, default: Builtin) -> Result<Renderer, RenderError> {
        match path {
            None => Renderer::builtin(default),
            Some(path) => {
                let name = path.display().to_string();
                let source = crate::model::source::read_text(path)
                    .map_err(|p| RenderError::Read { file: name.clone(), reason: p.message })?;
                Renderer::from_source(&name, &source, default.markup())
            }
        }
    }

    pub fn from_source(name: &str, source: &str, markup: Markup) -> Result<Renderer, RenderError> {
        Renderer::compile(name, source, markup, true)
    }

    /// `inline` off leaves every `{{t}}` to the helper (the tests compare both). The
    /// English copy is compiled now, so a broken template fails before any work is done.
    fn compile(name: &str, source: &str, markup: Markup, inline: bool) -> Result<Renderer, RenderError> {
        let renderer = Renderer {
            source: source.to_string(),
            markup,
            inline,
            compiled: std::array::from_fn(|_| OnceLock::new()),
            name: name.to_string(),
        };
        renderer.registry(Lang::En)?;
        Ok(renderer)
    }

    /// The template compiled for `lang`, compiling it on first use.
    fn registry(&self, lang: Lang) -> Result<&Handlebars<'static>, RenderError> {
        let slot = Lang::ALL.iter().position(|&l| l == lang).map(|i| &self.compiled[i]);
        let Some(slot) = slot else {
            let message = format!("no language `{lang}`");
            return Err(RenderError::Render { file: self.name.clone(), line: None, message });
        };
        if let Some(registry) = slot.get() {
            return Ok(registry);
        }
        let mut registry = Handlebars::new();
        registry.set_strict_mode(true);
        match self.markup {
            Markup::Markdown => registry.register_escape_fn(escape_markdown),
            Markup::Html => registry.register_escape_fn(escape_html),
        }
        helpers::register(&mut registry, self.markup);
        if self.markup == Markup::Html {
            let style = Builtin::HtmlStyle;
            registry.register_partial("style", style.source()).map_err(|e| RenderError::Template {
                file: style.path().to_string(),
                line: e.pos().map_or_else(|| "?".to_string(), |(l, _)| l.to_string()),
                message: template_reason(&e.reason().to_string()),
            })?;
        }
        let source = if self.inline { inline_labels(&self.source, lang, self.markup) } else { self.source.clone() };
        registry.register_template_string(MAIN, source).map_err(|e| RenderError::Template {
            file: self.name.clone(),
            line: e.pos().map_or_else(|| "?".to_string(), |(l, _)| l.to_string()),
            message: template_reason(&e.reason().to_string()),
        })?;
        // Two threads may compile it at once; the first to finish is kept.
        Ok(slot.get_or_init(|| registry))
    }

    /// Render `data` (whose `lang` field is `lang`) into `out`, tidied so the output
    /// passes a markdown linter (an HTML page loses only blank lines and trailing blanks). On an error `out` holds part of the text: write into a
    /// temp file, which is dropped then.
    pub fn render_to<T: Serialize>(&self, data: &T, lang: Lang, out: &mut dyn Write) -> Result<(), RenderError> {
        let registry = self.registry(lang)?;
        let mut tidy = Tidy::new(out);
        // Each thread keeps the data tree of its last render and updates it (see `value`).
        DATA.with(|tree| {
            let mut tree = tree.borrow_mut();
            value::update(tree.data_mut(), data).map_err(|e| RenderError::Json(e.to_string()))?;
            registry.render_with_context_to_write(MAIN, &tree, &mut tidy).map_err(|e| self.render_error(e))
        })?;
        tidy.finish().map_err(RenderError::Write)?;
        Ok(())
    }

    /// Render `data` (whose `lang` field is `lang`) to a string, tidied.
    pub fn render<T: Serialize>(&self, data: &T, lang: Lang) -> Result<String, RenderError> {
        let mut out = Vec::with_capacity(16 * 1024);
        self.render_to(data, lang, &mut out)?;
        // Templates, labels and escaped values are all UTF-8, and tidying cuts only at ASCII bytes.
        String::from_utf8(out).map_err(|e| RenderError::Render {
            file: self.name.clone(),
            line: None,
            message: e.to_string(),
        })
    }

    fn render_error(&self, e: handlebars::RenderError) -> RenderError {
        if let handlebars::RenderErrorReason::IOError(io) = e.reason() {
            return RenderError::Write(std::io::Error::new(io.kind(), io.to_string()));
        }
        RenderError::Render {
            file: self.name.clone(),
            line: e.line_no,
            message: render_reason(&e.reason().to_string()),
        }
    }
}

/// Write the fixed words in: `{{t "key"}}` with a literal key always gives the same text
/// in one language, so each compiled copy of a template has it as plain text instead of
/// a helper call. A report has some six hundred of them, and the calls were a fifth of
/// the time it took to render one. Unknown keys are left to the helper, which names them.
/// In an HTML template the label is written as HTML, as the helper would.
fn inline_labels(source: &str, lang: Lang, markup: Markup) -> String {
    const OPEN: &str = "{{t \"";
    let mut out = String::with_capacity(source.len() + source.len() / 4);
    let mut rest = source;
    while let Some(at) = rest.find(OPEN) {
        out.push_str(&rest[..at]);
        let after = &rest[at + OPEN.len()..];
        let text = after.find("\"}}").map(|end| &after[..end]).and_then(|key| Some((key, label(lang, key)?)));
        match text {
            // A label with `{{` in it would become template code; none has one, but make sure.
            Some((key, text)) if !text.contains("{{") => {
                match markup {
                    Markup::Markdown => out.push_str(text),
                    Markup::Html => out.push_str(&label_html(text)),
                }
                rest = &after[key.len() + 3..];
            }
            _ => {
                out.push_str(OPEN);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_written_in_and_unknown_keys_left_to_the_helper() {
        let md = Markup::Markdown;
        assert_eq!(inline_labels("# {{t \"report_title\"}}{{t \":\"}}x", Lang::En, md), "# Strategy report: x");
        assert_eq!(inline_labels("{{t \"no_such_key\"}} {{t key}}", Lang::En, md), "{{t \"no_such_key\"}} {{t key}}");
        assert_eq!(inline_labels("{{t \"report_title\"", Lang::En, md), "{{t \"report_title\"");
        assert_eq!(
            inline_labels("<p>{{t \"in_progress_note\"}}</p>", Lang::En, Markup::Html),
            format!("<p>{}</p>", label_html(label(Lang::En, "in_progress_note").unwrap()))
        );
    }

    /// Inlining is an optimisation only: the built-in templates, on sampled data in both
    /// languages, give the same bytes with and without it.
    #[test]
    fn inlined_labels_render_the_same_bytes_as_the_helper() {
        let catalog = crate::model::catalog::Catalog::builtin().unwrap();
        let spec = crate::model::sample::SampleSpec { count: 12, seed: 5, profile: None };
        for template in [Builtin::Report, Builtin::ReportHtml] {
            let fast = Renderer::compile("t", template.source(), template.markup(), true).unwrap();
            let slow = Renderer::compile("t", template.source(), template.markup(), false).unwrap();
            for lang in Lang::ALL {
                for i in 0..12 {
                    let file = crate::model::sample::applicant(&catalog, &spec, i);
                    let (_, report) =
                        crate::engine::report::score_and_build(&catalog, &file, &[], Some(lang), &Default::default())
                            .unwrap();
                    assert_eq!(fast.render(&report, lang).unwrap(), slow.render(&report, lang).unwrap());
                }
            }
        }
    }
}
