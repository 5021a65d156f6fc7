//! The maandrapportage wachtlijsten (`deliverables.md` §0, `kpi-catalogus.md` "Maandrapportage
//! wachtlijsten"): per werksoort SRW, ISW, CSW and JGD the month's aanmeldingen, wachtlijst at
//! the month's end, wachttijd median and p90, the timeliness fractions whose deadline falls in
//! the month, the JGD overschrijdingen, the wachtlijst of the last 13 months, and the analysis of
//! every wachtlijst above zero and every norm not met.
//!
//! The figures come from the indicator engine (`kpi::bereken` over the month as a period of its
//! own), so they are by construction those of the kwartaal's month table. Which of the engine's
//! indicators the report shows is decided by [`TOONT`] alone: a new id that matches a pattern
//! there (say a new `*.eerste_gesprek_*` breakdown) appears without further edits.

use chrono::NaiveDate;
use polars::prelude::PolarsResult;
use rust_decimal::Decimal;
use serde::Serialize;

use super::kwartaal::Waarneming;
use super::{Bevindingen, Cijfers, PeriodeJson, Rapport};
use crate::afspraken::AfsprakenSet;
use crate::domein::werksoort;
use crate::ingest::{Datakwaliteit, Toelichting};
use crate::kpi::{self, Bron, Indicator, Status};
use crate::period::Periode;

/// The werksoorten the monthly report covers (and the SW group when the engine has SW
/// indicators that match [`TOONT`]).
pub const WERKSOORTEN: [&str; 4] = werksoort::WERKSOORTEN_MET_WACHTLIJST;

/// How long the wachtlijst trend is, in months (the report's month included).
pub const TREND_MAANDEN: usize = 13;

/// One rule of [`TOONT`].
#[derive(Debug, Clone, Copy)]
pub enum Patroon {
    /// `X<suffix>` for every X in [`WERKSOORTEN`]: `.wachtlijst`.
    PerWerksoort(&'static str),
    /// Any id containing this text: `.eerste_gesprek_`.
    Bevat(&'static str),
    /// Any id starting with this text: `JGD.overschrijding_`.
    Begint(&'static str),
    /// Exactly this id.
    Is(&'static str),
}

impl Patroon {
    fn past(self, id: &str) -> bool {
        match self {
            Patroon::PerWerksoort(suffix) => id.strip_suffix(suffix).is_some_and(|ws| WERKSOORTEN.contains(&ws)),
            Patroon::Bevat(t) => id.contains(t),
            Patroon::Begint(t) => id.starts_with(t),
            Patroon::Is(t) => id == t,
        }
    }
}

/// The one place that says which indicators the monthly report shows (the catalogue's list for
/// the month): the four waiting figures per werksoort, every first-conversation timeliness
/// fraction (`SW.*`, `ISW.*`, `CSW.*`), the two JGD timeliness fractions and the JGD
/// overschrijdingen with their weeks.
pub const TOONT: [Patroon; 8] = [
    Patroon::PerWerksoort(".aanmeldingen"),
    Patroon::PerWerksoort(".wachtlijst"),
    Patroon::PerWerksoort(".wachttijd_mediaan"),
    Patroon::PerWerksoort(".wachttijd_p90"),
    Patroon::Bevat(".eerste_gesprek_"),
    Patroon::Is("JGD.in_behandeling_2w"),
    Patroon::Is("JGD.toeleiding_8w"),
    Patroon::Begint("JGD.overschrijding_"),
];

/// Whether the monthly report shows indicator `id`.
pub fn toont(id: &str) -> bool {
    TOONT.iter().any(|p| p.past(id))
}

/// Whether `id` is a wachtlijst (an analysis is required when it is above zero).
pub fn is_wachtlijst(id: &str) -> bool {
    Patroon::PerWerksoort(".wachtlijst").past(id)
}

/// Why an analysis is required.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reden {
    /// A wachtlijst above zero at the peildatum.
    Wachtlijst,
    /// A norm not met.
    NormNietGehaald,
}

/// One required analysis with its text, or `ontbreekt`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Maandanalyse {
    pub id: String,
    pub werksoort: String,
    pub naam: String,
    pub reden: Reden,
    pub analyse: Option<String>,
    pub maatregel: Option<String>,
    pub ontbreekt: bool,
}

/// One month of the 13-month series (the JSON `maanden[]` element).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Maandstand {
    pub maand: String,
    /// "mei 2024".
    pub label: String,
    /// "mei 2024" shortened: "mei 2024", "jun 2024".
    pub kort_label: String,
    /// The wachtlijst of every werksoort at the month's end.
    pub indicatoren: Vec<Waarneming>,
}

/// A werksoort (or the SW group) as the report names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MaandWerksoort {
    pub code: String,
    pub naam: String,
    /// For the chart legend: "Individueel".
    pub kort_naam: String,
}

/// The maandrapportage model; serialised, it is the JSON export.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Maandrapportage {
    pub rapport: &'static str,
    pub periode: PeriodeJson,
    /// `definitief`, or `voorlopig` while the month is still running in the data (revision 3).
    pub status: crate::dekking::Rapportstatus,
    pub gemeente: String,
    pub aanbieder: String,
    /// The werksoorten with figures, in report order (the SW group last when present).
    pub werksoorten: Vec<MaandWerksoort>,
    /// The month's figures (ids as in the catalogue), in the engine's order.
    pub indicatoren: Vec<Indicator>,
    /// The wachtlijst at the end of each of the last 13 months, oldest first, ending with the
    /// report's month.
    pub maanden: Vec<Maandstand>,
    /// Every required analysis: wachtlijst above zero, then norms not met, in indicator order.
    pub analyses: Vec<Maandanalyse>,
    pub datakwaliteit: Datakwaliteit,
    /// The counts the summary states, so the documents show them without counting.
    pub kerncijfers: Maandkerncijfers,
}

/// The counts of the month's summary.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Maandkerncijfers {
    /// Indicators whose norm was not met this month.
    pub normen_niet_gehaald: usize,
    /// Required analyses (wachtlijst above zero, norm not met).
    pub analyses_vereist: usize,
    /// Of those, the ones without an analysis.
    pub analyses_ontbreken: usize,
    /// Rejected input rows over the report's files.
    pub afgekeurde_regels: usize,
    /// Warnings over the report's files.
    pub waarschuwingen: usize,
}

impl Maandrapportage {
    /// The month's indicator with this id.
    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicatoren.iter().find(|i| i.id == id)
    }

    /// The short name of a werksoort code (the code itself when the report has none).
    pub fn korte_naam<'a>(&'a self, code: &'a str) -> &'a str {
        self.werksoorten
            .iter()
            .find(|w| w.code == code)
            .map_or(code, |w| w.kort_naam.as_str())
    }

    /// The report's name of a werksoort code (the code itself when the report has none).
    pub fn werksoortnaam<'a>(&'a self, code: &'a str) -> &'a str {
        self.werksoorten
            .iter()
            .find(|w| w.code == code)
            .map_or(code, |w| w.naam.as_str())
    }
}

/// Fills in the analyses the month requires (`kpi-catalogus.md`: "A wachtlijst above zero at the
/// peildatum, and every norm not met, needs an analysis"), from `analyses.csv` of the month's
/// toelichting, sleutel = indicator id; the indicator's own `analyse`/`maatregel`/
/// `analyse_ontbreekt` fields follow.
pub fn koppel_analyses(indicatoren: &mut [Indicator], toelichting: &Toelichting) -> Vec<Maandanalyse> {
    let mut regels = Vec::new();
    for i in indicatoren.iter_mut() {
        let reden = if is_wachtlijst(&i.id) && i.waarde.is_some_and(|w| w > Decimal::ZERO) {
            Reden::Wachtlijst
        } else if i.status == Status::NietGehaald {
            Reden::NormNietGehaald
        } else {
            continue;
        };
        match toelichting.analyses.get(&i.id) {
            Some(a) => {
                i.analyse = Some(a.analyse.clone());
                i.maatregel = (!a.maatregel.is_empty()).then(|| a.maatregel.clone());
            }
            None => i.analyse_ontbreekt = true,
        }
        regels.push(Maandanalyse {
            id: i.id.clone(),
            werksoort: i.werksoort.clone(),
            naam: i.naam.clone(),
            reden,
            analyse: i.analyse.clone(),
            maatregel: i.maatregel.clone(),
            ontbreekt: i.analyse_ontbreekt,
        });
    }
    regels.sort_by_key(|r| r.reden == Reden::NormNietGehaald);
    regels
}

/// The months of the trend: the last [`TREND_MAANDEN`] months ending with `m`, oldest first.
pub fn trendmaanden(m: Periode) -> Vec<Periode> {
    let mut v = vec![m];
    while v.len() < TREND_MAANDEN {
        let vorige = v.last().expect("non-empty").vorige();
        v.push(vorige);
    }
    v.reverse();
    v
}

impl Rapport for Maandrapportage {
    const SOORT: &'static str = "maand";
    const RAPPORT: &'static str = "maandrapportage";
    const BESTANDEN: &'static [&'static str] = &["hulpvragen.csv"];

    fn dient(p: &Periode) -> bool {
        matches!(p, Periode::Maand(..))
    }

    /// The latest month that ends on or before `laatste`.
    fn laatste_periode(laatste: NaiveDate) -> Periode {
        laatste_maand(laatste)
    }

    fn stel_op(c: &Cijfers, m: Periode) -> anyhow::Result<Self> {
        let mut model = opstellen(c.bron, c.afspraken, m, c.toelichting, c.datakwaliteit)?;
        model.status = c.status;
        Ok(model)
    }

    fn bevindingen(&self) -> Bevindingen {
        let ontbreekt = self
            .analyses
            .iter()
            .filter(|a| a.ontbreekt)
            .map(|a| a.id.clone())
            .collect();
        Bevindingen::met_normen(&self.indicatoren, ontbreekt, self.status)
    }
}

/// The latest month that ends on or before `d`.
pub fn laatste_maand(d: NaiveDate) -> Periode {
    use chrono::Datelike;
    let m = Periode::Maand(d.year(), d.month() as u8);
    if m.peildatum() == d { m } else { m.vorige() }
}

/// The month's shown indicators, computed as a period of its own with the agreement of its year.
pub fn maandcijfers(bron: &Bron, set: &AfsprakenSet, m: Periode) -> PolarsResult<Vec<Indicator>> {
    Ok(kpi::bereken(bron, set.voor_jaar(m.jaar()), m.tijdvak())?
        .into_iter()
        .filter(|i| toont(&i.id))
        .collect())
}

/// Assembles the maandrapportage for month `m`.
fn opstellen(
    bron: &Bron,
    set: &AfsprakenSet,
    m: Periode,
    toelichting: &Toelichting,
    datakwaliteit: &Datakwaliteit,
) -> PolarsResult<Maandrapportage> {
    let afspraken = set.voor_jaar(m.jaar());
    let mut indicatoren = maandcijfers(bron, set, m)?;
    let analyses = koppel_analyses(&mut indicatoren, toelichting);
    let mut maanden = Vec::new();
    for t in trendmaanden(m) {
        let v = if t == m {
            indicatoren.clone()
        } else {
            kpi::engine::wachtlijsten(bron, set.voor_jaar(t.jaar()), t.tijdvak())?
        };
        maanden.push(Maandstand {
            maand: t.to_string(),
            label: t.label(),
            kort_label: t.kort_label(),
            indicatoren: v
                .iter()
                .filter(|i| is_wachtlijst(&i.id))
                .map(Waarneming::from)
                .collect(),
        });
    }
    let werksoorten = werksoort::VOLGORDE
        .iter()
        .filter(|ws| indicatoren.iter().any(|i| i.werksoort == **ws))
        .map(|ws| MaandWerksoort {
            code: ws.to_string(),
            naam: afspraken.werksoortnaam(ws),
            kort_naam: werksoort::kort(ws).to_string(),
        })
        .collect();
    let kerncijfers = Maandkerncijfers {
        normen_niet_gehaald: indicatoren.iter().filter(|i| i.status == Status::NietGehaald).count(),
        analyses_vereist: analyses.len(),
        analyses_ontbreken: analyses.iter().filter(|a| a.ontbreekt).count(),
        afgekeurde_regels: datakwaliteit.totaal_afgekeurd(),
        waarschuwingen: datakwaliteit.waarschuwingen.len(),
    };
    Ok(Maandrapportage {
        rapport: Maandrapportage::RAPPORT,
        periode: m.into(),
        status: Default::default(),
        gemeente: afspraken.gemeente.clone(),
        aanbieder: afspraken.aanbieder.clone(),
        werksoorten,
        indicatoren,
        maanden,
        analyses,
        datakwaliteit: datakwaliteit.clone(),
        kerncijfers,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patronen() {
        for id in [
            "SRW.aanmeldingen",
            "JGD.wachtlijst",
            "CSW.wachttijd_p90",
            "SW.eerste_gesprek_4w",
            "CSW.eerste_gesprek_6w",
            "JGD.overschrijding_2w.weken_max",
            "JGD.toeleiding_8w",
        ] {
            assert!(toont(id), "{id}");
        }
        // JW has aanmeldingen but is not a waiting-list werksoort; SW has no wachtlijst.
        for id in [
            "JW.aanmeldingen",
            "SW.wachtlijst",
            "ISW.afgesloten_6m",
            "JGD.afgesloten",
            "JGD.crisis_1d",
        ] {
            assert!(!toont(id), "{id}");
        }
        assert!(is_wachtlijst("ISW.wachtlijst"));
        assert!(!is_wachtlijst("ISW.wachttijd_mediaan"));
    }

    #[test]
    fn laatste_maand_en_trend() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        assert_eq!(laatste_maand(d(2024, 5, 31)), Periode::Maand(2024, 5));
        assert_eq!(laatste_maand(d(2024, 5, 30)), Periode::Maand(2024, 4));
        assert_eq!(laatste_maand(d(2024, 1, 15)), Periode::Maand(2023, 12));
        let t = trendmaanden(Periode::Maand(2024, 5));
        assert_eq!(t.len(), 13);
        assert_eq!(t[0], Periode::Maand(2023, 5));
        assert_eq!(t[12], Periode::Maand(2024, 5));
    }

    // ---- hand-computed month (May 2024, peildatum 31 May) ---------------------------------------

    use polars::prelude::*;
    use rust_decimal_macros::dec;

    use crate::ingest::AnalyseInvoer;
    use crate::kpi::bron::dag;

    fn d(m: u32, dd: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(2024, m, dd)
    }

    /// (id, werksoort, aanmelddatum, eerste_gesprek, afgesloten)
    type Rij = (
        &'static str,
        &'static str,
        Option<NaiveDate>,
        Option<NaiveDate>,
        Option<NaiveDate>,
    );

    const fn rij(id: &'static str, ws: &'static str, aanm: Option<NaiveDate>) -> Rij {
        (id, ws, aanm, None, None)
    }

    fn bron(rows: &[Rij]) -> Bron {
        let days = |f: fn(&Rij) -> Option<NaiveDate>| rows.iter().map(|r| f(r).map(dag)).collect::<Vec<_>>();
        let tekst = |f: fn(&Rij) -> &'static str| rows.iter().map(f).collect::<Vec<_>>();
        let leeg = || rows.iter().map(|_| None::<i32>).collect::<Vec<_>>();
        let hv = DataFrame::new_infer_height(vec![
            Column::new("id".into(), tekst(|r| r.0)),
            Column::new("client".into(), tekst(|r| r.0)),
            Column::new("ws".into(), tekst(|r| r.1)),
            Column::new("wijk".into(), tekst(|_| "W01")),
            Column::new("cat".into(), tekst(|_| "wonen")),
            Column::new("aanm".into(), days(|r| r.2)),
            Column::new("eg".into(), days(|r| r.3)),
            Column::new("vva".into(), leeg()),
            Column::new("ts".into(), leeg()),
            Column::new("afg".into(), days(|r| r.4)),
            Column::new("uit".into(), rows.iter().map(|_| None::<&str>).collect::<Vec<_>>()),
            Column::new("gespr".into(), leeg()),
            Column::new("aanv".into(), leeg()),
            Column::new("bes".into(), leeg()),
        ])
        .unwrap();
        let uren = DataFrame::new_infer_height(vec![
            Column::new("ws".into(), Vec::<&str>::new()),
            Column::new("dag".into(), Vec::<Option<i32>>::new()),
            Column::new("uren".into(), Vec::<i64>::new()),
            Column::new("inzet".into(), Vec::<&str>::new()),
        ])
        .unwrap();
        let act = DataFrame::new_infer_height(vec![
            Column::new("ws".into(), Vec::<&str>::new()),
            Column::new("wijk".into(), Vec::<&str>::new()),
            Column::new("soort".into(), Vec::<&str>::new()),
            Column::new("door".into(), Vec::<bool>::new()),
            Column::new("start".into(), Vec::<Option<i32>>::new()),
            Column::new("einde".into(), Vec::<Option<i32>>::new()),
            Column::new("deelnemers".into(), Vec::<Option<i64>>::new()),
        ])
        .unwrap();
        Bron::uit_tabellen(hv, uren, act).unwrap()
    }

    /// The rows of the hand-computed month; the comments give each row's part.
    fn rijen() -> Vec<Rij> {
        vec![
            // ISW wachtlijst on 31 May (waiting more than 14 days, no eerste gesprek, open):
            rij("a", "ISW", d(5, 10)),              // 21 days: on the list
            rij("b", "ISW", d(5, 17)),              // 14 days exactly: not yet
            rij("c", "ISW", d(5, 16)),              // 15 days: on the list
            ("d", "ISW", d(4, 1), d(6, 3), None),   // gesprek after the peildatum: on the list
            ("e", "ISW", d(4, 1), None, d(5, 20)),  // afgesloten in May: not on the list
            ("f", "ISW", d(4, 1), d(5, 31), None),  // gesprek on the peildatum: not; wacht 60
            ("g", "ISW", d(4, 25), d(5, 2), None),  // wacht 7; 4w deadline 23 May, on time
            ("h", "ISW", d(5, 1), d(5, 11), None),  // wacht 10; 4w deadline 29 May, on time
            ("i", "ISW", d(4, 30), d(5, 30), None), // wacht 30; 4w deadline 28 May, late
            ("j", "ISW", d(3, 1), d(4, 30), None),  // gesprek in April: not in May's wachttijd
            ("p", "ISW", d(4, 2), d(5, 1), None),   // wacht 29; 4w deadline 30 April (April)
            rij("q", "ISW", d(5, 3)),               // 4w deadline 31 May, no gesprek: late; list
            // JGD, 2-week term:
            ("k", "JGD", d(4, 10), d(5, 8), None), // deadline 24 April, gesprek 8 May: over
            // in May (1–8 May), 14 days → 2 weeks
            ("l", "JGD", d(4, 1), d(4, 20), None), // over 16–20 April only: not in May
            rij("m", "JGD", d(5, 1)),              // deadline 15 May, still waiting on 31 May:
            // 16 days over → 3 weeks; on the list
            ("n", "JGD", d(5, 5), d(5, 19), None), // gesprek on the deadline: on time
        ]
    }

    fn model(toelichting: &Toelichting) -> Maandrapportage {
        let set = crate::afspraken::load_dir(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("data/afspraken")
                .as_path(),
        )
        .unwrap();
        opstellen(
            &bron(&rijen()),
            &set,
            Periode::Maand(2024, 5),
            toelichting,
            &Datakwaliteit::default(),
        )
        .unwrap()
    }

    fn get<'a>(m: &'a Maandrapportage, id: &str) -> &'a Indicator {
        m.indicator(id).unwrap_or_else(|| panic!("missing {id}"))
    }

    #[test]
    fn wachtlijst_wachttijd_en_tijdigheid_van_een_maand() {
        let m = model(&Toelichting::default());
        // a, c, d, q.
        assert_eq!(get(&m, "ISW.wachtlijst").waarde, Some(dec!(4)));
        // m only (k had its gesprek on 8 May, n on 19 May).
        assert_eq!(get(&m, "JGD.wachtlijst").waarde, Some(dec!(1)));
        // Gesprekken in May: p 29, g 7, h 10, i 30, f 60 → sorted 7, 10, 29, 30, 60: median 29,
        // p90 the ⌈4,5⌉ = 5th = 60.
        assert_eq!(get(&m, "ISW.wachttijd_mediaan").waarde, Some(dec!(29)));
        assert_eq!(get(&m, "ISW.wachttijd_p90").waarde, Some(dec!(60)));
        // JGD gesprekken in May: k 28, n 14 → median 21, p90 the 2nd = 28.
        assert_eq!(get(&m, "JGD.wachttijd_mediaan").waarde, Some(dec!(21)));
        assert_eq!(get(&m, "JGD.wachttijd_p90").waarde, Some(dec!(28)));
        // 4-week cohort of May (deadline in May: aanmelddatum 3 April – 3 May): g, h on time;
        // i and q late; p's deadline is 30 April.
        // Revision 3: the norm judges ISW and CSW together (SW); the fixture has no CSW cases, so
        // SW has the same cohort, and the ISW figure is its monitor breakdown.
        let i = get(&m, "ISW.eerste_gesprek_4w");
        assert_eq!((i.teller, i.noemer), (Some(dec!(2)), Some(dec!(4))));
        assert_eq!(i.status, Status::Monitor);
        let i = get(&m, "SW.eerste_gesprek_4w");
        assert_eq!((i.teller, i.noemer), (Some(dec!(2)), Some(dec!(4))));
        assert_eq!(i.status, Status::NietGehaald);
        // JGD 2-week cohort of May (deadline in May): m late, n on time (k's deadline is April).
        let i = get(&m, "JGD.in_behandeling_2w");
        assert_eq!((i.teller, i.noemer), (Some(dec!(1)), Some(dec!(2))));
        // Aanmeldingen in May: a, b, c, h, q.
        assert_eq!(get(&m, "ISW.aanmeldingen").waarde, Some(dec!(5)));
        // The 13-month series ends with May; April's ISW list on 30 April: d, e, f (29 days) and
        // p (28 days); g 5 days and i 0 days are not on it.
        assert_eq!(m.maanden.len(), 13);
        assert_eq!(m.maanden[0].maand, "2023-05");
        let isw = |s: &Maandstand| s.indicatoren.iter().find(|w| w.id == "ISW.wachtlijst").unwrap().waarde;
        assert_eq!(isw(&m.maanden[11]), Some(dec!(4)));
        assert_eq!(m.maanden[11].maand, "2024-04");
        assert_eq!(isw(&m.maanden[12]), Some(dec!(4)));
        assert_eq!(isw(&m.maanden[0]), Some(dec!(0)));
        // Only the wachtlijst ids are in the series.
        assert!(
            m.maanden
                .iter()
                .all(|s| s.indicatoren.iter().all(|w| w.id.ends_with(".wachtlijst")))
        );
    }

    /// Revision 3 ("over the term"): a JGD case whose deadline passed in April and whose gesprek
    /// came on 8 May is over the term in May, although its deadline fell in April.
    #[test]
    fn overschrijding_die_de_maand_ervoor_begon() {
        let m = model(&Toelichting::default());
        // k (2 weeks over, to its gesprek on 8 May) and m (3 weeks, to the peildatum).
        assert_eq!(get(&m, "JGD.overschrijding_2w").waarde, Some(dec!(2)));
        assert_eq!(get(&m, "JGD.overschrijding_2w.weken_totaal").waarde, Some(dec!(5)));
        assert_eq!(get(&m, "JGD.overschrijding_2w.weken_gemiddeld").waarde, Some(dec!(2.5)));
        assert_eq!(get(&m, "JGD.overschrijding_2w.weken_max").waarde, Some(dec!(3)));
    }

    #[test]
    fn analyse_vereist_bij_wachtlijst_en_gemiste_norm() {
        let mut t = Toelichting::default();
        t.analyses.insert(
            "ISW.wachtlijst".into(),
            AnalyseInvoer {
                analyse: "Drukte.".into(),
                maatregel: String::new(),
            },
        );
        let m = model(&t);
        let ids: Vec<(&str, Reden, bool)> = m
            .analyses
            .iter()
            .map(|a| (a.id.as_str(), a.reden, a.ontbreekt))
            .collect();
        // Wachtlijsten above zero first (SRW and CSW are zero: no analysis), then the norms not
        // met in catalogue order: JGD 2w (1/2), then (revision 3, the norms of ISW and CSW
        // together) SW 4w (2/4) and SW 6w (cohort 20 March – 19 April: d, e, f late, p on time:
        // 1/4). JGD overschrijding has no norm; the ISW breakdowns are monitor.
        assert_eq!(
            ids,
            [
                ("ISW.wachtlijst", Reden::Wachtlijst, false),
                ("JGD.wachtlijst", Reden::Wachtlijst, true),
                ("JGD.in_behandeling_2w", Reden::NormNietGehaald, true),
                ("SW.eerste_gesprek_4w", Reden::NormNietGehaald, true),
                ("SW.eerste_gesprek_6w", Reden::NormNietGehaald, true),
            ]
        );
        assert_eq!(get(&m, "ISW.wachtlijst").analyse.as_deref(), Some("Drukte."));
        assert!(get(&m, "JGD.wachtlijst").analyse_ontbreekt);
        assert!(!get(&m, "SRW.wachtlijst").analyse_ontbreekt);
        assert_eq!(m.bevindingen().analyse_ontbreekt.len(), 4);
    }
}
