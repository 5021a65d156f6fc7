//! Plain-text output for the terminal: the data-quality summary that `domeinrapport check`
//! prints. No colours, columns aligned with spaces, Dutch numbers (`12.345`).

use std::fmt::Write;

use crate::domein::format;
use crate::domein::kwaliteit::Datakwaliteit;

fn fmt_aantal(n: usize) -> String {
    format::aantal(n as i64)
}

/// Width of `s` in characters (every character of our texts is one column wide).
fn breedte(s: &str) -> usize {
    s.chars().count()
}

/// Writes `rijen` as a table: the first row is the header; columns flagged in `rechts` are
/// right-aligned. Every line is indented by `inspring` spaces; no trailing spaces.
fn tabel(uit: &mut String, inspring: usize, rijen: &[Vec<String>], rechts: &[bool]) {
    let n = rijen.iter().map(Vec::len).max().unwrap_or(0);
    let breedtes: Vec<usize> = (0..n)
        .map(|j| {
            rijen
                .iter()
                .filter_map(|r| r.get(j))
                .map(|c| breedte(c))
                .max()
                .unwrap_or(0)
        })
        .collect();
    for rij in rijen {
        let mut regel = " ".repeat(inspring);
        for (j, cel) in rij.iter().enumerate() {
            if j > 0 {
                regel.push_str("  ");
            }
            let vul = " ".repeat(breedtes[j] - breedte(cel));
            if rechts.get(j).copied().unwrap_or(false) {
                regel.push_str(&vul);
                regel.push_str(cel);
            } else {
                regel.push_str(cel);
                regel.push_str(&vul);
            }
        }
        uit.push_str(regel.trim_end());
        uit.push('\n');
    }
}

/// The readable Dutch summary of a data-quality account: a table per file (bestand, gelezen,
/// geaccepteerd, afgekeurd, with a total row when there is more than one file), the reasons of
/// rejection grouped per file with their counts and example lines, and the warnings. Counts
/// have thousands separators; line numbers do not (they are looked up, not read as amounts).
pub fn datakwaliteit_tekst(k: &Datakwaliteit) -> String {
    let mut uit = String::new();
    uit.push_str("Datakwaliteit\n\n");

    // Row accounting.
    let mut rijen = vec![vec![
        "bestand".to_string(),
        "gelezen".to_string(),
        "geaccepteerd".to_string(),
        "afgekeurd".to_string(),
    ]];
    for b in &k.bestanden {
        rijen.push(vec![
            b.pad.clone(),
            fmt_aantal(b.gelezen),
            fmt_aantal(b.geaccepteerd),
            fmt_aantal(b.afgekeurd),
        ]);
    }
    if k.bestanden.len() > 1 {
        let t = k.totalen();
        rijen.push(vec![
            "totaal".to_string(),
            fmt_aantal(t.gelezen),
            fmt_aantal(t.geaccepteerd),
            fmt_aantal(t.afgekeurd),
        ]);
    }
    if k.bestanden.is_empty() {
        uit.push_str("Geen bestanden gelezen.\n");
    } else {
        tabel(&mut uit, 0, &rijen, &[false, true, true, true]);
    }

    // Reasons, per file.
    uit.push('\n');
    let met_afkeuringen: Vec<_> = k.bestanden.iter().filter(|b| !b.redenen.is_empty()).collect();
    if met_afkeuringen.is_empty() {
        uit.push_str("Afgekeurde regels: geen.\n");
    } else {
        uit.push_str("Afgekeurde regels per reden\n");
        for b in met_afkeuringen {
            let _ = writeln!(uit, "\n  {} ({} afgekeurd)", b.pad, fmt_aantal(b.afgekeurd));
            let mut rijen = vec![vec![
                "kolom".to_string(),
                "reden".to_string(),
                "aantal".to_string(),
                "voorbeeldregels".to_string(),
            ]];
            for r in &b.redenen {
                let mut voorbeelden: Vec<String> = r.voorbeeldregels.iter().map(|n| n.to_string()).collect();
                if r.aantal > r.voorbeeldregels.len() {
                    voorbeelden.push("…".to_string());
                }
                rijen.push(vec![
                    if r.kolom.is_empty() {
                        "(hele regel)".to_string()
                    } else {
                        r.kolom.clone()
                    },
                    r.reden.clone(),
                    fmt_aantal(r.aantal),
                    voorbeelden.join(", "),
                ]);
            }
            tabel(&mut uit, 4, &rijen, &[false, false, true, false]);
        }
    }

    // Warnings.
    uit.push('\n');
    if k.waarschuwingen.is_empty() {
        uit.push_str("Waarschuwingen: geen.\n");
    } else {
        let _ = writeln!(uit, "Waarschuwingen ({})", fmt_aantal(k.waarschuwingen.len()));
        for w in &k.waarschuwingen {
            match w.regel {
                Some(r) => {
                    let _ = writeln!(uit, "  - {}, regel {r}: {}", w.bestand, w.melding);
                }
                None => {
                    let _ = writeln!(uit, "  - {}: {}", w.bestand, w.melding);
                }
            }
        }
    }
    uit
}

/// The run summary's line on rejected rows: one total over every file the run read, split per
/// file (the files with rejected rows, in reading order), and per deliverable the count its own
/// data-quality section shows. A deliverable counts only the rows of its own input files, so
/// the kwartaal PDF says 22 and the financial one 4 where the run rejected 26; the line says so.
///
/// `per_rapport`: (deliverable, period, rejected rows of its input files), in the order made.
/// The period is named only when a deliverable was made for more than one period (a scheduled
/// run catching up): `kwartaal (2024-Q1) 22, kwartaal (2024-Q2) 22`.
pub fn afgekeurd_samenvatting(k: &Datakwaliteit, per_rapport: &[(&str, String, usize)]) -> String {
    let totaal = k.totaal_afgekeurd();
    if totaal == 0 {
        return "Afgekeurde invoerregels: geen".to_string();
    }
    let per_bestand: Vec<String> = k
        .bestanden
        .iter()
        .filter(|b| b.afgekeurd > 0)
        .map(|b| format!("{} {}", b.pad, fmt_aantal(b.afgekeurd)))
        .collect();
    let mut uit = format!(
        "Afgekeurde invoerregels: {} ({})",
        fmt_aantal(totaal),
        per_bestand.join(", ")
    );
    if !per_rapport.is_empty() {
        let meer_perioden = per_rapport
            .iter()
            .any(|(s, p, _)| per_rapport.iter().any(|(s2, p2, _)| s2 == s && p2 != p));
        let rapporten: Vec<String> = per_rapport
            .iter()
            .map(|(soort, periode, n)| {
                if meer_perioden {
                    format!("{soort} ({periode}) {}", fmt_aantal(*n))
                } else {
                    format!("{soort} {}", fmt_aantal(*n))
                }
            })
            .collect();
        let _ = write!(
            uit,
            "; per rapport (alleen de regels van zijn eigen invoerbestanden): {}",
            rapporten.join(", ")
        );
    }
    uit.push_str(" – zie afgekeurde-rijen.csv");
    uit
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domein::kwaliteit::{Afkeuring, Bestandskwaliteit, Waarschuwing};

    #[test]
    fn summary_is_aligned_and_dutch() {
        let af = |regel, kolom: &str, soort: &str| Afkeuring::new("hulpvragen.csv", regel, kolom, "", soort, soort);
        let mut afk: Vec<Afkeuring> = (0..7)
            .map(|i| af(1_000 + i, "afgesloten", "ligt vóór aanmelddatum"))
            .collect();
        afk.push(af(3, "", "verkeerd aantal velden"));
        let k = Datakwaliteit {
            bestanden: vec![
                Bestandskwaliteit::new("hulpvragen.csv", 12_345, &afk),
                Bestandskwaliteit::new("uren.csv", 1_000_000, &[]),
            ],
            afkeuringen: afk,
            waarschuwingen: vec![
                Waarschuwing::new(
                    "realisatie.csv",
                    Some(1),
                    "extra_kolommen",
                    "extra kolom genegeerd: 'x'",
                ),
                Waarschuwing::new("realisatie.csv", Some(12_345), "mogelijk_dubbele_boeking", "dubbel"),
                Waarschuwing::new("formatie.csv", None, "leeg_bestand", "leeg"),
            ],
        };
        let t = datakwaliteit_tekst(&k);
        let verwacht = "\
Datakwaliteit

bestand           gelezen  geaccepteerd  afgekeurd
hulpvragen.csv     12.345        12.337          8
uren.csv        1.000.000     1.000.000          0
totaal          1.012.345     1.012.337          8

Afgekeurde regels per reden

  hulpvragen.csv (8 afgekeurd)
    kolom         reden                   aantal  voorbeeldregels
    afgesloten    ligt vóór aanmelddatum       7  1000, 1001, 1002, 1003, 1004, …
    (hele regel)  verkeerd aantal velden       1  3

Waarschuwingen (3)
  - realisatie.csv, regel 1: extra kolom genegeerd: 'x'
  - realisatie.csv, regel 12345: dubbel
  - formatie.csv: leeg
";
        assert_eq!(t, verwacht);
    }

    #[test]
    fn empty_account() {
        let t = datakwaliteit_tekst(&Datakwaliteit::default());
        assert_eq!(
            t,
            "Datakwaliteit\n\nGeen bestanden gelezen.\n\nAfgekeurde regels: geen.\n\nWaarschuwingen: geen.\n"
        );
    }

    #[test]
    fn rejected_rows_line_gives_the_total_its_split_per_file_and_per_deliverable() {
        let af = |bestand: &str, regel| Afkeuring::new(bestand, regel, "werksoort", "X", "onbekend", "onbekend");
        let hv: Vec<Afkeuring> = (2..22).map(|r| af("hulpvragen.csv", r)).collect();
        let re: Vec<Afkeuring> = (2..8).map(|r| af("realisatie.csv", r)).collect();
        let k = Datakwaliteit {
            bestanden: vec![
                Bestandskwaliteit::new("hulpvragen.csv", 1_500, &hv),
                Bestandskwaliteit::new("uren.csv", 30_000, &[]),
                Bestandskwaliteit::new("realisatie.csv", 15_000, &re),
            ],
            afkeuringen: hv.into_iter().chain(re).collect(),
            waarschuwingen: vec![],
        };
        let per_rapport = [
            ("kwartaal", "2024-Q2".to_string(), 20),
            ("financieel", "2024-H1".to_string(), 6),
        ];
        assert_eq!(
            afgekeurd_samenvatting(&k, &per_rapport),
            "Afgekeurde invoerregels: 26 (hulpvragen.csv 20, realisatie.csv 6); per rapport (alleen de regels van \
             zijn eigen invoerbestanden): kwartaal 20, financieel 6 – zie afgekeurde-rijen.csv"
        );
        // Nothing made (everything up to date): the total and its split only.
        assert_eq!(
            afgekeurd_samenvatting(&k, &[]),
            "Afgekeurde invoerregels: 26 (hulpvragen.csv 20, realisatie.csv 6) – zie afgekeurde-rijen.csv"
        );
        // Thousands separators.
        let veel: Vec<Afkeuring> = (2..1_236).map(|r| af("uren.csv", r)).collect();
        let k = Datakwaliteit {
            bestanden: vec![Bestandskwaliteit::new("uren.csv", 30_000, &veel)],
            afkeuringen: veel,
            waarschuwingen: vec![],
        };
        assert_eq!(
            afgekeurd_samenvatting(&k, &[("raad", "2024".to_string(), 1_234)]),
            "Afgekeurde invoerregels: 1.234 (uren.csv 1.234); per rapport (alleen de regels van zijn eigen \
             invoerbestanden): raad 1.234 – zie afgekeurde-rijen.csv"
        );
        // A deliverable made for two periods (a scheduled run catching up): every period named.
        assert_eq!(
            afgekeurd_samenvatting(
                &k,
                &[
                    ("kwartaal", "2024-Q1".to_string(), 1_234),
                    ("kwartaal", "2024-Q2".to_string(), 1_234),
                    ("raad", "2024".to_string(), 1_234),
                ]
            ),
            "Afgekeurde invoerregels: 1.234 (uren.csv 1.234); per rapport (alleen de regels van zijn eigen \
             invoerbestanden): kwartaal (2024-Q1) 1.234, kwartaal (2024-Q2) 1.234, raad (2024) 1.234 – zie \
             afgekeurde-rijen.csv"
        );
        assert_eq!(
            afgekeurd_samenvatting(&Datakwaliteit::default(), &per_rapport),
            "Afgekeurde invoerregels: geen"
        );
    }
}
