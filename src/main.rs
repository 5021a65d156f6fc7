//! `domeinrapport`: thin entry point. Parses the arguments, runs the app, maps errors to exit
//! codes (0 success, 1 data or configuration unusable, 2 usage error).

use std::process::ExitCode;

use clap::Parser;
use domeinrapport::app::{self, AppFout};
use domeinrapport::cli::Cli;

/// mimalloc instead of the system allocator: measured at scale 10, glibc's malloc left a quarter
/// of a run's CPU time in the kernel (page faults of large buffers allocated and freed again).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc 3's `mi_option_t` (`mimalloc.h`; libmimalloc-sys does not
/// name it).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// How long mimalloc keeps freed memory before it returns it to the system, in milliseconds, for
/// a large data folder (see [`KLEINE_INVOER`]). mimalloc's default (1 s) keeps nearly every
/// buffer a run ever freed: measured, the scale-100 run then peaked at 4,3 GB instead of 3,7 GB.
/// 50 ms keeps most of the speed (0 ms gives the kernel its page faults back).
const PURGE_DELAY_MS: std::ffi::c_long = 50;

/// Below this many bytes of CSV in the data folder, mimalloc keeps freed memory for
/// [`PURGE_DELAY_KLEIN_MS`] before it returns it to the system: a buffer freed by one step is
/// reused by the next without a page fault per 4 KB. Above it the memory a run keeps would grow
/// with the data (scale 100 peaks near 4 GB even with purging), so large folders keep the 50 ms
/// purge. The bundled data (10 MB) and a municipality's real exports are far below it.
const KLEINE_INVOER: u64 = 256 * 1024 * 1024;

/// The purge delay for a small data folder, in milliseconds. Measured at scale 10 (104 MB of
/// CSV), median wall time and highest peak of 5 alternating runs, in three sittings (the first
/// two lines, then one line each; the machine drifts a few percent between sittings):
/// - kwartaal: 50 ms 1,33 s / 436 MiB; 1 s 1,25 s / 518 MiB;
/// - full run: 50 ms 2,41 s / 589 MiB; 1 s 2,22 s / 712 MiB;
/// - kwartaal: 250 ms 1,27 s / 449 MiB; 1 s 1,23 s / 508 MiB; never (-1) 1,21 s / 531 MiB;
/// - full run: 500 ms 2,32 s / 654 MiB; 1 s 2,28 s / 711 MiB; never 2,25 s / 764 MiB.
///
/// With 50 ms the kernel took 0,66 s of the kwartaal run's CPU time, without purging 0,37 s.
/// One second keeps nearly all the speed of never purging, with more room under the 600 MB the
/// kwartaal run may take.
const PURGE_DELAY_KLEIN_MS: std::ffi::c_long = 1000;

/// The purge delay for the command: [`PURGE_DELAY_KLEIN_MS`] for a data folder with less than
/// [`KLEINE_INVOER`] of CSV, else [`PURGE_DELAY_MS`]. `demo-data` and an unreadable folder get
/// the latter (the command reports the folder's problem itself).
fn purge_delay(cli: &Cli) -> std::ffi::c_long {
    use domeinrapport::cli::Opdracht;
    let data = match &cli.opdracht {
        Opdracht::Run { opties, .. } | Opdracht::Scheduled { opties, .. } | Opdracht::Check { opties, .. } => {
            &opties.data
        }
        Opdracht::DemoData { .. } => return PURGE_DELAY_MS,
    };
    let Ok(map) = std::fs::read_dir(data) else {
        return PURGE_DELAY_MS;
    };
    let csv: u64 = map
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x.eq_ignore_ascii_case("csv")))
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .sum();
    if csv < KLEINE_INVOER {
        PURGE_DELAY_KLEIN_MS
    } else {
        PURGE_DELAY_MS
    }
}

fn main() -> ExitCode {
    // SAFETY: sets a number in mimalloc's option table before any other thread exists; an
    // option the environment set is left alone.
    unsafe { libmimalloc_sys::mi_option_set_default(MI_OPTION_PURGE_DELAY, PURGE_DELAY_MS) };
    // No transparent huge pages (what `MIMALLOC_ALLOW_THP=0` does when mimalloc starts): with
    // them the kernel zeroes 2 MB for every fresh part of mimalloc's arenas, a third of the CPU
    // time of `check` (perf). Measured at scale 10, 8 alternating runs: the kwartaal run 1,7 s /
    // 465 MB -> 1,5 s / 440 MB, the full run 3,0 s / 705 MB -> 3,0 s / 635 MB.
    #[cfg(target_os = "linux")]
    if std::env::var_os("MIMALLOC_ALLOW_THP").is_none() {
        // SAFETY: sets a flag of this process; no memory is touched.
        unsafe { libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0) };
    }
    let args: Vec<String> = std::env::args().collect();
    let cli = match Cli::try_parse_from(&args) {
        Ok(c) => {
            if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
                // SAFETY: sets a number in mimalloc's option table before any other thread
                // exists.
                unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, purge_delay(&c)) };
            }
            c
        }
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
