//! `moat lint`: validate assessment definition files.

use super::shared::{print, warn, Global};
use crate::error::Error;
use crate::model::definition;
use std::path::PathBuf;

/// `strict`: a warning fails the run too (the built-ins are held to it).
pub fn run(global: &Global, files: &[PathBuf], strict: bool) -> Result<(), Error> {
    let mut problems = Vec::new();
    let mut warnings = 0;
    for path in files {
        let name = path.display().to_string();
        let loaded =
            crate::model::source::read_text(path).map_err(|p| vec![p]).and_then(|s| definition::load(&name, &s));
        match loaded {
            Ok(loaded) => {
                warn(global, &loaded.warnings);
                warnings += loaded.warnings.len();
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
    if !problems.is_empty() {
        return Err(problems.into());
    }
    if strict && warnings > 0 {
        return Err(Error::StrictWarnings(warnings));
    }
    Ok(())
}
