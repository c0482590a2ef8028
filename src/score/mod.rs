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
        let mut categories: BTreeMap<String, CategoryScore> = lexicon
            .categories()
            .iter()
            .map(|c| (c.name.clone(), CategoryScore::default()))
            .collect();
        let mut weight_author = 0.0;
        let mut weight_quoted = 0.0;
        for f in findings {
            // Looked up by reference: every category is there already, so a key is
            // allocated only for a finding of a category the lexicon does not list.
            let entry = match categories.get_mut(f.category.as_ref()) {
                Some(entry) => entry,
                None => categories.entry(f.category.to_string()).or_default(),
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

    #[test]
    fn rates_are_per_thousand_words() {
        assert_eq!(per_thousand(3.0, 1500), 2.0);
        assert_eq!(per_thousand(1.0, 3), 333.3333);
        assert_eq!(per_thousand(5.0, 0), 0.0);
    }
}
