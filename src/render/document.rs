//! The generic, serialisable presentation model shared by every report.
//!
//! Each deliverable (kwartaalrapportage, halfjaarrapportage financieel and inhoudelijk,
//! raadsinformatiebrief) turns its report model into a [`Document`]; the renderers in
//! [`super::pdf`] and [`super::html`] turn any `Document` into a PDF or an HTML page.
//!
//! The `Document` carries *presentation*, not figures: every number arrives as a formatted Dutch
//! string (`"1.234,56"`, `"87,5%"`, `"30-06-2024"`). The only raw numbers are the chart values in
//! [`Grafiek`], which the chart renderer needs to draw; their labels are formatted by
//! [`YFormaat`].
//!
//! The JSON form of a `Document` is what the Typst templates in `report_templates/` read, so the
//! serde names below are also the field names a template author sees. Enums are written in
//! `snake_case`; [`Blok`] is written as `{"soort": "tabel", "inhoud": {…}}`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A complete document: metadata for the cover / letter head plus the content sections.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Kind of report, used as a machine label and in the file's metadata keywords
    /// (`"kwartaalrapportage"`, `"halfjaar-financieel"`, `"halfjaar-inhoudelijk"`,
    /// `"raadsinformatie"`).
    pub soort: String,
    /// Main title, e.g. `"Kwartaalrapportage sociaal werk"`. Also the PDF/HTML document title.
    pub titel: String,
    /// Optional subtitle shown under the title on the cover, e.g. `"ONS welzijn"`.
    #[serde(default)]
    pub ondertitel: Option<String>,
    /// Municipality, e.g. `"Gemeente Oss"`; the PDF author.
    pub gemeente: String,
    /// Provider, e.g. `"ONS welzijn"`.
    pub aanbieder: String,
    /// Human period label, e.g. `"2e kwartaal 2024"`; shown on the cover and in the page header.
    pub periode_label: String,
    /// Formatted peildatum, e.g. `"30-06-2024"`.
    pub peildatum_label: String,
    /// Document date (the peildatum or the date of the data export — never "now"). Used for the
    /// PDF metadata date and Typst's `datetime.today()`, so output is reproducible.
    pub datum: NaiveDate,
    /// Layout style: a report with a cover and table of contents, or a letter.
    pub stijl: Stijl,
    /// Label/value pairs shown on the cover (Rapport) or in the letter head block (Brief),
    /// e.g. `Onderwerp`, `Datum`, `Peildatum`, `Kenmerk`.
    #[serde(default)]
    pub kenmerken: Vec<Kenmerk>,
    /// Optional key message shown prominently in a tinted box before the first section (after
    /// the table of contents in a Rapport, after the letter head in a Brief).
    #[serde(default)]
    pub samenvatting: Option<Samenvatting>,
    /// The content. Nesting gives the heading levels; the table of contents follows from it.
    pub secties: Vec<Sectie>,
    /// Appendices, rendered after the sections as "Bijlage 1", "Bijlage 2", … each on a new page
    /// in the PDF.
    #[serde(default)]
    pub bijlagen: Vec<Sectie>,
    /// A mark shown on the cover or letter head and on every page: `"VOORLOPIG"` for a report
    /// whose period the data does not cover to its end, `"CONCEPT"` for a raad letter whose
    /// texts are not all delivered; `None` for a final report (revision 3).
    #[serde(default)]
    pub markering: Option<String>,
}

/// Layout style of a [`Document`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stijl {
    /// Report: cover page, table of contents, numbered headings, running header, page numbers;
    /// every top-level section starts on a new page.
    Rapport,
    /// Letter (raadsinformatiebrief): letter head with the kenmerken block, no cover, no table of
    /// contents in the PDF, unnumbered headings, page numbers.
    Brief,
}

/// One label/value pair of the cover or letter head (`Onderwerp`: `Voortgang sociaal werk 2024`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Kenmerk {
    /// Label, e.g. `"Onderwerp"`.
    pub label: String,
    /// Formatted value.
    pub waarde: String,
}

/// The key-message box of a document ("Samenvatting", "Kernboodschap").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Samenvatting {
    /// Box heading, e.g. `"Samenvatting"` or `"Kernboodschap"`.
    pub titel: String,
    /// Content of the box.
    pub blokken: Vec<Blok>,
}

/// A section with a heading; its depth (1 = chapter) follows from nesting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sectie {
    /// Heading text (without number; the Rapport style numbers headings itself).
    pub titel: String,
    /// Content blocks, rendered before the subsections.
    #[serde(default)]
    pub blokken: Vec<Blok>,
    /// Subsections, one level deeper.
    #[serde(default)]
    pub subsecties: Vec<Sectie>,
    /// Print the section on landscape pages (wide tables). Only for chapters (top-level
    /// sections and bijlagen) of a report; the HTML ignores it.
    #[serde(default)]
    pub liggend: bool,
}

impl Sectie {
    /// A section with a title and blocks, without subsections.
    pub fn new(titel: impl Into<String>, blokken: Vec<Blok>) -> Self {
        Sectie {
            liggend: false,
            titel: titel.into(),
            blokken,
            subsecties: Vec::new(),
        }
    }
}

/// One content block. Serialised as `{"soort": "<variant>", "inhoud": <data>}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "soort", content = "inhoud", rename_all = "snake_case")]
pub enum Blok {
    /// A paragraph of inline spans.
    Alinea(Vec<Span>),
    /// A bulleted or numbered list; each item is a run of spans.
    Opsomming {
        /// `true` for 1. 2. 3., `false` for bullets.
        genummerd: bool,
        /// The items.
        items: Vec<Vec<Span>>,
    },
    /// A heading inside free text (e.g. from Markdown), rendered *below* the enclosing section
    /// level: `niveau` 1 is one level deeper than the section. Not numbered, not in the table of
    /// contents.
    Kop {
        /// 1 = first level under the section.
        niveau: u8,
        /// Heading text.
        tekst: String,
    },
    /// A table.
    Tabel(Tabel),
    /// A line or bar chart (SVG, see [`super::grafiek`]).
    Grafiek(Grafiek),
    /// Status cards in a grid ("status at a glance").
    Kaarten(Vec<Kaart>),
    /// A 3×3 risk matrix (kans × schade).
    Heatmap(Heatmap),
    /// A highlighted notice such as "Analyse ontbreekt" or "Niet aangeleverd".
    Melding {
        /// Tone of the box (colour and symbol); the text must say the message on its own.
        toon: Toon,
        /// The message.
        tekst: String,
    },
    /// The signature block that closes a letter: the sender ("Burgemeester en wethouders van
    /// Oss,") and the signatories side by side, each with room for a signature above the
    /// function and name.
    Ondertekening {
        /// The sender line.
        afzender: String,
        /// `(functie, naam)` per signatory, in order: "de secretaris", "drs. P. Bakker".
        ondertekenaars: Vec<(String, String)>,
    },
    /// Forced page break in the PDF (ignored in HTML).
    Paginabreuk,
}

impl Blok {
    /// A paragraph with one plain span.
    pub fn alinea(tekst: impl Into<String>) -> Self {
        Blok::Alinea(vec![Span::tekst(tekst)])
    }

    /// A notice block.
    pub fn melding(toon: Toon, tekst: impl Into<String>) -> Self {
        Blok::Melding {
            toon,
            tekst: tekst.into(),
        }
    }

    /// A bullet list of plain-text items.
    pub fn opsomming<S: Into<String>>(items: impl IntoIterator<Item = S>) -> Self {
        Blok::Opsomming {
            genummerd: false,
            items: items.into_iter().map(|s| vec![Span::tekst(s)]).collect(),
        }
    }
}

/// The house style's heading hierarchy for the headings inside one section, the one rule the
/// PDF and the HTML both apply. `niveaus` holds, in block order, each block's [`Blok::Kop`]
/// level (`None` for other blocks); the answer holds each heading's depth below the section
/// (1 = first level under the section heading).
///
/// The levels a renderer asks for are only an order: the distinct levels used in the section
/// are ranked densely (levels 3 and 4 become depths 1 and 2), so headings that ask for the same
/// level are siblings at the same depth, and no heading is ever more than one level deeper
/// than the heading before it.
///
/// ```
/// use domeinrapport::render::document::kopdiepten;
/// // Four analyses asking for level 3 under a chapter: all at depth 1 (H2 under an H1).
/// assert_eq!(
///     kopdiepten(&[Some(3), None, Some(3), Some(3)]),
///     [Some(1), None, Some(1), Some(1)]
/// );
/// // A deeper level right after the section heading is raised to depth 1.
/// assert_eq!(kopdiepten(&[Some(2), Some(1), Some(2)]), [Some(1), Some(1), Some(2)]);
/// ```
pub fn kopdiepten(niveaus: &[Option<u8>]) -> Vec<Option<u8>> {
    let mut gebruikt: Vec<u8> = niveaus.iter().flatten().map(|n| (*n).max(1)).collect();
    gebruikt.sort_unstable();
    gebruikt.dedup();
    let mut vorig = 0u8;
    niveaus
        .iter()
        .map(|n| {
            n.map(|n| {
                let rang = gebruikt.iter().position(|g| *g == n.max(1)).unwrap_or(0) as u8 + 1;
                let diepte = rang.min(vorig + 1);
                vorig = diepte;
                diepte
            })
        })
        .collect()
}

/// A run of inline text with optional emphasis and link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Span {
    /// The text (plain, never Markdown).
    pub tekst: String,
    /// Bold.
    #[serde(default)]
    pub vet: bool,
    /// Italic.
    #[serde(default)]
    pub cursief: bool,
    /// Link target (URL or `mailto:`), if any.
    #[serde(default)]
    pub link: Option<String>,
}

impl Span {
    /// Plain text.
    pub fn tekst(tekst: impl Into<String>) -> Self {
        Span {
            tekst: tekst.into(),
            ..Span::default()
        }
    }

    /// Bold text.
    pub fn vet(tekst: impl Into<String>) -> Self {
        Span {
            tekst: tekst.into(),
            vet: true,
            ..Span::default()
        }
    }

    /// Italic text.
    pub fn cursief(tekst: impl Into<String>) -> Self {
        Span {
            tekst: tekst.into(),
            cursief: true,
            ..Span::default()
        }
    }

    /// A link with visible text.
    pub fn link(tekst: impl Into<String>, doel: impl Into<String>) -> Self {
        Span {
            tekst: tekst.into(),
            link: Some(doel.into()),
            ..Span::default()
        }
    }
}

/// Tone of a status: drives colour (with AA contrast) and a symbol. Colour is never the only
/// carrier: the accompanying text always states the status in words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Toon {
    /// Norm met / on track (green, ✓).
    Goed,
    /// Norm not met / problem (red, ✗).
    Slecht,
    /// Attention / missing (amber, !).
    LetOp,
    /// No judgement (grey, no symbol).
    #[default]
    Neutraal,
}

impl Toon {
    /// The symbol the renderers show before a status text (empty for `Neutraal`).
    pub fn symbool(self) -> &'static str {
        match self {
            Toon::Goed => "✓",
            Toon::Slecht => "✗",
            Toon::LetOp => "!",
            Toon::Neutraal => "",
        }
    }

    /// The tone of a card that counts something: `nul` when the count is zero, else `anders`.
    pub fn telling(n: usize, nul: Toon, anders: Toon) -> Toon {
        if n == 0 { nul } else { anders }
    }
}

/// A table. The header row repeats on every PDF page and is marked as header cells.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tabel {
    /// Caption shown above the table (also the HTML `<caption>`).
    #[serde(default)]
    pub titel: Option<String>,
    /// Column definitions; every row has (at most) this many cells.
    pub kolommen: Vec<Kolom>,
    /// Body rows.
    pub rijen: Vec<Rij>,
    /// Footnotes printed under the table (e.g. `"* noemer kleiner dan 10"`).
    #[serde(default)]
    pub voetnoten: Vec<String>,
    /// Short description of the table for assistive technology (PDF table summary, HTML
    /// `aria-describedby`).
    #[serde(default)]
    pub samenvatting: Option<String>,
    /// `true` (default) when the first column is a row label: rendered as row header cells
    /// (`<th scope="row">`).
    #[serde(default = "default_true")]
    pub rijkoppen: bool,
}

fn default_true() -> bool {
    true
}

impl Tabel {
    /// A table with columns and rows, no caption, no footnotes, first column as row header.
    pub fn new(kolommen: Vec<Kolom>, rijen: Vec<Rij>) -> Self {
        Tabel {
            titel: None,
            kolommen,
            rijen,
            voetnoten: Vec::new(),
            samenvatting: None,
            rijkoppen: true,
        }
    }
}

/// A column of a [`Tabel`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Kolom {
    /// Header text.
    pub kop: String,
    /// Horizontal alignment of header and cells (numbers: `Rechts`).
    pub uitlijning: Uitlijning,
    /// Relative width (e.g. `3.0` vs `1.0`); `None` = size to content.
    #[serde(default)]
    pub breedte: Option<f32>,
}

impl Kolom {
    /// A left-aligned (text) column, sized to content.
    pub fn links(kop: impl Into<String>) -> Self {
        Kolom {
            kop: kop.into(),
            uitlijning: Uitlijning::Links,
            breedte: None,
        }
    }

    /// A right-aligned (number) column, sized to content.
    pub fn rechts(kop: impl Into<String>) -> Self {
        Kolom {
            kop: kop.into(),
            uitlijning: Uitlijning::Rechts,
            breedte: None,
        }
    }

    /// A centred column, sized to content.
    pub fn midden(kop: impl Into<String>) -> Self {
        Kolom {
            kop: kop.into(),
            uitlijning: Uitlijning::Midden,
            breedte: None,
        }
    }

    /// Sets a relative width.
    pub fn breedte(mut self, breedte: f32) -> Self {
        self.breedte = Some(breedte);
        self
    }
}

/// Horizontal alignment of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Uitlijning {
    /// Left (text).
    Links,
    /// Right (numbers).
    Rechts,
    /// Centre (status symbols).
    Midden,
}

/// A table row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rij {
    /// The cells, one per column. A `Groepskop` row shows only its first cell, spanning all
    /// columns.
    pub cellen: Vec<Cel>,
    /// Row kind (styling).
    #[serde(default)]
    pub soort: RijSoort,
}

impl Rij {
    /// A normal row from plain cell texts.
    pub fn new<S: Into<String>>(cellen: impl IntoIterator<Item = S>) -> Self {
        Rij {
            cellen: cellen.into_iter().map(Cel::new).collect(),
            soort: RijSoort::Gewoon,
        }
    }

    /// A row of the given kind from cells.
    pub fn van(soort: RijSoort, cellen: Vec<Cel>) -> Self {
        Rij { cellen, soort }
    }

    /// A group heading row (one label spanning all columns).
    pub fn groepskop(tekst: impl Into<String>) -> Self {
        Rij {
            cellen: vec![Cel::new(tekst)],
            soort: RijSoort::Groepskop,
        }
    }
}

/// Kind of a [`Rij`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum RijSoort {
    /// Ordinary data row.
    #[default]
    Gewoon,
    /// Subtotal: bold, thin rule above.
    Subtotaal,
    /// Grand total: bold, heavier rule above, tinted.
    Totaal,
    /// Group heading: first cell spans the row, bold, tinted.
    Groepskop,
}

/// A table cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Cel {
    /// Formatted text ("87,5%", "gehaald", "<5").
    pub tekst: String,
    /// Status tone: colour + symbol added by the renderer; the text itself must carry the meaning.
    #[serde(default)]
    pub toon: Option<Toon>,
    /// Bold.
    #[serde(default)]
    pub nadruk: bool,
}

impl Cel {
    /// A plain cell.
    pub fn new(tekst: impl Into<String>) -> Self {
        Cel {
            tekst: tekst.into(),
            ..Cel::default()
        }
    }

    /// A status cell.
    pub fn met_toon(tekst: impl Into<String>, toon: Toon) -> Self {
        Cel {
            tekst: tekst.into(),
            toon: Some(toon),
            nadruk: false,
        }
    }

    /// A bold cell.
    pub fn vet(tekst: impl Into<String>) -> Self {
        Cel {
            tekst: tekst.into(),
            toon: None,
            nadruk: true,
        }
    }
}

/// A chart: raw values plus formatting instructions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Grafiek {
    /// Line or bar chart.
    pub soort: GrafiekSoort,
    /// Caption / title.
    pub titel: String,
    /// Required Dutch alternative text describing the data (what a screen reader says),
    /// e.g. "Aandeel binnen 4 weken per kwartaal, van 82% in 2022-K3 tot 91% in 2024-K2; norm 90%".
    pub alt: String,
    /// Category labels on the x axis (e.g. `"2024-K2"`).
    pub x_labels: Vec<String>,
    /// Series; `waarden[i]` belongs to `x_labels[i]`; `None` is a gap (no data).
    pub reeksen: Vec<Reeks>,
    /// How values are formatted on the y axis.
    pub y_formaat: YFormaat,
    /// Optional horizontal norm line (dashed, with label).
    #[serde(default)]
    pub normlijn: Option<Normlijn>,
}

/// Kind of [`Grafiek`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GrafiekSoort {
    /// Line chart with markers.
    Lijn,
    /// (Grouped) bar chart.
    Staaf,
}

/// A data series of a chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reeks {
    /// Legend name.
    pub naam: String,
    /// One value per x label; `None` = no data.
    pub waarden: Vec<Option<f64>>,
}

/// Format of y values and axis ticks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum YFormaat {
    /// Values are fractions (0.9 = 90%); ticks like `0%`, `25%`.
    Procent,
    /// Counts; ticks like `1.000`.
    Aantal,
    /// Euros; ticks like `€ 500.000`, `€ 1,2 mln`.
    Euro,
    /// Days; ticks like `30 d`.
    Dagen,
    /// Weeks; ticks like `4 wk`.
    Weken,
}

/// A horizontal reference line (norm) in a chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Normlijn {
    /// Value in the same unit as the series (fraction for `Procent`).
    pub waarde: f64,
    /// Label, e.g. `"norm 90%"`.
    pub label: String,
}

/// A status card.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Kaart {
    /// What is measured, e.g. `"Eerste gesprek binnen 4 weken"`.
    pub titel: String,
    /// The formatted value, e.g. `"90,6%"`.
    pub waarde: String,
    /// Optional line under the value, e.g. `"norm ≥ 90% — gehaald"`.
    #[serde(default)]
    pub toelichting: Option<String>,
    /// Tone (coloured edge + symbol).
    #[serde(default)]
    pub toon: Toon,
}

/// A 3×3 risk matrix: rows kans 3..1 (top-down), columns schade 1..3.
/// Cell colour follows the effect kans × schade: 1–2 laag (green), 3–4 midden (amber),
/// 6–9 hoog (red), as in the agreement's risk tables.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Heatmap {
    /// Caption.
    pub titel: String,
    /// Required alt text, e.g. "Risicomatrix: 2 risico's met hoog effect (ISW-R1, JW-R2), …".
    pub alt: String,
    /// The risks per cell; cells not listed are empty. `kans` and `schade` are 1..=3.
    pub cellen: Vec<HeatmapCel>,
}

/// One cell of a [`Heatmap`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeatmapCel {
    /// Likelihood 1..=3 (row).
    pub kans: u8,
    /// Damage 1..=3 (column).
    pub schade: u8,
    /// Risico ids in this cell, e.g. `["ISW-R2"]`; the count shown is `ids.len()`.
    pub ids: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blok_serialises_with_soort_and_inhoud() {
        let json = serde_json::to_value(Blok::alinea("Hallo")).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"soort": "alinea", "inhoud": [
                {"tekst": "Hallo", "vet": false, "cursief": false, "link": null}
            ]})
        );
        let json = serde_json::to_value(Blok::Paginabreuk).unwrap();
        assert_eq!(json, serde_json::json!({"soort": "paginabreuk"}));
        let json = serde_json::to_value(Blok::melding(Toon::LetOp, "Analyse ontbreekt")).unwrap();
        assert_eq!(json["inhoud"]["toon"], "let_op");
    }

    #[test]
    fn grafiek_soort_does_not_clash_with_blok_tag() {
        let blok = Blok::Grafiek(Grafiek {
            soort: GrafiekSoort::Staaf,
            titel: "t".into(),
            alt: "a".into(),
            x_labels: vec!["x".into()],
            reeksen: vec![],
            y_formaat: YFormaat::Euro,
            normlijn: None,
        });
        let json = serde_json::to_string(&blok).unwrap();
        let terug: Blok = serde_json::from_str(&json).unwrap();
        assert_eq!(terug, blok);
        assert!(json.contains(r#""soort":"grafiek""#));
        assert!(json.contains(r#""soort":"staaf""#));
    }

    #[test]
    fn tabel_rijkoppen_defaults_to_true_when_absent() {
        let t: Tabel = serde_json::from_str(r#"{"kolommen": [], "rijen": []}"#).unwrap();
        assert!(t.rijkoppen);
        assert_eq!(t.titel, None);
    }
}
