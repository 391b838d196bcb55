//! The helpers every template can use: fixed words in the report's language, numbers,
//! bars; and for HTML templates, the SVG charts. Each is registered by name in [`register`].

use super::html::label_html;
use super::templates::Markup;
use crate::text::labels::label;
use crate::text::number::{bar, one_decimal, pts};
use crate::text::Lang;
use handlebars::{
    Context, Handlebars, Helper, HelperResult, JsonRender, Output, RenderContext, RenderError as HbRenderError,
    RenderErrorReason,
};

/// Register every helper on `registry`, for a template whose output is `markup`.
pub fn register(registry: &mut Handlebars, markup: Markup) {
    match markup {
        Markup::Markdown => {
            registry.register_helper("t", Box::new(t_helper));
            registry.register_helper("tv", Box::new(tv_helper));
        }
        Markup::Html => {
            registry.register_helper("t", Box::new(t_html_helper));
            registry.register_helper("tv", Box::new(tv_html_helper));
            super::charts::register(registry);
        }
    }
    registry.register_helper("num", Box::new(num_helper));
    registry.register_helper("bar", Box::new(bar_helper));
    registry.register_helper("pts", Box::new(pts_helper));
    registry.register_helper("signed", Box::new(signed_helper));
    registry.register_helper("inc", Box::new(inc_helper));
}

pub(super) fn lang_of(ctx: &Context) -> Lang {
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

/// `{{t "key"}}` in an HTML template: the label as HTML (see [`label_html`]).
fn t_html_helper(
    h: &Helper,
    _: &Handlebars,
    ctx: &Context,
    _: &mut RenderContext,
    out: &mut dyn Output,
) -> HelperResult {
    let key = param_str(h, 0, "t")?;
    out.write(&label_html(lookup(lang_of(ctx), &key)?))?;
    Ok(())
}

/// `{{tv "severity" value}}` in an HTML template. The value is part of a key, never
/// printed: an unknown one is an error, whatever it holds.
fn tv_html_helper(
    h: &Helper,
    _: &Handlebars,
    ctx: &Context,
    _: &mut RenderContext,
    out: &mut dyn Output,
) -> HelperResult {
    let key = format!("{}.{}", param_str(h, 0, "tv")?, param_str(h, 1, "tv")?);
    out.write(&label_html(lookup(lang_of(ctx), &key)?))?;
    Ok(())
}

/// `{{num value}}`: one decimal, or an en dash for null.
fn num_helper(h: &Helper, _: &Handlebars, _: &Context, _: &mut RenderContext, out: &mut dyn Output) -> HelperResult {
    let value = h.param(0).ok_or(RenderErrorReason::ParamNotFoundForIndex("num", 0))?.value();
    match value.as_f64() {
        Some(n) => out.write(&one_decimal(n))?,
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
