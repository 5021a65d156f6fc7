//! The maandrapportage wachtlijsten as a [`Document`] (PDF) and a workbook: presentation only,
//! every figure comes from the report model.
//!
//! The PDF's body is one chapter, so it stays within two A4 pages after the cover: a status table
//! per werksoort, the timeliness and overschrijding figures, the 13-month wachtlijst chart and
//! the analyses.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Chart, ChartType, XlsxError};

use super::document::{
    Blok, Cel, Document, Grafiek, GrafiekSoort, Kolom, Reeks, Rij, RijSoort, Samenvatting, Sectie, Stijl, Tabel, Toon,
    YFormaat,
};
use super::tekst;
use super::xlsx::{self, Huisstijl, XCel, kol, kol_midden, kol_omloop};
use crate::domein::format;
use crate::domein::indicator::{Eenheid, Indicator};
use crate::report::maand::{Maandrapportage, Reden, WERKSOORTEN};

/// The four waiting figures of the status table, as (id suffix, column header); the waits carry
/// their unit in the cell ("7 dagen"), so the header does not repeat it.
const STAND: [(&str, &str); 4] = [
    (".aanmeldingen", "Aanmeldingen"),
    (".wachtlijst", "Wachtlijst einde maand"),
    (".wachttijd_mediaan", "Wachttijd mediaan"),
    (".wachttijd_p90", "Wachttijd p90"),
];

fn is_stand(id: &str) -> bool {
    STAND.iter().any(|(s, _)| id.ends_with(s))
}

/// The werksoorten of the status table that have figures, in report order.
fn werksoorten(m: &Maandrapportage) -> Vec<&str> {
    m.werksoorten
        .iter()
        .map(|w| w.code.as_str())
        .filter(|c| WERKSOORTEN.contains(c))
        .collect()
}

fn waarde_van(m: &Maandrapportage, id: &str) -> String {
    m.indicator(id)
        .map_or("–".into(), |i| tekst::waarde(i.eenheid, i.waarde))
}

/// The wachtlijst series of one werksoort over the 13 months.
fn reeks(m: &Maandrapportage, ws: &str) -> Vec<Option<Decimal>> {
    let id = format!("{ws}.wachtlijst");
    m.maanden
        .iter()
        .map(|s| s.indicatoren.iter().find(|w| w.id == id).and_then(|w| w.waarde))
        .collect()
}

fn reden_tekst(r: Reden) -> &'static str {
    match r {
        Reden::Wachtlijst => "wachtlijst boven nul",
        Reden::NormNietGehaald => "norm niet gehaald",
    }
}

/// The maandrapportage document.
pub fn document(m: &Maandrapportage) -> Document {
    let label = m.periode.label.clone();
    let k = &m.kerncijfers;
    let (ontbreekt, niet) = (k.analyses_ontbreken, k.normen_niet_gehaald);
    let wachtlijsten: Vec<String> = werksoorten(m)
        .iter()
        .map(|ws| format!("{} {}", m.werksoortnaam(ws), waarde_van(m, &format!("{ws}.wachtlijst"))))
        .collect();
    let mut kort = vec![Blok::alinea(format!(
        "Op {} stonden op de wachtlijst (langer dan twee weken wachtend op een eerste gesprek): {}.",
        format::datum_lang(m.periode.peildatum),
        wachtlijsten.join("; ")
    ))];
    kort.push(Blok::alinea(if niet == 0 {
        format!("In {label} zijn alle beoordeelde normen gehaald.")
    } else {
        format!("In {label} zijn {niet} normen niet gehaald.")
    }));
    if ontbreekt > 0 {
        kort.push(Blok::melding(
            Toon::LetOp,
            format!(
                "Voor {ontbreekt} van de {} vereiste analyses ontbreekt de analyse.",
                k.analyses_vereist
            ),
        ));
    }

    let blokken = vec![
        Blok::Tabel(standtabel(m)),
        // The chart before the long table: a table flows over a page break, a chart does not,
        // so this order keeps the body on two pages.
        Blok::Grafiek(grafiek(m)),
        Blok::Tabel(tijdigheidtabel(m)),
        Blok::alinea(format!(
            "Datakwaliteit: {} afgekeurde invoerregels (zie het bestand met afgekeurde regels bij deze rapportage), {} waarschuwingen.",
            format::aantal(k.afgekeurde_regels as i64),
            k.waarschuwingen
        )),
    ];
    let subsecties = vec![Sectie::new("Analyses", analyseblokken(m))];
    let hoofdstuk = Sectie {
        titel: format!("Wachtlijsten {label}"),
        blokken,
        subsecties,
        liggend: false,
    };

    Document {
        soort: "maandrapportage".into(),
        titel: "Maandrapportage wachtlijsten".into(),
        ondertitel: Some(format!("{} – {}", m.aanbieder, label)),
        gemeente: format!("Gemeente {}", m.gemeente),
        aanbieder: m.aanbieder.clone(),
        periode_label: label,
        peildatum_label: format::datum(m.periode.peildatum),
        datum: m.periode.peildatum,
        stijl: Stijl::Rapport,
        kenmerken: tekst::periode_kenmerken(m.periode.start, m.periode.peildatum, &m.gemeente, &m.aanbieder),
        samenvatting: Some(Samenvatting {
            titel: "In het kort".into(),
            blokken: kort,
        }),
        secties: vec![hoofdstuk],
        bijlagen: Vec::new(),
        markering: super::status::markering(m.status),
    }
}

/// One row per werksoort: aanmeldingen, wachtlijst, wachttijd median and p90.
fn standtabel(m: &Maandrapportage) -> Tabel {
    let mut kolommen = vec![Kolom::links("Werksoort").breedte(2.6)];
    kolommen.extend(STAND.iter().map(|(_, kop)| Kolom::rechts(*kop).breedte(1.3)));
    let rijen = werksoorten(m)
        .iter()
        .map(|ws| {
            let mut cellen = vec![Cel::new(m.werksoortnaam(ws))];
            cellen.extend(STAND.iter().map(|(s, _)| Cel::new(waarde_van(m, &format!("{ws}{s}")))));
            Rij::van(RijSoort::Gewoon, cellen)
        })
        .collect();
    let mut t = Tabel::new(kolommen, rijen);
    t.titel = Some("Stand per werksoort".into());
    t.voetnoten = vec![
        "Wachtlijst: aangemeld, nog geen eerste gesprek, niet afgesloten en langer dan 14 dagen wachtend op de laatste dag van de maand. \
         Wachttijd: dagen van aanmelding tot eerste gesprek, over de eerste gesprekken in de maand (p90: 90% wachtte korter of even lang)."
            .into(),
    ];
    t.samenvatting = Some("Per werksoort de aanmeldingen, de wachtlijst en de wachttijd in de maand.".into());
    t
}

/// The suffixes of the weeks-over figures of an overschrijding, folded into its row.
const WEKEN: [(&str, &str); 3] = [
    (".weken_totaal", "totaal"),
    (".weken_gemiddeld", "gem."),
    (".weken_max", "max."),
];

fn is_weken(id: &str) -> bool {
    WEKEN.iter().any(|(s, _)| id.ends_with(s))
}

/// The value cell of a timeliness or overschrijding row: `78,0% (191 van 245)`, or for an
/// overschrijding `4 (weken: totaal 6,0, gem. 1,5, max. 2,0)`.
fn tijdigheidwaarde(m: &Maandrapportage, i: &Indicator) -> String {
    let w = tekst::waarde_met_breuk(i);
    let weken: Vec<String> = WEKEN
        .iter()
        .filter_map(|(s, woord)| {
            let d = m.indicator(&format!("{}{s}", i.id))?;
            Some(format!("{woord} {}", tekst::waarde(d.eenheid, d.waarde)))
        })
        .collect();
    if weken.is_empty() || i.waarde.is_none_or(|w| w.is_zero()) {
        w
    } else {
        format!("{w} (weken: {})", weken.join(", "))
    }
}

/// The timeliness fractions and the JGD overschrijdingen of the month.
fn tijdigheidtabel(m: &Maandrapportage) -> Tabel {
    let rijen = m
        .indicatoren
        .iter()
        .filter(|i| !is_stand(&i.id) && !is_weken(&i.id))
        .map(|i| {
            Rij::van(
                RijSoort::Gewoon,
                vec![
                    Cel::new(&i.naam),
                    Cel::new(m.korte_naam(&i.werksoort)),
                    Cel::new(tijdigheidwaarde(m, i)),
                    Cel::new(tekst::norm(i.eenheid, i.norm.as_ref())),
                    tekst::status_cel(i.status),
                ],
            )
        })
        .collect();
    let mut t = Tabel::new(
        vec![
            Kolom::links("Indicator").breedte(3.8),
            Kolom::links("Werksoort").breedte(1.1),
            Kolom::rechts("Waarde").breedte(2.2),
            Kolom::rechts("Norm").breedte(0.7),
            Kolom::midden("Status").breedte(1.2),
        ],
        rijen,
    );
    t.titel = Some("Tijdigheid en overschrijdingen".into());
    t.voetnoten = vec![
        "Tijdigheid telt de hulpvragen waarvan de termijn in deze maand afliep. Overschrijdingen: hulpvragen die op minstens één dag van de maand over de termijn waren, met de weken over de termijn tot het einde van de maand of de gebeurtenis."
            .into(),
    ];
    t.samenvatting = Some("Per indicator de waarde in de maand, de norm en de status.".into());
    t
}

/// The 13-month wachtlijst chart, one line per werksoort.
fn grafiek(m: &Maandrapportage) -> Grafiek {
    let x_labels: Vec<String> = m.maanden.iter().map(|s| s.kort_label.clone()).collect();
    let reeksen: Vec<Reeks> = werksoorten(m)
        .iter()
        .map(|ws| Reeks {
            naam: m.korte_naam(ws).to_string(),
            waarden: reeks(m, ws).into_iter().map(|w| w.and_then(|d| d.to_f64())).collect(),
        })
        .collect();
    let delen: Vec<String> = werksoorten(m)
        .iter()
        .map(|ws| {
            let v = reeks(m, ws);
            let tekst = |d: Option<&Option<Decimal>>| tekst::waarde(Eenheid::Aantal, d.copied().flatten());
            format!(
                "{} van {} naar {}",
                m.werksoortnaam(ws),
                tekst(v.first()),
                tekst(v.last())
            )
        })
        .collect();
    Grafiek {
        soort: GrafiekSoort::Lijn,
        titel: "Wachtlijst aan het einde van de maand, laatste 13 maanden".into(),
        alt: format!(
            "Lijngrafiek van de wachtlijst per werksoort van {} tot {}: {}.",
            x_labels.first().cloned().unwrap_or_default(),
            x_labels.last().cloned().unwrap_or_default(),
            delen.join("; ")
        ),
        x_labels,
        reeksen,
        y_formaat: YFormaat::Aantal,
        normlijn: None,
    }
}

fn analyseblokken(m: &Maandrapportage) -> Vec<Blok> {
    if m.analyses.is_empty() {
        return vec![Blok::alinea(
            "Deze maand staat er niemand langer dan twee weken op een wachtlijst en zijn alle normen gehaald: er is geen analyse vereist.",
        )];
    }
    let rijen = m
        .analyses
        .iter()
        .map(|a| {
            let tekst = match (&a.analyse, &a.maatregel) {
                (Some(t), Some(mt)) => Cel::new(format!("{t} Maatregel: {mt}")),
                (Some(t), None) => Cel::new(t.clone()),
                (None, _) => Cel::met_toon("Analyse ontbreekt", Toon::LetOp),
            };
            Rij::van(
                RijSoort::Gewoon,
                vec![
                    Cel::new(format!("{} – {}", a.naam, m.werksoortnaam(&a.werksoort))),
                    tekst,
                ],
            )
        })
        .collect();
    let mut t = Tabel::new(
        vec![
            Kolom::links("Onderwerp").breedte(2.4),
            Kolom::links("Analyse en maatregel").breedte(6.0),
        ],
        rijen,
    );
    t.samenvatting = Some("Per vereiste analyse het onderwerp (een wachtlijst boven nul of een norm die niet is gehaald) en de analyse met de maatregel.".into());
    vec![
        Blok::alinea("Een analyse is vereist bij elke wachtlijst boven nul en bij elke norm die niet is gehaald."),
        Blok::Tabel(t),
    ]
}

fn xcel(i: &Indicator) -> XCel {
    match i.waarde.and_then(|d| d.to_f64()) {
        Some(f) => XCel::Getal(f, i.eenheid),
        None => XCel::Leeg,
    }
}

fn opt_aantal(d: Option<Decimal>) -> XCel {
    d.and_then(|d| d.to_i64()).map_or(XCel::Leeg, XCel::Aantal)
}

/// The workbook: the month's figures, the 13-month series with a native line chart, the analyses.
pub fn werkboek(m: &Maandrapportage) -> Result<Vec<u8>, XlsxError> {
    let o = Huisstijl::new();
    let mut wb = xlsx::werkboek(
        &format!("Maandrapportage wachtlijsten {}", m.periode.label),
        &m.gemeente,
        &m.aanbieder,
        m.periode.peildatum,
    )?;

    let ws = wb.add_worksheet();
    let rijen: Vec<Vec<XCel>> = m
        .indicatoren
        .iter()
        .map(|i| {
            vec![
                XCel::Tekst(i.naam.clone()),
                XCel::Tekst(m.werksoortnaam(&i.werksoort).to_string()),
                xcel(i),
                opt_aantal(i.teller),
                opt_aantal(i.noemer),
                XCel::Tekst(tekst::norm(i.eenheid, i.norm.as_ref())),
                XCel::Tekst(i.status.label().to_string()),
            ]
        })
        .collect();
    xlsx::tabelblad(
        ws,
        &o,
        "Cijfers",
        &format!("Maandrapportage wachtlijsten – {}", m.periode.label),
        &[format!(
            "Peildatum {}. Percentages als aandeel; teller en noemer bij de tijdigheid.",
            format::datum(m.periode.peildatum)
        )],
        &[
            kol("Indicator", 48.0),
            kol("Werksoort", 28.0),
            kol("Waarde", 11.0),
            kol("Teller", 9.0),
            kol("Noemer", 9.0),
            kol_midden("Norm", 9.0),
            kol_midden("Status", 14.0),
        ],
        &rijen,
    )?;

    let ws = wb.add_worksheet();
    let soorten = werksoorten(m);
    let reeksen: Vec<Vec<Option<Decimal>>> = soorten.iter().map(|w| reeks(m, w)).collect();
    let rijen: Vec<Vec<XCel>> = m
        .maanden
        .iter()
        .enumerate()
        .map(|(r, s)| {
            let mut v = vec![XCel::Tekst(s.kort_label.clone())];
            v.extend(reeksen.iter().map(|re| opt_aantal(re[r])));
            v
        })
        .collect();
    let mut kolommen = vec![kol("Maand", 12.0)];
    kolommen.extend(soorten.iter().map(|w| kol(m.werksoortnaam(w), 20.0)));
    let blad = "Wachtlijst 13 maanden";
    xlsx::tabelblad(
        ws,
        &o,
        blad,
        "Wachtlijst aan het einde van de maand",
        &["Hulpvragen die op de laatste dag van de maand langer dan 14 dagen wachtten op een eerste gesprek.".into()],
        &kolommen,
        &rijen,
    )?;
    // tabelblad puts the header row after the title and the one note, with an empty line
    // between: title 0, note 1, header 3, data from 4.
    let eerste = 4u32;
    let laatste = eerste + rijen.len().max(1) as u32 - 1;
    let mut chart = Chart::new(ChartType::Line);
    for (c, w) in soorten.iter().enumerate() {
        let col = (c + 1) as u16;
        chart
            .add_series()
            .set_name(m.werksoortnaam(w))
            .set_categories((blad, eerste, 0, laatste, 0))
            .set_values((blad, eerste, col, laatste, col));
    }
    chart.title().set_name("Wachtlijst aan het einde van de maand");
    chart.y_axis().set_name("Hulpvragen");
    chart
        .legend()
        .set_position(rust_xlsxwriter::ChartLegendPosition::Bottom);
    chart.set_width(720).set_height(360);
    ws.insert_chart(eerste, (soorten.len() + 2) as u16, &chart)?;

    let ws = wb.add_worksheet();
    let rijen: Vec<Vec<XCel>> = m
        .analyses
        .iter()
        .map(|a| {
            vec![
                XCel::Tekst(a.naam.clone()),
                XCel::Tekst(m.werksoortnaam(&a.werksoort).to_string()),
                XCel::Tekst(reden_tekst(a.reden).to_string()),
                XCel::Tekst(if a.ontbreekt {
                    "ontbreekt".into()
                } else {
                    "aangeleverd".into()
                }),
                XCel::Tekst(a.analyse.clone().unwrap_or_default()),
                XCel::Tekst(a.maatregel.clone().unwrap_or_default()),
            ]
        })
        .collect();
    xlsx::tabelblad(
        ws,
        &o,
        "Analyses",
        "Analyses",
        &["Vereist bij elke wachtlijst boven nul en elke norm die niet is gehaald.".into()],
        &[
            kol("Indicator", 36.0),
            kol("Werksoort", 24.0),
            kol("Reden", 22.0),
            kol_midden("Status", 16.0),
            kol_omloop("Analyse", 60.0),
            kol_omloop("Maatregel", 40.0),
        ],
        &rijen,
    )?;
    wb.save_to_buffer()
}

impl super::Weergave for Maandrapportage {
    fn bestanden(&self, templates: &std::path::Path) -> anyhow::Result<Vec<(&'static str, Vec<u8>)>> {
        let pdf = super::pdf::render_pdf(&document(self), templates, super::pdf::PdfProfiel::Standaard)?;
        Ok(vec![("xlsx", werkboek(self)?), ("pdf", pdf)])
    }
}
