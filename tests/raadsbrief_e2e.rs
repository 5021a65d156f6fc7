//! The form of the raadsinformatiebrief from the agreement's `[raadsbrief]` table (issue 18), end
//! to end on the small golden fixture (`tests/fixtures/golden/` with the bundled
//! `data/afspraken/`): a complete letter carries the addressee, the date, the portefeuillehouder,
//! a contact line and the signature block and no marker; a missing key makes a concept that
//! shows a marker and whose run summary names the key; an unknown key and a text over 200
//! characters stop the run (exit 1) naming the key.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use domeinrapport::afspraken::Afspraken;
use serde_json::Value;

/// A data folder: the golden fixture, the bundled agreements, and the texts the fixture's 2024
/// letter lacks (an Ontwikkelingen part in raad.md, an analysis for every difference the
/// letter mentions), so that only `[raadsbrief]` decides whether the letter is a concept.
struct Map {
    _tmp: tempfile::TempDir,
    data: PathBuf,
    out: PathBuf,
}

fn run(m: &Map) -> Output {
    common::run(&[
        "run",
        "--data",
        m.data.to_str().unwrap(),
        "--out",
        m.out.to_str().unwrap(),
        "--period",
        "2024",
        "--report",
        "raad",
        // As in tests/golden.rs: the planted bad rows exceed 5% of activiteiten.csv at this scale.
        "--max-afgekeurd-pct",
        "20",
    ])
}

fn json(m: &Map) -> Value {
    serde_json::from_slice(&std::fs::read(m.out.join("2024/raadsinformatie.json")).unwrap()).unwrap()
}

fn pdftekst(pdf: &Path) -> String {
    let o = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is nodig voor deze test");
    assert!(o.status.success());
    String::from_utf8(o.stdout).unwrap()
}

fn afspraken_2024(m: &Map) -> PathBuf {
    m.data.join("afspraken/2024.toml")
}

/// Replaces `van` (which must occur exactly once) in the 2024 agreement.
fn wijzig_afspraken(m: &Map, van: &str, naar: &str) {
    let pad = afspraken_2024(m);
    let t = std::fs::read_to_string(&pad).unwrap();
    assert_eq!(t.matches(van).count(), 1, "{van}");
    std::fs::write(&pad, t.replacen(van, naar, 1)).unwrap();
}

fn volledige_map() -> Map {
    let tmp = tempfile::tempdir().unwrap();
    let data = common::golden_fixture(tmp.path());
    let m = Map {
        out: tmp.path().join("out"),
        data,
        _tmp: tmp,
    };
    let raad = m.data.join("toelichting/2024/raad.md");
    let mut md = std::fs::read_to_string(&raad).unwrap();
    md.push_str("\n\n## Ontwikkelingen\n\nDe centrale verdeling van aanmeldingen werkt.\n");
    std::fs::write(&raad, md).unwrap();
    // A first run names the differences that need an analysis; write one for each.
    let o = run(&m);
    assert!(o.status.success(), "{}", common::alles(&o));
    let verschillen: Vec<String> = json(&m)["financieel"]["verschillen"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["regel_id"].as_str().unwrap().to_string())
        .collect();
    assert!(!verschillen.is_empty());
    let mut csv = String::from("sleutel;analyse;maatregel\n");
    for r in &verschillen {
        csv.push_str(&format!("{r};Het verschil op {r} is verklaard.;Geen.\n"));
    }
    std::fs::write(m.data.join("toelichting/2024/analyses.csv"), csv).unwrap();
    std::fs::remove_dir_all(&m.out).unwrap();
    m
}

#[test]
fn a_complete_raadsbrief_table_gives_a_letter_in_the_form_of_a_raadsinformatiebrief() {
    let m = volledige_map();
    let o = run(&m);
    assert!(o.status.success(), "{}", common::alles(&o));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(!stdout.contains("CONCEPT"), "{stdout}");

    let j = json(&m);
    assert_eq!(j["status"], "definitief", "{}", j["ontbrekende_teksten"]);
    assert_eq!(j["ontbrekende_teksten"], serde_json::json!([]));
    assert_eq!(
        j["brief"],
        serde_json::json!({
            "aan": "de gemeenteraad van Oss",
            "datum": "2025-07-08",
            "datum_tekst": "8 juli 2025",
            "portefeuillehouder": "wethouder M. Jansen (Sociaal Domein)",
            "contactpersoon": "A. de Vries, beleidsadviseur Sociaal Domein",
            "contact": "sociaaldomein@oss.nl",
            "college": "Burgemeester en wethouders van Oss,",
            "secretaris": "drs. P. Bakker",
            "burgemeester": "K. van Dijk",
            "ontbrekend": [],
        })
    );

    let pdf = pdftekst(&m.out.join("2024/raadsinformatie.pdf"));
    let html = std::fs::read_to_string(m.out.join("2024/raadsinformatie.html")).unwrap();
    for tekst in [&pdf, &html] {
        for verwacht in [
            "Aan",
            "de gemeenteraad van Oss",
            "8 juli 2025",
            "Portefeuillehouder",
            "wethouder M. Jansen (Sociaal Domein)",
            "Contactpersoon",
            "A. de Vries, beleidsadviseur Sociaal Domein",
            "sociaaldomein@oss.nl",
            "Burgemeester en wethouders van Oss,",
            "drs. P. Bakker",
            "K. van Dijk",
        ] {
            assert!(tekst.contains(verwacht), "{verwacht} ontbreekt");
        }
        assert!(!tekst.contains("in te vullen"));
        assert!(!tekst.contains("CONCEPT"));
        assert!(!tekst.to_lowercase().contains("niet aangeleverd"));
    }
    // The contact is text, never a link.
    assert!(!html.contains("mailto:"));
    // The signature closes the letter: after the last text of the letter, before the appendices.
    let plek = |s: &str| pdf.find(s).unwrap_or_else(|| panic!("{s}"));
    assert!(plek("De centrale verdeling van aanmeldingen werkt.") < plek("Burgemeester en wethouders van Oss,"));
    assert!(plek("Burgemeester en wethouders van Oss,") < plek("de secretaris,\ndrs. P. Bakker"));
    assert!(plek("de secretaris,\ndrs. P. Bakker") < plek("de burgemeester,\nK. van Dijk"));
    assert!(plek("de burgemeester,\nK. van Dijk") < plek("Indicatortabel"));
}

#[test]
fn a_missing_key_makes_a_concept_that_names_it_and_shows_a_marker() {
    let m = volledige_map();
    wijzig_afspraken(&m, "secretaris = \"drs. P. Bakker\"\n", "");
    // Hostile text stays text: no markup in the HTML, no Typst code run in the PDF.
    wijzig_afspraken(
        &m,
        "portefeuillehouder = \"wethouder M. Jansen (Sociaal Domein)\"",
        "portefeuillehouder = \"<b>wethouder</b> #strong[X] [link](http://x.nl) $y$\"",
    );
    let o = run(&m);
    assert!(o.status.success(), "{}", common::alles(&o));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        stdout.contains("CONCEPT – niet publiceren; ontbrekende teksten: [raadsbrief] in afspraken/2024.toml: secretaris (vorm van de brief)"),
        "{stdout}"
    );
    let j = json(&m);
    assert_eq!(j["status"], "concept");
    assert_eq!(
        j["ontbrekende_teksten"],
        serde_json::json!(["[raadsbrief] in afspraken/2024.toml: secretaris (vorm van de brief)"])
    );
    assert_eq!(j["brief"]["ontbrekend"], serde_json::json!(["secretaris"]));
    assert_eq!(j["brief"]["secretaris"], "[in te vullen: secretaris]");
    assert_eq!(j["brief"]["burgemeester"], "K. van Dijk");

    let pdf = pdftekst(&m.out.join("2024/raadsinformatie.pdf"));
    assert!(pdf.contains("CONCEPT"));
    assert!(pdf.contains("de secretaris,\n[in te vullen: secretaris]"), "{pdf}");
    assert!(pdf.contains("<b>wethouder</b> #strong[X] [link](http://x.nl) $y$"));
    let html = std::fs::read_to_string(m.out.join("2024/raadsinformatie.html")).unwrap();
    assert!(html.contains("[in te vullen: secretaris]"));
    assert!(html.contains("&lt;b&gt;wethouder&lt;/b&gt; #strong[X] [link](http://x.nl) $y$"));
    assert!(!html.contains("<b>wethouder"));
    assert!(!html.contains("href=\"http://x.nl"));
}

#[test]
fn without_the_table_every_key_is_named() {
    let m = volledige_map();
    let pad = afspraken_2024(&m);
    let t = std::fs::read_to_string(&pad).unwrap();
    let begin = t.find("[raadsbrief]").unwrap();
    let einde = t.find("# Begroting.").unwrap();
    std::fs::write(&pad, format!("{}{}", &t[..begin], &t[einde..])).unwrap();
    let o = run(&m);
    assert!(o.status.success(), "{}", common::alles(&o));
    let j = json(&m);
    assert_eq!(j["status"], "concept");
    assert_eq!(
        j["ontbrekende_teksten"],
        serde_json::json!([
            "[raadsbrief] in afspraken/2024.toml: datum, portefeuillehouder, contactpersoon, contact, secretaris, \
             burgemeester (vorm van de brief)"
        ])
    );
    assert_eq!(j["brief"]["datum"], Value::Null);
    assert_eq!(j["brief"]["datum_tekst"], "[in te vullen: datum]");
    // What does not depend on the table is there all the same.
    assert_eq!(j["brief"]["aan"], "de gemeenteraad van Oss");
}

#[test]
fn an_unknown_key_stops_the_run_naming_it() {
    let m = volledige_map();
    wijzig_afspraken(
        &m,
        "burgemeester = \"K. van Dijk\"",
        "burgemeester = \"K. van Dijk\"\nwethouder = \"X\"",
    );
    let o = run(&m);
    assert_eq!(o.status.code(), Some(1), "{}", common::alles(&o));
    let fout = String::from_utf8_lossy(&o.stderr);
    assert!(fout.contains("2024.toml"), "{fout}");
    assert!(fout.contains("wethouder"), "{fout}");
    assert!(!m.out.join("2024/raadsinformatie.pdf").exists());
}

#[test]
fn a_text_of_201_characters_stops_the_run_naming_the_key() {
    let m = volledige_map();
    let lang = "x".repeat(201);
    wijzig_afspraken(
        &m,
        "contactpersoon = \"A. de Vries, beleidsadviseur Sociaal Domein\"",
        &format!("contactpersoon = \"{lang}\""),
    );
    let o = run(&m);
    assert_eq!(o.status.code(), Some(1), "{}", common::alles(&o));
    let fout = String::from_utf8_lossy(&o.stderr);
    assert!(
        fout.contains("[raadsbrief] contactpersoon: de tekst heeft 201 tekens, hoogstens 200 toegestaan"),
        "{fout}"
    );
    assert!(!m.out.join("2024/raadsinformatie.pdf").exists());
}

/// The checks of the table, on the parsed file (no run needed): the edges of the length (in
/// characters, not bytes), one line, the date after the year, blank as missing.
#[test]
fn raadsbrief_values_are_checked_at_their_edges() {
    let tekst = std::fs::read_to_string(common::root().join("data/afspraken/2024.toml")).unwrap();
    let met = |van: &str, naar: &str| {
        assert_eq!(tekst.matches(van).count(), 1, "{van}");
        Afspraken::from_toml_str(&tekst.replacen(van, naar, 1), "afspraken/2024.toml")
    };
    let burg = "burgemeester = \"K. van Dijk\"";
    // 200 characters, of which 100 two-byte 'é': accepted (the limit counts characters).
    let a = met(
        burg,
        &format!("burgemeester = \"{}{}\"", "é".repeat(100), "x".repeat(100)),
    )
    .unwrap();
    assert_eq!(a.raadsbrief.burgemeester.unwrap().chars().count(), 200);
    let e = met(burg, &format!("burgemeester = \"{}\"", "é".repeat(201)))
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("[raadsbrief] burgemeester: de tekst heeft 201 tekens"),
        "{e}"
    );
    // Two lines.
    let e = met(burg, "burgemeester = \"K. van\\nDijk\"").unwrap_err().to_string();
    assert!(
        e.contains("[raadsbrief] burgemeester: de tekst moet op één regel staan"),
        "{e}"
    );
    // A control character.
    let e = met(burg, "burgemeester = \"K. van\\u001bDijk\"")
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("[raadsbrief] burgemeester: de tekst bevat een stuurteken"),
        "{e}"
    );
    // Blank counts as missing; surrounding spaces go.
    let a = met(burg, "burgemeester = \"   \"").unwrap();
    assert_eq!(a.raadsbrief.burgemeester, None);
    assert_eq!(a.raadsbrief.ontbrekend(), vec!["burgemeester"]);
    let a = met(burg, "burgemeester = \"  K. van Dijk \"").unwrap();
    assert_eq!(a.raadsbrief.burgemeester.as_deref(), Some("K. van Dijk"));
    // The date lies after the agreement's year: 31 December 2024 is refused, 1 January 2025 taken.
    let e = met("datum = 2025-07-08", "datum = 2024-12-31").unwrap_err().to_string();
    assert!(e.contains("[raadsbrief] datum = 2024-12-31 ligt niet na 2024"), "{e}");
    let a = met("datum = 2025-07-08", "datum = 2025-01-01").unwrap();
    assert_eq!(a.raadsbrief.datum, chrono::NaiveDate::from_ymd_opt(2025, 1, 1));
    // A date with a time is no date.
    let e = met("datum = 2025-07-08", "datum = 2025-07-08T10:00:00")
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("[raadsbrief] datum = 2025-07-08T10:00:00 is geen datum"),
        "{e}"
    );
    // The bundled file is complete.
    let a = Afspraken::from_toml_str(&tekst, "afspraken/2024.toml").unwrap();
    assert!(a.raadsbrief.ontbrekend().is_empty());
}
