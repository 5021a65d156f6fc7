//! Golden files per deliverable: on a small fixture (`tests/fixtures/golden/`, with the bundled
//! `data/afspraken/`), the JSON model and the text of the PDF of each of the five deliverables
//! are compared with `tests/golden/<rapport>.json` and `tests/golden/<rapport>.pdf.txt`, so any
//! change to a figure or a sentence shows up in review. After an intended change:
//!
//! ```sh
//! GOLDEN_UPDATE=1 cargo test --test golden
//! git diff tests/golden/
//! ```
//!
//! The second test holds the model to its promise of being the whole contract: every number the
//! PDF's text shows is found among the values of the JSON (as the number itself, rounded to the
//! decimals shown, or as a percentage of a fraction), or in a text of the JSON. Exempt are the
//! page and section numbers (integers up to the page count) and the tick labels of chart axes,
//! which are layout, not figures: a line holding nothing but one number (with `%`, `€`, `mln`)
//! that is round (at most two significant digits: `150`, `€ 1,5 mln`) or part of an evenly
//! spaced column of three or more such lines (`110%`, `108%`, `106%`).

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::str::FromStr;
use std::sync::OnceLock;

use rust_decimal::{Decimal, RoundingStrategy};
use serde_json::Value;

/// The deliverables: (period folder, run arguments, file stem).
const RAPPORTEN: [(&str, &str, &str); 5] = [
    ("2024-03", "maand", "maandrapportage"),
    ("2024-Q2", "kwartaal", "kwartaalrapportage"),
    ("2024-H1", "financieel", "halfjaar-financieel"),
    ("2024-H1", "inhoud", "halfjaar-inhoudelijk"),
    ("2024", "raad", "raadsinformatie"),
];

/// Runs every deliverable once on the fixture; returns the output folder.
fn uitvoer() -> &'static Path {
    static UIT: OnceLock<PathBuf> = OnceLock::new();
    UIT.get_or_init(|| {
        let tmp = std::env::temp_dir().join(format!("domeinrapport-golden-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&tmp);
        let data = common::golden_fixture(&tmp);
        let out = tmp.join("out");
        for (periode, rapport, _) in RAPPORTEN {
            let o = common::run(&[
                "run",
                "--data",
                data.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
                "--period",
                periode,
                "--report",
                rapport,
                // The demo generator plants a fixed handful of bad rows; at this scale they are
                // more than the default 5% of activiteiten.csv.
                "--max-afgekeurd-pct",
                "20",
            ]);
            assert!(o.status.success(), "{}", common::alles(&o));
        }
        out
    })
}

fn pdftekst(pdf: &Path) -> String {
    let o = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is nodig voor deze test");
    assert!(o.status.success(), "pdftotext {}", pdf.display());
    String::from_utf8(o.stdout).unwrap()
}

fn paginas(pdf: &Path) -> usize {
    let o = Command::new("pdfinfo").arg(pdf).output().expect("pdfinfo");
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap()
}

/// Compares `actueel` with the golden file, or rewrites it under `GOLDEN_UPDATE=1`.
fn vergelijk(naam: &str, actueel: &str, fouten: &mut Vec<String>) {
    let pad = common::root().join("tests/golden").join(naam);
    if std::env::var_os("GOLDEN_UPDATE").is_some() {
        std::fs::write(&pad, actueel).unwrap();
        return;
    }
    let verwacht = std::fs::read_to_string(&pad).unwrap_or_default();
    if verwacht != actueel {
        let regel = verwacht
            .lines()
            .zip(actueel.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| verwacht.lines().count().min(actueel.lines().count()));
        fouten.push(format!(
            "{naam} wijkt af vanaf regel {}:\n  verwacht: {:?}\n  nu:       {:?}",
            regel + 1,
            verwacht.lines().nth(regel).unwrap_or("<einde>"),
            actueel.lines().nth(regel).unwrap_or("<einde>")
        ));
    }
}

#[test]
fn golden_json_and_pdf_text_per_deliverable() {
    let out = uitvoer();
    let mut fouten = Vec::new();
    for (periode, _, stam) in RAPPORTEN {
        let map = out.join(periode);
        let json = std::fs::read_to_string(map.join(format!("{stam}.json"))).unwrap();
        vergelijk(&format!("{stam}.json"), &json, &mut fouten);
        let tekst = pdftekst(&map.join(format!("{stam}.pdf")));
        vergelijk(&format!("{stam}.pdf.txt"), &tekst, &mut fouten);
    }
    assert!(
        fouten.is_empty(),
        "{}\n\nBedoeld? Werk de golden files bij met GOLDEN_UPDATE=1 cargo test --test golden en bekijk git diff tests/golden/.",
        fouten.join("\n")
    );
}

/// The numbers in a text: Dutch notation (`1.234.567,89`, `90,6`), signs and units dropped.
fn getallen(tekst: &str) -> Vec<Decimal> {
    let tekens: Vec<char> = tekst.chars().collect();
    let mut uit = Vec::new();
    let mut i = 0;
    while i < tekens.len() {
        if !tekens[i].is_ascii_digit() || (i > 0 && (tekens[i - 1].is_ascii_alphanumeric() || tekens[i - 1] == '_')) {
            i += 1;
            continue;
        }
        let start = i;
        while i < tekens.len() && tekens[i].is_ascii_digit() {
            i += 1;
        }
        let mut geheel: String = tekens[start..i].iter().collect();
        // Thousands groups: a point followed by exactly three digits.
        if geheel.len() <= 3 {
            while i + 3 < tekens.len() + 1
                && tekens.get(i) == Some(&'.')
                && tekens[i + 1..].iter().take(3).filter(|c| c.is_ascii_digit()).count() == 3
                && !tekens.get(i + 4).is_some_and(|c| c.is_ascii_digit())
            {
                geheel.extend(&tekens[i + 1..i + 4]);
                i += 4;
            }
        }
        let mut breuk = String::new();
        if tekens.get(i) == Some(&',') && tekens.get(i + 1).is_some_and(|c| c.is_ascii_digit()) {
            i += 1;
            while i < tekens.len() && tekens[i].is_ascii_digit() {
                breuk.push(tekens[i]);
                i += 1;
            }
        }
        let s = if breuk.is_empty() {
            geheel
        } else {
            format!("{geheel}.{breuk}")
        };
        if let Ok(d) = Decimal::from_str(&s) {
            uit.push(d);
        }
    }
    uit
}

/// Every value of the JSON, as the documents may show it: each number rounded to 0–2 decimals
/// and as a percentage of a fraction, and every number inside a text.
fn waarden(v: &Value, uit: &mut BTreeSet<String>) {
    match v {
        Value::Number(n) => {
            let d = Decimal::from_str(&n.to_string())
                .or_else(|_| Decimal::from_scientific(&n.to_string()))
                .unwrap_or_default()
                .abs();
            for x in [d, d * Decimal::ONE_HUNDRED] {
                for dp in 0..=4 {
                    uit.insert(sleutel(
                        x.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero),
                        dp,
                    ));
                }
            }
        }
        Value::String(s) => {
            for d in getallen(s) {
                uit.insert(sleutel(d, d.scale()));
            }
        }
        Value::Array(a) => a.iter().for_each(|x| waarden(x, uit)),
        Value::Object(o) => {
            for (k, x) in o {
                for d in getallen(k) {
                    uit.insert(sleutel(d, d.scale()));
                }
                waarden(x, uit);
            }
        }
        _ => {}
    }
}

/// A number with exactly `dp` decimals: `90.60` for (90.6, 2).
fn sleutel(d: Decimal, dp: u32) -> String {
    let mut d = d;
    d.rescale(dp);
    d.to_string()
}

/// The value of a line that holds one number and at most a unit, as a chart axis label does.
fn as_label(regel: &str) -> Option<Decimal> {
    let kaal = regel
        .trim()
        .trim_start_matches(['-', '€', ' '])
        .trim_end_matches(" mln")
        .trim_end_matches('%')
        .trim();
    let g = getallen(kaal);
    (g.len() == 1 && kaal.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',')).then(|| g[0])
}

/// Whether a number is round: at most two significant digits (`150`, `1,5`, `300.000`).
fn rond(d: Decimal) -> bool {
    let cijfers = d.normalize().abs().to_string().replace('.', "");
    cijfers.trim_start_matches('0').trim_end_matches('0').len() <= 2
}

/// The numbers of the text minus the chart axis labels (see the module documentation).
fn getoonde_getallen(tekst: &str) -> Vec<Decimal> {
    let regels: Vec<&str> = tekst.lines().filter(|r| !r.trim().is_empty()).collect();
    let labels: Vec<Option<Decimal>> = regels.iter().map(|r| as_label(r)).collect();
    let mut as_label_regel = vec![false; regels.len()];
    for (i, l) in labels.iter().enumerate() {
        if l.is_some_and(rond) {
            as_label_regel[i] = true;
        }
    }
    // Evenly spaced runs of three or more labels.
    for i in 0..regels.len().saturating_sub(2) {
        if let (Some(a), Some(b), Some(c)) = (labels[i], labels[i + 1], labels[i + 2])
            && a != b
            && b - a == c - b
        {
            as_label_regel[i..i + 3].iter_mut().for_each(|x| *x = true);
        }
    }
    regels
        .iter()
        .zip(as_label_regel)
        .filter(|(_, is_as)| !is_as)
        .flat_map(|(r, _)| getallen(r))
        .collect()
}

#[test]
fn every_number_in_the_pdf_is_a_value_of_the_json() {
    let out = uitvoer();
    let mut fouten = Vec::new();
    for (periode, _, stam) in RAPPORTEN {
        let map = out.join(periode);
        let json: Value =
            serde_json::from_str(&std::fs::read_to_string(map.join(format!("{stam}.json"))).unwrap()).unwrap();
        let mut bekend = BTreeSet::new();
        waarden(&json, &mut bekend);
        let pdf = map.join(format!("{stam}.pdf"));
        let n_paginas = Decimal::from(paginas(&pdf));
        let mut missend = BTreeSet::new();
        for d in getoonde_getallen(&pdftekst(&pdf)) {
            let paginanummer = d.scale() == 0 && d <= n_paginas;
            if !paginanummer && !bekend.contains(&sleutel(d, d.scale())) {
                missend.insert(sleutel(d, d.scale()));
            }
        }
        if !missend.is_empty() {
            fouten.push(format!(
                "{stam}.pdf toont getallen die niet in {stam}.json staan: {}",
                missend.into_iter().collect::<Vec<_>>().join(", ")
            ));
        }
    }
    assert!(fouten.is_empty(), "{}", fouten.join("\n"));
}

/// An indicator id such as `JGD.toeleiding_8w`: a werksoort code, a point, a lower-case name.
fn is_indicator_id(woord: &str) -> bool {
    let w = woord.trim_matches(|c: char| "().,;:'\"".contains(c));
    let Some((ws, naam)) = w.split_once('.') else {
        return false;
    };
    ["SRW", "ISW", "CSW", "JGD", "JW", "SW"].contains(&ws)
        && naam.starts_with(|c: char| c.is_ascii_lowercase())
        && naam
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// Reader-facing prose names things, not ids or file names: in the PDF text of each deliverable
/// no "maa " (March is "mrt"), no indicator id inside a sentence (a line holding only an id is
/// the appendix's id column), and no `.csv` inside a sentence (a line that starts with the file
/// name is a data-quality table cell or a warning about that file).
///
/// Known and left open: the fixture's own toelichting text that cites an id (the aanbieder's
/// words, shown as written).
#[test]
fn pdf_prose_has_no_ids_file_names_or_maa() {
    let out = uitvoer();
    let bekend_open = ["(zie de analyse bij"];
    let mut fouten = Vec::new();
    for (periode, _, stam) in RAPPORTEN {
        let tekst = pdftekst(&out.join(periode).join(format!("{stam}.pdf")));
        for regel in tekst.lines() {
            let r = regel.trim().trim_start_matches("• ");
            if bekend_open.iter().any(|b| r.contains(b)) {
                continue;
            }
            if r.contains("maa ") {
                fouten.push(format!("{stam}: 'maa ' in '{r}'"));
            }
            // A euro sign stays with its amount, also in the college's and provider's own texts.
            if r.ends_with('€') {
                fouten.push(format!("{stam}: '€' los van het bedrag aan het eind van '{r}'"));
            }
            let woorden: Vec<&str> = r.split_whitespace().collect();
            if woorden.len() > 1 && woorden.iter().any(|w| is_indicator_id(w)) {
                fouten.push(format!("{stam}: indicator-id in '{r}'"));
            }
            let begint_met_bestand = woorden
                .first()
                .is_some_and(|w| w.trim_end_matches(',').ends_with(".csv"));
            if r.contains(".csv") && !begint_met_bestand {
                fouten.push(format!("{stam}: bestandsnaam in '{r}'"));
            }
        }
    }
    assert!(fouten.is_empty(), "{}", fouten.join("\n"));
    assert!(is_indicator_id("(JGD.toeleiding_8w)") && !is_indicator_id("INK24-00134") && !is_indicator_id("2.711"));
}

/// The metadata of a PDF that its running header and footer repeat: the title, the period
/// label (the last keyword) and the footer `<gemeente> · <aanbieder>` (author, first keyword).
fn kop_en_voet(pdf: &Path) -> Vec<String> {
    let o = Command::new("pdfinfo").arg(pdf).output().expect("pdfinfo");
    let info = String::from_utf8_lossy(&o.stdout).to_string();
    let veld = |naam: &str| {
        info.lines()
            .find_map(|l| l.strip_prefix(naam))
            .map(|v| v.trim().to_string())
            .unwrap_or_default()
    };
    let trefwoorden: Vec<String> = veld("Keywords:").split(", ").map(str::to_string).collect();
    let aanbieder = trefwoorden.get(1).cloned().unwrap_or_default();
    vec![
        veld("Title:"),
        trefwoorden.last().cloned().unwrap_or_default(),
        format!("{} · {aanbieder}", veld("Author:")),
    ]
}

/// The pages (1-based) whose own text, without the running header and footer (`kop_en_voet`,
/// "Pagina n van m", the VOORLOPIG/CONCEPT mark), has fewer than `minimum` non-space
/// characters, with that count. `tekst` is pdftotext's output: pages end in a form feed.
fn magere_paginas(tekst: &str, kop_en_voet: &[String], minimum: usize) -> Vec<(usize, usize)> {
    let paginanummer = |r: &str| {
        r.strip_prefix("Pagina ")
            .and_then(|r| r.split_once(" van "))
            .is_some_and(|(a, b)| a.parse::<u32>().is_ok() && b.parse::<u32>().is_ok())
    };
    let mut paginas: Vec<&str> = tekst.split('\u{c}').collect();
    if paginas.last().is_some_and(|p| p.trim().is_empty()) {
        paginas.pop();
    }
    paginas
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let eigen: usize = p
                .lines()
                .map(str::trim)
                .filter(|r| !kop_en_voet.iter().any(|k| k == r) && !paginanummer(r))
                .filter(|r| !["VOORLOPIG", "CONCEPT"].contains(r))
                .map(|r| r.chars().filter(|c| !c.is_whitespace()).count())
                .sum();
            (eigen < minimum).then_some((i + 1, eigen))
        })
        .collect()
}

/// No page of a deliverable is (nearly) empty: every page carries at least 80 characters of
/// its own text besides the running header and footer, so no heading, caption or single
/// bullet sits alone on a page.
#[test]
fn every_page_has_at_least_80_characters_of_its_own() {
    // The check itself catches a page with only the header, footer and one short bullet.
    let kv = [
        "Kwartaalrapportage".to_string(),
        "2024".into(),
        "Gemeente Oss · ONS welzijn".into(),
    ];
    let proef = "Kwartaalrapportage\n\n2024\nEen hele pagina tekst die ruim lang genoeg is om de drempel \
                 van tachtig tekens te halen, met nog wat meer woorden.\nGemeente Oss · ONS welzijn\n\nPagina 1 van 2\n\u{c}\
                 Kwartaalrapportage\n\n2024\n• Besluit jeugdhulp binnen 8 weken\nGemeente Oss · ONS welzijn\n\nPagina 2 van 2\n\u{c}";
    assert_eq!(magere_paginas(proef, &kv, 80), [(2, 29)]);

    let out = uitvoer();
    let mut fouten = Vec::new();
    for (periode, _, stam) in RAPPORTEN {
        let pdf = out.join(periode).join(format!("{stam}.pdf"));
        let tekst = pdftekst(&pdf);
        assert_eq!(
            tekst.matches('\u{c}').count(),
            paginas(&pdf),
            "{stam}: één form feed per pagina"
        );
        for (pagina, n) in magere_paginas(&tekst, &kop_en_voet(&pdf), 80) {
            fouten.push(format!("{stam}.pdf pagina {pagina}: {n} tekens eigen tekst"));
        }
    }
    assert!(fouten.is_empty(), "{}", fouten.join("\n"));
}
