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

/// The contact soorten of `contacten.csv` (`data-contract.md`, revision 3), in the contract's order.
pub const CONTACT_SOORTEN: [&str; 9] = [
    "kort_contact",
    "spreekuur",
    "snelle_interventie",
    "beschermtafel",
    "buurtbemiddeling",
    "vrijwilligerskoppeling",
    "ouderenbezoek",
    "formulierenbrigade",
    "overig",
];

/// The contact soorten that carry a `resultaat` (elsewhere a value is rejected).
pub const CONTACT_SOORTEN_MET_RESULTAAT: [&str; 2] = ["buurtbemiddeling", "vrijwilligerskoppeling"];

/// The `resultaat` codes of `contacten.csv`.
pub const CONTACT_RESULTATEN: [&str; 3] = ["positief", "negatief", "lopend"];

/// Dutch label of a contact soort.
pub fn contactsoort_label(code: &str) -> &'static str {
    match code {
        "kort_contact" => "korte contacten",
        "spreekuur" => "spreekuur",
        "snelle_interventie" => "snelle interventies",
        "beschermtafel" => "beschermtafel",
        "buurtbemiddeling" => "buurtbemiddelingen",
        "vrijwilligerskoppeling" => "vrijwilligerskoppelingen",
        "ouderenbezoek" => "ouderenbezoeken",
        "formulierenbrigade" => "formulierenbrigade",
        _ => "overige contacten",
    }
}

/// Dutch label of a hulpvraag categorie (`data-contract.md`, fixed codes).
pub fn categorie_label(code: &str) -> String {
    match code {
        "financien" => "Financiën".into(),
        "wonen" => "Wonen".into(),
        "werk_inkomen" => "Werk en inkomen".into(),
        "psychosociaal" => "Psychosociaal".into(),
        "eenzaamheid" => "Eenzaamheid".into(),
        "opvoeding" => "Opvoeding".into(),
        "ontwikkeling_kind" => "Ontwikkeling kind".into(),
        "mantelzorg" => "Mantelzorg".into(),
        "huiselijk_geweld" => "Huiselijk geweld".into(),
        "gezondheid" => "Gezondheid".into(),
        "juridisch" => "Juridisch".into(),
        "overig" => "Overig".into(),
        // A code the agreement added: shown as written, underscores as spaces.
        other => other.replace('_', " "),
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
