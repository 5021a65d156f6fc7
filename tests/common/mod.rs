//! Helpers shared by the end-to-end tests that run the real binary on copies of the bundled
//! data. Each test binary uses a different subset, hence the `dead_code` allowance.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The words of a PDF's text (pdftotext, runs of white space as one space), or `None` with a
/// message when pdftotext (poppler-utils) is not installed.
pub fn pdf_woorden(pad: &Path) -> Option<String> {
    let Ok(o) = Command::new("pdftotext").arg(pad).arg("-").output() else {
        eprintln!("pdftotext ontbreekt: tekstcontrole overgeslagen");
        return None;
    };
    assert!(o.status.success(), "pdftotext {}", pad.display());
    Some(
        String::from_utf8_lossy(&o.stdout)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// The binary under test.
pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_domeinrapport")
}

/// The repository root (holds `data/` and `report_templates/`).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the binary from the repository root.
pub fn run(args: &[&str]) -> Output {
    Command::new(bin()).current_dir(root()).args(args).output().unwrap()
}

/// Copies a directory tree.
pub fn kopieer_map(van: &Path, naar: &Path) {
    std::fs::create_dir_all(naar).unwrap();
    for e in std::fs::read_dir(van).unwrap() {
        let e = e.unwrap();
        let doel = naar.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            kopieer_map(&e.path(), &doel);
        } else {
            std::fs::copy(e.path(), doel).unwrap();
        }
    }
}

/// stdout and stderr together, for assertion messages.
pub fn alles(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// Every file under `p`, sorted.
pub fn walk(p: &Path) -> Vec<PathBuf> {
    let mut v = Vec::new();
    if let Ok(rd) = std::fs::read_dir(p) {
        for e in rd.flatten() {
            if e.file_type().unwrap().is_dir() {
                v.extend(walk(&e.path()));
            } else {
                v.push(e.path());
            }
        }
    }
    v.sort();
    v
}

/// Replaces the value of `kolom` on line `regel` (1-based, header = 1) of a `;`/`,` CSV. Works
/// on bytes, so a file in Windows-1252 keeps its encoding (and a UTF-8 file its BOM).
pub fn zet_cel(pad: &Path, regel: usize, kolom: &str, waarde: &str) {
    let bytes = std::fs::read(pad).unwrap();
    let mut regels: Vec<Vec<u8>> = bytes.split(|b| *b == b'\n').map(<[u8]>::to_vec).collect();
    let kop = String::from_utf8_lossy(&regels[0]).into_owned();
    let kop = kop.trim_start_matches('\u{feff}').trim_end_matches('\r');
    let delim = if kop.contains(';') { b';' } else { b',' };
    let k = kop
        .split(delim as char)
        .position(|c| c.trim().eq_ignore_ascii_case(kolom))
        .unwrap();
    let mut velden: Vec<Vec<u8>> = regels[regel - 1].split(|b| *b == delim).map(<[u8]>::to_vec).collect();
    velden[k] = waarde.as_bytes().to_vec();
    regels[regel - 1] = velden.join(&delim);
    std::fs::write(pad, regels.join(&b'\n')).unwrap();
}

/// `<map>/data`: a copy of the golden fixture (`tests/fixtures/golden/`) with the bundled
/// afspraken, the data folder of the golden and fixture-based end-to-end tests.
pub fn golden_fixture(map: &Path) -> PathBuf {
    let data = map.join("data");
    kopieer_map(&root().join("tests/fixtures/golden"), &data);
    kopieer_map(&root().join("data/afspraken"), &data.join("afspraken"));
    data
}

/// A temporary folder with copies of the bundled data and templates, and an output folder in it.
pub struct Omgeving {
    pub _tmp: tempfile::TempDir,
    pub data: PathBuf,
    pub templates: PathBuf,
    pub out: PathBuf,
}

impl Omgeving {
    /// The binary with `opdracht`, on this data, these templates and this output folder.
    pub fn commando(&self, opdracht: &[&str]) -> Command {
        let mut c = Command::new(bin());
        c.current_dir(root()).args(opdracht).args([
            "--data",
            self.data.to_str().unwrap(),
            "--templates",
            self.templates.to_str().unwrap(),
            "--out",
            self.out.to_str().unwrap(),
        ]);
        c
    }

    pub fn draai(&self, opdracht: &[&str]) -> Output {
        self.commando(opdracht).output().unwrap()
    }

    pub fn draai_goed(&self, opdracht: &[&str]) -> Output {
        let o = self.draai(opdracht);
        assert!(o.status.success(), "{opdracht:?}: {}", alles(&o));
        o
    }
}

/// A temporary folder with the golden fixture as data (`golden_fixture`), a copy of the
/// bundled templates, and an output folder in it.
pub fn golden_omgeving() -> Omgeving {
    omgeving_met(golden_fixture)
}

/// Copies of the bundled data and templates in a temporary folder.
pub fn omgeving() -> Omgeving {
    omgeving_met(|map| {
        let data = map.join("data");
        kopieer_map(&root().join("data"), &data);
        data
    })
}

/// A temporary folder with the data folder `data` makes in it, a copy of the bundled templates
/// and an output folder.
fn omgeving_met(data: impl FnOnce(&Path) -> PathBuf) -> Omgeving {
    let tmp = tempfile::tempdir().unwrap();
    let data = data(tmp.path());
    let templates = tmp.path().join("report_templates");
    kopieer_map(&root().join("report_templates"), &templates);
    let out = tmp.path().join("out");
    Omgeving {
        _tmp: tmp,
        data,
        templates,
        out,
    }
}
