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
        if i > 0 && (s.len() - i) % 3 == 0 {
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
}

fn genereer_tabellen(ctx: &Ctx) -> Result<Gegenereerd> {
    let roster = personeel::roster(ctx.seed, ctx.schaal);
    let hulpvragen = hulpvragen::genereer(ctx);
    let uren = uren::genereer(ctx, &roster);
    let activiteiten = activiteiten::genereer(ctx);
    let begroting = financien::begroting(ctx)?;
    let boekingen = financien::realisatie(ctx, &begroting, &roster);
    Ok(Gegenereerd {
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
    let mut afwijkingen = Vec::new();
    let mut v = vec![
        hulpvragen::schrijf(&ctx, &g.hulpvragen, &mut afwijkingen)?,
        uren::schrijf(&ctx, &g.roster, &g.uren, &mut afwijkingen)?,
        activiteiten::schrijf(&ctx, &g.activiteiten, &mut afwijkingen)?,
        financien::schrijf_begroting(&ctx, &g.begroting)?,
        financien::schrijf_realisatie(&ctx, &g.boekingen, &mut afwijkingen)?,
        financien::schrijf_formatie(&g.roster)?,
    ];
    let cijfers = statistiek::Cijfers::bereken(&ctx, &g);
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
    use super::*;

    pub(super) fn standaard() -> (Ctx, Gegenereerd) {
        let afspraken = crate::afspraken::load_dir(std::path::Path::new("data/afspraken")).expect("afspraken");
        let opties = DemoOpties {
            seed: 42,
            scale: 1.0,
            out: PathBuf::from("data"),
        };
        let ctx = Ctx::uit(&opties, &afspraken).expect("ctx");
        let g = genereer_tabellen(&ctx).expect("tabellen");
        (ctx, g)
    }

    #[test]
    #[ignore]
    fn schrijf_naar_tmp() {
        let afspraken = crate::afspraken::load_dir(std::path::Path::new("data/afspraken")).expect("afspraken");
        let opties = DemoOpties {
            seed: 42,
            scale: 1.0,
            out: PathBuf::from("/tmp/demo42"),
        };
        println!("{}", genereer(&opties, &afspraken).expect("genereer"));
    }

    #[test]
    #[ignore]
    fn lees_tmp_in() {
        let afspraken = crate::afspraken::load_dir(std::path::Path::new("data/afspraken")).expect("afspraken");
        let ds = crate::ingest::laad(std::path::Path::new("/tmp/demo42"), &afspraken, &Default::default());
        match ds {
            Ok(ds) => {
                for b in &ds.kwaliteit.bestanden {
                    println!("{} {} {} {}", b.pad, b.gelezen, b.geaccepteerd, b.afgekeurd);
                }
                for a in &ds.kwaliteit.afkeuringen {
                    println!("AF {} {} {} {} | {}", a.bestand, a.regel, a.kolom, a.waarde, a.reden);
                }
                for w in &ds.kwaliteit.waarschuwingen {
                    println!("W {} {:?} {} | {}", w.bestand, w.regel, w.soort, w.melding);
                }
                println!("laatste {:?}", ds.laatste_datum);
            }
            Err(e) => println!("FOUT {e}"),
        }
    }

    #[test]
    #[ignore]
    fn toon_ontwerp() {
        let (ctx, g) = standaard();
        let c = statistiek::Cijfers::bereken(&ctx, &g);
        for (p, m) in &c.niet_gehaald {
            println!("{p}: {m:?}");
        }
        for (p, m) in &c.materieel {
            println!("{p:?}: {m:?}");
        }
        for (k, v) in &c.waarden {
            println!("{k} = {v}");
        }
        println!(
            "hulpvragen {} uren {} act {} boekingen {} roster {}",
            g.hulpvragen.len(),
            g.uren.len(),
            g.activiteiten.len(),
            g.boekingen.len(),
            g.roster.len()
        );
    }
}
