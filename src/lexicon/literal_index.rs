//! Every literal of a lexicon (terms, exception phrases, actor labels, the gates'
//! required literals), indexed for one pass over the normalized text.
//!
//! A literal that starts with a word character can only match where a word starts, and
//! only where the text begins with the literal's head: its first word, and for a literal
//! of several words the separator and the second word too ("the most" of "the most
//! recent"). Those literals are found by looking the one-word and two-word heads at
//! each word start of the text up in a hash table. The cost of a word is one lookup however
//! many literals the lexicon has, and the table stays small enough for the processor's
//! cache (an automaton over ten thousand terms needs tens of megabytes, and its cache
//! misses made the time of a byte grow with the number of terms). The few literals that
//! must also be found inside words or that start with punctuation — the gates' required
//! literals, mostly — go through a small automaton instead.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use rustc_hash::FxHashMap;

use crate::text::is_word_char;

/// The literals of a lexicon and the two ways they are found.
#[derive(Debug, Default)]
pub(crate) struct LiteralIndex {
    /// Each distinct literal, ASCII lower-cased and normalized.
    keys: Vec<String>,
    /// Literals found at word starts, by their first word.
    by_first_word: FxHashMap<Box<[u8]>, FirstWord>,
    /// The longest head (see [`heads`]) of a literal, in bytes: a longer word in the
    /// text starts no literal.
    longest_head: usize,
    /// Literals found anywhere, and which literal each of its patterns is.
    anywhere: Option<(AhoCorasick, Vec<usize>)>,
}

/// The literals that begin with one first word.
#[derive(Debug, Default)]
struct FirstWord {
    /// Literals of that one word (and maybe punctuation after it: "u.s.").
    alone: Vec<usize>,
    /// Literals of several words, by their first two words and what is between them
    /// ("the most" of "the most recent"), so that a frequent first word does not
    /// compare the text with every literal it begins.
    by_two_words: FxHashMap<Box<[u8]>, Vec<usize>>,
}

/// Where a literal was found from, which decides which of its uses apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Found {
    /// At a word start, as the literal's first word.
    AtWordStart,
    /// Anywhere, by the small automaton.
    Anywhere,
}

impl LiteralIndex {
    /// Indexes `keys` (distinct, normalized, ASCII lower-cased); `anywhere[i]` says
    /// whether key `i` must also be found inside words or after punctuation.
    pub fn build(keys: Vec<String>, anywhere: &[bool]) -> Result<LiteralIndex, String> {
        let mut by_first_word: FxHashMap<Box<[u8]>, FirstWord> = FxHashMap::default();
        let mut longest_head = 0;
        let mut anywhere_keys = Vec::new();
        let mut anywhere_ids = Vec::new();
        for (i, key) in keys.iter().enumerate() {
            if anywhere.get(i).copied().unwrap_or(false) {
                anywhere_keys.push(key.as_str());
                anywhere_ids.push(i);
            }
            if !key.chars().next().is_some_and(is_word_char) {
                continue;
            }
            let (one, two) = heads(key, 0, key.len());
            longest_head = longest_head.max(two.unwrap_or(one).len());
            let first = by_first_word.entry(one.as_bytes().into()).or_default();
            match two {
                Some(two) => first
                    .by_two_words
                    .entry(two.as_bytes().into())
                    .or_default()
                    .push(i),
                None => first.alone.push(i),
            }
        }
        let anywhere = if anywhere_keys.is_empty() {
            None
        } else {
            let automaton = AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .kind(Some(AhoCorasickKind::DFA))
                .build(&anywhere_keys)
                .map_err(|e| format!("cannot build the literal matcher: {e}"))?;
            Some((automaton, anywhere_ids))
        };
        Ok(LiteralIndex {
            keys,
            by_first_word,
            longest_head,
            anywhere,
        })
    }

    /// Whether there is nothing to find.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The literals, as indexed.
    #[cfg(test)]
    pub fn keys(&self) -> &[String] {
        &self.keys
    }

    /// Calls `visit(literal, start, end, found)` for occurrences of literals in `text`
    /// (normalized), matching ASCII letters without case: anywhere for the literals
    /// marked so when built, and for those that start with a word character, every
    /// occurrence at a word start that ends at a word end or with a non-word character
    /// (and maybe a few that do not: callers check the end). An occurrence can be
    /// reported both ways.
    pub fn occurrences(&self, text: &str, mut visit: impl FnMut(usize, usize, usize, Found)) {
        if let Some((automaton, ids)) = &self.anywhere {
            for hit in automaton.find_overlapping_iter(text) {
                if let Some(&literal) = ids.get(hit.pattern().as_usize()) {
                    visit(literal, hit.start(), hit.end(), Found::Anywhere);
                }
            }
        }
        if self.by_first_word.is_empty() {
            return;
        }
        let bytes = text.as_bytes();
        let mut folded: Vec<u8> = Vec::with_capacity(self.longest_head);
        let mut compare = |candidates: &[usize], start: usize| {
            for &literal in candidates {
                let Some(key) = self.keys.get(literal) else {
                    continue;
                };
                let end = start + key.len();
                if bytes
                    .get(start..end)
                    .is_some_and(|found| found.eq_ignore_ascii_case(key.as_bytes()))
                {
                    visit(literal, start, end, Found::AtWordStart);
                }
            }
        };
        let mut pos = 0;
        // Each word is read from its start to its end, so every word character met
        // between words starts one.
        while let Some((start, one_end)) = next_word(text, pos) {
            pos = one_end;
            if one_end - start > self.longest_head {
                continue;
            }
            fold_into(&mut folded, text.get(start..one_end).unwrap_or(""));
            let Some(first) = self.by_first_word.get(folded.as_slice()) else {
                continue;
            };
            compare(&first.alone, start);
            if first.by_two_words.is_empty() {
                continue;
            }
            if let (_, Some(two)) = heads(text, start, self.longest_head) {
                fold_into(&mut folded, two);
                if let Some(candidates) = first.by_two_words.get(folded.as_slice()) {
                    compare(candidates, start);
                }
            }
        }
    }
}

/// `head` with its ASCII letters lower-cased, in `buffer`.
fn fold_into(buffer: &mut Vec<u8>, head: &str) {
    buffer.clear();
    buffer.extend(head.bytes().map(|b| b.to_ascii_lowercase()));
}

/// Whether an ASCII byte is a word character, or (`None`) the byte starts a character
/// beyond ASCII that must be decoded.
fn ascii_word_byte(b: u8) -> Option<bool> {
    b.is_ascii().then_some(b.is_ascii_alphanumeric())
}

/// The word character at byte `pos` of `text` and its length, or `None` if the
/// character there is not one.
fn word_char_at(text: &str, pos: usize) -> Option<usize> {
    let b = *text.as_bytes().get(pos)?;
    match ascii_word_byte(b) {
        Some(true) => Some(1),
        Some(false) => None,
        None => {
            let c = text.get(pos..)?.chars().next()?;
            is_word_char(c).then(|| c.len_utf8())
        }
    }
}

/// The end of the run of word characters of `text` starting at byte `start`.
fn word_end(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let mut end = start;
    loop {
        // ASCII letters and digits, most of a word, a byte at a time.
        while bytes
            .get(end)
            .is_some_and(|&b| ascii_word_byte(b) == Some(true))
        {
            end += 1;
        }
        match word_char_at(text, end) {
            Some(len) => end += len,
            None => return end,
        }
    }
}

/// The next word of `text` at or after byte `from` (a character boundary), as its start
/// and end.
fn next_word(text: &str, from: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut pos = from;
    loop {
        let b = *bytes.get(pos)?;
        match ascii_word_byte(b) {
            Some(true) => break,
            Some(false) => pos += 1,
            None => {
                let c = text.get(pos..)?.chars().next()?;
                if is_word_char(c) {
                    break;
                }
                pos += c.len_utf8();
            }
        }
    }
    Some((pos, word_end(text, pos)))
}

/// The heads of `text` at the word start `start`: its first word, and when a second
/// word follows, the first word, the characters between and the second word (when no
/// longer than `limit` bytes). A literal matches at `start` only if the text's head of
/// the same shape equals the literal's own: the characters between the words are all
/// the non-word characters there, in both.
fn heads(text: &str, start: usize, limit: usize) -> (&str, Option<&str>) {
    let one_end = word_end(text, start);
    let one = text.get(start..one_end).unwrap_or("");
    let mut gap_end = one_end;
    while gap_end - start <= limit {
        let Some(&b) = text.as_bytes().get(gap_end) else {
            return (one, None);
        };
        if word_char_at(text, gap_end).is_some() {
            break;
        }
        gap_end += match ascii_word_byte(b) {
            Some(_) => 1,
            None => text
                .get(gap_end..)
                .and_then(|r| r.chars().next())
                .map_or(1, char::len_utf8),
        };
    }
    if gap_end == one_end || gap_end - start > limit {
        return (one, None);
    }
    (one, text.get(start..word_end(text, gap_end)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The (literal, start, end) occurrences reported in `text`.
    fn found(keys: &[&str], anywhere: &[bool], text: &str) -> Vec<(String, usize, usize)> {
        let keys: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
        let index = match LiteralIndex::build(keys.clone(), anywhere) {
            Ok(index) => index,
            Err(e) => panic!("{e}"),
        };
        let mut out = Vec::new();
        index.occurrences(text, |literal, start, end, _| {
            out.push((keys[literal].clone(), start, end));
        });
        out.sort();
        out
    }

    #[test]
    fn literals_of_several_words_are_found_by_their_first_two() {
        let keys = [
            "mr. smith",
            "the most recent",
            "the most",
            "café au lait",
            "regime",
        ];
        let text = "Mr. Smith said the MOST recent café au lait regime, not Mr.Smith.";
        let hits: Vec<String> = found(&keys, &[false; 5], text)
            .into_iter()
            .map(|(k, s, e)| format!("{k}@{}", &text[s..e]))
            .collect();
        assert_eq!(
            hits,
            vec![
                "café au lait@café au lait",
                "mr. smith@Mr. Smith",
                "regime@regime",
                "the most@the MOST",
                "the most recent@the MOST recent",
            ]
        );
    }

    #[test]
    fn only_word_starts_unless_found_anywhere() {
        // "ever" inside "however" is found only when the literal is marked anywhere;
        // "#metoo" starts with punctuation, so only the automaton can find it.
        let keys = ["ever", "#metoo"];
        let text = "however, #MeToo ever";
        assert_eq!(
            found(&keys, &[false, false], text),
            vec![("ever".to_string(), 16, 20)]
        );
        assert_eq!(
            found(&keys, &[true, true], text),
            vec![
                ("#metoo".to_string(), 9, 15),
                ("ever".to_string(), 3, 7),
                ("ever".to_string(), 16, 20),
                ("ever".to_string(), 16, 20),
            ]
        );
    }
}
