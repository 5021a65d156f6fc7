//! Publishing outputs: all or nothing, under a lock on the output folder. Only this module
//! writes under `out/`.
//!
//! A run's files are first written, every one of them, to fresh temporary files in their target
//! folders (created exclusively with a random name, so a planted symlink is never followed),
//! synced to disk; only when every file of the run is ready are they renamed into place, the
//! manifests last. A failure before that removes the temporaries and leaves every earlier output
//! byte for byte as it was; a killed run leaves at most hidden temporaries, removed by the next
//! run. Two runs on one output folder never interleave: the second waits for the first's lock
//! (with a message) and gives up after a time. Manifests and earlier outputs are only read when
//! they are regular files, and never beyond a size limit (a FIFO or a link to `/dev/zero` in
//! `out/` cannot hang the run).

use std::fs;
use std::io::{Read, Write};
use std::path::Path;

/// Largest manifest read (bytes); a larger one is treated as absent.
pub const MAX_MANIFEST_BYTES: u64 = 16 << 20;
/// Largest earlier output read back for comparison (bytes).
pub const MAX_UITVOER_BYTES: u64 = 512 << 20;
/// How long a run waits for another run's lock on the output folder, in seconds, unless the
/// environment variable `DOMEINRAPPORT_SLOT_WACHTTIJD` says otherwise.
pub const SLOT_WACHTTIJD: u64 = 600;

/// Why publishing failed. Every variant but [`PublicatieFout::Deels`] means nothing was
/// replaced or added: the earlier outputs are untouched.
#[derive(Debug, thiserror::Error)]
pub enum PublicatieFout {
    /// Another run holds the output folder's lock longer than we wait.
    #[error(
        "een andere run van domeinrapport schrijft nog naar {map}; na {seconden} seconden wachten gestopt \
         (stel de wachttijd in met DOMEINRAPPORT_SLOT_WACHTTIJD)"
    )]
    SlotBezet {
        /// The output folder.
        map: std::path::PathBuf,
        /// How long we waited.
        seconden: u64,
    },
    /// A file (or folder, or lock) could not be made or written; nothing was replaced.
    #[error("kan {pad} niet schrijven: {bron}")]
    Schrijven {
        /// The file that failed.
        pad: std::path::PathBuf,
        /// The operating system's error (in the message, so not also a `source`: the run's
        /// error chain would print it twice).
        bron: std::io::Error,
    },
    /// Where an output file belongs there is a folder (or a period folder is a symbolic link).
    #[error("{pad}: {reden}; verwijder of hernoem het en draai de run opnieuw")]
    GeenBestand {
        /// The path.
        pad: std::path::PathBuf,
        /// What is there.
        reden: &'static str,
    },
    /// Renaming failed after some files were already in place (the rename of a ready, synced
    /// file failed: extremely rare).
    #[error(
        "kan {pad} niet op zijn plaats zetten: {bron}; al vervangen: {}",
        vervangen_lijst(vervangen)
    )]
    Deels {
        /// The file whose rename failed.
        pad: std::path::PathBuf,
        /// The operating system's error (in the message, so not also a `source`: the run's
        /// error chain would print it twice).
        bron: std::io::Error,
        /// The files already replaced.
        vervangen: Vec<std::path::PathBuf>,
    },
}

fn vervangen_lijst(v: &[std::path::PathBuf]) -> String {
    v.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
}

impl PublicatieFout {
    /// Whether the earlier outputs are untouched (everything but [`PublicatieFout::Deels`]).
    pub fn niets_geschreven(&self) -> bool {
        !matches!(self, PublicatieFout::Deels { .. })
    }
}

/// A file written to its temporary name and synced, waiting to be renamed into place. Dropped
/// without [`Klaar::plaats`], the temporary file is removed.
struct Klaar {
    tijdelijk: tempfile::TempPath,
    doel: std::path::PathBuf,
}

impl Klaar {
    /// Renames the file into place (replacing a file or a symlink there, never following it).
    fn plaats(self) -> Result<(), (std::path::PathBuf, std::io::Error)> {
        let doel = self.doel;
        self.tijdelijk.persist(&doel).map_err(|e| (doel, e.error))
    }
}

/// Writes `bytes` to a fresh temporary file in `dir` for the file `naam`: created exclusively
/// (`O_EXCL`, random name `.<naam>.<pid>.<random>.tmp`, mode 0644 before the umask), written and
/// synced.
fn maak_klaar(dir: &Path, naam: &str, bytes: &[u8]) -> Result<Klaar, PublicatieFout> {
    let doel = dir.join(naam);
    let fout = |bron| PublicatieFout::Schrijven {
        pad: doel.clone(),
        bron,
    };
    let prefix = format!(".{naam}.{}.", std::process::id());
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp").rand_bytes(8);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o644));
    }
    let mut f = builder.tempfile_in(dir).map_err(fout)?;
    let (eerste, rest) = bytes.split_at(bytes.len() / 2);
    let geschreven = (|| {
        failpoint::schrijffout()?;
        f.write_all(eerste)?;
        failpoint::halverwege_bestand();
        f.write_all(rest)?;
        f.as_file().sync_all()
    })();
    geschreven.map_err(fout)?;
    Ok(Klaar {
        tijdelijk: f.into_temp_path(),
        doel,
    })
}

/// Writes `bytes` to `path` atomically: a fresh temporary file in the same directory is written,
/// synced and renamed into place, so a reader (or a killed run) never sees a half-written file.
/// Creates the parent directory when needed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    fs::create_dir_all(dir)?;
    let naam = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "uitvoer".into());
    if fs::symlink_metadata(path).is_ok_and(|m| m.is_dir()) {
        return Err(std::io::Error::new(
            std::io::ErrorKind::IsADirectory,
            "op deze plaats staat een map",
        ));
    }
    let klaar = maak_klaar(dir, &naam, bytes).map_err(|e| match e {
        PublicatieFout::Schrijven { bron, .. } => bron,
        ander => std::io::Error::other(ander.to_string()),
    })?;
    klaar.plaats().map_err(|(_, e)| e)
}

/// Reads `pad` when it is a regular file (not a symlink, FIFO or device) of at most `max`
/// bytes; `None` otherwise, or when it cannot be read.
pub fn lees_begrensd(pad: &Path, max: u64) -> Option<Vec<u8>> {
    let m = fs::symlink_metadata(pad).ok()?;
    if !m.file_type().is_file() || m.len() > max {
        return None;
    }
    let mut opties = fs::OpenOptions::new();
    opties.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Should it have been swapped for a link or a FIFO since the check: do not follow, do
        // not block.
        opties.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    let f = opties.open(pad).ok()?;
    if !f.metadata().ok()?.file_type().is_file() {
        return None;
    }
    let mut bytes = Vec::with_capacity(usize::try_from(m.len()).unwrap_or(0));
    f.take(max + 1).read_to_end(&mut bytes).ok()?;
    (bytes.len() as u64 <= max).then_some(bytes)
}

/// The exclusive lock on an output folder, held while a run publishes into it (released on
/// drop). It is an advisory lock (`flock`) on the folder itself, so no lock file is left behind.
pub struct Slot {
    _map: fs::File,
}

impl Slot {
    /// Takes the lock on `map` (which must exist). When another run holds it, says so on stderr
    /// and waits, at most [`SLOT_WACHTTIJD`] seconds (or `DOMEINRAPPORT_SLOT_WACHTTIJD`).
    pub fn neem(map: &Path) -> Result<Slot, PublicatieFout> {
        let fout = |bron| PublicatieFout::Schrijven {
            pad: map.to_path_buf(),
            bron,
        };
        let f = fs::File::open(map).map_err(fout)?;
        let wachttijd = std::env::var("DOMEINRAPPORT_SLOT_WACHTTIJD")
            .ok()
            .and_then(|v| v.trim().parse::<u64>().ok())
            .unwrap_or(SLOT_WACHTTIJD);
        let start = std::time::Instant::now();
        let mut gemeld = false;
        loop {
            match f.try_lock() {
                Ok(()) => return Ok(Slot { _map: f }),
                Err(fs::TryLockError::WouldBlock) => {}
                Err(fs::TryLockError::Error(e)) => return Err(fout(e)),
            }
            if start.elapsed().as_secs() >= wachttijd {
                return Err(PublicatieFout::SlotBezet {
                    map: map.to_path_buf(),
                    seconden: wachttijd,
                });
            }
            if !gemeld {
                eprintln!(
                    "domeinrapport: een andere run schrijft naar {}; wachten tot die klaar is (hoogstens {wachttijd} seconden)…",
                    map.display()
                );
                gemeld = true;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
    }
}

/// Failpoints for the end-to-end tests of a killed and a failing run (tests/scheduled_e2e.rs,
/// tests/hardening_e2e.rs). The files a run stages are counted from 1:
/// - `DOMEINRAPPORT_PAUZE_BIJ_BESTAND=N`: the N-th file stops halfway through its temporary
///   file, prints `pauze` on stderr and waits, so the test can kill the process at that point;
/// - `DOMEINRAPPORT_SCHRIJFFOUT_BIJ_BESTAND=N`: writing the N-th file fails as on a full disk
///   (`ENOSPC`).
///
/// Without the variables this is a single relaxed atomic increment per file.
mod failpoint {
    use std::sync::OnceLock;
    use std::sync::atomic::{AtomicUsize, Ordering};

    static TELLER: AtomicUsize = AtomicUsize::new(0);
    static PAUZE_BIJ: OnceLock<Option<usize>> = OnceLock::new();
    static FOUT_BIJ: OnceLock<Option<usize>> = OnceLock::new();
    static HUIDIG: AtomicUsize = AtomicUsize::new(0);

    fn env(naam: &str) -> Option<usize> {
        std::env::var(naam).ok().and_then(|v| v.trim().parse().ok())
    }

    /// Counts the file; fails when it is the one to fail.
    pub(super) fn schrijffout() -> std::io::Result<()> {
        let n = TELLER.fetch_add(1, Ordering::Relaxed) + 1;
        HUIDIG.store(n, Ordering::Relaxed);
        if *FOUT_BIJ.get_or_init(|| env("DOMEINRAPPORT_SCHRIJFFOUT_BIJ_BESTAND")) == Some(n) {
            return Err(std::io::Error::from_raw_os_error(28));
        }
        Ok(())
    }

    pub(super) fn halverwege_bestand() {
        let n = HUIDIG.load(Ordering::Relaxed);
        if *PAUZE_BIJ.get_or_init(|| env("DOMEINRAPPORT_PAUZE_BIJ_BESTAND")) == Some(n) {
            eprintln!("pauze");
            std::thread::sleep(std::time::Duration::from_secs(300));
        }
    }
}

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// SHA-256 of `bytes`, lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// One input file in the manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestInvoer {
    /// Path relative to the data directory.
    pub pad: String,
    /// SHA-256 of its bytes.
    pub sha256: String,
    /// Data lines read (CSV files).
    pub gelezen: usize,
    /// Lines accepted.
    pub geaccepteerd: usize,
    /// Lines rejected.
    pub afgekeurd: usize,
}

/// One output file in the manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestUitvoer {
    /// File name inside the period folder.
    pub pad: String,
    /// SHA-256 of its bytes.
    pub sha256: String,
    /// Size in bytes.
    pub bytes: usize,
}

impl ManifestUitvoer {
    /// The entry of the file `pad` with content `bytes`.
    fn van(pad: impl Into<String>, bytes: &[u8]) -> ManifestUitvoer {
        ManifestUitvoer {
            pad: pad.into(),
            sha256: sha256_hex(bytes),
            bytes: bytes.len(),
        }
    }
}

/// What the manifest records of one deliverable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestRapport {
    /// The inputs the deliverable was made from.
    pub invoer: Vec<ManifestInvoer>,
    /// One hash over the inputs' paths and hashes (and the tool version): the scheduled run
    /// skips a deliverable whose `invoer_sha256` is unchanged.
    pub invoer_sha256: String,
    /// SHA-256 of the deliverable's JSON model: the scheduled run also skips a deliverable
    /// whose inputs changed but whose figures did not.
    pub model_sha256: String,
    /// The files written.
    pub uitvoer: Vec<ManifestUitvoer>,
}

/// `out/<periode>/manifest.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// `domeinrapport`.
    pub tool: String,
    /// The tool version (Cargo package version).
    pub versie: String,
    /// The period code (`2024-Q2`).
    pub periode: String,
    /// The peildatum of the period.
    pub peildatum: String,
    /// Per deliverable (`kwartaalrapportage`, `halfjaar-financieel`, …).
    pub rapporten: BTreeMap<String, ManifestRapport>,
    /// The shared rejects file (`afgekeurde-rijen.csv`).
    pub afgekeurde_rijen: Option<ManifestUitvoer>,
}

impl Manifest {
    /// Reads `out/<periode>/manifest.json` when it is a regular file of at most
    /// [`MAX_MANIFEST_BYTES`] and parses.
    pub fn lees(map: &Path) -> Option<Manifest> {
        let bytes = lees_begrensd(&map.join("manifest.json"), MAX_MANIFEST_BYTES)?;
        serde_json::from_slice(&bytes).ok()
    }
}

/// The hash over a deliverable's inputs.
pub fn invoer_hash(invoer: &[ManifestInvoer]) -> String {
    let mut h = Sha256::new();
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    for i in invoer {
        h.update(i.pad.as_bytes());
        h.update([0]);
        h.update(i.sha256.as_bytes());
        h.update([0]);
    }
    hex::encode(h.finalize())
}

/// A deliverable ready to be written: its files (name → bytes) and its inputs.
#[derive(Debug, Clone)]
pub struct Rapportbestanden {
    /// `kwartaalrapportage`, `halfjaar-financieel`, `halfjaar-inhoudelijk`, `raadsinformatie`.
    pub rapport: String,
    /// File name inside the period folder → bytes, in writing order.
    pub bestanden: Vec<(String, Vec<u8>)>,
    /// The inputs.
    pub invoer: Vec<ManifestInvoer>,
    /// SHA-256 of the JSON model.
    pub model_sha256: String,
}

/// Everything one run writes into one period folder.
#[derive(Debug, Clone)]
pub struct Publicatie {
    /// `out/<periode>`.
    pub map: PathBuf,
    /// The period code.
    pub periode: String,
    /// The peildatum (ISO).
    pub peildatum: String,
    /// The deliverables.
    pub rapporten: Vec<Rapportbestanden>,
    /// The rejects file for this folder.
    pub afgekeurde_rijen: Vec<u8>,
}

/// Removes temporary files (`.<name>.<pid>.<random>.tmp`, or `.<name>.<pid>.tmp` of older
/// versions) that a killed earlier run left in `map`. A file whose process is still running
/// (another run writing right now) is left alone.
pub fn ruim_tijdelijke_bestanden_op(map: &Path) {
    let Ok(rd) = fs::read_dir(map) else { return };
    for e in rd.flatten() {
        let naam = e.file_name().to_string_lossy().into_owned();
        let Some(midden) = naam.strip_prefix('.').and_then(|n| n.strip_suffix(".tmp")) else {
            continue;
        };
        let mut delen = midden.rsplit('.');
        let (laatste, voorlaatste) = (delen.next(), delen.next());
        let pid = match (voorlaatste.and_then(|p| p.parse::<u32>().ok()), laatste) {
            (Some(pid), Some(r)) if r.len() == 8 && r.bytes().all(|b| b.is_ascii_alphanumeric()) => Some(pid),
            _ => laatste.and_then(|p| p.parse::<u32>().ok()),
        };
        let Some(pid) = pid else {
            continue;
        };
        if !e.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        let loopt_nog = pid == std::process::id() || Path::new("/proc").join(pid.to_string()).exists();
        if !loopt_nog {
            let _ = fs::remove_file(e.path());
        }
    }
}

/// A file a publication holds after it was written: the deliverables' files, the folder's
/// rejects file (also when it was left unchanged) and its manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gepubliceerd {
    /// The file's path (the period folder joined with its name).
    pub pad: PathBuf,
    /// Size in bytes.
    pub bytes: usize,
    /// SHA-256 of its bytes, as the manifest records it.
    pub sha256: String,
}

/// What [`publiceer_alles`] did.
#[derive(Debug)]
pub struct Uitslag {
    /// The files written, in the order of the publication: per folder its files, then its
    /// manifest.
    pub geschreven: Vec<PathBuf>,
    /// Every file the publications hold, per folder in that order, with the size and hash
    /// computed for the manifest (so a caller need not read them back).
    pub bestanden: Vec<Gepubliceerd>,
}

/// Writes the publications of a run, all or nothing (see the module docs): takes the lock on
/// each output folder, merges each folder's manifest with the entries of deliverables this run
/// did not write, stages every file (reports, rejects file when changed, manifest) and only then
/// renames them into place, each folder's manifest last. Returns the paths written and every
/// file the publications hold.
///
/// On an error before the renames, every temporary file and every folder this call created is
/// removed again: the output folder is as it was.
pub fn publiceer_alles(publicaties: &[Publicatie]) -> Result<Uitslag, PublicatieFout> {
    let mut gemaakt: Vec<PathBuf> = Vec::new();
    let uitkomst = publiceer_met_mappen(publicaties, &mut gemaakt);
    if uitkomst.as_ref().is_err_and(PublicatieFout::niets_geschreven) {
        // The temporaries are gone (dropped); remove the folders made for them, deepest first.
        for map in gemaakt.iter().rev() {
            let _ = fs::remove_dir(map);
        }
    }
    uitkomst
}

/// Creates `map` and its missing parents, recording each folder created.
fn maak_map(map: &Path, gemaakt: &mut Vec<PathBuf>) -> Result<(), PublicatieFout> {
    let mut ontbrekend = Vec::new();
    let mut p = Some(map);
    while let Some(m) = p.filter(|m| !m.as_os_str().is_empty()) {
        if fs::symlink_metadata(m).is_ok() {
            break;
        }
        ontbrekend.push(m.to_path_buf());
        p = m.parent();
    }
    for m in ontbrekend.into_iter().rev() {
        match fs::create_dir(&m) {
            Ok(()) => gemaakt.push(m),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(bron) => return Err(PublicatieFout::Schrijven { pad: m, bron }),
        }
    }
    Ok(())
}

fn publiceer_met_mappen(publicaties: &[Publicatie], gemaakt: &mut Vec<PathBuf>) -> Result<Uitslag, PublicatieFout> {
    // The lock on every output folder (the parents of the period folders), in a fixed order.
    let mut uitmappen: Vec<PathBuf> = publicaties
        .iter()
        .map(|p| match p.map.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        })
        .collect();
    uitmappen.sort();
    uitmappen.dedup();
    let mut sloten = Vec::new();
    for m in &uitmappen {
        maak_map(m, gemaakt)?;
        sloten.push(Slot::neem(m)?);
    }

    // Stage everything.
    let mut klaar: Vec<Klaar> = Vec::new();
    let mut manifesten: Vec<Klaar> = Vec::new();
    let mut bestanden: Vec<Gepubliceerd> = Vec::new();
    let mut gepubliceerd = |map: &Path, u: &ManifestUitvoer| {
        bestanden.push(Gepubliceerd {
            pad: map.join(&u.pad),
            bytes: u.bytes,
            sha256: u.sha256.clone(),
        })
    };
    for p in publicaties {
        match fs::symlink_metadata(&p.map) {
            Ok(m) if m.file_type().is_symlink() => {
                return Err(PublicatieFout::GeenBestand {
                    pad: p.map.clone(),
                    reden: "de periodemap is een symbolische koppeling; die wordt niet gevolgd",
                });
            }
            Ok(m) if !m.is_dir() => {
                return Err(PublicatieFout::GeenBestand {
                    pad: p.map.clone(),
                    reden: "op de plaats van de periodemap staat een bestand",
                });
            }
            _ => maak_map(&p.map, gemaakt)?,
        }
        ruim_tijdelijke_bestanden_op(&p.map);
        let mut manifest = Manifest::lees(&p.map)
            .filter(|m| m.periode == p.periode)
            .unwrap_or_else(|| Manifest {
                tool: env!("CARGO_PKG_NAME").to_string(),
                versie: env!("CARGO_PKG_VERSION").to_string(),
                periode: p.periode.clone(),
                peildatum: p.peildatum.clone(),
                rapporten: BTreeMap::new(),
                afgekeurde_rijen: None,
            });
        manifest.versie = env!("CARGO_PKG_VERSION").to_string();
        for r in &p.rapporten {
            let mut uitvoer = Vec::new();
            for (naam, bytes) in &r.bestanden {
                klaar.push(maak_klaar(&p.map, naam, bytes)?);
                let u = ManifestUitvoer::van(naam.as_str(), bytes);
                gepubliceerd(&p.map, &u);
                uitvoer.push(u);
            }
            manifest.rapporten.insert(
                r.rapport.clone(),
                ManifestRapport {
                    invoer_sha256: invoer_hash(&r.invoer),
                    invoer: r.invoer.clone(),
                    model_sha256: r.model_sha256.clone(),
                    uitvoer,
                },
            );
        }
        // The rejects file belongs to the folder, not to one deliverable: it is only rewritten
        // when its content changed, so a run that redoes one report leaves it alone otherwise.
        let pad = p.map.join(AFGEKEURD);
        if lees_begrensd(&pad, MAX_UITVOER_BYTES).as_deref() != Some(p.afgekeurde_rijen.as_slice()) {
            klaar.push(maak_klaar(&p.map, AFGEKEURD, &p.afgekeurde_rijen)?);
        }
        let afgekeurd = ManifestUitvoer::van(AFGEKEURD, &p.afgekeurde_rijen);
        gepubliceerd(&p.map, &afgekeurd);
        manifest.afgekeurde_rijen = Some(afgekeurd);
        let mut json = serde_json::to_vec_pretty(&manifest).map_err(|e| PublicatieFout::Schrijven {
            pad: p.map.join(MANIFEST),
            bron: std::io::Error::other(e),
        })?;
        json.push(b'\n');
        gepubliceerd(&p.map, &ManifestUitvoer::van(MANIFEST, &json));
        manifesten.push(maak_klaar(&p.map, MANIFEST, &json)?);
    }

    // Nothing may stand in the way of a rename: a folder where a file belongs fails now, before
    // anything is replaced.
    for k in klaar.iter().chain(&manifesten) {
        if fs::symlink_metadata(&k.doel).is_ok_and(|m| m.is_dir()) {
            return Err(PublicatieFout::GeenBestand {
                pad: k.doel.clone(),
                reden: "op de plaats van dit uitvoerbestand staat een map",
            });
        }
    }

    // Every file is ready: rename them into place, the manifests last.
    let mut geschreven: Vec<PathBuf> = Vec::new();
    let mut mappen: Vec<PathBuf> = Vec::new();
    for k in klaar.into_iter().chain(manifesten) {
        let doel = k.doel.clone();
        if let Err((pad, bron)) = k.plaats() {
            return Err(PublicatieFout::Deels {
                pad,
                bron,
                vervangen: geschreven,
            });
        }
        if let Some(m) = doel.parent()
            && !mappen.iter().any(|x| x == m)
        {
            mappen.push(m.to_path_buf());
        }
        geschreven.push(doel);
    }
    // Make the renames durable.
    for m in &mappen {
        if let Ok(f) = fs::File::open(m) {
            let _ = f.sync_all();
        }
    }
    drop(sloten);
    // Report in the order of the publication: per folder its files, then its manifest.
    let mut volgorde = Vec::with_capacity(geschreven.len());
    for p in publicaties {
        volgorde.extend(
            geschreven
                .iter()
                .filter(|g| g.parent() == Some(p.map.as_path()) && g.file_name() != Some(MANIFEST.as_ref()))
                .cloned(),
        );
        volgorde.push(p.map.join(MANIFEST));
    }
    Ok(Uitslag {
        geschreven: volgorde,
        bestanden,
    })
}

/// `manifest.json`
const MANIFEST: &str = "manifest.json";
/// `afgekeurde-rijen.csv`
const AFGEKEURD: &str = "afgekeurde-rijen.csv";

/// [`publiceer_alles`] for one folder.
pub fn publiceer(p: &Publicatie) -> Result<Vec<PathBuf>, PublicatieFout> {
    Ok(publiceer_alles(std::slice::from_ref(p))?.geschreven)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_atomic_replaces_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("sub/a.json");
        write_atomic(&p, b"een").unwrap();
        write_atomic(&p, b"twee").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"twee");
        let namen: Vec<_> = fs::read_dir(dir.path().join("sub"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(namen, vec![std::ffi::OsString::from("a.json")]);
    }

    #[test]
    fn leftover_temp_file_of_a_dead_run_is_removed_other_files_stay() {
        let d = tempfile::tempdir().unwrap();
        // pid 4294967295 cannot be running; the current process's own temp file must stay.
        let dood = d.path().join(".rapport.pdf.4294967295.tmp");
        let eigen = d.path().join(format!(".rapport.pdf.{}.tmp", std::process::id()));
        let gewoon = d.path().join("rapport.pdf");
        let verborgen = d.path().join(".notities.tmp");
        for f in [&dood, &eigen, &gewoon, &verborgen] {
            fs::write(f, b"x").unwrap();
        }
        ruim_tijdelijke_bestanden_op(d.path());
        assert!(!dood.exists());
        assert!(eigen.exists());
        assert!(gewoon.exists());
        assert!(verborgen.exists(), "a hidden file without a pid is not ours");
    }

    #[test]
    fn leftover_temp_file_with_a_random_part_is_removed() {
        let d = tempfile::tempdir().unwrap();
        let dood = d.path().join(".rapport.pdf.4294967295.a1B2c3D4.tmp");
        let eigen = d
            .path()
            .join(format!(".rapport.pdf.{}.a1B2c3D4.tmp", std::process::id()));
        for f in [&dood, &eigen] {
            fs::write(f, b"x").unwrap();
        }
        ruim_tijdelijke_bestanden_op(d.path());
        assert!(!dood.exists());
        assert!(eigen.exists());
    }

    fn publicatie(map: &Path, bestanden: &[(&str, &[u8])]) -> Publicatie {
        Publicatie {
            map: map.to_path_buf(),
            periode: "2024-Q2".into(),
            peildatum: "2024-06-30".into(),
            rapporten: vec![Rapportbestanden {
                rapport: "kwartaalrapportage".into(),
                bestanden: bestanden.iter().map(|(n, b)| (n.to_string(), b.to_vec())).collect(),
                invoer: vec![],
                model_sha256: "m".into(),
            }],
            afgekeurde_rijen: b"bestand;regel;kolom;waarde;reden\r\n".to_vec(),
        }
    }

    /// Every file under `p` with its bytes (symlinks as their target path).
    fn inhoud(p: &Path) -> BTreeMap<String, Vec<u8>> {
        let mut m = BTreeMap::new();
        for e in fs::read_dir(p).unwrap().flatten() {
            let t = e.file_type().unwrap();
            let naam = e.file_name().to_string_lossy().into_owned();
            if t.is_dir() {
                for (k, v) in inhoud(&e.path()) {
                    m.insert(format!("{naam}/{k}"), v);
                }
            } else if t.is_symlink() {
                let doel = fs::read_link(e.path()).unwrap();
                m.insert(naam, doel.to_string_lossy().as_bytes().to_vec());
            } else {
                m.insert(naam, fs::read(e.path()).unwrap());
            }
        }
        m
    }

    #[test]
    fn a_folder_where_a_file_belongs_fails_before_anything_is_replaced() {
        let d = tempfile::tempdir().unwrap();
        let map = d.path().join("out/2024-Q2");
        publiceer(&publicatie(&map, &[("a.json", b"oud a"), ("b.pdf", b"oud b")])).unwrap();
        let voor = inhoud(d.path());
        fs::remove_file(map.join("b.pdf")).unwrap();
        fs::create_dir(map.join("b.pdf")).unwrap();
        let voor_met_map = inhoud(d.path());
        let e = publiceer(&publicatie(&map, &[("a.json", b"nieuw a"), ("b.pdf", b"nieuw b")])).unwrap_err();
        assert!(e.niets_geschreven());
        assert!(
            e.to_string()
                .contains("b.pdf: op de plaats van dit uitvoerbestand staat een map"),
            "{e}"
        );
        // a.json is still the old one, no temporary file is left.
        assert_eq!(inhoud(d.path()), voor_met_map);
        assert_eq!(voor["out/2024-Q2/a.json"], b"oud a");
    }

    #[test]
    fn a_failed_run_leaves_no_folder_behind() {
        let d = tempfile::tempdir().unwrap();
        // A period folder that is a symlink is refused; the output folder made for it is
        // removed again and the link's target stays empty.
        fs::create_dir_all(d.path().join("elders")).unwrap();
        let out = d.path().join("nieuw/out");
        fs::create_dir_all(&out).unwrap();
        std::os::unix::fs::symlink(d.path().join("elders"), out.join("2024-Q2")).unwrap();
        let e = publiceer(&publicatie(&out.join("2024-Q2"), &[("a.json", b"a")])).unwrap_err();
        assert!(e.niets_geschreven());
        assert!(e.to_string().contains("symbolische koppeling"), "{e}");
        assert!(inhoud(&d.path().join("elders")).is_empty());
        // Folders this call made are removed when it fails: `verder/out` did not exist, and a
        // file stands where the period folder belongs.
        let verder = d.path().join("verder");
        fs::create_dir_all(&verder).unwrap();
        let e = publiceer_alles(&[
            publicatie(&verder.join("out/2024-Q2"), &[("a.json", b"a")]),
            publicatie(&verder.join("out/2024-Q2/a.json/x"), &[("b.json", b"b")]),
        ])
        .unwrap_err();
        assert!(e.niets_geschreven(), "{e}");
        assert!(inhoud(&verder).is_empty(), "{:?}", inhoud(&verder));
    }

    #[test]
    fn a_planted_symlink_is_replaced_never_followed() {
        let d = tempfile::tempdir().unwrap();
        let buiten = d.path().join("buiten.txt");
        fs::write(&buiten, b"niet aankomen").unwrap();
        let map = d.path().join("out/2024-Q2");
        fs::create_dir_all(&map).unwrap();
        // Links under the output name and under the names an older version used for its
        // temporary files.
        std::os::unix::fs::symlink(&buiten, map.join("a.json")).unwrap();
        std::os::unix::fs::symlink(&buiten, map.join(format!(".a.json.{}.tmp", std::process::id()))).unwrap();
        publiceer(&publicatie(&map, &[("a.json", b"nieuw")])).unwrap();
        assert_eq!(fs::read(&buiten).unwrap(), b"niet aankomen");
        assert!(fs::symlink_metadata(map.join("a.json")).unwrap().is_file());
        assert_eq!(fs::read(map.join("a.json")).unwrap(), b"nieuw");
    }

    #[test]
    fn manifests_are_read_only_when_regular_and_small() {
        let d = tempfile::tempdir().unwrap();
        let fifo = d.path().join("fifo");
        assert!(
            std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap()
                .success()
        );
        // A FIFO would block a plain read forever.
        assert_eq!(lees_begrensd(&fifo, 100), None);
        std::os::unix::fs::symlink("/dev/zero", d.path().join("nul")).unwrap();
        assert_eq!(lees_begrensd(&d.path().join("nul"), 100), None);
        fs::write(d.path().join("groot"), vec![b'x'; 101]).unwrap();
        assert_eq!(lees_begrensd(&d.path().join("groot"), 100), None);
        fs::write(d.path().join("klein"), b"{}").unwrap();
        assert_eq!(lees_begrensd(&d.path().join("klein"), 100), Some(b"{}".to_vec()));
        // A manifest.json that is a FIFO is no manifest, and publishing replaces it.
        let map = d.path().join("out/2024-Q2");
        fs::create_dir_all(&map).unwrap();
        assert!(
            std::process::Command::new("mkfifo")
                .arg(map.join("manifest.json"))
                .status()
                .unwrap()
                .success()
        );
        assert!(Manifest::lees(&map).is_none());
        publiceer(&publicatie(&map, &[("a.json", b"a")])).unwrap();
        assert_eq!(Manifest::lees(&map).unwrap().rapporten.len(), 1);
    }

    #[test]
    fn a_second_lock_waits_and_gives_up() {
        let d = tempfile::tempdir().unwrap();
        let eerste = Slot::neem(d.path()).unwrap();
        // A second open file description of the same folder cannot take the lock.
        let f = fs::File::open(d.path()).unwrap();
        assert!(matches!(f.try_lock(), Err(fs::TryLockError::WouldBlock)));
        drop(eerste);
        assert!(f.try_lock().is_ok());
    }

    #[test]
    fn sha256_of_known_text() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
