//! Revision 3, "Periods the data can and cannot serve": the real binary on (copies of) the
//! bundled data refuses periods outside the data, marks a period the data does not reach
//! `voorlopig`, refuses a deliverable for a period it does not serve, and writes the raad letter
//! as a concept while raad.md is missing.

mod common;

use std::path::Path;

use common::{alles, kopieer_map, root, run, walk};

fn lees_json(p: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap()
}

#[test]
fn periods_outside_the_data_are_refused_and_nothing_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    for periode in ["2019-Q1", "2030", "2021-H2", "2025-Q1"] {
        let o = run(&["run", "--period", periode, "--out", out.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(1), "{periode}: {}", alles(&o));
        let t = alles(&o);
        assert!(
            t.contains(&format!(
                "geen gegevens voor {periode}: de gegevens lopen van 03-01-2022 tot 31-12-2024"
            )),
            "{t}"
        );
        assert!(walk(&out).is_empty(), "{periode}: er is iets geschreven");
    }
}

#[test]
fn a_deliverable_for_a_period_it_does_not_serve_is_a_usage_error() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    for (args, dient) in [
        (["--period", "2024-Q2", "--report", "raad"], "een jaar"),
        (["--period", "2024-H1", "--report", "kwartaal"], "een kwartaal"),
        (["--period", "2024", "--report", "financieel"], "een halfjaar"),
    ] {
        let mut a = vec!["run"];
        a.extend(args);
        a.extend(["--out", out.to_str().unwrap()]);
        let o = run(&a);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", alles(&o));
        assert!(alles(&o).contains(dient), "{args:?}: {}", alles(&o));
        assert!(walk(&out).is_empty());
    }
}

/// Keeps the lines of a CSV file whose cells pass `houd`, rewriting them with `pas_aan`.
fn snijd(pad: &Path, scheiding: char, latin1: bool, pas_aan: impl Fn(&mut Vec<String>, &[String]) -> bool) {
    let bytes = std::fs::read(pad).unwrap();
    let tekst: String = if latin1 {
        bytes.iter().map(|&b| b as char).collect()
    } else {
        String::from_utf8(bytes).unwrap()
    };
    let mut regels = tekst.split_inclusive('\n');
    let kop = regels.next().unwrap().to_string();
    let namen: Vec<String> = kop
        .trim_start_matches('\u{feff}')
        .trim_end()
        .split(scheiding)
        .map(|s| s.trim().to_lowercase())
        .collect();
    let mut uit = kop.clone();
    for r in regels {
        let einde = if r.ends_with("\r\n") { "\r\n" } else { "\n" };
        let mut cellen: Vec<String> = r
            .trim_end_matches(['\r', '\n'])
            .split(scheiding)
            .map(String::from)
            .collect();
        if pas_aan(&mut cellen, &namen) {
            uit.push_str(&cellen.join(&scheiding.to_string()));
            uit.push_str(einde);
        }
    }
    let bytes: Vec<u8> = if latin1 {
        uit.chars().map(|c| c as u32 as u8).collect()
    } else {
        uit.into_bytes()
    };
    std::fs::write(pad, bytes).unwrap();
}

/// An ISO (`2024-11-16`) or Dutch (`16-11-2024`) date as `yyyymmdd` for comparison.
fn sleutel(d: &str) -> Option<String> {
    let d = d.trim().trim_matches('"');
    let delen: Vec<&str> = d.split('-').collect();
    match delen.as_slice() {
        [y, m, dd] if y.len() == 4 => Some(format!("{y}{m:0>2}{dd:0>2}")),
        [dd, m, y] if y.len() == 4 => Some(format!("{y}{m:0>2}{dd:0>2}")),
        _ => None,
    }
}

#[test]
fn data_cut_at_15_november_makes_q4_voorlopig() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    kopieer_map(&root().join("data"), &data);
    let grens = "20241115";
    let na = |d: &str| sleutel(d).is_some_and(|k| k.as_str() > grens);
    // hulpvragen: registered later → gone; a later date in a row → not known yet (empty).
    snijd(&data.join("hulpvragen.csv"), ';', false, |c, namen| {
        let i = |n: &str| namen.iter().position(|x| x == n).unwrap();
        if c.len() != namen.len() {
            return true; // a deliberately broken line stays broken
        }
        if na(&c[i("aanmelddatum")]) {
            return false;
        }
        for n in [
            "eerste_gesprek",
            "vraagverheldering_afgerond",
            "traject_start",
            "afgesloten",
            "aanvraag_jeugdhulp",
            "besluit_jeugdhulp",
        ] {
            if na(&c[i(n)]) {
                c[i(n)].clear();
            }
        }
        if c[i("afgesloten")].is_empty() {
            c[i("uitstroom")].clear();
        }
        true
    });
    snijd(&data.join("realisatie.csv"), ';', true, |c, namen| {
        let i = namen.iter().position(|x| x == "boekdatum").unwrap();
        !c.get(i).is_some_and(|d| na(d))
    });
    snijd(&data.join("uren.csv"), ',', false, |c, namen| {
        let i = namen.iter().position(|x| x == "datum").unwrap();
        !c.get(i).is_some_and(|d| na(d))
    });
    let out = tmp.path().join("out");
    let o = run(&[
        "run",
        "--period",
        "2024-Q4",
        "--data",
        data.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", alles(&o));
    let j = lees_json(&out.join("2024-Q4/kwartaalrapportage.json"));
    assert_eq!(j["status"], "voorlopig");
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("(voorlopig)"),
        "{}",
        alles(&o)
    );
    // Q3 ends before the cut: definitief.
    let o = run(&[
        "run",
        "--period",
        "2024-Q3",
        "--data",
        data.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", alles(&o));
    assert_eq!(
        lees_json(&out.join("2024-Q3/kwartaalrapportage.json"))["status"],
        "definitief"
    );
    // 2025 starts after the last date of the cut data: refused with its span.
    let o = run(&[
        "run",
        "--period",
        "2025",
        "--data",
        data.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        alles(&o).contains("de gegevens lopen van 03-01-2022 tot 15-11-2024"),
        "{}",
        alles(&o)
    );
}

#[test]
fn raad_letter_without_raad_md_is_a_concept_and_with_it_has_no_placeholder() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    // With raad.md and the year's analyses (the bundled data): a letter to publish.
    let o = run(&["run", "--period", "2024", "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", alles(&o));
    let j = lees_json(&out.join("2024/raadsinformatie.json"));
    assert_eq!(j["status"], "definitief", "{}", j["ontbrekende_teksten"]);
    let html = std::fs::read_to_string(out.join("2024/raadsinformatie.html")).unwrap();
    assert!(!html.to_lowercase().contains("niet aangeleverd"));
    assert!(!html.contains("CONCEPT"));
    assert!(!alles(&o).contains("CONCEPT"));

    // Without raad.md: a concept that says why.
    let data = tmp.path().join("data");
    kopieer_map(&root().join("data"), &data);
    std::fs::remove_file(data.join("toelichting/2024/raad.md")).unwrap();
    let out2 = tmp.path().join("out2");
    let o = run(&[
        "run",
        "--period",
        "2024",
        "--data",
        data.to_str().unwrap(),
        "--out",
        out2.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", alles(&o));
    let j = lees_json(&out2.join("2024/raadsinformatie.json"));
    assert_eq!(j["status"], "concept");
    let ontbreekt = j["ontbrekende_teksten"].as_array().unwrap();
    assert!(
        ontbreekt.iter().any(|t| t.as_str().unwrap().contains("raad.md")),
        "{ontbreekt:?}"
    );
    let uit = String::from_utf8_lossy(&o.stdout);
    assert!(uit.contains("CONCEPT") && uit.contains("raad.md"), "{uit}");
    let html = std::fs::read_to_string(out2.join("2024/raadsinformatie.html")).unwrap();
    assert!(html.contains("<p class=\"markering\" role=\"note\"><strong>CONCEPT</strong>"));
}
