//! Page furniture: lines that match the lexicon's boilerplate patterns are skipped for
//! scoring, never removed, so offsets into the text stay exact.
//!
//! The patterns run on one line at a time (a line ends at a line feed, a carriage
//! return or both), so a match never reaches into the next line. The patterns that
//! could read a whole line from its start (`^.*\ball rights reserved`) are gated: each
//! of their matches holds one of a few literals, which the term automaton finds in its
//! pass over the text, and a line holding none of them is searched with the other
//! patterns only. Those stop within a line's first words.

use std::ops::Range;

use regex_automata::{Anchored, Input};

use super::terms::Matches;
use crate::lexicon::Lexicon;
use crate::text::LineIndex;

/// The byte ranges of the lines (without their line break) that are boilerplate, in
/// text order; `matches` are the term automaton's, with where the literals of the gated
/// patterns start; `index` is the text's line index.
pub fn skipped_regions(
    body: &str,
    lexicon: &Lexicon,
    matches: &Matches,
    index: &LineIndex,
) -> Vec<Range<usize>> {
    let Some(search) = &lexicon.matchers.boilerplate else {
        return Vec::new();
    };
    // The literals are found without case for ASCII letters only: a text with a
    // character that one matches beyond ASCII (the Kelvin sign for `k`) is searched
    // with every pattern.
    let gated = search.gated && !matches.non_ascii_case_folds;
    let triggers = matches.line_triggers.as_slice();
    let mut next_trigger = 0;
    let mut regions = Vec::new();
    for_each_line(body, index, |line| {
        let regex = if gated {
            while triggers.get(next_trigger).is_some_and(|&t| t < line.start) {
                next_trigger += 1;
            }
            if triggers.get(next_trigger).is_some_and(|&t| t < line.end) {
                Some(&search.all)
            } else {
                search.ungated.as_ref()
            }
        } else {
            Some(&search.all)
        };
        let Some(regex) = regex else {
            return;
        };
        // A match of white space alone (a pattern that can match nothing) does not
        // make a line boilerplate.
        let counts =
            |m: regex_automata::Match| body.get(m.range()).is_some_and(|t| !t.trim().is_empty());
        let input = Input::new(body).span(line.clone());
        let found = if search.at_line_starts {
            regex
                .search(&input.anchored(Anchored::Yes))
                .is_some_and(counts)
        } else {
            regex.find_iter(input).any(counts)
        };
        if found {
            regions.push(line);
        }
    });
    regions
}

/// Calls `visit` with each line of `text` that holds more than white space, in order,
/// without its line break: a line feed, a carriage return or both end a line. The line
/// feeds are the line index's (`index`, of `text`); a text with no carriage return,
/// nearly every one, is searched for them no further.
fn for_each_line(text: &str, index: &LineIndex, mut visit: impl FnMut(Range<usize>)) {
    let bytes = text.as_bytes();
    let mut visit_unless_blank = |line: Range<usize>| {
        if text.get(line.clone()).is_some_and(|l| !l.trim().is_empty()) {
            visit(line);
        }
    };
    // The index's lines end before a carriage return that precedes a line feed; any
    // other one cuts a line in two.
    let any_return = memchr::memchr(b'\r', bytes).is_some();
    for line in index.ranges(text) {
        if !any_return {
            visit_unless_blank(line);
            continue;
        }
        let mut start = line.start;
        for i in memchr::memchr_iter(b'\r', bytes.get(line.clone()).unwrap_or_default()) {
            visit_unless_blank(start..line.start + i);
            start = line.start + i + 1;
        }
        visit_unless_blank(start..line.end);
    }
}

#[cfg(test)]
mod tests {
    use super::super::terms::find;
    use super::*;

    fn pack() -> &'static Lexicon {
        &crate::lexicon::test_support::default_pack_and_pattern_words().0
    }

    /// The skipped lines of `text`, with the term automaton's triggers.
    fn skipped(text: &str) -> Vec<&str> {
        skipped_regions(text, pack(), &find(text, pack()), &LineIndex::new(text))
            .into_iter()
            .filter_map(|r| text.get(r))
            .collect()
    }

    /// The term automaton's matches of `text` without the boilerplate triggers.
    fn without_triggers(text: &str) -> Matches {
        Matches {
            line_triggers: Vec::new(),
            ..find(text, pack())
        }
    }

    #[test]
    fn a_match_stays_on_its_line() {
        // The photo credit's pattern allows white space after a caption's full stop:
        // the caption on the line above is not taken with it.
        assert_eq!(
            skipped("The mayor spoke at the harbour.\nJane Roe/AFP/Getty Images\nThe vote is on Monday."),
            vec!["Jane Roe/AFP/Getty Images"]
        );
        assert_eq!(
            skipped("Talks resumed.\n\nADVERTISEMENT\n\nThe vote is on Monday."),
            vec!["ADVERTISEMENT"]
        );
        assert_eq!(
            skipped("Talks resumed.\r\nRead more\r\nThe vote is on Monday."),
            vec!["Read more"]
        );
        assert_eq!(
            skipped("Talks resumed.\rRead more\rThe vote."),
            vec!["Read more"]
        );
    }

    #[test]
    fn gated_patterns_run_on_the_lines_holding_their_words() {
        assert!(pack()
            .matchers
            .boilerplate
            .as_ref()
            .is_some_and(|b| b.gated));
        let text = "We use cookies to improve the site.\nThe vote is on Monday.";
        assert_eq!(skipped(text), vec!["We use cookies to improve the site."]);
        // Without the automaton's triggers, only the other patterns run.
        assert!(
            skipped_regions(text, pack(), &without_triggers(text), &LineIndex::new(text))
                .is_empty()
        );
    }

    #[test]
    fn a_kelvin_sign_turns_the_gates_off() {
        // `(?i)k` matches the Kelvin sign, which the literal search for "cookie" does
        // not: such a text is searched with every pattern.
        let text = "We use coo\u{212A}ies to improve the site.";
        assert_eq!(
            skipped_regions(text, pack(), &without_triggers(text), &LineIndex::new(text)),
            vec![0..text.len()]
        );
    }

    proptest::proptest! {
        /// Lines of boilerplate openers, gated literals and news words under every
        /// kind of line break: the gated search skips the lines that every pattern,
        /// run on each line, finds.
        #[test]
        fn gates_skip_what_every_pattern_finds(
            picks in proptest::collection::vec((0usize..21, 0u8..6), 1..40)
        ) {
            const PIECES: [&str; 21] = [
                "Read more:", "ADVERTISEMENT", "Share", "Getty Images", "Jane Roe/AFP/",
                "\u{a9} 2024", "All rights reserved", "We use cookies", "icon icon icon",
                "The council said", "officials", "Subscribe now", "Published 3 March 2024",
                "Follow us on Twitter", "photo", "Reuters/Jane Roe", "the newsletter", "2024",
                "EPA-EFE", "epa", "defence",
            ];
            const BREAKS: [&str; 6] = [" ", ". ", "\n", "\r\n", "\n\n", "\r"];
            let mut text = String::new();
            for &(piece, brk) in &picks {
                text.push_str(PIECES.get(piece).copied().unwrap_or_default());
                text.push_str(BREAKS.get(usize::from(brk)).copied().unwrap_or(" "));
            }
            let Some(search) = &pack().matchers.boilerplate else {
                panic!("the default pack has boilerplate patterns");
            };
            // The lines, cut at every line feed and carriage return, read as the user
            // sees them.
            let mut start = 0;
            let expected: Vec<Range<usize>> = text
                .split(['\n', '\r'])
                .map(|line| {
                    let range = start..start + line.len();
                    start = range.end + 1;
                    range
                })
                .filter(|line| text.get(line.clone()).is_some_and(|l| !l.trim().is_empty()))
                .filter(|line| {
                    let input = Input::new(&text).span(line.clone()).anchored(Anchored::Yes);
                    search
                        .all
                        .search(&input)
                        .is_some_and(|m| text.get(m.range()).is_some_and(|t| !t.trim().is_empty()))
                })
                .collect();
            proptest::prop_assert_eq!(
                skipped_regions(&text, pack(), &find(&text, pack()), &LineIndex::new(&text)),
                expected
            );
        }
    }
}
