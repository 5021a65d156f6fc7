//! The kwartaalrapportage model (`deliverables.md` §1): every indicator for the quarter with its
//! status and analysis, the year to date, the last eight quarters as trend, the CJG per month,
//! the wijkgebieden and the data quality.

use std::collections::BTreeMap;

use polars::prelude::PolarsResult;
use serde::Serialize;

use super::PeriodeJson;
use crate::afspraken::AfsprakenSet;
use crate::ingest::{Datakwaliteit, Toelichting};
use crate::kpi::{self, Bron, Indicator, Status, Wijkgebiedcijfers};
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
    /// Every catalogue indicator for the quarter.
    pub indicatoren: Vec<Indicator>,
    /// The indicators with a norm, compared with earlier quarters.
    pub samenvatting: Vec<Samenvattingsregel>,
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

/// Assembles the kwartaalrapportage for quarter `q`.
pub fn stel_op(
    bron: &Bron,
    set: &AfsprakenSet,
    q: Periode,
    toelichting: &Toelichting,
    datakwaliteit: &Datakwaliteit,
) -> PolarsResult<Kwartaalrapportage> {
    let afspraken = set.voor_jaar(q.jaar());
    let mut indicatoren = kpi::bereken(bron, afspraken, q.tijdvak())?;
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
            kpi::bereken(bron, set.voor_jaar(k.jaar()), k.tijdvak())?
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
        opmerkingen.push(format!(
            "{zonder} afgesloten JGD-hulpvragen zonder aantal gesprekken zijn buiten JGD.zelf_opgelost_max5 gelaten."
        ));
    }

    Ok(Kwartaalrapportage {
        rapport: "kwartaalrapportage",
        periode: q.into(),
        status: Default::default(),
        gemeente: afspraken.gemeente.clone(),
        aanbieder: afspraken.aanbieder.clone(),
        indicatoren,
        samenvatting,
        jaar_tot_nu,
        trend: trend_cijfers,
        maanden,
        wijkgebieden,
        wijkgebieden_totaal,
        wijkgebieden_zonder_ontmoeting,
        analyses,
        opmerkingen,
        proeftuin: kpi::proeftuin::bereken(bron, afspraken, q.tijdvak())?,
        datakwaliteit: datakwaliteit.clone(),
    })
}
