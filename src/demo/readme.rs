//! `README.md` of the data folder (Dutch): what the files are, their formats, the designed
//! patterns, and the list of deliberate imperfections with the reason the reader should give.
//! The tables are generated, so the README always describes the files next to it.

use std::collections::{BTreeMap, BTreeSet};

use anyhow::Result;

use super::statistiek::{Cijfers, Periode, vul_in};
use super::{Afwijking, Bestand, Ctx, Gegenereerd, duizendtallen, grootte, schaal_tekst};

const SJABLOON: &str = include_str!("teksten/README.md");

const OMSCHRIJVING: [(&str, &str); 7] = [
    ("hulpvragen.csv", "hulpvragen en trajecten (registratiesysteem)"),
    ("uren.csv", "urenregistratie per medewerker, dag, werksoort en inzet"),
    ("activiteiten.csv", "collectieve activiteiten in de wijken"),
    ("begroting.csv", "begrotingsregels per jaar"),
    ("realisatie.csv", "grootboekregels (financiële administratie)"),
    ("formatie.csv", "gerealiseerde fte per regel op 30-06 en 31-12"),
    (
        "contacten.csv",
        "contacten en korte interventies buiten de hulpvragen (optioneel)",
    ),
];

/// Builds `README.md`.
pub(crate) fn bestand(
    ctx: &Ctx,
    _g: &Gegenereerd,
    cijfers: &Cijfers,
    afwijkingen: &[Afwijking],
    bestanden: &[Bestand],
) -> Result<Bestand> {
    let mut w: BTreeMap<String, String> = BTreeMap::new();
    w.insert("seed".into(), ctx.seed.to_string());
    w.insert("schaal".into(), schaal_tekst(ctx.schaal).replace(',', "."));

    // Files.
    let mut t = String::from("| bestand | inhoud | rijen | grootte |\n| --- | --- | ---: | ---: |\n");
    for b in bestanden {
        let inhoud =
            OMSCHRIJVING
                .iter()
                .find(|o| o.0 == b.pad)
                .map(|o| o.1)
                .unwrap_or(if b.pad.starts_with("toelichting/") {
                    "toelichting"
                } else {
                    ""
                });
        let rijen = b.rijen.map(|r| duizendtallen(r as u64)).unwrap_or_default();
        t.push_str(&format!(
            "| `{}` | {inhoud} | {rijen} | {} |\n",
            b.pad,
            grootte(b.bytes.len())
        ));
    }
    w.insert("bestanden_tabel".into(), t.trim_end().to_string());

    // Indexation per year, from the agreement.
    let indexatie: Vec<String> = ctx
        .afspraken
        .jaren
        .iter()
        .filter(|(j, _)| ctx.indexatie.contains_key(j))
        .map(|(j, a)| format!("{j}: {}%", a.begroting.indexatie_pct.to_string().replace('.', ",")))
        .collect();
    w.insert("indexatie".into(), indexatie.join(", "));
    let totalen: Vec<String> = ctx
        .indexatie
        .keys()
        .map(|j| {
            let get = |k: &str| cijfers.waarden.get(&format!("{k}@{j}")).cloned().unwrap_or_default();
            format!(
                "{j} {} tegen {} ({})",
                get("begroting"),
                get("realisatie"),
                get("verschil_pct")
            )
        })
        .collect();
    w.insert("begroting_totalen".into(), totalen.join("; "));

    // Norms not met per period.
    let mut t = String::from("| periode | niet gehaald |\n| --- | --- |\n");
    for p in Periode::alle() {
        let mis = &cijfers.niet_gehaald[&p.code];
        let tekst = if mis.is_empty() {
            "alle normen gehaald".to_string()
        } else {
            mis.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", ")
        };
        t.push_str(&format!("| {} | {tekst} |\n", p.code));
    }
    w.insert("normen_tabel".into(), t.trim_end().to_string());

    // Material variances per half year.
    let mut t = String::from("| halfjaar | regels met analyse vereist |\n| --- | --- |\n");
    for ((jaar, half), regels) in &cijfers.materieel {
        let lijst: Vec<String> = regels
            .iter()
            .map(|r| {
                let k = format!("{r}@{jaar}-H{half}");
                let get = |x: &str| cijfers.waarden.get(&format!("{k}#{x}")).cloned().unwrap_or_default();
                format!("`{r}` {} ({})", get("verschil"), get("pct"))
            })
            .collect();
        t.push_str(&format!("| {jaar}-H{half} | {} |\n", lijst.join(", ")));
    }
    w.insert("financieel_tabel".into(), t.trim_end().to_string());

    // Missing analyses in the periods that have a toelichting.
    let mut t = String::new();
    for b in bestanden.iter().filter(|b| b.pad.ends_with("/analyses.csv")) {
        let periode = b
            .pad
            .trim_start_matches("toelichting/")
            .trim_end_matches("/analyses.csv");
        let tekst = String::from_utf8_lossy(&b.bytes);
        let sleutels: BTreeSet<&str> = tekst
            .trim_start_matches('\u{feff}')
            .lines()
            .skip(1)
            .filter_map(|l| l.split(';').next())
            .collect();
        let aanwezig: Vec<String> = sleutels.iter().map(|n| format!("`{n}`")).collect();
        if crate::demo::is_maandcode(periode) {
            // The generator does not work out what a month requires (every wachtlijst above
            // zero and every norm not met); the maandrapportage itself shows what is missing.
            t.push_str(&format!(
                "- {periode} (maandrapportage): analyse aanwezig voor {}; wat verder ontbreekt, toont de maandrapportage.\n",
                aanwezig.join(", ")
            ));
            continue;
        }
        let mut nodig: Vec<String> = cijfers
            .niet_gehaald
            .get(periode)
            .into_iter()
            .flatten()
            .map(|s| s.to_string())
            .collect();
        if let Some((j, h)) = periode.split_once("-H")
            && let (Ok(j), Ok(h)) = (j.parse::<i32>(), h.parse::<u32>())
        {
            nodig.extend(
                cijfers
                    .materieel
                    .get(&(j, h))
                    .into_iter()
                    .flatten()
                    .map(|s| s.to_string()),
            );
        }
        let ontbreekt: Vec<String> = nodig
            .iter()
            .filter(|n| !sleutels.contains(n.as_str()))
            .map(|n| format!("`{n}`"))
            .collect();
        t.push_str(&format!(
            "- {periode}: analyse aanwezig voor {}; ontbreekt voor {}.\n",
            aanwezig.join(", "),
            if ontbreekt.is_empty() {
                "niets".to_string()
            } else {
                ontbreekt.join(", ")
            }
        ));
    }
    w.insert("ontbrekende_analyses".into(), t.trim_end().to_string());

    // Deliberate bad rows.
    let mut t = String::from("| bestand | regel | kolom | verwachte melding |\n| --- | ---: | --- | --- |\n");
    for a in afwijkingen {
        let soort = if a.waarschuwing { "waarschuwing: " } else { "" };
        let kolom = if a.kolom.is_empty() {
            "–".to_string()
        } else {
            format!("`{}`", a.kolom)
        };
        t.push_str(&format!(
            "| `{}` | {} | {kolom} | {soort}{} |\n",
            a.bestand, a.regel, a.reden
        ));
    }
    w.insert("afwijkingen_tabel".into(), t.trim_end().to_string());

    Ok(Bestand::tekst("README.md", vul_in(&w, SJABLOON, "README.md")?))
}
