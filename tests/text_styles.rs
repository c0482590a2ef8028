//! The default pack and the quotation detector on the shapes news text arrives in:
//! title-case headlines without articles, wire-service copy with a dateline, and text
//! pasted from a web page with curly quotes and non-breaking spaces. Every sentence here
//! was written for these tests.

use framescope::{analyze, analyze_with, AnalyzeOptions, Article, Lexicon, QuoteKind, Voice};

fn lexicon() -> Lexicon {
    match Lexicon::default_pack() {
        Ok(l) => l,
        Err(e) => panic!("the default pack does not load: {e}"),
    }
}

/// (rule, matched text, voice) of every finding.
fn findings(text: &str) -> Vec<(String, String, Voice)> {
    let analysis = analyze(&Article::from_text(text), &lexicon());
    analysis
        .findings
        .iter()
        .map(|f| (f.rule.to_string(), f.text.clone(), f.voice))
        .collect()
}

/// (quoted text, kind, speaker) of every quotation.
fn quotes(text: &str) -> Vec<(String, QuoteKind, Option<String>)> {
    let analysis = analyze(&Article::from_text(text), &lexicon());
    analysis
        .quotes
        .iter()
        .map(|q| {
            (
                q.text.clone(),
                q.kind,
                q.speaker.as_ref().map(|s| s.text.clone()),
            )
        })
        .collect()
}

fn has_rule(found: &[(String, String, Voice)], rule: &str, text: &str) -> bool {
    found.iter().any(|(r, t, _)| r == rule && t == text)
}

#[test]
fn title_case_headline_without_articles() {
    let found = findings("Mayor Slams Harbour Plan As Council Doubles Down On Ferry Cuts");
    assert!(
        has_rule(&found, "loaded.slammed", "Slams"),
        "capitalised verbs still match: {found:?}"
    );
    assert!(
        has_rule(&found, "loaded.combative", "Doubles Down"),
        "{found:?}"
    );
}

#[test]
fn headline_scare_quote_and_headline_speaker() {
    // In a title-case headline every word is capitalised, so a quoted phrase in it is
    // still a scare quote, not the title of a work.
    let q = quotes("Council Approves ‘Temporary’ Ferry Tax For Third Year");
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].1, QuoteKind::Scare);
    let q = quotes("Harbour Chief: ‘We Will Not Close The Pier’");
    assert_eq!(q[0].1, QuoteKind::Direct);
    assert_eq!(q[0].2.as_deref(), Some("Harbour Chief"));
}

#[test]
fn wire_service_dateline_and_attribution() {
    let text = "PORTSMOUTH, England (Wire) - The harbour board on Tuesday approved a \
                new ferry timetable, chairwoman Ruth Ellis said, calling the change \
                “a fresh start” for the port.\n\nThe board said fares would not rise this year.";
    let q = quotes(text);
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].1, QuoteKind::Partial, "{q:?}");
    assert_eq!(q[0].2.as_deref(), Some("chairwoman Ruth Ellis"));
    let analysis = analyze_with(
        &Article::from_text(text),
        &lexicon(),
        AnalyzeOptions {
            attributions: true,
            ..AnalyzeOptions::default()
        },
    );
    let cues: Vec<&str> = analysis
        .attributions
        .iter()
        .map(|a| a.cue.text.as_str())
        .collect();
    assert!(cues.contains(&"said"), "{cues:?}");
    assert!(
        analysis
            .findings
            .iter()
            .all(|f| f.category.as_ref() != "scare_quote"),
        "an attributed fragment is not a scare quote: {:?}",
        analysis.findings
    );
}

#[test]
fn pasted_text_with_curly_quotes_and_non_breaking_spaces() {
    let text = "The so\u{2011}called “reforms” were slammed\u{a0}by the opposition.\u{a0}\
                “It is a travesty,” said\u{a0}Maria\u{a0}Lopez, the party’s leader.";
    let found = findings(text);
    assert!(has_rule(&found, "loaded.slammed", "slammed"), "{found:?}");
    assert!(
        found.iter().any(|(r, t, v)| r.starts_with("scare_quote.")
            && t.contains("reforms")
            && *v == Voice::Author),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|(_, t, v)| t == "travesty" && *v == Voice::Quoted),
        "a loaded word inside the quotation is the speaker's: {found:?}"
    );
    let q = quotes(text);
    let direct = q.iter().find(|q| q.0.starts_with("It is"));
    assert_eq!(
        direct.map(|q| (q.1, q.2.clone())),
        Some((QuoteKind::Direct, Some("Maria\u{a0}Lopez".to_string())))
    );
    // Offsets still point into the text exactly as pasted.
    let analysis = analyze(&Article::from_text(text), &lexicon());
    for f in &analysis.findings {
        assert_eq!(text.get(f.start..f.end), Some(f.text.as_str()));
    }
}
