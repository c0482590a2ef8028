//! Renderers: one module per output format. They consume `Analysis` values (and the
//! aggregates built from them) and never look at article text beyond the spans the
//! analysis carries.

pub mod annotate;
pub mod csv;
pub mod grid;
pub mod html;
pub mod json;
pub mod markdown;
pub mod narrative;
pub mod table;

use std::io::{self, Write};

use crate::detect::Analysis;

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// A table for the terminal.
    #[default]
    Table,
    /// One JSON document.
    Json,
    /// One JSON object per line.
    Jsonl,
    /// Comma-separated values.
    Csv,
    /// Markdown.
    Md,
}

/// Renders the findings of a scan, one article at a time, so output streams.
pub trait ScanRenderer {
    /// Writes one article's analysis.
    fn article(&mut self, out: &mut dyn Write, analysis: &Analysis) -> io::Result<()>;
    /// Writes whatever closes the document.
    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()>;
}

/// The scan renderer for `format`.
pub fn scan_renderer(format: Format) -> Box<dyn ScanRenderer> {
    match format {
        Format::Table => Box::new(table::ScanTable::default()),
        Format::Json => Box::new(json::ScanJson::default()),
        Format::Jsonl => Box::new(json::ScanJsonl::default()),
        Format::Csv => Box::new(csv::ScanCsv::default()),
        Format::Md => Box::new(markdown::ScanMarkdown),
    }
}
