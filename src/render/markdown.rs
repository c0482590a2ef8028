//! Markdown output: a heading per article and a table of its findings.

use std::io::{self, Write};

use super::grid::Grid;
use super::ScanRenderer;
use crate::detect::{Analysis, QuoteKind};

/// Escapes text for a Markdown table cell.
pub fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in crate::text::strip_control(text).chars() {
        match c {
            '|' => out.push_str("\\|"),
            '\n' | '\r' => out.push(' '),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '*' | '_' | '`' | '[' | ']' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// A one-line description of an article: title, outlet, date, words.
pub fn article_heading(a: &Analysis) -> String {
    let title = a.meta.title.as_deref().unwrap_or(&a.meta.id);
    let mut parts = vec![a
        .meta
        .outlet
        .clone()
        .unwrap_or_else(|| "unknown outlet".into())];
    if let Some(d) = &a.meta.date {
        parts.push(d.clone());
    }
    parts.push(format!("{} words", a.words));
    format!("{} ({})", title, parts.join(", "))
}

/// `quotes: 3 direct, 1 partial, 2 scare`.
pub fn quote_summary(a: &Analysis) -> String {
    let count = |k: QuoteKind| a.quotes.iter().filter(|q| q.kind == k).count();
    format!(
        "{} direct, {} partial, {} scare",
        count(QuoteKind::Direct),
        count(QuoteKind::Partial),
        count(QuoteKind::Scare)
    )
}

/// `scan --format md`.
pub struct ScanMarkdown;

impl ScanRenderer for ScanMarkdown {
    fn article(&mut self, out: &mut dyn Write, a: &Analysis) -> io::Result<()> {
        writeln!(out, "## {}\n", cell(&article_heading(a)))?;
        writeln!(out, "Quotations: {}.\n", quote_summary(a))?;
        if a.findings.is_empty() {
            return writeln!(out, "No framing devices found.\n");
        }
        writeln!(out, "| Line | Category | Rule | Voice | Text |")?;
        writeln!(out, "|---:|---|---|---|---|")?;
        for f in &a.findings {
            writeln!(
                out,
                "| {}:{} | {} | {} | {} | {} |",
                f.line,
                f.column,
                cell(&f.category),
                cell(&f.rule),
                f.voice.as_str(),
                cell(&f.text)
            )?;
        }
        writeln!(out)
    }

    fn finish(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}

/// Writes laid-out grids as Markdown: the intro lines as a paragraph, then per grid a
/// heading, a table (when it has rows; a cell's lines are joined with `<br>`) and its
/// notes.
pub fn write_grids(out: &mut dyn Write, intro: &[String], grids: &[Grid]) -> io::Result<()> {
    if !intro.is_empty() {
        let intro: Vec<String> = intro.iter().map(|l| cell(l)).collect();
        writeln!(out, "{}\n", intro.join(" "))?;
    }
    for g in grids {
        writeln!(out, "## {}\n", cell(&g.title))?;
        if !g.rows.is_empty() {
            let header: Vec<String> = g.header.iter().map(|h| cell(h)).collect();
            writeln!(out, "| {} |", header.join(" | "))?;
            writeln!(out, "|{}", "---|".repeat(g.header.len()))?;
            for row in &g.rows {
                let cells: Vec<String> = row
                    .iter()
                    .map(|lines| {
                        lines
                            .iter()
                            .map(|l| cell(l))
                            .collect::<Vec<_>>()
                            .join("<br>")
                    })
                    .collect();
                writeln!(out, "| {} |", cells.join(" | "))?;
            }
            writeln!(out)?;
        }
        for n in &g.notes {
            writeln!(out, "{}\n", cell(n))?;
        }
    }
    Ok(())
}
