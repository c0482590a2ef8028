//! Streaming load → analyze over many inputs: articles are read in order, analysed in
//! parallel in bounded batches (so memory does not grow with the corpus), and handed
//! back in input order.

use std::ops::ControlFlow;

use rayon::prelude::*;

use crate::article::{Article, ArticleStream, LoadError};
use crate::detect::{analyze_with, Analysis, AnalyzeOptions};
use crate::lexicon::Lexicon;

/// Most articles analysed at once.
const BATCH_ARTICLES: usize = 256;
/// Most article bytes held at once (a single larger article is still read alone).
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
pub fn for_each_analysis_with(
    stream: ArticleStream,
    lexicon: &Lexicon,
    options: AnalyzeOptions,
    mut each: impl FnMut(Analyzed) -> ControlFlow<()>,
) {
    let mut stream = stream.peekable();
    loop {
        let mut batch: Vec<Result<Article, LoadError>> = Vec::new();
        let mut bytes = 0;
        while batch.len() < BATCH_ARTICLES && (bytes < BATCH_BYTES || batch.is_empty()) {
            let Some(item) = stream.next() else { break };
            if let Ok(a) = &item {
                bytes += a.body.len();
            }
            batch.push(item);
        }
        if batch.is_empty() {
            return;
        }
        let results: Vec<Analyzed> = batch
            .into_par_iter()
            .map(|item| {
                item.map(|article| {
                    let analysis = analyze_with(&article, lexicon, options);
                    (article, analysis)
                })
            })
            .collect();
        for r in results {
            if each(r).is_break() {
                return;
            }
        }
    }
}
