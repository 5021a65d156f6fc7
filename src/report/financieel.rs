//! The halfjaarrapportage financieel model (`deliverables.md` §2): per werksoort and begroting
//! regel the begroting against the realisatie of the half year, the variance with its analysis,
//! the forecast for the year, fte, subtotals per werksoort and financiering, the grand total, the
//! Proeftuin Ruwaard memo line, the reconciliation with the ledger, the ledger lines of the
//! period and the monthly trend. Serialised, it is the JSON export.

use anyhow::bail;
use rust_decimal::Decimal;
use serde::Serialize;

use super::PeriodeJson;
use crate::afspraken::AfsprakenSet;
use crate::finance::{self, Aansluiting, Boeking, Financieel, ProeftuinMemo, Trend};
use crate::ingest::{Datakwaliteit, Dataset, Toelichting};
use crate::kpi::ser_decimal;
use crate::period::Periode;

/// The input files this report is made from (its data-quality section covers these and the
/// period's toelichting files).
pub const BESTANDEN: [&str; 3] = ["begroting.csv", "realisatie.csv", "formatie.csv"];

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
    /// Reconciliation with the ledger.
    pub aansluiting: Aansluiting,
    /// Cumulative realisation against the pro-rata budget per month.
    pub trend: Trend,
    /// The accepted ledger lines of the period (drill-down).
    pub boekingen: Vec<Boeking>,
    /// Data quality of begroting.csv, realisatie.csv, formatie.csv and the toelichting files.
    pub datakwaliteit: Datakwaliteit,
}

/// The data-quality account of the financial files plus the toelichting's own account.
fn datakwaliteit(ds: &Dataset, toelichting: &Toelichting) -> Datakwaliteit {
    let mut k = ds.kwaliteit.clone();
    k.voeg_toe(toelichting.kwaliteit.clone());
    let hoort = |pad: &str| BESTANDEN.contains(&pad) || pad.starts_with("toelichting/");
    Datakwaliteit {
        bestanden: k.bestanden.into_iter().filter(|b| hoort(&b.pad)).collect(),
        afkeuringen: k.afkeuringen.into_iter().filter(|a| hoort(&a.bestand)).collect(),
        waarschuwingen: k.waarschuwingen.into_iter().filter(|w| hoort(&w.bestand)).collect(),
    }
}

/// Assembles the halfjaarrapportage financieel for half year `periode` (`2024-H1`, `2024-H2`)
/// from the ingested data, the agreement of its year and the period's toelichting
/// (`analyses.csv`, sleutel = regel_id).
///
/// `datakwaliteit` holds the accounts of `begroting.csv`, `realisatie.csv`, `formatie.csv` and the
/// toelichting files; a caller with its own account may replace the field.
pub fn stel_op(
    ds: &Dataset,
    afspraken: &AfsprakenSet,
    periode: &Periode,
    toelichting: &Toelichting,
) -> anyhow::Result<Halfjaarfinancieel> {
    if !matches!(periode, Periode::Halfjaar(..)) {
        bail!("de halfjaarrapportage financieel gaat over een halfjaar (bijvoorbeeld 2024-H1), niet over {periode}");
    }
    let a = afspraken.voor_jaar(periode.jaar());
    let c = finance::bereken(ds, afspraken, *periode, &toelichting.analyses)?;
    Ok(Halfjaarfinancieel {
        rapport: "halfjaar-financieel",
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
        aansluiting: c.aansluiting,
        trend: c.trend,
        boekingen: c.boekingen,
        datakwaliteit: datakwaliteit(ds, toelichting),
    })
}
