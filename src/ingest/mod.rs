//! Ingestion: every file of the data contract read, validated and turned into polars frames.
//!
//! `data/ ──ingest──> typed tables`. Each CSV file goes through the schema-driven reader in
//! [`schema`] (encoding and delimiter detection, Dutch numbers and dates, the BSN check, row
//! rules); rows that break a rule are rejected with file, line, column, value and reason and are
//! kept in the [`Datakwaliteit`] account, never silently dropped.
//!
//! THE TYPES IN THIS FILE ARE THE CONTRACT the kpi, finance and report stages code against.
//!
//! Frames and their columns (dates are polars `Date`, missing values null; codes in their
//! canonical spelling, e.g. `ISW`, `W03`, `Wmo`):
//! - `hulpvragen`: `regel` (UInt32, input line), `hulpvraag_id`, `client_id`, `werksoort`,
//!   `wijkgebied`, `categorie` (String), `leeftijd` (Int32), `aanmelddatum`, `eerste_gesprek`,
//!   `vraagverheldering_afgerond`, `traject_start`, `afgesloten` (Date), `uitstroom` (String),
//!   `aantal_gesprekken` (Int32), `aanvraag_jeugdhulp`, `besluit_jeugdhulp` (Date), `crisis`,
//!   `proeftuin` (Boolean; revision 3, missing = nee).
//! - `uren`: `regel`, `medewerker_id`, `werksoort`, `datum` (Date), `uren` (Int64, in 1/10000
//!   hour), `inzet` (String).
//! - `activiteiten`: `regel`, `activiteit_id`, `naam`, `werksoort`, `wijkgebied`, `soort`
//!   (String), `door_inwoners` (Boolean), `start`, `einde` (Date), `deelnemers` (Int64).
//! - `begroting`: `regel`, `jaar` (Int32), `regel_id`, `werksoort`, `regel_naam`,
//!   `financiering` (String), `fte_e4` (Int64, fte in 1/10000), `bedrag_cent` (Int64).
//! - `realisatie`: `regel`, `boekdatum` (Date), `boekstuk`, `regel_id` (String), `bedrag_cent`
//!   (Int64), `omschrijving` (String).
//! - `formatie` (optional file): `regel`, `peildatum` (Date), `regel_id` (String), `fte_e4` (Int64).
//! - `contacten` (optional file, revision 3; `None` when absent): `regel`, `contact_id`, `datum`
//!   (Date), `werksoort`, `wijkgebied`, `soort`, `resultaat`, `client_id` (String).

pub mod bsn;
pub mod cache;
pub mod fout;
pub mod kwaliteit;
pub mod laden;
pub mod schema;
pub mod text;
pub mod toelichting;
pub mod values;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use polars::prelude::DataFrame;
use serde::{Deserialize, Serialize};

pub use fout::IngestFout;
pub use kwaliteit::{Afkeuring, Bestandskwaliteit, Datakwaliteit, Waarschuwing, afgekeurde_rijen_csv};
pub use laden::{Invoerbytes, laad_uit, lees_invoerbytes};

use crate::afspraken::{Afspraken, AfsprakenSet};
use crate::period::Periode;

/// Settings of a load.
#[derive(Debug, Clone, PartialEq)]
pub struct IngestOpties {
    /// A file with a larger share of rejected rows (in percent) stops the run. Default 5.
    pub max_afgekeurd_pct: rust_decimal::Decimal,
}

impl Default for IngestOpties {
    fn default() -> Self {
        IngestOpties {
            max_afgekeurd_pct: rust_decimal::Decimal::from(5),
        }
    }
}

/// One input file as the manifest records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invoerbestand {
    /// Path relative to the data directory, `/`-separated (`hulpvragen.csv`,
    /// `afspraken/2024.toml`, `toelichting/2024-H1/doelen.csv`).
    pub pad: String,
    /// SHA-256 of the file's bytes, lower-case hex.
    pub sha256: String,
    /// Data lines read (CSV files; 0 for other files).
    pub gelezen: usize,
    /// Lines accepted.
    pub geaccepteerd: usize,
    /// Lines rejected.
    pub afgekeurd: usize,
}

/// A rejected ledger line, kept with its amount for the financial reconciliation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AfgekeurdeBoeking {
    /// 1-based line in `realisatie.csv`.
    pub regel: usize,
    /// The booking date, when it could be read.
    pub boekdatum: Option<NaiveDate>,
    /// The boekstuk as written.
    pub boekstuk: String,
    /// The regel_id as written.
    pub regel_id: String,
    /// The amount in cents, when it could be read.
    pub bedrag_cent: Option<i64>,
    /// The reason (as in the rejects file).
    pub reden: String,
}

/// The ingested data directory.
#[derive(Debug, Clone)]
pub struct Dataset {
    /// The data directory as given.
    pub map: PathBuf,
    /// Accepted hulpvragen (see the module docs for the columns).
    pub hulpvragen: DataFrame,
    /// Accepted uren rows.
    pub uren: DataFrame,
    /// Accepted activiteiten.
    pub activiteiten: DataFrame,
    /// Accepted begroting lines.
    pub begroting: DataFrame,
    /// Accepted ledger lines.
    pub realisatie: DataFrame,
    /// Accepted formatie rows (empty frame with the columns when the file is absent).
    pub formatie: DataFrame,
    /// Accepted contacts; `None` when contacten.csv was not delivered (or is empty): the reports
    /// then say "niet aangeleverd" for the contact figures.
    pub contacten: Option<DataFrame>,
    /// Rejected ledger lines with what could be read of them.
    pub realisatie_afgekeurd: Vec<AfgekeurdeBoeking>,
    /// Row accounting, rejects and warnings of the CSV files above.
    pub kwaliteit: Datakwaliteit,
    /// Every input file read (the afspraken files and the CSV files), for the manifest.
    pub invoer: Vec<Invoerbestand>,
    /// The latest date in the data: the latest aanmelddatum, eerste_gesprek, …, uren datum,
    /// activiteit start, boekdatum. The "latest complete period" is derived from it. `None` when
    /// every table is empty.
    pub laatste_datum: Option<NaiveDate>,
}

pub use crate::domein::codes::DoelStatus;

/// One row of `doelen.csv`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DoelInvoer {
    /// The reported status (never `NietAangeleverd`).
    pub status: DoelStatus,
    /// The toelichting text (may be empty).
    pub toelichting: String,
}

/// One row of `analyses.csv`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnalyseInvoer {
    /// The analysis of the cause.
    pub analyse: String,
    /// The measure taken (may be empty).
    pub maatregel: String,
}

/// One row of `risicos.csv`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RisicoInvoer {
    /// Updated kans, 1–3.
    pub kans: u8,
    /// Updated schade, 1–3.
    pub schade: u8,
    /// Toelichting (may be empty).
    pub toelichting: String,
}

/// A Markdown file of the toelichting, split by `## <WERKSOORT>` headings.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct MarkdownTekst {
    /// Text before the first werksoort heading (and under headings that are no werksoort code);
    /// trimmed, may be empty.
    pub algemeen: String,
    /// Per werksoort code: the Markdown under its `## SRW` (or `## SRW – …`) heading, without the
    /// heading line, trimmed.
    pub per_werksoort: BTreeMap<String, String>,
}

/// The narrative input of one period (`toelichting/<periode>/`). Every part is optional: what
/// is missing is `None` / empty, and the reports say "niet aangeleverd".
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Toelichting {
    /// The period code, e.g. `2024-H1`.
    pub periode: String,
    /// `ontwikkelingen.md`.
    pub ontwikkelingen: Option<MarkdownTekst>,
    /// `knelpunten.md`.
    pub knelpunten: Option<MarkdownTekst>,
    /// `aanbevelingen.md`.
    pub aanbevelingen: Option<MarkdownTekst>,
    /// `raad.md` (yearly): raw Markdown.
    pub raad: Option<String>,
    /// `doelen.csv` rows by doel id; `None` when the file is absent.
    pub doelen: Option<BTreeMap<String, DoelInvoer>>,
    /// `analyses.csv` rows by sleutel (regel_id or indicator id).
    pub analyses: BTreeMap<String, AnalyseInvoer>,
    /// `risicos.csv` rows by risico id; `None` when the file is absent.
    pub risicos: Option<BTreeMap<String, RisicoInvoer>>,
    /// Row accounting and rejects of the toelichting CSV files.
    pub kwaliteit: Datakwaliteit,
    /// The toelichting files read, for the manifest.
    pub invoer: Vec<Invoerbestand>,
    /// File names present in the folder (`doelen.csv`, `knelpunten.md`, …).
    pub aanwezig: BTreeSet<String>,
}

/// Loads and validates the data directory: the five required CSV files and `formatie.csv` when
/// present. The afspraken are loaded by the caller (they define the valid codes).
pub fn laad(map: &Path, afspraken: &AfsprakenSet, opties: &IngestOpties) -> Result<Dataset, IngestFout> {
    laden::laad(map, afspraken, opties)
}

/// Loads `toelichting/<periode>/` (absent folder: an empty [`Toelichting`]).
pub fn laad_toelichting(map: &Path, periode: &Periode, afspraken: &Afspraken) -> Result<Toelichting, IngestFout> {
    toelichting::laad_toelichting(map, periode, afspraken)
}
