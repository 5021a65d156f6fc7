//! `hulpvragen.csv`: every hulpvraag of 2022–2024 with its traject, as the provider's client
//! registration exports it (UTF-8 with BOM, `;`, Windows line endings, ISO dates).
//!
//! Patterns: a summer dip in aanmeldingen, repeat hulpvragen of the same inwoner and category,
//! waiting times mostly within the norms except in the quarters and months set in
//! [`super::ontwerp`], trajecten still open and people still waiting on the export date.

use chrono::{Datelike, NaiveDate};
use rand::distributions::WeightedIndex;

use super::Ctx;
use super::csvout::CsvSchrijver;
use super::kalender::{
    JAREN, d, dagen_tussen, eind, is_werkdag, iso, kwartaal, plus, plus_maanden, werkdag_tot, werkdag_vanaf,
};
use super::ontwerp::{
    CRISIS_DIRECT_PROMILLE, ISW_PIEK, ISW_TRAJECT_SLECHT, ISW_WACHT_SLECHT, JGD_2W_SLECHT, JGD_8W_SLECHT,
    JGD_MAX5_SLECHT, PROEFTUIN_PROMILLE, PROEFTUIN_WIJK, WIJKGEWICHT, Ws, jaartrend, jaarvolume, maandgewicht,
    proeftuin_start,
};
use super::toeval::{Stroom, Toeval};
use super::{Afwijking, Bestand};

/// A deliberate defect of a row (the reader must reject it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HvFout {
    OnbekendeWerksoort,
    OnbekendWijkgebied,
    AfgeslotenVoorAanmelding,
    UitstroomZonderAfgesloten,
    AfgeslotenZonderUitstroom,
    JeugdhulpBijIsw,
    VeldOntbreekt,
    LeeftijdTeHoog,
    DubbelId,
    VerhelderingVoorGesprek,
    OnbekendeUitstroom,
    OngeldigeDatum,
}

/// One hulpvraag.
#[derive(Debug, Clone)]
pub(crate) struct Hulpvraag {
    pub(crate) id: String,
    pub(crate) client: String,
    pub(crate) ws: Ws,
    pub(crate) wijk: usize,
    pub(crate) categorie: &'static str,
    pub(crate) leeftijd: Option<u32>,
    pub(crate) aanmeld: NaiveDate,
    pub(crate) eerste: Option<NaiveDate>,
    pub(crate) vv: Option<NaiveDate>,
    pub(crate) traject: Option<NaiveDate>,
    pub(crate) afgesloten: Option<NaiveDate>,
    pub(crate) uitstroom: Option<&'static str>,
    pub(crate) gesprekken: Option<u32>,
    pub(crate) aanvraag_jh: Option<NaiveDate>,
    pub(crate) besluit_jh: Option<NaiveDate>,
    pub(crate) crisis: Option<bool>,
    /// Handled within the Proeftuin Ruwaard (revision 3).
    pub(crate) proeftuin: bool,
    /// A deliberate defect; `None` for a correct row.
    pub(crate) fout: Option<HvFout>,
}

type Klassen = [(i64, i64, u32)];

const WACHT_ISW: &Klassen = &[
    (1, 7, 22),
    (8, 14, 36),
    (15, 21, 24),
    (22, 28, 14),
    (29, 35, 3),
    (36, 42, 1),
];
const WACHT_ISW_DRUK: &Klassen = &[
    (1, 7, 10),
    (8, 14, 22),
    (15, 21, 24),
    (22, 28, 24),
    (29, 35, 10),
    (36, 42, 6),
    (43, 60, 4),
];
const WACHT_CSW: &Klassen = &[(1, 7, 30), (8, 14, 40), (15, 21, 20), (22, 35, 10)];
const WACHT_SRW: &Klassen = &[(0, 0, 15), (1, 7, 45), (8, 14, 30), (15, 28, 10)];
const WACHT_JGD: &Klassen = &[(0, 3, 25), (4, 7, 40), (8, 11, 25), (12, 14, 10)];
const WACHT_JW: &Klassen = &[(0, 3, 40), (4, 10, 45), (11, 21, 15)];
const VERHELDERING: &Klassen = &[(0, 0, 15), (1, 14, 45), (15, 28, 30), (29, 42, 10)];

const CAT_SRW: &[(&str, u32)] = &[
    ("financien", 45),
    ("werk_inkomen", 20),
    ("juridisch", 15),
    ("wonen", 12),
    ("overig", 8),
];
const CAT_ISW: &[(&str, u32)] = &[
    ("psychosociaal", 25),
    ("financien", 15),
    ("wonen", 12),
    ("eenzaamheid", 10),
    ("mantelzorg", 8),
    ("huiselijk_geweld", 6),
    ("gezondheid", 10),
    ("werk_inkomen", 8),
    ("overig", 6),
];
const CAT_CSW: &[(&str, u32)] = &[
    ("eenzaamheid", 40),
    ("mantelzorg", 20),
    ("gezondheid", 15),
    ("psychosociaal", 15),
    ("overig", 10),
];
const CAT_JGD: &[(&str, u32)] = &[
    ("opvoeding", 45),
    ("ontwikkeling_kind", 25),
    ("psychosociaal", 18),
    ("huiselijk_geweld", 7),
    ("overig", 5),
];
const CAT_JW: &[(&str, u32)] = &[
    ("psychosociaal", 30),
    ("werk_inkomen", 20),
    ("overig", 20),
    ("juridisch", 10),
    ("gezondheid", 10),
    ("wonen", 10),
];

/// Every category code the generator uses (checked against the agreement).
pub(crate) fn gebruikte_categorieen() -> Vec<&'static str> {
    let mut v: Vec<&str> = [CAT_SRW, CAT_ISW, CAT_CSW, CAT_JGD, CAT_JW]
        .iter()
        .flat_map(|c| c.iter().map(|x| x.0))
        .collect();
    v.sort();
    v.dedup();
    v
}

const LEEFTIJD_SRW: &Klassen = &[(18, 26, 12), (27, 45, 38), (46, 66, 35), (67, 90, 15)];
const LEEFTIJD_ISW: &Klassen = &[(18, 26, 10), (27, 45, 35), (46, 66, 35), (67, 95, 20)];
const LEEFTIJD_CSW: &Klassen = &[(18, 45, 15), (46, 66, 30), (67, 95, 55)];
const LEEFTIJD_JGD: &Klassen = &[(0, 3, 20), (4, 11, 40), (12, 17, 35), (18, 22, 5)];
const LEEFTIJD_JW: &Klassen = &[(12, 15, 35), (16, 19, 45), (20, 23, 20)];

const UIT_ISW_TRAJECT: &[(&str, u32)] = &[
    ("zelfstandig", 32),
    ("netwerk", 27),
    ("collectief", 10),
    ("activiteiten", 8),
    ("vrijwilligers", 7),
    ("maatwerk_wmo", 6),
    ("specialistisch", 6),
    ("jeugdhulp", 1),
    ("overig", 7),
];
const UIT_ISW_KORT: &[(&str, u32)] = &[
    ("zelfstandig", 45),
    ("netwerk", 16),
    ("activiteiten", 10),
    ("collectief", 10),
    ("vrijwilligers", 5),
    ("maatwerk_wmo", 5),
    ("specialistisch", 5),
    ("overig", 10),
];
const UIT_CSW: &[(&str, u32)] = &[
    ("activiteiten", 30),
    ("collectief", 25),
    ("vrijwilligers", 15),
    ("netwerk", 10),
    ("zelfstandig", 10),
    ("maatwerk_wmo", 3),
    ("overig", 7),
];
const UIT_SRW: &[(&str, u32)] = &[
    ("zelfstandig", 55),
    ("netwerk", 5),
    ("vrijwilligers", 10),
    ("maatwerk_wmo", 2),
    ("specialistisch", 8),
    ("overig", 20),
];
const UIT_JGD_ZELF: &[(&str, u32)] = &[
    ("zelfstandig", 40),
    ("netwerk", 24),
    ("collectief", 13),
    ("activiteiten", 8),
    ("overig", 15),
];
const UIT_JW: &[(&str, u32)] = &[
    ("zelfstandig", 30),
    ("netwerk", 10),
    ("activiteiten", 15),
    ("collectief", 10),
    ("jeugdhulp", 12),
    ("specialistisch", 8),
    ("overig", 15),
];

/// Generates the hulpvragen of 2022–2024 (correct rows and the deliberate bad ones), sorted by id.
pub(crate) fn genereer(ctx: &Ctx) -> Vec<Hulpvraag> {
    let mut t = Toeval::new(ctx.seed, Stroom::Hulpvragen);

    // 1. Aanmelddata: per year and werksoort a number of hulpvragen spread over the working days
    //    with the month weights (summer dip).
    let mut aanmeldingen: Vec<(NaiveDate, Ws)> = Vec::new();
    for jaar in JAREN {
        let dagen: Vec<NaiveDate> = dagen_tussen(d(jaar, 1, 1), d(jaar, 12, 31))
            .filter(|x| is_werkdag(*x))
            .collect();
        let gewichten: Vec<u32> = dagen.iter().map(|x| maandgewicht(x.month())).collect();
        let verdeling = WeightedIndex::new(&gewichten).expect("gewichten");
        for ws in Ws::ALLE {
            let n = (jaarvolume(ws) as f64 * jaartrend(jaar) as f64 / 100.0 * ctx.schaal).round() as usize;
            // The spring wave at ISW in 2024: March and April get extra aanmeldingen on top.
            if let Some((_, maanden, extra_pct)) = ISW_PIEK.filter(|p| ws == Ws::Isw && p.0 == jaar) {
                let g: Vec<u32> = dagen.iter().map(|x| u32::from(maanden.contains(&x.month()))).collect();
                let piek = WeightedIndex::new(&g).expect("gewichten");
                for _ in 0..(n as u64 * extra_pct / 100) {
                    aanmeldingen.push((dagen[t.trek(&piek)], ws));
                }
            }
            for _ in 0..n {
                aanmeldingen.push((dagen[t.trek(&verdeling)], ws));
            }
        }
    }
    aanmeldingen.sort();

    // 2. Each hulpvraag in order of registration (so a repeat can look back).
    let wijkverdeling = WeightedIndex::new(WIJKGEWICHT).expect("gewichten");
    let mut clientnummer: u32 = 4710;
    let mut nieuwe_client = |t: &mut Toeval| {
        clientnummer += t.tussen(1, 4) as u32;
        format!("C-{clientnummer:07}")
    };
    let mut lijst: Vec<Hulpvraag> = Vec::with_capacity(aanmeldingen.len() + 16);
    let mut sw: Vec<usize> = Vec::new();
    let mut srw: Vec<usize> = Vec::new();
    let mut jgd: Vec<usize> = Vec::new();
    for (aanmeld, ws) in aanmeldingen {
        let mut h = Hulpvraag {
            id: String::new(),
            client: String::new(),
            ws,
            wijk: t.trek(&wijkverdeling),
            categorie: t.kies(categorieen(ws)),
            leeftijd: Some(t.uit_klassen(leeftijden(ws)) as u32),
            aanmeld,
            eerste: None,
            vv: None,
            traject: None,
            afgesloten: None,
            uitstroom: None,
            gesprekken: None,
            aanvraag_jh: None,
            besluit_jh: None,
            crisis: None,
            proeftuin: false,
            fout: None,
        };
        // Returning inwoners.
        let herhaling = match ws {
            Ws::Isw | Ws::Csw => {
                if t.promille(95) {
                    zoek_eerder(&mut t, &lijst, &sw, aanmeld, true)
                } else if t.promille(45) {
                    zoek_eerder(&mut t, &lijst, &sw, aanmeld, false)
                } else if t.promille(40) {
                    zoek_eerder(&mut t, &lijst, &srw, aanmeld, false)
                } else {
                    None
                }
            }
            Ws::Srw if t.promille(150) => zoek_eerder(&mut t, &lijst, &srw, aanmeld, false),
            Ws::Jgd if t.promille(40) => zoek_eerder(&mut t, &lijst, &jgd, aanmeld, false),
            _ => None,
        };
        match herhaling {
            Some((j, zelfde_categorie)) => {
                let eerder = &lijst[j];
                h.client = eerder.client.clone();
                h.wijk = eerder.wijk;
                h.leeftijd = eerder
                    .leeftijd
                    .map(|l| l + (aanmeld.year() - eerder.aanmeld.year()) as u32);
                if zelfde_categorie {
                    h.categorie = eerder.categorie;
                }
            }
            None => h.client = nieuwe_client(&mut t),
        }
        if t.promille(15) {
            h.leeftijd = None;
        }
        verloop(&mut t, &mut h);
        censureer(&mut h);
        let i = lijst.len();
        match ws {
            Ws::Isw | Ws::Csw => sw.push(i),
            Ws::Srw => srw.push(i),
            Ws::Jgd => jgd.push(i),
            Ws::Jw => {}
        }
        lijst.push(h);
    }

    // 2b. Revision 3, from a stream of its own (the rows above keep their values).
    proeftuin_en_crisis(ctx, &mut lijst);

    // 3. The deliberate bad rows: extra rows between the others.
    let mut fouten: Vec<Hulpvraag> = Vec::new();
    let soorten = [
        HvFout::OnbekendeWerksoort,
        HvFout::AfgeslotenVoorAanmelding,
        HvFout::UitstroomZonderAfgesloten,
        HvFout::JeugdhulpBijIsw,
        HvFout::VeldOntbreekt,
        HvFout::OnbekendWijkgebied,
        HvFout::LeeftijdTeHoog,
        HvFout::DubbelId,
        HvFout::VerhelderingVoorGesprek,
        HvFout::AfgeslotenZonderUitstroom,
        HvFout::OnbekendeUitstroom,
        HvFout::OngeldigeDatum,
    ];
    for (k, soort) in soorten.into_iter().enumerate() {
        // Spread over the three years; take an ISW row as the model.
        let stap = lijst.len() * 9 / 10 / soorten.len();
        let mut j = k * stap + t.index(stap.max(1));
        while lijst[j].ws != Ws::Isw || lijst[j].afgesloten.is_none() || lijst[j].traject.is_none() {
            j = (j + 1) % lijst.len();
        }
        let mut h = lijst[j].clone();
        h.client = nieuwe_client(&mut t);
        h.fout = Some(soort);
        match soort {
            HvFout::AfgeslotenVoorAanmelding => {
                // Withdrawn before the first conversation; the closing date typed a year too early.
                h.eerste = None;
                h.vv = None;
                h.traject = None;
                h.gesprekken = None;
                h.afgesloten = Some(d(h.aanmeld.year() - 1, h.aanmeld.month(), h.aanmeld.day().min(28)));
                h.uitstroom = Some("overig");
            }
            HvFout::UitstroomZonderAfgesloten => h.afgesloten = None,
            HvFout::AfgeslotenZonderUitstroom => h.uitstroom = None,
            HvFout::JeugdhulpBijIsw => {
                let a = h.vv.expect("vv");
                h.aanvraag_jh = Some(a);
                h.uitstroom = Some("jeugdhulp");
            }
            HvFout::LeeftijdTeHoog => h.leeftijd = Some(134),
            HvFout::VerhelderingVoorGesprek => {
                let e = h.eerste.expect("eerste");
                h.vv = Some(plus(e, -7).max(h.aanmeld));
                if h.vv == Some(e) {
                    h.eerste = Some(plus(e, 3));
                }
            }
            HvFout::DubbelId => {
                fouten.push(h.clone());
            }
            _ => {}
        }
        fouten.push(h);
    }
    lijst.extend(fouten);
    // Stable: a bad row follows the correct rows of its day; the duplicate pair stays together.
    lijst.sort_by_key(|h| h.aanmeld);

    // 4. Ids per year in order of registration (HV-2023-00001 …); the duplicate gets the same id.
    let mut teller = 0u32;
    let mut jaar = 0;
    for i in 0..lijst.len() {
        if lijst[i].aanmeld.year() != jaar {
            jaar = lijst[i].aanmeld.year();
            teller = 0;
        }
        let dubbel = i > 0 && lijst[i].fout == Some(HvFout::DubbelId) && lijst[i - 1].fout == Some(HvFout::DubbelId);
        if dubbel {
            lijst[i].id = lijst[i - 1].id.clone();
        } else {
            teller += 1;
            lijst[i].id = format!("HV-{jaar}-{teller:05}");
        }
    }
    lijst
}

fn categorieen(ws: Ws) -> &'static [(&'static str, u32)] {
    match ws {
        Ws::Srw => CAT_SRW,
        Ws::Isw => CAT_ISW,
        Ws::Csw => CAT_CSW,
        Ws::Jgd => CAT_JGD,
        Ws::Jw => CAT_JW,
    }
}

fn leeftijden(ws: Ws) -> &'static Klassen {
    match ws {
        Ws::Srw => LEEFTIJD_SRW,
        Ws::Isw => LEEFTIJD_ISW,
        Ws::Csw => LEEFTIJD_CSW,
        Ws::Jgd => LEEFTIJD_JGD,
        Ws::Jw => LEEFTIJD_JW,
    }
}

/// An earlier hulpvraag (index into `lijst`, from the pool `pool`) of an inwoner who comes back;
/// with `gesloten`: one that was afgesloten before `aanmeld`, and the same category is kept.
fn zoek_eerder(
    t: &mut Toeval,
    lijst: &[Hulpvraag],
    pool: &[usize],
    aanmeld: NaiveDate,
    gesloten: bool,
) -> Option<(usize, bool)> {
    if pool.len() < 50 {
        return None;
    }
    let venster = pool.len().min(2600);
    for _ in 0..12 {
        let j = pool[pool.len() - 1 - t.index(venster)];
        let h = &lijst[j];
        if !gesloten {
            return Some((j, t.promille(300)));
        }
        if h.afgesloten.is_some_and(|a| a < aanmeld) {
            return Some((j, true));
        }
    }
    None
}

fn quarter_of(x: NaiveDate) -> (i32, u32) {
    (x.year(), kwartaal(x))
}

fn maand_kans(tabel: &[(i32, u32, u32)], x: NaiveDate) -> u32 {
    tabel
        .iter()
        .find(|m| m.0 == x.year() && m.1 == x.month())
        .map(|m| m.2)
        .unwrap_or(0)
}

/// A date `n` days after `x`, moved back to a working day (never before `x`).
fn op_of_voor(x: NaiveDate, n: i64) -> NaiveDate {
    werkdag_tot(plus(x, n)).max(x)
}

/// The course of a hulpvraag: first conversation, vraagverheldering, traject, closing.
fn verloop(t: &mut Toeval, h: &mut Hulpvraag) {
    let a = h.aanmeld;
    match h.ws {
        Ws::Isw => {
            h.crisis = Some(t.promille(10));
            if t.promille(20) {
                return ingetrokken(t, h, 20);
            }
            // A busy quarter (by the 4-week deadline); waits beyond six weeks only when the 6-week
            // deadline falls in a busy quarter too.
            let druk = ISW_WACHT_SLECHT.contains(&quarter_of(plus(a, 28)));
            let zes_weken_druk = ISW_WACHT_SLECHT.contains(&quarter_of(plus(a, 42)));
            let klassen = match (druk, zes_weken_druk) {
                (true, true) => WACHT_ISW_DRUK,
                (true, false) => &WACHT_ISW_DRUK[..6],
                _ => WACHT_ISW,
            };
            let e = op_of_voor(a, t.uit_klassen(klassen));
            h.eerste = Some(e);
            let vv = op_of_voor(e, t.uit_klassen(VERHELDERING));
            h.vv = Some(vv);
            if t.promille(620) {
                let ts = op_of_voor(vv, t.tussen(0, 14));
                h.traject = Some(ts);
                let deadline = plus_maanden(vv, 6);
                let kans_laat = if quarter_of(deadline) == ISW_TRAJECT_SLECHT {
                    270
                } else {
                    120
                };
                let af = if t.promille(kans_laat) {
                    werkdag_vanaf(plus(deadline, t.tussen(1, 160)))
                } else {
                    let tot = (deadline - vv).num_days();
                    let van = ((ts - vv).num_days() + 14).min(tot);
                    werkdag_tot(plus(vv, t.tussen(van.max(30).min(tot), tot))).max(ts)
                };
                h.afgesloten = Some(af);
                h.uitstroom = Some(t.kies(UIT_ISW_TRAJECT));
                h.gesprekken = Some(t.tussen(6, 24) as u32);
            } else {
                h.afgesloten = Some(op_of_voor(vv, t.tussen(0, 30)));
                h.uitstroom = Some(t.kies(UIT_ISW_KORT));
                h.gesprekken = Some(t.tussen(1, 4) as u32);
            }
        }
        Ws::Csw => {
            h.crisis = Some(false);
            if t.promille(15) {
                return ingetrokken(t, h, 20);
            }
            let e = op_of_voor(a, t.uit_klassen(WACHT_CSW));
            h.eerste = Some(e);
            let vv = op_of_voor(e, t.tussen(0, 21));
            h.vv = Some(vv);
            if t.promille(250) {
                let ts = op_of_voor(vv, t.tussen(0, 10));
                h.traject = Some(ts);
                h.afgesloten = Some(op_of_voor(ts, t.tussen(30, 150)));
                h.gesprekken = Some(t.tussen(4, 12) as u32);
            } else {
                h.afgesloten = Some(op_of_voor(vv, t.tussen(0, 45)));
                h.gesprekken = Some(t.tussen(1, 4) as u32);
            }
            h.uitstroom = Some(t.kies(UIT_CSW));
        }
        Ws::Srw => {
            let e = op_of_voor(a, t.uit_klassen(WACHT_SRW));
            h.eerste = Some(e);
            h.afgesloten = Some(op_of_voor(
                e,
                t.uit_klassen(&[(0, 0, 25), (1, 30, 40), (31, 90, 25), (91, 180, 10)]),
            ));
            h.uitstroom = Some(t.kies(UIT_SRW));
            h.gesprekken = Some(t.tussen(1, 6) as u32);
        }
        Ws::Jgd => {
            h.crisis = Some(t.promille(20));
            if t.promille(15) {
                return ingetrokken(t, h, 10);
            }
            let laat = t.promille(maand_kans(&JGD_2W_SLECHT, plus(a, 14)));
            let e = if laat {
                werkdag_vanaf(plus(a, t.tussen(15, 35)))
            } else {
                op_of_voor(a, t.uit_klassen(WACHT_JGD))
            };
            h.eerste = Some(e);
            let vv = op_of_voor(e, t.tussen(0, 28));
            h.vv = Some(vv);
            if t.promille(380) {
                // Toeleiding naar jeugdhulp: aanvraag, beschikking, closing.
                let aanvraag = op_of_voor(vv, t.tussen(0, 21));
                h.aanvraag_jh = Some(aanvraag);
                let laat = t.promille(maand_kans(&JGD_8W_SLECHT, plus(aanvraag, 56)));
                let besluit = if laat {
                    werkdag_vanaf(plus(aanvraag, t.tussen(57, 100)))
                } else {
                    op_of_voor(aanvraag, t.uit_klassen(&[(5, 20, 30), (21, 42, 50), (43, 56, 20)]))
                };
                h.besluit_jh = Some(besluit);
                h.afgesloten = Some(if t.promille(850) {
                    werkdag_vanaf(plus(besluit, t.tussen(0, 30)))
                } else {
                    op_of_voor(aanvraag, t.tussen(0, 14))
                });
                h.uitstroom = Some(if t.promille(800) { "jeugdhulp" } else { "specialistisch" });
                h.gesprekken = Some(t.tussen(3, 9) as u32);
            } else {
                if t.promille(300) {
                    h.traject = Some(op_of_voor(vv, t.tussen(0, 7)));
                }
                let af = op_of_voor(h.traject.unwrap_or(vv), t.tussen(7, 120));
                h.afgesloten = Some(af);
                h.uitstroom = Some(t.kies(UIT_JGD_ZELF));
                let meer = JGD_MAX5_SLECHT.contains(&quarter_of(af)) && t.promille(25);
                h.gesprekken = if meer {
                    Some(t.tussen(6, 7) as u32)
                } else if t.promille(10) {
                    None
                } else {
                    Some(t.kies(&[(1, 10), (2, 20), (3, 25), (4, 25), (5, 20)]))
                };
            }
        }
        Ws::Jw => {
            let e = op_of_voor(a, t.uit_klassen(WACHT_JW));
            h.eerste = Some(e);
            h.afgesloten = Some(op_of_voor(e, t.tussen(7, 180)));
            h.uitstroom = Some(t.kies(UIT_JW));
            h.gesprekken = Some(t.tussen(1, 10) as u32);
        }
    }
}

/// Revision 3 of the catalogue, in the data:
/// - part of the hulpvragen of W03 Ruwaard (ISW, CSW and JGD) is handled within the Proeftuin
///   Ruwaard ([`PROEFTUIN_PROMILLE`] of them from [`proeftuin_start`]); they stay out of the
///   normed indicators and get a section of their own;
/// - the CJG picks up a crisis directly: most JGD crisis registrations get their first
///   conversation on the day of aanmelding or the next day ([`CRISIS_DIRECT_PROMILLE`]), the
///   others keep their ordinary wait, so `JGD.crisis_1d` has cases on time and late.
fn proeftuin_en_crisis(ctx: &Ctx, lijst: &mut [Hulpvraag]) {
    let mut t = Toeval::new(ctx.seed, Stroom::Proeftuin);
    for h in lijst.iter_mut() {
        if h.wijk == PROEFTUIN_WIJK
            && matches!(h.ws, Ws::Isw | Ws::Csw | Ws::Jgd)
            && h.aanmeld >= proeftuin_start()
            && t.promille(PROEFTUIN_PROMILLE)
        {
            h.proeftuin = true;
        }
        if h.ws == Ws::Jgd && h.crisis == Some(true) && t.promille(CRISIS_DIRECT_PROMILLE) {
            // Same day or the next; moving the first conversation earlier keeps every date rule.
            let direct = plus(h.aanmeld, t.tussen(0, 1));
            if h.eerste.is_some_and(|e| e > direct) {
                h.eerste = Some(direct);
            }
        }
    }
}

/// Withdrawn before the first conversation, within `max` days.
fn ingetrokken(t: &mut Toeval, h: &mut Hulpvraag, max: i64) {
    h.afgesloten = Some(op_of_voor(h.aanmeld, t.tussen(2, max)));
    h.uitstroom = Some(if t.promille(500) { "zelfstandig" } else { "overig" });
}

/// Nothing after the export date exists: later dates become empty (still waiting, still open).
fn censureer(h: &mut Hulpvraag) {
    let e = eind();
    for x in [
        &mut h.eerste,
        &mut h.vv,
        &mut h.traject,
        &mut h.aanvraag_jh,
        &mut h.besluit_jh,
        &mut h.afgesloten,
    ] {
        if x.is_some_and(|x| x > e) {
            *x = None;
        }
    }
    if h.eerste.is_none() && h.afgesloten.is_none() {
        h.vv = None;
    }
    if h.afgesloten.is_none() {
        h.uitstroom = None;
        // A running traject: the number of conversations is not final yet.
        if h.eerste.is_none() {
            h.gesprekken = None;
        }
    }
}

fn datum(x: Option<NaiveDate>) -> String {
    x.map(iso).unwrap_or_default()
}

/// Writes `hulpvragen.csv`.
pub(crate) fn schrijf(ctx: &Ctx, lijst: &[Hulpvraag], afwijkingen: &mut Vec<Afwijking>) -> anyhow::Result<Bestand> {
    const KOP: [&str; 17] = [
        "hulpvraag_id",
        "client_id",
        "werksoort",
        "wijkgebied",
        "categorie",
        "leeftijd",
        "aanmelddatum",
        "eerste_gesprek",
        "vraagverheldering_afgerond",
        "traject_start",
        "afgesloten",
        "uitstroom",
        "aantal_gesprekken",
        "aanvraag_jeugdhulp",
        "besluit_jeugdhulp",
        "crisis",
        "proeftuin",
    ];
    let mut w = CsvSchrijver::nieuw(&KOP, b';', true);
    for h in lijst {
        let mut v: Vec<String> = vec![
            h.id.clone(),
            h.client.clone(),
            h.ws.code().to_string(),
            ctx.wijken[h.wijk].0.clone(),
            h.categorie.to_string(),
            h.leeftijd.map(|l| l.to_string()).unwrap_or_default(),
            iso(h.aanmeld),
            datum(h.eerste),
            datum(h.vv),
            datum(h.traject),
            datum(h.afgesloten),
            h.uitstroom.unwrap_or("").to_string(),
            h.gesprekken.map(|g| g.to_string()).unwrap_or_default(),
            datum(h.aanvraag_jh),
            datum(h.besluit_jh),
            match h.crisis {
                Some(true) => "ja".into(),
                Some(false) => "nee".into(),
                None => String::new(),
            },
            if h.proeftuin { "ja" } else { "nee" }.into(),
        ];
        let Some(fout) = h.fout else {
            w.rij(&v);
            continue;
        };
        let (kolom, reden): (&str, String) = match fout {
            HvFout::OnbekendeWerksoort => {
                v[2] = "WMO".into();
                ("werksoort", "onbekende werksoort 'WMO'".into())
            }
            HvFout::OnbekendWijkgebied => {
                v[3] = "W12".into();
                ("wijkgebied", "onbekend wijkgebied 'W12'".into())
            }
            HvFout::AfgeslotenVoorAanmelding => ("afgesloten", "afgesloten ligt vóór de aanmelddatum".into()),
            HvFout::UitstroomZonderAfgesloten => ("uitstroom", "uitstroom is ingevuld maar afgesloten is leeg".into()),
            HvFout::AfgeslotenZonderUitstroom => {
                ("uitstroom", "uitstroom ontbreekt bij een afgesloten hulpvraag".into())
            }
            HvFout::JeugdhulpBijIsw => (
                "aanvraag_jeugdhulp",
                "aanvraag_jeugdhulp alleen bij werksoort JGD".into(),
            ),
            HvFout::LeeftijdTeHoog => ("leeftijd", "leeftijd 134 ligt buiten 0–120".into()),
            HvFout::DubbelId => (
                "hulpvraag_id",
                format!("hulpvraag_id {} komt twee keer voor (beide rijen)", h.id),
            ),
            HvFout::VerhelderingVoorGesprek => (
                "vraagverheldering_afgerond",
                "vraagverheldering_afgerond ligt vóór eerste_gesprek".into(),
            ),
            HvFout::OnbekendeUitstroom => {
                v[11] = "verhuisd".into();
                ("uitstroom", "onbekende uitstroom 'verhuisd'".into())
            }
            HvFout::OngeldigeDatum => {
                v[6] = format!("{}-02-30", h.aanmeld.year());
                ("aanmelddatum", format!("ongeldige datum '{}'", v[6]))
            }
            HvFout::VeldOntbreekt => {
                // The category was lost in a copy-paste: 16 fields instead of 17.
                v.remove(4);
                let regel = w.ruwe_regel(&v.join(";"));
                afwijkingen.push(Afwijking::new(
                    "hulpvragen.csv",
                    regel,
                    "",
                    "16 velden in plaats van 17",
                ));
                continue;
            }
        };
        let regel = w.rij(&v);
        afwijkingen.push(Afwijking::new("hulpvragen.csv", regel, kolom, &reden));
    }
    let rijen = w.rijen();
    Ok(Bestand::csv("hulpvragen.csv", w.utf8(true)?, rijen))
}
