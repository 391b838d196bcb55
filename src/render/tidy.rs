//! The tidy pass every rendered template goes through, as a stream: trailing blanks
//! off, runs of blank lines folded to one, no blank line at the start or the end, one
//! final newline. Handlebars leaves the blank lines of skipped blocks; markdown linters
//! reject them. Streaming lets a report go straight into its file.

use std::io::{self, Write};

/// How much text is gathered before its complete lines are tidied and passed on.
const CHUNK: usize = 32 * 1024;

/// A writer that tidies what passes through it. Call [`Tidy::finish`] at the end.
pub struct Tidy<W: Write> {
    out: W,
    /// Text as written, not yet tidied. A template writes in pieces of a few bytes;
    /// gathering them and tidying whole lines at once is a few times cheaper than
    /// looking at each piece.
    raw: Vec<u8>,
    /// Tidied text not yet passed on.
    tidied: Vec<u8>,
    /// A blank line was seen since the last line written: it is written only if a line
    /// with text follows (so none is left at the end).
    blank_pending: bool,
    /// Whether a line with text has been written.
    started: bool,
}

impl<W: Write> Tidy<W> {
    pub fn new(out: W) -> Tidy<W> {
        Tidy {
            out,
            raw: Vec::with_capacity(CHUNK + 4096),
            tidied: Vec::with_capacity(CHUNK + 4096),
            blank_pending: false,
            started: false,
        }
    }

    /// Tidy what is left and pass it all on.
    pub fn finish(mut self) -> io::Result<W> {
        let rest = std::mem::take(&mut self.raw);
        for line in rest.split(|&b| b == b'\n') {
            self.line(line);
        }
        self.out.write_all(&self.tidied)?;
        self.out.flush()?;
        Ok(self.out)
    }

    /// Tidy the complete lines gathered so far; an unfinished last line waits.
    fn tidy_complete_lines(&mut self) -> io::Result<()> {
        let Some(end) = self.raw.iter().rposition(|&b| b == b'\n') else { return Ok(()) };
        let raw = std::mem::take(&mut self.raw);
        for line in raw[..end].split(|&b| b == b'\n') {
            self.line(line);
        }
        self.raw = raw;
        self.raw.drain(..=end);
        self.out.write_all(&self.tidied)?;
        self.tidied.clear();
        Ok(())
    }

    fn line(&mut self, line: &[u8]) {
        let line = trim_end(line);
        if line.is_empty() {
            self.blank_pending = true;
            return;
        }
        if self.blank_pending && self.started {
            self.tidied.push(b'\n');
        }
        self.blank_pending = false;
        self.started = true;
        self.tidied.extend_from_slice(line);
        self.tidied.push(b'\n');
    }
}

/// `line` without trailing whitespace, as `str::trim_end` has it, without decoding the
/// whole line: only a last character outside ASCII is decoded, to see if it is a blank.
fn trim_end(mut line: &[u8]) -> &[u8] {
    while let Some(&last) = line.last() {
        if last.is_ascii() {
            if !last.is_ascii_whitespace() && last != b'\x0b' {
                break;
            }
            line = &line[..line.len() - 1];
        } else {
            // The last character starts at the last byte that is not a continuation byte.
            let start = line.iter().rposition(|&b| b & 0xC0 != 0x80).unwrap_or(0);
            let blank = std::str::from_utf8(&line[start..])
                .ok()
                .and_then(|c| c.chars().next())
                .is_some_and(char::is_whitespace);
            if !blank {
                break;
            }
            line = &line[..start];
        }
    }
    line
}

impl<W: Write> Write for Tidy<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.write_all(buf)?;
        Ok(buf.len())
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.raw.extend_from_slice(buf);
        if self.raw.len() >= CHUNK {
            self.tidy_complete_lines()?;
        }
        Ok(())
    }

    /// Passes on the complete lines; blank lines that may yet be dropped stay.
    fn flush(&mut self) -> io::Result<()> {
        self.tidy_complete_lines()?;
        self.out.flush()
    }
}

/// Tidy a whole text at once (what the streaming `Tidy` writer does piece by piece).
#[cfg(test)]
fn tidy(raw: &str) -> String {
    let mut tidy = Tidy::new(Vec::with_capacity(raw.len()));
    // Writing to a Vec cannot fail.
    let _ = tidy.write_all(raw.as_bytes());
    let bytes = tidy.finish().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rules as the earlier whole-text pass wrote them: lines, `trim_end`, fold.
    fn by_lines(raw: &str) -> String {
        let mut out = String::new();
        let mut blank_run = 0;
        for line in raw.lines() {
            let line = line.trim_end();
            if line.is_empty() {
                blank_run += 1;
                if blank_run > 1 || out.is_empty() {
                    continue;
                }
            } else {
                blank_run = 0;
            }
            out.push_str(line);
            out.push('\n');
        }
        while out.ends_with("\n\n") {
            out.pop();
        }
        out
    }

    #[test]
    fn folds_blank_runs_and_trailing_spaces() {
        assert_eq!(tidy("\n# A  \n\n\n\nb\n\n"), "# A\n\nb\n");
        assert_eq!(tidy(""), "");
        assert_eq!(tidy("  \n \n"), "");
        assert_eq!(tidy("a \t\r\nb"), "a\nb\n");
        assert_eq!(tidy("| x |  | y |"), "| x |  | y |\n");
        assert_eq!(tidy("技术\u{3000}\n\n\n数据"), "技术\n\n数据\n");
        assert_eq!(tidy("a\u{a0}\u{b}\u{c} \u{2028}\nb\u{85}"), "a\nb\n");
    }

    proptest::proptest! {
        /// Written in any pieces, the result is the line-by-line tidy.
        #[test]
        fn streaming_in_pieces_matches_the_line_rules(
            raw in "[ab \t\r\n|#\u{3000}\u{a0}\u{b}\u{85}技é]{0,60}",
            cuts in proptest::collection::vec(0usize..60, 0..6),
        ) {
            let mut tidy = Tidy::new(Vec::new());
            let mut at = 0;
            let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c.min(raw.len())).filter(|&c| raw.is_char_boundary(c)).collect();
            cuts.sort_unstable();
            for cut in cuts {
                tidy.write_all(&raw.as_bytes()[at..cut]).unwrap();
                tidy.flush().unwrap();
                at = cut;
            }
            tidy.write_all(&raw.as_bytes()[at..]).unwrap();
            let streamed = String::from_utf8(tidy.finish().unwrap()).unwrap();
            proptest::prop_assert_eq!(streamed, by_lines(&raw));
        }
    }
}
