//! What the unattended scheduled run has to make: every period that ended since the last
//! scheduled run recorded in the output folder, caught up in order.
//!
//! A period is *due* on the day after its peildatum; the raad letter over year `Y` is due on the
//! first day of the agreement's raad month in `Y + 1`. A scheduled run on `vandaag` makes every
//! period that became due after the previous scheduled run (`vorige_run < due ≤ vandaag`), plus
//! the latest period of each kind (what is due on `vandaag` without any history, so that a first
//! run, or a rerun on the same day, still checks the current reports). Whether a due period is
//! actually rewritten is decided later by the manifest's hashes.
//!
//! Catching up has a limit: a period that became due more than [`INHAAL_MAANDEN`] months before
//! `vandaag` is not made any more (it is listed in [`Inhaalplan::te_oud`], so the run can say so);
//! `run --period` still makes it by hand.

use chrono::{Datelike, Months, NaiveDate};

use crate::period::Periode;

/// How far back the scheduled run catches up, in calendar months before `vandaag`.
pub const INHAAL_MAANDEN: u32 = 12;

/// The periods a scheduled run makes, in the order it makes them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Inhaalplan {
    /// Due periods, ordered by the day they became due, shortest period first on one day
    /// (month, quarter, half year, year).
    pub periodes: Vec<Periode>,
    /// Periods that became due since the last run but lie beyond the catch-up limit.
    pub te_oud: Vec<Periode>,
}

/// The day a period becomes due: the day after its peildatum; for a year (the raad letter),
/// the first day of the raad month of the next year.
pub fn vervaldag(p: &Periode, raad_maand: &dyn Fn(i32) -> u32) -> NaiveDate {
    match *p {
        Periode::Jaar(y) => {
            let m = raad_maand(y + 1).clamp(1, 12);
            NaiveDate::from_ymd_opt(y + 1, m, 1).expect("first day of a month")
        }
        _ => p.peildatum().succ_opt().expect("a day after the peildatum"),
    }
}

fn lengte(p: &Periode) -> u8 {
    match p {
        Periode::Maand(..) => 0,
        Periode::Kwartaal(..) => 1,
        Periode::Halfjaar(..) => 2,
        Periode::Jaar(..) => 3,
    }
}

/// What is due on `vandaag` without history: the latest month and quarter that ended before
/// `vandaag`; the half year when that quarter closes one; the raad letter over the previous year
/// in the raad month.
pub fn actueel(vandaag: NaiveDate, raad_maand: &dyn Fn(i32) -> u32) -> Vec<Periode> {
    let gisteren = vandaag.pred_opt().unwrap_or(vandaag);
    let maand = Periode::Maand(gisteren.year(), gisteren.month() as u8);
    let maand = if maand.peildatum() == gisteren {
        maand
    } else {
        maand.vorige()
    };
    let q = Periode::laatste_kwartaal(gisteren);
    let mut v = vec![maand, q];
    if let Periode::Kwartaal(y, k) = q
        && (k == 2 || k == 4)
    {
        v.push(Periode::Halfjaar(y, k / 2));
    }
    if vandaag.month() == raad_maand(vandaag.year()) {
        v.push(Periode::Jaar(vandaag.year() - 1));
    }
    v
}

/// The scheduled run's plan on `vandaag`, given the date of the previous scheduled run recorded
/// in the output folder (`None` for a first run).
pub fn inhaalplan(vandaag: NaiveDate, vorige_run: Option<NaiveDate>, raad_maand: &dyn Fn(i32) -> u32) -> Inhaalplan {
    let mut kandidaten = actueel(vandaag, raad_maand);
    let mut te_oud = Vec::new();
    if let Some(vorige) = vorige_run.filter(|v| *v < vandaag) {
        let grens = vandaag
            .checked_sub_months(Months::new(INHAAL_MAANDEN))
            .unwrap_or(vandaag);
        // Every period that can have become due in (vorige, vandaag]: months and longer periods
        // whose peildatum lies from the year before `vorige` up to `vandaag`.
        let eerste_jaar = vorige.year() - 1;
        for y in eerste_jaar..=vandaag.year() {
            let mut van_jaar: Vec<Periode> = (1..=12).map(|m| Periode::Maand(y, m)).collect();
            van_jaar.extend((1..=4).map(|q| Periode::Kwartaal(y, q)));
            van_jaar.extend((1..=2).map(|h| Periode::Halfjaar(y, h)));
            van_jaar.push(Periode::Jaar(y));
            for p in van_jaar {
                let dag = vervaldag(&p, raad_maand);
                if vorige < dag && dag <= vandaag {
                    if dag > grens {
                        kandidaten.push(p);
                    } else {
                        te_oud.push(p);
                    }
                }
            }
        }
    }
    let sleutel = |p: &Periode| (vervaldag(p, raad_maand), lengte(p), *p);
    kandidaten.sort_by_key(sleutel);
    kandidaten.dedup();
    te_oud.sort_by_key(sleutel);
    te_oud.dedup();
    Inhaalplan {
        periodes: kandidaten,
        te_oud,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap()
    }

    fn juli(_: i32) -> u32 {
        7
    }

    fn codes(v: &[Periode]) -> Vec<String> {
        v.iter().map(|p| p.to_string()).collect()
    }

    #[test]
    fn vervaldagen() {
        assert_eq!(vervaldag(&Periode::Maand(2024, 2), &juli), d(2024, 3, 1));
        assert_eq!(vervaldag(&Periode::Kwartaal(2024, 4), &juli), d(2025, 1, 1));
        assert_eq!(vervaldag(&Periode::Halfjaar(2024, 1), &juli), d(2024, 7, 1));
        // The raad letter over 2023 is due in the raad month of 2024, not on 1 January.
        assert_eq!(vervaldag(&Periode::Jaar(2023), &juli), d(2024, 7, 1));
        assert_eq!(vervaldag(&Periode::Jaar(2023), &|_| 9), d(2024, 9, 1));
    }

    #[test]
    fn eerste_run_maakt_wat_nu_aan_de_beurt_is() {
        // 3 June: May and Q1 have ended; Q1 closes no half year; June is no raad month.
        let plan = inhaalplan(d(2024, 6, 3), None, &juli);
        assert_eq!(codes(&plan.periodes), ["2024-Q1", "2024-05"]);
        // 5 July: June, Q2, H1 and (raad month) the year 2023.
        let plan = inhaalplan(d(2024, 7, 5), None, &juli);
        assert_eq!(codes(&plan.periodes), ["2024-06", "2024-Q2", "2024-H1", "2023"]);
        // On the first day of a month, the month that ended yesterday is due.
        let plan = inhaalplan(d(2024, 10, 1), None, &juli);
        assert_eq!(codes(&plan.periodes), ["2024-09", "2024-Q3"]);
        assert!(plan.te_oud.is_empty());
    }

    #[test]
    fn volgende_maandelijkse_run() {
        // After 3 June, the run of 5 July adds June, Q2, H1 and the raad letter of 2023.
        let plan = inhaalplan(d(2024, 7, 5), Some(d(2024, 6, 3)), &juli);
        assert_eq!(codes(&plan.periodes), ["2024-06", "2024-Q2", "2024-H1", "2023"]);
    }

    #[test]
    fn gemiste_runs_worden_ingehaald() {
        // The case: after 5 April the next run is on 5 October.
        let plan = inhaalplan(d(2024, 10, 5), Some(d(2024, 4, 5)), &juli);
        assert_eq!(
            codes(&plan.periodes),
            [
                "2024-04", "2024-05", "2024-06", "2024-Q2", "2024-H1", "2023", "2024-07", "2024-08", "2024-09",
                "2024-Q3"
            ]
        );
        assert!(plan.te_oud.is_empty());
    }

    #[test]
    fn een_run_op_dezelfde_dag_maakt_het_actuele_opnieuw_na() {
        let plan = inhaalplan(d(2024, 7, 5), Some(d(2024, 7, 5)), &juli);
        assert_eq!(plan, inhaalplan(d(2024, 7, 5), None, &juli));
        // A recorded run in the future (a clock set back) adds nothing either.
        let plan = inhaalplan(d(2024, 7, 5), Some(d(2025, 1, 1)), &juli);
        assert_eq!(plan, inhaalplan(d(2024, 7, 5), None, &juli));
    }

    #[test]
    fn inhalen_is_begrensd() {
        // Last run on 5 January 2023; now 5 March 2024: months that became due before
        // 5 March 2023 (January 2023 due 1 February) are too old; February 2023 (due 1 March
        // 2023) as well, since the limit is strictly twelve months back (due after 5 March 2023).
        let plan = inhaalplan(d(2024, 3, 5), Some(d(2023, 1, 5)), &juli);
        assert_eq!(codes(&plan.te_oud), ["2023-01", "2023-02"]);
        assert_eq!(plan.periodes.first().map(|p| p.to_string()).as_deref(), Some("2023-03"));
        assert_eq!(plan.periodes.last().map(|p| p.to_string()).as_deref(), Some("2024-02"));
        // The raad letter of 2022 (due 1 July 2023) is caught up, the year 2023's is not due yet.
        assert!(codes(&plan.periodes).contains(&"2022".to_string()));
        assert!(!codes(&plan.periodes).contains(&"2023".to_string()));
        // Q1 2023 (due 1 April 2023) is inside the limit; every month from March 2023 on is there.
        assert!(codes(&plan.periodes).contains(&"2023-Q1".to_string()));
        assert_eq!(
            plan.periodes.iter().filter(|p| matches!(p, Periode::Maand(..))).count(),
            12
        );
    }
}
