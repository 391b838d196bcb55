//! The tidy pass every rendered template goes through, as a stream: trailing blanks
//! off, runs of blank lines folded to one, no blank line at the start, one final
//! newline. Handlebars leaves the blank lines of skipped blocks; markdown linters
//! reject them. Streaming lets a report go straight into its file.

use std::io::{self, Write};

/// How much tidied text is held before it is passed on.
const BUFFER: usize = 32 * 1024;

/// A writer that tidies what passes through it. Call [`Tidy::finish`] at the end.
pub struct Tidy<W: Write> {
    out: W,
    /// Tidied text not yet passed on: a template writes in pieces of a few bytes, and a
    /// call through `dyn Write` for each cost more than the tidying.
    buffer: Vec<u8>,
    /// Blanks seen since the last visible character of this line, held back until
    /// something visible follows them (trailing blanks are dropped).
    pending_blanks: Vec<u8>,
    /// Line breaks seen since the last visible character, held back likewise.
    pending_newlines: usize,
    /// Whether anything visible has been written yet.
    started: bool,
}

impl<W: Write> Tidy<W> {
    pub fn new(out: W) -> Tidy<W> {
        Tidy {
            out,
            buffer: Vec::with_capacity(BUFFER),
            pending_blanks: Vec::new(),
            pending_newlines: 0,
            started: false,
        }
    }

    /// End the text with exactly one newline (none for an empty text) and flush.
    pub fn finish(mut self) -> io::Result<W> {
        if self.started {
            self.buffer.push(b'\n');
        }
        self.out.write_all(&self.buffer)?;
        self.out.flush()?;
        Ok(self.out)
    }

    fn visible(&mut self, run: &[u8]) -> io::Result<()> {
        if self.pending_newlines > 0 {
            if self.started {
                // One line break ends the line; two or more leave one blank line.
                let breaks: &[u8] = if self.pending_newlines > 1 { b"\n\n" } else { b"\n" };
                self.buffer.extend_from_slice(breaks);
            }
            self.pending_newlines = 0;
        }
        if !self.pending_blanks.is_empty() {
            self.buffer.extend_from_slice(&self.pending_blanks);
            self.pending_blanks.clear();
        }
        self.started = true;
        self.buffer.extend_from_slice(run);
        if self.buffer.len() >= BUFFER {
            self.out.write_all(&self.buffer)?;
            self.buffer.clear();
        }
        Ok(())
    }
}

/// ASCII blanks and the whitespace characters `str::trim_end` also strips at a line end
/// are handled byte-wise for ASCII; other Unicode whitespace is rare in templates and
/// in escaped values (escaping trims values), so it is kept as written.
fn is_blank(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\x0b' | b'\x0c')
}

impl<W: Write> Write for Tidy<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.write_all(buf)?;
        Ok(buf.len())
    }

    // Handlebars calls this once per piece of text: it is the hot path.
    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        // Most writes are a word or a value inside a line: nothing to hold back.
        if let (Some(&first), Some(&last)) = (buf.first(), buf.last()) {
            let plain = |b: u8| b != b'\n' && !is_blank(b);
            if plain(first) && plain(last) && !buf.contains(&b'\n') {
                return self.visible(buf);
            }
        }
        let mut rest = buf;
        while !rest.is_empty() {
            let b = rest[0];
            if b == b'\n' {
                self.pending_blanks.clear();
                self.pending_newlines += 1;
                rest = &rest[1..];
            } else if is_blank(b) {
                self.pending_blanks.push(b);
                rest = &rest[1..];
            } else {
                // Up to the next newline or blank, in one write.
                let end = rest.iter().position(|&c| c == b'\n' || is_blank(c)).unwrap_or(rest.len());
                self.visible(&rest[..end])?;
                rest = &rest[end..];
            }
        }
        Ok(())
    }

    /// Passes on what is tidied so far; blanks and line breaks that may yet be dropped stay.
    fn flush(&mut self) -> io::Result<()> {
        self.out.write_all(&self.buffer)?;
        self.buffer.clear();
        self.out.flush()
    }
}

/// Tidy a whole text at once (what [`Tidy`] does to a stream).
pub fn tidy(raw: &str) -> String {
    let mut tidy = Tidy::new(Vec::with_capacity(raw.len()));
    // Writing to a Vec cannot fail.
    let _ = tidy.write_all(raw.as_bytes());
    let bytes = tidy.finish().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rules, as the earlier whole-text pass wrote them (lines, trim_end, fold).
    fn by_lines(raw: &str) -> String {
        let mut out = String::new();
        let mut blank_run = 0;
        for line in raw.lines() {
            let line = line.trim_end_matches(|c| matches!(c, ' ' | '\t' | '\r' | '\x0b' | '\x0c'));
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
    }

    proptest::proptest! {
        /// Streamed in any chunks, the result is the line-by-line tidy.
        #[test]
        fn streaming_in_chunks_matches_the_line_rules(
            raw in "[ab \t\r\n|#]{0,40}",
            cut in 0usize..40,
        ) {
            let cut = cut.min(raw.len());
            let mut tidy = Tidy::new(Vec::new());
            tidy.write_all(&raw.as_bytes()[..cut]).unwrap();
            tidy.write_all(&raw.as_bytes()[cut..]).unwrap();
            let streamed = String::from_utf8(tidy.finish().unwrap()).unwrap();
            proptest::prop_assert_eq!(streamed, by_lines(&raw));
        }
    }
}
