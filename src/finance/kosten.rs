//! What a result cost (catalogue "Outputs of seed 003", revision 3): `X.kosten_per_afgesloten`
//! = the realisatie of X's begroting regels in P (the Proeftuin memo line is not a regel and so
//! stays out) divided by `X.afgesloten` in P, in euros rounded to the cent, half away from zero;
//! `null` with status `geen_gegevens` when X closed no hulpvraag in P. The indicator carries the
//! division itself: teller = the realisatie, noemer = the number afgesloten.

use rust_decimal::{Decimal, RoundingStrategy};

use super::Financieel;
use crate::domein::catalogus::{self, WERKSOORTEN};
use crate::domein::indicator::{Indicator, Status};

/// realisatie / afgesloten rounded to the cent (half away from zero); `None` when none afgesloten.
pub fn kosten_per_afgesloten(realisatie: Decimal, afgesloten: i64) -> Option<Decimal> {
    (afgesloten > 0).then(|| {
        (realisatie / Decimal::from(afgesloten)).round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
    })
}

/// `X.kosten_per_afgesloten` for every werksoort of the catalogue, in its order. `afgesloten`
/// gives `X.afgesloten` of the same period (e.g. from the computed indicators).
pub fn per_werksoort(fin: &Financieel, afgesloten: impl Fn(&str) -> Option<i64>) -> Vec<Indicator> {
    WERKSOORTEN
        .iter()
        .map(|ws| {
            let id = format!("{ws}.kosten_per_afgesloten");
            let def = catalogus::zoek(&id).expect("kosten_per_afgesloten in the catalogue");
            let realisatie = fin
                .totalen
                .werksoort
                .get(ws)
                .map_or(Decimal::ZERO, |t| t.realisatie_periode);
            let n = afgesloten(ws).unwrap_or(0);
            let waarde = kosten_per_afgesloten(realisatie, n);
            Indicator {
                id,
                werksoort: def.werksoort,
                naam: def.naam,
                teller: Some(realisatie),
                noemer: Some(Decimal::from(n)),
                waarde,
                eenheid: def.eenheid,
                norm: None,
                status: if waarde.is_some() {
                    Status::Monitor
                } else {
                    Status::GeenGegevens
                },
                analyse: None,
                maatregel: None,
                analyse_ontbreekt: false,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finance::{Financiering, PerFinanciering, PerWerksoort, Regelcijfers, Totaal, Totalen};
    use rust_decimal_macros::dec;

    fn regel(id: &str, ws: &str, realisatie: Decimal) -> Regelcijfers {
        Regelcijfers {
            regel_id: id.into(),
            werksoort: ws.into(),
            naam: id.into(),
            financiering: Financiering::Wmo,
            begroting_jaar: dec!(0),
            begroting_periode: dec!(0),
            realisatie_periode: realisatie,
            verschil: realisatie,
            verschil_pct: None,
            vn: crate::finance::VoordeelNadeel::van(realisatie),
            analyse_vereist: false,
            analyse: None,
            maatregel: None,
            analyse_ontbreekt: false,
            prognose_jaar: None,
            prognose_verschil: None,
            prognose_vn: None,
            prognose_methode: None,
            prognose_aandeel_vorig_jaar: None,
            fte_begroot: None,
            fte_realisatie: None,
            fte_peildatum: None,
            aantal_boekingen: 1,
        }
    }

    fn financieel(regels: Vec<Regelcijfers>) -> Financieel {
        let ws: Vec<(String, Totaal)> = ["ISW", "CSW"]
            .iter()
            .map(|c| {
                (
                    c.to_string(),
                    Totaal::van(*c, regels.iter().filter(|r| r.werksoort == *c), false),
                )
            })
            .collect();
        let t = Totaal::van("Totaal", regels.iter(), false);
        Financieel {
            aantal_maanden: 6,
            totalen: Totalen {
                werksoort: PerWerksoort(ws),
                financiering: PerFinanciering {
                    wmo: t.clone(),
                    jeugdwet: Totaal::van("Jeugdwet", [], false),
                },
                totaal: t,
            },
            regels,
        }
    }

    #[test]
    fn rounds_to_the_cent_half_away_from_zero() {
        // 100 / 3 = 33,333… → 33,33; 0,05 / 2 = 0,025 → 0,03; 1000 / 8 = 125 exactly.
        assert_eq!(kosten_per_afgesloten(dec!(100), 3), Some(dec!(33.33)));
        assert_eq!(kosten_per_afgesloten(dec!(0.05), 2), Some(dec!(0.03)));
        assert_eq!(kosten_per_afgesloten(dec!(1000), 8), Some(dec!(125)));
        assert_eq!(kosten_per_afgesloten(dec!(1000), 0), None);
    }

    #[test]
    fn sums_the_werksoort_lines_and_is_null_without_afgesloten() {
        // ISW: two lines 150.000,00 + 50.000,01 = 200.000,01 over 7 afgesloten = 28.571,43 (…,4300).
        // CSW: 80.000 spent, none afgesloten: null, geen_gegevens. SRW: no lines, 2 afgesloten: 0.
        let fin = financieel(vec![
            regel("ISW-01", "ISW", dec!(150000.00)),
            regel("ISW-02", "ISW", dec!(50000.01)),
            regel("CSW-01", "CSW", dec!(80000)),
        ]);
        let v = per_werksoort(&fin, |ws| match ws {
            "ISW" => Some(7),
            "CSW" => Some(0),
            "SRW" => Some(2),
            _ => None,
        });
        let get = |id: &str| v.iter().find(|i| i.id == id).unwrap();
        let isw = get("ISW.kosten_per_afgesloten");
        assert_eq!((isw.teller, isw.noemer), (Some(dec!(200000.01)), Some(dec!(7))));
        assert_eq!((isw.waarde, isw.status), (Some(dec!(28571.43)), Status::Monitor));
        let csw = get("CSW.kosten_per_afgesloten");
        assert_eq!((csw.waarde, csw.status), (None, Status::GeenGegevens));
        assert_eq!(get("SRW.kosten_per_afgesloten").waarde, Some(dec!(0)));
        assert_eq!(get("JW.kosten_per_afgesloten").status, Status::GeenGegevens);
        assert_eq!(v.len(), 5);
        assert_eq!(isw.eenheid, crate::domein::catalogus::Eenheid::Euro);
    }
}
