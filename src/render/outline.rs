//! `moat show`'s default view: an assessment definition as a readable outline (its
//! dimensions, profiles, sections, questions with their conditions and options, and
//! metrics), in one language. The definition's author wrote every word of it, so it is
//! plain text, not markdown; `--format yaml` and `--format json` give the whole file.

use crate::model::definition::{kind_name, Assessment, Question, When, WhenValue};
use crate::text::labels::fixed_text;
use crate::text::number::format_number;
use crate::text::Lang;
use std::fmt::Write as _;

pub fn outline(a: &Assessment, lang: Lang) -> String {
    let t = |key: &str| fixed_text(lang, key);
    let mut out = String::new();
    let questions = a.questions().count();
    let _ = writeln!(out, "{} · {} {} {}", a.title.get(lang), a.id, t("outline_version"), a.version);
    let _ = writeln!(
        out,
        "{}",
        t("outline_size")
            .replace("{q}", &questions.to_string())
            .replace("{s}", &a.sections.len().to_string())
            .replace("{m}", &a.metrics.len().to_string())
    );
    let _ = writeln!(out, "\n{}", t("outline_dimensions"));
    let width = a.dimensions.iter().map(|d| d.id.len()).max().unwrap_or(0);
    for d in &a.dimensions {
        let weight = format!("{}{} {}{}", t("("), t("outline_weight"), format_number(d.weight), t(")"));
        let _ = writeln!(out, "  {:width$}  {}{weight}", d.id, d.title.get(lang));
    }
    if !a.profiles.is_empty() {
        let _ = writeln!(out, "\n{}", t("outline_profiles"));
        let width = a.profiles.iter().map(|p| p.id.len()).max().unwrap_or(0);
        for p in &a.profiles {
            let weights: Vec<String> = p.weights.iter().map(|(d, w)| format!("{d} ×{}", format_number(*w))).collect();
            let _ = writeln!(out, "  {:width$}  {}  [{}]", p.id, p.title.get(lang), weights.join(", "));
        }
    }
    for s in &a.sections {
        let count = t("outline_questions").replace("{n}", &s.questions.len().to_string());
        let _ = writeln!(out, "\n{} · {}{}{count}{}", s.id, s.title.get(lang), t("("), t(")"));
        for q in &s.questions {
            question(&mut out, q, lang);
        }
    }
    if !a.metrics.is_empty() {
        let _ = writeln!(out, "\n{}", t("outline_metrics"));
        for m in &a.metrics {
            let dims: Vec<&str> = m.dimensions.keys().map(String::as_str).collect();
            let _ = writeln!(out, "  {}  {} → {}", m.id, m.title.get(lang), dims.join(", "));
        }
    }
    let _ = writeln!(out, "\n{}", t("outline_more"));
    out
}

fn question(out: &mut String, q: &Question, lang: Lang) {
    let t = |key: &str| fixed_text(lang, key);
    let mut facts = vec![kind_name(q.kind).to_string()];
    if q.weight != 1.0 {
        facts.push(format!("{} {}", t("outline_weight"), format_number(q.weight)));
    }
    if !q.dimensions.is_empty() {
        facts.push(q.dimensions.keys().cloned().collect::<Vec<_>>().join(", "));
    }
    if q.evidence {
        facts.push(t("outline_evidence").to_string());
    }
    let _ = writeln!(out, "  {}  {}  [{}]", q.id, q.short_title().get(lang), facts.join(" · "));
    if let Some(when) = &q.when {
        let _ = writeln!(out, "      {} {}", t("outline_when"), condition(when));
    }
    if !q.options.is_empty() {
        let options: Vec<String> = q
            .options
            .iter()
            .map(|o| match (o.score.or(o.points), o.unknown, o.na) {
                (_, true, _) => format!("{} ?", o.id),
                (_, _, true) => format!("{} n/a", o.id),
                (Some(score), ..) => format!("{} {}", o.id, format_number(score)),
                (None, ..) => o.id.clone(),
            })
            .collect();
        let _ = writeln!(out, "      {}", options.join(" · "));
    }
    if !q.bands.is_empty() {
        let bands: Vec<String> = q
            .bands
            .iter()
            .map(|b| match b.below {
                Some(below) => format!("<{} → {}", format_number(below), format_number(b.score)),
                None => format!("{} → {}", t("outline_else"), format_number(b.score)),
            })
            .collect();
        let _ = writeln!(out, "      {}", bands.join(" · "));
    }
}

/// `model in [tuned, own]`, `runway_months at least 12`.
fn condition(when: &When) -> String {
    let list = |values: &[WhenValue]| {
        values
            .iter()
            .map(|v| match v {
                WhenValue::Id(id) => id.clone(),
                WhenValue::Number(n) => format_number(*n),
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut parts = Vec::new();
    if let Some(values) = &when.is_in {
        parts.push(format!("in [{}]", list(values)));
    }
    if let Some(values) = &when.not_in {
        parts.push(format!("not in [{}]", list(values)));
    }
    if let Some(min) = when.at_least {
        parts.push(format!(">= {}", format_number(min)));
    }
    if let Some(max) = when.below {
        parts.push(format!("< {}", format_number(max)));
    }
    format!("{} {}", when.question, parts.join(" and "))
}
