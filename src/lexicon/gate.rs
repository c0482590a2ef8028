//! Gates for rule patterns: what every match of a pattern must contain, and which bytes
//! a match can be made of, read from the pattern's syntax tree when the lexicon is
//! compiled. Boilerplate patterns that read whole lines are gated by the same literals
//! ([`line_gate`]).
//!
//! A pattern such as `\b(?:the|his|her)\s+(?:worst|biggest)\b` starts with words found
//! every few bytes, so the regex engine's own prefilter stops at nearly every "the".
//! Gated, the pattern runs only on the stretches of text that can hold a match: a match
//! contains one of "worst" or "biggest" (found by the term automaton, which reads the
//! text anyway) and consists only of letters and white space, so it lies inside the
//! run of such bytes around that word. Running the regex on those runs alone finds
//! exactly the matches it finds on the whole text (see `detect::terms`).

use crate::text::normalize::{folds_to_space, is_kept};
use regex_syntax::hir::literal::{ExtractKind, Extractor, Literal};
use regex_syntax::hir::{Class, Hir, HirKind, Look};

/// Required literal sets kept per pattern: the rarest, and a second one only when it
/// is rare too (every kept set must occur in a run, so a second set narrows the runs,
/// but its occurrences all have to be collected).
pub(crate) const MAX_SETS: usize = 2;

/// How a rule pattern is gated.
#[derive(Debug, Clone)]
pub(crate) struct PatternGate {
    /// Literal sets such that every match contains a member of each set, rarest
    /// first. Non-empty.
    pub sets: Vec<Vec<GateLiteral>>,
    /// Where the pattern is searched, given where those literals are.
    pub search: GatedSearch,
}

/// A literal of a gate's required set, as the term automaton is given it, with what
/// the pattern says of the bytes around it: an occurrence where no match can hold it
/// ("ever" inside "never" or "every", for `\s+ever\b`) need not be collected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct GateLiteral {
    /// The literal, in lower case.
    pub text: String,
    /// In every match, no ASCII word byte is right before it.
    pub after_non_word: bool,
    /// In every match, no ASCII word byte is right after it.
    pub before_non_word: bool,
}

/// Where a gated pattern is searched.
#[derive(Debug, Clone)]
pub(crate) enum GatedSearch {
    /// In the runs of bytes a match can be made of around the literals, which hold
    /// a member of every set.
    Runs {
        /// `allowed[b]`: byte `b` can occur in a match (of the pattern run on
        /// lower-cased text).
        allowed: Box<[bool; 256]>,
        /// Where matches can start, for a pattern tried at each possible start rather
        /// than scanned for (see [`MatchStarts`]).
        starts: Option<MatchStarts>,
    },
    /// Anchored at each place a member of the one set begins: every match begins
    /// with one. For a pattern whose runs would be whole paragraphs, or whose
    /// literals are all common words, so that no run gate narrows the search. When
    /// every match starts at an ASCII word boundary with a word byte, the literals
    /// count only after a byte that is no word byte ("all" in "small" does not).
    AtLiterals,
}

/// Where the matches of a pattern with a counted repetition can start.
///
/// A pattern like `(?:why|is|was)\b[^.?]{0,200}\?` makes an unanchored search's state
/// machine count, for every question word of a sentence at once, the characters since
/// it; on varied text nearly every byte builds a new state. Tried at each position a
/// match can start, in order, with the search anchored there, the engine counts for
/// one word at a time, and the first match found is the leftmost one, as a scan
/// would report.
#[derive(Debug, Clone)]
pub(crate) struct MatchStarts {
    /// Bit `b` of row `a`: a match can begin with the bytes `a b`, or with `a` at the
    /// end of the text.
    pairs: Box<[[u64; 4]; 256]>,
    /// Every match starts at an ASCII word boundary with a word byte, so the byte
    /// before it is not one.
    after_non_word: bool,
}

impl MatchStarts {
    /// Whether a match can start at byte `i` of `bytes`.
    pub fn can_start(&self, bytes: &[u8], i: usize) -> bool {
        let Some(row) = bytes.get(i).and_then(|&b| self.pairs.get(usize::from(b))) else {
            return false;
        };
        if self.after_non_word && word_byte_before(bytes, i) {
            return false;
        }
        match bytes.get(i + 1) {
            Some(&b) => row
                .get(usize::from(b >> 6))
                .is_some_and(|word| word >> (b & 63) & 1 == 1),
            None => row.iter().any(|&word| word != 0),
        }
    }
}

/// The gate of a pattern compiled case-sensitively for lower-cased text, or `None` when
/// it cannot be gated (see [`run_gate`] and [`opening_gate`], tried in that order).
/// `common` tells frequent words (the pack's stopwords), to prefer sets of rarer ones.
pub(crate) fn pattern_gate(pattern: &str, common: &dyn Fn(&str) -> bool) -> Option<PatternGate> {
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(pattern)
        .ok()?;
    run_gate(&hir, common).or_else(|| opening_gate(&hir))
}

/// A gate to the runs around required literals, or `None` when the pattern can match
/// the empty string, looks around in ways a run boundary could change (anything but
/// ASCII word boundaries and the start of the text), can run across sentences, or
/// requires no set of usable literals rare enough to narrow the search.
fn run_gate(hir: &Hir, common: &dyn Fn(&str) -> bool) -> Option<PatternGate> {
    let props = hir.properties();
    if props.minimum_len().unwrap_or(0) == 0 {
        return None;
    }
    let safe_looks = [
        Look::Start,
        Look::WordAscii,
        Look::WordAsciiNegate,
        Look::WordStartAscii,
        Look::WordEndAscii,
        Look::WordStartHalfAscii,
        Look::WordEndHalfAscii,
    ];
    if props.look_set().iter().any(|l| !safe_looks.contains(&l)) {
        return None;
    }
    let mut sets = required_sets(hir, common);
    sets.sort_by_key(|s| std::cmp::Reverse(rarity(s, common)));
    sets.dedup();
    let first = sets.first().filter(|s| gates(s, common))?.clone();
    let more = sets
        .into_iter()
        .skip(1)
        .filter(|s| rarity(s, common).0 && *s != first)
        .take(MAX_SETS - 1);
    let kept: Vec<Vec<String>> = std::iter::once(first.clone()).chain(more).collect();
    let mut allowed = [false; 256];
    mark_bytes(hir, &mut allowed);
    // A match that can hold spaces and full stops runs across sentences, so its runs
    // are whole paragraphs: the gate would scan each and search it anyway.
    if allowed[usize::from(b'.')] && allowed[usize::from(b' ')] {
        return None;
    }
    let starts = if has_counted_repetition(hir) {
        match_starts(hir)
    } else {
        None
    };
    Some(PatternGate {
        sets: kept
            .into_iter()
            .map(|set| {
                set.into_iter()
                    .map(|text| GateLiteral::in_pattern(hir, text))
                    .collect()
            })
            .collect(),
        search: GatedSearch::Runs {
            allowed: Box::new(allowed),
            starts,
        },
    })
}

/// A gate to the places where a match can begin: when every match begins with one of
/// the pattern's prefix literals, cut to their first piece the term automaton finds
/// ([`usable_pieces`]), the pattern is tried anchored there and nowhere else. It reads
/// the whole text around each, so any look-around is read as in a scan. `None` when
/// the prefixes are many or unbounded, or a piece is shorter than three bytes: a
/// match could then begin every few bytes.
fn opening_gate(hir: &Hir) -> Option<PatternGate> {
    let prefixes = Extractor::new().kind(ExtractKind::Prefix).extract(hir);
    let literals = prefixes.literals()?;
    let mut pieces = Vec::new();
    for literal in literals {
        let piece = usable_pieces(literal.as_bytes())?.next()?;
        if piece.len() < 3 {
            return None;
        }
        pieces.push(piece.to_string());
    }
    pieces.sort();
    pieces.dedup();
    let after_non_word = opens_after_non_word(hir, literals);
    (!pieces.is_empty()).then(|| PatternGate {
        sets: vec![pieces
            .into_iter()
            .map(|text| GateLiteral {
                text,
                after_non_word,
                before_non_word: false,
            })
            .collect()],
        search: GatedSearch::AtLiterals,
    })
}

/// Whether `hir` repeats something a counted number of times with a choice of more
/// than one count (`{0,3}`, `{2,200}`; not `?`, `*` or `+`).
fn has_counted_repetition(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Repetition(r) => {
            r.max.is_some_and(|max| max >= 2 && max > r.min) || has_counted_repetition(&r.sub)
        }
        HirKind::Capture(c) => has_counted_repetition(&c.sub),
        HirKind::Concat(children) | HirKind::Alternation(children) => {
            children.iter().any(has_counted_repetition)
        }
        _ => false,
    }
}

/// Where matches of `hir` can start, from its prefix literals; `None` when that is
/// anywhere.
fn match_starts(hir: &Hir) -> Option<MatchStarts> {
    let prefixes = Extractor::new().kind(ExtractKind::Prefix).extract(hir);
    let literals = prefixes.literals()?;
    let mut pairs = Box::new([[0u64; 4]; 256]);
    for literal in literals {
        match *literal.as_bytes() {
            [] => return None,
            [first] => {
                if let Some(row) = pairs.get_mut(usize::from(first)) {
                    *row = [u64::MAX; 4];
                }
            }
            [first, second, ..] => {
                if let Some(word) = pairs
                    .get_mut(usize::from(first))
                    .and_then(|row| row.get_mut(usize::from(second >> 6)))
                {
                    *word |= 1 << (second & 63);
                }
            }
        }
    }
    Some(MatchStarts {
        pairs,
        after_non_word: opens_after_non_word(hir, literals),
    })
}

/// Whether every match of `hir`, whose matches begin with one of `prefixes`, starts at
/// an ASCII word boundary with a word byte, so that the byte before it is not one.
fn opens_after_non_word(hir: &Hir, prefixes: &[Literal]) -> bool {
    let starts_at_boundary = match hir.kind() {
        HirKind::Concat(children) => children.first().is_some_and(|c| {
            matches!(
                c.kind(),
                HirKind::Look(Look::WordAscii | Look::WordStartAscii | Look::WordStartHalfAscii)
            )
        }),
        _ => false,
    };
    starts_at_boundary
        && prefixes
            .iter()
            .all(|l| l.as_bytes().first().is_some_and(|&b| is_word_byte(b)))
}

impl GateLiteral {
    /// `text`, a member of a required set of `hir`, with the sides of its first place
    /// in every literal of `hir` it is cut from (see [`literal_sides`]). One place
    /// suffices: a match holding such a literal holds the member there.
    fn in_pattern(hir: &Hir, text: String) -> GateLiteral {
        let mut sides = None;
        literal_sides(hir, &text, Side::Unknown, Side::Unknown, &mut sides);
        let (after_non_word, before_non_word) = sides.unwrap_or((false, false));
        GateLiteral {
            text,
            after_non_word,
            before_non_word,
        }
    }
}

/// What a pattern says of the byte next to one of its nodes, read from the node's
/// neighbour.
#[derive(Debug, Clone, Copy)]
enum Side {
    /// Nothing.
    Unknown,
    /// It is no ASCII word byte, or there is none.
    NonWord,
    /// An ASCII word boundary lies between it and the node.
    Boundary,
}

/// For each literal of `hir` whose [`usable_piece`] is `piece`, with `before` and
/// `after` the sides of `hir` itself: whether no ASCII word byte is right before, and
/// right after, the first place of `piece` in it in every match. Combined over all
/// such literals into `found` (both must hold for each).
fn literal_sides(
    hir: &Hir,
    piece: &str,
    before: Side,
    after: Side,
    found: &mut Option<(bool, bool)>,
) {
    match hir.kind() {
        HirKind::Literal(lit) => {
            if usable_piece(&lit.0).as_deref() != Some(piece) {
                return;
            }
            let Some(at) = std::str::from_utf8(&lit.0).ok().and_then(|t| t.find(piece)) else {
                return;
            };
            // Next to a boundary, a word byte at the piece's edge rules a word byte out.
            let non_word = |side: Side, edge: Option<&u8>| match side {
                Side::NonWord => true,
                Side::Boundary => edge.is_some_and(|&b| is_word_byte(b)),
                Side::Unknown => false,
            };
            let after_non_word = match at.checked_sub(1).and_then(|i| lit.0.get(i)) {
                Some(&b) => !is_word_byte(b),
                None => non_word(before, piece.as_bytes().first()),
            };
            let before_non_word = match lit.0.get(at + piece.len()) {
                Some(&b) => !is_word_byte(b),
                None => non_word(after, piece.as_bytes().last()),
            };
            let (all_after, all_before) = found.unwrap_or((true, true));
            *found = Some((all_after && after_non_word, all_before && before_non_word));
        }
        HirKind::Capture(c) => literal_sides(&c.sub, piece, before, after, found),
        // A repeated node may stand next to itself.
        HirKind::Repetition(r) => {
            literal_sides(&r.sub, piece, Side::Unknown, Side::Unknown, found);
        }
        HirKind::Alternation(branches) => {
            for branch in branches {
                literal_sides(branch, piece, before, after, found);
            }
        }
        HirKind::Concat(children) => {
            for (i, child) in children.iter().enumerate() {
                let before = match i.checked_sub(1).and_then(|j| children.get(j)) {
                    Some(prev) => side_from(prev, true),
                    None => before,
                };
                let after = children
                    .get(i + 1)
                    .map_or(after, |next| side_from(next, false));
                literal_sides(child, piece, before, after, found);
            }
        }
        HirKind::Empty | HirKind::Look(_) | HirKind::Class(_) => {}
    }
}

/// The side `node` gives its neighbour: the node that follows it (`to_next`), or the
/// one before it.
fn side_from(node: &Hir, to_next: bool) -> Side {
    // The looks that rule out a word byte on that side of them.
    let clear = if to_next {
        [Look::WordStartAscii, Look::WordStartHalfAscii]
    } else {
        [Look::WordEndAscii, Look::WordEndHalfAscii]
    };
    match node.kind() {
        HirKind::Look(Look::WordAscii) => Side::Boundary,
        HirKind::Look(look) if clear.contains(look) => Side::NonWord,
        _ if edge_is_non_word(node, to_next) => Side::NonWord,
        _ => Side::Unknown,
    }
}

/// Whether every match of `hir` is non-empty and its last (`last`) or first character
/// is no ASCII word character.
fn edge_is_non_word(hir: &Hir, last: bool) -> bool {
    if hir.properties().minimum_len().unwrap_or(0) == 0 {
        return false;
    }
    match hir.kind() {
        HirKind::Literal(lit) => {
            let edge = if last { lit.0.last() } else { lit.0.first() };
            edge.is_some_and(|&b| !is_word_byte(b))
        }
        HirKind::Class(_) => {
            let mut bytes = [false; 256];
            mark_bytes(hir, &mut bytes);
            !bytes
                .iter()
                .zip(0u8..=255)
                .any(|(&can, b)| can && is_word_byte(b))
        }
        HirKind::Repetition(r) => edge_is_non_word(&r.sub, last),
        HirKind::Capture(c) => edge_is_non_word(&c.sub, last),
        HirKind::Concat(children) => {
            let edge = if last {
                children.last()
            } else {
                children.first()
            };
            edge.is_some_and(|c| edge_is_non_word(c, last))
        }
        HirKind::Alternation(branches) => branches.iter().all(|b| edge_is_non_word(b, last)),
        HirKind::Empty | HirKind::Look(_) => false,
    }
}

/// A byte of an ASCII word (what `(?-u:\b)` reads).
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Whether the byte before `pos` in `bytes` is an ASCII word byte, so that a match
/// opening with a word byte and an ASCII word boundary cannot start at `pos`.
pub(crate) fn word_byte_before(bytes: &[u8], pos: usize) -> bool {
    pos.checked_sub(1).is_some_and(|i| word_byte_at(bytes, i))
}

/// Whether the byte at `pos` in `bytes` is an ASCII word byte.
pub(crate) fn word_byte_at(bytes: &[u8], pos: usize) -> bool {
    bytes.get(pos).is_some_and(|&b| is_word_byte(b))
}

/// The gate of a boilerplate pattern (compiled case-sensitively, for lower-cased text,
/// in multi-line mode): when it can read any text from the start of a line before it
/// can fail (`^.*`, `^[^.]*`, `^(?:.*?icon){6}`), so that tried at each line it would
/// read whole lines, the rarest set of literals (cut as [`usable_piece`] cuts them) of
/// which every match contains one. `None` when it stops within a line's first words,
/// or no such set is rare enough to be worth a search ([`gates`]).
pub(crate) fn line_gate(pattern: &str, common: &dyn Fn(&str) -> bool) -> Option<Vec<String>> {
    let hir = regex_syntax::ParserBuilder::new()
        .multi_line(true)
        .build()
        .parse(pattern)
        .ok()?;
    if !opens_with_any_text(&hir) {
        return None;
    }
    required_sets(&hir, common)
        .into_iter()
        .max_by_key(|s| rarity(s, common))
        .filter(|s| gates(s, common))
}

/// Whether a match of `hir` can begin with an unbounded run of letters.
fn opens_with_any_text(hir: &Hir) -> bool {
    let letters = |h: &Hir| {
        let mut bytes = [false; 256];
        mark_bytes(h, &mut bytes);
        bytes.iter().skip(usize::from(b'a')).take(26).all(|&b| b)
    };
    match hir.kind() {
        HirKind::Repetition(r) if r.max.is_none() && letters(&r.sub) => true,
        HirKind::Repetition(r) => opens_with_any_text(&r.sub),
        HirKind::Capture(c) => opens_with_any_text(&c.sub),
        HirKind::Alternation(branches) => branches.iter().any(opens_with_any_text),
        HirKind::Concat(children) => {
            for child in children {
                if opens_with_any_text(child) {
                    return true;
                }
                if child.properties().minimum_len() != Some(0) {
                    return false;
                }
            }
            false
        }
        _ => false,
    }
}

/// Whether searching for a set's literals narrows the text down: a set of short common
/// words ("the", "in") occurs every few bytes, and the regex engine's own literal
/// search finds them as fast.
fn gates(set: &[String], common: &dyn Fn(&str) -> bool) -> bool {
    let (rare, min_len, _) = rarity(set, common);
    rare || min_len >= 4
}

/// How rare a literal set's members are: free of common words first, then by the
/// shortest member (a longer literal occurs less often), then by fewer members.
fn rarity(
    set: &[String],
    common: &dyn Fn(&str) -> bool,
) -> (bool, usize, std::cmp::Reverse<usize>) {
    let min_len = set.iter().map(String::len).min().unwrap_or(0);
    (
        !set.iter().any(|l| is_common(l, common)),
        min_len,
        std::cmp::Reverse(set.len()),
    )
}

/// A stopword, or a word of one or two letters: found every few bytes.
fn is_common(literal: &str, common: &dyn Fn(&str) -> bool) -> bool {
    common(literal) || (literal.len() <= 2 && literal.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// The longest piece of `literal` that the term automaton finds wherever the literal
/// occurs in the lower-cased text. It reads the text normalized: hyphens and white
/// space as one space, which the literal, normalized when it is added, reads the same
/// way ("epa-efe" is found as "epa efe", and is far rarer than "epa" or "efe" alone);
/// curly apostrophes as straight ones. So a piece ends at a straight apostrophe (which
/// stands for the curly ones), a control character or any other character that
/// normalization changes, and does not begin or end with a space; a text holding the
/// literal holds each of its pieces.
fn usable_piece(literal: &[u8]) -> Option<String> {
    std::str::from_utf8(literal)
        .ok()?
        .split(|c: char| c == '\'' || c.is_control() || !(is_kept(c) || folds_to_space(c)))
        .map(|piece| piece.trim_matches(folds_to_space))
        .max_by_key(|piece| piece.len())
        .filter(|piece| !piece.is_empty())
        .map(str::to_string)
}

/// `literal` cut at every character the term automaton may find changed, spaces and
/// hyphens included, in order; `None` if it is not text. The first piece begins where
/// the literal does, or is empty.
fn usable_pieces(literal: &[u8]) -> Option<impl Iterator<Item = &str>> {
    Some(
        std::str::from_utf8(literal)
            .ok()?
            .split(|c: char| c == '\'' || c.is_control() || !is_kept(c)),
    )
}

/// Sets of literals such that every match of `hir` contains a member of each set.
fn required_sets(hir: &Hir, common: &dyn Fn(&str) -> bool) -> Vec<Vec<String>> {
    match hir.kind() {
        HirKind::Literal(lit) => usable_piece(&lit.0)
            .map(|piece| vec![vec![piece]])
            .unwrap_or_default(),
        HirKind::Capture(c) => required_sets(&c.sub, common),
        HirKind::Repetition(r) if r.min >= 1 => required_sets(&r.sub, common),
        HirKind::Concat(children) => children
            .iter()
            .flat_map(|c| required_sets(c, common))
            .collect(),
        HirKind::Alternation(branches) => {
            // Every branch must contribute a set; their union is required.
            let mut union: Vec<String> = Vec::new();
            for branch in branches {
                let best = required_sets(branch, common)
                    .into_iter()
                    .max_by_key(|s| rarity(s, common));
                match best {
                    Some(set) => union.extend(set),
                    None => return Vec::new(),
                }
            }
            union.sort();
            union.dedup();
            vec![union]
        }
        _ => Vec::new(),
    }
}

/// Marks every byte that can occur in a match of `hir`.
fn mark_bytes(hir: &Hir, allowed: &mut [bool; 256]) {
    let mut mark = |from: u32, to: u32| {
        for b in from..=to.min(255) {
            if let Some(slot) = allowed.get_mut(b as usize) {
                *slot = true;
            }
        }
    };
    match hir.kind() {
        HirKind::Literal(lit) => lit.0.iter().for_each(|&b| mark(b.into(), b.into())),
        HirKind::Class(Class::Bytes(class)) => class
            .ranges()
            .iter()
            .for_each(|r| mark(r.start().into(), r.end().into())),
        HirKind::Class(Class::Unicode(class)) => {
            for r in class.ranges() {
                let (from, to) = (u32::from(r.start()), u32::from(r.end()));
                if from < 0x80 {
                    mark(from, to.min(0x7F));
                }
                // Any character beyond ASCII: all of its bytes are 0x80 and above.
                if to >= 0x80 {
                    mark(0x80, 0xFF);
                }
            }
        }
        HirKind::Repetition(r) => mark_bytes(&r.sub, allowed),
        HirKind::Capture(c) => mark_bytes(&c.sub, allowed),
        HirKind::Concat(children) | HirKind::Alternation(children) => {
            children.iter().for_each(|c| mark_bytes(c, allowed));
        }
        HirKind::Empty | HirKind::Look(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stop(word: &str) -> bool {
        matches!(word, "the" | "most" | "said" | "what")
    }

    /// The literal sets of a pattern's gate to runs.
    fn sets(pattern: &str) -> Option<Vec<Vec<String>>> {
        pattern_gate(pattern, &stop)
            .filter(|g| matches!(g.search, GatedSearch::Runs { .. }))
            .map(|g| texts(&g.sets))
    }

    /// The literals of a pattern's gate to runs, each with whether it counts only after
    /// a byte that is no word byte, and only before one.
    fn sides(pattern: &str) -> Option<Vec<Vec<(String, bool, bool)>>> {
        pattern_gate(pattern, &stop)
            .filter(|g| matches!(g.search, GatedSearch::Runs { .. }))
            .map(|g| {
                g.sets
                    .iter()
                    .map(|set| {
                        set.iter()
                            .map(|l| (l.text.clone(), l.after_non_word, l.before_non_word))
                            .collect()
                    })
                    .collect()
            })
    }

    #[test]
    fn literals_know_the_bytes_their_pattern_puts_around_them() {
        let sided = |text: &str, after: bool, before: bool| (text.to_string(), after, before);
        // White space and word boundaries around "ever": no match holds the "ever"
        // of "never" or "every".
        assert_eq!(
            sides(r"(?:could|would)\s+ever(?-u:\b)"),
            Some(vec![
                vec![sided("could", false, true), sided("would", false, true)],
                vec![sided("ever", true, true)]
            ])
        );
        // Next to what may be absent, or to the next repetition of itself, nothing is
        // known; inside one repetition the neighbour tells.
        assert_eq!(
            sides(r"(?:very\s+)?worst(?:\s+ever)+"),
            Some(vec![
                vec![sided("worst", false, true)],
                vec![sided("ever", true, false)]
            ])
        );
        // A piece cut from a longer literal reads the literal's own bytes.
        assert_eq!(
            sides(r"(?:x|y)\s+don't\s+stop"),
            Some(vec![
                vec![sided("stop", true, false)],
                vec![sided("don", true, true)]
            ])
        );
        // A word boundary tells only beside a word byte; letters tell nothing.
        assert_eq!(
            sides(r"(?-u:\b)u\.s\.-backed"),
            Some(vec![vec![sided("u.s.-backed", true, false)]])
        );
        assert_eq!(
            sides(r"(?:worst|best)ever"),
            Some(vec![
                vec![sided("ever", false, false)],
                vec![sided("best", false, false), sided("worst", false, false)]
            ])
        );
    }

    /// The texts of a gate's literal sets.
    fn texts(sets: &[Vec<GateLiteral>]) -> Vec<Vec<String>> {
        sets.iter()
            .map(|set| set.iter().map(|l| l.text.clone()).collect())
            .collect()
    }

    /// The literals of a pattern's gate to the places its matches begin, and whether
    /// they count only after a byte that is no word byte.
    fn openings(pattern: &str) -> Option<(Vec<String>, bool)> {
        let gate = pattern_gate(pattern, &stop)?;
        match (gate.search, gate.sets.as_slice()) {
            (GatedSearch::AtLiterals, [set]) => Some((
                set.iter().map(|l| l.text.clone()).collect(),
                set.iter().all(|l| l.after_non_word),
            )),
            _ => None,
        }
    }

    fn starts(pattern: &str) -> Option<MatchStarts> {
        match pattern_gate(pattern, &stop)?.search {
            GatedSearch::Runs { starts, .. } => starts,
            GatedSearch::AtLiterals => None,
        }
    }

    #[test]
    fn rare_required_words_gate_a_pattern() {
        assert_eq!(
            sets(r"(?-u:\b)(?:the|his)\s+(?:worst|biggest)(?-u:\b)"),
            Some(vec![vec!["biggest".to_string(), "worst".to_string()]])
        );
        // Punctuation is rarer than the common words a question starts with.
        assert_eq!(
            sets(r"(?-u:\b)(?:is|what)(?-u:\b)[^.!?\n]{0,200}\?"),
            Some(vec![vec!["?".to_string()]])
        );
        // A second rare set is kept; a common one is not.
        assert_eq!(
            sets(r"critics\s+(?:warned|argued)\s+the"),
            Some(vec![
                vec!["critics".to_string()],
                vec!["argued".to_string(), "warned".to_string()]
            ])
        );
    }

    #[test]
    fn a_branch_without_a_literal_leaves_the_alternation_ungated() {
        assert_eq!(
            sets(r"(?:worst|[a-z]+est)\s+ever"),
            Some(vec![
                vec!["ever".to_string()],
                vec!["est".to_string(), "worst".to_string()]
            ])
        );
        assert_eq!(sets(r"worst|[a-z]+"), None);
    }

    #[test]
    fn patterns_that_can_be_empty_or_look_at_line_ends_are_not_gated_to_runs() {
        assert!(sets(r"(?:worst)?").is_none());
        assert!(openings(r"(?:worst)?").is_none());
        assert!(sets(r"worst$").is_none());
        assert!(sets(r"(?m)^worst").is_none());
        assert!(
            sets(r"\bworst\b").is_none(),
            "Unicode word boundaries read whole characters"
        );
        // Tried where they begin, they read the text around as a scan does.
        let worst = Some((vec!["worst".to_string()], false));
        assert_eq!(openings(r"worst$"), worst);
        assert_eq!(openings(r"(?m)^worst"), worst);
        assert_eq!(openings(r"\bworst\b"), worst);
    }

    #[test]
    fn patterns_that_run_across_sentences_are_not_gated_to_runs() {
        assert!(sets(r"what\s+[\w.]+\s+called").is_none());
        assert_eq!(
            openings(r"(?-u:\b)what\s+[\w.]+\s+called"),
            Some((vec!["what".to_string()], true))
        );
        // Either alone keeps a run inside a sentence or a word.
        assert!(sets(r"what\s+\w+\s+called").is_some());
        assert!(sets(r"u\.s\.-backed").is_some());
        assert_eq!(
            sets(r#"(?-u:\b)(?:why|is)(?-u:\b)[^.!?\n"“”]{0,200}\?"#),
            Some(vec![vec!["?".to_string()]])
        );
    }

    #[test]
    fn literals_are_cut_to_what_the_normalized_text_keeps() {
        // The automaton reads a hyphen or white space as one space, in the literal as
        // in the text: "jaw-dropping" and "in history" are found whole, spaces at a
        // piece's ends trimmed.
        assert_eq!(
            sets(r"jaw-dropping|in history"),
            Some(vec![vec![
                "in history".to_string(),
                "jaw-dropping".to_string()
            ]])
        );
        assert_eq!(
            sets(r"- reuters/epa-efe -"),
            Some(vec![vec!["reuters/epa-efe".to_string()]])
        );
        assert_eq!(
            sets(r"don't\s+stop"),
            Some(vec![vec!["stop".to_string()], vec!["don".to_string()]])
        );
        assert_eq!(sets(r"'\s+'"), None);
        // Characters beyond ASCII that the normalization keeps stay; curly apostrophes,
        // which it changes, cut.
        assert_eq!(sets(r"©\s+[a-z]+"), Some(vec![vec!["©".to_string()]]));
        assert_eq!(
            sets(r"isn’t\s+true"),
            Some(vec![vec!["true".to_string()], vec!["isn".to_string()]])
        );
    }

    #[test]
    fn common_words_alone_do_not_gate_runs() {
        assert_eq!(sets(r"(?-u:\b)(?:the|in)\s+(?:it|he)\s+[a-z]+"), None);
        // They gate where matches begin, unless a match can begin with a word of two
        // letters, or with a piece that is cut (a straight apostrophe stands for the
        // curly ones).
        assert_eq!(
            openings(r"(?-u:\b)(?:most|all\s+but)\s+(?:it|he)(?-u:\b)"),
            Some((vec!["all".to_string(), "most".to_string()], true))
        );
        assert_eq!(openings(r"(?-u:\b)(?:the|in)\s+(?:it|he)\s+[a-z]+"), None);
        assert_eq!(openings(r"'tis\s+(?:it|he)"), None);
        assert_eq!(openings(r"(?:[a-z]+|most)\s+(?:it|he)"), None);
        // Without a word boundary before, "most" counts inside "almost" too.
        assert_eq!(
            openings(r"most\s+[\w.]+"),
            Some((vec!["most".to_string()], false))
        );
        assert_eq!(
            sets(r"(?-u:\b)(?:the|in)\s+most\s+[a-z]+"),
            Some(vec![vec!["most".to_string()]])
        );
    }

    #[test]
    fn only_counted_repetitions_are_tried_at_their_starts() {
        assert!(starts(r"(?-u:\b)(?:why|is)(?-u:\b)[^.!?\n]{0,200}\?").is_some());
        assert!(starts(r"(?-u:\b)(?:the|his)\s+biggest(?:\s+\w+){0,3}?\s+ever").is_some());
        // `?`, `*`, `+` and a fixed count choose no count.
        assert!(starts(r"(?-u:\b)(?:the|his)\s+(?:very\s+)?biggest\s+ever").is_none());
        assert!(starts(r"(?-u:\b)biggest\s+\w*\s+ever").is_none());
        assert!(starts(r"(?-u:\b)biggest(?:\s+\w+){2}\s+ever").is_none());
        // Matches that can start with any of many bytes are scanned for.
        assert!(starts(r"[a-z]+est(?:\s+\w+){0,3}\s+ever").is_none());
    }

    #[test]
    fn starts_are_read_from_two_bytes_and_the_word_boundary() {
        let Some(starts) = starts(r"(?-u:\b)(?:why|is)(?-u:\b)[^.!?\n]{0,200}\?") else {
            panic!("tried at starts");
        };
        let can = |text: &str, i: usize| starts.can_start(text.as_bytes(), i);
        assert!(can("is it?", 0));
        assert!(can("so, why?", 4));
        // "is" inside "this" is not at a word start.
        assert!(!can("this?", 2));
        // The first two bytes of "island" are those of "is": the regex decides.
        assert!(can("island?", 0));
        assert!(!can("was it?", 0));
        assert!(!can("wait?", 0));
        // A last byte that begins a literal can start a match as far as the table
        // knows; past the end nothing can.
        assert!(can("w", 0));
        assert!(!can("is", 2));
    }

    #[test]
    fn only_boilerplate_patterns_that_read_whole_lines_are_gated() {
        let gate = |p: &str| line_gate(p, &stop);
        assert_eq!(
            gate(r"^.*(?-u:\b)all\s+rights\s+reserved(?-u:\b)"),
            Some(vec!["reserved".to_string()])
        );
        assert!(gate(r"^[^.!?\n]*getty\s+images").is_some());
        assert_eq!(gate(r"^(?:.*?icon){6}"), Some(vec!["icon".to_string()]));
        assert!(gate(r"^\s*(?:©|copyright)|^.*(?-u:\b)reserved(?-u:\b)").is_some());
        // White space, then words that settle a line at its start.
        assert_eq!(gate(r"^\s*read\s+more\s*:"), None);
        assert_eq!(gate(r"^\s*newsletters?(?-u:\b).*$"), None);
        // Whole lines, but nothing rare to look for.
        assert_eq!(gate(r"^.*\s+the$"), None);
    }

    #[test]
    fn allowed_bytes_cover_classes_and_literals() {
        let Some(GatedSearch::Runs { allowed, .. }) =
            pattern_gate(r"the\s+\w+est", &stop).map(|g| g.search)
        else {
            panic!("gated to runs");
        };
        for b in [b't', b'h', b'e', b' ', b'\n', b'x', b'_', b'7', 0xC3, 0xFF] {
            assert!(allowed[usize::from(b)], "{b}");
        }
        for b in [b'.', b',', b'"', b'-', b'?'] {
            assert!(!allowed[usize::from(b)], "{b}");
        }
    }
}
