//! The file-format rules of the data contract ("File format"): encodings, delimiters, quoting,
//! Dutch numbers and dates, booleans, headers, broken lines, missing and empty files.

#[path = "fixtures/ingest/helpers.rs"]
mod helpers;

use domeinrapport::ingest::IngestFout;
use helpers::*;

const CODERING_SLOT: &str = "lever het bestand aan als UTF-8 (met of zonder BOM) of Windows-1252";

#[test]
fn utf8_with_and_without_bom_keeps_accents_and_euro() {
    for bom in [false, true] {
        let m = Map::new();
        let tekst = bestand(ACT_KOP, &[act(&[("naam", "Café Ëlla €5")])]);
        let mut bytes = if bom { vec![0xEF, 0xBB, 0xBF] } else { vec![] };
        bytes.extend_from_slice(tekst.as_bytes());
        m.schrijf_bytes("activiteiten.csv", &bytes);
        let ds = m.laad_los();
        assert_eq!(
            strs(&ds.activiteiten, "naam"),
            vec![Some("Café Ëlla €5".to_string())],
            "bom={bom}"
        );
        // With a BOM the first header name is still recognised.
        assert_eq!(strs(&ds.activiteiten, "activiteit_id"), vec![Some("A1".to_string())]);
    }
}

#[test]
fn windows_1252_is_detected_and_decoded() {
    let m = Map::new();
    let tekst = bestand(ACT_KOP, &[act(&[("naam", "Café Ëlla €5 – Oss")])]);
    let (bytes, _, onvertaalbaar) = encoding_rs::WINDOWS_1252.encode(&tekst);
    assert!(!onvertaalbaar);
    // é = E9, Ë = CB, € = 80, – = 96 in Windows-1252: not valid UTF-8.
    assert!(bytes.contains(&0x80) && bytes.contains(&0xE9));
    m.schrijf_bytes("activiteiten.csv", &bytes);
    let ds = m.laad_los();
    assert_eq!(
        strs(&ds.activiteiten, "naam"),
        vec![Some("Café Ëlla €5 – Oss".to_string())]
    );
}

#[test]
fn utf16_is_fatal_naming_file_and_accepted_encodings() {
    let tekst = bestand(UREN_KOP, &[uur(&[])]);
    let utf16: Vec<u8> = tekst.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let mut met_bom = vec![0xFF, 0xFE];
    met_bom.extend_from_slice(&utf16);
    for (bytes, gevonden) in [
        (met_bom, "UTF-16 little-endian, herkend aan de byte-order mark"),
        (
            utf16,
            "UTF-16 little-endian zonder byte-order mark, herkend aan de NUL-bytes",
        ),
    ] {
        let m = Map::new();
        m.schrijf_bytes("uren.csv", &bytes);
        let e = m.laad().unwrap_err();
        assert!(matches!(e, IngestFout::Codering { .. }));
        assert_eq!(
            e.to_string(),
            format!("uren.csv: niet-ondersteunde tekencodering ({gevonden}); {CODERING_SLOT}")
        );
    }
    // Big-endian with its byte-order mark.
    let m = Map::new();
    let mut be = vec![0xFE, 0xFF];
    be.extend(tekst.encode_utf16().flat_map(u16::to_be_bytes));
    m.schrijf_bytes("uren.csv", &be);
    assert_eq!(
        m.laad().unwrap_err().to_string(),
        format!(
            "uren.csv: niet-ondersteunde tekencodering (UTF-16 big-endian, herkend aan de byte-order mark); {CODERING_SLOT}"
        )
    );
}

#[test]
fn comma_delimiter_with_point_and_quoted_comma_decimals() {
    let m = Map::new();
    m.schrijf(
        "uren.csv",
        "medewerker_id,werksoort,datum,uren,inzet\nM1,ISW,2024-01-10,7.5,individueel\nM2,SRW,2024-01-11,\"3,25\",collectief\n",
    );
    let ds = m.laad_los();
    assert_eq!(telling(&ds, "uren.csv"), (2, 2, 0));
    assert_eq!(ints(&ds.uren, "uren"), vec![Some(75_000), Some(32_500)]);
    assert_eq!(
        strs(&ds.uren, "werksoort"),
        vec![Some("ISW".into()), Some("SRW".into())]
    );
}

#[test]
fn trailing_delimiter_on_every_line_is_fine() {
    let m = Map::new();
    // Header and rows end with a delimiter (an empty, unnamed last column).
    m.schrijf(
        "uren.csv",
        &format!("{UREN_KOP};\n{};\n{};\n", uur(&[]), uur(&[("medewerker_id", "M2")])),
    );
    let ds = m.laad_los();
    assert_eq!(telling(&ds, "uren.csv"), (2, 2, 0));
    assert!(waarschuwingen(&ds.kwaliteit, "uren.csv").is_empty());
    // Only the rows end with a delimiter.
    let m = Map::new();
    m.schrijf("uren.csv", &format!("{UREN_KOP}\n{};\n", uur(&[])));
    assert_eq!(telling(&m.laad_los(), "uren.csv"), (1, 1, 0));
}

#[test]
fn quoted_fields_with_delimiter_quotes_and_line_breaks() {
    let m = Map::new();
    m.schrijf(
        "activiteiten.csv",
        &bestand(
            ACT_KOP,
            &[
                act(&[("naam", "\"Koffie; thee\"")]),
                act(&[("activiteit_id", "A2"), ("naam", "\"Zeg \"\"hallo\"\"\"")]),
                act(&[("activiteit_id", "A3"), ("naam", "\"Twee\nregels\"")]),
                act(&[("activiteit_id", "A4"), ("werksoort", "XYZ")]),
            ],
        ),
    );
    let ds = m.laad_los();
    assert_eq!(
        strs(&ds.activiteiten, "naam"),
        vec![
            Some("Koffie; thee".to_string()),
            Some("Zeg \"hallo\"".to_string()),
            Some("Twee\nregels".to_string()),
        ]
    );
    // The quoted line break: A3 starts on line 4 and is one record; A4 is on line 6.
    assert_eq!(ints(&ds.activiteiten, "regel"), vec![Some(2), Some(3), Some(4)]);
    assert_eq!(
        afkeuringen(&ds, "activiteiten.csv"),
        vec![af(6, "werksoort", "XYZ", "onbekende werksoort 'XYZ'")]
    );
    assert_eq!(telling(&ds, "activiteiten.csv"), (4, 3, 1));
}

#[test]
fn dutch_decimals_in_money_and_hours() {
    let m = Map::new();
    let bedragen = [
        "1234,56",
        "1.234,56",
        "1234.56",
        "1.234.567",
        "-250",
        "12,30",
        "1.234",
        "12,345",
        "1,2,3",
    ];
    let rijen: Vec<String> = bedragen
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let id = format!("R{i}");
            begr(&[("regel_id", &id), ("bedrag", b)])
        })
        .collect();
    m.schrijf("begroting.csv", &bestand(BEGR_KOP, &rijen));
    m.schrijf(
        "uren.csv",
        &bestand(
            UREN_KOP,
            &[
                uur(&[("uren", "1.234")]),
                uur(&[("uren", "7.5")]),
                uur(&[("uren", "0,25")]),
                uur(&[("uren", "8")]),
            ],
        ),
    );
    let ds = m.laad_los();
    assert_eq!(
        ints(&ds.begroting, "bedrag_cent"),
        vec![
            Some(123_456),
            Some(123_456),
            Some(123_456),
            Some(123_456_700),
            Some(-25_000),
            Some(1_230)
        ]
    );
    assert_eq!(
        afkeuringen(&ds, "begroting.csv"),
        vec![
            // 1.234 is one point two three four: three decimals.
            af(8, "bedrag", "1.234", "meer dan twee decimalen"),
            af(9, "bedrag", "12,345", "meer dan twee decimalen"),
            af(10, "bedrag", "1,2,3", "ongeldig getal '1,2,3'"),
        ]
    );
    // Hours in 1/10000: 1.234 = 1,234 hour.
    assert_eq!(
        ints(&ds.uren, "uren"),
        vec![Some(12_340), Some(75_000), Some(2_500), Some(80_000)]
    );
}

#[test]
fn both_date_formats_and_without_leading_zeros() {
    let m = Map::new();
    let datums_in = [
        "31-03-2024",
        "2024-03-31",
        "1-3-2024",
        "2024-3-1",
        "31-02-2024",
        "2024/03/31",
        "31-03-24",
    ];
    let rijen: Vec<String> = datums_in.iter().map(|x| uur(&[("datum", x)])).collect();
    m.schrijf("uren.csv", &bestand(UREN_KOP, &rijen));
    let ds = m.laad_los();
    assert_eq!(
        datums(&ds.uren, "datum"),
        vec![
            Some(d(2024, 3, 31)),
            Some(d(2024, 3, 31)),
            Some(d(2024, 3, 1)),
            Some(d(2024, 3, 1))
        ]
    );
    assert_eq!(
        afkeuringen(&ds, "uren.csv"),
        vec![
            af(6, "datum", "31-02-2024", "ongeldige datum '31-02-2024'"),
            af(7, "datum", "2024/03/31", "ongeldige datum '2024/03/31'"),
            af(8, "datum", "31-03-24", "ongeldige datum '31-03-24'"),
        ]
    );
}

#[test]
fn booleans() {
    let m = Map::new();
    let waarden = ["ja", "NEE", "true", "False", "1", "0", "", "misschien"];
    let rijen: Vec<String> = waarden
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let id = format!("H{i}");
            hv(&[("hulpvraag_id", &id), ("crisis", w)])
        })
        .collect();
    m.schrijf("hulpvragen.csv", &bestand(HV_KOP, &rijen));
    let ds = m.laad_los();
    assert_eq!(
        bools(&ds.hulpvragen, "crisis"),
        vec![
            Some(true),
            Some(false),
            Some(true),
            Some(false),
            Some(true),
            Some(false),
            None
        ]
    );
    assert_eq!(
        afkeuringen(&ds, "hulpvragen.csv"),
        vec![af(9, "crisis", "misschien", "ongeldige ja/nee-waarde 'misschien'")]
    );
}

#[test]
fn header_names_are_case_insensitive_and_trimmed() {
    let m = Map::new();
    m.schrijf(
        "uren.csv",
        &format!(" Medewerker_ID ;WERKSOORT; Datum;Uren ;inzet\n{}\n", uur(&[])),
    );
    assert_eq!(telling(&m.laad_los(), "uren.csv"), (1, 1, 0));
}

#[test]
fn missing_required_column_is_fatal() {
    let m = Map::new();
    m.schrijf("uren.csv", "medewerker_id;werksoort;datum;uren\nM1;ISW;2024-01-10;8\n");
    let e = m.laad().unwrap_err();
    assert_eq!(
        e.to_string(),
        "uren.csv: verplichte kolom 'inzet' ontbreekt in de kopregel"
    );
    // Also for a column the contract calls required in realisatie.
    let m = Map::new();
    m.schrijf("realisatie.csv", "boekdatum;boekstuk;bedrag\n");
    assert_eq!(
        m.laad().unwrap_err().to_string(),
        "realisatie.csv: verplichte kolom 'regel_id' ontbreekt in de kopregel"
    );
}

#[test]
fn missing_optional_column_is_fine() {
    let m = Map::new();
    m.schrijf(
        "hulpvragen.csv",
        "hulpvraag_id;client_id;werksoort;wijkgebied;categorie;aanmelddatum\nH1;C1;ISW;W01;wonen;2024-01-10\n",
    );
    let ds = m.laad_los();
    assert_eq!(telling(&ds, "hulpvragen.csv"), (1, 1, 0));
    // The frame still has every column, null where the file has none.
    assert_eq!(bools(&ds.hulpvragen, "crisis"), vec![None]);
    assert_eq!(ints(&ds.hulpvragen, "leeftijd"), vec![None]);
}

#[test]
fn extra_columns_are_ignored_with_a_warning_naming_them() {
    let m = Map::new();
    m.schrijf(
        "uren.csv",
        "medewerker_id;opmerking;werksoort;datum;uren;inzet;x\nM1;iets;ISW;2024-01-10;8;overig;y\n",
    );
    let ds = m.laad_los();
    assert_eq!(telling(&ds, "uren.csv"), (1, 1, 0));
    assert_eq!(strs(&ds.uren, "inzet"), vec![Some("overig".to_string())]);
    assert_eq!(
        waarschuwingen(&ds.kwaliteit, "uren.csv"),
        vec![(
            Some(1),
            "extra_kolommen".into(),
            "extra kolommen genegeerd: 'opmerking', 'x'".into()
        )]
    );
    let m = Map::new();
    m.schrijf("uren.csv", "medewerker_id;werksoort;datum;uren;inzet;Opmerking\n");
    let w = waarschuwingen(&m.laad_los().kwaliteit, "uren.csv");
    assert!(w.contains(&(
        Some(1),
        "extra_kolommen".into(),
        "extra kolom genegeerd: 'Opmerking'".into()
    )));
}

#[test]
fn duplicate_known_column_is_fatal() {
    let m = Map::new();
    m.schrijf("uren.csv", "medewerker_id;werksoort;datum;uren;inzet;Uren\n");
    assert_eq!(
        m.laad().unwrap_err().to_string(),
        "uren.csv: kolom 'uren' komt meer dan eens voor in de kopregel"
    );
}

#[test]
fn wrong_field_count_rejects_the_line_and_reading_continues() {
    let m = Map::new();
    m.schrijf(
        "uren.csv",
        &format!(
            "{UREN_KOP}\n{}\nM1;ISW;2024-01-10;8\nM1;ISW;2024-01-10;8;overig;extra\n{}\n",
            uur(&[]),
            uur(&[("medewerker_id", "M5")])
        ),
    );
    let ds = m.laad_los();
    assert_eq!(
        afkeuringen(&ds, "uren.csv"),
        vec![
            af(3, "", "", "verkeerd aantal velden (4 in plaats van 5)"),
            af(4, "", "", "verkeerd aantal velden (6 in plaats van 5)"),
        ]
    );
    assert_eq!(
        strs(&ds.uren, "medewerker_id"),
        vec![Some("M1".into()), Some("M5".into())]
    );
    assert_eq!(ints(&ds.uren, "regel"), vec![Some(2), Some(5)]);
    assert_eq!(telling(&ds, "uren.csv"), (4, 2, 2));
}

#[test]
fn unclosed_quote_rejects_its_line_and_reading_continues() {
    let m = Map::new();
    m.schrijf(
        "uren.csv",
        &format!(
            "{UREN_KOP}\n{}\nM2;ISW;2024-01-10;\"8;overig\n{}\n{}\n",
            uur(&[]),
            uur(&[("medewerker_id", "M3")]),
            uur(&[("medewerker_id", "M4")])
        ),
    );
    let ds = m.laad_los();
    assert_eq!(
        afkeuringen(&ds, "uren.csv"),
        vec![af(3, "", "", "aanhalingsteken wordt niet afgesloten")]
    );
    assert_eq!(
        strs(&ds.uren, "medewerker_id"),
        vec![Some("M1".into()), Some("M3".into()), Some("M4".into())]
    );
    assert_eq!(ints(&ds.uren, "regel"), vec![Some(2), Some(4), Some(5)]);
    assert_eq!(telling(&ds, "uren.csv"), (4, 3, 1));
}

#[test]
fn missing_or_empty_required_file_is_fatal() {
    for naam in [
        "hulpvragen.csv",
        "uren.csv",
        "activiteiten.csv",
        "begroting.csv",
        "realisatie.csv",
    ] {
        let m = Map::new();
        m.verwijder(naam);
        let e = m.laad().unwrap_err();
        assert_eq!(
            e.to_string(),
            format!(
                "verplicht bestand {naam} ontbreekt in de gegevensmap {}",
                m.pad().display()
            )
        );
        let m = Map::new();
        m.schrijf(naam, "");
        assert_eq!(
            m.laad().unwrap_err().to_string(),
            format!("verplicht bestand {naam} is leeg (geen kopregel)")
        );
    }
}

#[test]
fn header_only_file_is_accepted_with_a_warning() {
    let ds = Map::new().laad_los();
    assert_eq!(telling(&ds, "uren.csv"), (0, 0, 0));
    assert_eq!(
        waarschuwingen(&ds.kwaliteit, "uren.csv"),
        vec![(
            None,
            "geen_gegevens".into(),
            "het bestand bevat alleen een kopregel, geen gegevens".into()
        )]
    );
}

#[test]
fn empty_lines_are_not_rows() {
    let m = Map::new();
    m.schrijf(
        "uren.csv",
        &format!(
            "{UREN_KOP}\n{}\n\n;;;;\n{}\n\n\n",
            uur(&[]),
            uur(&[("medewerker_id", "M2")])
        ),
    );
    let ds = m.laad_los();
    assert_eq!(telling(&ds, "uren.csv"), (2, 2, 0));
    assert_eq!(
        waarschuwingen(&ds.kwaliteit, "uren.csv"),
        vec![(
            Some(3),
            "lege_regels".into(),
            "2 lege regels overgeslagen (niet meegeteld): regels 3, 4".into()
        )]
    );
}

#[test]
fn crlf_line_ends() {
    let m = Map::new();
    m.schrijf(
        "uren.csv",
        &format!("{UREN_KOP}\r\n{}\r\n{}\r\n", uur(&[]), uur(&[("uren", "25")])),
    );
    let ds = m.laad_los();
    assert_eq!(
        afkeuringen(&ds, "uren.csv"),
        vec![af(3, "uren", "25", "meer dan 24 uur op één dag")]
    );
}

#[test]
fn codes_match_case_insensitively_after_trimming() {
    let m = Map::new();
    m.schrijf(
        "hulpvragen.csv",
        &bestand(
            HV_KOP,
            &[hv(&[
                ("werksoort", " isw "),
                ("wijkgebied", "w03"),
                ("categorie", "Financien"),
                ("afgesloten", "2024-02-01"),
                ("uitstroom", "ZELFSTANDIG"),
            ])],
        ),
    );
    m.schrijf(
        "begroting.csv",
        &bestand(BEGR_KOP, &[begr(&[("regel_id", " isw-01 "), ("financiering", "wmo")])]),
    );
    m.schrijf("realisatie.csv", &bestand(REAL_KOP, &[real(&[("regel_id", "Isw-01")])]));
    let ds = m.laad_los();
    assert_eq!(strs(&ds.hulpvragen, "werksoort"), vec![Some("ISW".into())]);
    assert_eq!(strs(&ds.hulpvragen, "wijkgebied"), vec![Some("W03".into())]);
    assert_eq!(strs(&ds.hulpvragen, "categorie"), vec![Some("financien".into())]);
    assert_eq!(strs(&ds.hulpvragen, "uitstroom"), vec![Some("zelfstandig".into())]);
    assert_eq!(strs(&ds.begroting, "financiering"), vec![Some("Wmo".into())]);
    assert_eq!(strs(&ds.begroting, "regel_id"), vec![Some("ISW-01".into())]);
    assert_eq!(strs(&ds.realisatie, "regel_id"), vec![Some("ISW-01".into())]);
    assert_eq!(telling(&ds, "realisatie.csv"), (1, 1, 0));
}

#[test]
fn missing_required_value_rejects_the_row() {
    let m = Map::new();
    m.schrijf(
        "uren.csv",
        &bestand(UREN_KOP, &[uur(&[("medewerker_id", " ")]), uur(&[("inzet", "")])]),
    );
    let ds = m.laad_los();
    assert_eq!(
        afkeuringen(&ds, "uren.csv"),
        vec![
            af(2, "medewerker_id", "", "verplichte waarde ontbreekt"),
            af(3, "inzet", "", "verplichte waarde ontbreekt"),
        ]
    );
}

#[test]
fn formatie_is_optional() {
    // Absent: an empty frame with the contract's columns, no account entry.
    let ds = Map::new().laad_los();
    assert_eq!(ds.formatie.height(), 0);
    let namen: Vec<String> = ds.formatie.get_column_names().iter().map(|s| s.to_string()).collect();
    assert_eq!(namen, ["regel", "peildatum", "regel_id", "fte_e4"]);
    assert!(ds.kwaliteit.bestanden.iter().all(|b| b.pad != "formatie.csv"));
    assert!(ds.invoer.iter().all(|i| i.pad != "formatie.csv"));

    // Empty: treated as absent, with a warning.
    let m = Map::new();
    m.schrijf("formatie.csv", "");
    let ds = m.laad_los();
    assert_eq!(ds.formatie.height(), 0);
    assert_eq!(
        waarschuwingen(&ds.kwaliteit, "formatie.csv"),
        vec![(
            None,
            "leeg_bestand".into(),
            "het bestand is leeg en is behandeld als niet aangeleverd".into()
        )]
    );

    // Present: read and checked (fte ≥ 0).
    let m = Map::new();
    m.schrijf(
        "formatie.csv",
        &format!("{FORM_KOP}\n30-06-2024;isw-01;2,5\n30-06-2024;ISW-02;-1\n"),
    );
    let ds = m.laad_los();
    assert_eq!(ints(&ds.formatie, "fte_e4"), vec![Some(25_000)]);
    assert_eq!(strs(&ds.formatie, "regel_id"), vec![Some("ISW-01".into())]);
    assert_eq!(datums(&ds.formatie, "peildatum"), vec![Some(d(2024, 6, 30))]);
    assert_eq!(
        afkeuringen(&ds, "formatie.csv"),
        vec![af(3, "fte", "-1", "fte is negatief")]
    );
}
