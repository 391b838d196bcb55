//! `moat lint`: validate assessment definition files.

use super::shared::{print, warn, Global};
use crate::error::Error;
use crate::model::definition;
use std::path::PathBuf;

pub fn run(global: &Global, files: &[PathBuf]) -> Result<(), Error> {
    let mut problems = Vec::new();
    for path in files {
        let name = path.display().to_string();
        let loaded =
            crate::model::source::read_text(path).map_err(|p| vec![p]).and_then(|s| definition::load(&name, &s));
        match loaded {
            Ok(loaded) => {
                warn(global, &loaded.warnings);
                if !global.quiet {
                    let a = &loaded.assessment;
                    // Through `print`: a closed pipe ends the output, the checks go on (issue 10).
                    print(&format!(
                        "ok: {name} (`{}` v{}: questions {}, sections {}, dimensions {}, metrics {})\n",
                        a.id,
                        a.version,
                        a.questions().count(),
                        a.sections.len(),
                        a.dimensions.len(),
                        a.metrics.len()
                    ))?;
                }
            }
            Err(mut p) => problems.append(&mut p),
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.into())
    }
}
