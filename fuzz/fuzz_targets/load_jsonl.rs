//! JSON Lines records: any line parses to an article or an error naming the line.
#![no_main]

use framescope::article::parse_record;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match parse_record(data, "fuzz.jsonl", 7, None) {
        Ok(article) => assert!(!article.body.trim().is_empty()),
        Err(e) => assert_eq!(e.line, Some(7)),
    }
});
