//! Writes a deterministic synthetic news corpus as JSON Lines to stdout, in
//! framescope's input format (`{"id","outlet","title","date","url","event","text"}`).
//!
//! ```text
//! cargo run --release --example gen_corpus -- --mb 100 [--seed 42] > /tmp/corpus.jsonl
//! ```
//!
//! The same `--mb` and `--seed` always give the same bytes; a larger corpus begins
//! with the articles of a smaller one. Keep generated corpora out of the repository.
//!
//! With `--pack-terms N --pack-dir DIR` it writes instead the benchmarks' synthetic
//! lexicon pack of exactly N literal terms into DIR, so the cost of the term count can
//! be measured end to end:
//!
//! ```text
//! cargo run --release --example gen_corpus -- --pack-terms 10000 --pack-dir /tmp/pack10k
//! framescope scan --no-default-lexicon --lexicon /tmp/pack10k --format jsonl /tmp/corpus.jsonl
//! ```

mod corpus;

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

const USAGE: &str = "usage: gen_corpus --mb N [--seed S]\n\
    \x20      gen_corpus --pack-terms N --pack-dir DIR [--seed S]\n\
    Writes at least N megabytes (10^6 bytes) of synthetic articles as JSON Lines to stdout,\n\
    or a synthetic lexicon pack of exactly N literal terms into DIR.";

/// The seed used when none is given.
const DEFAULT_SEED: u64 = 42;

enum Job {
    Corpus {
        megabytes: f64,
    },
    Pack {
        terms: usize,
        dir: std::path::PathBuf,
    },
}

struct Args {
    job: Job,
    seed: u64,
}

fn parse_args() -> Result<Args, String> {
    let mut megabytes = None;
    let mut pack_terms = None;
    let mut pack_dir = None;
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
            "--pack-terms" => {
                let v = value("--pack-terms")?;
                pack_terms = Some(
                    v.parse::<usize>()
                        .map_err(|_| format!("--pack-terms: `{v}` is not a whole number"))?,
                );
            }
            "--pack-dir" => pack_dir = Some(std::path::PathBuf::from(value("--pack-dir")?)),
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    let job = match (megabytes, pack_terms, pack_dir) {
        (Some(megabytes), None, None) => Job::Corpus { megabytes },
        (None, Some(terms), Some(dir)) => Job::Pack { terms, dir },
        (None, Some(_), None) => return Err("--pack-terms needs --pack-dir".to_string()),
        (None, None, Some(_)) => return Err("--pack-dir needs --pack-terms".to_string()),
        (None, None, None) => return Err("--mb or --pack-terms is required".to_string()),
        _ => return Err("--mb writes a corpus, --pack-terms a pack: give one".to_string()),
    };
    Ok(Args { job, seed })
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
    let megabytes = match args.job {
        Job::Corpus { megabytes } => megabytes,
        Job::Pack { terms, dir } => return write_pack(terms, &dir, args.seed),
    };
    let bytes = (megabytes * 1_000_000.0) as u64;
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

/// Writes the synthetic pack of `terms` literal terms into `dir`.
fn write_pack(terms: usize, dir: &std::path::Path, seed: u64) -> ExitCode {
    let written = std::fs::create_dir_all(dir).and_then(|()| {
        corpus::synthetic_pack(terms, seed)
            .iter()
            .try_for_each(|(name, text)| std::fs::write(dir.join(name), text))
    });
    match written {
        Ok(()) => {
            eprintln!("gen_corpus: pack of {terms} terms in {}", dir.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen_corpus: cannot write {}: {e}", dir.display());
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
