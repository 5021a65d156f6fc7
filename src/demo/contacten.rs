//! `contacten.csv` (optional file, revision 3): the contacts and short interventions that are not
//! a hulpvraag, with the volumes of a town of 95.000 (seed 003's outputs): some thousands of
//! korte contacten a year, spreekuren, snelle interventies, a few beschermtafels, tens of
//! buurtbemiddelingen (about two thirds positief), about a hundred vrijwilligerskoppelingen
//! (mostly succesvol), ouderenbezoeken and the formulierenbrigade. UTF-8, `;`, ISO dates.
//!
//! A buurtbemiddeling or koppeling started in the last weeks before the export date is often
//! still `lopend`. client_id is a pseudonym (`C` and five digits) and only filled for the soorten
//! that work with one inwoner over time. No deliberate defects: the file is optional and its row
//! rules are covered by the tests.

use chrono::NaiveDate;

use super::csvout::CsvSchrijver;
use super::kalender::{JAREN, d, dagen_tussen, eind, is_werkdag, iso};
use super::ontwerp::Ws;
use super::toeval::{Stroom, Toeval};
use super::{Bestand, Ctx};

/// One contact.
#[derive(Debug, Clone)]
pub(crate) struct Contact {
    pub(crate) datum: NaiveDate,
    pub(crate) ws: Ws,
    pub(crate) wijk: Option<usize>,
    pub(crate) soort: &'static str,
    pub(crate) resultaat: Option<&'static str>,
    pub(crate) client: Option<u32>,
}

/// Contacts per year at scale 1: (werksoort, soort, number, with a client pseudonym).
const VOLUMES: [(Ws, &str, u32, bool); 14] = [
    (Ws::Srw, "kort_contact", 2400, false),
    (Ws::Srw, "spreekuur", 650, false),
    (Ws::Srw, "formulierenbrigade", 520, true),
    (Ws::Isw, "kort_contact", 1100, false),
    (Ws::Isw, "snelle_interventie", 160, true),
    // The CJG chairs the two beschermtafels (seed 002 doel JGD-H1.11; seed 003 lists it with the
    // BJG tasks), so the casussen count for JGD.
    (Ws::Jgd, "beschermtafel", 24, true),
    (Ws::Csw, "kort_contact", 700, false),
    (Ws::Csw, "buurtbemiddeling", 44, true),
    (Ws::Csw, "vrijwilligerskoppeling", 104, true),
    (Ws::Csw, "ouderenbezoek", 380, true),
    (Ws::Jgd, "kort_contact", 850, false),
    (Ws::Jgd, "spreekuur", 280, false),
    (Ws::Jw, "kort_contact", 1300, false),
    (Ws::Jw, "overig", 120, false),
];

/// The contacts of 2022–2024, by date (stable within a day).
pub(crate) fn genereer(ctx: &Ctx) -> Vec<Contact> {
    let mut t = Toeval::new(ctx.seed, Stroom::Contacten);
    let mut v = Vec::new();
    for jaar in JAREN {
        let dagen: Vec<NaiveDate> = dagen_tussen(d(jaar, 1, 1), d(jaar, 12, 31).min(eind()))
            .filter(|x| is_werkdag(*x))
            .collect();
        for (ws, soort, n, met_client) in VOLUMES {
            let n = (f64::from(n) * ctx.schaal).round() as usize;
            for _ in 0..n {
                let datum = dagen[t.index(dagen.len())];
                let dagen_voor_eind = (eind() - datum).num_days();
                let resultaat = match soort {
                    // Mediation takes weeks: recent ones are mostly still running.
                    "buurtbemiddeling" if dagen_voor_eind < 42 && t.promille(750) => Some("lopend"),
                    "buurtbemiddeling" => Some(t.kies(&[("positief", 66), ("negatief", 34)])),
                    "vrijwilligerskoppeling" if dagen_voor_eind < 28 && t.promille(600) => Some("lopend"),
                    "vrijwilligerskoppeling" => Some(t.kies(&[("positief", 88), ("negatief", 12)])),
                    _ => None,
                };
                let wijk = (!t.promille(80)).then(|| t.index(ctx.wijken.len()));
                let client = met_client.then(|| t.tussen(1, 60_000) as u32);
                v.push(Contact {
                    datum,
                    ws,
                    wijk,
                    soort,
                    resultaat,
                    client,
                });
            }
        }
    }
    v.sort_by_key(|c| c.datum);
    v
}

/// Writes `contacten.csv`.
pub(crate) fn schrijf(ctx: &Ctx, lijst: &[Contact]) -> anyhow::Result<Bestand> {
    let kop = [
        "contact_id",
        "datum",
        "werksoort",
        "wijkgebied",
        "soort",
        "resultaat",
        "client_id",
    ];
    let mut w = CsvSchrijver::nieuw(&kop, b';', false);
    for (i, c) in lijst.iter().enumerate() {
        w.rij(&[
            format!("CT{:06}", i + 1),
            iso(c.datum),
            c.ws.code().to_string(),
            c.wijk.map(|k| ctx.wijken[k].0.clone()).unwrap_or_default(),
            c.soort.to_string(),
            c.resultaat.unwrap_or_default().to_string(),
            c.client.map(|n| format!("C{n:05}")).unwrap_or_default(),
        ]);
    }
    let rijen = w.rijen();
    Ok(Bestand::csv("contacten.csv", w.utf8(false)?, rijen))
}
