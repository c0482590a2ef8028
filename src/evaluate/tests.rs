//! The evaluator on small hand-made articles, with counts worked out by hand.

use super::*;
use crate::detect::analyze_with;
use crate::lexicon::Lexicon;

fn lexicon() -> Lexicon {
    let files = [
        (
            "pack.yaml",
            "categories: [loaded, doubt, attribution, scare_quote]\n",
        ),
        (
            "quotations.yaml",
            "quotations:\n  scare_max_words: 4\n  verbs: [said, says]\n  prepositions: [according to]\n  speakers: [official]\n",
        ),
        (
            "loaded.yaml",
            "category: loaded\nrules:\n  - id: loaded.slam\n    terms: [slammed, disaster]\n    weight: 2.0\n    explain: x\n",
        ),
        (
            "doubt.yaml",
            "category: doubt\nrules:\n  - id: doubt.alleged\n    terms: [alleged]\n    explain: x\n",
        ),
        (
            "attribution.yaml",
            "category: attribution\nrules:\n  - id: attribution.claimed\n    terms: [claimed]\n    explain: x\n",
        ),
        (
            "scare.yaml",
            "category: scare_quote\nrules:\n  - id: scare_quote.quoted\n    detector: scare_quote\n    explain: x\n",
        ),
    ];
    match Lexicon::from_files(&files) {
        Ok(l) => l,
        Err(e) => panic!("{e}"),
    }
}

fn article(id: &str, outlet: &str, text: &str) -> Article {
    let mut a = Article::from_text(text);
    a.meta.id = id.to_string();
    a.meta.outlet = Some(outlet.to_string());
    a
}

fn span(id: &str, text: &str, needle: &str, label: &str, extra: &str) -> String {
    let start = text.find(needle).unwrap_or(0);
    format!(
        "{{\"id\":\"{id}\",\"start\":{start},\"end\":{},\"label\":\"{label}\"{extra}}}\n",
        start + needle.len()
    )
}

fn evaluate(gold: &str, articles: &[Article], options: EvalOptions) -> Report {
    let lexicon = lexicon();
    let gold = match Gold::from_reader(gold.as_bytes(), "g.jsonl") {
        Ok(g) => g,
        Err(e) => panic!("{e}"),
    };
    let mut ev = match Evaluator::new(&gold, options, &lexicon) {
        Ok(e) => e,
        Err(e) => panic!("{e}"),
    };
    for a in articles {
        let outcome = ev.add(a, &analyze_with(a, &lexicon, ANALYSIS));
        assert!(outcome.issues.is_empty(), "{:?}", outcome.issues);
    }
    ev.finish()
}

const T1: &str = "The mayor slammed the plan. The alleged deal fell through after a long night.";
const T2: &str = "Critics called it a disaster. Nothing else happened that week at all.";

fn span_gold() -> String {
    [
        span("a", T1, "slammed the plan", "lex", ",\"quote\":false"),
        span(
            "a",
            T1,
            "fell through after a long night",
            "inf",
            ",\"quote\":false",
        ),
        span("b", T2, "Nothing else", "lex", ",\"quote\":true"),
    ]
    .concat()
}

#[test]
fn span_recall_precision_by_label_and_category() {
    let r = evaluate(
        &span_gold(),
        &[article("a", "one", T1), article("b", "two", T2)],
        EvalOptions::default(),
    );
    let s = r.spans.unwrap_or_else(|| panic!("no span report"));
    // Findings: slammed (hits lex), alleged (hits nothing), disaster (hits nothing).
    assert_eq!(s.overall.gold, 3);
    assert_eq!(s.overall.gold_matched, 1);
    assert_eq!(s.overall.findings, 3);
    assert_eq!(s.overall.findings_matched, 1);
    assert_eq!(s.labels[1].label, "lex");
    assert_eq!((s.labels[1].gold, s.labels[1].matched), (2, 1));
    assert_eq!(s.labels[1].by_category.get("loaded"), Some(&1));
    let loaded = s.categories.iter().find(|c| c.category == "loaded");
    assert_eq!(loaded.map(|c| (c.findings, c.matched)), Some((2, 1)));
    assert_eq!(r.outlets.len(), 2);
    assert_eq!(r.outlets[0].measures.gold, 2);
}

#[test]
fn gold_filters_and_groups() {
    let options = EvalOptions {
        gold_filters: vec![GoldFilter {
            field: "quote".into(),
            value: "false".into(),
        }],
        groups: vec![
            "g=lex:loaded"
                .parse()
                .unwrap_or_else(|e: String| panic!("{e}")),
            "d=lex,inf:doubt"
                .parse()
                .unwrap_or_else(|e: String| panic!("{e}")),
        ],
        ..EvalOptions::default()
    };
    let r = evaluate(
        &span_gold(),
        &[article("a", "one", T1), article("b", "two", T2)],
        options,
    );
    let s = r.spans.unwrap_or_else(|| panic!("no span report"));
    assert_eq!(s.overall.gold, 2, "the quoted span is filtered out");
    let g = &r.groups[0].measures;
    assert_eq!(
        (g.gold, g.gold_matched, g.findings, g.findings_matched),
        (1, 1, 2, 1)
    );
    let d = &r.groups[1].measures;
    assert_eq!(
        (d.gold, d.gold_matched, d.findings, d.findings_matched),
        (2, 0, 1, 0)
    );
    assert_eq!(d.recall, Some(0.0));
}

#[test]
fn voice_selects_findings() {
    let text = "The plan was a “disaster” for all. “It was slammed by everyone in town,” the official said.";
    let gold = span("q", text, "slammed", "lex", "");
    let author = evaluate(
        &gold,
        &[article("q", "x", text)],
        EvalOptions {
            voice: VoiceSelect::Author,
            ..EvalOptions::default()
        },
    );
    let quoted = evaluate(
        &gold,
        &[article("q", "x", text)],
        EvalOptions {
            voice: VoiceSelect::Quoted,
            ..EvalOptions::default()
        },
    );
    let a = author.spans.map(|s| s.overall).unwrap_or_default();
    let q = quoted.spans.map(|s| s.overall).unwrap_or_default();
    // Author voice: the scare quote only. Quoted: "disaster" and "slammed".
    assert_eq!((a.findings, a.gold_matched), (1, 0));
    assert_eq!((q.findings, q.gold_matched), (2, 1));
}

#[test]
fn labels_with_commas_resolve_against_the_gold() {
    let known: BTreeSet<String> = ["Name_Calling,Labeling", "Doubt", "Name_Calling"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(
        resolve_labels("Name_Calling,Labeling,Doubt", &known),
        Ok(vec![
            "Name_Calling,Labeling".to_string(),
            "Doubt".to_string()
        ])
    );
    assert!(resolve_labels("Doubt,Nope", &known).is_err_and(|e| e.contains("\"Nope\"")));
    assert_eq!(resolve_labels("", &known), Ok(vec![]));
    assert!("x=a".parse::<GroupSpec>().is_err());
    assert!("quote".parse::<GoldFilter>().is_err());
}

#[test]
fn unknown_categories_and_fields_are_usage_errors() {
    let lexicon = lexicon();
    let gold = Gold::from_reader(span_gold().as_bytes(), "g.jsonl").unwrap_or_default();
    let bad_cat = EvalOptions {
        categories: vec!["lodaed".into()],
        ..EvalOptions::default()
    };
    assert!(Evaluator::new(&gold, bad_cat, &lexicon).is_err_and(|e| e.0.contains("lodaed")));
    let bad_field = EvalOptions {
        gold_filters: vec![GoldFilter {
            field: "qoute".into(),
            value: "true".into(),
        }],
        ..EvalOptions::default()
    };
    assert!(Evaluator::new(&gold, bad_field, &lexicon).is_err_and(|e| e.0.contains("qoute")));
}

#[test]
fn sentence_labels_macro_f1_and_auc() {
    let texts = [
        ("s1", "Biased", "The alleged scheme collapsed."),
        ("s2", "Biased", "The vote passed on Tuesday."),
        ("s3", "Non-biased", "The council slammed the budget."),
        ("s4", "Non-biased", "The council met on Monday."),
        ("s5", "No agreement", "The alleged plan."),
    ];
    let gold: String = texts
        .iter()
        .map(|(id, l, _)| format!("{{\"id\":\"{id}\",\"sentence_label\":\"{l}\"}}\n"))
        .collect();
    let articles: Vec<Article> = texts.iter().map(|(id, _, t)| article(id, "o", t)).collect();
    let r = evaluate(
        &gold,
        &articles,
        EvalOptions {
            sentence_categories: vec!["doubt".into()],
            ..EvalOptions::default()
        },
    );
    let s = r.sentences.unwrap_or_else(|| panic!("no sentence report"));
    assert_eq!((s.sentences, s.skipped), (4, 1));
    // Predicted positive: s1 only (doubt). tp 1, fn 1, fp 0, tn 2.
    let d = s.decision;
    assert_eq!(
        (
            d.true_positive,
            d.false_negative,
            d.false_positive,
            d.true_negative
        ),
        (1, 1, 0, 2)
    );
    // Positive F1: P 1, R .5 → 2/3. Negative: P 2/3, R 1 → 0.8. Macro 0.7333.
    assert_eq!(d.macro_f1, Some(0.7333));
    // Weights: positives 1 (alleged), 0; negatives 2 (slammed), 0.
    // Pairs: 1>0 ✓, 1<2 ✗, 0<2 ✗, 0=0 ½ → 1.5 / 4.
    assert_eq!(s.roc_auc, Some(0.375));
    assert!(r.spans.is_none());
}

#[test]
fn attribution_cues_speakers_and_scare_quotes() {
    let text = "“We will build it,” said Maria Lopez. The mayor claimed that costs fell. Critics doubt the “miracle” plan.";
    let gold = [
        span(
            "p",
            text,
            "We will build it",
            "Content",
            ",\"attribution\":\"E1\"",
        ),
        span("p", text, "said", "Cue", ",\"attribution\":\"E1\""),
        span(
            "p",
            text,
            "Maria Lopez",
            "Source",
            ",\"attribution\":\"E1\"",
        ),
        span("p", text, "The mayor", "Source", ",\"attribution\":\"E2\""),
        span("p", text, "claimed", "Cue", ",\"attribution\":\"E2\""),
        span(
            "p",
            text,
            "costs fell",
            "Content",
            ",\"attribution\":\"E2\"",
        ),
        span("p", text, "doubt", "Cue", ",\"attribution\":\"E3\""),
        span(
            "p",
            text,
            "the “miracle” plan",
            "Content",
            ",\"attribution\":\"E3\"",
        ),
        span("p", text, "Critics", "Source", ",\"attribution\":\"E3\""),
    ]
    .concat();
    let r = evaluate(&gold, &[article("p", "x", text)], EvalOptions::default());
    let a = r
        .attribution
        .unwrap_or_else(|| panic!("no attribution report"));
    // Cues: said (quote cue), claimed (attribution finding), doubt (missed).
    assert_eq!(
        (a.cues, a.cues_found, a.cues_found_by_quote_cues),
        (3, 2, 1)
    );
    // Quotes: the direct one (speaker right) and the scare quote inside E3's content
    // (no speaker: wrong).
    assert_eq!((a.quotes_in_content, a.speakers_correct), (2, 1));
    assert_eq!(a.quotes_without_speaker, 1);
    assert_eq!((a.scare_quotes, a.scare_quotes_in_content), (1, 1));
    assert_eq!(a.scare_in_content_share, Some(1.0));
}

#[test]
fn rank_correlation_per_outlet() {
    // Outlet one: 1 gold span and weight 2 (slammed); two: 2 gold spans, weight 2
    // (disaster), over fewer words.
    let gold = [
        span("a", T1, "slammed", "lex", ""),
        span("b", T2, "Critics", "lex", ""),
        span("b", T2, "Nothing", "lex", ""),
    ]
    .concat();
    let r = evaluate(
        &gold,
        &[article("a", "one", T1), article("b", "two", T2)],
        EvalOptions {
            rank: Some(RankBy::Outlet),
            categories: vec!["loaded".into()],
            ..EvalOptions::default()
        },
    );
    let k = r.ranking.unwrap_or_else(|| panic!("no ranking"));
    assert_eq!(k.points, 2);
    assert_eq!(k.rows[0].name, "one");
    // Both series rise from one to two: rho = 1.
    assert_eq!(k.spearman, Some(1.0));
}

#[test]
fn gold_that_does_not_fit_is_reported() {
    let lexicon = lexicon();
    let gold = Gold::from_reader(
        "{\"id\":\"a\",\"start\":4,\"end\":9,\"label\":\"lex\",\"text\":\"other\"}\n{\"id\":\"a\",\"start\":4,\"end\":900,\"label\":\"lex\"}\n".as_bytes(),
        "g.jsonl",
    )
    .unwrap_or_default();
    let mut ev =
        Evaluator::new(&gold, EvalOptions::default(), &lexicon).unwrap_or_else(|e| panic!("{e}"));
    let a = article("a", "o", T1);
    let outcome = ev.add(&a, &analyze_with(&a, &lexicon, ANALYSIS));
    assert_eq!(outcome.issues.len(), 2);
    assert!(outcome.issues[0].starts_with("g.jsonl:1: "));
    assert!(outcome.issues[1].starts_with("g.jsonl:2: "));
    let dup = ev.add(&a, &analyze_with(&a, &lexicon, ANALYSIS));
    assert!(dup.issues[0].contains("twice"));
    assert_eq!(ev.finish().invalid_gold_spans, 2);
}
