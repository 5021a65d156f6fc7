//! The run summary's rejected-rows line (issue 18): one total with its split per file and per
//! deliverable, so the reader of the terminal sees why the PDFs say 22 and 4 where the run
//! rejected 26. On the golden fixture (`tests/fixtures/golden/`), whose planted bad rows are 13
//! in hulpvragen.csv, 4 in uren.csv, 5 in activiteiten.csv and 4 in realisatie.csv.

mod common;

use serde_json::Value;

/// The rejected rows a deliverable's own data-quality section counts (its JSON).
fn afgekeurd_in_json(pad: &std::path::Path) -> u64 {
    let j: Value = serde_json::from_slice(&std::fs::read(pad).unwrap()).unwrap();
    j["datakwaliteit"]["bestanden"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["afgekeurd"].as_u64().unwrap())
        .sum()
}

#[test]
fn the_summary_splits_the_rejected_rows_per_file_and_per_deliverable() {
    let tmp = tempfile::tempdir().unwrap();
    let data = common::golden_fixture(tmp.path());
    let out = tmp.path().join("out");
    let o = common::run(&[
        "run",
        "--data",
        data.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--period",
        "2024-H1",
        "--max-afgekeurd-pct",
        "20",
    ]);
    assert!(o.status.success(), "{}", common::alles(&o));
    let stdout = String::from_utf8(o.stdout).unwrap();
    let regel = stdout
        .lines()
        .find(|r| r.starts_with("Afgekeurde invoerregels"))
        .unwrap_or_else(|| panic!("{stdout}"));
    // Hand count: 13 + 4 + 5 + 4 = 26 in all; the financial report reads begroting, realisatie
    // and formatie (4), the inhoudelijk report hulpvragen, uren and activiteiten (13 + 4 + 5 = 22).
    assert_eq!(
        regel,
        "Afgekeurde invoerregels: 26 (hulpvragen.csv 13, uren.csv 4, activiteiten.csv 5, realisatie.csv 4); \
         per rapport (alleen de regels van zijn eigen invoerbestanden): financieel 4, inhoud 22 – zie \
         afgekeurde-rijen.csv"
    );
    // … and those are the numbers the deliverables themselves show.
    assert_eq!(afgekeurd_in_json(&out.join("2024-H1/halfjaar-financieel.json")), 4);
    assert_eq!(afgekeurd_in_json(&out.join("2024-H1/halfjaar-inhoudelijk.json")), 22);
    assert!(stdout.contains("\nWaarschuwingen: "), "{stdout}");
}
