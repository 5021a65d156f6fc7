//! Fatal ingestion errors: the run stops, nothing is written, the exit status is 1.
//!
//! Every message is Dutch and written for the controller at the terminal: it names the file and,
//! where there is one, the line and the column. A privacy stop never carries the offending
//! value, not even in `Debug`: the variant simply has no field that could hold it.

use std::path::PathBuf;

use thiserror::Error;

/// A reason to stop the run while reading the data directory.
#[derive(Debug, Error)]
pub enum IngestFout {
    /// A required file is not in the data directory.
    #[error("verplicht bestand {bestand} ontbreekt in de gegevensmap {map}")]
    BestandOntbreekt {
        /// File name relative to the data directory.
        bestand: String,
        /// The data directory as given.
        map: PathBuf,
    },
    /// A required file exists but holds no bytes (or only white space, so not even a header).
    #[error("verplicht bestand {bestand} is leeg (geen kopregel)")]
    BestandLeeg {
        /// File name relative to the data directory.
        bestand: String,
    },
    /// The file is not UTF-8 (with or without BOM) or Windows-1252.
    #[error(
        "{bestand}: niet-ondersteunde tekencodering ({gevonden}); lever het bestand aan als UTF-8 (met of zonder BOM) of Windows-1252"
    )]
    Codering {
        /// File name relative to the data directory.
        bestand: String,
        /// What was detected, e.g. "UTF-16 (little-endian)".
        gevonden: String,
    },
    /// The header line cannot be read (a quote that never closes in the header).
    #[error("{bestand}, regel 1: de kopregel is onleesbaar ({reden})")]
    KopregelOnleesbaar {
        /// File name relative to the data directory.
        bestand: String,
        /// What is wrong.
        reden: String,
    },
    /// A required column is missing from the header.
    #[error("{bestand}: verplichte kolom '{kolom}' ontbreekt in de kopregel")]
    KolomOntbreekt {
        /// File name relative to the data directory.
        bestand: String,
        /// The contract's column name.
        kolom: String,
    },
    /// A known column occurs twice in the header: which one holds the data is ambiguous.
    #[error("{bestand}: kolom '{kolom}' komt meer dan eens voor in de kopregel")]
    DubbeleKolom {
        /// File name relative to the data directory.
        bestand: String,
        /// The contract's column name.
        kolom: String,
    },
    /// A person cell (`client_id`, `medewerker_id`) that is wholly a BSN-like number: a privacy
    /// stop (the export carries BSNs instead of pseudonyms). A BSN-like number inside a text is
    /// masked with a warning instead (see [`super::bsn`]). The value itself is never part of the
    /// error.
    #[error(
        "{bestand}, regel {regel}, kolom {kolom}: de waarde lijkt op een burgerservicenummer (BSN). \
         Om privacyredenen is de verwerking gestopt; verwijder het BSN uit het bronbestand en lever het opnieuw aan"
    )]
    Privacy {
        /// File name relative to the data directory.
        bestand: String,
        /// 1-based physical line (header = 1).
        regel: usize,
        /// Column name.
        kolom: String,
    },
    /// More than the allowed share of a file's rows was rejected.
    #[error(
        "{bestand}: {afgekeurd} van de {gelezen} regels afgekeurd ({percentage}%), meer dan de toegestane {drempel}%; \
         zie de afgekeurde regels in afgekeurde-rijen.csv"
    )]
    TeVeelAfgekeurd {
        /// File name relative to the data directory.
        bestand: String,
        /// Rejected data lines.
        afgekeurd: usize,
        /// Data lines read.
        gelezen: usize,
        /// The rejected share in percent, Dutch notation with one decimal (`6,3`).
        percentage: String,
        /// The threshold in percent, Dutch notation (`5`).
        drempel: String,
        /// The quality report up to the stop, so `check` can still show and write the rejects.
        kwaliteit: Box<super::Datakwaliteit>,
    },
    /// The amounts (or other numbers) of a column add up to more than the pipeline can count
    /// exactly: one of them is almost certainly a typing or export error.
    #[error(
        "{bestand}: de waarden in kolom {kolom} tellen op tot meer dan exact kan worden gerekend \
         (meer dan {grens}); controleer de grootste waarden in deze kolom"
    )]
    SomTeGroot {
        /// File name relative to the data directory.
        bestand: String,
        /// The column.
        kolom: String,
        /// The limit, in words for the reader (`€ 92.233.720.368.547.758,07`).
        grens: String,
    },
    /// The file could not be read at all.
    #[error("{bestand}: het bestand kan niet worden gelezen: {bron}")]
    Io {
        /// File name relative to the data directory.
        bestand: String,
        /// The operating system's error.
        #[source]
        bron: std::io::Error,
    },
}
