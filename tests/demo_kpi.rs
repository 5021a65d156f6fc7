//! The bundled demo data shows what its README promises: for every quarter, half year and year
//! the indicator engine finds exactly the norms "niet gehaald" that `data/README.md` lists (the
//! generator computes them itself from the definitions in kpi-catalogus.md, independently of the
//! engine, so this test checks both).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use domeinrapport::afspraken;
use domeinrapport::ingest::{self, IngestOpties};
use domeinrapport::kpi::{self, Bron, Status};
use domeinrapport::period::Periode;

/// The "Niet gehaald" table of `data/README.md`: period code → indicator ids.
fn readme_tabel() -> BTreeMap<String, BTreeSet<String>> {
    let tekst = std::fs::read_to_string("data/README.md").unwrap();
    let mut uit = BTreeMap::new();
    let mut in_tabel = false;
    for regel in tekst.lines() {
        if regel.starts_with("| periode | niet gehaald |") {
            in_tabel = true;
            continue;
        }
        if in_tabel {
            if !regel.starts_with('|') {
                break;
            }
            let cellen: Vec<&str> = regel.trim_matches('|').split('|').map(str::trim).collect();
            if cellen[0].starts_with("---") {
                continue;
            }
            let ids: BTreeSet<String> = if cellen[1] == "alle normen gehaald" {
                BTreeSet::new()
            } else {
                cellen[1].split(", ").map(|s| s.trim_matches('`').to_string()).collect()
            };
            uit.insert(cellen[0].to_string(), ids);
        }
    }
    uit
}

#[test]
fn engine_misses_exactly_the_norms_the_readme_lists() {
    let tabel = readme_tabel();
    assert_eq!(tabel.len(), 21, "README-tabel niet gevonden");
    let set = afspraken::load_dir(Path::new("data/afspraken")).unwrap();
    let ds = ingest::laad(Path::new("data"), &set, &IngestOpties::default()).unwrap();
    let bron = Bron::new(&ds).unwrap();
    let mut verschillen = Vec::new();
    for (code, verwacht) in &tabel {
        let p: Periode = code.parse().unwrap();
        let ind = kpi::bereken(&bron, set.voor_jaar(p.jaar()), p.tijdvak()).unwrap();
        let gemist: BTreeSet<String> = ind
            .iter()
            .filter(|i| i.status == Status::NietGehaald)
            .map(|i| i.id.clone())
            .collect();
        if &gemist != verwacht {
            verschillen.push(format!("{code}: engine {gemist:?}, README {verwacht:?}"));
        }
    }
    assert!(verschillen.is_empty(), "{}", verschillen.join("\n"));
}

/// `kpi::engine::wachtlijsten` (the monthly trend) gives exactly the wachtlijst indicators of the
/// whole catalogue, for every month of the demo data: the same ids, order, values and statuses.
#[test]
fn wachtlijsten_alone_equal_those_of_the_whole_catalogue() {
    let set = afspraken::load_dir(Path::new("data/afspraken")).unwrap();
    let ds = ingest::laad(Path::new("data"), &set, &IngestOpties::default()).unwrap();
    let bron = Bron::new(&ds).unwrap();
    let (mut maanden, mut boven_nul) = (0, 0);
    for jaar in [2023, 2024] {
        for maand in 1..=12 {
            let p: Periode = format!("{jaar}-{maand:02}").parse().unwrap();
            let a = set.voor_jaar(p.jaar());
            let alle: Vec<_> = kpi::bereken(&bron, a, p.tijdvak())
                .unwrap()
                .into_iter()
                .filter(|i| i.id.ends_with(".wachtlijst"))
                .collect();
            let los = kpi::engine::wachtlijsten(&bron, a, p.tijdvak()).unwrap();
            assert_eq!(los.len(), 4, "{p}");
            boven_nul += los
                .iter()
                .filter(|i| i.waarde.is_some_and(|w| w > rust_decimal::Decimal::ZERO))
                .count();
            assert_eq!(los, alle, "{p}");
            maanden += 1;
        }
    }
    assert_eq!(maanden, 24);
    // Not only zeros compared: the demo data has waiting lists in many months.
    assert!(boven_nul > 10, "{boven_nul}");
}
