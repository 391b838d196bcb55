//! `moat template`: print or write out a built-in template, to start a custom one (as
//! `mdbook init --theme` does). Without a name, list the templates and what uses them.

use super::shared::print;
use crate::error::Error;
use crate::render::Builtin;
use std::path::PathBuf;

#[derive(Debug, Clone)]
pub struct TemplateJob {
    /// None lists the templates.
    pub template: Option<Builtin>,
    pub output: Option<PathBuf>,
    pub force: bool,
}

pub fn run(job: &TemplateJob) -> Result<(), Error> {
    let Some(template) = job.template else {
        let width = Builtin::ALL.iter().map(|t| t.name().len()).max().unwrap_or(0);
        let mut text = String::from("Built-in templates (print one with `moat template NAME`):\n\n");
        for t in Builtin::ALL {
            text.push_str(&format!("  {:width$}  {}\n", t.name(), t.purpose()));
        }
        return print(&text);
    };
    match &job.output {
        None => print(template.source()),
        Some(path) => {
            // A customised template is work: never replace one without being asked to.
            if !job.force && std::fs::symlink_metadata(path).is_ok() {
                return Err(Error::Usage(format!(
                    "`{}` exists; pass --force to replace it with the built-in `{}` template",
                    path.display(),
                    template.name()
                )));
            }
            crate::io::write::write_atomic(path, template.source().as_bytes())
        }
    }
}
