//! `framescope evaluate`: scores the tool against gold annotations.

use std::io::Write;
use std::ops::ControlFlow;

use framescope::evaluate::{
    render, EvalOptions, Evaluator, Gold, RankBy, ReportFormat, VoiceSelect, ANALYSIS,
};
use framescope::output::Output;
use framescope::pipeline::for_each_analysis_with;

use super::{
    load_lexicon, open_inputs, output_result, report_load_error, CmdError, Outcome, Progress,
};
use crate::cli::{EvaluateArgs, EvaluateFormat, LexiconArgs, RankArg, VoiceArg};

/// Gold problems printed one by one; past this, only their number.
const MAX_ISSUES_SHOWN: usize = 20;

pub fn run(lexicon_args: &LexiconArgs, args: EvaluateArgs) -> Result<Outcome, CmdError> {
    let lexicon = load_lexicon(lexicon_args, None)?;
    let gold = Gold::from_path(&args.gold).map_err(|e| CmdError::Usage(e.to_string()))?;
    let options = EvalOptions {
        voice: match args.voice {
            VoiceArg::Author => VoiceSelect::Author,
            VoiceArg::Quoted => VoiceSelect::Quoted,
            VoiceArg::All => VoiceSelect::All,
        },
        categories: args.categories,
        gold_filters: args.gold_filters,
        groups: args.groups,
        sentence_categories: args.sentence_categories,
        positive_label: args.positive_label,
        negative_label: args.negative_label,
        attribution_categories: args.attribution_categories,
        rank: args.rank.map(|r| match r {
            RankArg::Article => RankBy::Article,
            RankArg::Outlet => RankBy::Outlet,
        }),
        rank_labels: args.rank_labels,
        only_annotated: args.only_annotated,
        details: args.details.is_some(),
    };
    let mut evaluator =
        Evaluator::new(&gold, options, &lexicon).map_err(|e| CmdError::Usage(e.to_string()))?;

    let target = args
        .output
        .as_ref()
        .map_or("stdout".to_string(), |p| p.display().to_string());
    let mut out = Output::to(args.output.as_deref())
        .map_err(|e| CmdError::Output(format!("cannot create {target}: {e}")))?;
    let details_target = args
        .details
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    let mut details = match &args.details {
        Some(p) => Some(
            Output::file(p)
                .map_err(|e| CmdError::Output(format!("cannot create {details_target}: {e}")))?,
        ),
        None => None,
    };

    let mut failed = false;
    let mut issues = 0usize;
    let mut write_error = None;
    let mut progress = Progress::new();
    let (mut done, mut bytes) = (0usize, 0u64);
    for_each_analysis_with(
        open_inputs(&args.input),
        &lexicon,
        ANALYSIS,
        |item| match item {
            Err(e) => {
                report_load_error(&e);
                failed = true;
                ControlFlow::Continue(())
            }
            Ok((article, analysis)) => {
                done += 1;
                bytes += article.body.len() as u64;
                progress.tick(done, bytes);
                let outcome = evaluator.add(&article, &analysis);
                for issue in &outcome.issues {
                    issues += 1;
                    if issues <= MAX_ISSUES_SHOWN {
                        eprintln!("framescope: {}", framescope::text::strip_control(issue));
                    }
                }
                if let Some(w) = details.as_mut() {
                    for d in &outcome.details {
                        let line = serde_json::to_string(d).map_err(std::io::Error::other);
                        if let Err(e) = line.and_then(|l| writeln!(w, "{l}")) {
                            write_error = Some(e);
                            return ControlFlow::Break(());
                        }
                    }
                }
                ControlFlow::Continue(())
            }
        },
    );
    progress.finish();
    if issues > MAX_ISSUES_SHOWN {
        eprintln!(
            "framescope: {} more gold problems not shown",
            issues - MAX_ISSUES_SHOWN
        );
    }
    if let Some(e) = write_error {
        output_result(Err(e), &details_target)?;
    }
    if let Some(w) = details {
        output_result(w.commit(), &details_target)?;
    }
    let report = evaluator.finish();
    let format = match args.format {
        EvaluateFormat::Table => ReportFormat::Table,
        EvaluateFormat::Json => ReportFormat::Json,
        EvaluateFormat::Md => ReportFormat::Md,
        EvaluateFormat::Csv => ReportFormat::Csv,
    };
    output_result(render(&report, format, &mut out), &target)?;
    output_result(out.commit(), &target)?;
    Ok(if failed || issues > 0 {
        Outcome::SomeFailed
    } else {
        Outcome::Success
    })
}
