//! The prepared source tables for the indicator engine: the ingested frames with every date as
//! an `Int32` day number (days since 1970-01-01) and the derived deadline of the 6-month clock,
//! so that each indicator is a plain polars expression over integer columns.

use chrono::{Months, NaiveDate};
use polars::prelude::*;

use crate::domein::werksoort::WERKSOORTEN;
use crate::ingest::Dataset;

/// Day number of a date: days since 1970-01-01 (the physical value of a polars `Date`); the
/// ingest's own conversion, so the frames and the engine count days alike.
pub use crate::ingest::schema::dagnummer as dag;

/// The date of a day number.
pub fn datum(dag: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).expect("epoch") + chrono::TimeDelta::days(i64::from(dag))
}

/// `d` + `n` calendar months, clamped to the end of the month (31 August + 6 months = 28/29
/// February), as chrono's `checked_add_months` does.
pub fn plus_maanden(dag_nr: i32, n: u32) -> i32 {
    dag(datum(dag_nr).checked_add_months(Months::new(n)).expect("date in range"))
}

/// Prepared tables. Column names are short on purpose; see [`Bron::new`].
#[derive(Clone)]
pub struct Bron {
    /// hulpvragen: `id`, `client`, `ws`, `wijk`, `cat`, `aanm`, `eg`, `vva`, `ts`, `afg`, `uit`,
    /// `gespr`, `aanv`, `bes` (dates as Int32 day numbers), `crisis` and `pt` (Boolean, missing
    /// = false: the hulpvraag belongs to the Proeftuin Ruwaard), `dl6m` = vva + 6 months and
    /// `wsi` (see [`werksoort_index`]).
    pub hv: DataFrame,
    /// uren: `ws`, `dag`, `inzet` and `uren` (1/10000 hour, Int64). From [`Bron::new`] one row
    /// per (ws, dag, inzet) with the sum of its hours: the engine only sums hours, so the sums
    /// are those of the rows, and a million timesheet rows become a few thousand. Plus `wsi`.
    pub uren: DataFrame,
    /// activiteiten: `ws`, `wijk`, `soort`, `door`, `start`, `einde`, `deelnemers` and `wsi`.
    pub act: DataFrame,
    /// contacten (optional file; `None` when not delivered): `ws`, `soort`, `dag` (Int32),
    /// `res` (resultaat, null when empty).
    pub con: Option<DataFrame>,
    /// What the engine derived from these tables, kept for the run (see
    /// [`super::engine::Geheugen`]). The tables are not changed once an indicator was computed.
    pub(super) geheugen: super::engine::Geheugen,
}

/// The column `wsi`: the position of `ws` in [`WERKSOORTEN`] (null for another code). The
/// engine selects a werksoort on this integer (`super::engine::ws_is`): comparing a short string
/// with every row was the largest single cost of the indicators (measured, issue 19).
pub fn werksoort_index(df: &DataFrame) -> PolarsResult<Column> {
    let ws = df.column("ws")?.str()?;
    Ok(ws
        .iter()
        .map(|w| w.and_then(werksoort_nummer))
        .collect::<Int32Chunked>()
        .with_name("wsi".into())
        .into_column())
}

/// The value of `wsi` for werksoort `code`: its position in [`WERKSOORTEN`].
pub fn werksoort_nummer(code: &str) -> Option<i32> {
    WERKSOORTEN.iter().position(|c| *c == code).map(|i| i as i32)
}

fn as_day(name: &str, alias: &str) -> Expr {
    col(name).cast(DataType::Int32).alias(alias)
}

impl Bron {
    /// Prepares the ingested tables (see `ingest::Dataset` for their columns).
    pub fn new(ds: &Dataset) -> PolarsResult<Bron> {
        let hv = ds
            .hulpvragen
            .clone()
            .lazy()
            .select([
                col("hulpvraag_id").alias("id"),
                col("client_id").alias("client"),
                col("werksoort").alias("ws"),
                col("wijkgebied").alias("wijk"),
                col("categorie").alias("cat"),
                as_day("aanmelddatum", "aanm"),
                as_day("eerste_gesprek", "eg"),
                as_day("vraagverheldering_afgerond", "vva"),
                as_day("traject_start", "ts"),
                as_day("afgesloten", "afg"),
                col("uitstroom").alias("uit"),
                col("aantal_gesprekken").cast(DataType::Int32).alias("gespr"),
                as_day("aanvraag_jeugdhulp", "aanv"),
                as_day("besluit_jeugdhulp", "bes"),
                col("crisis").fill_null(lit(false)).alias("crisis"),
                col("proeftuin").fill_null(lit(false)).alias("pt"),
            ])
            .collect()?;
        let uren = ds
            .uren
            .clone()
            .lazy()
            .select([
                col("werksoort").alias("ws"),
                as_day("datum", "dag"),
                col("uren").cast(DataType::Int64),
                col("inzet"),
            ])
            .group_by([col("ws"), col("dag"), col("inzet")])
            .agg([col("uren").sum()])
            .collect()?;
        let act = ds
            .activiteiten
            .clone()
            .lazy()
            .select([
                col("werksoort").alias("ws"),
                col("wijkgebied").alias("wijk"),
                col("soort"),
                col("door_inwoners").alias("door"),
                as_day("start", "start"),
                as_day("einde", "einde"),
                col("deelnemers").cast(DataType::Int64),
            ])
            .collect()?;
        let mut bron = Bron::uit_tabellen(hv, uren, act)?;
        bron.con = match &ds.contacten {
            Some(c) => Some(
                c.clone()
                    .lazy()
                    .select([
                        col("werksoort").alias("ws"),
                        col("soort"),
                        as_day("datum", "dag"),
                        col("resultaat").alias("res"),
                    ])
                    .collect()?,
            ),
            None => None,
        };
        Ok(bron)
    }

    /// Builds the prepared tables from frames that already have the short column names and
    /// Int32 day numbers (hv without `dl6m`, which is derived here). A frame without `crisis` or
    /// `pt` gets them as `false` (the columns are optional in the data contract).
    pub fn uit_tabellen(mut hv: DataFrame, uren: DataFrame, act: DataFrame) -> PolarsResult<Bron> {
        for naam in ["crisis", "pt"] {
            if hv.column(naam).is_err() {
                let n = hv.height();
                hv.with_column(Column::new(naam.into(), vec![false; n]))?;
            } else {
                let c = hv.column(naam)?.bool()?.fill_null_with_values(false)?;
                hv.with_column(c.into_column())?;
            }
        }
        // The 6-month deadline needs calendar arithmetic with end-of-month clamping.
        let dl6m: Int32Chunked = hv
            .column("vva")?
            .i32()?
            .apply_values(|d| plus_maanden(d, 6))
            .with_name("dl6m".into());
        hv.with_column(dl6m.into_series().into())?;
        let (mut uren, mut act) = (uren, act);
        for df in [&mut hv, &mut uren, &mut act] {
            let wsi = werksoort_index(df)?;
            df.with_column(wsi)?;
        }
        Ok(Bron {
            hv,
            uren,
            act,
            con: None,
            geheugen: Default::default(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> i32 {
        dag(NaiveDate::from_ymd_opt(y, m, dd).unwrap())
    }

    #[test]
    fn six_calendar_months_clamp_to_month_end() {
        assert_eq!(plus_maanden(d(2023, 8, 31), 6), d(2024, 2, 29));
        assert_eq!(plus_maanden(d(2022, 8, 31), 6), d(2023, 2, 28));
        assert_eq!(plus_maanden(d(2024, 1, 15), 6), d(2024, 7, 15));
        assert_eq!(plus_maanden(d(2024, 3, 31), 6), d(2024, 9, 30));
        assert_eq!(datum(d(2024, 2, 29)), NaiveDate::from_ymd_opt(2024, 2, 29).unwrap());
        assert_eq!(dag(NaiveDate::from_ymd_opt(1970, 1, 1).unwrap()), 0);
    }
}
