//! The demo data generator (`domeinrapport demo-data`): the bundled `data/` is exactly what the
//! generator writes with the default seed, runs are byte-for-byte reproducible, the agreement is
//! never touched, and the reader rejects exactly the rows that are wrong on purpose.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use domeinrapport::afspraken::{self, AfsprakenSet};
use domeinrapport::demo::{DemoOpties, DemoSamenvatting, genereer};
use domeinrapport::ingest::{self, IngestOpties};

fn afspraken() -> AfsprakenSet {
    afspraken::load_dir(Path::new("data/afspraken")).expect("data/afspraken laadt")
}

fn maak(seed: u64, scale: f64, out: &Path) -> DemoSamenvatting {
    genereer(
        &DemoOpties {
            seed,
            scale,
            out: out.to_path_buf(),
        },
        &afspraken(),
    )
    .expect("genereer")
}

/// Every file below `map` (relative, with `/`), except `afspraken/`.
fn bestanden_onder(map: &Path) -> BTreeSet<String> {
    fn loop_door(basis: &Path, map: &Path, uit: &mut BTreeSet<String>) {
        for e in fs::read_dir(map).unwrap() {
            let p = e.unwrap().path();
            let rel = p.strip_prefix(basis).unwrap().to_string_lossy().replace('\\', "/");
            // The hand-written agreement and hidden files (.gitattributes) are not generated.
            if rel == "afspraken" || p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')) {
                continue;
            }
            if p.is_dir() {
                loop_door(basis, &p, uit);
            } else {
                uit.insert(rel);
            }
        }
    }
    let mut uit = BTreeSet::new();
    loop_door(map, map, &mut uit);
    uit
}

/// The committed `data/` equals a fresh run with the defaults (seed 42, scale 1), file for file
/// and byte for byte, and holds no stale generated files.
#[test]
fn bundled_data_is_what_the_generator_writes() {
    let tmp = tempfile::tempdir().unwrap();
    let s = maak(42, 1.0, tmp.path());
    let gegenereerd: BTreeSet<String> = s.bestanden.iter().map(|b| b.pad.clone()).collect();
    assert_eq!(
        bestanden_onder(Path::new("data")),
        gegenereerd,
        "bestanden in data/ wijken af"
    );
    for b in &s.bestanden {
        let vers = fs::read(tmp.path().join(&b.pad)).unwrap();
        let gebundeld = fs::read(Path::new("data").join(&b.pad)).unwrap();
        assert!(
            vers == gebundeld,
            "data/{} verschilt van een verse run: regenereer met `domeinrapport demo-data`",
            b.pad
        );
        assert_eq!(vers.len(), b.bytes);
    }
    assert!(s.totaal_bytes < 12_000_000, "{} bytes", s.totaal_bytes);
}

/// Two runs with the same seed give the same bytes; another seed gives other data.
#[test]
fn runs_are_reproducible() {
    let (a, b, c) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    let sa = maak(7, 0.3, a.path());
    let sb = maak(7, 0.3, b.path());
    maak(8, 0.3, c.path());
    assert_eq!(sa.bestanden, sb.bestanden);
    // Another seed gives other data.
    assert_ne!(
        std::fs::read(a.path().join("hulpvragen.csv")).unwrap(),
        std::fs::read(c.path().join("hulpvragen.csv")).unwrap()
    );
    for f in &sa.bestanden {
        assert_eq!(
            fs::read(a.path().join(&f.pad)).unwrap(),
            fs::read(b.path().join(&f.pad)).unwrap(),
            "{}",
            f.pad
        );
    }
    let hv = |p: &Path| fs::read(p.join("hulpvragen.csv")).unwrap();
    assert_ne!(hv(a.path()), hv(c.path()));
    // The budget is the real one whatever the seed.
    let bg = |p: &Path| fs::read(p.join("begroting.csv")).unwrap();
    assert_eq!(bg(a.path()), bg(c.path()));
}

/// `<out>/afspraken/` is left exactly as it was, and the generated set is what the reader
/// expects: the rejected rows are exactly the deliberate ones (file, line and column), the
/// possible duplicate booking is a warning, and nothing is dated after the export date.
#[test]
fn reader_rejects_exactly_the_deliberate_rows() {
    let tmp = tempfile::tempdir().unwrap();
    let map = tmp.path();
    fs::create_dir_all(map.join("afspraken")).unwrap();
    let mut origineel = Vec::new();
    for e in fs::read_dir("data/afspraken").unwrap() {
        let p = e.unwrap().path();
        let doel: PathBuf = map.join("afspraken").join(p.file_name().unwrap());
        fs::copy(&p, &doel).unwrap();
        origineel.push((doel, fs::read(&p).unwrap()));
    }
    let s = maak(42, 1.0, map);
    for (p, bytes) in &origineel {
        assert_eq!(&fs::read(p).unwrap(), bytes, "{} is aangeraakt", p.display());
    }
    assert_eq!(fs::read_dir(map.join("afspraken")).unwrap().count(), origineel.len());

    let ds = ingest::laad(map, &afspraken(), &IngestOpties::default()).expect("de demodata laadt");
    let k = &ds.kwaliteit;
    let afgekeurd: BTreeSet<(String, usize, String)> = k
        .afkeuringen
        .iter()
        .map(|a| (a.bestand.clone(), a.regel, a.kolom.clone()))
        .collect();
    let opzettelijk: BTreeSet<(String, usize, String)> = s
        .opzettelijke_fouten
        .iter()
        .filter(|f| !f.waarschuwing)
        .map(|f| (f.bestand.clone(), f.regel, f.kolom.clone()))
        .collect();
    assert_eq!(afgekeurd, opzettelijk);
    assert_eq!(opzettelijk.len(), 26);

    let dubbel = s
        .opzettelijke_fouten
        .iter()
        .find(|f| f.waarschuwing)
        .expect("de dubbele boeking");
    assert!(
        k.waarschuwingen.iter().any(|w| w.bestand == "realisatie.csv"
            && w.soort == "mogelijk_dubbele_boeking"
            && w.regel.is_some_and(|r| r + 1 == dubbel.regel || r == dubbel.regel)),
        "{:?}",
        k.waarschuwingen
    );
    for b in &k.bestanden {
        let geschreven = s.bestanden.iter().find(|x| x.pad == b.pad).unwrap();
        assert_eq!(Some(b.gelezen), geschreven.rijen, "{}", b.pad);
        assert_eq!(b.afgekeurd, geschreven.opzettelijk_afgekeurd, "{}", b.pad);
        // Well under the 5% limit (under 2%).
        assert!(b.afgekeurd * 50 < b.gelezen, "{}", b.pad);
    }
    assert_eq!(ds.laatste_datum, chrono::NaiveDate::from_ymd_opt(2024, 12, 31));

    // The toelichting reads without a single rejected row.
    let set = afspraken();
    for code in ["2023-Q4", "2023-H2", "2023", "2024-Q2", "2024-H1", "2024"] {
        let p: domeinrapport::period::Periode = code.parse().unwrap();
        let t = ingest::laad_toelichting(map, &p, set.voor_jaar(p.jaar())).expect(code);
        assert!(
            t.kwaliteit.afkeuringen.is_empty(),
            "{code}: {:?}",
            t.kwaliteit.afkeuringen
        );
        assert!(!t.aanwezig.is_empty(), "{code}");
    }
    let h1: domeinrapport::period::Periode = "2024-H1".parse().unwrap();
    let t = ingest::laad_toelichting(map, &h1, set.voor_jaar(2024)).unwrap();
    assert_eq!(t.doelen.as_ref().map(|d| d.len()), Some(92));
    assert_eq!(t.analyses.len(), 7);
    assert_eq!(t.risicos.as_ref().map(|r| r.len()), Some(9));
    let koppen: Vec<&String> = t.ontwikkelingen.as_ref().unwrap().per_werksoort.keys().collect();
    assert_eq!(koppen, ["CSW", "ISW", "JGD", "JW", "SRW"]);
    let q3: domeinrapport::period::Periode = "2024-Q3".parse().unwrap();
    assert!(
        ingest::laad_toelichting(map, &q3, set.voor_jaar(2024))
            .unwrap()
            .aanwezig
            .is_empty()
    );
}

/// The formats the reader must cope with, spot-checked on the bytes.
#[test]
fn files_have_their_export_formats() {
    let tmp = tempfile::tempdir().unwrap();
    maak(3, 0.2, tmp.path());
    let lees = |n: &str| fs::read(tmp.path().join(n)).unwrap();
    let hv = lees("hulpvragen.csv");
    assert!(hv.starts_with(b"\xEF\xBB\xBFhulpvraag_id;client_id;"));
    assert!(hv.windows(2).any(|w| w == b"\r\n"));
    let uren = String::from_utf8(lees("uren.csv")).unwrap();
    assert!(uren.starts_with("medewerker_id,werksoort,datum,uren,inzet\n"));
    assert!(uren.contains(",\"7,25\",") || uren.contains(",\"7,5\","));
    let real = lees("realisatie.csv");
    assert!(
        std::str::from_utf8(&real).is_err(),
        "realisatie.csv hoort Windows-1252 te zijn"
    );
    assert!(real.contains(&0xEB) || real.contains(&0xE9));
    let (tekst, _, fout) = encoding_rs::WINDOWS_1252.decode(&real);
    assert!(!fout);
    let regel = tekst.lines().nth(1).unwrap();
    let velden: Vec<&str> = regel.split(';').collect();
    assert_eq!(velden[0].len(), 10);
    assert_eq!(&velden[0][2..3], "-");
    assert!(velden[3].contains(','), "{regel}");
    let begroting = String::from_utf8(lees("begroting.csv")).unwrap();
    assert!(begroting.contains(
        "2024,JGD-01,JGD,\"Persoonlijke begeleiding Jeugd, opvoedingsondersteuning, deskundigheidsbevordering\",Jeugdwet,20.97,2599821.64\n"
    ));
    assert!(begroting.contains("2022,ISW-01,ISW,Persoonlijke begeleiding volwassenen (Wmo),Wmo,15.00,1656655.37\n"));
    let formatie = String::from_utf8(lees("formatie.csv")).unwrap();
    assert!(formatie.starts_with("peildatum;regel_id;fte;\n30-06-2022;SRW-01;"));
}

/// Writes the bundled `data/` (the same as `domeinrapport demo-data`); run it explicitly with
/// `cargo test --test demo_data -- --ignored regenerate` after changing the generator.
#[test]
#[ignore]
fn regenerate_bundled_data() {
    println!("{}", maak(42, 1.0, Path::new("data")));
}

/// Ten times the volume, for performance work (slow in the dev profile; run explicitly with
/// `cargo test --test demo_data -- --ignored scale_10`).
#[test]
#[ignore]
fn scale_10_generates() {
    let tmp = tempfile::tempdir().unwrap();
    let start = std::time::Instant::now();
    let s = maak(42, 10.0, tmp.path());
    eprintln!("{s}\n{:?}", start.elapsed());
    let hv = s.bestanden.iter().find(|b| b.pad == "hulpvragen.csv").unwrap();
    assert!(hv.rijen.unwrap() > 200_000);
}
