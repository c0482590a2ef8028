//! JSON and JSON Lines. The JSON Lines record of `scan` is the contract in DESIGN.md:
//! fields may be added, never renamed or removed.

use std::io::{self, Write};

use serde::Serialize;

use super::ScanRenderer;
use crate::detect::Analysis;
use crate::score::compare::{
    ColumnInfo, Comparison, Framing, GroupBy, Naming, Quotes, Section, Sourcing, Wording,
};
use crate::score::profile::ProfileReport;

/// `scan --format jsonl`: one object per article.
#[derive(Default)]
pub struct ScanJsonl {
    record: RecordBuffer,
}

impl ScanRenderer for ScanJsonl {
    fn article(&mut self, out: &mut dyn Write, analysis: &Analysis) -> io::Result<()> {
        self.record.write(out, analysis, RecordStyle::Line)
    }

    fn finish(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}

/// `scan --format json`: one array of the same objects.
#[derive(Default)]
pub struct ScanJson {
    count: usize,
    record: RecordBuffer,
}

impl ScanRenderer for ScanJson {
    fn article(&mut self, out: &mut dyn Write, analysis: &Analysis) -> io::Result<()> {
        let separator: &'static [u8] = if self.count == 0 { b"[\n" } else { b",\n" };
        self.count += 1;
        self.record
            .write(out, analysis, RecordStyle::Pretty { separator })
    }

    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(if self.count == 0 { b"[]\n" } else { b"\n]\n" })
    }
}

/// How one article's record is written.
#[derive(Clone, Copy)]
enum RecordStyle {
    /// On one line, ended by a line break.
    Line,
    /// Indented, after `separator`.
    Pretty { separator: &'static [u8] },
}

/// One article's record, serialized into memory and written at once: the serializer
/// makes a write for every token, and each would otherwise go through the output's
/// dynamic writer. The record of an enormous article goes straight to the output
/// instead, so that it is never held in memory twice.
#[derive(Default)]
struct RecordBuffer(Vec<u8>);

/// Findings, quotations and mentions above which a record is not buffered.
const BUFFERED_ITEMS: usize = 4096;

impl RecordBuffer {
    fn write(
        &mut self,
        out: &mut dyn Write,
        analysis: &Analysis,
        style: RecordStyle,
    ) -> io::Result<()> {
        let items = analysis.findings.len() + analysis.quotes.len() + analysis.mentions.len();
        if items > BUFFERED_ITEMS {
            return emit_record(out, analysis, style);
        }
        self.0.clear();
        emit_record(&mut self.0, analysis, style)?;
        out.write_all(&self.0)
    }
}

fn emit_record<W: Write + ?Sized>(
    w: &mut W,
    analysis: &Analysis,
    style: RecordStyle,
) -> io::Result<()> {
    match style {
        RecordStyle::Line => {
            serde_json::to_writer(&mut *w, analysis)?;
            w.write_all(b"\n")
        }
        RecordStyle::Pretty { separator } => {
            w.write_all(separator)?;
            Ok(serde_json::to_writer_pretty(&mut *w, analysis)?)
        }
    }
}

/// The version tag of `compare --format json`.
pub const COMPARE_FORMAT: &str = "framescope-compare/1";

#[derive(Serialize)]
struct CompareOut<'a> {
    format: &'static str,
    by: GroupBy,
    columns: &'a std::collections::BTreeMap<String, ColumnInfo>,
    events: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    framing: Option<&'a Framing>,
    #[serde(skip_serializing_if = "Option::is_none")]
    naming: Option<&'a Naming>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sourcing: Option<&'a Sourcing>,
    #[serde(skip_serializing_if = "Option::is_none")]
    quotes: Option<&'a Quotes>,
    #[serde(skip_serializing_if = "Option::is_none")]
    wording: Option<&'a Wording>,
}

/// `compare --format json`: the comparison, with only the chosen sections.
pub fn write_comparison(
    out: &mut dyn Write,
    c: &Comparison,
    sections: &[Section],
) -> io::Result<()> {
    let has = |s: Section| sections.contains(&s);
    let doc = CompareOut {
        format: COMPARE_FORMAT,
        by: c.by,
        columns: &c.columns,
        events: &c.events,
        framing: has(Section::Framing).then_some(&c.framing),
        naming: has(Section::Naming).then_some(&c.naming),
        sourcing: has(Section::Sourcing).then_some(&c.sourcing),
        quotes: has(Section::Quotes).then_some(&c.quotes),
        wording: has(Section::Wording).then_some(&c.wording),
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    out.write_all(b"\n")
}

/// `profile --format json`: the mergeable partial (see [`ProfileReport::to_json`]).
/// Objects are indented; an array gets one element per line, and whatever is inside
/// an array stays on that line, so a corpus's per-article rows are one short line each
/// rather than a dozen.
pub fn write_profile(out: &mut dyn Write, r: &ProfileReport<'_>) -> io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(&mut *out, Layout::default());
    r.to_json().serialize(&mut ser)?;
    out.write_all(b"\n")
}

/// The serde_json formatter behind [`write_profile`].
#[derive(Default)]
struct Layout {
    /// Open containers: (laid out on several lines, has an element yet).
    stack: Vec<(bool, bool)>,
    /// Whether each open container is an array.
    arrays: Vec<bool>,
}

impl Layout {
    fn inside_array(&self) -> bool {
        self.arrays.iter().any(|a| *a)
    }

    fn depth(&self) -> usize {
        self.stack.iter().filter(|(multi, _)| *multi).count()
    }

    fn newline<W: ?Sized + Write>(&self, w: &mut W) -> io::Result<()> {
        w.write_all(b"\n")?;
        for _ in 0..self.depth() {
            w.write_all(b"  ")?;
        }
        Ok(())
    }

    fn open<W: ?Sized + Write>(&mut self, w: &mut W, array: bool, mark: &[u8]) -> io::Result<()> {
        let multi = !self.inside_array();
        self.stack.push((multi, false));
        self.arrays.push(array);
        w.write_all(mark)
    }

    fn close<W: ?Sized + Write>(&mut self, w: &mut W, mark: &[u8]) -> io::Result<()> {
        let (multi, has) = self.stack.pop().unwrap_or((false, false));
        self.arrays.pop();
        if multi && has {
            self.newline(w)?;
        }
        w.write_all(mark)
    }

    fn element<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        if !first {
            w.write_all(b",")?;
        }
        let multi = match self.stack.last_mut() {
            Some(top) => {
                top.1 = true;
                top.0
            }
            None => false,
        };
        if multi {
            self.newline(w)?;
        }
        Ok(())
    }
}

impl serde_json::ser::Formatter for Layout {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, true, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.element(w, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, false, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.element(w, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(if self.inside_array() { b":" } else { b": " })
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Records of small articles are buffered, of enormous ones streamed: the bytes are
    /// the serializer's either way.
    #[test]
    fn buffered_and_streamed_records_are_the_same_bytes() {
        let lexicon = crate::Lexicon::default_pack().unwrap_or_else(|e| panic!("{e}"));
        for repeats in [1, BUFFERED_ITEMS + 1] {
            let article = crate::Article {
                meta: crate::Metadata::default(),
                body: "The regime slammed the so-called reforms. ".repeat(repeats),
            };
            let analysis = crate::analyze(&article, &lexicon);
            let mut line = Vec::new();
            let mut array = Vec::new();
            for _ in 0..2 {
                assert!(ScanJsonl::default().article(&mut line, &analysis).is_ok());
            }
            let mut renderer = ScanJson::default();
            assert!(renderer.article(&mut array, &analysis).is_ok());
            assert!(renderer.finish(&mut array).is_ok());
            let record = serde_json::to_string(&analysis).unwrap_or_default();
            assert_eq!(
                String::from_utf8_lossy(&line),
                format!("{record}\n{record}\n")
            );
            let pretty = serde_json::to_string_pretty(&analysis).unwrap_or_default();
            assert_eq!(String::from_utf8_lossy(&array), format!("[\n{pretty}\n]\n"));
            assert_eq!(
                analysis.findings.len() > BUFFERED_ITEMS,
                repeats > 1,
                "{} findings",
                analysis.findings.len()
            );
        }
    }

    #[test]
    fn layout_puts_array_elements_on_lines_and_keeps_their_insides_compact() {
        let value =
            serde_json::json!({"a": {"b": [[1, 2], [3]], "c": []}, "d": [{"e": 1, "f": [2]}]});
        let mut out = Vec::new();
        let mut ser = serde_json::Serializer::with_formatter(&mut out, Layout::default());
        assert!(value.serialize(&mut ser).is_ok());
        assert_eq!(
            String::from_utf8_lossy(&out),
            "{\n  \"a\": {\n    \"b\": [\n      [1,2],\n      [3]\n    ],\n    \"c\": []\n  },\n  \"d\": [\n    {\"e\":1,\"f\":[2]}\n  ]\n}"
        );
    }
}
