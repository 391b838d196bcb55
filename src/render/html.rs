//! The HTML escape every `{{value}}` of an HTML template goes through, and the fixed
//! words made into HTML. Untrusted text becomes character data: it can add no element,
//! no attribute and no entity of its own, in text or in a quoted attribute.

use crate::text::inert::is_invisible_control;

/// Make untrusted text inert in HTML: `& < > " '` as character references, control and
/// bidirectional-override characters removed, line breaks as blanks, no surrounding
/// blanks (as [`super::escape_markdown`] trims them).
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    escape_html_into(&mut out, text);
    out
}

/// [`escape_html`], appending to `out`.
pub fn escape_html_into(out: &mut String, text: &str) {
    let text = text.trim();
    if !text.chars().any(needs_care) {
        out.push_str(text);
        return;
    }
    // Removing a control can leave a blank at either end (`" x\u{1}"`): trim again.
    let start = out.len();
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' | '\r' | '\t' => out.push(' '),
            c if is_invisible_control(c) || is_noncharacter(c) => {}
            c => out.push(c),
        }
    }
    let kept = out[start..].trim().to_string();
    out.truncate(start);
    out.push_str(&kept);
}

fn needs_care(c: char) -> bool {
    matches!(c, '&' | '<' | '>' | '"' | '\'') || is_invisible_control(c) || is_noncharacter(c)
}

/// Code points that HTML forbids in a document (U+FDD0-FDEF, and U+xFFFE/xFFFF of every
/// plane): a validator rejects a page that has one.
fn is_noncharacter(c: char) -> bool {
    let n = c as u32;
    (0xFDD0..=0xFDEF).contains(&n) || n & 0xFFFE == 0xFFFE
}

/// A fixed word (from `text/labels.rs`) as HTML. Labels are ours, but they are written
/// for markdown: `**bold**` and `` `code` `` become `<strong>` and `<code>`; everything
/// else is escaped like any text.
pub fn label_html(label: &str) -> String {
    let escaped = escape_html(label);
    let mut out = String::with_capacity(escaped.len() + 16);
    let mut rest = escaped.as_str();
    loop {
        let bold = rest.find("**");
        let code = rest.find('`');
        let (at, mark, tag) = match (bold, code) {
            (Some(b), Some(c)) if c < b => (c, "`", "code"),
            (Some(b), _) => (b, "**", "strong"),
            (None, Some(c)) => (c, "`", "code"),
            (None, None) => break,
        };
        let after = &rest[at + mark.len()..];
        let Some(end) = after.find(mark) else { break };
        out.push_str(&rest[..at]);
        out.push_str(&format!("<{tag}>{}</{tag}>", &after[..end]));
        rest = &after[end + mark.len()..];
    }
    out.push_str(rest);
    // A label keeps its own leading and trailing blanks (`" out of 100"`), which
    // `escape_html` trimmed.
    let lead = &label[..label.len() - label.trim_start().len()];
    let trail = &label[label.trim_end().len()..];
    format!("{lead}{out}{trail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_text_becomes_character_data() {
        assert_eq!(
            escape_html("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(escape_html("  plain, 5-year licence  "), "plain, 5-year licence");
        assert_eq!(escape_html("a\u{1b}[31mred\u{202E}\nnext\u{1}"), "a[31mred next");
        assert_eq!(escape_html("x\u{FDD0}\u{FFFE}\u{1FFFF}y"), "xy");
        assert_eq!(escape_html("&amp;"), "&amp;amp;");
        assert_eq!(escape_html("技术创新"), "技术创新");
        assert_eq!(escape_html(" \u{1}x \u{1}"), "x");
    }

    #[test]
    fn labels_keep_their_emphasis_and_their_blanks() {
        assert_eq!(label_html(" out of 100"), " out of 100");
        assert_eq!(label_html("**First.** then"), "<strong>First.</strong> then");
        assert_eq!(label_html("marked `in_progress`: \"x\""), "marked <code>in_progress</code>: &quot;x&quot;");
        assert_eq!(label_html("a ** b"), "a ** b");
        assert_eq!(label_html("R&D <b>"), "R&amp;D &lt;b&gt;");
    }

    proptest::proptest! {
        /// Whatever the text, the escaped copy has no markup character left bare.
        #[test]
        fn no_markup_character_survives(text in "\\PC{0,40}|[<>&\"' \n\u{0}-\u{1f}a]{0,40}") {
            let out = escape_html(&text);
            proptest::prop_assert!(!out.contains(['<', '>', '"', '\'']));
            for (i, _) in out.match_indices('&') {
                let rest = &out[i..];
                proptest::prop_assert!(["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"].iter().any(|e| rest.starts_with(e)));
            }
            proptest::prop_assert!(!out.chars().any(|c| c.is_control()));
        }
    }
}
