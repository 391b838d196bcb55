//! `moat template`: the built-in templates, printed for a user to start from, give the
//! same bytes as the built-in rendering when passed back with `--template`.

mod common;
use common::{moat, repo, stdout};

/// The "done when" of issue 10: `moat template report > mine.hbs && moat report
/// examples/thin-wrapper.yaml --template mine.hbs` gives the default report's bytes.
#[test]
fn every_printed_template_renders_what_the_built_in_one_does() {
    let dir = tempfile::tempdir().unwrap();
    let example = repo("examples/thin-wrapper.yaml");
    let later = repo("examples/healthcare-data-later.yaml");
    let earlier = repo("examples/healthcare-data.yaml");
    for name in ["report", "brief", "cohort", "compare", "leaderboard", "report-html", "brief-html", "cohort-html"] {
        let printed = moat().args(["template", name]).output().unwrap();
        assert!(printed.status.success(), "moat template {name}");
        let path = dir.path().join(format!("{name}.hbs"));
        std::fs::write(&path, &printed.stdout).unwrap();
        let run = |template: Option<&std::path::Path>| {
            let mut cmd = moat();
            match name {
                "report" => cmd.arg("report").arg(&example),
                "brief" => cmd.arg("report").arg(&example).arg("--brief"),
                "cohort" => cmd.arg("cohort").arg(repo("examples")),
                "report-html" => cmd.arg("report").arg(&example).args(["--format", "html"]),
                "brief-html" => cmd.arg("report").arg(&example).args(["--brief", "--format", "html"]),
                "cohort-html" => cmd.arg("cohort").arg(repo("examples")).args(["--format", "html"]),
                "compare" => cmd.arg("compare").arg(&earlier).arg(&later),
                _ => {
                    let out = dir.path().join(format!("screen-{}", template.is_some()));
                    cmd.arg("screen").arg(repo("examples")).arg("-o").arg(&out).arg("--no-reports").arg("-q");
                    if let Some(t) = template {
                        cmd.arg("--leaderboard-template").arg(t);
                    }
                    cmd.assert().success();
                    return std::fs::read_to_string(out.join("leaderboard.md")).unwrap();
                }
            };
            if let Some(t) = template {
                cmd.arg("--template").arg(t);
            }
            let output = cmd.output().unwrap();
            assert!(output.status.success(), "{name}: {}", String::from_utf8_lossy(&output.stderr));
            stdout(&output)
        };
        assert_eq!(run(Some(&path)), run(None), "`moat template {name}` is not the template in use");
    }
}

#[test]
fn without_a_name_it_lists_the_templates_and_what_uses_them() {
    let output = moat().arg("template").output().unwrap();
    let text = stdout(&output);
    for name in [
        "report",
        "brief",
        "cohort",
        "compare",
        "leaderboard",
        "report-html",
        "brief-html",
        "cohort-html",
        "html-style",
    ] {
        assert!(text.lines().any(|l| l.trim_start().starts_with(name)), "{name} missing from:\n{text}");
    }
}

#[test]
fn writing_to_a_file_never_replaces_one_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.hbs");
    std::fs::write(&path, "my work").unwrap();
    let refused = moat().args(["template", "report", "-o"]).arg(&path).output().unwrap();
    assert_eq!(refused.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "my work");
    moat().args(["template", "report", "--force", "-o"]).arg(&path).assert().success();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), include_str!("../templates/report.md.hbs"));
}

/// The stylesheet the HTML pages include is printed as it is in use.
#[test]
fn the_html_stylesheet_is_printed_as_it_is_included() {
    let output = moat().args(["template", "html-style"]).output().unwrap();
    assert_eq!(stdout(&output), include_str!("../templates/style.css.hbs"));
    let page =
        moat().arg("report").arg(repo("examples/thin-wrapper.yaml")).args(["--format", "html"]).output().unwrap();
    assert!(stdout(&page).contains("@media print"), "the page includes the stylesheet");
}
