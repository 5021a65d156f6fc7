//! The halfjaarrapportage inhoudelijk as a Document (`render::inhoudelijk::document`): sections,
//! the doelen tables (JGD under its hoofddoelen), Markdown rendered to blocks, the risk register
//! and its heat map.

use std::collections::BTreeMap;
use std::path::Path;

use domeinrapport::afspraken::{self, Afspraken, Richting};
use domeinrapport::ingest::{Datakwaliteit, DoelInvoer, DoelStatus, MarkdownTekst, RisicoInvoer, Toelichting};
use domeinrapport::kpi::{Eenheid, Indicator, NormJson, Status};
use domeinrapport::period::Periode;
use domeinrapport::render::document::{Blok, Document, RijSoort, Sectie, Span, Stijl, Tabel, Toon};
use domeinrapport::render::inhoudelijk::{VERHAAL_TITEL, document};
use domeinrapport::report::inhoudelijk::{Halfjaarinhoudelijk, assembleer as stel_op};
use rust_decimal::Decimal;

fn afspraken_2024() -> Afspraken {
    afspraken::load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data/afspraken"))
        .unwrap()
        .voor_jaar(2024)
        .clone()
}

fn model(t: &Toelichting, indicatoren: &[Indicator]) -> Halfjaarinhoudelijk {
    stel_op(
        &afspraken_2024(),
        &Periode::Halfjaar(2024, 1),
        indicatoren,
        t,
        &Datakwaliteit::default(),
    )
}

fn sectie<'a>(doc: &'a Document, titel: &str) -> &'a Sectie {
    doc.secties.iter().find(|s| s.titel == titel).unwrap_or_else(|| {
        panic!(
            "geen sectie {titel}: {:?}",
            doc.secties.iter().map(|s| &s.titel).collect::<Vec<_>>()
        )
    })
}

fn sub<'a>(s: &'a Sectie, titel: &str) -> &'a Sectie {
    s.subsecties.iter().find(|s| s.titel == titel).unwrap()
}

fn tabel(blokken: &[Blok]) -> &Tabel {
    blokken
        .iter()
        .find_map(|b| match b {
            Blok::Tabel(t) => Some(t),
            _ => None,
        })
        .expect("a table")
}

/// Every text a reader sees in the blocks (spans, headings, cells, notices).
fn teksten(blokken: &[Blok], uit: &mut Vec<String>) {
    for b in blokken {
        match b {
            Blok::Alinea(s) => uit.extend(s.iter().map(|s| s.tekst.clone())),
            Blok::Opsomming { items, .. } => items.iter().for_each(|i| uit.extend(i.iter().map(|s| s.tekst.clone()))),
            Blok::Kop { tekst, .. } | Blok::Melding { tekst, .. } => uit.push(tekst.clone()),
            Blok::Tabel(t) => t
                .rijen
                .iter()
                .for_each(|r| uit.extend(r.cellen.iter().map(|c| c.tekst.clone()))),
            _ => {}
        }
    }
}

fn alle_teksten(doc: &Document) -> Vec<String> {
    fn rec(s: &Sectie, uit: &mut Vec<String>) {
        uit.push(s.titel.clone());
        teksten(&s.blokken, uit);
        s.subsecties.iter().for_each(|s| rec(s, uit));
    }
    let mut uit = Vec::new();
    if let Some(s) = &doc.samenvatting {
        teksten(&s.blokken, &mut uit);
    }
    doc.secties.iter().chain(&doc.bijlagen).for_each(|s| rec(s, &mut uit));
    uit
}

#[test]
fn structure_without_any_toelichting() {
    let doc = document(&model(&Toelichting::default(), &[]));
    assert_eq!(doc.soort, "halfjaar-inhoudelijk");
    assert_eq!(doc.stijl, Stijl::Rapport);
    assert_eq!(doc.periode_label, "1e halfjaar 2024");
    assert_eq!(doc.peildatum_label, "30-06-2024");
    assert_eq!(doc.datum, chrono::NaiveDate::from_ymd_opt(2024, 6, 30).unwrap());
    let titels: Vec<&str> = doc.secties.iter().map(|s| s.titel.as_str()).collect();
    assert_eq!(
        titels,
        [
            "Sociaal raadsliedenwerk (SRW)",
            "Individueel sociaal werk (ISW)",
            "Collectief sociaal werk (CSW)",
            "Jeugd (CJG)",
            "Jongerenwerk (JW)",
            "Risicoregister",
            "Normen en analyses",
        ]
    );
    // Every Markdown part says it was not delivered, naming the file, under its own heading.
    let isw = sectie(&doc, "Individueel sociaal werk (ISW)");
    let kop = |t: &str| Blok::Kop {
        niveau: 1,
        tekst: t.into(),
    };
    let ontbreekt = |b: &str| {
        Blok::melding(
            Toon::LetOp,
            format!("Niet aangeleverd: {b} ontbreekt voor deze periode."),
        )
    };
    assert_eq!(
        sub(isw, VERHAAL_TITEL).blokken,
        [
            kop("Ontwikkelingen"),
            ontbreekt("ontwikkelingen.md"),
            kop("Knelpunten"),
            ontbreekt("knelpunten.md"),
            kop("Aanbevelingen"),
            ontbreekt("aanbevelingen.md"),
        ]
    );
    assert_eq!(isw.subsecties.len(), 2);
    // The doelen status cells all say "niet aangeleverd", amber.
    let t = tabel(&sub(isw, "Doelen").blokken);
    assert_eq!(t.rijen.len(), 10);
    assert!(
        t.rijen
            .iter()
            .all(|r| r.cellen[2].tekst == "niet aangeleverd" && r.cellen[2].toon == Some(Toon::LetOp))
    );
    // The summary says so as well.
    let s = alle_teksten(&doc);
    assert!(
        s.iter()
            .any(|t| t == "De doelenlijst is niet aangeleverd: van geen van de 102 doelen is de status bekend.")
    );
}

#[test]
fn doelen_table_with_status_toelichting_and_indicators() {
    let t = Toelichting {
        doelen: Some(BTreeMap::from([
            (
                "ISW-D4".to_string(),
                DoelInvoer {
                    status: DoelStatus::OpKoers,
                    toelichting: "Bijna op norm.".into(),
                },
            ),
            (
                "CSW-D1".to_string(),
                DoelInvoer {
                    status: DoelStatus::NietBehaald,
                    toelichting: String::new(),
                },
            ),
        ])),
        ..Toelichting::default()
    };
    let ind = Indicator {
        id: "ISW.afgesloten_6m".into(),
        werksoort: "ISW".into(),
        naam: "Traject afgesloten binnen 6 maanden".into(),
        teller: Some(Decimal::from(78)),
        noemer: Some(Decimal::from(100)),
        waarde: Some(Decimal::new(78, 2)),
        eenheid: Eenheid::Fractie,
        norm: Some(NormJson {
            richting: Richting::Min,
            drempel: Decimal::new(8, 1),
        }),
        status: Status::NietGehaald,
        analyse: None,
        maatregel: None,
        analyse_ontbreekt: false,
    };
    let doc = document(&model(&t, &[ind]));
    let isw = tabel(&sub(sectie(&doc, "Individueel sociaal werk (ISW)"), "Doelen").blokken);
    let rij = isw.rijen.iter().find(|r| r.cellen[0].tekst == "ISW-D4").unwrap();
    assert!(
        rij.cellen[1]
            .tekst
            .starts_with("Op 1 januari 2022 wordt 80% van de trajecten")
    );
    assert_eq!(
        (rij.cellen[2].tekst.as_str(), rij.cellen[2].toon),
        ("op koers", Some(Toon::Goed))
    );
    assert_eq!(rij.cellen[3].tekst, "Bijna op norm.");
    assert_eq!(
        rij.cellen[4].tekst,
        "✗ Traject afgesloten binnen 6 maanden: 78,0% (norm ≥ 80%), niet gehaald"
    );
    assert_eq!(rij.cellen[4].toon, None);
    // ISW-D1: the SW norms and their ISW breakdown (revision 3), none computed here.
    let d1 = isw.rijen.iter().find(|r| r.cellen[0].tekst == "ISW-D1").unwrap();
    assert_eq!(
        d1.cellen[4].tekst,
        "! Eerste vraagverhelderingsgesprek binnen 4 weken: geen gegevens\n\
         ! Eerste vraagverhelderingsgesprek binnen 6 weken: geen gegevens\n\
         ! Eerste vraagverhelderingsgesprek binnen 4 weken (individueel): geen gegevens\n\
         ! Eerste vraagverhelderingsgesprek binnen 6 weken (individueel): geen gegevens"
    );
    // A doel without indicators.
    let d2 = isw.rijen.iter().find(|r| r.cellen[0].tekst == "ISW-D2").unwrap();
    assert_eq!(d2.cellen[4].tekst, "–");

    // CSW-D1 keeps its bullet lines, as bullets, and has an empty toelichting.
    let csw = tabel(&sub(sectie(&doc, "Collectief sociaal werk (CSW)"), "Doelen").blokken);
    let d1 = &csw.rijen[0];
    assert_eq!(d1.cellen[0].tekst, "CSW-D1");
    assert_eq!(d1.cellen[1].tekst.lines().count(), 3);
    assert!(
        d1.cellen[1]
            .tekst
            .lines()
            .nth(1)
            .unwrap()
            .starts_with("• vragen van inwoners")
    );
    assert_eq!(
        (d1.cellen[2].tekst.as_str(), d1.cellen[2].toon),
        ("niet behaald", Some(Toon::Slecht))
    );
    assert_eq!(d1.cellen[3].tekst, "–");

    // The closing section lists the norm not met with "analyse ontbreekt".
    let normen = sectie(&doc, "Normen en analyses");
    let nt = tabel(&normen.blokken);
    assert_eq!(nt.rijen.len(), 1);
    assert_eq!(nt.rijen[0].cellen[2].tekst, "78,0% (78 van 100)");
    assert_eq!(nt.rijen[0].cellen[3].tekst, "≥ 80%");
    assert_eq!(nt.rijen[0].cellen[4].tekst, "analyse ontbreekt");
    let ontbreken = sub(normen, "Analyses ontbreken");
    assert_eq!(
        ontbreken.blokken[1],
        Blok::opsomming(["Traject afgesloten binnen 6 maanden"])
    );
}

#[test]
fn jgd_doelen_are_grouped_under_five_hoofddoelen() {
    let doc = document(&model(&Toelichting::default(), &[]));
    let t = tabel(&sub(sectie(&doc, "Jeugd (CJG)"), "Doelen").blokken);
    let koppen: Vec<&str> = t
        .rijen
        .iter()
        .filter(|r| r.soort == RijSoort::Groepskop)
        .map(|r| r.cellen[0].tekst.as_str())
        .collect();
    assert_eq!(koppen.len(), 5);
    assert_eq!(
        koppen[0],
        "Hoofddoel 1: Het CJG houdt altijd oog voor een veilige leefomgeving van de jeugdige"
    );
    assert_eq!(koppen[4], "Hoofddoel 5: Het CJG verzamelt inzichten hoe het gaat");
    assert_eq!(t.rijen.iter().filter(|r| r.soort == RijSoort::Gewoon).count(), 64);
    // The first row is the heading, the second the first doel of hoofddoel 1.
    assert_eq!(t.rijen[0].soort, RijSoort::Groepskop);
    assert_eq!(t.rijen[1].cellen[0].tekst, "JGD-H1.1");
    // Other werksoorten have no group rows.
    let isw = tabel(&sub(sectie(&doc, "Individueel sociaal werk (ISW)"), "Doelen").blokken);
    assert!(isw.rijen.iter().all(|r| r.soort == RijSoort::Gewoon));
}

#[test]
fn markdown_is_rendered_as_blocks_under_its_werksoort() {
    let md = "### Wachtlijst\n\nDe wachtlijst is **flink gedaald**, zie [het dashboard](https://oss.nl/d).\n\n- eerste *punt*\n- tweede punt\n";
    let t = Toelichting {
        ontwikkelingen: Some(MarkdownTekst {
            algemeen: "## Inleiding\n\nEen **algemeen** deel.".into(),
            per_werksoort: BTreeMap::from([("ISW".to_string(), md.to_string())]),
        }),
        ..Toelichting::default()
    };
    let doc = document(&model(&t, &[]));
    let kop = |niveau: u8, t: &str| Blok::Kop {
        niveau,
        tekst: t.into(),
    };
    let isw = sub(sectie(&doc, "Individueel sociaal werk (ISW)"), VERHAAL_TITEL);
    assert_eq!(
        isw.blokken,
        [
            kop(1, "Ontwikkelingen"),
            // The Markdown heading sits one level under "Ontwikkelingen".
            kop(2, "Wachtlijst"),
            Blok::Alinea(vec![
                Span::tekst("De wachtlijst is "),
                Span::vet("flink gedaald"),
                Span::tekst(", zie "),
                Span::link("het dashboard", "https://oss.nl/d"),
                Span::tekst("."),
            ]),
            Blok::Opsomming {
                genummerd: false,
                items: vec![
                    vec![Span::tekst("eerste "), Span::cursief("punt")],
                    vec![Span::tekst("tweede punt")]
                ]
            },
            kop(1, "Knelpunten"),
            Blok::melding(
                Toon::LetOp,
                "Niet aangeleverd: knelpunten.md ontbreekt voor deze periode."
            ),
            kop(1, "Aanbevelingen"),
            Blok::melding(
                Toon::LetOp,
                "Niet aangeleverd: aanbevelingen.md ontbreekt voor deze periode."
            ),
        ]
    );
    // ontwikkelingen.md is there but has nothing on SRW.
    let srw = sub(sectie(&doc, "Sociaal raadsliedenwerk (SRW)"), VERHAAL_TITEL);
    assert_eq!(
        srw.blokken[..2],
        [
            kop(1, "Ontwikkelingen"),
            Blok::melding(
                Toon::LetOp,
                "Niet aangeleverd: ontwikkelingen.md bevat geen deel over sociaal raadsliedenwerk (kop SRW)."
            )
        ]
    );
    // The general part gets its own chapter, first.
    assert_eq!(doc.secties[0].titel, "Algemeen");
    assert_eq!(
        doc.secties[0].blokken,
        [
            kop(1, "Ontwikkelingen"),
            kop(2, "Inleiding"),
            Blok::Alinea(vec![Span::tekst("Een "), Span::vet("algemeen"), Span::tekst(" deel.")]),
        ]
    );
    // No Markdown syntax anywhere in the document.
    for t in alle_teksten(&doc) {
        for teken in ["**", "##", "](", "__"] {
            assert!(!t.contains(teken), "{teken:?} in {t:?}");
        }
    }
}

#[test]
fn risk_register_table_and_heat_map() {
    let a = afspraken_2024();
    let t = Toelichting {
        risicos: Some(BTreeMap::from([
            (
                "ISW-R1".to_string(),
                RisicoInvoer {
                    kans: 3,
                    schade: 3,
                    toelichting: "Wachtlijst loopt op.".into(),
                },
            ),
            (
                "SRW-R1".to_string(),
                RisicoInvoer {
                    kans: 2,
                    schade: 3,
                    toelichting: String::new(),
                },
            ),
        ])),
        ..Toelichting::default()
    };
    let doc = document(&model(&t, &[]));
    let reg = sectie(&doc, "Risicoregister");
    let hm = reg
        .blokken
        .iter()
        .find_map(|b| match b {
            Blok::Heatmap(h) => Some(h),
            _ => None,
        })
        .unwrap();
    // Every risico in exactly one cell, the one of its current scores.
    assert_eq!(hm.cellen.iter().map(|c| c.ids.len()).sum::<usize>(), 28);
    let cel_van = |id: &str| hm.cellen.iter().find(|c| c.ids.iter().any(|i| i == id)).unwrap();
    assert_eq!((cel_van("ISW-R1").kans, cel_van("ISW-R1").schade), (3, 3));
    assert_eq!((cel_van("SRW-R1").kans, cel_van("SRW-R1").schade), (2, 3));
    for r in a.risicos.iter().filter(|r| r.id != "ISW-R1" && r.id != "SRW-R1") {
        assert_eq!(
            (cel_van(&r.id).kans, cel_van(&r.id).schade),
            (r.kans, r.schade),
            "{}",
            r.id
        );
    }
    // Cells run kans 3..1, schade 1..3; no empty cells listed.
    let volgorde: Vec<(u8, u8)> = hm.cellen.iter().map(|c| (c.kans, c.schade)).collect();
    let mut gesorteerd = volgorde.clone();
    gesorteerd.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
    assert_eq!(volgorde, gesorteerd);
    assert!(hm.cellen.iter().all(|c| !c.ids.is_empty()));
    assert!(hm.alt.starts_with("Risicomatrix van 28 risico's"), "{}", hm.alt);

    let tab = tabel(&reg.blokken);
    assert_eq!(tab.rijen.iter().filter(|r| r.soort == RijSoort::Gewoon).count(), 28);
    assert_eq!(tab.rijen.iter().filter(|r| r.soort == RijSoort::Groepskop).count(), 5);
    let rij = |id: &str| tab.rijen.iter().find(|r| r.cellen[0].tekst == id).unwrap();
    let isw1: Vec<&str> = rij("ISW-R1").cellen.iter().map(|c| c.tekst.as_str()).collect();
    assert_eq!(
        &isw1[2..],
        [
            "3\n(was 2)",
            "3",
            "9 (hoog)",
            "↑ hoger (6\u{a0}→\u{a0}9)",
            "Wachtlijst loopt op."
        ]
    );
    assert_eq!(rij("ISW-R1").cellen[5].toon, Some(Toon::Slecht));
    let srw1: Vec<&str> = rij("SRW-R1").cellen.iter().map(|c| c.tekst.as_str()).collect();
    assert_eq!(
        &srw1[2..],
        ["2\n(was 3)", "3", "6 (hoog)", "↓ lager (9\u{a0}→\u{a0}6)", "–"]
    );
    // Present file, no row: the agreement's score, said so.
    let srw2: Vec<&str> = rij("SRW-R2").cellen.iter().map(|c| c.tekst.as_str()).collect();
    assert_eq!(&srw2[2..], ["2", "2", "4 (midden)", "niet bijgewerkt", "–"]);
    assert_eq!(rij("SRW-R2").cellen[5].toon, None);

    // The summary names the changes.
    let s = alle_teksten(&doc);
    assert!(
        s.iter()
            .any(|t| t == "Het effect (kans × schade) is bij 1 risico hoger (ISW-R1) en bij 1 risico lager (SRW-R1) dan in de afspraken."),
        "{s:?}"
    );
}

#[test]
fn document_is_deterministic_and_serialisable() {
    let m = model(&Toelichting::default(), &[]);
    let a = serde_json::to_string(&document(&m)).unwrap();
    let b = serde_json::to_string(&document(&m)).unwrap();
    assert_eq!(a, b);
    let terug: Document = serde_json::from_str(&a).unwrap();
    assert_eq!(terug, document(&m));
}
