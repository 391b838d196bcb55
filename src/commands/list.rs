//! `moat list`: the assessments a run knows, built-in and from `--assessments`.

use super::shared::{print, Global};
use crate::error::Error;
use crate::model::catalog::{Catalog, Origin};
use crate::text::Lang;

pub fn run(global: &Global, lang: Lang) -> Result<(), Error> {
    let catalog = Catalog::with_dir(global.assessments.as_deref())?;
    let mut out = String::new();
    let width = catalog.ids().map(str::len).max().unwrap_or(2).max(2);
    out.push_str(&format!("{:width$}  {:>7}  {:>9}  {:<24}  source\n", "id", "version", "questions", "title"));
    for a in catalog.all() {
        let origin = match catalog.origin(&a.id) {
            Some(Origin::File(path)) => path.clone(),
            _ => "built-in".to_string(),
        };
        out.push_str(&format!(
            "{:width$}  {:>7}  {:>9}  {:<24}  {origin}\n",
            a.id,
            a.version,
            a.questions().count(),
            a.title.get(lang)
        ));
    }
    print(&out)
}
