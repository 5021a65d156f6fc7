//! Publishing outputs: atomic writes (temporary file in the same directory, then rename), the
//! manifest and the scheduled-run bookkeeping. Only this module writes under `out/`.

use std::fs;
use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` atomically: a temporary file in the same directory is written,
/// flushed to disk and renamed into place, so a reader (or a killed run) never sees a
/// half-written file. Creates the parent directory when needed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "uitvoer".into());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = fs::File::create(&tmp)?;
        let (eerste, rest) = bytes.split_at(bytes.len() / 2);
        f.write_all(eerste)?;
        failpoint::halverwege_bestand();
        f.write_all(rest)?;
        f.sync_all()?;
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// A failpoint for the end-to-end test of a killed run (tests/scheduled_e2e.rs). When the
/// environment variable `DOMEINRAPPORT_PAUZE_BIJ_BESTAND` is `N`, the N-th atomic write of the
/// process stops halfway through its temporary file, prints `pauze` on stderr and waits, so the
/// test can kill the process at that exact point: N-1 files already renamed into place, one
/// half-written. Without the variable this is a single relaxed atomic increment per file.
mod failpoint {
    use std::sync::OnceLock;
    use std::sync::atomic::{AtomicUsize, Ordering};

    static TELLER: AtomicUsize = AtomicUsize::new(0);
    static PAUZE_BIJ: OnceLock<Option<usize>> = OnceLock::new();

    pub(super) fn halverwege_bestand() {
        let n = TELLER.fetch_add(1, Ordering::Relaxed) + 1;
        let pauze = PAUZE_BIJ.get_or_init(|| {
            std::env::var("DOMEINRAPPORT_PAUZE_BIJ_BESTAND")
                .ok()
                .and_then(|v| v.trim().parse().ok())
        });
        if *pauze == Some(n) {
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
    /// Reads `out/<periode>/manifest.json` when it exists and parses.
    pub fn lees(map: &Path) -> Option<Manifest> {
        let bytes = fs::read(map.join("manifest.json")).ok()?;
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

/// Removes temporary files (`.<name>.<pid>.tmp`) that a killed earlier run left in `map`. A
/// file whose process is still running (another run writing right now) is left alone.
pub fn ruim_tijdelijke_bestanden_op(map: &Path) {
    let Ok(rd) = fs::read_dir(map) else { return };
    for e in rd.flatten() {
        let naam = e.file_name().to_string_lossy().into_owned();
        let Some(midden) = naam.strip_prefix('.').and_then(|n| n.strip_suffix(".tmp")) else {
            continue;
        };
        let Some(pid) = midden.rsplit('.').next().and_then(|p| p.parse::<u32>().ok()) else {
            continue;
        };
        let loopt_nog = pid == std::process::id() || Path::new("/proc").join(pid.to_string()).exists();
        if !loopt_nog {
            let _ = fs::remove_file(e.path());
        }
    }
}

/// Writes a publication: every file atomically, then the manifest (merged with the entries of
/// deliverables in the folder that this run did not write). Returns the paths written.
pub fn publiceer(p: &Publicatie) -> std::io::Result<Vec<PathBuf>> {
    let mut geschreven = Vec::new();
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
            let pad = p.map.join(naam);
            write_atomic(&pad, bytes)?;
            geschreven.push(pad);
            uitvoer.push(ManifestUitvoer {
                pad: naam.clone(),
                sha256: sha256_hex(bytes),
                bytes: bytes.len(),
            });
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
    // The rejects file belongs to the folder, not to one deliverable: it is only rewritten when
    // its content changed, so a run that redoes one report leaves it alone otherwise.
    let pad = p.map.join("afgekeurde-rijen.csv");
    if fs::read(&pad).ok().as_deref() != Some(p.afgekeurde_rijen.as_slice()) {
        write_atomic(&pad, &p.afgekeurde_rijen)?;
        geschreven.push(pad);
    }
    manifest.afgekeurde_rijen = Some(ManifestUitvoer {
        pad: "afgekeurde-rijen.csv".into(),
        sha256: sha256_hex(&p.afgekeurde_rijen),
        bytes: p.afgekeurde_rijen.len(),
    });
    let mut json = serde_json::to_vec_pretty(&manifest).map_err(std::io::Error::other)?;
    json.push(b'\n');
    let pad = p.map.join("manifest.json");
    write_atomic(&pad, &json)?;
    geschreven.push(pad);
    Ok(geschreven)
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
    fn sha256_of_known_text() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
