//! Fuzz target: the CSV ingest's reading layer on arbitrary bytes: encoding detection, delimiter
//! detection, the RFC 4180 record reader, every cell parser on every cell, BSN masking, and the
//! rejects file. Nothing may panic; line numbers only go up; a masked text holds no BSN-like
//! number; the rejects file holds no BSN-like number and no cell a spreadsheet would run as a
//! formula.
#![no_main]

use domeinrapport_fuzz::ingest::bsn::{bevat_bsn_token, maskeer};
use domeinrapport_fuzz::ingest::kwaliteit::{Afkeuring, Bestandskwaliteit, Datakwaliteit, afgekeurde_rijen_csv};
use domeinrapport_fuzz::ingest::text::{Gelezen, Lezer, Record, decodeer, scheidingsteken};
use domeinrapport_fuzz::ingest::values::{
    parse_bedrag_cent, parse_boolean, parse_datum, parse_e4, parse_geheel, parse_getal,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok((tekst, vreemd)) = decodeer("fuzz.csv", data) else {
        return;
    };
    let mut vorige_vreemd = 0;
    for v in &vreemd {
        assert!(v.regel >= 1 && v.regel >= vorige_vreemd);
        vorige_vreemd = v.regel;
    }
    let delim = scheidingsteken(&tekst);
    let mut lezer = Lezer::new(&tekst, delim);
    let mut rec = Record::default();
    let (mut vorige, mut n) = (0usize, 0usize);
    let mut afkeuringen = Vec::new();
    while let Some(g) = lezer.volgende(&mut rec) {
        let regel = match g {
            Gelezen::Record(r) | Gelezen::OpenQuote(r) => r,
        };
        assert!(regel > vorige, "line numbers go up");
        vorige = regel;
        n += 1;
        assert!(n <= tekst.len() + 1, "the reader makes progress");
        let Gelezen::Record(_) = g else { continue };
        for i in 0..rec.len() {
            let veld = rec.veld(i);
            if veld.is_empty() {
                continue;
            }
            let _ = parse_datum(veld);
            if let Ok(getal) = parse_getal(veld) {
                let _ = getal.in_eenheden(2);
                let _ = getal.geheel();
            }
            let _ = parse_e4(veld);
            let _ = parse_geheel(veld);
            let _ = parse_boolean(veld);
            assert!(!bevat_bsn_token(&maskeer(veld)), "masking leaves no BSN-like number");
            if let Err(r) = parse_bedrag_cent(veld) {
                afkeuringen.push(Afkeuring::new("fuzz.csv", regel, "bedrag", veld, r.soort, &r.tekst));
            }
        }
    }
    let k = Datakwaliteit {
        bestanden: vec![Bestandskwaliteit::new("fuzz.csv", afkeuringen.len(), &afkeuringen)],
        afkeuringen,
        waarschuwingen: Vec::new(),
    };
    let csv = String::from_utf8(afgekeurde_rijen_csv(&k)).expect("the rejects file is UTF-8");
    assert!(!bevat_bsn_token(&csv), "BSN-like number in the rejects file");
    let mut lezer = csv::ReaderBuilder::new().delimiter(b';').from_reader(csv.as_bytes());
    for r in lezer.records() {
        let r = r.expect("the rejects file reads back");
        assert_eq!(r.len(), 5);
        for veld in r.iter() {
            assert!(
                !veld.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "formula cell {veld:?}"
            );
        }
    }
});
