//! Disclosure control for the public raadsinformatie (`deliverables.md` §4): small numbers are
//! not published, and no withheld number can be recovered by subtraction.
//!
//! **Primary suppression** (the agreement's `[onderdrukking]`, `min_aantal` 5 and `min_noemer` 10):
//! - a count of persons from 1 to `min_aantal − 1` is shown as `<5`; zero is shown as `0`;
//! - a percentage whose noemer is below `min_noemer` is shown as `*`; so is a percentage whose
//!   teller is withheld, because teller = percentage × noemer would give it back.
//!
//! **Secondary suppression**: numbers that add up (the cells of a row and its total, the tellers
//! of the uitstroom codes and the number of afgesloten hulpvragen, …) form a [`Lijn`]. A line with
//! exactly one withheld number would give that number back by subtraction, so the smallest other
//! number of the line that is larger than zero is withheld too (shown as `x`, the CBS sign for
//! "geheim"), and this repeats until no line gives a withheld number away. "Gives away" is
//! slightly wider than "exactly one withheld": five cells `<5` under a shown total of 5 must all
//! be 1, so that line needs a complement too (see [`secundair`]). Cells marked *vast* (published
//! elsewhere, e.g. a column total that is also an indicator, or the figures of a norm) are never
//! chosen as such a complement while another candidate exists.
//!
//! Everything here is a pure function over integers; formatting of what *is* shown is left to
//! the caller ([`Waarde::getoond`]).

use rust_decimal::Decimal;
use serde::Serialize;

use crate::afspraken::Onderdrukking;
use crate::domein::format;
use crate::domein::indicator::ser_opt_decimal;

/// Shown for a percentage that is withheld.
pub const STER: &str = "*";
/// Shown for a number withheld so that another withheld number cannot be recovered.
pub const GEHEIM: &str = "x";
/// Shown when there is no value at all (e.g. a percentage with noemer 0).
pub const LEEG: &str = "–";

/// Why a value is withheld.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reden {
    /// A count from 1 to `min_aantal − 1` (shown as `<5`).
    KleinAantal,
    /// A percentage (or a statistic) over fewer than `min_noemer` cases, or whose teller is
    /// withheld (shown as `*`).
    KleineNoemer,
    /// Withheld so that another withheld number cannot be recovered by subtraction (`x`).
    Terugrekenbaar,
    /// A helper cell that is never published (e.g. hulpvragen without uitstroom code): it takes
    /// part in the lines as an unknown that protects the others; it needs no protection itself.
    NietGepubliceerd,
}

/// A published number after disclosure control.
///
/// In JSON: `{"waarde": 12, "onderdrukt": false, "weergave": "12"}`, and when withheld
/// `{"waarde": null, "onderdrukt": true, "weergave": "<5", "reden": "klein_aantal"}`.
/// Flattened into a parent object (`#[serde(flatten)]`) it gives the parent `"waarde": null,
/// "onderdrukt": true`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Waarde {
    /// The value; `None` when withheld or when there is no value.
    #[serde(serialize_with = "ser_opt_decimal")]
    pub waarde: Option<Decimal>,
    /// Whether the value is withheld.
    pub onderdrukt: bool,
    /// What the reader sees: `"1.234"`, `"87,5%"`, `"<5"`, `"*"`, `"x"`, `"–"`.
    pub weergave: String,
    /// Why it is withheld (only when `onderdrukt`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reden: Option<Reden>,
}

impl Waarde {
    /// A value that is published, with its formatted text.
    pub fn getoond(waarde: Decimal, weergave: impl Into<String>) -> Waarde {
        Waarde {
            waarde: Some(waarde),
            onderdrukt: false,
            weergave: weergave.into(),
            reden: None,
        }
    }

    /// No value (not withheld): shown as `–`.
    pub fn leeg() -> Waarde {
        Waarde {
            waarde: None,
            onderdrukt: false,
            weergave: LEEG.into(),
            reden: None,
        }
    }

    /// A withheld value, shown with the sign of its reason.
    pub fn onderdrukt(reden: Reden, regel: &Onderdrukking) -> Waarde {
        Waarde {
            waarde: None,
            onderdrukt: true,
            weergave: teken(reden, regel),
            reden: Some(reden),
        }
    }

    /// A published count, formatted with thousands separators (`1.234`).
    pub fn aantal(n: i64) -> Waarde {
        Waarde::getoond(Decimal::from(n), format::aantal(n))
    }
}

/// The sign shown for a withheld value: `<5` (with `min_aantal` 5), `*` or `x`.
pub fn teken(reden: Reden, regel: &Onderdrukking) -> String {
    match reden {
        Reden::KleinAantal => format!("<{}", regel.min_aantal),
        Reden::KleineNoemer => STER.into(),
        Reden::Terugrekenbaar | Reden::NietGepubliceerd => GEHEIM.into(),
    }
}

/// Whether a count is small: 1 ≤ n < min_aantal (zero is not small; it is shown).
pub fn is_klein(n: i64, regel: &Onderdrukking) -> bool {
    n >= 1 && n < i64::from(regel.min_aantal)
}

/// Primary suppression of a count of persons: `<5` for 1–4, else the number (0 stays 0).
pub fn aantal(n: i64, regel: &Onderdrukking) -> Waarde {
    if is_klein(n, regel) {
        Waarde::onderdrukt(Reden::KleinAantal, regel)
    } else {
        Waarde::aantal(n)
    }
}

/// A fraction after disclosure control: its teller, noemer and the percentage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Breuk {
    /// The teller as a count.
    pub teller: Waarde,
    /// The noemer as a count.
    pub noemer: Waarde,
    /// The percentage (a fraction in [0, 1], shown as `87,5%`).
    pub waarde: Waarde,
}

/// Primary suppression of a fraction of persons, teller/noemer:
/// - noemer 0: no value (`–`), teller and noemer `0`;
/// - noemer < min_noemer: the percentage is `*` and the teller is withheld too (`*`), the noemer
///   follows the count rule;
/// - otherwise the teller follows the count rule, and when the teller is withheld the
///   percentage is `*` as well (it would give the teller back).
pub fn breuk(teller: i64, noemer: i64, regel: &Onderdrukking) -> Breuk {
    breuk_met(teller, noemer, false, false, regel)
}

/// [`breuk`] with the outcome of secondary suppression: `teller_weg` / `noemer_weg` say that
/// the teller / noemer must be withheld as well (they are shown as `x` unless already withheld
/// by the primary rule). A withheld teller or noemer always withholds the percentage.
pub fn breuk_met(teller: i64, noemer: i64, teller_weg: bool, noemer_weg: bool, regel: &Onderdrukking) -> Breuk {
    let kleine_noemer = noemer >= 1 && noemer < i64::from(regel.min_noemer);
    let mut t = aantal(teller, regel);
    if kleine_noemer && !t.onderdrukt {
        t = Waarde::onderdrukt(Reden::KleineNoemer, regel);
    }
    if teller_weg && !t.onderdrukt {
        t = Waarde::onderdrukt(Reden::Terugrekenbaar, regel);
    }
    let mut n = aantal(noemer, regel);
    if noemer_weg && !n.onderdrukt {
        n = Waarde::onderdrukt(Reden::Terugrekenbaar, regel);
    }
    let waarde = if noemer == 0 {
        Waarde::leeg()
    } else if kleine_noemer || t.onderdrukt || n.onderdrukt {
        Waarde::onderdrukt(Reden::KleineNoemer, regel)
    } else {
        let f = Decimal::from(teller) / Decimal::from(noemer);
        Waarde::getoond(f, format::procent_dec(f))
    };
    Breuk {
        teller: t,
        noemer: n,
        waarde,
    }
}

/// Primary suppression of a statistic (median, mean, maximum …) over `n` cases: withheld (`*`)
/// when 1 ≤ n < min_noemer; `None` when there is no value. `weergave` formats a shown value.
pub fn statistiek(
    waarde: Option<Decimal>,
    n: i64,
    regel: &Onderdrukking,
    weergave: impl Fn(Decimal) -> String,
) -> Waarde {
    match waarde {
        None => Waarde::leeg(),
        Some(_) if n >= 1 && n < i64::from(regel.min_noemer) => Waarde::onderdrukt(Reden::KleineNoemer, regel),
        Some(w) => Waarde::getoond(w, weergave(w)),
    }
}

/// Numbers that add up: the values at `delen` sum to the value at `totaal` (indices into the
/// value list of [`secundair`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lijn {
    /// The parts.
    pub delen: Vec<usize>,
    /// Their total.
    pub totaal: usize,
}

impl Lijn {
    /// The cells of the line in order: the parts, then the total.
    fn cellen(&self) -> impl Iterator<Item = usize> + '_ {
        self.delen.iter().copied().chain(std::iter::once(self.totaal))
    }
}

/// Secondary suppression. `waarden` are the numbers, `reden[i]` the primary reason cell `i` is
/// withheld (`None`: shown), `vast[i]` that cell `i` is published elsewhere or is a key figure
/// and should not be chosen as a complement.
///
/// Lines are visited in order. A line whose withheld cells can be worked out exactly from the
/// line gets one more withheld cell: the cell of that line with the smallest value larger than
/// zero that is shown and not `vast` (on a tie the first in the line, parts before the total);
/// only when there is none, a `vast` one. Passes repeat until no line changes. Returns the
/// reasons after secondary suppression (new ones are [`Reden::Terugrekenbaar`]).
///
/// "Worked out exactly" is decided with what a reader knows of a withheld cell ([`grenzen`]):
/// `<5` lies in 1..min_aantal−1, `x` is at least 1, the others at least 0. The line with
/// exactly one withheld cell is the common case (that cell is the total minus the rest); it
/// also catches e.g. five cells `<5` under a shown total of 5, which must all be 1.
pub fn secundair(
    waarden: &[i64],
    reden: &[Option<Reden>],
    vast: &[bool],
    lijnen: &[Lijn],
    regel: &Onderdrukking,
) -> Vec<Option<Reden>> {
    assert_eq!(waarden.len(), reden.len(), "secundair: waarden en redenen even lang");
    assert_eq!(waarden.len(), vast.len(), "secundair: waarden en vast even lang");
    let mut uit = reden.to_vec();
    loop {
        let mut veranderd = false;
        for lijn in lijnen {
            if !terug_te_rekenen(lijn, waarden, &uit, regel) {
                continue;
            }
            let kies = |toestaan_vast: bool| {
                lijn.cellen()
                    .filter(|&i| uit[i].is_none() && waarden[i] > 0 && (toestaan_vast || !vast[i]))
                    .min_by_key(|&i| waarden[i])
            };
            if let Some(i) = kies(false).or_else(|| kies(true)) {
                uit[i] = Some(Reden::Terugrekenbaar);
                veranderd = true;
            }
        }
        if !veranderd {
            return uit;
        }
    }
}

/// Stands for "no upper bound" in interval arithmetic (far from overflow).
const ONBEGRENSD: i64 = i64::MAX / 4;

/// What a reader knows of a cell: its value when shown, else the range its sign allows.
pub fn grenzen(waarde: i64, reden: Option<Reden>, regel: &Onderdrukking) -> (i64, i64) {
    match reden {
        None => (waarde, waarde),
        Some(Reden::KleinAantal) => (1, i64::from(regel.min_aantal) - 1),
        Some(Reden::Terugrekenbaar) => (1, ONBEGRENSD),
        Some(Reden::KleineNoemer | Reden::NietGepubliceerd) => (0, ONBEGRENSD),
    }
}

/// Whether some withheld cell of the line has exactly one possible value, given the others'
/// ranges and parts = total.
fn terug_te_rekenen(lijn: &Lijn, waarden: &[i64], reden: &[Option<Reden>], regel: &Onderdrukking) -> bool {
    let g = |i: usize| grenzen(waarden[i], reden[i], regel);
    let som = |cellen: &mut dyn Iterator<Item = usize>| {
        cellen.fold((0i64, 0i64), |(lo, hi), i| {
            let (a, b) = g(i);
            (
                lo.saturating_add(a).min(ONBEGRENSD),
                hi.saturating_add(b).min(ONBEGRENSD),
            )
        })
    };
    let exact = |(lo, hi): (i64, i64), eigen: (i64, i64)| {
        let (lo, hi) = (lo.max(eigen.0), hi.min(eigen.1));
        lo == hi && hi < ONBEGRENSD
    };
    // A helper cell that is never published only protects others; knowing it gives nothing away.
    let te_beschermen = |i: usize| reden[i].is_some_and(|r| r != Reden::NietGepubliceerd);
    let (tlo, thi) = g(lijn.totaal);
    if te_beschermen(lijn.totaal) {
        let delen = som(&mut lijn.delen.iter().copied());
        if exact(delen, (tlo, thi)) {
            return true;
        }
    }
    lijn.delen.iter().enumerate().any(|(k, &i)| {
        if !te_beschermen(i) {
            return false;
        }
        let (olo, ohi) = som(&mut lijn.delen.iter().enumerate().filter(|(j, _)| *j != k).map(|(_, &c)| c));
        let lo = if ohi >= ONBEGRENSD { i64::MIN / 4 } else { tlo - ohi };
        let hi = if thi >= ONBEGRENSD { ONBEGRENSD } else { thi - olo };
        exact((lo, hi), g(i))
    })
}

/// A cross table of counts after disclosure control, with row totals, column totals and the
/// grand total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Kruistabel {
    /// `cellen[r][k]`: row r, column k.
    pub cellen: Vec<Vec<Waarde>>,
    /// Per row: the sum of its cells.
    pub rijtotalen: Vec<Waarde>,
    /// Per column: the sum of its cells.
    pub kolomtotalen: Vec<Waarde>,
    /// The sum of all cells.
    pub totaal: Waarde,
}

impl Kruistabel {
    /// The table as published: each row of cells followed by its row total, then the totals
    /// row (the column totals followed by the grand total).
    pub fn als_tabel(&self) -> Vec<Vec<&Waarde>> {
        let mut v: Vec<Vec<&Waarde>> = self
            .cellen
            .iter()
            .zip(&self.rijtotalen)
            .map(|(rij, tot)| rij.iter().chain([tot]).collect())
            .collect();
        v.push(self.kolomtotalen.iter().chain([&self.totaal]).collect());
        v
    }
}

/// Primary and secondary suppression of a cross table of counts (`cellen[r][k]`, all rows of
/// equal length). The totals are computed here and suppressed like any cell. With
/// `vaste_kolomtotalen` the column totals are treated as published elsewhere (they are
/// indicators in their own right): a complement for the totals row is then the grand total.
pub fn kruistabel(cellen: &[Vec<i64>], vaste_kolomtotalen: bool, regel: &Onderdrukking) -> Kruistabel {
    let r = cellen.len();
    let k = cellen.first().map_or(0, Vec::len);
    assert!(
        cellen.iter().all(|rij| rij.len() == k),
        "kruistabel: rijen van ongelijke lengte"
    );
    // Full grid (r+1) × (k+1), row-major; the last row and column are the totals.
    let b = k + 1;
    let idx = |i: usize, j: usize| i * b + j;
    let mut w = vec![0i64; (r + 1) * b];
    for (i, rij) in cellen.iter().enumerate() {
        for (j, &v) in rij.iter().enumerate() {
            w[idx(i, j)] = v;
            w[idx(i, k)] += v;
            w[idx(r, j)] += v;
            w[idx(r, k)] += v;
        }
    }
    let reden: Vec<Option<Reden>> = w
        .iter()
        .map(|&v| is_klein(v, regel).then_some(Reden::KleinAantal))
        .collect();
    let mut vast = vec![false; w.len()];
    if vaste_kolomtotalen {
        for j in 0..k {
            vast[idx(r, j)] = true;
        }
    }
    let mut lijnen = Vec::new();
    for i in 0..=r {
        lijnen.push(Lijn {
            delen: (0..k).map(|j| idx(i, j)).collect(),
            totaal: idx(i, k),
        });
    }
    for j in 0..=k {
        lijnen.push(Lijn {
            delen: (0..r).map(|i| idx(i, j)).collect(),
            totaal: idx(r, j),
        });
    }
    let uit = secundair(&w, &reden, &vast, &lijnen, regel);
    let waarde = |p: usize| match uit[p] {
        Some(rd) => Waarde::onderdrukt(rd, regel),
        None => Waarde::aantal(w[p]),
    };
    Kruistabel {
        cellen: (0..r).map(|i| (0..k).map(|j| waarde(idx(i, j))).collect()).collect(),
        rijtotalen: (0..r).map(|i| waarde(idx(i, k))).collect(),
        kolomtotalen: (0..k).map(|j| waarde(idx(r, j))).collect(),
        totaal: waarde(idx(r, k)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn regel() -> Onderdrukking {
        Onderdrukking {
            min_aantal: 5,
            min_noemer: 10,
        }
    }

    #[test]
    fn counts_one_to_four_are_withheld_zero_and_five_are_shown() {
        let r = regel();
        assert_eq!(aantal(0, &r), Waarde::getoond(dec!(0), "0"));
        for n in 1..=4 {
            let w = aantal(n, &r);
            assert_eq!((w.waarde, w.onderdrukt, w.weergave.as_str()), (None, true, "<5"), "{n}");
            assert_eq!(w.reden, Some(Reden::KleinAantal));
        }
        assert_eq!(aantal(5, &r), Waarde::getoond(dec!(5), "5"));
        assert_eq!(aantal(1234, &r).weergave, "1.234");
    }

    #[test]
    fn fractions_follow_the_noemer_and_the_teller() {
        let r = regel();
        // 87 of 96: everything shown.
        let b = breuk(87, 96, &r);
        assert_eq!(b.waarde, Waarde::getoond(dec!(87) / dec!(96), "90,6%"));
        assert_eq!((b.teller.weergave.as_str(), b.noemer.weergave.as_str()), ("87", "96"));
        // 6 of 9: noemer below 10 → percentage and teller `*`, noemer 9 shown.
        let b = breuk(6, 9, &r);
        assert_eq!((b.waarde.weergave.as_str(), b.waarde.waarde), ("*", None));
        assert_eq!((b.teller.weergave.as_str(), b.noemer.weergave.as_str()), ("*", "9"));
        // 2 of 3: teller and noemer are small counts.
        let b = breuk(2, 3, &r);
        assert_eq!(
            (
                b.teller.weergave.as_str(),
                b.noemer.weergave.as_str(),
                b.waarde.weergave.as_str()
            ),
            ("<5", "<5", "*")
        );
        // 3 of 40: the percentage (7,5%) would give the teller back → `*`.
        let b = breuk(3, 40, &r);
        assert_eq!((b.teller.weergave.as_str(), b.waarde.weergave.as_str()), ("<5", "*"));
        assert_eq!(b.noemer.waarde, Some(dec!(40)));
        // 0 of 40 and 10 of 10: shown.
        assert_eq!(breuk(0, 40, &r).waarde.weergave, "0,0%");
        assert_eq!(breuk(10, 10, &r).waarde.weergave, "100,0%");
        // noemer 0: no value, not withheld.
        let b = breuk(0, 0, &r);
        assert_eq!(b.waarde, Waarde::leeg());
        assert_eq!(b.noemer.weergave, "0");
        // secondary: teller withheld → `x`, percentage `*`.
        let b = breuk_met(97, 100, true, false, &r);
        assert_eq!((b.teller.weergave.as_str(), b.waarde.weergave.as_str()), ("x", "*"));
        assert_eq!(b.teller.reden, Some(Reden::Terugrekenbaar));
    }

    #[test]
    fn statistics_over_fewer_than_ten_cases_are_withheld() {
        let r = regel();
        let f = |d: Decimal| format::decimaal(d, 1);
        assert_eq!(statistiek(Some(dec!(3.5)), 9, &r, f).weergave, "*");
        assert_eq!(statistiek(Some(dec!(3.5)), 10, &r, f).weergave, "3,5");
        assert_eq!(statistiek(None, 0, &r, f), Waarde::leeg());
    }

    #[test]
    fn json_of_a_withheld_value_is_null_with_onderdrukt() {
        let r = regel();
        let json = serde_json::to_value(aantal(3, &r)).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"waarde": null, "onderdrukt": true, "weergave": "<5", "reden": "klein_aantal"})
        );
        let json = serde_json::to_value(aantal(12, &r)).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"waarde": 12, "onderdrukt": false, "weergave": "12"})
        );
    }

    /// Shows a table as its signs, row by row, totals last.
    fn tekens(t: &Kruistabel) -> Vec<Vec<String>> {
        t.als_tabel()
            .into_iter()
            .map(|r| r.into_iter().map(|w| w.weergave.clone()).collect())
            .collect()
    }

    fn s(rijen: &[&[&str]]) -> Vec<Vec<String>> {
        rijen
            .iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect()
    }

    #[test]
    fn secondary_suppression_in_a_three_by_three_table() {
        // Hand-worked:
        //        A   B   C | T
        //   r1  12   3   8 | 23     3 is small
        //   r2   7   9  15 | 31
        //   r3   6  10   4 | 20     4 is small
        //   T   25  22  27 | 74
        // Pass 1, rows: r1 has one withheld (3) → smallest shown > 0 in r1 is 8 → x.
        //   r3 has one (4) → smallest is 6 → x. Totals row: none.
        //   Columns: A has one (6) → smallest shown is 7 → x. B has one (3) → 9 → x.
        //   C has two (8, 4). T column: none.
        // Pass 2: every row and column has two withheld → stable.
        let t = kruistabel(&[vec![12, 3, 8], vec![7, 9, 15], vec![6, 10, 4]], false, &regel());
        assert_eq!(
            tekens(&t),
            s(&[
                &["12", "<5", "x", "23"],
                &["x", "x", "15", "31"],
                &["x", "10", "<5", "20"],
                &["25", "22", "27", "74"],
            ])
        );
        assert_eq!(t.cellen[0][2].reden, Some(Reden::Terugrekenbaar));
        assert_eq!(t.cellen[0][1].waarde, None);
        // No line has exactly one withheld cell.
        for (i, rij) in tekens(&t).iter().enumerate() {
            let n = rij.iter().filter(|c| *c == "x" || *c == "<5").count();
            assert_ne!(n, 1, "rij {i}");
        }
    }

    #[test]
    fn a_total_that_would_reveal_a_small_cell_is_withheld() {
        // Hand-worked:
        //        A   B | T
        //   r1  20   2 | 22     2 small
        //   r2  15   1 | 16     1 small
        //   T   35   3 | 38     column total 3 small
        // Rows: r1 has one (2) → 20 (smaller than 22) → x. r2 has one (1) → 15 → x.
        // Totals row: only the 3 is withheld; shown 35 and 38 would give 38 − 35 = 3 → the
        // smallest, 35, is withheld.
        // Columns: A: 20, 15 withheld (two). B: all withheld. T: 22, 16, 38 shown → none.
        let t = kruistabel(&[vec![20, 2], vec![15, 1]], false, &regel());
        assert_eq!(
            tekens(&t),
            s(&[&["x", "<5", "22"], &["x", "<5", "16"], &["x", "<5", "38"]])
        );
        // The same table where the column totals are indicators published elsewhere (fixed):
        // the totals row must give up the grand total 38 instead of 35. Then the T column
        // (22, 16, 38) has one withheld → the smallest, 16, goes too.
        let t = kruistabel(&[vec![20, 2], vec![15, 1]], true, &regel());
        assert_eq!(
            tekens(&t),
            s(&[&["x", "<5", "22"], &["x", "<5", "x"], &["35", "<5", "x"]])
        );
    }

    #[test]
    fn a_row_total_equal_to_its_only_small_cell_is_withheld_by_the_primary_rule() {
        // Hand-worked:
        //        A   B | T
        //   r1   3   0 |  3     3 small, its row total 3 small too
        //   r2  40  12 | 52
        //   T   43  12 | 55
        // Pass 1: r1 has two withheld; r2 and the totals row none. Column A has one (3) →
        //   smallest shown > 0 is 40 → x. Column B none. T column has one (3) → 52 → x.
        // Pass 2: r2 has two (40, 52); every line has 0 or 2 → stable. The zero stays 0.
        // Check: A1 = T1, A2 = 43 − A1, T2 = 55 − A1: one free unknown, A1 is not recoverable.
        let t = kruistabel(&[vec![3, 0], vec![40, 12]], false, &regel());
        let g = tekens(&t);
        assert_eq!(g, s(&[&["<5", "0", "<5"], &["x", "12", "x"], &["43", "12", "55"]]));
        for rij in &g {
            assert_ne!(rij.iter().filter(|c| *c == "x" || *c == "<5").count(), 1, "{g:?}");
        }
        for j in 0..3 {
            assert_ne!(g.iter().filter(|r| r[j] == "x" || r[j] == "<5").count(), 1, "{g:?}");
        }
    }

    #[test]
    fn small_cells_that_must_all_be_one_are_protected_too() {
        // Hand-worked: column A holds five cells of 1 under a shown total of 5: each `<5` cell
        // lies in 1..4 and they add up to 5, so every one must be 1.
        //        A   B |   T
        //   r1   1  10 |  11
        //   r2   1  20 |  21
        //   r3   1  30 |  31
        //   r4   1  40 |  41
        //   r5   1  50 |  51
        //   T    5 150 | 155
        // Pass 1: each row has one withheld (1) → B (smaller than the row total) → x. The totals
        //   row has none. Column A: five `<5` and the shown 5 → exact → the only shown cell > 0
        //   is the total 5 → x. Column B: all x under 150 → not exact. T column: nothing withheld.
        // Pass 2: the totals row (x, 150 | 155) gives the 5 back → 150 → x. Then stable.
        let cellen: Vec<Vec<i64>> = (1..=5).map(|k| vec![1, 10 * k]).collect();
        let t = kruistabel(&cellen, false, &regel());
        let mut verwacht: Vec<Vec<String>> = (1..=5)
            .map(|k| vec!["<5".to_string(), "x".to_string(), (10 * k + 1).to_string()])
            .collect();
        verwacht.push(vec!["x".into(), "x".into(), "155".into()]);
        assert_eq!(tekens(&t), verwacht);
        // Under a total of 6 one cell is 2 and the others 1: no cell is certain, nothing more.
        let lijn = Lijn {
            delen: (0..5).collect(),
            totaal: 5,
        };
        let reden = [Some(Reden::KleinAantal); 5]
            .into_iter()
            .chain([None])
            .collect::<Vec<_>>();
        let uit = secundair(
            &[1, 1, 1, 1, 2, 6],
            &reden,
            &[false; 6],
            std::slice::from_ref(&lijn),
            &regel(),
        );
        assert_eq!(uit, reden);
        // Under a total of 5 the line needs its total withheld.
        let uit = secundair(&[1, 1, 1, 1, 1, 5], &reden, &[false; 6], &[lijn], &regel());
        assert_eq!(uit[5], Some(Reden::Terugrekenbaar));
    }

    #[test]
    fn lines_over_a_value_list_prefer_parts_and_skip_fixed_cells() {
        // teller 97 + overschrijding 3 = cohort 100: the 3 is small; the complement is the
        // teller (97 < 100).
        let w = [97, 3, 100];
        let reden = [None, Some(Reden::KleinAantal), None];
        let lijn = Lijn {
            delen: vec![0, 1],
            totaal: 2,
        };
        let uit = secundair(&w, &reden, &[false; 3], std::slice::from_ref(&lijn), &regel());
        assert_eq!(uit, vec![Some(Reden::Terugrekenbaar), Some(Reden::KleinAantal), None]);
        // With the teller fixed, the total goes instead.
        let uit = secundair(&w, &reden, &[true, false, false], std::slice::from_ref(&lijn), &regel());
        assert_eq!(uit, vec![None, Some(Reden::KleinAantal), Some(Reden::Terugrekenbaar)]);
        // A helper cell that is never published may be worked out: nothing more.
        let reden3 = [None, None, Some(Reden::NietGepubliceerd)];
        assert_eq!(
            secundair(&w, &reden3, &[false; 3], std::slice::from_ref(&lijn), &regel()),
            reden3.to_vec()
        );
        // Two withheld cells already: nothing more.
        let reden2 = [None, Some(Reden::KleinAantal), Some(Reden::NietGepubliceerd)];
        assert_eq!(secundair(&w, &reden2, &[false; 3], &[lijn], &regel()), reden2.to_vec());
    }
}
