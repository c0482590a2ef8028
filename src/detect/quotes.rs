//! The quotation detector: pairs quote marks within paragraphs (straight, curly,
//! guillemets, nested singles; a quotation continued across paragraphs the English
//! way), then looks around each quotation for an attribution cue and a speaker, and
//! classifies it:
//! - **direct**: attributed speech ("...," Toner said);
//! - **partial**: a quoted fragment embedded in an attributed sentence;
//! - **scare**: a short quotation nobody is said to have said.
//!
//! A scare quote is exactly the quotation for which the search for a speaker comes back
//! empty (the textacy/Citron view of attribution, inverted).

use serde::Serialize;

use crate::lexicon::{CueKind, Lexicon};
use crate::text::{ceil_char_boundary, count_words, floor_char_boundary, is_word_char, LineIndex};

/// How a quotation is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QuoteKind {
    /// Attributed speech.
    Direct,
    /// A short fragment inside an attributed sentence.
    Partial,
    /// A short quoted phrase with no speaker, distancing the writer from a term.
    Scare,
}

impl QuoteKind {
    /// `direct`, `partial` or `scare`.
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Partial => "partial",
            QuoteKind::Scare => "scare",
        }
    }
}

/// A span of the body with its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TextSpan {
    /// Byte offset.
    pub start: usize,
    /// Byte offset just past the span.
    pub end: usize,
    /// `body[start..end]`.
    pub text: String,
}

/// One quotation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quotation {
    /// Byte offset of the opening mark.
    pub start: usize,
    /// Byte offset just past the closing mark (or the end of the paragraph when the
    /// quotation is never closed).
    pub end: usize,
    /// How it is used.
    pub kind: QuoteKind,
    /// Who is said to have said it.
    pub speaker: Option<TextSpan>,
    /// The attribution cue (`said`, `according to`).
    pub cue: Option<TextSpan>,
    /// The quoted words, without the marks.
    pub text: String,
    /// The quoted words, without the marks.
    #[serde(skip)]
    pub content_start: usize,
    /// End of the quoted words.
    #[serde(skip)]
    pub content_end: usize,
    /// How many words are quoted ([`count_words`] of the quoted words).
    #[serde(skip)]
    pub words: usize,
}

/// `text` in lower case, borrowed when it is already (most words of running text).
fn lowercase(text: &str) -> std::borrow::Cow<'_, str> {
    if text
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        std::borrow::Cow::Borrowed(text)
    } else if text.is_ascii() {
        std::borrow::Cow::Owned(text.to_ascii_lowercase())
    } else {
        std::borrow::Cow::Owned(text.to_lowercase())
    }
}

/// Longest word [`with_lower`] lower-cases on the stack; longer ones are copied.
const STACK_WORD: usize = 32;

/// Calls `f` with `word` in lower case, the text [`lowercase`] gives: a short ASCII
/// word (nearly every word the speaker search compares with its word lists) is
/// lower-cased in a buffer on the stack rather than a new string.
fn with_lower<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; STACK_WORD];
    // A word in lower case already is borrowed as it is.
    if word.is_ascii() && word.bytes().any(|b| b.is_ascii_uppercase()) {
        if let Some(lower) = buf.get_mut(..word.len()) {
            lower.copy_from_slice(word.as_bytes());
            lower.make_ascii_lowercase();
            if let Ok(lower) = std::str::from_utf8(lower) {
                return f(lower);
            }
        }
    }
    f(&lowercase(word))
}

/// Longest word a [`WordSet`] holds, in bytes: a word is looked up packed in a `u128`.
const KEY_BYTES: usize = 16;

/// A word in lower case packed into an integer, a [`WordSet`] lookup key: its bytes
/// big-endian, padded with zeros, so that keys order as the words do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct WordKey(u128);

impl WordKey {
    /// The key of `word` in lower case (the text [`lowercase`] gives), or `None` when no
    /// set can hold it: longer than a key, ending in a NUL (the padding), or lower-cased
    /// beyond ASCII. An ASCII word (nearly every one) is lower-cased in the integer, all
    /// its bytes at once.
    fn of(word: &str) -> Option<WordKey> {
        /// The lowest bit of every byte.
        const ONES: u128 = u128::MAX / 255;
        /// The highest bit of every byte.
        const HIGH: u128 = ONES << 7;
        let bytes = word.as_bytes();
        let mut buf = [0u8; KEY_BYTES];
        if let Some(head) = buf.get_mut(..bytes.len()) {
            head.copy_from_slice(bytes);
            let x = u128::from_be_bytes(buf);
            if x & HIGH == 0 {
                // The high bit of each byte from 'A' to 'Z' (no byte carries into the
                // next), moved down to the bit that makes it lower case.
                let upper = (x + ONES * 0x3F) & !(x + ONES * 0x25) & HIGH;
                return (bytes.last() != Some(&0)).then_some(WordKey(x | upper >> 2));
            }
        } else if word.is_ascii() {
            return None;
        }
        // Beyond ASCII a letter may lower-case to a plain one (the Kelvin sign to k):
        // Unicode lower-casing a character at a time, as `str::to_lowercase` does for
        // every character but a final sigma, which stays beyond ASCII either way.
        let mut buf = [0u8; KEY_BYTES];
        let mut len = 0;
        for lower in word.chars().flat_map(char::to_lowercase) {
            let slot = buf.get_mut(len).filter(|_| lower.is_ascii())?;
            *slot = u8::try_from(lower).ok()?;
            len += 1;
        }
        if len > 0 && buf.get(len - 1) == Some(&0) {
            return None;
        }
        Some(WordKey(u128::from_be_bytes(buf)))
    }

    /// [`WordKey::of`] for the words of a [`WordSet`], checked when compiled.
    const fn of_listed(word: &str) -> WordKey {
        let bytes = word.as_bytes();
        assert!(!bytes.is_empty() && bytes.len() <= KEY_BYTES);
        let mut key = 0u128;
        let mut i = 0;
        while i < KEY_BYTES {
            key <<= 8;
            if i < bytes.len() {
                let b = bytes[i];
                assert!(b.is_ascii() && !b.is_ascii_uppercase() && b != 0);
                key |= b as u128;
            }
            i += 1;
        }
        WordKey(key)
    }
}

/// A set of lower-case ASCII words (see [`word_set!`]): a lookup packs the word once and
/// binary-searches integers, where comparing strings would cost a call at every probe;
/// words longer than the longest in the set are turned away unread.
struct WordSet {
    /// The words' keys, in order.
    keys: &'static [WordKey],
    /// The words as listed, which the tests compare the keys with.
    #[cfg(test)]
    words: &'static [&'static str],
    /// Length of the longest word, in bytes.
    longest: usize,
}

impl WordSet {
    /// The keys of `words` in order, found when the program is compiled.
    const fn sorted_keys<const N: usize>(words: &[&str]) -> [WordKey; N] {
        let mut keys = [WordKey(0); N];
        let mut i = 0;
        while i < N {
            // An insertion sort: the lists are short and sorted once.
            let key = WordKey::of_listed(words[i]);
            let mut j = i;
            while j > 0 && keys[j - 1].0 > key.0 {
                keys[j] = keys[j - 1];
                j -= 1;
            }
            keys[j] = key;
            i += 1;
        }
        keys
    }

    /// Length of the longest of `words`.
    const fn longest(words: &[&str]) -> usize {
        let (mut longest, mut i) = (0, 0);
        while i < words.len() {
            if words[i].len() > longest {
                longest = words[i].len();
            }
            i += 1;
        }
        longest
    }

    /// Whether `word` in lower case is in the set.
    #[inline]
    fn contains(&self, word: &str) -> bool {
        // Lower-casing never shortens an ASCII word.
        if word.len() > self.longest && word.is_ascii() {
            return false;
        }
        self.contains_key(WordKey::of(word))
    }

    /// Whether the word of `key` (from [`WordKey::of`]) is in the set: for a word looked
    /// up in several sets.
    fn contains_key(&self, key: Option<WordKey>) -> bool {
        key.is_some_and(|key| self.keys.binary_search(&key).is_ok())
    }
}

/// A [`WordSet`] of the listed lower-case ASCII words, in any order.
macro_rules! word_set {
    [$($word:literal),* $(,)?] => {{
        const WORDS: &[&str] = &[$($word),*];
        const KEYS: [WordKey; WORDS.len()] = WordSet::sorted_keys(WORDS);
        WordSet {
            keys: &KEYS,
            #[cfg(test)]
            words: WORDS,
            longest: WordSet::longest(WORDS),
        }
    }};
}

/// Whether a lower-case word is an adverb in -ly ("angrily", not "family").
fn is_ly_adverb(lower: &str) -> bool {
    lower.len() > 4 && lower.ends_with("ly") && !NOT_ADVERBS.contains(lower)
}

/// Largest distance, in bytes, searched for a cue on either side of a quotation.
const WINDOW: usize = 400;
/// Largest number of words in a single-quoted passage; longer pairs are apostrophes
/// that happened to line up.
const MAX_SINGLE_QUOTE_WORDS: usize = 40;
/// Largest nesting depth tracked.
const MAX_DEPTH: usize = 8;

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: WordSet = word_set![
    "adm", "aug", "capt", "cmdr", "co", "col", "corp", "dec", "dr", "etc", "feb", "ft", "gen",
    "gens", "gov", "inc", "jan", "jr", "lt", "ltd", "mr", "mrs", "ms", "mt", "no", "nov", "oct",
    "prof", "rep", "reps", "rev", "sen", "sens", "sept", "sgt", "sr", "st", "vs",
];

/// Capitalized words that open sentences and are never part of a speaker's name.
const NOT_NAMES: WordSet = word_set![
    "after",
    "also",
    "although",
    "and",
    "as",
    "asked",
    "at",
    "because",
    "before",
    "but",
    "by",
    "earlier",
    "for",
    "from",
    "here",
    "however",
    "if",
    "in",
    "indeed",
    "instead",
    "last",
    "later",
    "meanwhile",
    "now",
    "of",
    "on",
    "or",
    "since",
    "so",
    "speaking",
    "still",
    "that",
    "then",
    "there",
    "these",
    "this",
    "those",
    "though",
    "to",
    "when",
    "while",
    "with",
    "without",
    "yet",
];

/// Words that can stand between a speaker and the speech verb ("the ministry has
/// repeatedly said", "the department continues to insist").
const AUXILIARIES: WordSet = word_set![
    "to",
    "has",
    "have",
    "had",
    "was",
    "were",
    "is",
    "are",
    "also",
    "continues",
    "continued",
    "continue",
    "repeatedly",
    "later",
    "then",
    "again",
    "once",
    "would",
    "will",
    "did",
    "does",
    "do",
    "not",
    "never",
    "previously",
    "already",
    "publicly",
    "privately",
    "flatly",
    "last",
    "week",
    "month",
    "year",
    "yesterday",
    "today",
    "tonight",
    "recently",
    "now",
    "itself",
    "himself",
    "herself",
    "themselves",
    "been",
    "first",
    "quickly",
    "immediately",
    // Floating quantifiers: "they have all said", "the senators both said".
    "all",
    "both",
];

/// Words that open a noun phrase like a determiner ("most voters", "some officials").
const QUANTIFIERS: WordSet = word_set![
    "most", "many", "some", "all", "both", "several", "few", "other", "each", "every", "numerous",
    "half", "these", "those", "this", "that", "one", "another", "any",
];

/// Words before a speech verb whose subject stands further back ("who said", "and
/// told", "by saying", "when asked").
const SUBJECT_ELSEWHERE: WordSet =
    word_set!["who", "which", "and", "but", "by", "when", "after", "while", "before", "percent",];

/// Forms of "be" before a passive attribution ("is expected to").
const BE_FORMS: WordSet = word_set!["is", "are", "was", "were", "be", "been", "being", "widely"];

/// Words that open the reported clause after a speech verb ("said that", "asked
/// whether").
const REPORTED_CLAUSE_OPENERS: WordSet = word_set!["that", "whether", "if", "why", "how", "what"];

/// Lower-case words in -ly that are not adverbs.
const NOT_ADVERBS: WordSet = word_set![
    "ally", "family", "rally", "supply", "assembly", "monopoly", "anomaly", "bully", "belly",
    "reply", "jelly", "folly", "lily", "holly", "july", "italy",
];

const PRONOUNS: WordSet = word_set!["he", "she", "they", "we", "i", "it", "you"];

const POSSESSIVE_PRONOUNS: WordSet = word_set!["his", "her", "their", "its", "our", "my"];

/// Lower-case words that cannot end or sit inside a speaker noun phrase.
const NOT_NOUN_HEADS: WordSet = word_set![
    "that",
    "which",
    "who",
    "whom",
    "what",
    "when",
    "where",
    "why",
    "how",
    "and",
    "or",
    "but",
    "if",
    "as",
    "than",
    "then",
    "so",
    "because",
    "while",
    "of",
    "in",
    "on",
    "at",
    "for",
    "with",
    "by",
    "from",
    "to",
    "into",
    "about",
    "after",
    "before",
    "over",
    "under",
    "also",
    "only",
    "just",
    "even",
    "still",
    "very",
    "more",
    "most",
    "much",
    "many",
    "there",
    "here",
    "this",
    "these",
    "those",
    "not",
    "no",
    "all",
    "some",
    "any",
    "each",
    "every",
    "other",
    "both",
    "being",
    "say",
    "says",
    "said",
    "him",
    "them",
    "us",
    "me",
    "last",
    "week",
    "month",
    "year",
    "yesterday",
    "today",
    "tonight",
    "recently",
    "now",
    "itself",
    "himself",
    "herself",
    "themselves",
    "ago",
    "today",
    "yesterday",
    "tomorrow",
    "tonight",
    "week",
    "year",
    "month",
    "day",
    "time",
    "way",
];
/// Determiners and possessives that open a noun phrase.
const DETERMINERS: WordSet = word_set!["a", "an", "her", "his", "its", "our", "the", "their"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MarkClass {
    Double,
    Single,
    Guillemet,
}

#[derive(Debug, Clone, Copy)]
struct Open {
    class: MarkClass,
    pos: usize,
    len: usize,
}

#[derive(Debug, Clone, Copy)]
struct Pair {
    start: usize,
    end: usize,
    content_start: usize,
    content_end: usize,
    depth: usize,
    class: MarkClass,
}

fn prev_char(text: &str, pos: usize) -> Option<char> {
    text.get(..pos)?.chars().next_back()
}

fn next_char(text: &str, pos: usize) -> Option<char> {
    text.get(pos..)?.chars().next()
}

fn opens_like(prev: Option<char>, next: Option<char>) -> bool {
    let prev_ok = prev.is_none_or(|c| {
        c.is_whitespace()
            || matches!(
                c,
                '(' | '[' | '{' | '—' | '–' | '-' | '/' | '“' | '‘' | '"' | '\'' | '«' | ':'
            )
    });
    prev_ok && next.is_some_and(|c| !c.is_whitespace())
}

fn closes_like(prev: Option<char>, next: Option<char>) -> bool {
    let prev_ok = prev.is_some_and(|c| !c.is_whitespace());
    prev_ok && next.is_none_or(|c| !is_word_char(c))
}

/// Whether the line break at `pos` ends a paragraph: a blank line follows, or the
/// line before it ends a sentence. Otherwise it is a soft wrap inside a sentence.
fn is_paragraph_break(text: &str, pos: usize) -> bool {
    // The next line is blank: only white space before its line break or the end (read
    // up to the first other character, not the whole line).
    let next = match ascii_past_space(text.as_bytes(), pos + 1) {
        Some((at, next)) => {
            let gap = text.as_bytes().get(pos + 1..at).unwrap_or_default();
            if gap.contains(&b'\n') {
                Some('\n')
            } else {
                next
            }
        }
        None => text
            .get(pos + 1..)
            .unwrap_or("")
            .chars()
            .find(|&c| c == '\n' || !c.is_whitespace()),
    };
    if next.is_none_or(|c| c == '\n') {
        return true;
    }
    let (before, last) = match ascii_before_space(text.as_bytes(), pos) {
        Some((len, last)) => (text.get(..len).unwrap_or(""), last),
        None => {
            let before = text.get(..pos).unwrap_or("").trim_end();
            (before, before.chars().next_back())
        }
    };
    last.is_none_or(|c| {
        matches!(
            c,
            '.' | '!' | '?' | ':' | '"' | '”' | '’' | '\'' | '»' | ')'
        ) || before.len() < 60 && !before.contains(' ')
    })
}

/// Pairs quote marks. Returns every pair, nested ones included (with their depth).
fn pair_marks(text: &str, lines: &LineIndex) -> Vec<Pair> {
    let bytes = text.as_bytes();
    let mut pairs = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    let mut skip_open_at: Option<usize> = None;
    // The bytes that can matter: straight marks, the first byte of every curly mark,
    // dash and guillemet (0xE2, 0xC2), and line breaks, which matter only while a
    // quotation is open.
    let mut straight = NextMatch::new(|i| find_from(bytes, i, |h| memchr::memchr2(b'"', b'\'', h)));
    let mut curly = NextMatch::new(|i| find_from(bytes, i, |h| memchr::memchr2(0xE2, 0xC2, h)));
    let mut breaks = LineBreaks::new(text, lines);
    let mut i = 0;
    while i < bytes.len() {
        let mark = straight.from(i).min(curly.from(i));
        i = if stack.is_empty() {
            mark
        } else {
            mark.min(breaks.from(i))
        };
        let Some(c) = next_char(text, i) else {
            i += 1;
            continue;
        };
        // Two apostrophes stand for a double quote mark in typewriter and wire-archive
        // text (''like this''); paired as singles, a possessive inside ("Jones' plan")
        // would end the quotation early.
        let (c, len) = if c == '\'' && is_double_apostrophe(text, i) {
            ('"', 2)
        } else {
            (c, c.len_utf8())
        };
        if c == '\n' {
            if !stack.is_empty() && is_paragraph_break(text, i) {
                end_paragraph(text, i, &mut stack, &mut pairs, &mut skip_open_at);
            }
            i += len;
            continue;
        }
        if skip_open_at == Some(i) {
            skip_open_at = None;
            i += len;
            continue;
        }
        let prev = prev_char(text, i);
        let next = next_char(text, i + len);
        let open_like = opens_like(prev, next);
        let close_like = closes_like(prev, next);
        let has_open = |stack: &[Open], class: MarkClass| stack.iter().any(|o| o.class == class);
        match c {
            '"' | '“' | '”' | '„' => {
                let double_open = has_open(&stack, MarkClass::Double);
                let closing = match c {
                    '„' => false,
                    '“' => double_open && close_like && !open_like,
                    '”' => double_open || !open_like,
                    _ => double_open && (close_like || !open_like),
                };
                if closing {
                    if double_open {
                        close(&mut stack, &mut pairs, MarkClass::Double, i, len);
                    }
                } else if open_like || c != '"' {
                    if double_open {
                        // An opener while one is open: the earlier one was never closed.
                        stack.retain(|o| o.class != MarkClass::Double);
                    }
                    push(&mut stack, MarkClass::Double, i, len);
                }
            }
            '«' => push(&mut stack, MarkClass::Guillemet, i, len),
            '»' if has_open(&stack, MarkClass::Guillemet) => {
                close(&mut stack, &mut pairs, MarkClass::Guillemet, i, len);
            }
            '‘' | '’' | '\'' => {
                let inside_word = prev.is_some_and(is_word_char) && next.is_some_and(is_word_char);
                let single_on_top = stack.last().is_some_and(|o| o.class == MarkClass::Single);
                if inside_word {
                    // An apostrophe: don't, Russia's.
                } else if single_on_top && close_like && c != '‘' {
                    close(&mut stack, &mut pairs, MarkClass::Single, i, len);
                } else if c != '’' && open_like && next.is_some_and(is_word_char) {
                    push(&mut stack, MarkClass::Single, i, len);
                }
            }
            _ => {}
        }
        i += len;
    }
    end_paragraph(text, text.len(), &mut stack, &mut pairs, &mut skip_open_at);
    pairs.retain(|p| {
        p.class != MarkClass::Single
            || text
                .get(p.content_start..p.content_end)
                .is_some_and(|t| crate::text::words(t).nth(MAX_SINGLE_QUOTE_WORDS).is_none())
    });
    pairs.sort_by_key(|p| (p.start, std::cmp::Reverse(p.end)));
    pairs
}

/// Whether the apostrophe at `pos` opens a pair of two ('') standing for a double mark.
fn is_double_apostrophe(text: &str, pos: usize) -> bool {
    text.get(pos..).is_some_and(|t| t.starts_with("''"))
}

fn push(stack: &mut Vec<Open>, class: MarkClass, pos: usize, len: usize) {
    if stack.len() < MAX_DEPTH {
        stack.push(Open { class, pos, len });
    }
}

fn close(stack: &mut Vec<Open>, pairs: &mut Vec<Pair>, class: MarkClass, pos: usize, len: usize) {
    let Some(idx) = stack.iter().rposition(|o| o.class == class) else {
        return;
    };
    // Single quotes left open inside the closed one were apostrophes.
    stack.truncate(idx + 1);
    if let Some(open) = stack.pop() {
        pairs.push(Pair {
            start: open.pos,
            end: pos + len,
            content_start: open.pos + open.len,
            content_end: pos,
            depth: idx,
            class,
        });
    }
}

/// At a paragraph end, a double quotation still open continues when the next paragraph
/// opens with a quote mark; otherwise it ends with the paragraph. Open singles were
/// apostrophes.
fn end_paragraph(
    text: &str,
    pos: usize,
    stack: &mut Vec<Open>,
    pairs: &mut Vec<Pair>,
    skip_open_at: &mut Option<usize>,
) {
    stack.retain(|o| o.class != MarkClass::Single);
    if stack.is_empty() {
        return;
    }
    let rest = text.get(pos..).unwrap_or("");
    let trimmed = rest.trim_start();
    let next_open = pos + (rest.len() - trimmed.len());
    if (trimmed.starts_with(['"', '“', '«']) || trimmed.starts_with("''")) && stack.len() == 1 {
        *skip_open_at = Some(next_open);
        return;
    }
    let para_end = text.get(..pos).map_or(pos, |t| t.trim_end().len());
    for (depth, open) in stack.drain(..).enumerate() {
        if para_end > open.pos + open.len {
            pairs.push(Pair {
                start: open.pos,
                end: para_end,
                content_start: open.pos + open.len,
                content_end: para_end,
                depth,
                class: open.class,
            });
        }
    }
}

/// Sentence starts of the text, treating quotations as opaque: a full stop inside a
/// quotation ends the sentence only when the quotation itself ends one.
fn sentence_starts(text: &str, lines: &LineIndex, quotes: &[Pair]) -> Vec<usize> {
    let bytes = text.as_bytes();
    // Room for a sentence every hundred bytes or so, so that the list seldom grows.
    let mut starts = Starts(Vec::with_capacity(bytes.len() / 100 + 1));
    starts.add(0);
    let mut q = 0;
    let mut i = 0;
    // Full stops are searched for by themselves, the rarer marks of exclamation and
    // question together, so that most searches look for one byte.
    let mut breaks = LineBreaks::new(text, lines);
    let mut stops = NextMatch::new(|i| find_from(bytes, i, |h| memchr::memchr(b'.', h)));
    let mut cries = NextMatch::new(|i| find_from(bytes, i, |h| memchr::memchr2(b'!', b'?', h)));
    while i < bytes.len() {
        // Jump to the next byte that can matter: a sentence mark, a line break or the
        // next quotation.
        let quote_at = quotes.get(q).map_or(bytes.len(), |p| p.start.max(i));
        i = stops
            .from(i)
            .min(cries.from(i))
            .min(breaks.from(i))
            .min(quote_at);
        if i >= bytes.len() {
            break;
        }
        if let Some(p) = quotes.get(q) {
            if i >= p.start {
                let inner = text
                    .get(p.content_start..p.content_end)
                    .unwrap_or("")
                    .trim_end();
                if inner.ends_with(['.', '!', '?']) && starts_new_sentence(text, p.end) {
                    starts.add(skip_space(text, p.end));
                }
                i = p.end.max(i + 1);
                q += 1;
                continue;
            }
        }
        match bytes.get(i) {
            Some(b'.' | b'!' | b'?') => {
                let mut j = i + 1;
                while matches!(bytes.get(j), Some(b'.' | b'!' | b'?' | b')' | b'"' | b'\'')) {
                    j += 1;
                }
                if starts_new_sentence(text, j) && !is_abbreviation(text, i) {
                    starts.add(skip_space(text, j));
                }
                i = j;
            }
            Some(b'\n') => {
                // A start already past this break (found at the paragraph's last full
                // stop, or at the break before a blank line) is the only one it could
                // add: the white space between was skipped to find it.
                if !starts.past(i) && is_paragraph_break(text, i) {
                    starts.add(skip_space(text, i + 1));
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    starts.sorted()
}

/// Sentence starts as they are found: in text order, each at or after the last, so
/// that a repeat (a full stop, then a line break before the same sentence) is dropped
/// as it comes, and the list needs no sort unless a start ever comes out of order.
struct Starts(Vec<usize>);

impl Starts {
    fn add(&mut self, start: usize) {
        if self.0.last() != Some(&start) {
            self.0.push(start);
        }
    }

    /// Whether the last start found lies after `pos`.
    fn past(&self, pos: usize) -> bool {
        self.0.last().is_some_and(|&last| last > pos)
    }

    /// The starts, sorted, without repeats.
    fn sorted(mut self) -> Vec<usize> {
        if !self.0.is_sorted() {
            self.0.sort_unstable();
            self.0.dedup();
        }
        self.0
    }
}

/// Where `find` (the first match in a haystack) first matches in `bytes` at or after
/// `from`, or the end.
fn find_from(bytes: &[u8], from: usize, find: impl Fn(&[u8]) -> Option<usize>) -> usize {
    find(bytes.get(from..).unwrap_or_default()).map_or(bytes.len(), |k| from + k)
}

/// The next match at or after a growing offset of a search (`find`, the first match at
/// or after an offset, or the end), searched again only once passed: a scan that
/// stops at several kinds of byte, interleaved, reads each stretch once per kind
/// instead of at every stop.
struct NextMatch<F> {
    at: usize,
    find: F,
}

impl<F: Fn(usize) -> usize> NextMatch<F> {
    fn new(find: F) -> Self {
        NextMatch { at: find(0), find }
    }

    /// The first match at or after `i`, `i` never less than the last one asked for.
    fn from(&mut self, i: usize) -> usize {
        if self.at < i {
            self.at = (self.find)(i);
        }
        self.at
    }
}

/// The line breaks of a text in order, read from its line index a line at a time
/// without a search, for a scan whose offsets only grow.
struct LineBreaks<'a> {
    text: &'a str,
    lines: &'a LineIndex,
    /// The 1-based line that the break at `at` ends.
    line: usize,
    at: usize,
}

impl<'a> LineBreaks<'a> {
    fn new(text: &'a str, lines: &'a LineIndex) -> Self {
        let mut breaks = LineBreaks {
            text,
            lines,
            line: 1,
            at: 0,
        };
        breaks.at = breaks.ending(1);
        breaks
    }

    /// The line break ending 1-based `line`, or the end of the text.
    fn ending(&self, line: usize) -> usize {
        self.lines
            .line_range(self.text, line + 1)
            .map_or(self.text.len(), |next| next.start - 1)
    }

    /// The first line break at or after `i` (or the end), `i` never less than the last
    /// one asked for.
    fn from(&mut self, i: usize) -> usize {
        while self.at < i && self.at < self.text.len() {
            self.line += 1;
            self.at = self.ending(self.line);
        }
        self.at
    }
}

/// The sentence holding byte `pos`, from the sorted sentence `starts` of a text of
/// `len` bytes: where it starts, and where the next one starts (or the end).
fn sentence_around(starts: &[usize], pos: usize, len: usize) -> (usize, usize) {
    let next = starts.partition_point(|&s| s <= pos);
    (
        starts.get(next.wrapping_sub(1)).copied().unwrap_or(0),
        starts.get(next).copied().unwrap_or(len),
    )
}

/// The first byte at or after `pos` that is not white space (or the end).
fn skip_space(text: &str, pos: usize) -> usize {
    if let Some((at, _)) = ascii_past_space(text.as_bytes(), pos) {
        return at;
    }
    let rest = text.get(pos..).unwrap_or("");
    pos + (rest.len() - rest.trim_start().len())
}

/// Whether a sentence starts after `pos`: white space there, then a capital, a digit, a
/// quote mark or a bracket (or nothing).
fn starts_new_sentence(text: &str, pos: usize) -> bool {
    let opens = |c: char| {
        // The quote marks first: they need no Unicode tables.
        matches!(c, '"' | '“' | '‘' | '\'' | '«' | '(') || c.is_uppercase() || c.is_numeric()
    };
    if let Some((at, next)) = ascii_past_space(text.as_bytes(), pos) {
        return !(at == pos && next.is_some()) && next.is_none_or(opens);
    }
    let rest = text.get(pos..).unwrap_or("");
    let trimmed = rest.trim_start();
    if trimmed.len() == rest.len() && !rest.is_empty() {
        return false;
    }
    trimmed.chars().next().is_none_or(opens)
}

/// The commonest case around sentence marks and line breaks, read as bytes: white
/// space in ASCII from `pos` on, then an ASCII character that is not white space (or
/// the end). Returns where that character is, and the character; `None` when a byte
/// beyond ASCII comes first, which only decoding can tell from white space.
fn ascii_past_space(bytes: &[u8], pos: usize) -> Option<(usize, Option<char>)> {
    let mut at = pos;
    loop {
        let Some(&b) = bytes.get(at) else {
            return Some((at, None));
        };
        if !b.is_ascii() {
            return None;
        }
        let c = char::from(b);
        if !c.is_whitespace() {
            return Some((at, Some(c)));
        }
        at += 1;
    }
}

/// [`ascii_past_space`] read backwards from `pos`: the length of the text before `pos`
/// without the white space that ends it, and its last character (`None` when nothing
/// is left); `None` when a byte beyond ASCII comes first.
fn ascii_before_space(bytes: &[u8], pos: usize) -> Option<(usize, Option<char>)> {
    // Past the end, no text is before `pos` (as `text.get(..pos)` reads it).
    let mut len = if pos <= bytes.len() { pos } else { 0 };
    loop {
        let Some(&b) = len.checked_sub(1).and_then(|i| bytes.get(i)) else {
            return Some((0, None));
        };
        if !b.is_ascii() {
            return None;
        }
        let c = char::from(b);
        if !c.is_whitespace() {
            return Some((len, Some(c)));
        }
        len -= 1;
    }
}

fn is_abbreviation(text: &str, dot: usize) -> bool {
    let before = text.get(..dot).unwrap_or("");
    // The run of letters and dots that ends at the full stop, read without copying: as
    // bytes back to the first ASCII byte outside it, decoded only when a letter of
    // another script may continue it.
    let bytes = before.as_bytes();
    let mut start = bytes.len();
    let mut dotted = false;
    for &b in bytes.iter().rev() {
        if b == b'.' {
            dotted = true;
        } else if !b.is_ascii_alphabetic() {
            break;
        }
        start -= 1;
    }
    if start
        .checked_sub(1)
        .and_then(|i| bytes.get(i))
        .is_some_and(|b| !b.is_ascii())
    {
        start = before
            .char_indices()
            .rev()
            .take_while(|&(_, c)| c.is_alphabetic() || c == '.')
            .last()
            .map_or(before.len(), |(i, _)| i);
        dotted = before.get(start..).is_some_and(|w| w.contains('.'));
    }
    // "U.S.", "a.m.": dots in the run; without, the run is the word's letters.
    if dotted {
        return true;
    }
    let word = before.get(start..).unwrap_or("");
    let mut chars = word.chars();
    let single = chars.next().is_some() && chars.next().is_none();
    single || ABBREVIATIONS.contains(word)
}

/// A word of the text with its byte range.
#[derive(Debug, Clone, Copy)]
struct Token<'a> {
    start: usize,
    end: usize,
    text: &'a str,
}

/// Words of `text[from..to]` (letters, digits, and inner apostrophes, hyphens and dots),
/// with the punctuation that separates them reported as `None`.
fn tokens(text: &str, from: usize, to: usize) -> Vec<Option<Token<'_>>> {
    let mut out = Vec::with_capacity(token_capacity(from, to));
    tokens_into(text, from, to, &mut out, |_, t| t);
    out
}

/// Room for the tokens of `from..to` up front, so that the vector is not grown a
/// doubling at a time (running text has a token every five bytes or so).
fn token_capacity(from: usize, to: usize) -> usize {
    to.saturating_sub(from) / 4
}

/// The tokens of [`tokens`], each passed with the byte where it starts through `make`.
/// A joining mark (`'`, `’`, `-`, `.`) belongs to a word only between two word
/// characters of the slice, so the reading is the same from either end.
fn tokens_into<'a, T>(
    text: &'a str,
    from: usize,
    to: usize,
    out: &mut Vec<T>,
    make: impl Fn(usize, Option<Token<'a>>) -> T,
) {
    let Some(slice) = text.get(from..to) else {
        return;
    };
    let bytes = slice.as_bytes();
    let char_at = |i: usize| -> Option<(char, usize)> {
        let b = *bytes.get(i)?;
        if b.is_ascii() {
            return Some((char::from(b), 1));
        }
        let c = slice.get(i..)?.chars().next()?;
        Some((c, c.len_utf8()))
    };
    let mut word_start: Option<usize> = None;
    let mut i = 0;
    while let Some((c, len)) = char_at(i) {
        let in_word = is_word_char(c)
            || (matches!(c, '\'' | '’' | '-' | '.')
                && word_start.is_some()
                && char_at(i + len).is_some_and(|(n, _)| is_word_char(n)));
        if in_word {
            word_start.get_or_insert(i);
            // The ASCII letters and digits that follow stay in the word: step over them
            // a byte at a time, without decoding.
            i += len;
            while bytes.get(i).is_some_and(u8::is_ascii_alphanumeric) {
                i += 1;
            }
            continue;
        } else {
            if let Some(s) = word_start.take() {
                out.push(make(
                    from + s,
                    slice.get(s..i).map(|t| Token {
                        start: from + s,
                        end: from + i,
                        text: t,
                    }),
                ));
            }
            if !c.is_whitespace() {
                out.push(make(from + i, None));
            }
        }
        i += len;
    }
    if let Some(s) = word_start {
        out.push(make(
            from + s,
            slice.get(s..).map(|t| Token {
                start: from + s,
                end: to,
                text: t,
            }),
        ));
    }
}

struct Context<'a> {
    text: &'a str,
    lexicon: &'a Lexicon,
    /// Line starts, so that finding the line or paragraph around a quotation does not
    /// scan back through the text (a pasted page can be one enormous line).
    lines: &'a LineIndex,
    /// Every token of the text with the byte where it starts, found once when many
    /// windows will be read (attributions look around every speech verb); the windows
    /// are cut from it.
    all_tokens: Option<Vec<(usize, Option<Token<'a>>)>>,
}

#[derive(Debug, Clone, Copy)]
struct Cue {
    start: usize,
    end: usize,
    kind: CueKind,
}

impl<'a> Context<'a> {
    fn new(text: &'a str, lexicon: &'a Lexicon, lines: &'a LineIndex) -> Self {
        Context {
            text,
            lexicon,
            lines,
            all_tokens: None,
        }
    }

    /// A context that tokenizes the whole text up front, for callers that read a
    /// window around most words.
    fn with_token_index(text: &'a str, lexicon: &'a Lexicon, lines: &'a LineIndex) -> Self {
        let mut all_tokens = Vec::with_capacity(text.len() / 5);
        tokens_into(text, 0, text.len(), &mut all_tokens, |at, t| (at, t));
        Context {
            text,
            lexicon,
            lines,
            all_tokens: Some(all_tokens),
        }
    }

    /// The same as `tokens(self.text, from, to)`; with the token index, cheaper: a
    /// slice cut at a white-space character reads the same on both sides of the cut, so
    /// only the ends before the first and after the last white space are read again.
    fn tokens(&self, from: usize, to: usize) -> Vec<Option<Token<'a>>> {
        let (Some(all_tokens), Some(window)) = (&self.all_tokens, self.text.get(from..to)) else {
            return tokens(self.text, from, to);
        };
        let (Some(first), Some(last)) = (
            window.find(char::is_whitespace),
            window.rfind(char::is_whitespace),
        ) else {
            return tokens(self.text, from, to);
        };
        let (a, b) = (from + first, from + last);
        let mut out = Vec::with_capacity(token_capacity(from, to));
        tokens_into(self.text, from, a, &mut out, |_, t| t);
        let lo = all_tokens.partition_point(|&(at, _)| at < a);
        let hi = all_tokens.partition_point(|&(at, _)| at < b);
        out.extend(
            all_tokens
                .get(lo..hi)
                .unwrap_or_default()
                .iter()
                .map(|&(_, t)| t),
        );
        tokens_into(self.text, b, to, &mut out, |_, t| t);
        out
    }

    /// The cue words of `from..to`, found as they are read, so that a caller wanting
    /// only the first does not search the rest.
    fn cues(&self, from: usize, to: usize) -> impl Iterator<Item = Cue> + 'a {
        let m = &self.lexicon.matchers;
        let window = m.cues.as_ref().zip(self.text.get(from..to));
        window.into_iter().flat_map(move |(ac, window)| {
            ac.find_iter(window)
                .filter(move |h| {
                    let before = prev_char(window, h.start());
                    let after = next_char(window, h.end());
                    // "so-called", "so\u{2011}called" (a non-breaking hyphen from a web page).
                    let joins =
                        |c: char| is_word_char(c) || matches!(c, '-' | '\u{2010}' | '\u{2011}');
                    !before.is_some_and(joins) && !after.is_some_and(joins)
                })
                .filter_map(move |h| {
                    Some(Cue {
                        start: from + h.start(),
                        end: from + h.end(),
                        kind: *m.cue_kinds.get(h.pattern().as_usize())?,
                    })
                })
        })
    }

    fn is_speaker_noun(&self, word: &str) -> bool {
        let speakers = &self.lexicon.matchers.speakers;
        with_lower(word, |lower| {
            speakers.contains(lower)
                || lower
                    .strip_suffix('s')
                    .is_some_and(|s| speakers.contains(s))
                || lower
                    .strip_suffix("’s")
                    .or(lower.strip_suffix("'s"))
                    .is_some_and(|s| speakers.contains(s))
        })
    }

    fn is_name_word(&self, word: &str) -> bool {
        // The capital first: most words have none, and need no word list.
        word.chars().next().is_some_and(char::is_uppercase) && {
            let key = WordKey::of(word);
            !NOT_NAMES.contains_key(key) && !DETERMINERS.contains_key(key)
        }
    }

    fn span(&self, start: usize, end: usize) -> Option<TextSpan> {
        Some(TextSpan {
            start,
            end,
            text: self.text.get(start..end)?.to_string(),
        })
    }

    /// The speaker phrase ending just before `pos` (skipping an appositive set off by
    /// commas), within `floor..pos`.
    fn speaker_before(&self, floor: usize, pos: usize) -> Option<TextSpan> {
        self.speaker_before_with(floor, pos, None)
    }

    /// [`Self::speaker_before`], given the tokens of `floor..pos` when the caller has
    /// them already, to use unless a parenthetical moves the end of the window.
    fn speaker_before_with(
        &self,
        floor: usize,
        pos: usize,
        window: Option<&[Option<Token<'a>>]>,
    ) -> Option<TextSpan> {
        // "Rep. Ana Ruiz (D-Ore.) said": step over a closing parenthetical.
        let slice = self.text.get(floor..pos).unwrap_or("").trim_end();
        let end = match slice.strip_suffix(')').and_then(|t| t.rfind('(')) {
            Some(open) if slice.len() - open <= 40 => floor + open,
            _ => pos,
        };
        let read;
        let toks = match window {
            Some(toks) if end == pos => toks,
            _ => {
                read = self.tokens(floor, end);
                &read
            }
        };
        let mut end_idx = toks.len();
        let appositive = toks.last().is_some_and(|t| t.is_none());
        // "X, the spokesman, said": skip the appositive back to the earlier comma.
        if appositive {
            // The last two punctuation marks, read from the end.
            let mut commas = toks
                .iter()
                .enumerate()
                .rev()
                .filter(|(_, t)| t.is_none())
                .map(|(i, _)| i);
            let last = commas.next()?;
            let earlier = commas.next();
            let start = earlier.map_or(0, |e| e + 1);
            let appositive_len = last.saturating_sub(start);
            if !(1..=14).contains(&appositive_len) {
                return None;
            }
            end_idx = earlier?;
        }
        if toks.last().is_some_and(|t| t.is_some()) {
            let mut skipped = 0;
            while skipped < 4 {
                let Some(tok) = end_idx.checked_sub(1).and_then(|i| toks.get(i)) else {
                    break;
                };
                let Some(tok) = tok else {
                    // "X, the city's auditor, has said": after the auxiliaries comes the
                    // comma closing an appositive, which the search steps over.
                    let first_skipped = toks.get(end_idx).copied().flatten();
                    return match first_skipped {
                        Some(t) if skipped > 0 => self.speaker_before(floor, t.start),
                        _ => None,
                    };
                };
                // "the senator angrily said": an adverb in -ly also stands between.
                let between = with_lower(tok.text, |lower| {
                    AUXILIARIES.contains(lower) || is_ly_adverb(lower)
                });
                if !between {
                    break;
                }
                end_idx -= 1;
                skipped += 1;
            }
        }
        let mut first = end_idx;
        let mut has_head = false;
        for idx in (0..end_idx).rev() {
            let Some(Some(tok)) = toks.get(idx) else {
                break;
            };
            // "his remarks", "their statement": a possessive right before a noun of
            // speech is its speaker.
            if idx + 1 == end_idx && {
                let key = WordKey::of(tok.text);
                PRONOUNS.contains_key(key) || POSSESSIVE_PRONOUNS.contains_key(key)
            } {
                first = idx;
                has_head = true;
                break;
            }
            if self.is_name_word(tok.text) || self.is_speaker_noun(tok.text) {
                first = idx;
                has_head = true;
            } else if has_head && DETERMINERS.contains(tok.text) {
                first = idx;
                break;
            } else {
                break;
            }
        }
        if !has_head {
            // A bare noun phrase is trusted only right before the verb, not across an
            // appositive, where it is as likely the object of an earlier clause.
            if appositive {
                return None;
            }
            first = self.noun_phrase_start(toks, end_idx)?;
        }
        let start = toks.get(first).copied().flatten()?.start;
        let end = toks.get(end_idx.checked_sub(1)?).copied().flatten()?.end;
        self.span(start, end)
    }

    /// "her brief, pointed reply", "the mayor's first public statement": the possessor
    /// opening the noun phrase of a noun of speech, over at most three modifiers (commas
    /// between them allowed), within the last `FRAME_WINDOW` bytes before `pos`.
    fn possessor_of_noun(&self, floor: usize, pos: usize) -> Option<TextSpan> {
        let start = frame_start(self.text, floor, pos, FRAME_WINDOW);
        let toks = tokens(self.text, start, pos);
        let mut modifiers = 0;
        for (idx, tok) in toks.iter().enumerate().rev() {
            let Some(tok) = tok else { continue };
            let lower = lowercase(tok.text);
            if POSSESSIVE_PRONOUNS.contains(&lower) {
                return (modifiers > 0)
                    .then(|| self.span(tok.start, tok.end))
                    .flatten();
            }
            if lower.ends_with("'s") || lower.ends_with("’s") {
                return (modifiers > 0)
                    .then(|| {
                        self.speaker_before(floor, toks.get(idx + 1).copied().flatten()?.start)
                    })
                    .flatten();
            }
            let modifier = tok.text.chars().all(|c| c.is_lowercase() || c == '-')
                && !NOT_NOUN_HEADS.contains(&lower)
                && !DETERMINERS.contains(&lower);
            modifiers += 1;
            if !modifier || modifiers > 3 {
                return None;
            }
        }
        None
    }

    /// "a statement by the council", "as described by the inspector": the agent named
    /// after "by" right after the cue, within `cue_end..to`.
    /// At most two words and punctuation may stand before "by" ("repeated twice, by").
    fn agent_after(&self, cue_end: usize, to: usize) -> Option<TextSpan> {
        let limit = floor_char_boundary(self.text, to.min(cue_end + AGENT_WINDOW));
        let mut words = 0;
        for tok in tokens(self.text, cue_end, limit).iter().take(5) {
            match tok {
                Some(t) if t.text == "by" => return self.speaker_after(t.end, to),
                Some(_) if words < 2 => words += 1,
                Some(_) => return None,
                None => {}
            }
        }
        None
    }

    /// "a study that found", "the senator, who believes": the antecedent of a relative
    /// pronoun right before `pos` is the speaker of the clause it opens.
    fn relative_clause_speaker(&self, floor: usize, pos: usize) -> Option<TextSpan> {
        let before = self.text.get(floor..pos)?.trim_end();
        let toks = tokens(self.text, floor, floor + before.len());
        let mut idx = toks.len().checked_sub(1)?;
        // "who has long believed": auxiliaries and adverbs between pronoun and verb.
        while toks
            .get(idx)
            .copied()
            .flatten()
            .is_some_and(|t| AUXILIARIES.contains(t.text))
        {
            idx = idx.checked_sub(1)?;
        }
        let pronoun = toks.get(idx).copied().flatten()?;
        if !matches!(lowercase(pronoun.text).as_ref(), "who" | "that" | "which") {
            return None;
        }
        let antecedent_end = self
            .text
            .get(floor..pronoun.start)?
            .trim_end()
            .trim_end_matches(',')
            .len();
        self.speaker_before(floor, floor + antecedent_end)
    }

    /// "the new city manager said", "the city's auditors said": a phrase of at most
    /// five words ending at `end_idx`, opened by a determiner or a possessive, whose
    /// last word is a lower-case noun-like word. Returns the index of its first token.
    fn noun_phrase_start(&self, toks: &[Option<Token<'_>>], end_idx: usize) -> Option<usize> {
        let head_idx = end_idx.checked_sub(1)?;
        let head = toks.get(head_idx).copied().flatten()?;
        let head_lower = lowercase(head.text);
        let wordlike = |t: &str| t.chars().all(|c| c.is_alphabetic() || c == '-');
        let head_ok = wordlike(head.text)
            && head.text.chars().next().is_some_and(char::is_lowercase)
            && !NOT_NOUN_HEADS.contains(&head_lower)
            && !AUXILIARIES.contains(&head_lower)
            && !DETERMINERS.contains(&head_lower);
        if !head_ok {
            return None;
        }
        // "critics say", "polls show": a bare plural noun is a speaker by itself.
        let mut anchored = head_lower.len() > 3
            && head_lower.ends_with('s')
            && !head_lower.ends_with("ss")
            && !head_lower.ends_with("us")
            && !head_lower.ends_with("is");
        let mut start = head_idx;
        let mut modifiers_from = head_idx;
        for idx in (head_idx.saturating_sub(5)..head_idx).rev() {
            let Some(tok) = toks.get(idx).copied().flatten() else {
                break;
            };
            let lower = lowercase(tok.text);
            if DETERMINERS.contains(&lower) || QUANTIFIERS.contains(&lower) {
                return Some(idx);
            }
            if lower.ends_with("'s") || lower.ends_with("’s") || self.is_name_word(tok.text) {
                // "the city's auditors", "the Lopez campaign": a possessive or a
                // name anchors the phrase; a determiner may still precede it.
                anchored = true;
                start = idx;
                modifiers_from = idx;
                continue;
            }
            if NOT_NOUN_HEADS.contains(&lower)
                || PRONOUNS.contains(&lower)
                || AUXILIARIES.contains(&lower)
                || !wordlike(tok.text)
            {
                break;
            }
            // A modifier ("angry voters"): kept only when something anchors the phrase.
            modifiers_from = idx;
        }
        anchored.then_some(start.min(modifiers_from))
    }

    /// The speaker phrase starting just after `pos`, within `pos..ceiling`.
    fn speaker_after(&self, pos: usize, ceiling: usize) -> Option<TextSpan> {
        let toks = self.tokens(pos, ceiling);
        let mut start = None;
        let mut end = None;
        let mut leading = 0;
        for tok in toks.iter().take(10) {
            let Some(tok) = tok else { break };
            let (pronoun, linking, that) = with_lower(tok.text, |lower| {
                (
                    PRONOUNS.contains(lower),
                    matches!(lower, "of" | "for" | "at"),
                    lower == "that",
                )
            });
            let head = self.is_name_word(tok.text)
                || self.is_speaker_noun(tok.text)
                || (start.is_none() && pronoun);
            if head {
                start.get_or_insert(tok.start);
                end = Some(tok.end);
                if pronoun {
                    break;
                }
            } else if end.is_some() {
                if linking {
                    continue;
                }
                break;
            } else {
                leading += 1;
                if leading > 3 || that {
                    return None;
                }
                start.get_or_insert(tok.start);
            }
        }
        self.span(start?, end?)
    }
}

/// The quotations of a text, and the sentence starts found with them.
#[derive(Debug)]
pub struct Detected {
    /// The quotations, in text order.
    pub quotes: Vec<Quotation>,
    /// Where the text's sentences start, with the quotations opaque; attributing scare
    /// quotes needs them again (see [`attribute_scare_quotes`]).
    pub sentence_starts: Vec<usize>,
}

/// Detects and classifies the quotations of `text`.
pub fn detect(text: &str, lexicon: &Lexicon, lines: &LineIndex) -> Detected {
    let all = pair_marks(text, lines);
    let top: Vec<Pair> = all
        .iter()
        .copied()
        .filter(|p| p.depth == 0)
        .filter(|p| {
            text.get(p.content_start..p.content_end)
                .is_some_and(|t| t.chars().any(is_word_char))
        })
        .collect();
    let starts = sentence_starts(text, lines, &top);
    let ctx = Context::new(text, lexicon, lines);
    let scare_max = lexicon.quotations().scare_max_words;
    let mut out: Vec<Quotation> = Vec::with_capacity(top.len());
    for (qi, q) in top.iter().enumerate() {
        let (sentence_start, _) = sentence_around(&starts, q.start, text.len());
        let (_, sentence_end) = sentence_around(&starts, q.end.saturating_sub(1), text.len());
        let floor = sentence_start.max(q.start.saturating_sub(WINDOW));
        let ceiling = sentence_end.min(q.end + WINDOW);
        // Gaps between quotations, so cue words inside other quotations don't count.
        let prev_end = qi
            .checked_sub(1)
            .and_then(|i| top.get(i))
            .map_or(0, |p| p.end);
        let next_start = top.get(qi + 1).map_or(text.len(), |p| p.start);

        let dash_limit = floor_char_boundary(text, next_start.min(q.end + 120));
        let (speaker, cue) = dash_speaker(&ctx, q.end, dash_limit)
            .or_else(|| attribute_after(&ctx, q.end, ceiling.min(next_start)))
            .or_else(|| attribute_before(&ctx, &top, qi, floor, q.start, prev_end))
            .or_else(|| colon_speaker(&ctx, sentence_start.max(prev_end), q.start))
            .or_else(|| named_utterance(&ctx, floor.max(prev_end), q, next_start))
            .map_or((None, None), |(s, c)| (s, Some(c)));
        let content = text.get(q.content_start..q.content_end).unwrap_or("");
        let words = count_words(content);
        let before = text.get(sentence_start..q.start).unwrap_or("").trim_end();
        let embedded = before.chars().any(is_word_char) && !before.ends_with([':', ',']);
        let complete = content.trim_end().ends_with(['.', '!', '?']);
        let (kind, speaker, cue) = match cue {
            Some(cue) if embedded => (QuoteKind::Partial, speaker, Some(cue)),
            Some(cue) => (QuoteKind::Direct, speaker, Some(cue)),
            None if words <= scare_max
                && !complete
                && (!is_title(content) || in_title_case_line(text, ctx.lines, q.start, q.end)) =>
            {
                if after_so_called(text, q.start) {
                    (QuoteKind::Scare, None, None)
                } else if let Some(speaker) =
                    // The subject opens the sentence, possibly before earlier quotations.
                    continued_speaker(&ctx, &out, sentence_start, q.start)
                {
                    (QuoteKind::Partial, Some(speaker), None)
                } else if regarding_frame(&ctx, sentence_start.max(prev_end), q.start)
                    || someones_words(&ctx, q, sentence_start.max(prev_end), next_start)
                {
                    (QuoteKind::Partial, None, None)
                } else {
                    (QuoteKind::Scare, None, None)
                }
            }
            None => {
                // A long quotation with no cue of its own continues the speech of the
                // quotation before it in the same or previous paragraph.
                let inherited = out
                    .last()
                    .filter(|p| p.kind != QuoteKind::Scare && q.start - p.end < WINDOW)
                    .and_then(|p| p.speaker.clone());
                let kind = if embedded && words <= scare_max * 3 && inherited.is_none() {
                    QuoteKind::Partial
                } else {
                    QuoteKind::Direct
                };
                (kind, inherited, None)
            }
        };
        out.push(Quotation {
            start: q.start,
            end: q.end,
            kind,
            speaker,
            cue,
            text: content.to_string(),
            content_start: q.content_start,
            content_end: q.content_end,
            words,
        });
    }
    share_coordinated_attribution(text, &mut out);
    Detected {
        quotes: out,
        sentence_starts: starts,
    }
}

/// Closing quotation marks.
const QUOTE_CLOSERS: &[char] = &['"', '”', '’', '\'', '»'];

/// The longest line read as a possible title-case headline.
const MAX_HEADLINE_BYTES: usize = 1_000;

/// Short words a title leaves in lower case ("Profiles in Courage").
const TITLE_SMALL_WORDS: WordSet = word_set![
    "a", "an", "the", "of", "for", "and", "or", "nor", "but", "in", "on", "at", "to", "by", "with",
    "from", "as", "vs", "de", "la", "el", "y",
];

/// Whether quoted words look like the title or name of something (“The Harbour Hour”,
/// “Songs for a Summer Night”, “NATO”) rather than a phrase held at a distance: two or more
/// words, each capitalised except short function words; or one acronym.
fn is_title(content: &str) -> bool {
    let words: Vec<&str> = crate::text::words(content).collect();
    let capitalised = |w: &str| {
        w.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_numeric())
    };
    match words.as_slice() {
        [] => false,
        [one] => {
            one.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && !one.chars().any(char::is_lowercase)
        }
        [first, rest @ ..] => {
            capitalised(first)
                && rest
                    .iter()
                    .all(|w| capitalised(w) || TITLE_SMALL_WORDS.contains(w))
        }
    }
}

/// Whether the line around a quotation is itself in title case (a headline such as
/// "Council Approves ‘Temporary’ Tax"), where capitals say nothing about a title.
fn in_title_case_line(text: &str, lines: &LineIndex, start: usize, end: usize) -> bool {
    let line_start = lines.line_start(start);
    let line_end = lines.line_end(text, end);
    // A headline is short; reading a long line word by word for every quotation in it
    // would make a page of one enormous line quadratic.
    if line_end - line_start > MAX_HEADLINE_BYTES {
        return false;
    }
    let outside = [
        text.get(line_start..start).unwrap_or(""),
        text.get(end..line_end).unwrap_or(""),
    ];
    let long: Vec<&str> = outside
        .iter()
        .flat_map(|t| crate::text::words(t))
        .filter(|w| w.chars().count() >= 4)
        .collect();
    long.len() >= 2
        && long.iter().all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_numeric())
        })
}

/// Speech or thought attributed to someone in the writer's own words, quoted or not:
/// "the minister said that...", "according to the report", "..., officials say".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attribution {
    /// The cue (`said`, `according to`).
    pub cue: TextSpan,
    /// Who is said to have said or thought it, when found.
    pub speaker: Option<TextSpan>,
}

/// Finds the attributions of `text` that the analysis needs, keeps those `keep`
/// accepts, and with them turns the scare quotes of sentences that report speech into
/// partial quotations (see [`attribute_in_reporting_sentences`]). With `all`, every
/// attribution is found; without, only those of the sentences that hold a scare quote
/// or end in the colon that introduces one. Each attribution depends only on its own
/// sentence, so the quotations come out the same either way, and the second costs a
/// fraction of the first. `sentence_starts` are those [`detect`] found, when `quotes`
/// are still all it found; otherwise they are found again.
pub fn attribute_scare_quotes(
    text: &str,
    lexicon: &Lexicon,
    lines: &LineIndex,
    quotes: &mut [Quotation],
    sentence_starts: Option<&[usize]>,
    all: bool,
    keep: impl Fn(&Attribution) -> bool,
) -> Vec<Attribution> {
    let any_scare = quotes.iter().any(|q| q.kind == QuoteKind::Scare);
    if !all && !any_scare {
        return Vec::new();
    }
    let computed;
    let starts = match sentence_starts {
        Some(starts) => starts,
        None => {
            computed = quotation_sentence_starts(text, lines, quotes);
            &computed
        }
    };
    let only = (!all).then(|| {
        let mut wanted = Vec::new();
        for q in quotes.iter().filter(|q| q.kind == QuoteKind::Scare) {
            wanted.push(sentence_around(starts, q.start, text.len()).0);
            if let Some((sentence_start, _)) = colon_sentence(text, lines, q.start, starts) {
                wanted.push(sentence_start);
            }
        }
        wanted.sort_unstable();
        wanted.dedup();
        wanted
    });
    let mut found = find_attributions(text, lexicon, lines, quotes, starts, only.as_deref());
    found.retain(keep);
    if any_scare {
        attribute_in_reporting_sentences(text, quotes, &found, starts, lines);
    }
    found
}

/// Finds the attributions of `text` outside its quotations (`quotes`, as [`detect`]
/// returned them): every cue of the lexicon's quotation settings that stands in a
/// reporting frame. A verb needs a speaker before it ("the council said"), a speaker
/// after it when it follows a comma (", said the council"), or a clause after it
/// ("said that", "said:"); a preposition ("according to") always attributes.
/// Only the sentences beginning at `only` (sorted) are read, when given.
fn find_attributions(
    text: &str,
    lexicon: &Lexicon,
    lines: &LineIndex,
    quotes: &[Quotation],
    starts: &[usize],
    only: Option<&[usize]>,
) -> Vec<Attribution> {
    let wanted =
        |sentence_start: usize| only.is_none_or(|o| o.binary_search(&sentence_start).is_ok());
    // A few sentences read a few windows; every sentence reads one around every word.
    let ctx = if only.is_some() {
        Context::new(text, lexicon, lines)
    } else {
        Context::with_token_index(text, lexicon, lines)
    };
    let mut out = Vec::new();
    // "Sanders: the race is not over": a name and a colon opening a line or sentence.
    for &start in starts.iter().filter(|&&s| wanted(s)) {
        let qi = quotes.partition_point(|q| q.end <= start);
        let limit = quotes.get(qi).map_or(text.len(), |q| q.start);
        let line_end = text
            .get(start..)
            .and_then(|t| t.find(['\n', '.', '?', '!']))
            .map_or(text.len(), |i| start + i);
        if let Some((speaker, cue)) = colon_speaker(&ctx, start, limit.min(line_end)) {
            out.push(Attribution { cue, speaker });
        }
    }
    // Cue words of the wanted sentences only: the white space before every sentence
    // start, which no cue word ends with or spans, makes a sentence read alone find
    // the same cues as the whole text.
    let cues: Vec<Cue> = match only {
        None => ctx.cues(0, text.len()).collect(),
        Some(only) => only
            .iter()
            .flat_map(|&s| ctx.cues(s, sentence_around(starts, s, text.len()).1))
            .collect(),
    };
    for cue in cues {
        let qi = quotes.partition_point(|q| q.end <= cue.start);
        if quotes.get(qi).is_some_and(|q| q.start <= cue.start) {
            continue;
        }
        let (sentence_start, sentence_end) = sentence_around(starts, cue.start, text.len());
        if !wanted(sentence_start) {
            continue;
        }
        // Words before the cue, back to the sentence start or the last quotation.
        let prev_quote_end = qi
            .checked_sub(1)
            .and_then(|i| quotes.get(i))
            .map_or(0, |q| q.end);
        let floor = sentence_start
            .max(prev_quote_end)
            .max(cue.start.saturating_sub(WINDOW));
        let ceiling = sentence_end
            .min(quotes.get(qi).map_or(text.len(), |q| q.start))
            .min(cue.end + WINDOW);
        let Some(cue_span) = ctx.span(cue.start, cue.end) else {
            continue;
        };
        let before = text.get(floor..cue.start).unwrap_or("").trim_end();
        let after = text.get(cue.end..ceiling).unwrap_or("").trim_start();
        let next_word = after
            .split(|c: char| !is_word_char(c))
            .next()
            .unwrap_or("")
            .to_lowercase();
        let prev_word = before
            .rsplit(|c: char| !is_word_char(c))
            .next()
            .unwrap_or("")
            .to_lowercase();
        let cue_text = lowercase(&cue_span.text);
        // "talking about": the verb of a phrasal cue is its first word.
        let cue_verb = cue_text.split(' ').next().unwrap_or("");
        // "is expected to", "were reported that": a passive attribution, source unsaid.
        let passive = BE_FORMS.contains(&prev_word)
            && (cue_text.ends_with("ed") || cue_text.ends_with("wn") || cue_text == "thought")
            && matches!(next_word.as_str(), "to" | "that");
        let speaker = match cue.kind {
            CueKind::Preposition => Some(ctx.speaker_after(cue.end, ceiling)),
            CueKind::Verb => {
                if let Some(sp) = ctx.speaker_before(floor, cue.start) {
                    Some(Some(sp))
                } else if let Some(sp) = cue_text
                    .ends_with("ed")
                    .then(|| ctx.agent_after(cue.end, ceiling))
                    .flatten()
                {
                    // "as described by the inspector": a passive naming its agent.
                    Some(Some(sp))
                } else if SUBJECT_ELSEWHERE.contains(&prev_word)
                    || (before.is_empty() && cue_text.ends_with("ed"))
                    || prev_word.chars().next().is_some_and(|c| c.is_ascii_digit())
                    || before.ends_with('%')
                {
                    // "who said", "and told", "70% say": the subject stands earlier.
                    Some(None)
                } else if after.is_empty() || after.starts_with(['.', '!', '\n']) {
                    // "..., a neighbour says." ends the sentence on its attribution.
                    let tail = before.rfind(',').map_or(floor, |i| floor + i + 1);
                    let words = ctx.tokens(tail, cue.start);
                    Some(
                        (!words.is_empty()
                            && words.len() <= 6
                            && words.iter().all(Option::is_some))
                        .then(|| {
                            let first = words.first().copied().flatten()?;
                            let last = words.last().copied().flatten()?;
                            ctx.span(first.start, last.end)
                        })
                        .flatten(),
                    )
                } else if before.ends_with(',') && cue_text.ends_with("ing") {
                    // "..., saying that", "..., adding": the subject came earlier.
                    Some(None)
                } else if before.ends_with(',') {
                    // ", said the council" names the speaker after the verb; ", said at a
                    // news conference" / ", said." closes an appositive speaker phrase.
                    ctx.speaker_after(cue.end, ceiling).map(Some).or_else(|| {
                        (matches!(next_word.as_str(), "" | "in" | "at" | "on" | "that")
                            || after.starts_with([',', '.', ';']))
                        .then_some(None)
                    })
                } else if passive
                    || after.starts_with(':')
                    || REPORTED_CLAUSE_OPENERS.contains(&next_word)
                {
                    Some(None)
                } else {
                    None
                }
            }
            CueKind::Stance
                if passive
                    || matches!(prev_word.as_str(), "who" | "which")
                    || ((SUBJECT_ELSEWHERE.contains(&prev_word) || before.ends_with(','))
                        && cue_verb.ends_with("ing"))
                    || (next_word == "that" && coordinated_predicate(before)) =>
            {
                // "who endorsed", "by promising", "..., showing", "but broadly accept
                // that": the subject stands earlier.
                Some(None)
            }
            CueKind::Stance => ctx
                .speaker_before(floor, cue.start)
                .or_else(|| ctx.possessor_of_noun(floor, cue.start))
                .or_else(|| ctx.agent_after(cue.end, ceiling))
                .map(Some),
        };
        if let Some(speaker) = speaker {
            out.push(Attribution {
                cue: cue_span,
                speaker,
            });
        }
    }
    out.sort_by_key(|a| (a.cue.start, a.cue.end));
    out
}

/// "..., but broadly accept that": the words before a verb are a conjunction opening
/// a second predicate of an earlier subject, with at most two adverbs or auxiliaries.
fn coordinated_predicate(before: &str) -> bool {
    before
        .split(|c: char| !is_word_char(c))
        .rev()
        .filter(|w| !w.is_empty())
        .take(3)
        .map(str::to_lowercase)
        .find(|w| !is_ly_adverb(w) && !AUXILIARIES.contains(w))
        .is_some_and(|w| matches!(w.as_str(), "and" | "but"))
}

/// "the so-called “reforms”": the writer's own mark of distance, which the frames that
/// reach further than the quotation's neighbourhood do not override.
fn after_so_called(text: &str, quote_start: usize) -> bool {
    let before = text.get(..quote_start).unwrap_or("").trim_end();
    let Some(rest) = before
        .strip_suffix("called")
        .or_else(|| before.strip_suffix("Called"))
    else {
        return false;
    };
    let rest = rest.trim_end_matches(['-', ' ', '\u{2010}', '\u{2011}']);
    rest.strip_suffix("so")
        .or_else(|| rest.strip_suffix("So"))
        .is_some_and(|t| !t.chars().next_back().is_some_and(is_word_char))
}

/// Sentence starts of `text` with `quotes` (as [`detect`] returned them) opaque.
fn quotation_sentence_starts(text: &str, lines: &LineIndex, quotes: &[Quotation]) -> Vec<usize> {
    let pairs: Vec<Pair> = quotes
        .iter()
        .map(|q| Pair {
            start: q.start,
            end: q.end,
            content_start: q.content_start,
            content_end: q.content_end,
            depth: 0,
            class: MarkClass::Double,
        })
        .collect();
    sentence_starts(text, lines, &pairs)
}

/// A scare quote in a sentence that reports speech elsewhere ("the levy is “unfair” and
/// will hurt small shops over the winter, traders say."; "..., as described by the
/// inspector") is a partial quotation of that source: the reporting frame covers the
/// whole sentence, wherever the cue stands. `attributions` are those found for `quotes`
/// (at least those of the sentences it reads); the nearest one in the sentence,
/// preferring one with a speaker, gives the cue and the speaker. `starts` and `lines`
/// are the sentence starts and line index of `text`.
fn attribute_in_reporting_sentences(
    text: &str,
    quotes: &mut [Quotation],
    attributions: &[Attribution],
    starts: &[usize],
    lines: &LineIndex,
) {
    for q in quotes
        .iter_mut()
        .filter(|q| q.kind == QuoteKind::Scare && !after_so_called(text, q.start))
    {
        let (sentence_start, sentence_end) = sentence_around(starts, q.start, text.len());
        let from = attributions.partition_point(|a| a.cue.start < sentence_start);
        let to = attributions.partition_point(|a| a.cue.start < sentence_end);
        let distance = |a: &Attribution| {
            if a.cue.start >= q.end {
                a.cue.start - q.end
            } else {
                q.start.saturating_sub(a.cue.end)
            }
        };
        let nearest = attributions
            .get(from..to)
            .unwrap_or(&[])
            .iter()
            .min_by_key(|a| (a.speaker.is_none(), distance(a)))
            .or_else(|| colon_introduction(text, lines, q.start, starts, attributions));
        if let Some(a) = nearest {
            q.kind = QuoteKind::Partial;
            q.cue = Some(a.cue.clone());
            q.speaker = a.speaker.clone();
        }
    }
}

/// "The harbour master said:" closing a paragraph introduces the next one (often a
/// list) as her words: the attribution of the sentence ending in that colon.
fn colon_introduction<'a>(
    text: &str,
    lines: &LineIndex,
    pos: usize,
    starts: &[usize],
    attributions: &'a [Attribution],
) -> Option<&'a Attribution> {
    let (sentence_start, colon_at) = colon_sentence(text, lines, pos, starts)?;
    let from = attributions.partition_point(|a| a.cue.start < sentence_start);
    let to = attributions.partition_point(|a| a.cue.start < colon_at);
    attributions.get(from..to)?.last()
}

/// The sentence (its start, and the byte of its colon) that ends in a colon introducing
/// the paragraph at `pos`, or the list it is an item of.
fn colon_sentence(
    text: &str,
    lines: &LineIndex,
    pos: usize,
    starts: &[usize],
) -> Option<(usize, usize)> {
    // The line break before the paragraph (there is none in the first one).
    let line_break_before = |at: usize| lines.line_start(at).checked_sub(1);
    let mut paragraph_start = line_break_before(pos)?;
    // Items of a list ("• ...", "- ...") share the introduction before the first item.
    let marker = list_marker(text.get(paragraph_start + 1..)?);
    let mut colon = text.get(..paragraph_start)?.trim_end();
    for _ in 0..MAX_LIST_ITEMS {
        if colon.ends_with(':') {
            break;
        }
        let previous = line_break_before(colon.len())?;
        let item = list_marker(colon.get(previous + 1..)?);
        if marker.is_none() || item != marker {
            return None;
        }
        paragraph_start = previous;
        colon = text.get(..paragraph_start)?.trim_end();
    }
    if !colon.ends_with(':') {
        return None;
    }
    let colon_at = colon.len() - 1;
    Some((sentence_around(starts, colon_at, text.len()).0, colon_at))
}

/// Largest number of list items searched back for their introduction.
const MAX_LIST_ITEMS: usize = 8;

/// The marker opening a list item: one non-space character, then a space ("• ", "- ").
fn list_marker(paragraph: &str) -> Option<char> {
    let mut chars = paragraph.trim_start().chars();
    let marker = chars.next()?;
    (chars.next() == Some(' ') && !marker.is_ascii_digit()).then_some(marker)
}

/// "“perplexed” and even “flummoxed,” as US media described it": a quotation joined
/// to the next one by a few connecting words shares that one's attribution.
fn share_coordinated_attribution(text: &str, quotes: &mut [Quotation]) {
    for i in (0..quotes.len().saturating_sub(1)).rev() {
        let (Some(q), Some(next)) = (quotes.get(i), quotes.get(i + 1)) else {
            continue;
        };
        if q.cue.is_some() || next.cue.is_none() {
            continue;
        }
        let between = text.get(q.end..next.start).unwrap_or("");
        // The cheap tests first: the gap to the next quotation can be paragraphs long.
        let joined = between.split_whitespace().nth(3).is_none()
            && !between.contains(['.', '!', '?', '\n', ';'])
            && count_words(between) <= 2;
        if joined {
            let (speaker, cue) = (next.speaker.clone(), next.cue.clone());
            if let Some(q) = quotes.get_mut(i) {
                q.speaker = speaker;
                q.cue = cue;
                if q.kind == QuoteKind::Scare {
                    q.kind = QuoteKind::Partial;
                }
            }
        }
    }
}

type SpeakerCue = (Option<TextSpan>, TextSpan);

/// "“...” — Ana Ruiz": a dash after a quotation, then a name, signs it (epigraphs,
/// collected reactions).
fn dash_speaker(ctx: &Context<'_>, from: usize, to: usize) -> Option<SpeakerCue> {
    let rest = ctx.text.get(from..to)?;
    let trimmed = rest.trim_start_matches([' ', '\u{a0}']);
    let dash = trimmed
        .chars()
        .next()
        .filter(|c| matches!(c, '—' | '―' | '–'))?;
    let dash_at = from + (rest.len() - trimmed.len());
    let after = dash_at + dash.len_utf8();
    let toks = ctx.tokens(after, to);
    let mut end = None;
    for tok in toks.iter().take(4) {
        match tok {
            Some(t) if ctx.is_name_word(t.text) => end = Some(t.end),
            _ => break,
        }
    }
    let first = toks.first().copied().flatten()?;
    Some((ctx.span(first.start, end?), ctx.span(dash_at, after)?))
}

/// "...," Toner said / "...," said Toner / "...," according to Toner.
fn attribute_after(ctx: &Context<'_>, from: usize, to: usize) -> Option<SpeakerCue> {
    let cue = ctx.cues(from, to).next()?;
    let between = ctx.tokens(from, cue.start);
    let between_words = between.iter().flatten().count();
    if between_words > 14 {
        return None;
    }
    let cue_span = ctx.span(cue.start, cue.end)?;
    match cue.kind {
        CueKind::Preposition => Some((ctx.speaker_after(cue.end, to), cue_span)),
        CueKind::Verb => {
            let speaker = if between_words == 0 {
                ctx.speaker_after(cue.end, to)
            } else {
                ctx.speaker_before_with(from, cue.start, Some(&between))
                    .or_else(|| ctx.agent_after(cue.end, to))
            };
            // "...," the new coach said: right after a quotation that ends like speech
            // (with a comma, or followed by one), a cue attributes it even when the
            // speaker phrase is not recognised.
            let content = ctx
                .text
                .get(..from)
                .unwrap_or("")
                .trim_end_matches(QUOTE_CLOSERS);
            let speech_shaped = content.trim_end().ends_with([',', '!', '?'])
                || ctx
                    .text
                    .get(from..)
                    .is_some_and(|t| t.trim_start().starts_with(','));
            match speaker {
                Some(s) => Some((Some(s), cue_span)),
                None if between_words <= 6 && speech_shaped => Some((None, cue_span)),
                None => None,
            }
        }
        // "...," the mayor believes: thought and stance need their speaker.
        CueKind::Stance if between_words > 0 => ctx
            .speaker_before_with(from, cue.start, Some(&between))
            .map(|s| (Some(s), cue_span)),
        CueKind::Stance => None,
    }
}

/// Toner said: "..." / Kerry described the talks as "..." / according to Toner, "...".
fn attribute_before(
    ctx: &Context<'_>,
    quotes: &[Pair],
    qi: usize,
    floor: usize,
    to: usize,
    prev_quote_end: usize,
) -> Option<SpeakerCue> {
    let cues: Vec<Cue> = ctx.cues(floor, to).collect();
    let mut fallback = None;
    for cue in cues.iter().rev() {
        // Quotations are sorted and disjoint: a binary search keeps this linear overall.
        let earlier = quotes.get(..qi).unwrap_or(&[]);
        let before = earlier.partition_point(|p| p.start <= cue.start);
        let inside_quote = before
            .checked_sub(1)
            .and_then(|i| earlier.get(i))
            .is_some_and(|p| cue.start < p.end);
        if inside_quote {
            continue;
        }
        // The cue's text is copied only once it is known to be returned.
        let cue_span = || ctx.span(cue.start, cue.end);
        let seg_floor = if prev_quote_end <= cue.start {
            prev_quote_end.max(floor)
        } else {
            floor
        };
        let speaker = match cue.kind {
            CueKind::Preposition => ctx.speaker_after(cue.end, to),
            CueKind::Verb => ctx
                .speaker_before(seg_floor, cue.start)
                .or_else(|| ctx.speaker_after(cue.end, to)),
            CueKind::Stance => {
                match ctx
                    .speaker_before(seg_floor, cue.start)
                    .or_else(|| ctx.relative_clause_speaker(seg_floor, cue.start))
                    .or_else(|| ctx.possessor_of_noun(seg_floor, cue.start))
                    .or_else(|| ctx.agent_after(cue.end, to))
                {
                    Some(speaker) => return Some((Some(speaker), cue_span()?)),
                    None if characterises_as(ctx, cue.end, to)
                        || regarded_passively(ctx, seg_floor, cue.start, cue.end, to) =>
                    {
                        fallback.get_or_insert(*cue);
                        continue;
                    }
                    None => continue,
                }
            }
        };
        if let Some(speaker) = speaker {
            return Some((Some(speaker), cue_span()?));
        }
        // A cue in the same sentence attributes the quotation even when no speaker is
        // recognised: it is a partial quotation of someone, not the writer's scare quote.
        fallback.get_or_insert(*cue);
    }
    Some((None, ctx.span(fallback?.start, fallback?.end)?))
}

/// "waved the plan away as “...”", "known as “...”", "cast her as a “...”": a verb of
/// regarding followed, within a short object, by "as" and at most three words before
/// the quotation, which is then the label someone applies, not the writer's scare quote.
fn characterises_as(ctx: &Context<'_>, cue_end: usize, quote_start: usize) -> bool {
    let toks = tokens(ctx.text, cue_end, quote_start);
    if toks.len() > 8 || toks.iter().any(Option::is_none) {
        return false;
    }
    toks.iter()
        .take(5)
        .position(|t| t.is_some_and(|t| t.text.eq_ignore_ascii_case("as")))
        .is_some_and(|i| toks.len() - i <= 4)
}

/// Largest distance, in bytes, searched after a cue for "by" and its agent.
const AGENT_WINDOW: usize = 40;

/// Largest distance, in bytes, searched before a quotation for a short frame.
const FRAME_WINDOW: usize = 80;

/// Start of the last `window` bytes before `pos`, not before `floor`.
fn frame_start(text: &str, floor: usize, pos: usize, window: usize) -> usize {
    ceil_char_boundary(text, floor.max(pos.saturating_sub(window)).min(pos))
}

/// "mocking the new coach as a “...”", "painting rivals as “...”": a verb, its object
/// and "as" before the quotation make the quoted words the subject's label for the
/// object, not the writer's. A verb right before "as" ("serving as") or "such as" is
/// no such frame.
fn regarding_frame(ctx: &Context<'_>, floor: usize, quote_start: usize) -> bool {
    let start = frame_start(ctx.text, floor, quote_start, FRAME_WINDOW);
    let toks = tokens(ctx.text, start, quote_start);
    // The words before the quotation, nearest first, up to the first punctuation.
    let tail: Vec<Token<'_>> = toks.iter().rev().map_while(|t| *t).collect();
    let Some(as_idx) = tail
        .iter()
        .take(4)
        .position(|t| t.text.eq_ignore_ascii_case("as"))
    else {
        return false;
    };
    let object = tail.get(as_idx + 1).map(|t| t.text.to_lowercase());
    if matches!(
        object.as_deref(),
        None | Some("such" | "well" | "so" | "just")
    ) {
        return false;
    }
    tail.iter().skip(as_idx + 2).take(3).any(|t| {
        let lower = lowercase(t.text);
        lower.len() > 4 && (lower.ends_with("ed") || lower.ends_with("ing"))
    })
}

/// Verbs of directing someone: "ordered the crew to “...”".
const DIRECTIVE_VERBS: WordSet = word_set![
    "order",
    "orders",
    "ordered",
    "ordering",
    "urge",
    "urges",
    "urged",
    "urging",
    "instruct",
    "instructs",
    "instructed",
    "implore",
    "implored",
    "beg",
    "begged",
    "plead",
    "pleaded",
];

/// Nouns of asking that name what is asked for: "a plea for “...”".
const REQUEST_NOUNS: WordSet = word_set![
    "call", "calls", "request", "requests", "plea", "pleas", "appeal", "appeals", "demand",
    "demands",
];

/// Forms of "issue", the verb of statements, orders and apologies.
const ISSUE_FORMS: WordSet = word_set!["issue", "issues", "issued", "issuing"];

/// Words before a noun "issues" that show it is a noun ("the issues “...”").
const NOT_ISSUERS: WordSet =
    word_set!["the", "these", "those", "other", "key", "many", "two", "of", "on", "about", "with",];

/// Labels a person gives themselves: "a self-styled “...”".
const SELF_LABELS: WordSet = word_set![
    "self-styled",
    "self-described",
    "self-proclaimed",
    "self-declared",
    "self-appointed",
];

/// Phrases after a quotation that put it in someone's view: "“...” in his eyes".
const IN_THE_VIEW_OF: &[&str] = &[
    "in his eyes",
    "in her eyes",
    "in their eyes",
    "in his view",
    "in her view",
    "in their view",
    "in his mind",
    "in her mind",
    "in their minds",
];

/// Largest distance, in bytes, read after a quotation for a view phrase or a name.
const AFTER_WINDOW: usize = 40;

/// Forms that make a short quotation someone's words although no speech verb reaches
/// it: words the quoter completed in brackets ("“turning \[them\] around”"); a directive
/// and its addressee ("ordered the crew to “...”", "a call for the board to “...”");
/// what is asked for ("a plea for “...”") or issued ("issued a “...”"); a label someone
/// gives themselves ("a self-styled “...”"); a view ("To the owner, it was “...”",
/// "“...” in his eyes"); and an epithet before a full name ("the “...” Jane Doe"), which
/// someone coined. A title-case headline says nothing by its capitals, so names there
/// are not trusted.
fn someones_words(ctx: &Context<'_>, q: &Pair, floor: usize, next_start: usize) -> bool {
    let text = ctx.text;
    let content = text.get(q.content_start..q.content_end).unwrap_or("");
    if content.contains('[') && content.contains(']') {
        return true;
    }
    let start = frame_start(text, floor, q.start, FRAME_WINDOW);
    let toks = tokens(text, start, q.start);
    // The words before the quotation, nearest first, up to the first punctuation.
    let tail: Vec<String> = toks
        .iter()
        .rev()
        .map_while(|t| t.map(|t| t.text.to_lowercase()))
        .collect();
    let word = |i: usize| tail.get(i).map_or("", String::as_str);
    let directed = word(0) == "to"
        && (1..8).any(|i| {
            DIRECTIVE_VERBS.contains(word(i))
                || (word(i) == "for" && REQUEST_NOUNS.contains(word(i + 1)))
        });
    let requested = word(0) == "for" && REQUEST_NOUNS.contains(word(1));
    let issued = if matches!(word(0), "a" | "an") {
        ISSUE_FORMS.contains(word(1))
    } else {
        ISSUE_FORMS.contains(word(0)) && !word(1).is_empty() && !NOT_ISSUERS.contains(word(1))
    };
    let self_label = SELF_LABELS.contains(word(0)) || SELF_LABELS.contains(word(1));
    if directed || requested || issued || self_label || viewer_opens_sentence(ctx, floor, q.start) {
        return true;
    }
    let to = floor_char_boundary(text, next_start.min(q.end + AFTER_WINDOW));
    let after = text.get(q.end..to).unwrap_or("").trim_start();
    let after_lower = lowercase(after);
    if IN_THE_VIEW_OF.iter().any(|p| after_lower.starts_with(p)) {
        return true;
    }
    epithet_before_name(ctx, q, &toks, to)
}

/// "To the owner, ..." / "To Smith, ...": a sentence opened by "To" and a person, then a
/// comma, before the quotation at `quote_start`, gives that person's view.
fn viewer_opens_sentence(ctx: &Context<'_>, sentence_start: usize, quote_start: usize) -> bool {
    let to = floor_char_boundary(ctx.text, (sentence_start + AFTER_WINDOW).min(quote_start));
    let toks = tokens(ctx.text, sentence_start, to);
    let Some(Some(first)) = toks.first() else {
        return false;
    };
    if first.text != "To" {
        return false;
    }
    // One to three words of a person, then the comma.
    let person: Vec<Token<'_>> = toks.iter().skip(1).take(4).map_while(|t| *t).collect();
    let comma = toks.get(person.len() + 1).is_some_and(Option::is_none)
        && ctx
            .text
            .get(person.last().map_or(0, |t| t.end)..)
            .is_some_and(|t| t.starts_with(','));
    comma
        && (1..=3).contains(&person.len())
        && person.last().is_some_and(|t| {
            t.text.chars().next().is_some_and(char::is_uppercase)
                || matches!(t.text, "him" | "her" | "them" | "me" | "us")
        })
}

/// "(“...” Jane Doe)": a capitalised quotation right before a first and last name, after a
/// word that is not itself a name (a middle nickname, "Robert “Bob” Smith", is part of the
/// name), is an epithet someone gave that person.
fn epithet_before_name(
    ctx: &Context<'_>,
    q: &Pair,
    before: &[Option<Token<'_>>],
    to: usize,
) -> bool {
    let text = ctx.text;
    let content = text.get(q.content_start..q.content_end).unwrap_or("");
    if !content.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    let previous_is_name = before
        .last()
        .copied()
        .flatten()
        .is_some_and(|t| t.text.chars().next().is_some_and(char::is_uppercase));
    if previous_is_name || in_title_case_line(text, ctx.lines, q.start, q.end) {
        return false;
    }
    let after = tokens(text, q.end, to);
    let capitalised = |i: usize| {
        after.get(i).copied().flatten().is_some_and(|t| {
            t.text.chars().next().is_some_and(char::is_uppercase) && ctx.is_name_word(t.text)
        })
    };
    text.get(q.end..).is_some_and(|t| t.starts_with(' ')) && capitalised(0) && capitalised(1)
}

/// "“...,” the coach said. ... Later she mocked the “...” critics": in a paragraph where a
/// quotation was already attributed, a short quotation in a sentence whose subject is
/// a third-person pronoun continues that speaker's words. Returns the pronoun.
fn continued_speaker(
    ctx: &Context<'_>,
    earlier: &[Quotation],
    sentence_start: usize,
    quote_start: usize,
) -> Option<TextSpan> {
    let paragraph_start = ctx.lines.line_start(quote_start);
    let attributed = earlier
        .iter()
        .rev()
        .take_while(|p| p.start >= paragraph_start)
        .any(|p| p.kind != QuoteKind::Scare && p.speaker.is_some());
    if !attributed {
        return None;
    }
    let start = frame_start(ctx.text, sentence_start, quote_start, WINDOW);
    let toks = tokens(ctx.text, start, quote_start);
    let pronoun = toks
        .iter()
        .flatten()
        .find(|t| matches!(t.text, "he" | "she" | "they" | "He" | "She" | "They"))?;
    ctx.span(pronoun.start, pronoun.end)
}

/// Largest distance, in bytes, searched after a quotation for the noun it modifies.
const NOUN_WINDOW: usize = 60;

/// "the mayor's “open door” remarks", "her “clean slate” pledge": a quotation between a
/// possessive and a noun of speech or stance names what the possessor said.
fn named_utterance(
    ctx: &Context<'_>,
    floor: usize,
    q: &Pair,
    next_start: usize,
) -> Option<SpeakerCue> {
    // A cheap look at the word before the quotation first: most have no possessor.
    let before = ctx.text.get(floor..q.start)?.trim_end();
    let last_word = before.rsplit(|c: char| !is_word_char(c)).next()?;
    let possessive =
        before.ends_with("'s") || before.ends_with("’s") || POSSESSIVE_PRONOUNS.contains(last_word);
    if !possessive {
        return None;
    }
    let to = floor_char_boundary(ctx.text, next_start.min(q.end + NOUN_WINDOW));
    // The noun within the next three words, with no punctuation before it.
    let toks = tokens(ctx.text, q.end, to);
    let words: Vec<Token<'_>> = toks.iter().take(3).map_while(|t| *t).collect();
    let last = words.last()?;
    let cue = ctx
        .cues(q.end, last.end)
        .find(|c| words.iter().any(|w| w.start == c.start))?;
    let speaker = ctx.speaker_before(floor, q.start)?;
    Some((Some(speaker), ctx.span(cue.start, cue.end)?))
}

/// "is widely thought a “...”", "was deemed “...”": a passive verb of regarding whose
/// complement holds the quotation reports an unnamed judge's words.
fn regarded_passively(
    ctx: &Context<'_>,
    floor: usize,
    cue_start: usize,
    cue_end: usize,
    quote_start: usize,
) -> bool {
    let before = ctx.text.get(floor..cue_start).unwrap_or("").trim_end();
    let be = before
        .rsplit(|c: char| !is_word_char(c))
        .next()
        .is_some_and(|w| BE_FORMS.contains(w));
    // "were treated with a ...": a preposition opens an adjunct, not a complement.
    let complement = tokens(ctx.text, cue_end, quote_start);
    let opens_complement = complement
        .first()
        .is_none_or(|t| t.is_some_and(|t| !NOT_NOUN_HEADS.contains(t.text)));
    be && opens_complement && complement.len() <= 3 && complement.iter().all(Option::is_some)
}

/// Words that open a headline or line with a colon without naming a speaker.
const NOT_SPEAKER_LABELS: WordSet = word_set![
    "update",
    "updated",
    "watch",
    "video",
    "videos",
    "photos",
    "photo",
    "opinion",
    "analysis",
    "exclusive",
    "breaking",
    "note",
    "related",
    "correction",
    "live",
    "poll",
    "listen",
    "read",
    "editorial",
    "review",
    "explainer",
    "factbox",
    "timeline",
    "q",
    "a",
    "warning",
    "spoiler",
    "subscribe",
    "advertisement",
    "sponsored",
    "transcript",
    "podcast",
    "quiz",
    "chart",
    "map",
];

/// The headline convention "Speaker: ‘quoted words’" (or "Speaker: a paraphrase with a
/// ‘quoted phrase’"): a short run of capitalised words opening the sentence, then a
/// colon before the quotation.
fn colon_speaker(
    ctx: &Context<'_>,
    sentence_start: usize,
    quote_start: usize,
) -> Option<SpeakerCue> {
    let before = ctx.text.get(sentence_start..quote_start)?;
    let colon = before.find(':')?;
    let toks = ctx.tokens(sentence_start, sentence_start + colon);
    if toks.is_empty() || toks.len() > 5 {
        return None;
    }
    let words: Vec<Token<'_>> = toks.iter().copied().collect::<Option<Vec<_>>>()?;
    let first = words.first()?;
    // A transcript line ("HOST: ...", "Q: ...") names its speaker in capitals; elsewhere
    // a word in capitals before a colon is a dateline or a label ("WASHINGTON:").
    let line_start = sentence_start == 0
        || ctx
            .text
            .get(..sentence_start)
            .is_some_and(|t| t.trim_end_matches([' ', '\t', '"', '“']).ends_with('\n'));
    let shouting = |w: &str| {
        w.chars().filter(|c| c.is_alphabetic()).count() > 4 && !w.chars().any(char::is_lowercase)
    };
    let transcript =
        line_start && words.len() == 1 && (shouting(first.text) || matches!(first.text, "Q" | "A"));
    let all_names = words
        .iter()
        .all(|w| ctx.is_name_word(w.text) && !shouting(w.text));
    let label = NOT_SPEAKER_LABELS.contains(first.text);
    if !transcript && (!all_names || label) {
        return None;
    }
    let last = words.last()?;
    let colon_at = sentence_start + colon;
    Some((
        ctx.span(first.start, last.end),
        ctx.span(colon_at, colon_at + 1)?,
    ))
}

#[cfg(test)]
mod token_tests {
    use super::*;

    fn spans(toks: &[Option<Token<'_>>]) -> Vec<Option<(usize, usize)>> {
        toks.iter().map(|t| t.map(|t| (t.start, t.end))).collect()
    }

    #[test]
    fn joining_marks_need_word_characters_on_both_sides() {
        let text = "don't a.-b U.S. -x y-";
        let found: Vec<Option<&str>> = tokens(text, 0, text.len())
            .iter()
            .map(|t| t.map(|t| t.text))
            .collect();
        assert_eq!(
            found,
            vec![
                Some("don't"),
                Some("a"),
                None,
                None,
                Some("b"),
                Some("U.S"),
                None,
                None,
                Some("x"),
                Some("y"),
                None
            ]
        );
    }

    proptest::proptest! {
        /// Windows cut from the whole text's tokens read exactly as tokenizing the
        /// window itself.
        #[test]
        fn windows_read_like_the_slice(
            text in "([a-z ,.'’\\-]|\\s|[é—\u{a0}“”]){0,80}",
            a in 0usize..90,
            b in 0usize..90,
        ) {
            let Ok(lexicon) = Lexicon::from_files(&[("pack.yaml", "categories: [doubt]\n")]) else {
                return Ok(());
            };
            let lines = LineIndex::new(&text);
            let ctx = Context::with_token_index(&text, &lexicon, &lines);
            let snap = |i: usize| crate::text::floor_char_boundary(&text, i);
            let (from, to) = (snap(a.min(b)), snap(a.max(b)));
            proptest::prop_assert_eq!(spans(&ctx.tokens(from, to)), spans(&tokens(&text, from, to)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rules around sentence marks and line breaks as first written, decoding every
    /// character: what the byte-level readings must answer.
    mod decoded {
        use super::super::ABBREVIATIONS;

        pub fn skip_space(text: &str, pos: usize) -> usize {
            let rest = text.get(pos..).unwrap_or("");
            pos + (rest.len() - rest.trim_start().len())
        }

        pub fn starts_new_sentence(text: &str, pos: usize) -> bool {
            let rest = text.get(pos..).unwrap_or("");
            let trimmed = rest.trim_start();
            if trimmed.len() == rest.len() && !rest.is_empty() {
                return false;
            }
            trimmed.chars().next().is_none_or(|c| {
                c.is_uppercase()
                    || c.is_numeric()
                    || matches!(c, '"' | '“' | '‘' | '\'' | '«' | '(')
            })
        }

        pub fn is_paragraph_break(text: &str, pos: usize) -> bool {
            let after = text.get(pos + 1..).unwrap_or("");
            if after
                .chars()
                .find(|&c| c == '\n' || !c.is_whitespace())
                .is_none_or(|c| c == '\n')
            {
                return true;
            }
            let before = text.get(..pos).unwrap_or("").trim_end();
            before.chars().next_back().is_none_or(|c| {
                matches!(
                    c,
                    '.' | '!' | '?' | ':' | '"' | '”' | '’' | '\'' | '»' | ')'
                ) || before.len() < 60 && !before.contains(' ')
            })
        }

        pub fn is_abbreviation(text: &str, dot: usize) -> bool {
            let before = text.get(..dot).unwrap_or("");
            let start = before
                .char_indices()
                .rev()
                .take_while(|&(_, c)| c.is_alphabetic() || c == '.')
                .last()
                .map_or(before.len(), |(i, _)| i);
            let word = before.get(start..).unwrap_or("");
            let letters = word.trim_matches('.');
            let mut chars = letters.chars();
            let single = chars.next().is_some() && chars.next().is_none();
            single || word.contains('.') || ABBREVIATIONS.contains(letters)
        }
    }

    proptest::proptest! {
        /// Reading the text around sentence marks and line breaks as bytes while it is
        /// ASCII answers as decoding every character does.
        #[test]
        fn sentence_marks_read_as_bytes_like_decoded(
            text in "[a-zA-Z0-9 .!?():'\"\n\t\r\u{b}\u{c}\u{a0}\u{2003}\u{85}“”’«»ÉéK\u{212A}]{0,30}",
            pos in 0usize..40,
        ) {
            proptest::prop_assert_eq!(skip_space(&text, pos), decoded::skip_space(&text, pos));
            proptest::prop_assert_eq!(
                starts_new_sentence(&text, pos),
                decoded::starts_new_sentence(&text, pos)
            );
            proptest::prop_assert_eq!(
                is_paragraph_break(&text, pos),
                decoded::is_paragraph_break(&text, pos)
            );
            proptest::prop_assert_eq!(
                is_abbreviation(&text, pos),
                decoded::is_abbreviation(&text, pos)
            );
        }
    }

    proptest::proptest! {
        /// Line breaks read from the line index a line at a time, and matches searched
        /// for again only once passed, are the first at or after every offset asked for.
        #[test]
        fn stops_found_once_are_the_next_ones(
            text in "[a-z.!\n“é]{0,40}",
            mut offsets in proptest::collection::vec(0usize..50, 0..12),
        ) {
            offsets.sort_unstable();
            let bytes = text.as_bytes();
            let lines = LineIndex::new(&text);
            let mut breaks = LineBreaks::new(&text, &lines);
            let mut stops = NextMatch::new(|i| find_from(bytes, i, |h| memchr::memchr(b'.', h)));
            for i in offsets {
                let first = |b: u8| (i..bytes.len()).find(|&k| bytes.get(k) == Some(&b));
                let end = bytes.len();
                proptest::prop_assert_eq!(breaks.from(i), first(b'\n').unwrap_or(end));
                proptest::prop_assert_eq!(stops.from(i), first(b'.').unwrap_or(end));
            }
        }
    }

    #[test]
    fn abbreviations_are_read_from_ascii_and_other_letters() {
        let at_dot = |text: &str| is_abbreviation(text, text.rfind('.').unwrap_or(0));
        for text in [
            "Mr.",
            "said MRS.",
            "the Gens.",
            "U.S.",
            "x.",
            "É.",
            "Señor Sr.",
            "café.dr.",
            "ü. ",
            "(Dr.",
        ] {
            assert!(at_dot(text), "{text:?}");
        }
        for text in ["said.", "Señor.", "café.", "Mrs2.", "2.", "", "Mister."] {
            assert!(!at_dot(text), "{text:?}");
        }
    }

    #[test]
    fn lowercase_borrows_what_is_lower_case_already() {
        assert!(matches!(
            lowercase("said"),
            std::borrow::Cow::Borrowed("said")
        ));
        assert_eq!(lowercase("Said"), "said");
        // Beyond ASCII, Unicode lower-casing: the Kelvin sign becomes a plain k.
        assert_eq!(lowercase("\u{212A}ING"), "king");
        assert_eq!(lowercase("ÉLYSÉE"), "élysée");
    }

    /// Every word set of the detector.
    const WORD_SETS: [&WordSet; 19] = [
        &ABBREVIATIONS,
        &NOT_NAMES,
        &AUXILIARIES,
        &QUANTIFIERS,
        &SUBJECT_ELSEWHERE,
        &BE_FORMS,
        &REPORTED_CLAUSE_OPENERS,
        &NOT_ADVERBS,
        &PRONOUNS,
        &POSSESSIVE_PRONOUNS,
        &NOT_NOUN_HEADS,
        &DETERMINERS,
        &TITLE_SMALL_WORDS,
        &DIRECTIVE_VERBS,
        &REQUEST_NOUNS,
        &ISSUE_FORMS,
        &NOT_ISSUERS,
        &SELF_LABELS,
        &NOT_SPEAKER_LABELS,
    ];

    #[test]
    fn word_sets_find_their_words_in_any_case() {
        assert!(NOT_NAMES.contains("However"));
        assert!(DETERMINERS.contains("THE"));
        assert!(!NOT_NAMES.contains("Smith"));
        // Beyond ASCII, the word is lower-cased the Unicode way first.
        assert!(NOT_NAMES.contains("SPEA\u{212A}ING"));
        // A prefix, a word padded with the keys' zeros, nothing: none is listed.
        assert!(!ABBREVIATIONS.contains("m"));
        assert!(!ABBREVIATIONS.contains("mr\0"));
        assert!(!ABBREVIATIONS.contains(""));
        for set in WORD_SETS {
            // The binary search needs the keys in order.
            assert!(set.keys.windows(2).all(|k| k[0] <= k[1]), "{:?}", set.words);
            assert_eq!(set.keys.len(), set.words.len());
        }
    }

    proptest::proptest! {
        /// A word set answers as a search of its list for the word in lower case.
        #[test]
        fn word_sets_answer_like_their_lists(
            word in "[a-zA-Z\u{212A}\u{130}é\0' -]{0,18}",
            pick in 0usize..1000,
            capitals in proptest::prelude::any::<u64>(),
        ) {
            for set in WORD_SETS {
                let Some(&listed) = set.words.get(pick % set.words.len()) else {
                    continue;
                };
                // The listed word with some letters in capitals, and with a NUL after it.
                let cased: String = listed
                    .chars()
                    .enumerate()
                    .map(|(i, c)| if capitals >> (i % 64) & 1 == 1 { c.to_ascii_uppercase() } else { c })
                    .collect();
                let padded = format!("{listed}\0");
                for w in [word.as_str(), listed, &cased, &padded] {
                    let listed = set.words.contains(&lowercase(w).as_ref());
                    proptest::prop_assert_eq!(set.contains(w), listed, "{:?}", w);
                    proptest::prop_assert_eq!(set.contains_key(WordKey::of(w)), listed, "{:?}", w);
                }
            }
        }
    }

    #[test]
    fn with_lower_reads_as_lowercase() {
        // Lower case already, ASCII capitals, beyond ASCII, and longer than the buffer.
        let long = "Internationalisation-Of-Everything-Else";
        for word in [
            "said",
            "Said",
            "McDONALD",
            "\u{212A}ING",
            "ÉLYSÉE",
            "",
            long,
        ] {
            assert_eq!(with_lower(word, str::to_string), lowercase(word), "{word}");
        }
    }

    fn lexicon() -> Lexicon {
        let quotations = "quotations:\n  scare_max_words: 4\n  verbs: [said, says, told, testified, noting, insist, described, called]\n  prepositions: [according to]\n  speakers: [spokesman, ministry, official, officials]\n";
        match Lexicon::from_files(&[
            ("pack.yaml", "categories: [doubt]\n"),
            ("q.yaml", quotations),
        ]) {
            Ok(l) => l,
            Err(e) => panic!("{e}"),
        }
    }

    fn quotes(text: &str) -> Vec<(String, QuoteKind, Option<String>, Option<String>)> {
        detect(text, &lexicon(), &LineIndex::new(text))
            .quotes
            .into_iter()
            .map(|q| {
                (
                    text[q.start..q.end].to_string(),
                    q.kind,
                    q.speaker.map(|s| s.text),
                    q.cue.map(|c| c.text),
                )
            })
            .collect()
    }

    #[test]
    fn scare_quote_without_speaker() {
        let q =
            quotes("Only a handful of US-trained “moderate Syrian rebels” remained in the fight.");
        assert_eq!(
            q,
            vec![(
                "“moderate Syrian rebels”".into(),
                QuoteKind::Scare,
                None,
                None
            )]
        );
    }

    #[test]
    fn direct_quote_with_speaker_after() {
        let q = quotes("“We don’t challenge that assessment,” Toner said, noting that the program has “fallen short.”");
        assert_eq!(q[0].1, QuoteKind::Direct);
        assert_eq!(q[0].2.as_deref(), Some("Toner"));
        assert_eq!(q[0].3.as_deref(), Some("said"));
        assert_eq!(q[1].1, QuoteKind::Partial);
        assert_eq!(q[1].2.as_deref(), Some("Toner"));
    }

    #[test]
    fn appositive_speaker_before_cue() {
        let q = quotes("General Lloyd Austin, head of Central Command, testified on Wednesday that only “four or five” were active.");
        assert_eq!(q[0].1, QuoteKind::Partial);
        assert_eq!(q[0].2.as_deref(), Some("General Lloyd Austin"));
        assert_eq!(q[0].3.as_deref(), Some("testified"));
    }

    #[test]
    fn said_x_and_according_to_x() {
        let q = quotes("\"We will rebuild,\" said the ministry. \"Nothing is settled,\" according to Maria Lopez.");
        assert_eq!(q[0].2.as_deref(), Some("the ministry"));
        assert_eq!(q[1].2.as_deref(), Some("Maria Lopez"));
        assert_eq!(q[1].3.as_deref(), Some("according to"));
    }

    #[test]
    fn speaker_with_title_told_reporters() {
        let q = quotes("\"It was a long night,\" Ana Ruiz, the spokesman, told reporters.");
        assert_eq!(q[0].1, QuoteKind::Direct);
        assert_eq!(q[0].2.as_deref(), Some("Ana Ruiz"));
        assert_eq!(q[0].3.as_deref(), Some("told"));
    }

    #[test]
    fn quotation_across_paragraphs() {
        let text = "She said: “The first paragraph of the statement goes on.\n\n“And the second one ends here.”\n\nNext.";
        let q = detect(text, &lexicon(), &LineIndex::new(text)).quotes;
        assert_eq!(q.len(), 1);
        assert!(text[q[0].start..q[0].end].ends_with("ends here.”"));
        assert_eq!(q[0].kind, QuoteKind::Direct);
        assert_eq!(q[0].speaker.as_ref().map(|s| s.text.as_str()), Some("She"));
    }

    #[test]
    fn nested_single_quotes_and_apostrophes() {
        let text =
            "\"They call it 'peace', but it isn't,\" he said. Russia's plan, the students' union.";
        let q = quotes(text);
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].2.as_deref(), Some("he"));
    }

    #[test]
    fn guillemets_and_so_called() {
        let q = quotes("The so-called «reforms» stalled.");
        assert_eq!(q[0].1, QuoteKind::Scare);
    }

    #[test]
    fn continuation_inherits_speaker() {
        let q = quotes(
            "“We have made gains,” he said. “Are we there yet? No. Have we done enough? No.”",
        );
        assert_eq!(q[1].1, QuoteKind::Direct);
        assert_eq!(q[1].2.as_deref(), Some("he"));
    }

    #[test]
    fn auxiliaries_between_speaker_and_verb() {
        let q = quotes("The State Department continues to insist that it is “not a winning strategy” against them.");
        assert_eq!(q[0].1, QuoteKind::Partial);
        assert_eq!(q[0].2.as_deref(), Some("The State Department"));
    }

    #[test]
    fn coordinated_quotes_share_attribution() {
        let q = quotes(
            "Officials were “perplexed” and even “flummoxed,” as US officials described it.",
        );
        assert_eq!(q[0].1, QuoteKind::Partial);
        assert_eq!(q[0].2.as_deref(), Some("US officials"));
        assert_eq!(q[1].2.as_deref(), Some("US officials"));
    }

    #[test]
    fn unclosed_quote_ends_with_paragraph() {
        let text = "He said \"this never ends\n\nAnother paragraph.";
        let q = detect(text, &lexicon(), &LineIndex::new(text)).quotes;
        assert_eq!(q.len(), 1);
        assert_eq!(&text[q[0].start..q[0].end], "\"this never ends");
    }

    fn stance_lexicon() -> Lexicon {
        let quotations = "quotations:\n  scare_max_words: 4\n  verbs: [said, says, say, told]\n  stance_verbs: [shows, plan, believes, expected]\n  prepositions: [according to]\n  speakers: [official]\n";
        match Lexicon::from_files(&[
            ("pack.yaml", "categories: [doubt]\n"),
            ("q.yaml", quotations),
        ]) {
            Ok(l) => l,
            Err(e) => panic!("{e}"),
        }
    }

    fn stance_quotes(text: &str) -> Vec<(QuoteKind, Option<String>, Option<String>)> {
        detect(text, &stance_lexicon(), &LineIndex::new(text))
            .quotes
            .into_iter()
            .map(|q| (q.kind, q.speaker.map(|s| s.text), q.cue.map(|c| c.text)))
            .collect()
    }

    /// Scare-quote attribution of `quotes` in `text`, keeping every attribution.
    fn attributed(
        text: &str,
        lexicon: &Lexicon,
        quotes: &mut [Quotation],
        starts: Option<&[usize]>,
        all: bool,
    ) -> Vec<Attribution> {
        let lines = LineIndex::new(text);
        attribute_scare_quotes(text, lexicon, &lines, quotes, starts, all, |_| true)
    }

    fn reported(text: &str) -> Vec<(String, Option<String>)> {
        let lexicon = stance_lexicon();
        let mut quotes = detect(text, &lexicon, &LineIndex::new(text)).quotes;
        attributed(text, &lexicon, &mut quotes, None, true)
            .into_iter()
            .map(|a| (a.cue.text, a.speaker.map(|s| s.text)))
            .collect()
    }

    #[test]
    fn titles_in_quotes_are_not_scare_quotes() {
        let q = quotes("The mayor appeared on “The Harbour Hour” and on “Morning Tide Radio.”");
        assert!(q.iter().all(|q| q.1 != QuoteKind::Scare), "{q:?}");
        let q = quotes("The club called its new stand the “people's terrace” last week.");
        assert_eq!(q[0].1, QuoteKind::Partial);
    }

    #[test]
    fn a_noun_phrase_before_the_verb_is_the_speaker() {
        let q = stance_quotes("“We will open in June,” the new harbour manager said.");
        assert_eq!(q[0].0, QuoteKind::Direct);
        assert_eq!(q[0].1.as_deref(), Some("the new harbour manager"));
        let q = stance_quotes("The port's critics say it is “a white elephant” already.");
        assert_eq!(q[0].0, QuoteKind::Partial);
        assert_eq!(q[0].1.as_deref(), Some("The port's critics"));
    }

    #[test]
    fn a_speech_verb_in_the_sentence_makes_a_partial_quote() {
        // No speaker is recognised, but "said" is there: the words are someone's.
        let q = stance_quotes("Earlier it was said at the meeting that the plan was “dead.”");
        assert_eq!(q[0].0, QuoteKind::Partial);
        assert_eq!(q[0].2.as_deref(), Some("said"));
    }

    #[test]
    fn stance_verbs_need_a_speaker() {
        let q = stance_quotes("A plan to “modernise” the ferry port was dropped.");
        assert_eq!(q[0].0, QuoteKind::Scare);
        let q = stance_quotes("The survey shows “real anger” among drivers.");
        assert_eq!(q[0].0, QuoteKind::Partial);
        assert_eq!(q[0].1.as_deref(), Some("The survey"));
    }

    #[test]
    fn headline_colon_transcript_and_dash_attribution() {
        let q = stance_quotes("Mayor Lopez: ‘We will keep the pier open’");
        assert_eq!(q[0].1.as_deref(), Some("Mayor Lopez"));
        assert_eq!(q[0].2.as_deref(), Some(":"));
        let q = stance_quotes("Update: “Ferry delayed” by fog");
        assert_eq!(q[0].0, QuoteKind::Scare);
        let q = stance_quotes("“Not good enough.” — Ana Ruiz\n“Never again.” — Tom Berg");
        assert_eq!(q[0].1.as_deref(), Some("Ana Ruiz"));
        assert_eq!(q[1].1.as_deref(), Some("Tom Berg"));
        let a = reported("HOST: Why did the ferry stop?\nWASHINGTON — Rain fell.");
        assert_eq!(a, vec![(":".to_string(), Some("HOST".to_string()))]);
    }

    #[test]
    fn reported_speech_without_quotation_marks() {
        assert_eq!(
            reported("The council said that rents would rise."),
            vec![("said".to_string(), Some("The council".to_string()))]
        );
        assert_eq!(
            reported("But analysts say the deal is weak."),
            vec![("say".to_string(), Some("analysts".to_string()))]
        );
        assert_eq!(
            reported("Rents are expected to rise, and 70% say they will move."),
            vec![("expected".to_string(), None), ("say".to_string(), None)]
        );
        assert_eq!(
            reported("The minister believes the port will grow."),
            vec![("believes".to_string(), Some("The minister".to_string()))]
        );
        // No speaker, no clause: not an attribution.
        assert!(reported("A plan to expand the port was dropped.").is_empty());
        // Inside a quotation the cue belongs to the quoted speaker.
        assert!(reported("“They said no,” the official told us.")
            .iter()
            .all(|(cue, _)| cue != "said"));
    }
    fn frame_lexicon() -> Lexicon {
        let quotations = "quotations:\n  scare_max_words: 4\n  verbs: [said, says, say, told, described, talking, repeated]\n  stance_verbs: [found, known, seeking, statement, remarks, pledge, agree, talking about, considered, used, treated]\n  prepositions: [according to, reportedly]\n  speakers: [ministry, auditors, director]\n";
        match Lexicon::from_files(&[
            ("pack.yaml", "categories: [doubt]\n"),
            ("q.yaml", quotations),
        ]) {
            Ok(l) => l,
            Err(e) => panic!("{e}"),
        }
    }

    /// Quotations as the analysis leaves them: detected, then given the reporting frames
    /// of their sentences.
    fn framed(text: &str) -> Vec<(QuoteKind, Option<String>, Option<String>)> {
        let lexicon = frame_lexicon();
        let detected = detect(text, &lexicon, &LineIndex::new(text));
        let mut quotes = detected.quotes;
        // Reading only the sentences that scare quotes need decides the same, and so
        // do the sentence starts found with the quotations.
        let mut narrow = quotes.clone();
        let starts = Some(detected.sentence_starts.as_slice());
        attributed(text, &lexicon, &mut quotes, None, true);
        attributed(text, &lexicon, &mut narrow, starts, false);
        assert_eq!(quotes, narrow, "{text}");
        quotes
            .into_iter()
            .map(|q| (q.kind, q.speaker.map(|s| s.text), q.cue.map(|c| c.text)))
            .collect()
    }

    #[test]
    fn two_apostrophes_are_a_double_mark() {
        let text = "''Jones' plan is dead,'' the director said. The ''temporary'' fee stayed.";
        let q = framed(text);
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!(q[0].0, QuoteKind::Direct);
        assert_eq!(q[0].1.as_deref(), Some("the director"));
        assert_eq!(q[1].0, QuoteKind::Scare);
    }

    #[test]
    fn a_reporting_frame_anywhere_in_the_sentence_attributes() {
        let q = framed("The pier is “overbuilt” and should be sold off soon after the summer season, the auditors say.");
        assert_eq!(q[0].0, QuoteKind::Partial);
        assert_eq!(q[0].1.as_deref(), Some("the auditors"));
        let q = framed("The pier is “overbuilt” and should be sold. The auditors met on Monday.");
        assert_eq!(q[0].0, QuoteKind::Scare);
        // A passive naming its agent is a frame too.
        let q = framed("The port was “poorly run,” as described by the ministry.");
        assert_eq!(q[0].0, QuoteKind::Partial);
        assert_eq!(q[0].1.as_deref(), Some("the ministry"));
    }

    #[test]
    fn labels_applied_with_as_are_someones_words() {
        // A verb of regarding from the lexicon, without a speaker.
        let q = framed("Many of the stalls are known as “ghost shops” by now.");
        assert_eq!(q[0].0, QuoteKind::Partial);
        // Any verb with an object before "as".
        let q = framed("On radio the coach kept mocking the new referee as a “clown” all week.");
        assert_eq!(q[0].0, QuoteKind::Partial);
        // No object between verb and "as", or "such as": the writer's own distance.
        let q = framed("She served as a “temporary” manager.");
        assert_eq!(q[0].0, QuoteKind::Scare);
        let q = framed("Fees such as the “green” levy rose.");
        assert_eq!(q[0].0, QuoteKind::Scare);
        // "so-called" is the writer's own distance, whatever frame the sentence has.
        let q = framed("Arms went to the so-called “moderates” in the hills for most of the long and bitter war before the truce, the auditors say.");
        assert_eq!(q[0].0, QuoteKind::Scare);
    }

    #[test]
    fn a_pronoun_subject_continues_the_paragraphs_speaker() {
        let q = framed("“We will win,” Lopez said. Then she mocked the “experts” again.");
        assert_eq!(q[1].0, QuoteKind::Partial);
        assert_eq!(q[1].1.as_deref(), Some("she"));
        // In a new paragraph, or with nobody quoted before, it is a scare quote.
        let q = framed("“We will win,” Lopez said.\n\nThen she met the “experts” again.");
        assert_eq!(q[1].0, QuoteKind::Scare);
        let q = framed("Then she met the “experts” again.");
        assert_eq!(q[0].0, QuoteKind::Scare);
    }

    #[test]
    fn relative_clauses_agents_and_appositives_name_the_speaker() {
        let q = framed("A study that found “severe” delays at the locks was published.");
        assert_eq!(q[0].0, QuoteKind::Partial);
        assert_eq!(q[0].1.as_deref(), Some("A study"));
        let q = framed("A statement by the ministry called the talks “productive” today.");
        assert_eq!(q[0].1.as_deref(), Some("the ministry"));
        let q = framed("Ana Ruiz, the port's director, has said the plan is “dead” now.");
        assert_eq!(q[0].0, QuoteKind::Partial);
        assert_eq!(q[0].1.as_deref(), Some("Ana Ruiz"));
        let q = framed("A local non-profit is seeking “bold” designs.");
        assert_eq!(q[0].1.as_deref(), Some("A local non-profit"));
        let q = framed("A “severe” winter was forecast.");
        assert_eq!(q[0].0, QuoteKind::Scare);
    }

    #[test]
    fn a_quoted_label_on_a_possessed_noun_of_speech() {
        let q = framed("Lopez's “open door” remarks drew fire.");
        assert_eq!(q[0].0, QuoteKind::Partial);
        assert_eq!(q[0].1.as_deref(), Some("Lopez's"));
        assert_eq!(q[0].2.as_deref(), Some("remarks"));
        let q = framed("Her “clean slate” pledge drew fire.");
        assert_eq!(q[0].1.as_deref(), Some("Her"));
        // Without a possessor, or without a noun of speech, nobody said it.
        let q = framed("The “open door” remarks drew fire.");
        assert_eq!(q[0].0, QuoteKind::Scare);
        let q = framed("Lopez's “open door” policy drew fire.");
        assert_eq!(q[0].0, QuoteKind::Scare);
    }

    #[test]
    fn frames_without_a_named_subject() {
        // A second predicate of an earlier subject, a phrasal cue after "when", and an
        // evidential adverb all report someone's words.
        let q = framed("Drivers dislike the plan but broadly agree that fares are “too high” now.");
        assert_eq!(q[0].0, QuoteKind::Partial);
        let q = framed("Ferry staff wince when talking about the “new normal” at the dock.");
        assert_eq!(q[0].0, QuoteKind::Partial);
        let q = framed("The “deal” was reportedly signed at night.");
        assert_eq!(q[0].0, QuoteKind::Partial);
        let q = framed("Fares are “too high” and rising.");
        assert_eq!(q[0].0, QuoteKind::Scare);
    }

    #[test]
    fn the_possessor_of_a_modified_noun_of_speech() {
        let q = framed("The director's brief, pointed statement about the “reform” ran late.");
        assert_eq!(q[0].1.as_deref(), Some("The director's"));
        let q = framed("It was her brief, pointed statement about the “reform” that ran late.");
        assert_eq!(q[0].1.as_deref(), Some("her"));
        let q = framed("The brief, pointed meeting about the “reform” ran late.");
        assert_eq!(q[0].0, QuoteKind::Scare);
    }
    #[test]
    fn agents_passive_judgements_and_floating_quantifiers() {
        let q = framed("The word “reset” was repeated twice, by the director.");
        assert_eq!(q[0].0, QuoteKind::Partial);
        assert_eq!(q[0].1.as_deref(), Some("the director"));
        let q = framed("The old ferry may be considered a “landmark” soon.");
        assert_eq!(q[0].0, QuoteKind::Partial);
        // A preposition after the passive opens an adjunct, not a judgement.
        let q = framed("Two of them were treated with a “gentle” varnish.");
        assert_eq!(q[0].0, QuoteKind::Scare);
        let q = framed("The port's directors have both used “gridlock” to describe it.");
        assert_eq!(q[0].0, QuoteKind::Partial);
        assert_eq!(q[0].1.as_deref(), Some("directors"));
    }

    #[test]
    fn a_colon_introduces_the_list_after_it() {
        let text =
            "The director said:\n\n• Fares rose.\n\n• The pier is “overbuilt” now.\n\nRain fell.";
        let q = framed(text);
        assert_eq!(q[0].0, QuoteKind::Partial);
        assert_eq!(q[0].1.as_deref(), Some("The director"));
        let q = framed("Fares rose.\n\n• The pier is “overbuilt” now.");
        assert_eq!(q[0].0, QuoteKind::Scare);
    }

    #[test]
    fn directives_requests_views_and_epithets_are_someones_words() {
        let kind = |text: &str| framed(text).first().map(|q| q.0);
        // Words completed by the quoter in brackets.
        assert_eq!(
            kind("A memo praised the chief for “keeping [the depot] open” all winter."),
            Some(QuoteKind::Partial)
        );
        // A directive and its addressee; a bare "call for" is not enough to follow it.
        assert_eq!(
            kind("The captain ordered her deckhands to “hold fast” until dawn."),
            Some(QuoteKind::Partial)
        );
        assert_eq!(
            kind("The mayor closed with a call for the board to “move on” from the dispute."),
            Some(QuoteKind::Partial)
        );
        assert_eq!(
            kind("The deckhands had little to eat and tried to “hold fast” until dawn."),
            Some(QuoteKind::Scare)
        );
        // What is asked for, or issued.
        assert_eq!(
            kind("The landlord forwarded a request for “a small favour” from a tenant."),
            Some(QuoteKind::Partial)
        );
        assert_eq!(
            kind("The league issued a “heartfelt apology” to the fans."),
            Some(QuoteKind::Partial)
        );
        assert_eq!(
            kind("Parking was among the issues “nobody wanted” to touch."),
            Some(QuoteKind::Scare)
        );
        // A label someone gives themselves.
        assert_eq!(
            kind("He is a self-styled “citizen reporter” from the valley."),
            Some(QuoteKind::Partial)
        );
        assert_eq!(
            kind("He is a little-known “citizen reporter” from the valley."),
            Some(QuoteKind::Scare)
        );
        // A view.
        assert_eq!(
            kind("To Ortega, the harbour plan is a “bad bargain” for the town."),
            Some(QuoteKind::Partial)
        );
        assert_eq!(
            kind("Only the owners are “safe” in her eyes."),
            Some(QuoteKind::Partial)
        );
        assert_eq!(
            kind("To make things worse, the plan is a “bad bargain” for the town."),
            Some(QuoteKind::Scare)
        );
        // An epithet before a full name; a middle nickname is part of the name.
        assert_eq!(
            kind("He mocked his rivals (“Sleepy” Anna Berg among them) at every rally."),
            Some(QuoteKind::Partial)
        );
        assert_eq!(
            kind("At the cookout, Thomas “Tommy” Reed grilled for hours."),
            Some(QuoteKind::Scare)
        );
    }
}
