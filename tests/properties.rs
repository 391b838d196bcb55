//! Scoring invariants over random answers to the built-in assessments.

mod common;
use common::check_markdown;
use indexmap::IndexMap;
use moat::engine::scoring::{self, Scorecard};
use moat::model::answers::{self, Answer, AnswerFile, Evidence, Respondent};
use moat::model::catalog::Catalog;
use moat::model::definition::Kind;
use proptest::prelude::*;
use std::sync::OnceLock;

fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| Catalog::builtin().expect("built-ins load"))
}

/// One random draw per question: (skip it?, which option/value, which evidence).
type Draw = (u8, u32, u8);

fn question_count() -> usize {
    catalog().all().iter().map(|a| a.questions().count()).sum()
}

fn build(draws: &[Draw], which: u8, profile: u8) -> AnswerFile {
    let mut file = AnswerFile { moat: 1, ..AnswerFile::default() };
    file.respondent = Respondent {
        name: Some("Prop Co".into()),
        profile: [None, Some("foundation"), Some("adapter"), Some("application")][profile as usize % 4]
            .map(str::to_string),
        ..Respondent::default()
    };
    let mut draws = draws.iter();
    for (index, assessment) in catalog().all().iter().enumerate() {
        let mut answers = IndexMap::new();
        for q in assessment.questions() {
            let Some(&(skip, seed, evidence)) = draws.next() else { break };
            if skip % 6 == 0 {
                continue;
            }
            let answer = match q.kind {
                Kind::Choice => Answer::Choice {
                    option: q.options[seed as usize % q.options.len()].id.clone(),
                    evidence: [None, Some(Evidence::Verifiable), Some(Evidence::Document), Some(Evidence::Assertion)]
                        [evidence as usize % 4],
                    note: None,
                },
                Kind::Multi => {
                    let ticked: Vec<_> =
                        q.options.iter().enumerate().filter(|(i, _)| seed >> i & 1 == 1).map(|(_, o)| o).collect();
                    // "Don't know", "does not apply" and "none of these" stand alone.
                    let chosen = match ticked.iter().find(|o| o.stands_alone()) {
                        Some(alone) => vec![alone.id.clone()],
                        None => ticked.iter().map(|o| o.id.clone()).collect(),
                    };
                    Answer::Multi(chosen)
                }
                Kind::Number => {
                    Answer::Number(f64::from(seed % 5_000_000).clamp(q.min.unwrap_or(0.0), q.max.unwrap_or(f64::MAX)))
                }
                Kind::Text => Answer::Text(format!("note {seed}")),
            };
            answers.insert(q.id.clone(), answer);
        }
        if which >> index & 1 == 1 {
            file.answers.insert(assessment.id.clone(), answers);
        }
    }
    file
}

fn score(file: &AnswerFile) -> Scorecard {
    scoring::score(catalog().all(), file, &IndexMap::new()).expect("random valid answers score")
}

fn draws() -> impl Strategy<Value = Vec<Draw>> {
    prop::collection::vec((any::<u8>(), any::<u32>(), any::<u8>()), question_count())
}

fn in_range(x: Option<f64>) -> bool {
    x.is_none_or(|v| (0.0..=100.0).contains(&v))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn every_score_is_within_0_and_100_or_null(draws in draws(), which in 0u8..4, profile in 0u8..4) {
        let card = score(&build(&draws, which, profile));
        prop_assert!(in_range(card.overall.score) && in_range(card.overall.claimed));
        for d in &card.dimensions {
            prop_assert!(in_range(d.score) && in_range(d.claimed), "{} out of range", d.id);
            prop_assert!(d.confidence.is_none_or(|c| (0.0..=1.0).contains(&c)));
            prop_assert!(d.overclaim.is_none_or(|o| o >= -1e-9), "credited above claimed in {}", d.id);
            prop_assert_eq!(d.score.is_none(), d.level.is_none());
        }
        for s in &card.sections {
            prop_assert!(in_range(s.score));
        }
    }

    #[test]
    fn weaker_evidence_never_raises_a_score(draws in draws(), profile in 0u8..4) {
        let file = build(&draws, 3, profile);
        let mut weaker = file.clone();
        for answers in weaker.answers.values_mut() {
            for answer in answers.values_mut() {
                if let Answer::Choice { evidence, .. } = answer {
                    *evidence = Some(Evidence::Assertion);
                }
            }
        }
        let (before, after) = (score(&file), score(&weaker));
        for (b, a) in before.dimensions.iter().zip(&after.dimensions) {
            prop_assert!(a.score.unwrap_or(0.0) <= b.score.unwrap_or(0.0) + 1e-9, "{} rose", b.id);
            prop_assert_eq!(a.claimed, b.claimed);
        }
    }

    #[test]
    fn a_better_option_never_lowers_its_dimensions(draws in draws(), pick in any::<u32>(), profile in 0u8..4) {
        let file = build(&draws, 3, profile);
        // A choice question that no `when` looks at, so changing it cannot change which questions apply.
        let candidates: Vec<(&str, &moat::model::definition::Question)> = catalog()
            .all()
            .iter()
            .flat_map(|a| a.questions().map(move |q| (a, q)))
            .filter(|(a, q)| q.kind == Kind::Choice && !a.questions().any(|x| x.when.as_ref().is_some_and(|w| w.question == q.id)))
            .map(|(a, q)| (a.id.as_str(), q))
            .collect();
        let (assessment, q) = candidates[pick as usize % candidates.len()];
        let mut scored: Vec<_> = q.options.iter().filter(|o| o.score.is_some()).collect();
        scored.sort_by(|a, b| a.score.partial_cmp(&b.score).unwrap());
        let with = |option: &str| {
            let mut f = file.clone();
            let answer = Answer::Choice { option: option.to_string(), evidence: Some(Evidence::Verifiable), note: None };
            f.answers.get_mut(assessment).unwrap().insert(q.id.clone(), answer);
            score(&f)
        };
        for pair in scored.windows(2) {
            let (low, high) = (with(&pair[0].id), with(&pair[1].id));
            for (l, h) in low.dimensions.iter().zip(&high.dimensions) {
                prop_assert!(h.score.unwrap_or(0.0) + 1e-9 >= l.score.unwrap_or(0.0), "{}: {} lowered {}", q.id, pair[1].id, l.id);
                prop_assert!(h.claimed.unwrap_or(0.0) + 1e-9 >= l.claimed.unwrap_or(0.0));
            }
        }
    }

    #[test]
    fn what_moat_writes_moat_reads_back(draws in draws(), which in 0u8..4, profile in 0u8..4) {
        let file = build(&draws, which, profile);
        let yaml = file.to_yaml().unwrap();
        let loaded = answers::load("prop.yaml", &yaml, catalog()).map_err(|p| TestCaseError::fail(format!("{p:?}\n{yaml}")))?;
        prop_assert_eq!(&loaded.file, &file);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn the_same_input_gives_the_same_bytes_and_safe_markdown(draws in draws(), profile in 0u8..4) {
        let file = build(&draws, 3, profile);
        let renderer = moat::render::Renderer::builtin(moat::render::Builtin::Report).unwrap();
        let render = || {
            let (_, data) = moat::engine::report::score_and_build(catalog(), &file, &[], None, &IndexMap::new()).unwrap();
            (renderer.render(&data, data.lang).unwrap(), moat::render::to_json(&data).unwrap())
        };
        let (md, json) = render();
        prop_assert_eq!(render(), (md.clone(), json));
        prop_assert!(check_markdown(&md).is_ok(), "{:?}", check_markdown(&md));
    }
}

/// Any YAML value, built from the keys moat knows and from noise.
fn yaml_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let keys = prop::sample::select(vec![
        "moat",
        "respondent",
        "answers",
        "name",
        "profile",
        "status",
        "lang",
        "assessed_on",
        "versions",
        "competitive-advantage",
        "cost-benefit",
        "provider_dependence",
        "data_legal_basis",
        "api_efficiency_techniques",
        "monthly_gpu_capacity_usd",
        "choice",
        "evidence",
        "note",
        "cash_usd",
        "monthly_burn_usd",
        "id",
        "version",
        "title",
        "dimensions",
        "levels",
        "sections",
        "questions",
        "options",
        "score",
        "when",
        "question",
        "in",
        "bands",
        "below",
        "metrics",
        "ratio",
        "x",
        "",
    ]);
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        "[a-z_ .\\-]{0,12}".prop_map(Value::String),
        prop::sample::select(vec![
            "single_no_fallback",
            "signed",
            "verifiable",
            "prompt_caching",
            "complete",
            "en",
            "zh",
            "2026-11-28",
            "1"
        ])
        .prop_map(|s| Value::String(s.to_string())),
    ];
    leaf.prop_recursive(4, 48, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec((keys.clone(), inner), 0..6)
                .prop_map(|entries| Value::Object(entries.into_iter().map(|(k, v)| (k.to_string(), v)).collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn arbitrary_yaml_never_panics_the_loaders_and_what_loads_scores_in_range(value in yaml_value(), moat_key in any::<bool>()) {
        let mut value = value;
        // Often make it look like an answers file, so the checks past the first line run too.
        if moat_key {
            if let serde_json::Value::Object(map) = &mut value {
                map.insert("moat".into(), serde_json::Value::from(1));
            }
        }
        let text = moat::model::yaml::to_string(&value).unwrap();
        if let Ok(loaded) = answers::load("any.yaml", &text, catalog()) {
            let card = score(&loaded.file);
            prop_assert!(in_range(card.overall.score));
            for d in &card.dimensions {
                prop_assert!(in_range(d.score) && in_range(d.claimed));
            }
            prop_assert_eq!(score(&loaded.file), card);
        }
        let _ = moat::model::definition::load("any.yaml", &text);
    }

    #[test]
    fn arbitrary_text_never_panics_the_loaders(text in "\\PC{0,200}") {
        let _ = answers::load("any.yaml", &text, catalog());
        let _ = moat::model::definition::load("any.yaml", &text);
        let _ = moat::model::yaml::LineIndex::new(&text);
    }
}
