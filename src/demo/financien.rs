//! The financial files: `begroting.csv` (the real lines of seed 002, indexed per year), the ledger
//! `realisatie.csv` (Windows-1252, `;`, `dd-mm-yyyy`, amounts like `1.234,56`) and `formatie.csv`
//! (realised fte per regel on 30 June and 31 December).
//!
//! The ledger is built per regel and half year: a target (the half of the budget, moved by a small
//! random percentage or by the designed deviation of [`super::ontwerp::AFWIJKINGEN`]) is divided
//! exactly, in cents, over salary lines per professional and month, monthly charges, invoices and
//! small purchases. Corrections (a credit line against an earlier line) keep the total; two
//! herboekingen move small amounts between regels; one line is booked twice on purpose.

use std::collections::{BTreeMap, HashMap};

use anyhow::{Context as _, Result};
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive as _;

use super::csvout::CsvSchrijver;
use super::kalender::{JAREN, d, dagen_tussen, dmj, is_werkdag, laatste_dag, maandnaam, werkdag_tot, werkdag_vanaf};
use super::ontwerp::{SEED_REGELS, SeedRegel, Ws, afwijking, maandgewicht};
use super::personeel::{Medewerker, formatie_op};
use super::toeval::{Stroom, Toeval, schaal, verdeel};
use super::{Afwijking, Bestand, Ctx};

/// One budget line of one year.
#[derive(Debug, Clone)]
pub(crate) struct Begrotingsregel {
    pub(crate) jaar: i32,
    pub(crate) seed: &'static SeedRegel,
    /// Indexed amount in cents.
    pub(crate) bedrag: i64,
}

/// The budget of 2022–2024: every seed line × (1 + indexatie_pct / 100) of its year, rounded
/// per line to the cent (half away from zero).
pub(crate) fn begroting(ctx: &Ctx) -> Result<Vec<Begrotingsregel>> {
    let mut v = Vec::new();
    for jaar in JAREN {
        let factor = ctx
            .indexatie
            .get(&jaar)
            .copied()
            .context("geen indexatie voor dit jaar")?;
        for seed in SEED_REGELS.iter() {
            let bedrag = (Decimal::new(seed.bedrag_2021, 2) * factor)
                .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
            let cent = (bedrag * Decimal::ONE_HUNDRED).to_i64().context("bedrag past niet")?;
            v.push(Begrotingsregel {
                jaar,
                seed,
                bedrag: cent,
            });
        }
    }
    Ok(v)
}

/// `1234567.89` (the budget file uses a decimal point, no thousands separator).
fn punt(cent: i64) -> String {
    let teken = if cent < 0 { "-" } else { "" };
    let c = cent.abs();
    format!("{teken}{}.{:02}", c / 100, c % 100)
}

/// `1.234.567,89` (the ledger export).
pub(crate) fn komma(cent: i64) -> String {
    let teken = if cent < 0 { "-" } else { "" };
    let c = cent.unsigned_abs();
    format!("{teken}{},{:02}", super::duizendtallen(c / 100), c % 100)
}

/// Writes `begroting.csv` (`,` delimited, UTF-8, names with commas quoted).
pub(crate) fn schrijf_begroting(ctx: &Ctx, regels: &[Begrotingsregel]) -> Result<Bestand> {
    let mut w = CsvSchrijver::nieuw(
        &[
            "jaar",
            "regel_id",
            "werksoort",
            "regel",
            "financiering",
            "fte",
            "bedrag",
        ],
        b',',
        false,
    );
    for r in regels {
        let fin = ctx.financiering(r.jaar, r.seed.ws)?;
        w.rij(&[
            r.jaar.to_string(),
            r.seed.id.to_string(),
            r.seed.ws.code().to_string(),
            r.seed.naam.to_string(),
            fin.to_string(),
            r.seed
                .fte_c
                .map(|f| format!("{}.{:02}", f / 100, f % 100))
                .unwrap_or_default(),
            punt(r.bedrag),
        ]);
    }
    let rijen = w.rijen();
    Ok(Bestand::csv("begroting.csv", w.utf8(false)?, rijen))
}

/// Writes `formatie.csv`: realised fte per fte regel on 30 June and 31 December (`;`, decimal
/// comma, `dd-mm-yyyy`, and a trailing `;` on every line as some exports have).
pub(crate) fn schrijf_formatie(roster: &[Medewerker]) -> Result<Bestand> {
    let mut w = CsvSchrijver::nieuw(&["peildatum", "regel_id", "fte", ""], b';', false);
    for jaar in JAREN {
        for peil in [d(jaar, 6, 30), d(jaar, 12, 31)] {
            for r in SEED_REGELS.iter().filter(|r| r.fte_c.is_some()) {
                let f = formatie_op(roster, r.id, peil);
                w.rij(&[
                    dmj(peil),
                    r.id.to_string(),
                    format!("{},{:02}", f / 100, f % 100),
                    String::new(),
                ]);
            }
        }
    }
    let rijen = w.rijen();
    Ok(Bestand::csv("formatie.csv", w.utf8(false)?, rijen))
}

/// One ledger line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Boeking {
    pub(crate) datum: NaiveDate,
    pub(crate) boekstuk: String,
    pub(crate) regel: &'static str,
    pub(crate) bedrag: i64,
    pub(crate) omschrijving: String,
    /// The deliberate duplicate (the second of the pair).
    pub(crate) dubbel: bool,
}

/// A line before its amount is known: date, document, text and weight.
struct Concept {
    datum: NaiveDate,
    boekstuk: String,
    omschrijving: String,
    gewicht: u64,
}

/// Running document numbers per journal and year.
#[derive(Default)]
struct Nummers(BTreeMap<(String, i32), u32>);

impl Nummers {
    fn volgend(&mut self, dagboek: &str, jaar: i32) -> String {
        let n = self.0.entry((dagboek.to_string(), jaar)).or_insert(0);
        *n += 1;
        format!("{dagboek}{:02}-{:05}", jaar % 100, *n)
    }
}

fn maanden(half: u32) -> std::ops::RangeInclusive<u32> {
    if half == 1 { 1..=6 } else { 7..=12 }
}

fn werkdagen(jaar: i32, maand: u32) -> Vec<NaiveDate> {
    dagen_tussen(d(jaar, maand, 1), laatste_dag(jaar, maand))
        .filter(|x| is_werkdag(*x))
        .collect()
}

/// Working days per (year, month).
type Werkdagen = HashMap<(i32, u32), std::rc::Rc<[NaiveDate]>>;

thread_local! {
    /// The working days per (year, month), made once: [`dag_in_half`] is called for every small
    /// invoice, so the ledger would otherwise walk the calendar once per line.
    static WERKDAGEN: std::cell::RefCell<Werkdagen> =
        std::cell::RefCell::new(HashMap::new());
}

/// A random working day in the half year, months weighted (summer dip).
fn dag_in_half(t: &mut Toeval, jaar: i32, half: u32) -> NaiveDate {
    let opties: [(u32, u32); 6] = std::array::from_fn(|i| {
        let m = *maanden(half).start() + i as u32;
        (m, maandgewicht(m))
    });
    let m = t.kies(&opties);
    let dagen = WERKDAGEN.with(|c| {
        c.borrow_mut()
            .entry((jaar, m))
            .or_insert_with(|| werkdagen(jaar, m).into())
            .clone()
    });
    dagen[t.index(dagen.len())]
}

const MATERIEEL: [&str; 16] = [
    "Kantoorartikelen",
    "Koffie en thee teamoverleg",
    "Parkeerkosten huisbezoeken",
    "Drukwerk folders",
    "Catering overleg sociaal team",
    "Porto en verzendkosten",
    "Zaalhuur overleg",
    "Attenties vrijwilligers",
    "Reiskosten OV",
    "Vakliteratuur",
    "Materiaal ideeënbus",
    "Lunch café-zaal netwerkbijeenkomst",
    "Kopieerkosten",
    "Abonnement vakblad",
    "Bloemen en cadeaubonnen",
    "Mobiele telefoon accessoires",
];

const SCHOLING: [&str; 8] = [
    "Scholing Samenwerkwijze",
    "Training stresssensitief werken",
    "Supervisie",
    "Intervisiebegeleiding",
    "Congres Sociaal Werk Nederland",
    "Cursus meldcode huiselijk geweld",
    "Training motiverende gespreksvoering",
    "Scholing schuldhulpverlening",
];

const ACTIVITEIT: [&str; 14] = [
    "Boodschappen Eetpunt Samen aan Tafel",
    "Materiaal Creatief atelier",
    "Zaalhuur Dorpshuis Nuland",
    "Vrijwilligersvergoeding",
    "Attenties vrijwilligers",
    "Koffie en thee ontmoetingsochtend",
    "Materiaal Repair Café",
    "Busvervoer uitje Meer Bewegen voor Ouderen",
    "Zaalhuur Wijkcentrum De Ruwaard",
    "Boodschappen kookclub",
    "Deskundigheidsbevordering vrijwilligers",
    "Materiaal Taalcafé",
    "Drukwerk activiteitenkalender",
    "Inkoop spelmateriaal",
];

const HUISVESTING: [(&str, &str); 3] = [
    ("ISW-02", "Wijkpunt Walstraat"),
    ("CSW-04", "Wijkcentrum De Ruwaard"),
    ("JW-02", "Jongerencentrum Walstraat"),
];

/// Builds the ledger of 2022–2024, sorted by date and document.
pub(crate) fn realisatie(ctx: &Ctx, begroting: &[Begrotingsregel], roster: &[Medewerker]) -> Vec<Boeking> {
    let mut t = Toeval::new(ctx.seed, Stroom::Realisatie);
    let mut nummers = Nummers::default();
    let mut boekingen: Vec<Boeking> = Vec::new();
    let s = ctx.schaal;
    let aantal = |n: f64| ((n * s).round() as usize).max(1);
    for b in begroting {
        let regel = b.seed;
        let jaar = b.jaar;
        if b.bedrag == 0 {
            continue;
        }
        for half in [1u32, 2] {
            let groot = b.bedrag >= 50_000_000;
            let willekeurig = if groot {
                t.tussen(-100, 100)
            } else {
                t.tussen(-400, 400)
            };
            let basis = schaal(b.bedrag, 10_000 + willekeurig, 20_000);
            let doel = match afwijking(jaar, regel.id, half) {
                Some(bp) => schaal(b.bedrag, 10_000 + bp, 20_000),
                None => basis,
            };
            let extra = doel - basis;
            // Components: (share of the base in per mille, lines).
            let mut componenten: Vec<(u64, Vec<Concept>)> = Vec::new();
            if regel.fte_c.is_some() {
                let mut personeel = Vec::new();
                let mut declaraties = Vec::new();
                let mut overhead = Vec::new();
                let mut ict = Vec::new();
                for maand in maanden(half) {
                    let mn = maandnaam(maand);
                    let salarisdag = werkdag_tot(d(jaar, maand, 24));
                    let slotdag = werkdag_tot(laatste_dag(jaar, maand));
                    let dagen_maand = laatste_dag(jaar, maand).day() as i64;
                    for m in roster.iter().filter(|m| m.regel == regel.id) {
                        let dagen = m.dagen_in_dienst(jaar, maand);
                        if dagen == 0 {
                            continue;
                        }
                        let bruto = m.schaalbedrag as u64 * m.fte_c as u64 * dagen as u64 / dagen_maand as u64;
                        let sal = format!("SAL{:02}{:02}", jaar % 100, maand);
                        let lijn = |wat: &str, gewicht: u64| Concept {
                            datum: salarisdag,
                            boekstuk: sal.clone(),
                            omschrijving: format!("{wat} {mn} {jaar} {}", m.id),
                            gewicht,
                        };
                        personeel.push(lijn("Brutoloon", bruto));
                        personeel.push(lijn("Werkgeverslasten", bruto * 21 / 100));
                        personeel.push(lijn("Pensioenpremie PFZW", bruto * 13 / 100));
                        personeel.push(lijn("Reiskosten woon-werk", m.fte_c as u64 * t.tussen(40, 160) as u64));
                        if maand == 5 {
                            personeel.push(Concept {
                                datum: salarisdag,
                                boekstuk: sal.clone(),
                                omschrijving: format!("Vakantiegeld {jaar} {}", m.id),
                                gewicht: bruto * 96 / 100,
                            });
                        }
                        if maand == 12 {
                            personeel.push(Concept {
                                datum: salarisdag,
                                boekstuk: sal.clone(),
                                omschrijving: format!("Eindejaarsuitkering {jaar} {}", m.id),
                                gewicht: bruto,
                            });
                        }
                        if t.promille(600) {
                            declaraties.push(Concept {
                                datum: slotdag,
                                boekstuk: format!("DEC{:02}{:02}-{}", jaar % 100, maand, &m.id[2..]),
                                omschrijving: format!("Declaratie km-vergoeding {mn} {}", m.id),
                                gewicht: t.tussen(20, 180) as u64,
                            });
                        }
                    }
                    overhead.push(Concept {
                        datum: slotdag,
                        boekstuk: format!("MEM{:02}{:02}-01", jaar % 100, maand),
                        omschrijving: format!("Doorbelasting overhead {mn} {jaar}"),
                        gewicht: 100,
                    });
                    ict.push(Concept {
                        datum: werkdag_vanaf(d(jaar, maand, 5)),
                        boekstuk: nummers.volgend("INK", jaar),
                        omschrijving: format!("ICT-werkplekken {mn} {jaar}"),
                        gewicht: 70,
                    });
                    if t.promille(500) {
                        ict.push(Concept {
                            datum: werkdag_vanaf(d(jaar, maand, 12)),
                            boekstuk: nummers.volgend("INK", jaar),
                            omschrijving: format!("Telefonie {mn} {jaar}"),
                            gewicht: 30,
                        });
                    }
                }
                let mut scholing = Vec::new();
                for _ in 0..t.tussen(2, 5) {
                    scholing.push(Concept {
                        datum: dag_in_half(&mut t, jaar, half),
                        boekstuk: nummers.volgend("INK", jaar),
                        omschrijving: SCHOLING[t.index(SCHOLING.len())].to_string(),
                        gewicht: t.tussen(40, 160) as u64,
                    });
                }
                let mut materieel = Vec::new();
                let fte = regel.fte_c.unwrap_or(0) as f64 / 100.0;
                for _ in 0..aantal(14.0 * fte) {
                    materieel.push(klein(&mut t, &mut nummers, jaar, half, &MATERIEEL, 5, 60));
                }
                if declaraties.is_empty() {
                    declaraties.push(klein(&mut t, &mut nummers, jaar, half, &MATERIEEL, 5, 60));
                }
                componenten.push((800, personeel));
                componenten.push((25, declaraties));
                componenten.push((110, overhead));
                componenten.push((25, ict));
                componenten.push((20, scholing));
                componenten.push((20, materieel));
                // An overrun on an fte line is hired capacity; an underrun shows in the salaries.
                if extra > 0 {
                    let mut inhuur = Vec::new();
                    for maand in maanden(half) {
                        inhuur.push(Concept {
                            datum: werkdag_tot(laatste_dag(jaar, maand)),
                            boekstuk: nummers.volgend("INK", jaar),
                            omschrijving: format!(
                                "Inhuur {} via detacheringsbureau {}",
                                inhuur_wie(regel.ws),
                                maandnaam(maand)
                            ),
                            gewicht: 100,
                        });
                    }
                    componenten.push((0, inhuur));
                }
            } else if let Some(&(_, locatie)) = HUISVESTING.iter().find(|h| h.0 == regel.id) {
                let mut huur = Vec::new();
                let mut energie = Vec::new();
                let mut schoonmaak = Vec::new();
                for maand in maanden(half) {
                    let mn = maandnaam(maand);
                    huur.push(Concept {
                        datum: werkdag_vanaf(d(jaar, maand, 1)),
                        boekstuk: nummers.volgend("INK", jaar),
                        omschrijving: format!("Huur {locatie} {mn} {jaar}"),
                        gewicht: 100,
                    });
                    energie.push(Concept {
                        datum: werkdag_vanaf(d(jaar, maand, 8)),
                        boekstuk: nummers.volgend("INK", jaar),
                        omschrijving: format!("Voorschot energie {locatie} {mn}"),
                        gewicht: 100,
                    });
                    schoonmaak.push(Concept {
                        datum: werkdag_vanaf(d(jaar, maand, 15)),
                        boekstuk: nummers.volgend("INK", jaar),
                        omschrijving: format!("Schoonmaak {locatie} {mn}"),
                        gewicht: 100,
                    });
                }
                let mut onderhoud = Vec::new();
                for _ in 0..t.tussen(2, 6) {
                    let wat = [
                        "Onderhoud cv-ketel",
                        "Reparatie toegangsdeur",
                        "Glasbewassing",
                        "Vervangen verlichting",
                        "Inbraakalarm",
                    ];
                    onderhoud.push(Concept {
                        datum: dag_in_half(&mut t, jaar, half),
                        boekstuk: nummers.volgend("INK", jaar),
                        omschrijving: format!("{} {locatie}", wat[t.index(wat.len())]),
                        gewicht: t.tussen(30, 200) as u64,
                    });
                }
                // The energy line first: the designed deviations of huisvesting are energy prices.
                componenten.push((250, energie));
                componenten.push((550, huur));
                componenten.push((120, schoonmaak));
                componenten.push((80, onderhoud));
            } else {
                let (teksten, gemiddeld): (Vec<String>, i64) = match regel.id {
                    "CSW-08" => (
                        vec![
                            "Sociale reductie deelnemer activiteit".into(),
                            "Korting minimaregeling cursusgeld".into(),
                        ],
                        3_500,
                    ),
                    "JGD-03" => (
                        vec![
                            "Integrale vroeghulp: consultatie orthopedagoog".into(),
                            "IVH ketenoverleg".into(),
                        ],
                        40_000,
                    ),
                    "JGD-04" => (
                        vec![
                            "Maatwerk overbruggingszorg gezin".into(),
                            "Maatwerk ambulante begeleiding jeugd".into(),
                            "Maatwerk praktische gezinsondersteuning".into(),
                        ],
                        45_000,
                    ),
                    "JGD-05" => (
                        vec![
                            "Licentie registratiesysteem jeugd".into(),
                            "Tolkdiensten gesprekken CJG".into(),
                            "Materiaal opvoedondersteuning".into(),
                            "Whizzper website hosting".into(),
                        ],
                        35_000,
                    ),
                    "JGD-10" => (Vec::new(), 28_000),
                    _ => (ACTIVITEIT.iter().map(|x| x.to_string()).collect(), 11_000),
                };
                let n = aantal((basis / gemiddeld) as f64);
                let mut lijnen = Vec::new();
                if regel.id == "JGD-10" {
                    // Kinderopvang op sociaal-medische indicatie: per child and month.
                    let per_maand = (n / 6).max(1);
                    for maand in maanden(half) {
                        let dag = werkdag_tot(d(jaar, maand, 20));
                        for k in 0..per_maand {
                            lijnen.push(Concept {
                                datum: dag,
                                boekstuk: nummers.volgend("SMI", jaar),
                                omschrijving: format!(
                                    "Vergoeding kinderopvang SMI dossier S-{:04} {}",
                                    100 + k,
                                    maandnaam(maand)
                                ),
                                gewicht: t.tussen(60, 140) as u64,
                            });
                        }
                    }
                } else {
                    for _ in 0..n {
                        lijnen.push(klein(&mut t, &mut nummers, jaar, half, &teksten, 30, 200));
                    }
                }
                componenten.push((1000, lijnen));
            }

            // Amounts: the base over the components by share, the deliberate extra on the
            // first component (or the hired capacity), then each component over its lines.
            let aandelen: Vec<u64> = componenten.iter().map(|c| c.0).collect();
            let mut totalen = verdeel(basis, &aandelen);
            let doel_index = if regel.fte_c.is_some() && extra > 0 {
                componenten.len() - 1
            } else {
                0
            };
            totalen[doel_index] += extra;
            for ((_, lijnen), totaal) in componenten.into_iter().zip(totalen) {
                if lijnen.is_empty() {
                    continue;
                }
                let gewichten: Vec<u64> = lijnen.iter().map(|c| c.gewicht).collect();
                for (c, bedrag) in lijnen.into_iter().zip(verdeel(totaal.max(0), &gewichten)) {
                    boekingen.push(Boeking {
                        datum: c.datum,
                        boekstuk: c.boekstuk,
                        regel: regel.id,
                        bedrag,
                        omschrijving: c.omschrijving,
                        dubbel: false,
                    });
                }
            }
        }
    }
    bijzonderheden(&mut t, &mut nummers, &mut boekingen);
    maak_uniek(&mut boekingen);
    boekingen.sort_by(|a, b| (a.datum, &a.boekstuk, a.regel).cmp(&(b.datum, &b.boekstuk, b.regel)));
    hernummer(&mut boekingen);
    // The deliberate possible duplicate: an activity invoice of CSW-05 imported twice in 2024.
    if let Some(i) = boekingen
        .iter()
        .position(|b| b.regel == "CSW-05" && b.datum >= d(2024, 3, 1) && b.boekstuk.starts_with("INK"))
    {
        let mut kopie = boekingen[i].clone();
        kopie.dubbel = true;
        boekingen.insert(i + 1, kopie);
    }
    boekingen
}

/// Document numbers of the journals (`INK24-00017`) were handed out while building; a real
/// administration numbers them in order of booking. Renumber per journal and year in date order,
/// and update the references in correction texts. A journal of more than 99.999 documents in a
/// year (scale 20 and up) gets six-digit numbers (`INK24-100000`), renumbered like the others.
fn hernummer(boekingen: &mut [Boeking]) {
    let mut nieuw: HashMap<String, String> = HashMap::new();
    let mut teller: HashMap<String, u32> = HashMap::new();
    for b in boekingen.iter() {
        if is_volgnummer(&b.boekstuk) && !nieuw.contains_key(&b.boekstuk) {
            let dagboek = b.boekstuk[..5].to_string();
            let n = teller.entry(dagboek.clone()).or_insert(0);
            *n += 1;
            nieuw.insert(b.boekstuk.clone(), format!("{dagboek}-{:05}", *n));
        }
    }
    for b in boekingen.iter_mut() {
        if let Some(n) = nieuw.get(&b.boekstuk) {
            b.boekstuk = n.clone();
        }
        if let Some(i) = b.omschrijving.find("INK").or_else(|| b.omschrijving.find("BNK")) {
            let lengte = 6 + b.omschrijving.as_bytes()[i..]
                .iter()
                .skip(6)
                .take_while(|c| c.is_ascii_digit())
                .count();
            if let Some(n) = b.omschrijving.get(i..i + lengte).and_then(|oud| nieuw.get(oud)) {
                b.omschrijving.replace_range(i..i + lengte, n);
            }
        }
    }
}

/// A running journal number as [`Nummers::volgend`] writes it: `INK24-00017`, five digits or
/// more after the dash.
fn is_volgnummer(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 11
        && b[5] == b'-'
        && ["INK", "BNK", "MEM", "SMI"].contains(&&s[..3])
        && b[3..5].iter().all(u8::is_ascii_digit)
        && b[6..].iter().all(u8::is_ascii_digit)
}

fn inhuur_wie(ws: Ws) -> &'static str {
    match ws {
        Ws::Srw => "sociaal raadslid",
        Ws::Jgd => "jeugdprofessional",
        Ws::Jw => "jongerenwerker",
        _ => "sociaal werker",
    }
}

/// A small invoice or purchase on a random day of the half year.
fn klein<S: AsRef<str>>(
    t: &mut Toeval,
    nummers: &mut Nummers,
    jaar: i32,
    half: u32,
    teksten: &[S],
    min: i64,
    max: i64,
) -> Concept {
    let datum = dag_in_half(t, jaar, half);
    let mut omschrijving = teksten[t.index(teksten.len())].as_ref().to_string();
    // Late invoices of December are booked in January.
    if datum.month() == 1 && datum.day() <= 20 && jaar > 2022 && t.promille(150) {
        omschrijving = format!(
            "Nagekomen factuur december {}: {}",
            jaar - 1,
            omschrijving.to_lowercase()
        );
    }
    Concept {
        datum,
        boekstuk: nummers.volgend(if t.promille(300) { "BNK" } else { "INK" }, jaar),
        omschrijving,
        gewicht: t.tussen(min, max) as u64,
    }
}

/// Corrections (a line booked too high and corrected later with a negative line, total kept)
/// and herboekingen between activity budgets.
fn bijzonderheden(t: &mut Toeval, nummers: &mut Nummers, boekingen: &mut Vec<Boeking>) {
    let n = boekingen.len();
    let mut nieuw = Vec::new();
    for jaar in JAREN {
        // Corrections: 6 per year on invoices.
        let kandidaten: Vec<usize> = (0..n)
            .filter(|&i| {
                let b = &boekingen[i];
                b.datum.year() == jaar
                    && b.boekstuk.starts_with("INK")
                    && b.bedrag > 20_000
                    && !b.datum.month().is_multiple_of(6)
            })
            .collect();
        if kandidaten.is_empty() {
            continue;
        }
        for k in 0..6 {
            let i =
                kandidaten[(k * kandidaten.len() / 6 + t.index(kandidaten.len() / 6 + 1)).min(kandidaten.len() - 1)];
            let te_veel = t.tussen(1_000, boekingen[i].bedrag / 3);
            boekingen[i].bedrag += te_veel;
            let b = &boekingen[i];
            let later = werkdag_vanaf(b.datum + chrono::Days::new(t.tussen(3, 20) as u64));
            // Stay in the same half year so the half-year totals are the designed ones.
            let later = if (later.month() > 6) != (b.datum.month() > 6) || later.year() != b.datum.year() {
                b.datum
            } else {
                later
            };
            let tekst = if k % 2 == 0 {
                format!("Correctie {}: bedrag te hoog geboekt", b.boekstuk)
            } else {
                format!("Creditnota op {}", b.boekstuk)
            };
            nieuw.push(Boeking {
                datum: later,
                boekstuk: nummers.volgend("MEM", jaar),
                regel: b.regel,
                bedrag: -te_veel,
                omschrijving: tekst,
                dubbel: false,
            });
        }
        // Two herboekingen between activity budgets (a purchase on the wrong budget).
        for (van, naar) in [("CSW-05", "CSW-07"), ("ISW-05", "CSW-05")] {
            let bedrag = t.tussen(15_000, 45_000);
            let datum = werkdag_vanaf(d(jaar, 3 + 6 * t.tussen(0, 1) as u32, t.tussen(1, 20) as u32));
            let stuk = nummers.volgend("MEM", jaar);
            nieuw.push(Boeking {
                datum,
                boekstuk: stuk.clone(),
                regel: van,
                bedrag: -bedrag,
                omschrijving: format!("Herboeking naar {naar}: activiteit op verkeerd budget"),
                dubbel: false,
            });
            nieuw.push(Boeking {
                datum,
                boekstuk: stuk,
                regel: naar,
                bedrag,
                omschrijving: format!("Herboeking van {van}: activiteit op verkeerd budget"),
                dubbel: false,
            });
        }
    }
    // The sociaal raadslieden's activity budget is zero; a few small costs land on it anyway.
    for (datum, bedrag, tekst) in [
        (d(2023, 9, 19), 25_000, "Zaalhuur voorlichtingsavond belastingaangifte"),
        (d(2023, 10, 3), 16_250, "Drukwerk flyers spreekuur energietoeslag"),
        (d(2024, 3, 12), 18_640, "Koffie en thee voorlichting belastingaangifte"),
    ] {
        nieuw.push(Boeking {
            datum,
            boekstuk: nummers.volgend("INK", datum.year()),
            regel: "SRW-02",
            bedrag,
            omschrijving: tekst.to_string(),
            dubbel: false,
        });
    }
    boekingen.extend(nieuw);
}

/// Two lines equal in boekstuk, regel, date and amount are a "possible duplicate" for the
/// reader; where the generator made such lines by chance (a month's salary lines of one regel,
/// for colleagues on the same scale), they are made distinct in one pass, keeping every total.
///
/// The lines are grouped by (date, boekstuk, regel); within a group, the k lines that share an
/// amount `a` get `a`, `a + 1`, `a − 1`, `a + 2`, `a − 2`, … cents in line order (an even k
/// leaves out the plain `a`), so their sum stays `k · a`. A pair `±j` whose amounts another
/// line of the group already has, or that would reach zero or change sign, is passed over for
/// the next j. Where no pair is left (at scale 100 a month's payroll of one regel has thousands
/// of lines of a few euros: more lines than distinct amounts with their total), the remaining
/// lines keep `a` and go to a second, third, … batch of the journal: `SAL2201-2`, `SAL2201-3`.
/// Every sum by date and regel is unchanged; the cost is one sort of the ledger. (An earlier
/// version moved a cent to a neighbouring document, round after round; that cascaded and grew
/// quadratically with the scale.)
fn maak_uniek(boekingen: &mut [Boeking]) {
    let mut volgorde: Vec<usize> = (0..boekingen.len()).collect();
    let sleutel = |i: usize| {
        let b = &boekingen[i];
        (b.datum, b.boekstuk.as_str(), b.regel, b.bedrag)
    };
    volgorde.sort_by(|&x, &y| sleutel(x).cmp(&sleutel(y)).then(x.cmp(&y)));
    let groep = |i: usize| {
        let b = &boekingen[i];
        (b.datum, b.boekstuk.as_str(), b.regel)
    };
    let mut nieuw: Vec<(usize, (i64, u32))> = Vec::new();
    for lijnen in volgorde.chunk_by(|&x, &y| groep(x) == groep(y)) {
        if lijnen
            .windows(2)
            .any(|w| boekingen[w[0]].bedrag == boekingen[w[1]].bedrag)
        {
            let bedragen: Vec<i64> = lijnen.iter().map(|&i| boekingen[i].bedrag).collect();
            nieuw.extend(lijnen.iter().copied().zip(spreid(&bedragen)));
        }
    }
    for (i, (bedrag, batch)) in nieuw {
        boekingen[i].bedrag = bedrag;
        if batch > 1 {
            boekingen[i].boekstuk = format!("{}-{batch}", boekingen[i].boekstuk);
        }
    }
}

/// The amounts of one (date, boekstuk, regel) group, `bedragen` sorted (equal amounts in line
/// order), made distinct as [`maak_uniek`] describes: per line its amount and its batch of the
/// journal (1: the document itself). Same order, same sum.
fn spreid(bedragen: &[i64]) -> Vec<(i64, u32)> {
    let mut bezet: std::collections::HashSet<i64> = bedragen.iter().copied().collect();
    let mut uit: Vec<(i64, u32)> = Vec::with_capacity(bedragen.len());
    for gelijk in bedragen.chunk_by(|x, y| x == y) {
        let (a, k) = (gelijk[0], gelijk.len());
        let mut nieuw = Vec::with_capacity(k);
        if k % 2 == 1 {
            nieuw.push((a, 1));
        }
        let mut j = 1;
        while nieuw.len() + 1 < k && j <= a.abs() {
            let (op, neer) = (a + j, a - j);
            let vrij = |x: i64| x.signum() == a.signum() && !bezet.contains(&x);
            if vrij(op) && vrij(neer) {
                bezet.extend([op, neer]);
                nieuw.extend([(op, 1), (neer, 1)]);
            }
            j += 1;
        }
        let mut batch = if nieuw.contains(&(a, 1)) { 2 } else { 1 };
        while nieuw.len() < k {
            nieuw.push((a, batch));
            batch += 1;
        }
        uit.extend(nieuw);
    }
    uit
}

/// Writes `realisatie.csv` in Windows-1252 with the deliberately bad rows.
pub(crate) fn schrijf_realisatie(
    ctx: &Ctx,
    boekingen: &[Boeking],
    afwijkingen: &mut Vec<Afwijking>,
) -> Result<Bestand> {
    let mut w = CsvSchrijver::nieuw(
        &["boekdatum", "boekstuk", "regel_id", "bedrag", "omschrijving"],
        b';',
        true,
    );
    let mut t = Toeval::new(ctx.seed, Stroom::Fouten);
    let n = boekingen.len().max(1);
    let mut plekken: Vec<(usize, u8)> = (0..4u8)
        .map(|k| (n * (2 * k as usize + 2) / 10 + t.index(n / 40 + 1), k))
        .collect();
    plekken.sort();
    let mut volgende = plekken.into_iter().peekable();
    for (i, b) in boekingen.iter().enumerate() {
        let regel = w.rij(&[
            dmj(b.datum),
            b.boekstuk.clone(),
            b.regel.to_string(),
            komma(b.bedrag),
            b.omschrijving.clone(),
        ]);
        if b.dubbel {
            afwijkingen.push(Afwijking::waarschuwing(
                "realisatie.csv",
                regel,
                "boekstuk",
                &format!(
                    "mogelijke dubbele boeking: boekstuk {} staat twee keer met hetzelfde bedrag (regel {} en {})",
                    b.boekstuk,
                    regel - 1,
                    regel
                ),
            ));
        }
        while let Some(&(_, k)) = volgende.peek().filter(|p| p.0 == i) {
            volgende.next();
            let jaar = b.datum.year();
            let (velden, kolom, reden): ([String; 5], &str, String) = match k {
                0 => (
                    [
                        dmj(b.datum),
                        format!("INK{:02}-{:05}", jaar % 100, 99_001),
                        "CSW-09".into(),
                        "245,00".into(),
                        "Materiaal Repair Café".into(),
                    ],
                    "regel_id",
                    format!("regel_id 'CSW-09' staat niet in de begroting van {jaar}"),
                ),
                1 => (
                    [
                        dmj(b.datum),
                        format!("INK{:02}-{:05}", jaar % 100, 99_002),
                        "JGD-05".into(),
                        "1.234,567".into(),
                        "Tolkdiensten gesprekken CJG".into(),
                    ],
                    "bedrag",
                    "meer dan twee decimalen ('1.234,567')".into(),
                ),
                2 => (
                    [
                        "31-04-2023".into(),
                        format!("INK{:02}-{:05}", jaar % 100, 99_003),
                        "CSW-05".into(),
                        "87,50".into(),
                        "Boodschappen kookclub".into(),
                    ],
                    "boekdatum",
                    "ongeldige datum '31-04-2023'".into(),
                ),
                _ => (
                    [
                        dmj(b.datum),
                        format!("BNK{:02}-{:05}", jaar % 100, 99_004),
                        "ISW-05".into(),
                        String::new(),
                        "Attenties vrijwilligers".into(),
                    ],
                    "bedrag",
                    "verplichte waarde ontbreekt".into(),
                ),
            };
            let regel = w.rij(&velden);
            afwijkingen.push(Afwijking::new("realisatie.csv", regel, kolom, &reden));
        }
    }
    let rijen = w.rijen();
    Ok(Bestand::csv("realisatie.csv", w.windows1252()?, rijen))
}

/// Realisation per (year, half, regel) in cents, of the correct lines.
pub(crate) fn per_half(boekingen: &[Boeking]) -> BTreeMap<(i32, u32, &'static str), i64> {
    let mut m = BTreeMap::new();
    for b in boekingen {
        let half = if b.datum.month() <= 6 { 1 } else { 2 };
        *m.entry((b.datum.year(), half, b.regel)).or_insert(0) += b.bedrag;
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_written_dutch_and_plain() {
        assert_eq!(komma(123_456_789), "1.234.567,89");
        assert_eq!(komma(-5), "-0,05");
        assert_eq!(komma(100_000), "1.000,00");
        assert_eq!(komma(99_999), "999,99");
        assert_eq!(punt(160_996_635), "1609966.35");
        assert_eq!(punt(0), "0.00");
    }

    fn boeking(dag: u32, boekstuk: &str, omschrijving: &str) -> Boeking {
        Boeking {
            datum: d(2024, 1, dag),
            boekstuk: boekstuk.to_string(),
            regel: "CSW-05",
            bedrag: 100,
            omschrijving: omschrijving.to_string(),
            dubbel: false,
        }
    }

    #[test]
    fn equal_amounts_of_one_document_are_spread_keeping_the_sum() {
        let bedragen = |x: Vec<(i64, u32)>| x.into_iter().map(|(b, _)| b).collect::<Vec<_>>();
        // Three equal lines: 500, 501, 499 (sum 1.500). Four: 501, 499, 502, 498.
        assert_eq!(bedragen(spreid(&[500, 500, 500])), [500, 501, 499]);
        assert_eq!(bedragen(spreid(&[100, 500, 500, 500, 500])), [100, 501, 499, 502, 498]);
        // 501 is taken by another line of the group, so the pair ±1 is passed over: ±2.
        assert_eq!(bedragen(spreid(&[500, 500, 500, 501])), [500, 502, 498, 501]);
        // Negative amounts keep their sign.
        assert_eq!(bedragen(spreid(&[-700, -700])), [-699, -701]);
        assert_eq!(spreid(&[7]), [(7, 1)]);
        // Too small for a pair (0 is no amount): the second line goes to batch 2 of the journal.
        assert_eq!(spreid(&[1, 1, 2000]), [(1, 1), (1, 2), (2000, 1)]);
        // Crowded: 5 is taken, so after the pair ±1 (4, 2) no pair is left (±2 reaches 5, ±3
        // reaches 0): the third line keeps 3, the fourth keeps 3 in batch 2.
        assert_eq!(spreid(&[3, 3, 3, 3, 5]), [(4, 1), (2, 1), (3, 1), (3, 2), (5, 1)]);
    }

    #[test]
    fn only_lines_equal_in_date_document_and_regel_change() {
        let mut b = vec![
            boeking(2, "SAL2401", "Brutoloon"),
            boeking(2, "SAL2401", "Brutoloon"),
            boeking(3, "SAL2401", "Brutoloon"),
            boeking(2, "SAL2402", "Brutoloon"),
        ];
        maak_uniek(&mut b);
        let bedragen: Vec<i64> = b.iter().map(|x| x.bedrag).collect();
        assert_eq!(bedragen, [101, 99, 100, 100]);
        assert!(b.iter().all(|x| !x.boekstuk.contains('-')));
        // Two lines of 1 cent cannot become 0 and 2: the second goes to batch 2.
        let mut b = vec![boeking(2, "SAL2401", "Brutoloon"), boeking(2, "SAL2401", "Brutoloon")];
        b.iter_mut().for_each(|x| x.bedrag = 1);
        maak_uniek(&mut b);
        let stukken: Vec<(&str, i64)> = b.iter().map(|x| (x.boekstuk.as_str(), x.bedrag)).collect();
        assert_eq!(stukken, [("SAL2401", 1), ("SAL2401-2", 1)]);
    }

    #[test]
    fn six_digit_journal_numbers_are_renumbered_in_date_order_too() {
        // Past 99.999 documents a journal's numbers get six digits; they are renumbered like the
        // five-digit ones (before, they kept their build order), and a reference in a correction
        // text is replaced whole, not as its first eleven characters.
        let mut b = vec![
            boeking(2, "INK24-100000", "Huur"),
            boeking(3, "INK24-00007", "Vakliteratuur"),
            boeking(4, "MEM24-00001", "Correctie INK24-100000: bedrag te hoog geboekt"),
            boeking(5, "SAL2401", "Brutoloon"),
            boeking(8, "MEM2401-01", "Doorbelasting overhead"),
        ];
        hernummer(&mut b);
        let stukken: Vec<&str> = b.iter().map(|x| x.boekstuk.as_str()).collect();
        assert_eq!(
            stukken,
            ["INK24-00001", "INK24-00002", "MEM24-00001", "SAL2401", "MEM2401-01"]
        );
        assert_eq!(b[2].omschrijving, "Correctie INK24-00001: bedrag te hoog geboekt");
        assert!(is_volgnummer("BNK22-123456"));
        assert!(!is_volgnummer("MEM2401-01"));
        assert!(!is_volgnummer("INK24-0001x"));
        assert!(!is_volgnummer("DEC2401-1001"));
    }
}
