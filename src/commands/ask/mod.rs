//! `moat ask`: choose the mode (new, `--resume`, `--revise`), guard the files, run the
//! questionnaire on the terminal, and write the answers, the report and the scorecard.

pub mod flow;
pub mod layout;
pub mod lock;
pub mod prompt;
pub mod terminal;

use crate::commands::ask::flow::{Flow, Outcome, Start};
use crate::commands::ask::lock::Lock;
use crate::commands::ask::prompt::{Prompter, Reply, Request, Screen};
use crate::commands::ask::terminal::{scorecard, Terminal};
use crate::commands::shared::{print, Format, Global};
use crate::error::Error;
use crate::model::answers::{AnswerFile, VersionChange};
use crate::model::catalog::Catalog;
use crate::model::definition::Assessment;
use crate::render::{Builtin, Renderer};
use crate::text::Lang;
use indexmap::IndexMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

pub const DEFAULT_ANSWERS: &str = "moat-answers.yaml";
pub const DEFAULT_REPORT: &str = "moat-report.md";

pub fn run(global: &Global, job: &AskJob) -> Result<(), Error> {
    let catalog = Catalog::with_dir(global.assessments.as_deref())?;
    let (mut file, output, start, revised) = prepare(&catalog, job)?;
    // `--resume` and `--revise` keep the file's own scope unless told otherwise.
    let ids: Vec<String> = if job.assessments.is_empty() {
        file.answers.keys().filter(|id| catalog.get(id).is_some()).cloned().collect()
    } else {
        job.assessments.clone()
    };
    let assessments = crate::commands::shared::chosen_assessments(&catalog, &ids)?;
    // A mistyped `--only` would ask nothing and call it done (issue 14): the wrong
    // arguments are said before the missing terminal, as clap would.
    let only = job.only.as_deref().map(|only| only_scope(&assessments, only)).transpose()?;
    if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
        return Err(Error::Usage(
            "`moat ask` asks questions and needs a terminal, but its input or error output is not one; \
             to score an answers file you already have, run `moat report ANSWERS`"
                .to_string(),
        ));
    }
    // Held until this function returns, whatever the outcome (Ctrl-C included).
    let _lock = Lock::acquire(&output)?;
    let lang = job.lang.or(file.lang).unwrap_or_default();
    file.lang = Some(lang);
    file.assessed_on = Some(today());
    let report_path = job.report.clone().unwrap_or_else(|| default_report(&output));
    // The report must not land on the answers, nor on the file being revised or resumed
    // (issue 13: `--revise old.yaml --report old.yaml` replaced the earlier answers).
    let mut inputs: Vec<&Path> = vec![&output];
    inputs.extend(job.revise.as_deref());
    inputs.extend(job.resume.as_deref());
    crate::io::write::guard_inputs(&report_path, &inputs)?;
    // `--report x.html` writes the web page.
    let renderer = match Format::of_report_file(&report_path) {
        Format::Html => Renderer::builtin(Builtin::ReportHtml)?,
        _ => Renderer::builtin(Builtin::Report)?,
    };

    let mut terminal = Terminal::new(lang, global.color);
    let flow = Flow::new(assessments.clone(), file, lang, only);
    let flow = if job.revise.is_some() { flow.revising() } else { flow };
    let (answered, total) = flow.progress();
    // A revision walks every question again; a resumed audit only what is left.
    let to_go = if job.revise.is_some() { total } else { total - answered };
    let mut intro = Intro { questions: (to_go, answered, total), answers: &output, report: &report_path, note: None };
    if let (Some(path), false) = (&job.revise, revised.is_empty()) {
        intro.note = Some(revision_note(&catalog, &revised, path, answered, lang));
    }
    if !welcome(&mut terminal, &assessments, lang, &intro)? {
        return Ok(());
    }
    let mut save = |f: &AnswerFile| save_answers(&output, f);
    match flow.run(&mut terminal, start, &mut save)? {
        Outcome::Interrupted(file) => {
            let count: usize = file.answers.values().map(IndexMap::len).sum();
            let t = |key: &str| crate::text::labels::fixed_text(lang, key);
            crate::io::stderr::line(&format!(
                "\n{}\n{}\n  {}",
                t("ask.stopped").replace("{n}", &count.to_string()).replace("{file}", &output.display().to_string()),
                t("ask.resume_with"),
                resume_command(global, job, &output)
            ));
            Err(Error::Interrupted)
        }
        Outcome::Finished(file) => {
            let (_, data) = crate::engine::report::score_and_build(&catalog, &file, &[], Some(lang), &IndexMap::new())?;
            crate::io::write::write_atomic(&report_path, renderer.render(&data, data.lang)?.as_bytes())?;
            let t = |key: &str| crate::text::labels::fixed_text(lang, key);
            let width = crate::commands::ask::layout::Size::of_terminal().text_width();
            let shown = |p: &Path| shell_quote(&p.display().to_string());
            let done = t("ask.done").replace("{file}", &shown(&output)).replace("{report}", &shown(&report_path));
            let program = program(&Started::now());
            let revised = revised_name(&output, Path::exists);
            let next = t("ask.next")
                .replace("{report}", &shown(&report_path))
                .replace("{revise}", &format!("{program} ask --revise {}", shown(&output)))
                .replace("{compare}", &format!("{program} compare {} {}", shown(&output), shown(&revised)));
            let next = crate::commands::ask::layout::wrap_joined(&next, width, "", "");
            print(&format!("\n{}\n{done}\n{next}\n", scorecard(&data, global.color, width)))
        }
    }
}

fn save_answers(path: &Path, file: &AnswerFile) -> Result<(), Error> {
    let yaml = file.to_yaml().map_err(|e| Error::write(path, e.message))?;
    crate::io::write::write_atomic(path, yaml.as_bytes())
}

/// The dimension or section id `--only` names, matched without regard to case or to `-`
/// against `_` (`Data`, `cost-efficiency`), or the list of the valid ones.
fn only_scope(assessments: &[&Assessment], only: &str) -> Result<String, Error> {
    let normal = |s: &str| s.trim().to_lowercase().replace('-', "_");
    let mut valid: Vec<&str> = Vec::new();
    for a in assessments {
        valid.extend(a.dimensions.iter().map(|d| d.id.as_str()));
        valid.extend(a.sections.iter().map(|s| s.id.as_str()));
    }
    valid.sort_unstable();
    valid.dedup();
    match valid.iter().find(|id| normal(id) == normal(only)) {
        Some(id) => Ok(id.to_string()),
        None => Err(Error::Usage(format!(
            "`--only {only}` names no dimension or section of the assessments being revised (valid: {})",
            valid.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(", ")
        ))),
    }
}

/// The starting answers, where they will be saved, where to begin, and (for a revision
/// of a file written for an earlier version) the versions it was written for; refuses
/// to overwrite a file that holds answers unless told to.
fn prepare(catalog: &Catalog, job: &AskJob) -> Result<(AnswerFile, PathBuf, Start, Vec<VersionChange>), Error> {
    if let Some(path) = &job.resume {
        let loaded = crate::model::answers::load_file(path, catalog)?;
        let output = job.output.clone().unwrap_or_else(|| path.clone());
        return Ok((loaded.file, output, Start::FirstUnanswered, Vec::new()));
    }
    if let Some(path) = &job.revise {
        // An earlier version's file is welcome here: revising is how it moves on.
        let name = path.display().to_string();
        let source = crate::model::source::read_text(path).map_err(|p| vec![p])?;
        let revision = crate::model::answers::load_for_revision(&name, &source, catalog)?;
        let loaded = revision.loaded;
        let output = job.output.clone().unwrap_or_else(|| revised_name(path, Path::exists));
        if crate::io::write::same_file(&output, path) && !job.force {
            return Err(Error::Usage(format!(
                "`--revise` would overwrite `{}`, the earlier answers; choose a new file with -o, or pass --force",
                path.display()
            )));
        }
        guard_existing(catalog, &output, job.force)?;
        let mut file = loaded.file;
        file.status = crate::model::answers::Status::InProgress;
        return Ok((file, output, Start::First, revision.versions));
    }
    let output = job.output.clone().unwrap_or_else(|| PathBuf::from(DEFAULT_ANSWERS));
    guard_existing(catalog, &output, job.force)?;
    Ok((AnswerFile::default(), output, Start::First, Vec::new()))
}

fn guard_existing(catalog: &Catalog, output: &Path, force: bool) -> Result<(), Error> {
    if force || !output.exists() {
        return Ok(());
    }
    let shown = output.display();
    match crate::model::answers::load_file(output, catalog) {
        Ok(loaded) if loaded.file.status == crate::model::answers::Status::InProgress => Err(Error::Usage(format!(
            "`{shown}` holds an audit in progress; continue it with `moat ask --resume {shown}`, or pass --force to start again"
        ))),
        Ok(_) => Err(Error::Usage(format!(
            "`{shown}` already holds a complete audit; change it with `moat ask --revise {shown}`, write elsewhere with -o, or pass --force to overwrite it"
        ))),
        Err(_) => Err(Error::Usage(format!(
            "`{shown}` exists and is not a valid answers file; write elsewhere with -o, or pass --force to overwrite it"
        ))),
    }
}

/// `answers.yaml` → `answers-revised.yaml`, beside it; a revision of a revision, or a
/// name already taken, counts on: `answers-revised-2.yaml`, `-3`... (issue 14: revising
/// a revision wrote `answers-revised-revised.yaml`).
fn revised_name(path: &Path, taken: impl Fn(&Path) -> bool) -> PathBuf {
    let stem = path.file_stem().map_or_else(|| "moat-answers".into(), |s| s.to_string_lossy().into_owned());
    // The revision this file is: 0 for an original, 1 for `-revised`, n for `-revised-n`.
    let (base, this) = match stem.rsplit_once("-revised") {
        Some((base, "")) => (base, 1),
        Some((base, n)) => match n.strip_prefix('-').and_then(|n| n.parse::<u32>().ok()) {
            Some(n) => (base, n),
            None => (stem.as_str(), 0),
        },
        None => (stem.as_str(), 0),
    };
    (this + 1..)
        .map(|n| match n {
            1 => path.with_file_name(format!("{base}-revised.yaml")),
            n => path.with_file_name(format!("{base}-revised-{n}.yaml")),
        })
        .find(|candidate| candidate != path && !taken(candidate))
        .unwrap_or_else(|| path.with_file_name(format!("{base}-revised.yaml")))
}

/// The report beside its answers file: `moat-report.md` for `moat-answers.yaml`, else
/// the answers file's name with `-report.md` (`acme.yaml`, `acme-report.md`), so that
/// two audits in one folder never write one report (`--revise` keeps the earlier
/// report too: `answers-revised.yaml` reports to `answers-revised-report.md`).
fn default_report(output: &Path) -> PathBuf {
    if output.file_name().is_some_and(|name| name == DEFAULT_ANSWERS) {
        return output.with_file_name(DEFAULT_REPORT);
    }
    let stem = output.file_stem().map_or_else(|| "moat".into(), |s| s.to_string_lossy().into_owned());
    output.with_file_name(format!("{stem}-report.md"))
}

/// The command that continues this audit, as the founder can paste it, starting the
/// way this run was started (issue 14: `moat ...` failed after `cargo run`).
fn resume_command(global: &Global, job: &AskJob, output: &Path) -> String {
    let mut parts = vec![program(&Started::now())];
    if let Some(dir) = &global.assessments {
        parts.push("--assessments".into());
        parts.push(shell_quote(&dir.display().to_string()));
    }
    parts.push("ask".into());
    parts.extend(job.assessments.iter().cloned());
    parts.push("--resume".into());
    parts.push(shell_quote(&output.display().to_string()));
    if let Some(report) = &job.report {
        parts.push("--report".into());
        parts.push(shell_quote(&report.display().to_string()));
    }
    if let Some(lang) = job.lang {
        parts.push(format!("--lang {lang}"));
    }
    parts.join(" ")
}

/// How this run was started, as far as the resume command needs it.
#[derive(Debug, Default)]
struct Started {
    /// This program's path.
    exe: Option<PathBuf>,
    /// The package folder, when cargo started it (`cargo run` sets `CARGO_MANIFEST_DIR`).
    manifest_dir: Option<PathBuf>,
    cwd: Option<PathBuf>,
    /// What `moat` on the `PATH` is, if anything.
    on_path: Option<PathBuf>,
}

impl Started {
    fn now() -> Started {
        // Linux names a binary replaced while it runs (a rebuild) "PATH (deleted)"; the
        // command to resume with is the file now at PATH.
        let exe =
            std::env::current_exe().ok().map(|exe| match exe.to_str().and_then(|s| s.strip_suffix(" (deleted)")) {
                Some(path) => PathBuf::from(path),
                None => exe,
            });
        let on_path = std::env::var_os("PATH").and_then(|paths| {
            std::env::split_paths(&paths).map(|dir| dir.join("moat")).find(|candidate| candidate.is_file())
        });
        Started {
            exe,
            manifest_dir: std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from),
            cwd: std::env::current_dir().ok(),
            on_path,
        }
    }
}

/// `cargo run --release --` under cargo, `moat` when that is this program on the PATH,
/// else this program's full path.
fn program(started: &Started) -> String {
    let exe = started.exe.as_deref();
    if let (Some(exe), Some(dir)) = (exe, &started.manifest_dir) {
        if exe.starts_with(dir.join("target")) {
            let release = exe.components().any(|c| c.as_os_str() == "release");
            let mut command = String::from("cargo run");
            if release {
                command.push_str(" --release");
            }
            if started.cwd.as_deref() != Some(dir.as_path()) {
                command.push_str(" --manifest-path ");
                command.push_str(&shell_quote(&dir.join("Cargo.toml").display().to_string()));
            }
            command.push_str(" --");
            return command;
        }
    }
    match (exe, &started.on_path) {
        (Some(exe), Some(found)) if crate::io::write::same_file(exe, found) => "moat".to_string(),
        (Some(exe), _) => shell_quote(&exe.display().to_string()),
        (None, _) => "moat".to_string(),
    }
}

fn shell_quote(s: &str) -> String {
    if !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c)) {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

/// The first screen: what the audit covers, its size, where answers go, the keys.
/// `false` when the founder chooses to quit.
/// What the welcome screen says besides the assessments.
struct Intro<'a> {
    /// (questions to go, answered, total).
    questions: (usize, usize, usize),
    answers: &'a Path,
    report: &'a Path,
    /// Said before the keys: why some answers of a revised file were left out.
    note: Option<String>,
}

/// "This file was written for version 1 of …": a revision of an earlier version.
fn revision_note(catalog: &Catalog, versions: &[VersionChange], file: &Path, kept: usize, lang: Lang) -> String {
    let t = |key: &str| crate::text::labels::fixed_text(lang, key);
    let each: Vec<String> = versions
        .iter()
        .map(|v| {
            let title = catalog.get(&v.assessment).map_or(v.assessment.as_str(), |a| a.title.get(lang));
            t("ask.revised_version_of")
                .replace("{written}", &v.written.to_string())
                .replace("{current}", &v.current.to_string())
                .replace("{assessment}", title)
        })
        .collect();
    t("ask.revised_version")
        .replace("{versions}", &each.join(t(",")))
        .replace("{file}", &file.display().to_string())
        .replace("{n}", &kept.to_string())
}

fn welcome(p: &mut dyn Prompter, assessments: &[&Assessment], lang: Lang, intro: &Intro) -> Result<bool, Error> {
    let Intro { questions: (questions, answered, total), answers, report, .. } = *intro;
    let t = |key: &str| crate::text::labels::fixed_text(lang, key);
    let mut text = format!("{}\n", t("ask.welcome_covers"));
    for a in assessments {
        let dims: Vec<&str> = a.dimensions.iter().map(|d| d.title.get(lang)).collect();
        text.push_str(&format!("  • {}{}{}\n", a.title.get(lang), t(":"), dims.join(t(","))));
    }
    text.push('\n');
    // About half a minute a question, as founders took in trials; never "1 minutes".
    let size = match questions {
        0 => t("ask.welcome_size_done").to_string(),
        q => t("ask.welcome_size").replace("{q}", &q.to_string()).replace("{m}", &q.div_ceil(2).max(2).to_string()),
    };
    text.push_str(&size);
    text.push('\n');
    text.push_str(
        &t("ask.welcome_saved")
            .replace("{file}", &answers.display().to_string())
            .replace("{report}", &report.display().to_string()),
    );
    text.push('\n');
    if let Some(note) = &intro.note {
        text.push_str(note);
        text.push('\n');
    }
    text.push_str(t("ask.welcome_keys"));
    p.header(&Screen {
        title: t("ask.welcome_title").to_string(),
        section: (0, 0),
        question: (0, 0),
        answered,
        total,
        intro: Some(text),
        walked: false,
    });
    let request = Request::Select {
        full: Vec::new(),
        message: t("ask.ready"),
        options: vec![t("ask.start").to_string(), t("ask.quit").to_string()],
        start: 0,
        keys: t("ask.keys_select"),
    };
    match p.ask(&request) {
        Ok(Reply::Chosen(0)) => Ok(true),
        Ok(_) | Err(crate::commands::ask::prompt::PromptError::Interrupted) => Ok(false),
        Err(crate::commands::ask::prompt::PromptError::Terminal(m)) => Err(Error::Terminal(m)),
    }
}

/// Today's date (UTC) as `YYYY-MM-DD`; `MOAT_TODAY` overrides it, for reproducible runs.
pub fn today() -> String {
    if let Some(date) = std::env::var("MOAT_TODAY").ok().filter(|d| crate::model::answers::is_date(d)) {
        return date;
    }
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    civil_date((secs / 86_400) as i64)
}

/// Days since 1970-01-01 to a calendar date (Howard Hinnant's `civil_from_days`).
fn civil_date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The review of this session: `--resume b.yaml` overwrote a.yaml's moat-report.md.
    #[test]
    fn a_report_goes_beside_its_answers_file_and_is_named_after_it() {
        assert_eq!(default_report(Path::new("moat-answers.yaml")), PathBuf::from("moat-report.md"));
        assert_eq!(default_report(Path::new("room/moat-answers.yaml")), PathBuf::from("room/moat-report.md"));
        assert_eq!(default_report(Path::new("room/acme.yaml")), PathBuf::from("room/acme-report.md"));
        assert_eq!(default_report(Path::new("acme-revised-2.yaml")), PathBuf::from("acme-revised-2-report.md"));
    }

    #[test]
    fn civil_dates() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(20_785), "2026-11-28");
        assert_eq!(civil_date(11_016), "2000-02-29");
    }

    #[test]
    fn resume_commands_can_be_pasted() {
        let job = AskJob { assessments: vec!["mini".into()], lang: Some(Lang::Zh), ..AskJob::default() };
        let global = Global { assessments: Some("my rubrics".into()), ..Global::default() };
        let command = resume_command(&global, &job, Path::new("a b.yaml"));
        assert!(command.ends_with(" --assessments 'my rubrics' ask mini --resume 'a b.yaml' --lang zh"), "{command}");
    }

    #[test]
    fn revision_names_count_on_instead_of_stacking() {
        let none = |_: &Path| false;
        assert_eq!(revised_name(Path::new("dir/answers.yaml"), none), Path::new("dir/answers-revised.yaml"));
        assert_eq!(revised_name(Path::new("a-revised.yaml"), none), Path::new("a-revised-2.yaml"));
        assert_eq!(revised_name(Path::new("a-revised-2.yaml"), none), Path::new("a-revised-3.yaml"));
        let taken = |p: &Path| ["a-revised.yaml", "a-revised-2.yaml"].iter().any(|t| p == Path::new(t));
        assert_eq!(revised_name(Path::new("a-revised.yaml"), taken), Path::new("a-revised-3.yaml"));
        assert_eq!(revised_name(Path::new("a.yaml"), taken), Path::new("a-revised-3.yaml"));
        assert_eq!(revised_name(Path::new("pre-revised-plan.yaml"), none), Path::new("pre-revised-plan-revised.yaml"));
    }

    /// Issue 14: the resume command starts the way the audit was started.
    #[test]
    fn the_resume_command_runs_as_the_audit_was_started() {
        let repo = PathBuf::from("/src/moat");
        let cargo = |exe: &str, cwd: &str| Started {
            exe: Some(PathBuf::from(exe)),
            manifest_dir: Some(repo.clone()),
            cwd: Some(PathBuf::from(cwd)),
            on_path: None,
        };
        assert_eq!(program(&cargo("/src/moat/target/release/moat", "/src/moat")), "cargo run --release --");
        assert_eq!(program(&cargo("/src/moat/target/debug/moat", "/src/moat")), "cargo run --");
        assert_eq!(
            program(&cargo("/src/moat/target/release/moat", "/home/me")),
            "cargo run --release --manifest-path /src/moat/Cargo.toml --"
        );
        let installed = Started { exe: Some("/opt/my tools/moat".into()), ..Started::default() };
        assert_eq!(program(&installed), "'/opt/my tools/moat'", "not on the PATH: the full path");
        let exe = std::env::current_exe().unwrap();
        let on_path = Started { exe: Some(exe.clone()), on_path: Some(exe), ..Started::default() };
        assert_eq!(program(&on_path), "moat");
    }
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
