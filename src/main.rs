//! `domeinrapport`: thin entry point. Parses the arguments, runs the app, maps errors to exit
//! codes (0 success, 1 data or configuration unusable, 2 usage error).

use std::process::ExitCode;

use clap::Parser;
use domeinrapport::app::{self, AppFout};
use domeinrapport::cli::Cli;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let cli = match Cli::try_parse_from(&args) {
        Ok(c) => c,
        Err(e) if !e.use_stderr() => {
            // --help and --version: clap's rendering with the Dutch templates, exit 0.
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprint!(
                "{}",
                domeinrapport::cli::foutmelding(&e, domeinrapport::cli::opdracht_in(&args))
            );
            return ExitCode::from(2);
        }
    };
    match app::voer_uit(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(AppFout::Gebruik(m)) => {
            eprintln!("domeinrapport: {m}");
            ExitCode::from(2)
        }
        Err(AppFout::Data(e)) => {
            eprintln!("domeinrapport: fout: {e:#}");
            eprintln!("Er is niets geschreven; eerdere rapportages zijn ongewijzigd.");
            ExitCode::from(1)
        }
    }
}
