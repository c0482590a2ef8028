//! The article model and its loaders: text and Markdown with optional front matter
//! (or a raw pasted page), HTML pages, JSON Lines corpora, directories and stdin.
//! Loaders know nothing of lexicons; they only read.

mod date;
mod frontmatter;
mod html;
mod input;
mod raw;

use serde::Serialize;

pub use date::parse_date;
pub use input::{
    article_from_bytes, parse_record, ArticleStream, InputFormat, LoadLimits,
    DEFAULT_MAX_ARTICLE_BYTES, DEFAULT_MAX_HTML_DEPTH,
};

/// What is known about an article besides its text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Metadata {
    /// Identifier: the JSON Lines `id`, else the file path (and line).
    pub id: String,
    /// The outlet: given, else the host of `url`, else the parent folder name.
    pub outlet: Option<String>,
    /// The headline.
    pub title: Option<String>,
    /// Publication date, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Where the article was published.
    pub url: Option<String>,
    /// The event the article covers, for grouping comparisons.
    pub event: Option<String>,
    /// The byline.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// Language code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
}

/// An article: metadata and the body exactly as read (the file after its front
/// matter, the `text` field of a JSON Lines record, or the text extracted from HTML).
/// Every finding's offsets point into `body`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Article {
    /// Metadata.
    pub meta: Metadata,
    /// The text analysed.
    pub body: String,
}

impl Article {
    /// An article made of `text` alone, with id `text`.
    pub fn from_text(text: &str) -> Article {
        Article {
            meta: Metadata {
                id: "text".to_string(),
                ..Metadata::default()
            },
            body: text.to_string(),
        }
    }

    /// The outlet, or `unknown`.
    pub fn outlet_name(&self) -> &str {
        self.meta.outlet.as_deref().unwrap_or("unknown")
    }
}

/// An input that could not be read as an article. One line, naming the file (and the
/// line, for JSON Lines).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// The file as the user named it (`-` for stdin).
    pub source: String,
    /// 1-based line, when the error has one.
    pub line: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl LoadError {
    pub(crate) fn new(source: &str, line: Option<usize>, message: impl Into<String>) -> Self {
        LoadError {
            source: source.to_string(),
            line,
            message: message.into(),
        }
    }
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.source, line, self.message),
            None => write!(f, "{}: {}", self.source, self.message),
        }
    }
}

impl std::error::Error for LoadError {}

/// The host of a URL without `www.`, if it has one.
pub fn url_host(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?;
    let host = host.split(':').next()?.trim().to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty() && host.contains('.')).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_of_urls() {
        assert_eq!(
            url_host("https://www.example.org/a/b"),
            Some("example.org".into())
        );
        assert_eq!(
            url_host("http://user@news.example.com:8080?x"),
            Some("news.example.com".into())
        );
        assert_eq!(url_host("not a url"), None);
    }
}
