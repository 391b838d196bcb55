//! `moat compare`: what moved between two answer files of the same founder. Both are
//! scored with today's definitions, except a file written for an earlier (archived)
//! version, which is scored under that version; the comparison reads the two report
//! structs, and compares only dimensions when the rubric changed between them.

use crate::commands::shared::Global;
use crate::engine::report::{AnswerStatus, AnswerView, Report};
use crate::error::Error;
use crate::model::catalog::Catalog;
use crate::render::{self, Builtin, Renderer};
use crate::text::labels::label;
use crate::text::Lang;
use indexmap::IndexMap;
use serde::Serialize;
use std::path::PathBuf;

#[derive(Debug, Clone)]
pub struct CompareJob {
    pub before: PathBuf,
    pub after: PathBuf,
    pub output: Option<PathBuf>,
    pub json: bool,
    pub template: Option<PathBuf>,
    pub lang: Option<Lang>,
    pub force: bool,
}

/// The data the compare template receives (and `--format json` prints).
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    pub lang: Lang,
    pub name: Option<String>,
    pub before: Side,
    pub after: Side,
    pub overall: Delta,
    pub dimensions: Vec<DimensionDelta>,
    pub changed: Vec<Change>,
    pub gaps_closed: Vec<String>,
    pub gaps_opened: Vec<String>,
    pub question_gaps_closed: Vec<String>,
    pub question_gaps_opened: Vec<String>,
    pub flags_resolved: Vec<Flag>,
    pub flags_new: Vec<Flag>,
    /// When the rubric changed, flags are not matched (their wording and questions
    /// differ): these hold each file's own flags, and the two lists above stay empty.
    pub flags_before: Vec<Flag>,
    pub flags_after: Vec<Flag>,
    /// Different assessment versions or profiles between the two files.
    pub notes: Vec<String>,
    /// The two files were scored under different versions of an assessment: answers
    /// and question gaps are not compared, only dimensions and flags.
    pub rubric_changed: bool,
    pub verdict: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Side {
    pub file: String,
    pub assessed_on: Option<String>,
    pub profile: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Delta {
    pub before: Option<f64>,
    pub after: Option<f64>,
    pub delta: Option<f64>,
    pub claimed_before: Option<f64>,
    pub claimed_after: Option<f64>,
    pub level_before: Option<String>,
    pub level_after: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DimensionDelta {
    pub id: String,
    pub title: String,
    #[serde(flatten)]
    pub delta: Delta,
}

#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub assessment: String,
    pub question: String,
    /// The question's short title (docs/scoring.md 5.2.5).
    pub title: String,
    pub before: String,
    pub after: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Flag {
    pub severity: &'static str,
    pub text: String,
}

pub fn run(global: &Global, job: &CompareJob) -> Result<(), Error> {
    if let Some(output) = &job.output {
        let mut inputs = vec![job.before.as_path(), job.after.as_path()];
        inputs.extend(job.template.as_deref());
        crate::io::write::guard_inputs(output, &inputs)?;
    }
    let catalog = Catalog::with_dir(global.assessments.as_deref())?;
    let renderer = if job.json { None } else { Some(Renderer::load(job.template.as_deref(), Builtin::Compare)?) };
    let (before, before_catalog) = load_any_version(&job.before, &catalog)?;
    let (after, after_catalog) = load_any_version(&job.after, &catalog)?;
    let (a, b) = (&before.file.respondent.name, &after.file.respondent.name);
    if let (Some(a), Some(b)) = (a, b) {
        if a.trim().to_lowercase() != b.trim().to_lowercase() && !job.force {
            return Err(Error::Usage(format!(
                "`{}` is for `{a}` but `{}` is for `{b}`; compare two files of one respondent, or pass --force",
                job.before.display(),
                job.after.display()
            )));
        }
    }
    let lang = job.lang.or(after.file.lang).unwrap_or_default();
    // Issue 16: swapped files read as a decline ("Overall down 3.9"). Dates in
    // `YYYY-MM-DD` (checked on load) sort as text.
    let swapped = match (&before.file.assessed_on, &after.file.assessed_on) {
        (Some(b), Some(a)) if b > a => Some((b.clone(), a.clone())),
        _ => None,
    };
    if let Some((b, a)) = &swapped {
        if !job.force {
            return Err(Error::Usage(format!(
                "`{}` (BEFORE) is dated {b}, after `{}` (AFTER, {a}): name the earlier file first (`moat compare {} {}`), or pass --force to compare them in this order",
                job.before.display(),
                job.after.display(),
                job.after.display(),
                job.before.display()
            )));
        }
    }
    let none = IndexMap::new();
    let (_, old) =
        crate::engine::report::score_and_build(&before_catalog, &before.file, &before.warnings, Some(lang), &none)?;
    let (_, new) =
        crate::engine::report::score_and_build(&after_catalog, &after.file, &after.warnings, Some(lang), &none)?;
    let changes = changed_versions(&before_catalog, &after_catalog, &before.file, &after.file);
    let rubric_changed = !changes.is_empty();
    let mut notes = if rubric_changed {
        rubric_notes(&after_catalog, &changes, lang)
    } else {
        version_notes(&catalog, &before.file, &after.file, lang)
    };
    if let Some((b, a)) = &swapped {
        notes.push(
            crate::text::labels::fixed_text(lang, "compare_dates_swapped").replace("{before}", b).replace("{after}", a),
        );
    }
    if before.file.respondent.profile != after.file.respondent.profile {
        notes.push(
            crate::text::labels::fixed_text(lang, "compare_profile_changed")
                .replace("{before}", before.file.respondent.profile.as_deref().unwrap_or("default"))
                .replace("{after}", after.file.respondent.profile.as_deref().unwrap_or("default")),
        );
    }
    let mut comparison = compare(&catalog, &old, &new, job, notes);
    if rubric_changed {
        // Answers to different questions are not "changes", nor are different gaps.
        comparison.changed.clear();
        comparison.question_gaps_closed.clear();
        comparison.question_gaps_opened.clear();
        comparison.rubric_changed = true;
        comparison.flags_before = flags_of(&old);
        comparison.flags_after = flags_of(&new);
        comparison.flags_resolved.clear();
        comparison.flags_new.clear();
        // Points under two rubrics are not a move up or down: say so instead.
        let figure = |v: Option<f64>| v.map_or_else(|| "–".to_string(), crate::text::number::one_decimal);
        comparison.verdict = crate::text::labels::fixed_text(lang, "compare_verdict_rubric")
            .replace("{before}", &figure(comparison.overall.before))
            .replace("{after}", &figure(comparison.overall.after));
    }
    let text = match &renderer {
        Some(renderer) => renderer.render(&comparison, comparison.lang)?,
        None => render::to_json(&comparison)?,
    };
    match &job.output {
        Some(path) => crate::io::write::write_atomic(path, text.as_bytes()),
        None => crate::commands::shared::print(&text),
    }
}

/// The file at `path`, and the catalog to score it with: today's, or, for a file
/// written for an archived version of a built-in, that version's.
fn load_any_version(
    path: &std::path::Path,
    catalog: &Catalog,
) -> Result<(crate::model::answers::Loaded, Catalog), Error> {
    let name = path.display().to_string();
    let source = crate::model::source::read_text(path).map_err(|p| vec![p])?;
    let current = crate::model::answers::load(&name, &source, catalog);
    let problems = match current {
        Ok(loaded) => return Ok((loaded, catalog.clone())),
        Err(problems) => problems,
    };
    let versions: IndexMap<String, u32> = crate::model::answers::written_for(&name, &source, catalog)
        .into_iter()
        .map(|v| (v.assessment, v.written))
        .collect();
    match catalog.at_versions(&versions) {
        Some(older) if !versions.is_empty() => match crate::model::answers::load(&name, &source, &older) {
            Ok(loaded) => Ok((loaded, older)),
            Err(_) => Err(problems.into()),
        },
        _ => Err(problems.into()),
    }
}

/// (assessment, version before, version after) where the scoring versions differ.
fn changed_versions(
    before_catalog: &Catalog,
    after_catalog: &Catalog,
    before: &crate::model::answers::AnswerFile,
    after: &crate::model::answers::AnswerFile,
) -> Vec<(String, u32, u32)> {
    let mut out = Vec::new();
    for a in after_catalog.all() {
        let Some(old) = before_catalog.get(&a.id) else { continue };
        if old.version != a.version && before.answers.contains_key(&a.id) && after.answers.contains_key(&a.id) {
            out.push((a.id.clone(), old.version, a.version));
        }
    }
    out
}

/// "The rubric changed": each file was scored under its own version (one note).
fn rubric_notes(after_catalog: &Catalog, changes: &[(String, u32, u32)], lang: Lang) -> Vec<String> {
    let changes: Vec<String> = changes
        .iter()
        .map(|(id, v0, v1)| {
            let title = after_catalog.get(id).map_or(id.as_str(), |a| a.title.get(lang));
            format!("{title} v{v0} → v{v1}")
        })
        .collect();
    vec![crate::text::labels::fixed_text(lang, "compare_rubric_changed").replace("{changes}", &changes.join("; "))]
}

/// Notes where a file says it was answered under another version of an assessment.
fn version_notes(
    catalog: &Catalog,
    before: &crate::model::answers::AnswerFile,
    after: &crate::model::answers::AnswerFile,
    lang: Lang,
) -> Vec<String> {
    let mut notes = Vec::new();
    for a in catalog.all() {
        let (v0, v1) = (before.versions.get(&a.id), after.versions.get(&a.id));
        // A file that records no version says nothing either way: no note.
        let (Some(v0), Some(v1)) = (v0, v1) else { continue };
        if before.answers.contains_key(&a.id) && after.answers.contains_key(&a.id) && v0 != v1 {
            notes.push(
                crate::text::labels::fixed_text(lang, "compare_versions")
                    .replace("{assessment}", a.title.get(lang))
                    .replace("{before}", &format!("v{v0}"))
                    .replace("{after}", &format!("v{v1}"))
                    .replace("{current}", &format!("v{}", a.version)),
            );
        }
    }
    notes
}

fn compare(catalog: &Catalog, old: &Report, new: &Report, job: &CompareJob, notes: Vec<String>) -> Comparison {
    let title = |assessment: &str, question: &str| {
        let q = catalog.question(assessment, question);
        q.map(|q| q.short_title().get(new.lang).to_string()).unwrap_or_default()
    };
    let lang = new.lang;
    let delta = |b: Option<f64>, a: Option<f64>, cb, ca, lb: &Option<String>, la: &Option<String>| Delta {
        before: b,
        after: a,
        delta: b.zip(a).map(|(b, a)| a - b + 0.0),
        claimed_before: cb,
        claimed_after: ca,
        level_before: lb.clone(),
        level_after: la.clone(),
    };
    let overall = delta(
        old.overall.score,
        new.overall.score,
        old.overall.claimed,
        new.overall.claimed,
        &old.overall.level,
        &new.overall.level,
    );
    let mut dimensions = Vec::new();
    for d in &new.dimensions {
        let o = old.dimensions.iter().find(|x| x.id == d.id);
        dimensions.push(DimensionDelta {
            id: d.id.clone(),
            title: d.title.clone(),
            delta: delta(
                o.and_then(|o| o.score),
                d.score,
                o.and_then(|o| o.claimed),
                d.claimed,
                &o.and_then(|o| o.level.clone()),
                &d.level,
            ),
        });
    }
    let answers =
        |r: &Report| -> Vec<AnswerView> { r.answers.iter().flat_map(|s| s.questions.iter().cloned()).collect() };
    let (old_answers, new_answers) = (answers(old), answers(new));
    let shown = |a: &AnswerView| {
        let status = a.status.as_str();
        let status = label(lang, &format!("status.{status}")).unwrap_or(status);
        let mut text = if a.status.counts() { a.answer.clone() } else { format!("({status})") };
        if let Some(e) = a.evidence {
            text.push_str(&format!(" [{}]", label(lang, &format!("evidence.{e}")).unwrap_or(e)));
        }
        text
    };
    let mut changed = Vec::new();
    for n in &new_answers {
        let o = old_answers.iter().find(|o| o.assessment == n.assessment && o.question == n.question);
        let before =
            o.map_or_else(|| format!("({})", crate::text::labels::fixed_text(lang, "status.unanswered")), shown);
        let after = shown(n);
        // Left out of scoring before and after ("does not apply" by a condition, then by
        // the founder's answer): no change a reader needs to see.
        let out_of_scoring = |a: &AnswerView| matches!(a.status, AnswerStatus::NotApplicable | AnswerStatus::Excluded);
        if o.is_some_and(|o| out_of_scoring(o) && out_of_scoring(n)) {
            continue;
        }
        if before != after {
            changed.push(Change {
                assessment: n.assessment.clone(),
                question: n.question.clone(),
                title: title(&n.assessment, &n.question),
                before,
                after,
            });
        }
    }
    let titles = |r: &Report, ids: &[String]| -> Vec<String> {
        ids.iter().filter_map(|id| r.dimensions.iter().find(|d| &d.id == id)).map(|d| d.title.clone()).collect()
    };
    let minus = |a: &[String], b: &[String]| -> Vec<String> { a.iter().filter(|x| !b.contains(x)).cloned().collect() };
    let gaps_closed = titles(old, &minus(&old.gaps, &new.gaps));
    let gaps_opened = titles(new, &minus(&new.gaps, &old.gaps));
    let qgaps = |r: &Report| -> Vec<(String, String)> {
        r.question_gaps
            .iter()
            .map(|g| (format!("{}/{}", g.assessment, g.question), title(&g.assessment, &g.question)))
            .collect()
    };
    let (old_q, new_q) = (qgaps(old), qgaps(new));
    // docs/scoring.md M.4: a weak answer is closed when the later file answers the same
    // question, which still applies, with an option or value scoring above 1. One left
    // unanswered, marked "does not apply" or no longer asked is not a gap closed.
    let fixed = |key: &str| {
        new_answers.iter().any(|a| {
            format!("{}/{}", a.assessment, a.question) == key
                && a.status == crate::engine::report::AnswerStatus::Answered
                && a.score.is_some_and(|s| s > crate::engine::rules::WEAK_ANSWER_AT_MOST)
        })
    };
    let question_gaps_closed: Vec<String> = old_q.iter().filter(|g| fixed(&g.0)).map(|g| g.1.clone()).collect();
    let question_gaps_opened: Vec<String> =
        new_q.iter().filter(|g| !old_q.iter().any(|o| o.0 == g.0)).map(|g| g.1.clone()).collect();
    let (old_f, new_f) = (flags_of(old), flags_of(new));
    let flags_resolved: Vec<Flag> = old_f.iter().filter(|f| !new_f.contains(f)).cloned().collect();
    let flags_new: Vec<Flag> = new_f.iter().filter(|f| !old_f.contains(f)).cloned().collect();
    let verdict = verdict(
        lang,
        &overall,
        [&gaps_closed, &gaps_opened, &question_gaps_closed, &question_gaps_opened],
        &flags_resolved,
        &flags_new,
        changed.is_empty(),
    );
    Comparison {
        lang,
        name: new.respondent.name.clone().or_else(|| old.respondent.name.clone()),
        before: Side {
            file: job.before.display().to_string(),
            assessed_on: old.assessed_on.clone(),
            profile: old.respondent.profile_title.clone(),
        },
        after: Side {
            file: job.after.display().to_string(),
            assessed_on: new.assessed_on.clone(),
            profile: new.respondent.profile_title.clone(),
        },
        overall,
        dimensions,
        changed,
        gaps_closed,
        gaps_opened,
        question_gaps_closed,
        question_gaps_opened,
        flags_resolved,
        flags_new,
        flags_before: Vec::new(),
        flags_after: Vec::new(),
        notes,
        rubric_changed: false,
        verdict,
    }
}

fn flags_of(r: &Report) -> Vec<Flag> {
    r.red_flags.iter().map(|f| Flag { severity: f.severity, text: f.text.clone() }).collect()
}

/// The one-line verdict. `gaps` are the dimension gaps closed and opened, then the
/// weak answers closed and opened (docs/scoring.md M.4).
fn verdict(
    lang: Lang,
    overall: &Delta,
    gaps: [&[String]; 4],
    resolved: &[Flag],
    new: &[Flag],
    no_answer_changed: bool,
) -> String {
    let [closed, opened, answers_closed, answers_opened] = gaps;
    let t = |key: &str| crate::text::labels::fixed_text(lang, key).to_string();
    if no_answer_changed {
        return t("compare_no_change");
    }
    let direction = match overall.delta {
        Some(d) if d > 0.05 => t("compare_up"),
        Some(d) if d < -0.05 => t("compare_down"),
        Some(_) => t("compare_flat"),
        None => t("compare_unscored"),
    };
    let figure = |v: Option<f64>| v.map_or_else(|| "–".to_string(), crate::text::number::one_decimal);
    t("compare_verdict")
        .replace("{direction}", &direction)
        .replace("{delta}", &crate::text::number::one_decimal(overall.delta.unwrap_or(0.0).abs()))
        .replace("{before}", &figure(overall.before))
        .replace("{after}", &figure(overall.after))
        .replace("{closed}", &closed.len().to_string())
        .replace("{opened}", &opened.len().to_string())
        .replace("{answers_closed}", &answers_closed.len().to_string())
        .replace("{answers_opened}", &answers_opened.len().to_string())
        .replace("{resolved}", &resolved.len().to_string())
        .replace("{new}", &new.len().to_string())
}
