//! The agreement per year (`data/afspraken/<jaar>.toml`): werksoorten, wijkgebieden, categories,
//! indicator norms, doelen, risico's, the financial variance rule, the suppression rule, the
//! Proeftuin Ruwaard earmark and (optional) the form of the raadsinformatiebrief about the year
//! (`[raadsbrief]`, see [`Raadsbrief`]). Parsed strictly: an unknown key, a norm for an unknown
//! indicator or a doel that points at an unknown indicator is a fatal configuration error naming it.
//!
//! STRUCT DEFINITIONS ARE THE CONTRACT other modules code against; loading and validation are
//! filled in by the afspraken work (issue 2).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::domein::{catalogus, werksoort};

pub use crate::domein::werksoort::Financiering;

/// One werksoort of the agreement (seed 002 chapter 3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Werksoort {
    /// `SRW`, `ISW`, `CSW`, `JGD`, `JW`.
    pub code: String,
    /// Dutch name, e.g. "Individueel sociaal werk".
    pub naam: String,
    /// `Jeugdwet` for JGD, `Wmo` for the others (checked when loading).
    pub financiering: Financiering,
}

/// One of the 11 wijkgebieden.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Wijkgebied {
    /// `W01` … `W11`.
    pub code: String,
    /// Dutch name of the wijk or kernen, e.g. "Ruwaard".
    pub naam: String,
}

pub use crate::domein::indicator::Richting;

/// A norm: direction and threshold (a fraction in [0, 1] for fraction indicators).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Norm {
    /// `min` or `max`.
    pub richting: Richting,
    /// Threshold, exactly as written in the file (e.g. `0.9`).
    pub drempel: Decimal,
}

/// One indicator of the catalogue as the agreement sees it: a norm (or none: `monitor`), the
/// date the norm takes effect, and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorAfspraak {
    /// Catalogue id, e.g. `ISW.eerste_gesprek_4w`.
    pub id: String,
    /// `None`: the agreement sets no norm (status `monitor`).
    pub norm: Option<Norm>,
    /// The norm applies to periods ending on or after this date; before it, status `nvt`.
    pub vanaf: Option<NaiveDate>,
    /// Source in the seeds, e.g. "002 kernbeding ISW/CSW 1".
    pub bron: String,
}

/// A doel of the agreement (seed 002 "Doelen" lists).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Doel {
    /// `ISW-D4`, `JGD-H2.3`.
    pub id: String,
    /// Werksoort code, equal to the id's prefix.
    pub werksoort: String,
    /// The CJG hoofddoel the doel falls under (JGD only): its full text.
    pub hoofddoel: Option<String>,
    /// Full Dutch text as in seed 002. Bullet lists inside a doel are kept as lines starting
    /// with `- `, separated by `\n`.
    pub tekst: String,
    /// Indicator ids that measure this doel (may be empty).
    pub indicatoren: Vec<String>,
}

/// A risico of the agreement (seed 002 risk tables). The effect is kans × schade, see
/// [`Risico::effect`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Risico {
    /// `ISW-R2`.
    pub id: String,
    /// Werksoort code, equal to the id's prefix.
    pub werksoort: String,
    /// Dutch text of the risk as in seed 002 (paragraphs separated by `\n\n`).
    pub tekst: String,
    /// The randvoorwaarde(n) that go with it in seed 002: each measure on its own line(s), its
    /// "Verantwoordelijk…" and "Waar:" lines under it, measures separated by `\n\n`.
    pub randvoorwaarde: Option<String>,
    /// 1–3.
    pub kans: u8,
    /// 1–3.
    pub schade: u8,
}

/// How the begroting is priced: seed 002 gives 2021 prices; each year's lines are the 2021 lines
/// × (1 + indexatie_pct / 100), per line rounded to the cent (half away from zero).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BegrotingAfspraak {
    /// Price level of the seed's amounts (2021).
    pub prijspeil: i32,
    /// Cumulative indexation from the prijspeil to this year, in percent (e.g. 15.51).
    pub indexatie_pct: Decimal,
    /// Price of one fte at the prijspeil (seed 002: €107.331,09).
    pub fte_normprijs: Decimal,
}

/// When a financial variance needs an analysis:
/// |verschil| ≥ drempel_bedrag or |verschil_pct| ≥ drempel_pct, unless |verschil| < ondergrens_bedrag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Variantieregel {
    /// €25.000
    pub drempel_bedrag: Decimal,
    /// 0.10 (a fraction)
    pub drempel_pct: Decimal,
    /// €1.000
    pub ondergrens_bedrag: Decimal,
}

/// Disclosure control for public reports: counts 1..min_aantal-1 are shown as `<min_aantal`;
/// a percentage whose noemer is below min_noemer is shown as `*`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Onderdrukking {
    /// 5
    pub min_aantal: u32,
    /// 10
    pub min_noemer: u32,
}

/// The Proeftuin Ruwaard earmark: a memo line, never added to totals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proeftuin {
    /// "Proeftuin Ruwaard".
    pub naam: String,
    /// `W03`
    pub wijkgebied: String,
    /// €622.000
    pub bedrag: Decimal,
}

/// The form of the raadsinformatiebrief about the agreement's year (optional table
/// `[raadsbrief]`): the letter's date, who sends it, whom to contact and who signs it. Each key
/// may be missing; the letter is then written as a **concept** (see
/// [`crate::report::raad::Briefvorm`]). The texts come from a configuration file a person edits,
/// so they are treated as hostile: one line of at most [`RAADSBRIEF_MAX_TEKENS`] characters, no
/// control characters, and shown as plain text only (never a link, markup or a path).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Raadsbrief {
    /// The date of the letter; after the agreement's year (the letter is about that year).
    pub datum: Option<NaiveDate>,
    /// The portefeuillehouder by name, e.g. "wethouder M. Jansen (Sociaal Domein)".
    pub portefeuillehouder: Option<String>,
    /// The contact person, e.g. "A. de Vries, beleidsadviseur Sociaal Domein".
    pub contactpersoon: Option<String>,
    /// How to reach the contact person (e-mail address or telephone number), shown as text.
    pub contact: Option<String>,
    /// The gemeentesecretaris who signs the letter.
    pub secretaris: Option<String>,
    /// The burgemeester who signs the letter.
    pub burgemeester: Option<String>,
}

/// The most characters a text of `[raadsbrief]` may have.
pub const RAADSBRIEF_MAX_TEKENS: usize = 200;

impl Raadsbrief {
    /// The keys of the table, in the order the letter uses them.
    pub const SLEUTELS: [&'static str; 6] = [
        "datum",
        "portefeuillehouder",
        "contactpersoon",
        "contact",
        "secretaris",
        "burgemeester",
    ];

    /// The keys that have no value, in [`Self::SLEUTELS`] order.
    pub fn ontbrekend(&self) -> Vec<&'static str> {
        let leeg = [
            self.datum.is_none(),
            self.portefeuillehouder.is_none(),
            self.contactpersoon.is_none(),
            self.contact.is_none(),
            self.secretaris.is_none(),
            self.burgemeester.is_none(),
        ];
        Self::SLEUTELS
            .into_iter()
            .zip(leeg)
            .filter(|(_, l)| *l)
            .map(|(k, _)| k)
            .collect()
    }
}

/// The agreement for one calendar year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Afspraken {
    /// The calendar year; equals the file name (`2024.toml`).
    pub jaar: i32,
    /// "Oss".
    pub gemeente: String,
    /// "ONS welzijn".
    pub aanbieder: String,
    /// Month (1–12) in which the raadsinformatie over the previous year is due (July: 7).
    pub raad_maand: u32,
    /// The five werksoorten, in file order.
    pub werksoorten: Vec<Werksoort>,
    /// W01 … W11, in file order.
    pub wijkgebieden: Vec<Wijkgebied>,
    /// Hulpvraag categories (`financien`, `wonen`, …).
    pub categorieen: Vec<String>,
    /// Price level and indexation of the begroting.
    pub begroting: BegrotingAfspraak,
    /// The variance rule of the financial report.
    pub variantie: Variantieregel,
    /// The suppression rule of public reports.
    pub onderdrukking: Onderdrukking,
    /// The Proeftuin Ruwaard earmark.
    pub proeftuin: Proeftuin,
    /// Every indicator of the catalogue, keyed by id.
    pub indicatoren: BTreeMap<String, IndicatorAfspraak>,
    /// All doelen, in file order (per werksoort in seed order).
    pub doelen: Vec<Doel>,
    /// All risico's, in file order (the order of seed 002's risk tables).
    pub risicos: Vec<Risico>,
    /// The form of the raadsinformatiebrief about this year (`[raadsbrief]`, optional).
    #[serde(default)]
    pub raadsbrief: Raadsbrief,
}

impl Afspraken {
    /// The norm and start date for an indicator id (None when the id is unknown).
    pub fn indicator(&self, id: &str) -> Option<&IndicatorAfspraak> {
        self.indicatoren.get(id)
    }

    /// The werksoort with this code.
    pub fn werksoort(&self, code: &str) -> Option<&Werksoort> {
        self.werksoorten.iter().find(|w| w.code == code)
    }

    /// Name of a werksoort code or of the SW group: the agreement's spelling, else the data
    /// contract's ([`werksoort::naam`]). The one lookup every report uses.
    pub fn werksoortnaam(&self, code: &str) -> String {
        self.werksoort(code)
            .map(|w| w.naam.clone())
            .unwrap_or_else(|| werksoort::naam(code).to_string())
    }

    /// The wijkgebied with this code.
    pub fn wijkgebied(&self, code: &str) -> Option<&Wijkgebied> {
        self.wijkgebieden.iter().find(|w| w.code == code)
    }

    /// The doel with this id.
    pub fn doel(&self, id: &str) -> Option<&Doel> {
        self.doelen.iter().find(|d| d.id == id)
    }

    /// The risico with this id.
    pub fn risico(&self, id: &str) -> Option<&Risico> {
        self.risicos.iter().find(|r| r.id == id)
    }

    /// The doelen of one werksoort, in file order.
    pub fn doelen_van<'a>(&'a self, werksoort: &'a str) -> impl Iterator<Item = &'a Doel> + 'a {
        self.doelen.iter().filter(move |d| d.werksoort == werksoort)
    }

    /// The risico's of one werksoort, in file order.
    pub fn risicos_van<'a>(&'a self, werksoort: &'a str) -> impl Iterator<Item = &'a Risico> + 'a {
        self.risicos.iter().filter(move |r| r.werksoort == werksoort)
    }

    /// Parses and validates one agreement file. `bestandsnaam` is used in every message (e.g.
    /// `data/afspraken/2024.toml`); when its stem is a year, `jaar` must equal it.
    ///
    /// Decimal values may be written as text (`"0.9"`, also with a decimal comma `"0,9"`) or as
    /// TOML numbers (`0.9`); a TOML float is read through its shortest decimal representation, so
    /// `0.9` becomes exactly 0.9. Dates are TOML dates (`2023-01-01`). All semantic errors found
    /// are reported together in one [`AfsprakenFout::Ongeldig`].
    pub fn from_toml_str(text: &str, bestandsnaam: &str) -> Result<Afspraken, AfsprakenFout> {
        lees(text, bestandsnaam)
    }
}

impl Risico {
    /// Effect = kans × schade (1–9), as printed in seed 002's tables.
    pub fn effect(&self) -> u8 {
        self.kans * self.schade
    }
}

impl BegrotingAfspraak {
    /// 1 + indexatie_pct / 100: the factor from prijspeil prices to this year's prices.
    pub fn indexatiefactor(&self) -> Decimal {
        Decimal::ONE + self.indexatie_pct / Decimal::ONE_HUNDRED
    }
}

/// All agreement years found in `data/afspraken/`.
#[derive(Debug, Clone, PartialEq)]
pub struct AfsprakenSet {
    /// The agreement per year; never empty when built by [`load_dir`].
    pub jaren: BTreeMap<i32, Afspraken>,
}

impl AfsprakenSet {
    /// The agreement that governs year `jaar`: its own file, or else the latest earlier year,
    /// or else the earliest year there is.
    pub fn voor_jaar(&self, jaar: i32) -> &Afspraken {
        self.jaren
            .range(..=jaar)
            .next_back()
            .or_else(|| self.jaren.iter().next())
            .map(|(_, a)| a)
            .expect("AfsprakenSet is never empty")
    }

    /// The agreement of the latest year (used for codes that hold across years).
    pub fn laatste(&self) -> &Afspraken {
        self.jaren.values().next_back().expect("AfsprakenSet is never empty")
    }
}

/// A fatal configuration error in `data/afspraken/`.
#[derive(Debug, Error)]
pub enum AfsprakenFout {
    /// The folder cannot be read or holds no `<jaar>.toml`.
    #[error("{map}: geen afsprakenbestanden gevonden (verwacht bijvoorbeeld {map}/2024.toml)")]
    GeenBestanden {
        /// The folder.
        map: PathBuf,
    },
    /// A file cannot be read.
    #[error("{bestand}: het bestand kan niet worden gelezen: {bron}")]
    Io {
        /// The file.
        bestand: String,
        /// The operating system's error.
        #[source]
        bron: std::io::Error,
    },
    /// TOML syntax error, an unknown key or a value of the wrong type (toml names key and line).
    #[error("{bestand}: {melding}")]
    Syntax {
        /// The file.
        bestand: String,
        /// toml's message, which names the key and shows the line.
        melding: String,
    },
    /// Semantic errors: unknown indicator ids, duplicate ids, bad codes, wrong counts.
    #[error("{bestand}: {}", fouten.join("; "))]
    Ongeldig {
        /// The file.
        bestand: String,
        /// Every problem found, in Dutch, each naming the key and id.
        fouten: Vec<String>,
    },
}

/// A decimal written as a TOML string (`"0.9"`, `"0,9"`) or number.
#[derive(Deserialize)]
#[serde(untagged)]
enum Getal {
    Tekst(String),
    Geheel(i64),
    Float(f64),
}

impl Getal {
    fn decimal(&self) -> Result<Decimal, String> {
        match self {
            Getal::Tekst(t) => {
                Decimal::from_str(&t.trim().replace(',', ".")).map_err(|_| format!("'{t}' is geen getal"))
            }
            Getal::Geheel(i) => Ok(Decimal::from(*i)),
            // Shortest round-trip representation: 0.9 is read as exactly 0.9.
            Getal::Float(f) => Decimal::from_str(&f.to_string()).map_err(|_| format!("'{f}' is geen getal")),
        }
    }
}

fn getal_de<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
    Getal::deserialize(d)?.decimal().map_err(serde::de::Error::custom)
}

fn getal_opt_de<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
    match Option::<Getal>::deserialize(d)? {
        None => Ok(None),
        Some(g) => g.decimal().map(Some).map_err(serde::de::Error::custom),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuwBestand {
    jaar: i32,
    gemeente: String,
    aanbieder: String,
    raad_maand: u32,
    categorieen: Vec<String>,
    begroting: RuwBegroting,
    variantie: RuwVariantie,
    onderdrukking: Onderdrukking,
    proeftuin: RuwProeftuin,
    werksoort: Vec<Werksoort>,
    wijkgebied: Vec<Wijkgebied>,
    indicator: Vec<RuwIndicator>,
    #[serde(default)]
    hoofddoel: Vec<RuwHoofddoel>,
    doel: Vec<RuwDoel>,
    risico: Vec<Risico>,
    #[serde(default)]
    raadsbrief: Option<RuwRaadsbrief>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuwRaadsbrief {
    datum: Option<toml::value::Datetime>,
    portefeuillehouder: Option<String>,
    contactpersoon: Option<String>,
    contact: Option<String>,
    secretaris: Option<String>,
    burgemeester: Option<String>,
}

/// One text of `[raadsbrief]`: trimmed; blank counts as missing; more than one line, a control
/// character or more than [`RAADSBRIEF_MAX_TEKENS`] characters is an error naming the key.
fn raadsbrief_tekst(fouten: &mut Vec<String>, sleutel: &str, t: &Option<String>) -> Option<String> {
    let t = t.as_deref()?.trim();
    if t.is_empty() {
        return None;
    }
    let tekens = t.chars().count();
    if t.contains(['\n', '\r']) {
        fouten.push(format!("[raadsbrief] {sleutel}: de tekst moet op één regel staan"));
        None
    } else if t.chars().any(char::is_control) {
        fouten.push(format!("[raadsbrief] {sleutel}: de tekst bevat een stuurteken"));
        None
    } else if tekens > RAADSBRIEF_MAX_TEKENS {
        fouten.push(format!(
            "[raadsbrief] {sleutel}: de tekst heeft {tekens} tekens, hoogstens {RAADSBRIEF_MAX_TEKENS} toegestaan"
        ));
        None
    } else {
        Some(t.to_string())
    }
}

/// Reads and checks `[raadsbrief]` (every problem goes to `fouten`).
fn raadsbrief(fouten: &mut Vec<String>, jaar: i32, r: Option<&RuwRaadsbrief>) -> Raadsbrief {
    let Some(r) = r else { return Raadsbrief::default() };
    let datum = r.datum.as_ref().and_then(|d| match toml_datum(d) {
        None => {
            fouten.push(format!(
                "[raadsbrief] datum = {d} is geen datum (schrijf bijvoorbeeld {}-07-08)",
                jaar + 1
            ));
            None
        }
        Some(d) if chrono::Datelike::year(&d) <= jaar => {
            fouten.push(format!(
                "[raadsbrief] datum = {d} ligt niet na {jaar}: de brief gaat over {jaar} en wordt daarna verstuurd"
            ));
            None
        }
        Some(d) => Some(d),
    });
    Raadsbrief {
        datum,
        portefeuillehouder: raadsbrief_tekst(fouten, "portefeuillehouder", &r.portefeuillehouder),
        contactpersoon: raadsbrief_tekst(fouten, "contactpersoon", &r.contactpersoon),
        contact: raadsbrief_tekst(fouten, "contact", &r.contact),
        secretaris: raadsbrief_tekst(fouten, "secretaris", &r.secretaris),
        burgemeester: raadsbrief_tekst(fouten, "burgemeester", &r.burgemeester),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuwBegroting {
    prijspeil: i32,
    #[serde(deserialize_with = "getal_de")]
    indexatie_pct: Decimal,
    #[serde(deserialize_with = "getal_de")]
    fte_normprijs: Decimal,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuwVariantie {
    #[serde(deserialize_with = "getal_de")]
    drempel_bedrag: Decimal,
    #[serde(deserialize_with = "getal_de")]
    drempel_pct: Decimal,
    #[serde(deserialize_with = "getal_de")]
    ondergrens_bedrag: Decimal,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuwProeftuin {
    naam: String,
    wijkgebied: String,
    #[serde(deserialize_with = "getal_de")]
    bedrag: Decimal,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuwIndicator {
    id: String,
    richting: Option<Richting>,
    #[serde(default, deserialize_with = "getal_opt_de")]
    drempel: Option<Decimal>,
    vanaf: Option<toml::value::Datetime>,
    bron: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuwHoofddoel {
    id: String,
    tekst: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuwDoel {
    id: String,
    werksoort: String,
    tekst: String,
    indicatoren: Vec<String>,
}

fn toml_datum(d: &toml::value::Datetime) -> Option<NaiveDate> {
    match (d.date, d.time, d.offset) {
        (Some(dt), None, None) => NaiveDate::from_ymd_opt(i32::from(dt.year), u32::from(dt.month), u32::from(dt.day)),
        _ => None,
    }
}

fn lees(text: &str, bestandsnaam: &str) -> Result<Afspraken, AfsprakenFout> {
    let ruw: RuwBestand = toml::from_str(text).map_err(|e| AfsprakenFout::Syntax {
        bestand: bestandsnaam.to_string(),
        melding: e.to_string().trim_end().to_string(),
    })?;
    let mut fouten: Vec<String> = Vec::new();

    if let Some(stam) = Path::new(bestandsnaam).file_stem().and_then(|s| s.to_str())
        && let Ok(jaar) = stam.parse::<i32>()
        && jaar != ruw.jaar
    {
        fouten.push(format!("jaar = {} maar de bestandsnaam zegt {jaar}", ruw.jaar));
    }
    if !(1..=12).contains(&ruw.raad_maand) {
        fouten.push(format!("raad_maand = {} ligt niet tussen 1 en 12", ruw.raad_maand));
    }

    // Werksoorten: exactly the five codes of the contract, with their financiering.
    let codes: Vec<&str> = ruw.werksoort.iter().map(|w| w.code.as_str()).collect();
    for w in &ruw.werksoort {
        match werksoort::def(&w.code).map(|d| d.financiering) {
            None => fouten.push(format!(
                "werksoort '{}' is onbekend (toegestaan: SRW, ISW, CSW, JGD, JW)",
                w.code
            )),
            Some(f) if f != w.financiering => fouten.push(format!(
                "werksoort '{}' heeft financiering '{}', verwacht '{}'",
                w.code,
                w.financiering.as_str(),
                f.as_str()
            )),
            _ => {}
        }
    }
    for c in werksoort::WERKSOORTEN {
        if !codes.contains(&c) {
            fouten.push(format!("werksoort '{c}' ontbreekt"));
        }
    }
    dubbel(&mut fouten, "werksoort", codes.iter().copied());

    // Wijkgebieden W01..W11.
    let wijken: Vec<&str> = ruw.wijkgebied.iter().map(|w| w.code.as_str()).collect();
    for (i, w) in wijken.iter().enumerate() {
        let verwacht = format!("W{:02}", i + 1);
        if *w != verwacht {
            fouten.push(format!("wijkgebied {} heeft code '{w}', verwacht '{verwacht}'", i + 1));
        }
    }
    if wijken.len() != 11 {
        fouten.push(format!(
            "{} wijkgebieden gevonden, verwacht 11 (W01 t/m W11)",
            wijken.len()
        ));
    }
    if !wijken.contains(&ruw.proeftuin.wijkgebied.as_str()) {
        fouten.push(format!(
            "proeftuin.wijkgebied '{}' is geen wijkgebied",
            ruw.proeftuin.wijkgebied
        ));
    }
    dubbel(&mut fouten, "categorie", ruw.categorieen.iter().map(String::as_str));

    // Indicators: every catalogue id exactly once, nothing else.
    let mut indicatoren = BTreeMap::new();
    for i in &ruw.indicator {
        if !catalogus::bestaat(&i.id) {
            fouten.push(format!(
                "[[indicator]] id = '{}' bestaat niet in de indicatorcatalogus",
                i.id
            ));
            continue;
        }
        let norm = match (i.richting, i.drempel) {
            (Some(richting), Some(drempel)) => Some(Norm { richting, drempel }),
            (None, None) => None,
            _ => {
                fouten.push(format!(
                    "[[indicator]] '{}': richting en drempel horen samen (beide of geen van beide)",
                    i.id
                ));
                None
            }
        };
        let vanaf = match &i.vanaf {
            None => None,
            Some(d) => match toml_datum(d) {
                Some(d) => Some(d),
                None => {
                    fouten.push(format!("[[indicator]] '{}': vanaf = {d} is geen datum", i.id));
                    None
                }
            },
        };
        let afspraak = IndicatorAfspraak {
            id: i.id.clone(),
            norm,
            vanaf,
            bron: i.bron.clone(),
        };
        if indicatoren.insert(i.id.clone(), afspraak).is_some() {
            fouten.push(format!("[[indicator]] '{}' staat er meer dan eens in", i.id));
        }
    }
    for def in catalogus::alle() {
        if !indicatoren.contains_key(&def.id) {
            fouten.push(format!(
                "[[indicator]] '{}' ontbreekt (elke indicator van de catalogus hoort erin)",
                def.id
            ));
        }
    }

    // Hoofddoelen of the CJG.
    let hoofddoelen: BTreeMap<&str, &str> = ruw
        .hoofddoel
        .iter()
        .map(|h| (h.id.as_str(), h.tekst.as_str()))
        .collect();

    // Doelen.
    let mut doelen = Vec::with_capacity(ruw.doel.len());
    for d in &ruw.doel {
        if !codes.contains(&d.werksoort.as_str()) {
            fouten.push(format!("[[doel]] '{}': onbekende werksoort '{}'", d.id, d.werksoort));
        }
        let hoofddoel = if d.werksoort == "JGD" {
            // JGD-H<h>.<n>: the hoofddoel is JGD-H<h>.
            match d.id.split_once('.') {
                Some((h, n)) if n.parse::<u32>().is_ok() && hoofddoelen.contains_key(h) => {
                    Some(hoofddoelen[h].to_string())
                }
                _ => {
                    fouten.push(format!(
                        "[[doel]] '{}': verwacht een id JGD-H<hoofddoel>.<nummer> met een bekend hoofddoel",
                        d.id
                    ));
                    None
                }
            }
        } else {
            let prefix = format!("{}-D", d.werksoort);
            if d.id.strip_prefix(&prefix).is_none_or(|n| n.parse::<u32>().is_err()) {
                fouten.push(format!("[[doel]] '{}': verwacht een id {prefix}<nummer>", d.id));
            }
            None
        };
        for i in &d.indicatoren {
            if !catalogus::bestaat(i) {
                fouten.push(format!(
                    "[[doel]] '{}': indicator '{i}' bestaat niet in de indicatorcatalogus",
                    d.id
                ));
            }
        }
        if d.tekst.trim().is_empty() {
            fouten.push(format!("[[doel]] '{}': tekst is leeg", d.id));
        }
        doelen.push(Doel {
            id: d.id.clone(),
            werksoort: d.werksoort.clone(),
            hoofddoel,
            tekst: d.tekst.trim().to_string(),
            indicatoren: d.indicatoren.clone(),
        });
    }
    dubbel(&mut fouten, "[[doel]]", doelen.iter().map(|d| d.id.as_str()));

    // Risico's.
    for r in &ruw.risico {
        if !codes.contains(&r.werksoort.as_str()) {
            fouten.push(format!("[[risico]] '{}': onbekende werksoort '{}'", r.id, r.werksoort));
        }
        let prefix = format!("{}-R", r.werksoort);
        if r.id.strip_prefix(&prefix).is_none_or(|n| n.parse::<u32>().is_err()) {
            fouten.push(format!("[[risico]] '{}': verwacht een id {prefix}<nummer>", r.id));
        }
        for (naam, v) in [("kans", r.kans), ("schade", r.schade)] {
            if !(1..=3).contains(&v) {
                fouten.push(format!("[[risico]] '{}': {naam} = {v} ligt niet tussen 1 en 3", r.id));
            }
        }
    }
    dubbel(&mut fouten, "[[risico]]", ruw.risico.iter().map(|r| r.id.as_str()));

    let raadsbrief = raadsbrief(&mut fouten, ruw.jaar, ruw.raadsbrief.as_ref());

    if !fouten.is_empty() {
        return Err(AfsprakenFout::Ongeldig {
            bestand: bestandsnaam.to_string(),
            fouten,
        });
    }
    Ok(Afspraken {
        jaar: ruw.jaar,
        gemeente: ruw.gemeente,
        aanbieder: ruw.aanbieder,
        raad_maand: ruw.raad_maand,
        werksoorten: ruw.werksoort,
        wijkgebieden: ruw.wijkgebied,
        categorieen: ruw.categorieen,
        begroting: BegrotingAfspraak {
            prijspeil: ruw.begroting.prijspeil,
            indexatie_pct: ruw.begroting.indexatie_pct,
            fte_normprijs: ruw.begroting.fte_normprijs,
        },
        variantie: Variantieregel {
            drempel_bedrag: ruw.variantie.drempel_bedrag,
            drempel_pct: ruw.variantie.drempel_pct,
            ondergrens_bedrag: ruw.variantie.ondergrens_bedrag,
        },
        onderdrukking: ruw.onderdrukking,
        proeftuin: Proeftuin {
            naam: ruw.proeftuin.naam,
            wijkgebied: ruw.proeftuin.wijkgebied,
            bedrag: ruw.proeftuin.bedrag,
        },
        indicatoren,
        doelen,
        risicos: ruw.risico,
        raadsbrief,
    })
}

fn dubbel<'a>(fouten: &mut Vec<String>, soort: &str, ids: impl Iterator<Item = &'a str>) {
    let mut gezien = BTreeSet::new();
    for id in ids {
        if !gezien.insert(id) {
            fouten.push(format!("{soort} '{id}' komt meer dan eens voor"));
        }
    }
}

/// Reads every `<jaar>.toml` in `map` (e.g. `data/afspraken`). Files with another name are
/// ignored. Also returns the SHA-256 of each file, for the manifest.
pub fn load_dir(map: &Path) -> Result<AfsprakenSet, AfsprakenFout> {
    Ok(load_dir_met_bestanden(map)?.0)
}

/// Masks every BSN-like number (see [`crate::ingest::bsn`]) in the strings of an agreement read
/// from `tekst`: the gemeente's name, a doel's text, anything. Returns one warning per line of
/// `tekst` that holds one (file, line and key; never the number). A comment line is not
/// reported (it reaches no output).
pub fn maskeer_bsn(a: &mut Afspraken, tekst: &str, bestand: &str) -> Vec<String> {
    use crate::ingest::bsn::{MASKER, bevat_bsn_token, maskeer};
    if !bevat_bsn_token(tekst) {
        return Vec::new();
    }
    fn maskeer_alles(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::String(s) if bevat_bsn_token(s) => *s = maskeer(s),
            serde_json::Value::Array(l) => l.iter_mut().for_each(maskeer_alles),
            serde_json::Value::Object(o) => {
                let sleutels: Vec<String> = o.keys().filter(|k| bevat_bsn_token(k)).cloned().collect();
                for k in sleutels {
                    if let Some(w) = o.remove(&k) {
                        o.insert(maskeer(&k), w);
                    }
                }
                o.values_mut().for_each(maskeer_alles);
            }
            _ => {}
        }
    }
    if let Ok(mut v) = serde_json::to_value(&*a) {
        maskeer_alles(&mut v);
        if let Ok(gemaskeerd) = serde_json::from_value::<Afspraken>(v) {
            *a = gemaskeerd;
        }
    }
    tekst
        .lines()
        .enumerate()
        .filter(|(_, r)| bevat_bsn_token(r) && !r.trim_start().starts_with('#'))
        .map(|(i, r)| {
            let sleutel = r.split_once('=').map_or("tekst", |(k, _)| k.trim());
            format!(
                "{bestand}, regel {}, sleutel {}: een getal dat op een burgerservicenummer lijkt (negen cijfers \
                 die de elfproef doorstaan) is in alle uitvoer vervangen door {MASKER}; verwijder het uit het bestand",
                i + 1,
                maskeer(sleutel)
            )
        })
        .collect()
}

/// A file read: `(relative path, bytes)`.
pub type GelezenBestand = (String, Vec<u8>);

/// [`load_dir`], also returning each file read (for the manifest).
pub fn load_dir_met_bestanden(map: &Path) -> Result<(AfsprakenSet, Vec<GelezenBestand>), AfsprakenFout> {
    let geen = || AfsprakenFout::GeenBestanden { map: map.to_path_buf() };
    let mut paden: Vec<(i32, PathBuf)> = std::fs::read_dir(map)
        .map_err(|_| geen())?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .filter_map(|p| {
            let jaar = p.file_stem()?.to_str()?.parse::<i32>().ok()?;
            Some((jaar, p))
        })
        .collect();
    paden.sort();
    if paden.is_empty() {
        return Err(geen());
    }
    let mut jaren = BTreeMap::new();
    let mut bestanden = Vec::new();
    for (jaar, pad) in paden {
        let naam = format!("afspraken/{jaar}.toml");
        let bytes = std::fs::read(&pad).map_err(|bron| AfsprakenFout::Io {
            bestand: pad.display().to_string(),
            bron,
        })?;
        let tekst = String::from_utf8(bytes.clone()).map_err(|_| AfsprakenFout::Syntax {
            bestand: pad.display().to_string(),
            melding: "het bestand is geen UTF-8".into(),
        })?;
        let mut a = Afspraken::from_toml_str(&tekst, &pad.display().to_string())?;
        for melding in maskeer_bsn(&mut a, &tekst, &naam) {
            eprintln!("waarschuwing: {melding}");
        }
        jaren.insert(jaar, a);
        bestanden.push((naam, bytes));
    }
    Ok((AfsprakenSet { jaren }, bestanden))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bsn_in_afspraken_strings_is_masked_with_a_warning() {
        let pad = concat!(env!("CARGO_MANIFEST_DIR"), "/data/afspraken/2024.toml");
        let tekst = std::fs::read_to_string(pad).unwrap();
        let regel = tekst
            .lines()
            .position(|r| r.trim_start().starts_with("gemeente"))
            .unwrap();
        // 111222333 passes the 11-proef: 9+8+7 + 2·(6+5+4) + 3·(3+2) − 3 = 66 = 6·11.
        let tekst = tekst.replacen("gemeente = \"Oss\"", "gemeente = \"Oss 111222333\"", 1);
        assert!(tekst.contains("Oss 111222333"));
        let mut a = Afspraken::from_toml_str(&tekst, "2024.toml").unwrap();
        let meldingen = maskeer_bsn(&mut a, &tekst, "afspraken/2024.toml");
        assert_eq!(a.gemeente, "Oss *********");
        assert_eq!(meldingen.len(), 1);
        assert!(
            meldingen[0].starts_with(&format!("afspraken/2024.toml, regel {}, sleutel gemeente: ", regel + 1)),
            "{}",
            meldingen[0]
        );
        assert!(!meldingen[0].contains("111222333"));
        // Everything else is unchanged by the round trip.
        let schoon = Afspraken::from_toml_str(&std::fs::read_to_string(pad).unwrap(), "2024.toml").unwrap();
        assert_eq!(
            Afspraken {
                gemeente: schoon.gemeente.clone(),
                ..a
            },
            schoon
        );
    }

    fn bundel() -> AfsprakenSet {
        load_dir(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/data/afspraken"))).unwrap()
    }

    #[test]
    fn bundled_files_hold_102_doelen_and_28_risicos_per_werksoort() {
        let set = bundel();
        assert_eq!(set.jaren.keys().copied().collect::<Vec<_>>(), vec![2022, 2023, 2024]);
        for a in set.jaren.values() {
            let tel_d = |ws: &str| a.doelen_van(ws).count();
            let tel_r = |ws: &str| a.risicos_van(ws).count();
            assert_eq!(
                [tel_d("SRW"), tel_d("ISW"), tel_d("CSW"), tel_d("JGD"), tel_d("JW")],
                [7, 10, 9, 64, 12],
                "doelen {}",
                a.jaar
            );
            assert_eq!(a.doelen.len(), 102);
            assert_eq!(
                [tel_r("SRW"), tel_r("ISW"), tel_r("CSW"), tel_r("JGD"), tel_r("JW")],
                [4, 4, 3, 11, 6],
                "risico's {}",
                a.jaar
            );
            assert_eq!(a.risicos.len(), 28);
            // JGD doelen fall under five hoofddoelen.
            let hoofd: BTreeSet<_> = a.doelen_van("JGD").filter_map(|d| d.hoofddoel.clone()).collect();
            assert_eq!(hoofd.len(), 5);
            // Every indicator of the main list, plus the two normed outputs of seed 003.
            assert_eq!(a.indicatoren.len(), catalogus::alle().len() + 2);
            assert!(a.indicator("CSW.koppeling_succesvol").is_some_and(|i| i.norm.is_some()));
        }
    }

    #[test]
    fn bundled_values_match_the_seed() {
        let set = bundel();
        let a = set.voor_jaar(2024);
        assert_eq!(a.begroting.indexatie_pct, Decimal::new(1551, 2));
        assert_eq!(a.begroting.fte_normprijs, Decimal::new(10733109, 2));
        assert_eq!(a.proeftuin.bedrag, Decimal::from(622_000));
        assert_eq!(a.wijkgebied("W03").unwrap().naam, "Ruwaard");
        let n = a.indicator("SW.eerste_gesprek_4w").unwrap().norm.clone().unwrap();
        assert_eq!((n.richting, n.drempel), (Richting::Min, Decimal::new(9, 1)));
        // Revision 3: ISW and CSW alone are the breakdown, without a norm of their own.
        assert!(a.indicator("ISW.eerste_gesprek_4w").unwrap().norm.is_none());
        assert!(a.indicator("CSW.eerste_gesprek_6w").unwrap().norm.is_none());
        assert_eq!(
            a.doel("JGD-H1.6").unwrap().indicatoren,
            vec!["JGD.crisis_1d".to_string()]
        );
        // Seed wording, verbatim.
        assert_eq!(
            a.doel("SRW-D7").unwrap().tekst,
            "Sociale raadslieden voeren de inkomenstoets uit voor de Voedselbank."
        );
        let r = a.risico("SRW-R1").unwrap();
        assert_eq!((r.kans, r.schade, r.effect()), (3, 3, 9));
        assert_eq!(set.voor_jaar(2021).jaar, 2022);
        assert_eq!(set.voor_jaar(2030).jaar, 2024);
    }

    fn tekst_2024() -> String {
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/afspraken/2024.toml")).unwrap()
    }

    #[test]
    fn unknown_key_is_fatal_and_named() {
        let t = tekst_2024().replacen("raad_maand = 7", "raad_maand = 7\nraadsmaand = 7", 1);
        let e = Afspraken::from_toml_str(&t, "2024.toml").unwrap_err().to_string();
        assert!(e.contains("raadsmaand"), "{e}");
    }

    #[test]
    fn norm_for_unknown_indicator_is_fatal_and_named() {
        let t = tekst_2024().replacen("id = \"SRW.aanmeldingen\"", "id = \"SRW.aanmeldingenn\"", 1);
        let e = Afspraken::from_toml_str(&t, "2024.toml").unwrap_err().to_string();
        assert!(e.contains("'SRW.aanmeldingenn' bestaat niet"), "{e}");
        // … and the real one is now missing.
        assert!(e.contains("'SRW.aanmeldingen' ontbreekt"), "{e}");
    }

    #[test]
    fn doel_pointing_at_unknown_indicator_is_fatal_and_named() {
        let t = tekst_2024().replacen(
            "indicatoren = [\"SW.eerste_gesprek_4w\", \"SW.eerste_gesprek_6w\", \"ISW.eerste_gesprek_4w\", \"ISW.eerste_gesprek_6w\"]",
            "indicatoren = [\"ISW.eerste_gesprek_5w\"]",
            1,
        );
        let e = Afspraken::from_toml_str(&t, "2024.toml").unwrap_err().to_string();
        assert!(
            e.contains("[[doel]] 'ISW-D1': indicator 'ISW.eerste_gesprek_5w' bestaat niet"),
            "{e}"
        );
    }

    #[test]
    fn year_must_match_file_name() {
        let e = Afspraken::from_toml_str(&tekst_2024(), "afspraken/2023.toml")
            .unwrap_err()
            .to_string();
        assert!(e.contains("jaar = 2024 maar de bestandsnaam zegt 2023"), "{e}");
    }
}
