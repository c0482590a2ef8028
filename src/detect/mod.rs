//! Analysis of one article against a compiled lexicon: boilerplate regions, term and
//! pattern findings, actor-label mentions, quotations, and the voice of each finding.
//! The text is scanned once per matcher; nothing here renders or aggregates.

mod boilerplate;
pub mod examples;
mod quotes;
mod terms;

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::article::{Article, Metadata};
use crate::lexicon::{Lexicon, Tone};
use crate::score::Scorecard;
use crate::text::{count_words, LineIndex};

pub use quotes::{Attribution, Quotation, QuoteKind, TextSpan};

/// Whose words a finding is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Voice {
    /// The outlet's own words.
    Author,
    /// Inside a quotation of someone else.
    Quoted,
}

impl Voice {
    /// `author` or `quoted`.
    pub fn as_str(self) -> &'static str {
        match self {
            Voice::Author => "author",
            Voice::Quoted => "quoted",
        }
    }
}

/// One framing device found in an article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// The rule that matched (`doubt.alleged`).
    pub rule: Arc<str>,
    /// The rule's category (`doubt`).
    pub category: Arc<str>,
    /// Byte offset of the match in the article body.
    pub start: usize,
    /// Byte offset just past the match.
    pub end: usize,
    /// 1-based line of `start`.
    pub line: usize,
    /// 1-based column of `start`, in characters.
    pub column: usize,
    /// The matched text, exactly `body[start..end]`.
    pub text: String,
    /// Whose words these are.
    pub voice: Voice,
    /// The rule's weight.
    pub weight: f64,
}

/// A mention of an actor by one of its labels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mention {
    /// The actor's id.
    pub actor: Arc<str>,
    /// The label as written in the lexicon's first term of that label set's match.
    pub label: Arc<str>,
    /// The label's tone.
    pub tone: Tone,
    /// Byte offset in the body.
    pub start: usize,
    /// Byte offset just past the mention.
    pub end: usize,
    /// The matched text.
    pub text: String,
    /// Whose words these are.
    pub voice: Voice,
}

/// Everything found in one article. Comparisons and profiles are sums over these.
#[derive(Debug, Clone, Serialize)]
pub struct Analysis {
    /// The article's metadata.
    #[serde(flatten)]
    pub meta: Metadata,
    /// Words counted for scoring (boilerplate excluded).
    pub words: usize,
    /// Findings, in text order.
    pub findings: Vec<Finding>,
    /// Quotations, in text order.
    pub quotes: Vec<Quotation>,
    /// Actor mentions, in text order.
    pub mentions: Vec<Mention>,
    /// Speech attributed in the writer's own words, quoted or not ("the council said
    /// that..."), in text order, when asked for with [`AnalyzeOptions::attributions`].
    /// Not part of the `scan` record.
    #[serde(skip)]
    pub attributions: Vec<Attribution>,
    /// Byte ranges skipped as boilerplate.
    pub skipped: Vec<Range<usize>>,
    /// Per-category counts and rates.
    pub scores: Scorecard,
    /// Lower-cased word frequencies of the outlet's own words (outside quotations and
    /// boilerplate), when asked for with [`AnalyzeOptions::word_counts`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub word_counts: Option<BTreeMap<String, u32>>,
}

/// What to compute besides findings.
#[derive(Debug, Clone, Copy, Default)]
pub struct AnalyzeOptions {
    /// Count the article's own words, for distinctive-wording comparisons.
    pub word_counts: bool,
    /// Keep the speech attributed without quotation marks
    /// ([`Analysis::attributions`]), for evaluation against attribution annotations.
    /// Finding it reads every speech verb of the article, the largest cost of the
    /// quotation detector; without this option it is found only for articles with
    /// scare quotes (a scare quote in a sentence that reports speech is a partial
    /// quotation) and then dropped, since no output of `scan` shows it.
    pub attributions: bool,
}

/// Analyzes one article.
pub fn analyze(article: &Article, lexicon: &Lexicon) -> Analysis {
    analyze_with(article, lexicon, AnalyzeOptions::default())
}

/// Analyzes one article, computing what `options` asks for besides findings.
pub fn analyze_with(article: &Article, lexicon: &Lexicon, options: AnalyzeOptions) -> Analysis {
    let body = article.body.as_str();
    let matches = terms::find(body, lexicon);
    let lines = LineIndex::new(body);
    let skipped = boilerplate::skipped_regions(body, lexicon, &matches, &lines);
    let in_skipped = |pos: usize| {
        let i = skipped.partition_point(|r| r.end <= pos);
        skipped.get(i).is_some_and(|r| r.start <= pos)
    };
    let detected = quotes::detect(body, lexicon, &lines);
    let all_quotes = detected.quotes.len();
    let mut quotes: Vec<Quotation> = detected
        .quotes
        .into_iter()
        .filter(|q| !in_skipped(q.start))
        .collect();
    // A scare quote in a sentence that reports speech is a partial quotation, so the
    // attributions of those sentences are found even when not asked for. The sentence
    // starts hold as found while no quotation was dropped as boilerplate.
    let starts = (quotes.len() == all_quotes).then_some(detected.sentence_starts.as_slice());
    let found = quotes::attribute_scare_quotes(
        body,
        lexicon,
        &lines,
        &mut quotes,
        starts,
        options.attributions,
        |a| !in_skipped(a.cue.start),
    );
    let attributions = if options.attributions {
        found
    } else {
        Vec::new()
    };
    let voice_at = |pos: usize| {
        let i = quotes.partition_point(|q| q.end <= pos);
        if quotes.get(i).is_some_and(|q| q.start <= pos) {
            Voice::Quoted
        } else {
            Voice::Author
        }
    };
    let rules = lexicon.rules();
    // Every rule match and scare quote can become a finding: one allocation.
    let scare_quotes = quotes.iter().filter(|q| q.kind == QuoteKind::Scare).count();
    let mut findings = Vec::with_capacity(matches.rules.len() + scare_quotes);
    let mut push = |rule_index: usize, start: usize, end: usize, voice: Voice| {
        if let (Some(rule), Some(text)) = (rules.get(rule_index), body.get(start..end)) {
            findings.push(Finding {
                rule: rule.id.clone(),
                category: rule.category.clone(),
                start,
                end,
                // Filled in text order below.
                line: 0,
                column: 0,
                text: text.to_string(),
                voice,
                weight: rule.weight,
            });
        }
    };
    for m in matches.rules.iter().filter(|m| !in_skipped(m.start)) {
        push(m.rule, m.start, m.end, voice_at(m.start));
    }
    if let Some(scare_rule) = lexicon.matchers.scare_rule {
        for q in quotes.iter().filter(|q| q.kind == QuoteKind::Scare) {
            // The scare quote is the writer's own device: author voice.
            push(scare_rule, q.start, q.end, Voice::Author);
        }
    }
    findings
        .sort_by(|a, b| (a.start, a.end, a.rule.as_ref()).cmp(&(b.start, b.end, b.rule.as_ref())));
    // Lines and columns in text order, each counted on from the one before.
    let mut cursor = lines.cursor(body);
    for f in &mut findings {
        (f.line, f.column) = cursor.line_column(f.start);
    }
    let actors = lexicon.actors();
    // Sized for every label match, as a filtered iterator's size is not known.
    let mut mentions = Vec::with_capacity(matches.labels.len());
    mentions.extend(
        matches
            .labels
            .iter()
            .filter(|m| !in_skipped(m.start))
            .filter_map(|m| {
                let actor = actors.get(m.actor)?;
                let label = actor.labels.get(m.label)?;
                Some(Mention {
                    actor: actor.id.clone(),
                    // The lexicon's spelling, so that "Assad Regime" and "Assad regime"
                    // count as one label: the automaton found the text as this term's
                    // literal, so the text's `term_key` is the term's, and the term is
                    // the first of its label's with that key (see `Matchers::build`).
                    label: label.terms.get(m.term)?.clone(),
                    tone: label.tone,
                    start: m.start,
                    end: m.end,
                    text: body.get(m.start..m.end)?.to_string(),
                    voice: voice_at(m.start),
                })
            }),
    );
    let words = count_outside(body, &skipped);
    let quoted_words = quotes.iter().map(|q| q.words).sum();
    let scores = Scorecard::new(lexicon, words, quoted_words, &findings);
    let word_counts = options
        .word_counts
        .then(|| own_word_counts(body, &skipped, &quotes));
    Analysis {
        meta: article.meta.clone(),
        words,
        findings,
        quotes,
        mentions,
        attributions,
        skipped,
        scores,
        word_counts,
    }
}

/// Frequencies of lower-cased words outside boilerplate and quotations.
fn own_word_counts(
    body: &str,
    skipped: &[Range<usize>],
    quotes: &[Quotation],
) -> BTreeMap<String, u32> {
    let mut excluded: Vec<Range<usize>> = skipped
        .iter()
        .cloned()
        .chain(quotes.iter().map(|q| q.start..q.end))
        .collect();
    excluded.sort_by_key(|r| r.start);
    // Counted in a hash map, with a key allocated only for a word not seen before, and
    // sorted once at the end.
    let mut counts: HashMap<String, u32> = HashMap::new();
    let mut key = String::new();
    let mut pos = 0;
    let mut add = |segment: &str| {
        for word in crate::text::words(segment) {
            key.clear();
            if word.is_ascii() {
                key.push_str(word);
                key.make_ascii_lowercase();
            } else {
                key.push_str(&word.to_lowercase().replace('’', "'"));
            }
            match counts.get_mut(key.as_str()) {
                Some(n) => *n += 1,
                None => {
                    counts.insert(key.clone(), 1);
                }
            }
        }
    };
    for r in &excluded {
        if r.start > pos {
            add(body.get(pos..r.start).unwrap_or(""));
        }
        pos = pos.max(r.end);
    }
    add(body.get(pos..).unwrap_or(""));
    counts.into_iter().collect()
}

fn count_outside(body: &str, skipped: &[Range<usize>]) -> usize {
    let mut words = 0;
    let mut pos = 0;
    for r in skipped {
        words += body.get(pos..r.start).map_or(0, count_words);
        pos = r.end;
    }
    words + body.get(pos..).map_or(0, count_words)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::test_support;
    use crate::text::normalize::term_key;

    #[test]
    fn a_label_counts_under_the_lexicons_spelling() {
        let lexicon = &test_support::default_pack_and_pattern_words().0;
        let text = "The Assad Regime fell. The assad\u{a0}regime, the Assad’s  regime.";
        let analysis = analyze(&Article::from_text(text), lexicon);
        let labels: Vec<(&str, &str)> = analysis
            .mentions
            .iter()
            .map(|m| (m.text.as_str(), m.label.as_ref()))
            .collect();
        assert_eq!(
            labels,
            [
                ("Assad Regime", "Assad regime"),
                ("assad\u{a0}regime", "Assad regime"),
                ("Assad’s  regime", "Assad's regime")
            ]
        );
    }

    proptest::proptest! {
        /// The default pack's label terms in random case between white space,
        /// hyphens, punctuation and characters beyond ASCII: every mention counts
        /// under the first of its label's terms spelt like the text it matched.
        #[test]
        fn mentions_count_under_the_first_term_spelt_alike(
            picks in proptest::collection::vec((0usize..10_000, 0u8..3, 0u8..14), 1..40)
        ) {
            let lexicon = &test_support::default_pack_and_pattern_words().0;
            let terms: Vec<String> = lexicon
                .actors()
                .iter()
                .flat_map(|a| &a.labels)
                .flat_map(|l| l.terms.iter().map(|t| t.to_string()))
                .collect();
            let text = test_support::text_of(&terms, &picks);
            let analysis = analyze(&Article::from_text(&text), lexicon);
            for m in &analysis.mentions {
                let key = term_key(&m.text);
                let first_alike = lexicon
                    .actors()
                    .iter()
                    .filter(|a| a.id == m.actor)
                    .flat_map(|a| &a.labels)
                    .filter_map(|l| l.terms.iter().find(|t| term_key(t) == key))
                    .any(|t| *t == m.label);
                proptest::prop_assert!(first_alike, "{m:?} in {text:?}");
            }
        }
    }
}
