//! Cell value parsers: dates, decimals, money, integers, booleans (data contract, "File format").
//!
//! Every parser takes a trimmed, non-empty cell. Numbers are parsed exactly into an integer
//! mantissa and a scale (no binary floating point anywhere); [`Getal::to_decimal`] gives the
//! `rust_decimal` value.

use chrono::NaiveDate;
use rust_decimal::Decimal;

/// Why a value was not accepted: a fixed kind (used to group and count reasons) and the full
/// Dutch text for the rejects file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reden {
    /// The kind of reason without the value, e.g. `ongeldige datum`.
    pub soort: &'static str,
    /// The full reason, e.g. `ongeldige datum '31-02-2024'`.
    pub tekst: String,
}

impl Reden {
    /// A reason that is its own kind (`datum ligt voor aanmelddatum`).
    pub fn vast(soort: &'static str) -> Reden {
        Reden {
            soort,
            tekst: soort.to_string(),
        }
    }

    /// `<soort> '<waarde>'`, e.g. `onbekende werksoort 'XYZ'`.
    pub fn met_waarde(soort: &'static str, waarde: &str) -> Reden {
        Reden {
            soort,
            tekst: format!("{soort} '{waarde}'"),
        }
    }

    /// A kind with a free text.
    pub fn tekst(soort: &'static str, tekst: String) -> Reden {
        Reden { soort, tekst }
    }
}

/// Accepted calendar years. A date outside them is almost certainly a typing error (`0224`).
const JAREN: std::ops::RangeInclusive<i32> = 1900..=2100;

/// Parses `2024-03-31`, `31-03-2024` and the forms without leading zeros (`1-3-2024`,
/// `2024-3-1`). An impossible date (`31-02-2024`) or a year outside 1900–2100 is rejected.
pub fn parse_datum(s: &str) -> Result<NaiveDate, Reden> {
    let fout = || Reden::met_waarde("ongeldige datum", s);
    // Read as bytes, without `str::split` and `str::parse`: this runs for every date cell of
    // every file (measured, a tenth of the ingest's time went to the string routines).
    let mut delen = s.as_bytes().split(|&c| c == b'-');
    let (a, b, c) = match (delen.next(), delen.next(), delen.next(), delen.next()) {
        (Some(a), Some(b), Some(c), None) => (a, b, c),
        _ => return Err(fout()),
    };
    let cijfers = |t: &[u8], min: usize, max: usize| (min..=max).contains(&t.len()) && t.iter().all(u8::is_ascii_digit);
    let (j, m, d) = if cijfers(a, 4, 4) && cijfers(b, 1, 2) && cijfers(c, 1, 2) {
        (a, b, c)
    } else if cijfers(a, 1, 2) && cijfers(b, 1, 2) && cijfers(c, 4, 4) {
        (c, b, a)
    } else {
        return Err(fout());
    };
    // At most four digits each: no overflow.
    let getal = |t: &[u8]| t.iter().fold(0u32, |n, &c| n * 10 + u32::from(c - b'0'));
    let j = getal(j) as i32;
    if !JAREN.contains(&j) {
        return Err(fout());
    }
    NaiveDate::from_ymd_opt(j, getal(m), getal(d)).ok_or_else(fout)
}

/// An exact decimal number: `mantisse · 10^-schaal`, trailing zeros of the fraction removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Getal {
    /// The digits as an integer, with sign.
    pub mantisse: i64,
    /// Number of decimals (after normalisation: `7,50` has schaal 1).
    pub schaal: u32,
}

impl Getal {
    /// The value as a `rust_decimal::Decimal`.
    pub fn to_decimal(self) -> Decimal {
        Decimal::from_i128_with_scale(i128::from(self.mantisse), self.schaal)
    }

    /// The value in units of `10^-decimalen` (cents for 2, 1/10000 for 4), or `None` when it has
    /// more decimals than that (or does not fit).
    pub fn in_eenheden(self, decimalen: u32) -> Option<i64> {
        if self.schaal > decimalen {
            return None;
        }
        10i64
            .checked_pow(decimalen - self.schaal)
            .and_then(|f| self.mantisse.checked_mul(f))
    }

    /// The value when it is an integer.
    pub fn geheel(self) -> Option<i64> {
        (self.schaal == 0).then_some(self.mantisse)
    }
}

/// Whether `t` is thousands-grouped digits: `1`–`3` digits, then groups of exactly three, joined
/// by points (`1.234.567`).
fn gegroepeerd(t: &str) -> bool {
    let mut eerste = true;
    for groep in t.split('.') {
        let ok = groep.bytes().all(|b| b.is_ascii_digit())
            && if eerste {
                (1..=3).contains(&groep.len())
            } else {
                groep.len() == 3
            };
        if !ok {
            return false;
        }
        eerste = false;
    }
    true
}

/// Parses a decimal number by the contract's rule: a comma is the decimal separator; a point is a
/// thousands separator only when the value also has a decimal comma or more than one point
/// (`1.234,56`, `1.234.567`), and then the groups must be proper groups of three; otherwise a
/// single point is the decimal point (`7.5`, `1234.56`, `1.234` = 1,234). An optional leading
/// `-` or `+`. At most 18 significant digits.
pub fn parse_getal(s: &str) -> Result<Getal, Reden> {
    let fout = || Reden::met_waarde("ongeldig getal", s);
    let (negatief, rest) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    if rest.is_empty() || !rest.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b',') {
        return Err(fout());
    }
    let komma = rest.bytes().filter(|&b| b == b',').count();
    let punten = rest.bytes().filter(|&b| b == b'.').count();
    let (geheel, fractie): (&str, &str) = match (komma, punten) {
        (0, 0) => (rest, ""),
        (0, 1) => rest.split_once('.').expect("one point"),
        (0, _) => {
            if !gegroepeerd(rest) {
                return Err(fout());
            }
            (rest, "")
        }
        (1, p) => {
            let (g, f) = rest.split_once(',').expect("one comma");
            if p > 0 && !gegroepeerd(g) {
                return Err(fout());
            }
            (g, f)
        }
        _ => return Err(fout()),
    };
    if fractie.contains('.') {
        return Err(fout());
    }
    let heeft_fractie = komma > 0 || (komma == 0 && punten == 1);
    if (heeft_fractie && fractie.is_empty()) || (geheel.is_empty() && fractie.is_empty()) {
        return Err(fout());
    }
    let mut mantisse: i64 = 0;
    let mut cijfers = 0;
    for b in geheel.bytes().chain(fractie.bytes()).filter(u8::is_ascii_digit) {
        if mantisse == 0 && b == b'0' {
            continue;
        }
        cijfers += 1;
        if cijfers > 18 {
            return Err(Reden::met_waarde("getal te groot", s));
        }
        mantisse = mantisse * 10 + i64::from(b - b'0');
    }
    let mut schaal = fractie.len() as u32;
    while schaal > 0 && mantisse % 10 == 0 {
        mantisse /= 10;
        schaal -= 1;
    }
    if negatief {
        mantisse = -mantisse;
    }
    Ok(Getal { mantisse, schaal })
}

/// A money amount (`bedrag`) in cents: at most two decimals (after removing trailing zeros).
pub fn parse_bedrag_cent(s: &str) -> Result<i64, Reden> {
    parse_getal(s)?
        .in_eenheden(2)
        .ok_or_else(|| Reden::vast("meer dan twee decimalen"))
}

/// A decimal in units of 1/10000 (uren, fte): at most four decimals.
pub fn parse_e4(s: &str) -> Result<i64, Reden> {
    parse_getal(s)?
        .in_eenheden(4)
        .ok_or_else(|| Reden::vast("meer dan vier decimalen"))
}

/// An integer (`12`; `12,0` is accepted, `1.234` is one point two three four and rejected).
pub fn parse_geheel(s: &str) -> Result<i64, Reden> {
    parse_getal(s)?
        .geheel()
        .ok_or_else(|| Reden::met_waarde("geen geheel getal", s))
}

/// `ja`/`nee`, `true`/`false`, `1`/`0`, case-insensitive.
pub fn parse_boolean(s: &str) -> Result<bool, Reden> {
    const JA: [&str; 3] = ["ja", "true", "1"];
    const NEE: [&str; 3] = ["nee", "false", "0"];
    if JA.iter().any(|w| s.eq_ignore_ascii_case(w)) {
        Ok(true)
    } else if NEE.iter().any(|w| s.eq_ignore_ascii_case(w)) {
        Ok(false)
    } else {
        Err(Reden::met_waarde("ongeldige ja/nee-waarde", s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(j: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(j, m, dd).unwrap()
    }

    #[test]
    fn dates() {
        assert_eq!(parse_datum("2024-03-31"), Ok(d(2024, 3, 31)));
        assert_eq!(parse_datum("31-03-2024"), Ok(d(2024, 3, 31)));
        assert_eq!(parse_datum("1-3-2024"), Ok(d(2024, 3, 1)));
        assert_eq!(parse_datum("2024-3-1"), Ok(d(2024, 3, 1)));
        assert_eq!(parse_datum("29-02-2024"), Ok(d(2024, 2, 29)));
        let e = parse_datum("31-02-2024").unwrap_err();
        assert_eq!(e.tekst, "ongeldige datum '31-02-2024'");
        assert_eq!(e.soort, "ongeldige datum");
        // The edges of the year range and of the two spellings.
        assert_eq!(parse_datum("1900-01-01"), Ok(d(1900, 1, 1)));
        assert_eq!(parse_datum("2100-12-31"), Ok(d(2100, 12, 31)));
        assert_eq!(
            parse_datum("2024-02-30").unwrap_err().tekst,
            "ongeldige datum '2024-02-30'"
        );
        assert_eq!(parse_datum("03-01-2022"), Ok(d(2022, 1, 3)));
        for bad in [
            "1899-12-31",
            "2101-01-01",
            "2024-00-10",
            "2024-01-00",
            "2024-1a-01",
            "2024+01-01",
            "31-12-1899",
            "01-01-2101",
            "29-02-2023",
            "00-01-2024",
            "01-13-2024",
            "0a-01-2024",
        ] {
            assert_eq!(parse_datum(bad).unwrap_err().tekst, format!("ongeldige datum '{bad}'"));
        }
        for bad in [
            "29-02-2023",
            "2024/03/31",
            "31.03.2024",
            "31-03-24",
            "0224-03-01",
            "2024-13-01",
            "2024-03-31-1",
            "abc",
            "+1-3-2024",
        ] {
            assert!(parse_datum(bad).is_err(), "{bad}");
        }
    }

    fn g(s: &str) -> Decimal {
        parse_getal(s).unwrap().to_decimal()
    }

    #[test]
    fn decimals_by_the_point_comma_rule() {
        use std::str::FromStr;
        let dec = |s: &str| Decimal::from_str(s).unwrap();
        assert_eq!(g("1234,56"), dec("1234.56"));
        assert_eq!(g("1.234,56"), dec("1234.56"));
        assert_eq!(g("1234.56"), dec("1234.56"));
        assert_eq!(g("7.5"), dec("7.5"));
        assert_eq!(g("1.234"), dec("1.234"));
        assert_eq!(g("1.234.567"), dec("1234567"));
        assert_eq!(g("1.234.567,5"), dec("1234567.5"));
        assert_eq!(g("-12,5"), dec("-12.5"));
        assert_eq!(g("+3"), dec("3"));
        assert_eq!(g("0,5"), dec("0.5"));
        assert_eq!(g(",5"), dec("0.5"));
        assert_eq!(g("007"), dec("7"));
        assert_eq!(g("1609966,36"), dec("1609966.36"));
        for bad in [
            "1,2,3",
            "1.23.456",
            "12.34,5",
            "1.234.56",
            "1,",
            "1.",
            "-",
            "",
            "1 234",
            "€5",
            "1e5",
            "1.234,5.6",
            "12a",
        ] {
            assert!(parse_getal(bad).is_err(), "{bad}");
        }
        assert_eq!(parse_getal("12a").unwrap_err().tekst, "ongeldig getal '12a'");
        assert_eq!(parse_getal("1234567890123456789").unwrap_err().soort, "getal te groot");
    }

    #[test]
    fn money_and_units() {
        assert_eq!(parse_bedrag_cent("1609966,36"), Ok(160_996_636));
        assert_eq!(parse_bedrag_cent("1.609.966,36"), Ok(160_996_636));
        assert_eq!(parse_bedrag_cent("-250"), Ok(-25_000));
        assert_eq!(parse_bedrag_cent("12,300"), Ok(1230));
        assert_eq!(
            parse_bedrag_cent("12,345").unwrap_err().tekst,
            "meer dan twee decimalen"
        );
        // 1.234 is one point two three four: three decimals, so not a valid amount.
        assert_eq!(parse_bedrag_cent("1.234").unwrap_err().tekst, "meer dan twee decimalen");
        assert_eq!(parse_e4("7,5"), Ok(75_000));
        assert_eq!(parse_e4("0.1234"), Ok(1234));
        assert_eq!(parse_e4("1,00000"), Ok(10_000));
        assert_eq!(parse_e4("0,12345").unwrap_err().tekst, "meer dan vier decimalen");
    }

    #[test]
    fn integers_and_booleans() {
        assert_eq!(parse_geheel("42"), Ok(42));
        assert_eq!(parse_geheel("-3"), Ok(-3));
        assert_eq!(parse_geheel("12,0"), Ok(12));
        assert_eq!(parse_geheel("1.234.567"), Ok(1_234_567));
        assert_eq!(parse_geheel("1.234").unwrap_err().tekst, "geen geheel getal '1.234'");
        for (s, v) in [
            ("ja", true),
            ("JA", true),
            ("True", true),
            ("1", true),
            ("nee", false),
            ("Nee", false),
            ("FALSE", false),
            ("0", false),
        ] {
            assert_eq!(parse_boolean(s), Ok(v), "{s}");
        }
        assert_eq!(
            parse_boolean("misschien").unwrap_err().tekst,
            "ongeldige ja/nee-waarde 'misschien'"
        );
    }
}
