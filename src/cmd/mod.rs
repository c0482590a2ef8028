//! The subcommands: each reads its arguments, calls the library and writes output.

mod annotate;
mod compare;
mod evaluate;
mod lexicon;
mod profile;
mod report;
mod scan;

use std::fmt;
use std::io::IsTerminal;
use std::time::{Duration, Instant};

use framescope::article::{ArticleStream, InputFormat, LoadLimits};
use framescope::lexicon::LoadOptions;
use framescope::{Lexicon, LexiconError};

use crate::cli::{Cli, Command, InputArgs, InputFormatArg, LexiconArgs};

/// How a command ended, when it ran to the end.
pub enum Outcome {
    /// Everything went through.
    Success,
    /// Some inputs could not be read (each was reported).
    SomeFailed,
}

/// Why a command stopped.
#[derive(Debug)]
pub enum CmdError {
    /// The lexicon was rejected.
    Lexicon(LexiconError),
    /// The command line asks for something impossible.
    Usage(String),
    /// Output could not be written.
    Output(String),
    /// The inputs gave nothing to work on, or could not be combined (each problem has
    /// been reported); nothing was written.
    Input(String),
}

impl CmdError {
    pub fn exit_code(&self) -> u8 {
        match self {
            CmdError::Lexicon(_) | CmdError::Usage(_) => 2,
            CmdError::Output(_) | CmdError::Input(_) => 1,
        }
    }
}

impl fmt::Display for CmdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CmdError::Lexicon(e) => write!(f, "{e}"),
            CmdError::Usage(m) | CmdError::Output(m) | CmdError::Input(m) => f.write_str(m),
        }
    }
}

impl From<LexiconError> for CmdError {
    fn from(e: LexiconError) -> Self {
        CmdError::Lexicon(e)
    }
}

/// Turns an output error into the command's result: a closed pipe (`| head`) ends the
/// run quietly and successfully.
pub fn output_result(result: std::io::Result<()>, target: &str) -> Result<(), CmdError> {
    match result {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
        Err(e) => Err(CmdError::Output(format!("cannot write {target}: {e}"))),
    }
}

/// Runs the command line.
pub fn run(cli: Cli) -> Result<Outcome, CmdError> {
    match cli.command {
        Command::Scan(args) => scan::run(&cli.lexicon, args),
        Command::Compare(args) => compare::run(&cli.lexicon, args),
        Command::Profile(args) => profile::run(&cli.lexicon, args),
        Command::Merge(args) => profile::merge(args),
        Command::Lexicon(cmd) => lexicon::run(&cli.lexicon, cmd),
        Command::Evaluate(args) => evaluate::run(&cli.lexicon, *args),
        Command::Report(args) => report::run(&cli.lexicon, args),
        Command::Annotate(args) => annotate::run(&cli.lexicon, args),
    }
}

/// Loads the lexicon the global options name, plus `extra`.
pub fn load_lexicon(
    args: &LexiconArgs,
    extra: Option<&std::path::Path>,
) -> Result<Lexicon, CmdError> {
    let mut paths = args.extra.clone();
    paths.extend(extra.map(std::path::Path::to_path_buf));
    Ok(Lexicon::load(&LoadOptions {
        default_pack: !args.no_default_lexicon,
        extra: paths,
    })?)
}

/// The article stream the input options describe.
pub fn open_inputs(args: &InputArgs) -> ArticleStream {
    let format = match args.input_format {
        InputFormatArg::Auto => InputFormat::Auto,
        InputFormatArg::Txt | InputFormatArg::Md => InputFormat::Text,
        InputFormatArg::Html => InputFormat::Html,
        InputFormatArg::Jsonl => InputFormat::Jsonl,
    };
    ArticleStream::new(
        &args.inputs,
        format,
        LoadLimits {
            max_article_bytes: args.max_article_bytes,
            max_html_depth: args.max_html_depth,
        },
    )
}

/// Progress on stderr for long runs, only when stderr is a terminal.
pub struct Progress {
    enabled: bool,
    started: Instant,
    last: Instant,
    shown: bool,
}

impl Progress {
    pub fn new() -> Self {
        let now = Instant::now();
        Progress {
            enabled: std::io::stderr().is_terminal(),
            started: now,
            last: now,
            shown: false,
        }
    }

    /// Reports `done` articles, at most a few times a second.
    pub fn tick(&mut self, done: usize, bytes: u64) {
        if !self.enabled || self.last.elapsed() < Duration::from_millis(250) {
            return;
        }
        self.last = Instant::now();
        self.shown = true;
        let secs = self.started.elapsed().as_secs_f64().max(0.001);
        eprint!(
            "\r{done} articles, {:.1} MB, {:.1} MB/s",
            bytes as f64 / 1e6,
            bytes as f64 / 1e6 / secs
        );
    }

    /// Clears the progress line.
    pub fn finish(&self) {
        if self.shown {
            eprint!("\r\x1b[2K");
        }
    }
}

/// Reports a load error on stderr, once.
pub fn report_load_error(e: &framescope::LoadError) {
    eprintln!(
        "framescope: {}",
        framescope::text::strip_control(&e.to_string())
    );
}

/// Writes a whole report to `target` (stdout when `None` or `-`; a file atomically
/// otherwise): nothing reaches a file unless all of it was written.
pub fn write_output(
    target: Option<&std::path::Path>,
    write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> Result<(), CmdError> {
    let name = target.map_or("stdout".to_string(), |p| p.display().to_string());
    let mut out = framescope::output::Output::to(target)
        .map_err(|e| CmdError::Output(format!("cannot create {name}: {e}")))?;
    output_result(write(&mut out), &name)?;
    output_result(out.commit(), &name)
}
