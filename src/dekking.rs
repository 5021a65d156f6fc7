//! Which periods the data can serve (`deliverables.md`, "Periods the data can and cannot serve",
//! revision 3).
//!
//! - A period that ends before the first date in the data, or starts after the last date in it,
//!   is refused: "geen gegevens voor <periode>: de gegevens lopen van <d1> tot <d2>" (exit 1,
//!   nothing written). A report that says "alle normen gehaald" about an empty quarter is worse
//!   than none.
//! - A period whose peildatum lies after the last date in hulpvragen.csv or realisatie.csv is
//!   not complete: its reports are `voorlopig`; otherwise `definitief`.
//!
//! Choice (the spec says "the data"): the span of the data is taken over the registrations that
//! carry a period's facts — every date column of hulpvragen.csv, the `datum` of uren.csv and the
//! `boekdatum` of realisatie.csv. The `start` of an activity is left out: an activity that has
//! run for years says nothing about which quarters the registration covers.

use chrono::NaiveDate;
use polars::prelude::*;

use crate::domein::format;
use crate::ingest::Dataset;
use crate::period::Periode;

pub use crate::domein::status::Rapportstatus;

/// The span of the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dekking {
    /// The first date in the data.
    pub eerste: NaiveDate,
    /// The last date in the data.
    pub laatste: NaiveDate,
    /// The last date in hulpvragen.csv (any date column); `None` when it has no rows.
    pub laatste_hulpvragen: Option<NaiveDate>,
    /// The last boekdatum in realisatie.csv; `None` when it has no rows.
    pub laatste_realisatie: Option<NaiveDate>,
}

/// (min, max) day numbers of the date columns `kolommen` of `df` (absent columns skipped).
fn bereik(df: &DataFrame, kolommen: &[&str]) -> PolarsResult<Option<(i32, i32)>> {
    let mut uit: Option<(i32, i32)> = None;
    for k in kolommen {
        let Ok(c) = df.column(k) else { continue };
        let c = c.cast(&DataType::Int32)?;
        let c = c.i32()?;
        if let (Some(lo), Some(hi)) = (c.min(), c.max()) {
            uit = Some(match uit {
                Some((a, b)) => (a.min(lo), b.max(hi)),
                None => (lo, hi),
            });
        }
    }
    Ok(uit)
}

fn datum(dag: i32) -> NaiveDate {
    crate::kpi::bron::datum(dag)
}

impl Dekking {
    /// The span of an ingested data directory; `None` when it holds no dated row at all.
    pub fn van(ds: &Dataset) -> PolarsResult<Option<Dekking>> {
        let hv = bereik(
            &ds.hulpvragen,
            &[
                "aanmelddatum",
                "eerste_gesprek",
                "vraagverheldering_afgerond",
                "traject_start",
                "afgesloten",
                "aanvraag_jeugdhulp",
                "besluit_jeugdhulp",
            ],
        )?;
        let uren = bereik(&ds.uren, &["datum"])?;
        let real = bereik(&ds.realisatie, &["boekdatum"])?;
        let alle: Vec<(i32, i32)> = [hv, uren, real].into_iter().flatten().collect();
        let (Some(eerste), Some(laatste)) = (alle.iter().map(|r| r.0).min(), alle.iter().map(|r| r.1).max()) else {
            return Ok(None);
        };
        Ok(Some(Dekking {
            eerste: datum(eerste),
            laatste: datum(laatste),
            laatste_hulpvragen: hv.map(|r| datum(r.1)),
            laatste_realisatie: real.map(|r| datum(r.1)),
        }))
    }

    /// The refusal message for a period outside the data, or `None` when the data serves it.
    pub fn weigering(&self, p: &Periode) -> Option<String> {
        (p.peildatum() < self.eerste || p.start() > self.laatste).then(|| {
            format!(
                "geen gegevens voor {p}: de gegevens lopen van {} tot {}",
                format::datum(self.eerste),
                format::datum(self.laatste)
            )
        })
    }

    /// `voorlopig` when the period's peildatum lies after the last date in hulpvragen.csv or in
    /// realisatie.csv, else `definitief`.
    pub fn status(&self, p: &Periode) -> Rapportstatus {
        let na = |d: Option<NaiveDate>| d.is_some_and(|d| p.peildatum() > d);
        if na(self.laatste_hulpvragen) || na(self.laatste_realisatie) {
            Rapportstatus::Voorlopig
        } else {
            Rapportstatus::Definitief
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap()
    }

    fn dekking() -> Dekking {
        Dekking {
            eerste: d(2022, 1, 3),
            laatste: d(2024, 11, 15),
            laatste_hulpvragen: Some(d(2024, 11, 15)),
            laatste_realisatie: Some(d(2024, 11, 14)),
        }
    }

    #[test]
    fn periods_outside_the_data_are_refused() {
        let k = dekking();
        let p: Periode = "2019-Q1".parse().unwrap();
        assert_eq!(
            k.weigering(&p).as_deref(),
            Some("geen gegevens voor 2019-Q1: de gegevens lopen van 03-01-2022 tot 15-11-2024")
        );
        assert!(k.weigering(&"2030".parse().unwrap()).is_some());
        // Ends on the day before the first date: refused; contains it: served.
        assert!(k.weigering(&"2021-Q4".parse().unwrap()).is_some());
        assert!(k.weigering(&"2022-Q1".parse().unwrap()).is_none());
        // Starts on the day after the last date: refused; Q4 2024 holds 15-11: served.
        assert!(k.weigering(&"2024-Q4".parse().unwrap()).is_none());
        assert!(k.weigering(&"2025-Q1".parse().unwrap()).is_some());
        // A year that overlaps the data is served.
        assert!(k.weigering(&"2024".parse().unwrap()).is_none());
    }

    #[test]
    fn a_period_after_the_last_date_is_voorlopig() {
        let k = dekking();
        assert_eq!(k.status(&"2024-Q4".parse().unwrap()), Rapportstatus::Voorlopig);
        assert_eq!(k.status(&"2024".parse().unwrap()), Rapportstatus::Voorlopig);
        assert_eq!(k.status(&"2024-Q3".parse().unwrap()), Rapportstatus::Definitief);
        // The ledger alone ending early makes a period voorlopig too.
        let k = Dekking {
            laatste_realisatie: Some(d(2024, 9, 29)),
            ..dekking()
        };
        assert_eq!(k.status(&"2024-Q3".parse().unwrap()), Rapportstatus::Voorlopig);
        // Peildatum on the last date itself: complete.
        let k = Dekking {
            laatste_hulpvragen: Some(d(2024, 9, 30)),
            laatste_realisatie: Some(d(2024, 9, 30)),
            ..dekking()
        };
        assert_eq!(k.status(&"2024-Q3".parse().unwrap()), Rapportstatus::Definitief);
        assert_eq!(Rapportstatus::Voorlopig.label(), "voorlopig");
    }
}
