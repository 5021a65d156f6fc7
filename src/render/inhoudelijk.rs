//! The halfjaarrapportage inhoudelijk as a generic [`Document`]: a summary, a chapter per
//! werksoort (doelen table, ontwikkelingen, knelpunten, aanbevelingen), the risk register with
//! its heat map, and the norms not met with their analyses. The PDF renderer lays it out.
//!
//! Only formatting happens here: every count and status comes from the
//! [`Halfjaarinhoudelijk`] model.

use super::document::{
    Blok, Cel, Document, Heatmap, HeatmapCel, Kaart, Kenmerk, Kolom, Rij, RijSoort, Samenvatting, Sectie, Stijl, Tabel,
    Toon,
};
use super::markdown::naar_blokken;
use super::tekst;
use crate::domein::format;
use crate::domein::indicator::{Eenheid, Status};
use crate::report::inhoudelijk::{
    DOELSTATUSSEN, DoelIndicator, DoelRegel, DoelStatus, Halfjaarinhoudelijk, NormNietGehaald, RisicoRegel,
    Statustelling, Verandering, Verhaal, WerksoortInhoud,
};

/// Tone of a doel status: behaald / op koers green, risico and niet aangeleverd amber,
/// niet behaald red, n.v.t. grey.
pub fn doel_toon(s: DoelStatus) -> Toon {
    match s {
        DoelStatus::Behaald | DoelStatus::OpKoers => Toon::Goed,
        DoelStatus::Risico | DoelStatus::NietAangeleverd => Toon::LetOp,
        DoelStatus::NietBehaald => Toon::Slecht,
        DoelStatus::Nvt => Toon::Neutraal,
    }
}

/// Band of a risk effect as the agreement's tables colour it: 1–2 laag, 3–4 midden, 6–9 hoog.
pub fn effect_band(effect: u8) -> (&'static str, Toon) {
    match effect {
        0..=2 => ("laag", Toon::Goed),
        3..=4 => ("midden", Toon::LetOp),
        _ => ("hoog", Toon::Slecht),
    }
}

/// Builds the document of the halfjaarrapportage inhoudelijk.
pub fn document(m: &Halfjaarinhoudelijk) -> Document {
    let periode_label = m.periode.label.clone();

    let mut secties = Vec::new();
    if m.algemeen.iets_aangeleverd() {
        secties.push(algemeen_sectie(&m.algemeen));
    }
    for w in &m.werksoorten {
        secties.push(werksoort_sectie(m, w));
    }
    secties.push(risico_sectie(m, &periode_label));
    secties.push(normen_sectie(m));
    secties.extend(
        m.proeftuin
            .as_ref()
            .map(|p| super::proeftuin::sectie(p, &periode_label)),
    );

    Document {
        soort: m.rapport.to_string(),
        titel: "Halfjaarrapportage inhoudelijk".into(),
        ondertitel: Some(format!("Doelen, ontwikkelingen en risico's — {}", m.aanbieder)),
        gemeente: format!("Gemeente {}", m.gemeente),
        aanbieder: m.aanbieder.clone(),
        periode_label: periode_label.clone(),
        peildatum_label: format::datum(m.periode.peildatum),
        datum: m.periode.peildatum,
        stijl: Stijl::Rapport,
        kenmerken: kenmerken(m),
        samenvatting: Some(samenvatting(m)),
        secties,
        bijlagen: vec![randvoorwaarden_bijlage(m)],
        markering: super::status::markering(m.status),
    }
}

fn kenmerken(m: &Halfjaarinhoudelijk) -> Vec<Kenmerk> {
    let a = &m.aangeleverd;
    let bestanden = [
        (a.doelen, "doelen"),
        (a.risicos, "risico's"),
        (a.analyses, "analyses"),
        (a.ontwikkelingen, "ontwikkelingen"),
        (a.knelpunten, "knelpunten"),
        (a.aanbevelingen, "aanbevelingen"),
    ];
    let lijst = |aanwezig: bool| {
        let namen: Vec<&str> = bestanden
            .iter()
            .filter(|(ja, _)| *ja == aanwezig)
            .map(|(_, n)| *n)
            .collect();
        if namen.is_empty() {
            "geen".to_string()
        } else {
            namen.join(", ")
        }
    };
    vec![
        Kenmerk {
            label: "Verslagperiode".into(),
            waarde: format!(
                "{} t/m {}",
                format::datum_lang(m.periode.start),
                format::datum_lang(m.periode.peildatum)
            ),
        },
        Kenmerk {
            label: "Aangeleverd".into(),
            waarde: lijst(true),
        },
        Kenmerk {
            label: "Ontbreekt".into(),
            waarde: lijst(false),
        },
    ]
}

/// "10 behaald, 40 op koers, 2 niet aangeleverd" (statuses with a zero count left out).
fn telling_tekst(t: &Statustelling) -> String {
    let delen: Vec<String> = DOELSTATUSSEN
        .iter()
        .filter(|s| t.aantal(**s) > 0)
        .map(|s| format!("{} {}", format::aantal(t.aantal(*s) as i64), s.label()))
        .collect();
    if delen.is_empty() {
        "geen doelen".into()
    } else {
        delen.join(", ")
    }
}

fn meervoud(n: usize, enkel: &str, meer: &str) -> String {
    format!("{} {}", format::aantal(n as i64), if n == 1 { enkel } else { meer })
}

fn samenvatting(m: &Halfjaarinhoudelijk) -> Samenvatting {
    let s = &m.samenvatting;
    let d = &s.doelen;
    let kaarten = vec![
        Kaart {
            titel: "Doelen behaald of op koers".into(),
            waarde: format::aantal(d.goed() as i64),
            toelichting: Some(format!("van {} doelen", format::aantal(d.totaal() as i64))),
            toon: Toon::Goed,
        },
        Kaart {
            titel: "Doelen niet op koers".into(),
            waarde: format::aantal(d.niet_op_koers() as i64),
            toelichting: Some(format!("{} risico, {} niet behaald", d.risico, d.niet_behaald)),
            toon: if d.niet_behaald > 0 {
                Toon::Slecht
            } else if d.risico > 0 {
                Toon::LetOp
            } else {
                Toon::Neutraal
            },
        },
        Kaart {
            titel: "Doelen zonder status".into(),
            waarde: format::aantal(d.niet_aangeleverd as i64),
            toelichting: Some("niet aangeleverd".into()),
            toon: Toon::telling(d.niet_aangeleverd, Toon::Neutraal, Toon::LetOp),
        },
        Kaart {
            titel: "Risico's met hoger effect".into(),
            waarde: format::aantal(s.aantal_risicos_hoger as i64),
            toelichting: Some(format!("van {} risico's", s.risicos)),
            toon: Toon::telling(s.aantal_risicos_hoger, Toon::Neutraal, Toon::Slecht),
        },
        Kaart {
            titel: "Normen niet gehaald".into(),
            waarde: format::aantal(s.normen_niet_gehaald as i64),
            toelichting: Some("over het halfjaar".into()),
            toon: Toon::telling(s.normen_niet_gehaald, Toon::Goed, Toon::Slecht),
        },
        Kaart {
            titel: "Analyses ontbreken".into(),
            waarde: format::aantal(s.analyses_ontbreken as i64),
            toelichting: Some("bij normen niet gehaald".into()),
            toon: Toon::telling(s.analyses_ontbreken, Toon::Neutraal, Toon::LetOp),
        },
    ];

    let mut blokken = vec![Blok::Kaarten(kaarten)];
    if m.aangeleverd.doelen {
        blokken.push(Blok::alinea(format!(
            "Van de {} doelen uit de afspraken: {}.",
            format::aantal(d.totaal() as i64),
            telling_tekst(d)
        )));
    } else {
        blokken.push(Blok::melding(
            Toon::LetOp,
            format!(
                "De doelenlijst is niet aangeleverd: van geen van de {} doelen is de status bekend.",
                format::aantal(d.totaal() as i64)
            ),
        ));
    }
    let risico_tekst = if !m.aangeleverd.risicos {
        format!(
            "Het risicobestand is niet aangeleverd: de {} risico's staan met de scores uit de afspraken in het register.",
            s.risicos
        )
    } else if s.risicos_hoger.is_empty() && s.risicos_lager.is_empty() {
        format!(
            "Het effect van alle {} risico's is gelijk aan dat in de afspraken.",
            s.risicos
        )
    } else {
        let mut delen = Vec::new();
        if !s.risicos_hoger.is_empty() {
            delen.push(format!(
                "bij {} hoger ({})",
                meervoud(s.aantal_risicos_hoger, "risico", "risico's"),
                s.risicos_hoger.join(", ")
            ));
        }
        if !s.risicos_lager.is_empty() {
            delen.push(format!(
                "bij {} lager ({})",
                meervoud(s.aantal_risicos_lager, "risico", "risico's"),
                s.risicos_lager.join(", ")
            ));
        }
        format!(
            "Het effect (kans × schade) is {} dan in de afspraken.",
            delen.join(" en ")
        )
    };
    blokken.push(Blok::alinea(risico_tekst));
    blokken.push(Blok::alinea(if s.normen_niet_gehaald == 0 {
        "Over het halfjaar is geen norm niet gehaald.".to_string()
    } else {
        format!(
            "Over het halfjaar {} de norm niet; voor {} ontbreekt de analyse.",
            if s.normen_niet_gehaald == 1 {
                "haalt 1 indicator".to_string()
            } else {
                format!("halen {} indicatoren", s.normen_niet_gehaald)
            },
            if s.analyses_ontbreken == 0 {
                "geen daarvan".to_string()
            } else {
                format!("{} daarvan", s.analyses_ontbreken)
            }
        )
    }));
    Samenvatting {
        titel: "Samenvatting".into(),
        blokken,
    }
}

/// A Markdown part, or a notice that it was not delivered.
fn verhaal_blokken(md: Option<&str>, bestand: &str, aanwezig: bool, onderwerp: Option<&WerksoortInhoud>) -> Vec<Blok> {
    if let Some(md) = md {
        let blokken = naar_blokken(md);
        if !blokken.is_empty() {
            return blokken;
        }
    }
    let tekst = match (aanwezig, onderwerp) {
        (false, _) => format!("Niet aangeleverd: {bestand} ontbreekt voor deze periode."),
        (true, Some(w)) => format!(
            "Niet aangeleverd: {bestand} bevat geen deel over {} (kop {}).",
            klein(&w.naam),
            w.code
        ),
        (true, None) => format!("Niet aangeleverd: {bestand} bevat geen algemeen deel."),
    };
    vec![Blok::melding(Toon::LetOp, tekst)]
}

/// Markdown blocks one heading level down, under a [`Blok::Kop`] of their own.
fn onder_kop(titel: &str, blokken: Vec<Blok>) -> Vec<Blok> {
    let mut uit = vec![Blok::Kop {
        niveau: 1,
        tekst: titel.into(),
    }];
    uit.extend(blokken.into_iter().map(|b| match b {
        Blok::Kop { niveau, tekst } => Blok::Kop {
            niveau: niveau.saturating_add(1),
            tekst,
        },
        b => b,
    }));
    uit
}

/// One subsection with the ontwikkelingen, knelpunten and aanbevelingen of a werksoort, each
/// under its own heading (kept out of the table of contents, so the contents and the summary
/// fit on one page).
fn verhaal_sectie(m: &Halfjaarinhoudelijk, v: &Verhaal, w: &WerksoortInhoud) -> Sectie {
    let a = &m.aangeleverd;
    let delen = [
        (
            "Ontwikkelingen",
            v.ontwikkelingen.as_deref(),
            "ontwikkelingen.md",
            a.ontwikkelingen,
        ),
        ("Knelpunten", v.knelpunten.as_deref(), "knelpunten.md", a.knelpunten),
        (
            "Aanbevelingen",
            v.aanbevelingen.as_deref(),
            "aanbevelingen.md",
            a.aanbevelingen,
        ),
    ];
    let blokken = delen
        .into_iter()
        .flat_map(|(titel, md, bestand, aanwezig)| onder_kop(titel, verhaal_blokken(md, bestand, aanwezig, Some(w))))
        .collect();
    Sectie::new(VERHAAL_TITEL, blokken)
}

/// Title of the subsection with the Markdown parts of a werksoort.
pub const VERHAAL_TITEL: &str = "Ontwikkelingen, knelpunten en aanbevelingen";

fn algemeen_sectie(v: &Verhaal) -> Sectie {
    let mut blokken = Vec::new();
    for (titel, md) in [
        ("Ontwikkelingen", &v.ontwikkelingen),
        ("Knelpunten", &v.knelpunten),
        ("Aanbevelingen", &v.aanbevelingen),
    ] {
        if let Some(md) = md {
            blokken.extend(onder_kop(titel, naar_blokken(md)));
        }
    }
    Sectie::new("Algemeen", blokken)
}

/// The text of a doel, risico or randvoorwaarde for a table cell: its lines kept, bullets as
/// `•`, paragraphs (blank lines in the agreement) separated by one empty line.
fn celtekst(t: &str) -> String {
    t.split("\n\n")
        .map(|alinea| {
            alinea
                .lines()
                .map(str::trim)
                .filter(|r| !r.is_empty())
                .map(|r| match r.strip_prefix("- ") {
                    Some(rest) => format!("• {}", rest.trim_start()),
                    None => r.to_string(),
                })
                .collect::<Vec<_>>()
                .join("\n")
        })
        .filter(|a| !a.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// One line per linked indicator, led by the status symbol (colour would colour the whole
/// cell): `✗ Traject afgesloten binnen 6 maanden: 78,0% (norm ≥ 80%), niet gehaald`.
fn indicatorregel(i: &DoelIndicator) -> String {
    let symbool = match tekst::toon(i.status).symbool() {
        "" => "•",
        s => s,
    };
    let status = i.status.label();
    match (i.waarde, &i.norm) {
        (None, _) => format!("{symbool} {}: {status}", i.naam),
        (Some(_), Some(n)) if matches!(i.status, Status::Gehaald | Status::NietGehaald) => format!(
            "{symbool} {}: {} (norm {}), {status}",
            i.naam,
            tekst::waarde(i.eenheid, i.waarde),
            tekst::norm(i.eenheid, Some(n)),
        ),
        (Some(_), _) => format!("{symbool} {}: {}, {status}", i.naam, tekst::waarde(i.eenheid, i.waarde)),
    }
}

fn doel_rij(d: &DoelRegel) -> Rij {
    let indicatoren = if d.indicatorstatus.is_empty() {
        Cel::new("–")
    } else {
        Cel::new(
            d.indicatorstatus
                .iter()
                .map(indicatorregel)
                .collect::<Vec<_>>()
                .join("\n"),
        )
    };
    Rij::van(
        RijSoort::Gewoon,
        vec![
            Cel::new(d.id.clone()),
            Cel::new(celtekst(&d.tekst)),
            Cel::met_toon(d.status.label(), doel_toon(d.status)),
            Cel::new(d.toelichting.clone().unwrap_or_else(|| "–".into())),
            indicatoren,
        ],
    )
}

fn doelen_tabel(m: &Halfjaarinhoudelijk, w: &WerksoortInhoud) -> Tabel {
    // The indicator column only gets room when a doel of this werksoort has linked indicators;
    // otherwise it holds dashes and the texts beside it get the width.
    let met_indicatoren = m
        .doelen
        .iter()
        .any(|d| d.werksoort == w.code && !d.indicatorstatus.is_empty());
    let kolommen = vec![
        Kolom::links("Doel"),
        Kolom::links("Omschrijving").breedte(3.8),
        Kolom::links("Status"),
        Kolom::links("Toelichting").breedte(2.2),
        Kolom::links("Indicatoren (halfjaar)").breedte(if met_indicatoren { 3.4 } else { 0.5 }),
    ];
    let mut rijen = Vec::new();
    let mut vorig_hoofddoel: Option<&str> = None;
    for d in m.doelen.iter().filter(|d| d.werksoort == w.code) {
        if let Some(h) = d.hoofddoel.as_deref()
            && vorig_hoofddoel != Some(h)
        {
            let nummer = d
                .hoofddoel_id
                .as_deref()
                .and_then(|id| id.rsplit_once('H'))
                .map(|(_, n)| format!("Hoofddoel {n}: "))
                .unwrap_or_default();
            rijen.push(Rij::groepskop(format!("{nummer}{h}")));
            vorig_hoofddoel = Some(h);
        }
        rijen.push(doel_rij(d));
    }
    let mut tabel = Tabel::new(kolommen, rijen);
    tabel.titel = Some(format!("Doelen {}", klein(&werksoort_titel(w))));
    tabel.samenvatting = Some(format!(
        "{} doelen van {} met de status uit de doelenlijst van de aanbieder: {}.",
        w.doelen.totaal(),
        klein(&w.naam),
        telling_tekst(&w.doelen)
    ));
    if !m.aangeleverd.doelen {
        tabel
            .voetnoten
            .push("De doelenlijst is voor deze periode niet aangeleverd; geen enkele status is bekend.".into());
    }
    tabel
}

/// The name with a lower-case first letter, for use inside a sentence ("jeugd (CJG)").
fn klein(naam: &str) -> String {
    let mut c = naam.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// "Individueel sociaal werk (ISW)"; a name that already has a bracket stays as it is
/// ("Jeugd (CJG)").
fn werksoort_titel(w: &WerksoortInhoud) -> String {
    if w.naam.contains('(') {
        w.naam.clone()
    } else {
        format!("{} ({})", w.naam, w.code)
    }
}

fn werksoort_sectie(m: &Halfjaarinhoudelijk, w: &WerksoortInhoud) -> Sectie {
    let mut doelen_blokken = vec![Blok::alinea(format!(
        "{} {}: {}.",
        w.doelen.totaal(),
        if w.doelen.totaal() == 1 { "doel" } else { "doelen" },
        telling_tekst(&w.doelen)
    ))];
    if w.code == "JGD" {
        doelen_blokken.push(Blok::alinea(
            "De doelen van het CJG staan gegroepeerd onder de vijf hoofddoelen van de afspraken.",
        ));
    }
    doelen_blokken.push(Blok::Tabel(doelen_tabel(m, w)));
    let mut sectie = Sectie::new(werksoort_titel(w), vec![]);
    sectie.subsecties.push(Sectie::new("Doelen", doelen_blokken));
    sectie.subsecties.push(verhaal_sectie(m, &w.verhaal, w));
    sectie
}

fn score_cel(nu: u8, afspraak: u8) -> Cel {
    if nu == afspraak {
        Cel::new(nu.to_string())
    } else {
        Cel::new(format!("{nu}\n(was {afspraak})"))
    }
}

fn verandering_cel(r: &RisicoRegel) -> Cel {
    match r.verandering {
        Verandering::Hoger => Cel::met_toon(
            format!("↑ hoger ({}\u{a0}→\u{a0}{})", r.effect_afspraak, r.effect),
            Toon::Slecht,
        ),
        Verandering::Lager => Cel::met_toon(
            format!("↓ lager ({}\u{a0}→\u{a0}{})", r.effect_afspraak, r.effect),
            Toon::Goed,
        ),
        Verandering::Gelijk if r.geactualiseerd => Cel::new("→ gelijk"),
        Verandering::Gelijk => Cel::new("niet bijgewerkt"),
    }
}

fn heatmap(m: &Halfjaarinhoudelijk, periode_label: &str) -> Heatmap {
    let mut cellen = Vec::new();
    for kans in (1..=3u8).rev() {
        for schade in 1..=3u8 {
            let ids: Vec<String> = m
                .risicos
                .iter()
                .filter(|r| r.kans == kans && r.schade == schade)
                .map(|r| r.id.clone())
                .collect();
            if !ids.is_empty() {
                cellen.push(HeatmapCel { kans, schade, ids });
            }
        }
    }
    let band = |naam: &str, bereik: &str, f: &dyn Fn(u8) -> bool| {
        let ids: Vec<&str> = m
            .risicos
            .iter()
            .filter(|r| f(r.effect))
            .map(|r| r.id.as_str())
            .collect();
        if ids.is_empty() {
            format!("{naam} effect ({bereik}): geen")
        } else {
            format!(
                "{naam} effect ({bereik}): {} ({})",
                meervoud(ids.len(), "risico", "risico's"),
                ids.join(", ")
            )
        }
    };
    let alt = format!(
        "Risicomatrix van {} risico's naar kans (rijen, 3 boven) en schade (kolommen). {}. {}. {}.",
        m.risicos.len(),
        band("Hoog", "6–9", &|e| e >= 6),
        band("Midden", "3–4", &|e| (3..=4).contains(&e)),
        band("Laag", "1–2", &|e| e <= 2),
    );
    Heatmap {
        titel: format!("Risicomatrix {periode_label}: kans × schade"),
        alt,
        cellen,
    }
}

fn risico_rij(r: &RisicoRegel) -> Rij {
    let (band, toon) = effect_band(r.effect);
    Rij::van(
        RijSoort::Gewoon,
        vec![
            Cel::new(r.id.clone()),
            Cel::new(celtekst(&r.tekst)),
            score_cel(r.kans, r.kans_afspraak),
            score_cel(r.schade, r.schade_afspraak),
            Cel::met_toon(format!("{} ({band})", r.effect), toon),
            verandering_cel(r),
            Cel::new(r.toelichting.clone().unwrap_or_else(|| "–".into())),
        ],
    )
}

fn risico_sectie(m: &Halfjaarinhoudelijk, periode_label: &str) -> Sectie {
    let mut blokken = vec![Blok::alinea(
        "Elk risico uit de afspraken met kans en schade (1 = klein, 3 = groot) en het effect \
         (kans × schade: 1–2 laag, 3–4 midden, 6–9 hoog). Geactualiseerde scores komen uit het risicobestand van de aanbieder; \
         de laatste kolommen vergelijken het effect met de afspraken.",
    )];
    if !m.aangeleverd.risicos {
        blokken.push(Blok::melding(
            Toon::LetOp,
            "Niet aangeleverd: het risicobestand ontbreekt voor deze periode. Het register toont de scores uit de afspraken.",
        ));
    }
    blokken.push(Blok::Heatmap(heatmap(m, periode_label)));

    let kolommen = vec![
        Kolom::links("Risico"),
        Kolom::links("Omschrijving").breedte(3.4),
        Kolom::midden("Kans"),
        Kolom::midden("Schade"),
        Kolom::midden("Effect"),
        Kolom::links("T.o.v. afspraak"),
        Kolom::links("Toelichting").breedte(2.0),
    ];
    let mut rijen = Vec::new();
    for w in &m.werksoorten {
        let eigen: Vec<&RisicoRegel> = m.risicos.iter().filter(|r| r.werksoort == w.code).collect();
        if eigen.is_empty() {
            continue;
        }
        rijen.push(Rij::groepskop(werksoort_titel(w)));
        for r in eigen {
            rijen.push(risico_rij(r));
        }
    }
    // Risico's of a werksoort the agreement does not list (cannot happen with a valid
    // agreement) are still shown.
    for r in m
        .risicos
        .iter()
        .filter(|r| !m.werksoorten.iter().any(|w| w.code == r.werksoort))
    {
        rijen.push(risico_rij(r));
    }
    let mut tabel = Tabel::new(kolommen, rijen);
    tabel.titel = Some("Risicoregister".into());
    tabel.samenvatting = Some(format!(
        "Alle {} risico's met kans, schade, effect en de verandering ten opzichte van de afspraken.",
        m.samenvatting.risicos
    ));
    tabel
        .voetnoten
        .push("“was”: de score in de afspraken. De randvoorwaarden per risico staan in de bijlage.".into());
    blokken.push(Blok::Tabel(tabel));
    // Seven columns with long descriptions: landscape pages keep the rows short.
    Sectie {
        liggend: true,
        ..Sectie::new("Risicoregister", blokken)
    }
}

fn waarde_tekst(n: &NormNietGehaald) -> String {
    let w = tekst::waarde(n.eenheid, n.waarde);
    match (n.eenheid, n.teller, n.noemer) {
        (Eenheid::Fractie, Some(t), Some(d)) if !d.is_zero() => {
            format!("{w} ({} van {})", tekst::getal(t), tekst::getal(d))
        }
        _ => w,
    }
}

fn normen_sectie(m: &Halfjaarinhoudelijk) -> Sectie {
    let mut blokken = Vec::new();
    if m.normen_niet_gehaald.is_empty() {
        blokken.push(Blok::alinea("Over het halfjaar is geen norm niet gehaald."));
    } else {
        blokken.push(Blok::alinea(
            "De indicatoren die over het halfjaar hun norm niet halen, met de analyse en maatregel van de aanbieder.",
        ));
        let rijen = m
            .normen_niet_gehaald
            .iter()
            .map(|n| {
                let analyse = match (&n.analyse, &n.maatregel) {
                    (_, _) if n.analyse_ontbreekt => Cel::met_toon("analyse ontbreekt", Toon::LetOp),
                    (Some(a), Some(mr)) => Cel::new(format!("{a}\nMaatregel: {mr}")),
                    (Some(a), None) => Cel::new(a.clone()),
                    (None, _) => Cel::met_toon("analyse ontbreekt", Toon::LetOp),
                };
                Rij::van(
                    RijSoort::Gewoon,
                    vec![
                        Cel::new(n.naam.clone()),
                        Cel::new(n.werksoort.clone()),
                        Cel::met_toon(waarde_tekst(n), Toon::Slecht),
                        Cel::new(tekst::norm(n.eenheid, n.norm.as_ref())),
                        analyse,
                    ],
                )
            })
            .collect();
        let mut tabel = Tabel::new(
            vec![
                Kolom::links("Indicator").breedte(3.0),
                Kolom::links("Werksoort"),
                Kolom::rechts("Waarde"),
                Kolom::rechts("Norm"),
                Kolom::links("Analyse en maatregel").breedte(4.0),
            ],
            rijen,
        );
        tabel.titel = Some("Normen niet gehaald".into());
        tabel.samenvatting = Some(format!(
            "{} met de norm niet gehaald over het halfjaar, met waarde, norm en analyse.",
            meervoud(m.samenvatting.normen_niet_gehaald, "indicator", "indicatoren")
        ));
        blokken.push(Blok::Tabel(tabel));
    }

    let mut ontbreken = Vec::new();
    if m.analyses_ontbreken.is_empty() {
        if !m.normen_niet_gehaald.is_empty() {
            ontbreken.push(Blok::alinea(
                "Voor elke norm die niet is gehaald is een analyse aangeleverd.",
            ));
        } else {
            ontbreken.push(Blok::alinea("Er zijn geen analyses nodig."));
        }
    } else {
        ontbreken.push(Blok::melding(
            Toon::LetOp,
            format!(
                "Voor {} ontbreekt de analyse van de aanbieder.",
                meervoud(m.samenvatting.analyses_ontbreken, "indicator", "indicatoren")
            ),
        ));
        ontbreken.push(Blok::opsomming(m.analyses_ontbreken.iter().map(|id| {
            match m.normen_niet_gehaald.iter().find(|n| &n.id == id) {
                Some(n) => n.naam.clone(),
                None => crate::domein::catalogus::leesbare_naam(id),
            }
        })));
    }
    // The analyses are long texts beside a one-line value: landscape pages give them room.
    let mut sectie = Sectie {
        liggend: true,
        ..Sectie::new("Normen en analyses", blokken)
    };
    sectie.subsecties.push(Sectie::new("Analyses ontbreken", ontbreken));
    if !m.opmerkingen.is_empty() {
        sectie.subsecties.push(Sectie::new(
            "Opmerkingen bij de invoer",
            vec![Blok::opsomming(m.opmerkingen.iter().cloned())],
        ));
    }
    sectie
}

fn randvoorwaarden_bijlage(m: &Halfjaarinhoudelijk) -> Sectie {
    let rijen = m
        .risicos
        .iter()
        .map(|r| {
            Rij::new([
                r.id.clone(),
                celtekst(&r.tekst),
                r.randvoorwaarde.as_deref().map(celtekst).unwrap_or_else(|| "–".into()),
            ])
        })
        .collect();
    let mut tabel = Tabel::new(
        vec![
            Kolom::links("Risico"),
            Kolom::links("Omschrijving").breedte(3.5),
            Kolom::links("Randvoorwaarden").breedte(5.0),
        ],
        rijen,
    );
    tabel.titel = Some("Randvoorwaarden per risico".into());
    tabel.samenvatting =
        Some("De randvoorwaarden uit de afspraken die kans of schade van elk risico verkleinen.".into());
    Sectie::new("Randvoorwaarden bij de risico's", vec![Blok::Tabel(tabel)])
}

impl super::Weergave for Halfjaarinhoudelijk {
    fn bestanden(&self, templates: &std::path::Path) -> anyhow::Result<Vec<(&'static str, Vec<u8>)>> {
        let pdf = super::pdf::render_pdf(&document(self), templates, super::pdf::PdfProfiel::Standaard)?;
        Ok(vec![("pdf", pdf)])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_text_keeps_lines_bullets_and_paragraphs() {
        assert_eq!(
            celtekst("Eerste regel\n- punt een\n-  punt twee\n\n\nTweede alinea\n  Waar: overleg  "),
            "Eerste regel\n• punt een\n• punt twee\n\nTweede alinea\nWaar: overleg"
        );
        assert_eq!(celtekst("Eén regel."), "Eén regel.");
    }

    #[test]
    fn effect_bands_follow_the_agreement() {
        let banden: Vec<&str> = [1, 2, 3, 4, 6, 9].into_iter().map(|e| effect_band(e).0).collect();
        assert_eq!(banden, ["laag", "laag", "midden", "midden", "hoog", "hoog"]);
    }
}
