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

/// The euro sign and the space after it: a non-breaking space (U+00A0), so "€" never ends a line
/// apart from its amount in a PDF or a web page.
pub const EURO_TEKEN: &str = "€\u{a0}";

/// The one money formatter: puts the euro sign before an already formatted Dutch number, the
/// minus sign before the euro sign: `1.234,50` → `€ 1.234,50`, `-50.000` → `-€ 50.000` (with a
/// non-breaking space). Every amount a reader sees goes through here.
pub fn met_euroteken(getal: &str) -> String {
    match getal.strip_prefix('-') {
        Some(rest) => format!("-{EURO_TEKEN}{rest}"),
        None => format!("{EURO_TEKEN}{getal}"),
    }
}

/// Binds a euro sign in running text to the amount after it: `€ 10.135.855` (ordinary spaces,
/// as a provider or college writes it in a Markdown or CSV text) becomes `€\u{a0}10.135.855`,
/// so no line break falls between sign and amount. Only spaces directly between `€` and a digit
/// or minus sign are replaced; everything else is left as written.
pub fn euroteken_vast(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains("€ ") {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('€') {
        let (voor, na) = rest.split_at(i + '€'.len_utf8());
        out.push_str(voor);
        let zonder = na.trim_start_matches(' ');
        let bindt = zonder.len() < na.len() && zonder.starts_with(|c: char| c.is_ascii_digit() || c == '-');
        if bindt {
            out.push('\u{a0}');
            rest = zonder;
        } else {
            rest = na;
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// Money with the euro sign and cents: `€ 1.234.567,89`, negative `-€ 1.250,00`.
pub fn euro(d: Decimal) -> String {
    met_euroteken(&decimaal(d, 2))
}

/// Money given in cents: `-5` → `-€ 0,05`.
pub fn euro_cent(cent: i64) -> String {
    euro(Decimal::new(cent, 2))
}

/// Money without cents, for overview tables and axes: `€ 1.234.568`.
pub fn euro_rond(d: Decimal) -> String {
    met_euroteken(&decimaal(d, 0))
}

/// A number with at most one decimal and none when it is whole: `6` → `6`, `6.0` → `6`,
/// `6.25` → `6,3`, `1234` → `1.234`.
pub fn hooguit_een_decimaal(d: Decimal) -> String {
    let r = d.round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero);
    if r.fract().is_zero() {
        decimaal(r, 0)
    } else {
        decimaal(r, 1)
    }
}

/// A number of days with its unit: `6` → `6 dagen`, `1` → `1 dag`, `6.5` → `6,5 dagen`
/// (non-breaking space between figure and unit).
pub fn dagen(d: Decimal) -> String {
    met_eenheid(d, "dag", "dagen")
}

/// A number of weeks with its unit: `9` → `9 weken`, `1` → `1 week`, `2.5` → `2,5 weken`.
pub fn weken(d: Decimal) -> String {
    met_eenheid(d, "week", "weken")
}

fn met_eenheid(d: Decimal, enkelvoud: &str, meervoud: &str) -> String {
    let getal = hooguit_een_decimaal(d);
    let eenheid = if getal == "1" { enkelvoud } else { meervoud };
    format!("{getal}\u{a0}{eenheid}")
}

/// The singular or the plural form by a count: `vorm(1, "is", "zijn")` → `is`, for 0 and 2 or
/// more the plural (`0 normen`, `geen normen zijn`).
pub fn vorm<'a>(n: usize, enkelvoud: &'a str, meervoud: &'a str) -> &'a str {
    if n == 1 { enkelvoud } else { meervoud }
}

/// A count with its noun in the right number: `telling(1, "norm", "normen")` → `1 norm`,
/// `telling(0, …)` → `0 normen`, `telling(1234, …)` → `1.234 normen`.
pub fn telling(n: usize, enkelvoud: &str, meervoud: &str) -> String {
    format!("{} {}", aantal(n as i64), vorm(n, enkelvoud, meervoud))
}

/// The verb "zijn" agreeing with a count: `is` for 1, `zijn` otherwise.
pub fn is_zijn(n: usize) -> &'static str {
    vorm(n, "is", "zijn")
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
    fn euro_sign_in_running_text_is_bound_to_its_amount() {
        assert_eq!(
            euroteken_vast("Van de subsidie van € 10.135.855 is € 10.053.823 besteed."),
            "Van de subsidie van €\u{a0}10.135.855 is €\u{a0}10.053.823 besteed."
        );
        assert_eq!(euroteken_vast("een tekort van €  -5,00"), "een tekort van €\u{a0}-5,00");
        // Already bound, no amount after the sign, or no sign: unchanged.
        assert_eq!(euroteken_vast("€\u{a0}5"), "€\u{a0}5");
        assert_eq!(euroteken_vast("bedragen in € of procent"), "bedragen in € of procent");
        assert_eq!(euroteken_vast("€"), "€");
        assert!(matches!(euroteken_vast("geen bedrag"), std::borrow::Cow::Borrowed(_)));
    }

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
        // a non-breaking space between the euro sign and the amount, never a plain one
        assert_eq!(euro(dec!(3182890.82)), "€\u{a0}3.182.890,82");
        assert_eq!(euro(dec!(-1250)), "-€\u{a0}1.250,00");
        assert_eq!(euro_cent(160_996_636), "€\u{a0}1.609.966,36");
        assert_eq!(euro_cent(-5), "-€\u{a0}0,05");
        assert_eq!(euro_rond(dec!(622000)), "€\u{a0}622.000");
        assert!(!euro(dec!(5067927.60)).contains(' '));
        assert_eq!(procent(0.90625), "90,6%");
        assert_eq!(procent(0.1), "10,0%");
        assert_eq!(procent(1.0), "100,0%");
        // half away from zero on the exact decimal: 87,45% → 87,5%
        assert_eq!(procent_dec(dec!(0.8745)), "87,5%");
        assert_eq!(een_decimaal(2.25), "2,3");
    }

    #[test]
    fn durations_carry_their_unit_and_no_decimal_when_whole() {
        assert_eq!(hooguit_een_decimaal(dec!(6.0)), "6");
        assert_eq!(hooguit_een_decimaal(dec!(6.25)), "6,3");
        assert_eq!(hooguit_een_decimaal(dec!(9.96)), "10");
        assert_eq!(hooguit_een_decimaal(dec!(1234)), "1.234");
        assert_eq!(dagen(dec!(6.0)), "6\u{a0}dagen");
        assert_eq!(dagen(dec!(1)), "1\u{a0}dag");
        assert_eq!(dagen(dec!(6.5)), "6,5\u{a0}dagen");
        assert_eq!(weken(dec!(9.0)), "9\u{a0}weken");
        assert_eq!(weken(dec!(1.0)), "1\u{a0}week");
        assert_eq!(weken(dec!(0)), "0\u{a0}weken");
    }

    #[test]
    fn singular_and_plural_by_count() {
        assert_eq!(telling(0, "norm", "normen"), "0 normen");
        assert_eq!(telling(1, "norm", "normen"), "1 norm");
        assert_eq!(telling(2, "norm", "normen"), "2 normen");
        assert_eq!(telling(1234, "regel", "regels"), "1.234 regels");
        assert_eq!(is_zijn(0), "zijn");
        assert_eq!(is_zijn(1), "is");
        assert_eq!(is_zijn(7), "zijn");
        assert_eq!(vorm(1, "gold", "golden"), "gold");
        assert_eq!(vorm(11, "gold", "golden"), "golden");
    }

    #[test]
    fn dutch_dates() {
        let d = NaiveDate::from_ymd_opt(2024, 6, 30).unwrap();
        assert_eq!(datum(d), "30-06-2024");
        assert_eq!(datum_lang(d), "30 juni 2024");
    }
}
