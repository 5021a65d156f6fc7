//! The section "Wat het werk opleverde" (revision 3) of the kwartaal document: the aanmeldingen
//! per categorie per werksoort, the cursussen en groepen with their mean number of deelnemers,
//! the burgerinitiatieven, and the contacts per soort with the two success rates (or "niet
//! aangeleverd"). Presentation only; every figure is a field of the model.

use super::document::{Blok, Kolom, Rij, Sectie, Tabel, Toon};
use super::tekst;
use crate::domein::codes::{CONTACT_SOORTEN, contactsoort_label};
use crate::domein::format;
use crate::domein::indicator::Indicator;
use crate::domein::outputs::Outputcijfers;

fn eerste_hoofdletter(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// The section for the quarterly report.
pub fn sectie(o: &Outputcijfers, periode: &str) -> Sectie {
    let mut blokken = Vec::new();
    let mut kolommen = vec![Kolom::links("Categorie")];
    kolommen.extend(o.categorieen.iter().map(|w| Kolom::rechts(w.werksoort.clone())));
    let mut rijen: Vec<Rij> = o
        .categorieen
        .first()
        .map(|w| w.categorieen.iter().map(|c| c.naam.clone()).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .enumerate()
        .map(|(k, naam)| {
            let mut cellen = vec![naam];
            cellen.extend(o.categorieen.iter().map(|w| format::aantal(w.categorieen[k].aantal)));
            Rij::new(cellen)
        })
        .collect();
    let mut totaal = vec!["Totaal".to_string()];
    totaal.extend(o.categorieen.iter().map(|w| format::aantal(w.totaal)));
    rijen.push(Rij::new(totaal));
    let mut t = Tabel::new(kolommen, rijen);
    t.titel = Some(format!("Aanmeldingen per categorie, {periode}"));
    t.samenvatting = Some("De aard van de hulpvragen: aanmeldingen in de periode per categorie en werksoort.".into());
    blokken.push(Blok::Tabel(t));

    let act = |id: &str| o.indicator(id);
    let rijen: Vec<Rij> = o
        .categorieen
        .iter()
        .map(|w| {
            let n = act(&format!("{}.cursussen_groepen", w.werksoort));
            let g = act(&format!("{}.deelnemers_gemiddeld", w.werksoort));
            Rij::new([
                w.naam.clone(),
                n.map_or_else(|| "–".into(), |i| tekst::waarde(i.eenheid, i.waarde)),
                g.map_or_else(|| "–".into(), |i| tekst::waarde(i.eenheid, i.waarde)),
            ])
        })
        .collect();
    let mut t = Tabel::new(
        vec![
            Kolom::links("Werksoort"),
            Kolom::rechts("Cursussen en groepen"),
            Kolom::rechts("Gemiddeld aantal deelnemers"),
        ],
        rijen,
    );
    t.titel = Some(format!("Cursussen en groepen, {periode}"));
    t.samenvatting = Some(
        "Per werksoort de cursussen en groepen die in de periode liepen en hun gemiddelde aantal deelnemers.".into(),
    );
    t.voetnoten = vec!["– : geen cursussen of groepen met een aantal deelnemers.".into()];
    blokken.push(Blok::Tabel(t));
    let bi = act("CSW.burgerinitiatieven").and_then(|i| i.waarde);
    let nieuw = act("CSW.burgerinitiatieven_nieuw").and_then(|i| i.waarde);
    if let (Some(bi), Some(nieuw)) = (bi, nieuw) {
        blokken.push(Blok::alinea(format!(
            "Ondersteunde burgerinitiatieven: {}, waarvan {} nieuw in deze periode.",
            format::decimaal(bi, 0),
            format::decimaal(nieuw, 0)
        )));
    }

    if !o.contacten_aangeleverd {
        blokken.push(Blok::melding(
            Toon::Neutraal,
            "Contacten en korte interventies (korte contacten, spreekuur, buurtbemiddeling, \
             vrijwilligerskoppelingen en andere): niet aangeleverd.",
        ));
        return Sectie::new("Wat het werk opleverde", blokken);
    }
    let mut kolommen = vec![Kolom::links("Soort contact")];
    kolommen.extend(o.categorieen.iter().map(|w| Kolom::rechts(w.werksoort.clone())));
    let rijen: Vec<Rij> = CONTACT_SOORTEN
        .iter()
        .map(|soort| {
            let mut cellen = vec![eerste_hoofdletter(contactsoort_label(soort))];
            cellen.extend(o.categorieen.iter().map(|w| {
                act(&format!("{}.contacten.{soort}", w.werksoort))
                    .map_or_else(|| "–".into(), |i| tekst::waarde(i.eenheid, i.waarde))
            }));
            Rij::new(cellen)
        })
        .collect();
    let mut t = Tabel::new(kolommen, rijen);
    t.titel = Some(format!("Contacten en korte interventies, {periode}"));
    t.samenvatting = Some("Contacten die geen hulpvraag zijn, per soort en werksoort.".into());
    blokken.push(Blok::Tabel(t));
    let fracties: Vec<&Indicator> = o.contacten.iter().filter(|i| i.norm.is_some()).collect();
    for i in fracties {
        blokken.push(Blok::alinea(format!(
            "{}: {} (norm {}), {}.",
            i.naam,
            tekst::waarde_met_breuk(i),
            tekst::norm(i.eenheid, i.norm.as_ref()),
            i.status.label()
        )));
    }
    Sectie::new("Wat het werk opleverde", blokken)
}
