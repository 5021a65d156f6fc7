//! The shape of the data-quality account: rows read / accepted / rejected per file, every
//! rejected row with its reason, and the warnings. Ingest fills it in (and masks every value on
//! the way in, see `ingest::kwaliteit`); every report carries it as its `datakwaliteit` object,
//! with the totals over the files.

use serde::ser::SerializeStruct;
use serde::{Deserialize, Serialize, Serializer};

/// The data-quality account of one or more input files. Deserialisable for the input cache,
/// which reads back what it wrote (the `totalen` of the JSON are derived and ignored on reading).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct Datakwaliteit {
    /// Per file, in reading order.
    pub bestanden: Vec<Bestandskwaliteit>,
    /// Every rejected row, ordered by file (as in `bestanden`) and line.
    pub afkeuringen: Vec<Afkeuring>,
    /// Warnings (the run goes on), ordered by file and line.
    pub waarschuwingen: Vec<Waarschuwing>,
}

/// Row accounting of one file: `gelezen = geaccepteerd + afgekeurd` always holds.
///
/// `gelezen` counts data lines (the header excluded). A record is counted once even when a
/// quoted field spans several physical lines. Empty lines (and lines of only delimiters) hold no
/// data and are not counted: at the end of the file they are ignored silently, in the middle
/// they are skipped with a warning naming their line numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bestandskwaliteit {
    /// Path relative to the data directory (`hulpvragen.csv`, `toelichting/2024-H1/doelen.csv`).
    pub pad: String,
    /// Data lines read.
    pub gelezen: usize,
    /// Lines accepted.
    pub geaccepteerd: usize,
    /// Lines rejected.
    pub afgekeurd: usize,
    /// The rejections grouped by column and kind of reason, most frequent first.
    pub redenen: Vec<Redentelling>,
}

/// How often one kind of reason rejected rows of a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Redentelling {
    /// The column (empty for a line that could not be split into fields).
    pub kolom: String,
    /// The kind of reason, without the value (`onbekende werksoort`).
    pub reden: String,
    /// Number of rows.
    pub aantal: usize,
    /// The first few line numbers, as examples.
    pub voorbeeldregels: Vec<usize>,
}

/// One rejected input row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Afkeuring {
    /// Path relative to the data directory.
    pub bestand: String,
    /// 1-based physical line in the input file, the header being line 1.
    pub regel: usize,
    /// The column of the first violated rule (in the contract's column order); empty when the
    /// line as a whole is broken (wrong number of fields, unclosed quote).
    pub kolom: String,
    /// The offending value, trimmed; a BSN-like value is masked as `*********`.
    pub waarde: String,
    /// Dutch reason, e.g. `onbekende werksoort 'XYZ'`.
    pub reden: String,
    /// The kind of reason without the value (for grouping); not part of the JSON (the input
    /// cache keeps it beside the account).
    #[serde(skip)]
    pub soort: String,
}

/// A finding that does not reject a row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Waarschuwing {
    /// Path relative to the data directory.
    pub bestand: String,
    /// The line it is about, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub regel: Option<usize>,
    /// Kind: `extra_kolommen`, `lege_regels`, `mogelijk_dubbele_boeking`, `geen_gegevens`,
    /// `leeg_bestand`, `bsn_gemaskeerd`, `vreemde_bytes`.
    pub soort: String,
    /// Dutch text.
    pub melding: String,
}

impl Datakwaliteit {
    /// Appends another account (files keep their order).
    pub fn voeg_toe(&mut self, ander: Datakwaliteit) {
        self.bestanden.extend(ander.bestanden);
        self.afkeuringen.extend(ander.afkeuringen);
        self.waarschuwingen.extend(ander.waarschuwingen);
    }

    /// Total rejected rows over all files.
    pub fn totaal_afgekeurd(&self) -> usize {
        self.bestanden.iter().map(|b| b.afgekeurd).sum()
    }

    /// Rows read, accepted and rejected over all files.
    pub fn totalen(&self) -> Regeltelling {
        Regeltelling {
            gelezen: self.bestanden.iter().map(|b| b.gelezen).sum(),
            geaccepteerd: self.bestanden.iter().map(|b| b.geaccepteerd).sum(),
            afgekeurd: self.totaal_afgekeurd(),
        }
    }
}

/// Rows read / accepted / rejected, summed over files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Regeltelling {
    /// Data lines read.
    pub gelezen: usize,
    /// Lines accepted.
    pub geaccepteerd: usize,
    /// Lines rejected.
    pub afgekeurd: usize,
}

impl Serialize for Datakwaliteit {
    /// `{"bestanden": […], "afkeuringen": […], "waarschuwingen": […], "totalen": {…}}`: the
    /// totals are part of the record, so the JSON holds every figure the documents show.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Datakwaliteit", 4)?;
        st.serialize_field("bestanden", &self.bestanden)?;
        st.serialize_field("afkeuringen", &self.afkeuringen)?;
        st.serialize_field("waarschuwingen", &self.waarschuwingen)?;
        st.serialize_field("totalen", &self.totalen())?;
        st.end()
    }
}
