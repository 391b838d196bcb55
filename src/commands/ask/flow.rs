//! The guided questionnaire of `moat ask` as a state machine over a [`Prompter`]:
//! the respondent block, each applicable question in order (recomputed as `when`
//! conditions change), Esc to go back, the evidence follow-up, a review page, and an
//! autosave after every answer. No terminal here, so the tests drive it with a script.

use crate::commands::ask::layout::shorten;
use crate::commands::ask::prompt::{PromptError, Prompter, Reply, Request, Screen};
use crate::engine::report::{answer_label, Wording};
use crate::error::Error;
use crate::model::answers::{check_answer, Answer, AnswerFile, Evidence, Status};
use crate::model::condition::applicability;
use crate::model::definition::{respondent_choices, Assessment, Kind, Labelled, Profile, Question, RespondentChoices};
use crate::text::number::{format_number, parse_amount, typed_currency, unit_takes, AmountError, Currency};
use crate::text::Lang;

/// One thing the flow asks.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    Name,
    Stage,
    Sector,
    Profile,
    Question { assessment: usize, section: usize, question: usize },
    Review,
}

/// Where to begin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    /// From the first question (a new audit, or `--revise`).
    First,
    /// At the first question without an answer (`--resume`).
    FirstUnanswered,
}

#[derive(Debug)]
pub enum Outcome {
    /// The founder confirmed on the review page; the file is `complete`.
    Finished(AnswerFile),
    /// Ctrl-C; the file is `in_progress` and was saved.
    Interrupted(AnswerFile),
}

pub struct Flow<'a> {
    assessments: Vec<&'a Assessment>,
    lang: Lang,
    file: AnswerFile,
    /// `--only`: a dimension or section id.
    only: Option<String>,
    stages: Vec<&'a Labelled>,
    sectors: Vec<&'a Labelled>,
    profiles: Vec<&'a Profile>,
    /// `--revise`: progress is the place reached, not the answers held.
    revising: bool,
}

enum Asked {
    Answered,
    Back,
}

impl<'a> Flow<'a> {
    /// `assessments` are the ones to ask, in order; `file` holds earlier answers (empty for a new audit).
    pub fn new(assessments: Vec<&'a Assessment>, file: AnswerFile, lang: Lang, only: Option<String>) -> Flow<'a> {
        let RespondentChoices { stages, sectors, profiles } = respondent_choices(&assessments);
        let mut file = file;
        for a in &assessments {
            file.answers.entry(a.id.clone()).or_default();
            file.versions.insert(a.id.clone(), a.version);
        }
        Flow { assessments, lang, file, only, stages, sectors, profiles, revising: false }
    }

    /// Questions answered so far, and questions that can still apply (within `--only`):
    /// those that apply, and those whose condition waits on a question not answered yet.
    pub fn progress(&self) -> (usize, usize) {
        let counted = self.counted();
        (counted.iter().filter(|s| self.is_answered(s)).count(), counted.len())
    }

    /// Walk every question again, counting progress by place rather than by answers
    /// (`--revise`: every question is answered from the first screen).
    pub fn revising(mut self) -> Flow<'a> {
        self.revising = true;
        self
    }

    /// The questions progress counts: those that can still apply, in order (issue 14:
    /// counting only those that apply now made totals grow as answers opened branches).
    fn counted(&self) -> Vec<Step> {
        let mut steps = Vec::new();
        for (ai, a) in self.assessments.iter().enumerate() {
            let could = crate::model::condition::could_apply(a, &self.file);
            for (si, section) in a.sections.iter().enumerate() {
                for (qi, q) in section.questions.iter().enumerate() {
                    if self.in_scope(&section.id, q) && could.get(q.id.as_str()).copied().unwrap_or(false) {
                        steps.push(Step::Question { assessment: ai, section: si, question: qi });
                    }
                }
            }
        }
        steps
    }

    fn in_scope(&self, section: &str, q: &Question) -> bool {
        self.only.as_ref().is_none_or(|only| section == only || q.dimensions.contains_key(only))
    }

    fn t(&self, key: &str) -> &'static str {
        crate::text::labels::fixed_text(self.lang, key)
    }

    /// Every step that applies now, in order.
    fn steps(&self) -> Vec<Step> {
        let mut steps = Vec::new();
        if self.only.is_none() {
            steps.push(Step::Name);
            if !self.stages.is_empty() {
                steps.push(Step::Stage);
            }
            if !self.sectors.is_empty() {
                steps.push(Step::Sector);
            }
            if !self.profiles.is_empty() {
                steps.push(Step::Profile);
            }
        }
        for (ai, a) in self.assessments.iter().enumerate() {
            let applies = applicability(a, &self.file);
            for (si, section) in a.sections.iter().enumerate() {
                for (qi, q) in section.questions.iter().enumerate() {
                    if self.in_scope(&section.id, q) && applies.get(q.id.as_str()).copied().unwrap_or(false) {
                        steps.push(Step::Question { assessment: ai, section: si, question: qi });
                    }
                }
            }
        }
        steps.push(Step::Review);
        steps
    }

    fn question(&self, step: &Step) -> Option<(&'a Assessment, &'a Question)> {
        match *step {
            Step::Question { assessment, section, question } => {
                let a = self.assessments[assessment];
                Some((a, &a.sections[section].questions[question]))
            }
            _ => None,
        }
    }

    fn is_answered(&self, step: &Step) -> bool {
        let r = &self.file.respondent;
        match step {
            Step::Name => r.name.is_some(),
            Step::Stage => r.stage.is_some(),
            Step::Sector => r.sector.is_some(),
            Step::Profile => r.profile.is_some(),
            Step::Question { .. } => self.question(step).is_some_and(|(a, q)| self.file.answer(&a.id, &q.id).is_some()),
            Step::Review => false,
        }
    }

    /// Where `--resume` begins: the first step not yet done.
    ///
    /// The answers file does not record that the respondent block was passed, and each
    /// of its fields may be left blank, so a blank field alone cannot tell "skipped"
    /// from "not asked yet" (issue 10: a skipped name sent every resume back to it and
    /// through the answered questions). The flow asks the steps in order, so the rule
    /// is: a respondent step is done when it holds a value *or anything after it does*
    /// (a later respondent field, or any answered question). Only a file with nothing
    /// given at all starts again at the name, which costs a few Enter presses at most.
    /// A question is done only when answered: a skipped question is where the founder
    /// left off, as before.
    fn resume_position(&self, steps: &[Step]) -> usize {
        let is_respondent = |s: &Step| matches!(s, Step::Name | Step::Stage | Step::Sector | Step::Profile);
        // `given_after[i]`: some step after `i` holds a value.
        let mut given_after = vec![false; steps.len()];
        let mut seen = false;
        for (i, step) in steps.iter().enumerate().rev() {
            given_after[i] = seen;
            seen |= self.is_answered(step);
        }
        steps
            .iter()
            .enumerate()
            .position(|(i, s)| !(self.is_answered(s) || (is_respondent(s) && given_after[i])))
            .unwrap_or(steps.len() - 1)
    }

    /// Run to the end (or Ctrl-C), calling `save` after every answer.
    pub fn run(
        mut self,
        prompter: &mut dyn Prompter,
        start: Start,
        save: &mut dyn FnMut(&AnswerFile) -> Result<(), Error>,
    ) -> Result<Outcome, Error> {
        let steps = self.steps();
        let mut position = match start {
            Start::First => 0,
            Start::FirstUnanswered => self.resume_position(&steps),
        };
        // A finished audit stays finished unless an answer changes (issue 14: Ctrl-C on
        // the review page of a resumed, complete file made it "in progress").
        let loaded = (self.file.status, self.file.respondent.clone(), self.file.answers.clone());
        let status = |file: &AnswerFile| match loaded.0 {
            Status::Complete if file.respondent == loaded.1 && file.answers == loaded.2 => Status::Complete,
            _ => Status::InProgress,
        };
        let mut back_to_review = false;
        let mut edited: Option<usize> = None;
        loop {
            let steps = self.steps();
            position = position.min(steps.len() - 1);
            let step = steps[position].clone();
            let asked = match &step {
                Step::Review => match self.review(prompter, &steps, edited) {
                    Ok(Review::Finish) => {
                        self.file.status = Status::Complete;
                        save(&self.file)?;
                        return Ok(Outcome::Finished(self.file));
                    }
                    Ok(Review::Edit(index)) => {
                        position = index;
                        edited = steps.get(index).and_then(|s| self.steps().iter().position(|x| x == s));
                        back_to_review = true;
                        continue;
                    }
                    Ok(Review::Back) => Ok(Asked::Back),
                    Err(e) => Err(e),
                },
                step => {
                    prompter.header(&self.screen(&steps, position));
                    self.ask_step(prompter, step)
                }
            };
            match asked {
                Ok(Asked::Back) if position == 0 => prompter.notice(self.t("ask.first")),
                Ok(Asked::Back) => position -= 1,
                Ok(Asked::Answered) => {
                    self.drop_inapplicable(prompter);
                    self.file.status = status(&self.file);
                    save(&self.file)?;
                    let steps = self.steps();
                    // The row edited last, as the steps now stand (an answer may have
                    // opened or closed questions before it).
                    if back_to_review {
                        edited = steps.iter().position(|s| *s == step).or(edited);
                    }
                    position = if back_to_review {
                        steps.len() - 1
                    } else {
                        steps.iter().position(|s| *s == step).map_or(position, |i| i + 1)
                    };
                    back_to_review = false;
                }
                Err(PromptError::Interrupted) => {
                    self.file.status = status(&self.file);
                    save(&self.file)?;
                    return Ok(Outcome::Interrupted(self.file));
                }
                Err(PromptError::Terminal(message)) => return Err(Error::Terminal(message)),
            }
        }
    }

    fn screen(&self, steps: &[Step], position: usize) -> Screen {
        let counted = self.counted();
        let step = &steps[position];
        // Under `--revise` every question is answered from the start: progress is the
        // place reached (the questions before this one).
        let answered = match self.revising {
            true => counted.iter().position(|s| s == step).unwrap_or(counted.len()),
            false => counted.iter().filter(|s| self.is_answered(s)).count(),
        };
        let Step::Question { assessment, section, .. } = *step else {
            return Screen {
                title: self.t("ask.about_you").to_string(),
                section: (0, 0),
                question: (position + 1, steps.iter().take_while(|s| !matches!(s, Step::Question { .. })).count()),
                answered,
                total: counted.len(),
                intro: None,
                walked: self.revising,
            };
        };
        let mut sections: Vec<(usize, usize)> = Vec::new();
        for s in &counted {
            if let Step::Question { assessment, section, .. } = *s {
                if !sections.contains(&(assessment, section)) {
                    sections.push((assessment, section));
                }
            }
        }
        let in_section: Vec<&Step> = counted
            .iter()
            .filter(
                |s| matches!(**s, Step::Question { assessment: a, section: b, .. } if (a, b) == (assessment, section)),
            )
            .collect();
        let index = in_section.iter().position(|s| *s == step).unwrap_or(0);
        let a = self.assessments[assessment];
        let sec = &a.sections[section];
        Screen {
            title: format!("{} › {}", a.title.get(self.lang), sec.title.get(self.lang)),
            section: (sections.iter().position(|s| *s == (assessment, section)).unwrap_or(0) + 1, sections.len()),
            question: (index + 1, in_section.len()),
            answered,
            total: counted.len(),
            intro: if index == 0 { sec.intro.as_ref().map(|t| t.get(self.lang).to_string()) } else { None },
            walked: self.revising,
        }
    }

    fn ask_step(&mut self, p: &mut dyn Prompter, step: &Step) -> Result<Asked, PromptError> {
        match step {
            Step::Name => self.ask_name(p),
            Step::Stage => {
                let current = self.file.respondent.stage.clone();
                let picked = self.pick_labelled(p, self.t("ask.stage"), &self.stages, current.as_deref())?;
                Ok(picked.map_or(Asked::Back, |id| {
                    self.file.respondent.stage = Some(id);
                    Asked::Answered
                }))
            }
            Step::Sector => {
                let current = self.file.respondent.sector.clone();
                let picked = self.pick_labelled(p, self.t("ask.sector"), &self.sectors, current.as_deref())?;
                Ok(picked.map_or(Asked::Back, |id| {
                    self.file.respondent.sector = Some(id);
                    Asked::Answered
                }))
            }
            Step::Profile => self.ask_profile(p),
            Step::Question { .. } => match self.question(step) {
                Some((a, q)) => self.ask_question(p, a, q),
                None => Ok(Asked::Back),
            },
            Step::Review => Ok(Asked::Back),
        }
    }

    fn ask_name(&mut self, p: &mut dyn Prompter) -> Result<Asked, PromptError> {
        let initial = self.file.respondent.name.clone().unwrap_or_default();
        match self.ask_line(p, self.t("ask.name"), &initial)? {
            Some(name) => {
                self.file.respondent.name = (!name.is_empty()).then_some(name);
                Ok(Asked::Answered)
            }
            None => Ok(Asked::Back),
        }
    }

    /// A free line of text, trimmed; `None` means Esc.
    fn ask_line(&self, p: &mut dyn Prompter, message: &str, initial: &str) -> Result<Option<String>, PromptError> {
        let accept = |_: &str| Ok(());
        // A name or a note has no help: `?` is only ever text here (issue 14).
        let request = Request::Text { message, initial, keys: self.t("ask.keys_line"), validate: &accept };
        match p.ask(&request)? {
            Reply::Text(line) => Ok(Some(line.trim().to_string())),
            _ => Ok(None),
        }
    }

    /// A select over `{id, label}` items; `None` means Esc.
    fn pick_labelled(
        &self,
        p: &mut dyn Prompter,
        message: &str,
        items: &[&Labelled],
        current: Option<&str>,
    ) -> Result<Option<String>, PromptError> {
        let options = items.iter().map(|l| l.label.get(self.lang).to_string()).collect();
        let start = current.and_then(|c| items.iter().position(|l| l.id == c)).unwrap_or(0);
        match p.ask(&Request::Select { message, options, full: Vec::new(), start, keys: self.t("ask.keys_select") })? {
            Reply::Chosen(i) if i < items.len() => Ok(Some(items[i].id.clone())),
            _ => Ok(None),
        }
    }

    fn ask_profile(&mut self, p: &mut dyn Prompter) -> Result<Asked, PromptError> {
        // Short options, each a title; what each one means is one key away (issue 14:
        // the rationales made each option a paragraph).
        let mut options: Vec<String> = self.profiles.iter().map(|pr| pr.title.get(self.lang).to_string()).collect();
        options.push(self.t("ask.profile_none").to_string());
        let explained = self.profiles.iter().any(|pr| pr.rationale.is_some());
        if explained {
            options.push(self.t("ask.profile_why").to_string());
        }
        let mut start = match &self.file.respondent.profile {
            Some(id) => self.profiles.iter().position(|pr| &pr.id == id).unwrap_or(0),
            None => 0,
        };
        loop {
            let request = Request::Select {
                full: Vec::new(),
                message: self.t("ask.profile"),
                options: options.clone(),
                start,
                keys: self.t("ask.keys_select"),
            };
            match p.ask(&request)? {
                Reply::Chosen(i) if explained && i == self.profiles.len() + 1 => {
                    let meanings: Vec<String> = self
                        .profiles
                        .iter()
                        .map(|pr| match &pr.rationale {
                            Some(r) => format!("• {}: {}", pr.title.get(self.lang), r.get(self.lang)),
                            None => format!("• {}", pr.title.get(self.lang)),
                        })
                        .collect();
                    p.notice(&meanings.join("\n"));
                    start = i;
                }
                Reply::Chosen(i) => {
                    self.file.respondent.profile = self.profiles.get(i).map(|pr| pr.id.clone());
                    return Ok(Asked::Answered);
                }
                _ => return Ok(Asked::Back),
            }
        }
    }

    fn ask_question(&mut self, p: &mut dyn Prompter, a: &Assessment, q: &Question) -> Result<Asked, PromptError> {
        let lang = self.lang;
        let prompt = q.prompt.get(lang);
        let help = q.help.as_ref().map(|h| h.get(lang));
        let previous = self.file.answer(&a.id, &q.id).cloned();
        let mut chosen: Option<usize> = None;
        loop {
            let answer = match q.kind {
                Kind::Choice => {
                    let mut options: Vec<String> = q.options.iter().map(|o| o.listed(lang).to_string()).collect();
                    let full = full_labels(q, lang);
                    if help.is_some() {
                        options.push(self.t("ask.why").to_string());
                    }
                    // Back from the evidence follow-up, on the option just chosen.
                    let start = match (chosen, &previous) {
                        (Some(i), _) => i,
                        (None, Some(Answer::Choice { option, .. })) => {
                            q.options.iter().position(|o| &o.id == option).unwrap_or(0)
                        }
                        _ => 0,
                    };
                    let keys = self.t("ask.keys_select");
                    match p.ask(&Request::Select { message: prompt, options, full, start, keys })? {
                        Reply::Chosen(i) if i < q.options.len() => {
                            let option = &q.options[i];
                            let strong = crate::model::definition::is_strong(option.score);
                            if q.evidence && strong {
                                match self.ask_evidence(p, previous.as_ref())? {
                                    Some((evidence, note)) => {
                                        Answer::Choice { option: option.id.clone(), evidence: Some(evidence), note }
                                    }
                                    None => {
                                        chosen = Some(i);
                                        continue;
                                    }
                                }
                            } else {
                                // An unchanged answer keeps its note (issue 13: a revision
                                // kept 2 of thin-wrapper's 19); a changed one drops it, since
                                // it described the old answer.
                                let note = match &previous {
                                    Some(Answer::Choice { option: old, note, .. }) if *old == option.id => note.clone(),
                                    _ => None,
                                };
                                Answer::Choice { option: option.id.clone(), evidence: None, note }
                            }
                        }
                        Reply::Chosen(_) => {
                            p.notice(help.unwrap_or_default());
                            continue;
                        }
                        _ => return Ok(Asked::Back),
                    }
                }
                Kind::Multi => {
                    let options = q.options.iter().map(|o| o.listed(lang).to_string()).collect();
                    let full = full_labels(q, lang);
                    let selected = match &previous {
                        Some(Answer::Multi(ids)) => {
                            ids.iter().filter_map(|id| q.options.iter().position(|o| &o.id == id)).collect()
                        }
                        _ => Vec::new(),
                    };
                    // The ? entries of a list of ticks act when ticked, and the keys say so.
                    let keys = match help.is_some() || !full.is_empty() {
                        true => self.t("ask.keys_multi_entries"),
                        false => self.t("ask.keys_multi"),
                    };
                    let ids_of = |picked: &[usize]| -> Vec<String> {
                        picked.iter().filter_map(|&i| q.options.get(i)).map(|o| o.id.clone()).collect()
                    };
                    // Refused as it is ticked, in the prompt's own style (issue 14); the
                    // answer check below would refuse it too, in a file's words.
                    let alone = q
                        .options
                        .iter()
                        .enumerate()
                        .filter(|(_, o)| o.stands_alone())
                        .map(|(i, o)| (i, self.t("ask.stands_alone").replace("{option}", o.listed(lang))))
                        .collect();
                    match p.ask(&Request::MultiSelect {
                        message: prompt,
                        options,
                        full,
                        selected,
                        keys,
                        alone,
                        help,
                    })? {
                        Reply::ChosenMany(picked) => Answer::Multi(ids_of(&picked)),
                        _ => return Ok(Asked::Back),
                    }
                }
                Kind::Number | Kind::Text => {
                    let initial = match &previous {
                        Some(Answer::Number(n)) => format_number(*n),
                        Some(Answer::Text(t)) => t.clone(),
                        _ => String::new(),
                    };
                    let message = match &q.unit {
                        Some(unit) => format!("{prompt} ({})", unit.get(lang)),
                        None => prompt.to_string(),
                    };
                    let validate = |input: &str| self.validate_typed(q, input, help.is_some());
                    // `?` asks for help only where there is help to give.
                    // Money examples for an amount, plain ones for a share or a count.
                    let money = unit_takes(&unit_texts(q), Currency::Dollar);
                    let keys = match (q.kind, help.is_some()) {
                        (Kind::Number, true) if money => self.t("ask.keys_number"),
                        (Kind::Number, false) if money => self.t("ask.keys_number_plain"),
                        (Kind::Number, true) => self.t("ask.keys_bare_number"),
                        (Kind::Number, false) => self.t("ask.keys_bare_number_plain"),
                        (_, true) => self.t("ask.keys_text"),
                        (_, false) => self.t("ask.keys_line"),
                    };
                    match p.ask(&Request::Text { message: &message, initial: &initial, keys, validate: &validate })? {
                        Reply::Text(input) if input.trim() == "?" && help.is_some() => {
                            p.notice(help.unwrap_or_default());
                            continue;
                        }
                        Reply::Text(input) if input.trim().is_empty() => {
                            // An empty line leaves the question unanswered.
                            if let Some(answers) = self.file.answers.get_mut(&a.id) {
                                answers.shift_remove(&q.id);
                            }
                            return Ok(Asked::Answered);
                        }
                        Reply::Text(input) => match q.kind {
                            Kind::Number => match parse_amount(&input) {
                                Ok(n) => Answer::Number(n),
                                Err(_) => continue,
                            },
                            _ => Answer::Text(input.trim().to_string()),
                        },
                        _ => return Ok(Asked::Back),
                    }
                }
            };
            // The same check a file's answer gets; a prompt only offers valid answers, so
            // this fails only if the two ever drift apart.
            if let Err(message) = check_answer(q, &answer) {
                p.notice(&message);
                continue;
            }
            if let Some(answers) = self.file.answers.get_mut(&a.id) {
                answers.insert(q.id.clone(), answer);
            }
            return Ok(Asked::Answered);
        }
    }

    /// The message for a typed value the question refuses, in the founder's language.
    fn validate_typed(&self, q: &Question, input: &str, has_help: bool) -> Result<(), String> {
        let input = input.trim();
        if input.is_empty() || (input == "?" && has_help) || q.kind == Kind::Text {
            return Ok(());
        }
        let n = match parse_amount(input) {
            Ok(n) => n,
            Err(AmountError::DecimalComma(point)) => {
                return Err(self.t("ask.decimal_comma").replace("{point}", &point))
            }
            Err(AmountError::NotANumber) => return Err(self.t("ask.not_a_number").to_string()),
        };
        if let Some(currency) = typed_currency(input) {
            if !unit_takes(&unit_texts(q), currency) {
                // moat converts nothing: ¥300万 read as dollars is seven times the spend.
                return Err(match &q.unit {
                    Some(unit) => {
                        self.t("ask.other_currency").replace("{unit}", unit.get(self.lang)).replace("{input}", input)
                    }
                    None => self.t("ask.no_currency").to_string(),
                });
            }
        }
        check_answer(q, &Answer::Number(n)).map_err(|_| {
            let bound = |key: &str, v: f64| self.t(key).replace("{n}", &crate::text::number::group_thousands(v));
            match (q.min, q.max) {
                (Some(min), _) if n < min => bound("ask.at_least", min),
                (_, Some(max)) if n > max => bound("ask.at_most", max),
                _ => self.t("ask.not_a_number").to_string(),
            }
        })
    }

    /// The evidence follow-up; `None` means Esc (back to the question).
    fn ask_evidence(
        &self,
        p: &mut dyn Prompter,
        previous: Option<&Answer>,
    ) -> Result<Option<(Evidence, Option<String>)>, PromptError> {
        let (old_evidence, old_note) = match previous {
            Some(Answer::Choice { evidence, note, .. }) => (*evidence, note.clone().unwrap_or_default()),
            _ => (None, String::new()),
        };
        loop {
            let options =
                Evidence::ALL.iter().map(|e| self.t(&format!("ask.evidence.{}", e.as_str())).to_string()).collect();
            // Without recorded evidence the cursor rests on "our word only": pressing Enter
            // must never claim more than was recorded (no evidence and our word both credit 50%).
            let start =
                Evidence::ALL.iter().position(|x| *x == old_evidence.unwrap_or(Evidence::Assertion)).unwrap_or(0);
            let request = Request::Select {
                full: Vec::new(),
                message: self.t("ask.evidence_prompt"),
                options,
                start,
                keys: self.t("ask.keys_select"),
            };
            let evidence = match p.ask(&request)? {
                Reply::Chosen(i) if i < Evidence::ALL.len() => Evidence::ALL[i],
                _ => return Ok(None),
            };
            match self.ask_line(p, self.t("ask.note"), &old_note)? {
                Some(note) => return Ok(Some((evidence, (!note.is_empty()).then_some(note)))),
                None => continue,
            }
        }
    }

    /// Answers to questions that no longer apply are dropped, and the founder is told.
    fn drop_inapplicable(&mut self, p: &mut dyn Prompter) {
        let mut dropped = Vec::new();
        for a in &self.assessments {
            let applies = applicability(a, &self.file);
            if let Some(answers) = self.file.answers.get_mut(&a.id) {
                answers.retain(|id, _| {
                    let keep = applies.get(id.as_str()).copied().unwrap_or(true);
                    if !keep {
                        if let Some(q) = a.question(id) {
                            dropped.push(q.prompt.get(self.lang).to_string());
                        }
                    }
                    keep
                });
            }
        }
        if !dropped.is_empty() {
            p.notice(&format!("{}\n  - {}", self.t("ask.dropped"), dropped.join("\n  - ")));
        }
    }

    /// One row of the review page for a respondent step: what it asks, and the answer.
    fn respondent_row(&self, step: &Step) -> Option<String> {
        let r = &self.file.respondent;
        let label_of = |items: &[&Labelled], id: &Option<String>| {
            id.as_ref()
                .map(|id| items.iter().find(|l| &l.id == id).map_or(id.clone(), |l| l.label.get(self.lang).into()))
        };
        let (what, value) = match step {
            Step::Name => (self.t("ask.review_name"), r.name.clone()),
            Step::Stage => (self.t("ask.review_stage"), label_of(&self.stages, &r.stage)),
            Step::Sector => (self.t("ask.review_sector"), label_of(&self.sectors, &r.sector)),
            Step::Profile => (
                self.t("ask.review_profile"),
                Some(match &r.profile {
                    Some(id) => self
                        .profiles
                        .iter()
                        .find(|p| &p.id == id)
                        .map_or(id.clone(), |p| p.title.get(self.lang).to_string()),
                    None => self.t("ask.profile_none").to_string(),
                }),
            ),
            _ => return None,
        };
        Some(format!("  {what} → {}", value.unwrap_or_else(|| format!("({})", self.t("ask.not_given")))))
    }

    /// The review page: the respondent block, then each section's questions under its
    /// title, one line each; choosing a section's title goes to its first question.
    /// `cursor` is the step edited last, where the page opens again (issue 14).
    fn review(&self, p: &mut dyn Prompter, steps: &[Step], cursor: Option<usize>) -> Result<Review, PromptError> {
        // Each row, and the step it goes to (`None`: finish).
        let mut rows: Vec<(String, Option<usize>)> = vec![(self.t("ask.finish").to_string(), None)];
        let mut group: Option<(usize, usize)> = None;
        let mut respondent_shown = false;
        for (index, step) in steps.iter().enumerate() {
            if let Some(row) = self.respondent_row(step) {
                if !respondent_shown {
                    rows.push((format!("── {} ──", self.t("ask.about_you")), Some(index)));
                    respondent_shown = true;
                }
                rows.push((row, Some(index)));
                continue;
            }
            let Some((a, q)) = self.question(step) else { continue };
            let Step::Question { assessment, section, .. } = *step else { continue };
            if group != Some((assessment, section)) {
                group = Some((assessment, section));
                rows.push((format!("── {} ──", a.sections[section].title.get(self.lang)), Some(index)));
            }
            let answer = match self.file.answer(&a.id, &q.id) {
                Some(answer) => answer_label(q, answer, self.lang, Wording::List),
                None => format!("({})", self.t("ask.not_answered")),
            };
            rows.push((format!("  {} → {answer}", q.short_title().get(self.lang)), Some(index)));
        }
        let questions: Vec<&Step> = steps.iter().filter(|s| matches!(s, Step::Question { .. })).collect();
        let unanswered = questions.iter().filter(|s| !self.is_answered(s)).count();
        let counted = self.counted();
        p.header(&Screen {
            title: self.t("ask.review_title").to_string(),
            section: (0, 0),
            question: (0, 0),
            answered: counted.iter().filter(|s| self.is_answered(s)).count(),
            total: counted.len(),
            intro: Some(self.t("ask.review_intro").to_string()),
            walked: false,
        });
        // One line a row: a long answer is cut, the page keeps its shape.
        let width = p.columns().saturating_sub(REVIEW_ROW_MARGIN).max(REVIEW_ROW_MIN);
        let options: Vec<String> = rows.iter().map(|(text, _)| shorten(text, width)).collect();
        let start = cursor.and_then(|c| rows.iter().rposition(|(_, step)| *step == Some(c))).unwrap_or(0);
        match p.ask(&Request::Select {
            full: Vec::new(),
            message: self.t("ask.review_prompt"),
            options,
            start,
            keys: self.t("ask.keys_select"),
        })? {
            Reply::Chosen(0) if unanswered > 0 => {
                let key = if unanswered == 1 { "ask.unanswered_confirm_one" } else { "ask.unanswered_confirm" };
                let message = self.t(key).replace("{n}", &unanswered.to_string());
                let options = vec![self.t("ask.finish_anyway").to_string(), self.t("ask.keep_answering").to_string()];
                match p.ask(&Request::Select {
                    full: Vec::new(),
                    message: &message,
                    options,
                    start: 0,
                    keys: self.t("ask.keys_select"),
                })? {
                    Reply::Chosen(0) => Ok(Review::Finish),
                    _ => {
                        let first = steps
                            .iter()
                            .position(|s| matches!(s, Step::Question { .. }) && !self.is_answered(s))
                            .unwrap_or(0);
                        Ok(Review::Edit(first))
                    }
                }
            }
            Reply::Chosen(i) => match rows.get(i) {
                Some((_, None)) => Ok(Review::Finish),
                Some((_, Some(index))) => Ok(Review::Edit(*index)),
                None => Ok(Review::Back),
            },
            _ => Ok(Review::Back),
        }
    }
}

/// A question's unit in every language it is written in ("USD / month", "美元/月").
fn unit_texts(q: &Question) -> Vec<&str> {
    q.unit.as_ref().map(|u| u.variants().into_iter().map(|(_, t)| t).collect()).unwrap_or_default()
}

/// The whole labels of a question whose options list short ones (see [`Request::Select`]);
/// empty when every option is listed as it is.
fn full_labels(q: &Question, lang: Lang) -> Vec<String> {
    match q.options.iter().any(|o| o.short.is_some()) {
        true => q.options.iter().map(|o| o.label.get(lang).to_string()).collect(),
        false => Vec::new(),
    }
}

/// The review page has a row per answer, cut to the terminal's width less this (the
/// cursor's marker and a column to spare), and never narrower than `REVIEW_ROW_MIN`
/// (a narrower terminal wraps the row under itself).
const REVIEW_ROW_MARGIN: usize = 4;
const REVIEW_ROW_MIN: usize = 40;

enum Review {
    Finish,
    Edit(usize),
    Back,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::answers::Respondent;
    use std::collections::VecDeque;

    const MINI: &str = include_str!("../../../tests/fixtures/assessments/mini.yaml");

    /// Replays scripted replies; records what was asked and shown.
    #[derive(Default)]
    struct Script {
        replies: VecDeque<Result<Reply, PromptError>>,
        asked: Vec<(String, Option<usize>)>,
        screens: Vec<Screen>,
        notices: Vec<String>,
        refused: Vec<String>,
    }

    impl Script {
        fn new(replies: Vec<Reply>) -> Script {
            Script { replies: replies.into_iter().map(Ok).collect(), ..Script::default() }
        }
    }

    impl Prompter for Script {
        fn header(&mut self, screen: &Screen) {
            self.screens.push(screen.clone());
        }
        fn notice(&mut self, text: &str) {
            self.notices.push(text.to_string());
        }
        fn ask(&mut self, request: &Request) -> Result<Reply, PromptError> {
            let (message, start) = match request {
                Request::Select { message, start, .. } => (message, Some(*start)),
                Request::MultiSelect { message, .. } | Request::Text { message, .. } => (message, None),
            };
            self.asked.push((message.to_string(), start));
            loop {
                let reply = self
                    .replies
                    .pop_front()
                    .unwrap_or_else(|| panic!("the script ran out of replies at {:?}", self.asked))?;
                // Like inquire, a refused answer is never returned: the person tries again.
                let refused = match (request, &reply) {
                    (Request::Text { validate, .. }, Reply::Text(text)) => validate(text).err(),
                    (Request::MultiSelect { alone, .. }, Reply::ChosenMany(picked)) => {
                        crate::commands::ask::prompt::refuse_alone(alone, picked).map(str::to_string)
                    }
                    _ => None,
                };
                match refused {
                    Some(e) => self.refused.push(e),
                    None => return Ok(reply),
                }
            }
        }
    }

    /// Issue 16: the profile question started on "Foundation model company", so founders
    /// pressing Enter got a lab's weights. `ask` starts on the first profile offered (in
    /// definition order), which in the built-ins is the most common kind of startup.
    #[test]
    fn issue_16_the_profile_preselected_for_a_new_audit_is_an_application_on_model_apis() {
        let catalog = crate::model::catalog::Catalog::builtin().unwrap();
        let flow = Flow::new(catalog.all().iter().collect(), AnswerFile::default(), Lang::En, None);
        let offered: Vec<&str> = flow.profiles.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(offered, ["application", "adapter", "foundation"]);
        for a in catalog.all() {
            assert_eq!(a.profiles.first().map(|p| p.id.as_str()), Some("application"), "{}", a.id);
        }
        // Name, stage, sector, then the profile; stop there.
        let mut script = Script::new(vec![text("Acme"), Chosen(0), Chosen(0), Chosen(0)]);
        script.replies.push_back(Err(PromptError::Interrupted));
        let _ = flow.run(&mut script, Start::First, &mut |_: &AnswerFile| Ok(()));
        let profile_question = script.asked.iter().find(|(m, _)| m.starts_with("Which describes how you build"));
        assert_eq!(profile_question.map(|(_, start)| *start), Some(Some(0)), "{:?}", script.asked);
    }

    fn mini() -> Assessment {
        crate::model::definition::load("mini.yaml", MINI).unwrap().assessment
    }

    fn run(
        a: &Assessment,
        file: AnswerFile,
        start: Start,
        only: Option<&str>,
        script: &mut Script,
    ) -> (Outcome, usize) {
        let mut saves = 0;
        let flow = Flow::new(vec![a], file, Lang::En, only.map(str::to_string));
        let outcome = flow
            .run(script, start, &mut |f: &AnswerFile| {
                saves += 1;
                // Every autosave is a file moat accepts.
                let catalog = crate::model::catalog::Catalog::from_assessments(vec![mini()]);
                crate::model::answers::load("autosave.yaml", &f.to_yaml().unwrap(), &catalog)
                    .map(|_| ())
                    .map_err(Error::from)
            })
            .unwrap();
        (outcome, saves)
    }

    fn finished(outcome: Outcome) -> AnswerFile {
        match outcome {
            Outcome::Finished(f) => f,
            Outcome::Interrupted(_) => panic!("interrupted"),
        }
    }

    use Reply::{Back, Chosen, ChosenMany, Text};

    fn text(s: &str) -> Reply {
        Text(s.to_string())
    }

    #[test]
    fn a_full_run_in_order_with_the_evidence_follow_up() {
        let a = mini();
        let mut script = Script::new(vec![
            text("Acme"),
            Chosen(0), // profile: lab
            Chosen(2), // model: own (scores 4, evidence question)
            Chosen(0), // evidence: verifiable
            text("bench log"),
            Chosen(1), // evals: held_out (applies because model is own)
            Chosen(1), // rights: licensed
            ChosenMany(vec![0, 1]),
            text("1.2m"),
            text("100k"),
            text("two founders"),
            Chosen(0), // review: finish
        ]);
        let (outcome, saves) = run(&a, AnswerFile::default(), Start::First, None, &mut script);
        let file = finished(outcome);
        assert_eq!(file.status, Status::Complete);
        assert_eq!(file.respondent.name.as_deref(), Some("Acme"));
        assert_eq!(file.respondent.profile.as_deref(), Some("lab"));
        assert_eq!(
            file.answer("mini", "model"),
            Some(&Answer::Choice {
                option: "own".into(),
                evidence: Some(Evidence::Verifiable),
                note: Some("bench log".into())
            })
        );
        assert_eq!(file.answer("mini", "evals"), Some(&Answer::choice("held_out")));
        assert_eq!(file.answer("mini", "sources"), Some(&Answer::Multi(vec!["licensed".into(), "own".into()])));
        assert_eq!(file.answer("mini", "cash"), Some(&Answer::Number(1_200_000.0)));
        assert_eq!(file.answer("mini", "burn"), Some(&Answer::Number(100_000.0)));
        // One save per answered step (name, profile, 7 questions) and one on finishing.
        assert_eq!(saves, 10);
        assert!(script.replies.is_empty());
    }

    /// Issue 14: the total counts the questions that can still apply, so it moves only
    /// when an answer closes a branch, and never up while answers are only added;
    /// section and question numbers never go backwards.
    #[test]
    fn progress_totals_move_only_with_answers_and_numbers_never_go_back() {
        let a = mini();
        let replies = |model: usize| {
            let mut r = vec![text("Acme"), Chosen(0), Chosen(model)];
            if model == 2 {
                r.extend([Chosen(0), text(""), Chosen(1)]); // evidence, note, evals
            }
            r.extend([Chosen(1), ChosenMany(vec![0]), text("1m"), text("50k"), text("none"), Chosen(0)]);
            r
        };
        for (model, evals_asked) in [(0, false), (2, true)] {
            let mut script = Script::new(replies(model));
            let (outcome, _) = run(&a, AnswerFile::default(), Start::First, None, &mut script);
            finished(outcome);
            let questions: Vec<&Screen> = script.screens.iter().filter(|s| s.section.1 > 0).collect();
            let totals: Vec<usize> = questions.iter().map(|s| s.total).collect();
            assert_eq!(totals[0], 7, "every question of mini can apply before the first answer");
            assert!(totals.windows(2).all(|w| w[1] <= w[0]), "{totals:?}");
            let expected_last = if evals_asked { 7 } else { 6 };
            assert_eq!(*totals.last().unwrap(), expected_last, "{totals:?}");
            let places: Vec<(usize, usize)> = questions.iter().map(|s| (s.section.0, s.question.0)).collect();
            assert!(places.windows(2).all(|w| w[1] > w[0]), "{places:?}");
            let answered: Vec<usize> = questions.iter().map(|s| s.answered).collect();
            assert_eq!(answered, (0..answered.len()).collect::<Vec<_>>(), "one more answered per screen");
        }
    }

    #[test]
    fn a_question_whose_condition_fails_is_skipped() {
        let a = mini();
        let mut script = Script::new(vec![
            text(""),
            Chosen(1), // no profile
            Chosen(0), // model: api, so evals does not apply
            Chosen(0), // rights: none
            ChosenMany(vec![]),
            text(""),
            text(""),
            text(""),
            Chosen(0), // finish
            Chosen(0), // finish anyway: cash, burn and notes are unanswered
        ]);
        let file = finished(run(&a, AnswerFile::default(), Start::First, None, &mut script).0);
        let asked: Vec<&str> = script.asked.iter().map(|(m, _)| m.as_str()).collect();
        assert!(!asked.contains(&"How do you evaluate?"), "{asked:?}");
        assert_eq!(file.respondent.name, None);
        assert_eq!(file.respondent.profile, None);
        assert_eq!(file.answer("mini", "cash"), None, "an empty number is unanswered");
    }

    #[test]
    fn esc_goes_back_with_the_earlier_answer_preselected_and_drops_answers_that_stop_applying() {
        let a = mini();
        let mut script = Script::new(vec![
            text("Acme"),
            Chosen(0),
            Chosen(1), // model: tuned (scores 2, no evidence asked)
            Chosen(1), // evals: held_out
            Back,      // at rights: back to evals
            Back,      // back to model
            Chosen(0), // model: api, so the evals answer no longer applies
            Chosen(1), // rights
            ChosenMany(vec![0]),
            text("10"),
            text("1"),
            text(""),
            Chosen(0),
            Chosen(0), // finish anyway: notes is unanswered
        ]);
        let file = finished(run(&a, AnswerFile::default(), Start::First, None, &mut script).0);
        // Back at model, `tuned` (index 1) was preselected; back at evals, `held_out` was.
        let starts: Vec<(&str, Option<usize>)> = script.asked.iter().map(|(m, s)| (m.as_str(), *s)).collect();
        assert!(starts.contains(&("Which model do you run?", Some(1))), "{starts:?}");
        assert!(starts.contains(&("How do you evaluate?", Some(1))), "{starts:?}");
        assert_eq!(file.answer("mini", "evals"), None);
        assert!(script.notices.iter().any(|n| n.contains("no longer apply") && n.contains("How do you evaluate?")));
    }

    #[test]
    fn esc_on_the_first_question_says_so() {
        let a = mini();
        let mut script = Script { replies: vec![Ok(Back), Err(PromptError::Interrupted)].into(), ..Script::default() };
        let (outcome, _) = run(&a, AnswerFile::default(), Start::First, None, &mut script);
        assert!(matches!(outcome, Outcome::Interrupted(_)));
        assert_eq!(script.notices, vec!["This is the first question."]);
    }

    #[test]
    fn help_is_shown_on_demand_and_the_question_asked_again() {
        let a = mini();
        let mut script = Script::new(vec![text("Acme"), Chosen(0), Chosen(4)]);
        script.replies.push_back(Err(PromptError::Interrupted));
        run(&a, AnswerFile::default(), Start::First, None, &mut script);
        assert!(script.notices.contains(&"Owning the model matters.".to_string()));
        assert_eq!(script.asked.iter().filter(|(m, _)| m == "Which model do you run?").count(), 2);
    }

    #[test]
    fn typed_numbers_go_through_the_answer_checks() {
        let a = mini();
        let file = AnswerFile {
            respondent: Respondent { name: Some("Acme".into()), profile: Some("lab".into()), ..Respondent::default() },
            ..AnswerFile::default()
        };
        let mut file = file;
        let mut answers = indexmap::IndexMap::new();
        answers.insert("model".to_string(), Answer::choice("api"));
        answers.insert("rights".to_string(), Answer::choice("licensed"));
        answers.insert("sources".to_string(), Answer::Multi(vec![]));
        file.answers.insert("mini".to_string(), answers);
        let mut script =
            Script::new(vec![text("-5"), text("lots"), text("?"), text("1,5k"), text("¥300万"), text("$42,000")]);
        script.replies.push_back(Err(PromptError::Interrupted));
        let (outcome, _) = run(&a, file, Start::FirstUnanswered, None, &mut script);
        let not_a_number = "Type a number, such as 42000, 42,000 or 42k";
        assert_eq!(
            script.refused,
            vec![
                "Must be at least 0",
                not_a_number,
                not_a_number, // `?` means help only where there is some (issue 14)
                "A comma here groups thousands only (42,000); for a decimal, type a point: 1.5k",
                // Not read as 3 million dollars (the review of this session).
                "This question is in USD: convert ¥300万 at last month's average rate and type the result.",
            ]
        );
        assert!(script.notices.is_empty(), "{:?}", script.notices);
        let Outcome::Interrupted(file) = outcome else { panic!("expected an interruption") };
        assert_eq!(file.answer("mini", "cash"), Some(&Answer::Number(42000.0)));
        assert_eq!(file.status, Status::InProgress);
    }

    /// Issues 11 and 14: "none of these" ticked with other options is refused under the prompt, which stays.
    #[test]
    fn an_option_that_stands_alone_is_not_taken_with_others() {
        let a = mini();
        let mut file = AnswerFile {
            respondent: Respondent { name: Some("Acme".into()), profile: Some("lab".into()), ..Respondent::default() },
            ..AnswerFile::default()
        };
        let mut answers = indexmap::IndexMap::new();
        answers.insert("model".to_string(), Answer::choice("api"));
        answers.insert("rights".to_string(), Answer::choice("licensed"));
        file.answers.insert("mini".to_string(), answers);
        let mut script = Script::new(vec![Reply::ChosenMany(vec![0, 3]), Reply::ChosenMany(vec![1])]);
        script.replies.push_back(Err(PromptError::Interrupted));
        let (outcome, _) = run(&a, file, Start::FirstUnanswered, None, &mut script);
        assert_eq!(
            script.refused,
            vec![
                "\"None of these\" cannot be ticked together with other options: choose it alone, or only the others."
            ],
            "refused under the prompt as it is ticked"
        );
        let Outcome::Interrupted(file) = outcome else { panic!("expected an interruption") };
        assert_eq!(file.answer("mini", "sources"), Some(&Answer::Multi(vec!["own".to_string()])));
    }

    #[test]
    fn ctrl_c_keeps_every_answer_given() {
        let a = mini();
        let mut script = Script::new(vec![text("Acme"), Chosen(0), Chosen(0)]);
        script.replies.push_back(Err(PromptError::Interrupted));
        let (outcome, saves) = run(&a, AnswerFile::default(), Start::First, None, &mut script);
        let Outcome::Interrupted(file) = outcome else { panic!("expected an interruption") };
        assert_eq!(file.answer("mini", "model"), Some(&Answer::choice("api")));
        assert_eq!(file.status, Status::InProgress);
        assert_eq!(saves, 4, "three answers and the save on Ctrl-C");
    }

    /// Issue 14: Ctrl-C on the review page of a resumed, complete file keeps it complete;
    /// an answer changed before Ctrl-C makes it in progress again.
    #[test]
    fn a_complete_file_stays_complete_unless_an_answer_changes() {
        let a = mini();
        let mut file = AnswerFile {
            respondent: Respondent { name: Some("Acme".into()), profile: Some("lab".into()), ..Respondent::default() },
            status: Status::Complete,
            ..AnswerFile::default()
        };
        let answers = [
            ("model", Answer::choice("api")),
            ("rights", Answer::choice("licensed")),
            ("sources", Answer::Multi(vec!["own".into()])),
            ("cash", Answer::Number(10.0)),
            ("burn", Answer::Number(1.0)),
            ("notes", Answer::Text("x".into())),
        ];
        file.answers.insert("mini".into(), answers.into_iter().map(|(k, v)| (k.to_string(), v)).collect());
        let interrupted = |replies: Vec<Reply>| {
            let mut script = Script::new(replies);
            script.replies.push_back(Err(PromptError::Interrupted));
            match run(&a, file.clone(), Start::FirstUnanswered, None, &mut script).0 {
                Outcome::Interrupted(file) => file,
                Outcome::Finished(_) => panic!("expected an interruption"),
            }
        };
        assert_eq!(interrupted(vec![]).status, Status::Complete, "stopped on the review page");
        assert_eq!(interrupted(vec![Chosen(5), Chosen(0)]).status, Status::Complete, "the same answer again");
        let changed = interrupted(vec![Chosen(5), Chosen(1)]);
        assert_eq!(changed.answer("mini", "model"), Some(&Answer::choice("tuned")));
        assert_eq!(changed.status, Status::InProgress, "a changed answer is not reviewed yet");
    }

    #[test]
    fn resume_starts_at_the_first_unanswered_question() {
        let a = mini();
        let mut file = AnswerFile {
            respondent: Respondent { name: Some("Acme".into()), profile: Some("lab".into()), ..Respondent::default() },
            ..AnswerFile::default()
        };
        file.answers.insert("mini".into(), [("model".to_string(), Answer::choice("tuned"))].into_iter().collect());
        let mut script = Script::new(vec![]);
        script.replies.push_back(Err(PromptError::Interrupted));
        run(&a, file, Start::FirstUnanswered, None, &mut script);
        assert_eq!(script.asked[0].0, "How do you evaluate?");
    }

    #[test]
    fn issue_10_resume_after_a_skipped_name_or_profile_starts_at_the_first_unanswered_question() {
        let a = mini();
        let first_asked = |respondent: Respondent, answers: &[(&str, &str)]| {
            let mut file = AnswerFile { respondent, ..AnswerFile::default() };
            file.answers
                .insert("mini".into(), answers.iter().map(|(q, o)| (q.to_string(), Answer::choice(o))).collect());
            let mut script = Script { replies: vec![Err(PromptError::Interrupted)].into(), ..Script::default() };
            run(&a, file, Start::FirstUnanswered, None, &mut script);
            script.asked[0].0.clone()
        };
        // Name and profile both skipped (left blank), one question answered.
        assert_eq!(first_asked(Respondent::default(), &[("model", "tuned")]), "How do you evaluate?");
        // Name skipped, profile chosen, no question answered yet.
        let profiled = Respondent { profile: Some("lab".into()), ..Respondent::default() };
        assert_eq!(first_asked(profiled, &[]), "Which model do you run?");
        // Name given, profile skipped, questions answered.
        let named = Respondent { name: Some("Acme".into()), ..Respondent::default() };
        assert_eq!(first_asked(named.clone(), &[("model", "api")]), "What rights do you hold?");
        // Name given, nothing after it: the profile may not have been asked yet, so ask it.
        assert_eq!(first_asked(named, &[]), "Which describes how you build? (sets the weights and targets)");
        // Nothing given at all: start at the beginning.
        assert_eq!(first_asked(Respondent::default(), &[]), "Company or project name (Enter to skip)");
    }

    #[test]
    fn revise_only_a_dimension_keeps_the_rest() {
        let a = mini();
        let mut file = AnswerFile {
            respondent: Respondent { name: Some("Acme".into()), ..Respondent::default() },
            ..AnswerFile::default()
        };
        file.answers.insert(
            "mini".into(),
            [("model".to_string(), Answer::choice("tuned")), ("rights".to_string(), Answer::choice("none"))]
                .into_iter()
                .collect(),
        );
        let mut script = Script::new(vec![
            Chosen(2), // rights: exclusive (preselected: none, index 0)
            ChosenMany(vec![1]),
            text("5"),
            text("1"),
            text(""),
            Chosen(0),
            Chosen(0), // finish anyway: notes is unanswered
        ]);
        let file = finished(run(&a, file, Start::First, Some("data"), &mut script).0);
        assert_eq!(script.asked[0], ("What rights do you hold?".to_string(), Some(0)));
        assert_eq!(file.answer("mini", "model"), Some(&Answer::choice("tuned")), "outside --only, kept");
        assert_eq!(file.answer("mini", "rights"), Some(&Answer::choice("exclusive")));
        assert_eq!(file.respondent.name.as_deref(), Some("Acme"));
    }

    #[test]
    fn revising_a_strong_answer_without_evidence_never_upgrades_it() {
        let a = mini();
        let mut file = AnswerFile::default();
        file.respondent.name = Some("Acme".into());
        file.answers.insert("mini".into(), [("model".to_string(), Answer::choice("own"))].into_iter().collect());
        // Revise `model` keeping every preselection: Enter on the option, the evidence and the note.
        let mut script = Script::new(vec![Chosen(2), Chosen(2), text("")]);
        script.replies.push_back(Err(PromptError::Interrupted));
        let (outcome, _) = run(&a, file, Start::First, Some("technology"), &mut script);
        // The evidence prompt opened on "our word only" (index 2), not on "verifiable".
        assert_eq!(script.asked[1], ("What backs this answer?".to_string(), Some(2)));
        let Outcome::Interrupted(file) = outcome else { panic!("expected an interruption") };
        assert_eq!(
            file.answer("mini", "model"),
            Some(&Answer::Choice { option: "own".into(), evidence: Some(Evidence::Assertion), note: None })
        );
    }

    #[test]
    fn revising_keeps_the_note_of_an_unchanged_answer_and_drops_it_when_the_answer_changes() {
        let a = mini();
        let with_note =
            Answer::Choice { option: "tuned".into(), evidence: None, note: Some("LoRA on our tickets".into()) };
        for (pick, expected) in [
            (1, with_note.clone()),     // Enter on the preselected `tuned`
            (0, Answer::choice("api")), // a different answer: the note described the old one
        ] {
            let mut file = AnswerFile::default();
            file.respondent.name = Some("Acme".into());
            file.answers.insert("mini".into(), [("model".to_string(), with_note.clone())].into_iter().collect());
            let mut script = Script::new(vec![Chosen(pick)]);
            script.replies.push_back(Err(PromptError::Interrupted));
            let (outcome, _) = run(&a, file, Start::First, Some("technology"), &mut script);
            assert_eq!(script.asked[0].1, Some(1), "the earlier answer is preselected");
            let Outcome::Interrupted(file) = outcome else { panic!("expected an interruption") };
            assert_eq!(file.answer("mini", "model"), Some(&expected), "pick {pick}");
        }
    }

    #[test]
    fn the_review_page_jumps_to_a_question_and_comes_back() {
        let a = mini();
        let mut script = Script::new(vec![
            text("Acme"),
            Chosen(1),
            Chosen(0), // model: api
            Chosen(1), // rights
            ChosenMany(vec![0]),
            text("10"),
            text("1"),
            text("x"),
            // Review rows: finish, about your company, name, profile, technology, model,
            // data, rights...
            Chosen(7), // review: rights
            Chosen(2), // rights: exclusive
            Chosen(2), // review again, on rights: the name this time
            text("Acme Labs"),
            Chosen(0), // review: finish
        ]);
        let file = finished(run(&a, AnswerFile::default(), Start::First, None, &mut script).0);
        assert_eq!(file.answer("mini", "rights"), Some(&Answer::choice("exclusive")));
        assert_eq!(file.respondent.name.as_deref(), Some("Acme Labs"), "the company block can be changed there");
        let reviews: Vec<Option<usize>> =
            script.asked.iter().filter(|(m, _)| m == "Finish, or change an answer:").map(|(_, start)| *start).collect();
        assert_eq!(reviews, vec![Some(0), Some(7), Some(2)], "the cursor comes back to the row just edited");
    }

    #[test]
    fn finishing_with_unanswered_questions_asks_first() {
        let a = mini();
        let mut file = AnswerFile::default();
        file.respondent.name = Some("Acme".into());
        file.respondent.profile = Some("lab".into());
        file.answers.insert("mini".into(), [("model".to_string(), Answer::choice("api"))].into_iter().collect());
        // Resume lands on `rights`.
        let mut script = Script::new(vec![
            Chosen(1),          // rights
            ChosenMany(vec![]), // sources
            text(""),           // cash skipped
            text(""),           // burn skipped
            text(""),           // notes skipped
            Chosen(0),          // finish...
            Chosen(1),          // ...but go to the first unanswered question (cash)
            text("3"),          // cash
            Chosen(0),          // review: finish (burn still unanswered)
            Chosen(0),          // finish anyway
        ]);
        let file = finished(run(&a, file, Start::FirstUnanswered, None, &mut script).0);
        assert_eq!(file.answer("mini", "cash"), Some(&Answer::Number(3.0)));
        assert_eq!(file.answer("mini", "burn"), None);
    }
}
