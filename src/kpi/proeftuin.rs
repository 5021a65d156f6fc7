//! The Proeftuin Ruwaard's own figures (catalogue convention "Proeftuin", revision 3).
//!
//! Seed 002 §6.2: the Proeftuin budget "is niet gebonden aan de inhoudelijke afspraken van de
//! subsidieovereenkomst, zoals wachtlijstafspraken, doorlooptijden". Its hulpvragen
//! (`proeftuin = ja` in hulpvragen.csv) stay out of every normed indicator (see
//! [`super::engine`]); the reports show them here instead: per werksoort the aanmeldingen, the
//! wachtlijst at the peildatum, the wachttijd (median and p90) and the hulpvragen afgesloten, by
//! the same definitions as the catalogue's `X.aanmeldingen`, `X.wachtlijst`,
//! `X.wachttijd_mediaan`, `X.wachttijd_p90` and `X.afgesloten`, over the Proeftuin rows only.

use polars::prelude::*;

use super::bron::{Bron, dag};
use super::catalogus::{WERKSOORTEN, WERKSOORTEN_MET_WACHTLIJST};
use super::engine::{aantal_per_ws, in_p, mediaan_p90, wachtlijst_filter, wachttijden};
use crate::afspraken::Afspraken;
use crate::period::Tijdvak;

pub use crate::domein::proeftuin::{ProeftuinWerksoort, Proeftuincijfers};

/// The sentence every Proeftuin section carries.
pub fn toelichting(naam: &str) -> String {
    format!(
        "De hulpvragen van de {naam} tellen niet mee in de normen van de subsidieovereenkomst: het \
         budget van de Proeftuin is volgens de afspraken \u{201c}niet gebonden aan de inhoudelijke afspraken van \
         de subsidieovereenkomst, zoals wachtlijstafspraken, doorlooptijden\u{201d}. Daarom staan hier de eigen \
         cijfers van de Proeftuin; de indicatoren zonder norm (aanmeldingen, wachtlijst, wachttijd) \
         tellen de Proeftuin wel mee."
    )
}

/// The Proeftuin's figures for the tijdvak.
pub fn bereken(bron: &Bron, afspraken: &Afspraken, tv: Tijdvak) -> PolarsResult<Proeftuincijfers> {
    let (s, e) = (dag(tv.start), dag(tv.peildatum));
    let pt = bron.hv.clone().lazy().filter(col("pt")).collect()?;
    let aanm = aantal_per_ws(&pt, in_p("aanm", s, e))?;
    let afg = aantal_per_ws(&pt, in_p("afg", s, e))?;
    let wacht = aantal_per_ws(&pt, wachtlijst_filter(e))?;
    let mut wt = wachttijden(&pt, s, e)?;
    let werksoorten = WERKSOORTEN
        .iter()
        .map(|ws| {
            let met_wachtlijst = WERKSOORTEN_MET_WACHTLIJST.contains(ws);
            let tijden = wt.get_mut(*ws).map(|v| v.as_mut_slice()).unwrap_or(&mut []);
            let aantal = tijden.len() as i64;
            let (med, p90) = if met_wachtlijst {
                mediaan_p90(tijden)
            } else {
                (None, None)
            };
            ProeftuinWerksoort {
                werksoort: ws.to_string(),
                naam: afspraken
                    .werksoort(ws)
                    .map_or_else(|| ws.to_string(), |w| w.naam.clone()),
                aanmeldingen: *aanm.get(*ws).unwrap_or(&0),
                wachtlijst: met_wachtlijst.then(|| *wacht.get(*ws).unwrap_or(&0)),
                wachttijd_mediaan: med,
                wachttijd_p90: p90,
                wachttijd_aantal: if met_wachtlijst { aantal } else { 0 },
                afgesloten: *afg.get(*ws).unwrap_or(&0),
            }
        })
        .collect();
    let naam = afspraken.proeftuin.naam.clone();
    Ok(Proeftuincijfers {
        toelichting: toelichting(&naam),
        naam,
        wijkgebied: afspraken.proeftuin.wijkgebied.clone(),
        gemarkeerd: bron.hv.column("pt")?.bool()?.any(),
        werksoorten,
    })
}
