//! Front matter: a block of `key: value` lines between `---` lines at the top of a
//! text or Markdown file. Only flat string keys are read; unknown keys (a blog's
//! `layout`, `tags`) are ignored so files from other tools load as they are.

use super::{parse_date, LoadError, Metadata};

/// Splits `text` into its front matter metadata and the body offset. Without front
/// matter the body starts at 0 and nothing is set.
pub fn split(text: &str, source: &str) -> Result<(Metadata, usize), LoadError> {
    let mut meta = Metadata::default();
    let first_line_end = text.find('\n').unwrap_or(text.len());
    if text.get(..first_line_end).map(str::trim_end) != Some("---") {
        return Ok((meta, 0));
    }
    let mut pos = first_line_end + 1;
    let mut line_no = 1;
    loop {
        line_no += 1;
        if pos >= text.len() {
            return Err(LoadError::new(
                source,
                Some(1),
                "front matter opened with `---` is never closed",
            ));
        }
        let end = text
            .get(pos..)
            .and_then(|t| t.find('\n'))
            .map_or(text.len(), |i| pos + i);
        let line = text.get(pos..end).unwrap_or("").trim_end_matches('\r');
        let next = (end + 1).min(text.len());
        if line.trim_end() == "---" || line.trim_end() == "..." {
            return Ok((meta, next));
        }
        let trimmed = line.trim();
        if !trimmed.is_empty() && !trimmed.starts_with('#') && !line.starts_with([' ', '\t', '-']) {
            let Some((key, value)) = trimmed.split_once(':') else {
                return Err(LoadError::new(
                    source,
                    Some(line_no),
                    format!("front matter line is not `key: value`: {trimmed:?}"),
                ));
            };
            let value = unquote(value.trim());
            let slot = match key.trim() {
                "outlet" => Some(&mut meta.outlet),
                "title" => Some(&mut meta.title),
                "url" => Some(&mut meta.url),
                "event" => Some(&mut meta.event),
                "author" => Some(&mut meta.author),
                "lang" => Some(&mut meta.lang),
                "id" => {
                    if !value.is_empty() {
                        meta.id = value.clone();
                    }
                    None
                }
                "date" => {
                    if !value.is_empty() {
                        let Some(date) = parse_date(&value) else {
                            return Err(LoadError::new(
                                source,
                                Some(line_no),
                                format!("date {value:?} is not a date; write it as YYYY-MM-DD"),
                            ));
                        };
                        meta.date = Some(date);
                    }
                    None
                }
                _ => None,
            };
            if let Some(slot) = slot {
                *slot = (!value.is_empty()).then_some(value);
            }
        }
        pos = next;
    }
}

fn unquote(value: &str) -> String {
    let stripped = value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')));
    match stripped {
        Some(inner) if value.starts_with('"') => inner.replace("\\\"", "\"").replace("\\\\", "\\"),
        Some(inner) => inner.replace("''", "'"),
        None => value.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_front_matter_and_body_offset() {
        let text = "---\noutlet: Meridian Wire\ntitle: \"Talks: a \\\"deal\\\"\"\ndate: 2025-03-11\nlayout: post\n---\nBody here.\n";
        let (meta, offset) = split(text, "a.md").unwrap_or_default();
        assert_eq!(meta.outlet.as_deref(), Some("Meridian Wire"));
        assert_eq!(meta.title.as_deref(), Some("Talks: a \"deal\""));
        assert_eq!(meta.date.as_deref(), Some("2025-03-11"));
        assert_eq!(&text[offset..], "Body here.\n");
    }

    #[test]
    fn no_front_matter_means_whole_text() {
        let (meta, offset) = split("Just text\n---\n", "a.txt").unwrap_or_default();
        assert_eq!(offset, 0);
        assert_eq!(meta, Metadata::default());
    }

    #[test]
    fn errors_name_the_line() {
        let err = split("---\ntitle: x\ndate: someday\n---\n", "a.md").err();
        assert_eq!(
            err.map(|e| e.to_string()).as_deref(),
            Some("a.md:3: date \"someday\" is not a date; write it as YYYY-MM-DD")
        );
        let err = split("---\ntitle: x\n", "b.md")
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some("b.md:1: front matter opened with `---` is never closed")
        );
    }
}
