//! A comparison of one event's articles, outlets (or articles) side by side: framing
//! by category, naming choices, sourcing, the quotations each outlet shared with
//! others or left out, and each outlet's distinctive wording.
//!
//! Built from [`Analysis`] values alone (with word counts, see
//! [`crate::AnalyzeOptions::word_counts`]); nothing here reads article text. Every
//! section can be empty, and then carries a note that says why in words, so no
//! renderer prints an empty table or a NaN.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::per_thousand;
use super::quote_match::{cluster, Prepared};
use super::stats::{log_odds, round4};
use super::tally::{
    add_counts, add_cues, add_labels, ranked, speaker_key, weight_milli, LabelCount, LabelMap,
    QuoteCounts,
};
use crate::detect::{Analysis, AnalyzeOptions, QuoteKind, Voice};
use crate::lexicon::{Lexicon, Tone};

/// What a column of the comparison stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupBy {
    /// One column per outlet (its articles pooled).
    #[default]
    Outlet,
    /// One column per article.
    Article,
}

/// The tables a comparison has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    /// Framing by category.
    Framing,
    /// Naming choices.
    Naming,
    /// Sourcing.
    Sourcing,
    /// Quotes shared and left out.
    Quotes,
    /// Distinctive wording.
    Wording,
}

impl Section {
    /// Every section, in display order.
    pub const ALL: [Section; 5] = [
        Section::Framing,
        Section::Naming,
        Section::Sourcing,
        Section::Quotes,
        Section::Wording,
    ];

    /// The section's name on the command line and in CSV/JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Section::Framing => "framing",
            Section::Naming => "naming",
            Section::Sourcing => "sourcing",
            Section::Quotes => "quotes",
            Section::Wording => "wording",
        }
    }
}

/// Quotations shorter than this are not matched as statements (they are fragments).
pub const MIN_STATEMENT_WORDS: usize = 3;
/// Above this many statements, matching (quadratic in their number) is skipped with a
/// note: a comparison is meant for one event, not a corpus.
pub const MAX_STATEMENTS: usize = 5_000;
/// Distinctive terms listed per column.
pub const TOP_WORDS: usize = 10;
/// A term must appear at least this often in a column's own words to be listed as
/// distinctive: single uses are too many and tell little.
pub const MIN_WORD_COUNT: u64 = 2;
/// Speakers and cues listed per column (the rest are summed up).
pub const TOP_SOURCES: usize = 8;

/// A column: an outlet's articles, or one article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ColumnInfo {
    /// The outlet.
    pub outlet: String,
    /// The ids of the articles pooled in the column.
    pub articles: Vec<String>,
    /// Words counted.
    pub words: u64,
    /// Words inside quotations.
    pub quoted_words: u64,
}

/// A count with its rate per 1,000 words.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct RateCell {
    /// Findings.
    pub count: u64,
    /// Per 1,000 words; `None` when the column has no words.
    pub rate: Option<f64>,
}

/// The weighted total of a voice.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct WeightedCell {
    /// Findings.
    pub count: u64,
    /// Sum of their weights.
    pub weight: f64,
    /// Weight per 1,000 words; `None` when the column has no words.
    pub rate: Option<f64>,
}

/// One voice's framing in one column.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VoiceFraming {
    /// Per category.
    pub categories: BTreeMap<String, RateCell>,
    /// All categories, weighted.
    pub weighted: WeightedCell,
}

/// Framing by category.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Framing {
    /// The categories in lexicon order.
    pub categories: Vec<String>,
    /// Author voice, per column.
    pub author: BTreeMap<String, VoiceFraming>,
    /// Quoted voice, per column.
    pub quoted: BTreeMap<String, VoiceFraming>,
    /// Columns in which nothing at all was found.
    pub without_findings: Vec<String>,
    /// True when no column has a finding inside a quotation.
    pub no_quoted_findings: bool,
}

/// One label as one column used it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LabelUse {
    /// The label (the lexicon's spelling).
    pub label: String,
    /// Its tone.
    pub tone: Tone,
    /// Uses in the outlet's own words.
    pub author: u64,
    /// Uses inside quotations.
    pub quoted: u64,
}

/// The labels each column gave one actor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActorNaming {
    /// The actor's id.
    pub id: String,
    /// Its display name.
    pub name: String,
    /// Per column that named it: its labels, most used first.
    pub columns: BTreeMap<String, Vec<LabelUse>>,
}

/// Naming choices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Naming {
    /// Actors some article named, in lexicon order.
    pub actors: Vec<ActorNaming>,
    /// Names of the lexicon's actors no article named.
    pub not_named: Vec<String>,
    /// Why there is nothing to show, when there is nothing.
    pub note: Option<String>,
}

/// A name and how often.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Count {
    /// What was counted.
    pub name: String,
    /// How often.
    pub count: u64,
}

/// Sourcing in one column.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourcingColumn {
    /// Words.
    pub words: u64,
    /// Words inside quotations.
    pub quoted_words: u64,
    /// `quoted_words / words`, 0–1; `None` when there are no words.
    pub quoted_share: Option<f64>,
    /// Quotations by kind.
    pub quotes: QuoteCounts,
    /// Who is quoted (direct and partial quotations), most often first; quotations
    /// whose speaker was not found are counted as `(speaker not found)`.
    pub speakers: Vec<Count>,
    /// Attribution cues, most used first.
    pub cues: Vec<Count>,
}

/// Sourcing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sourcing {
    /// Per column.
    pub columns: BTreeMap<String, SourcingColumn>,
}

/// How one column quoted a shared statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuoteUse {
    /// Times the column quoted it.
    pub count: u64,
    /// The kind of its (first) quotation of it.
    pub kind: QuoteKind,
    /// Its wording, as the column quoted it (the longest of its quotations).
    pub text: String,
}

/// A statement quoted by more than one column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SharedQuote {
    /// The fullest wording any column quoted.
    pub text: String,
    /// Who said it, as the articles name them (the most common named speaker).
    pub speaker: Option<String>,
    /// The columns that quoted it.
    pub quoted_by: BTreeMap<String, QuoteUse>,
    /// The columns that did not.
    pub left_out_by: Vec<String>,
}

/// Quotes shared and left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quotes {
    /// Statements quoted by more than one column, most widely quoted first.
    pub shared: Vec<SharedQuote>,
    /// Per column, statements it alone quoted.
    pub only_here: BTreeMap<String, u64>,
    /// Why there is nothing to show, when there is nothing.
    pub note: Option<String>,
}

/// A distinctive term.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TermScore {
    /// The word.
    pub term: String,
    /// Uses in the column's own words.
    pub count: u64,
    /// Uses per 1,000 of the column's own words (stop words excluded).
    pub rate: f64,
    /// The z-score of its log-odds ratio against the other columns.
    pub z: f64,
}

/// Distinctive wording.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Wording {
    /// Per column, its most over-represented terms (may be empty).
    pub columns: BTreeMap<String, Vec<TermScore>>,
    /// Why there is nothing to show, when there is nothing.
    pub note: Option<String>,
}

/// A comparison of articles, column by column.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// What a column is.
    pub by: GroupBy,
    /// The columns, by name.
    pub columns: BTreeMap<String, ColumnInfo>,
    /// The events the articles say they cover.
    pub events: Vec<String>,
    /// Framing by category.
    pub framing: Framing,
    /// Naming choices.
    pub naming: Naming,
    /// Sourcing.
    pub sourcing: Sourcing,
    /// Quotes shared and left out.
    pub quotes: Quotes,
    /// Distinctive wording.
    pub wording: Wording,
}

struct Statement {
    text: String,
    kind: QuoteKind,
    speaker: Option<String>,
}

struct Column {
    info: ColumnInfo,
    author: Vec<u64>,
    quoted: Vec<u64>,
    weight_author_milli: u64,
    weight_quoted_milli: u64,
    labels: LabelMap,
    quotes: QuoteCounts,
    speakers: BTreeMap<String, u64>,
    cues: BTreeMap<String, u64>,
    statements: Vec<Statement>,
    words: BTreeMap<String, u64>,
}

/// What [`ComparisonBuilder::add`] needs computed besides findings: the outlets' own
/// word counts, for the distinctive-wording table.
pub const ANALYSIS: AnalyzeOptions = AnalyzeOptions {
    word_counts: true,
    attributions: false,
};

/// Builds a [`Comparison`] one analysis at a time.
pub struct ComparisonBuilder<'l> {
    lexicon: &'l Lexicon,
    by: GroupBy,
    columns: BTreeMap<String, Column>,
    events: BTreeSet<String>,
}

/// What a quotation whose speaker was not found is counted as.
pub const NO_SPEAKER: &str = "(speaker not found)";

const PRONOUNS: &[&str] = &["he", "she", "they", "we", "i", "it", "you"];

impl<'l> ComparisonBuilder<'l> {
    /// A builder over `lexicon`'s categories and actors.
    pub fn new(lexicon: &'l Lexicon, by: GroupBy) -> Self {
        ComparisonBuilder {
            lexicon,
            by,
            columns: BTreeMap::new(),
            events: BTreeSet::new(),
        }
    }

    /// Adds one article's analysis (which should carry word counts).
    pub fn add(&mut self, a: &Analysis) {
        let outlet = a
            .meta
            .outlet
            .clone()
            .unwrap_or_else(|| "unknown".to_string());
        let key = match self.by {
            GroupBy::Outlet => outlet.clone(),
            GroupBy::Article => {
                // Ids can repeat (JSON Lines records without one): number the repeats.
                let mut key = a.meta.id.clone();
                let mut n = 1;
                while self.columns.contains_key(&key) {
                    n += 1;
                    key = format!("{} #{n}", a.meta.id);
                }
                key
            }
        };
        if let Some(e) = &a.meta.event {
            self.events.insert(e.clone());
        }
        let categories = self.lexicon.categories().len();
        let col = self.columns.entry(key).or_insert_with(|| Column {
            info: ColumnInfo {
                outlet,
                articles: Vec::new(),
                words: 0,
                quoted_words: 0,
            },
            author: vec![0; categories],
            quoted: vec![0; categories],
            weight_author_milli: 0,
            weight_quoted_milli: 0,
            labels: LabelMap::new(),
            quotes: QuoteCounts::default(),
            speakers: BTreeMap::new(),
            cues: BTreeMap::new(),
            statements: Vec::new(),
            words: BTreeMap::new(),
        });
        col.info.articles.push(a.meta.id.clone());
        col.info.words += a.words as u64;
        col.info.quoted_words += a.scores.quoted_words as u64;
        for f in &a.findings {
            let Some(i) = self
                .lexicon
                .categories()
                .iter()
                .position(|c| c.name == f.category.as_ref())
            else {
                continue;
            };
            let (counts, weight) = match f.voice {
                Voice::Author => (&mut col.author, &mut col.weight_author_milli),
                Voice::Quoted => (&mut col.quoted, &mut col.weight_quoted_milli),
            };
            if let Some(c) = counts.get_mut(i) {
                *c += 1;
            }
            *weight += weight_milli(f.weight);
        }
        add_labels(&mut col.labels, a);
        col.quotes.add(QuoteCounts::of(a));
        add_cues(&mut col.cues, a);
        for q in a.quotes.iter().filter(|q| q.kind != QuoteKind::Scare) {
            let speaker = q.speaker.as_ref().map(|s| speaker_key(&s.text));
            *col.speakers
                .entry(speaker.clone().unwrap_or_else(|| NO_SPEAKER.to_string()))
                .or_insert(0) += 1;
            if crate::text::count_words(&q.text) >= MIN_STATEMENT_WORDS {
                col.statements.push(Statement {
                    text: tidy_quote(&q.text),
                    kind: q.kind,
                    speaker,
                });
            }
        }
        if let Some(words) = &a.word_counts {
            let stop = self.lexicon.stopwords();
            for (w, n) in words {
                // Numbers, single letters ("a.m." gives "m") and stop words say nothing
                // about an outlet's wording.
                if w.chars().count() > 1 && w.chars().any(char::is_alphabetic) && !stop.contains(w)
                {
                    *col.words.entry(w.clone()).or_insert(0) += u64::from(*n);
                }
            }
        }
    }

    /// The comparison.
    pub fn finish(self) -> Comparison {
        let framing = self.framing();
        let naming = self.naming();
        let sourcing = self.sourcing();
        let quotes = self.quotes();
        let wording = self.wording();
        Comparison {
            by: self.by,
            columns: self
                .columns
                .iter()
                .map(|(k, c)| (k.clone(), c.info.clone()))
                .collect(),
            events: self.events.into_iter().collect(),
            framing,
            naming,
            sourcing,
            quotes,
            wording,
        }
    }

    fn framing(&self) -> Framing {
        let categories: Vec<String> = self
            .lexicon
            .categories()
            .iter()
            .map(|c| c.name.clone())
            .collect();
        let voice = |counts: &[u64], milli: u64, words: u64| {
            let words = usize::try_from(words).unwrap_or(usize::MAX);
            let rate = |x: f64| (words > 0).then(|| per_thousand(x, words));
            VoiceFraming {
                categories: categories
                    .iter()
                    .zip(counts)
                    .map(|(c, n)| {
                        (
                            c.clone(),
                            RateCell {
                                count: *n,
                                rate: rate(*n as f64),
                            },
                        )
                    })
                    .collect(),
                weighted: WeightedCell {
                    count: counts.iter().sum(),
                    weight: round4(milli as f64 / 1000.0),
                    rate: rate(milli as f64 / 1000.0),
                },
            }
        };
        let mut author = BTreeMap::new();
        let mut quoted = BTreeMap::new();
        let mut without_findings = Vec::new();
        for (name, c) in &self.columns {
            author.insert(
                name.clone(),
                voice(&c.author, c.weight_author_milli, c.info.words),
            );
            quoted.insert(
                name.clone(),
                voice(&c.quoted, c.weight_quoted_milli, c.info.words),
            );
            if c.author.iter().chain(&c.quoted).all(|n| *n == 0) {
                without_findings.push(name.clone());
            }
        }
        let no_quoted_findings = self
            .columns
            .values()
            .all(|c| c.quoted.iter().all(|n| *n == 0));
        Framing {
            categories,
            author,
            quoted,
            without_findings,
            no_quoted_findings,
        }
    }

    fn naming(&self) -> Naming {
        let mut actors = Vec::new();
        let mut not_named = Vec::new();
        for actor in self.lexicon.actors() {
            let mut columns = BTreeMap::new();
            for (name, c) in &self.columns {
                let Some(labels) = c.labels.get(actor.id.as_ref()) else {
                    continue;
                };
                let mut uses: Vec<LabelUse> = labels
                    .iter()
                    .map(|(label, n): (&String, &LabelCount)| LabelUse {
                        label: label.clone(),
                        tone: n.tone,
                        author: n.author,
                        quoted: n.quoted,
                    })
                    .collect();
                // Most used in the outlet's own words first; labels break ties.
                uses.sort_by_key(|u| std::cmp::Reverse((u.author, u.quoted)));
                columns.insert(name.clone(), uses);
            }
            if columns.is_empty() {
                not_named.push(actor.name.clone());
            } else {
                actors.push(ActorNaming {
                    id: actor.id.to_string(),
                    name: actor.name.clone(),
                    columns,
                });
            }
        }
        let note = if self.lexicon.actors().is_empty() {
            Some(
                "The lexicon defines no actors, so there are no naming choices to compare."
                    .to_string(),
            )
        } else if actors.is_empty() {
            Some("No actor of the lexicon is named in any article.".to_string())
        } else {
            None
        };
        Naming {
            actors,
            not_named,
            note,
        }
    }

    fn sourcing(&self) -> Sourcing {
        let top = |m: &BTreeMap<String, u64>| {
            ranked(m)
                .into_iter()
                .map(|(name, count)| Count {
                    name: name.to_string(),
                    count,
                })
                .collect()
        };
        Sourcing {
            columns: self
                .columns
                .iter()
                .map(|(name, c)| {
                    (
                        name.clone(),
                        SourcingColumn {
                            words: c.info.words,
                            quoted_words: c.info.quoted_words,
                            quoted_share: (c.info.words > 0)
                                .then(|| round4(c.info.quoted_words as f64 / c.info.words as f64)),
                            quotes: c.quotes,
                            speakers: top(&c.speakers),
                            cues: top(&c.cues),
                        },
                    )
                })
                .collect(),
        }
    }

    fn quotes(&self) -> Quotes {
        let names: Vec<&String> = self.columns.keys().collect();
        let mut items: Vec<(usize, Prepared)> = Vec::new();
        let mut refs: Vec<(usize, &Statement)> = Vec::new();
        for (i, c) in self.columns.values().enumerate() {
            for s in &c.statements {
                items.push((i, Prepared::new(&s.text)));
                refs.push((i, s));
            }
        }
        let empty = |note: String| Quotes {
            shared: Vec::new(),
            only_here: BTreeMap::new(),
            note: Some(note),
        };
        if names.len() < 2 {
            return empty(format!(
                "Only one {}: there is nothing to match its quotations against.",
                self.noun()
            ));
        }
        if items.len() > MAX_STATEMENTS {
            return empty(format!(
                "{} quotations are too many to match (the limit is {MAX_STATEMENTS}); compare the articles of one event.",
                items.len()
            ));
        }
        let mut shared = Vec::new();
        let mut only_here: BTreeMap<String, u64> =
            names.iter().map(|n| ((*n).clone(), 0)).collect();
        for group in cluster(&items) {
            let mut by_column: BTreeMap<usize, Vec<&Statement>> = BTreeMap::new();
            for i in &group {
                if let Some((col, s)) = refs.get(*i) {
                    by_column.entry(*col).or_default().push(s);
                }
            }
            if by_column.len() < 2 {
                for col in by_column.keys() {
                    if let Some(n) = names.get(*col).and_then(|name| only_here.get_mut(*name)) {
                        *n += 1;
                    }
                }
                continue;
            }
            let mut quoted_by = BTreeMap::new();
            let mut fullest: Option<&str> = None;
            let mut speakers: BTreeMap<String, u64> = BTreeMap::new();
            for (col, statements) in &by_column {
                let Some(name) = names.get(*col) else {
                    continue;
                };
                let longest = statements
                    .iter()
                    .map(|s| s.text.as_str())
                    .fold("", |best, t| if t.len() > best.len() { t } else { best });
                if fullest.is_none_or(|f| longest.len() > f.len()) {
                    fullest = Some(longest);
                }
                for s in statements {
                    if let Some(sp) = &s.speaker {
                        if !PRONOUNS.contains(&sp.to_lowercase().as_str()) {
                            *speakers.entry(sp.clone()).or_insert(0) += 1;
                        }
                    }
                }
                quoted_by.insert(
                    (*name).clone(),
                    QuoteUse {
                        count: statements.len() as u64,
                        kind: statements.first().map_or(QuoteKind::Direct, |s| s.kind),
                        text: longest.to_string(),
                    },
                );
            }
            let left_out_by = names
                .iter()
                .filter(|n| !quoted_by.contains_key(**n))
                .map(|n| (*n).clone())
                .collect();
            // The most often named speaker; on a tie the fuller name ("Mayor Ada Brenn"
            // over "Brenn"), then the first in order.
            let mut named: Vec<(&str, u64)> = ranked(&speakers);
            named.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| b.0.len().cmp(&a.0.len())));
            shared.push(SharedQuote {
                text: fullest.unwrap_or("").to_string(),
                speaker: named.first().map(|(s, _)| s.to_string()),
                quoted_by,
                left_out_by,
            });
        }
        // Most widely quoted first; then by wording, for a stable order.
        shared.sort_by(|a, b| {
            b.quoted_by
                .len()
                .cmp(&a.quoted_by.len())
                .then_with(|| a.text.cmp(&b.text))
        });
        let note = shared
            .is_empty()
            .then(|| format!("No statement is quoted by more than one {}.", self.noun()));
        Quotes {
            shared,
            only_here,
            note,
        }
    }

    fn wording(&self) -> Wording {
        let mut columns: BTreeMap<String, Vec<TermScore>> = BTreeMap::new();
        if self.columns.len() < 2 {
            return Wording {
                columns,
                note: Some(format!(
                    "Only one {}: distinctive wording needs at least two to compare.",
                    self.noun()
                )),
            };
        }
        let mut pooled: BTreeMap<String, u64> = BTreeMap::new();
        for c in self.columns.values() {
            add_counts(&mut pooled, &c.words);
        }
        let total: u64 = pooled.values().sum();
        // The informative prior is the event's own pooled counts (αw = the word's count
        // over all columns, α0 = all words): it shrinks rare words hardest, which is
        // what keeps one-off words from topping every list.
        let alpha_0 = total as f64;
        for (name, c) in &self.columns {
            let n_group: u64 = c.words.values().sum();
            let n_rest = total.saturating_sub(n_group);
            let mut scores: Vec<TermScore> = c
                .words
                .iter()
                .filter(|(_, y)| **y >= MIN_WORD_COUNT)
                .filter_map(|(term, y)| {
                    let all = pooled.get(term).copied().unwrap_or(*y);
                    let r = log_odds(
                        *y as f64,
                        n_group as f64,
                        all.saturating_sub(*y) as f64,
                        n_rest as f64,
                        all as f64,
                        alpha_0,
                    )?;
                    (r.z > 0.0).then(|| TermScore {
                        term: term.clone(),
                        count: *y,
                        rate: round4(*y as f64 * 1000.0 / n_group.max(1) as f64),
                        z: round4(r.z),
                    })
                })
                .collect();
            scores.sort_by(|a, b| b.z.total_cmp(&a.z).then_with(|| a.term.cmp(&b.term)));
            scores.truncate(TOP_WORDS);
            columns.insert(name.clone(), scores);
        }
        let note = columns.values().all(Vec::is_empty).then(|| {
            format!(
                "No term stands out: none is used at least {MIN_WORD_COUNT} times by one {} more than by the others.",
                self.noun()
            )
        });
        Wording { columns, note }
    }

    fn noun(&self) -> &'static str {
        match self.by {
            GroupBy::Outlet => "outlet",
            GroupBy::Article => "article",
        }
    }
}

/// A quotation's words as shown: whitespace collapsed, and the comma or colon English
/// puts inside the closing mark ("…delay," she said) dropped.
fn tidy_quote(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    text.trim_end_matches([',', ';', ':', ' ']).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;
    use crate::detect::analyze_with;

    const PACK: &[(&str, &str)] = &[
        ("pack.yaml", "categories: [doubt, label, scare_quote]\n"),
        (
            "doubt.yaml",
            "category: doubt\nrules:\n  - id: doubt.alleged\n    terms: [alleged]\n    explain: Marks a claim as unproven.\n",
        ),
        (
            "label.yaml",
            "category: label\nrules:\n  - id: label.regime\n    terms: [regime]\n    weight: 2\n    explain: A pejorative name for a government.\n",
        ),
        (
            "scare.yaml",
            "category: scare_quote\nrules:\n  - id: scare_quote.quoted\n    detector: scare_quote\n    explain: Distances the writer from a word.\n",
        ),
        (
            "actors.yaml",
            "actors:\n  - id: gov\n    name: Government\n    labels:\n      - { terms: [government], tone: neutral }\n      - { terms: [regime], tone: pejorative }\n  - id: army\n    name: Army\n    labels:\n      - { terms: [army], tone: neutral }\n",
        ),
        (
            "quotations.yaml",
            "quotations:\n  verbs: [said]\n  speakers: [minister]\n",
        ),
        ("stopwords.yaml", "stopwords: [the, a, and, was, to, of]\n"),
    ];

    fn build(by: GroupBy, articles: &[(&str, &str)]) -> Option<Comparison> {
        let lex = Lexicon::from_files(PACK).ok()?;
        let mut b = ComparisonBuilder::new(&lex, by);
        for (i, (outlet, text)) in articles.iter().enumerate() {
            let mut a = Article::from_text(text);
            a.meta.outlet = Some(outlet.to_string());
            a.meta.id = format!("a{i}");
            b.add(&analyze_with(&a, &lex, ANALYSIS));
        }
        Some(b.finish())
    }

    #[test]
    fn framing_rates_pool_an_outlets_articles() {
        // A: 10 words with 1 doubt and 1 label (weight 2); then 10 more with 1 label.
        let Some(c) = build(
            GroupBy::Outlet,
            &[
                ("A", "The alleged regime fell on a cold day in spring."),
                ("A", "Then the regime returned with a new face and name."),
                ("B", "Nothing here."),
            ],
        ) else {
            panic!("pack")
        };
        let a = c.framing.author.get("A");
        let doubt = a.and_then(|v| v.categories.get("doubt")).copied();
        assert_eq!(
            doubt,
            Some(RateCell {
                count: 1,
                rate: Some(50.0)
            })
        );
        let label = a.and_then(|v| v.categories.get("label")).copied();
        assert_eq!(
            label,
            Some(RateCell {
                count: 2,
                rate: Some(100.0)
            })
        );
        let weighted = a.map(|v| v.weighted);
        assert_eq!(
            weighted,
            Some(WeightedCell {
                count: 3,
                weight: 5.0,
                rate: Some(250.0)
            })
        );
        assert_eq!(c.framing.without_findings, vec!["B".to_string()]);
        assert!(c.framing.no_quoted_findings);
    }

    #[test]
    fn zero_words_is_no_rate_not_nan() {
        let Some(c) = build(GroupBy::Outlet, &[("A", ""), ("B", "regime")]) else {
            panic!("pack")
        };
        let a = c.framing.author.get("A");
        assert!(a.is_some_and(
            |v| v.categories.values().all(|r| r.rate.is_none()) && v.weighted.rate.is_none()
        ));
        assert_eq!(
            c.sourcing.columns.get("A").map(|s| s.quoted_share),
            Some(None)
        );
        let json = serde_json::to_string(&c).unwrap_or_default();
        assert!(!json.contains("NaN") && !json.contains("inf"));
    }

    #[test]
    fn naming_lines_up_labels_and_says_who_named_nobody() {
        let Some(c) = build(
            GroupBy::Outlet,
            &[
                (
                    "A",
                    "The regime spoke. The regime again. The government too.",
                ),
                ("B", "The government spoke."),
            ],
        ) else {
            panic!("pack")
        };
        assert_eq!(c.naming.not_named, vec!["Army".to_string()]);
        let gov = c.naming.actors.first();
        let a: Option<Vec<(&str, u64)>> = gov
            .and_then(|g| g.columns.get("A"))
            .map(|v| v.iter().map(|u| (u.label.as_str(), u.author)).collect());
        assert_eq!(a, Some(vec![("regime", 2), ("government", 1)]));
        assert_eq!(c.naming.note, None);
    }

    #[test]
    fn shared_quotes_and_who_left_them_out() {
        let Some(c) = build(
            GroupBy::Outlet,
            &[
                (
                    "A",
                    "\"We will rebuild every house that burned,\" the minister said.",
                ),
                (
                    "B",
                    "The minister said: \"We will rebuild every house that burned down.\"",
                ),
                ("C", "Nobody was quoted here at all."),
            ],
        ) else {
            panic!("pack")
        };
        assert_eq!(c.quotes.shared.len(), 1, "{:?}", c.quotes);
        let q = c.quotes.shared.first();
        assert_eq!(
            q.map(|q| q.left_out_by.clone()),
            Some(vec!["C".to_string()])
        );
        assert_eq!(q.map(|q| q.quoted_by.len()), Some(2));
        assert_eq!(
            q.map(|q| q.text.as_str()),
            Some("We will rebuild every house that burned down.")
        );
    }

    #[test]
    fn one_outlet_is_said_plainly() {
        let Some(c) = build(GroupBy::Outlet, &[("A", "regime regime")]) else {
            panic!("pack")
        };
        assert!(c
            .quotes
            .note
            .as_deref()
            .is_some_and(|n| n.starts_with("Only one outlet")));
        assert!(c
            .wording
            .note
            .as_deref()
            .is_some_and(|n| n.starts_with("Only one outlet")));
    }

    #[test]
    fn distinctive_words_rank_by_z() {
        let Some(c) = build(
            GroupBy::Outlet,
            &[
                ("A", "storm storm storm damage damage harbour harbour crews"),
                (
                    "B",
                    "crews crews crews harbour harbour damage rescue rescue",
                ),
            ],
        ) else {
            panic!("pack")
        };
        let a: Option<Vec<&str>> = c
            .wording
            .columns
            .get("A")
            .map(|v| v.iter().map(|t| t.term.as_str()).collect());
        assert_eq!(a, Some(vec!["storm", "damage"]));
        let b: Option<Vec<&str>> = c
            .wording
            .columns
            .get("B")
            .map(|v| v.iter().map(|t| t.term.as_str()).collect());
        // rescue (2 against 0) outranks crews (3 against 1): the prior shrinks the
        // contrast of the more common word harder.
        assert_eq!(b, Some(vec!["rescue", "crews"]));
    }

    #[test]
    fn by_article_numbers_repeated_ids() {
        let Ok(lex) = Lexicon::from_files(PACK) else {
            panic!("pack")
        };
        let mut b = ComparisonBuilder::new(&lex, GroupBy::Article);
        for text in ["one", "two", "three"] {
            let mut a = Article::from_text(text);
            a.meta.id = "same".to_string();
            b.add(&analyze_with(&a, &lex, ANALYSIS));
        }
        let c = b.finish();
        let keys: Vec<&str> = c.columns.keys().map(String::as_str).collect();
        assert_eq!(keys, vec!["same", "same #2", "same #3"]);
        assert!(c.columns.values().all(|col| col.outlet == "unknown"));
    }
}
