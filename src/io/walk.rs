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

/// A file in an input folder that is not read as an answer file, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub path: PathBuf,
    pub reason: &'static str,
}

/// What the walk found: the answer files, the inputs it could not read, and the files it
/// passed over (`cohort` lists them, so that a facilitator sees every file of the room).
#[derive(Debug, Default)]
pub struct Collected {
    pub files: Vec<PathBuf>,
    pub rejected: Vec<Rejected>,
    pub skipped: Vec<Skipped>,
}

/// The key `cohort` keeps in a room folder: moat's own file, never listed as skipped.
pub const ROOM_SALT_FILE: &str = ".moat-room-salt";

/// The secrets of `moat room serve` in a room folder (its links' room code and
/// facilitator secret): moat's own, never an answer file.
pub const ROOM_SECRETS_FILE: &str = ".moat-room";

/// Every `.yaml`/`.yml` under the inputs, sorted and without repeats; inputs that do not
/// exist, and folders or entries that cannot be read, are rejected.
pub fn collect_inputs(inputs: &[PathBuf]) -> (Vec<PathBuf>, Vec<Rejected>) {
    let collected = collect(inputs);
    (collected.files, collected.rejected)
}

/// [`collect_inputs`], with the files of the input folders that are not answer files.
pub fn collect(inputs: &[PathBuf]) -> Collected {
    let mut out = Collected::default();
    for input in inputs {
        if input.is_dir() {
            walk(input, &mut out);
        } else if std::fs::symlink_metadata(input).is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound) {
            out.rejected.push(rejected(input, "no such file or folder".to_string()));
        } else {
            // A file, a pipe (`/dev/stdin`), or a path we may not look at: reading it
            // says what is wrong, if anything.
            out.files.push(input.clone());
        }
    }
    out.files.sort();
    out.files.dedup();
    out.skipped.sort_by(|a, b| a.path.cmp(&b.path));
    out.skipped.dedup();
    out
}

/// Whether a file name ends in `.yaml` or `.yml`, in any case (`A.YAML` from a phone or
/// a Windows share is an answer file too: issue 16).
pub fn is_answer_file_name(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
}

/// One rule for `check`, `screen` and `cohort` (issue 10): an input path that does not
/// exist, or cannot be read, is a rejected input like an invalid file — reported, the
/// rest processed, exit 3. But a batch with no answer file at all is a mistake (a typo,
/// the wrong folder), not an empty result: a usage error (exit 2) that says why each
/// input gave nothing.
pub fn require_files(files: &[PathBuf], rejected: &[Rejected], inputs: &[PathBuf]) -> Result<(), Error> {
    if files.is_empty() {
        let shown: Vec<String> = inputs.iter().map(|p| format!("`{}`", p.display())).collect();
        let mut message = format!("found no answer files (.yaml or .yml) in {}", shown.join(", "));
        if !rejected.is_empty() {
            let reasons: Vec<&str> = rejected.iter().flat_map(|r| r.reasons.iter().map(String::as_str)).collect();
            message.push_str(&format!(" ({})", reasons.join("; ")));
        }
        return Err(Error::Usage(message));
    }
    Ok(())
}

fn walk(dir: &Path, out: &mut Collected) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            // A folder we cannot list must not pass for an empty one.
            out.rejected.push(rejected(dir, format!("cannot read this folder: {e}")));
            return;
        }
    };
    for entry in entries {
        // An entry the listing could not return, or whose type it could not tell, may be
        // an answer file: say so instead of dropping it (issue 10).
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                out.rejected.push(rejected(dir, format!("cannot read an entry of this folder: {e}")));
                continue;
            }
        };
        let path = entry.path();
        // The entry's type comes with the listing; only a link needs a look at its target.
        // Follow no symlinked folders: a link cycle must not hang the batch.
        let kind = match entry.file_type() {
            Ok(kind) => kind,
            Err(e) => {
                out.rejected.push(rejected(&path, format!("cannot tell what this is: {e}")));
                continue;
            }
        };
        let is_yaml = is_answer_file_name(&path);
        let ours = path.file_name().is_some_and(|n| n == ROOM_SALT_FILE || n == ROOM_SECRETS_FILE);
        if kind.is_dir() {
            walk(&path, out);
        } else if kind.is_file() && is_yaml {
            out.files.push(path);
        } else if kind.is_symlink() && is_yaml {
            match std::fs::metadata(&path) {
                Ok(target) if target.is_file() => out.files.push(path),
                // A link to a folder (or a device) is not followed.
                Ok(_) => out.skipped.push(Skipped { path, reason: "a link to something that is not a file" }),
                // A dangling `x.yaml` link was meant to be an answer file.
                Err(e) => out.rejected.push(rejected(&path, format!("cannot follow this link: {e}"))),
            }
        } else if !ours && !kind.is_symlink() {
            out.skipped.push(Skipped { path, reason: "not an answer file (answer files end in .yaml or .yml)" });
        } else if !ours {
            out.skipped.push(Skipped { path, reason: "a link, not followed (answer files end in .yaml or .yml)" });
        }
    }
}

fn rejected(path: &Path, reason: String) -> Rejected {
    let file = path.display().to_string();
    Rejected { reasons: vec![format!("{file}: {reason}")], file }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issue_10_no_answer_file_at_all_is_a_usage_error_that_says_why() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("typo");
        let (files, rejected) = collect_inputs(std::slice::from_ref(&missing));
        assert!(files.is_empty());
        let err = require_files(&files, &rejected, &[missing]).unwrap_err();
        assert_eq!(err.exit_code(), 2);
        assert!(err.to_string().contains("typo: no such file or folder"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn issue_10_a_dangling_answer_link_is_rejected_not_skipped() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.yaml"), "moat: 1\n").unwrap();
        std::os::unix::fs::symlink(dir.path().join("gone.yaml"), dir.path().join("b.yaml")).unwrap();
        // A dangling link without the extension is nothing moat would read.
        std::os::unix::fs::symlink(dir.path().join("gone"), dir.path().join("c.txt")).unwrap();
        let (files, rejected) = collect_inputs(&[dir.path().to_path_buf()]);
        assert_eq!(files, vec![dir.path().join("a.yaml")]);
        assert_eq!(rejected.len(), 1, "{rejected:?}");
        assert!(rejected[0].reasons[0].contains("b.yaml: cannot follow this link"), "{rejected:?}");
    }

    /// Issue 16: `A.YAML` was skipped without a word, which dropped a room of 3 to 2.
    #[test]
    fn issue_16_extensions_in_any_case_are_answer_files_and_the_rest_is_listed() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["a.YAML", "b.Yml", "c.yaml", "notes.txt", "report.md", ROOM_SALT_FILE] {
            std::fs::write(dir.path().join(name), "moat: 1\n").unwrap();
        }
        let found = collect(&[dir.path().to_path_buf()]);
        let names: Vec<_> = found.files.iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
        assert_eq!(names, ["a.YAML", "b.Yml", "c.yaml"]);
        let skipped: Vec<_> =
            found.skipped.iter().map(|s| s.path.file_name().unwrap().to_string_lossy().into_owned()).collect();
        assert_eq!(skipped, ["notes.txt", "report.md"], "the room key is moat's own and not listed");
        assert!(found.rejected.is_empty());
    }
}
