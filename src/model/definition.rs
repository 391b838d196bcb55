//! Assessment definitions (docs/assessment-format.md): the typed model, loaded from YAML and
//! validated once, so nothing downstream re-checks raw values. `moat lint` is this module.

use crate::model::problem::Problem;
use crate::model::yaml::{self, LineIndex, Seg};
use crate::path;
use crate::text::fnv::FnvMap;
use crate::text::inert::display_width;
use crate::text::{Lang, Text};
use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    pub id: String,
    pub version: u32,
    pub title: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub respondent: Option<RespondentSpec>,
    pub dimensions: Vec<Dimension>,
    pub levels: Vec<Level>,
    pub sections: Vec<Section>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub profiles: Vec<Profile>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub metrics: Vec<Metric>,
    /// Where each question is (section, place), by id: built on the first lookup, since
    /// `when` conditions look questions up by id a few hundred times a file.
    #[serde(skip)]
    places: std::sync::OnceLock<FnvMap<String, (usize, usize)>>,
}

/// The choices `ask` offers for the respondent block.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RespondentSpec {
    #[serde(default)]
    pub stages: Vec<Labelled>,
    #[serde(default)]
    pub sectors: Vec<Labelled>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Labelled {
    pub id: String,
    pub label: Text,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dimension {
    pub id: String,
    pub title: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    #[serde(default = "one")]
    pub weight: f64,
    /// Questions for a workshop discussion of this dimension (`moat cohort`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub discussion: Vec<Text>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    pub min: f64,
    pub name: Text,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    pub title: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<Text>,
    /// Published figures the section's advice relies on, each naming its source.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assumptions: Vec<Text>,
    /// What a workshop facilitator puts to the room when many answered a question of this
    /// section weakly and the question has no `discussion` of its own (`moat cohort`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discussion: Option<Text>,
    pub questions: Vec<Question>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    #[default]
    Choice,
    Multi,
    Number,
    Text,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    #[serde(default)]
    pub kind: Kind,
    /// The short name reports, flags and plans give the question (at most
    /// [`TITLE_MAX_CHARS`] characters in every language; docs/scoring.md 5.2.5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Text>,
    pub prompt: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<Text>,
    /// For an interviewer: what to ask about a claim, and what to ask to see. An
    /// applicant brief puts it to the claims that lose the most credit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interview: Option<Text>,
    /// For a workshop facilitator: what to put to the room when many answered this
    /// question weakly (`moat cohort`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discussion: Option<Text>,
    #[serde(default = "one")]
    pub weight: f64,
    #[serde(default)]
    pub evidence: bool,
    /// Dimension id to share; resolved at load time to `{section id: 1}` when absent.
    #[serde(default)]
    pub dimensions: IndexMap<String, f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<When>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advice: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effort: Option<Effort>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<AnswerOption>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bands: Vec<Band>,
}

impl Question {
    /// Whether the question contributes a score (docs/scoring.md 5.1.5: unbanded numbers only feed metrics).
    pub fn is_scored(&self) -> bool {
        match self.kind {
            Kind::Choice | Kind::Multi => true,
            Kind::Number => !self.bands.is_empty(),
            Kind::Text => false,
        }
    }

    pub fn option(&self, id: &str) -> Option<&AnswerOption> {
        self.options.iter().find(|o| o.id == id)
    }

    pub fn option_ids(&self) -> Vec<&str> {
        self.options.iter().map(|o| o.id.as_str()).collect()
    }

    /// docs/scoring.md 5.1.2: in a `multi` answer an `na` option leaves the question
    /// out, else an `unknown` option makes it unknown; otherwise the score is
    /// min(4, Σ points), and an empty list scores 0.
    pub fn multi_outcome(&self, ids: &[String]) -> MultiOutcome {
        let options: Vec<_> = ids.iter().filter_map(|id| self.option(id)).collect();
        if options.iter().any(|o| o.na) {
            MultiOutcome::Excluded
        } else if options.iter().any(|o| o.unknown) {
            MultiOutcome::Unknown
        } else {
            MultiOutcome::Score(options.iter().filter_map(|o| o.points).sum::<f64>().min(MAX_SCORE) + 0.0)
        }
    }

    /// What reports, flags and plans name the question by: its short `title`, or its
    /// prompt where it has none (docs/scoring.md 5.2.5).
    pub fn short_title(&self) -> &Text {
        self.title.as_ref().unwrap_or(&self.prompt)
    }

    /// In a `multi` answer of these option ids, the option that must stand alone but is
    /// ticked with others ("don't know" with real answers contradicts itself).
    pub fn combined_lone_option(&self, ids: &[String]) -> Option<&AnswerOption> {
        if ids.len() < 2 {
            return None;
        }
        ids.iter().filter_map(|id| self.option(id)).find(|o| o.stands_alone())
    }

    /// The highest score any answer to this question can earn.
    pub fn best_score(&self) -> f64 {
        match self.kind {
            Kind::Multi => self.options.iter().filter_map(|o| o.points).sum::<f64>().min(MAX_SCORE),
            Kind::Number => self.bands.iter().map(|b| b.score).fold(0.0, f64::max),
            Kind::Choice | Kind::Text => self.options.iter().filter_map(|o| o.score).fold(0.0, f64::max),
        }
    }
}

/// The longest a question's short `title` may be, in characters (docs/scoring.md 5.2.5).
pub const TITLE_MAX_CHARS: usize = 60;

/// The widest an option may be listed in `ask`, in terminal columns (a Chinese character
/// takes two): one line at 80 columns with the list's marker and checkbox. A wider label
/// needs a `short`.
pub const SHORT_MAX_COLUMNS: usize = 56;

/// The top of the 0..4 scale every option, band and `multi` sum is scored on.
pub const MAX_SCORE: f64 = 4.0;

/// An answer scoring at least this is a strong claim: on an `evidence: true` question
/// `ask` asks what backs it, and the engine discounts it by its evidence (docs/scoring.md 5.1.3).
pub const STRONG_SCORE: f64 = 3.0;

/// Whether an option score is a strong claim (see [`STRONG_SCORE`]).
pub fn is_strong(score: Option<f64>) -> bool {
    score.is_some_and(|s| s >= STRONG_SCORE)
}

/// What a `multi` answer amounts to (see [`Question::multi_outcome`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum MultiOutcome {
    Score(f64),
    Unknown,
    Excluded,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerOption {
    pub id: String,
    /// The whole fact, as reports quote it and as the founder commits to it.
    pub label: Text,
    /// The option as `ask` lists it, at most [`SHORT_MAX_COLUMNS`] wide; needed when the
    /// label is wider (lint). The label is shown once the option is chosen, and all of
    /// them on demand.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub points: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flag: Option<Flag>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advice: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effort: Option<Effort>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub unknown: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub na: bool,
    /// In a `multi` question: an answer that cannot be ticked with any other ("none of
    /// these"). `unknown` and `na` options are exclusive without saying so.
    #[serde(default, skip_serializing_if = "is_false")]
    pub exclusive: bool,
    /// Skip this option's advice when another answer shows the step is taken
    /// (`{question, in, ...}`, read like a `when`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unless: Option<When>,
}

impl AnswerOption {
    /// What an option list shows: the short label when there is one.
    pub fn listed(&self, lang: Lang) -> &str {
        self.short.as_ref().unwrap_or(&self.label).get(lang)
    }

    /// Whether a `multi` answer holding this option may hold no other.
    pub fn stands_alone(&self) -> bool {
        self.exclusive || self.unknown || self.na
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Flag {
    pub severity: Severity,
    pub text: Text,
}

/// Red-flag severity, most severe first (the derived order is the report order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Critical,
    High,
    Medium,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Critical => "critical",
            Severity::High => "high",
            Severity::Medium => "medium",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Effort {
    Low,
    #[default]
    Medium,
    High,
}

impl Effort {
    pub fn as_str(self) -> &'static str {
        match self {
            Effort::Low => "low",
            Effort::Medium => "medium",
            Effort::High => "high",
        }
    }
}

/// A score band for a number or a metric: the first band whose `below` exceeds the
/// value matches; the last band has no `below` and takes the rest.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub below: Option<f64>,
    pub score: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flag: Option<Flag>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advice: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effort: Option<Effort>,
}

/// The band a value falls in, by position.
pub fn band_for(bands: &[Band], value: f64) -> Option<usize> {
    bands.iter().position(|b| b.below.is_none_or(|below| value < below))
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged, expecting = "an option id or a number")]
pub enum WhenValue {
    Number(f64),
    Id(String),
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct When {
    pub question: String,
    #[serde(rename = "in", default, skip_serializing_if = "Option::is_none")]
    pub is_in: Option<Vec<WhenValue>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_in: Option<Vec<WhenValue>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_least: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub below: Option<f64>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub id: String,
    pub title: Text,
    /// Why the weights and targets are what they are.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rationale: Option<Text>,
    #[serde(default)]
    pub weights: IndexMap<String, f64>,
    #[serde(default)]
    pub targets: IndexMap<String, f64>,
}

/// One side of a metric's ratio: a number question, or several summed.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(untagged, expecting = "a number question id or a list of them")]
pub enum Operand {
    One(String),
    Sum(Vec<String>),
}

impl Operand {
    pub fn ids(&self) -> Vec<&str> {
        match self {
            Operand::One(id) => vec![id.as_str()],
            Operand::Sum(ids) => ids.iter().map(String::as_str).collect(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Metric {
    pub id: String,
    pub title: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<Text>,
    /// `[numerator, divisor]`.
    pub ratio: (Operand, Operand),
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bands: Vec<Band>,
    #[serde(default)]
    pub dimensions: IndexMap<String, f64>,
    #[serde(default = "one")]
    pub weight: f64,
    /// docs/scoring.md 5.2.2: what a zero divisor means when every numerator question is
    /// answered (runway with no net burn: the top band); without it the metric is not computable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_zero_divisor: Option<ZeroDivisor>,
}

/// A metric's reading when its divisor is 0 (docs/scoring.md 5.2.2).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ZeroDivisor {
    pub score: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flag: Option<Flag>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advice: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effort: Option<Effort>,
    /// What the report prints as the value ("no net burn").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<Text>,
}

/// A flag whose fix belongs in the 30-day plan (docs/scoring.md 5.2.4).
fn urgent(flag: Option<&Flag>) -> bool {
    flag.is_some_and(|f| matches!(f.severity, Severity::Critical | Severity::High))
}

fn one() -> f64 {
    1.0
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl Assessment {
    pub fn questions(&self) -> impl Iterator<Item = &Question> {
        self.sections.iter().flat_map(|s| s.questions.iter())
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        let places = self.places.get_or_init(|| {
            let mut places = FnvMap::default();
            for (s, section) in self.sections.iter().enumerate() {
                for (i, q) in section.questions.iter().enumerate() {
                    // The first of a repeated id, as a search would find (lint refuses repeats).
                    places.entry(q.id.clone()).or_insert((s, i));
                }
            }
            places
        });
        places.get(id).map(|&(s, i)| &self.sections[s].questions[i])
    }

    pub fn dimension(&self, id: &str) -> Option<&Dimension> {
        self.dimensions.iter().find(|d| d.id == id)
    }

    /// docs/scoring.md 5.1.8: this definition's profile of that id, else its `default` profile.
    pub fn profile_for(&self, id: &str) -> Option<&Profile> {
        self.profiles.iter().find(|p| p.id == id).or_else(|| self.profiles.iter().find(|p| p.id == DEFAULT_PROFILE))
    }

    pub fn has_profile(&self, id: &str) -> bool {
        self.profiles.iter().any(|p| p.id == id)
    }
}

/// What the respondent block offers (`moat ask`, and the web form of `moat form`): the
/// stages and sectors the definitions list and their profiles other than `default`,
/// each id once, in the order of the definitions.
#[derive(Debug, Clone, Serialize)]
pub struct RespondentChoices<'a> {
    pub stages: Vec<&'a Labelled>,
    pub sectors: Vec<&'a Labelled>,
    pub profiles: Vec<&'a Profile>,
}

pub fn respondent_choices<'a>(assessments: &[&'a Assessment]) -> RespondentChoices<'a> {
    let mut choices = RespondentChoices { stages: Vec::new(), sectors: Vec::new(), profiles: Vec::new() };
    for a in assessments {
        if let Some(spec) = &a.respondent {
            for s in &spec.stages {
                if !choices.stages.iter().any(|x| x.id == s.id) {
                    choices.stages.push(s);
                }
            }
            for s in &spec.sectors {
                if !choices.sectors.iter().any(|x| x.id == s.id) {
                    choices.sectors.push(s);
                }
            }
        }
        for p in &a.profiles {
            if p.id != DEFAULT_PROFILE && !choices.profiles.iter().any(|x| x.id == p.id) {
                choices.profiles.push(p);
            }
        }
    }
    choices
}

/// Every dimension id `definitions` declare, in order of first declaration.
/// The profile a respondent who names none gets (docs/scoring.md 5.1.8).
pub const DEFAULT_PROFILE: &str = "default";

/// The profile ids `definitions` declare, sorted, each once.
pub fn profile_ids<'a>(definitions: impl IntoIterator<Item = &'a Assessment>) -> Vec<&'a str> {
    let mut ids: Vec<&str> = definitions.into_iter().flat_map(|a| a.profiles.iter().map(|p| p.id.as_str())).collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// Whether a respondent may name `profile` given `definitions` (docs/scoring.md 5.1.8):
/// `default`, or a profile one of them declares.
pub fn is_known_profile<'a>(definitions: impl IntoIterator<Item = &'a Assessment>, profile: &str) -> bool {
    profile == DEFAULT_PROFILE || definitions.into_iter().any(|a| a.has_profile(profile))
}

pub fn dimension_ids(definitions: &[Assessment]) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for d in definitions.iter().flat_map(|a| &a.dimensions) {
        if !ids.contains(&d.id) {
            ids.push(d.id.clone());
        }
    }
    ids
}

/// A definition that passed every check, with the warnings lint prints.
#[derive(Debug)]
pub struct Loaded {
    pub assessment: Assessment,
    pub warnings: Vec<Problem>,
}

/// Parse and validate one definition. `name` is what messages call the file.
pub fn load(name: &str, source: &str) -> Result<Loaded, Vec<Problem>> {
    let mut assessment: Assessment = yaml::from_str(source).map_err(|e| vec![Problem::new(name, e.line, e.message)])?;
    let mut checker = Checker { file: name, lines: LineIndex::new(source), problems: Vec::new(), warnings: Vec::new() };
    checker.check(&mut assessment);
    if checker.problems.is_empty() {
        Ok(Loaded { assessment, warnings: checker.warnings })
    } else {
        checker.problems.sort_by_key(|p| p.line);
        Err(checker.problems)
    }
}

struct Checker<'a> {
    file: &'a str,
    lines: LineIndex<'a>,
    problems: Vec<Problem>,
    warnings: Vec<Problem>,
}

/// Where a text sits, for the missing-language check.
type TextAt<'t> = (Vec<Seg>, &'t Text);

impl Checker<'_> {
    fn error(&mut self, at: &[Seg], message: String) {
        let line = self.lines.line_of(at);
        self.problems.push(Problem::new(self.file, line, message));
    }

    fn warn(&mut self, at: &[Seg], message: String) {
        let line = self.lines.line_of(at);
        self.warnings.push(Problem::new(self.file, line, message));
    }

    fn check(&mut self, a: &mut Assessment) {
        if !is_id(&a.id, '-') {
            self.error(&path!["id"], format!("assessment id `{}` must use only a-z, 0-9 and `-`", a.id));
        }
        self.check_dimensions(a);
        self.check_levels(a);
        self.resolve_question_dimensions(a);
        self.check_sections(a);
        self.check_profiles(a);
        self.check_metrics(a);
        self.check_reachable_levels(a);
        self.check_languages(a);
    }

    fn check_dimensions(&mut self, a: &Assessment) {
        if a.dimensions.is_empty() {
            self.error(&path!["dimensions"], "an assessment must declare at least one dimension".to_string());
        }
        let mut seen = HashSet::new();
        for (i, d) in a.dimensions.iter().enumerate() {
            let at = path!["dimensions", i, "id"];
            if !is_id(&d.id, '_') {
                self.error(&at, format!("dimension id `{}` must use only a-z, 0-9 and `_`", d.id));
            }
            if !seen.insert(d.id.as_str()) {
                self.error(&at, format!("duplicate dimension id `{}`", d.id));
            }
            if !(d.weight.is_finite() && d.weight >= 0.0) {
                self.error(
                    &path!["dimensions", i, "weight"],
                    format!("dimension `{}`: weight must be 0 or more", d.id),
                );
            }
        }
    }

    fn check_levels(&mut self, a: &Assessment) {
        if a.levels.is_empty() {
            self.error(&path!["levels"], "an assessment must declare at least one level".to_string());
            return;
        }
        if a.levels[0].min != 0.0 {
            self.error(
                &path!["levels", 0, "min"],
                format!(
                    "the first level must start at 0 (it starts at {}), or low scores get no level",
                    a.levels[0].min
                ),
            );
        }
        for i in 1..a.levels.len() {
            let (before, this) = (a.levels[i - 1].min, a.levels[i].min);
            if this <= before {
                self.error(
                    &path!["levels", i, "min"],
                    format!(
                        "levels out of order: level {} starts at {this}, not above the level before it ({before})",
                        i + 1
                    ),
                );
            }
        }
        for (i, level) in a.levels.iter().enumerate() {
            if !(0.0..=100.0).contains(&level.min) {
                self.error(
                    &path!["levels", i, "min"],
                    format!("level {} starts at {}, outside 0-100, so no score can reach it", i + 1, level.min),
                );
            }
        }
    }

    /// docs/scoring.md 5.1.1: a scored question without `dimensions` counts fully in its section's dimension.
    fn resolve_question_dimensions(&mut self, a: &mut Assessment) {
        for section in &mut a.sections {
            for q in &mut section.questions {
                if q.dimensions.is_empty() && q.is_scored() {
                    q.dimensions.insert(section.id.clone(), 1.0);
                }
            }
        }
    }

    fn check_shares(&mut self, a: &Assessment, at: &[Seg], owner: &str, shares: &IndexMap<String, f64>) {
        for (dim, share) in shares {
            let mut here = at.to_vec();
            here.push(Seg::Key(dim.clone()));
            if a.dimension(dim).is_none() {
                self.error(
                    &here,
                    format!("{owner}: dimension `{dim}` is not declared (declared: {})", ids(&a.dimensions, |d| &d.id)),
                );
            }
            if !(share.is_finite() && *share > 0.0) {
                self.error(&here, format!("{owner}: the share in `{dim}` must be above 0"));
            }
        }
    }

    fn check_sections(&mut self, a: &Assessment) {
        let mut section_ids = HashSet::new();
        let mut question_at: HashMap<&str, usize> = HashMap::new();
        let mut order = 0usize;
        for (si, section) in a.sections.iter().enumerate() {
            let at = path!["sections", si, "id"];
            if !is_id(&section.id, '_') {
                self.error(&at, format!("section id `{}` must use only a-z, 0-9 and `_`", section.id));
            }
            if !section_ids.insert(section.id.as_str()) {
                self.error(&at, format!("duplicate section id `{}`", section.id));
            }
            if section.questions.is_empty() {
                self.warn(&at, format!("section `{}` has no questions", section.id));
            }
            for (qi, q) in section.questions.iter().enumerate() {
                let qpath = path!["sections", si, "questions", qi];
                if !is_id(&q.id, '_') {
                    self.error(&with(&qpath, "id"), format!("question id `{}` must use only a-z, 0-9 and `_`", q.id));
                }
                if question_at.contains_key(q.id.as_str()) {
                    self.error(&with(&qpath, "id"), format!("duplicate question id `{}`", q.id));
                } else {
                    question_at.insert(q.id.as_str(), order);
                }
                self.check_question(a, &qpath, q);
                if let Some(when) = &q.when {
                    let owner = format!("question `{}`", q.id);
                    self.check_when(a, &with(&qpath, "when"), &owner, "when", when, &question_at, order);
                }
                order += 1;
            }
        }
        // An option's `unless` is read once every answer is in, so it may name any question.
        for (si, section) in a.sections.iter().enumerate() {
            for (qi, q) in section.questions.iter().enumerate() {
                for (oi, o) in q.options.iter().enumerate() {
                    if let Some(unless) = &o.unless {
                        let at = path!["sections", si, "questions", qi, "options", oi, "unless"];
                        let owner = format!("question `{}`, option `{}`", q.id, o.id);
                        self.check_when(a, &at, &owner, "unless", unless, &question_at, usize::MAX);
                    }
                }
            }
        }
    }

    fn check_question(&mut self, a: &Assessment, at: &[Seg], q: &Question) {
        let owner = format!("question `{}`", q.id);
        if !(q.weight.is_finite() && q.weight > 0.0) {
            self.error(&with(at, "weight"), format!("{owner}: weight must be above 0"));
        }
        self.check_shares(a, &with(at, "dimensions"), &owner, &q.dimensions);
        if q.evidence && q.kind != Kind::Choice {
            self.error(&with(at, "evidence"), format!("{owner}: `evidence` applies to choice questions only"));
        }
        if q.evidence && q.interview.is_none() {
            // The brief then falls back to the prompt, which asks the founder, not the interviewer.
            self.warn(
                &with(at, "id"),
                format!(
                    "{owner}: `evidence: true` but no `interview`; an applicant brief will put the prompt to the \
                     interviewer instead of what to ask and what to ask to see"
                ),
            );
        }
        if q.discussion.is_some() && !q.is_scored() {
            // Only a weak answer brings a discussion prompt, and this question scores none.
            self.warn(
                &with(at, "discussion"),
                format!("{owner}: `discussion` on a question that is not scored; `cohort` never shows it (move it to the section)"),
            );
        }
        if q.title.is_none() {
            // Reports then name the question by its whole prompt, out of context.
            self.warn(
                &with(at, "id"),
                format!("{owner}: no `title`; reports, flags and plans will name it by its whole prompt (add a short title)"),
            );
        }
        if let Some(title) = &q.title {
            for (lang, text) in title.variants() {
                let chars = text.chars().count();
                if chars > TITLE_MAX_CHARS {
                    let lang = lang.map(|l| format!("`{l}` ")).unwrap_or_default();
                    self.error(
                        &with(at, "title"),
                        format!(
                            "{owner}: the {lang}title has {chars} characters; a title has at most {TITLE_MAX_CHARS}"
                        ),
                    );
                }
            }
        }
        match q.kind {
            Kind::Choice | Kind::Multi => self.check_options(at, q),
            Kind::Number => {
                if !q.options.is_empty() {
                    self.error(&with(at, "options"), format!("{owner}: a number question has no options"));
                }
                if let (Some(min), Some(max)) = (q.min, q.max) {
                    if min > max {
                        self.error(&with(at, "min"), format!("{owner}: `min` ({min}) is above `max` ({max})"));
                    }
                }
                self.check_bands(&with(at, "bands"), &owner, &q.bands, q.min);
            }
            Kind::Text => {
                if !q.options.is_empty() || !q.bands.is_empty() {
                    self.error(&with(at, "options"), format!("{owner}: a text question has no options or bands"));
                }
            }
        }
        if q.kind != Kind::Number && !q.bands.is_empty() {
            self.error(&with(at, "bands"), format!("{owner}: only number questions have bands"));
        }
    }

    fn check_options(&mut self, at: &[Seg], q: &Question) {
        let owner = format!("question `{}`", q.id);
        let scored = q.options.iter().filter(|o| !o.unknown && !o.na).count();
        if scored < 2 {
            self.error(
                &with(at, "options"),
                format!("{owner}: a {} question needs at least two scored options", kind_name(q.kind)),
            );
        }
        let mut seen = HashSet::new();
        for (oi, o) in q.options.iter().enumerate() {
            let opath = [at, &path!["options", oi]].concat();
            let name = format!("{owner}, option `{}`", o.id);
            if !is_id(&o.id, '_') {
                self.error(&with(&opath, "id"), format!("{name}: option id must use only a-z, 0-9 and `_`"));
            }
            if !seen.insert(o.id.as_str()) {
                self.error(&with(&opath, "id"), format!("{owner}: duplicate option id `{}`", o.id));
            }
            if o.unknown && o.na {
                self.error(&opath, format!("{name}: an option cannot be both `unknown` and `na`"));
            }
            if o.exclusive && q.kind != Kind::Multi {
                self.error(&with(&opath, "exclusive"), format!("{name}: `exclusive` applies to multi questions only"));
            }
            let (field, value, other) = match q.kind {
                Kind::Multi => ("points", o.points, o.score.map(|_| "score")),
                _ => ("score", o.score, o.points.map(|_| "points")),
            };
            if let Some(other) = other {
                self.error(
                    &with(&opath, other),
                    format!("{name}: a {} option takes `{field}`, not `{other}`", kind_name(q.kind)),
                );
            }
            match (o.unknown || o.na, value) {
                (true, Some(_)) => self.error(
                    &with(&opath, field),
                    format!("{name}: an `unknown` or `na` option has no {field} (unknown scores 0, na is left out)"),
                ),
                (false, None) => self.error(&opath, format!("{name}: missing `{field}` (0 to 4)")),
                (false, Some(v)) if !(0.0..=4.0).contains(&v) => {
                    self.error(&with(&opath, field), format!("{name}: {field} {v} is outside 0 to 4"))
                }
                _ => {}
            }
            if urgent(o.flag.as_ref()) && o.advice.is_none() && q.advice.is_none() {
                self.error(
                    &with(&opath, "flag"),
                    format!("{name}: a critical or high flag needs `advice`, its fix (docs/scoring.md 5.2.4)"),
                );
            }
            self.check_short(&opath, &name, o);
            let weak = o.unknown || value.is_some_and(|v| v <= 2.0);
            if q.kind == Kind::Choice && weak && !o.na && o.advice.is_none() && q.advice.is_none() {
                self.warn(&opath, format!("{name}: a weak answer with no advice (add `advice` and `effort`)"));
            }
        }
        let best = match q.kind {
            Kind::Multi => q.options.iter().filter_map(|o| o.points).sum::<f64>(),
            _ => q.options.iter().filter_map(|o| o.score).fold(0.0, f64::max),
        };
        if scored >= 2 && best < 4.0 {
            self.warn(
                &with(at, "options"),
                format!("{owner}: no answer scores 4, so its dimensions can never reach 100"),
            );
        }
    }

    /// Every option fits one line of `ask`'s list: the short label, or a label that is
    /// short already (issue 14).
    fn check_short(&mut self, at: &[Seg], name: &str, o: &AnswerOption) {
        let lang_name = |lang: Option<&str>| lang.map(|l| format!("`{l}` ")).unwrap_or_default();
        match &o.short {
            Some(short) => {
                for (lang, text) in short.variants() {
                    let width = display_width(text);
                    if width > SHORT_MAX_COLUMNS {
                        self.error(
                            &with(at, "short"),
                            format!(
                                "{name}: the {}short label is {width} columns wide; at most {SHORT_MAX_COLUMNS}",
                                lang_name(lang)
                            ),
                        );
                    }
                }
            }
            None => {
                for (lang, text) in o.label.variants() {
                    let width = display_width(text);
                    if width > SHORT_MAX_COLUMNS {
                        self.warn(
                            &with(at, "label"),
                            format!(
                                "{name}: the {}label is {width} columns wide, so `ask` wraps it over several \
                                 lines; add a `short` of at most {SHORT_MAX_COLUMNS}",
                                lang_name(lang)
                            ),
                        );
                        break;
                    }
                }
            }
        }
    }

    fn check_bands(&mut self, at: &[Seg], owner: &str, bands: &[Band], min: Option<f64>) {
        for (i, band) in bands.iter().enumerate() {
            let bpath = [at, &path![i]].concat();
            if urgent(band.flag.as_ref()) && band.advice.is_none() {
                self.error(
                    &with(&bpath, "flag"),
                    format!(
                        "{owner}: band {} has a critical or high flag but no `advice` (docs/scoring.md 5.2.4)",
                        i + 1
                    ),
                );
            }
            if !(0.0..=4.0).contains(&band.score) {
                self.error(
                    &with(&bpath, "score"),
                    format!("{owner}: band {} scores {}, outside 0 to 4", i + 1, band.score),
                );
            }
            let last = i + 1 == bands.len();
            match (band.below, last) {
                (None, false) => self.error(
                    &bpath,
                    format!("{owner}: band {} has no `below`, so the bands after it can never match (only the last band may omit `below`)", i + 1),
                ),
                (Some(below), true) => self.error(
                    &with(&bpath, "below"),
                    format!("{owner}: values of {below} and above fall in no band (end with a band without `below`)"),
                ),
                _ => {}
            }
            if let Some(below) = band.below {
                if !below.is_finite() {
                    self.error(
                        &with(&bpath, "below"),
                        format!("{owner}: band {} has a `below` that is not a finite number", i + 1),
                    );
                }
                let previous = bands[..i].iter().rev().find_map(|b| b.below);
                if let Some(previous) = previous.filter(|&p| below <= p) {
                    self.error(
                        &with(&bpath, "below"),
                        format!("{owner}: bands overlap: band {} (below {below}) is not above the band before it (below {previous}), so it can never match", i + 1),
                    );
                }
                if let Some(min) = min.filter(|&m| below <= m) {
                    self.error(
                        &with(&bpath, "below"),
                        format!(
                            "{owner}: band {} (below {below}) lies under the minimum {min}, so it can never match",
                            i + 1
                        ),
                    );
                }
            }
        }
    }

    /// A `when` (`field` "when", which may only look back) or an option's `unless`.
    #[allow(clippy::too_many_arguments)]
    fn check_when(
        &mut self,
        a: &Assessment,
        at: &[Seg],
        owner: &str,
        field: &str,
        when: &When,
        earlier: &HashMap<&str, usize>,
        order: usize,
    ) {
        let Some(target) = a.question(&when.question) else {
            self.error(&with(at, "question"), format!("{owner}: `{field}` names unknown question `{}`", when.question));
            return;
        };
        if earlier.get(when.question.as_str()).is_none_or(|&pos| pos >= order) {
            self.error(
                &with(at, "question"),
                format!(
                    "{owner}: `{field}` names question `{}`, which is not asked before it (a `{field}` may only look back)",
                    when.question
                ),
            );
        }
        if when.is_in.is_none() && when.not_in.is_none() && when.at_least.is_none() && when.below.is_none() {
            self.error(at, format!("{owner}: `{field}` needs at least one of `in`, `not_in`, `at_least`, `below`"));
        }
        for (key, values) in [("in", &when.is_in), ("not_in", &when.not_in)] {
            for value in values.iter().flatten() {
                match (target.kind, value) {
                    (Kind::Choice | Kind::Multi, WhenValue::Id(id)) if target.option(id).is_none() => self.error(
                        &with(at, key),
                        format!(
                            "{owner}: `{field}.{key}` names `{id}`, which is not an option of `{}` (options: {})",
                            target.id,
                            target.option_ids().join(", ")
                        ),
                    ),
                    (Kind::Choice | Kind::Multi, WhenValue::Number(n)) => self.error(
                        &with(at, key),
                        format!("{owner}: `{field}.{key}` lists {n}, but `{}` takes option ids", target.id),
                    ),
                    (Kind::Number, WhenValue::Id(id)) => self.error(
                        &with(at, key),
                        format!("{owner}: `{field}.{key}` lists `{id}`, but `{}` is a number question", target.id),
                    ),
                    _ => {}
                }
            }
        }
        if target.kind == Kind::Text && (when.at_least.is_some() || when.below.is_some()) {
            self.error(at, format!("{owner}: `at_least` and `below` cannot compare the text question `{}`", target.id));
        }
    }

    fn check_profiles(&mut self, a: &Assessment) {
        let mut seen = HashSet::new();
        for (i, p) in a.profiles.iter().enumerate() {
            let at = path!["profiles", i];
            if !is_id(&p.id, '_') {
                self.error(&with(&at, "id"), format!("profile id `{}` must use only a-z, 0-9 and `_`", p.id));
            }
            if !seen.insert(p.id.as_str()) {
                self.error(&with(&at, "id"), format!("duplicate profile id `{}`", p.id));
            }
            for (key, map) in [("weights", &p.weights), ("targets", &p.targets)] {
                for (dim, value) in map {
                    let here = [&at[..], &path![key, dim.as_str()]].concat();
                    if a.dimension(dim).is_none() {
                        self.error(
                            &here,
                            format!("profile `{}`: {key} name dimension `{dim}`, which is not declared", p.id),
                        );
                    }
                    let ok = match key {
                        "weights" => value.is_finite() && *value >= 0.0,
                        _ => (0.0..=100.0).contains(value),
                    };
                    if !ok {
                        let range = if key == "weights" { "0 or more" } else { "0 to 100" };
                        self.error(&here, format!("profile `{}`: {key} for `{dim}` must be {range}", p.id));
                    }
                }
            }
        }
    }

    fn check_metrics(&mut self, a: &Assessment) {
        let mut seen = HashSet::new();
        for (i, m) in a.metrics.iter().enumerate() {
            let at = path!["metrics", i];
            let owner = format!("metric `{}`", m.id);
            if !is_id(&m.id, '_') {
                self.error(&with(&at, "id"), format!("{owner}: id must use only a-z, 0-9 and `_`"));
            }
            if !seen.insert(m.id.as_str()) || a.question(&m.id).is_some() {
                self.error(
                    &with(&at, "id"),
                    format!("duplicate id `{}` (metric ids must differ from each other and from question ids)", m.id),
                );
            }
            for id in m.ratio.0.ids().into_iter().chain(m.ratio.1.ids()) {
                match a.question(id) {
                    None => self.error(&with(&at, "ratio"), format!("{owner}: `ratio` names unknown question `{id}`")),
                    Some(q) if q.kind != Kind::Number => self.error(
                        &with(&at, "ratio"),
                        format!(
                            "{owner}: `ratio` names `{id}`, a {} question; a metric divides number answers",
                            kind_name(q.kind)
                        ),
                    ),
                    _ => {}
                }
            }
            if !(m.weight.is_finite() && m.weight > 0.0) {
                self.error(&with(&at, "weight"), format!("{owner}: weight must be above 0"));
            }
            self.check_bands(&with(&at, "bands"), &owner, &m.bands, None);
            if let Some(zero) = &m.on_zero_divisor {
                let zpath = with(&at, "on_zero_divisor");
                if !(0.0..=4.0).contains(&zero.score) {
                    self.error(
                        &with(&zpath, "score"),
                        format!("{owner}: `on_zero_divisor` scores {}, outside 0 to 4", zero.score),
                    );
                }
                if urgent(zero.flag.as_ref()) && zero.advice.is_none() {
                    self.error(
                        &with(&zpath, "flag"),
                        format!("{owner}: `on_zero_divisor` has a critical or high flag but no `advice`"),
                    );
                }
                if m.bands.is_empty() {
                    self.error(
                        &zpath,
                        format!("{owner}: `on_zero_divisor` scores a metric, so the metric needs `bands`"),
                    );
                }
            }
            if !m.bands.is_empty() && m.dimensions.is_empty() {
                self.error(
                    &with(&at, "dimensions"),
                    format!("{owner}: a banded metric is scored, so it needs `dimensions`"),
                );
            }
            self.check_shares(a, &with(&at, "dimensions"), &owner, &m.dimensions);
        }
    }

    /// A level above what the best answers can give a dimension is a rubric defect.
    fn check_reachable_levels(&mut self, a: &Assessment) {
        let Some(top) = a.levels.last() else { return };
        for d in &a.dimensions {
            let (mut best, mut full) = (0.0, 0.0);
            for q in a.questions().filter(|q| q.is_scored()) {
                let Some(share) = q.dimensions.get(&d.id) else { continue };
                best += q.weight * share * q.best_score();
                full += q.weight * share * MAX_SCORE;
            }
            for m in a.metrics.iter().filter(|m| !m.bands.is_empty()) {
                let Some(share) = m.dimensions.get(&d.id) else { continue };
                best += m.weight * share * m.bands.iter().map(|b| b.score).fold(0.0, f64::max);
                full += m.weight * share * 4.0;
            }
            if full > 0.0 && 100.0 * best / full < top.min {
                let index = a.dimensions.iter().position(|x| x.id == d.id).unwrap_or(0);
                self.error(
                    &path!["dimensions", index, "id"],
                    format!(
                        "dimension `{}` can score at most {:.1}, so no answer can reach the top level (from {})",
                        d.id,
                        100.0 * best / full,
                        top.min
                    ),
                );
            }
        }
    }

    /// Every text must carry every language that any text in the file carries.
    fn check_languages(&mut self, a: &Assessment) {
        let texts = collect_texts(a);
        let mut all: Vec<&str> = Vec::new();
        for (_, text) in &texts {
            for lang in text.languages() {
                if !all.contains(&lang) {
                    all.push(lang);
                }
            }
        }
        for (at, text) in &texts {
            let have = text.languages();
            let missing: Vec<&str> = all.iter().copied().filter(|l| !have.contains(l)).collect();
            if !missing.is_empty() {
                self.error(at, format!("text is missing {}: `{}`", missing.join(", "), excerpt(text)));
            } else if text.is_blank() {
                self.error(at, "text is empty".to_string());
            }
        }
    }
}

fn collect_texts(a: &Assessment) -> Vec<TextAt<'_>> {
    let mut out: Vec<TextAt<'_>> = vec![(path!["title"].to_vec(), &a.title)];
    fn push<'t>(out: &mut Vec<TextAt<'t>>, at: impl Into<Vec<Seg>>, t: Option<&'t Text>) {
        if let Some(t) = t {
            out.push((at.into(), t));
        }
    }
    push(&mut out, path!["intro"], a.intro.as_ref());
    if let Some(r) = &a.respondent {
        for (key, list) in [("stages", &r.stages), ("sectors", &r.sectors)] {
            for (i, l) in list.iter().enumerate() {
                push(&mut out, path!["respondent", key, i, "label"], Some(&l.label));
            }
        }
    }
    for (i, d) in a.dimensions.iter().enumerate() {
        push(&mut out, path!["dimensions", i, "title"], Some(&d.title));
        push(&mut out, path!["dimensions", i, "description"], d.description.as_ref());
        for (j, t) in d.discussion.iter().enumerate() {
            push(&mut out, path!["dimensions", i, "discussion", j], Some(t));
        }
    }
    for (i, l) in a.levels.iter().enumerate() {
        push(&mut out, path!["levels", i, "name"], Some(&l.name));
    }
    for (si, s) in a.sections.iter().enumerate() {
        let sp = path!["sections", si];
        push(&mut out, with(&sp, "title"), Some(&s.title));
        push(&mut out, with(&sp, "intro"), s.intro.as_ref());
        push(&mut out, with(&sp, "discussion"), s.discussion.as_ref());
        for (i, t) in s.assumptions.iter().enumerate() {
            push(&mut out, [&sp[..], &path!["assumptions", i]].concat(), Some(t));
        }
        for (qi, q) in s.questions.iter().enumerate() {
            let qp = [&sp[..], &path!["questions", qi]].concat();
            push(&mut out, with(&qp, "title"), q.title.as_ref());
            push(&mut out, with(&qp, "prompt"), Some(&q.prompt));
            push(&mut out, with(&qp, "help"), q.help.as_ref());
            push(&mut out, with(&qp, "interview"), q.interview.as_ref());
            push(&mut out, with(&qp, "discussion"), q.discussion.as_ref());
            push(&mut out, with(&qp, "advice"), q.advice.as_ref());
            push(&mut out, with(&qp, "unit"), q.unit.as_ref());
            for (oi, o) in q.options.iter().enumerate() {
                let op = [&qp[..], &path!["options", oi]].concat();
                push(&mut out, with(&op, "label"), Some(&o.label));
                push(&mut out, with(&op, "short"), o.short.as_ref());
                push(&mut out, with(&op, "advice"), o.advice.as_ref());
                push(&mut out, [&op[..], &path!["flag", "text"]].concat(), o.flag.as_ref().map(|f| &f.text));
            }
            collect_band_texts(&mut out, &with(&qp, "bands"), &q.bands);
        }
    }
    for (i, p) in a.profiles.iter().enumerate() {
        push(&mut out, path!["profiles", i, "title"], Some(&p.title));
        push(&mut out, path!["profiles", i, "rationale"], p.rationale.as_ref());
    }
    for (i, m) in a.metrics.iter().enumerate() {
        let mp = path!["metrics", i];
        push(&mut out, with(&mp, "title"), Some(&m.title));
        push(&mut out, with(&mp, "help"), m.help.as_ref());
        push(&mut out, with(&mp, "unit"), m.unit.as_ref());
        collect_band_texts(&mut out, &with(&mp, "bands"), &m.bands);
        if let Some(zero) = &m.on_zero_divisor {
            let zp = with(&mp, "on_zero_divisor");
            push(&mut out, with(&zp, "label"), zero.label.as_ref());
            push(&mut out, with(&zp, "advice"), zero.advice.as_ref());
            if let Some(f) = &zero.flag {
                out.push(([&zp[..], &path!["flag", "text"]].concat(), &f.text));
            }
        }
    }
    out
}

fn collect_band_texts<'t>(out: &mut Vec<TextAt<'t>>, at: &[Seg], bands: &'t [Band]) {
    for (i, b) in bands.iter().enumerate() {
        let bp = [at, &path![i]].concat();
        if let Some(f) = &b.flag {
            out.push(([&bp[..], &path!["flag", "text"]].concat(), &f.text));
        }
        if let Some(advice) = &b.advice {
            out.push((with(&bp, "advice"), advice));
        }
    }
}

fn with(at: &[Seg], key: &str) -> Vec<Seg> {
    let mut p = at.to_vec();
    p.push(Seg::Key(key.to_string()));
    p
}

fn excerpt(text: &Text) -> String {
    let s = text.get(crate::text::Lang::En);
    let short: String = s.chars().take(40).collect();
    if short.len() < s.len() {
        format!("{short}...")
    } else {
        short
    }
}

fn ids<T>(items: &[T], id: impl Fn(&T) -> &String) -> String {
    items.iter().map(|x| format!("`{}`", id(x))).collect::<Vec<_>>().join(", ")
}

pub fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Choice => "choice",
        Kind::Multi => "multi",
        Kind::Number => "number",
        Kind::Text => "text",
    }
}

/// `[a-z0-9]` plus one separator (`-` for assessment ids, `_` for the rest), not empty.
pub fn is_id(s: &str, separator: char) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == separator)
}
