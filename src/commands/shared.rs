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
    /// A self-contained web page.
    Html,
}

impl Format {
    /// The format a report file's name asks for: `.html` or `.htm` (any case) is a web
    /// page, anything else markdown. `ask --report`, and `report`/`cohort -o` without
    /// `--format`, go by it.
    pub fn of_report_file(path: &Path) -> Format {
        match path.extension().and_then(|e| e.to_str()) {
            Some(ext) if ext.eq_ignore_ascii_case("html") || ext.eq_ignore_ascii_case("htm") => Format::Html,
            _ => Format::Markdown,
        }
    }
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
