//! The `framescope` command: parses the command line, calls the library, and maps
//! outcomes to exit codes (0 ok, 1 some inputs failed, 2 usage or lexicon error).

mod cli;
mod cmd;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match cmd::run(cli) {
        Ok(cmd::Outcome::Success) => ExitCode::SUCCESS,
        Ok(cmd::Outcome::SomeFailed) => ExitCode::from(1),
        Err(e) => {
            eprintln!("framescope: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}
