//! CSV output. Cells that a spreadsheet would run as a formula (starting with `=`,
//! `+`, `-`, `@`, tab or carriage return) are prefixed with `'`.

use std::io::{self, Write};

use super::ScanRenderer;
use crate::detect::Analysis;
use crate::score::compare::{Comparison, Section};
use crate::score::per_thousand;
use crate::score::profile::ProfileReport;
use crate::score::tally::ranked;

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

fn num(x: Option<f64>) -> String {
    x.map_or(String::new(), |x| x.to_string())
}

/// The header of `compare --format csv`: one long ("tidy") table for every section, so
/// it loads as one data frame. `table` names the section; `column` the outlet (or
/// article); `row` what is measured; `item`, `detail` and `voice` qualify it; `count`
/// is the count and `value` the rate, share, z-score or state (empty when undefined).
pub const COMPARE_HEADER: [&str; 8] = [
    "table", "column", "row", "item", "detail", "voice", "count", "value",
];

/// `compare --format csv`.
pub fn write_comparison(
    out: &mut dyn Write,
    c: &Comparison,
    sections: &[Section],
) -> io::Result<()> {
    write_row(out, COMPARE_HEADER)?;
    let mut row = |cells: [&str; 8]| write_row(out, cells);
    for (name, col) in &c.columns {
        row(["columns", name, "outlet", &col.outlet, "", "", "", ""])?;
        row([
            "columns",
            name,
            "articles",
            "",
            "",
            "",
            &col.articles.len().to_string(),
            "",
        ])?;
        row([
            "columns",
            name,
            "words",
            "",
            "",
            "",
            &col.words.to_string(),
            "",
        ])?;
    }
    for section in Section::ALL.iter().filter(|s| sections.contains(s)) {
        match section {
            Section::Framing => {
                for (voice, by_column) in
                    [("author", &c.framing.author), ("quoted", &c.framing.quoted)]
                {
                    for (name, v) in by_column {
                        for cat in &c.framing.categories {
                            if let Some(cell) = v.categories.get(cat) {
                                row([
                                    "framing",
                                    name,
                                    cat,
                                    "",
                                    "",
                                    voice,
                                    &cell.count.to_string(),
                                    &num(cell.rate),
                                ])?;
                            }
                        }
                        let w = &v.weighted;
                        row([
                            "framing",
                            name,
                            "weighted_total",
                            "",
                            &w.weight.to_string(),
                            voice,
                            &w.count.to_string(),
                            &num(w.rate),
                        ])?;
                    }
                }
            }
            Section::Naming => {
                for actor in &c.naming.actors {
                    for (name, uses) in &actor.columns {
                        for u in uses {
                            for (voice, n) in [("author", u.author), ("quoted", u.quoted)] {
                                if n > 0 {
                                    row([
                                        "naming",
                                        name,
                                        &actor.id,
                                        &u.label,
                                        u.tone.as_str(),
                                        voice,
                                        &n.to_string(),
                                        "",
                                    ])?;
                                }
                            }
                        }
                    }
                }
            }
            Section::Sourcing => {
                for (name, s) in &c.sourcing.columns {
                    row([
                        "sourcing",
                        name,
                        "quoted_words",
                        "",
                        "",
                        "",
                        &s.quoted_words.to_string(),
                        &num(s.quoted_share),
                    ])?;
                    for (kind, n) in [
                        ("direct", s.quotes.direct),
                        ("partial", s.quotes.partial),
                        ("scare", s.quotes.scare),
                    ] {
                        row(["sourcing", name, kind, "", "", "", &n.to_string(), ""])?;
                    }
                    for sp in &s.speakers {
                        row([
                            "sourcing",
                            name,
                            "speaker",
                            &sp.name,
                            "",
                            "",
                            &sp.count.to_string(),
                            "",
                        ])?;
                    }
                    for cue in &s.cues {
                        row([
                            "sourcing",
                            name,
                            "cue",
                            &cue.name,
                            "",
                            "",
                            &cue.count.to_string(),
                            "",
                        ])?;
                    }
                }
            }
            Section::Quotes => {
                for (i, q) in c.quotes.shared.iter().enumerate() {
                    let n = (i + 1).to_string();
                    let speaker = q.speaker.clone().unwrap_or_default();
                    for name in c.columns.keys() {
                        let (count, state) = match q.quoted_by.get(name) {
                            Some(u) => (u.count, u.kind.as_str()),
                            None => (0, "left_out"),
                        };
                        row([
                            "quotes",
                            name,
                            &n,
                            &q.text,
                            &speaker,
                            "",
                            &count.to_string(),
                            state,
                        ])?;
                    }
                }
            }
            Section::Wording => {
                for (name, terms) in &c.wording.columns {
                    for (i, t) in terms.iter().enumerate() {
                        row([
                            "wording",
                            name,
                            &(i + 1).to_string(),
                            &t.term,
                            "",
                            "author",
                            &t.count.to_string(),
                            &t.z.to_string(),
                        ])?;
                    }
                }
            }
        }
    }
    Ok(())
}

/// The header of `profile --format csv`, one long table: `section` is `totals`, `rate`,
/// `term`, `label` or `attribution`; `name` what is counted; `detail` qualifies it (a
/// term's category, a label's actor, the weighted total's weight); `value` is the
/// pooled rate or share, `mean`/`ci_low`/`ci_high` the article-level mean and its 95%
/// bootstrap interval. Empty cells are undefined (no words).
pub const PROFILE_HEADER: [&str; 11] = [
    "outlet", "section", "name", "detail", "tone", "voice", "count", "value", "mean", "ci_low",
    "ci_high",
];

/// `profile --format csv`.
pub fn write_profile(out: &mut dyn Write, r: &ProfileReport<'_>) -> io::Result<()> {
    write_row(out, PROFILE_HEADER)?;
    let mut row = |cells: [&str; 11]| write_row(out, cells);
    for (name, s) in &r.summaries {
        let Some(p) = r.set.outlets().get(name) else {
            continue;
        };
        for (what, n, value) in [
            ("articles", s.articles, None),
            ("articles_with_words", s.articles_with_words, None),
            ("words", s.words, None),
            ("quoted_words", p.quoted_words, s.quoted_share),
            ("direct_quotes", p.quotes.direct, None),
            ("partial_quotes", p.quotes.partial, None),
            ("scare_quotes", p.quotes.scare, None),
        ] {
            row([
                name,
                "totals",
                what,
                "",
                "",
                "",
                &n.to_string(),
                &num(value),
                "",
                "",
                "",
            ])?;
        }
        let words = usize::try_from(s.words).unwrap_or(usize::MAX);
        for (i, cat) in r.set.categories().iter().enumerate() {
            if let Some(rate) = s.rates.get(cat) {
                row([
                    name,
                    "rate",
                    cat,
                    "",
                    "",
                    "author",
                    &rate.count.to_string(),
                    &num(rate.pooled),
                    &num(rate.mean),
                    &num(rate.ci_low),
                    &num(rate.ci_high),
                ])?;
            }
            let quoted = p.quoted.get(i).copied().unwrap_or(0);
            let pooled = (words > 0).then(|| per_thousand(quoted as f64, words));
            row([
                name,
                "rate",
                cat,
                "",
                "",
                "quoted",
                &quoted.to_string(),
                &num(pooled),
                "",
                "",
                "",
            ])?;
        }
        let w = &s.weighted;
        row([
            name,
            "rate",
            "weighted_total",
            &num(w.weight),
            "",
            "author",
            &w.count.to_string(),
            &num(w.pooled),
            &num(w.mean),
            &num(w.ci_low),
            &num(w.ci_high),
        ])?;
        for t in &s.top_terms {
            row([
                name,
                "term",
                &t.term,
                &t.category,
                "",
                "author",
                &t.count.to_string(),
                "",
                "",
                "",
                "",
            ])?;
        }
        for (actor, labels) in &p.labels {
            for (label, n) in labels {
                for (voice, count) in [("author", n.author), ("quoted", n.quoted)] {
                    if count > 0 {
                        row([
                            name,
                            "label",
                            label,
                            actor,
                            n.tone.as_str(),
                            voice,
                            &count.to_string(),
                            "",
                            "",
                            "",
                            "",
                        ])?;
                    }
                }
            }
        }
        for (cue, n) in ranked(&p.cues) {
            row([
                name,
                "attribution",
                cue,
                "",
                "",
                "",
                &n.to_string(),
                "",
                "",
                "",
                "",
            ])?;
        }
    }
    Ok(())
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
