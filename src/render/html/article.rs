//! One article's body as an HTML fragment with every finding highlighted.
//!
//! Quotations are outer elements and findings inner marks. Findings never overlap
//! each other in a well-formed analysis but may nest (a term inside a scare quote), and
//! a finding may straddle a quotation mark. To emit well-formed HTML whatever the spans,
//! the intervals are first made *laminar* (any two nested or disjoint): a finding that
//! crosses another is clipped to end inside it, a quotation crossing another is clipped
//! likewise, and a quotation crossing a finding is split at the finding's boundary. A
//! finding is never split, so there is exactly one `<mark>` per finding. All text goes
//! through [`escape_into`]; nothing from the article is ever emitted raw.

use std::cmp::Reverse;
use std::fmt::Write as _;

use super::{escape_into, slug};
use crate::detect::{Analysis, QuoteKind};
use crate::lexicon::Lexicon;
use crate::text::{ceil_char_boundary, floor_char_boundary};

/// A footnote: what one highlight is, for print and screen readers.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Footnote {
    /// Its number in the article (1-based, text order).
    pub n: usize,
    /// The id of the footnote's list item.
    pub id: String,
    /// The id of the highlight it belongs to.
    pub back: String,
    /// The rule id.
    pub rule: String,
    /// The category's title.
    pub category: String,
    /// The category slug (for its CSS class).
    pub class: String,
    /// The words highlighted.
    pub text: String,
    /// The rule's explanation.
    pub explain: String,
    /// `author` or `quoted`.
    pub voice: &'static str,
}

/// An article body rendered for the report.
#[derive(Debug, Clone, Default)]
pub struct Highlighted {
    /// The escaped HTML fragment.
    pub html: String,
    /// One footnote per finding, in text order.
    pub footnotes: Vec<Footnote>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    /// A fragment of a quotation; `first` when it opens the quotation.
    Quote { index: usize, first: bool },
    /// A finding.
    Finding { index: usize },
}

#[derive(Debug, Clone, Copy)]
struct Span {
    start: usize,
    end: usize,
    kind: Kind,
}

/// Clamps a span into `body` on character boundaries.
fn clamp(body: &str, start: usize, end: usize) -> (usize, usize) {
    let start = floor_char_boundary(body, start.min(body.len()));
    let end = ceil_char_boundary(body, end.min(body.len())).max(start);
    (start, end)
}

/// Clips spans (sorted by start, longest first) so that none crosses another: a span
/// that starts inside another and ends past it is cut at the other's end.
fn laminate(spans: &mut [(usize, usize, usize)]) {
    spans.sort_by_key(|s| (s.0, Reverse(s.1), s.2));
    let mut stack: Vec<usize> = Vec::new();
    for s in spans.iter_mut() {
        while stack.last().is_some_and(|end| *end <= s.0) {
            stack.pop();
        }
        if let Some(end) = stack.last() {
            s.1 = s.1.min(*end);
        }
        stack.push(s.1);
    }
}

/// The body, escaped, without highlights (for `--no-answers`).
pub fn plain(body: &str) -> String {
    let mut out = String::with_capacity(body.len() + body.len() / 8);
    escape_into(&crate::text::strip_control(body), &mut out);
    out
}

/// The body with findings and quotations marked up. `prefix` makes element ids unique
/// in the page; `categories` maps a category name to its index in the legend.
pub fn highlight(body: &str, analysis: &Analysis, lexicon: &Lexicon, prefix: &str) -> Highlighted {
    let mut findings: Vec<(usize, usize, usize)> = analysis
        .findings
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let (s, e) = clamp(body, f.start, f.end);
            (s, e, i)
        })
        .collect();
    laminate(&mut findings);
    let mut quotes: Vec<(usize, usize, usize)> = analysis
        .quotes
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let (s, e) = clamp(body, q.start, q.end);
            (s, e, i)
        })
        .filter(|q| q.0 < q.1)
        .collect();
    laminate(&mut quotes);

    let mut spans: Vec<Span> = findings
        .iter()
        .map(|&(start, end, index)| Span {
            start,
            end,
            kind: Kind::Finding { index },
        })
        .collect();
    for &(qs, qe, index) in &quotes {
        // Split points: the boundaries of findings that cross this quotation.
        let mut cuts: Vec<usize> = Vec::new();
        for &(fs, fe, _) in &findings {
            if fs < qs && qs < fe && fe < qe {
                cuts.push(fe);
            } else if qs < fs && fs < qe && qe < fe {
                cuts.push(fs);
            }
        }
        cuts.sort_unstable();
        cuts.dedup();
        let mut from = qs;
        for (k, to) in cuts.into_iter().chain(std::iter::once(qe)).enumerate() {
            if to > from {
                spans.push(Span {
                    start: from,
                    end: to,
                    kind: Kind::Quote {
                        index,
                        first: k == 0,
                    },
                });
            }
            from = to;
        }
    }
    // Outer before inner; on equal ranges the quotation is the outer element.
    spans.sort_by_key(|s| (s.start, Reverse(s.end), s.kind));

    let mut out = Highlighted {
        html: String::with_capacity(body.len() * 2),
        footnotes: Vec::with_capacity(analysis.findings.len()),
    };
    let mut pos = 0usize;
    let mut stack: Vec<(usize, Option<usize>)> = Vec::new(); // (end, footnote number)
    let text = |out: &mut String, from: usize, to: usize| {
        if let Some(t) = body.get(from..to) {
            escape_into(&crate::text::strip_control(t), out);
        }
    };
    let close = |out: &mut Highlighted, pos: &mut usize, end: usize, note: Option<usize>| {
        text(&mut out.html, *pos, end);
        *pos = end.max(*pos);
        match note {
            Some(n) => {
                let _ = write!(
                    out.html,
                    r##"</mark><sup class="fnref"><a href="#{prefix}-fn{n}" aria-label="note {n}">{n}</a></sup>"##
                );
            }
            None => out.html.push_str("</span>"),
        }
    };
    for span in &spans {
        while let Some(&(end, note)) = stack.last() {
            if end > span.start {
                break;
            }
            stack.pop();
            close(&mut out, &mut pos, end, note);
        }
        text(&mut out.html, pos, span.start);
        pos = span.start.max(pos);
        match span.kind {
            Kind::Quote { index, first } => {
                let Some(q) = analysis.quotes.get(index) else {
                    continue;
                };
                let kind = q.kind.as_str();
                if first && q.kind == QuoteKind::Scare {
                    out.html
                        .push_str(r#"<span class="qtag">scare quote</span>"#);
                }
                let _ = write!(out.html, r#"<span class="q q-{kind}" title=""#);
                let who = match (&q.speaker, q.kind) {
                    (_, QuoteKind::Scare) => {
                        "Scare quote: quotation marks with no speaker, which distance the writer from the words".to_string()
                    }
                    (Some(s), _) => format!("Quoted ({kind}): {}", s.text),
                    (None, _) => format!("Quoted ({kind}), speaker not found"),
                };
                escape_into(&crate::text::strip_control(&who), &mut out.html);
                out.html.push_str(r#"">"#);
                stack.push((span.end, None));
            }
            Kind::Finding { index } => {
                let Some(f) = analysis.findings.get(index) else {
                    continue;
                };
                let n = out.footnotes.len() + 1;
                let rule = lexicon.rule(&f.rule);
                let explain = rule.map_or("", |r| r.explain.as_str()).trim();
                let category = lexicon
                    .category(&f.category)
                    .map_or(f.category.to_string(), |c| c.title.clone());
                let class = slug(&f.category);
                let name = f.rule.split_once('.').map_or(f.rule.as_ref(), |(_, n)| n);
                let shown = body
                    .get(span.start..f.end.min(body.len()))
                    .unwrap_or(&f.text);
                let _ = write!(
                    out.html,
                    r#"<mark id="{prefix}-m{n}" class="hl cat-{class} voice-{}" tabindex="0" data-rule=""#,
                    f.voice.as_str()
                );
                escape_into(&f.rule, &mut out.html);
                out.html.push_str(r#"" data-category=""#);
                escape_into(&f.category, &mut out.html);
                out.html.push_str(r#"" title=""#);
                escape_into(&format!("{category}: {explain}"), &mut out.html);
                let _ = write!(out.html, r#"" aria-describedby="{prefix}-fn{n}">"#);
                // Screen readers announce the device with the words, before them.
                out.html.push_str(r#"<span class="sr-only">"#);
                escape_into(&format!("[{category}: {name}] "), &mut out.html);
                out.html.push_str("</span>");
                out.footnotes.push(Footnote {
                    n,
                    id: format!("{prefix}-fn{n}"),
                    back: format!("{prefix}-m{n}"),
                    rule: f.rule.to_string(),
                    category,
                    class,
                    text: crate::text::strip_control(shown).into_owned(),
                    explain: explain.to_string(),
                    voice: f.voice.as_str(),
                });
                stack.push((span.end, Some(n)));
            }
        }
    }
    while let Some((end, note)) = stack.pop() {
        close(&mut out, &mut pos, end, note);
    }
    text(&mut out.html, pos, body.len());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::{Finding, Quotation, Voice};
    use crate::Article;
    use proptest::prelude::*;

    fn lexicon() -> Option<Lexicon> {
        Lexicon::from_files(&[
            ("pack.yaml", "categories: [doubt]\n"),
            (
                "doubt.yaml",
                "category: doubt\nrules:\n  - id: doubt.alleged\n    terms: [alleged]\n    explain: Marks a claim as <b>unproven</b>.\n",
            ),
        ])
        .ok()
    }

    fn analysis(body: &str, findings: &[(usize, usize)], quotes: &[(usize, usize)]) -> Analysis {
        let lex = lexicon();
        let mut a = match &lex {
            Some(l) => crate::analyze(&Article::from_text(""), l),
            None => panic!("pack"),
        };
        a.findings = findings
            .iter()
            .map(|&(start, end)| Finding {
                rule: "doubt.alleged".into(),
                category: "doubt".into(),
                start,
                end,
                line: 1,
                column: 1,
                text: body.get(start..end).unwrap_or("").to_string(),
                voice: Voice::Author,
                weight: 1.0,
            })
            .collect();
        a.quotes = quotes
            .iter()
            .map(|&(start, end)| Quotation {
                start,
                end,
                kind: QuoteKind::Scare,
                speaker: None,
                cue: None,
                text: String::new(),
                content_start: start,
                content_end: end,
                words: 0,
            })
            .collect();
        a
    }

    /// Checks that tags balance and returns the number of marks.
    fn balanced(html: &str) -> usize {
        let mut stack = Vec::new();
        let mut marks = 0;
        let mut rest = html;
        while let Some(i) = rest.find('<') {
            rest = rest.get(i + 1..).unwrap_or("");
            let tag: String = rest
                .chars()
                .take_while(|c| *c != '>' && *c != ' ')
                .collect();
            if let Some(name) = tag.strip_prefix('/') {
                assert_eq!(stack.pop().as_deref(), Some(name), "{html}");
            } else {
                if tag == "mark" {
                    marks += 1;
                }
                stack.push(tag);
            }
        }
        assert!(stack.is_empty(), "{html}");
        marks
    }

    #[test]
    fn escapes_text_and_explanations() {
        let body = "<script>alert(1)</script> alleged";
        let Some(lex) = lexicon() else { panic!("pack") };
        let a = analysis(body, &[(26, 33)], &[]);
        let h = highlight(body, &a, &lex, "a1");
        assert!(
            h.html.starts_with("&lt;script&gt;alert(1)&lt;/script&gt; "),
            "{}",
            h.html
        );
        assert!(
            h.html
                .contains("title=\"doubt: Marks a claim as &lt;b&gt;unproven&lt;/b&gt;.\""),
            "{}",
            h.html
        );
        assert_eq!(balanced(&h.html), 1);
        assert_eq!(plain(body), "&lt;script&gt;alert(1)&lt;/script&gt; alleged");
    }

    #[test]
    fn scare_quote_is_the_outer_element_of_its_finding() {
        let body = "a \"riot\" b";
        let Some(lex) = lexicon() else { panic!("pack") };
        let a = analysis(body, &[(2, 8), (3, 7)], &[(2, 8)]);
        let h = highlight(body, &a, &lex, "x");
        assert_eq!(balanced(&h.html), 2);
        let q = h.html.find("class=\"q q-scare\"").unwrap_or(usize::MAX);
        let m = h.html.find("<mark").unwrap_or(0);
        assert!(q < m, "{}", h.html);
        assert!(h.html.contains(">scare quote</span>"));
    }

    proptest! {
        #[test]
        fn any_spans_give_well_formed_html_with_one_mark_per_finding(
            body in "[a-z \"<>&é]{0,40}",
            f in proptest::collection::vec((0usize..50, 0usize..12), 0..6),
            q in proptest::collection::vec((0usize..50, 0usize..30), 0..4),
        ) {
            let Some(lex) = lexicon() else { panic!("pack") };
            let f: Vec<(usize, usize)> = f.into_iter().map(|(s, l)| (s, s + l)).collect();
            let q: Vec<(usize, usize)> = q.into_iter().map(|(s, l)| (s, s + l)).collect();
            let a = analysis(&body, &f, &q);
            let h = highlight(&body, &a, &lex, "p");
            prop_assert_eq!(balanced(&h.html), f.len());
            prop_assert_eq!(h.footnotes.len(), f.len());
        }
    }
}
