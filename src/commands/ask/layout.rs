//! Laying `moat ask` out for the terminal it runs in: every text wrapped at word
//! boundaries (between characters for Chinese) to the terminal's width, with hanging
//! indents, and lists cut into pages that fit its height. Pure: sizes in, lines out.

use crate::text::inert::{char_width, display_width};
use textwrap::core::Word;
use textwrap::{Options, WordSeparator, WordSplitter};

/// The terminal's size in columns and rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    pub width: usize,
    pub height: usize,
}

impl Size {
    /// What a terminal too small to read in is treated as: narrower than this, every
    /// line would be a word or two.
    pub const MIN: Size = Size { width: 40, height: 12 };

    /// The size of the terminal on stderr (where `ask` draws), else 80 × 24.
    pub fn of_terminal() -> Size {
        let size = terminal_size::terminal_size_of(std::io::stderr())
            .or_else(|| terminal_size::terminal_size_of(std::io::stdout()))
            .map(|(w, h)| Size { width: usize::from(w.0), height: usize::from(h.0) })
            .unwrap_or(Size { width: 80, height: 24 });
        Size { width: size.width.max(Size::MIN.width), height: size.height.max(Size::MIN.height) }
    }

    /// The columns text may fill: one is left free, so that no line ends exactly at the
    /// margin, where some terminals wrap early.
    pub fn text_width(self) -> usize {
        self.width.saturating_sub(1).max(1)
    }
}

/// `text` wrapped to `width` columns: the first line starts with `first`, the rest with
/// `rest` (a hanging indent). Line breaks in `text` are kept, and a line that starts
/// with spaces or a list marker (`  • `, `- `, `3. `) hangs its continuations under its
/// text. Words longer than a line are broken, as nothing else would fit them.
pub fn wrap(text: &str, width: usize, first: &str, rest: &str) -> Vec<String> {
    let mut lines = Vec::new();
    for (i, paragraph) in text.split('\n').enumerate() {
        if paragraph.trim().is_empty() {
            lines.push(String::new());
            continue;
        }
        let initial = if i == 0 { first } else { rest };
        let hanging = format!("{rest}{}", " ".repeat(lead_width(paragraph)));
        let options = Options::new(width.max(initial.len() + 1).max(hanging.len() + 1))
            .initial_indent(initial)
            .subsequent_indent(&hanging)
            .word_separator(WordSeparator::Custom(words))
            .word_splitter(WordSplitter::NoHyphenation)
            .break_words(true);
        lines.extend(textwrap::wrap(paragraph, options).into_iter().map(|l| l.trim_end().to_string()));
    }
    lines
}

/// Where a line may break: at spaces, and between Chinese (wide) characters, but never
/// before closing punctuation (`，。）”`) or after opening punctuation (`（“`). A path
/// or a command (`/work/moat`, `--revise`) is one word, as in a shell.
fn words(line: &str) -> Box<dyn Iterator<Item = Word<'_>> + '_> {
    const CLOSING: &str = "，。、；：？！）》」』】”’…,.;:!?)";
    const OPENING: &str = "（《「『【“‘(";
    let wide = |c: char| char_width(c) > 1;
    let mut words = Vec::new();
    let mut start = 0;
    let mut previous: Option<char> = None;
    for (i, c) in line.char_indices() {
        if let Some(p) = previous {
            let after_space = p == ' ' && c != ' ';
            let cjk_boundary = (wide(c) || wide(p)) && c != ' ' && p != ' ';
            let allowed = after_space || (cjk_boundary && !CLOSING.contains(c) && !OPENING.contains(p));
            if allowed && i > start {
                words.push(Word::from(&line[start..i]));
                start = i;
            }
        }
        previous = Some(c);
    }
    if start < line.len() {
        words.push(Word::from(&line[start..]));
    }
    Box::new(words.into_iter())
}

/// The columns of a line's leading spaces and list marker, under which it continues.
fn lead_width(line: &str) -> usize {
    let spaces = line.len() - line.trim_start_matches(' ').len();
    let rest = &line[spaces..];
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let marker = if let Some(m) = ["• ", "- ", "* "].iter().find(|m| rest.starts_with(**m)) {
        m.chars().count()
    } else if digits > 0 && rest[digits..].starts_with(". ") {
        digits + 2
    } else {
        0
    };
    spaces + marker
}

/// `text` wrapped and joined with line breaks, for a prompt, an option or a notice.
pub fn wrap_joined(text: &str, width: usize, first: &str, rest: &str) -> String {
    wrap(text, width, first, rest).join("\n")
}

/// `text` cut to `max` display columns, with `…` when cut.
pub fn shorten(text: &str, max: usize) -> String {
    if display_width(text) <= max {
        return text.to_string();
    }
    let mut out = String::new();
    let mut width = 0;
    for c in text.chars() {
        let w = char_width(c);
        if width + w + 1 > max {
            break;
        }
        width += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// How many options one page shows, for options `heights` lines tall and `room` rows:
/// the most that fit whichever page is shown (the tallest options together), at least
/// one.
pub fn page_size(heights: &[usize], room: usize) -> usize {
    let mut tallest: Vec<usize> = heights.to_vec();
    tallest.sort_unstable_by(|a, b| b.cmp(a));
    let mut used = 0;
    let mut fits = 0;
    for h in tallest {
        if used + h > room {
            break;
        }
        used += h;
        fits += 1;
    }
    fits.max(1)
}

/// The number of terminal rows `text` takes at `width` (its lines are already wrapped).
pub fn rows(text: &str) -> usize {
    text.split('\n').count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_never_broken_and_continuations_hang() {
        let text = "Partnerships and alliances: we hold a signed, exclusive licence to the data";
        let lines = wrap(text, 30, "> ", "  ");
        assert_eq!(lines, ["> Partnerships and alliances:", "  we hold a signed, exclusive", "  licence to the data"]);
        for line in &lines {
            assert!(display_width(line) <= 30, "{line}");
        }
    }

    #[test]
    fn chinese_wraps_between_characters_by_display_width() {
        let text = "竞争对手不依赖我们的工作就能用上的最强模型，直接使用时在我们的评测集上与我们的产品持平或更好";
        let lines = wrap(text, 20, "", "");
        assert!(lines.len() >= 5, "{lines:?}");
        for line in &lines {
            assert!(display_width(line) <= 20, "{line} is {} columns", display_width(line));
        }
        assert_eq!(lines.concat(), text, "nothing lost or added");
        assert!(lines.iter().skip(1).all(|l| !l.starts_with('，')), "no line starts with a comma: {lines:?}");
    }

    #[test]
    fn line_breaks_are_kept_and_a_word_longer_than_a_line_is_cut() {
        assert_eq!(wrap("one\ntwo", 20, "- ", "  "), ["- one", "  two"]);
        let lines = wrap("moat-report-with-a-very-long-name.md", 12, "", "");
        assert!(lines.iter().all(|l| display_width(l) <= 12), "{lines:?}");
    }

    #[test]
    fn paths_and_commands_are_never_broken_inside() {
        let text = "Next: run `/work/main/target/release/moat ask --revise x.yaml` in a quarter";
        let lines = wrap(text, 40, "", "");
        assert!(lines.iter().any(|l| l.contains("`/work/main/target/release/moat")), "{lines:?}");
        assert!(lines.iter().all(|l| display_width(l) <= 40), "{lines:?}");
    }

    #[test]
    fn list_items_hang_under_their_text() {
        let lines = wrap("Covers:\n  • Competitive advantage: technology, data, partnerships", 30, "", "");
        assert_eq!(lines, ["Covers:", "  • Competitive advantage:", "    technology, data,", "    partnerships"]);
        assert_eq!(wrap("12. one two three four", 12, "", ""), ["12. one two", "    three", "    four"]);
    }

    #[test]
    fn shortening_counts_columns() {
        assert_eq!(shorten("Partnerships and alliances", 12), "Partnership…");
        assert_eq!(shorten("合作与联盟合作", 9), "合作与联…");
        assert_eq!(shorten("Data", 12), "Data");
    }

    #[test]
    fn a_page_holds_the_tallest_options_that_fit() {
        assert_eq!(page_size(&[1, 1, 1, 1], 10), 4);
        assert_eq!(page_size(&[3, 1, 2, 3, 1], 6), 2, "the two 3-line options take 6 rows");
        assert_eq!(page_size(&[5, 5], 7), 1);
        assert_eq!(page_size(&[9], 3), 1, "at least one option, whatever its size");
    }
}
