//! The command line: clap types, and their conversion into the plain [`Command`]
//! the library runs. Nothing past [`parse`] sees clap.

use crate::commands::ask::AskJob;
use crate::commands::cohort::CohortJob;
use crate::commands::compare::CompareJob;
use crate::commands::form::FormJob;
use crate::commands::report::ReportJob;
use crate::commands::screen::ScreenJob;
use crate::commands::show::ShowFormat;
use crate::commands::template::TemplateJob;
use crate::commands::{Command, Format, Global};
use crate::model::definition::Severity;
use crate::render::Builtin;
use crate::text::Lang;
use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use indexmap::IndexMap;
use std::path::PathBuf;

const AFTER_HELP: &str = "\
Examples:
  moat ask                                               the guided audit, in the terminal
  moat ask --lang zh                                     the same, in Chinese
  moat report examples/thin-wrapper.yaml                 the report, on stdout
  moat report examples/thin-wrapper.yaml -o report.md --lang zh
  moat report answers.yaml --format json                 the data the template receives
  moat report answers.yaml -o report.html                a web page with charts, to print as PDF
  moat sample --count 2000 -o apps && moat screen apps -o out   rank a batch of applicants
  moat cohort room/ -o cohort.md                         a workshop room's picture
  moat compare q3.yaml q4.yaml                           what moved in a quarter
  moat form -o apply.html                                the questionnaire as a web page to send out
  moat room serve room/                                  collect a workshop room's answers live
  moat check applicants/*.yaml                           validate answer files
  moat lint my-rubric.yaml                               validate an assessment you wrote
  moat --assessments my-rubrics/ list                    built-ins plus your own
  moat template report -o my-report.hbs                  start a report template of your own

Exit codes: 0 success, 1 bad input or I/O failure, 2 usage error (also: no answer file at all
among check/screen/cohort inputs), 3 some inputs rejected (a missing path among others too),
130 `ask` stopped with Ctrl-C (answers saved).";

/// Strategy self-assessment for AI (large-model) startups.
///
/// moat scores a founder's answers on technology, data, partnerships, positioning and
/// cost efficiency, discounts strong claims that no evidence backs, raises red flags,
/// and writes a strategy report with a prioritised plan: markdown, or a web page with charts.
#[derive(Debug, Parser)]
#[command(name = "moat", version, after_help = AFTER_HELP, max_term_width = 100)]
pub struct Cli {
    /// Extra assessment definitions (*.yaml); a file with a built-in id replaces the built-in
    #[arg(long, global = true, value_name = "DIR")]
    assessments: Option<PathBuf>,
    /// Print only results and errors: no warnings, no progress
    #[arg(long, short, global = true)]
    quiet: bool,
    /// No colour (also when NO_COLOR is set)
    #[arg(long, global = true)]
    no_color: bool,
    #[command(subcommand)]
    command: CommandArgs,
}

#[derive(Debug, Subcommand)]
enum CommandArgs {
    /// Walk through the audit in the terminal; writes the answers, the report and a scorecard
    #[command(
        after_help = "Every answer is saved as you go (atomically), so nothing is lost: Ctrl-C stops and prints\n\
        the command that resumes. Esc goes back one question; a review page lets you change any answer.\n\n\
        Examples:\n  \
        moat ask                                   the full audit (every assessment)\n  \
        moat ask competitive-advantage --lang zh   one assessment, in Chinese\n  \
        moat ask --resume moat-answers.yaml        continue where you stopped\n  \
        moat ask --revise moat-answers.yaml --only data   re-answer one dimension into a new file"
    )]
    Ask {
        /// Assessments to ask (see `moat list`); none means the full audit
        #[arg(value_name = "ASSESSMENT")]
        ids: Vec<String>,
        /// Where to save the answers [default: moat-answers.yaml; with --resume, that file;
        /// with --revise, a new NAME-revised.yaml beside it (NAME-revised-2.yaml for a
        /// revision of a revision)]
        #[arg(short, long, value_name = "ANSWERS")]
        output: Option<PathBuf>,
        /// Where to write the report at the end; a name ending in .html writes the web page
        /// [default: beside the answers file: moat-report.md for moat-answers.yaml, else
        /// its name with -report.md, e.g. acme-report.md or NAME-revised-report.md]
        #[arg(long, value_name = "REPORT")]
        report: Option<PathBuf>,
        /// Language of every prompt and of the report (default: en, or the resumed file's)
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
        /// Continue an unfinished answers file at its first unanswered question
        #[arg(long, value_name = "ANSWERS", conflicts_with = "revise")]
        resume: Option<PathBuf>,
        /// Walk every question again with these answers preselected; saves to a new file
        #[arg(long, value_name = "ANSWERS")]
        revise: Option<PathBuf>,
        /// With --revise: only the questions of this dimension or section (an id that `moat
        /// show ASSESSMENT` lists, e.g. data, positioning, cost_efficiency)
        #[arg(long, value_name = "DIM_OR_SECTION", requires = "revise")]
        only: Option<String>,
        /// Overwrite an existing answers file
        #[arg(long)]
        force: bool,
    },
    /// Score an answers file and write the strategy report
    #[command(after_help = "The report goes to stdout unless -o names a file; the file is written atomically.\n\
        --format json prints exactly the data the template receives, for your own templates or tools.\n\n\
        Examples:\n  \
        moat report moat-answers.yaml -o report.md       the strategy report\n  \
        moat report moat-answers.yaml --lang zh          in Chinese, on stdout\n  \
        moat report applicant.yaml --brief               the one-page brief a selection committee reads\n  \
        moat report moat-answers.yaml -o report.html     a web page with a chart; print it to save a PDF\n  \
        moat report moat-answers.yaml --format json      the data, for your own template or tools")]
    Report {
        /// The answers file (YAML), as `moat ask` writes it
        answers: PathBuf,
        /// Write the report here instead of stdout
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// md: the markdown report; html: a self-contained web page with charts; json: the
        /// report data [default: html when -o ends in .html, else md]
        #[arg(long, value_enum)]
        format: Option<PageFormatArg>,
        /// A handlebars template to use instead of the built-in report template (start from
        /// `moat template report`, or `report-html` with --format html); not with --format json
        #[arg(long, value_name = "FILE")]
        template: Option<PathBuf>,
        /// Report language (default: the answers file's `lang`, else en)
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
        /// Replace a dimension's weight in the overall score, e.g. --weight data=2 (repeatable)
        #[arg(long = "weight", value_name = "DIM=W", value_parser = parse_weight)]
        weights: Vec<(String, f64)>,
        /// The one-page applicant brief a selection committee reads (as `screen` writes it,
        /// without rank and percentile) instead of the full report
        #[arg(long)]
        brief: bool,
    },
    /// Score a batch of applicants: a one-page brief each, a ranked leaderboard and a CSV (exit 3 if any is rejected)
    #[command(after_help = "INPUT is answer files and/or folders, searched recursively for .yaml/.yml files.\n\
        Writes OUTDIR/leaderboard.md, OUTDIR/scores.csv and OUTDIR/<input stem>.md, a one-page brief per\n\
        applicant for the selection committee: rank, claimed against credited, interview first, red flags\n\
        with their fixes, the questions to ask in the interview and the top gaps. --full-reports also writes\n\
        the founder's full strategy report as OUTDIR/reports/<input stem>.md, for sending feedback.\n\
        Rejected files are listed in the leaderboard and on stderr; the rest are still scored.\n\n\
        Examples:\n  \
        moat sample --count 2000 --seed 7 -o apps && moat screen apps -o out\n  \
        moat screen apps -o out --exclude-flag critical --min-overall 40 --top 300   a shortlist of briefs\n  \
        moat screen apps -o out --blind        codes instead of names; the key is out/blind-key.csv")]
    Screen {
        /// Answer files and folders of them
        #[arg(required = true, value_name = "INPUT")]
        inputs: Vec<PathBuf>,
        /// The folder to write into (created if missing)
        #[arg(short, long, value_name = "OUTDIR")]
        output: PathBuf,
        /// Worker threads [default: one per core]
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
        jobs: Option<u16>,
        /// Replace a dimension's weight in every overall score, e.g. --weight positioning=2
        #[arg(long = "weight", value_name = "DIM=W", value_parser = parse_weight)]
        weights: Vec<(String, f64)>,
        /// A handlebars template for the briefs (start from `moat template brief`)
        #[arg(long, visible_alias = "template", value_name = "FILE", conflicts_with = "no_reports")]
        brief_template: Option<PathBuf>,
        /// Also write each applicant's full strategy report, as OUTDIR/reports/<name>.md
        #[arg(long, conflicts_with = "no_reports")]
        full_reports: bool,
        /// A handlebars template for the full reports (start from `moat template report`)
        #[arg(long, value_name = "FILE", requires = "full_reports")]
        report_template: Option<PathBuf>,
        /// A handlebars template for leaderboard.md (start from `moat template leaderboard`)
        #[arg(long, value_name = "FILE")]
        leaderboard_template: Option<PathBuf>,
        /// Language of the briefs, reports and leaderboard [default: en]
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
        /// Only the leaderboard and the CSV: no briefs, no reports
        #[arg(long)]
        no_reports: bool,
        /// Briefs for the first N ranks only (the leaderboard and CSV keep every row)
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..), conflicts_with = "no_reports")]
        top: Option<u32>,
        /// Leave out applicants credited below this overall score (ranks stay those of the whole batch)
        #[arg(long, value_name = "SCORE", value_parser = parse_score)]
        min_overall: Option<f64>,
        /// Leave out applicants with a red flag this severe or worse
        #[arg(long, value_enum, value_name = "SEVERITY")]
        exclude_flag: Option<SeverityArg>,
        /// Replace names with stable applicant codes in every output, for a first pass free of
        /// name bias; the key goes to OUTDIR/blind-key.csv
        #[arg(long)]
        blind: bool,
        /// Memory for the briefs awaiting their ranks; past it they wait in a hidden folder in
        /// OUTDIR (for a machine short of memory)
        #[arg(long, value_name = "MIB", default_value_t = (crate::commands::screen::HELD_BRIEFS_BUDGET >> 20) as u32, value_parser = clap::value_parser!(u32).range(0..=65536))]
        brief_memory: u32,
    },
    /// The picture of a workshop room: distributions, shared gaps and flags, discussion topics
    #[command(after_help = "Private by default: nothing is shown for fewer than 4 participants, and no figure, gap\n\
        or red flag that fewer than 3 share. No file name appears in the output: files left out (unreadable,\n\
        unfinished, duplicates of one respondent, not .yaml/.yml) are counted there and listed on stderr.\n\
        --table adds one row per participant under a random label kept in ROOM/.moat-room-salt.\n\n\
        Examples:\n  \
        moat cohort room/ -o cohort.md          the room, to project\n  \
        moat cohort room/ -o cohort.html        charts large enough for a projector\n  \
        moat cohort room/ --table               with a row per participant, under random labels\n  \
        moat cohort room/ --include-unfinished  count files still marked in_progress too")]
    Cohort {
        /// Answer files and folders of them
        #[arg(required = true, value_name = "INPUT")]
        inputs: Vec<PathBuf>,
        /// Write the report here instead of stdout
        #[arg(short, long, value_name = "REPORT")]
        output: Option<PathBuf>,
        /// md: the markdown report; html: a web page with charts, for a projector; json: the
        /// data the template receives [default: html when -o ends in .html, else md]
        #[arg(long, value_enum)]
        format: Option<PageFormatArg>,
        /// A handlebars template to use instead of the built-in cohort template (start from
        /// `moat template cohort`, or `cohort-html` with --format html); not with --format json
        #[arg(long, value_name = "FILE")]
        template: Option<PathBuf>,
        /// Report language [default: en]
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
        /// Add the table of participants, under their names instead of labels (implies --table)
        #[arg(long)]
        named: bool,
        /// Add a table with one row per participant, under random labels that say nothing
        /// about names or file order (the key is kept in the room folder, .moat-room-salt)
        #[arg(long)]
        table: bool,
        /// Count files marked `status: in_progress` too (marked as unfinished) instead of leaving them out
        #[arg(long)]
        include_unfinished: bool,
    },
    /// Progress between two answer files of the same founder
    #[command(after_help = "Example:\n  moat compare answers-2026-q3.yaml answers-2026-q4.yaml -o progress.md")]
    Compare {
        /// The earlier answers file
        before: PathBuf,
        /// The later answers file
        after: PathBuf,
        /// Write the report here instead of stdout
        #[arg(short, long, value_name = "REPORT")]
        output: Option<PathBuf>,
        /// md: the markdown report; json: the data the template receives
        #[arg(long, value_enum, default_value_t = FormatArg::Md)]
        format: FormatArg,
        /// A handlebars template to use instead of the built-in one (start from
        /// `moat template compare`); not with --format json
        #[arg(long, value_name = "FILE")]
        template: Option<PathBuf>,
        /// Report language [default: the later file's, else en]
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
        /// Compare even if the two files name different respondents, or BEFORE is dated after AFTER
        #[arg(long)]
        force: bool,
    },
    /// Write the questionnaire as one self-contained web page (HTML) that gives the answers file
    #[command(after_help = "The page asks what `moat ask` asks (the same questions, order, conditions, checks and\n\
        evidence follow-up), keeps the answers in the browser as they are given, and at the end offers\n\
        the answers file to download or copy. It loads nothing from anywhere: open it from disk or put\n\
        it on any static web host. Collect the files and run `moat screen` on them.\n\n\
        Examples:\n  \
        moat form -o apply.html                          every assessment, in English (switchable to Chinese)\n  \
        moat form competitive-advantage --lang zh -o apply.html\n  \
        moat --assessments my-rubrics/ form my-rubric -o apply.html")]
    Form {
        /// Assessments to ask (see `moat list`); none means all of them
        #[arg(value_name = "ASSESSMENT")]
        ids: Vec<String>,
        /// Write the page here instead of stdout
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// The language the page opens in [default: en]
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
    },
    /// Collect a workshop room's answers live: a small local web server (see `moat room serve --help`)
    Room {
        #[command(subcommand)]
        action: RoomArgs,
    },
    /// Write N valid, varied answer files, the same files for the same seed
    #[command(
        after_help = "The batch looks like a real applicant pool: each applicant has a latent quality and one of\n\
        four ways of answering, in these shares: careful 30% (answers at its level, backs most strong\n\
        claims), typical 40% (backs some), optimistic overclaimer 20% (picks options above its level,\n\
        backs little) and early and unsure 10% (half of what it could answer is \"don't know\"). So a demo\n\
        batch exercises interview first, find out and back it up. Money figures hang together (net burn\n\
        is spending minus revenue; compute is part of spending).\n\n\
        Examples:\n  \
        moat sample --count 2000 --seed 7 -o apps    then: moat screen apps -o out\n  \
        moat sample --count 14 --profile application -o room"
    )]
    Sample {
        /// How many applicants
        #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
        count: u32,
        /// Seed of the generator
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Give every applicant this profile (e.g. application) instead of a mix
        #[arg(long, value_name = "PROFILE")]
        profile: Option<String>,
        /// The folder to write into (created if missing)
        #[arg(short, long, value_name = "OUTDIR")]
        output: PathBuf,
    },
    /// Validate answer files against their assessments (exit 3 if any is rejected)
    #[command(
        after_help = "Each problem names the file, the line and the question id. A file written for an earlier\n\
        version of an assessment is refused with the two ways on (`moat ask --revise`, or --assessments\n\
        assessments/archive/v1).\n\n\
        Examples:\n  \
        moat check moat-answers.yaml\n  \
        moat check applications/             every .yaml/.yml file under the folder"
    )]
    Check {
        /// Answer files (YAML), or folders to search for .yaml/.yml files
        #[arg(required = true, value_name = "INPUT")]
        files: Vec<PathBuf>,
    },
    /// Validate assessment definitions: ids, scores, dimensions, conditions, bands, levels, languages
    #[command(after_help = "Errors make a definition unusable; warnings (a question without a short title, an\n\
        evidence question without interview text) leave it usable but weaker. --strict fails on them too.\n\n\
        Examples:\n  \
        moat lint my-rubric.yaml\n  \
        moat lint --strict assessments/*.yaml     as the built-ins are held to it")]
    Lint {
        /// Assessment definition files (YAML)
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Fail (exit 1) on warnings too
        #[arg(long)]
        strict: bool,
    },
    /// List the assessments available (built-in and --assessments DIR)
    #[command(after_help = "Examples:\n  \
        moat list\n  \
        moat --assessments my-rubrics/ list --lang zh   your own definitions too, titles in Chinese")]
    List {
        /// Language of the titles
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
    },
    /// Print one assessment: an outline of its dimensions, sections and questions, or all of it
    #[command(
        after_help = "The outline lists each question's id, short title, kind, weight, dimensions and condition,\n\
        and its options as id and score: the ids `--only`, `when` conditions and answer files use.\n\n\
        Examples:\n  \
        moat show competitive-advantage              the outline\n  \
        moat show cost-benefit --lang zh             in Chinese\n  \
        moat show cost-benefit --format yaml > my.yaml   the whole definition, to start your own"
    )]
    Show {
        /// The assessment id (see `moat list`)
        id: String,
        /// outline: a summary to read; yaml or json: the whole definition, defaults filled in
        #[arg(long, value_enum, default_value_t = ShowFormatArg::Outline)]
        format: ShowFormatArg,
        /// Language of the outline [default: en]
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
    },
    /// Print a built-in template, to start one of your own; with no NAME, list them
    #[command(after_help = "Every `{{value}}` is escaped for markdown (for HTML in the -html templates); `--format\n\
        json` of the command that uses the template prints exactly the data it receives. Helpers: t, tv,\n\
        num, pts, signed, bar, inc; in HTML templates also score_chart, spread_chart, histogram_chart and\n\
        levels_chart (SVG), and the stylesheet partial {{> style}}.\n\n\
        Examples:\n  \
        moat template                                  the templates and what uses each\n  \
        moat template report -o mine.hbs               start from the report template\n  \
        moat report answers.yaml --template mine.hbs   use it")]
    Template {
        /// The template to print
        #[arg(value_enum)]
        name: Option<TemplateArg>,
        /// Write it to this file instead of stdout
        #[arg(short, long, value_name = "FILE", requires = "name")]
        output: Option<PathBuf>,
        /// Replace FILE if it exists
        #[arg(long, requires = "output")]
        force: bool,
    },
    /// Print shell completions for bash, zsh, fish, elvish or powershell
    #[command(after_help = "Examples:\n  \
        moat completions bash > ~/.local/share/bash-completion/completions/moat\n  \
        moat completions zsh > ~/.zfunc/_moat          (with fpath+=~/.zfunc in ~/.zshrc)\n  \
        moat completions fish > ~/.config/fish/completions/moat.fish")]
    Completions { shell: clap_complete::Shell },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FormatArg {
    Md,
    Json,
}

/// The formats of the commands that also write a web page.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum PageFormatArg {
    Md,
    Html,
    Json,
}

/// `--format` when given, else what the output file's name asks for.
fn page_format(format: Option<PageFormatArg>, output: Option<&std::path::Path>) -> Format {
    match format {
        Some(PageFormatArg::Md) => Format::Markdown,
        Some(PageFormatArg::Html) => Format::Html,
        Some(PageFormatArg::Json) => Format::Json,
        None => output.map_or(Format::Markdown, Format::of_report_file),
    }
}

#[derive(Debug, Subcommand)]
enum RoomArgs {
    /// Serve the questionnaire to a room and collect the answers into DIR
    #[command(after_help = "Prints the participants' URL (first line) and the facilitator's URL. Participants open\n\
        theirs in a browser (nothing to install), answer, press \"Send to the room\" and get a private\n\
        link to their own report; sending again replaces their file. Each answers file is checked as\n\
        `moat check` checks it and written to DIR/p-TOKEN.yaml (TOKEN random). The facilitator's page\n\
        shows the count and, from 4 participants, the cohort page (the privacy rules of `moat cohort`).\n\
        The links carry secrets kept in DIR/.moat-room (delete it for new links); anything without\n\
        them gets a 404. Only this machine can connect unless --listen says otherwise. Ctrl-C stops\n\
        the server; every file received is complete.\n\n\
        Examples:\n  \
        moat room serve room/                              this machine only, on 127.0.0.1:8470\n  \
        moat room serve room/ --listen 0.0.0.0:8470        the room's Wi-Fi can reach it\n  \
        moat room serve room/ competitive-advantage        one assessment (the 60-minute workshop)\n  \
        moat cohort room/ -o cohort.html                   afterwards: the room's picture")]
    Serve {
        /// The room folder (it must exist)
        #[arg(value_name = "DIR")]
        dir: PathBuf,
        /// Assessments to ask (see `moat list`); none means all of them
        #[arg(value_name = "ASSESSMENT")]
        ids: Vec<String>,
        /// The address to listen on [default: 127.0.0.1:8470]; port 0 picks a free one
        #[arg(long, value_name = "ADDR")]
        listen: Option<String>,
        /// The language the form opens in and the facilitator page uses [default: en]
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum TemplateArg {
    Report,
    Brief,
    Cohort,
    Compare,
    Leaderboard,
    ReportHtml,
    BriefHtml,
    CohortHtml,
    HtmlStyle,
}

impl From<TemplateArg> for Builtin {
    fn from(t: TemplateArg) -> Builtin {
        match t {
            TemplateArg::Report => Builtin::Report,
            TemplateArg::Brief => Builtin::Brief,
            TemplateArg::Cohort => Builtin::Cohort,
            TemplateArg::Compare => Builtin::Compare,
            TemplateArg::Leaderboard => Builtin::Leaderboard,
            TemplateArg::ReportHtml => Builtin::ReportHtml,
            TemplateArg::BriefHtml => Builtin::BriefHtml,
            TemplateArg::CohortHtml => Builtin::CohortHtml,
            TemplateArg::HtmlStyle => Builtin::HtmlStyle,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum SeverityArg {
    Critical,
    High,
    Medium,
}

impl From<SeverityArg> for Severity {
    fn from(s: SeverityArg) -> Severity {
        match s {
            SeverityArg::Critical => Severity::Critical,
            SeverityArg::High => Severity::High,
            SeverityArg::Medium => Severity::Medium,
        }
    }
}

/// An overall score for `--min-overall`: a number from 0 to 100.
fn parse_score(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(v) if (0.0..=100.0).contains(&v) => Ok(v),
        _ => Err(format!("`{s}` is not a score from 0 to 100")),
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ShowFormatArg {
    Outline,
    Yaml,
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum LangArg {
    En,
    Zh,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::En => Lang::En,
            LangArg::Zh => Lang::Zh,
        }
    }
}

fn parse_weight(s: &str) -> Result<(String, f64), String> {
    let (dim, w) = s.split_once('=').ok_or_else(|| format!("`{s}` is not DIM=W (for example data=2)"))?;
    let w: f64 = w.trim().parse().map_err(|_| format!("`{w}` is not a number"))?;
    if !(w.is_finite() && (0.0..=1_000_000.0).contains(&w)) {
        return Err(format!("the weight for `{dim}` must be from 0 to 1,000,000"));
    }
    Ok((dim.trim().to_string(), w))
}

/// A `--template` the command would not use (`--format json` prints data, not a
/// template) is a mistake worth saying, not something to ignore.
fn refuse_unused_template(template: &Option<PathBuf>, json: bool, command: &str) -> Result<(), clap::Error> {
    match (template, json) {
        (Some(_), true) => Err(Cli::command().error(
            clap::error::ErrorKind::ArgumentConflict,
            format!("`{command} --format json` prints the data and uses no template; drop --template or --format json"),
        )),
        _ => Ok(()),
    }
}

/// Parse the process arguments; on `--help`, `--version` or a usage error, clap prints
/// and exits (status 0 or 2).
pub fn parse() -> (Global, Command) {
    match parse_from(std::env::args_os()) {
        Ok(parsed) => parsed,
        Err(e) => e.exit(),
    }
}

/// [`parse`] on given arguments, returning clap's error instead of exiting.
pub fn parse_from<I, T>(args: I) -> Result<(Global, Command), clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let cli = Cli::try_parse_from(args)?;
    let global = Global {
        assessments: cli.assessments,
        quiet: cli.quiet,
        color: !cli.no_color && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    };
    let command = match cli.command {
        CommandArgs::Ask { ids, output, report, lang, resume, revise, only, force } => Command::Ask(AskJob {
            assessments: ids,
            output,
            report,
            lang: lang.map(Lang::from),
            resume,
            revise,
            only,
            force,
        }),
        CommandArgs::Report { answers, output, format, template, lang, weights, brief } => {
            let format = page_format(format, output.as_deref());
            refuse_unused_template(&template, format == Format::Json, "report")?;
            Command::Report(ReportJob {
                answers,
                output,
                format,
                template,
                lang: lang.map(Lang::from),
                weights: weights.into_iter().collect::<IndexMap<_, _>>(),
                brief,
            })
        }
        CommandArgs::Screen {
            inputs,
            output,
            jobs,
            weights,
            brief_template,
            full_reports,
            report_template,
            leaderboard_template,
            lang,
            no_reports,
            top,
            min_overall,
            exclude_flag,
            blind,
            brief_memory,
        } => Command::Screen(ScreenJob {
            inputs,
            outdir: output,
            jobs: jobs.map(usize::from),
            weights: weights.into_iter().collect(),
            brief_template,
            report_template,
            leaderboard_template,
            lang: lang.map(Lang::from),
            briefs: !no_reports,
            full_reports,
            top: top.map(|n| n as usize),
            min_overall,
            exclude_flag: exclude_flag.map(Severity::from),
            blind,
            held_briefs_budget: brief_memory as usize * (1 << 20),
        }),
        CommandArgs::Form { ids, output, lang } => {
            Command::Form(FormJob { assessments: ids, output, lang: lang.map(Lang::from).unwrap_or_default() })
        }
        CommandArgs::Room { action: RoomArgs::Serve { dir, ids, listen, lang } } => {
            Command::Room(crate::commands::room::RoomJob {
                dir,
                assessments: ids,
                listen,
                lang: lang.map(Lang::from).unwrap_or_default(),
            })
        }
        CommandArgs::Sample { count, seed, profile, output } => {
            Command::Sample { count: count as usize, seed, profile, outdir: output }
        }
        CommandArgs::Cohort { inputs, output, format, template, lang, named, table, include_unfinished } => {
            let format = page_format(format, output.as_deref());
            refuse_unused_template(&template, format == Format::Json, "cohort")?;
            Command::Cohort(CohortJob {
                inputs,
                output,
                format,
                template,
                lang: lang.map(Lang::from),
                named,
                table,
                include_unfinished,
            })
        }
        CommandArgs::Compare { before, after, output, format, template, lang, force } => {
            refuse_unused_template(&template, matches!(format, FormatArg::Json), "compare")?;
            Command::Compare(CompareJob {
                before,
                after,
                output,
                json: matches!(format, FormatArg::Json),
                template,
                lang: lang.map(Lang::from),
                force,
            })
        }
        CommandArgs::Template { name, output, force } => {
            Command::Template(TemplateJob { template: name.map(Builtin::from), output, force })
        }
        CommandArgs::Check { files } => Command::Check(files),
        CommandArgs::Lint { files, strict } => Command::Lint { files, strict },
        CommandArgs::List { lang } => Command::List { lang: lang.map(Lang::from).unwrap_or_default() },
        CommandArgs::Show { id, format, lang } => Command::Show {
            id,
            lang: lang.map(Lang::from).unwrap_or_default(),
            format: match format {
                ShowFormatArg::Outline => ShowFormat::Outline,
                ShowFormatArg::Yaml => ShowFormat::Yaml,
                ShowFormatArg::Json => ShowFormat::Json,
            },
        },
        CommandArgs::Completions { shell } => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "moat", &mut out);
            Command::Print(String::from_utf8_lossy(&out).into_owned())
        }
    };
    Ok((global, command))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }

    /// Issue 10: a `--template` the command would not use was accepted silently.
    #[test]
    fn a_template_that_would_not_be_used_is_a_usage_error() {
        for args in [
            &["moat", "report", "a.yaml", "--format", "json", "--template", "t.hbs"][..],
            &["moat", "cohort", "room", "--format", "json", "--template", "t.hbs"],
            &["moat", "compare", "a.yaml", "b.yaml", "--format", "json", "--template", "t.hbs"],
            &["moat", "screen", "apps", "-o", "out", "--no-reports", "--template", "t.hbs"],
        ] {
            let err = parse_from(args).err().unwrap_or_else(|| panic!("{args:?} was accepted"));
            assert_eq!(err.exit_code(), 2, "{args:?}");
        }
        assert!(parse_from(["moat", "report", "a.yaml", "--template", "t.hbs"]).is_ok());
        assert!(parse_from(["moat", "screen", "apps", "-o", "out", "--no-reports", "--leaderboard-template", "l.hbs"])
            .is_ok());
    }

    #[test]
    fn weights_parse_and_reject_nonsense() {
        assert_eq!(parse_weight("data=2").unwrap(), ("data".to_string(), 2.0));
        assert!(parse_weight("data").is_err());
        assert!(parse_weight("data=-1").is_err());
        assert!(parse_weight("data=NaN").is_err());
    }
}
