//! Per-article tallies that profiles and comparisons share: quotation kinds, actor
//! label choices, attribution cues, and the keys terms are counted under. All counts
//! are integers so sums merge exactly in any order.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::detect::{Analysis, QuoteKind, Voice};
use crate::lexicon::Tone;

/// The category whose findings are verbs of attribution ("claimed", "admitted"). They
/// join the quotation cues in the attribution mix: an outlet that writes "X claimed"
/// without quoting X still chose a verb.
pub const ATTRIBUTION_CATEGORY: &str = "attribution";

/// Quotations by kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteCounts {
    /// Attributed speech.
    pub direct: u64,
    /// Fragments inside attributed sentences.
    pub partial: u64,
    /// Unattributed short phrases.
    pub scare: u64,
}

impl QuoteCounts {
    /// Counts the quotations of one article.
    pub fn of(a: &Analysis) -> QuoteCounts {
        let mut c = QuoteCounts::default();
        for q in &a.quotes {
            match q.kind {
                QuoteKind::Direct => c.direct += 1,
                QuoteKind::Partial => c.partial += 1,
                QuoteKind::Scare => c.scare += 1,
            }
        }
        c
    }

    /// Adds `other`, saturating (counts read from files can be anything).
    pub fn add(&mut self, other: QuoteCounts) {
        self.direct = self.direct.saturating_add(other.direct);
        self.partial = self.partial.saturating_add(other.partial);
        self.scare = self.scare.saturating_add(other.scare);
    }
}

/// How often one label of an actor was used, by voice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabelCount {
    /// The label's tone.
    pub tone: Tone,
    /// Uses in the outlet's own words.
    pub author: u64,
    /// Uses inside quotations.
    pub quoted: u64,
}

/// Actor id → label → uses.
pub type LabelMap = BTreeMap<String, BTreeMap<String, LabelCount>>;

/// Adds the actor mentions of `a` to `labels`.
pub fn add_labels(labels: &mut LabelMap, a: &Analysis) {
    for m in &a.mentions {
        let entry = labels
            .entry(m.actor.to_string())
            .or_default()
            .entry(m.label.to_string())
            .or_insert(LabelCount {
                tone: m.tone,
                author: 0,
                quoted: 0,
            });
        match m.voice {
            Voice::Author => entry.author += 1,
            Voice::Quoted => entry.quoted += 1,
        }
    }
}

/// Adds the attribution cues of `a` to `cues`: the cue of every quotation ("said",
/// "according to"), and every author-voice finding of the attribution category that is
/// not already one of those cues ("claimed", "admitted" with no quotation).
pub fn add_cues(cues: &mut BTreeMap<String, u64>, a: &Analysis) {
    let mut cue_starts: Vec<usize> = Vec::new();
    for cue in a.quotes.iter().filter_map(|q| q.cue.as_ref()) {
        cue_starts.push(cue.start);
        *cues.entry(term_key(&cue.text)).or_insert(0) += 1;
    }
    cue_starts.sort_unstable();
    for f in &a.findings {
        if f.voice == Voice::Author
            && f.category.as_ref() == ATTRIBUTION_CATEGORY
            && cue_starts.binary_search(&f.start).is_err()
        {
            *cues.entry(term_key(&f.text)).or_insert(0) += 1;
        }
    }
}

/// The key a term, cue or word is counted under: lower case, straight apostrophes and
/// quote marks, single spaces — so "Claimed" and "claimed", or "family’s" and
/// "family's", count as one.
pub fn term_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars() {
            match c {
                '’' | '‘' => out.push('\''),
                '“' | '”' | '«' | '»' => out.push('"'),
                c => out.extend(c.to_lowercase()),
            }
        }
    }
    out
}

/// A speaker's name as counted: whitespace collapsed, case kept (names are proper).
pub fn speaker_key(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Adds `from` into `into`, saturating.
pub fn add_counts(into: &mut BTreeMap<String, u64>, from: &BTreeMap<String, u64>) {
    for (k, v) in from {
        let e = into.entry(k.clone()).or_insert(0);
        *e = e.saturating_add(*v);
    }
}

/// `(key, count)` pairs, most frequent first, ties in key order.
pub fn ranked(counts: &BTreeMap<String, u64>) -> Vec<(&str, u64)> {
    let mut v: Vec<(&str, u64)> = counts.iter().map(|(k, c)| (k.as_str(), *c)).collect();
    // BTreeMap iteration is in key order and the sort is stable: ties stay in key order.
    v.sort_by_key(|x| std::cmp::Reverse(x.1));
    v
}

/// A finding's weight in thousandths. Weights are validated to (0, 10]; counting them as
/// integers makes sums exact, so merged shards add up to exactly one run.
pub fn weight_milli(weight: f64) -> u64 {
    (weight * 1000.0).round().max(0.0) as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fold_case_and_quote_marks() {
        assert_eq!(term_key("Claimed"), "claimed");
        assert_eq!(term_key("  According\n to "), "according to");
        assert_eq!(term_key("“family’s”"), "\"family's\"");
    }

    #[test]
    fn ranking_breaks_ties_by_key() {
        let counts: BTreeMap<String, u64> = [("b", 2), ("a", 2), ("c", 5)]
            .iter()
            .map(|(k, v)| (k.to_string(), *v))
            .collect();
        assert_eq!(ranked(&counts), vec![("c", 5), ("a", 2), ("b", 2)]);
    }

    #[test]
    fn weights_in_thousandths() {
        assert_eq!(weight_milli(1.0), 1000);
        assert_eq!(weight_milli(0.25), 250);
        assert_eq!(weight_milli(2.125), 2125);
    }
}
