//! The halfjaarrapportage inhoudelijk carries seed 003's outputs (revision 3): the JSON has an
//! `outputs` object like the kwartaal's, and each doel shows the output figures the agreement
//! links to it (afspraken/<jaar>.toml, `indicatoren` of the doel). The real binary on the bundled
//! demo data, H1 2024; the expected values were counted by hand from data/contacten.csv and
//! data/activiteiten.csv (a separate count in a script, noted next to each value).

mod common;

use common::{alles, run};
use serde_json::Value;

/// Nine decimals: the JSON's decimal fractions are compared as numbers, not to the last bit.
fn r(x: f64) -> f64 {
    (x * 1e9).round() / 1e9
}

/// The doel's linked figures: (id, waarde to nine decimals, status).
fn doel<'a>(h: &'a Value, id: &str) -> Vec<(&'a str, Option<f64>, &'a str)> {
    h["doelen"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == id)
        .unwrap_or_else(|| panic!("doel {id}"))["indicatorstatus"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["id"].as_str().unwrap(),
                i["waarde"].as_f64().map(r),
                i["status"].as_str().unwrap(),
            )
        })
        .collect()
}

#[test]
fn the_half_year_shows_the_outputs_with_the_doelen_they_measure() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let o = run(&["run", "--period", "2024-H1", "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", alles(&o));
    let dir = out.join("2024-H1");
    let h: Value = serde_json::from_slice(&std::fs::read(dir.join("halfjaar-inhoudelijk.json")).unwrap()).unwrap();

    let uit = &h["outputs"];
    assert_eq!(uit["contacten_aangeleverd"], true);
    assert_eq!(uit["categorieen"].as_array().unwrap().len(), 5);
    assert_eq!(uit["activiteiten"].as_array().unwrap().len(), 12);
    assert_eq!(uit["contacten"].as_array().unwrap().len(), 47);
    let fig = |id: &str| {
        uit["activiteiten"]
            .as_array()
            .unwrap()
            .iter()
            .chain(uit["contacten"].as_array().unwrap())
            .find(|i| i["id"] == id)
            .unwrap_or_else(|| panic!("{id}"))
            .clone()
    };

    // SRW-D6 (formulierenbrigade): 250 SRW formulierenbrigade contacts dated in H1 2024.
    assert_eq!(
        doel(&h, "SRW-D6"),
        [("SRW.contacten.formulierenbrigade", Some(250.0), "monitor")]
    );
    // JGD-H1.11 (the two beschermtafels): 13 JGD beschermtafel contacts in H1 2024.
    assert_eq!(
        doel(&h, "JGD-H1.11"),
        [("JGD.contacten.beschermtafel", Some(13.0), "monitor")]
    );
    // CSW-D8 (informele ondersteuning): 42 koppelingen in H1, 38 positief and 4 negatief →
    // 38/42 = 90,5% ≥ 85%; 28 buurtbemiddelingen, 19 positief and 9 negatief → 19/28 = 67,9% ≥ 60%.
    assert_eq!(
        doel(&h, "CSW-D8"),
        [
            ("CSW.koppeling_succesvol", Some(r(38.0 / 42.0)), "gehaald"),
            ("CSW.contacten.vrijwilligerskoppeling", Some(42.0), "monitor"),
            ("CSW.contacten.buurtbemiddeling", Some(28.0), "monitor"),
            ("CSW.buurtbemiddeling_positief", Some(r(19.0 / 28.0)), "gehaald"),
        ]
    );
    let k = fig("CSW.koppeling_succesvol");
    assert_eq!((k["teller"].as_i64(), k["noemer"].as_i64()), (Some(38), Some(42)));
    let b = fig("CSW.buurtbemiddeling_positief");
    assert_eq!((b["teller"].as_i64(), b["noemer"].as_i64()), (Some(19), Some(28)));
    // JGD-H2.8 (collectief aanbod): 26 JGD cursussen/groepen run in H1 in the file, but line 350
    // (door_inwoners 'soms', 12 deelnemers) is rejected: 25, of which 23 with deelnemers, 279 − 12
    // = 267 together → 267 / 23 = 11,61.
    assert_eq!(
        doel(&h, "JGD-H2.8"),
        [
            ("JGD.cursussen_groepen", Some(25.0), "monitor"),
            ("JGD.deelnemers_gemiddeld", Some(r(267.0 / 23.0)), "monitor"),
        ]
    );
    // CSW-D1 (collectieve inzet): 21 CSW cursussen/groepen, 20 with deelnemers, 205 → 10,25.
    let d1 = doel(&h, "CSW-D1");
    assert_eq!(
        &d1[1..],
        [
            ("CSW.cursussen_groepen", Some(21.0), "monitor"),
            ("CSW.deelnemers_gemiddeld", Some(10.25), "monitor"),
        ]
    );
    // A doel's figure is the outputs' figure.
    for (id, waarde, _) in doel(&h, "CSW-D8").into_iter().chain(doel(&h, "JGD-H2.8")) {
        assert_eq!(fig(id)["waarde"].as_f64().map(r), waarde, "{id}");
    }

    // The PDF shows them in the doelen table's indicator column (mean with one decimal).
    let Some(t) = common::pdf_woorden(&dir.join("halfjaar-inhoudelijk.pdf")) else {
        return;
    };
    for s in [
        "Formulierenbrigade: 250, monitor",
        "Beschermtafel: 13, monitor",
        "Buurtbemiddeling positief afgerond: 67,9% (norm ≥ 60%), gehaald",
        "cursus of groep: 11,6, monitor",
        "Gemiddeld aantal deelnemers per cursus of groep: 10,3, monitor",
    ] {
        assert!(t.contains(s), "'{s}' ontbreekt in de PDF");
    }
}
