//! [`super::laad`]: the five required CSV files and the optional `formatie.csv` and
//! `contacten.csv`, each read once
//! by its schema, with every row rule of the data contract, the rules across rows and files
//! (duplicate ids, realisatie on a begroting line of its year, possible double bookings) and the
//! rejected-share threshold.
//!
//! Reasons are written for a controller: the column is reported next to the reason, so a reason
//! names the other value it was compared with, e.g. `afgesloten (01-02-2024) ligt vóór
//! aanmelddatum (03-02-2024)`. The reason kinds (used to group and count) are short:
//! `ligt vóór aanmelddatum`, `onbekende werksoort`, `dubbel hulpvraag_id`.

use std::collections::HashSet;
use std::path::Path;

use chrono::{Datelike, NaiveDate};
use polars::prelude::DataFrame;
use rust_decimal::{Decimal, RoundingStrategy};
use sha2::{Digest, Sha256};

use super::kwaliteit::{Datakwaliteit, Waarschuwing};
use super::schema::{Cel, Codes, Kolom, Lijst, Rij, Soort, Tabel, dubbele_groepen, kol, lees_tabel_van};
use super::values::Reden;
use super::{AfgekeurdeBoeking, Dataset, IngestFout, IngestOpties, Invoerbestand};
use crate::afspraken::AfsprakenSet;
use crate::domein::format;

/// `hulpvragen.csv`
pub const HULPVRAGEN: &str = "hulpvragen.csv";
/// `uren.csv`
pub const UREN: &str = "uren.csv";
/// `activiteiten.csv`
pub const ACTIVITEITEN: &str = "activiteiten.csv";
/// `begroting.csv`
pub const BEGROTING: &str = "begroting.csv";
/// `realisatie.csv`
pub const REALISATIE: &str = "realisatie.csv";
/// `formatie.csv` (optional)
pub const FORMATIE: &str = "formatie.csv";
/// `contacten.csv` (optional, revision 3)
pub const CONTACTEN: &str = "contacten.csv";

/// The required files, in contract order.
const VERPLICHT: [&str; 5] = [HULPVRAGEN, UREN, ACTIVITEITEN, BEGROTING, REALISATIE];

/// Schema of `hulpvragen.csv` (contract column order).
pub const HULPVRAGEN_SCHEMA: &[Kolom] = &[
    kol("hulpvraag_id", true, Soort::Systeem),
    kol("client_id", true, Soort::Persoon),
    kol("werksoort", true, Soort::Code(Lijst::Werksoort)),
    kol("wijkgebied", true, Soort::Code(Lijst::Wijkgebied)),
    kol("categorie", true, Soort::Code(Lijst::Categorie)),
    kol("leeftijd", false, Soort::Geheel32),
    kol("aanmelddatum", true, Soort::Datum),
    kol("eerste_gesprek", false, Soort::Datum),
    kol("vraagverheldering_afgerond", false, Soort::Datum),
    kol("traject_start", false, Soort::Datum),
    kol("afgesloten", false, Soort::Datum),
    kol("uitstroom", false, Soort::Code(Lijst::Uitstroom)),
    kol("aantal_gesprekken", false, Soort::Geheel32),
    kol("aanvraag_jeugdhulp", false, Soort::Datum),
    kol("besluit_jeugdhulp", false, Soort::Datum),
    kol("crisis", false, Soort::Boolean),
    kol("proeftuin", false, Soort::Boolean),
];
const H_ID: usize = 0;
const H_WERKSOORT: usize = 2;
const H_LEEFTIJD: usize = 5;
const H_AANMELD: usize = 6;
const H_EERSTE: usize = 7;
const H_VV: usize = 8;
const H_TRAJECT: usize = 9;
const H_AFGESLOTEN: usize = 10;
const H_UITSTROOM: usize = 11;
const H_GESPREKKEN: usize = 12;
const H_AANVRAAG: usize = 13;
const H_BESLUIT: usize = 14;
/// The date columns of a hulpvraag (for `laatste_datum`).
const H_DATUMS: [usize; 7] = [
    H_AANMELD,
    H_EERSTE,
    H_VV,
    H_TRAJECT,
    H_AFGESLOTEN,
    H_AANVRAAG,
    H_BESLUIT,
];

/// The date order rules of a hulpvraag: (later column, earlier column, reason kind). A later
/// date before the earlier one rejects the row at the later column. Checked in this order, so
/// the first violation in a column is the one reported.
const H_VOLGORDE: [(usize, usize, &str); 12] = [
    (H_EERSTE, H_AANMELD, "ligt vóór aanmelddatum"),
    (H_VV, H_AANMELD, "ligt vóór aanmelddatum"),
    (H_TRAJECT, H_AANMELD, "ligt vóór aanmelddatum"),
    (H_AFGESLOTEN, H_AANMELD, "ligt vóór aanmelddatum"),
    (H_AANVRAAG, H_AANMELD, "ligt vóór aanmelddatum"),
    (H_BESLUIT, H_AANMELD, "ligt vóór aanmelddatum"),
    (H_VV, H_EERSTE, "ligt vóór eerste_gesprek"),
    (H_TRAJECT, H_VV, "ligt vóór vraagverheldering_afgerond"),
    (H_AFGESLOTEN, H_EERSTE, "ligt vóór eerste_gesprek"),
    (H_AFGESLOTEN, H_VV, "ligt vóór vraagverheldering_afgerond"),
    (H_AFGESLOTEN, H_TRAJECT, "ligt vóór traject_start"),
    (H_BESLUIT, H_AANVRAAG, "ligt vóór aanvraag_jeugdhulp"),
];

/// Schema of `uren.csv`.
pub const UREN_SCHEMA: &[Kolom] = &[
    kol("medewerker_id", true, Soort::Persoon),
    kol("werksoort", true, Soort::Code(Lijst::Werksoort)),
    kol("datum", true, Soort::Datum),
    kol("uren", true, Soort::E4),
    kol("inzet", true, Soort::Code(Lijst::Inzet)),
];
const U_DATUM: usize = 2;
const U_UREN: usize = 3;

/// Schema of `activiteiten.csv`.
pub const ACTIVITEITEN_SCHEMA: &[Kolom] = &[
    kol("activiteit_id", true, Soort::Systeem),
    kol("naam", true, Soort::VrijeTekst),
    kol("werksoort", true, Soort::Code(Lijst::Werksoort)),
    kol("wijkgebied", true, Soort::Code(Lijst::Wijkgebied)),
    kol("soort", true, Soort::Code(Lijst::ActiviteitSoort)),
    kol("door_inwoners", true, Soort::Boolean),
    kol("start", true, Soort::Datum),
    kol("einde", false, Soort::Datum),
    kol("deelnemers", false, Soort::Geheel64),
];
const A_ID: usize = 0;
const A_START: usize = 6;
const A_EINDE: usize = 7;
const A_DEELNEMERS: usize = 8;

/// Schema of `begroting.csv`. The name column `regel` becomes `regel_naam` in the frame (the
/// frame's `regel` is the input line).
pub const BEGROTING_SCHEMA: &[Kolom] = &[
    kol("jaar", true, Soort::Geheel32),
    kol("regel_id", true, Soort::Sleutel),
    kol("werksoort", true, Soort::Code(Lijst::Werksoort)),
    Kolom {
        naam: "regel",
        uit: "regel_naam",
        verplicht: true,
        soort: Soort::VrijeTekst,
    },
    kol("financiering", true, Soort::Code(Lijst::Financiering)),
    Kolom {
        naam: "fte",
        uit: "fte_e4",
        verplicht: false,
        soort: Soort::E4,
    },
    Kolom {
        naam: "bedrag",
        uit: "bedrag_cent",
        verplicht: true,
        soort: Soort::Bedrag,
    },
];
const B_JAAR: usize = 0;
const B_REGEL_ID: usize = 1;
const B_FTE: usize = 5;
const B_BEDRAG: usize = 6;

/// Schema of `realisatie.csv`.
pub const REALISATIE_SCHEMA: &[Kolom] = &[
    kol("boekdatum", true, Soort::Datum),
    kol("boekstuk", true, Soort::Systeem),
    kol("regel_id", true, Soort::Sleutel),
    Kolom {
        naam: "bedrag",
        uit: "bedrag_cent",
        verplicht: true,
        soort: Soort::Bedrag,
    },
    kol("omschrijving", false, Soort::VrijeTekst),
];
const R_BOEKDATUM: usize = 0;
const R_BOEKSTUK: usize = 1;
const R_REGEL_ID: usize = 2;
const R_BEDRAG: usize = 3;

/// Schema of `formatie.csv`.
pub const FORMATIE_SCHEMA: &[Kolom] = &[
    kol("peildatum", true, Soort::Datum),
    kol("regel_id", true, Soort::Sleutel),
    Kolom {
        naam: "fte",
        uit: "fte_e4",
        verplicht: true,
        soort: Soort::E4,
    },
];
const F_FTE: usize = 2;

/// Schema of `contacten.csv` (revision 3).
pub const CONTACTEN_SCHEMA: &[Kolom] = &[
    kol("contact_id", true, Soort::Systeem),
    kol("datum", true, Soort::Datum),
    kol("werksoort", true, Soort::Code(Lijst::Werksoort)),
    kol("wijkgebied", false, Soort::Code(Lijst::Wijkgebied)),
    kol("soort", true, Soort::Code(Lijst::ContactSoort)),
    kol("resultaat", false, Soort::Code(Lijst::ContactResultaat)),
    kol("client_id", false, Soort::Persoon),
];
const C_ID: usize = 0;
const C_SOORT: usize = 4;
const C_RESULTAAT: usize = 5;

/// Accepted calendar years of `begroting.csv`.
const JAREN: std::ops::RangeInclusive<i64> = 1900..=2100;

/// `31-03-2024`.
pub(crate) fn dmy(d: NaiveDate) -> String {
    d.format("%d-%m-%Y").to_string()
}

/// Rejects the row at column `later` when both dates are set and `later` lies before `eerder`.
fn niet_voor(r: &mut Rij, schema: &[Kolom], later: usize, eerder: usize, soort: &'static str) {
    if let (Some(l), Some(e)) = (r.cel(later).datum(), r.cel(eerder).datum())
        && l < e
    {
        let tekst = format!(
            "{} ({}) ligt vóór {} ({})",
            schema[later].naam,
            dmy(l),
            schema[eerder].naam,
            dmy(e)
        );
        r.fout(later, Reden::tekst(soort, tekst));
    }
}

/// Rejects the row at column `k` when its number is negative.
fn niet_negatief(r: &mut Rij, k: usize, tekst: &str) {
    if r.cel(k).getal().is_some_and(|g| g < 0) {
        r.fout(k, Reden::tekst("negatief", tekst.to_string()));
    }
}

/// The row rules of `hulpvragen.csv`.
fn regels_hulpvragen(codes: &Codes) -> impl FnMut(&mut Rij) + '_ {
    let jgd = codes.zoek(Lijst::Werksoort, "JGD");
    move |r: &mut Rij| {
        let s = HULPVRAGEN_SCHEMA;
        if let Some(g) = r.cel(H_LEEFTIJD).getal()
            && !(0..=120).contains(&g)
        {
            r.fout(
                H_LEEFTIJD,
                Reden::tekst("buiten 0–120", format!("leeftijd {g} ligt buiten 0–120")),
            );
        }
        // Jeugdhulp dates only for the CJG.
        if let Cel::Code(ws) = r.cel(H_WERKSOORT)
            && Some(ws) != jgd
        {
            for k in [H_AANVRAAG, H_BESLUIT] {
                if r.cel(k).gevuld() {
                    let tekst = format!(
                        "{} mag alleen bij werksoort JGD zijn ingevuld, niet bij {}",
                        s[k].naam,
                        codes.naam(Lijst::Werksoort, ws)
                    );
                    r.fout(k, Reden::tekst("alleen bij werksoort JGD", tekst));
                }
            }
        }
        for (later, eerder, soort) in H_VOLGORDE {
            niet_voor(r, s, later, eerder, soort);
        }
        match (r.cel(H_AFGESLOTEN).gevuld(), r.cel(H_UITSTROOM).gevuld()) {
            (true, false) => r.fout(
                H_UITSTROOM,
                Reden::vast("uitstroom ontbreekt bij een afgesloten hulpvraag"),
            ),
            (false, true) => r.fout(
                H_UITSTROOM,
                Reden::vast("uitstroom is ingevuld maar afgesloten is leeg"),
            ),
            _ => {}
        }
        niet_negatief(r, H_GESPREKKEN, "aantal_gesprekken is negatief");
    }
}

/// The row rules of `uren.csv`: `0 < uren ≤ 24`.
fn regels_uren(r: &mut Rij) {
    match r.cel(U_UREN).getal() {
        Some(g) if g <= 0 => r.fout(U_UREN, Reden::vast("uren moet groter dan 0 zijn")),
        Some(g) if g > 24 * 10_000 => r.fout(U_UREN, Reden::vast("meer dan 24 uur op één dag")),
        _ => {}
    }
}

/// The row rules of `activiteiten.csv`.
fn regels_activiteiten(r: &mut Rij) {
    niet_voor(r, ACTIVITEITEN_SCHEMA, A_EINDE, A_START, "ligt vóór start");
    niet_negatief(r, A_DEELNEMERS, "aantal deelnemers is negatief");
}

/// The row rules of `begroting.csv`.
fn regels_begroting(r: &mut Rij) {
    if let Some(j) = r.cel(B_JAAR).getal()
        && !JAREN.contains(&j)
    {
        r.fout(B_JAAR, Reden::tekst("ongeldig jaar", format!("ongeldig jaar {j}")));
    }
    niet_negatief(r, B_FTE, "fte is negatief");
}

/// The row rules of `formatie.csv`.
fn regels_formatie(r: &mut Rij) {
    niet_negatief(r, F_FTE, "fte is negatief");
}

/// The row rules of `contacten.csv`: a `resultaat` only for the soorten that have one.
fn regels_contacten(codes: &Codes) -> impl FnMut(&mut Rij) + '_ {
    let met: Vec<Option<u32>> = crate::domein::codes::CONTACT_SOORTEN_MET_RESULTAAT
        .iter()
        .map(|s| codes.zoek(Lijst::ContactSoort, s))
        .collect();
    move |r: &mut Rij| {
        if let Cel::Code(soort) = r.cel(C_SOORT)
            && !met.contains(&Some(soort))
            && r.cel(C_RESULTAAT).gevuld()
        {
            let tekst = format!(
                "resultaat mag alleen bij soort buurtbemiddeling of vrijwilligerskoppeling zijn ingevuld, niet bij {}",
                codes.naam(Lijst::ContactSoort, soort)
            );
            r.fout(
                C_RESULTAAT,
                Reden::tekst("resultaat bij een soort zonder resultaat", tekst),
            );
        }
    }
}

/// Rejects every row whose text key in column `k` occurs more than once.
fn keur_dubbele_ids_af(t: &mut Tabel, k: usize, soort: &'static str) {
    let groepen = {
        let tekst = t.tekst(k);
        dubbele_groepen((0..t.len()).map(|i| tekst.get(i)))
    };
    let naam = t.schema[k].naam;
    t.keur_groepen_af(k, &groepen, soort, |w, regels| {
        format!("{naam} '{w}' komt meer dan eens voor (regels {regels})")
    });
}

/// Rejects every begroting line whose (jaar, regel_id) occurs more than once.
fn keur_dubbele_begrotingsregels_af(t: &mut Tabel) {
    let groepen = {
        let jaren = t.getallen(B_JAAR);
        let ids = t.tekst(B_REGEL_ID);
        dubbele_groepen((0..t.len()).map(|i| Some((jaren[i]?, ids.get(i)?))))
    };
    for g in groepen {
        let jaar = t.getallen(B_JAAR)[g[0]].unwrap_or_default();
        t.keur_groepen_af(B_REGEL_ID, &[g], "dubbel regel_id in jaar", |w, regels| {
            format!("regel_id '{w}' komt in {jaar} meer dan eens voor (regels {regels})")
        });
    }
}

/// Rejects every ledger line whose regel_id has no accepted begroting line in the booking year.
fn keur_onbekende_regels_af(realisatie: &mut Tabel, begroting: &Tabel) {
    let masker = begroting.masker();
    let (jaren, ids) = (begroting.getallen(B_JAAR), begroting.tekst(B_REGEL_ID));
    let bekend: HashSet<(i64, &str), polars::prelude::PlRandomState> = (0..begroting.len())
        .filter(|&i| masker[i])
        .filter_map(|i| Some((jaren[i]?, ids.get(i)?)))
        .collect();
    let onbekend: Vec<(usize, i32, String)> = {
        let (datums, ids) = (realisatie.datums(R_BOEKDATUM), realisatie.tekst(R_REGEL_ID));
        (0..realisatie.len())
            .filter_map(|i| {
                let (d, id) = (datums[i]?, ids.get(i)?);
                (!bekend.contains(&(i64::from(d.year()), id))).then(|| (i, d.year(), id.to_string()))
            })
            .collect()
    };
    for (i, jaar, id) in onbekend {
        let reden = Reden::tekst(
            "regel_id staat niet in de begroting van het boekjaar",
            format!("regel_id '{id}' staat niet in de begroting van {jaar}"),
        );
        realisatie.keur_af(i, R_REGEL_ID, reden, &id);
    }
}

/// Warns (one warning per group) about accepted ledger lines equal in boekstuk, regel_id,
/// boekdatum and bedrag.
fn waarschuw_dubbele_boekingen(t: &mut Tabel) {
    let masker = t.masker();
    let groepen = {
        let (datums, stukken, ids, bedragen) = (
            t.datums(R_BOEKDATUM),
            t.tekst(R_BOEKSTUK),
            t.tekst(R_REGEL_ID),
            t.getallen(R_BEDRAG),
        );
        dubbele_groepen((0..t.len()).map(|i| {
            if !masker[i] {
                return None;
            }
            Some((stukken.get(i)?, ids.get(i)?, datums[i]?, bedragen[i]?))
        }))
    };
    for g in groepen {
        let i = g[0];
        let boekstuk = t.tekst(R_BOEKSTUK).get(i).unwrap_or("");
        let regel_id = t.tekst(R_REGEL_ID).get(i).unwrap_or("");
        let datum = t.datums(R_BOEKDATUM)[i].map(dmy).unwrap_or_default();
        let bedrag = t.getallen(R_BEDRAG)[i].map(format::euro_cent).unwrap_or_default();
        let regels: Vec<String> = g.iter().map(|&j| t.regels[j].to_string()).collect();
        let melding = format!(
            "mogelijk dubbele boeking: boekstuk '{boekstuk}' staat {} keer in het bestand met dezelfde regel_id \
             ({regel_id}), boekdatum ({datum}) en hetzelfde bedrag ({bedrag}), op regels {}; \
             alle regels zijn meegeteld",
            g.len(),
            regels.join(", ")
        );
        let w = Waarschuwing::new(
            &t.bestand,
            Some(t.regels[i] as usize),
            "mogelijk_dubbele_boeking",
            &melding,
        );
        t.waarschuwingen.push(w);
    }
}

/// Reads a file of the data directory. `Ok(None)`: an optional file that is absent.
fn lees_bytes(map: &Path, naam: &str, verplicht: bool) -> Result<Option<Vec<u8>>, IngestFout> {
    match std::fs::read(map.join(naam)) {
        Ok(b) if b.is_empty() && verplicht => Err(IngestFout::BestandLeeg {
            bestand: naam.to_string(),
        }),
        Ok(b) => Ok(Some(b)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if verplicht {
                Err(IngestFout::BestandOntbreekt {
                    bestand: naam.to_string(),
                    map: map.to_path_buf(),
                })
            } else {
                Ok(None)
            }
        }
        Err(bron) => Err(IngestFout::Io {
            bestand: naam.to_string(),
            bron,
        }),
    }
}

/// One file as its thread parsed it: its table, and the frame of its accepted rows when no
/// other file decides on them.
struct Geparst {
    tabel: Result<Tabel, IngestFout>,
    frame: Option<DataFrame>,
}

impl Geparst {
    /// The table and its frame (an empty frame when it was left to the caller).
    fn uitpakken(self) -> Result<(Tabel, DataFrame), IngestFout> {
        Ok((self.tabel?, self.frame.unwrap_or_default()))
    }
}

/// Parses a file's bytes with `lees` and drops them; then `af` applies the rules within the
/// file (duplicate ids) and makes the frame of its accepted rows, if it can already.
fn lees_bestand(
    (bytes, _): Gelezen,
    lees: impl FnOnce(Vec<u8>) -> Result<Tabel, IngestFout>,
    af: impl FnOnce(&mut Tabel) -> Option<DataFrame>,
) -> Geparst {
    let tabel = lees(bytes);
    match tabel {
        Ok(mut t) => {
            let frame = af(&mut t);
            Geparst { tabel: Ok(t), frame }
        }
        Err(e) => Geparst {
            tabel: Err(e),
            frame: None,
        },
    }
}

/// SHA-256 of `bytes`, lower-case hex.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// `part` as a percentage of `geheel` in Dutch notation with one decimal (`6,3`); two decimals
/// when one would not show that it exceeds `drempel` (`5,02`).
fn percentage(deel: usize, geheel: usize, drempel: Decimal) -> String {
    let pct = Decimal::from(deel) * Decimal::ONE_HUNDRED / Decimal::from(geheel);
    let rond = |n| pct.round_dp_with_strategy(n, RoundingStrategy::MidpointAwayFromZero);
    let mut p = rond(1);
    if p <= drempel && pct > drempel {
        p = rond(2);
    }
    decimaal_nl(p)
}

/// A decimal in Dutch notation without trailing zeros: `5`, `2,5`.
fn decimaal_nl(d: Decimal) -> String {
    d.normalize().to_string().replace('.', ",")
}

/// A file of the data directory as read: its bytes and their SHA-256 (lower-case hex).
pub type Gelezen = (Vec<u8>, String);

/// The CSV files of the data directory as read, before anything is parsed: the five required
/// files in contract order, then the optional `formatie.csv` and `contacten.csv` (`None`:
/// absent).
pub struct Invoerbytes {
    verplicht: [Gelezen; 5],
    formatie: Option<Gelezen>,
    contacten: Option<Gelezen>,
}

impl Invoerbytes {
    /// (file name, SHA-256) of every file read, in contract order.
    pub fn hashes(&self) -> Vec<(&'static str, &str)> {
        let mut v: Vec<(&'static str, &str)> = VERPLICHT
            .iter()
            .zip(&self.verplicht)
            .map(|(n, (_, h))| (*n, h.as_str()))
            .collect();
        v.extend(self.formatie.as_ref().map(|(_, h)| (FORMATIE, h.as_str())));
        v.extend(self.contacten.as_ref().map(|(_, h)| (CONTACTEN, h.as_str())));
        v
    }
}

/// Reads the CSV files of the data directory and hashes them, one thread per file. Errors (a
/// required file missing or empty, a file that cannot be read) in contract order.
pub fn lees_invoerbytes(map: &Path) -> Result<Invoerbytes, IngestFout> {
    // Each file read and hashed on its own thread (reading them one after the other first cost
    // a third of this step at scale 10); the errors are taken in contract order afterwards.
    let bestanden = VERPLICHT
        .iter()
        .map(|&naam| (naam, true))
        .chain([(FORMATIE, false), (CONTACTEN, false)]);
    let gelezen: Vec<Result<Option<Gelezen>, IngestFout>> = std::thread::scope(|s| {
        let draden: Vec<_> = bestanden
            .map(|(naam, verplicht)| {
                s.spawn(move || {
                    Ok(lees_bytes(map, naam, verplicht)?.map(|b| {
                        let h = sha256_hex(&b);
                        (b, h)
                    }))
                })
            })
            .collect();
        draden
            .into_iter()
            .map(|t| t.join().expect("read thread panicked"))
            .collect()
    });
    let mut gelezen = gelezen.into_iter();
    let mut volgende = || gelezen.next().expect("one result per file");
    let mut verplicht: Vec<Gelezen> = Vec::with_capacity(5);
    for _ in 0..5 {
        verplicht.push(volgende()?.expect("required file"));
    }
    let formatie = volgende()?;
    let contacten = volgende()?;
    Ok(Invoerbytes {
        verplicht: verplicht.try_into().map_err(|_| ()).expect("five required files"),
        formatie,
        contacten,
    })
}

/// The implementation of [`super::laad`].
pub(crate) fn laad(map: &Path, afspraken: &AfsprakenSet, opties: &IngestOpties) -> Result<Dataset, IngestFout> {
    laad_uit(map, lees_invoerbytes(map)?, afspraken, opties)
}

/// Every CSV file of the data contract with its schema, in contract order: the required files,
/// then the optional `formatie.csv` and `contacten.csv` (the frames of a [`Dataset`]).
pub(crate) const CONTRACT: [(&str, &[Kolom]); 7] = [
    (HULPVRAGEN, HULPVRAGEN_SCHEMA),
    (UREN, UREN_SCHEMA),
    (ACTIVITEITEN, ACTIVITEITEN_SCHEMA),
    (BEGROTING, BEGROTING_SCHEMA),
    (REALISATIE, REALISATIE_SCHEMA),
    (FORMATIE, FORMATIE_SCHEMA),
    (CONTACTEN, CONTACTEN_SCHEMA),
];

/// Frames with the columns and types of the data contract and no rows, in the order of
/// [`CONTRACT`]: what a cached frame must match.
pub(crate) fn lege_frames() -> [DataFrame; 7] {
    let codes = Codes::uit_jaren([]);
    CONTRACT.map(|(naam, schema)| Tabel::leeg(naam, schema).dataframe(&codes, true))
}

/// Parses and validates the files `invoer` read from `map`.
pub fn laad_uit(
    map: &Path,
    invoer: Invoerbytes,
    afspraken: &AfsprakenSet,
    opties: &IngestOpties,
) -> Result<Dataset, IngestFout> {
    let codes = Codes::uit(afspraken);
    // Every file read, also an empty optional one that is not parsed, is listed in the manifest.
    let hashes: Vec<(&str, String)> = invoer.hashes().into_iter().map(|(n, h)| (n, h.to_string())).collect();
    let Invoerbytes {
        verplicht: bytes,
        formatie: formatie_bytes,
        contacten: contacten_bytes,
    } = invoer;
    let leeg = |g: &Option<Gelezen>| g.as_ref().is_some_and(|(b, _)| b.iter().all(u8::is_ascii_whitespace));
    let mut waarschuwingen_vooraf: Vec<Waarschuwing> = Vec::new();
    let formatie_leeg = leeg(&formatie_bytes);
    if formatie_leeg {
        waarschuwingen_vooraf.push(Waarschuwing::new(
            FORMATIE,
            None,
            "leeg_bestand",
            "het bestand is leeg en is behandeld als niet aangeleverd",
        ));
    }
    let contacten_leeg = leeg(&contacten_bytes);
    if contacten_leeg {
        waarschuwingen_vooraf.push(Waarschuwing::new(
            CONTACTEN,
            None,
            "leeg_bestand",
            "het bestand is leeg en is behandeld als niet aangeleverd",
        ));
    }

    // Parse the files in parallel; errors are reported in file order. Each file's bytes are
    // dropped as soon as it is parsed, so the raw input is not held beside the tables.
    let codes_ref = &codes;
    let [hb, ub, ab, bb, rb] = bytes;
    let formatie_bytes = formatie_bytes.filter(|_| !formatie_leeg);
    let contacten_bytes = contacten_bytes.filter(|_| !contacten_leeg);
    // The begroting first (a few kB): the ledger's rule across files needs its regel_ids, and
    // with them the ledger is checked and made into its frame on its own thread while the other
    // files are parsed, instead of on this thread after them (about 3 s at scale 100).
    let bg = lees_bestand(
        bb,
        |b| lees_tabel_van(BEGROTING, b, BEGROTING_SCHEMA, codes_ref, regels_begroting),
        |t| {
            keur_dubbele_begrotingsregels_af(t);
            Some(t.dataframe(codes_ref, true))
        },
    );
    let begroting_ref = bg.tabel.as_ref().ok();
    let (hv, ur, ac, re, fo, co) = std::thread::scope(|s| {
        // Once a file's frame is made, its text and code builders are no longer read (the
        // account, the sum check and the latest date use the verdicts, numbers and dates):
        // they are freed, so the tables of the largest files are not held twice.
        let frame = |t: &mut Tabel| {
            let df = t.dataframe(codes_ref, true);
            t.laat_teksten_los();
            Some(df)
        };
        let h = s.spawn(move || {
            lees_bestand(
                hb,
                |b| {
                    lees_tabel_van(
                        HULPVRAGEN,
                        b,
                        HULPVRAGEN_SCHEMA,
                        codes_ref,
                        regels_hulpvragen(codes_ref),
                    )
                },
                |t| {
                    keur_dubbele_ids_af(t, H_ID, "dubbel hulpvraag_id");
                    frame(t)
                },
            )
        });
        let u = s.spawn(move || {
            lees_bestand(
                ub,
                |b| lees_tabel_van(UREN, b, UREN_SCHEMA, codes_ref, regels_uren),
                frame,
            )
        });
        // The ledger: its rule across files (a regel_id of the begroting; not applied when the
        // begroting itself cannot be read, whose error then stops the load), then the warning
        // about possible double bookings, then its frame. Its texts are kept: the rejected
        // bookings are listed from them.
        let r = s.spawn(move || {
            lees_bestand(
                rb,
                |b| lees_tabel_van(REALISATIE, b, REALISATIE_SCHEMA, codes_ref, |_: &mut Rij| {}),
                |t| {
                    if let Some(begroting) = begroting_ref {
                        keur_onbekende_regels_af(t, begroting);
                    }
                    waarschuw_dubbele_boekingen(t);
                    Some(t.dataframe(codes_ref, true))
                },
            )
        });
        let c = contacten_bytes.map(|cb| {
            s.spawn(move || {
                lees_bestand(
                    cb,
                    |b| lees_tabel_van(CONTACTEN, b, CONTACTEN_SCHEMA, codes_ref, regels_contacten(codes_ref)),
                    |t| {
                        keur_dubbele_ids_af(t, C_ID, "dubbel contact_id");
                        frame(t)
                    },
                )
            })
        });
        let a = lees_bestand(
            ab,
            |b| lees_tabel_van(ACTIVITEITEN, b, ACTIVITEITEN_SCHEMA, codes_ref, regels_activiteiten),
            |t| {
                keur_dubbele_ids_af(t, A_ID, "dubbel activiteit_id");
                frame(t)
            },
        );
        let f = formatie_bytes.map(|fb| {
            lees_bestand(
                fb,
                |b| lees_tabel_van(FORMATIE, b, FORMATIE_SCHEMA, codes_ref, regels_formatie),
                frame,
            )
        });
        let join = |t: std::thread::ScopedJoinHandle<'_, _>| t.join().expect("ingest thread panicked");
        (join(h), join(u), a, join(r), f, c.map(join))
    });
    let (hulpvragen, hulpvragen_frame) = hv.uitpakken()?;
    let (uren, uren_frame) = ur.uitpakken()?;
    let (activiteiten, activiteiten_frame) = ac.uitpakken()?;
    let (begroting, begroting_frame) = bg.uitpakken()?;
    let (realisatie, realisatie_frame) = re.uitpakken()?;
    let (formatie, formatie_frame) = fo.map(Geparst::uitpakken).transpose()?.unzip();
    let (contacten, contacten_frame) = co.map(Geparst::uitpakken).transpose()?.unzip();

    // Accounting, in file order.
    let mut kwaliteit = Datakwaliteit::default();
    let mut invoer = Vec::new();
    let tabellen: [Option<&Tabel>; 7] = [
        Some(&hulpvragen),
        Some(&uren),
        Some(&activiteiten),
        Some(&begroting),
        Some(&realisatie),
        formatie.as_ref(),
        contacten.as_ref(),
    ];
    for (tabel, (naam, _)) in tabellen.iter().zip(CONTRACT) {
        let Some((_, sha256)) = hashes.iter().find(|(n, _)| *n == naam) else {
            continue;
        };
        let k = match tabel {
            Some(t) => t.kwaliteit(),
            None => Datakwaliteit::default(),
        };
        let (gelezen, geaccepteerd, afgekeurd) = k
            .bestanden
            .first()
            .map_or((0, 0, 0), |f| (f.gelezen, f.geaccepteerd, f.afgekeurd));
        invoer.push(Invoerbestand {
            pad: naam.to_string(),
            sha256: sha256.clone(),
            gelezen,
            geaccepteerd,
            afgekeurd,
        });
        kwaliteit.voeg_toe(k);
    }
    kwaliteit.waarschuwingen.extend(waarschuwingen_vooraf);

    // The threshold, per file in file order.
    let drempel = opties.max_afgekeurd_pct;
    if let Some(f) = kwaliteit.bestanden.iter().find(|f| {
        f.gelezen > 0 && Decimal::from(f.afgekeurd) * Decimal::ONE_HUNDRED > drempel * Decimal::from(f.gelezen)
    }) {
        return Err(IngestFout::TeVeelAfgekeurd {
            bestand: f.pad.clone(),
            afgekeurd: f.afgekeurd,
            gelezen: f.gelezen,
            percentage: percentage(f.afgekeurd, f.gelezen, drempel),
            drempel: decimaal_nl(drempel),
            kwaliteit: Box::new(kwaliteit),
        });
    }

    // Every sum the reports make over these columns (of any subset of rows) stays within i64,
    // because the sum of the absolute values does: checked here once, so no later sum can
    // overflow silently.
    controleer_som(&begroting, B_BEDRAG, true)?;
    controleer_som(&realisatie, R_BEDRAG, true)?;
    controleer_som(&begroting, B_FTE, false)?;
    controleer_som(&activiteiten, A_DEELNEMERS, false)?;
    controleer_som(&uren, U_UREN, false)?;
    if let Some(f) = &formatie {
        controleer_som(f, F_FTE, false)?;
    }

    let realisatie_afgekeurd = afgekeurde_boekingen(&realisatie);
    let laatste_datum = {
        let mut max: Option<NaiveDate> = None;
        let mut neem = |t: &Tabel, kolommen: &[usize]| {
            let m = t.masker();
            for &k in kolommen {
                max = max.max(t.max_datum(k, &m));
            }
        };
        neem(&hulpvragen, &H_DATUMS);
        neem(&uren, &[U_DATUM]);
        neem(&activiteiten, &[A_START]);
        neem(&realisatie, &[R_BOEKDATUM]);
        max
    };
    Ok(Dataset {
        map: map.to_path_buf(),
        hulpvragen: hulpvragen_frame,
        uren: uren_frame,
        activiteiten: activiteiten_frame,
        begroting: begroting_frame,
        realisatie: realisatie_frame,
        formatie: formatie_frame.unwrap_or_else(|| Tabel::leeg(FORMATIE, FORMATIE_SCHEMA).dataframe(&codes, true)),
        contacten: contacten_frame,
        realisatie_afgekeurd,
        kwaliteit,
        invoer,
        laatste_datum,
    })
}

/// Fails when the absolute values of column `k` (every row with a value, accepted or not) do not
/// add up within an `i64`: then some sum over them in the reports could overflow.
fn controleer_som(t: &Tabel, k: usize, bedrag: bool) -> Result<(), IngestFout> {
    let past = t
        .getallen(k)
        .iter()
        .flatten()
        .try_fold(0u64, |som, g| som.checked_add(g.unsigned_abs()))
        .is_some_and(|som| som <= i64::MAX as u64);
    if past {
        return Ok(());
    }
    Err(IngestFout::SomTeGroot {
        bestand: t.bestand.clone(),
        kolom: t.schema[k].naam.to_string(),
        grens: if bedrag {
            crate::domein::format::euro_cent(i64::MAX)
        } else {
            crate::domein::format::aantal(i64::MAX)
        },
    })
}

/// The rejected ledger lines with what could be read of them (texts masked like the rejects
/// file).
fn afgekeurde_boekingen(t: &Tabel) -> Vec<AfgekeurdeBoeking> {
    let (datums, stukken, ids, bedragen) = (
        t.datums(R_BOEKDATUM),
        t.tekst(R_BOEKSTUK),
        t.tekst(R_REGEL_ID),
        t.getallen(R_BEDRAG),
    );
    t.fouten
        .iter()
        .enumerate()
        .filter_map(|(i, f)| {
            let f = f.as_ref()?;
            Some(AfgekeurdeBoeking {
                regel: t.regels[i] as usize,
                boekdatum: datums[i],
                boekstuk: super::bsn::maskeer(stukken.get(i).unwrap_or("")),
                regel_id: super::bsn::maskeer(ids.get(i).unwrap_or("")),
                bedrag_cent: bedragen[i],
                reden: super::bsn::maskeer(&f.reden.tekst),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::schema::lees_tabel;
    use super::*;

    #[test]
    fn sums_that_would_overflow_stop_the_run_naming_the_file() {
        // Twelve bookings of 9.999.999.999.999.999,99 (999.999.999.999.999.999 cents each):
        // together 1,2·10^19 cents, more than i64::MAX (9,22·10^18).
        let codes = Codes::uit_jaren([]);
        let mut csv = String::from("boekdatum;boekstuk;regel_id;bedrag\n");
        for i in 0..12 {
            csv.push_str(&format!("2024-01-02;B{i};ISW-01;9.999.999.999.999.999,99\n"));
        }
        let t = lees_tabel(REALISATIE, csv.as_bytes(), REALISATIE_SCHEMA, &codes, |_: &mut Rij| {}).unwrap();
        let e = controleer_som(&t, R_BEDRAG, true).unwrap_err();
        assert_eq!(
            e.to_string(),
            "realisatie.csv: de waarden in kolom bedrag tellen op tot meer dan exact kan worden gerekend \
             (meer dan €\u{a0}92.233.720.368.547.758,07); controleer de grootste waarden in deze kolom"
        );
        // Nine of them fit (9·10^18 cents ≤ 9,22·10^18), also with a negative one among them.
        let mut csv = String::from("boekdatum;boekstuk;regel_id;bedrag\n");
        for i in 0..9 {
            let teken = if i == 4 { "-" } else { "" };
            csv.push_str(&format!("2024-01-02;B{i};ISW-01;{teken}9.999.999.999.999.999,99\n"));
        }
        let t = lees_tabel(REALISATIE, csv.as_bytes(), REALISATIE_SCHEMA, &codes, |_: &mut Rij| {}).unwrap();
        assert!(controleer_som(&t, R_BEDRAG, true).is_ok());
    }

    #[test]
    fn percentages_in_dutch() {
        let vijf = Decimal::from(5);
        assert_eq!(percentage(63, 1000, vijf), "6,3");
        assert_eq!(percentage(1, 3, vijf), "33,3");
        // 5,02% would print as 5,0: two decimals show it exceeds the threshold.
        assert_eq!(percentage(251, 5000, vijf), "5,02");
        assert_eq!(decimaal_nl(Decimal::new(25, 1)), "2,5");
        assert_eq!(decimaal_nl(Decimal::from(5)), "5");
    }
}
