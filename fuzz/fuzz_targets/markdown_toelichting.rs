//! Fuzz target: a Markdown toelichting text (`raad.md`, `knelpunten.md`). Splitting it per
//! werksoort and converting it to document blocks must not panic, the split texts hold no
//! BSN-like number, and the HTML made from the blocks may only link to http, https or mailto.
#![no_main]

use domeinrapport::ingest::bsn::bevat_bsn_token;
use domeinrapport::ingest::toelichting::splits_markdown;
use domeinrapport::render::document::{Blok, Document, Sectie, Stijl};
use domeinrapport::render::html::render_html;
use domeinrapport::render::markdown::naar_blokken;
use libfuzzer_sys::fuzz_target;

const WERKSOORTEN: [&str; 5] = ["SRW", "ISW", "CSW", "JGD", "JW"];

fuzz_target!(|data: &[u8]| {
    let tekst = String::from_utf8_lossy(data);
    let mut waarschuwingen = Vec::new();
    let md = splits_markdown("toelichting/2024/knelpunten.md", &tekst, &WERKSOORTEN, &mut waarschuwingen);
    for deel in md.per_werksoort.values().chain([&md.algemeen]) {
        assert!(!bevat_bsn_token(deel), "BSN-like number left in a split text");
        let _ = naar_blokken(deel);
    }
    let blokken: Vec<Blok> = naar_blokken(&tekst);
    let doc = Document {
        soort: "raadsinformatie".into(),
        titel: "Fuzz".into(),
        ondertitel: None,
        gemeente: "Oss".into(),
        aanbieder: "ONS welzijn".into(),
        periode_label: "2024".into(),
        peildatum_label: "31-12-2024".into(),
        datum: chrono::NaiveDate::from_ymd_opt(2024, 12, 31).unwrap(),
        stijl: Stijl::Brief,
        kenmerken: Vec::new(),
        samenvatting: None,
        secties: vec![Sectie::new("Kernboodschap", blokken)],
        bijlagen: Vec::new(),
    };
    let html = render_html(&doc);
    for (i, _) in html.match_indices("href=\"") {
        let doel = &html[i + 6..];
        assert!(
            doel.starts_with('#')
                || doel.starts_with("http://")
                || doel.starts_with("https://")
                || doel.starts_with("mailto:"),
            "link with another scheme: {}",
            &doel[..doel.len().min(60)]
        );
    }
});
