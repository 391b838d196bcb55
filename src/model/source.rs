//! Reading input files safely: a size cap, UTF-8 with a clear error, no BOM.

use crate::model::problem::Problem;
use std::io::Read;
use std::path::Path;

/// Answer files and definitions are small; anything larger is a mistake or an attack.
pub const MAX_INPUT_BYTES: u64 = 1024 * 1024;

/// Read `path` as UTF-8 text of at most [`MAX_INPUT_BYTES`], without a leading BOM.
pub fn read_text(path: &Path) -> Result<String, Problem> {
    let name = path.display().to_string();
    let fail = |message: String| Problem::new(&name, None, message);
    let metadata = std::fs::metadata(path).map_err(|e| fail(describe_io(&e)))?;
    if metadata.is_dir() {
        return Err(fail("is a folder, not a file".to_string()));
    }
    let file = std::fs::File::open(path).map_err(|e| fail(describe_io(&e)))?;
    // Sized from the metadata, so a file is read in one go rather than in growing steps.
    let mut bytes = Vec::with_capacity(metadata.len().min(MAX_INPUT_BYTES) as usize + 1);
    // Read one byte past the cap so a file that grows while we read is still caught.
    file.take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes).map_err(|e| fail(describe_io(&e)))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(fail("is larger than 1 MiB; moat reads answer and definition files of at most 1 MiB".to_string()));
    }
    decode(&name, bytes)
}

/// Decode bytes already in memory (embedded definitions, tests) with the same rules.
pub fn decode(name: &str, bytes: Vec<u8>) -> Result<String, Problem> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text)),
        Err(err) => {
            let valid = &err.as_bytes()[..err.utf8_error().valid_up_to()];
            let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
            Err(Problem::new(name, Some(line), "is not valid UTF-8 text (save it as UTF-8)"))
        }
    }
}

fn describe_io(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => format!("cannot be read: {err}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_bom_and_reports_bad_utf8_line() {
        assert_eq!(decode("f", b"\xef\xbb\xbfa: 1".to_vec()).unwrap(), "a: 1");
        let err = decode("f", b"a: 1\nb: \xff\n".to_vec()).unwrap_err();
        assert_eq!(err.line, Some(2));
    }
}
