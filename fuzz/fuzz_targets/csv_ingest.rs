//! Fuzz target: the CSV ingest. The first byte picks the file's schema, the rest is the file.
//! Whatever the bytes, reading must not panic; a file that reads gives an account where
//! `gelezen = geaccepteerd + afgekeurd`, a frame of the accepted rows, and a rejects file
//! without a BSN-like number and without a cell a spreadsheet would run as a formula.
#![no_main]

use std::sync::OnceLock;

use domeinrapport::afspraken::Afspraken;
use domeinrapport::ingest::bsn::bevat_bsn_token;
use domeinrapport::ingest::laden::{
    ACTIVITEITEN_SCHEMA, BEGROTING_SCHEMA, FORMATIE_SCHEMA, HULPVRAGEN_SCHEMA, REALISATIE_SCHEMA, UREN_SCHEMA,
};
use domeinrapport::ingest::schema::{Codes, Kolom, lees_tabel};
use domeinrapport::ingest::toelichting::{ANALYSES_SCHEMA, DOELEN_SCHEMA, RISICOS_SCHEMA};
use domeinrapport::ingest::afgekeurde_rijen_csv;
use libfuzzer_sys::fuzz_target;

const SCHEMAS: [&[Kolom]; 9] = [
    HULPVRAGEN_SCHEMA,
    UREN_SCHEMA,
    ACTIVITEITEN_SCHEMA,
    BEGROTING_SCHEMA,
    REALISATIE_SCHEMA,
    FORMATIE_SCHEMA,
    DOELEN_SCHEMA,
    ANALYSES_SCHEMA,
    RISICOS_SCHEMA,
];

fn codes() -> &'static Codes {
    static CODES: OnceLock<Codes> = OnceLock::new();
    CODES.get_or_init(|| {
        let a = Afspraken::from_toml_str(include_str!("../../data/afspraken/2024.toml"), "2024.toml")
            .expect("bundled afspraken parse");
        Codes::uit_jaren([&a])
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&keuze, bytes)) = data.split_first() else { return };
    let schema = SCHEMAS[keuze as usize % SCHEMAS.len()];
    let Ok(tabel) = lees_tabel("fuzz.csv", bytes, schema, codes(), |_| {}) else { return };
    let k = tabel.kwaliteit();
    for b in &k.bestanden {
        assert_eq!(b.gelezen, b.geaccepteerd + b.afgekeurd);
    }
    let frame = tabel.dataframe(codes(), true);
    assert_eq!(frame.height(), k.bestanden[0].geaccepteerd);
    let csv = afgekeurde_rijen_csv(&k);
    let tekst = String::from_utf8(csv).expect("rejects file is UTF-8");
    assert!(!bevat_bsn_token(&tekst), "BSN-like number in the rejects file");
    for a in &k.afkeuringen {
        assert!(!bevat_bsn_token(&a.waarde) && !bevat_bsn_token(&a.reden));
    }
    for w in &k.waarschuwingen {
        assert!(!bevat_bsn_token(&w.melding));
    }
});
