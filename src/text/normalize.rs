//! A normalized view of a text for tolerant literal matching. Curly apostrophes become
//! `'`, hyphens and every kind of white space become one space, and runs of white space
//! collapse. Offsets map back to the original exactly, so findings always point into
//! the text as read.

/// The normalized bytes of a text and the map back to original offsets.
#[derive(Debug, Clone)]
pub struct NormalizedText {
    text: String,
    /// (normalized offset, original offset) at every place where the two shift apart;
    /// between checkpoints the shift is constant.
    checkpoints: Vec<(usize, usize)>,
}

/// What one original character becomes in the normalized text.
enum Fold {
    Keep,
    Space,
    Apostrophe,
}

fn fold(c: char) -> Fold {
    match c {
        '-' | '\u{2010}' | '\u{2011}' => Fold::Space,
        '’' | '‘' | 'ʼ' | '′' => Fold::Apostrophe,
        c if c.is_whitespace() => Fold::Space,
        _ => Fold::Keep,
    }
}

impl NormalizedText {
    /// Normalizes `original`.
    pub fn new(original: &str) -> Self {
        let mut text = String::with_capacity(original.len());
        let mut checkpoints = vec![(0, 0)];
        let mut last_space = false;
        for (pos, c) in original.char_indices() {
            let len = c.len_utf8();
            match fold(c) {
                Fold::Keep => {
                    text.push(c);
                    last_space = false;
                }
                Fold::Space if last_space => {
                    checkpoints.push((text.len(), pos + len));
                }
                Fold::Space => {
                    text.push(' ');
                    last_space = true;
                    if len != 1 {
                        checkpoints.push((text.len(), pos + len));
                    }
                }
                Fold::Apostrophe => {
                    text.push('\'');
                    last_space = false;
                    if len != 1 {
                        checkpoints.push((text.len(), pos + len));
                    }
                }
            }
        }
        NormalizedText { text, checkpoints }
    }

    /// The normalized text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The original offset of the character at normalized offset `pos`.
    pub fn original_offset(&self, pos: usize) -> usize {
        let i = self.checkpoints.partition_point(|&(n, _)| n <= pos);
        let (n, o) = self
            .checkpoints
            .get(i.wrapping_sub(1))
            .copied()
            .unwrap_or((0, 0));
        o + (pos - n)
    }

    /// The original byte range of the normalized range `start..end` (end exclusive,
    /// `end > start`), snapped to character boundaries of `original`.
    pub fn original_range(&self, original: &str, start: usize, end: usize) -> (usize, usize) {
        let o_start = self.original_offset(start);
        let last = self.original_offset(end.saturating_sub(1).max(start));
        let o_end = super::ceil_char_boundary(original, last + 1);
        (super::floor_char_boundary(original, o_start), o_end)
    }
}

/// Normalizes a lexicon term the same way as article text, so the two compare equal.
pub fn normalize_term(term: &str) -> String {
    NormalizedText::new(term.trim()).text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roundtrip(original: &str, needle: &str) -> String {
        let norm = NormalizedText::new(original);
        let start = norm.as_str().find(needle).unwrap_or(0);
        let (s, e) = norm.original_range(original, start, start + needle.len());
        original.get(s..e).unwrap_or("").to_string()
    }

    #[test]
    fn folds_apostrophes_hyphens_and_spaces() {
        let norm = NormalizedText::new("Russia’s  US-trained\u{a0}rebels\n\nsaid");
        assert_eq!(norm.as_str(), "Russia's US trained rebels said");
    }

    #[test]
    fn maps_back_to_original_offsets() {
        assert_eq!(roundtrip("the Assad  regime’s men", "regime's"), "regime’s");
        assert_eq!(
            roundtrip("x US-trained\u{a0}rebels", "trained rebels"),
            "trained\u{a0}rebels"
        );
        assert_eq!(
            roundtrip("a\r\n\r\nwell - known b", "well known"),
            "well - known"
        );
        assert_eq!(roundtrip("plain text", "text"), "text");
    }

    #[test]
    fn normalizes_terms() {
        assert_eq!(normalize_term(" so-called "), "so called");
        assert_eq!(normalize_term("don’t"), "don't");
    }
}
