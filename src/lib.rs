//! moat: a strategy self-assessment for AI (large-model) startups. The library holds
//! every rule; `main.rs` only parses arguments and maps errors to exit codes.

pub mod answers;
pub mod catalog;
pub mod definition;
pub mod error;
pub mod input;
pub mod scoring;
pub mod text;
pub mod yaml;

pub mod render {
    //! placeholder
    #[derive(Debug, thiserror::Error)]
    #[error("render")]
    pub struct RenderError;
}
