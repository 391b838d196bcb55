//! `ANSWERS.lock`: one `moat ask` session per answers file, so that two sessions never
//! write one file. The lock is an OS file lock (`flock`) on the lock file, held for the
//! whole session, with the owner's process id in the file to name it in the refusal.
//!
//! Why `flock` and not "create the file, then check its pid" (issue 10 and issue 13
//! item 6): with a pid file, the pid is written after the file is created, so a second
//! session could read an empty file and call it stale; and two sessions that both found
//! a stale file could each delete the other's fresh one. The kernel drops a `flock`
//! when its process dies however it dies (`kill -9` included), so a stale lock is simply
//! one nobody holds, and taking it over is the same atomic call as taking a free one.

use crate::error::Error;
use std::path::{Path, PathBuf};

/// Held for the session; dropping it releases the lock and removes the file.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
    #[cfg(unix)]
    _file: std::fs::File,
}

/// `answers.yaml` → `answers.yaml.lock`.
pub fn lock_path(answers: &Path) -> PathBuf {
    let mut name = answers.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

impl Lock {
    /// Take the lock for `answers`, or refuse with a message naming the lock file and the
    /// process that holds it.
    #[cfg(unix)]
    pub fn acquire(answers: &Path) -> Result<Lock, Error> {
        use std::io::Write;
        use std::os::fd::AsRawFd;
        use std::os::unix::fs::MetadataExt;
        let path = lock_path(answers);
        // The holder removes the file when it is done, so the file we opened may be
        // unlinked by the time we hold its lock; then try again on the new file. A few
        // rounds are plenty: each failure means another session finished meanwhile.
        for _ in 0..16 {
            let mut file = std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&path)
                .map_err(|e| Error::write(&path, e))?;
            // SAFETY: `file` is an open descriptor for the whole call.
            if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } != 0 {
                let err = std::io::Error::last_os_error();
                if err.raw_os_error() == Some(libc::EWOULDBLOCK) {
                    return Err(held_elsewhere(answers, &path));
                }
                return Err(Error::write(&path, format!("cannot lock it: {err}")));
            }
            // We hold a lock on the file we opened; it counts only if that file is still
            // the one at `path` (a holder removes the file while it still holds the lock,
            // so once the check passes no one else can remove it).
            let ours = file.metadata().map_err(|e| Error::write(&path, e))?;
            match std::fs::metadata(&path) {
                Ok(now) if (now.dev(), now.ino()) == (ours.dev(), ours.ino()) => {}
                _ => continue,
            }
            // A stale owner's pid may still be in the file: replace it.
            file.set_len(0)
                .and_then(|()| writeln!(file, "{}", std::process::id()))
                .map_err(|e| Error::write(&path, e))?;
            return Ok(Lock { path, _file: file });
        }
        Err(Error::write(&path, "the lock file keeps being replaced; is another session starting?"))
    }

    /// Without `flock`: create the file or refuse. A crashed session's file must then be
    /// deleted by hand, which the message says.
    #[cfg(not(unix))]
    pub fn acquire(answers: &Path) -> Result<Lock, Error> {
        use std::io::Write;
        let path = lock_path(answers);
        match std::fs::OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(mut file) => {
                let _ = writeln!(file, "{}", std::process::id());
                Ok(Lock { path })
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(held_elsewhere(answers, &path)),
            Err(e) => Err(Error::write(&path, e)),
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Removed while still locked (the file closes after this), so that a session
        // which opened it meanwhile sees the file gone and starts over.
        let _ = std::fs::remove_file(&self.path);
    }
}

/// The refusal. The holder writes its pid just after taking the lock, so a session that
/// arrives in between may find the file empty (or an older pid): wait briefly for a live pid.
fn held_elsewhere(answers: &Path, path: &Path) -> Error {
    let mut owner = None;
    for _ in 0..50 {
        // A file gone means its holder just finished: no one to name.
        let Ok(text) = std::fs::read_to_string(path) else { break };
        owner = text.trim().parse::<u32>().ok().filter(|&pid| process_alive(pid));
        if owner.is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let who =
        owner.map_or_else(|| "another `moat ask`".to_string(), |pid| format!("another `moat ask` (process {pid})"));
    let hint =
        if cfg!(unix) { String::new() } else { format!("; if no such session exists, delete `{}`", path.display()) };
    Error::write(
        answers,
        format!("{who} has it open (lock file `{}`); finish or stop that session first{hint}", path.display()),
    )
}

fn process_alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else { return false };
        // SAFETY: signal 0 only asks whether the process exists; nothing is sent.
        let result = unsafe { libc::kill(pid, 0) };
        result == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn issue_10_two_racing_sessions_never_both_hold_the_lock() {
        let dir = tempfile::tempdir().unwrap();
        let answers = dir.path().join("answers.yaml");
        for round in 0..200 {
            let barrier = std::sync::Barrier::new(2);
            let (a, b) = std::thread::scope(|s| {
                let attempt = || {
                    barrier.wait();
                    Lock::acquire(&answers)
                };
                let a = s.spawn(attempt);
                let b = s.spawn(attempt);
                (a.join().unwrap(), b.join().unwrap())
            });
            let (won, lost) = match (a, b) {
                (Ok(won), Err(lost)) | (Err(lost), Ok(won)) => (won, lost),
                (a, b) => panic!("round {round}: exactly one must win, got {a:?} and {b:?}"),
            };
            let message = lost.to_string();
            assert!(message.contains(&format!("process {}", std::process::id())), "round {round}: {message}");
            assert!(message.contains("answers.yaml.lock"), "round {round}: {message}");
            drop(won);
            assert!(!lock_path(&answers).exists(), "round {round}: the lock file is removed");
        }
    }

    #[test]
    fn issue_10_sessions_that_come_and_go_never_overlap() {
        // Many sessions take and release the lock at once; a counter of holders checks
        // that no two ever held it together (the unlink-on-release race).
        let dir = tempfile::tempdir().unwrap();
        let answers = dir.path().join("answers.yaml");
        let holders = std::sync::atomic::AtomicUsize::new(0);
        let wins = std::sync::atomic::AtomicUsize::new(0);
        std::thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(|| {
                    for _ in 0..300 {
                        if let Ok(lock) = Lock::acquire(&answers) {
                            let before = holders.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                            assert_eq!(before, 0, "two sessions held the lock at once");
                            wins.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                            holders.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
                            drop(lock);
                        }
                    }
                });
            }
        });
        assert!(wins.load(std::sync::atomic::Ordering::SeqCst) > 0);
    }

    #[test]
    fn issue_10_a_lock_left_by_a_dead_process_is_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let answers = dir.path().join("answers.yaml");
        // A pid that surely belongs to no process any more: a child we started and reaped.
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let dead = child.id();
        child.wait().unwrap();
        std::fs::write(lock_path(&answers), format!("{dead}\n")).unwrap();
        let lock = Lock::acquire(&answers).unwrap();
        assert_eq!(std::fs::read_to_string(lock_path(&answers)).unwrap(), format!("{}\n", std::process::id()));
        // An empty file (a session killed before it wrote its pid) is free too.
        drop(lock);
        std::fs::write(lock_path(&answers), "").unwrap();
        drop(Lock::acquire(&answers).unwrap());
    }
}
