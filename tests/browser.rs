//! The report in a real browser: headless Chromium renders it (`--dump-dom` prints the
//! DOM after parsing and after any script would have run) and the test asserts on the
//! rendered page — one highlight per finding, explanations in the tooltips, and hostile
//! article text and lexicon text inert.
//!
//! Without Chromium the test is skipped with a notice, unless `CI` is set: there a
//! missing browser is a failure (`.ci/run` installs Debian's `chromium`).
//! `FRAMESCOPE_SCREENSHOT=docs/report.png cargo test --test browser` also refreshes
//! the README's screenshot of the example event.

use std::path::Path;
use std::process::Command;

use assert_cmd::cargo::CommandCargoExt;

const BROWSERS: &[&str] = &["chromium", "chromium-browser"];

/// The browser to use, or `None` (after a notice, or a panic in CI) when there is none.
fn browser() -> Option<&'static str> {
    for b in BROWSERS {
        if Command::new(b)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
        {
            return Some(b);
        }
    }
    if std::env::var_os("CI").is_some() {
        panic!("CI is set but no Chromium was found (tried {BROWSERS:?}); .ci/run installs it");
    }
    eprintln!("NOTICE: browser test skipped: Chromium is not installed (apt-get install chromium)");
    None
}

fn chromium(browser: &str, profile: &Path, extra: &[&str], page: &Path) -> String {
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap_or_else(|e| panic!("cannot run {browser}: {e}"));
    assert!(
        out.status.success(),
        "{browser} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn framescope(args: &[&str]) -> std::process::Output {
    Command::cargo_bin("framescope")
        .unwrap_or_else(|e| panic!("{e}"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{e}"))
}

fn report(dir: &Path, name: &str, args: &[&str]) -> std::path::PathBuf {
    let path = dir.join(name);
    let target = path.display().to_string();
    let mut all = args.to_vec();
    all.extend(["-o", target.as_str()]);
    let out = framescope(&all);
    assert!(
        out.status.success(),
        "report failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::canonicalize(&path).unwrap_or(path)
}

/// Undoes the escaping of a serialized attribute value.
fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
}

/// The attribute `name` of an element's opening tag.
fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let len = tag.get(start..)?.find('"')?;
    tag.get(start..start + len).map(unescape)
}

/// The opening tags of `<mark class="hl ...">` elements, in document order.
fn marks(dom: &str) -> Vec<&str> {
    dom.match_indices("<mark ")
        .filter_map(|(i, _)| {
            let rest = dom.get(i..)?;
            rest.get(..rest.find('>')? + 1)
        })
        .filter(|t| t.contains("class=\"hl "))
        .collect()
}

#[test]
fn report_renders_one_highlight_per_finding_with_explanations() {
    let Some(browser) = browser() else { return };
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let event = "examples/harbour-protest";
    let page = report(dir.path(), "report.html", &["report", event]);
    let dom = chromium(browser, &dir.path().join("profile"), &["--dump-dom"], &page);
    assert!(
        dom.contains("Framing report"),
        "no report in the DOM:\n{dom}"
    );

    // The findings `scan` reports on the same inputs.
    let scan = framescope(&["scan", "--format", "jsonl", event]);
    assert!(scan.status.success());
    let mut rules: Vec<String> = Vec::new();
    for line in String::from_utf8_lossy(&scan.stdout).lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}"));
        for f in v["findings"].as_array().into_iter().flatten() {
            rules.push(f["rule"].as_str().unwrap_or_default().to_string());
        }
    }
    assert!(!rules.is_empty());
    let marks = marks(&dom);
    assert_eq!(marks.len(), rules.len(), "one highlight per finding");

    // Highlights are in text order, article by article, as scan lists findings.
    let lexicon = framescope::Lexicon::default_pack().unwrap_or_else(|e| panic!("{e}"));
    for (tag, rule) in marks.iter().zip(&rules) {
        assert_eq!(
            attr(tag, "data-rule").as_deref(),
            Some(rule.as_str()),
            "{tag}"
        );
        let explain = lexicon.rule(rule).map(|r| r.explain.trim().to_string());
        let title = attr(tag, "title").unwrap_or_default();
        assert!(
            explain.is_some_and(|e| !e.is_empty() && title.contains(&e)),
            "tooltip of {rule} lacks its explanation: {title}"
        );
        assert_eq!(attr(tag, "tabindex").as_deref(), Some("0"), "{tag}");
        let note = attr(tag, "aria-describedby").unwrap_or_default();
        assert!(
            dom.contains(&format!("<li id=\"{note}\">")),
            "no footnote {note}"
        );
    }
    // The page asks for nothing from the network and runs no script.
    assert!(!dom.contains("<script"));
    assert!(!dom.contains("src=\"http") && !dom.contains("href=\"http"));

    if let Some(shot) = std::env::var_os("FRAMESCOPE_SCREENSHOT") {
        let shot = std::path::PathBuf::from(shot);
        let shot = std::env::current_dir().map_or(shot.clone(), |d| d.join(&shot));
        chromium(
            browser,
            &dir.path().join("profile"),
            &[
                &format!("--screenshot={}", shot.display()),
                "--window-size=1280,2000",
                "--hide-scrollbars",
            ],
            &page,
        );
        assert!(shot.exists());
    }

    // The exercise version: no highlights, the questions still there.
    let page = report(
        dir.path(),
        "exercise.html",
        &["report", "--no-answers", event],
    );
    let dom = chromium(browser, &dir.path().join("profile"), &["--dump-dom"], &page);
    assert_eq!(crate::marks(&dom).len(), 0);
    assert!(dom.contains("id=\"questions\""));
    assert!(dom.contains("class=\"questions\""));
}

#[test]
fn hostile_text_renders_as_inert_text() {
    let Some(browser) = browser() else { return };
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let page = report(
        dir.path(),
        "hostile.html",
        &[
            "--no-default-lexicon",
            "--lexicon",
            "tests/fixtures/hostile/pack",
            "report",
            "tests/fixtures/hostile/event",
        ],
    );
    let dom = chromium(browser, &dir.path().join("profile"), &["--dump-dom"], &page);
    // No element came out of the article, its metadata or the lexicon.
    assert!(
        !dom.contains("<script"),
        "a script element was created:\n{dom}"
    );
    assert!(!dom.contains("<img"), "an img element was created:\n{dom}");
    assert!(
        !dom.contains("<b>"),
        "markup in front matter became an element"
    );
    // ...and the payloads are there, as text.
    for text in [
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "&lt;img src=x onerror=alert(1)&gt;",
        "&lt;script&gt;alert('title')&lt;/script&gt;",
        "&lt;img src=x onerror=alert('outlet')&gt;",
        "&lt;img src=x onerror=alert('description')&gt;",
    ] {
        assert!(dom.contains(text), "{text} is not in the page as text");
    }
    // The explanation with markup is in the tooltip as text.
    let marks = marks(&dom);
    assert_eq!(marks.len(), 1);
    let title = marks
        .first()
        .and_then(|t| attr(t, "title"))
        .unwrap_or_default();
    assert!(
        title.contains("<img src=x onerror=alert('explain')> unproven & \"doubtful\""),
        "{title}"
    );
}
