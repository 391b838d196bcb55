//! What every command shares: the global options, the output formats, and writing to
//! stdout and stderr (a closed pipe is the end of output, not an error).

use crate::error::{Error, Problem};
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

pub fn print(text: &str) -> Result<(), Error> {
    let mut out = std::io::stdout().lock();
    // A closed pipe (`moat report x | head`) is not an error worth reporting.
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::write(Path::new("stdout"), e)),
    }
}

pub fn warn(global: &Global, problems: &[Problem]) {
    if !global.quiet {
        for p in problems {
            crate::io::stderr::line(&format!("warning: {}", crate::text::inert::printable(&p.to_string())));
        }
    }
}
