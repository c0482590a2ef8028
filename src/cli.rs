//! The command line, as clap derive definitions.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Finds the framing devices in news articles — loaded terms, hedges and doubt, scare
/// quotes, contentious labels, loaded attribution verbs, vague sourcing — explains each
/// one, and compares how outlets framed the same event.
///
/// Exit status: 0 ok, 1 some inputs failed, 2 usage or lexicon error.
#[derive(Debug, Parser)]
#[command(name = "framescope", version, about, long_about)]
pub struct Cli {
    #[command(flatten)]
    pub lexicon: LexiconArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Which lexicon packs to use.
#[derive(Debug, Args)]
pub struct LexiconArgs {
    /// Add a lexicon pack (a folder of YAML files, or one file). Repeatable.
    #[arg(long = "lexicon", value_name = "PATH", global = true)]
    pub extra: Vec<PathBuf>,
    /// Do not load the embedded default English pack.
    #[arg(long, global = true)]
    pub no_default_lexicon: bool,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the framing devices in articles.
    Scan(ScanArgs),
    /// Compare how outlets framed one event, side by side.
    Compare(CompareArgs),
    /// Build per-outlet profiles across a corpus; the JSON form is a mergeable partial.
    Profile(ProfileArgs),
    /// Combine profile partials (`profile --format json`) into one profile.
    Merge(MergeArgs),
    /// Check, test, list and explain lexicon packs.
    #[command(subcommand)]
    Lexicon(LexiconCommand),
    /// Score the tool against span annotations (gold JSON Lines).
    Evaluate(Box<EvaluateArgs>),
    /// Write one self-contained HTML report on an event: summary, tables, chart,
    /// highlighted articles, glossary and discussion questions.
    Report(ReportArgs),
    /// Show articles in the terminal with their findings marked inline, and a legend.
    Annotate(AnnotateArgs),
}

/// How to read inputs.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Articles: files (.txt, .md, .html, .jsonl), folders (read recursively), or - for stdin.
    #[arg(value_name = "INPUT", required = true)]
    pub inputs: Vec<String>,
    /// Read inputs as this format instead of guessing from the extension.
    #[arg(long, value_enum, default_value_t = InputFormatArg::Auto)]
    pub input_format: InputFormatArg,
    /// Largest article (or JSON Lines line) to read, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = framescope::article::DEFAULT_MAX_ARTICLE_BYTES)]
    pub max_article_bytes: u64,
    /// Deepest element nesting of an HTML page to read.
    #[arg(long, value_name = "DEPTH", default_value_t = framescope::article::DEFAULT_MAX_HTML_DEPTH)]
    pub max_html_depth: usize,
}

/// Input formats.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum InputFormatArg {
    Auto,
    Txt,
    Md,
    Html,
    Jsonl,
}

/// Output formats of `scan`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ScanFormat {
    Table,
    Json,
    Jsonl,
    Csv,
    Md,
}

/// Voice filter.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum VoiceArg {
    Author,
    Quoted,
    All,
}

/// `framescope scan`.
#[derive(Debug, Args)]
pub struct ScanArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format [default: table on a terminal, jsonl otherwise].
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<ScanFormat>,
    /// Which findings to list: the outlet's own words, quoted words, or all.
    #[arg(long, value_enum, default_value_t = VoiceArg::All)]
    pub voice: VoiceArg,
    /// Write to this file (atomically) instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// What a comparison column stands for.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ByArg {
    /// One column per outlet, its articles pooled.
    Outlet,
    /// One column per article.
    Article,
}

/// Output formats of `compare`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum CompareFormat {
    Table,
    Md,
    Csv,
    Json,
}

/// The tables of a comparison.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum SectionArg {
    /// Author- and quoted-voice rates per category.
    Framing,
    /// The labels each outlet gave the same actor.
    Naming,
    /// Quote share, quote kinds, who is quoted, attribution verbs.
    Sourcing,
    /// Statements several outlets quoted, and who left them out.
    Quotes,
    /// Each outlet's most over-represented words.
    Wording,
}

/// `framescope compare`.
#[derive(Debug, Args)]
pub struct CompareArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// One column per outlet (its articles pooled) or per article.
    #[arg(long, value_enum, default_value_t = ByArg::Outlet)]
    pub by: ByArg,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = CompareFormat::Table)]
    pub format: CompareFormat,
    /// Show only these tables, comma-separated [default: all].
    #[arg(long, value_enum, value_delimiter = ',', value_name = "TABLES")]
    pub only: Vec<SectionArg>,
    /// Write to this file (atomically) instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Output formats of `profile` and `merge`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ProfileFormat {
    Table,
    Json,
    Csv,
    Md,
}

/// `framescope profile`.
#[derive(Debug, Args)]
pub struct ProfileArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format; json is the partial `merge` combines [default: table on a terminal, json otherwise].
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<ProfileFormat>,
    /// Write to this file (atomically) instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `framescope merge`.
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// Profile partials written by `profile --format json` (or by an earlier merge).
    #[arg(value_name = "PARTIAL", required = true)]
    pub partials: Vec<PathBuf>,
    /// Output format [default: table on a terminal, json otherwise].
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<ProfileFormat>,
    /// Write to this file (atomically) instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `framescope lexicon ...`.
#[derive(Debug, Subcommand)]
pub enum LexiconCommand {
    /// Load a pack (beside the default one unless --no-default-lexicon) and report errors.
    Check {
        /// The pack to check; without it, the configured lexicon.
        path: Option<PathBuf>,
    },
    /// Run every rule's match/no_match examples.
    Test {
        /// The pack to test; without it, the configured lexicon.
        path: Option<PathBuf>,
    },
    /// List categories and rules.
    List,
    /// Explain one rule.
    Explain {
        /// The rule id, e.g. doubt.alleged.
        rule_id: String,
    },
}

/// Output formats of `evaluate`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum EvaluateFormat {
    Table,
    Json,
    Md,
    Csv,
}

/// Units of `evaluate --rank`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum RankArg {
    Article,
    Outlet,
}

/// `framescope evaluate`.
///
/// Scores findings against gold annotations in JSON Lines: spans
/// `{"id","start","end","label",...}` (UTF-8 byte offsets into the article's `text`,
/// end exclusive) and/or sentence labels `{"id","sentence_label"}`. A finding and a gold
/// span match when they share at least one byte.
#[derive(Debug, Args)]
pub struct EvaluateArgs {
    /// The gold annotations.
    #[arg(long, value_name = "GOLD.jsonl")]
    pub gold: PathBuf,
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = EvaluateFormat::Table)]
    pub format: EvaluateFormat,
    /// Which findings count: the outlet's own words, quoted words, or all.
    #[arg(long, value_enum, default_value_t = VoiceArg::All)]
    pub voice: VoiceArg,
    /// Count only findings of these categories for span measures [default: all].
    #[arg(long, value_name = "CATEGORY,...", value_delimiter = ',')]
    pub categories: Vec<String>,
    /// Count only gold spans whose FIELD has VALUE (e.g. quote=false, label=lex). Repeatable; all must hold.
    #[arg(long = "gold-filter", value_name = "FIELD=VALUE")]
    pub gold_filters: Vec<framescope::evaluate::GoldFilter>,
    /// Also score these categories' findings against these labels' spans. Repeatable.
    #[arg(
        long = "group",
        value_name = "NAME=LABEL[,LABEL...]:CATEGORY[,CATEGORY...]"
    )]
    pub groups: Vec<framescope::evaluate::GroupSpec>,
    /// Categories whose findings make a labelled sentence count as positive.
    #[arg(
        long,
        value_name = "CATEGORY,...",
        value_delimiter = ',',
        default_value = "loaded,label,doubt,booster,scare_quote"
    )]
    pub sentence_categories: Vec<String>,
    /// The positive sentence label.
    #[arg(long, value_name = "LABEL", default_value = "Biased")]
    pub positive_label: String,
    /// The negative sentence label (other labels are skipped).
    #[arg(long, value_name = "LABEL", default_value = "Non-biased")]
    pub negative_label: String,
    /// Categories whose findings count as attribution cues.
    #[arg(
        long,
        value_name = "CATEGORY,...",
        value_delimiter = ',',
        default_value = "attribution"
    )]
    pub attribution_categories: Vec<String>,
    /// Spearman correlation of gold density and weighted findings, per article or outlet.
    #[arg(long, value_enum)]
    pub rank: Option<RankArg>,
    /// The gold labels counted for --rank [default: all].
    #[arg(long, value_name = "LABEL,...", default_value = "")]
    pub rank_labels: String,
    /// Skip input articles the gold file has no record for.
    #[arg(long)]
    pub only_annotated: bool,
    /// Write every gold span, finding and decision with its outcome here, as JSON Lines.
    #[arg(long, value_name = "FILE")]
    pub details: Option<PathBuf>,
    /// Write the report to this file (atomically) instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `framescope report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Write the report to this file (atomically); without it, to stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Leave the articles unhighlighted (questions and glossary stay), for students to
    /// find the devices themselves.
    #[arg(long)]
    pub no_answers: bool,
    /// The page title [default: the event's name].
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// One column per outlet (its articles pooled) or per article.
    #[arg(long, value_enum, default_value_t = ByArg::Outlet)]
    pub by: ByArg,
}

/// `framescope annotate`.
///
/// Colours when stdout is a terminal and NO_COLOR is unset; otherwise a plain marker
/// such as `[doubt: alleged]` follows each finding.
#[derive(Debug, Args)]
pub struct AnnotateArgs {
    #[command(flatten)]
    pub input: InputArgs,
}
