//! The data-quality account of a run: rows read / accepted / rejected per file, every rejected
//! row with its reason, and the warnings. Serialises to the `datakwaliteit` object of the JSON
//! exports; [`afgekeurde_rijen_csv`] writes the rejects file.
//!
//! No value that looks like a BSN ever gets in here: every `waarde`, `reden` and `melding` is
//! passed through [`super::bsn::maskeer`] when it is made.

use std::collections::BTreeMap;

use super::bsn::maskeer;
pub use crate::domein::kwaliteit::{
    Afkeuring, Bestandskwaliteit, Datakwaliteit, Redentelling, Regeltelling, Waarschuwing,
};

/// A rejected value longer than this many characters is cut short in the account (and so in the
/// rejects file and the reports): a 40.000-character text would not fit a spreadsheet cell.
pub const MAX_WAARDE_TEKENS: usize = 200;
/// The same for a reason or a warning's text (which may quote a value or a header).
pub const MAX_MELDING_TEKENS: usize = 1000;

/// `tekst` cut to `max` characters, with how long it was. Masked again after the cut: cutting
/// a longer run of digits can leave nine of them.
fn ingekort(tekst: &str, max: usize) -> String {
    if tekst.len() <= max {
        return tekst.to_string();
    }
    let n = tekst.chars().count();
    if n <= max {
        return tekst.to_string();
    }
    let begin: String = tekst.chars().take(max).collect();
    maskeer(&format!(
        "{begin}… (ingekort, {} tekens)",
        crate::domein::format::aantal(n as i64)
    ))
}

impl Afkeuring {
    /// A rejection; value and reason are masked, a very long value is cut short.
    pub fn new(bestand: &str, regel: usize, kolom: &str, waarde: &str, soort: &str, reden: &str) -> Self {
        Afkeuring {
            bestand: bestand.to_string(),
            regel,
            kolom: kolom.to_string(),
            waarde: ingekort(&maskeer(waarde), MAX_WAARDE_TEKENS),
            reden: ingekort(&maskeer(reden), MAX_MELDING_TEKENS),
            soort: soort.to_string(),
        }
    }
}

impl Waarschuwing {
    /// A warning; the text is masked.
    pub fn new(bestand: &str, regel: Option<usize>, soort: &str, melding: &str) -> Self {
        Waarschuwing {
            bestand: bestand.to_string(),
            regel,
            soort: soort.to_string(),
            melding: ingekort(&maskeer(melding), MAX_MELDING_TEKENS),
        }
    }
}

impl Bestandskwaliteit {
    /// The account of a file from its counts and its rejections (grouped here).
    pub fn new(pad: &str, gelezen: usize, afkeuringen: &[Afkeuring]) -> Self {
        let mut groepen: BTreeMap<(String, String), (usize, Vec<usize>)> = BTreeMap::new();
        for a in afkeuringen {
            let g = groepen.entry((a.kolom.clone(), a.soort.clone())).or_default();
            g.0 += 1;
            if g.1.len() < 5 {
                g.1.push(a.regel);
            }
        }
        let mut redenen: Vec<Redentelling> = groepen
            .into_iter()
            .map(|((kolom, reden), (aantal, voorbeeldregels))| Redentelling {
                kolom,
                reden,
                aantal,
                voorbeeldregels,
            })
            .collect();
        // Most frequent first; ties by first example line, so the order is deterministic.
        redenen.sort_by(|a, b| {
            b.aantal
                .cmp(&a.aantal)
                .then(a.voorbeeldregels.first().cmp(&b.voorbeeldregels.first()))
                .then(a.kolom.cmp(&b.kolom))
        });
        Bestandskwaliteit {
            pad: pad.to_string(),
            gelezen,
            geaccepteerd: gelezen - afkeuringen.len(),
            afgekeurd: afkeuringen.len(),
            redenen,
        }
    }
}

/// A cell for a CSV file a person opens in a spreadsheet program: a text starting with `=`, `+`,
/// `-`, `@`, a tab or a carriage return gets a leading `'`, so the program shows it as text
/// instead of running it as a formula (OWASP, "CSV Injection").
pub fn csv_cel(tekst: &str) -> std::borrow::Cow<'_, str> {
    if tekst.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{tekst}"))
    } else {
        std::borrow::Cow::Borrowed(tekst)
    }
}

/// The rejects file: `bestand;regel;kolom;waarde;reden`, UTF-8 with a byte order mark (so Dutch
/// Excel, which opens a `;`-separated file by double-click, reads "vóór" and not "vÃ³Ã³r"), RFC 4180 quoting
/// (a field with `;`, `"` or a line break is quoted), CRLF line ends, rows in the order of
/// [`Datakwaliteit::afkeuringen`] (by file, then line). A file with only the header when
/// nothing was rejected. Every text cell goes through [`csv_cel`]: a controller opens this file
/// in Excel, and a rejected value such as `=HYPERLINK(…)` must not become a formula.
pub fn afgekeurde_rijen_csv(k: &Datakwaliteit) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(Vec::new());
    let schrijf = |w: &mut csv::Writer<Vec<u8>>, rij: [&str; 5]| {
        w.write_record(rij).expect("writing to memory cannot fail");
    };
    schrijf(&mut w, ["bestand", "regel", "kolom", "waarde", "reden"]);
    for a in &k.afkeuringen {
        let regel = a.regel.to_string();
        schrijf(
            &mut w,
            [
                &csv_cel(&a.bestand),
                &regel,
                &csv_cel(&a.kolom),
                &csv_cel(&a.waarde),
                &csv_cel(&a.reden),
            ],
        );
    }
    let mut uit = "\u{feff}".as_bytes().to_vec();
    uit.extend(w.into_inner().expect("writing to memory cannot fail"));
    uit
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_csv_quotes_and_masks() {
        let a = Afkeuring::new("realisatie.csv", 12, "omschrijving", "huur; \"kantoor\"", "x", "reden");
        let b = Afkeuring::new(
            "hulpvragen.csv",
            3,
            "hulpvraag_id",
            "123456782",
            "dubbele hulpvraag_id",
            "dubbele hulpvraag_id '123456782' (regels 3, 9)",
        );
        let k = Datakwaliteit {
            bestanden: vec![],
            afkeuringen: vec![a, b],
            waarschuwingen: vec![],
        };
        let csv = String::from_utf8(afgekeurde_rijen_csv(&k)).unwrap();
        assert_eq!(
            csv,
            "\u{feff}bestand;regel;kolom;waarde;reden\r\n\
             realisatie.csv;12;omschrijving;\"huur; \"\"kantoor\"\"\";reden\r\n\
             hulpvragen.csv;3;hulpvraag_id;*********;dubbele hulpvraag_id '*********' (regels 3, 9)\r\n"
        );
        assert!(!csv.contains("123456782"));
    }

    #[test]
    fn rejects_csv_neutralises_formulas() {
        let af = |waarde: &str| Afkeuring::new("realisatie.csv", 2, "bedrag", waarde, "x", "ongeldig getal");
        let k = Datakwaliteit {
            bestanden: vec![],
            afkeuringen: vec![
                af("=HYPERLINK(\"http://x\";\"klik\")"),
                af("+1"),
                af("-12,345"),
                af("@SUM(A1)"),
                af("\tx"),
                af("a=b"),
            ],
            waarschuwingen: vec![],
        };
        let csv = String::from_utf8(afgekeurde_rijen_csv(&k)).unwrap();
        let waarden: Vec<&str> = csv.lines().skip(1).map(|r| r.split(';').nth(3).unwrap()).collect();
        assert_eq!(
            waarden,
            [
                "\"'=HYPERLINK(\"\"http://x\"\"",
                "'+1",
                "'-12,345",
                "'@SUM(A1)",
                "'\tx",
                "a=b"
            ]
        );
    }

    #[test]
    fn a_very_long_rejected_value_is_cut_short() {
        let lang = "x".repeat(40_000);
        let a = Afkeuring::new("realisatie.csv", 2, "omschrijving", &lang, "x", "tekst te lang");
        assert_eq!(a.waarde, format!("{}… (ingekort, 40.000 tekens)", "x".repeat(200)));
        // 191 letters and then 1112223330: the cut keeps 111222333, which passes the 11-proef.
        let a = Afkeuring::new("r.csv", 2, "k", &format!("{}1112223330", "x".repeat(191)), "x", "r");
        assert_eq!(
            a.waarde,
            format!("{}*********… (ingekort, 201 tekens)", "x".repeat(191))
        );
    }

    #[test]
    fn accounting_and_grouping() {
        let af = |regel, kolom: &str, soort: &str| Afkeuring::new("u.csv", regel, kolom, "", soort, soort);
        let lijst = vec![
            af(2, "datum", "ongeldige datum"),
            af(3, "werksoort", "onbekende werksoort"),
            af(4, "datum", "ongeldige datum"),
        ];
        let b = Bestandskwaliteit::new("u.csv", 10, &lijst);
        assert_eq!((b.gelezen, b.geaccepteerd, b.afgekeurd), (10, 7, 3));
        assert_eq!(b.redenen.len(), 2);
        assert_eq!(b.redenen[0].reden, "ongeldige datum");
        assert_eq!(b.redenen[0].aantal, 2);
        assert_eq!(b.redenen[0].voorbeeldregels, vec![2, 4]);
        assert_eq!(b.redenen[1].kolom, "werksoort");
    }

    #[test]
    fn json_shape() {
        let k = Datakwaliteit {
            bestanden: vec![Bestandskwaliteit::new("uren.csv", 0, &[])],
            afkeuringen: vec![],
            waarschuwingen: vec![Waarschuwing::new("uren.csv", None, "x", "m")],
        };
        let j = serde_json::to_string(&k).unwrap();
        assert_eq!(
            j,
            r#"{"bestanden":[{"pad":"uren.csv","gelezen":0,"geaccepteerd":0,"afgekeurd":0,"redenen":[]}],"afkeuringen":[],"waarschuwingen":[{"bestand":"uren.csv","soort":"x","melding":"m"}],"totalen":{"gelezen":0,"geaccepteerd":0,"afgekeurd":0}}"#
        );
    }
}
