//! The raadsinformatie on a small hand-built data set: the indicators come from the real engine
//! (`kpi::Bron::uit_tabellen`), the model from `report::raad::stel_op`, the letter from
//! `render::raad::document`. Every expected value is worked out by hand in the comments.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use domeinrapport::afspraken::{self, Afspraken, AfsprakenSet, Financiering};
use domeinrapport::finance::{
    Financieel, PerFinanciering, PerWerksoort, Regelcijfers, Totaal, Totalen, VoordeelNadeel,
};
use domeinrapport::ingest::{Datakwaliteit, Toelichting};
use domeinrapport::kpi::bron::dag;
use domeinrapport::kpi::{self, Bron, Indicator};
use domeinrapport::period::Periode;
use domeinrapport::render::document::{Blok, Document, Sectie, Stijl, Tabel};
use domeinrapport::report::raad::{Invoer, Raadsinformatie, assembleer as stel_op};
use polars::prelude::*;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde_json::Value;

fn d(y: i32, m: u32, dd: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, dd)
}

fn plus(x: Option<NaiveDate>, dagen: i64) -> Option<NaiveDate> {
    x.map(|x| x + chrono::TimeDelta::days(dagen))
}

/// One hulpvraag; unset dates are `None`.
#[derive(Clone, Default)]
struct Hv {
    id: String,
    ws: &'static str,
    wijk: &'static str,
    aanm: Option<NaiveDate>,
    eg: Option<NaiveDate>,
    vva: Option<NaiveDate>,
    ts: Option<NaiveDate>,
    afg: Option<NaiveDate>,
    uit: Option<&'static str>,
    gespr: Option<i32>,
    aanv: Option<NaiveDate>,
    bes: Option<NaiveDate>,
}

fn hv(id: String, ws: &'static str, wijk: &'static str, aanm: Option<NaiveDate>, eg: Option<NaiveDate>) -> Hv {
    Hv {
        id,
        ws,
        wijk,
        aanm,
        eg,
        ..Hv::default()
    }
}

fn dagen(v: impl Iterator<Item = Option<NaiveDate>>) -> Vec<Option<i32>> {
    v.map(|x| x.map(dag)).collect()
}

/// The data set:
/// - ISW 2023: 15 aangemeld 1-2-2023 (W01), 12 with a first talk after 10 days, 3 after 30 days;
///   none closed.
/// - ISW 2024: 20 aangemeld 1-2-2024, first talk after 10 days; 12 in W01 with a traject
///   (vva = eg, ts = eg + 5, closed 1-6-2024: within 6 months), 8 in W02 closed 1-5-2024 without
///   traject. Uitstroom of the 12: maatwerk_wmo 2, zelfstandig 5, netwerk 3, collectief 2; of the
///   8: zelfstandig 4, collectief 4. So zelfstandig 9, netwerk 3, maatwerk_wmo 2, collectief 6.
/// - CSW 2024: 3 aangemeld 1-3-2024 in W03, first talk 5-3-2024, open.
/// - JGD 2024: 12 aangemeld 1-3-2024 in W01; 9 first talk after 7 days, 3 after 20 days (6 days
///   over the 2-week deadline: 1 week each). 10 of them asked for jeugdhulp 1-4-2024, decision
///   20-4-2024. All 12 closed 1-10-2024 with 3 gesprekken: the first 6 (with aanvraag) uitstroom
///   jeugdhulp, the other 6 zelfstandig.
/// - SRW 2024: 5 aangemeld 1-4-2024 in W01 with a first talk 10-4-2024; 2 aangemeld 1-12-2024 in
///   W02 without a first talk (on the wachtlijst on 31-12-2024: 30 days > 14).
/// - uren 2024: ISW individueel 20 h, CSW collectief 80 h.
/// - activiteiten from 1-1-2023: an ontmoeting door inwoners (CSW) in W01–W10 (not W11), and a
///   JW activity in W01 with 4 deelnemers.
fn bron() -> Bron {
    let mut rijen = Vec::new();
    for k in 0..15 {
        let a = d(2023, 2, 1);
        rijen.push(hv(
            format!("I23-{k}"),
            "ISW",
            "W01",
            a,
            plus(a, if k < 12 { 10 } else { 30 }),
        ));
    }
    let isw_uit = [
        "maatwerk_wmo",
        "maatwerk_wmo",
        "zelfstandig",
        "zelfstandig",
        "zelfstandig",
        "zelfstandig",
        "zelfstandig",
        "netwerk",
        "netwerk",
        "netwerk",
        "collectief",
        "collectief",
    ];
    for k in 0..20 {
        let a = d(2024, 2, 1);
        let eg = plus(a, 10);
        let mut r = hv(format!("I24-{k}"), "ISW", if k < 12 { "W01" } else { "W02" }, a, eg);
        if k < 12 {
            r.vva = eg;
            r.ts = plus(eg, 5);
            r.afg = d(2024, 6, 1);
            r.uit = isw_uit.get(k).copied();
        } else {
            r.afg = d(2024, 5, 1);
            r.uit = Some(if k < 16 { "zelfstandig" } else { "collectief" });
        }
        rijen.push(r);
    }
    for k in 0..3 {
        rijen.push(hv(format!("C24-{k}"), "CSW", "W03", d(2024, 3, 1), d(2024, 3, 5)));
    }
    for k in 0..12 {
        let a = d(2024, 3, 1);
        let mut r = hv(format!("J24-{k}"), "JGD", "W01", a, plus(a, if k < 9 { 7 } else { 20 }));
        if k < 10 {
            r.aanv = d(2024, 4, 1);
            r.bes = d(2024, 4, 20);
        }
        r.afg = d(2024, 10, 1);
        r.gespr = Some(3);
        r.uit = Some(if k < 6 { "jeugdhulp" } else { "zelfstandig" });
        rijen.push(r);
    }
    for k in 0..5 {
        rijen.push(hv(format!("S24-{k}"), "SRW", "W01", d(2024, 4, 1), d(2024, 4, 10)));
    }
    for k in 5..7 {
        rijen.push(hv(format!("S24-{k}"), "SRW", "W02", d(2024, 12, 1), None));
    }

    let s = |f: fn(&Hv) -> String| rijen.iter().map(f).collect::<Vec<_>>();
    let hv = DataFrame::new_infer_height(vec![
        Column::new("id".into(), s(|r| r.id.clone())),
        Column::new("client".into(), s(|r| r.id.clone())),
        Column::new("ws".into(), s(|r| r.ws.to_string())),
        Column::new("wijk".into(), s(|r| r.wijk.to_string())),
        Column::new("cat".into(), s(|_| "wonen".to_string())),
        Column::new("aanm".into(), dagen(rijen.iter().map(|r| r.aanm))),
        Column::new("eg".into(), dagen(rijen.iter().map(|r| r.eg))),
        Column::new("vva".into(), dagen(rijen.iter().map(|r| r.vva))),
        Column::new("ts".into(), dagen(rijen.iter().map(|r| r.ts))),
        Column::new("afg".into(), dagen(rijen.iter().map(|r| r.afg))),
        Column::new("uit".into(), rijen.iter().map(|r| r.uit).collect::<Vec<_>>()),
        Column::new("gespr".into(), rijen.iter().map(|r| r.gespr).collect::<Vec<_>>()),
        Column::new("aanv".into(), dagen(rijen.iter().map(|r| r.aanv))),
        Column::new("bes".into(), dagen(rijen.iter().map(|r| r.bes))),
    ])
    .unwrap();
    let uren = DataFrame::new_infer_height(vec![
        Column::new("ws".into(), ["ISW", "CSW"]),
        Column::new("dag".into(), dagen([d(2024, 5, 1), d(2024, 5, 1)].into_iter())),
        Column::new("uren".into(), [20i64 * 10_000, 80 * 10_000]),
        Column::new("inzet".into(), ["individueel", "collectief"]),
    ])
    .unwrap();
    let mut act: Vec<(String, &str, &str, bool, i64)> = (1..=10)
        .map(|w| (format!("W{w:02}"), "CSW", "ontmoeting", true, 15))
        .collect();
    act.push(("W01".into(), "JW", "sport", false, 4));
    let act = DataFrame::new_infer_height(vec![
        Column::new("ws".into(), act.iter().map(|a| a.1).collect::<Vec<_>>()),
        Column::new("wijk".into(), act.iter().map(|a| a.0.clone()).collect::<Vec<_>>()),
        Column::new("soort".into(), act.iter().map(|a| a.2).collect::<Vec<_>>()),
        Column::new("door".into(), act.iter().map(|a| a.3).collect::<Vec<_>>()),
        Column::new("start".into(), dagen(act.iter().map(|_| d(2023, 1, 1)))),
        Column::new("einde".into(), dagen(act.iter().map(|_| None))),
        Column::new("deelnemers".into(), act.iter().map(|a| Some(a.4)).collect::<Vec<_>>()),
    ])
    .unwrap();
    Bron::uit_tabellen(hv, uren, act).unwrap()
}

fn set() -> AfsprakenSet {
    afspraken::load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data/afspraken")).unwrap()
}

fn regel(id: &str, ws: &str, fin: Financiering, begroting: Decimal, realisatie: Decimal) -> Regelcijfers {
    Regelcijfers {
        regel_id: id.into(),
        werksoort: ws.into(),
        naam: format!("Regel {id}"),
        financiering: fin,
        begroting_jaar: begroting,
        begroting_periode: begroting,
        realisatie_periode: realisatie,
        verschil: realisatie - begroting,
        verschil_pct: Some((realisatie - begroting) / begroting),
        vn: VoordeelNadeel::van(realisatie - begroting),
        analyse_vereist: id == "JGD-01",
        analyse: None,
        maatregel: None,
        analyse_ontbreekt: id == "JGD-01",
        prognose_jaar: None,
        prognose_verschil: None,
        prognose_vn: None,
        prognose_methode: None,
        prognose_aandeel_vorig_jaar: None,
        fte_begroot: None,
        fte_realisatie: None,
        fte_peildatum: None,
        aantal_boekingen: 3,
    }
}

/// ISW-01 (Wmo): begroot 100.000, gerealiseerd 90.000; JGD-01 (Jeugdwet): 50.000 and 56.000.
/// Total: 150.000 against 146.000, verschil −4.000 = −2,67%.
fn financieel() -> Financieel {
    let regels = vec![
        regel("ISW-01", "ISW", Financiering::Wmo, dec!(100000), dec!(90000)),
        regel("JGD-01", "JGD", Financiering::Jeugdwet, dec!(50000), dec!(56000)),
    ];
    let per = |f: Financiering| Totaal::van(f.as_str(), regels.iter().filter(|r| r.financiering == f), false);
    Financieel {
        aantal_maanden: 12,
        totalen: Totalen {
            werksoort: PerWerksoort(vec![
                (
                    "ISW".into(),
                    Totaal::van("Individueel sociaal werk", &regels[..1], false),
                ),
                ("JGD".into(), Totaal::van("Jeugd (CJG)", &regels[1..], false)),
            ]),
            financiering: PerFinanciering {
                wmo: per(Financiering::Wmo),
                jeugdwet: per(Financiering::Jeugdwet),
            },
            totaal: Totaal::van("Totaal", regels.iter(), false),
        },
        regels,
    }
}

struct Fixture {
    afspraken: Afspraken,
    per_jaar: BTreeMap<i32, Vec<Indicator>>,
    wijk: Vec<kpi::Wijkgebiedcijfers>,
    financieel: Financieel,
}

fn fixture() -> Fixture {
    let set = set();
    let b = bron();
    let per_jaar = [2023, 2024]
        .into_iter()
        .map(|j| {
            (
                j,
                kpi::bereken(&b, set.voor_jaar(j), Periode::Jaar(j).tijdvak()).unwrap(),
            )
        })
        .collect();
    let afspraken = set.voor_jaar(2024).clone();
    let wijk = kpi::per_wijkgebied(&b, &afspraken, Periode::Jaar(2024).tijdvak()).unwrap();
    Fixture {
        afspraken,
        per_jaar,
        wijk,
        financieel: financieel(),
    }
}

fn model(f: &Fixture, toelichting: &Toelichting) -> Raadsinformatie {
    stel_op(&Invoer {
        afspraken: &f.afspraken,
        jaar: 2024,
        indicatoren: &f.per_jaar,
        wijkgebieden: Some(&f.wijk),
        financieel: Some(&f.financieel),
        proeftuin: None,
        toelichting,
        datakwaliteit: &Datakwaliteit::default(),
        opmerkingen: vec![],
    })
}

fn toelichting_met_raad() -> Toelichting {
    Toelichting {
        periode: "2024".into(),
        raad: Some(
            "# Raadsinformatie 2024\n\n## Kernboodschap\n\nHet sociaal werk ligt **op koers**.\n\n## Vervolg\n\n\
             In 2025 volgen wij de jeugd extra.\n"
                .into(),
        ),
        ..Toelichting::default()
    }
}

fn ind<'a>(json: &'a Value, id: &str) -> &'a Value {
    json["indicatoren"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id)
        .unwrap_or_else(|| panic!("{id} ontbreekt"))
}

#[test]
fn summary_counts_the_norms_and_names_the_movements() {
    let f = fixture();
    let m = model(&f, &toelichting_met_raad());
    let s = &m.samenvatting;
    // Norms 2024 (11): gehaald ISW 4w (20/20), 6w (20/20), afgesloten_6m (12/12), uitstroom
    // zelfstandig (12/20 ≥ 50%), JGD toeleiding (10/10), zelf opgelost (6/6), uitstroom jeugdhulp
    // (6/12 ≤ 50%), SW inzet (20/100 ≤ 30%) = 8; niet gehaald ISW doorverwijzing (2/12 > 10%),
    // CSW ontmoeting (10/11), JGD in behandeling (9/12) = 3.
    assert_eq!((s.normen, s.gehaald, s.niet_gehaald, s.zonder_oordeel), (11, 8, 3, 0));
    assert_eq!(
        s.niet_gehaald_ids,
        [
            "ISW.doorverwijzing_wmo",
            "CSW.ontmoeting_wijkgebieden",
            "JGD.in_behandeling_2w"
        ]
    );
    assert_eq!(
        s.zinnen[0],
        "Voor 2024 golden 11 normen met een streefwaarde; 8 daarvan zijn gehaald en 3 niet."
    );
    assert_eq!(
        s.zinnen[1],
        "Niet gehaald: Individueel sociaal werk – doorverwijzing naar maatwerkvoorziening Wmo; Collectief sociaal werk \
         – wijkgebieden met ontmoetingsactiviteit door inwoners; Jeugd (CJG) – hulpvraag binnen 2 weken in behandeling."
    );
    // Movements against 2023: 4 weeks 12/15 = 80,0% → 100,0% (+20,0 pp, score 20), for ISW and,
    // as the fixture has no CSW hulpvragen, the same for the SW norm; ISW aanmeldingen 15 → 20
    // (+33,3%, score 16,65). Nothing else changes with both years shown.
    let ids: Vec<&str> = s.bewegingen.iter().map(|b| b.id.as_str()).collect();
    assert_eq!(
        ids,
        ["ISW.eerste_gesprek_4w", "SW.eerste_gesprek_4w", "ISW.aanmeldingen"]
    );
    assert_eq!(
        s.bewegingen[0].zin,
        "Het aandeel ‘eerste vraagverhelderingsgesprek binnen 4 weken (individueel)’ bij individueel sociaal werk steeg \
         van 80,0% in 2023 naar 100,0% in 2024 (+20,0 procentpunt)."
    );
    assert_eq!(
        s.bewegingen[2].zin,
        "Het aantal aanmeldingen bij individueel sociaal werk steeg van 15 naar 20 (+33,3%)."
    );
    // Finance: 150.000 against 146.000 → 4.000 (2,7%) less.
    assert_eq!(
        s.zinnen.last().unwrap(),
        "Voor 2024 was €\u{a0}150.000 begroot; gerealiseerd is €\u{a0}146.000, €\u{a0}4.000 (2,7%) minder dan begroot."
    );
    let fin = m.financieel.as_ref().unwrap();
    assert_eq!(fin.totaal.verschil, dec!(-4000));
    assert_eq!(fin.financiering[1].code, "Jeugdwet");
    assert_eq!(fin.financiering[1].verschil, dec!(6000));
    assert_eq!(fin.verschillen.len(), 1);
    // raad.md parts; ontwikkelingen not delivered.
    assert_eq!(m.kernboodschap.as_deref(), Some("Het sociaal werk ligt **op koers**."));
    assert_eq!(m.vervolg.delen[0].markdown, "In 2025 volgen wij de jeugd extra.");
    assert!(m.ontwikkelingen.delen.is_empty());
    // … so the letter is a concept (revision 3), naming what is missing: the ontwikkelingen and
    // the analysis of the one difference it mentions.
    assert_eq!(m.status, domeinrapport::dekking::Rapportstatus::Concept);
    assert_eq!(m.ontbrekende_teksten.len(), 2, "{:?}", m.ontbrekende_teksten);
    assert!(m.ontbrekende_teksten[0].starts_with("ontwikkelingen"));
    assert!(m.ontbrekende_teksten[1].starts_with("analyse van het verschil op"));
    assert_eq!(m.verzendmaand, "juli 2025");
    // Per werksoort: ISW has 3 norms of which 2 met (revision 3: the 4/6-week norms are SW's).
    let isw = m.werksoorten.iter().find(|w| w.code == "ISW").unwrap();
    assert_eq!((isw.normen, isw.gehaald, isw.niet_gehaald), (3, 2, 1));
    assert_eq!(
        isw.zin,
        "In 2024 waren er 20 aanmeldingen (2023: 15). Voor 2024 golden 3 normen met een streefwaarde; 2 daarvan zijn \
         gehaald en 1 niet."
    );
}

#[test]
fn json_has_the_shape_and_withholds_every_small_count() {
    let f = fixture();
    let m = model(&f, &toelichting_met_raad());
    let json = serde_json::to_value(&m).unwrap();
    assert_eq!(json["rapport"], "raadsinformatie");
    assert_eq!(json["periode"]["code"], "2024");
    assert_eq!(json["periode"]["peildatum"], "2024-12-31");
    assert_eq!(
        (json["gemeente"].as_str(), json["aanbieder"].as_str()),
        (Some("Oss"), Some("ONS welzijn"))
    );

    // Primary: SRW wachtlijst 2, CSW aanmeldingen 3, JW deelnemers 4, JGD overschrijding 3.
    for id in [
        "SRW.wachtlijst",
        "CSW.aanmeldingen",
        "JW.deelnemers",
        "JGD.overschrijding_2w",
    ] {
        let i = ind(&json, id);
        assert_eq!(
            (&i["waarde"], &i["onderdrukt"], &i["weergave"]),
            (&Value::Null, &Value::Bool(true), &"<5".into()),
            "{id}"
        );
    }
    // ISW doorverwijzing 2 of 12: teller withheld, percentage `*`, noemer shown, status kept.
    let i = ind(&json, "ISW.doorverwijzing_wmo");
    assert_eq!(
        (&i["teller"], &i["noemer"], &i["waarde"]),
        (&Value::Null, &12.into(), &Value::Null)
    );
    assert_eq!(
        (i["weergave"].as_str(), i["status"].as_str()),
        (Some("*"), Some("niet_gehaald"))
    );
    assert_eq!(i["onderdrukte_velden"], serde_json::json!(["teller", "waarde"]));
    // JGD zelf opgelost 6 of 6: noemer below 10 → `*`, the teller too.
    let i = ind(&json, "JGD.zelf_opgelost_max5");
    assert_eq!(
        (&i["teller"], &i["noemer"], i["weergave"].as_str()),
        (&Value::Null, &6.into(), Some("*"))
    );
    // Secondary: teller 9 + overschrijding 3 = cohort 12 → the teller 9 goes (x), so 75% goes too.
    let i = ind(&json, "JGD.in_behandeling_2w");
    assert_eq!(
        (&i["teller"], &i["noemer"], i["weergave"].as_str()),
        (&Value::Null, &12.into(), Some("*"))
    );
    // The weeks over the deadline of 3 cases are withheld.
    for id in ["JGD.overschrijding_2w.weken_totaal", "JGD.overschrijding_2w.weken_max"] {
        assert_eq!(ind(&json, id)["weergave"], "*", "{id}");
    }
    // ISW uitstroom: line 1 = (zelfstandig+netwerk 12, collectief 6, maatwerk 2, rest 0 | 20): one
    // withheld (2) → collectief 6 goes. Line 2 = (zelfstandig 9, netwerk 3 | 12): one withheld →
    // zelfstandig 9 goes. The aggregate 12/20 = 60% stays.
    for id in ["ISW.uitstroom.zelfstandig", "ISW.uitstroom.collectief"] {
        let i = ind(&json, id);
        assert_eq!(
            (&i["teller"], i["weergave"].as_str()),
            (&Value::Null, Some("*")),
            "{id}"
        );
    }
    let i = ind(&json, "ISW.uitstroom_zelfstandig");
    assert_eq!(
        (&i["teller"], &i["noemer"], i["weergave"].as_str()),
        (&12.into(), &20.into(), Some("60,0%"))
    );
    // SW herhaalde hulpvraag: noemer = ISW 20 + CSW 3 (withheld, and both fixed by the wijk
    // table) → the noemer 23 goes.
    let i = ind(&json, "SW.herhaalde_hulpvraag");
    assert_eq!((&i["noemer"], &i["waarde"]), (&Value::Null, &Value::Null));
    // Not persons: wijkgebieden and hours are shown as they are.
    let i = ind(&json, "CSW.ontmoeting_wijkgebieden");
    assert_eq!(
        (&i["teller"], &i["noemer"], i["weergave"].as_str()),
        (&10.into(), &11.into(), Some("90,9%"))
    );
    // Trend: three years, 2022 without data.
    let t = &ind(&json, "ISW.aanmeldingen")["trend"];
    assert_eq!(t[0]["jaar"], 2022);
    assert_eq!(
        (&t[0]["waarde"], &t[1]["waarde"], &t[2]["waarde"]),
        (&Value::Null, &15.into(), &20.into())
    );

    // No count of persons from 1 to 4 anywhere: counts, tellers and noemers of fractions of
    // persons, trend values of counts, wijkgebied cells.
    let klein = |v: &Value| v.as_f64().is_some_and(|x| (1.0..=4.0).contains(&x));
    for i in json["indicatoren"].as_array().unwrap() {
        let id = i["id"].as_str().unwrap();
        match i["eenheid"].as_str().unwrap() {
            "aantal" => {
                assert!(!klein(&i["waarde"]), "{id}: {}", i["waarde"]);
                for t in i["trend"].as_array().unwrap() {
                    assert!(!klein(&t["waarde"]), "{id} trend {}", t);
                }
            }
            "fractie" if !domeinrapport::report::raad::NIET_PERSONEN.contains(&id) => {
                assert!(!klein(&i["teller"]) && !klein(&i["noemer"]), "{id}: {i}");
            }
            _ => {}
        }
        // A withheld value is null and flagged.
        if i["weergave"] == "<5" || i["weergave"] == "*" || i["weergave"] == "x" {
            assert_eq!(
                (&i["waarde"], &i["onderdrukt"]),
                (&Value::Null, &Value::Bool(true)),
                "{id}"
            );
        }
    }
    fn alle_getallen(v: &Value, uit: &mut Vec<f64>) {
        match v {
            Value::Number(n) => uit.push(n.as_f64().unwrap()),
            Value::Array(a) => a.iter().for_each(|x| alle_getallen(x, uit)),
            Value::Object(o) => o.values().for_each(|x| alle_getallen(x, uit)),
            _ => {}
        }
    }
    let mut getallen = Vec::new();
    alle_getallen(&json["wijkgebieden"], &mut getallen);
    assert!(getallen.iter().all(|x| !(1.0..=4.0).contains(x)), "{getallen:?}");
    assert!(!getallen.is_empty());
}

/// The signs of a wijkgebied table: its first `rijen` rows and the totals row.
fn tekens(t: &domeinrapport::report::onderdrukking::Kruistabel, rijen: usize) -> Vec<Vec<String>> {
    let tabel = t.als_tabel();
    let totalen = tabel.len() - 1;
    tabel
        .into_iter()
        .enumerate()
        .filter(|(i, _)| *i < rijen || *i == totalen)
        .map(|(_, r)| r.into_iter().map(|w| w.weergave.clone()).collect())
        .collect()
}

#[test]
fn wijkgebied_table_hides_cells_a_total_would_give_away() {
    let f = fixture();
    let m = model(&f, &Toelichting::default());
    let w = m.wijkgebieden.as_ref().unwrap();
    assert_eq!(w.werksoorten, ["SRW", "ISW", "CSW", "JGD", "JW"]);
    // Aanmeldingen 2024, hand-worked (columns SRW ISW CSW JGD JW | totaal):
    //   W01  5 12 0 12 0 | 29
    //   W02  2  8 0  0 0 | 10     2 small
    //   W03  0  0 3  0 0 |  3     3 small, row total 3 small
    //   tot  7 20 3 12 0 | 42     CSW total 3 small; column totals are fixed (indicators)
    // Rows: W02 has one (2) → ISW 8 (smaller than 10) → x. Totals row has one (3) → the column
    // totals are fixed, so the grand total 42 → x. Columns: SRW has one (2) → 5 → x. ISW has one
    // (8) → 12 → x. CSW has 3 withheld. T column: 3 and 42 → two. Second pass: stable.
    assert_eq!(
        tekens(&w.aanmeldingen, 3),
        [
            ["x", "x", "0", "12", "0", "29"],
            ["<5", "x", "0", "0", "0", "10"],
            ["0", "0", "<5", "0", "0", "<5"],
            ["7", "20", "<5", "12", "0", "x"],
        ]
    );
    // Rows W04–W11 are all zero and shown.
    assert!(w.aanmeldingen.cellen[3..].iter().flatten().all(|c| c.weergave == "0"));
    // Wachtlijst on 31-12-2024: only SRW in W02 (2): its row, column and grand total are all 2.
    assert_eq!(
        tekens(&w.wachtlijst, 2),
        [
            ["0", "0", "0", "0", "0"],
            ["<5", "0", "0", "0", "<5"],
            ["<5", "0", "0", "0", "<5"]
        ]
    );
    assert_eq!(w.zonder_ontmoeting, ["W11"]);
}

fn alle_tabellen(doc: &Document) -> Vec<&Tabel> {
    fn uit_sectie<'a>(s: &'a Sectie, v: &mut Vec<&'a Tabel>) {
        for b in &s.blokken {
            if let Blok::Tabel(t) = b {
                v.push(t);
            }
        }
        for sub in &s.subsecties {
            uit_sectie(sub, v);
        }
    }
    let mut v = Vec::new();
    for s in doc.secties.iter().chain(&doc.bijlagen) {
        uit_sectie(s, &mut v);
    }
    v
}

fn alle_blokken(doc: &Document) -> Vec<&Blok> {
    fn uit_sectie<'a>(s: &'a Sectie, v: &mut Vec<&'a Blok>) {
        v.extend(&s.blokken);
        for sub in &s.subsecties {
            uit_sectie(sub, v);
        }
    }
    let mut v: Vec<&Blok> = doc.samenvatting.iter().flat_map(|s| &s.blokken).collect();
    for s in doc.secties.iter().chain(&doc.bijlagen) {
        uit_sectie(s, &mut v);
    }
    v
}

#[test]
fn the_letter_has_its_parts_headers_alt_texts_and_footnotes() {
    let f = fixture();
    let m = model(&f, &toelichting_met_raad());
    let doc = domeinrapport::render::raad::document(&m);
    assert_eq!(doc.stijl, Stijl::Brief);
    assert_eq!(doc.soort, "raadsinformatie");
    let labels: Vec<&str> = doc.kenmerken.iter().map(|k| k.label.as_str()).collect();
    // The head of a raadsinformatiebrief (issue 18): addressee, date, portefeuillehouder by
    // name and a contact line, from the agreement's [raadsbrief].
    assert_eq!(
        labels,
        [
            "Aan",
            "Datum",
            "Onderwerp",
            "Portefeuillehouder",
            "Contactpersoon",
            "Contact",
            "Kenmerk",
            "Bijlagen"
        ]
    );
    assert_eq!(doc.kenmerken[0].waarde, "de gemeenteraad van Oss");
    assert_eq!(doc.kenmerken[1].waarde, "8 juli 2025");
    assert_eq!(doc.kenmerken[3].waarde, "wethouder M. Jansen (Sociaal Domein)");
    assert_eq!(doc.kenmerken[6].waarde, "RIB-SW-2024");
    let titels: Vec<&str> = doc.secties.iter().map(|s| s.titel.as_str()).collect();
    assert_eq!(
        titels,
        [
            "Aanleiding",
            "Voortgang per werksoort",
            "Financiën",
            "Ontwikkelingen en vervolg"
        ]
    );
    let bijlagen: Vec<&str> = doc.bijlagen.iter().map(|s| s.titel.as_str()).collect();
    assert_eq!(
        bijlagen,
        [
            "Indicatortabel",
            "Aanmeldingen en wachtlijst per wijkgebied",
            "Verantwoording van de cijfers"
        ]
    );
    // The box: the facts, then the college's kernboodschap (bold survives as a span).
    let sv = doc.samenvatting.as_ref().unwrap();
    assert_eq!(sv.titel, "Kernboodschap");
    assert!(matches!(&sv.blokken[1], Blok::Opsomming { items, .. }
        if items[0][0].tekst == "Voor 2024 golden 11 normen met een streefwaarde; 8 daarvan zijn gehaald en 3 niet."));
    assert!(
        sv.blokken
            .iter()
            .any(|b| matches!(b, Blok::Alinea(s) if s.iter().any(|x| x.vet && x.tekst == "op koers")))
    );

    // Every chart has an alt text that names its values; withheld values are gaps.
    let grafieken: Vec<_> = alle_blokken(&doc)
        .into_iter()
        .filter_map(|b| match b {
            Blok::Grafiek(g) => Some(g),
            _ => None,
        })
        .collect();
    // Aanmeldingen overview, ISW, CSW, JGD and SW norms, finance.
    assert_eq!(grafieken.len(), 6);
    for g in &grafieken {
        assert!(g.alt.len() > 60 && g.alt.contains("2024"), "{}", g.alt);
    }
    let jgd = grafieken.iter().find(|g| g.titel.starts_with("Jeugd (CJG)")).unwrap();
    assert!(jgd.alt.contains("2024 niet getoond (*)"), "{}", jgd.alt);
    assert_eq!(jgd.x_labels[0], "Start ≤2 wk");
    assert_eq!(jgd.reeksen[2].waarden[0], None);

    // Tables: headers present, row headers on; no cell shows a count from 1 to 4; footnotes
    // explain the signs that occur.
    for t in alle_tabellen(&doc) {
        assert!(!t.kolommen.is_empty() && t.rijkoppen, "{:?}", t.titel);
        for r in &t.rijen {
            for c in &r.cellen {
                assert!(
                    !["1", "2", "3", "4"].contains(&c.tekst.as_str()),
                    "{:?}: {}",
                    t.titel,
                    c.tekst
                );
            }
        }
        let tekst: Vec<&str> = t
            .rijen
            .iter()
            .flat_map(|r| r.cellen.iter().skip(1))
            .map(|c| c.tekst.as_str())
            .collect();
        for (teken, begin) in [("<5", "<5: "), ("*", "*: "), ("x", "x: ")] {
            assert_eq!(
                tekst.contains(&teken),
                t.voetnoten.iter().any(|v| v.starts_with(begin)),
                "{:?} {teken}",
                t.titel
            );
        }
    }
    // Ontwikkelingen not delivered: said so, nothing invented.
    let ow = &doc.secties[3].subsecties[0];
    assert!(matches!(&ow.blokken[0], Blok::Melding { tekst, .. } if tekst.starts_with("Niet aangeleverd")));
}

#[test]
fn without_raad_md_the_kernboodschap_is_not_invented() {
    let f = fixture();
    let m = model(&f, &Toelichting::default());
    assert_eq!(m.kernboodschap, None);
    let doc = domeinrapport::render::raad::document(&m);
    let sv = doc.samenvatting.unwrap();
    assert!(matches!(sv.blokken.last().unwrap(), Blok::Melding { tekst, .. }
        if tekst == "Niet aangeleverd: de kernboodschap van het college over 2024 (raad.md) ontbreekt."));
    let json = serde_json::to_value(&m).unwrap();
    assert_eq!(json["kernboodschap"], Value::Null);
}

/// Renders the letter as PDF/A-2a + PDF/UA-1 (Typst refuses a file that breaks either). With
/// `RAAD_PDF=/tmp/raad.pdf` the file is also written, for looking at.
#[test]
fn the_letter_renders_as_archival_accessible_pdf() {
    use domeinrapport::render::pdf::{PdfProfiel, render_pdf_met_meldingen};
    let f = fixture();
    let m = model(&f, &toelichting_met_raad());
    let doc = domeinrapport::render::raad::document(&m);
    let templates = Path::new(env!("CARGO_MANIFEST_DIR")).join("report_templates");
    let uit = render_pdf_met_meldingen(&doc, &templates, PdfProfiel::Archief).unwrap();
    assert!(uit.pdf.starts_with(b"%PDF-"));
    assert_eq!(uit.waarschuwingen, Vec::<String>::new());
    if let Ok(pad) = std::env::var("RAAD_PDF") {
        std::fs::write(&pad, &uit.pdf).unwrap();
        std::fs::write(format!("{pad}.html"), domeinrapport::render::html::render_html(&doc)).unwrap();
    }
}
