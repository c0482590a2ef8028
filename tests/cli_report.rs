//! `report` and `annotate` through the real binary: the report's file, its
//! determinism, its exercise mode and its escaping; annotate's plain output as a
//! snapshot. The rendered page itself is checked in a browser by tests/browser.rs.

use assert_cmd::Command;

const HARBOUR: &str = "examples/harbour-protest";
const HOSTILE: &str = "tests/fixtures/hostile/event";
const HOSTILE_PACK: &str = "tests/fixtures/hostile/pack";

fn run(args: &[&str]) -> std::process::Output {
    Command::cargo_bin("framescope")
        .map(|mut c| c.env_remove("NO_COLOR").args(args).output())
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|e| panic!("{e}"))
}

fn report(args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("report.html");
    let target = path.display().to_string();
    let mut all = vec!["report"];
    all.extend(args);
    all.extend(["-o", target.as_str()]);
    let out = run(&all);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty(), "the report went to the file only");
    let html = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
    // Atomic write: nothing but the report is left in the folder.
    let entries = std::fs::read_dir(dir.path()).map_or(0, |r| r.count());
    assert_eq!(entries, 1);
    html
}

fn findings(inputs: &str) -> usize {
    let out = run(&["scan", "--format", "jsonl", inputs]);
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|v| v["findings"].as_array().map_or(0, Vec::len))
        .sum()
}

#[test]
fn report_is_self_contained_and_has_every_part() {
    let html = report(&[HARBOUR]);
    assert!(html.starts_with("<!DOCTYPE html>"));
    for part in [
        "id=\"summary\"",
        "id=\"comparison\"",
        "<svg",
        "id=\"articles\"",
        "id=\"glossary\"",
        "id=\"questions\"",
        "@media print",
        "class=\"skip\" href=\"#main\"",
    ] {
        assert!(html.contains(part), "missing {part}");
    }
    // No network: no scripts, external styles, fonts or images.
    for banned in [
        "<script",
        "<link",
        "@import",
        "url(http",
        "src=\"http",
        "<img",
    ] {
        assert!(!html.contains(banned), "found {banned}");
    }
    assert_eq!(html.matches("<mark ").count(), findings(HARBOUR));
    // The summary names figures from the comparison (its wording is unit-tested on a
    // frozen pack in src/render/narrative.rs; here the default pack may evolve).
    assert!(html.contains("used the most framing devices in its own words"));
    assert!(html.contains(" per 1,000 words ("));
}

#[test]
fn report_is_deterministic() {
    assert_eq!(report(&[HARBOUR]), report(&[HARBOUR]));
}

#[test]
fn no_answers_leaves_the_text_plain_and_keeps_the_questions() {
    let html = report(&["--no-answers", "examples/border-boat"]);
    assert_eq!(html.matches("<mark").count(), 0);
    assert!(!html.contains("class=\"fnref\""));
    assert!(!html.contains("class=\"q "));
    assert!(html.contains("Exercise version"));
    assert!(html.contains("<ol class=\"questions\">"));
}

#[test]
fn hostile_article_and_lexicon_text_is_escaped() {
    let html = report(&["--no-default-lexicon", "--lexicon", HOSTILE_PACK, HOSTILE]);
    assert!(!html.contains("<script"));
    assert!(!html.contains("<img"));
    assert!(!html.contains("<b>hostile-event</b>"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(
        html.contains("alert(&#39;explain&#39;)") || html.contains("alert(&#x27;explain&#x27;)")
    );
}

#[test]
fn report_without_articles_fails_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("r.html");
    let target = path.display().to_string();
    let out = run(&["report", "tests/fixtures/does-not-exist.md", "-o", &target]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!path.exists());
}

#[test]
fn annotate_plain_output() {
    // The frozen fixture pack, so the snapshot does not change with the default pack.
    let out = run(&[
        "--no-default-lexicon",
        "--lexicon",
        "tests/fixtures/lexicon",
        "annotate",
        "tests/fixtures/compare/evening-trumpet.md",
    ]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        !text.contains('\x1b'),
        "no colour when stdout is not a terminal"
    );
    insta::assert_snapshot!(text);
}

#[test]
fn annotate_strips_control_sequences() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("evil.txt");
    std::fs::write(&path, "The alleged \x1b]0;pwned\x07attack \x1b[2Jhappened.")
        .unwrap_or_else(|e| panic!("{e}"));
    let out = run(&["annotate", &path.display().to_string()]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains('\x1b') && !text.contains('\x07'), "{text:?}");
    assert!(text.contains("alleged [doubt: alleged]"), "{text}");
}
