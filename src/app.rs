//! The commands, as plain values, and what running each one does. Output goes to
//! stdout, warnings and per-file errors to stderr; the returned error sets the exit code.

use crate::answers::{self, AnswerFile};
use crate::catalog::{Catalog, Origin};
use crate::definition;
use crate::error::{Error, Problem};
use crate::render::{self, ReportRenderer};
use crate::report::{self, Report};
use crate::scoring::{self, Scorecard};
use crate::text::Lang;
use indexmap::IndexMap;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Options every command shares.
#[derive(Debug, Clone, Default)]
pub struct Global {
    pub assessments: Option<PathBuf>,
    pub quiet: bool,
    pub color: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShowFormat {
    Yaml,
    Json,
}

#[derive(Debug, Clone)]
pub struct ReportJob {
    pub answers: PathBuf,
    pub output: Option<PathBuf>,
    pub format: Format,
    pub template: Option<PathBuf>,
    pub lang: Option<Lang>,
    pub weights: IndexMap<String, f64>,
}

/// `moat ask`.
#[derive(Debug, Clone, Default)]
pub struct AskJob {
    /// Assessment ids to ask; empty means every assessment (the full audit).
    pub assessments: Vec<String>,
    pub output: Option<PathBuf>,
    pub report: Option<PathBuf>,
    pub lang: Option<Lang>,
    pub resume: Option<PathBuf>,
    pub revise: Option<PathBuf>,
    pub only: Option<String>,
    pub force: bool,
}

#[derive(Debug, Clone)]
pub enum Command {
    Ask(AskJob),
    Report(ReportJob),
    Screen(crate::screen::ScreenJob),
    Cohort(crate::cohort::CohortJob),
    Compare(crate::compare::CompareJob),
    Sample {
        count: usize,
        seed: u64,
        profile: Option<String>,
        outdir: PathBuf,
    },
    Check(Vec<PathBuf>),
    Lint(Vec<PathBuf>),
    List {
        lang: Lang,
    },
    Show {
        id: String,
        format: ShowFormat,
    },
    /// Print this text (shell completions).
    Print(String),
}

pub fn execute(global: &Global, command: Command) -> Result<(), Error> {
    match command {
        Command::Ask(job) => crate::ask::run(global, &job),
        Command::Report(job) => run_report(global, &job),
        Command::Screen(job) => crate::screen::run(global, &job),
        Command::Cohort(job) => crate::cohort::run(global, &job),
        Command::Compare(job) => crate::compare::run(global, &job),
        Command::Sample { count, seed, profile, outdir } => {
            run_sample(global, count, seed, profile.as_deref(), &outdir)
        }
        Command::Check(files) => run_check(global, &files),
        Command::Lint(files) => run_lint(global, &files),
        Command::List { lang } => run_list(global, lang),
        Command::Show { id, format } => run_show(global, &id, format),
        Command::Print(text) => print(&text),
    }
}

pub(crate) fn print(text: &str) -> Result<(), Error> {
    let mut out = std::io::stdout().lock();
    // A closed pipe (`moat report x | head`) is not an error worth reporting.
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::write(Path::new("stdout"), e)),
    }
}

pub(crate) fn warn(global: &Global, problems: &[Problem]) {
    if !global.quiet {
        for p in problems {
            eprintln!("warning: {}", crate::terminal::printable(&p.to_string()));
        }
    }
}

/// Read and check one answers file.
pub fn load_answers(path: &Path, catalog: &Catalog) -> Result<answers::Loaded, Vec<Problem>> {
    let name = path.display().to_string();
    let source = crate::input::read_text(path).map_err(|p| vec![p])?;
    answers::load(&name, &source, catalog)
}

/// Score a loaded file and build its report data.
pub fn build_report(
    catalog: &Catalog,
    file: &AnswerFile,
    warnings: &[Problem],
    lang: Option<Lang>,
    weights: &IndexMap<String, f64>,
) -> Result<(Scorecard, Report), Error> {
    let card = scoring::score(catalog.all(), file, weights)?;
    let lang = lang.or(file.lang).unwrap_or_default();
    let warnings: Vec<String> = warnings.iter().map(|w| w.message.clone()).collect();
    let data = report::build(catalog, file, &card, lang, &warnings);
    Ok((card, data))
}

fn run_report(global: &Global, job: &ReportJob) -> Result<(), Error> {
    if let Some(output) = &job.output {
        let mut inputs = vec![job.answers.as_path()];
        inputs.extend(job.template.as_deref());
        crate::fsutil::guard_inputs(output, &inputs)?;
    }
    let catalog = Catalog::with_dir(global.assessments.as_deref())?;
    // Load the template first, so a broken template fails before any work is done.
    let renderer = match job.format {
        Format::Markdown => Some(ReportRenderer::new(job.template.as_deref())?),
        Format::Json => None,
    };
    let loaded = load_answers(&job.answers, &catalog)?;
    warn(global, &loaded.warnings);
    let (_, data) = build_report(&catalog, &loaded.file, &loaded.warnings, job.lang, &job.weights)?;
    let text = match &renderer {
        Some(renderer) => renderer.render(&data)?,
        None => render::to_json(&data)?,
    };
    match &job.output {
        Some(path) => crate::fsutil::write_atomic(path, text.as_bytes()),
        None => print(&text),
    }
}

fn run_sample(global: &Global, count: usize, seed: u64, profile: Option<&str>, outdir: &Path) -> Result<(), Error> {
    use rayon::prelude::*;
    let catalog = Catalog::with_dir(global.assessments.as_deref())?;
    if let Some(p) = profile {
        if !catalog.all().iter().any(|a| a.has_profile(p)) {
            let mut valid: Vec<String> =
                catalog.all().iter().flat_map(|a| a.profiles.iter().map(|x| format!("`{}`", x.id))).collect();
            valid.sort();
            valid.dedup();
            return Err(Error::Usage(format!("unknown profile `{p}` (valid: {})", valid.join(", "))));
        }
    }
    if outdir.exists() && !outdir.is_dir() {
        return Err(Error::write(outdir, "it exists and is not a folder"));
    }
    std::fs::create_dir_all(outdir).map_err(|e| Error::write(outdir, e))?;
    let spec = crate::sample::SampleSpec { count, seed, profile };
    (0..count).into_par_iter().try_for_each(|i| {
        let file = crate::sample::applicant(&catalog, &spec, i);
        let yaml = file.to_yaml().map_err(|e| Error::write(outdir, e.message))?;
        crate::fsutil::write_atomic(&outdir.join(crate::sample::file_name(i, count)), yaml.as_bytes())
    })?;
    if !global.quiet {
        eprintln!("wrote {count} answer files to {}", outdir.display());
    }
    Ok(())
}

/// A file `check` accepted: its `ok:` line and its warnings.
type Accepted = (String, Vec<Problem>);

fn run_check(global: &Global, inputs: &[PathBuf]) -> Result<(), Error> {
    use rayon::prelude::*;
    let catalog = Catalog::with_dir(global.assessments.as_deref())?;
    // Folders are searched for answer files, as `screen` and `cohort` do.
    let (files, missing) = crate::screen::collect_inputs(inputs);
    if missing.is_empty() {
        crate::screen::require_files(&files, inputs)?;
    }
    for m in &missing {
        eprintln!("error: {}", crate::terminal::printable(&m.reasons.join("\n  ")));
    }
    // Check in parallel and report in file order (sorted, each file once), keeping only each file's verdict.
    let verdicts: Vec<Result<Accepted, Vec<Problem>>> = files
        .par_iter()
        .map(|path| {
            let loaded = load_answers(path, &catalog)?;
            let count: usize = loaded.file.answers.values().map(IndexMap::len).sum();
            let status = match loaded.file.status {
                answers::Status::Complete => "complete",
                answers::Status::InProgress => "in progress",
            };
            Ok((format!("ok: {} ({count} answers, {status})", path.display()), loaded.warnings))
        })
        .collect();
    let mut rejected = missing.len();
    for verdict in verdicts {
        match verdict {
            Ok((line, warnings)) => {
                warn(global, &warnings);
                if !global.quiet {
                    println!("{line}");
                }
            }
            Err(problems) => {
                rejected += 1;
                for p in problems {
                    eprintln!("error: {}", crate::terminal::printable(&p.to_string()));
                }
            }
        }
    }
    match rejected {
        0 => Ok(()),
        rejected => Err(Error::SomeRejected { rejected, total: files.len() + missing.len() }),
    }
}

fn run_lint(global: &Global, files: &[PathBuf]) -> Result<(), Error> {
    let mut problems = Vec::new();
    for path in files {
        let name = path.display().to_string();
        let loaded = crate::input::read_text(path).map_err(|p| vec![p]).and_then(|s| definition::load(&name, &s));
        match loaded {
            Ok(loaded) => {
                warn(global, &loaded.warnings);
                if !global.quiet {
                    let a = &loaded.assessment;
                    println!(
                        "ok: {name} (`{}` v{}: questions {}, sections {}, dimensions {}, metrics {})",
                        a.id,
                        a.version,
                        a.questions().count(),
                        a.sections.len(),
                        a.dimensions.len(),
                        a.metrics.len()
                    );
                }
            }
            Err(mut p) => problems.append(&mut p),
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.into())
    }
}

fn run_list(global: &Global, lang: Lang) -> Result<(), Error> {
    let catalog = Catalog::with_dir(global.assessments.as_deref())?;
    let mut out = String::new();
    let width = catalog.ids().map(str::len).max().unwrap_or(2).max(2);
    out.push_str(&format!("{:width$}  {:>7}  {:>9}  {:<24}  source\n", "id", "version", "questions", "title"));
    for a in catalog.all() {
        let origin = match catalog.origin(&a.id) {
            Some(Origin::File(path)) => path.clone(),
            _ => "built-in".to_string(),
        };
        out.push_str(&format!(
            "{:width$}  {:>7}  {:>9}  {:<24}  {origin}\n",
            a.id,
            a.version,
            a.questions().count(),
            a.title.get(lang)
        ));
    }
    print(&out)
}

fn run_show(global: &Global, id: &str, format: ShowFormat) -> Result<(), Error> {
    let catalog = Catalog::with_dir(global.assessments.as_deref())?;
    let Some(assessment) = catalog.get(id) else {
        let known: Vec<String> = catalog.ids().map(|i| format!("`{i}`")).collect();
        return Err(Error::Usage(format!("unknown assessment `{id}` (available: {})", known.join(", "))));
    };
    let text = match format {
        ShowFormat::Yaml => {
            crate::yaml::to_string(assessment).map_err(|e| Error::write(Path::new("stdout"), e.message))?
        }
        ShowFormat::Json => render::to_json(assessment)?,
    };
    print(&text)
}
