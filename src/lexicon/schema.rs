//! The YAML schema of a lexicon pack file, as serde reads it. Every struct denies
//! unknown keys so a misspelt key is an error, not a silently ignored setting.

use serde::Deserialize;

/// One YAML file of a pack. Which keys are present decides what the file is: a
/// manifest (`categories`), a category file (`category` + `rules`), actors,
/// boilerplate patterns or quotation settings.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackFile {
    pub name: Option<String>,
    pub language: Option<String>,
    pub description: Option<String>,
    pub categories: Option<Vec<String>>,
    pub category: Option<String>,
    pub title: Option<String>,
    pub rules: Option<Vec<RuleSpec>>,
    pub actors: Option<Vec<ActorSpec>>,
    pub boilerplate: Option<Vec<BoilerplateSpec>>,
    pub quotations: Option<QuotationSpec>,
    pub stopwords: Option<Vec<String>>,
}

/// A rule as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    pub id: String,
    #[serde(default)]
    pub terms: Vec<String>,
    #[serde(default)]
    pub patterns: Vec<String>,
    pub detector: Option<DetectorKind>,
    #[serde(default)]
    pub case_sensitive: bool,
    pub weight: Option<f64>,
    pub explain: String,
    #[serde(default)]
    pub exceptions: Vec<String>,
    pub examples: Option<ExamplesSpec>,
}

/// The built-in detectors a rule can attach to instead of terms or patterns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DetectorKind {
    /// Quotations the quotation detector classifies as scare quotes.
    ScareQuote,
}

/// Example sentences stored with a rule and run as its tests.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExamplesSpec {
    #[serde(rename = "match", default)]
    pub matches: Vec<String>,
    #[serde(default)]
    pub no_match: Vec<String>,
}

/// A party whose naming a comparison lines up.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActorSpec {
    pub id: String,
    pub name: String,
    pub labels: Vec<LabelSpec>,
}

/// A set of labels for an actor sharing one tone.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabelSpec {
    pub terms: Vec<String>,
    pub tone: Tone,
    #[serde(default)]
    pub case_sensitive: bool,
}

/// The tone a label carries.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, serde::Serialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Tone {
    Neutral,
    Pejorative,
    Sympathetic,
    Euphemistic,
}

impl Tone {
    /// The tone's name as written in YAML.
    pub fn as_str(self) -> &'static str {
        match self {
            Tone::Neutral => "neutral",
            Tone::Pejorative => "pejorative",
            Tone::Sympathetic => "sympathetic",
            Tone::Euphemistic => "euphemistic",
        }
    }
}

/// A line pattern marking page furniture.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BoilerplateSpec {
    pub id: String,
    pub pattern: String,
    pub explain: String,
    pub examples: Option<ExamplesSpec>,
}

/// Settings of the quotation detector.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuotationSpec {
    pub scare_max_words: Option<usize>,
    #[serde(default)]
    pub verbs: Vec<String>,
    #[serde(default)]
    pub prepositions: Vec<String>,
    #[serde(default)]
    pub stance_verbs: Vec<String>,
    #[serde(default)]
    pub speakers: Vec<String>,
}
