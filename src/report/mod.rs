//! Report models: one module per deliverable. Each assembles a plain serde model from the
//! computed figures and the toelichting; the renderers turn that model into files. The JSON
//! export is the model itself, serialised: everything any rendering shows is a field of it
//! (labels, counts and totals included), so renderers take the model alone.

pub mod concept;
pub mod financieel;
pub mod inhoudelijk;
pub mod kwartaal;
pub mod maand;
pub mod onderdrukking;
pub mod proeftuin;
pub mod raad;

use chrono::NaiveDate;
use serde::Serialize;

use crate::afspraken::AfsprakenSet;
use crate::dekking::Rapportstatus;
use crate::domein::indicator::{Indicator, Status};
use crate::domein::kwaliteit::Datakwaliteit;
use crate::ingest::{Dataset, Toelichting};
use crate::kpi::Bron;
use crate::period::Periode;

/// The JSON `periode` object: `{"code": "2024-Q2", "start": "2024-04-01", "peildatum":
/// "2024-06-30", "label": "2e kwartaal 2024", "kort_label": "Q2 2024"}`. The labels are what the
/// documents print, so no renderer parses a period code back.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeriodeJson {
    pub code: String,
    pub start: NaiveDate,
    pub peildatum: NaiveDate,
    /// "2e kwartaal 2024", "1e halfjaar 2024", "2024", "april 2024".
    pub label: String,
    /// "Q2 2024", "H1 2024", "2024", "apr 2024".
    pub kort_label: String,
}

impl From<Periode> for PeriodeJson {
    fn from(p: Periode) -> Self {
        PeriodeJson {
            code: p.to_string(),
            start: p.start(),
            peildatum: p.peildatum(),
            label: p.label(),
            kort_label: p.kort_label(),
        }
    }
}

/// Everything a deliverable is assembled from, the same bundle for every deliverable: the
/// ingested tables (and the engine's view of them), the agreements, the period's toelichting and
/// the data-quality account of the deliverable's own input files.
pub struct Cijfers<'a> {
    /// The ingested tables.
    pub dataset: &'a Dataset,
    /// The tables prepared for the indicator engine.
    pub bron: &'a Bron,
    /// The agreements of every year.
    pub afspraken: &'a AfsprakenSet,
    /// `toelichting/<periode>/`.
    pub toelichting: &'a Toelichting,
    /// The data-quality account of the deliverable's input files and the toelichting files
    /// (see [`datakwaliteit_voor`]).
    pub datakwaliteit: &'a Datakwaliteit,
    /// Whether the period is complete in the data (`definitief`) or still running (`voorlopig`);
    /// see [`crate::dekking`].
    pub status: Rapportstatus,
}

/// What the run summary on the terminal says about one deliverable.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Bevindingen {
    /// Whether the deliverable judges norms (the financial report has a variance rule instead).
    pub heeft_normen: bool,
    /// Ids of the indicators whose norm was not met.
    pub niet_gehaald: Vec<String>,
    /// Ids (indicators or begroting regels) whose required analysis is missing.
    pub analyse_ontbreekt: Vec<String>,
    /// `definitief`, `voorlopig` or `concept`.
    pub status: Rapportstatus,
    /// The texts a concept raad letter misses.
    pub ontbrekende_teksten: Vec<String>,
}

impl Bevindingen {
    /// The findings of a deliverable that judges norms: the indicators not met, the missing
    /// analyses (by id) and the report's status.
    pub fn met_normen(indicatoren: &[Indicator], analyse_ontbreekt: Vec<String>, status: Rapportstatus) -> Self {
        Bevindingen {
            heeft_normen: true,
            niet_gehaald: niet_gehaald(indicatoren),
            analyse_ontbreekt,
            status,
            ontbrekende_teksten: Vec::new(),
        }
    }
}

/// One deliverable: its names, the periods it serves, its input files and the one way to
/// assemble its model. Every deliverable has the same entry point, [`Rapport::stel_op`]; the
/// app wires each to its renderers in one table (`app::AFLEVERINGEN`).
pub trait Rapport: Serialize + Sized {
    /// The `--report` name: `kwartaal`.
    const SOORT: &'static str;
    /// The file name stem and manifest key: `kwartaalrapportage`.
    const RAPPORT: &'static str;
    /// The input files (relative to the data directory) the deliverable is made from, besides
    /// the afspraken and its toelichting folder. Its data-quality section covers these files.
    const BESTANDEN: &'static [&'static str];

    /// Whether the deliverable is made for this period.
    fn dient(p: &Periode) -> bool;

    /// The latest complete period it serves that ends on or before `laatste` (the last date in
    /// the data): what `run` without `--period` makes.
    fn laatste_periode(laatste: NaiveDate) -> Periode;

    /// Assembles the model for period `p`.
    fn stel_op(c: &Cijfers, p: Periode) -> anyhow::Result<Self>;

    /// What the run summary reports.
    fn bevindingen(&self) -> Bevindingen;
}

/// The data-quality account restricted to `bestanden` (plus the toelichting files).
pub fn datakwaliteit_voor(k: &Datakwaliteit, bestanden: &[&str]) -> Datakwaliteit {
    let hoort = |pad: &str| bestanden.contains(&pad) || pad.starts_with("toelichting/");
    Datakwaliteit {
        bestanden: k.bestanden.iter().filter(|b| hoort(&b.pad)).cloned().collect(),
        afkeuringen: k.afkeuringen.iter().filter(|a| hoort(&a.bestand)).cloned().collect(),
        waarschuwingen: k.waarschuwingen.iter().filter(|w| hoort(&w.bestand)).cloned().collect(),
    }
}

/// The ids of the indicators whose norm was not met.
pub fn niet_gehaald(indicatoren: &[Indicator]) -> Vec<String> {
    indicatoren
        .iter()
        .filter(|i| i.status == Status::NietGehaald)
        .map(|i| i.id.clone())
        .collect()
}
