//! Whether a report is final: `definitief`, `voorlopig` (the period still runs in the data, see
//! `crate::dekking`) or `concept` (a raad letter missing a text).

use serde::Serialize;

/// Whether a report is final.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rapportstatus {
    /// The data covers the whole period.
    #[default]
    Definitief,
    /// The period's peildatum lies after the last date in hulpvragen.csv or realisatie.csv.
    Voorlopig,
    /// The raad letter while a text it needs is missing (raad.md, or an analysis it mentions).
    Concept,
}

impl Rapportstatus {
    /// Dutch word for the reader.
    pub fn label(self) -> &'static str {
        match self {
            Rapportstatus::Definitief => "definitief",
            Rapportstatus::Voorlopig => "voorlopig",
            Rapportstatus::Concept => "concept",
        }
    }
}
