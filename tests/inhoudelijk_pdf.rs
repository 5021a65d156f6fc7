//! The halfjaarrapportage inhoudelijk rendered to PDF through the Typst templates, on the bundled
//! agreement with a realistic hand-built toelichting. Checks that it renders without Typst
//! warnings and that the text a reader sees is in it (via `pdftotext` when installed).
//!
//! Set `INHOUDELIJK_PDF=/some/dir` to keep the PDF for visual inspection.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use domeinrapport::afspraken::{self, Richting};
use domeinrapport::ingest::{
    AnalyseInvoer, Datakwaliteit, DoelInvoer, DoelStatus, MarkdownTekst, RisicoInvoer, Toelichting,
};
use domeinrapport::kpi::{Eenheid, Indicator, NormJson, Status};
use domeinrapport::period::Periode;
use domeinrapport::render::inhoudelijk::document;
use domeinrapport::render::pdf::{PdfProfiel, render_pdf_met_meldingen};
use domeinrapport::report::inhoudelijk::assembleer as stel_op;
use rust_decimal::Decimal;

fn fractie(
    id: &str,
    naam: &str,
    teller: i64,
    noemer: i64,
    norm: Option<(Richting, Decimal)>,
    status: Status,
) -> Indicator {
    Indicator {
        id: id.into(),
        werksoort: id.split('.').next().unwrap().into(),
        naam: naam.into(),
        teller: Some(Decimal::from(teller)),
        noemer: Some(Decimal::from(noemer)),
        waarde: Some(Decimal::from(teller) / Decimal::from(noemer)),
        eenheid: Eenheid::Fractie,
        norm: norm.map(|(richting, drempel)| NormJson { richting, drempel }),
        status,
        analyse: None,
        maatregel: None,
        analyse_ontbreekt: false,
    }
}

fn toelichting() -> Toelichting {
    let d = |s, t: &str| DoelInvoer {
        status: s,
        toelichting: t.into(),
    };
    let mut doelen = BTreeMap::new();
    doelen.insert("SRW-D1".into(), d(DoelStatus::Behaald, "Spreekuren in alle kernen."));
    doelen.insert(
        "ISW-D1".into(),
        d(DoelStatus::Risico, "Wachttijd liep in mei op door ziekteverzuim."),
    );
    doelen.insert(
        "ISW-D4".into(),
        d(DoelStatus::NietBehaald, "78% binnen zes maanden; zie analyse."),
    );
    doelen.insert("ISW-D8".into(), d(DoelStatus::OpKoers, ""));
    doelen.insert(
        "CSW-D1".into(),
        d(DoelStatus::OpKoers, "Aandeel individuele inzet 31%, dalend."),
    );
    doelen.insert(
        "CSW-D7".into(),
        d(
            DoelStatus::Behaald,
            "Alle 11 wijkgebieden hebben een ontmoetingsactiviteit.",
        ),
    );
    doelen.insert(
        "JGD-H1.1".into(),
        d(DoelStatus::OpKoers, "Meldcode-training voor alle medewerkers in april."),
    );
    doelen.insert(
        "JGD-H2.1".into(),
        d(DoelStatus::Nvt, "Pas vanaf het schooljaar 2024-2025."),
    );
    doelen.insert("JW-D1".into(), d(DoelStatus::Behaald, ""));
    let r = |kans, schade, t: &str| RisicoInvoer {
        kans,
        schade,
        toelichting: t.into(),
    };
    let risicos = BTreeMap::from([
        (
            "SRW-R1".to_string(),
            r(2, 3, "Formatie uitgebreid met 0,5 fte per 1 maart."),
        ),
        ("ISW-R1".to_string(), r(3, 3, "Wachtlijst loopt op sinds mei.")),
        ("JGD-R1".to_string(), r(1, 3, "")),
    ]);
    let md = |algemeen: &str, per: &[(&str, &str)]| MarkdownTekst {
        algemeen: algemeen.into(),
        per_werksoort: per.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
    };
    Toelichting {
        periode: "2024-H1".into(),
        ontwikkelingen: Some(md(
            "Het eerste halfjaar stond in het teken van de **nieuwe werkwijze** in de sociale teams.",
            &[
                (
                    "ISW",
                    "### Wachtlijst\n\nDe wachtlijst is in mei **opgelopen** tot 42 inwoners. Oorzaken:\n\n\
                     - ziekteverzuim bij twee sociaal werkers;\n- meer aanmeldingen over *schulden*;\n  \
                     - vooral jonge gezinnen\n  - vaak via de huisarts\n- een vacature die pas in juni is vervuld.\n\n\
                     Zie ook de [notitie wachtlijstaanpak](https://www.oss.nl/wachtlijst).",
                ),
                (
                    "JGD",
                    "Het CJG heeft in elk wijkgebied een *inloopspreekuur* op school.\n\n> Ouders vinden het CJG nu sneller.",
                ),
            ],
        )),
        knelpunten: Some(md(
            "",
            &[
                ("ISW", "1. Formatie\n2. Huisvesting in Ruwaard"),
                ("CSW", "Vrijwilligers zijn moeilijk te vinden."),
            ],
        )),
        aanbevelingen: None,
        doelen: Some(doelen),
        analyses: BTreeMap::from([(
            "ISW.afgesloten_6m".to_string(),
            AnalyseInvoer {
                analyse: "Meer complexe trajecten met schulden duren langer dan zes maanden.".into(),
                maatregel: "Casuïstiekoverleg na vier maanden.".into(),
            },
        )]),
        risicos: Some(risicos),
        ..Toelichting::default()
    }
}

#[test]
fn halfjaar_inhoudelijk_renders_to_pdf() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let set = afspraken::load_dir(&root.join("data/afspraken")).unwrap();
    let a = set.voor_jaar(2024);
    let indicatoren = vec![
        fractie(
            "ISW.eerste_gesprek_4w",
            "Eerste vraagverhelderingsgesprek binnen 4 weken",
            170,
            192,
            Some((Richting::Min, Decimal::new(9, 1))),
            Status::NietGehaald,
        ),
        fractie(
            "ISW.afgesloten_6m",
            "Traject afgesloten binnen 6 maanden",
            78,
            100,
            Some((Richting::Min, Decimal::new(8, 1))),
            Status::NietGehaald,
        ),
        fractie(
            "SW.inzet_individueel",
            "Aandeel individuele inzet sociaal werk",
            31,
            100,
            Some((Richting::Max, Decimal::new(3, 1))),
            Status::NietGehaald,
        ),
        fractie(
            "CSW.ontmoeting_wijkgebieden",
            "Wijkgebieden met ontmoetingsactiviteit door inwoners",
            11,
            11,
            Some((Richting::Min, Decimal::ONE)),
            Status::Gehaald,
        ),
        fractie(
            "ISW.uitstroom.netwerk",
            "Uitstroom: persoonlijk netwerk",
            40,
            160,
            None,
            Status::Monitor,
        ),
    ];
    let m = stel_op(
        a,
        &Periode::Halfjaar(2024, 1),
        &indicatoren,
        &toelichting(),
        &Datakwaliteit::default(),
    );
    let doc = document(&m);
    let uit = render_pdf_met_meldingen(&doc, &root.join("report_templates"), PdfProfiel::Standaard).unwrap();
    assert!(uit.pdf.starts_with(b"%PDF"));
    assert!(uit.waarschuwingen.is_empty(), "{:#?}", uit.waarschuwingen);

    let dir = std::env::var_os("INHOUDELIJK_PDF").map(std::path::PathBuf::from);
    let tmp = tempfile::tempdir().unwrap();
    let pad = dir
        .unwrap_or_else(|| tmp.path().to_path_buf())
        .join("halfjaar-inhoudelijk.pdf");
    std::fs::write(&pad, &uit.pdf).unwrap();

    let Ok(out) = Command::new("pdftotext").args(["-layout"]).arg(&pad).arg("-").output() else {
        eprintln!("pdftotext ontbreekt (poppler-utils): tekstcontrole overgeslagen");
        return;
    };
    let tekst = String::from_utf8_lossy(&out.stdout);
    for verwacht in [
        "Halfjaarrapportage inhoudelijk",
        "1e halfjaar 2024",
        "Risicoregister",
        "ISW-R1",
        "JGD-H5.9",
        "niet aangeleverd",
        "analyse ontbreekt",
        "opgelopen",
    ] {
        assert!(tekst.contains(verwacht), "'{verwacht}' ontbreekt in de PDF-tekst");
    }
    for syntax in ["**", "## ", "]("] {
        assert!(!tekst.contains(syntax), "Markdown-syntax '{syntax}' in de PDF-tekst");
    }
}

#[test]
fn halfjaar_inhoudelijk_without_any_input_renders_to_pdf() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let set = afspraken::load_dir(&root.join("data/afspraken")).unwrap();
    let m = stel_op(
        set.voor_jaar(2024),
        &Periode::Halfjaar(2024, 2),
        &[],
        &Toelichting::default(),
        &Datakwaliteit::default(),
    );
    let uit = render_pdf_met_meldingen(&document(&m), &root.join("report_templates"), PdfProfiel::Standaard).unwrap();
    assert!(uit.pdf.starts_with(b"%PDF"));
    assert!(uit.waarschuwingen.is_empty(), "{:#?}", uit.waarschuwingen);
}
