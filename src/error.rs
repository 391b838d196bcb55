//! The errors a user reads: one located `Problem` type for defects in input files,
//! and the top-level `Error` whose `Display` is the message and whose `exit_code` is the status.

use std::fmt;
use std::path::Path;
use thiserror::Error;

/// One defect in one input file, with the line where it is known.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
}

impl Problem {
    pub fn new(file: &str, line: Option<usize>, message: impl Into<String>) -> Problem {
        Problem { file: file.to_string(), line, message: message.into() }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.file, line, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// Several problems, printed one per line.
#[derive(Debug, Clone, PartialEq)]
pub struct Problems(pub Vec<Problem>);

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, problem) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\nerror: ")?;
            }
            write!(f, "{problem}")?;
        }
        Ok(())
    }
}

/// Everything a moat command can fail with. `Display` is the user's message
/// (printed after `error: `); `exit_code` follows SPEC section 2.
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
    Score(#[from] crate::scoring::ScoreError),
    #[error(transparent)]
    Render(#[from] crate::render::RenderError),
    /// The terminal failed while `ask` was prompting.
    #[error("the terminal failed: {0}")]
    Terminal(String),
    /// Ctrl-C in `ask`, after the answers were saved and the resume command printed.
    #[error("")]
    Interrupted,
    /// `check` finished but some inputs were rejected (already reported one by one).
    #[error("{rejected} of {total} files were rejected")]
    SomeRejected { rejected: usize, total: usize },
}

impl Error {
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Usage(_) => 2,
            Error::Score(crate::scoring::ScoreError::UnknownWeightDimension { .. }) => 2,
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
