//! The ground floor every layer shares: the indicator catalogue (id, naam, eenheid, werksoort),
//! the indicator record with its status and norm, the werksoorten with their names and order,
//! the code lists, the shape of the data-quality account, and the Dutch formatting of numbers,
//! money, dates and periods.
//!
//! Nothing here imports another module of the crate except [`crate::period`]: ingest, kpi,
//! finance, report and render all build on this floor, never the other way round.

pub mod catalogus;
pub mod codes;
pub mod format;
pub mod indicator;
pub mod kwaliteit;
pub mod outputs;
pub mod proeftuin;
pub mod status;
pub mod werksoort;
