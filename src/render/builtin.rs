//! The built-in report template, `templates/report.md.hbs`, written out in Rust.
//!
//! Why two forms of one template: handlebars takes about 1 ms a report (it first copies
//! the whole [`Report`] into a JSON tree, then walks it), which made `moat screen` 14×
//! slower than reading the files. This writer produces the same bytes in a few tens of
//! microseconds. The `.hbs` file stays the template users copy and pass to `--template`,
//! and `tests/builtin_template.rs` renders every example and hundreds of sampled
//! applicants, in both languages, through both forms and requires identical output, so
//! the two cannot drift apart.
//!
//! Each block below mirrors the template's lines in order. Handlebars drops a line that
//! holds only a block tag (`{{#if}}`, `{{else}}`, `{{/each}}`...), so those lines write
//! nothing here; the tidy pass afterwards folds blank runs and trailing spaces in both.

use super::escape_into;
use crate::engine::report::{AnswerView, DimensionView, RecommendationView, Report};
use crate::text::labels::label;
use crate::text::number::{bar, pts, push_one_decimal, push_whole};
use crate::text::Lang;
use std::fmt::Write as _;

/// The markdown the built-in template gives for `report`, tidied.
pub fn report(report: &Report) -> String {
    let mut w = Writer { out: String::with_capacity(48 * 1024), lang: report.lang };
    w.header(report);
    w.executive_summary(report);
    w.scorecard(report);
    w.dimension_detail(report);
    w.cost_benefit(report);
    w.action_plan(report);
    w.appendix(report);
    w.out
}

struct Writer {
    out: String,
    lang: Lang,
}

/// `kind.value` in `buffer`, or `None` if it does not fit (no label key is that long).
fn join_key<'b>(buffer: &'b mut [u8; 64], kind: &str, value: &str) -> Option<&'b str> {
    let len = kind.len() + 1 + value.len();
    let key = buffer.get_mut(..len)?;
    key[..kind.len()].copy_from_slice(kind.as_bytes());
    key[kind.len()] = b'.';
    key[kind.len() + 1..].copy_from_slice(value.as_bytes());
    std::str::from_utf8(key).ok()
}

/// Handlebars' `{{#if}}` on text: present and not empty.
fn truthy(text: &Option<String>) -> bool {
    text.as_deref().is_some_and(|s| !s.is_empty())
}

/// Handlebars' `{{#if}}` on a number: present and normal (not zero, not subnormal).
fn truthy_number(value: Option<f64>) -> bool {
    value.is_some_and(f64::is_normal)
}

impl Writer {
    /// Literal template text. A line break it starts with goes through [`Writer::newline`].
    fn s(&mut self, text: &str) {
        let mut text = text;
        while let Some(rest) = text.strip_prefix('\n') {
            self.newline();
            text = rest;
        }
        self.out.push_str(text);
    }

    /// End the line, tidy as the tidy pass would be: no trailing blanks, no blank line
    /// at the start or two in a row. So the built-in report needs no second pass.
    fn newline(&mut self) {
        let kept = self.out.trim_end_matches(|c: char| c.is_whitespace() && c != '\n').len();
        self.out.truncate(kept);
        if !self.out.is_empty() && !self.out.ends_with("\n\n") {
            self.out.push('\n');
        }
    }

    /// `{{t "key"}}`.
    fn t(&mut self, key: &str) {
        self.out.push_str(label(self.lang, key).unwrap_or(key));
    }

    /// `{{tv "kind" value}}`.
    fn tv(&mut self, kind: &str, value: &str) {
        // The key is built on the stack: a report looks up some two hundred of these.
        let mut buffer = [0u8; 64];
        let key = join_key(&mut buffer, kind, value);
        self.out.push_str(key.and_then(|key| label(self.lang, key)).unwrap_or(value));
    }

    /// `{{value}}`: escaped.
    fn v(&mut self, text: &str) {
        escape_into(&mut self.out, text);
    }

    /// `{{value}}` for an optional text: null renders as nothing.
    fn ov(&mut self, text: &Option<String>) {
        self.v(text.as_deref().unwrap_or(""));
    }

    /// `{{num value}}`.
    fn num(&mut self, value: Option<f64>) {
        match value {
            Some(n) => push_one_decimal(&mut self.out, n),
            None => self.out.push('–'),
        }
    }

    /// `{{pts value}}`.
    fn pts(&mut self, value: Option<f64>) {
        self.out.push_str(&pts(value));
    }

    /// `` `{{bar value}}` ``.
    fn bar(&mut self, value: Option<f64>) {
        self.out.push('`');
        self.out.push_str(&bar(value));
        self.out.push('`');
    }

    /// `{{inc @index}}`.
    fn inc(&mut self, index: usize) {
        push_whole(&mut self.out, index as u64 + 1);
    }

    /// `**{{t "key"}}**{{t ":"}}`: a bold label before its value.
    fn bold_label(&mut self, key: &str) {
        self.s("**");
        self.t(key);
        self.s("**");
        self.t(":");
    }

    /// A table's header row (`#` as written, other cells as labels) and its rule line.
    fn table_header(&mut self, keys: &[&str], rule: &str) {
        self.s("|");
        for key in keys {
            self.s(" ");
            match *key {
                "#" => self.s("#"),
                key => self.t(key),
            }
            self.s(" |");
        }
        self.s("\n");
        self.s(rule);
        self.s("\n");
    }

    /// `{{t "claimed"}} {{num claimed}} / {{t "credited"}} {{num score}}`.
    fn claimed_vs_credited(&mut self, claimed: Option<f64>, score: Option<f64>) {
        self.t("claimed");
        self.s(" ");
        self.num(claimed);
        self.s(" / ");
        self.t("credited");
        self.s(" ");
        self.num(score);
    }

    /// `{{t "impact"}} {{num impact}}{{t ","}}{{t "effort"}} {{tv "effort" effort}}`.
    fn impact_and_effort(&mut self, rec: &RecommendationView) {
        self.t("impact");
        self.s(" ");
        self.num(Some(rec.impact));
        self.t(",");
        self.t("effort");
        self.s(" ");
        self.tv("effort", rec.effort);
    }

    fn header(&mut self, r: &Report) {
        self.s("# ");
        self.t("report_title");
        self.t(":");
        if truthy(&r.respondent.name) {
            self.ov(&r.respondent.name);
        } else {
            self.t("unnamed");
        }
        self.s("\n\n- ");
        self.bold_label("assessed_on");
        if truthy(&r.assessed_on) {
            self.ov(&r.assessed_on);
        } else {
            self.t("not_dated");
        }
        self.s("\n");
        for (key, value) in [("stage", &r.respondent.stage_label), ("sector", &r.respondent.sector_label)] {
            if truthy(value) {
                self.s("- ");
                self.bold_label(key);
                self.ov(value);
                self.s("\n");
            }
        }
        self.s("- ");
        self.bold_label("profile");
        if truthy(&r.respondent.profile_title) {
            self.ov(&r.respondent.profile_title);
        } else {
            self.t("profile_none");
        }
        self.s("\n- ");
        self.bold_label("assessments");
        for (i, a) in r.assessments.iter().enumerate() {
            if i > 0 {
                self.t(",");
            }
            self.v(&a.title);
            let _ = write!(self.out, " (v{})", a.version);
        }
        self.s("\n");
        if r.status == crate::model::answers::Status::InProgress {
            self.s("\n> ");
            self.t("in_progress_note");
            self.s("\n");
        }
        self.s("\n");
    }

    fn executive_summary(&mut self, r: &Report) {
        self.s("## ");
        self.t("executive_summary");
        self.s("\n\n**");
        self.t("overall_score");
        self.t(":");
        self.num(r.overall.score);
        self.s("**");
        self.t("out_of_100");
        if truthy(&r.overall.level) {
            self.s(" · **");
            self.ov(&r.overall.level);
            self.s("**");
        }
        self.t("(");
        self.t("claimed");
        self.s(" ");
        self.num(r.overall.claimed);
        self.t(",");
        self.t("credited");
        self.s(" ");
        self.num(r.overall.score);
        self.t(")");
        self.s("\n");
        self.t("overall_claimed_note");
        self.s("\n\n### ");
        self.t("red_flags");
        self.s("\n\n");
        for flag in &r.red_flags {
            self.s("- **");
            self.tv("severity", flag.severity);
            self.s("**");
            self.t(":");
            self.v(&flag.text);
            self.t("(");
            self.v(&flag.source_title);
            self.t(")");
            if truthy(&flag.advice) {
                self.s(" ");
                self.bold_label("fix");
                self.ov(&flag.advice);
            }
            self.s("\n");
        }
        if r.red_flags.is_empty() {
            self.t("no_red_flags");
            self.s("\n");
        }
        self.s("\n### ");
        self.t("top_strengths");
        self.s("\n\n");
        for d in &r.summary.strengths {
            self.s("- **");
            self.v(&d.title);
            self.s("**");
            self.t(":");
            self.num(d.score);
            self.t("(");
            self.ov(&d.level);
            self.t(")");
            self.s("\n");
        }
        if r.summary.strengths.is_empty() {
            self.t("no_strengths");
            self.s("\n");
        }
        self.s("\n### ");
        self.t("top_gaps");
        self.s("\n\n");
        for d in &r.summary.gaps {
            self.s("- **");
            self.v(&d.title);
            self.s("**");
            self.t(":");
            self.num(d.score);
            if truthy_number(d.target) {
                self.t("(");
                self.t("target");
                self.s(" ");
                self.num(d.target);
                self.t(")");
            }
            self.s("\n");
        }
        if r.summary.gaps.is_empty() {
            self.t("no_gaps");
            self.s("\n");
        }
        self.s("\n");
    }

    fn scorecard(&mut self, r: &Report) {
        self.s("## ");
        self.t("scorecard");
        self.s("\n\n");
        self.table_header(
            &["dimension", "score", "level", "bar", "confidence", "claimed_vs_credited", "target_col"],
            "| --- | ---: | --- | --- | --- | ---: | ---: |",
        );
        for d in &r.dimensions {
            self.s("| ");
            self.v(&d.title);
            if d.assessed {
                self.s(" | ");
                self.num(d.score);
                self.s(" | ");
                self.ov(&d.level);
                if !d.capped_by.is_empty() {
                    self.s(" ⚑");
                }
                self.s(" | ");
                self.bar(d.score);
                self.s(" | ");
                self.tv("confidence", d.confidence.unwrap_or(""));
                self.s(" | ");
                self.num(d.claimed);
                self.s(" / ");
                self.num(d.score);
            } else {
                self.s(" | – | ");
                self.t("not_assessed");
                self.s(" | ");
                self.bar(d.score);
                self.s(" | – | –");
            }
            self.s(" | ");
            self.num(d.target);
            self.s(" |\n");
        }
        self.s("| **");
        self.t("overall_score");
        self.s("** | **");
        self.num(r.overall.score);
        self.s("** | ");
        match &r.overall.level {
            Some(level) if !level.is_empty() => self.v(level),
            _ => self.s("–"),
        }
        self.s(" | ");
        self.bar(r.overall.score);
        self.s(" | ");
        match r.overall.confidence {
            Some(c) if !c.is_empty() => self.tv("confidence", c),
            _ => self.s("–"),
        }
        self.s(" | ");
        self.num(r.overall.claimed);
        self.s(" / ");
        self.num(r.overall.score);
        self.s(" | – |\n\n");
    }

    fn dimension_detail(&mut self, r: &Report) {
        self.s("## ");
        self.t("dimension_detail");
        self.s("\n\n");
        for d in &r.dimensions {
            self.s("### ");
            self.v(&d.title);
            self.s("\n\n");
            if truthy(&d.description) {
                self.ov(&d.description);
                self.s("\n\n");
            }
            if d.assessed {
                self.assessed_dimension(d);
            } else {
                self.t("not_assessed");
                self.s("\n");
            }
            self.s("\n");
        }
    }

    fn assessed_dimension(&mut self, d: &DimensionView) {
        self.t("score");
        self.t(":");
        self.s("**");
        self.num(d.score);
        self.s("**");
        self.t("(");
        self.ov(&d.level);
        self.t(")");
        self.s(" · ");
        self.t("confidence");
        self.t(":");
        self.tv("confidence", d.confidence.unwrap_or(""));
        self.s(" · ");
        self.claimed_vs_credited(d.claimed, d.score);
        if truthy_number(d.target) {
            self.s(" · ");
            self.t("target");
            self.s(" ");
            self.num(d.target);
        }
        self.s(" · ");
        self.t("weight");
        self.s(" ");
        self.pts(Some(d.weight));
        self.s("\n");
        for text in &d.capped_by {
            self.s("\n> ⚑ ");
            self.t("level_capped");
            self.t(":");
            self.v(text);
            self.s("\n");
        }
        self.s("\n");
        self.subheading(&d.title, "what_backs_it");
        for a in &d.strong_answers {
            self.s("- ");
            self.v(&a.prompt);
            self.s(" → **");
            self.v(&a.answer);
            self.s("**");
            self.evidence_and_note(a);
            self.s("\n");
        }
        if d.strong_answers.is_empty() {
            self.t("nothing_strong");
            self.s("\n");
        }
        self.s("\n");
        self.subheading(&d.title, "what_holds_back");
        for m in &d.weak_metrics {
            self.s("- ");
            self.v(&m.title);
            self.s(" → **");
            self.v(&m.display);
            self.s("**\n");
        }
        for a in &d.weak_answers {
            self.s("- ");
            self.v(&a.prompt);
            self.s(" → **");
            self.v(&a.answer);
            self.s("**");
            if truthy(&a.help) {
                self.t(".");
                self.t("why_it_matters");
                self.t(":");
                self.ov(&a.help);
            }
            self.s("\n");
        }
        if d.weak_answers.is_empty() && d.weak_metrics.is_empty() {
            self.t("nothing_weak");
            self.s("\n");
        }
        self.s("\n");
        self.subheading(&d.title, "advice");
        for rec in &d.recommendations {
            self.s("- ");
            self.v(&rec.text);
            self.t("(");
            self.impact_and_effort(rec);
            self.t(",");
            self.tv("group", rec.group);
            self.t(")");
            self.s("\n");
        }
        if d.recommendations.is_empty() {
            self.t("no_advice");
            self.s("\n");
        }
    }

    /// `#### {{title}}{{t ":"}}{{t "key"}}` and the blank line after it.
    fn subheading(&mut self, title: &str, key: &str) {
        self.s("#### ");
        self.v(title);
        self.t(":");
        self.t(key);
        self.s("\n\n");
    }

    /// `{{#if evidence}} (evidence: ...){{/if}}{{#if note}} (note: ...){{/if}}`.
    fn evidence_and_note(&mut self, a: &AnswerView) {
        if let Some(evidence) = a.evidence.filter(|e| !e.is_empty()) {
            self.t("(");
            self.t("evidence");
            self.t(":");
            self.tv("evidence", evidence);
            self.t(")");
        }
        if truthy(&a.note) {
            self.t("(");
            self.t("note");
            self.t(":");
            self.ov(&a.note);
            self.t(")");
        }
    }

    fn cost_benefit(&mut self, r: &Report) {
        self.s("## ");
        self.t("cost_benefit");
        self.s("\n\n### ");
        self.t("metrics");
        self.s("\n\n");
        if r.metrics.is_empty() {
            self.t("no_metrics");
            self.s("\n");
        } else {
            self.table_header(&["metric", "value", "band_score"], "| --- | ---: | ---: |");
            for m in &r.metrics {
                self.s("| ");
                self.v(&m.title);
                self.s(" | ");
                self.v(&m.display);
                self.s(" | ");
                self.pts(m.score);
                self.s(" |\n");
            }
        }
        self.s("\n");
        if !r.levers.is_empty() {
            self.s("### ");
            self.t("levers");
            self.s("\n\n");
            for lever in &r.levers {
                self.s("#### ");
                self.v(&lever.title);
                self.t(":");
                self.num(lever.score);
                self.s("\n\n");
                self.bar(lever.score);
                self.s(" ");
                self.claimed_vs_credited(lever.claimed, lever.score);
                self.s("\n\n");
                self.t("published_assumptions");
                self.t(":");
                self.s("\n\n");
                for assumption in &lever.assumptions {
                    self.s("- ");
                    self.v(assumption);
                    self.s("\n");
                }
                self.s("\n");
            }
        }
    }

    fn action_plan(&mut self, r: &Report) {
        self.s("## ");
        self.t("action_plan");
        self.s("\n\n");
        for (heading, plan, none) in
            [("days_30", &r.plan.days_30, "no_quick_wins"), ("days_90", &r.plan.days_90, "no_big_bets")]
        {
            self.s("### ");
            self.t(heading);
            self.s("\n\n");
            for (i, rec) in plan.iter().enumerate() {
                self.plan_step(i, rec);
            }
            if plan.is_empty() {
                self.t(none);
                self.s("\n");
            }
            self.s("\n");
        }
        self.s("### ");
        self.t("all_recommendations");
        self.s("\n\n");
        if r.recommendations.is_empty() {
            self.t("no_recommendations");
            self.s("\n");
        } else {
            self.table_header(&["#", "advice", "impact", "effort", "group"], "| ---: | --- | ---: | --- | --- |");
            for (i, rec) in r.recommendations.iter().enumerate() {
                self.s("| ");
                self.inc(i);
                self.s(" | ");
                self.v(&rec.text);
                self.s(" | ");
                self.num(Some(rec.impact));
                self.s(" | ");
                self.tv("effort", rec.effort);
                self.s(" | ");
                self.tv("group", rec.group);
                self.s(" |\n");
            }
        }
        self.s("\n");
        if !r.question_gaps.is_empty() {
            self.s("### ");
            self.t("question_gaps");
            self.s("\n\n");
            self.table_header(&["question", "answer", "score", "impact"], "| --- | --- | ---: | ---: |");
            for g in &r.question_gaps {
                self.s("| ");
                self.v(&g.prompt);
                self.s(" | ");
                self.v(&g.answer);
                self.s(" | ");
                self.pts(Some(g.score));
                self.s(" | ");
                self.num(Some(g.impact));
                self.s(" |\n");
            }
            self.s("\n");
        }
    }

    /// `{{inc @index}}. {{text}} (dimensions; impact, effort)`.
    fn plan_step(&mut self, i: usize, rec: &RecommendationView) {
        self.inc(i);
        self.s(". ");
        self.v(&rec.text);
        self.t("(");
        for (j, dim) in rec.dimensions.iter().enumerate() {
            if j > 0 {
                self.t(",");
            }
            self.v(dim);
        }
        self.t(";");
        self.impact_and_effort(rec);
        self.t(")");
        self.s("\n");
    }

    fn appendix(&mut self, r: &Report) {
        self.s("## ");
        self.t("appendix");
        self.s("\n\n### ");
        self.t("all_answers");
        self.s("\n\n");
        for assessment in &r.answers {
            self.s("#### ");
            self.v(&assessment.title);
            self.t(":");
            self.t("answers_heading");
            self.s("\n\n");
            for section in &assessment.sections {
                self.s("##### ");
                self.v(&assessment.title);
                self.s(" · ");
                self.v(&section.title);
                self.s("\n\n");
                for a in &section.questions {
                    self.appendix_answer(a);
                }
                self.s("\n");
            }
        }
        self.s("### ");
        self.t("weights_used");
        self.s("\n\n");
        self.table_header(&["dimension", "weight", "target_col"], "| --- | ---: | ---: |");
        for w in &r.weights {
            self.s("| ");
            self.v(&w.title);
            self.s(" | ");
            self.pts(Some(w.weight));
            self.s(" | ");
            self.num(w.target);
            self.s(" |\n");
        }
        self.s("\n");
        if truthy(&r.respondent.profile_rationale) {
            self.ov(&r.respondent.profile_rationale);
            self.s("\n\n");
        }
        self.s("### ");
        self.t("scoring_method");
        self.s("\n\n");
        for key in ["method_1", "method_2", "method_3", "method_4"] {
            self.t(key);
            self.s("\n\n");
        }
        if !r.warnings.is_empty() {
            self.s("### ");
            self.t("warnings");
            self.s("\n\n");
            for warning in &r.warnings {
                self.s("- ");
                self.v(warning);
                self.s("\n");
            }
            self.s("\n");
        }
        self.s("---\n\n*");
        self.t("snapshot_note");
        self.s("*\n");
    }

    /// One line of the appendix: the answer in bold, or the status in italics.
    fn appendix_answer(&mut self, a: &AnswerView) {
        self.s("- ");
        self.v(&a.prompt);
        self.s(" → ");
        if a.status == "answered" {
            self.s("**");
            self.v(&a.answer);
            self.s("**");
        } else {
            self.s("*");
            self.tv("status", a.status);
            self.s("*");
            if !a.answer.is_empty() {
                self.t("(");
                self.v(&a.answer);
                self.t(")");
            }
        }
        self.evidence_and_note(a);
        self.s("\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::catalog::Catalog;
    use crate::model::sample::{applicant, SampleSpec};

    /// The writer lays out blank lines itself, so the built-in report needs no tidy pass.
    #[test]
    fn the_writer_output_is_already_tidy() {
        let catalog = Catalog::builtin().unwrap();
        let spec = SampleSpec { count: 60, seed: 4, profile: None };
        for index in 0..spec.count {
            let file = applicant(&catalog, &spec, index);
            let card = crate::engine::scoring::score(catalog.all(), &file, &indexmap::IndexMap::new()).unwrap();
            for lang in Lang::ALL {
                let raw = report(&crate::engine::report::build(&catalog, &file, &card, lang, &[]));
                let tidy = super::super::tidy_markdown(&raw);
                if raw != tidy {
                    let line = raw.lines().zip(tidy.lines()).position(|(a, b)| a != b).unwrap_or(0);
                    let show = |t: &str| t.lines().skip(line.saturating_sub(3)).take(6).collect::<Vec<_>>().join("⏎\n");
                    panic!(
                        "applicant {index}: line {}\n--- raw:\n{}\n--- tidy:\n{}",
                        line + 1,
                        show(&raw),
                        show(&tidy)
                    );
                }
            }
        }
    }
}
