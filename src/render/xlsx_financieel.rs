//! The halfjaarrapportage financieel workbook.

use rust_xlsxwriter::XlsxError;

use crate::report::financieel::Halfjaarfinancieel;

/// Writes the workbook.
pub fn schrijf(_m: &Halfjaarfinancieel) -> Result<Vec<u8>, XlsxError> {
    todo!("render::xlsx_financieel::schrijf")
}
