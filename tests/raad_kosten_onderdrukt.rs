//! The raad letter's "Wat het opleverde en wat het kostte" (revision 3) end to end: kosten per
//! afgesloten hulpvraag per werksoort over three years, with the public suppression. On the golden
//! fixture (its jongerenwerk closes 11, 15 and 15 hulpvragen in 2022–2024), edited so that JW
//! closes 3 in 2024 (1 to 4: shown as "<5", cost withheld, `onderdrukt`) and none in 2023 (cost
//! `null`, `geen_gegevens`); 2022 stays as it is.

mod common;

use std::path::Path;

use common::{alles, run};
use serde_json::Value;

/// Reopens the JW hulpvragen of hulpvragen.csv afgesloten in `jaar` (afgesloten and uitstroom
/// emptied), all but the first `houden`. Returns how many were reopened.
fn heropen_jw(pad: &Path, jaar: &str, houden: usize) -> usize {
    let t = std::fs::read_to_string(pad).unwrap();
    let mut regels: Vec<String> = t.split("\r\n").map(str::to_string).collect();
    let kop: Vec<&str> = regels[0].trim_start_matches('\u{feff}').split(';').collect();
    let k = |n: &str| kop.iter().position(|c| *c == n).unwrap();
    let (ws, afg, uit) = (k("werksoort"), k("afgesloten"), k("uitstroom"));
    let mut gezien = 0;
    let mut heropend = 0;
    for r in regels.iter_mut().skip(1) {
        let mut v: Vec<String> = r.split(';').map(str::to_string).collect();
        if v.len() > afg && v[ws] == "JW" && v[afg].starts_with(jaar) {
            gezien += 1;
            if gezien > houden {
                v[afg].clear();
                v[uit].clear();
                *r = v.join(";");
                heropend += 1;
            }
        }
    }
    std::fs::write(pad, regels.join("\r\n")).unwrap();
    heropend
}

#[test]
fn one_to_four_afgesloten_are_suppressed_and_none_is_geen_gegevens() {
    let tmp = tempfile::tempdir().unwrap();
    let data = common::golden_fixture(tmp.path());
    let hv = data.join("hulpvragen.csv");
    assert_eq!(heropen_jw(&hv, "2024", 3), 12, "the fixture's JW closes 15 in 2024");
    assert_eq!(heropen_jw(&hv, "2023", 0), 15, "the fixture's JW closes 15 in 2023");
    let out = tmp.path().join("out");
    let o = run(&[
        "run",
        "--data",
        data.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--period",
        "2024",
        "--report",
        "raad",
        // As in the golden test: the fixture's planted bad rows are above 5% of activiteiten.csv.
        "--max-afgekeurd-pct",
        "20",
    ]);
    assert!(o.status.success(), "{}", alles(&o));
    let dir = out.join("2024");
    let j: Value = serde_json::from_slice(&std::fs::read(dir.join("raadsinformatie.json")).unwrap()).unwrap();
    let reeks = j["kosten_per_afgesloten"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["werksoort"] == "JW")
        .expect("JW-reeks");
    assert_eq!(reeks["id"], "JW.kosten_per_afgesloten");
    let jaren = reeks["jaren"].as_array().unwrap();
    let rij = |jaar: i64| jaren.iter().find(|x| x["jaar"] == jaar).unwrap();
    // 2022 untouched: 565.656,17 / 11 = 51.423,2881… → € 51.423,29.
    let j22 = rij(2022);
    assert_eq!(j22["afgesloten"], "11");
    assert_eq!(j22["kosten"].as_f64(), Some(51423.29));
    assert_eq!(j22["status"], "monitor");
    // 2023: none afgesloten, so no cost per hulpvraag (the realisatie itself stays).
    let j23 = rij(2023);
    assert_eq!(j23["afgesloten"], "0");
    assert!(j23["kosten"].is_null());
    assert_eq!(j23["status"], "geen_gegevens");
    assert_eq!(j23["realisatie"].as_f64(), Some(598644.18));
    // 2024: 3 afgesloten; 642.560,35 / 3 = € 214.186,78 would be the cost of three inwoners:
    // shown as "<5" with the cost withheld.
    let j24 = rij(2024);
    assert_eq!(j24["afgesloten"], "<5");
    assert!(j24["kosten"].is_null());
    assert_eq!(j24["status"], "onderdrukt");
    // The other werksoorten are untouched (the golden values): ISW 2024 2.537.620,04 / 103.
    let isw = j["kosten_per_afgesloten"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["werksoort"] == "ISW")
        .unwrap();
    assert_eq!(isw["jaren"][2]["kosten"].as_f64(), Some(24637.09));

    // Nothing public carries the withheld figure.
    let html = std::fs::read_to_string(dir.join("raadsinformatie.html")).unwrap();
    let json = std::fs::read_to_string(dir.join("raadsinformatie.json")).unwrap();
    for (naam, t) in [("html", &html), ("json", &json)] {
        assert!(
            !t.contains("214186") && !t.contains("214.186"),
            "{naam} toont de onderdrukte kosten"
        );
    }
    // The letter's table: the JW row shows 51.423,29, a dash and an asterisk.
    let Some(t) = common::pdf_woorden(&dir.join("raadsinformatie.pdf")) else {
        return;
    };
    assert!(!t.contains("214.186"));
    assert!(t.contains("Jongerenwerk € 51.423,29 – *"), "JW-regel ontbreekt: {t}");
}
