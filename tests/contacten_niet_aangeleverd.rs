//! contacten.csv is optional (data-contract.md, revision 3): without it the run succeeds, every
//! contact figure carries the status `niet_aangeleverd` in the JSON, the kwartaal and
//! inhoudelijk reports say "niet aangeleverd", and the public raad letter never shows that
//! internal placeholder (deliverables.md): it is the same letter, byte for byte, as with the file.
//! End to end through the real binary on copies of the bundled demo data.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use calamine::{Data, Reader, Xlsx, open_workbook};
use common::{Omgeving, alles, bin, omgeving, pdf_woorden, root};
use serde_json::Value;

fn draai(o: &Omgeving, periode: &str) -> Output {
    let u = Command::new(bin())
        .current_dir(root())
        .args(["run", "--period", periode])
        .args(["--data", o.data.to_str().unwrap()])
        .args(["--templates", o.templates.to_str().unwrap()])
        .args(["--out", o.out.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(u.status.success(), "{periode}: {}", alles(&u));
    u
}

fn json(pad: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(pad).unwrap()).unwrap()
}

fn indicator<'a>(lijst: &'a Value, id: &str) -> &'a Value {
    lijst
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id)
        .unwrap_or_else(|| panic!("{id} ontbreekt"))
}

#[test]
fn without_contacten_csv_the_reports_say_niet_aangeleverd_and_the_raad_letter_does_not() {
    let zonder = omgeving();
    std::fs::remove_file(zonder.data.join("contacten.csv")).unwrap();
    let met = omgeving();
    for p in ["2024-Q2", "2024-H1", "2023"] {
        draai(&zonder, p);
    }
    draai(&met, "2024-Q2");
    draai(&met, "2023");

    // --- Kwartaal JSON ---
    let k = json(&zonder.out.join("2024-Q2/kwartaalrapportage.json"));
    let o = &k["outputs"];
    assert_eq!(o["contacten_aangeleverd"], false);
    let contacten = o["contacten"].as_array().unwrap();
    // 5 werksoorten × 9 soorten + the two success rates, every one without a value.
    assert_eq!(contacten.len(), 47);
    for c in contacten {
        assert_eq!(c["status"], "niet_aangeleverd", "{}", c["id"]);
        assert!(c["waarde"].is_null() && c["teller"].is_null() && c["noemer"].is_null());
    }
    // The activities do not depend on contacten.csv: the same as with the file.
    let km = json(&met.out.join("2024-Q2/kwartaalrapportage.json"));
    assert_eq!(o["activiteiten"], km["outputs"]["activiteiten"]);
    assert_eq!(o["categorieen"], km["outputs"]["categorieen"]);
    // The two normed fractions stand in the indicators with their norm and no judgement.
    for (id, drempel) in [
        ("CSW.buurtbemiddeling_positief", 0.6),
        ("CSW.koppeling_succesvol", 0.85),
    ] {
        let i = indicator(&k["indicatoren"], id);
        assert_eq!(i["status"], "niet_aangeleverd");
        assert_eq!(i["norm"]["drempel"].as_f64(), Some(drempel));
        assert_eq!(i["analyse_ontbreekt"], false);
    }
    // With the file the demo's Q2 has buurtbemiddeling 7 of 12 = 58,3% < 60% (niet gehaald,
    // analysis missing) and koppeling 22 of 24 = 91,7% ≥ 85% (gehaald). Without it both drop out
    // of the judged norms: 13 − 2 = 11 judged, 6 − 1 = 5 gehaald, 7 − 1 = 6 niet gehaald and
    // 3 − 1 = 2 analyses missing.
    let b = indicator(&km["indicatoren"], "CSW.buurtbemiddeling_positief");
    assert_eq!((b["teller"].as_i64(), b["noemer"].as_i64()), (Some(7), Some(12)));
    assert_eq!(b["status"], "niet_gehaald");
    let kb = indicator(&km["indicatoren"], "CSW.koppeling_succesvol");
    assert_eq!((kb["teller"].as_i64(), kb["noemer"].as_i64()), (Some(22), Some(24)));
    let kc = |j: &Value, veld: &str| j["kerncijfers"][veld].as_i64().unwrap();
    assert_eq!(
        [
            kc(&km, "normen_beoordeeld"),
            kc(&km, "normen_gehaald"),
            kc(&km, "normen_niet_gehaald"),
            kc(&km, "analyses_ontbreken")
        ],
        [13, 6, 7, 3]
    );
    assert_eq!(
        [
            kc(&k, "normen_beoordeeld"),
            kc(&k, "normen_gehaald"),
            kc(&k, "normen_niet_gehaald"),
            kc(&k, "analyses_ontbreken")
        ],
        [11, 5, 6, 2]
    );
    // An absent optional file is no input and not in the data-quality account.
    assert!(
        !k["datakwaliteit"]["bestanden"]
            .as_array()
            .unwrap()
            .iter()
            .any(|b| b["pad"] == "contacten.csv")
    );

    // --- Kwartaal PDF and XLSX ---
    if let Some(t) = pdf_woorden(&zonder.out.join("2024-Q2/kwartaalrapportage.pdf")) {
        assert!(
            t.contains("vrijwilligerskoppelingen en andere): niet aangeleverd."),
            "melding ontbreekt"
        );
        // The summary of the normed indicators: value and year-to-date "–", the norm, the status.
        assert!(
            t.contains("Buurtbemiddeling positief afgerond – – ≥ 60% ! niet aangeleverd"),
            "{t}"
        );
        assert!(t.contains("Succesvolle vrijwilligerskoppeling – – ≥ 85% ! niet aangeleverd"));
        assert!(t.contains(
            "Niet aangeleverd: het bestand met contacten en korte interventies ontbreekt, dus deze normen zijn niet beoordeeld."
        ));
    }
    let mut wb: Xlsx<_> = open_workbook(zonder.out.join("2024-Q2/kwartaalrapportage.xlsx")).unwrap();
    let blad = wb.worksheet_range("Activiteiten en contacten").unwrap();
    let kop = blad
        .rows()
        .position(|r| r.first() == Some(&Data::String("Werksoort".into())))
        .unwrap();
    let mut contactregels = 0;
    for r in blad.rows().skip(kop + 1) {
        let id = r[1].to_string();
        if id.contains(".contacten.") || id.ends_with("_positief") || id.ends_with("_succesvol") {
            contactregels += 1;
            assert_eq!(r[5], Data::Empty, "{id}: waarde");
            assert_eq!(r[7], Data::String("niet aangeleverd".into()), "{id}: status");
        }
    }
    assert_eq!(contactregels, 47);

    // --- Halfjaar inhoudelijk ---
    let h = json(&zonder.out.join("2024-H1/halfjaar-inhoudelijk.json"));
    assert_eq!(h["outputs"]["contacten_aangeleverd"], false);
    assert!(
        h["outputs"]["contacten"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["status"] == "niet_aangeleverd")
    );
    let d8 = h["doelen"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == "CSW-D8")
        .unwrap();
    let st: Vec<(&str, &str)> = d8["indicatorstatus"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["id"].as_str().unwrap(), i["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        st,
        [
            ("CSW.koppeling_succesvol", "niet_aangeleverd"),
            ("CSW.contacten.vrijwilligerskoppeling", "niet_aangeleverd"),
            ("CSW.contacten.buurtbemiddeling", "niet_aangeleverd"),
            ("CSW.buurtbemiddeling_positief", "niet_aangeleverd"),
        ]
    );
    if let Some(t) = pdf_woorden(&zonder.out.join("2024-H1/halfjaar-inhoudelijk.pdf")) {
        // Per doel, the linked contact figures (CSW-D8, JGD-H1.11).
        assert!(t.contains("! Buurtbemiddelingen: niet aangeleverd"), "{t}");
        assert!(t.contains("! Buurtbemiddeling positief afgerond: niet aangeleverd"));
        assert!(t.contains("! Beschermtafel: niet aangeleverd"));
    }

    // --- Raad: the public letter shows no contact figure, so without the file it is the same
    // letter; the placeholder never appears. ---
    for f in ["raadsinformatie.json", "raadsinformatie.html", "raadsinformatie.pdf"] {
        let a = std::fs::read(zonder.out.join("2023").join(f)).unwrap();
        let b = std::fs::read(met.out.join("2023").join(f)).unwrap();
        assert!(a == b, "{f} hangt af van contacten.csv");
    }
    let html = std::fs::read_to_string(zonder.out.join("2023/raadsinformatie.html")).unwrap();
    assert!(!html.to_lowercase().contains("niet aangeleverd"));
    if let Some(t) = pdf_woorden(&zonder.out.join("2023/raadsinformatie.pdf")) {
        assert!(!t.to_lowercase().contains("niet aangeleverd"));
    }
}

/// The unattended run's summary says the optional file is missing when a deliverable that shows
/// contact figures was made, and says nothing about it when the file is there or when only the
/// raad letter (which shows no contact figures) was made.
#[test]
fn the_run_summary_names_the_missing_contacten_csv() {
    let regel = "Niet aangeleverd: contacten.csv (optioneel)";
    let zonder = omgeving();
    std::fs::remove_file(zonder.data.join("contacten.csv")).unwrap();
    let uit = String::from_utf8_lossy(&draai(&zonder, "2024-Q2").stdout).to_string();
    assert_eq!(uit.matches(regel).count(), 1, "{uit}");
    let raad = String::from_utf8_lossy(&draai(&zonder, "2023").stdout).to_string();
    assert!(!raad.contains(regel), "{raad}");
    let met = omgeving();
    let uit = String::from_utf8_lossy(&draai(&met, "2024-Q2").stdout).to_string();
    assert!(!uit.contains(regel), "{uit}");
}
