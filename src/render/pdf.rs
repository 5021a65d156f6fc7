//! PDF rendering of any [`Document`] with Typst.
//!
//! The layout lives in `report_templates/` (`rapport.typ` with the house style `huisstijl.typ`),
//! where a non-programmer can adjust it. This module is the Typst [`World`]: the single door
//! through which the compiler sees files, fonts and time.
//!
//! - `/rapport.typ` is the main file; other template files are read from the templates directory.
//! - `/document.json` is virtual: the `Document` as JSON, enriched with a few layout helpers the
//!   template needs (see [`voorbereiden`]): the file name of every chart, the heading level of
//!   every section and every `Kop`.
//! - `/grafiek-<n>.svg` are virtual: the charts, drawn by [`super::grafiek::svg`].
//! - Fonts come only from `<templates>/fonts/` (bundled Noto Sans, never system fonts) and are
//!   loaded once per process.
//! - `today()` is the document's `datum`, and the PDF's creation date and identifier derive from
//!   the document, so two renders of the same `Document` give identical bytes.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use chrono::Datelike;
use sha2::{Digest, Sha256};
use typst::diag::{FileError, FileResult, Severity, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Feature, Library, LibraryExt, World, WorldExt};
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use super::document::{Document, Grafiek};
use super::grafiek;

/// Name of the main template inside the templates directory.
pub const HOOFDSJABLOON: &str = "rapport.typ";
/// Name of the fonts directory inside the templates directory.
pub const LETTERTYPEMAP: &str = "fonts";

/// Which PDF flavour to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum PdfProfiel {
    /// PDF 1.7, tagged (accessible structure, document language, title), without enforcing a
    /// formal standard. For internal reports.
    #[default]
    Standaard,
    /// For published documents (raadsinformatie): PDF/A-2a (archival, Archiefwet) **and**
    /// PDF/UA-1 (accessibility) at the same time, PDF 1.7.
    ///
    /// Typst 0.15 accepts at most one PDF/A and at most one PDF/UA standard whose PDF version
    /// ranges overlap; PDF/A-2 (PDF 1.4–1.7) and PDF/UA-1 (PDF 1.7) overlap at 1.7, so the two
    /// can be combined. We choose conformance level "a" (accessible: tagged, Unicode text) rather
    /// than "b" or "u", because it is the level that matches the PDF/UA requirements anyway.
    /// Typst then refuses to write a file that breaks either standard (an image without alt
    /// text, a skipped heading level, a missing title or language), and [`render_pdf`] reports
    /// that as [`PdfFout::Opmaak`].
    Archief,
}

impl PdfProfiel {
    /// The Typst standards for this profile.
    pub fn standaarden(self) -> &'static [PdfStandard] {
        match self {
            PdfProfiel::Standaard => &[PdfStandard::V_1_7],
            PdfProfiel::Archief => &[PdfStandard::A_2a, PdfStandard::Ua_1],
        }
    }
}

/// Why a PDF could not be made. Messages are Dutch and name the file and line where possible.
#[derive(Debug, thiserror::Error)]
pub enum PdfFout {
    /// A template file could not be read.
    #[error("sjabloon {pad} kan niet worden gelezen: {bron}")]
    Sjabloon {
        /// The file.
        pad: PathBuf,
        /// The I/O error.
        bron: std::io::Error,
    },
    /// No usable fonts in the fonts directory.
    #[error("geen bruikbare lettertypen in {map}: {reden}")]
    Lettertypen {
        /// The fonts directory.
        map: PathBuf,
        /// What went wrong.
        reden: String,
    },
    /// The document could not be serialised for the template.
    #[error("het document kan niet naar JSON worden omgezet: {0}")]
    Json(#[from] serde_json::Error),
    /// Typst reported errors while laying out the document (template or data problem). The
    /// text lists every diagnostic with file, line and column.
    #[error("de PDF kan niet worden opgemaakt:\n{0}")]
    Opmaak(String),
    /// The requested combination of PDF standards is not accepted by Typst.
    #[error("ongeldige combinatie van PDF-standaarden: {0}")]
    Standaard(String),
}

/// Whether a document of this process printed a warning (see [`waarschuwingen_gemeld`]).
static GEMELD: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Whether a document rendered by this process printed a warning on stderr (a character no
/// bundled font has): a run that did is not remembered by `crate::herhaling`, so that the next
/// run shows the warning again.
pub fn waarschuwingen_gemeld() -> bool {
    GEMELD.load(std::sync::atomic::Ordering::Relaxed)
}

/// The result of [`render_pdf_met_meldingen`]: the file and Typst's warnings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfUitvoer {
    /// The PDF bytes.
    pub pdf: Vec<u8>,
    /// Typst's warnings (e.g. a missing glyph), formatted like errors. Empty for a clean render.
    pub waarschuwingen: Vec<String>,
}

/// Renders a document to PDF with the templates in `templates` (normally `report_templates/`).
///
/// Deterministic: the same `Document`, templates and fonts give the same bytes.
pub fn render_pdf(doc: &Document, templates: &Path, profiel: PdfProfiel) -> Result<Vec<u8>, PdfFout> {
    render_pdf_met_meldingen(doc, templates, profiel).map(|u| u.pdf)
}

/// As [`render_pdf`], and also returns Typst's warnings (for tests and the terminal summary).
pub fn render_pdf_met_meldingen(doc: &Document, templates: &Path, profiel: PdfProfiel) -> Result<PdfUitvoer, PdfFout> {
    let (mut json, grafieken) = voorbereiden(doc)?;
    // Without usable fonts the world below reports the problem (after a missing template).
    let tekenfouten = match lettertypen(templates) {
        Ok(lt) => vervang_ontbrekende_tekens(&mut json, &lt),
        Err(_) => Vec::new(),
    };
    for w in &tekenfouten {
        eprintln!("waarschuwing: {w}");
        GEMELD.store(true, std::sync::atomic::Ordering::Relaxed);
    }
    let json = serde_json::to_vec_pretty(&json)?;
    let ident = hex::encode(Sha256::digest(&json));
    let wereld = RapportWereld::new(templates, doc, json, grafieken)?;

    let warned = typst::compile(&wereld);
    let mut waarschuwingen: Vec<String> = tekenfouten;
    waarschuwingen.extend(warned.warnings.iter().map(|d| wereld.beschrijf(d)));
    let document = warned.output.map_err(|fouten| wereld.fouten(&fouten))?;

    let standards =
        PdfStandards::new(profiel.standaarden()).map_err(|e| PdfFout::Standaard(e.message().to_string()))?;
    let datum = datetime(doc.datum);
    let opties = PdfOptions {
        ident: Smart::Custom(ident),
        creator: Smart::Custom(Some(format!("domeinrapport {}", env!("CARGO_PKG_VERSION")))),
        timestamp: Some(Timestamp::new_utc(datum)),
        page_ranges: None,
        standards,
        tagged: true,
        pretty: false,
    };
    let pdf = typst_pdf::pdf(&document, &opties).map_err(|fouten| wereld.fouten(&fouten))?;
    // Keep the compiler's memo cache bounded in a long run with several reports.
    comemo::evict(10);
    waarschuwingen.dedup();
    Ok(PdfUitvoer { pdf, waarschuwingen })
}

/// The JSON the template reads, plus the SVG of every chart.
///
/// Adds layout helpers to the serialised [`Document`] (the model itself stays free of them):
/// - every section object gets `"niveau"`: its heading level (1 = chapter; bijlagen too);
/// - every `kop` block gets `"niveau_abs"` inside `inhoud`: its absolute heading level, the
///   section level plus its depth from [`super::document::kopdiepten`] (the one heading rule
///   the HTML applies too: siblings at one level, never a skipped level, as PDF/UA demands);
/// - every `grafiek` block gets `"bestand"` inside `inhoud`: `grafiek-<n>.svg`, numbered from 1
///   in document order; the returned vector holds the SVG of chart n at index n-1;
/// - two charts in a row share the text width, side by side, so that a page never holds one
///   chart and white: two consecutive `grafiek` blocks of one section, or two consecutive
///   subsections that hold nothing but one chart each, get `"paar": "begin"` and `"eind"` (on
///   the block, or on the section object), and their SVG is drawn on the narrower canvas
///   [`grafiek::BREEDTE_NAAST`] so its text keeps its size.
pub fn voorbereiden(doc: &Document) -> Result<(serde_json::Value, Vec<String>), PdfFout> {
    let mut json = serde_json::to_value(doc)?;
    let mut stand = Stand::default();
    if let Some(s) = json.get_mut("samenvatting").filter(|s| !s.is_null()) {
        // The summary box title is a level-1 heading in the PDF.
        if let Some(blokken) = s.get_mut("blokken") {
            stand.blokken(blokken, 1)?;
        }
    }
    for sleutel in ["secties", "bijlagen"] {
        if let Some(serde_json::Value::Array(secties)) = json.get_mut(sleutel) {
            for s in secties {
                stand.sectie(s, 1)?;
            }
        }
    }
    floats_als_tekst(&mut json);
    euroteken_vast(&mut json);
    alleen_veilige_links(&mut json);
    Ok((json, stand.grafieken))
}

/// Sets every span's `link` that is not an http, https or mailto address
/// ([`super::markdown::veilige_link`]) to `null`: the text stays, it is no link (no `/URI`).
fn alleen_veilige_links(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Array(a) => a.iter_mut().for_each(alleen_veilige_links),
        serde_json::Value::Object(o) => {
            if let Some(l) = o.get_mut("link") {
                let veilig = l.as_str().and_then(super::markdown::veilige_link);
                *l = veilig.map_or(serde_json::Value::Null, serde_json::Value::String);
            }
            o.values_mut().for_each(alleen_veilige_links);
        }
        _ => {}
    }
}

/// Characters drawn without a glyph (white space, controls, joiners and selectors).
fn zonder_glyph(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c, '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}')
}

/// Replaces every character of the document's texts that no bundled font has a glyph for
/// (an emoji, say) by a visible placeholder (`□`, or `?` when the fonts lack that too), and
/// returns one warning per character, naming it and the text it is in. A joiner or variation
/// selector right after a replaced character goes with it. The render never fails on a glyph.
fn vervang_ontbrekende_tekens(v: &mut serde_json::Value, lt: &Lettertypen) -> Vec<String> {
    let heeft = |c: char| lt.fonts.iter().any(|f| f.info().coverage.contains(c as u32));
    let plaatsvervanger = if heeft('□') { '□' } else { '?' };
    let mut gezien: std::collections::BTreeMap<char, String> = std::collections::BTreeMap::new();
    fn loop_door(
        v: &mut serde_json::Value,
        heeft: &dyn Fn(char) -> bool,
        pv: char,
        gezien: &mut std::collections::BTreeMap<char, String>,
    ) {
        match v {
            serde_json::Value::String(s) if s.chars().any(|c| !c.is_ascii() && !zonder_glyph(c) && !heeft(c)) => {
                let mut uit = String::with_capacity(s.len());
                let mut vorige_vervangen = false;
                for c in s.chars() {
                    if vorige_vervangen && matches!(c, '\u{200D}' | '\u{FE00}'..='\u{FE0F}') {
                        continue;
                    }
                    vorige_vervangen = !c.is_ascii() && !zonder_glyph(c) && !heeft(c);
                    if vorige_vervangen {
                        gezien.entry(c).or_insert_with(|| s.chars().take(60).collect());
                        uit.push(pv);
                    } else {
                        uit.push(c);
                    }
                }
                *s = uit;
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(|x| loop_door(x, heeft, pv, gezien)),
            serde_json::Value::Object(o) => o.values_mut().for_each(|x| loop_door(x, heeft, pv, gezien)),
            _ => {}
        }
    }
    loop_door(v, &heeft, plaatsvervanger, &mut gezien);
    gezien
        .into_iter()
        .map(|(c, tekst)| {
            format!(
                "het teken '{c}' (U+{:04X}) staat niet in de lettertypen van de PDF en is vervangen door \
                 '{plaatsvervanger}'; het staat in de tekst \"{tekst}\"",
                c as u32
            )
        })
        .collect()
}

/// Writes every non-integer number as a string (`3.0` → `"3.0"`; the template reads it with
/// `float(..)`).
///
/// The crate enables serde_json's `arbitrary_precision` (for `rust_decimal`); with it, Typst's
/// `json()` decodes a JSON float as a dictionary instead of a number. Integers are unaffected.
/// The only float the template reads is `Kolom::breedte`; chart values are drawn in Rust.
fn floats_als_tekst(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Number(n) if !(n.is_i64() || n.is_u64()) => {
            *v = serde_json::Value::String(n.to_string());
        }
        serde_json::Value::Array(a) => a.iter_mut().for_each(floats_als_tekst),
        serde_json::Value::Object(o) => o.values_mut().for_each(floats_als_tekst),
        _ => {}
    }
}

/// Binds every euro sign in the document's texts to its amount
/// ([`crate::domein::format::euroteken_vast`]): the figures the renderers format already carry a
/// non-breaking space, the provider's and college's own texts do not.
fn euroteken_vast(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::String(s) => {
            if let std::borrow::Cow::Owned(n) = crate::domein::format::euroteken_vast(s) {
                *s = n;
            }
        }
        serde_json::Value::Array(a) => a.iter_mut().for_each(euroteken_vast),
        serde_json::Value::Object(o) => o.values_mut().for_each(euroteken_vast),
        _ => {}
    }
}

/// Traversal state of [`voorbereiden`].
#[derive(Default)]
struct Stand {
    grafieken: Vec<String>,
}

impl Stand {
    fn sectie(&mut self, sectie: &mut serde_json::Value, niveau: u64) -> Result<(), PdfFout> {
        if let serde_json::Value::Object(o) = sectie {
            o.insert("niveau".into(), niveau.into());
        }
        if let Some(blokken) = sectie.get_mut("blokken") {
            self.blokken(blokken, niveau)?;
        }
        if let Some(serde_json::Value::Array(sub)) = sectie.get_mut("subsecties") {
            let alleen_grafiek: Vec<bool> = sub.iter().map(alleen_een_grafiek).collect();
            for (i, j) in paren(&alleen_grafiek) {
                for (k, rol) in [(i, "begin"), (j, "eind")] {
                    if let serde_json::Value::Object(o) = &mut sub[k] {
                        o.insert("paar".into(), rol.into());
                    }
                    if let Some(serde_json::Value::Object(inhoud)) = sub[k]
                        .get_mut("blokken")
                        .and_then(|b| b.get_mut(0))
                        .and_then(|b| b.get_mut("inhoud"))
                    {
                        inhoud.insert("naast".into(), true.into());
                    }
                }
            }
            for s in sub {
                self.sectie(s, niveau + 1)?;
            }
        }
        Ok(())
    }

    fn blokken(&mut self, blokken: &mut serde_json::Value, niveau: u64) -> Result<(), PdfFout> {
        let serde_json::Value::Array(blokken) = blokken else {
            return Ok(());
        };
        let kopniveaus: Vec<Option<u8>> = blokken
            .iter()
            .map(|b| {
                (b.get("soort").and_then(|s| s.as_str()) == Some("kop")).then(|| {
                    b.get("inhoud")
                        .and_then(|i| i.get("niveau"))
                        .and_then(|n| n.as_u64())
                        .map_or(1, |n| n.min(6) as u8)
                })
            })
            .collect();
        let diepten = super::document::kopdiepten(&kopniveaus);
        let grafieken: Vec<bool> = blokken
            .iter()
            .map(|b| b.get("soort").and_then(|s| s.as_str()) == Some("grafiek"))
            .collect();
        for (i, j) in paren(&grafieken) {
            for (k, rol) in [(i, "begin"), (j, "eind")] {
                if let Some(serde_json::Value::Object(inhoud)) = blokken[k].get_mut("inhoud") {
                    inhoud.insert("naast".into(), true.into());
                    inhoud.insert("paar".into(), rol.into());
                }
            }
        }
        for (blok, diepte) in blokken.iter_mut().zip(diepten) {
            let soort = blok
                .get("soort")
                .and_then(|s| s.as_str())
                .unwrap_or_default()
                .to_string();
            let Some(serde_json::Value::Object(inhoud)) = blok.get_mut("inhoud") else {
                continue;
            };
            match soort.as_str() {
                "kop" => {
                    let abs = (niveau + u64::from(diepte.unwrap_or(1))).clamp(1, 6);
                    inhoud.insert("niveau_abs".into(), abs.into());
                }
                "grafiek" => {
                    let g: Grafiek = serde_json::from_value(serde_json::Value::Object(inhoud.clone()))?;
                    let naast = inhoud.get("naast").and_then(|n| n.as_bool()) == Some(true);
                    self.grafieken.push(if naast {
                        grafiek::svg_op_maat(&g, grafiek::BREEDTE_NAAST, grafiek::HOOGTE_NAAST)
                    } else {
                        grafiek::svg(&g)
                    });
                    inhoud.insert("bestand".into(), format!("grafiek-{}.svg", self.grafieken.len()).into());
                }
                _ => {}
            }
        }
        Ok(())
    }
}

/// The pairs `(i, i + 1)` of consecutive `true`s, from the front: `[t, t, t]` gives one pair
/// (the third chart stays full width on its own).
fn paren(vlag: &[bool]) -> Vec<(usize, usize)> {
    let mut uit = Vec::new();
    let mut i = 0;
    while i + 1 < vlag.len() {
        if vlag[i] && vlag[i + 1] {
            uit.push((i, i + 1));
            i += 2;
        } else {
            i += 1;
        }
    }
    uit
}

/// Whether a section (JSON) holds nothing but one chart: no other block, no subsection.
fn alleen_een_grafiek(s: &serde_json::Value) -> bool {
    let blokken = s.get("blokken").and_then(|b| b.as_array());
    let subsecties = s.get("subsecties").and_then(|b| b.as_array());
    matches!(blokken, Some(b) if b.len() == 1 && b[0].get("soort").and_then(|x| x.as_str()) == Some("grafiek"))
        && subsecties.is_none_or(|s| s.is_empty())
}

/// Typst `Datetime` of a date.
fn datetime(d: chrono::NaiveDate) -> Datetime {
    Datetime::from_ymd(d.year(), d.month() as u8, d.day() as u8).expect("a chrono date is a valid Typst date")
}

/// The standard library, built once (with the `a11y-extras` feature for row header cells and
/// table summaries).
fn bibliotheek() -> &'static LazyHash<Library> {
    static BIBLIOTHEEK: OnceLock<LazyHash<Library>> = OnceLock::new();
    BIBLIOTHEEK.get_or_init(|| {
        LazyHash::new(
            Library::builder()
                .with_features([Feature::A11yExtras].into_iter().collect())
                .build(),
        )
    })
}

/// The fonts of one fonts directory.
struct Lettertypen {
    boek: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

/// The fonts in `<templates>/fonts/`, loaded once per directory per process.
fn lettertypen(templates: &Path) -> Result<Arc<Lettertypen>, PdfFout> {
    static CACHE: OnceLock<Mutex<HashMap<PathBuf, Arc<Lettertypen>>>> = OnceLock::new();
    let map = templates.join(LETTERTYPEMAP);
    let sleutel = map.canonicalize().unwrap_or_else(|_| map.clone());
    let cache = CACHE.get_or_init(Default::default);
    if let Some(l) = cache.lock().expect("font cache").get(&sleutel) {
        return Ok(l.clone());
    }
    let fout = |reden: String| PdfFout::Lettertypen {
        map: map.clone(),
        reden,
    };
    let mut paden: Vec<PathBuf> = std::fs::read_dir(&map)
        .map_err(|e| fout(e.to_string()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "ttf" | "otf" | "ttc" | "otc"))
        })
        .collect();
    // Sorted, so font indices (and thus the output) do not depend on directory order.
    paden.sort();
    let mut fonts = Vec::new();
    for pad in &paden {
        let data = std::fs::read(pad).map_err(|e| fout(format!("{}: {e}", pad.display())))?;
        fonts.extend(Font::iter(Bytes::new(data)));
    }
    if fonts.is_empty() {
        return Err(fout("geen .ttf- of .otf-bestanden gevonden".into()));
    }
    let l = Arc::new(Lettertypen {
        boek: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
    });
    cache.lock().expect("font cache").insert(sleutel, l.clone());
    Ok(l)
}

/// The Typst world of one render.
struct RapportWereld {
    templates: PathBuf,
    hoofd: FileId,
    lettertypen: Arc<Lettertypen>,
    /// Virtual files (`document.json`, `grafiek-<n>.svg`).
    virtueel: HashMap<FileId, Bytes>,
    /// Template files read so far.
    bronnen: Mutex<HashMap<FileId, FileResult<Source>>>,
    vandaag: Datetime,
}

/// The file id of a path in the project root.
fn id(pad: &str) -> FileId {
    RootedPath::new(VirtualRoot::Project, VirtualPath::new(pad).expect("valid virtual path")).intern()
}

impl RapportWereld {
    fn new(templates: &Path, doc: &Document, json: Vec<u8>, grafieken: Vec<String>) -> Result<Self, PdfFout> {
        let hoofdpad = templates.join(HOOFDSJABLOON);
        if !hoofdpad.is_file() {
            return Err(PdfFout::Sjabloon {
                pad: hoofdpad,
                bron: std::io::Error::new(std::io::ErrorKind::NotFound, "bestand niet gevonden"),
            });
        }
        let mut virtueel = HashMap::new();
        virtueel.insert(id("/document.json"), Bytes::new(json));
        for (i, svg) in grafieken.into_iter().enumerate() {
            virtueel.insert(id(&format!("/grafiek-{}.svg", i + 1)), Bytes::from_string(svg));
        }
        Ok(RapportWereld {
            templates: templates.to_path_buf(),
            hoofd: id(&format!("/{HOOFDSJABLOON}")),
            lettertypen: lettertypen(templates)?,
            virtueel,
            bronnen: Mutex::new(HashMap::new()),
            vandaag: datetime(doc.datum),
        })
    }

    /// Reads a template file from disk.
    fn lees(&self, id: FileId) -> FileResult<Vec<u8>> {
        if !matches!(id.root(), VirtualRoot::Project) {
            return Err(FileError::Other(Some("pakketten worden niet ondersteund".into())));
        }
        let pad = id.vpath().realize(&self.templates).map_err(FileError::Realize)?;
        if pad.is_dir() {
            return Err(FileError::IsDirectory);
        }
        std::fs::read(&pad).map_err(|e| FileError::from_io(e, &pad))
    }

    /// A readable place for a diagnostic: `report_templates/rapport.typ:12:5`.
    fn plaats(&self, span: typst::syntax::DiagSpan) -> Option<String> {
        let id = span.id()?;
        let naam = id.vpath().get_without_slash().to_string();
        let naam = if self.virtueel.contains_key(&id) {
            format!("{naam} (gegenereerd)")
        } else {
            self.templates.join(&naam).display().to_string()
        };
        let regel = self
            .range(span)
            .and_then(|r| self.source(id).ok()?.lines().byte_to_line_column(r.start));
        Some(match regel {
            Some((r, k)) => format!("{naam}:{}:{}", r + 1, k + 1),
            None => naam,
        })
    }

    /// One diagnostic in Dutch framing: `fout in <file>:<line>:<col>: <message>` plus hints and
    /// the call trace.
    fn beschrijf(&self, d: &SourceDiagnostic) -> String {
        let ernst = match d.severity {
            Severity::Error => "fout",
            Severity::Warning => "waarschuwing",
        };
        let mut s = match self.plaats(d.span) {
            Some(p) => format!("{ernst} in {p}: {}", d.message),
            None => format!("{ernst}: {}", d.message),
        };
        for tip in &d.hints {
            s.push_str(&format!("\n    tip: {}", tip.v));
        }
        for spoor in &d.trace {
            if let Some(p) = self.plaats(spoor.span.into()) {
                s.push_str(&format!("\n    via {} ({p})", spoor.v));
            }
        }
        s
    }

    fn fouten(&self, fouten: &[SourceDiagnostic]) -> PdfFout {
        PdfFout::Opmaak(fouten.iter().map(|d| self.beschrijf(d)).collect::<Vec<_>>().join("\n"))
    }
}

impl World for RapportWereld {
    fn library(&self) -> &LazyHash<Library> {
        bibliotheek()
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.lettertypen.boek
    }

    fn main(&self) -> FileId {
        self.hoofd
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        let mut bronnen = self.bronnen.lock().expect("source cache");
        bronnen
            .entry(id)
            .or_insert_with(|| {
                let bytes = match self.virtueel.get(&id) {
                    Some(b) => b.to_vec(),
                    None => self.lees(id)?,
                };
                let tekst = String::from_utf8(bytes).map_err(|_| FileError::InvalidUtf8)?;
                Ok(Source::new(id, tekst))
            })
            .clone()
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        match self.virtueel.get(&id) {
            Some(b) => Ok(b.clone()),
            None => self.lees(id).map(Bytes::new),
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.lettertypen.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        Some(self.vandaag)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::document::*;
    use chrono::NaiveDate;

    fn grafiekblok(titel: &str) -> Blok {
        Blok::Grafiek(Grafiek {
            soort: GrafiekSoort::Lijn,
            titel: titel.into(),
            alt: "alt".into(),
            x_labels: vec!["Q1 2024".into()],
            reeksen: vec![Reeks {
                naam: "a".into(),
                waarden: vec![Some(1.0)],
            }],
            y_formaat: YFormaat::Aantal,
            normlijn: None,
        })
    }

    /// A test document of the Rapport style with these sections and nothing else.
    fn testdocument(secties: Vec<Sectie>) -> Document {
        Document {
            soort: "test".into(),
            titel: "T".into(),
            ondertitel: None,
            gemeente: "Gemeente Oss".into(),
            aanbieder: "ONS welzijn".into(),
            periode_label: "2024".into(),
            peildatum_label: "31-12-2024".into(),
            datum: NaiveDate::from_ymd_opt(2024, 12, 31).unwrap(),
            stijl: Stijl::Rapport,
            kenmerken: vec![],
            samenvatting: None,
            secties,
            bijlagen: vec![],
            markering: None,
        }
    }

    #[test]
    fn preparation_numbers_charts_and_clamps_heading_levels() {
        let doc = Document {
            samenvatting: Some(Samenvatting {
                titel: "Samenvatting".into(),
                blokken: vec![grafiekblok("eerste")],
            }),
            secties: vec![Sectie {
                liggend: false,
                titel: "A".into(),
                blokken: vec![
                    // niveau 3 right after a level-1 heading: raised to 2.
                    Blok::Kop {
                        niveau: 3,
                        tekst: "k".into(),
                    },
                    Blok::Kop {
                        niveau: 2,
                        tekst: "k2".into(),
                    },
                    // Two siblings asking for niveau 3 under the niveau-2 heading: both level 3
                    // (the old clamp to "previous + 1" cascaded them to 4 and 4).
                    Blok::Kop {
                        niveau: 3,
                        tekst: "k3".into(),
                    },
                    Blok::Kop {
                        niveau: 3,
                        tekst: "k4".into(),
                    },
                ],
                subsecties: vec![Sectie::new("A.1", vec![grafiekblok("tweede")])],
            }],
            bijlagen: vec![Sectie::new("B", vec![grafiekblok("derde")])],
            ..testdocument(vec![])
        };
        let (json, svgs) = voorbereiden(&doc).unwrap();
        assert_eq!(svgs.len(), 3);
        assert!(svgs[1].contains("<title>tweede</title>"));
        assert_eq!(json["samenvatting"]["blokken"][0]["inhoud"]["bestand"], "grafiek-1.svg");
        let a = &json["secties"][0];
        assert_eq!(a["niveau"], 1);
        assert_eq!(a["blokken"][0]["inhoud"]["niveau_abs"], 2);
        assert_eq!(a["blokken"][1]["inhoud"]["niveau_abs"], 2);
        assert_eq!(a["blokken"][2]["inhoud"]["niveau_abs"], 3);
        assert_eq!(a["blokken"][3]["inhoud"]["niveau_abs"], 3);
        assert_eq!(a["subsecties"][0]["niveau"], 2);
        assert_eq!(a["subsecties"][0]["blokken"][0]["inhoud"]["bestand"], "grafiek-2.svg");
        assert_eq!(json["bijlagen"][0]["niveau"], 1);
        assert_eq!(json["bijlagen"][0]["blokken"][0]["inhoud"]["bestand"], "grafiek-3.svg");
    }

    #[test]
    fn unsafe_links_and_missing_glyphs_never_fail_the_archive_render() {
        let templates = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/report_templates"));
        let doc = Document {
            soort: "raadsinformatie".into(),
            titel: "T".into(),
            ondertitel: None,
            gemeente: "Gemeente Oss".into(),
            aanbieder: "ONS welzijn".into(),
            periode_label: "2024".into(),
            peildatum_label: "31-12-2024".into(),
            datum: NaiveDate::from_ymd_opt(2024, 12, 31).unwrap(),
            stijl: Stijl::Brief,
            kenmerken: vec![],
            samenvatting: None,
            markering: None,
            secties: vec![Sectie::new(
                "A",
                vec![Blok::Alinea(vec![
                    Span::link("kwaad", "javascript:alert(5)"),
                    Span::link("leeg", ""),
                    Span::tekst(" feest 😀\u{FE0F} en 🎉 coördinatie "),
                    Span::link("goed", "https://www.oss.nl/raad"),
                ])],
            )],
            bijlagen: vec![],
        };
        let (json, _) = voorbereiden(&doc).unwrap();
        let spans = &json["secties"][0]["blokken"][0]["inhoud"];
        assert_eq!(spans[0]["link"], serde_json::Value::Null);
        assert_eq!(spans[1]["link"], serde_json::Value::Null);
        assert_eq!(spans[3]["link"], "https://www.oss.nl/raad");
        let mut json = json;
        let w = vervang_ontbrekende_tekens(&mut json, &lettertypen(templates).unwrap());
        let tekst = json["secties"][0]["blokken"][0]["inhoud"][2]["tekst"]
            .as_str()
            .unwrap()
            .to_string();
        let pv = if tekst.contains('□') { '□' } else { '?' };
        assert_eq!(tekst, format!(" feest {pv} en {pv} coördinatie "));
        assert_eq!(w.len(), 2, "{w:?}");
        // In code point order: 🎉 (U+1F389) before 😀 (U+1F600).
        assert!(
            w[0].starts_with("het teken '🎉' (U+1F389) staat niet in de lettertypen"),
            "{}",
            w[0]
        );
        assert!(
            w[1].starts_with("het teken '😀' (U+1F600) staat niet in de lettertypen"),
            "{}",
            w[1]
        );
        let uit = render_pdf_met_meldingen(&doc, templates, PdfProfiel::Archief).unwrap();
        assert!(uit.pdf.starts_with(b"%PDF"));
        assert!(uit.waarschuwingen.iter().any(|w| w.contains("U+1F389")));
    }

    #[test]
    fn two_charts_in_a_row_are_paired_side_by_side() {
        let alleen = |t: &str| Sectie::new(t, vec![grafiekblok(t)]);
        let doc = Document {
            secties: vec![Sectie {
                liggend: false,
                titel: "A".into(),
                // chart, chart, chart, text, chart: one pair, the third and fifth alone.
                blokken: vec![
                    grafiekblok("1"),
                    grafiekblok("2"),
                    grafiekblok("3"),
                    Blok::alinea("tekst"),
                    grafiekblok("4"),
                ],
                // Three chart-only subsections and one with text: the first two are a pair.
                subsecties: vec![
                    alleen("s1"),
                    alleen("s2"),
                    alleen("s3"),
                    Sectie::new("s4", vec![grafiekblok("s4"), Blok::alinea("x")]),
                ],
            }],
            ..testdocument(vec![])
        };
        let (json, svgs) = voorbereiden(&doc).unwrap();
        let a = &json["secties"][0];
        let paar = |v: &serde_json::Value| v.get("paar").and_then(|p| p.as_str()).map(str::to_string);
        let blokken: Vec<_> = (0..5).map(|i| paar(&a["blokken"][i]["inhoud"])).collect();
        assert_eq!(blokken, [Some("begin".into()), Some("eind".into()), None, None, None]);
        let subs: Vec<_> = (0..4).map(|i| paar(&a["subsecties"][i])).collect();
        assert_eq!(subs, [Some("begin".into()), Some("eind".into()), None, None]);
        // The paired charts are drawn narrow, the others full width.
        let smal = format!("viewBox=\"0 0 {} {}\"", grafiek::BREEDTE_NAAST, grafiek::HOOGTE_NAAST);
        let breed = format!("viewBox=\"0 0 {} {}\"", grafiek::BREEDTE, grafiek::HOOGTE);
        let naast: Vec<bool> = svgs.iter().map(|s| s.contains(&smal)).collect();
        assert_eq!(naast, [true, true, false, false, true, true, false, false]);
        assert!(svgs[2].contains(&breed));
    }

    #[test]
    fn archive_profile_standards_are_accepted_together() {
        assert!(PdfStandards::new(PdfProfiel::Archief.standaarden()).is_ok());
        assert!(PdfStandards::new(PdfProfiel::Standaard.standaarden()).is_ok());
    }
}
