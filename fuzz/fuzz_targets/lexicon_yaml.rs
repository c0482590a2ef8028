//! Lexicon YAML: any file is compiled or rejected with an error naming the file.
#![no_main]

use framescope::Lexicon;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(yaml) = std::str::from_utf8(data) else { return };
    let manifest = "categories: [doubt, label, scare_quote]\n";
    if let Err(e) = Lexicon::from_files(&[("pack.yaml", manifest), ("fuzz.yaml", yaml)]) {
        assert!(e.file == "fuzz.yaml" || e.file == "pack.yaml" || e.file == "<lexicon>", "{e}");
    }
});
