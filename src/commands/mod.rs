//! The commands, as plain values, and what running each one does. Output goes to
//! stdout, warnings and per-file errors to stderr; the returned error sets the exit code.

pub mod ask;
pub mod check;
pub mod cohort;
pub mod compare;
pub mod form;
pub mod lint;
pub mod list;
pub mod report;
pub mod room;
pub mod sample;
pub mod screen;
pub mod shared;
pub mod show;
pub mod template;

pub use shared::{Format, Global};

use crate::error::Error;
use crate::text::Lang;
use std::path::PathBuf;

#[derive(Debug, Clone)]
pub enum Command {
    Ask(ask::AskJob),
    Report(report::ReportJob),
    Screen(screen::ScreenJob),
    Cohort(cohort::CohortJob),
    Compare(compare::CompareJob),
    Form(form::FormJob),
    /// `moat room serve`.
    Room(room::RoomJob),
    Sample {
        count: usize,
        seed: u64,
        profile: Option<String>,
        outdir: PathBuf,
    },
    Check(Vec<PathBuf>),
    Lint {
        files: Vec<PathBuf>,
        strict: bool,
    },
    List {
        lang: Lang,
    },
    Show {
        id: String,
        format: show::ShowFormat,
        lang: crate::text::Lang,
    },
    Template(template::TemplateJob),
    /// Print this text (shell completions).
    Print(String),
}

pub fn execute(global: &Global, command: Command) -> Result<(), Error> {
    match command {
        Command::Ask(job) => ask::run(global, &job),
        Command::Report(job) => report::run(global, &job),
        Command::Screen(job) => screen::run(global, &job),
        Command::Cohort(job) => cohort::run(global, &job),
        Command::Compare(job) => compare::run(global, &job),
        Command::Form(job) => form::run(global, &job),
        Command::Room(job) => room::run(global, &job),
        Command::Sample { count, seed, profile, outdir } => {
            sample::run(global, count, seed, profile.as_deref(), &outdir)
        }
        Command::Check(files) => check::run(global, &files),
        Command::Lint { files, strict } => lint::run(global, &files, strict),
        Command::List { lang } => list::run(global, lang),
        Command::Show { id, format, lang } => show::run(global, &id, format, lang),
        Command::Template(job) => template::run(&job),
        Command::Print(text) => shared::print(&text),
    }
}
