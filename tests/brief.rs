//! The applicant brief and `screen` for a selection committee (issue 12): one page per
//! applicant, the questions to ask, filters, blind review.

mod common;
use common::*;
use serde_json::Value;
use std::path::Path;

fn json_report(file: &Path) -> Value {
    let output = moat().args(["report", "--format", "json", "--lang", "en"]).arg(file).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn every_brief_of_a_sampled_batch_fits_one_page_and_is_clean_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let apps = dir.path().join("apps");
    sample(&apps, 500, 11);
    for lang in ["en", "zh"] {
        let out = dir.path().join(format!("out-{lang}"));
        let output =
            moat().args(["--quiet", "screen", "--lang", lang]).arg(&apps).arg("-o").arg(&out).output().unwrap();
        assert!(output.status.success(), "{}", stderr(&output));
        let mut briefs = 0;
        for entry in std::fs::read_dir(&out).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if !name.starts_with("applicant-") {
                continue;
            }
            briefs += 1;
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(text.len() < 4096, "{name} ({lang}) is {} bytes", text.len());
            check_markdown(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
        assert_eq!(briefs, 500);
    }
}

#[test]
fn a_sampled_batch_exercises_interview_first_find_out_and_back_it_up() {
    let dir = tempfile::tempdir().unwrap();
    let apps = dir.path().join("apps");
    sample(&apps, 500, 5);
    let out = dir.path().join("out");
    let output = moat().args(["--quiet", "screen", "--no-reports"]).arg(&apps).arg("-o").arg(&out).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let (header, rows) = read_csv(&out.join("scores.csv"));
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let count = |f: &dyn Fn(&Vec<String>) -> bool| rows.iter().filter(|r| f(r)).count();
    let interviewed = count(&|r| r[col("interview_first")] == "yes");
    let low = count(&|r| r[col("confidence")] == "Low");
    let unknowns = count(&|r| r[col("find_out")] != "0");
    let claims = count(&|r| r[col("evidence_to_gather")] != "0");
    // About a fifth overclaim and a tenth are unsure (moat sample --help): hold loose bounds.
    assert!((50..=200).contains(&interviewed), "{interviewed} of 500 interview first");
    assert!(low >= 5, "{low} with Low confidence");
    assert!(unknowns >= 250 && claims >= 250, "{unknowns} with unknowns, {claims} with claims to back");
}

#[test]
fn the_brief_names_every_red_flag_and_asks_about_the_claims_that_lose_most() {
    let dir = tempfile::tempdir().unwrap();
    let apps = dir.path().join("apps");
    sample(&apps, 60, 3);
    let out = dir.path().join("out");
    let output = moat().args(["--quiet", "screen"]).arg(&apps).arg("-o").arg(&out).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let mut with_flags = 0;
    for entry in std::fs::read_dir(&apps).unwrap() {
        let file = entry.unwrap().path();
        let data = json_report(&file);
        let stem = file.file_stem().unwrap().to_string_lossy().into_owned();
        let brief = std::fs::read_to_string(out.join(format!("{stem}.md"))).unwrap();
        let flags = data["red_flags"].as_array().unwrap();
        with_flags += usize::from(!flags.is_empty());
        for flag in flags {
            let line =
                format!("- **{}** · {}", flag["severity"].as_str().unwrap(), flag["source_title"].as_str().unwrap());
            assert!(brief.contains(&line), "{stem}: flag not in the brief: {line}");
            if flag["severity"] != "medium" {
                if let Some(fix) = flag["advice"].as_str() {
                    assert!(brief.contains(fix), "{stem}: the fix of a {} flag is missing: {fix}", flag["severity"]);
                }
            }
        }
        let asked = data["interview_questions"].as_array().unwrap();
        assert!(asked.len() <= 3);
        let mut position = 0;
        for q in asked {
            let title = format!("**{}**", q["title"].as_str().unwrap());
            let at =
                brief[position..].find(&title).unwrap_or_else(|| panic!("{stem}: {title} missing or out of order"));
            position += at + title.len();
        }
        // The stake of the last question is at least that of any claim or unknown left out.
        if let Some(last) = asked.last().filter(|_| asked.len() == 3) {
            let floor = last["at_stake"].as_f64().unwrap();
            for e in data["evidence_to_gather"].as_array().unwrap() {
                let listed = asked.iter().any(|q| q["question"] == e["question"]);
                assert!(listed || e["credit_lost"].as_f64().unwrap() <= floor + 1e-9, "{stem}: {e}");
            }
        }
    }
    assert!(with_flags > 10, "the sample should raise flags: {with_flags}");
}

/// Three claims and an unknown on a small rubric, the stakes worked by hand.
#[test]
fn interview_questions_are_ranked_by_what_is_at_stake() {
    let dir = tempfile::tempdir().unwrap();
    let defs = dir.path().join("defs");
    std::fs::create_dir(&defs).unwrap();
    let option_set = "options:\n          - {id: none, label: None, score: 0, advice: Start, effort: low}\n          \
                      - {id: some, label: Some, score: 2, advice: More, effort: low}\n          \
                      - {id: full, label: Full, score: 4}\n          \
                      - {id: unsure, label: Not sure, unknown: true, advice: Find out, effort: low}";
    let question = |id: &str, weight: u32| {
        format!(
            "      - id: {id}\n        title: {id}\n        prompt: Q {id}?\n        interview: Ask about {id}; ask to see the {id} file.\n        weight: {weight}\n        evidence: true\n        {option_set}\n"
        )
    };
    let definition = format!(
        "id: tiny\nversion: 1\ntitle: Tiny\ndimensions:\n  - {{id: core, title: Core}}\nlevels:\n  - {{min: 0, name: Low}}\n  - {{min: 50, name: High}}\nsections:\n  - id: core\n    title: Core\n    questions:\n{}{}{}{}",
        question("alpha", 1),
        question("beta", 3),
        question("gamma", 2),
        question("delta", 1)
    );
    std::fs::write(defs.join("tiny.yaml"), definition).unwrap();
    // W_core = 1, every share 1. Claims at 4 on the founder's word lose w × 4 × 0.5;
    // with a document, w × 4 × 0.25; an unknown stakes w × 4.
    //   alpha: 1 × 4 × 0.5 = 2    beta: 3 × 4 × 0.25 = 3    gamma: 2 × 4 × 0.5 = 4
    //   delta (unknown): 1 × 4 = 4, after gamma at the same stake (claims first).
    // Three are asked, so alpha (2) is left out.
    let answers = "moat: 1\nanswers:\n  tiny:\n    alpha: {choice: full, evidence: assertion}\n    \
                   beta: {choice: full, evidence: document}\n    gamma: {choice: full}\n    delta: unsure\n";
    std::fs::write(dir.path().join("a.yaml"), answers).unwrap();
    let output = moat()
        .arg("--assessments")
        .arg(&defs)
        .args(["report", "--format", "json", "a.yaml"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let data: Value = serde_json::from_slice(&output.stdout).unwrap();
    let got: Vec<(String, f64, String)> = data["interview_questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| {
            (
                q["question"].as_str().unwrap().to_string(),
                q["at_stake"].as_f64().unwrap(),
                q["reason"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want = [("gamma", 4.0, "back_it_up"), ("delta", 4.0, "find_out"), ("beta", 3.0, "back_it_up")];
    assert_eq!(got.len(), want.len(), "{got:?}");
    for ((q, stake, reason), (wq, ws, wr)) in got.iter().zip(want) {
        assert_eq!((q.as_str(), reason.as_str()), (wq, wr));
        assert!((stake - ws).abs() < 1e-9, "{q}: {stake}");
    }
    let output = moat()
        .arg("--assessments")
        .arg(&defs)
        .args(["report", "--brief", "a.yaml"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let brief = stdout(&output);
    assert!(brief.contains("1. **gamma** (claimed: Full) Ask about gamma; ask to see the gamma file."), "{brief}");
    assert!(brief.contains("2. **delta** (answered \"don't know\") Ask about delta"), "{brief}");
    assert!(!brief.contains("rank"), "no rank outside a batch: {brief}");
}

#[test]
fn top_limits_briefs_and_filters_leave_out_rows_but_keep_batch_ranks() {
    let dir = tempfile::tempdir().unwrap();
    let apps = dir.path().join("apps");
    sample(&apps, 40, 9);
    let all = dir.path().join("all");
    let output = moat().args(["--quiet", "screen", "--no-reports"]).arg(&apps).arg("-o").arg(&all).output().unwrap();
    assert!(output.status.success());
    let (header, every) = read_csv(&all.join("scores.csv"));
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();

    let out = dir.path().join("top");
    let output = moat().args(["--quiet", "screen", "--top", "5"]).arg(&apps).arg("-o").arg(&out).output().unwrap();
    assert!(output.status.success());
    let briefs: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("applicant-"))
        .collect();
    assert_eq!(briefs.len(), 5);
    for row in every.iter().take(5) {
        let stem = Path::new(&row[col("file")]).file_stem().unwrap().to_string_lossy().into_owned();
        assert!(briefs.contains(&format!("{stem}.md")), "{stem} ranks in the top 5");
    }
    assert_eq!(read_csv(&out.join("scores.csv")).1.len(), 40, "--top limits briefs, not rows");

    let out = dir.path().join("filtered");
    let output = moat()
        .args(["--quiet", "screen", "--no-reports", "--min-overall", "40", "--exclude-flag", "critical"])
        .arg(&apps)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let (_, kept) = read_csv(&out.join("scores.csv"));
    let expected: Vec<&Vec<String>> = every
        .iter()
        .filter(|r| r[col("overall")].parse::<f64>().unwrap() >= 40.0)
        .filter(|r| {
            let data = json_report(Path::new(&r[col("file")]));
            !data["red_flags"].as_array().unwrap().iter().any(|f| f["severity"] == "critical")
        })
        .collect();
    assert!(!expected.is_empty() && expected.len() < every.len(), "the filters should bite: {}", expected.len());
    assert_eq!(kept.len(), expected.len());
    for (k, e) in kept.iter().zip(&expected) {
        assert_eq!(k, *e, "a kept row keeps its rank and percentile in the whole batch");
    }
    let board = std::fs::read_to_string(out.join("leaderboard.md")).unwrap();
    assert!(board.contains(&format!("critical: **{}**.", every.len() - kept.len())), "{board}");
}

#[test]
fn blind_screening_leaks_no_name_into_any_output() {
    let dir = tempfile::tempdir().unwrap();
    let apps = dir.path().join("apps");
    sample(&apps, 30, 4);
    let names: Vec<String> = std::fs::read_dir(&apps)
        .unwrap()
        .map(|e| json_report(&e.unwrap().path())["respondent"]["name"].as_str().unwrap().to_string())
        .collect();
    let out = dir.path().join("out");
    let output = moat()
        .args(["--quiet", "screen", "--blind", "--full-reports"])
        .arg(&apps)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let mut files = 0;
    let mut dirs = vec![out.clone()];
    while let Some(d) = dirs.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            let file_name = path.file_name().unwrap().to_string_lossy().into_owned();
            assert!(!file_name.starts_with("applicant-"), "a file named after its input: {file_name}");
            if file_name == "blind-key.csv" {
                continue;
            }
            files += 1;
            let text = std::fs::read_to_string(&path).unwrap();
            for name in &names {
                assert!(!text.contains(name.as_str()), "{file_name} names {name}");
            }
            assert!(!text.contains("applicant-0"), "{file_name} names an input file");
        }
    }
    assert_eq!(files, 30 + 30 + 2, "briefs, reports, leaderboard and CSV");
    let (header, key) = read_csv(&out.join("blind-key.csv"));
    assert_eq!(header, ["code", "rank", "file", "name"]);
    assert_eq!(key.len(), 30);
    for row in &key {
        assert!(names.contains(&row[3]), "{row:?}");
        assert!(out.join(format!("{}.md", row[0])).exists());
    }
}
