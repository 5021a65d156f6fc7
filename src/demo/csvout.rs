//! Writing the demo CSV files with the `csv` crate: a fixed delimiter, RFC 4180 quoting only
//! where needed (a field with the delimiter, a quote or a line break), a chosen line ending, and
//! the encodings the providers' exports use (UTF-8 with or without BOM, Windows-1252).
//!
//! Besides ordinary rows a file can carry a deliberately broken line ([`CsvSchrijver::ruwe_regel`])
//! so the reader's handling of a wrong number of fields is exercised. Every row remembers its
//! 1-based line number (the header is line 1), for the list of deliberate imperfections.

use anyhow::{Context as _, Result, bail};

/// Builds one CSV file in memory.
pub(crate) struct CsvSchrijver {
    schrijver: csv::Writer<Vec<u8>>,
    scheiding: u8,
    rijen: usize,
}

impl CsvSchrijver {
    /// A writer with the header line already written. `crlf`: Windows line endings.
    pub(crate) fn nieuw(kop: &[&str], scheiding: u8, crlf: bool) -> Self {
        let schrijver = csv::WriterBuilder::new()
            .delimiter(scheiding)
            .terminator(if crlf {
                csv::Terminator::CRLF
            } else {
                csv::Terminator::Any(b'\n')
            })
            .quote_style(csv::QuoteStyle::Necessary)
            .flexible(true)
            .from_writer(Vec::with_capacity(1 << 20));
        let mut w = CsvSchrijver {
            schrijver,
            scheiding,
            rijen: 0,
        };
        w.schrijver
            .write_record(kop)
            .expect("schrijven naar een Vec<u8> faalt niet");
        w
    }

    /// Appends a data row; returns its 1-based line number in the file.
    pub(crate) fn rij<S: AsRef<[u8]>>(&mut self, velden: &[S]) -> usize {
        self.schrijver
            .write_record(velden)
            .expect("schrijven naar een Vec<u8> faalt niet");
        self.rijen += 1;
        self.rijen + 1
    }

    /// Appends a line exactly as given (plus the line ending), e.g. a row with a field too few;
    /// returns its line number. The text must not contain a line break.
    pub(crate) fn ruwe_regel(&mut self, regel: &str) -> usize {
        debug_assert!(!regel.contains(['\n', '\r']));
        // The csv writer has no raw-line API: split the line on the delimiter and write the
        // parts, which need no quoting (callers pass no quotes), so the bytes are the line.
        debug_assert!(!regel.contains('"'));
        let velden: Vec<&str> = regel.split(self.scheiding as char).collect();
        self.schrijver
            .write_record(&velden)
            .expect("schrijven naar een Vec<u8> faalt niet");
        self.rijen += 1;
        self.rijen + 1
    }

    /// Number of data rows written (the header not counted).
    pub(crate) fn rijen(&self) -> usize {
        self.rijen
    }

    fn bytes(self) -> Result<Vec<u8>> {
        self.schrijver
            .into_inner()
            .map_err(|e| anyhow::anyhow!("{}", e.error()))
    }

    /// The file as UTF-8, optionally with a byte order mark.
    pub(crate) fn utf8(self, bom: bool) -> Result<Vec<u8>> {
        let tekst = self.bytes()?;
        let mut out = Vec::with_capacity(tekst.len() + 3);
        if bom {
            out.extend_from_slice(b"\xEF\xBB\xBF");
        }
        out.extend_from_slice(&tekst);
        Ok(out)
    }

    /// The file in Windows-1252; fails when a character has no Windows-1252 code (encoding_rs
    /// would otherwise silently write an HTML character reference).
    pub(crate) fn windows1252(self) -> Result<Vec<u8>> {
        let bytes = self.bytes()?;
        let tekst = String::from_utf8(bytes).context("demodata is geen UTF-8")?;
        let (bytes, _, fouten) = encoding_rs::WINDOWS_1252.encode(&tekst);
        if fouten {
            bail!("tekens zonder Windows-1252-codering in de demodata");
        }
        Ok(bytes.into_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_where_needed() {
        let mut w = CsvSchrijver::nieuw(&["a", "b"], b',', false);
        assert_eq!(w.rij(&["7,5", "x"]), 2);
        assert_eq!(w.rij(&["Buurtkamer \"De Kastanje\"", "y"]), 3);
        assert_eq!(w.rij(&["", "z"]), 4);
        assert_eq!(w.rijen(), 3);
        assert_eq!(
            String::from_utf8(w.utf8(false).unwrap()).unwrap(),
            "a,b\n\"7,5\",x\n\"Buurtkamer \"\"De Kastanje\"\"\",y\n,z\n"
        );
    }

    #[test]
    fn raw_line_with_too_few_fields() {
        let mut w = CsvSchrijver::nieuw(&["a", "b", "c"], b';', true);
        assert_eq!(w.ruwe_regel("1;2"), 2);
        assert_eq!(w.rij(&["x", "y", "z"]), 3);
        assert_eq!(w.utf8(false).unwrap(), b"a;b;c\r\n1;2\r\nx;y;z\r\n");
    }

    #[test]
    fn windows1252_and_bom() {
        let mut w = CsvSchrijver::nieuw(&["omschrijving"], b';', true);
        w.rij(&["Ideeën € 5"]);
        let b = w.windows1252().unwrap();
        assert_eq!(b, b"omschrijving\r\nIdee\xEBn \x80 5\r\n");
        let mut w = CsvSchrijver::nieuw(&["x"], b';', false);
        w.rij(&["\u{4e2d}"]);
        assert!(w.windows1252().is_err());
        let w = CsvSchrijver::nieuw(&["x"], b';', false);
        assert_eq!(w.utf8(true).unwrap(), b"\xEF\xBB\xBFx\n");
    }
}
