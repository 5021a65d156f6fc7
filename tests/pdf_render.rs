//! PDF renderer: every block kind, both profiles, determinism, text and metadata checks.
//!
//! The text checks use `pdftotext` / `pdfinfo` from poppler-utils; when those are missing the
//! checks print a clear message and skip (CI installs them).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use chrono::NaiveDate;
use domeinrapport::render::document::*;
use domeinrapport::render::pdf::{PdfFout, PdfProfiel, render_pdf, render_pdf_met_meldingen};

fn templates() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("report_templates")
}

fn status(tekst: &str, toon: Toon) -> Cel {
    Cel::met_toon(tekst, toon)
}

fn indicatortabel() -> Tabel {
    let mut t = Tabel::new(
        vec![
            Kolom::links("Indicator").breedte(3.0),
            Kolom::rechts("Waarde"),
            Kolom::rechts("Norm"),
            Kolom::midden("Status"),
            Kolom::rechts("Vorig kwartaal"),
            Kolom::midden("Trend"),
        ],
        vec![
            Rij::groepskop("Individueel sociaal werk (ISW)"),
            Rij::van(
                RijSoort::Gewoon,
                vec![
                    Cel::new("Eerste vraagverhelderingsgesprek binnen 4 weken"),
                    Cel::new("90,6% (87 van 96)"),
                    Cel::new("≥ 90%"),
                    status("gehaald", Toon::Goed),
                    Cel::new("88,1%"),
                    Cel::new("↑ hoger"),
                ],
            ),
            Rij::van(
                RijSoort::Gewoon,
                vec![
                    Cel::new("Afgesloten binnen 6 maanden"),
                    Cel::new("71,4%"),
                    Cel::new("≥ 75%"),
                    status("niet gehaald", Toon::Slecht),
                    Cel::new("76,0%"),
                    Cel::new("↓ lager"),
                ],
            ),
            Rij::groepskop("Jeugdgezondheidsdienst (JGD)"),
            Rij::van(
                RijSoort::Gewoon,
                vec![
                    Cel::new("Wachttijd eerste contact"),
                    Cel::new("12,5 dagen"),
                    Cel::new("≤ 14 dagen"),
                    status("let op", Toon::LetOp),
                    Cel::new("–"),
                    Cel::new("–"),
                ],
            ),
            Rij::van(
                RijSoort::Gewoon,
                vec![
                    Cel::new("Aantal aanmeldingen"),
                    Cel::new("1.234"),
                    Cel::new("–"),
                    status("geen norm", Toon::Neutraal),
                    Cel::new("1.198"),
                    Cel::new("→ gelijk"),
                ],
            ),
        ],
    );
    t.titel = Some("Indicatoren met een norm, 2e kwartaal 2024".into());
    t.voetnoten = vec![
        "* noemer kleiner dan 10".into(),
        "Bron: registratie ONS welzijn, peildatum 30-06-2024".into(),
    ];
    t.samenvatting = Some("Per werksoort de indicatoren; eerste kolom is de indicator.".into());
    t
}

fn financieel() -> Tabel {
    let kol = |k: &str| Kolom::rechts(k);
    let mut rijen = vec![Rij::groepskop("Wmo")];
    for (regel, b, r) in [
        ("Individueel sociaal werk", "€ 1.234.567,89", "€ 612.345,67"),
        ("Collectief sociaal werk", "€ 845.000,00", "€ 401.222,10"),
    ] {
        rijen.push(Rij::new([regel, b, "€ 617.283,95", r, "-€ 4.938,28", "-0,8%", "nee"]));
    }
    rijen.push(Rij::van(
        RijSoort::Subtotaal,
        [
            "Subtotaal Wmo",
            "€ 2.079.567,89",
            "€ 1.039.783,95",
            "€ 1.013.567,77",
            "-€ 26.216,18",
            "-2,5%",
            "",
        ]
        .into_iter()
        .map(Cel::new)
        .collect(),
    ));
    rijen.push(Rij::groepskop("Jeugdwet"));
    rijen.push(Rij::new([
        "Jeugdgezondheidsdienst",
        "€ 1.103.322,93",
        "€ 551.661,47",
        "€ 598.001,00",
        "€ 46.339,53",
        "8,4%",
        "ja",
    ]));
    rijen.push(Rij::van(
        RijSoort::Totaal,
        [
            "Totaal",
            "€ 3.182.890,82",
            "€ 1.591.445,42",
            "€ 1.611.568,77",
            "€ 20.123,35",
            "1,3%",
            "",
        ]
        .into_iter()
        .map(Cel::new)
        .collect(),
    ));
    let mut t = Tabel::new(
        vec![
            Kolom::links("Begrotingsregel").breedte(2.4),
            kol("Begroting jaar"),
            kol("Begroting periode"),
            kol("Realisatie periode"),
            kol("Verschil"),
            kol("Verschil %"),
            Kolom::midden("Analyse vereist"),
        ],
        rijen,
    );
    t.titel = Some("Begroting en realisatie 1e halfjaar 2024".into());
    t
}

fn lange_tabel() -> Tabel {
    let wijken = [
        "Centrum",
        "Ruwaard",
        "Schadewijk",
        "Oss-Oost",
        "Oss-Zuid",
        "Oss-West",
        "Berghem",
        "Megen",
        "Ravenstein",
        "Lith",
        "Geffen",
    ];
    let mut rijen = Vec::new();
    for maand in 1..=6 {
        rijen.push(Rij::groepskop(format!("Maand {maand} (2024)")));
        for (i, w) in wijken.iter().enumerate() {
            let n = 40 + i * 7 + maand;
            rijen.push(Rij::new([
                w.to_string(),
                n.to_string(),
                (n / 3).to_string(),
                format!("{},{}", n % 17, n % 10),
            ]));
        }
    }
    let mut t = Tabel::new(
        vec![
            Kolom::links("Wijkgebied"),
            Kolom::rechts("Aanmeldingen"),
            Kolom::rechts("Wachtlijst"),
            Kolom::rechts("Gem. wachttijd (weken)"),
        ],
        rijen,
    );
    t.titel = Some("Aanmeldingen en wachtlijst per wijkgebied en maand".into());
    t
}

fn trendgrafiek() -> Grafiek {
    let labels = [
        "Q3 2022", "Q4 2022", "Q1 2023", "Q2 2023", "Q3 2023", "Q4 2023", "Q1 2024", "Q2 2024",
    ];
    Grafiek {
        soort: GrafiekSoort::Lijn,
        titel: "Eerste gesprek binnen 4 weken, laatste acht kwartalen".into(),
        alt: "Lijngrafiek: aandeel binnen 4 weken per kwartaal, ISW van 82% in Q3 2022 tot 91% in Q2 2024, \
              CSW van 78% tot 86%; norm 90%."
            .into(),
        x_labels: labels.iter().map(|s| s.to_string()).collect(),
        reeksen: vec![
            Reeks {
                naam: "Individueel sociaal werk".into(),
                waarden: vec![
                    Some(0.82),
                    Some(0.85),
                    Some(0.88),
                    None,
                    Some(0.87),
                    Some(0.9),
                    Some(0.89),
                    Some(0.91),
                ],
            },
            Reeks {
                naam: "Collectief sociaal werk".into(),
                waarden: vec![
                    Some(0.78),
                    Some(0.8),
                    Some(0.79),
                    Some(0.83),
                    Some(0.84),
                    Some(0.82),
                    Some(0.85),
                    Some(0.86),
                ],
            },
        ],
        y_formaat: YFormaat::Procent,
        normlijn: Some(Normlijn {
            waarde: 0.9,
            label: "norm 90%".into(),
        }),
    }
}

fn staafgrafiek() -> Grafiek {
    Grafiek {
        soort: GrafiekSoort::Staaf,
        titel: "Begroting en realisatie per werksoort".into(),
        alt: "Staafgrafiek: begroting en realisatie per werksoort; ISW € 1,2 mln begroot, € 0,6 mln gerealiseerd."
            .into(),
        x_labels: vec!["ISW".into(), "CSW".into(), "JGD".into(), "SRW".into()],
        reeksen: vec![
            Reeks {
                naam: "Begroting".into(),
                waarden: vec![Some(1_234_567.89), Some(845_000.0), Some(1_103_322.93), Some(410_000.0)],
            },
            Reeks {
                naam: "Realisatie".into(),
                waarden: vec![Some(612_345.67), Some(401_222.10), Some(598_001.0), None],
            },
        ],
        y_formaat: YFormaat::Euro,
        normlijn: None,
    }
}

/// A document that uses every kind of block, span style and row kind.
pub fn voorbeeld(stijl: Stijl) -> Document {
    let alinea = Blok::Alinea(vec![
        Span::tekst("In het tweede kwartaal zijn "),
        Span::vet("1.234 aanmeldingen"),
        Span::tekst(" ontvangen, "),
        Span::cursief("iets meer"),
        Span::tekst(" dan vorig jaar. Zie ook "),
        Span::link("de subsidieafspraken", "https://www.oss.nl/subsidie"),
        Span::tekst(". De wachttijd bleef binnen de norm van ≤ 14 dagen."),
    ]);
    let kaarten = Blok::Kaarten(vec![
        Kaart {
            titel: "Eerste gesprek binnen 4 weken".into(),
            waarde: "90,6%".into(),
            toelichting: Some("norm ≥ 90% — gehaald".into()),
            toon: Toon::Goed,
        },
        Kaart {
            titel: "Afgesloten binnen 6 maanden".into(),
            waarde: "71,4%".into(),
            toelichting: Some("norm ≥ 75% — niet gehaald".into()),
            toon: Toon::Slecht,
        },
        Kaart {
            titel: "Inzet individueel".into(),
            waarde: "28,9%".into(),
            toelichting: Some("plafond 30% — let op".into()),
            toon: Toon::LetOp,
        },
        Kaart {
            titel: "Hulpvragen".into(),
            waarde: "1.234".into(),
            toelichting: None,
            toon: Toon::Neutraal,
        },
    ]);
    let heatmap = Blok::Heatmap(Heatmap {
        titel: "Risicomatrix individueel sociaal werk".into(),
        alt: "Risicomatrix: 1 risico met hoog effect (ISW-R2), 2 met midden effect (ISW-R1, ISW-R3).".into(),
        cellen: vec![
            HeatmapCel {
                kans: 2,
                schade: 3,
                ids: vec!["ISW-R2".into()],
            },
            HeatmapCel {
                kans: 1,
                schade: 3,
                ids: vec!["ISW-R1".into(), "ISW-R3".into()],
            },
            HeatmapCel {
                kans: 1,
                schade: 1,
                ids: vec!["ISW-R4".into()],
            },
        ],
    });
    let mut wijken_tekst = vec![
        Blok::alinea("Aanmeldingen en wachtlijst per wijkgebied, per maand."),
        Blok::Tabel(lange_tabel()),
    ];
    wijken_tekst.push(Blok::Opsomming {
        genummerd: false,
        items: vec![
            vec![Span::tekst("Geen ontmoetingsactiviteit in "), Span::vet("Megen")],
            vec![Span::tekst("Geen ontmoetingsactiviteit in Lith")],
        ],
    });
    Document {
        soort: "kwartaalrapportage".into(),
        titel: "Kwartaalrapportage sociaal werk".into(),
        ondertitel: Some("Voortgang subsidieafspraken ONS welzijn".into()),
        gemeente: "Gemeente Oss".into(),
        aanbieder: "ONS welzijn".into(),
        periode_label: "2e kwartaal 2024".into(),
        peildatum_label: "30-06-2024".into(),
        datum: NaiveDate::from_ymd_opt(2024, 6, 30).unwrap(),
        stijl,
        kenmerken: vec![
            Kenmerk {
                label: "Onderwerp".into(),
                waarde: "Voortgang sociaal werk 2e kwartaal 2024".into(),
            },
            Kenmerk {
                label: "Kenmerk".into(),
                waarde: "SD/2024/0815".into(),
            },
        ],
        samenvatting: Some(Samenvatting {
            titel: "Samenvatting".into(),
            blokken: vec![
                Blok::alinea("Van de 12 normen met een streefwaarde zijn er 8 gehaald."),
                kaarten.clone(),
            ],
        }),
        secties: vec![
            Sectie {
                liggend: false,
                titel: "Indicatoren".into(),
                blokken: vec![alinea.clone(), Blok::Tabel(indicatortabel())],
                subsecties: vec![
                    Sectie::new(
                        "Trend",
                        vec![
                            Blok::Grafiek(trendgrafiek()),
                            Blok::Kop {
                                niveau: 1,
                                tekst: "Toelichting van de aanbieder".into(),
                            },
                            Blok::Opsomming {
                                genummerd: true,
                                items: vec![
                                    vec![Span::tekst("Meer aanmeldingen na de zomer.")],
                                    vec![
                                        Span::tekst("Extra inzet in "),
                                        Span::cursief("Ruwaard"),
                                        Span::tekst("."),
                                    ],
                                ],
                            },
                            Blok::Kop {
                                niveau: 2,
                                tekst: "Knelpunten".into(),
                            },
                            Blok::opsomming(["Personeelstekort in de zomer", "Late registraties"]),
                        ],
                    ),
                    Sectie::new(
                        "Analyses",
                        vec![
                            Blok::melding(Toon::LetOp, "Analyse ontbreekt voor ISW.afgesloten_6m."),
                            Blok::melding(Toon::Slecht, "Norm niet gehaald: afgesloten binnen 6 maanden."),
                            Blok::melding(Toon::Goed, "Alle analyses van JGD zijn aangeleverd."),
                            Blok::melding(Toon::Neutraal, "Toelichting niet aangeleverd voor dit kwartaal."),
                        ],
                    ),
                ],
            },
            Sectie::new("Wijkgebieden", wijken_tekst),
            Sectie {
                liggend: false,
                titel: "Financiën".into(),
                blokken: vec![Blok::Tabel(financieel()), Blok::Grafiek(staafgrafiek())],
                subsecties: vec![],
            },
            Sectie::new(
                "Risico's",
                vec![
                    heatmap,
                    Blok::Paginabreuk,
                    Blok::alinea("Na de paginabreuk: toelichting op de risico's."),
                    Blok::Ondertekening {
                        afzender: "Burgemeester en wethouders van Oss,".into(),
                        ondertekenaars: vec![
                            ("de secretaris".into(), "drs. P. Bakker".into()),
                            ("de burgemeester".into(), "K. van Dijk".into()),
                        ],
                    },
                ],
            ),
        ],
        bijlagen: vec![Sectie::new(
            "Volledige indicatorentabel",
            vec![Blok::Tabel(indicatortabel()), Blok::Kaarten(vec![])],
        )],
        // The concept mark on every page must keep the archive PDF valid (PDF/UA, PDF/A).
        markering: Some("CONCEPT".into()),
    }
}

/// Fails to compile when a block kind is added without being covered by [`voorbeeld`].
fn soort(b: &Blok) -> &'static str {
    match b {
        Blok::Alinea(_) => "alinea",
        Blok::Opsomming { .. } => "opsomming",
        Blok::Kop { .. } => "kop",
        Blok::Tabel(_) => "tabel",
        Blok::Grafiek(_) => "grafiek",
        Blok::Kaarten(_) => "kaarten",
        Blok::Heatmap(_) => "heatmap",
        Blok::Melding { .. } => "melding",
        Blok::Ondertekening { .. } => "ondertekening",
        Blok::Paginabreuk => "paginabreuk",
    }
}

fn alle_blokken(s: &Sectie, uit: &mut Vec<&'static str>) {
    uit.extend(s.blokken.iter().map(soort));
    for sub in &s.subsecties {
        alle_blokken(sub, uit);
    }
}

#[test]
fn voorbeeld_covers_every_block_kind() {
    let doc = voorbeeld(Stijl::Rapport);
    let mut soorten = Vec::new();
    for s in doc.secties.iter().chain(&doc.bijlagen) {
        alle_blokken(s, &mut soorten);
    }
    soorten.sort();
    soorten.dedup();
    assert_eq!(
        soorten,
        [
            "alinea",
            "grafiek",
            "heatmap",
            "kaarten",
            "kop",
            "melding",
            "ondertekening",
            "opsomming",
            "paginabreuk",
            "tabel"
        ]
    );
}

/// Runs a poppler tool on a PDF; `None` (with a message) when the tool is not installed.
fn poppler(tool: &str, pdf: &[u8], naam: &str) -> Option<String> {
    let dir = tempfile::tempdir().unwrap();
    let pad = dir.path().join(naam);
    std::fs::write(&pad, pdf).unwrap();
    let mut cmd = Command::new(tool);
    if tool == "pdftotext" {
        cmd.args(["-layout", pad.to_str().unwrap(), "-"]);
    } else {
        cmd.arg(pad.to_str().unwrap());
    }
    match cmd.output() {
        Ok(o) if o.status.success() => Some(String::from_utf8_lossy(&o.stdout).into_owned()),
        Ok(o) => panic!("{tool} faalde: {}", String::from_utf8_lossy(&o.stderr)),
        Err(e) => {
            eprintln!("OVERGESLAGEN: {tool} niet gevonden ({e}); installeer poppler-utils voor deze controle");
            None
        }
    }
}

fn render(doc: &Document, profiel: PdfProfiel) -> Vec<u8> {
    let uit = render_pdf_met_meldingen(doc, &templates(), profiel).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        uit.waarschuwingen.is_empty(),
        "waarschuwingen van Typst:\n{}",
        uit.waarschuwingen.join("\n")
    );
    assert!(uit.pdf.starts_with(b"%PDF-1.7"));
    if let Ok(map) = std::env::var("PDF_TEST_UIT") {
        let naam = format!("{}-{:?}.pdf", doc.stijl_naam(), profiel).to_lowercase();
        std::fs::write(Path::new(&map).join(naam), &uit.pdf).unwrap();
    }
    uit.pdf
}

trait StijlNaam {
    fn stijl_naam(&self) -> &'static str;
}

impl StijlNaam for Document {
    fn stijl_naam(&self) -> &'static str {
        match self.stijl {
            Stijl::Rapport => "rapport",
            Stijl::Brief => "brief",
        }
    }
}

#[test]
fn rapport_renders_identically_twice_in_both_profiles() {
    let doc = voorbeeld(Stijl::Rapport);
    for profiel in [PdfProfiel::Standaard, PdfProfiel::Archief] {
        let a = render(&doc, profiel);
        let b = render(&doc.clone(), profiel);
        assert!(a == b, "{profiel:?}: two renders differ");
    }
}

#[test]
fn rapport_text_contains_the_figures_headings_and_page_numbers() {
    let doc = voorbeeld(Stijl::Rapport);
    let pdf = render(&doc, PdfProfiel::Standaard);
    let Some(tekst) = poppler("pdftotext", &pdf, "rapport.pdf") else {
        return;
    };
    for verwacht in [
        "Kwartaalrapportage sociaal werk",
        "Inhoud",
        "1 Indicatoren",
        "1.1 Trend",
        "90,6% (87 van 96)",
        "✓ gehaald",
        "✗ niet gehaald",
        "€ 3.182.890,82",
        "-€ 26.216,18",
        "Subtotaal Wmo",
        "* noemer kleiner dan 10",
        "Bijlage 1 Volledige indicatorentabel",
        "Analyse ontbreekt voor ISW.afgesloten_6m.",
        "ISW-R1, ISW-R3",
        "Pagina 2 van",
        "Peildatum",
        "30-06-2024",
        "SD/2024/0815",
    ] {
        assert!(
            tekst.contains(verwacht),
            "{verwacht:?} ontbreekt in de PDF-tekst:\n{tekst}"
        );
    }
    // The long table's header repeats: "Wachtlijst" appears on more than one page.
    let paginas_met_kop = tekst.split('\u{c}').filter(|p| p.contains("Wachtlijst")).count();
    assert!(
        paginas_met_kop >= 2,
        "tabelkop herhaalt niet ({paginas_met_kop} pagina's)"
    );
    // Unnumbered Kop blocks stay unnumbered and do not shift the numbering: 1.2 is "Analyses".
    assert!(tekst.contains("1.2 Analyses"), "{tekst}");
}

#[test]
fn archief_profile_declares_pdfa_and_pdfua_with_title_and_language() {
    let doc = voorbeeld(Stijl::Rapport);
    let pdf = render(&doc, PdfProfiel::Archief);
    let ruw = String::from_utf8_lossy(&pdf);
    assert!(ruw.contains("<pdfaid:part>2</pdfaid:part>"), "PDF/A-2 ontbreekt in XMP");
    assert!(ruw.contains("<pdfaid:conformance>A</pdfaid:conformance>"));
    assert!(
        ruw.contains("<pdfuaid:part>1</pdfuaid:part>"),
        "PDF/UA-1 ontbreekt in XMP"
    );
    assert!(ruw.contains("/Lang(nl)"));
    assert!(ruw.contains("/StructTreeRoot"));
    let Some(info) = poppler("pdfinfo", &pdf, "archief.pdf") else {
        return;
    };
    assert!(
        info.contains("Title:           Kwartaalrapportage sociaal werk"),
        "{info}"
    );
    assert!(info.contains("Author:          Gemeente Oss"), "{info}");
    assert!(info.contains("Tagged:          yes"), "{info}");
    assert!(info.contains("CreationDate:    Sun Jun 30 00:00:00 2024"), "{info}");
}

#[test]
fn brief_has_letter_head_no_table_of_contents_and_unnumbered_headings() {
    let mut doc = voorbeeld(Stijl::Brief);
    doc.titel = "Raadsinformatiebrief voortgang sociaal werk 2024".into();
    doc.samenvatting.as_mut().unwrap().titel = "Kernboodschap".into();
    let a = render(&doc, PdfProfiel::Archief);
    assert!(a == render(&doc, PdfProfiel::Archief));
    let Some(tekst) = poppler("pdftotext", &a, "brief.pdf") else {
        return;
    };
    assert!(tekst.contains("Kernboodschap"));
    assert!(tekst.contains("Onderwerp"));
    assert!(tekst.contains("Voortgang sociaal werk 2e kwartaal 2024"));
    assert!(!tekst.contains("Inhoud\n"), "een brief heeft geen inhoudsopgave");
    assert!(!tekst.contains("1 Indicatoren") && tekst.contains("Indicatoren"));
    assert!(tekst.contains("Bijlage 1 Volledige indicatorentabel"));
    assert!(
        tekst.contains("Pagina 1 van"),
        "de brief heeft ook op pagina 1 een paginanummer"
    );
}

#[test]
fn template_errors_name_the_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(templates().join("fonts"), dir.path().join("fonts")).unwrap();
    std::fs::write(
        dir.path().join("rapport.typ"),
        "#let doc = json(\"document.json\")\n#doc.bestaat_niet\n",
    )
    .unwrap();
    let fout = render_pdf(&voorbeeld(Stijl::Rapport), dir.path(), PdfProfiel::Standaard).unwrap_err();
    let tekst = fout.to_string();
    assert!(matches!(fout, PdfFout::Opmaak(_)), "{tekst}");
    assert!(tekst.starts_with("de PDF kan niet worden opgemaakt:"), "{tekst}");
    assert!(tekst.contains("rapport.typ:2:"), "{tekst}");
    assert!(tekst.contains("bestaat_niet"), "{tekst}");
}

#[test]
fn missing_fonts_and_templates_are_reported_in_dutch() {
    let dir = tempfile::tempdir().unwrap();
    let fout = render_pdf(&voorbeeld(Stijl::Rapport), dir.path(), PdfProfiel::Standaard).unwrap_err();
    assert!(matches!(fout, PdfFout::Sjabloon { .. }), "{fout}");
    assert!(
        fout.to_string().contains("rapport.typ kan niet worden gelezen"),
        "{fout}"
    );
    std::fs::write(dir.path().join("rapport.typ"), "Hallo").unwrap();
    let fout = render_pdf(&voorbeeld(Stijl::Rapport), dir.path(), PdfProfiel::Standaard).unwrap_err();
    assert!(matches!(fout, PdfFout::Lettertypen { .. }), "{fout}");
    assert!(fout.to_string().starts_with("geen bruikbare lettertypen in"), "{fout}");
}

#[test]
fn a_twenty_page_report_renders_quickly() {
    // Four copies of the sample sections: about 30 pages.
    let mut doc = voorbeeld(Stijl::Rapport);
    let secties = doc.secties.clone();
    for i in 2..=4 {
        for s in &secties {
            let mut s = s.clone();
            s.titel = format!("{} ({i})", s.titel);
            doc.secties.push(s);
        }
    }
    // Warm up (fonts, library), then measure.
    render_pdf(&voorbeeld(Stijl::Brief), &templates(), PdfProfiel::Standaard).unwrap();
    let start = Instant::now();
    let pdf = render_pdf(&doc, &templates(), PdfProfiel::Archief).unwrap();
    let duur = start.elapsed();
    let paginas = String::from_utf8_lossy(&pdf).matches("/Type/Page/").count();
    eprintln!("{paginas} pagina's, {} bytes, {duur:?}", pdf.len());
    assert!((18..=40).contains(&paginas), "{paginas} pagina's");
    // Dependencies are optimised in the dev profile too; the release binary is faster still.
    assert!(duur.as_secs_f64() < 5.0, "renderen duurde {duur:?}");
}

#[test]
fn today_is_the_document_date_not_the_clock() {
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(templates().join("fonts"), dir.path().join("fonts")).unwrap();
    std::fs::write(
        dir.path().join("rapport.typ"),
        "#set text(font: \"Noto Sans\")\nVandaag: #datetime.today().display(\"[day]-[month]-[year]\")\n",
    )
    .unwrap();
    let pdf = render_pdf(&voorbeeld(Stijl::Rapport), dir.path(), PdfProfiel::Standaard).unwrap();
    let Some(tekst) = poppler("pdftotext", &pdf, "vandaag.pdf") else {
        return;
    };
    assert!(tekst.contains("Vandaag: 30-06-2024"), "{tekst}");
}

/// The levels of the `<h1>`…`<h6>` headings in document order.
fn kopniveaus(html: &str) -> Vec<usize> {
    html.match_indices("<h")
        .filter_map(|(i, _)| html[i + 2..].chars().next()?.to_digit(10).map(|d| d as usize))
        .collect()
}

#[test]
fn html_is_semantic_accessible_and_deterministic() {
    use domeinrapport::render::html::render_html;
    for stijl in [Stijl::Rapport, Stijl::Brief] {
        let doc = voorbeeld(stijl);
        let html = render_html(&doc);
        assert_eq!(html, render_html(&doc.clone()), "HTML is niet deterministisch");
        if let Ok(map) = std::env::var("PDF_TEST_UIT") {
            std::fs::write(Path::new(&map).join(format!("{}.html", doc.stijl_naam())), &html).unwrap();
        }
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"nl\">"));
        assert!(html.contains("<title>Kwartaalrapportage sociaal werk</title>"));
        assert_eq!(html.matches("<h1>").count(), 1);
        assert_eq!(html.matches("<main>").count(), 1);
        // Headings never skip a level.
        let niveaus = kopniveaus(&html);
        assert_eq!(niveaus[0], 1);
        for paar in niveaus.windows(2) {
            assert!(
                paar[1] <= paar[0] + 1,
                "kopniveau springt van {} naar {}",
                paar[0],
                paar[1]
            );
        }
        // Tables: caption, column and row headers; figures in the cells.
        assert!(html.contains("<caption>Indicatoren met een norm, 2e kwartaal 2024</caption>"));
        assert!(html.contains("<th scope=\"col\" class=\"r\">Waarde</th>"));
        // The euro sign is bound to the amount (non-breaking space), also where the document's
        // text had an ordinary space.
        assert!(html.contains("<th scope=\"row\">Subtotaal Wmo</th><td class=\"r\">€\u{a0}2.079.567,89</td>"));
        assert!(html.contains(">gehaald</td>") && html.contains("aria-hidden=\"true\">✓</span>"));
        // Charts: inline SVG with role and label; two charts.
        assert_eq!(html.matches("<svg ").count(), 2);
        assert_eq!(html.matches("role=\"img\" aria-label=\"").count(), 2);
        assert!(html.contains("<figcaption>Begroting en realisatie per werksoort</figcaption>"));
        // Heat map as a table with the ids.
        assert!(html.contains("<strong>ISW-R1, ISW-R3</strong>"));
        assert!(html.contains("Bijlage 1</span> Volledige indicatorentabel"));
        // Self-contained: no external resources or scripts.
        assert!(!html.contains("<script") && !html.contains("<link ") && !html.contains("src=\""));
        // Table of contents only in a Rapport.
        assert_eq!(html.contains("<nav class=\"inhoud\""), stijl == Stijl::Rapport);
    }
}

#[test]
fn edge_cases_render_in_both_profiles() {
    let leeg_tabel = Tabel::new(vec![Kolom::links("Indicator"), Kolom::rechts("Waarde")], vec![]);
    let mut smal = Tabel::new(
        vec![Kolom::links("A")],
        vec![Rij::new(["x"]), Rij::van(RijSoort::Totaal, vec![]), Rij::groepskop("g")],
    );
    smal.rijkoppen = false;
    let breed = Tabel::new(
        (1..=12).map(|i| Kolom::rechts(format!("Kolom nummer {i}"))).collect(),
        vec![Rij::new((1..=12).map(|i| format!("€ {i}.234.567,89")))],
    );
    let lege_grafiek = Grafiek {
        soort: GrafiekSoort::Lijn,
        titel: "Geen gegevens".into(),
        alt: "Grafiek zonder gegevens.".into(),
        x_labels: vec![],
        reeksen: vec![],
        y_formaat: YFormaat::Procent,
        normlijn: None,
    };
    for stijl in [Stijl::Rapport, Stijl::Brief] {
        let doc = Document {
            soort: "test".into(),
            titel: "Randgevallen".into(),
            ondertitel: None,
            gemeente: "Gemeente Oss".into(),
            aanbieder: "ONS welzijn".into(),
            periode_label: "2024".into(),
            peildatum_label: "31-12-2024".into(),
            datum: NaiveDate::from_ymd_opt(2024, 12, 31).unwrap(),
            stijl,
            kenmerken: vec![],
            samenvatting: Some(Samenvatting {
                titel: "Kernboodschap".into(),
                blokken: vec![Blok::Kop {
                    niveau: 2,
                    tekst: "Kop in de samenvatting".into(),
                }],
            }),
            secties: vec![
                Sectie::new(
                    "Leeg",
                    vec![
                        Blok::Alinea(vec![]),
                        Blok::Opsomming {
                            genummerd: false,
                            items: vec![],
                        },
                        Blok::Tabel(leeg_tabel.clone()),
                        Blok::Tabel(smal.clone()),
                        Blok::Tabel(breed.clone()),
                        Blok::Grafiek(lege_grafiek.clone()),
                        Blok::Kaarten(vec![]),
                        Blok::Heatmap(Heatmap {
                            titel: "Geen risico's".into(),
                            alt: "Lege risicomatrix.".into(),
                            cellen: vec![],
                        }),
                    ],
                ),
                Sectie::new("Zonder blokken", vec![]),
            ],
            bijlagen: vec![],
            markering: None,
        };
        for profiel in [PdfProfiel::Standaard, PdfProfiel::Archief] {
            render(&doc, profiel);
        }
    }
}
