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

use super::kwaliteit::{Afkeuring, Bestandskwaliteit, Datakwaliteit, Waarschuwing};
use super::laden::{self, Invoerbytes};
use super::{AfgekeurdeBoeking, Dataset, Invoerbestand};
use crate::domein::kwaliteit::Redentelling;

/// The cache folder inside the output folder.
pub const MAP: &str = ".invoercache";

/// The frames of a [`Dataset`] by file name, in contract order.
const FRAMES: [&str; 7] = [
    "hulpvragen",
    "uren",
    "activiteiten",
    "begroting",
    "realisatie",
    "formatie",
    "contacten",
];

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

/// A reason count of a file: kolom, reden, aantal, voorbeeldregels.
type Reden = (String, String, usize, Vec<usize>);

/// A file's account: pad, gelezen, geaccepteerd, afgekeurd, redenen.
type Bestand = (String, usize, usize, usize, Vec<Reden>);

/// `account.json`.
#[derive(Serialize, Deserialize)]
struct Account {
    sleutel: String,
    bestanden: Vec<Bestand>,
    afkeuringen: Vec<(String, usize, String, String, String, String)>,
    waarschuwingen: Vec<(String, Option<usize>, String, String)>,
    realisatie_afgekeurd: Vec<AfgekeurdeBoeking>,
    invoer: Vec<Invoerbestand>,
    laatste_datum: Option<NaiveDate>,
    contacten: bool,
}

impl Account {
    fn van(sleutel: &str, ds: &Dataset) -> Account {
        let k = &ds.kwaliteit;
        Account {
            sleutel: sleutel.to_string(),
            bestanden: k
                .bestanden
                .iter()
                .map(|b| {
                    let redenen = b
                        .redenen
                        .iter()
                        .map(|r| (r.kolom.clone(), r.reden.clone(), r.aantal, r.voorbeeldregels.clone()))
                        .collect();
                    (b.pad.clone(), b.gelezen, b.geaccepteerd, b.afgekeurd, redenen)
                })
                .collect(),
            afkeuringen: k
                .afkeuringen
                .iter()
                .map(|a| {
                    (
                        a.bestand.clone(),
                        a.regel,
                        a.kolom.clone(),
                        a.waarde.clone(),
                        a.reden.clone(),
                        a.soort.clone(),
                    )
                })
                .collect(),
            waarschuwingen: k
                .waarschuwingen
                .iter()
                .map(|w| (w.bestand.clone(), w.regel, w.soort.clone(), w.melding.clone()))
                .collect(),
            realisatie_afgekeurd: ds.realisatie_afgekeurd.clone(),
            invoer: ds.invoer.clone(),
            laatste_datum: ds.laatste_datum,
            contacten: ds.contacten.is_some(),
        }
    }

    fn kwaliteit(self) -> Datakwaliteit {
        Datakwaliteit {
            bestanden: self
                .bestanden
                .into_iter()
                .map(|(pad, gelezen, geaccepteerd, afgekeurd, redenen)| Bestandskwaliteit {
                    pad,
                    gelezen,
                    geaccepteerd,
                    afgekeurd,
                    redenen: redenen
                        .into_iter()
                        .map(|(kolom, reden, aantal, voorbeeldregels)| Redentelling {
                            kolom,
                            reden,
                            aantal,
                            voorbeeldregels,
                        })
                        .collect(),
                })
                .collect(),
            afkeuringen: self
                .afkeuringen
                .into_iter()
                .map(|(bestand, regel, kolom, waarde, reden, soort)| Afkeuring {
                    bestand,
                    regel,
                    kolom,
                    waarde,
                    reden,
                    soort,
                })
                .collect(),
            waarschuwingen: self
                .waarschuwingen
                .into_iter()
                .map(|(bestand, regel, soort, melding)| Waarschuwing {
                    bestand,
                    regel,
                    soort,
                    melding,
                })
                .collect(),
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
/// types.
pub fn lees(out: &Path, sleutel: &str, map: &Path) -> Option<Dataset> {
    let dir = out.join(MAP).join(sleutel);
    let account: Account = serde_json::from_slice(&std::fs::read(dir.join("account.json")).ok()?).ok()?;
    if account.sleutel != sleutel {
        return None;
    }
    let leeg = laden::lege_frames();
    let lees_frame = |i: usize| -> Option<DataFrame> {
        let f = File::open(dir.join(format!("{}.arrow", FRAMES[i]))).ok()?;
        let df = IpcReader::new(f).finish().ok()?;
        (df.schema() == leeg[i].schema()).then_some(df)
    };
    let (contacten, laatste_datum) = (account.contacten, account.laatste_datum);
    let mut gelezen: Vec<Option<DataFrame>> = std::thread::scope(|s| {
        let draden: Vec<_> = (0..7)
            .filter(|&i| i < 6 || contacten)
            .map(|i| s.spawn(move || lees_frame(i)))
            .collect();
        draden.into_iter().map(|d| d.join().ok().flatten()).collect()
    });
    if gelezen.iter().any(Option::is_none) {
        return None;
    }
    // Each frame holds exactly the rows the account says were accepted.
    let geaccepteerd = |i: usize| {
        let naam = format!("{}.csv", FRAMES[i]);
        account.bestanden.iter().find(|b| b.0 == naam).map_or(0, |b| b.2)
    };
    if gelezen
        .iter()
        .enumerate()
        .any(|(i, df)| df.as_ref().is_some_and(|df| df.height() != geaccepteerd(i)))
    {
        return None;
    }
    let mut neem = |i: usize| gelezen.get_mut(i).and_then(Option::take);
    let (hulpvragen, uren, activiteiten, begroting, realisatie, formatie) =
        (neem(0)?, neem(1)?, neem(2)?, neem(3)?, neem(4)?, neem(5)?);
    let contacten_frame = if contacten { Some(neem(6)?) } else { None };
    let realisatie_afgekeurd = account.realisatie_afgekeurd.clone();
    let invoer = account.invoer.clone();
    Some(Dataset {
        map: map.to_path_buf(),
        hulpvragen,
        uren,
        activiteiten,
        begroting,
        realisatie,
        formatie,
        contacten: contacten_frame,
        realisatie_afgekeurd,
        invoer,
        laatste_datum,
        kwaliteit: account.kwaliteit(),
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
    std::fs::create_dir_all(&voorlopig.basis)?;
    let _ = std::fs::remove_dir_all(&voorlopig.tijdelijk);
    prive_map(&voorlopig.tijdelijk)?;
    for (naam, df) in FRAMES.iter().zip(frames(ds)) {
        let Some(df) = df else { continue };
        let mut f = prive_bestand(&voorlopig.tijdelijk.join(format!("{naam}.arrow")))?;
        IpcWriter::new(&mut f)
            .finish(&mut df.clone())
            .map_err(std::io::Error::other)?;
    }
    let json = serde_json::to_vec(&Account::van(sleutel, ds)).map_err(std::io::Error::other)?;
    std::io::Write::write_all(&mut prive_bestand(&voorlopig.tijdelijk.join("account.json"))?, &json)?;
    Ok(voorlopig)
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
