//! The term automaton: every literal of a lexicon in one table, walked once over each
//! article's text with overlapping matches.
//!
//! The literals are in normal form ([`crate::text::normalize`]), and the walk reads
//! the text as if it were: the table gives the two cases of an ASCII letter one
//! column and every space byte (white space, `-`) the column of the space; a state
//! entered on a space stays where it is on another, so a run of spaces reads as one;
//! and [`walk_bytes`] hands it the characters beyond ASCII that fold already folded.
//!
//! The automaton crate builds the Aho-Corasick trie with its failure links; this module
//! turns it into a DFA table laid out for the walk. The crate's own DFA numbers states
//! as its trie was built, pattern by pattern, so the states a text visits most (the
//! first letters of words) lie scattered over megabytes and nearly every byte read
//! misses the cache. Numbered breadth first, the shallow states come first and share a
//! few hundred kilobytes.

use std::collections::VecDeque;

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::nfa::noncontiguous::NFA;
use aho_corasick::{Anchored, MatchKind};

use crate::text::ceil_char_boundary;
use crate::text::normalize::{is_space_byte, walk_bytes, IGNORED};

/// Set in a transition whose target state reports matches; the rest of the value is
/// the target's row offset in the table.
const MATCHES: u32 = 1 << 31;

/// Row offset of the start state: the first numbered.
const START: u32 = 0;

/// Parts of a text walked at once (see [`TermAutomaton::walk`]).
const WAYS: usize = 4;

/// The shortest part worth a walk of its own, in bytes.
const MIN_PART: usize = 512;

thread_local! {
    /// The lists of reporting states each part of a walk reaches, kept between texts
    /// on a thread so that only its first text's allocate. Taken out while in use.
    static REACHED: std::cell::Cell<[Vec<(usize, u32)>; WAYS]> = std::cell::Cell::default();
}

/// The most entries a kept list of [`REACHED`] may have room for: far above a news
/// article's.
const KEPT_REPORTS: usize = 1 << 16;

/// The shift of [`TermAutomaton::reciprocal`]: above the largest row offset, which is
/// under [`MATCHES`] (2^31), and small enough that an offset times the reciprocal
/// (at most 2^32) stays under 2^63.
const ROW_SHIFT: u32 = 32;

/// `width`'s reciprocal for [`TermAutomaton::state_of`]: 2^[`ROW_SHIFT`] / `width`,
/// rounded up.
fn reciprocal_of(width: u32) -> u64 {
    (1u64 << ROW_SHIFT).div_ceil(u64::from(width))
}

/// A literal that a state reports.
#[derive(Debug, Clone, Copy)]
struct Reported {
    literal: u32,
    /// Its length in bytes.
    len: u32,
    /// Whether it holds a space or an apostrophe, which a text may spell with more
    /// bytes: where it starts is then counted back ([`start_of`]).
    stretchy: bool,
}

/// A crate state not yet given a row.
const UNSEEN: u32 = u32::MAX;

/// Records that the crate's state `state` has the row at `row`.
fn set_row(row_of: &mut Vec<u32>, state: StateID, row: u32) {
    let i = state.as_usize();
    if row_of.len() <= i {
        row_of.resize(i + 1, UNSEEN);
    }
    if let Some(slot) = row_of.get_mut(i) {
        *slot = row;
    }
}

/// Literals in normal form found with overlaps in text read as normalized.
#[derive(Debug)]
pub(crate) struct TermAutomaton {
    /// The column of each byte: bytes that no literal holds share one column, an
    /// upper-case ASCII letter shares its lower-case letter's, every space byte the
    /// space's, and [`IGNORED`] has its own.
    columns: [u8; 256],
    /// Transitions, one row of `width` per state: the next state's row offset, with
    /// [`MATCHES`] set when it reports matches. Padded with unreached entries to a
    /// power of two, so that the walk's reads are masked into it rather than checked.
    table: Vec<u32>,
    /// For each state (by row), the range of `matched` it reports.
    reports: Vec<(u32, u32)>,
    /// The literals reported by the states, each state's in the crate's order, with
    /// what finding where they start needs: read in one place, not three.
    matched: Vec<Reported>,
    /// Row width: the number of columns.
    width: u32,
    /// `width`'s reciprocal, 2^[`ROW_SHIFT`] / `width` rounded up: a row offset times
    /// it, shifted, is the row's number, without a division (see [`Self::state_of`]).
    reciprocal: u64,
    /// The length of the longest literal, in bytes.
    longest: usize,
}

impl TermAutomaton {
    /// Compiles `literals`, in normal form, found in any ASCII case.
    pub(crate) fn new<T: AsRef<[u8]>>(literals: &[T]) -> Result<Self, String> {
        // A DFA table whatever the number of literals keeps the cost of a byte flat
        // from a hundred terms to tens of thousands; it is filled from the crate's
        // trie (its transitions follow the failure links), not from the crate's DFA,
        // which would be built only to be copied, at twice the peak memory.
        let nfa = NFA::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .prefilter(false)
            .build(literals)
            .map_err(|e| format!("cannot build the term matcher: {e}"))?;
        let (columns, representatives) = columns_of(literals);
        let space_column = columns[usize::from(b' ')];
        let width = u32::try_from(representatives.len()).map_err(|_| "too many columns")?;
        let start = nfa
            .start_state(Anchored::No)
            .map_err(|e| format!("cannot start the term matcher: {e}"))?;

        // Breadth-first numbering from the start state.
        let mut order = vec![start];
        // The row of each of the crate's states, by its id (the crate numbers its
        // trie's states from zero); `UNSEEN` until reached.
        let mut row_of: Vec<u32> = Vec::new();
        set_row(&mut row_of, start, 0);
        let mut queue = VecDeque::from([start]);
        let too_big = || "the term matcher has too many states".to_string();
        let mut table = Vec::new();
        // The rows entered on a space: each stays where it is on another.
        let mut entered_on_space = Vec::new();
        while let Some(state) = queue.pop_front() {
            let own_row = row_of.get(state.as_usize()).copied().unwrap_or(START);
            for &byte in &representatives {
                if byte == IGNORED {
                    table.push(own_row);
                    continue;
                }
                let next = nfa.next_state(Anchored::No, state, byte);
                let row = match row_of.get(next.as_usize()) {
                    Some(&row) if row != UNSEEN => row,
                    _ => {
                        let row = u32::try_from(order.len())
                            .ok()
                            .and_then(|n| n.checked_mul(width))
                            .filter(|&r| r < MATCHES)
                            .ok_or_else(too_big)?;
                        set_row(&mut row_of, next, row);
                        order.push(next);
                        queue.push_back(next);
                        row
                    }
                };
                if byte == b' ' {
                    entered_on_space.push(row);
                }
                let flag = if nfa.is_match(next) { MATCHES } else { 0 };
                table.push(row | flag);
            }
        }
        // A literal in normal form holds no two spaces in a row, so no state goes on
        // from a space on a space: the loop loses no match, and reports nothing anew.
        for row in entered_on_space {
            if let Some(slot) = table.get_mut((row + u32::from(space_column)) as usize) {
                *slot = row;
            }
        }
        table.resize(table.len().next_power_of_two(), START);
        // The walk's mask must drop the report flag (see `step`).
        if table.len() > MATCHES as usize {
            return Err(too_big());
        }
        // Each literal's report, made once: states that share a literal copy it.
        let each_literal: Vec<Reported> = literals
            .iter()
            .enumerate()
            .map(|(p, l)| {
                let id = aho_corasick::PatternID::new(p).map_err(|e| e.to_string())?;
                Ok(Reported {
                    literal: id.as_u32(),
                    len: u32::try_from(nfa.pattern_len(id)).map_err(|_| too_big())?,
                    stretchy: l.as_ref().iter().any(|&b| b == b' ' || b == b'\''),
                })
            })
            .collect::<Result<_, String>>()?;
        let mut reports = Vec::with_capacity(order.len());
        let mut matched = Vec::new();
        for &state in &order {
            let first = u32::try_from(matched.len()).map_err(|_| too_big())?;
            if nfa.is_match(state) {
                for k in 0..nfa.match_len(state) {
                    let literal = nfa.match_pattern(state, k).as_usize();
                    matched.extend(each_literal.get(literal).copied());
                }
            }
            let last = u32::try_from(matched.len()).map_err(|_| too_big())?;
            reports.push((first, last));
        }
        Ok(TermAutomaton {
            columns,
            table,
            reports,
            matched,
            longest: each_literal
                .iter()
                .map(|r| r.len as usize)
                .max()
                .unwrap_or(0),
            reciprocal: reciprocal_of(width),
            width,
        })
    }

    /// Calls `found(literal, start, end)` for every occurrence of every literal in
    /// `text` read as normalized, overlapping ones included, in order of end and then
    /// of the automaton crate's match list: what its overlapping iterator reports over
    /// the normalized text. `start..end` is the occurrence's place in `text`, whole
    /// characters.
    pub(crate) fn for_each_overlapping(
        &self,
        text: &str,
        mut found: impl FnMut(usize, usize, usize),
    ) {
        let bytes = walk_bytes(text);
        let mut parts = REACHED.take();
        for part in &mut parts {
            part.clear();
            // With the default pack, news text reaches a reporting state about once in
            // 50 bytes, and seldom more than once in 16 even in a single sentence: room
            // for that spares the doublings from empty.
            part.reserve(text.len() / 16 / WAYS + 8);
        }
        self.walk(&bytes, &mut parts);
        for &(end, row) in parts.iter().flatten() {
            let (first, last) = self
                .reports
                .get(self.state_of(row))
                .copied()
                .unwrap_or((0, 0));
            for r in self
                .matched
                .get(first as usize..last as usize)
                .unwrap_or(&[])
            {
                // Any other literal is read one byte of text a byte.
                let start = if r.stretchy {
                    start_of(&bytes, end, r.len as usize)
                } else {
                    end.saturating_sub(r.len as usize)
                };
                found(r.literal as usize, start, ceil_char_boundary(text, end));
            }
        }
        // Lists grown by an outsized text are dropped rather than held for the
        // thread's life.
        if parts.iter().all(|p| p.capacity() <= KEPT_REPORTS) {
            REACHED.set(parts);
        }
    }

    /// Walks the automaton over `bytes`; pushes onto `parts`, in text order (the
    /// first part's, then the second's...), each state that reports matches as
    /// (offset just past the byte that led to it, row).
    ///
    /// Each step waits for the table read of the step before, and most reads miss the
    /// nearest cache, so a long text is walked as four parts at once: their reads
    /// overlap. Each part's walk after the first starts where `longest` normalized
    /// bytes precede the part. A state is the longest stretch just read that begins a
    /// literal, never longer than the longest literal, so from the part's start on it
    /// is where a single walk would be; what it reports before, the part before
    /// reports.
    #[inline(never)]
    fn walk(&self, bytes: &[u8], parts: &mut [Vec<(usize, u32)>; WAYS]) {
        let [first, ..] = parts;
        // A short text (a headline, a sentence) is walked at once: finding where a
        // part's walk starts costs about as much as walking a hundred bytes.
        if bytes.len() < WAYS * MIN_PART {
            self.walk_from(bytes, 0, bytes.len(), 0, START, first);
            return;
        }
        let cuts: [usize; WAYS + 1] = std::array::from_fn(|k| bytes.len() * k / WAYS);
        let starts: [usize; WAYS] = std::array::from_fn(|k| match k {
            0 => 0,
            _ => start_of(bytes, cuts[k], self.longest),
        });
        // Parts too short to start after the one before (the longest literal is
        // longer than a part): one walk.
        if starts.windows(2).any(|w| w[1] <= w[0]) {
            self.walk_from(bytes, 0, bytes.len(), 0, START, first);
            return;
        }
        let ends: [usize; WAYS] = std::array::from_fn(|k| cuts[k + 1]);
        let together = (0..WAYS).map(|k| ends[k] - starts[k]).min().unwrap_or(0);
        // Each part cut to the same length, so that one index reads all four unchecked.
        let part = |k: usize| {
            bytes
                .get(starts[k]..starts[k] + together)
                .unwrap_or_default()
        };
        let (a, b, c, d) = (part(0), part(1), part(2), part(3));
        let mut rows = [START; WAYS];
        for i in 0..a.len().min(b.len()).min(c.len()).min(d.len()) {
            rows = [
                self.step(rows[0], a[i]),
                self.step(rows[1], b[i]),
                self.step(rows[2], c[i]),
                self.step(rows[3], d[i]),
            ];
            // A row keeps its flag: the next step's mask drops it.
            if (rows[0] | rows[1] | rows[2] | rows[3]) & MATCHES != 0 {
                for k in 0..WAYS {
                    if rows[k] & MATCHES != 0 {
                        let end = starts[k] + i + 1;
                        if end > cuts[k] {
                            parts[k].push((end, rows[k] & !MATCHES));
                        }
                    }
                }
            }
        }
        // The parts' walks go on alone to their ends.
        for (k, part) in parts.iter_mut().enumerate() {
            self.walk_from(bytes, starts[k] + together, ends[k], cuts[k], rows[k], part);
        }
    }

    /// Walks from the state at `row` over `bytes[from..to]`, as [`Self::walk`],
    /// reporting only what ends after `floor`.
    fn walk_from(
        &self,
        bytes: &[u8],
        from: usize,
        to: usize,
        floor: usize,
        mut row: u32,
        reached: &mut Vec<(usize, u32)>,
    ) {
        for (i, &byte) in bytes.get(from..to).unwrap_or_default().iter().enumerate() {
            row = self.step(row, byte);
            if row & MATCHES != 0 {
                let end = from + i + 1;
                if end > floor {
                    reached.push((end, row & !MATCHES));
                }
            }
        }
    }

    /// The number of the state at `row`. A row offset is a multiple of the width,
    /// `k * width`; times the reciprocal, `(2^ROW_SHIFT + e) / width` with `e` under
    /// the width, it is `k * 2^ROW_SHIFT + k * e`, and `k * e` is under the offset,
    /// under `2^ROW_SHIFT`: the shift leaves `k` exactly, where a division would wait
    /// on the divider at every report.
    fn state_of(&self, row: u32) -> usize {
        debug_assert!(row % self.width == 0 && row < MATCHES);
        ((u64::from(row) * self.reciprocal) >> ROW_SHIFT) as usize
    }

    /// The transition from the state at `row` on `byte`.
    #[inline(always)]
    fn step(&self, row: u32, byte: u8) -> u32 {
        let column = usize::from(self.columns[usize::from(byte)]);
        // Rows are built whole, so a row offset and a column always index the table
        // before its padding; masked to its length (a power of two, at most
        // `MATCHES`), the index needs no check, and a row may keep its flag.
        let mask = self.table.len().wrapping_sub(1);
        self.table
            .get((row as usize + column) & mask)
            .copied()
            .unwrap_or(START)
    }

    /// Number of transitions in the table, without its padding: a row per state.
    #[cfg(test)]
    pub(crate) fn table_len(&self) -> usize {
        self.reports.len() * self.width as usize
    }
}

/// Where the `len` normalized bytes that end at `end` of `bytes` (as [`walk_bytes`]
/// gives them) start: an ignored byte counts for nothing, and a run of space bytes for
/// one space, at its first.
// Kept out of the walk, where inlined it cost the walk's loop its registers.
#[inline(never)]
fn start_of(bytes: &[u8], end: usize, len: usize) -> usize {
    let mut at = end;
    let mut left = len;
    while left > 0 {
        let Some(before) = at.checked_sub(1) else {
            break;
        };
        at = before;
        match bytes.get(at) {
            Some(&IGNORED) => continue,
            Some(&b) if is_space_byte(b) => at = run_start(bytes, at),
            _ => {}
        }
        left -= 1;
    }
    at
}

/// The first byte of the run of space bytes that holds the one at `at`, across the
/// ignored bytes of folded spaces.
fn run_start(bytes: &[u8], mut at: usize) -> usize {
    loop {
        let mut before = at;
        while before > 0 && bytes.get(before - 1) == Some(&IGNORED) {
            before -= 1;
        }
        match before.checked_sub(1) {
            Some(i) if bytes.get(i).is_some_and(|&b| is_space_byte(b)) => at = i,
            _ => return at,
        }
    }
}

/// The column of every byte, and one byte standing for each column: a byte that some
/// literal holds has its own (shared by the two cases of an ASCII letter, as the
/// automaton ignores ASCII case, and by every space byte if it is the space), the
/// bytes no literal holds share one, where the automaton treats them all alike, and
/// [`IGNORED`] has the last, on which every state stays where it is.
fn columns_of<T: AsRef<[u8]>>(literals: &[T]) -> ([u8; 256], Vec<u8>) {
    let mut used = [false; 256];
    for literal in literals {
        for &b in literal.as_ref() {
            used[usize::from(b.to_ascii_lowercase())] = true;
        }
    }
    let unused = (0..=255u8).find(|&b| !used[usize::from(b.to_ascii_lowercase())]);
    let mut representatives: Vec<u8> = unused.into_iter().collect();
    let mut columns = [0u8; 256];
    // Lower-case bytes first, so that an upper-case letter finds its column set.
    for byte in (0..=255u8).filter(|b| !b.is_ascii_uppercase()) {
        if used[usize::from(byte)] {
            // At most 230 columns with the unused one: the upper-case letters have none
            // of their own, and no text holds the ignored byte.
            columns[usize::from(byte)] = representatives.len() as u8;
            representatives.push(byte);
        }
    }
    for byte in b'A'..=b'Z' {
        columns[usize::from(byte)] = columns[usize::from(byte.to_ascii_lowercase())];
    }
    for byte in (0..=255u8).filter(|&b| is_space_byte(b)) {
        columns[usize::from(byte)] = columns[usize::from(b' ')];
    }
    columns[usize::from(IGNORED)] = representatives.len() as u8;
    representatives.push(IGNORED);
    (columns, representatives)
}

#[cfg(test)]
mod tests {
    use super::{TermAutomaton, MIN_PART, WAYS};

    /// `text` in normal form, with the place in `text` of the character each of its
    /// bytes comes from.
    fn normal_form_with_origins(text: &str) -> (String, Vec<(usize, usize)>) {
        let (mut normal, mut origins) = (String::new(), Vec::new());
        for (at, c) in text.char_indices() {
            let mut buf = [0; 4];
            let folded = crate::text::normalize::normalize(c.encode_utf8(&mut buf)).into_owned();
            if folded == " " && normal.ends_with(' ') {
                continue;
            }
            normal.push_str(&folded);
            origins.extend(std::iter::repeat_n((at, at + c.len_utf8()), folded.len()));
        }
        (normal, origins)
    }

    proptest::proptest! {
        /// The table reports what the automaton crate's overlapping iterator reports
        /// over the text in normal form, in the same order, at the same characters of
        /// the text: for literals that nest, overlap and share prefixes and suffixes,
        /// and texts in both cases, with bytes no literal holds, runs of spaces and
        /// hyphens, and curly apostrophes and Unicode spaces that fold.
        #[test]
        fn reports_what_the_automaton_crate_reports(
            literals in proptest::collection::vec("[abA ’-]{1,4}", 1..12),
            // Short texts, walked at once, and texts long enough to be walked in parts.
            text in proptest::prop_oneof![
                "[abAB ’é\\-\n\u{a0}\u{2010}ʼ]{0,60}",
                "[abAB ’é\\-\n\u{a0}\u{2010}ʼ]{1200,1500}",
            ],
        ) {
            let literals: Vec<String> = literals
                .iter()
                .map(|l| crate::text::normalize::normalize_term(l))
                .filter(|l| !l.is_empty())
                .collect();
            let automaton = TermAutomaton::new(&literals);
            let iterator = aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(&literals);
            let (Ok(automaton), Ok(iterator)) = (automaton, iterator) else {
                return Err(proptest::test_runner::TestCaseError::fail("no automaton"));
            };
            let mut found = Vec::new();
            automaton.for_each_overlapping(&text, |p, s, e| found.push((p, s, e)));
            let (normal, origins) = normal_form_with_origins(&text);
            let expected: Vec<(usize, usize, usize)> = iterator
                .find_overlapping_iter(&normal)
                .map(|m| (m.pattern().as_usize(), origins[m.start()].0, origins[m.end() - 1].1))
                .collect();
            proptest::prop_assert_eq!(found, expected);
        }
    }

    #[test]
    fn a_literal_across_the_middle_is_found_once() {
        // A text long enough to be walked in parts, which meet at bytes 512, 1025 and
        // 1537; 1025 lies inside "middle": "mid" ends before it, "middl" at it, "dle"
        // and "middle" after it.
        let text = format!("{}middle{}", "a".repeat(1020), "b".repeat(1024));
        assert!(text.len() >= WAYS * MIN_PART);
        let literals = ["middle", "mid", "dle", "a", "middl"];
        let automaton = TermAutomaton::new(&literals).unwrap_or_else(|e| panic!("{e}"));
        let mut found = Vec::new();
        automaton.for_each_overlapping(&text, |p, s, e| found.push((p, s, e)));
        let words: Vec<(&str, usize)> = found
            .iter()
            .filter(|&&(p, ..)| p != 3)
            .map(|&(p, s, _)| (literals[p], s))
            .collect();
        assert_eq!(
            words,
            [
                ("mid", 1020),
                ("middl", 1020),
                ("middle", 1020),
                ("dle", 1023)
            ]
        );
        assert_eq!(found.iter().filter(|&&(p, ..)| p == 3).count(), 1020);
    }

    #[test]
    fn a_row_offset_times_the_reciprocal_gives_its_row_exactly() {
        // Every width up to the most columns, and row offsets from the first to the
        // last below the flag, where an error would show first.
        for width in 1..=256u32 {
            let automaton = TermAutomaton {
                width,
                reciprocal: super::reciprocal_of(width),
                ..TermAutomaton::new(&["a"]).unwrap_or_else(|e| panic!("{e}"))
            };
            let last = (super::MATCHES - 1) / width;
            for k in [0, 1, 2, 3, last / 2, last - 1, last] {
                assert_eq!(automaton.state_of(k * width), k as usize, "width {width}");
            }
        }
    }

    #[test]
    fn states_are_numbered_breadth_first() {
        // "ab", "b", "abc": the start row, then one row for each of the first bytes,
        // before the rows reached in two bytes.
        let automaton = TermAutomaton::new(&["ab", "b", "abc"]).unwrap_or_else(|e| panic!("{e}"));
        let width = automaton.width as usize;
        let row = |from: u32, byte: u8| {
            automaton.table[from as usize + usize::from(automaton.columns[usize::from(byte)])]
                & !super::MATCHES
        };
        assert_eq!(row(0, b'a') as usize, width);
        assert_eq!(row(0, b'b') as usize, 2 * width);
        assert_eq!(row(row(0, b'a'), b'b') as usize, 3 * width);
        assert_eq!(row(row(row(0, b'a'), b'b'), b'c') as usize, 4 * width);
        assert_eq!(automaton.table_len(), 5 * width);
    }
}
