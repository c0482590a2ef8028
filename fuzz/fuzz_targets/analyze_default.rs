//! The whole analyze path on arbitrary text with the default pack: every span lies on
//! character boundaries inside the text and slices to its own text.
#![no_main]

use std::sync::OnceLock;

use framescope::{analyze, Article, Lexicon};
use libfuzzer_sys::fuzz_target;

fn lexicon() -> &'static Option<Lexicon> {
    static LEXICON: OnceLock<Option<Lexicon>> = OnceLock::new();
    LEXICON.get_or_init(|| Lexicon::default_pack().ok())
}

fuzz_target!(|data: &[u8]| {
    let Some(lexicon) = lexicon() else { return };
    let text = String::from_utf8_lossy(data);
    let analysis = analyze(&Article::from_text(&text), lexicon);
    for f in &analysis.findings {
        assert_eq!(text.get(f.start..f.end), Some(f.text.as_str()));
    }
    for q in &analysis.quotes {
        assert!(q.start < q.end && q.end <= text.len());
        for s in q.speaker.iter().chain(q.cue.iter()) {
            assert_eq!(text.get(s.start..s.end), Some(s.text.as_str()));
        }
    }
});
