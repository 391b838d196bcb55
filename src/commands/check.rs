//! `moat check`: validate answer files (and folders of them) against their assessments.

use super::shared::{print, warn, Global};
use crate::error::{Error, Problem};
use crate::model::answers;
use crate::model::catalog::Catalog;
use indexmap::IndexMap;
use std::path::PathBuf;

/// A file `check` accepted: its `ok:` line and its warnings.
type Accepted = (String, Vec<Problem>);

pub fn run(global: &Global, inputs: &[PathBuf]) -> Result<(), Error> {
    use rayon::prelude::*;
    let catalog = Catalog::with_dir(global.assessments.as_deref())?;
    // Folders are searched for answer files, as `screen` and `cohort` do.
    let (files, missing) = crate::io::walk::collect_inputs(inputs);
    // The rule `screen` and `cohort` follow too: a missing path among others is a
    // rejected input, no answer file at all a usage error (issue 10).
    crate::io::walk::require_files(&files, &missing, inputs)?;
    for m in &missing {
        crate::io::stderr::line(&format!("error: {}", crate::text::inert::printable(&m.reasons.join("\n  "))));
    }
    // Check in parallel and report in file order (sorted, each file once), keeping only each file's verdict.
    let verdicts: Vec<Result<Accepted, Vec<Problem>>> = files
        .par_iter()
        .map(|path| {
            let loaded = crate::model::answers::load_file(path, &catalog)?;
            let count: usize = loaded.file.answers.values().map(IndexMap::len).sum();
            let status = match loaded.file.status {
                answers::Status::Complete => "complete",
                answers::Status::InProgress => "in progress",
            };
            // The versions the file was written for, so a batch from an older rubric shows.
            let versions: String = loaded.file.versions.iter().map(|(id, v)| format!(", {id} v{v}")).collect();
            Ok((format!("ok: {} ({count} answers, {status}{versions})", path.display()), loaded.warnings))
        })
        .collect();
    let mut rejected = missing.len();
    for verdict in verdicts {
        match verdict {
            Ok((line, warnings)) => {
                warn(global, &warnings);
                if !global.quiet {
                    // Through `print`: a closed pipe ends the output, the checks go on (issue 10).
                    print(&format!("{line}\n"))?;
                }
            }
            Err(problems) => {
                rejected += 1;
                for p in problems {
                    crate::io::stderr::line(&format!("error: {}", crate::text::inert::printable(&p.to_string())));
                }
            }
        }
    }
    match rejected {
        0 => Ok(()),
        rejected => Err(Error::SomeRejected { rejected, total: files.len() + missing.len() }),
    }
}
