//! The kwartaalrapportage model (`deliverables.md` §1): every indicator for the quarter with its
//! status and analysis, the year to date, the last eight quarters as trend, the CJG per month,
//! the wijkgebieden and the data quality.

use std::collections::BTreeMap;

use polars::prelude::PolarsResult;
use serde::Serialize;

use chrono::NaiveDate;

use super::{Bevindingen, Cijfers, PeriodeJson, Rapport};
use crate::afspraken::AfsprakenSet;
use crate::domein::werksoort;
use crate::ingest::{Datakwaliteit, Toelichting};
pub use crate::kpi::Wijkgebiedcijfers;
use crate::kpi::{self, Bron, Indicator, Status};
use crate::period::Periode;

/// The JGD indicators the agreement asks the CJG to report per month.
pub const MAAND_INDICATOREN: [&str; 14] = [
    "JGD.aanmeldingen",
    "JGD.wachtlijst",
    "JGD.in_behandeling_2w",
    "JGD.overschrijding_2w",
    "JGD.overschrijding_2w.weken_totaal",
    "JGD.overschrijding_2w.weken_gemiddeld",
    "JGD.overschrijding_2w.weken_max",
    "JGD.toeleiding_8w",
    "JGD.overschrijding_8w",
    "JGD.overschrijding_8w.weken_totaal",
    "JGD.overschrijding_8w.weken_gemiddeld",
    "JGD.overschrijding_8w.weken_max",
    "JGD.afgesloten",
    "JGD.uitstroom_jeugdhulp",
];

/// Key indicators shown as trend charts over the last eight quarters.
pub const TREND_INDICATOREN: [&str; 8] = [
    "SW.eerste_gesprek_4w",
    "ISW.afgesloten_6m",
    "ISW.doorverwijzing_wmo",
    "SW.inzet_individueel",
    "CSW.ontmoeting_wijkgebieden",
    "JGD.in_behandeling_2w",
    "JGD.toeleiding_8w",
    "JGD.zelf_opgelost_max5",
];

/// Direction of change against an earlier period, for the trend arrow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Trend {
    Stijgend,
    Dalend,
    Gelijk,
    /// One of the two values is missing.
    Onbekend,
}

impl Trend {
    /// The arrow with words for screen readers: `↑ hoger`, `↓ lager`, `→ gelijk`, `–`.
    pub fn pijl(self) -> &'static str {
        match self {
            Trend::Stijgend => "↑ hoger",
            Trend::Dalend => "↓ lager",
            Trend::Gelijk => "→ gelijk",
            Trend::Onbekend => "–",
        }
    }
}

/// A compact indicator value for trend series and comparisons.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Waarneming {
    pub id: String,
    #[serde(serialize_with = "kpi::ser_opt_decimal")]
    pub teller: Option<rust_decimal::Decimal>,
    #[serde(serialize_with = "kpi::ser_opt_decimal")]
    pub noemer: Option<rust_decimal::Decimal>,
    #[serde(serialize_with = "kpi::ser_opt_decimal")]
    pub waarde: Option<rust_decimal::Decimal>,
    pub status: Status,
}

impl From<&Indicator> for Waarneming {
    fn from(i: &Indicator) -> Self {
        Waarneming {
            id: i.id.clone(),
            teller: i.teller,
            noemer: i.noemer,
            waarde: i.waarde,
            status: i.status,
        }
    }
}

/// One row of the samenvatting: an indicator with a norm, compared with the previous quarter
/// and the same quarter a year earlier.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Samenvattingsregel {
    pub id: String,
    #[serde(serialize_with = "kpi::ser_opt_decimal")]
    pub vorig_kwartaal: Option<rust_decimal::Decimal>,
    #[serde(serialize_with = "kpi::ser_opt_decimal")]
    pub vorig_jaar: Option<rust_decimal::Decimal>,
    /// Against the previous quarter.
    pub trend: Trend,
}

/// A period with the indicators computed for it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Periodecijfers {
    pub periode: PeriodeJson,
    pub indicatoren: Vec<Waarneming>,
}

/// The JGD indicators of one month of the quarter (the JSON `maanden[]` element).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Maandcijfers {
    pub maand: String,
    /// "april 2024".
    pub label: String,
    /// "apr 2024".
    pub kort_label: String,
    pub indicatoren: Vec<Indicator>,
}

/// An analysis line for an indicator that is `niet_gehaald` in the quarter.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Analyseregel {
    pub id: String,
    pub analyse: Option<String>,
    pub maatregel: Option<String>,
    pub ontbreekt: bool,
}

/// A werksoort (or the SW group) as the report names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WerksoortJson {
    pub code: String,
    pub naam: String,
}

/// The counts on the summary cards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Kerncijfers {
    /// Indicators with a norm that applies this quarter and was judged (gehaald or niet gehaald).
    pub normen_beoordeeld: usize,
    pub normen_gehaald: usize,
    pub normen_niet_gehaald: usize,
    /// Norms not met without an analysis.
    pub analyses_ontbreken: usize,
    /// Rejected input rows over the report's files.
    pub afgekeurde_regels: usize,
}

/// The periods the samenvatting compares with.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Vergelijking {
    pub vorig_kwartaal: PeriodeJson,
    pub vorig_jaar: PeriodeJson,
}

/// The kwartaalrapportage model; serialised, it is the JSON export.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Kwartaalrapportage {
    pub rapport: &'static str,
    pub periode: PeriodeJson,
    /// `definitief`, or `voorlopig` when the data does not reach the peildatum (revision 3;
    /// set by the run from [`crate::dekking`]).
    pub status: crate::dekking::Rapportstatus,
    pub gemeente: String,
    pub aanbieder: String,
    /// The werksoorten with indicators, in report order, the SW group last.
    pub werksoorten: Vec<WerksoortJson>,
    /// The counts on the summary cards.
    pub kerncijfers: Kerncijfers,
    /// Every catalogue indicator for the quarter.
    pub indicatoren: Vec<Indicator>,
    /// The indicators with a norm, compared with earlier quarters.
    pub samenvatting: Vec<Samenvattingsregel>,
    /// The quarters `samenvatting` compares with.
    pub vergelijking: Vergelijking,
    /// The same indicators from 1 January up to the peildatum.
    pub jaar_tot_nu: Periodecijfers,
    /// The last eight quarters (oldest first, this quarter last).
    pub trend: Vec<Periodecijfers>,
    /// JGD per month of the quarter.
    pub maanden: Vec<Maandcijfers>,
    pub wijkgebieden: Vec<Wijkgebiedcijfers>,
    /// The column totals of `wijkgebieden` (code `totaal`; `ontmoetingsactiviteit`: in every
    /// wijkgebied).
    pub wijkgebieden_totaal: Wijkgebiedcijfers,
    /// Wijkgebieden without a qualifying ontmoetingsactiviteit in the quarter.
    pub wijkgebieden_zonder_ontmoeting: Vec<String>,
    /// Every indicator `niet_gehaald` in the quarter with its analysis or "ontbreekt".
    pub analyses: Vec<Analyseregel>,
    /// Notes on the figures (e.g. JGD rows left out for lack of aantal_gesprekken).
    pub opmerkingen: Vec<String>,
    /// The Proeftuin Ruwaard's own figures for the quarter (revision 3).
    pub proeftuin: kpi::Proeftuincijfers,
    /// The outputs of seed 003 for the quarter (revision 3): aanmeldingen per categorie,
    /// activities, contacts (when contacten.csv is delivered).
    pub outputs: kpi::Outputcijfers,
    pub datakwaliteit: Datakwaliteit,
}

fn trend(nu: Option<rust_decimal::Decimal>, toen: Option<rust_decimal::Decimal>) -> Trend {
    match (nu, toen) {
        (Some(a), Some(b)) if a > b => Trend::Stijgend,
        (Some(a), Some(b)) if a < b => Trend::Dalend,
        (Some(_), Some(_)) => Trend::Gelijk,
        _ => Trend::Onbekend,
    }
}

/// The column totals of the wijkgebied table.
fn wijk_totaal(wijken: &[Wijkgebiedcijfers]) -> Wijkgebiedcijfers {
    let mut aanmeldingen: BTreeMap<String, i64> = BTreeMap::new();
    let mut wachtlijst: BTreeMap<String, i64> = BTreeMap::new();
    for w in wijken {
        for (ws, n) in &w.aanmeldingen {
            *aanmeldingen.entry(ws.clone()).or_default() += n;
        }
        for (ws, n) in &w.wachtlijst {
            *wachtlijst.entry(ws.clone()).or_default() += n;
        }
    }
    Wijkgebiedcijfers {
        code: "totaal".into(),
        naam: "Totaal".into(),
        aanmeldingen_totaal: wijken.iter().map(|w| w.aanmeldingen_totaal).sum(),
        wachtlijst_totaal: wijken.iter().map(|w| w.wachtlijst_totaal).sum(),
        aanmeldingen,
        wachtlijst,
        ontmoetingsactiviteit: wijken.iter().all(|w| w.ontmoetingsactiviteit),
    }
}

/// The summary cards' counts: the norms judged this quarter (status gehaald or niet gehaald),
/// how many were met, the analyses missing and the rejected rows.
fn kerncijfers(indicatoren: &[Indicator], analyses: &[Analyseregel], k: &Datakwaliteit) -> Kerncijfers {
    let beoordeeld = |s: Status| indicatoren.iter().filter(|i| i.norm.is_some() && i.status == s).count();
    let gehaald = beoordeeld(Status::Gehaald);
    let niet = beoordeeld(Status::NietGehaald);
    Kerncijfers {
        normen_beoordeeld: gehaald + niet,
        normen_gehaald: gehaald,
        normen_niet_gehaald: niet,
        analyses_ontbreken: analyses.iter().filter(|a| a.ontbreekt).count(),
        afgekeurde_regels: k.totaal_afgekeurd(),
    }
}

impl Kwartaalrapportage {
    /// The indicator of the quarter with this id.
    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicatoren.iter().find(|i| i.id == id)
    }

    /// The werksoort codes of the wijkgebied table's columns (the SW group has no aanmeldingen).
    pub fn wijkgebied_werksoorten(&self) -> Vec<&str> {
        self.werksoorten
            .iter()
            .map(|w| w.code.as_str())
            .filter(|c| *c != werksoort::SW)
            .collect()
    }

    /// The report's name of a werksoort code (the code itself when the report has none).
    pub fn werksoortnaam<'a>(&'a self, code: &'a str) -> &'a str {
        self.werksoorten
            .iter()
            .find(|w| w.code == code)
            .map_or(code, |w| w.naam.as_str())
    }
}

/// Fills in `analyse`/`maatregel`/`analyse_ontbreekt` of the indicators that are
/// `niet_gehaald`, from the period's toelichting (`analyses.csv`, sleutel = indicator id).
pub fn koppel_analyses(indicatoren: &mut [Indicator], toelichting: &Toelichting) -> Vec<Analyseregel> {
    let mut regels = Vec::new();
    for i in indicatoren.iter_mut().filter(|i| i.status == Status::NietGehaald) {
        match toelichting.analyses.get(&i.id) {
            Some(a) => {
                i.analyse = Some(a.analyse.clone());
                i.maatregel = (!a.maatregel.is_empty()).then(|| a.maatregel.clone());
            }
            None => i.analyse_ontbreekt = true,
        }
        regels.push(Analyseregel {
            id: i.id.clone(),
            analyse: i.analyse.clone(),
            maatregel: i.maatregel.clone(),
            ontbreekt: i.analyse_ontbreekt,
        });
    }
    regels
}

impl Rapport for Kwartaalrapportage {
    const SOORT: &'static str = "kwartaal";
    const RAPPORT: &'static str = "kwartaalrapportage";
    const BESTANDEN: &'static [&'static str] = &["hulpvragen.csv", "uren.csv", "activiteiten.csv", "contacten.csv"];

    fn dient(p: &Periode) -> bool {
        matches!(p, Periode::Kwartaal(..))
    }

    fn laatste_periode(laatste: NaiveDate) -> Periode {
        Periode::laatste_kwartaal(laatste)
    }

    fn stel_op(c: &Cijfers, q: Periode) -> anyhow::Result<Self> {
        let mut model = opstellen(c.bron, c.afspraken, q, c.toelichting, c.datakwaliteit)?;
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

/// Assembles the kwartaalrapportage for quarter `q`.
fn opstellen(
    bron: &Bron,
    set: &AfsprakenSet,
    q: Periode,
    toelichting: &Toelichting,
    datakwaliteit: &Datakwaliteit,
) -> PolarsResult<Kwartaalrapportage> {
    let afspraken = set.voor_jaar(q.jaar());
    let mut indicatoren = kpi::bereken(bron, afspraken, q.tijdvak())?;
    // The two normed outputs of seed 003 (when contacten.csv is delivered) join the indicators,
    // so the summary shows them with their norms and a missed norm asks for an analysis.
    indicatoren.extend(kpi::outputs::genormeerde(bron, afspraken, q.tijdvak())?);
    let analyses = koppel_analyses(&mut indicatoren, toelichting);

    // The last eight quarters, oldest first; each with the agreement of its own year.
    let mut kwartalen = vec![q];
    for _ in 0..7 {
        let vorige = kwartalen.last().expect("non-empty").vorige();
        kwartalen.push(vorige);
    }
    kwartalen.reverse();
    let mut trend_cijfers = Vec::new();
    let mut per_kwartaal: BTreeMap<Periode, Vec<Indicator>> = BTreeMap::new();
    for k in &kwartalen {
        let v = if *k == q {
            indicatoren.clone()
        } else {
            let a = set.voor_jaar(k.jaar());
            let mut v = kpi::bereken(bron, a, k.tijdvak())?;
            v.extend(kpi::outputs::genormeerde(bron, a, k.tijdvak())?);
            v
        };
        trend_cijfers.push(Periodecijfers {
            periode: (*k).into(),
            indicatoren: v.iter().map(Waarneming::from).collect(),
        });
        per_kwartaal.insert(*k, v);
    }
    let waarde = |p: Periode, id: &str| {
        per_kwartaal
            .get(&p)
            .and_then(|v| v.iter().find(|i| i.id == id))
            .and_then(|i| i.waarde)
    };
    let samenvatting = indicatoren
        .iter()
        .filter(|i| i.norm.is_some())
        .map(|i| Samenvattingsregel {
            id: i.id.clone(),
            vorig_kwartaal: waarde(q.vorige(), &i.id),
            vorig_jaar: waarde(q.jaar_eerder(), &i.id),
            trend: trend(i.waarde, waarde(q.vorige(), &i.id)),
        })
        .collect();

    let ytd = q.jaar_tot_nu();
    let jaar_tot_nu = Periodecijfers {
        periode: PeriodeJson {
            code: format!("{}-YTD", q.jaar()),
            start: ytd.start,
            peildatum: ytd.peildatum,
            label: format!("{} t/m peildatum", q.jaar()),
            kort_label: format!("{} t/m peildatum", q.jaar()),
        },
        indicatoren: kpi::bereken(bron, afspraken, ytd)?
            .iter()
            .map(Waarneming::from)
            .collect(),
    };

    let mut maanden = Vec::new();
    for m in q.maanden() {
        let v = kpi::bereken(bron, afspraken, m.tijdvak())?;
        maanden.push(Maandcijfers {
            maand: m.to_string(),
            label: m.label(),
            kort_label: m.kort_label(),
            indicatoren: v
                .into_iter()
                .filter(|i| MAAND_INDICATOREN.contains(&i.id.as_str()))
                .collect(),
        });
    }

    let wijkgebieden = kpi::per_wijkgebied(bron, afspraken, q.tijdvak())?;
    let wijkgebieden_zonder_ontmoeting: Vec<String> = wijkgebieden
        .iter()
        .filter(|w| !w.ontmoetingsactiviteit)
        .map(|w| w.code.clone())
        .collect();
    let wijkgebieden_totaal = wijk_totaal(&wijkgebieden);

    let mut opmerkingen = Vec::new();
    let zonder = kpi::engine::zonder_aantal_gesprekken(bron, afspraken, q.tijdvak())?;
    if zonder > 0 {
        // A reader reads the indicator's name, never its id.
        opmerkingen.push(format!(
            "{zonder} afgesloten JGD-hulpvragen zonder aantal gesprekken tellen niet mee bij ‘{}’.",
            crate::domein::catalogus::leesbare_naam("JGD.zelf_opgelost_max5")
        ));
    }

    let werksoorten = werksoort::VOLGORDE
        .iter()
        .filter(|ws| indicatoren.iter().any(|i| i.werksoort == **ws))
        .map(|ws| WerksoortJson {
            code: ws.to_string(),
            naam: afspraken.werksoortnaam(ws),
        })
        .collect();
    let kerncijfers = kerncijfers(&indicatoren, &analyses, datakwaliteit);

    Ok(Kwartaalrapportage {
        rapport: Kwartaalrapportage::RAPPORT,
        periode: q.into(),
        status: Default::default(),
        gemeente: afspraken.gemeente.clone(),
        aanbieder: afspraken.aanbieder.clone(),
        werksoorten,
        kerncijfers,
        indicatoren,
        samenvatting,
        vergelijking: Vergelijking {
            vorig_kwartaal: q.vorige().into(),
            vorig_jaar: q.jaar_eerder().into(),
        },
        jaar_tot_nu,
        trend: trend_cijfers,
        maanden,
        wijkgebieden,
        wijkgebieden_totaal,
        wijkgebieden_zonder_ontmoeting,
        analyses,
        opmerkingen,
        proeftuin: kpi::proeftuin::bereken(bron, afspraken, q.tijdvak())?,
        outputs: kpi::outputs::bereken(bron, afspraken, q.tijdvak())?,
        datakwaliteit: datakwaliteit.clone(),
    })
}
