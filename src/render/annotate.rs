//! One article in the terminal with its findings marked inline, and a legend.
//!
//! With colour (stdout a terminal, `NO_COLOR` unset), each finding is underlined in its
//! category's colour. Without, a plain marker follows each finding —
//! `alleged [doubt: alleged]` — so the output reads in a pipe, a file or a diff. Article
//! text is stripped of control characters either way: it must not be able to drive the
//! user's terminal.

use std::collections::BTreeMap;
use std::io::{self, Write};

use crate::article::Article;
use crate::detect::Analysis;
use crate::lexicon::Lexicon;
use crate::text::{ceil_char_boundary, floor_char_boundary, strip_control};

/// ANSI foreground colours, one per category, cycled.
const COLOURS: [&str; 10] = ["31", "34", "33", "32", "35", "36", "91", "94", "93", "92"];
const RESET: &str = "\x1b[0m";

/// Whether to colour: only on a terminal, and never when `NO_COLOR` is set to anything
/// but the empty string (<https://no-color.org>).
pub fn use_colour(stdout_is_terminal: bool, no_color: Option<&std::ffi::OsStr>) -> bool {
    stdout_is_terminal && no_color.is_none_or(|v| v.is_empty())
}

fn sgr(colour: &str) -> String {
    format!("\x1b[4;{colour}m")
}

fn clean(s: &str) -> String {
    strip_control(s).into_owned()
}

/// Writes `article` with its findings marked, then a legend of the categories found
/// and the explanation of every rule that matched.
pub fn write_annotated(
    out: &mut dyn Write,
    article: &Article,
    analysis: &Analysis,
    lexicon: &Lexicon,
    colour: bool,
) -> io::Result<()> {
    let body = article.body.as_str();
    let cat_index = |name: &str| {
        lexicon
            .categories()
            .iter()
            .position(|c| c.name == name)
            .unwrap_or(lexicon.categories().len())
    };
    let colour_of = |name: &str| COLOURS[cat_index(name) % COLOURS.len()];

    // Heading.
    let title = analysis
        .meta
        .title
        .as_deref()
        .unwrap_or(analysis.meta.id.as_str());
    let bold = |s: &str| {
        if colour {
            format!("\x1b[1m{s}{RESET}")
        } else {
            s.to_string()
        }
    };
    writeln!(out, "{}", bold(&clean(title)))?;
    let mut meta = vec![clean(article.outlet_name())];
    meta.extend(analysis.meta.date.as_deref().map(clean));
    meta.push(clean(&analysis.meta.id));
    writeln!(out, "{}", meta.join(" · "))?;
    let n = analysis.findings.len();
    writeln!(
        out,
        "{n} device{} found in {} words.",
        if n == 1 { "" } else { "s" },
        analysis.words
    )?;
    writeln!(out)?;

    // Findings as (start, end, index), outer first at a shared start.
    let mut spans: Vec<(usize, usize, usize)> = analysis
        .findings
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let s = floor_char_boundary(body, f.start.min(body.len()));
            let e = ceil_char_boundary(body, f.end.min(body.len())).max(s);
            (s, e, i)
        })
        .collect();
    spans.sort_by_key(|s| (s.0, std::cmp::Reverse(s.1), s.2));
    let mut points: Vec<usize> = spans.iter().flat_map(|s| [s.0, s.1]).collect();
    points.push(body.len());
    points.sort_unstable();
    points.dedup();

    let mut text = String::with_capacity(body.len() + n * 24);
    let mut active: Vec<(usize, usize, usize)> = Vec::new();
    let mut next = 0; // next span to open
    let mut pos = 0;
    for p in points {
        // Open the spans starting at or before `pos`.
        while let Some(s) = spans.get(next).filter(|s| s.0 <= pos) {
            active.push(*s);
            next += 1;
        }
        if p > pos {
            let segment = body.get(pos..p).unwrap_or("");
            // The innermost active span (latest start, then earliest end) sets the colour.
            let inner = active
                .iter()
                .filter(|s| s.1 > pos)
                .max_by_key(|s| (s.0, std::cmp::Reverse(s.1)));
            match (colour, inner) {
                (true, Some(s)) => {
                    let cat = analysis
                        .findings
                        .get(s.2)
                        .map_or("", |f| f.category.as_ref());
                    text.push_str(&sgr(colour_of(cat)));
                    text.push_str(&clean(segment));
                    text.push_str(RESET);
                }
                _ => text.push_str(&clean(segment)),
            }
            pos = p;
        }
        // Spans opening at `p` with nothing in them (empty) must still be closed here.
        while let Some(s) = spans.get(next).filter(|s| s.0 <= pos) {
            active.push(*s);
            next += 1;
        }
        // Close the spans ending here, innermost first.
        let mut ending: Vec<(usize, usize, usize)> =
            active.iter().filter(|s| s.1 <= pos).copied().collect();
        active.retain(|s| s.1 > pos);
        ending.sort_by_key(|s| (std::cmp::Reverse(s.0), s.2));
        if !colour {
            for s in ending {
                if let Some(f) = analysis.findings.get(s.2) {
                    let name = f.rule.split_once('.').map_or(f.rule.as_ref(), |(_, n)| n);
                    text.push_str(&format!(" [{}: {}]", clean(&f.category), clean(name)));
                }
            }
        }
    }
    writeln!(out, "{}", text.trim_end())?;
    writeln!(out)?;

    // Legend: categories found, in lexicon order, then the rules with their
    // explanations.
    let mut per_cat: BTreeMap<usize, (String, usize)> = BTreeMap::new();
    let mut per_rule: BTreeMap<(usize, String), usize> = BTreeMap::new();
    for f in &analysis.findings {
        let i = cat_index(&f.category);
        per_cat
            .entry(i)
            .or_insert_with(|| (f.category.to_string(), 0))
            .1 += 1;
        *per_rule.entry((i, f.rule.to_string())).or_insert(0) += 1;
    }
    if per_cat.is_empty() {
        writeln!(out, "No framing devices found.")?;
        return Ok(());
    }
    writeln!(out, "{}", bold("Legend"))?;
    for (name, count) in per_cat.values() {
        let title = lexicon
            .category(name)
            .map_or(name.as_str(), |c| c.title.as_str());
        let key = if colour {
            format!("{}{}{RESET}", sgr(colour_of(name)), clean(name))
        } else {
            format!("[{}: …]", clean(name))
        };
        writeln!(out, "  {key}  {} ×{count}", clean(title))?;
    }
    writeln!(out)?;
    writeln!(out, "{}", bold("What each device does"))?;
    for ((_, rule), count) in &per_rule {
        let explain = lexicon.rule(rule).map_or("", |r| r.explain.trim());
        let explain = explain.split_whitespace().collect::<Vec<_>>().join(" ");
        writeln!(out, "  {} ×{count}: {}", clean(rule), clean(&explain))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsStr;

    #[test]
    fn colour_only_on_a_terminal_without_no_color() {
        assert!(use_colour(true, None));
        assert!(use_colour(true, Some(OsStr::new(""))));
        assert!(!use_colour(true, Some(OsStr::new("1"))));
        assert!(!use_colour(false, None));
    }

    fn render(text: &str, colour: bool) -> String {
        let Ok(lex) = Lexicon::default_pack() else {
            panic!("pack")
        };
        let a = Article::from_text(text);
        let analysis = crate::analyze(&a, &lex);
        let mut out = Vec::new();
        assert!(write_annotated(&mut out, &a, &analysis, &lex, colour).is_ok());
        String::from_utf8_lossy(&out).into_owned()
    }

    #[test]
    fn plain_markers_follow_the_words() {
        let out = render("The alleged attack\x1b[2J happened.", false);
        assert!(out.contains("alleged [doubt: alleged] attack"), "{out}");
        assert!(!out.contains('\x1b'), "{out:?}");
    }

    #[test]
    fn colour_uses_ansi_and_no_markers() {
        let out = render("The alleged attack happened.", true);
        assert!(out.contains("\x1b[4;"), "{out:?}");
        assert!(!out.contains("[doubt: alleged]"), "{out:?}");
        // Article text cannot inject its own escapes.
        let out = render("Evil \x1b]0;title\x07 text, alleged.", true);
        assert!(!out.contains("\x1b]"), "{out:?}");
    }
}
