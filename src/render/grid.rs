//! Tables as data: a title, a header, rows of cells (each cell a list of lines) and
//! notes in words. A comparison or a profile is laid out once, here; the `table`
//! module draws the grids for a terminal and `markdown` writes them as Markdown, so
//! both formats say exactly the same thing. A grid with no rows is only its notes:
//! nothing is ever shown as an empty table.

use crate::score::compare::{
    Comparison, GroupBy, LabelUse, QuoteUse, RateCell, Section, WeightedCell,
};
use crate::score::profile::{ProfileReport, RateSummary};
use crate::score::tally::ranked;

/// One table.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Grid {
    /// What the table shows, in a line.
    pub title: String,
    /// Column headings.
    pub header: Vec<String>,
    /// Rows; each cell is a list of lines.
    pub rows: Vec<Vec<Vec<String>>>,
    /// Sentences said below the table (or instead of it, when there are no rows).
    pub notes: Vec<String>,
}

fn line(s: impl Into<String>) -> Vec<String> {
    vec![s.into()]
}

/// Actors no article named that a table lists by name.
const NOT_NAMED_SHOWN: usize = 6;

/// Longest statement excerpt shown in a table, in characters.
const EXCERPT_CHARS: usize = 160;

fn excerpt(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= EXCERPT_CHARS {
        return text;
    }
    let cut: String = text.chars().take(EXCERPT_CHARS - 1).collect();
    format!("{}…", cut.trim_end())
}

fn noun(by: GroupBy) -> &'static str {
    match by {
        GroupBy::Outlet => "outlet",
        GroupBy::Article => "article",
    }
}

fn plural(n: usize, one: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {one}s")
    }
}

/// `4.2 (5)`, or `no words`.
fn rate_cell(c: &RateCell) -> String {
    match c.rate {
        Some(r) => format!("{r:.1} ({})", c.count),
        None => "no words".to_string(),
    }
}

fn weighted_cell(c: &WeightedCell) -> String {
    match c.rate {
        Some(r) => format!("{r:.1} ({})", c.count),
        None => "no words".to_string(),
    }
}

fn percent(share: Option<f64>) -> String {
    share.map_or("no words".to_string(), |s| format!("{:.1}%", s * 100.0))
}

/// The lines that open a comparison: what is compared.
pub fn compare_intro(c: &Comparison) -> Vec<String> {
    let articles: usize = c.columns.values().map(|col| col.articles.len()).sum();
    let mut lines = vec![match c.by {
        GroupBy::Outlet => format!(
            "Comparing {} ({}).",
            plural(c.columns.len(), "outlet"),
            plural(articles, "article")
        ),
        GroupBy::Article => format!(
            "Comparing {}, one column each.",
            plural(articles, "article")
        ),
    }];
    match c.events.as_slice() {
        [] => {}
        [one] => lines.push(format!("Event: {one}.")),
        many => lines.push(format!(
            "Note: the articles cover {} events ({}); a comparison is meant for one.",
            many.len(),
            many.join(", ")
        )),
    }
    if c.columns.len() == 1 {
        lines.push(format!(
            "Only one {} was given, so there is nothing to set it against; its figures are shown alone.",
            noun(c.by)
        ));
    }
    lines
}

/// The comparison's tables, for the chosen sections in display order.
pub fn compare_grids(c: &Comparison, sections: &[Section]) -> Vec<Grid> {
    let mut grids = Vec::new();
    for s in Section::ALL.iter().filter(|s| sections.contains(s)) {
        match s {
            Section::Framing => grids.extend(framing(c)),
            Section::Naming => grids.push(naming(c)),
            Section::Sourcing => grids.push(sourcing(c)),
            Section::Quotes => grids.push(quotes(c)),
            Section::Wording => grids.push(wording(c)),
        }
    }
    grids
}

fn header(first: &str, c: &Comparison) -> Vec<String> {
    std::iter::once(first.to_string())
        .chain(c.columns.keys().cloned())
        .collect()
}

fn framing(c: &Comparison) -> Vec<Grid> {
    let f = &c.framing;
    let own = match c.by {
        GroupBy::Outlet => "the outlet's own words",
        GroupBy::Article => "the article's own words",
    };
    let mut author = Grid {
        title: format!("Framing by category — {own} (author voice), per 1,000 words (count)"),
        header: header("category", c),
        ..Grid::default()
    };
    let words_row = |g: &mut Grid| {
        let mut row = vec![line("words")];
        row.extend(c.columns.values().map(|col| line(col.words.to_string())));
        g.rows.push(row);
    };
    words_row(&mut author);
    let voice_rows =
        |g: &mut Grid,
         voice: &std::collections::BTreeMap<String, crate::score::compare::VoiceFraming>| {
            for cat in &f.categories {
                let mut row = vec![line(cat.clone())];
                row.extend(c.columns.keys().map(|k| {
                    line(
                        voice
                            .get(k)
                            .and_then(|v| v.categories.get(cat))
                            .map_or("–".to_string(), rate_cell),
                    )
                }));
                g.rows.push(row);
            }
            let mut row = vec![line("weighted total")];
            row.extend(c.columns.keys().map(|k| {
                line(
                    voice
                        .get(k)
                        .map_or("–".to_string(), |v| weighted_cell(&v.weighted)),
                )
            }));
            g.rows.push(row);
        };
    voice_rows(&mut author, &f.author);
    if !f.without_findings.is_empty() {
        author.notes.push(format!(
            "No framing devices found in: {}.",
            f.without_findings.join(", ")
        ));
    }
    let mut quoted = Grid {
        title: "Inside quotations (quoted voice: words the outlet chose to quote), per 1,000 words (count)".to_string(),
        header: header("category", c),
        ..Grid::default()
    };
    if f.no_quoted_findings {
        quoted
            .notes
            .push("No framing devices found inside quotations.".to_string());
    } else {
        voice_rows(&mut quoted, &f.quoted);
    }
    vec![author, quoted]
}

fn label_line(u: &LabelUse) -> String {
    let tone = u.tone.as_str();
    match (u.author, u.quoted) {
        (a, 0) => format!("{} ×{a} ({tone})", u.label),
        (0, q) => format!("{} ({tone}), only in quotes ×{q}", u.label),
        (a, q) => format!("{} ×{a} ({tone}), +{q} in quotes", u.label),
    }
}

fn naming(c: &Comparison) -> Grid {
    let n = &c.naming;
    let mut g = Grid {
        title: format!(
            "Naming choices — the labels each {} gave the same party, in its own words (uses in quotes after +)",
            noun(c.by)
        ),
        header: header("actor", c),
        ..Grid::default()
    };
    for actor in &n.actors {
        let mut row = vec![line(actor.name.clone())];
        row.extend(c.columns.keys().map(|k| match actor.columns.get(k) {
            Some(uses) => uses.iter().map(label_line).collect(),
            None => line("not named"),
        }));
        g.rows.push(row);
    }
    g.notes.extend(n.note.clone());
    if !n.not_named.is_empty() && !n.actors.is_empty() {
        // A large pack has many actors an event never touches: name a few, count the rest
        // (the JSON lists them all).
        let shown: Vec<&str> = n
            .not_named
            .iter()
            .take(NOT_NAMED_SHOWN)
            .map(String::as_str)
            .collect();
        let rest = n.not_named.len().saturating_sub(NOT_NAMED_SHOWN);
        let more = if rest > 0 {
            format!(" and {rest} more")
        } else {
            String::new()
        };
        g.notes.push(format!(
            "Not named in any article: {}{more}.",
            shown.join(", ")
        ));
    }
    g
}

fn count_lines(counts: &[crate::score::compare::Count], none: &str) -> Vec<String> {
    use crate::score::compare::TOP_SOURCES;
    if counts.is_empty() {
        return line(none);
    }
    let mut lines: Vec<String> = counts
        .iter()
        .take(TOP_SOURCES)
        .map(|c| format!("{} ×{}", c.name, c.count))
        .collect();
    if counts.len() > TOP_SOURCES {
        let rest: u64 = counts.iter().skip(TOP_SOURCES).map(|c| c.count).sum();
        lines.push(format!("… {} more (×{rest})", counts.len() - TOP_SOURCES));
    }
    lines
}

fn sourcing(c: &Comparison) -> Grid {
    let mut g = Grid {
        title: "Sourcing — how much is quoted, how, from whom, and with which verbs".to_string(),
        header: header("", c),
        ..Grid::default()
    };
    let cols = &c.sourcing.columns;
    let mut row =
        |label: &str, cell: &dyn Fn(&crate::score::compare::SourcingColumn) -> Vec<String>| {
            let mut r = vec![line(label)];
            r.extend(
                c.columns
                    .keys()
                    .map(|k| cols.get(k).map_or(line("–"), cell)),
            );
            g.rows.push(r);
        };
    row("words in quotations", &|s| {
        line(match s.quoted_share {
            Some(_) => format!(
                "{} ({}/{})",
                percent(s.quoted_share),
                s.quoted_words,
                s.words
            ),
            None => "no words".to_string(),
        })
    });
    row("direct quotes", &|s| line(s.quotes.direct.to_string()));
    row("partial quotes", &|s| line(s.quotes.partial.to_string()));
    row("scare quotes", &|s| line(s.quotes.scare.to_string()));
    row("who is quoted", &|s| count_lines(&s.speakers, "nobody"));
    row("attribution", &|s| count_lines(&s.cues, "none"));
    g
}

fn quote_use(u: Option<&QuoteUse>) -> String {
    match u {
        None => "left out".to_string(),
        Some(u) if u.count == 1 => u.kind.as_str().to_string(),
        Some(u) => format!("{} ×{}", u.kind.as_str(), u.count),
    }
}

fn quotes(c: &Comparison) -> Grid {
    let q = &c.quotes;
    let mut header = vec!["statement".to_string(), "speaker".to_string()];
    header.extend(c.columns.keys().cloned());
    let mut g = Grid {
        title: format!(
            "Quotes shared and left out — the same statement quoted by several {}s (matched despite trimming and punctuation)",
            noun(c.by)
        ),
        header,
        ..Grid::default()
    };
    for s in &q.shared {
        let mut row = vec![
            line(format!("“{}”", excerpt(&s.text))),
            line(s.speaker.clone().unwrap_or_else(|| "–".to_string())),
        ];
        row.extend(
            c.columns
                .keys()
                .map(|k| line(quote_use(s.quoted_by.get(k)))),
        );
        g.rows.push(row);
    }
    g.notes.extend(q.note.clone());
    let alone: Vec<String> = q
        .only_here
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(k, n)| format!("{k} {n}"))
        .collect();
    if !alone.is_empty() {
        g.notes.push(format!(
            "Statements only one {} quoted: {}.",
            noun(c.by),
            alone.join(", ")
        ));
    }
    g
}

fn wording(c: &Comparison) -> Grid {
    let w = &c.wording;
    let mut g = Grid {
        title: format!(
            "Distinctive wording — terms most over-represented in each {}'s own words against the others: uses and z-score (log-odds, informative Dirichlet prior; z above 1.96 is unlikely to be chance)",
            noun(c.by)
        ),
        header: header("#", c),
        ..Grid::default()
    };
    if w.note.is_none() {
        let depth = w.columns.values().map(Vec::len).max().unwrap_or(0);
        for i in 0..depth {
            let mut row = vec![line((i + 1).to_string())];
            row.extend(c.columns.keys().map(|k| {
                let terms = w.columns.get(k);
                match terms.and_then(|t| t.get(i)) {
                    Some(t) => line(format!("{} ×{} z={:.2}", t.term, t.count, t.z)),
                    None if i == 0 => line("no term stands out"),
                    None => line(""),
                }
            }));
            g.rows.push(row);
        }
    }
    g.notes.extend(w.note.clone());
    g
}

/// The lines that open a profile report.
pub fn profile_intro(r: &ProfileReport<'_>) -> Vec<String> {
    let articles: u64 = r.summaries.values().map(|s| s.articles).sum();
    let words: u64 = r.summaries.values().map(|s| s.words).sum();
    if r.summaries.is_empty() {
        return vec!["No articles were profiled.".to_string()];
    }
    vec![format!(
        "Profiles of {} ({} articles, {} words). Rates are author voice per 1,000 words: pooled over all the outlet's words, and the mean of its articles' rates with a 95% bootstrap interval.",
        plural(r.summaries.len(), "outlet"),
        articles,
        words
    )]
}

fn ci(r: &RateSummary, units: u64) -> String {
    match (units, r.ci_low, r.ci_high) {
        (0, _, _) => "no words".to_string(),
        (1, _, _) => "one article".to_string(),
        (_, Some(lo), Some(hi)) => format!("[{lo:.2}, {hi:.2}]"),
        _ => "–".to_string(),
    }
}

fn opt2(x: Option<f64>) -> String {
    x.map_or("no words".to_string(), |x| format!("{x:.2}"))
}

/// A profile report's tables: an overview, then one table per outlet.
pub fn profile_grids(r: &ProfileReport<'_>) -> Vec<Grid> {
    let mut grids = Vec::new();
    if r.summaries.is_empty() {
        return grids;
    }
    let mut overview = Grid {
        title: "Outlets".to_string(),
        header: [
            "outlet",
            "articles",
            "words",
            "text in quotations",
            "quotes: direct / partial / scare",
            "weighted total: pooled",
            "article mean",
            "95% CI",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect(),
        ..Grid::default()
    };
    for (name, s) in &r.summaries {
        let Some(p) = r.set.outlets().get(name) else {
            continue;
        };
        overview.rows.push(vec![
            line(name.clone()),
            line(s.articles.to_string()),
            line(s.words.to_string()),
            line(percent(s.quoted_share)),
            line(format!(
                "{} / {} / {}",
                p.quotes.direct, p.quotes.partial, p.quotes.scare
            )),
            line(opt2(s.weighted.pooled)),
            line(opt2(s.weighted.mean)),
            line(ci(&s.weighted, s.articles_with_words)),
        ]);
    }
    grids.push(overview);
    for (name, s) in &r.summaries {
        let Some(p) = r.set.outlets().get(name) else {
            continue;
        };
        let mut g = Grid {
            title: format!(
                "{name} — {}, {} words: author voice per 1,000 words",
                plural(usize::try_from(s.articles).unwrap_or(usize::MAX), "article"),
                s.words
            ),
            header: ["category", "count", "pooled", "article mean", "95% CI"]
                .iter()
                .map(|s| s.to_string())
                .collect(),
            ..Grid::default()
        };
        let rows = r
            .set
            .categories()
            .iter()
            .filter_map(|c| Some((c.clone(), s.rates.get(c)?)))
            .chain(std::iter::once(("weighted total".to_string(), &s.weighted)));
        for (label, rate) in rows {
            g.rows.push(vec![
                line(label),
                line(rate.count.to_string()),
                line(opt2(rate.pooled)),
                line(opt2(rate.mean)),
                line(ci(rate, s.articles_with_words)),
            ]);
        }
        if s.top_terms.is_empty() {
            g.notes
                .push("Top terms: no framing devices in its own words.".to_string());
        } else {
            let terms: Vec<String> = s
                .top_terms
                .iter()
                .map(|t| format!("{} ×{} ({})", t.term, t.count, t.category))
                .collect();
            g.notes.push(format!("Top terms: {}.", terms.join(", ")));
        }
        if p.labels.is_empty() {
            g.notes
                .push("Labels: no actor of the lexicon named.".to_string());
        } else {
            for (actor, labels) in &p.labels {
                let mut uses: Vec<(&String, &crate::score::tally::LabelCount)> =
                    labels.iter().collect();
                uses.sort_by_key(|u| std::cmp::Reverse((u.1.author, u.1.quoted)));
                let uses: Vec<String> = uses
                    .iter()
                    .map(|(label, n)| {
                        label_line(&LabelUse {
                            label: (*label).clone(),
                            tone: n.tone,
                            author: n.author,
                            quoted: n.quoted,
                        })
                    })
                    .collect();
                g.notes
                    .push(format!("Labels for {actor}: {}.", uses.join(", ")));
            }
        }
        let cues: Vec<String> = ranked(&p.cues)
            .iter()
            .map(|(cue, n)| format!("{cue} ×{n}"))
            .collect();
        g.notes.push(if cues.is_empty() {
            "Attribution: no attribution cues.".to_string()
        } else {
            format!("Attribution: {}.", cues.join(", "))
        });
        grids.push(g);
    }
    grids
}
