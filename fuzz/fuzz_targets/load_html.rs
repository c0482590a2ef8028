//! HTML extraction: any bytes load as an article or give an error, without hanging.
#![no_main]

use framescope::article::{article_from_bytes, InputFormat, LoadLimits};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = article_from_bytes(data.to_vec(), "fuzz.html", InputFormat::Html, None, &LoadLimits::default());
});
