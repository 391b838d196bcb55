//! The built-in templates, compiled into the binary. The files in `templates/` are their
//! single source; `moat template NAME` prints one so a user can start their own.

/// What a template writes, which decides the escape every `{{value}}` goes through and
/// the helpers it has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Markup {
    Markdown,
    /// A self-contained HTML page; also has the SVG chart helpers.
    Html,
}

/// A template moat ships.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Builtin {
    /// The founder's strategy report (`report`, `ask`, `screen`).
    Report,
    /// The workshop room (`cohort`).
    Cohort,
    /// Progress between two answer files (`compare`).
    Compare,
    /// The ranked batch (`screen`'s `leaderboard.md`).
    Leaderboard,
    /// One page per applicant for a selection committee (`screen`, `report --brief`).
    Brief,
    /// The strategy report as a web page (`report --format html`, `ask --report x.html`).
    ReportHtml,
    /// The one-page brief as a web page (`report --brief --format html`).
    BriefHtml,
    /// The workshop room as a web page, for a projector (`cohort --format html`).
    CohortHtml,
    /// The stylesheet every HTML page includes as the partial `{{> style}}`.
    HtmlStyle,
}

impl Builtin {
    pub const ALL: [Builtin; 9] = [
        Builtin::Report,
        Builtin::Brief,
        Builtin::Cohort,
        Builtin::Compare,
        Builtin::Leaderboard,
        Builtin::ReportHtml,
        Builtin::BriefHtml,
        Builtin::CohortHtml,
        Builtin::HtmlStyle,
    ];

    /// The name `moat template` takes.
    pub fn name(self) -> &'static str {
        match self {
            Builtin::Report => "report",
            Builtin::Cohort => "cohort",
            Builtin::Compare => "compare",
            Builtin::Leaderboard => "leaderboard",
            Builtin::Brief => "brief",
            Builtin::ReportHtml => "report-html",
            Builtin::BriefHtml => "brief-html",
            Builtin::CohortHtml => "cohort-html",
            Builtin::HtmlStyle => "html-style",
        }
    }

    pub fn markup(self) -> Markup {
        match self {
            Builtin::ReportHtml | Builtin::BriefHtml | Builtin::CohortHtml | Builtin::HtmlStyle => Markup::Html,
            _ => Markup::Markdown,
        }
    }

    /// The same layout for `markup`: the HTML page of a markdown template and back.
    pub fn as_markup(self, markup: Markup) -> Builtin {
        match (self, markup) {
            (Builtin::Report | Builtin::ReportHtml, Markup::Html) => Builtin::ReportHtml,
            (Builtin::Brief | Builtin::BriefHtml, Markup::Html) => Builtin::BriefHtml,
            (Builtin::Cohort | Builtin::CohortHtml, Markup::Html) => Builtin::CohortHtml,
            (Builtin::ReportHtml, Markup::Markdown) => Builtin::Report,
            (Builtin::BriefHtml, Markup::Markdown) => Builtin::Brief,
            (Builtin::CohortHtml, Markup::Markdown) => Builtin::Cohort,
            (other, _) => other,
        }
    }

    /// Where the template lives in the repository; messages name it so.
    pub fn path(self) -> &'static str {
        match self {
            Builtin::Report => "templates/report.md.hbs",
            Builtin::Cohort => "templates/cohort.md.hbs",
            Builtin::Compare => "templates/compare.md.hbs",
            Builtin::Leaderboard => "templates/leaderboard.md.hbs",
            Builtin::Brief => "templates/brief.md.hbs",
            Builtin::ReportHtml => "templates/report.html.hbs",
            Builtin::BriefHtml => "templates/brief.html.hbs",
            Builtin::CohortHtml => "templates/cohort.html.hbs",
            Builtin::HtmlStyle => "templates/style.css.hbs",
        }
    }

    pub fn source(self) -> &'static str {
        match self {
            Builtin::Report => include_str!("../../templates/report.md.hbs"),
            Builtin::Cohort => include_str!("../../templates/cohort.md.hbs"),
            Builtin::Compare => include_str!("../../templates/compare.md.hbs"),
            Builtin::Leaderboard => include_str!("../../templates/leaderboard.md.hbs"),
            Builtin::Brief => include_str!("../../templates/brief.md.hbs"),
            Builtin::ReportHtml => include_str!("../../templates/report.html.hbs"),
            Builtin::BriefHtml => include_str!("../../templates/brief.html.hbs"),
            Builtin::CohortHtml => include_str!("../../templates/cohort.html.hbs"),
            Builtin::HtmlStyle => include_str!("../../templates/style.css.hbs"),
        }
    }

    /// What the template is for, for `moat template --help` and `moat template` alone.
    pub fn purpose(self) -> &'static str {
        match self {
            Builtin::Report => {
                "the strategy report of `report` and `ask` (`--template`), and of `screen --full-reports` (`--report-template`)"
            }
            Builtin::Brief => "the one-page applicant brief of `screen` and `report --brief` (`--brief-template`)",
            Builtin::Cohort => "the workshop room of `cohort` (`--template`)",
            Builtin::Compare => "the progress report of `compare` (`--template`)",
            Builtin::Leaderboard => {
                "the leaderboard of `screen` (`--leaderboard-template`; the ranked table goes at `{{{table}}}`)"
            }
            Builtin::ReportHtml => "the strategy report as a web page: `report --format html` and `ask --report x.html` (`--template`)",
            Builtin::BriefHtml => "the applicant brief as a web page: `report --brief --format html` (`--template`)",
            Builtin::CohortHtml => "the workshop room as a web page, for a projector: `cohort --format html` (`--template`)",
            Builtin::HtmlStyle => "the stylesheet every HTML page includes with `{{> style}}` (paste your own in its place)",
        }
    }

    pub fn parse(name: &str) -> Option<Builtin> {
        Builtin::ALL.into_iter().find(|t| t.name() == name)
    }
}
