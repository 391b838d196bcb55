//! `moat screen`: score a batch of applicants in parallel, write one report each, a
//! ranked leaderboard and a CSV. Only one summary row per applicant stays in memory,
//! rejected files are listed rather than fatal, and the output bytes do not depend on
//! `--jobs` (names are assigned and rows ranked after the parallel part, in file order).

use crate::commands::Global;
use crate::engine::scoring::Confidence;
use crate::error::{Error, Problem};
use crate::io::progress::Progress;
use crate::io::walk::{collect_inputs, require_files, Rejected};
use crate::model::catalog::Catalog;
use crate::render::{Builtin, Renderer};
use crate::text::number::one_decimal;
use crate::text::Lang;
use indexmap::IndexMap;
use rayon::prelude::*;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::sync::Mutex;
use std::time::Instant;

#[derive(Debug, Clone)]
pub struct ScreenJob {
    pub inputs: Vec<PathBuf>,
    pub outdir: PathBuf,
    pub jobs: Option<usize>,
    pub weights: IndexMap<String, f64>,
    pub template: Option<PathBuf>,
    pub leaderboard_template: Option<PathBuf>,
    pub lang: Option<Lang>,
    pub reports: bool,
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
    pub has_report: bool,
    pub name: Option<Box<str>>,
    pub overall: Option<f64>,
    pub level: Option<Box<str>>,
    pub scores: Box<[Option<f64>]>,
    pub confidence: Option<&'static str>,
    pub overclaim: Option<f64>,
    pub red_flags: u32,
    pub critical_flags: u32,
    pub percentile: Option<f64>,
    pub interview_first: bool,
}

/// The data the leaderboard template receives. The ranked table is not in it: handlebars
/// would first copy every row into a JSON tree, about 3 KB an applicant. The template
/// places `table`, a marker, and the rows are streamed into the file at that place.
#[derive(Debug, Clone, Serialize)]
pub struct Leaderboard {
    pub lang: Lang,
    pub accepted: usize,
    pub rejected_count: usize,
    pub dimensions: Vec<DimensionColumn>,
    /// A marker line where the ranked table goes.
    pub table: &'static str,
    pub rejected: Vec<Rejected>,
    pub interview_overclaim: f64,
}

/// Stands for the ranked table in the rendered leaderboard. Every text from an input is
/// escaped, which turns a backtick into `\``, so no input can produce this line.
const TABLE_MARKER: &str = "`moat-leaderboard-table`";

/// The batch's file list and report names, which rows point into by index.
struct Batch<'a> {
    files: &'a [PathBuf],
    names: &'a [String],
}

impl Batch<'_> {
    fn file(&self, row: &Row) -> std::borrow::Cow<'_, str> {
        self.files[row.input].to_string_lossy()
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
    let renderer = if job.reports { Some(Renderer::load(job.template.as_deref(), Builtin::Report)?) } else { None };
    if let Some(renderer) = &renderer {
        try_template(&catalog, renderer, job.lang.unwrap_or_default())?;
    }
    let board_renderer = Renderer::load(job.leaderboard_template.as_deref(), Builtin::Leaderboard)?;
    let (files, mut missing) = collect_inputs(&job.inputs);
    require_files(&files, &missing, &job.inputs)?;
    prepare_outdir(&job.outdir)?;
    let names = report_names(&files);
    let columns = catalog.dimension_ids();

    let progress = Progress::new(files.len(), global.quiet);
    // A failure of the disk or the template stops the batch: the first is kept, and the
    // files not yet started are skipped. (Collecting into `Result<Vec<_>>` would do the
    // same but buffers the rows twice, which for 100,000 applicants is 30 MB more.)
    let fatal: Mutex<Option<Error>> = Mutex::new(None);
    let stop = std::sync::atomic::AtomicBool::new(false);
    let work = || {
        files
            .par_iter()
            .zip(names.par_iter())
            .enumerate()
            .map(|(input, (file, name))| {
                if stop.load(Ordering::Relaxed) {
                    return None;
                }
                let outcome = screen_one(&catalog, &columns, renderer.as_ref(), job, (input, file), name);
                progress.tick();
                outcome
                    .map_err(|e| {
                        stop.store(true, Ordering::Relaxed);
                        if let Ok(mut first) = fatal.lock() {
                            first.get_or_insert(e);
                        }
                    })
                    .ok()
            })
            .collect::<Vec<Option<Screened>>>()
    };
    let outcomes = match job.jobs {
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .map_err(|e| Error::Usage(format!("cannot start {n} worker threads: {e}")))?
            .install(work),
        None => work(),
    };
    progress.finish();
    if let Some(e) = fatal.into_inner().ok().flatten() {
        return Err(e);
    }
    // The reports were written without a sync each; one flush covers them all.
    if job.reports {
        crate::io::write::sync_folder(&job.outdir)?;
    }

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
    let batch = Batch { files: &files, names: &names };
    rank(&mut rows, &batch);
    rejected.sort_by(|a, b| a.file.cmp(&b.file));
    let lang = job.lang.unwrap_or_default();
    let dimensions = dimension_columns(&catalog, lang);
    let board = Leaderboard {
        lang,
        accepted: rows.len(),
        rejected_count: rejected.len(),
        dimensions,
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

    for r in &board.rejected {
        crate::io::stderr::line(&format!("rejected: {}", crate::text::inert::printable(&r.reasons.join("\n  "))));
    }
    if !global.quiet {
        crate::io::stderr::line(&format!(
            "screened {} file(s): {} accepted, {} rejected, in {:.1}s; wrote {}",
            board.accepted + board.rejected_count,
            board.accepted,
            board.rejected_count,
            started.elapsed().as_secs_f64(),
            job.outdir.display()
        ));
    }
    match board.rejected_count {
        0 => Ok(()),
        rejected => Err(Error::SomeRejected { rejected, total: board.accepted + rejected }),
    }
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
fn try_template(catalog: &Catalog, renderer: &Renderer, lang: Lang) -> Result<(), Error> {
    let spec = crate::model::sample::SampleSpec { count: 1, seed: 1, profile: None };
    let file = crate::model::sample::applicant(catalog, &spec, 0);
    let card = crate::engine::scoring::score(catalog.all(), &file, &IndexMap::new())?;
    renderer.render(&crate::engine::report::build(catalog, &file, &card, lang, &[]), lang)?;
    Ok(())
}

/// Screen one file. A bad input is a rejection; a failure of the template or the disk
/// is the batch's problem, so it stops the run.
fn screen_one(
    catalog: &Catalog,
    columns: &[String],
    renderer: Option<&Renderer>,
    job: &ScreenJob,
    (input, file): (usize, &Path),
    name: &str,
) -> Result<Screened, Error> {
    let shown = file.display().to_string();
    let reject = |problems: Vec<Problem>| {
        Ok(Screened::Rejected(Box::new(Rejected {
            file: shown.clone(),
            reasons: problems.iter().map(ToString::to_string).collect(),
        })))
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
    let mut has_report = false;
    if let Some(renderer) = renderer {
        let data = crate::engine::report::build(catalog, &loaded.file, &card, lang, &loaded.warnings);
        let path = job.outdir.join(name);
        crate::io::write::write_atomic_batched_streamed(&path, |out| match renderer.render_to(&data, lang, out) {
            Ok(()) => Ok(()),
            Err(crate::render::RenderError::Write(e)) => Err(Error::write(&path, e)),
            Err(e) => Err(e.into()),
        })?;
        has_report = true;
    }
    let critical = card.red_flags.iter().filter(|f| f.severity == crate::model::definition::Severity::Critical).count();
    let overclaim = card.overall.claimed.zip(card.overall.score).map(|(c, s)| c - s + 0.0);
    let confidence = card.overall.confidence.map(Confidence::from_ratio);
    Ok(Screened::Accepted(Row {
        rank: 0,
        input,
        has_report,
        name: loaded.file.respondent.name.as_deref().map(Box::from),
        overall: card.overall.score,
        level: card.overall.level.as_ref().map(|l| Box::from(l.name.get(lang))),
        scores: columns.iter().map(|id| card.dimension(id).and_then(|d| d.score)).collect(),
        confidence: confidence.map(Confidence::as_str),
        overclaim,
        red_flags: card.red_flags.len() as u32,
        critical_flags: critical as u32,
        percentile: None,
        interview_first: card.overall.interview_first(),
    }))
}

/// docs/scoring.md 5.1.15: rank 1..N by overall (null last), ties by file name; percentile =
/// 100 × (applicants strictly lower) / (N − 1), 100 when N = 1.
fn rank(rows: &mut [Row], batch: &Batch) {
    // Two paths can show as one name (non-UTF-8 bytes), so the input index breaks the
    // last tie: the order is total, and an unstable sort (which needs no buffer the size
    // of half the rows) gives the same result as a stable one.
    let by_file = |a: &Row, b: &Row| batch.file(a).cmp(&batch.file(b)).then(a.input.cmp(&b.input));
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
        "| # | {} | {} |{dims} {} | {} | {} | {} |\n| ---: | --- | ---: |{dim_rule} ---: | ---: | --- | --- |",
        t("applicant"),
        t("overall_score"),
        t("percentile"),
        t("red_flags"),
        t("interview_first"),
        t("report_file")
    )?;
    for row in rows {
        let name = row.name.as_deref().map(esc).filter(|n| !n.is_empty()).unwrap_or_else(|| t("unnamed").to_string());
        let scores: String = row.scores.iter().map(|s| format!(" {} |", number(*s))).collect();
        let flags = match row.critical_flags {
            0 => row.red_flags.to_string(),
            n => format!("{} ({n} {})", row.red_flags, t("severity.critical")),
        };
        // An empty cell is `| |`: markdownlint's compact table style wants one space.
        let interview = if row.interview_first { format!(" **{}** ", t("yes")) } else { " ".to_string() };
        // Report names are sanitised to `[A-Za-z0-9._-]`, safe in a code span.
        let report = batch.report(row).map_or_else(|| " ".to_string(), |r| format!(" `{r}` "));
        writeln!(
            out,
            "| {} | {name} | {} |{scores} {} | {flags} |{interview}|{report}|",
            row.rank,
            number(row.overall),
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
    header.extend(["confidence", "overclaim", "red_flags", "percentile"].iter().map(|s| s.to_string()));
    csv.write_record(&header)?;
    let number = |v: Option<f64>| v.map_or_else(String::new, |x| one_decimal(x + 0.0));
    for row in rows {
        let mut record = vec![
            row.rank.to_string(),
            cell(&batch.file(row)),
            cell(row.name.as_deref().unwrap_or("")),
            number(row.overall),
        ];
        record.push(cell(row.level.as_deref().unwrap_or("")));
        record.extend(row.scores.iter().map(|s| number(*s)));
        record.push(row.confidence.unwrap_or("").to_string());
        record.push(number(row.overclaim));
        record.push(row.red_flags.to_string());
        record.push(number(row.percentile));
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
            level: None,
            scores: Box::new([]),
            confidence: None,
            overclaim: None,
            red_flags: 0,
            critical_flags: 0,
            percentile: None,
            interview_first: false,
        }
    }

    #[test]
    fn ranks_by_score_then_file_with_nulls_last_and_percentiles() {
        let files: Vec<PathBuf> = ["d", "c", "a", "b", "e"].iter().map(PathBuf::from).collect();
        let batch = Batch { files: &files, names: &[] };
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
