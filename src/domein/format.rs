//! Dutch formatting of numbers, money, percentages and dates for everything a reader sees.
//! Figures stay numbers until the last step: report assembly (labels and sentences in the
//! model) and the renderers call these; the KPI engine and finance never do.

use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};

/// Groups the digits of a non-negative integer string with points: `1234567` → `1.234.567`.
fn group(int_digits: &str) -> String {
    let n = int_digits.len();
    let mut out = String::with_capacity(n + n / 3);
    for (i, ch) in int_digits.chars().enumerate() {
        if i > 0 && (n - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(ch);
    }
    out
}

/// A decimal with exactly `decimals` digits after the comma, points as thousands separators,
/// rounded half away from zero: `1234567.891` (2) → `1.234.567,89`; `-0.004` (2) → `0,00`.
pub fn decimaal(d: Decimal, decimals: u32) -> String {
    let r = d.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero);
    let negative = r.is_sign_negative() && !r.is_zero();
    let s = r.abs().to_string();
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), f.to_string()),
        None => (s.clone(), String::new()),
    };
    let mut frac = frac;
    while (frac.len() as u32) < decimals {
        frac.push('0');
    }
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    out.push_str(&group(&int));
    if decimals > 0 {
        out.push(',');
        out.push_str(&frac[..decimals as usize]);
    }
    out
}

/// An integer count: `12345` → `12.345`.
pub fn aantal(n: i64) -> String {
    let g = group(&n.unsigned_abs().to_string());
    if n < 0 { format!("-{g}") } else { g }
}

/// Money with the euro sign and cents: `€ 1.234.567,89`, negative `-€ 1.250,00`.
pub fn euro(d: Decimal) -> String {
    let s = decimaal(d, 2);
    match s.strip_prefix('-') {
        Some(rest) => format!("-€ {rest}"),
        None => format!("€ {s}"),
    }
}

/// Money given in cents: `-5` → `-€ 0,05`.
pub fn euro_cent(cent: i64) -> String {
    euro(Decimal::new(cent, 2))
}

/// Money without cents, for overview tables and axes: `€ 1.234.568`.
pub fn euro_rond(d: Decimal) -> String {
    let s = decimaal(d, 0);
    match s.strip_prefix('-') {
        Some(rest) => format!("-€ {rest}"),
        None => format!("€ {s}"),
    }
}

/// A fraction in [0, 1] as a percentage with one decimal: `0.90625` → `90,6%`.
pub fn procent(fractie: f64) -> String {
    procent_dec(Decimal::from_f64_retain(fractie).unwrap_or_default())
}

/// A fraction given exactly as a decimal, as a percentage with one decimal, rounded half away
/// from zero: `0.8745` → `87,5%`.
pub fn procent_dec(fractie: Decimal) -> String {
    format!("{}%", decimaal(fractie * Decimal::ONE_HUNDRED, 1))
}

/// A number with one decimal (days, weeks): `12.25` → `12,3`; whole numbers keep `,0`.
pub fn een_decimaal(x: f64) -> String {
    decimaal(Decimal::from_f64_retain(x).unwrap_or_default(), 1)
}

/// A date as `30-06-2024`.
pub fn datum(d: NaiveDate) -> String {
    d.format("%d-%m-%Y").to_string()
}

/// A date in words: `30 juni 2024`.
pub fn datum_lang(d: NaiveDate) -> String {
    use chrono::Datelike;
    format!(
        "{} {} {}",
        d.day(),
        crate::period::MAANDNAMEN[d.month0() as usize],
        d.year()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn dutch_numbers() {
        assert_eq!(decimaal(dec!(1234567.891), 2), "1.234.567,89");
        assert_eq!(decimaal(dec!(1234567.895), 2), "1.234.567,90");
        assert_eq!(decimaal(dec!(-1234.5), 2), "-1.234,50");
        assert_eq!(decimaal(dec!(-0.004), 2), "0,00");
        assert_eq!(decimaal(dec!(999), 0), "999");
        assert_eq!(decimaal(dec!(1000), 0), "1.000");
        assert_eq!(aantal(0), "0");
        assert_eq!(aantal(1234567), "1.234.567");
        assert_eq!(aantal(-1000), "-1.000");
    }

    #[test]
    fn money_and_percent() {
        assert_eq!(euro(dec!(3182890.82)), "€ 3.182.890,82");
        assert_eq!(euro(dec!(-1250)), "-€ 1.250,00");
        assert_eq!(euro_cent(160_996_636), "€ 1.609.966,36");
        assert_eq!(euro_cent(-5), "-€ 0,05");
        assert_eq!(euro_rond(dec!(622000)), "€ 622.000");
        assert_eq!(procent(0.90625), "90,6%");
        assert_eq!(procent(0.1), "10,0%");
        assert_eq!(procent(1.0), "100,0%");
        // half away from zero on the exact decimal: 87,45% → 87,5%
        assert_eq!(procent_dec(dec!(0.8745)), "87,5%");
        assert_eq!(een_decimaal(2.25), "2,3");
    }

    #[test]
    fn dutch_dates() {
        let d = NaiveDate::from_ymd_opt(2024, 6, 30).unwrap();
        assert_eq!(datum(d), "30-06-2024");
        assert_eq!(datum_lang(d), "30 juni 2024");
    }
}
