//! Reading pack files and validating them into rules, actors and settings. Every
//! rejection names the file, the line and column where it can be found, and a hint.

use std::collections::{BTreeSet, HashSet};
use std::path::Path;
use std::sync::Arc;

use super::error::{did_you_mean, locate};
use super::schema::{PackFile, RuleSpec};
use super::{
    Actor, BoilerplateRule, Category, Label, Lexicon, LexiconError, QuotationSettings, Rule,
};

/// Largest lexicon file read, so a stray huge file cannot exhaust memory.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;
/// Largest number of literal terms and phrases across all loaded packs.
pub const MAX_TERMS: usize = 1_000_000;
/// Compiled size limit of one regular expression, in bytes.
pub const REGEX_SIZE_LIMIT: usize = 1 << 20;

const DEFAULT_SCARE_MAX_WORDS: usize = 4;

/// Reads a pack: every `.yaml`/`.yml` file of a folder (recursively, sorted, the
/// manifest `pack.yaml` first), or one file.
pub fn read_pack_files(path: &Path) -> Result<Vec<(String, String)>, LexiconError> {
    let display = path.display().to_string();
    let meta = std::fs::metadata(path)
        .map_err(|e| LexiconError::new(&display, format!("cannot read lexicon: {e}")))?;
    let mut paths = Vec::new();
    if meta.is_dir() {
        collect_yaml(path, &mut paths)
            .map_err(|e| LexiconError::new(&display, format!("cannot list lexicon folder: {e}")))?;
        paths.sort_by_key(|p| (p.file_name().is_none_or(|n| n != "pack.yaml"), p.clone()));
        if paths.is_empty() {
            return Err(LexiconError::new(&display, "no .yaml files in this folder")
                .hint("a pack is a folder of YAML files; see docs/LEXICON.md"));
        }
    } else {
        paths.push(path.to_path_buf());
    }
    let mut files = Vec::new();
    for p in paths {
        let name = p.display().to_string();
        let size = std::fs::metadata(&p).map(|m| m.len()).unwrap_or(0);
        if size > MAX_FILE_BYTES {
            return Err(LexiconError::new(
                &name,
                format!("file is {size} bytes; the limit for one lexicon file is {MAX_FILE_BYTES}"),
            )
            .hint("split the pack into several files"));
        }
        let bytes =
            std::fs::read(&p).map_err(|e| LexiconError::new(&name, format!("cannot read: {e}")))?;
        let text = String::from_utf8(bytes).map_err(|e| {
            LexiconError::new(
                &name,
                format!("not valid UTF-8 (at byte {})", e.utf8_error().valid_up_to()),
            )
        })?;
        files.push((name, text));
    }
    Ok(files)
}

fn collect_yaml(dir: &Path, out: &mut Vec<std::path::PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        if hidden {
            continue;
        }
        if entry.file_type()?.is_dir() {
            collect_yaml(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            out.push(path);
        }
    }
    Ok(())
}

/// Accumulates validated pack files; `finish` compiles them.
#[derive(Default)]
pub struct PackBuilder {
    categories: Vec<Category>,
    rules: Vec<Rule>,
    actors: Vec<Actor>,
    boilerplate: Vec<BoilerplateRule>,
    quotations: QuotationSettings,
    scare_max_words: Option<usize>,
    rule_ids: HashSet<String>,
    actor_ids: HashSet<String>,
    boilerplate_ids: HashSet<String>,
    stopwords: BTreeSet<String>,
    terms: usize,
}

impl PackBuilder {
    /// Adds the files of one pack, in order (the manifest first).
    pub fn add_files(&mut self, files: Vec<(String, String)>) -> Result<(), LexiconError> {
        for (name, text) in &files {
            self.add_file(name, text)?;
        }
        Ok(())
    }

    fn add_file(&mut self, file: &str, source: &str) -> Result<(), LexiconError> {
        let parsed: Option<PackFile> =
            serde_yaml::from_str(source).map_err(|e| yaml_error(file, &e))?;
        let Some(pack) = parsed else {
            return Err(LexiconError::new(file, "the file is empty")
                .hint("a pack file is a mapping with `rules`, `actors`, `boilerplate`, `quotations` or `categories`"));
        };
        let kinds = [
            pack.categories.is_some() || pack.name.is_some() || pack.language.is_some(),
            pack.category.is_some() || pack.rules.is_some() || pack.title.is_some(),
            pack.actors.is_some(),
            pack.boilerplate.is_some(),
            pack.quotations.is_some(),
            pack.stopwords.is_some(),
        ];
        match kinds.iter().filter(|k| **k).count() {
            0 => {
                return Err(LexiconError::new(file, "the file declares nothing").hint(
                    "a pack file has `rules`, `actors`, `boilerplate`, `quotations` or `categories`",
                ))
            }
            1 => {}
            _ => {
                return Err(LexiconError::new(
                    file,
                    "the file mixes kinds: a file is a manifest, a category, actors, boilerplate, quotations or stopwords",
                )
                .hint("split it into one file per kind"))
            }
        }
        if let Some(names) = &pack.categories {
            self.add_manifest(file, source, names, pack.description.as_deref())?;
        }
        if pack.category.is_some() || pack.rules.is_some() {
            self.add_category_file(
                file,
                source,
                pack.category,
                pack.title,
                pack.description,
                pack.rules,
            )?;
        }
        if let Some(actors) = pack.actors {
            self.add_actors(file, source, actors)?;
        }
        if let Some(items) = pack.boilerplate {
            self.add_boilerplate(file, source, items)?;
        }
        for w in pack.stopwords.unwrap_or_default() {
            let w = w.trim().to_lowercase();
            if !w.is_empty() {
                self.stopwords.insert(w);
            }
        }
        if let Some(q) = pack.quotations {
            if let Some(n) = q.scare_max_words {
                if n == 0 || n > 50 {
                    return Err(LexiconError::new(file, format!("scare_max_words is {n}"))
                        .at(locate(source, "scare_max_words", 0))
                        .hint("use a number of words from 1 to 50"));
                }
                self.scare_max_words = Some(n);
            }
            for (list, words) in [
                (&mut self.quotations.verbs, q.verbs),
                (&mut self.quotations.prepositions, q.prepositions),
                (&mut self.quotations.stance_verbs, q.stance_verbs),
                (&mut self.quotations.speakers, q.speakers),
            ] {
                for w in words {
                    let w = w.trim().to_string();
                    if w.is_empty() {
                        return Err(LexiconError::new(file, "an empty word in `quotations`")
                            .at(locate(source, "quotations", 0)));
                    }
                    if !list.contains(&w) {
                        list.push(w);
                    }
                }
            }
        }
        Ok(())
    }

    fn add_manifest(
        &mut self,
        file: &str,
        source: &str,
        names: &[String],
        _description: Option<&str>,
    ) -> Result<(), LexiconError> {
        for name in names {
            if !is_identifier(name) {
                return Err(LexiconError::new(
                    file,
                    format!("category name `{name}` is not snake_case"),
                )
                .at(locate(source, name, 0))
                .hint("use lower-case letters, digits and underscores"));
            }
            if !self.categories.iter().any(|c| &c.name == name) {
                self.categories.push(Category {
                    name: name.clone(),
                    title: name.replace('_', " "),
                    description: String::new(),
                });
            }
        }
        Ok(())
    }

    fn add_category_file(
        &mut self,
        file: &str,
        source: &str,
        category: Option<String>,
        title: Option<String>,
        description: Option<String>,
        rules: Option<Vec<RuleSpec>>,
    ) -> Result<(), LexiconError> {
        let Some(category) = category else {
            return Err(LexiconError::new(file, "rules without a `category`")
                .at(locate(source, "rules", 0))
                .hint("add `category: NAME` at the top of the file"));
        };
        let Some(index) = self.categories.iter().position(|c| c.name == category) else {
            let known: Vec<&str> = self.categories.iter().map(|c| c.name.as_str()).collect();
            let hint = did_you_mean(&category, known.iter().copied()).unwrap_or_else(|| {
                if known.is_empty() {
                    "declare categories in the pack's pack.yaml (`categories: [...]`)".to_string()
                } else {
                    format!(
                        "known categories: {}; declare new ones in pack.yaml",
                        known.join(", ")
                    )
                }
            });
            return Err(
                LexiconError::new(file, format!("unknown category `{category}`"))
                    .at(locate(source, &category, 0))
                    .hint(hint),
            );
        };
        if let Some(cat) = self.categories.get_mut(index) {
            if let Some(t) = title {
                cat.title = t;
            }
            if let Some(d) = description {
                cat.description = d.split_whitespace().collect::<Vec<_>>().join(" ");
            }
        }
        let category_name: Arc<str> = Arc::from(category.as_str());
        for spec in rules.unwrap_or_default() {
            let rule = self.validate_rule(file, source, &category_name, spec)?;
            self.rules.push(rule);
        }
        Ok(())
    }

    fn validate_rule(
        &mut self,
        file: &str,
        source: &str,
        category: &Arc<str>,
        spec: RuleSpec,
    ) -> Result<Rule, LexiconError> {
        let at = |nth| locate(source, &spec.id, nth);
        let (prefix, name) = spec.id.split_once('.').unwrap_or(("", spec.id.as_str()));
        if prefix != category.as_ref() || !is_identifier(name) {
            return Err(LexiconError::new(
                file,
                format!("rule id `{}` must be `{category}.NAME`", spec.id),
            )
            .at(at(0))
            .hint("the prefix is the file's category; NAME uses lower-case letters, digits and underscores"));
        }
        if !self.rule_ids.insert(spec.id.clone()) {
            let nth = source.matches(spec.id.as_str()).count().saturating_sub(1);
            return Err(
                LexiconError::new(file, format!("duplicate rule id `{}`", spec.id))
                    .at(locate(source, &spec.id, nth))
                    .hint("every rule id must be unique across all loaded packs"),
            );
        }
        let has_literal = !spec.terms.is_empty() || !spec.patterns.is_empty();
        match (spec.detector, has_literal) {
            (None, false) => {
                return Err(LexiconError::new(
                    file,
                    format!("rule `{}` has no terms, patterns or detector", spec.id),
                )
                .at(at(0))
                .hint("add `terms: [...]` or `patterns: [...]`"))
            }
            (Some(_), true) => {
                return Err(LexiconError::new(
                    file,
                    format!("rule `{}` has a detector and terms or patterns", spec.id),
                )
                .at(at(0))
                .hint("a detector rule takes its matches from the detector; move the terms to another rule"))
            }
            _ => {}
        }
        if spec.explain.trim().is_empty() {
            return Err(LexiconError::new(
                file,
                format!("rule `{}` has an empty `explain`", spec.id),
            )
            .at(at(0))
            .hint("say in a sentence what the device does and why it matters"));
        }
        let weight = spec.weight.unwrap_or(1.0);
        if !(weight.is_finite() && weight > 0.0 && weight <= 10.0) {
            return Err(
                LexiconError::new(file, format!("rule `{}` has weight {weight}", spec.id))
                    .at(locate(source, "weight", 0))
                    .hint("use a weight above 0 and at most 10"),
            );
        }
        for term in spec.terms.iter().chain(&spec.exceptions) {
            if crate::text::normalize::normalize_term(term).is_empty() {
                return Err(LexiconError::new(
                    file,
                    format!("rule `{}` has an empty term", spec.id),
                )
                .at(at(0)));
            }
        }
        self.terms += spec.terms.len() + spec.exceptions.len();
        if self.terms > MAX_TERMS {
            return Err(LexiconError::new(
                file,
                format!("more than {MAX_TERMS} terms in the loaded packs"),
            )
            .hint("the limit keeps the compiled matcher in memory; split the work across runs"));
        }
        for pattern in &spec.patterns {
            if let Err(e) = super::compile::build_regex(pattern, spec.case_sensitive, false) {
                return Err(LexiconError::new(
                    file,
                    format!(
                        "rule `{}`: bad pattern `{pattern}`: {}",
                        spec.id,
                        one_line(&e.to_string())
                    ),
                )
                .at(locate(source, pattern, 0).or(at(0)))
                .hint("patterns use Rust regex syntax (no look-around, no backreferences)"));
            }
        }
        Ok(Rule {
            id: Arc::from(spec.id.as_str()),
            category: category.clone(),
            terms: spec.terms,
            patterns: spec.patterns,
            detector: spec.detector,
            case_sensitive: spec.case_sensitive,
            weight,
            explain: spec
                .explain
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
            exceptions: spec.exceptions,
            examples: spec.examples.unwrap_or_default(),
            source: file.to_string(),
        })
    }

    fn add_actors(
        &mut self,
        file: &str,
        source: &str,
        actors: Vec<super::schema::ActorSpec>,
    ) -> Result<(), LexiconError> {
        for a in actors {
            if a.id.trim().is_empty() || !self.actor_ids.insert(a.id.clone()) {
                return Err(LexiconError::new(
                    file,
                    format!("duplicate or empty actor id `{}`", a.id),
                )
                .at(locate(source, &a.id, 1).or(locate(source, &a.id, 0)))
                .hint("every actor id must be unique"));
            }
            if a.labels.is_empty() || a.labels.iter().any(|l| l.terms.is_empty()) {
                return Err(LexiconError::new(
                    file,
                    format!("actor `{}` has a label without terms", a.id),
                )
                .at(locate(source, &a.id, 0)));
            }
            for term in a.labels.iter().flat_map(|l| &l.terms) {
                if crate::text::normalize::normalize_term(term).is_empty() {
                    return Err(LexiconError::new(
                        file,
                        format!("actor `{}` has an empty term", a.id),
                    )
                    .at(locate(source, &a.id, 0)));
                }
            }
            self.terms += a.labels.iter().map(|l| l.terms.len()).sum::<usize>();
            self.actors.push(Actor {
                id: a.id.into(),
                name: a.name,
                labels: a
                    .labels
                    .into_iter()
                    .map(|l| Label {
                        terms: l.terms.into_iter().map(Arc::from).collect(),
                        tone: l.tone,
                        case_sensitive: l.case_sensitive,
                    })
                    .collect(),
            });
        }
        Ok(())
    }

    fn add_boilerplate(
        &mut self,
        file: &str,
        source: &str,
        items: Vec<super::schema::BoilerplateSpec>,
    ) -> Result<(), LexiconError> {
        for b in items {
            if !self.boilerplate_ids.insert(b.id.clone()) {
                return Err(LexiconError::new(
                    file,
                    format!("duplicate boilerplate id `{}`", b.id),
                )
                .at(locate(source, &b.id, 1).or(locate(source, &b.id, 0))));
            }
            if let Err(e) = super::compile::build_regex(&b.pattern, true, true) {
                return Err(LexiconError::new(
                    file,
                    format!(
                        "boilerplate `{}`: bad pattern: {}",
                        b.id,
                        one_line(&e.to_string())
                    ),
                )
                .at(locate(source, &b.id, 0))
                .hint("patterns use Rust regex syntax (no look-around, no backreferences)"));
            }
            self.boilerplate.push(BoilerplateRule {
                id: b.id,
                pattern: b.pattern,
                explain: b.explain.split_whitespace().collect::<Vec<_>>().join(" "),
                examples: b.examples.unwrap_or_default(),
                source: file.to_string(),
            });
        }
        Ok(())
    }

    /// Checks the whole and compiles the matchers.
    pub fn finish(mut self) -> Result<Lexicon, LexiconError> {
        if self.categories.is_empty() {
            return Err(LexiconError::new("<lexicon>", "no categories are declared")
                .hint("a pack needs a pack.yaml with `categories: [...]`, or load it beside the default pack"));
        }
        let scare: Vec<&Rule> = self.rules.iter().filter(|r| r.detector.is_some()).collect();
        if scare.len() > 1 {
            let ids: BTreeSet<&str> = scare.iter().map(|r| r.id.as_ref()).collect();
            return Err(LexiconError::new(
                &scare.last().map_or(String::new(), |r| r.source.clone()),
                format!(
                    "more than one rule uses the scare_quote detector: {}",
                    ids.into_iter().collect::<Vec<_>>().join(", ")
                ),
            )
            .hint("keep one; the others would count every scare quote twice"));
        }
        self.quotations.scare_max_words = self.scare_max_words.unwrap_or(DEFAULT_SCARE_MAX_WORDS);
        // Rules in the order of the declared categories (file order within one), so
        // that when two rules match the same words the earlier category wins however
        // the files were read: from a folder (sorted by name) or embedded.
        let categories = &self.categories;
        self.rules.sort_by_key(|r| {
            categories
                .iter()
                .position(|c| c.name == r.category.as_ref())
                .unwrap_or(usize::MAX)
        });
        let matchers = super::compile::Matchers::build(
            &self.rules,
            &self.actors,
            &self.boilerplate,
            &self.quotations,
            &self.stopwords,
        )
        .map_err(|message| LexiconError::new("<lexicon>", message))?;
        Ok(Lexicon {
            categories: self.categories,
            rules: self.rules,
            actors: self.actors,
            boilerplate: self.boilerplate,
            quotations: self.quotations,
            stopwords: self.stopwords,
            matchers,
        })
    }
}

fn is_identifier(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn one_line(message: &str) -> String {
    message.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Turns a serde_yaml error into a positioned error with a "did you mean" hint for
/// misspelt keys and values.
fn yaml_error(file: &str, error: &serde_yaml::Error) -> LexiconError {
    let full = error.to_string();
    let message = match full.find(" at line ") {
        Some(i) => full.get(..i).unwrap_or(&full).to_string(),
        None => full.clone(),
    };
    let position = error.location().map(|l| (l.line(), l.column()));
    let mut err = LexiconError::new(file, one_line(&message)).at(position);
    if let Some(hint) = unknown_name_hint(&message) {
        err = err.hint(hint);
    } else if message.contains("recursion limit") || message.contains("repetition limit") {
        err = err.hint("the file expands aliases beyond the loader's limit; write the values out");
    }
    err
}

/// For serde's "unknown field `x`, expected one of `a`, `b`" (or variant), the closest
/// expected name.
fn unknown_name_hint(message: &str) -> Option<String> {
    let rest = message
        .split_once("unknown field `")
        .or_else(|| message.split_once("unknown variant `"))?
        .1;
    let (word, expected) = rest.split_once('`')?;
    let candidates: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    did_you_mean(word, candidates.iter().copied())
        .or_else(|| Some(format!("expected one of: {}", candidates.join(", "))))
}

#[cfg(test)]
mod tests {
    use super::*;

    const MANIFEST: (&str, &str) = ("pack.yaml", "categories: [doubt, label]\n");

    fn load(files: &[(&str, &str)]) -> Result<Lexicon, LexiconError> {
        Lexicon::from_files(files)
    }

    #[test]
    fn misspelt_key_gets_position_and_suggestion() {
        let yaml =
            "category: doubt\nrules:\n  - id: doubt.alleged\n    term: [alleged]\n    explain: x\n";
        let err = load(&[MANIFEST, ("doubt.yaml", yaml)]).err();
        let err = err.map(|e| e.to_string()).unwrap_or_default();
        assert!(err.starts_with("doubt.yaml:4:"), "{err}");
        assert!(err.contains("unknown field `term`"), "{err}");
        assert!(err.contains("did you mean `terms`?"), "{err}");
    }

    #[test]
    fn unknown_category_suggests_the_close_one() {
        let yaml = "category: dobut\nrules: []\n";
        let err = load(&[MANIFEST, ("x.yaml", yaml)])
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some("x.yaml:1:11: unknown category `dobut` (did you mean `doubt`?)")
        );
    }

    #[test]
    fn duplicate_rule_id_points_at_the_second() {
        let yaml = "category: doubt\nrules:\n  - id: doubt.a\n    terms: [x]\n    explain: e\n  - id: doubt.a\n    terms: [y]\n    explain: e\n";
        let err = load(&[MANIFEST, ("d.yaml", yaml)])
            .err()
            .map(|e| e.to_string());
        assert!(
            err.as_deref()
                .unwrap_or("")
                .starts_with("d.yaml:6:9: duplicate rule id"),
            "{err:?}"
        );
    }

    #[test]
    fn bad_regex_is_rejected_with_its_line() {
        let yaml = "category: doubt\nrules:\n  - id: doubt.a\n    patterns: ['(unclosed']\n    explain: e\n";
        let err = load(&[MANIFEST, ("d.yaml", yaml)])
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.starts_with("d.yaml:4:"), "{err}");
        assert!(err.contains("bad pattern"), "{err}");
    }

    #[test]
    fn rule_id_prefix_must_be_the_category() {
        let yaml = "category: doubt\nrules:\n  - id: label.a\n    terms: [x]\n    explain: e\n";
        let err = load(&[MANIFEST, ("d.yaml", yaml)])
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("must be `doubt.NAME`"), "{err}");
    }

    #[test]
    fn yaml_syntax_errors_have_positions() {
        let err = load(&[MANIFEST, ("d.yaml", "category: doubt\nrules: [\n")])
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.starts_with("d.yaml:"), "{err}");
        assert!(err.chars().filter(|c| *c == ':').count() >= 3, "{err}");
    }

    #[test]
    fn alias_bombs_are_refused() {
        let mut yaml = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
        let mut prev = 'a';
        for name in 'b'..='j' {
            yaml.push_str(&format!("{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
            prev = name;
        }
        yaml.push_str("categories: *j\n");
        let err = load(&[("bomb.yaml", &yaml)])
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.starts_with("bomb.yaml"), "{err}");
    }

    #[test]
    fn mixed_kinds_are_rejected() {
        let err = load(&[("p.yaml", "categories: [doubt]\nactors: []\n")])
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("mixes kinds"), "{err}");
    }
}
