//! Finding the same statement quoted by several outlets. Outlets trim quotations,
//! change punctuation and quote marks, and fix or introduce small wording differences,
//! so statements are compared as lower-cased word sequences with a normalized
//! Levenshtein similarity (strsim) — over the whole of both, and over every window of
//! the longer one as long as the shorter, so a trimmed quotation still matches the
//! full one it was cut from.

use std::collections::HashSet;

use strsim::normalized_levenshtein;

/// Two quotations at least this similar are the same statement.
pub const THRESHOLD: f64 = 0.8;
/// A quotation must have at least this many words to match inside a longer one: a
/// shorter fragment ("the right to protest") would be found in too many statements.
pub const MIN_CONTAINED_WORDS: usize = 5;
/// Words of a quotation compared; the rest is ignored, which bounds the cost of
/// matching a very long quotation.
pub const MAX_WORDS: usize = 200;
/// Share of the shorter quotation's words that must appear in the longer one before
/// the (costlier) edit distance is computed.
const MIN_SHARED_WORDS: f64 = 0.5;

/// A quotation prepared for matching.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prepared {
    words: Vec<String>,
    joined: String,
    /// The distinct words, for the cheap overlap test that runs before edit distance.
    set: HashSet<String>,
}

impl Prepared {
    /// Lower-cased words of `text` (apostrophes straightened), at most [`MAX_WORDS`].
    pub fn new(text: &str) -> Prepared {
        let words: Vec<String> = crate::text::words(text)
            .take(MAX_WORDS)
            .map(|w| w.to_lowercase().replace(['’', '‘'], "'"))
            .collect();
        let joined = words.join(" ");
        let set = words.iter().cloned().collect();
        Prepared { words, joined, set }
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// True when there are no words.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// How alike two quotations are, 0 to 1: the better of the whole-text similarity and,
/// when the shorter has at least [`MIN_CONTAINED_WORDS`] words, its best similarity to
/// a same-length window of the longer.
pub fn similarity(a: &Prepared, b: &Prepared) -> f64 {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.is_empty() {
        return 0.0;
    }
    let shared = short.words.iter().filter(|w| long.set.contains(*w)).count();
    if (shared as f64) < MIN_SHARED_WORDS * short.len() as f64 {
        return 0.0;
    }
    let whole = normalized_levenshtein(&short.joined, &long.joined);
    if short.len() < MIN_CONTAINED_WORDS || short.len() == long.len() {
        return whole;
    }
    long.words
        .windows(short.len())
        .map(|w| normalized_levenshtein(&short.joined, &w.join(" ")))
        .fold(whole, f64::max)
}

/// Groups quotations into statements. `items` are `(group, quotation)` where the group
/// is the outlet or article; only quotations of different groups are compared, and
/// statements are the connected components of the "same statement" relation (so a
/// long quotation can join two shorter ones another outlet quoted separately).
/// Returns the groups of item indices, each sorted, in order of their first item.
pub fn cluster(items: &[(usize, Prepared)]) -> Vec<Vec<usize>> {
    let mut parent: Vec<usize> = (0..items.len()).collect();
    fn find(parent: &mut [usize], mut i: usize) -> usize {
        while let Some(&p) = parent.get(i) {
            if p == i {
                break;
            }
            // Path halving keeps the trees flat.
            let grand = parent.get(p).copied().unwrap_or(p);
            if let Some(slot) = parent.get_mut(i) {
                *slot = grand;
            }
            i = grand;
        }
        i
    }
    for (i, (gi, qi)) in items.iter().enumerate() {
        for (j, (gj, qj)) in items.iter().enumerate().skip(i + 1) {
            if gi == gj {
                continue;
            }
            let (ri, rj) = (find(&mut parent, i), find(&mut parent, j));
            if ri != rj && similarity(qi, qj) >= THRESHOLD {
                // The smaller root wins, so the result does not depend on pair order.
                let (lo, hi) = (ri.min(rj), ri.max(rj));
                if let Some(slot) = parent.get_mut(hi) {
                    *slot = lo;
                }
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for i in 0..items.len() {
        let root = find(&mut parent, i);
        groups.entry(root).or_default().push(i);
    }
    groups.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sim(a: &str, b: &str) -> f64 {
        similarity(&Prepared::new(a), &Prepared::new(b))
    }

    #[test]
    fn punctuation_and_quote_marks_do_not_matter() {
        assert_eq!(
            sim(
                "Those who set fire to a family’s shop will answer for it in court.",
                "those who set fire to a family's shop will answer for it in court"
            ),
            1.0
        );
    }

    #[test]
    fn a_trimmed_quotation_matches_the_full_one() {
        let full = "The right to protest ends where violence begins, and those who set fire to a family's shop will answer for it in court";
        let trimmed = "Those who set fire to a family’s shop will answer for it in court.";
        assert_eq!(sim(full, trimmed), 1.0);
        assert!(
            sim(
                "responsible for every death",
                "The smugglers are responsible for every death tonight"
            ) < THRESHOLD
        );
    }

    #[test]
    fn small_wording_differences_still_match() {
        assert!(
            sim(
                "The smugglers who put these people on a rotten boat are responsible for every death tonight",
                "The smugglers who put those people on a rotten boat are responsible for each death tonight"
            ) >= THRESHOLD
        );
    }

    #[test]
    fn different_statements_do_not_match() {
        assert!(
            sim(
                "Officers acted with restraint throughout a very difficult night",
                "We came to defend our jobs, not to break windows"
            ) < THRESHOLD
        );
        assert_eq!(sim("", "anything"), 0.0);
    }

    #[test]
    fn clusters_join_across_groups_only() {
        let items = vec![
            (0, Prepared::new("We came to defend our jobs, not to break windows")),
            (0, Prepared::new("The people who set that fire do not speak for us")),
            (1, Prepared::new("We came to defend our jobs, not to break windows. The people who set that fire do not speak for us, and we want them found")),
            (2, Prepared::new("Every life we could save, we saved")),
            (2, Prepared::new("We came to defend our jobs, not to break windows")),
        ];
        assert_eq!(cluster(&items), vec![vec![0, 1, 2, 4], vec![3]]);
    }
}
