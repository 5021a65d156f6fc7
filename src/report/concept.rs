//! The raad letter as a concept (`deliverables.md`, "Periods the data can and cannot serve",
//! revision 3): the public letter never carries an internal placeholder ("niet aangeleverd").
//! While a text it needs is missing, the letter is written as a concept — a visible "CONCEPT"
//! mark on every page and `"status": "concept"` in the JSON — and the run summary names the
//! missing texts; the griffie publishes only a letter that is not a concept.
//!
//! The texts the letter needs: `raad.md` itself, its kernboodschap, an ontwikkelingen and a
//! vervolg part (from raad.md, else the year's ontwikkelingen.md / aanbevelingen.md, as the
//! letter takes them), and the analysis of every financial difference the letter mentions (a
//! begroting regel whose difference needs an analysis, from the year's analyses.csv). Exactly
//! these are the places where the letter would otherwise print "niet aangeleverd".
//!
//! The letter's form counts too (issue 18): every key of the agreement's `[raadsbrief]` table
//! (date, portefeuillehouder, contact, signatures) that has no value, named as the key in the
//! file; the concept shows a marker where it belongs (see [`super::raad::Briefvorm`]).

use super::raad::Raadsinformatie;
use crate::dekking::Rapportstatus;

/// The missing texts of a raad letter, in reading order, as the run summary names them.
pub fn ontbrekende_teksten(m: &Raadsinformatie, raad_md: bool) -> Vec<String> {
    let jaar = &m.periode.code;
    let mut v = Vec::new();
    if !raad_md {
        v.push(format!("toelichting/{jaar}/raad.md (kernboodschap van het college)"));
    } else if m.kernboodschap.is_none() {
        v.push(format!("de kernboodschap in toelichting/{jaar}/raad.md"));
    }
    if m.ontwikkelingen.delen.is_empty() {
        v.push(format!(
            "ontwikkelingen (toelichting/{jaar}/raad.md of ontwikkelingen.md)"
        ));
    }
    if m.vervolg.delen.is_empty() {
        v.push(format!("vervolg (toelichting/{jaar}/raad.md of aanbevelingen.md)"));
    }
    if !m.brief.ontbrekend.is_empty() {
        v.push(format!(
            "[raadsbrief] in afspraken/{jaar}.toml: {} (vorm van de brief)",
            m.brief.ontbrekend.join(", ")
        ));
    }
    if let Some(f) = &m.financieel {
        for r in f.verschillen.iter().filter(|r| r.analyse.is_none()) {
            v.push(format!(
                "analyse van het verschil op {} {} (toelichting/{jaar}/analyses.csv)",
                r.regel_id, r.naam
            ));
        }
    }
    v
}

/// Fills `ontbrekende_teksten` and makes the letter a concept when any text is missing.
pub fn markeer(m: &mut Raadsinformatie, raad_md: bool) {
    m.ontbrekende_teksten = ontbrekende_teksten(m, raad_md);
    if !m.ontbrekende_teksten.is_empty() {
        m.status = Rapportstatus::Concept;
    }
}

/// The status of the letter for a run: a concept stays a concept; otherwise the data decides
/// (`voorlopig` when the data does not reach 31 December).
pub fn status(m: &Raadsinformatie, volgens_gegevens: Rapportstatus) -> Rapportstatus {
    if m.status == Rapportstatus::Concept {
        Rapportstatus::Concept
    } else {
        volgens_gegevens
    }
}
