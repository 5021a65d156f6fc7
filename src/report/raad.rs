//! The yearly raadsinformatie (`deliverables.md` §4): the college informs the gemeenteraad about
//! the year's progress of the subsidy to the welfare provider. Public, so every number of
//! persons passes through [`super::onderdrukking`].
//!
//! Contents of the model (serialised, it is the JSON export):
//! - a generated factual summary: how many norms with a streefwaarde were met, the largest
//!   movements against the previous year, the financial result of the year;
//! - the kernboodschap, ontwikkelingen and vervolg from `toelichting/<jaar>/raad.md` (Markdown,
//!   split by its `## Kernboodschap`, `## Ontwikkelingen`, `## Vervolg` headings), falling back
//!   to the year's `ontwikkelingen.md` / `aanbevelingen.md`; what is absent stays absent
//!   ("niet aangeleverd"), nothing is invented;
//! - per werksoort the indicators of the year with their three-year trend (y-2, y-1, y);
//! - begroting against realisatie for the year per werksoort and per financiering;
//! - the full indicator table and the wijkgebied breakdown (aanmeldingen, wachtlijst), after
//!   disclosure control;
//! - a data-quality summary with counts only.
//!
//! **Disclosure control of the indicators.** Per year the published counts of persons (counts,
//! tellers and noemers of fractions of persons) are one list of numbers; numbers that add up form
//! lines, and [`onderdrukking::secundair`] makes sure no withheld number can be recovered:
//! - per werksoort ISW, CSW, JGD: the tellers of `X.uitstroom.<code>` plus the hulpvragen without
//!   code (never published) add up to `X.afgesloten` (the noemer of every uitstroom fraction is
//!   that same number, so it is one cell); for ISW the codes zelfstandig and netwerk enter this
//!   line as the teller of `ISW.uitstroom_zelfstandig`, which is their sum (a line of its own),
//!   and for JGD likewise jeugdhulp and specialistisch as the teller of `JGD.uitstroom_jeugdhulp`;
//! - the noemer of `JGD.zelf_opgelost_max5` + the teller of `JGD.uitstroom_jeugdhulp` + the rest
//!   (rows without aantal_gesprekken, the voorliggend veld, overig and — as the normed indicators
//!   leave the Proeftuin out — the Proeftuin's hulpvragen; never published) = `JGD.afgesloten`;
//! - the teller of `JGD.in_behandeling_2w` + `JGD.overschrijding_2w` = its cohort, when it holds
//!   (and the same for `JGD.toeleiding_8w` / `JGD.overschrijding_8w`): since revision 3 the
//!   overschrijding counts the cases over the term on any day of the year, which is usually, but
//!   not always, exactly the late cases of the deadline cohort; when it is, noemer − teller would
//!   give a withheld overschrijding back, so the line is kept whenever the sum holds;
//! - `ISW.aanmeldingen` + `CSW.aanmeldingen` = the noemer of `SW.herhaalde_hulpvraag`.
//!
//! The aanmeldingen and wachtlijst counts are also the column totals of the wijkgebied tables, so
//! they are *vast* (not chosen as a complement while another candidate exists) in both places;
//! so are the teller and noemer of an indicator with a norm, the figures the raad reads first. Fractions that do not count
//! persons (`CSW.ontmoeting_wijkgebieden` counts wijkgebieden, `SW.inzet_individueel` hours) are
//! shown as they are. The weeks over a deadline (`JGD.overschrijding_*.weken_*`) are withheld when
//! they are computed over fewer than `min_noemer` cases or their case count is withheld.
//! Limitation: the wachttijd median and p90 carry no case count in the model, so they are shown.

use std::collections::{BTreeMap, HashMap};

use anyhow::Context as _;
use chrono::NaiveDate;
use polars::prelude::PolarsResult;
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::{Serialize, Serializer};

use super::onderdrukking::{self, Breuk, Kruistabel, Lijn, Reden, Waarde};
use super::{Bevindingen, Cijfers, PeriodeJson, Rapport};
use crate::afspraken::{Afspraken, AfsprakenSet, Financiering, Onderdrukking};
use crate::domein::catalogus::{self, Eenheid};
use crate::domein::codes::UITSTROOM_CODES;
use crate::domein::format;
use crate::domein::indicator::{Indicator, NormJson, Status, ser_decimal, ser_opt_decimal};
use crate::domein::kwaliteit::Datakwaliteit;
use crate::domein::werksoort::{self, WERKSOORTEN_MET_WACHTLIJST};
use crate::finance::{self, Financieel, ProeftuinMemo, Totaal};
use crate::ingest::{Dataset, Toelichting};
use crate::kpi::{self, Bron, Wijkgebiedcijfers};
use crate::period::{MAANDNAMEN, Periode};

/// The `rapport` value of this deliverable's JSON.
pub const RAPPORT: &str = "raadsinformatie";

/// The marker a concept letter shows where a value of `[raadsbrief]` is missing:
/// `[in te vullen: portefeuillehouder]` (see [`Briefvorm`]).
pub fn in_te_vullen(sleutel: &str) -> String {
    format!("[in te vullen: {sleutel}]")
}

/// The form of a raadsinformatiebrief (issue 18): addressee, date, portefeuillehouder, contact
/// line and signature block, from the agreement's `[raadsbrief]` table. Every text is as the
/// letter shows it; the renderer only places them.
///
/// **How a concept shows a missing key.** When a key of `[raadsbrief]` has no value (or the
/// table is absent, or the agreement that governs the year is that of another year), the letter
/// is a concept: `status` is `concept`, `ontbrekende_teksten` names the keys (and so does the
/// run summary), and the place in the letter where the value belongs shows a visible marker for
/// the author, `[in te vullen: <sleutel>]` (see [`in_te_vullen`]). That is deliberate: a concept
/// carries the CONCEPT mark on every page and is never published, and the marker tells the
/// author what to fill in and where, instead of silently leaving a gap in the signature block.
/// It is not the placeholder "niet aangeleverd", and a letter without a missing key (the only
/// one the griffie publishes) carries no marker at all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Briefvorm {
    /// The addressee: "de gemeenteraad van Oss".
    pub aan: String,
    /// The letter's date (`[raadsbrief] datum`); `None` when missing.
    pub datum: Option<NaiveDate>,
    /// The date as shown: "8 juli 2025", or the marker.
    pub datum_tekst: String,
    /// The portefeuillehouder by name, or the marker.
    pub portefeuillehouder: String,
    /// The contact person, or the marker.
    pub contactpersoon: String,
    /// How to reach the contact person (plain text, never a link), or the marker.
    pub contact: String,
    /// The sender above the signatures: "Burgemeester en wethouders van Oss,".
    pub college: String,
    /// The gemeentesecretaris who signs, or the marker.
    pub secretaris: String,
    /// The burgemeester who signs, or the marker.
    pub burgemeester: String,
    /// The keys of `[raadsbrief]` without a value, in the file's order; the letter is a concept
    /// while this is not empty.
    pub ontbrekend: Vec<String>,
}

impl Briefvorm {
    /// The form of the letter about `jaar` from the agreement `a` (which governs that year; its
    /// `[raadsbrief]` only counts when it is the agreement of that very year).
    pub fn van(a: &Afspraken, jaar: i32) -> Briefvorm {
        let leeg = crate::afspraken::Raadsbrief::default();
        let r = if a.jaar == jaar { &a.raadsbrief } else { &leeg };
        let tekst = |w: &Option<String>, sleutel: &str| w.clone().unwrap_or_else(|| in_te_vullen(sleutel));
        Briefvorm {
            aan: format!("de gemeenteraad van {}", a.gemeente),
            datum: r.datum,
            datum_tekst: r.datum.map_or_else(|| in_te_vullen("datum"), format::datum_lang),
            portefeuillehouder: tekst(&r.portefeuillehouder, "portefeuillehouder"),
            contactpersoon: tekst(&r.contactpersoon, "contactpersoon"),
            contact: tekst(&r.contact, "contact"),
            college: format!("Burgemeester en wethouders van {},", a.gemeente),
            secretaris: tekst(&r.secretaris, "secretaris"),
            burgemeester: tekst(&r.burgemeester, "burgemeester"),
            ontbrekend: r.ontbrekend().into_iter().map(str::to_string).collect(),
        }
    }
}

/// Fractions whose teller and noemer are not persons: wijkgebieden and hours.
pub const NIET_PERSONEN: [&str; 2] = ["CSW.ontmoeting_wijkgebieden", "SW.inzet_individueel"];

/// The disclosure rule as the letter states it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Onderdrukkingsregel {
    /// A count from 1 up to `max_klein_aantal` shows as `<min_aantal`.
    pub min_aantal: u32,
    /// A percentage whose noemer is below this shows as `*`.
    pub min_noemer: u32,
    /// The largest count that is withheld: `min_aantal` − 1.
    pub max_klein_aantal: u32,
}

/// `X.kosten_per_afgesloten` of one werksoort over the years of the letter.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KostenReeks {
    /// `X.kosten_per_afgesloten`.
    pub id: String,
    pub werksoort: String,
    pub naam: String,
    pub jaren: Vec<KostenJaar>,
}

/// One year of [`KostenReeks`]. Public: when 1 to 4 hulpvragen were afgesloten the count shows
/// as `<5` and the cost per hulpvraag is left out (`kosten` null, shown as `*`), because it would
/// be the cost of one or a few inwoners.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KostenJaar {
    pub jaar: i32,
    /// The realisatie of the werksoort's begroting regels in the year.
    #[serde(serialize_with = "crate::kpi::ser_decimal")]
    pub realisatie: rust_decimal::Decimal,
    /// The number afgesloten as shown (`<5` when suppressed).
    pub afgesloten: String,
    /// realisatie / afgesloten rounded to the cent; null when none afgesloten or suppressed.
    #[serde(serialize_with = "crate::kpi::ser_opt_decimal")]
    pub kosten: Option<rust_decimal::Decimal>,
    /// `geen_gegevens` (none afgesloten), `onderdrukt` or `monitor`.
    pub status: &'static str,
}

/// The raadsinformatie model; serialised, it is the JSON export.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Raadsinformatie {
    /// Always `"raadsinformatie"`.
    pub rapport: &'static str,
    /// The year.
    pub periode: PeriodeJson,
    /// `definitief`, `voorlopig` when the data does not reach 31 December, or `concept` while a
    /// text the letter needs is missing (`ontbrekende_teksten`; revision 3).
    pub status: crate::dekking::Rapportstatus,
    /// The texts the letter needs that are missing (raad.md, its parts, the analysis of a
    /// difference it mentions); the letter is a concept while this is not empty.
    pub ontbrekende_teksten: Vec<String>,
    /// "Oss".
    pub gemeente: String,
    /// "ONS welzijn".
    pub aanbieder: String,
    /// Subject line of the letter.
    pub onderwerp: String,
    /// The letter's reference, `RIB-SW-<jaar>`.
    pub kenmerk: String,
    /// The month in which the college informs the raad (the agreement's `raad_maand` of the
    /// next year), e.g. "juli 2025".
    pub verzendmaand: String,
    /// The letter's form: addressee, date, portefeuillehouder, contact and signature block.
    pub brief: Briefvorm,
    /// The three years of the trend, oldest first (y-2, y-1, y).
    pub jaren: Vec<i32>,
    /// The disclosure rule applied.
    pub onderdrukking: Onderdrukkingsregel,
    /// The generated factual summary.
    pub samenvatting: Samenvatting,
    /// The college's kernboodschap (Markdown from raad.md); `None`: niet aangeleverd.
    pub kernboodschap: Option<String>,
    /// Text of raad.md before its first section (Markdown), if any.
    pub inleiding: Option<String>,
    /// Progress per werksoort, in [`werksoort::VOLGORDE`].
    pub werksoorten: Vec<WerksoortVoortgang>,
    /// Every indicator of the catalogue for the year, after disclosure control, with its trend.
    pub indicatoren: Vec<RaadIndicator>,
    /// Aanmeldingen and wachtlijst per wijkgebied, after disclosure control.
    pub wijkgebieden: Option<Wijkgebieden>,
    /// Begroting against realisatie for the year; `None` when it could not be computed.
    pub financieel: Option<RaadFinancieel>,
    /// Ontwikkelingen (raad.md, else the year's ontwikkelingen.md).
    pub ontwikkelingen: Verhaal,
    /// Vervolg (raad.md, else the year's aanbevelingen.md).
    pub vervolg: Verhaal,
    /// Other sections of raad.md, in their order.
    pub overige_teksten: Vec<Verhaaldeel>,
    /// Remarks on the figures (e.g. why the financial part is missing).
    pub opmerkingen: Vec<String>,
    /// The Proeftuin Ruwaard's own figures of the year after disclosure control (revision 3).
    pub proeftuin: Option<super::proeftuin::ProeftuinPubliek>,
    /// What a result cost (revision 3): `X.kosten_per_afgesloten` per werksoort over three years,
    /// oldest first; filled in by the run. Small numbers suppressed (see [`KostenJaar`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub kosten_per_afgesloten: Vec<KostenReeks>,
    /// Data quality: counts only.
    pub datakwaliteit: DatakwaliteitSamenvatting,
}

/// The generated factual summary.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Samenvatting {
    /// Indicators with a norm (a streefwaarde) in the year's agreement.
    pub normen: usize,
    /// Of those: `gehaald`.
    pub gehaald: usize,
    /// Of those: `niet_gehaald`.
    pub niet_gehaald: usize,
    /// Of those: no judgement (`nvt` or `geen_gegevens`).
    pub zonder_oordeel: usize,
    /// Ids of the norms not met, in catalogue order.
    pub niet_gehaald_ids: Vec<String>,
    /// The largest movements against the previous year (at most three).
    pub bewegingen: Vec<Beweging>,
    /// The financial result of the year, when available.
    pub financieel: Option<Geldregel>,
    /// The summary as Dutch sentences, in reading order.
    pub zinnen: Vec<String>,
}

/// A movement of an indicator against the previous year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Beweging {
    /// Indicator id.
    pub id: String,
    /// Previous year's value.
    #[serde(serialize_with = "ser_decimal")]
    pub van: Decimal,
    /// This year's value.
    #[serde(serialize_with = "ser_decimal")]
    pub naar: Decimal,
    /// Fractions: the change in percentage points; counts: the change in percent.
    #[serde(serialize_with = "ser_decimal")]
    pub verschil: Decimal,
    /// `procentpunt` or `procent`.
    pub maat: &'static str,
    /// The sentence.
    pub zin: String,
}

/// One value of the trend.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Jaarwaarde {
    /// The year.
    pub jaar: i32,
    /// The value after disclosure control.
    #[serde(flatten)]
    pub waarde: Waarde,
    /// The status that year (`None` when the year has no data).
    pub status: Option<Status>,
}

/// An indicator of the year after disclosure control.
///
/// JSON: the fields of the other deliverables' `indicatoren[]` (`teller`, `noemer`, `waarde`
/// are numbers or `null`), plus `onderdrukt` (true when any of the three is withheld),
/// `onderdrukte_velden`, `weergave` (the value as shown: `90,6%`, `<5`, `*`, `x`) and `trend`.
#[derive(Debug, Clone, PartialEq)]
pub struct RaadIndicator {
    /// Catalogue id.
    pub id: String,
    /// Werksoort code (or `SW`).
    pub werksoort: String,
    /// Dutch name.
    pub naam: String,
    /// Short name for chart axes (the name itself when the catalogue has no short one).
    pub kort_naam: String,
    /// Unit.
    pub eenheid: Eenheid,
    /// Teller (fractions only).
    pub teller: Waarde,
    /// Noemer (fractions only).
    pub noemer: Waarde,
    /// The value.
    pub waarde: Waarde,
    /// The norm, if any.
    pub norm: Option<NormJson>,
    /// Status in the year.
    pub status: Status,
    /// y-2, y-1, y.
    pub trend: Vec<Jaarwaarde>,
}

impl RaadIndicator {
    /// Whether any of teller, noemer, waarde is withheld.
    pub fn onderdrukt(&self) -> bool {
        self.teller.onderdrukt || self.noemer.onderdrukt || self.waarde.onderdrukt
    }
}

impl Serialize for RaadIndicator {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Uit<'a> {
            id: &'a str,
            werksoort: &'a str,
            naam: &'a str,
            kort_naam: &'a str,
            eenheid: Eenheid,
            #[serde(serialize_with = "ser_opt_decimal")]
            teller: Option<Decimal>,
            #[serde(serialize_with = "ser_opt_decimal")]
            noemer: Option<Decimal>,
            #[serde(serialize_with = "ser_opt_decimal")]
            waarde: Option<Decimal>,
            onderdrukt: bool,
            #[serde(skip_serializing_if = "Vec::is_empty")]
            onderdrukte_velden: Vec<&'static str>,
            weergave: &'a str,
            norm: &'a Option<NormJson>,
            status: Status,
            trend: &'a [Jaarwaarde],
        }
        let velden = [
            ("teller", &self.teller),
            ("noemer", &self.noemer),
            ("waarde", &self.waarde),
        ]
        .into_iter()
        .filter(|(_, w)| w.onderdrukt)
        .map(|(n, _)| n)
        .collect();
        Uit {
            id: &self.id,
            werksoort: &self.werksoort,
            naam: &self.naam,
            kort_naam: &self.kort_naam,
            eenheid: self.eenheid,
            teller: self.teller.waarde,
            noemer: self.noemer.waarde,
            waarde: self.waarde.waarde,
            onderdrukt: self.onderdrukt(),
            onderdrukte_velden: velden,
            weergave: &self.waarde.weergave,
            norm: &self.norm,
            status: self.status,
            trend: &self.trend,
        }
        .serialize(s)
    }
}

/// Progress of one werksoort.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WerksoortVoortgang {
    /// Werksoort code (or `SW`).
    pub code: String,
    /// Dutch name.
    pub naam: String,
    /// Wmo or Jeugdwet (`None` for SW).
    pub financiering: Option<Financiering>,
    /// Ids of the indicators in the letter's table (the uitstroom breakdown, the p90 and the
    /// overschrijding details are in the appendix only).
    pub indicatoren: Vec<String>,
    /// Norms with a streefwaarde.
    pub normen: usize,
    /// Of those met.
    pub gehaald: usize,
    /// Of those not met.
    pub niet_gehaald: usize,
    /// A generated sentence about the werksoort.
    pub zin: String,
}

/// The wijkgebied breakdown of the year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Wijkgebieden {
    /// Row labels: (code, naam) in the agreement's order.
    pub wijkgebieden: Vec<(String, String)>,
    /// Column codes of the aanmeldingen table.
    pub werksoorten: Vec<String>,
    /// Aanmeldingen in the year per wijkgebied × werksoort.
    pub aanmeldingen: Kruistabel,
    /// Column codes of the wachtlijst table.
    pub werksoorten_wachtlijst: Vec<String>,
    /// Wachtlijst at the peildatum per wijkgebied × werksoort.
    pub wachtlijst: Kruistabel,
    /// Codes of the wijkgebieden without a qualifying ontmoetingsactiviteit in the year.
    pub zonder_ontmoeting: Vec<String>,
}

/// Money of one werksoort, financiering or the total for the year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Geldregel {
    /// Werksoort code, `Wmo`, `Jeugdwet` or `totaal`.
    pub code: String,
    /// Dutch name.
    pub naam: String,
    /// Begroting for the year.
    #[serde(serialize_with = "ser_decimal")]
    pub begroting: Decimal,
    /// Realisatie in the year.
    #[serde(serialize_with = "ser_decimal")]
    pub realisatie: Decimal,
    /// realisatie − begroting (positive: more spent than budgeted).
    #[serde(serialize_with = "ser_decimal")]
    pub verschil: Decimal,
    /// verschil / begroting; `null` when the begroting is zero.
    #[serde(serialize_with = "ser_opt_decimal")]
    pub verschil_pct: Option<Decimal>,
}

impl Geldregel {
    fn van(code: &str, t: &Totaal) -> Geldregel {
        Geldregel {
            code: code.to_string(),
            naam: t.naam.clone(),
            begroting: t.begroting_periode,
            realisatie: t.realisatie_periode,
            verschil: t.verschil,
            verschil_pct: t.verschil_pct,
        }
    }
}

/// A begroting regel whose variance needs an analysis, with the analysis when delivered.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verschilregel {
    /// The regel id.
    pub regel_id: String,
    /// Werksoort code.
    pub werksoort: String,
    /// The line's name.
    pub naam: String,
    /// realisatie − begroting.
    #[serde(serialize_with = "ser_decimal")]
    pub verschil: Decimal,
    /// verschil / begroting.
    #[serde(serialize_with = "ser_opt_decimal")]
    pub verschil_pct: Option<Decimal>,
    /// The analysis from the year's analyses.csv; `None`: not delivered.
    pub analyse: Option<String>,
}

/// The financial part: the year per werksoort and per financiering.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RaadFinancieel {
    /// Per werksoort, in the agreement's order.
    pub werksoorten: Vec<Geldregel>,
    /// Wmo and Jeugdwet.
    pub financiering: Vec<Geldregel>,
    /// All lines.
    pub totaal: Geldregel,
    /// The Proeftuin Ruwaard earmark (part of the subsidy, not added to any total).
    pub proeftuin: Option<ProeftuinMemo>,
    /// Lines whose variance needs an analysis.
    pub verschillen: Vec<Verschilregel>,
}

/// A narrative part: where it came from and its Markdown parts.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Verhaal {
    /// The file it came from (`raad.md`, `ontwikkelingen.md`, …); `None`: niet aangeleverd.
    pub bron: Option<String>,
    /// The parts (empty: niet aangeleverd).
    pub delen: Vec<Verhaaldeel>,
}

/// A piece of Markdown with an optional heading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verhaaldeel {
    /// Heading (e.g. a werksoort name); `None` for the general part.
    pub titel: Option<String>,
    /// The Markdown text.
    pub markdown: String,
}

/// Row counts of one input file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bestandstelling {
    /// Path relative to the data directory.
    pub pad: String,
    /// Data lines read.
    pub gelezen: usize,
    /// Lines accepted.
    pub geaccepteerd: usize,
    /// Lines rejected.
    pub afgekeurd: usize,
}

/// The data-quality summary of the raad report: counts only, never a row or a value.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct DatakwaliteitSamenvatting {
    /// Per file.
    pub bestanden: Vec<Bestandstelling>,
    /// Sum of `gelezen`.
    pub gelezen: usize,
    /// Sum of `geaccepteerd`.
    pub geaccepteerd: usize,
    /// Sum of `afgekeurd`.
    pub afgekeurd: usize,
    /// Number of warnings.
    pub waarschuwingen: usize,
}

impl DatakwaliteitSamenvatting {
    /// The counts of a data-quality account.
    pub fn van(k: &Datakwaliteit) -> Self {
        let bestanden: Vec<Bestandstelling> = k
            .bestanden
            .iter()
            .map(|b| Bestandstelling {
                pad: b.pad.clone(),
                gelezen: b.gelezen,
                geaccepteerd: b.geaccepteerd,
                afgekeurd: b.afgekeurd,
            })
            .collect();
        DatakwaliteitSamenvatting {
            gelezen: bestanden.iter().map(|b| b.gelezen).sum(),
            geaccepteerd: bestanden.iter().map(|b| b.geaccepteerd).sum(),
            afgekeurd: bestanden.iter().map(|b| b.afgekeurd).sum(),
            waarschuwingen: k.waarschuwingen.len(),
            bestanden,
        }
    }
}

/// raad.md split into its parts.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RaadTekst {
    /// Text before the first section (a document title heading left out).
    pub inleiding: Option<String>,
    /// `## Kernboodschap`.
    pub kernboodschap: Option<String>,
    /// `## Ontwikkelingen`.
    pub ontwikkelingen: Option<String>,
    /// `## Vervolg`.
    pub vervolg: Option<String>,
    /// Any other section: (heading, Markdown).
    pub overig: Vec<(String, String)>,
}

fn niveau(l: HeadingLevel) -> u8 {
    l as u8
}

/// What a section heading of raad.md stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Deel {
    Kern,
    Ontwikkelingen,
    Vervolg,
    Overig,
}

fn deel_van(titel: &str) -> Deel {
    let t = titel.trim().to_lowercase();
    if t.starts_with("kernboodschap") {
        Deel::Kern
    } else if t.contains("ontwikkeling") {
        Deel::Ontwikkelingen
    } else if t.contains("vervolg") {
        Deel::Vervolg
    } else {
        Deel::Overig
    }
}

/// Splits raad.md into kernboodschap, ontwikkelingen, vervolg and other sections.
///
/// The section level is the level of the highest heading named Kernboodschap, Ontwikkelingen
/// or Vervolg (else the highest heading level in the text); headings above that level (a
/// document title) are left out. Text before the first section is the kernboodschap when there
/// is no Kernboodschap section, else the inleiding. Parsing is pulldown-cmark's, so headings in
/// code blocks do not count.
pub fn splits_raad_md(md: &str) -> RaadTekst {
    // (level, title, start of heading, end of heading)
    let mut koppen: Vec<(u8, String, usize, usize)> = Vec::new();
    let mut open: Option<(u8, String, usize)> = None;
    for (e, r) in Parser::new(md).into_offset_iter() {
        match e {
            Event::Start(Tag::Heading { level, .. }) => open = Some((niveau(level), String::new(), r.start)),
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, titel, _)) = open.as_mut() {
                    titel.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((n, titel, start)) = open.take() {
                    koppen.push((n, titel.trim().to_string(), start, r.end));
                }
            }
            _ => {}
        }
    }
    let niet_leeg = |s: &str| {
        let s = s.trim();
        (!s.is_empty()).then(|| s.to_string())
    };
    let sectieniveau = koppen
        .iter()
        .filter(|k| deel_van(&k.1) != Deel::Overig)
        .map(|k| k.0)
        .min()
        .or_else(|| koppen.iter().map(|k| k.0).min());
    let mut uit = RaadTekst::default();
    let Some(sn) = sectieniveau else {
        uit.kernboodschap = niet_leeg(md);
        return uit;
    };
    let secties: Vec<&(u8, String, usize, usize)> = koppen.iter().filter(|k| k.0 == sn).collect();
    // Text before the first section, without title headings above the section level.
    let eerste = secties.first().map_or(md.len(), |k| k.2);
    let mut inleiding = String::new();
    let mut pos = 0;
    for k in koppen.iter().filter(|k| k.0 < sn && k.2 < eerste) {
        inleiding.push_str(&md[pos..k.2]);
        pos = k.3;
    }
    inleiding.push_str(&md[pos.min(eerste)..eerste]);
    for (i, k) in secties.iter().enumerate() {
        let einde = secties.get(i + 1).map_or(md.len(), |v| v.2);
        let Some(tekst) = niet_leeg(&md[k.3..einde]) else {
            continue;
        };
        let plek = match deel_van(&k.1) {
            Deel::Kern => &mut uit.kernboodschap,
            Deel::Ontwikkelingen => &mut uit.ontwikkelingen,
            Deel::Vervolg => &mut uit.vervolg,
            Deel::Overig => {
                uit.overig.push((k.1.clone(), tekst));
                continue;
            }
        };
        match plek {
            Some(bestaand) => {
                bestaand.push_str("\n\n");
                bestaand.push_str(&tekst);
            }
            None => *plek = Some(tekst),
        }
    }
    let inleiding = niet_leeg(&inleiding);
    if uit.kernboodschap.is_none() {
        uit.kernboodschap = inleiding;
    } else {
        uit.inleiding = inleiding;
    }
    uit
}

/// Everything [`assembleer`] needs; the figures are computed by the caller (see [`bereken`]).
#[derive(Debug, Clone)]
pub struct Invoer<'a> {
    /// The agreement of the year.
    pub afspraken: &'a Afspraken,
    /// The year.
    pub jaar: i32,
    /// The indicators per year for y-2, y-1 and y; a year that is absent has no data.
    pub indicatoren: &'a BTreeMap<i32, Vec<Indicator>>,
    /// The wijkgebied breakdown of the year, if computed.
    pub wijkgebieden: Option<&'a [Wijkgebiedcijfers]>,
    /// The financial figures of the year, if available.
    pub financieel: Option<&'a Financieel>,
    /// The Proeftuin memo line of the year, if available.
    pub proeftuin: Option<&'a ProeftuinMemo>,
    /// `toelichting/<jaar>/`.
    pub toelichting: &'a Toelichting,
    /// The data-quality account of the run.
    pub datakwaliteit: &'a Datakwaliteit,
    /// Remarks to pass on (e.g. why the financial figures are missing).
    pub opmerkingen: Vec<String>,
}

fn geheel(d: Option<Decimal>) -> Option<i64> {
    d.filter(|d| d.fract().is_zero()).and_then(|d| d.to_i64())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Veld {
    Teller,
    Noemer,
    Waarde,
}

/// The numbers of one year that take part in disclosure control.
#[derive(Default)]
struct Register {
    waarden: Vec<i64>,
    reden: Vec<Option<Reden>>,
    vast: Vec<bool>,
    index: HashMap<(String, Veld), usize>,
}

impl Register {
    fn voeg_toe(&mut self, waarde: i64, reden: Option<Reden>, vast: bool) -> usize {
        self.waarden.push(waarde);
        self.reden.push(reden);
        self.vast.push(vast);
        self.waarden.len() - 1
    }

    fn cel(&self, id: &str, veld: Veld) -> Option<usize> {
        self.index.get(&(id.to_string(), veld)).copied()
    }
}

/// The indicator whose count equals the noemer of `id` (the same hulpvragen).
fn noemer_gelijk_aan(id: &str) -> Option<String> {
    let (ws, rest) = id.split_once('.')?;
    let zelfde = rest.starts_with("uitstroom.")
        || matches!(
            id,
            "ISW.uitstroom_zelfstandig" | "JGD.uitstroom_jeugdhulp" | "JW.warme_overdracht"
        );
    zelfde.then(|| format!("{ws}.afgesloten"))
}

fn is_persoonsbreuk(i: &Indicator) -> bool {
    i.eenheid == Eenheid::Fractie && !NIET_PERSONEN.contains(&i.id.as_str())
}

/// Formats a shown value by unit: every figure carries its unit (`87,5%`, `6 dagen`,
/// `9 weken`, `€ 1.234,50`); a count is a number of what the indicator counts.
fn weergave(eenheid: Eenheid, w: Decimal) -> String {
    match eenheid {
        Eenheid::Fractie => format::procent_dec(w),
        Eenheid::Aantal => format::decimaal(w, 0),
        Eenheid::Gemiddelde => format::decimaal(w, 1),
        Eenheid::Dagen => format::dagen(w),
        Eenheid::Weken => format::weken(w),
        Eenheid::Euro => format::euro(w),
    }
}

/// A count or amount of hours as shown (`1.234` or `1.234,5`).
fn getal(d: Decimal) -> String {
    let n = d.normalize();
    format::decimaal(n, n.scale().min(2))
}

/// Disclosure control of one year's indicators (see the module docs): per id the teller, noemer
/// and waarde as published. Counts have an empty teller and noemer.
pub fn beveilig(indicatoren: &[Indicator], regel: &Onderdrukking) -> BTreeMap<String, Breuk> {
    let mut reg = Register::default();
    let klein = |n: i64| onderdrukking::is_klein(n, regel).then_some(Reden::KleinAantal);
    // Counts of persons first (they are the targets of the noemer aliases).
    for i in indicatoren.iter().filter(|i| i.eenheid == Eenheid::Aantal) {
        if let Some(n) = geheel(i.waarde) {
            let vast = i.id.ends_with(".aanmeldingen") || i.id.ends_with(".wachtlijst");
            let c = reg.voeg_toe(n, klein(n), vast);
            reg.index.insert((i.id.clone(), Veld::Waarde), c);
        }
    }
    for i in indicatoren.iter().filter(|i| is_persoonsbreuk(i)) {
        let (Some(t), Some(n)) = (geheel(i.teller), geheel(i.noemer)) else {
            continue;
        };
        let kleine_noemer = n >= 1 && n < i64::from(regel.min_noemer);
        let rt = klein(t).or(kleine_noemer.then_some(Reden::KleineNoemer));
        // The figures of a norm are what the raad reads first: never a complement while
        // another candidate exists.
        let norm = i.norm.is_some();
        let ct = reg.voeg_toe(t, rt, norm);
        reg.index.insert((i.id.clone(), Veld::Teller), ct);
        let alias = noemer_gelijk_aan(&i.id)
            .and_then(|a| reg.cel(&a, Veld::Waarde))
            .filter(|&c| reg.waarden[c] == n);
        let cn = match alias {
            Some(c) => {
                reg.vast[c] |= norm;
                c
            }
            None => reg.voeg_toe(n, klein(n), norm),
        };
        reg.index.insert((i.id.clone(), Veld::Noemer), cn);
    }

    let mut lijnen = Vec::new();
    // Uitstroom codes + hulpvragen without code = afgesloten. For ISW and JGD two codes are also
    // published together as a normed indicator; the lines follow that hierarchy (the aggregate in
    // the line of all codes, its two codes in a line of their own), otherwise the difference of
    // the two lines would give a withheld code back.
    for (ws, groep) in [
        ("ISW", Some(("ISW.uitstroom_zelfstandig", ["zelfstandig", "netwerk"]))),
        ("CSW", None),
        (
            "JGD",
            Some(("JGD.uitstroom_jeugdhulp", ["jeugdhulp", "specialistisch"])),
        ),
    ] {
        let Some(totaal) = reg.cel(&format!("{ws}.afgesloten"), Veld::Waarde) else {
            continue;
        };
        let groep = groep.and_then(|(id, codes)| reg.cel(id, Veld::Teller).map(|c| (c, codes)));
        let mut delen: Vec<usize> = groep.iter().map(|(c, _)| *c).collect();
        let los: Option<Vec<usize>> = UITSTROOM_CODES
            .iter()
            .filter(|c| !groep.is_some_and(|(_, codes)| codes.contains(c)))
            .map(|c| reg.cel(&format!("{ws}.uitstroom.{c}"), Veld::Teller))
            .collect();
        let Some(los) = los else { continue };
        delen.extend(los);
        let rest = reg.waarden[totaal] - delen.iter().map(|&c| reg.waarden[c]).sum::<i64>();
        if rest < 0 {
            continue;
        }
        let r = reg.voeg_toe(rest, (rest > 0).then_some(Reden::NietGepubliceerd), false);
        delen.push(r);
        lijnen.push(Lijn { delen, totaal });
    }
    // The noemer of JGD.zelf_opgelost_max5 + the teller of JGD.uitstroom_jeugdhulp + the rest
    // (never published) = JGD.afgesloten.
    if let (Some(n), Some(t), Some(totaal)) = (
        reg.cel("JGD.zelf_opgelost_max5", Veld::Noemer),
        reg.cel("JGD.uitstroom_jeugdhulp", Veld::Teller),
        reg.cel("JGD.afgesloten", Veld::Waarde),
    ) {
        let rest = reg.waarden[totaal] - reg.waarden[n] - reg.waarden[t];
        if rest >= 0 {
            let r = reg.voeg_toe(rest, (rest > 0).then_some(Reden::NietGepubliceerd), false);
            lijnen.push(Lijn {
                delen: vec![n, t, r],
                totaal,
            });
        }
    }
    let mut lijn = |delen: &[(&str, Veld)], totaal: (&str, Veld)| {
        let d: Option<Vec<usize>> = delen.iter().map(|(id, v)| reg.cel(id, *v)).collect();
        if let (Some(delen), Some(totaal)) = (d, reg.cel(totaal.0, totaal.1)) {
            let som: i64 = delen.iter().map(|&c| reg.waarden[c]).sum();
            if som == reg.waarden[totaal] {
                lijnen.push(Lijn { delen, totaal });
            }
        }
    };
    use Veld::{Noemer, Teller};
    lijn(
        &[("ISW.uitstroom.zelfstandig", Teller), ("ISW.uitstroom.netwerk", Teller)],
        ("ISW.uitstroom_zelfstandig", Teller),
    );
    lijn(
        &[
            ("JGD.uitstroom.jeugdhulp", Teller),
            ("JGD.uitstroom.specialistisch", Teller),
        ],
        ("JGD.uitstroom_jeugdhulp", Teller),
    );
    lijn(
        &[
            ("JGD.in_behandeling_2w", Teller),
            ("JGD.overschrijding_2w", Veld::Waarde),
        ],
        ("JGD.in_behandeling_2w", Noemer),
    );
    lijn(
        &[("JGD.toeleiding_8w", Teller), ("JGD.overschrijding_8w", Veld::Waarde)],
        ("JGD.toeleiding_8w", Noemer),
    );
    lijn(
        &[("ISW.aanmeldingen", Veld::Waarde), ("CSW.aanmeldingen", Veld::Waarde)],
        ("SW.herhaalde_hulpvraag", Noemer),
    );

    let reden = onderdrukking::secundair(&reg.waarden, &reg.reden, &reg.vast, &lijnen, regel);
    let waarde_van = |c: usize| match reden[c] {
        Some(r) => Waarde::onderdrukt(r, regel),
        None => Waarde::aantal(reg.waarden[c]),
    };

    let mut uit = BTreeMap::new();
    for i in indicatoren {
        let b = match i.eenheid {
            Eenheid::Aantal => match reg.cel(&i.id, Veld::Waarde) {
                Some(c) => Breuk {
                    teller: Waarde::leeg(),
                    noemer: Waarde::leeg(),
                    waarde: waarde_van(c),
                },
                None => vrij(i),
            },
            Eenheid::Fractie => match (reg.cel(&i.id, Veld::Teller), reg.cel(&i.id, Veld::Noemer)) {
                (Some(ct), Some(cn)) => onderdrukking::breuk_met(
                    reg.waarden[ct],
                    reg.waarden[cn],
                    reden[ct].is_some(),
                    reden[cn].is_some(),
                    regel,
                ),
                _ => vrij(i),
            },
            Eenheid::Dagen | Eenheid::Weken => {
                let basis =
                    i.id.strip_suffix(".weken_totaal")
                        .or_else(|| i.id.strip_suffix(".weken_gemiddeld"))
                        .or_else(|| i.id.strip_suffix(".weken_max"));
                match basis.and_then(|b| reg.cel(b, Veld::Waarde)) {
                    Some(c) if reden[c].is_some() && i.waarde.is_some() => Breuk {
                        teller: Waarde::leeg(),
                        noemer: Waarde::leeg(),
                        waarde: Waarde::onderdrukt(Reden::KleineNoemer, regel),
                    },
                    Some(c) => Breuk {
                        teller: Waarde::leeg(),
                        noemer: Waarde::leeg(),
                        waarde: onderdrukking::statistiek(i.waarde, reg.waarden[c], regel, |w| weergave(i.eenheid, w)),
                    },
                    None => vrij(i),
                }
            }
            // Amounts and means of deelnemers per group count no hulpvragers.
            Eenheid::Euro | Eenheid::Gemiddelde => vrij(i),
        };
        uit.insert(i.id.clone(), b);
    }
    uit
}

/// An indicator shown as it is (no persons, or no integer counts).
fn vrij(i: &Indicator) -> Breuk {
    let toon = |d: Option<Decimal>| d.map_or_else(Waarde::leeg, |d| Waarde::getoond(d, getal(d)));
    Breuk {
        teller: toon(i.teller),
        noemer: toon(i.noemer),
        waarde: i
            .waarde
            .map_or_else(Waarde::leeg, |w| Waarde::getoond(w, weergave(i.eenheid, w))),
    }
}

/// Whether the indicator is in a werksoort's table in the letter (the rest is in the appendix).
pub fn in_brief(id: &str) -> bool {
    !(id.contains(".uitstroom.") || id.ends_with("_p90") || id.contains(".overschrijding_"))
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// The sentence on the norms of a year: how many norms with a streefwaarde there were and how
/// many of them were met, not met, or could not be judged, in natural Dutch for any counts:
/// "Voor 2024 gold 1 norm met een streefwaarde; die is gehaald.", "Voor 2024 golden 12 normen met
/// een streefwaarde; 8 daarvan zijn gehaald en 4 niet.", "…; alle 11 zijn gehaald."
pub fn normen_zin(jaar: i32, normen: usize, gehaald: usize, niet: usize, zonder: usize) -> String {
    use format::{is_zijn, telling, vorm};
    if normen == 0 {
        return format!("Voor {jaar} gelden geen normen met een streefwaarde.");
    }
    const GEEN_OORDEEL: &str = "was geen oordeel mogelijk (geen gegevens, of de norm gold nog niet)";
    let begin = format!(
        "Voor {jaar} {} {} met een streefwaarde",
        vorm(normen, "gold", "golden"),
        telling(normen, "norm", "normen")
    );
    let rest = if normen == 1 {
        if gehaald == 1 {
            "die is gehaald".to_string()
        } else if niet == 1 {
            "die is niet gehaald".to_string()
        } else {
            format!("daarover {GEEN_OORDEEL}")
        }
    } else if gehaald == normen {
        format!("alle {normen} zijn gehaald")
    } else if niet == normen {
        "geen ervan is gehaald".to_string()
    } else if zonder == normen {
        "bij geen ervan was een oordeel mogelijk (geen gegevens, of de norm gold nog niet)".to_string()
    } else {
        let mut deel = match (gehaald, niet) {
            (0, n) => format!("{n} daarvan {} niet gehaald", is_zijn(n)),
            (g, 0) => format!("{g} daarvan {} gehaald", is_zijn(g)),
            (g, n) => format!("{g} daarvan {} gehaald en {n} niet", is_zijn(g)),
        };
        if zonder > 0 {
            deel.push_str(&format!("; bij {} {GEEN_OORDEEL}", telling(zonder, "norm", "normen")));
        }
        deel
    };
    format!("{begin}; {rest}.")
}

fn bewegingen(
    a: &Afspraken,
    jaar: i32,
    nu: &[Indicator],
    nu_b: &BTreeMap<String, Breuk>,
    vorig_b: Option<&BTreeMap<String, Breuk>>,
) -> Vec<Beweging> {
    let Some(vorig_b) = vorig_b else {
        return Vec::new();
    };
    let honderd = Decimal::ONE_HUNDRED;
    // (score, beweging); fractions score by percentage points, counts by percent / 2.
    let mut kandidaten: Vec<(Decimal, Beweging)> = Vec::new();
    for i in nu {
        let fractie = i.eenheid == Eenheid::Fractie && !i.id.contains(".uitstroom.");
        let volume = i.id.ends_with(".aanmeldingen") || i.id.ends_with(".wachtlijst");
        if !(fractie || volume) {
            continue;
        }
        let (Some(naar), Some(van)) = (
            nu_b.get(&i.id).and_then(|b| b.waarde.waarde),
            vorig_b.get(&i.id).and_then(|b| b.waarde.waarde),
        ) else {
            continue;
        };
        let ws = lower_first(&a.werksoortnaam(&i.werksoort));
        let richting = if naar > van { "steeg" } else { "daalde" };
        if fractie {
            let pp = ((naar - van) * honderd).round_dp(1);
            if pp.abs() < Decimal::ONE {
                continue;
            }
            let zin = format!(
                "Het aandeel ‘{}’ bij {ws} {richting} van {} in {} naar {} in {jaar} ({}{} procentpunt).",
                lower_first(&i.naam),
                format::procent_dec(van),
                jaar - 1,
                format::procent_dec(naar),
                if pp > Decimal::ZERO { "+" } else { "−" },
                format::decimaal(pp.abs(), 1),
            );
            kandidaten.push((
                pp.abs(),
                Beweging {
                    id: i.id.clone(),
                    van,
                    naar,
                    verschil: pp,
                    maat: "procentpunt",
                    zin,
                },
            ));
        } else {
            if van.is_zero() {
                continue;
            }
            let pct = ((naar - van) / van * honderd).round_dp(1);
            if pct.abs() < Decimal::from(5) {
                continue;
            }
            let onderwerp = if i.id.ends_with(".aanmeldingen") {
                "Het aantal aanmeldingen"
            } else {
                "De wachtlijst op 31 december"
            };
            let zin = format!(
                "{onderwerp} bij {ws} {richting} van {} naar {} ({}{}%).",
                format::decimaal(van, 0),
                format::decimaal(naar, 0),
                if pct > Decimal::ZERO { "+" } else { "−" },
                format::decimaal(pct.abs(), 1),
            );
            kandidaten.push((
                pct.abs() / Decimal::TWO,
                Beweging {
                    id: i.id.clone(),
                    van,
                    naar,
                    verschil: pct,
                    maat: "procent",
                    zin,
                },
            ));
        }
    }
    // Largest first; on a tie the catalogue order (stable sort).
    kandidaten.sort_by_key(|k| std::cmp::Reverse(k.0));
    kandidaten.into_iter().take(3).map(|(_, b)| b).collect()
}

/// "Voor 2024 was € 8.812.345 begroot; gerealiseerd is € 8.700.000, € 112.345 (1,3%) minder dan begroot."
pub fn financieel_zin(jaar: i32, t: &Geldregel) -> String {
    let verschil = t.verschil.abs();
    let pct = t
        .verschil_pct
        .map(|p| format!(" ({})", format::procent_dec(p.abs())))
        .unwrap_or_default();
    let hoe = if t.verschil > Decimal::ZERO {
        format!("{}{pct} meer dan begroot", format::euro_rond(verschil))
    } else if t.verschil < Decimal::ZERO {
        format!("{}{pct} minder dan begroot", format::euro_rond(verschil))
    } else {
        "precies het begrote bedrag".to_string()
    };
    format!(
        "Voor {jaar} was {} begroot; gerealiseerd is {}, {hoe}.",
        format::euro_rond(t.begroting),
        format::euro_rond(t.realisatie),
    )
}

fn verhaal_uit_markdowntekst(t: Option<&crate::ingest::MarkdownTekst>, bestand: &str, a: &Afspraken) -> Verhaal {
    let Some(t) = t else { return Verhaal::default() };
    let mut delen = Vec::new();
    if !t.algemeen.trim().is_empty() {
        delen.push(Verhaaldeel {
            titel: None,
            markdown: t.algemeen.trim().to_string(),
        });
    }
    // Werksoorten in the agreement's order, then any other heading in key order.
    let mut codes: Vec<&String> = a
        .werksoorten
        .iter()
        .filter_map(|w| t.per_werksoort.get_key_value(&w.code).map(|(k, _)| k))
        .collect();
    codes.extend(t.per_werksoort.keys().filter(|k| a.werksoort(k).is_none()));
    for c in codes {
        let md = t.per_werksoort[c].trim();
        if !md.is_empty() {
            delen.push(Verhaaldeel {
                titel: Some(a.werksoortnaam(c)),
                markdown: md.to_string(),
            });
        }
    }
    if delen.is_empty() {
        return Verhaal::default();
    }
    Verhaal {
        bron: Some(bestand.to_string()),
        delen,
    }
}

fn verhaal_uit_raad(md: Option<String>) -> Verhaal {
    match md {
        Some(md) => Verhaal {
            bron: Some("raad.md".into()),
            delen: vec![Verhaaldeel {
                titel: None,
                markdown: md,
            }],
        },
        None => Verhaal::default(),
    }
}

fn wijkgebieden(a: &Afspraken, w: &[Wijkgebiedcijfers], regel: &Onderdrukking) -> Wijkgebieden {
    let ws: Vec<String> = werksoort::WERKSOORTEN.iter().map(|s| s.to_string()).collect();
    let ws_w: Vec<String> = WERKSOORTEN_MET_WACHTLIJST.iter().map(|s| s.to_string()).collect();
    let rooster = |kies: &dyn Fn(&Wijkgebiedcijfers, &str) -> i64, kolommen: &[String]| -> Vec<Vec<i64>> {
        w.iter()
            .map(|r| kolommen.iter().map(|k| kies(r, k)).collect())
            .collect()
    };
    let aanm = rooster(&|r, k| r.aanmeldingen.get(k).copied().unwrap_or(0), &ws);
    let wacht = rooster(&|r, k| r.wachtlijst.get(k).copied().unwrap_or(0), &ws_w);
    Wijkgebieden {
        wijkgebieden: w
            .iter()
            .map(|r| {
                let naam = a.wijkgebied(&r.code).map_or_else(|| r.naam.clone(), |x| x.naam.clone());
                (r.code.clone(), naam)
            })
            .collect(),
        aanmeldingen: onderdrukking::kruistabel(&aanm, true, regel),
        werksoorten: ws,
        wachtlijst: onderdrukking::kruistabel(&wacht, true, regel),
        werksoorten_wachtlijst: ws_w,
        zonder_ontmoeting: w
            .iter()
            .filter(|r| !r.ontmoetingsactiviteit)
            .map(|r| r.code.clone())
            .collect(),
    }
}

/// The indicators of the year with their disclosure-controlled values and their three-year
/// trend.
fn raad_indicatoren(
    invoer: &Invoer<'_>,
    jaren: &[i32],
    beveiligd: &BTreeMap<i32, BTreeMap<String, Breuk>>,
) -> Vec<RaadIndicator> {
    let y = invoer.jaar;
    let leeg: Vec<Indicator> = Vec::new();
    let nu = invoer.indicatoren.get(&y).unwrap_or(&leeg);
    let b_nu = beveiligd.get(&y).cloned().unwrap_or_default();
    nu.iter()
        .map(|i| {
            let b = b_nu.get(&i.id).cloned().unwrap_or_else(|| vrij(i));
            let trend = jaren
                .iter()
                .map(|j| Jaarwaarde {
                    jaar: *j,
                    waarde: beveiligd
                        .get(j)
                        .and_then(|m| m.get(&i.id))
                        .map_or_else(Waarde::leeg, |b| b.waarde.clone()),
                    status: invoer
                        .indicatoren
                        .get(j)
                        .and_then(|v| v.iter().find(|x| x.id == i.id))
                        .map(|x| x.status),
                })
                .collect();
            RaadIndicator {
                id: i.id.clone(),
                werksoort: i.werksoort.clone(),
                naam: i.naam.clone(),
                kort_naam: catalogus::korte_naam(&i.id).map_or_else(|| i.naam.clone(), str::to_string),
                eenheid: i.eenheid,
                teller: b.teller,
                noemer: b.noemer,
                waarde: b.waarde,
                norm: i.norm.clone(),
                status: i.status,
                trend,
            }
        })
        .collect()
}

/// Begroting against realisatie for the year, per werksoort and financiering, with the lines
/// whose difference needs an analysis (None without financial figures).
fn raad_financieel(invoer: &Invoer<'_>) -> Option<RaadFinancieel> {
    invoer.financieel.map(|f| RaadFinancieel {
        werksoorten: f.totalen.werksoort.iter().map(|(c, t)| Geldregel::van(c, t)).collect(),
        financiering: vec![
            Geldregel::van("Wmo", &f.totalen.financiering.wmo),
            Geldregel::van("Jeugdwet", &f.totalen.financiering.jeugdwet),
        ],
        totaal: Geldregel::van("totaal", &f.totalen.totaal),
        proeftuin: invoer.proeftuin.cloned(),
        verschillen: f
            .regels
            .iter()
            .filter(|r| r.analyse_vereist)
            .map(|r| Verschilregel {
                regel_id: r.regel_id.clone(),
                werksoort: r.werksoort.clone(),
                naam: r.naam.clone(),
                verschil: r.verschil,
                verschil_pct: r.verschil_pct,
                analyse: r.analyse.clone(),
            })
            .collect(),
    })
}

/// Progress per werksoort in report order: counts of the norms and a sentence on the
/// aanmeldingen and the norms.
fn voortgang_per_werksoort(
    a: &Afspraken,
    y: i32,
    nu: &[Indicator],
    beveiligd: &BTreeMap<i32, BTreeMap<String, Breuk>>,
) -> Vec<WerksoortVoortgang> {
    let b_nu = beveiligd.get(&y).cloned().unwrap_or_default();
    werksoort::VOLGORDE
        .iter()
        .filter(|c| nu.iter().any(|i| i.werksoort == **c))
        .map(|c| {
            let eigen: Vec<&Indicator> = nu.iter().filter(|i| i.werksoort == *c).collect();
            let normen = eigen.iter().filter(|i| i.norm.is_some()).count();
            let g = eigen
                .iter()
                .filter(|i| i.norm.is_some() && i.status == Status::Gehaald)
                .count();
            let n = eigen
                .iter()
                .filter(|i| i.norm.is_some() && i.status == Status::NietGehaald)
                .count();
            let mut zin = String::new();
            if let Some(b) = b_nu.get(&format!("{c}.aanmeldingen")) {
                let aantal = if b.waarde.weergave == "0" {
                    "geen"
                } else {
                    b.waarde.weergave.as_str()
                };
                zin.push_str(&format!("In {y} waren er {aantal} aanmeldingen"));
                let eerder: Vec<String> = [y - 1, y - 2]
                    .iter()
                    .filter_map(|j| {
                        beveiligd
                            .get(j)
                            .and_then(|m| m.get(&format!("{c}.aanmeldingen")))
                            .map(|b| format!("{j}: {}", b.waarde.weergave))
                    })
                    .collect();
                if !eerder.is_empty() {
                    zin.push_str(&format!(" ({})", eerder.join("; ")));
                }
                zin.push_str(". ");
            }
            if normen > 0 {
                zin.push_str(&normen_zin(y, normen, g, n, normen - g - n));
            } else {
                zin.push_str("Voor deze werksoort gelden geen normen met een streefwaarde; de cijfers worden gevolgd.");
            }
            WerksoortVoortgang {
                code: c.to_string(),
                naam: a.werksoortnaam(c),
                financiering: a.werksoort(c).map(|w| w.financiering),
                indicatoren: eigen.iter().filter(|i| in_brief(&i.id)).map(|i| i.id.clone()).collect(),
                normen,
                gehaald: g,
                niet_gehaald: n,
                zin: zin.trim().to_string(),
            }
        })
        .collect()
}

/// Assembles the raadsinformatie of `invoer.jaar` from computed figures and the toelichting.
pub fn assembleer(invoer: &Invoer<'_>) -> Raadsinformatie {
    let a = invoer.afspraken;
    let y = invoer.jaar;
    let regel = &a.onderdrukking;
    let jaren = vec![y - 2, y - 1, y];
    let leeg: Vec<Indicator> = Vec::new();
    let nu = invoer.indicatoren.get(&y).unwrap_or(&leeg);
    let beveiligd: BTreeMap<i32, BTreeMap<String, Breuk>> = jaren
        .iter()
        .filter_map(|j| invoer.indicatoren.get(j).map(|v| (*j, beveilig(v, regel))))
        .collect();
    let b_nu = beveiligd.get(&y).cloned().unwrap_or_default();

    let indicatoren = raad_indicatoren(invoer, &jaren, &beveiligd);

    // Norms.
    let met_norm: Vec<&Indicator> = nu.iter().filter(|i| i.norm.is_some()).collect();
    let gehaald = met_norm.iter().filter(|i| i.status == Status::Gehaald).count();
    let niet = met_norm.iter().filter(|i| i.status == Status::NietGehaald).count();
    let zonder = met_norm.len() - gehaald - niet;
    let niet_gehaald_ids: Vec<String> = met_norm
        .iter()
        .filter(|i| i.status == Status::NietGehaald)
        .map(|i| i.id.clone())
        .collect();

    let bewegingen = bewegingen(a, y, nu, &b_nu, beveiligd.get(&(y - 1)));

    let financieel = raad_financieel(invoer);

    let mut zinnen = vec![normen_zin(y, met_norm.len(), gehaald, niet, zonder)];
    if !niet_gehaald_ids.is_empty() {
        let namen: Vec<String> = met_norm
            .iter()
            .filter(|i| i.status == Status::NietGehaald)
            .map(|i| format!("{} – {}", a.werksoortnaam(&i.werksoort), lower_first(&i.naam)))
            .collect();
        zinnen.push(format!("Niet gehaald: {}.", namen.join("; ")));
    }
    if bewegingen.is_empty() && beveiligd.contains_key(&(y - 1)) {
        zinnen.push(format!("Er zijn geen grote verschuivingen ten opzichte van {}.", y - 1));
    }
    zinnen.extend(bewegingen.iter().map(|b| b.zin.clone()));
    if let Some(f) = &financieel {
        zinnen.push(financieel_zin(y, &f.totaal));
    }

    let werksoorten = voortgang_per_werksoort(a, y, nu, &beveiligd);

    // raad.md and the year's other narrative files.
    let raad = invoer
        .toelichting
        .raad
        .as_deref()
        .map(splits_raad_md)
        .unwrap_or_default();
    let mut ontwikkelingen = verhaal_uit_raad(raad.ontwikkelingen);
    if ontwikkelingen.delen.is_empty() {
        ontwikkelingen = verhaal_uit_markdowntekst(invoer.toelichting.ontwikkelingen.as_ref(), "ontwikkelingen.md", a);
    }
    let mut vervolg = verhaal_uit_raad(raad.vervolg);
    if vervolg.delen.is_empty() {
        vervolg = verhaal_uit_markdowntekst(invoer.toelichting.aanbevelingen.as_ref(), "aanbevelingen.md", a);
    }

    let volgend = y + 1;
    let maand = MAANDNAMEN
        .get(a.raad_maand.saturating_sub(1) as usize)
        .copied()
        .unwrap_or("juli");
    let periode = Periode::Jaar(y);
    let mut m = Raadsinformatie {
        rapport: RAPPORT,
        periode: periode.into(),
        status: Default::default(),
        ontbrekende_teksten: Vec::new(),
        gemeente: a.gemeente.clone(),
        aanbieder: a.aanbieder.clone(),
        onderwerp: format!("Voortgang sociaal werk {} in {y}", a.aanbieder),
        kenmerk: format!("RIB-SW-{y}"),
        verzendmaand: format!("{maand} {volgend}"),
        brief: Briefvorm::van(a, y),
        jaren,
        onderdrukking: Onderdrukkingsregel {
            min_aantal: regel.min_aantal,
            min_noemer: regel.min_noemer,
            max_klein_aantal: regel.min_aantal.saturating_sub(1),
        },
        samenvatting: Samenvatting {
            normen: met_norm.len(),
            gehaald,
            niet_gehaald: niet,
            zonder_oordeel: zonder,
            niet_gehaald_ids,
            bewegingen,
            financieel: financieel.as_ref().map(|f| f.totaal.clone()),
            zinnen,
        },
        kernboodschap: raad.kernboodschap,
        inleiding: raad.inleiding,
        werksoorten,
        indicatoren,
        wijkgebieden: invoer.wijkgebieden.map(|w| wijkgebieden(a, w, regel)),
        financieel,
        ontwikkelingen,
        vervolg,
        overige_teksten: raad
            .overig
            .into_iter()
            .map(|(t, md)| Verhaaldeel {
                titel: Some(t),
                markdown: md,
            })
            .collect(),
        opmerkingen: invoer.opmerkingen.clone(),
        proeftuin: None,
        kosten_per_afgesloten: Vec::new(),
        datakwaliteit: DatakwaliteitSamenvatting::van(invoer.datakwaliteit),
    };
    super::concept::markeer(&mut m, invoer.toelichting.raad.is_some());
    m
}

/// The first aanmelddatum in the data, as a date (None when there are no hulpvragen).
fn eerste_aanmelding(bron: &Bron) -> PolarsResult<Option<NaiveDate>> {
    Ok(bron
        .hv
        .column("aanm")?
        .i32()?
        .iter()
        .flatten()
        .min()
        .map(kpi::bron::datum))
}

impl Rapport for Raadsinformatie {
    const SOORT: &'static str = "raad";
    const RAPPORT: &'static str = RAPPORT;
    const BESTANDEN: &'static [&'static str] = &[
        "hulpvragen.csv",
        "uren.csv",
        "activiteiten.csv",
        "begroting.csv",
        "realisatie.csv",
        "formatie.csv",
    ];

    fn dient(p: &Periode) -> bool {
        matches!(p, Periode::Jaar(..))
    }

    fn laatste_periode(laatste: NaiveDate) -> Periode {
        Periode::laatste_jaar(laatste)
    }

    fn stel_op(c: &Cijfers, p: Periode) -> anyhow::Result<Self> {
        let mut m = bereken(c.bron, c.dataset, c.afspraken, p.jaar(), c.toelichting, c.datakwaliteit)?;
        m.status = super::concept::status(&m, c.status);
        Ok(m)
    }

    fn bevindingen(&self) -> Bevindingen {
        Bevindingen {
            heeft_normen: true,
            niet_gehaald: self
                .indicatoren
                .iter()
                .filter(|i| i.status == Status::NietGehaald)
                .map(|i| i.id.clone())
                .collect(),
            analyse_ontbreekt: Vec::new(),
            status: self.status,
            ontbrekende_teksten: self.ontbrekende_teksten.clone(),
        }
    }
}

/// Computes every figure for year `jaar` and assembles the raadsinformatie: the indicators of
/// the year and the two before it (each with the agreement of its own year; a year that ends
/// before the first aanmelding in the data counts as "no data"), the wijkgebied breakdown and
/// the financial figures of the year (when those cannot be computed, e.g. no begroting for the
/// year, the report says so instead of failing).
fn bereken(
    bron: &Bron,
    ds: &Dataset,
    set: &AfsprakenSet,
    jaar: i32,
    toelichting: &Toelichting,
    datakwaliteit: &Datakwaliteit,
) -> anyhow::Result<Raadsinformatie> {
    let a = set.voor_jaar(jaar);
    let eerste = eerste_aanmelding(bron)?;
    let mut per_jaar = BTreeMap::new();
    let mut opmerkingen = Vec::new();
    for j in [jaar - 2, jaar - 1, jaar] {
        let p = Periode::Jaar(j);
        if j != jaar && eerste.is_some_and(|e| p.peildatum() < e) {
            opmerkingen.push(format!("Over {j} zijn geen gegevens beschikbaar."));
            continue;
        }
        let v = kpi::bereken(bron, set.voor_jaar(j), p.tijdvak()).with_context(|| format!("indicatoren {j}"))?;
        per_jaar.insert(j, v);
    }
    let wijk = kpi::per_wijkgebied(bron, a, Periode::Jaar(jaar).tijdvak()).context("wijkgebieden")?;
    let cijfers = match finance::bereken(ds, set, Periode::Jaar(jaar), &toelichting.analyses) {
        Ok(c) => Some(c),
        Err(e) => {
            opmerkingen.push(format!("De financiële cijfers over {jaar} ontbreken: {e:#}."));
            None
        }
    };
    let mut m = assembleer(&Invoer {
        afspraken: a,
        jaar,
        indicatoren: &per_jaar,
        wijkgebieden: Some(&wijk),
        financieel: cijfers.as_ref().map(|c| &c.financieel),
        proeftuin: cijfers.as_ref().map(|c| &c.proeftuin),
        toelichting,
        datakwaliteit,
        opmerkingen,
    });
    let pt = kpi::proeftuin::bereken(bron, a, Periode::Jaar(jaar).tijdvak()).context("Proeftuin")?;
    let omvattend = omvattend(&m, &pt.wijkgebied);
    m.proeftuin = Some(super::proeftuin::publiek(&pt, a, &omvattend));
    m.kosten_per_afgesloten = kosten_reeksen(bron, ds, set, jaar, cijfers.as_ref().map(|c| &c.financieel));
    Ok(m)
}

/// The counts the letter publishes that include the Proeftuin's hulpvragen (see
/// [`super::proeftuin`]): the werksoorten's aanmeldingen, wachtlijst and afgesloten of the year,
/// and the cells and row total of the Proeftuin's wijkgebied in the wijkgebied tables. Withheld
/// counts are left out: nothing can be subtracted from them.
fn omvattend(m: &Raadsinformatie, wijkgebied: &str) -> Vec<super::proeftuin::Omvattend> {
    use super::proeftuin::{Omvattend, Telling};
    let getoond = |w: &Waarde| w.waarde.filter(|_| !w.onderdrukt).and_then(|d| d.to_i64());
    let mut v = Vec::new();
    for i in &m.indicatoren {
        let Some((ws, rest)) = i.id.split_once('.') else {
            continue;
        };
        let telling = match rest {
            "aanmeldingen" => Telling::Aanmeldingen,
            "wachtlijst" => Telling::Wachtlijst,
            "afgesloten" => Telling::Afgesloten,
            _ => continue,
        };
        if let Some(aantal) = getoond(&i.waarde) {
            v.push(Omvattend {
                werksoort: Some(ws.to_string()),
                telling,
                aantal,
            });
        }
    }
    if let Some(w) = &m.wijkgebieden
        && let Some(r) = w.wijkgebieden.iter().position(|(c, _)| c == wijkgebied)
    {
        for (tabel, kolommen, telling) in [
            (&w.aanmeldingen, &w.werksoorten, Telling::Aanmeldingen),
            (&w.wachtlijst, &w.werksoorten_wachtlijst, Telling::Wachtlijst),
        ] {
            for (k, ws) in kolommen.iter().enumerate() {
                if let Some(aantal) = tabel.cellen.get(r).and_then(|rij| rij.get(k)).and_then(getoond) {
                    v.push(Omvattend {
                        werksoort: Some(ws.clone()),
                        telling,
                        aantal,
                    });
                }
            }
            if let Some(aantal) = tabel.rijtotalen.get(r).and_then(getoond) {
                v.push(Omvattend {
                    werksoort: None,
                    telling,
                    aantal,
                });
            }
        }
    }
    v
}

/// `X.kosten_per_afgesloten` per werksoort over `jaar − 2 ..= jaar` (years without a begroting
/// are left out), with the public suppression of [`KostenJaar`]. `dit_jaar`: the financial
/// figures of `jaar` the caller computed already (the cost per result takes only their totals,
/// which the analyses do not change).
fn kosten_reeksen(
    bron: &Bron,
    ds: &Dataset,
    set: &AfsprakenSet,
    jaar: i32,
    dit_jaar: Option<&finance::Financieel>,
) -> Vec<KostenReeks> {
    let mut per_ws: BTreeMap<String, Vec<KostenJaar>> = BTreeMap::new();
    for j in jaar - 2..=jaar {
        let p = Periode::Jaar(j);
        // The figures per budget line only (no reconciliation): that is all the cost per
        // result needs.
        let fin = match dit_jaar.filter(|_| j == jaar) {
            Some(f) => std::borrow::Cow::Borrowed(f),
            None => match finance::financieel(ds, set, p, &BTreeMap::new()) {
                Ok(f) => std::borrow::Cow::Owned(f),
                Err(_) => continue,
            },
        };
        let Ok(afg) = kpi::outputs::afgesloten(bron, set.voor_jaar(j), p.tijdvak()) else {
            continue;
        };
        for i in finance::kosten::per_werksoort(&fin, |ws| afg.get(ws).copied()) {
            let n = i.noemer.unwrap_or_default();
            let klein = n >= rust_decimal::Decimal::ONE && n <= rust_decimal::Decimal::from(4);
            per_ws.entry(i.werksoort.clone()).or_default().push(KostenJaar {
                jaar: j,
                realisatie: i.teller.unwrap_or_default(),
                afgesloten: if klein {
                    "<5".into()
                } else {
                    crate::domein::format::decimaal(n, 0)
                },
                kosten: if klein { None } else { i.waarde },
                status: if klein {
                    "onderdrukt"
                } else if i.waarde.is_none() {
                    "geen_gegevens"
                } else {
                    "monitor"
                },
            });
        }
    }
    let a = set.voor_jaar(jaar);
    crate::domein::catalogus::WERKSOORTEN
        .iter()
        .filter_map(|ws| {
            let jaren = per_ws.remove(*ws)?;
            Some(KostenReeks {
                id: format!("{ws}.kosten_per_afgesloten"),
                werksoort: ws.to_string(),
                naam: a.werksoortnaam(ws),
                jaren,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raad_md_is_split_by_its_sections() {
        let md = "# Raadsinformatie 2024\n\nVooraf een zin.\n\n## Kernboodschap\n\nHet gaat **goed**.\n\n\
                  ## Ontwikkelingen\n\n- punt 1\n\n### Detail\n\nmeer\n\n## Vervolg\n\nWe blijven volgen.\n\n\
                  ## Bijzonderheden\n\nIets anders.\n";
        let t = splits_raad_md(md);
        assert_eq!(t.inleiding.as_deref(), Some("Vooraf een zin."));
        assert_eq!(t.kernboodschap.as_deref(), Some("Het gaat **goed**."));
        assert_eq!(t.ontwikkelingen.as_deref(), Some("- punt 1\n\n### Detail\n\nmeer"));
        assert_eq!(t.vervolg.as_deref(), Some("We blijven volgen."));
        assert_eq!(
            t.overig,
            vec![("Bijzonderheden".to_string(), "Iets anders.".to_string())]
        );
    }

    #[test]
    fn raad_md_without_headings_is_all_kernboodschap() {
        let t = splits_raad_md("  Alleen een boodschap.\n\nTweede alinea.\n");
        assert_eq!(
            t.kernboodschap.as_deref(),
            Some("Alleen een boodschap.\n\nTweede alinea.")
        );
        assert_eq!(t.inleiding, None);
        assert_eq!(splits_raad_md("   \n"), RaadTekst::default());
        // A heading inside a code block is no section.
        let t = splits_raad_md("## Vervolg\n\n```\n## Kernboodschap\n```\n");
        assert_eq!(t.kernboodschap, None);
        assert_eq!(t.vervolg.as_deref(), Some("```\n## Kernboodschap\n```"));
    }

    #[test]
    fn norm_sentence_counts_and_grammar() {
        // None.
        assert_eq!(
            normen_zin(2024, 0, 0, 0, 0),
            "Voor 2024 gelden geen normen met een streefwaarde."
        );
        // One norm: met, not met, not judged.
        assert_eq!(
            normen_zin(2024, 1, 1, 0, 0),
            "Voor 2024 gold 1 norm met een streefwaarde; die is gehaald."
        );
        assert_eq!(
            normen_zin(2024, 1, 0, 1, 0),
            "Voor 2024 gold 1 norm met een streefwaarde; die is niet gehaald."
        );
        assert_eq!(
            normen_zin(2023, 1, 0, 0, 1),
            "Voor 2023 gold 1 norm met een streefwaarde; daarover was geen oordeel mogelijk (geen gegevens, of \
             de norm gold nog niet)."
        );
        // Many, all alike.
        assert_eq!(
            normen_zin(2024, 11, 11, 0, 0),
            "Voor 2024 golden 11 normen met een streefwaarde; alle 11 zijn gehaald."
        );
        assert_eq!(
            normen_zin(2024, 3, 0, 3, 0),
            "Voor 2024 golden 3 normen met een streefwaarde; geen ervan is gehaald."
        );
        assert_eq!(
            normen_zin(2024, 2, 0, 0, 2),
            "Voor 2024 golden 2 normen met een streefwaarde; bij geen ervan was een oordeel mogelijk (geen \
             gegevens, of de norm gold nog niet)."
        );
        // Mixed.
        assert_eq!(
            normen_zin(2024, 12, 8, 4, 0),
            "Voor 2024 golden 12 normen met een streefwaarde; 8 daarvan zijn gehaald en 4 niet."
        );
        assert_eq!(
            normen_zin(2024, 11, 1, 9, 1),
            "Voor 2024 golden 11 normen met een streefwaarde; 1 daarvan is gehaald en 9 niet; bij 1 norm was \
             geen oordeel mogelijk (geen gegevens, of de norm gold nog niet)."
        );
        assert_eq!(
            normen_zin(2024, 4, 0, 1, 3),
            "Voor 2024 golden 4 normen met een streefwaarde; 1 daarvan is niet gehaald; bij 3 normen was geen \
             oordeel mogelijk (geen gegevens, of de norm gold nog niet)."
        );
        assert_eq!(
            normen_zin(2024, 3, 2, 0, 1),
            "Voor 2024 golden 3 normen met een streefwaarde; 2 daarvan zijn gehaald; bij 1 norm was geen oordeel \
             mogelijk (geen gegevens, of de norm gold nog niet)."
        );
    }
}
