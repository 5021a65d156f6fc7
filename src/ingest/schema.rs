//! The schema-driven table reader shared by every CSV file.
//!
//! A file is described by a table of [`Kolom`]s (name, required, kind). [`lees_tabel`] decodes
//! the bytes, detects the delimiter, maps the header (case-insensitive, trimmed), checks every
//! person and free-text cell for BSN-like values (a person cell that is one: fatal; a BSN-like
//! number inside a person, free-text or narrative cell: masked with a warning; see
//! [`super::bsn`]), rejects texts longer than a spreadsheet cell holds
//! ([`MAX_TEKENS`]), parses each cell by its kind into typed
//! column builders and asks the file's own row rules (a closure) for violations. A rejected row
//! keeps ONE reason: the violation in the lowest column (contract column order); a parse error
//! beats a row rule in the same column. The builders hold every row (null where a value is
//! missing or invalid) so later whole-file rules (duplicate ids) can still reject rows; in the end
//! [`Tabel::dataframe`] keeps the accepted rows only.

use std::borrow::Cow;

use chrono::NaiveDate;
use polars::prelude::*;

use super::IngestFout;
use super::bsn::{MASKER, bevat_bsn_token, is_bsn_achtig, maskeer};
use super::kwaliteit::{Afkeuring, Bestandskwaliteit, Datakwaliteit, Waarschuwing};
use super::text::{Gelezen, Lezer, Record, Vreemd, decodeer, scheidingsteken};
use super::values::{Reden, parse_bedrag_cent, parse_boolean, parse_datum, parse_e4, parse_geheel};
use crate::afspraken::{Afspraken, AfsprakenSet};

/// A code list a code column is checked against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lijst {
    /// The agreement's werksoort codes (`SRW` …).
    Werksoort,
    /// The agreement's wijkgebied codes (`W01` …).
    Wijkgebied,
    /// The agreement's hulpvraag categories.
    Categorie,
    /// Fixed: uitstroom codes.
    Uitstroom,
    /// Fixed: inzet of uren.
    Inzet,
    /// Fixed: soort of activiteit.
    ActiviteitSoort,
    /// Fixed: `Wmo`, `Jeugdwet`.
    Financiering,
    /// Fixed: status of a doel in `doelen.csv`.
    DoelStatus,
    /// Fixed: soort of contact (`contacten.csv`, revision 3).
    ContactSoort,
    /// Fixed: resultaat of a contact (`contacten.csv`, revision 3).
    ContactResultaat,
}

impl Lijst {
    fn index(self) -> usize {
        self as usize
    }

    /// The reason kind for a value that is not in the list.
    fn onbekend(self) -> &'static str {
        match self {
            Lijst::Werksoort => "onbekende werksoort",
            Lijst::Wijkgebied => "onbekend wijkgebied",
            Lijst::Categorie => "onbekende categorie",
            Lijst::Uitstroom => "onbekende uitstroom",
            Lijst::Inzet => "onbekende inzet",
            Lijst::ActiviteitSoort => "onbekende soort",
            Lijst::Financiering => "onbekende financiering",
            Lijst::DoelStatus => "onbekende status",
            Lijst::ContactSoort => "onbekende soort",
            Lijst::ContactResultaat => "onbekend resultaat",
        }
    }
}

/// Uitstroom codes (data contract, hulpvragen.csv).
pub const UITSTROOM: [&str; 9] = crate::domein::codes::UITSTROOM_CODES;
/// Inzet codes (uren.csv).
pub const INZET: [&str; 4] = ["individueel", "collectief", "informeel", "overig"];
/// Soort codes (activiteiten.csv).
pub const ACTIVITEIT_SOORT: [&str; 6] = ["ontmoeting", "groep", "cursus", "voorlichting", "preventie", "overig"];
/// Financiering codes (begroting.csv), in their canonical spelling.
pub const FINANCIERING: [&str; 2] = ["Wmo", "Jeugdwet"];
/// Status codes of `doelen.csv`, in the order of [`crate::ingest::DoelStatus`].
pub const DOEL_STATUS: [&str; 5] = ["behaald", "op_koers", "risico", "niet_behaald", "nvt"];

/// The canonical spelling of every code list. Codes of the agreement are the union over all
/// agreement years (an older year's category stays valid for older rows); the spelling is the
/// latest year's.
#[derive(Debug, Clone)]
pub struct Codes {
    lijsten: [Vec<String>; 10],
}

impl Codes {
    /// The code lists of the agreements plus the fixed lists of the contract.
    pub fn uit(afspraken: &AfsprakenSet) -> Codes {
        Codes::uit_jaren(afspraken.jaren.values().rev())
    }

    /// The code lists of the given agreements (latest first: the first spelling wins) plus the
    /// fixed lists of the contract.
    pub fn uit_jaren<'a>(jaren: impl IntoIterator<Item = &'a Afspraken>) -> Codes {
        let mut werksoort: Vec<String> = Vec::new();
        let mut wijk: Vec<String> = Vec::new();
        let mut cat: Vec<String> = Vec::new();
        fn voeg(lijst: &mut Vec<String>, code: &str) {
            let code = code.trim();
            if !lijst.iter().any(|c| c.eq_ignore_ascii_case(code)) {
                lijst.push(code.to_string());
            }
        }
        for a in jaren {
            a.werksoorten.iter().for_each(|w| voeg(&mut werksoort, &w.code));
            a.wijkgebieden.iter().for_each(|w| voeg(&mut wijk, &w.code));
            a.categorieen.iter().for_each(|c| voeg(&mut cat, c));
        }
        let vast = |x: &[&str]| x.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        Codes {
            lijsten: [
                werksoort,
                wijk,
                cat,
                vast(&UITSTROOM),
                vast(&INZET),
                vast(&ACTIVITEIT_SOORT),
                vast(&FINANCIERING),
                vast(&DOEL_STATUS),
                vast(&crate::domein::codes::CONTACT_SOORTEN),
                vast(&crate::domein::codes::CONTACT_RESULTATEN),
            ],
        }
    }

    /// Index of `waarde` in the list (case-insensitive; `waarde` is already trimmed).
    pub fn zoek(&self, lijst: Lijst, waarde: &str) -> Option<u32> {
        let lijst = &self.lijsten[lijst.index()];
        // The canonical spelling first (almost every cell), then any other case.
        lijst
            .iter()
            .position(|c| c == waarde)
            .or_else(|| lijst.iter().position(|c| c.eq_ignore_ascii_case(waarde)))
            .map(|i| i as u32)
    }

    /// The canonical spelling of code `i`.
    pub fn naam(&self, lijst: Lijst, i: u32) -> &str {
        &self.lijsten[lijst.index()][i as usize]
    }
}

/// What a column holds and how it is parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Soort {
    /// A system number (`hulpvraag_id`, `boekstuk`): text, exempt from the BSN check.
    Systeem,
    /// A person pseudonym (`client_id`, `medewerker_id`): text; a cell that is a BSN-like
    /// number is fatal, a BSN-like number inside a longer cell is masked with a warning.
    Persoon,
    /// Free text (`naam`, `omschrijving`, `regel`): a BSN-like number anywhere in it is masked
    /// (`*********`) with a warning.
    VrijeTekst,
    /// Narrative text (the toelichting columns): as [`Soort::VrijeTekst`].
    Verhaal,
    /// A free code (`regel_id`): trimmed and upper-cased; exempt from the BSN check.
    Sleutel,
    /// A code from a list, stored in its canonical spelling.
    Code(Lijst),
    /// A date.
    Datum,
    /// An integer that must fit in 32 bits.
    Geheel32,
    /// An integer.
    Geheel64,
    /// A decimal with at most four decimals, stored in units of 1/10000.
    E4,
    /// Money with at most two decimals, stored in cents.
    Bedrag,
    /// `ja`/`nee`.
    Boolean,
}

/// One column of a file's schema.
#[derive(Debug, Clone, Copy)]
pub struct Kolom {
    /// The name in the file's header (lower case).
    pub naam: &'static str,
    /// The name of the DataFrame column.
    pub uit: &'static str,
    /// Whether the column must be in the header and every row must have a value.
    pub verplicht: bool,
    /// The kind.
    pub soort: Soort,
}

/// Shorthand for schema tables.
pub const fn kol(naam: &'static str, verplicht: bool, soort: Soort) -> Kolom {
    Kolom {
        naam,
        uit: naam,
        verplicht,
        soort,
    }
}

/// A parsed cell, as the row rules see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cel {
    /// Empty or the column is absent.
    Leeg,
    /// Not parsable (the row is rejected already).
    Fout,
    /// Text (see [`Rij::tekst`]).
    Tekst,
    /// Code index (see [`Codes::naam`]).
    Code(u32),
    /// A date.
    Datum(NaiveDate),
    /// An integer, or a decimal in its units.
    Getal(i64),
    /// A boolean.
    Bool(bool),
}

impl Cel {
    /// The date, if the cell holds one.
    pub fn datum(self) -> Option<NaiveDate> {
        match self {
            Cel::Datum(d) => Some(d),
            _ => None,
        }
    }

    /// The number, if the cell holds one.
    pub fn getal(self) -> Option<i64> {
        match self {
            Cel::Getal(g) => Some(g),
            _ => None,
        }
    }

    /// Whether the cell holds a value (valid or not).
    pub fn gevuld(self) -> bool {
        !matches!(self, Cel::Leeg)
    }
}

/// Column text stored in one buffer.
#[derive(Debug, Default)]
pub struct TekstKolom {
    buf: String,
    ends: Vec<usize>,
    null: Vec<bool>,
}

impl TekstKolom {
    fn push(&mut self, s: Option<&str>) {
        if let Some(s) = s {
            self.buf.push_str(s);
        }
        self.ends.push(self.buf.len());
        self.null.push(s.is_none());
    }

    /// Value of row `i`.
    pub fn get(&self, i: usize) -> Option<&str> {
        if self.null[i] {
            return None;
        }
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        Some(&self.buf[start..self.ends[i]])
    }
}

/// Typed values of one column for every row.
#[derive(Debug)]
pub enum Bouwer {
    /// Text and free codes.
    Tekst(TekstKolom),
    /// Code indices; `u32::MAX` is null.
    Code(Vec<u32>),
    /// Dates.
    Datum(Vec<Option<NaiveDate>>),
    /// Integers and decimal units.
    Getal(Vec<Option<i64>>),
    /// Booleans.
    Bool(Vec<Option<bool>>),
}

impl Bouwer {
    fn voor(soort: Soort) -> Bouwer {
        match soort {
            Soort::Systeem | Soort::Persoon | Soort::VrijeTekst | Soort::Verhaal | Soort::Sleutel => {
                Bouwer::Tekst(TekstKolom::default())
            }
            Soort::Code(_) => Bouwer::Code(Vec::new()),
            Soort::Datum => Bouwer::Datum(Vec::new()),
            Soort::Geheel32 | Soort::Geheel64 | Soort::E4 | Soort::Bedrag => Bouwer::Getal(Vec::new()),
            Soort::Boolean => Bouwer::Bool(Vec::new()),
        }
    }

    fn push_null(&mut self) {
        match self {
            Bouwer::Tekst(t) => t.push(None),
            Bouwer::Code(v) => v.push(u32::MAX),
            Bouwer::Datum(v) => v.push(None),
            Bouwer::Getal(v) => v.push(None),
            Bouwer::Bool(v) => v.push(None),
        }
    }
}

/// The reason a row is rejected.
#[derive(Debug, Clone)]
pub struct RijFout {
    /// Schema column index; `None` when the line as a whole is broken.
    pub kolom: Option<usize>,
    /// The reason.
    pub reden: Reden,
    /// The offending value (trimmed, unmasked: masked when the Afkeuring is made).
    pub waarde: String,
}

impl RijFout {
    /// Lower ranks win: a broken line first, then the lowest column.
    fn rang(&self) -> usize {
        self.kolom.map_or(0, |k| k + 1)
    }
}

/// One data row as the row rules see it.
pub struct Rij<'a> {
    /// 1-based physical line of the row.
    pub regel: usize,
    schema: &'static [Kolom],
    cellen: &'a [Cel],
    rec: &'a Record,
    kaart: &'a [Option<usize>],
    sleutels: &'a [String],
    fout: Option<RijFout>,
}

impl Rij<'_> {
    /// The parsed cell of schema column `k`.
    pub fn cel(&self, k: usize) -> Cel {
        self.cellen[k]
    }

    /// The text of schema column `k`: trimmed; for a [`Soort::Sleutel`] upper-cased.
    pub fn tekst(&self, k: usize) -> &str {
        match self.schema[k].soort {
            Soort::Sleutel if self.cellen[k] == Cel::Tekst => &self.sleutels[k],
            _ => self.kaart[k].map_or("", |j| self.rec.veld(j)),
        }
    }

    /// Records a violation of column `k`; the row keeps the one in the lowest column (the first
    /// recorded on a tie, so parse errors beat row rules).
    pub fn fout(&mut self, k: usize, reden: Reden) {
        let nieuw = RijFout {
            kolom: Some(k),
            reden,
            waarde: self.tekst(k).to_string(),
        };
        if self.fout.as_ref().is_none_or(|f| nieuw.rang() < f.rang()) {
            self.fout = Some(nieuw);
        }
    }

    /// Whether the row has a violation already.
    pub fn is_fout(&self) -> bool {
        self.fout.is_some()
    }
}

/// A file read by its schema: every data row in typed builders, with its line and verdict.
pub struct Tabel {
    /// Path relative to the data directory.
    pub bestand: String,
    /// The schema.
    pub schema: &'static [Kolom],
    /// Per schema column, one value per data row.
    pub bouwers: Vec<Bouwer>,
    /// Per data row: its 1-based line.
    pub regels: Vec<u32>,
    /// Per data row: why it is rejected (`None`: accepted so far). Boxed: almost every row is
    /// accepted, and a `None` then costs 8 bytes instead of the 80 of an unboxed reason.
    pub fouten: Vec<Option<Box<RijFout>>>,
    /// Warnings found while reading.
    pub waarschuwingen: Vec<Waarschuwing>,
}

/// The longest text a cell may hold: Excel's limit for one cell (32.767 characters). A longer
/// value rejects its row (the workbooks could not hold it).
pub const MAX_TEKENS: usize = 32_767;

/// The warnings for the stray bytes of a file (see [`decodeer`]): one per line.
pub fn vreemde_bytes_waarschuwingen(bestand: &str, vreemd: &[Vreemd]) -> Vec<Waarschuwing> {
    let mut uit: Vec<Waarschuwing> = Vec::new();
    let mut i = 0;
    while i < vreemd.len() {
        let regel = vreemd[i].regel;
        let mut j = i;
        let (mut bytes, mut als) = (Vec::new(), Vec::new());
        while j < vreemd.len() && vreemd[j].regel == regel {
            bytes.push(vreemd[j].bytes.as_str());
            als.push(format!("'{}'", vreemd[j].gelezen_als));
            j += 1;
        }
        uit.push(Waarschuwing::new(
            bestand,
            Some(regel),
            "vreemde_bytes",
            &format!(
                "het bestand is UTF-8, maar deze regel bevat {} die geen UTF-8 {} ({}); gelezen als Windows-1252: {}. \
                 Controleer de tekst en sla het bestand op als UTF-8",
                if bytes.len() == 1 { "een byte" } else { "bytes" },
                if bytes.len() == 1 { "is" } else { "zijn" },
                bytes.join(", "),
                als.join(", ")
            ),
        ));
        i = j;
    }
    uit
}

/// The warning for a BSN-like number masked in a text cell.
pub fn bsn_waarschuwing(bestand: &str, regel: usize, kolom: &str) -> Waarschuwing {
    Waarschuwing::new(
        bestand,
        Some(regel),
        "bsn_gemaskeerd",
        &format!(
            "kolom {kolom}: een getal dat op een burgerservicenummer lijkt (negen cijfers die de elfproef \
             doorstaan) is in alle uitvoer vervangen door {MASKER}; verwijder het uit het bronbestand"
        ),
    )
}

/// The last valid value of a date or code column as read, and what it parsed to. The files come
/// sorted by date and codes repeat, so most cells equal the one above; parsing is a pure
/// function of the text, so the remembered result of the same text is the result. Measured on
/// `check` at scale 10 (7 alternating runs): 20 ms less CPU time, 0,57 s -> 0,55 s.
struct Vorige<T> {
    ruw: String,
    waarde: Option<T>,
}

impl<T: Copy> Vorige<T> {
    fn new() -> Self {
        Vorige {
            ruw: String::new(),
            waarde: None,
        }
    }

    /// The remembered value when `ruw` is the text it was parsed from, else `parse(ruw)`
    /// (remembered when valid).
    fn of<E>(&mut self, ruw: &str, parse: impl FnOnce(&str) -> Result<T, E>) -> Result<T, E> {
        if let Some(w) = self.waarde.filter(|_| self.ruw == ruw) {
            return Ok(w);
        }
        let w = parse(ruw)?;
        self.ruw.clear();
        self.ruw.push_str(ruw);
        self.waarde = Some(w);
        Ok(w)
    }
}

/// Reads `bytes` as the file `bestand` with `schema`; `regels` applies the file's row rules.
///
/// Errors: the encoding is not supported, the header cannot be read, a required column is
/// missing or a known column occurs twice, or a person cell is a BSN-like value (fatal, value
/// never included). A BSN-like number inside a text is masked and warned about. A file with no
/// header at all gives [`IngestFout::BestandLeeg`].
pub fn lees_tabel(
    bestand: &str,
    bytes: &[u8],
    schema: &'static [Kolom],
    codes: &Codes,
    regels: impl FnMut(&mut Rij),
) -> Result<Tabel, IngestFout> {
    let (tekst, vreemd) = decodeer(bestand, bytes)?;
    lees_tekst(bestand, &tekst, &vreemd, schema, codes, regels)
}

/// [`lees_tabel`] that takes the file's bytes: a file that is not UTF-8 is decoded into a new
/// text, and its bytes are freed before the rows are read, so the file is not held twice while
/// its table grows (`realisatie.csv`, Windows-1252, is 300 MB at scale 100).
pub fn lees_tabel_van(
    bestand: &str,
    bytes: Vec<u8>,
    schema: &'static [Kolom],
    codes: &Codes,
    regels: impl FnMut(&mut Rij),
) -> Result<Tabel, IngestFout> {
    let (tekst, vreemd) = decodeer(bestand, &bytes)?;
    match tekst {
        Cow::Borrowed(t) => lees_tekst(bestand, t, &vreemd, schema, codes, regels),
        Cow::Owned(t) => {
            drop(bytes);
            lees_tekst(bestand, &t, &vreemd, schema, codes, regels)
        }
    }
}

/// [`lees_tabel`] after decoding: `vreemd` are the stray bytes [`decodeer`] found.
fn lees_tekst(
    bestand: &str,
    tekst: &str,
    vreemd: &[Vreemd],
    schema: &'static [Kolom],
    codes: &Codes,
    mut regels: impl FnMut(&mut Rij),
) -> Result<Tabel, IngestFout> {
    if tekst.trim().is_empty() {
        return Err(IngestFout::BestandLeeg {
            bestand: bestand.to_string(),
        });
    }
    let delim = scheidingsteken(tekst);
    let mut lezer = Lezer::new(tekst, delim);
    let mut rec = Record::default();
    let mut waarschuwingen = vreemde_bytes_waarschuwingen(bestand, vreemd);

    // Header.
    match lezer.volgende(&mut rec) {
        Some(Gelezen::Record(_)) => {}
        _ => {
            return Err(IngestFout::KopregelOnleesbaar {
                bestand: bestand.to_string(),
                reden: "een aanhalingsteken wordt niet afgesloten".into(),
            });
        }
    }
    let n_kop = rec.len();
    let mut kaart: Vec<Option<usize>> = vec![None; schema.len()];
    let mut extra: Vec<String> = Vec::new();
    for j in 0..n_kop {
        let naam = rec.veld(j);
        if naam.is_empty() {
            if j + 1 < n_kop {
                extra.push(format!("(naamloze kolom {})", j + 1));
            }
            continue;
        }
        match schema.iter().position(|k| k.naam.eq_ignore_ascii_case(naam)) {
            Some(k) if kaart[k].is_some() => {
                return Err(IngestFout::DubbeleKolom {
                    bestand: bestand.to_string(),
                    kolom: schema[k].naam.to_string(),
                });
            }
            Some(k) => kaart[k] = Some(j),
            None => extra.push(format!("'{naam}'")),
        }
    }
    if let Some(k) = schema.iter().zip(&kaart).find(|(k, j)| k.verplicht && j.is_none()) {
        return Err(IngestFout::KolomOntbreekt {
            bestand: bestand.to_string(),
            kolom: k.0.naam.to_string(),
        });
    }
    if !extra.is_empty() {
        waarschuwingen.push(Waarschuwing::new(
            bestand,
            Some(1),
            "extra_kolommen",
            &format!(
                "extra {} genegeerd: {}",
                if extra.len() == 1 { "kolom" } else { "kolommen" },
                extra.join(", ")
            ),
        ));
    }
    let laatste_leeg = rec.veld(n_kop - 1).is_empty() && n_kop > 1;

    let mut tabel = Tabel {
        bestand: bestand.to_string(),
        schema,
        bouwers: schema.iter().map(|k| Bouwer::voor(k.soort)).collect(),
        regels: Vec::new(),
        fouten: Vec::new(),
        waarschuwingen: Vec::new(),
    };
    let mut cellen = vec![Cel::Leeg; schema.len()];
    let mut sleutels: Vec<String> = vec![String::new(); schema.len()];
    let mut vorige_datum: Vec<Vorige<NaiveDate>> = (0..schema.len()).map(|_| Vorige::new()).collect();
    let mut vorige_code: Vec<Vorige<u32>> = (0..schema.len()).map(|_| Vorige::new()).collect();
    let mut lege_regels: Vec<usize> = Vec::new();
    let mut lege_in_midden: Vec<usize> = Vec::new();

    while let Some(g) = lezer.volgende(&mut rec) {
        let regel = match g {
            Gelezen::Record(r) | Gelezen::OpenQuote(r) => r,
        };
        if g == Gelezen::Record(regel) && rec.is_leeg() {
            lege_regels.push(regel);
            continue;
        }
        lege_in_midden.append(&mut lege_regels);

        // Privacy first: whatever else is wrong with the row, a person cell that is a BSN-like
        // number stops the run. (A BSN-like number inside a text is masked below.)
        if let Gelezen::Record(_) = g {
            for (k, kolom) in schema.iter().enumerate() {
                let Some(j) = kaart[k] else { continue };
                if kolom.soort == Soort::Persoon && is_bsn_achtig(rec.veld(j)) {
                    return Err(IngestFout::Privacy {
                        bestand: bestand.to_string(),
                        regel,
                        kolom: kolom.naam.to_string(),
                    });
                }
            }
        }

        let structureel = match g {
            Gelezen::OpenQuote(_) => Some(Reden::vast("aanhalingsteken wordt niet afgesloten")),
            Gelezen::Record(_) => {
                let n = rec.len();
                let ok =
                    n == n_kop || (laatste_leeg && n + 1 == n_kop) || (n == n_kop + 1 && rec.veld(n - 1).is_empty());
                (!ok).then(|| {
                    Reden::tekst(
                        "verkeerd aantal velden",
                        format!("verkeerd aantal velden ({n} in plaats van {n_kop})"),
                    )
                })
            }
        };
        tabel.regels.push(regel as u32);
        if let Some(reden) = structureel {
            tabel.bouwers.iter_mut().for_each(Bouwer::push_null);
            tabel.fouten.push(Some(Box::new(RijFout {
                kolom: None,
                reden,
                waarde: String::new(),
            })));
            continue;
        }

        // Parse every cell.
        let mut parse_fout: Option<(usize, Reden)> = None;
        for (k, kolom) in schema.iter().enumerate() {
            let ruw = kaart[k].map_or("", |j| rec.veld(j));
            let mut fout = |r: Reden| {
                if parse_fout.is_none() {
                    parse_fout = Some((k, r));
                }
                Cel::Fout
            };
            let bouwer = &mut tabel.bouwers[k];
            if ruw.is_empty() {
                if kolom.verplicht {
                    fout(Reden::vast("verplichte waarde ontbreekt"));
                }
                cellen[k] = Cel::Leeg;
                bouwer.push_null();
                continue;
            }
            cellen[k] = match (kolom.soort, bouwer) {
                (_, Bouwer::Tekst(t)) if ruw.len() > MAX_TEKENS && ruw.chars().count() > MAX_TEKENS => {
                    t.push(None);
                    fout(Reden::tekst(
                        "tekst te lang",
                        format!(
                            "de tekst is {} tekens lang; een spreadsheetcel bevat er hoogstens 32.767",
                            crate::domein::format::aantal(ruw.chars().count() as i64)
                        ),
                    ))
                }
                (Soort::Sleutel, Bouwer::Tekst(t)) => {
                    let s = &mut sleutels[k];
                    s.clear();
                    if ruw.is_ascii() {
                        s.push_str(ruw);
                        s.make_ascii_uppercase();
                    } else {
                        s.extend(ruw.chars().flat_map(char::to_uppercase));
                    }
                    t.push(Some(s.as_str()));
                    Cel::Tekst
                }
                (Soort::Persoon | Soort::VrijeTekst | Soort::Verhaal, Bouwer::Tekst(t)) if bevat_bsn_token(ruw) => {
                    t.push(Some(&maskeer(ruw)));
                    waarschuwingen.push(bsn_waarschuwing(bestand, regel, kolom.naam));
                    Cel::Tekst
                }
                (_, Bouwer::Tekst(t)) => {
                    t.push(Some(ruw));
                    Cel::Tekst
                }
                (Soort::Code(l), Bouwer::Code(v)) => match vorige_code[k].of(ruw, |r| codes.zoek(l, r).ok_or(())) {
                    Ok(i) => {
                        v.push(i);
                        Cel::Code(i)
                    }
                    Err(()) => {
                        v.push(u32::MAX);
                        let mut r = Reden::met_waarde(l.onbekend(), ruw);
                        if l == Lijst::Financiering {
                            r.tekst.push_str(" (Wmo of Jeugdwet)");
                        }
                        fout(r)
                    }
                },
                (Soort::Datum, Bouwer::Datum(v)) => match vorige_datum[k].of(ruw, parse_datum) {
                    Ok(d) => {
                        v.push(Some(d));
                        Cel::Datum(d)
                    }
                    Err(r) => {
                        v.push(None);
                        fout(r)
                    }
                },
                (soort, Bouwer::Getal(v)) => {
                    let r = match soort {
                        Soort::E4 => parse_e4(ruw),
                        Soort::Bedrag => parse_bedrag_cent(ruw),
                        Soort::Geheel32 => parse_geheel(ruw).and_then(|g| {
                            i32::try_from(g)
                                .map(i64::from)
                                .map_err(|_| Reden::met_waarde("getal te groot", ruw))
                        }),
                        _ => parse_geheel(ruw),
                    };
                    match r {
                        Ok(g) => {
                            v.push(Some(g));
                            Cel::Getal(g)
                        }
                        Err(r) => {
                            v.push(None);
                            fout(r)
                        }
                    }
                }
                (Soort::Boolean, Bouwer::Bool(v)) => match parse_boolean(ruw) {
                    Ok(b) => {
                        v.push(Some(b));
                        Cel::Bool(b)
                    }
                    Err(r) => {
                        v.push(None);
                        fout(r)
                    }
                },
                _ => unreachable!("builder matches the column kind"),
            };
        }

        let mut rij = Rij {
            regel,
            schema,
            cellen: &cellen,
            rec: &rec,
            kaart: &kaart,
            sleutels: &sleutels,
            fout: None,
        };
        if let Some((k, r)) = parse_fout {
            rij.fout(k, r);
        }
        regels(&mut rij);
        tabel.fouten.push(rij.fout.map(Box::new));
    }

    if !lege_in_midden.is_empty() {
        let n = lege_in_midden.len();
        let lijst: Vec<String> = lege_in_midden.iter().take(10).map(|r| r.to_string()).collect();
        waarschuwingen.push(Waarschuwing::new(
            bestand,
            Some(lege_in_midden[0]),
            "lege_regels",
            &format!(
                "{n} lege {} overgeslagen (niet meegeteld): {}{}",
                if n == 1 { "regel" } else { "regels" },
                if n == 1 { "regel " } else { "regels " },
                lijst.join(", ") + if n > 10 { ", …" } else { "" }
            ),
        ));
    }
    if tabel.regels.is_empty() {
        waarschuwingen.push(Waarschuwing::new(
            bestand,
            None,
            "geen_gegevens",
            "het bestand bevat alleen een kopregel, geen gegevens",
        ));
    }
    tabel.waarschuwingen = waarschuwingen;
    Ok(tabel)
}

impl Tabel {
    /// A table without rows (an absent optional file): its frame has the columns and no rows.
    pub fn leeg(bestand: &str, schema: &'static [Kolom]) -> Tabel {
        Tabel {
            bestand: bestand.to_string(),
            schema,
            bouwers: schema.iter().map(|k| Bouwer::voor(k.soort)).collect(),
            regels: Vec::new(),
            fouten: Vec::new(),
            waarschuwingen: Vec::new(),
        }
    }

    /// Number of data rows.
    pub fn len(&self) -> usize {
        self.regels.len()
    }

    /// Whether there are no data rows.
    pub fn is_empty(&self) -> bool {
        self.regels.is_empty()
    }

    /// Rejects row `i` at column `k` unless it already has a reason in a lower column.
    pub fn keur_af(&mut self, i: usize, k: usize, reden: Reden, waarde: &str) {
        let nieuw = RijFout {
            kolom: Some(k),
            reden,
            waarde: waarde.to_string(),
        };
        if self.fouten[i].as_ref().is_none_or(|f| nieuw.rang() < f.rang()) {
            self.fouten[i] = Some(Box::new(nieuw));
        }
    }

    /// The text builder of column `k`.
    pub fn tekst(&self, k: usize) -> &TekstKolom {
        match &self.bouwers[k] {
            Bouwer::Tekst(t) => t,
            _ => panic!("column {k} is not text"),
        }
    }

    /// The number builder of column `k`.
    pub fn getallen(&self, k: usize) -> &[Option<i64>] {
        match &self.bouwers[k] {
            Bouwer::Getal(v) => v,
            _ => panic!("column {k} is not numeric"),
        }
    }

    /// The code builder of column `k` (`u32::MAX` is null).
    pub fn code_indices(&self, k: usize) -> &[u32] {
        match &self.bouwers[k] {
            Bouwer::Code(v) => v,
            _ => panic!("column {k} is not a code"),
        }
    }

    /// The date builder of column `k`.
    pub fn datums(&self, k: usize) -> &[Option<NaiveDate>] {
        match &self.bouwers[k] {
            Bouwer::Datum(v) => v,
            _ => panic!("column {k} is not a date"),
        }
    }

    /// Rejects every row of every group of `groepen` (see [`dubbele_groepen`]) at column `k`.
    /// `reden(waarde, regels)` makes the reason text from the value of column `k` and the list
    /// of the group's lines (`3, 9`; at most ten, then `, …`).
    pub fn keur_groepen_af(
        &mut self,
        k: usize,
        groepen: &[Vec<usize>],
        soort: &'static str,
        reden: impl Fn(&str, &str) -> String,
    ) {
        for rijen in groepen {
            let mut lijst: Vec<String> = rijen.iter().take(10).map(|&i| self.regels[i].to_string()).collect();
            if rijen.len() > 10 {
                lijst.push("…".to_string());
            }
            let lijst = lijst.join(", ");
            for &i in rijen {
                let waarde = match &self.bouwers[k] {
                    Bouwer::Tekst(t) => t.get(i).unwrap_or("").to_string(),
                    _ => String::new(),
                };
                let r = Reden::tekst(soort, reden(&waarde, &lijst));
                self.keur_af(i, k, r, &waarde);
            }
        }
    }

    /// Frees the text and code builders (after [`Tabel::dataframe`]): their columns become
    /// empty, so [`Tabel::tekst`] and [`Tabel::code_indices`] must not be used afterwards. The
    /// verdicts, lines, numbers and dates stay.
    pub fn laat_teksten_los(&mut self) {
        for (k, b) in self.schema.iter().zip(self.bouwers.iter_mut()) {
            if matches!(b, Bouwer::Tekst(_) | Bouwer::Code(_)) {
                *b = Bouwer::voor(k.soort);
            }
        }
    }

    /// Which rows are accepted.
    pub fn masker(&self) -> Vec<bool> {
        self.fouten.iter().map(Option::is_none).collect()
    }

    /// The latest date in column `k` over the accepted rows.
    pub fn max_datum(&self, k: usize, masker: &[bool]) -> Option<NaiveDate> {
        self.datums(k)
            .iter()
            .zip(masker)
            .filter_map(|(d, &m)| if m { *d } else { None })
            .max()
    }

    /// The accepted rows as a DataFrame: optionally the `regel` column (UInt32) first, then
    /// every schema column under its output name. Texts and codes are `Str`, dates `Date`,
    /// `Geheel32` `Int32`, other numbers `Int64`, booleans `Boolean`.
    pub fn dataframe(&self, codes: &Codes, met_regel: bool) -> DataFrame {
        let masker = self.masker();
        let rijen: Vec<usize> = (0..self.len()).filter(|&i| masker[i]).collect();
        let mut kolommen: Vec<Column> = Vec::with_capacity(self.schema.len() + 1);
        if met_regel {
            kolommen.push(
                UInt32Chunked::from_iter_values("regel".into(), rijen.iter().map(|&i| self.regels[i])).into_column(),
            );
        }
        for (kolom, bouwer) in self.schema.iter().zip(&self.bouwers) {
            let naam: PlSmallStr = kolom.uit.into();
            let c = match bouwer {
                Bouwer::Tekst(t) => tekstkolom(naam, rijen.len(), rijen.iter().map(|&i| t.get(i))),
                Bouwer::Code(v) => {
                    let Soort::Code(l) = kolom.soort else {
                        unreachable!("code builder for a code column")
                    };
                    tekstkolom(
                        naam,
                        rijen.len(),
                        rijen.iter().map(|&i| (v[i] != u32::MAX).then(|| codes.naam(l, v[i]))),
                    )
                }
                Bouwer::Datum(v) => Int32Chunked::from_iter_options(naam, rijen.iter().map(|&i| v[i].map(dagnummer)))
                    .into_date()
                    .into_column(),
                Bouwer::Getal(v) if kolom.soort == Soort::Geheel32 => {
                    Int32Chunked::from_iter_options(naam, rijen.iter().map(|&i| v[i].map(|g| g as i32))).into_column()
                }
                Bouwer::Getal(v) => Int64Chunked::from_iter_options(naam, rijen.iter().map(|&i| v[i])).into_column(),
                Bouwer::Bool(v) => BooleanChunked::from_iter_options(naam, rijen.iter().map(|&i| v[i])).into_column(),
            };
            kolommen.push(c);
        }
        DataFrame::new(rijen.len(), kolommen).expect("columns of equal length")
    }

    /// The data-quality account of this file: its counts, rejections (in line order) and
    /// warnings.
    pub fn kwaliteit(&self) -> Datakwaliteit {
        let mut afkeuringen: Vec<Afkeuring> = self
            .fouten
            .iter()
            .zip(&self.regels)
            .filter_map(|(f, &regel)| {
                f.as_ref().map(|f| {
                    Afkeuring::new(
                        &self.bestand,
                        regel as usize,
                        f.kolom.map_or("", |k| self.schema[k].naam),
                        &f.waarde,
                        f.reden.soort,
                        &f.reden.tekst,
                    )
                })
            })
            .collect();
        afkeuringen.sort_by_key(|a| a.regel);
        let mut waarschuwingen = self.waarschuwingen.clone();
        waarschuwingen.sort_by_key(|w| w.regel.unwrap_or(0));
        Datakwaliteit {
            bestanden: vec![Bestandskwaliteit::new(&self.bestand, self.len(), &afkeuringen)],
            afkeuringen,
            waarschuwingen,
        }
    }
}

/// A text column of `n` values, its builder sized up front (`from_iter_options` grows the views
/// by doubling, copying them each time: measured, a tenth of the ingest's CPU time).
fn tekstkolom<'a>(naam: PlSmallStr, n: usize, waarden: impl Iterator<Item = Option<&'a str>>) -> Column {
    let mut b = polars_arrow::array::MutableBinaryViewArray::<str>::with_capacity(n);
    for w in waarden {
        b.push(w);
    }
    StringChunked::with_chunk(naam, b.freeze()).into_column()
}

/// The groups of rows that share a key: every key that occurs more than once gives one group of
/// row indices (ascending); groups are ordered by their first row. `None` keys are not checked.
pub fn dubbele_groepen<K: std::hash::Hash + Eq>(sleutels: impl IntoIterator<Item = Option<K>>) -> Vec<Vec<usize>> {
    use std::collections::hash_map::Entry;
    // foldhash (polars' hasher) instead of SipHash: the keys are the file's own ids, and this
    // runs over every row of the largest files.
    let sleutels = sleutels.into_iter();
    // Sized for every key at once: growing the table rehashed it about twenty times.
    let mut eerste: std::collections::HashMap<K, usize, PlRandomState> =
        std::collections::HashMap::with_capacity_and_hasher(sleutels.size_hint().0, PlRandomState::default());
    let mut groepen: std::collections::HashMap<usize, Vec<usize>, PlRandomState> = std::collections::HashMap::default();
    for (i, s) in sleutels.enumerate() {
        let Some(s) = s else { continue };
        match eerste.entry(s) {
            Entry::Occupied(e) => groepen.entry(*e.get()).or_insert_with(|| vec![*e.get()]).push(i),
            Entry::Vacant(e) => {
                e.insert(i);
            }
        }
    }
    let mut uit: Vec<Vec<usize>> = groepen.into_values().collect();
    uit.sort_unstable_by_key(|g| g[0]);
    uit
}

/// Days since 1970-01-01 (polars' Date representation).
pub fn dagnummer(d: NaiveDate) -> i32 {
    // 719.163 days lie between 1 January of year 1 and 1 January 1970.
    chrono::Datelike::num_days_from_ce(&d) - 719_163
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_count_from_1970() {
        let d = |j, m, dd| NaiveDate::from_ymd_opt(j, m, dd).unwrap();
        assert_eq!(dagnummer(d(1970, 1, 1)), 0);
        assert_eq!(dagnummer(d(1969, 12, 31)), -1);
        assert_eq!(dagnummer(d(1970, 3, 1)), 59);
        // 2024-02-29: 54 years of 365 days plus the 13 leap days 1972..=2020, plus 31 + 28.
        assert_eq!(dagnummer(d(2024, 2, 29)), 54 * 365 + 13 + 31 + 28);
        assert_eq!(dagnummer(d(1900, 1, 1)), -25_567);
    }
}
