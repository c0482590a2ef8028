//! `framescope scan` and `framescope lexicon` through the real binary.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

const FIXTURE_PACK: &str = "tests/fixtures/packs/scan";
const PASTED: &str = "tests/fixtures/raw/pasted-page.txt";

fn framescope() -> Command {
    match Command::cargo_bin("framescope") {
        Ok(c) => c,
        Err(e) => panic!("binary not built: {e}"),
    }
}

/// `scan` with the fixture pack only, so results don't move with the default pack.
fn scan_fixture(args: &[&str]) -> Command {
    let mut cmd = framescope();
    cmd.args(["--no-default-lexicon", "--lexicon", FIXTURE_PACK, "scan"]);
    cmd.args(args);
    cmd
}

fn records(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or(Value::Null))
        .collect()
}

fn body_of(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

#[test]
fn jsonl_record_has_the_contract_fields_in_order() {
    let out = scan_fixture(&["--format", "jsonl", PASTED])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(out.status.success());
    let line = String::from_utf8_lossy(&out.stdout);
    let keys: Vec<&str> = [
        "\"id\"",
        "\"outlet\"",
        "\"title\"",
        "\"date\"",
        "\"url\"",
        "\"event\"",
        "\"words\"",
        "\"findings\"",
        "\"quotes\"",
        "\"scores\"",
    ]
    .to_vec();
    let positions: Vec<usize> = keys
        .iter()
        .map(|k| line.find(k).unwrap_or(usize::MAX))
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
    let rec = &records(&out.stdout)[0];
    for f in rec["findings"].as_array().into_iter().flatten() {
        for key in [
            "rule", "category", "start", "end", "line", "column", "text", "voice", "weight",
        ] {
            assert!(f.get(key).is_some(), "finding lacks {key}");
        }
    }
    for q in rec["quotes"].as_array().into_iter().flatten() {
        for key in ["start", "end", "kind", "speaker", "cue"] {
            assert!(q.get(key).is_some(), "quote lacks {key}");
        }
    }
}

#[test]
fn pasted_page_metadata_boilerplate_and_quotes() {
    let out = scan_fixture(&["--format", "jsonl", PASTED])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let rec = &records(&out.stdout)[0];
    assert_eq!(
        rec["title"],
        "Ferry talks stall as harbour dispute drags on"
    );
    assert_eq!(rec["date"], "2024-02-03");
    let body = body_of(PASTED);
    // The icon line and the READ MORE line are skipped, and nothing is found there.
    let skipped = rec["skipped"].as_array().cloned().unwrap_or_default();
    assert_eq!(skipped.len(), 2, "{skipped:?}");
    let read_more = body.find("READ MORE").unwrap_or(0);
    assert!(skipped.iter().any(|r| r["start"] == read_more));
    for f in rec["findings"].as_array().into_iter().flatten() {
        let s = f["start"].as_u64().unwrap_or(0) as usize;
        assert!(!skipped.iter().any(|r| {
            r["start"].as_u64().unwrap_or(0) as usize <= s
                && s < r["end"].as_u64().unwrap_or(0) as usize
        }));
    }
    let quotes = rec["quotes"].as_array().cloned().unwrap_or_default();
    let find = |t: &str| {
        quotes
            .iter()
            .find(|q| q["text"].as_str() == Some(t))
            .cloned()
            .unwrap_or(Value::Null)
    };
    assert_eq!(find("modern berths")["kind"], "scare");
    let direct = find("We don’t dispute those numbers,");
    assert_eq!(direct["kind"], "direct");
    assert_eq!(direct["speaker"]["text"], "Ferro");
    assert_eq!(direct["cue"]["text"], "said");
    let partial = find("two or three");
    assert_eq!(partial["kind"], "partial");
    assert_eq!(partial["speaker"]["text"], "Engineer Tomas Vey");
    // The scare quote is a finding in the author's voice.
    let scare = rec["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|f| f["rule"] == "scare_quote.quoted_phrase")
        .cloned()
        .unwrap_or(Value::Null);
    assert_eq!(scare["text"], "“modern berths”");
    assert_eq!(scare["voice"], "author");
}

#[test]
fn offsets_slice_the_body_and_columns_count_characters() {
    let out = scan_fixture(&["--format", "jsonl", PASTED])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let rec = &records(&out.stdout)[0];
    let body = body_of(PASTED);
    let findings = rec["findings"].as_array().cloned().unwrap_or_default();
    assert!(!findings.is_empty());
    for f in &findings {
        let (s, e) = (
            f["start"].as_u64().unwrap_or(0) as usize,
            f["end"].as_u64().unwrap_or(0) as usize,
        );
        assert_eq!(body.get(s..e), f["text"].as_str());
        let line = f["line"].as_u64().unwrap_or(0) as usize;
        let col = f["column"].as_u64().unwrap_or(0) as usize;
        let line_text = body.lines().nth(line - 1).unwrap_or("");
        let line_start = body
            .get(..s)
            .map_or(0, |b| b.rfind('\n').map_or(0, |i| i + 1));
        assert_eq!(
            body.get(line_start..s).map(|p| p.chars().count() + 1),
            Some(col)
        );
        assert!(line_text.contains(f["text"].as_str().unwrap_or("")));
    }
}

#[test]
fn voice_filter_keeps_only_that_voice() {
    let out = scan_fixture(&["--format", "jsonl", "--voice", "quoted", PASTED])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let rec = &records(&out.stdout)[0];
    assert!(rec["findings"]
        .as_array()
        .is_some_and(|f| f.iter().all(|f| f["voice"] == "quoted")));
    let out = scan_fixture(&["--format", "jsonl", "--voice", "author", PASTED])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let rec = &records(&out.stdout)[0];
    let f = rec["findings"].as_array().cloned().unwrap_or_default();
    assert!(!f.is_empty() && f.iter().all(|f| f["voice"] == "author"));
}

#[test]
fn a_batch_with_bad_files_reports_each_once_and_goes_on() {
    let assert = scan_fixture(&["--format", "jsonl", "tests/fixtures/inputs"])
        .assert()
        .code(1);
    let out = assert.get_output();
    let stderr = String::from_utf8_lossy(&out.stderr);
    for expected in [
        "tests/fixtures/inputs/blob.txt: binary file",
        "tests/fixtures/inputs/corpus.jsonl:2: invalid JSON record",
        "tests/fixtures/inputs/empty.txt: the file is empty",
        "tests/fixtures/inputs/latin1.txt:1: not valid UTF-8",
    ] {
        assert_eq!(
            stderr.matches(expected).count(),
            1,
            "{expected} in {stderr}"
        );
    }
    assert_eq!(stderr.lines().count(), 4, "{stderr}");
    let ids: Vec<String> = records(&out.stdout)
        .iter()
        .map(|r| r["id"].as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(
        ids,
        vec![
            "a1",
            "a3",
            "tests/fixtures/inputs/page.html",
            "tests/fixtures/inputs/wire.md"
        ]
    );
}

#[test]
fn missing_input_is_named() {
    scan_fixture(&["no/such/file.txt", "tests/fixtures/inputs/wire.md"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "no/such/file.txt: no such file or folder",
        ))
        .stdout(predicate::str::contains("Test Wire"));
}

#[test]
fn html_metadata_and_text() {
    let out = scan_fixture(&["--format", "jsonl", "tests/fixtures/inputs/page.html"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let rec = &records(&out.stdout)[0];
    assert_eq!(rec["outlet"], "Bay Post");
    assert_eq!(rec["title"], "Traders protest harbour regime");
    assert_eq!(rec["date"], "2024-02-04");
    let texts: Vec<&str> = rec["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["text"].as_str())
        .collect();
    assert_eq!(texts, vec!["regime", "so-called", "regime"]);
}

#[test]
fn outlet_falls_back_to_url_host_then_folder() {
    let out = scan_fixture(&[
        "--format",
        "jsonl",
        "tests/fixtures/inputs/corpus.jsonl",
        PASTED,
    ])
    .output()
    .unwrap_or_else(|e| panic!("{e}"));
    let outlets: Vec<String> = records(&out.stdout)
        .iter()
        .map(|r| r["outlet"].as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(outlets, vec!["Line Post", "east.example.com", "raw"]);
}

#[test]
fn stdin_is_read_with_dash() {
    scan_fixture(&["--format", "jsonl", "-"])
        .write_stdin("The alleged plan.")
        .assert()
        .success()
        .stdout(predicate::str::contains("\"rule\":\"doubt.alleged\""));
}

#[test]
fn output_file_is_written() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let target = dir.path().join("scan.csv");
    scan_fixture(&[
        "--format",
        "csv",
        "-o",
        target.to_str().unwrap_or(""),
        PASTED,
    ])
    .assert()
    .success()
    .stdout("");
    let csv = std::fs::read_to_string(&target).unwrap_or_default();
    assert!(csv.starts_with(
        "id,outlet,title,date,event,rule,category,voice,start,end,line,column,text,weight\n"
    ));
    assert_eq!(csv.lines().count(), 4);
}

#[test]
fn same_input_same_bytes() {
    let run = || {
        scan_fixture(&["--format", "jsonl", "tests/fixtures"])
            .output()
            .map(|o| o.stdout)
            .unwrap_or_default()
    };
    let first = run();
    assert!(!first.is_empty());
    assert_eq!(first, run());
}

#[test]
fn closed_pipe_ends_quietly() {
    use std::io::{Read, Write};
    use std::process::Stdio;
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let corpus = dir.path().join("many.jsonl");
    let mut f = std::fs::File::create(&corpus).unwrap_or_else(|e| panic!("{e}"));
    for i in 0..20_000 {
        let _ = writeln!(
            f,
            "{{\"id\":\"{i}\",\"text\":\"The alleged regime said so.\"}}"
        );
    }
    drop(f);
    let bin = assert_cmd::cargo::cargo_bin("framescope");
    let mut child = std::process::Command::new(bin)
        .args([
            "--no-default-lexicon",
            "--lexicon",
            FIXTURE_PACK,
            "scan",
            "--format",
            "jsonl",
        ])
        .arg(&corpus)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    let mut first = [0u8; 64];
    if let Some(out) = child.stdout.as_mut() {
        let _ = out.read(&mut first);
    }
    drop(child.stdout.take());
    let status = child.wait().unwrap_or_else(|e| panic!("{e}"));
    let mut stderr = String::new();
    if let Some(mut e) = child.stderr.take() {
        let _ = e.read_to_string(&mut stderr);
    }
    assert_eq!(status.code(), Some(0), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
}

#[test]
fn lexicon_errors_name_file_line_and_hint() {
    framescope()
        .args([
            "--no-default-lexicon",
            "lexicon",
            "check",
            "tests/fixtures/packs/broken",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "tests/fixtures/packs/broken/doubt.yaml:6:",
        ))
        .stderr(predicate::str::contains("unknown field `exampels`"))
        .stderr(predicate::str::contains("did you mean `examples`?"));
}

#[test]
fn lexicon_test_names_the_failing_rule_and_example() {
    framescope()
        .args([
            "--no-default-lexicon",
            "lexicon",
            "test",
            "tests/fixtures/packs/failing",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "doubt.alleged: no_match example matched: \"the alleged offence\"",
        ))
        .stdout(predicate::str::contains("2 passed, 1 failed"));
}

#[test]
fn lexicon_check_and_test_pass_on_the_default_pack() {
    framescope()
        .args(["lexicon", "check"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("ok: 9 categories"));
    framescope()
        .args(["lexicon", "test"])
        .assert()
        .success()
        .stdout(predicate::str::contains(" 0 failed"));
}

#[test]
fn lexicon_explain_and_did_you_mean() {
    framescope()
        .args([
            "--no-default-lexicon",
            "--lexicon",
            FIXTURE_PACK,
            "lexicon",
            "explain",
            "doubt.alleged",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("Marks a claim as unproven."))
        .stdout(predicate::str::contains("not when: alleged offence"));
    framescope()
        .args([
            "--no-default-lexicon",
            "--lexicon",
            FIXTURE_PACK,
            "lexicon",
            "explain",
            "doubt.aleged",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `doubt.alleged`?"));
}

#[test]
fn usage_errors_exit_2() {
    framescope().args(["scan"]).assert().code(2);
    framescope()
        .args(["scan", "--format", "pdf", PASTED])
        .assert()
        .code(2);
}
