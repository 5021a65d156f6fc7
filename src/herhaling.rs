//! A repeated `run` (issue 19): when a `run` is asked again with the same command, on the same
//! inputs, with the same templates and the same program, into an output folder that still holds
//! every file the earlier run wrote byte for byte, there is nothing to make. The run then says so
//! and shows the earlier run's summary, without parsing a CSV file or rendering a document.
//!
//! Why that is safe: a run is deterministic (the same inputs, templates and program give the same
//! bytes; see `publish`), so making the files again would write exactly the bytes that are there.
//! The record of a run, `out/.runverslagen/<key>.json`, holds
//! - the key: a SHA-256 over the input cache's key (program version and executable, the
//!   rejects threshold, every afspraken and CSV file by path and SHA-256; see
//!   `ingest::cache::sleutel`), the data and template folders, every toelichting file and every
//!   template file by path and SHA-256, and the command's periods and deliverables;
//! - every file the run published (the deliverables, each period folder's rejects file and
//!   manifest), relative to the output folder, with its size and SHA-256;
//! - the run's summary as it printed it.
//!
//! A record is used only when its key is the run's key and every file it lists is a regular
//! file in the output folder with that size and hash (read with the limits `publish` reads
//! earlier outputs with). Anything else (a changed byte, a missing file, a damaged record, a
//! path that leaves the output folder) is a miss: the run makes everything as usual. A record is
//! written atomically after a run succeeded, and not after a run whose documents gave warnings
//! (so the next run shows them again). Writing a new record removes the records of other inputs.

use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::publish;

/// The folder of the run records inside the output folder.
pub const MAP: &str = ".runverslagen";

/// The format of a record; a record of another format is ignored.
const VERSIE: u32 = 1;

/// The largest record read (bytes).
const MAX_VERSLAG_BYTES: u64 = 4 << 20;

/// A run's key: the SHA-256 over its parts (see the module docs), each part ended by a zero
/// byte so that no two lists of parts share a key.
pub fn sleutel<'a>(delen: impl IntoIterator<Item = &'a str>) -> String {
    let mut h = Sha256::new();
    for d in delen {
        h.update(d.as_bytes());
        h.update([0]);
    }
    hex::encode(h.finalize())
}

/// One published file in a record.
#[derive(Serialize, Deserialize)]
struct Bestand {
    /// Relative to the output folder, with `/`.
    pad: String,
    bytes: u64,
    sha256: String,
}

/// `out/.runverslagen/<key>.json`.
#[derive(Serialize, Deserialize)]
struct Verslag {
    versie: u32,
    sleutel: String,
    /// The input cache key of the run: records of other inputs are removed when a new one is
    /// written.
    invoer: String,
    bestanden: Vec<Bestand>,
    samenvatting: String,
}

/// What an earlier identical run left: how many files it published and its summary.
#[derive(Debug)]
pub struct Herhaling {
    pub bestanden: usize,
    pub samenvatting: String,
}

fn verslagpad(out: &Path, sleutel: &str) -> PathBuf {
    out.join(MAP).join(format!("{sleutel}.json"))
}

/// The earlier run with key `sleutel` in `out`, when every file it published is still there
/// unchanged (see the module docs); `None` otherwise.
pub fn lees(out: &Path, sleutel: &str) -> Option<Herhaling> {
    use rayon::prelude::*;
    let bytes = publish::lees_begrensd(&verslagpad(out, sleutel), MAX_VERSLAG_BYTES)?;
    let v: Verslag = serde_json::from_slice(&bytes).ok()?;
    if v.versie != VERSIE || v.sleutel != sleutel || v.bestanden.is_empty() {
        return None;
    }
    let intact = v.bestanden.par_iter().all(|b| {
        binnen(&b.pad).is_some_and(|rel| {
            publish::lees_begrensd(&out.join(rel), publish::MAX_UITVOER_BYTES)
                .is_some_and(|inhoud| inhoud.len() as u64 == b.bytes && publish::sha256_hex(&inhoud) == b.sha256)
        })
    });
    intact.then_some(Herhaling {
        bestanden: v.bestanden.len(),
        samenvatting: v.samenvatting,
    })
}

/// `pad` as a path inside the output folder: relative, and only plain names (no `..`, no root).
fn binnen(pad: &str) -> Option<PathBuf> {
    let p = PathBuf::from(pad);
    let gewoon = !pad.is_empty() && p.components().all(|c| matches!(c, Component::Normal(_)));
    gewoon.then_some(p)
}

/// Records the run with key `sleutel` (input cache key `invoer`) that published `bestanden`
/// (inside `out`, with the sizes and hashes its publication computed) and printed
/// `samenvatting`; removes the records of runs on other inputs.
pub fn schrijf(
    out: &Path,
    sleutel: &str,
    invoer: &str,
    bestanden: &[publish::Gepubliceerd],
    samenvatting: &str,
) -> std::io::Result<()> {
    let bestanden = bestanden
        .iter()
        .map(|b| {
            let rel = b
                .pad
                .strip_prefix(out)
                .map_err(|_| std::io::Error::other(format!("{} ligt buiten de uitvoermap", b.pad.display())))?;
            Ok(Bestand {
                pad: rel.to_string_lossy().replace('\\', "/"),
                bytes: b.bytes as u64,
                sha256: b.sha256.clone(),
            })
        })
        .collect::<std::io::Result<Vec<Bestand>>>()?;
    let verslag = Verslag {
        versie: VERSIE,
        sleutel: sleutel.to_string(),
        invoer: invoer.to_string(),
        bestanden,
        samenvatting: samenvatting.to_string(),
    };
    let mut json = serde_json::to_vec_pretty(&verslag).map_err(std::io::Error::other)?;
    json.push(b'\n');
    let map = out.join(MAP);
    std::fs::create_dir_all(&map)?;
    publish::write_atomic(&verslagpad(out, sleutel), &json)?;
    // Records of other inputs can never be used again.
    for e in std::fs::read_dir(&map)?.flatten() {
        let pad = e.path();
        if pad.extension().is_none_or(|x| x != "json") || pad == verslagpad(out, sleutel) {
            continue;
        }
        let ander = publish::lees_begrensd(&pad, MAX_VERSLAG_BYTES)
            .and_then(|b| serde_json::from_slice::<Verslag>(&b).ok())
            .is_none_or(|v| v.invoer != invoer);
        if ander {
            let _ = std::fs::remove_file(&pad);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Writes a file as a publication would and returns what it reports of it.
    fn publiceer(out: &Path, naam: &str, inhoud: &[u8]) -> publish::Gepubliceerd {
        let pad = out.join("2024-Q2").join(naam);
        std::fs::create_dir_all(pad.parent().unwrap()).unwrap();
        std::fs::write(&pad, inhoud).unwrap();
        publish::Gepubliceerd {
            pad,
            bytes: inhoud.len(),
            sha256: publish::sha256_hex(inhoud),
        }
    }

    #[test]
    fn a_record_is_used_only_while_every_file_is_unchanged() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path();
        let a = publiceer(out, "a.pdf", b"%PDF-a");
        let b = publiceer(out, "b.json", b"{}\n");
        let k = sleutel(["run", "x"]);
        schrijf(out, &k, "invoer-1", &[a.clone(), b.clone()], "samenvatting\n").unwrap();

        let h = lees(out, &k).expect("unchanged files");
        assert_eq!(h.bestanden, 2);
        assert_eq!(h.samenvatting, "samenvatting\n");
        // Another key is another run.
        assert!(lees(out, &sleutel(["run", "y"])).is_none());

        // One byte changed, same size: a miss.
        std::fs::write(&b.pad, b"[]\n").unwrap();
        assert!(lees(out, &k).is_none());
        std::fs::write(&b.pad, b"{}\n").unwrap();
        assert!(lees(out, &k).is_some());
        // A file gone: a miss.
        std::fs::remove_file(&a.pad).unwrap();
        assert!(lees(out, &k).is_none());
    }

    #[test]
    fn the_parts_of_a_key_do_not_run_together() {
        assert_ne!(sleutel(["ab", "c"]), sleutel(["a", "bc"]));
        assert_eq!(sleutel(["ab", "c"]), sleutel(["ab", "c"].iter().copied()));
    }

    #[test]
    fn a_record_naming_a_path_outside_the_output_folder_is_a_miss() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        let a = publiceer(&out, "a.pdf", b"%PDF-a");
        let k = sleutel(["run"]);
        schrijf(&out, &k, "i", &[a], "s").unwrap();
        assert!(lees(&out, &k).is_some());
        // The same content outside the folder, named with `..`.
        std::fs::write(tmp.path().join("buiten.pdf"), b"%PDF-a").unwrap();
        let pad = verslagpad(&out, &k);
        let tekst = std::fs::read_to_string(&pad)
            .unwrap()
            .replace("2024-Q2/a.pdf", "../buiten.pdf");
        std::fs::write(&pad, tekst).unwrap();
        assert!(lees(&out, &k).is_none());
        assert!(binnen("/etc/passwd").is_none());
        assert!(binnen("").is_none());
        assert_eq!(binnen("2024-Q2/a.pdf"), Some(PathBuf::from("2024-Q2/a.pdf")));
    }

    #[test]
    fn a_new_record_removes_those_of_other_inputs_and_keeps_those_of_the_same() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path();
        let a = publiceer(out, "a.pdf", b"x");
        let (k1, k2, k3) = (sleutel(["1"]), sleutel(["2"]), sleutel(["3"]));
        schrijf(out, &k1, "oud", std::slice::from_ref(&a), "s").unwrap();
        schrijf(out, &k2, "nieuw", std::slice::from_ref(&a), "s").unwrap();
        assert!(lees(out, &k1).is_none() && !verslagpad(out, &k1).exists());
        schrijf(out, &k3, "nieuw", std::slice::from_ref(&a), "s").unwrap();
        assert!(lees(out, &k2).is_some() && lees(out, &k3).is_some());
    }
}
