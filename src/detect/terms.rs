//! Literal terms, exceptions and actor labels through one Aho-Corasick pass over the
//! normalized text; then each rule pattern over the original text.
//!
//! Overlap policy: among the rule matches that survive word boundaries, case and
//! exceptions, the leftmost wins, and of those starting at the same byte the longest;
//! the rest are dropped. Actor labels are resolved the same way, independently.

use crate::lexicon::{Lexicon, TermTarget, NON_ASCII_CASE_FOLDS};
use crate::text::NormalizedText;

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
    pub start: usize,
    pub end: usize,
}

/// The resolved matches of one text.
#[derive(Debug, Default)]
pub struct Matches {
    pub rules: Vec<RuleMatch>,
    pub labels: Vec<LabelMatch>,
}

fn char_before(text: &str, pos: usize) -> Option<char> {
    text.get(..pos)?.chars().next_back()
}

fn char_at(text: &str, pos: usize) -> Option<char> {
    text.get(pos..)?.chars().next()
}

fn is_boundary(c: Option<char>) -> bool {
    !c.is_some_and(crate::text::is_word_char)
}

/// Finds every rule and label match in `body`.
pub fn find(body: &str, lexicon: &Lexicon) -> Matches {
    let m = &lexicon.matchers;
    let mut rules = Vec::new();
    let mut labels = Vec::new();
    let mut exceptions: Vec<(usize, usize, usize)> = Vec::new();
    if let Some(ac) = &m.terms {
        let norm = NormalizedText::new(body);
        let text = norm.as_str();
        for hit in ac.find_overlapping_iter(text) {
            let Some(lit) = m.literals.get(hit.pattern().as_usize()) else {
                continue;
            };
            let (s, e) = (hit.start(), hit.end());
            if lit.bounded_start && !is_boundary(char_before(text, s)) {
                continue;
            }
            if lit.bounded_end && !is_boundary(char_at(text, e)) {
                continue;
            }
            let (start, end) = norm.original_range(body, s, e);
            for entry in &lit.entries {
                if let Some(exact) = &entry.exact {
                    if text.get(s..e) != Some(exact.as_str()) {
                        continue;
                    }
                }
                match entry.target {
                    TermTarget::Rule(rule) => rules.push(RuleMatch { rule, start, end }),
                    TermTarget::Exception(rule) => exceptions.push((rule, start, end)),
                    TermTarget::Label { actor, label } => labels.push(LabelMatch {
                        actor,
                        label,
                        start,
                        end,
                    }),
                }
            }
        }
    }
    // One lower-cased copy of the text (same byte offsets) for the patterns that can
    // run case-sensitively over it.
    let lowered = (m.patterns.iter().any(|p| p.on_lowercase.is_some())
        && !body.contains(NON_ASCII_CASE_FOLDS))
    .then(|| body.to_ascii_lowercase());
    for pattern in &m.patterns {
        let hits = match (&pattern.on_lowercase, &lowered) {
            (Some(re), Some(lower)) => re.find_iter(lower),
            _ => pattern.regex.find_iter(body),
        };
        for hit in hits.filter(|h| !h.is_empty()) {
            rules.push(RuleMatch {
                rule: pattern.rule,
                start: hit.start(),
                end: hit.end(),
            });
        }
    }
    drop_excepted(&mut rules, exceptions);
    Matches {
        rules: leftmost_longest(rules, |r| (r.start, r.end, r.rule)),
        labels: leftmost_longest(labels, |l| (l.start, l.end, l.actor * 1_000 + l.label)),
    }
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

/// Keeps the leftmost, then longest, of overlapping matches; ties by the third key
/// (lexicon order) so the result is deterministic.
fn leftmost_longest<T: Copy>(
    mut items: Vec<T>,
    key: impl Fn(&T) -> (usize, usize, usize),
) -> Vec<T> {
    items.sort_by(|a, b| {
        let (sa, ea, ta) = key(a);
        let (sb, eb, tb) = key(b);
        sa.cmp(&sb).then(eb.cmp(&ea)).then(ta.cmp(&tb))
    });
    let mut kept: Vec<T> = Vec::with_capacity(items.len());
    let mut last_end = 0;
    for item in items {
        let (s, e, _) = key(&item);
        if kept.is_empty() || s >= last_end {
            kept.push(item);
            last_end = e;
        }
    }
    kept
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

    #[test]
    fn patterns_match_on_the_original_text() {
        assert_eq!(
            found("they Cheated")[0],
            ("label.cheat".into(), "Cheated".into())
        );
    }
}
