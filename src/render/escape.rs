//! The markdown escape every `{{value}}` goes through: untrusted text made inert.

use crate::text::inert::is_invisible_control;

/// Make untrusted text inert in markdown: one line, no HTML, no emphasis, links,
/// images or autolinks, no table cells, no control or bidirectional-override characters.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    escape_into(&mut out, text);
    out
}

/// [`escape_markdown`], appending to `out`.
pub fn escape_into(out: &mut String, text: &str) {
    // Surrounding blanks would break `**emphasis**` around the value.
    let text = text.trim();
    if !needs_escaping(text) {
        out.push_str(text);
        return;
    }
    // Controls go first, so that neither `" x\u{1}"` keeps a trailing blank nor
    // `"\u{202e}- x"` escapes the check for a list marker at the start.
    if text.chars().any(is_invisible_control) {
        // A line break or tab separates words: it becomes a space, never nothing
        // ("line one\nline two" printed as "line oneline two").
        let visible: String = text
            .chars()
            .map(|c| if matches!(c, '\n' | '\r' | '\t') { ' ' } else { c })
            .filter(|&c| !is_invisible_control(c))
            .collect();
        escape_each_char(out, visible.trim());
    } else {
        escape_each_char(out, text);
    }
}

/// The slow path of [`escape_into`], for trimmed text without control characters.
fn escape_each_char(out: &mut String, text: &str) {
    // A value that starts a line must not start a list or a rule (`#` and `>` are
    // escaped below wherever they stand).
    if text.starts_with(['-', '+', '=']) {
        out.push('\\');
    }
    // An ordered-list marker can only follow the leading run of digits: measured once,
    // so that a value of many digits and many `)` stays linear (issue 13: 80,000 of each
    // took 14 s when each `)` re-read the digits before it).
    let leading_digits = text.bytes().take_while(u8::is_ascii_digit).count();
    for (i, c) in text.char_indices() {
        let rest = &text[i + c.len_utf8()..];
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '!' | '#' => {
                out.push('\\');
                out.push(c);
            }
            // `1. ` or `1) ` at the start would open an ordered list: escape the marker.
            '.' | ')' if ordered_list_marker(i, leading_digits, rest) => {
                out.push('\\');
                out.push(c);
            }
            // Break autolinks (GitHub links bare `www.`, `http://` and e-mail addresses).
            ':' if rest.starts_with('/') => out.push_str(":\u{200B}"),
            '@' if looks_like_domain(rest) => out.push_str("@\u{200B}"),
            '.' if text[..i].len() >= 3 && text.as_bytes()[i - 3..i].eq_ignore_ascii_case(b"www") => {
                out.push_str("\u{200B}.")
            }
            c => out.push(c),
        }
    }
}

/// Most values are plain prose: they are returned as they are, without the slow path.
/// One pass over the bytes; only the bytes in [`MAYBE_SPECIAL`] are looked at closely.
/// It may send harmless text down the slow path, never the reverse (a unit test checks
/// that on arbitrary text).
fn needs_escaping(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.first().is_some_and(|&b| matches!(b, b'#' | b'-' | b'+' | b'=' | b'>') || b.is_ascii_digit()) {
        return true;
    }
    for (i, &b) in bytes.iter().enumerate() {
        if !MAYBE_SPECIAL[b as usize] {
            continue;
        }
        let at = |k: usize| bytes.get(i + k).copied();
        let special = match b {
            b':' => at(1) == Some(b'/'),
            b'.' => i >= 3 && bytes[i - 3..i].eq_ignore_ascii_case(b"www"),
            // The UTF-8 lead bytes of the invisible controls: C1 controls (U+0080-009F),
            // U+061C, and U+200E/F, U+202A-202E, U+2066-2069.
            0xC2 => matches!(at(1), Some(0x80..=0x9F)),
            0xD8 => at(1) == Some(0x9C),
            0xE2 => matches!(
                (at(1), at(2)),
                (Some(0x80), Some(0x8E | 0x8F | 0xAA..=0xAE)) | (Some(0x81), Some(0xA6..=0xA9))
            ),
            _ => true,
        };
        if special {
            return true;
        }
    }
    false
}

/// Bytes that are, or may start, something [`escape_into`] changes.
const MAYBE_SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = true;
        b += 1;
    }
    let marks = b"&<>\\`*_[]|~!#@:.\x7f";
    let mut i = 0;
    while i < marks.len() {
        table[marks[i] as usize] = true;
        i += 1;
    }
    table[0xC2] = true;
    table[0xD8] = true;
    table[0xE2] = true;
    table
};

/// What follows an `@` in an e-mail autolink: `name.tld` (letters, digits, `-`, `_`, a dot).
fn looks_like_domain(rest: &str) -> bool {
    let domain: Vec<char> =
        rest.chars().take_while(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_')).take(64).collect();
    domain.windows(2).any(|w| w[0] == '.' && w[1].is_alphanumeric())
}

/// Whether the mark at byte `at` closes the text's leading digits (`12.`, `3)`), and a
/// blank (or the end) follows: the start of an ordered list.
fn ordered_list_marker(at: usize, leading_digits: usize, rest: &str) -> bool {
    at > 0 && at == leading_digits && rest.chars().next().is_none_or(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 13: digits then `)`s, half a megabyte each. Quadratic, this took minutes;
    /// no clock is read here (benchmarks measure speed), but a regression shows as a
    /// test that does not finish.
    #[test]
    fn a_hostile_run_of_digits_and_marks_is_escaped_in_one_pass() {
        let text = format!("{}{}", "1".repeat(500_000), ")".repeat(500_000));
        let out = escape_markdown(&text);
        assert_eq!(out.len(), text.len(), "no `)` closes the digits, so none is escaped");
        assert_eq!(escape_markdown("12) x"), "12\\) x");
        assert_eq!(escape_markdown("12)x"), "12)x");
        assert_eq!(escape_markdown("1.2) x"), "1.2) x");
    }

    #[test]
    fn escaping_makes_markup_inert() {
        let hostile = "| <script>alert(1)</script> ![x](http://example.com/a.png) [y](http://example.com)\nnext";
        let out = escape_markdown(hostile);
        assert!(!out.contains('\n'));
        assert!(!out.contains("<script"));
        assert!(out.contains("\\|"));
        assert!(out.contains("\\!\\[x\\]"));
        assert!(!out.contains("http://"));
        assert_eq!(escape_markdown("- item"), "\\- item");
        assert_eq!(escape_markdown("# heading"), "\\# heading");
        assert_eq!(escape_markdown("> quote"), "&gt; quote");
        assert_eq!(escape_markdown("  padded  "), "padded");
        assert_eq!(escape_markdown("line one\nline two\tend"), "line one line two end", "breaks are spaces");
        assert_eq!(escape_markdown("1. item"), "1\\. item");
        assert_eq!(escape_markdown("5.0 months"), "5.0 months");
        assert_eq!(escape_markdown("a\u{1b}[31mred\u{202E}"), "a\\[31mred");
        assert_eq!(escape_markdown("www.example.com"), "www\u{200B}.example.com");
        assert_eq!(escape_markdown("a@b.co"), "a@\u{200B}b.co");
        assert_eq!(escape_markdown("pass@1 on HumanEval"), "pass@1 on HumanEval");
        assert_eq!(escape_markdown("plain text, 5-year licence"), "plain text, 5-year licence");
        // Controls are dropped before the trim and the line-start checks.
        assert_eq!(escape_markdown("\u{202e}- x"), "\\- x");
        assert_eq!(escape_markdown("Acme\u{a0}\u{1}"), "Acme");
    }

    proptest::proptest! {
        /// The fast path only skips text the slow path would leave as it is.
        #[test]
        fn the_fast_path_never_skips_text_that_needs_escaping(
            text in "[a-zA-Z0-9 .:/@#*_\\-]{0,12}|\\PC{0,12}|[\u{0}-\u{ff}\u{2000}-\u{2070}\u{600}-\u{620}wW.]{0,12}"
        ) {
            let text = text.trim();
            if !needs_escaping(text) {
                let mut slow = String::new();
                escape_each_char(&mut slow, text);
                proptest::prop_assert_eq!(slow, text);
            }
        }
    }
}
