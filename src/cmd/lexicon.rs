//! `framescope lexicon check|test|list|explain`.

use std::io::Write;

use framescope::detect::examples::run_examples;
use framescope::render::table::new_table;

use super::{load_lexicon, output_result, CmdError, Outcome};
use crate::cli::{LexiconArgs, LexiconCommand};

pub fn run(args: &LexiconArgs, cmd: LexiconCommand) -> Result<Outcome, CmdError> {
    let mut out = std::io::stdout().lock();
    match cmd {
        LexiconCommand::Check { path } => {
            let lexicon = load_lexicon(args, path.as_deref())?;
            let terms: usize = lexicon.rules().iter().map(|r| r.terms.len()).sum();
            let patterns: usize = lexicon.rules().iter().map(|r| r.patterns.len()).sum();
            output_result(
                writeln!(
                    out,
                    "ok: {} categories, {} rules ({} terms, {} patterns), {} actors, {} boilerplate patterns",
                    lexicon.categories().len(),
                    lexicon.rules().len(),
                    terms,
                    patterns,
                    lexicon.actors().len(),
                    lexicon.boilerplate().len()
                ),
                "stdout",
            )?;
            Ok(Outcome::Success)
        }
        LexiconCommand::Test { path } => {
            let lexicon = load_lexicon(args, path.as_deref())?;
            let report = run_examples(&lexicon);
            for f in &report.failures {
                output_result(writeln!(out, "FAIL {f}"), "stdout")?;
            }
            output_result(
                writeln!(
                    out,
                    "{} passed, {} failed",
                    report.run - report.failures.len(),
                    report.failures.len()
                ),
                "stdout",
            )?;
            Ok(if report.failures.is_empty() {
                Outcome::Success
            } else {
                Outcome::SomeFailed
            })
        }
        LexiconCommand::List => {
            let lexicon = load_lexicon(args, None)?;
            let mut t = new_table(&["rule", "weight", "terms and patterns"]);
            for cat in lexicon.categories() {
                for r in lexicon
                    .rules()
                    .iter()
                    .filter(|r| r.category.as_ref() == cat.name)
                {
                    let mut what: Vec<String> = r.terms.iter().take(6).cloned().collect();
                    if r.terms.len() > 6 {
                        what.push(format!("… {} more", r.terms.len() - 6));
                    }
                    what.extend(r.patterns.iter().map(|p| format!("/{p}/")));
                    if let Some(d) = r.detector {
                        what.push(format!("detector: {d:?}"));
                    }
                    t.add_row(vec![
                        r.id.to_string(),
                        r.weight.to_string(),
                        what.join(", "),
                    ]);
                }
            }
            output_result(writeln!(out, "{t}"), "stdout")?;
            Ok(Outcome::Success)
        }
        LexiconCommand::Explain { rule_id } => {
            let lexicon = load_lexicon(args, None)?;
            let Some(rule) = lexicon.rule(&rule_id) else {
                let hint = lexicon.suggest_rule(&rule_id).map_or(
                    String::from(" (`framescope lexicon list` shows them all)"),
                    |h| format!(" ({h})"),
                );
                return Err(CmdError::Usage(format!("no rule `{rule_id}`{hint}")));
            };
            let category = lexicon.category(&rule.category);
            let mut text = format!(
                "{}\ncategory: {}{}\nweight: {}\n\n{}\n",
                rule.id,
                rule.category,
                category.map_or(String::new(), |c| format!(" ({})", c.title)),
                rule.weight,
                rule.explain
            );
            if !rule.terms.is_empty() {
                text.push_str(&format!("\nterms: {}\n", rule.terms.join(", ")));
            }
            if !rule.patterns.is_empty() {
                text.push_str(&format!("patterns: {}\n", rule.patterns.join("  ")));
            }
            if !rule.exceptions.is_empty() {
                text.push_str(&format!("not when: {}\n", rule.exceptions.join(", ")));
            }
            for e in &rule.examples.matches {
                text.push_str(&format!("  flags:   {e}\n"));
            }
            for e in &rule.examples.no_match {
                text.push_str(&format!("  ignores: {e}\n"));
            }
            output_result(out.write_all(text.as_bytes()), "stdout")?;
            Ok(Outcome::Success)
        }
    }
}
