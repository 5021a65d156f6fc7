//! `uren.csv`: the time registration, one row per professional, day, werksoort and inzet
//! (UTF-8 without BOM, `,` as delimiter, so the decimal comma of the hours is quoted: `"7,25"`).
//!
//! The share of inzet `individueel` in the ISW and CSW hours follows the quarterly targets of
//! [`super::ontwerp::inzet_individueel_bp`]: the hours of every working day are drawn first, then
//! split so that the quarter's total share lands on its target.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::csvout::CsvSchrijver;
use super::kalender::{begin, dagen_tussen, eind, iso, kwartaal};
use super::ontwerp::{Ws, inzet_individueel_bp};
use super::personeel::Medewerker;
use super::toeval::{Stroom, Toeval};
use super::{Afwijking, Bestand, Ctx};

/// Inzet codes in the order they are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Inzet {
    Individueel,
    Collectief,
    Informeel,
    Overig,
}

impl Inzet {
    pub(crate) fn code(self) -> &'static str {
        match self {
            Inzet::Individueel => "individueel",
            Inzet::Collectief => "collectief",
            Inzet::Informeel => "informeel",
            Inzet::Overig => "overig",
        }
    }
}

/// One row of uren.csv (hours in quarter hours).
#[derive(Debug, Clone)]
pub(crate) struct Urenregel {
    pub(crate) medewerker: usize,
    pub(crate) ws: Ws,
    pub(crate) datum: NaiveDate,
    pub(crate) kwartier: u32,
    pub(crate) inzet: Inzet,
}

/// A worked day before it is split by inzet.
struct Werkdag {
    medewerker: usize,
    datum: NaiveDate,
    /// Quarter hours worked.
    totaal: u32,
    /// Quarter hours `overig` (team meetings, training, administration).
    overig: u32,
}

/// How strongly ISW and CSW lean to individual work relative to the quarter's target: ISW
/// professionals do most of the individual work.
const LEUNING_ISW: i64 = 135;
const LEUNING_CSW: i64 = 53;

/// Generates the uren rows, sorted by date, professional and inzet.
pub(crate) fn genereer(ctx: &Ctx, roster: &[Medewerker]) -> Vec<Urenregel> {
    let mut t = Toeval::new(ctx.seed, Stroom::Uren);
    // Pass 1: the days worked and their hours.
    let mut dagen: Vec<Werkdag> = Vec::new();
    for (i, m) in roster.iter().enumerate() {
        for datum in dagen_tussen(begin(), eind()).filter(|x| m.werkt(*x)) {
            // Now and then a longer or shorter day.
            let mut totaal = m.kwartier_per_dag as i64;
            if t.promille(200) {
                totaal += t.tussen(-4, 4);
            }
            let totaal = totaal.clamp(4, 40) as u32;
            let overig = match m.ws {
                Ws::Isw | Ws::Csw | Ws::Jgd if t.promille(250) => t.tussen(2, 10).min(totaal as i64 - 2) as u32,
                Ws::Srw | Ws::Jw if t.promille(300) => t.tussen(2, 8).min(totaal as i64 - 2) as u32,
                _ => 0,
            };
            dagen.push(Werkdag {
                medewerker: i,
                datum,
                totaal,
                overig,
            });
        }
    }

    // The ISW and CSW hours other than overig per quarter, to aim the individual share.
    let mut basis: BTreeMap<(i32, u32), (i64, i64)> = BTreeMap::new();
    for w in &dagen {
        let sleutel = (chrono::Datelike::year(&w.datum), kwartaal(w.datum));
        let n = (w.totaal - w.overig) as i64;
        let e = basis.entry(sleutel).or_default();
        match roster[w.medewerker].ws {
            Ws::Isw => e.0 += n,
            Ws::Csw => e.1 += n,
            _ => {}
        }
    }
    // Per quarter the shares (basis points) for ISW and CSW such that
    // (LEUNING_ISW·k·isw + LEUNING_CSW·k·csw) / (isw + csw) = target.
    let aandelen: BTreeMap<(i32, u32), (i64, i64)> = basis
        .iter()
        .map(|(&(j, k), &(isw, csw))| {
            let doel = inzet_individueel_bp(j, k);
            let noemer = (LEUNING_ISW * isw + LEUNING_CSW * csw).max(1);
            let f = |leuning: i64| (doel * leuning * (isw + csw) + noemer / 2) / noemer;
            ((j, k), (f(LEUNING_ISW), f(LEUNING_CSW)))
        })
        .collect();

    // Pass 2: split each day by inzet.
    let mut regels: Vec<Urenregel> = Vec::with_capacity(dagen.len() * 2);
    for w in &dagen {
        let m = &roster[w.medewerker];
        let rest = w.totaal - w.overig;
        let mut delen: Vec<(Inzet, u32)> = Vec::with_capacity(4);
        match m.ws {
            Ws::Isw | Ws::Csw => {
                let (isw, csw) = aandelen[&(chrono::Datelike::year(&w.datum), kwartaal(w.datum))];
                let aandeel = if m.ws == Ws::Isw { isw } else { csw };
                // Individual hours: the share, varying per day between 0.6 and 1.4 times it.
                let factor = t.tussen(60, 140);
                let ind = ((rest as i64 * aandeel * factor + 500_000) / 1_000_000).clamp(0, rest as i64) as u32;
                delen.push((Inzet::Individueel, ind));
                let over = rest - ind;
                // The rest of the day collectively, or supporting volunteers and mantelzorgers.
                let informeel_kans = if m.ws == Ws::Csw || m.regel == "ISW-04" || m.regel == "ISW-03" {
                    350
                } else {
                    150
                };
                let soort = if t.promille(informeel_kans) {
                    Inzet::Informeel
                } else {
                    Inzet::Collectief
                };
                delen.push((soort, over));
            }
            Ws::Jgd => {
                let coll = if t.promille(150) {
                    rest * t.tussen(20, 100) as u32 / 100
                } else {
                    0
                };
                delen.push((Inzet::Individueel, rest - coll));
                delen.push((Inzet::Collectief, coll));
            }
            Ws::Jw => {
                let ind = if t.promille(450) {
                    rest * t.tussen(15, 50) as u32 / 100
                } else {
                    0
                };
                let inf = if t.promille(100) {
                    (rest - ind) * t.tussen(10, 40) as u32 / 100
                } else {
                    0
                };
                delen.push((Inzet::Individueel, ind));
                delen.push((Inzet::Collectief, rest - ind - inf));
                delen.push((Inzet::Informeel, inf));
            }
            Ws::Srw => {
                let coll = if t.promille(80) {
                    rest * t.tussen(20, 60) as u32 / 100
                } else {
                    0
                };
                delen.push((Inzet::Individueel, rest - coll));
                delen.push((Inzet::Collectief, coll));
            }
        }
        delen.push((Inzet::Overig, w.overig));
        for (inzet, kwartier) in delen {
            if kwartier > 0 {
                regels.push(Urenregel {
                    medewerker: w.medewerker,
                    ws: m.ws,
                    datum: w.datum,
                    kwartier,
                    inzet,
                });
            }
        }
    }
    regels.sort_by(|a, b| {
        (a.datum, &roster[a.medewerker].id, a.inzet).cmp(&(b.datum, &roster[b.medewerker].id, b.inzet))
    });
    regels
}

/// `7,25` from 29 quarter hours; whole hours without decimals.
pub(crate) fn uren_tekst(kwartier: u32) -> String {
    let (h, q) = (kwartier / 4, kwartier % 4);
    match q {
        0 => format!("{h}"),
        1 => format!("{h},25"),
        2 => format!("{h},5"),
        _ => format!("{h},75"),
    }
}

/// Writes `uren.csv`, with a handful of deliberately bad rows among the others.
pub(crate) fn schrijf(
    ctx: &Ctx,
    roster: &[Medewerker],
    regels: &[Urenregel],
    afwijkingen: &mut Vec<Afwijking>,
) -> anyhow::Result<Bestand> {
    let mut w = CsvSchrijver::nieuw(&["medewerker_id", "werksoort", "datum", "uren", "inzet"], b',', false);
    // Positions (fractions of the file) after which a bad row follows.
    let mut t = Toeval::new(ctx.seed, Stroom::Fouten);
    let n = regels.len().max(1);
    let mut plekken: Vec<(usize, u8)> = (0..4u8)
        .map(|k| (n * (2 * k as usize + 1) / 9 + t.index(n / 20 + 1), k))
        .collect();
    plekken.sort();
    let mut volgende = plekken.into_iter().peekable();
    for (i, r) in regels.iter().enumerate() {
        let m = &roster[r.medewerker];
        w.rij(&[
            m.id.as_str(),
            r.ws.code(),
            &iso(r.datum),
            &uren_tekst(r.kwartier),
            r.inzet.code(),
        ]);
        while let Some(&(_, k)) = volgende.peek().filter(|p| p.0 == i) {
            volgende.next();
            let datum = iso(r.datum);
            let (velden, kolom, reden): ([String; 5], &str, String) = match k {
                0 => (
                    [
                        m.id.clone(),
                        r.ws.code().into(),
                        datum,
                        "25".into(),
                        "individueel".into(),
                    ],
                    "uren",
                    "meer dan 24 uur op één dag (25)".into(),
                ),
                1 => (
                    [
                        m.id.clone(),
                        r.ws.code().into(),
                        datum,
                        "3,5".into(),
                        "vergadering".into(),
                    ],
                    "inzet",
                    "onbekende inzet 'vergadering'".into(),
                ),
                2 => (
                    [m.id.clone(), "SW".into(), datum, "4".into(), "collectief".into()],
                    "werksoort",
                    "onbekende werksoort 'SW'".into(),
                ),
                _ => (
                    [
                        m.id.clone(),
                        r.ws.code().into(),
                        "2023-06-31".into(),
                        "7,25".into(),
                        "individueel".into(),
                    ],
                    "datum",
                    "ongeldige datum '2023-06-31'".into(),
                ),
            };
            let regel = w.rij(&velden);
            afwijkingen.push(Afwijking::new("uren.csv", regel, kolom, &reden));
        }
    }
    let rijen = w.rijen();
    Ok(Bestand::csv("uren.csv", w.utf8(false)?, rijen))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_are_written_the_dutch_way() {
        assert_eq!(uren_tekst(29), "7,25");
        assert_eq!(uren_tekst(30), "7,5");
        assert_eq!(uren_tekst(31), "7,75");
        assert_eq!(uren_tekst(32), "8");
    }
}
