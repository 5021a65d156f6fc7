//! The narrative input per period (`toelichting/<periode>/`), as the provider and the
//! accounthouder would hand it in. The texts live in `src/demo/teksten/` as templates; figures in
//! them (`{{SW.eerste_gesprek_4w@2024-Q2}}`) are filled in from the generated data, so a text
//! never contradicts the numbers. Periods without a folder are left out on purpose: the reports
//! must then say "niet aangeleverd".

use anyhow::Result;

use super::Bestand;
use super::statistiek::Cijfers;

/// (path under the data folder, template, write with a UTF-8 BOM as Excel does).
const TEKSTEN: [(&str, &str, bool); 20] = [
    (
        "toelichting/2023-Q4/analyses.csv",
        include_str!("teksten/2023-Q4/analyses.csv"),
        false,
    ),
    (
        "toelichting/2023-H2/ontwikkelingen.md",
        include_str!("teksten/2023-H2/ontwikkelingen.md"),
        false,
    ),
    (
        "toelichting/2023-H2/knelpunten.md",
        include_str!("teksten/2023-H2/knelpunten.md"),
        false,
    ),
    (
        "toelichting/2023-H2/aanbevelingen.md",
        include_str!("teksten/2023-H2/aanbevelingen.md"),
        false,
    ),
    (
        "toelichting/2023-H2/doelen.csv",
        include_str!("teksten/2023-H2/doelen.csv"),
        true,
    ),
    (
        "toelichting/2023-H2/analyses.csv",
        include_str!("teksten/2023-H2/analyses.csv"),
        false,
    ),
    (
        "toelichting/2023-H2/risicos.csv",
        include_str!("teksten/2023-H2/risicos.csv"),
        false,
    ),
    ("toelichting/2023/raad.md", include_str!("teksten/2023/raad.md"), false),
    (
        "toelichting/2023/analyses.csv",
        include_str!("teksten/2023/analyses.csv"),
        false,
    ),
    (
        "toelichting/2024-Q2/analyses.csv",
        include_str!("teksten/2024-Q2/analyses.csv"),
        true,
    ),
    (
        "toelichting/2024-05/analyses.csv",
        include_str!("teksten/2024-05/analyses.csv"),
        false,
    ),
    (
        "toelichting/2024-06/analyses.csv",
        include_str!("teksten/2024-06/analyses.csv"),
        false,
    ),
    (
        "toelichting/2024-H1/ontwikkelingen.md",
        include_str!("teksten/2024-H1/ontwikkelingen.md"),
        false,
    ),
    (
        "toelichting/2024-H1/knelpunten.md",
        include_str!("teksten/2024-H1/knelpunten.md"),
        false,
    ),
    (
        "toelichting/2024-H1/aanbevelingen.md",
        include_str!("teksten/2024-H1/aanbevelingen.md"),
        false,
    ),
    (
        "toelichting/2024-H1/doelen.csv",
        include_str!("teksten/2024-H1/doelen.csv"),
        true,
    ),
    (
        "toelichting/2024-H1/analyses.csv",
        include_str!("teksten/2024-H1/analyses.csv"),
        false,
    ),
    (
        "toelichting/2024-H1/risicos.csv",
        include_str!("teksten/2024-H1/risicos.csv"),
        false,
    ),
    ("toelichting/2024/raad.md", include_str!("teksten/2024/raad.md"), false),
    (
        "toelichting/2024/analyses.csv",
        include_str!("teksten/2024/analyses.csv"),
        false,
    ),
];

/// The toelichting files with their figures filled in.
pub(crate) fn bestanden(cijfers: &Cijfers) -> Result<Vec<Bestand>> {
    let mut v = Vec::new();
    for (pad, sjabloon, bom) in TEKSTEN {
        let mut tekst = cijfers.vul_in(sjabloon, pad)?;
        if bom {
            tekst.insert(0, '\u{feff}');
        }
        let rijen = pad.ends_with(".csv").then(|| tekst.lines().count().saturating_sub(1));
        let mut b = Bestand::tekst(pad, tekst);
        b.rijen = rijen;
        v.push(b);
    }
    Ok(v)
}

/// The templates, for the tests.
#[cfg(test)]
pub(crate) fn sjablonen() -> impl Iterator<Item = (&'static str, &'static str)> {
    TEKSTEN.iter().map(|t| (t.0, t.1))
}
