//! framescope finds the framing devices in news articles — loaded terms, hedges and
//! expressions of doubt, scare quotes, contentious labels, loaded verbs of attribution,
//! vague sourcing — explains each one, and compares how outlets framed the same event.
//!
//! The pipeline runs one way:
//!
//! ```text
//! load (article) ─▶ analyze (detect) ─▶ aggregate (score) ─▶ render
//!                        ▲
//!                 Lexicon (compiled once, shared read-only)
//! ```
//!
//! ```
//! use framescope::{analyze, Article, Lexicon};
//!
//! let lexicon = Lexicon::default_pack().unwrap();
//! let article = Article::from_text("The regime's so-called reforms were slammed.");
//! let analysis = analyze(&article, &lexicon);
//! assert!(analysis.findings.iter().any(|f| f.category.as_ref() == "label"));
//! ```

pub mod article;
pub mod detect;
pub mod evaluate;
pub mod lexicon;
pub mod output;
pub mod render;
pub mod score;
pub mod text;

pub use article::{Article, LoadError, Metadata};
pub use detect::{
    analyze, analyze_with, Analysis, AnalyzeOptions, Finding, Quotation, QuoteKind, Voice,
};
pub use lexicon::{Lexicon, LexiconError};
pub use score::compare::{Comparison, ComparisonBuilder};
pub use score::profile::ProfileSet;
pub use score::Scorecard;
pub mod pipeline;
