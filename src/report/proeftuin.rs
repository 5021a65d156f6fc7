//! The Proeftuin section of the public raad letter: the Proeftuin's own figures
//! ([`crate::kpi::proeftuin`]) after disclosure control. Counts from 1 to 4 show as `<5`; a
//! wachttijd (median, p90) over fewer than `min_noemer` first conversations is withheld (`*`),
//! as it would come close to one inwoner's wait. The table has no totals, so no withheld cell
//! can be recovered by subtraction inside it.
//!
//! **A difference is a count too.** The letter also publishes counts that include the
//! Proeftuin's hulpvragen: the werksoort's aanmeldingen, wachtlijst and afgesloten of the year,
//! and the cells of the Proeftuin's wijkgebied in the wijkgebied tables ([`Omvattend`]). A
//! reader who subtracts the Proeftuin's count from such a published count learns how many other
//! inwoners there were; when that difference is from 1 to `min_aantal − 1` it is a small number
//! like any other, so the Proeftuin's count is withheld (`x`, [`Reden::Terugrekenbaar`]). The
//! published totals stay: they are indicators in their own right. Limitation: the normed
//! indicators leave the Proeftuin out, and their lines in [`super::raad`] count the Proeftuin's
//! afgesloten hulpvragen within a remainder that is never published; that remainder is not
//! compared here.

use rust_decimal::prelude::ToPrimitive;
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
        Some(w) => Waarde::getoond(w, format::dagen(w)),
    }
}

/// Which count of the Proeftuin a published total includes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Telling {
    /// Aanmeldingen in the year.
    Aanmeldingen,
    /// Wachtlijst at the peildatum.
    Wachtlijst,
    /// Hulpvragen afgesloten in the year.
    Afgesloten,
}

/// A count the letter publishes (not withheld) that includes the Proeftuin's hulpvragen of one
/// werksoort: the werksoort's indicator of the year, or the cell of the Proeftuin's wijkgebied;
/// or of all werksoorten together: the row total of the Proeftuin's wijkgebied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Omvattend {
    /// Werksoort code; `None`: all werksoorten together.
    pub werksoort: Option<String>,
    /// Which count.
    pub telling: Telling,
    /// The published number.
    pub aantal: i64,
}

/// A Proeftuin count after disclosure control: `<5` when small, `x` when its difference with
/// a published total that includes it is small, else the number.
fn proeftuin_aantal(n: i64, ws: &str, telling: Telling, omvattend: &[Omvattend], regel: &Onderdrukking) -> Waarde {
    let verschil_klein = omvattend
        .iter()
        .filter(|o| o.werksoort.as_deref() == Some(ws) && o.telling == telling)
        .any(|o| onderdrukking::is_klein(o.aantal - n, regel));
    // A zero needs no protection: the difference is then the published total itself.
    if n > 0 && !onderdrukking::is_klein(n, regel) && verschil_klein {
        Waarde::onderdrukt(Reden::Terugrekenbaar, regel)
    } else {
        onderdrukking::aantal(n, regel)
    }
}

/// The Proeftuin figures of the year after disclosure control; werksoorten without any
/// Proeftuin hulpvraag in the figures are left out. `omvattend`: the published counts that
/// include the Proeftuin's (see the module docs).
pub fn publiek(c: &Proeftuincijfers, a: &Afspraken, omvattend: &[Omvattend]) -> ProeftuinPubliek {
    let regel = &a.onderdrukking;
    let tel = |n: i64, ws: &str, t: Telling| proeftuin_aantal(n, ws, t, omvattend, regel);
    let mut werksoorten: Vec<ProeftuinWerksoortPubliek> = c
        .werksoorten
        .iter()
        .filter(|w| w.aanmeldingen + w.afgesloten + w.wachtlijst.unwrap_or(0) + w.wachttijd_aantal > 0)
        .map(|w| ProeftuinWerksoortPubliek {
            werksoort: w.werksoort.clone(),
            naam: w.naam.clone(),
            aanmeldingen: tel(w.aanmeldingen, &w.werksoort, Telling::Aanmeldingen),
            wachtlijst: w.wachtlijst.map(|n| tel(n, &w.werksoort, Telling::Wachtlijst)),
            wachttijd_mediaan: wachttijd(w.wachttijd_mediaan, w.wachttijd_aantal, regel),
            wachttijd_p90: wachttijd(w.wachttijd_p90, w.wachttijd_aantal, regel),
            afgesloten: tel(w.afgesloten, &w.werksoort, Telling::Afgesloten),
        })
        .collect();
    // A total over all werksoorten (the wijkgebied's row total): while every Proeftuin count of
    // that kind is shown, their sum is known too, and a small difference with the total is
    // protected by withholding the largest of them.
    for o in omvattend.iter().filter(|o| o.werksoort.is_none()) {
        fn cel(w: &mut ProeftuinWerksoortPubliek, t: Telling) -> Option<&mut Waarde> {
            match t {
                Telling::Aanmeldingen => Some(&mut w.aanmeldingen),
                Telling::Wachtlijst => w.wachtlijst.as_mut(),
                Telling::Afgesloten => Some(&mut w.afgesloten),
            }
        }
        let mut cellen: Vec<&mut Waarde> = werksoorten.iter_mut().filter_map(|w| cel(w, o.telling)).collect();
        if cellen.iter().any(|w| w.onderdrukt) {
            continue;
        }
        let som: i64 = cellen.iter().filter_map(|w| w.waarde).filter_map(|d| d.to_i64()).sum();
        if som > 0 && onderdrukking::is_klein(o.aantal - som, regel) {
            let grootste = cellen.iter_mut().max_by_key(|w| w.waarde.unwrap_or_default());
            if let Some(w) = grootste {
                **w = Waarde::onderdrukt(Reden::Terugrekenbaar, regel);
            }
        }
    }
    ProeftuinPubliek {
        naam: c.naam.clone(),
        wijkgebied: c.wijkgebied.clone(),
        toelichting: c.toelichting.clone(),
        gemarkeerd: c.gemarkeerd,
        werksoorten,
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
        let p = publiek(&c, a, &[]);
        // JW has nothing: left out.
        assert_eq!(p.werksoorten.len(), 2);
        let isw = &p.werksoorten[0];
        assert_eq!(isw.aanmeldingen.weergave, "40");
        assert_eq!(isw.wachtlijst.as_ref().unwrap().weergave, "<5");
        // 10 first conversations = min_noemer: shown.
        assert_eq!(isw.wachttijd_mediaan.weergave, "12,5\u{a0}dagen");
        assert_eq!(isw.afgesloten.weergave, "0");
        let csw = &p.werksoorten[1];
        assert_eq!(csw.aanmeldingen.weergave, "<5");
        // 9 < 10: withheld.
        assert_eq!(csw.wachttijd_p90.weergave, "*");
        assert!(csw.wachttijd_p90.onderdrukt);
        assert_eq!(csw.afgesloten.weergave, "5");
        assert!(p.toelichting.contains("niet gebonden aan de inhoudelijke afspraken"));
    }

    #[test]
    fn a_count_whose_difference_with_a_published_total_is_small_is_withheld() {
        let set = crate::afspraken::load_dir(std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/data/afspraken"
        )))
        .unwrap();
        let a = set.voor_jaar(2024);
        let w = |ws: &str, aanm, wacht, afg| ProeftuinWerksoort {
            werksoort: ws.into(),
            naam: ws.into(),
            aanmeldingen: aanm,
            wachtlijst: wacht,
            wachttijd_mediaan: Some(Decimal::from(6)),
            wachttijd_p90: Some(Decimal::from(21)),
            wachttijd_aantal: 12,
            afgesloten: afg,
        };
        let c = Proeftuincijfers {
            naam: "Proeftuin Ruwaard".into(),
            wijkgebied: "W03".into(),
            toelichting: String::new(),
            gemarkeerd: true,
            werksoorten: vec![w("ISW", 40, Some(12), 30), w("CSW", 20, Some(0), 8)],
        };
        let o = |ws: &str, telling, aantal| Omvattend {
            werksoort: Some(ws.into()),
            telling,
            aantal,
        };
        let omvattend = [
            // ISW: 44 − 40 = 4 (small): withheld; the W03 cell 45 − 40 = 5 alone would not be.
            o("ISW", Telling::Aanmeldingen, 44),
            o("ISW", Telling::Aanmeldingen, 45),
            // 13 − 12 = 1: withheld.
            o("ISW", Telling::Wachtlijst, 13),
            // 30 − 30 = 0: nobody else, nothing to protect; shown.
            o("ISW", Telling::Afgesloten, 30),
            // CSW: 25 − 20 = 5: shown; the wachtlijst 0 against 3 gives 3 away only as the total.
            o("CSW", Telling::Aanmeldingen, 25),
            o("CSW", Telling::Wachtlijst, 3),
            // Another werksoort's total does not count: 9 − 8 = 1 but it is ISW's.
            o("ISW", Telling::Afgesloten, 9),
        ];
        let p = publiek(&c, a, &omvattend[..6]);
        let (isw, csw) = (&p.werksoorten[0], &p.werksoorten[1]);
        assert_eq!(isw.aanmeldingen.weergave, "x");
        assert_eq!(isw.aanmeldingen.reden, Some(Reden::Terugrekenbaar));
        assert_eq!(isw.wachtlijst.as_ref().unwrap().weergave, "x");
        assert_eq!(isw.afgesloten.weergave, "30");
        assert_eq!(csw.aanmeldingen.weergave, "20");
        assert_eq!(csw.wachtlijst.as_ref().unwrap().weergave, "0");
        assert_eq!(csw.afgesloten.weergave, "8");
        let p = publiek(&c, a, &omvattend);
        assert_eq!(p.werksoorten[1].afgesloten.weergave, "8");
        // The waits carry their unit.
        assert_eq!(isw.wachttijd_mediaan.weergave, "6\u{a0}dagen");
        assert_eq!(isw.wachttijd_p90.weergave, "21\u{a0}dagen");

        // The wijkgebied's row total: afgesloten 30 + 8 = 38 shown, total 41: 3 others, withheld
        // by hiding the larger count; a total of 43 (5 others) leaves both.
        let alle = |telling, aantal| Omvattend {
            werksoort: None,
            telling,
            aantal,
        };
        let p = publiek(&c, a, &[alle(Telling::Afgesloten, 41)]);
        assert_eq!(p.werksoorten[0].afgesloten.weergave, "x");
        assert_eq!(p.werksoorten[1].afgesloten.weergave, "8");
        let p = publiek(&c, a, &[alle(Telling::Afgesloten, 43)]);
        assert_eq!(p.werksoorten[0].afgesloten.weergave, "30");
        // A Proeftuin count already withheld leaves the sum unknown: nothing more is hidden.
        let p = publiek(
            &c,
            a,
            &[o("ISW", Telling::Wachtlijst, 13), alle(Telling::Wachtlijst, 13)],
        );
        assert_eq!(p.werksoorten[0].wachtlijst.as_ref().unwrap().weergave, "x");
        assert_eq!(p.werksoorten[1].wachtlijst.as_ref().unwrap().weergave, "0");
    }
}
