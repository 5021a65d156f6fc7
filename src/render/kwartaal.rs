//! The kwartaalrapportage as a [`Document`] (for the PDF): presentation only, every figure comes
//! from the report model and is formatted here.

use rust_decimal::Decimal;

use super::document::{
    Blok, Cel, Document, Grafiek, GrafiekSoort, Kaart, Kolom, Normlijn, Reeks, Rij, RijSoort, Samenvatting, Sectie,
    Span, Stijl, Tabel, Toon, YFormaat,
};
use super::tekst;
use crate::domein::format;
use crate::domein::indicator::{Eenheid, Indicator, Status};
use crate::report::kwartaal::{
    Kwartaalrapportage, MAAND_INDICATOREN, TREND_INDICATOREN, Waarneming, Wijkgebiedcijfers,
};

fn y_formaat(e: Eenheid) -> YFormaat {
    match e {
        Eenheid::Fractie => YFormaat::Procent,
        Eenheid::Aantal | Eenheid::Gemiddelde => YFormaat::Aantal,
        Eenheid::Dagen => YFormaat::Dagen,
        Eenheid::Weken => YFormaat::Weken,
        Eenheid::Euro => YFormaat::Euro,
    }
}

fn f64_van(d: Option<Decimal>) -> Option<f64> {
    use rust_decimal::prelude::ToPrimitive;
    d.and_then(|d| d.to_f64())
}

fn waarde_van(v: &[Waarneming], id: &str) -> Option<Decimal> {
    v.iter().find(|w| w.id == id).and_then(|w| w.waarde)
}

fn is_uitstroom(id: &str) -> bool {
    id.contains(".uitstroom.")
}

/// The kwartaalrapportage document.
pub fn document(m: &Kwartaalrapportage) -> Document {
    let label = m.periode.label.clone();
    let k = &m.kerncijfers;
    let mut samenvatting_blokken = vec![Blok::Kaarten(vec![
        Kaart {
            titel: "Normen gehaald".into(),
            waarde: format!("{} van {}", k.normen_gehaald, k.normen_beoordeeld),
            toelichting: Some("indicatoren met een norm die dit kwartaal geldt".into()),
            toon: Toon::telling(k.normen_niet_gehaald, Toon::Goed, Toon::Neutraal),
        },
        Kaart {
            titel: "Normen niet gehaald".into(),
            waarde: k.normen_niet_gehaald.to_string(),
            toelichting: Some("zie hoofdstuk Analyses".into()),
            toon: Toon::telling(k.normen_niet_gehaald, Toon::Goed, Toon::Slecht),
        },
        Kaart {
            titel: "Analyse ontbreekt".into(),
            waarde: k.analyses_ontbreken.to_string(),
            toelichting: Some("niet gehaalde normen zonder analyse".into()),
            toon: Toon::telling(k.analyses_ontbreken, Toon::Goed, Toon::LetOp),
        },
        Kaart {
            titel: "Afgekeurde invoerregels".into(),
            waarde: format::aantal(k.afgekeurde_regels as i64),
            toelichting: Some("zie hoofdstuk Datakwaliteit".into()),
            toon: Toon::telling(k.afgekeurde_regels, Toon::Goed, Toon::Neutraal),
        },
    ])];
    let niet_gehaald: Vec<String> = m
        .indicatoren
        .iter()
        .filter(|i| i.status == Status::NietGehaald)
        .map(|i| format!("{} ({})", i.naam, m.werksoortnaam(&i.werksoort)))
        .collect();
    if niet_gehaald.is_empty() {
        samenvatting_blokken.push(Blok::alinea(format!("In het {label} zijn alle normen gehaald.")));
    } else {
        samenvatting_blokken.push(Blok::alinea(format!(
            "In het {label} zijn {} van de {} beoordeelde normen gehaald. Niet gehaald:",
            k.normen_gehaald, k.normen_beoordeeld
        )));
        samenvatting_blokken.push(Blok::opsomming(niet_gehaald));
    }

    let mut secties = vec![
        sectie_normen(m),
        sectie_werksoorten(m),
        sectie_cjg_maanden(m),
        sectie_inzet(m),
        sectie_wijkgebieden(m),
        super::outputs::sectie(&m.outputs, &m.periode.label),
        super::proeftuin::sectie(&m.proeftuin, &m.periode.label),
        sectie_analyses(m),
        sectie_datakwaliteit(m),
    ];
    secties.retain(|s| !s.blokken.is_empty() || !s.subsecties.is_empty());

    Document {
        soort: "kwartaalrapportage".into(),
        titel: "Kwartaalrapportage sociaal werk".into(),
        ondertitel: Some(format!("{} – {}", m.aanbieder, label)),
        gemeente: format!("Gemeente {}", m.gemeente),
        aanbieder: m.aanbieder.clone(),
        periode_label: label.clone(),
        peildatum_label: format::datum(m.periode.peildatum),
        datum: m.periode.peildatum,
        stijl: Stijl::Rapport,
        kenmerken: tekst::periode_kenmerken(m.periode.start, m.periode.peildatum, &m.gemeente, &m.aanbieder),
        samenvatting: Some(Samenvatting {
            titel: "In het kort".into(),
            blokken: samenvatting_blokken,
        }),
        secties,
        bijlagen: vec![bijlage_alle_indicatoren(m)],
        markering: super::status::markering(m.status),
    }
}

fn sectie_normen(m: &Kwartaalrapportage) -> Sectie {
    let vq = m.vergelijking.vorig_kwartaal.kort_label.clone();
    let vj = m.vergelijking.vorig_jaar.kort_label.clone();
    let nu = m.periode.kort_label.clone();
    let mut rijen = Vec::new();
    for r in &m.samenvatting {
        let Some(i) = m.indicator(&r.id) else {
            continue;
        };
        rijen.push(Rij::van(
            RijSoort::Gewoon,
            vec![
                Cel::new(&i.naam),
                Cel::new(m.werksoortnaam(&i.werksoort)),
                Cel::new(tekst::waarde_met_breuk(i)),
                Cel::new(tekst::norm(i.eenheid, i.norm.as_ref())),
                tekst::status_cel(i.status),
                Cel::new(tekst::waarde(i.eenheid, r.vorig_kwartaal)),
                Cel::new(tekst::waarde(i.eenheid, r.vorig_jaar)),
                Cel::new(r.trend.pijl()),
            ],
        ));
    }
    let mut t = Tabel::new(
        vec![
            Kolom::links("Indicator").breedte(2.9),
            Kolom::links("Werksoort").breedte(1.3),
            Kolom::rechts(nu).breedte(2.2),
            Kolom::rechts("Norm").breedte(1.0),
            Kolom::midden("Status").breedte(1.5),
            Kolom::rechts(vq).breedte(0.85),
            Kolom::rechts(vj).breedte(0.85),
            Kolom::midden("Trend").breedte(1.0),
        ],
        rijen,
    );
    t.titel = Some("Indicatoren met een norm".into());
    t.voetnoten = vec![
        "Status n.v.t.: de norm geldt nog niet in deze periode. Geen gegevens: de noemer is nul.".into(),
        "Trend: verandering ten opzichte van het vorige kwartaal (hoger is niet altijd beter: bij een maximumnorm is lager gunstig).".into(),
    ];
    if !m.outputs.contacten_aangeleverd {
        t.voetnoten.insert(
            1,
            "Niet aangeleverd: het bestand met contacten en korte interventies ontbreekt, dus deze normen zijn niet beoordeeld."
                .into(),
        );
    }
    t.samenvatting = Some(
        "Per indicator met norm: waarde, norm, status, vorig kwartaal, zelfde kwartaal vorig jaar en trend.".into(),
    );
    Sectie::new(
        "Samenvatting normen",
        vec![
            Blok::alinea(
                "Deze tabel toont elke indicator waarvoor de subsidieafspraken een norm stellen, met de waarde dit kwartaal, \
                 de status en de vergelijking met het vorige kwartaal en hetzelfde kwartaal een jaar eerder.",
            ),
            Blok::Tabel(t),
        ],
    )
}

fn sectie_werksoorten(m: &Kwartaalrapportage) -> Sectie {
    let nu = m.periode.kort_label.clone();
    let mut sectie = Sectie::new(
        "Indicatoren per werksoort",
        vec![Blok::alinea(
            "Per werksoort alle indicatoren van de catalogus: de waarde in het kwartaal en van 1 januari tot de peildatum. \
         De belangrijkste indicatoren staan daarna als trend over de laatste acht kwartalen.",
        )],
    );
    for ws in &m.werksoorten {
        let eigen: Vec<&Indicator> = m.indicatoren.iter().filter(|i| i.werksoort == ws.code).collect();
        if eigen.is_empty() {
            continue;
        }
        let kolommen = vec![
            Kolom::links("Indicator").breedte(3.4),
            Kolom::rechts(nu.clone()).breedte(2.1),
            Kolom::rechts(m.jaar_tot_nu.periode.kort_label.clone()).breedte(1.4),
            Kolom::rechts("Norm").breedte(1.0),
            Kolom::midden("Status").breedte(1.5),
        ];
        let rij = |i: &Indicator| {
            Rij::van(
                RijSoort::Gewoon,
                vec![
                    Cel::new(i.naam.trim_start_matches("Uitstroom: ")),
                    Cel::new(tekst::waarde_met_breuk(i)),
                    Cel::new(tekst::waarde(i.eenheid, waarde_van(&m.jaar_tot_nu.indicatoren, &i.id))),
                    Cel::new(tekst::norm(i.eenheid, i.norm.as_ref())),
                    tekst::status_cel(i.status),
                ],
            )
        };
        let mut rijen: Vec<Rij> = eigen.iter().filter(|i| !is_uitstroom(&i.id)).map(|i| rij(i)).collect();
        let uitstroom: Vec<&&Indicator> = eigen.iter().filter(|i| is_uitstroom(&i.id)).collect();
        if !uitstroom.is_empty() {
            rijen.push(Rij::groepskop("Uitstroom naar (aandeel van de afgesloten hulpvragen)"));
            rijen.extend(uitstroom.iter().map(|i| rij(i)));
        }
        let mut t = Tabel::new(kolommen, rijen);
        t.titel = Some(format!("{} – {}", ws.naam, nu));
        let mut blokken = vec![Blok::Tabel(t)];
        for id in TREND_INDICATOREN
            .iter()
            .filter(|id| id.starts_with(&format!("{}.", ws.code)))
        {
            if let Some(g) = trendgrafiek(m, id) {
                blokken.push(Blok::Grafiek(g));
            }
        }
        sectie.subsecties.push(Sectie::new(ws.naam.clone(), blokken));
    }
    sectie
}

/// A line chart of one indicator over the model's eight quarters, with the norm as a line.
fn trendgrafiek(m: &Kwartaalrapportage, id: &str) -> Option<Grafiek> {
    let def = m.indicator(id)?;
    let labels: Vec<String> = m.trend.iter().map(|p| p.periode.kort_label.clone()).collect();
    let waarden: Vec<Option<f64>> = m
        .trend
        .iter()
        .map(|p| f64_van(waarde_van(&p.indicatoren, id)))
        .collect();
    let norm = def.norm.clone();
    let beschrijving: Vec<String> = labels
        .iter()
        .zip(m.trend.iter())
        .map(|(l, p)| format!("{l}: {}", tekst::waarde(def.eenheid, waarde_van(&p.indicatoren, id))))
        .collect();
    let normtekst = norm
        .as_ref()
        .map(|n| format!("; norm {}", tekst::norm(def.eenheid, Some(n))))
        .unwrap_or_default();
    Some(Grafiek {
        soort: GrafiekSoort::Lijn,
        titel: format!("{} – laatste acht kwartalen", def.naam),
        alt: format!(
            "Lijngrafiek {}{}. {}.",
            def.naam.to_lowercase(),
            normtekst,
            beschrijving.join(", ")
        ),
        x_labels: labels,
        reeksen: vec![Reeks {
            naam: def.naam.clone(),
            waarden,
        }],
        y_formaat: y_formaat(def.eenheid),
        normlijn: norm.map(|n| Normlijn {
            waarde: f64_van(Some(n.drempel)).unwrap_or(0.0),
            label: format!("norm {}", tekst::norm(def.eenheid, Some(&n))),
        }),
    })
}

fn sectie_cjg_maanden(m: &Kwartaalrapportage) -> Sectie {
    if m.maanden.is_empty() {
        return Sectie::new("CJG per maand", vec![]);
    }
    let mut kolommen = vec![Kolom::links("Indicator").breedte(3.8)];
    for mc in &m.maanden {
        kolommen.push(Kolom::rechts(mc.label.clone()).breedte(1.6));
    }
    let mut rijen = Vec::new();
    for id in MAAND_INDICATOREN {
        let Some(def) = m.indicator(id) else { continue };
        let mut cellen = vec![Cel::new(&def.naam)];
        for mc in &m.maanden {
            let tekst = mc
                .indicatoren
                .iter()
                .find(|i| i.id == id)
                .map(tekst::waarde_met_breuk)
                .unwrap_or_else(|| "–".into());
            cellen.push(Cel::new(tekst));
        }
        rijen.push(Rij::van(RijSoort::Gewoon, cellen));
    }
    let mut t = Tabel::new(kolommen, rijen);
    t.titel = Some("Jeugd (CJG) per maand".into());
    t.voetnoten = vec![
        "Overschrijding: hulpvragen die op een dag van de maand over hun termijn waren (2 weken tot behandeling, 8 weken tot \
         besluit jeugdhulp); een kind dat na de termijn nog wacht, telt in elke maand dat het wacht. Weken over = begonnen \
         weken vanaf de termijn tot het gesprek, het besluit of de afsluiting, of tot het eind van de maand als het kind nog wacht."
            .into(),
    ];
    Sectie::new(
        "CJG per maand",
        vec![
            Blok::alinea(
                "De afspraken vragen het CJG om de termijnen per maand te verantwoorden: hoeveel hulpvragen binnen twee weken \
                 in behandeling zijn genomen, hoeveel aanvragen jeugdhulp binnen acht weken tot een besluit leidden, en bij \
                 overschrijding met hoeveel weken.",
            ),
            Blok::Tabel(t),
        ],
    )
}

fn sectie_inzet(m: &Kwartaalrapportage) -> Sectie {
    let id = "SW.inzet_individueel";
    let labels: Vec<String> = m.trend.iter().map(|p| p.periode.kort_label.clone()).collect();
    let waarden: Vec<Option<Decimal>> = m.trend.iter().map(|p| waarde_van(&p.indicatoren, id)).collect();
    let norm = m.indicator(id).and_then(|i| i.norm.clone());
    let normtekst = tekst::norm(Eenheid::Fractie, norm.as_ref());
    let mut rijen = Vec::new();
    for (p, l) in m.trend.iter().zip(&labels) {
        let w = p.indicatoren.iter().find(|w| w.id == id);
        let status = w.map(|w| w.status).unwrap_or(Status::GeenGegevens);
        rijen.push(Rij::van(
            RijSoort::Gewoon,
            vec![
                Cel::new(l),
                Cel::new(tekst::waarde(Eenheid::Fractie, w.and_then(|w| w.waarde))),
                Cel::new(w.and_then(|w| w.teller).map(uren).unwrap_or_else(|| "–".into())),
                Cel::new(w.and_then(|w| w.noemer).map(uren).unwrap_or_else(|| "–".into())),
                tekst::status_cel(status),
            ],
        ));
    }
    let mut t = Tabel::new(
        vec![
            Kolom::links("Kwartaal").breedte(1.2),
            Kolom::rechts("Aandeel individueel").breedte(1.5),
            Kolom::rechts("Uren individueel").breedte(1.5),
            Kolom::rechts("Uren ISW + CSW").breedte(1.5),
            Kolom::midden("Status").breedte(1.2),
        ],
        rijen,
    );
    t.titel = Some("Inzet individueel sociaal werk per kwartaal".into());
    let alt = format!(
        "Staafgrafiek aandeel individuele inzet per kwartaal, norm {normtekst}: {}.",
        labels
            .iter()
            .zip(&waarden)
            .map(|(l, w)| format!("{l} {}", tekst::waarde(Eenheid::Fractie, *w)))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let g = Grafiek {
        soort: GrafiekSoort::Staaf,
        titel: "Aandeel individuele inzet sociaal werk".into(),
        alt,
        x_labels: labels,
        reeksen: vec![Reeks {
            naam: "Aandeel individueel".into(),
            waarden: waarden.iter().map(|w| f64_van(*w)).collect(),
        }],
        y_formaat: YFormaat::Procent,
        normlijn: norm.as_ref().map(|n| Normlijn {
            waarde: f64_van(Some(n.drempel)).unwrap_or(0.0),
            label: format!("plafond {}", tekst::norm(Eenheid::Fractie, Some(n))),
        }),
    };
    Sectie::new(
        "Inzet individueel en collectief",
        vec![
            Blok::alinea(format!(
                "Het sociaal werk verschuift van individuele naar collectieve inzet: het aandeel individuele uren van het \
                 individueel en collectief sociaal werk mag hoogstens {} zijn (norm {normtekst}).",
                norm.as_ref()
                    .map(|n| format::procent_dec(n.drempel))
                    .unwrap_or_else(|| "–".into())
            )),
            Blok::Grafiek(g),
            Blok::Tabel(t),
        ],
    )
}

fn uren(d: Decimal) -> String {
    format::decimaal(d, 1)
}

fn sectie_wijkgebieden(m: &Kwartaalrapportage) -> Sectie {
    let ws = m.wijkgebied_werksoorten();
    let mut kolommen = vec![Kolom::links("Wijkgebied").breedte(2.6)];
    for w in &ws {
        kolommen.push(Kolom::rechts(*w).breedte(0.8));
    }
    kolommen.push(Kolom::rechts("Totaal").breedte(0.9));
    kolommen.push(Kolom::rechts("Wachtlijst").breedte(1.0));
    kolommen.push(Kolom::midden("Ontmoeting").breedte(1.1));
    let rij = |w: &Wijkgebiedcijfers, soort: RijSoort| {
        let totaal = soort == RijSoort::Totaal;
        let getal = |n: i64| {
            if totaal {
                Cel::vet(format::aantal(n))
            } else {
                Cel::new(format::aantal(n))
            }
        };
        let mut cellen = vec![if totaal {
            Cel::vet(&w.naam)
        } else {
            Cel::new(format!("{} {}", w.code, w.naam))
        }];
        cellen.extend(ws.iter().map(|c| getal(w.aanmeldingen.get(*c).copied().unwrap_or(0))));
        cellen.push(Cel::vet(format::aantal(w.aanmeldingen_totaal)));
        cellen.push(getal(w.wachtlijst_totaal));
        cellen.push(match (totaal, w.ontmoetingsactiviteit) {
            (true, _) => Cel::new(""),
            (false, true) => Cel::met_toon("ja", Toon::Goed),
            (false, false) => Cel::met_toon("nee", Toon::Slecht),
        });
        Rij::van(soort, cellen)
    };
    let mut rijen: Vec<Rij> = m.wijkgebieden.iter().map(|w| rij(w, RijSoort::Gewoon)).collect();
    rijen.push(rij(&m.wijkgebieden_totaal, RijSoort::Totaal));
    let mut t = Tabel::new(kolommen, rijen);
    t.titel = Some("Aanmeldingen per werksoort en wachtlijst op de peildatum, per wijkgebied".into());
    t.voetnoten = vec![
        "Wachtlijst: hulpvragen die op de peildatum langer dan 14 dagen wachten op een eerste gesprek (SRW, ISW, CSW, JGD).".into(),
        "Ontmoeting: in het kwartaal liep minstens één ontmoetingsactiviteit door en voor inwoners.".into(),
    ];
    let zonder: Vec<String> = m
        .wijkgebieden_zonder_ontmoeting
        .iter()
        .map(|c| {
            m.wijkgebieden
                .iter()
                .find(|w| w.code == *c)
                .map_or_else(|| c.clone(), |w| format!("{c} {}", w.naam))
        })
        .collect();
    let melding = if zonder.is_empty() {
        Blok::melding(
            Toon::Goed,
            "In elk wijkgebied liep dit kwartaal een ontmoetingsactiviteit door en voor inwoners.",
        )
    } else {
        Blok::melding(
            Toon::Slecht,
            format!(
                "Zonder ontmoetingsactiviteit door en voor inwoners dit kwartaal: {}.",
                zonder.join(", ")
            ),
        )
    };
    Sectie::new("Wijkgebieden", vec![Blok::Tabel(t), melding])
}

fn sectie_analyses(m: &Kwartaalrapportage) -> Sectie {
    let mut blokken = Vec::new();
    if m.analyses.is_empty() {
        blokken.push(Blok::melding(
            Toon::Goed,
            "Alle normen zijn gehaald; er zijn geen analyses nodig.",
        ));
    } else {
        blokken.push(Blok::alinea(
            "Voor elke norm die niet is gehaald hoort een analyse van de oorzaak en de maatregel die de aanbieder neemt \
             (in de toelichting). Waar die ontbreekt, staat dat hieronder.",
        ));
    }
    for a in &m.analyses {
        let Some(i) = m.indicator(&a.id) else {
            continue;
        };
        blokken.push(Blok::Kop {
            niveau: 3,
            tekst: format!("{} – {}", m.werksoortnaam(&i.werksoort), i.naam),
        });
        blokken.push(Blok::Alinea(vec![
            Span::vet("Waarde: "),
            Span::tekst(format!(
                "{} (norm {}).",
                tekst::waarde_met_breuk(i),
                tekst::norm(i.eenheid, i.norm.as_ref())
            )),
        ]));
        match (&a.analyse, a.ontbreekt) {
            (Some(t), false) => {
                blokken.push(Blok::Alinea(vec![Span::vet("Analyse: "), Span::tekst(t)]));
                if let Some(mt) = &a.maatregel {
                    blokken.push(Blok::Alinea(vec![Span::vet("Maatregel: "), Span::tekst(mt)]));
                }
            }
            _ => blokken.push(Blok::melding(
                Toon::LetOp,
                "Analyse ontbreekt: de aanbieder heeft geen analyse aangeleverd.",
            )),
        }
    }
    Sectie::new("Analyses van niet gehaalde normen", blokken)
}

fn sectie_datakwaliteit(m: &Kwartaalrapportage) -> Sectie {
    let mut blokken = vec![Blok::alinea(
        "Elke regel uit de exports is geaccepteerd of afgekeurd; afgekeurde regels tellen niet mee in de cijfers en \
         staan met regelnummer, kolom en reden in het bestand met afgekeurde rijen naast dit rapport.",
    )];
    blokken.extend(super::datakwaliteit::blokken(&m.datakwaliteit, 3));
    if !m.opmerkingen.is_empty() {
        blokken.push(Blok::Kop {
            niveau: 3,
            tekst: "Opmerkingen bij de cijfers".into(),
        });
        blokken.push(Blok::opsomming(m.opmerkingen.iter().cloned()));
    }
    Sectie::new("Datakwaliteit", blokken)
}

fn bijlage_alle_indicatoren(m: &Kwartaalrapportage) -> Sectie {
    let mut rijen = Vec::new();
    let mut huidig = String::new();
    for i in &m.indicatoren {
        if i.werksoort != huidig {
            huidig = i.werksoort.clone();
            rijen.push(Rij::groepskop(m.werksoortnaam(&huidig)));
        }
        rijen.push(Rij::van(
            RijSoort::Gewoon,
            vec![
                Cel::new(&i.id),
                Cel::new(&i.naam),
                Cel::new(i.teller.map(tekst::getal).unwrap_or_else(|| "–".into())),
                Cel::new(i.noemer.map(tekst::getal).unwrap_or_else(|| "–".into())),
                Cel::new(tekst::waarde(i.eenheid, i.waarde)),
                tekst::status_cel(i.status),
            ],
        ));
    }
    let mut t = Tabel::new(
        vec![
            Kolom::links("Id").breedte(3.6),
            Kolom::links("Indicator").breedte(3.2),
            Kolom::rechts("Teller").breedte(1.0),
            Kolom::rechts("Noemer").breedte(1.0),
            Kolom::rechts("Waarde").breedte(0.9),
            Kolom::midden("Status").breedte(1.5),
        ],
        rijen,
    );
    t.titel = Some("Alle indicatoren van de catalogus".into());
    Sectie::new(
        "Alle indicatoren",
        vec![
            Blok::alinea(
                "De volledige indicatorset van het kwartaal met teller en noemer, zoals ook in het JSON-bestand.",
            ),
            Blok::Tabel(t),
        ],
    )
}

impl super::Weergave for Kwartaalrapportage {
    fn bestanden(&self, templates: &std::path::Path) -> anyhow::Result<Vec<(&'static str, Vec<u8>)>> {
        let pdf = super::pdf::render_pdf(&document(self), templates, super::pdf::PdfProfiel::Standaard)?;
        Ok(vec![("xlsx", super::xlsx::kwartaal(self)?), ("pdf", pdf)])
    }
}
