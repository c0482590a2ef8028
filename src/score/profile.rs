//! Per-outlet profiles across a corpus: sums that merge.
//!
//! A [`ProfileSet`] holds, per outlet, integer sums (articles, words, findings by
//! category and voice, finding weights in thousandths, quotation kinds, terms, label
//! choices, attribution cues) and one compact row of integers per article
//! (`[words, weight_author_milli, author count per category...]`). Everything derived —
//! pooled rates, the article-level mean and its bootstrap interval, top terms — is
//! computed from those at report time. So scanning a corpus in shards and merging the
//! partials gives exactly the profile of one run: integer sums do not depend on order,
//! and the per-article rows are put in a canonical (sorted) order before the seeded
//! bootstrap resamples them.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::{Deserialize, Serialize};

use super::per_thousand;
use super::stats::{bootstrap_means, fnv1a, round4, MeanInterval};
use super::tally::{
    add_counts, add_cues, add_labels, term_key, weight_milli, LabelMap, QuoteCounts,
};
use crate::detect::{Analysis, Voice};
use crate::lexicon::Lexicon;

/// The version tag of the profile JSON. Merge reads only this version.
pub const PROFILE_FORMAT: &str = "framescope-profile/1";
/// Bootstrap resamples per outlet.
pub const RESAMPLES: usize = 1000;
/// Coverage of the bootstrap interval.
pub const LEVEL: f64 = 0.95;
/// The fixed bootstrap seed (per outlet it is mixed with a hash of the outlet's name),
/// so the same input gives the same bytes. Kept below 2^53 so JSON tools that read
/// numbers as doubles print it unchanged.
pub const SEED: u64 = 0x00F5_5EED;
/// Terms listed per outlet.
pub const TOP_TERMS: usize = 10;

/// Fields of a per-article row before the per-category counts.
const ROW_PREFIX: usize = 2;

/// One outlet's sums over its articles.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OutletProfile {
    /// Articles.
    pub articles: u64,
    /// Words counted (boilerplate excluded).
    pub words: u64,
    /// Words inside quotations.
    pub quoted_words: u64,
    /// Author-voice findings per category (in the set's category order).
    pub author: Vec<u64>,
    /// Quoted-voice findings per category.
    pub quoted: Vec<u64>,
    /// Sum of author-voice finding weights, in thousandths.
    pub weight_author_milli: u64,
    /// Sum of quoted-voice finding weights, in thousandths.
    pub weight_quoted_milli: u64,
    /// Quotations by kind.
    pub quotes: QuoteCounts,
    /// Author-voice findings by category, then by term (lower-cased matched text).
    pub terms: BTreeMap<String, BTreeMap<String, u64>>,
    /// Label choices: actor id → label → uses.
    pub labels: LabelMap,
    /// Attribution cues ("said", "claimed", "according to") → uses.
    pub cues: BTreeMap<String, u64>,
    /// Per-article rows: `[words, weight_author_milli, author counts...]` each.
    rows: RowStore,
}

/// Per-article rows stored as LEB128 varints back to back. Most values are small (a few
/// hundred words, counts of 0–5), so a row of 11 numbers takes about 13 bytes instead of
/// 88: these rows are the only part of a profile that grows with the corpus.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct RowStore {
    bytes: Vec<u8>,
}

impl RowStore {
    fn push(&mut self, row: &[u64]) {
        for v in row {
            let mut v = *v;
            while v >= 0x80 {
                self.bytes.push((v as u8 & 0x7F) | 0x80);
                v >>= 7;
            }
            self.bytes.push(v as u8);
        }
    }

    fn append(&mut self, other: &RowStore) {
        self.bytes.extend_from_slice(&other.bytes);
    }

    /// Every value, in order.
    fn values(&self) -> impl Iterator<Item = u64> + '_ {
        let mut bytes = self.bytes.iter();
        std::iter::from_fn(move || {
            let mut v = 0u64;
            let mut shift = 0u32;
            loop {
                let b = *bytes.next()?;
                v |= u64::from(b & 0x7F).checked_shl(shift).unwrap_or(0);
                if b & 0x80 == 0 {
                    return Some(v);
                }
                shift += 7;
            }
        })
    }

    /// The rows, decoded, in canonical (sorted) order. The rows are sorted through an
    /// index rather than copied, so this costs the decoded rows plus one index each.
    /// `rows` is how many rows there are (a capacity hint: at the end of a large run
    /// these buffers are the biggest allocation, so they are not grown by doubling).
    fn sorted(&self, width: usize, rows: usize) -> ArticleRows {
        let width = width.max(1);
        let mut flat: Vec<u64> = Vec::with_capacity(rows.saturating_mul(width));
        flat.extend(self.values());
        let row = |i: usize| flat.get(i * width..(i + 1) * width).unwrap_or(&[]);
        let mut order: Vec<usize> = (0..flat.len() / width).collect();
        order.sort_unstable_by(|a, b| row(*a).cmp(row(*b)));
        ArticleRows { width, flat, order }
    }
}

/// An outlet's per-article rows, decoded, in canonical (sorted) order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleRows {
    width: usize,
    flat: Vec<u64>,
    order: Vec<usize>,
}

impl ArticleRows {
    /// How many rows.
    pub fn len(&self) -> usize {
        self.order.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// The rows: `[words, weight_author_milli, author count per category...]`.
    pub fn iter(&self) -> impl Iterator<Item = &[u64]> {
        self.order.iter().map(|i| {
            self.flat
                .get(i * self.width..(i + 1) * self.width)
                .unwrap_or(&[])
        })
    }
}

/// Serializes an outlet's rows when the serializer gets to them, so writing a profile
/// holds one outlet's decoded rows at a time, not every outlet's.
#[derive(Debug)]
struct LazyRows<'a>(&'a OutletProfile);

impl Serialize for LazyRows<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.article_rows().iter())
    }
}

impl OutletProfile {
    fn new(categories: usize) -> Self {
        OutletProfile {
            author: vec![0; categories],
            quoted: vec![0; categories],
            ..OutletProfile::default()
        }
    }

    fn width(&self) -> usize {
        ROW_PREFIX + self.author.len()
    }

    /// The per-article rows in canonical (sorted) order: the order every output and the
    /// bootstrap use, whatever order the articles were read or merged in.
    pub fn article_rows(&self) -> ArticleRows {
        self.rows
            .sorted(self.width(), usize::try_from(self.articles).unwrap_or(0))
    }

    fn merge(&mut self, other: OutletProfile) {
        self.articles = self.articles.saturating_add(other.articles);
        self.words = self.words.saturating_add(other.words);
        self.quoted_words = self.quoted_words.saturating_add(other.quoted_words);
        for (a, b) in self.author.iter_mut().zip(&other.author) {
            *a = a.saturating_add(*b);
        }
        for (a, b) in self.quoted.iter_mut().zip(&other.quoted) {
            *a = a.saturating_add(*b);
        }
        self.weight_author_milli = self
            .weight_author_milli
            .saturating_add(other.weight_author_milli);
        self.weight_quoted_milli = self
            .weight_quoted_milli
            .saturating_add(other.weight_quoted_milli);
        self.quotes.add(other.quotes);
        for (category, terms) in &other.terms {
            add_counts(self.terms.entry(category.clone()).or_default(), terms);
        }
        for (actor, labels) in other.labels {
            let mine = self.labels.entry(actor).or_default();
            for (label, count) in labels {
                let e = mine.entry(label).or_insert(super::tally::LabelCount {
                    tone: count.tone,
                    author: 0,
                    quoted: 0,
                });
                e.author = e.author.saturating_add(count.author);
                e.quoted = e.quoted.saturating_add(count.quoted);
            }
        }
        add_counts(&mut self.cues, &other.cues);
        self.rows.append(&other.rows);
    }
}

/// Profiles of every outlet of a corpus, over one lexicon's categories.
#[derive(Debug, Clone, PartialEq)]
pub struct ProfileSet {
    categories: Vec<String>,
    outlets: BTreeMap<String, OutletProfile>,
}

impl ProfileSet {
    /// An empty set over `lexicon`'s categories.
    pub fn new(lexicon: &Lexicon) -> Self {
        ProfileSet::with_categories(
            lexicon
                .categories()
                .iter()
                .map(|c| c.name.clone())
                .collect(),
        )
    }

    /// An empty set over these categories.
    pub fn with_categories(categories: Vec<String>) -> Self {
        ProfileSet {
            categories,
            outlets: BTreeMap::new(),
        }
    }

    /// The categories, in lexicon order.
    pub fn categories(&self) -> &[String] {
        &self.categories
    }

    /// The outlets' profiles, by name.
    pub fn outlets(&self) -> &BTreeMap<String, OutletProfile> {
        &self.outlets
    }

    /// Adds one article's analysis to its outlet (`unknown` when it has none).
    pub fn add(&mut self, a: &Analysis) {
        let outlet = a.meta.outlet.as_deref().unwrap_or("unknown");
        let n = self.categories.len();
        if !self.outlets.contains_key(outlet) {
            self.outlets
                .insert(outlet.to_string(), OutletProfile::new(n));
        }
        let Some(p) = self.outlets.get_mut(outlet) else {
            return;
        };
        let mut row = vec![0u64; ROW_PREFIX + n];
        let words = a.words as u64;
        for f in &a.findings {
            let Some(i) = self
                .categories
                .iter()
                .position(|c| c.as_str() == f.category.as_ref())
            else {
                continue;
            };
            let milli = weight_milli(f.weight);
            match f.voice {
                Voice::Author => {
                    if let Some(c) = p.author.get_mut(i) {
                        *c += 1;
                    }
                    if let Some(c) = row.get_mut(ROW_PREFIX + i) {
                        *c += 1;
                    }
                    if let Some(w) = row.get_mut(1) {
                        *w += milli;
                    }
                    *p.terms
                        .entry(f.category.to_string())
                        .or_default()
                        .entry(term_key(&f.text))
                        .or_insert(0) += 1;
                }
                Voice::Quoted => {
                    if let Some(c) = p.quoted.get_mut(i) {
                        *c += 1;
                    }
                    p.weight_quoted_milli = p.weight_quoted_milli.saturating_add(milli);
                }
            }
        }
        if let Some(w) = row.first_mut() {
            *w = words;
        }
        p.weight_author_milli = p
            .weight_author_milli
            .saturating_add(row.get(1).copied().unwrap_or(0));
        p.articles += 1;
        p.words = p.words.saturating_add(words);
        p.quoted_words = p.quoted_words.saturating_add(a.scores.quoted_words as u64);
        p.quotes.add(QuoteCounts::of(a));
        add_labels(&mut p.labels, a);
        add_cues(&mut p.cues, a);
        p.rows.push(&row);
    }

    /// Adds another set (a shard's partial). Its categories must be the same set as
    /// ours; when their order differs, its counts are put in our order.
    pub fn merge(&mut self, other: ProfileSet) -> Result<(), String> {
        let mine: BTreeSet<&String> = self.categories.iter().collect();
        let theirs: BTreeSet<&String> = other.categories.iter().collect();
        if mine != theirs || self.categories.len() != other.categories.len() {
            let missing: Vec<&str> = mine.difference(&theirs).map(|s| s.as_str()).collect();
            let extra: Vec<&str> = theirs.difference(&mine).map(|s| s.as_str()).collect();
            let mut what = Vec::new();
            if !missing.is_empty() {
                what.push(format!("lacks {}", missing.join(", ")));
            }
            if !extra.is_empty() {
                what.push(format!("adds {}", extra.join(", ")));
            }
            return Err(format!(
                "made with different lexicon categories ({}); profile every shard with the same lexicon",
                if what.is_empty() { "duplicates".to_string() } else { what.join("; ") }
            ));
        }
        // For each of our categories, where it sits in theirs.
        let order: Vec<usize> = self
            .categories
            .iter()
            .filter_map(|c| other.categories.iter().position(|o| o == c))
            .collect();
        for (name, p) in &other.outlets {
            for (actor, labels) in &p.labels {
                for (label, count) in labels {
                    let known = self
                        .outlets
                        .get(name)
                        .and_then(|m| m.labels.get(actor))
                        .and_then(|l| l.get(label));
                    if let Some(k) = known.filter(|k| k.tone != count.tone) {
                        return Err(format!(
                            "label `{label}` of actor `{actor}` has tone {} here but {} in an earlier file; profile every shard with the same lexicon",
                            count.tone.as_str(),
                            k.tone.as_str()
                        ));
                    }
                }
            }
        }
        let n = self.categories.len();
        for (name, p) in other.outlets {
            let p = reorder(p, &order);
            match self.outlets.get_mut(&name) {
                Some(mine) => mine.merge(p),
                None => {
                    let mut fresh = OutletProfile::new(n);
                    fresh.merge(p);
                    self.outlets.insert(name, fresh);
                }
            }
        }
        Ok(())
    }

    /// Derives the report: pooled rates, article-level means with bootstrap intervals,
    /// top terms. Costs one bootstrap per outlet (resamples × articles draws).
    pub fn report(&self) -> ProfileReport<'_> {
        let summaries = self
            .outlets
            .iter()
            .map(|(name, p)| (name.clone(), summarize(name, p, &self.categories)))
            .collect();
        ProfileReport {
            set: self,
            summaries,
        }
    }

    /// Reads a partial written by [`ProfileReport::to_json`]. `source` names the file in
    /// errors.
    pub fn from_json(text: &str, source: &str) -> Result<ProfileSet, ProfileError> {
        let err = |message: String| ProfileError {
            source: source.to_string(),
            message,
        };
        // The version first, on its own, so a file of another version gets a clear
        // answer rather than whatever field its schema breaks on.
        let head: FormatOnly = serde_json::from_str(text)
            .map_err(|e| err(format!("not a framescope profile (invalid JSON: {e})")))?;
        match head.format.as_deref() {
            Some(PROFILE_FORMAT) => {}
            Some(other) => {
                return Err(err(format!(
                    "profile format is `{other}`; this framescope reads `{PROFILE_FORMAT}`"
                )))
            }
            None => {
                return Err(err(format!(
                    "not a framescope profile (no `format` field; expected `{PROFILE_FORMAT}`)"
                )))
            }
        }
        let file: ProfileIn =
            serde_json::from_str(text).map_err(|e| err(format!("malformed profile: {e}")))?;
        let unique: BTreeSet<&String> = file.categories.iter().collect();
        if unique.len() != file.categories.len() {
            return Err(err("malformed profile: a category is listed twice".into()));
        }
        let n = file.categories.len();
        let mut outlets = BTreeMap::new();
        for (name, o) in file.outlets {
            let p = o
                .into_profile(&file.categories)
                .map_err(|m| err(format!("outlet `{name}`: {m}")))?;
            if p.author.len() != n {
                return Err(err(format!("outlet `{name}`: wrong number of categories")));
            }
            outlets.insert(name, p);
        }
        Ok(ProfileSet {
            categories: file.categories,
            outlets,
        })
    }
}

/// Puts `p`'s per-category values in the order `order` gives (our category `i` is
/// their category `order[i]`).
fn reorder(mut p: OutletProfile, order: &[usize]) -> OutletProfile {
    if order.iter().enumerate().all(|(i, j)| i == *j) {
        return p;
    }
    let pick = |v: &[u64]| {
        order
            .iter()
            .map(|j| v.get(*j).copied().unwrap_or(0))
            .collect()
    };
    p.author = pick(&p.author);
    p.quoted = pick(&p.quoted);
    let width = ROW_PREFIX + order.len();
    let old: Vec<u64> = p.rows.values().collect();
    let mut rows = RowStore::default();
    for row in old.chunks_exact(width) {
        let mut new: Vec<u64> = row.get(..ROW_PREFIX).unwrap_or(&[]).to_vec();
        new.extend(
            order
                .iter()
                .map(|j| row.get(ROW_PREFIX + j).copied().unwrap_or(0)),
        );
        rows.push(&new);
    }
    p.rows = rows;
    p
}

/// A partial that could not be read or merged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileError {
    /// The file.
    pub source: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ProfileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.source, self.message)
    }
}

impl std::error::Error for ProfileError {}

/// A rate with what it rests on: the pooled rate (all findings over all words), and
/// the mean of the articles' own rates with its bootstrap interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct RateSummary {
    /// Findings behind the rate.
    pub count: u64,
    /// Sum of their weights (the weighted total only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<f64>,
    /// Findings per 1,000 words over all the outlet's words; `None` with no words.
    pub pooled: Option<f64>,
    /// Mean of the per-article rates (articles with words); `None` with none.
    pub mean: Option<f64>,
    /// Lower bound of the 95% bootstrap interval of the mean.
    pub ci_low: Option<f64>,
    /// Upper bound.
    pub ci_high: Option<f64>,
}

/// A term and its count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TermCount {
    /// The term, lower-cased.
    pub term: String,
    /// Its category.
    pub category: String,
    /// Author-voice findings.
    pub count: u64,
}

/// What a profile says about one outlet, derived from its sums.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutletSummary {
    /// Articles.
    pub articles: u64,
    /// Articles with at least one word: the units of the article-level mean.
    pub articles_with_words: u64,
    /// Words.
    pub words: u64,
    /// Share of words inside quotations (0–1); `None` with no words.
    pub quoted_share: Option<f64>,
    /// Author-voice rates per category.
    pub rates: BTreeMap<String, RateSummary>,
    /// The weighted author-voice total.
    pub weighted: RateSummary,
    /// The most frequent author-voice terms.
    pub top_terms: Vec<TermCount>,
}

fn summarize(name: &str, p: &OutletProfile, categories: &[String]) -> OutletSummary {
    let width = categories.len() + 1;
    // Per article with words: each category's rate, then the weighted rate, per 1,000
    // words. The decoded rows are dropped before the bootstrap runs.
    let (values, units) = {
        let rows = p.article_rows();
        let mut values = Vec::with_capacity(rows.len().saturating_mul(width));
        let mut units = 0u64;
        for row in rows.iter().filter(|r| r.first().is_some_and(|w| *w > 0)) {
            units += 1;
            let words = row.first().copied().unwrap_or(0) as f64;
            for c in 0..categories.len() {
                values.push(row.get(ROW_PREFIX + c).copied().unwrap_or(0) as f64 * 1000.0 / words);
            }
            values.push(row.get(1).copied().unwrap_or(0) as f64 / words);
        }
        (values, units)
    };
    let intervals = bootstrap_means(
        &values,
        width,
        RESAMPLES,
        LEVEL,
        SEED ^ fnv1a(name.as_bytes()),
    );
    let interval = |i: usize| intervals.as_ref().and_then(|v| v.get(i).copied());
    let words = usize::try_from(p.words).unwrap_or(usize::MAX);
    let pooled = |count: f64| (p.words > 0).then(|| per_thousand(count, words));
    let rate = |count: u64, pooled_rate: Option<f64>, iv: Option<MeanInterval>| RateSummary {
        count,
        weight: None,
        pooled: pooled_rate,
        mean: iv.map(|m| round4(m.mean)),
        ci_low: iv.map(|m| round4(m.low)),
        ci_high: iv.map(|m| round4(m.high)),
    };
    let rates = categories
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let count = p.author.get(i).copied().unwrap_or(0);
            (c.clone(), rate(count, pooled(count as f64), interval(i)))
        })
        .collect();
    let findings: u64 = p.author.iter().fold(0u64, |a, b| a.saturating_add(*b));
    let weight = p.weight_author_milli as f64 / 1000.0;
    let weighted = RateSummary {
        weight: Some(round4(weight)),
        ..rate(findings, pooled(weight), interval(categories.len()))
    };
    let mut terms: Vec<TermCount> = p
        .terms
        .iter()
        .flat_map(|(category, terms)| {
            terms.iter().map(move |(term, count)| TermCount {
                term: term.clone(),
                category: category.clone(),
                count: *count,
            })
        })
        .collect();
    terms.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then_with(|| a.term.cmp(&b.term))
            .then_with(|| a.category.cmp(&b.category))
    });
    terms.truncate(TOP_TERMS);
    OutletSummary {
        articles: p.articles,
        articles_with_words: units,
        words: p.words,
        quoted_share: (p.words > 0).then(|| round4(p.quoted_words as f64 / p.words as f64)),
        rates,
        weighted,
        top_terms: terms,
    }
}

/// A profile set with its derived summaries, ready to render.
#[derive(Debug, Clone)]
pub struct ProfileReport<'a> {
    /// The sums.
    pub set: &'a ProfileSet,
    /// Per outlet, what they say.
    pub summaries: BTreeMap<String, OutletSummary>,
}

impl ProfileReport<'_> {
    /// The mergeable JSON partial: the summaries for reading, then the sums and
    /// per-article rows that `merge` reads back.
    pub fn to_json(&self) -> ProfileOut<'_> {
        let set = self.set;
        let mut fields = vec!["words".to_string(), "weight_author_milli".to_string()];
        fields.extend(set.categories.iter().cloned());
        let by_name = |v: &[u64]| -> BTreeMap<String, u64> {
            set.categories
                .iter()
                .cloned()
                .zip(v.iter().copied())
                .collect()
        };
        ProfileOut {
            format: PROFILE_FORMAT,
            categories: &set.categories,
            per_article_fields: fields,
            bootstrap: BootstrapInfo {
                resamples: RESAMPLES,
                level: LEVEL,
                seed: SEED,
            },
            outlets: set
                .outlets
                .iter()
                .filter_map(|(name, p)| {
                    let summary = self.summaries.get(name)?;
                    Some((
                        name.as_str(),
                        OutletOut {
                            summary,
                            articles: p.articles,
                            words: p.words,
                            quoted_words: p.quoted_words,
                            author: by_name(&p.author),
                            quoted: by_name(&p.quoted),
                            weight_author_milli: p.weight_author_milli,
                            weight_quoted_milli: p.weight_quoted_milli,
                            quotes: p.quotes,
                            terms: &p.terms,
                            labels: &p.labels,
                            cues: &p.cues,
                            per_article: LazyRows(p),
                        },
                    ))
                })
                .collect(),
        }
    }
}

/// The JSON partial as written.
#[derive(Debug, Serialize)]
pub struct ProfileOut<'a> {
    format: &'static str,
    categories: &'a [String],
    per_article_fields: Vec<String>,
    bootstrap: BootstrapInfo,
    outlets: BTreeMap<&'a str, OutletOut<'a>>,
}

#[derive(Debug, Serialize)]
struct BootstrapInfo {
    resamples: usize,
    level: f64,
    seed: u64,
}

#[derive(Debug, Serialize)]
struct OutletOut<'a> {
    summary: &'a OutletSummary,
    articles: u64,
    words: u64,
    quoted_words: u64,
    author: BTreeMap<String, u64>,
    quoted: BTreeMap<String, u64>,
    weight_author_milli: u64,
    weight_quoted_milli: u64,
    quotes: QuoteCounts,
    terms: &'a BTreeMap<String, BTreeMap<String, u64>>,
    labels: &'a LabelMap,
    cues: &'a BTreeMap<String, u64>,
    per_article: LazyRows<'a>,
}

#[derive(Deserialize)]
struct FormatOnly {
    format: Option<String>,
}

/// The JSON partial as read: the summaries are ignored (they are recomputed).
#[derive(Deserialize)]
struct ProfileIn {
    categories: Vec<String>,
    outlets: BTreeMap<String, OutletIn>,
}

#[derive(Deserialize)]
struct OutletIn {
    articles: u64,
    words: u64,
    quoted_words: u64,
    author: BTreeMap<String, u64>,
    quoted: BTreeMap<String, u64>,
    weight_author_milli: u64,
    weight_quoted_milli: u64,
    quotes: QuoteCounts,
    #[serde(default)]
    terms: BTreeMap<String, BTreeMap<String, u64>>,
    #[serde(default)]
    labels: LabelMap,
    #[serde(default)]
    cues: BTreeMap<String, u64>,
    per_article: RowsIn,
}

/// Per-article rows as read from a partial: encoded into a [`RowStore`] as they are
/// parsed, with their count, widths and column sums, so reading a large partial never
/// holds its rows as vectors.
#[derive(Default)]
struct RowsIn {
    store: RowStore,
    count: u64,
    /// The length of every row, when they all have the same.
    width: Option<usize>,
    ragged: bool,
    sums: Vec<u64>,
}

impl<'de> Deserialize<'de> for RowsIn {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Rows;
        impl<'de> serde::de::Visitor<'de> for Rows {
            type Value = RowsIn;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an array of rows of whole numbers")
            }

            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<RowsIn, A::Error> {
                let mut out = RowsIn::default();
                while let Some(row) = seq.next_element::<Vec<u64>>()? {
                    match out.width {
                        None if out.count == 0 => out.width = Some(row.len()),
                        Some(w) if w == row.len() => {}
                        _ => out.ragged = true,
                    }
                    if out.sums.len() < row.len() {
                        out.sums.resize(row.len(), 0);
                    }
                    for (s, v) in out.sums.iter_mut().zip(&row) {
                        *s = s.saturating_add(*v);
                    }
                    out.store.push(&row);
                    out.count += 1;
                }
                Ok(out)
            }
        }
        deserializer.deserialize_seq(Rows)
    }
}

impl OutletIn {
    /// Checks that the sums agree with the rows (a hand-edited or truncated file would
    /// otherwise merge into quietly wrong numbers) and builds the profile.
    fn into_profile(self, categories: &[String]) -> Result<OutletProfile, String> {
        let n = categories.len();
        let width = ROW_PREFIX + n;
        let keys_ok = |m: &BTreeMap<String, u64>| {
            m.len() == n && categories.iter().all(|c| m.contains_key(c))
        };
        if !keys_ok(&self.author) || !keys_ok(&self.quoted) {
            return Err("`author` and `quoted` must list exactly the file's categories".into());
        }
        let rows = &self.per_article;
        if rows.ragged || rows.width.is_some_and(|w| w != width) {
            return Err(format!("every `per_article` row must have {width} numbers"));
        }
        if rows.count != self.articles {
            return Err(format!(
                "`articles` is {} but there are {} per-article rows",
                self.articles, rows.count
            ));
        }
        let column_sum = |i: usize| rows.sums.get(i).copied().unwrap_or(0);
        if column_sum(0) != self.words {
            return Err("`words` does not equal the sum of the per-article words".into());
        }
        if column_sum(1) != self.weight_author_milli {
            return Err("`weight_author_milli` does not equal the per-article sum".into());
        }
        let author: Vec<u64> = categories
            .iter()
            .map(|c| self.author.get(c).copied().unwrap_or(0))
            .collect();
        for (i, (c, total)) in categories.iter().zip(&author).enumerate() {
            if column_sum(ROW_PREFIX + i) != *total {
                return Err(format!("`author.{c}` does not equal the per-article sum"));
            }
        }
        Ok(OutletProfile {
            articles: self.articles,
            words: self.words,
            quoted_words: self.quoted_words,
            author,
            quoted: categories
                .iter()
                .map(|c| self.quoted.get(c).copied().unwrap_or(0))
                .collect(),
            weight_author_milli: self.weight_author_milli,
            weight_quoted_milli: self.weight_quoted_milli,
            quotes: self.quotes,
            terms: self.terms,
            labels: self.labels,
            cues: self.cues,
            rows: self.per_article.store,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;
    use crate::detect::analyze;

    const PACK: &[(&str, &str)] = &[
        ("pack.yaml", "categories: [doubt, label]\n"),
        (
            "doubt.yaml",
            "category: doubt\nrules:\n  - id: doubt.alleged\n    terms: [alleged]\n    explain: Marks a claim as unproven.\n",
        ),
        (
            "label.yaml",
            "category: label\nrules:\n  - id: label.regime\n    terms: [regime]\n    weight: 2.5\n    explain: A pejorative name for a government.\n",
        ),
    ];

    fn article(outlet: &str, id: &str, text: &str) -> Article {
        let mut a = Article::from_text(text);
        a.meta.outlet = Some(outlet.to_string());
        a.meta.id = id.to_string();
        a
    }

    fn lexicon() -> Option<Lexicon> {
        Lexicon::from_files(PACK).ok()
    }

    #[test]
    fn sums_and_pooled_rates_by_hand() {
        let Some(lex) = lexicon() else { panic!("pack") };
        let mut set = ProfileSet::new(&lex);
        // 5 words, 1 doubt, 1 label (weight 2.5).
        set.add(&analyze(
            &article("A", "1", "The alleged regime fell today"),
            &lex,
        ));
        // 5 words, 2 label.
        set.add(&analyze(
            &article("A", "2", "regime after regime fell quickly"),
            &lex,
        ));
        let Some(p) = set.outlets().get("A") else {
            panic!("outlet")
        };
        assert_eq!((p.articles, p.words), (2, 10));
        assert_eq!(p.author, vec![1, 3]);
        assert_eq!(p.weight_author_milli, 1000 + 3 * 2500);
        assert_eq!(
            p.article_rows().iter().collect::<Vec<_>>(),
            vec![&[5, 3500, 1, 1][..], &[5, 5000, 0, 2][..]]
        );
        let report = set.report();
        let Some(s) = report.summaries.get("A") else {
            panic!("summary")
        };
        // doubt: 1 in 10 words = 100 per 1,000; article rates 200 and 0, mean 100.
        let doubt = s.rates.get("doubt").copied();
        assert_eq!(
            doubt.map(|r| (r.count, r.pooled, r.mean)),
            Some((1, Some(100.0), Some(100.0)))
        );
        // label: 3 in 10 words = 300; article rates 200 and 400.
        let label = s.rates.get("label").copied();
        assert_eq!(
            label.map(|r| (r.pooled, r.mean)),
            Some((Some(300.0), Some(300.0)))
        );
        // The two-article bootstrap can only give means of 200, 300 or 400.
        assert!(label.is_some_and(|r| r.ci_low == Some(200.0) && r.ci_high == Some(400.0)));
        // weighted: 8.5 weight in 10 words = 850; articles 700 and 1000.
        assert_eq!(
            (
                s.weighted.count,
                s.weighted.weight,
                s.weighted.pooled,
                s.weighted.mean
            ),
            (4, Some(8.5), Some(850.0), Some(850.0))
        );
        assert_eq!(
            s.top_terms.first().map(|t| (t.term.as_str(), t.count)),
            Some(("regime", 3))
        );
    }

    #[test]
    fn rows_of_the_wrong_width_are_rejected() {
        let e = tampered("\"per_article\":[[", "\"per_article\":[[7,");
        assert_eq!(
            e.as_deref(),
            Some("p.json: outlet `A`: every `per_article` row must have 4 numbers")
        );
    }

    #[test]
    fn rows_round_trip_through_varints() {
        let mut store = RowStore::default();
        let rows = [
            [0, 1, 127, 128],
            [300, 16_383, 16_384, u64::MAX],
            [5, 0, 0, 0],
        ];
        for r in &rows {
            store.push(r);
        }
        assert_eq!(store.values().collect::<Vec<_>>(), rows.concat());
        // Small values take one byte each.
        let mut small = RowStore::default();
        small.push(&[5, 0, 1, 2]);
        assert_eq!(small.bytes.len(), 4);
        let sorted = store.sorted(4, 3);
        let order: Vec<&[u64]> = sorted.iter().collect();
        assert_eq!(order, vec![&rows[0][..], &rows[2][..], &rows[1][..]]);
    }

    #[test]
    fn an_article_without_words_has_no_rate() {
        let Some(lex) = lexicon() else { panic!("pack") };
        let mut set = ProfileSet::new(&lex);
        set.add(&analyze(&article("B", "1", "   "), &lex));
        let report = set.report();
        let Some(s) = report.summaries.get("B") else {
            panic!("summary")
        };
        assert_eq!(s.articles_with_words, 0);
        assert_eq!(s.quoted_share, None);
        assert!(s
            .rates
            .values()
            .all(|r| r.pooled.is_none() && r.mean.is_none() && r.ci_low.is_none()));
    }

    /// The error of reading back the profile of one article of outlet `A` with `from`
    /// replaced by `to` in its JSON.
    fn tampered(from: &str, to: &str) -> Option<String> {
        let Some(lex) = lexicon() else { panic!("pack") };
        let mut set = ProfileSet::new(&lex);
        set.add(&analyze(
            &article("A", "1", "The alleged regime fell"),
            &lex,
        ));
        let text = json(&set);
        assert!(text.contains(from), "{from} not in {text}");
        ProfileSet::from_json(&text.replace(from, to), "p.json")
            .err()
            .map(|e| e.to_string())
    }

    fn json(set: &ProfileSet) -> String {
        serde_json::to_string(&set.report().to_json()).unwrap_or_default()
    }

    #[test]
    fn shards_merge_to_one_run_in_any_order() {
        let Some(lex) = lexicon() else { panic!("pack") };
        let texts = [
            ("A", "The alleged regime fell."),
            ("B", "Nothing to see here at all."),
            ("A", "regime regime alleged"),
            ("A", ""),
            ("B", "An alleged plot by the regime was alleged."),
        ];
        let analyses: Vec<Analysis> = texts
            .iter()
            .enumerate()
            .map(|(i, (o, t))| analyze(&article(o, &i.to_string(), t), &lex))
            .collect();
        let mut whole = ProfileSet::new(&lex);
        analyses.iter().for_each(|a| whole.add(a));
        for split in 0..=analyses.len() {
            let (first, second) = analyses.split_at(split);
            let mut a = ProfileSet::new(&lex);
            first.iter().for_each(|x| a.add(x));
            let mut b = ProfileSet::new(&lex);
            second.iter().rev().for_each(|x| b.add(x));
            // Through JSON, as the merge command does, and in reverse order.
            let Ok(mut merged) = ProfileSet::from_json(&json(&b), "b.json") else {
                panic!("read b")
            };
            let Ok(a) = ProfileSet::from_json(&json(&a), "a.json") else {
                panic!("read a")
            };
            assert!(merged.merge(a).is_ok());
            assert_eq!(json(&merged), json(&whole), "split at {split}");
        }
    }

    #[test]
    fn merge_rejects_other_versions_and_categories() {
        let Some(lex) = lexicon() else { panic!("pack") };
        let set = ProfileSet::new(&lex);
        let text = json(&set).replace("framescope-profile/1", "framescope-profile/9");
        let e = ProfileSet::from_json(&text, "old.json")
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            e.as_deref(),
            Some("old.json: profile format is `framescope-profile/9`; this framescope reads `framescope-profile/1`")
        );
        let e = ProfileSet::from_json("{}", "x.json")
            .err()
            .map(|e| e.to_string());
        assert!(e.is_some_and(|e| e.starts_with("x.json: not a framescope profile")));
        let mut other = ProfileSet::with_categories(vec!["doubt".into(), "hedge".into()]);
        let e = other.merge(set.clone()).err();
        assert!(
            e.is_some_and(|e| e.contains("lacks hedge") && e.contains("adds label")),
            "{other:?}"
        );
    }

    #[test]
    fn merge_puts_reordered_categories_in_place() {
        let Some(lex) = lexicon() else { panic!("pack") };
        let mut set = ProfileSet::new(&lex);
        set.add(&analyze(
            &article("A", "1", "The alleged regime regime fell"),
            &lex,
        ));
        let mut flipped = ProfileSet::with_categories(vec!["label".into(), "doubt".into()]);
        assert!(flipped.merge(set.clone()).is_ok());
        let Some(p) = flipped.outlets().get("A") else {
            panic!("outlet")
        };
        assert_eq!(p.author, vec![2, 1]);
        assert_eq!(
            p.article_rows().iter().collect::<Vec<_>>(),
            vec![&[5, 6000, 2, 1][..]]
        );
    }

    #[test]
    fn inconsistent_partials_are_rejected() {
        let e = tampered("\"words\":4", "\"words\":5");
        assert_eq!(
            e.as_deref(),
            Some("p.json: outlet `A`: `words` does not equal the sum of the per-article words")
        );
    }
}
