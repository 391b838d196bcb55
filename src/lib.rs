//! moat: a strategy self-assessment for AI (large-model) startups. The library holds
//! every rule; `main.rs` only parses arguments and maps errors to exit codes.

pub mod answers;
pub mod app;
pub mod ask;
pub mod catalog;
pub mod cli;
pub mod cohort;
pub mod compare;
pub mod definition;
pub mod error;
pub mod flow;
pub mod fsutil;
pub mod i18n;
pub mod input;
pub mod prompt;
pub mod render;
pub mod report;
pub mod sample;
pub mod scoring;
pub mod screen;
pub mod terminal;
pub mod text;
pub mod yaml;
