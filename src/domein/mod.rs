//! The ground floor every layer shares: the indicator catalogue (id, naam, eenheid, werksoort),
//! and the Dutch formatting of numbers, money, dates and periods.
//!
//! Nothing here imports another module of the crate except [`crate::period`]: ingest, kpi,
//! finance, report and render all build on this floor, never the other way round.

pub mod catalogus;
pub mod format;
