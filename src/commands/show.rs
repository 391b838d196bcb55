//! `moat show`: one assessment definition, resolved: an outline to read, or the whole
//! definition as YAML or JSON.

use super::shared::{print, Global};
use crate::error::Error;
use crate::model::catalog::Catalog;
use crate::render;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShowFormat {
    Outline,
    Yaml,
    Json,
}

pub fn run(global: &Global, id: &str, format: ShowFormat, lang: crate::text::Lang) -> Result<(), Error> {
    let catalog = Catalog::with_dir(global.assessments.as_deref())?;
    let Some(assessment) = catalog.get(id) else {
        let known: Vec<String> = catalog.ids().map(|i| format!("`{i}`")).collect();
        return Err(Error::Usage(format!("unknown assessment `{id}` (available: {})", known.join(", "))));
    };
    let text = match format {
        ShowFormat::Outline => render::outline::outline(assessment, lang),
        ShowFormat::Yaml => {
            crate::model::yaml::to_string(assessment).map_err(|e| Error::write(Path::new("stdout"), e.message))?
        }
        ShowFormat::Json => render::to_json(assessment)?,
    };
    print(&text)
}
