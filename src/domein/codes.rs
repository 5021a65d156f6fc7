//! Code lists of the data contract that more than one layer needs.

use serde::Serialize;

/// The uitstroom codes of `data-contract.md` (`hulpvragen.csv`), in the order of the contract.
pub const UITSTROOM_CODES: [&str; 9] = [
    "zelfstandig",
    "netwerk",
    "vrijwilligers",
    "activiteiten",
    "collectief",
    "maatwerk_wmo",
    "specialistisch",
    "jeugdhulp",
    "overig",
];

/// Dutch label of an uitstroom code.
pub fn uitstroom_label(code: &str) -> &'static str {
    match code {
        "zelfstandig" => "zelfstandig verder",
        "netwerk" => "persoonlijk netwerk",
        "vrijwilligers" => "vrijwilligers",
        "activiteiten" => "laagdrempelige activiteiten",
        "collectief" => "collectief sociaal werk",
        "maatwerk_wmo" => "maatwerkvoorziening Wmo",
        "specialistisch" => "specialistische voorziening",
        "jeugdhulp" => "jeugdhulp",
        _ => "overig",
    }
}

/// Status of a doel as the provider reports it in `doelen.csv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DoelStatus {
    /// `behaald`
    Behaald,
    /// `op_koers`
    OpKoers,
    /// `risico`
    Risico,
    /// `niet_behaald`
    NietBehaald,
    /// `nvt`
    Nvt,
    /// No row (or no file) for the doel.
    NietAangeleverd,
}

impl DoelStatus {
    /// Dutch label for reports.
    pub fn label(self) -> &'static str {
        match self {
            DoelStatus::Behaald => "behaald",
            DoelStatus::OpKoers => "op koers",
            DoelStatus::Risico => "risico",
            DoelStatus::NietBehaald => "niet behaald",
            DoelStatus::Nvt => "n.v.t.",
            DoelStatus::NietAangeleverd => "niet aangeleverd",
        }
    }
}
