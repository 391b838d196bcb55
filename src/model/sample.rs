//! `moat sample`: valid, varied, reproducible answer files for trying `screen` and
//! `cohort` before real ones arrive, and for the benchmark. Each applicant draws from
//! its own generator seeded by (seed, index), so the files do not depend on thread order.

use crate::model::answers::{Answer, AnswerFile, Evidence, Respondent, Status};
use crate::model::catalog::Catalog;
use crate::model::condition::applicability;
use crate::model::definition::{Assessment, Kind, Question};
use crate::text::Lang;
use indexmap::IndexMap;

/// SplitMix64: tiny, fast, and stable across versions (unlike a crate's `StdRng`).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64, stream: u64) -> Rng {
        let mut rng = Rng(seed ^ stream.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        rng.next_u64();
        rng
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn below(&mut self, n: usize) -> usize {
        ((self.unit() * n as f64) as usize).min(n.saturating_sub(1))
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// Log-uniform between `low` and `high`.
    fn amount(&mut self, low: f64, high: f64) -> f64 {
        (low.ln() + self.unit() * (high.ln() - low.ln())).exp().round()
    }
}

const NAME_HEADS: &[&str] = &[
    "Quill", "North", "Meri", "Vector", "Lumen", "Tensor", "Arbor", "Kite", "Nova", "Sable", "Cinder", "Helix",
    "Orbit", "Pollen", "Ridge", "Tide", "Willow", "Zephyr", "Atlas", "Basalt", "Cobalt", "Delta", "Ember", "Fjord",
];
const NAME_TAILS: &[&str] = &[
    "stack", "wind", "dian", "ly", "grid", "forge", "path", "mind", "works", "scope", "loop", "bridge", "field", "mark",
];
const NAME_SUFFIXES: &[&str] = &["", "", " AI", " Labs", " Health", " Robotics", " Systems", " 科技"];

/// The name of applicant `index`: every applicant of a batch has its own (up to the
/// 2,352 names there are), since `cohort` counts files of one name as one respondent
/// (issue 16). The names are walked in a seeded order with a stride prime to their number.
fn unique_name(seed: u64, index: usize) -> String {
    let suffixes: Vec<&str> =
        NAME_SUFFIXES.iter().enumerate().filter(|(i, s)| !NAME_SUFFIXES[..*i].contains(s)).map(|(_, s)| *s).collect();
    let total = (NAME_HEADS.len() * NAME_TAILS.len() * suffixes.len()) as u64;
    let k = (seed.wrapping_mul(2_654_435_761) % total + (index as u64 % total) * 1009) % total;
    let (heads, tails) = (NAME_HEADS.len() as u64, NAME_TAILS.len() as u64);
    let (head, tail, suffix) = (k % heads, (k / heads) % tails, k / (heads * tails));
    format!("{}{}{}", NAME_HEADS[head as usize], NAME_TAILS[tail as usize], suffixes[suffix as usize])
}
const NOTES: &[&str] = &[
    "Signed 2026-03 with a regional hospital network",
    "See the data room, folder 4",
    "Customer reference available on request",
    "Internal benchmark log, last run in October",
    "Published at a workshop, code on our site",
    "Board deck, slide 12",
    "Pilot contract, renewal due in Q1",
    "Audit report from our cloud provider",
];

/// How an applicant answers, beyond how good the company is. The shares follow what
/// accelerators see: many founders answer optimistically (in Cooper, Woo and
/// Dunkelberg's 1988 survey of 2,994 founders, 81% put their own odds of success at 7 in
/// 10 or better), and early teams leave many facts unknown.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Behaviour {
    /// Answers at its level and backs most strong claims.
    Careful,
    /// Answers at its level, backs some claims.
    Typical,
    /// Picks options above its level and backs little.
    Overclaimer,
    /// Early, and answers "don't know" often.
    Unsure,
}

impl Behaviour {
    /// (behaviour, share of a sampled batch), in the order they are drawn.
    pub const SHARES: [(Behaviour, f64); 4] =
        [(Behaviour::Careful, 0.3), (Behaviour::Typical, 0.4), (Behaviour::Overclaimer, 0.2), (Behaviour::Unsure, 0.1)];

    fn draw(rng: &mut Rng) -> Behaviour {
        let mut roll = rng.unit();
        for (behaviour, share) in Behaviour::SHARES {
            if roll < share {
                return behaviour;
            }
            roll -= share;
        }
        Behaviour::Typical
    }

    /// How far above its level the applicant aims, in points of 0–4.
    fn aim_shift(self) -> f64 {
        match self {
            Behaviour::Overclaimer => 1.6,
            _ => 0.0,
        }
    }

    /// The chance that a strong claim is backed by something checkable, from `unit`.
    fn candour(self, unit: f64) -> f64 {
        match self {
            Behaviour::Careful => 0.7 + 0.3 * unit,
            Behaviour::Typical => 0.3 + 0.5 * unit,
            Behaviour::Overclaimer => 0.15 * unit,
            Behaviour::Unsure => 0.2 + 0.4 * unit,
        }
    }

    /// The chance of "don't know" on a question that allows it.
    fn unknown_rate(self) -> f64 {
        match self {
            Behaviour::Careful => 0.03,
            Behaviour::Typical => 0.06,
            Behaviour::Overclaimer => 0.02,
            Behaviour::Unsure => 0.5,
        }
    }
}

/// What drives one applicant's answers.
struct Persona {
    /// A latent quality in 0..1 that drives most answers.
    quality: f64,
    /// How much evidence backs strong claims.
    candour: f64,
    behaviour: Behaviour,
}

/// Options for one batch.
pub struct SampleSpec<'a> {
    pub count: usize,
    pub seed: u64,
    /// Every applicant gets this profile; otherwise profiles vary.
    pub profile: Option<&'a str>,
}

/// The file name of applicant `index` (0-based) in a batch of `count`.
pub fn file_name(index: usize, count: usize) -> String {
    let width = count.to_string().len().max(3);
    format!("applicant-{:0width$}.yaml", index + 1)
}

/// Applicant `index` of the batch: a valid answers file for every assessment in `catalog`.
pub fn applicant(catalog: &Catalog, spec: &SampleSpec, index: usize) -> AnswerFile {
    let mut rng = Rng::new(spec.seed, index as u64);
    let profiles = crate::model::definition::profile_ids(catalog.all());
    let profile = match spec.profile {
        Some(p) => Some(p.to_string()),
        None if profiles.is_empty() || rng.chance(0.05) => None,
        None => Some(rng.pick(&profiles).to_string()),
    };
    // A latent quality drives most answers; the behaviour, how they are given.
    let behaviour = Behaviour::draw(&mut rng);
    let quality = (rng.unit() + rng.unit() + rng.unit()) / 3.0;
    let quality = if behaviour == Behaviour::Unsure { quality * 0.7 } else { quality };
    let persona = Persona { quality, candour: behaviour.candour(rng.unit()), behaviour };
    let stage_rank = rng.below(5);
    let respondent_spec = catalog.all().iter().find_map(|a| a.respondent.as_ref());
    let stage = respondent_spec
        .and_then(|s| s.stages.get(stage_rank.min(s.stages.len().saturating_sub(1))))
        .map(|l| l.id.clone());
    let sector = respondent_spec.filter(|s| !s.sectors.is_empty()).map(|s| rng.pick(&s.sectors).id.clone());
    // The three draws of the name stay, unused, so that everything drawn after them is
    // what it was before names were made unique.
    let _ = (rng.pick(NAME_HEADS), rng.pick(NAME_TAILS), rng.pick(NAME_SUFFIXES));
    let name = unique_name(spec.seed, index);
    let mut file = AnswerFile {
        respondent: Respondent { name: Some(name), stage, sector, profile: profile.clone() },
        assessed_on: Some("2026-11-28".to_string()),
        lang: Some(if rng.chance(0.15) { Lang::Zh } else { Lang::En }),
        status: Status::Complete,
        ..AnswerFile::default()
    };
    let money = Money::draw(&mut rng, stage_rank, profile.as_deref(), quality);
    for assessment in catalog.all() {
        file.versions.insert(assessment.id.clone(), assessment.version);
        file.answers.insert(assessment.id.clone(), IndexMap::new());
        answer_assessment(&mut rng, assessment, &mut file, &persona, &money);
    }
    file
}

/// Spend, revenue and cash that hang together for a stage and profile: net burn is
/// what spending exceeds revenue by (none for a company that covers its costs), compute
/// is part of spending, and a commitment is part of the GPU capacity.
struct Money {
    cash: f64,
    spend: f64,
    burn: f64,
    revenue: f64,
    revenue_3m_ago: f64,
    training: f64,
    inference: f64,
    other_cost_of_revenue: f64,
    gpu_capacity: f64,
    next_run: f64,
    committed: f64,
    committed_demand: f64,
}

impl Money {
    fn draw(rng: &mut Rng, stage: usize, profile: Option<&str>, quality: f64) -> Money {
        let scale = [0.15, 0.5, 1.5, 6.0, 25.0][stage.min(4)];
        let spend = rng.amount(20_000.0, 120_000.0) * scale;
        let runway_months = 2.0 + 28.0 * (0.3 * rng.unit() + 0.7 * quality);
        let revenue = if stage == 0 || rng.chance(0.2) { 0.0 } else { (spend * rng.unit() * 1.3 * quality).round() };
        let growth = 0.85 + 1.3 * quality * rng.unit();
        let (training, inference) = match profile {
            Some("foundation") => (spend * (0.3 + 0.4 * rng.unit()), spend * 0.1 * rng.unit()),
            Some("adapter") => (spend * 0.15 * rng.unit(), spend * 0.2 * rng.unit()),
            _ => (if rng.chance(0.8) { 0.0 } else { spend * 0.05 * rng.unit() }, spend * 0.15 * rng.unit()),
        };
        let gpu_capacity = match profile {
            Some("foundation") => training + 0.5 * inference,
            Some("adapter") => 0.8 * training + 0.5 * inference * rng.unit(),
            _ => 0.0,
        };
        let next_run = match profile {
            Some("foundation") => training * (3.0 + 9.0 * rng.unit()),
            Some("adapter") => training * (0.5 + 2.5 * rng.unit()),
            _ => 0.0,
        };
        let committed =
            if gpu_capacity > 0.0 && rng.chance(0.4) { gpu_capacity * (0.3 + 0.7 * rng.unit()) } else { 0.0 };
        Money {
            cash: (spend * runway_months).round(),
            spend: spend.round(),
            burn: (spend - revenue).max(0.0).round(),
            revenue,
            revenue_3m_ago: (revenue / growth).round(),
            training: training.round(),
            inference: inference.round(),
            other_cost_of_revenue: (inference * 0.3 * rng.unit()).round(),
            gpu_capacity: gpu_capacity.round(),
            next_run: next_run.round(),
            committed: committed.round(),
            committed_demand: (committed * (0.5 + 0.9 * quality + 0.2 * rng.unit())).round(),
        }
    }

    fn for_question(&self, id: &str) -> Option<f64> {
        Some(match id {
            "cash_usd" => self.cash,
            "monthly_total_costs_usd" => self.spend,
            "monthly_burn_usd" => self.burn,
            "monthly_revenue_usd" => self.revenue,
            "monthly_revenue_3m_ago_usd" => self.revenue_3m_ago,
            "monthly_training_compute_usd" => self.training,
            "monthly_inference_compute_usd" => self.inference,
            "monthly_other_cost_of_revenue_usd" => self.other_cost_of_revenue,
            "monthly_gpu_capacity_usd" => self.gpu_capacity,
            "next_training_run_cost_usd" => self.next_run,
            "monthly_committed_compute_usd" => self.committed,
            "monthly_committed_demand_usd" => self.committed_demand,
            _ => return None,
        })
    }
}

fn answer_assessment(rng: &mut Rng, a: &Assessment, file: &mut AnswerFile, persona: &Persona, money: &Money) {
    for q in a.questions() {
        // Only questions that apply given the answers so far (their `when` looks back).
        if !applicability(a, file).get(q.id.as_str()).copied().unwrap_or(false) || rng.chance(0.03) {
            continue;
        }
        if let Some(answer) = answer_question(rng, q, persona, money) {
            if let Some(answers) = file.answers.get_mut(&a.id) {
                answers.insert(q.id.clone(), answer);
            }
        }
    }
}

fn answer_question(rng: &mut Rng, q: &Question, persona: &Persona, money: &Money) -> Option<Answer> {
    let (quality, candour) = (persona.quality, persona.candour);
    let aim = (quality * 4.0 + persona.behaviour.aim_shift() + (rng.unit() - 0.5) * 2.4).clamp(0.0, 4.0);
    Some(match q.kind {
        Kind::Choice => {
            let unknown_rate = persona.behaviour.unknown_rate();
            if let Some(unknown) = q.options.iter().find(|o| o.unknown).filter(|_| rng.chance(unknown_rate)) {
                return Some(Answer::choice(&unknown.id));
            }
            if let Some(na) = q.options.iter().find(|o| o.na).filter(|_| rng.chance(0.03)) {
                return Some(Answer::choice(&na.id));
            }
            let nearest = |aim: f64| {
                q.options.iter().filter(|o| o.score.is_some()).min_by(|x, y| {
                    (x.score.unwrap_or(0.0) - aim).abs().total_cmp(&(y.score.unwrap_or(0.0) - aim).abs())
                })
            };
            let mut option = nearest(aim)?;
            // Facts that raise a critical flag (pirated data, a prohibited practice) are rarer
            // in a real pool than a weak company's other answers: most move one option up.
            let critical = |o: &crate::model::definition::AnswerOption| {
                o.flag.as_ref().is_some_and(|f| f.severity == crate::model::definition::Severity::Critical)
            };
            if critical(option) && rng.chance(0.75) {
                option = nearest(option.score.unwrap_or(0.0) + 1.0)?;
            }
            let strong = crate::model::definition::is_strong(option.score);
            let evidence = if q.evidence && strong {
                let roll = rng.unit();
                if roll < 0.1 {
                    None
                } else if roll < 0.1 + 0.9 * candour {
                    Some(Evidence::Verifiable)
                } else if rng.chance(0.5) {
                    Some(Evidence::Document)
                } else {
                    Some(Evidence::Assertion)
                }
            } else {
                None
            };
            let note = (evidence.is_some() && rng.chance(0.3)).then(|| rng.pick(NOTES).to_string());
            Answer::Choice { option: option.id.clone(), evidence, note }
        }
        Kind::Multi => {
            if let Some(unknown) = q.options.iter().find(|o| o.unknown).filter(|_| rng.chance(0.04)) {
                return Some(Answer::Multi(vec![unknown.id.clone()]));
            }
            // Options that stand alone ("none of these") are never ticked with others.
            let chosen: Vec<String> = q
                .options
                .iter()
                .filter(|o| !o.stands_alone())
                .filter(|o| rng.chance(0.15 + 0.7 * quality * o.points.unwrap_or(0.0).min(2.0) / 2.0))
                .map(|o| o.id.clone())
                .collect();
            match q.options.iter().find(|o| o.stands_alone() && !o.unknown && !o.na) {
                Some(none) if chosen.is_empty() => Answer::Multi(vec![none.id.clone()]),
                _ => Answer::Multi(chosen),
            }
        }
        Kind::Number => {
            let value = money.for_question(&q.id).unwrap_or_else(|| rng.amount(1.0, 100_000.0));
            let value = value.clamp(q.min.unwrap_or(f64::MIN), q.max.unwrap_or(f64::MAX));
            Answer::Number(value)
        }
        Kind::Text => {
            if rng.chance(0.5) {
                return None;
            }
            Answer::Text(rng.pick(NOTES).to_string())
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generator_is_stable() {
        let mut rng = Rng::new(7, 0);
        let first: Vec<u64> = (0..3).map(|_| rng.next_u64()).collect();
        let mut again = Rng::new(7, 0);
        assert_eq!(first, (0..3).map(|_| again.next_u64()).collect::<Vec<_>>());
        assert_ne!(Rng::new(7, 1).next_u64(), Rng::new(7, 0).next_u64());
    }

    #[test]
    fn applicants_are_valid_and_reproducible() {
        let catalog = Catalog::builtin().unwrap();
        let spec = SampleSpec { count: 60, seed: 3, profile: None };
        for i in 0..spec.count {
            let file = applicant(&catalog, &spec, i);
            let yaml = file.to_yaml().unwrap();
            let loaded =
                crate::model::answers::load(&file_name(i, 60), &yaml, &catalog).expect("a sampled file is valid");
            assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
            assert_eq!(applicant(&catalog, &spec, i), file);
        }
        assert_eq!(file_name(0, 10_000), "applicant-00001.yaml");
        let names: std::collections::HashSet<String> = (0..2352).map(|i| unique_name(7, i)).collect();
        assert_eq!(names.len(), 2352, "no two applicants of a batch share a name");
        assert_eq!(file_name(41, 60), "applicant-042.yaml");
    }
}
