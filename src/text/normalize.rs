//! Normalization for tolerant literal matching. Curly apostrophes read as `'`, hyphens
//! and every kind of white space as one space, and runs of white space as one.
//!
//! Lexicon terms are normalized as strings ([`normalize_term`]). Article text is not
//! copied into normal form: the term automaton reads a run of spaces as one and ASCII
//! letters without case, and [`walk_bytes`] gives it the text with each character
//! beyond ASCII that folds already folded, at the same offsets, so that findings point
//! into the text as read.

use std::borrow::Cow;

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

/// Whether normalization turns `c` into a space (a hyphen or white space).
pub(crate) fn folds_to_space(c: char) -> bool {
    matches!(fold(c), Fold::Space)
}

/// Whether `c` normalized is a word character ([`crate::text::is_word_char`]): an
/// apostrophe or a space that `c` folds to is not.
pub(crate) fn is_word_char_normalized(c: char) -> bool {
    is_kept(c) && super::is_word_char(c)
}

/// Whether an ASCII byte folds to a space (`-` and the ASCII white space that
/// `char::is_whitespace` accepts: tab, line feed, vertical tab, form feed, carriage
/// return, space).
pub(crate) fn is_space_byte(b: u8) -> bool {
    matches!(b, b'-' | b' ' | b'\t'..=b'\r')
}

/// The normal form of `text`: borrowed when it is already in it.
pub fn normalize(text: &str) -> Cow<'_, str> {
    if is_plain_term(text) {
        return Cow::Borrowed(text);
    }
    let mut normal = String::with_capacity(text.len());
    let mut last_space = false;
    for c in text.chars() {
        match fold(c) {
            Fold::Keep => {
                normal.push(c);
                last_space = false;
            }
            Fold::Space if last_space => {}
            Fold::Space => {
                normal.push(' ');
                last_space = true;
            }
            Fold::Apostrophe => {
                normal.push('\'');
                last_space = false;
            }
        }
    }
    Cow::Owned(normal)
}

/// Stands, in [`walk_bytes`], for the bytes of a folded character after its first: the
/// term automaton reads past it as if it were not there. No UTF-8 text holds it.
pub(crate) const IGNORED: u8 = 0xFF;

/// The bytes the term automaton reads for `text`: `text` itself, or, when it holds
/// characters beyond ASCII that fold (curly apostrophes, Unicode spaces and hyphens),
/// a copy of the same length in which each such character's first byte is its fold
/// (`'` or a space) and its other bytes are [`IGNORED`]. Offsets are the text's.
pub(crate) fn walk_bytes(text: &str) -> Cow<'_, [u8]> {
    let bytes = text.as_bytes();
    let mut copy: Option<Vec<u8>> = None;
    let mut pos = 0;
    while let Some(at) = next_non_ascii(bytes, pos) {
        let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        let len = c.len_utf8();
        let first = match fold(c) {
            Fold::Keep => None,
            Fold::Space => Some(b' '),
            Fold::Apostrophe => Some(b'\''),
        };
        if let Some(first) = first {
            let copy = copy.get_or_insert_with(|| bytes.to_vec());
            if let Some(folded) = copy.get_mut(at..at + len) {
                folded.fill(IGNORED);
                if let Some(lead) = folded.first_mut() {
                    *lead = first;
                }
            }
        }
        pos = at + len;
    }
    copy.map_or(Cow::Borrowed(bytes), Cow::Owned)
}

/// The offset of the first byte beyond ASCII in `bytes[from..]`, read 32 bytes at a
/// time (a loop the compiler turns into vector instructions).
fn next_non_ascii(bytes: &[u8], from: usize) -> Option<usize> {
    const CHUNK: usize = 32;
    let mut pos = from;
    while let Some(chunk) = bytes
        .get(pos..)
        .and_then(|rest| rest.first_chunk::<CHUNK>())
    {
        if chunk.iter().fold(0, |acc, &b| acc | b).is_ascii() {
            pos += CHUNK;
        } else {
            break;
        }
    }
    bytes
        .get(pos..)?
        .iter()
        .position(|b| !b.is_ascii())
        .map(|i| pos + i)
}

/// Normalizes a lexicon term the same way as article text, so the two compare equal.
pub fn normalize_term(term: &str) -> String {
    normalize(term.trim()).into_owned()
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

    #[test]
    fn folds_apostrophes_hyphens_and_spaces() {
        let text = "Russia’s  US-trained\u{a0}rebels\n\nsaid";
        assert_eq!(normalize(text), "Russia's US trained rebels said");
        assert!(matches!(normalize("plain text"), Cow::Borrowed(_)));
    }

    #[test]
    fn walk_bytes_fold_in_place() {
        let text = "it’s\u{a0}US\u{2010}led";
        let bytes = walk_bytes(text);
        assert_eq!(bytes.len(), text.len());
        let expected: Vec<u8> = [
            b"it'".as_slice(),
            &[IGNORED; 2],
            b"s ",
            &[IGNORED],
            b"US ",
            &[IGNORED; 2],
            b"led",
        ]
        .concat();
        assert_eq!(bytes.as_ref(), expected.as_slice());
        // Text with nothing beyond ASCII to fold is read as it is.
        assert!(matches!(
            walk_bytes("a “quoted” café - word\n"),
            Cow::Borrowed(_)
        ));
    }

    /// The automaton's reading of `walk_bytes`: ignored bytes skipped, and a run of
    /// space bytes read as one space.
    fn read_as_automaton(bytes: &[u8]) -> Vec<u8> {
        let mut read = Vec::new();
        for &b in bytes.iter().filter(|&&b| b != IGNORED) {
            if is_space_byte(b) {
                if read.last() != Some(&b' ') {
                    read.push(b' ');
                }
            } else {
                read.push(b);
            }
        }
        read
    }

    proptest::proptest! {
        /// Read as the term automaton reads them, the bytes of any text are its normal
        /// form; and they keep the text's length, so offsets need no mapping.
        #[test]
        fn walk_bytes_read_as_the_normal_form(
            text in proptest::prop_oneof![
                "([a-zA-Z0-9 ,.'\"\\-]|\\s|[\u{a0}\u{2010}\u{2011}\u{2019}\u{2018}\u{2bc}\u{2032}\u{201c}\u{201d}\u{2014}é€😀\u{2028}\u{3000}\u{b}\u{c}\u{85}\u{1f}]){0,64}",
                "([a-z ]{0,40}[\\-\t\n\r\u{b}’é.]?){0,12}",
            ]
        ) {
            let bytes = walk_bytes(&text);
            proptest::prop_assert_eq!(bytes.len(), text.len());
            let normal = normalize(&text);
            proptest::prop_assert_eq!(read_as_automaton(&bytes), normal.as_bytes());
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
