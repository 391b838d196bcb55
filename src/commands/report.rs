//! `moat report`: score one answers file and render its report (markdown, HTML or JSON).

use super::shared::{print, warn, Format, Global};
use crate::error::Error;
use crate::model::catalog::Catalog;
use crate::render::{self, Builtin, Markup, Renderer};
use crate::text::Lang;
use indexmap::IndexMap;
use std::path::PathBuf;

#[derive(Debug, Clone)]
pub struct ReportJob {
    pub answers: PathBuf,
    pub output: Option<PathBuf>,
    pub format: Format,
    pub template: Option<PathBuf>,
    pub lang: Option<Lang>,
    pub weights: IndexMap<String, f64>,
    /// The one-page applicant brief instead of the strategy report (same data).
    pub brief: bool,
}

pub fn run(global: &Global, job: &ReportJob) -> Result<(), Error> {
    if let Some(output) = &job.output {
        let mut inputs = vec![job.answers.as_path()];
        inputs.extend(job.template.as_deref());
        crate::io::write::guard_inputs(output, &inputs)?;
    }
    let catalog = Catalog::with_dir(global.assessments.as_deref())?;
    // Load the template first, so a broken template fails before any work is done.
    let builtin = if job.brief { Builtin::Brief } else { Builtin::Report };
    let renderer = match job.format {
        Format::Markdown => Some(Renderer::load(job.template.as_deref(), builtin)?),
        Format::Html => Some(Renderer::load(job.template.as_deref(), builtin.as_markup(Markup::Html))?),
        Format::Json => None,
    };
    let loaded = crate::model::answers::load_file(&job.answers, &catalog)?;
    warn(global, &loaded.warnings);
    let text = if job.brief {
        let card = crate::engine::scoring::score(catalog.all(), &loaded.file, &job.weights)?;
        let lang = job.lang.or(loaded.file.lang).unwrap_or_default();
        let brief = crate::engine::report::build_brief(&catalog, &loaded.file, &card, lang);
        match &renderer {
            Some(renderer) => renderer.render(&brief, brief.lang)?,
            None => render::to_json(&brief)?,
        }
    } else {
        let (_, data) =
            crate::engine::report::score_and_build(&catalog, &loaded.file, &loaded.warnings, job.lang, &job.weights)?;
        match &renderer {
            Some(renderer) => renderer.render(&data, data.lang)?,
            None => render::to_json(&data)?,
        }
    };
    match &job.output {
        Some(path) => crate::io::write::write_atomic(path, text.as_bytes()),
        None => print(&text),
    }
}
