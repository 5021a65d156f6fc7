//! The maandrapportage wachtlijsten on the bundled demo data: `run --period 2024-05` writes its
//! files with the figures of the kwartaal's month table; the scheduled run writes the previous
//! month every month and catches up what became due since its last run.

mod common;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use common::{Omgeving, omgeving};
use serde_json::Value;

fn draai(o: &Omgeving, opdracht: &[&str]) -> String {
    String::from_utf8(o.draai_goed(opdracht).stdout).unwrap()
}

/// The report files (`<map>/<rapport>.<ext>`, manifests and rejects left out) the run says it
/// wrote, as `<map>/<stem>`, without duplicates.
fn rapporten(stdout: &str, out: &Path) -> BTreeSet<String> {
    stdout
        .lines()
        .filter_map(|l| l.strip_prefix("geschreven: "))
        .map(|p| {
            Path::new(p)
                .strip_prefix(out)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .filter(|p| !p.ends_with("manifest.json") && !p.ends_with("afgekeurde-rijen.csv"))
        .filter_map(|p| p.rsplit_once('.').map(|(stem, _)| stem.to_string()))
        .collect()
}

fn json(pad: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(pad).unwrap()).unwrap()
}

#[test]
fn maand_2024_05_heeft_de_cijfers_van_de_maandtabel_van_het_kwartaal() {
    let o = omgeving();
    let stdout = draai(&o, &["run", "--period", "2024-05"]);
    let map = o.out.join("2024-05");
    for f in [
        "maandrapportage.xlsx",
        "maandrapportage.pdf",
        "maandrapportage.json",
        "manifest.json",
        "afgekeurde-rijen.csv",
    ] {
        assert!(map.join(f).is_file(), "{f} ontbreekt:\n{stdout}");
    }
    // The body (after the cover and the contents page) is at most two A4 pages.
    let tekst = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(map.join("maandrapportage.pdf"))
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    let paginas = String::from_utf8_lossy(&tekst.stdout).matches('\u{c}').count();
    assert!((3..=4).contains(&paginas), "{paginas} pagina's");
    draai(&o, &["run", "--period", "2024-Q2"]);
    let maand = json(&map.join("maandrapportage.json"));
    let kwartaal = json(&o.out.join("2024-Q2/kwartaalrapportage.json"));
    let mei = kwartaal["maanden"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["maand"] == "2024-05")
        .expect("mei in de maandtabel");
    let mut vergeleken = 0;
    for k in mei["indicatoren"].as_array().unwrap() {
        let Some(m) = maand["indicatoren"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["id"] == k["id"])
        else {
            continue;
        };
        for veld in ["teller", "noemer", "waarde", "status", "eenheid"] {
            assert_eq!(m[veld], k[veld], "{} {veld}", k["id"]);
        }
        vergeleken += 1;
    }
    // JGD aanmeldingen, wachtlijst, in_behandeling_2w, toeleiding_8w and both overschrijdingen
    // with their three weeks figures.
    assert!(vergeleken >= 12, "maar {vergeleken} indicatoren vergeleken");

    // The JSON's shape (deliverables.md §0).
    assert_eq!(maand["periode"]["code"], "2024-05");
    let maanden = maand["maanden"].as_array().unwrap();
    assert_eq!(maanden.len(), 13);
    assert_eq!(maanden[0]["maand"], "2023-05");
    assert_eq!(maanden[12]["maand"], "2024-05");
    let isw = |m: &Value| {
        m["indicatoren"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == "ISW.wachtlijst")
            .unwrap()["waarde"]
            .clone()
    };
    let nu = maand["indicatoren"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "ISW.wachtlijst")
        .unwrap()["waarde"]
        .clone();
    assert_eq!(isw(&maanden[12]), nu);
    assert!(maand["datakwaliteit"]["bestanden"].is_array());
    // 2024-05 has an analysis for every wachtlijst above zero and every norm not met.
    let analyses = maand["analyses"].as_array().unwrap();
    assert!(!analyses.is_empty());
    assert!(analyses.iter().all(|a| a["ontbreekt"] == false), "{analyses:?}");
    assert!(!stdout.contains("analyse ontbreekt"), "{stdout}");

    // June's toelichting covers only part: the rest is "analyse ontbreekt", also in the summary.
    let stdout = draai(&o, &["run", "--period", "2024-06"]);
    let juni = json(&o.out.join("2024-06/maandrapportage.json"));
    let analyses = juni["analyses"].as_array().unwrap();
    assert!(analyses.iter().any(|a| a["ontbreekt"] == false));
    let ontbreekt: Vec<&str> = analyses
        .iter()
        .filter(|a| a["ontbreekt"] == true)
        .map(|a| a["naam"].as_str().unwrap())
        .collect();
    assert!(!ontbreekt.is_empty());
    // The summary names them for a reader ("werksoort – indicator"), one per missing analysis.
    let regel = stdout
        .lines()
        .find_map(|l| l.trim().strip_prefix("analyse ontbreekt: "))
        .unwrap_or_else(|| panic!("{stdout}"));
    let delen: Vec<&str> = regel.split("; ").collect();
    assert_eq!(delen.len(), ontbreekt.len(), "{stdout}");
    for (deel, naam) in delen.iter().zip(&ontbreekt) {
        assert!(deel.ends_with(naam), "{deel} / {naam}");
    }
    // A month without a toelichting folder: every required analysis is missing. And the series'
    // April is the April report's own figure.
    draai(&o, &["run", "--period", "2024-04"]);
    let april = json(&o.out.join("2024-04/maandrapportage.json"));
    let analyses = april["analyses"].as_array().unwrap();
    assert!(!analyses.is_empty() && analyses.iter().all(|a| a["ontbreekt"] == true));
    assert_eq!(
        isw(&maanden[11]),
        april["indicatoren"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == "ISW.wachtlijst")
            .unwrap()["waarde"]
    );
}

#[test]
fn scheduled_in_juni_en_juli() {
    let o = omgeving();
    let juni = draai(&o, &["scheduled", "--today", "2024-06-03"]);
    assert_eq!(
        rapporten(&juni, &o.out),
        ["2024-05/maandrapportage", "2024-Q1/kwartaalrapportage"]
            .map(String::from)
            .into(),
        "{juni}"
    );
    assert_eq!(json(&o.out.join("geplande-run.json"))["datum"], "2024-06-03");

    let juli = draai(&o, &["scheduled", "--today", "2024-07-05"]);
    assert_eq!(
        rapporten(&juli, &o.out),
        [
            "2024-06/maandrapportage",
            "2024-Q2/kwartaalrapportage",
            "2024-H1/halfjaar-financieel",
            "2024-H1/halfjaar-inhoudelijk",
            "2023/raadsinformatie",
        ]
        .map(String::from)
        .into(),
        "{juli}"
    );
    assert_eq!(json(&o.out.join("geplande-run.json"))["datum"], "2024-07-05");
    // A second run on the same day writes nothing and says why.
    let nog_eens = draai(&o, &["scheduled", "--today", "2024-07-05"]);
    assert!(rapporten(&nog_eens, &o.out).is_empty(), "{nog_eens}");
    assert!(
        nog_eens.contains("overgeslagen: maandrapportage 2024-06 – de invoerbestanden zijn ongewijzigd"),
        "{nog_eens}"
    );
}

#[test]
fn scheduled_haalt_gemiste_perioden_in() {
    let o = omgeving();
    let april = draai(&o, &["scheduled", "--today", "2024-04-05"]);
    assert_eq!(
        rapporten(&april, &o.out),
        ["2024-03/maandrapportage", "2024-Q1/kwartaalrapportage"]
            .map(String::from)
            .into(),
        "{april}"
    );
    let oktober = draai(&o, &["scheduled", "--today", "2024-10-05"]);
    let verwacht: BTreeSet<String> = [
        "2024-04/maandrapportage",
        "2024-05/maandrapportage",
        "2024-06/maandrapportage",
        "2024-07/maandrapportage",
        "2024-08/maandrapportage",
        "2024-09/maandrapportage",
        "2024-Q2/kwartaalrapportage",
        "2024-Q3/kwartaalrapportage",
        "2024-H1/halfjaar-financieel",
        "2024-H1/halfjaar-inhoudelijk",
        "2023/raadsinformatie",
    ]
    .map(String::from)
    .into();
    assert_eq!(rapporten(&oktober, &o.out), verwacht, "{oktober}");
    // In the order the periods ended: the months of the second quarter, the quarter and its
    // half year and the raad letter (due 1 July), then July to September and the third quarter.
    let volgorde: Vec<&str> = oktober
        .lines()
        .filter_map(|l| l.strip_prefix("geschreven: "))
        .filter(|l| l.ends_with(".json") && !l.ends_with("manifest.json"))
        .map(|l| Path::new(l).parent().unwrap().file_name().unwrap().to_str().unwrap())
        .collect::<Vec<_>>()
        .into_iter()
        .fold(Vec::new(), |mut v, m| {
            if v.last() != Some(&m) {
                v.push(m);
            }
            v
        });
    assert_eq!(
        volgorde,
        [
            "2024-04", "2024-05", "2024-06", "2024-Q2", "2024-H1", "2023", "2024-07", "2024-08", "2024-09", "2024-Q3"
        ],
        "{oktober}"
    );
    assert!(oktober.contains("vorige geplande run 05-04-2024"), "{oktober}");
}

/// `run` without options makes the latest complete month beside the quarter, half year and year.
#[test]
fn run_zonder_opties_maakt_de_laatste_volledige_maand() {
    use chrono::NaiveDate;
    use domeinrapport::app::laatste_periodes;
    use domeinrapport::period::Periode;
    let codes = |d: NaiveDate| laatste_periodes(d).iter().map(Periode::to_string).collect::<Vec<_>>();
    assert_eq!(
        codes(NaiveDate::from_ymd_opt(2024, 12, 31).unwrap()),
        ["2024-12", "2024-Q4", "2024-H2", "2024"]
    );
    // Data up to 30 May: April is the latest complete month, Q1 the quarter, 2023-H2 and 2023.
    assert_eq!(
        codes(NaiveDate::from_ymd_opt(2024, 5, 30).unwrap()),
        ["2024-04", "2024-Q1", "2023-H2", "2023"]
    );
}
