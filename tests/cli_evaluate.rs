//! `framescope evaluate` through the real binary, on a small gold + articles fixture
//! written for these tests (tests/fixtures/evaluate/), with its own lexicon pack so the
//! numbers do not move with the default pack.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

const DIR: &str = "tests/fixtures/evaluate";

fn framescope() -> Command {
    match Command::cargo_bin("framescope") {
        Ok(c) => c,
        Err(e) => panic!("binary not built: {e}"),
    }
}

fn evaluate(gold: &str, articles: &str, extra: &[&str]) -> Command {
    let mut cmd = framescope();
    cmd.args(["--no-default-lexicon", "--lexicon", &format!("{DIR}/pack")]);
    cmd.args(["evaluate", "--gold", &format!("{DIR}/{gold}")]);
    cmd.arg(format!("{DIR}/{articles}"));
    cmd.args(extra);
    cmd
}

fn json(cmd: &mut Command) -> Value {
    let out = cmd.output().unwrap_or_else(|e| panic!("{e}"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or(Value::Null)
}

#[test]
fn span_measures_groups_and_ranking() {
    let r = json(&mut evaluate(
        "gold.jsonl",
        "articles.jsonl",
        &[
            "--format",
            "json",
            "--group",
            "loaded=loaded:loaded,label",
            "--rank",
            "outlet",
        ],
    ));
    let all = &r["spans"]["overall"];
    assert_eq!(all["gold"], 7);
    assert_eq!(all["gold_matched"], 4);
    assert_eq!(all["findings"], 10);
    assert_eq!(all["findings_matched"], 4);
    assert_eq!(all["recall"], 0.5714);
    assert_eq!(r["groups"][0]["measures"]["f1"], 0.6);
    assert_eq!(r["ranking"]["spearman"], 1.0);
    assert_eq!(r["outlets"].as_array().map(Vec::len), Some(2));
}

#[test]
fn voice_and_gold_filter_select_what_counts() {
    let r = json(&mut evaluate(
        "gold.jsonl",
        "articles.jsonl",
        &[
            "--format",
            "json",
            "--voice",
            "author",
            "--gold-filter",
            "quote=false",
        ],
    ));
    assert_eq!(r["voice"], "author");
    assert_eq!(r["spans"]["overall"]["gold"], 6);
    assert_eq!(r["spans"]["overall"]["gold_matched"], 4);
}

#[test]
fn attribution_measures() {
    let r = json(&mut evaluate(
        "gold-attribution.jsonl",
        "articles.jsonl",
        &["--format", "json"],
    ));
    let a = &r["attribution"];
    assert_eq!(a["cues"], 4);
    assert_eq!(a["cue_recall"], 0.5);
    assert_eq!(a["speaker_accuracy"], 1.0);
    assert_eq!(a["scare_in_content_share"], 0.0);
}

#[test]
fn sentence_labels() {
    let r = json(&mut evaluate(
        "gold-sentences.jsonl",
        "sentences.jsonl",
        &["--format", "json"],
    ));
    let s = &r["sentences"];
    assert_eq!(s["sentences"], 4);
    assert_eq!(s["skipped"], 1);
    assert_eq!(s["decision"]["macro_f1"], 0.5);
    assert_eq!(s["roc_auc"], 0.5);
}

#[test]
fn every_format_is_deterministic() {
    for format in ["table", "json", "md", "csv"] {
        let run = || {
            evaluate("gold.jsonl", "articles.jsonl", &["--format", format])
                .output()
                .map(|o| o.stdout)
                .unwrap_or_default()
        };
        let first = run();
        assert!(!first.is_empty(), "{format}");
        assert_eq!(first, run(), "{format}");
    }
    evaluate("gold.jsonl", "articles.jsonl", &["--format", "csv"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("section,row,measure,value\n"))
        .stdout(predicate::str::contains(
            "Spans (overlap = at least one shared byte),all,F1,0.471",
        ));
}

#[test]
fn details_list_every_item() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("details.jsonl");
    let path_s = path.display().to_string();
    evaluate("gold.jsonl", "articles.jsonl", &["--details", &path_s])
        .assert()
        .success();
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let items: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or(Value::Null))
        .collect();
    assert_eq!(items.iter().filter(|v| v["kind"] == "gold").count(), 7);
    assert_eq!(items.iter().filter(|v| v["kind"] == "finding").count(), 10);
    assert!(items
        .iter()
        .any(|v| v["kind"] == "gold" && v["text"] == "a short debate" && v["matched"] == false));
}

#[test]
fn usage_errors_exit_2() {
    evaluate(
        "gold.jsonl",
        "articles.jsonl",
        &["--group", "x=nolabel:loaded"],
    )
    .assert()
    .code(2)
    .stderr(predicate::str::contains("no label \"nolabel\""));
    evaluate("gold.jsonl", "articles.jsonl", &["--group", "broken"])
        .assert()
        .code(2);
    evaluate("gold.jsonl", "articles.jsonl", &["--categories", "lodaed"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("lodaed"));
    evaluate(
        "gold.jsonl",
        "articles.jsonl",
        &["--gold-filter", "qoute=false"],
    )
    .assert()
    .code(2);
}

#[test]
fn broken_gold_names_file_and_line() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let gold = dir.path().join("gold.jsonl");
    let ok = "{\"id\":\"e1\",\"start\":0,\"end\":4,\"label\":\"x\"}\n";
    let _ = std::fs::write(&gold, format!("{ok}{{\"id\":\"e1\",\"start\":3}}\n"));
    framescope()
        .args(["--no-default-lexicon", "--lexicon", &format!("{DIR}/pack")])
        .args(["evaluate", "--gold", &gold.display().to_string()])
        .arg(format!("{DIR}/articles.jsonl"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("gold.jsonl:2: a span needs both"));
}

#[test]
fn offsets_that_do_not_hold_the_text_exit_1() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let gold = dir.path().join("gold.jsonl");
    let _ = std::fs::write(
        &gold,
        "{\"id\":\"e1\",\"start\":0,\"end\":5,\"label\":\"x\",\"text\":\"Plan?\"}\n",
    );
    framescope()
        .args(["--no-default-lexicon", "--lexicon", &format!("{DIR}/pack")])
        .args(["evaluate", "--gold", &gold.display().to_string()])
        .arg(format!("{DIR}/articles.jsonl"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("gold.jsonl:1: span 0..5"))
        .stdout(predicate::str::contains("1 gold spans did not fit"));
}
