//! `framescope annotate`: an article in the terminal with its findings marked inline.

use std::io::{IsTerminal, Write};
use std::ops::ControlFlow;

use framescope::pipeline::for_each_analysis;
use framescope::render::annotate::{use_colour, write_annotated};

use super::{load_lexicon, open_inputs, output_result, report_load_error, CmdError, Outcome};
use crate::cli::{AnnotateArgs, LexiconArgs};

pub fn run(lexicon_args: &LexiconArgs, args: AnnotateArgs) -> Result<Outcome, CmdError> {
    let lexicon = load_lexicon(lexicon_args, None)?;
    let colour = use_colour(
        std::io::stdout().is_terminal(),
        std::env::var_os("NO_COLOR").as_deref(),
    );
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut failed = false;
    let mut shown = 0usize;
    let mut result = Ok(());
    for_each_analysis(open_inputs(&args.input), &lexicon, |item| {
        match item {
            Err(e) => {
                report_load_error(&e);
                failed = true;
            }
            Ok((article, analysis)) => {
                let separator = if shown > 0 {
                    writeln!(out, "\n{}\n", "─".repeat(60))
                } else {
                    Ok(())
                };
                shown += 1;
                result = separator.and_then(|()| {
                    write_annotated(&mut out, &article, &analysis, &lexicon, colour)
                });
                if result.is_err() {
                    return ControlFlow::Break(());
                }
            }
        }
        ControlFlow::Continue(())
    });
    output_result(result.and_then(|()| out.flush()), "stdout")?;
    if shown == 0 {
        return Err(CmdError::Input("no article to annotate".to_string()));
    }
    Ok(if failed {
        Outcome::SomeFailed
    } else {
        Outcome::Success
    })
}
