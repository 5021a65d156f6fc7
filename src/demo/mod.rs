//! The synthetic demo data set (`domeinrapport demo-data`): a deterministic, realistic export of
//! 2022–2024 for gemeente Oss and ONS welzijn, so that `domeinrapport run` works on a fresh
//! checkout and every report has something worth reading.
//!
//! Determinism: every file comes from its own ChaCha8 stream of the seed, draws are integer-only,
//! money is integer cents, nothing is iterated in hash order and no clock is read, so the same
//! seed and scale give the same bytes on every run and platform.
//!
//! The design (volumes, seasonal pattern, which norms are missed when, which budget lines
//! deviate) lives in [`ontwerp`]; the toelichting texts and `README.md` are written to match it,
//! with their figures filled in from the generated data ([`statistiek`]).

mod activiteiten;
mod contacten;
mod csvout;
mod financien;
mod hulpvragen;
mod kalender;
mod ontwerp;
mod personeel;
mod readme;
mod statistiek;
mod toelichting;
mod toeval;
mod uren;

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

use anyhow::{Context as _, Result, bail};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::afspraken::AfsprakenSet;
use ontwerp::Ws;

/// Options of `domeinrapport demo-data`.
#[derive(Debug, Clone, PartialEq)]
pub struct DemoOpties {
    /// Seed of the random generator (default 42: the bundled data set).
    pub seed: u64,
    /// Volume factor: 1.0 gives the bundled volumes, 10.0 ten times as many rows (the budget
    /// stays the real one; the ledger then has more, smaller lines, and the formation grows).
    pub scale: f64,
    /// Target folder; `<out>/afspraken/` is never touched.
    pub out: PathBuf,
}

/// One file written by the generator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GeschrevenBestand {
    /// Path relative to the target folder, with `/` (e.g. `toelichting/2024-H1/doelen.csv`).
    pub pad: String,
    /// Data rows (CSV files, the header not counted); `None` for other files.
    pub rijen: Option<usize>,
    /// Size in bytes.
    pub bytes: usize,
    /// Rows in it that the reader must reject on purpose.
    pub opzettelijk_afgekeurd: usize,
}

/// What `demo-data` wrote.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DemoSamenvatting {
    /// The seed used.
    pub seed: u64,
    /// The scale used.
    pub scale: f64,
    /// The target folder.
    pub map: String,
    /// The files, in writing order.
    pub bestanden: Vec<GeschrevenBestand>,
    /// Total size in bytes.
    pub totaal_bytes: usize,
    /// The deliberate imperfections (also listed in `README.md`).
    pub opzettelijke_fouten: Vec<OpzettelijkeFout>,
}

/// A row written wrong on purpose: the reader must reject it (or, for a warning, keep it and
/// warn).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OpzettelijkeFout {
    /// File relative to the target folder.
    pub bestand: String,
    /// 1-based line number (the header is line 1).
    pub regel: usize,
    /// The column at fault; empty when the line as a whole is broken.
    pub kolom: String,
    /// The reason the reader should give, in Dutch.
    pub reden: String,
    /// Only a warning (possible duplicate booking); the row is kept.
    pub waarschuwing: bool,
}

impl fmt::Display for DemoSamenvatting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "Demodata geschreven naar {} (seed {}, schaal {}):",
            self.map,
            self.seed,
            schaal_tekst(self.scale)
        )?;
        let breedte = self.bestanden.iter().map(|b| b.pad.chars().count()).max().unwrap_or(0);
        for b in &self.bestanden {
            let rijen = match b.rijen {
                Some(n) => format!("{:>9} rijen", duizendtallen(n as u64)),
                None => " ".repeat(15),
            };
            let fout = if b.opzettelijk_afgekeurd > 0 {
                format!("  ({} opzettelijk foute rijen)", b.opzettelijk_afgekeurd)
            } else {
                String::new()
            };
            writeln!(f, "  {:<breedte$}  {rijen}  {:>10}{fout}", b.pad, grootte(b.bytes))?;
        }
        write!(
            f,
            "Totaal {} bestanden, {}.",
            self.bestanden.len(),
            grootte(self.totaal_bytes)
        )
    }
}

fn schaal_tekst(s: f64) -> String {
    let t = format!("{s}");
    t.replace('.', ",")
}

/// `12.345`.
fn duizendtallen(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// `2,4 MB`, `812 kB`, `95 bytes`.
fn grootte(bytes: usize) -> String {
    if bytes >= 1_000_000 {
        let tiende = (bytes as u64 + 50_000) / 100_000;
        format!("{},{} MB", tiende / 10, tiende % 10)
    } else if bytes >= 1_000 {
        format!("{} kB", (bytes + 500) / 1_000)
    } else {
        format!("{bytes} bytes")
    }
}

/// A generated file in memory.
pub(crate) struct Bestand {
    pad: String,
    bytes: Vec<u8>,
    rijen: Option<usize>,
}

impl Bestand {
    fn csv(pad: &str, bytes: Vec<u8>, rijen: usize) -> Bestand {
        Bestand {
            pad: pad.to_string(),
            bytes,
            rijen: Some(rijen),
        }
    }

    fn tekst(pad: &str, tekst: String) -> Bestand {
        Bestand {
            pad: pad.to_string(),
            bytes: tekst.into_bytes(),
            rijen: None,
        }
    }
}

/// A deliberate imperfection: a row the reader must reject, or one it must warn about.
#[derive(Debug, Clone)]
pub(crate) struct Afwijking {
    bestand: &'static str,
    /// 1-based line number (the header is line 1).
    regel: usize,
    kolom: String,
    reden: String,
    /// A warning (the row is kept) instead of a rejection.
    waarschuwing: bool,
}

impl Afwijking {
    fn new(bestand: &'static str, regel: usize, kolom: &str, reden: &str) -> Afwijking {
        Afwijking {
            bestand,
            regel,
            kolom: kolom.to_string(),
            reden: reden.to_string(),
            waarschuwing: false,
        }
    }

    fn waarschuwing(bestand: &'static str, regel: usize, kolom: &str, reden: &str) -> Afwijking {
        Afwijking {
            waarschuwing: true,
            ..Afwijking::new(bestand, regel, kolom, reden)
        }
    }
}

/// What every generator needs from the options and the agreement.
pub(crate) struct Ctx {
    seed: u64,
    schaal: f64,
    /// Wijkgebied codes and names, W01–W11 in order.
    wijken: Vec<(String, String)>,
    /// 1 + indexatie_pct / 100 per demo year.
    indexatie: BTreeMap<i32, Decimal>,
    /// Financiering per (year, werksoort code).
    financiering: BTreeMap<(i32, &'static str), &'static str>,
    afspraken: AfsprakenSet,
}

impl Ctx {
    fn uit(opties: &DemoOpties, afspraken: &AfsprakenSet) -> Result<Ctx> {
        if !(opties.scale.is_finite() && opties.scale > 0.0) {
            bail!("schaal {} is geen positief getal", opties.scale);
        }
        let laatste = afspraken.laatste();
        let wijken: Vec<(String, String)> = laatste
            .wijkgebieden
            .iter()
            .map(|w| (w.code.clone(), w.naam.clone()))
            .collect();
        let verwacht: Vec<String> = (1..=11).map(|i| format!("W{i:02}")).collect();
        if wijken.iter().map(|w| &w.0).ne(verwacht.iter()) {
            bail!(
                "de demodata verwacht de wijkgebieden W01 t/m W11 in de afspraken van {}",
                laatste.jaar
            );
        }
        for c in hulpvragen::gebruikte_categorieen() {
            if !laatste.categorieen.iter().any(|x| x == c) {
                bail!("categorie '{c}' ontbreekt in de afspraken van {}", laatste.jaar);
            }
        }
        let mut indexatie = BTreeMap::new();
        let mut financiering = BTreeMap::new();
        for jaar in kalender::JAREN {
            let a = afspraken
                .jaren
                .get(&jaar)
                .with_context(|| format!("de afspraken voor {jaar} ontbreken (afspraken/{jaar}.toml)"))?;
            indexatie.insert(jaar, a.begroting.indexatiefactor());
            for ws in Ws::ALLE {
                let w = a
                    .werksoort(ws.code())
                    .with_context(|| format!("werksoort {} ontbreekt in de afspraken van {jaar}", ws.code()))?;
                financiering.insert((jaar, ws.code()), w.financiering.as_str());
            }
        }
        Ok(Ctx {
            seed: opties.seed,
            schaal: opties.scale,
            wijken,
            indexatie,
            financiering,
            afspraken: afspraken.clone(),
        })
    }

    fn financiering(&self, jaar: i32, ws: Ws) -> Result<&'static str> {
        self.financiering
            .get(&(jaar, ws.code()))
            .copied()
            .context("financiering onbekend")
    }
}

/// Everything generated, in memory.
pub(crate) struct Gegenereerd {
    hulpvragen: Vec<hulpvragen::Hulpvraag>,
    roster: Vec<personeel::Medewerker>,
    uren: Vec<uren::Urenregel>,
    activiteiten: Vec<activiteiten::Activiteit>,
    begroting: Vec<financien::Begrotingsregel>,
    boekingen: Vec<financien::Boeking>,
    contacten: Vec<contacten::Contact>,
}

/// The tables are independent (each draws from a random stream of its own), so the ledger, the
/// largest, is built on a second thread beside the others; the output does not depend on it.
fn genereer_tabellen(ctx: &Ctx) -> Result<Gegenereerd> {
    let roster = personeel::roster(ctx.seed, ctx.schaal);
    let (financien, hulpvragen, uren, activiteiten, contacten) = std::thread::scope(|s| {
        let financien = s.spawn(|| -> Result<_> {
            let begroting = financien::begroting(ctx)?;
            let boekingen = financien::realisatie(ctx, &begroting, &roster);
            Ok((begroting, boekingen))
        });
        let hulpvragen = hulpvragen::genereer(ctx);
        let uren = uren::genereer(ctx, &roster);
        let activiteiten = activiteiten::genereer(ctx);
        let contacten = contacten::genereer(ctx);
        let financien = financien.join().expect("the ledger thread panicked");
        (financien, hulpvragen, uren, activiteiten, contacten)
    });
    let (begroting, boekingen) = financien?;
    Ok(Gegenereerd {
        contacten,
        hulpvragen,
        roster,
        uren,
        activiteiten,
        begroting,
        boekingen,
    })
}

/// Builds every file in memory, in writing order.
fn bestanden(opties: &DemoOpties, afspraken: &AfsprakenSet) -> Result<(Vec<Bestand>, Vec<Afwijking>)> {
    let ctx = Ctx::uit(opties, afspraken)?;
    let g = genereer_tabellen(&ctx)?;
    // The quoted figures are computed on a second thread while the CSV files are written.
    let (v, afwijkingen, cijfers) = std::thread::scope(|s| -> Result<_> {
        let cijfers = s.spawn(|| statistiek::Cijfers::bereken(&ctx, &g));
        let mut afwijkingen = Vec::new();
        let v = vec![
            hulpvragen::schrijf(&ctx, &g.hulpvragen, &mut afwijkingen)?,
            uren::schrijf(&ctx, &g.roster, &g.uren, &mut afwijkingen)?,
            activiteiten::schrijf(&ctx, &g.activiteiten, &mut afwijkingen)?,
            financien::schrijf_begroting(&ctx, &g.begroting)?,
            financien::schrijf_realisatie(&ctx, &g.boekingen, &mut afwijkingen)?,
            financien::schrijf_formatie(&g.roster)?,
            contacten::schrijf(&ctx, &g.contacten)?,
        ];
        let cijfers = cijfers.join().expect("the figures thread panicked");
        Ok((v, afwijkingen, cijfers))
    })?;
    let mut v = v;
    v.extend(toelichting::bestanden(&cijfers)?);
    v.push(readme::bestand(&ctx, &g, &cijfers, &afwijkingen, &v)?);
    Ok((v, afwijkingen))
}

/// Generates the demo data set and writes it into `opties.out` (each file atomically through
/// [`crate::publish::write_atomic`]); `<out>/afspraken/` is read by the caller and never written.
/// The agreement supplies the codes, the wijkgebieden and the yearly budget indexation.
pub fn genereer(opties: &DemoOpties, afspraken: &AfsprakenSet) -> Result<DemoSamenvatting> {
    let (lijst, afwijkingen) = bestanden(opties, afspraken)?;
    let mut samenvatting = DemoSamenvatting {
        seed: opties.seed,
        scale: opties.scale,
        map: opties.out.display().to_string(),
        bestanden: Vec::new(),
        totaal_bytes: 0,
        opzettelijke_fouten: afwijkingen
            .iter()
            .map(|a| OpzettelijkeFout {
                bestand: a.bestand.to_string(),
                regel: a.regel,
                kolom: a.kolom.clone(),
                reden: a.reden.clone(),
                waarschuwing: a.waarschuwing,
            })
            .collect(),
    };
    for b in lijst {
        debug_assert!(!b.pad.starts_with("afspraken/"));
        let pad = opties.out.join(&b.pad);
        crate::publish::write_atomic(&pad, &b.bytes)
            .with_context(|| format!("kan {} niet schrijven", pad.display()))?;
        samenvatting.totaal_bytes += b.bytes.len();
        samenvatting.bestanden.push(GeschrevenBestand {
            opzettelijk_afgekeurd: afwijkingen
                .iter()
                .filter(|a| a.bestand == b.pad && !a.waarschuwing)
                .count(),
            pad: b.pad,
            rijen: b.rijen,
            bytes: b.bytes.len(),
        });
    }
    Ok(samenvatting)
}

/// Whether a toelichting folder name is a month code (`2024-05`).
pub(crate) fn is_maandcode(periode: &str) -> bool {
    periode.len() == 7 && periode.as_bytes()[4] == b'-' && periode[5..].bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_counts_read_dutch() {
        assert_eq!(duizendtallen(1_234_567), "1.234.567");
        assert_eq!(duizendtallen(999), "999");
        assert_eq!(grootte(2_449_999), "2,4 MB");
        assert_eq!(grootte(2_450_000), "2,5 MB");
        assert_eq!(grootte(812_400), "812 kB");
        assert_eq!(grootte(95), "95 bytes");
        assert_eq!(schaal_tekst(1.0), "1");
        assert_eq!(schaal_tekst(0.5), "0,5");
    }
}

#[cfg(test)]
mod ontwerp_tests {
    use std::collections::BTreeSet;
    use std::sync::OnceLock;

    use chrono::{Datelike, NaiveDate};

    use super::*;
    use crate::demo::hulpvragen::Hulpvraag;
    use crate::demo::kalender::{d, eind, is_werkdag};
    use crate::demo::statistiek::Cijfers;

    /// The default data set (seed 42, scale 1), generated once for all tests.
    fn standaard() -> &'static (Ctx, Gegenereerd, Cijfers) {
        static S: OnceLock<(Ctx, Gegenereerd, Cijfers)> = OnceLock::new();
        S.get_or_init(|| {
            let afspraken = crate::afspraken::load_dir(std::path::Path::new("data/afspraken")).expect("afspraken");
            let opties = DemoOpties {
                seed: 42,
                scale: 1.0,
                out: PathBuf::from("data"),
            };
            let ctx = Ctx::uit(&opties, &afspraken).expect("ctx");
            let g = genereer_tabellen(&ctx).expect("tabellen");
            let c = Cijfers::bereken(&ctx, &g);
            (ctx, g, c)
        })
    }

    fn mis(p: &str) -> Vec<&'static str> {
        standaard().2.niet_gehaald[p].clone()
    }

    #[test]
    fn designed_norm_misses_happen() {
        assert_eq!(
            mis("2024-Q2"),
            vec![
                "SW.eerste_gesprek_4w",
                "SW.eerste_gesprek_6w",
                "CSW.ontmoeting_wijkgebieden",
                "SW.inzet_individueel",
                "JGD.in_behandeling_2w",
                "JGD.toeleiding_8w"
            ]
        );
        assert!(mis("2023-Q3").contains(&"SW.eerste_gesprek_4w"));
        assert!(mis("2023-Q4").contains(&"ISW.afgesloten_6m"));
        assert!(mis("2023-Q1").contains(&"SW.inzet_individueel"));
        assert!(mis("2023-Q1").contains(&"JGD.zelf_opgelost_max5"));
        assert!(mis("2024-Q3").is_empty());
        // The raad texts say: individual share under 30% over 2024, every wijkgebied has an
        // ontmoetingsactiviteit in 2024, the 4-week norm met again in the second half of 2024.
        for id in [
            "SW.inzet_individueel",
            "CSW.ontmoeting_wijkgebieden",
            "SW.eerste_gesprek_4w",
        ] {
            assert!(!mis("2024").contains(&id), "{id}");
        }
        assert!(!mis("2024-H2").contains(&"SW.eerste_gesprek_4w"));
        // Norms that are not part of the design are met everywhere.
        for p in statistiek::Periode::alle() {
            for id in [
                "ISW.doorverwijzing_wmo",
                "ISW.uitstroom_zelfstandig",
                "JGD.uitstroom_jeugdhulp",
            ] {
                assert!(!mis(&p.code).contains(&id), "{id} in {}", p.code);
            }
        }
    }

    #[test]
    fn designed_financial_variances_happen() {
        let m = &standaard().2.materieel;
        assert_eq!(m[&(2024, 1)], vec!["SRW-01", "ISW-04", "CSW-05", "JGD-04", "JW-02"]);
        assert_eq!(m[&(2023, 2)], vec!["ISW-02", "CSW-04", "CSW-05", "JGD-04", "JGD-10"]);
        let w = &standaard().2.waarden;
        assert_eq!(w["JGD-04@2024-H1#pct"], "30,0%");
        assert_eq!(w["ISW-04@2024-H1#pct"], "-15,0%");
        assert_eq!(w["SRW-01@2024-H1#pct"], "12,5%");
    }

    /// The analyses files cover some, but not all, of what needs an analysis, and nothing else.
    #[test]
    fn toelichting_matches_the_data() {
        let (_, _, c) = standaard();
        for (pad, sjabloon) in toelichting::sjablonen().filter(|(p, _)| p.ends_with("analyses.csv")) {
            let periode = pad.split('/').nth(1).unwrap();
            // What a month needs is judged by the maandrapportage (see tests/maand_e2e.rs).
            if is_maandcode(periode) {
                continue;
            }
            let mut nodig: BTreeSet<&str> = c.niet_gehaald[periode].iter().copied().collect();
            if let Some((j, h)) = periode.split_once("-H") {
                nodig.extend(c.materieel[&(j.parse().unwrap(), h.parse().unwrap())].iter().copied());
            }
            // A year's analyses (for the raad letter) cover every financial difference of the
            // year: without them the letter would be a concept.
            if let Ok(j) = periode.parse::<i32>() {
                let jaar: BTreeSet<&str> = c.materieel_jaar.get(&j).into_iter().flatten().copied().collect();
                nodig.extend(jaar.iter().copied());
                let sleutels: BTreeSet<&str> = sjabloon
                    .lines()
                    .skip(1)
                    .filter_map(|l| l.trim_start_matches('\u{feff}').split(';').next())
                    .collect();
                assert!(jaar.is_subset(&sleutels), "{pad}: {jaar:?} niet alle in {sleutels:?}");
            }
            let sleutels: BTreeSet<&str> = sjabloon
                .lines()
                .skip(1)
                .filter_map(|l| l.trim_start_matches('\u{feff}').split(';').next())
                .collect();
            assert!(sleutels.is_subset(&nodig), "{pad}: {sleutels:?} niet binnen {nodig:?}");
            assert!(!sleutels.is_empty() && sleutels.len() < nodig.len(), "{pad}");
        }
    }

    #[test]
    fn toelichting_csv_files_are_valid() {
        let (ctx, _, c) = standaard();
        let a = ctx.afspraken.voor_jaar(2024);
        for b in toelichting::bestanden(c)
            .unwrap()
            .iter()
            .filter(|b| b.pad.ends_with(".csv"))
        {
            let tekst = String::from_utf8(b.bytes.clone()).unwrap();
            let tekst = tekst.trim_start_matches('\u{feff}');
            let mut r = csv::ReaderBuilder::new().delimiter(b';').from_reader(tekst.as_bytes());
            let kop: Vec<String> = r.headers().unwrap().iter().map(|x| x.to_string()).collect();
            let rijen: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
            assert!(!rijen.is_empty(), "{}", b.pad);
            for rij in &rijen {
                assert_eq!(rij.len(), kop.len(), "{}: {rij:?}", b.pad);
                let id = &rij[0];
                match kop[0].as_str() {
                    "doel_id" => {
                        assert!(a.doel(id).is_some(), "{id}");
                        assert!(["behaald", "op_koers", "risico", "niet_behaald", "nvt"].contains(&&rij[1]));
                    }
                    "risico_id" => {
                        assert!(a.risico(id).is_some(), "{id}");
                        for k in [&rij[1], &rij[2]] {
                            assert!(["1", "2", "3"].contains(&k), "{id}");
                        }
                    }
                    "sleutel" => assert!(
                        a.indicator(id).is_some() || ontwerp::SEED_REGELS.iter().any(|r| r.id == id),
                        "{id}"
                    ),
                    k => panic!("onbekende kop {k}"),
                }
            }
            if b.pad == "toelichting/2024-H1/doelen.csv" {
                let statussen: BTreeSet<&str> = rijen.iter().map(|r| r.get(1).unwrap()).collect();
                assert_eq!(statussen.len(), 5);
                assert_eq!(rijen.len(), 92);
                assert_eq!(a.doelen.len(), 102);
            }
        }
    }

    #[test]
    fn markdown_is_split_by_werksoort_and_has_no_bsn_like_numbers() {
        let (_, _, c) = standaard();
        for b in toelichting::bestanden(c).unwrap() {
            let tekst = String::from_utf8(b.bytes.clone()).unwrap();
            let mut cijfers = 0;
            for ch in tekst.chars() {
                cijfers = if ch.is_ascii_digit() { cijfers + 1 } else { 0 };
                assert!(cijfers < 9, "{}: negen cijfers op een rij", b.pad);
            }
            if b.pad.ends_with(".md") && !b.pad.ends_with("raad.md") {
                let koppen: Vec<&str> = tekst.lines().filter_map(|l| l.strip_prefix("## ")).collect();
                assert!(
                    koppen.iter().all(|k| ["SRW", "ISW", "CSW", "JGD", "JW"].contains(k)),
                    "{}",
                    b.pad
                );
                if b.pad.starts_with("toelichting/2024-H1/") {
                    assert_eq!(koppen.len(), 5, "{}", b.pad);
                }
            }
        }
    }

    fn rij_is_geldig(h: &Hulpvraag) -> bool {
        let a = h.aanmeld;
        let datums = [h.eerste, h.vv, h.traject, h.afgesloten, h.aanvraag_jh, h.besluit_jh];
        let na = |x: Option<NaiveDate>, y: Option<NaiveDate>| match (x, y) {
            (Some(x), Some(y)) => x >= y,
            _ => true,
        };
        datums.iter().flatten().all(|x| *x >= a && *x <= eind())
            && na(h.vv, h.eerste)
            && na(h.traject, h.vv)
            && na(h.afgesloten, h.eerste)
            && na(h.afgesloten, h.vv)
            && na(h.afgesloten, h.traject)
            && na(h.besluit_jh, h.aanvraag_jh)
            && (h.ws == ontwerp::Ws::Jgd || (h.aanvraag_jh.is_none() && h.besluit_jh.is_none()))
            && h.uitstroom.is_some() == h.afgesloten.is_some()
            && h.leeftijd.is_none_or(|l| l <= 120)
    }

    #[test]
    fn hulpvragen_follow_the_contract_and_show_the_patterns() {
        let (_, g, _) = standaard();
        let schoon: Vec<&Hulpvraag> = g.hulpvragen.iter().filter(|h| h.fout.is_none()).collect();
        assert_eq!(g.hulpvragen.len() - schoon.len(), 13);
        for h in &schoon {
            assert!(rij_is_geldig(h), "{h:?}");
            assert!(h.client.len() == 9 && h.client.starts_with("C-"), "{}", h.client);
        }
        for h in g.hulpvragen.iter().filter(|h| h.fout.is_some()) {
            let zichtbaar_fout = matches!(
                h.fout,
                Some(
                    hulpvragen::HvFout::OnbekendeWerksoort
                        | hulpvragen::HvFout::OnbekendWijkgebied
                        | hulpvragen::HvFout::VeldOntbreekt
                        | hulpvragen::HvFout::DubbelId
                        | hulpvragen::HvFout::OnbekendeUitstroom
                        | hulpvragen::HvFout::OngeldigeDatum
                )
            );
            assert!(zichtbaar_fout || !rij_is_geldig(h), "{h:?}");
        }
        // Summer dip in 2023.
        let maand = |m: u32| {
            schoon
                .iter()
                .filter(|h| h.aanmeld.year() == 2023 && h.aanmeld.month() == m)
                .count()
        };
        assert!((maand(7) + maand(8)) * 10 < (maand(5) + maand(6)) * 8);
        // Still waiting and still open on the export date.
        assert!(
            schoon
                .iter()
                .filter(|h| h.eerste.is_none() && h.afgesloten.is_none())
                .count()
                > 20
        );
        assert!(
            schoon
                .iter()
                .filter(|h| h.traject.is_some() && h.afgesloten.is_none())
                .count()
                > 50
        );
        // Repeat hulpvragen of the same client and category within a year.
        let mut gesloten: BTreeMap<(&str, &str), Vec<NaiveDate>> = BTreeMap::new();
        let mut herhaald = 0;
        for h in schoon
            .iter()
            .filter(|h| matches!(h.ws, ontwerp::Ws::Isw | ontwerp::Ws::Csw))
        {
            let k = (h.client.as_str(), h.categorie);
            if gesloten
                .get(&k)
                .is_some_and(|v| v.iter().any(|a| *a <= h.aanmeld && (h.aanmeld - *a).num_days() <= 365))
            {
                herhaald += 1;
            }
            if let Some(a) = h.afgesloten {
                gesloten.entry(k).or_default().push(a);
            }
        }
        assert!(herhaald > 300, "{herhaald}");
    }

    #[test]
    fn uren_one_row_per_professional_day_werksoort_inzet() {
        let (_, g, _) = standaard();
        let mut gezien = BTreeSet::new();
        for u in &g.uren {
            assert!(is_werkdag(u.datum) && u.datum <= eind());
            assert!(u.kwartier > 0 && u.kwartier <= 96);
            assert!(gezien.insert((u.medewerker, u.datum, u.ws, u.inzet)));
        }
        let jaar = g.uren.iter().filter(|u| u.datum.year() == 2023).count();
        assert!((27_000..36_000).contains(&jaar), "{jaar}");
        let uren = |m: u32| -> u32 {
            g.uren
                .iter()
                .filter(|u| u.datum.year() == 2023 && u.datum.month() == m)
                .map(|u| u.kwartier)
                .sum()
        };
        assert!(uren(7) * 10 < uren(6) * 8);
    }

    #[test]
    fn ledger_reconciles_with_the_design() {
        let (_, g, _) = standaard();
        // Salary, corrections, the deliberate duplicate.
        assert!(g.boekingen.iter().filter(|b| b.bedrag < 0).count() >= 18);
        assert_eq!(g.boekingen.iter().filter(|b| b.dubbel).count(), 1);
        assert!(
            g.boekingen
                .iter()
                .all(|b| b.datum >= d(2022, 1, 1) && b.datum <= eind())
        );
        let per_jaar = g.boekingen.iter().filter(|b| b.datum.year() == 2023).count();
        assert!((13_000..18_000).contains(&per_jaar), "{per_jaar}");
        // Apart from the duplicate, no two lines share boekstuk, regel, date and amount.
        let mut gezien = BTreeSet::new();
        for b in g.boekingen.iter().filter(|b| !b.dubbel) {
            assert!(gezien.insert((b.datum, b.boekstuk.clone(), b.regel, b.bedrag)), "{b:?}");
        }
    }

    #[test]
    fn budget_is_seed_times_indexation() {
        let (_, g, _) = standaard();
        let regel = |j: i32, id: &str| {
            g.begroting
                .iter()
                .find(|b| b.jaar == j && b.seed.id == id)
                .unwrap()
                .bedrag
        };
        // 1.609.966,35 × 1,1551 = 1.859.672,130885; 209.295,63 × 1,029 = 215.365,20327.
        assert_eq!(regel(2024, "ISW-01"), 185_967_213);
        assert_eq!(regel(2022, "SRW-01"), 21_536_520);
        // 246.861,51 × 1,0938 = 270.017,119638.
        assert_eq!(regel(2023, "JGD-02"), 27_001_712);
        assert_eq!(regel(2023, "SRW-02"), 0);
        assert_eq!(g.begroting.len(), 84);
    }
}
