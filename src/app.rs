//! The application: runs one command of the CLI through the pipeline
//! `ingest → kpi/finance → report → render → publish`.
//!
//! Nothing is written before every deliverable of the run has been computed and rendered, so a
//! run that fails on bad data leaves the previous outputs untouched.

use std::collections::BTreeSet;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, anyhow};

use crate::afspraken::{self, AfsprakenSet};
use crate::cli::{Cli, Gemeenschappelijk, Opdracht};
use crate::ingest::{self, Datakwaliteit, Dataset, IngestFout, IngestOpties, Toelichting};
use crate::kpi::{Bron, Status};
use crate::period::Periode;
use crate::publish::{self, ManifestInvoer, Publicatie, Rapportbestanden};
use crate::render;
use crate::report;

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

/// The deliverables, by their `--report` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Soort {
    /// `kwartaal`
    Kwartaal,
    /// `financieel`
    Financieel,
    /// `inhoud`
    Inhoud,
    /// `raad`
    Raad,
}

impl Soort {
    fn parse(s: &str) -> Option<Soort> {
        match s.trim().to_lowercase().as_str() {
            "kwartaal" => Some(Soort::Kwartaal),
            "financieel" => Some(Soort::Financieel),
            "inhoud" | "inhoudelijk" => Some(Soort::Inhoud),
            "raad" => Some(Soort::Raad),
            _ => None,
        }
    }

    /// The deliverable's name in file names and the manifest.
    pub fn rapport(self) -> &'static str {
        match self {
            Soort::Kwartaal => "kwartaalrapportage",
            Soort::Financieel => "halfjaar-financieel",
            Soort::Inhoud => "halfjaar-inhoudelijk",
            Soort::Raad => "raadsinformatie",
        }
    }

    /// The input files (relative to the data directory) the deliverable is made from, besides
    /// the afspraken and its toelichting folder. Its data-quality section covers these files.
    pub fn bestanden(self) -> &'static [&'static str] {
        match self {
            Soort::Kwartaal | Soort::Inhoud => &["hulpvragen.csv", "uren.csv", "activiteiten.csv"],
            Soort::Financieel => &["begroting.csv", "realisatie.csv", "formatie.csv"],
            Soort::Raad => &[
                "hulpvragen.csv",
                "uren.csv",
                "activiteiten.csv",
                "begroting.csv",
                "realisatie.csv",
                "formatie.csv",
            ],
        }
    }

    /// The deliverables of a period: a quarter gives the kwartaal, a half year both halfjaar
    /// reports, a year the raad report.
    pub fn van_periode(p: &Periode) -> &'static [Soort] {
        match p {
            Periode::Kwartaal(..) => &[Soort::Kwartaal],
            Periode::Halfjaar(..) => &[Soort::Financieel, Soort::Inhoud],
            Periode::Jaar(..) => &[Soort::Raad],
            Periode::Maand(..) => &[],
        }
    }
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

fn parse_filter(report: &[String]) -> Result<BTreeSet<Soort>, AppFout> {
    let mut filter = BTreeSet::new();
    for r in report.iter().filter(|r| !r.trim().is_empty()) {
        filter.insert(Soort::parse(r).ok_or_else(|| {
            AppFout::Gebruik(format!(
                "onbekend rapport '{r}' bij --report; kies uit kwartaal, financieel, inhoud, raad"
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

/// Loads the afspraken and the data directory.
pub fn laad_invoer(opties: &Gemeenschappelijk) -> anyhow::Result<Invoer> {
    let (afspraken, afspraken_invoer) = laad_afspraken(&opties.data)?;
    let dataset = ingest::laad(&opties.data, &afspraken, &ingest_opties(opties))?;
    Ok(Invoer {
        afspraken,
        afspraken_invoer,
        dataset,
    })
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
        print!("{s}");
    } else {
        print!("{}", render::terminal::datakwaliteit_tekst(&kwaliteit));
        println!("Afgekeurde regels: {}", pad.display());
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
    println!("{samenvatting}");
    Ok(())
}

/// The data-quality account restricted to `bestanden` (plus the toelichting files).
fn kwaliteit_voor(k: &Datakwaliteit, bestanden: &[&str]) -> Datakwaliteit {
    let hoort = |pad: &str| bestanden.contains(&pad) || pad.starts_with("toelichting/");
    Datakwaliteit {
        bestanden: k.bestanden.iter().filter(|b| hoort(&b.pad)).cloned().collect(),
        afkeuringen: k.afkeuringen.iter().filter(|a| hoort(&a.bestand)).cloned().collect(),
        waarschuwingen: k.waarschuwingen.iter().filter(|w| hoort(&w.bestand)).cloned().collect(),
    }
}

fn invoer_voor(inv: &Invoer, soort: Soort, toelichting: &Toelichting) -> Vec<ManifestInvoer> {
    let mut v = inv.afspraken_invoer.clone();
    for b in inv
        .dataset
        .invoer
        .iter()
        .chain(toelichting.invoer.iter())
        .filter(|b| soort.bestanden().contains(&b.pad.as_str()) || b.pad.starts_with("toelichting/"))
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

/// What one deliverable's run produced, for the terminal summary.
#[derive(Debug, Default)]
struct Bevindingen {
    niet_gehaald: Vec<String>,
    analyse_ontbreekt: Vec<String>,
}

fn voortgang(tekst: &str) {
    if std::io::stderr().is_terminal() {
        eprintln!("{tekst}");
    }
}

/// The latest complete periods in the data: quarter, half year and year ending on or before the
/// latest date.
pub fn laatste_periodes(laatste: chrono::NaiveDate) -> Vec<Periode> {
    vec![
        Periode::laatste_kwartaal(laatste),
        Periode::laatste_halfjaar(laatste),
        Periode::laatste_jaar(laatste),
    ]
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

/// Why the scheduled run left a deliverable alone.
enum Overslaan {
    /// Every input file has the same hash as when the files were written.
    InvoerOngewijzigd,
    /// Some input changed, but not the figures of this deliverable.
    CijfersOngewijzigd,
}

/// Hashes of the template folder's files (a changed layout re-renders in the scheduled run).
fn sjabloon_invoer(templates: &Path) -> Vec<ManifestInvoer> {
    let mut paden = Vec::new();
    let mut stapel = vec![templates.to_path_buf()];
    while let Some(map) = stapel.pop() {
        let Ok(rd) = std::fs::read_dir(&map) else { continue };
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
            let rel = p
                .strip_prefix(templates)
                .unwrap_or(p)
                .to_string_lossy()
                .replace('\\', "/");
            Some(ManifestInvoer {
                pad: format!(
                    "{}/{rel}",
                    templates.file_name().map(|n| n.to_string_lossy()).unwrap_or_default()
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
/// `sjabloon_invoer` records them.
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
    soorten: Vec<Soort>,
}

fn run(opties: &Gemeenschappelijk, periodes: Vec<Periode>, filter: &BTreeSet<Soort>) -> Result<(), AppFout> {
    voortgang("Gegevens inlezen…");
    let inv = laad_invoer(opties)?;
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
            soorten: Soort::van_periode(p)
                .iter()
                .copied()
                .filter(|s| filter.is_empty() || filter.contains(s))
                .filter(beschikbaar)
                .collect(),
        })
        .filter(|p| !p.soorten.is_empty())
        .collect();
    if plannen.is_empty() {
        return Err(AppFout::Gebruik(
            "er is voor deze periode en --report geen rapport te maken".into(),
        ));
    }
    voer_plannen_uit(opties, &inv, &plannen, false)
}

/// Makes and writes the planned deliverables. With `overslaan`, a deliverable whose inputs (or,
/// failing that, whose figures) are unchanged since its files were written is skipped.
fn voer_plannen_uit(
    opties: &Gemeenschappelijk,
    inv: &Invoer,
    plannen: &[Plan],
    overslaan: bool,
) -> Result<(), AppFout> {
    let bron = Bron::new(&inv.dataset).map_err(anyhow::Error::from)?;
    let sjablonen = sjabloon_invoer(&opties.templates);
    let mut publicaties = Vec::new();
    let mut samenvatting = Vec::new();
    let mut overgeslagen = Vec::new();
    for plan in plannen {
        let p = &plan.periode;
        let map = opties.out.join(p.to_string());
        let manifest = publish::Manifest::lees(&map).filter(|m| m.periode == p.to_string());
        let afspraken = inv.afspraken.voor_jaar(p.jaar());
        let toelichting = ingest::laad_toelichting(&opties.data, p, afspraken).map_err(anyhow::Error::from)?;
        let alle_kwaliteit = samengevoegd(&inv.dataset.kwaliteit, &toelichting.kwaliteit);
        let mut rapporten = Vec::new();
        for s in &plan.soorten {
            let mut invoer = invoer_voor(inv, *s, &toelichting);
            invoer.extend(sjablonen.iter().cloned());
            let eerder = manifest.as_ref().and_then(|m| m.rapporten.get(s.rapport()));
            let intact = eerder.is_some_and(|e| uitvoer_intact(&map, e));
            if overslaan && intact && eerder.is_some_and(|e| e.invoer_sha256 == publish::invoer_hash(&invoer)) {
                overgeslagen.push((*s, *p, Overslaan::InvoerOngewijzigd));
                continue;
            }
            voortgang(&format!("{} {} opstellen…", s.rapport(), p));
            let kwaliteit = kwaliteit_voor(&alle_kwaliteit, s.bestanden());
            let opgesteld = stel_op(*s, p, inv, &bron, &toelichting, &kwaliteit, opties)?;
            let model_sha256 = publish::sha256_hex(&opgesteld.json);
            // The files follow from the model and the templates alone, so equal figures and
            // unchanged templates mean the files would come out byte for byte the same.
            let zelfde_sjablonen = eerder.is_some_and(|e| sjablonen_van(&e.invoer, &sjablonen) == sjablonen);
            if overslaan && intact && zelfde_sjablonen && eerder.is_some_and(|e| e.model_sha256 == model_sha256) {
                overgeslagen.push((*s, *p, Overslaan::CijfersOngewijzigd));
                continue;
            }
            let mut bestanden = (opgesteld.render)()?;
            bestanden.push((format!("{}.json", s.rapport()), opgesteld.json));
            samenvatting.push((*s, *p, opgesteld.bevindingen));
            rapporten.push(Rapportbestanden {
                rapport: s.rapport().to_string(),
                bestanden,
                invoer,
                model_sha256,
            });
        }
        if rapporten.is_empty() {
            continue;
        }
        // The folder's rejects file covers the inputs of every deliverable that lives in the
        // folder, also those this run skipped or did not ask for: rewriting only the financial
        // report must not drop the rejected hulpvragen rows of the inhoudelijk report beside it.
        let alle_bestanden: BTreeSet<&str> = Soort::van_periode(p)
            .iter()
            .flat_map(|s| s.bestanden().iter().copied())
            .collect();
        let alle_bestanden: Vec<&str> = alle_bestanden.into_iter().collect();
        let kwaliteit = kwaliteit_voor(&alle_kwaliteit, &alle_bestanden);
        publicaties.push(Publicatie {
            map,
            periode: p.to_string(),
            peildatum: p.peildatum().to_string(),
            rapporten,
            afgekeurde_rijen: ingest::afgekeurde_rijen_csv(&kwaliteit),
        });
    }

    // Everything is computed and rendered: now write, all or nothing.
    if !publicaties.is_empty() {
        let paden = publish::publiceer_alles(&publicaties)
            .with_context(|| format!("kan niet schrijven naar {}", opties.out.display()))?;
        for pad in paden {
            println!("geschreven: {}", pad.display());
        }
    }
    for (s, p, reden) in &overgeslagen {
        let waarom = match reden {
            Overslaan::InvoerOngewijzigd => "de invoerbestanden zijn ongewijzigd sinds de vorige keer",
            Overslaan::CijfersOngewijzigd => "de invoer is gewijzigd, maar niet de cijfers van dit rapport",
        };
        println!("overgeslagen: {} {} – {waarom}", s.rapport(), p);
    }
    if publicaties.is_empty() && !overgeslagen.is_empty() {
        println!("Niets geschreven: alle rapportages die aan de beurt zijn, zijn actueel.");
    }
    print_samenvatting(&samenvatting, &inv.dataset.kwaliteit);
    Ok(())
}

/// Whether every file the manifest lists for a deliverable is still there with its hash.
fn uitvoer_intact(map: &Path, r: &publish::ManifestRapport) -> bool {
    !r.uitvoer.is_empty()
        && r.uitvoer.iter().all(|u| {
            publish::lees_begrensd(&map.join(&u.pad), publish::MAX_UITVOER_BYTES)
                .is_some_and(|b| b.len() == u.bytes && publish::sha256_hex(&b) == u.sha256)
        })
}

/// The deliverables due on `vandaag`: the latest quarter that ended before today (kwartaal);
/// when that is Q2 or Q4, also its half year (both halfjaar reports); in the agreement's raad
/// month, the raad report over the previous year.
///
/// Design choice: "due" depends on the date alone, not on when the job last ran; whether a due
/// deliverable is actually (re)written is decided by the manifest's hashes. A missed quarter is
/// therefore not caught up automatically: run `run --period` for it.
pub fn verschuldigd(vandaag: chrono::NaiveDate, afspraken: &AfsprakenSet) -> Vec<(Periode, Vec<Soort>)> {
    use chrono::Datelike;
    let gisteren = vandaag.pred_opt().unwrap_or(vandaag);
    let q = Periode::laatste_kwartaal(gisteren);
    let mut v = vec![(q, vec![Soort::Kwartaal])];
    if let Periode::Kwartaal(y, k) = q
        && (k == 2 || k == 4)
    {
        v.push((Periode::Halfjaar(y, k / 2), vec![Soort::Financieel, Soort::Inhoud]));
    }
    if vandaag.month() == afspraken.voor_jaar(vandaag.year()).raad_maand {
        v.push((Periode::Jaar(vandaag.year() - 1), vec![Soort::Raad]));
    }
    v
}

fn scheduled(opties: &Gemeenschappelijk, vandaag: chrono::NaiveDate) -> Result<(), AppFout> {
    voortgang("Gegevens inlezen…");
    let inv = laad_invoer(opties)?;
    let plannen: Vec<Plan> = verschuldigd(vandaag, &inv.afspraken)
        .into_iter()
        .map(|(periode, soorten)| Plan {
            periode,
            soorten: soorten.into_iter().filter(beschikbaar).collect(),
        })
        .filter(|p| !p.soorten.is_empty())
        .collect();
    println!(
        "Geplande run op {}: aan de beurt {}",
        render::format::datum(vandaag),
        plannen
            .iter()
            .flat_map(|p| p.soorten.iter().map(move |s| format!("{} {}", s.rapport(), p.periode)))
            .collect::<Vec<_>>()
            .join(", ")
    );
    voer_plannen_uit(opties, &inv, &plannen, true)
}

/// Deliverables whose code has landed.
fn beschikbaar(s: &Soort) -> bool {
    matches!(s, Soort::Kwartaal | Soort::Financieel | Soort::Inhoud | Soort::Raad)
}

fn samengevoegd(a: &Datakwaliteit, b: &Datakwaliteit) -> Datakwaliteit {
    let mut k = a.clone();
    k.voeg_toe(b.clone());
    k
}

fn print_samenvatting(samenvatting: &[(Soort, Periode, Bevindingen)], kwaliteit: &Datakwaliteit) {
    for (s, p, b) in samenvatting {
        println!();
        println!("{} {}:", s.rapport(), p.label());
        if *s == Soort::Financieel {
            // No norms: the variance rule decides which regels need an analysis.
        } else if b.niet_gehaald.is_empty() {
            println!("  alle normen gehaald");
        } else {
            println!("  normen niet gehaald: {}", b.niet_gehaald.join(", "));
        }
        if !b.analyse_ontbreekt.is_empty() {
            println!("  analyse ontbreekt: {}", b.analyse_ontbreekt.join(", "));
        }
    }
    let afgekeurd = kwaliteit.totaal_afgekeurd();
    println!();
    println!(
        "Afgekeurde invoerregels: {} (zie afgekeurde-rijen.csv); waarschuwingen: {}",
        render::format::aantal(afgekeurd as i64),
        kwaliteit.waarschuwingen.len()
    );
}

fn json_bytes<T: serde::Serialize>(model: &T) -> anyhow::Result<Vec<u8>> {
    let mut v = serde_json::to_vec_pretty(model)?;
    v.push(b'\n');
    Ok(v)
}

fn niet_gehaald(indicatoren: &[crate::kpi::Indicator]) -> Vec<String> {
    indicatoren
        .iter()
        .filter(|i| i.status == Status::NietGehaald)
        .map(|i| i.id.clone())
        .collect()
}

/// Assembles one deliverable's model (figures + toelichting) and prepares its renderer.
fn stel_op(
    soort: Soort,
    p: &Periode,
    inv: &Invoer,
    bron: &Bron,
    toelichting: &Toelichting,
    kwaliteit: &Datakwaliteit,
    opties: &Gemeenschappelijk,
) -> anyhow::Result<Opgesteld> {
    let afspraken = inv.afspraken.voor_jaar(p.jaar()).clone();
    let templates = opties.templates.clone();
    match soort {
        Soort::Kwartaal => {
            let model = report::kwartaal::stel_op(bron, &inv.afspraken, *p, toelichting, kwaliteit)?;
            let bevindingen = Bevindingen {
                niet_gehaald: niet_gehaald(&model.indicatoren),
                analyse_ontbreekt: model
                    .analyses
                    .iter()
                    .filter(|a| a.ontbreekt)
                    .map(|a| a.id.clone())
                    .collect(),
            };
            Ok(Opgesteld {
                json: json_bytes(&model)?,
                bevindingen,
                render: Box::new(move || {
                    let doc = render::kwartaal::document(&model, &afspraken);
                    let pdf = render::pdf::render_pdf(&doc, &templates, render::pdf::PdfProfiel::Standaard)?;
                    let xlsx = render::xlsx::kwartaal(&model, &afspraken)?;
                    Ok(vec![
                        ("kwartaalrapportage.xlsx".into(), xlsx),
                        ("kwartaalrapportage.pdf".into(), pdf),
                    ])
                }),
            })
        }
        Soort::Financieel => {
            let mut model = report::financieel::stel_op(&inv.dataset, &inv.afspraken, p, toelichting)?;
            model.datakwaliteit = kwaliteit.clone();
            let bevindingen = Bevindingen {
                niet_gehaald: Vec::new(),
                analyse_ontbreekt: model
                    .financieel
                    .regels
                    .iter()
                    .filter(|r| r.analyse_ontbreekt)
                    .map(|r| r.regel_id.clone())
                    .collect(),
            };
            Ok(Opgesteld {
                json: json_bytes(&model)?,
                bevindingen,
                render: Box::new(move || {
                    let doc = render::financieel::document(&model);
                    let pdf = render::pdf::render_pdf(&doc, &templates, render::pdf::PdfProfiel::Standaard)?;
                    let xlsx = render::xlsx_financieel::schrijf(&model)?;
                    Ok(vec![
                        ("halfjaar-financieel.xlsx".into(), xlsx),
                        ("halfjaar-financieel.pdf".into(), pdf),
                    ])
                }),
            })
        }
        Soort::Inhoud => {
            let indicatoren = crate::kpi::bereken(bron, &afspraken, p.tijdvak())?;
            let model = report::inhoudelijk::stel_op(&afspraken, p, &indicatoren, toelichting, kwaliteit);
            let bevindingen = Bevindingen {
                niet_gehaald: niet_gehaald(&model.indicatoren),
                analyse_ontbreekt: model.analyses_ontbreken.clone(),
            };
            Ok(Opgesteld {
                json: json_bytes(&model)?,
                bevindingen,
                render: Box::new(move || {
                    let doc = render::inhoudelijk::document(&model);
                    let pdf = render::pdf::render_pdf(&doc, &templates, render::pdf::PdfProfiel::Standaard)?;
                    Ok(vec![("halfjaar-inhoudelijk.pdf".into(), pdf)])
                }),
            })
        }
        Soort::Raad => {
            let model = report::raad::bereken(bron, &inv.dataset, &inv.afspraken, p.jaar(), toelichting, kwaliteit)?;
            let bevindingen = Bevindingen {
                niet_gehaald: model
                    .indicatoren
                    .iter()
                    .filter(|i| i.status == Status::NietGehaald)
                    .map(|i| i.id.clone())
                    .collect(),
                analyse_ontbreekt: Vec::new(),
            };
            Ok(Opgesteld {
                json: json_bytes(&model)?,
                bevindingen,
                render: Box::new(move || {
                    let doc = render::raad::document(&model);
                    let pdf = render::pdf::render_pdf(&doc, &templates, render::pdf::PdfProfiel::Archief)?;
                    let html = render::html::render_html(&doc);
                    Ok(vec![
                        ("raadsinformatie.pdf".into(), pdf),
                        ("raadsinformatie.html".into(), html.into_bytes()),
                    ])
                }),
            })
        }
    }
}
