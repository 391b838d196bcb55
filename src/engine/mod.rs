//! The engine: definitions and answers in, a scorecard and the report data out. Pure:
//! no I/O, no terminal, no clock.

pub mod report;
pub mod rules;
pub mod scoring;
