//! The self-contained HTML report of `framescope report`: a summary generated from the
//! comparison, its tables and a chart, every article with its findings highlighted
//! (or plain, for students to work on), a glossary and discussion questions.
//!
//! The page is one file with inline CSS and SVG: no scripts, fonts or other requests,
//! so it opens from a USB stick and prints. The layout is a minijinja template with
//! HTML auto-escaping; the few pre-rendered fragments passed to it as safe strings (the
//! highlighted articles, the chart, the category styles) escape every piece of text
//! they contain themselves, through [`escape_into`].

mod article;
mod chart;
pub mod palette;

use std::collections::BTreeMap;

use minijinja::{context, Environment, Value};
use serde::Serialize;

use crate::article::Article;
use crate::detect::Analysis;
use crate::lexicon::Lexicon;
use crate::render::grid::{compare_grids, compare_intro, Grid};
use crate::render::narrative;
use crate::score::compare::{Comparison, Section};

pub use article::{highlight, plain, Footnote, Highlighted};
pub use chart::{category_chart, letter};

/// The report template.
const TEMPLATE: &str = include_str!("report.html.j2");
/// Its name: the `.html` suffix (before `.j2`) turns HTML auto-escaping on.
const TEMPLATE_NAME: &str = "report.html.j2";

/// What the report shows.
#[derive(Debug, Clone, Default)]
pub struct ReportOptions {
    /// Leave the articles unhighlighted (no marks, no footnotes) for students to find
    /// the devices themselves; summary, tables, glossary and questions stay.
    pub no_answers: bool,
    /// The page title; by default the event, else "Framing report".
    pub title: Option<String>,
}

/// Appends `text` to `out` with HTML's special characters escaped (safe in element
/// content and in double- or single-quoted attribute values).
pub fn escape_into(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// `text`, HTML-escaped.
pub fn escape(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    escape_into(text, &mut s);
    s
}

/// A category name reduced to what is safe in a CSS class name (`a-z0-9_-`).
pub fn slug(name: &str) -> String {
    let s: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    if s.is_empty() {
        "none".to_string()
    } else {
        s
    }
}

#[derive(Serialize)]
struct TableView {
    title: String,
    header: Vec<String>,
    rows: Vec<Vec<Vec<String>>>,
    notes: Vec<String>,
}

impl From<Grid> for TableView {
    fn from(g: Grid) -> Self {
        TableView {
            title: g.title,
            header: g.header,
            rows: g.rows,
            notes: g.notes,
        }
    }
}

#[derive(Serialize)]
struct OutletView {
    letter: String,
    name: String,
    articles: usize,
    words: u64,
}

#[derive(Serialize)]
struct ArticleView {
    anchor: String,
    title: String,
    outlet: String,
    date: Option<String>,
    url: Option<String>,
    author: Option<String>,
    words: usize,
    findings: usize,
    quotes: usize,
    body: Value,
    footnotes: Vec<Footnote>,
}

#[derive(Serialize)]
struct RuleView {
    id: String,
    terms: String,
    explain: String,
    count: usize,
}

#[derive(Serialize)]
struct CategoryView {
    class: String,
    name: String,
    title: String,
    description: String,
    style: String,
    count: usize,
    rules: Vec<RuleView>,
}

/// The report as one HTML document. `articles` are in input order.
pub fn render_report(
    lexicon: &Lexicon,
    comparison: &Comparison,
    articles: &[(Article, Analysis)],
    options: &ReportOptions,
) -> Result<String, minijinja::Error> {
    let mut env = Environment::new();
    env.add_template(TEMPLATE_NAME, TEMPLATE)?;
    let template = env.get_template(TEMPLATE_NAME)?;

    let title = options
        .title
        .clone()
        .unwrap_or_else(|| match comparison.events.as_slice() {
            [one] => format!("Framing report: {one}"),
            _ => "Framing report".to_string(),
        });
    let outlets: Vec<OutletView> = comparison
        .columns
        .iter()
        .enumerate()
        .map(|(i, (name, col))| OutletView {
            letter: letter(i),
            name: name.clone(),
            articles: col.articles.len(),
            words: col.words,
        })
        .collect();

    // Findings per rule and per category, for the glossary.
    let mut per_rule: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, a) in articles {
        for f in &a.findings {
            *per_rule.entry(f.rule.as_ref()).or_insert(0) += 1;
        }
    }
    let mut css = String::new();
    let glossary: Vec<CategoryView> = lexicon
        .categories()
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let s = palette::swatch(i);
            let class = slug(&c.name);
            css.push_str(&format!(
                ".cat-{class}{{--hl-bg:{};--hl-line:{};text-decoration-style:{};text-decoration-thickness:{}px}}\n",
                s.background, s.line, s.style, s.thickness
            ));
            let rules: Vec<RuleView> = lexicon
                .rules()
                .iter()
                .filter(|r| r.category.as_ref() == c.name)
                .filter_map(|r| {
                    let count = per_rule.get(r.id.as_ref()).copied().unwrap_or(0);
                    (count > 0).then(|| RuleView {
                        id: r.id.to_string(),
                        terms: r.terms.iter().take(6).cloned().collect::<Vec<_>>().join(", "),
                        explain: r.explain.trim().to_string(),
                        count,
                    })
                })
                .collect();
            CategoryView {
                class,
                name: c.name.clone(),
                title: c.title.clone(),
                description: c.description.trim().to_string(),
                style: s.words.to_string(),
                count: rules.iter().map(|r| r.count).sum(),
                rules,
            }
        })
        .collect();

    let category_titles: Vec<String> = comparison
        .framing
        .categories
        .iter()
        .map(|c| lexicon.category(c).map_or(c.clone(), |k| k.title.clone()))
        .collect();
    let chart = category_chart(comparison, &category_titles).map(Value::from_safe_string);

    let article_views: Vec<ArticleView> = articles
        .iter()
        .enumerate()
        .map(|(i, (article, a))| {
            let anchor = format!("a{}", i + 1);
            let h = if options.no_answers {
                Highlighted {
                    html: plain(&article.body),
                    footnotes: Vec::new(),
                }
            } else {
                highlight(&article.body, a, lexicon, &anchor)
            };
            ArticleView {
                title: article
                    .meta
                    .title
                    .clone()
                    .unwrap_or_else(|| article.meta.id.clone()),
                outlet: article.outlet_name().to_string(),
                date: article.meta.date.clone(),
                url: article.meta.url.clone(),
                author: article.meta.author.clone(),
                words: a.words,
                findings: a.findings.len(),
                quotes: a.quotes.len(),
                body: Value::from_safe_string(h.html),
                footnotes: h.footnotes,
                anchor,
            }
        })
        .collect();

    let tables: Vec<TableView> = compare_grids(comparison, &Section::ALL)
        .into_iter()
        .map(TableView::from)
        .collect();

    template.render(context! {
        title,
        generator => concat!("framescope ", env!("CARGO_PKG_VERSION")),
        answers => !options.no_answers,
        events => comparison.events,
        outlets,
        intro => compare_intro(comparison),
        summary => narrative::summary(comparison),
        questions => narrative::questions(comparison),
        tables,
        chart,
        articles => article_views,
        glossary,
        category_css => Value::from_safe_string(css),
        palette => context! {
            text => palette::TEXT,
            muted => palette::MUTED,
            page => palette::PAGE,
            link => palette::LINK,
            quote_bg => palette::QUOTE_BG,
            quote_text => palette::QUOTE_TEXT,
            panel => palette::PANEL,
            tip_text => palette::TIP_TEXT,
            tip_bg => palette::TIP_BG,
            tag_text => palette::TAG_TEXT,
            tag_bg => palette::TAG_BG,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_and_slug() {
        assert_eq!(
            escape(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
        assert_eq!(slug("vague_source"), "vague_source");
        assert_eq!(slug("a b</style>"), "a_b__style_");
        assert_eq!(slug(""), "none");
    }

    #[test]
    fn template_auto_escapes() {
        // The template's name must switch auto-escaping on.
        let mut env = Environment::new();
        assert!(env.add_template(TEMPLATE_NAME, "{{ x }}").is_ok());
        let out = env
            .get_template(TEMPLATE_NAME)
            .and_then(|t| t.render(context! { x => "<script>" }));
        assert_eq!(out.ok().as_deref(), Some("&lt;script&gt;"));
    }
}
