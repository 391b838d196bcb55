//! The assessments a run knows: the built-ins compiled into the binary, plus any
//! `--assessments DIR` adds or replaces.

use crate::model::definition::{self, Assessment};
use crate::model::problem::Problem;
use std::path::{Path, PathBuf};

/// The built-in definitions; the files in `assessments/` are their single source.
pub const BUILTIN: &[(&str, &str)] = &[
    ("assessments/competitive-advantage.yaml", include_str!("../../assessments/competitive-advantage.yaml")),
    ("assessments/cost-benefit.yaml", include_str!("../../assessments/cost-benefit.yaml")),
];

/// Earlier versions of the built-ins, kept so that answers given under them can still
/// be recognised, compared and (with `--assessments assessments/archive/v1`) scored.
pub const ARCHIVED: &[(&str, &str)] = &[
    (
        "assessments/archive/v1/competitive-advantage.yaml",
        include_str!("../../assessments/archive/v1/competitive-advantage.yaml"),
    ),
    ("assessments/archive/v1/cost-benefit.yaml", include_str!("../../assessments/archive/v1/cost-benefit.yaml")),
];

/// The archived definitions of assessment `id`, any version. They are parsed the first
/// time a file does not fit the current ones, once per run: a `screen` over a batch
/// answered under version 1 asks for every file. An archived file that failed to load
/// would be a build defect (a test loads them all), so it is passed over.
pub fn archived(id: &str) -> impl Iterator<Item = &'static Assessment> + '_ {
    static ARCHIVE: std::sync::OnceLock<Vec<Assessment>> = std::sync::OnceLock::new();
    ARCHIVE
        .get_or_init(|| {
            ARCHIVED
                .iter()
                .filter_map(|(name, source)| definition::load(name, source).ok())
                .map(|loaded| loaded.assessment)
                .collect()
        })
        .iter()
        .filter(move |a| a.id == id)
}

/// Where a definition came from.
#[derive(Debug, Clone, PartialEq)]
pub enum Origin {
    BuiltIn,
    File(String),
}

#[derive(Debug, Clone)]
pub struct Catalog {
    /// Sorted by id: docs/scoring.md 5.1.1 orders definitions by id.
    assessments: Vec<Assessment>,
    /// `origins[i]` is where `assessments[i]` came from.
    origins: Vec<Origin>,
}

/// The definition files among a folder's entries, and a problem for each entry that
/// could not be read: an unreadable entry may be the definition the user meant to add,
/// so it must not vanish without a word (issue 10). A folder named `x.yaml`, or a link
/// to one, is not a definition and is passed over.
fn definition_files(
    dir: &str,
    entries: impl Iterator<Item = std::io::Result<PathBuf>>,
) -> (Vec<PathBuf>, Vec<Problem>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for entry in entries {
        let path = match entry {
            Ok(path) => path,
            Err(e) => {
                problems.push(Problem::new(dir, None, format!("cannot read an entry of the assessments folder: {e}")));
                continue;
            }
        };
        if !matches!(path.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")) {
            continue;
        }
        match std::fs::metadata(&path) {
            Ok(meta) if meta.is_file() => files.push(path),
            Ok(_) => {}
            Err(e) => problems.push(Problem::new(
                &path.display().to_string(),
                None,
                format!("cannot read this assessment definition: {e}"),
            )),
        }
    }
    (files, problems)
}

impl Catalog {
    /// The built-in assessments only.
    pub fn builtin() -> Result<Catalog, Vec<Problem>> {
        let mut entries = Vec::new();
        for (name, source) in BUILTIN {
            let loaded = definition::load(name, source)?;
            entries.push((loaded.assessment, Origin::BuiltIn));
        }
        Ok(Catalog::from_entries(entries))
    }

    /// The built-ins, with every `*.yaml`/`*.yml` in `dir` added (a same-id file replaces the built-in).
    pub fn with_dir(dir: Option<&Path>) -> Result<Catalog, Vec<Problem>> {
        let mut catalog = Catalog::builtin()?;
        let Some(dir) = dir else { return Ok(catalog) };
        let name = dir.display().to_string();
        let listing = std::fs::read_dir(dir)
            .map_err(|e| vec![Problem::new(&name, None, format!("cannot read the assessments folder: {e}"))])?;
        let (mut files, mut problems) = definition_files(&name, listing.map(|entry| entry.map(|e| e.path())));
        files.sort();
        let mut added: Vec<(String, String)> = Vec::new();
        for path in files {
            let file = path.display().to_string();
            let loaded = crate::model::source::read_text(&path)
                .map_err(|p| vec![p])
                .and_then(|source| definition::load(&file, &source));
            match loaded {
                Ok(loaded) => {
                    if let Some((_, first)) = added.iter().find(|(id, _)| *id == loaded.assessment.id) {
                        problems.push(Problem::new(
                            &file,
                            None,
                            format!("assessment id `{}` is also defined in `{first}`", loaded.assessment.id),
                        ));
                        continue;
                    }
                    added.push((loaded.assessment.id.clone(), file.clone()));
                    catalog.insert(loaded.assessment, Origin::File(file));
                }
                Err(mut p) => problems.append(&mut p),
            }
        }
        if problems.is_empty() {
            Ok(catalog)
        } else {
            Err(problems)
        }
    }

    /// This catalog with each built-in named in `versions` replaced by its archived
    /// version, or `None` when one of them has no archived copy of that version.
    pub fn at_versions(&self, versions: &indexmap::IndexMap<String, u32>) -> Option<Catalog> {
        let mut catalog = self.clone();
        for (id, &version) in versions {
            if catalog.get(id).is_some_and(|a| a.version == version) {
                continue;
            }
            if catalog.origin(id) != Some(&Origin::BuiltIn) {
                return None;
            }
            let old = archived(id).find(|a| a.version == version)?;
            catalog.insert(old.clone(), Origin::BuiltIn);
        }
        Some(catalog)
    }

    /// A catalog of exactly these definitions (tests, benchmarks).
    pub fn from_assessments(assessments: Vec<Assessment>) -> Catalog {
        Catalog::from_entries(assessments.into_iter().map(|a| (a, Origin::BuiltIn)).collect())
    }

    fn from_entries(mut entries: Vec<(Assessment, Origin)>) -> Catalog {
        entries.sort_by(|a, b| a.0.id.cmp(&b.0.id));
        let (assessments, origins) = entries.into_iter().unzip();
        Catalog { assessments, origins }
    }

    fn insert(&mut self, assessment: Assessment, origin: Origin) {
        match self.assessments.binary_search_by(|a| a.id.cmp(&assessment.id)) {
            Ok(i) => {
                self.assessments[i] = assessment;
                self.origins[i] = origin;
            }
            Err(i) => {
                self.assessments.insert(i, assessment);
                self.origins.insert(i, origin);
            }
        }
    }

    pub fn get(&self, id: &str) -> Option<&Assessment> {
        self.assessments.iter().find(|a| a.id == id)
    }

    pub fn origin(&self, id: &str) -> Option<&Origin> {
        self.assessments.iter().position(|a| a.id == id).map(|i| &self.origins[i])
    }

    /// Every definition, ordered by id.
    /// Question `question` of assessment `assessment`.
    pub fn question(&self, assessment: &str, question: &str) -> Option<&crate::model::definition::Question> {
        self.get(assessment).and_then(|a| a.question(question))
    }

    pub fn all(&self) -> &[Assessment] {
        &self.assessments
    }

    /// Every dimension id the definitions declare, in order of first declaration.
    pub fn dimension_ids(&self) -> Vec<String> {
        definition::dimension_ids(&self.assessments)
    }

    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.assessments.iter().map(|a| a.id.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_archived_definition_loads_and_is_older_than_the_built_in() {
        let builtin = Catalog::builtin().unwrap();
        for (name, source) in ARCHIVED {
            let loaded = definition::load(name, source).unwrap_or_else(|p| panic!("{name}: {p:?}"));
            let current = builtin.get(&loaded.assessment.id).unwrap();
            assert!(loaded.assessment.version < current.version, "{name}");
            assert_eq!(archived(&loaded.assessment.id).count(), 1, "{name}");
        }
    }

    #[test]
    fn issue_10_unreadable_entries_of_the_assessments_folder_are_reported() {
        let dir = tempfile::tempdir().unwrap();
        let good = dir.path().join("good.yaml");
        std::fs::write(&good, "x").unwrap();
        let entries = vec![
            Ok(good.clone()),
            Err(std::io::Error::other("the disk said no")),
            // A link to nothing, named like a definition.
            Ok(dir.path().join("gone.yaml")),
            Ok(dir.path().join("notes.txt")),
        ];
        let (files, problems) = definition_files("rubrics", entries.into_iter());
        assert_eq!(files, vec![good]);
        let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(shown.len(), 2, "{shown:?}");
        assert!(
            shown[0].starts_with("rubrics: cannot read an entry") && shown[0].contains("the disk said no"),
            "{shown:?}"
        );
        assert!(shown[1].contains("gone.yaml: cannot read this assessment definition"), "{shown:?}");
    }
}
