//! The default English pack, compiled into the binary so the tool works with no files
//! beside it. A test checks that every file of `lexicons/en/` is listed here.

/// The files of the embedded default pack, manifest first: (file name, YAML text).
pub const DEFAULT_PACK_FILES: &[(&str, &str)] = &[
    ("pack.yaml", include_str!("../../lexicons/en/pack.yaml")),
    ("loaded.yaml", include_str!("../../lexicons/en/loaded.yaml")),
    ("label.yaml", include_str!("../../lexicons/en/label.yaml")),
    ("doubt.yaml", include_str!("../../lexicons/en/doubt.yaml")),
    ("hedge.yaml", include_str!("../../lexicons/en/hedge.yaml")),
    (
        "vague_source.yaml",
        include_str!("../../lexicons/en/vague_source.yaml"),
    ),
    (
        "attribution.yaml",
        include_str!("../../lexicons/en/attribution.yaml"),
    ),
    (
        "booster.yaml",
        include_str!("../../lexicons/en/booster.yaml"),
    ),
    (
        "scare_quote.yaml",
        include_str!("../../lexicons/en/scare_quote.yaml"),
    ),
    (
        "editorial.yaml",
        include_str!("../../lexicons/en/editorial.yaml"),
    ),
    ("actors.yaml", include_str!("../../lexicons/en/actors.yaml")),
    (
        "boilerplate.yaml",
        include_str!("../../lexicons/en/boilerplate.yaml"),
    ),
    (
        "quotations.yaml",
        include_str!("../../lexicons/en/quotations.yaml"),
    ),
    (
        "stopwords.yaml",
        include_str!("../../lexicons/en/stopwords.yaml"),
    ),
];

/// The embedded files as owned `(name, text)` pairs, named `<default>/FILE` in errors.
pub(crate) fn default_pack_files() -> Vec<(String, String)> {
    DEFAULT_PACK_FILES
        .iter()
        .map(|(name, text)| (format!("<default>/{name}"), text.to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_pack_file_is_embedded() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/lexicons/en");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .map(|rd| {
                rd.filter_map(|e| e.ok())
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .filter(|n| n.ends_with(".yaml"))
                    .collect()
            })
            .unwrap_or_default();
        on_disk.sort();
        let mut embedded: Vec<String> = super::DEFAULT_PACK_FILES
            .iter()
            .map(|(n, _)| n.to_string())
            .collect();
        embedded.sort();
        assert_eq!(on_disk, embedded);
    }
}
