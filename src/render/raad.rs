//! The raadsinformatiebrief as a generic [`Document`] in the letter style ([`Stijl::Brief`]):
//! letter head with the kenmerken, a Kernboodschap box (the generated facts and the college's
//! kernboodschap), the sections Aanleiding, Voortgang per werksoort, Financiën, Ontwikkelingen
//! en vervolg, and the appendices (indicator table, wijkgebieden, verantwoording).
//!
//! Only presentation happens here: every value arrives from the [`Raadsinformatie`] model
//! already through disclosure control; the renderer shows its `weergave` and never looks at a
//! withheld number (charts get `None` for a withheld value).

use std::collections::BTreeSet;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::document::{
    Blok, Cel, Document, Grafiek, GrafiekSoort, Kenmerk, Kolom, Normlijn, Reeks, Rij, RijSoort, Samenvatting, Sectie,
    Span, Stijl, Tabel, Toon, YFormaat,
};
use super::markdown::naar_blokken;
use super::tekst;
use crate::domein::format;
use crate::domein::indicator::Eenheid;
use crate::domein::werksoort::{self, VOLGORDE as WERKSOORT_VOLGORDE};
use crate::report::onderdrukking::{GEHEIM, Kruistabel, LEEG, STER, Waarde};
use crate::report::raad::{
    Onderdrukkingsregel, RaadIndicator, Raadsinformatie, Verhaal, WerksoortVoortgang, financieel_zin,
};

fn klein(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

fn f64_van(w: &Waarde) -> Option<f64> {
    w.waarde.and_then(|d| d.to_f64())
}

/// Heading blocks of Markdown one level deeper (for text placed under a heading of our own).
fn dieper(blokken: Vec<Blok>) -> Vec<Blok> {
    blokken
        .into_iter()
        .map(|b| match b {
            Blok::Kop { niveau, tekst } => Blok::Kop {
                niveau: niveau.saturating_add(1),
                tekst,
            },
            b => b,
        })
        .collect()
}

/// The footnotes for the signs that occur in a table's cells.
fn voetnoten(rijen: &[Rij], regel: &Onderdrukkingsregel) -> Vec<String> {
    let (min_aantal, min_noemer) = (regel.min_aantal, regel.min_noemer);
    let klein_teken = format!("<{min_aantal}");
    let tekens: BTreeSet<&str> = rijen
        .iter()
        .flat_map(|r| r.cellen.iter().skip(1))
        .map(|c| c.tekst.as_str())
        .collect();
    let mut v = Vec::new();
    if tekens.contains(klein_teken.as_str()) {
        v.push(format!(
            "{klein_teken}: een aantal van 1 tot en met {}; om de privacy van inwoners te beschermen niet precies getoond.",
            regel.max_klein_aantal
        ));
    }
    if tekens.contains(STER) {
        v.push(format!(
            "{STER}: niet getoond, omdat het cijfer op minder dan {min_noemer} hulpvragen berust of een niet getoond \
             aantal zou prijsgeven."
        ));
    }
    if tekens.contains(GEHEIM) {
        v.push(format!(
            "{GEHEIM}: niet getoond, omdat anders een niet getoond aantal door optellen of aftrekken te achterhalen is."
        ));
    }
    if tekens.contains(LEEG) {
        v.push(format!("{LEEG}: geen gegevens of niet van toepassing."));
    }
    v
}

fn tabel(
    m: &Raadsinformatie,
    titel: impl Into<String>,
    samenvatting: impl Into<String>,
    kolommen: Vec<Kolom>,
    rijen: Vec<Rij>,
    extra_voetnoten: Vec<String>,
) -> Tabel {
    let mut noten = voetnoten(&rijen, &m.onderdrukking);
    noten.extend(extra_voetnoten);
    let mut t = Tabel::new(kolommen, rijen);
    t.titel = Some(titel.into());
    t.samenvatting = Some(samenvatting.into());
    t.voetnoten = noten;
    t
}

fn jaar(m: &Raadsinformatie) -> i32 {
    *m.jaren.last().expect("three years")
}

/// The signature block that closes the letter: the college, then the secretaris and the
/// burgemeester by name (as the model gives them).
fn ondertekening(m: &Raadsinformatie) -> Blok {
    Blok::Ondertekening {
        afzender: m.brief.college.clone(),
        ondertekenaars: vec![
            ("de secretaris".into(), m.brief.secretaris.clone()),
            ("de burgemeester".into(), m.brief.burgemeester.clone()),
        ],
    }
}

/// Appends a block at the very end of a section: after the content of its last subsection, so
/// it follows the last paragraph of the letter in reading order.
fn aan_het_einde(s: &mut Sectie, blok: Blok) {
    match s.subsecties.last_mut() {
        Some(sub) => aan_het_einde(sub, blok),
        None => s.blokken.push(blok),
    }
}

/// Builds the raadsinformatiebrief.
pub fn document(m: &Raadsinformatie) -> Document {
    let y = jaar(m);
    let mut bijlagen = vec![bijlage_indicatoren(m)];
    if let Some(w) = bijlage_wijkgebieden(m) {
        bijlagen.push(w);
    }
    bijlagen.push(bijlage_verantwoording(m));
    let bijlage_namen: Vec<String> = bijlagen
        .iter()
        .enumerate()
        .map(|(i, b)| format!("{}. {}", i + 1, klein(&b.titel)))
        .collect();

    let mut secties: Vec<Sectie> = [aanleiding(m), voortgang(m)]
        .into_iter()
        .chain(
            m.proeftuin
                .as_ref()
                .map(|p| super::proeftuin::sectie_publiek(p, &y.to_string())),
        )
        .chain([financien(m), ontwikkelingen_en_vervolg(m)])
        .collect();
    if let Some(laatste) = secties.last_mut() {
        aan_het_einde(laatste, ondertekening(m));
    }

    Document {
        soort: m.rapport.to_string(),
        titel: format!("Raadsinformatiebrief voortgang sociaal werk {y}"),
        ondertitel: Some(format!("Subsidie aan {} – gemeente {}", m.aanbieder, m.gemeente)),
        gemeente: format!("Gemeente {}", m.gemeente),
        aanbieder: m.aanbieder.clone(),
        periode_label: y.to_string(),
        peildatum_label: format::datum(m.periode.peildatum),
        datum: m.periode.peildatum,
        stijl: Stijl::Brief,
        kenmerken: [
            ("Aan", m.brief.aan.clone()),
            ("Datum", m.brief.datum_tekst.clone()),
            ("Onderwerp", m.onderwerp.clone()),
            ("Portefeuillehouder", m.brief.portefeuillehouder.clone()),
            ("Contactpersoon", m.brief.contactpersoon.clone()),
            ("Contact", m.brief.contact.clone()),
            ("Kenmerk", m.kenmerk.clone()),
            ("Bijlagen", bijlage_namen.join("; ")),
        ]
        .into_iter()
        .map(|(label, waarde)| Kenmerk {
            label: label.into(),
            waarde,
        })
        .collect(),
        samenvatting: Some(kernboodschap(m)),
        secties,
        bijlagen,
        markering: super::status::markering(m.status),
    }
}

fn kernboodschap(m: &Raadsinformatie) -> Samenvatting {
    // Bold lead-ins rather than headings: the box is one heading with its content.
    let mut blokken = vec![
        Blok::Alinea(vec![Span::vet(format!("De cijfers over {} in het kort", jaar(m)))]),
        Blok::opsomming(m.samenvatting.zinnen.iter().cloned()),
        Blok::Alinea(vec![Span::vet("Boodschap van het college")]),
    ];
    match m.kernboodschap.as_deref().map(naar_blokken).filter(|b| !b.is_empty()) {
        Some(b) => blokken.extend(b),
        None => blokken.push(Blok::melding(
            Toon::LetOp,
            format!(
                "Niet aangeleverd: de kernboodschap van het college over {} (raad.md) ontbreekt.",
                jaar(m)
            ),
        )),
    }
    Samenvatting {
        titel: "Kernboodschap".into(),
        blokken,
    }
}

fn aanleiding(m: &Raadsinformatie) -> Sectie {
    let y = jaar(m);
    let namen: Vec<String> = m
        .werksoorten
        .iter()
        .filter(|w| w.financiering.is_some())
        .map(|w| klein(&w.naam))
        .collect();
    let opsomming = match namen.split_last() {
        Some((laatste, rest)) if !rest.is_empty() => format!("{} en {laatste}", rest.join(", ")),
        Some((laatste, _)) => laatste.clone(),
        None => "het sociaal werk".into(),
    };
    let begroot = m
        .financieel
        .as_ref()
        .map(|f| {
            format!(
                " In {y} was daarvoor {} begroot.",
                format::euro_rond(f.totaal.begroting)
            )
        })
        .unwrap_or_default();
    let mut blokken = vec![
        Blok::alinea(format!(
            "De gemeente {} verleent {} subsidie voor {opsomming}.{begroot} In de subsidieafspraken staat dat het \
             college de raad eenmaal per jaar informeert over de voortgang. Met deze brief doen wij dat over {y}: \
             de periode van {} tot en met {}.",
            m.gemeente,
            m.aanbieder,
            format::datum_lang(m.periode.start),
            format::datum_lang(m.periode.peildatum),
        )),
        Blok::alinea(format!(
            "De cijfers komen uit de registratie van {} en uit de financiële administratie, met als peildatum {}. \
             Per werksoort staan de cijfers van {} tot en met {y} naast elkaar, zodat de ontwikkeling over drie jaar \
             zichtbaar is. Bijlage 1 bevat alle indicatoren.",
            m.aanbieder,
            format::datum_lang(m.periode.peildatum),
            m.jaren[0],
        )),
        Blok::alinea(format!(
            "Deze brief is openbaar. Om de privacy van inwoners te beschermen tonen wij kleine aantallen niet: \
             een aantal van 1 tot en met {} staat er als ‘<{}’, een percentage dat op minder dan {} hulpvragen \
             berust als ‘*’, en een getal waarmee een niet getoond aantal terug te rekenen zou zijn als ‘x’. \
             De brief bevat geen gegevens over individuele inwoners.",
            m.onderdrukking.max_klein_aantal, m.onderdrukking.min_aantal, m.onderdrukking.min_noemer,
        )),
    ];
    if let Some(md) = m.inleiding.as_deref() {
        blokken.extend(naar_blokken(md));
    }
    Sectie::new("Aanleiding", blokken)
}

fn zoek<'a>(m: &'a Raadsinformatie, id: &str) -> Option<&'a RaadIndicator> {
    m.indicatoren.iter().find(|i| i.id == id)
}

/// The indicator's name for a table (the values carry their unit: `6 dagen`, `9 weken`).
fn naam(i: &RaadIndicator) -> String {
    i.naam.clone()
}

/// A note under a chart that has withheld values (they are gaps in the chart).
fn grafieknoot(waarden: impl IntoIterator<Item = bool>) -> Option<Blok> {
    waarden.into_iter().any(|x| x).then(|| {
        Blok::Alinea(vec![Span::cursief(
            "Waarden die om privacyredenen niet worden getoond (<5, * of x in de tabel) ontbreken in de grafiek.",
        )])
    })
}

fn status_cel(i: &RaadIndicator) -> Cel {
    tekst::status_cel(i.status)
}

fn norm_tekst(i: &RaadIndicator) -> String {
    tekst::norm(i.eenheid, i.norm.as_ref())
}

/// The three trend values of an indicator as cells.
fn trend_cellen(i: &RaadIndicator) -> Vec<Cel> {
    i.trend.iter().map(|j| Cel::new(&j.waarde.weergave)).collect()
}

fn jaar_kolommen(m: &Raadsinformatie) -> Vec<Kolom> {
    m.jaren
        .iter()
        .map(|j| Kolom::rechts(j.to_string()).breedte(0.9))
        .collect()
}

fn voortgang(m: &Raadsinformatie) -> Sectie {
    let y = jaar(m);
    let mut sectie = Sectie::new(
        "Voortgang per werksoort",
        vec![Blok::alinea(format!(
            "De subsidieafspraken leggen per werksoort vast wat {} doet en waar dat aan moet voldoen. Hieronder staan per \
             werksoort de belangrijkste cijfers van {} tot en met {y}, met de normen die de afspraken stellen. \
             Eerst een overzicht van de aanmeldingen en van alle normen.",
            m.aanbieder, m.jaren[0]
        ))],
    );
    if let Some(g) = aanmeldingen_grafiek(m) {
        sectie.blokken.push(Blok::Grafiek(g));
        let weg = m
            .indicatoren
            .iter()
            .filter(|i| i.id.ends_with(".aanmeldingen"))
            .flat_map(|i| i.trend.iter().map(|j| j.waarde.onderdrukt));
        sectie.blokken.extend(grafieknoot(weg));
    }
    sectie.blokken.push(Blok::Tabel(normen_tabel(m)));
    for w in &m.werksoorten {
        sectie.subsecties.push(werksoort_sectie(m, w));
    }
    sectie
}

fn aanmeldingen_grafiek(m: &Raadsinformatie) -> Option<Grafiek> {
    let ws: Vec<&WerksoortVoortgang> = m
        .werksoorten
        .iter()
        .filter(|w| zoek(m, &format!("{}.aanmeldingen", w.code)).is_some())
        .collect();
    if ws.is_empty() {
        return None;
    }
    let reeksen: Vec<Reeks> = m
        .jaren
        .iter()
        .enumerate()
        .map(|(k, j)| Reeks {
            naam: j.to_string(),
            waarden: ws
                .iter()
                .map(|w| zoek(m, &format!("{}.aanmeldingen", w.code)).and_then(|i| f64_van(&i.trend[k].waarde)))
                .collect(),
        })
        .collect();
    let beschrijving: Vec<String> = ws
        .iter()
        .filter_map(|w| {
            let i = zoek(m, &format!("{}.aanmeldingen", w.code))?;
            let waarden: Vec<String> = i
                .trend
                .iter()
                .map(|j| format!("{} {}", j.jaar, uitgeschreven(&j.waarde)))
                .collect();
            Some(format!("{}: {}", w.naam, waarden.join(", ")))
        })
        .collect();
    Some(Grafiek {
        soort: GrafiekSoort::Staaf,
        titel: format!("Aanmeldingen per werksoort, {}–{}", m.jaren[0], jaar(m)),
        alt: format!(
            "Staafgrafiek van het aantal aanmeldingen per werksoort in {}, {} en {}. {}.",
            m.jaren[0],
            m.jaren[1],
            m.jaren[2],
            beschrijving.join(". ")
        ),
        x_labels: ws.iter().map(|w| werksoort::kort(&w.code).to_string()).collect(),
        reeksen,
        y_formaat: YFormaat::Aantal,
        normlijn: None,
    })
}

/// A value for alt text: the shown text, or in words why it is not shown.
fn uitgeschreven(w: &Waarde) -> String {
    if w.onderdrukt {
        format!("niet getoond ({})", w.weergave)
    } else if w.waarde.is_none() {
        "geen gegevens".into()
    } else {
        w.weergave.clone()
    }
}

fn normen_tabel(m: &Raadsinformatie) -> Tabel {
    let mut rijen = Vec::new();
    for code in WERKSOORT_VOLGORDE {
        for i in m.indicatoren.iter().filter(|i| i.werksoort == code && i.norm.is_some()) {
            let mut cellen = vec![Cel::new(&i.naam), Cel::new(werksoort::kort(&i.werksoort))];
            cellen.extend(trend_cellen(i));
            cellen.push(Cel::new(norm_tekst(i)));
            cellen.push(status_cel(i));
            rijen.push(Rij::van(RijSoort::Gewoon, cellen));
        }
    }
    let mut kolommen = vec![
        Kolom::links("Norm").breedte(3.4),
        Kolom::links("Werksoort").breedte(1.3),
    ];
    kolommen.extend(jaar_kolommen(m));
    kolommen.push(Kolom::rechts("Streefwaarde").breedte(1.0));
    kolommen.push(Kolom::midden(format!("Status {}", jaar(m))).breedte(1.2));
    tabel(
        m,
        format!("Normen met een streefwaarde, {}–{}", m.jaren[0], jaar(m)),
        "Per norm de waarde in elk van de drie jaren, de streefwaarde en of die in het laatste jaar is gehaald.",
        kolommen,
        rijen,
        vec!["Status n.v.t.: de norm gold in dat jaar nog niet. Geen gegevens: er waren geen hulpvragen om te beoordelen.".into()],
    )
}

fn werksoort_sectie(m: &Raadsinformatie, w: &WerksoortVoortgang) -> Sectie {
    let mut blokken = vec![Blok::alinea(&w.zin)];
    let rijen: Vec<Rij> = w
        .indicatoren
        .iter()
        .filter_map(|id| zoek(m, id))
        .map(|i| {
            let mut cellen = vec![Cel::new(naam(i))];
            cellen.extend(trend_cellen(i));
            cellen.push(Cel::new(norm_tekst(i)));
            cellen.push(status_cel(i));
            Rij::van(RijSoort::Gewoon, cellen)
        })
        .collect();
    let mut kolommen = vec![Kolom::links("Indicator").breedte(3.6)];
    kolommen.extend(jaar_kolommen(m));
    kolommen.push(Kolom::rechts("Norm").breedte(0.9));
    kolommen.push(Kolom::midden(format!("Status {}", jaar(m))).breedte(1.2));
    blokken.push(Blok::Tabel(tabel(
        m,
        format!("Kerncijfers {}, {}–{}", klein(&w.naam), m.jaren[0], jaar(m)),
        format!(
            "De indicatoren van {} per jaar, met de norm en de status in {}.",
            klein(&w.naam),
            jaar(m)
        ),
        kolommen,
        rijen,
        vec![],
    )));
    if let Some(g) = normen_grafiek(m, w) {
        blokken.push(Blok::Grafiek(g));
        let weg = m
            .indicatoren
            .iter()
            .filter(|i| i.werksoort == w.code && i.norm.is_some() && i.eenheid == Eenheid::Fractie)
            .flat_map(|i| i.trend.iter().map(|j| j.waarde.onderdrukt));
        blokken.extend(grafieknoot(weg));
    }
    Sectie::new(w.naam.clone(), blokken)
}

/// The norms of a werksoort over three years: one group of bars per norm (one norm: bars per
/// year with the norm as a line).
fn normen_grafiek(m: &Raadsinformatie, w: &WerksoortVoortgang) -> Option<Grafiek> {
    let normen: Vec<&RaadIndicator> = m
        .indicatoren
        .iter()
        .filter(|i| i.werksoort == w.code && i.norm.is_some() && i.eenheid == Eenheid::Fractie)
        .collect();
    let beschrijf = |i: &RaadIndicator| {
        let waarden: Vec<String> = i
            .trend
            .iter()
            .map(|j| format!("{} {}", j.jaar, uitgeschreven(&j.waarde)))
            .collect();
        format!("{} (norm {}): {}", i.naam, norm_tekst(i), waarden.join(", "))
    };
    let titel = format!("{}: normen {}–{}", w.naam, m.jaren[0], jaar(m));
    match normen.as_slice() {
        [] => None,
        [i] => {
            let norm = i.norm.as_ref()?;
            Some(Grafiek {
                soort: GrafiekSoort::Staaf,
                titel: format!("{} – {}–{}", i.naam, m.jaren[0], jaar(m)),
                alt: format!("Staafgrafiek per jaar. {}.", beschrijf(i)),
                x_labels: m.jaren.iter().map(|j| j.to_string()).collect(),
                reeksen: vec![Reeks {
                    naam: i.naam.clone(),
                    waarden: i.trend.iter().map(|j| f64_van(&j.waarde)).collect(),
                }],
                y_formaat: YFormaat::Procent,
                normlijn: Some(Normlijn {
                    waarde: norm.drempel.to_f64().unwrap_or(0.0),
                    label: format!("norm {}", norm_tekst(i)),
                }),
            })
        }
        meer => Some(Grafiek {
            soort: GrafiekSoort::Staaf,
            titel,
            alt: format!(
                "Staafgrafiek met per norm van {} een staaf voor {}, {} en {}. {}.",
                klein(&w.naam),
                m.jaren[0],
                m.jaren[1],
                m.jaren[2],
                meer.iter().map(|i| beschrijf(i)).collect::<Vec<_>>().join(". ")
            ),
            x_labels: meer.iter().map(|i| i.kort_naam.clone()).collect(),
            reeksen: m
                .jaren
                .iter()
                .enumerate()
                .map(|(k, j)| Reeks {
                    naam: j.to_string(),
                    waarden: meer.iter().map(|i| f64_van(&i.trend[k].waarde)).collect(),
                })
                .collect(),
            y_formaat: YFormaat::Procent,
            normlijn: None,
        }),
    }
}

fn pct(p: Option<Decimal>) -> String {
    p.map_or_else(|| LEEG.to_string(), format::procent_dec)
}

fn financien(m: &Raadsinformatie) -> Sectie {
    let y = jaar(m);
    let Some(f) = &m.financieel else {
        let mut blokken = vec![Blok::melding(
            Toon::LetOp,
            format!("De financiële cijfers over {y} zijn niet beschikbaar."),
        )];
        blokken.extend(m.opmerkingen.iter().map(Blok::alinea));
        return Sectie::new("Financiën", blokken);
    };
    let geld = |naam: String, fin: &str, r: &crate::report::raad::Geldregel, soort: RijSoort| {
        let maak = |t: String| {
            if soort == RijSoort::Gewoon {
                Cel::new(t)
            } else {
                Cel::vet(t)
            }
        };
        Rij::van(
            soort,
            vec![
                maak(naam),
                maak(fin.to_string()),
                maak(format::euro(r.begroting)),
                maak(format::euro(r.realisatie)),
                maak(format::euro(r.verschil)),
                maak(pct(r.verschil_pct)),
            ],
        )
    };
    let mut rijen = Vec::new();
    for r in &f.werksoorten {
        let fin = m
            .werksoorten
            .iter()
            .find(|w| w.code == r.code)
            .and_then(|w| w.financiering)
            .map_or("", |f| f.as_str());
        rijen.push(geld(r.naam.clone(), fin, r, RijSoort::Gewoon));
    }
    for r in &f.financiering {
        rijen.push(geld(format!("Subtotaal {}", r.naam), "", r, RijSoort::Subtotaal));
    }
    rijen.push(geld("Totaal".into(), "", &f.totaal, RijSoort::Totaal));
    let t = tabel(
        m,
        format!("Begroting en realisatie {y} per werksoort en financiering"),
        "Per werksoort de begroting, de realisatie en het verschil in euro en procent, met subtotalen voor Wmo en \
         Jeugdwet en het totaal.",
        vec![
            Kolom::links("Werksoort").breedte(2.4),
            Kolom::links("Financiering").breedte(1.2),
            Kolom::rechts("Begroting").breedte(1.6),
            Kolom::rechts("Realisatie").breedte(1.6),
            Kolom::rechts("Verschil").breedte(1.5),
            Kolom::rechts("Verschil %").breedte(1.0),
        ],
        rijen,
        vec![
            "Verschil = realisatie − begroting; een positief verschil betekent dat meer is uitgegeven dan begroot."
                .into(),
        ],
    );
    let mut blokken = vec![Blok::alinea(format!(
        "{} De middelen voor de jeugd (het CJG) worden onder de Jeugdwet verantwoord, die voor volwassenen en \
         jongerenwerk onder de Wmo.",
        financieel_zin(y, &f.totaal)
    ))];
    blokken.push(Blok::Tabel(t));
    let labels: Vec<String> = f
        .werksoorten
        .iter()
        .map(|r| werksoort::kort(&r.code).to_string())
        .collect();
    let alt: Vec<String> = f
        .werksoorten
        .iter()
        .map(|r| {
            format!(
                "{}: begroot {}, gerealiseerd {}",
                r.naam,
                format::euro_rond(r.begroting),
                format::euro_rond(r.realisatie)
            )
        })
        .collect();
    blokken.push(Blok::Grafiek(Grafiek {
        soort: GrafiekSoort::Staaf,
        titel: format!("Begroting en realisatie {y} per werksoort"),
        alt: format!(
            "Staafgrafiek van begroting en realisatie per werksoort in {y}. {}.",
            alt.join("; ")
        ),
        x_labels: labels,
        reeksen: vec![
            Reeks {
                naam: "Begroting".into(),
                waarden: f.werksoorten.iter().map(|r| r.begroting.to_f64()).collect(),
            },
            Reeks {
                naam: "Realisatie".into(),
                waarden: f.werksoorten.iter().map(|r| r.realisatie.to_f64()).collect(),
            },
        ],
        y_formaat: YFormaat::Euro,
        normlijn: None,
    }));
    if let Some(p) = &f.proeftuin {
        blokken.push(Blok::alinea(format!(
            "Van de subsidie is jaarlijks {} bestemd voor de {} (wijkgebied {}). Dit bedrag valt binnen de begroting \
             hierboven en is niet gebonden aan de inhoudelijke afspraken.",
            format::euro_rond(p.bedrag_jaar),
            p.naam,
            p.wijkgebied
        )));
    }
    if !f.verschillen.is_empty() {
        blokken.push(Blok::Kop {
            niveau: 1,
            tekst: "Verklaring van de grotere verschillen".into(),
        });
        // When no difference has an analysis, say so once under the list instead of after
        // every line.
        let geen_enkele = f.verschillen.iter().all(|v| v.analyse.is_none());
        blokken.push(Blok::Opsomming {
            genummerd: false,
            items: f
                .verschillen
                .iter()
                .map(|v| {
                    let verklaring = match (&v.analyse, geen_enkele) {
                        (Some(a), _) => format!(" {a}"),
                        (None, true) => String::new(),
                        (None, false) => " Er is geen analyse van de oorzaak aangeleverd.".into(),
                    };
                    vec![
                        Span::vet(format!("{} ({}): ", v.naam, werksoort::kort(&v.werksoort))),
                        Span::tekst(format!(
                            "verschil {} ({}).{verklaring}",
                            format::euro(v.verschil),
                            pct(v.verschil_pct),
                        )),
                    ]
                })
                .collect(),
        });
        if geen_enkele {
            blokken.push(Blok::alinea(format!(
                "Voor {} is geen analyse van de oorzaak aangeleverd.",
                if f.verschillen.len() == 1 {
                    "dit verschil"
                } else {
                    "deze verschillen"
                }
            )));
        }
    }
    let mut sectie = Sectie::new("Financiën", blokken);
    if let Some(k) = wat_het_kostte(m) {
        sectie.subsecties.push(k);
    }
    sectie
}

/// "Wat het opleverde en wat het kostte" (revision 3): the kosten per afgesloten hulpvraag per
/// werksoort over the years of the letter, suppressed as the model says.
fn wat_het_kostte(m: &Raadsinformatie) -> Option<Sectie> {
    let eerste = m.kosten_per_afgesloten.first()?;
    let jaren: Vec<i32> = eerste.jaren.iter().map(|j| j.jaar).collect();
    let mut kolommen = vec![Kolom::links("Werksoort")];
    kolommen.extend(jaren.iter().map(|j| Kolom::rechts(j.to_string())));
    let rijen: Vec<Rij> = m
        .kosten_per_afgesloten
        .iter()
        .map(|r| {
            let mut cellen = vec![r.naam.clone()];
            cellen.extend(jaren.iter().map(|j| match r.jaren.iter().find(|x| x.jaar == *j) {
                Some(x) if x.status == "onderdrukt" => "*".to_string(),
                Some(x) => x.kosten.map_or_else(|| "–".into(), format::euro),
                None => "–".into(),
            }));
            Rij::new(cellen)
        })
        .collect();
    let mut t = Tabel::new(kolommen, rijen);
    t.titel = Some("Kosten per afgesloten hulpvraag".into());
    t.samenvatting = Some(
        "Per werksoort de uitgaven van het jaar gedeeld door het aantal hulpvragen dat in dat jaar is afgesloten."
            .into(),
    );
    t.voetnoten = vec![
        "* : minder dan vijf afgesloten hulpvragen; om privacyredenen niet getoond. – : geen afgesloten hulpvragen of geen begroting.".into(),
    ];
    Some(Sectie::new(
        "Wat het opleverde en wat het kostte",
        vec![
            Blok::alinea(
                "Wat een resultaat kostte: de realisatie van de begrotingsregels van een werksoort (zonder de \
                 Proeftuin) gedeeld door het aantal afgesloten hulpvragen van die werksoort.",
            ),
            Blok::Tabel(t),
        ],
    ))
}

fn verhaal_blokken(m: &Raadsinformatie, v: &Verhaal, wat: &str) -> Vec<Blok> {
    if v.delen.is_empty() {
        return vec![Blok::melding(
            Toon::LetOp,
            format!(
                "Niet aangeleverd: er is geen tekst over {wat} over {} aangeleverd.",
                jaar(m)
            ),
        )];
    }
    let mut blokken = Vec::new();
    if v.bron.as_deref() != Some("raad.md") {
        blokken.push(Blok::Alinea(vec![Span::cursief(format!(
            "Uit de toelichting van {} over {}.",
            m.aanbieder,
            jaar(m)
        ))]));
    }
    for d in &v.delen {
        match &d.titel {
            Some(t) => {
                blokken.push(Blok::Kop {
                    niveau: 1,
                    tekst: t.clone(),
                });
                blokken.extend(dieper(naar_blokken(&d.markdown)));
            }
            None => blokken.extend(naar_blokken(&d.markdown)),
        }
    }
    blokken
}

fn ontwikkelingen_en_vervolg(m: &Raadsinformatie) -> Sectie {
    let mut s = Sectie::new("Ontwikkelingen en vervolg", vec![]);
    s.subsecties.push(Sectie::new(
        "Ontwikkelingen",
        verhaal_blokken(m, &m.ontwikkelingen, "de ontwikkelingen"),
    ));
    s.subsecties
        .push(Sectie::new("Vervolg", verhaal_blokken(m, &m.vervolg, "het vervolg")));
    for d in &m.overige_teksten {
        s.subsecties.push(Sectie::new(
            d.titel.clone().unwrap_or_else(|| "Overig".into()),
            naar_blokken(&d.markdown),
        ));
    }
    s
}

fn bijlage_indicatoren(m: &Raadsinformatie) -> Sectie {
    let y = jaar(m);
    let mut rijen = Vec::new();
    for code in WERKSOORT_VOLGORDE {
        let eigen: Vec<&RaadIndicator> = m.indicatoren.iter().filter(|i| i.werksoort == code).collect();
        let Some(eerste) = eigen.first() else { continue };
        let groep = m
            .werksoorten
            .iter()
            .find(|w| w.code == code)
            .map_or_else(|| eerste.werksoort.clone(), |w| w.naam.clone());
        rijen.push(Rij::groepskop(groep));
        for i in eigen {
            let mut cellen = vec![Cel::new(naam(i))];
            cellen.extend(trend_cellen(i));
            cellen.push(Cel::new(&i.teller.weergave));
            cellen.push(Cel::new(&i.noemer.weergave));
            cellen.push(Cel::new(norm_tekst(i)));
            cellen.push(status_cel(i));
            rijen.push(Rij::van(RijSoort::Gewoon, cellen));
        }
    }
    let mut kolommen = vec![Kolom::links("Indicator").breedte(3.4)];
    kolommen.extend(jaar_kolommen(m));
    kolommen.push(Kolom::rechts(format!("Teller {y}")).breedte(0.9));
    kolommen.push(Kolom::rechts(format!("Noemer {y}")).breedte(0.9));
    kolommen.push(Kolom::rechts("Norm").breedte(0.8));
    kolommen.push(Kolom::midden(format!("Status {y}")).breedte(1.1));
    let t = tabel(
        m,
        format!("Alle indicatoren, {}–{y}", m.jaren[0]),
        "Alle indicatoren van de catalogus per werksoort: de waarde per jaar, teller en noemer van het laatste jaar, \
         de norm en de status.",
        kolommen,
        rijen,
        vec!["Percentages zijn teller gedeeld door noemer; wachttijden in dagen, overschrijdingen in weken.".into()],
    );
    Sectie::new(
        "Indicatortabel",
        vec![
            Blok::alinea(format!(
                "Alle indicatoren uit de afspraken over {y} en de twee jaren ervoor, met teller en noemer van {y}. \
                 Dezelfde cijfers staan in het JSON-bestand bij deze brief; niet getoonde waarden staan daar als null \
                 met \"onderdrukt\": true."
            )),
            Blok::Tabel(t),
        ],
    )
}

fn kruistabel_rijen(labels: &[String], t: &Kruistabel) -> Vec<Rij> {
    let tabel = t.als_tabel();
    let Some((totalen, rijen)) = tabel.split_last() else {
        return Vec::new();
    };
    let mut uit: Vec<Rij> = labels
        .iter()
        .zip(rijen)
        .map(|(l, waarden)| {
            let mut c = vec![Cel::new(l)];
            if let Some((tot, cellen)) = waarden.split_last() {
                c.extend(cellen.iter().map(|w| Cel::new(&w.weergave)));
                c.push(Cel::vet(&tot.weergave));
            }
            Rij::van(RijSoort::Gewoon, c)
        })
        .collect();
    let mut c = vec![Cel::vet("Totaal")];
    c.extend(totalen.iter().map(|w| Cel::vet(&w.weergave)));
    uit.push(Rij::van(RijSoort::Totaal, c));
    uit
}

fn bijlage_wijkgebieden(m: &Raadsinformatie) -> Option<Sectie> {
    let w = m.wijkgebieden.as_ref()?;
    let y = jaar(m);
    let labels: Vec<String> = w.wijkgebieden.iter().map(|(c, n)| format!("{c} {n}")).collect();
    let kolommen = |codes: &[String]| {
        let mut k = vec![Kolom::links("Wijkgebied").breedte(2.8)];
        k.extend(codes.iter().map(|c| Kolom::rechts(werksoort::kort(c)).breedte(1.0)));
        k.push(Kolom::rechts("Totaal").breedte(0.9));
        k
    };
    let aanm = tabel(
        m,
        format!("Aanmeldingen in {y} per wijkgebied en werksoort"),
        "Het aantal aanmeldingen per wijkgebied (rijen) en werksoort (kolommen), met totalen.",
        kolommen(&w.werksoorten),
        kruistabel_rijen(&labels, &w.aanmeldingen),
        vec![],
    );
    let wacht = tabel(
        m,
        format!(
            "Wachtlijst op {} per wijkgebied en werksoort",
            format::datum_lang(m.periode.peildatum)
        ),
        "Het aantal hulpvragen dat op de peildatum langer dan 14 dagen op een eerste gesprek wacht, per wijkgebied en \
         werksoort, met totalen.",
        kolommen(&w.werksoorten_wachtlijst),
        kruistabel_rijen(&labels, &w.wachtlijst),
        vec!["Wachtlijst: hulpvragen die op de peildatum langer dan 14 dagen wachten op een eerste gesprek.".into()],
    );
    let zonder: Vec<String> = w
        .zonder_ontmoeting
        .iter()
        .map(|c| {
            w.wijkgebieden
                .iter()
                .find(|(code, _)| code == c)
                .map_or_else(|| c.clone(), |(code, n)| format!("{code} {n}"))
        })
        .collect();
    let ontmoeting = if zonder.is_empty() {
        Blok::melding(
            Toon::Goed,
            format!("In {y} liep in elk wijkgebied een ontmoetingsactiviteit door en voor inwoners."),
        )
    } else {
        Blok::melding(
            Toon::Slecht,
            format!(
                "In {y} liep in deze wijkgebieden geen ontmoetingsactiviteit door en voor inwoners: {}.",
                zonder.join(", ")
            ),
        )
    };
    Some(Sectie::new(
        "Aanmeldingen en wachtlijst per wijkgebied",
        vec![
            Blok::alinea(
                "Per wijkgebied zijn de aantallen kleiner, dus hier komen de regels voor kleine aantallen het vaakst \
                 voor: een klein aantal staat er als ‘<5’, en waar een totaal het zou prijsgeven is ook een tweede \
                 getal weggelaten (‘x’).",
            ),
            Blok::Tabel(aanm),
            Blok::Tabel(wacht),
            ontmoeting,
        ],
    ))
}

fn bijlage_verantwoording(m: &Raadsinformatie) -> Sectie {
    let k = &m.datakwaliteit;
    let mut rijen: Vec<Rij> = k
        .bestanden
        .iter()
        .map(|b| {
            Rij::new([
                b.pad.clone(),
                format::aantal(b.gelezen as i64),
                format::aantal(b.geaccepteerd as i64),
                format::aantal(b.afgekeurd as i64),
            ])
        })
        .collect();
    rijen.push(Rij::van(
        RijSoort::Totaal,
        vec![
            Cel::vet("Totaal"),
            Cel::vet(format::aantal(k.gelezen as i64)),
            Cel::vet(format::aantal(k.geaccepteerd as i64)),
            Cel::vet(format::aantal(k.afgekeurd as i64)),
        ],
    ));
    let mut t = Tabel::new(
        vec![
            Kolom::links("Bestand").breedte(3.4),
            Kolom::rechts("Gelezen").breedte(1.2),
            Kolom::rechts("Geaccepteerd").breedte(1.2),
            Kolom::rechts("Afgekeurd").breedte(1.2),
        ],
        rijen,
    );
    t.titel = Some("Ingelezen regels per bronbestand".into());
    t.samenvatting = Some("Per bronbestand het aantal gelezen, geaccepteerde en afgekeurde regels.".into());
    let mut blokken = vec![
        Blok::alinea(format!(
            "De cijfers in deze brief zijn automatisch berekend uit de bronbestanden van {} en de financiële \
             administratie, volgens de definities in de subsidieafspraken. Elke regel uit de bestanden is \
             geaccepteerd of afgekeurd; afgekeurde regels tellen niet mee.",
            m.aanbieder
        )),
        Blok::Tabel(t),
    ];
    if k.waarschuwingen > 0 {
        blokken.push(Blok::alinea(format!(
            "Bij het inlezen zijn {} waarschuwingen gegeven; die staan in de rapportages voor de ambtelijke organisatie.",
            format::aantal(k.waarschuwingen as i64)
        )));
    }
    if !m.opmerkingen.is_empty() {
        blokken.push(Blok::opsomming(m.opmerkingen.iter().cloned()));
    }
    Sectie::new("Verantwoording van de cijfers", blokken)
}

impl super::Weergave for Raadsinformatie {
    /// The public letter: PDF/A-2a + PDF/UA-1, and the same letter as one HTML file.
    fn bestanden(&self, templates: &std::path::Path) -> anyhow::Result<Vec<(&'static str, Vec<u8>)>> {
        let doc = document(self);
        let pdf = super::pdf::render_pdf(&doc, templates, super::pdf::PdfProfiel::Archief)?;
        Ok(vec![
            ("pdf", pdf),
            ("html", super::html::render_html(&doc).into_bytes()),
        ])
    }
}
