//! Hostile input and lost work: atomic outputs survive SIGKILL, terminal and
//! spreadsheet output cannot be hijacked by article text, and pathological inputs are
//! processed or refused with the limit named.

use std::io::Write;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use predicates::prelude::*;

fn framescope() -> Command {
    Command::cargo_bin("framescope").unwrap_or_else(|e| panic!("{e}"))
}

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn sigkill_mid_write_leaves_the_previous_output_intact() {
    let dir = temp();
    let corpus = dir.path().join("big.jsonl");
    let mut f = std::fs::File::create(&corpus).unwrap_or_else(|e| panic!("{e}"));
    let text = "The regime allegedly said the so-called reform was a \\\"success\\\". ".repeat(40);
    for i in 0..60_000 {
        let _ = writeln!(f, "{{\"id\":\"{i}\",\"text\":\"{text}\"}}");
    }
    drop(f);
    let target = dir.path().join("out.jsonl");
    std::fs::write(&target, "previous results\n").unwrap_or_else(|e| panic!("{e}"));
    let bin = assert_cmd::cargo::cargo_bin("framescope");
    let mut child = std::process::Command::new(bin)
        .args(["scan", "--format", "jsonl", "-o"])
        .arg(&target)
        .arg(&corpus)
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    // Wait until the temporary file beside the target has data, then kill.
    let started = Instant::now();
    let mut saw_temp = false;
    while started.elapsed() < Duration::from_secs(60) {
        let temp_size: u64 = std::fs::read_dir(dir.path())
            .map(|rd| {
                rd.filter_map(Result::ok)
                    .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
                    .filter_map(|e| e.metadata().ok())
                    .map(|m| m.len())
                    .sum()
            })
            .unwrap_or(0);
        if temp_size > 0 {
            saw_temp = true;
            break;
        }
        if let Ok(Some(_)) = child.try_wait() {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(saw_temp, "the run ended before it could be interrupted");
    assert_eq!(
        std::fs::read_to_string(&target).unwrap_or_default(),
        "previous results\n"
    );
}

#[test]
fn terminal_output_strips_escape_sequences() {
    let dir = temp();
    let article = dir.path().join("evil.md");
    std::fs::write(
        &article,
        "---\ntitle: \"\u{1b}]0;pwned\u{7} title\"\n---\nThe alleged \u{1b}[2J plan and the \u{1b}[31m“so-called”\u{1b}[0m.\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    for format in ["table", "md"] {
        let out = framescope()
            .args(["scan", "--format", format])
            .arg(&article)
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(out.status.success());
        assert!(
            !out.stdout.contains(&0x1b),
            "{format} output carries an escape byte"
        );
        assert!(
            !out.stdout.contains(&0x07),
            "{format} output carries a bell byte"
        );
    }
}

#[test]
fn csv_cells_cannot_run_as_formulas() {
    let dir = temp();
    let article = dir.path().join("formula.md");
    std::fs::write(
        &article,
        "---\noutlet: \"=HYPERLINK(\\\"http://evil.example\\\",\\\"x\\\")\"\ntitle: \"+cmd|' /C calc'!A0\"\nevent: \"@SUM(1)\"\n---\nThe alleged plan.\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let out = framescope()
        .args(["scan", "--format", "csv"])
        .arg(&article)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let csv = String::from_utf8_lossy(&out.stdout);
    let row = csv.lines().nth(1).unwrap_or("");
    assert!(row.contains("\"'=HYPERLINK("), "{row}");
    assert!(row.contains("'+cmd"), "{row}");
    assert!(row.contains("'@SUM(1)"), "{row}");
}

#[test]
fn a_text_made_only_of_quote_marks_is_processed() {
    let marks = "\"“”‘’'«»„".repeat(100_000);
    framescope()
        .args(["scan", "--format", "jsonl", "-"])
        .write_stdin(marks)
        .timeout(Duration::from_secs(60))
        .assert()
        .success();
}

#[test]
fn a_lexicon_of_100000_terms_loads() {
    let dir = temp();
    std::fs::write(dir.path().join("pack.yaml"), "categories: [bulk]\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let mut yaml = String::from(
        "category: bulk\nrules:\n  - id: bulk.words\n    explain: Generated terms.\n    terms:\n",
    );
    for i in 0..100_000u32 {
        yaml.push_str(&format!("      - zq{i:x}x\n"));
    }
    std::fs::write(dir.path().join("bulk.yaml"), yaml).unwrap_or_else(|e| panic!("{e}"));
    framescope()
        .args(["--no-default-lexicon", "--lexicon"])
        .arg(dir.path())
        .args(["scan", "--format", "jsonl", "-"])
        .write_stdin("before zq1fx after")
        .timeout(Duration::from_secs(120))
        .assert()
        .success()
        .stdout(predicate::str::contains("\"text\":\"zq1fx\""));
}

#[test]
fn a_regex_too_big_to_compile_is_refused_with_its_line() {
    let dir = temp();
    std::fs::write(
        dir.path().join("bad.yaml"),
        "category: doubt\nrules:\n  - id: doubt.huge\n    patterns: ['(?:a{1000}){1000}']\n    explain: A pattern that would not fit.\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    framescope()
        .args(["lexicon", "check"])
        .arg(dir.path().join("bad.yaml"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.yaml:4:"))
        .stderr(predicate::str::contains("size limit"));
}

#[test]
fn an_alias_bomb_is_refused() {
    // Nine levels of nine-fold aliases: a billion strings if expanded.
    let dir = temp();
    let mut yaml =
        String::from("stopwords:\n  - &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    let mut prev = 'a';
    for n in 'b'..='j' {
        let refs = vec![format!("*{prev}"); 9].join(", ");
        yaml.push_str(&format!("  - &{n} [{refs}]\n"));
        prev = n;
    }
    std::fs::write(dir.path().join("bomb.yaml"), yaml).unwrap_or_else(|e| panic!("{e}"));
    framescope()
        .args(["lexicon", "check"])
        .arg(dir.path().join("bomb.yaml"))
        .timeout(Duration::from_secs(30))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bomb.yaml:2:"));
}

#[test]
fn an_oversized_article_names_the_limit_and_the_flag() {
    let dir = temp();
    let big = dir.path().join("big.txt");
    std::fs::write(&big, "word ".repeat(5_000)).unwrap_or_else(|e| panic!("{e}"));
    framescope()
        .args(["scan", "--max-article-bytes", "1000"])
        .arg(&big)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("larger than the 1000-byte limit"))
        .stderr(predicate::str::contains("--max-article-bytes"));
}
