//! Calendar helpers for the demo data: the covered span, Dutch public holidays, working days,
//! calendar-month arithmetic and date formatting done by hand from integers (so the bytes never
//! depend on a locale or a formatting library).

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

/// A date from its parts; the generator only uses constant, valid dates.
pub(crate) fn d(y: i32, m: u32, dag: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, dag).expect("geldige datum")
}

/// First day covered by the demo data.
pub(crate) fn begin() -> NaiveDate {
    d(2022, 1, 1)
}

/// Last day covered by the demo data: the date of the export. Nothing after it exists.
pub(crate) fn eind() -> NaiveDate {
    d(2024, 12, 31)
}

/// The demo years.
pub(crate) const JAREN: [i32; 3] = [2022, 2023, 2024];

/// Easter Sunday for the years the generator touches (2019–2025).
fn pasen(jaar: i32) -> Option<NaiveDate> {
    let (m, dag) = match jaar {
        2019 => (4, 21),
        2020 => (4, 12),
        2021 => (4, 4),
        2022 => (4, 17),
        2023 => (4, 9),
        2024 => (3, 31),
        2025 => (4, 20),
        _ => return None,
    };
    Some(d(jaar, m, dag))
}

/// Dutch public holidays that the CAO Sociaal Werk gives off: Nieuwjaarsdag, Tweede Paasdag,
/// Koningsdag, Hemelvaartsdag, Tweede Pinksterdag, Eerste en Tweede Kerstdag.
pub(crate) fn is_feestdag(dag: NaiveDate) -> bool {
    let y = dag.year();
    if (dag.month(), dag.day()) == (1, 1) || (dag.month() == 12 && matches!(dag.day(), 25 | 26)) {
        return true;
    }
    // Koningsdag: 27 April, or 26 April when the 27th is a Sunday.
    let koningsdag = {
        let k = d(y, 4, 27);
        if k.weekday() == Weekday::Sun { d(y, 4, 26) } else { k }
    };
    if dag == koningsdag {
        return true;
    }
    if let Some(p) = pasen(y) {
        let na = |n: u64| p + Days::new(n);
        if dag == na(1) || dag == na(39) || dag == na(50) {
            return true;
        }
    }
    false
}

/// Monday to Friday and not a public holiday.
pub(crate) fn is_werkdag(dag: NaiveDate) -> bool {
    !matches!(dag.weekday(), Weekday::Sat | Weekday::Sun) && !is_feestdag(dag)
}

/// `dag` itself when it is a working day, else the next working day.
pub(crate) fn werkdag_vanaf(mut dag: NaiveDate) -> NaiveDate {
    while !is_werkdag(dag) {
        dag = dag + Days::new(1);
    }
    dag
}

/// `dag` itself when it is a working day, else the previous working day.
pub(crate) fn werkdag_tot(mut dag: NaiveDate) -> NaiveDate {
    while !is_werkdag(dag) {
        dag = dag - Days::new(1);
    }
    dag
}

/// `dag` plus `n` calendar days.
pub(crate) fn plus(dag: NaiveDate, n: i64) -> NaiveDate {
    if n >= 0 {
        dag + Days::new(n as u64)
    } else {
        dag - Days::new(n.unsigned_abs())
    }
}

/// `dag` plus `n` calendar months (31 August + 6 months = 28/29 February).
pub(crate) fn plus_maanden(dag: NaiveDate, n: u32) -> NaiveDate {
    dag + Months::new(n)
}

/// Last day of the month of `y`-`m`.
pub(crate) fn laatste_dag(y: i32, m: u32) -> NaiveDate {
    plus(plus_maanden(d(y, m, 1), 1), -1)
}

/// Quarter number 1–4 of a date.
pub(crate) fn kwartaal(dag: NaiveDate) -> u32 {
    (dag.month() - 1) / 3 + 1
}

/// Every date from `van` to `tot` inclusive.
pub(crate) fn dagen_tussen(van: NaiveDate, tot: NaiveDate) -> impl Iterator<Item = NaiveDate> {
    van.iter_days().take_while(move |x| *x <= tot)
}

/// `2024-03-31`.
pub(crate) fn iso(dag: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", dag.year(), dag.month(), dag.day())
}

/// `31-03-2024` (the financial administration's format).
pub(crate) fn dmj(dag: NaiveDate) -> String {
    format!("{:02}-{:02}-{:04}", dag.day(), dag.month(), dag.year())
}

/// `1-3-2024`: day and month without leading zeros, as Excel exports a short date.
pub(crate) fn dmj_kort(dag: NaiveDate) -> String {
    format!("{}-{}-{:04}", dag.day(), dag.month(), dag.year())
}

/// Dutch month name, lower case.
pub(crate) fn maandnaam(m: u32) -> &'static str {
    crate::period::MAANDNAMEN[(m as usize + 11) % 12]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feestdagen_2024() {
        assert!(is_feestdag(d(2024, 4, 1))); // Tweede Paasdag
        assert!(is_feestdag(d(2024, 5, 9))); // Hemelvaartsdag
        assert!(is_feestdag(d(2024, 5, 20))); // Tweede Pinksterdag
        assert!(is_feestdag(d(2025, 4, 26))); // Koningsdag on Saturday (27th is Sunday)
        assert!(!is_feestdag(d(2024, 5, 10)));
        assert!(!is_werkdag(d(2024, 12, 25)));
        assert_eq!(werkdag_vanaf(d(2024, 3, 30)), d(2024, 4, 2));
        assert_eq!(werkdag_tot(d(2024, 4, 1)), d(2024, 3, 29));
    }

    #[test]
    fn maanden_en_formaten() {
        assert_eq!(plus_maanden(d(2023, 8, 31), 6), d(2024, 2, 29));
        assert_eq!(laatste_dag(2023, 2), d(2023, 2, 28));
        assert_eq!(iso(d(2024, 3, 5)), "2024-03-05");
        assert_eq!(dmj(d(2024, 3, 5)), "05-03-2024");
        assert_eq!(dmj_kort(d(2024, 3, 5)), "5-3-2024");
        assert_eq!(maandnaam(1), "januari");
        assert_eq!(maandnaam(12), "december");
        assert_eq!(kwartaal(d(2024, 7, 1)), 3);
    }
}
