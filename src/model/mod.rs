//! The model: assessment definitions and answer files, typed and validated once on
//! load, the catalog of assessments a run knows, and sample answer files.

pub mod answers;
pub mod catalog;
pub mod condition;
pub mod definition;
pub mod problem;
pub mod sample;
pub mod source;
pub mod yaml;
