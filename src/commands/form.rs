//! `moat form`: write the web form, one self-contained HTML page that asks the questions
//! of the chosen assessments and gives the answers file at the end (`render::form`).

use super::shared::{chosen_assessments, print, Global};
use crate::error::Error;
use crate::model::catalog::Catalog;
use crate::text::Lang;
use std::path::PathBuf;

#[derive(Debug, Clone)]
pub struct FormJob {
    /// Assessment ids; none means every assessment, as `ask` asks them.
    pub assessments: Vec<String>,
    /// Where to write the page; stdout when `None`.
    pub output: Option<PathBuf>,
    /// The language the page opens in (it can switch when the definitions have both).
    pub lang: Lang,
}

pub fn run(global: &Global, job: &FormJob) -> Result<(), Error> {
    let catalog = Catalog::with_dir(global.assessments.as_deref())?;
    let assessments = chosen_assessments(&catalog, &job.assessments)?;
    let html = crate::render::form::page(&assessments, job.lang)?;
    match &job.output {
        Some(path) => {
            crate::io::write::write_atomic(path, html.as_bytes())?;
            if !global.quiet {
                let count: usize = assessments.iter().map(|a| a.questions().count()).sum();
                crate::io::stderr::line(&format!(
                    "wrote {} ({count} questions); open it in a browser, or put it on any web host: it loads nothing from anywhere",
                    path.display()
                ));
            }
            Ok(())
        }
        None => print(&html),
    }
}
