//! The web form of `moat form`: one self-contained HTML page that asks the questions of
//! the definitions in use and, at the end, gives the answers file to download or copy.
//!
//! The page is `assets/form/form.html` with its style (`form.css`) and script
//! (`logic.js`, the rules; `form.js`, the screens) written in, and the definitions as
//! JSON data serialised from the model, so the page and moat read the same definitions.
//! The rules the script applies (which questions apply, which answers are valid, how a
//! typed amount reads) mirror `model::condition`, `model::answers::check_answer` and
//! `text::number::parse_amount`; `tests/form.rs` runs both on the same inputs.
//!
//! Nothing in the page is fetched: a Content-Security-Policy allows only the one inline
//! style and the one inline script (by their SHA-256), and definition texts reach the
//! page only inside the JSON data, which the script shows as text, never as markup.

use crate::model::answers::{Evidence, FORMAT_VERSION};
use crate::model::definition::{respondent_choices, Assessment, RespondentChoices, MAX_SCORE, STRONG_SCORE};
use crate::render::html::escape_html;
use crate::render::RenderError;
use crate::text::labels::fixed_text;
use crate::text::Lang;
use base64::Engine as _;
use indexmap::IndexMap;
use serde::Serialize;
use sha2::{Digest, Sha256};

const PAGE: &str = include_str!("../../assets/form/form.html");
const STYLE: &str = include_str!("../../assets/form/form.css");
const LOGIC: &str = include_str!("../../assets/form/logic.js");
const SCREENS: &str = include_str!("../../assets/form/form.js");

/// The fixed words the page shows, sent in every language it can switch to. A test
/// holds this list to the keys `form.js` uses.
pub const LABELS: &[&str] = &[
    "ask.welcome_title",
    "ask.welcome_covers",
    "ask.welcome_size",
    "ask.start",
    "ask.about_you",
    "ask.stage",
    "ask.sector",
    "ask.profile",
    "ask.profile_none",
    "ask.evidence_prompt",
    "ask.evidence.verifiable",
    "ask.evidence.document",
    "ask.evidence.assertion",
    "ask.not_a_number",
    "ask.decimal_comma",
    "ask.other_currency",
    "ask.no_currency",
    "ask.at_least",
    "ask.at_most",
    "ask.stands_alone",
    "ask.dropped",
    "ask.section_of",
    "ask.question_of",
    "ask.answered_of",
    "ask.review_title",
    "ask.review_intro",
    "ask.not_answered",
    "ask.unanswered_confirm",
    "ask.finish_anyway",
    "ask.keep_answering",
    "form.noscript",
    "form.language",
    "form.saved_here",
    "form.storage_off",
    "form.resumed",
    "form.start_over",
    "form.start_over_confirm",
    "form.delete_answers",
    "form.keep_answers",
    "form.back",
    "form.next",
    "form.clear",
    "form.skip_hint",
    "form.name",
    "form.optional",
    "form.why",
    "form.multi_hint",
    "form.number_hint",
    "form.note",
    "form.evidence_note",
    "form.question",
    "form.answer",
    "form.change",
    "form.none_ticked",
    "form.review_finish",
    "form.done_title",
    "form.done_intro",
    "form.download",
    "form.send_room",
    "form.sent_room",
    "form.send_failed",
    "form.your_report",
    "form.copy",
    "form.copied",
    "form.copy_failed",
    "form.file_label",
    "form.edit",
    ":",
    ",",
];

/// Everything the page's script reads, as one JSON document.
#[derive(Serialize)]
struct PageData<'a> {
    /// The answers format version the page writes (`moat: 1`).
    format: u32,
    /// The language the page opens in.
    lang: Lang,
    /// The languages it can switch between (one: no switch).
    languages: Vec<Lang>,
    /// Where the browser keeps the answers given so far: one key per set of definitions
    /// and versions, so two forms opened from the same folder do not mix their answers.
    storage_key: String,
    assessments: &'a [&'a Assessment],
    respondent: RespondentChoices<'a>,
    /// The evidence levels, strongest first, as the answers file spells them.
    evidence: Vec<&'static str>,
    /// An option scoring at least this is a strong claim (evidence is asked).
    strong_score: f64,
    max_score: f64,
    labels: IndexMap<Lang, IndexMap<&'static str, &'static str>>,
    /// Set only when `moat room serve` serves the page: where it sends the answers file.
    #[serde(skip_serializing_if = "Option::is_none")]
    room: Option<Room<'a>>,
}

/// What the page needs to send its answers to the room that served it.
#[derive(Serialize)]
struct Room<'a> {
    /// The path the answers file is POSTed to (same origin).
    submit: &'a str,
}

/// The page for `assessments` (in the order they are scored), opening in `lang`.
pub fn page(assessments: &[&Assessment], lang: Lang) -> Result<String, RenderError> {
    build(assessments, lang, None)
}

/// The page as `moat room serve` serves it: the same page, which also offers to send the
/// answers file to `submit` (a same-origin path), and may connect to its own origin only.
pub fn room_page(assessments: &[&Assessment], lang: Lang, submit: &str) -> Result<String, RenderError> {
    build(assessments, lang, Some(Room { submit }))
}

fn build(assessments: &[&Assessment], lang: Lang, room: Option<Room<'_>>) -> Result<String, RenderError> {
    let connect = if room.is_some() { "; connect-src 'self'" } else { "" };
    let languages = languages(assessments, lang);
    let labels =
        languages.iter().map(|&l| (l, LABELS.iter().map(|&key| (key, fixed_text(l, key))).collect())).collect();
    let versions: Vec<String> = assessments.iter().map(|a| format!("{}@{}", a.id, a.version)).collect();
    let data = PageData {
        format: FORMAT_VERSION,
        lang,
        languages,
        storage_key: format!("moat-form/{FORMAT_VERSION}/{}", versions.join("+")),
        assessments,
        respondent: respondent_choices(assessments),
        evidence: Evidence::ALL.iter().map(|e| e.as_str()).collect(),
        strong_score: STRONG_SCORE,
        max_score: MAX_SCORE,
        labels,
        room,
    };
    let json = serde_json::to_string(&data).map_err(|e| RenderError::Json(e.to_string()))?;
    let script = format!("{LOGIC}\n{SCREENS}");
    let csp = format!(
        "default-src 'none'; script-src '{}'; style-src '{}'; img-src 'none'; base-uri 'none'; form-action 'none'{connect}",
        sha256_source(&script),
        sha256_source(STYLE)
    );
    Ok(fill(
        PAGE,
        &[
            ("lang", lang.code()),
            ("csp", &csp),
            ("title", &escape_html(fixed_text(lang, "ask.welcome_title"))),
            ("style", STYLE),
            ("noscript", &escape_html(fixed_text(lang, "form.noscript"))),
            ("broken", &escape_html(fixed_text(lang, "form.broken"))),
            ("data", &script_safe_json(&json)),
            ("script", &script),
        ],
    ))
}

/// The languages the page offers: both when every definition is written in both (lint
/// holds each file to one set of languages, so its title tells), else only `lang`.
fn languages(assessments: &[&Assessment], lang: Lang) -> Vec<Lang> {
    let both = !assessments.is_empty()
        && assessments.iter().all(|a| Lang::ALL.iter().all(|l| a.title.languages().contains(&l.code())));
    if both {
        Lang::ALL.to_vec()
    } else {
        vec![lang]
    }
}

/// `template` with each `{{name}}` replaced by its value, in one pass: a value is
/// never searched for markers itself.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + values.iter().map(|(_, v)| v.len()).sum::<usize>());
    let mut rest = template;
    while let Some(at) = rest.find("{{") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let value = after.find("}}").and_then(|end| {
            let name = &after[..end];
            values.iter().find(|(n, _)| *n == name).map(|(_, v)| (*v, end))
        });
        match value {
            Some((value, end)) => {
                out.push_str(value);
                rest = &after[end + 2..];
            }
            None => {
                out.push_str("{{");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// JSON that can sit inside `<script type="application/json">`: no `<` (so no
/// `</script>` or `<!--`), `>` or `&` in it, each written as its `\u` escape. These
/// characters occur only inside JSON strings, where the escape means the same.
fn script_safe_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c => out.push(c),
        }
    }
    out
}

/// `'sha256-...'` of an inline script or style, for the Content-Security-Policy.
fn sha256_source(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    format!("sha256-{}", base64::engine::general_purpose::STANDARD.encode(digest))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::catalog::Catalog;

    #[test]
    fn markers_are_filled_once_and_values_are_not_searched() {
        let out = fill("<{{a}}|{{b}}|{{c}}|{{a", &[("a", "{{b}}"), ("b", "x")]);
        assert_eq!(out, "<{{b}}|x|{{c}}|{{a");
    }

    #[test]
    fn json_in_the_page_cannot_close_its_script() {
        let json = serde_json::to_string("</script><!-- & >").unwrap();
        let safe = script_safe_json(&json);
        assert!(!safe.contains('<') && !safe.contains('>') && !safe.contains('&'), "{safe}");
        assert_eq!(serde_json::from_str::<String>(&safe).unwrap(), "</script><!-- & >");
    }

    #[test]
    fn the_page_carries_its_script_style_and_data_and_loads_nothing() {
        let catalog = Catalog::builtin().unwrap();
        let all: Vec<&Assessment> = catalog.all().iter().collect();
        let html = page(&all, Lang::Zh).unwrap();
        assert!(html.starts_with("<!DOCTYPE html>"), "{}", &html[..40]);
        assert!(html.contains("<html lang=\"zh\">"));
        assert!(!html.contains("{{"), "a marker was left unfilled");
        assert_eq!(html.matches("<script").count(), 2, "the data and the one script");
        assert!(html.contains(&sha256_source(&format!("{LOGIC}\n{SCREENS}"))));
        assert!(html.contains(&sha256_source(STYLE)));
        for remote in ["src=", "href=", "@import", "url("] {
            assert!(!html.contains(remote), "the page names `{remote}`");
        }
        let start = html.find("id=\"moat-data\">").unwrap() + "id=\"moat-data\">".len();
        let end = start + html[start..].find("</script>").unwrap();
        let data: serde_json::Value = serde_json::from_str(&html[start..end]).unwrap();
        assert_eq!(data["languages"], serde_json::json!(["en", "zh"]));
        assert_eq!(data["assessments"].as_array().unwrap().len(), all.len());
        assert_eq!(data["storage_key"], "moat-form/1/competitive-advantage@2+cost-benefit@2");
    }

    /// Definition texts reach the page as data and are set as text: the script has no
    /// way of turning a string into markup or code.
    #[test]
    fn the_script_never_parses_a_string_as_markup_or_code() {
        for source in [LOGIC, SCREENS] {
            for banned in [
                "innerHTML",
                "outerHTML",
                "insertAdjacentHTML",
                "document.write",
                "eval(",
                "Function(",
                "setAttribute(\"style",
            ] {
                assert!(!source.contains(banned), "the form's script uses `{banned}`");
            }
        }
    }

    /// Every `t("key")` in the page's script is sent with it, and every key sent exists.
    #[test]
    fn the_labels_the_script_uses_are_sent() {
        for key in LABELS {
            for lang in Lang::ALL {
                assert!(crate::text::labels::label(lang, key).is_some(), "no label `{key}` in {lang}");
            }
        }
        let mut used = Vec::new();
        for source in [LOGIC, SCREENS] {
            for (at, _) in source.match_indices("t(\"") {
                let before = source[..at].chars().next_back();
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.') {
                    continue;
                }
                let rest = &source[at + 3..];
                used.push(&rest[..rest.find('"').unwrap_or(0)]);
            }
        }
        assert!(used.len() > 30, "the scan found only {} keys", used.len());
        // `t("ask.evidence." + level)` names a key for each evidence level.
        let mut keys: Vec<String> = used.iter().filter(|k| !k.ends_with('.')).map(|k| k.to_string()).collect();
        for prefix in used.iter().filter(|k| k.ends_with('.')) {
            assert_eq!(*prefix, "ask.evidence.", "a label key built at run time that this test does not know");
            keys.extend(Evidence::ALL.iter().map(|e| format!("{prefix}{}", e.as_str())));
        }
        let missing: Vec<&String> = keys.iter().filter(|k| !LABELS.contains(&k.as_str())).collect();
        assert!(missing.is_empty(), "form.js uses labels the page is not sent: {missing:?}");
    }
}
