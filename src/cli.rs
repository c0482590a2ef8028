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
    /// Check, test, list and explain lexicon packs.
    #[command(subcommand)]
    Lexicon(LexiconCommand),
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
