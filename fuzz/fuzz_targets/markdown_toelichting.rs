//! Fuzz target: a Markdown toelichting text (`raad.md`, `knelpunten.md`) converted to document
//! blocks. Nothing may panic; every link that survives is an http, https or mailto address that
//! passes the link check unchanged; masking the text leaves no BSN-like number.
#![no_main]

use domeinrapport_fuzz::ingest::bsn::{bevat_bsn_token, maskeer};
use domeinrapport_fuzz::render::document::{Blok, Span};
use domeinrapport_fuzz::render::markdown::{naar_blokken, veilige_link};
use libfuzzer_sys::fuzz_target;

fn controleer(spans: &[Span]) {
    for s in spans {
        if let Some(l) = &s.link {
            assert_eq!(veilige_link(l).as_deref(), Some(l.as_str()), "unsafe link kept");
            let klein = l.to_ascii_lowercase();
            assert!(
                klein.starts_with("http://") || klein.starts_with("https://") || klein.starts_with("mailto:"),
                "link {l:?}"
            );
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let tekst = String::from_utf8_lossy(data);
    assert!(!bevat_bsn_token(&maskeer(&tekst)));
    for b in naar_blokken(&tekst) {
        match b {
            Blok::Alinea(spans) => controleer(&spans),
            Blok::Opsomming { items, .. } => items.iter().for_each(|i| controleer(i)),
            _ => {}
        }
    }
});
