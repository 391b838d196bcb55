//! The terminal side of `moat ask`: inquire prompts behind the [`Prompter`] trait, the
//! screen header with the progress bar, and the scorecard printed at the end.

use crate::commands::ask::layout::{page_size, rows, shorten, wrap, wrap_joined, Size};
use crate::commands::ask::prompt::{refuse_alone, PromptError, Prompter, Reply, Request, Screen};
use crate::engine::report::Report;
use crate::text::inert::{display_width, inert};
use crate::text::labels::label;
use crate::text::number::bar;
use crate::text::Lang;
use inquire::ui::RenderConfig;
use inquire::validator::Validation;
use inquire::InquireError;

pub struct Terminal {
    lang: Lang,
    color: bool,
    /// The terminal's size, read again at every new screen (the window may be resized).
    size: Size,
    /// Rows written since the screen was last cleared: what is left for the next prompt.
    used: usize,
    /// Notices not yet seen above a prompt: a new screen shows them again below its
    /// header, so that clearing the screen never swallows one (issue 14).
    unseen: Vec<String>,
    /// The notices above the current prompt and the screen's header: what a redraw of
    /// the same question shows again.
    above: Vec<String>,
    screen: Option<Screen>,
    /// The last prompt was left with Esc and no new screen has been drawn since: the
    /// flow is asking again on this screen, under inquire's `<canceled>` line, so the
    /// screen is drawn afresh first.
    escaped: bool,
}

impl Terminal {
    pub fn new(lang: Lang, color: bool) -> Terminal {
        inquire::set_global_render_config(if color { RenderConfig::default_colored() } else { RenderConfig::empty() });
        Terminal {
            lang,
            color,
            size: Size::of_terminal(),
            used: 0,
            unseen: Vec::new(),
            above: Vec::new(),
            screen: None,
            escaped: false,
        }
    }

    fn t(&self, key: &str) -> &'static str {
        crate::text::labels::fixed_text(self.lang, key)
    }

    fn paint(&self, code: &str, text: &str) -> String {
        paint(self.color, code, text)
    }

    /// Print `text` wrapped to the screen, painted.
    fn say(&mut self, code: &str, text: &str) {
        let lines = wrap(text, self.size.text_width(), "", "");
        self.used += lines.len();
        for line in lines {
            eprintln!("{}", self.paint(code, &line));
        }
    }

    fn blank(&mut self) {
        self.used += 1;
        eprintln!();
    }

    fn show_notice(&mut self, text: &str) {
        self.blank();
        self.say("33", text);
        self.blank();
    }

    /// A prompt's message as inquire prints it, after its `? `: wrapped, continuation
    /// lines indented under the first.
    fn message(&self, text: &str) -> String {
        hang(text, self.size.text_width(), 2)
    }

    /// Options wrapped under their `prefix` columns (2 for a list, 6 for ticks), and how
    /// many fit on one page below a `message` and the key line.
    fn options(&self, options: &[String], prefix: usize, message: &str, keys: &str) -> (Vec<String>, usize) {
        let wrapped: Vec<String> = options.iter().map(|o| hang(o, self.size.text_width(), prefix)).collect();
        let heights: Vec<usize> = wrapped.iter().map(|o| rows(o)).collect();
        // The message, the key line, and one row for the cursor to rest below them.
        let room = self.size.height.saturating_sub(self.used + rows(message) + rows(keys) + 1);
        (wrapped, page_size(&heights, room))
    }

    /// The same question again on a clean screen: its header and the notices above it,
    /// without the section's introduction, read already, to leave the list the room.
    fn redraw(&mut self) {
        if let Some(mut screen) = self.screen.clone() {
            screen.intro = None;
            self.unseen = std::mem::take(&mut self.above);
            self.header(&screen);
            self.above = std::mem::take(&mut self.unseen);
        } else {
            eprintln!();
        }
    }

    /// A list laid out below what the screen holds: its message, key line, options
    /// wrapped under `prefix` columns, and page size. `None` when it would show too few
    /// options below what is on screen already (a long help text, an answer and its
    /// follow-up): the screen is then redrawn, once, with the header alone, and the
    /// caller lays the list out again. Still too few after that, the screen scrolls
    /// rather than show a list of one.
    fn lay_out(
        &mut self,
        message: &str,
        listed: &[String],
        prefix: usize,
        keys: &str,
        redrawn: &mut bool,
    ) -> Option<Laid> {
        let message = self.message(message);
        let keys = wrap_joined(keys, self.size.text_width(), "", "");
        let (options, page) = self.options(listed, prefix, &message, &keys);
        let fewest = listed.len().min(FEWEST_LISTED);
        if page < fewest && !*redrawn {
            *redrawn = true;
            self.redraw();
            return None;
        }
        self.used += rows(&message) + 1;
        Some(Laid { message, keys, options, page: page.max(fewest) })
    }

    /// The list as shown: the short labels, or in full; with `full`, a last entry that
    /// switches between the two (issue 14: long options as short labels, detail on demand).
    fn listed(&self, options: &[String], full: &[String], expanded: bool) -> Vec<String> {
        let mut listed: Vec<String> = options
            .iter()
            .enumerate()
            .map(|(i, o)| match (expanded, full.get(i)) {
                (true, Some(f)) => f.clone(),
                _ => o.clone(),
            })
            .collect();
        if !full.is_empty() {
            listed.push(self.t(if expanded { "ask.options_short" } else { "ask.options_full" }).to_string());
        }
        listed
    }

    fn select(
        &mut self,
        message: &str,
        options: &[String],
        full: &[String],
        start: usize,
        keys: &str,
    ) -> Result<Reply, InquireError> {
        let width = self.size.text_width();
        let (mut expanded, mut redrawn) = (false, false);
        loop {
            let listed = self.listed(options, full, expanded);
            let Some(Laid { message, keys, options: wrapped, page }) =
                self.lay_out(message, &listed, 2, keys, &mut redrawn)
            else {
                continue;
            };
            // The answer goes under the question in full, wrapped under its indent: after
            // the question's last line inquire would break it anywhere.
            let answer = |i: usize| hang(full.get(i).unwrap_or(&listed[i]), width, 2);
            let shown = |o: inquire::list_option::ListOption<&String>| format!("\n  {}", answer(o.index));
            let chosen = inquire::Select::new(&message, wrapped.clone())
                .without_filtering()
                .with_formatter(&shown)
                .with_starting_cursor(start.min(wrapped.len().saturating_sub(1)))
                .with_page_size(page)
                .with_help_message(&keys)
                .raw_prompt()?;
            if !full.is_empty() && chosen.index + 1 == listed.len() {
                // Either way round the cursor goes back to where the question started it
                // (the recorded answer), so Enter never records another by accident.
                expanded = !expanded;
                self.redraw();
                continue;
            }
            // The answer stays on screen under the question.
            self.used += rows(&answer(chosen.index));
            return Ok(Reply::Chosen(chosen.index));
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn multi_select(
        &mut self,
        message: &str,
        options: &[String],
        full: &[String],
        selected: &[usize],
        keys: &str,
        alone: &[(usize, String)],
        help: Option<&str>,
    ) -> Result<Reply, InquireError> {
        let width = self.size.text_width();
        let (mut expanded, mut selected, mut redrawn) = (false, selected.to_vec(), false);
        loop {
            let mut listed = self.listed(options, full, expanded);
            // The entries after the options: ticking them is not an answer.
            let why = help.map(|_| {
                listed.insert(options.len(), self.t("ask.why").to_string());
                options.len()
            });
            let switch = (!full.is_empty()).then(|| listed.len() - 1);
            let Some(Laid { message, keys, options: wrapped, page }) =
                self.lay_out(message, &listed, 6, keys, &mut redrawn)
            else {
                continue;
            };
            let alone: Vec<(usize, String)> = alone.iter().map(|(i, m)| (*i, hang(m, width, 2))).collect();
            let answers = move |picked: &[inquire::list_option::ListOption<&String>]| -> Vec<usize> {
                picked.iter().map(|o| o.index).filter(|i| Some(*i) != switch && Some(*i) != why).collect()
            };
            let check = move |picked: &[inquire::list_option::ListOption<&String>]| {
                Ok(match refuse_alone(&alone, &answers(picked)) {
                    None => Validation::Valid,
                    Some(message) => Validation::Invalid(message.to_string().into()),
                })
            };
            let answer = |i: usize| hang(full.get(i).unwrap_or(&listed[i]), width, 6);
            let shown = |picked: &[inquire::list_option::ListOption<&String>]| {
                answers(picked).into_iter().map(|i| format!("\n      {}", answer(i))).collect::<String>()
            };
            let picked = inquire::MultiSelect::new(&message, wrapped)
                .without_filtering()
                .with_formatter(&shown)
                .with_default(&selected)
                .with_page_size(page)
                .with_help_message(&keys)
                .with_validator(check)
                .raw_prompt()?;
            let chosen = answers(&picked.iter().map(|o| o.as_ref()).collect::<Vec<_>>());
            let ticked = |entry: Option<usize>| entry.is_some_and(|e| picked.iter().any(|o| o.index == e));
            if ticked(switch) || ticked(why) {
                expanded ^= ticked(switch);
                selected = chosen;
                self.redraw();
                if let (true, Some(help)) = (ticked(why), help) {
                    self.notice(help);
                    let shown = std::mem::take(&mut self.unseen);
                    self.above.extend(shown);
                }
                continue;
            }
            self.used += chosen.iter().map(|&i| rows(&answer(i))).sum::<usize>();
            return Ok(Reply::ChosenMany(chosen));
        }
    }
}

/// A prompt's list as laid out for the screen (see [`Terminal::lay_out`]).
struct Laid {
    message: String,
    keys: String,
    options: Vec<String>,
    page: usize,
}

/// The fewest options a list shows at once, scrolling the screen if it must.
const FEWEST_LISTED: usize = 4;

/// `text` wrapped to `width` with the first line `prefix` columns shorter (a prefix that
/// inquire prints before it) and the rest indented by as much.
fn hang(text: &str, width: usize, prefix: usize) -> String {
    let indent = " ".repeat(prefix);
    let joined = wrap_joined(text, width, &indent, &indent);
    joined.get(prefix..).unwrap_or("").to_string()
}

fn paint(color: bool, code: &str, text: &str) -> String {
    if color {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

impl Prompter for Terminal {
    fn header(&mut self, screen: &Screen) {
        // A new screen per question: clear, then say where the founder is.
        self.size = Size::of_terminal();
        self.used = 0;
        self.escaped = false;
        self.screen = Some(screen.clone());
        eprint!("\x1b[H\x1b[2J");
        self.say("1", &screen.title);
        let mut position = Vec::new();
        if screen.section.1 > 0 {
            position.push(
                self.t("ask.section_of")
                    .replace("{k}", &screen.section.0.to_string())
                    .replace("{n}", &screen.section.1.to_string()),
            );
        }
        if screen.question.1 > 0 {
            position.push(
                self.t("ask.question_of")
                    .replace("{i}", &screen.question.0.to_string())
                    .replace("{m}", &screen.question.1.to_string()),
            );
        }
        let share = if screen.total == 0 { 0.0 } else { 100.0 * screen.answered as f64 / screen.total as f64 };
        let answered = self
            .t(if screen.walked { "ask.walked_of" } else { "ask.answered_of" })
            .replace("{a}", &screen.answered.to_string())
            .replace("{t}", &screen.total.to_string());
        position.push(format!("{} {answered}", bar(Some(share))));
        self.say("36", &position.join(" · "));
        if let Some(intro) = &screen.intro {
            self.blank();
            self.say("2", intro);
        }
        for notice in std::mem::take(&mut self.unseen) {
            self.show_notice(&notice);
            self.unseen.push(notice);
        }
        self.blank();
    }

    fn notice(&mut self, text: &str) {
        self.show_notice(text);
        self.unseen.push(text.to_string());
    }

    fn columns(&self) -> usize {
        Size::of_terminal().width
    }

    fn ask(&mut self, request: &Request) -> Result<Reply, PromptError> {
        // Whatever was noticed is on screen above this prompt now (and is shown again
        // if the screen is redrawn for this prompt).
        self.above = std::mem::take(&mut self.unseen);
        if std::mem::take(&mut self.escaped) {
            self.redraw();
        }
        let width = self.size.text_width();
        let reply = match request {
            Request::Select { message, options, full, start, keys } => {
                self.select(message, options, full, *start, keys)
            }
            Request::MultiSelect { message, options, full, selected, keys, alone, help } => {
                self.multi_select(message, options, full, selected, keys, alone, *help)
            }
            Request::Text { message, initial, keys, validate } => {
                let message = self.message(message);
                let keys = wrap_joined(keys, width, "", "");
                self.used += rows(&message) + 1;
                let check = move |input: &str| {
                    Ok(match validate(input) {
                        Ok(()) => Validation::Valid,
                        Err(message) => Validation::Invalid(hang(&message, width, 2).into()),
                    })
                };
                inquire::Text::new(&message)
                    .with_initial_value(initial)
                    .with_help_message(&keys)
                    .with_validator(check)
                    .prompt()
                    .map(Reply::Text)
            }
        };
        match reply {
            Ok(reply) => Ok(reply),
            Err(InquireError::OperationCanceled) => {
                self.escaped = true;
                Ok(Reply::Back)
            }
            Err(InquireError::OperationInterrupted) => Err(PromptError::Interrupted),
            Err(other) => Err(PromptError::Terminal(other.to_string())),
        }
    }
}

/// The end-of-audit scorecard: a table of the dimensions (score, bar, claimed, target,
/// level, confidence) under column headers, the overall, red flags and the first three
/// actions. Columns are padded by display width, so Chinese lines up too.
pub fn scorecard(report: &Report, color: bool, width: usize) -> String {
    let t = |key: &str| crate::text::labels::fixed_text(report.lang, key);
    let number = |score: Option<f64>| score.map_or_else(|| "–".to_string(), |s| format!("{s:.1}"));
    let score_color = |score: Option<f64>| match score {
        Some(s) if s >= 65.0 => "32",
        Some(s) if s >= 50.0 => "33",
        Some(_) => "31",
        None => "2",
    };
    let confidence = |c: Option<&'static str>| c.map(|c| label(report.lang, &format!("confidence.{c}")).unwrap_or(c));
    // Each row: name, score, bar, claimed, target, level, confidence.
    let mut rows: Vec<[String; 7]> = report
        .dimensions
        .iter()
        .map(|d| {
            [
                d.title.clone(),
                number(d.score),
                bar(d.score),
                number(d.claimed),
                d.target.map_or_else(String::new, |v| format!("{v:.0}")),
                d.level.clone().unwrap_or_else(|| t("not_assessed").to_string()),
                confidence(d.confidence).unwrap_or("").to_string(),
            ]
        })
        .collect();
    rows.push([
        t("overall_score").to_string(),
        number(report.overall.score),
        bar(report.overall.score),
        number(report.overall.claimed),
        String::new(),
        report.overall.level.clone().unwrap_or_default(),
        confidence(report.overall.confidence).unwrap_or("").to_string(),
    ]);
    let headers =
        [t("dimension"), t("score"), "", t("scorecard_claimed"), t("scorecard_target"), t("level"), t("confidence")];
    let mut widths = headers.map(display_width);
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(display_width(cell));
        }
    }
    // Too wide for the terminal: the bar goes first (the score says the same), then the
    // dimension names give way, down to 10 columns.
    let mut shown = [true; 7];
    let total = |widths: &[usize; 7], shown: &[bool; 7]| {
        1 + widths.iter().zip(shown).filter(|(_, s)| **s).map(|(w, _)| w + 2).sum::<usize>()
    };
    if total(&widths, &shown) > width {
        shown[2] = false;
    }
    let excess = total(&widths, &shown).saturating_sub(width);
    if excess > 0 {
        widths[0] = widths[0].saturating_sub(excess).max(10);
        for row in &mut rows {
            row[0] = shorten(&row[0], widths[0]);
        }
    }
    // Numbers right-aligned, words left-aligned.
    let right = [false, true, false, true, true, false, false];
    let line = |cells: [&str; 7]| {
        let mut out = String::from(" ");
        for (i, cell) in cells.iter().enumerate().filter(|(i, _)| shown[*i]) {
            let pad = " ".repeat(widths[i].saturating_sub(display_width(cell)));
            out.push(' ');
            if right[i] {
                out.push_str(&pad);
                out.push_str(cell);
            } else {
                out.push_str(cell);
                if i + 1 < cells.len() {
                    out.push_str(&pad);
                }
            }
            out.push(' ');
        }
        out.trim_end().to_string()
    };

    let mut out = String::new();
    let name = report.respondent.name.as_deref().map(inert).unwrap_or_else(|| t("unnamed").to_string());
    out.push_str(&paint(color, "1", &format!("{} · {name}", t("ask.scorecard"))));
    out.push('\n');
    out.push_str(&paint(color, "2", &line(headers)));
    out.push('\n');
    let last = rows.len() - 1;
    for (i, row) in rows.iter().enumerate() {
        let text = line([&row[0], &row[1], &row[2], &row[3], &row[4], &row[5], &row[6]]);
        let score = if i == last { report.overall.score } else { report.dimensions[i].score };
        // Only the bar is coloured, by the score it draws.
        let text = match shown[2] {
            true => text.replacen(&row[2], &paint(color, score_color(score), &row[2]), 1),
            false => text,
        };
        out.push_str(&if i == last { paint(color, "1", &text) } else { text });
        out.push('\n');
    }
    if !report.red_flags.is_empty() {
        out.push_str(&format!("\n{}\n", paint(color, "1", t("red_flags"))));
        for f in &report.red_flags {
            let severity = label(report.lang, &format!("severity.{}", f.severity)).unwrap_or(f.severity);
            let tag = format!("[{severity}]");
            let lines = wrap(&format!("{tag} {}", f.text), width, "  ", "    ");
            for (i, line) in lines.iter().enumerate() {
                match i {
                    0 => out.push_str(&line.replacen(&tag, &paint(color, "31", &tag), 1)),
                    _ => out.push_str(line),
                }
                out.push('\n');
            }
        }
    }
    // The plans come first; the full list fills in. The same advice is never listed twice.
    let mut actions: Vec<&str> = Vec::new();
    for r in report.plan.days_30.iter().chain(&report.plan.days_90).chain(&report.recommendations) {
        if actions.len() < 3 && !actions.contains(&r.text.as_str()) {
            actions.push(&r.text);
        }
    }
    if !actions.is_empty() {
        out.push_str(&format!("\n{}\n", paint(color, "1", t("ask.next_actions"))));
        for (i, text) in actions.iter().enumerate() {
            for line in wrap(&format!("{}. {text}", i + 1), width, "  ", "  ") {
                out.push_str(&line);
                out.push('\n');
            }
        }
    }
    out
}
