//! Writing output files without ever leaving half of one: a temp file in the same
//! folder, synced, then renamed over the target.

use crate::error::Error;
use std::io::Write;
use std::path::Path;

/// Write `bytes` to `path` atomically: readers see the old file or the new one, never a part.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    write_replacing(path, bytes, true)
}

/// Like [`write_atomic`], but without the per-file fsync: for a batch of thousands of
/// files (`screen`), which then calls [`sync_folder`] once. Until then a crash can lose
/// the newest files, but never leave a half-written one under its final name. (On Linux;
/// elsewhere each file is still synced before its rename, see `sync_batched`.)
pub fn write_atomic_batched(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    write_replacing(path, bytes, false)
}

/// Refuse to write `output` over one of the command's own inputs (`-o answers.yaml` on
/// `report answers.yaml` would replace the answers with the report).
pub fn guard_inputs(output: &Path, inputs: &[&Path]) -> Result<(), Error> {
    for input in inputs {
        if same_file(output, input) {
            return Err(Error::Usage(format!(
                "`{}` is also an input of this command; writing there would destroy it (choose another output)",
                output.display()
            )));
        }
    }
    Ok(())
}

/// Whether two paths name one file (the same path, or the same file through links).
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// Flush everything written to the filesystem that holds `dir` (one `syncfs`). Elsewhere
/// than Linux there is no `syncfs`: this syncs the folder itself, which makes the renames
/// durable, and `sync_batched` has already synced each file's data.
pub fn sync_folder(dir: &Path) -> Result<(), Error> {
    let folder = std::fs::File::open(dir).map_err(|e| Error::write(dir, describe(&e)))?;
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        // SAFETY: `folder` is an open file descriptor for the whole call.
        if unsafe { libc::syncfs(folder.as_raw_fd()) } != 0 {
            return Err(Error::write(dir, describe(&std::io::Error::last_os_error())));
        }
        Ok(())
    }
    #[cfg(not(target_os = "linux"))]
    {
        folder.sync_all().map_err(|e| Error::write(dir, describe(&e)))
    }
}

/// Like [`write_atomic`], for output produced piece by piece (the leaderboard and CSV of a
/// large batch): `write` streams into the temp file, so the whole text is never in memory.
pub fn write_atomic_streamed(
    path: &Path,
    write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> Result<(), Error> {
    write_with(path, true, |out| write(out).map_err(|e| Error::write(path, describe(&e))))
}

/// Like [`write_atomic_batched`], for output rendered straight into the file (a report of
/// `screen`). `write` says what went wrong in its own words; the temp file is dropped then.
pub fn write_atomic_batched_streamed(
    path: &Path,
    write: impl FnOnce(&mut dyn std::io::Write) -> Result<(), Error>,
) -> Result<(), Error> {
    write_with(path, false, write)
}

fn write_replacing(path: &Path, bytes: &[u8], sync: bool) -> Result<(), Error> {
    write_with(path, sync, |out| out.write_all(bytes).map_err(|e| Error::write(path, describe(&e))))
}

fn write_with(
    path: &Path,
    sync: bool,
    write: impl FnOnce(&mut dyn std::io::Write) -> Result<(), Error>,
) -> Result<(), Error> {
    // A device, a pipe or a link to one (`-o /dev/null`, `-o /dev/stdout`, a FIFO) is
    // written into as it is: renaming a temp file over it would replace the device with
    // a regular file (issue 13). Only single-file writes look: a batch writes into files
    // it names itself, and each look is a system call.
    if sync {
        if let Ok(meta) = std::fs::metadata(path) {
            if !meta.is_file() && !meta.is_dir() {
                return write_into_special(path, write);
            }
        }
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    // The folder and the target are looked at only when something fails, to say why:
    // `screen` writes thousands of files, and each check is a system call.
    let mut tmp = new_temp_file(dir).map_err(|e| match dir.is_dir() {
        false => Error::write(path, format!("the folder `{}` does not exist", dir.display())),
        true => Error::write(path, format!("cannot create a file in `{}`: {}", dir.display(), describe(&e))),
    })?;
    {
        // Buffered: a rendered report arrives in many small writes.
        let mut buffered = std::io::BufWriter::with_capacity(64 * 1024, tmp.as_file_mut());
        write(&mut buffered)?;
        buffered.flush().map_err(|e| Error::write(path, describe(&e)))?;
    }
    keep_permissions(path, tmp.as_file())?;
    if sync {
        tmp.as_file().sync_all().map_err(|e| Error::write(path, describe(&e)))?;
    } else {
        sync_batched(tmp.as_file()).map_err(|e| Error::write(path, describe(&e)))?;
    }
    tmp.persist(path).map_err(|e| Error::write(path, describe(&e.error)))?;
    // Make the rename itself durable; a folder that cannot be opened just skips this.
    if sync {
        if let Ok(folder) = std::fs::File::open(dir) {
            let _ = folder.sync_all();
        }
    }
    Ok(())
}

/// Write straight into a device or pipe, which has no "half-written" state to avoid.
fn write_into_special(
    path: &Path,
    write: impl FnOnce(&mut dyn std::io::Write) -> Result<(), Error>,
) -> Result<(), Error> {
    let file = std::fs::OpenOptions::new().write(true).open(path).map_err(|e| Error::write(path, describe(&e)))?;
    let mut buffered = std::io::BufWriter::with_capacity(64 * 1024, file);
    write(&mut buffered)?;
    buffered.flush().map_err(|e| Error::write(path, describe(&e)))
}

/// A batched file's step before its rename. On Linux: ask the kernel to start writing
/// `file` to disk now, without waiting, so a batch's reports reach the disk while later
/// ones are computed and the one [`sync_folder`] (`syncfs`) at the end has little left
/// to do. Elsewhere [`sync_folder`] can flush only the folder, not the files' data, so a
/// rename could become durable before the bytes it names (a crash would leave an empty
/// or torn report under its final name): the file is synced here (issue 10).
///
/// The non-Linux branch cannot run on the Linux machines moat is tested on: it was
/// checked only by compiling this file with the `cfg` conditions flipped.
fn sync_batched(file: &std::fs::File) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        // SAFETY: `file` is an open descriptor for the whole call; the call only schedules I/O.
        // Its result is ignored: it is a hint, and the final `syncfs` reports real failures.
        unsafe {
            libc::sync_file_range(file.as_raw_fd(), 0, 0, libc::SYNC_FILE_RANGE_WRITE);
        }
        Ok(())
    }
    #[cfg(not(target_os = "linux"))]
    {
        file.sync_all()
    }
}

/// A temp file beside the target, readable by all as a new file is (0644 less the umask).
fn new_temp_file(dir: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".moat-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    builder.tempfile_in(dir)
}

/// Replacing a file keeps its mode (a report someone made read-only for others stays so).
/// The one look at the target also refuses a folder, or a link to one, which the rename
/// would otherwise replace.
fn keep_permissions(path: &Path, file: &std::fs::File) -> Result<(), Error> {
    match std::fs::metadata(path) {
        Ok(existing) if existing.is_dir() => Err(Error::write(path, "it is a folder")),
        Ok(existing) => {
            let _ = file.set_permissions(existing.permissions());
            Ok(())
        }
        Err(_) => Ok(()),
    }
}

fn describe(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::PermissionDenied => "permission denied (is it read-only?)".to_string(),
        _ => err.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_replace_and_leave_no_temp_files() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.md");
        write_atomic(&target, b"one").unwrap();
        write_atomic(&target, b"two").unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "two");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_missing_folder_is_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        let err = write_atomic(&dir.path().join("nope/out.md"), b"x").unwrap_err();
        assert!(err.to_string().contains("does not exist"), "{err}");
    }
}
