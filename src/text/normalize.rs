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

/// Whether normalization keeps `c` as it is.
pub(crate) fn is_kept(c: char) -> bool {
    matches!(fold(c), Fold::Keep)
}

/// Whether an ASCII byte folds to a space (`-` and the ASCII white space that
/// `char::is_whitespace` accepts: tab, line feed, vertical tab, form feed, carriage
/// return, space).
fn is_space_byte(b: u8) -> bool {
    matches!(b, b'-' | b' ' | b'\t'..=b'\r')
}

impl NormalizedText {
    /// Normalizes `original`.
    pub fn new(original: &str) -> Self {
        let bytes = original.as_bytes();
        let mut text = String::with_capacity(original.len());
        // News text shifts about once in 50 to 100 bytes (paragraph breaks, curly
        // apostrophes): room for one in 32 spares the usual run of doublings.
        let mut checkpoints = Vec::with_capacity(original.len() / 32 + 1);
        checkpoints.push((0, 0));
        let mut last_space = false;
        let mut pos = 0;
        while let Some(&b) = bytes.get(pos) {
            // ASCII (most of an English article) without decoding: a run of bytes kept
            // as they are is copied at once; an ASCII space-like byte becomes one space,
            // and only a dropped one shifts offsets.
            // A single plain space stays as it is, so a run goes on through the
            // spaces between words and usually ends only at a line break, a hyphen or
            // a curly quote.
            if b.is_ascii() && (!is_space_byte(b) || (b == b' ' && !last_space)) {
                let mut run = pos;
                let mut space = last_space;
                // Eight bytes at a time while none needs folding: ASCII, no hyphen, no
                // white space but single spaces.
                while let Some(x) = super::ascii_chunk_at(bytes, run) {
                    let spaces = super::bytes_equal(x, b' ');
                    let space_before = (spaces << 8) | if space { 0x80 } else { 0 };
                    let controls =
                        super::bytes_at_least(x, b'\t') & !super::bytes_at_least(x, b'\r' + 1);
                    if (spaces & space_before) | controls | super::bytes_equal(x, b'-') != 0 {
                        break;
                    }
                    space = spaces >> 63 != 0;
                    run += 8;
                }
                while let Some(&c) = bytes.get(run) {
                    if c == b' ' && !space {
                        space = true;
                    } else if c.is_ascii() && !is_space_byte(c) {
                        space = false;
                    } else {
                        break;
                    }
                    run += 1;
                }
                text.push_str(original.get(pos..run).unwrap_or_default());
                last_space = space;
                pos = run;
                continue;
            }
            if b.is_ascii() {
                if last_space {
                    checkpoints.push((text.len(), pos + 1));
                } else {
                    text.push(' ');
                    last_space = true;
                }
                pos += 1;
                continue;
            }
            let Some(c) = original.get(pos..).and_then(|rest| rest.chars().next()) else {
                break;
            };
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
                    checkpoints.push((text.len(), pos + len));
                }
                Fold::Apostrophe => {
                    text.push('\'');
                    last_space = false;
                    checkpoints.push((text.len(), pos + len));
                }
            }
            pos += len;
        }
        NormalizedText { text, checkpoints }
    }

    /// The normalized text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The original offset of the character at normalized offset `pos`.
    pub fn original_offset(&self, pos: usize) -> usize {
        self.offsets().original_offset(pos)
    }

    /// The original byte range of the normalized range `start..end` (end exclusive,
    /// `end > start`), snapped to character boundaries of `original`.
    pub fn original_range(&self, original: &str, start: usize, end: usize) -> (usize, usize) {
        self.offsets().original_range(original, start, end)
    }

    /// A reader of original offsets that is fastest for positions that come nearly in
    /// order, as matches of a left-to-right search do.
    pub fn offsets(&self) -> OriginalOffsets<'_> {
        OriginalOffsets {
            checkpoints: &self.checkpoints,
            at: 0,
        }
    }
}

/// Maps normalized offsets of one [`NormalizedText`] back to the original, remembering
/// the stretch of text it read last (see [`NormalizedText::offsets`]).
#[derive(Debug, Clone)]
pub struct OriginalOffsets<'a> {
    checkpoints: &'a [(usize, usize)],
    /// The checkpoint that starts the stretch read last.
    at: usize,
}

impl OriginalOffsets<'_> {
    /// The original offset of the character at normalized offset `pos`.
    pub fn original_offset(&mut self, pos: usize) -> usize {
        let starts_at = |i: usize| self.checkpoints.get(i).map(|&(n, _)| n);
        let in_stretch = |i: usize| {
            starts_at(i).is_some_and(|n| n <= pos) && starts_at(i + 1).is_none_or(|n| n > pos)
        };
        // The stretch read last or the next one; elsewhere, a binary search.
        if !in_stretch(self.at) {
            self.at = if in_stretch(self.at + 1) {
                self.at + 1
            } else {
                self.checkpoints
                    .partition_point(|&(n, _)| n <= pos)
                    .saturating_sub(1)
            };
        }
        let (n, o) = self.checkpoints.get(self.at).copied().unwrap_or((0, 0));
        o + pos.saturating_sub(n)
    }

    /// The original byte range of the normalized range `start..end` (end exclusive,
    /// `end > start`), snapped to character boundaries of `original`.
    pub fn original_range(&mut self, original: &str, start: usize, end: usize) -> (usize, usize) {
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

/// The spelling two terms share when the term automaton finds one where the other is
/// written: normalized, ASCII letters in lower case.
pub fn term_key(term: &str) -> String {
    normalize_term(term).to_ascii_lowercase()
}

/// Whether [`normalize_term`] leaves `term` as it is, judged cheaply: plain ASCII with
/// no hyphen, no white space but single inner spaces. False for anything else, even
/// where normalizing would change nothing.
pub fn is_plain_term(term: &str) -> bool {
    let bytes = term.as_bytes();
    bytes
        .iter()
        .all(|&b| b.is_ascii() && !matches!(b, b'-' | b'\t'..=b'\r'))
        && !bytes.windows(2).any(|w| w == b"  ")
        && !term.starts_with(' ')
        && !term.ends_with(' ')
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

    /// The normalization as first written, a character at a time: the fast path must
    /// give the same text and checkpoints.
    fn reference(original: &str) -> NormalizedText {
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
                Fold::Space if last_space => checkpoints.push((text.len(), pos + len)),
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

    proptest::proptest! {
        /// Mixed text, and mostly plain ASCII for the eight-bytes-at-once path.
        #[test]
        fn fast_path_matches_reference(
            original in proptest::prop_oneof![
                "([a-zA-Z0-9 ,.'\"\\-]|\\s|[\u{a0}\u{2010}\u{2011}\u{2019}\u{2018}\u{2bc}\u{2032}\u{201c}\u{201d}\u{2014}é€😀\u{2028}\u{3000}\u{b}\u{c}\u{85}\u{1f}]){0,64}",
                "([a-z ]{0,14}[\\-\t\n\r\u{b}’é.]?){0,12}",
            ]
        ) {
            let fast = NormalizedText::new(&original);
            let slow = reference(&original);
            proptest::prop_assert_eq!(&fast.text, &slow.text);
            proptest::prop_assert_eq!(&fast.checkpoints, &slow.checkpoints);
        }

        /// The reader of offsets answers as a binary search over the checkpoints does,
        /// whatever order the positions come in.
        #[test]
        fn offsets_read_in_any_order_agree_with_a_search(
            original in "([a-z ]{0,6}[\\-\n’  ]?){0,20}",
            picks in proptest::collection::vec(0usize..200, 0..40),
        ) {
            let norm = NormalizedText::new(&original);
            let mut offsets = norm.offsets();
            for pick in picks {
                let pos = pick % (norm.text.len() + 1);
                let i = norm.checkpoints.partition_point(|&(n, _)| n <= pos);
                let (n, o) = norm.checkpoints.get(i.wrapping_sub(1)).copied().unwrap_or((0, 0));
                proptest::prop_assert_eq!(offsets.original_offset(pos), o + (pos - n));
            }
        }

        /// A term judged plain is its own normal form.
        #[test]
        fn plain_terms_normalize_to_themselves(
            term in "([a-zA-Z' ]|-|\t|\n|’){0,12}"
        ) {
            if is_plain_term(&term) {
                proptest::prop_assert_eq!(normalize_term(&term), term);
            }
        }
    }

    #[test]
    fn normalizes_terms() {
        assert_eq!(normalize_term(" so-called "), "so called");
        assert_eq!(normalize_term("don’t"), "don't");
        assert_eq!(term_key("Assad  Regime"), "assad regime");
        assert!(is_plain_term("Assad regime"));
        for term in ["Assad  regime", " Assad", "US-backed", "don’t", "a\tb"] {
            assert!(!is_plain_term(term), "{term:?}");
        }
    }
}
