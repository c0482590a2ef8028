//! Aggregation: the per-article scorecard (counts and rates per 1,000 words by
//! category and voice). Rates are normalized per 1,000 words so long and short
//! articles compare; raw weights are never summed into a "score" by themselves.
//!
//! Above the article: [`profile`] sums outlets across a corpus (mergeable across
//! shards), [`compare`] lines up one event's outlets side by side, [`stats`] holds the
//! bootstrap and log-odds they use. All of them aggregate `Analysis` values and never
//! read article text.

pub mod compare;
pub mod profile;
pub mod quote_match;
pub mod stats;
pub mod tally;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::detect::{Finding, Voice};
use crate::lexicon::Lexicon;

/// Counts and rates of one category in one article.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct CategoryScore {
    /// Findings in the outlet's own words.
    pub author: usize,
    /// Findings inside quotations.
    pub quoted: usize,
    /// Author findings per 1,000 words.
    pub author_rate: f64,
    /// Quoted findings per 1,000 words.
    pub quoted_rate: f64,
}

/// The scores of one article.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Scorecard {
    /// Words counted (boilerplate excluded).
    pub words: usize,
    /// Words inside quotations.
    pub quoted_words: usize,
    /// Per category, every category of the lexicon (zero when nothing was found).
    pub categories: BTreeMap<String, CategoryScore>,
    /// Sum of author-voice finding weights per 1,000 words.
    pub weighted_author_rate: f64,
    /// Sum of quoted-voice finding weights per 1,000 words.
    pub weighted_quoted_rate: f64,
}

/// `count` per 1,000 of `words`, rounded to 4 decimals so output stays tidy; 0 when
/// there are no words.
pub fn per_thousand(count: f64, words: usize) -> f64 {
    if words == 0 {
        return 0.0;
    }
    (count * 1000.0 / words as f64 * 10_000.0).round() / 10_000.0
}

impl Scorecard {
    /// Scores `findings` of an article with `words` words.
    pub fn new(lexicon: &Lexicon, words: usize, quoted_words: usize, findings: &[Finding]) -> Self {
        let declared = lexicon.categories();
        // Counted by the category's place in the lexicon, found by comparing names
        // (most differ in length): cheaper, a finding, than a lookup in the map,
        // which is built once at the end.
        let mut counts = vec![CategoryScore::default(); declared.len()];
        let mut undeclared: BTreeMap<String, CategoryScore> = BTreeMap::new();
        let mut weight_author = 0.0;
        let mut weight_quoted = 0.0;
        for f in findings {
            let place = declared.iter().position(|c| *c.name == *f.category);
            let entry = match place.and_then(|i| counts.get_mut(i)) {
                Some(entry) => entry,
                None => undeclared.entry(f.category.to_string()).or_default(),
            };
            match f.voice {
                Voice::Author => {
                    entry.author += 1;
                    weight_author += f.weight;
                }
                Voice::Quoted => {
                    entry.quoted += 1;
                    weight_quoted += f.weight;
                }
            }
        }
        let mut categories: BTreeMap<String, CategoryScore> = declared
            .iter()
            .map(|c| c.name.clone())
            .zip(counts)
            .collect();
        categories.append(&mut undeclared);
        for score in categories.values_mut() {
            score.author_rate = per_thousand(score.author as f64, words);
            score.quoted_rate = per_thousand(score.quoted as f64, words);
        }
        Scorecard {
            words,
            quoted_words,
            categories,
            weighted_author_rate: per_thousand(weight_author, words),
            weighted_quoted_rate: per_thousand(weight_quoted, words),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(category: &str, voice: Voice, weight: f64) -> Finding {
        Finding {
            rule: "x.y".into(),
            category: category.into(),
            start: 0,
            end: 1,
            line: 1,
            column: 1,
            text: "x".to_string(),
            voice,
            weight,
        }
    }

    #[test]
    fn every_category_is_scored_and_findings_count_under_theirs() {
        let lexicon = Lexicon::default_pack().unwrap_or_else(|e| panic!("{e}"));
        let findings = [
            finding("doubt", Voice::Author, 1.0),
            finding("hedge", Voice::Quoted, 0.5),
            finding("doubt", Voice::Author, 0.5),
            finding("unlisted", Voice::Quoted, 1.0),
        ];
        let card = Scorecard::new(&lexicon, 500, 40, &findings);
        let declared: Vec<&str> = lexicon
            .categories()
            .iter()
            .map(|c| c.name.as_str())
            .collect();
        assert!(declared.iter().all(|c| card.categories.contains_key(*c)));
        assert_eq!(card.categories.len(), declared.len() + 1);
        let score = |c: &str| card.categories.get(c).copied().unwrap_or_default();
        assert_eq!((score("doubt").author, score("doubt").quoted), (2, 0));
        assert_eq!(score("doubt").author_rate, 4.0);
        assert_eq!((score("hedge").author, score("hedge").quoted), (0, 1));
        assert_eq!((score("unlisted").author, score("unlisted").quoted), (0, 1));
        assert_eq!(score("label"), CategoryScore::default());
        assert_eq!(card.weighted_author_rate, 3.0);
        assert_eq!(card.weighted_quoted_rate, 3.0);
    }

    #[test]
    fn rates_are_per_thousand_words() {
        assert_eq!(per_thousand(3.0, 1500), 2.0);
        assert_eq!(per_thousand(1.0, 3), 333.3333);
        assert_eq!(per_thousand(5.0, 0), 0.0);
    }
}
