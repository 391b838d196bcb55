//! The top-level error a user reads: its `Display` is the message (printed after
//! `error: `) and its `exit_code` the status. Each layer has its own error type
//! ([`Problem`] for input files, `ScoreError`, `RenderError`), wrapped here.

use std::fmt;

pub use crate::model::problem::{Problem, Problems};
use std::path::Path;
use thiserror::Error;

/// Everything a moat command can fail with. `Display` is the user's message
/// (printed after `error: `); `exit_code` follows the exit codes in README (0, 1, 2, 3, 130).
#[derive(Debug, Error)]
pub enum Error {
    /// One or more input files are invalid.
    #[error("{0}")]
    Invalid(Problems),
    /// A command-line value is wrong in a way clap cannot see.
    #[error("{0}")]
    Usage(String),
    #[error("cannot write `{path}`: {reason}")]
    Write { path: String, reason: String },
    #[error(transparent)]
    Score(#[from] crate::engine::scoring::ScoreError),
    #[error(transparent)]
    Render(#[from] crate::render::RenderError),
    /// The terminal failed while `ask` was prompting.
    #[error("the terminal failed: {0}")]
    Terminal(String),
    /// Ctrl-C in `ask`, after the answers were saved and the resume command printed.
    #[error("")]
    Interrupted,
    /// `lint --strict` found only warnings (already printed one by one).
    #[error("{0} warning(s), and --strict counts them as errors")]
    StrictWarnings(usize),
    /// `check` finished but some inputs were rejected (already reported one by one).
    #[error("{rejected} of {total} files were rejected")]
    SomeRejected { rejected: usize, total: usize },
}

impl Error {
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Usage(_) => 2,
            Error::Score(crate::engine::scoring::ScoreError::UnknownWeightDimension { .. }) => 2,
            Error::SomeRejected { .. } => 3,
            Error::Interrupted => 130,
            _ => 1,
        }
    }

    pub fn write(path: &Path, err: impl fmt::Display) -> Error {
        Error::Write { path: path.display().to_string(), reason: err.to_string() }
    }
}

impl From<Problem> for Error {
    fn from(problem: Problem) -> Self {
        Error::Invalid(Problems(vec![problem]))
    }
}

impl From<Vec<Problem>> for Error {
    fn from(problems: Vec<Problem>) -> Self {
        Error::Invalid(Problems(problems))
    }
}
