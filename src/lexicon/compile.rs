//! Compilation of a validated pack into matchers: one Aho-Corasick automaton for every
//! literal term, exception and actor label; each rule pattern on its own (the regex
//! engine's literal prefilters make separate searches far cheaper than one overlapping
//! set search); one boilerplate regex; and the cue automaton of the quotation detector.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use regex::{Regex, RegexBuilder};

use super::automaton::TermAutomaton;
use super::gate::{line_gate, pattern_gate, PatternGate};
use super::load::REGEX_SIZE_LIMIT;
use super::{Actor, BoilerplateRule, DetectorKind, QuotationSettings, Rule};
use crate::text::normalize::{normalize_term, term_key};

/// What a literal in the automaton stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TermTarget {
    /// A term of rule N.
    Rule(usize),
    /// An exception phrase of rule N.
    Exception(usize),
    /// A label of an actor; `term` is the first of the label's terms spelt like this
    /// literal, the spelling a mention is counted under.
    Label {
        actor: usize,
        label: usize,
        term: usize,
    },
    /// A literal of required set `set` of gated rule pattern `pattern` (an index into
    /// [`Matchers::patterns`]), found anywhere, word boundaries or not, except that
    /// with `after_non_word` it counts only where no ASCII word byte is before it, and
    /// with `before_non_word` only where none is after it (see
    /// [`super::gate::GateLiteral`]).
    Trigger {
        pattern: usize,
        set: usize,
        after_non_word: bool,
        before_non_word: bool,
    },
    /// A literal of a gated boilerplate pattern ([`BoilerplateSearch::gated`]), found
    /// anywhere.
    LineTrigger,
}

/// One use of an automaton literal.
#[derive(Debug, Clone)]
pub(crate) struct TermEntry {
    pub target: TermTarget,
    /// For case-sensitive literals, the exact normalized spelling to compare.
    pub exact: Option<String>,
}

/// A distinct literal (case-folded) and everything that uses it.
#[derive(Debug, Clone)]
pub(crate) struct Literal {
    pub entries: Vec<TermEntry>,
    /// Whether the literal starts/ends with a word character, so a match must sit on a
    /// word boundary at that side (for every use but triggers).
    pub bounded_start: bool,
    pub bounded_end: bool,
    /// When every use is case-sensitive and spelt with the same ASCII letter first
    /// ("IS", the group), that letter: an occurrence that starts with any other byte
    /// ("is", the verb) is misspelt for every use, which a byte tells without reading
    /// the uses.
    pub exact_first: Option<u8>,
}

/// The kind of an attribution cue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CueKind {
    /// A speech verb: "X said", "said X".
    Verb,
    /// A preposition: "according to X".
    Preposition,
    /// A verb of thought or stance: "X believes", attributing only with a speaker.
    Stance,
}

/// All matchers of a lexicon.
#[derive(Debug)]
pub(crate) struct Matchers {
    /// Every literal, case-folded, in one automaton searched with overlaps.
    pub terms: Option<TermAutomaton>,
    pub literals: Vec<Literal>,
    /// Every rule pattern, compiled.
    pub patterns: Vec<RulePattern>,
    pub boilerplate: Option<BoilerplateSearch>,
    pub cues: Option<AhoCorasick>,
    pub cue_kinds: Vec<CueKind>,
    pub speakers: std::collections::HashSet<String>,
    pub scare_rule: Option<usize>,
}

/// The boilerplate patterns, searched one line at a time.
#[derive(Debug)]
pub(crate) struct BoilerplateSearch {
    /// Every pattern, combined in pack order.
    pub all: regex_automata::meta::Regex,
    /// The patterns not gated, combined in pack order: what a line holding no
    /// literal of a gated pattern is searched with (nothing when `None`).
    pub ungated: Option<regex_automata::meta::Regex>,
    /// Whether some patterns are gated: each of their matches holds one of their
    /// literals, found by the term automaton. When not, every line is searched with
    /// [`Self::all`].
    pub gated: bool,
    /// Every match starts a line (every pattern begins with `^`), so a line is searched
    /// at its start only.
    pub at_line_starts: bool,
}

/// A compiled rule pattern.
#[derive(Debug)]
pub(crate) struct RulePattern {
    /// The index of the rule it belongs to.
    pub rule: usize,
    /// The pattern as written, case-insensitive unless the rule says otherwise.
    pub regex: Regex,
    /// For a case-insensitive pattern that names only lower-case ASCII letters, its
    /// search over the text with its ASCII letters lower-cased.
    pub on_lowercase: Option<LowerCaseSearch>,
}

/// A case-insensitive pattern compiled case-sensitively, to run over the text with its
/// ASCII letters lower-cased. The regex engine's literal prefilters work far better
/// without case variants ("the" has eight); the matches are the same (see
/// [`lowercase_safe`]).
#[derive(Debug)]
pub(crate) struct LowerCaseSearch {
    /// The engine under [`Regex`], whose searches can be anchored at an offset of a
    /// longer text (see [`super::gate::MatchStarts`]).
    pub regex: regex_automata::meta::Regex,
    /// The literals every match contains and the bytes it can span, so that the
    /// pattern runs only where a match can be.
    pub gate: Option<PatternGate>,
}

/// Characters outside ASCII that a case-insensitive ASCII letter matches: the Kelvin
/// sign (k) and the long s (s). A text with either is searched with the pattern as
/// written.
pub(crate) const NON_ASCII_CASE_FOLDS: [char; 2] = ['\u{212A}', '\u{17F}'];

/// Whether a case-insensitive `pattern` finds the same matches in a text as the
/// case-sensitive pattern in the text with ASCII letters lower-cased (the text holding
/// none of [`NON_ASCII_CASE_FOLDS`]): beyond ASCII the pattern names only marks that
/// have no case (curly quotes, guillemets), it names no upper-case letter (escapes
/// such as `\S` aside), and has no flags, Unicode classes, POSIX classes or escapes by
/// code point whose case could matter.
pub(crate) fn lowercase_safe(pattern: &str) -> bool {
    let caseless = |c: char| {
        c.is_ascii()
            || (!c.is_alphanumeric()
                && c.to_lowercase().eq(std::iter::once(c))
                && c.to_uppercase().eq(std::iter::once(c)))
    };
    if !pattern.chars().all(caseless) || pattern.contains("[:") {
        return false;
    }
    let bytes = pattern.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\\' => {
                if matches!(
                    bytes.get(i + 1),
                    Some(b'p' | b'P' | b'x' | b'u' | b'U' | b'N')
                ) {
                    return false;
                }
                // The escaped character is an escape letter, not a literal letter.
                i += 2;
                continue;
            }
            b'(' if bytes.get(i + 1) == Some(&b'?') && bytes.get(i + 2) != Some(&b':') => {
                return false;
            }
            b if b.is_ascii_uppercase() => return false,
            _ => {}
        }
        i += 1;
    }
    true
}

/// Rewrites `\b` and `\B` as ASCII word boundaries. A Unicode word boundary makes the
/// regex engine fall back from its fast DFA to a slow one on any text with a curly
/// quote or an accented letter, which is most news text; English terms lose nothing.
pub(crate) fn ascii_word_boundaries(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('b') => out.push_str("(?-u:\\b)"),
            Some('B') => out.push_str("(?-u:\\B)"),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// Builds a regex with the project's limits: case-insensitive unless asked, bounded
/// compiled size. `per_line` makes `^`/`$` match at line ends.
pub(crate) fn build_regex(
    pattern: &str,
    case_sensitive: bool,
    per_line: bool,
) -> Result<Regex, regex::Error> {
    RegexBuilder::new(&ascii_word_boundaries(pattern))
        .case_insensitive(!case_sensitive)
        .multi_line(per_line)
        .crlf(per_line)
        .size_limit(REGEX_SIZE_LIMIT)
        .dfa_size_limit(REGEX_SIZE_LIMIT)
        .build()
}

/// `pattern` (with ASCII word boundaries) compiled to the engine under [`Regex`], as
/// [`RegexBuilder`] would with `syntax` and `limit` as both size limits. Its searches
/// can be anchored, and confined to a span of a longer text.
fn build_engine(
    pattern: &str,
    syntax: regex_automata::util::syntax::Config,
    limit: usize,
) -> Result<regex_automata::meta::Regex, Box<regex_automata::meta::BuildError>> {
    regex_automata::meta::Regex::builder()
        .configure(
            regex_automata::meta::Config::new()
                .utf8_empty(true)
                .nfa_size_limit(Some(limit))
                .hybrid_cache_capacity(limit),
        )
        .syntax(syntax)
        .build(&ascii_word_boundaries(pattern))
        .map_err(Box::new)
}

/// The boilerplate patterns for one line at a time (multi-line mode, so that `^` and
/// `$` read the line breaks around the line).
fn build_line_regex<'a>(
    patterns: impl Iterator<Item = &'a str>,
) -> Result<regex_automata::meta::Regex, String> {
    let joined = patterns
        .map(|p| format!("(?:{p})"))
        .collect::<Vec<_>>()
        .join("|");
    let syntax = regex_automata::util::syntax::Config::new()
        .multi_line(true)
        .crlf(true);
    build_engine(&joined, syntax, REGEX_SIZE_LIMIT * 8)
        .map_err(|e| format!("cannot combine the boilerplate patterns: {e}"))
}

impl BoilerplateSearch {
    /// The search for `rules`, and the literals of its gated patterns, which the term
    /// automaton finds ([`TermTarget::LineTrigger`]).
    fn build(
        rules: &[BoilerplateRule],
        common: &dyn Fn(&str) -> bool,
    ) -> Result<(Option<BoilerplateSearch>, Vec<String>), String> {
        if rules.is_empty() {
            return Ok((None, Vec::new()));
        }
        // A case-insensitive pattern that would read whole lines, and runs as well on
        // lower-cased text, is gated by the literals every match of it holds.
        let required: Vec<Option<Vec<String>>> = rules
            .iter()
            .map(|b| {
                let lower = b.pattern.strip_prefix("(?i)")?;
                lowercase_safe(lower)
                    .then(|| line_gate(&ascii_word_boundaries(lower), common))
                    .flatten()
            })
            .collect();
        let ungated: Vec<&str> = rules
            .iter()
            .zip(&required)
            .filter(|(_, r)| r.is_none())
            .map(|(b, _)| b.pattern.as_str())
            .collect();
        let gated = ungated.len() < rules.len();
        let search = BoilerplateSearch {
            all: build_line_regex(rules.iter().map(|b| b.pattern.as_str()))?,
            ungated: if gated && !ungated.is_empty() {
                Some(build_line_regex(ungated.into_iter())?)
            } else {
                None
            },
            gated,
            at_line_starts: rules.iter().all(|b| starts_a_line(&b.pattern)),
        };
        Ok((
            Some(search),
            required.into_iter().flatten().flatten().collect(),
        ))
    }
}

/// Whether every match of a boilerplate `pattern` starts a line (it begins with `^`).
fn starts_a_line(pattern: &str) -> bool {
    regex_syntax::ParserBuilder::new()
        .multi_line(true)
        .crlf(true)
        .build()
        .parse(pattern)
        .is_ok_and(|hir| {
            hir.properties()
                .look_set_prefix()
                .contains(regex_syntax::hir::Look::StartCRLF)
        })
}

impl Matchers {
    pub fn build(
        rules: &[Rule],
        actors: &[Actor],
        boilerplate: &[BoilerplateRule],
        quotations: &QuotationSettings,
        stopwords: &std::collections::BTreeSet<String>,
    ) -> Result<Matchers, String> {
        let mut patterns = Vec::new();
        for (i, rule) in rules.iter().enumerate() {
            for p in &rule.patterns {
                let bad =
                    |e: &dyn std::fmt::Display| format!("rule `{}`: bad pattern: {e}", rule.id);
                let regex = build_regex(p, rule.case_sensitive, false).map_err(|e| bad(&e))?;
                let on_lowercase = if !rule.case_sensitive && lowercase_safe(p) {
                    Some(LowerCaseSearch {
                        regex: build_engine(
                            p,
                            regex_automata::util::syntax::Config::new(),
                            REGEX_SIZE_LIMIT,
                        )
                        .map_err(|e| bad(&e))?,
                        gate: pattern_gate(&ascii_word_boundaries(p), &|w| stopwords.contains(w)),
                    })
                } else {
                    None
                };
                patterns.push(RulePattern {
                    rule: i,
                    regex,
                    on_lowercase,
                });
            }
        }

        let mut index: HashMap<String, usize> = HashMap::new();
        let mut keys: Vec<String> = Vec::new();
        let mut literals: Vec<Literal> = Vec::new();
        let mut add = |term: &str, target: TermTarget, case_sensitive: bool| {
            let normalized = normalize_term(term);
            let key = normalized.to_ascii_lowercase();
            let slot = *index.entry(key.clone()).or_insert_with(|| {
                keys.push(key.clone());
                literals.push(Literal {
                    entries: Vec::new(),
                    bounded_start: key.chars().next().is_some_and(crate::text::is_word_char),
                    bounded_end: key.chars().last().is_some_and(crate::text::is_word_char),
                    exact_first: None,
                });
                literals.len() - 1
            });
            if let Some(lit) = literals.get_mut(slot) {
                lit.entries.push(TermEntry {
                    target,
                    exact: case_sensitive.then_some(normalized),
                });
            }
        };
        for (i, rule) in rules.iter().enumerate() {
            for term in &rule.terms {
                add(term, TermTarget::Rule(i), rule.case_sensitive);
            }
            for phrase in &rule.exceptions {
                add(phrase, TermTarget::Exception(i), false);
            }
        }
        for (a, actor) in actors.iter().enumerate() {
            for (l, label) in actor.labels.iter().enumerate() {
                let keys: Vec<String> = label.terms.iter().map(|t| term_key(t)).collect();
                for (t, term) in label.terms.iter().enumerate() {
                    let first = keys.iter().position(|k| keys.get(t) == Some(k));
                    add(
                        term,
                        TermTarget::Label {
                            actor: a,
                            label: l,
                            term: first.unwrap_or(t),
                        },
                        label.case_sensitive,
                    );
                }
            }
        }
        for (pattern, gate) in patterns
            .iter()
            .enumerate()
            .filter_map(|(i, p)| Some((i, p.on_lowercase.as_ref()?.gate.as_ref()?)))
        {
            for (set, literals) in gate.sets.iter().enumerate() {
                for literal in literals {
                    // Lower-case already: the case-insensitive automaton finds each
                    // occurrence in the lower-cased text, and maybe a few more.
                    let target = TermTarget::Trigger {
                        pattern,
                        set,
                        after_non_word: literal.after_non_word,
                        before_non_word: literal.before_non_word,
                    };
                    add(&literal.text, target, false);
                }
            }
        }
        let (boilerplate, line_literals) =
            BoilerplateSearch::build(boilerplate, &|w: &str| stopwords.contains(w))?;
        for literal in &line_literals {
            add(literal, TermTarget::LineTrigger, false);
        }
        for lit in &mut literals {
            // `None` for a use that reads any case.
            let mut firsts = lit
                .entries
                .iter()
                .map(|e| e.exact.as_ref().and_then(|x| x.bytes().next()));
            lit.exact_first = match firsts.next() {
                Some(Some(b)) if b.is_ascii_alphabetic() && firsts.all(|f| f == Some(b)) => Some(b),
                _ => None,
            };
        }
        let terms = if keys.is_empty() {
            None
        } else {
            Some(TermAutomaton::new(&keys)?)
        };

        let mut cue_words = Vec::new();
        let mut cue_kinds = Vec::new();
        for v in &quotations.verbs {
            cue_words.push(term_key(v));
            cue_kinds.push(CueKind::Verb);
        }
        for p in &quotations.prepositions {
            cue_words.push(term_key(p));
            cue_kinds.push(CueKind::Preposition);
        }
        for v in &quotations.stance_verbs {
            cue_words.push(term_key(v));
            cue_kinds.push(CueKind::Stance);
        }
        let cues = if cue_words.is_empty() {
            None
        } else {
            Some(
                AhoCorasickBuilder::new()
                    .ascii_case_insensitive(true)
                    .match_kind(MatchKind::LeftmostLongest)
                    // Searched over every article: a DFA for the same reason as terms.
                    .kind(Some(AhoCorasickKind::DFA))
                    .build(&cue_words)
                    .map_err(|e| format!("cannot build the cue matcher: {e}"))?,
            )
        };
        let speakers = quotations
            .speakers
            .iter()
            .map(|s| s.to_lowercase())
            .collect();
        let scare_rule = rules
            .iter()
            .position(|r| r.detector == Some(DetectorKind::ScareQuote));
        Ok(Matchers {
            terms,
            literals,
            patterns,
            boilerplate,
            cues,
            cue_kinds,
            speakers,
            scare_rule,
        })
    }
}

/// Shared by the property tests of pattern matching.
#[cfg(test)]
pub(crate) mod test_support {
    /// The default pack and the words of its patterns, loaded once for the
    /// property tests.
    pub(crate) fn default_pack_and_pattern_words() -> &'static (crate::Lexicon, Vec<String>) {
        static SHARED: std::sync::OnceLock<(crate::Lexicon, Vec<String>)> =
            std::sync::OnceLock::new();
        SHARED.get_or_init(|| {
            let lexicon = match crate::Lexicon::default_pack() {
                Ok(l) => l,
                Err(e) => panic!("{e}"),
            };
            let mut words: Vec<String> = lexicon
                .matchers
                .patterns
                .iter()
                .flat_map(|p| {
                    p.regex
                        .as_str()
                        .split(|c: char| !c.is_ascii_lowercase())
                        .filter(|w| w.len() > 1)
                        .map(str::to_string)
                        .collect::<Vec<_>>()
                })
                .collect();
            words.sort();
            words.dedup();
            (lexicon, words)
        })
    }

    /// A text of `words` picked by `picks` (word, case, separator), with white space,
    /// punctuation, digits and characters beyond ASCII between them.
    pub(crate) fn text_of(words: &[String], picks: &[(usize, u8, u8)]) -> String {
        const SEPARATORS: [&str; 14] = [
            " ", "  ", ", ", ". ", "\n", "’s ", "-", "? ", " 42 ", " “", "” ", "é ", "7 ", "_",
        ];
        let mut text = String::new();
        for &(w, case, sep) in picks {
            let word = words
                .get(w % words.len().max(1))
                .cloned()
                .unwrap_or_default();
            text.push_str(&match case {
                0 => word,
                1 => word.to_uppercase(),
                _ => word
                    .chars()
                    .enumerate()
                    .map(|(i, c)| if i == 0 { c.to_ascii_uppercase() } else { c })
                    .collect(),
            });
            text.push_str(SEPARATORS[usize::from(sep) % SEPARATORS.len()]);
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercase_safe_patterns_name_only_lower_case_ascii() {
        assert!(lowercase_safe(r"\bthe\s+(?:worst|best)\S*\b[a-z]+"));
        assert!(!lowercase_safe(r"\bThe\b"));
        assert!(!lowercase_safe(r"(?i)the"));
        assert!(!lowercase_safe(r"\p{Lu}x"));
        assert!(!lowercase_safe(r"\x41"));
        assert!(!lowercase_safe(r"[[:upper:]]"));
        assert!(!lowercase_safe("caf\u{e9}"));
        assert!(!lowercase_safe("\u{24b6}"));
        assert!(!lowercase_safe("\u{2160}"));
        assert!(lowercase_safe(r#"\bwhy\b[^.?\n"“”«»]{0,9}\?"#));
        assert!(lowercase_safe(r"don[’']t"));
    }

    proptest::proptest! {
        /// Words of the default pack's patterns in random case, with white space and
        /// marks between them: each pattern that runs on the lower-cased text finds
        /// what it finds as written.
        #[test]
        fn lower_cased_search_finds_the_same_matches(
            picks in proptest::collection::vec((0usize..10_000, 0u8..3, 0u8..14), 1..60)
        ) {
            let (lexicon, words) = test_support::default_pack_and_pattern_words();
            let text = test_support::text_of(words, &picks);
            let lowered = text.to_ascii_lowercase();
            let mut checked = 0;
            for p in &lexicon.matchers.patterns {
                let Some(fast) = p.on_lowercase.as_ref().map(|l| &l.regex) else {
                    continue;
                };
                checked += 1;
                proptest::prop_assert_eq!(
                    p.regex.find_iter(&text).map(|m| (m.start(), m.end())).collect::<Vec<_>>(),
                    fast.find_iter(&lowered).map(|m| (m.start(), m.end())).collect::<Vec<_>>(),
                    "{}",
                    p.regex.as_str()
                );
            }
            proptest::prop_assert!(checked > 0, "no pattern runs on lower-cased text");
        }
    }

    #[test]
    fn word_boundaries_become_ascii() {
        assert_eq!(
            ascii_word_boundaries(r"\bclaim\B\\b\d"),
            r"(?-u:\b)claim(?-u:\B)\\b\d"
        );
        let re = build_regex(r"\bclaims?\b", false, false)
            .map(|r| r.find_iter("“Claims” claim").count());
        assert_eq!(re.ok(), Some(2));
    }
}
