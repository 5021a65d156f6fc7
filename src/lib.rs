//! domeinrapport: the reporting pipeline of gemeente Oss for its subsidy to ONS welzijn.
//!
//! data/ ──ingest──> typed tables ──kpi/finance──> figures ──report──> report model ──render──> files
//!
//! See `../shared/spec/architecture.md`. Each stage is one module; data flows one way.

pub mod afspraken;
pub mod app;
pub mod cli;
pub mod dekking;
pub mod demo;
pub mod domein;
pub mod finance;
pub mod herhaling;
pub mod ingest;
pub mod kpi;
pub mod period;
pub mod planning;
pub mod publish;
pub mod render;
pub mod report;
