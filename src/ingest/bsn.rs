//! Burgerservicenummer detection and masking.
//!
//! "BSN-like" (data contract): exactly nine digits that pass the 11-proef
//! `9·d1 + 8·d2 + … + 2·d8 − 1·d9 ≡ 0 (mod 11)`, all zeros excluded. Every maximal run of exactly
//! nine ASCII digits (a "token", bounded by non-digits or the ends of the text) that passes the
//! 11-proef is BSN-like, wherever it stands in a person column (`client_id`, `medewerker_id`), a
//! free-text column (`naam`, `omschrijving`, `regel`), a toelichting text or a string of the
//! afspraken: it is masked as `*********` before the text reaches any model, output, message,
//! warning or reject, and the reader warns with file, line and column. A person cell that is
//! *wholly* such a number (after trimming) is a privacy stop: the export carries BSNs instead of
//! pseudonyms. System numbers (`hulpvraag_id`, `boekstuk`, `regel_id`) are exempt.

/// The mask that replaces a BSN-like value everywhere.
pub const MASKER: &str = "*********";

/// Whether the nine ASCII digits pass the 11-proef (and are not all zero).
fn elfproef(d: &[u8]) -> bool {
    debug_assert_eq!(d.len(), 9);
    if d.iter().all(|&b| b == b'0') {
        return false;
    }
    let mut som: i64 = 0;
    for (i, &b) in d.iter().enumerate().take(8) {
        som += (9 - i as i64) * i64::from(b - b'0');
    }
    som -= i64::from(d[8] - b'0');
    som.rem_euclid(11) == 0
}

/// Whether the trimmed cell is exactly nine digits passing the 11-proef.
pub fn is_bsn_achtig(cel: &str) -> bool {
    let t = cel.trim().as_bytes();
    t.len() == 9 && t.iter().all(u8::is_ascii_digit) && elfproef(t)
}

/// Byte ranges of every BSN-like token (a maximal run of exactly nine ASCII digits that passes
/// the 11-proef) in `tekst`.
fn bsn_tokens(tekst: &str) -> Vec<(usize, usize)> {
    let b = tekst.as_bytes();
    let mut uit = Vec::new();
    if b.len() < 9 {
        return uit;
    }
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            if i - start == 9 && elfproef(&b[start..i]) {
                uit.push((start, i));
            }
        } else {
            i += 1;
        }
    }
    uit
}

/// Whether `tekst` contains a BSN-like token anywhere.
pub fn bevat_bsn_token(tekst: &str) -> bool {
    !bsn_tokens(tekst).is_empty()
}

/// `tekst` with every BSN-like token replaced by [`MASKER`].
pub fn maskeer(tekst: &str) -> String {
    let tokens = bsn_tokens(tekst);
    if tokens.is_empty() {
        return tekst.to_string();
    }
    let mut uit = String::with_capacity(tekst.len());
    let mut vorige = 0;
    for (s, e) in tokens {
        uit.push_str(&tekst[vorige..s]);
        uit.push_str(MASKER);
        vorige = e;
    }
    uit.push_str(&tekst[vorige..]);
    uit
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elfproef_by_hand() {
        // 111222333: 9+8+7 + 2·(6+5+4) + 3·(3+2) − 3 = 24 + 30 + 15 − 3 = 66 = 6·11.
        assert!(is_bsn_achtig("111222333"));
        assert!(is_bsn_achtig("  111222333 "));
        // 123456782: 9+16+21+24+25+24+21+16 − 2 = 154 = 14·11.
        assert!(is_bsn_achtig("123456782"));
        // Last digit changed: 156 is not a multiple of 11.
        assert!(!is_bsn_achtig("123456780"));
        assert!(!is_bsn_achtig("000000000"));
        // Not nine digits.
        assert!(!is_bsn_achtig("12345678"));
        assert!(!is_bsn_achtig("1234567820"));
        assert!(!is_bsn_achtig("12345678a"));
        assert!(!is_bsn_achtig("1609966,36"));
    }

    #[test]
    fn tokens_and_masking() {
        assert!(bevat_bsn_token("client 123456782 belde"));
        assert!(!bevat_bsn_token("client 1234567820 belde"));
        assert!(!bevat_bsn_token("bedrag 123456780"));
        assert_eq!(maskeer("a123456782b en 111222333;"), "a*********b en *********;");
        assert_eq!(maskeer("niets 123"), "niets 123");
    }
}
