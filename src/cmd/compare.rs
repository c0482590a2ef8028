//! `framescope compare`: one event's articles side by side, outlets (or articles) as
//! columns.

use std::ops::ControlFlow;

use framescope::pipeline::for_each_analysis_with;
use framescope::render::grid::{compare_grids, compare_intro};
use framescope::render::{csv, json, markdown, table};
use framescope::score::compare::{ComparisonBuilder, GroupBy, Section, ANALYSIS};

use super::{load_lexicon, open_inputs, report_load_error, write_output, CmdError, Outcome};
use crate::cli::{ByArg, CompareArgs, CompareFormat, LexiconArgs, SectionArg};

pub fn run(lexicon_args: &LexiconArgs, args: CompareArgs) -> Result<Outcome, CmdError> {
    let lexicon = load_lexicon(lexicon_args, None)?;
    let by = match args.by {
        ByArg::Outlet => GroupBy::Outlet,
        ByArg::Article => GroupBy::Article,
    };
    let sections: Vec<Section> = if args.only.is_empty() {
        Section::ALL.to_vec()
    } else {
        args.only
            .iter()
            .map(|s| match s {
                SectionArg::Framing => Section::Framing,
                SectionArg::Naming => Section::Naming,
                SectionArg::Sourcing => Section::Sourcing,
                SectionArg::Quotes => Section::Quotes,
                SectionArg::Wording => Section::Wording,
            })
            .collect()
    };
    let mut builder = ComparisonBuilder::new(&lexicon, by);
    let mut failed = false;
    let mut articles = 0usize;
    for_each_analysis_with(open_inputs(&args.input), &lexicon, ANALYSIS, |item| {
        match item {
            Err(e) => {
                report_load_error(&e);
                failed = true;
            }
            Ok((_, analysis)) => {
                articles += 1;
                builder.add(&analysis);
            }
        }
        ControlFlow::Continue(())
    });
    if articles == 0 {
        return Err(CmdError::Input("no article to compare".to_string()));
    }
    let comparison = builder.finish();
    write_output(args.output.as_deref(), |out| match args.format {
        CompareFormat::Table => table::write_grids(
            out,
            &compare_intro(&comparison),
            &compare_grids(&comparison, &sections),
        ),
        CompareFormat::Md => markdown::write_grids(
            out,
            &compare_intro(&comparison),
            &compare_grids(&comparison, &sections),
        ),
        CompareFormat::Csv => csv::write_comparison(out, &comparison, &sections),
        CompareFormat::Json => json::write_comparison(out, &comparison, &sections),
    })?;
    Ok(if failed {
        Outcome::SomeFailed
    } else {
        Outcome::Success
    })
}
