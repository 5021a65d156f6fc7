//! Regression tests for the fuzz targets in `fuzz/` (see `fuzz/README.md`): the targets' checks,
//! extended to the layers they stop short of (the schema reader `lees_tabel`, the per-werksoort
//! split of the Markdown files, the HTML renderer), on inputs worth keeping: edge cases picked by
//! hand and inputs from the fuzzing runs. Runs on stable, without libFuzzer.

use domeinrapport::afspraken::Afspraken;
use domeinrapport::ingest::afgekeurde_rijen_csv;
use domeinrapport::ingest::bsn::bevat_bsn_token;
use domeinrapport::ingest::laden::{
    ACTIVITEITEN_SCHEMA, BEGROTING_SCHEMA, FORMATIE_SCHEMA, HULPVRAGEN_SCHEMA, REALISATIE_SCHEMA, UREN_SCHEMA,
};
use domeinrapport::ingest::schema::{Codes, Kolom, lees_tabel};
use domeinrapport::ingest::toelichting::{ANALYSES_SCHEMA, DOELEN_SCHEMA, RISICOS_SCHEMA, splits_markdown};
use domeinrapport::render::document::{Document, Sectie, Stijl};
use domeinrapport::render::html::render_html;
use domeinrapport::render::markdown::naar_blokken;

const SCHEMAS: [&[Kolom]; 9] = [
    HULPVRAGEN_SCHEMA,
    UREN_SCHEMA,
    ACTIVITEITEN_SCHEMA,
    BEGROTING_SCHEMA,
    REALISATIE_SCHEMA,
    FORMATIE_SCHEMA,
    DOELEN_SCHEMA,
    ANALYSES_SCHEMA,
    RISICOS_SCHEMA,
];

fn codes() -> Codes {
    let a = Afspraken::from_toml_str(include_str!("../data/afspraken/2024.toml"), "2024.toml").unwrap();
    Codes::uit_jaren([&a])
}

/// The checks of `fuzz_targets/csv_ingest.rs`, through the schema reader: the first byte picks
/// the schema. Returns whether the file was read at all.
fn csv_ingest(codes: &Codes, data: &[u8]) -> bool {
    let Some((&keuze, bytes)) = data.split_first() else {
        return false;
    };
    let schema = SCHEMAS[keuze as usize % SCHEMAS.len()];
    let Ok(tabel) = lees_tabel("fuzz.csv", bytes, schema, codes, |_| {}) else {
        return false;
    };
    let k = tabel.kwaliteit();
    for b in &k.bestanden {
        assert_eq!(b.gelezen, b.geaccepteerd + b.afgekeurd);
    }
    let frame = tabel.dataframe(codes, true);
    assert_eq!(frame.height(), k.bestanden[0].geaccepteerd);
    let tekst = String::from_utf8(afgekeurde_rijen_csv(&k)).unwrap();
    assert!(!bevat_bsn_token(&tekst), "{tekst}");
    for w in &k.waarschuwingen {
        assert!(!bevat_bsn_token(&w.melding));
    }
    true
}

/// The checks of `fuzz_targets/markdown_toelichting.rs`, through the split and the HTML.
fn markdown(data: &[u8]) {
    let tekst = String::from_utf8_lossy(data);
    let mut w = Vec::new();
    let md = splits_markdown("t.md", &tekst, &["SRW", "ISW", "CSW", "JGD", "JW"], &mut w);
    for deel in md.per_werksoort.values().chain([&md.algemeen]) {
        assert!(!bevat_bsn_token(deel));
        naar_blokken(deel);
    }
    let doc = Document {
        soort: "raadsinformatie".into(),
        titel: "Fuzz".into(),
        ondertitel: None,
        gemeente: "Oss".into(),
        aanbieder: "ONS welzijn".into(),
        periode_label: "2024".into(),
        peildatum_label: "31-12-2024".into(),
        datum: chrono::NaiveDate::from_ymd_opt(2024, 12, 31).unwrap(),
        stijl: Stijl::Brief,
        kenmerken: Vec::new(),
        samenvatting: None,
        markering: None,
        secties: vec![Sectie::new("Kernboodschap", naar_blokken(&tekst))],
        bijlagen: Vec::new(),
    };
    let html = render_html(&doc);
    for (i, _) in html.match_indices("href=\"") {
        // The scheme is case-insensitive (`hTtps://` is https): a fuzzing find.
        let doel = html[i + 6..].to_ascii_lowercase();
        assert!(
            ["#", "http://", "https://", "mailto:"]
                .iter()
                .any(|p| doel.starts_with(p)),
            "{}",
            &doel[..doel.len().min(60)]
        );
    }
}

#[test]
fn csv_edge_cases() {
    let codes = codes();
    let lang = format!(
        "\x01medewerker_id;werksoort;datum;uren;inzet\nM1;ISW;2024-01-02;{};individueel\n",
        "1".repeat(40)
    );
    let gevallen: Vec<Vec<u8>> = vec![
        // Header only, with BOM; an unclosed quote at the end of the file; lone CRs.
        b"\x00\xEF\xBB\xBFhulpvraag_id;client_id".to_vec(),
        b"\x06doel_id;status;toelichting\nISW-D1;behaald;\"open".to_vec(),
        b"\x07sleutel;analyse\rA;b\rC;\"d\"\"e\"\r".to_vec(),
        // A stray byte in a UTF-8 file, a BSN cut by the 200-character limit of a value.
        b"\x04boekdatum;boekstuk;regel_id;bedrag;omschrijving\n02-01-2024;B;X;1;co\xC3\xB6rdinatie \xE9\n".to_vec(),
        format!(
            "\x04boekdatum;boekstuk;regel_id;bedrag;omschrijving\n02-01-2024;B;X;{}1112223330;x\n",
            "9".repeat(195)
        )
        .into_bytes(),
        // A number far too large for its column; a 40.000-character text.
        lang.into_bytes(),
        format!(
            "\x02activiteit_id;naam;werksoort;wijkgebied;soort;door_inwoners;start\nA;{};ISW;W01;groep;ja;2024-01-01\n",
            "x".repeat(40_000)
        )
        .into_bytes(),
        // A BSN inside a free text and inside a rejected code.
        b"\x02activiteit_id;naam;werksoort;wijkgebied;soort;door_inwoners;start\nA;Koffie 111222333;111222333;W01;groep;ja;2024-01-01\n".to_vec(),
        // Only delimiters and quotes.
        b"\x01;;;\n\"\"\"\";\n".to_vec(),
    ];
    // Every case but the first (no required column) and the last (no header names) is read.
    let gelezen: Vec<bool> = gevallen.iter().map(|g| csv_ingest(&codes, g)).collect();
    assert_eq!(gelezen, [false, true, true, true, true, true, true, true, false]);
}

#[test]
fn markdown_edge_cases() {
    for md in [
        "",
        "## ISW\n[x](javascript:alert(1))\n## isw\n`111222333`\n",
        "- a\n  - b\n    - c\n      1. d\n\n> - e\n>   > f 123456782\n",
        "| a | b |\n|---|---|\n| [l](data:x) | <https://oss.nl> |\n",
        "[a]: <javascript:x>\n[b][a] ![alt](javascript:y) <mailto:x@y.nl> <x@y.nl>\n",
        "```\n## JGD\n```\n~~~\nfence 111222333\n",
        "\r\n## SRW\r\n\u{0}\u{FEFF}\u{202E}tekst\r\n",
        "[lang](https://oss.nl/\n\n[](https://oss.nl) [x](<>)",
    ] {
        markdown(md.as_bytes());
    }
    markdown(&[0xFF, 0xFE, b'#', b' ', 0xC3]);
}

/// The fixtures kept from the fuzzing corpora (`tests/fixtures/fuzz/`): each CSV input through
/// the schema reader (its first byte picks the schema), each Markdown input through the split
/// and the HTML.
#[test]
fn kept_corpus_inputs() {
    let codes = codes();
    let map = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    let mut n = 0;
    for (sub, csv) in [("csv", true), ("md", false)] {
        let mut paden: Vec<_> = std::fs::read_dir(map.join(sub))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        paden.sort();
        for p in paden {
            let bytes = std::fs::read(&p).unwrap();
            if csv {
                csv_ingest(&codes, &bytes);
            } else {
                markdown(&bytes);
            }
            n += 1;
        }
    }
    assert!(n >= 10, "{n} kept inputs");
}

/// Every input of a whole corpus, given by `DOMEINRAPPORT_FUZZ_CORPUS=<dir>` and
/// `DOMEINRAPPORT_FUZZ_SOORT=csv|md`: a manual check of a fuzzing run's corpus against the
/// stronger checks above (`cargo test --test fuzz_funden -- --ignored`).
#[test]
#[ignore = "needs a corpus directory in DOMEINRAPPORT_FUZZ_CORPUS"]
fn whole_corpus() {
    let map = std::env::var("DOMEINRAPPORT_FUZZ_CORPUS").expect("DOMEINRAPPORT_FUZZ_CORPUS");
    let csv = std::env::var("DOMEINRAPPORT_FUZZ_SOORT").is_ok_and(|s| s == "csv");
    let codes = codes();
    let mut n = 0;
    for e in std::fs::read_dir(map).unwrap() {
        let bytes = std::fs::read(e.unwrap().path()).unwrap();
        if csv {
            csv_ingest(&codes, &bytes);
        } else {
            markdown(&bytes);
        }
        n += 1;
    }
    eprintln!("{n} inputs checked");
    assert!(n > 0);
}
