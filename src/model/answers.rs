//! Answer files (the format in README, "The files"): the typed model, the loader that checks every answer
//! against its question, and the writer `ask` autosaves with. Answers typed at a prompt
//! go through [`check_answer`] too, so both paths share every rule.

use crate::model::catalog::Catalog;
use crate::model::definition::{kind_name, Assessment, Kind, Question};
use crate::model::problem::Problem;
use crate::model::yaml::{self, LineIndex, Node, Seg};
use crate::path;
use crate::text::number::format_number;
use crate::text::Lang;
use indexmap::IndexMap;
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Deserialize, Serialize, Serializer};

/// The answer-file format version this moat reads and writes.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Respondent {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sector: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    #[default]
    Complete,
    InProgress,
}

/// What backs a strong answer (docs/scoring.md 5 (evidence)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Evidence {
    /// A metric, contract, customer or public artefact someone outside could check.
    Verifiable,
    /// An internal written record.
    Document,
    /// The founder's word.
    Assertion,
}

impl Evidence {
    pub const ALL: [Evidence; 3] = [Evidence::Verifiable, Evidence::Document, Evidence::Assertion];

    pub fn as_str(self) -> &'static str {
        match self {
            Evidence::Verifiable => "verifiable",
            Evidence::Document => "document",
            Evidence::Assertion => "assertion",
        }
    }

    fn parse(s: &str) -> Option<Evidence> {
        Evidence::ALL.into_iter().find(|e| e.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    Choice { option: String, evidence: Option<Evidence>, note: Option<String> },
    Multi(Vec<String>),
    Number(f64),
    Text(String),
}

impl Answer {
    pub fn choice(option: &str) -> Answer {
        Answer::Choice { option: option.to_string(), evidence: None, note: None }
    }
}

impl Serialize for Answer {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Answer::Choice { option, evidence: None, note: None } => serializer.serialize_str(option),
            Answer::Choice { option, evidence, note } => {
                let mut map = serializer.serialize_map(None)?;
                map.serialize_entry("choice", option)?;
                if let Some(e) = evidence {
                    map.serialize_entry("evidence", e.as_str())?;
                }
                if let Some(n) = note {
                    map.serialize_entry("note", n)?;
                }
                map.end()
            }
            Answer::Multi(ids) => {
                let mut seq = serializer.serialize_seq(Some(ids.len()))?;
                for id in ids {
                    seq.serialize_element(id)?;
                }
                seq.end()
            }
            Answer::Number(n) if n.fract() == 0.0 && n.abs() < 9.0e15 => serializer.serialize_i64(*n as i64),
            Answer::Number(n) => serializer.serialize_f64(*n),
            Answer::Text(t) => serializer.serialize_str(t),
        }
    }
}

/// One founder's answers: the respondent block and the answers grouped by assessment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnswerFile {
    pub moat: u32,
    pub respondent: Respondent,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assessed_on: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<Lang>,
    pub status: Status,
    /// The version of each assessment the answers were given to (written by `ask`), so
    /// `compare` can say when two files were answered under different versions.
    #[serde(skip_serializing_if = "IndexMap::is_empty")]
    pub versions: IndexMap<String, u32>,
    /// Assessment id to (question id to answer), in file order. Unanswered questions are absent.
    pub answers: IndexMap<String, IndexMap<String, Answer>>,
}

impl Default for AnswerFile {
    fn default() -> Self {
        AnswerFile {
            moat: FORMAT_VERSION,
            respondent: Respondent::default(),
            assessed_on: None,
            lang: None,
            status: Status::default(),
            versions: IndexMap::new(),
            answers: IndexMap::new(),
        }
    }
}

impl AnswerFile {
    pub fn answer(&self, assessment: &str, question: &str) -> Option<&Answer> {
        self.answers.get(assessment).and_then(|a| a.get(question))
    }

    /// Whether the file answers at least one question of any assessment. Unanswered
    /// questions (absent, or left empty) are not kept, so an assessment listed with
    /// nothing under it answers none.
    pub fn has_answers(&self) -> bool {
        self.answers.values().any(|answers| !answers.is_empty())
    }

    /// The file as YAML, as `ask` saves it.
    pub fn to_yaml(&self) -> Result<String, yaml::SyntaxError> {
        yaml::to_string(self)
    }
}

/// A loaded answer file and the warnings its checks raised (answers that do not apply).
#[derive(Debug)]
pub struct Loaded {
    pub file: AnswerFile,
    pub warnings: Vec<Problem>,
}

/// Parse `source` (the contents of the file `name`) and check it against `catalog`.
pub fn load(name: &str, source: &str, catalog: &Catalog) -> Result<Loaded, Vec<Problem>> {
    let parsed = parse(name, source, catalog)?;
    if !parsed.reader.problems.is_empty() {
        return Err(parsed.rejection(name));
    }
    Ok(parsed.finish(catalog))
}

/// An assessment the file was written for in a version other than the catalog's.
#[derive(Debug, Clone, PartialEq)]
pub struct VersionChange {
    pub assessment: String,
    /// The version the file was written for.
    pub written: u32,
    /// The catalog's version.
    pub current: u32,
}

/// An earlier version's answers, read for `moat ask --revise`: the answers that still fit
/// the current questions, and what was left out.
#[derive(Debug)]
pub struct Revision {
    pub loaded: Loaded,
    /// The assessments the file was written for in another version.
    pub versions: Vec<VersionChange>,
    /// What was left out, one line each (the question and why).
    pub left_out: Vec<String>,
}

/// Like [`load`], but a file written for another version of an assessment is accepted:
/// its answers that do not fit the current questions are left out and listed. Any other
/// problem still rejects the file.
pub fn load_for_revision(name: &str, source: &str, catalog: &Catalog) -> Result<Revision, Vec<Problem>> {
    let mut parsed = parse(name, source, catalog)?;
    let stale = |assessment: &str| parsed.written_for.iter().any(|v| v.assessment == assessment);
    let migratable = parsed.reader.answer_problems.len() == parsed.reader.problems.len()
        && parsed.reader.answer_problems.iter().all(|a| stale(a));
    if !parsed.reader.problems.is_empty() && !migratable {
        return Err(parsed.rejection(name));
    }
    let left_out = parsed.reader.problems.drain(..).map(|p| p.message).collect();
    let versions = parsed.written_for.clone();
    for v in &versions {
        parsed.file.versions.insert(v.assessment.clone(), v.current);
    }
    Ok(Revision { loaded: parsed.finish(catalog), versions, left_out })
}

/// The assessments of `source` written for a version other than `catalog`'s. A file that records its versions
/// is taken at its word; one that records none, and answers questions the current
/// version does not ask, is matched against the archived versions (an example or a
/// hand-written file). Empty when the file cannot be parsed at all.
pub fn written_for(name: &str, source: &str, catalog: &Catalog) -> Vec<VersionChange> {
    parse(name, source, catalog).map(|p| p.written_for).unwrap_or_default()
}

/// One message for every assessment the file was written for in another version.
fn version_mismatch(versions: &[VersionChange], name: &str) -> String {
    let each: Vec<String> =
        versions.iter().map(|v| format!("`{}` version {} (moat has {})", v.assessment, v.written, v.current)).collect();
    let archived: Vec<String> = versions
        .iter()
        .filter(|v| v.written < v.current)
        .map(|v| format!("assessments/archive/v{}", v.written))
        .collect();
    let mut text = format!(
        "was written for {}, whose questions differ (the errors below name the answers that no longer fit); \
         `moat ask --revise {name}` walks the current questions with the answers that still fit preselected",
        each.join(" and ")
    );
    if let Some(dir) = archived.first() {
        text.push_str(&format!(", or score it as written with `--assessments {dir}` (a folder of moat's repository)"));
    }
    text
}

/// A file read against a catalog, before its problems are judged.
struct Parsed<'a> {
    file: AnswerFile,
    reader: Reader<'a>,
    written_for: Vec<VersionChange>,
}

fn parse<'a>(name: &'a str, source: &'a str, catalog: &Catalog) -> Result<Parsed<'a>, Vec<Problem>> {
    let node = match yaml::parse_node(source) {
        Ok(Node::Map(entries)) => Node::Map(entries),
        // A report passed where its answers belong (issue 14: `moat report moat-report.md`
        // answered with a YAML syntax error). Only a file that is not an answers file at
        // all is judged by its look: a YAML comment also starts with `# `.
        Ok(_) | Err(_) if looks_like_report(source) => return Err(vec![Problem::new(name, None, REPORT_NOT_ANSWERS)]),
        Ok(other) => other,
        Err(e) => return Err(vec![Problem::new(name, e.line, e.message)]),
    };
    let mut reader = Reader {
        file: name,
        lines: LineIndex::new(source),
        problems: Vec::new(),
        answered: IndexMap::new(),
        answer_problems: Vec::new(),
    };
    let file = reader.read(node, catalog);
    let written_for = versions_written_for(&file, &reader, catalog);
    Ok(Parsed { file, reader, written_for })
}

const REPORT_NOT_ANSWERS: &str = "this looks like a report or a page moat wrote (markdown or HTML), not an \
     answers file: pass the answers file (.yaml) it was written from; `moat ask` saves moat-answers.yaml, or the \
     name given with -o, beside its report";

/// A moat report, or any markdown or HTML page: a heading on its first line and another
/// heading or a table below, or an HTML document.
fn looks_like_report(source: &str) -> bool {
    let start = source.trim_start_matches('\u{feff}').trim_start();
    let lower: String = start.chars().take(15).collect::<String>().to_ascii_lowercase();
    if lower.starts_with("<!doctype html") || lower.starts_with("<html") {
        return true;
    }
    let mut lines = start.lines();
    lines.next().is_some_and(|first| first.starts_with("# "))
        && lines.any(|l| l.starts_with("## ") || l.starts_with("| "))
}

impl Parsed<'_> {
    /// The problems that reject the file, by line, with the version it was written for
    /// said first when that explains them.
    fn rejection(mut self, name: &str) -> Vec<Problem> {
        self.reader.problems.sort_by_key(|p| p.line);
        // Answers to questions another version asks: say why, before the details.
        if let Some(first) = self.written_for.first() {
            let line = self.version_line(&first.assessment);
            self.reader.problems.insert(0, Problem::new(name, line, version_mismatch(&self.written_for, name)));
        }
        self.reader.problems
    }

    fn version_line(&self, id: &str) -> Option<usize> {
        let line = self.reader.lines.line_of(&path!["versions", id]);
        line.or_else(|| self.reader.lines.line_of(&path!["answers", id]))
    }

    /// The checked file with its warnings: answers that do not apply, and versions that
    /// differ but still fit.
    fn finish(self, catalog: &Catalog) -> Loaded {
        let Parsed { file, reader, written_for } = self;
        let mut warnings: Vec<Problem> = inapplicable_answers(&file, catalog)
            .into_iter()
            .map(|(assessment, question, on)| {
                let line = reader.lines.line_of(&path!["answers", assessment.as_str(), question.as_str()]);
                Problem::new(
                    reader.file,
                    line,
                    format!("question `{question}` does not apply (its condition on `{on}` is not met), so its answer is ignored"),
                )
            })
            .collect();
        for VersionChange { assessment: id, written, current } in written_for {
            if file.versions.get(&id) == Some(&current) {
                continue; // a revision, now written for the current version
            }
            let line = reader.lines.line_of(&path!["versions", id.as_str()]);
            let consequence = if written < current {
                format!("questions added in version {current} count as unanswered")
            } else {
                "this moat is older than the rubric the file was written for".to_string()
            };
            warnings.push(Problem::new(
                reader.file,
                line,
                format!("was written for `{id}` version {written} and is scored with version {current}: {consequence}"),
            ));
        }
        Loaded { file, warnings }
    }
}

/// See [`written_for`].
fn versions_written_for(file: &AnswerFile, reader: &Reader, catalog: &Catalog) -> Vec<VersionChange> {
    let mut out = Vec::new();
    for id in reader.answered.keys() {
        let Some(current) = catalog.get(id).map(|a| a.version) else { continue };
        if let Some(&written) = file.versions.get(id) {
            if written != current {
                out.push(VersionChange { assessment: id.clone(), written, current });
            }
            continue;
        }
        // No version recorded: only a file that answers questions this version lacks
        // is looked up, and only a version that knows every one of them matches.
        let asked = &reader.answered[id];
        if asked.iter().all(|q| catalog.question(id, q).is_some()) {
            continue;
        }
        let matching = crate::model::catalog::archived(id)
            .filter(|old| old.version != current && asked.iter().all(|q| old.question(q).is_some()))
            .map(|old| old.version)
            .max();
        if let Some(written) = matching {
            out.push(VersionChange { assessment: id.clone(), written, current });
        }
    }
    out
}

fn inapplicable_answers(file: &AnswerFile, catalog: &Catalog) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for (assessment_id, answers) in &file.answers {
        let Some(assessment) = catalog.get(assessment_id) else { continue };
        let applies = crate::model::condition::applicability(assessment, file);
        for q in assessment.questions() {
            if answers.contains_key(&q.id) && !applies.get(q.id.as_str()).copied().unwrap_or(true) {
                let on = q.when.as_ref().map(|w| w.question.clone()).unwrap_or_default();
                out.push((assessment_id.clone(), q.id.clone(), on));
            }
        }
    }
    out
}

struct Reader<'a> {
    file: &'a str,
    lines: LineIndex<'a>,
    problems: Vec<Problem>,
    /// Every question id the file answers, known or not, per assessment id.
    answered: IndexMap<String, Vec<String>>,
    /// For each problem about one answer (unknown question, wrong option...), its assessment.
    answer_problems: Vec<String>,
}

impl Reader<'_> {
    fn error(&mut self, at: &[Seg], message: String) {
        let line = self.lines.line_of(at);
        self.problems.push(Problem::new(self.file, line, message));
    }

    fn read(&mut self, node: Node, catalog: &Catalog) -> AnswerFile {
        // `moat` stays 0 until the file states its version.
        let mut file = AnswerFile { moat: 0, ..AnswerFile::default() };
        let entries = match node {
            Node::Map(entries) => entries,
            Node::Null => {
                self.error(
                    &[],
                    "is empty; an answers file starts with `moat: 1`, `respondent:` and `answers:`".to_string(),
                );
                return file;
            }
            other => {
                self.error(&[], format!("must be a map with `moat`, `respondent` and `answers`, not {}", other.kind()));
                return file;
            }
        };
        let mut saw_version = false;
        for (key, value) in entries {
            let at = path![key.as_str()];
            match key.as_str() {
                "moat" => {
                    saw_version = true;
                    match value {
                        Node::Number(n) if n == f64::from(FORMAT_VERSION) => file.moat = FORMAT_VERSION,
                        other => self.error(&at, format!("`moat` must be {FORMAT_VERSION} (the answers format version), not {}", show(&other))),
                    }
                }
                "respondent" => file.respondent = self.read_respondent(value),
                "assessed_on" => file.assessed_on = self.read_date(value),
                "lang" => match value {
                    Node::Null => {}
                    Node::String(s) if Lang::parse(&s).is_some() => file.lang = Lang::parse(&s),
                    other => self.error(&at, format!("`lang` must be `en` or `zh`, not {}", show(&other))),
                },
                "status" => match value {
                    Node::String(s) if s == "complete" => file.status = Status::Complete,
                    Node::String(s) if s == "in_progress" => file.status = Status::InProgress,
                    Node::Null => {}
                    other => self.error(&at, format!("`status` must be `complete` or `in_progress`, not {}", show(&other))),
                },
                "answers" => file.answers = self.read_answers(value, catalog),
                "versions" => file.versions = self.read_versions(value),
                other => self.error(
                    &at,
                    format!("unknown key `{other}` (an answers file has `moat`, `respondent`, `assessed_on`, `lang`, `status`, `versions` and `answers`)"),
                ),
            }
        }
        if !saw_version {
            self.error(&[], format!("missing `moat: {FORMAT_VERSION}` (the answers format version)"));
        }
        self.check_profile(&file, catalog);
        file
    }

    /// The entries of a map; an empty value is an empty map. Anything else is reported as
    /// "`what`, not KIND" and gives `None`.
    fn map_entries(&mut self, node: Node, at: &[Seg], what: &str) -> Option<Vec<(String, Node)>> {
        match node {
            Node::Map(entries) => Some(entries),
            Node::Null => Some(Vec::new()),
            other => {
                self.error(at, format!("{what}, not {}", other.kind()));
                None
            }
        }
    }

    fn read_respondent(&mut self, node: Node) -> Respondent {
        let mut r = Respondent::default();
        let Some(entries) =
            self.map_entries(node, &path!["respondent"], "`respondent` must be a map (name, stage, sector, profile)")
        else {
            return r;
        };
        for (key, value) in entries {
            let at = path!["respondent", key.as_str()];
            let text = match value {
                Node::Null => None,
                // A blank name (or stage...) is no name: reports say "unnamed", not nothing.
                Node::String(s) if s.trim().is_empty() => None,
                Node::String(s) => Some(s),
                Node::Number(n) if key != "profile" => Some(format_number(n)),
                other => {
                    self.error(&at, format!("`respondent.{key}` must be text, not {}", other.kind()));
                    None
                }
            };
            match key.as_str() {
                "name" => r.name = text,
                "stage" => r.stage = text,
                "sector" => r.sector = text,
                "profile" => r.profile = text,
                other => self.error(
                    &at,
                    format!("unknown key `respondent.{other}` (expected `name`, `stage`, `sector` or `profile`)"),
                ),
            }
        }
        r
    }

    /// `versions: {assessment id: version}`; an assessment moat does not know is fine here
    /// (the answers to it are what gets rejected).
    fn read_versions(&mut self, node: Node) -> IndexMap<String, u32> {
        let mut out = IndexMap::new();
        let Some(entries) =
            self.map_entries(node, &path!["versions"], "`versions` must be a map of assessment id to version")
        else {
            return out;
        };
        for (id, value) in entries {
            match value {
                Node::Number(n) if n.fract() == 0.0 && (1.0..=f64::from(u32::MAX)).contains(&n) => {
                    out.insert(id, n as u32);
                }
                other => self.error(
                    &path!["versions", id.as_str()],
                    format!("`versions.{id}` must be a whole number from 1, not {}", show(&other)),
                ),
            }
        }
        out
    }

    fn read_date(&mut self, node: Node) -> Option<String> {
        match node {
            Node::Null => None,
            Node::String(s) if is_date(&s) => Some(s),
            other => {
                self.error(
                    &path!["assessed_on"],
                    format!("`assessed_on` must be a date like 2026-11-28, not {}", show(&other)),
                );
                None
            }
        }
    }

    fn read_answers(&mut self, node: Node, catalog: &Catalog) -> IndexMap<String, IndexMap<String, Answer>> {
        let mut out = IndexMap::new();
        let Some(entries) =
            self.map_entries(node, &path!["answers"], "`answers` must be a map of assessment id to answers")
        else {
            return out;
        };
        for (assessment_id, value) in entries {
            let at = path!["answers", assessment_id.as_str()];
            let Some(assessment) = catalog.get(&assessment_id) else {
                self.error(
                    &at,
                    format!("unknown assessment `{assessment_id}` (available: {})", backticked(catalog.ids())),
                );
                continue;
            };
            let what = format!("the answers to `{assessment_id}` must be a map of question id to answer");
            let Some(answers) = self.map_entries(value, &at, &what) else { continue };
            let mut parsed = IndexMap::new();
            for (question_id, value) in answers {
                self.answered.entry(assessment_id.clone()).or_default().push(question_id.clone());
                let qat = path!["answers", assessment_id.as_str(), question_id.as_str()];
                let Some(question) = assessment.question(&question_id) else {
                    self.answer_problems.push(assessment_id.clone());
                    self.error(&qat, format!("unknown question `{question_id}` in assessment `{assessment_id}`"));
                    continue;
                };
                match answer_from_node(question, value).and_then(|a| match a {
                    Some(a) => check_answer(question, &a).map(|()| Some(a)),
                    None => Ok(None),
                }) {
                    Ok(Some(answer)) => {
                        parsed.insert(question_id, answer);
                    }
                    Ok(None) => {}
                    Err(message) => {
                        self.answer_problems.push(assessment_id.clone());
                        self.error(&qat, message);
                    }
                }
            }
            out.insert(assessment_id, parsed);
        }
        out
    }

    /// docs/scoring.md 5.1.8: a profile that no answered definition declares is rejected.
    fn check_profile(&mut self, file: &AnswerFile, catalog: &Catalog) {
        let Some(profile) = file.respondent.profile.as_deref() else { return };
        let answered: Vec<&Assessment> = file.answers.keys().filter_map(|id| catalog.get(id)).collect();
        let pool: Vec<&Assessment> = if answered.is_empty() { catalog.all().iter().collect() } else { answered };
        if crate::model::definition::is_known_profile(pool.iter().copied(), profile) {
            return;
        }
        let valid = crate::model::definition::profile_ids(pool.iter().copied());
        let valid = if valid.is_empty() { "none is declared".to_string() } else { backticked(valid) };
        self.error(&path!["respondent", "profile"], format!("unknown profile `{profile}` (valid: {valid})"));
    }
}

/// Turn a YAML value into the answer its question expects; `None` means unanswered.
fn answer_from_node(q: &Question, node: Node) -> Result<Option<Answer>, String> {
    let wrong = |node: &Node, expected: &str| {
        format!("question `{}` is a {} question and takes {expected}, not {}", q.id, kind_name(q.kind), node.kind())
    };
    Ok(Some(match (q.kind, node) {
        (_, Node::Null) => return Ok(None),
        (Kind::Choice, Node::String(option)) => Answer::Choice { option, evidence: None, note: None },
        (Kind::Choice, Node::Map(entries)) => choice_from_map(q, entries)?,
        (Kind::Multi, Node::Seq(items)) => {
            let mut ids = Vec::with_capacity(items.len());
            for item in items {
                match item {
                    Node::String(id) => ids.push(id),
                    other => {
                        return Err(format!("question `{}` lists option ids, but one entry is {}", q.id, other.kind()))
                    }
                }
            }
            Answer::Multi(ids)
        }
        (Kind::Number, Node::Number(n)) => Answer::Number(n),
        (Kind::Text, Node::String(s)) => Answer::Text(s),
        (Kind::Text, Node::Number(n)) => Answer::Text(format_number(n)),
        (Kind::Text, Node::Bool(b)) => Answer::Text(b.to_string()),
        (Kind::Choice, other) => return Err(wrong(&other, "an option id")),
        (Kind::Multi, other) => return Err(wrong(&other, "a list of option ids")),
        (Kind::Number, other) => return Err(wrong(&other, "a number such as 42000")),
        (Kind::Text, other) => return Err(wrong(&other, "text")),
    }))
}

fn choice_from_map(q: &Question, entries: Vec<(String, Node)>) -> Result<Answer, String> {
    let (mut option, mut evidence, mut note) = (None, None, None);
    for (key, value) in entries {
        match (key.as_str(), value) {
            ("choice", Node::String(s)) => option = Some(s),
            ("evidence", Node::Null) | ("note", Node::Null) => {}
            ("evidence", Node::String(s)) => match Evidence::parse(&s) {
                Some(e) => evidence = Some(e),
                None => {
                    return Err(format!(
                        "unknown evidence level `{s}` for question `{}` (expected one of `verifiable`, `document`, `assertion`)",
                        q.id
                    ))
                }
            },
            ("note", Node::String(s)) => note = Some(s),
            ("note", Node::Number(n)) => note = Some(format_number(n)),
            (key @ ("choice" | "evidence" | "note"), other) => {
                return Err(format!("question `{}`: `{key}` must be text, not {}", q.id, other.kind()))
            }
            (other, _) => {
                return Err(format!("question `{}`: unknown key `{other}` (a choice answer has `choice`, `evidence` and `note`)", q.id))
            }
        }
    }
    let option = option.ok_or_else(|| format!("question `{}`: the answer map has no `choice`", q.id))?;
    Ok(Answer::Choice { option, evidence, note })
}

/// The checks an answer must pass whatever its source (file or prompt).
pub fn check_answer(q: &Question, answer: &Answer) -> Result<(), String> {
    let unknown_option = |id: &str| {
        format!("unknown option `{id}` for question `{}` (expected one of {})", q.id, backticked(q.option_ids()))
    };
    match (q.kind, answer) {
        (Kind::Choice, Answer::Choice { option, .. }) => {
            if q.option(option).is_none() {
                return Err(unknown_option(option));
            }
        }
        (Kind::Multi, Answer::Multi(ids)) => {
            for (i, id) in ids.iter().enumerate() {
                if q.option(id).is_none() {
                    return Err(unknown_option(id));
                }
                if ids[..i].contains(id) {
                    return Err(format!("option `{id}` is named twice for question `{}`", q.id));
                }
            }
            if let Some(alone) = q.combined_lone_option(ids) {
                return Err(format!(
                    "option `{}` of question `{}` cannot be combined with other options (choose it alone, or only the others)",
                    alone.id, q.id
                ));
            }
        }
        (Kind::Number, Answer::Number(n)) => check_number(q, *n)?,
        (Kind::Text, Answer::Text(_)) => {}
        (kind, _) => {
            return Err(format!(
                "question `{}` is a {} question; this answer is of another kind",
                q.id,
                kind_name(kind)
            ))
        }
    }
    Ok(())
}

fn check_number(q: &Question, n: f64) -> Result<(), String> {
    if !n.is_finite() {
        return Err(format!("question `{}` needs a finite number, not {n}", q.id));
    }
    if let Some(min) = q.min.filter(|&min| n < min) {
        return Err(format!(
            "{} is out of range for question `{}` (at least {})",
            format_number(n),
            q.id,
            format_number(min)
        ));
    }
    if let Some(max) = q.max.filter(|&max| n > max) {
        return Err(format!(
            "{} is out of range for question `{}` (at most {})",
            format_number(n),
            q.id,
            format_number(max)
        ));
    }
    Ok(())
}

fn show(node: &Node) -> String {
    match node {
        Node::String(s) => format!("`{s}`"),
        Node::Number(n) => format_number(*n),
        Node::Bool(b) => b.to_string(),
        other => other.kind().to_string(),
    }
}

fn backticked<'a>(ids: impl IntoIterator<Item = &'a str>) -> String {
    ids.into_iter().map(|id| format!("`{id}`")).collect::<Vec<_>>().join(", ")
}

/// `YYYY-MM-DD` with a real month and day.
pub fn is_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let [y, m, d] = parts.as_slice() else { return false };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 || !s.chars().all(|c| c.is_ascii_digit() || c == '-') {
        return false;
    }
    let (Ok(year), Ok(month), Ok(day)) = (y.parse::<u32>(), m.parse::<u32>(), d.parse::<u32>()) else { return false };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// Read and check the answers file at `path`.
pub fn load_file(path: &std::path::Path, catalog: &Catalog) -> Result<Loaded, Vec<Problem>> {
    let name = path.display().to_string();
    let source = crate::model::source::read_text(path).map_err(|p| vec![p])?;
    load(&name, &source, catalog)
}

#[cfg(test)]
mod tests {
    use super::*;

    const V1_FILE: &str = include_str!("../../tests/fixtures/v1/thin-wrapper.yaml");

    #[test]
    fn a_file_with_only_empty_answers_has_none() {
        let catalog = Catalog::builtin().unwrap();
        let has = |text: &str| load("a.yaml", text, &catalog).unwrap().file.has_answers();
        assert!(!has("moat: 1\nrespondent: {name: A}\n"));
        assert!(!has("moat: 1\nanswers: {}\n"));
        assert!(!has("moat: 1\nanswers:\n  competitive-advantage:\n    human_eval: ~\n"));
        assert!(has("moat: 1\nanswers:\n  competitive-advantage:\n    human_eval: spot_checks\n"));
    }

    /// Issue 14: a report given where the answers belong is named as such.
    #[test]
    fn a_report_is_refused_as_a_report_not_as_broken_yaml() {
        let catalog = Catalog::builtin().unwrap();
        for report in ["# Strategy report: Acme\n\n## Scores\n\n| a | b |\n", "<!DOCTYPE html>\n<html lang=\"en\">"] {
            let problems = load("moat-report.md", report, &catalog).unwrap_err();
            assert_eq!(problems.len(), 1);
            assert!(problems[0].message.starts_with("this looks like a report"), "{problems:?}");
        }
        // A commented answers file is not a report.
        let commented = "# my answers\n## draft\nmoat: 1\nanswers: {}\n";
        let problems = load("a.yaml", commented, &catalog).err().unwrap_or_default();
        assert!(problems.iter().all(|p| !p.message.contains("looks like a report")), "{problems:?}");
    }

    #[test]
    fn a_file_without_versions_is_matched_to_the_archived_version_it_fits() {
        let catalog = Catalog::builtin().unwrap();
        let versions = written_for("old.yaml", V1_FILE, &catalog);
        let change = |id: &str| VersionChange { assessment: id.to_string(), written: 1, current: 2 };
        assert_eq!(versions, vec![change("competitive-advantage"), change("cost-benefit")]);
        let problems = load("old.yaml", V1_FILE, &catalog).unwrap_err();
        assert!(problems[0].message.starts_with("was written for `competitive-advantage` version 1"), "{problems:?}");
        assert!(problems.len() > 10, "each answer that no longer fits is named too");
        // Under version 1 itself the file fits, so nothing is said about versions.
        let v1 = catalog.at_versions(&versions.iter().map(|v| (v.assessment.clone(), v.written)).collect()).unwrap();
        assert!(written_for("old.yaml", V1_FILE, &v1).is_empty());
        assert!(load("old.yaml", V1_FILE, &v1).is_ok());
    }

    #[test]
    fn a_revision_keeps_what_still_fits_and_lists_what_was_left_out() {
        let catalog = Catalog::builtin().unwrap();
        let revision = load_for_revision("old.yaml", V1_FILE, &catalog).unwrap();
        let file = &revision.loaded.file;
        assert_eq!(revision.versions.len(), 2);
        assert_eq!(file.versions.get("competitive-advantage"), Some(&2), "the revision is written for version 2");
        assert_eq!(file.respondent.name.as_deref(), Some("Quillstack"));
        let kept: usize = file.answers.values().map(IndexMap::len).sum();
        let asked: usize = 45;
        assert_eq!(kept + revision.left_out.len(), asked, "every answer is kept or listed: {:?}", revision.left_out);
        for (assessment, answers) in &file.answers {
            for (question, answer) in answers {
                let q = catalog.question(assessment, question).expect("only current questions are kept");
                assert!(check_answer(q, answer).is_ok(), "{question}");
            }
        }
        // A problem that is not about a stale answer still rejects the file.
        let broken = V1_FILE.replace("moat: 1", "moat: 7");
        assert!(load_for_revision("old.yaml", &broken, &catalog).is_err());
    }

    #[test]
    fn dates_are_checked() {
        assert!(is_date("2026-11-28"));
        assert!(is_date("2024-02-29"));
        assert!(!is_date("2026-02-29"));
        assert!(!is_date("2026-13-01"));
        assert!(!is_date("26-11-28"));
    }

    #[test]
    fn choice_answers_round_trip_as_plain_ids_or_maps() {
        let mut answers = IndexMap::new();
        answers.insert("a".to_string(), Answer::choice("x"));
        answers.insert(
            "b".to_string(),
            Answer::Choice { option: "y".into(), evidence: Some(Evidence::Document), note: Some("n".into()) },
        );
        answers.insert("c".to_string(), Answer::Number(42000.0));
        let mut file = AnswerFile { moat: 1, ..AnswerFile::default() };
        file.answers.insert("demo".to_string(), answers);
        let yaml = file.to_yaml().unwrap();
        assert!(yaml.contains("a: x"), "{yaml}");
        assert!(yaml.contains("evidence: document"), "{yaml}");
        assert!(yaml.contains("c: 42000"), "{yaml}");
    }
}
