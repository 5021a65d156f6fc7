//! Hand-computed cases for the outputs of seed 003; each expected value is worked out next to
//! the rows that produce it. Period: Q2 2024 (1 April – 30 June).

use std::path::Path;

use chrono::NaiveDate;
use polars::prelude::*;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use super::*;
use crate::afspraken::AfsprakenSet;
use crate::kpi::Status;
use crate::period::Periode;

fn d(y: i32, m: u32, dd: u32) -> Option<i32> {
    NaiveDate::from_ymd_opt(y, m, dd).map(dag)
}

const Q2: Periode = Periode::Kwartaal(2024, 2);

fn afspraken() -> AfsprakenSet {
    crate::afspraken::load_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/afspraken").as_path())
        .expect("bundled afspraken load")
}

/// (werksoort, categorie, aanmelddatum, proeftuin)
type Hv = (&'static str, &'static str, Option<i32>, bool);
/// (werksoort, soort, door_inwoners, start, einde, deelnemers)
type Act = (&'static str, &'static str, bool, Option<i32>, Option<i32>, Option<i64>);
/// (werksoort, soort, datum, resultaat)
type Con = (&'static str, &'static str, Option<i32>, Option<&'static str>);

fn bron(hv: &[Hv], act: &[Act], con: Option<&[Con]>) -> Bron {
    let n = hv.len();
    let geen = || vec![None::<i32>; n];
    let hv = DataFrame::new_infer_height(vec![
        Column::new("id".into(), (0..n).map(|i| format!("H{i}")).collect::<Vec<_>>()),
        Column::new("client".into(), (0..n).map(|i| format!("C{i}")).collect::<Vec<_>>()),
        Column::new("ws".into(), hv.iter().map(|r| r.0).collect::<Vec<_>>()),
        Column::new("wijk".into(), vec!["W01"; n]),
        Column::new("cat".into(), hv.iter().map(|r| r.1).collect::<Vec<_>>()),
        Column::new("aanm".into(), hv.iter().map(|r| r.2).collect::<Vec<_>>()),
        Column::new("eg".into(), geen()),
        Column::new("vva".into(), geen()),
        Column::new("ts".into(), geen()),
        Column::new("afg".into(), geen()),
        Column::new("uit".into(), vec![None::<&str>; n]),
        Column::new("gespr".into(), geen()),
        Column::new("aanv".into(), geen()),
        Column::new("bes".into(), geen()),
        Column::new("crisis".into(), vec![false; n]),
        Column::new("pt".into(), hv.iter().map(|r| r.3).collect::<Vec<_>>()),
    ])
    .unwrap();
    let uren = DataFrame::new_infer_height(vec![
        Column::new("ws".into(), Vec::<&str>::new()),
        Column::new("dag".into(), Vec::<i32>::new()),
        Column::new("uren".into(), Vec::<i64>::new()),
        Column::new("inzet".into(), Vec::<&str>::new()),
    ])
    .unwrap();
    let act = DataFrame::new_infer_height(vec![
        Column::new("ws".into(), act.iter().map(|a| a.0).collect::<Vec<_>>()),
        Column::new("wijk".into(), vec!["W01"; act.len()]),
        Column::new("soort".into(), act.iter().map(|a| a.1).collect::<Vec<_>>()),
        Column::new("door".into(), act.iter().map(|a| a.2).collect::<Vec<_>>()),
        Column::new("start".into(), act.iter().map(|a| a.3).collect::<Vec<_>>()),
        Column::new("einde".into(), act.iter().map(|a| a.4).collect::<Vec<_>>()),
        Column::new("deelnemers".into(), act.iter().map(|a| a.5).collect::<Vec<_>>()),
    ])
    .unwrap();
    let mut b = Bron::uit_tabellen(hv, uren, act).unwrap();
    b.con = con.map(|c| {
        DataFrame::new_infer_height(vec![
            Column::new("ws".into(), c.iter().map(|r| r.0).collect::<Vec<_>>()),
            Column::new("soort".into(), c.iter().map(|r| r.1).collect::<Vec<_>>()),
            Column::new("dag".into(), c.iter().map(|r| r.2).collect::<Vec<_>>()),
            Column::new("res".into(), c.iter().map(|r| r.3).collect::<Vec<_>>()),
        ])
        .unwrap()
    });
    b
}

fn run(b: &Bron) -> Outputcijfers {
    let set = afspraken();
    bereken(b, set.voor_jaar(2024), Q2.tijdvak()).unwrap()
}

fn waarde(o: &Outputcijfers, id: &str) -> (Option<Decimal>, Status) {
    let i = o.indicator(id).unwrap_or_else(|| panic!("missing {id}"));
    (i.waarde, i.status)
}

#[test]
fn aanmeldingen_per_categorie_count_the_proeftuin_and_only_p() {
    let o = run(&bron(
        &[
            ("ISW", "wonen", d(2024, 4, 2), false),       // ISW wonen 1
            ("ISW", "wonen", d(2024, 6, 30), false),      // ISW wonen 2 (peildatum)
            ("ISW", "financien", d(2024, 5, 1), true),    // Proeftuin: counts (no norm)
            ("ISW", "financien", d(2024, 3, 31), false),  // before P
            ("CSW", "eenzaamheid", d(2024, 4, 1), false), // CSW eenzaamheid 1
        ],
        &[],
        None,
    ));
    let isw = o.categorieen.iter().find(|c| c.werksoort == "ISW").unwrap();
    let cel = |c: &CategorieWerksoort, k: &str| c.categorieen.iter().find(|x| x.categorie == k).unwrap().aantal;
    assert_eq!((cel(isw, "wonen"), cel(isw, "financien"), isw.totaal), (2, 1, 3));
    assert_eq!(
        isw.categorieen
            .iter()
            .find(|x| x.categorie == "financien")
            .unwrap()
            .naam,
        "Financiën"
    );
    let csw = o.categorieen.iter().find(|c| c.werksoort == "CSW").unwrap();
    assert_eq!((cel(csw, "eenzaamheid"), csw.totaal), (1, 1));
    let srw = o.categorieen.iter().find(|c| c.werksoort == "SRW").unwrap();
    assert_eq!(srw.totaal, 0);
    // Every categorie of the agreement, zero included, in its order.
    assert_eq!(srw.categorieen.len(), afspraken().voor_jaar(2024).categorieen.len());
    assert_eq!(o.categorieen.len(), 5);
}

#[test]
fn activities_courses_groups_mean_participants_and_initiatives() {
    let o = run(&bron(
        &[],
        &[
            ("CSW", "groep", false, d(2024, 1, 1), None, Some(10)), // running
            ("CSW", "cursus", true, d(2024, 5, 1), d(2024, 6, 1), Some(15)), // running, new initiative
            ("CSW", "groep", false, d(2024, 2, 1), d(2024, 3, 31), Some(100)), // ended before P
            ("CSW", "cursus", false, d(2024, 4, 10), None, None),   // running, no deelnemers
            ("CSW", "ontmoeting", true, d(2023, 1, 1), None, Some(40)), // initiative, not new, no course
            ("CSW", "groep", true, d(2024, 7, 1), None, Some(8)),   // starts after the peildatum
            ("JW", "groep", false, d(2024, 4, 1), None, None),      // JW: one, without deelnemers
        ],
        None,
    ));
    // CSW: groep 10, cursus 15, cursus without deelnemers = 3; mean (10 + 15) / 2 = 12,5.
    assert_eq!(waarde(&o, "CSW.cursussen_groepen"), (Some(dec!(3)), Status::Monitor));
    assert_eq!(
        waarde(&o, "CSW.deelnemers_gemiddeld"),
        (Some(dec!(12.5)), Status::Monitor)
    );
    // An activity without deelnemers: counted, but no mean at all.
    assert_eq!(waarde(&o, "JW.cursussen_groepen"), (Some(dec!(1)), Status::Monitor));
    assert_eq!(waarde(&o, "JW.deelnemers_gemiddeld"), (None, Status::GeenGegevens));
    assert_eq!(waarde(&o, "ISW.cursussen_groepen"), (Some(dec!(0)), Status::Monitor));
    assert_eq!(waarde(&o, "ISW.deelnemers_gemiddeld"), (None, Status::GeenGegevens));
    // Door inwoners and running: the CSW cursus (new: start 1 May) and the ontmoeting (2023).
    assert_eq!(waarde(&o, "CSW.burgerinitiatieven"), (Some(dec!(2)), Status::Monitor));
    assert_eq!(
        waarde(&o, "CSW.burgerinitiatieven_nieuw"),
        (Some(dec!(1)), Status::Monitor)
    );
    assert!(!o.contacten_aangeleverd);
}

#[test]
fn without_contacten_csv_every_contact_figure_is_niet_aangeleverd() {
    let o = run(&bron(&[], &[], None));
    assert!(!o.contacten_aangeleverd);
    // 5 werksoorten × 9 soorten, then the two success rates; none has a value.
    assert_eq!(o.contacten.len(), 5 * 9 + 2);
    assert_eq!(o.contacten[0].id, "SRW.contacten.kort_contact");
    assert_eq!(o.contacten[46].id, "CSW.koppeling_succesvol");
    for i in &o.contacten {
        assert_eq!(
            (i.teller, i.noemer, i.waarde, i.status),
            (None, None, None, Status::NietAangeleverd),
            "{}",
            i.id
        );
    }
    // The norms stay, so the reader sees what could not be judged.
    let b = o.indicator("CSW.buurtbemiddeling_positief").unwrap();
    assert_eq!(b.norm.as_ref().unwrap().drempel, dec!(0.6));
    // The activities are still measured: an empty activities file is zero, not missing.
    assert_eq!(waarde(&o, "CSW.cursussen_groepen"), (Some(dec!(0)), Status::Monitor));
    // The quarterly summary gets the two fractions with their status.
    let set = afspraken();
    let g = genormeerde(&bron(&[], &[], None), set.voor_jaar(2024), Q2.tijdvak()).unwrap();
    assert_eq!(
        g.iter().map(|i| (i.id.as_str(), i.status)).collect::<Vec<_>>(),
        vec![
            ("CSW.buurtbemiddeling_positief", Status::NietAangeleverd),
            ("CSW.koppeling_succesvol", Status::NietAangeleverd)
        ]
    );
}

#[test]
fn contacts_per_soort_and_the_two_success_rates() {
    let con: &[Con] = &[
        ("CSW", "buurtbemiddeling", d(2024, 4, 5), Some("positief")),
        ("CSW", "buurtbemiddeling", d(2024, 5, 5), Some("positief")),
        ("CSW", "buurtbemiddeling", d(2024, 6, 5), Some("negatief")),
        ("CSW", "buurtbemiddeling", d(2024, 6, 20), Some("lopend")), // counted, outside the cohort
        ("CSW", "buurtbemiddeling", d(2024, 3, 20), Some("positief")), // before P
        ("CSW", "vrijwilligerskoppeling", d(2024, 4, 10), Some("positief")),
        ("CSW", "vrijwilligerskoppeling", d(2024, 4, 11), Some("negatief")),
        ("SRW", "kort_contact", d(2024, 4, 1), None),
        ("SRW", "kort_contact", d(2024, 6, 30), None),
        ("SRW", "kort_contact", d(2024, 7, 1), None), // after the peildatum
    ];
    let o = run(&bron(&[], &[], Some(con)));
    assert!(o.contacten_aangeleverd);
    assert_eq!(o.contacten.len(), 5 * 9 + 2);
    assert_eq!(waarde(&o, "CSW.contacten.buurtbemiddeling").0, Some(dec!(4)));
    assert_eq!(waarde(&o, "CSW.contacten.vrijwilligerskoppeling").0, Some(dec!(2)));
    assert_eq!(waarde(&o, "SRW.contacten.kort_contact").0, Some(dec!(2)));
    assert_eq!(
        waarde(&o, "JW.contacten.ouderenbezoek"),
        (Some(dec!(0)), Status::Monitor)
    );
    // Buurtbemiddeling: 2 positief of 3 finished (the lopend one is not) = 66,7% ≥ 60%.
    let b = o.indicator("CSW.buurtbemiddeling_positief").unwrap();
    assert_eq!(
        (b.teller, b.noemer, b.status),
        (Some(dec!(2)), Some(dec!(3)), Status::Gehaald)
    );
    // Koppeling: 1 of 2 = 50% < 85%.
    let k = o.indicator("CSW.koppeling_succesvol").unwrap();
    assert_eq!(
        (k.teller, k.noemer, k.status),
        (Some(dec!(1)), Some(dec!(2)), Status::NietGehaald)
    );
    assert_eq!(k.norm.as_ref().unwrap().drempel, dec!(0.85));
}

#[test]
fn only_lopend_mediations_give_no_value() {
    let con: &[Con] = &[("CSW", "buurtbemiddeling", d(2024, 5, 1), Some("lopend"))];
    let o = run(&bron(&[], &[], Some(con)));
    let b = o.indicator("CSW.buurtbemiddeling_positief").unwrap();
    assert_eq!(
        (b.noemer, b.waarde, b.status),
        (Some(dec!(0)), None, Status::GeenGegevens)
    );
    assert_eq!(waarde(&o, "CSW.contacten.buurtbemiddeling").0, Some(dec!(1)));
}
