//! moat: a strategy self-assessment for AI (large-model) startups. The library holds
//! every rule; `main.rs` only parses arguments and maps errors to exit codes.
//!
//! Data flows one way, and the modules are layered the same way (each imports only
//! from the layers above it in this list):
//!
//! - [`text`]: languages, the fixed words moat prints, number formatting.
//! - [`model`]: assessment definitions, answer files, the catalog, `when` conditions,
//!   and every YAML call. Loading validates once; nothing downstream re-checks.
//! - [`engine`]: the pure scoring engine (`docs/scoring.md`) and the report data built
//!   from its result.
//! - [`render`]: templates, markdown escaping, leaderboard and CSV writers.
//! - [`io`]: writing files atomically, walking input folders, progress on stderr.
//! - [`commands`]: one module per command, each owning its job; `ask` with its flow,
//!   prompter and terminal. [`cli`] turns the command line into a [`commands::Command`].

pub mod cli;
pub mod commands;
pub mod engine;
pub mod error;
pub mod io;
pub mod model;
pub mod render;
pub mod text;
