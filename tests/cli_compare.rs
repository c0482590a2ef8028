//! `compare` and `profile` through the real binary on the example events, with the
//! default pack: each test asserts a difference the example was written to show.
//!
//! The naming assertions need these actor labels in the default pack: protesters
//! ("protesters" neutral; "rioters", "mob" pejorative), a government ("government"
//! neutral, "regime" pejorative) and migrants ("migrants", "asylum seekers" neutral;
//! "illegals", "illegal immigrants" pejorative). They are matched by label and tone,
//! not by actor id, so renaming an actor does not break them.

use assert_cmd::Command;
use serde_json::Value;

const HARBOUR: &str = "examples/harbour-protest";
const BOAT: &str = "examples/border-boat";

const WIRE: &str = "Meridian Wire";
const STATE: &str = "VNB State News";
const TABLOID: &str = "The Daily Clarion";
const ADVOCACY: &str = "Frontline Voices";
const STANDARD: &str = "The Veskarian Standard";
const NGO: &str = "Open Sea Monitor";

fn run(args: &[&str]) -> (bool, String, String) {
    let out = Command::cargo_bin("framescope")
        .map(|mut c| c.env("COLUMNS", "120").args(args).output())
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|e| panic!("{e}"));
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn compare_json(event: &str) -> Value {
    let (ok, out, err) = run(&["compare", "--format", "json", event]);
    assert!(ok, "{err}");
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"))
}

/// Every (label, tone) an outlet used in its own words for any actor.
fn labels(c: &Value, outlet: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for actor in c["naming"]["actors"].as_array().into_iter().flatten() {
        for u in actor["columns"][outlet].as_array().into_iter().flatten() {
            if u["author"].as_u64().unwrap_or(0) > 0 {
                out.push((
                    u["label"].as_str().unwrap_or("").to_lowercase(),
                    u["tone"].as_str().unwrap_or("").to_string(),
                ));
            }
        }
    }
    out
}

/// The (label, tone) pairs an outlet used for the actor that has `label` among its uses
/// by some outlet.
fn labels_for_actor_of(c: &Value, label: &str, outlet: &str) -> Vec<(String, String)> {
    let actor = c["naming"]["actors"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|a| {
            a["columns"]
                .as_object()
                .into_iter()
                .flatten()
                .any(|(_, uses)| {
                    uses.as_array().into_iter().flatten().any(|u| {
                        u["label"]
                            .as_str()
                            .is_some_and(|l| l.eq_ignore_ascii_case(label))
                    })
                })
        });
    let Some(actor) = actor else {
        panic!("no actor has the label `{label}`: is it in the default pack?")
    };
    actor["columns"][outlet]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|u| u["author"].as_u64().unwrap_or(0) > 0)
        .map(|u| {
            (
                u["label"].as_str().unwrap_or("").to_lowercase(),
                u["tone"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

fn has(labels: &[(String, String)], label: &str, tone: &str) -> bool {
    labels.iter().any(|(l, t)| l == label && t == tone)
}

fn shared_quote<'a>(c: &'a Value, words: &str) -> &'a Value {
    c["quotes"]["shared"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|q| {
            q["quoted_by"]
                .as_object()
                .into_iter()
                .flatten()
                .any(|(_, u)| u["text"].as_str().is_some_and(|t| t.contains(words)))
        })
        .unwrap_or_else(|| panic!("no shared quotation contains `{words}`: {}", c["quotes"]))
}

fn quoted_by(q: &Value) -> Vec<&str> {
    q["quoted_by"]
        .as_object()
        .map(|m| m.keys().map(String::as_str).collect())
        .unwrap_or_default()
}

fn left_out_by(q: &Value) -> Vec<&str> {
    q["left_out_by"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect()
}

fn distinctive(c: &Value, outlet: &str) -> Vec<String> {
    c["wording"]["columns"][outlet]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|t| t["term"].as_str().map(str::to_string))
        .collect()
}

#[test]
fn harbour_state_and_tabloid_call_protesters_names_the_wire_does_not() {
    let c = compare_json(HARBOUR);
    let wire = labels_for_actor_of(&c, "protesters", WIRE);
    assert!(has(&wire, "protesters", "neutral"), "{wire:?}");
    assert!(
        wire.iter().all(|(_, tone)| tone != "pejorative"),
        "{wire:?}"
    );
    let tabloid = labels_for_actor_of(&c, "protesters", TABLOID);
    assert!(
        has(&tabloid, "mob", "pejorative") || has(&tabloid, "rioters", "pejorative"),
        "{tabloid:?}"
    );
    let state = labels(&c, STATE);
    assert!(
        ["rioters", "extremists", "agitators", "mob"]
            .iter()
            .any(|l| has(&state, l, "pejorative")),
        "{state:?}"
    );
}

#[test]
fn harbour_advocacy_site_says_regime() {
    let c = compare_json(HARBOUR);
    assert!(has(&labels(&c, ADVOCACY), "regime", "pejorative"));
    for other in [WIRE, STATE] {
        assert!(
            !labels(&c, other).iter().any(|(l, _)| l == "regime"),
            "{other}"
        );
    }
    // The same choice shows in the label rate and in the distinctive words.
    let label = |o: &str| c["framing"]["author"][o]["categories"]["label"]["count"].as_u64();
    assert!(
        label(ADVOCACY).is_some_and(|n| n >= 3),
        "{}",
        c["framing"]["author"][ADVOCACY]
    );
    assert_eq!(label(WIRE), Some(0));
    assert!(
        distinctive(&c, ADVOCACY).iter().any(|t| t == "regime"),
        "{:?}",
        distinctive(&c, ADVOCACY)
    );
}

#[test]
fn harbour_state_and_tabloid_quote_loaded_fragments_the_wire_quotes_sentences() {
    let c = compare_json(HARBOUR);
    // The state broadcaster and the tabloid put single words and short phrases in
    // quotation marks ("grassroots", "peaceful protest", "restraint"); the wire quotes
    // whole sentences only. Whether the detector calls such a fragment a scare quote or
    // a partial quotation depends on whether it finds an attribution nearby, so both
    // kinds count here.
    let fragments = |o: &str| {
        let q = &c["sourcing"]["columns"][o]["quotes"];
        q["scare"].as_u64().unwrap_or(0) + q["partial"].as_u64().unwrap_or(0)
    };
    assert!(fragments(STATE) >= 2, "{}", c["sourcing"]["columns"][STATE]);
    assert!(
        fragments(TABLOID) >= 1,
        "{}",
        c["sourcing"]["columns"][TABLOID]
    );
    assert_eq!(fragments(WIRE), 0, "{}", c["sourcing"]["columns"][WIRE]);
    let scare = |o: &str| c["sourcing"]["columns"][o]["quotes"]["scare"].as_u64();
    assert!(
        scare(TABLOID).is_some_and(|n| n >= 1),
        "{:?}",
        scare(TABLOID)
    );
    assert_eq!(scare(WIRE), Some(0));
}

#[test]
fn harbour_wire_frames_least() {
    let c = compare_json(HARBOUR);
    let rate = |o: &str| {
        c["framing"]["author"][o]["weighted"]["rate"]
            .as_f64()
            .unwrap_or(f64::NAN)
    };
    for other in [STATE, TABLOID, ADVOCACY] {
        assert!(
            rate(WIRE) < rate(other),
            "{WIRE} {} vs {other} {}",
            rate(WIRE),
            rate(other)
        );
    }
}

#[test]
fn harbour_ministers_sentence_is_shared_and_frontline_leaves_it_out() {
    let c = compare_json(HARBOUR);
    // The wire and the state broadcaster quote the whole sentence; the tabloid trims it
    // to its second half and curls the apostrophe. All three are one statement.
    let q = shared_quote(&c, "answer for it in court");
    assert_eq!(quoted_by(q), vec![WIRE, TABLOID, STATE]);
    assert_eq!(left_out_by(q), vec![ADVOCACY]);
    assert!(
        q["speaker"].as_str().is_some_and(|s| s.contains("Braslav")),
        "{q}"
    );
    // Solvik's statement: the wire quotes it in two pieces, the advocacy site whole.
    let q = shared_quote(&c, "We came to defend our jobs");
    assert_eq!(quoted_by(q), vec![ADVOCACY, WIRE]);
}

#[test]
fn harbour_tabloid_wording_stands_out() {
    let c = compare_json(HARBOUR);
    let terms = distinctive(&c, TABLOID);
    assert!(
        terms.iter().any(|t| t == "thugs" || t == "mob"),
        "{terms:?}"
    );
}

#[test]
fn boat_tabloid_and_standard_say_illegals_the_wire_says_migrants() {
    let c = compare_json(BOAT);
    let wire = labels_for_actor_of(&c, "migrants", WIRE);
    assert!(
        has(&wire, "migrants", "neutral") || has(&wire, "asylum seekers", "neutral"),
        "{wire:?}"
    );
    assert!(
        wire.iter().all(|(_, tone)| tone != "pejorative"),
        "{wire:?}"
    );
    assert!(has(&labels(&c, TABLOID), "illegals", "pejorative"));
    assert!(has(
        &labels(&c, STANDARD),
        "illegal immigrants",
        "pejorative"
    ));
    assert!(labels(&c, NGO).iter().all(|(_, tone)| tone != "pejorative"));
}

#[test]
fn boat_ngo_leaves_out_the_coast_guard_and_the_minister() {
    let c = compare_json(BOAT);
    for words in [
        "Every life we could save",
        "smugglers who put these people on a rotten boat",
    ] {
        let q = shared_quote(&c, words);
        assert_eq!(quoted_by(q), vec![WIRE, TABLOID, STANDARD], "{words}");
        assert_eq!(left_out_by(q), vec![NGO], "{words}");
    }
}

#[test]
fn boat_scare_quotes_and_loaded_attribution() {
    let c = compare_json(BOAT);
    let scare = |o: &str| c["sourcing"]["columns"][o]["quotes"]["scare"].as_u64();
    // The tabloid's so-called "rescue" ship; the wire uses no scare quotes.
    assert_eq!(scare(WIRE), Some(0));
    assert!(scare(TABLOID).is_some_and(|n| n >= 1));
    // The wire attributes with "said"; the tabloid also has the charity "admit".
    let cues = |o: &str| -> Vec<String> {
        c["sourcing"]["columns"][o]["cues"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|x| x["name"].as_str().map(str::to_string))
            .collect()
    };
    assert_eq!(cues(WIRE).first().map(String::as_str), Some("said"));
    assert!(
        cues(TABLOID).iter().any(|c| c == "admitted"),
        "{:?}",
        cues(TABLOID)
    );
}

#[test]
fn every_format_and_table_runs_on_the_examples() {
    for event in [HARBOUR, BOAT] {
        for format in ["table", "md", "csv", "json"] {
            let (ok, out, err) = run(&["compare", "--format", format, event]);
            assert!(ok && !out.is_empty(), "{event} {format}: {err}");
            let words: Vec<&str> = out.split(|c: char| !c.is_alphanumeric()).collect();
            assert!(
                !words.iter().any(|w| *w == "NaN" || *w == "inf"),
                "{event} {format}"
            );
        }
        let (ok, out, _) = run(&["compare", "--by", "article", "--only", "framing", event]);
        assert!(ok && out.contains("Comparing 4 articles"));
    }
}

#[test]
fn one_outlet_and_an_article_without_findings_are_said_plainly() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let write = |name: &str, text: &str| {
        std::fs::write(dir.path().join(name), text).unwrap_or_else(|e| panic!("{e}"))
    };
    write(
        "quiet.md",
        "---\noutlet: Quiet Post\n---\nThe bridge closed on Thursday for repairs.\n",
    );
    let path = dir.path().to_string_lossy().into_owned();
    let (ok, out, _) = run(&["compare", &path]);
    assert!(ok);
    assert!(out.contains("Only one outlet was given"), "{out}");
    assert!(
        out.contains("No framing devices found in: Quiet Post."),
        "{out}"
    );
    assert!(
        out.contains("nothing to match its quotations against"),
        "{out}"
    );
    assert!(
        out.contains("distinctive wording needs at least two"),
        "{out}"
    );
    write(
        "loud.md",
        "---\noutlet: Loud Daily\n---\nThe regime slammed the so-called \"repairs\".\n",
    );
    let (ok, out, _) = run(&["compare", "--only", "framing,quotes", &path]);
    assert!(ok);
    assert!(
        out.contains("No framing devices found in: Quiet Post."),
        "{out}"
    );
    assert!(
        out.contains("No statement is quoted by more than one outlet."),
        "{out}"
    );
}

#[test]
fn output_file_is_written_and_bad_input_fails_with_the_rest_compared() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let target = dir.path().join("report.md");
    let target_s = target.to_string_lossy().into_owned();
    let missing = dir.path().join("missing.md").to_string_lossy().into_owned();
    let (ok, out, err) = run(&["compare", "-f", "md", "-o", &target_s, HARBOUR, &missing]);
    assert!(!ok, "a missing input is a failure");
    assert!(out.is_empty());
    assert!(err.contains("missing.md"), "{err}");
    let written = std::fs::read_to_string(&target).unwrap_or_default();
    assert!(written.starts_with("Comparing 4 outlets"), "{written}");
    let (ok, _, err) = run(&["compare", &missing]);
    assert!(!ok && err.contains("no article to compare"), "{err}");
}
