//! The input folder walk shared by `check`, `screen` and `cohort`: every answer file
//! under the inputs, in one sorted order, with the inputs that could not be read.

use crate::error::Error;
use serde::Serialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Serialize)]
pub struct Rejected {
    pub file: String,
    pub reasons: Vec<String>,
}

/// Every `.yaml`/`.yml` under the inputs, sorted and without repeats; inputs that do not exist are rejected.
pub fn collect_inputs(inputs: &[PathBuf]) -> (Vec<PathBuf>, Vec<Rejected>) {
    let mut files = Vec::new();
    let mut missing = Vec::new();
    for input in inputs {
        if input.is_dir() {
            walk(input, &mut files, &mut missing);
        } else if std::fs::symlink_metadata(input).is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound) {
            let file = input.display().to_string();
            missing.push(Rejected { reasons: vec![format!("{file}: no such file or folder")], file });
        } else {
            // A file, a pipe (`/dev/stdin`), or a path we may not look at: reading it
            // says what is wrong, if anything.
            files.push(input.clone());
        }
    }
    files.sort();
    files.dedup();
    (files, missing)
}

/// A batch with no answer file at all is a mistake (a typo, the wrong folder), not an empty result.
pub fn require_files(files: &[PathBuf], inputs: &[PathBuf]) -> Result<(), Error> {
    if files.is_empty() {
        let shown: Vec<String> = inputs.iter().map(|p| format!("`{}`", p.display())).collect();
        return Err(Error::Usage(format!("found no answer files (.yaml or .yml) in {}", shown.join(", "))));
    }
    Ok(())
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, unreadable: &mut Vec<Rejected>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            // A folder we cannot list must not pass for an empty one.
            let file = dir.display().to_string();
            unreadable.push(Rejected { reasons: vec![format!("{file}: cannot read this folder: {e}")], file });
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        // The entry's type comes with the listing; only a link needs a look at its target.
        // Follow no symlinked folders: a link cycle must not hang the batch.
        let Ok(kind) = entry.file_type() else { continue };
        let is_yaml = || matches!(path.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"));
        if kind.is_dir() {
            walk(&path, files, unreadable);
        } else if (kind.is_file() || (kind.is_symlink() && path.is_file())) && is_yaml() {
            files.push(path);
        }
    }
}
