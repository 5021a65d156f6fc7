//! The halfjaarrapportage financieel as a [`Document`] (for the PDF).

use super::document::Document;
use crate::report::financieel::Halfjaarfinancieel;

/// The document of the halfjaarrapportage financieel.
pub fn document(_m: &Halfjaarfinancieel) -> Document {
    todo!("render::financieel::document")
}
