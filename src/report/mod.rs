//! Report models: one module per deliverable. Each assembles a plain serde model from the
//! computed figures and the toelichting; the renderers turn that model into files. The JSON
//! export is the model itself, serialised.

pub mod concept;
pub mod financieel;
pub mod inhoudelijk;
pub mod kwartaal;
pub mod onderdrukking;
pub mod proeftuin;
pub mod raad;

use chrono::NaiveDate;
use serde::Serialize;

use crate::period::Periode;

/// The JSON `periode` object: `{"code": "2024-Q2", "start": "2024-04-01", "peildatum": "2024-06-30"}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeriodeJson {
    pub code: String,
    pub start: NaiveDate,
    pub peildatum: NaiveDate,
}

impl From<Periode> for PeriodeJson {
    fn from(p: Periode) -> Self {
        PeriodeJson {
            code: p.to_string(),
            start: p.start(),
            peildatum: p.peildatum(),
        }
    }
}
