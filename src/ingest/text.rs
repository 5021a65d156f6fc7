//! Bytes to records: encoding detection, delimiter detection and an RFC 4180 record reader that
//! keeps 1-based physical line numbers.
//!
//! Encoding: a UTF-16/UTF-32 byte-order mark or a NUL byte anywhere is fatal (the message names
//! the accepted encodings). A UTF-8 BOM is stripped; text that is valid UTF-8 is read as UTF-8.
//! Text with valid UTF-8 multi-byte sequences and a few stray bytes stays UTF-8: each stray byte is
//! read as its Windows-1252 character and reported (line and bytes) so the reader can warn. Text
//! without any valid multi-byte sequence is decoded as Windows-1252, unless it contains control
//! characters or the five bytes Windows-1252 leaves undefined, which means it is some other
//! encoding (fatal).
//!
//! Records: a field that starts with `"` is quoted; `""` inside it is one quote; it may span
//! lines. Line breaks are `\r\n`, `\n` or a lone `\r`. A quote that never closes makes the line
//! it starts on a broken record; reading resumes at the next physical line. (After such a quote
//! every run of quotes in the rest of the file has even length, so each later opening quote
//! closes: the scan to the end of the file happens at most once.) A quote inside an unquoted
//! field, or text after a closing quote, is kept literally, like most spreadsheet programs do.

use std::borrow::Cow;

use encoding_rs::WINDOWS_1252;

use super::IngestFout;

/// A byte sequence that does not fit the detected encoding: where it is and how it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vreemd {
    /// 1-based physical line (line breaks as in [`Lezer`]: `\r\n`, `\n` or a lone `\r`).
    pub regel: usize,
    /// The bytes, as `0xE9`.
    pub bytes: String,
    /// What they were read as.
    pub gelezen_als: String,
}

/// Decodes a file's bytes to UTF-8 text (borrowing when the file already is UTF-8).
///
/// The encoding is detected once per file: valid UTF-8 (or UTF-8 with a BOM) is UTF-8; a file
/// with valid UTF-8 multi-byte sequences and a few bytes that are not (an export edited in a
/// Windows program) is still UTF-8, and each stray byte is read as its Windows-1252 character and
/// reported in the returned list with its line, so a caller can warn; a file without a single
/// valid multi-byte sequence is Windows-1252. The file is never re-read wholly in another encoding
/// because of one stray byte ("coördinatie" stays "coördinatie").
pub fn decodeer<'a>(bestand: &str, bytes: &'a [u8]) -> Result<(Cow<'a, str>, Vec<Vreemd>), IngestFout> {
    let fout = |gevonden: &str| IngestFout::Codering {
        bestand: bestand.to_string(),
        gevonden: gevonden.to_string(),
    };
    if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) {
        return Err(fout("UTF-32 little-endian, herkend aan de byte-order mark"));
    }
    if bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
        return Err(fout("UTF-32 big-endian, herkend aan de byte-order mark"));
    }
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return Err(fout("UTF-16 little-endian, herkend aan de byte-order mark"));
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(fout("UTF-16 big-endian, herkend aan de byte-order mark"));
    }
    if bytes.contains(&0) {
        // UTF-16 without a byte-order mark: ASCII text has a NUL in every other byte.
        let begin = &bytes[..bytes.len().min(4096)];
        let nullen = |rest: usize| begin.iter().skip(rest).step_by(2).filter(|&&b| b == 0).count();
        let helft = begin.len() / 4;
        return Err(fout(if nullen(1) > helft {
            "UTF-16 little-endian zonder byte-order mark, herkend aan de NUL-bytes"
        } else if nullen(0) > helft {
            "UTF-16 big-endian zonder byte-order mark, herkend aan de NUL-bytes"
        } else {
            "onbekend: het bestand bevat NUL-bytes"
        }));
    }
    let (zonder_bom, met_bom) = match bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        Some(rest) => (rest, true),
        None => (bytes, false),
    };
    if let Ok(s) = std::str::from_utf8(zonder_bom) {
        return Ok((Cow::Borrowed(s), Vec::new()));
    }
    // Not valid UTF-8 as a whole: count the valid multi-byte sequences and the stray bytes.
    let (mut meerbytes, mut vreemd_n) = (0usize, 0usize);
    for stuk in zonder_bom.utf8_chunks() {
        // Every non-ASCII character of valid UTF-8 has exactly one lead byte (0xC0 and up).
        meerbytes += stuk.valid().bytes().filter(|&b| b >= 0xC0).count();
        vreemd_n += stuk.invalid().len();
    }
    if met_bom || meerbytes >= vreemd_n {
        return Ok(utf8_met_vreemde_bytes(zonder_bom));
    }
    let ongeldig = zonder_bom
        .iter()
        .any(|&b| matches!(b, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D) || (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')));
    if ongeldig {
        return Err(fout("geen UTF-8 en geen Windows-1252"));
    }
    let (tekst, _, _) = WINDOWS_1252.decode(zonder_bom);
    Ok((Cow::Owned(tekst.into_owned()), Vec::new()))
}

/// UTF-8 text in which every byte that is not part of a valid sequence is read as its
/// Windows-1252 character (U+FFFD for the five bytes Windows-1252 leaves undefined), with a
/// [`Vreemd`] per run of such bytes.
fn utf8_met_vreemde_bytes(bytes: &[u8]) -> (Cow<'static, str>, Vec<Vreemd>) {
    let mut uit = String::with_capacity(bytes.len() + 16);
    let mut vreemd = Vec::new();
    let mut regel = 1usize;
    let mut vorige_cr = false;
    // Line breaks in `t`: every `\r`, and every `\n` that does not end a `\r\n` (also across
    // the end of the previous piece). memchr instead of a loop over every byte of the file.
    fn tel(t: &[u8], regel: &mut usize, vorige_cr: &mut bool) {
        let lf = memchr::memchr_iter(b'\n', t)
            .filter(|&i| !if i == 0 { *vorige_cr } else { t[i - 1] == b'\r' })
            .count();
        *regel += lf + memchr::memchr_iter(b'\r', t).count();
        if let Some(&laatste) = t.last() {
            *vorige_cr = laatste == b'\r';
        }
    }
    for stuk in bytes.utf8_chunks() {
        uit.push_str(stuk.valid());
        tel(stuk.valid().as_bytes(), &mut regel, &mut vorige_cr);
        let ongeldig = stuk.invalid();
        if ongeldig.is_empty() {
            continue;
        }
        let (als, _) = WINDOWS_1252.decode_without_bom_handling(ongeldig);
        uit.push_str(&als);
        vreemd.push(Vreemd {
            regel,
            bytes: ongeldig
                .iter()
                .map(|b| format!("0x{b:02X}"))
                .collect::<Vec<_>>()
                .join(" "),
            gelezen_als: als.into_owned(),
        });
        tel(ongeldig, &mut regel, &mut vorige_cr);
    }
    (Cow::Owned(uit), vreemd)
}

/// The delimiter of the header line: `;` or `,`, whichever occurs more often outside quotes in
/// the first line (`;` on a tie, which includes a one-column file).
pub fn scheidingsteken(tekst: &str) -> u8 {
    let (mut punt_komma, mut komma, mut in_quote) = (0usize, 0usize, false);
    for &b in tekst.as_bytes() {
        match b {
            b'"' => in_quote = !in_quote,
            b'\n' | b'\r' if !in_quote => break,
            b';' if !in_quote => punt_komma += 1,
            b',' if !in_quote => komma += 1,
            _ => {}
        }
    }
    if komma > punt_komma { b',' } else { b';' }
}

/// `s.trim()`, without the Unicode scan when both ends are visible ASCII (almost every cell).
#[inline]
pub fn trim(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(&a), Some(&z)) if a > b' ' && a < 0x7F && z > b' ' && z < 0x7F => s,
        _ => s.trim(),
    }
}

/// One record's fields, stored in one buffer (no allocation per field).
#[derive(Debug, Default)]
pub struct Record {
    buf: String,
    ends: Vec<usize>,
}

impl Record {
    /// Number of fields.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether the record has no fields (never the case for a record the reader returned).
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Field `i`, untrimmed.
    pub fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.buf[start..self.ends[i]]
    }

    /// Field `i`, trimmed (`""` when the record has no such field).
    pub fn veld(&self, i: usize) -> &str {
        if i < self.len() { trim(self.get(i)) } else { "" }
    }

    /// Whether every field is empty after trimming (an empty line, or only delimiters).
    pub fn is_leeg(&self) -> bool {
        (0..self.len()).all(|i| trim(self.get(i)).is_empty())
    }

    fn clear(&mut self) {
        self.buf.clear();
        self.ends.clear();
    }
}

/// What the reader found at a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gelezen {
    /// A complete record that starts on this 1-based line.
    Record(usize),
    /// A quote that opens on this line never closes: the line is rejected.
    OpenQuote(usize),
}

/// The RFC 4180 reader over decoded text.
pub struct Lezer<'a> {
    tekst: &'a str,
    pos: usize,
    regel: usize,
    delim: u8,
}

impl<'a> Lezer<'a> {
    /// A reader at the first line.
    pub fn new(tekst: &'a str, delim: u8) -> Self {
        Lezer {
            tekst,
            pos: 0,
            regel: 1,
            delim,
        }
    }

    /// Byte offset just past the line break that ends the physical line containing `pos`.
    fn einde_regel(&self, pos: usize) -> usize {
        let b = self.tekst.as_bytes();
        let mut i = pos;
        while i < b.len() {
            match b[i] {
                b'\n' => return i + 1,
                b'\r' => {
                    return if b.get(i + 1) == Some(&b'\n') { i + 2 } else { i + 1 };
                }
                _ => i += 1,
            }
        }
        b.len()
    }

    /// Reads the next record into `rec`. `None` at the end of the text.
    pub fn volgende(&mut self, rec: &mut Record) -> Option<Gelezen> {
        let b = self.tekst.as_bytes();
        if self.pos >= b.len() {
            return None;
        }
        rec.clear();
        let start_pos = self.pos;
        let start_regel = self.regel;
        let mut i = self.pos;
        loop {
            // At the start of a field.
            if b.get(i) == Some(&b'"') {
                i += 1;
                let mut gesloten = false;
                while i < b.len() {
                    // Copy the run up to the next quote or line break in one go.
                    let run = memchr::memchr3(b'"', b'\n', b'\r', &b[i..]).map_or(b.len(), |p| i + p);
                    rec.buf.push_str(&self.tekst[i..run]);
                    i = run;
                    if i >= b.len() {
                        break;
                    }
                    match b[i] {
                        b'"' => {
                            if b.get(i + 1) == Some(&b'"') {
                                rec.buf.push('"');
                                i += 2;
                            } else {
                                i += 1;
                                gesloten = true;
                                break;
                            }
                        }
                        b'\r' => {
                            if b.get(i + 1) == Some(&b'\n') {
                                rec.buf.push_str("\r\n");
                                i += 2;
                            } else {
                                rec.buf.push('\r');
                                i += 1;
                            }
                            self.regel += 1;
                        }
                        _ => {
                            rec.buf.push('\n');
                            i += 1;
                            self.regel += 1;
                        }
                    }
                }
                if !gesloten {
                    self.pos = self.einde_regel(start_pos);
                    self.regel = start_regel + 1;
                    return Some(Gelezen::OpenQuote(start_regel));
                }
            }
            // Unquoted part (or the rest after a closing quote): up to delimiter / line break.
            let delim = self.delim;
            let run = memchr::memchr3(delim, b'\n', b'\r', &b[i..]).map_or(b.len(), |p| i + p);
            rec.buf.push_str(&self.tekst[i..run]);
            i = run;
            rec.ends.push(rec.buf.len());
            if i >= b.len() {
                self.pos = i;
                return Some(Gelezen::Record(start_regel));
            }
            match b[i] {
                c if c == delim => i += 1,
                b'\r' => {
                    i += if b.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
                    self.pos = i;
                    self.regel += 1;
                    return Some(Gelezen::Record(start_regel));
                }
                _ => {
                    self.pos = i + 1;
                    self.regel += 1;
                    return Some(Gelezen::Record(start_regel));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alles(tekst: &str, delim: u8) -> Vec<(Gelezen, Vec<String>)> {
        let mut l = Lezer::new(tekst, delim);
        let mut r = Record::default();
        let mut uit = Vec::new();
        while let Some(g) = l.volgende(&mut r) {
            let velden = (0..r.len()).map(|i| r.get(i).to_string()).collect();
            uit.push((
                g,
                if matches!(g, Gelezen::Record(_)) {
                    velden
                } else {
                    vec![]
                },
            ));
        }
        uit
    }

    fn v(x: &[&str]) -> Vec<String> {
        x.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn trim_is_str_trim() {
        for s in [
            "",
            " ",
            "a",
            " a",
            "a ",
            "\tab\r",
            "a b",
            "\u{a0}x\u{a0}",
            "x\u{2003}",
            "\u{a0}",
            "é",
            "~",
            "\u{7f}",
        ] {
            assert_eq!(trim(s), s.trim(), "{s:?}");
        }
    }

    #[test]
    fn encodings() {
        // UTF-8, with and without BOM: ë é € survive.
        let t = "naam\nCafé Ëlla €5\n";
        assert_eq!(decodeer("x.csv", t.as_bytes()).unwrap(), (Cow::Borrowed(t), vec![]));
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(t.as_bytes());
        assert_eq!(decodeer("x.csv", &bom).unwrap().0, t);
        // Windows-1252: é = E9, Ë = CB, € = 80.
        let cp = b"naam\nCaf\xE9 \xCBlla \x805\n";
        assert_eq!(decodeer("x.csv", cp).unwrap(), (Cow::Borrowed(t), vec![]));
        // UTF-16 is fatal, naming file and accepted encodings.
        for bytes in [
            &[0xFF, 0xFE, b'a', 0][..],
            &[0xFE, 0xFF, 0, b'a'][..],
            &[b'a', 0, b';', 0][..],
        ] {
            let e = decodeer("uren.csv", bytes).unwrap_err();
            let msg = e.to_string();
            assert!(msg.starts_with("uren.csv: niet-ondersteunde tekencodering (UTF-16"));
            assert!(msg.ends_with("lever het bestand aan als UTF-8 (met of zonder BOM) of Windows-1252"));
        }
        // Bytes undefined in Windows-1252 and not UTF-8: some other encoding.
        assert!(matches!(
            decodeer("x.csv", b"a\x81b").unwrap_err(),
            IngestFout::Codering { .. }
        ));
    }

    #[test]
    fn one_stray_byte_in_utf8_is_reported_not_the_whole_file_reread() {
        // "coördinatie" in UTF-8 (ö = C3 B6) on line 2; one Windows-1252 é (E9) on line 4 after a
        // CRLF and a lone CR: the file stays UTF-8, the stray byte is read as é and reported.
        let bytes = b"a\r\nco\xC3\xB6rdinatie\rx\nCaf\xE9\n";
        let (tekst, vreemd) = decodeer("x.csv", bytes).unwrap();
        assert_eq!(tekst, "a\r\ncoördinatie\rx\nCafé\n");
        assert_eq!(
            vreemd,
            vec![Vreemd {
                regel: 4,
                bytes: "0xE9".into(),
                gelezen_als: "é".into()
            }]
        );
        // Line numbers of stray bytes after CRLF, an empty line, a lone CR and LF: 2, 4 and 6.
        let (_, vreemd) = decodeer("x.csv", b"\xC3\xB6\xC3\xB6\xC3\xB6\r\n\xE9\r\n\r\nb\xE9\rc\n\xE9").unwrap();
        assert_eq!(vreemd.iter().map(|v| v.regel).collect::<Vec<_>>(), vec![2, 4, 6]);
        // More stray bytes than valid sequences: Windows-1252 after all (Ã¶ stays two letters).
        let (tekst, vreemd) = decodeer("x.csv", b"\xE9\xE9 \xC3\xB6").unwrap();
        assert_eq!(tekst, "éé Ã¶");
        assert!(vreemd.is_empty());
    }

    #[test]
    fn delimiter_from_header() {
        assert_eq!(scheidingsteken("a;b;c\n1,5;2;3"), b';');
        assert_eq!(scheidingsteken("a,b,c\n1;2;3"), b',');
        assert_eq!(scheidingsteken("\"a,b\";c\n"), b';');
        assert_eq!(scheidingsteken("\"a;b;c\",d,e\n"), b',');
        assert_eq!(scheidingsteken("enkel\n"), b';');
    }

    #[test]
    fn rfc4180_and_line_numbers() {
        let t = "a;b;c\r\n1;\"x;y\";\"he said \"\"hi\"\"\"\r\n\"multi\nline\";2;3\n4;5\n;;\n\n7;8;9";
        let r = alles(t, b';');
        assert_eq!(r[0], (Gelezen::Record(1), v(&["a", "b", "c"])));
        assert_eq!(r[1], (Gelezen::Record(2), v(&["1", "x;y", "he said \"hi\""])));
        assert_eq!(r[2], (Gelezen::Record(3), v(&["multi\nline", "2", "3"])));
        assert_eq!(r[3], (Gelezen::Record(5), v(&["4", "5"])));
        assert_eq!(r[4], (Gelezen::Record(6), v(&["", "", ""])));
        assert_eq!(r[5], (Gelezen::Record(7), v(&[""])));
        assert_eq!(r[6], (Gelezen::Record(8), v(&["7", "8", "9"])));
        assert_eq!(r.len(), 7);
    }

    #[test]
    fn empty_quoted_and_lone_cr() {
        let r = alles("\"\";x\r1;2\r", b';');
        assert_eq!(r[0], (Gelezen::Record(1), v(&["", "x"])));
        assert_eq!(r[1], (Gelezen::Record(2), v(&["1", "2"])));
        assert_eq!(r.len(), 2);
    }

    #[test]
    fn unclosed_quote_rejects_its_line_and_continues() {
        let t = "a;b\n1;\"open\n2;3\n4;5\n";
        let r = alles(t, b';');
        assert_eq!(r[0].0, Gelezen::Record(1));
        assert_eq!(r[1].0, Gelezen::OpenQuote(2));
        assert_eq!(r[2], (Gelezen::Record(3), v(&["2", "3"])));
        assert_eq!(r[3], (Gelezen::Record(4), v(&["4", "5"])));
        assert_eq!(r.len(), 4);
    }

    #[test]
    fn literal_quotes_are_kept() {
        let r = alles("a 5\" scherm;\"b\"c\n", b';');
        assert_eq!(r[0], (Gelezen::Record(1), v(&["a 5\" scherm", "bc"])));
    }

    #[test]
    fn comma_delimiter_with_quoted_decimal() {
        let r = alles("bedrag,x\n\"1.234,56\",y\n", b',');
        assert_eq!(r[1], (Gelezen::Record(2), v(&["1.234,56", "y"])));
    }
}
