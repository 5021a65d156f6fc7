//! The outputs of seed 003 (catalogue section "Outputs of seed 003", revision 3): what the work
//! produced beside the norms. The aanmeldingen per categorie per werksoort ("de aard van de
//! casussen"), the activity figures (cursussen en groepen with their mean number of deelnemers,
//! burgerinitiatieven and the new ones) and, when contacten.csv is delivered, the contacts per
//! werksoort and soort and the two success rates with their norms.
//!
//! Conventions as in the engine: "running in P" is start ≤ peildatum and (no einde or einde ≥
//! period start); a contact counts in P by its datum; the two fractions are cohorts of the
//! contacts dated in P with resultaat `positief` or `negatief` (a `lopend` one, or one without
//! resultaat, is not finished and stays out). The contacts have no Proeftuin mark, so nothing is
//! left out for the Proeftuin.

use std::collections::HashMap;

use polars::prelude::*;

use super::Indicator;
use super::bron::{Bron, dag};
use super::catalogus::{self, CONTACT_SOORTEN, WERKSOORTEN};
use super::engine::{Meting, fractie, in_p, loopt, maak, ws_is};
use crate::afspraken::Afspraken;
use crate::domein::codes::categorie_label;
use crate::period::Tijdvak;

pub use crate::domein::outputs::{CategorieWerksoort, Categorietelling, Outputcijfers};

fn maak_id(id: &str, meting: Meting, afspraken: &Afspraken, tv: Tijdvak) -> Indicator {
    let def = catalogus::zoek(id).unwrap_or_else(|| panic!("output id in the catalogue: {id}"));
    maak(def, meting, afspraken, tv)
}

fn i64_van(df: &DataFrame, c: &str) -> PolarsResult<i64> {
    Ok(df.column(c)?.cast(&DataType::Int64)?.i64()?.get(0).unwrap_or(0))
}

/// The output figures for the tijdvak.
pub fn bereken(bron: &Bron, afspraken: &Afspraken, tv: Tijdvak) -> PolarsResult<Outputcijfers> {
    let (s, e) = (dag(tv.start), dag(tv.peildatum));
    let naam = |ws: &str| {
        afspraken
            .werksoort(ws)
            .map_or_else(|| ws.to_string(), |w| w.naam.clone())
    };

    // Aanmeldingen per (werksoort, categorie), Proeftuin included (X.aanmeldingen has no norm).
    let per = bron
        .hv
        .clone()
        .lazy()
        .filter(in_p("aanm", s, e))
        .group_by([col("ws"), col("cat")])
        .agg([len().alias("n")])
        .collect()?;
    let n = per.column("n")?.cast(&DataType::Int64)?;
    let mut tel: HashMap<(String, String), i64> = HashMap::new();
    for ((ws, cat), n) in per
        .column("ws")?
        .str()?
        .iter()
        .zip(per.column("cat")?.str()?.iter())
        .zip(n.i64()?.iter())
    {
        if let (Some(ws), Some(cat)) = (ws, cat) {
            *tel.entry((ws.to_string(), cat.to_string())).or_default() += n.unwrap_or(0);
        }
    }
    let categorieen = WERKSOORTEN
        .iter()
        .map(|ws| {
            let cellen: Vec<Categorietelling> = afspraken
                .categorieen
                .iter()
                .map(|c| Categorietelling {
                    categorie: c.clone(),
                    naam: categorie_label(c),
                    aantal: tel.get(&(ws.to_string(), c.clone())).copied().unwrap_or(0),
                })
                .collect();
            CategorieWerksoort {
                werksoort: ws.to_string(),
                naam: naam(ws),
                totaal: cellen.iter().map(|c| c.aantal).sum(),
                categorieen: cellen,
            }
        })
        .collect();

    // Activities.
    let mut activiteiten = Vec::new();
    for ws in WERKSOORTEN {
        let df = bron
            .act
            .clone()
            .lazy()
            .filter(
                ws_is(&[ws])
                    .and(col("soort").eq(lit("cursus")).or(col("soort").eq(lit("groep"))))
                    .and(loopt(s, e)),
            )
            .select([
                len().alias("n"),
                col("deelnemers").count().alias("met"),
                col("deelnemers").sum().alias("som"),
            ])
            .collect()?;
        let (aantal, met, som) = (i64_van(&df, "n")?, i64_van(&df, "met")?, i64_van(&df, "som")?);
        activiteiten.push(maak_id(
            &format!("{ws}.cursussen_groepen"),
            Meting::Aantal(aantal),
            afspraken,
            tv,
        ));
        let gemiddeld = (met > 0).then(|| rust_decimal::Decimal::from(som) / rust_decimal::Decimal::from(met));
        activiteiten.push(maak_id(
            &format!("{ws}.deelnemers_gemiddeld"),
            Meting::Statistiek(gemiddeld),
            afspraken,
            tv,
        ));
    }
    let bi = bron
        .act
        .clone()
        .lazy()
        .filter(col("door").fill_null(lit(false)).and(loopt(s, e)))
        .select([
            len().alias("n"),
            in_p("start", s, e).cast(DataType::Int64).sum().alias("nieuw"),
        ])
        .collect()?;
    activiteiten.push(maak_id(
        "CSW.burgerinitiatieven",
        Meting::Aantal(i64_van(&bi, "n")?),
        afspraken,
        tv,
    ));
    activiteiten.push(maak_id(
        "CSW.burgerinitiatieven_nieuw",
        Meting::Aantal(i64_van(&bi, "nieuw")?),
        afspraken,
        tv,
    ));

    let (contacten_aangeleverd, contacten) = contactcijfers(bron, afspraken, tv)?;
    Ok(Outputcijfers {
        categorieen,
        activiteiten,
        contacten_aangeleverd,
        contacten,
    })
}

/// Whether contacten.csv was delivered, and the contact figures of the tijdvak in report order
/// (see [`contact_ids`]): measured when it was, else each `niet_aangeleverd`.
fn contactcijfers(bron: &Bron, afspraken: &Afspraken, tv: Tijdvak) -> PolarsResult<(bool, Vec<Indicator>)> {
    let (s, e) = (dag(tv.start), dag(tv.peildatum));
    let mut contacten = Vec::new();
    let Some(con) = &bron.con else {
        return Ok((false, niet_aangeleverd(afspraken, tv)));
    };
    {
        // The contacts of the tijdvak, taken out once: the counts below filter these few rows
        // instead of testing every contact of every year again.
        let in_periode = con.clone().lazy().filter(in_p("dag", s, e)).collect()?.lazy();
        let per = in_periode
            .clone()
            .group_by([col("ws"), col("soort")])
            .agg([len().alias("n")])
            .collect()?;
        let n = per.column("n")?.cast(&DataType::Int64)?;
        let mut tel: HashMap<(String, String), i64> = HashMap::new();
        for ((ws, soort), n) in per
            .column("ws")?
            .str()?
            .iter()
            .zip(per.column("soort")?.str()?.iter())
            .zip(n.i64()?.iter())
        {
            if let (Some(ws), Some(soort)) = (ws, soort) {
                *tel.entry((ws.to_string(), soort.to_string())).or_default() += n.unwrap_or(0);
            }
        }
        for ws in WERKSOORTEN {
            for soort in CONTACT_SOORTEN {
                let n = tel.get(&(ws.to_string(), soort.to_string())).copied().unwrap_or(0);
                contacten.push(maak_id(
                    &format!("{ws}.contacten.{soort}"),
                    Meting::Aantal(n),
                    afspraken,
                    tv,
                ));
            }
        }
        for (id, soort) in FRACTIES {
            let df = in_periode
                .clone()
                .filter(
                    col("soort")
                        .eq(lit(soort))
                        .and(col("res").eq(lit("positief")).or(col("res").eq(lit("negatief"))))
                        .fill_null(lit(false)),
                )
                .select([
                    len().alias("noemer"),
                    col("res")
                        .eq(lit("positief"))
                        .cast(DataType::Int64)
                        .sum()
                        .alias("teller"),
                ])
                .collect()?;
            contacten.push(maak_id(
                id,
                fractie(i64_van(&df, "teller")?, i64_van(&df, "noemer")?),
                afspraken,
                tv,
            ));
        }
    }

    Ok((true, contacten))
}

/// The ids of the contact figures in report order: `X.contacten.<soort>` for every werksoort
/// and soort, then the two success rates.
fn contact_ids() -> Vec<String> {
    WERKSOORTEN
        .iter()
        .flat_map(|ws| {
            CONTACT_SOORTEN
                .iter()
                .map(move |soort| format!("{ws}.contacten.{soort}"))
        })
        .chain(FRACTIES.iter().map(|(id, _)| id.to_string()))
        .collect()
}

/// The two normed fractions and the contact soort of their cohort.
const FRACTIES: [(&str, &str); 2] = [
    ("CSW.buurtbemiddeling_positief", "buurtbemiddeling"),
    ("CSW.koppeling_succesvol", "vrijwilligerskoppeling"),
];

/// Every contact figure when contacten.csv was not delivered (data-contract: "the reports leave
/// these figures out and say 'niet aangeleverd'"): no teller, noemer or waarde, status
/// `niet_aangeleverd`; the norms of the two fractions stay, so a reader sees what could not be
/// judged. Nothing is measured, so this status wins over `nvt` too.
fn niet_aangeleverd(afspraken: &Afspraken, tv: Tijdvak) -> Vec<Indicator> {
    contact_ids()
        .iter()
        .map(|id| {
            let mut i = maak_id(id, Meting::Statistiek(None), afspraken, tv);
            i.status = super::Status::NietAangeleverd;
            i
        })
        .collect()
}

/// The two normed output fractions (`CSW.buurtbemiddeling_positief`, `CSW.koppeling_succesvol`)
/// of the tijdvak, `niet_aangeleverd` when contacten.csv was not delivered: the quarterly report
/// adds them to its indicators so the summary shows them with their norms.
pub fn genormeerde(bron: &Bron, afspraken: &Afspraken, tv: Tijdvak) -> PolarsResult<Vec<Indicator>> {
    // Only the contact figures, not the categories and activities the report does not take.
    let (_, contacten) = contactcijfers(bron, afspraken, tv)?;
    Ok(contacten.into_iter().filter(|i| i.norm.is_some()).collect())
}

/// `X.afgesloten` of the tijdvak per werksoort (for `X.kosten_per_afgesloten`).
pub fn afgesloten(bron: &Bron, afspraken: &Afspraken, tv: Tijdvak) -> PolarsResult<HashMap<String, i64>> {
    Ok(super::bereken(bron, afspraken, tv)?
        .into_iter()
        .filter(|i| i.id.ends_with(".afgesloten"))
        .filter_map(|i| {
            let n = i.waarde.and_then(|w| i64::try_from(w).ok())?;
            Some((i.werksoort, n))
        })
        .collect())
}

#[cfg(test)]
mod tests;
