//! Invariants that hold for any text: every finding, quotation, speaker, cue and
//! mention lies inside the body on character boundaries and slices to its own text;
//! lines and columns agree with the offsets; analysis is deterministic.

use framescope::text::LineIndex;
use framescope::{analyze, Article, Lexicon};
use proptest::prelude::*;

fn lexicon() -> &'static Lexicon {
    static LEXICON: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
    LEXICON.get_or_init(|| match Lexicon::default_pack() {
        Ok(l) => l,
        Err(e) => panic!("default pack: {e}"),
    })
}

/// Text built from the pieces that stress the matcher and the quotation detector.
fn newsy_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("the".to_string()),
        Just("regime".to_string()),
        Just("alleged".to_string()),
        Just("so-called".to_string()),
        Just("so called".to_string()),
        Just("said".to_string()),
        Just("according to".to_string()),
        Just("Toner".to_string()),
        Just("“".to_string()),
        Just("”".to_string()),
        Just("\"".to_string()),
        Just("'".to_string()),
        Just("’".to_string()),
        Just("‘".to_string()),
        Just("«".to_string()),
        Just("»".to_string()),
        Just(" ".to_string()),
        Just("\u{a0}".to_string()),
        Just("-".to_string()),
        Just(",".to_string()),
        Just(".".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("\r\n".to_string()),
        Just("READ MORE:".to_string()),
        Just("é".to_string()),
        Just("日本".to_string()),
        "\\PC{0,6}",
    ];
    prop::collection::vec(piece, 0..80).prop_map(|v| v.join(""))
}

fn check(body: &str) -> Result<(), TestCaseError> {
    let analysis = analyze(&Article::from_text(body), lexicon());
    let lines = LineIndex::new(body);
    let slices = |s: usize, e: usize, text: &str| -> Result<(), TestCaseError> {
        prop_assert!(s <= e && e <= body.len(), "{s}..{e} outside {}", body.len());
        prop_assert!(body.is_char_boundary(s) && body.is_char_boundary(e));
        prop_assert_eq!(body.get(s..e), Some(text));
        Ok(())
    };
    for f in &analysis.findings {
        slices(f.start, f.end, &f.text)?;
        prop_assert_eq!(lines.line_column(body, f.start), (f.line, f.column));
    }
    for q in &analysis.quotes {
        prop_assert!(q.start < q.end && q.end <= body.len());
        prop_assert!(body.is_char_boundary(q.start) && body.is_char_boundary(q.end));
        prop_assert!(q.start <= q.content_start && q.content_end <= q.end);
        slices(q.content_start, q.content_end, &q.text)?;
        for span in q.speaker.iter().chain(q.cue.iter()) {
            slices(span.start, span.end, &span.text)?;
        }
    }
    for m in &analysis.mentions {
        slices(m.start, m.end, &m.text)?;
    }
    for r in &analysis.skipped {
        prop_assert!(r.start <= r.end && r.end <= body.len());
    }
    let again = analyze(&Article::from_text(body), lexicon());
    prop_assert_eq!(&again.findings, &analysis.findings);
    prop_assert_eq!(&again.quotes, &analysis.quotes);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, ..ProptestConfig::default() })]

    #[test]
    fn spans_slice_to_their_text_in_newsy_text(body in newsy_text()) {
        check(&body)?;
    }

    #[test]
    fn spans_slice_to_their_text_in_any_text(body in "\\PC*") {
        check(&body)?;
    }
}
