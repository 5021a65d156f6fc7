//! A repeated `run` (issue 19, `src/herhaling.rs`): the same command on the same inputs,
//! templates and program, into a folder that still holds every file the earlier run wrote,
//! makes nothing and shows the earlier summary. Anything that could change a file (an input, a
//! toelichting, a template, the command) or a file that is no longer as written makes the run
//! make its files again. On the golden fixture (`tests/fixtures/golden/`).

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::time::SystemTime;

const HERHAALD: &str = "Niets opnieuw gemaakt";

/// The golden fixture, a copy of the templates and an output folder.
struct Map(common::Omgeving);

fn map() -> Map {
    Map(common::golden_omgeving())
}

impl Map {
    /// `run --period 2024-H1 [--report r]`; its stdout.
    fn run(&self, report: Option<&str>) -> String {
        let mut args = vec!["run", "--period", "2024-H1", "--max-afgekeurd-pct", "20"];
        if let Some(r) = report {
            args.extend(["--report", r]);
        }
        String::from_utf8(self.0.draai_goed(&args).stdout).unwrap()
    }

    /// Every published file of the period folder: name → (bytes, modification time).
    fn bestanden(&self) -> BTreeMap<String, (Vec<u8>, SystemTime)> {
        let map = self.0.out.join("2024-H1");
        common::walk(&map)
            .into_iter()
            .map(|p| {
                let naam = p.strip_prefix(&map).unwrap().display().to_string();
                let tijd = std::fs::metadata(&p).unwrap().modified().unwrap();
                (naam, (std::fs::read(&p).unwrap(), tijd))
            })
            .collect()
    }
}

/// The summary of a run's stdout: everything but the lines about the input cache, the files
/// written and the repeat.
fn samenvatting(s: &str) -> String {
    s.lines()
        .filter(|r| !r.starts_with("geschreven: ") && !r.starts_with(HERHAALD) && !r.starts_with("Invoer ongewijzigd"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn zonder_tijd(b: &BTreeMap<String, (Vec<u8>, SystemTime)>) -> BTreeMap<String, Vec<u8>> {
    b.iter().map(|(k, (v, _))| (k.clone(), v.clone())).collect()
}

fn voeg_toe(pad: &Path, tekst: &str) {
    let mut inhoud = std::fs::read(pad).unwrap();
    inhoud.extend_from_slice(tekst.as_bytes());
    std::fs::write(pad, inhoud).unwrap();
}

#[test]
fn a_repeated_run_makes_nothing_and_shows_the_same_summary() {
    let m = map();
    let eerste = m.run(None);
    assert!(!eerste.contains(HERHAALD), "{eerste}");
    let geschreven = eerste.lines().filter(|r| r.starts_with("geschreven: ")).count();
    let voor = m.bestanden();

    let tweede = m.run(None);
    assert!(tweede.starts_with(HERHAALD), "{tweede}");
    // "… de 9 bestanden die die run schreef …": the files it published, the rejects file and
    // the manifest among them.
    assert!(
        tweede.contains(&format!("de {geschreven} bestanden die die run schreef")),
        "{geschreven}: {tweede}"
    );
    assert!(!tweede.contains("geschreven: "), "{tweede}");
    assert!(
        !tweede.contains("invoercache"),
        "the CSV files nor the cache were read: {tweede}"
    );
    assert_eq!(samenvatting(&tweede), samenvatting(&eerste));
    assert!(samenvatting(&eerste).contains("Afgekeurde invoerregels"));
    // Not a byte and not a modification time changed: nothing was written.
    assert_eq!(m.bestanden(), voor);
}

#[test]
fn what_could_change_a_file_makes_the_run_make_its_files_again() {
    let m = map();
    m.run(None);
    let vers = zonder_tijd(&m.bestanden());
    let maakt = |s: &str| !s.contains(HERHAALD) && s.contains("geschreven: ");

    // Another command on the same inputs: made (from the input cache), then repeated.
    let s = m.run(Some("financieel"));
    assert!(maakt(&s) && s.contains("invoercache"), "{s}");
    assert!(m.run(Some("financieel")).starts_with(HERHAALD));
    // The first command's record is still there: the inputs are the same.
    assert!(m.run(None).starts_with(HERHAALD));

    // An output file changed by hand (same size): made again, and back to the run's bytes.
    let pdf = m.0.out.join("2024-H1/halfjaar-financieel.pdf");
    let mut bytes = std::fs::read(&pdf).unwrap();
    let n = bytes.len();
    bytes[n - 2] ^= 1;
    std::fs::write(&pdf, &bytes).unwrap();
    assert!(maakt(&m.run(None)));
    assert_eq!(zonder_tijd(&m.bestanden()), vers);
    // An output file gone: made again.
    std::fs::remove_file(m.0.out.join("2024-H1/halfjaar-inhoudelijk.json")).unwrap();
    assert!(maakt(&m.run(None)));
    assert_eq!(zonder_tijd(&m.bestanden()), vers);
    assert!(m.run(None).starts_with(HERHAALD));

    // A template file: made again.
    voeg_toe(&m.0.templates.join("LEESMIJ.md"), "\n");
    assert!(maakt(&m.run(None)));
    assert!(m.run(None).starts_with(HERHAALD));
    // A toelichting file (read by the reports, not by the input cache): made again.
    let toelichting = common::walk(&m.0.data.join("toelichting/2024-H1")).remove(0);
    voeg_toe(&toelichting, "\n");
    assert!(maakt(&m.run(None)));
    assert!(m.run(None).starts_with(HERHAALD));
    // A CSV file: made again, and read from the CSV files (not the cache).
    voeg_toe(&m.0.data.join("begroting.csv"), "\n");
    let s = m.run(None);
    assert!(maakt(&s) && !s.contains("invoercache"), "{s}");
    assert!(m.run(None).starts_with(HERHAALD));
}

#[test]
fn a_damaged_record_is_ignored() {
    let m = map();
    m.run(None);
    let records = common::walk(&m.0.out.join(".runverslagen"));
    assert_eq!(records.len(), 1, "{records:?}");
    std::fs::write(&records[0], b"{\"versie\": 1, \"sleutel\": ").unwrap();
    let s = m.run(None);
    assert!(!s.contains(HERHAALD) && s.contains("geschreven: "), "{s}");
    assert!(m.run(None).starts_with(HERHAALD));
}
