//! Errors of lexicon loading: one line naming the file, line and column, what is
//! wrong, and what to do about it.

use std::fmt;

/// A lexicon pack was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconError {
    /// The file the error is in, as the user named it (or `<default>/NAME` for the
    /// embedded pack).
    pub file: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    /// What is wrong.
    pub message: String,
    /// What to do about it, when there is something to suggest.
    pub hint: Option<String>,
}

impl LexiconError {
    pub(crate) fn new(file: &str, message: impl Into<String>) -> Self {
        LexiconError {
            file: file.to_string(),
            line: None,
            column: None,
            message: message.into(),
            hint: None,
        }
    }

    pub(crate) fn at(mut self, position: Option<(usize, usize)>) -> Self {
        if let Some((line, column)) = position {
            self.line = Some(line);
            self.column = Some(column);
        }
        self
    }

    pub(crate) fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for LexiconError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": {}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, " ({hint})")?;
        }
        Ok(())
    }
}

impl std::error::Error for LexiconError {}

/// The candidate closest to `word`, when one is close enough to be a likely typo.
pub(crate) fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score >= 0.75)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| format!("did you mean `{c}`?"))
}

/// The 1-based line and column of the `nth` (0-based) occurrence of `needle` in `source`.
pub(crate) fn locate(source: &str, needle: &str, nth: usize) -> Option<(usize, usize)> {
    if needle.is_empty() {
        return None;
    }
    let offset = source.match_indices(needle).nth(nth)?.0;
    let before = source.get(..offset)?;
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = source.get(line_start..offset)?.chars().count() + 1;
    Some((line, column))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_words_only() {
        assert_eq!(
            did_you_mean("term", ["terms", "patterns", "id"]),
            Some("did you mean `terms`?".to_string())
        );
        assert_eq!(did_you_mean("zzz", ["terms", "patterns"]), None);
    }

    #[test]
    fn locates_occurrences() {
        let src = "a: 1\nid: x.y\nid: x.y\n";
        assert_eq!(locate(src, "x.y", 0), Some((2, 5)));
        assert_eq!(locate(src, "x.y", 1), Some((3, 5)));
        assert_eq!(locate(src, "nope", 0), None);
    }

    #[test]
    fn displays_position_and_hint() {
        let e = LexiconError::new("p/doubt.yaml", "unknown key `term`")
            .at(Some((4, 5)))
            .hint("did you mean `terms`?");
        assert_eq!(
            e.to_string(),
            "p/doubt.yaml:4:5: unknown key `term` (did you mean `terms`?)"
        );
    }
}
