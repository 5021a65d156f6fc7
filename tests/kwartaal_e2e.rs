//! End to end: the real binary on the bundled demo data writes the kwartaalrapportage; the JSON
//! holds every catalogue indicator; the XLSX (read back with calamine) and the PDF (read back
//! with pdftotext) carry the same figures as the JSON; two runs give identical bytes.

mod common;

use std::path::Path;
use std::process::Command;

use calamine::{Data, Reader, Xlsx, open_workbook};
use common::{alles, run};
use serde_json::Value;

const KWARTAAL: &str = "2024-Q2";

fn run_kwartaal(out: &Path) {
    let o = run(&["run", "--period", KWARTAAL, "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "run faalde: {}", alles(&o));
}

fn json(out: &Path) -> Value {
    let bytes = std::fs::read(out.join(KWARTAAL).join("kwartaalrapportage.json")).unwrap();
    serde_json::from_slice(&bytes).unwrap()
}

/// The Dutch percentage with one decimal, as the PDF shows fractions.
fn procent(f: f64) -> String {
    format!("{:.1}%", f * 100.0).replace('.', ",")
}

#[test]
fn kwartaal_run_json_xlsx_pdf_agree_and_are_reproducible() {
    let tmp = tempfile::tempdir().unwrap();
    let out1 = tmp.path().join("a");
    let out2 = tmp.path().join("b");
    run_kwartaal(&out1);
    run_kwartaal(&out2);

    // Determinism: identical bytes for every file.
    for f in [
        "kwartaalrapportage.json",
        "kwartaalrapportage.xlsx",
        "kwartaalrapportage.pdf",
        "afgekeurde-rijen.csv",
        "manifest.json",
    ] {
        let a = std::fs::read(out1.join(KWARTAAL).join(f)).unwrap();
        let b = std::fs::read(out2.join(KWARTAAL).join(f)).unwrap();
        assert!(a == b, "{f} verschilt tussen twee runs");
        assert!(!a.is_empty(), "{f} is leeg");
    }

    let j = json(&out1);
    assert_eq!(j["rapport"], "kwartaalrapportage");
    assert_eq!(j["periode"]["code"], KWARTAAL);
    assert_eq!(j["periode"]["start"], "2024-04-01");
    assert_eq!(j["periode"]["peildatum"], "2024-06-30");
    let ind = j["indicatoren"].as_array().unwrap();
    let ids: Vec<&str> = ind.iter().map(|i| i["id"].as_str().unwrap()).collect();
    // The catalogue, then the two normed outputs of seed 003 (the demo data has contacten.csv).
    let catalogus: Vec<String> = domeinrapport::domein::catalogus::alle()
        .into_iter()
        .map(|d| d.id)
        .chain(["CSW.buurtbemiddeling_positief".into(), "CSW.koppeling_succesvol".into()])
        .collect();
    assert_eq!(ids, catalogus.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(j["maanden"].as_array().unwrap().len(), 3);
    assert_eq!(j["maanden"][0]["maand"], "2024-04");
    assert_eq!(j["wijkgebieden"].as_array().unwrap().len(), 11);
    for b in j["datakwaliteit"]["bestanden"].as_array().unwrap() {
        assert_eq!(
            b["gelezen"].as_u64().unwrap(),
            b["geaccepteerd"].as_u64().unwrap() + b["afgekeurd"].as_u64().unwrap()
        );
    }

    // XLSX: the sheet "Per werksoort" has, per indicator id, teller/noemer/waarde equal to the JSON.
    let mut wb: Xlsx<_> = open_workbook(out1.join(KWARTAAL).join("kwartaalrapportage.xlsx")).unwrap();
    let blad = wb.worksheet_range("Per werksoort").unwrap();
    let mut gevonden = 0;
    for rij in blad.rows() {
        let Some(Data::String(id)) = rij.get(1) else { continue };
        let Some(i) = ind.iter().find(|i| i["id"] == id.as_str()) else {
            continue;
        };
        let getal = |c: usize| match rij.get(c) {
            Some(Data::Float(f)) => Some(*f),
            Some(Data::Int(n)) => Some(*n as f64),
            _ => None,
        };
        for (kolom, veld) in [(3, "teller"), (4, "noemer"), (5, "waarde")] {
            let verwacht = i[veld].as_f64();
            let x = getal(kolom);
            match (verwacht, x) {
                (None, None) => {}
                (Some(a), Some(b)) => assert!((a - b).abs() < 1e-12, "{id} {veld}: json {a}, xlsx {b}"),
                _ => panic!("{id} {veld}: json {verwacht:?}, xlsx {x:?}"),
            }
        }
        // The norm is a number (the drempel), its direction in the number format, not text.
        match (i["norm"]["drempel"].as_f64(), getal(7)) {
            (None, None) => {}
            (Some(a), Some(b)) => assert!((a - b).abs() < 1e-12, "{id} norm: json {a}, xlsx {b}"),
            (a, _) => panic!("{id} norm: json {a:?}, xlsx {:?}", rij.get(7)),
        }
        assert_eq!(
            rij.get(8).map(|d| d.to_string()),
            Some(status_label(i["status"].as_str().unwrap()).to_string()),
            "{id} status"
        );
        gevonden += 1;
    }
    assert_eq!(gevonden, ind.len(), "elke indicator staat in het werkblad");

    // PDF: the text carries every normed indicator's value as the JSON has it.
    if let Some(tekst) = pdftotext(&out1.join(KWARTAAL).join("kwartaalrapportage.pdf")) {
        // Table cells may wrap: compare with all white space collapsed.
        let tekst = tekst.split_whitespace().collect::<Vec<_>>().join(" ");
        for i in ind.iter().filter(|i| !i["norm"].is_null()) {
            if let (Some(w), Some(t), Some(n)) = (i["waarde"].as_f64(), i["teller"].as_f64(), i["noemer"].as_f64()) {
                let verwacht = format!("{} ({} van {})", procent(w), dutch_int(t), dutch_int(n));
                assert!(tekst.contains(&verwacht), "PDF mist {} = {verwacht}", i["id"]);
            }
        }
        assert!(tekst.contains("2e kwartaal 2024"));
    }
}

fn status_label(s: &str) -> &'static str {
    match s {
        "gehaald" => "gehaald",
        "niet_gehaald" => "niet gehaald",
        "monitor" => "monitor",
        "nvt" => "n.v.t.",
        "geen_gegevens" => "geen gegevens",
        _ => panic!("onbekende status {s}"),
    }
}

/// A count or hours as the PDF shows them: `15.006`, `4.740,75`.
fn dutch_int(f: f64) -> String {
    let geheel = f.trunc();
    let frac = ((f - geheel) * 100.0).round() as i64;
    let staart = match frac {
        0 => String::new(),
        n if n % 10 == 0 => format!(",{}", n / 10),
        n => format!(",{n:02}"),
    };
    format!("{}{staart}", groepeer(geheel as i64))
}

fn groepeer(n: i64) -> String {
    let s = format!("{n}");
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push('.');
        }
        out.push(ch);
    }
    out
}

/// Text of a PDF via pdftotext; `None` (test part skipped, with a note) when the tool is absent.
fn pdftotext(pdf: &Path) -> Option<String> {
    match Command::new("pdftotext").arg(pdf).arg("-").output() {
        Ok(o) if o.status.success() => Some(String::from_utf8_lossy(&o.stdout).into_owned()),
        _ => {
            eprintln!("pdftotext ontbreekt (Debian: poppler-utils); PDF-tekstcontrole overgeslagen");
            None
        }
    }
}
