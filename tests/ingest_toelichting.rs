//! `laad_toelichting`: the narrative input of one period (`toelichting/<periode>/`).

#[path = "fixtures/ingest/helpers.rs"]
mod helpers;

use std::collections::BTreeSet;

use domeinrapport::ingest::{self, DoelStatus, IngestFout, Toelichting};
use domeinrapport::period::Periode;
use helpers::*;

fn laad(m: &Map, periode: Periode) -> Result<Toelichting, IngestFout> {
    ingest::laad_toelichting(m.pad(), &periode, &afspraken())
}

const H1: Periode = Periode::Halfjaar(2024, 1);

/// The rejects of the toelichting as (file, line, column, value, reason).
fn afk(t: &Toelichting) -> Vec<(String, usize, String, String, String)> {
    t.kwaliteit
        .afkeuringen
        .iter()
        .map(|a| {
            (
                a.bestand.clone(),
                a.regel,
                a.kolom.clone(),
                a.waarde.clone(),
                a.reden.clone(),
            )
        })
        .collect()
}

fn a(bestand: &str, regel: usize, kolom: &str, waarde: &str, reden: &str) -> (String, usize, String, String, String) {
    (bestand.into(), regel, kolom.into(), waarde.into(), reden.into())
}

#[test]
fn absent_folder_gives_an_empty_toelichting() {
    let m = Map::new();
    let t = laad(&m, H1).unwrap();
    assert_eq!(
        t,
        Toelichting {
            periode: "2024-H1".into(),
            ..Toelichting::default()
        }
    );
    assert!(t.doelen.is_none() && t.risicos.is_none() && t.raad.is_none());
}

#[test]
fn doelen_csv() {
    let m = Map::new();
    m.schrijf(
        "toelichting/2024-H1/doelen.csv",
        "doel_id;status;toelichting\n\
         isw-d1;Op_Koers;\"Loopt; volgens plan\"\n\
         JGD-H1.1;behaald;\n\
         ISW-D9;behaald;onbekend doel\n\
         ISW-D2;gehaald;onbekende status\n\
         CSW-D1;risico;x\n",
    );
    let t = laad(&m, H1).unwrap();
    let doelen = t.doelen.as_ref().unwrap();
    assert_eq!(doelen.len(), 2);
    assert_eq!(doelen["ISW-D1"].status, DoelStatus::OpKoers);
    assert_eq!(doelen["ISW-D1"].toelichting, "Loopt; volgens plan");
    assert_eq!(doelen["JGD-H1.1"].status, DoelStatus::Behaald);
    assert_eq!(doelen["JGD-H1.1"].toelichting, "");
    let p = "toelichting/2024-H1/doelen.csv";
    assert_eq!(
        afk(&t),
        vec![
            a(p, 4, "doel_id", "ISW-D9", "onbekend doel_id 'ISW-D9'"),
            a(p, 5, "status", "gehaald", "onbekende status 'gehaald'"),
            a(p, 6, "doel_id", "CSW-D1", "onbekend doel_id 'CSW-D1'"),
        ]
    );
    let b = &t.kwaliteit.bestanden[0];
    assert_eq!((b.pad.as_str(), b.gelezen, b.geaccepteerd, b.afgekeurd), (p, 5, 2, 3));
    assert_eq!(t.aanwezig, BTreeSet::from(["doelen.csv".to_string()]));
    assert_eq!(t.invoer.len(), 1);
    assert_eq!(t.invoer[0].pad, p);
    assert_eq!(
        (t.invoer[0].gelezen, t.invoer[0].geaccepteerd, t.invoer[0].afgekeurd),
        (5, 2, 3)
    );
}

#[test]
fn every_status_and_duplicate_doel() {
    let m = Map::new();
    m.schrijf(
        "toelichting/2024-Q2/doelen.csv",
        "doel_id,status,toelichting\nISW-D1,nvt,\nISW-D2,niet_behaald,\nJGD-H1.1,risico,\nisw-d1,behaald,\n",
    );
    let t = laad(&m, Periode::Kwartaal(2024, 2)).unwrap();
    assert_eq!(t.periode, "2024-Q2");
    let doelen = t.doelen.unwrap();
    let statussen: Vec<(&str, DoelStatus)> = doelen.iter().map(|(k, v)| (k.as_str(), v.status)).collect();
    assert_eq!(
        statussen,
        [("ISW-D2", DoelStatus::NietBehaald), ("JGD-H1.1", DoelStatus::Risico)]
    );
    let p = "toelichting/2024-Q2/doelen.csv";
    let r = "doel_id 'ISW-D1' komt meer dan eens voor (regels 2, 5)";
    assert_eq!(
        t.kwaliteit
            .afkeuringen
            .iter()
            .map(|x| (x.regel, x.reden.as_str()))
            .collect::<Vec<_>>(),
        [(2, r), (5, r)]
    );
    assert!(t.kwaliteit.afkeuringen.iter().all(|x| x.bestand == p));
}

#[test]
fn analyses_csv_accepts_any_key_once() {
    let m = Map::new();
    m.schrijf(
        "toelichting/2024-H1/analyses.csv",
        "sleutel;analyse;maatregel\n\
         isw.eerste_gesprek_4w;Drukte na de zomer;Extra inzet\n\
         isw-01;Onderbesteding door vacatures;\n\
         ISW-01;Nog een keer;\n\
         JGD-02;;geen analyse\n",
    );
    let t = laad(&m, H1).unwrap();
    let sleutels: Vec<&str> = t.analyses.keys().map(String::as_str).collect();
    // The indicator id in the catalogue's spelling; other keys upper-cased like regel_ids.
    assert_eq!(sleutels, ["ISW.eerste_gesprek_4w"]);
    assert_eq!(t.analyses["ISW.eerste_gesprek_4w"].analyse, "Drukte na de zomer");
    assert_eq!(t.analyses["ISW.eerste_gesprek_4w"].maatregel, "Extra inzet");
    let p = "toelichting/2024-H1/analyses.csv";
    assert_eq!(
        afk(&t),
        vec![
            a(
                p,
                3,
                "sleutel",
                "isw-01",
                "sleutel 'isw-01' komt meer dan eens voor (regels 3, 4)"
            ),
            a(
                p,
                4,
                "sleutel",
                "ISW-01",
                "sleutel 'ISW-01' komt meer dan eens voor (regels 3, 4)"
            ),
            a(p, 5, "analyse", "", "verplichte waarde ontbreekt"),
        ]
    );
    // Without the duplicate the regel_id is kept, upper-cased.
    m.schrijf(
        "toelichting/2024-H1/analyses.csv",
        "sleutel;analyse;maatregel\nisw-01;Onderbesteding;\n",
    );
    let t = laad(&m, H1).unwrap();
    assert_eq!(t.analyses["ISW-01"].analyse, "Onderbesteding");
    assert_eq!(t.analyses["ISW-01"].maatregel, "");
}

#[test]
fn risicos_csv() {
    let m = Map::new();
    m.schrijf(
        "toelichting/2024/risicos.csv",
        "risico_id;kans;schade;toelichting\n\
         isw-r1;3;1;Meer aanmeldingen\n\
         CSW-R1;0;2;\n\
         CSW-R1x;1;1;\n\
         CSW-R1;2;4;\n",
    );
    let t = laad(&m, Periode::Jaar(2024)).unwrap();
    let r = t.risicos.unwrap();
    assert_eq!(r.len(), 1);
    assert_eq!((r["ISW-R1"].kans, r["ISW-R1"].schade), (3, 1));
    assert_eq!(r["ISW-R1"].toelichting, "Meer aanmeldingen");
    let p = "toelichting/2024/risicos.csv";
    assert_eq!(
        t.kwaliteit
            .afkeuringen
            .iter()
            .map(|x| (x.regel, x.kolom.as_str(), x.reden.as_str()))
            .collect::<Vec<_>>(),
        [
            (
                3,
                "risico_id",
                "risico_id 'CSW-R1' komt meer dan eens voor (regels 3, 5)"
            ),
            (4, "risico_id", "onbekend risico_id 'CSW-R1X'"),
            (
                5,
                "risico_id",
                "risico_id 'CSW-R1' komt meer dan eens voor (regels 3, 5)"
            ),
        ]
    );
    assert!(t.kwaliteit.afkeuringen.iter().all(|x| x.bestand == p));
    // Kans and schade outside 1–3 on an otherwise valid row.
    m.schrijf(
        "toelichting/2024/risicos.csv",
        "risico_id;kans;schade;toelichting\nCSW-R1;0;2;\nISW-R1;2;4;\n",
    );
    let t = laad(&m, Periode::Jaar(2024)).unwrap();
    assert_eq!(
        afk(&t),
        vec![
            a(p, 2, "kans", "0", "kans 0 ligt buiten 1–3"),
            a(p, 3, "schade", "4", "schade 4 ligt buiten 1–3"),
        ]
    );
    assert_eq!(t.risicos.unwrap().len(), 0);
}

#[test]
fn markdown_is_split_per_werksoort_and_raad_is_raw() {
    let m = Map::new();
    m.schrijf(
        "toelichting/2024-H1/knelpunten.md",
        "# Knelpunten\n\nAlgemeen deel.\n\n## ISW – Individueel sociaal werk\n\nWachtlijst loopt op.\n\n## jgd\nPersoneel.\n\n## Overig\nNog iets.\n",
    );
    m.schrijf("toelichting/2024-H1/ontwikkelingen.md", "## SRW\nMeer schuldhulp.\n");
    m.schrijf(
        "toelichting/2024-H1/raad.md",
        "# Kernboodschap\n\n## ISW\nBlijft raw.\n",
    );
    m.schrijf("toelichting/2024-H1/notities.txt", "niet gelezen");
    let t = laad(&m, H1).unwrap();
    let k = t.knelpunten.as_ref().unwrap();
    assert_eq!(k.algemeen, "# Knelpunten\n\nAlgemeen deel.\n\n## Overig\nNog iets.");
    assert_eq!(k.per_werksoort.keys().collect::<Vec<_>>(), ["ISW", "JGD"]);
    assert_eq!(k.per_werksoort["ISW"], "Wachtlijst loopt op.");
    assert_eq!(k.per_werksoort["JGD"], "Personeel.");
    let o = t.ontwikkelingen.as_ref().unwrap();
    assert_eq!(o.algemeen, "");
    assert_eq!(o.per_werksoort["SRW"], "Meer schuldhulp.");
    assert!(t.aanbevelingen.is_none());
    assert_eq!(t.raad.as_deref(), Some("# Kernboodschap\n\n## ISW\nBlijft raw.\n"));
    assert!(t.doelen.is_none());
    assert_eq!(
        t.aanwezig,
        ["knelpunten.md", "notities.txt", "ontwikkelingen.md", "raad.md"]
            .iter()
            .map(|s| s.to_string())
            .collect()
    );
    let paden: Vec<&str> = t.invoer.iter().map(|i| i.pad.as_str()).collect();
    assert_eq!(
        paden,
        [
            "toelichting/2024-H1/ontwikkelingen.md",
            "toelichting/2024-H1/knelpunten.md",
            "toelichting/2024-H1/raad.md"
        ]
    );
}

#[test]
fn windows_1252_markdown() {
    let m = Map::new();
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode("## CSW\nCafé geopend, € 500 over.\n");
    m.schrijf_bytes("toelichting/2024-H1/ontwikkelingen.md", &bytes);
    let t = laad(&m, H1).unwrap();
    assert_eq!(
        t.ontwikkelingen.unwrap().per_werksoort["CSW"],
        "Café geopend, € 500 over."
    );
}

/// Expects the toelichting to load with the number masked and one `bsn_gemaskeerd` warning at
/// `bestand`, `regel`, `kolom`; the number is nowhere in the loaded toelichting.
fn gemaskeerd(m: &Map, periode: Periode, bestand: &str, regel: usize, kolom: &str) -> Toelichting {
    let t = laad(m, periode).unwrap();
    let w: Vec<_> = t
        .kwaliteit
        .waarschuwingen
        .iter()
        .filter(|w| w.soort == "bsn_gemaskeerd")
        .collect();
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!((w[0].bestand.as_str(), w[0].regel), (bestand, Some(regel)));
    assert!(
        w[0].melding.starts_with(&format!("kolom {kolom}: ")),
        "{}",
        w[0].melding
    );
    let alles = format!("{t:?}");
    assert!(!alles.contains("123456782"), "{alles}");
    t
}

#[test]
fn bsn_in_toelichting_texts_is_masked_with_a_warning() {
    // 123456782 passes the 11-proef; inside a text it is found as a token.
    let m = Map::new();
    m.schrijf(
        "toelichting/2024-H1/doelen.csv",
        "doel_id;status;toelichting\nISW-D1;behaald;ok\nISW-D2;risico;client 123456782 belde\n",
    );
    let t = gemaskeerd(&m, H1, "toelichting/2024-H1/doelen.csv", 3, "toelichting");
    assert_eq!(t.doelen.unwrap()["ISW-D2"].toelichting, "client ********* belde");

    let m = Map::new();
    m.schrijf(
        "toelichting/2024-H1/analyses.csv",
        "sleutel;analyse;maatregel\nISW-01;ok;bel (123456782)\n",
    );
    let t = gemaskeerd(&m, H1, "toelichting/2024-H1/analyses.csv", 2, "maatregel");
    assert_eq!(t.analyses["ISW-01"].maatregel, "bel (*********)");

    let m = Map::new();
    m.schrijf(
        "toelichting/2024-H1/risicos.csv",
        "risico_id;kans;schade;toelichting\nISW-R1;1;1;123456782\n",
    );
    gemaskeerd(&m, H1, "toelichting/2024-H1/risicos.csv", 2, "toelichting");

    let m = Map::new();
    m.schrijf(
        "toelichting/2024-H1/aanbevelingen.md",
        "Inleiding\n\n## ISW\nZie dossier 123456782.\n",
    );
    let t = gemaskeerd(&m, H1, "toelichting/2024-H1/aanbevelingen.md", 4, "ISW");
    assert_eq!(t.aanbevelingen.unwrap().per_werksoort["ISW"], "Zie dossier *********.");

    let m = Map::new();
    m.schrijf("toelichting/2024/raad.md", "# Raad\n\nBSN123456782\n");
    let t = gemaskeerd(&m, Periode::Jaar(2024), "toelichting/2024/raad.md", 3, "tekst");
    assert_eq!(t.raad.unwrap(), "# Raad\n\nBSN*********\n");
}

#[test]
fn numbers_that_are_no_bsn_pass_in_texts() {
    let m = Map::new();
    m.schrijf(
        "toelichting/2024-H1/knelpunten.md",
        "## ISW\nBudget € 1.609.966,36 en 1609966,36; nummer 123456780; telefoon 0612345678.\n",
    );
    let t = laad(&m, H1).unwrap();
    assert!(t.knelpunten.unwrap().per_werksoort["ISW"].starts_with("Budget"));
}

#[test]
fn empty_toelichting_csv_counts_as_not_supplied() {
    let m = Map::new();
    m.schrijf("toelichting/2024-H1/doelen.csv", "");
    let t = laad(&m, H1).unwrap();
    assert!(t.doelen.is_none());
    assert_eq!(
        waarschuwingen(&t.kwaliteit, "toelichting/2024-H1/doelen.csv"),
        vec![(
            None,
            "leeg_bestand".into(),
            "het bestand is leeg en is behandeld als niet aangeleverd".into()
        )]
    );
}

#[test]
fn missing_column_in_toelichting_csv_is_fatal() {
    let m = Map::new();
    m.schrijf("toelichting/2024-H1/doelen.csv", "doel_id;toelichting\nISW-D1;x\n");
    assert_eq!(
        laad(&m, H1).unwrap_err().to_string(),
        "toelichting/2024-H1/doelen.csv: verplichte kolom 'status' ontbreekt in de kopregel"
    );
}
