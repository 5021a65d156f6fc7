//! The CSV parse floor of issue 19: read the data folder's CSV files with polars' CSV reader and
//! nothing else (no validation, no frames built by the program), so `scripts/bench.py` can set the
//! pipeline's time beside what a good CSV parser needs for the same bytes.
//!
//! Usage: `cargo run --release --example parse_floor -- <data-folder>`
//! Prints one line per file (rows, columns) and the total; the wall time is measured outside.
//! Each file's separator (`;` or `,`) is taken from its header line; Latin-1 files are read as
//! lossy UTF-8; every column is read as text (the data folder holds rows a typed parse rejects,
//! and the program types and validates each cell itself).

use std::path::{Path, PathBuf};

use polars_io::SerReader;
use polars_io::csv::read::{CsvEncoding, CsvParseOptions, CsvReadOptions};

/// The CSV files of the data contract, in the order the ingest reads them.
const FILES: [&str; 7] = [
    "hulpvragen.csv",
    "uren.csv",
    "activiteiten.csv",
    "begroting.csv",
    "realisatie.csv",
    "formatie.csv",
    "contacten.csv",
];

fn separator(path: &Path) -> std::io::Result<u8> {
    use std::io::BufRead;
    let mut header = Vec::new();
    std::io::BufReader::new(std::fs::File::open(path)?).read_until(b'\n', &mut header)?;
    let semi = header.iter().filter(|&&b| b == b';').count();
    let comma = header.iter().filter(|&&b| b == b',').count();
    Ok(if semi >= comma { b';' } else { b',' })
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let folder = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "data".into()));
    let (mut rows, mut files) = (0usize, 0usize);
    for name in FILES {
        let path = folder.join(name);
        if !path.is_file() {
            continue;
        }
        let parse = CsvParseOptions::default()
            .with_separator(separator(&path)?)
            .with_encoding(CsvEncoding::LossyUtf8)
            .with_truncate_ragged_lines(true);
        let frame = CsvReadOptions::default()
            .with_has_header(true)
            .with_infer_schema_length(Some(0))
            .with_parse_options(parse)
            .try_into_reader_with_file_path(Some(path))?
            .finish()?;
        println!("{name}: {} rijen, {} kolommen", frame.height(), frame.width());
        rows += frame.height();
        files += 1;
    }
    println!("totaal: {rows} rijen in {files} bestanden");
    Ok(())
}
