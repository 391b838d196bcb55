//! The built-in report is written by Rust code (`src/render/builtin.rs`) for speed, and
//! also ships as `templates/report.md.hbs`, the handlebars template users copy for
//! `--template`. These tests hold the two to the same bytes on every example and on
//! hundreds of varied applicants, in both languages, so neither can change alone.

use indexmap::IndexMap;
use moat::engine::report::Report;
use moat::model::answers::{Answer, AnswerFile, Status};
use moat::model::catalog::Catalog;
use moat::model::sample::{applicant, SampleSpec};
use moat::render::{Renderer, ReportRenderer};
use moat::text::Lang;
use std::path::Path;

fn both_forms(data: &Report, what: &str) {
    let template = Renderer::report(None).unwrap().render(data).unwrap();
    let builtin = ReportRenderer::Builtin.render(data).unwrap();
    if template != builtin {
        let line = template.lines().zip(builtin.lines()).position(|(a, b)| a != b).unwrap_or(0);
        let show = |text: &str| text.lines().skip(line.saturating_sub(2)).take(5).collect::<Vec<_>>().join("\n");
        panic!(
            "{what}: the built-in report differs from templates/report.md.hbs at line {}\n--- template:\n{}\n--- built-in:\n{}",
            line + 1,
            show(&template),
            show(&builtin)
        );
    }
}

fn report_for(
    catalog: &Catalog,
    file: &AnswerFile,
    lang: Lang,
    weights: &IndexMap<String, f64>,
    warnings: &[String],
) -> Report {
    let card = moat::engine::scoring::score(catalog.all(), file, weights).unwrap();
    moat::engine::report::build(catalog, file, &card, lang, warnings)
}

#[test]
fn examples_render_the_same_through_both_forms() {
    let catalog = Catalog::builtin().unwrap();
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut seen = 0;
    for entry in std::fs::read_dir(examples).unwrap() {
        let path = entry.unwrap().path();
        let source = std::fs::read_to_string(&path).unwrap();
        let loaded = moat::model::answers::load(&path.display().to_string(), &source, &catalog).unwrap();
        for lang in [Lang::En, Lang::Zh] {
            let data = report_for(&catalog, &loaded.file, lang, &IndexMap::new(), &[]);
            both_forms(&data, &format!("{} ({lang:?})", path.display()));
        }
        seen += 1;
    }
    assert!(seen >= 4, "the examples folder holds the four stories");
}

/// Sampled applicants vary profile, stage, unknowns, evidence, notes, flags and
/// `when`-dependent answers; every tenth is also bent towards the template's rarer
/// branches (in progress, hostile text, warnings, zero weights and targets).
#[test]
fn sampled_applicants_render_the_same_through_both_forms() {
    let catalog = Catalog::builtin().unwrap();
    let spec = SampleSpec { count: 300, seed: 11, profile: None };
    let hostile = "| <b>x</b> ![i](http://e.com/i.png) [l](http://e.com) `c` **b** _u_ www.e.com a@b.co 1. # \u{1b}[31m\u{202e}\n- item";
    for index in 0..spec.count {
        let mut file = applicant(&catalog, &spec, index);
        let mut weights = IndexMap::new();
        let mut warnings = Vec::new();
        if index % 10 == 0 {
            file.status = Status::InProgress;
            file.respondent.name = Some(hostile.to_string());
            file.assessed_on = None;
            for answers in file.answers.values_mut() {
                for answer in answers.values_mut() {
                    if let Answer::Choice { note, .. } = answer {
                        *note = Some(hostile.to_string());
                    }
                }
            }
            warnings.push(hostile.to_string());
            weights.insert("data".to_string(), 0.0);
        }
        if index % 10 == 5 {
            strong_but_one_critical_flag(&catalog, &mut file);
        }
        if index % 15 == 0 {
            file.respondent.name = Some(String::new());
            file.respondent.profile = None;
        }
        for lang in [Lang::En, Lang::Zh] {
            let data = report_for(&catalog, &file, lang, &weights, &warnings);
            both_forms(&data, &format!("sampled applicant {index} ({lang:?})"));
        }
    }
}

/// Top answers everywhere, with verifiable evidence, but no rights to the training data:
/// a critical flag that caps the data dimension's level (the report's ⚑ branches).
fn strong_but_one_critical_flag(catalog: &Catalog, file: &mut AnswerFile) {
    let assessment = catalog.get("competitive-advantage").unwrap();
    let answers = file.answers.entry(assessment.id.clone()).or_default();
    for q in assessment.questions() {
        if q.kind != moat::model::definition::Kind::Choice || q.when.is_some() {
            continue;
        }
        let best =
            q.options.iter().filter(|o| !o.unknown && !o.na).max_by(|a, b| a.score.partial_cmp(&b.score).unwrap());
        let option = if q.id == "data_rights" { "no_rights" } else { &best.unwrap().id };
        let evidence = q.evidence.then_some(moat::model::answers::Evidence::Verifiable);
        answers.insert(q.id.clone(), Answer::Choice { option: option.to_string(), evidence, note: None });
    }
}

#[test]
fn a_strong_file_with_a_critical_flag_shows_the_capped_level() {
    let catalog = Catalog::builtin().unwrap();
    let mut file = applicant(&catalog, &SampleSpec { count: 1, seed: 5, profile: None }, 0);
    strong_but_one_critical_flag(&catalog, &mut file);
    let data = report_for(&catalog, &file, Lang::En, &IndexMap::new(), &[]);
    let markdown = ReportRenderer::Builtin.render(&data).unwrap();
    assert!(markdown.contains("> ⚑ "), "the capping flag is quoted under its dimension:\n{markdown}");
    both_forms(&data, "a capped level");
}

/// The built-in assessments with every profile target set to `value`.
fn catalog_with_targets(value: f64) -> Catalog {
    let mut assessments = Catalog::builtin().unwrap().all().to_vec();
    for profile in assessments.iter_mut().flat_map(|a| a.profiles.iter_mut()) {
        profile.targets.values_mut().for_each(|target| *target = value);
    }
    Catalog::from_assessments(assessments)
}

/// Values handlebars treats as false although they are present: a target of 0, an empty
/// note, an empty name.
#[test]
fn zero_targets_and_empty_texts_render_the_same_through_both_forms() {
    let catalog = catalog_with_targets(0.0);
    let spec = SampleSpec { count: 20, seed: 9, profile: None };
    for index in 0..spec.count {
        let mut file = applicant(&catalog, &spec, index);
        file.respondent.name = Some(String::new());
        for answers in file.answers.values_mut() {
            for answer in answers.values_mut() {
                if let Answer::Choice { note, evidence, .. } = answer {
                    *note = Some(String::new());
                    evidence.get_or_insert(moat::model::answers::Evidence::Document);
                }
            }
        }
        for lang in [Lang::En, Lang::Zh] {
            both_forms(&report_for(&catalog, &file, lang, &IndexMap::new(), &[]), "zero targets, empty notes");
        }
    }
}

/// Found by review: trailing Unicode blanks before a control character, a leading
/// control before a list marker, and a subnormal target (handlebars' `#if` is false).
#[test]
fn odd_blanks_and_tiny_targets_render_the_same_through_both_forms() {
    let catalog = catalog_with_targets(1.0e-320);
    let mut file = applicant(&catalog, &SampleSpec { count: 1, seed: 2, profile: None }, 0);
    file.respondent.name = Some("Acme\u{a0}\u{1}".to_string());
    file.respondent.stage = Some("x\u{3000}\u{1}".to_string());
    file.respondent.sector = Some("\u{202e}- list".to_string());
    for lang in [Lang::En, Lang::Zh] {
        both_forms(&report_for(&catalog, &file, lang, &IndexMap::new(), &[]), "odd blanks, tiny targets");
    }
}

#[test]
fn a_file_with_nothing_assessed_renders_the_same_through_both_forms() {
    let catalog = Catalog::builtin().unwrap();
    let file = AnswerFile::default();
    for lang in [Lang::En, Lang::Zh] {
        both_forms(&report_for(&catalog, &file, lang, &IndexMap::new(), &[]), "an empty file");
    }
    // One assessment only: the other's dimensions and levers are absent.
    let spec = SampleSpec { count: 1, seed: 3, profile: None };
    let mut file = applicant(&catalog, &spec, 0);
    file.answers.shift_remove("cost-benefit");
    for lang in [Lang::En, Lang::Zh] {
        both_forms(&report_for(&catalog, &file, lang, &IndexMap::new(), &[]), "competitive-advantage only");
    }
}
