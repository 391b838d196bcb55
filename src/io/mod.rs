//! Files and streams: atomic writes, the input folder walk, progress on stderr, a room's key.

pub mod progress;
pub mod room_key;
pub mod stderr;
pub mod walk;
pub mod write;
