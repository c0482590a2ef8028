//! Writes a deterministic synthetic news corpus as JSON Lines to stdout, in
//! framescope's input format (`{"id","outlet","title","date","url","event","text"}`).
//!
//! ```text
//! cargo run --release --example gen_corpus -- --mb 100 [--seed 42] > /tmp/corpus.jsonl
//! ```
//!
//! The same `--mb` and `--seed` always give the same bytes; a larger corpus begins
//! with the articles of a smaller one. Keep generated corpora out of the repository.

mod corpus;

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

const USAGE: &str = "usage: gen_corpus --mb N [--seed S]\n\
    Writes at least N megabytes (10^6 bytes) of synthetic articles as JSON Lines to stdout.";

/// The seed used when none is given.
const DEFAULT_SEED: u64 = 42;

struct Args {
    megabytes: f64,
    seed: u64,
}

fn parse_args() -> Result<Args, String> {
    let mut megabytes = None;
    let mut seed = DEFAULT_SEED;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let (key, inline) = match arg.split_once('=') {
            Some((k, v)) => (k.to_string(), Some(v.to_string())),
            None => (arg.clone(), None),
        };
        let mut value = |name: &str| {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match key.as_str() {
            "--mb" => {
                let v = value("--mb")?;
                let mb: f64 = v
                    .parse()
                    .map_err(|_| format!("--mb: `{v}` is not a number"))?;
                if !(mb.is_finite() && mb > 0.0) {
                    return Err(format!("--mb: `{v}` must be a positive number"));
                }
                megabytes = Some(mb);
            }
            "--seed" => {
                let v = value("--seed")?;
                seed = v
                    .parse()
                    .map_err(|_| format!("--seed: `{v}` is not a whole number"))?;
            }
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    let megabytes = megabytes.ok_or_else(|| "--mb is required".to_string())?;
    Ok(Args { megabytes, seed })
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) if e.is_empty() => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("gen_corpus: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let bytes = (args.megabytes * 1_000_000.0) as u64;
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 20, stdout.lock());
    let result = corpus::write_jsonl(&mut out, args.seed, bytes).and_then(|r| {
        out.flush()?;
        Ok(r)
    });
    match result {
        Ok((articles, written)) => {
            eprintln!(
                "gen_corpus: {articles} articles, {written} bytes (seed {})",
                args.seed
            );
            ExitCode::SUCCESS
        }
        // `gen_corpus | head` is not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen_corpus: cannot write: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::corpus::{article, articles};

    #[test]
    fn deterministic_and_prefix_stable() {
        let a = articles(7, 50_000);
        let b = articles(7, 100_000);
        assert_eq!(a[3].text, b[3].text);
        assert_ne!(article(7, 0).text, article(8, 0).text);
    }

    #[test]
    fn every_slot_is_filled() {
        for a in articles(1, 2_000_000) {
            for field in [&a.text, &a.title] {
                assert!(!field.contains(['{', '}', '_']), "{field}");
            }
        }
    }
}
