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
}

/// Checks a typed value; `Err` is the message shown under the prompt.
pub type Validator<'a> = &'a dyn Fn(&str) -> Result<(), String>;

/// One prompt.
pub enum Request<'a> {
    /// Pick one; the options keep their order (no filtering, no reordering).
    Select { message: &'a str, options: Vec<String>, start: usize, keys: &'a str },
    /// Pick any number.
    MultiSelect { message: &'a str, options: Vec<String>, selected: Vec<usize>, keys: &'a str },
    /// Type a line; `validate` must accept it before it is returned.
    Text { message: &'a str, initial: &'a str, keys: &'a str, validate: Validator<'a> },
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
}

/// Read an amount as people type it: `42000`, `42,000`, `42 000`, `42k`, `1.5m`, `2b`,
/// and in Chinese `3万`, `1.2亿`. `None` when it is not a number.
pub fn parse_amount(input: &str) -> Option<f64> {
    let cleaned: String = input.trim().chars().filter(|c| !matches!(c, ',' | '_' | ' ' | '，')).collect();
    let (number, factor) = match cleaned.chars().last()? {
        'k' | 'K' => (&cleaned[..cleaned.len() - 1], 1e3),
        'm' | 'M' => (&cleaned[..cleaned.len() - 1], 1e6),
        'b' | 'B' => (&cleaned[..cleaned.len() - 1], 1e9),
        '万' => (&cleaned[..cleaned.len() - '万'.len_utf8()], 1e4),
        '亿' => (&cleaned[..cleaned.len() - '亿'.len_utf8()], 1e8),
        _ => (cleaned.as_str(), 1.0),
    };
    // Only plain decimal digits: `inf`, `NaN` and `1e9` are not amounts anyone types.
    if number.is_empty() || !number.chars().all(|c| c.is_ascii_digit() || c == '.' || c == '-') {
        return None;
    }
    let value = number.parse::<f64>().ok()? * factor;
    value.is_finite().then_some(value)
}

#[cfg(test)]
mod tests {
    use super::parse_amount;

    #[test]
    fn amounts_parse_the_way_people_type_them() {
        for (input, expected) in [
            ("42000", 42000.0),
            ("42,000", 42000.0),
            ("42 000", 42000.0),
            ("42k", 42000.0),
            ("1.5m", 1_500_000.0),
            ("2B", 2e9),
            ("3万", 30000.0),
            ("1.2亿", 120_000_000.0),
            ("-5", -5.0),
        ] {
            assert_eq!(parse_amount(input), Some(expected), "{input}");
        }
        for input in ["", "k", "lots", "inf", "NaN", "1e9", "4 2 k x"] {
            assert_eq!(parse_amount(input), None, "{input}");
        }
    }
}
