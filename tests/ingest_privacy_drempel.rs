//! The run-stopping rules: BSN-like values (privacy) and the share of rejected rows per file.

#[path = "fixtures/ingest/helpers.rs"]
mod helpers;

use domeinrapport::ingest::{self, IngestFout, IngestOpties};
use helpers::*;
use rust_decimal::Decimal;

/// 111222333 passes the 11-proef: 9+8+7 + 2·(6+5+4) + 3·(3+2) − 3 = 66 = 6·11.
const BSN: &str = "111222333";
/// 111222334 does not: 67 is no multiple of 11.
const GEEN_BSN: &str = "111222334";

fn privacy_melding(bestand: &str, regel: usize, kolom: &str) -> String {
    format!(
        "{bestand}, regel {regel}, kolom {kolom}: de waarde lijkt op een burgerservicenummer (BSN). \
         Om privacyredenen is de verwerking gestopt; verwijder het BSN uit het bronbestand en lever het opnieuw aan"
    )
}

/// Loads, expects a privacy stop with exactly `melding`, and checks neither the message nor
/// the error's Debug form holds the value or any nine-digit run.
fn privacy_stop(m: &Map, melding: &str) {
    let e = m.laad().unwrap_err();
    assert!(matches!(e, IngestFout::Privacy { .. }), "{e}");
    let tekst = e.to_string();
    assert_eq!(tekst, melding);
    let debug = format!("{e:?}");
    for s in [&tekst, &debug] {
        assert!(!s.contains(BSN), "{s}");
        assert!(!heeft_negen_cijfers(s), "{s}");
    }
}

#[test]
fn bsn_in_a_person_column_is_fatal_without_echoing_it() {
    let m = Map::new();
    m.schrijf(
        "hulpvragen.csv",
        &bestand(HV_KOP, &[hv(&[]), hv(&[("hulpvraag_id", "H2"), ("client_id", BSN)])]),
    );
    privacy_stop(&m, &privacy_melding("hulpvragen.csv", 3, "client_id"));

    let m = Map::new();
    m.schrijf(
        "uren.csv",
        &bestand(UREN_KOP, &[uur(&[("medewerker_id", &format!(" {BSN} "))])]),
    );
    privacy_stop(&m, &privacy_melding("uren.csv", 2, "medewerker_id"));
}

/// The warning for a masked BSN-like number in `kolom` of line `regel`.
fn bsn_gemaskeerd(regel: usize, kolom: &str) -> (Option<usize>, String, String) {
    (
        Some(regel),
        "bsn_gemaskeerd".to_string(),
        format!(
            "kolom {kolom}: een getal dat op een burgerservicenummer lijkt (negen cijfers die de elfproef \
             doorstaan) is in alle uitvoer vervangen door *********; verwijder het uit het bronbestand"
        ),
    )
}

#[test]
fn bsn_in_a_free_text_column_is_masked_with_a_warning() {
    // A whole cell or a number inside a longer text: masked, the row accepted, a warning with
    // file, line and column; the number is nowhere in the account or the frames.
    let m = Map::new();
    m.schrijf(
        "activiteiten.csv",
        &bestand(
            ACT_KOP,
            &[
                act(&[("activiteit_id", "A1"), ("naam", BSN)]),
                act(&[("activiteit_id", "A2"), ("naam", &format!("Koffie{BSN}ochtend"))]),
            ],
        ),
    );
    m.schrijf(
        "realisatie.csv",
        &bestand(
            REAL_KOP,
            &[real(&[("omschrijving", &format!("betaling client {BSN} huur"))])],
        ),
    );
    m.schrijf(
        "begroting.csv",
        &bestand(BEGR_KOP, &[begr(&[("regel", &format!("Sociaal Raadslieden {BSN}"))])]),
    );
    // In a person column, inside a longer pseudonym: masked too (only a whole cell stops).
    m.schrijf(
        "uren.csv",
        &bestand(UREN_KOP, &[uur(&[("medewerker_id", &format!("M-{BSN}"))])]),
    );
    let ds = m.laad_los();
    assert_eq!(ds.kwaliteit.totaal_afgekeurd(), 0);
    assert_eq!(
        strs(&ds.activiteiten, "naam"),
        vec![
            Some("*********".to_string()),
            Some("Koffie*********ochtend".to_string())
        ]
    );
    assert_eq!(
        strs(&ds.realisatie, "omschrijving"),
        vec![Some("betaling client ********* huur".to_string())]
    );
    assert_eq!(
        strs(&ds.begroting, "regel_naam"),
        vec![Some("Sociaal Raadslieden *********".to_string())]
    );
    assert_eq!(strs(&ds.uren, "medewerker_id"), vec![Some("M-*********".to_string())]);
    assert_eq!(
        waarschuwingen(&ds.kwaliteit, "activiteiten.csv"),
        vec![bsn_gemaskeerd(2, "naam"), bsn_gemaskeerd(3, "naam")]
    );
    assert_eq!(
        waarschuwingen(&ds.kwaliteit, "realisatie.csv"),
        vec![bsn_gemaskeerd(2, "omschrijving")]
    );
    assert_eq!(
        waarschuwingen(&ds.kwaliteit, "begroting.csv"),
        vec![bsn_gemaskeerd(2, "regel")]
    );
    assert_eq!(
        waarschuwingen(&ds.kwaliteit, "uren.csv"),
        vec![bsn_gemaskeerd(2, "medewerker_id")]
    );
    let alles = format!("{:?}", ds.kwaliteit);
    assert!(!alles.contains(BSN), "{alles}");
}

#[test]
fn bsn_stops_even_on_a_row_that_is_otherwise_rejected() {
    let m = Map::new();
    m.schrijf(
        "hulpvragen.csv",
        &bestand(
            HV_KOP,
            &[hv(&[("client_id", BSN), ("werksoort", "XYZ"), ("aanmelddatum", "")])],
        ),
    );
    privacy_stop(&m, &privacy_melding("hulpvragen.csv", 2, "client_id"));
}

#[test]
fn system_numbers_are_exempt() {
    let m = Map::new();
    m.schrijf("hulpvragen.csv", &bestand(HV_KOP, &[hv(&[("hulpvraag_id", BSN)])]));
    m.schrijf("activiteiten.csv", &bestand(ACT_KOP, &[act(&[("activiteit_id", BSN)])]));
    m.schrijf("begroting.csv", &bestand(BEGR_KOP, &[begr(&[("regel_id", BSN)])]));
    m.schrijf(
        "realisatie.csv",
        &bestand(REAL_KOP, &[real(&[("boekstuk", BSN), ("regel_id", BSN)])]),
    );
    let ds = m.laad_los();
    assert_eq!(ds.kwaliteit.totaal_afgekeurd(), 0);
    assert_eq!(strs(&ds.hulpvragen, "hulpvraag_id"), vec![Some(BSN.to_string())]);
    assert_eq!(strs(&ds.realisatie, "boekstuk"), vec![Some(BSN.to_string())]);
}

#[test]
fn not_bsn_like_values_pass() {
    let m = Map::new();
    m.schrijf(
        "hulpvragen.csv",
        &bestand(
            HV_KOP,
            &[
                // Nine digits failing the 11-proef; ten digits; eight digits.
                hv(&[("hulpvraag_id", "H1"), ("client_id", GEEN_BSN)]),
                hv(&[("hulpvraag_id", "H2"), ("client_id", "1112223330")]),
                hv(&[("hulpvraag_id", "H3"), ("client_id", "11122233")]),
            ],
        ),
    );
    m.schrijf(
        "realisatie.csv",
        &bestand(
            REAL_KOP,
            &[
                // An amount is never BSN-like, in the amount column nor as a text.
                real(&[("bedrag", "1609966,36"), ("omschrijving", "1609966,36")]),
                // Ten digits, and nine digits failing the 11-proef, inside a text.
                real(&[
                    ("boekstuk", "B2"),
                    ("omschrijving", &format!("factuur 1{BSN} en {GEEN_BSN}")),
                ]),
            ],
        ),
    );
    let ds = m.laad_los();
    assert_eq!(ds.kwaliteit.totaal_afgekeurd(), 0);
    assert!(
        !ds.kwaliteit.waarschuwingen.iter().any(|w| w.soort == "bsn_gemaskeerd"),
        "{:?}",
        ds.kwaliteit.waarschuwingen
    );
    assert_eq!(
        ints(&ds.realisatie, "bedrag_cent"),
        vec![Some(160_996_636), Some(10_000)]
    );
    assert_eq!(
        strs(&ds.realisatie, "omschrijving")[1].as_deref(),
        Some(format!("factuur 1{BSN} en {GEEN_BSN}").as_str())
    );
}

#[test]
fn bsn_like_value_in_a_rejected_code_cell_is_masked() {
    let m = Map::new();
    m.schrijf("uren.csv", &bestand(UREN_KOP, &[uur(&[("werksoort", BSN)])]));
    let ds = m.laad_los();
    assert_eq!(
        afkeuringen(&ds, "uren.csv"),
        vec![af(2, "werksoort", "*********", "onbekende werksoort '*********'")]
    );
    let csv = String::from_utf8(ingest::afgekeurde_rijen_csv(&ds.kwaliteit)).unwrap();
    assert!(!csv.contains(BSN));
}

/// hulpvragen.csv with `n` rows of which the first `fout` are rejected (unknown werksoort).
fn hulpvragen_met_afgekeurd(m: &Map, n: usize, fout: usize) {
    let rijen: Vec<String> = (0..n)
        .map(|i| {
            let id = format!("H{i}");
            let ws = if i < fout { "XYZ" } else { "ISW" };
            hv(&[("hulpvraag_id", &id), ("werksoort", ws)])
        })
        .collect();
    m.schrijf("hulpvragen.csv", &bestand(HV_KOP, &rijen));
}

#[test]
fn exactly_five_percent_rejected_passes() {
    let m = Map::new();
    hulpvragen_met_afgekeurd(&m, 20, 1);
    let ds = m.laad().unwrap();
    assert_eq!(telling(&ds, "hulpvragen.csv"), (20, 19, 1));
    assert_eq!(ds.hulpvragen.height(), 19);
}

#[test]
fn more_than_five_percent_rejected_is_fatal_with_the_quality_report() {
    let m = Map::new();
    hulpvragen_met_afgekeurd(&m, 19, 1);
    let e = m.laad().unwrap_err();
    assert_eq!(
        e.to_string(),
        "hulpvragen.csv: 1 van de 19 regels afgekeurd (5,3%), meer dan de toegestane 5%; \
         zie de afgekeurde regels in afgekeurde-rijen.csv"
    );
    let IngestFout::TeVeelAfgekeurd { kwaliteit, .. } = e else {
        panic!("TeVeelAfgekeurd expected")
    };
    // The report covers every file, so `check` can still show and write it.
    let paden: Vec<&str> = kwaliteit.bestanden.iter().map(|b| b.pad.as_str()).collect();
    assert_eq!(
        paden,
        [
            "hulpvragen.csv",
            "uren.csv",
            "activiteiten.csv",
            "begroting.csv",
            "realisatie.csv"
        ]
    );
    assert_eq!(kwaliteit.afkeuringen.len(), 1);
    assert_eq!(kwaliteit.afkeuringen[0].regel, 2);
    assert_eq!(kwaliteit.afkeuringen[0].reden, "onbekende werksoort 'XYZ'");
}

#[test]
fn the_threshold_applies_per_file_and_is_configurable() {
    // 2 of 20 (10%) in uren.csv.
    let m = Map::new();
    let rijen: Vec<String> = (0..20)
        .map(|i| uur(&[("uren", if i < 2 { "0" } else { "8" })]))
        .collect();
    m.schrijf("uren.csv", &bestand(UREN_KOP, &rijen));
    assert_eq!(
        m.laad().unwrap_err().to_string(),
        "uren.csv: 2 van de 20 regels afgekeurd (10%), meer dan de toegestane 5%; \
         zie de afgekeurde regels in afgekeurde-rijen.csv"
    );
    let tien = IngestOpties {
        max_afgekeurd_pct: Decimal::from(10),
    };
    let ds = ingest::laad(m.pad(), &set(), &tien).unwrap();
    assert_eq!(telling(&ds, "uren.csv"), (20, 18, 2));
    let streng = IngestOpties {
        max_afgekeurd_pct: Decimal::new(25, 1),
    };
    hulpvragen_met_afgekeurd(&m, 20, 1);
    assert_eq!(
        ingest::laad(m.pad(), &set(), &streng).unwrap_err().to_string(),
        "hulpvragen.csv: 1 van de 20 regels afgekeurd (5%), meer dan de toegestane 2,5%; \
         zie de afgekeurde regels in afgekeurde-rijen.csv"
    );
}

#[test]
fn row_accounting_holds_with_every_kind_of_reject() {
    let m = Map::new();
    m.schrijf(
        "uren.csv",
        &format!(
            "{UREN_KOP}\n{}\nM1;ISW\n{}\n\"open;ISW;2024-01-10;8;overig\n{}\n",
            uur(&[]),
            uur(&[("uren", "x")]),
            uur(&[("medewerker_id", "M9")])
        ),
    );
    let ds = m.laad_los();
    assert_eq!(telling(&ds, "uren.csv"), (5, 2, 3));
    telling_klopt(&ds.kwaliteit);
}
