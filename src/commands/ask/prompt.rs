//! What the questionnaire asks of a person, as plain requests and replies. The flow
//! talks only to the [`Prompter`] trait: the terminal implements it with inquire, the
//! tests with a script.

/// Where the founder is, shown above every question.
#[derive(Debug, Clone, PartialEq)]
pub struct Screen {
    /// `Competitive advantage › Technology innovation`.
    pub title: String,
    /// 1-based section number and section count.
    pub section: (usize, usize),
    /// 1-based question number within the section and the section's question count.
    pub question: (usize, usize),
    /// Questions answered so far and questions that apply, across the whole audit.
    pub answered: usize,
    pub total: usize,
    /// The section's introduction, on its first question.
    pub intro: Option<String>,
    /// `answered` counts the questions walked through (`--revise`), not the answers.
    pub walked: bool,
}

/// Checks a typed value; `Err` is the message shown under the prompt.
pub type Validator<'a> = &'a dyn Fn(&str) -> Result<(), String>;

/// One prompt.
pub enum Request<'a> {
    /// Pick one; the options keep their order (no filtering, no reordering). `full`,
    /// when not empty, holds the whole text of the first options, which `options` lists
    /// short: the answer is shown in full, and the whole list on demand.
    Select { message: &'a str, options: Vec<String>, full: Vec<String>, start: usize, keys: &'a str },
    /// Pick any number; the options of `alone` cannot be ticked with others, and each
    /// carries the message that says so. `full` as for `Select`; `help`, why the question
    /// matters, is shown on demand (ticking an entry for it keeps the other ticks).
    MultiSelect {
        message: &'a str,
        options: Vec<String>,
        full: Vec<String>,
        help: Option<&'a str>,
        selected: Vec<usize>,
        keys: &'a str,
        alone: Vec<(usize, String)>,
    },
    /// Type a line; `validate` must accept it before it is returned.
    Text { message: &'a str, initial: &'a str, keys: &'a str, validate: Validator<'a> },
}

/// The first option of `alone` ticked together with others, and its message.
pub fn refuse_alone<'a>(alone: &'a [(usize, String)], picked: &[usize]) -> Option<&'a str> {
    if picked.len() < 2 {
        return None;
    }
    alone.iter().find(|(i, _)| picked.contains(i)).map(|(_, message)| message.as_str())
}

#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    Chosen(usize),
    ChosenMany(Vec<usize>),
    Text(String),
    /// Esc: go back one step.
    Back,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PromptError {
    /// Ctrl-C.
    #[error("interrupted")]
    Interrupted,
    #[error("the terminal failed: {0}")]
    Terminal(String),
}

pub trait Prompter {
    /// Show where the founder is (a new screen).
    fn header(&mut self, screen: &Screen);
    /// Show a message (help text, a notice) before the next prompt.
    fn notice(&mut self, text: &str);
    fn ask(&mut self, request: &Request) -> Result<Reply, PromptError>;
    /// The width the prompts are laid out for, in columns.
    fn columns(&self) -> usize {
        80
    }
}
