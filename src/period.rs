//! Reporting periods: quarter, half year, year and month (the maandrapportage and the CJG
//! breakdown of the kwartaal).
//!
//! A period has a first day (`start`) and a last day, the **peildatum**. Only facts dated on or
//! before the peildatum exist for the period (see `kpi-catalogus.md`, "Conventions").

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Months, NaiveDate};
use serde::{Serialize, Serializer};

/// A reporting period. Codes: `2024-Q2`, `2024-H1`, `2024`, `2024-04` (month).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Periode {
    Jaar(i32),
    Halfjaar(i32, u8),
    Kwartaal(i32, u8),
    Maand(i32, u8),
}

impl Periode {
    pub fn jaar(&self) -> i32 {
        match *self {
            Periode::Jaar(y) | Periode::Halfjaar(y, _) | Periode::Kwartaal(y, _) | Periode::Maand(y, _) => y,
        }
    }

    /// First month (1-based) and number of months.
    fn months_span(&self) -> (u32, u32) {
        match *self {
            Periode::Jaar(_) => (1, 12),
            Periode::Halfjaar(_, h) => (u32::from(h - 1) * 6 + 1, 6),
            Periode::Kwartaal(_, q) => (u32::from(q - 1) * 3 + 1, 3),
            Periode::Maand(_, m) => (u32::from(m), 1),
        }
    }

    /// Number of calendar months in the period (12, 6, 3 or 1).
    pub fn aantal_maanden(&self) -> u32 {
        self.months_span().1
    }

    /// First day of the period.
    pub fn start(&self) -> NaiveDate {
        let (m, _) = self.months_span();
        NaiveDate::from_ymd_opt(self.jaar(), m, 1).expect("valid period start")
    }

    /// Last day of the period: the peildatum.
    pub fn peildatum(&self) -> NaiveDate {
        let (m, n) = self.months_span();
        let first = NaiveDate::from_ymd_opt(self.jaar(), m, 1).expect("valid period start");
        first + Months::new(n) - chrono::Days::new(1)
    }

    /// Whether `d` lies in [start, peildatum].
    pub fn bevat(&self, d: NaiveDate) -> bool {
        self.start() <= d && d <= self.peildatum()
    }

    /// The months of the period, in order.
    pub fn maanden(&self) -> Vec<Periode> {
        let (m, n) = self.months_span();
        (m..m + n).map(|mm| Periode::Maand(self.jaar(), mm as u8)).collect()
    }

    /// The quarters of the period (a quarter yields itself; a month yields nothing).
    pub fn kwartalen(&self) -> Vec<Periode> {
        let (m, n) = self.months_span();
        if n < 3 {
            return Vec::new();
        }
        (m..m + n)
            .step_by(3)
            .map(|mm| Periode::Kwartaal(self.jaar(), ((mm - 1) / 3 + 1) as u8))
            .collect()
    }

    /// The period of the same kind just before this one.
    pub fn vorige(&self) -> Periode {
        match *self {
            Periode::Jaar(y) => Periode::Jaar(y - 1),
            Periode::Halfjaar(y, 1) => Periode::Halfjaar(y - 1, 2),
            Periode::Halfjaar(y, h) => Periode::Halfjaar(y, h - 1),
            Periode::Kwartaal(y, 1) => Periode::Kwartaal(y - 1, 4),
            Periode::Kwartaal(y, q) => Periode::Kwartaal(y, q - 1),
            Periode::Maand(y, 1) => Periode::Maand(y - 1, 12),
            Periode::Maand(y, m) => Periode::Maand(y, m - 1),
        }
    }

    /// The same period one year earlier.
    pub fn jaar_eerder(&self) -> Periode {
        match *self {
            Periode::Jaar(y) => Periode::Jaar(y - 1),
            Periode::Halfjaar(y, h) => Periode::Halfjaar(y - 1, h),
            Periode::Kwartaal(y, q) => Periode::Kwartaal(y - 1, q),
            Periode::Maand(y, m) => Periode::Maand(y - 1, m),
        }
    }

    /// The year to date: from 1 January of the period's year up to its peildatum, as a
    /// [`Tijdvak`] (it is not always a named period: Q3 year-to-date is nine months).
    pub fn jaar_tot_nu(&self) -> Tijdvak {
        Tijdvak {
            start: NaiveDate::from_ymd_opt(self.jaar(), 1, 1).expect("1 January"),
            peildatum: self.peildatum(),
        }
    }

    /// The period's span as a plain [`Tijdvak`].
    pub fn tijdvak(&self) -> Tijdvak {
        Tijdvak {
            start: self.start(),
            peildatum: self.peildatum(),
        }
    }

    /// Dutch label for a reader: "2e kwartaal 2024", "1e halfjaar 2024", "2024", "april 2024".
    pub fn label(&self) -> String {
        match *self {
            Periode::Jaar(y) => format!("{y}"),
            Periode::Halfjaar(y, h) => format!("{h}e halfjaar {y}"),
            Periode::Kwartaal(y, q) => format!("{q}e kwartaal {y}"),
            Periode::Maand(y, m) => format!("{} {y}", MAANDNAMEN[usize::from(m - 1)]),
        }
    }

    /// Short Dutch label for table columns and chart axes: "Q2 2024", "H1 2024", "apr 2024".
    pub fn kort_label(&self) -> String {
        match *self {
            Periode::Jaar(y) => format!("{y}"),
            Periode::Halfjaar(y, h) => format!("H{h} {y}"),
            Periode::Kwartaal(y, q) => format!("Q{q} {y}"),
            Periode::Maand(y, m) => format!("{} {y}", MAANDAFKORTINGEN[usize::from(m - 1)]),
        }
    }

    /// The latest complete period of each kind ending on or before `laatste`.
    pub fn laatste_kwartaal(laatste: NaiveDate) -> Periode {
        let q = Periode::Kwartaal(laatste.year(), ((laatste.month() - 1) / 3 + 1) as u8);
        if q.peildatum() == laatste { q } else { q.vorige() }
    }

    pub fn laatste_halfjaar(laatste: NaiveDate) -> Periode {
        let h = Periode::Halfjaar(laatste.year(), if laatste.month() <= 6 { 1 } else { 2 });
        if h.peildatum() == laatste { h } else { h.vorige() }
    }

    pub fn laatste_jaar(laatste: NaiveDate) -> Periode {
        let j = Periode::Jaar(laatste.year());
        if j.peildatum() == laatste { j } else { j.vorige() }
    }
}

/// Dutch month names, lower case as Dutch writes them.
pub const MAANDNAMEN: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

/// Dutch month abbreviations as Dutch writes them ("mrt", not "maa"): the one table every chart
/// axis and workbook column takes its short month from.
pub const MAANDAFKORTINGEN: [&str; 12] = [
    "jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
];

/// A span of days [start, peildatum] that need not be a named period (e.g. year to date).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Tijdvak {
    pub start: NaiveDate,
    pub peildatum: NaiveDate,
}

impl fmt::Display for Periode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Periode::Jaar(y) => write!(f, "{y}"),
            Periode::Halfjaar(y, h) => write!(f, "{y}-H{h}"),
            Periode::Kwartaal(y, q) => write!(f, "{y}-Q{q}"),
            Periode::Maand(y, m) => write!(f, "{y}-{m:02}"),
        }
    }
}

impl Serialize for Periode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Error for a period code that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("ongeldige periode '{0}': gebruik een kwartaal (2024-Q2), halfjaar (2024-H1), jaar (2024) of maand (2024-04)")]
pub struct PeriodeFout(pub String);

impl FromStr for Periode {
    type Err = PeriodeFout;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || PeriodeFout(s.to_string());
        let t = s.trim();
        let (y, rest) = match t.split_once('-') {
            Some((y, r)) => (y, Some(r)),
            None => (t, None),
        };
        if y.len() != 4 || !y.bytes().all(|b| b.is_ascii_digit()) {
            return Err(err());
        }
        let y: i32 = y.parse().map_err(|_| err())?;
        let Some(rest) = rest else {
            return Ok(Periode::Jaar(y));
        };
        let upper = rest.to_ascii_uppercase();
        let num = |r: &str, max: u8| -> Result<u8, PeriodeFout> {
            match r.parse::<u8>() {
                Ok(n) if (1..=max).contains(&n) => Ok(n),
                _ => Err(err()),
            }
        };
        if let Some(q) = upper.strip_prefix('Q') {
            Ok(Periode::Kwartaal(y, num(q, 4)?))
        } else if let Some(h) = upper.strip_prefix('H') {
            Ok(Periode::Halfjaar(y, num(h, 2)?))
        } else if upper.len() == 2 {
            Ok(Periode::Maand(y, num(&upper, 12)?))
        } else {
            Err(err())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap()
    }

    #[test]
    fn parses_and_prints_codes() {
        for code in ["2024-Q2", "2024-H1", "2024", "2024-04"] {
            assert_eq!(code.parse::<Periode>().unwrap().to_string(), code);
        }
        assert_eq!("2024-q3".parse::<Periode>().unwrap(), Periode::Kwartaal(2024, 3));
        for bad in ["2024-Q5", "2024-H3", "24", "2024-13", "2024-00", "x"] {
            assert!(bad.parse::<Periode>().is_err(), "{bad}");
        }
    }

    #[test]
    fn start_and_peildatum() {
        let q1 = Periode::Kwartaal(2024, 1);
        assert_eq!((q1.start(), q1.peildatum()), (d(2024, 1, 1), d(2024, 3, 31)));
        let h2 = Periode::Halfjaar(2023, 2);
        assert_eq!((h2.start(), h2.peildatum()), (d(2023, 7, 1), d(2023, 12, 31)));
        // February of a leap year ends on the 29th, of a common year on the 28th.
        assert_eq!(Periode::Maand(2024, 2).peildatum(), d(2024, 2, 29));
        assert_eq!(Periode::Maand(2023, 2).peildatum(), d(2023, 2, 28));
        assert_eq!(Periode::Jaar(2022).peildatum(), d(2022, 12, 31));
    }

    #[test]
    fn navigation() {
        assert_eq!(Periode::Kwartaal(2024, 1).vorige(), Periode::Kwartaal(2023, 4));
        assert_eq!(Periode::Halfjaar(2024, 1).vorige(), Periode::Halfjaar(2023, 2));
        assert_eq!(Periode::Kwartaal(2024, 2).jaar_eerder(), Periode::Kwartaal(2023, 2));
        assert_eq!(
            Periode::Halfjaar(2024, 2).kwartalen(),
            vec![Periode::Kwartaal(2024, 3), Periode::Kwartaal(2024, 4)]
        );
        assert_eq!(
            Periode::Kwartaal(2024, 2).maanden(),
            vec![
                Periode::Maand(2024, 4),
                Periode::Maand(2024, 5),
                Periode::Maand(2024, 6)
            ]
        );
        assert_eq!(Periode::laatste_kwartaal(d(2024, 12, 31)), Periode::Kwartaal(2024, 4));
        assert_eq!(Periode::laatste_kwartaal(d(2024, 12, 30)), Periode::Kwartaal(2024, 3));
        assert_eq!(Periode::laatste_halfjaar(d(2024, 7, 5)), Periode::Halfjaar(2024, 1));
        assert_eq!(Periode::laatste_jaar(d(2024, 7, 5)), Periode::Jaar(2023));
    }

    #[test]
    fn dutch_labels() {
        assert_eq!(Periode::Kwartaal(2024, 2).label(), "2e kwartaal 2024");
        assert_eq!(Periode::Halfjaar(2024, 1).label(), "1e halfjaar 2024");
        assert_eq!(Periode::Maand(2024, 4).label(), "april 2024");
        assert_eq!(Periode::Maand(2024, 4).kort_label(), "apr 2024");
        assert_eq!(Periode::Maand(2024, 3).kort_label(), "mrt 2024");
        assert_eq!(Periode::Maand(2024, 10).kort_label(), "okt 2024");
    }
}
