//! `activiteiten.csv`: collective activities in the wijken (UTF-8 without BOM, `;`, Windows line
//! endings, dates written like Excel's short date `1-3-2024`, `ja`/`nee`, column names with a
//! capital and one extra column `Locatie` that the reader ignores with a warning).
//!
//! Every wijkgebied has a laagdrempelige ontmoetingsactiviteit organised by inwoners, except by
//! design: W09 until 16 January 2023, and W11 from 1 July 2023 until 1 September 2024.

use chrono::{Datelike, NaiveDate};
use rand::distributions::WeightedIndex;

use super::csvout::CsvSchrijver;
use super::kalender::{JAREN, d, dagen_tussen, dmj_kort, eind, is_werkdag, plus, werkdag_tot};
use super::ontwerp::{Ws, maandgewicht, w09_start, w11_einde, w11_herstart};
use super::toeval::{Stroom, Toeval};
use super::{Afwijking, Bestand, Ctx};

/// Activity kinds of the contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Soort {
    Ontmoeting,
    Groep,
    Cursus,
    Voorlichting,
    Preventie,
    Overig,
}

impl Soort {
    pub(crate) fn code(self) -> &'static str {
        match self {
            Soort::Ontmoeting => "ontmoeting",
            Soort::Groep => "groep",
            Soort::Cursus => "cursus",
            Soort::Voorlichting => "voorlichting",
            Soort::Preventie => "preventie",
            Soort::Overig => "overig",
        }
    }
}

/// A deliberate defect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ActFout {
    EindeVoorStart,
    DubbelId,
    OnbekendeSoort,
    OngeldigJaNee,
}

/// One activity.
#[derive(Debug, Clone)]
pub(crate) struct Activiteit {
    pub(crate) id: String,
    pub(crate) naam: String,
    pub(crate) ws: Ws,
    pub(crate) wijk: usize,
    pub(crate) soort: Soort,
    pub(crate) door_inwoners: bool,
    pub(crate) start: NaiveDate,
    pub(crate) einde: Option<NaiveDate>,
    pub(crate) deelnemers: Option<u32>,
    pub(crate) locatie: String,
    pub(crate) fout: Option<ActFout>,
}

/// The standing ontmoetingsactiviteiten organised by inwoners: (wijk index, name, location,
/// werksoort, start, einde). Restarted after the lockdown that ended on 26 January 2022.
/// (wijk index, name, location, werksoort, start, einde).
type VasteActiviteit = (usize, &'static str, &'static str, Ws, NaiveDate, Option<NaiveDate>);

fn vaste_ontmoeting() -> Vec<VasteActiviteit> {
    vec![
        (
            0,
            "Koffie-inloop Walstraat",
            "Wijkpunt Walstraat",
            Ws::Csw,
            d(2022, 1, 31),
            None,
        ),
        (
            0,
            "Eetpunt Samen aan Tafel",
            "Wijkpunt Walstraat",
            Ws::Csw,
            d(2022, 2, 14),
            Some(d(2023, 12, 18)),
        ),
        (
            0,
            "Jongerenraad Oss: open avond",
            "Jongerencentrum Walstraat",
            Ws::Jw,
            d(2022, 3, 3),
            None,
        ),
        (
            1,
            "Huiskamer van Schadewijk",
            "Buurthuis Schadewijk",
            Ws::Csw,
            d(2022, 2, 1),
            None,
        ),
        (
            1,
            "Buurtkamer \"De Kastanje\"",
            "De Kastanje",
            Ws::Csw,
            d(2022, 2, 8),
            None,
        ),
        (
            2,
            "Ruwaards Koffiehuis",
            "Wijkcentrum De Ruwaard",
            Ws::Csw,
            d(2022, 1, 31),
            None,
        ),
        (
            2,
            "Taalcafé Ruwaard",
            "Bibliotheek Ruwaard",
            Ws::Csw,
            d(2022, 2, 9),
            None,
        ),
        (
            2,
            "Repair Café Ruwaard",
            "Wijkcentrum De Ruwaard",
            Ws::Csw,
            d(2022, 3, 12),
            Some(d(2024, 6, 29)),
        ),
        (
            3,
            "Ontmoetingsochtend Ussen",
            "Wijkhuis Ussen",
            Ws::Csw,
            d(2022, 2, 2),
            None,
        ),
        (
            3,
            "Wandelgroep Ussen",
            "Wijkhuis Ussen",
            Ws::Csw,
            d(2022, 4, 5),
            Some(d(2023, 10, 31)),
        ),
        (
            4,
            "Inloop Krinkelhoek; koffie en een praatje",
            "Buurthuis Krinkelhoek",
            Ws::Csw,
            d(2022, 2, 3),
            None,
        ),
        (
            5,
            "Buurtcafé Schalkskamp",
            "Wijkcentrum Schalkskamp",
            Ws::Csw,
            d(2022, 2, 4),
            None,
        ),
        (
            5,
            "Ideeëncafé West",
            "Wijkcentrum Schalkskamp",
            Ws::Csw,
            d(2022, 9, 14),
            None,
        ),
        (
            6,
            "Dorpshuiskamer Berghem",
            "Dorpshuis Berghem",
            Ws::Csw,
            d(2022, 2, 7),
            None,
        ),
        (
            7,
            "Koffie-uurtje Nuland",
            "Dorpshuis Nuland",
            Ws::Csw,
            d(2022, 2, 10),
            None,
        ),
        (
            7,
            "Soos Geffen",
            "Café-zaal Geffen",
            Ws::Csw,
            d(2022, 5, 2),
            Some(d(2024, 3, 25)),
        ),
        (
            8,
            "Ontmoetingscafé Lith",
            "Gemeenschapshuis Lith",
            Ws::Csw,
            w09_start(),
            None,
        ),
        (
            9,
            "Huiskamer Ravenstein",
            "Stadhuis Ravenstein",
            Ws::Csw,
            d(2022, 2, 15),
            None,
        ),
        (
            9,
            "Herpens Praathuis",
            "Dorpshuis Herpen",
            Ws::Csw,
            d(2022, 10, 5),
            None,
        ),
        (
            10,
            "Dorpskamer Megen",
            "Dorpshuis Megen",
            Ws::Csw,
            d(2022, 2, 16),
            Some(w11_einde()),
        ),
        (
            10,
            "Huiskamer Haren",
            "Gemeenschapshuis Haren",
            Ws::Csw,
            w11_herstart(),
            None,
        ),
    ]
}

/// Name templates per werksoort and soort.
fn namen(ws: Ws, soort: Soort) -> &'static [&'static str] {
    match (ws, soort) {
        (Ws::Csw, Soort::Groep) => &[
            "Mantelzorgcafé",
            "Meer Bewegen voor Ouderen",
            "Wandelen met Armslag",
            "Lotgenotengroep rouw",
            "Creatief atelier",
            "Zelfhulpgroep eenzaamheid",
            "Samen koken",
        ],
        (Ws::Csw, Soort::Cursus) => &[
            "Cursus Digivaardig",
            "Cursus Omgaan met dementie",
            "Training Samen Doen",
            "Cursus valpreventie",
        ],
        (Ws::Csw, Soort::Voorlichting) => &[
            "Voorlichting Dementievriendelijk",
            "Informatieavond mantelzorg",
            "Voorlichting energiebesparing",
        ],
        (Ws::Csw, Soort::Preventie) => &["Week tegen Eenzaamheid", "Huisbezoeken 75-plussers"],
        (Ws::Csw, _) => &["Burendag", "Vrijwilligersbijeenkomst", "Ideeënavond wijkagenda"],
        (Ws::Jgd, Soort::Cursus) => &[
            "Cursus Positief Opvoeden",
            "Training Opvoeden & Zo",
            "Cursus Kinderen in Echtscheiding",
        ],
        (Ws::Jgd, Soort::Groep) => &[
            "Eigen Krachtgroep Jeugd",
            "JIM-training",
            "Sova-training kinderen",
            "Ouders van pubers",
        ],
        (Ws::Jgd, Soort::Voorlichting) => &[
            "Voorlichting mediaopvoeding",
            "Ouderavond slapen en huilen",
            "Informatieavond scheiden",
        ],
        (Ws::Jgd, _) => &["Weerbaarheidstraining groep 8", "Preventie faalangst"],
        (Ws::Jw, Soort::Groep) => &["Meidengroep", "Jongensgroep", "Talentenlab", "Kookclub jongeren"],
        (Ws::Jw, Soort::Preventie) => &[
            "Voorlichting vapen en lachgas",
            "Project Online Veilig",
            "Straatvoetbal tegen overlast",
        ],
        (Ws::Jw, Soort::Ontmoeting) => &["Jongereninloop", "Chillplek"],
        (Ws::Jw, _) => &["Zomerprogramma jongeren", "Voetbalkooitoernooi", "Jongerenfestival"],
        (Ws::Isw, Soort::Groep) => &["Grip op je geld", "Lotgenotengroep schulden", "Krachtgroep vrouwen"],
        (Ws::Isw, Soort::Cursus) => &["Cursus Omgaan met geld", "Training Sterk in je werk"],
        (Ws::Isw, _) => &["Voorlichting toeslagen", "Informatieochtend Wmo"],
        (Ws::Srw, Soort::Cursus) => &["Training formulierenbrigade", "Cursus Rondkomen"],
        (Ws::Srw, _) => &[
            "Voorlichting belastingaangifte",
            "Spreekuur energietoeslag",
            "Voorlichting schulden",
        ],
    }
}

fn soorten(ws: Ws) -> &'static [(Soort, u32)] {
    match ws {
        Ws::Csw => &[
            (Soort::Groep, 35),
            (Soort::Cursus, 25),
            (Soort::Voorlichting, 20),
            (Soort::Preventie, 10),
            (Soort::Overig, 10),
        ],
        Ws::Jgd => &[
            (Soort::Cursus, 40),
            (Soort::Groep, 30),
            (Soort::Voorlichting, 20),
            (Soort::Preventie, 10),
        ],
        Ws::Jw => &[
            (Soort::Groep, 30),
            (Soort::Preventie, 30),
            (Soort::Ontmoeting, 20),
            (Soort::Overig, 20),
        ],
        Ws::Isw => &[(Soort::Groep, 40), (Soort::Cursus, 30), (Soort::Voorlichting, 30)],
        Ws::Srw => &[(Soort::Voorlichting, 70), (Soort::Cursus, 30)],
    }
}

/// Location names per wijkgebied W01–W11.
const LOCATIES: [&str; 11] = [
    "Wijkpunt Walstraat",
    "Buurthuis Schadewijk",
    "Wijkcentrum De Ruwaard",
    "Wijkhuis Ussen",
    "Buurthuis Krinkelhoek",
    "Wijkcentrum Schalkskamp",
    "Dorpshuis Berghem",
    "Dorpshuis Nuland",
    "Gemeenschapshuis Lith",
    "Dorpshuis Herpen",
    "Dorpshuis Megen",
];

/// Generates the activities, sorted by id.
pub(crate) fn genereer(ctx: &Ctx) -> Vec<Activiteit> {
    let mut t = Toeval::new(ctx.seed, Stroom::Activiteiten);
    let mut lijst: Vec<Activiteit> = Vec::new();
    for (wijk, naam, locatie, ws, start, einde) in vaste_ontmoeting() {
        lijst.push(Activiteit {
            id: String::new(),
            naam: naam.to_string(),
            ws,
            wijk,
            soort: Soort::Ontmoeting,
            door_inwoners: true,
            start,
            einde,
            deelnemers: Some(t.tussen(8, 45) as u32),
            locatie: locatie.to_string(),
            fout: None,
        });
    }
    // The social team's own walk-in in Megen during the gap: an ontmoeting, but not organised by
    // inwoners, so it does not count for the kernbeding.
    lijst.push(Activiteit {
        id: String::new(),
        naam: "Inloopspreekuur sociaal team Megen".into(),
        ws: Ws::Isw,
        wijk: 10,
        soort: Soort::Ontmoeting,
        door_inwoners: false,
        start: d(2023, 9, 5),
        einde: None,
        deelnemers: Some(t.tussen(10, 25) as u32),
        locatie: "Dorpshuis Megen".into(),
        fout: None,
    });

    let wsverdeling: [(Ws, u32); 5] = [(Ws::Csw, 40), (Ws::Jgd, 25), (Ws::Jw, 15), (Ws::Isw, 12), (Ws::Srw, 8)];
    for jaar in JAREN {
        let dagen: Vec<NaiveDate> = dagen_tussen(d(jaar, 1, 1), d(jaar, 12, 31))
            .filter(|x| is_werkdag(*x))
            .collect();
        let gewichten: Vec<u32> = dagen
            .iter()
            .map(|x| {
                let g = maandgewicht(x.month());
                g * g / 100
            })
            .collect();
        let verdeling = WeightedIndex::new(&gewichten).expect("gewichten");
        let n = (130.0 * ctx.schaal).round() as usize;
        for _ in 0..n {
            let ws = t.kies(&wsverdeling);
            let soort = t.kies(soorten(ws));
            let opties = namen(ws, soort);
            let basisnaam = opties[t.index(opties.len())];
            let wijk = t.index(11);
            let start = dagen[t.trek(&verdeling)];
            let duur = match soort {
                Soort::Voorlichting => 0,
                Soort::Cursus => t.tussen(42, 84),
                Soort::Groep => t.tussen(60, 300),
                Soort::Preventie => t.tussen(0, 30),
                Soort::Ontmoeting => t.tussen(90, 365),
                Soort::Overig => t.tussen(0, 60),
            };
            let einde = werkdag_tot(plus(start, duur)).max(start);
            let deelnemers = match soort {
                Soort::Voorlichting => t.tussen(10, 80),
                Soort::Cursus => t.tussen(6, 16),
                Soort::Groep => t.tussen(5, 14),
                Soort::Preventie => t.tussen(15, 120),
                Soort::Ontmoeting => t.tussen(8, 30),
                Soort::Overig => t.tussen(5, 40),
            };
            let door_inwoners = soort == Soort::Groep && ws == Ws::Csw && t.promille(300);
            lijst.push(Activiteit {
                id: String::new(),
                naam: format!("{basisnaam} {}", ctx.wijken[wijk].1.split(" / ").next().unwrap_or("")),
                ws,
                wijk,
                soort,
                // Only the standing list above has ontmoetingen by inwoners (the designed gaps).
                door_inwoners: door_inwoners && soort != Soort::Ontmoeting,
                start,
                einde: (einde <= eind()).then_some(einde),
                deelnemers: (!t.promille(30)).then_some(deelnemers as u32),
                locatie: LOCATIES[wijk].to_string(),
                fout: None,
            });
        }
    }
    // Deliberate bad rows, copies of activities with a defect.
    let mut t2 = Toeval::new(ctx.seed, Stroom::Fouten);
    let mut fouten = Vec::new();
    for (k, fout) in [
        ActFout::EindeVoorStart,
        ActFout::DubbelId,
        ActFout::OnbekendeSoort,
        ActFout::OngeldigJaNee,
    ]
    .into_iter()
    .enumerate()
    {
        let basis = 30 + k * (lijst.len() - 40) / 4 + t2.index(8);
        let mut a = lijst[basis].clone();
        a.fout = Some(fout);
        if fout == ActFout::EindeVoorStart {
            a.einde = Some(plus(a.start, -14));
        }
        if fout == ActFout::DubbelId {
            a.naam = "Voorlichting belastingaangifte Centrum".into();
            a.ws = Ws::Srw;
            a.soort = Soort::Voorlichting;
            a.einde = Some(a.start);
            fouten.push(a.clone());
        }
        fouten.push(a);
    }
    lijst.extend(fouten);
    lijst.sort_by_key(|a| a.start);
    // Ids per starting year in order of start: A22-001 …
    let mut jaar = 0;
    let mut teller = 0;
    for i in 0..lijst.len() {
        if lijst[i].start.year() != jaar {
            jaar = lijst[i].start.year();
            teller = 0;
        }
        if i > 0 && lijst[i].fout == Some(ActFout::DubbelId) && lijst[i - 1].fout == Some(ActFout::DubbelId) {
            lijst[i].id = lijst[i - 1].id.clone();
        } else {
            teller += 1;
            lijst[i].id = format!("A{:02}-{teller:03}", jaar % 100);
        }
    }
    lijst
}

/// Writes `activiteiten.csv`.
pub(crate) fn schrijf(ctx: &Ctx, lijst: &[Activiteit], afwijkingen: &mut Vec<Afwijking>) -> anyhow::Result<Bestand> {
    let kop = [
        "Activiteit_id",
        "Naam",
        "Werksoort",
        "Wijkgebied",
        "Soort",
        "Door_inwoners",
        "Start",
        "Einde",
        "Deelnemers",
        "Locatie",
    ];
    let mut w = CsvSchrijver::nieuw(&kop, b';', true);
    for a in lijst {
        let mut v = vec![
            a.id.clone(),
            a.naam.clone(),
            a.ws.code().to_string(),
            ctx.wijken[a.wijk].0.clone(),
            a.soort.code().to_string(),
            if a.door_inwoners { "ja".into() } else { "nee".into() },
            dmj_kort(a.start),
            a.einde.map(dmj_kort).unwrap_or_default(),
            a.deelnemers.map(|x| x.to_string()).unwrap_or_default(),
            a.locatie.clone(),
        ];
        let Some(fout) = a.fout else {
            w.rij(&v);
            continue;
        };
        let (kolom, reden) = match fout {
            ActFout::EindeVoorStart => ("einde", "einde ligt vóór start".to_string()),
            ActFout::DubbelId => (
                "activiteit_id",
                format!("activiteit_id {} komt twee keer voor (beide rijen)", a.id),
            ),
            ActFout::OnbekendeSoort => {
                v[4] = "workshop".into();
                ("soort", "onbekende soort 'workshop'".to_string())
            }
            ActFout::OngeldigJaNee => {
                v[5] = "soms".into();
                ("door_inwoners", "ongeldige ja/nee-waarde 'soms'".to_string())
            }
        };
        let regel = w.rij(&v);
        afwijkingen.push(Afwijking::new("activiteiten.csv", regel, kolom, &reden));
    }
    let rijen = w.rijen();
    Ok(Bestand::csv("activiteiten.csv", w.utf8(false)?, rijen))
}
