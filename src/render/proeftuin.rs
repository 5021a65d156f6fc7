//! The Proeftuin Ruwaard section (revision 3) of the kwartaal, inhoudelijk and raad documents:
//! the sentence that the agreement's norms do not bind the Proeftuin, and its own figures per
//! werksoort. Presentation only; the figures come from the report models.

use super::document::{Blok, Kolom, Rij, Sectie, Tabel, Toon};
use crate::domein::format;
use crate::domein::proeftuin::Proeftuincijfers;
use crate::report::proeftuin::ProeftuinPubliek;

/// The columns; `eenheid_in_kop`: the waits are bare numbers, so the header names the unit
/// (the public table's waits carry it themselves: `6 dagen`).
fn kolommen(eenheid_in_kop: bool) -> Vec<Kolom> {
    let dagen = if eenheid_in_kop { " (dagen)" } else { "" };
    vec![
        Kolom::links("Werksoort"),
        Kolom::rechts("Aanmeldingen"),
        Kolom::rechts("Wachtlijst (> 14 dagen)"),
        Kolom::rechts(format!("Wachttijd mediaan{dagen}")),
        Kolom::rechts(format!("Wachttijd p90{dagen}")),
        Kolom::rechts("Afgesloten"),
    ]
}

fn niet_gemarkeerd() -> Blok {
    Blok::melding(
        Toon::Neutraal,
        "In de aangeleverde hulpvragen is geen enkele hulpvraag als Proeftuin gemarkeerd: alle \
         hulpvragen tellen mee in de normen.",
    )
}

/// The section for an internal report (kwartaal, halfjaar inhoudelijk).
pub fn sectie(c: &Proeftuincijfers, periode: &str) -> Sectie {
    let mut blokken = vec![Blok::alinea(c.toelichting.clone())];
    if !c.gemarkeerd {
        blokken.push(niet_gemarkeerd());
    }
    let dagen = |d: Option<rust_decimal::Decimal>| d.map_or_else(|| "–".to_string(), format::hooguit_een_decimaal);
    let rijen = c
        .werksoorten
        .iter()
        .map(|w| {
            Rij::new([
                w.naam.clone(),
                format::aantal(w.aanmeldingen),
                w.wachtlijst.map_or_else(|| "–".to_string(), format::aantal),
                dagen(w.wachttijd_mediaan),
                dagen(w.wachttijd_p90),
                format::aantal(w.afgesloten),
            ])
        })
        .collect();
    let mut t = Tabel::new(kolommen(true), rijen);
    t.titel = Some(format!("{} ({}), {periode}", c.naam, c.wijkgebied));
    t.samenvatting = Some(format!(
        "Per werksoort de aanmeldingen, de wachtlijst op de peildatum, de wachttijd tot het eerste \
         gesprek en de afgesloten hulpvragen van de {}.",
        c.naam
    ));
    t.voetnoten = vec!["– : geen wachtlijst bij deze werksoort, of geen eerste gesprekken in de periode.".into()];
    blokken.push(Blok::Tabel(t));
    Sectie::new(c.naam.clone(), blokken)
}

/// The section of the public raad letter (after disclosure control).
pub fn sectie_publiek(p: &ProeftuinPubliek, jaar: &str) -> Sectie {
    let mut blokken = vec![Blok::alinea(p.toelichting.clone())];
    if !p.gemarkeerd {
        blokken.push(niet_gemarkeerd());
    }
    if !p.werksoorten.is_empty() {
        let rijen = p
            .werksoorten
            .iter()
            .map(|w| {
                Rij::new([
                    w.naam.clone(),
                    w.aanmeldingen.weergave.clone(),
                    w.wachtlijst
                        .as_ref()
                        .map_or_else(|| "–".to_string(), |x| x.weergave.clone()),
                    w.wachttijd_mediaan.weergave.clone(),
                    w.wachttijd_p90.weergave.clone(),
                    w.afgesloten.weergave.clone(),
                ])
            })
            .collect();
        let mut t = Tabel::new(kolommen(false), rijen);
        t.titel = Some(format!("{} ({}), {jaar}", p.naam, p.wijkgebied));
        t.samenvatting = Some(format!(
            "Per werksoort de aanmeldingen, de wachtlijst op 31 december, de wachttijd tot het eerste \
             gesprek en de afgesloten hulpvragen van de {} in {jaar}.",
            p.naam
        ));
        let teken = |f: fn(&crate::report::proeftuin::ProeftuinWerksoortPubliek) -> bool| p.werksoorten.iter().any(f);
        let mut noten = vec![
            "<5: een aantal van 1 tot 4 wordt niet getoond; *: wachttijd over minder dan 10 eerste gesprekken, \
             niet getoond."
                .to_string(),
        ];
        if teken(|w| {
            [&w.aanmeldingen, &w.afgesloten]
                .into_iter()
                .chain(w.wachtlijst.as_ref())
                .any(|x| x.weergave == crate::report::onderdrukking::GEHEIM)
        }) {
            noten.push(
                "x: niet getoond, omdat het verschil met een aantal elders in deze brief (de werksoort of het \
                 wijkgebied als geheel) een aantal van 1 tot 4 zou prijsgeven."
                    .into(),
            );
        }
        t.voetnoten = noten;
        blokken.push(Blok::Tabel(t));
    }
    Sectie::new(p.naam.clone(), blokken)
}

/// The Proeftuin sheet of the kwartaal workbook.
pub fn xlsx_blad(
    wb: &mut rust_xlsxwriter::Workbook,
    opmaak: &super::xlsx::Huisstijl,
    titel: &str,
    c: &Proeftuincijfers,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    use super::xlsx::{XCel, kol, tabelblad};
    use rust_decimal::prelude::ToPrimitive as _;
    let dagen = |d: Option<rust_decimal::Decimal>| match d.and_then(|d| d.to_f64()) {
        Some(f) => XCel::Getal(f, crate::domein::catalogus::Eenheid::Dagen),
        None => XCel::Leeg,
    };
    let rijen: Vec<Vec<XCel>> = c
        .werksoorten
        .iter()
        .map(|w| {
            vec![
                XCel::Tekst(w.naam.clone()),
                XCel::Aantal(w.aanmeldingen),
                w.wachtlijst.map_or(XCel::Leeg, XCel::Aantal),
                dagen(w.wachttijd_mediaan),
                dagen(w.wachttijd_p90),
                XCel::Aantal(w.afgesloten),
            ]
        })
        .collect();
    tabelblad(
        wb.add_worksheet(),
        opmaak,
        "Proeftuin",
        titel,
        std::slice::from_ref(&c.toelichting),
        &[
            kol("Werksoort", 28.0),
            kol("Aanmeldingen", 14.0),
            kol("Wachtlijst (> 14 dagen)", 14.0),
            kol("Wachttijd mediaan (dagen)", 14.0),
            kol("Wachttijd p90 (dagen)", 14.0),
            kol("Afgesloten", 12.0),
        ],
        &rijen,
    )
}
