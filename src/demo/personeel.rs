//! The provider's professionals: one roster per fte budget line, with part-time contracts,
//! working-day patterns, holidays, sickness and turnover (with vacancies). The same roster drives
//! `uren.csv`, `formatie.csv` and the salary lines of `realisatie.csv`, so the three agree.

use chrono::{Datelike, NaiveDate, Weekday};

use super::kalender::{JAREN, begin, d, eind, is_werkdag, plus};
use super::ontwerp::{SEED_REGELS, Ws, voor_elkaar_invulling, voor_elkaar_vertrek};
use super::toeval::{Stroom, Toeval};

/// One professional.
#[derive(Debug, Clone)]
pub(crate) struct Medewerker {
    /// Pseudonym, e.g. `M-1042`.
    pub(crate) id: String,
    /// The budget line the salary is booked on.
    pub(crate) regel: &'static str,
    pub(crate) ws: Ws,
    /// Contract size in hundredths of an fte.
    pub(crate) fte_c: u32,
    /// First day in service (2022-01-01 for the people already there).
    pub(crate) start: NaiveDate,
    /// Last day in service.
    pub(crate) einde: Option<NaiveDate>,
    /// Working weekdays, Monday = 0.
    pub(crate) werkdagen: [bool; 5],
    /// Contract hours per working day, in quarter hours.
    pub(crate) kwartier_per_dag: u32,
    /// Days off: holidays and sickness (sorted, inclusive ranges).
    pub(crate) afwezig: Vec<(NaiveDate, NaiveDate)>,
    /// Monthly gross salary at full time, in euros (salary scale step), for the ledger.
    pub(crate) schaalbedrag: u32,
}

impl Medewerker {
    /// In service on `dag`.
    pub(crate) fn in_dienst(&self, dag: NaiveDate) -> bool {
        self.start <= dag && self.einde.is_none_or(|e| dag <= e)
    }

    /// Works on `dag`: in service, a contract day, a working day, not absent.
    pub(crate) fn werkt(&self, dag: NaiveDate) -> bool {
        if !self.in_dienst(dag) || !is_werkdag(dag) {
            return false;
        }
        let wd = dag.weekday().num_days_from_monday() as usize;
        if wd >= 5 || !self.werkdagen[wd] {
            return false;
        }
        !self.afwezig.iter().any(|&(a, b)| a <= dag && dag <= b)
    }

    /// Days in service in month `jaar`-`maand` (for salary weights).
    pub(crate) fn dagen_in_dienst(&self, jaar: i32, maand: u32) -> i64 {
        let eerste = d(jaar, maand, 1);
        let laatste = super::kalender::laatste_dag(jaar, maand);
        let van = eerste.max(self.start);
        let tot = match self.einde {
            Some(e) => laatste.min(e),
            None => laatste,
        };
        if tot < van { 0 } else { (tot - van).num_days() + 1 }
    }
}

/// Contract sizes (hundredths of an fte) and how often they occur.
const CONTRACTEN: [(u32, u32); 9] = [
    (100, 14),
    (89, 16),
    (83, 10),
    (78, 16),
    (72, 12),
    (67, 12),
    (61, 6),
    (56, 8),
    (50, 6),
];

/// Builds the roster for `schaal` times the budgeted formation.
pub(crate) fn roster(seed: u64, schaal: f64) -> Vec<Medewerker> {
    let mut t = Toeval::new(seed, Stroom::Personeel);
    let mut lijst: Vec<Medewerker> = Vec::new();
    let mut volgnummer: u32 = 1000;
    let mut nieuw_id = |t: &mut Toeval| {
        volgnummer += t.tussen(1, 3) as u32;
        format!("M-{volgnummer:04}")
    };
    for regel in SEED_REGELS.iter().filter(|r| r.fte_c.is_some()) {
        let doel = ((regel.fte_c.unwrap_or(0) as f64) * schaal).round().max(1.0) as u32;
        let mut rest = doel;
        let mut eerste_van_regel = true;
        while rest > 0 {
            let fte_c = if rest < 50 || (eerste_van_regel && doel < 50) {
                rest
            } else {
                let k = t.kies(&CONTRACTEN);
                if rest - k.min(rest) < 30 { rest } else { k }
            };
            let fte_c = fte_c.min(100);
            rest -= fte_c;
            eerste_van_regel = false;
            let id = nieuw_id(&mut t);
            let m = nieuwe_medewerker(&mut t, id, regel.id, regel.ws, fte_c, begin());
            lijst.push(m);
        }
    }

    // Designed: two Voor elkaar colleagues leave; both vacancies are filled on 2 September 2024.
    let vertrek = voor_elkaar_vertrek();
    let mut vast: Vec<usize> = Vec::new();
    for (i, m) in lijst
        .iter_mut()
        .enumerate()
        .filter(|(_, m)| m.regel == "ISW-04")
        .take(2)
    {
        m.einde = Some(vertrek[vast.len()]);
        vast.push(i);
    }
    let mut opvolgers = Vec::new();
    for &i in &vast {
        let (regel, ws, fte_c) = (lijst[i].regel, lijst[i].ws, lijst[i].fte_c);
        let m = nieuwe_medewerker(&mut t, String::new(), regel, ws, fte_c, voor_elkaar_invulling());
        opvolgers.push(m);
    }

    // Turnover: about one in eleven leaves per year; the vacancy stays open one to five months.
    let mut i = 0;
    while i < lijst.len() {
        if vast.contains(&i) {
            i += 1;
            continue;
        }
        let mut vertrekdatum = None;
        for jaar in JAREN {
            if lijst[i].start.year() > jaar {
                continue;
            }
            if t.promille(90) {
                let van = lijst[i].start.max(d(jaar, 1, 1));
                let dagen = (d(jaar, 12, 31) - van).num_days();
                if dagen > 30 {
                    vertrekdatum = Some(plus(van, t.tussen(20, dagen)));
                    break;
                }
            }
        }
        if let Some(v) = vertrekdatum {
            lijst[i].einde = Some(v);
            let start = plus(v, t.tussen(30, 150));
            if start <= eind() {
                let (regel, ws) = (lijst[i].regel, lijst[i].ws);
                let fte_c = if t.promille(700) {
                    lijst[i].fte_c
                } else {
                    t.kies(&CONTRACTEN).min(lijst[i].fte_c + 20)
                };
                let m = nieuwe_medewerker(&mut t, String::new(), regel, ws, fte_c, start);
                lijst.push(m);
            }
        }
        i += 1;
    }
    lijst.extend(opvolgers);
    // Ids in order of entry into service, as a personnel system hands them out.
    let mut volgorde: Vec<usize> = (0..lijst.len()).collect();
    volgorde.sort_by_key(|&i| (lijst[i].start, i));
    for i in volgorde {
        if lijst[i].id.is_empty() {
            lijst[i].id = nieuw_id(&mut t);
        }
    }
    lijst.sort_by(|a, b| a.id.cmp(&b.id));
    lijst
}

fn nieuwe_medewerker(
    t: &mut Toeval,
    id: String,
    regel: &'static str,
    ws: Ws,
    fte_c: u32,
    start: NaiveDate,
) -> Medewerker {
    let dagen = (fte_c * 5).div_ceil(100).clamp(1, 5) as usize;
    let mut werkdagen = [false; 5];
    let mut volgorde = [0usize, 1, 2, 3, 4];
    t.schud(&mut volgorde);
    for &w in volgorde.iter().take(dagen) {
        werkdagen[w] = true;
    }
    let kwartier_per_dag = (fte_c * 144 + 50 * dagen as u32) / (100 * dagen as u32);
    let mut afwezig = Vec::new();
    for jaar in JAREN {
        // Three summer weeks from a Monday between 1 July and mid-August.
        let zomer = maandag_na(d(jaar, 7, 1), t.tussen(0, 6) * 7);
        afwezig.push((zomer, plus(zomer, 20)));
        // A week in spring (May holiday) or February, and one in the autumn holiday.
        let voorjaar = if t.promille(600) {
            maandag_na(d(jaar, 4, 22), t.tussen(0, 2) * 7)
        } else {
            maandag_na(d(jaar, 2, 12), t.tussen(0, 1) * 7)
        };
        afwezig.push((voorjaar, plus(voorjaar, 4)));
        let herfst = maandag_na(d(jaar, 10, 14), t.tussen(0, 2) * 7);
        afwezig.push((herfst, plus(herfst, 4)));
        // Between Christmas and New Year.
        if t.promille(700) {
            afwezig.push((d(jaar, 12, 27), d(jaar, 12, 31)));
        }
        // Sickness: a few short spells, now and then a long one.
        for _ in 0..t.tussen(1, 4) {
            let dag = plus(d(jaar, 1, 2), t.tussen(0, 360));
            afwezig.push((dag, plus(dag, t.tussen(0, 4))));
        }
        if t.promille(60) {
            let dag = plus(d(jaar, 1, 2), t.tussen(0, 300));
            afwezig.push((dag, plus(dag, t.tussen(20, 70))));
        }
    }
    afwezig.sort();
    Medewerker {
        id,
        regel,
        ws,
        fte_c,
        start,
        einde: None,
        werkdagen,
        kwartier_per_dag,
        afwezig,
        schaalbedrag: t.tussen(3350, 4750) as u32,
    }
}

/// The first Monday on or after `dag + extra` days.
fn maandag_na(dag: NaiveDate, extra: i64) -> NaiveDate {
    let mut x = plus(dag, extra);
    while x.weekday() != Weekday::Mon {
        x = plus(x, 1);
    }
    x
}

/// Realised fte per regel at `peildatum`, in hundredths.
pub(crate) fn formatie_op(roster: &[Medewerker], regel: &str, peildatum: NaiveDate) -> u32 {
    roster
        .iter()
        .filter(|m| m.regel == regel && m.in_dienst(peildatum))
        .map(|m| m.fte_c)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roster_matches_budgeted_formation_at_start() {
        let r = roster(42, 1.0);
        for regel in SEED_REGELS.iter().filter(|r| r.fte_c.is_some()) {
            // On 1 January 2022 everybody hired at the start is in service.
            let fte: u32 = r
                .iter()
                .filter(|m| m.regel == regel.id && m.start == begin())
                .map(|m| m.fte_c)
                .sum();
            assert_eq!(Some(fte), regel.fte_c, "{}", regel.id);
        }
        // The Voor elkaar vacancies: two fewer people from March to August 2024.
        let juni = formatie_op(&r, "ISW-04", d(2024, 6, 30));
        let sept = formatie_op(&r, "ISW-04", d(2024, 9, 30));
        assert!(juni + 100 <= sept, "juni {juni} sept {sept}");
        let mut ids: Vec<&str> = r.iter().map(|m| m.id.as_str()).collect();
        ids.dedup();
        assert_eq!(ids.len(), r.len());
    }
}
