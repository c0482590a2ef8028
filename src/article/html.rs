//! HTML pages: the article text is extracted with a real HTML parser (html5ever via
//! `scraper`) from `<article>`, else `<main>`, else `<body>`, block by block, skipping
//! navigation, headers, footers, asides, scripts and forms. Title, outlet and date come
//! from the page's metadata when present. Offsets of findings point into the extracted
//! text, which is one paragraph per block, separated by blank lines.

use scraper::{ElementRef, Html, Node, Selector};

use super::{parse_date, Metadata};

const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "button", "svg",
    "template", "iframe", "select", "textarea", "head", "figure",
];
const BLOCKS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "td",
    "th",
    "figcaption",
];

fn meta_content(doc: &Html, selectors: &[&str]) -> Option<String> {
    selectors.iter().find_map(|s| {
        let sel = Selector::parse(s).ok()?;
        doc.select(&sel).find_map(|e| {
            let v = e
                .value()
                .attr("content")
                .or_else(|| e.value().attr("datetime"))
                .or_else(|| e.value().attr("href"))
                .map(str::to_string)
                .or_else(|| Some(collapse(&e.text().collect::<String>())))?;
            let v = v.trim().to_string();
            (!v.is_empty()).then_some(v)
        })
    })
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Elements that never hold others, or that browsers close by themselves, so they do
/// not deepen the nesting.
const NON_NESTING: &[&str] = &[
    "br", "img", "meta", "link", "input", "hr", "area", "base", "col", "embed", "param", "source",
    "track", "wbr", "p", "li", "dt", "dd", "option", "tr", "td", "th",
];

/// An estimate of how deep `source` nests its elements, by counting open and close
/// tags in one linear pass. The HTML parser's cost grows with the square of the
/// nesting depth, so hostile pages are refused before parsing.
pub fn nesting_depth(source: &str) -> usize {
    let mut depth: usize = 0;
    let mut max = 0;
    for (i, _) in source.match_indices('<') {
        let rest = source.get(i + 1..).unwrap_or("");
        if let Some(closing) = rest.strip_prefix('/') {
            if closing.starts_with(|c: char| c.is_ascii_alphabetic()) {
                depth = depth.saturating_sub(1);
            }
            continue;
        }
        if !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        let tag_end = rest.find('>').unwrap_or(rest.len());
        let self_closing = rest.get(..tag_end).is_some_and(|t| t.ends_with('/'));
        if !self_closing && !NON_NESTING.contains(&name.as_str()) {
            depth += 1;
            max = max.max(depth);
        }
    }
    max
}

/// Extracts metadata and the article text from an HTML page.
pub fn extract(source: &str) -> (Metadata, String) {
    let doc = Html::parse_document(source);
    let meta = Metadata {
        outlet: meta_content(
            &doc,
            &[
                "meta[property='og:site_name']",
                "meta[name='application-name']",
            ],
        ),
        title: meta_content(
            &doc,
            &[
                "meta[property='og:title']",
                "meta[name='twitter:title']",
                "title",
                "h1",
            ],
        ),
        date: meta_content(
            &doc,
            &[
                "meta[property='article:published_time']",
                "meta[name='date']",
                "meta[itemprop='datePublished']",
                "time[datetime]",
            ],
        )
        .and_then(|d| parse_date(&d)),
        url: meta_content(&doc, &["meta[property='og:url']", "link[rel='canonical']"]),
        author: meta_content(&doc, &["meta[name='author']"]),
        lang: Selector::parse("html").ok().and_then(|s| {
            doc.select(&s)
                .next()?
                .value()
                .attr("lang")
                .map(str::to_string)
        }),
        ..Metadata::default()
    };
    let root = ["article", "main", "body"]
        .iter()
        .find_map(|s| doc.select(&Selector::parse(s).ok()?).next())
        .unwrap_or_else(|| doc.root_element());
    let mut blocks = Vec::new();
    collect_blocks(root, &mut blocks);
    if blocks.is_empty() {
        let all = collapse(&root.text().collect::<String>());
        if !all.is_empty() {
            blocks.push(all);
        }
    }
    (meta, blocks.join("\n\n"))
}

/// Collects the text of block elements below `root`, in document order. Iterative, so
/// a page of 100,000 nested elements cannot overflow the stack.
fn collect_blocks(root: ElementRef<'_>, out: &mut Vec<String>) {
    let mut stack = vec![root];
    while let Some(element) = stack.pop() {
        let name = element.value().name();
        if SKIPPED.contains(&name) {
            continue;
        }
        let has_own_text = element.children().any(|c| match c.value() {
            Node::Text(t) => !t.trim().is_empty(),
            _ => false,
        });
        if BLOCKS.contains(&name) || has_own_text {
            let text = collapse(&block_text(element));
            if !text.is_empty() {
                out.push(text);
            }
            continue;
        }
        let children: Vec<ElementRef<'_>> =
            element.children().filter_map(ElementRef::wrap).collect();
        stack.extend(children.into_iter().rev());
    }
}

/// The text of a block, skipping scripts and the like; `<br>` becomes a space. One pass
/// over the subtree, counting how deep inside skipped elements it is.
fn block_text(block: ElementRef<'_>) -> String {
    let mut out = String::new();
    let mut skipped_depth = 0usize;
    for edge in block.traverse() {
        match edge {
            ego_tree::iter::Edge::Open(node) => match node.value() {
                Node::Element(e) if SKIPPED.contains(&e.name()) => skipped_depth += 1,
                Node::Element(e) if skipped_depth == 0 && e.name() == "br" => out.push(' '),
                Node::Text(t) if skipped_depth == 0 => out.push_str(t),
                _ => {}
            },
            ego_tree::iter::Edge::Close(node) => {
                if node
                    .value()
                    .as_element()
                    .is_some_and(|e| SKIPPED.contains(&e.name()))
                {
                    skipped_depth = skipped_depth.saturating_sub(1);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extracts_article_text_and_metadata() {
        let page = r#"<html lang="en"><head><title>Page title | Site</title>
            <meta property="og:site_name" content="Harbour Herald">
            <meta property="og:title" content="Dockers march on port">
            <meta property="article:published_time" content="2025-03-11T08:00:00Z">
            <script>var x = "<p>not text</p>";</script></head>
            <body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
            <article><h1>Dockers march on port</h1>
            <p>Thousands of <b>dockers</b> marched.<br>Police said little.</p>
            <aside>Related: other story</aside>
            <ul><li>One &amp; two</li></ul></article>
            <footer>© 2025</footer></body></html>"#;
        let (meta, body) = extract(page);
        assert_eq!(meta.outlet.as_deref(), Some("Harbour Herald"));
        assert_eq!(meta.title.as_deref(), Some("Dockers march on port"));
        assert_eq!(meta.date.as_deref(), Some("2025-03-11"));
        assert_eq!(meta.lang.as_deref(), Some("en"));
        assert_eq!(
            body,
            "Dockers march on port\n\nThousands of dockers marched. Police said little.\n\nOne & two"
        );
    }

    #[test]
    fn nesting_depth_counts_open_elements() {
        assert_eq!(nesting_depth("<div><p>a<p>b</div><div><br><img/></div>"), 1);
        assert_eq!(nesting_depth(&"<div>".repeat(50)), 50);
        assert_eq!(nesting_depth("<!-- <div> --> a < b"), 1);
    }

    #[test]
    fn deeply_nested_pages_do_not_overflow() {
        let depth = 2_000;
        let page = format!(
            "{}<p>deep text</p>{}",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        let (_, body) = extract(&page);
        assert!(body.contains("deep text"));
        let spans = format!(
            "<p>{}inner{}</p>",
            "<span>".repeat(depth),
            "</span>".repeat(depth)
        );
        let (_, body) = extract(&spans);
        assert_eq!(body, "inner");
    }

    #[test]
    fn script_text_never_reaches_the_body() {
        let (_, body) = extract("<body><p>Hello <script>alert(1)</script>world</p></body>");
        assert_eq!(body, "Hello world");
    }
}
