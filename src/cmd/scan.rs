//! `framescope scan`: findings per article, streamed in input order.

use std::io::IsTerminal;
use std::ops::ControlFlow;

use framescope::output::Output;
use framescope::pipeline::for_each_analysis;
use framescope::render::{scan_renderer, Format};
use framescope::Voice;

use super::{
    load_lexicon, open_inputs, output_result, report_load_error, CmdError, Outcome, Progress,
};
use crate::cli::{LexiconArgs, ScanArgs, ScanFormat, VoiceArg};

pub fn run(lexicon_args: &LexiconArgs, args: ScanArgs) -> Result<Outcome, CmdError> {
    let lexicon = load_lexicon(lexicon_args, None)?;
    let to_terminal = args.output.is_none() && std::io::stdout().is_terminal();
    let format = match args.format {
        Some(ScanFormat::Table) => Format::Table,
        Some(ScanFormat::Json) => Format::Json,
        Some(ScanFormat::Jsonl) => Format::Jsonl,
        Some(ScanFormat::Csv) => Format::Csv,
        Some(ScanFormat::Md) => Format::Md,
        None if to_terminal => Format::Table,
        None => Format::Jsonl,
    };
    let target = args
        .output
        .as_ref()
        .map_or("stdout".to_string(), |p| p.display().to_string());
    let mut out = Output::to(args.output.as_deref())
        .map_err(|e| CmdError::Output(format!("cannot create {target}: {e}")))?;
    let mut renderer = scan_renderer(format);
    let mut failed = false;
    let mut write_error = None;
    let mut progress = Progress::new();
    let (mut done, mut bytes) = (0usize, 0u64);
    for_each_analysis(open_inputs(&args.input), &lexicon, |item| match item {
        Err(e) => {
            report_load_error(&e);
            failed = true;
            ControlFlow::Continue(())
        }
        Ok((article, mut analysis)) => {
            match args.voice {
                VoiceArg::All => {}
                VoiceArg::Author => analysis.findings.retain(|f| f.voice == Voice::Author),
                VoiceArg::Quoted => analysis.findings.retain(|f| f.voice == Voice::Quoted),
            }
            done += 1;
            bytes += article.body.len() as u64;
            progress.tick(done, bytes);
            match renderer.article(&mut out, &analysis) {
                Ok(()) => ControlFlow::Continue(()),
                Err(e) => {
                    write_error = Some(e);
                    ControlFlow::Break(())
                }
            }
        }
    });
    progress.finish();
    if let Some(e) = write_error {
        output_result(Err(e), &target)?;
    }
    output_result(renderer.finish(&mut out), &target)?;
    output_result(out.commit(), &target)?;
    Ok(if failed {
        Outcome::SomeFailed
    } else {
        Outcome::Success
    })
}
