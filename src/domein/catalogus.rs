//! The indicator catalogue of `kpi-catalogus.md`: every indicator id with its Dutch name,
//! werksoort and unit. Norms are not here: they live in `data/afspraken/<jaar>.toml`.

use serde::Serialize;

/// Unit of an indicator's `waarde` (the JSON `eenheid`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Eenheid {
    Aantal,
    /// A mean of counts (deelnemers per cursus of groep): shown with one decimal, `12,5`.
    Gemiddelde,
    Fractie,
    Dagen,
    Weken,
    Euro,
}

/// One entry of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorDef {
    /// Stable id, `WERKSOORT.naam` (e.g. `ISW.eerste_gesprek_4w`).
    pub id: String,
    /// Werksoort code, or `SW` for ISW and CSW together.
    pub werksoort: String,
    /// Dutch name for the reader.
    pub naam: String,
    pub eenheid: Eenheid,
}

pub use super::codes::{CONTACT_SOORTEN, UITSTROOM_CODES, contactsoort_label, uitstroom_label};
pub use super::werksoort::{WERKSOORTEN, WERKSOORTEN_MET_WACHTLIJST};

fn def(id: String, werksoort: &str, naam: String, eenheid: Eenheid) -> IndicatorDef {
    IndicatorDef {
        id,
        werksoort: werksoort.to_string(),
        naam,
        eenheid,
    }
}

/// Every indicator of the catalogue, in report order (grouped by werksoort as the quarterly
/// report shows them). 76 entries.
pub fn alle() -> Vec<IndicatorDef> {
    gebouwd().to_vec()
}

/// The catalogue, built once (lookups happen per input row and per indicator).
fn gebouwd() -> &'static [IndicatorDef] {
    static CATALOGUS: std::sync::OnceLock<Vec<IndicatorDef>> = std::sync::OnceLock::new();
    CATALOGUS.get_or_init(bouw)
}

fn bouw() -> Vec<IndicatorDef> {
    use Eenheid::*;
    let mut v = Vec::new();
    for ws in WERKSOORTEN {
        v.push(def(format!("{ws}.aanmeldingen"), ws, "Aanmeldingen".into(), Aantal));
        v.push(def(
            format!("{ws}.afgesloten"),
            ws,
            "Afgesloten hulpvragen".into(),
            Aantal,
        ));
        if WERKSOORTEN_MET_WACHTLIJST.contains(&ws) {
            v.push(def(
                format!("{ws}.wachtlijst"),
                ws,
                "Wachtlijst (langer dan 14 dagen)".into(),
                Aantal,
            ));
            v.push(def(
                format!("{ws}.wachttijd_mediaan"),
                ws,
                "Wachttijd tot eerste gesprek, mediaan".into(),
                Dagen,
            ));
            v.push(def(
                format!("{ws}.wachttijd_p90"),
                ws,
                "Wachttijd tot eerste gesprek, 90e percentiel".into(),
                Dagen,
            ));
        }
        match ws {
            "ISW" => {
                v.push(def(
                    "ISW.eerste_gesprek_4w".into(),
                    ws,
                    "Eerste vraagverhelderingsgesprek binnen 4 weken (individueel)".into(),
                    Fractie,
                ));
                v.push(def(
                    "ISW.eerste_gesprek_6w".into(),
                    ws,
                    "Eerste vraagverhelderingsgesprek binnen 6 weken (individueel)".into(),
                    Fractie,
                ));
                v.push(def(
                    "ISW.afgesloten_6m".into(),
                    ws,
                    "Traject afgesloten binnen 6 maanden".into(),
                    Fractie,
                ));
                v.push(def(
                    "ISW.doorverwijzing_wmo".into(),
                    ws,
                    "Doorverwijzing naar maatwerkvoorziening Wmo".into(),
                    Fractie,
                ));
                v.push(def(
                    "ISW.uitstroom_zelfstandig".into(),
                    ws,
                    "Uitstroom zelfstandig of naar eigen netwerk".into(),
                    Fractie,
                ));
            }
            "CSW" => {
                v.push(def(
                    "CSW.eerste_gesprek_4w".into(),
                    ws,
                    "Eerste vraagverhelderingsgesprek binnen 4 weken (collectief)".into(),
                    Fractie,
                ));
                v.push(def(
                    "CSW.eerste_gesprek_6w".into(),
                    ws,
                    "Eerste vraagverhelderingsgesprek binnen 6 weken (collectief)".into(),
                    Fractie,
                ));
                v.push(def(
                    "CSW.ontmoeting_wijkgebieden".into(),
                    ws,
                    "Wijkgebieden met ontmoetingsactiviteit door inwoners".into(),
                    Fractie,
                ));
            }
            "JGD" => {
                v.push(def(
                    "JGD.in_behandeling_2w".into(),
                    ws,
                    "Hulpvraag binnen 2 weken in behandeling".into(),
                    Fractie,
                ));
                v.push(def(
                    "JGD.overschrijding_2w".into(),
                    ws,
                    "Overschrijdingen termijn 2 weken".into(),
                    Aantal,
                ));
                v.push(def(
                    "JGD.overschrijding_2w.weken_totaal".into(),
                    ws,
                    "Overschrijding 2 weken: weken totaal".into(),
                    Weken,
                ));
                v.push(def(
                    "JGD.overschrijding_2w.weken_gemiddeld".into(),
                    ws,
                    "Overschrijding 2 weken: weken gemiddeld".into(),
                    Weken,
                ));
                v.push(def(
                    "JGD.overschrijding_2w.weken_max".into(),
                    ws,
                    "Overschrijding 2 weken: weken maximaal".into(),
                    Weken,
                ));
                v.push(def(
                    "JGD.toeleiding_8w".into(),
                    ws,
                    "Besluit jeugdhulp binnen 8 weken".into(),
                    Fractie,
                ));
                v.push(def(
                    "JGD.overschrijding_8w".into(),
                    ws,
                    "Overschrijdingen termijn 8 weken".into(),
                    Aantal,
                ));
                v.push(def(
                    "JGD.overschrijding_8w.weken_totaal".into(),
                    ws,
                    "Overschrijding 8 weken: weken totaal".into(),
                    Weken,
                ));
                v.push(def(
                    "JGD.overschrijding_8w.weken_gemiddeld".into(),
                    ws,
                    "Overschrijding 8 weken: weken gemiddeld".into(),
                    Weken,
                ));
                v.push(def(
                    "JGD.overschrijding_8w.weken_max".into(),
                    ws,
                    "Overschrijding 8 weken: weken maximaal".into(),
                    Weken,
                ));
                v.push(def(
                    "JGD.zelf_opgelost_max5".into(),
                    ws,
                    "Zelf opgelost in maximaal 5 gesprekken".into(),
                    Fractie,
                ));
                v.push(def(
                    "JGD.crisis_1d".into(),
                    ws,
                    "Crisis binnen 1 dag opgepakt".into(),
                    Fractie,
                ));
                v.push(def(
                    "JGD.uitstroom_jeugdhulp".into(),
                    ws,
                    "Uitstroom naar jeugdhulp of specialistische hulp".into(),
                    Fractie,
                ));
            }
            "JW" => {
                v.push(def(
                    "JW.deelnemers".into(),
                    ws,
                    "Deelnemers aan activiteiten jongerenwerk".into(),
                    Aantal,
                ));
                v.push(def(
                    "JW.warme_overdracht".into(),
                    ws,
                    "Warme overdracht naar vervolg".into(),
                    Fractie,
                ));
            }
            _ => {}
        }
        if matches!(ws, "ISW" | "CSW" | "JGD") {
            for code in UITSTROOM_CODES {
                v.push(def(
                    format!("{ws}.uitstroom.{code}"),
                    ws,
                    format!("Uitstroom: {}", uitstroom_label(code)),
                    Fractie,
                ));
            }
        }
    }
    v.push(def(
        "SW.eerste_gesprek_4w".into(),
        "SW",
        "Eerste vraagverhelderingsgesprek binnen 4 weken".into(),
        Fractie,
    ));
    v.push(def(
        "SW.eerste_gesprek_6w".into(),
        "SW",
        "Eerste vraagverhelderingsgesprek binnen 6 weken".into(),
        Fractie,
    ));
    v.push(def(
        "SW.herhaalde_hulpvraag".into(),
        "SW",
        "Herhaalde hulpvraag binnen een jaar".into(),
        Fractie,
    ));
    v.push(def(
        "SW.inzet_individueel".into(),
        "SW",
        "Aandeel individuele inzet sociaal werk".into(),
        Fractie,
    ));
    v
}

/// The output indicators of seed 003 (catalogue section "Outputs of seed 003", revision 3):
/// computed by `kpi::outputs` and `finance` beside the main list, because the contact figures
/// exist only when contacten.csv is delivered and the cost figure is money. Ids are known to
/// [`zoek`] and [`bestaat`] (the agreement may set norms on them and link doelen to them), but
/// [`alle`] stays the engine's list. The categorie breakdown is a table, not ids.
pub fn outputs() -> Vec<IndicatorDef> {
    output_gebouwd().to_vec()
}

fn output_gebouwd() -> &'static [IndicatorDef] {
    static OUTPUTS: std::sync::OnceLock<Vec<IndicatorDef>> = std::sync::OnceLock::new();
    OUTPUTS.get_or_init(bouw_outputs)
}

fn bouw_outputs() -> Vec<IndicatorDef> {
    use Eenheid::*;
    let mut v = Vec::new();
    for ws in WERKSOORTEN {
        v.push(def(
            format!("{ws}.cursussen_groepen"),
            ws,
            "Cursussen en groepen".into(),
            Aantal,
        ));
        v.push(def(
            format!("{ws}.deelnemers_gemiddeld"),
            ws,
            "Gemiddeld aantal deelnemers per cursus of groep".into(),
            Gemiddelde,
        ));
    }
    v.push(def(
        "CSW.burgerinitiatieven".into(),
        "CSW",
        "Ondersteunde burgerinitiatieven".into(),
        Aantal,
    ));
    v.push(def(
        "CSW.burgerinitiatieven_nieuw".into(),
        "CSW",
        "Nieuwe burgerinitiatieven".into(),
        Aantal,
    ));
    for ws in WERKSOORTEN {
        for soort in CONTACT_SOORTEN {
            let label = contactsoort_label(soort);
            let mut naam: Vec<char> = label.chars().collect();
            naam[0] = naam[0].to_uppercase().next().unwrap_or(naam[0]);
            v.push(def(
                format!("{ws}.contacten.{soort}"),
                ws,
                naam.into_iter().collect(),
                Aantal,
            ));
        }
    }
    v.push(def(
        "CSW.buurtbemiddeling_positief".into(),
        "CSW",
        "Buurtbemiddeling positief afgerond".into(),
        Fractie,
    ));
    v.push(def(
        "CSW.koppeling_succesvol".into(),
        "CSW",
        "Succesvolle vrijwilligerskoppeling".into(),
        Fractie,
    ));
    for ws in WERKSOORTEN {
        v.push(def(
            format!("{ws}.kosten_per_afgesloten"),
            ws,
            "Kosten per afgesloten hulpvraag".into(),
            Euro,
        ));
    }
    v
}

/// The catalogue entry for `id`, if it exists (main list or outputs).
pub fn zoek(id: &str) -> Option<IndicatorDef> {
    gebouwd().iter().chain(output_gebouwd()).find(|d| d.id == id).cloned()
}

/// Whether `id` is an indicator of the catalogue (main list or outputs).
pub fn bestaat(id: &str) -> bool {
    gebouwd().iter().chain(output_gebouwd()).any(|d| d.id == id)
}

/// The name a person reads for an indicator id: its werksoort and name, "Jeugd (CJG) –
/// Besluit jeugdhulp binnen 8 weken"; an id outside the catalogue (a begroting regel such as
/// `ISW-04`) is returned as it is.
pub fn leesbare_naam(id: &str) -> String {
    match zoek(id) {
        Some(d) => format!("{} – {}", super::werksoort::naam(&d.werksoort), d.naam),
        None => id.to_string(),
    }
}

/// Short names for chart axes (at most 13 characters, so they fit under a bar group), for the
/// indicators the raad letter charts; the tables next to a chart carry the full names.
pub fn korte_naam(id: &str) -> Option<&'static str> {
    Some(match id {
        "SW.eerste_gesprek_4w" | "ISW.eerste_gesprek_4w" => "Gesprek ≤4 wk",
        "SW.eerste_gesprek_6w" | "ISW.eerste_gesprek_6w" => "Gesprek ≤6 wk",
        "ISW.afgesloten_6m" => "Klaar ≤6 mnd",
        "ISW.doorverwijzing_wmo" => "Naar Wmo",
        "ISW.uitstroom_zelfstandig" => "Zelfstandig",
        "JGD.in_behandeling_2w" => "Start ≤2 wk",
        "JGD.toeleiding_8w" => "Besluit ≤8 wk",
        "JGD.zelf_opgelost_max5" => "≤5 gesprekken",
        "JGD.crisis_1d" => "Crisis ≤1 dag",
        "JGD.uitstroom_jeugdhulp" => "Jeugdhulp",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readable_names_for_ids() {
        assert_eq!(
            leesbare_naam("JGD.toeleiding_8w"),
            "Jeugd (CJG) – Besluit jeugdhulp binnen 8 weken"
        );
        assert_eq!(leesbare_naam("ISW-04"), "ISW-04");
    }

    #[test]
    fn catalogue_has_every_indicator_once() {
        let all = alle();
        assert_eq!(all.len(), 76);
        let mut ids: Vec<_> = all.iter().map(|d| d.id.as_str()).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 76, "duplicate ids");
        // Revision 3: the 4/6-week norm is judged over ISW and CSW together.
        assert_eq!(zoek("SW.eerste_gesprek_4w").unwrap().werksoort, "SW");
        assert!(bestaat("CSW.eerste_gesprek_6w"));
        assert!(bestaat("JGD.crisis_1d"));
        assert!(bestaat("ISW.eerste_gesprek_4w"));
        assert!(bestaat("JGD.uitstroom.jeugdhulp"));
        assert!(!bestaat("JW.wachtlijst"));
        assert!(!bestaat("SRW.uitstroom.netwerk"));
    }

    #[test]
    fn output_ids_are_known_but_not_in_the_engine_list() {
        let o = outputs();
        // 5 × (cursussen_groepen, deelnemers_gemiddeld) + 2 burgerinitiatieven + 5 × 9 contact
        // soorten + 2 fractions + 5 kosten_per_afgesloten.
        assert_eq!(o.len(), 10 + 2 + 45 + 2 + 5);
        let a = alle();
        let mut ids: Vec<&str> = o.iter().chain(a.iter()).map(|d| d.id.as_str()).collect();
        let n = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), n, "an output id repeats a catalogue id");
        assert!(bestaat("CSW.buurtbemiddeling_positief"));
        assert!(bestaat("JW.contacten.ouderenbezoek"));
        assert_eq!(zoek("ISW.kosten_per_afgesloten").unwrap().eenheid, Eenheid::Euro);
        assert_eq!(zoek("SRW.contacten.kort_contact").unwrap().naam, "Korte contacten");
        assert!(!alle().iter().any(|d| d.id == "CSW.koppeling_succesvol"));
    }
}
