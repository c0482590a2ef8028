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

fn collect_blocks(element: ElementRef<'_>, out: &mut Vec<String>) {
    let name = element.value().name();
    if SKIPPED.contains(&name) {
        return;
    }
    let has_own_text = element.children().any(|c| match c.value() {
        Node::Text(t) => !t.trim().is_empty(),
        _ => false,
    });
    if BLOCKS.contains(&name) || has_own_text {
        let mut text = String::new();
        block_text(element, &mut text);
        let text = collapse(&text);
        if !text.is_empty() {
            out.push(text);
        }
        return;
    }
    for child in element.children().filter_map(ElementRef::wrap) {
        collect_blocks(child, out);
    }
}

fn block_text(element: ElementRef<'_>, out: &mut String) {
    for child in element.children() {
        match child.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) if e.name() == "br" => out.push(' '),
            Node::Element(e) if SKIPPED.contains(&e.name()) => {}
            Node::Element(_) => {
                if let Some(el) = ElementRef::wrap(child) {
                    block_text(el, out);
                }
            }
            _ => {}
        }
    }
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
    fn script_text_never_reaches_the_body() {
        let (_, body) = extract("<body><p>Hello <script>alert(1)</script>world</p></body>");
        assert_eq!(body, "Hello world");
    }
}
