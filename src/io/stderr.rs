//! Messages on stderr. A stderr that is closed (`moat check dir 2>&- | ...`) has nowhere
//! to report to, so a failed write is dropped rather than a panic, as `eprintln!` would.

use std::io::Write;

/// Write `text` and a line break to stderr, ignoring a closed stream.
pub fn line(text: &str) {
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(text.as_bytes()).and_then(|()| err.write_all(b"\n"));
}
