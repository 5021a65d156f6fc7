//! The indicator catalogue and engine: every indicator of `kpi-catalogus.md`, computed with polars
//! expressions over the ingested tables for any [`Tijdvak`](crate::period::Tijdvak).
//!
//! A KPI function never formats a number: it returns [`Indicator`] values (counts, exact
//! fractions as teller/noemer, days, weeks) with their status against the agreement's norm.

pub mod bron;
pub mod engine;
pub mod outputs;
pub mod proeftuin;

/// The catalogue lives on the ground floor ([`crate::domein::catalogus`]); the engine names it
/// `super::catalogus`.
pub use crate::domein::catalogus;

pub use crate::domein::catalogus::Eenheid;
pub use crate::domein::indicator::{Indicator, NormJson, Status, ser_decimal, ser_opt_decimal};
pub use bron::Bron;
pub use engine::{Wijkgebiedcijfers, bereken, per_wijkgebied};
pub use outputs::Outputcijfers;
pub use proeftuin::Proeftuincijfers;
