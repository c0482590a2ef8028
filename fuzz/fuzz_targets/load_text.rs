//! Front matter and raw pasted text: any bytes load as an article or give an error.
#![no_main]

use framescope::article::{article_from_bytes, InputFormat, LoadLimits};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(article) = article_from_bytes(data.to_vec(), "fuzz.txt", InputFormat::Text, None, &LoadLimits::default()) {
        // The body is a suffix of the input (after front matter and a BOM).
        assert!(data.ends_with(article.body.as_bytes()));
    }
});
