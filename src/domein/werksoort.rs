//! The werksoorten of the data contract: codes, names, short names, financiering and the order
//! in which every report shows them. The one list; the agreement's names override the names here
//! only when a year's `afspraken/<jaar>.toml` spells them differently.

use serde::{Deserialize, Serialize};

/// Financiering of a werksoort / begroting regel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Financiering {
    /// Wet maatschappelijke ondersteuning (adults: SRW, ISW, CSW, JW).
    Wmo,
    /// Jeugdwet (the CJG, JGD).
    Jeugdwet,
}

impl Financiering {
    /// The spelling used in the afspraken file and in `begroting.csv`: `Wmo` / `Jeugdwet`.
    pub fn as_str(self) -> &'static str {
        match self {
            Financiering::Wmo => "Wmo",
            Financiering::Jeugdwet => "Jeugdwet",
        }
    }
}

/// One werksoort of the data contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WerksoortDef {
    /// `SRW`, `ISW`, `CSW`, `JGD`, `JW`.
    pub code: &'static str,
    /// Dutch name ("Individueel sociaal werk").
    pub naam: &'static str,
    /// Short name for chart axes and narrow columns ("Individueel").
    pub kort: &'static str,
    /// Wmo or Jeugdwet.
    pub financiering: Financiering,
}

/// The werksoorten in report order.
pub const DEFS: [WerksoortDef; 5] = [
    WerksoortDef {
        code: "SRW",
        naam: "Sociaal raadsliedenwerk",
        kort: "Raadslieden",
        financiering: Financiering::Wmo,
    },
    WerksoortDef {
        code: "ISW",
        naam: "Individueel sociaal werk",
        kort: "Individueel",
        financiering: Financiering::Wmo,
    },
    WerksoortDef {
        code: "CSW",
        naam: "Collectief sociaal werk",
        kort: "Collectief",
        financiering: Financiering::Wmo,
    },
    WerksoortDef {
        code: "JGD",
        naam: "Jeugd (CJG)",
        kort: "Jeugd (CJG)",
        financiering: Financiering::Jeugdwet,
    },
    WerksoortDef {
        code: "JW",
        naam: "Jongerenwerk",
        kort: "Jongerenwerk",
        financiering: Financiering::Wmo,
    },
];

/// Werksoort codes in report order.
pub const WERKSOORTEN: [&str; 5] = ["SRW", "ISW", "CSW", "JGD", "JW"];

/// The werksoorten with a wachtlijst and wachttijd (all but JW).
pub const WERKSOORTEN_MET_WACHTLIJST: [&str; 4] = ["SRW", "ISW", "CSW", "JGD"];

/// The cross-werksoort group of the catalogue: ISW and CSW together.
pub const SW: &str = "SW";

/// Name of the [`SW`] group.
pub const SW_NAAM: &str = "Sociaal werk (individueel en collectief samen)";

/// Report order of the indicator groups: the werksoorten, then [`SW`].
pub const VOLGORDE: [&str; 6] = ["SRW", "ISW", "CSW", "JGD", "JW", SW];

/// The werksoort with this code.
pub fn def(code: &str) -> Option<&'static WerksoortDef> {
    DEFS.iter().find(|w| w.code == code)
}

/// Name of a werksoort code or of the SW group; an unknown code names itself.
pub fn naam(code: &str) -> &str {
    match def(code) {
        Some(w) => w.naam,
        None if code == SW => SW_NAAM,
        None => code,
    }
}

/// Short name for chart axes: "Individueel", "Sociaal werk"; an unknown code names itself.
pub fn kort(code: &str) -> &str {
    match def(code) {
        Some(w) => w.kort,
        None if code == SW => "Sociaal werk",
        None => code,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_list_in_report_order() {
        let codes: Vec<&str> = DEFS.iter().map(|w| w.code).collect();
        assert_eq!(codes, WERKSOORTEN);
        assert_eq!(&VOLGORDE[..5], &WERKSOORTEN);
        assert!(WERKSOORTEN_MET_WACHTLIJST.iter().all(|c| WERKSOORTEN.contains(c)));
        assert_eq!(naam("ISW"), "Individueel sociaal werk");
        assert_eq!(naam("SW"), SW_NAAM);
        assert_eq!(naam("XYZ"), "XYZ");
        assert_eq!(kort("SRW"), "Raadslieden");
        assert_eq!(def("JGD").map(|w| w.financiering), Some(Financiering::Jeugdwet));
    }
}
