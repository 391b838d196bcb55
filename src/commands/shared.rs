//! What every command shares: the global options, the output formats, and writing to
//! stdout and stderr (a closed pipe is the end of output, not an error).

use crate::error::{Error, Problem};
use crate::model::catalog::Catalog;
use crate::model::definition::Assessment;
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

/// The assessments named by `ids` (each once, ordered by id, as definitions are scored),
/// or every one in the catalog when `ids` is empty; an unknown id is a usage error.
pub fn chosen_assessments<'c>(catalog: &'c Catalog, ids: &[String]) -> Result<Vec<&'c Assessment>, Error> {
    if ids.is_empty() {
        return Ok(catalog.all().iter().collect());
    }
    let mut chosen: Vec<&Assessment> = Vec::new();
    for id in ids {
        match catalog.get(id) {
            Some(a) if !chosen.iter().any(|c| c.id == a.id) => chosen.push(a),
            Some(_) => {}
            None => {
                let known: Vec<String> = catalog.ids().map(|i| format!("`{i}`")).collect();
                return Err(Error::Usage(format!("unknown assessment `{id}` (available: {})", known.join(", "))));
            }
        }
    }
    chosen.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(chosen)
}
