//! The merge property: profiling a corpus split into shards and merging the partials
//! gives exactly the profile of one run over the whole corpus — byte for byte, in every
//! output format, whatever the split and whatever the order of the merge.

use assert_cmd::Command;
use framescope::article::{ArticleStream, InputFormat, LoadLimits};
use framescope::score::profile::ProfileSet;
use framescope::{analyze, Analysis, Lexicon};
use proptest::prelude::*;

/// The corpus: both example events, the single example, and a JSON Lines file with
/// several articles per outlet.
const CORPUS: [&str; 4] = [
    "examples/harbour-protest",
    "examples/border-boat",
    "examples/single",
    "tests/fixtures/profile/corpus.jsonl",
];

fn analyses() -> &'static (Lexicon, Vec<Analysis>) {
    static DATA: std::sync::OnceLock<(Lexicon, Vec<Analysis>)> = std::sync::OnceLock::new();
    DATA.get_or_init(|| {
        let lexicon = Lexicon::default_pack().unwrap_or_else(|e| panic!("default pack: {e}"));
        let analyses = ArticleStream::new(&CORPUS, InputFormat::Auto, LoadLimits::default())
            .map(|a| a.unwrap_or_else(|e| panic!("{e}")))
            .map(|a| analyze(&a, &lexicon))
            .collect();
        (lexicon, analyses)
    })
}

fn partial(set: &ProfileSet) -> String {
    serde_json::to_string(&set.report().to_json()).unwrap_or_else(|e| panic!("{e}"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Any assignment of articles to up to five shards, merged in any order, through
    /// the JSON partial, equals one run.
    #[test]
    fn any_split_merges_to_one_run(
        shard_of in proptest::collection::vec(0usize..5, 16),
        order in Just((0usize..5).collect::<Vec<_>>()).prop_shuffle(),
    ) {
        let (lexicon, all) = analyses();
        let mut whole = ProfileSet::new(lexicon);
        all.iter().for_each(|a| whole.add(a));
        let mut shards: Vec<ProfileSet> = (0..5).map(|_| ProfileSet::new(lexicon)).collect();
        for (i, a) in all.iter().enumerate() {
            let shard = shard_of.get(i % shard_of.len()).copied().unwrap_or(0);
            if let Some(s) = shards.get_mut(shard) {
                s.add(a);
            }
        }
        let mut merged: Option<ProfileSet> = None;
        for k in &order {
            let Some(shard) = shards.get(*k) else { continue };
            let read = ProfileSet::from_json(&partial(shard), "shard.json");
            prop_assert!(read.is_ok());
            let Ok(read) = read else { continue };
            match merged.as_mut() {
                Some(m) => prop_assert!(m.merge(read).is_ok()),
                None => merged = Some(read),
            }
        }
        let merged = merged.unwrap_or_else(|| ProfileSet::new(lexicon));
        prop_assert_eq!(partial(&merged), partial(&whole));
    }
}

fn framescope(args: &[&str]) -> Vec<u8> {
    let out = Command::cargo_bin("framescope")
        .map(|mut c| c.env("COLUMNS", "120").args(args).output())
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// Through the real binary: JSON Lines shards (split by line, as `split -l` would) and
/// folders, profiled separately, merged in reverse order.
#[test]
fn shards_through_the_binary_equal_one_run() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = |name: &str| dir.path().join(name).to_string_lossy().into_owned();
    let jsonl = std::fs::read_to_string("tests/fixtures/profile/corpus.jsonl")
        .unwrap_or_else(|e| panic!("{e}"));
    let lines: Vec<&str> = jsonl.lines().collect();
    let (first, second) = lines.split_at(lines.len() / 2);
    std::fs::write(path("part-a.jsonl"), first.join("\n") + "\n").unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(path("part-b.jsonl"), second.join("\n") + "\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let shards: [&[&str]; 4] = [
        &["examples/harbour-protest"],
        &["examples/border-boat", "examples/single"],
        &[&path("part-a.jsonl")],
        &[&path("part-b.jsonl")],
    ];
    let mut partials = Vec::new();
    for (i, inputs) in shards.iter().enumerate() {
        let out = path(&format!("p{i}.json"));
        let mut args = vec!["profile", "--format", "json", "-o", &out];
        args.extend_from_slice(inputs);
        framescope(&args);
        partials.push(out);
    }
    partials.reverse();
    for format in ["json", "table", "csv", "md"] {
        let mut whole = vec!["profile", "--format", format];
        whole.extend_from_slice(&CORPUS);
        let mut merge = vec!["merge", "--format", format];
        merge.extend(partials.iter().map(String::as_str));
        let (whole, merged) = (framescope(&whole), framescope(&merge));
        assert!(!whole.is_empty());
        assert!(
            whole == merged,
            "{format} differs:\n{}\n---\n{}",
            String::from_utf8_lossy(&whole),
            String::from_utf8_lossy(&merged)
        );
    }
    // A merged partial merges again: merge is associative.
    let ab = path("ab.json");
    framescope(&[
        "merge",
        "--format",
        "json",
        "-o",
        &ab,
        &partials[0],
        &partials[1],
    ]);
    let again = framescope(&["merge", "--format", "json", &ab, &partials[2], &partials[3]]);
    let mut whole = vec!["profile", "--format", "json"];
    whole.extend_from_slice(&CORPUS);
    assert!(again == framescope(&whole));
}

#[test]
fn merge_rejects_a_bad_partial_naming_it_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = |name: &str| dir.path().join(name).to_string_lossy().into_owned();
    let good = path("good.json");
    framescope(&[
        "profile",
        "--format",
        "json",
        "-o",
        &good,
        "examples/single",
    ]);
    let text = std::fs::read_to_string(&good).unwrap_or_default();
    std::fs::write(
        path("v2.json"),
        text.replace("framescope-profile/1", "framescope-profile/2"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let other_pack = path("other.json");
    let out = Command::cargo_bin("framescope")
        .map(|mut c| {
            c.args([
                "--no-default-lexicon",
                "--lexicon",
                "tests/fixtures/profile/two-categories",
                "profile",
                "--format",
                "json",
                "-o",
                &other_pack,
                "examples/single",
            ])
            .output()
        })
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let target = path("merged.json");
    let out = Command::cargo_bin("framescope")
        .map(|mut c| {
            c.args(["merge", "-o", &target, &good, &path("v2.json"), &other_pack])
                .output()
        })
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("v2.json: profile format is `framescope-profile/2`"),
        "{err}"
    );
    assert!(
        err.contains("other.json: made with different lexicon categories"),
        "{err}"
    );
    assert!(err.contains("nothing written"), "{err}");
    assert!(!std::path::Path::new(&target).exists());
}
