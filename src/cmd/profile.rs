//! `framescope profile` (per-outlet profiles across a corpus, streamed) and
//! `framescope merge` (partials from shards combined into one profile).

use std::io::IsTerminal;
use std::ops::ControlFlow;

use framescope::pipeline::for_each_analysis;
use framescope::render::grid::{profile_grids, profile_intro};
use framescope::render::{csv, json, markdown, table};
use framescope::score::profile::{ProfileReport, ProfileSet};

use super::{
    load_lexicon, open_inputs, report_load_error, write_output, CmdError, Outcome, Progress,
};
use crate::cli::{LexiconArgs, MergeArgs, ProfileArgs, ProfileFormat};

/// Largest partial `merge` reads, so a wrong file cannot exhaust memory.
const MAX_PARTIAL_BYTES: u64 = 4 * 1024 * 1024 * 1024;

pub fn run(lexicon_args: &LexiconArgs, args: ProfileArgs) -> Result<Outcome, CmdError> {
    let lexicon = load_lexicon(lexicon_args, None)?;
    let mut set = ProfileSet::new(&lexicon);
    let mut failed = false;
    let mut progress = Progress::new();
    let (mut done, mut bytes) = (0usize, 0u64);
    // Each analysis is folded into the sums as it arrives and dropped: memory holds one
    // batch of articles, the sums, and one short row of integers per article.
    for_each_analysis(open_inputs(&args.input), &lexicon, |item| {
        match item {
            Err(e) => {
                report_load_error(&e);
                failed = true;
            }
            Ok((article, analysis)) => {
                set.add(&analysis);
                done += 1;
                bytes += article.body.len() as u64;
                progress.tick(done, bytes);
            }
        }
        ControlFlow::Continue(())
    });
    progress.finish();
    write_report(&set.report(), args.format, args.output.as_deref())?;
    Ok(if failed {
        Outcome::SomeFailed
    } else {
        Outcome::Success
    })
}

pub fn merge(args: MergeArgs) -> Result<Outcome, CmdError> {
    let mut merged: Option<ProfileSet> = None;
    let mut errors = 0usize;
    // Every file is checked and every problem reported, but one bad or missing shard
    // means no output: a merge without it would be a wrong profile that looks right.
    for path in &args.partials {
        let name = path.display().to_string();
        let set = read_partial(path)
            .and_then(|text| ProfileSet::from_json(&text, &name).map_err(|e| e.to_string()));
        let result = match (set, merged.as_mut()) {
            (Err(e), _) => Err(e),
            (Ok(set), Some(m)) => m.merge(set).map_err(|e| format!("{name}: {e}")),
            (Ok(set), None) => {
                merged = Some(set);
                Ok(())
            }
        };
        if let Err(e) = result {
            eprintln!("framescope: {}", framescope::text::strip_control(&e));
            errors += 1;
        }
    }
    let Some(merged) = merged.filter(|_| errors == 0) else {
        return Err(CmdError::Input(format!(
            "{errors} of {} profiles could not be merged; nothing written",
            args.partials.len()
        )));
    };
    write_report(&merged.report(), args.format, args.output.as_deref())?;
    Ok(Outcome::Success)
}

fn read_partial(path: &std::path::Path) -> Result<String, String> {
    let name = path.display();
    let size = std::fs::metadata(path)
        .map_err(|e| format!("{name}: cannot read: {e}"))?
        .len();
    if size > MAX_PARTIAL_BYTES {
        return Err(format!(
            "{name}: {size} bytes is larger than any profile partial should be"
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("{name}: cannot read: {e}"))?;
    String::from_utf8(bytes).map_err(|_| format!("{name}: not a framescope profile (not UTF-8)"))
}

fn write_report(
    report: &ProfileReport<'_>,
    format: Option<ProfileFormat>,
    target: Option<&std::path::Path>,
) -> Result<(), CmdError> {
    let to_terminal = target.is_none() && std::io::stdout().is_terminal();
    let format = match format {
        Some(f) => f,
        None if to_terminal => ProfileFormat::Table,
        None => ProfileFormat::Json,
    };
    write_output(target, |out| match format {
        ProfileFormat::Table => {
            table::write_grids(out, &profile_intro(report), &profile_grids(report))
        }
        ProfileFormat::Md => {
            markdown::write_grids(out, &profile_intro(report), &profile_grids(report))
        }
        ProfileFormat::Csv => csv::write_profile(out, report),
        ProfileFormat::Json => json::write_profile(out, report),
    })
}
