//! `moat cohort`: the picture of a workshop room, private by default (issue 16). Per
//! dimension distributions, the weak answers and red flags the room shares with what
//! people answered, and discussion topics tied to the questions behind them. Nothing is
//! shown for a room of fewer than [`MIN_ROOM`]; no figure, gap or flag that fewer than
//! [`MIN_SHARED`] participants share. The per-participant table is shown only on request,
//! under labels that carry no order from names or files (docs/scoring.md M.3).

mod intake;
mod labels;

use crate::commands::shared::{Format, Global};
use crate::engine::scoring::{self, Scorecard};
use crate::error::Error;
use crate::io::room_key::RoomKey;
use crate::model::answers::{Answer, AnswerFile};
use crate::model::catalog::Catalog;
use crate::model::definition::{Kind, Question, Severity};
use crate::render::{self, Builtin, Markup, Renderer};
use crate::text::labels::fixed_text;
use crate::text::Lang;
use indexmap::IndexMap;
use intake::Entry;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// Below this many participants nothing about the room is shown: with three people,
/// "2 of 3" or a mean already points at someone (docs/scoring.md M.3).
pub const MIN_ROOM: usize = 4;

/// A figure, gap, flag or answer count shared by fewer participants than this is not
/// shown (docs/scoring.md M.3).
pub const MIN_SHARED: usize = 3;

/// How many shared gaps and flags the report lists.
const LIST_TOP: usize = 10;

/// How many discussion topics the report proposes.
const TOPICS: usize = 3;

#[derive(Debug, Clone)]
pub struct CohortJob {
    pub inputs: Vec<PathBuf>,
    pub output: Option<PathBuf>,
    pub format: Format,
    pub template: Option<PathBuf>,
    pub lang: Option<Lang>,
    /// Names instead of labels in the table (implies `table`).
    pub named: bool,
    /// Show the per-participant table.
    pub table: bool,
    /// Count files marked `status: in_progress` (marked as unfinished) instead of leaving them out.
    pub include_unfinished: bool,
}

/// The data the cohort template receives (and `--format json` prints). It holds no file
/// name: files left out are listed on stderr only.
#[derive(Debug, Clone, Serialize)]
pub struct Cohort {
    pub lang: Lang,
    /// Participants counted.
    pub participants: usize,
    pub intake: IntakeCounts,
    /// One line each, in the report's language: what was left out or merged, and why.
    pub intake_notes: Vec<String>,
    /// The sentences that state the rules, with their figures filled in.
    pub texts: CohortTexts,
    pub min_room: usize,
    pub min_shared: usize,
    /// Fewer than [`MIN_ROOM`] participants: every figure below is withheld.
    pub withheld: bool,
    pub named: bool,
    pub overall: Stats,
    pub dimensions: Vec<DimensionStats>,
    /// Score ranges, one row each, a cell per dimension.
    pub histogram: Vec<HistogramRow>,
    /// Levels, one row each, with how many participants reached it per dimension.
    pub levels: Vec<HistogramRow>,
    /// The levels table says what the histogram says, row for row (its ranges are the
    /// levels' cut-offs, as in the built-ins): the reports then show one table, each
    /// range with its level.
    pub levels_repeat_histogram: bool,
    pub common_gaps: Vec<CommonGap>,
    pub common_flags: Vec<CommonFlag>,
    pub discussion: Vec<Discussion>,
    /// The topics come from the weakest dimensions, as no gap is shared widely enough.
    pub discussion_from_dimensions: bool,
    /// One row per participant, ordered by label; empty unless `--table` or `--named`.
    pub table: Vec<ParticipantRow>,
    /// How the table's labels were made, said under the table; empty without a table.
    pub table_note: String,
}

/// Sentences of the report that carry the privacy figures ([`MIN_ROOM`], [`MIN_SHARED`]).
#[derive(Debug, Clone, Serialize)]
pub struct CohortTexts {
    /// The privacy rule, stated on every cohort report.
    pub rule: String,
    /// Why nothing is shown, for a room below [`MIN_ROOM`].
    pub withheld: String,
    pub gaps_intro: String,
    pub no_gaps: String,
    pub flags_intro: String,
    pub no_flags: String,
    pub discussion_weakest: String,
    pub no_discussion: String,
}

impl CohortTexts {
    fn new(lang: Lang) -> CohortTexts {
        let fill = |key: &str| {
            fixed_text(lang, key)
                .replace("{room}", &MIN_ROOM.to_string())
                .replace("{shared}", &MIN_SHARED.to_string())
                .replace("{few}", &format!("1–{}", MIN_SHARED - 1))
        };
        CohortTexts {
            rule: fill("cohort_rule"),
            withheld: fill("cohort_withheld"),
            gaps_intro: fill("cohort_common_gaps_intro"),
            no_gaps: fill("cohort_no_gaps"),
            flags_intro: fill("cohort_common_flags_intro"),
            no_flags: fill("cohort_no_flags"),
            discussion_weakest: fill("cohort_discussion_weakest"),
            no_discussion: fill("cohort_no_discussion"),
        }
    }
}

/// What the room's folder held, in counts.
#[derive(Debug, Clone, Default, Serialize)]
pub struct IntakeCounts {
    /// Answer files found (`.yaml`/`.yml` in any case).
    pub files: usize,
    /// Files that failed the checks of `moat check`.
    pub rejected: usize,
    /// Files marked `status: in_progress` (left out unless `unfinished_included`).
    pub unfinished: usize,
    pub unfinished_included: bool,
    /// Files counted in another file's place (one respondent, several files).
    pub duplicates: usize,
    /// Other files in the folders, not read.
    pub skipped: usize,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Stats {
    /// Participants with a score here; `None` when 1 or 2 (docs/scoring.md M.3).
    pub assessed: Option<usize>,
    /// 1 or 2 participants have a score here: no figure is shown.
    pub few: bool,
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
    /// Per dimension; `None` for 1 or 2 participants.
    pub counts: Vec<Option<usize>>,
    /// `███ 3` per dimension, scaled to the largest count in the table; `1–2` for a
    /// count that is not shown.
    pub cells: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CommonGap {
    pub assessment: String,
    pub question: String,
    /// The question's short title (docs/scoring.md 5.2.5).
    pub title: String,
    pub dimensions: Vec<String>,
    /// Participants whose answer scores 1 or less.
    pub participants: usize,
    pub share: f64,
    /// "8 of 14".
    pub count_text: String,
    /// Of them, "don't know": 0, or at least [`MIN_SHARED`]; `None` when 1 or 2, or
    /// `dont_know_pooled` (then among `others`).
    pub dont_know: Option<usize>,
    /// "Don't know" was given by enough but counted among `others`, so that the pool
    /// reaches [`MIN_SHARED`].
    pub dont_know_pooled: bool,
    /// The "don't know" cell as the reports print it: the count (0 included), "fewer
    /// than 3", or "among other answers".
    pub dont_know_text: String,
    /// The other weak answers each given by at least [`MIN_SHARED`], most given first.
    pub answers: Vec<AnswerCount>,
    /// Weak answers given by fewer than [`MIN_SHARED`] each, together: 0, or at least
    /// [`MIN_SHARED`] (smaller answers join the pool until it is).
    pub others: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct AnswerCount {
    pub answer: String,
    pub participants: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct CommonFlag {
    /// The most severe of the flags merged under this text.
    pub severity: &'static str,
    pub text: String,
    pub participants: usize,
    pub share: f64,
    pub count_text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Discussion {
    pub dimension: String,
    /// The question whose shared gap brought the topic; empty for a weakest-dimension topic.
    pub question: String,
    /// "8 of 14 answered weakly"; empty for a weakest-dimension topic.
    pub because: String,
    /// What those participants answered, in one line; empty when not shown.
    pub answered: String,
    pub prompts: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ParticipantRow {
    pub label: String,
    pub unfinished: bool,
    pub overall: Option<f64>,
    pub scores: Vec<Option<f64>>,
}

/// One participant, as the aggregates need them.
struct Participant {
    label: String,
    path: PathBuf,
    unfinished: bool,
    file: AnswerFile,
    card: Scorecard,
}

pub fn run(global: &Global, job: &CohortJob) -> Result<(), Error> {
    let catalog = Catalog::with_dir(global.assessments.as_deref())?;
    let renderer = match job.format {
        Format::Markdown => Some(Renderer::load(job.template.as_deref(), Builtin::Cohort)?),
        Format::Html => Some(Renderer::load(job.template.as_deref(), Builtin::Cohort.as_markup(Markup::Html))?),
        Format::Json => None,
    };
    let cohort = build(&catalog, job, global.quiet, &|line| crate::io::stderr::line(&line))?;
    let text = match &renderer {
        Some(renderer) => renderer.render(&cohort, cohort.lang)?,
        None => render::to_json(&cohort)?,
    };
    match &job.output {
        Some(path) => crate::io::write::write_atomic(path, text.as_bytes())?,
        None => crate::commands::shared::print(&text)?,
    }
    match cohort.intake.rejected {
        0 => Ok(()),
        n => Err(Error::SomeRejected { rejected: n, total: n + cohort.participants }),
    }
}

/// The cohort data of the answer files under `job.inputs`, with the intake and privacy
/// rules of `moat cohort` (`moat room serve` builds its facilitator page with it too).
/// Every file left out is told, with its reason, to `tell` (warnings only unless
/// `quiet`); nothing naming a file is in the result.
pub fn build(catalog: &Catalog, job: &CohortJob, quiet: bool, tell: &dyn Fn(String)) -> Result<Cohort, Error> {
    let collected = crate::io::walk::collect(&job.inputs);
    crate::io::walk::require_files(&collected.files, &collected.rejected, &job.inputs)?;
    if let Some(output) = &job.output {
        let inputs: Vec<&Path> = collected.files.iter().map(PathBuf::as_path).collect();
        crate::io::write::guard_inputs(output, &inputs)?;
    }
    let lang = job.lang.unwrap_or_default();
    let mut intake = intake::take_in(&collected.files, catalog, job.include_unfinished);
    intake.rejected.splice(0..0, collected.rejected.iter().cloned());
    let mut counts = IntakeCounts {
        files: collected.files.len(),
        unfinished: intake.unfinished_left_out.len() + intake.included.iter().filter(|e| e.unfinished()).count(),
        unfinished_included: job.include_unfinished,
        duplicates: intake.duplicates.iter().map(|d| d.dropped.len()).sum(),
        skipped: collected.skipped.len(),
        rejected: 0,
    };

    // Everything left out is named here, on stderr, and only counted in the output.
    let say = |line: String| tell(crate::text::inert::printable(&line));
    let warn = |line: String| {
        if !quiet {
            say(line);
        }
    };
    for s in &collected.skipped {
        warn(format!("skipped: {}: {}", s.path.display(), s.reason));
    }
    for e in &intake.unfinished_left_out {
        warn(format!(
            "unfinished: {}: marked `status: in_progress` ({} answers); not included (--include-unfinished counts it)",
            e.path.display(),
            e.answer_count()
        ));
    }
    for d in &intake.duplicates {
        let mut files: Vec<String> = d.dropped.iter().map(|p| format!("`{}`", p.display())).collect();
        files.push(format!("`{}`", d.kept.display()));
        let why = match &d.name {
            Some(name) => format!("the same respondent name `{name}`"),
            None => "identical answers, or names that link them".to_string(),
        };
        warn(format!(
            "duplicate: {} are one respondent ({why}): counted once, from `{}`",
            files.join(", "),
            d.kept.display()
        ));
    }

    let table = job.table || job.named;
    let mut participants = Vec::new();
    for Entry { path, file } in intake.included.clone() {
        match scoring::score(catalog.all(), &file, &IndexMap::new()) {
            Ok(card) => {
                participants.push(Participant {
                    label: String::new(),
                    path: path.clone(),
                    unfinished: file.status == crate::model::answers::Status::InProgress,
                    file,
                    card,
                });
            }
            Err(e) => {
                let shown = path.display().to_string();
                intake
                    .rejected
                    .push(crate::io::walk::Rejected { file: shown.clone(), reasons: vec![format!("{shown}: {e}")] })
            }
        }
    }
    for r in &intake.rejected {
        say(format!("rejected: {}", r.reasons.join("\n  ")));
    }
    counts.rejected = intake.rejected.len();

    let withheld = participants.len() < MIN_ROOM;
    let mut table_note = String::new();
    if table && !withheld {
        table_note = label_participants(&mut participants, job, lang, &warn)?;
    }
    Ok(aggregate(catalog, &participants, counts, lang, job.named, table, table_note))
}

/// Give each participant their label: the respondent's name with `--named`, else a code
/// under the room's key. Returns the note the table carries about its labels.
fn label_participants(
    participants: &mut [Participant],
    job: &CohortJob,
    lang: Lang,
    warn: &dyn Fn(String),
) -> Result<String, Error> {
    // Who a participant is: the name when there is one (duplicates by name are merged),
    // else the file's name, so a re-run of the same room gives the same labels.
    let identities: Vec<String> = participants
        .iter()
        .map(|p| match p.file.respondent.name.as_deref().and_then(intake::name_key) {
            Some(name) => format!("name:{name}"),
            None => format!(
                "file:{}",
                p.path.file_name().map_or_else(|| p.path.display().to_string(), |n| n.to_string_lossy().into_owned())
            ),
        })
        .collect();
    if job.named && participants.iter().all(|p| p.file.respondent.name.is_some()) {
        // Names for everyone: no code is needed, so no key is made.
        for p in participants.iter_mut() {
            p.label = p.file.respondent.name.clone().unwrap_or_default();
        }
        return Ok(String::new());
    }
    let room = room_folder(&job.inputs);
    let (key, note) = match crate::io::room_key::load_or_create(&room)? {
        RoomKey::Stored { key, .. } => (key, fixed_text(lang, "cohort_labels_keyed").to_string()),
        RoomKey::Unwritable { path, reason } => {
            warn(format!(
                "warning: cannot keep the room key `{}` ({reason}): the labels come from the room's files instead, and change when a file is added or changed",
                path.display()
            ));
            let parts: Vec<String> = participants
                .iter()
                .zip(&identities)
                .map(|(p, id)| format!("{id}\n{}", serde_json::to_string(&p.file.answers).unwrap_or_default()))
                .collect();
            (labels::derived_key(&parts), fixed_text(lang, "cohort_labels_derived").to_string())
        }
    };
    let codes = labels::labels(&key, &identities);
    for (p, code) in participants.iter_mut().zip(codes) {
        p.label = match (&p.file.respondent.name, job.named) {
            (Some(name), true) => name.clone(),
            _ => code,
        };
    }
    Ok(if job.named { String::new() } else { note })
}

/// The folder whose key labels the room: the first input that is a folder, else the
/// folder of the first file (docs/scoring.md M.3).
fn room_folder(inputs: &[PathBuf]) -> PathBuf {
    if let Some(dir) = inputs.iter().find(|p| p.is_dir()) {
        return dir.clone();
    }
    match inputs.first().and_then(|p| p.parent()) {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// "8 of 14" in `lang`.
fn count_text(lang: Lang, count: usize, of: usize) -> String {
    fixed_text(lang, "cohort_count_of").replace("{n}", &count.to_string()).replace("{of}", &of.to_string())
}

fn aggregate(
    catalog: &Catalog,
    participants: &[Participant],
    intake: IntakeCounts,
    lang: Lang,
    named: bool,
    table: bool,
    table_note: String,
) -> Cohort {
    let n = participants.len();
    let withheld = n < MIN_ROOM;
    let dims = catalog.dimension_ids();
    let dim_title = |id: &str| {
        catalog
            .all()
            .iter()
            .find_map(|a| a.dimension(id))
            .map_or_else(|| id.to_string(), |d| d.title.get(lang).to_string())
    };
    let score_of = |p: &Participant, id: &str| p.card.dimension(id).and_then(|d| d.score);
    let texts = CohortTexts::new(lang);
    let intake_notes = intake_notes(&intake, lang);
    let empty = |dimensions: Vec<DimensionStats>| Cohort {
        lang,
        participants: n,
        intake: intake.clone(),
        intake_notes: intake_notes.clone(),
        texts: texts.clone(),
        min_room: MIN_ROOM,
        min_shared: MIN_SHARED,
        withheld,
        named,
        overall: Stats::default(),
        dimensions,
        histogram: Vec::new(),
        levels: Vec::new(),
        levels_repeat_histogram: false,
        common_gaps: Vec::new(),
        common_flags: Vec::new(),
        discussion: Vec::new(),
        discussion_from_dimensions: false,
        table: Vec::new(),
        table_note: String::new(),
    };
    if withheld {
        let dimensions = dims
            .iter()
            .map(|id| DimensionStats { id: id.clone(), title: dim_title(id), stats: Stats::default() })
            .collect();
        return empty(dimensions);
    }

    let dimensions: Vec<DimensionStats> = dims
        .iter()
        .map(|id| DimensionStats {
            id: id.clone(),
            title: dim_title(id),
            stats: stats(participants.iter().filter_map(|p| score_of(p, id)).collect()),
        })
        .collect();
    let overall = stats(participants.iter().filter_map(|p| p.card.overall.score).collect());

    let ranges = score_ranges(catalog);
    let histogram = table_rows(
        ranges
            .iter()
            .map(|&(low, high)| {
                dims.iter()
                    .map(|id| {
                        participants.iter().filter_map(|p| score_of(p, id)).filter(|s| *s >= low && *s < high).count()
                    })
                    .collect()
            })
            .collect(),
        &|first, last| range_label(&ranges, first, last),
    );
    let levels = level_rows(catalog, participants, &dims, lang);

    let gaps = common_gaps(catalog, participants, lang, &dim_title);
    let common_flags = common_flags(participants, lang);
    let (discussion, discussion_from_dimensions) = discussion(catalog, &gaps, lang, &dims, &dimensions);
    let common_gaps: Vec<CommonGap> = gaps.into_iter().take(LIST_TOP).collect();

    let mut rows: Vec<ParticipantRow> = if table {
        participants
            .iter()
            .map(|p| ParticipantRow {
                label: p.label.clone(),
                unfinished: p.unfinished,
                overall: p.card.overall.score,
                scores: dims.iter().map(|id| score_of(p, id)).collect(),
            })
            .collect()
    } else {
        Vec::new()
    };
    // In label order: the codes are random, so this order says nothing about anyone.
    rows.sort_by(|a, b| a.label.cmp(&b.label));
    Cohort {
        overall,
        dimensions,
        levels_repeat_histogram: levels.len() == histogram.len()
            && levels.iter().zip(&histogram).all(|(l, h)| l.counts == h.counts),
        histogram,
        levels,
        common_gaps,
        common_flags,
        discussion,
        discussion_from_dimensions,
        table: rows,
        table_note,
        ..empty(Vec::new())
    }
}

/// The intake lines of the report: counts only, never a file name.
fn intake_notes(intake: &IntakeCounts, lang: Lang) -> Vec<String> {
    let line = |key: &str, count: usize| {
        let singular = format!("{key}_one");
        let key = if count == 1 && crate::text::labels::label(lang, &singular).is_some() { &singular } else { key };
        fixed_text(lang, key).replace("{n}", &count.to_string())
    };
    let mut notes = Vec::new();
    if intake.unfinished > 0 {
        let key = if intake.unfinished_included { "cohort_unfinished_included" } else { "cohort_unfinished_left_out" };
        notes.push(line(key, intake.unfinished));
    }
    if intake.duplicates > 0 {
        notes.push(line("cohort_duplicates", intake.duplicates));
    }
    if intake.rejected > 0 {
        notes.push(line("cohort_rejected", intake.rejected));
    }
    if intake.skipped > 0 {
        notes.push(line("cohort_skipped", intake.skipped));
    }
    notes
}

/// The question-level gaps at least [`MIN_SHARED`] participants share, most shared first
/// (ties in definition order), each with what those participants answered.
fn common_gaps(
    catalog: &Catalog,
    participants: &[Participant],
    lang: Lang,
    dim_title: &dyn Fn(&str) -> String,
) -> Vec<CommonGap> {
    let n = participants.len();
    // (assessment, question) -> the participants who answered it weakly.
    let mut gaps: IndexMap<(String, String), Vec<usize>> = IndexMap::new();
    for (i, p) in participants.iter().enumerate() {
        for g in &p.card.question_gaps {
            gaps.entry((g.assessment.clone(), g.question.clone())).or_default().push(i);
        }
    }
    let order = question_order(catalog);
    let mut list: Vec<((String, String), Vec<usize>)> =
        gaps.into_iter().filter(|(_, who)| who.len() >= MIN_SHARED).collect();
    list.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| order(&a.0).cmp(&order(&b.0))));
    list.into_iter()
        .filter_map(|((assessment, question), who)| {
            let q = catalog.get(&assessment)?.question(&question)?;
            let mut dont_know = 0;
            let mut answers: IndexMap<String, usize> = IndexMap::new();
            for &i in &who {
                match describe_answer(q, participants[i].file.answer(&assessment, &question), lang) {
                    None => dont_know += 1,
                    Some(text) => *answers.entry(text).or_default() += 1,
                }
            }
            let mut shown: Vec<AnswerCount> = answers
                .into_iter()
                .filter(|(_, c)| *c >= MIN_SHARED)
                .map(|(answer, participants)| AnswerCount { answer, participants })
                .collect();
            shown.sort_by_key(|a| std::cmp::Reverse(a.participants));
            let mut dont_know = (dont_know == 0 || dont_know >= MIN_SHARED).then_some(dont_know);
            let mut rest = who.len() - dont_know.unwrap_or(0) - shown.iter().map(|a| a.participants).sum::<usize>();
            // A pool of 1 or 2 would be the gap's count less the counts shown: the smallest
            // answer shown joins it until it holds at least MIN_SHARED (docs/scoring.md M.3).
            // "Don't know" joins last: it is a conversation of its own.
            let mut dont_know_pooled = false;
            while rest > 0 && rest < MIN_SHARED {
                match (shown.pop(), dont_know) {
                    (Some(a), _) => rest += a.participants,
                    (None, Some(d)) if d > 0 => (rest, dont_know, dont_know_pooled) = (rest + d, None, true),
                    (None, _) => break,
                }
            }
            Some(CommonGap {
                title: q.short_title().get(lang).to_string(),
                dimensions: q.dimensions.keys().map(|d| dim_title(d)).collect(),
                participants: who.len(),
                share: 100.0 * who.len() as f64 / n as f64,
                count_text: count_text(lang, who.len(), n),
                dont_know,
                answers: shown,
                others: rest,
                dont_know_pooled,
                dont_know_text: match dont_know {
                    Some(n) => n.to_string(),
                    None if dont_know_pooled => fixed_text(lang, "cohort_dont_know_pooled").to_string(),
                    None => fixed_text(lang, "cohort_fewer_than").to_string(),
                },
                assessment,
                question,
            })
        })
        .collect()
}

/// A weak answer as the room reads it: the option's label, the options of a `multi`
/// answer, or the band a number falls in; `None` for "don't know". Never a raw number
/// or free text, which could point at the one person who wrote it.
fn describe_answer(q: &Question, answer: Option<&Answer>, lang: Lang) -> Option<String> {
    let label = |id: &str| q.option(id).map(|o| (o.unknown, o.label.get(lang).to_string()));
    match answer? {
        Answer::Choice { option, .. } => match label(option)? {
            (true, _) => None,
            (false, text) => Some(text),
        },
        Answer::Multi(ids) => {
            let chosen: Vec<(bool, String)> = ids.iter().filter_map(|id| label(id)).collect();
            if chosen.iter().any(|(unknown, _)| *unknown) {
                return None;
            }
            if chosen.is_empty() {
                return Some(fixed_text(lang, "cohort_none_ticked").to_string());
            }
            Some(chosen.into_iter().map(|(_, t)| t).collect::<Vec<_>>().join(fixed_text(lang, ";")))
        }
        Answer::Number(value) if q.kind == Kind::Number => Some(band_text(q, *value, lang)),
        _ => Some(fixed_text(lang, "cohort_other_answer").to_string()),
    }
}

/// "under 5,000 USD / month", "5,000 to under 50,000 ...", "50,000 or more ...": the band
/// of a number question that `value` falls in.
fn band_text(q: &Question, value: f64, lang: Lang) -> String {
    let Some(i) = crate::model::definition::band_for(&q.bands, value) else {
        return fixed_text(lang, "cohort_other_answer").to_string();
    };
    let figure = crate::text::number::format_number;
    let low = q.bands[..i].iter().rev().find_map(|b| b.below);
    let high = q.bands[i].below;
    let text = match (low, high) {
        (None, Some(h)) => fixed_text(lang, "cohort_band_under").replace("{high}", &figure(h)),
        (Some(l), Some(h)) => {
            fixed_text(lang, "cohort_band_between").replace("{low}", &figure(l)).replace("{high}", &figure(h))
        }
        (Some(l), None) => fixed_text(lang, "cohort_band_over").replace("{low}", &figure(l)),
        (None, None) => fixed_text(lang, "cohort_other_answer").to_string(),
    };
    match &q.unit {
        Some(unit) => format!("{text} {}", unit.get(lang)),
        None => text,
    }
}

/// Red flags merged by their text (one text reached through two options is one flag),
/// counted once per participant, kept when at least [`MIN_SHARED`] share them; most
/// shared first, then most severe, then first seen.
fn common_flags(participants: &[Participant], lang: Lang) -> Vec<CommonFlag> {
    let n = participants.len();
    let mut flags: IndexMap<String, (Severity, usize)> = IndexMap::new();
    for p in participants {
        let mut seen: Vec<&str> = Vec::new();
        for f in &p.card.red_flags {
            let text = f.text.get(lang);
            let entry = flags.entry(text.to_string()).or_insert((f.severity, 0));
            entry.0 = entry.0.min(f.severity);
            if !seen.contains(&text) {
                seen.push(text);
                entry.1 += 1;
            }
        }
    }
    let mut list: Vec<(String, (Severity, usize))> =
        flags.into_iter().filter(|(_, (_, count))| *count >= MIN_SHARED).collect();
    list.sort_by(|a, b| b.1 .1.cmp(&a.1 .1).then(a.1 .0.cmp(&b.1 .0)));
    list.into_iter()
        .take(LIST_TOP)
        .map(|(text, (severity, count))| CommonFlag {
            severity: severity.as_str(),
            text,
            participants: count,
            share: 100.0 * count as f64 / n as f64,
            count_text: count_text(lang, count, n),
        })
        .collect()
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

/// Mean, median, minimum and maximum, or nothing but the fact that there are 1 or 2
/// scores (docs/scoring.md M.3).
pub fn stats(mut values: Vec<f64>) -> Stats {
    let n = values.len();
    if n == 0 {
        return Stats { assessed: Some(0), ..Stats::default() };
    }
    if n < MIN_SHARED {
        return Stats { few: true, ..Stats::default() };
    }
    values.sort_by(f64::total_cmp);
    Stats {
        assessed: Some(n),
        few: false,
        mean: Some(values.iter().sum::<f64>() / n as f64),
        median: Some(crate::engine::rules::median(values.clone())),
        min: values.first().copied(),
        max: values.last().copied(),
    }
}

/// The histogram's ranges: from each level's lower bound to the next (the levels of the
/// first definition), so a bar and a level always agree; the last range includes 100.
/// Each range as (low, high): a score s is in it when low <= s < high, and the last
/// range includes 100.
fn score_ranges(catalog: &Catalog) -> Vec<(f64, f64)> {
    let mins: Vec<f64> = catalog.all().first().map(|a| a.levels.iter().map(|l| l.min).collect()).unwrap_or_default();
    let mins = if mins.is_empty() { vec![0.0] } else { mins };
    mins.iter().enumerate().map(|(i, &low)| (low, mins.get(i + 1).copied().unwrap_or(100.01))).collect()
}

/// The ranges `first..=last` as one: "25–75".
fn range_label(ranges: &[(f64, f64)], first: usize, last: usize) -> String {
    format!("{}–{}", ranges[first].0, ranges[last].1.min(100.0))
}

/// Rows of counts in which no count of 1 or 2 shows (docs/scoring.md M.3): a row with
/// such a count is merged with a neighbour until none is left, so every count shown is 0
/// or at least [`MIN_SHARED`] and none can be worked out from the others and the total.
/// A column of 1 or 2 participants in all (whose count the stats hide) shows no count.
/// `label(first, last)` names the rows `first..=last` merged.
fn table_rows(rows: Vec<Vec<usize>>, label: &dyn Fn(usize, usize) -> String) -> Vec<HistogramRow> {
    let columns = rows.first().map_or(0, Vec::len);
    let total = |j: usize| rows.iter().map(|r| r[j]).sum::<usize>();
    let shown: Vec<bool> = (0..columns).map(|j| total(j) == 0 || total(j) >= MIN_SHARED).collect();
    let merged = merge_small_rows(&rows, &shown);
    let top = merged.iter().flat_map(|(_, _, c)| c.iter().copied()).max().unwrap_or(0).max(1);
    merged
        .into_iter()
        .map(|(first, last, counts)| HistogramRow {
            label: label(first, last),
            cells: counts
                .iter()
                .zip(&shown)
                .map(|(&c, &shown)| match (shown, c) {
                    (false, _) => "–".to_string(),
                    (true, 0) => "0".to_string(),
                    (true, c) => {
                        let width = (8.0 * c as f64 / top as f64).round() as usize;
                        format!("{} {c}", "█".repeat(width.max(1)))
                    }
                })
                .collect(),
            counts: counts.iter().zip(&shown).map(|(&c, &shown)| shown.then_some(c)).collect(),
        })
        .collect()
}

/// `rows` merged into runs `(first, last, counts)` until no `shown` column has a count
/// of 1 or 2: the first row holding one joins the neighbour with fewer participants (the
/// one below on a tie).
fn merge_small_rows(rows: &[Vec<usize>], shown: &[bool]) -> Vec<(usize, usize, Vec<usize>)> {
    let mut runs: Vec<(usize, usize, Vec<usize>)> = rows.iter().enumerate().map(|(i, r)| (i, i, r.clone())).collect();
    let small = |counts: &[usize]| counts.iter().zip(shown).any(|(&c, &s)| s && c > 0 && c < MIN_SHARED);
    let size = |counts: &[usize]| counts.iter().zip(shown).filter(|(_, &s)| s).map(|(&c, _)| c).sum::<usize>();
    while runs.len() > 1 {
        let Some(i) = runs.iter().position(|(_, _, c)| small(c)) else { break };
        let with_below = match (i.checked_sub(1), runs.get(i + 1)) {
            (Some(above), Some(below)) => size(&below.2) <= size(&runs[above].2),
            (None, _) => true,
            (Some(_), None) => false,
        };
        let (upper, lower) = if with_below { (i, i + 1) } else { (i - 1, i) };
        let (_, last, counts) = runs.remove(lower);
        let run = &mut runs[upper];
        run.1 = last;
        for (sum, c) in run.2.iter_mut().zip(counts) {
            *sum += c;
        }
    }
    runs
}

fn level_rows(catalog: &Catalog, participants: &[Participant], dims: &[String], lang: Lang) -> Vec<HistogramRow> {
    let Some(levels) = catalog.all().first().map(|a| &a.levels) else { return Vec::new() };
    let rows = (0..levels.len())
        .map(|rank| {
            dims.iter()
                .map(|id| {
                    participants
                        .iter()
                        .filter(|p| p.card.dimension(id).and_then(|d| d.level.as_ref()).is_some_and(|l| l.rank == rank))
                        .count()
                })
                .collect()
        })
        .collect();
    let name = |rank: usize| levels[rank].name.get(lang);
    table_rows(rows, &|first, last| match first == last {
        true => name(first).to_string(),
        false => format!("{}–{}", name(first), name(last)),
    })
}

/// Topics for the session: the most shared gaps, each with the `discussion` prompt of
/// its question, else of its section, else its dimension's; a prompt already used is
/// not repeated. With no shared gap, the weakest dimensions by mean that carry prompts.
fn discussion(
    catalog: &Catalog,
    gaps: &[CommonGap],
    lang: Lang,
    dims: &[String],
    stats: &[DimensionStats],
) -> (Vec<Discussion>, bool) {
    let mut out: Vec<Discussion> = Vec::new();
    let mut used: Vec<String> = Vec::new();
    let dimension = |id: &str| catalog.all().iter().find_map(|a| a.dimension(id));
    for gap in gaps {
        let Some(a) = catalog.get(&gap.assessment) else { continue };
        let Some(q) = a.question(&gap.question) else { continue };
        let section = a.sections.iter().find(|s| s.questions.iter().any(|x| x.id == q.id));
        let first_dim = q.dimensions.keys().next().and_then(|d| dimension(d));
        let prompt = q
            .discussion
            .as_ref()
            .or(section.and_then(|s| s.discussion.as_ref()))
            .or(first_dim.and_then(|d| d.discussion.first()))
            .map(|t| t.get(lang).to_string());
        let Some(prompt) = prompt.filter(|p| !used.contains(p)) else { continue };
        used.push(prompt.clone());
        out.push(Discussion {
            dimension: gap.dimensions.join(fixed_text(lang, ",")),
            question: gap.title.clone(),
            because: fixed_text(lang, "cohort_discussion_because").replace("{count}", &gap.count_text),
            answered: answered_line(gap, lang),
            prompts: vec![prompt],
        });
        if out.len() == TOPICS {
            return (out, false);
        }
    }
    if !out.is_empty() {
        return (out, false);
    }
    // No gap is shared widely enough: the weakest dimensions by mean.
    let mut weakest: Vec<&DimensionStats> = stats.iter().filter(|s| s.stats.mean.is_some()).collect();
    weakest.sort_by(|a, b| a.stats.mean.unwrap_or(100.0).total_cmp(&b.stats.mean.unwrap_or(100.0)));
    for s in weakest {
        if out.len() == TOPICS || !dims.contains(&s.id) {
            break;
        }
        if let Some(d) = dimension(&s.id).filter(|d| !d.discussion.is_empty()) {
            out.push(Discussion {
                dimension: d.title.get(lang).to_string(),
                question: String::new(),
                because: String::new(),
                answered: String::new(),
                prompts: d.discussion.iter().map(|t| t.get(lang).to_string()).collect(),
            });
        }
    }
    let from_dimensions = !out.is_empty();
    (out, from_dimensions)
}

/// "Don't know: 5; "We check labels ad hoc": 3; other answers: 2".
fn answered_line(gap: &CommonGap, lang: Lang) -> String {
    let colon = fixed_text(lang, ":");
    let mut parts = Vec::new();
    if let Some(n) = gap.dont_know.filter(|n| *n > 0) {
        parts.push(format!("{}{colon}{n}", fixed_text(lang, "cohort_dont_know")));
    }
    for a in &gap.answers {
        parts.push(format!(
            "{}{colon}{}",
            fixed_text(lang, "cohort_quoted").replace("{answer}", &a.answer),
            a.participants
        ));
    }
    if gap.others > 0 {
        parts.push(format!("{}{colon}{}", fixed_text(lang, "cohort_others"), gap.others));
    }
    parts.join(fixed_text(lang, ";"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stats_by_hand() {
        let s = stats(vec![40.0, 10.0, 30.0, 20.0]);
        assert_eq!(
            (s.assessed, s.mean, s.median, s.min, s.max),
            (Some(4), Some(25.0), Some(25.0), Some(10.0), Some(40.0))
        );
        let s = stats(vec![5.0, 1.0, 3.0]);
        assert_eq!(s.median, Some(3.0));
        assert_eq!(stats(vec![]).mean, None);
    }

    #[test]
    fn issue_16_two_scores_show_no_figure_not_even_their_count() {
        let s = stats(vec![12.0, 80.0]);
        assert!(s.few);
        assert_eq!((s.assessed, s.mean, s.min, s.max), (None, None, None, None));
        assert_eq!(stats(vec![]).assessed, Some(0), "nobody is a count that points at nobody");
    }

    #[test]
    fn histogram_bars_scale_to_the_largest_count() {
        let label = |a: usize, b: usize| format!("{a}-{b}");
        let rows = table_rows(vec![vec![4, 0], vec![3, 8]], &label);
        assert_eq!(rows[0].cells, vec!["████ 4", "0"]);
        assert_eq!(rows[1].cells, vec!["███ 3", "████████ 8"]);
        assert_eq!(rows[1].counts, vec![Some(3), Some(8)]);
    }

    /// Issue 16: a count of 1 or 2 shown as "1–2" could be worked out from the column's
    /// total (shown as the dimension's count) less the counts shown beside it.
    #[test]
    fn issue_16_a_row_with_one_or_two_merges_with_its_smaller_neighbour() {
        let label = |a: usize, b: usize| format!("{a}-{b}");
        // Row 1, the first with a small count, joins row 0, the smaller neighbour (4 against
        // 10); the merged row still holds the 1 and joins row 2, its only neighbour.
        let rows = table_rows(vec![vec![4, 0], vec![3, 1], vec![2, 8]], &label);
        let got: Vec<(String, Vec<Option<usize>>)> = rows.into_iter().map(|r| (r.label, r.counts)).collect();
        assert_eq!(got, vec![("0-2".to_string(), vec![Some(9), Some(9)])]);
        // Ties go below: [3,3] [1,3] [3,3] merges row 1 with row 2.
        let rows = table_rows(vec![vec![3, 3], vec![1, 3], vec![3, 3]], &label);
        let got: Vec<(String, Vec<Option<usize>>)> = rows.into_iter().map(|r| (r.label, r.counts)).collect();
        assert_eq!(got, vec![("0-0".to_string(), vec![Some(3), Some(3)]), ("1-2".to_string(), vec![Some(4), Some(6)])]);
    }

    #[test]
    fn issue_16_every_count_shown_is_zero_or_at_least_three() {
        // Every 3-row, 2-column table of counts 0..=4.
        let label = |a: usize, b: usize| format!("{a}-{b}");
        for code in 0..5usize.pow(6) {
            let cells: Vec<usize> = (0..6).map(|k| code / 5usize.pow(k) % 5).collect();
            let table = vec![cells[0..2].to_vec(), cells[2..4].to_vec(), cells[4..6].to_vec()];
            for row in table_rows(table.clone(), &label) {
                for count in row.counts.iter().flatten() {
                    assert!(*count == 0 || *count >= MIN_SHARED, "{table:?}");
                }
            }
        }
    }

    #[test]
    fn issue_16_a_column_of_one_or_two_in_all_shows_no_count() {
        let label = |a: usize, b: usize| format!("{a}-{b}");
        let rows = table_rows(vec![vec![4, 1], vec![5, 0]], &label);
        assert_eq!(rows.len(), 2, "the hidden column forces no merge");
        assert_eq!(rows[0].counts, vec![Some(4), None]);
        assert_eq!(rows[1].cells, vec!["██████████".chars().take(8).collect::<String>() + " 5", "–".to_string()]);
    }

    #[test]
    fn issue_16_histogram_ranges_follow_the_levels() {
        let catalog = Catalog::builtin().unwrap();
        let ranges = score_ranges(&catalog);
        let labels: Vec<String> = (0..ranges.len()).map(|i| range_label(&ranges, i, i)).collect();
        assert_eq!(labels, ["0–25", "25–50", "50–75", "75–100"]);
    }
}
