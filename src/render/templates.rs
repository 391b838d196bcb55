//! The built-in templates, compiled into the binary. The files in `templates/` are their
//! single source; `moat template NAME` prints one so a user can start their own.

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
}

impl Builtin {
    pub const ALL: [Builtin; 5] =
        [Builtin::Report, Builtin::Brief, Builtin::Cohort, Builtin::Compare, Builtin::Leaderboard];

    /// The name `moat template` takes.
    pub fn name(self) -> &'static str {
        match self {
            Builtin::Report => "report",
            Builtin::Cohort => "cohort",
            Builtin::Compare => "compare",
            Builtin::Leaderboard => "leaderboard",
            Builtin::Brief => "brief",
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
        }
    }

    pub fn source(self) -> &'static str {
        match self {
            Builtin::Report => include_str!("../../templates/report.md.hbs"),
            Builtin::Cohort => include_str!("../../templates/cohort.md.hbs"),
            Builtin::Compare => include_str!("../../templates/compare.md.hbs"),
            Builtin::Leaderboard => include_str!("../../templates/leaderboard.md.hbs"),
            Builtin::Brief => include_str!("../../templates/brief.md.hbs"),
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
        }
    }

    pub fn parse(name: &str) -> Option<Builtin> {
        Builtin::ALL.into_iter().find(|t| t.name() == name)
    }
}
