//! `moat screen`: score a batch of applicants in parallel, rank them, and write a
//! leaderboard, a CSV and a one-page brief each (and, with `--full-reports`, the founder
//! report each). Only one summary row per applicant stays in memory, rejected files are
//! listed rather than fatal, and the output bytes do not depend on `--jobs` (names are
//! assigned and rows ranked after the parallel part, in file order).
//!
//! A brief shows the applicant's rank, known only once every file is scored. Each brief
//! is rendered in the first pass, with markers where the rank, batch size and percentile
//! go, and held in memory (about 2.5 KB an applicant) up to [`HELD_BRIEFS_BUDGET`]; past
//! it, the rest go into a pending folder inside OUTDIR, so a batch of a million needs no
//! more memory than one of twenty thousand. Once the batch is ranked, a second pass
//! fills the markers in and writes each brief into place. Reading and scoring every file
//! again would double the cost of the batch (about 1.9 million instructions an
//! applicant); writing every brief twice costs a third of the batch's time on tmpfs.

use crate::commands::Global;
use crate::engine::scoring::Confidence;
use crate::error::{Error, Problem};
use crate::io::progress::Progress;
use crate::io::walk::{collect_inputs, require_files, Rejected};
use crate::model::catalog::Catalog;
use crate::model::definition::Severity;
use crate::render::{Builtin, Renderer};
use crate::text::number::one_decimal;
use crate::text::Lang;
use indexmap::IndexMap;
use rayon::prelude::*;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

#[derive(Debug, Clone)]
pub struct ScreenJob {
    pub inputs: Vec<PathBuf>,
    pub outdir: PathBuf,
    pub jobs: Option<usize>,
    pub weights: IndexMap<String, f64>,
    /// The template of the per-applicant brief (`OUTDIR/<name>.md`).
    pub brief_template: Option<PathBuf>,
    /// The template of the founder reports of `--full-reports`.
    pub report_template: Option<PathBuf>,
    pub leaderboard_template: Option<PathBuf>,
    pub lang: Option<Lang>,
    /// Write a brief per applicant (not under `--no-reports`).
    pub briefs: bool,
    /// Also write the founder report per applicant, as `OUTDIR/reports/<name>.md`.
    pub full_reports: bool,
    /// Briefs for the first N ranks only (rows are not limited).
    pub top: Option<usize>,
    /// Leave out applicants credited below this overall score.
    pub min_overall: Option<f64>,
    /// Leave out applicants with a red flag this severe or worse.
    pub exclude_flag: Option<Severity>,
    /// Replace names with stable applicant codes everywhere; the key goes to `blind-key.csv`.
    pub blind: bool,
    /// How many bytes of briefs the first pass holds in memory ([`HELD_BRIEFS_BUDGET`]).
    pub held_briefs_budget: usize,
}

/// What screening one file gives: a summary row, or the reasons it was rejected.
enum Screened {
    Accepted(Row),
    Rejected(Box<Rejected>),
}

/// What the leaderboard and the CSV need of one accepted applicant, and no more: a batch
/// keeps one of these per applicant (about 300 bytes) until it can rank them.
#[derive(Debug, Clone)]
pub struct Row {
    pub rank: usize,
    /// The applicant's place in the batch's file list (its path and report name).
    pub input: usize,
    /// Whether a brief was written for it.
    pub has_report: bool,
    pub name: Option<Box<str>>,
    pub overall: Option<f64>,
    pub claimed: Option<f64>,
    pub level: Option<Box<str>>,
    pub scores: Box<[Option<f64>]>,
    pub confidence: Option<&'static str>,
    pub overclaim: Option<f64>,
    pub red_flags: u32,
    pub critical_flags: u32,
    /// The severest red flag raised, if any.
    pub worst_flag: Option<Severity>,
    pub percentile: Option<f64>,
    pub interview_first: bool,
    /// docs/scoring.md 5.2.3: the claims run 10 or more points above the credit.
    pub overclaims: bool,
    /// ... and/or confidence is Low.
    pub low_confidence: bool,
    /// "Don't know" answers to find out, and claims to back up.
    pub find_out: u32,
    pub evidence_to_gather: u32,
    /// The brief rendered in the first pass, when it is held in memory (not spilled to
    /// the pending folder).
    pub brief: Option<Box<[u8]>>,
}

/// The data the leaderboard template receives. The ranked table is not in it: handlebars
/// would first copy every row into a JSON tree, about 3 KB an applicant. The template
/// places `table`, a marker, and the rows are streamed into the file at that place.
#[derive(Debug, Clone, Serialize)]
pub struct Leaderboard {
    pub lang: Lang,
    pub accepted: usize,
    pub rejected_count: usize,
    /// Accepted applicants left out of the table by `--min-overall` or `--exclude-flag`.
    pub filtered_out: usize,
    /// The filters in force, as the command line gave them (e.g. `--min-overall 40`).
    pub filters: Vec<String>,
    /// Names are replaced by applicant codes (`--blind`).
    pub blind: bool,
    pub dimensions: Vec<DimensionColumn>,
    /// A marker line where the ranked table goes.
    pub table: &'static str,
    pub rejected: Vec<Rejected>,
    pub interview_overclaim: f64,
}

/// Stands for the ranked table in the rendered leaderboard. Every text from an input is
/// escaped, which turns a backtick into `\``, so no input can produce this line.
const TABLE_MARKER: &str = "`moat-leaderboard-table`";

/// The batch's file list, report names and (under `--blind`) applicant codes, which rows
/// point into by index.
struct Batch<'a> {
    files: &'a [PathBuf],
    names: &'a [String],
    codes: Option<&'a [String]>,
}

impl Batch<'_> {
    /// The input as the leaderboard and CSV show it: its path, or its code when blind.
    fn file(&self, row: &Row) -> std::borrow::Cow<'_, str> {
        match self.codes {
            Some(codes) => std::borrow::Cow::Borrowed(codes[row.input].as_str()),
            None => self.files[row.input].to_string_lossy(),
        }
    }

    /// The order ties are broken in: the file's path, whether or not it is shown.
    fn path(&self, row: &Row) -> std::borrow::Cow<'_, str> {
        self.files[row.input].to_string_lossy()
    }

    fn name<'r>(&'r self, row: &'r Row) -> Option<&'r str> {
        match self.codes {
            Some(codes) => Some(codes[row.input].as_str()),
            None => row.name.as_deref(),
        }
    }

    fn report(&self, row: &Row) -> Option<&str> {
        row.has_report.then(|| self.names[row.input].as_str())
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct DimensionColumn {
    pub id: String,
    pub title: String,
}

pub fn run(global: &Global, job: &ScreenJob) -> Result<(), Error> {
    let started = Instant::now();
    let catalog = Catalog::with_dir(global.assessments.as_deref())?;
    // A mistyped `--weight` is the batch's problem, not each applicant's: say so before any work.
    crate::engine::scoring::check_weights(catalog.all(), &job.weights)?;
    let lang = job.lang.unwrap_or_default();
    let brief_renderer =
        if job.briefs { Some(Renderer::load(job.brief_template.as_deref(), Builtin::Brief)?) } else { None };
    let report_renderer =
        if job.full_reports { Some(Renderer::load(job.report_template.as_deref(), Builtin::Report)?) } else { None };
    if let Some(renderer) = &brief_renderer {
        try_template(&catalog, renderer, lang, true)?;
    }
    if let Some(renderer) = &report_renderer {
        try_template(&catalog, renderer, lang, false)?;
    }
    let board_renderer = Renderer::load(job.leaderboard_template.as_deref(), Builtin::Leaderboard)?;
    let (files, mut missing) = collect_inputs(&job.inputs);
    require_files(&files, &missing, &job.inputs)?;
    prepare_outdir(&job.outdir)?;
    if job.full_reports {
        prepare_outdir(&job.outdir.join(REPORTS_DIR))?;
    }
    let codes = job.blind.then(|| applicant_codes(&files));
    // Under `--blind` a file name could name the applicant: briefs are named by code.
    let names = match &codes {
        Some(codes) => codes.iter().map(|c| format!("{c}.md")).collect(),
        None => report_names(&files),
    };
    let columns = catalog.dimension_ids();
    guard_outputs(job, &files, &names)?;

    // Removed when this function returns, whatever happens: a failed batch leaves no brief
    // with its markers in it.
    let pending = brief_renderer.as_ref().map(|_| Pending::new(&job.outdir, job.held_briefs_budget));
    let renderers = Renderers { brief: brief_renderer.as_ref(), report: report_renderer.as_ref() };
    let progress = Progress::new(files.len(), global.quiet);
    let outcomes = in_parallel(job, &files, |input, file| {
        let target =
            Target { name: &names[input], code: codes.as_ref().map(|c| c[input].as_str()), pending: pending.as_ref() };
        let outcome = screen_one(&catalog, &columns, &renderers, job, (input, file), &target);
        progress.tick();
        outcome
    })?;
    progress.finish();

    let mut rejected = std::mem::take(&mut missing);
    // Rows and outcomes have one size, so this reuses the outcomes' memory in place.
    let mut rows: Vec<Row> = outcomes
        .into_iter()
        .filter_map(|outcome| match outcome {
            Some(Screened::Accepted(row)) => Some(row),
            Some(Screened::Rejected(r)) => {
                rejected.push(*r);
                None
            }
            None => None,
        })
        .collect();
    let batch = Batch { files: &files, names: &names, codes: codes.as_deref() };
    rank(&mut rows, &batch);
    let ranked = rows.len();
    rows.retain(|row| passes_filters(job, row));

    // The briefs need the ranks: a second pass fills them in and writes each into place.
    if let Some(pending) = &pending {
        let wanted: Vec<usize> = (0..rows.len()).filter(|&i| job.top.is_none_or(|top| rows[i].rank <= top)).collect();
        let written = in_parallel(job, &wanted, |_, &i| {
            finish_brief(pending, &job.outdir, &rows[i], ranked, &batch.names[rows[i].input]).map(|()| i)
        })?;
        for i in written.into_iter().flatten() {
            rows[i].has_report = true;
        }
        for row in &mut rows {
            row.brief = None;
        }
    }
    // The reports were written without a sync each; one flush covers them all.
    if job.briefs {
        crate::io::write::sync_folder(&job.outdir)?;
    }
    if job.full_reports {
        crate::io::write::sync_folder(&job.outdir.join(REPORTS_DIR))?;
    }

    rejected.sort_by(|a, b| a.file.cmp(&b.file));
    let board = Leaderboard {
        lang,
        accepted: ranked,
        rejected_count: rejected.len(),
        filtered_out: ranked - rows.len(),
        filters: filter_names(job),
        blind: job.blind,
        dimensions: dimension_columns(&catalog, lang),
        table: TABLE_MARKER,
        rejected,
        interview_overclaim: crate::engine::rules::INTERVIEW_OVERCLAIM,
    };
    let rendered = board_renderer.render(&board, board.lang)?;
    crate::io::write::write_atomic_streamed(&job.outdir.join("leaderboard.md"), |out| {
        match rendered.split_once(TABLE_MARKER) {
            Some((head, tail)) => {
                out.write_all(head.as_bytes())?;
                write_table(out, &board, &rows, &batch)?;
                // The table ends its own last line.
                out.write_all(tail.strip_prefix('\n').unwrap_or(tail).as_bytes())
            }
            None => out.write_all(rendered.as_bytes()),
        }
    })?;
    crate::io::write::write_atomic_streamed(&job.outdir.join("scores.csv"), |out| {
        write_csv(out, &board, &rows, &batch)
    })?;
    if let Some(codes) = &codes {
        crate::io::write::write_atomic_streamed(&job.outdir.join(BLIND_KEY), |out| {
            write_blind_key(out, &rows, &files, codes)
        })?;
    }

    for r in &board.rejected {
        crate::io::stderr::line(&format!("rejected: {}", crate::text::inert::printable(&r.reasons.join("\n  "))));
    }
    if !global.quiet {
        let briefs = rows.iter().filter(|r| r.has_report).count();
        crate::io::stderr::line(&format!(
            "screened {} file(s): {} accepted, {} rejected, {} left out by filters, in {:.1}s; wrote {} brief(s){} to {}",
            board.accepted + board.rejected_count,
            board.accepted,
            board.rejected_count,
            board.filtered_out,
            started.elapsed().as_secs_f64(),
            briefs,
            if job.full_reports { format!(" and {} full report(s) under {REPORTS_DIR}/", board.accepted) } else { String::new() },
            job.outdir.display()
        ));
    }
    match board.rejected_count {
        0 => Ok(()),
        rejected => Err(Error::SomeRejected { rejected, total: board.accepted + rejected }),
    }
}

/// Where `--full-reports` puts the founder reports, under OUTDIR.
pub const REPORTS_DIR: &str = "reports";
/// The code-to-applicant key of `--blind`, in OUTDIR.
pub const BLIND_KEY: &str = "blind-key.csv";

/// Run `each` over `items` on the worker threads (`--jobs`), in order; `None` where an
/// item was skipped. A failure of the disk or a template stops the batch: the first is
/// kept, and the items not yet started are skipped. (Collecting into `Result<Vec<_>>`,
/// or flattening here, would buffer the results twice, which for 100,000 applicants is
/// 30 MB more; the caller filters them in place.)
fn in_parallel<T: Sync, R: Send>(
    job: &ScreenJob,
    items: &[T],
    each: impl Fn(usize, &T) -> Result<R, Error> + Sync,
) -> Result<Vec<Option<R>>, Error> {
    let fatal: Mutex<Option<Error>> = Mutex::new(None);
    let stop = std::sync::atomic::AtomicBool::new(false);
    let work = || {
        items
            .par_iter()
            .enumerate()
            .map(|(i, item)| {
                if stop.load(Ordering::Relaxed) {
                    return None;
                }
                each(i, item)
                    .map_err(|e| {
                        stop.store(true, Ordering::Relaxed);
                        if let Ok(mut first) = fatal.lock() {
                            first.get_or_insert(e);
                        }
                    })
                    .ok()
            })
            .collect::<Vec<Option<R>>>()
    };
    let results = match job.jobs {
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .map_err(|e| Error::Usage(format!("cannot start {n} worker threads: {e}")))?
            .install(work),
        None => work(),
    };
    if let Some(e) = fatal.into_inner().ok().flatten() {
        return Err(e);
    }
    Ok(results)
}

/// Refuse a batch whose outputs would replace one of its inputs (`moat screen a.md
/// scores.csv -o .`, issue 13): the answer files, the templates, before any work.
fn guard_outputs(job: &ScreenJob, files: &[PathBuf], names: &[String]) -> Result<(), Error> {
    let outdir = &job.outdir;
    let mut outputs: Vec<PathBuf> =
        ["leaderboard.md", "scores.csv", BLIND_KEY].iter().map(|n| outdir.join(n)).collect();
    if job.briefs {
        outputs.extend(names.iter().map(|n| outdir.join(n)));
    }
    if job.full_reports {
        outputs.extend(names.iter().map(|n| outdir.join(REPORTS_DIR).join(n)));
    }
    // Only outputs that exist can be an input; comparing canonical paths sees links too.
    let existing: std::collections::HashSet<PathBuf> = outputs.iter().filter_map(|o| o.canonicalize().ok()).collect();
    if existing.is_empty() {
        return Ok(());
    }
    let templates = [&job.brief_template, &job.report_template, &job.leaderboard_template];
    let inputs = files.iter().chain(templates.into_iter().flatten());
    for input in inputs {
        if input.canonicalize().is_ok_and(|c| existing.contains(&c)) {
            return Err(Error::Usage(format!(
                "`{}` is an input of this batch, and screen would write over it in `{}`; choose another output folder",
                input.display(),
                outdir.display()
            )));
        }
    }
    Ok(())
}

/// `--min-overall` and `--exclude-flag`: whether the row stays in the table.
fn passes_filters(job: &ScreenJob, row: &Row) -> bool {
    let high_enough = job.min_overall.is_none_or(|min| row.overall.is_some_and(|o| o >= min));
    let clean = match (job.exclude_flag, row.worst_flag) {
        (Some(limit), Some(worst)) => worst > limit,
        _ => true,
    };
    high_enough && clean
}

fn filter_names(job: &ScreenJob) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(min) = job.min_overall {
        out.push(format!("--min-overall {}", crate::text::number::format_number(min)));
    }
    if let Some(severity) = job.exclude_flag {
        out.push(format!("--exclude-flag {}", severity.as_str()));
    }
    out
}

/// Stable applicant codes for `--blind`: `A-` and six characters derived from the file's
/// path, so one file keeps its code across runs and batches; a clash (about one in a
/// billion pairs) takes the next free code.
fn applicant_codes(files: &[PathBuf]) -> Vec<String> {
    const ALPHABET: &[u8] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    let mut taken = std::collections::HashSet::new();
    files
        .iter()
        .map(|file| {
            // FNV-1a over the path's bytes: stable across runs and platforms, unlike std's hasher.
            let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
            for byte in file.to_string_lossy().bytes() {
                hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
            }
            loop {
                let code: String =
                    (0..6).map(|i| ALPHABET[((hash >> (i * 5)) & 31) as usize] as char).collect::<String>();
                let code = format!("A-{code}");
                if taken.insert(code.clone()) {
                    return code;
                }
                hash = hash.wrapping_add(1);
            }
        })
        .collect()
}

/// `blind-key.csv`: which code is which applicant, in rank order.
fn write_blind_key(
    out: &mut dyn std::io::Write,
    rows: &[Row],
    files: &[PathBuf],
    codes: &[String],
) -> std::io::Result<()> {
    let mut csv = csv::Writer::from_writer(out);
    csv.write_record(["code", "rank", "file", "name"])?;
    for row in rows {
        csv.write_record([
            codes[row.input].as_str(),
            &row.rank.to_string(),
            &cell(&files[row.input].to_string_lossy()),
            &cell(row.name.as_deref().unwrap_or("")),
        ])?;
    }
    csv.flush()
}

/// The templates the first pass renders with.
struct Renderers<'r> {
    brief: Option<&'r Renderer>,
    report: Option<&'r Renderer>,
}

/// Where one applicant's files go.
struct Target<'a> {
    /// The brief's (and full report's) file name.
    name: &'a str,
    /// The applicant code under `--blind`.
    code: Option<&'a str>,
    /// Where the first pass keeps the brief, when briefs are written.
    pending: Option<&'a Pending>,
}

/// Stand in the rendered brief for the batch figures until the batch is ranked. Letters
/// only, so markdown escaping leaves them as they are.
const RANK_MARK: &str = "QZMOATRANKQZ";
const OF_MARK: &str = "QZMOATOFQZ";
const PERCENTILE_MARK: &str = "QZMOATPERCENTILEQZ";

/// How many bytes of rendered briefs the first pass holds in memory before it writes the
/// rest to the pending folder: about 20,000 applicants, well inside the 100 MB a batch of
/// 10,000 may take (issue 12).
pub const HELD_BRIEFS_BUDGET: usize = 48 << 20;

/// The briefs of the first pass: held in memory up to [`HELD_BRIEFS_BUDGET`], then in a
/// hidden folder inside OUTDIR, created on the first spill and removed on drop.
struct Pending {
    dir: PathBuf,
    held: AtomicUsize,
    budget: usize,
    spilled: AtomicBool,
}

impl Pending {
    fn new(outdir: &Path, budget: usize) -> Pending {
        let dir = outdir.join(format!(".moat-pending-briefs-{}", std::process::id()));
        Pending { dir, held: AtomicUsize::new(0), budget, spilled: AtomicBool::new(false) }
    }

    /// Keep a rendered brief: returned to be held in its row while the budget lasts,
    /// else written to the pending folder (not synced: the second pass writes it into
    /// place properly).
    fn keep(&self, name: &str, bytes: Vec<u8>) -> Result<Option<Box<[u8]>>, Error> {
        if self.held.fetch_add(bytes.len(), Ordering::Relaxed) + bytes.len() <= self.budget {
            return Ok(Some(bytes.into_boxed_slice()));
        }
        self.held.fetch_sub(bytes.len(), Ordering::Relaxed);
        if !self.spilled.load(Ordering::Acquire) {
            // Two threads may both get here; creating a folder twice is harmless.
            std::fs::create_dir_all(&self.dir).map_err(|e| Error::write(&self.dir, e))?;
            self.spilled.store(true, Ordering::Release);
        }
        let path = self.dir.join(name);
        std::fs::write(&path, bytes).map_err(|e| Error::write(&path, e))?;
        Ok(None)
    }

    /// The first pass's brief of `row`, from memory or from the pending folder.
    fn take<'r>(&self, row: &'r Row, name: &str) -> Result<std::borrow::Cow<'r, [u8]>, Error> {
        match &row.brief {
            Some(bytes) => Ok(std::borrow::Cow::Borrowed(bytes)),
            None => {
                let path = self.dir.join(name);
                std::fs::read(&path).map(std::borrow::Cow::Owned).map_err(|e| Error::write(&path, e))
            }
        }
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        // Best effort: what is left is a hidden folder of unfinished briefs.
        if self.spilled.load(Ordering::Acquire) {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// Fill the batch figures into a pending brief and write it into place.
fn finish_brief(pending: &Pending, outdir: &Path, row: &Row, ranked: usize, name: &str) -> Result<(), Error> {
    let bytes = pending.take(row, name)?;
    // The brief was rendered from a `String`, so it is UTF-8; lossy never changes it.
    let text = String::from_utf8_lossy(&bytes);
    let percentile = row.percentile.map_or_else(|| "–".to_string(), one_decimal);
    let text = text
        .replace(RANK_MARK, &row.rank.to_string())
        .replace(OF_MARK, &ranked.to_string())
        .replace(PERCENTILE_MARK, &percentile);
    let path = outdir.join(name);
    crate::io::write::write_atomic_batched_streamed(&path, |out| {
        out.write_all(text.as_bytes()).map_err(|e| Error::write(&path, e))
    })
}

fn dimension_columns(catalog: &Catalog, lang: Lang) -> Vec<DimensionColumn> {
    catalog
        .dimension_ids()
        .into_iter()
        .map(|id| {
            let title = catalog
                .all()
                .iter()
                .find_map(|a| a.dimension(&id))
                .map_or_else(|| id.clone(), |d| d.title.get(lang).to_string());
            DimensionColumn { id, title }
        })
        .collect()
}

fn prepare_outdir(outdir: &Path) -> Result<(), Error> {
    if outdir.exists() && !outdir.is_dir() {
        return Err(Error::write(outdir, "it exists and is not a folder"));
    }
    std::fs::create_dir_all(outdir).map_err(|e| Error::write(outdir, e))
}

/// A report file name for each input: its stem, reduced to `[A-Za-z0-9._-]`, never
/// hidden or empty, never `leaderboard` or `scores`, and made unique (case-insensitively)
/// by a `-2`, `-3`... suffix in input order.
pub fn report_names(files: &[PathBuf]) -> Vec<String> {
    let mut taken: std::collections::HashSet<String> =
        ["leaderboard.md", "scores.csv"].iter().map(|s| s.to_string()).collect();
    files
        .iter()
        .map(|file| {
            let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            let base = sanitize_stem(&stem);
            let mut name = format!("{base}.md");
            let mut n = 2;
            while !taken.insert(name.to_lowercase()) {
                name = format!("{base}-{n}.md");
                n += 1;
            }
            name
        })
        .collect()
}

fn sanitize_stem(stem: &str) -> String {
    let cleaned: String = stem
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') { c } else { '_' })
        .take(100)
        .collect();
    let trimmed = cleaned.trim_start_matches('.').trim_end_matches('.');
    let trimmed = if trimmed.chars().all(|c| c == '_') { "" } else { trimmed };
    match trimmed {
        "" => "applicant".to_string(),
        s => s.replace("..", "_"),
    }
}

/// Render the template once on a sampled applicant, so that a template that cannot render
/// (an unknown helper or field) stops the run before any report is written.
fn try_template(catalog: &Catalog, renderer: &Renderer, lang: Lang, brief: bool) -> Result<(), Error> {
    let spec = crate::model::sample::SampleSpec { count: 1, seed: 1, profile: None };
    let file = crate::model::sample::applicant(catalog, &spec, 0);
    let card = crate::engine::scoring::score(catalog.all(), &file, &IndexMap::new())?;
    if brief {
        let mut brief = crate::engine::report::build_brief(catalog, &file, &card, lang);
        brief.batch = Some(crate::engine::report::BatchPlace {
            rank: "1".into(),
            of: "1".into(),
            percentile: Some("100.0".into()),
        });
        renderer.render(&brief, lang)?;
    } else {
        renderer.render(&crate::engine::report::build(catalog, &file, &card, lang, &[]), lang)?;
    }
    Ok(())
}

/// Screen one file. A bad input is a rejection; a failure of the template or the disk
/// is the batch's problem, so it stops the run.
fn screen_one(
    catalog: &Catalog,
    columns: &[String],
    renderers: &Renderers,
    job: &ScreenJob,
    (input, file): (usize, &Path),
    target: &Target,
) -> Result<Screened, Error> {
    let shown = file.display().to_string();
    let reject = |problems: Vec<Problem>| {
        Ok(Screened::Rejected(Box::new(Rejected { file: shown.clone(), reasons: capped_reasons(&problems) })))
    };
    let loaded = match crate::model::answers::load_file(file, catalog) {
        Ok(loaded) => loaded,
        Err(problems) => return reject(problems),
    };
    // One language for the whole batch, whatever each file says.
    let lang = job.lang.unwrap_or_default();
    let card = match crate::engine::scoring::score(catalog.all(), &loaded.file, &job.weights) {
        Ok(card) => card,
        Err(e) => return reject(vec![Problem::new(&shown, None, e.to_string())]),
    };
    // `--full-reports`: the founder report needs no rank.
    if let Some(renderer) = renderers.report {
        let mut data = crate::engine::report::build(catalog, &loaded.file, &card, lang, &loaded.warnings);
        if let Some(code) = target.code {
            data.respondent.name = Some(code.to_string());
        }
        let path = job.outdir.join(REPORTS_DIR).join(target.name);
        crate::io::write::write_atomic_batched_streamed(&path, |out| render_into(renderer, &data, lang, out, &path))?;
    }
    let mut held = None;
    if let (Some(renderer), Some(pending)) = (renderers.brief, target.pending) {
        let mut brief = crate::engine::report::build_brief(catalog, &loaded.file, &card, lang);
        if let Some(code) = target.code {
            brief.respondent.name = Some(code.to_string());
        }
        brief.batch = Some(crate::engine::report::BatchPlace {
            rank: RANK_MARK.to_string(),
            of: OF_MARK.to_string(),
            percentile: Some(PERCENTILE_MARK.to_string()),
        });
        let mut bytes = Vec::with_capacity(4096);
        render_into(renderer, &brief, lang, &mut bytes, &job.outdir.join(target.name))?;
        held = pending.keep(target.name, bytes)?;
    }
    let critical = card.red_flags.iter().filter(|f| f.severity == Severity::Critical).count();
    let reasons = &card.overall.interview_reasons;
    let overclaim = card.overall.claimed.zip(card.overall.score).map(|(c, s)| c - s + 0.0);
    let confidence = card.overall.confidence.map(Confidence::from_ratio);
    Ok(Screened::Accepted(Row {
        rank: 0,
        input,
        has_report: false,
        name: loaded.file.respondent.name.as_deref().map(Box::from),
        overall: card.overall.score,
        claimed: card.overall.claimed,
        level: card.overall.level.as_ref().map(|l| Box::from(l.name.get(lang))),
        scores: columns.iter().map(|id| card.dimension(id).and_then(|d| d.score)).collect(),
        confidence: confidence.map(Confidence::as_str),
        overclaim,
        red_flags: card.red_flags.len() as u32,
        critical_flags: critical as u32,
        worst_flag: card.red_flags.iter().map(|f| f.severity).min(),
        percentile: None,
        interview_first: card.overall.interview_first(),
        overclaims: reasons.iter().any(|r| r.as_str() == "overclaim"),
        low_confidence: reasons.iter().any(|r| r.as_str() == "low_confidence"),
        find_out: card.find_out.len() as u32,
        evidence_to_gather: card.evidence_to_gather.len() as u32,
        brief: held,
    }))
}

/// At most [`REASONS_PER_FILE`] reasons a rejected file, then how many more: a file with
/// 75,000 unknown questions must not fill the leaderboard, stderr and memory (issue 13).
fn capped_reasons(problems: &[Problem]) -> Vec<String> {
    let mut reasons: Vec<String> = problems.iter().take(REASONS_PER_FILE).map(ToString::to_string).collect();
    if problems.len() > REASONS_PER_FILE {
        reasons.push(format!(
            "... and {} more (run `moat check` on the file for all of them)",
            problems.len() - REASONS_PER_FILE
        ));
    }
    reasons
}

/// How many reasons `screen` keeps for one rejected file.
pub const REASONS_PER_FILE: usize = 20;

fn render_into<T: Serialize>(
    renderer: &Renderer,
    data: &T,
    lang: Lang,
    out: &mut dyn std::io::Write,
    path: &Path,
) -> Result<(), Error> {
    match renderer.render_to(data, lang, out) {
        Ok(()) => Ok(()),
        Err(crate::render::RenderError::Write(e)) => Err(Error::write(path, e)),
        Err(e) => Err(e.into()),
    }
}

/// docs/scoring.md 5.1.15: rank 1..N by overall (null last), ties by file name; percentile =
/// 100 × (applicants strictly lower) / (N − 1), 100 when N = 1.
fn rank(rows: &mut [Row], batch: &Batch) {
    // Two paths can show as one name (non-UTF-8 bytes), so the input index breaks the
    // last tie: the order is total, and an unstable sort (which needs no buffer the size
    // of half the rows) gives the same result as a stable one.
    let by_file = |a: &Row, b: &Row| batch.path(a).cmp(&batch.path(b)).then(a.input.cmp(&b.input));
    rows.sort_unstable_by(|a, b| match (a.overall, b.overall) {
        (Some(x), Some(y)) => y.total_cmp(&x).then_with(|| by_file(a, b)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => by_file(a, b),
    });
    let n = rows.len();
    let scores: Vec<f64> = rows.iter().filter_map(|r| r.overall).collect();
    for (i, row) in rows.iter_mut().enumerate() {
        row.rank = i + 1;
        row.percentile = row.overall.map(|s| {
            if n <= 1 {
                100.0
            } else {
                // `scores` is sorted descending: those strictly lower come after the last equal one.
                let lower = scores.len() - scores.partition_point(|&x| x >= s);
                100.0 * lower as f64 / (n - 1) as f64
            }
        });
    }
}

/// The ranked table of the leaderboard, one line per applicant, every cell escaped.
fn write_table(out: &mut dyn std::io::Write, board: &Leaderboard, rows: &[Row], batch: &Batch) -> std::io::Result<()> {
    use crate::render::escape_markdown as esc;
    let t = |key: &str| crate::text::labels::fixed_text(board.lang, key);
    let number = |v: Option<f64>| v.map_or_else(|| "–".to_string(), one_decimal);
    let dims: String = board.dimensions.iter().map(|d| format!(" {} |", esc(&d.title))).collect();
    let dim_rule: String = board.dimensions.iter().map(|_| " ---: |").collect();
    writeln!(
        out,
        "| # | {} | {} | {} |{dims} {} | {} | {} | {} |\n| ---: | --- | ---: | ---: |{dim_rule} ---: | ---: | --- | --- |",
        t("applicant"),
        t("overall_score"),
        t("claimed_col"),
        t("percentile"),
        t("red_flags"),
        t("interview_first"),
        t("brief_file")
    )?;
    for row in rows {
        let name = batch.name(row).map(esc).filter(|n| !n.is_empty()).unwrap_or_else(|| t("unnamed").to_string());
        let scores: String = row.scores.iter().map(|s| format!(" {} |", number(*s))).collect();
        let flags = match row.critical_flags {
            0 => row.red_flags.to_string(),
            n => format!("{} ({n} {})", row.red_flags, t("severity.critical")),
        };
        // An empty cell is `| |`: markdownlint's compact table style wants one space.
        // The mark, then why: the claims run ahead of the evidence, or too much is unknown.
        let interview = if row.interview_first {
            let reasons: Vec<&str> = [(row.overclaims, "overclaim"), (row.low_confidence, "low_confidence")]
                .iter()
                .filter(|(on, _)| *on)
                .map(|(_, key)| t(&format!("interview_short.{key}")))
                .collect();
            format!(" **{}**{}{} ", t("yes"), t(":"), reasons.join(t(";")))
        } else {
            " ".to_string()
        };
        // Report names are sanitised to `[A-Za-z0-9._-]`, safe in a code span.
        let report = batch.report(row).map_or_else(|| " ".to_string(), |r| format!(" `{r}` "));
        writeln!(
            out,
            "| {} | {name} | {} | {} |{scores} {} | {flags} |{interview}|{report}|",
            row.rank,
            number(row.overall),
            number(row.claimed),
            number(row.percentile),
        )?;
    }
    Ok(())
}

/// `scores.csv`: a header, then one record per accepted applicant in rank order.
fn write_csv(out: &mut dyn std::io::Write, board: &Leaderboard, rows: &[Row], batch: &Batch) -> std::io::Result<()> {
    let mut csv = csv::Writer::from_writer(out);
    let mut header: Vec<String> = ["rank", "file", "name", "overall", "level"].iter().map(|s| s.to_string()).collect();
    header.extend(board.dimensions.iter().map(|d| d.id.clone()));
    // Issue 12: the committee's columns come after the original ones, whose order stays.
    header.extend(
        [
            "confidence",
            "overclaim",
            "red_flags",
            "percentile",
            "claimed",
            "interview_first",
            "find_out",
            "evidence_to_gather",
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    csv.write_record(&header)?;
    let number = |v: Option<f64>| v.map_or_else(String::new, |x| one_decimal(x + 0.0));
    for row in rows {
        let mut record = vec![
            row.rank.to_string(),
            cell(&batch.file(row)),
            cell(batch.name(row).unwrap_or("")),
            number(row.overall),
        ];
        record.push(cell(row.level.as_deref().unwrap_or("")));
        record.extend(row.scores.iter().map(|s| number(*s)));
        record.push(row.confidence.unwrap_or("").to_string());
        record.push(number(row.overclaim));
        record.push(row.red_flags.to_string());
        record.push(number(row.percentile));
        record.push(number(row.claimed));
        record.push(if row.interview_first { "yes" } else { "no" }.to_string());
        record.push(row.find_out.to_string());
        record.push(row.evidence_to_gather.to_string());
        csv.write_record(&record)?;
    }
    csv.flush()
}

/// A text cell a spreadsheet will not run: a leading `=`, `+`, `-`, `@`, tab or CR makes
/// a formula, so such a cell gets a leading apostrophe; control characters are dropped.
pub fn cell(text: &str) -> String {
    let clean: String = text.chars().filter(|c| !crate::text::inert::is_invisible_control(*c)).collect();
    match clean.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{clean}"),
        _ => clean,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(input: usize, overall: Option<f64>) -> Row {
        Row {
            rank: 0,
            input,
            has_report: false,
            name: None,
            overall,
            claimed: overall,
            level: None,
            scores: Box::new([]),
            confidence: None,
            overclaim: None,
            red_flags: 0,
            critical_flags: 0,
            worst_flag: None,
            percentile: None,
            interview_first: false,
            overclaims: false,
            low_confidence: false,
            find_out: 0,
            evidence_to_gather: 0,
            brief: None,
        }
    }

    #[test]
    fn ranks_by_score_then_file_with_nulls_last_and_percentiles() {
        let files: Vec<PathBuf> = ["d", "c", "a", "b", "e"].iter().map(PathBuf::from).collect();
        let batch = Batch { files: &files, names: &[], codes: None };
        let mut rows =
            vec![row(0, None), row(1, Some(50.0)), row(2, Some(70.0)), row(3, Some(50.0)), row(4, Some(10.0))];
        rank(&mut rows, &batch);
        let order: Vec<(String, usize)> = rows.iter().map(|r| (batch.file(r).into_owned(), r.rank)).collect();
        let order: Vec<(&str, usize)> = order.iter().map(|(f, r)| (f.as_str(), *r)).collect();
        assert_eq!(order, vec![("a", 1), ("b", 2), ("c", 3), ("e", 4), ("d", 5)]);
        // N = 5: a has 3 strictly lower (b, c, e): 100·3/4; b and c have 1: 25; e has 0.
        let pct: Vec<Option<f64>> = rows.iter().map(|r| r.percentile).collect();
        assert_eq!(pct, vec![Some(75.0), Some(25.0), Some(25.0), Some(0.0), None]);
        let mut one = vec![row(2, Some(10.0))];
        rank(&mut one, &batch);
        assert_eq!(one[0].percentile, Some(100.0));
    }

    #[test]
    fn applicant_codes_are_stable_distinct_and_name_nothing() {
        let files: Vec<PathBuf> =
            ["apps/acme.yaml", "apps/zeta.yaml", "apps/acme.yml"].iter().map(PathBuf::from).collect();
        let codes = applicant_codes(&files);
        assert_eq!(codes, applicant_codes(&files), "the same files get the same codes");
        // Each code depends on its own path only, not on the others in the batch.
        assert_eq!(applicant_codes(&files[1..2])[0], codes[1]);
        let distinct: std::collections::HashSet<&String> = codes.iter().collect();
        assert_eq!(distinct.len(), 3);
        for code in &codes {
            assert!(code.starts_with("A-") && code.len() == 8, "{code}");
            assert!(!code.to_lowercase().contains("acme") && !code.to_lowercase().contains("zeta"));
        }
    }

    #[test]
    fn briefs_are_held_while_the_budget_lasts_then_wait_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        let pending = Pending::new(dir.path(), 10);
        let held = pending.keep("a.md", b"123456".to_vec()).unwrap();
        assert_eq!(held.as_deref(), Some(&b"123456"[..]));
        assert!(!pending.dir.exists(), "no folder until a brief spills");
        assert_eq!(pending.keep("b.md", b"789012".to_vec()).unwrap(), None, "6 + 6 is past 10");
        assert_eq!(pending.keep("c.md", b"3456".to_vec()).unwrap().as_deref(), Some(&b"3456"[..]), "6 + 4 fits");
        let mut b = row(1, None);
        assert_eq!(&*pending.take(&b, "b.md").unwrap(), b"789012");
        b.brief = Some(Box::from(&b"held"[..]));
        assert_eq!(&*pending.take(&b, "b.md").unwrap(), b"held", "memory first");
        let folder = pending.dir.clone();
        drop(pending);
        assert!(!folder.exists(), "removed on drop");
    }

    #[test]
    fn filters_keep_rows_at_or_above_the_minimum_and_below_the_excluded_severity() {
        let job = |min: Option<f64>, flag: Option<Severity>| ScreenJob {
            inputs: vec![],
            outdir: PathBuf::new(),
            jobs: None,
            weights: IndexMap::new(),
            brief_template: None,
            report_template: None,
            leaderboard_template: None,
            lang: None,
            briefs: false,
            full_reports: false,
            top: None,
            min_overall: min,
            exclude_flag: flag,
            blind: false,
            held_briefs_budget: HELD_BRIEFS_BUDGET,
        };
        let mut high = row(0, Some(40.0));
        high.worst_flag = Some(Severity::High);
        let unscored = row(1, None);
        assert!(passes_filters(&job(Some(40.0), None), &high), "40 is not below 40");
        assert!(!passes_filters(&job(Some(40.1), None), &high));
        assert!(!passes_filters(&job(Some(0.0), None), &unscored), "no score is below any minimum");
        assert!(passes_filters(&job(None, Some(Severity::Critical)), &high), "a high flag is not critical");
        assert!(!passes_filters(&job(None, Some(Severity::High)), &high));
        assert!(!passes_filters(&job(None, Some(Severity::Medium)), &high), "medium or worse excludes high");
        assert!(passes_filters(&job(None, Some(Severity::Medium)), &unscored), "no flag at all");
    }

    #[test]
    fn report_names_are_safe_and_unique() {
        let files: Vec<PathBuf> = [
            "x/Acme.yaml",
            "y/acme.yaml",
            "../../etc/passwd.yaml",
            "a b|c.yaml",
            ".hidden.yaml",
            "leaderboard.yaml",
            "..yaml",
            "x/Acme.yml",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        let names = report_names(&files);
        assert_eq!(
            names,
            [
                "Acme.md",
                "acme-2.md",
                "passwd.md",
                "a_b_c.md",
                "hidden.md",
                "leaderboard-2.md",
                "applicant.md",
                "Acme-3.md"
            ]
        );
        for n in &names {
            assert!(!n.contains('/') && !n.contains("..") && !n.starts_with('.'));
        }
    }

    #[test]
    fn spreadsheet_formulas_are_neutralised() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(cell("+1"), "'+1");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("Acme\u{1b}[2J"), "Acme[2J");
        assert_eq!(cell("Acme"), "Acme");
    }
}
