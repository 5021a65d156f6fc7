//! The halfjaarrapportage inhoudelijk (`deliverables.md` §3): per werksoort the doelen of the
//! agreement with the status the provider reports in `toelichting/<H>/doelen.csv` and the
//! indicators linked to each doel over the half year; ontwikkelingen, knelpunten and
//! aanbevelingen from the Markdown files; the risk register with the scores of `risicos.csv`
//! against those of the agreement; the norms not met and the analyses missing.
//!
//! Nothing is invented: a doel without a row (or without the file) is `niet_aangeleverd`, a
//! Markdown part that is absent is `None`, a risico without an update keeps the agreement's
//! scores and says so (`geactualiseerd: false`).

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Serialize;

use chrono::NaiveDate;

use super::kwartaal::koppel_analyses;
use super::{Bevindingen, Cijfers, PeriodeJson, Rapport};
use crate::afspraken::Afspraken;
use crate::domein::catalogus;
pub use crate::domein::codes::DoelStatus;
use crate::domein::indicator::{Eenheid, Indicator, NormJson, Status};
use crate::domein::kwaliteit::Datakwaliteit;
use crate::ingest::{MarkdownTekst, Toelichting};
use crate::kpi;
use crate::period::Periode;

/// The `rapport` value of this deliverable's JSON.
pub const RAPPORT: &str = "halfjaar-inhoudelijk";

/// The halfjaarrapportage inhoudelijk; serialised, it is the JSON export.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Halfjaarinhoudelijk {
    /// Always `"halfjaar-inhoudelijk"`.
    pub rapport: &'static str,
    /// The half year.
    pub periode: PeriodeJson,
    /// `definitief`, or `voorlopig` when the data does not reach the peildatum (revision 3;
    /// set by the run from [`crate::dekking`]).
    pub status: crate::dekking::Rapportstatus,
    /// "Oss".
    pub gemeente: String,
    /// "ONS welzijn".
    pub aanbieder: String,
    /// Which toelichting files were delivered for the period.
    pub aangeleverd: Aanlevering,
    /// Counts for the summary box.
    pub samenvatting: Samenvattingscijfers,
    /// Text of the Markdown files before the first werksoort heading.
    pub algemeen: Verhaal,
    /// Per werksoort of the agreement, in its order: name, counts and the Markdown parts.
    pub werksoorten: Vec<WerksoortInhoud>,
    /// Every doel of the agreement, in the agreement's order.
    pub doelen: Vec<DoelRegel>,
    /// Every risico of the agreement, in the agreement's order.
    pub risicos: Vec<RisicoRegel>,
    /// Every indicator of the half year, with the analysis from `analyses.csv` for those that
    /// are `niet_gehaald`.
    pub indicatoren: Vec<Indicator>,
    /// The indicators `niet_gehaald` over the half year, in catalogue order, with their analysis.
    pub normen_niet_gehaald: Vec<NormNietGehaald>,
    /// Ids of the indicators `niet_gehaald` whose analysis is missing (a subset of the above).
    pub analyses_ontbreken: Vec<String>,
    /// Remarks on the input, e.g. rows of `doelen.csv` for an id the agreement does not know.
    pub opmerkingen: Vec<String>,
    /// Data quality of the run.
    pub datakwaliteit: Datakwaliteit,
    /// The Proeftuin Ruwaard's own figures for the half year (revision 3); filled in by the run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub proeftuin: Option<crate::kpi::Proeftuincijfers>,
    /// The outputs of seed 003 over the half year (revision 3), as in the kwartaalrapportage:
    /// aanmeldingen per categorie, activities, contacts (`niet_aangeleverd` without
    /// contacten.csv); filled in by the run. The ones a doel links to also stand with that doel.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outputs: Option<crate::kpi::Outputcijfers>,
}

/// Which files of `toelichting/<periode>/` were present.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Aanlevering {
    /// `doelen.csv`
    pub doelen: bool,
    /// `risicos.csv`
    pub risicos: bool,
    /// `analyses.csv`
    pub analyses: bool,
    /// `ontwikkelingen.md`
    pub ontwikkelingen: bool,
    /// `knelpunten.md`
    pub knelpunten: bool,
    /// `aanbevelingen.md`
    pub aanbevelingen: bool,
}

/// The three Markdown parts for one werksoort (or the general part). `None`: not delivered —
/// the file is absent, or it has no (non-empty) section for this werksoort.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Verhaal {
    /// Markdown from `ontwikkelingen.md`.
    pub ontwikkelingen: Option<String>,
    /// Markdown from `knelpunten.md`.
    pub knelpunten: Option<String>,
    /// Markdown from `aanbevelingen.md`.
    pub aanbevelingen: Option<String>,
}

impl Verhaal {
    /// Whether any of the three parts is present.
    pub fn iets_aangeleverd(&self) -> bool {
        self.ontwikkelingen.is_some() || self.knelpunten.is_some() || self.aanbevelingen.is_some()
    }
}

/// Number of doelen per status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Statustelling {
    /// `behaald`
    pub behaald: usize,
    /// `op_koers`
    pub op_koers: usize,
    /// `risico`
    pub risico: usize,
    /// `niet_behaald`
    pub niet_behaald: usize,
    /// `nvt`
    pub nvt: usize,
    /// `niet_aangeleverd`
    pub niet_aangeleverd: usize,
}

impl Statustelling {
    /// Counts one doel.
    pub fn tel(&mut self, s: DoelStatus) {
        match s {
            DoelStatus::Behaald => self.behaald += 1,
            DoelStatus::OpKoers => self.op_koers += 1,
            DoelStatus::Risico => self.risico += 1,
            DoelStatus::NietBehaald => self.niet_behaald += 1,
            DoelStatus::Nvt => self.nvt += 1,
            DoelStatus::NietAangeleverd => self.niet_aangeleverd += 1,
        }
    }

    /// The count of one status.
    pub fn aantal(&self, s: DoelStatus) -> usize {
        match s {
            DoelStatus::Behaald => self.behaald,
            DoelStatus::OpKoers => self.op_koers,
            DoelStatus::Risico => self.risico,
            DoelStatus::NietBehaald => self.niet_behaald,
            DoelStatus::Nvt => self.nvt,
            DoelStatus::NietAangeleverd => self.niet_aangeleverd,
        }
    }

    /// All doelen counted.
    pub fn totaal(&self) -> usize {
        self.behaald + self.op_koers + self.risico + self.niet_behaald + self.nvt + self.niet_aangeleverd
    }

    /// Behaald or op koers.
    pub fn goed(&self) -> usize {
        self.behaald + self.op_koers
    }

    /// Risico or niet behaald: not on course.
    pub fn niet_op_koers(&self) -> usize {
        self.risico + self.niet_behaald
    }
}

impl Serialize for Statustelling {
    /// The counts per status plus `totaal`, `goed` (behaald + op koers) and `niet_op_koers`
    /// (risico + niet behaald), the figures the summary cards show.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Statustelling", 9)?;
        st.serialize_field("behaald", &self.behaald)?;
        st.serialize_field("op_koers", &self.op_koers)?;
        st.serialize_field("risico", &self.risico)?;
        st.serialize_field("niet_behaald", &self.niet_behaald)?;
        st.serialize_field("nvt", &self.nvt)?;
        st.serialize_field("niet_aangeleverd", &self.niet_aangeleverd)?;
        st.serialize_field("totaal", &self.totaal())?;
        st.serialize_field("goed", &self.goed())?;
        st.serialize_field("niet_op_koers", &self.niet_op_koers())?;
        st.end()
    }
}

/// The statuses in the order reports list them.
pub const DOELSTATUSSEN: [DoelStatus; 6] = [
    DoelStatus::Behaald,
    DoelStatus::OpKoers,
    DoelStatus::Risico,
    DoelStatus::NietBehaald,
    DoelStatus::Nvt,
    DoelStatus::NietAangeleverd,
];

/// The figures of the summary.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Samenvattingscijfers {
    /// Doelen per status, all werksoorten.
    pub doelen: Statustelling,
    /// Risico's whose effect is now higher than in the agreement, in agreement order.
    pub risicos_hoger: Vec<String>,
    /// Risico's whose effect is now lower than in the agreement.
    pub risicos_lager: Vec<String>,
    /// How many risico's have a higher effect (the length of `risicos_hoger`).
    pub aantal_risicos_hoger: usize,
    /// How many risico's have a lower effect.
    pub aantal_risicos_lager: usize,
    /// Number of risico's in the register.
    pub risicos: usize,
    /// Number of indicators `niet_gehaald`.
    pub normen_niet_gehaald: usize,
    /// Number of those without analysis.
    pub analyses_ontbreken: usize,
}

/// One werksoort: its name, the counts of its doelen and its Markdown parts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WerksoortInhoud {
    /// `ISW`
    pub code: String,
    /// "Individueel sociaal werk"
    pub naam: String,
    /// Its doelen per status.
    pub doelen: Statustelling,
    /// Ontwikkelingen, knelpunten and aanbevelingen (Markdown).
    #[serde(flatten)]
    pub verhaal: Verhaal,
}

/// A linked indicator of a doel, over the half year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DoelIndicator {
    /// Catalogue id.
    pub id: String,
    /// Dutch name.
    pub naam: String,
    /// Unit of `waarde`.
    pub eenheid: Eenheid,
    /// Value over the half year (`null` when there is nothing to measure).
    #[serde(serialize_with = "kpi::ser_opt_decimal")]
    pub waarde: Option<Decimal>,
    /// The norm, if the agreement sets one.
    pub norm: Option<NormJson>,
    /// Status over the half year; `geen_gegevens` when the indicator was not computed.
    pub status: Status,
}

/// One doel of the agreement with its reported status.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DoelRegel {
    /// `ISW-D4`, `JGD-H2.3`.
    pub id: String,
    /// Werksoort code.
    pub werksoort: String,
    /// JGD only: the hoofddoel's id (`JGD-H2`).
    pub hoofddoel_id: Option<String>,
    /// JGD only: the hoofddoel's full text.
    pub hoofddoel: Option<String>,
    /// The doel's full text (bullet lines start with `- `).
    pub tekst: String,
    /// The status from `doelen.csv`; `niet_aangeleverd` when the file or the row is missing.
    pub status: DoelStatus,
    /// The toelichting from `doelen.csv` (`null` when absent or empty).
    pub toelichting: Option<String>,
    /// Ids of the indicators that measure the doel.
    pub indicatoren: Vec<String>,
    /// Those indicators over the half year, with status.
    pub indicatorstatus: Vec<DoelIndicator>,
}

/// How a risico's effect changed against the agreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verandering {
    /// Effect higher than in the agreement.
    Hoger,
    /// Effect lower.
    Lager,
    /// Same effect (kans and schade may still have shifted).
    Gelijk,
}

/// One risico of the register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RisicoRegel {
    /// `ISW-R2`.
    pub id: String,
    /// Werksoort code.
    pub werksoort: String,
    /// The risk as in the agreement.
    pub tekst: String,
    /// The randvoorwaarde(n) of the agreement.
    pub randvoorwaarde: Option<String>,
    /// Current kans: from `risicos.csv` when it has a row, else the agreement's.
    pub kans: u8,
    /// Current schade, idem.
    pub schade: u8,
    /// kans × schade.
    pub effect: u8,
    /// Kans in the agreement.
    pub kans_afspraak: u8,
    /// Schade in the agreement.
    pub schade_afspraak: u8,
    /// Effect in the agreement.
    pub effect_afspraak: u8,
    /// effect − effect_afspraak.
    pub effect_verschil: i8,
    /// Direction of the change.
    pub verandering: Verandering,
    /// Whether `risicos.csv` has a row for this risico.
    pub geactualiseerd: bool,
    /// The toelichting from `risicos.csv` (`null` when absent or empty).
    pub toelichting: Option<String>,
}

/// An indicator that did not meet its norm over the half year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NormNietGehaald {
    /// Catalogue id.
    pub id: String,
    /// Werksoort code (`SW` for ISW and CSW together).
    pub werksoort: String,
    /// Dutch name.
    pub naam: String,
    /// Unit.
    pub eenheid: Eenheid,
    /// Teller of a fraction.
    #[serde(serialize_with = "kpi::ser_opt_decimal")]
    pub teller: Option<Decimal>,
    /// Noemer of a fraction.
    #[serde(serialize_with = "kpi::ser_opt_decimal")]
    pub noemer: Option<Decimal>,
    /// The value.
    #[serde(serialize_with = "kpi::ser_opt_decimal")]
    pub waarde: Option<Decimal>,
    /// The norm.
    pub norm: Option<NormJson>,
    /// Analysis from `analyses.csv`.
    pub analyse: Option<String>,
    /// Measure from `analyses.csv`.
    pub maatregel: Option<String>,
    /// True when `analyses.csv` has no row for this indicator.
    pub analyse_ontbreekt: bool,
}

fn niet_leeg(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// The part of a Markdown file for `werksoort` (None when the file or the section is absent
/// or empty).
fn deel(md: Option<&MarkdownTekst>, werksoort: &str) -> Option<String> {
    md.and_then(|m| m.per_werksoort.get(werksoort))
        .and_then(|t| niet_leeg(t))
}

fn algemeen_deel(md: Option<&MarkdownTekst>) -> Option<String> {
    md.and_then(|m| niet_leeg(&m.algemeen))
}

/// Position of an indicator in the catalogue (unknown ids last).
fn catalogus_volgorde() -> BTreeMap<String, usize> {
    catalogus::alle()
        .into_iter()
        .enumerate()
        .map(|(i, d)| (d.id, i))
        .collect()
}

impl Rapport for Halfjaarinhoudelijk {
    const SOORT: &'static str = "inhoud";
    const RAPPORT: &'static str = RAPPORT;
    const BESTANDEN: &'static [&'static str] = &["hulpvragen.csv", "uren.csv", "activiteiten.csv", "contacten.csv"];

    fn dient(p: &Periode) -> bool {
        matches!(p, Periode::Halfjaar(..))
    }

    fn laatste_periode(laatste: NaiveDate) -> Periode {
        Periode::laatste_halfjaar(laatste)
    }

    fn stel_op(c: &Cijfers, p: Periode) -> anyhow::Result<Self> {
        let afspraken = c.afspraken.voor_jaar(p.jaar());
        let mut indicatoren = kpi::bereken(c.bron, afspraken, p.tijdvak())?;
        // The outputs of seed 003 that a doel links to (revision 3). The link is the agreement's
        // own doel → indicator mapping (`indicatoren` of a `[[doel]]` in afspraken/<jaar>.toml),
        // the same one the norms use, so there is one place that says which figure measures
        // which doel: e.g. SRW-D6 (formulierenbrigade) → SRW.contacten.formulierenbrigade,
        // CSW-D8 (informele ondersteuning) → the koppelingen and buurtbemiddelingen with their
        // success rates, JGD-H2.8 (collectief aanbod) → JGD.cursussen_groepen. A linked output
        // joins the half year's indicators, so it stands with its doel with its status.
        let gekoppeld: std::collections::BTreeSet<&str> = afspraken
            .doelen
            .iter()
            .flat_map(|d| d.indicatoren.iter().map(String::as_str))
            .collect();
        let outputs = kpi::outputs::bereken(c.bron, afspraken, p.tijdvak())?;
        indicatoren.extend(
            outputs
                .activiteiten
                .iter()
                .chain(&outputs.contacten)
                .filter(|i| gekoppeld.contains(i.id.as_str()))
                .cloned(),
        );
        let mut model = assembleer(afspraken, &p, &indicatoren, c.toelichting, c.datakwaliteit);
        model.status = c.status;
        model.proeftuin = Some(kpi::proeftuin::bereken(c.bron, afspraken, p.tijdvak())?);
        model.outputs = Some(outputs);
        Ok(model)
    }

    fn bevindingen(&self) -> Bevindingen {
        Bevindingen::met_normen(&self.indicatoren, self.analyses_ontbreken.clone(), self.status)
    }
}

/// Assembles the halfjaarrapportage inhoudelijk for `periode` (a half year) from the agreement,
/// the half year's indicators (`kpi::bereken` over the half year), the period's toelichting and
/// the data quality account.
pub fn assembleer(
    afspraken: &Afspraken,
    periode: &Periode,
    indicatoren: &[Indicator],
    toelichting: &Toelichting,
    datakwaliteit: &Datakwaliteit,
) -> Halfjaarinhoudelijk {
    let mut indicatoren = indicatoren.to_vec();
    // Analyses for the norms not met; the rows are rebuilt below in catalogue order.
    koppel_analyses(&mut indicatoren, toelichting);
    let per_id: BTreeMap<&str, &Indicator> = indicatoren.iter().map(|i| (i.id.as_str(), i)).collect();

    let mut opmerkingen = Vec::new();

    // Doelen.
    let mut doelen = Vec::with_capacity(afspraken.doelen.len());
    for d in &afspraken.doelen {
        let invoer = toelichting.doelen.as_ref().and_then(|m| m.get(&d.id));
        let (status, toel) = match invoer {
            Some(r) => (r.status, niet_leeg(&r.toelichting)),
            None => (DoelStatus::NietAangeleverd, None),
        };
        let indicatorstatus = d
            .indicatoren
            .iter()
            .map(|id| match per_id.get(id.as_str()) {
                Some(i) => DoelIndicator {
                    id: i.id.clone(),
                    naam: i.naam.clone(),
                    eenheid: i.eenheid,
                    waarde: i.waarde,
                    norm: i.norm.clone(),
                    status: i.status,
                },
                None => {
                    let def = catalogus::zoek(id);
                    DoelIndicator {
                        id: id.clone(),
                        naam: def.as_ref().map(|d| d.naam.clone()).unwrap_or_else(|| id.clone()),
                        eenheid: def.map(|d| d.eenheid).unwrap_or(Eenheid::Aantal),
                        waarde: None,
                        norm: None,
                        status: Status::GeenGegevens,
                    }
                }
            })
            .collect();
        let hoofddoel_id = d
            .hoofddoel
            .as_ref()
            .and_then(|_| d.id.split_once('.'))
            .map(|(h, _)| h.to_string());
        doelen.push(DoelRegel {
            id: d.id.clone(),
            werksoort: d.werksoort.clone(),
            hoofddoel_id,
            hoofddoel: d.hoofddoel.clone(),
            tekst: d.tekst.clone(),
            status,
            toelichting: toel,
            indicatoren: d.indicatoren.clone(),
            indicatorstatus,
        });
    }
    if let Some(m) = &toelichting.doelen {
        for id in m.keys().filter(|id| afspraken.doel(id).is_none()) {
            opmerkingen.push(format!(
                "doelen.csv noemt doel '{id}', dat niet in de afspraken staat; deze regel is niet gebruikt."
            ));
        }
    }

    // Risico's.
    let mut risicos = Vec::with_capacity(afspraken.risicos.len());
    for r in &afspraken.risicos {
        let invoer = toelichting.risicos.as_ref().and_then(|m| m.get(&r.id));
        let (kans, schade) = invoer.map_or((r.kans, r.schade), |i| (i.kans, i.schade));
        let effect = kans * schade;
        let effect_afspraak = r.effect();
        let verschil = effect as i8 - effect_afspraak as i8;
        risicos.push(RisicoRegel {
            id: r.id.clone(),
            werksoort: r.werksoort.clone(),
            tekst: r.tekst.clone(),
            randvoorwaarde: r.randvoorwaarde.clone(),
            kans,
            schade,
            effect,
            kans_afspraak: r.kans,
            schade_afspraak: r.schade,
            effect_afspraak,
            effect_verschil: verschil,
            verandering: match verschil.signum() {
                1 => Verandering::Hoger,
                -1 => Verandering::Lager,
                _ => Verandering::Gelijk,
            },
            geactualiseerd: invoer.is_some(),
            toelichting: invoer.and_then(|i| niet_leeg(&i.toelichting)),
        });
    }
    if let Some(m) = &toelichting.risicos {
        for id in m.keys().filter(|id| afspraken.risico(id).is_none()) {
            opmerkingen.push(format!(
                "risicos.csv noemt risico '{id}', dat niet in de afspraken staat; deze regel is niet gebruikt."
            ));
        }
    }

    // Norms not met, in catalogue order.
    let volgorde = catalogus_volgorde();
    let mut niet_gehaald: Vec<&Indicator> = indicatoren.iter().filter(|i| i.status == Status::NietGehaald).collect();
    niet_gehaald.sort_by(|a, b| {
        let pa = volgorde.get(&a.id).copied().unwrap_or(usize::MAX);
        let pb = volgorde.get(&b.id).copied().unwrap_or(usize::MAX);
        pa.cmp(&pb).then_with(|| a.id.cmp(&b.id))
    });
    let normen_niet_gehaald: Vec<NormNietGehaald> = niet_gehaald
        .iter()
        .map(|i| NormNietGehaald {
            id: i.id.clone(),
            werksoort: i.werksoort.clone(),
            naam: i.naam.clone(),
            eenheid: i.eenheid,
            teller: i.teller,
            noemer: i.noemer,
            waarde: i.waarde,
            norm: i.norm.clone(),
            analyse: i.analyse.clone(),
            maatregel: i.maatregel.clone(),
            analyse_ontbreekt: i.analyse_ontbreekt,
        })
        .collect();
    let analyses_ontbreken: Vec<String> = normen_niet_gehaald
        .iter()
        .filter(|n| n.analyse_ontbreekt)
        .map(|n| n.id.clone())
        .collect();

    // Per werksoort.
    let werksoorten = afspraken
        .werksoorten
        .iter()
        .map(|w| {
            let mut telling = Statustelling::default();
            doelen
                .iter()
                .filter(|d| d.werksoort == w.code)
                .for_each(|d| telling.tel(d.status));
            WerksoortInhoud {
                code: w.code.clone(),
                naam: w.naam.clone(),
                doelen: telling,
                verhaal: Verhaal {
                    ontwikkelingen: deel(toelichting.ontwikkelingen.as_ref(), &w.code),
                    knelpunten: deel(toelichting.knelpunten.as_ref(), &w.code),
                    aanbevelingen: deel(toelichting.aanbevelingen.as_ref(), &w.code),
                },
            }
        })
        .collect();
    let algemeen = Verhaal {
        ontwikkelingen: algemeen_deel(toelichting.ontwikkelingen.as_ref()),
        knelpunten: algemeen_deel(toelichting.knelpunten.as_ref()),
        aanbevelingen: algemeen_deel(toelichting.aanbevelingen.as_ref()),
    };

    let mut telling = Statustelling::default();
    doelen.iter().for_each(|d| telling.tel(d.status));
    let hoger: Vec<String> = risicos
        .iter()
        .filter(|r| r.verandering == Verandering::Hoger)
        .map(|r| r.id.clone())
        .collect();
    let lager: Vec<String> = risicos
        .iter()
        .filter(|r| r.verandering == Verandering::Lager)
        .map(|r| r.id.clone())
        .collect();
    let samenvatting = Samenvattingscijfers {
        doelen: telling,
        risicos: risicos.len(),
        aantal_risicos_hoger: hoger.len(),
        aantal_risicos_lager: lager.len(),
        risicos_hoger: hoger,
        risicos_lager: lager,
        normen_niet_gehaald: normen_niet_gehaald.len(),
        analyses_ontbreken: analyses_ontbreken.len(),
    };

    let aangeleverd = Aanlevering {
        doelen: toelichting.doelen.is_some(),
        risicos: toelichting.risicos.is_some(),
        analyses: toelichting.aanwezig.contains("analyses.csv") || !toelichting.analyses.is_empty(),
        ontwikkelingen: toelichting.ontwikkelingen.is_some(),
        knelpunten: toelichting.knelpunten.is_some(),
        aanbevelingen: toelichting.aanbevelingen.is_some(),
    };

    Halfjaarinhoudelijk {
        rapport: RAPPORT,
        periode: (*periode).into(),
        status: Default::default(),
        proeftuin: None,
        outputs: None,
        gemeente: afspraken.gemeente.clone(),
        aanbieder: afspraken.aanbieder.clone(),
        aangeleverd,
        samenvatting,
        algemeen,
        werksoorten,
        doelen,
        risicos,
        indicatoren,
        normen_niet_gehaald,
        analyses_ontbreken,
        opmerkingen,
        datakwaliteit: datakwaliteit.clone(),
    }
}
