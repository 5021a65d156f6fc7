//! The indicator engine: one function per indicator family, each a polars query over the
//! prepared [`Bron`] tables for one [`Tijdvak`], exactly per `kpi-catalogus.md`.
//!
//! Conventions implemented here (see the catalogue):
//! - only facts dated on or before the peildatum exist: an event dated later is treated as
//!   missing;
//! - timeliness indicators use **deadline cohorts** (deadline ∈ [start, peildatum]); a case
//!   afgesloten on or before its deadline without the awaited event (by the peildatum) was
//!   withdrawn and leaves the cohort;
//! - the overschrijdingen count every case that was **over its term** on a day of the period
//!   (revision 3): over from the day after its deadline to its end (the event, else afgesloten,
//!   else the peildatum), with days over = end − deadline and weeks over = ⌈max(days, 1) / 7⌉;
//! - an indicator with a norm in the year's agreement is computed without the hulpvragen of the
//!   Proeftuin Ruwaard (`proeftuin = ja`); an indicator without a norm includes them;
//! - median is the ordinary median, p90 the nearest-rank ⌈0.9·n⌉-th smallest value;
//! - fractions are compared with the norm exactly (decimal arithmetic on teller and noemer).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Arc, Mutex, OnceLock};

use polars::prelude::*;
use rust_decimal::Decimal;
use serde::Serialize;

use super::bron::{Bron, dag};
use super::catalogus::{self, Eenheid, IndicatorDef, UITSTROOM_CODES, WERKSOORTEN_MET_WACHTLIJST};
use super::{Indicator, NormJson, Status};
use crate::afspraken::{Afspraken, Richting};
use crate::period::Tijdvak;

/// A raw measurement before the norm is applied.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Meting {
    /// A count; zero is a value, never `geen_gegevens`.
    Aantal(i64),
    /// teller / noemer (noemer 0: no value).
    Fractie { teller: Decimal, noemer: Decimal },
    /// A statistic over the cases (median, p90, mean, max, total of weeks): `None` when there
    /// are no cases.
    Statistiek(Option<Decimal>),
}

pub(super) fn in_p(c: &str, s: i32, e: i32) -> Expr {
    col(c).gt_eq(lit(s)).and(col(c).lt_eq(lit(e)))
}

/// The column holds a date on or before the peildatum (a later date does not exist yet).
fn bekend(c: &str, e: i32) -> Expr {
    col(c).is_not_null().and(col(c).lt_eq(lit(e)))
}

/// The row's werksoort is one of `codes` (each one of [`catalogus::WERKSOORTEN`]), tested on the
/// integer column `wsi` that [`Bron`] adds to its hulpvragen and activiteiten.
pub(super) fn ws_is(codes: &[&str]) -> Expr {
    codes
        .iter()
        .map(|c| {
            let i = super::bron::werksoort_nummer(c)
                .unwrap_or_else(|| panic!("ws_is: {c} is no werksoort of the catalogue"));
            col("wsi").eq(lit(i))
        })
        .reduce(|a, b| a.or(b))
        .expect("at least one werksoort")
}

fn tel(b: Expr) -> Expr {
    b.fill_null(lit(false)).cast(DataType::Int64).sum()
}

/// Reads a two-column (key, count) frame into a map.
fn lees_tellingen(df: &DataFrame, key: &str, val: &str) -> PolarsResult<HashMap<String, i64>> {
    let k = df.column(key)?.str()?.clone();
    let v = df.column(val)?.cast(&DataType::Int64)?;
    let v = v.i64()?;
    Ok(k.iter()
        .zip(v.iter())
        .filter_map(|(k, v)| Some((k?.to_string(), v.unwrap_or(0))))
        .collect())
}

/// Per werksoort: number of rows matching `filter`.
pub(super) fn aantal_per_ws(df: &DataFrame, filter: Expr) -> PolarsResult<HashMap<String, i64>> {
    let out = df
        .clone()
        .lazy()
        .filter(filter)
        .group_by([col("ws")])
        .agg([len().alias("n")])
        .collect()?;
    lees_tellingen(&out, "ws", "n")
}

pub(super) fn fractie(teller: i64, noemer: i64) -> Meting {
    Meting::Fractie {
        teller: Decimal::from(teller),
        noemer: Decimal::from(noemer),
    }
}

/// The outcome of one deadline cohort.
#[derive(Debug, Clone, Default, PartialEq)]
struct Termijn {
    cohort: i64,
    op_tijd: i64,
}

/// A deadline cohort: rows matching `filter` whose `deadline` lies in [s, e], minus the
/// withdrawn ones; on time when `event` is known and on or before the deadline.
fn termijn(hv: &DataFrame, filter: Expr, deadline: Expr, event: &str, s: i32, e: i32) -> PolarsResult<Termijn> {
    let event_bekend = bekend(event, e);
    let teruggetrokken = col("afg")
        .is_not_null()
        .and(col("afg").lt_eq(col("dl")))
        .and(event_bekend.clone().not());
    let df = hv
        .clone()
        .lazy()
        .filter(filter)
        .with_column(deadline.alias("dl"))
        .filter(in_p("dl", s, e))
        .filter(teruggetrokken.not())
        .select([event_bekend
            .and(col(event).lt_eq(col("dl")))
            .fill_null(lit(false))
            .alias("op_tijd")])
        .collect()?;
    let op_tijd = df.column("op_tijd")?.bool()?;
    Ok(Termijn {
        cohort: df.height() as i64,
        op_tijd: op_tijd.iter().filter(|b| *b == Some(true)).count() as i64,
    })
}

/// Median (mean of the two middle values when n is even) and nearest-rank p90 of `v`.
pub(super) fn mediaan_p90(v: &mut [i64]) -> (Option<Decimal>, Option<Decimal>) {
    if v.is_empty() {
        return (None, None);
    }
    v.sort_unstable();
    let n = v.len();
    let mediaan = if n % 2 == 1 {
        Decimal::from(v[n / 2])
    } else {
        (Decimal::from(v[n / 2 - 1]) + Decimal::from(v[n / 2])) / Decimal::TWO
    };
    let rank = (9 * n).div_ceil(10); // ⌈0.9·n⌉, exact in integers
    (Some(mediaan), Some(Decimal::from(v[rank - 1])))
}

/// "Over the term" (catalogue conventions, revision 3): the days over (end − deadline) of every
/// case of a deadline cohort that was over its term on at least one day of [s, e].
///
/// The cohort is every row matching `filter` with a deadline, minus the ones withdrawn as of the
/// peildatum e (afgesloten on or before the deadline without the event by e). A case's *end* is
/// the event when it happened on or before e, else its afgesloten date when that is on or before
/// e, else e. It is over on every day t with deadline < t ≤ end, so over in [s, e] exactly when
/// end > deadline and end ≥ s (end ≤ e always holds).
fn over_termijn(hv: &DataFrame, filter: Expr, deadline: Expr, event: &str, s: i32, e: i32) -> PolarsResult<Vec<i64>> {
    let event_bekend = bekend(event, e).fill_null(lit(false));
    let teruggetrokken = bekend("afg", e)
        .and(col("afg").lt_eq(col("dl")))
        .and(event_bekend.clone().not())
        .fill_null(lit(false));
    let df = hv
        .clone()
        .lazy()
        .filter(filter)
        .with_column(deadline.alias("dl"))
        .filter(col("dl").is_not_null().and(teruggetrokken.not()))
        .with_column(
            when(event_bekend)
                .then(col(event))
                .when(bekend("afg", e).fill_null(lit(false)))
                .then(col("afg"))
                .otherwise(lit(e))
                .alias("eind"),
        )
        .filter(col("eind").gt(col("dl")).and(col("eind").gt_eq(lit(s))))
        .select([(col("eind") - col("dl")).cast(DataType::Int64).alias("over")])
        .collect()?;
    Ok(df.column("over")?.i64()?.iter().flatten().collect())
}

/// The overschrijding count of `id` and its weeks (`.weken_totaal`, `.weken_gemiddeld`,
/// `.weken_max`) from the days over of the cases; weeks over = ⌈max(days, 1) / 7⌉.
fn overschrijding(m: &mut HashMap<String, Meting>, id: &str, dagen_over: &[i64]) {
    let weken: Vec<i64> = dagen_over.iter().map(|d| (d.max(&1) + 6) / 7).collect();
    m.insert(id.to_string(), Meting::Aantal(weken.len() as i64));
    let totaal: i64 = weken.iter().sum();
    let (tot, gem, max) = if weken.is_empty() {
        (None, None, None)
    } else {
        (
            Some(Decimal::from(totaal)),
            Some(Decimal::from(totaal) / Decimal::from(weken.len() as i64)),
            weken.iter().max().map(|w| Decimal::from(*w)),
        )
    };
    m.insert(format!("{id}.weken_totaal"), Meting::Statistiek(tot));
    m.insert(format!("{id}.weken_gemiddeld"), Meting::Statistiek(gem));
    m.insert(format!("{id}.weken_max"), Meting::Statistiek(max));
}

/// Whether the agreement sets a norm for `id`: then the hulpvragen of the Proeftuin Ruwaard stay
/// out of it (catalogue convention "Proeftuin"). Decided on the presence of a norm in the
/// year's agreement, also before its `vanaf` date (the indicator is then `nvt`, but its figures
/// are the same ones that will be judged later).
pub fn genormeerd(afspraken: &Afspraken, id: &str) -> bool {
    afspraken.indicator(id).is_some_and(|a| a.norm.is_some())
}

/// The hulpvragen for the normed indicators: without those marked `proeftuin = ja`.
pub(crate) fn zonder_proeftuin(hv: &DataFrame) -> PolarsResult<DataFrame> {
    hv.clone().lazy().filter(col("pt").not()).collect()
}

/// The measurements of one tijdvak, as computed or being computed by one thread.
type Cel = Arc<OnceLock<Result<HashMap<String, Meting>, String>>>;

/// What the engine derived from a [`Bron`], kept for as long as the `Bron` (one run), shared by
/// its clones and thread-safe: the hulpvragen outside the Proeftuin, and the measurements per
/// tijdvak and agreement. The deliverables of one run ask for many of the same tijdvakken (the
/// months of the maandrapportage and the kwartaalrapportage, the year of the raadsinformatie
/// and the kwartaal's year to date): each is computed once; a second thread that asks for a
/// tijdvak being computed waits for it.
#[derive(Clone, Default)]
pub(crate) struct Geheugen {
    zonder_pt: Arc<OnceLock<DataFrame>>,
    metingen: Arc<Mutex<HashMap<(Tijdvak, String), Cel>>>,
}

impl Bron {
    /// [`zonder_proeftuin`] of the hulpvragen, computed once.
    fn hv_zonder_proeftuin(&self) -> PolarsResult<&DataFrame> {
        if let Some(df) = self.geheugen.zonder_pt.get() {
            return Ok(df);
        }
        let df = zonder_proeftuin(&self.hv)?;
        Ok(self.geheugen.zonder_pt.get_or_init(|| df))
    }
}

/// What of an agreement the measurements depend on: which indicators have a norm (their
/// figures leave the Proeftuin out) and the wijkgebieden.
fn afspraak_sleutel(afspraken: &Afspraken) -> String {
    let mut k = String::new();
    for (id, a) in &afspraken.indicatoren {
        if a.norm.is_some() {
            k.push_str(id);
            k.push('\0');
        }
    }
    k.push('\u{1}');
    for w in &afspraken.wijkgebieden {
        k.push_str(&w.code);
        k.push('\0');
    }
    k
}

/// The measurements of `tv` under `afspraken`: from the [`Geheugen`] when this run computed
/// them before, else computed (see [`meet`]) and kept.
fn metingen(bron: &Bron, afspraken: &Afspraken, tv: Tijdvak) -> PolarsResult<HashMap<String, Meting>> {
    let cel: Cel = {
        let mut kaart = bron.geheugen.metingen.lock().unwrap_or_else(|e| e.into_inner());
        kaart.entry((tv, afspraak_sleutel(afspraken))).or_default().clone()
    };
    cel.get_or_init(|| meet(bron, afspraken, tv).map_err(|e| e.to_string()))
        .clone()
        .map_err(|e| polars_err!(ComputeError: "{e}"))
}

/// Per-werksoort counts of `filter`, over all hulpvragen and over those outside the Proeftuin.
struct Tweeling {
    alle: HashMap<String, i64>,
    norm: HashMap<String, i64>,
}

impl Tweeling {
    fn tel(alle: &DataFrame, norm: &DataFrame, filter: Expr) -> PolarsResult<Tweeling> {
        Ok(Tweeling {
            alle: aantal_per_ws(alle, filter.clone())?,
            norm: aantal_per_ws(norm, filter)?,
        })
    }

    /// The count of `ws` for indicator `id` (without the Proeftuin when `id` has a norm).
    fn voor(&self, afspraken: &Afspraken, id: &str, ws: &str) -> i64 {
        let m = if genormeerd(afspraken, id) {
            &self.norm
        } else {
            &self.alle
        };
        *m.get(ws).unwrap_or(&0)
    }
}

/// Wachttijden (eerste_gesprek − aanmelddatum, days) per werksoort of first conversations in P.
pub(super) fn wachttijden(hv: &DataFrame, s: i32, e: i32) -> PolarsResult<BTreeMap<String, Vec<i64>>> {
    let wt = hv
        .clone()
        .lazy()
        .filter(in_p("eg", s, e))
        .select([col("ws"), (col("eg") - col("aanm")).cast(DataType::Int64).alias("w")])
        .collect()?;
    let mut uit: BTreeMap<String, Vec<i64>> = BTreeMap::new();
    for (ws, w) in wt.column("ws")?.str()?.iter().zip(wt.column("w")?.i64()?.iter()) {
        if let (Some(ws), Some(w)) = (ws, w) {
            uit.entry(ws.to_string()).or_default().push(w);
        }
    }
    Ok(uit)
}

/// Hulpvragen afgesloten in P per (werksoort, uitstroom code).
fn uitstroom_telling(hv: &DataFrame, s: i32, e: i32) -> PolarsResult<HashMap<(String, String), i64>> {
    let uit = hv
        .clone()
        .lazy()
        .filter(in_p("afg", s, e))
        .group_by([col("ws"), col("uit")])
        .agg([len().alias("n")])
        .collect()?;
    let mut uitstroom: HashMap<(String, String), i64> = HashMap::new();
    let n = uit.column("n")?.cast(&DataType::Int64)?;
    for ((ws, code), n) in uit
        .column("ws")?
        .str()?
        .iter()
        .zip(uit.column("uit")?.str()?.iter())
        .zip(n.i64()?.iter())
    {
        if let (Some(ws), Some(code)) = (ws, code) {
            *uitstroom.entry((ws.to_string(), code.to_string())).or_default() += n.unwrap_or(0);
        }
    }
    Ok(uitstroom)
}

/// Computes every measurement of the catalogue for `tv`.
fn meet(bron: &Bron, afspraken: &Afspraken, tv: Tijdvak) -> PolarsResult<HashMap<String, Meting>> {
    let (s, e) = (dag(tv.start), dag(tv.peildatum));
    let alle = &bron.hv;
    let zonder_pt = bron.hv_zonder_proeftuin()?;
    // The frame an indicator is computed over: without the Proeftuin when it has a norm.
    let hv_voor = |id: &str| if genormeerd(afspraken, id) { zonder_pt } else { alle };
    let mut m: HashMap<String, Meting> = HashMap::new();

    // Aanmeldingen and afgesloten, every werksoort.
    let aanm = Tweeling::tel(alle, zonder_pt, in_p("aanm", s, e))?;
    let afg = Tweeling::tel(alle, zonder_pt, in_p("afg", s, e))?;
    for ws in catalogus::WERKSOORTEN {
        let id = format!("{ws}.aanmeldingen");
        m.insert(id.clone(), Meting::Aantal(aanm.voor(afspraken, &id, ws)));
        let id = format!("{ws}.afgesloten");
        m.insert(id.clone(), Meting::Aantal(afg.voor(afspraken, &id, ws)));
    }

    // Wachtlijst at the peildatum and wachttijd of the first conversations in P.
    let wacht = wachtlijst_telling(bron, e)?;
    let mut wt_alle = wachttijden(alle, s, e)?;
    let mut wt_norm = wachttijden(zonder_pt, s, e)?;
    for ws in WERKSOORTEN_MET_WACHTLIJST {
        let id = format!("{ws}.wachtlijst");
        m.insert(id.clone(), Meting::Aantal(wacht.voor(afspraken, &id, ws)));
        for (id, p90) in [
            (format!("{ws}.wachttijd_mediaan"), false),
            (format!("{ws}.wachttijd_p90"), true),
        ] {
            let bron_wt = if genormeerd(afspraken, &id) {
                &mut wt_norm
            } else {
                &mut wt_alle
            };
            let (med, p) = mediaan_p90(bron_wt.get_mut(ws).map(|v| v.as_mut_slice()).unwrap_or(&mut []));
            m.insert(id, Meting::Statistiek(if p90 { p } else { med }));
        }
    }

    // First conversation within 4 and 6 weeks (deadline cohorts): the norm judges ISW and CSW
    // together (SW); ISW and CSW alone are its breakdown.
    for (ws, codes) in [
        ("SW", &["ISW", "CSW"][..]),
        ("ISW", &["ISW"][..]),
        ("CSW", &["CSW"][..]),
    ] {
        for (w, days) in [("4w", 28), ("6w", 42)] {
            let id = format!("{ws}.eerste_gesprek_{w}");
            let t = termijn(hv_voor(&id), ws_is(codes), col("aanm") + lit(days), "eg", s, e)?;
            m.insert(id, fractie(t.op_tijd, t.cohort));
        }
    }

    // ISW trajecten closed within 6 calendar months of the end of vraagverheldering.
    let t6 = hv_voor("ISW.afgesloten_6m")
        .clone()
        .lazy()
        .filter(ws_is(&["ISW"]).and(bekend("ts", e)).and(in_p("dl6m", s, e)))
        .select([
            len().alias("noemer"),
            tel(bekend("afg", e).and(col("afg").lt_eq(col("dl6m")))).alias("teller"),
        ])
        .collect()?;
    m.insert("ISW.afgesloten_6m".into(), fractie_uit(&t6)?);

    // ISW referral to a Wmo maatwerkvoorziening, over trajecten closed in P.
    let wmo = hv_voor("ISW.doorverwijzing_wmo")
        .clone()
        .lazy()
        .filter(ws_is(&["ISW"]).and(bekend("ts", e)).and(in_p("afg", s, e)))
        .select([
            len().alias("noemer"),
            tel(col("uit").eq(lit("maatwerk_wmo"))).alias("teller"),
        ])
        .collect()?;
    m.insert("ISW.doorverwijzing_wmo".into(), fractie_uit(&wmo)?);

    // Uitstroom per code, and the composite uitstroom indicators, over hulpvragen closed in P.
    let uit_alle = uitstroom_telling(alle, s, e)?;
    let uit_norm = uitstroom_telling(zonder_pt, s, e)?;
    let uit_n = |id: &str, ws: &str, codes: &[&str]| -> (i64, i64) {
        let (tabel, totaal) = if genormeerd(afspraken, id) {
            (&uit_norm, &afg.norm)
        } else {
            (&uit_alle, &afg.alle)
        };
        let n = codes
            .iter()
            .map(|c| tabel.get(&(ws.to_string(), c.to_string())).copied().unwrap_or(0))
            .sum();
        (n, *totaal.get(ws).unwrap_or(&0))
    };
    for ws in ["ISW", "CSW", "JGD"] {
        for code in UITSTROOM_CODES {
            let id = format!("{ws}.uitstroom.{code}");
            let (n, totaal) = uit_n(&id, ws, &[code]);
            m.insert(id, fractie(n, totaal));
        }
    }
    let (n, totaal) = uit_n("ISW.uitstroom_zelfstandig", "ISW", &["zelfstandig", "netwerk"]);
    m.insert("ISW.uitstroom_zelfstandig".into(), fractie(n, totaal));
    let (n, totaal) = uit_n("JGD.uitstroom_jeugdhulp", "JGD", &["jeugdhulp", "specialistisch"]);
    m.insert("JGD.uitstroom_jeugdhulp".into(), fractie(n, totaal));
    let (n, totaal) = uit_n("JW.warme_overdracht", "JW", &["zelfstandig", "overig"]);
    m.insert("JW.warme_overdracht".into(), fractie(totaal - n, totaal));

    // SW: repeat hulpvraag within 365 days (same client, same categorie, ISW or CSW).
    m.insert(
        "SW.herhaalde_hulpvraag".into(),
        herhaald(hv_voor("SW.herhaalde_hulpvraag"), s, e)?,
    );

    // SW: share of individual effort in the hours.
    let inzet = bron
        .uren
        .clone()
        .lazy()
        .filter(
            ws_is(&["ISW", "CSW"])
                .and(in_p("dag", s, e))
                .and(col("inzet").neq(lit("overig"))),
        )
        .select([
            col("uren").sum().alias("noemer"),
            col("uren")
                .filter(col("inzet").eq(lit("individueel")))
                .sum()
                .alias("teller"),
        ])
        .collect()?;
    let get =
        |c: &str| -> PolarsResult<i64> { Ok(inzet.column(c)?.cast(&DataType::Int64)?.i64()?.get(0).unwrap_or(0)) };
    m.insert(
        "SW.inzet_individueel".into(),
        Meting::Fractie {
            teller: Decimal::new(get("teller")?, 4).normalize(),
            noemer: Decimal::new(get("noemer")?, 4).normalize(),
        },
    );

    // CSW: wijkgebieden with a running ontmoetingsactiviteit organised by inwoners.
    let met = wijken_met_ontmoeting(bron, s, e)?;
    let teller = afspraken.wijkgebieden.iter().filter(|w| met.contains(&w.code)).count() as i64;
    m.insert(
        "CSW.ontmoeting_wijkgebieden".into(),
        fractie(teller, afspraken.wijkgebieden.len() as i64),
    );

    // JGD timeliness: in behandeling within 2 weeks, decision on jeugdhulp within 8 weeks
    // (deadline cohorts), and the cases over either term on a day of P.
    let jgd = || ws_is(&["JGD"]);
    let t2 = termijn(
        hv_voor("JGD.in_behandeling_2w"),
        jgd(),
        col("aanm") + lit(14),
        "eg",
        s,
        e,
    )?;
    m.insert("JGD.in_behandeling_2w".into(), fractie(t2.op_tijd, t2.cohort));
    let o2 = over_termijn(
        hv_voor("JGD.overschrijding_2w"),
        jgd(),
        col("aanm") + lit(14),
        "eg",
        s,
        e,
    )?;
    overschrijding(&mut m, "JGD.overschrijding_2w", &o2);
    let t8 = termijn(hv_voor("JGD.toeleiding_8w"), jgd(), col("aanv") + lit(56), "bes", s, e)?;
    m.insert("JGD.toeleiding_8w".into(), fractie(t8.op_tijd, t8.cohort));
    let o8 = over_termijn(
        hv_voor("JGD.overschrijding_8w"),
        jgd(),
        col("aanv") + lit(56),
        "bes",
        s,
        e,
    )?;
    overschrijding(&mut m, "JGD.overschrijding_8w", &o8);

    // JGD solved by the CJG itself in at most 5 conversations.
    let z = hv_voor("JGD.zelf_opgelost_max5")
        .clone()
        .lazy()
        .filter(zelf_opgelost_cohort(s, e).and(col("gespr").is_not_null()))
        .select([len().alias("noemer"), tel(col("gespr").lt_eq(lit(5))).alias("teller")])
        .collect()?;
    m.insert("JGD.zelf_opgelost_max5".into(), fractie_uit(&z)?);

    // JGD crisis registrations in P with a first conversation within one day.
    let c = hv_voor("JGD.crisis_1d")
        .clone()
        .lazy()
        .filter(jgd().and(col("crisis")).and(in_p("aanm", s, e)))
        .select([
            len().alias("noemer"),
            tel(bekend("eg", e).and(col("eg").lt_eq(col("aanm") + lit(1)))).alias("teller"),
        ])
        .collect()?;
    m.insert("JGD.crisis_1d".into(), fractie_uit(&c)?);

    // JW: participants of running JW activities.
    let d = bron
        .act
        .clone()
        .lazy()
        .filter(ws_is(&["JW"]).and(loopt(s, e)))
        .select([col("deelnemers").fill_null(lit(0i64)).sum().alias("n")])
        .collect()?;
    let n = d.column("n")?.cast(&DataType::Int64)?.i64()?.get(0).unwrap_or(0);
    m.insert("JW.deelnemers".into(), Meting::Aantal(n));

    Ok(m)
}

fn fractie_uit(df: &DataFrame) -> PolarsResult<Meting> {
    let get = |c: &str| -> PolarsResult<i64> { Ok(df.column(c)?.cast(&DataType::Int64)?.i64()?.get(0).unwrap_or(0)) };
    Ok(fractie(get("teller")?, get("noemer")?))
}

/// Waiting at the peildatum for more than 14 days: registered, no first conversation and not
/// closed on or before the peildatum.
pub(super) fn wachtlijst_filter(e: i32) -> Expr {
    col("aanm")
        .lt_eq(lit(e))
        .and(bekend("eg", e).not())
        .and(bekend("afg", e).not())
        .and((lit(e) - col("aanm")).gt(lit(14)))
}

/// JGD closed in P with uitstroom `zelfstandig` or `netwerk`: solved by the CJG professional
/// itself (kernbeding Hulpvragen 5 keeps the voorliggend veld and specialised help apart).
fn zelf_opgelost_cohort(s: i32, e: i32) -> Expr {
    ws_is(&["JGD"])
        .and(in_p("afg", s, e))
        .and(col("uit").eq(lit("zelfstandig")).or(col("uit").eq(lit("netwerk"))))
}

/// An activity running in P: start ≤ peildatum and (no einde or einde ≥ period start).
pub(super) fn loopt(s: i32, e: i32) -> Expr {
    col("start")
        .lt_eq(lit(e))
        .and(col("einde").is_null().or(col("einde").gt_eq(lit(s))))
}

fn wijken_met_ontmoeting(bron: &Bron, s: i32, e: i32) -> PolarsResult<BTreeSet<String>> {
    let df = bron
        .act
        .clone()
        .lazy()
        .filter(
            col("soort")
                .eq(lit("ontmoeting"))
                .and(col("door").fill_null(lit(false)))
                .and(loopt(s, e)),
        )
        .select([col("wijk")])
        .collect()?;
    Ok(df.column("wijk")?.str()?.iter().flatten().map(str::to_string).collect())
}

fn herhaald(hv: &DataFrame, s: i32, e: i32) -> PolarsResult<Meting> {
    let sw = ws_is(&["ISW", "CSW"]);
    let cohort = hv.clone().lazy().filter(sw.clone().and(in_p("aanm", s, e))).select([
        col("id"),
        col("client"),
        col("cat"),
        col("aanm"),
    ]);
    // Only a hulpvraag closed in [s − 365, e] can precede a cohort member within 365 days
    // (afg ≤ aanm ≤ e and aanm − afg ≤ 365 with aanm ≥ s): the join's other side is cut to that
    // window instead of every closed hulpvraag of every year. The filter after the join is the
    // definition; this one only leaves out rows it would drop.
    let eerder = hv.clone().lazy().filter(sw.and(in_p("afg", s - 365, e))).select([
        col("id").alias("id2"),
        col("client"),
        col("cat"),
        col("afg"),
    ]);
    let noemer = cohort.clone().select([len().alias("n")]).collect()?;
    let noemer = noemer.column("n")?.cast(&DataType::Int64)?.i64()?.get(0).unwrap_or(0);
    let teller = cohort
        .join(
            eerder,
            [col("client"), col("cat")],
            [col("client"), col("cat")],
            JoinArgs::new(JoinType::Inner),
        )
        .filter(
            col("id")
                .neq(col("id2"))
                .and(col("afg").lt_eq(col("aanm")))
                .and((col("aanm") - col("afg")).lt_eq(lit(365))),
        )
        .group_by([col("id")])
        .agg([len().alias("n")])
        .collect()?
        .height() as i64;
    Ok(fractie(teller, noemer))
}

/// Applies the agreement's norm to a measurement: status in the catalogue's order.
pub(super) fn maak(def: IndicatorDef, meting: Meting, afspraken: &Afspraken, tv: Tijdvak) -> Indicator {
    let afspraak = afspraken.indicator(&def.id);
    let norm = afspraak.and_then(|a| a.norm.clone());
    let vanaf = afspraak.and_then(|a| a.vanaf);
    let (teller, noemer, waarde) = match &meting {
        Meting::Aantal(n) => (None, None, Some(Decimal::from(*n))),
        Meting::Fractie { teller, noemer } => {
            let w = (!noemer.is_zero()).then(|| teller / noemer);
            (Some(*teller), Some(*noemer), w)
        }
        Meting::Statistiek(w) => (None, None, *w),
    };
    let geen_gegevens = match &meting {
        Meting::Aantal(_) => false,
        Meting::Fractie { noemer, .. } => noemer.is_zero(),
        Meting::Statistiek(w) => w.is_none(),
    };
    let status = if norm.is_some() && vanaf.is_some_and(|v| tv.peildatum < v) {
        Status::Nvt
    } else if geen_gegevens {
        Status::GeenGegevens
    } else if let Some(n) = &norm {
        let gehaald = match (&meting, n.richting) {
            // Exact: teller ≥ drempel × noemer, never a binary float.
            (Meting::Fractie { teller, noemer }, Richting::Min) => *teller >= n.drempel * noemer,
            (Meting::Fractie { teller, noemer }, Richting::Max) => *teller <= n.drempel * noemer,
            (_, Richting::Min) => waarde.is_some_and(|w| w >= n.drempel),
            (_, Richting::Max) => waarde.is_some_and(|w| w <= n.drempel),
        };
        if gehaald { Status::Gehaald } else { Status::NietGehaald }
    } else {
        Status::Monitor
    };
    debug_assert!(def.eenheid != Eenheid::Euro);
    Indicator {
        id: def.id,
        werksoort: def.werksoort,
        naam: def.naam,
        teller,
        noemer,
        waarde,
        eenheid: def.eenheid,
        norm: norm.map(|n| NormJson {
            richting: n.richting,
            drempel: n.drempel,
        }),
        status,
        analyse: None,
        maatregel: None,
        analyse_ontbreekt: false,
    }
}

/// Every indicator of the catalogue for the tijdvak, in catalogue order, with its status.
pub fn bereken(bron: &Bron, afspraken: &Afspraken, tv: Tijdvak) -> PolarsResult<Vec<Indicator>> {
    let mut m = metingen(bron, afspraken, tv)?;
    Ok(catalogus::alle()
        .into_iter()
        .map(|def| {
            let meting = m
                .remove(&def.id)
                .unwrap_or_else(|| panic!("engine computes every catalogue indicator: {}", def.id));
            maak(def, meting, afspraken, tv)
        })
        .collect())
}

/// The wachtlijst indicators (`X.wachtlijst` for every werksoort with a wachtlijst) of `tv`,
/// exactly as [`bereken`] gives them and in the catalogue's order, without computing the rest of
/// the catalogue: the monthly report's trend needs only these for its twelve earlier months, and
/// a whole catalogue per month was half of that report's time (issue 19).
pub fn wachtlijsten(bron: &Bron, afspraken: &Afspraken, tv: Tijdvak) -> PolarsResult<Vec<Indicator>> {
    let wacht = wachtlijst_telling(bron, dag(tv.peildatum))?;
    Ok(catalogus::alle()
        .into_iter()
        .filter_map(|def| {
            let ws = def
                .id
                .strip_suffix(".wachtlijst")
                .filter(|ws| WERKSOORTEN_MET_WACHTLIJST.contains(ws))?;
            let meting = Meting::Aantal(wacht.voor(afspraken, &def.id, ws));
            Some(maak(def, meting, afspraken, tv))
        })
        .collect())
}

/// The wachtlijst at peildatum `e` per werksoort, with and without the Proeftuin.
fn wachtlijst_telling(bron: &Bron, e: i32) -> PolarsResult<Tweeling> {
    Tweeling::tel(&bron.hv, bron.hv_zonder_proeftuin()?, wachtlijst_filter(e))
}

/// Number of JGD hulpvragen of the `JGD.zelf_opgelost_max5` cohort (closed in the tijdvak,
/// uitstroom zelfstandig or netwerk, outside the Proeftuin when the indicator has a norm)
/// without `aantal_gesprekken`: left out of the indicator, reported as a data-quality note.
pub fn zonder_aantal_gesprekken(bron: &Bron, afspraken: &Afspraken, tv: Tijdvak) -> PolarsResult<i64> {
    let (s, e) = (dag(tv.start), dag(tv.peildatum));
    let hv = if genormeerd(afspraken, "JGD.zelf_opgelost_max5") {
        bron.hv_zonder_proeftuin()?
    } else {
        &bron.hv
    };
    Ok(hv
        .clone()
        .lazy()
        .filter(zelf_opgelost_cohort(s, e).and(col("gespr").is_null()))
        .collect()?
        .height() as i64)
}

/// The wijkgebied breakdown: aanmeldingen and wachtlijst per werksoort, and whether a
/// qualifying ontmoetingsactiviteit ran (the JSON `wijkgebieden[]` element).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Wijkgebiedcijfers {
    pub code: String,
    pub naam: String,
    pub aanmeldingen: BTreeMap<String, i64>,
    pub wachtlijst: BTreeMap<String, i64>,
    /// Sum of `aanmeldingen` over the werksoorten.
    pub aanmeldingen_totaal: i64,
    /// Sum of `wachtlijst` over the werksoorten.
    pub wachtlijst_totaal: i64,
    pub ontmoetingsactiviteit: bool,
}

/// Aanmeldingen (every werksoort) and wachtlijst (werksoorten with a wachtlijst) per
/// wijkgebied of the agreement, in the agreement's order.
pub fn per_wijkgebied(bron: &Bron, afspraken: &Afspraken, tv: Tijdvak) -> PolarsResult<Vec<Wijkgebiedcijfers>> {
    let (s, e) = (dag(tv.start), dag(tv.peildatum));
    let tel_per = |filter: Expr| -> PolarsResult<HashMap<(String, String), i64>> {
        let df = bron
            .hv
            .clone()
            .lazy()
            .filter(filter)
            .group_by([col("wijk"), col("ws")])
            .agg([len().alias("n")])
            .collect()?;
        let n = df.column("n")?.cast(&DataType::Int64)?;
        Ok(df
            .column("wijk")?
            .str()?
            .iter()
            .zip(df.column("ws")?.str()?.iter())
            .zip(n.i64()?.iter())
            .filter_map(|((w, ws), n)| Some(((w?.to_string(), ws?.to_string()), n.unwrap_or(0))))
            .collect())
    };
    let aanm = tel_per(in_p("aanm", s, e))?;
    let wacht = tel_per(wachtlijst_filter(e))?;
    let met = wijken_met_ontmoeting(bron, s, e)?;
    Ok(afspraken
        .wijkgebieden
        .iter()
        .map(|w| {
            let key = |ws: &str| (w.code.clone(), ws.to_string());
            let aanmeldingen: BTreeMap<String, i64> = catalogus::WERKSOORTEN
                .iter()
                .map(|ws| (ws.to_string(), aanm.get(&key(ws)).copied().unwrap_or(0)))
                .collect();
            let wachtlijst: BTreeMap<String, i64> = WERKSOORTEN_MET_WACHTLIJST
                .iter()
                .map(|ws| (ws.to_string(), wacht.get(&key(ws)).copied().unwrap_or(0)))
                .collect();
            Wijkgebiedcijfers {
                code: w.code.clone(),
                naam: w.naam.clone(),
                aanmeldingen_totaal: aanmeldingen.values().sum(),
                wachtlijst_totaal: wachtlijst.values().sum(),
                aanmeldingen,
                wachtlijst,
                ontmoetingsactiviteit: met.contains(&w.code),
            }
        })
        .collect())
}

#[cfg(test)]
mod tests;
