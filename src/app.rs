//! The application: runs one command of the CLI through the pipeline
//! `ingest → kpi/finance → report → render → publish`.
//!
//! Nothing is written before every deliverable of the run has been computed and rendered, so a
//! run that fails on bad data leaves the previous outputs untouched.

use std::collections::BTreeSet;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, anyhow};

use chrono::NaiveDate;

use crate::afspraken::{self, AfsprakenSet};
use crate::cli::{Cli, Gemeenschappelijk, Opdracht};
use crate::domein::format;
use crate::ingest::{self, Datakwaliteit, Dataset, IngestFout, IngestOpties, Toelichting};
use crate::kpi::Bron;
use crate::period::Periode;
use crate::publish::{self, ManifestInvoer, Publicatie, Rapportbestanden};
use crate::render::{self, Weergave};
use crate::report::{self, Bevindingen, Cijfers, Rapport};

/// Writes to stdout like `print!`, without panicking when stdout is closed: a reader that stops
/// early (`domeinrapport check | head`) ends the output, not the run, which finishes its work
/// (outputs, caches) and exits as it would have. Other write errors are ignored alike: the
/// run's result is its files and its exit status, not its terminal text.
macro_rules! uit {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stdout(), $($t)*);
    }};
}

/// [`uit!`] with a line end, like `println!`.
macro_rules! uitln {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($t)*);
    }};
}

/// Why the app stops.
#[derive(Debug)]
pub enum AppFout {
    /// Usage error: exit status 2.
    Gebruik(String),
    /// The data or the configuration is unusable: exit status 1.
    Data(anyhow::Error),
}

impl From<anyhow::Error> for AppFout {
    fn from(e: anyhow::Error) -> Self {
        AppFout::Data(e)
    }
}

/// One deliverable as the run sees it: its names, the periods it serves, its input files, when
/// the scheduled run owes it, and how its model is assembled and rendered. Filled in from the
/// deliverable's [`Rapport`] and [`Weergave`] implementations by [`Aflevering::van`].
pub struct Aflevering {
    /// The `--report` name: `kwartaal`.
    pub soort: &'static str,
    /// The file name stem and manifest key: `kwartaalrapportage`.
    pub rapport: &'static str,
    /// The input files its data-quality section and manifest cover (besides afspraken and
    /// toelichting).
    pub bestanden: &'static [&'static str],
    /// Whether it is made for a period.
    pub dient: fn(&Periode) -> bool,
    /// The latest complete period it serves, given the last date in the data.
    pub laatste_periode: fn(NaiveDate) -> Periode,
    /// Assembles the model and prepares the renderers.
    maak: fn(&Cijfers, Periode, &Path) -> anyhow::Result<Opgesteld>,
}

impl Aflevering {
    /// The deliverable whose model is `R`.
    const fn van<R: Rapport + Weergave + 'static>() -> Aflevering {
        Aflevering {
            soort: R::SOORT,
            rapport: R::RAPPORT,
            bestanden: R::BESTANDEN,
            dient: R::dient,
            laatste_periode: R::laatste_periode,
            maak: opstellen::<R>,
        }
    }
}

/// Every deliverable, in the order the run makes and reports them. A new deliverable is a new
/// report module (its model and [`Rapport`]), a new render module (its [`Weergave`]) and one
/// line here.
pub const AFLEVERINGEN: [Aflevering; 5] = [
    Aflevering::van::<report::maand::Maandrapportage>(),
    Aflevering::van::<report::kwartaal::Kwartaalrapportage>(),
    Aflevering::van::<report::financieel::Halfjaarfinancieel>(),
    Aflevering::van::<report::inhoudelijk::Halfjaarinhoudelijk>(),
    Aflevering::van::<report::raad::Raadsinformatie>(),
];

/// The deliverable with this `--report` name (`inhoudelijk` is accepted for `inhoud`).
fn aflevering(naam: &str) -> Option<&'static Aflevering> {
    let naam = naam.trim().to_lowercase();
    let naam = if naam == "inhoudelijk" {
        "inhoud".to_string()
    } else {
        naam
    };
    AFLEVERINGEN.iter().find(|a| a.soort == naam)
}

/// Assembles a deliverable's model and prepares its renderers.
fn opstellen<R: Rapport + Weergave + 'static>(c: &Cijfers, p: Periode, templates: &Path) -> anyhow::Result<Opgesteld> {
    let model = R::stel_op(c, p)?;
    let templates = templates.to_path_buf();
    Ok(Opgesteld {
        json: json_bytes(&model)?,
        bevindingen: model.bevindingen(),
        render: Box::new(move || {
            Ok(model
                .bestanden(&templates)?
                .into_iter()
                .map(|(ext, bytes)| (format!("{}.{ext}", R::RAPPORT), bytes))
                .collect())
        }),
    })
}

/// Runs a parsed command line.
pub fn voer_uit(cli: Cli) -> Result<(), AppFout> {
    match cli.opdracht {
        Opdracht::Check { json, opties } => check(&opties, json),
        Opdracht::DemoData { seed, scale, out } => demo_data(seed, scale, &out),
        Opdracht::Run { period, report, opties } => {
            let filter = parse_filter(&report)?;
            let periodes = match period {
                Some(p) => vec![p.parse::<Periode>().map_err(|e| AppFout::Gebruik(e.to_string()))?],
                None => Vec::new(),
            };
            run(&opties, periodes, &filter)
        }
        Opdracht::Scheduled { today, opties } => {
            let vandaag = match today {
                Some(t) => parse_datum(&t).ok_or_else(|| {
                    AppFout::Gebruik(format!(
                        "--today '{t}' is geen datum; schrijf JJJJ-MM-DD, bijvoorbeeld 2024-07-05"
                    ))
                })?,
                None => systeemdatum(),
            };
            scheduled(&opties, vandaag)
        }
    }
}

/// The `--report` names asked for (empty: all).
fn parse_filter(report: &[String]) -> Result<BTreeSet<&'static str>, AppFout> {
    let mut filter = BTreeSet::new();
    for r in report.iter().filter(|r| !r.trim().is_empty()) {
        filter.insert(aflevering(r).map(|a| a.soort).ok_or_else(|| {
            let namen: Vec<&str> = AFLEVERINGEN.iter().map(|a| a.soort).collect();
            AppFout::Gebruik(format!(
                "onbekend rapport '{r}' bij --report; kies uit {}",
                namen.join(", ")
            ))
        })?);
    }
    Ok(filter)
}

/// Everything loaded from the data directory.
pub struct Invoer {
    /// The agreements.
    pub afspraken: AfsprakenSet,
    /// The afspraken files for the manifest.
    pub afspraken_invoer: Vec<ManifestInvoer>,
    /// The ingested tables.
    pub dataset: Dataset,
    /// The key under which the dataset is kept for the next run (see `ingest::cache`); `None`
    /// when it was read from the cache.
    pub cache_sleutel: Option<String>,
}

fn ingest_opties(opties: &Gemeenschappelijk) -> IngestOpties {
    IngestOpties {
        max_afgekeurd_pct: opties.max_afgekeurd_pct,
    }
}

fn laad_afspraken(data: &Path) -> anyhow::Result<(AfsprakenSet, Vec<ManifestInvoer>)> {
    let (set, bestanden) = afspraken::load_dir_met_bestanden(&data.join("afspraken"))?;
    let invoer = bestanden
        .iter()
        .map(|(pad, bytes)| ManifestInvoer {
            pad: pad.clone(),
            sha256: publish::sha256_hex(bytes),
            gelezen: 0,
            geaccepteerd: 0,
            afgekeurd: 0,
        })
        .collect();
    Ok((set, invoer))
}

/// The run's line when the data came from the input cache.
pub const UIT_CACHE: &str =
    "Invoer ongewijzigd sinds de vorige run: de gecontroleerde invoer is gelezen uit de invoercache (.invoercache).";

/// The inputs as read from the data directory, before the CSV files are parsed: the agreements,
/// the bytes of the CSV files and the input cache key over both.
pub struct Gelezen {
    afspraken: AfsprakenSet,
    afspraken_invoer: Vec<ManifestInvoer>,
    bytes: ingest::Invoerbytes,
    sleutel: String,
}

/// Reads the afspraken and the CSV files and computes their input cache key (see
/// `ingest::cache`).
pub fn lees_invoer(opties: &Gemeenschappelijk) -> anyhow::Result<Gelezen> {
    let (afspraken, afspraken_invoer) = laad_afspraken(&opties.data)?;
    let bytes = ingest::lees_invoerbytes(&opties.data)?;
    let paren: Vec<(&str, &str)> = afspraken_invoer
        .iter()
        .map(|i| (i.pad.as_str(), i.sha256.as_str()))
        .collect();
    let sleutel = ingest::cache::sleutel(&paren, &bytes, &opties.max_afgekeurd_pct.to_string());
    Ok(Gelezen {
        afspraken,
        afspraken_invoer,
        bytes,
        sleutel,
    })
}

/// Loads the afspraken and the data directory: from the validated input cache in the output
/// folder when the inputs, the options and the program are those of the run that wrote it
/// (see `ingest::cache`), else by reading and validating the CSV files.
pub fn laad_invoer(opties: &Gemeenschappelijk) -> anyhow::Result<Invoer> {
    laad_gelezen(opties, lees_invoer(opties)?)
}

/// [`laad_invoer`] after [`lees_invoer`].
fn laad_gelezen(opties: &Gemeenschappelijk, g: Gelezen) -> anyhow::Result<Invoer> {
    let Gelezen {
        afspraken,
        afspraken_invoer,
        bytes,
        sleutel,
    } = g;
    if let Some(dataset) = ingest::cache::lees(&opties.out, &sleutel, &opties.data) {
        uitln!("{UIT_CACHE}");
        return Ok(Invoer {
            afspraken,
            afspraken_invoer,
            dataset,
            cache_sleutel: None,
        });
    }
    let dataset = ingest::laad_uit(&opties.data, bytes, &afspraken, &ingest_opties(opties))?;
    Ok(Invoer {
        afspraken,
        afspraken_invoer,
        dataset,
        cache_sleutel: Some(sleutel),
    })
}

/// The key of a `run` for [`crate::herhaling`]: the input cache key, the data and template
/// folders, every toelichting and template file by path and SHA-256, and the command's periods
/// and deliverables as asked (no periods: the latest complete periods, which follow from the
/// data and so from the key).
fn run_sleutel(
    opties: &Gemeenschappelijk,
    invoer: &str,
    sjablonen: &[ManifestInvoer],
    periodes: &[Periode],
    filter: &BTreeSet<&str>,
) -> String {
    let map = |p: &Path| {
        std::fs::canonicalize(p)
            .unwrap_or_else(|_| p.to_path_buf())
            .display()
            .to_string()
    };
    let (data, templates) = (map(&opties.data), map(&opties.templates));
    let toelichting = bestanden_met_hash(&opties.data.join("toelichting"));
    let periodes: Vec<String> = periodes.iter().map(|p| p.to_string()).collect();
    let periodes = periodes.join(",");
    let filter = filter.iter().copied().collect::<Vec<_>>().join(",");
    let delen = ["run", invoer, &data, &templates, &periodes, &filter]
        .into_iter()
        .chain(
            toelichting
                .iter()
                .chain(sjablonen)
                .flat_map(|i| [i.pad.as_str(), i.sha256.as_str()]),
        );
    crate::herhaling::sleutel(delen)
}

/// The line of a `run` that found nothing to make (see [`crate::herhaling`]).
fn herhaald_tekst(bestanden: usize, out: &Path) -> String {
    format!(
        "Niets opnieuw gemaakt: de invoer, de afspraken, de toelichtingen, de sjablonen en het programma zijn dezelfde als bij de vorige run met deze opdracht, en de {} bestanden die die run schreef, staan ongewijzigd in {} (SHA-256 gecontroleerd).",
        format::aantal(bestanden as i64),
        out.display()
    )
}

fn check(opties: &Gemeenschappelijk, json: bool) -> Result<(), AppFout> {
    let (afspraken, _) = laad_afspraken(&opties.data)?;
    let (kwaliteit, fout) = match ingest::laad(&opties.data, &afspraken, &ingest_opties(opties)) {
        Ok(ds) => (ds.kwaliteit, None),
        // Too many rejects: still show and write what was found, then fail.
        Err(IngestFout::TeVeelAfgekeurd {
            bestand,
            afgekeurd,
            gelezen,
            percentage,
            drempel,
            kwaliteit,
        }) => (
            *kwaliteit,
            Some(format!(
                "{bestand}: {afgekeurd} van de {gelezen} regels afgekeurd ({percentage}%), meer dan de toegestane {drempel}%"
            )),
        ),
        Err(e) => return Err(AppFout::Data(e.into())),
    };
    let pad = opties.out.join("check").join("afgekeurde-rijen.csv");
    publish::write_atomic(&pad, &ingest::afgekeurde_rijen_csv(&kwaliteit))
        .with_context(|| format!("kan {} niet schrijven", pad.display()))?;
    if json {
        let mut s = serde_json::to_string_pretty(&kwaliteit).map_err(anyhow::Error::from)?;
        s.push('\n');
        uit!("{s}");
    } else {
        uit!("{}", render::terminal::datakwaliteit_tekst(&kwaliteit));
        uitln!("Afgekeurde regels: {}", pad.display());
    }
    if let Some(melding) = fout {
        return Err(AppFout::Data(anyhow!("{melding}; zie {}", pad.display())));
    }
    Ok(())
}

fn demo_data(seed: u64, scale: f64, out: &Path) -> Result<(), AppFout> {
    if !(scale > 0.0 && scale <= 1000.0) {
        return Err(AppFout::Gebruik(format!("--scale {scale} ligt niet tussen 0 en 1000")));
    }
    // The generator needs the agreement (codes, indexation); take it from the target folder when
    // it has one, else from the bundled data/afspraken.
    let bron = if out.join("afspraken").is_dir() {
        out.to_path_buf()
    } else {
        PathBuf::from("data")
    };
    let (afspraken, _) = laad_afspraken(&bron)?;
    let samenvatting = crate::demo::genereer(
        &crate::demo::DemoOpties {
            seed,
            scale,
            out: out.to_path_buf(),
        },
        &afspraken,
    )?;
    uitln!("{samenvatting}");
    Ok(())
}

fn invoer_voor(inv: &Invoer, a: &Aflevering, toelichting: &Toelichting) -> Vec<ManifestInvoer> {
    let mut v = inv.afspraken_invoer.clone();
    for b in inv
        .dataset
        .invoer
        .iter()
        .chain(toelichting.invoer.iter())
        .filter(|b| a.bestanden.contains(&b.pad.as_str()) || b.pad.starts_with("toelichting/"))
    {
        v.push(ManifestInvoer {
            pad: b.pad.clone(),
            sha256: b.sha256.clone(),
            gelezen: b.gelezen,
            geaccepteerd: b.geaccepteerd,
            afgekeurd: b.afgekeurd,
        });
    }
    v
}

fn voortgang(tekst: &str) {
    if std::io::stderr().is_terminal() {
        eprintln!("{tekst}");
    }
}

/// The latest complete periods in the data, one per kind of period the deliverables serve
/// (quarter, half year, year), each ending on or before the latest date.
pub fn laatste_periodes(laatste: NaiveDate) -> Vec<Periode> {
    let mut v = Vec::new();
    for a in &AFLEVERINGEN {
        let p = (a.laatste_periode)(laatste);
        if !v.contains(&p) {
            v.push(p);
        }
    }
    v
}

fn parse_datum(t: &str) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(t.trim(), "%Y-%m-%d").ok()
}

/// Today's date (UTC) from the system clock: only the scheduled run without `--today` reads it,
/// to decide what is due; it never ends up inside an output file.
fn systeemdatum() -> chrono::NaiveDate {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    chrono::NaiveDate::from_ymd_opt(1970, 1, 1).expect("geldige datum") + chrono::Days::new(secs / 86_400)
}

/// A deliverable whose model is assembled: its JSON, what the terminal summary needs, and the
/// renderer that makes its files (run only when the files are actually written).
struct Opgesteld {
    json: Vec<u8>,
    bevindingen: Bevindingen,
    render: Renderer,
}

/// Makes a deliverable's files: `(file name, bytes)`.
type Renderer = Box<dyn FnOnce() -> anyhow::Result<Vec<(String, Vec<u8>)>>>;

/// `f` over every task, on as many threads as the machine has cores, each thread taking the
/// next task in the list when it is done with one; the results in the order of the tasks.
///
/// Each deliverable of the run is one task: its model assembled and its files rendered, so one
/// deliverable's figures are computed while another's documents are laid out. Each has its own
/// model and typst world; the shared font, library and figure caches are thread-safe. Plain
/// threads, not rayon's pool: a polars query started on a rayon worker makes that worker steal
/// the other deliverables while it waits, and the run then makes them one inside the other on
/// one thread. The results keep the run's order, so an error is reported for the first
/// deliverable in that order that failed, as a sequential run would.
fn parallel<T: Sync, U: Send>(taken: &[T], f: impl Fn(&T) -> U + Sync) -> Vec<U> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let volgende = AtomicUsize::new(0);
    let draden = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(taken.len());
    let mut uit: Vec<(usize, U)> = std::thread::scope(|sc| {
        let werkers: Vec<_> = (0..draden)
            .map(|_| {
                sc.spawn(|| {
                    let mut klaar = Vec::new();
                    loop {
                        let i = volgende.fetch_add(1, Ordering::Relaxed);
                        let Some(t) = taken.get(i) else { break klaar };
                        klaar.push((i, f(t)));
                    }
                })
            })
            .collect();
        werkers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    uit.sort_by_key(|(i, _)| *i);
    uit.into_iter().map(|(_, u)| u).collect()
}

/// Why the scheduled run left a deliverable alone.
enum Overslaan {
    /// Every input file has the same hash as when the files were written.
    InvoerOngewijzigd,
    /// Some input changed, but not the figures of this deliverable.
    CijfersOngewijzigd,
}

/// Every file under `map` (recursively, in path order) with its SHA-256, named
/// `<folder name>/<path inside it>`; none when the folder cannot be read. Of the template
/// folder these are the manifest's template entries (a changed layout re-renders in the
/// scheduled run).
fn bestanden_met_hash(map: &Path) -> Vec<ManifestInvoer> {
    let mut paden = Vec::new();
    let mut stapel = vec![map.to_path_buf()];
    while let Some(m) = stapel.pop() {
        let Ok(rd) = std::fs::read_dir(&m) else { continue };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                stapel.push(p);
            } else {
                paden.push(p);
            }
        }
    }
    paden.sort();
    paden
        .iter()
        .filter_map(|p| {
            let bytes = std::fs::read(p).ok()?;
            let rel = p.strip_prefix(map).unwrap_or(p).to_string_lossy().replace('\\', "/");
            Some(ManifestInvoer {
                pad: format!(
                    "{}/{rel}",
                    map.file_name().map(|n| n.to_string_lossy()).unwrap_or_default()
                ),
                sha256: publish::sha256_hex(&bytes),
                gelezen: 0,
                geaccepteerd: 0,
                afgekeurd: 0,
            })
        })
        .collect()
}

/// The template entries among a manifest's inputs: those under the templates folder's name, as
/// `bestanden_met_hash` records them.
fn sjablonen_van(invoer: &[ManifestInvoer], sjablonen: &[ManifestInvoer]) -> Vec<ManifestInvoer> {
    let mapnamen: BTreeSet<&str> = sjablonen.iter().filter_map(|i| i.pad.split('/').next()).collect();
    invoer
        .iter()
        .filter(|i| i.pad.split('/').next().is_some_and(|m| mapnamen.contains(m)))
        .cloned()
        .collect()
}

/// One period folder's worth of deliverables to make.
struct Plan {
    periode: Periode,
    soorten: Vec<&'static Aflevering>,
}

/// How a deliverable's periods are named in a usage error: "een kwartaal, bijvoorbeeld --period
/// 2024-Q4".
fn dient_tekst(a: &Aflevering) -> String {
    let voorbeeld = (a.laatste_periode)(NaiveDate::from_ymd_opt(2024, 12, 31).expect("31-12-2024"));
    let soort = match voorbeeld {
        Periode::Maand(..) => "een maand",
        Periode::Kwartaal(..) => "een kwartaal",
        Periode::Halfjaar(..) => "een halfjaar",
        Periode::Jaar(..) => "een jaar",
    };
    format!("{soort}, bijvoorbeeld --period {voorbeeld}")
}

/// Which deliverables a period has: "bij 2024-Q2 (2e kwartaal 2024) hoort alleen --report
/// kwartaal".
fn passend_tekst(p: &Periode) -> String {
    let namen: Vec<&str> = AFLEVERINGEN.iter().filter(|a| (a.dient)(p)).map(|a| a.soort).collect();
    match namen.as_slice() {
        [] => format!("bij {p} ({}) hoort geen enkel rapport", p.label()),
        [een] => format!("bij {p} ({}) hoort alleen --report {een}", p.label()),
        _ => format!("bij {p} ({}) horen --report {}", p.label(), namen.join(",")),
    }
}

fn run(opties: &Gemeenschappelijk, periodes: Vec<Periode>, filter: &BTreeSet<&str>) -> Result<(), AppFout> {
    // A deliverable asked for a period it does not serve is a usage error (revision 3).
    for p in &periodes {
        for a in filter.iter().filter_map(|naam| aflevering(naam)) {
            if !(a.dient)(p) {
                return Err(AppFout::Gebruik(format!(
                    "--report {} past niet bij de gevraagde periode: {}; de {} is er voor {}",
                    a.soort,
                    passend_tekst(p),
                    a.rapport,
                    dient_tekst(a)
                )));
            }
        }
    }
    voortgang("Gegevens inlezen…");
    let gelezen = lees_invoer(opties)?;
    let invoer_sleutel = gelezen.sleutel.clone();
    // The templates hashed once: for this key and for the manifests.
    let sjablonen = bestanden_met_hash(&opties.templates);
    let sleutel = run_sleutel(opties, &invoer_sleutel, &sjablonen, &periodes, filter);
    if let Some(h) = crate::herhaling::lees(&opties.out, &sleutel) {
        uitln!("{}", herhaald_tekst(h.bestanden, &opties.out));
        uit!("{}", h.samenvatting);
        return Ok(());
    }
    let inv = laad_gelezen(opties, gelezen)?;
    let periodes = if periodes.is_empty() {
        let laatste = inv
            .dataset
            .laatste_datum
            .ok_or_else(|| anyhow!("de gegevensmap {} bevat geen enkele datum", opties.data.display()))?;
        laatste_periodes(laatste)
    } else {
        periodes
    };
    let plannen: Vec<Plan> = periodes
        .iter()
        .map(|p| Plan {
            periode: *p,
            soorten: AFLEVERINGEN
                .iter()
                .filter(|a| (a.dient)(p))
                .filter(|a| filter.is_empty() || filter.contains(a.soort))
                .collect(),
        })
        .filter(|p| !p.soorten.is_empty())
        .collect();
    if plannen.is_empty() {
        // Say which deliverables do fit each asked period, so the user can correct the call.
        let passend: Vec<String> = periodes.iter().map(passend_tekst).collect();
        let gevraagd: Vec<&str> = filter.iter().copied().collect();
        return Err(AppFout::Gebruik(format!(
            "--report {} past niet bij de gevraagde periode: {}",
            gevraagd.join(","),
            passend.join("; ")
        )));
    }
    let uitkomst = voer_plannen_uit(opties, &inv, &plannen, false, sjablonen)?;
    // Remembered for the next run with this command, unless the documents gave warnings (the
    // next run shows them again). A record that cannot be written costs the next run its
    // speed, not its result.
    if !render::pdf::waarschuwingen_gemeld()
        && let Err(e) = crate::herhaling::schrijf(
            &opties.out,
            &sleutel,
            &invoer_sleutel,
            &uitkomst.bestanden,
            &uitkomst.samenvatting,
        )
    {
        eprintln!(
            "let op: het runverslag in {} kon niet worden geschreven ({e}); de volgende run maakt alles opnieuw",
            opties.out.join(crate::herhaling::MAP).display()
        );
    }
    Ok(())
}

/// The order in which the threads take the deliverables (indices into `taken`): the
/// raadsinformatie first, then the others in the run's order. It takes the longest (three years
/// of figures), and started last it ran alone at the end; measured at scale 10 the full run took
/// 3,34 s instead of 3,56 s, and at scale 100 29,0 s and 3,72 GB instead of 30,9 s and 4,38 GB.
/// Only the start order: the results keep the run's order.
fn startvolgorde(taken: &[(usize, &Aflevering)]) -> Vec<usize> {
    let mut volgorde: Vec<usize> = (0..taken.len()).collect();
    volgorde.sort_by_key(|&t| taken[t].1.soort != <report::raad::Raadsinformatie as Rapport>::SOORT);
    volgorde
}

/// What a run published: every file of its period folders, and its summary as printed.
struct Uitkomst {
    bestanden: Vec<publish::Gepubliceerd>,
    samenvatting: String,
}

/// Makes and writes the planned deliverables. With `overslaan`, a deliverable whose inputs (or,
/// failing that, whose figures) are unchanged since its files were written is skipped.
/// `sjablonen`: the template files with their hashes (see [`bestanden_met_hash`]).
fn voer_plannen_uit(
    opties: &Gemeenschappelijk,
    inv: &Invoer,
    plannen: &[Plan],
    overslaan: bool,
    sjablonen: Vec<ManifestInvoer>,
) -> Result<Uitkomst, AppFout> {
    // Periods outside the data are refused before anything is computed or written (revision 3).
    let dekking = crate::dekking::Dekking::van(&inv.dataset)
        .map_err(anyhow::Error::from)?
        .ok_or_else(|| anyhow!("de gegevensmap {} bevat geen enkele datum", opties.data.display()))?;
    if let Some(melding) = plannen.iter().find_map(|p| dekking.weigering(&p.periode)) {
        return Err(AppFout::Data(anyhow!(melding)));
    }
    // A freshly read dataset is written to the input cache while the reports are made, and put
    // in place only when the run succeeds. A cache that cannot be written costs the next run
    // its speed, not its result: a note, and the run goes on.
    std::thread::scope(|s| {
        let cache = inv
            .cache_sleutel
            .as_deref()
            .map(|sleutel| s.spawn(move || ingest::cache::schrijf(&opties.out, sleutel, &inv.dataset)));
        let resultaat = maak_plannen(opties, inv, plannen, overslaan, dekking, sjablonen);
        let geplaatst = match cache.map(|c| c.join().expect("cache thread panicked")) {
            Some(Ok(voorlopig)) if resultaat.is_ok() => voorlopig.plaats(),
            Some(Err(e)) => Err(e),
            _ => Ok(()),
        };
        if let (Ok(_), Err(e)) = (&resultaat, geplaatst) {
            eprintln!(
                "let op: de invoercache in {} kon niet worden geschreven ({e}); de volgende run leest de invoer opnieuw",
                opties.out.join(ingest::cache::MAP).display()
            );
        }
        resultaat
    })
}

/// The part of [`voer_plannen_uit`] after the periods were checked against the data.
fn maak_plannen(
    opties: &Gemeenschappelijk,
    inv: &Invoer,
    plannen: &[Plan],
    overslaan: bool,
    dekking: crate::dekking::Dekking,
    sjablonen: Vec<ManifestInvoer>,
) -> Result<Uitkomst, AppFout> {
    let werk = Werk {
        opties,
        inv,
        dekking,
        bron: Bron::new(&inv.dataset).map_err(anyhow::Error::from)?,
        sjablonen,
        overslaan,
    };
    let mut verslag = Verslag::default();
    let mut mappen = Vec::with_capacity(plannen.len());
    for plan in plannen {
        let map = werk.periodemap(plan.periode)?;
        verslag.lees_toelichting(&map.toelichting.kwaliteit);
        mappen.push(map);
    }
    let taken: Vec<(usize, &'static Aflevering)> = plannen
        .iter()
        .enumerate()
        .flat_map(|(i, plan)| plan.soorten.iter().map(move |s| (i, *s)))
        .collect();
    let volgorde = startvolgorde(&taken);
    let mut uitslagen: Vec<(usize, anyhow::Result<Uitslag>)> = volgorde
        .iter()
        .copied()
        .zip(parallel(&volgorde, |&t| {
            let (i, s) = taken[t];
            werk.aflevering(s, &mappen[i])
        }))
        .collect();
    uitslagen.sort_by_key(|(t, _)| *t);
    let uitslagen = uitslagen.into_iter().map(|(_, u)| u);
    let mut rapporten: Vec<Vec<Rapportbestanden>> = mappen.iter().map(|_| Vec::new()).collect();
    for ((i, s), uitslag) in taken.iter().zip(uitslagen) {
        let p = mappen[*i].periode;
        match uitslag? {
            Uitslag::Overgeslagen(reden) => verslag.overgeslagen.push((s, p, reden)),
            Uitslag::Gemaakt {
                rapport,
                bevindingen,
                afgekeurd,
            } => {
                verslag.gemaakt.push((s, p, bevindingen, afgekeurd));
                rapporten[*i].push(rapport);
            }
        }
    }
    let publicaties: Vec<Publicatie> = mappen
        .iter()
        .zip(rapporten)
        .filter(|(_, r)| !r.is_empty())
        .map(|(map, r)| map.publicatie(r))
        .collect();

    // Everything is computed and rendered: now write, all or nothing.
    let mut bestanden = Vec::new();
    if !publicaties.is_empty() {
        let uitslag = publish::publiceer_alles(&publicaties)
            .with_context(|| format!("kan niet schrijven naar {}", opties.out.display()))?;
        for pad in &uitslag.geschreven {
            uitln!("geschreven: {}", pad.display());
        }
        bestanden = uitslag.bestanden;
    }
    for (s, p, reden) in &verslag.overgeslagen {
        let waarom = match reden {
            Overslaan::InvoerOngewijzigd => "de invoerbestanden zijn ongewijzigd sinds de vorige keer",
            Overslaan::CijfersOngewijzigd => "de invoer is gewijzigd, maar niet de cijfers van dit rapport",
        };
        uitln!("overgeslagen: {} {} – {waarom}", s.rapport, p);
    }
    if publicaties.is_empty() && !verslag.overgeslagen.is_empty() {
        uitln!("Niets geschreven: alle rapportages die aan de beurt zijn, zijn actueel.");
    }
    let mut samenvatting = samenvatting_tekst(
        &verslag.gemaakt,
        &samengevoegd(&inv.dataset.kwaliteit, &verslag.toelichting),
    );
    if inv.dataset.contacten.is_none() && verslag.gemaakt.iter().any(|(s, ..)| CONTACTCIJFERS.contains(&s.soort)) {
        samenvatting.push_str(CONTACTEN_NIET_AANGELEVERD);
        samenvatting.push('\n');
    }
    uit!("{samenvatting}");
    Ok(Uitkomst {
        bestanden,
        samenvatting,
    })
}

/// The deliverables that show the contact figures of the optional contacten.csv.
const CONTACTCIJFERS: [&str; 2] = ["kwartaal", "inhoud"];

/// The run summary's line when the optional contacten.csv is absent (the reports say "niet
/// aangeleverd" at each figure; the unattended run's reader learns it here).
pub const CONTACTEN_NIET_AANGELEVERD: &str = "Niet aangeleverd: contacten.csv (optioneel) – de contacten, korte interventies en \
     de slagingspercentages van buurtbemiddeling en vrijwilligerskoppeling staan in de rapporten als 'niet aangeleverd'.";

/// What a run made (for the summary) and what it skipped.
#[derive(Default)]
struct Verslag {
    /// Per deliverable made: its findings and the number of rejected rows its own data-quality
    /// section shows (the rows of its input files only).
    gemaakt: Vec<(&'static Aflevering, Periode, Bevindingen, usize)>,
    overgeslagen: Vec<(&'static Aflevering, Periode, Overslaan)>,
    /// The data-quality account of the toelichting files the run read (each file once).
    toelichting: Datakwaliteit,
}

impl Verslag {
    /// Adds a period's toelichting account; a file already there is not counted twice.
    fn lees_toelichting(&mut self, k: &Datakwaliteit) {
        let bekend: BTreeSet<String> = self.toelichting.bestanden.iter().map(|b| b.pad.clone()).collect();
        let nieuw = |pad: &str| !bekend.contains(pad);
        self.toelichting.voeg_toe(Datakwaliteit {
            bestanden: k.bestanden.iter().filter(|b| nieuw(&b.pad)).cloned().collect(),
            afkeuringen: k.afkeuringen.iter().filter(|a| nieuw(&a.bestand)).cloned().collect(),
            waarschuwingen: k.waarschuwingen.iter().filter(|w| nieuw(&w.bestand)).cloned().collect(),
        });
    }
}

/// What every plan of a run shares.
struct Werk<'a> {
    opties: &'a Gemeenschappelijk,
    inv: &'a Invoer,
    /// The span of the data: which periods are complete (definitief) or still running.
    dekking: crate::dekking::Dekking,
    bron: Bron,
    /// The template files with their hashes.
    sjablonen: Vec<ManifestInvoer>,
    /// Skip deliverables that are up to date (the scheduled run).
    overslaan: bool,
}

/// One period folder while its deliverables are made.
struct Map {
    periode: Periode,
    pad: PathBuf,
    manifest: Option<publish::Manifest>,
    toelichting: Toelichting,
    /// The data-quality account of every input file and the toelichting files.
    kwaliteit: Datakwaliteit,
}

impl Map {
    /// The folder's publication: the deliverables made (`rapporten`, in the run's order) and its
    /// rejects file.
    fn publicatie(&self, rapporten: Vec<Rapportbestanden>) -> Publicatie {
        let p = self.periode;
        // The folder's rejects file covers the inputs of every deliverable that lives in the
        // folder, also those this run skipped or did not ask for: rewriting only the financial
        // report must not drop the rejected hulpvragen rows of the inhoudelijk report beside it.
        let alle_bestanden: BTreeSet<&str> = AFLEVERINGEN
            .iter()
            .filter(|a| (a.dient)(&p))
            .flat_map(|a| a.bestanden.iter().copied())
            .collect();
        let alle_bestanden: Vec<&str> = alle_bestanden.into_iter().collect();
        let afgekeurd = report::datakwaliteit_voor(&self.kwaliteit, &alle_bestanden);
        Publicatie {
            map: self.pad.clone(),
            periode: p.to_string(),
            peildatum: p.peildatum().to_string(),
            rapporten,
            afgekeurde_rijen: ingest::afgekeurde_rijen_csv(&afgekeurd),
        }
    }
}

/// What became of one deliverable of the run.
enum Uitslag {
    /// The scheduled run found it up to date.
    Overgeslagen(Overslaan),
    /// Made: its files (rendered) and manifest entry, its findings, and the number of rejected
    /// rows its own data-quality section shows.
    Gemaakt {
        rapport: Rapportbestanden,
        bevindingen: Bevindingen,
        afgekeurd: usize,
    },
}

impl Werk<'_> {
    /// A period folder: its toelichting and data-quality account, and its manifest so far.
    fn periodemap(&self, p: Periode) -> anyhow::Result<Map> {
        let pad = self.opties.out.join(p.to_string());
        let afspraken = self.inv.afspraken.voor_jaar(p.jaar());
        let toelichting = ingest::laad_toelichting(&self.opties.data, &p, afspraken)?;
        let kwaliteit = samengevoegd(&self.inv.dataset.kwaliteit, &toelichting.kwaliteit);
        Ok(Map {
            periode: p,
            manifest: publish::Manifest::lees(&pad).filter(|m| m.periode == p.to_string()),
            pad,
            toelichting,
            kwaliteit,
        })
    }

    /// One deliverable: skipped when the scheduled run finds it up to date, else its model
    /// assembled and its files rendered.
    fn aflevering(&self, s: &'static Aflevering, map: &Map) -> anyhow::Result<Uitslag> {
        let p = map.periode;
        let mut invoer = invoer_voor(self.inv, s, &map.toelichting);
        invoer.extend(self.sjablonen.iter().cloned());
        let eerder = map.manifest.as_ref().and_then(|m| m.rapporten.get(s.rapport));
        let actueel = self.overslaan && eerder.is_some_and(|e| uitvoer_intact(&map.pad, e));
        if actueel && eerder.is_some_and(|e| e.invoer_sha256 == publish::invoer_hash(&invoer)) {
            return Ok(Uitslag::Overgeslagen(Overslaan::InvoerOngewijzigd));
        }
        voortgang(&format!("{} {} opstellen…", s.rapport, p));
        let datakwaliteit = report::datakwaliteit_voor(&map.kwaliteit, s.bestanden);
        let cijfers = Cijfers {
            dataset: &self.inv.dataset,
            bron: &self.bron,
            afspraken: &self.inv.afspraken,
            toelichting: &map.toelichting,
            datakwaliteit: &datakwaliteit,
            status: self.dekking.status(&p),
        };
        let opgesteld = (s.maak)(&cijfers, p, &self.opties.templates)?;
        let model_sha256 = publish::sha256_hex(&opgesteld.json);
        // The files follow from the model and the templates alone, so equal figures and
        // unchanged templates mean the files would come out byte for byte the same.
        let zelfde_sjablonen = eerder.is_some_and(|e| sjablonen_van(&e.invoer, &self.sjablonen) == self.sjablonen);
        if actueel && zelfde_sjablonen && eerder.is_some_and(|e| e.model_sha256 == model_sha256) {
            return Ok(Uitslag::Overgeslagen(Overslaan::CijfersOngewijzigd));
        }
        let mut bestanden = (opgesteld.render)()?;
        bestanden.push((format!("{}.json", s.rapport), opgesteld.json));
        Ok(Uitslag::Gemaakt {
            rapport: Rapportbestanden {
                rapport: s.rapport.to_string(),
                bestanden,
                invoer,
                model_sha256,
            },
            bevindingen: opgesteld.bevindingen,
            afgekeurd: datakwaliteit.totaal_afgekeurd(),
        })
    }
}

/// Whether every file the manifest lists for a deliverable is still there with its hash.
fn uitvoer_intact(map: &Path, r: &publish::ManifestRapport) -> bool {
    !r.uitvoer.is_empty()
        && r.uitvoer.iter().all(|u| {
            publish::lees_begrensd(&map.join(&u.pad), publish::MAX_UITVOER_BYTES)
                .is_some_and(|b| b.len() == u.bytes && publish::sha256_hex(&b) == u.sha256)
        })
}

/// The file in the output folder that records the date of the last scheduled run (what the next
/// scheduled run catches up from): `{"datum": "2024-07-05"}`.
pub const GEPLANDE_RUN: &str = "geplande-run.json";

#[derive(serde::Serialize, serde::Deserialize)]
struct GeplandeRun {
    datum: NaiveDate,
}

/// The date of the last scheduled run recorded in `out`, if any (an unreadable record counts as
/// none: the run then makes what is due today, as a first run does). Read like a manifest: only
/// a regular file, with a size limit, so a FIFO or a link to /dev/zero planted there cannot hang
/// the run.
fn vorige_geplande_run(out: &Path) -> Option<NaiveDate> {
    let bytes = publish::lees_begrensd(&out.join(GEPLANDE_RUN), publish::MAX_MANIFEST_BYTES)?;
    serde_json::from_slice::<GeplandeRun>(&bytes).ok().map(|g| g.datum)
}

/// The plans of a scheduled run: every period of the catch-up plan with the deliverables that
/// serve it (a month the maandrapportage, a quarter the kwartaal, a half year both halfjaar
/// reports, a year the raad letter), in the plan's order.
pub fn geplande_plannen(
    vandaag: NaiveDate,
    vorige: Option<NaiveDate>,
    afspraken: &AfsprakenSet,
) -> (Vec<Periode>, Vec<Periode>) {
    let raad_maand = |y: i32| afspraken.voor_jaar(y).raad_maand;
    let plan = crate::planning::inhaalplan(vandaag, vorige, &raad_maand);
    (plan.periodes, plan.te_oud)
}

fn scheduled(opties: &Gemeenschappelijk, vandaag: chrono::NaiveDate) -> Result<(), AppFout> {
    voortgang("Gegevens inlezen…");
    let inv = laad_invoer(opties)?;
    let vorige = vorige_geplande_run(&opties.out);
    let (periodes, te_oud) = geplande_plannen(vandaag, vorige, &inv.afspraken);
    let plannen: Vec<Plan> = periodes
        .into_iter()
        .map(|periode| Plan {
            periode,
            soorten: AFLEVERINGEN.iter().filter(|a| (a.dient)(&periode)).collect(),
        })
        .filter(|p| !p.soorten.is_empty())
        .collect();
    uitln!(
        "Geplande run op {}{}: aan de beurt {}",
        format::datum(vandaag),
        vorige.map_or(String::new(), |v| format!(
            " (vorige geplande run {})",
            format::datum(v)
        )),
        plannen
            .iter()
            .flat_map(|p| p.soorten.iter().map(move |s| format!("{} {}", s.rapport, p.periode)))
            .collect::<Vec<_>>()
            .join(", ")
    );
    if !te_oud.is_empty() {
        uitln!(
            "Niet meer ingehaald (langer dan {} maanden geleden afgelopen; maak ze met run --period): {}",
            crate::planning::INHAAL_MAANDEN,
            te_oud.iter().map(|p| p.to_string()).collect::<Vec<_>>().join(", ")
        );
    }
    voer_plannen_uit(opties, &inv, &plannen, true, bestanden_met_hash(&opties.templates))?;
    // Recorded only after everything was written: a run that fails is caught up next time.
    let datum = vorige.map_or(vandaag, |v| v.max(vandaag));
    let pad = opties.out.join(GEPLANDE_RUN);
    let mut bytes = serde_json::to_vec_pretty(&GeplandeRun { datum }).map_err(anyhow::Error::from)?;
    bytes.push(b'\n');
    // A rerun on the same day leaves the record alone, like every other unchanged file.
    if publish::lees_begrensd(&pad, publish::MAX_MANIFEST_BYTES).as_deref() != Some(bytes.as_slice()) {
        publish::write_atomic(&pad, &bytes).with_context(|| format!("kan {} niet schrijven", pad.display()))?;
    }
    Ok(())
}

fn samengevoegd(a: &Datakwaliteit, b: &Datakwaliteit) -> Datakwaliteit {
    let mut k = a.clone();
    k.voeg_toe(b.clone());
    k
}

/// Indicator ids as the names a person reads ("Jeugd (CJG) – Besluit jeugdhulp binnen 8
/// weken"), separated by semicolons because names contain commas; a begroting regel comes as
/// "ISW-04 Voor elkaar" and stays as it is.
fn leesbaar(ids: &[String]) -> String {
    ids.iter()
        .map(|id| crate::domein::catalogus::leesbare_naam(id))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The run's summary: per deliverable made its status and findings, then the rejected rows and
/// the warnings.
fn samenvatting_tekst(
    samenvatting: &[(&Aflevering, Periode, Bevindingen, usize)],
    kwaliteit: &Datakwaliteit,
) -> String {
    use std::fmt::Write as _;
    let mut t = String::new();
    for (s, p, b, _) in samenvatting {
        t.push('\n');
        let _ = writeln!(t, "{} {} ({}):", s.rapport, p.label(), b.status.label());
        if !b.ontbrekende_teksten.is_empty() {
            let _ = writeln!(
                t,
                "  CONCEPT – niet publiceren; ontbrekende teksten: {}",
                b.ontbrekende_teksten.join("; ")
            );
        }
        if !b.heeft_normen {
            // No norms (the financial report): the variance rule decides which regels need an analysis.
        } else if b.niet_gehaald.is_empty() {
            let _ = writeln!(t, "  alle normen gehaald");
        } else {
            let _ = writeln!(t, "  normen niet gehaald: {}", leesbaar(&b.niet_gehaald));
        }
        if !b.analyse_ontbreekt.is_empty() {
            let _ = writeln!(t, "  analyse ontbreekt: {}", leesbaar(&b.analyse_ontbreekt));
        }
    }
    // Per deliverable the count its PDF shows.
    let per_rapport: Vec<(&str, String, usize)> = samenvatting
        .iter()
        .map(|(s, p, _, n)| (s.soort, p.to_string(), *n))
        .collect();
    t.push('\n');
    let _ = writeln!(
        t,
        "{}",
        render::terminal::afgekeurd_samenvatting(kwaliteit, &per_rapport)
    );
    let _ = writeln!(
        t,
        "Waarschuwingen: {}",
        format::aantal(kwaliteit.waarschuwingen.len() as i64)
    );
    t
}

fn json_bytes<T: serde::Serialize>(model: &T) -> anyhow::Result<Vec<u8>> {
    let mut v = serde_json::to_vec_pretty(model)?;
    v.push(b'\n');
    Ok(v)
}
