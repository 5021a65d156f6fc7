//! Renderers: turn report models into files.
//!
//! [`document`] is the generic presentation model; [`pdf`] (Typst) and [`html`] render any
//! [`document::Document`]; [`grafiek`] draws the SVG charts both use; [`markdown`] turns the
//! toelichting Markdown into blocks.

pub mod datakwaliteit;
/// Dutch formatting lives on the ground floor ([`crate::domein::format`]).
pub use crate::domein::format;
pub mod document;
pub mod financieel;
pub mod grafiek;
pub mod html;
pub mod inhoudelijk;
pub mod kwartaal;
pub mod markdown;
pub mod pdf;
pub mod raad;
pub mod tekst;
pub mod terminal;
pub mod xlsx;
pub mod xlsx_financieel;
