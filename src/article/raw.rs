//! Metadata from a raw pasted page: the date line and the headline that sit above the
//! first paragraph. The lines stay in the body; only the metadata is read from them.

use super::{parse_date, Metadata};

/// Looks at the lines above the first paragraph for a date line and a headline, and
/// fills whichever of `meta.date` and `meta.title` is not set.
pub fn fill_from_lines(body: &str, meta: &mut Metadata) {
    let mut candidates: Vec<&str> = Vec::new();
    let mut date = None;
    for line in body
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(12)
    {
        let words = line.split_whitespace().count();
        // Navigation junk is long too, but has no sentences.
        let has_sentence = line.contains(['.', '!', '?']);
        let is_paragraph = (words >= 25 && has_sentence)
            || (line.ends_with(['.', '!', '?', '"', '”']) && words >= 10);
        if is_paragraph {
            break;
        }
        if let Some(d) = parse_date(line) {
            date.get_or_insert(d);
            continue;
        }
        let looks_like_headline = (3..=25).contains(&words)
            && !line.ends_with('.')
            && !line.to_lowercase().starts_with("by ")
            && line.chars().any(char::is_lowercase);
        if looks_like_headline {
            candidates.push(line);
        }
    }
    if meta.date.is_none() {
        meta.date = date;
    }
    if meta.title.is_none() {
        meta.title = candidates.last().map(|s| s.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_date_and_headline_above_the_body() {
        let body = "icon bookmark icon camera icon check icon chevron down icon chevron left icon chevron right icon close icon download icon edit icon expand icon file icon filter icon flag\nHome News World Sport Menu\n12 Mar, 2025 09:15\n\nCurfew extended after night of unrest\n\nThe city council extended the curfew on Tuesday after a second night of clashes between protesters and police.\n";
        let mut meta = Metadata::default();
        fill_from_lines(body, &mut meta);
        assert_eq!(meta.date.as_deref(), Some("2025-03-12"));
        assert_eq!(
            meta.title.as_deref(),
            Some("Curfew extended after night of unrest")
        );
    }

    #[test]
    fn keeps_given_metadata() {
        let mut meta = Metadata {
            title: Some("Given".into()),
            ..Metadata::default()
        };
        fill_from_lines("Another headline here\n\nBody text that is long enough to be a paragraph of the article itself.", &mut meta);
        assert_eq!(meta.title.as_deref(), Some("Given"));
    }
}
