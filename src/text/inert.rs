//! Untrusted text made safe for a terminal: no escape sequences, no direction overrides.

/// Control characters (terminal escapes among them) and bidirectional overrides.
pub fn is_invisible_control(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}')
}

/// Text from an answers file, made safe to print: no escape sequences, no direction overrides.
pub fn inert(text: &str) -> String {
    text.chars().map(|c| if c == '\n' || c == '\t' { ' ' } else { c }).filter(|c| !is_invisible_control(*c)).collect()
}

/// A message for stderr that quotes untrusted text: line breaks stay, every other control
/// or direction-override character is shown as `\u{1b}` instead of acting on the terminal.
pub fn printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c != '\n' && is_invisible_control(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Columns a string takes in a terminal: CJK and full-width characters take two.
pub fn display_width(text: &str) -> usize {
    text.chars().map(char_width).sum()
}

/// Columns one character takes in a terminal (see [`display_width`]).
pub fn char_width(c: char) -> usize {
    match c as u32 {
        0x1100..=0x115F
        | 0x2E80..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 => 2,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_count_cjk_twice_and_text_is_made_inert() {
        assert_eq!(display_width("技术创新"), 8);
        assert_eq!(display_width("Data"), 4);
        assert_eq!(inert("a\u{1b}[31mb\u{202e}c\nd"), "a[31mbc d");
        assert_eq!(printable("x\u{1b}[2J\ny\u{202e}"), "x\\u{1b}[2J\ny\\u{202e}");
    }
}
