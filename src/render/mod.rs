//! Renderers: turn report models into files.
//!
//! [`document`] is the generic presentation model; [`pdf`] (Typst) and [`html`] render any
//! [`document::Document`]; [`grafiek`] draws the SVG charts both use; [`markdown`] turns the
//! toelichting Markdown into blocks.

pub mod datakwaliteit;
pub mod document;
pub mod financieel;
pub mod format;
pub mod grafiek;
pub mod html;
pub mod inhoudelijk;
pub mod kwartaal;
pub mod markdown;
pub mod pdf;
pub mod proeftuin;
pub mod raad;
pub mod status;
pub mod tekst;
pub mod terminal;
pub mod xlsx;
pub mod xlsx_financieel;
