//! The Proeftuin section of the public raad letter: the Proeftuin's own figures
//! ([`crate::kpi::proeftuin`]) after disclosure control. Counts from 1 to 4 show as `<5`; a
//! wachttijd (median, p90) over fewer than `min_noemer` first conversations is withheld (`*`),
//! as it would come close to one inwoner's wait. The table has no totals, so no withheld cell
//! can be recovered by subtraction inside it; the Proeftuin's figures are published nowhere else
//! apart from the normed indicators, which leave them out.

use serde::Serialize;

use super::onderdrukking::{self, Reden, Waarde};
use crate::afspraken::{Afspraken, Onderdrukking};
use crate::domein::format;
use crate::kpi::Proeftuincijfers;

/// One werksoort of the Proeftuin after disclosure control.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProeftuinWerksoortPubliek {
    /// Werksoort code.
    pub werksoort: String,
    /// Werksoort name.
    pub naam: String,
    /// Aanmeldingen in the year.
    pub aanmeldingen: Waarde,
    /// Wachtlijst at 31 December (`None` for JW).
    pub wachtlijst: Option<Waarde>,
    /// Wachttijd median in days.
    pub wachttijd_mediaan: Waarde,
    /// Wachttijd p90 in days.
    pub wachttijd_p90: Waarde,
    /// Hulpvragen afgesloten in the year.
    pub afgesloten: Waarde,
}

/// The Proeftuin section of the raad letter (the JSON `proeftuin` object).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProeftuinPubliek {
    /// "Proeftuin Ruwaard".
    pub naam: String,
    /// `W03`.
    pub wijkgebied: String,
    /// The sentence that the agreement's norms do not bind the Proeftuin.
    pub toelichting: String,
    /// Whether any hulpvraag is marked as Proeftuin in the data.
    pub gemarkeerd: bool,
    /// Per werksoort with at least one Proeftuin hulpvraag in the figures.
    pub werksoorten: Vec<ProeftuinWerksoortPubliek>,
}

fn wachttijd(w: Option<rust_decimal::Decimal>, n: i64, regel: &Onderdrukking) -> Waarde {
    match w {
        None => Waarde::leeg(),
        Some(_) if n < i64::from(regel.min_noemer) => Waarde::onderdrukt(Reden::KleineNoemer, regel),
        Some(w) => Waarde::getoond(w, format::decimaal(w, 1)),
    }
}

/// The Proeftuin figures of the year after disclosure control; werksoorten without any
/// Proeftuin hulpvraag in the figures are left out.
pub fn publiek(c: &Proeftuincijfers, a: &Afspraken) -> ProeftuinPubliek {
    let regel = &a.onderdrukking;
    ProeftuinPubliek {
        naam: c.naam.clone(),
        wijkgebied: c.wijkgebied.clone(),
        toelichting: c.toelichting.clone(),
        gemarkeerd: c.gemarkeerd,
        werksoorten: c
            .werksoorten
            .iter()
            .filter(|w| w.aanmeldingen + w.afgesloten + w.wachtlijst.unwrap_or(0) + w.wachttijd_aantal > 0)
            .map(|w| ProeftuinWerksoortPubliek {
                werksoort: w.werksoort.clone(),
                naam: w.naam.clone(),
                aanmeldingen: onderdrukking::aantal(w.aanmeldingen, regel),
                wachtlijst: w.wachtlijst.map(|n| onderdrukking::aantal(n, regel)),
                wachttijd_mediaan: wachttijd(w.wachttijd_mediaan, w.wachttijd_aantal, regel),
                wachttijd_p90: wachttijd(w.wachttijd_p90, w.wachttijd_aantal, regel),
                afgesloten: onderdrukking::aantal(w.afgesloten, regel),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kpi::proeftuin::ProeftuinWerksoort;
    use rust_decimal::Decimal;

    #[test]
    fn small_counts_and_waits_over_few_cases_are_withheld() {
        let set = crate::afspraken::load_dir(std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/data/afspraken"
        )))
        .unwrap();
        let a = set.voor_jaar(2024);
        let w = |ws: &str, aanm, wacht, n, afg| ProeftuinWerksoort {
            werksoort: ws.into(),
            naam: ws.into(),
            aanmeldingen: aanm,
            wachtlijst: wacht,
            wachttijd_mediaan: (n > 0).then(|| Decimal::new(125, 1)),
            wachttijd_p90: (n > 0).then(|| Decimal::from(30)),
            wachttijd_aantal: n,
            afgesloten: afg,
        };
        let c = Proeftuincijfers {
            naam: "Proeftuin Ruwaard".into(),
            wijkgebied: "W03".into(),
            toelichting: crate::kpi::proeftuin::toelichting("Proeftuin Ruwaard"),
            gemarkeerd: true,
            werksoorten: vec![
                w("ISW", 40, Some(3), 10, 0),
                w("CSW", 4, Some(0), 9, 5),
                w("JW", 0, None, 0, 0),
            ],
        };
        let p = publiek(&c, a);
        // JW has nothing: left out.
        assert_eq!(p.werksoorten.len(), 2);
        let isw = &p.werksoorten[0];
        assert_eq!(isw.aanmeldingen.weergave, "40");
        assert_eq!(isw.wachtlijst.as_ref().unwrap().weergave, "<5");
        // 10 first conversations = min_noemer: shown.
        assert_eq!(isw.wachttijd_mediaan.weergave, "12,5");
        assert_eq!(isw.afgesloten.weergave, "0");
        let csw = &p.werksoorten[1];
        assert_eq!(csw.aanmeldingen.weergave, "<5");
        // 9 < 10: withheld.
        assert_eq!(csw.wachttijd_p90.weergave, "*");
        assert!(csw.wachttijd_p90.onderdrukt);
        assert_eq!(csw.afgesloten.weergave, "5");
        assert!(p.toelichting.contains("niet gebonden aan de inhoudelijke afspraken"));
    }
}
