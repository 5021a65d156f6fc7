//! The optional contacten.csv (revision 3): row rules, BSN check, row accounting, and the
//! absent file.

#[path = "fixtures/ingest/helpers.rs"]
mod helpers;

use domeinrapport::ingest::IngestFout;
use helpers::*;

const CON_KOP: &str = "contact_id;datum;werksoort;wijkgebied;soort;resultaat;client_id";

#[test]
fn absent_file_is_none_and_not_in_the_account() {
    let ds = Map::new().laad_los();
    assert!(ds.contacten.is_none());
    assert!(!ds.kwaliteit.bestanden.iter().any(|b| b.pad == "contacten.csv"));
    assert!(!ds.invoer.iter().any(|b| b.pad == "contacten.csv"));
}

#[test]
fn empty_file_counts_as_not_delivered_with_a_warning() {
    let m = Map::new();
    m.schrijf("contacten.csv", "\n");
    let ds = m.laad_los();
    assert!(ds.contacten.is_none());
    assert_eq!(
        waarschuwingen(&ds.kwaliteit, "contacten.csv"),
        vec![(
            None,
            "leeg_bestand".to_string(),
            "het bestand is leeg en is behandeld als niet aangeleverd".to_string()
        )]
    );
}

#[test]
fn row_rules_reject_with_line_column_and_reason_and_accounting_holds() {
    let m = Map::new();
    m.schrijf(
        "contacten.csv",
        &bestand(
            CON_KOP,
            &[
                // 2: valid, a buurtbemiddeling with resultaat.
                "K1;2024-04-02;CSW;W03;buurtbemiddeling;positief;C1".into(),
                // 3: valid, a kort_contact without resultaat or client.
                "K2;2024-04-03;SRW;;kort_contact;;".into(),
                // 4: resultaat on a soort that has none.
                "K3;2024-04-04;SRW;W01;spreekuur;positief;".into(),
                // 5: unknown soort.
                "K4;2024-04-05;CSW;W01;huisbezoek;;".into(),
                // 6: unknown resultaat.
                "K5;2024-04-06;CSW;W01;vrijwilligerskoppeling;geslaagd;".into(),
                // 7, 8: the same contact_id twice: both rejected.
                "K6;2024-04-07;CSW;;vrijwilligerskoppeling;lopend;".into(),
                "K6;2024-04-08;CSW;;vrijwilligerskoppeling;negatief;".into(),
                // 9: no date.
                "K7;;CSW;;kort_contact;;".into(),
            ],
        ),
    );
    let ds = m.laad_los();
    assert_eq!(
        afkeuringen(&ds, "contacten.csv"),
        vec![
            af(
                4,
                "resultaat",
                "positief",
                "resultaat mag alleen bij soort buurtbemiddeling of vrijwilligerskoppeling zijn ingevuld, niet bij spreekuur"
            ),
            af(5, "soort", "huisbezoek", "onbekende soort 'huisbezoek'"),
            af(6, "resultaat", "geslaagd", "onbekend resultaat 'geslaagd'"),
            af(
                7,
                "contact_id",
                "K6",
                "contact_id 'K6' komt meer dan eens voor (regels 7, 8)"
            ),
            af(
                8,
                "contact_id",
                "K6",
                "contact_id 'K6' komt meer dan eens voor (regels 7, 8)"
            ),
            af(9, "datum", "", "verplichte waarde ontbreekt"),
        ]
    );
    assert_eq!(telling(&ds, "contacten.csv"), (8, 2, 6));
    let c = ds.contacten.as_ref().unwrap();
    assert_eq!(
        strs(c, "soort"),
        vec![Some("buurtbemiddeling".into()), Some("kort_contact".into())]
    );
    assert_eq!(strs(c, "resultaat"), vec![Some("positief".into()), None]);
    assert_eq!(datums(c, "datum"), vec![Some(d(2024, 4, 2)), Some(d(2024, 4, 3))]);
    assert!(ds.invoer.iter().any(|b| b.pad == "contacten.csv" && b.gelezen == 8));
    // The engine's prepared frame: werksoort, soort, day number, resultaat.
    let bron = domeinrapport::kpi::Bron::new(&ds).unwrap();
    let con = bron.con.unwrap();
    assert_eq!(con.get_column_names(), ["ws", "soort", "dag", "res"]);
    assert_eq!(con.height(), 2);
}

#[test]
fn a_bsn_like_client_id_stops_the_run_without_echoing_it() {
    let m = Map::new();
    m.schrijf(
        "contacten.csv",
        &bestand(CON_KOP, &["K1;2024-04-02;CSW;;kort_contact;;111222333".into()]),
    );
    let e = m.laad().unwrap_err();
    assert!(matches!(e, IngestFout::Privacy { .. }), "{e}");
    let tekst = e.to_string();
    assert_eq!(
        tekst,
        "contacten.csv, regel 2, kolom client_id: de waarde lijkt op een burgerservicenummer (BSN). \
         Om privacyredenen is de verwerking gestopt; verwijder het BSN uit het bronbestand en lever het opnieuw aan"
    );
    assert!(!heeft_negen_cijfers(&format!("{e:?}")));
}
