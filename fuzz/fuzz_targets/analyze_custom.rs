//! Arbitrary lexicon + article pairs: the input is split at the first NUL byte into a
//! category file and an article; whatever compiles is run on the article.
#![no_main]

use framescope::{analyze, Article, Lexicon};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let split = data.iter().position(|b| *b == 0).unwrap_or(data.len());
    let (yaml, rest) = data.split_at(split);
    let Ok(yaml) = std::str::from_utf8(yaml) else { return };
    let text = String::from_utf8_lossy(rest.get(1..).unwrap_or(&[]));
    let manifest = "categories: [doubt, label, scare_quote]\n";
    let Ok(lexicon) = Lexicon::from_files(&[("pack.yaml", manifest), ("fuzz.yaml", yaml)]) else {
        return;
    };
    let analysis = analyze(&Article::from_text(&text), &lexicon);
    for f in &analysis.findings {
        assert_eq!(text.get(f.start..f.end), Some(f.text.as_str()));
    }
});
