//! An indicator as every layer sees it: the JSON `indicatoren[]` element, its status codes
//! (`kpi-catalogus.md`) and the norm's direction. The KPI engine fills these in; reports carry
//! them; renderers show them.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::{Deserialize, Serialize, Serializer};

pub use super::catalogus::Eenheid;

/// Direction of a norm: `min` means waarde ≥ drempel, `max` means waarde ≤ drempel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Richting {
    /// waarde ≥ drempel
    Min,
    /// waarde ≤ drempel
    Max,
}

/// Status of an indicator, decided in the catalogue's order: `nvt`, `geen_gegevens`, `monitor`,
/// `gehaald` / `niet_gehaald`. `niet_aangeleverd` (revision 3) comes before all of them: the
/// optional source file of the figure (contacten.csv) was not delivered, so nothing was measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Gehaald,
    NietGehaald,
    Monitor,
    Nvt,
    GeenGegevens,
    NietAangeleverd,
}

impl Status {
    /// Dutch text for the reader (colour is never the only carrier of the status).
    pub fn label(self) -> &'static str {
        match self {
            Status::Gehaald => "gehaald",
            Status::NietGehaald => "niet gehaald",
            Status::Monitor => "monitor",
            Status::Nvt => "n.v.t.",
            Status::GeenGegevens => "geen gegevens",
            Status::NietAangeleverd => "niet aangeleverd",
        }
    }
}

/// The norm as the JSON shows it: `{"richting": "min", "drempel": 0.9}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NormJson {
    pub richting: Richting,
    #[serde(serialize_with = "ser_decimal")]
    pub drempel: Decimal,
}

/// One computed indicator for one period: the JSON `indicatoren[]` element.
///
/// Fractions carry `teller`/`noemer` and `waarde` = teller/noemer (`null` when noemer = 0);
/// every other unit has `teller`/`noemer` `null` and its value in `waarde`.
/// `analyse`/`maatregel` are filled in by report assembly from the toelichting for indicators
/// that are `niet_gehaald`; `analyse_ontbreekt` is true when such an analysis is missing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Indicator {
    pub id: String,
    pub werksoort: String,
    pub naam: String,
    #[serde(serialize_with = "ser_opt_decimal")]
    pub teller: Option<Decimal>,
    #[serde(serialize_with = "ser_opt_decimal")]
    pub noemer: Option<Decimal>,
    #[serde(serialize_with = "ser_opt_decimal")]
    pub waarde: Option<Decimal>,
    pub eenheid: Eenheid,
    pub norm: Option<NormJson>,
    pub status: Status,
    pub analyse: Option<String>,
    pub maatregel: Option<String>,
    pub analyse_ontbreekt: bool,
}

impl Indicator {
    /// Waarde as f64, for charts only.
    pub fn waarde_f64(&self) -> Option<f64> {
        self.waarde.and_then(|w| w.to_f64())
    }
}

/// Serialises a decimal as a JSON number: an integer when it has no fraction, else a float
/// (fractions like 87/96 = 0.90625; halves of days; hours).
pub fn ser_decimal<S: Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    let n = d.normalize();
    if n.scale() == 0
        && let Some(i) = n.to_i64()
    {
        return s.serialize_i64(i);
    }
    s.serialize_f64(n.to_f64().unwrap_or(0.0))
}

/// [`ser_decimal`] for an optional value (`null` when absent).
pub fn ser_opt_decimal<S: Serializer>(d: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => ser_decimal(d, s),
        None => s.serialize_none(),
    }
}
