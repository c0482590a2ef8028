//! An evaluation report as a terminal table, Markdown, CSV (long format: one measure
//! per row) or JSON. Every format is built from the same sections, so they agree.

use std::io::{self, Write};

use super::{Prf, Report};
use crate::render::csv::write_row;
use crate::render::table::new_table;
use crate::text::strip_control;

/// Output formats of an evaluation report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ReportFormat {
    /// Tables for the terminal.
    #[default]
    Table,
    /// One JSON document.
    Json,
    /// Markdown tables.
    Md,
    /// Long-format CSV: `section,row,measure,value`.
    Csv,
}

/// A titled table of the report.
struct Section {
    title: String,
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

fn num(v: Option<f64>) -> String {
    v.map_or_else(String::new, |v| format!("{v:.3}"))
}

fn prf_cells(p: &Prf) -> Vec<String> {
    vec![
        p.gold.to_string(),
        p.gold_matched.to_string(),
        p.findings.to_string(),
        p.findings_matched.to_string(),
        num(p.recall),
        num(p.precision),
        num(p.f1),
    ]
}

const PRF_HEADER: [&str; 7] = [
    "gold spans",
    "found",
    "findings",
    "on gold",
    "recall",
    "precision",
    "F1",
];

fn header(first: &[&str], rest: &[&str]) -> Vec<String> {
    first.iter().chain(rest).map(|s| s.to_string()).collect()
}

fn sections(r: &Report) -> Vec<Section> {
    let mut out = Vec::new();
    if let Some(spans) = &r.spans {
        let mut rows = vec![{
            let mut row = vec!["all".to_string()];
            row.extend(prf_cells(&spans.overall));
            row
        }];
        for l in &spans.labels {
            rows.push(vec![
                format!("label {}", l.label),
                l.gold.to_string(),
                l.matched.to_string(),
                String::new(),
                String::new(),
                num(l.recall),
                String::new(),
                String::new(),
            ]);
        }
        for c in &spans.categories {
            rows.push(vec![
                format!("category {}", c.category),
                String::new(),
                String::new(),
                c.findings.to_string(),
                c.matched.to_string(),
                String::new(),
                num(c.precision),
                String::new(),
            ]);
        }
        out.push(Section {
            title: "Spans (overlap = at least one shared byte)".to_string(),
            header: header(&["spans"], &PRF_HEADER),
            rows,
        });
        let cats: Vec<String> = spans
            .categories
            .iter()
            .map(|c| c.category.clone())
            .collect();
        if !spans.labels.is_empty() && !cats.is_empty() {
            let rows = spans
                .labels
                .iter()
                .map(|l| {
                    let mut row = vec![l.label.clone()];
                    row.extend(cats.iter().map(|c| {
                        let hits = l.by_category.get(c).copied().unwrap_or(0);
                        num(super::metrics::ratio(hits, l.gold))
                    }));
                    row
                })
                .collect();
            let mut h = vec!["gold label".to_string()];
            h.extend(cats.iter().cloned());
            out.push(Section {
                title: "Recall of each gold label by each category".to_string(),
                header: h,
                rows,
            });
        }
    }
    if !r.groups.is_empty() {
        out.push(Section {
            title: "Groups".to_string(),
            header: header(&["group", "gold labels", "categories"], &PRF_HEADER),
            rows: r
                .groups
                .iter()
                .map(|g| {
                    let mut row = vec![
                        g.name.clone(),
                        g.labels.join(" | "),
                        g.categories.join(", "),
                    ];
                    row.extend(prf_cells(&g.measures));
                    row
                })
                .collect(),
        });
    }
    if let Some(s) = &r.sentences {
        let d = &s.decision;
        let row = |k: &str, v: String| vec![k.to_string(), v];
        out.push(Section {
            title: format!(
                "Sentences ({} when a finding of {} is present)",
                s.positive_label,
                s.categories.join(", ")
            ),
            header: header(&["measure", "value"], &[]),
            rows: vec![
                row("sentences", s.sentences.to_string()),
                row("skipped (other labels)", s.skipped.to_string()),
                row("true positive", d.true_positive.to_string()),
                row("false positive", d.false_positive.to_string()),
                row("false negative", d.false_negative.to_string()),
                row("true negative", d.true_negative.to_string()),
                row(&format!("F1 {}", s.positive_label), num(d.f1_positive)),
                row(&format!("F1 {}", s.negative_label), num(d.f1_negative)),
                row("macro-F1", num(d.macro_f1)),
                row("accuracy", num(d.accuracy)),
                row("ROC AUC of summed weights", num(s.roc_auc)),
            ],
        });
    }
    if let Some(a) = &r.attribution {
        let row = |k: &str, n: usize, of: usize, v: Option<f64>| {
            vec![k.to_string(), n.to_string(), of.to_string(), num(v)]
        };
        out.push(Section {
            title: "Attribution".to_string(),
            header: header(&["measure", "count", "of", "value"], &[]),
            rows: vec![
                row(
                    "cue recall (quotation cues, attribution findings, reported speech)",
                    a.cues_found,
                    a.cues,
                    a.cue_recall,
                ),
                row(
                    "  by quotation cues or attribution findings only",
                    a.cues_found_by_quotes_or_findings,
                    a.cues,
                    a.cue_recall_quotes_and_findings,
                ),
                row(
                    "  by quotation cues only",
                    a.cues_found_by_quote_cues,
                    a.cues,
                    super::metrics::ratio(a.cues_found_by_quote_cues, a.cues),
                ),
                row(
                    "speaker accuracy (quotes inside a gold content)",
                    a.speakers_correct,
                    a.quotes_in_content,
                    a.speaker_accuracy,
                ),
                row(
                    "  of those, quotes with no speaker",
                    a.quotes_without_speaker,
                    a.quotes_in_content,
                    super::metrics::ratio(a.quotes_without_speaker, a.quotes_in_content),
                ),
                row(
                    "  quotes inside a content with no gold source (not scored)",
                    a.quotes_in_content_without_gold_source,
                    a.quotes,
                    None,
                ),
                row(
                    "scare quotes inside a gold content (lower is better)",
                    a.scare_quotes_in_content,
                    a.scare_quotes,
                    a.scare_in_content_share,
                ),
            ],
        });
    }
    if let Some(k) = &r.ranking {
        let labels = if k.labels.is_empty() {
            "all gold labels".to_string()
        } else {
            k.labels.join(" | ")
        };
        let by = match k.by {
            super::RankBy::Article => "article",
            super::RankBy::Outlet => "outlet",
        };
        let row = |a: &str, b: String| vec![a.to_string(), b];
        out.push(Section {
            title: format!(
                "Rank correlation: gold spans per 1,000 words vs weighted findings per 1,000 words, per {by}"
            ),
            header: header(&["measure", "value"], &[]),
            rows: vec![
                row("Spearman", num(k.spearman)),
                row("points", k.points.to_string()),
                row("gold labels", labels),
            ],
        });
        if !k.rows.is_empty() {
            out.push(Section {
                title: format!("Rank points per {by}"),
                header: header(&[by, "words", "gold / 1k", "weighted / 1k"], &[]),
                rows: k
                    .rows
                    .iter()
                    .map(|p| {
                        vec![
                            p.name.clone(),
                            p.words.to_string(),
                            format!("{:.3}", p.gold_per_1000),
                            format!("{:.3}", p.weighted_per_1000),
                        ]
                    })
                    .collect(),
            });
        }
    }
    if r.outlets.len() > 1 {
        out.push(Section {
            title: "Outlets".to_string(),
            header: header(
                &["outlet", "articles", "words"],
                &["gold", "R", "P", "F1", "finds/1k", "wt/1k", "gold/1k"],
            ),
            rows: r
                .outlets
                .iter()
                .map(|o| {
                    let mut row = vec![
                        o.outlet.clone(),
                        o.articles.to_string(),
                        o.words.to_string(),
                    ];
                    let m = &o.measures;
                    row.extend([
                        m.gold.to_string(),
                        num(m.recall),
                        num(m.precision),
                        num(m.f1),
                    ]);
                    row.push(format!("{:.3}", o.findings_per_1000));
                    row.push(format!("{:.3}", o.weighted_per_1000));
                    row.push(format!("{:.3}", o.gold_per_1000));
                    row
                })
                .collect(),
        });
    }
    out
}

fn summary(r: &Report) -> String {
    let mut s = format!(
        "gold: {} · articles scored: {} · voice: {}",
        r.gold,
        r.articles,
        r.voice.as_str()
    );
    if !r.categories.is_empty() {
        s.push_str(&format!(" · categories: {}", r.categories.join(", ")));
    }
    if !r.gold_filters.is_empty() {
        s.push_str(&format!(" · gold filter: {}", r.gold_filters.join(", ")));
    }
    if r.articles_without_gold > 0 {
        s.push_str(&format!(
            " · {} articles have no gold records",
            r.articles_without_gold
        ));
    }
    if r.articles_skipped_unannotated > 0 {
        s.push_str(&format!(
            " · {} unannotated articles skipped",
            r.articles_skipped_unannotated
        ));
    }
    if r.gold_articles_missing > 0 {
        s.push_str(&format!(
            " · {} gold articles not among the inputs",
            r.gold_articles_missing
        ));
    }
    if r.invalid_gold_spans > 0 {
        s.push_str(&format!(
            " · {} gold spans did not fit their article",
            r.invalid_gold_spans
        ));
    }
    s
}

fn md_cell(s: &str) -> String {
    strip_control(s).replace('|', "\\|").replace('\n', " ")
}

/// Writes `report` in `format`.
pub fn render(report: &Report, format: ReportFormat, out: &mut dyn Write) -> io::Result<()> {
    match format {
        ReportFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, report).map_err(io::Error::other)?;
            writeln!(out)
        }
        ReportFormat::Table => {
            writeln!(out, "{}", strip_control(&summary(report)))?;
            for s in sections(report) {
                writeln!(out)?;
                writeln!(out, "{}", strip_control(&s.title))?;
                let h: Vec<&str> = s.header.iter().map(String::as_str).collect();
                let mut t = new_table(&h);
                for row in &s.rows {
                    t.add_row(row.iter().map(|c| strip_control(c)).collect::<Vec<_>>());
                }
                writeln!(out, "{t}")?;
            }
            Ok(())
        }
        ReportFormat::Md => {
            writeln!(out, "{}", md_cell(&summary(report)))?;
            for s in sections(report) {
                writeln!(out)?;
                writeln!(out, "### {}", md_cell(&s.title))?;
                writeln!(out)?;
                let h: Vec<String> = s.header.iter().map(|c| md_cell(c)).collect();
                writeln!(out, "| {} |", h.join(" | "))?;
                writeln!(out, "|{}", "---|".repeat(h.len()))?;
                for row in &s.rows {
                    let cells: Vec<String> = row.iter().map(|c| md_cell(c)).collect();
                    writeln!(out, "| {} |", cells.join(" | "))?;
                }
            }
            Ok(())
        }
        ReportFormat::Csv => {
            write_row(out, ["section", "row", "measure", "value"])?;
            for s in sections(report) {
                for row in &s.rows {
                    let key = row.first().map(String::as_str).unwrap_or("").trim();
                    for (h, v) in s.header.iter().zip(row).skip(1) {
                        if !v.is_empty() {
                            write_row(out, [s.title.as_str(), key, h.as_str(), v.as_str()])?;
                        }
                    }
                }
            }
            Ok(())
        }
    }
}
