//! `framescope report`: one self-contained HTML page on one event — summary,
//! comparison tables and chart, the articles highlighted, glossary and questions.

use std::ops::ControlFlow;

use framescope::pipeline::for_each_analysis_with;
use framescope::render::html::{render_report, ReportOptions};
use framescope::score::compare::{ComparisonBuilder, GroupBy, ANALYSIS};

use super::{load_lexicon, open_inputs, report_load_error, write_output, CmdError, Outcome};
use crate::cli::{ByArg, LexiconArgs, ReportArgs};

/// Most articles one report holds: a report is read by people, about one event, and
/// keeps every article in memory and on the page.
pub const MAX_REPORT_ARTICLES: usize = 200;

pub fn run(lexicon_args: &LexiconArgs, args: ReportArgs) -> Result<Outcome, CmdError> {
    let lexicon = load_lexicon(lexicon_args, None)?;
    let by = match args.by {
        ByArg::Outlet => GroupBy::Outlet,
        ByArg::Article => GroupBy::Article,
    };
    let mut builder = ComparisonBuilder::new(&lexicon, by);
    let mut failed = false;
    let mut too_many = false;
    let mut articles = Vec::new();
    for_each_analysis_with(open_inputs(&args.input), &lexicon, ANALYSIS, |item| {
        match item {
            Err(e) => {
                report_load_error(&e);
                failed = true;
            }
            Ok((article, analysis)) => {
                if articles.len() == MAX_REPORT_ARTICLES {
                    too_many = true;
                    return ControlFlow::Break(());
                }
                builder.add(&analysis);
                articles.push((article, analysis));
            }
        }
        ControlFlow::Continue(())
    });
    if too_many {
        return Err(CmdError::Input(format!(
            "a report holds at most {MAX_REPORT_ARTICLES} articles (it is meant for one event); use compare or profile for more"
        )));
    }
    if articles.is_empty() {
        return Err(CmdError::Input("no article to report on".to_string()));
    }
    let comparison = builder.finish();
    let html = render_report(
        &lexicon,
        &comparison,
        &articles,
        &ReportOptions {
            no_answers: args.no_answers,
            title: args.title.clone(),
        },
    )
    .map_err(|e| CmdError::Output(format!("cannot render the report: {e}")))?;
    write_output(args.output.as_deref(), |out| out.write_all(html.as_bytes()))?;
    Ok(if failed {
        Outcome::SomeFailed
    } else {
        Outcome::Success
    })
}
