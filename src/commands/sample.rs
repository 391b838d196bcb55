//! `moat sample`: write N valid, varied answer files (for trying `screen` and `cohort`).

use super::Global;
use crate::error::Error;
use crate::model::catalog::Catalog;
use std::path::Path;

pub fn run(global: &Global, count: usize, seed: u64, profile: Option<&str>, outdir: &Path) -> Result<(), Error> {
    use rayon::prelude::*;
    let catalog = Catalog::with_dir(global.assessments.as_deref())?;
    if let Some(p) = profile {
        if !catalog.all().iter().any(|a| a.has_profile(p)) {
            let valid: Vec<String> =
                crate::model::definition::profile_ids(catalog.all()).iter().map(|id| format!("`{id}`")).collect();
            return Err(Error::Usage(format!("unknown profile `{p}` (valid: {})", valid.join(", "))));
        }
    }
    if outdir.exists() && !outdir.is_dir() {
        return Err(Error::write(outdir, "it exists and is not a folder"));
    }
    std::fs::create_dir_all(outdir).map_err(|e| Error::write(outdir, e))?;
    let spec = crate::model::sample::SampleSpec { count, seed, profile };
    (0..count).into_par_iter().try_for_each(|i| {
        let file = crate::model::sample::applicant(&catalog, &spec, i);
        let yaml = file.to_yaml().map_err(|e| Error::write(outdir, e.message))?;
        crate::io::write::write_atomic(&outdir.join(crate::model::sample::file_name(i, count)), yaml.as_bytes())
    })?;
    if !global.quiet {
        crate::io::stderr::line(&format!("wrote {count} answer files to {}", outdir.display()));
    }
    Ok(())
}
