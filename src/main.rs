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
            // Only a publication that failed halfway through its renames has replaced files.
            let deels = e.chain().any(|c| {
                c.downcast_ref::<domeinrapport::publish::PublicatieFout>()
                    .is_some_and(|f| !f.niets_geschreven())
            });
            if deels {
                eprintln!(
                    "Een deel van de nieuwe bestanden staat al op zijn plaats (zie hierboven); niet elk manifest is bijgewerkt. Draai de run opnieuw."
                );
            } else {
                eprintln!("Er is niets geschreven; eerdere rapportages zijn ongewijzigd.");
            }
            ExitCode::from(1)
        }
    }
}
