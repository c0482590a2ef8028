//! Scoring the tool against span annotations: gold files in the JSON Lines format of
//! the evaluation data (spans with byte offsets, sentence labels, attribution
//! relations), matched against an analysis by overlap (two spans match when they
//! share at least one byte).
//!
//! What is measured depends on what the gold holds:
//! - **spans**: recall of gold spans by findings of any category, per gold label and
//!   overall; precision of findings (per category and overall) against any gold span;
//!   F1; and named groups (`loaded = these labels : these categories`);
//! - **sentence labels**: a sentence (one article) counts as positive when it has a
//!   finding of the chosen categories; macro-F1 of that decision and ROC AUC of the
//!   summed finding weights;
//! - **attribution relations** (`Source`/`Cue`/`Content` spans sharing an
//!   `attribution` id): recall of cues by quotation cues, attribution findings or the
//!   cues of reported speech the tool found,
//!   speaker accuracy of quotations inside a gold content, and the share of scare quotes
//!   that are attributed speech;
//! - **ranking**: Spearman's correlation, per article or per outlet, between gold span
//!   density and weighted findings, both per 1,000 words.
//!
//! ```
//! use framescope::evaluate::{EvalOptions, Evaluator, Gold, ANALYSIS};
//! use framescope::{analyze_with, Article, Lexicon};
//!
//! let gold = Gold::from_reader(
//!     r#"{"id":"a1","start":4,"end":13,"label":"loaded"}"#.as_bytes(),
//!     "gold.jsonl",
//! ).unwrap();
//! let lexicon = Lexicon::default_pack().unwrap();
//! let mut article = Article::from_text("The so-called reform passed.");
//! article.meta.id = "a1".into();
//! let mut evaluator = Evaluator::new(&gold, EvalOptions::default(), &lexicon).unwrap();
//! evaluator.add(&article, &analyze_with(&article, &lexicon, ANALYSIS));
//! let report = evaluator.finish();
//! assert_eq!(report.spans.map(|s| s.overall.gold), Some(1));
//! ```

pub mod gold;
pub mod metrics;
mod render;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::str::FromStr;

use serde::Serialize;
use serde_json::Value;

use crate::article::Article;
use crate::detect::{Analysis, QuoteKind, Voice};
use crate::lexicon::Lexicon;

pub use gold::{ArticleGold, Gold, GoldError, GoldSpan};
pub use metrics::{Binary, Prf, PrfCounts};
pub use render::{render, ReportFormat};

use metrics::{overlaps, ratio, round4};

/// What [`Evaluator::add`] needs computed besides findings: speech attributed without
/// quotation marks counts towards cue recall.
pub const ANALYSIS: crate::detect::AnalyzeOptions = crate::detect::AnalyzeOptions {
    word_counts: false,
    attributions: true,
};

/// The labels of attribution relations.
pub const SOURCE_LABEL: &str = "Source";
/// The label of an attribution cue.
pub const CUE_LABEL: &str = "Cue";
/// The label of attributed content.
pub const CONTENT_LABEL: &str = "Content";

/// The categories whose findings make a sentence count as biased, by default.
pub const DEFAULT_SENTENCE_CATEGORIES: &[&str] =
    &["loaded", "label", "doubt", "booster", "scare_quote"];

/// Which findings count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VoiceSelect {
    /// Only the outlet's own words.
    Author,
    /// Only words inside quotations.
    Quoted,
    /// Both.
    #[default]
    All,
}

impl VoiceSelect {
    fn accepts(self, voice: Voice) -> bool {
        match self {
            VoiceSelect::All => true,
            VoiceSelect::Author => voice == Voice::Author,
            VoiceSelect::Quoted => voice == Voice::Quoted,
        }
    }

    /// `author`, `quoted` or `all`.
    pub fn as_str(self) -> &'static str {
        match self {
            VoiceSelect::Author => "author",
            VoiceSelect::Quoted => "quoted",
            VoiceSelect::All => "all",
        }
    }
}

/// A condition on gold spans: `FIELD=VALUE`. The field's JSON value is compared in its
/// written form (`true`, `false`, `3`, `null`, or the string itself).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldFilter {
    /// The record's field.
    pub field: String,
    /// The value it must have.
    pub value: String,
}

impl FromStr for GoldFilter {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.split_once('=') {
            Some((field, value)) if !field.trim().is_empty() => Ok(GoldFilter {
                field: field.trim().to_string(),
                value: value.trim().to_string(),
            }),
            _ => Err(format!(
                "gold filter {s:?} is not FIELD=VALUE (for example quote=false)"
            )),
        }
    }
}

impl fmt::Display for GoldFilter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}={}", self.field, self.value)
    }
}

impl GoldFilter {
    fn accepts(&self, span: &GoldSpan) -> bool {
        match span.fields.get(&self.field) {
            None => false,
            Some(Value::String(s)) => *s == self.value,
            Some(Value::Bool(b)) => self.value == if *b { "true" } else { "false" },
            Some(Value::Null) => self.value == "null",
            Some(Value::Number(n)) => self.value.parse::<f64>().ok() == n.as_f64(),
            Some(other) => serde_json::to_string(other).is_ok_and(|s| s == self.value),
        }
    }
}

/// A named comparison of some gold labels with some tool categories:
/// `NAME=LABEL[,LABEL...]:CATEGORY[,CATEGORY...]`. A label may itself contain commas
/// (`Name_Calling,Labeling`); labels are resolved against those the gold file uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupSpec {
    /// The group's name.
    pub name: String,
    /// The comma-separated label list as written.
    pub labels: String,
    /// The tool categories.
    pub categories: Vec<String>,
}

impl FromStr for GroupSpec {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || {
            format!(
                "group {s:?} is not NAME=LABEL[,LABEL...]:CATEGORY[,CATEGORY...] \
                 (for example loaded=Loaded_Language:loaded,label)"
            )
        };
        let (name, rest) = s.split_once('=').ok_or_else(bad)?;
        let (labels, categories) = rest.rsplit_once(':').ok_or_else(bad)?;
        let categories: Vec<String> = split_list(categories);
        if name.trim().is_empty() || labels.trim().is_empty() || categories.is_empty() {
            return Err(bad());
        }
        Ok(GroupSpec {
            name: name.trim().to_string(),
            labels: labels.trim().to_string(),
            categories,
        })
    }
}

/// Splits a comma-separated list, dropping empty items.
pub fn split_list(s: &str) -> Vec<String> {
    s.split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

/// The unit of a rank correlation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RankBy {
    /// One point per article.
    Article,
    /// One point per outlet (pooled over its articles).
    Outlet,
}

/// What to measure and how.
#[derive(Debug, Clone)]
pub struct EvalOptions {
    /// Which findings count.
    pub voice: VoiceSelect,
    /// The categories whose findings count for span measures; empty = all.
    pub categories: Vec<String>,
    /// Conditions every gold span must meet to count.
    pub gold_filters: Vec<GoldFilter>,
    /// Named label-vs-category comparisons.
    pub groups: Vec<GroupSpec>,
    /// Categories whose findings make a sentence positive.
    pub sentence_categories: Vec<String>,
    /// The positive sentence label.
    pub positive_label: String,
    /// The negative sentence label.
    pub negative_label: String,
    /// Categories whose findings count as attribution cues.
    pub attribution_categories: Vec<String>,
    /// Rank correlation unit, if wanted.
    pub rank: Option<RankBy>,
    /// The gold labels counted for the rank correlation (as a comma list); empty = all.
    pub rank_labels: String,
    /// Skip articles the gold file says nothing about.
    pub only_annotated: bool,
    /// Collect per-item outcomes for error analysis.
    pub details: bool,
}

impl Default for EvalOptions {
    fn default() -> Self {
        EvalOptions {
            voice: VoiceSelect::All,
            categories: Vec::new(),
            gold_filters: Vec::new(),
            groups: Vec::new(),
            sentence_categories: DEFAULT_SENTENCE_CATEGORIES
                .iter()
                .map(|s| s.to_string())
                .collect(),
            positive_label: "Biased".to_string(),
            negative_label: "Non-biased".to_string(),
            attribution_categories: vec!["attribution".to_string()],
            rank: None,
            rank_labels: String::new(),
            only_annotated: false,
            details: false,
        }
    }
}

/// Options that cannot be applied to this gold file or lexicon.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvalError(pub String);

impl fmt::Display for EvalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for EvalError {}

/// Resolves a comma-separated label list against the labels the gold file uses,
/// joining pieces back together where a label contains a comma.
pub fn resolve_labels(list: &str, known: &BTreeSet<String>) -> Result<Vec<String>, String> {
    let pieces: Vec<&str> = list.split(',').map(str::trim).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < pieces.len() {
        let mut found = None;
        for j in (i..pieces.len()).rev() {
            let candidate = pieces.get(i..=j).map(|p| p.join(",")).unwrap_or_default();
            if known.contains(&candidate) {
                found = Some((j, candidate));
                break;
            }
        }
        match found {
            Some((j, label)) => {
                out.push(label);
                i = j + 1;
            }
            None => {
                let piece = pieces.get(i).copied().unwrap_or("");
                if piece.is_empty() {
                    i += 1;
                    continue;
                }
                let known: Vec<&str> = known.iter().map(String::as_str).collect();
                return Err(format!(
                    "the gold file has no label {piece:?}; its labels are: {}",
                    known.join(" | ")
                ));
            }
        }
    }
    Ok(out)
}

#[derive(Debug, Clone)]
struct Group {
    name: String,
    labels: BTreeSet<String>,
    categories: BTreeSet<String>,
    counts: PrfCounts,
}

/// One item's outcome, for error analysis (`--details`).
#[derive(Debug, Clone, Serialize)]
pub struct Detail {
    /// The article id.
    pub article: String,
    /// The article's outlet.
    pub outlet: Option<String>,
    /// `gold`, `finding`, `sentence`, `cue`, `quote` or `scare`.
    pub kind: &'static str,
    /// Byte offset.
    pub start: usize,
    /// Byte offset just past the item.
    pub end: usize,
    /// Gold label, finding category, or quotation kind.
    pub label: String,
    /// The rule of a finding.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// The voice of a finding.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub voice: Option<&'static str>,
    /// The text of the item.
    pub text: String,
    /// Whether it was matched (a gold span found, a finding confirmed, a sentence
    /// decided right, a speaker right, a scare quote outside attributed content).
    pub matched: bool,
    /// What matched it, or what the tool said.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// What adding one article produced.
#[derive(Debug, Default)]
pub struct ArticleOutcome {
    /// Problems with this article's gold (one line each, naming the gold file's line).
    pub issues: Vec<String>,
    /// Per-item outcomes, when details were asked for.
    pub details: Vec<Detail>,
}

#[derive(Debug, Default, Clone)]
struct OutletAcc {
    articles: usize,
    words: usize,
    counts: PrfCounts,
    weight: f64,
    rank_gold: usize,
}

#[derive(Debug, Clone)]
struct RankPoint {
    article: String,
    outlet: String,
    words: usize,
    gold: usize,
    weight: f64,
}

#[derive(Debug, Default, Clone)]
struct AttributionAcc {
    cues: usize,
    cues_found: usize,
    cues_by_quote: usize,
    cues_by_quote_or_finding: usize,
    quotes: usize,
    quotes_in_content: usize,
    quotes_no_gold_source: usize,
    speakers_correct: usize,
    quotes_no_speaker: usize,
    scare: usize,
    scare_in_content: usize,
}

/// Scores analyses against a gold file, one article at a time.
#[derive(Debug)]
pub struct Evaluator<'g> {
    gold: &'g Gold,
    options: EvalOptions,
    categories: BTreeSet<String>,
    groups: Vec<Group>,
    rank_labels: BTreeSet<String>,
    sentence_categories: BTreeSet<String>,
    attribution_categories: BTreeSet<String>,
    has_sentences: bool,
    has_attribution: bool,
    seen: BTreeSet<String>,
    articles: usize,
    articles_without_gold: usize,
    skipped_unannotated: usize,
    invalid_spans: usize,
    overall: PrfCounts,
    labels: BTreeMap<String, (usize, usize, BTreeMap<String, usize>)>,
    by_category: BTreeMap<String, (usize, usize)>,
    outlets: BTreeMap<String, OutletAcc>,
    sentences: (usize, usize, usize, usize),
    sentence_skipped: usize,
    sentence_scores: (Vec<f64>, Vec<f64>),
    attribution: AttributionAcc,
    rank_points: Vec<RankPoint>,
}

impl<'g> Evaluator<'g> {
    /// Checks `options` against the gold file and the lexicon's categories.
    pub fn new(
        gold: &'g Gold,
        options: EvalOptions,
        lexicon: &Lexicon,
    ) -> Result<Evaluator<'g>, EvalError> {
        let known: BTreeSet<String> = lexicon
            .categories()
            .iter()
            .map(|c| c.name.clone())
            .collect();
        let check_categories =
            |what: &str, list: &[String]| -> Result<BTreeSet<String>, EvalError> {
                for c in list {
                    if !known.contains(c) {
                        let names: Vec<&str> = known.iter().map(String::as_str).collect();
                        return Err(EvalError(format!(
                            "{what}: the lexicon has no category {c:?}; its categories are: {}",
                            names.join(", ")
                        )));
                    }
                }
                Ok(list.iter().cloned().collect())
            };
        let categories = check_categories("--categories", &options.categories)?;
        let has_sentences = gold.articles.values().any(|a| a.sentence_label.is_some());
        // Sentence categories matter only to sentence-labelled gold.
        let sentence_categories = if has_sentences {
            check_categories("--sentence-categories", &options.sentence_categories)?
        } else {
            BTreeSet::new()
        };
        // Attribution categories are optional: a pack without one still has quote cues.
        let attribution_categories: BTreeSet<String> = options
            .attribution_categories
            .iter()
            .filter(|c| known.contains(*c))
            .cloned()
            .collect();
        let mut groups = Vec::new();
        for g in &options.groups {
            let labels = resolve_labels(&g.labels, &gold.labels)
                .map_err(|e| EvalError(format!("group {:?}: {e}", g.name)))?;
            let cats = check_categories(&format!("group {:?}", g.name), &g.categories)?;
            groups.push(Group {
                name: g.name.clone(),
                labels: labels.into_iter().collect(),
                categories: cats,
                counts: PrfCounts::default(),
            });
        }
        let rank_labels = resolve_labels(&options.rank_labels, &gold.labels)
            .map_err(|e| EvalError(format!("--rank-labels: {e}")))?
            .into_iter()
            .collect();
        for f in &options.gold_filters {
            if f.field != "label" && !gold.fields.contains(&f.field) {
                let names: Vec<&str> = gold.fields.iter().map(String::as_str).collect();
                return Err(EvalError(format!(
                    "--gold-filter {f}: no gold record has a field {:?}; the fields are: label, {}",
                    f.field,
                    names.join(", ")
                )));
            }
        }
        let has_attribution = [SOURCE_LABEL, CUE_LABEL, CONTENT_LABEL]
            .iter()
            .all(|l| gold.labels.contains(*l))
            && gold
                .articles
                .values()
                .flat_map(|a| &a.spans)
                .any(|s| s.attribution.is_some());
        Ok(Evaluator {
            gold,
            options,
            categories,
            groups,
            rank_labels,
            sentence_categories,
            attribution_categories,
            has_sentences,
            has_attribution,
            seen: BTreeSet::new(),
            articles: 0,
            articles_without_gold: 0,
            skipped_unannotated: 0,
            invalid_spans: 0,
            overall: PrfCounts::default(),
            labels: BTreeMap::new(),
            by_category: BTreeMap::new(),
            outlets: BTreeMap::new(),
            sentences: (0, 0, 0, 0),
            sentence_skipped: 0,
            sentence_scores: (Vec::new(), Vec::new()),
            attribution: AttributionAcc::default(),
            rank_points: Vec::new(),
        })
    }

    /// Scores one article's analysis against its gold records.
    pub fn add(&mut self, article: &Article, analysis: &Analysis) -> ArticleOutcome {
        let mut outcome = ArticleOutcome::default();
        let id = analysis.meta.id.clone();
        if !self.seen.insert(id.clone()) {
            outcome.issues.push(format!(
                "article id {id:?} occurs twice; the second was not scored (gold cannot tell them apart)"
            ));
            return outcome;
        }
        let empty = ArticleGold::default();
        let article_gold = match self.gold.articles.get(&id) {
            Some(g) => g,
            None if self.options.only_annotated => {
                self.skipped_unannotated += 1;
                return outcome;
            }
            None => {
                self.articles_without_gold += 1;
                &empty
            }
        };
        self.articles += 1;
        let body = article.body.as_str();
        let outlet = analysis.meta.outlet.clone();
        let detail_base = |kind: &'static str, start: usize, end: usize, label: String| Detail {
            article: id.clone(),
            outlet: outlet.clone(),
            kind,
            start,
            end,
            label,
            rule: None,
            voice: None,
            text: body.get(start..end).unwrap_or("").to_string(),
            matched: false,
            note: None,
        };

        // Gold spans that pass the filters and fit the text, trimmed of white space.
        let mut spans: Vec<(usize, usize, &GoldSpan)> = Vec::new();
        for span in &article_gold.spans {
            if !self.options.gold_filters.iter().all(|f| f.accepts(span)) {
                continue;
            }
            let Some(text) = body.get(span.start..span.end) else {
                self.invalid_spans += 1;
                outcome.issues.push(format!(
                    "{}:{}: span {}..{} does not fit article {id:?} ({} bytes, or not on a character boundary); offsets must be UTF-8 byte offsets",
                    self.gold.source, span.line, span.start, span.end, body.len()
                ));
                continue;
            };
            if span.text.as_deref().is_some_and(|t| t != text) {
                self.invalid_spans += 1;
                outcome.issues.push(format!(
                    "{}:{}: span {}..{} of article {id:?} does not hold the record's `text`; offsets must be UTF-8 byte offsets into the article's text",
                    self.gold.source, span.line, span.start, span.end
                ));
                continue;
            }
            let (s, e) = trimmed_range(body, span.start, span.end);
            spans.push((s, e, span));
        }

        let voiced: Vec<&crate::detect::Finding> = analysis
            .findings
            .iter()
            .filter(|f| self.options.voice.accepts(f.voice))
            .collect();
        let selected: Vec<&crate::detect::Finding> = voiced
            .iter()
            .copied()
            .filter(|f| self.categories.is_empty() || self.categories.contains(f.category.as_ref()))
            .collect();

        // Span measures.
        let mut counts = PrfCounts::default();
        for &(s, e, span) in &spans {
            let hits: BTreeSet<&str> = selected
                .iter()
                .filter(|f| overlaps(s, e, f.start, f.end))
                .map(|f| f.category.as_ref())
                .collect();
            let row = self.labels.entry(span.label.clone()).or_default();
            row.0 += 1;
            counts.gold += 1;
            if !hits.is_empty() {
                row.1 += 1;
                counts.gold_matched += 1;
            }
            for c in &hits {
                *row.2.entry((*c).to_string()).or_default() += 1;
            }
            if self.options.details {
                let mut d = detail_base("gold", s, e, span.label.clone());
                d.matched = !hits.is_empty();
                d.note =
                    (!hits.is_empty()).then(|| hits.iter().copied().collect::<Vec<_>>().join(","));
                outcome.details.push(d);
            }
        }
        for f in &selected {
            let hit = spans
                .iter()
                .any(|&(s, e, _)| overlaps(s, e, f.start, f.end));
            let row = self.by_category.entry(f.category.to_string()).or_default();
            row.0 += 1;
            counts.findings += 1;
            if hit {
                row.1 += 1;
                counts.findings_matched += 1;
            }
            if self.options.details {
                let mut d = detail_base("finding", f.start, f.end, f.category.to_string());
                d.rule = Some(f.rule.to_string());
                d.voice = Some(f.voice.as_str());
                d.matched = hit;
                outcome.details.push(d);
            }
        }
        self.overall.add(counts);

        for g in &mut self.groups {
            let gold: Vec<(usize, usize)> = spans
                .iter()
                .filter(|(_, _, span)| g.labels.contains(&span.label))
                .map(|&(s, e, _)| (s, e))
                .collect();
            let found: Vec<(usize, usize)> = voiced
                .iter()
                .filter(|f| g.categories.contains(f.category.as_ref()))
                .map(|f| (f.start, f.end))
                .collect();
            g.counts.add(metrics::match_spans(&gold, &found));
        }

        let weight: f64 = selected.iter().map(|f| f.weight).sum();
        let rank_gold = spans
            .iter()
            .filter(|(_, _, span)| {
                self.rank_labels.is_empty() || self.rank_labels.contains(&span.label)
            })
            .count();
        let outlet_name = outlet.clone().unwrap_or_else(|| "unknown".to_string());
        let acc = self.outlets.entry(outlet_name.clone()).or_default();
        acc.articles += 1;
        acc.words += analysis.words;
        acc.counts.add(counts);
        acc.weight += weight;
        acc.rank_gold += rank_gold;
        if self.options.rank.is_some() {
            self.rank_points.push(RankPoint {
                article: id.clone(),
                outlet: outlet_name,
                words: analysis.words,
                gold: rank_gold,
                weight,
            });
        }

        // Sentence labels.
        if let Some((label, _)) = &article_gold.sentence_label {
            let positive = *label == self.options.positive_label;
            let negative = *label == self.options.negative_label;
            if positive || negative {
                let predicted = voiced
                    .iter()
                    .any(|f| self.sentence_categories.contains(f.category.as_ref()));
                let (tp, fp, fn_, tn) = &mut self.sentences;
                match (positive, predicted) {
                    (true, true) => *tp += 1,
                    (true, false) => *fn_ += 1,
                    (false, true) => *fp += 1,
                    (false, false) => *tn += 1,
                }
                if positive {
                    self.sentence_scores.0.push(weight);
                } else {
                    self.sentence_scores.1.push(weight);
                }
                if self.options.details {
                    let mut d = detail_base("sentence", 0, body.len(), label.clone());
                    d.matched = positive == predicted;
                    d.note = Some(format!(
                        "predicted {}, weight {}",
                        if predicted {
                            &self.options.positive_label
                        } else {
                            &self.options.negative_label
                        },
                        round4(weight)
                    ));
                    outcome.details.push(d);
                }
            } else {
                self.sentence_skipped += 1;
            }
        }

        if self.has_attribution {
            self.attribution_article(body, analysis, &spans, &mut outcome, &detail_base);
        }
        outcome
    }

    fn attribution_article(
        &mut self,
        body: &str,
        analysis: &Analysis,
        spans: &[(usize, usize, &GoldSpan)],
        outcome: &mut ArticleOutcome,
        detail_base: &dyn Fn(&'static str, usize, usize, String) -> Detail,
    ) {
        let details = self.options.details;
        let acc = &mut self.attribution;
        let cue_findings: Vec<(usize, usize)> = analysis
            .findings
            .iter()
            .filter(|f| self.attribution_categories.contains(f.category.as_ref()))
            .map(|f| (f.start, f.end))
            .collect();
        let quote_cues: Vec<(usize, usize)> = analysis
            .quotes
            .iter()
            .filter_map(|q| q.cue.as_ref().map(|c| (c.start, c.end)))
            .collect();
        let reported: Vec<(usize, usize)> = analysis
            .attributions
            .iter()
            .map(|a| (a.cue.start, a.cue.end))
            .collect();
        for &(s, e, span) in spans.iter().filter(|(_, _, sp)| sp.label == CUE_LABEL) {
            acc.cues += 1;
            let hit = |list: &[(usize, usize)]| list.iter().any(|c| overlaps(s, e, c.0, c.1));
            let by_quote = hit(&quote_cues);
            let by_finding = hit(&cue_findings);
            let by_reported = hit(&reported);
            if by_quote || by_finding || by_reported {
                acc.cues_found += 1;
            }
            if by_quote || by_finding {
                acc.cues_by_quote_or_finding += 1;
            }
            if by_quote {
                acc.cues_by_quote += 1;
            }
            if details {
                let mut d = detail_base("cue", s, e, span.label.clone());
                d.matched = by_quote || by_finding || by_reported;
                let how: Vec<&str> = [
                    (by_quote, "quotation cue"),
                    (by_finding, "attribution finding"),
                    (by_reported, "reported speech"),
                ]
                .iter()
                .filter(|(b, _)| *b)
                .map(|(_, n)| *n)
                .collect();
                d.note = (!how.is_empty()).then(|| how.join(", "));
                outcome.details.push(d);
            }
        }
        let contents: Vec<(usize, usize, &GoldSpan)> = spans
            .iter()
            .filter(|(_, _, sp)| sp.label == CONTENT_LABEL)
            .copied()
            .collect();
        for q in &analysis.quotes {
            let inner = trimmed_range(body, q.content_start, q.content_end);
            let content = innermost_container(inner, &contents);
            if q.kind == QuoteKind::Scare {
                acc.scare += 1;
                if content.is_some() {
                    acc.scare_in_content += 1;
                }
                if details {
                    let mut d = detail_base("scare", q.start, q.end, "scare".to_string());
                    d.matched = content.is_none();
                    d.note = content.map(|_| "inside a gold Content".to_string());
                    outcome.details.push(d);
                }
            }
            acc.quotes += 1;
            let Some(content) = content else { continue };
            let sources: Vec<(usize, usize)> = match &content.attribution {
                Some(rel) => spans
                    .iter()
                    .filter(|(_, _, sp)| {
                        sp.label == SOURCE_LABEL && sp.attribution.as_ref() == Some(rel)
                    })
                    .map(|&(s, e, _)| (s, e))
                    .collect(),
                None => Vec::new(),
            };
            if sources.is_empty() {
                acc.quotes_no_gold_source += 1;
                continue;
            }
            acc.quotes_in_content += 1;
            let correct = q
                .speaker
                .as_ref()
                .is_some_and(|sp| sources.iter().any(|s| overlaps(s.0, s.1, sp.start, sp.end)));
            if q.speaker.is_none() {
                acc.quotes_no_speaker += 1;
            }
            if correct {
                acc.speakers_correct += 1;
            }
            if details {
                let mut d = detail_base("quote", q.start, q.end, q.kind.as_str().to_string());
                d.matched = correct;
                d.note = Some(format!(
                    "speaker: {}; gold source: {}",
                    q.speaker.as_ref().map_or("none", |s| s.text.as_str()),
                    sources
                        .iter()
                        .map(|s| body.get(s.0..s.1).unwrap_or(""))
                        .collect::<Vec<_>>()
                        .join(" / ")
                ));
                outcome.details.push(d);
            }
        }
    }

    /// The report over every article added.
    pub fn finish(self) -> Report {
        let gold_articles_missing = self
            .gold
            .articles
            .keys()
            .filter(|id| !self.seen.contains(*id))
            .count();
        let has_spans = self.overall.gold > 0 || self.gold.labels.iter().next().is_some();
        let spans = has_spans.then(|| SpanReport {
            overall: rounded(self.overall.measures()),
            labels: self
                .labels
                .iter()
                .map(|(label, (gold, matched, cats))| LabelRow {
                    label: label.clone(),
                    gold: *gold,
                    matched: *matched,
                    recall: ratio(*matched, *gold).map(round4),
                    by_category: cats.clone(),
                })
                .collect(),
            categories: self
                .by_category
                .iter()
                .map(|(category, (findings, matched))| CategoryRow {
                    category: category.clone(),
                    findings: *findings,
                    matched: *matched,
                    precision: ratio(*matched, *findings).map(round4),
                })
                .collect(),
        });
        let groups = self
            .groups
            .iter()
            .map(|g| GroupReport {
                name: g.name.clone(),
                labels: g.labels.iter().cloned().collect(),
                categories: g.categories.iter().cloned().collect(),
                measures: rounded(g.counts.measures()),
            })
            .collect();
        let sentences = self.has_sentences.then(|| {
            let (tp, fp, fn_, tn) = self.sentences;
            let b = metrics::binary(tp, fp, fn_, tn);
            SentenceReport {
                positive_label: self.options.positive_label.clone(),
                negative_label: self.options.negative_label.clone(),
                categories: self.sentence_categories.iter().cloned().collect(),
                sentences: tp + fp + fn_ + tn,
                skipped: self.sentence_skipped,
                decision: Binary {
                    f1_positive: b.f1_positive.map(round4),
                    f1_negative: b.f1_negative.map(round4),
                    macro_f1: b.macro_f1.map(round4),
                    accuracy: b.accuracy.map(round4),
                    ..b
                },
                roc_auc: metrics::roc_auc(&self.sentence_scores.0, &self.sentence_scores.1)
                    .map(round4),
            }
        });
        let a = &self.attribution;
        let attribution = self.has_attribution.then(|| AttributionReport {
            cues: a.cues,
            cues_found: a.cues_found,
            cues_found_by_quote_cues: a.cues_by_quote,
            cues_found_by_quotes_or_findings: a.cues_by_quote_or_finding,
            cue_recall: ratio(a.cues_found, a.cues).map(round4),
            cue_recall_quotes_and_findings: ratio(a.cues_by_quote_or_finding, a.cues).map(round4),
            quotes: a.quotes,
            quotes_in_content: a.quotes_in_content,
            quotes_in_content_without_gold_source: a.quotes_no_gold_source,
            speakers_correct: a.speakers_correct,
            quotes_without_speaker: a.quotes_no_speaker,
            speaker_accuracy: ratio(a.speakers_correct, a.quotes_in_content).map(round4),
            scare_quotes: a.scare,
            scare_quotes_in_content: a.scare_in_content,
            scare_in_content_share: ratio(a.scare_in_content, a.scare).map(round4),
        });
        let ranking = self.options.rank.map(|by| self.ranking(by));
        let outlets = self
            .outlets
            .iter()
            .map(|(name, o)| OutletReport {
                outlet: name.clone(),
                articles: o.articles,
                words: o.words,
                measures: rounded(o.counts.measures()),
                findings_per_1000: per_thousand(o.counts.findings as f64, o.words),
                weighted_per_1000: per_thousand(o.weight, o.words),
                gold_per_1000: per_thousand(o.counts.gold as f64, o.words),
            })
            .collect();
        Report {
            gold: self.gold.source.clone(),
            articles: self.articles,
            articles_without_gold: self.articles_without_gold,
            articles_skipped_unannotated: self.skipped_unannotated,
            gold_articles_missing,
            invalid_gold_spans: self.invalid_spans,
            voice: self.options.voice,
            categories: self.categories.iter().cloned().collect(),
            gold_filters: self
                .options
                .gold_filters
                .iter()
                .map(|f| f.to_string())
                .collect(),
            spans,
            groups,
            sentences,
            attribution,
            ranking,
            outlets,
        }
    }

    fn ranking(&self, by: RankBy) -> RankingReport {
        let mut rows: Vec<RankRow> = match by {
            RankBy::Article => self
                .rank_points
                .iter()
                .filter(|p| p.words > 0)
                .map(|p| RankRow {
                    name: p.article.clone(),
                    words: p.words,
                    gold_per_1000: per_thousand(p.gold as f64, p.words),
                    weighted_per_1000: per_thousand(p.weight, p.words),
                })
                .collect(),
            RankBy::Outlet => {
                let mut pooled: BTreeMap<&str, (usize, usize, f64)> = BTreeMap::new();
                for p in &self.rank_points {
                    let e = pooled.entry(p.outlet.as_str()).or_default();
                    e.0 += p.words;
                    e.1 += p.gold;
                    e.2 += p.weight;
                }
                pooled
                    .into_iter()
                    .filter(|(_, v)| v.0 > 0)
                    .map(|(name, (words, gold, weight))| RankRow {
                        name: name.to_string(),
                        words,
                        gold_per_1000: per_thousand(gold as f64, words),
                        weighted_per_1000: per_thousand(weight, words),
                    })
                    .collect()
            }
        };
        let x: Vec<f64> = rows.iter().map(|r| r.gold_per_1000).collect();
        let y: Vec<f64> = rows.iter().map(|r| r.weighted_per_1000).collect();
        let spearman = metrics::spearman(&x, &y).map(round4);
        let points = rows.len();
        if by == RankBy::Article {
            // Per-article rows are many; the report keeps only the coefficient.
            rows.clear();
        }
        RankingReport {
            by,
            labels: self.rank_labels.iter().cloned().collect(),
            points,
            spearman,
            rows,
        }
    }
}

fn per_thousand(count: f64, words: usize) -> f64 {
    crate::score::per_thousand(count, words)
}

fn rounded(p: Prf) -> Prf {
    Prf {
        precision: p.precision.map(round4),
        recall: p.recall.map(round4),
        f1: p.f1.map(round4),
        ..p
    }
}

/// The range of `body[start..end]` without white space at either end.
fn trimmed_range(body: &str, start: usize, end: usize) -> (usize, usize) {
    let Some(text) = body.get(start..end) else {
        return (start, start);
    };
    let lead = text.len() - text.trim_start().len();
    let trail = text.len() - text.trim_end().len();
    let s = start + lead;
    (s, end.saturating_sub(trail).max(s))
}

/// The smallest gold content holding at least half of `inner`.
fn innermost_container<'a>(
    inner: (usize, usize),
    contents: &[(usize, usize, &'a GoldSpan)],
) -> Option<&'a GoldSpan> {
    let len = inner.1.saturating_sub(inner.0);
    if len == 0 {
        return None;
    }
    contents
        .iter()
        .filter(|(s, e, _)| {
            let shared = inner.1.min(*e).saturating_sub(inner.0.max(*s));
            shared * 2 >= len
        })
        .min_by_key(|(s, e, sp)| (e - s, sp.line))
        .map(|(_, _, sp)| *sp)
}

/// Recall of one gold label, and which categories hit its spans.
#[derive(Debug, Clone, Serialize)]
pub struct LabelRow {
    /// The gold label.
    pub label: String,
    /// Its spans.
    pub gold: usize,
    /// Spans overlapped by a finding of any category.
    pub matched: usize,
    /// `matched / gold`.
    pub recall: Option<f64>,
    /// Spans overlapped by a finding of each category.
    pub by_category: BTreeMap<String, usize>,
}

/// Precision of one tool category against any gold span.
#[derive(Debug, Clone, Serialize)]
pub struct CategoryRow {
    /// The category.
    pub category: String,
    /// Its findings.
    pub findings: usize,
    /// Findings overlapping a gold span.
    pub matched: usize,
    /// `matched / findings`.
    pub precision: Option<f64>,
}

/// Span-level measures.
#[derive(Debug, Clone, Serialize)]
pub struct SpanReport {
    /// All selected findings against all selected gold spans.
    pub overall: Prf,
    /// Per gold label.
    pub labels: Vec<LabelRow>,
    /// Per tool category.
    pub categories: Vec<CategoryRow>,
}

/// A named label-vs-category comparison.
#[derive(Debug, Clone, Serialize)]
pub struct GroupReport {
    /// The group's name.
    pub name: String,
    /// Its gold labels.
    pub labels: Vec<String>,
    /// Its tool categories.
    pub categories: Vec<String>,
    /// Its measures.
    pub measures: Prf,
}

/// Sentence-level measures.
#[derive(Debug, Clone, Serialize)]
pub struct SentenceReport {
    /// The positive label.
    pub positive_label: String,
    /// The negative label.
    pub negative_label: String,
    /// Categories whose findings make a sentence positive.
    pub categories: Vec<String>,
    /// Sentences with one of the two labels.
    pub sentences: usize,
    /// Sentences with another label (not scored).
    pub skipped: usize,
    /// The decision's confusion matrix and F1 scores.
    pub decision: Binary,
    /// ROC AUC of the summed weights of the selected findings.
    pub roc_auc: Option<f64>,
}

/// Attribution measures.
#[derive(Debug, Clone, Serialize)]
pub struct AttributionReport {
    /// Gold cues.
    pub cues: usize,
    /// Gold cues overlapped by a quotation's cue, an attribution finding, or the cue of
    /// an attribution the tool found in reported speech.
    pub cues_found: usize,
    /// Gold cues overlapped by a quotation's cue.
    pub cues_found_by_quote_cues: usize,
    /// Gold cues overlapped by a quotation's cue or an attribution finding.
    pub cues_found_by_quotes_or_findings: usize,
    /// `cues_found / cues`.
    pub cue_recall: Option<f64>,
    /// `cues_found_by_quotes_or_findings / cues`: the narrower reading that leaves out
    /// reported speech without quotation marks.
    pub cue_recall_quotes_and_findings: Option<f64>,
    /// Quotations the tool found.
    pub quotes: usize,
    /// Quotations lying inside a gold content whose relation has a gold source.
    pub quotes_in_content: usize,
    /// Quotations inside a gold content with no gold source (not scored).
    pub quotes_in_content_without_gold_source: usize,
    /// Quotations whose speaker overlaps the gold source.
    pub speakers_correct: usize,
    /// Quotations inside a gold content for which the tool named no speaker.
    pub quotes_without_speaker: usize,
    /// `speakers_correct / quotes_in_content`.
    pub speaker_accuracy: Option<f64>,
    /// Scare quotes the tool found.
    pub scare_quotes: usize,
    /// Of those, inside a gold content (attributed speech).
    pub scare_quotes_in_content: usize,
    /// `scare_quotes_in_content / scare_quotes` (lower is better).
    pub scare_in_content_share: Option<f64>,
}

/// One point of a rank correlation.
#[derive(Debug, Clone, Serialize)]
pub struct RankRow {
    /// The outlet (or article).
    pub name: String,
    /// Its words.
    pub words: usize,
    /// Gold spans per 1,000 words.
    pub gold_per_1000: f64,
    /// Summed weights of the selected findings per 1,000 words.
    pub weighted_per_1000: f64,
}

/// A rank correlation between gold density and weighted findings.
#[derive(Debug, Clone, Serialize)]
pub struct RankingReport {
    /// The unit.
    pub by: RankBy,
    /// Gold labels counted (empty = all).
    pub labels: Vec<String>,
    /// Points correlated.
    pub points: usize,
    /// Spearman's rho.
    pub spearman: Option<f64>,
    /// The points, per outlet (per-article points are not listed).
    pub rows: Vec<RankRow>,
}

/// Span measures of one outlet.
#[derive(Debug, Clone, Serialize)]
pub struct OutletReport {
    /// The outlet.
    pub outlet: String,
    /// Articles scored.
    pub articles: usize,
    /// Their words.
    pub words: usize,
    /// Span measures.
    pub measures: Prf,
    /// Selected findings per 1,000 words.
    pub findings_per_1000: f64,
    /// Their summed weights per 1,000 words.
    pub weighted_per_1000: f64,
    /// Selected gold spans per 1,000 words.
    pub gold_per_1000: f64,
}

/// Everything an evaluation measured.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The gold file.
    pub gold: String,
    /// Articles scored.
    pub articles: usize,
    /// Scored articles the gold file says nothing about (no spans expected there).
    pub articles_without_gold: usize,
    /// Articles skipped because the gold file says nothing about them.
    pub articles_skipped_unannotated: usize,
    /// Articles of the gold file that were not among the inputs.
    pub gold_articles_missing: usize,
    /// Gold spans that did not fit their article's text (not scored).
    pub invalid_gold_spans: usize,
    /// Which findings counted.
    pub voice: VoiceSelect,
    /// The categories counted for span measures (empty = all).
    pub categories: Vec<String>,
    /// The gold filters applied.
    pub gold_filters: Vec<String>,
    /// Span measures, when the gold has spans.
    pub spans: Option<SpanReport>,
    /// Named groups.
    pub groups: Vec<GroupReport>,
    /// Sentence measures, when the gold has sentence labels.
    pub sentences: Option<SentenceReport>,
    /// Attribution measures, when the gold has attribution relations.
    pub attribution: Option<AttributionReport>,
    /// The rank correlation, when asked for.
    pub ranking: Option<RankingReport>,
    /// Per outlet.
    pub outlets: Vec<OutletReport>,
}

#[cfg(test)]
mod tests;
