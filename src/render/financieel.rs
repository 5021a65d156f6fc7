//! The halfjaarrapportage financieel as a [`Document`] (for the PDF in the transformatieoverleg):
//! presentation only; every figure comes from the report model and is formatted here.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::document::{
    Blok, Cel, Document, Grafiek, GrafiekSoort, Kaart, Kenmerk, Kolom, Reeks, Rij, RijSoort, Samenvatting, Sectie,
    Span, Stijl, Tabel, Toon, YFormaat,
};
use super::tekst;
use crate::domein::format;
use crate::report::financieel::{
    ANALYSE_ONTBREEKT, Financieel, Halfjaarfinancieel, PrognoseMethode, Regelcijfers, Totaal, Trendreeks,
};
use crate::report::financieel::{Aansluiting, StapSoort, VoordeelNadeel};

fn pct(p: Option<Decimal>) -> String {
    p.map(format::procent_dec).unwrap_or_else(|| "–".into())
}

fn fte(x: Option<Decimal>) -> String {
    x.map(|x| format::decimaal(x, 2)).unwrap_or_else(|| "–".into())
}

fn euro_opt(x: Option<Decimal>) -> String {
    x.map(format::euro).unwrap_or_else(|| "–".into())
}

/// `€ 12.345,67 (8,2%)`, with a sign so the direction is readable without colour.
fn verschil_tekst(verschil: Decimal, p: Option<Decimal>) -> String {
    let teken = if verschil > Decimal::ZERO { "+" } else { "" };
    match p {
        Some(p) => format!("{teken}{} ({teken}{})", format::euro(verschil), format::procent_dec(p)),
        None => format!("{teken}{}", format::euro(verschil)),
    }
}

/// `V`, `N` or nothing (a difference of exactly zero).
fn vn(x: Option<VoordeelNadeel>) -> String {
    x.map_or_else(String::new, |v| v.letter().to_string())
}

/// The legend of the V/N columns.
const VN_LEGENDA: &str = "V/N: V = voordeel (minder uitgegeven dan begroot), N = nadeel (meer uitgegeven dan begroot).";

fn vereist_cel(r: &Regelcijfers) -> Cel {
    match (r.analyse_vereist, r.analyse_ontbreekt) {
        (true, true) => Cel::met_toon("ja – analyse ontbreekt", Toon::LetOp),
        (true, false) => Cel::new("ja – analyse aanwezig"),
        (false, _) => Cel::new("nee"),
    }
}

fn geldkolommen() -> Vec<Kolom> {
    vec![
        Kolom::links("Begrotingsregel").breedte(3.2),
        Kolom::rechts("Begroting jaar").breedte(1.5),
        Kolom::rechts("Begroting periode").breedte(1.5),
        Kolom::rechts("Realisatie periode").breedte(1.5),
        Kolom::rechts("Verschil").breedte(1.5),
        Kolom::midden("V/N").breedte(0.5),
        Kolom::rechts("Verschil %").breedte(1.0),
        Kolom::links("Analyse vereist").breedte(1.7),
    ]
}

fn geldrij(r: &Regelcijfers) -> Rij {
    Rij::van(
        RijSoort::Gewoon,
        vec![
            Cel::new(format!("{} {}", r.regel_id, r.naam)),
            Cel::new(format::euro(r.begroting_jaar)),
            Cel::new(format::euro(r.begroting_periode)),
            Cel::new(format::euro(r.realisatie_periode)),
            Cel::new(format::euro(r.verschil)),
            Cel::new(vn(r.vn)),
            Cel::new(pct(r.verschil_pct)),
            vereist_cel(r),
        ],
    )
}

/// The rows of a table over the begroting regels, in the order every financial table uses: per
/// werksoort a group heading, a row per regel (`regel`) and the werksoort's subtotal; then the
/// subtotals per financiering under their own heading; then the grand total. `totaal` makes a
/// subtotal or total row from its label and figures.
fn per_werksoort(
    f: &Financieel,
    regel: impl Fn(&Regelcijfers) -> Rij,
    totaal: impl Fn(RijSoort, &str, &Totaal) -> Rij,
) -> Vec<Rij> {
    let mut rijen = Vec::new();
    for (code, t) in f.totalen.werksoort.iter() {
        rijen.push(Rij::groepskop(format!("{} ({code})", t.naam)));
        rijen.extend(f.regels.iter().filter(|r| r.werksoort == code).map(&regel));
        rijen.push(totaal(RijSoort::Subtotaal, &format!("Subtotaal {}", t.naam), t));
    }
    rijen.push(Rij::groepskop("Per financiering"));
    for t in [&f.totalen.financiering.wmo, &f.totalen.financiering.jeugdwet] {
        rijen.push(totaal(RijSoort::Subtotaal, &format!("Subtotaal {}", t.naam), t));
    }
    rijen.push(totaal(RijSoort::Totaal, "Totaal", &f.totalen.totaal));
    rijen
}

fn totaalrij(soort: RijSoort, titel: &str, t: &Totaal) -> Rij {
    let ontbreekt = if t.aantal_analyse_ontbreekt > 0 {
        format!(", {} ontbreekt", t.aantal_analyse_ontbreekt)
    } else {
        String::new()
    };
    Rij::van(
        soort,
        vec![
            Cel::vet(titel),
            Cel::vet(format::euro(t.begroting_jaar)),
            Cel::vet(format::euro(t.begroting_periode)),
            Cel::vet(format::euro(t.realisatie_periode)),
            Cel::vet(format::euro(t.verschil)),
            Cel::vet(vn(t.vn)),
            Cel::vet(pct(t.verschil_pct)),
            Cel::new(format!("{} vereist{ontbreekt}", t.aantal_analyse_vereist)),
        ],
    )
}

/// The document of the halfjaarrapportage financieel.
pub fn document(m: &Halfjaarfinancieel) -> Document {
    let label = m.periode.label.clone();
    let t = &m.financieel.totalen.totaal;
    let mnd = m.financieel.aantal_maanden;
    let jaar = m.periode.start.format("%Y").to_string();

    let kaarten = vec![
        Kaart {
            titel: "Begroot (naar rato)".into(),
            waarde: format::euro_rond(t.begroting_periode),
            toelichting: Some(format!(
                "{mnd}/12 van de jaarbegroting {}",
                format::euro_rond(t.begroting_jaar)
            )),
            toon: Toon::Neutraal,
        },
        Kaart {
            titel: "Gerealiseerd".into(),
            waarde: format::euro_rond(t.realisatie_periode),
            toelichting: Some(format!(
                "{} boekingen in de periode",
                format::aantal(m.aansluiting.aantal_boekingen as i64)
            )),
            toon: Toon::Neutraal,
        },
        Kaart {
            titel: "Verschil".into(),
            waarde: verschil_tekst(t.verschil, t.verschil_pct),
            toelichting: Some(match t.vn {
                Some(VoordeelNadeel::Nadeel) => "nadeel: meer uitgegeven dan begroot".into(),
                Some(VoordeelNadeel::Voordeel) => "voordeel: minder uitgegeven dan begroot".into(),
                None => "precies volgens begroting".into(),
            }),
            toon: Toon::Neutraal,
        },
        Kaart {
            titel: "Analyse vereist".into(),
            waarde: format!("{} van {} regels", t.aantal_analyse_vereist, t.aantal_regels),
            toelichting: Some(variantieregel_tekst(m)),
            toon: Toon::telling(t.aantal_analyse_vereist, Toon::Goed, Toon::Neutraal),
        },
        Kaart {
            titel: "Analyse ontbreekt".into(),
            waarde: t.aantal_analyse_ontbreekt.to_string(),
            toelichting: Some("regels met een vereiste analyse die niet is aangeleverd".into()),
            toon: Toon::telling(t.aantal_analyse_ontbreekt, Toon::Goed, Toon::LetOp),
        },
        Kaart {
            titel: "Aansluiting grootboek".into(),
            waarde: if m.aansluiting.sluitend {
                "sluitend".into()
            } else {
                "niet sluitend".into()
            },
            toelichting: Some(format!("verschil {}", format::euro(m.aansluiting.verschil))),
            toon: if m.aansluiting.sluitend {
                Toon::Goed
            } else {
                Toon::Slecht
            },
        },
    ];
    let mut samenvatting = vec![Blok::Kaarten(kaarten)];
    samenvatting.push(Blok::alinea(format!(
        "In het {label} is {} gerealiseerd tegen een begroting naar rato van {}: een verschil van {}. \
         De prognose voor heel {jaar} is {} tegen een jaarbegroting van {}.",
        format::euro(t.realisatie_periode),
        format::euro(t.begroting_periode),
        verschil_tekst(t.verschil, t.verschil_pct),
        euro_opt(t.prognose_jaar),
        format::euro(t.begroting_jaar),
    )));

    let secties = vec![
        sectie_overzicht(m),
        sectie_analyses(m),
        sectie_prognose(m),
        sectie_formatie(m),
        sectie_kosten(m),
        sectie_aansluiting(m),
        sectie_proeftuin(m),
    ];

    Document {
        soort: "halfjaar-financieel".into(),
        titel: "Halfjaarrapportage financieel".into(),
        ondertitel: Some(format!("{} – {label}", m.aanbieder)),
        gemeente: format!("Gemeente {}", m.gemeente),
        aanbieder: m.aanbieder.clone(),
        periode_label: label.clone(),
        peildatum_label: format::datum(m.periode.peildatum),
        datum: m.periode.peildatum,
        stijl: Stijl::Rapport,
        kenmerken: [
            tekst::periode_kenmerken(m.periode.start, m.periode.peildatum, &m.gemeente, &m.aanbieder),
            vec![
                Kenmerk {
                    label: "Jaarbegroting".into(),
                    waarde: format!("{} ({jaar})", format::euro(t.begroting_jaar)),
                },
                Kenmerk {
                    label: "Aansluiting grootboek".into(),
                    waarde: if m.aansluiting.sluitend {
                        "sluitend op de cent".into()
                    } else {
                        format!("niet sluitend: verschil {}", format::euro(m.aansluiting.verschil))
                    },
                },
            ],
        ]
        .concat(),
        samenvatting: Some(Samenvatting {
            titel: "In het kort".into(),
            blokken: samenvatting,
        }),
        secties,
        bijlagen: vec![bijlage_datakwaliteit(m)],
        markering: super::status::markering(m.status),
    }
}

fn variantieregel_tekst(m: &Halfjaarfinancieel) -> String {
    let v = &m.variantieregel;
    format!(
        "bij een verschil van ten minste {} of {}, niet onder {}",
        format::euro_rond(v.drempel_bedrag),
        format::procent_dec(v.drempel_pct),
        format::euro_rond(v.ondergrens_bedrag)
    )
}

fn sectie_overzicht(m: &Halfjaarfinancieel) -> Sectie {
    let f = &m.financieel;
    let mut rijen = per_werksoort(f, geldrij, totaalrij);
    let p = &m.proeftuin;
    rijen.push(Rij::van(
        RijSoort::Gewoon,
        vec![
            Cel::new(format!("Memo: {} ({}) – niet in het totaal", p.naam, p.wijkgebied)),
            Cel::new(format::euro(p.bedrag_jaar)),
            Cel::new(format::euro(p.bedrag_periode)),
            Cel::new("–"),
            Cel::new("–"),
            Cel::new(""),
            Cel::new("–"),
            Cel::new(""),
        ],
    ));
    let mut tabel = Tabel::new(geldkolommen(), rijen);
    tabel.titel = Some(format!(
        "Begroting en realisatie per begrotingsregel, {}",
        m.periode.label
    ));
    tabel.samenvatting = Some(format!(
        "Per werksoort de begrotingsregels met begroting jaar, begroting naar rato over {} maanden, realisatie, verschil in euro en procent en of een analyse vereist is; met subtotalen per werksoort en financiering en het totaal.",
        f.aantal_maanden
    ));
    tabel.voetnoten = vec![
        format!(
            "Begroting periode = begroting jaar × {}/12, per regel afgerond op centen. Verschil = realisatie − begroting periode (positief: meer uitgegeven dan begroot); verschil % = verschil / begroting periode.",
            f.aantal_maanden
        ),
        VN_LEGENDA.into(),
        format!("Analyse vereist {}.", variantieregel_tekst(m)),
        "Subtotalen en totaal zijn de exacte som van de regels.".into(),
    ];
    // Long regel names and the analysis flag: on landscape pages they stay on one line.
    Sectie {
        liggend: true,
        ..Sectie::new("Begroting en realisatie", vec![Blok::Tabel(tabel)])
    }
}

fn sectie_analyses(m: &Halfjaarfinancieel) -> Sectie {
    let mut blokken = Vec::new();
    let regels: Vec<&Regelcijfers> = m
        .financieel
        .regels
        .iter()
        .filter(|r| r.analyse_vereist || r.analyse.is_some())
        .collect();
    if regels.is_empty() {
        blokken.push(Blok::alinea(format!(
            "Geen enkele begrotingsregel wijkt zoveel af dat een analyse vereist is ({}).",
            variantieregel_tekst(m)
        )));
    } else {
        blokken.push(Blok::alinea(format!(
            "Een analyse van de oorzaak is vereist {}. Hieronder per regel de analyse en de maatregel van de aanbieder.",
            variantieregel_tekst(m)
        )));
    }
    for r in regels {
        blokken.push(Blok::Kop {
            niveau: 1,
            tekst: format!("{} {}", r.regel_id, r.naam),
        });
        blokken.push(Blok::Alinea(vec![
            Span::vet("Verschil: "),
            Span::tekst(format!(
                "{} (begroot {}, gerealiseerd {}){}",
                verschil_tekst(r.verschil, r.verschil_pct),
                format::euro(r.begroting_periode),
                format::euro(r.realisatie_periode),
                if r.analyse_vereist {
                    ""
                } else {
                    "; geen analyse vereist"
                }
            )),
        ]));
        match &r.analyse {
            Some(a) => {
                blokken.push(Blok::Alinea(vec![Span::vet("Analyse: "), Span::tekst(a)]));
                blokken.push(Blok::Alinea(vec![
                    Span::vet("Maatregel: "),
                    Span::tekst(r.maatregel.clone().unwrap_or_else(|| "geen maatregel genoemd".into())),
                ]));
            }
            None => blokken.push(Blok::melding(
                Toon::LetOp,
                format!(
                    "{}: de aanbieder heeft geen analyse aangeleverd voor {}.",
                    capitalize(ANALYSE_ONTBREEKT),
                    r.regel_id
                ),
            )),
        }
    }
    Sectie::new("Analyses van de verschillen", blokken)
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// The previous year's first-half share as a percentage with as many decimals as it needs (up
/// to four), so a share just outside the 30–70% band never reads as `30,0%`: `0.299999` →
/// `29,9999%`, `0.4` → `40%`.
pub fn aandeel_tekst(s: Decimal) -> String {
    let p = (s * Decimal::ONE_HUNDRED)
        .round_dp_with_strategy(4, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
        .normalize();
    format!("{}%", format::decimaal(p, p.scale()))
}

/// The forecast method in a table cell of the PDF, explained in the table's footnote:
/// `÷ 40%` (realisatie divided by last year's first-half share), `× 2 (aandeel 25%)`,
/// `× 2 (geen vorig jaar)`, `hele jaar`.
pub fn methode_kort(r: &Regelcijfers) -> String {
    match (r.prognose_methode, r.prognose_aandeel_vorig_jaar) {
        // Non-breaking spaces: the sign stays with its figure in the narrow Methode column.
        (Some(PrognoseMethode::AandeelVorigJaar), Some(s)) => format!("÷\u{a0}{}", aandeel_tekst(s)),
        (Some(PrognoseMethode::Verdubbeling), Some(s)) => format!("×\u{a0}2 (aandeel {})", aandeel_tekst(s)),
        (Some(PrognoseMethode::Verdubbeling), None) => "×\u{a0}2 (geen vorig jaar)".into(),
        (Some(PrognoseMethode::Jaarrealisatie), _) => "hele jaar".into(),
        (Some(pm), _) => pm.label().into(),
        (None, _) => "–".into(),
    }
}

/// How a line's forecast was made, for readers: `realisatie ÷ 40% (aandeel 1e halfjaar vorig jaar)`.
pub fn methode_tekst(r: &Regelcijfers) -> String {
    match (r.prognose_methode, r.prognose_aandeel_vorig_jaar) {
        (Some(PrognoseMethode::AandeelVorigJaar), Some(s)) => {
            format!("realisatie ÷ {} (aandeel 1e halfjaar vorig jaar)", aandeel_tekst(s))
        }
        (Some(PrognoseMethode::Verdubbeling), Some(s)) => {
            format!("realisatie × 2 (aandeel vorig jaar {} buiten 30–70%)", aandeel_tekst(s))
        }
        (Some(PrognoseMethode::Verdubbeling), None) => "realisatie × 2 (geen realisatie vorig jaar)".into(),
        (Some(pm), _) => pm.label().into(),
        (None, _) => "–".into(),
    }
}

/// `maanden`: the short month labels ("jan 2024").
fn grafiek(r: &Trendreeks, maanden: &[String]) -> Grafiek {
    let f = |v: &[Decimal]| v.iter().map(|x| x.to_f64()).collect::<Vec<_>>();
    let laatste_r = r.realisatie_cumulatief.last().copied().unwrap_or_default();
    let laatste_b = r.begroting_cumulatief.last().copied().unwrap_or_default();
    let tot = maanden.last().cloned().unwrap_or_default();
    Grafiek {
        soort: GrafiekSoort::Lijn,
        titel: format!("{}: cumulatieve realisatie en begroting naar rato", r.naam),
        alt: format!(
            "Lijngrafiek {}: de cumulatieve realisatie loopt per maand op tot {} in {tot}, tegen een begroting naar rato van {}.",
            r.naam,
            format::euro_rond(laatste_r),
            format::euro_rond(laatste_b)
        ),
        x_labels: maanden.to_vec(),
        reeksen: vec![
            Reeks {
                naam: "Realisatie (cumulatief)".into(),
                waarden: f(&r.realisatie_cumulatief),
            },
            Reeks {
                naam: "Begroting naar rato".into(),
                waarden: f(&r.begroting_cumulatief),
            },
        ],
        y_formaat: YFormaat::Euro,
        normlijn: None,
    }
}

fn sectie_prognose(m: &Halfjaarfinancieel) -> Sectie {
    let f = &m.financieel;
    let rijen = per_werksoort(
        f,
        |r| {
            Rij::van(
                RijSoort::Gewoon,
                vec![
                    Cel::new(format!("{} {}", r.regel_id, r.naam)),
                    Cel::new(format::euro(r.begroting_jaar)),
                    Cel::new(format::euro(r.realisatie_periode)),
                    Cel::new(euro_opt(r.prognose_jaar)),
                    Cel::new(euro_opt(r.prognose_verschil)),
                    Cel::new(vn(r.prognose_vn)),
                    Cel::new(methode_kort(r)),
                ],
            )
        },
        prognoserij,
    );
    let mut tabel = Tabel::new(
        vec![
            Kolom::links("Begrotingsregel").breedte(2.4),
            Kolom::rechts("Begroting jaar").breedte(1.5),
            Kolom::rechts("Realisatie periode").breedte(1.5),
            Kolom::rechts("Prognose jaar").breedte(1.5),
            Kolom::rechts("Prognose verschil").breedte(1.6),
            Kolom::midden("V/N").breedte(0.5),
            Kolom::links("Methode").breedte(1.7),
        ],
        rijen,
    );
    tabel.titel = Some("Prognose voor het hele jaar".into());
    tabel.samenvatting = Some("Per begrotingsregel de jaarbegroting, de realisatie in de periode, de prognose voor het jaar, het verwachte verschil met de jaarbegroting en de gebruikte methode.".into());
    tabel.voetnoten = vec![
        "Methode: ÷ x% = realisatie gedeeld door het aandeel (x%) van het 1e halfjaar in de realisatie van vorig jaar op dezelfde regel, als dat aandeel tussen 30% en 70% ligt; anders × 2 = realisatie × 2 (met het aandeel van vorig jaar, of zonder realisatie vorig jaar). Prognose 2e halfjaar: de realisatie van het hele jaar.".into(),
        "Prognose verschil = prognose jaar − begroting jaar (positief: verwachte overschrijding).".into(),
        VN_LEGENDA.into(),
    ];
    let mut blokken = vec![Blok::Tabel(tabel)];
    blokken.push(Blok::Grafiek(grafiek(&m.trend.totaal, &m.trend_maandlabels)));
    let subsecties = m
        .trend
        .werksoorten
        .iter()
        .map(|r| {
            Sectie::new(
                format!("Verloop {}", r.naam),
                vec![Blok::Grafiek(grafiek(r, &m.trend_maandlabels))],
            )
        })
        .collect();
    Sectie {
        liggend: false,
        titel: "Prognose en verloop".into(),
        blokken,
        subsecties,
    }
}

fn prognoserij(soort: RijSoort, titel: &str, t: &Totaal) -> Rij {
    Rij::van(
        soort,
        vec![
            Cel::vet(titel),
            Cel::vet(format::euro(t.begroting_jaar)),
            Cel::vet(format::euro(t.realisatie_periode)),
            Cel::vet(euro_opt(t.prognose_jaar)),
            Cel::vet(euro_opt(t.prognose_verschil)),
            Cel::vet(vn(t.prognose_vn)),
            Cel::new(""),
        ],
    )
}

/// Kosten per afgesloten hulpvraag per werksoort (`X.kosten_per_afgesloten`, revision 3): the
/// realisatie of the werksoort's regels, the hulpvragen afgesloten in the half year and the
/// quotient, all three from the model's indicator (teller, noemer, waarde).
fn sectie_kosten(m: &Halfjaarfinancieel) -> Sectie {
    let rijen: Vec<Rij> = m
        .kosten_per_afgesloten
        .iter()
        .map(|k| {
            let naam = m
                .financieel
                .totalen
                .werksoort
                .get(&k.werksoort)
                .map_or_else(|| k.werksoort.clone(), |t| t.naam.clone());
            let afgesloten = k
                .noemer
                .and_then(|n| n.to_i64())
                .map_or_else(|| "–".into(), format::aantal);
            Rij::van(
                RijSoort::Gewoon,
                vec![
                    Cel::new(naam),
                    Cel::new(euro_opt(k.teller)),
                    Cel::new(afgesloten),
                    match k.waarde {
                        Some(w) => Cel::new(format::euro(w)),
                        None => Cel::new("geen afgesloten hulpvragen"),
                    },
                ],
            )
        })
        .collect();
    let mut tabel = Tabel::new(
        vec![
            Kolom::links("Werksoort").breedte(3.0),
            Kolom::rechts("Realisatie periode").breedte(1.6),
            Kolom::rechts("Afgesloten hulpvragen").breedte(1.6),
            Kolom::rechts("Kosten per afgesloten hulpvraag").breedte(2.0),
        ],
        rijen,
    );
    tabel.titel = Some(format!("Kosten per afgesloten hulpvraag, {}", m.periode.label));
    tabel.samenvatting = Some(
        "Per werksoort de realisatie van de begrotingsregels in de periode, het aantal in de periode afgesloten hulpvragen en de kosten per afgesloten hulpvraag."
            .into(),
    );
    tabel.voetnoten = vec![
        "Kosten per afgesloten hulpvraag = realisatie van de begrotingsregels van de werksoort in de periode / aantal in de periode afgesloten hulpvragen, afgerond op centen. De memoregel Proeftuin Ruwaard telt niet mee.".into(),
        "De realisatie dekt al het werk van de werksoort, ook wat geen hulpvraag is (groepen, activiteiten, korte contacten): het bedrag is een kengetal om jaren en werksoorten te vergelijken, geen kostprijs.".into(),
    ];
    Sectie::new("Kosten per afgesloten hulpvraag", vec![Blok::Tabel(tabel)])
}

fn sectie_formatie(m: &Halfjaarfinancieel) -> Sectie {
    let rijen = per_werksoort(
        &m.financieel,
        |r| {
            Rij::van(
                RijSoort::Gewoon,
                vec![
                    Cel::new(format!("{} {}", r.regel_id, r.naam)),
                    Cel::new(fte(r.fte_begroot)),
                    Cel::new(fte(r.fte_realisatie)),
                    Cel::new(
                        r.fte_peildatum
                            .map(format::datum)
                            .unwrap_or_else(|| "niet aangeleverd".into()),
                    ),
                ],
            )
        },
        |soort, titel, t| {
            Rij::van(
                soort,
                vec![
                    Cel::vet(titel),
                    Cel::vet(fte(t.fte_begroot)),
                    Cel::vet(fte(t.fte_realisatie)),
                    Cel::new(""),
                ],
            )
        },
    );
    let mut tabel = Tabel::new(
        vec![
            Kolom::links("Begrotingsregel").breedte(3.5),
            Kolom::rechts("Fte begroot").breedte(1.2),
            Kolom::rechts("Fte realisatie").breedte(1.2),
            Kolom::rechts("Peildatum formatie").breedte(1.4),
        ],
        rijen,
    );
    tabel.titel = Some("Formatie: begroot en gerealiseerd".into());
    tabel.samenvatting =
        Some("Per begrotingsregel de begrote fte en de gerealiseerde fte op de laatste peildatum van de formatie tot en met de peildatum van het rapport.".into());
    Sectie::new("Formatie", vec![Blok::Tabel(tabel)])
}

/// The Dutch label of a reconciliation step and whether it is a (sub)total line.
pub(crate) fn stap_label(soort: StapSoort, a: &Aansluiting) -> (String, bool) {
    match soort {
        StapSoort::Export => ("Export realisatie: alle leesbare bedragen in de periode".into(), true),
        StapSoort::Afgekeurd => ("Af: afgekeurde boekingen met een leesbaar bedrag".into(), false),
        StapSoort::Geaccepteerd => (
            format!(
                "Geaccepteerde boekingen in de periode ({})",
                format::aantal(a.aantal_boekingen as i64)
            ),
            true,
        ),
        StapSoort::WaarvanMogelijkDubbel => ("waarvan mogelijk dubbel geboekt (wel meegeteld)".into(), false),
        StapSoort::OnbekendeRegel => ("Af: boekingen op een regel zonder begrotingsregel".into(), false),
        StapSoort::Onverklaard => ("Onverklaard verschil".into(), false),
        StapSoort::Rapport => ("Totale realisatie in dit rapport".into(), true),
    }
}

fn sectie_aansluiting(m: &Halfjaarfinancieel) -> Sectie {
    let a = &m.aansluiting;
    let mut blokken = vec![if a.sluitend {
        Blok::melding(
            Toon::Goed,
            format!(
                "Sluitend: de {} grootboekregels in de periode tellen op tot {}, gelijk aan de totale realisatie in dit rapport.",
                format::aantal(a.aantal_boekingen as i64),
                format::euro(a.grootboek_totaal)
            ),
        )
    } else {
        Blok::melding(
            Toon::Slecht,
            format!(
                "Niet sluitend: het grootboek telt {} op, het rapport {}; verschil {}.",
                format::euro(a.grootboek_totaal),
                format::euro(a.rapport_totaal),
                format::euro(a.verschil)
            ),
        )
    }];
    let rijen = a
        .stappen
        .iter()
        .map(|st| {
            let (label, totaal) = stap_label(st.soort, a);
            let bedrag = format::euro(st.bedrag);
            if totaal {
                Rij::van(RijSoort::Totaal, vec![Cel::vet(label), Cel::vet(bedrag)])
            } else {
                Rij::new([label, bedrag])
            }
        })
        .collect();
    let mut tabel = Tabel::new(
        vec![
            Kolom::links("Onderdeel").breedte(3.0),
            Kolom::rechts("Bedrag").breedte(1.5),
        ],
        rijen,
    );
    tabel.titel = Some("Aansluiting met het grootboek".into());
    tabel.samenvatting = Some(
        "Van het exporttotaal van de realisatie in de periode, min de afgekeurde boekingen en de boekingen op een regel \
         zonder begrotingsregel, naar de totale realisatie van dit rapport; de mogelijk dubbele boekingen zijn meegeteld."
            .into(),
    );
    blokken.push(Blok::Tabel(tabel));

    if !a.onbekende_regels.is_empty() {
        let rijen = a
            .onbekende_regels
            .iter()
            .map(|b| {
                Rij::new([
                    b.regel.to_string(),
                    format::datum(b.boekdatum),
                    b.boekstuk.clone(),
                    b.regel_id.clone(),
                    format::euro(b.bedrag),
                ])
            })
            .collect();
        let mut t = Tabel::new(
            vec![
                Kolom::rechts("Regel"),
                Kolom::links("Boekdatum"),
                Kolom::links("Boekstuk"),
                Kolom::links("Regel-id"),
                Kolom::rechts("Bedrag"),
            ],
            rijen,
        );
        t.titel = Some("Boekingen op een regel zonder begrotingsregel".into());
        t.rijkoppen = false;
        blokken.push(Blok::Tabel(t));
    }
    if !a.mogelijk_dubbel.is_empty() {
        let rijen = a
            .mogelijk_dubbel
            .iter()
            .map(|d| {
                Rij::new([
                    d.regels.iter().map(|r| r.to_string()).collect::<Vec<_>>().join(", "),
                    format::datum(d.boekdatum),
                    d.boekstuk.clone(),
                    d.regel_id.clone(),
                    format::euro(d.bedrag),
                    format::euro(d.extra),
                ])
            })
            .collect();
        let mut t = Tabel::new(
            vec![
                Kolom::rechts("Regels"),
                Kolom::links("Boekdatum"),
                Kolom::links("Boekstuk"),
                Kolom::links("Regel-id"),
                Kolom::rechts("Bedrag"),
                Kolom::rechts("Mogelijk te veel"),
            ],
            rijen,
        );
        t.titel = Some("Mogelijk dubbele boekingen (meegeteld)".into());
        t.rijkoppen = false;
        blokken.push(Blok::Tabel(t));
    }
    if a.afgekeurd.is_empty() {
        blokken.push(Blok::alinea("Er zijn geen afgekeurde grootboekregels in deze periode."));
    } else {
        let rijen = a
            .afgekeurd
            .iter()
            .map(|b| {
                Rij::new([
                    b.regel.to_string(),
                    b.boekdatum.map(format::datum).unwrap_or_else(|| "onleesbaar".into()),
                    b.boekstuk.clone(),
                    b.regel_id.clone(),
                    b.bedrag.map(format::euro).unwrap_or_else(|| "onleesbaar".into()),
                    b.reden.clone(),
                ])
            })
            .collect();
        let mut t = Tabel::new(
            vec![
                Kolom::rechts("Regel").breedte(0.7),
                Kolom::links("Boekdatum").breedte(1.0),
                Kolom::links("Boekstuk").breedte(1.0),
                Kolom::links("Regel-id").breedte(0.9),
                Kolom::rechts("Bedrag").breedte(1.2),
                Kolom::links("Reden").breedte(3.0),
            ],
            rijen,
        );
        t.titel = Some("Afgekeurde grootboekregels in de periode of zonder leesbare datum".into());
        t.rijkoppen = false;
        t.voetnoten = vec![format!(
            "Deze regels zitten niet in de totalen. Som van de leesbare bedragen: {}{}.",
            format::euro(a.afgekeurd_totaal),
            if a.afgekeurd_zonder_bedrag > 0 {
                format!("; {} regel(s) zonder leesbaar bedrag", a.afgekeurd_zonder_bedrag)
            } else {
                String::new()
            }
        )];
        blokken.push(Blok::Tabel(t));
    }
    Sectie::new("Aansluiting met het grootboek", blokken)
}

fn sectie_proeftuin(m: &Halfjaarfinancieel) -> Sectie {
    let p = &m.proeftuin;
    Sectie::new(
        p.naam.clone(),
        vec![Blok::alinea(format!(
            "Van de totale subsidie besteedt {} jaarlijks {} in de {} (wijkgebied {}); naar rato over deze periode {}. \
             Dit bedrag is een memopost: het maakt deel uit van de begrotingsregels hierboven en is niet apart bij het totaal opgeteld.",
            m.aanbieder,
            format::euro(p.bedrag_jaar),
            p.naam,
            p.wijkgebied,
            format::euro(p.bedrag_periode)
        ))],
    )
}

fn bijlage_datakwaliteit(m: &Halfjaarfinancieel) -> Sectie {
    let blokken = if m.datakwaliteit.bestanden.is_empty() {
        vec![Blok::alinea("Geen gegevens over de invoerbestanden.")]
    } else {
        super::datakwaliteit::blokken(&m.datakwaliteit, 1)
    };
    Sectie::new("Datakwaliteit", blokken)
}

impl super::Weergave for Halfjaarfinancieel {
    fn bestanden(&self, templates: &std::path::Path) -> anyhow::Result<Vec<(&'static str, Vec<u8>)>> {
        let pdf = super::pdf::render_pdf(&document(self), templates, super::pdf::PdfProfiel::Standaard)?;
        Ok(vec![("xlsx", super::xlsx_financieel::schrijf(self)?), ("pdf", pdf)])
    }
}
