//! The halfjaarrapportage financieel model (`deliverables.md` §2): per werksoort and begroting
//! regel the begroting against the realisatie of the half year, the variance with its analysis,
//! the forecast for the year, fte, subtotals per werksoort and financiering, the grand total, the
//! Proeftuin Ruwaard memo line, the reconciliation with the ledger, the ledger lines of the
//! period and the monthly trend. Serialised, it is the JSON export.

use anyhow::bail;
use rust_decimal::Decimal;
use serde::Serialize;

use chrono::NaiveDate;

use super::{Bevindingen, Cijfers, PeriodeJson, Rapport};
use crate::afspraken::AfsprakenSet;
use crate::finance;
pub use crate::finance::{
    ANALYSE_ONTBREEKT, Aansluiting, Boeking, Financieel, ProeftuinMemo, PrognoseMethode, Regelcijfers, StapSoort,
    Totaal, Trend, Trendreeks, VoordeelNadeel,
};
use crate::ingest::{Datakwaliteit, Dataset, Toelichting};
use crate::kpi::ser_decimal;
use crate::period::Periode;

/// The agreement's variance rule as the report states it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VariantieregelJson {
    /// Amount threshold in euros (25000).
    #[serde(serialize_with = "ser_decimal")]
    pub drempel_bedrag: Decimal,
    /// Percentage threshold as a fraction (0.1).
    #[serde(serialize_with = "ser_decimal")]
    pub drempel_pct: Decimal,
    /// Below this |verschil| no analysis is needed (1000).
    #[serde(serialize_with = "ser_decimal")]
    pub ondergrens_bedrag: Decimal,
}

/// The halfjaarrapportage financieel; serialised, it is the JSON export.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Halfjaarfinancieel {
    /// Always `halfjaar-financieel`.
    pub rapport: &'static str,
    /// The half year.
    pub periode: PeriodeJson,
    /// `definitief`, or `voorlopig` when the data does not reach the peildatum (revision 3;
    /// set by the run from [`crate::dekking`]).
    pub status: crate::dekking::Rapportstatus,
    /// "Oss".
    pub gemeente: String,
    /// "ONS welzijn".
    pub aanbieder: String,
    /// Lines and totals.
    pub financieel: Financieel,
    /// The variance rule applied.
    pub variantieregel: VariantieregelJson,
    /// The Proeftuin Ruwaard memo line (not in any total).
    pub proeftuin: ProeftuinMemo,
    /// `X.kosten_per_afgesloten` per werksoort (revision 3): the realisatie of the werksoort's
    /// lines in the half year divided by its hulpvragen afgesloten in the half year.
    pub kosten_per_afgesloten: Vec<crate::domein::indicator::Indicator>,
    /// Reconciliation with the ledger.
    pub aansluiting: Aansluiting,
    /// Cumulative realisation against the pro-rata budget per month.
    pub trend: Trend,
    /// The short labels of `trend.maanden` ("jan 2024"), as the chart and the workbook show them.
    pub trend_maandlabels: Vec<String>,
    /// The accepted ledger lines of the period (drill-down).
    pub boekingen: Vec<Boeking>,
    /// Data quality of begroting.csv, realisatie.csv, formatie.csv and the toelichting files.
    pub datakwaliteit: Datakwaliteit,
}

impl Rapport for Halfjaarfinancieel {
    const SOORT: &'static str = "financieel";
    const RAPPORT: &'static str = "halfjaar-financieel";
    const BESTANDEN: &'static [&'static str] = &["begroting.csv", "realisatie.csv", "formatie.csv"];

    fn dient(p: &Periode) -> bool {
        matches!(p, Periode::Halfjaar(..))
    }

    fn laatste_periode(laatste: NaiveDate) -> Periode {
        Periode::laatste_halfjaar(laatste)
    }

    fn stel_op(c: &Cijfers, p: Periode) -> anyhow::Result<Self> {
        let mut model = assembleer(c.dataset, c.afspraken, &p, c.toelichting, c.datakwaliteit)?;
        model.status = c.status;
        let afgesloten = crate::kpi::outputs::afgesloten(c.bron, c.afspraken.voor_jaar(p.jaar()), p.tijdvak())?;
        model.kosten_per_afgesloten =
            finance::kosten::per_werksoort(&model.financieel, |ws| afgesloten.get(ws).copied());
        Ok(model)
    }

    /// No norms: the variance rule decides which regels need an analysis.
    fn bevindingen(&self) -> Bevindingen {
        Bevindingen {
            heeft_normen: false,
            niet_gehaald: Vec::new(),
            analyse_ontbreekt: self
                .financieel
                .regels
                .iter()
                .filter(|r| r.analyse_ontbreekt)
                // The reader sees the line as the report names it: id and name.
                .map(|r| format!("{} {}", r.regel_id, r.naam))
                .collect(),
            status: self.status,
            ontbrekende_teksten: Vec::new(),
        }
    }
}

/// Assembles the halfjaarrapportage financieel for half year `periode` (`2024-H1`, `2024-H2`)
/// from the ingested data, the agreement of its year and the period's toelichting
/// (`analyses.csv`, sleutel = regel_id).
///
/// `datakwaliteit` holds the accounts of `begroting.csv`, `realisatie.csv`, `formatie.csv` and the
/// toelichting files ([`super::datakwaliteit_voor`]).
pub fn assembleer(
    ds: &Dataset,
    afspraken: &AfsprakenSet,
    periode: &Periode,
    toelichting: &Toelichting,
    datakwaliteit: &Datakwaliteit,
) -> anyhow::Result<Halfjaarfinancieel> {
    if !matches!(periode, Periode::Halfjaar(..)) {
        bail!("de halfjaarrapportage financieel gaat over een halfjaar (bijvoorbeeld 2024-H1), niet over {periode}");
    }
    let a = afspraken.voor_jaar(periode.jaar());
    let c = finance::bereken(ds, afspraken, *periode, &toelichting.analyses)?;
    Ok(Halfjaarfinancieel {
        rapport: Halfjaarfinancieel::RAPPORT,
        periode: (*periode).into(),
        status: Default::default(),
        gemeente: a.gemeente.clone(),
        aanbieder: a.aanbieder.clone(),
        financieel: c.financieel,
        variantieregel: VariantieregelJson {
            drempel_bedrag: a.variantie.drempel_bedrag,
            drempel_pct: a.variantie.drempel_pct,
            ondergrens_bedrag: a.variantie.ondergrens_bedrag,
        },
        proeftuin: c.proeftuin,
        kosten_per_afgesloten: Vec::new(),
        aansluiting: c.aansluiting,
        trend_maandlabels: c
            .trend
            .maanden
            .iter()
            .map(|m| m.parse::<Periode>().map_or_else(|_| m.clone(), |p| p.kort_label()))
            .collect(),
        trend: c.trend,
        boekingen: c.boekingen,
        datakwaliteit: datakwaliteit.clone(),
    })
}
