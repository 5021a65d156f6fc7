//! The halfjaarrapportage inhoudelijk model (`report::inhoudelijk::stel_op`) on the bundled
//! agreement with hand-built toelichting and indicators.

use std::collections::BTreeMap;
use std::path::Path;

use domeinrapport::afspraken::{self, Afspraken, Richting};
use domeinrapport::ingest::{
    AnalyseInvoer, Datakwaliteit, DoelInvoer, DoelStatus, MarkdownTekst, RisicoInvoer, Toelichting,
};
use domeinrapport::kpi::{Eenheid, Indicator, NormJson, Status};
use domeinrapport::period::Periode;
use domeinrapport::report::inhoudelijk::{Halfjaarinhoudelijk, Verandering, assembleer as stel_op};
use rust_decimal::Decimal;

fn afspraken_2024() -> Afspraken {
    afspraken::load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data/afspraken"))
        .unwrap()
        .voor_jaar(2024)
        .clone()
}

const H1: Periode = Periode::Halfjaar(2024, 1);

/// A fraction indicator with norm `min 0.8`.
fn indicator(id: &str, teller: i64, noemer: i64, status: Status) -> Indicator {
    Indicator {
        id: id.to_string(),
        werksoort: id.split('.').next().unwrap().to_string(),
        naam: format!("naam van {id}"),
        teller: Some(Decimal::from(teller)),
        noemer: Some(Decimal::from(noemer)),
        waarde: Some(Decimal::from(teller) / Decimal::from(noemer)),
        eenheid: Eenheid::Fractie,
        norm: Some(NormJson {
            richting: Richting::Min,
            drempel: Decimal::new(8, 1),
        }),
        status,
        analyse: None,
        maatregel: None,
        analyse_ontbreekt: false,
    }
}

fn doel(status: DoelStatus, toelichting: &str) -> DoelInvoer {
    DoelInvoer {
        status,
        toelichting: toelichting.to_string(),
    }
}

fn model(toelichting: &Toelichting, indicatoren: &[Indicator]) -> Halfjaarinhoudelijk {
    stel_op(
        &afspraken_2024(),
        &H1,
        indicatoren,
        toelichting,
        &Datakwaliteit::default(),
    )
}

#[test]
fn all_102_doelen_and_28_risicos_in_agreement_order() {
    let a = afspraken_2024();
    let m = model(&Toelichting::default(), &[]);
    assert_eq!(m.doelen.len(), 102);
    assert_eq!(m.risicos.len(), 28);
    let ids: Vec<&str> = m.doelen.iter().map(|d| d.id.as_str()).collect();
    let verwacht: Vec<&str> = a.doelen.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, verwacht);
    assert_eq!(ids[0], "SRW-D1");
    let rids: Vec<&str> = m.risicos.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(rids, a.risicos.iter().map(|r| r.id.as_str()).collect::<Vec<_>>());
    // Per werksoort, in the agreement's order, with the counts of the agreement.
    let ws: Vec<(&str, usize)> = m
        .werksoorten
        .iter()
        .map(|w| (w.code.as_str(), w.doelen.totaal()))
        .collect();
    assert_eq!(ws, [("SRW", 7), ("ISW", 10), ("CSW", 9), ("JGD", 64), ("JW", 12)]);
    // The CJG doelen carry their hoofddoel.
    let jgd = m.doelen.iter().find(|d| d.id == "JGD-H2.3").unwrap();
    assert_eq!(jgd.hoofddoel_id.as_deref(), Some("JGD-H2"));
    assert_eq!(
        jgd.hoofddoel.as_deref(),
        Some("Het CJG is aanwezig daar waar de doelgroep is, zodat vragen gezien worden.")
    );
    assert_eq!(m.doelen.iter().find(|d| d.id == "ISW-D4").unwrap().hoofddoel_id, None);
}

#[test]
fn without_doelen_file_every_doel_is_niet_aangeleverd() {
    let m = model(&Toelichting::default(), &[]);
    assert!(!m.aangeleverd.doelen);
    assert!(
        m.doelen
            .iter()
            .all(|d| d.status == DoelStatus::NietAangeleverd && d.toelichting.is_none())
    );
    assert_eq!(m.samenvatting.doelen.niet_aangeleverd, 102);
    assert_eq!(m.samenvatting.doelen.totaal(), 102);
    let json = serde_json::to_value(&m).unwrap();
    assert_eq!(json["doelen"][0]["status"], "niet_aangeleverd");
    assert_eq!(json["doelen"][0]["toelichting"], serde_json::Value::Null);
}

#[test]
fn a_missing_row_is_niet_aangeleverd_and_rows_give_their_status() {
    let rijen: BTreeMap<String, DoelInvoer> = [
        ("SRW-D1", doel(DoelStatus::Behaald, "Gerealiseerd in maart.")),
        ("ISW-D4", doel(DoelStatus::OpKoers, "  78% binnen zes maanden  ")),
        ("ISW-D8", doel(DoelStatus::Risico, "")),
        (
            "CSW-D7",
            doel(DoelStatus::NietBehaald, "Twee wijkgebieden zonder activiteit."),
        ),
        ("JGD-H5.1", doel(DoelStatus::Nvt, "Niet van toepassing dit halfjaar.")),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    let t = Toelichting {
        periode: "2024-H1".into(),
        doelen: Some(rijen),
        ..Toelichting::default()
    };
    let m = model(&t, &[]);
    assert!(m.aangeleverd.doelen);
    let status = |id: &str| {
        let d = m.doelen.iter().find(|d| d.id == id).unwrap();
        (d.status, d.toelichting.clone())
    };
    assert_eq!(
        status("SRW-D1"),
        (DoelStatus::Behaald, Some("Gerealiseerd in maart.".into()))
    );
    assert_eq!(
        status("ISW-D4"),
        (DoelStatus::OpKoers, Some("78% binnen zes maanden".into()))
    );
    assert_eq!(status("ISW-D8"), (DoelStatus::Risico, None));
    assert_eq!(
        status("CSW-D7"),
        (
            DoelStatus::NietBehaald,
            Some("Twee wijkgebieden zonder activiteit.".into())
        )
    );
    assert_eq!(
        status("JGD-H5.1"),
        (DoelStatus::Nvt, Some("Niet van toepassing dit halfjaar.".into()))
    );
    // The file is there but has no row for these.
    assert_eq!(status("ISW-D1"), (DoelStatus::NietAangeleverd, None));
    assert_eq!(status("JW-D12"), (DoelStatus::NietAangeleverd, None));

    let s = m.samenvatting.doelen;
    assert_eq!(
        (
            s.behaald,
            s.op_koers,
            s.risico,
            s.niet_behaald,
            s.nvt,
            s.niet_aangeleverd
        ),
        (1, 1, 1, 1, 1, 97)
    );
    let isw = m.werksoorten.iter().find(|w| w.code == "ISW").unwrap();
    assert_eq!(
        (isw.doelen.op_koers, isw.doelen.risico, isw.doelen.niet_aangeleverd),
        (1, 1, 8)
    );

    let json = serde_json::to_value(&m).unwrap();
    let isw_d4 = json["doelen"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == "ISW-D4")
        .unwrap();
    assert_eq!(isw_d4["status"], "op_koers");
    assert_eq!(isw_d4["werksoort"], "ISW");
    assert_eq!(isw_d4["indicatoren"], serde_json::json!(["ISW.afgesloten_6m"]));
}

#[test]
fn unknown_doel_or_risico_ids_are_reported_not_dropped_silently() {
    let t = Toelichting {
        doelen: Some(BTreeMap::from([("ISW-D99".to_string(), doel(DoelStatus::Behaald, ""))])),
        risicos: Some(BTreeMap::from([(
            "JW-R9".to_string(),
            RisicoInvoer {
                kans: 1,
                schade: 1,
                toelichting: String::new(),
            },
        )])),
        ..Toelichting::default()
    };
    let m = model(&t, &[]);
    assert_eq!(m.opmerkingen.len(), 2, "{:?}", m.opmerkingen);
    assert!(m.opmerkingen[0].contains("'ISW-D99'"));
    assert!(m.opmerkingen[1].contains("'JW-R9'"));
    assert_eq!(m.samenvatting.doelen.niet_aangeleverd, 102);
}

#[test]
fn risico_scores_from_risicos_csv_else_the_agreement() {
    let rij = |kans, schade, t: &str| RisicoInvoer {
        kans,
        schade,
        toelichting: t.to_string(),
    };
    let t = Toelichting {
        risicos: Some(BTreeMap::from([
            // Agreement 3 × 3 = 9.
            ("SRW-R1".to_string(), rij(2, 3, "Formatie uitgebreid met 0,5 fte.")),
            // Agreement 2 × 3 = 6.
            ("ISW-R1".to_string(), rij(3, 3, "Wachtlijst loopt op.")),
            // Agreement 2 × 1 = 2; 1 × 2 is also 2.
            ("SRW-R3".to_string(), rij(1, 2, "")),
        ])),
        ..Toelichting::default()
    };
    let m = model(&t, &[]);
    let r = |id: &str| m.risicos.iter().find(|r| r.id == id).unwrap();

    let srw1 = r("SRW-R1");
    assert_eq!((srw1.kans, srw1.schade, srw1.effect), (2, 3, 6));
    assert_eq!(
        (srw1.kans_afspraak, srw1.schade_afspraak, srw1.effect_afspraak),
        (3, 3, 9)
    );
    assert_eq!((srw1.effect_verschil, srw1.verandering), (-3, Verandering::Lager));
    assert_eq!(srw1.toelichting.as_deref(), Some("Formatie uitgebreid met 0,5 fte."));
    assert!(srw1.geactualiseerd);

    let isw1 = r("ISW-R1");
    assert_eq!(
        (isw1.kans, isw1.schade, isw1.effect, isw1.effect_afspraak),
        (3, 3, 9, 6)
    );
    assert_eq!((isw1.effect_verschil, isw1.verandering), (3, Verandering::Hoger));

    let srw3 = r("SRW-R3");
    assert_eq!((srw3.kans, srw3.schade, srw3.effect), (1, 2, 2));
    assert_eq!((srw3.kans_afspraak, srw3.schade_afspraak), (2, 1));
    assert_eq!((srw3.effect_verschil, srw3.verandering), (0, Verandering::Gelijk));
    assert_eq!(srw3.toelichting, None);

    // No row: the agreement's scores (SRW-R2 is 2 × 2).
    let srw2 = r("SRW-R2");
    assert_eq!(
        (srw2.kans, srw2.schade, srw2.effect, srw2.effect_afspraak),
        (2, 2, 4, 4)
    );
    assert!(!srw2.geactualiseerd);

    assert_eq!(m.samenvatting.risicos_hoger, ["ISW-R1"]);
    assert_eq!(m.samenvatting.risicos_lager, ["SRW-R1"]);
    let json = serde_json::to_value(&m).unwrap();
    assert_eq!(json["risicos"][0]["id"], "SRW-R1");
    assert_eq!(json["risicos"][0]["effect"], 6);
    assert_eq!(json["risicos"][0]["kans_afspraak"], 3);
    assert_eq!(json["risicos"][0]["verandering"], "lager");
}

#[test]
fn without_risicos_file_every_effect_is_the_agreements() {
    let a = afspraken_2024();
    let m = model(&Toelichting::default(), &[]);
    assert!(!m.aangeleverd.risicos);
    for (r, ra) in m.risicos.iter().zip(&a.risicos) {
        assert_eq!(
            (r.kans, r.schade, r.effect),
            (ra.kans, ra.schade, ra.kans * ra.schade),
            "{}",
            r.id
        );
        assert_eq!(r.verandering, Verandering::Gelijk);
    }
    assert!(m.samenvatting.risicos_hoger.is_empty());
}

#[test]
fn linked_indicators_norms_not_met_and_missing_analyses() {
    // Given in reverse catalogue order: the report lists ISW before JGD.
    let indicatoren = vec![
        indicator("JGD.in_behandeling_2w", 40, 50, Status::NietGehaald),
        indicator("ISW.eerste_gesprek_4w", 90, 100, Status::Gehaald),
        indicator("ISW.afgesloten_6m", 78, 100, Status::NietGehaald),
    ];
    let t = Toelichting {
        analyses: BTreeMap::from([(
            "ISW.afgesloten_6m".to_string(),
            AnalyseInvoer {
                analyse: "Complexe trajecten duren langer.".into(),
                maatregel: "Casuïstiekoverleg.".into(),
            },
        )]),
        ..Toelichting::default()
    };
    let m = model(&t, &indicatoren);

    let d4 = m.doelen.iter().find(|d| d.id == "ISW-D4").unwrap();
    assert_eq!(d4.indicatorstatus.len(), 1);
    assert_eq!(d4.indicatorstatus[0].id, "ISW.afgesloten_6m");
    assert_eq!(d4.indicatorstatus[0].status, Status::NietGehaald);
    assert_eq!(d4.indicatorstatus[0].waarde, Some(Decimal::new(78, 2)));
    // ISW-D1 measures the SW norms (not computed here: no data to judge) and their ISW
    // breakdown 4w (given) and 6w (not computed).
    let d1 = m.doelen.iter().find(|d| d.id == "ISW-D1").unwrap();
    let st: Vec<(&str, Status)> = d1.indicatorstatus.iter().map(|i| (i.id.as_str(), i.status)).collect();
    assert_eq!(
        st,
        [
            ("SW.eerste_gesprek_4w", Status::GeenGegevens),
            ("SW.eerste_gesprek_6w", Status::GeenGegevens),
            ("ISW.eerste_gesprek_4w", Status::Gehaald),
            ("ISW.eerste_gesprek_6w", Status::GeenGegevens)
        ]
    );
    assert_eq!(
        d1.indicatorstatus[1].naam,
        "Eerste vraagverhelderingsgesprek binnen 6 weken"
    );

    let ids: Vec<&str> = m.normen_niet_gehaald.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids, ["ISW.afgesloten_6m", "JGD.in_behandeling_2w"]);
    assert_eq!(
        m.normen_niet_gehaald[0].analyse.as_deref(),
        Some("Complexe trajecten duren langer.")
    );
    assert_eq!(
        m.normen_niet_gehaald[0].maatregel.as_deref(),
        Some("Casuïstiekoverleg.")
    );
    assert!(!m.normen_niet_gehaald[0].analyse_ontbreekt);
    assert!(m.normen_niet_gehaald[1].analyse_ontbreekt);
    assert_eq!(m.analyses_ontbreken, ["JGD.in_behandeling_2w"]);
    assert_eq!(
        (m.samenvatting.normen_niet_gehaald, m.samenvatting.analyses_ontbreken),
        (2, 1)
    );
    // The full list keeps the input and gets the analysis filled in.
    assert_eq!(m.indicatoren.len(), 3);
    assert!(m.indicatoren[0].analyse_ontbreekt);
}

#[test]
fn markdown_per_werksoort_lands_under_that_werksoort() {
    let ontwikkelingen = MarkdownTekst {
        algemeen: "Algemene **ontwikkeling**.".into(),
        per_werksoort: BTreeMap::from([
            (
                "ISW".to_string(),
                "### Wachtlijst\n\nDe wachtlijst is *gedaald*.".to_string(),
            ),
            ("JGD".to_string(), "- punt een\n- punt twee".to_string()),
            ("JW".to_string(), "   ".to_string()),
        ]),
    };
    let knelpunten = MarkdownTekst {
        algemeen: String::new(),
        per_werksoort: BTreeMap::from([("SRW".to_string(), "Te weinig formatie.".to_string())]),
    };
    let t = Toelichting {
        ontwikkelingen: Some(ontwikkelingen),
        knelpunten: Some(knelpunten),
        ..Toelichting::default()
    };
    let m = model(&t, &[]);
    let ws = |code: &str| m.werksoorten.iter().find(|w| w.code == code).unwrap();
    assert_eq!(
        ws("ISW").verhaal.ontwikkelingen.as_deref(),
        Some("### Wachtlijst\n\nDe wachtlijst is *gedaald*.")
    );
    assert_eq!(
        ws("JGD").verhaal.ontwikkelingen.as_deref(),
        Some("- punt een\n- punt twee")
    );
    // An empty section and an absent one are not delivered.
    assert_eq!(ws("JW").verhaal.ontwikkelingen, None);
    assert_eq!(ws("SRW").verhaal.ontwikkelingen, None);
    assert_eq!(ws("SRW").verhaal.knelpunten.as_deref(), Some("Te weinig formatie."));
    assert_eq!(ws("ISW").verhaal.knelpunten, None);
    // aanbevelingen.md is absent altogether.
    assert!(m.werksoorten.iter().all(|w| w.verhaal.aanbevelingen.is_none()));
    assert_eq!(
        (
            m.aangeleverd.ontwikkelingen,
            m.aangeleverd.knelpunten,
            m.aangeleverd.aanbevelingen
        ),
        (true, true, false)
    );
    assert_eq!(m.algemeen.ontwikkelingen.as_deref(), Some("Algemene **ontwikkeling**."));
    assert_eq!(m.algemeen.knelpunten, None);

    let json = serde_json::to_value(&m).unwrap();
    assert_eq!(json["werksoorten"][1]["code"], "ISW");
    assert_eq!(json["werksoorten"][1]["naam"], "Individueel sociaal werk");
    assert_eq!(json["werksoorten"][0]["ontwikkelingen"], serde_json::Value::Null);
    assert_eq!(json["werksoorten"][0]["knelpunten"], "Te weinig formatie.");
}

#[test]
fn json_header_and_determinism() {
    let m = model(&Toelichting::default(), &[]);
    let json = serde_json::to_value(&m).unwrap();
    assert_eq!(json["rapport"], "halfjaar-inhoudelijk");
    assert_eq!(
        json["periode"],
        serde_json::json!({"code": "2024-H1", "start": "2024-01-01", "peildatum": "2024-06-30",
            "label": "1e halfjaar 2024", "kort_label": "H1 2024"})
    );
    assert_eq!(json["gemeente"], "Oss");
    assert_eq!(json["aanbieder"], "ONS welzijn");
    let a = serde_json::to_string(&m).unwrap();
    let b = serde_json::to_string(&model(&Toelichting::default(), &[])).unwrap();
    assert_eq!(a, b);
}
