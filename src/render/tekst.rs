//! Domain-aware text for readers: indicator values by unit, norms, statuses and trend arrows.
//! Shared by the PDF/HTML documents and the terminal summary; built on [`crate::domein::format`].

use rust_decimal::Decimal;

use chrono::NaiveDate;

use super::document::{Cel, Kenmerk, Toon};
use crate::domein::format;
use crate::domein::indicator::{Eenheid, Indicator, NormJson, Richting, Status};

/// The value of an indicator as a reader sees it: `90,6%`, `1.234`, `12,5 dagen`, `6 weken`;
/// `–` when absent.
pub fn waarde(eenheid: Eenheid, waarde: Option<Decimal>) -> String {
    let Some(w) = waarde else {
        return "–".into();
    };
    match eenheid {
        Eenheid::Fractie => format::procent_dec(w),
        Eenheid::Aantal => format::decimaal(w, 0),
        Eenheid::Gemiddelde => format::decimaal(w, 1),
        Eenheid::Dagen => format::dagen(w),
        Eenheid::Weken => format::weken(w),
        Eenheid::Euro => format::euro(w),
    }
}

/// The value with its teller and noemer for a fraction: `90,6% (87 van 96)`.
pub fn waarde_met_breuk(i: &Indicator) -> String {
    let w = waarde(i.eenheid, i.waarde);
    match (i.eenheid, i.teller, i.noemer) {
        (Eenheid::Fractie, Some(t), Some(n)) if !n.is_zero() => {
            format!("{w} ({} van {})", getal(t), getal(n))
        }
        (Eenheid::Fractie, Some(_), Some(_)) => "– (0 van 0)".into(),
        _ => w,
    }
}

/// A count or an amount of hours: `1.234` or `1.234,5`.
pub fn getal(d: Decimal) -> String {
    let n = d.normalize();
    format::decimaal(n, n.scale().min(2))
}

/// The norm as text: `≥ 90%`, `≤ 10%`; `–` without a norm.
pub fn norm(eenheid: Eenheid, norm: Option<&NormJson>) -> String {
    match norm {
        None => "–".into(),
        Some(n) => {
            let teken = match n.richting {
                Richting::Min => "≥",
                Richting::Max => "≤",
            };
            let drempel = match eenheid {
                Eenheid::Fractie => {
                    let pct = (n.drempel * Decimal::ONE_HUNDRED).normalize();
                    format!("{}%", format::decimaal(pct, pct.scale().min(1)))
                }
                _ => waarde(eenheid, Some(n.drempel)),
            };
            format!("{teken} {drempel}")
        }
    }
}

/// The cover's standard kenmerken: Periode, Peildatum, Opdrachtgever, Uitvoerder.
pub fn periode_kenmerken(start: NaiveDate, peildatum: NaiveDate, gemeente: &str, aanbieder: &str) -> Vec<Kenmerk> {
    let k = |label: &str, waarde: String| Kenmerk {
        label: label.into(),
        waarde,
    };
    vec![
        k(
            "Periode",
            format!("{} t/m {}", format::datum_lang(start), format::datum_lang(peildatum)),
        ),
        k("Peildatum", format::datum_lang(peildatum)),
        k("Opdrachtgever", format!("Gemeente {gemeente}")),
        k("Uitvoerder", aanbieder.to_string()),
    ]
}

/// Tone of a status for the colour.
pub fn toon(s: Status) -> Toon {
    match s {
        Status::Gehaald => Toon::Goed,
        Status::NietGehaald => Toon::Slecht,
        Status::GeenGegevens => Toon::LetOp,
        Status::NietAangeleverd => Toon::LetOp,
        Status::Monitor | Status::Nvt => Toon::Neutraal,
    }
}

/// A status cell: the words plus the tone.
pub fn status_cel(s: Status) -> Cel {
    Cel::met_toon(s.label(), toon(s))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn values_by_unit() {
        assert_eq!(waarde(Eenheid::Fractie, Some(dec!(0.90625))), "90,6%");
        assert_eq!(waarde(Eenheid::Aantal, Some(dec!(1234))), "1.234");
        assert_eq!(waarde(Eenheid::Dagen, Some(dec!(6.5))), "6,5\u{a0}dagen");
        assert_eq!(waarde(Eenheid::Dagen, Some(dec!(6.0))), "6\u{a0}dagen");
        assert_eq!(waarde(Eenheid::Weken, None), "–");
        assert_eq!(getal(dec!(1234.50)), "1.234,5");
    }

    #[test]
    fn norms_as_text() {
        let n = NormJson {
            richting: Richting::Min,
            drempel: dec!(0.9),
        };
        assert_eq!(norm(Eenheid::Fractie, Some(&n)), "≥ 90%");
        let n = NormJson {
            richting: Richting::Max,
            drempel: dec!(0.10),
        };
        assert_eq!(norm(Eenheid::Fractie, Some(&n)), "≤ 10%");
        assert_eq!(norm(Eenheid::Fractie, None), "–");
    }
}
