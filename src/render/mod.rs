//! Renderers: turn report models into files.
//!
//! [`document`] is the generic presentation model; [`pdf`] (Typst) and [`html`] render any
//! [`document::Document`]; [`grafiek`] draws the SVG charts both use; [`markdown`] turns the
//! toelichting Markdown into blocks.
//!
//! Each deliverable's module implements [`Weergave`]: its files from its report model alone.

pub mod datakwaliteit;
pub mod document;
pub mod financieel;
pub mod grafiek;
pub mod html;
pub mod inhoudelijk;
pub mod kwartaal;
pub mod maand;
pub mod markdown;
pub mod outputs;
pub mod pdf;
pub mod proeftuin;
pub mod raad;
pub mod status;
pub mod tekst;
pub mod terminal;
pub mod xlsx;
pub mod xlsx_financieel;

/// The files of one deliverable, made from its report model and nothing else (the templates
/// folder holds the layout, not data).
pub trait Weergave {
    /// The deliverable's files besides its JSON, as `(extension, bytes)`: `("pdf", …)`.
    fn bestanden(&self, templates: &std::path::Path) -> anyhow::Result<Vec<(&'static str, Vec<u8>)>>;
}
