//! Page furniture: lines that match the lexicon's boilerplate patterns are skipped for
//! scoring, never removed, so offsets into the text stay exact.

use std::ops::Range;

use crate::lexicon::Lexicon;

/// The byte ranges of whole lines (without their line break) that are boilerplate,
/// sorted and disjoint.
pub fn skipped_regions(body: &str, lexicon: &Lexicon) -> Vec<Range<usize>> {
    let Some(re) = &lexicon.matchers.boilerplate else {
        return Vec::new();
    };
    let mut regions: Vec<Range<usize>> = Vec::new();
    for m in re.find_iter(body) {
        // A pattern that can match nothing (`^`) would otherwise skip every line.
        if m.as_str().trim().is_empty() {
            continue;
        }
        // `\s` can match line breaks: the region starts on the line of the first
        // visible character of the match.
        let first_visible = m.start() + (m.as_str().len() - m.as_str().trim_start().len());
        let start = body
            .get(..first_visible)
            .and_then(|b| b.rfind('\n'))
            .map_or(0, |i| i + 1);
        let end = body
            .get(m.end()..)
            .and_then(|a| a.find('\n'))
            .map_or(body.len(), |i| m.end() + i);
        match regions.last_mut() {
            Some(last) if last.end >= start => last.end = last.end.max(end),
            _ => regions.push(start..end),
        }
    }
    regions
}
