//! Lexicon packs: the YAML schema, loading with precise errors, the embedded default
//! pack, and compilation into the matchers the detectors use. A compiled [`Lexicon`] is
//! built once and shared read-only (it is `Send + Sync`).

mod automaton;
mod compile;
mod embedded;
mod error;
mod gate;
mod load;
pub mod schema;

use std::path::PathBuf;
use std::sync::Arc;

#[cfg(test)]
pub(crate) use compile::test_support;
pub(crate) use compile::{CueKind, Matchers, TermEntry, TermTarget, NON_ASCII_CASE_FOLDS};
pub use embedded::DEFAULT_PACK_FILES;
pub use error::LexiconError;
pub(crate) use gate::{
    word_byte_at, word_byte_before, GatedSearch, MatchStarts, PatternGate, MAX_SETS,
};
pub use schema::{DetectorKind, ExamplesSpec, Tone};

/// A category of framing device, declared by a pack's manifest.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Category {
    /// The name rules use (`doubt`).
    pub name: String,
    /// A short display title (`Expressions of doubt`).
    pub title: String,
    /// What the category is, in a sentence.
    pub description: String,
}

/// One rule of a category.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Rule {
    /// `category.name`.
    pub id: Arc<str>,
    /// The category name.
    pub category: Arc<str>,
    /// Literal terms.
    pub terms: Vec<String>,
    /// Regular expressions.
    pub patterns: Vec<String>,
    /// The built-in detector the rule is attached to, if any.
    pub detector: Option<DetectorKind>,
    /// Whether terms and patterns match case-sensitively.
    pub case_sensitive: bool,
    /// The weight of one finding.
    pub weight: f64,
    /// What the device does, for a student.
    pub explain: String,
    /// Phrases in which the rule's terms are not framing.
    pub exceptions: Vec<String>,
    /// The rule's own test sentences.
    #[serde(skip)]
    pub examples: ExamplesSpec,
    /// The file the rule came from.
    pub source: String,
}

/// A label an actor can be given, with its tone.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Label {
    /// The words of the label, shared with the mentions that name them.
    pub terms: Vec<Arc<str>>,
    /// The tone the label carries.
    pub tone: Tone,
    /// Whether the label matches case-sensitively.
    pub case_sensitive: bool,
}

/// A party whose naming comparisons line up.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Actor {
    /// Stable identifier (`syria.government`), shared with the mentions of the actor.
    pub id: Arc<str>,
    /// Display name.
    pub name: String,
    /// The labels outlets choose between.
    pub labels: Vec<Label>,
}

/// A line pattern marking page furniture to skip.
#[derive(Debug, Clone, serde::Serialize)]
pub struct BoilerplateRule {
    /// Identifier (`promo.read_more`).
    pub id: String,
    /// The regular expression, matched per line.
    pub pattern: String,
    /// Why such lines are skipped.
    pub explain: String,
    /// The pattern's own test lines.
    #[serde(skip)]
    pub examples: ExamplesSpec,
    /// The file it came from.
    pub source: String,
}

/// Settings of the quotation detector.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct QuotationSettings {
    /// An unattributed quotation of at most this many words is a scare quote.
    pub scare_max_words: usize,
    /// Speech verbs: "X said", "said X".
    pub verbs: Vec<String>,
    /// Attribution prepositions: "according to X".
    pub prepositions: Vec<String>,
    /// Verbs of thought and stance ("believes", "wants", "opposes"): they attribute
    /// only with a speaker found next to them ("the mayor believes that...").
    pub stance_verbs: Vec<String>,
    /// Common nouns that can head a speaker phrase.
    pub speakers: Vec<String>,
}

/// Where to load packs from.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// Include the embedded default English pack.
    pub default_pack: bool,
    /// Further packs: folders of YAML files, or single YAML files.
    pub extra: Vec<PathBuf>,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            default_pack: true,
            extra: Vec::new(),
        }
    }
}

/// A compiled lexicon: categories, rules, actors, boilerplate patterns and quotation
/// settings, with their matchers built once.
#[derive(Debug)]
pub struct Lexicon {
    categories: Vec<Category>,
    rules: Vec<Rule>,
    actors: Vec<Actor>,
    boilerplate: Vec<BoilerplateRule>,
    quotations: QuotationSettings,
    stopwords: std::collections::BTreeSet<String>,
    pub(crate) matchers: Matchers,
}

impl Lexicon {
    /// The embedded default English pack.
    pub fn default_pack() -> Result<Lexicon, LexiconError> {
        Lexicon::load(&LoadOptions::default())
    }

    /// Loads and compiles the packs `options` names, in order.
    pub fn load(options: &LoadOptions) -> Result<Lexicon, LexiconError> {
        let mut builder = load::PackBuilder::default();
        if options.default_pack {
            builder.add_files(embedded::default_pack_files())?;
        }
        for path in &options.extra {
            builder.add_files(load::read_pack_files(path)?)?;
        }
        builder.finish()
    }

    /// Compiles a lexicon from in-memory files `(name, yaml)`, as if they were one pack.
    pub fn from_files(files: &[(&str, &str)]) -> Result<Lexicon, LexiconError> {
        let mut builder = load::PackBuilder::default();
        builder.add_files(
            files
                .iter()
                .map(|(name, text)| (name.to_string(), text.to_string()))
                .collect(),
        )?;
        builder.finish()
    }

    /// The declared categories, in display order.
    pub fn categories(&self) -> &[Category] {
        &self.categories
    }

    /// All rules, in load order.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// The rule with this id.
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id.as_ref() == id)
    }

    /// All actors.
    pub fn actors(&self) -> &[Actor] {
        &self.actors
    }

    /// All boilerplate patterns.
    pub fn boilerplate(&self) -> &[BoilerplateRule] {
        &self.boilerplate
    }

    /// The quotation detector's settings.
    pub fn quotations(&self) -> &QuotationSettings {
        &self.quotations
    }

    /// Words too common to say anything about an outlet's wording (lower-case).
    pub fn stopwords(&self) -> &std::collections::BTreeSet<String> {
        &self.stopwords
    }

    /// The category with this name.
    pub fn category(&self, name: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.name == name)
    }

    /// A "did you mean" hint for an unknown rule id.
    pub fn suggest_rule(&self, id: &str) -> Option<String> {
        error::did_you_mean(id, self.rules.iter().map(|r| r.id.as_ref()))
    }
}

impl Lexicon {
    /// The compiled per-line regex of one boilerplate rule (for its examples).
    pub fn from_boilerplate_rule(rule: &BoilerplateRule) -> Result<regex::Regex, regex::Error> {
        compile::build_regex(&rule.pattern, true, true)
    }
}
