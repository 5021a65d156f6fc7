//! Bad rows in contacten.csv through the real binary (revision 3): a `resultaat` on a soort that
//! has none, an unknown soort and an unknown resultaat are each rejected with file, line, column,
//! value and reason (in afgekeurde-rijen.csv and the JSON), the row accounting holds
//! (gelezen = geaccepteerd + afgekeurd), and exactly those rows leave the figures. A BSN-like
//! client_id is no row reject but a fatal privacy error (data-contract.md), checked in
//! tests/ingest_contacten.rs.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::{Omgeving, alles, bin, omgeving, root, zet_cel};
use serde_json::Value;

fn draai(o: &Omgeving) -> Output {
    let u = Command::new(bin())
        .current_dir(root())
        .args(["run", "--period", "2024-Q2"])
        .args(["--data", o.data.to_str().unwrap()])
        .args(["--templates", o.templates.to_str().unwrap()])
        .args(["--out", o.out.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(u.status.success(), "{}", alles(&u));
    u
}

/// The 1-based line (header = 1) of contact `id`, after checking it still reads `regel`.
fn regel_van(pad: &Path, id: &str, regel: &str) -> usize {
    let t = std::fs::read_to_string(pad).unwrap();
    let (n, l) = t
        .lines()
        .enumerate()
        .find(|(_, l)| l.starts_with(&format!("{id};")))
        .unwrap_or_else(|| panic!("{id} ontbreekt: is de demo opnieuw gegenereerd?"));
    assert_eq!(l, regel, "de demoregel van {id} is veranderd");
    n + 1
}

fn json(o: &Omgeving) -> Value {
    serde_json::from_slice(&std::fs::read(o.out.join("2024-Q2/kwartaalrapportage.json")).unwrap()).unwrap()
}

fn figuur<'a>(j: &'a Value, id: &str) -> &'a Value {
    j["outputs"]["contacten"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id)
        .unwrap()
}

fn telling(j: &Value) -> (u64, u64, u64) {
    let b = j["datakwaliteit"]["bestanden"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["pad"] == "contacten.csv")
        .expect("contacten.csv in de datakwaliteit");
    let n = |k: &str| b[k].as_u64().unwrap();
    (n("gelezen"), n("geaccepteerd"), n("afgekeurd"))
}

#[test]
fn bad_contact_rows_are_rejected_with_line_column_and_reason_and_leave_the_figures() {
    let schoon = omgeving();
    draai(&schoon);
    let fout = omgeving();
    let pad = fout.data.join("contacten.csv");
    // Three contacts of Q2 2024 in the demo data.
    let kort = regel_van(&pad, "CT019346", "CT019346;2024-04-02;SRW;W11;kort_contact;;");
    let bezoek = regel_van(&pad, "CT019367", "CT019367;2024-04-02;CSW;W05;ouderenbezoek;;C02111");
    let koppeling = regel_van(
        &pad,
        "CT019430",
        "CT019430;2024-04-04;CSW;W06;vrijwilligerskoppeling;positief;C21498",
    );
    zet_cel(&pad, kort, "resultaat", "positief");
    zet_cel(&pad, bezoek, "soort", "huisbezoek");
    zet_cel(&pad, koppeling, "resultaat", "geslaagd");
    draai(&fout);

    // Rejects: file, line, column, value, reason; in the JSON and the rejects file.
    let j = json(&fout);
    let af: Vec<(u64, &str, &str, &str)> = j["datakwaliteit"]["afkeuringen"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["bestand"] == "contacten.csv")
        .map(|a| {
            (
                a["regel"].as_u64().unwrap(),
                a["kolom"].as_str().unwrap(),
                a["waarde"].as_str().unwrap(),
                a["reden"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        af,
        [
            (
                kort as u64,
                "resultaat",
                "positief",
                "resultaat mag alleen bij soort buurtbemiddeling of vrijwilligerskoppeling zijn ingevuld, niet bij kort_contact"
            ),
            (bezoek as u64, "soort", "huisbezoek", "onbekende soort 'huisbezoek'"),
            (
                koppeling as u64,
                "resultaat",
                "geslaagd",
                "onbekend resultaat 'geslaagd'"
            ),
        ]
    );
    let csv = std::fs::read_to_string(fout.out.join("2024-Q2/afgekeurde-rijen.csv")).unwrap();
    assert!(csv.contains(&format!(
        "contacten.csv;{bezoek};soort;huisbezoek;onbekende soort 'huisbezoek'"
    )));
    assert_eq!(csv.lines().filter(|l| l.starts_with("contacten.csv;")).count(), 3);

    // Row accounting: the same rows read, three fewer accepted.
    let (g0, a0, f0) = telling(&json(&schoon));
    let (g, a, f) = telling(&j);
    assert_eq!((f0, g0), (0, a0), "de demo heeft geen foute contactregels");
    assert_eq!((g, a, f), (g0, g0 - 3, 3));
    assert_eq!(g, a + f);

    // Exactly those rows leave the figures (demo Q2: 595 korte contacten SRW, 83 ouderenbezoeken,
    // 24 koppelingen of which 22 positief and 2 negatief).
    let s = json(&schoon);
    let w = |j: &Value, id: &str| figuur(j, id)["waarde"].as_f64().unwrap();
    assert_eq!(w(&s, "SRW.contacten.kort_contact"), 595.0);
    assert_eq!(w(&j, "SRW.contacten.kort_contact"), 594.0);
    assert_eq!(w(&s, "CSW.contacten.ouderenbezoek"), 83.0);
    assert_eq!(w(&j, "CSW.contacten.ouderenbezoek"), 82.0);
    assert_eq!(w(&j, "CSW.contacten.vrijwilligerskoppeling"), 23.0);
    let k = figuur(&j, "CSW.koppeling_succesvol");
    // 21 of 23 = 91,3% ≥ 85%.
    assert_eq!((k["teller"].as_i64(), k["noemer"].as_i64()), (Some(21), Some(23)));
    assert_eq!(k["status"], "gehaald");
    let k0 = figuur(&s, "CSW.koppeling_succesvol");
    assert_eq!((k0["teller"].as_i64(), k0["noemer"].as_i64()), (Some(22), Some(24)));
}
