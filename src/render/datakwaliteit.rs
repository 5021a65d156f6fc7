//! The data-quality blocks every report shows: rows read / accepted / rejected per input file,
//! the reasons for rejection and the warnings. One builder, so the reports agree.

use super::document::{Blok, Cel, Kolom, Rij, RijSoort, Tabel, Toon};
use crate::domein::format;
use crate::domein::kwaliteit::Datakwaliteit;

fn aantal(n: usize) -> String {
    format::aantal(n as i64)
}

/// Rows read, accepted and rejected per file, with a total row.
pub fn bestanden_tabel(k: &Datakwaliteit) -> Tabel {
    let mut rijen: Vec<Rij> = k
        .bestanden
        .iter()
        .map(|b| {
            Rij::van(
                RijSoort::Gewoon,
                vec![
                    Cel::new(&b.pad),
                    Cel::new(aantal(b.gelezen)),
                    Cel::new(aantal(b.geaccepteerd)),
                    if b.afgekeurd > 0 {
                        Cel::met_toon(aantal(b.afgekeurd), Toon::LetOp)
                    } else {
                        Cel::new("0")
                    },
                ],
            )
        })
        .collect();
    let t = k.totalen();
    rijen.push(Rij::van(
        RijSoort::Totaal,
        vec![
            Cel::vet("Totaal"),
            Cel::vet(aantal(t.gelezen)),
            Cel::vet(aantal(t.geaccepteerd)),
            Cel::vet(aantal(t.afgekeurd)),
        ],
    ));
    let mut tabel = Tabel::new(
        vec![
            Kolom::links("Bestand").breedte(3.5),
            Kolom::rechts("Gelezen").breedte(1.2),
            Kolom::rechts("Geaccepteerd").breedte(1.2),
            Kolom::rechts("Afgekeurd").breedte(1.2),
        ],
        rijen,
    );
    tabel.titel = Some("Ingelezen regels per bestand".into());
    tabel.samenvatting = Some("Per invoerbestand het aantal gelezen, geaccepteerde en afgekeurde regels.".into());
    tabel
}

/// The reasons for rejection grouped per file and column, with example lines; `None` when
/// nothing was rejected.
pub fn redenen_tabel(k: &Datakwaliteit) -> Option<Tabel> {
    let rijen: Vec<Rij> = k
        .bestanden
        .iter()
        .flat_map(|b| {
            b.redenen.iter().map(move |r| {
                Rij::new([
                    b.pad.clone(),
                    if r.kolom.is_empty() {
                        "(hele regel)".to_string()
                    } else {
                        r.kolom.clone()
                    },
                    r.reden.clone(),
                    aantal(r.aantal),
                    r.voorbeeldregels
                        .iter()
                        .map(|n| n.to_string())
                        .collect::<Vec<_>>()
                        .join(", "),
                ])
            })
        })
        .collect();
    if rijen.is_empty() {
        return None;
    }
    let mut t = Tabel::new(
        vec![
            Kolom::links("Bestand").breedte(1.9),
            Kolom::links("Kolom").breedte(2.6),
            Kolom::links("Reden").breedte(3.0),
            Kolom::rechts("Aantal").breedte(0.8),
            Kolom::links("Regels (voorbeelden)").breedte(1.6),
        ],
        rijen,
    );
    t.titel = Some("Redenen van afkeuring".into());
    Some(t)
}

/// The warnings as a heading (at `niveau`) and a list; nothing when there are none.
pub fn waarschuwingen(k: &Datakwaliteit, niveau: u8) -> Vec<Blok> {
    if k.waarschuwingen.is_empty() {
        return Vec::new();
    }
    vec![
        Blok::Kop {
            niveau,
            tekst: "Waarschuwingen".into(),
        },
        Blok::opsomming(k.waarschuwingen.iter().map(|w| match w.regel {
            Some(r) => format!("{}, regel {r}: {}", w.bestand, w.melding),
            None => format!("{}: {}", w.bestand, w.melding),
        })),
    ]
}

/// The three blocks together: files table, reasons (if any), warnings (if any).
pub fn blokken(k: &Datakwaliteit, niveau: u8) -> Vec<Blok> {
    let mut v = vec![Blok::Tabel(bestanden_tabel(k))];
    v.extend(redenen_tabel(k).map(Blok::Tabel));
    v.extend(waarschuwingen(k, niveau));
    v
}
