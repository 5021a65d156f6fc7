//! The shape of seed 003's output figures (revision 3): what `kpi::outputs` computes and the
//! reports show. Here on the ground floor so that report models and renderers share it without
//! importing the engine.

use serde::Serialize;

use super::indicator::Indicator;

/// One cell of the categorie table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Categorietelling {
    /// The categorie code (`financien`, …).
    pub categorie: String,
    /// Dutch label.
    pub naam: String,
    /// Aanmeldingen of the werksoort in P with this categorie.
    pub aantal: i64,
}

/// The categorie breakdown of one werksoort's aanmeldingen.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CategorieWerksoort {
    pub werksoort: String,
    pub naam: String,
    /// Every categorie of the agreement, in its order (zero included).
    pub categorieen: Vec<Categorietelling>,
    /// Sum of the cells (= `X.aanmeldingen`, which counts the Proeftuin too).
    pub totaal: i64,
}

/// The output figures of one tijdvak (the JSON `outputs` object).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outputcijfers {
    /// Aanmeldingen per categorie, per werksoort in catalogue order.
    pub categorieen: Vec<CategorieWerksoort>,
    /// `X.cursussen_groepen`, `X.deelnemers_gemiddeld` per werksoort, then
    /// `CSW.burgerinitiatieven` and `CSW.burgerinitiatieven_nieuw`.
    pub activiteiten: Vec<Indicator>,
    /// Whether contacten.csv was delivered; when not, every figure in `contacten` has status
    /// `niet_aangeleverd` (no value) and the internal reports say "niet aangeleverd".
    pub contacten_aangeleverd: bool,
    /// `X.contacten.<soort>` for every werksoort and soort, then `CSW.buurtbemiddeling_positief`
    /// and `CSW.koppeling_succesvol` (always all of them).
    pub contacten: Vec<Indicator>,
}

impl Outputcijfers {
    /// The indicator `id` among the activities and contacts.
    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.activiteiten.iter().chain(&self.contacten).find(|i| i.id == id)
    }
}
