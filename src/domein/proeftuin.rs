//! The shape of the Proeftuin Ruwaard's own figures (catalogue convention "Proeftuin", revision
//! 3): what `kpi::proeftuin` computes and the reports show. Here on the ground floor so that the
//! report models and the renderers share it without importing the engine.

use rust_decimal::Decimal;
use serde::Serialize;

use super::indicator::ser_opt_decimal;

/// The Proeftuin figures of one werksoort for one period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProeftuinWerksoort {
    /// Werksoort code.
    pub werksoort: String,
    /// Werksoort name from the agreement.
    pub naam: String,
    /// Hulpvragen with aanmelddatum in P.
    pub aanmeldingen: i64,
    /// Waiting more than 14 days at the peildatum; `None` for a werksoort without a wachtlijst
    /// (JW).
    pub wachtlijst: Option<i64>,
    /// Median days to the first conversation, over first conversations in P; `None` when there
    /// are none (or for JW).
    #[serde(serialize_with = "ser_opt_decimal")]
    pub wachttijd_mediaan: Option<Decimal>,
    /// The nearest-rank 90th percentile of the same.
    #[serde(serialize_with = "ser_opt_decimal")]
    pub wachttijd_p90: Option<Decimal>,
    /// Number of first conversations in P the wachttijd is computed over.
    pub wachttijd_aantal: i64,
    /// Hulpvragen afgesloten in P.
    pub afgesloten: i64,
}

/// The Proeftuin section of a report (the JSON `proeftuin` object).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Proeftuincijfers {
    /// "Proeftuin Ruwaard" (from the afspraken).
    pub naam: String,
    /// The wijkgebied of the Proeftuin (`W03`).
    pub wijkgebied: String,
    /// The sentence that the agreement's norms do not bind the Proeftuin.
    pub toelichting: String,
    /// Whether hulpvragen.csv marks any hulpvraag as Proeftuin at all (the column is optional).
    pub gemarkeerd: bool,
    /// Per werksoort, in report order.
    pub werksoorten: Vec<ProeftuinWerksoort>,
}
