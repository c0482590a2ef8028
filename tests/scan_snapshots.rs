//! Snapshots of every `scan` output format on a fixed fixture and pack, so a change to
//! a renderer shows up as a reviewed diff.

use assert_cmd::Command;

fn scan(format: &str) -> String {
    let out = Command::cargo_bin("framescope")
        .map(|mut c| {
            c.env("COLUMNS", "100")
                .args([
                    "--no-default-lexicon",
                    "--lexicon",
                    "tests/fixtures/packs/scan",
                    "scan",
                    "--format",
                    format,
                    "tests/fixtures/raw/pasted-page.txt",
                    "tests/fixtures/inputs/wire.md",
                ])
                .output()
        })
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn scan_table() {
    insta::assert_snapshot!(scan("table"));
}

#[test]
fn scan_markdown() {
    insta::assert_snapshot!(scan("md"));
}

#[test]
fn scan_csv() {
    insta::assert_snapshot!(scan("csv"));
}

#[test]
fn scan_jsonl() {
    insta::assert_snapshot!(scan("jsonl"));
}

#[test]
fn scan_json() {
    let text = scan("json");
    let parsed: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
    assert_eq!(parsed.as_array().map(Vec::len), Some(2));
    insta::assert_snapshot!(text);
}
