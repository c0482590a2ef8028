//! Throughput of `scan` on one core, over a generated corpus (see `corpus/mod.rs`).
//!
//! ```text
//! cargo bench --bench scan
//! ```
//!
//! Every benchmark reports bytes of article text per second (`BytesCount`), so the
//! figures read directly as MB/s (10^6 bytes). Groups:
//! - `analyze`: the whole per-article analysis with the default pack, and with word
//!   counts for comparisons;
//! - `terms`: the same analysis with a pack of 0, 100, 1,000 and 10,000 generated
//!   literal terms, to show that the cost of term matching does not grow with the
//!   number of terms;
//! - `stages`: the pieces separately — JSON Lines loading, normalization, word
//!   counting, the line index, and JSON Lines rendering — so we know where time goes.
//!
//! Results and the machine they were measured on are kept in docs/PERFORMANCE.md.

mod corpus;

use std::io::Write;
use std::sync::LazyLock;

use divan::counter::BytesCount;
use divan::{black_box, Bencher};
use framescope::article::{ArticleStream, InputFormat, LoadLimits};
use framescope::render::{scan_renderer, Format};
use framescope::text::{count_words, LineIndex};
use framescope::{analyze, analyze_with, Analysis, Article, Lexicon, Metadata};

/// Seed of the benchmark corpus.
const SEED: u64 = 42;
/// Bytes of article text in the benchmark corpus; `FRAMESCOPE_BENCH_BYTES` overrides
/// it (a smaller corpus is handy under `valgrind --tool=callgrind`).
fn corpus_bytes() -> usize {
    std::env::var("FRAMESCOPE_BENCH_BYTES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(8_000_000)
}
/// Samples per benchmark: each sample is one pass over the whole corpus.
const SAMPLES: u32 = 10;
/// Samples of the whole analysis with the default pack, which is slow enough that a
/// few passes already give a stable figure.
const LONG_SAMPLES: u32 = 5;

fn main() {
    let c = &*CORPUS;
    eprintln!(
        "corpus: {} articles, {} bytes of text (seed {SEED}); default pack: {} rules, {} literal terms",
        c.articles.len(),
        c.bytes,
        DEFAULT.rules().len(),
        literal_terms(&DEFAULT),
    );
    divan::main();
}

struct Corpus {
    articles: Vec<Article>,
    /// Total bytes of article text.
    bytes: u64,
}

static CORPUS: LazyLock<Corpus> = LazyLock::new(|| {
    let articles: Vec<Article> = corpus::articles(SEED, corpus_bytes())
        .into_iter()
        .map(|a| Article {
            meta: Metadata {
                id: a.id,
                outlet: Some(a.outlet),
                title: Some(a.title),
                date: Some(a.date),
                url: Some(a.url),
                event: Some(a.event),
                ..Metadata::default()
            },
            body: a.text,
        })
        .collect();
    let bytes = articles.iter().map(|a| a.body.len() as u64).sum();
    Corpus { articles, bytes }
});

static DEFAULT: LazyLock<Lexicon> =
    LazyLock::new(|| Lexicon::default_pack().unwrap_or_else(|e| panic!("default pack: {e}")));

fn literal_terms(lexicon: &Lexicon) -> usize {
    let rules: usize = lexicon
        .rules()
        .iter()
        .map(|r| r.terms.len() + r.exceptions.len())
        .sum();
    let labels: usize = lexicon
        .actors()
        .iter()
        .flat_map(|a| &a.labels)
        .map(|l| l.terms.len())
        .sum();
    rules + labels
}

/// A pack of exactly `terms` generated literal terms and nothing else but the default
/// pack's quotation settings (no regex patterns, no boilerplate), so that the term
/// matcher's share of the time shows.
fn synthetic_lexicon(terms: usize) -> Lexicon {
    let mut files = corpus::synthetic_pack(terms, SEED);
    for (name, text) in framescope::lexicon::DEFAULT_PACK_FILES {
        if *name == "quotations.yaml" {
            files.push((name.to_string(), text.to_string()));
        }
    }
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    Lexicon::from_files(&refs).unwrap_or_else(|e| panic!("synthetic pack of {terms} terms: {e}"))
}

fn text_bytes() -> BytesCount {
    BytesCount::new(CORPUS.bytes)
}

mod analyze {
    use super::*;

    /// `analyze` with the default pack: what `scan` does per article.
    #[divan::bench(sample_count = LONG_SAMPLES, sample_size = 1)]
    fn default_pack(bencher: Bencher) {
        let lexicon = &*DEFAULT;
        bencher.counter(text_bytes()).bench(|| {
            for a in &CORPUS.articles {
                black_box(analyze(a, lexicon));
            }
        });
    }

    /// The same with word counts, as comparisons ask for.
    #[divan::bench(sample_count = LONG_SAMPLES, sample_size = 1)]
    fn with_word_counts(bencher: Bencher) {
        let lexicon = &*DEFAULT;
        bencher.counter(text_bytes()).bench(|| {
            for a in &CORPUS.articles {
                black_box(analyze_with(
                    a,
                    lexicon,
                    framescope::score::compare::ANALYSIS,
                ));
            }
        });
    }
}

mod terms {
    use super::*;

    /// `analyze` with a pack of N generated literal terms (30 of them words the
    /// corpus contains, the rest pseudo-words). 0 terms skips term matching: the
    /// difference is the cost of matching.
    #[divan::bench(args = [0, 100, 1_000, 10_000], sample_count = SAMPLES, sample_size = 1)]
    fn analyze_with_terms(bencher: Bencher, terms: usize) {
        let lexicon = synthetic_lexicon(terms);
        bencher.counter(text_bytes()).bench(|| {
            for a in &CORPUS.articles {
                black_box(analyze(a, &lexicon));
            }
        });
    }
}

mod stages {
    use super::*;

    /// Reading the corpus as JSON Lines from a file (page cache warm).
    #[divan::bench(sample_count = SAMPLES, sample_size = 1)]
    fn load_jsonl(bencher: Bencher) {
        let mut file = tempfile::Builder::new()
            .suffix(".jsonl")
            .tempfile()
            .unwrap_or_else(|e| panic!("temp file: {e}"));
        for a in corpus::articles(SEED, corpus_bytes()) {
            serde_json::to_writer(&mut file, &a).unwrap_or_else(|e| panic!("write: {e}"));
            file.write_all(b"\n")
                .unwrap_or_else(|e| panic!("write: {e}"));
        }
        let path = file.path().display().to_string();
        bencher.counter(text_bytes()).bench(|| {
            let stream = ArticleStream::new(
                std::slice::from_ref(&path),
                InputFormat::Jsonl,
                LoadLimits::default(),
            );
            for a in stream {
                let _ = black_box(a);
            }
        });
    }

    /// Word counting (done once over the body, and again over each quotation).
    #[divan::bench(sample_count = SAMPLES, sample_size = 1)]
    fn count_words(bencher: Bencher) {
        bencher.counter(text_bytes()).bench(|| {
            for a in &CORPUS.articles {
                black_box(super::count_words(&a.body));
            }
        });
    }

    /// The byte → line:column index built for every article.
    #[divan::bench(sample_count = SAMPLES, sample_size = 1)]
    fn line_index(bencher: Bencher) {
        bencher.counter(text_bytes()).bench(|| {
            for a in &CORPUS.articles {
                black_box(LineIndex::new(&a.body));
            }
        });
    }

    /// `scan --format jsonl` output of the analyses (to a sink).
    #[divan::bench(sample_count = SAMPLES, sample_size = 1)]
    fn render_jsonl(bencher: Bencher) {
        let lexicon = &*DEFAULT;
        let analyses: Vec<Analysis> = CORPUS
            .articles
            .iter()
            .map(|a| analyze(a, lexicon))
            .collect();
        bencher.counter(text_bytes()).bench(|| {
            let mut renderer = scan_renderer(Format::Jsonl);
            let mut sink = std::io::sink();
            for a in &analyses {
                renderer
                    .article(&mut sink, a)
                    .unwrap_or_else(|e| panic!("render: {e}"));
            }
        });
    }
}
