//! The unattended run (`scheduled --today D`) on a copy of the bundled data: what is due on a
//! date, that an unchanged rerun writes nothing and says why, that one changed ledger row
//! rewrites only the financial outputs of the affected period, and that a run killed while
//! writing leaves every earlier output intact.

mod common;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::process::{Command, Stdio};

use common::{Omgeving, alles, bin, omgeving, root, walk, zet_cel};

const VANDAAG: &str = "2024-07-05";

fn args<'a>(o: &'a Omgeving, out: &'a Path) -> Vec<&'a str> {
    vec![
        "scheduled",
        "--today",
        VANDAAG,
        "--data",
        o.data.to_str().unwrap(),
        "--templates",
        o.templates.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]
}

fn scheduled(o: &Omgeving) -> String {
    let uit = Command::new(bin())
        .current_dir(root())
        .args(args(o, &o.out))
        .output()
        .unwrap();
    assert!(uit.status.success(), "{}", alles(&uit));
    String::from_utf8(uit.stdout).unwrap()
}

/// The paths (relative to `out`) the run reports as written, sorted.
fn geschreven(stdout: &str, out: &Path) -> Vec<String> {
    let mut v: Vec<String> = stdout
        .lines()
        .filter_map(|l| l.strip_prefix("geschreven: "))
        .map(|p| {
            Path::new(p)
                .strip_prefix(out)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    v.sort();
    v
}

/// Every output file under `out`: relative path → (inode, bytes). A file that was renamed into
/// place again has a new inode even when its bytes are the same. The input cache
/// (`.invoercache/`, issue 19) is no output and is left out; `tests/invoercache_e2e.rs` covers it.
fn momentopname(out: &Path) -> BTreeMap<String, (u64, Vec<u8>)> {
    walk(out)
        .into_iter()
        .filter(|p| !p.strip_prefix(out).unwrap().starts_with(".invoercache"))
        .map(|p| {
            let rel = p.strip_prefix(out).unwrap().to_string_lossy().replace('\\', "/");
            (rel, (std::fs::metadata(&p).unwrap().ino(), std::fs::read(&p).unwrap()))
        })
        .collect()
}

/// The 1-based line of the first realisatie row booked in March 2024 (inside 2024-H1), and its
/// amount.
fn realisatie_regel_maart_2024(data: &Path) -> (usize, String) {
    // Windows-1252, like a real ledger export: only the ASCII fields matter here.
    let bytes = std::fs::read(data.join("realisatie.csv")).unwrap();
    let tekst = String::from_utf8_lossy(&bytes);
    tekst
        .lines()
        .enumerate()
        .find_map(|(i, l)| {
            let velden: Vec<&str> = l.split(';').collect();
            (velden[0].ends_with("-03-2024") && velden[2].starts_with("ISW-")).then(|| (i + 1, velden[3].to_string()))
        })
        .unwrap()
}

fn totaal_realisatie(out: &Path) -> rust_decimal::Decimal {
    let j: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("2024-H1/halfjaar-financieel.json")).unwrap()).unwrap();
    j["financieel"]["totalen"]["totaal"]["realisatie_periode"]
        .to_string()
        .parse()
        .unwrap()
}

#[test]
fn scheduled_writes_what_is_due_skips_unchanged_and_rewrites_only_affected_financial_outputs() {
    let o = omgeving();

    // 5 July 2024: June has ended (maandrapportage), Q2 has ended (kwartaal), Q2 closes H1
    // (both halfjaar reports), and July is the agreement's raad month (raad report over 2023).
    let eerste = scheduled(&o);
    let mut verwacht: Vec<String> = [
        "2024-06/maandrapportage.xlsx",
        "2024-06/maandrapportage.pdf",
        "2024-06/maandrapportage.json",
        "2024-06/afgekeurde-rijen.csv",
        "2024-06/manifest.json",
        "2024-Q2/kwartaalrapportage.xlsx",
        "2024-Q2/kwartaalrapportage.pdf",
        "2024-Q2/kwartaalrapportage.json",
        "2024-Q2/afgekeurde-rijen.csv",
        "2024-Q2/manifest.json",
        "2024-H1/halfjaar-financieel.xlsx",
        "2024-H1/halfjaar-financieel.pdf",
        "2024-H1/halfjaar-financieel.json",
        "2024-H1/halfjaar-inhoudelijk.pdf",
        "2024-H1/halfjaar-inhoudelijk.json",
        "2024-H1/afgekeurde-rijen.csv",
        "2024-H1/manifest.json",
        "2023/raadsinformatie.pdf",
        "2023/raadsinformatie.html",
        "2023/raadsinformatie.json",
        "2023/afgekeurde-rijen.csv",
        "2023/manifest.json",
    ]
    .map(String::from)
    .to_vec();
    verwacht.sort();
    assert_eq!(geschreven(&eerste, &o.out), verwacht, "{eerste}");
    let na_eerste = momentopname(&o.out);
    // Besides the reports, the date of this scheduled run (what the next one catches up from).
    let mut met_datum = verwacht.clone();
    met_datum.push("geplande-run.json".into());
    met_datum.sort();
    assert_eq!(
        na_eerste.keys().cloned().collect::<Vec<_>>(),
        met_datum,
        "precies deze bestanden"
    );
    // … and the input cache for the next run: one entry.
    assert_eq!(std::fs::read_dir(o.out.join(".invoercache")).unwrap().count(), 1);

    // The same day again, nothing changed: nothing is written, and the run says why.
    let tweede = scheduled(&o);
    assert!(geschreven(&tweede, &o.out).is_empty(), "{tweede}");
    for r in [
        "maandrapportage 2024-06",
        "kwartaalrapportage 2024-Q2",
        "halfjaar-financieel 2024-H1",
        "halfjaar-inhoudelijk 2024-H1",
        "raadsinformatie 2023",
    ] {
        assert!(
            tweede.contains(&format!("overgeslagen: {r} – de invoerbestanden zijn ongewijzigd")),
            "{r}:\n{tweede}"
        );
    }
    assert!(tweede.contains("Niets geschreven"), "{tweede}");
    assert_eq!(momentopname(&o.out), na_eerste, "een tweede run raakt geen bestand aan");

    // One ledger row of March 2024 gets €100 more.
    let (regel, bedrag) = realisatie_regel_maart_2024(&o.data);
    let oud: rust_decimal::Decimal = bedrag.replace('.', "").replace(',', ".").parse().unwrap();
    let nieuw = oud + rust_decimal::Decimal::from(100);
    zet_cel(
        &o.data.join("realisatie.csv"),
        regel,
        "bedrag",
        &nieuw.to_string().replace('.', ","),
    );
    let totaal_voor = totaal_realisatie(&o.out);
    let derde = scheduled(&o);
    assert_eq!(
        geschreven(&derde, &o.out),
        [
            "2024-H1/halfjaar-financieel.json",
            "2024-H1/halfjaar-financieel.pdf",
            "2024-H1/halfjaar-financieel.xlsx",
            "2024-H1/manifest.json",
        ],
        "{derde}"
    );
    assert!(
        derde.contains("overgeslagen: raadsinformatie 2023 – de invoer is gewijzigd, maar niet de cijfers"),
        "the 2023 raad report reads realisatie.csv, but a 2024 booking does not change its figures:\n{derde}"
    );
    assert!(derde.contains("overgeslagen: kwartaalrapportage 2024-Q2 – de invoerbestanden zijn ongewijzigd"));
    assert!(derde.contains("overgeslagen: halfjaar-inhoudelijk 2024-H1 – de invoerbestanden zijn ongewijzigd"));
    assert_eq!(
        totaal_realisatie(&o.out) - totaal_voor,
        rust_decimal::Decimal::from(100)
    );

    let na_derde = momentopname(&o.out);
    for (pad, (inode, bytes)) in &na_eerste {
        let (inode2, bytes2) = &na_derde[pad];
        if pad.starts_with("2024-H1/halfjaar-financieel.") {
            assert_ne!(bytes, bytes2, "{pad} moet de nieuwe boeking tonen");
        } else if pad == "2024-H1/manifest.json" {
            assert_ne!(inode, inode2, "{pad} legt de nieuwe hashes vast");
        } else {
            assert_eq!((inode, bytes), (inode2, bytes2), "{pad} is herschreven");
        }
    }

    // A changed layout file re-renders every due deliverable, even with the same figures.
    let huisstijl = o.templates.join("huisstijl.typ");
    let mut t = std::fs::read(&huisstijl).unwrap();
    t.extend_from_slice(b"\n// aangepast\n");
    std::fs::write(&huisstijl, t).unwrap();
    let vierde = scheduled(&o);
    let vierde = geschreven(&vierde, &o.out);
    for f in [
        "2024-Q2/kwartaalrapportage.pdf",
        "2024-H1/halfjaar-financieel.pdf",
        "2024-H1/halfjaar-inhoudelijk.pdf",
        "2023/raadsinformatie.pdf",
    ] {
        assert!(vierde.iter().any(|g| g == f), "{f} niet opnieuw gemaakt: {vierde:?}");
    }
}

#[test]
fn run_killed_while_writing_leaves_earlier_outputs_intact_and_the_next_run_completes() {
    let o = omgeving();
    scheduled(&o);
    let oud = momentopname(&o.out);

    // New inputs that change every due deliverable: a hulpvraag row (kwartaal, inhoudelijk) and
    // a 2023 ledger row (financial figures of the raad report over 2023), plus the March 2024
    // row (halfjaar financieel).
    let (regel, bedrag) = realisatie_regel_maart_2024(&o.data);
    zet_cel(&o.data.join("realisatie.csv"), regel, "bedrag", &format!("1{bedrag}"));
    zet_cel(&o.data.join("realisatie.csv"), 15210, "bedrag", "1038,39");
    let hv = std::fs::read_to_string(o.data.join("hulpvragen.csv")).unwrap();
    let (hv_regel, wijk) = hv
        .lines()
        .enumerate()
        .find_map(|(i, l)| {
            let v: Vec<&str> = l.split(';').collect();
            (v[6].starts_with("2024-05-") && v[3] != "W01").then_some((i + 1, v[3]))
        })
        .unwrap();
    assert_ne!(wijk, "W01");
    zet_cel(&o.data.join("hulpvragen.csv"), hv_regel, "wijkgebied", "W01");

    // The complete result of these inputs, written elsewhere, for comparison.
    let referentie = o.out.with_file_name("referentie");
    let uit = Command::new(bin())
        .current_dir(root())
        .args(args(&o, &referentie))
        .output()
        .unwrap();
    assert!(uit.status.success(), "{}", alles(&uit));
    let nieuw = momentopname(&referentie);
    let veranderd = nieuw.iter().filter(|(p, (_, b))| oud[*p].1 != *b).count();
    assert!(
        veranderd >= 6,
        "the change should touch several files, touched {veranderd}"
    );

    // Stop the run halfway through its 6th file (5 files already written to their temporary
    // names: the new kwartaal files and manifest of 2024-Q2, and the first file of 2024-H1),
    // and kill it there with SIGKILL: no destructor, no clean-up.
    let mut kind = Command::new(bin())
        .current_dir(root())
        .args(args(&o, &o.out))
        .env("DOMEINRAPPORT_PAUZE_BIJ_BESTAND", "6")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = kind.stderr.take().unwrap();
    let gepauzeerd = BufReader::new(stderr)
        .lines()
        .map_while(Result::ok)
        .any(|l| l == "pauze");
    assert!(gepauzeerd, "the run never reached its 6th file");
    kind.kill().unwrap();
    kind.wait().unwrap();

    // All or nothing: nothing is renamed into place before every file of the run is written, so
    // every visible file is still the earlier version; the killed run's work exists only under
    // hidden temporary names.
    let na_kill = momentopname(&o.out);
    let mut tijdelijk = Vec::new();
    for (pad, (_, bytes)) in &na_kill {
        // The scheduled run's date record sits beside the period folders.
        let Some((map, naam)) = pad.rsplit_once('/') else {
            assert_eq!(bytes, &oud[pad].1, "{pad}");
            continue;
        };
        if naam.starts_with('.') && naam.ends_with(".tmp") {
            tijdelijk.push(map.to_string());
            continue;
        }
        let was = &oud.get(pad).expect("no new visible file names").1;
        assert_eq!(bytes, was, "{pad} changed before the run had written every file");
    }
    tijdelijk.dedup();
    assert_eq!(tijdelijk, ["2024-H1", "2024-Q2"], "temporary files in both folders");
    for pad in oud.keys() {
        assert!(na_kill.contains_key(pad), "{pad} disappeared");
    }

    // The next scheduled run notices, finishes the job and removes the temporary file. Every
    // output then equals the uninterrupted run's. The manifests list the same outputs and
    // figures; their input records may differ where a report was left alone because its figures
    // did not change (its manifest keeps the inputs it was actually made from).
    let volgende = scheduled(&o);
    assert!(!geschreven(&volgende, &o.out).is_empty(), "{volgende}");
    let eind = momentopname(&o.out);
    assert_eq!(
        eind.keys().collect::<Vec<_>>(),
        nieuw.keys().collect::<Vec<_>>(),
        "same files, no temporary file left"
    );
    for (p, (_, b)) in &eind {
        if p.ends_with("manifest.json") {
            let uitvoer = |bytes: &[u8]| {
                let m: serde_json::Value = serde_json::from_slice(bytes).unwrap();
                let r = m["rapporten"].as_object().unwrap();
                let per_rapport: Vec<_> = r
                    .iter()
                    .map(|(k, v)| (k.clone(), v["uitvoer"].clone(), v["model_sha256"].clone()))
                    .collect();
                (per_rapport, m["afgekeurde_rijen"].clone())
            };
            assert_eq!(uitvoer(b), uitvoer(&nieuw[p].1), "{p}");
        } else {
            assert!(b == &nieuw[p].1, "{p} differs from an uninterrupted run");
        }
    }
}
