//! Financial figures: begroting against realisatie per begroting regel for a period (a half year
//! or a year), exactly as `kpi-catalogus.md` ("Financial figures") defines them.
//!
//! `Dataset ──polars──> per regel: begroting, realisatie, verschil, prognose, fte ──> totals`
//!
//! Choices made here (the catalogue leaves them open or they need pinning down):
//! - **Money** is integer cents (`i64`, `i128` for products) until the end, then a
//!   [`Decimal`] with two decimals; never a binary float. Rounding is half away from zero on the
//!   exact rational value ([`deel_afgerond`]).
//! - **Sign**: `verschil` = realisatie_periode − begroting_periode, positive when more was spent
//!   than budgeted. **Denominator** of `verschil_pct` is begroting_periode (the pro-rata budget of
//!   the period, not the year's budget); `None` when it is zero. `verschil_pct` is a fraction
//!   (0.1 = 10%), unrounded.
//! - **V/N** (the controller's convention on expenditure): a `verschil` below zero is a
//!   voordeel (`V`: less spent than budgeted), above zero a nadeel (`N`: more spent); exactly
//!   zero carries no mark. The same for `prognose_verschil` ([`VoordeelNadeel`]).
//! - **Variance rule**, evaluated exactly (cross-multiplied, no division): analysis required when
//!   |verschil| ≥ drempel_bedrag, or |verschil| ≥ drempel_pct × |begroting_periode| (i.e.
//!   |verschil_pct| ≥ drempel_pct; never when begroting_periode = 0, as verschil_pct is then
//!   undefined) — unless |verschil| < ondergrens_bedrag. All edges inclusive as written:
//!   exactly €25.000 or exactly 10% requires an analysis; exactly €1.000 is not "under" €1.000.
//! - **Prognose** (half years only): H1 uses the previous year's first-half share s of that
//!   regel_id (0.3 ≤ s ≤ 0.7, compared exactly) as realisatie_H1 × totaal_vorig / H1_vorig,
//!   otherwise realisatie_H1 × 2; H2 uses the realisation of the whole year.
//! - **fte_realisatie**: per regel_id the formatie rows at that regel's latest peildatum on or
//!   before the period end (summed when there are several rows at that date); the date is
//!   reported as `fte_peildatum`.
//! - **Trend**: cumulative from 1 January of the year up to each month end of the year to date
//!   (so for H1 its last point equals the period figures; for H2 it runs January–December),
//!   against the pro-rata budget (each line rounded to the cent, then summed).
//! - **Reconciliation**: the ledger total of the period (accepted rows) must equal the report
//!   total to the cent; accepted rows on a regel_id without a begroting line of the year are
//!   listed (ingest normally rejects them), as are the rejected ledger rows dated in the period
//!   or without a readable date.

pub mod kosten;

use std::collections::{BTreeMap, HashMap};

use anyhow::{Context as _, anyhow, bail};
use chrono::{Datelike, NaiveDate};
use polars::prelude::*;
use rust_decimal::Decimal;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use crate::afspraken::{AfsprakenSet, Financiering, Variantieregel};
use crate::ingest::{AnalyseInvoer, Dataset};
use crate::kpi::bron::{dag, datum};
use crate::kpi::{ser_decimal, ser_opt_decimal};
use crate::period::Periode;

/// Text shown when an analysis is required but not delivered.
pub const ANALYSE_ONTBREEKT: &str = "analyse ontbreekt";

/// Voordeel or nadeel of a difference on expenditure, as a municipal controller marks it: `V`
/// when less was spent than budgeted (verschil < 0), `N` when more (verschil > 0). Serialised as
/// `"V"` / `"N"`; a difference of exactly zero has no mark (`null`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum VoordeelNadeel {
    /// Less spent than budgeted.
    #[serde(rename = "V")]
    Voordeel,
    /// More spent than budgeted.
    #[serde(rename = "N")]
    Nadeel,
}

impl VoordeelNadeel {
    /// The mark of `verschil` (realisatie − begroting); `None` at exactly zero.
    pub fn van(verschil: Decimal) -> Option<VoordeelNadeel> {
        if verschil < Decimal::ZERO {
            Some(VoordeelNadeel::Voordeel)
        } else if verschil > Decimal::ZERO {
            Some(VoordeelNadeel::Nadeel)
        } else {
            None
        }
    }

    /// `V` or `N`, as the column shows it.
    pub fn letter(self) -> &'static str {
        match self {
            VoordeelNadeel::Voordeel => "V",
            VoordeelNadeel::Nadeel => "N",
        }
    }

    /// `voordeel` or `nadeel`, for prose.
    pub fn woord(self) -> &'static str {
        match self {
            VoordeelNadeel::Voordeel => "voordeel",
            VoordeelNadeel::Nadeel => "nadeel",
        }
    }
}

/// How `prognose_jaar` was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PrognoseMethode {
    /// H1: realisatie_H1 / s, s = the previous year's first-half share (0.3 ≤ s ≤ 0.7).
    AandeelVorigJaar,
    /// H1: realisatie_H1 × 2 (no usable previous-year share).
    Verdubbeling,
    /// H2: the realisation of the whole year.
    Jaarrealisatie,
}

impl PrognoseMethode {
    /// Dutch description for readers.
    pub fn label(self) -> &'static str {
        match self {
            PrognoseMethode::AandeelVorigJaar => "naar aandeel eerste halfjaar vorig jaar",
            PrognoseMethode::Verdubbeling => "realisatie × 2",
            PrognoseMethode::Jaarrealisatie => "realisatie hele jaar",
        }
    }
}

/// The figures of one begroting regel for the period (the JSON `financieel.regels[]` element).
/// Money in euros with two decimals.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Regelcijfers {
    /// The key realisatie books on, e.g. `ISW-01`.
    pub regel_id: String,
    /// Werksoort code.
    pub werksoort: String,
    /// Budget line name as in the agreement.
    pub naam: String,
    /// `Wmo` or `Jeugdwet`.
    pub financiering: Financiering,
    /// The line's bedrag for the year.
    #[serde(serialize_with = "ser_decimal")]
    pub begroting_jaar: Decimal,
    /// begroting_jaar × months / 12, rounded to the cent half away from zero.
    #[serde(serialize_with = "ser_decimal")]
    pub begroting_periode: Decimal,
    /// Sum of the ledger rows on this regel_id dated in the period.
    #[serde(serialize_with = "ser_decimal")]
    pub realisatie_periode: Decimal,
    /// realisatie_periode − begroting_periode (positive: more spent than budgeted).
    #[serde(serialize_with = "ser_decimal")]
    pub verschil: Decimal,
    /// verschil / begroting_periode as a fraction; `null` when begroting_periode = 0.
    #[serde(serialize_with = "ser_opt_decimal")]
    pub verschil_pct: Option<Decimal>,
    /// `V` (voordeel, verschil < 0) or `N` (nadeel, verschil > 0); `null` at zero.
    pub vn: Option<VoordeelNadeel>,
    /// The variance rule of the agreement.
    pub analyse_vereist: bool,
    /// The analysis from `analyses.csv` (sleutel = regel_id), when delivered.
    pub analyse: Option<String>,
    /// The measure from `analyses.csv`, when given.
    pub maatregel: Option<String>,
    /// An analysis is required and was not delivered.
    pub analyse_ontbreekt: bool,
    /// Forecast for the year (half-year reports only).
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "ser_opt_decimal")]
    pub prognose_jaar: Option<Decimal>,
    /// prognose_jaar − begroting_jaar (half-year reports only).
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "ser_opt_decimal")]
    pub prognose_verschil: Option<Decimal>,
    /// V/N of `prognose_verschil` (half-year reports only; absent at zero).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prognose_vn: Option<VoordeelNadeel>,
    /// How the forecast was made (half-year reports only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prognose_methode: Option<PrognoseMethode>,
    /// H1: the previous year's first-half share of this regel when the previous year has a
    /// non-zero realisation (also when it falls outside [0.3, 0.7] and was not used).
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "ser_opt_decimal")]
    pub prognose_aandeel_vorig_jaar: Option<Decimal>,
    /// Budgeted fte.
    #[serde(serialize_with = "ser_opt_decimal")]
    pub fte_begroot: Option<Decimal>,
    /// Realised fte from formatie.csv at `fte_peildatum`.
    #[serde(serialize_with = "ser_opt_decimal")]
    pub fte_realisatie: Option<Decimal>,
    /// The formatie peildatum used (the latest on or before the period end).
    pub fte_peildatum: Option<NaiveDate>,
    /// Number of ledger rows in the period.
    pub aantal_boekingen: usize,
}

/// A subtotal or total: exact sums of its lines (the JSON `totalen.*` element).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Totaal {
    /// Dutch name: the werksoort's name, `Wmo`, `Jeugdwet` or `Totaal`.
    pub naam: String,
    /// Sum of the lines' begroting_jaar.
    #[serde(serialize_with = "ser_decimal")]
    pub begroting_jaar: Decimal,
    /// Sum of the lines' (rounded) begroting_periode.
    #[serde(serialize_with = "ser_decimal")]
    pub begroting_periode: Decimal,
    /// Sum of the lines' realisatie_periode.
    #[serde(serialize_with = "ser_decimal")]
    pub realisatie_periode: Decimal,
    /// realisatie_periode − begroting_periode (= the sum of the lines' verschil).
    #[serde(serialize_with = "ser_decimal")]
    pub verschil: Decimal,
    /// verschil / begroting_periode; `null` when begroting_periode = 0.
    #[serde(serialize_with = "ser_opt_decimal")]
    pub verschil_pct: Option<Decimal>,
    /// `V` or `N` of `verschil`; `null` at zero.
    pub vn: Option<VoordeelNadeel>,
    /// Sum of the lines' prognose_jaar (half-year reports only).
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "ser_opt_decimal")]
    pub prognose_jaar: Option<Decimal>,
    /// Sum of the lines' prognose_verschil (half-year reports only).
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "ser_opt_decimal")]
    pub prognose_verschil: Option<Decimal>,
    /// V/N of `prognose_verschil` (half-year reports only; absent at zero).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prognose_vn: Option<VoordeelNadeel>,
    /// Sum of the budgeted fte of the lines that have one; `null` when none has.
    #[serde(serialize_with = "ser_opt_decimal")]
    pub fte_begroot: Option<Decimal>,
    /// Sum of the realised fte of the lines that have one; `null` when none has.
    #[serde(serialize_with = "ser_opt_decimal")]
    pub fte_realisatie: Option<Decimal>,
    /// Number of lines.
    pub aantal_regels: usize,
    /// Lines that need an analysis.
    pub aantal_analyse_vereist: usize,
    /// Lines whose required analysis is missing.
    pub aantal_analyse_ontbreekt: usize,
}

impl Totaal {
    /// The exact sum of `regels`. `met_prognose`: whether the prognose fields are filled.
    pub fn van<'a>(
        naam: impl Into<String>,
        regels: impl IntoIterator<Item = &'a Regelcijfers>,
        met_prognose: bool,
    ) -> Totaal {
        let mut t = Totaal {
            naam: naam.into(),
            begroting_jaar: Decimal::ZERO,
            begroting_periode: Decimal::ZERO,
            realisatie_periode: Decimal::ZERO,
            verschil: Decimal::ZERO,
            verschil_pct: None,
            vn: None,
            prognose_jaar: met_prognose.then_some(Decimal::ZERO),
            prognose_verschil: met_prognose.then_some(Decimal::ZERO),
            prognose_vn: None,
            fte_begroot: None,
            fte_realisatie: None,
            aantal_regels: 0,
            aantal_analyse_vereist: 0,
            aantal_analyse_ontbreekt: 0,
        };
        let som = |acc: Option<Decimal>, x: Option<Decimal>| match (acc, x) {
            (Some(a), Some(b)) => Some(a + b),
            (a, b) => a.or(b),
        };
        for r in regels {
            t.begroting_jaar += r.begroting_jaar;
            t.begroting_periode += r.begroting_periode;
            t.realisatie_periode += r.realisatie_periode;
            if met_prognose {
                t.prognose_jaar = som(t.prognose_jaar, r.prognose_jaar);
                t.prognose_verschil = som(t.prognose_verschil, r.prognose_verschil);
            }
            t.fte_begroot = som(t.fte_begroot, r.fte_begroot);
            t.fte_realisatie = som(t.fte_realisatie, r.fte_realisatie);
            t.aantal_regels += 1;
            t.aantal_analyse_vereist += usize::from(r.analyse_vereist);
            t.aantal_analyse_ontbreekt += usize::from(r.analyse_ontbreekt);
        }
        t.verschil = t.realisatie_periode - t.begroting_periode;
        t.verschil_pct = fractie(t.verschil, t.begroting_periode);
        t.vn = VoordeelNadeel::van(t.verschil);
        t.prognose_vn = t.prognose_verschil.and_then(VoordeelNadeel::van);
        t
    }
}

/// Subtotals per werksoort, in the agreement's werksoort order; serialised as a JSON object
/// `{"SRW": {…}, "ISW": {…}, …}` that keeps this order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PerWerksoort(pub Vec<(String, Totaal)>);

impl PerWerksoort {
    /// The subtotal of a werksoort code.
    pub fn get(&self, code: &str) -> Option<&Totaal> {
        self.0.iter().find(|(c, _)| c == code).map(|(_, t)| t)
    }

    /// Codes and subtotals in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Totaal)> {
        self.0.iter().map(|(c, t)| (c.as_str(), t))
    }
}

impl Serialize for PerWerksoort {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (c, t) in &self.0 {
            m.serialize_entry(c, t)?;
        }
        m.end()
    }
}

/// Subtotals per financiering: the municipality accounts for Wmo and Jeugdwet money separately.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PerFinanciering {
    /// Lines financed under the Wmo.
    #[serde(rename = "Wmo")]
    pub wmo: Totaal,
    /// Lines financed under the Jeugdwet.
    #[serde(rename = "Jeugdwet")]
    pub jeugdwet: Totaal,
}

impl PerFinanciering {
    /// The subtotal of one financiering.
    pub fn get(&self, f: Financiering) -> &Totaal {
        match f {
            Financiering::Wmo => &self.wmo,
            Financiering::Jeugdwet => &self.jeugdwet,
        }
    }
}

/// `totalen`: per werksoort, per financiering and overall.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Totalen {
    /// Per werksoort code.
    pub werksoort: PerWerksoort,
    /// Per financiering.
    pub financiering: PerFinanciering,
    /// Grand total.
    pub totaal: Totaal,
}

/// The JSON `financieel` object: lines and totals.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Financieel {
    /// Months in the period (6 for a half year, 12 for a year): the pro-rata factor is this / 12.
    pub aantal_maanden: u32,
    /// Per begroting regel, ordered by werksoort (agreement order) and then by the line's order
    /// in begroting.csv.
    pub regels: Vec<Regelcijfers>,
    /// Subtotals and total.
    pub totalen: Totalen,
}

/// The Proeftuin Ruwaard earmark: a memo line, part of the subsidy, never added to a total.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProeftuinMemo {
    /// "Proeftuin Ruwaard".
    pub naam: String,
    /// `W03`.
    pub wijkgebied: String,
    /// The yearly earmark (€622.000).
    #[serde(serialize_with = "ser_decimal")]
    pub bedrag_jaar: Decimal,
    /// The pro-rata share of the period, rounded to the cent half away from zero.
    #[serde(serialize_with = "ser_decimal")]
    pub bedrag_periode: Decimal,
}

/// One accepted ledger row of the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Boeking {
    /// 1-based line in `realisatie.csv`.
    pub regel: u64,
    /// Booking date.
    pub boekdatum: NaiveDate,
    /// Document number.
    pub boekstuk: String,
    /// The begroting regel booked on.
    pub regel_id: String,
    /// Werksoort of that regel (`None` when the regel_id has no begroting line of the year).
    pub werksoort: Option<String>,
    /// Amount in euros (negative for a correction).
    #[serde(serialize_with = "ser_decimal")]
    pub bedrag: Decimal,
    /// Description, if any.
    pub omschrijving: Option<String>,
}

/// A rejected ledger row that concerns the period (dated in it, or without a readable date).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AfgekeurdeBoekingRegel {
    /// 1-based line in `realisatie.csv`.
    pub regel: usize,
    /// Booking date, when readable.
    pub boekdatum: Option<NaiveDate>,
    /// Document number as written.
    pub boekstuk: String,
    /// regel_id as written.
    pub regel_id: String,
    /// Amount in euros, when readable.
    #[serde(serialize_with = "ser_opt_decimal")]
    pub bedrag: Option<Decimal>,
    /// Why it was rejected.
    pub reden: String,
}

/// The reconciliation of the report with the ledger.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Aansluiting {
    /// Sum of every accepted ledger row dated in the period.
    #[serde(serialize_with = "ser_decimal")]
    pub grootboek_totaal: Decimal,
    /// Number of those rows.
    pub aantal_boekingen: usize,
    /// The report's total realisatie_periode.
    #[serde(serialize_with = "ser_decimal")]
    pub rapport_totaal: Decimal,
    /// grootboek_totaal − rapport_totaal; zero when the report reconciles.
    #[serde(serialize_with = "ser_decimal")]
    pub verschil: Decimal,
    /// The report reconciles with the ledger to the cent.
    pub sluitend: bool,
    /// Accepted rows of the period on a regel_id without a begroting line of the year.
    pub onbekende_regels: Vec<Boeking>,
    /// Their sum (explains `verschil`).
    #[serde(serialize_with = "ser_decimal")]
    pub onbekende_regels_totaal: Decimal,
    /// Rejected ledger rows dated in the period or without a readable date.
    pub afgekeurd: Vec<AfgekeurdeBoekingRegel>,
    /// Sum of their readable amounts (not in any total).
    #[serde(serialize_with = "ser_decimal")]
    pub afgekeurd_totaal: Decimal,
    /// Rejected rows whose amount could not be read.
    pub afgekeurd_zonder_bedrag: usize,
    /// The export total: every readable amount in `realisatie.csv` that concerns the period,
    /// accepted or rejected (`grootboek_totaal + afgekeurd_totaal`).
    #[serde(serialize_with = "ser_decimal")]
    pub export_totaal: Decimal,
    /// Suspected double bookings among the accepted rows of the period: the same boekstuk,
    /// regel_id, boekdatum and bedrag more than once. They are counted in every total; shown so
    /// the controller can check them.
    pub mogelijk_dubbel: Vec<MogelijkDubbeleBoeking>,
    /// The sum of the extra copies (all but the first of each group): the amount the report
    /// total would fall if they were indeed double.
    #[serde(serialize_with = "ser_decimal")]
    pub mogelijk_dubbel_totaal: Decimal,
    /// The reconciliation from the export total to the report total, one step per line, each
    /// amount shown (see [`Aansluitstap`]).
    pub stappen: Vec<Aansluitstap>,
}

/// A group of accepted ledger rows that look like one booking entered more than once.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MogelijkDubbeleBoeking {
    pub boekstuk: String,
    pub regel_id: String,
    pub boekdatum: NaiveDate,
    /// The amount of one copy.
    #[serde(serialize_with = "ser_decimal")]
    pub bedrag: Decimal,
    /// The 1-based lines in `realisatie.csv`, ascending.
    pub regels: Vec<u64>,
    /// `bedrag × (copies − 1)`.
    #[serde(serialize_with = "ser_decimal")]
    pub extra: Decimal,
}

/// What a reconciliation step is; the renderers give it its Dutch label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StapSoort {
    /// The export total of `realisatie.csv` for the period.
    Export,
    /// Minus the rejected rows with a readable amount.
    Afgekeurd,
    /// The accepted ledger lines of the period (a subtotal).
    Geaccepteerd,
    /// Of which suspected double (counted, not subtracted).
    WaarvanMogelijkDubbel,
    /// Minus bookings on a regel_id without a begroting line of the year.
    OnbekendeRegel,
    /// The report's total realisatie.
    Rapport,
    /// What the steps above leave unexplained (only when not zero).
    Onverklaard,
}

/// One line of the reconciliation: its kind and its signed amount (a subtraction is negative;
/// a subtotal or total is the running sum; `waarvan` lines are not added).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Aansluitstap {
    pub soort: StapSoort,
    #[serde(serialize_with = "ser_decimal")]
    pub bedrag: Decimal,
}

/// Groups the accepted bookings that share boekstuk, regel_id, boekdatum and bedrag; returns
/// the groups of two or more, in order of their first line.
pub fn mogelijk_dubbele_boekingen(boekingen: &[Boeking]) -> Vec<MogelijkDubbeleBoeking> {
    let mut groepen: BTreeMap<(&str, &str, NaiveDate, Decimal), Vec<u64>> = BTreeMap::new();
    for b in boekingen {
        groepen
            .entry((b.boekstuk.as_str(), b.regel_id.as_str(), b.boekdatum, b.bedrag))
            .or_default()
            .push(b.regel);
    }
    let mut uit: Vec<MogelijkDubbeleBoeking> = groepen
        .into_iter()
        .filter(|(_, r)| r.len() > 1)
        .map(|((boekstuk, regel_id, boekdatum, bedrag), mut regels)| {
            regels.sort_unstable();
            MogelijkDubbeleBoeking {
                boekstuk: boekstuk.to_string(),
                regel_id: regel_id.to_string(),
                boekdatum,
                bedrag,
                extra: bedrag * Decimal::from(regels.len() as u64 - 1),
                regels,
            }
        })
        .collect();
    uit.sort_by_key(|d| d.regels[0]);
    uit
}

/// The reconciliation steps: export → minus rejected → accepted (of which suspected double) →
/// minus unknown regels → report total, plus an unexplained remainder when there is one.
pub fn aansluitstappen(
    grootboek_totaal: Decimal,
    afgekeurd_totaal: Decimal,
    mogelijk_dubbel_totaal: Decimal,
    onbekende_regels_totaal: Decimal,
    rapport_totaal: Decimal,
) -> Vec<Aansluitstap> {
    let stap = |soort, bedrag| Aansluitstap { soort, bedrag };
    let mut v = vec![
        stap(StapSoort::Export, grootboek_totaal + afgekeurd_totaal),
        stap(StapSoort::Afgekeurd, -afgekeurd_totaal),
        stap(StapSoort::Geaccepteerd, grootboek_totaal),
        stap(StapSoort::WaarvanMogelijkDubbel, mogelijk_dubbel_totaal),
        stap(StapSoort::OnbekendeRegel, -onbekende_regels_totaal),
    ];
    let rest = grootboek_totaal - onbekende_regels_totaal - rapport_totaal;
    if !rest.is_zero() {
        v.push(stap(StapSoort::Onverklaard, -rest));
    }
    v.push(stap(StapSoort::Rapport, rapport_totaal));
    v
}

/// Cumulative realisation against the pro-rata budget, for one werksoort or the total.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Trendreeks {
    /// Werksoort code, or `totaal`.
    pub code: String,
    /// Dutch name.
    pub naam: String,
    /// Per month: realisation from 1 January to the month end.
    #[serde(serialize_with = "ser_decimalen")]
    pub realisatie_cumulatief: Vec<Decimal>,
    /// Per month: begroting_jaar × months elapsed / 12 (per line rounded to the cent).
    #[serde(serialize_with = "ser_decimalen")]
    pub begroting_cumulatief: Vec<Decimal>,
}

/// The trend: one point per month from January up to the period's last month.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Trend {
    /// Month codes, `2024-01` …
    pub maanden: Vec<String>,
    /// Per werksoort, in the order of `totalen.werksoort`.
    pub werksoorten: Vec<Trendreeks>,
    /// All lines together.
    pub totaal: Trendreeks,
}

/// Everything the finance stage computes for one period.
#[derive(Debug, Clone, PartialEq)]
pub struct Cijfers {
    /// The period.
    pub periode: Periode,
    /// Lines and totals.
    pub financieel: Financieel,
    /// The Proeftuin memo line.
    pub proeftuin: ProeftuinMemo,
    /// Reconciliation with the ledger.
    pub aansluiting: Aansluiting,
    /// Monthly cumulative trend.
    pub trend: Trend,
    /// The accepted ledger rows of the period, by boekdatum and line.
    pub boekingen: Vec<Boeking>,
}

/// Serialises decimals as JSON numbers (see [`ser_decimal`]).
pub fn ser_decimalen<S: Serializer>(v: &[Decimal], s: S) -> Result<S::Ok, S::Error> {
    struct Getal<'a>(&'a Decimal);
    impl Serialize for Getal<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            ser_decimal(self.0, s)
        }
    }
    s.collect_seq(v.iter().map(Getal))
}

/// Cents as euros with two decimals.
pub fn euro(cent: i64) -> Decimal {
    Decimal::new(cent, 2)
}

/// `teller / noemer` rounded to an integer, half away from zero, exactly. `noemer` ≠ 0.
pub fn deel_afgerond(teller: i128, noemer: i128) -> i128 {
    assert!(noemer != 0, "deel_afgerond: noemer is 0");
    let q = teller / noemer;
    let r = teller % noemer;
    if 2 * r.abs() >= noemer.abs() {
        q + teller.signum() * noemer.signum()
    } else {
        q
    }
}

/// The pro-rata budget of `maanden` months of a yearly amount, in cents, rounded to the cent
/// half away from zero: `jaar_cent × maanden / 12`.
pub fn pro_rata_cent(jaar_cent: i64, maanden: u32) -> i64 {
    let v = deel_afgerond(i128::from(jaar_cent) * i128::from(maanden), 12);
    i64::try_from(v).expect("pro-rata bedrag past in i64")
}

/// `verschil / basis`, `None` when `basis` is zero.
pub fn fractie(verschil: Decimal, basis: Decimal) -> Option<Decimal> {
    (!basis.is_zero()).then(|| verschil / basis)
}

/// The agreement's variance rule, evaluated exactly (no division): |verschil| ≥ drempel_bedrag
/// or |verschil| ≥ drempel_pct × |begroting_periode| (only when begroting_periode ≠ 0), unless
/// |verschil| < ondergrens_bedrag.
pub fn analyse_vereist(regel: &Variantieregel, verschil: Decimal, begroting_periode: Decimal) -> bool {
    let v = verschil.abs();
    if v < regel.ondergrens_bedrag {
        return false;
    }
    let bedrag = v >= regel.drempel_bedrag;
    let pct = !begroting_periode.is_zero() && v >= regel.drempel_pct * begroting_periode.abs();
    bedrag || pct
}

/// Whether `deel / geheel` lies in [0.3, 0.7], exactly (`geheel` ≠ 0).
fn aandeel_bruikbaar(deel: i64, geheel: i64) -> bool {
    let (mut d, mut g) = (i128::from(deel), i128::from(geheel));
    if g < 0 {
        d = -d;
        g = -g;
    }
    3 * g <= 10 * d && 10 * d <= 7 * g
}

/// The forecast of one regel: `(prognose_jaar cents, methode, aandeel vorig jaar)`.
///
/// - `Periode::Halfjaar(_, 1)`: with `vorig = (H1, jaar)` realisation of the previous year in
///   cents: when the year is non-zero and s = H1/jaar ∈ [0.3, 0.7], realisatie_H1 / s rounded
///   half away from zero; otherwise realisatie_H1 × 2.
/// - `Periode::Halfjaar(_, 2)`: the realisation of the whole year (`jaar_cent`).
/// - any other period: no forecast.
pub fn prognose(
    periode: Periode,
    realisatie_cent: i64,
    vorig: Option<(i64, i64)>,
    jaar_cent: i64,
) -> Option<(i64, PrognoseMethode, Option<Decimal>)> {
    match periode {
        Periode::Halfjaar(_, 1) => {
            let (h1, totaal) = vorig.unwrap_or((0, 0));
            let aandeel = (totaal != 0).then(|| Decimal::from(h1) / Decimal::from(totaal));
            if totaal != 0 && aandeel_bruikbaar(h1, totaal) {
                let p = deel_afgerond(i128::from(realisatie_cent) * i128::from(totaal), i128::from(h1));
                Some((i64::try_from(p).ok()?, PrognoseMethode::AandeelVorigJaar, aandeel))
            } else {
                Some((realisatie_cent * 2, PrognoseMethode::Verdubbeling, aandeel))
            }
        }
        Periode::Halfjaar(_, _) => Some((jaar_cent, PrognoseMethode::Jaarrealisatie, None)),
        _ => None,
    }
}

/// One begroting line as read from the frame.
#[derive(Debug, Clone)]
struct Begrotingsrij {
    regel_id: String,
    werksoort: String,
    naam: String,
    financiering: Financiering,
    fte_e4: Option<i64>,
    bedrag_cent: i64,
}

fn tekstkolom(df: &DataFrame, naam: &str) -> PolarsResult<Vec<Option<String>>> {
    Ok(df
        .column(naam)?
        .cast(&DataType::String)?
        .str()?
        .iter()
        .map(|s| s.map(str::to_string))
        .collect())
}

fn getalkolom(df: &DataFrame, naam: &str) -> PolarsResult<Vec<Option<i64>>> {
    Ok(df.column(naam)?.cast(&DataType::Int64)?.i64()?.iter().collect())
}

fn dag_expr(naam: &str) -> Expr {
    col(naam).cast(DataType::Int32)
}

fn tussen(e: Expr, van: NaiveDate, tot: NaiveDate) -> Expr {
    e.clone().gt_eq(lit(dag(van))).and(e.lt_eq(lit(dag(tot))))
}

fn eerste_dag(jaar: i32, maand: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(jaar, maand, 1).expect("valid date")
}

fn laatste_dag(jaar: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(jaar, 12, 31).expect("valid date")
}

/// The begroting lines of `jaar`, in file order.
fn begrotingsregels(begroting: &DataFrame, jaar: i32) -> anyhow::Result<Vec<Begrotingsrij>> {
    let df = begroting
        .clone()
        .lazy()
        .filter(col("jaar").cast(DataType::Int32).eq(lit(jaar)))
        .sort(["regel"], SortMultipleOptions::default())
        .collect()?;
    let ids = tekstkolom(&df, "regel_id")?;
    let ws = tekstkolom(&df, "werksoort")?;
    let namen = tekstkolom(&df, "regel_naam")?;
    let fin = tekstkolom(&df, "financiering")?;
    let fte = getalkolom(&df, "fte_e4")?;
    let bedrag = getalkolom(&df, "bedrag_cent")?;
    let mut regels = Vec::with_capacity(df.height());
    for i in 0..df.height() {
        let regel_id = ids[i]
            .clone()
            .ok_or_else(|| anyhow!("begroting {jaar}: regel zonder regel_id"))?;
        let financiering = match fin[i].as_deref() {
            Some("Wmo") => Financiering::Wmo,
            Some("Jeugdwet") => Financiering::Jeugdwet,
            f => bail!(
                "begroting {jaar}, regel {regel_id}: onbekende financiering '{}' (verwacht Wmo of Jeugdwet)",
                f.unwrap_or("")
            ),
        };
        regels.push(Begrotingsrij {
            werksoort: ws[i].clone().unwrap_or_default(),
            naam: namen[i].clone().unwrap_or_default(),
            financiering,
            fte_e4: fte[i],
            bedrag_cent: bedrag[i].ok_or_else(|| anyhow!("begroting {jaar}, regel {regel_id}: bedrag ontbreekt"))?,
            regel_id,
        });
    }
    let mut gezien = std::collections::BTreeSet::new();
    for r in &regels {
        if !gezien.insert(r.regel_id.as_str()) {
            bail!("begroting {jaar}: regel_id '{}' komt meer dan eens voor", r.regel_id);
        }
    }
    Ok(regels)
}

/// The ledger with its dates as day numbers (`dag`).
fn grootboek(realisatie: &DataFrame) -> LazyFrame {
    realisatie
        .clone()
        .lazy()
        .with_column(dag_expr("boekdatum").alias("dag"))
}

/// Per regel_id: (sum of the amounts in cents, number of rows), over rows dated in [van, tot].
fn som_per_regel(
    realisatie: &DataFrame,
    van: NaiveDate,
    tot: NaiveDate,
) -> anyhow::Result<HashMap<String, (i64, usize)>> {
    let df = grootboek(realisatie)
        .filter(tussen(col("dag"), van, tot))
        .group_by([col("regel_id")])
        .agg([
            col("bedrag_cent").cast(DataType::Int64).sum().alias("som"),
            len().cast(DataType::Int64).alias("n"),
        ])
        .collect()?;
    let ids = tekstkolom(&df, "regel_id")?;
    let som = getalkolom(&df, "som")?;
    let n = getalkolom(&df, "n")?;
    Ok(ids
        .into_iter()
        .zip(som)
        .zip(n)
        .filter_map(|((id, s), n)| Some((id?, (s.unwrap_or(0), n.unwrap_or(0) as usize))))
        .collect())
}

/// Per regel_id, the previous year's realisation: (first half, whole year) in cents.
fn vorig_jaar(realisatie: &DataFrame, jaar: i32) -> anyhow::Result<HashMap<String, (i64, i64)>> {
    let vorig = jaar - 1;
    let eind_h1 = NaiveDate::from_ymd_opt(vorig, 6, 30).expect("valid date");
    let df = grootboek(realisatie)
        .filter(tussen(col("dag"), eerste_dag(vorig, 1), laatste_dag(vorig)))
        .group_by([col("regel_id")])
        .agg([
            when(col("dag").lt_eq(lit(dag(eind_h1))))
                .then(col("bedrag_cent").cast(DataType::Int64))
                .otherwise(lit(0i64))
                .sum()
                .alias("h1"),
            col("bedrag_cent").cast(DataType::Int64).sum().alias("jaar"),
        ])
        .collect()?;
    let ids = tekstkolom(&df, "regel_id")?;
    let h1 = getalkolom(&df, "h1")?;
    let tot = getalkolom(&df, "jaar")?;
    Ok(ids
        .into_iter()
        .zip(h1)
        .zip(tot)
        .filter_map(|((id, a), b)| Some((id?, (a.unwrap_or(0), b.unwrap_or(0)))))
        .collect())
}

/// Per regel_id: (fte in 1/10000, peildatum) at that regel's latest formatie peildatum ≤ `tot`.
fn formatie(formatie: &DataFrame, tot: NaiveDate) -> anyhow::Result<HashMap<String, (i64, NaiveDate)>> {
    if formatie.height() == 0 {
        return Ok(HashMap::new());
    }
    let basis = formatie
        .clone()
        .lazy()
        .with_column(dag_expr("peildatum").alias("pd"))
        .filter(col("pd").lt_eq(lit(dag(tot))));
    let laatste = basis
        .clone()
        .group_by([col("regel_id")])
        .agg([col("pd").max().alias("laatste")]);
    let df = basis
        .join(
            laatste,
            [col("regel_id"), col("pd")],
            [col("regel_id"), col("laatste")],
            JoinArgs::new(JoinType::Inner),
        )
        .group_by([col("regel_id")])
        .agg([
            col("fte_e4").cast(DataType::Int64).sum().alias("fte"),
            col("pd").max().alias("pd"),
        ])
        .collect()?;
    let ids = tekstkolom(&df, "regel_id")?;
    let fte = getalkolom(&df, "fte")?;
    let pd = getalkolom(&df, "pd")?;
    Ok(ids
        .into_iter()
        .zip(fte)
        .zip(pd)
        .filter_map(|((id, f), p)| Some((id?, (f.unwrap_or(0), datum(i32::try_from(p?).ok()?)))))
        .collect())
}

/// The accepted ledger rows dated in the period, by boekdatum and line, and their total (cents).
fn boekingen_in(realisatie: &DataFrame, periode: Periode) -> anyhow::Result<(Vec<Boeking>, i64)> {
    let lf = grootboek(realisatie).filter(tussen(col("dag"), periode.start(), periode.peildatum()));
    let som = lf
        .clone()
        .select([col("bedrag_cent").cast(DataType::Int64).sum().alias("som")])
        .collect()?;
    let totaal = getalkolom(&som, "som")?.first().copied().flatten().unwrap_or(0);
    let df = lf.sort(["dag", "regel"], SortMultipleOptions::default()).collect()?;
    let regel = getalkolom(&df, "regel")?;
    let dagen = getalkolom(&df, "dag")?;
    let boekstuk = tekstkolom(&df, "boekstuk")?;
    let ids = tekstkolom(&df, "regel_id")?;
    let bedrag = getalkolom(&df, "bedrag_cent")?;
    let omschrijving = tekstkolom(&df, "omschrijving")?;
    let mut v = Vec::with_capacity(df.height());
    for i in 0..df.height() {
        let d = dagen[i]
            .and_then(|d| i32::try_from(d).ok())
            .context("boeking zonder boekdatum")?;
        v.push(Boeking {
            regel: regel[i].unwrap_or(0) as u64,
            boekdatum: datum(d),
            boekstuk: boekstuk[i].clone().unwrap_or_default(),
            regel_id: ids[i].clone().unwrap_or_default(),
            werksoort: None,
            bedrag: euro(bedrag[i].unwrap_or(0)),
            omschrijving: omschrijving[i].clone().filter(|s| !s.is_empty()),
        });
    }
    Ok((v, totaal))
}

/// Per (werksoort, month index 1..=12 of `jaar`): the realisation in cents from 1 January to
/// `tot`, only rows on the year's begroting lines.
fn per_werksoort_per_maand(
    realisatie: &DataFrame,
    regels: &[Begrotingsrij],
    jaar: i32,
    tot: NaiveDate,
) -> anyhow::Result<HashMap<(String, u32), i64>> {
    let sleutel = DataFrame::new(
        regels.len(),
        vec![
            Column::new(
                "regel_id".into(),
                regels.iter().map(|r| r.regel_id.clone()).collect::<Vec<_>>(),
            ),
            Column::new(
                "ws".into(),
                regels.iter().map(|r| r.werksoort.clone()).collect::<Vec<_>>(),
            ),
        ],
    )?;
    // Month index: 1 + the number of month starts (February … December) on or before the day.
    let maand = (2..=12u32)
        .map(|m| col("dag").gt_eq(lit(dag(eerste_dag(jaar, m)))).cast(DataType::Int32))
        .fold(lit(1i32), |acc, e| acc + e)
        .alias("maand");
    let df = grootboek(realisatie)
        .filter(tussen(col("dag"), eerste_dag(jaar, 1), tot))
        .with_column(maand)
        .join(
            sleutel.lazy(),
            [col("regel_id")],
            [col("regel_id")],
            JoinArgs::new(JoinType::Inner),
        )
        .group_by([col("ws"), col("maand")])
        .agg([col("bedrag_cent").cast(DataType::Int64).sum().alias("som")])
        .collect()?;
    let ws = tekstkolom(&df, "ws")?;
    let m = getalkolom(&df, "maand")?;
    let som = getalkolom(&df, "som")?;
    Ok(ws
        .into_iter()
        .zip(m)
        .zip(som)
        .filter_map(|((w, m), s)| Some(((w?, u32::try_from(m?).ok()?), s.unwrap_or(0))))
        .collect())
}

/// Looks up the analysis of a regel_id (exact key first, then case-insensitively); an entry
/// with an empty analysis counts as not delivered.
fn analyse_van<'a>(analyses: &'a BTreeMap<String, AnalyseInvoer>, regel_id: &str) -> Option<&'a AnalyseInvoer> {
    analyses
        .get(regel_id)
        .or_else(|| {
            analyses
                .iter()
                .find(|(k, _)| k.trim().eq_ignore_ascii_case(regel_id))
                .map(|(_, a)| a)
        })
        .filter(|a| !a.analyse.trim().is_empty())
}

/// The begroting lines of the period's year and the period's figures per line and in total:
/// the first part of [`bereken`], without the reconciliation, the trend and the bookings.
struct Regelstand {
    begroting: Vec<Begrotingsrij>,
    financieel: Financieel,
}

/// The figures per budget line and their totals, exactly as [`bereken`] gives them in
/// `Cijfers::financieel`, without reading every booking of the period for the reconciliation:
/// the raadsinformatie needs only these for the cost per result of three years (issue 19).
/// Fails as [`bereken`] does on the begroting.
pub fn financieel(
    ds: &Dataset,
    set: &AfsprakenSet,
    periode: Periode,
    analyses: &BTreeMap<String, AnalyseInvoer>,
) -> anyhow::Result<Financieel> {
    Ok(regelstand(ds, set, periode, analyses)?.financieel)
}

fn regelstand(
    ds: &Dataset,
    set: &AfsprakenSet,
    periode: Periode,
    analyses: &BTreeMap<String, AnalyseInvoer>,
) -> anyhow::Result<Regelstand> {
    let jaar = periode.jaar();
    let afspraken = set.voor_jaar(jaar);
    let maanden = periode.aantal_maanden();
    let met_prognose = matches!(periode, Periode::Halfjaar(..));

    let begroting = begrotingsregels(&ds.begroting, jaar).context("begroting.csv")?;
    if begroting.is_empty() {
        bail!("begroting.csv bevat geen regels voor {jaar}: het financieel overzicht kan niet worden gemaakt");
    }
    let in_periode = som_per_regel(&ds.realisatie, periode.start(), periode.peildatum()).context("realisatie.csv")?;
    let heel_jaar = som_per_regel(&ds.realisatie, eerste_dag(jaar, 1), laatste_dag(jaar)).context("realisatie.csv")?;
    let vorig = vorig_jaar(&ds.realisatie, jaar).context("realisatie.csv")?;
    let fte = formatie(&ds.formatie, periode.peildatum()).context("formatie.csv")?;

    // Werksoort order: the agreement's, then any other code in the order of the begroting.
    let mut volgorde: Vec<String> = afspraken.werksoorten.iter().map(|w| w.code.clone()).collect();
    for r in &begroting {
        if !volgorde.contains(&r.werksoort) {
            volgorde.push(r.werksoort.clone());
        }
    }
    let rang = |ws: &str| volgorde.iter().position(|c| c == ws).unwrap_or(usize::MAX);

    let mut regels: Vec<Regelcijfers> = Vec::with_capacity(begroting.len());
    for b in &begroting {
        let begroting_periode = pro_rata_cent(b.bedrag_cent, maanden);
        let (realisatie, aantal) = in_periode.get(&b.regel_id).copied().unwrap_or((0, 0));
        let verschil = euro(realisatie) - euro(begroting_periode);
        let vereist = analyse_vereist(&afspraken.variantie, verschil, euro(begroting_periode));
        let analyse = analyse_van(analyses, &b.regel_id);
        let jaar_cent = heel_jaar.get(&b.regel_id).map(|x| x.0).unwrap_or(0);
        let prog = prognose(periode, realisatie, vorig.get(&b.regel_id).copied(), jaar_cent);
        let f = fte.get(&b.regel_id);
        regels.push(Regelcijfers {
            regel_id: b.regel_id.clone(),
            werksoort: b.werksoort.clone(),
            naam: b.naam.clone(),
            financiering: b.financiering,
            begroting_jaar: euro(b.bedrag_cent),
            begroting_periode: euro(begroting_periode),
            realisatie_periode: euro(realisatie),
            verschil,
            verschil_pct: fractie(verschil, euro(begroting_periode)),
            vn: VoordeelNadeel::van(verschil),
            analyse_vereist: vereist,
            analyse: analyse.map(|a| a.analyse.trim().to_string()),
            maatregel: analyse
                .map(|a| a.maatregel.trim().to_string())
                .filter(|m| !m.is_empty()),
            analyse_ontbreekt: vereist && analyse.is_none(),
            prognose_jaar: prog.map(|p| euro(p.0)),
            prognose_verschil: prog.map(|p| euro(p.0) - euro(b.bedrag_cent)),
            prognose_vn: prog.and_then(|p| VoordeelNadeel::van(euro(p.0) - euro(b.bedrag_cent))),
            prognose_methode: prog.map(|p| p.1),
            prognose_aandeel_vorig_jaar: prog.and_then(|p| p.2),
            fte_begroot: b.fte_e4.map(|f| Decimal::new(f, 4)),
            fte_realisatie: f.map(|f| Decimal::new(f.0, 4)),
            fte_peildatum: f.map(|f| f.1),
            aantal_boekingen: aantal,
        });
    }
    // Stable: within a werksoort the begroting's order stays.
    regels.sort_by_key(|r| rang(&r.werksoort));

    let werksoort = PerWerksoort(
        volgorde
            .iter()
            .filter(|c| regels.iter().any(|r| &r.werksoort == *c))
            .map(|c| {
                let t = Totaal::van(
                    afspraken.werksoortnaam(c),
                    regels.iter().filter(|r| &r.werksoort == c),
                    met_prognose,
                );
                (c.clone(), t)
            })
            .collect(),
    );
    let per_fin =
        |f: Financiering| Totaal::van(f.as_str(), regels.iter().filter(|r| r.financiering == f), met_prognose);
    let totalen = Totalen {
        werksoort,
        financiering: PerFinanciering {
            wmo: per_fin(Financiering::Wmo),
            jeugdwet: per_fin(Financiering::Jeugdwet),
        },
        totaal: Totaal::van("Totaal", regels.iter(), met_prognose),
    };

    Ok(Regelstand {
        begroting,
        financieel: Financieel {
            aantal_maanden: maanden,
            regels,
            totalen,
        },
    })
}

/// Computes the financial figures of `periode` (a half year or a year; any period of whole months
/// inside one calendar year works) from the ingested tables, with the agreement of the period's
/// year and the analyses of the period's toelichting (`analyses.csv`, sleutel = regel_id).
///
/// Fails when the year has no begroting lines, a regel_id occurs twice in the year, or a line has
/// an unknown financiering.
pub fn bereken(
    ds: &Dataset,
    set: &AfsprakenSet,
    periode: Periode,
    analyses: &BTreeMap<String, AnalyseInvoer>,
) -> anyhow::Result<Cijfers> {
    let Regelstand { begroting, financieel } = regelstand(ds, set, periode, analyses)?;
    let jaar = periode.jaar();
    let afspraken = set.voor_jaar(jaar);
    let totalen = &financieel.totalen;

    // Reconciliation.
    let ws_van: HashMap<&str, &str> = begroting
        .iter()
        .map(|b| (b.regel_id.as_str(), b.werksoort.as_str()))
        .collect();
    let (mut boekingen, grootboek_cent) = boekingen_in(&ds.realisatie, periode).context("realisatie.csv")?;
    for b in &mut boekingen {
        b.werksoort = ws_van.get(b.regel_id.as_str()).map(|s| s.to_string());
    }
    let onbekende_regels: Vec<Boeking> = boekingen.iter().filter(|b| b.werksoort.is_none()).cloned().collect();
    let afgekeurd: Vec<AfgekeurdeBoekingRegel> = ds
        .realisatie_afgekeurd
        .iter()
        .filter(|a| a.boekdatum.is_none_or(|d| periode.bevat(d)))
        .map(|a| AfgekeurdeBoekingRegel {
            regel: a.regel,
            boekdatum: a.boekdatum,
            boekstuk: a.boekstuk.clone(),
            regel_id: a.regel_id.clone(),
            bedrag: a.bedrag_cent.map(euro),
            reden: a.reden.clone(),
        })
        .collect();
    let grootboek_totaal = euro(grootboek_cent);
    let rapport_totaal = totalen.totaal.realisatie_periode;
    let afgekeurd_totaal: Decimal = afgekeurd.iter().filter_map(|a| a.bedrag).sum();
    let onbekende_regels_totaal: Decimal = onbekende_regels.iter().map(|b| b.bedrag).sum();
    let mogelijk_dubbel = mogelijk_dubbele_boekingen(&boekingen);
    let mogelijk_dubbel_totaal: Decimal = mogelijk_dubbel.iter().map(|d| d.extra).sum();
    let aansluiting = Aansluiting {
        export_totaal: grootboek_totaal + afgekeurd_totaal,
        stappen: aansluitstappen(
            grootboek_totaal,
            afgekeurd_totaal,
            mogelijk_dubbel_totaal,
            onbekende_regels_totaal,
            rapport_totaal,
        ),
        mogelijk_dubbel,
        mogelijk_dubbel_totaal,
        grootboek_totaal,
        aantal_boekingen: boekingen.len(),
        rapport_totaal,
        verschil: grootboek_totaal - rapport_totaal,
        sluitend: grootboek_totaal == rapport_totaal,
        onbekende_regels_totaal,
        onbekende_regels,
        afgekeurd_totaal,
        afgekeurd_zonder_bedrag: afgekeurd.iter().filter(|a| a.bedrag.is_none()).count(),
        afgekeurd,
    };

    // Trend: cumulative from 1 January to each month end of the year to date.
    let laatste_maand = periode.peildatum().month();
    let per_maand =
        per_werksoort_per_maand(&ds.realisatie, &begroting, jaar, periode.peildatum()).context("realisatie.csv")?;
    let reeks = |code: &str, naam: String, lijnen: &[&Begrotingsrij], codes: &[&str]| {
        let mut cum = 0i64;
        let mut realisatie = Vec::new();
        let mut begr = Vec::new();
        for m in 1..=laatste_maand {
            cum += codes
                .iter()
                .map(|c| per_maand.get(&(c.to_string(), m)).copied().unwrap_or(0))
                .sum::<i64>();
            realisatie.push(euro(cum));
            begr.push(euro(lijnen.iter().map(|b| pro_rata_cent(b.bedrag_cent, m)).sum()));
        }
        Trendreeks {
            code: code.to_string(),
            naam,
            realisatie_cumulatief: realisatie,
            begroting_cumulatief: begr,
        }
    };
    let codes: Vec<&str> = totalen.werksoort.iter().map(|(c, _)| c).collect();
    let trend = Trend {
        maanden: (1..=laatste_maand).map(|m| format!("{jaar}-{m:02}")).collect(),
        werksoorten: totalen
            .werksoort
            .iter()
            .map(|(c, t)| {
                let lijnen: Vec<&Begrotingsrij> = begroting.iter().filter(|b| b.werksoort == c).collect();
                reeks(c, t.naam.clone(), &lijnen, &[c])
            })
            .collect(),
        totaal: reeks("totaal", "Totaal".into(), &begroting.iter().collect::<Vec<_>>(), &codes),
    };

    let proeftuin = ProeftuinMemo {
        naam: afspraken.proeftuin.naam.clone(),
        wijkgebied: afspraken.proeftuin.wijkgebied.clone(),
        bedrag_jaar: afspraken.proeftuin.bedrag,
        bedrag_periode: (afspraken.proeftuin.bedrag * Decimal::from(financieel.aantal_maanden) / Decimal::from(12))
            .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero),
    };

    Ok(Cijfers {
        periode,
        financieel,
        proeftuin,
        aansluiting,
        trend,
        boekingen,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn regel() -> Variantieregel {
        Variantieregel {
            drempel_bedrag: dec!(25000),
            drempel_pct: dec!(0.10),
            ondergrens_bedrag: dec!(1000),
        }
    }

    #[test]
    fn rounding_is_half_away_from_zero() {
        assert_eq!(deel_afgerond(5, 2), 3);
        assert_eq!(deel_afgerond(-5, 2), -3);
        assert_eq!(deel_afgerond(7, -2), -4);
        assert_eq!(deel_afgerond(4, 3), 1);
        assert_eq!(deel_afgerond(-4, 3), -1);
        // €0,01 × 6/12 = €0,005 → €0,01; €0,03 × 6/12 = 1,5 cent → 2 cent.
        assert_eq!(pro_rata_cent(1, 6), 1);
        assert_eq!(pro_rata_cent(3, 6), 2);
        assert_eq!(pro_rata_cent(-3, 6), -2);
        // 100 cent × 1/12 = 8,33 → 8; × 5/12 = 41,67 → 42.
        assert_eq!(pro_rata_cent(100, 1), 8);
        assert_eq!(pro_rata_cent(100, 5), 42);
    }

    #[test]
    fn variance_rule_edges() {
        let r = regel();
        // exactly €25.000 on a huge budget (0,25%): required by the amount.
        assert!(analyse_vereist(&r, dec!(25000), dec!(10000000)));
        assert!(analyse_vereist(&r, dec!(-25000), dec!(10000000)));
        assert!(!analyse_vereist(&r, dec!(24999.99), dec!(10000000)));
        // exactly 10%: required; just under: not.
        assert!(analyse_vereist(&r, dec!(5000), dec!(50000)));
        assert!(analyse_vereist(&r, dec!(-5000), dec!(50000)));
        assert!(!analyse_vereist(&r, dec!(4999.99), dec!(50000)));
        // under €1.000 never, even at 50%; exactly €1.000 at 10% is required.
        assert!(!analyse_vereist(&r, dec!(999.99), dec!(2000)));
        assert!(analyse_vereist(&r, dec!(1000), dec!(10000)));
        // zero budget: only the amount rule.
        assert!(!analyse_vereist(&r, dec!(5000), dec!(0)));
        assert!(analyse_vereist(&r, dec!(30000), dec!(0)));
    }

    #[test]
    fn share_bounds_are_inclusive_and_exact() {
        assert!(aandeel_bruikbaar(3, 10));
        assert!(aandeel_bruikbaar(7, 10));
        assert!(!aandeel_bruikbaar(299_999, 1_000_000));
        assert!(!aandeel_bruikbaar(700_001, 1_000_000));
        // A negative year with a negative first half: share 0.5.
        assert!(aandeel_bruikbaar(-5, -10));
        // Negative first half, positive year: negative share.
        assert!(!aandeel_bruikbaar(-5, 10));
    }
}
