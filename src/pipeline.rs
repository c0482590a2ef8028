//! Streaming load → analyze over many inputs: articles are read in order, analysed in
//! parallel in bounded batches (so memory does not grow with the corpus), and handed
//! back in input order, a batch handed back and the next read while one is analysed.

use std::ops::ControlFlow;

use rayon::prelude::*;

use crate::article::{Article, ArticleStream, LoadError};
use crate::detect::{analyze_with, Analysis, AnalyzeOptions};
use crate::lexicon::Lexicon;

/// Most articles analysed at once.
const BATCH_ARTICLES: usize = 256;
/// Most article bytes in a batch (a single larger article is still read alone). Three
/// batches are in hand at once: one handed out, one analysed, one read.
const BATCH_BYTES: usize = 32 * 1024 * 1024;

/// One input's outcome.
pub type Analyzed = Result<(Article, Analysis), LoadError>;

/// Analyzes every article of `stream` and calls `each` in input order. `each` may stop
/// the run early by returning `ControlFlow::Break`.
pub fn for_each_analysis(
    stream: ArticleStream,
    lexicon: &Lexicon,
    each: impl FnMut(Analyzed) -> ControlFlow<()>,
) {
    for_each_analysis_with(stream, lexicon, AnalyzeOptions::default(), each);
}

/// [`for_each_analysis`], computing what `options` asks for besides findings (word
/// counts, for comparisons).
///
/// While the thread pool analyses one batch, this thread hands out the analyses of the
/// batch before and reads the next: loading and `each` (rendering, aggregating) would
/// otherwise leave the pool idle, and the analysis leave this thread idle.
pub fn for_each_analysis_with(
    mut stream: ArticleStream,
    lexicon: &Lexicon,
    options: AnalyzeOptions,
    mut each: impl FnMut(Analyzed) -> ControlFlow<()>,
) {
    let mut next = read_batch(&mut stream);
    let mut ready: Vec<Analyzed> = Vec::new();
    while !(next.is_empty() && ready.is_empty()) {
        let batch = std::mem::take(&mut next);
        let mut analyzed: Vec<Analyzed> = Vec::new();
        let flow = rayon::in_place_scope(|scope| {
            scope.spawn(|_| analyzed = analyze_batch(batch, lexicon, options));
            for r in ready.drain(..) {
                each(r)?;
            }
            next = read_batch(&mut stream);
            ControlFlow::Continue(())
        });
        if flow.is_break() {
            return;
        }
        ready = analyzed;
    }
}

/// The next batch of `stream`: at most [`BATCH_ARTICLES`] articles and, unless the
/// first is larger, [`BATCH_BYTES`] of text; empty at the end.
fn read_batch(
    stream: &mut impl Iterator<Item = Result<Article, LoadError>>,
) -> Vec<Result<Article, LoadError>> {
    let mut batch = Vec::new();
    let mut bytes = 0;
    while batch.len() < BATCH_ARTICLES && (bytes < BATCH_BYTES || batch.is_empty()) {
        let Some(item) = stream.next() else { break };
        if let Ok(a) = &item {
            bytes += a.body.len();
        }
        batch.push(item);
    }
    batch
}

/// Analyses `batch` on the thread pool, keeping its order.
fn analyze_batch(
    batch: Vec<Result<Article, LoadError>>,
    lexicon: &Lexicon,
    options: AnalyzeOptions,
) -> Vec<Analyzed> {
    batch
        .into_par_iter()
        .map(|item| {
            item.map(|article| {
                let analysis = analyze_with(&article, lexicon, options);
                (article, analysis)
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;
    use crate::article::{InputFormat, LoadLimits};

    /// A JSON Lines corpus of `n` short articles, one of them (`bad`) not JSON, in a
    /// temporary file.
    fn corpus(n: usize, bad: usize) -> tempfile::NamedTempFile {
        let mut file = tempfile::Builder::new()
            .suffix(".jsonl")
            .tempfile()
            .unwrap_or_else(|e| panic!("temp file: {e}"));
        for i in 0..n {
            let line = if i == bad {
                "not json".to_string()
            } else {
                format!(r#"{{"id":"a{i}","text":"The so-called plan, officials said."}}"#)
            };
            writeln!(file, "{line}").unwrap_or_else(|e| panic!("write: {e}"));
        }
        file
    }

    fn stream(file: &tempfile::NamedTempFile) -> ArticleStream {
        let path = file.path().display().to_string();
        ArticleStream::new(&[path], InputFormat::Jsonl, LoadLimits::default())
    }

    #[test]
    fn analyses_come_back_in_input_order_across_batches() {
        // Three batches and a bit, with an error in the second.
        let n = 3 * BATCH_ARTICLES + 7;
        let bad = BATCH_ARTICLES + 3;
        let file = corpus(n, bad);
        let lexicon = Lexicon::default_pack().unwrap_or_else(|e| panic!("{e}"));
        let mut seen = Vec::new();
        for_each_analysis(stream(&file), &lexicon, |item| {
            seen.push(match item {
                Ok((article, analysis)) => {
                    assert_eq!(article.meta.id, analysis.meta.id);
                    assert!(!analysis.findings.is_empty());
                    article.meta.id
                }
                Err(_) => "error".to_string(),
            });
            ControlFlow::Continue(())
        });
        let expected: Vec<String> = (0..n)
            .map(|i| {
                if i == bad {
                    "error".to_string()
                } else {
                    format!("a{i}")
                }
            })
            .collect();
        assert_eq!(seen, expected);
    }

    #[test]
    fn a_break_stops_the_run_at_once() {
        let file = corpus(2 * BATCH_ARTICLES + 5, usize::MAX);
        let lexicon = Lexicon::default_pack().unwrap_or_else(|e| panic!("{e}"));
        let stop = BATCH_ARTICLES + 2;
        let mut calls = 0;
        for_each_analysis(stream(&file), &lexicon, |_| {
            calls += 1;
            if calls == stop {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        });
        assert_eq!(calls, stop);
    }
}
