//! Terminal tables (comfy-table). Article text is stripped of control and escape
//! sequences before it reaches the terminal.

use std::io::{self, Write};

use comfy_table::{presets::UTF8_FULL_CONDENSED, ContentArrangement, Table};

use super::grid::Grid;
use super::markdown::{article_heading, quote_summary};
use super::ScanRenderer;
use crate::detect::Analysis;
use crate::text::strip_control;

/// A table with the project's look.
pub fn new_table(header: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(header.iter().copied());
    if let Some((w, _)) = terminal_width() {
        t.set_width(w);
    } else {
        t.set_width(120);
    }
    t
}

fn terminal_width() -> Option<(u16, u16)> {
    let cols = std::env::var("COLUMNS").ok()?.parse().ok()?;
    Some((cols, 0))
}

/// `scan` on a terminal.
#[derive(Default)]
pub struct ScanTable {
    articles: usize,
}

impl ScanRenderer for ScanTable {
    fn article(&mut self, out: &mut dyn Write, a: &Analysis) -> io::Result<()> {
        if self.articles > 0 {
            writeln!(out)?;
        }
        self.articles += 1;
        writeln!(out, "{}", strip_control(&article_heading(a)))?;
        writeln!(out, "quotations: {}", quote_summary(a))?;
        if a.findings.is_empty() {
            return writeln!(out, "no framing devices found");
        }
        let mut t = new_table(&["line:col", "category", "rule", "voice", "text"]);
        for f in &a.findings {
            t.add_row(vec![
                format!("{}:{}", f.line, f.column),
                f.category.to_string(),
                f.rule.to_string(),
                f.voice.as_str().to_string(),
                strip_control(&f.text).replace('\n', " "),
            ]);
        }
        writeln!(out, "{t}")
    }

    fn finish(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}

/// Draws laid-out grids for a terminal: the intro lines, then each grid's title, its
/// table (when it has rows) and its notes. Article text (outlet names, quotations) is
/// stripped of control sequences.
pub fn write_grids(out: &mut dyn Write, intro: &[String], grids: &[Grid]) -> io::Result<()> {
    for l in intro {
        writeln!(out, "{}", strip_control(l))?;
    }
    for g in grids {
        writeln!(out)?;
        writeln!(out, "{}", strip_control(&g.title))?;
        if !g.rows.is_empty() {
            let header: Vec<String> = g.header.iter().map(|h| one_line(h)).collect();
            let header: Vec<&str> = header.iter().map(String::as_str).collect();
            let mut t = new_table(&header);
            for row in &g.rows {
                t.add_row(row.iter().map(|cell| {
                    cell.iter()
                        .map(|l| one_line(l))
                        .collect::<Vec<_>>()
                        .join("\n")
                }));
            }
            writeln!(out, "{t}")?;
        }
        for n in &g.notes {
            writeln!(out, "{}", one_line(n))?;
        }
    }
    Ok(())
}

fn one_line(text: &str) -> String {
    strip_control(text).replace(['\n', '\t'], " ")
}
