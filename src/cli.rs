//! The command line: clap types, and their conversion into the plain [`Command`]
//! the library runs. Nothing past [`parse`] sees clap.

use crate::app::{Command, Format, Global, ReportJob, ShowFormat};
use crate::text::Lang;
use clap::{Parser, Subcommand, ValueEnum};
use indexmap::IndexMap;
use std::path::PathBuf;

const AFTER_HELP: &str = "\
Examples:
  moat report examples/thin-wrapper.yaml                 the report, on stdout
  moat report examples/thin-wrapper.yaml -o report.md --lang zh
  moat report answers.yaml --format json                 the data the template receives
  moat check applicants/*.yaml                           validate answer files
  moat lint my-rubric.yaml                               validate an assessment you wrote
  moat --assessments my-rubrics/ list                    built-ins plus your own

Exit codes: 0 success, 1 bad input or I/O failure, 2 usage error, 3 some inputs rejected.";

/// Strategy self-assessment for AI (large-model) startups.
///
/// moat scores a founder's answers on technology, data, partnerships, positioning and
/// cost efficiency, discounts strong claims that no evidence backs, raises red flags,
/// and writes a markdown strategy report with a prioritised plan.
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
    /// Score an answers file and write the strategy report
    #[command(after_help = "The report goes to stdout unless -o names a file; the file is written atomically.\n\
        --format json prints exactly the data the template receives, for your own templates or tools.")]
    Report {
        /// The answers file (YAML), as `moat ask` writes it
        answers: PathBuf,
        /// Write the report here instead of stdout
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// md: the markdown report; json: the report data
        #[arg(long, value_enum, default_value_t = FormatArg::Md)]
        format: FormatArg,
        /// A handlebars template to use instead of the built-in report template
        #[arg(long, value_name = "FILE")]
        template: Option<PathBuf>,
        /// Report language (default: the answers file's `lang`, else en)
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
        /// Replace a dimension's weight in the overall score, e.g. --weight data=2 (repeatable)
        #[arg(long = "weight", value_name = "DIM=W", value_parser = parse_weight)]
        weights: Vec<(String, f64)>,
    },
    /// Validate answer files against their assessments (exit 3 if any is rejected)
    Check {
        /// Answer files (YAML)
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Validate assessment definitions: ids, scores, dimensions, conditions, bands, levels, languages
    Lint {
        /// Assessment definition files (YAML)
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// List the assessments available (built-in and --assessments DIR)
    List {
        /// Language of the titles
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
    },
    /// Print one assessment definition, with defaults filled in
    Show {
        /// The assessment id (see `moat list`)
        id: String,
        #[arg(long, value_enum, default_value_t = ShowFormatArg::Yaml)]
        format: ShowFormatArg,
    },
    /// Print shell completions, e.g. `moat completions bash > ~/.local/share/bash-completion/completions/moat`
    Completions { shell: clap_complete::Shell },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FormatArg {
    Md,
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ShowFormatArg {
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
    if !(w.is_finite() && w >= 0.0) {
        return Err(format!("the weight for `{dim}` must be 0 or more"));
    }
    Ok((dim.trim().to_string(), w))
}

/// Parse the process arguments; on `--help`, `--version` or a usage error, clap prints
/// and exits (status 0 or 2).
pub fn parse() -> (Global, Command) {
    let cli = Cli::parse();
    let global = Global {
        assessments: cli.assessments,
        quiet: cli.quiet,
        color: !cli.no_color && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    };
    let command = match cli.command {
        CommandArgs::Report { answers, output, format, template, lang, weights } => Command::Report(ReportJob {
            answers,
            output,
            format: match format {
                FormatArg::Md => Format::Markdown,
                FormatArg::Json => Format::Json,
            },
            template,
            lang: lang.map(Lang::from),
            weights: weights.into_iter().collect::<IndexMap<_, _>>(),
        }),
        CommandArgs::Check { files } => Command::Check(files),
        CommandArgs::Lint { files } => Command::Lint(files),
        CommandArgs::List { lang } => Command::List { lang: lang.map(Lang::from).unwrap_or_default() },
        CommandArgs::Show { id, format } => Command::Show {
            id,
            format: match format {
                ShowFormatArg::Yaml => ShowFormat::Yaml,
                ShowFormatArg::Json => ShowFormat::Json,
            },
        },
        CommandArgs::Completions { shell } => {
            use clap::CommandFactory;
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "moat", &mut out);
            Command::Print(String::from_utf8_lossy(&out).into_owned())
        }
    };
    (global, command)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verify_cli() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }

    #[test]
    fn weights_parse_and_reject_nonsense() {
        assert_eq!(parse_weight("data=2").unwrap(), ("data".to_string(), 2.0));
        assert!(parse_weight("data").is_err());
        assert!(parse_weight("data=-1").is_err());
        assert!(parse_weight("data=NaN").is_err());
    }
}
