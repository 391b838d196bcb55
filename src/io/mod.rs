//! Files and streams: atomic writes, the input folder walk, progress on stderr.

pub mod progress;
pub mod stderr;
pub mod walk;
pub mod write;
