//! What a room's folder holds, sorted into what `cohort` counts: valid files, one per
//! respondent, finished unless asked otherwise. Everything left out is said on stderr,
//! with the file and why; the projected output only counts it (issue 16).

use crate::io::walk::Rejected;
use crate::model::answers::{AnswerFile, Status};
use crate::model::catalog::Catalog;
use std::collections::HashMap;
use std::path::PathBuf;

/// Files with identical answers are one respondent only when they hold at least this
/// many answers (docs/scoring.md M.3): two founders may well give the same few answers.
pub const SAME_ANSWERS_FROM: usize = 10;

/// One answer file that passed `moat check`.
#[derive(Debug, Clone)]
pub struct Entry {
    pub path: PathBuf,
    pub file: AnswerFile,
}

impl Entry {
    pub fn unfinished(&self) -> bool {
        self.file.status == Status::InProgress
    }

    /// How many answers the file holds, over every assessment.
    pub fn answer_count(&self) -> usize {
        self.file.answers.values().map(|a| a.len()).sum()
    }
}

/// Files of one respondent: counted once, from `kept`.
#[derive(Debug, Clone)]
pub struct Duplicates {
    pub kept: PathBuf,
    pub dropped: Vec<PathBuf>,
    /// Why they are one respondent: the shared name, or `None` for identical answers.
    pub name: Option<String>,
}

/// The room after intake.
#[derive(Debug, Default)]
pub struct Intake {
    /// In file order.
    pub included: Vec<Entry>,
    pub rejected: Vec<Rejected>,
    /// Unfinished files left out (none with `--include-unfinished`).
    pub unfinished_left_out: Vec<Entry>,
    pub duplicates: Vec<Duplicates>,
}

/// Load `files` (sorted) and sort them out. `include_unfinished` keeps files marked
/// `status: in_progress`; otherwise they are left out and counted.
pub fn take_in(files: &[PathBuf], catalog: &Catalog, include_unfinished: bool) -> Intake {
    let mut intake = Intake::default();
    let mut valid = Vec::new();
    for path in files {
        match crate::model::answers::load_file(path, catalog) {
            Ok(loaded) => valid.push(Entry { path: path.clone(), file: loaded.file }),
            Err(problems) => intake.rejected.push(Rejected {
                file: path.display().to_string(),
                reasons: problems.iter().map(ToString::to_string).collect(),
            }),
        }
    }
    let (kept, duplicates) = one_per_respondent(valid);
    intake.duplicates = duplicates;
    for entry in kept {
        if entry.unfinished() && !include_unfinished {
            intake.unfinished_left_out.push(entry);
        } else {
            intake.included.push(entry);
        }
    }
    intake
}

/// A respondent's name as duplicates are matched: trimmed, in lower case, inner blanks as one.
pub fn name_key(name: &str) -> Option<String> {
    let key = name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    (!key.is_empty()).then_some(key)
}

/// Group files of one respondent (the same name, or the same answers, docs/scoring.md
/// M.3) and keep one of each group: a finished file over an unfinished one, then the
/// latest `assessed_on` (a dated file over an undated one), then the last by file name.
/// The kept files stay in file order.
fn one_per_respondent(entries: Vec<Entry>) -> (Vec<Entry>, Vec<Duplicates>) {
    // Union-find over the two ways files can belong together.
    let mut parent: Vec<usize> = (0..entries.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let mut by_name: HashMap<String, usize> = HashMap::new();
    let mut by_answers: HashMap<String, usize> = HashMap::new();
    for (i, entry) in entries.iter().enumerate() {
        let mut keys = Vec::new();
        if let Some(key) = entry.file.respondent.name.as_deref().and_then(name_key) {
            keys.push((true, key));
        }
        // A handful of identical answers is two people who agree, not one person twice.
        if entry.answer_count() >= SAME_ANSWERS_FROM {
            if let Ok(json) = serde_json::to_string(&entry.file.answers) {
                keys.push((false, json));
            }
        }
        for (is_name, key) in keys {
            let map = if is_name { &mut by_name } else { &mut by_answers };
            match map.get(&key) {
                Some(&j) => {
                    let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                    parent[a] = b;
                }
                None => {
                    map.insert(key, i);
                }
            }
        }
    }
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_of: HashMap<usize, usize> = HashMap::new();
    for i in 0..entries.len() {
        let r = root(&mut parent, i);
        let g = *group_of.entry(r).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[g].push(i);
    }
    let mut keep = vec![false; entries.len()];
    let mut duplicates = Vec::new();
    for group in &groups {
        let best = group.iter().copied().max_by(|&a, &b| {
            let (x, y) = (&entries[a], &entries[b]);
            (!x.unfinished())
                .cmp(&!y.unfinished())
                .then_with(|| x.file.assessed_on.cmp(&y.file.assessed_on))
                .then_with(|| x.path.cmp(&y.path))
        });
        let Some(best) = best else { continue };
        keep[best] = true;
        if group.len() > 1 {
            let names: Vec<Option<String>> =
                group.iter().map(|&i| entries[i].file.respondent.name.as_deref().and_then(name_key)).collect();
            let shared = names.first().cloned().flatten().filter(|n| names.iter().all(|m| m.as_ref() == Some(n)));
            duplicates.push(Duplicates {
                kept: entries[best].path.clone(),
                dropped: group.iter().filter(|&&i| i != best).map(|&i| entries[i].path.clone()).collect(),
                name: shared.and(entries[best].file.respondent.name.clone()),
            });
        }
    }
    let kept = entries.into_iter().zip(keep).filter_map(|(e, k)| k.then_some(e)).collect();
    (kept, duplicates)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::answers::{Answer, Respondent};
    use indexmap::IndexMap;

    fn entry(path: &str, name: Option<&str>, date: Option<&str>, status: Status, answer: &str) -> Entry {
        let mut answers = IndexMap::new();
        answers.insert("q".to_string(), Answer::choice(answer));
        for i in 1..SAME_ANSWERS_FROM {
            answers.insert(format!("q{i}"), Answer::Number(i as f64));
        }
        let mut file = AnswerFile {
            respondent: Respondent { name: name.map(str::to_string), ..Respondent::default() },
            assessed_on: date.map(str::to_string),
            status,
            ..AnswerFile::default()
        };
        file.answers.insert("a".to_string(), answers);
        Entry { path: PathBuf::from(path), file }
    }

    fn kept_paths(entries: Vec<Entry>) -> (Vec<String>, Vec<Duplicates>) {
        let (kept, dups) = one_per_respondent(entries);
        (kept.iter().map(|e| e.path.display().to_string()).collect(), dups)
    }

    #[test]
    fn the_same_name_in_any_case_is_one_respondent_and_the_latest_date_is_kept() {
        let (kept, dups) = kept_paths(vec![
            entry("a.yaml", Some("Acme  Vision"), Some("2026-11-30"), Status::Complete, "x"),
            entry("b.yaml", Some("acme vision "), Some("2026-11-28"), Status::Complete, "y"),
            entry("c.yaml", Some("Other"), None, Status::Complete, "z"),
        ]);
        assert_eq!(kept, ["a.yaml", "c.yaml"]);
        assert_eq!(dups.len(), 1);
        assert_eq!(dups[0].kept, PathBuf::from("a.yaml"));
        assert_eq!(dups[0].dropped, [PathBuf::from("b.yaml")]);
        assert_eq!(dups[0].name.as_deref(), Some("Acme  Vision"));
    }

    #[test]
    fn identical_answers_are_one_respondent_and_without_dates_the_last_file_is_kept() {
        let (kept, dups) = kept_paths(vec![
            entry("applicant-004 (1).yaml", Some("A"), None, Status::Complete, "same"),
            entry("applicant-004.yaml", Some("B"), None, Status::Complete, "same"),
            entry("z.yaml", None, None, Status::Complete, "other"),
        ]);
        assert_eq!(kept, ["applicant-004.yaml", "z.yaml"], "`applicant-004.yaml` sorts after `applicant-004 (1).yaml`");
        assert_eq!(dups[0].name, None, "matched by their answers, not a name");
    }

    #[test]
    fn a_few_identical_answers_are_two_people_who_agree() {
        let mut a = entry("a.yaml", Some("A"), None, Status::Complete, "same");
        let mut b = entry("b.yaml", Some("B"), None, Status::Complete, "same");
        for e in [&mut a, &mut b] {
            e.file.answers["a"].shift_remove("q1");
        }
        let (kept, dups) = kept_paths(vec![a, b]);
        assert_eq!(kept.len(), 2, "{} answers each", SAME_ANSWERS_FROM - 1);
        assert!(dups.is_empty());
    }

    #[test]
    fn a_finished_file_is_kept_over_a_later_unfinished_one() {
        let (kept, _) = kept_paths(vec![
            entry("a.yaml", Some("Acme"), Some("2026-11-28"), Status::Complete, "x"),
            entry("b.yaml", Some("Acme"), Some("2026-11-29"), Status::InProgress, "y"),
        ]);
        assert_eq!(kept, ["a.yaml"]);
    }

    #[test]
    fn names_and_answers_chain_into_one_group() {
        // a and b share a name, b and c their answers: all three are one respondent.
        let (kept, dups) = kept_paths(vec![
            entry("a.yaml", Some("Acme"), Some("2026-01-01"), Status::Complete, "x"),
            entry("b.yaml", Some("ACME"), Some("2026-01-02"), Status::Complete, "y"),
            entry("c.yaml", Some("Beta"), Some("2026-01-03"), Status::Complete, "y"),
        ]);
        assert_eq!(kept, ["c.yaml"]);
        assert_eq!(dups[0].dropped.len(), 2);
        assert_eq!(dups[0].name, None, "not one shared name");
    }
}
