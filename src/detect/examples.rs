//! Runs the example sentences stored with every rule and boilerplate pattern: each
//! `match` must produce a finding of its rule, each `no_match` must not. `cargo test`
//! and `framescope lexicon test` both use this.

use crate::article::Article;
use crate::lexicon::Lexicon;

/// One example that did not behave as its rule says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleFailure {
    /// The rule or boilerplate id.
    pub id: String,
    /// The file the rule came from.
    pub source: String,
    /// The example sentence.
    pub example: String,
    /// True for a `match` example that found nothing, false for a `no_match` example
    /// that found something.
    pub expected_match: bool,
}

impl std::fmt::Display for ExampleFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.expected_match {
            write!(
                f,
                "{}: {}: match example found nothing: {:?}",
                self.source, self.id, self.example
            )
        } else {
            write!(
                f,
                "{}: {}: no_match example matched: {:?}",
                self.source, self.id, self.example
            )
        }
    }
}

/// Counts of examples run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExampleReport {
    /// Examples run.
    pub run: usize,
    /// Examples that failed.
    pub failures: Vec<ExampleFailure>,
}

/// Runs every example of every rule and boilerplate pattern of `lexicon`.
pub fn run_examples(lexicon: &Lexicon) -> ExampleReport {
    let mut report = ExampleReport::default();
    let mut check = |id: &str, source: &str, example: &str, expected: bool, found: bool| {
        report.run += 1;
        if found != expected {
            report.failures.push(ExampleFailure {
                id: id.to_string(),
                source: source.to_string(),
                example: example.to_string(),
                expected_match: expected,
            });
        }
    };
    for rule in lexicon.rules() {
        let cases = rule
            .examples
            .matches
            .iter()
            .map(|e| (e, true))
            .chain(rule.examples.no_match.iter().map(|e| (e, false)));
        for (example, expected) in cases {
            let analysis = super::analyze(&Article::from_text(example), lexicon);
            let found = analysis.findings.iter().any(|f| f.rule == rule.id);
            check(&rule.id, &rule.source, example, expected, found);
        }
    }
    for b in lexicon.boilerplate() {
        let cases = b
            .examples
            .matches
            .iter()
            .map(|e| (e, true))
            .chain(b.examples.no_match.iter().map(|e| (e, false)));
        for (example, expected) in cases {
            let found = crate::lexicon::Lexicon::from_boilerplate_rule(b)
                .map(|re| re.is_match(example))
                .unwrap_or(false);
            check(&b.id, &b.source, example, expected, found);
        }
    }
    report
}
