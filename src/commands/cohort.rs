//! `moat cohort`: the picture of a workshop room. Per-dimension distributions, the
//! question-level gaps and red flags most participants share, and discussion prompts.
//! Participants are numbered, not named, unless `--named`; with fewer than three, no
//! figure that belongs to one participant is shown at all.

use crate::commands::shared::{Format, Global};
use crate::engine::scoring::{self, Scorecard, Source};
use crate::error::Error;
use crate::io::walk::{collect_inputs, Rejected};
use crate::model::catalog::Catalog;
use crate::render::{self, Builtin, Markup, Renderer};
use crate::text::Lang;
use indexmap::IndexMap;
use serde::Serialize;
use std::path::PathBuf;

/// Below this many participants, individual figures could identify someone.
pub const MIN_PARTICIPANTS: usize = 3;

#[derive(Debug, Clone)]
pub struct CohortJob {
    pub inputs: Vec<PathBuf>,
    pub output: Option<PathBuf>,
    pub format: Format,
    pub template: Option<PathBuf>,
    pub lang: Option<Lang>,
    pub named: bool,
}

/// The data the cohort template receives (and `--format json` prints).
#[derive(Debug, Clone, Serialize)]
pub struct Cohort {
    pub lang: Lang,
    pub participants: usize,
    /// Fewer than three participants: every per-participant figure is withheld.
    pub withheld: bool,
    pub named: bool,
    pub overall: Stats,
    pub dimensions: Vec<DimensionStats>,
    /// Score ranges (0-20 ... 80-100), one row each, a cell per dimension.
    pub histogram: Vec<HistogramRow>,
    /// Levels, one row each, with how many participants reached it per dimension.
    pub levels: Vec<HistogramRow>,
    pub common_gaps: Vec<CommonGap>,
    pub common_flags: Vec<CommonFlag>,
    pub discussion: Vec<Discussion>,
    /// One row per participant, in file order; empty when withheld.
    pub table: Vec<ParticipantRow>,
    pub rejected_count: usize,
    pub rejected: Vec<Rejected>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Stats {
    /// Participants with a score here.
    pub assessed: usize,
    pub mean: Option<f64>,
    pub median: Option<f64>,
    pub min: Option<f64>,
    pub max: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DimensionStats {
    pub id: String,
    pub title: String,
    #[serde(flatten)]
    pub stats: Stats,
}

#[derive(Debug, Clone, Serialize)]
pub struct HistogramRow {
    pub label: String,
    pub counts: Vec<usize>,
    /// `███ 3` per dimension, scaled to the largest count in the table.
    pub cells: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CommonGap {
    pub assessment: String,
    pub question: String,
    /// The question's short title (docs/scoring.md 5.2.5).
    pub title: String,
    pub dimensions: Vec<String>,
    pub participants: usize,
    pub share: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct CommonFlag {
    pub severity: &'static str,
    pub text: String,
    pub participants: usize,
    pub share: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Discussion {
    pub dimension: String,
    pub question: String,
    pub participants: usize,
    pub prompts: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ParticipantRow {
    pub label: String,
    pub overall: Option<f64>,
    pub scores: Vec<Option<f64>>,
}

/// One participant, as the aggregates need them.
struct Participant {
    label: String,
    card: Scorecard,
}

pub fn run(global: &Global, job: &CohortJob) -> Result<(), Error> {
    let catalog = Catalog::with_dir(global.assessments.as_deref())?;
    let renderer = match job.format {
        Format::Markdown => Some(Renderer::load(job.template.as_deref(), Builtin::Cohort)?),
        Format::Html => Some(Renderer::load(job.template.as_deref(), Builtin::Cohort.as_markup(Markup::Html))?),
        Format::Json => None,
    };
    let (files, mut rejected) = collect_inputs(&job.inputs);
    crate::io::walk::require_files(&files, &rejected, &job.inputs)?;
    if let Some(output) = &job.output {
        let inputs: Vec<&std::path::Path> = files.iter().map(PathBuf::as_path).collect();
        crate::io::write::guard_inputs(output, &inputs)?;
    }
    let mut participants = Vec::new();
    for (i, file) in files.iter().enumerate() {
        let shown = file.display().to_string();
        let loaded = match crate::model::answers::load_file(file, &catalog) {
            Ok(loaded) => loaded,
            Err(problems) => {
                rejected.push(Rejected { file: shown, reasons: problems.iter().map(ToString::to_string).collect() });
                continue;
            }
        };
        match scoring::score(catalog.all(), &loaded.file, &IndexMap::new()) {
            Ok(card) => {
                let label = match (&loaded.file.respondent.name, job.named) {
                    (Some(name), true) => name.clone(),
                    _ => format!("P{}", i + 1),
                };
                participants.push(Participant { label, card });
            }
            Err(e) => rejected.push(Rejected { file: shown.clone(), reasons: vec![format!("{shown}: {e}")] }),
        }
    }
    for r in &rejected {
        crate::io::stderr::line(&format!("rejected: {}", crate::text::inert::printable(&r.reasons.join("\n  "))));
    }
    let cohort = aggregate(&catalog, &participants, rejected, job.lang.unwrap_or_default(), job.named);
    let text = match &renderer {
        Some(renderer) => renderer.render(&cohort, cohort.lang)?,
        None => render::to_json(&cohort)?,
    };
    match &job.output {
        Some(path) => crate::io::write::write_atomic(path, text.as_bytes())?,
        None => crate::commands::shared::print(&text)?,
    }
    match cohort.rejected.len() {
        0 => Ok(()),
        n => Err(Error::SomeRejected { rejected: n, total: n + cohort.participants }),
    }
}

fn aggregate(
    catalog: &Catalog,
    participants: &[Participant],
    rejected: Vec<Rejected>,
    lang: Lang,
    named: bool,
) -> Cohort {
    let n = participants.len();
    let withheld = n < MIN_PARTICIPANTS;
    let dims = catalog.dimension_ids();
    let dim_title = |id: &str| {
        catalog
            .all()
            .iter()
            .find_map(|a| a.dimension(id))
            .map_or_else(|| id.to_string(), |d| d.title.get(lang).to_string())
    };
    let score_of = |p: &Participant, id: &str| p.card.dimension(id).and_then(|d| d.score);
    let guard = |s: Stats| if withheld { Stats { assessed: s.assessed, ..Stats::default() } } else { s };

    let dimensions: Vec<DimensionStats> = dims
        .iter()
        .map(|id| DimensionStats {
            id: id.clone(),
            title: dim_title(id),
            stats: guard(stats(participants.iter().filter_map(|p| score_of(p, id)).collect())),
        })
        .collect();
    let overall = guard(stats(participants.iter().filter_map(|p| p.card.overall.score).collect()));

    let ranges = [(0.0, 20.0), (20.0, 40.0), (40.0, 60.0), (60.0, 80.0), (80.0, 100.01)];
    let histogram = if withheld {
        Vec::new()
    } else {
        table_rows(
            ranges
                .iter()
                .map(|&(low, high)| {
                    let counts = dims
                        .iter()
                        .map(|id| {
                            participants
                                .iter()
                                .filter_map(|p| score_of(p, id))
                                .filter(|s| *s >= low && *s < high)
                                .count()
                        })
                        .collect();
                    (format!("{}–{}", low, high.floor()), counts)
                })
                .collect(),
        )
    };
    let levels = if withheld { Vec::new() } else { level_rows(catalog, participants, &dims, lang) };

    // Question-level gaps and red flags, counted once per participant who has them.
    let mut gaps: IndexMap<(String, String), usize> = IndexMap::new();
    let mut flags: IndexMap<(String, String), (crate::model::definition::Severity, String, usize)> = IndexMap::new();
    for p in participants {
        for g in &p.card.question_gaps {
            *gaps.entry((g.assessment.clone(), g.question.clone())).or_default() += 1;
        }
        let mut seen = Vec::new();
        for f in &p.card.red_flags {
            let key = (f.assessment.clone(), flag_key(&f.source));
            if seen.contains(&key) {
                continue;
            }
            seen.push(key.clone());
            flags.entry(key).or_insert((f.severity, f.text.get(lang).to_string(), 0)).2 += 1;
        }
    }
    let order = question_order(catalog);
    let mut gap_list: Vec<((String, String), usize)> = gaps.into_iter().collect();
    gap_list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| order(&a.0).cmp(&order(&b.0))));
    let share = |count: usize| if n == 0 { 0.0 } else { 100.0 * count as f64 / n as f64 };
    // Below three people even a count (1 of 1, 1 of 2) points at someone: show none.
    let shown = if withheld { 0 } else { 10 };
    let common_gaps: Vec<CommonGap> = gap_list
        .iter()
        .take(shown)
        .filter_map(|((assessment, question), count)| {
            let q = catalog.get(assessment)?.question(question)?;
            Some(CommonGap {
                assessment: assessment.clone(),
                question: question.clone(),
                title: q.short_title().get(lang).to_string(),
                dimensions: q.dimensions.keys().map(|d| dim_title(d)).collect(),
                participants: *count,
                share: share(*count),
            })
        })
        .collect();
    let mut flag_list: Vec<(crate::model::definition::Severity, String, usize)> = flags.into_values().collect();
    flag_list.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
    let common_flags = flag_list
        .into_iter()
        .take(shown)
        .map(|(severity, text, count)| CommonFlag {
            severity: severity.as_str(),
            text,
            participants: count,
            share: share(count),
        })
        .collect();
    let discussion = discussion(catalog, if withheld { &[] } else { &gap_list }, lang, &dims, &dimensions);
    let table = if withheld {
        Vec::new()
    } else {
        participants
            .iter()
            .map(|p| ParticipantRow {
                label: p.label.clone(),
                overall: p.card.overall.score,
                scores: dims.iter().map(|id| score_of(p, id)).collect(),
            })
            .collect()
    };
    Cohort {
        lang,
        participants: n,
        withheld,
        named,
        overall,
        dimensions,
        histogram,
        levels,
        common_gaps,
        common_flags,
        discussion,
        table,
        rejected_count: rejected.len(),
        rejected,
    }
}

fn flag_key(source: &Source) -> String {
    match source {
        Source::Question { question, option } => format!("{question}/{}", option.as_deref().unwrap_or("")),
        Source::Metric { metric } => format!("metric:{metric}"),
    }
}

/// The position of a question in definition order, for stable tie-breaking.
fn question_order(catalog: &Catalog) -> impl Fn(&(String, String)) -> usize + '_ {
    move |(assessment, question)| {
        let mut position = 0;
        for a in catalog.all() {
            for q in a.questions() {
                if &a.id == assessment && &q.id == question {
                    return position;
                }
                position += 1;
            }
        }
        position
    }
}

pub fn stats(mut values: Vec<f64>) -> Stats {
    if values.is_empty() {
        return Stats::default();
    }
    values.sort_by(f64::total_cmp);
    let n = values.len();
    Stats {
        assessed: n,
        mean: Some(values.iter().sum::<f64>() / n as f64),
        median: Some(crate::engine::rules::median(values.clone())),
        min: values.first().copied(),
        max: values.last().copied(),
    }
}

fn table_rows(rows: Vec<(String, Vec<usize>)>) -> Vec<HistogramRow> {
    let top = rows.iter().flat_map(|(_, c)| c.iter().copied()).max().unwrap_or(0).max(1);
    rows.into_iter()
        .map(|(label, counts)| HistogramRow {
            label,
            cells: counts
                .iter()
                .map(|&c| {
                    let width = (8.0 * c as f64 / top as f64).round() as usize;
                    if c == 0 {
                        "0".to_string()
                    } else {
                        format!("{} {c}", "█".repeat(width.max(1)))
                    }
                })
                .collect(),
            counts,
        })
        .collect()
}

fn level_rows(catalog: &Catalog, participants: &[Participant], dims: &[String], lang: Lang) -> Vec<HistogramRow> {
    let Some(levels) = catalog.all().first().map(|a| &a.levels) else { return Vec::new() };
    let rows = levels
        .iter()
        .enumerate()
        .map(|(rank, level)| {
            let counts = dims
                .iter()
                .map(|id| {
                    participants
                        .iter()
                        .filter(|p| p.card.dimension(id).and_then(|d| d.level.as_ref()).is_some_and(|l| l.rank == rank))
                        .count()
                })
                .collect();
            (level.name.get(lang).to_string(), counts)
        })
        .collect();
    table_rows(rows)
}

/// Prompts for the session: for the dimensions of the most shared gaps (then the
/// weakest dimensions), the dimension's discussion questions from its definition.
fn discussion(
    catalog: &Catalog,
    gaps: &[((String, String), usize)],
    lang: Lang,
    dims: &[String],
    stats: &[DimensionStats],
) -> Vec<Discussion> {
    let mut out: Vec<Discussion> = Vec::new();
    let mut used: Vec<String> = Vec::new();
    let dimension = |id: &str| catalog.all().iter().find_map(|a| a.dimension(id));
    for ((assessment, question), count) in gaps {
        let Some(q) = catalog.get(assessment).and_then(|a| a.question(question)) else { continue };
        let Some(dim) = q.dimensions.keys().find(|d| !used.contains(d)) else { continue };
        let Some(d) = dimension(dim) else { continue };
        used.push(dim.clone());
        out.push(Discussion {
            dimension: d.title.get(lang).to_string(),
            question: q.short_title().get(lang).to_string(),
            participants: *count,
            prompts: d.discussion.iter().map(|t| t.get(lang).to_string()).collect(),
        });
        if out.len() == 3 {
            return out;
        }
    }
    // No shared gaps (or too few): the weakest dimensions by mean.
    let mut weakest: Vec<&DimensionStats> = stats.iter().filter(|s| !used.contains(&s.id)).collect();
    weakest.sort_by(|a, b| a.stats.mean.unwrap_or(100.0).total_cmp(&b.stats.mean.unwrap_or(100.0)));
    for s in weakest {
        if out.len() == 3 || !dims.contains(&s.id) {
            break;
        }
        if let Some(d) = dimension(&s.id).filter(|d| !d.discussion.is_empty()) {
            out.push(Discussion {
                dimension: d.title.get(lang).to_string(),
                question: String::new(),
                participants: 0,
                prompts: d.discussion.iter().map(|t| t.get(lang).to_string()).collect(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stats_by_hand() {
        let s = stats(vec![40.0, 10.0, 30.0, 20.0]);
        assert_eq!((s.assessed, s.mean, s.median, s.min, s.max), (4, Some(25.0), Some(25.0), Some(10.0), Some(40.0)));
        let s = stats(vec![5.0, 1.0, 3.0]);
        assert_eq!(s.median, Some(3.0));
        assert_eq!(stats(vec![]).mean, None);
    }

    #[test]
    fn histogram_bars_scale_to_the_largest_count() {
        let rows = table_rows(vec![("a".into(), vec![4, 0]), ("b".into(), vec![2, 1])]);
        assert_eq!(rows[0].cells, vec!["████████ 4", "0"]);
        assert_eq!(rows[1].cells, vec!["████ 2", "██ 1"]);
    }
}
