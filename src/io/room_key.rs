//! The key a workshop room's participant labels are derived from: 16 random bytes kept in
//! the room folder (`DIR/.moat-room-salt`), so the same room gets the same labels on every
//! run, and labels carry no order from names or file names (issue 16).

use crate::error::Error;
pub use crate::io::walk::ROOM_SALT_FILE;
use std::path::{Path, PathBuf};

/// Where the key of a room came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RoomKey {
    /// Read from, or just written to, this file.
    Stored { key: [u8; 16], path: PathBuf },
    /// The folder has no key and none can be written there (a read-only share, a
    /// folder of someone else's): the caller derives one from the room's files.
    Unwritable { path: PathBuf, reason: String },
}

/// The room's key in `dir`: the one kept there, or a new random one written there
/// atomically. A key file that is not one moat wrote is an error (deleting it makes a new
/// room key, and new labels); a folder where no key can be kept is not.
pub fn load_or_create(dir: &Path) -> Result<RoomKey, Error> {
    let path = dir.join(ROOM_SALT_FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => {
            return parse(&text).map(|key| RoomKey::Stored { key, path: path.clone() }).ok_or_else(|| bad(&path))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Ok(RoomKey::Unwritable { reason: format!("cannot read it: {e}"), path }),
    }
    let mut key = [0u8; 16];
    if let Err(e) = getrandom::fill(&mut key) {
        return Ok(RoomKey::Unwritable { reason: format!("no random numbers from the system: {e}"), path });
    }
    let text =
        format!("{}\n# moat cohort: the key of this room's participant labels. Delete it for new labels.\n", hex(&key));
    if let Err(e) = crate::io::write::write_atomic(&path, text.as_bytes()) {
        let reason = match e {
            Error::Write { reason, .. } => reason,
            other => other.to_string(),
        };
        return Ok(RoomKey::Unwritable { path, reason });
    }
    // Two runs at once may both have written a key: the one on disk now is the room's.
    match std::fs::read_to_string(&path).ok().and_then(|t| parse(&t)) {
        Some(on_disk) => Ok(RoomKey::Stored { key: on_disk, path }),
        None => Ok(RoomKey::Stored { key, path }),
    }
}

fn bad(path: &Path) -> Error {
    Error::Usage(format!(
        "`{}` is not a room key moat wrote (32 hexadecimal digits on the first line); delete it and moat makes a new one (the participants' labels change)",
        path.display()
    ))
}

/// The key on the first line: 32 hexadecimal digits.
fn parse(text: &str) -> Option<[u8; 16]> {
    let line = text.lines().next()?.trim();
    if line.len() != 32 || !line.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let mut key = [0u8; 16];
    for (i, byte) in key.iter_mut().enumerate() {
        *byte = u8::from_str_radix(line.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(key)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_room_gets_a_key_that_the_next_run_reads_back() {
        let dir = tempfile::tempdir().unwrap();
        let RoomKey::Stored { key, path } = load_or_create(dir.path()).unwrap() else { panic!("not stored") };
        assert_eq!(path, dir.path().join(ROOM_SALT_FILE));
        assert_ne!(key, [0; 16]);
        assert_eq!(load_or_create(dir.path()).unwrap(), RoomKey::Stored { key, path });
        let other = tempfile::tempdir().unwrap();
        let RoomKey::Stored { key: second, .. } = load_or_create(other.path()).unwrap() else { panic!() };
        assert_ne!(key, second, "each room has its own key");
    }

    #[test]
    fn a_key_file_moat_did_not_write_is_refused_with_what_to_do() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(ROOM_SALT_FILE), "hello\n").unwrap();
        let err = load_or_create(dir.path()).unwrap_err();
        assert!(err.to_string().contains("is not a room key moat wrote"), "{err}");
        assert_eq!(
            parse("00112233445566778899aabbccddeeff\n# note"),
            Some([0, 17, 34, 51, 68, 85, 102, 119, 136, 153, 170, 187, 204, 221, 238, 255])
        );
    }

    #[test]
    fn a_missing_folder_is_unwritable_not_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let gone = dir.path().join("nope");
        assert!(matches!(load_or_create(&gone).unwrap(), RoomKey::Unwritable { .. }));
    }
}
