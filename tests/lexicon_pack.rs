//! The default pack, checked as data: every rule's own examples pass, every rule has
//! both kinds of example and an explanation, and every category file says where its
//! terms come from.

use framescope::detect::examples::run_examples;
use framescope::lexicon::DEFAULT_PACK_FILES;
use framescope::Lexicon;

fn default_pack() -> Lexicon {
    match Lexicon::default_pack() {
        Ok(l) => l,
        Err(e) => panic!("the default pack does not load: {e}"),
    }
}

#[test]
fn every_rule_example_of_the_default_pack_passes() {
    let lexicon = default_pack();
    let report = run_examples(&lexicon);
    let failures: Vec<String> = report.failures.iter().map(|f| f.to_string()).collect();
    assert!(
        failures.is_empty(),
        "{} failing examples:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(report.run >= 2 * lexicon.rules().len());
}

#[test]
fn the_default_pack_has_the_nine_categories() {
    let names: Vec<String> = default_pack()
        .categories()
        .iter()
        .map(|c| c.name.clone())
        .collect();
    assert_eq!(
        names,
        [
            "loaded",
            "label",
            "doubt",
            "hedge",
            "vague_source",
            "attribution",
            "booster",
            "scare_quote",
            "editorial"
        ]
    );
}

#[test]
fn every_default_rule_has_examples_of_both_kinds_and_an_explanation() {
    let lexicon = default_pack();
    for rule in lexicon.rules() {
        assert!(
            !rule.examples.matches.is_empty(),
            "{} has no match example",
            rule.id
        );
        assert!(
            !rule.examples.no_match.is_empty(),
            "{} has no no_match example",
            rule.id
        );
        assert!(
            rule.explain.split_whitespace().count() >= 6,
            "{} explains too little",
            rule.id
        );
    }
    for b in lexicon.boilerplate() {
        assert!(
            !b.examples.matches.is_empty() && !b.examples.no_match.is_empty(),
            "{} lacks examples",
            b.id
        );
    }
}

#[test]
fn every_category_file_opens_with_a_comment_on_its_sources() {
    for (name, text) in DEFAULT_PACK_FILES {
        if text.contains("\nrules:") {
            assert!(
                text.trim_start().starts_with('#'),
                "{name} does not open with a comment"
            );
        }
    }
}

#[test]
fn every_category_has_rules() {
    let lexicon = default_pack();
    for c in lexicon.categories() {
        assert!(
            lexicon
                .rules()
                .iter()
                .any(|r| r.category.as_ref() == c.name),
            "category {} has no rules",
            c.name
        );
    }
}

#[test]
fn the_pack_read_from_its_folder_is_the_embedded_pack() {
    // Files are read from a folder in name order and embedded in category order; rules
    // must come out in one order either way, since it decides ties between rules that
    // match the same words.
    let options = framescope::lexicon::LoadOptions {
        default_pack: false,
        extra: vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/lexicons/en"
        ))],
    };
    let folder = match Lexicon::load(&options) {
        Ok(l) => l,
        Err(e) => panic!("the pack folder does not load: {e}"),
    };
    let ids = |l: &Lexicon| {
        l.rules()
            .iter()
            .map(|r| r.id.to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&folder), ids(&default_pack()));
}
