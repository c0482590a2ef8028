//! CSV output. Cells that a spreadsheet would run as a formula (starting with `=`,
//! `+`, `-`, `@`, tab or carriage return) are prefixed with `'`.

use std::io::{self, Write};

use super::ScanRenderer;
use crate::detect::Analysis;

/// Neutralizes a cell a spreadsheet would otherwise execute.
pub fn safe_cell(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// Writes one CSV record with every cell neutralized.
pub fn write_row<I, S>(out: &mut dyn Write, cells: I) -> io::Result<()>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut w = ::csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(Vec::new());
    let cells: Vec<String> = cells
        .into_iter()
        .map(|c| safe_cell(c.as_ref()).into_owned())
        .collect();
    w.write_record(&cells).map_err(io::Error::other)?;
    let bytes = w
        .into_inner()
        .map_err(|e| io::Error::other(e.to_string()))?;
    out.write_all(&bytes)
}

/// `scan --format csv`: one row per finding.
#[derive(Default)]
pub struct ScanCsv {
    header_written: bool,
}

const HEADER: [&str; 14] = [
    "id", "outlet", "title", "date", "event", "rule", "category", "voice", "start", "end", "line",
    "column", "text", "weight",
];

impl ScanRenderer for ScanCsv {
    fn article(&mut self, out: &mut dyn Write, a: &Analysis) -> io::Result<()> {
        if !self.header_written {
            write_row(out, HEADER)?;
            self.header_written = true;
        }
        let m = &a.meta;
        let opt = |o: &Option<String>| o.clone().unwrap_or_default();
        for f in &a.findings {
            write_row(
                out,
                [
                    m.id.clone(),
                    opt(&m.outlet),
                    opt(&m.title),
                    opt(&m.date),
                    opt(&m.event),
                    f.rule.to_string(),
                    f.category.to_string(),
                    f.voice.as_str().to_string(),
                    f.start.to_string(),
                    f.end.to_string(),
                    f.line.to_string(),
                    f.column.to_string(),
                    f.text.clone(),
                    f.weight.to_string(),
                ],
            )?;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if !self.header_written {
            write_row(out, HEADER)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralized() {
        assert_eq!(safe_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(safe_cell("+1"), "'+1");
        assert_eq!(safe_cell("-2"), "'-2");
        assert_eq!(safe_cell("@SUM"), "'@SUM");
        assert_eq!(safe_cell("\tx"), "'\tx");
        assert_eq!(safe_cell("plain"), "plain");
    }

    #[test]
    fn rows_are_quoted() {
        let mut out = Vec::new();
        assert!(write_row(&mut out, ["a,b", "say \"hi\"", "=1+1"]).is_ok());
        assert_eq!(
            String::from_utf8_lossy(&out),
            "\"a,b\",\"say \"\"hi\"\"\",'=1+1\n"
        );
    }
}
