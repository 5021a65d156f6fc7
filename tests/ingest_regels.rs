//! The row rules of the data contract, per file: every rule with its exact outcome (accepted,
//! or rejected with line, column, value and reason), duplicates and the cross-file rules.

#[path = "fixtures/ingest/helpers.rs"]
mod helpers;

use helpers::*;

/// The rejects of hulpvragen.csv holding the one row `wijzig` (line 2).
fn een_hulpvraag(wijzig: &[(&str, &str)]) -> Vec<(usize, String, String, String)> {
    let m = Map::new();
    m.schrijf("hulpvragen.csv", &bestand(HV_KOP, &[hv(wijzig)]));
    let ds = m.laad_los();
    let af = afkeuringen(&ds, "hulpvragen.csv");
    assert_eq!(ds.hulpvragen.height(), 1 - af.len());
    af
}

/// Asserts the one hulpvraag is accepted.
fn geaccepteerd(wijzig: &[(&str, &str)]) {
    assert_eq!(een_hulpvraag(wijzig), vec![], "{wijzig:?}");
}

/// Asserts the one hulpvraag is rejected at `kolom` with `reden`.
fn afgekeurd(wijzig: &[(&str, &str)], kolom: &str, reden: &str) {
    let waarde = wijzig.iter().find(|(k, _)| *k == kolom).map_or("", |(_, v)| *v);
    assert_eq!(een_hulpvraag(wijzig), vec![af(2, kolom, waarde, reden)], "{wijzig:?}");
}

#[test]
fn a_complete_valid_hulpvraag_is_accepted() {
    geaccepteerd(&[
        ("leeftijd", "40"),
        ("eerste_gesprek", "2024-01-20"),
        ("vraagverheldering_afgerond", "2024-02-01"),
        ("traject_start", "2024-02-05"),
        ("afgesloten", "2024-05-01"),
        ("uitstroom", "netwerk"),
        ("aantal_gesprekken", "4"),
        ("crisis", "nee"),
    ]);
    // Every date on the same day as aanmelddatum.
    geaccepteerd(&[
        ("eerste_gesprek", "2024-01-10"),
        ("vraagverheldering_afgerond", "10-01-2024"),
        ("traject_start", "2024-01-10"),
        ("afgesloten", "2024-01-10"),
        ("uitstroom", "overig"),
    ]);
}

#[test]
fn dates_must_not_precede_aanmelddatum() {
    for kolom in ["eerste_gesprek", "vraagverheldering_afgerond", "traject_start"] {
        afgekeurd(
            &[(kolom, "2024-01-09")],
            kolom,
            &format!("{kolom} (09-01-2024) ligt vóór aanmelddatum (10-01-2024)"),
        );
    }
    afgekeurd(
        &[
            ("aanmelddatum", "03-02-2024"),
            ("afgesloten", "01-02-2024"),
            ("uitstroom", "zelfstandig"),
        ],
        "afgesloten",
        "afgesloten (01-02-2024) ligt vóór aanmelddatum (03-02-2024)",
    );
    for kolom in ["aanvraag_jeugdhulp", "besluit_jeugdhulp"] {
        afgekeurd(
            &[("werksoort", "JGD"), (kolom, "9-1-2024")],
            kolom,
            &format!("{kolom} (09-01-2024) ligt vóór aanmelddatum (10-01-2024)"),
        );
    }
}

#[test]
fn vraagverheldering_not_before_eerste_gesprek() {
    afgekeurd(
        &[
            ("eerste_gesprek", "2024-01-20"),
            ("vraagverheldering_afgerond", "2024-01-15"),
        ],
        "vraagverheldering_afgerond",
        "vraagverheldering_afgerond (15-01-2024) ligt vóór eerste_gesprek (20-01-2024)",
    );
    // Only compared when both are set.
    geaccepteerd(&[("vraagverheldering_afgerond", "2024-01-15")]);
}

#[test]
fn traject_start_not_before_vraagverheldering() {
    afgekeurd(
        &[
            ("vraagverheldering_afgerond", "2024-02-01"),
            ("traject_start", "2024-01-31"),
        ],
        "traject_start",
        "traject_start (31-01-2024) ligt vóór vraagverheldering_afgerond (01-02-2024)",
    );
    geaccepteerd(&[("traject_start", "2024-01-31")]);
}

#[test]
fn afgesloten_not_before_any_other_date_except_jeugdhulp() {
    let basis = [("afgesloten", "2024-01-15"), ("uitstroom", "zelfstandig")];
    for (kolom, reden) in [
        (
            "eerste_gesprek",
            "afgesloten (15-01-2024) ligt vóór eerste_gesprek (16-01-2024)",
        ),
        (
            "vraagverheldering_afgerond",
            "afgesloten (15-01-2024) ligt vóór vraagverheldering_afgerond (16-01-2024)",
        ),
        (
            "traject_start",
            "afgesloten (15-01-2024) ligt vóór traject_start (16-01-2024)",
        ),
    ] {
        let mut w = basis.to_vec();
        w.push((kolom, "2024-01-16"));
        afgekeurd(&w, "afgesloten", reden);
    }
    // A JGD hulpvraag may be closed before the jeugdhulp aanvraag and besluit.
    geaccepteerd(&[
        ("werksoort", "JGD"),
        ("afgesloten", "2024-01-15"),
        ("uitstroom", "jeugdhulp"),
        ("aanvraag_jeugdhulp", "2024-02-01"),
        ("besluit_jeugdhulp", "2024-03-15"),
    ]);
}

#[test]
fn besluit_not_before_aanvraag() {
    afgekeurd(
        &[
            ("werksoort", "JGD"),
            ("aanvraag_jeugdhulp", "2024-02-01"),
            ("besluit_jeugdhulp", "2024-01-31"),
        ],
        "besluit_jeugdhulp",
        "besluit_jeugdhulp (31-01-2024) ligt vóór aanvraag_jeugdhulp (01-02-2024)",
    );
    geaccepteerd(&[
        ("werksoort", "jgd"),
        ("aanvraag_jeugdhulp", "2024-02-01"),
        ("besluit_jeugdhulp", "2024-02-01"),
    ]);
}

#[test]
fn jeugdhulp_dates_only_for_jgd() {
    afgekeurd(
        &[("aanvraag_jeugdhulp", "2024-02-01")],
        "aanvraag_jeugdhulp",
        "aanvraag_jeugdhulp mag alleen bij werksoort JGD zijn ingevuld, niet bij ISW",
    );
    afgekeurd(
        &[("werksoort", "SRW"), ("besluit_jeugdhulp", "2024-02-01")],
        "besluit_jeugdhulp",
        "besluit_jeugdhulp mag alleen bij werksoort JGD zijn ingevuld, niet bij SRW",
    );
}

#[test]
fn unknown_codes() {
    afgekeurd(&[("werksoort", "XYZ")], "werksoort", "onbekende werksoort 'XYZ'");
    afgekeurd(&[("wijkgebied", "W12")], "wijkgebied", "onbekend wijkgebied 'W12'");
    afgekeurd(
        &[("categorie", "armoede")],
        "categorie",
        "onbekende categorie 'armoede'",
    );
    afgekeurd(
        &[("afgesloten", "2024-02-01"), ("uitstroom", "weg")],
        "uitstroom",
        "onbekende uitstroom 'weg'",
    );
}

#[test]
fn uitstroom_if_and_only_if_afgesloten() {
    afgekeurd(
        &[("uitstroom", "zelfstandig")],
        "uitstroom",
        "uitstroom is ingevuld maar afgesloten is leeg",
    );
    afgekeurd(
        &[("afgesloten", "2024-02-01")],
        "uitstroom",
        "uitstroom ontbreekt bij een afgesloten hulpvraag",
    );
}

#[test]
fn leeftijd_between_0_and_120() {
    geaccepteerd(&[("leeftijd", "0")]);
    geaccepteerd(&[("leeftijd", "120")]);
    afgekeurd(&[("leeftijd", "121")], "leeftijd", "leeftijd 121 ligt buiten 0–120");
    afgekeurd(&[("leeftijd", "-1")], "leeftijd", "leeftijd -1 ligt buiten 0–120");
    afgekeurd(&[("leeftijd", "12,5")], "leeftijd", "geen geheel getal '12,5'");
}

#[test]
fn aantal_gesprekken_not_negative() {
    geaccepteerd(&[("aantal_gesprekken", "0")]);
    afgekeurd(
        &[("aantal_gesprekken", "-2")],
        "aantal_gesprekken",
        "aantal_gesprekken is negatief",
    );
}

#[test]
fn the_lowest_column_names_the_reason() {
    // Unknown werksoort (column 3) and an invalid afgesloten (column 11): the werksoort is reported.
    afgekeurd(
        &[
            ("werksoort", "XYZ"),
            ("afgesloten", "31-02-2024"),
            ("uitstroom", "zelfstandig"),
        ],
        "werksoort",
        "onbekende werksoort 'XYZ'",
    );
}

#[test]
fn duplicate_hulpvraag_id_rejects_every_row_carrying_it() {
    let m = Map::new();
    m.schrijf(
        "hulpvragen.csv",
        &bestand(
            HV_KOP,
            &[
                hv(&[("hulpvraag_id", "H1")]),
                hv(&[("hulpvraag_id", "H2")]),
                hv(&[("hulpvraag_id", "H1"), ("client_id", "C9")]),
                hv(&[("hulpvraag_id", "H3"), ("werksoort", "XYZ")]),
                hv(&[("hulpvraag_id", "H3")]),
            ],
        ),
    );
    let ds = m.laad_los();
    assert_eq!(
        afkeuringen(&ds, "hulpvragen.csv"),
        vec![
            af(
                2,
                "hulpvraag_id",
                "H1",
                "hulpvraag_id 'H1' komt meer dan eens voor (regels 2, 4)"
            ),
            af(
                4,
                "hulpvraag_id",
                "H1",
                "hulpvraag_id 'H1' komt meer dan eens voor (regels 2, 4)"
            ),
            af(
                5,
                "hulpvraag_id",
                "H3",
                "hulpvraag_id 'H3' komt meer dan eens voor (regels 5, 6)"
            ),
            af(
                6,
                "hulpvraag_id",
                "H3",
                "hulpvraag_id 'H3' komt meer dan eens voor (regels 5, 6)"
            ),
        ]
    );
    assert_eq!(strs(&ds.hulpvragen, "hulpvraag_id"), vec![Some("H2".to_string())]);
    assert_eq!(telling(&ds, "hulpvragen.csv"), (5, 1, 4));
}

#[test]
fn uren_greater_than_0_and_at_most_24() {
    let m = Map::new();
    let waarden = ["0,0001", "24", "0", "-1", "24,01", "8,12345"];
    let rijen: Vec<String> = waarden.iter().map(|u| uur(&[("uren", u)])).collect();
    m.schrijf("uren.csv", &bestand(UREN_KOP, &rijen));
    let ds = m.laad_los();
    assert_eq!(ints(&ds.uren, "uren"), vec![Some(1), Some(240_000)]);
    assert_eq!(
        afkeuringen(&ds, "uren.csv"),
        vec![
            af(4, "uren", "0", "uren moet groter dan 0 zijn"),
            af(5, "uren", "-1", "uren moet groter dan 0 zijn"),
            af(6, "uren", "24,01", "meer dan 24 uur op één dag"),
            af(7, "uren", "8,12345", "meer dan vier decimalen"),
        ]
    );
}

#[test]
fn uren_unknown_codes() {
    let m = Map::new();
    m.schrijf(
        "uren.csv",
        &bestand(
            UREN_KOP,
            &[uur(&[("inzet", "vergaderen")]), uur(&[("werksoort", "WMO")])],
        ),
    );
    let ds = m.laad_los();
    assert_eq!(
        afkeuringen(&ds, "uren.csv"),
        vec![
            af(2, "inzet", "vergaderen", "onbekende inzet 'vergaderen'"),
            af(3, "werksoort", "WMO", "onbekende werksoort 'WMO'"),
        ]
    );
}

#[test]
fn activiteiten_rules() {
    let m = Map::new();
    m.schrijf(
        "activiteiten.csv",
        &bestand(
            ACT_KOP,
            &[
                act(&[("activiteit_id", "A1"), ("einde", "2024-01-10"), ("deelnemers", "0")]),
                act(&[("activiteit_id", "A2"), ("einde", "2024-01-09")]),
                act(&[("activiteit_id", "A3"), ("deelnemers", "-3")]),
                act(&[("activiteit_id", "A4"), ("soort", "feest")]),
                act(&[("activiteit_id", "A5"), ("door_inwoners", "")]),
                act(&[("activiteit_id", "A6"), ("wijkgebied", "W00")]),
                act(&[("activiteit_id", "A1"), ("naam", "Tweede")]),
            ],
        ),
    );
    let ds = m.laad_los();
    assert_eq!(
        afkeuringen(&ds, "activiteiten.csv"),
        vec![
            af(
                2,
                "activiteit_id",
                "A1",
                "activiteit_id 'A1' komt meer dan eens voor (regels 2, 8)"
            ),
            af(
                3,
                "einde",
                "2024-01-09",
                "einde (09-01-2024) ligt vóór start (10-01-2024)"
            ),
            af(4, "deelnemers", "-3", "aantal deelnemers is negatief"),
            af(5, "soort", "feest", "onbekende soort 'feest'"),
            af(6, "door_inwoners", "", "verplichte waarde ontbreekt"),
            af(7, "wijkgebied", "W00", "onbekend wijkgebied 'W00'"),
            af(
                8,
                "activiteit_id",
                "A1",
                "activiteit_id 'A1' komt meer dan eens voor (regels 2, 8)"
            ),
        ]
    );
    assert_eq!(telling(&ds, "activiteiten.csv"), (7, 0, 7));
}

#[test]
fn begroting_rules_and_duplicate_regel_id_per_year() {
    let m = Map::new();
    m.schrijf(
        "begroting.csv",
        &bestand(
            BEGR_KOP,
            &[
                begr(&[("jaar", "2023")]),
                begr(&[("jaar", "2024")]),
                begr(&[("jaar", "2024"), ("regel_id", "isw-01"), ("regel", "Andere naam")]),
                begr(&[
                    ("regel_id", "JGD-01"),
                    ("werksoort", "JGD"),
                    ("financiering", "jeugdwet"),
                    ("fte", "2,5"),
                ]),
                begr(&[("regel_id", "ISW-02"), ("fte", "-1")]),
                begr(&[("regel_id", "ISW-03"), ("financiering", "Rijk")]),
                begr(&[("regel_id", "ISW-04"), ("jaar", "24")]),
                begr(&[("regel_id", "ISW-05"), ("bedrag", "10,005")]),
            ],
        ),
    );
    let ds = m.laad_los();
    assert_eq!(
        afkeuringen(&ds, "begroting.csv"),
        vec![
            af(
                3,
                "regel_id",
                "ISW-01",
                "regel_id 'ISW-01' komt in 2024 meer dan eens voor (regels 3, 4)"
            ),
            af(
                4,
                "regel_id",
                "ISW-01",
                "regel_id 'ISW-01' komt in 2024 meer dan eens voor (regels 3, 4)"
            ),
            af(6, "fte", "-1", "fte is negatief"),
            af(
                7,
                "financiering",
                "Rijk",
                "onbekende financiering 'Rijk' (Wmo of Jeugdwet)"
            ),
            af(8, "jaar", "24", "ongeldig jaar 24"),
            af(9, "bedrag", "10,005", "meer dan twee decimalen"),
        ]
    );
    assert_eq!(ints(&ds.begroting, "jaar"), vec![Some(2023), Some(2024)]);
    assert_eq!(
        strs(&ds.begroting, "regel_id"),
        vec![Some("ISW-01".into()), Some("JGD-01".into())]
    );
    assert_eq!(
        strs(&ds.begroting, "financiering"),
        vec![Some("Wmo".into()), Some("Jeugdwet".into())]
    );
    assert_eq!(ints(&ds.begroting, "fte_e4"), vec![None, Some(25_000)]);
    assert_eq!(ints(&ds.begroting, "bedrag_cent"), vec![Some(100_000), Some(100_000)]);
}

#[test]
fn realisatie_regel_id_must_exist_in_begroting_of_the_booking_year() {
    let m = Map::new();
    m.schrijf(
        "begroting.csv",
        &bestand(
            BEGR_KOP,
            &[
                begr(&[]),
                begr(&[("regel_id", "ISW-02")]),
                begr(&[("regel_id", "ISW-02"), ("regel", "dubbel")]),
            ],
        ),
    );
    m.schrijf(
        "realisatie.csv",
        &bestand(
            REAL_KOP,
            &[
                real(&[("bedrag", "-1.234,56"), ("omschrijving", "correctie")]),
                real(&[("boekdatum", "31-12-2023"), ("boekstuk", "B2"), ("bedrag", "50")]),
                real(&[("regel_id", "XYZ"), ("boekstuk", "B3")]),
                real(&[("regel_id", "ISW-02"), ("boekstuk", "B4")]),
                real(&[("boekstuk", "B5"), ("bedrag", "1,001")]),
                real(&[("boekstuk", "B6"), ("boekdatum", "")]),
            ],
        ),
    );
    let ds = m.laad_los();
    assert_eq!(
        afkeuringen(&ds, "realisatie.csv"),
        vec![
            af(
                3,
                "regel_id",
                "ISW-01",
                "regel_id 'ISW-01' staat niet in de begroting van 2023"
            ),
            af(
                4,
                "regel_id",
                "XYZ",
                "regel_id 'XYZ' staat niet in de begroting van 2024"
            ),
            // ISW-02 exists twice in 2024, so both begroting lines are rejected.
            af(
                5,
                "regel_id",
                "ISW-02",
                "regel_id 'ISW-02' staat niet in de begroting van 2024"
            ),
            af(6, "bedrag", "1,001", "meer dan twee decimalen"),
            af(7, "boekdatum", "", "verplichte waarde ontbreekt"),
        ]
    );
    assert_eq!(ints(&ds.realisatie, "bedrag_cent"), vec![Some(-123_456)]);
    assert_eq!(strs(&ds.realisatie, "omschrijving"), vec![Some("correctie".into())]);
    // The rejected lines with their amounts, for the reconciliation.
    let r: Vec<_> = ds
        .realisatie_afgekeurd
        .iter()
        .map(|a| {
            (
                a.regel,
                a.boekdatum,
                a.boekstuk.as_str(),
                a.regel_id.as_str(),
                a.bedrag_cent,
            )
        })
        .collect();
    assert_eq!(
        r,
        vec![
            (3, Some(d(2023, 12, 31)), "B2", "ISW-01", Some(5_000)),
            (4, Some(d(2024, 2, 1)), "B3", "XYZ", Some(10_000)),
            (5, Some(d(2024, 2, 1)), "B4", "ISW-02", Some(10_000)),
            (6, Some(d(2024, 2, 1)), "B5", "ISW-01", None),
            (7, None, "B6", "ISW-01", Some(10_000)),
        ]
    );
    assert_eq!(
        ds.realisatie_afgekeurd[0].reden,
        "regel_id 'ISW-01' staat niet in de begroting van 2023"
    );
}

#[test]
fn possible_double_booking_is_kept_with_a_warning_naming_the_boekstuk() {
    let m = Map::new();
    m.schrijf(
        "realisatie.csv",
        &bestand(
            REAL_KOP,
            &[
                real(&[("boekstuk", "2024-0815")]),
                real(&[("boekstuk", "2024-0815"), ("bedrag", "100,01")]),
                real(&[("boekstuk", "2024-0815"), ("bedrag", "100")]),
                real(&[("boekstuk", "B9"), ("boekdatum", "2024-02-02")]),
            ],
        ),
    );
    let ds = m.laad_los();
    assert_eq!(telling(&ds, "realisatie.csv"), (4, 4, 0));
    assert_eq!(
        waarschuwingen(&ds.kwaliteit, "realisatie.csv"),
        vec![(
            Some(2),
            "mogelijk_dubbele_boeking".into(),
            "mogelijk dubbele boeking: boekstuk '2024-0815' staat 2 keer in het bestand met dezelfde regel_id (ISW-01), \
             boekdatum (01-02-2024) en hetzelfde bedrag (€\u{a0}100,00), op regels 2, 4; alle regels zijn meegeteld"
                .into()
        )]
    );
}

#[test]
fn frames_have_the_contract_columns_and_types() {
    use polars::prelude::DataType::*;
    let m = Map::new();
    m.schrijf(
        "hulpvragen.csv",
        &bestand(HV_KOP, &[hv(&[("crisis", "ja"), ("leeftijd", "33")])]),
    );
    m.schrijf("uren.csv", &bestand(UREN_KOP, &[uur(&[])]));
    m.schrijf("activiteiten.csv", &bestand(ACT_KOP, &[act(&[("deelnemers", "12")])]));
    m.schrijf("realisatie.csv", &bestand(REAL_KOP, &[real(&[])]));
    m.schrijf("formatie.csv", &format!("{FORM_KOP}\n2024-06-30;ISW-01;1\n"));
    let ds = m.laad_los();
    let schema = |df: &polars::prelude::DataFrame| -> Vec<(std::string::String, polars::prelude::DataType)> {
        df.get_column_names()
            .iter()
            .map(|s| s.to_string())
            .zip(df.dtypes())
            .collect()
    };
    let v = |x: &[(&str, polars::prelude::DataType)]| -> Vec<(std::string::String, polars::prelude::DataType)> {
        x.iter().map(|(n, t)| (n.to_string(), t.clone())).collect()
    };
    assert_eq!(
        schema(&ds.hulpvragen),
        v(&[
            ("regel", UInt32),
            ("hulpvraag_id", String),
            ("client_id", String),
            ("werksoort", String),
            ("wijkgebied", String),
            ("categorie", String),
            ("leeftijd", Int32),
            ("aanmelddatum", Date),
            ("eerste_gesprek", Date),
            ("vraagverheldering_afgerond", Date),
            ("traject_start", Date),
            ("afgesloten", Date),
            ("uitstroom", String),
            ("aantal_gesprekken", Int32),
            ("aanvraag_jeugdhulp", Date),
            ("besluit_jeugdhulp", Date),
            ("crisis", Boolean),
            ("proeftuin", Boolean),
        ])
    );
    assert_eq!(
        schema(&ds.uren),
        v(&[
            ("regel", UInt32),
            ("medewerker_id", String),
            ("werksoort", String),
            ("datum", Date),
            ("uren", Int64),
            ("inzet", String),
        ])
    );
    assert_eq!(
        schema(&ds.activiteiten),
        v(&[
            ("regel", UInt32),
            ("activiteit_id", String),
            ("naam", String),
            ("werksoort", String),
            ("wijkgebied", String),
            ("soort", String),
            ("door_inwoners", Boolean),
            ("start", Date),
            ("einde", Date),
            ("deelnemers", Int64),
        ])
    );
    assert_eq!(
        schema(&ds.begroting),
        v(&[
            ("regel", UInt32),
            ("jaar", Int32),
            ("regel_id", String),
            ("werksoort", String),
            ("regel_naam", String),
            ("financiering", String),
            ("fte_e4", Int64),
            ("bedrag_cent", Int64),
        ])
    );
    assert_eq!(
        schema(&ds.realisatie),
        v(&[
            ("regel", UInt32),
            ("boekdatum", Date),
            ("boekstuk", String),
            ("regel_id", String),
            ("bedrag_cent", Int64),
            ("omschrijving", String),
        ])
    );
    assert_eq!(
        schema(&ds.formatie),
        v(&[
            ("regel", UInt32),
            ("peildatum", Date),
            ("regel_id", String),
            ("fte_e4", Int64)
        ])
    );
    assert_eq!(
        strs(&ds.begroting, "regel_naam"),
        vec![Some("Persoonlijke begeleiding volwassenen".into())]
    );
    assert_eq!(ints(&ds.hulpvragen, "leeftijd"), vec![Some(33)]);
    assert_eq!(ints(&ds.activiteiten, "deelnemers"), vec![Some(12)]);
}

#[test]
fn laatste_datum_is_the_latest_accepted_date() {
    let m = Map::new();
    assert_eq!(m.laad_los().laatste_datum, None);
    m.schrijf(
        "hulpvragen.csv",
        &bestand(
            HV_KOP,
            &[
                hv(&[("afgesloten", "2024-04-30"), ("uitstroom", "netwerk")]),
                // Rejected (uitstroom missing): its date does not count.
                hv(&[("hulpvraag_id", "H2"), ("afgesloten", "2024-12-31")]),
            ],
        ),
    );
    m.schrijf("uren.csv", &bestand(UREN_KOP, &[uur(&[("datum", "2024-03-31")])]));
    let ds = m.laad_los();
    assert_eq!(ds.laatste_datum, Some(d(2024, 4, 30)));
    m.schrijf(
        "realisatie.csv",
        &bestand(REAL_KOP, &[real(&[("boekdatum", "2024-05-02")])]),
    );
    assert_eq!(m.laad_los().laatste_datum, Some(d(2024, 5, 2)));
    m.schrijf(
        "activiteiten.csv",
        &bestand(ACT_KOP, &[act(&[("start", "2024-06-01"), ("einde", "2025-01-01")])]),
    );
    assert_eq!(m.laad_los().laatste_datum, Some(d(2024, 6, 1)));
}

#[test]
fn invoer_lists_every_csv_file_with_sha256_and_counts() {
    let m = Map::new();
    // sha256 of "jaar;regel_id;werksoort;regel;financiering;fte;bedrag\n" computed with sha256sum.
    m.schrijf("begroting.csv", &format!("{BEGR_KOP}\n"));
    m.schrijf("uren.csv", &bestand(UREN_KOP, &[uur(&[]), uur(&[("uren", "0")])]));
    let ds = m.laad_los();
    let paden: Vec<&str> = ds.invoer.iter().map(|i| i.pad.as_str()).collect();
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
    let begroting = &ds.invoer[3];
    assert_eq!(
        begroting.sha256,
        "bee72a5477fb53f967b2c3cc887c25a746061ba21aefc652d92735a6ef5a0a42"
    );
    let uren = &ds.invoer[1];
    assert_eq!((uren.gelezen, uren.geaccepteerd, uren.afgekeurd), (2, 1, 1));
    assert!(ds.invoer.iter().all(|i| i.sha256.len() == 64));
}
