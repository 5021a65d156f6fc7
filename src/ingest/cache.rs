//! The validated input cache of `run` (issue 19): the frames and the account of one load,
//! written as Arrow IPC files next to the outputs and keyed by the SHA-256 of the inputs, so a
//! second run on unchanged inputs neither parses nor validates the CSV files again.
//!
//! The key is a SHA-256 over
//! - the program: its version and the size and modification time of its executable (a rebuilt
//!   program may read the same bytes differently);
//! - the ingest options (the threshold of rejected rows);
//! - the path and SHA-256 of every afspraken file (they define the valid codes) and of every
//!   CSV file of the data contract (an absent optional file is absent from the key).
//!
//! `out/.invoercache/<key>/` holds one `.arrow` file per frame and `account.json`: the
//! data-quality account, the rejected ledger lines, the manifest's list of input files and the
//! latest date. Only the latest entry is kept. An entry is written whole into a temporary folder
//! (while the run renders its documents) and renamed into place when the run has succeeded, so
//! a reader sees a complete entry or none, and a failed run leaves none. On reading, every frame
//! must have exactly the columns and types of the data contract (see [`super`]) and as many
//! rows as the account says were accepted from its file; an entry that
//! cannot be read, or does not match, is ignored and the CSV files are read as usual. The cache
//! holds only what the load accepted and masked (pseudonyms, no BSN), but it is row-level data:
//! its folder and files are readable by their owner only, and `out/.invoercache` is not for
//! publication.

use std::fs::File;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use polars::prelude::DataFrame;
use polars_io::ipc::{IpcReader, IpcWriter};
use polars_io::prelude::{SerReader, SerWriter};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::kwaliteit::Datakwaliteit;
use super::laden::{self, Invoerbytes};
use super::{AfgekeurdeBoeking, Dataset, Invoerbestand};

/// The cache folder inside the output folder.
pub const MAP: &str = ".invoercache";

/// The file of the frame of contract file `i` (see [`laden::CONTRACT`]): `hulpvragen.arrow`.
fn framebestand(i: usize) -> String {
    format!("{}.arrow", laden::CONTRACT[i].0.trim_end_matches(".csv"))
}

/// The cache key of a load: see the module docs. `afspraken` and the CSV files as
/// `(path, SHA-256)`.
pub fn sleutel(afspraken: &[(&str, &str)], invoer: &Invoerbytes, max_afgekeurd_pct: &str) -> String {
    let mut h = Sha256::new();
    let mut veld = |s: &str| {
        h.update(s.as_bytes());
        h.update([0]);
    };
    veld(env!("CARGO_PKG_VERSION"));
    veld(&programma());
    veld(max_afgekeurd_pct);
    for (pad, sha) in afspraken.iter().copied().chain(invoer.hashes()) {
        veld(pad);
        veld(sha);
    }
    hex::encode(h.finalize())
}

/// The executable's size and modification time (empty when they cannot be read: then every
/// build of the same version shares entries, which the version alone would also allow).
fn programma() -> String {
    std::env::current_exe()
        .and_then(std::fs::metadata)
        .map(|m| {
            let tijd = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            format!("{} {tijd}", m.len())
        })
        .unwrap_or_default()
}

/// `account.json`: what a [`Dataset`] holds besides its frames.
#[derive(Serialize, Deserialize)]
struct Account {
    sleutel: String,
    kwaliteit: Datakwaliteit,
    /// `Afkeuring::soort` of every rejection, in order (the account's JSON leaves it out).
    afkeuring_soorten: Vec<String>,
    realisatie_afgekeurd: Vec<AfgekeurdeBoeking>,
    invoer: Vec<Invoerbestand>,
    laatste_datum: Option<NaiveDate>,
    contacten: bool,
}

impl Account {
    fn van(sleutel: &str, ds: &Dataset) -> Account {
        Account {
            sleutel: sleutel.to_string(),
            kwaliteit: ds.kwaliteit.clone(),
            afkeuring_soorten: ds.kwaliteit.afkeuringen.iter().map(|a| a.soort.clone()).collect(),
            realisatie_afgekeurd: ds.realisatie_afgekeurd.clone(),
            invoer: ds.invoer.clone(),
            laatste_datum: ds.laatste_datum,
            contacten: ds.contacten.is_some(),
        }
    }
}

fn frames(ds: &Dataset) -> [Option<&DataFrame>; 7] {
    [
        Some(&ds.hulpvragen),
        Some(&ds.uren),
        Some(&ds.activiteiten),
        Some(&ds.begroting),
        Some(&ds.realisatie),
        Some(&ds.formatie),
        ds.contacten.as_ref(),
    ]
}

/// The entry for `sleutel` in `out`, as a [`Dataset`] of the data folder `map`; `None` when
/// there is none, or it cannot be read, or a frame does not have the contract's columns and
/// types or the number of rows the account says were accepted from its file.
pub fn lees(out: &Path, sleutel: &str, map: &Path) -> Option<Dataset> {
    let dir = out.join(MAP).join(sleutel);
    let account: Account = serde_json::from_slice(&std::fs::read(dir.join("account.json")).ok()?).ok()?;
    if account.sleutel != sleutel || account.afkeuring_soorten.len() != account.kwaliteit.afkeuringen.len() {
        return None;
    }
    let leeg = laden::lege_frames();
    let geaccepteerd = |i: usize| {
        let b = account
            .kwaliteit
            .bestanden
            .iter()
            .find(|b| b.pad == laden::CONTRACT[i].0);
        b.map_or(0, |b| b.geaccepteerd)
    };
    let lees_frame = |i: usize| -> Option<DataFrame> {
        let df = IpcReader::new(File::open(dir.join(framebestand(i))).ok()?)
            .finish()
            .ok()?;
        (df.schema() == leeg[i].schema() && df.height() == geaccepteerd(i)).then_some(df)
    };
    let aantal = if account.contacten { 7 } else { 6 };
    let frames: Vec<DataFrame> = std::thread::scope(|s| {
        let draden: Vec<_> = (0..aantal).map(|i| s.spawn(move || lees_frame(i))).collect();
        draden
            .into_iter()
            .map(|d| d.join().ok().flatten())
            .collect::<Option<_>>()
    })?;
    let Account {
        mut kwaliteit,
        afkeuring_soorten,
        realisatie_afgekeurd,
        invoer,
        laatste_datum,
        ..
    } = account;
    for (a, soort) in kwaliteit.afkeuringen.iter_mut().zip(afkeuring_soorten) {
        a.soort = soort;
    }
    let mut frames = frames.into_iter();
    Some(Dataset {
        map: map.to_path_buf(),
        hulpvragen: frames.next()?,
        uren: frames.next()?,
        activiteiten: frames.next()?,
        begroting: frames.next()?,
        realisatie: frames.next()?,
        formatie: frames.next()?,
        contacten: frames.next(),
        realisatie_afgekeurd,
        kwaliteit,
        invoer,
        laatste_datum,
    })
}

/// An entry written into its temporary folder, not yet in place: [`Voorlopig::plaats`] puts it
/// there, dropping it removes it.
pub struct Voorlopig {
    basis: PathBuf,
    tijdelijk: PathBuf,
    sleutel: String,
    /// The output folder, when writing the entry created it.
    nieuwe_out: Option<PathBuf>,
}

impl Voorlopig {
    /// Puts the entry in place, replacing any other entry (only the latest is kept).
    pub fn plaats(self) -> std::io::Result<()> {
        for e in std::fs::read_dir(&self.basis)?.flatten() {
            if e.path() != self.tijdelijk && !e.file_name().to_string_lossy().ends_with(".tmp") {
                let _ = std::fs::remove_dir_all(e.path());
            }
        }
        std::fs::rename(&self.tijdelijk, self.basis.join(&self.sleutel))
    }
}

impl Drop for Voorlopig {
    fn drop(&mut self) {
        // After plaats() the folder is gone already; else (a failed run) nothing is left behind,
        // not even an empty cache folder, or an empty output folder this entry made.
        let _ = std::fs::remove_dir_all(&self.tijdelijk);
        let _ = std::fs::remove_dir(&self.basis);
        if let Some(out) = &self.nieuwe_out {
            let _ = std::fs::remove_dir(out);
        }
    }
}

/// Writes the entry for `sleutel` into a temporary folder in `out` (see [`Voorlopig`]), so it
/// can be written while the run renders and be put in place only when the run succeeds. Not
/// synced to disk: after a crash an entry may be damaged, and a damaged entry is ignored (see
/// [`lees`]).
pub fn schrijf(out: &Path, sleutel: &str, ds: &Dataset) -> std::io::Result<Voorlopig> {
    let basis = out.join(MAP);
    let nieuwe_out = (!out.exists()).then(|| out.to_path_buf());
    let tijdelijk: PathBuf = basis.join(format!(".{sleutel}.{}.tmp", std::process::id()));
    let voorlopig = Voorlopig {
        basis,
        tijdelijk,
        sleutel: sleutel.to_string(),
        nieuwe_out,
    };
    std::fs::create_dir_all(out)?;
    // The cache folder itself is private too (it lists the entries); another run may make it
    // at the same moment.
    match prive_map(&voorlopig.basis) {
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
        r => r?,
    }
    let _ = std::fs::remove_dir_all(&voorlopig.tijdelijk);
    prive_map(&voorlopig.tijdelijk)?;
    for (i, df) in frames(ds).into_iter().enumerate() {
        let Some(df) = df else { continue };
        let mut f = prive_bestand(&voorlopig.tijdelijk.join(framebestand(i)))?;
        IpcWriter::new(&mut f)
            .finish(&mut in_batches(df).map_err(std::io::Error::other)?)
            .map_err(std::io::Error::other)?;
    }
    let json = serde_json::to_vec(&Account::van(sleutel, ds)).map_err(std::io::Error::other)?;
    std::io::Write::write_all(&mut prive_bestand(&voorlopig.tijdelijk.join("account.json"))?, &json)?;
    Ok(voorlopig)
}

/// Rows per record batch of a cache file.
const BATCH_RIJEN: usize = 1 << 16;

/// `df` as chunks of [`BATCH_RIJEN`] rows (zero-copy slices), so the IPC writer writes one record
/// batch per chunk and reuses one small encoding buffer. Written as one batch, a frame of a
/// million rows was encoded into a buffer grown to the whole file, copied at every growth:
/// measured, 16 % of the CPU time of a scale-10 kwartaal run.
fn in_batches(df: &DataFrame) -> polars::prelude::PolarsResult<DataFrame> {
    let mut uit = df.slice(0, BATCH_RIJEN);
    let mut van = BATCH_RIJEN;
    while van < df.height() {
        uit.vstack_mut(&df.slice(van as i64, BATCH_RIJEN))?;
        van += BATCH_RIJEN;
    }
    Ok(uit)
}

/// A new folder only its owner may read (on Unix): the cache holds the rows of the data.
fn prive_map(pad: &Path) -> std::io::Result<()> {
    let mut b = std::fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
    b.create(pad)
}

/// A new file only its owner may read and write (on Unix).
fn prive_bestand(pad: &Path) -> std::io::Result<File> {
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
    o.open(pad)
}
