//! Literal terms, exceptions and actor labels through one Aho-Corasick pass over the
//! text read as normalized, which also finds the literals that gate rule patterns and
//! boilerplate patterns; then each rule pattern over the original text (or its
//! lower-cased copy).
//!
//! Overlap policy: among the rule matches that survive word boundaries, case and
//! exceptions, the leftmost wins, and of those starting at the same byte the longest;
//! the rest are dropped. Actor labels are resolved the same way, independently.

use std::cell::Cell;

use crate::lexicon::{
    word_byte_at, word_byte_before, GatedSearch, Lexicon, MatchStarts, PatternGate, TermEntry,
    TermTarget, MAX_SETS, NON_ASCII_CASE_FOLDS,
};
use crate::text::normalize::{is_word_char_normalized, normalize};

/// A rule match in original byte offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleMatch {
    pub rule: usize,
    pub start: usize,
    pub end: usize,
}

/// An actor-label match in original byte offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LabelMatch {
    pub actor: usize,
    pub label: usize,
    /// The label's term the automaton matched (the first spelt the same).
    pub term: usize,
    pub start: usize,
    pub end: usize,
}

/// The resolved matches of one text.
#[derive(Debug, Default)]
pub struct Matches {
    pub rules: Vec<RuleMatch>,
    pub labels: Vec<LabelMatch>,
    /// Where the literals of the gated boilerplate patterns start, in text order.
    pub line_triggers: Vec<usize>,
    /// Whether the text holds a character beyond ASCII that an ASCII letter matches
    /// without case ([`NON_ASCII_CASE_FOLDS`]): literal searches for case-insensitive
    /// patterns do not find it, so such a text is searched with every pattern as
    /// written.
    pub non_ascii_case_folds: bool,
}

fn char_before(text: &str, pos: usize) -> Option<char> {
    text.get(..pos)?.chars().next_back()
}

fn char_at(text: &str, pos: usize) -> Option<char> {
    text.get(pos..)?.chars().next()
}

/// Whether `c`, read as normalized, is no word character: a word boundary.
fn is_boundary(c: Option<char>) -> bool {
    !c.is_some_and(is_word_char_normalized)
}

/// Finds every rule and label match in `body`.
pub fn find(body: &str, lexicon: &Lexicon) -> Matches {
    let LiteralHits {
        mut rules,
        exceptions,
        mut labels,
        triggers,
        line_triggers,
    } = literal_hits(body, lexicon);
    let non_ascii_case_folds = contains_non_ascii_case_folds(body);
    push_pattern_matches(body, lexicon, &triggers, non_ascii_case_folds, &mut rules);
    drop_excepted(&mut rules, exceptions);
    leftmost_longest(&mut rules, |r| (r.start, r.end, r.rule));
    leftmost_longest(&mut labels, |l| (l.start, l.end, l.actor * 1_000 + l.label));
    Matches {
        rules,
        labels,
        line_triggers,
        non_ascii_case_folds,
    }
}

/// What the term automaton finds in one pass over the text.
#[derive(Debug, Default)]
struct LiteralHits {
    rules: Vec<RuleMatch>,
    /// (rule, start, end) of exception phrases.
    exceptions: Vec<(usize, usize, usize)>,
    labels: Vec<LabelMatch>,
    /// Sorted by pattern, set and start.
    triggers: Vec<Trigger>,
    /// Starts of boilerplate literals, sorted.
    line_triggers: Vec<usize>,
}

fn literal_hits(body: &str, lexicon: &Lexicon) -> LiteralHits {
    let m = &lexicon.matchers;
    let mut hits = LiteralHits::default();
    let Some(automaton) = &m.terms else {
        return hits;
    };
    // With the default pack, news text holds about 3 rule matches, 3 label matches
    // and 8 triggers per kilobyte (under 5, 5 and 11 in nine articles of ten): room
    // for a little more spares most of the doublings from empty.
    hits.rules.reserve(body.len() / 200);
    hits.labels.reserve(body.len() / 200);
    hits.triggers.reserve(body.len() / 90);
    automaton.for_each_overlapping(body, |literal, start, end| {
        let Some(lit) = m.literals.get(literal) else {
            return;
        };
        // A literal used only case-sensitively ("IS", the group) is found wherever
        // its letters are ("is"): rejected here, before any other work, by its first
        // byte when that tells, else by comparing its spellings.
        if lit
            .exact_first
            .is_some_and(|b| body.as_bytes().get(start) != Some(&b))
        {
            return;
        }
        let found = body.get(start..end).unwrap_or_default();
        let misspelt = |entry: &TermEntry| {
            entry
                .exact
                .as_ref()
                .is_some_and(|exact| found != exact.as_str() && normalize(found) != exact.as_str())
        };
        if lit.entries.iter().all(misspelt) {
            return;
        }
        // Read only for the uses that need it: triggers, most of the reports, do not.
        let bounded = || {
            (!lit.bounded_start || is_boundary(char_before(body, start)))
                && (!lit.bounded_end || is_boundary(char_at(body, end)))
        };
        for entry in &lit.entries {
            match entry.target {
                // A trigger needs no word boundary, only what its pattern says of the
                // bytes around it.
                TermTarget::Trigger {
                    after_non_word,
                    before_non_word,
                    ..
                } if (after_non_word && word_byte_before(body.as_bytes(), start))
                    || (before_non_word && word_byte_at(body.as_bytes(), end)) => {}
                TermTarget::Trigger { pattern, set, .. } => hits.triggers.push(Trigger {
                    pattern,
                    set,
                    start,
                    end,
                }),
                TermTarget::LineTrigger => hits.line_triggers.push(start),
                _ if !bounded() => {}
                _ if misspelt(entry) => {}
                TermTarget::Rule(rule) => hits.rules.push(RuleMatch { rule, start, end }),
                TermTarget::Exception(rule) => hits.exceptions.push((rule, start, end)),
                TermTarget::Label { actor, label, term } => hits.labels.push(LabelMatch {
                    actor,
                    label,
                    term,
                    start,
                    end,
                }),
            }
        }
    });
    hits.triggers
        .sort_unstable_by_key(|t| (t.pattern, t.set, t.start));
    hits.line_triggers.sort_unstable();
    hits
}

/// The matches of every rule pattern, each pattern's in text order; `triggers` are the
/// gates' literal occurrences from [`literal_hits`].
#[cfg(test)]
fn pattern_matches(body: &str, lexicon: &Lexicon, triggers: &[Trigger]) -> Vec<RuleMatch> {
    let mut rules = Vec::new();
    let folds = contains_non_ascii_case_folds(body);
    push_pattern_matches(body, lexicon, triggers, folds, &mut rules);
    rules
}

thread_local! {
    /// The lower-cased copy of an article that [`push_pattern_matches`] searches, kept
    /// between articles on a thread so that only its first article's copy allocates
    /// (it keeps the capacity of the longest article seen, up to [`KEPT_COPY`]).
    /// Taken out while in use.
    static LOWERED: Cell<String> = const { Cell::new(String::new()) };
}

/// Appends to `rules` the matches of every rule pattern, each pattern's in text order;
/// `triggers` are the gates' literal occurrences from [`literal_hits`];
/// `non_ascii_case_folds` as in [`Matches`].
fn push_pattern_matches(
    body: &str,
    lexicon: &Lexicon,
    triggers: &[Trigger],
    non_ascii_case_folds: bool,
    rules: &mut Vec<RuleMatch>,
) {
    let m = &lexicon.matchers;
    // One lower-cased copy of the text (same byte offsets) for the patterns that can
    // run case-sensitively over it.
    let mut scratch = LOWERED.take();
    scratch.clear();
    let lower = m.patterns.iter().any(|p| p.on_lowercase.is_some()) && !non_ascii_case_folds;
    if lower {
        scratch.push_str(body);
        scratch.make_ascii_lowercase();
    }
    let lowered = lower.then_some(scratch.as_str());
    for (index, pattern) in m.patterns.iter().enumerate() {
        let mut push = |start: usize, end: usize| {
            rules.push(RuleMatch {
                rule: pattern.rule,
                start,
                end,
            });
        };
        match (&pattern.on_lowercase, lowered) {
            (Some(search), Some(lower)) => match &search.gate {
                Some(gate) => {
                    let mine = sorted_run(triggers, |t| t.pattern, index);
                    gated_search(&search.regex, gate, lower, mine, &mut push);
                }
                None => search
                    .regex
                    .find_iter(lower)
                    .filter(|h| !h.is_empty())
                    .for_each(|h| push(h.start(), h.end())),
            },
            _ => pattern
                .regex
                .find_iter(body)
                .filter(|h| !h.is_empty())
                .for_each(|h| push(h.start(), h.end())),
        }
    }
    // A copy of an outsized article is dropped rather than held for the thread's life.
    if scratch.capacity() <= KEPT_COPY {
        LOWERED.set(scratch);
    }
}

/// The largest lower-cased copy kept between articles: far above a news article.
const KEPT_COPY: usize = 1 << 20;

/// The items of `sorted` (sorted by `key`) whose key is `value`.
fn sorted_run<T>(sorted: &[T], key: impl Fn(&T) -> usize, value: usize) -> &[T] {
    let first = sorted.partition_point(|t| key(t) < value);
    let rest = sorted.get(first..).unwrap_or(&[]);
    rest.get(..rest.partition_point(|t| key(t) == value))
        .unwrap_or(&[])
}

/// Whether `text` holds a character outside ASCII that an ASCII letter matches without
/// case ([`NON_ASCII_CASE_FOLDS`]), searched as bytes: in one pass for the last bytes
/// of their encodings (continuation bytes, rare in English text), each found checked
/// for a whole character, where a search for each character would read the text once
/// each.
fn contains_non_ascii_case_folds(text: &str) -> bool {
    let [a, b] = NON_ASCII_CASE_FOLDS.map(|c| {
        let mut buf = [0; 4];
        c.encode_utf8(&mut buf)
            .as_bytes()
            .last()
            .copied()
            .unwrap_or(0)
    });
    // A candidate that ends no character cuts one: the slice up to it is not text.
    memchr::memchr2_iter(a, b, text.as_bytes()).any(|end| {
        text.get(..=end)
            .is_some_and(|before| before.ends_with(NON_ASCII_CASE_FOLDS))
    })
}

/// An occurrence of a literal of a pattern gate's required set.
#[derive(Debug, Clone, Copy)]
struct Trigger {
    pattern: usize,
    set: usize,
    start: usize,
    end: usize,
}

/// Runs a gated pattern where its gate says matches can be, with the matches
/// `find_iter` over the whole text would report, in the same order. `triggers` are
/// this pattern's, sorted by set and start.
fn gated_search(
    re: &regex_automata::meta::Regex,
    gate: &PatternGate,
    lower: &str,
    triggers: &[Trigger],
    push: &mut impl FnMut(usize, usize),
) {
    match &gate.search {
        GatedSearch::Runs { allowed, starts } => {
            search_runs(
                re,
                gate.sets.len(),
                allowed,
                starts.as_ref(),
                lower,
                triggers,
                push,
            );
        }
        GatedSearch::AtLiterals => search_at_literals(re, lower, triggers, push),
    }
}

/// Tries the pattern anchored at each trigger, in order, past the end of the last
/// match found.
///
/// Why this is exact: every match begins where a trigger begins, so the leftmost match
/// at or after a place begins at the first trigger there at which an anchored search
/// matches, and it is the match that search finds. The regex reads the whole text
/// around it.
fn search_at_literals(
    re: &regex_automata::meta::Regex,
    lower: &str,
    triggers: &[Trigger],
    push: &mut impl FnMut(usize, usize),
) {
    let input = regex_automata::Input::new(lower);
    // Triggers of literals that share a start come together; each start is tried once.
    let mut next_start = 0;
    for t in triggers {
        if t.start < next_start {
            continue;
        }
        next_start = t.start + 1;
        if let Some((start, end)) = match_at(re, &input, t.start).filter(|(s, e)| s != e) {
            push(start, end);
            next_start = end;
        }
    }
}

/// The match of `re` that starts at `at` in the haystack of `input`, by a search
/// anchored there that reads the text around it.
fn match_at(
    re: &regex_automata::meta::Regex,
    input: &regex_automata::Input<'_>,
    at: usize,
) -> Option<(usize, usize)> {
    let anchored = input
        .clone()
        .range(at..)
        .anchored(regex_automata::Anchored::Yes);
    re.search(&anchored).map(|m| (m.start(), m.end()))
}

/// Runs a pattern over the runs of `lower` that can hold a match (bytes `allowed`
/// around an occurrence of each of its `sets` literal sets), tried at its `starts`
/// when it has them.
///
/// Why this is exact: every byte of a match is one the pattern allows, so a match lies
/// inside one maximal run of allowed bytes; and it contains a literal of each required
/// set, so only runs holding an occurrence of each are searched. Matches never cross a
/// run's edge, so a leftmost-first search on each run alone finds the same ones. The
/// regex sees the text before the run and one character after it, so word boundaries at
/// the edges read as they do in the whole text (the gate admits no other look-around).
fn search_runs(
    re: &regex_automata::meta::Regex,
    sets: usize,
    allowed: &[bool; 256],
    starts: Option<&MatchStarts>,
    lower: &str,
    triggers: &[Trigger],
    push: &mut impl FnMut(usize, usize),
) {
    let bytes = lower.as_bytes();
    let allowed = |i: usize| bytes.get(i).is_some_and(|&b| allowed[usize::from(b)]);
    // The occurrences of each set; the rarest in this text drives the search.
    // On the stack: this runs for every gated pattern of every article.
    let all_sets: [&[Trigger]; MAX_SETS] =
        std::array::from_fn(|set| sorted_run(triggers, |t| t.set, set));
    let by_set = all_sets.get(..sets).unwrap_or(&all_sets);
    let Some(driver) = by_set.iter().min_by_key(|s| s.len()) else {
        return;
    };
    let mut searched_to = 0;
    for t in driver.iter() {
        if t.start < searched_to {
            continue;
        }
        let mut run_start = t.start;
        while run_start > searched_to && allowed(run_start - 1) {
            run_start -= 1;
        }
        let mut run_end = t.end;
        while allowed(run_end) {
            run_end += 1;
        }
        searched_to = run_end;
        let in_run = |set: &&[Trigger]| {
            let i = set.partition_point(|o| o.start < run_start);
            set.get(i..)
                .unwrap_or(&[])
                .iter()
                .take_while(|o| o.start < run_end)
                .any(|o| o.end <= run_end)
        };
        if !by_set.iter().all(in_run) {
            continue;
        }
        let context_end = crate::text::ceil_char_boundary(lower, run_end + 1);
        let Some(haystack) = lower.get(..context_end) else {
            continue;
        };
        let mut at = run_start;
        while let Some((start, end)) = next_in_run(re, starts, haystack, at, run_end) {
            if end > run_end || start == end {
                break;
            }
            push(start, end);
            at = end;
        }
    }
}

/// The leftmost match in `haystack` that starts in `at..run_end`: scanned for, or for a
/// pattern whose gate knows where matches start (`starts`), tried at each such
/// position in order, so that the first match found is the one a scan reports.
fn next_in_run(
    re: &regex_automata::meta::Regex,
    starts: Option<&MatchStarts>,
    haystack: &str,
    at: usize,
    run_end: usize,
) -> Option<(usize, usize)> {
    let input = regex_automata::Input::new(haystack);
    let Some(starts) = starts else {
        return re.search(&input.range(at..)).map(|m| (m.start(), m.end()));
    };
    let bytes = haystack.as_bytes();
    (at..run_end.min(bytes.len()))
        .filter(|&i| starts.can_start(bytes, i))
        .find_map(|i| match_at(re, &input, i))
}

/// Drops rule matches that lie inside an exception phrase of the same rule. Sorted
/// lookups keep this linear in the number of matches, however many there are.
fn drop_excepted(rules: &mut Vec<RuleMatch>, mut exceptions: Vec<(usize, usize, usize)>) {
    if exceptions.is_empty() {
        return;
    }
    exceptions.sort_unstable();
    let longest = exceptions.iter().map(|&(_, s, e)| e - s).max().unwrap_or(0);
    rules.retain(|r| {
        let first = exceptions
            .partition_point(|&(rule, s, _)| (rule, s) < (r.rule, r.start.saturating_sub(longest)));
        !exceptions
            .get(first..)
            .unwrap_or(&[])
            .iter()
            .take_while(|&&(rule, s, _)| rule == r.rule && s <= r.start)
            .any(|&(_, s, e)| s <= r.start && r.end <= e)
    });
}

/// Keeps the leftmost, then longest, of overlapping matches, in place; ties by the
/// third key (lexicon order) so the result is deterministic.
fn leftmost_longest<T: Copy>(items: &mut Vec<T>, key: impl Fn(&T) -> (usize, usize, usize)) {
    items.sort_by(|a, b| {
        let (sa, ea, ta) = key(a);
        let (sb, eb, tb) = key(b);
        sa.cmp(&sb).then(eb.cmp(&ea)).then(ta.cmp(&tb))
    });
    // `None` until the first item is kept.
    let mut last_end: Option<usize> = None;
    items.retain(|item| {
        let (s, e, _) = key(item);
        let keep = last_end.is_none_or(|end| s >= end);
        if keep {
            last_end = Some(e);
        }
        keep
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    const PACK: &str = "categories: [label, doubt, scare_quote]\n";
    const LABELS: &str = r#"
category: label
rules:
  - id: label.regime
    terms: [regime]
    exceptions: [tax regime]
    explain: x
  - id: label.assad_regime
    terms: [Assad regime]
    explain: x
  - id: label.is
    terms: [IS]
    case_sensitive: true
    explain: x
  - id: label.cheat
    patterns: ['\bcheat(?:s|ed)?\b']
    explain: x
"#;
    const DOUBT: &str = "category: doubt\nrules:\n  - id: doubt.so_called\n    terms: [so-called, don't]\n    explain: x\n";

    fn lexicon() -> Lexicon {
        match Lexicon::from_files(&[
            ("pack.yaml", PACK),
            ("label.yaml", LABELS),
            ("doubt.yaml", DOUBT),
        ]) {
            Ok(l) => l,
            Err(e) => panic!("{e}"),
        }
    }

    fn found(text: &str) -> Vec<(String, String)> {
        let lex = lexicon();
        find(text, &lex)
            .rules
            .iter()
            .map(|m| {
                (
                    lex.rules()[m.rule].id.to_string(),
                    text[m.start..m.end].to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn longest_match_wins() {
        assert_eq!(
            found("the Assad regime fell"),
            vec![("label.assad_regime".into(), "Assad regime".into())]
        );
    }

    #[test]
    fn exceptions_suppress_their_rule() {
        assert!(found("a new tax regime").is_empty());
        assert_eq!(found("the regime").len(), 1);
    }

    #[test]
    fn word_boundaries_are_required() {
        assert!(found("regimes and regimental").is_empty());
        assert_eq!(found("(regime)").len(), 1);
    }

    #[test]
    fn case_sensitive_terms_only_match_their_case() {
        assert_eq!(found("IS fighters").len(), 1);
        assert!(found("it is here").is_empty());
        // The first letter in its case, the rest not: still misspelt.
        assert!(found("Is it here").is_empty());
        // Told by the first letter alone, without reading the uses.
        let lex = lexicon();
        let first_of_rule = |id: &str| {
            let rule = lex.rules().iter().position(|r| r.id.as_ref() == id);
            lex.matchers
                .literals
                .iter()
                .find(|l| {
                    l.entries
                        .iter()
                        .any(|e| matches!(e.target, TermTarget::Rule(r) if Some(r) == rule))
                })
                .map(|l| l.exact_first)
        };
        assert_eq!(first_of_rule("label.is"), Some(Some(b'I')));
        assert_eq!(first_of_rule("label.regime"), Some(None));
    }

    #[test]
    fn a_literal_used_with_and_without_case_keeps_both_uses() {
        let both = "category: label\nrules:\n  - id: label.is\n    terms: [IS]\n    case_sensitive: true\n    explain: x\n  - id: label.verb\n    terms: [is]\n    explain: x\n";
        let lex = match Lexicon::from_files(&[("pack.yaml", PACK), ("label.yaml", both)]) {
            Ok(l) => l,
            Err(e) => panic!("{e}"),
        };
        let ids = |text: &str| -> Vec<String> {
            find(text, &lex)
                .rules
                .iter()
                .map(|m| lex.rules()[m.rule].id.to_string())
                .collect()
        };
        // One use reads any case, so the first letter tells nothing.
        assert!(lex
            .matchers
            .literals
            .iter()
            .all(|l| l.exact_first.is_none()));
        // The case-sensitive use rejects "is"; the case-blind one still takes it.
        assert_eq!(ids("it is here"), vec!["label.verb".to_string()]);
        assert_eq!(ids("IS here"), vec!["label.is".to_string()]);
    }

    #[test]
    fn apostrophes_hyphens_and_spaces_are_tolerant() {
        assert_eq!(
            found("the so called plan; we don’t know"),
            vec![
                ("doubt.so_called".into(), "so called".into()),
                ("doubt.so_called".into(), "don’t".into())
            ]
        );
        assert_eq!(found("a so-\ncalled plan")[0].1, "so-\ncalled");
        assert_eq!(found("the Assad\u{a0}regime")[0].1, "Assad\u{a0}regime");
    }

    proptest::proptest! {
        /// Pattern words of the default pack in random case between white space,
        /// punctuation and characters beyond ASCII: the gated patterns report what a
        /// search of the whole text reports.
        #[test]
        fn gated_patterns_find_what_the_whole_text_holds(
            picks in proptest::collection::vec((0usize..10_000, 0u8..3, 0u8..14), 1..80)
        ) {
            let (lexicon, words) = crate::lexicon::test_support::default_pack_and_pattern_words();
            let text = crate::lexicon::test_support::text_of(words, &picks);
            let lowered = text.to_ascii_lowercase();
            let found = pattern_matches(&text, lexicon, &literal_hits(&text, lexicon).triggers);
            let mut expected = Vec::new();
            for p in &lexicon.matchers.patterns {
                let hits: Vec<(usize, usize)> = match &p.on_lowercase {
                    Some(search) => search.regex.find_iter(&lowered).map(|h| (h.start(), h.end())).collect(),
                    None => p.regex.find_iter(&text).map(|h| (h.start(), h.end())).collect(),
                };
                expected.extend(hits.iter().map(|&(start, end)| RuleMatch {
                    rule: p.rule,
                    start,
                    end,
                }));
            }
            proptest::prop_assert_eq!(found, expected);
        }
    }

    /// A pack whose patterns have short counted repetitions, so that texts of a few
    /// words reach their limits.
    fn counted_pack() -> Lexicon {
        let rules = r#"
category: doubt
rules:
  - id: doubt.question
    patterns: ['\b(?:why|is|was)\b[^.!?\n]{0,12}\?']
    explain: x
  - id: doubt.ever
    patterns: ['\b(?:the|his)\s+[a-z]*est(?:\s+\w+){0,2}?\s+ever\b']
    explain: x
"#;
        match Lexicon::from_files(&[("pack.yaml", PACK), ("doubt.yaml", rules)]) {
            Ok(l) => l,
            Err(e) => panic!("{e}"),
        }
    }

    /// A pack whose patterns no run gate narrows (they run across sentences, or need
    /// only common words), so they are tried where their first words begin.
    fn opening_pack() -> Lexicon {
        let rules = r#"
category: doubt
rules:
  - id: doubt.what_called
    patterns: ['\bwhat\s+(?:the\s+)?[\w''’.-]+\s+(?:calls?|called)\b']
    explain: x
  - id: doubt.all_but
    patterns: ['\b(?:virtually|all\s+but)\s+(?:no|none|all)\b']
    explain: x
  - id: doubt.most_ever
    patterns: ['most\s+[\w.]+\s+ever']
    explain: x
"#;
        // Common words, as in the default pack, so that no run gate takes "all but".
        let stopwords = "stopwords: [all, but, no, none]\n";
        let files = [
            ("pack.yaml", PACK),
            ("doubt.yaml", rules),
            ("stopwords.yaml", stopwords),
        ];
        match Lexicon::from_files(&files) {
            Ok(l) => l,
            Err(e) => panic!("{e}"),
        }
    }

    proptest::proptest! {
        /// Words that begin, continue and end the opening-gated patterns, inside
        /// other words too ("all" in "ball", "what" in "somewhat"), in random order and
        /// case: trying each opening finds what a scan of the whole text finds.
        #[test]
        fn trying_each_opening_finds_what_a_scan_finds(
            picks in proptest::collection::vec((0usize..18, 0u8..3, 0u8..5), 1..40)
        ) {
            const WORDS: [&str; 18] = [
                "what", "whatever", "somewhat", "the", "u.s.", "it", "called", "calls",
                "virtually", "all", "ball", "but", "no", "none", "most", "almost", "ever",
                "what’s",
            ];
            const SEPARATORS: [&str; 5] = [" ", ". ", "\n", ", ", "-"];
            let (found, scan) = gated_and_scanned(&picked_text(&WORDS, &SEPARATORS, &picks), &opening_pack());
            proptest::prop_assert_eq!(found, scan);
        }
    }

    #[test]
    fn opening_gated_patterns_are_tried_at_their_first_words() {
        let lex = opening_pack();
        let openings: Vec<Option<bool>> = lex
            .matchers
            .patterns
            .iter()
            .map(|p| {
                let gate = p.on_lowercase.as_ref()?.gate.as_ref()?;
                match gate.search {
                    GatedSearch::AtLiterals => {
                        Some(gate.sets.first()?.iter().all(|l| l.after_non_word))
                    }
                    GatedSearch::Runs { .. } => None,
                }
            })
            .collect();
        assert_eq!(openings, [Some(true), Some(true), Some(false)]);
        let text = "Somewhat small. What the U.S. called all but none; almost u.s. ever";
        let (found, scan) = gated_and_scanned(text, &lex);
        let spans: Vec<&str> = found.iter().map(|m| &text[m.start..m.end]).collect();
        assert_eq!(
            spans,
            ["What the U.S. called", "all but none", "most u.s. ever"]
        );
        assert_eq!(found, scan);
    }

    /// A text of the picked words (a word's index, its case: lower, upper or capitalized,
    /// and the separator after it).
    fn picked_text(words: &[&str], separators: &[&str], picks: &[(usize, u8, u8)]) -> String {
        let mut text = String::new();
        for &(w, case, sep) in picks {
            let word = words.get(w).copied().unwrap_or_default();
            match case {
                0 => text.push_str(word),
                1 => text.push_str(&word.to_uppercase()),
                _ => {
                    let mut chars = word.chars();
                    text.extend(chars.next().map(|c| c.to_ascii_uppercase()));
                    text.push_str(chars.as_str());
                }
            }
            text.push_str(separators.get(usize::from(sep)).copied().unwrap_or(" "));
        }
        text
    }

    /// Each pattern's matches as the analysis finds them (through its gate), and by a
    /// plain scan of the whole text.
    fn gated_and_scanned(text: &str, lexicon: &Lexicon) -> (Vec<RuleMatch>, Vec<RuleMatch>) {
        let triggers = literal_hits(text, lexicon).triggers;
        (
            pattern_matches(text, lexicon, &triggers),
            scanned(text, lexicon),
        )
    }

    /// Each pattern's matches over the whole lower-cased text, by a plain scan.
    fn scanned(text: &str, lexicon: &Lexicon) -> Vec<RuleMatch> {
        let lowered = text.to_ascii_lowercase();
        lexicon
            .matchers
            .patterns
            .iter()
            .flat_map(|p| {
                let re = p.on_lowercase.as_ref().map(|l| &l.regex);
                re.into_iter()
                    .flat_map(|re| re.find_iter(&lowered))
                    .map(|h| RuleMatch {
                        rule: p.rule,
                        start: h.start(),
                        end: h.end(),
                    })
            })
            .collect()
    }

    #[test]
    fn counted_repetitions_are_tried_at_their_starts() {
        let lex = counted_pack();
        assert!(lex.matchers.patterns.iter().all(|p| p
            .on_lowercase
            .as_ref()
            .and_then(|l| l.gate.as_ref())
            .is_some_and(|g| matches!(
                g.search,
                GatedSearch::Runs {
                    starts: Some(_),
                    ..
                }
            ))));
        // The first question word is too far from the question mark; the match starts
        // at the second, which a search anchored only at the run's start would miss.
        let text = "Why, in this long aside, was it?";
        let (found, scan) = gated_and_scanned(text, &lex);
        let spans: Vec<&str> = found.iter().map(|m| &text[m.start..m.end]).collect();
        assert_eq!(spans, vec!["was it?"]);
        assert_eq!(found, scan);
    }

    proptest::proptest! {
        /// Words that start, end and fill the counted patterns, in random order and
        /// case: trying each start finds what a scan of the whole text finds.
        #[test]
        fn trying_each_start_finds_what_a_scan_finds(
            picks in proptest::collection::vec((0usize..14, 0u8..3, 0u8..5), 1..40)
        ) {
            const WORDS: [&str; 14] = [
                "why", "is", "was", "this", "island", "the", "his", "best", "biggest",
                "ever", "never", "a", "crowd", "whys",
            ];
            const SEPARATORS: [&str; 5] = [" ", "? ", ". ", "\n", ", "];
            let (found, scan) = gated_and_scanned(&picked_text(&WORDS, &SEPARATORS, &picks), &counted_pack());
            proptest::prop_assert_eq!(found, scan);
        }
    }

    #[test]
    fn case_folds_beyond_ascii_are_found_whole_anywhere() {
        for text in ["\u{17F}", "a\u{212A}", "\u{212A}b", "x ſ y \u{2139}"] {
            assert!(contains_non_ascii_case_folds(text), "{text:?}");
        }
        // Characters sharing a last byte (ª, ê, ¿, ℹ) or a first byte (Ŀ) with them.
        for text in [
            "",
            "plain",
            "\u{aa}\u{ea}\u{bf}",
            "\u{2139}\u{13f}",
            "\u{84}\u{aa}",
        ] {
            assert!(!contains_non_ascii_case_folds(text), "{text:?}");
        }
    }

    #[test]
    fn triggers_inside_words_their_patterns_cannot_hold_are_not_collected() {
        let lex = crate::Lexicon::default_pack().unwrap_or_else(|e| panic!("{e}"));
        let text = "However, few of them ever said that every one would never go.";
        let ever: Vec<usize> = literal_hits(text, &lex)
            .triggers
            .iter()
            .filter(|t| text.get(t.start..t.end) == Some("ever"))
            .map(|t| t.start)
            .collect();
        assert!(!ever.is_empty());
        assert!(ever.iter().all(|&at| at == 21), "{ever:?}");
    }

    #[test]
    fn gated_patterns_run_only_where_their_words_are() {
        let lex = crate::Lexicon::default_pack().unwrap_or_else(|e| panic!("{e}"));
        let gated = lex
            .matchers
            .patterns
            .iter()
            .filter(|p| p.on_lowercase.as_ref().is_some_and(|l| l.gate.is_some()))
            .count();
        assert!(
            gated >= 10,
            "only {gated} patterns of the default pack are gated"
        );
        let text = "It was the worst storm ever, the very worst.\nThe worst.";
        let hits = literal_hits(text, &lex);
        assert!(!hits.triggers.is_empty());
        let ids: Vec<&str> = pattern_matches(text, &lex, &hits.triggers)
            .iter()
            .map(|m| lex.rules()[m.rule].id.as_ref())
            .collect();
        assert!(ids.contains(&"booster.superlative_ever"), "{ids:?}");
        // Without the triggers nothing gated is searched.
        let ids: Vec<&str> = pattern_matches(text, &lex, &[])
            .iter()
            .map(|m| lex.rules()[m.rule].id.as_ref())
            .collect();
        assert!(!ids.contains(&"booster.superlative_ever"), "{ids:?}");
    }

    #[test]
    fn patterns_match_on_the_original_text() {
        assert_eq!(
            found("they Cheated")[0],
            ("label.cheat".into(), "Cheated".into())
        );
    }
}
