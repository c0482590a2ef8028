//! JSON and JSON Lines. The JSON Lines record of `scan` is the contract in DESIGN.md:
//! fields may be added, never renamed or removed.

use std::io::{self, Write};

use super::ScanRenderer;
use crate::detect::Analysis;

/// `scan --format jsonl`: one object per article.
pub struct ScanJsonl;

impl ScanRenderer for ScanJsonl {
    fn article(&mut self, out: &mut dyn Write, analysis: &Analysis) -> io::Result<()> {
        serde_json::to_writer(&mut *out, analysis)?;
        out.write_all(b"\n")
    }

    fn finish(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}

/// `scan --format json`: one array of the same objects.
#[derive(Default)]
pub struct ScanJson {
    count: usize,
}

impl ScanRenderer for ScanJson {
    fn article(&mut self, out: &mut dyn Write, analysis: &Analysis) -> io::Result<()> {
        out.write_all(if self.count == 0 { b"[\n" } else { b",\n" })?;
        self.count += 1;
        serde_json::to_writer_pretty(&mut *out, analysis)?;
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(if self.count == 0 { b"[]\n" } else { b"\n]\n" })
    }
}
