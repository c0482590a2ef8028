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
use crate::text::normalize::{is_plain_term, term_key};
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
                    label: canonical_label(body.get(m.start..m.end)?, &label.terms, m.term),
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

/// The lexicon's spelling of the label term the text matched, so "Assad Regime" and
/// "Assad regime" count as one label: the first of `terms` with the matched text's
/// [`term_key`]. `hint` is the term the automaton matched, the answer whenever the
/// matched text is spelt like it; when both are plain that is seen without computing
/// any key.
fn canonical_label(matched: &str, terms: &[Arc<str>], hint: usize) -> Arc<str> {
    if let Some(term) = terms
        .get(hint)
        .filter(|t| is_plain_term(matched) && is_plain_term(t) && t.eq_ignore_ascii_case(matched))
    {
        return term.clone();
    }
    let key = term_key(matched);
    terms
        .iter()
        .find(|t| term_key(t) == key)
        .cloned()
        .unwrap_or_else(|| matched.into())
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
