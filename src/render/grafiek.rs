//! SVG charts for the PDF (embedded as images by Typst) and the HTML page (inline).
//!
//! [`svg`] draws a [`Grafiek`] as a line or grouped bar chart: horizontal grid lines with Dutch
//! tick labels per [`YFormaat`] (`30%`, `1.234`, `€ 1,2 mln`, `12 d`), category labels on the x
//! axis, a legend when there is more than one series, and an optional dashed norm line with its
//! label. Colours come from the Okabe–Ito palette (safe for colour-blind readers); line series
//! also differ by marker shape, so colour is never the only carrier.
//!
//! The chart values are `f64` only for drawing; every number a reader sees is formatted through
//! [`rust_decimal::Decimal`] and [`crate::domein::format`], and every coordinate is written with a fixed
//! number of decimals, so the same `Grafiek` always gives the same bytes.
//!
//! The chart title is *not* drawn in the picture (the PDF and HTML show it as the figure
//! caption); it is the SVG `<title>`, and the alt text is the `<desc>` and `aria-label`.

use std::fmt::Write as _;

use rust_decimal::Decimal;
use rust_decimal::prelude::{FromPrimitive, ToPrimitive};

use super::document::{Grafiek, GrafiekSoort, YFormaat};
use crate::domein::format;

/// Width of the SVG canvas (user units; the renderers scale the picture to the text width).
pub const BREEDTE: f64 = 600.0;
/// Height of the SVG canvas.
pub const HOOGTE: f64 = 300.0;
/// Width of the canvas of a chart that shares the text width with a second chart (two side
/// by side in the PDF); the text keeps its size, the plot gets narrower.
pub const BREEDTE_NAAST: f64 = 400.0;
/// Height of the canvas of a chart side by side with another.
pub const HOOGTE_NAAST: f64 = 290.0;

/// Font family used for all chart text (bundled in `report_templates/fonts/`).
const LETTERTYPE: &str = "Noto Sans, Arial, Helvetica, sans-serif";
/// Font size of tick labels, x labels and legend.
const FS: f64 = 12.0;
/// Average advance width of a Noto Sans character as a fraction of the font size (digits are
/// 0.572 em), used to estimate label widths.
const TEKENBREEDTE: f64 = 0.58;

/// Okabe–Ito palette (colour-blind safe), ordered by contrast on white: the first five reach
/// the 3:1 that WCAG asks for graphics (blue 5.2, vermillion 3.9, bluish green 3.4, reddish
/// purple 3.1, black); orange and sky blue only come in with a sixth series. Line series also
/// differ by marker shape.
pub const PALET: [&str; 7] = [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#000000", "#E69F00", "#56B4E9",
];

/// Bar charts with at most this many bars get value labels (where they fit).
const MAX_STAAFLABELS: usize = 16;

/// Text colour (contrast 12.6:1 on white).
const TEKSTKLEUR: &str = "#333333";
/// Grid line colour.
const RASTERKLEUR: &str = "#D9D9D9";
/// Axis line colour.
const ASKLEUR: &str = "#595959";
/// Norm line colour.
const NORMKLEUR: &str = "#1A1A1A";

/// Draws the chart as a standalone SVG document (UTF-8 text, no XML declaration needed).
///
/// ```
/// use domeinrapport::render::document::{Grafiek, GrafiekSoort, Normlijn, Reeks, YFormaat};
/// let g = Grafiek {
///     soort: GrafiekSoort::Lijn,
///     titel: "Eerste gesprek binnen 4 weken".into(),
///     alt: "Van 82% naar 91%; norm 90%".into(),
///     x_labels: vec!["Q1 2024".into(), "Q2 2024".into()],
///     reeksen: vec![Reeks { naam: "ISW".into(), waarden: vec![Some(0.82), Some(0.91)] }],
///     y_formaat: YFormaat::Procent,
///     normlijn: Some(Normlijn { waarde: 0.9, label: "norm 90%".into() }),
/// };
/// let svg = domeinrapport::render::grafiek::svg(&g);
/// assert!(svg.starts_with("<svg"));
/// assert!(svg.contains(">norm 90%</text>"));
/// ```
pub fn svg(g: &Grafiek) -> String {
    svg_op_maat(g, BREEDTE, HOOGTE)
}

/// As [`svg`], on a canvas of `breedte` × `hoogte` user units (for a chart beside another:
/// [`BREEDTE_NAAST`] × [`HOOGTE_NAAST`]).
pub fn svg_op_maat(g: &Grafiek, breedte: f64, hoogte: f64) -> String {
    let mut out = String::with_capacity(8 * 1024);
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{b}" height="{h}" viewBox="0 0 {b} {h}" role="img" aria-label="{alt}" font-family="{LETTERTYPE}" font-size="{FS}">"#,
        b = breedte,
        h = hoogte,
        alt = esc(&g.alt),
    );
    let _ = write!(out, "<title>{}</title><desc>{}</desc>", esc(&g.titel), esc(&g.alt));
    out.push_str(r##"<rect width="100%" height="100%" fill="#FFFFFF"/>"##);

    let n = g
        .x_labels
        .len()
        .max(g.reeksen.iter().map(|r| r.waarden.len()).max().unwrap_or(0));
    let waarden: Vec<f64> = g
        .reeksen
        .iter()
        .flat_map(|r| r.waarden.iter().flatten().copied())
        .filter(|v| v.is_finite())
        .collect();
    let normwaarde = g.normlijn.as_ref().map(|n| n.waarde).filter(|v| v.is_finite());
    let schaal = Schaal::bereken(&waarden, normwaarde, g.soort, g.y_formaat);

    // --- layout -------------------------------------------------------------------------------
    let legenda = g.reeksen.len() > 1;
    let aantal_staven: usize = g.reeksen.iter().map(|r| r.waarden.iter().flatten().count()).sum();
    let staaflabels = g.soort == GrafiekSoort::Staaf && aantal_staven <= MAX_STAAFLABELS;
    let tick_teksten: Vec<String> = schaal
        .ticks
        .iter()
        .map(|t| tick_label(*t, &schaal, g.y_formaat))
        .collect();
    let breedste = tick_teksten.iter().map(|t| tekstbreedte(t, FS)).fold(0.0, f64::max);
    let links = (breedste + 14.0).max(36.0);
    // Legend entries from the left edge of the plot, on as many lines as they need.
    let mut legendaplek: Vec<(f64, f64)> = Vec::new();
    if legenda {
        let (mut x, mut y) = (links, EENHEIDREGEL + 14.0);
        for r in &g.reeksen {
            let w = 26.0 + tekstbreedte(&r.naam, FS);
            if x + w > breedte - 8.0 && x > links {
                x = links;
                y += LEGENDAREGEL;
            }
            legendaplek.push((x, y));
            x += w + 18.0;
        }
    }
    let legendaregels = legendaplek
        .last()
        .map_or(0.0, |(_, y)| (y - EENHEIDREGEL - 14.0) / LEGENDAREGEL + 1.0);
    // Room above the plot for the unit word of the y axis, the legend and the value labels
    // over the highest bar.
    let boven = EENHEIDREGEL
        + if legenda {
            34.0 + (legendaregels - 1.0) * LEGENDAREGEL
        } else {
            12.0
        }
        + if staaflabels { 14.0 } else { 0.0 };
    let norm_label = g
        .normlijn
        .as_ref()
        .filter(|_| normwaarde.is_some())
        .map(|n| n.label.as_str());
    let rechts = match norm_label {
        Some(l) => tekstbreedte(l, FS) + 14.0,
        None => 14.0,
    };
    let vak_breedte = if n == 0 {
        breedte - rechts - links
    } else {
        (breedte - rechts - links) / n as f64
    };
    let x_labels = XLabels::kies(&g.x_labels, vak_breedte);
    let onder = if x_labels.twee_regels { 44.0 } else { 30.0 };
    let plot = Vlak {
        x0: links,
        x1: breedte - rechts,
        y0: boven,
        y1: hoogte - onder,
    };
    let y_van = |v: f64| plot.y1 - (v - schaal.min) / (schaal.max - schaal.min) * (plot.y1 - plot.y0);
    let vak = if n == 0 {
        plot.x1 - plot.x0
    } else {
        (plot.x1 - plot.x0) / n as f64
    };
    let x_midden = |i: usize| plot.x0 + vak * (i as f64 + 0.5);

    // --- unit word of the y axis, above the tick labels ------------------------------------------
    let _ = write!(
        out,
        r#"<text class="eenheid" x="4.0" y="13.0" fill="{TEKSTKLEUR}">{}</text>"#,
        esc(eenheidwoord(g.y_formaat))
    );

    // --- legend -------------------------------------------------------------------------------
    for (i, (r, &(x, y))) in g.reeksen.iter().zip(&legendaplek).enumerate() {
        let kleur = PALET[i % PALET.len()];
        match g.soort {
            GrafiekSoort::Lijn => {
                let _ = write!(
                    out,
                    r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{kleur}" stroke-width="2.5"/>"#,
                    f(x),
                    f(y),
                    f(x + 20.0),
                    f(y)
                );
                marker(&mut out, i, x + 10.0, y, kleur);
            }
            GrafiekSoort::Staaf => {
                let _ = write!(
                    out,
                    r#"<rect x="{}" y="{}" width="12" height="12" fill="{kleur}"/>"#,
                    f(x + 4.0),
                    f(y - 6.0)
                );
            }
        }
        let _ = write!(
            out,
            r#"<text x="{}" y="{}" fill="{TEKSTKLEUR}" dominant-baseline="central">{}</text>"#,
            f(x + 26.0),
            f(y),
            esc(&r.naam)
        );
    }

    // --- grid and y ticks ---------------------------------------------------------------------
    out.push_str(r#"<g class="raster">"#);
    for (t, tekst) in schaal.ticks.iter().zip(&tick_teksten) {
        let y = y_van(t.to_f64().unwrap_or(0.0));
        let _ = write!(
            out,
            r#"<line x1="{}" y1="{y}" x2="{}" y2="{y}" stroke="{RASTERKLEUR}" stroke-width="1"/>"#,
            f(plot.x0),
            f(plot.x1),
            y = f(y)
        );
        let _ = write!(
            out,
            r#"<text x="{}" y="{}" fill="{TEKSTKLEUR}" text-anchor="end" dominant-baseline="central">{}</text>"#,
            f(plot.x0 - 8.0),
            f(y),
            esc(tekst)
        );
    }
    out.push_str("</g>");

    // --- data (lines over the norm line; bars under it, their value labels on top) -------------
    let norm = normwaarde.zip(norm_label).map(|(w, label)| (y_van(w), label));
    let bovenop = match g.soort {
        GrafiekSoort::Lijn => {
            if let Some((y, label)) = norm {
                normlijn(&mut out, plot, y, label);
            }
            lijnen(&mut out, g, &y_van, &x_midden);
            laatste_waarden(g, &y_van, &x_midden, (plot.y0, plot.y1))
        }
        GrafiekSoort::Staaf => staven(&mut out, g, &schaal, &y_van, &x_midden, vak, staaflabels),
    };

    // --- x axis (zero line for bars, bottom for lines) and labels ----------------------------
    let as_y = if schaal.min <= 0.0 && schaal.max >= 0.0 {
        y_van(0.0)
    } else {
        plot.y1
    };
    let _ = write!(
        out,
        r#"<line x1="{}" y1="{y}" x2="{}" y2="{y}" stroke="{ASKLEUR}" stroke-width="1.2"/>"#,
        f(plot.x0),
        f(plot.x1),
        y = f(as_y)
    );
    for (i, label) in g.x_labels.iter().enumerate() {
        // Always label the most recent category; thin out from there.
        if (n - 1 - i) % x_labels.stap != 0 {
            continue;
        }
        let x = f(x_midden(i));
        match label.split_once(' ').filter(|_| x_labels.twee_regels) {
            Some((boven, onder)) => {
                let _ = write!(
                    out,
                    r#"<text x="{x}" y="{}" fill="{TEKSTKLEUR}" text-anchor="middle"><tspan x="{x}">{}</tspan><tspan x="{x}" dy="14">{}</tspan></text>"#,
                    f(plot.y1 + 18.0),
                    esc(boven),
                    esc(onder)
                );
            }
            None => {
                let _ = write!(
                    out,
                    r#"<text x="{x}" y="{}" fill="{TEKSTKLEUR}" text-anchor="middle">{}</text>"#,
                    f(plot.y1 + 18.0),
                    esc(label)
                );
            }
        }
    }

    if g.soort == GrafiekSoort::Staaf
        && let Some((y, label)) = norm
    {
        normlijn(&mut out, plot, y, label);
    }
    out.push_str(&bovenop);

    out.push_str("</svg>");
    out
}

/// Height of the line above the plot that holds the unit word of the y axis.
const EENHEIDREGEL: f64 = 18.0;
/// Height of one line of the legend.
const LEGENDAREGEL: f64 = 18.0;

/// The unit word over the y axis: what the tick labels count.
pub fn eenheidwoord(formaat: YFormaat) -> &'static str {
    match formaat {
        YFormaat::Procent => "procent (%)",
        YFormaat::Aantal => "aantal",
        YFormaat::Euro => "euro (€)",
        YFormaat::Dagen => "dagen",
        YFormaat::Weken => "weken",
    }
}

/// The dashed norm line across the plot with its label in the right margin.
fn normlijn(out: &mut String, plot: Vlak, y: f64, label: &str) {
    let _ = write!(
        out,
        r#"<line x1="{}" y1="{y}" x2="{}" y2="{y}" stroke="{NORMKLEUR}" stroke-width="1.5" stroke-dasharray="6 4"/>"#,
        f(plot.x0),
        f(plot.x1 + 4.0),
        y = f(y)
    );
    let _ = write!(
        out,
        r#"<text x="{}" y="{}" fill="{NORMKLEUR}" font-weight="bold" dominant-baseline="central">{}</text>"#,
        f(plot.x1 + 8.0),
        f(y),
        esc(label)
    );
}

/// How the category labels fit under the x axis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct XLabels {
    /// Every `stap`-th label is shown (counting back from the last one).
    stap: usize,
    /// Labels are split at their first space over two lines (`Q3` / `2022`).
    twee_regels: bool,
}

impl XLabels {
    /// One line if every label fits its slot; else two lines if all labels have a space and
    /// the halves fit; else one line, thinned out.
    fn kies(labels: &[String], vak: f64) -> XLabels {
        let stap = |breedste: f64| ((breedste + 8.0) / vak).ceil().max(1.0) as usize;
        let breedste = labels.iter().map(|l| tekstbreedte(l, FS)).fold(0.0, f64::max);
        let een_regel = stap(breedste);
        if een_regel == 1 || labels.is_empty() {
            return XLabels {
                stap: een_regel,
                twee_regels: false,
            };
        }
        let helften: Option<Vec<(&str, &str)>> = labels.iter().map(|l| l.split_once(' ')).collect();
        if let Some(helften) = helften {
            let breedste_helft = helften
                .iter()
                .map(|(a, b)| tekstbreedte(a, FS).max(tekstbreedte(b, FS)))
                .fold(0.0, f64::max);
            let twee = stap(breedste_helft);
            if twee < een_regel {
                return XLabels {
                    stap: twee,
                    twee_regels: true,
                };
            }
        }
        XLabels {
            stap: een_regel,
            twee_regels: false,
        }
    }
}

/// Plot area in canvas coordinates.
#[derive(Clone, Copy)]
struct Vlak {
    x0: f64,
    x1: f64,
    y0: f64,
    y1: f64,
}

/// The y scale: range and tick values (exact decimals, so labels are exact).
#[derive(Debug, Clone, PartialEq)]
struct Schaal {
    min: f64,
    max: f64,
    stap: Decimal,
    ticks: Vec<Decimal>,
    /// Euro axis in millions (`€ 1,2 mln`).
    miljoenen: bool,
}

impl Schaal {
    /// A scale with "nice" ticks (1, 2, 2.5 or 5 × 10^k) covering the values and the norm.
    ///
    /// Bars and lines both start at zero: a value axis cut at 98% makes 98,3% look like a
    /// collapse. The last value carries its label, so the exact figure stays readable.
    fn bereken(waarden: &[f64], norm: Option<f64>, _soort: GrafiekSoort, formaat: YFormaat) -> Schaal {
        let alles = waarden.iter().copied().chain(norm);
        let (mut lo, mut hi) = alles.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(v), b.max(v)));
        if !lo.is_finite() {
            lo = 0.0;
            hi = match formaat {
                YFormaat::Procent => 1.0,
                _ => 10.0,
            };
        }
        lo = lo.min(0.0);
        hi = hi.max(0.0);
        if hi <= lo {
            hi = lo + if formaat == YFormaat::Procent { 0.1 } else { 1.0 };
        }
        let minimale_stap = match formaat {
            YFormaat::Procent => Decimal::new(1, 3), // 0,1%
            _ => Decimal::ONE,
        };
        let mut stap = mooie_stap((hi - lo) / 5.0).max(minimale_stap);
        if matches!(formaat, YFormaat::Aantal | YFormaat::Dagen | YFormaat::Weken) && !stap.fract().is_zero() {
            // Counts, days and weeks get whole-number ticks: 2,5 → 5.
            stap = (stap * Decimal::TWO).round();
        }
        let s = stap.to_f64().unwrap_or(1.0);
        let i_lo = (lo / s + 1e-9).floor() as i64;
        let i_hi = (hi / s - 1e-9).ceil() as i64;
        let ticks: Vec<Decimal> = (i_lo..=i_hi).map(|i| Decimal::from(i) * stap).collect();
        let max_abs = ticks.iter().map(|t| t.abs()).max().unwrap_or_default();
        Schaal {
            min: i_lo as f64 * s,
            max: i_hi as f64 * s,
            stap,
            ticks,
            miljoenen: formaat == YFormaat::Euro && max_abs >= Decimal::from(1_000_000),
        }
    }
}

/// The smallest "nice" step (1, 2, 2.5 or 5 × 10^k) at least `ruw`, as an exact decimal.
fn mooie_stap(ruw: f64) -> Decimal {
    if !(ruw.is_finite() && ruw > 0.0) {
        return Decimal::ONE;
    }
    let exp = ruw.log10().floor() as i32;
    let macht = 10f64.powi(exp);
    let fractie = ruw / macht;
    // Mantissa × 10 so that 2.5 stays an integer: 10, 20, 25, 50, 100.
    let m10: i64 = if fractie <= 1.0 + 1e-9 {
        10
    } else if fractie <= 2.0 + 1e-9 {
        20
    } else if fractie <= 2.5 + 1e-9 {
        25
    } else if fractie <= 5.0 + 1e-9 {
        50
    } else {
        100
    };
    // step = m10 × 10^(exp-1)
    let e = exp - 1;
    if e >= 0 {
        Decimal::from(m10) * Decimal::from(10i64.pow(e as u32))
    } else {
        Decimal::new(m10, (-e) as u32)
    }
}

/// Number of decimals needed to write multiples of `stap` exactly.
fn decimalen(stap: Decimal) -> u32 {
    stap.normalize().scale()
}

/// A tick label: `30%`, `2,5%`, `1.234`, `€ 500.000`, `€ 1,25 mln`, `12 d`, `4 wk`.
fn tick_label(t: Decimal, schaal: &Schaal, formaat: YFormaat) -> String {
    match formaat {
        YFormaat::Procent => {
            let honderd = Decimal::ONE_HUNDRED;
            format!("{}%", format::decimaal(t * honderd, decimalen(schaal.stap * honderd)))
        }
        YFormaat::Aantal => format::decimaal(t, decimalen(schaal.stap)),
        YFormaat::Euro => {
            if schaal.miljoenen {
                let mln = Decimal::from(1_000_000);
                if t.is_zero() {
                    return format::met_euroteken("0");
                }
                let d = decimalen(schaal.stap / mln).max(1);
                euro_teken(format::decimaal(t / mln, d), "\u{a0}mln")
            } else {
                euro_teken(format::decimaal(t, decimalen(schaal.stap)), "")
            }
        }
        YFormaat::Dagen => format!("{} d", format::decimaal(t, decimalen(schaal.stap))),
        YFormaat::Weken => format!("{} wk", format::decimaal(t, decimalen(schaal.stap))),
    }
}

/// `€ 1,2 mln`, `-€ 500`.
fn euro_teken(getal: String, achtervoegsel: &str) -> String {
    format!("{}{achtervoegsel}", format::met_euroteken(&getal))
}

/// A data value as shown on a bar: `90,6%`, `1.234`, `€ 1,2 mln`, `€ 12.345`, `12,5 d`.
fn waarde_label(v: f64, formaat: YFormaat) -> String {
    let d = Decimal::from_f64(v).unwrap_or_default();
    let compact = |d: Decimal| {
        let r = d
            .round_dp_with_strategy(1, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
            .normalize();
        format::decimaal(r, r.scale())
    };
    match formaat {
        YFormaat::Procent => format!("{}%", format::decimaal(d * Decimal::ONE_HUNDRED, 1)),
        YFormaat::Aantal => compact(d),
        YFormaat::Euro => {
            if d.abs() >= Decimal::from(1_000_000) {
                euro_teken(format::decimaal(d / Decimal::from(1_000_000), 1), "\u{a0}mln")
            } else {
                euro_teken(format::decimaal(d, 0), "")
            }
        }
        YFormaat::Dagen => format!("{} d", compact(d)),
        YFormaat::Weken => format!("{} wk", compact(d)),
    }
}

/// Line series: a polyline per run of values (a `None` breaks the line) plus markers.
fn lijnen(out: &mut String, g: &Grafiek, y_van: &dyn Fn(f64) -> f64, x_midden: &dyn Fn(usize) -> f64) {
    for (s, reeks) in g.reeksen.iter().enumerate() {
        let kleur = PALET[s % PALET.len()];
        let _ = write!(out, r#"<g class="reeks">"#);
        let mut pad = String::new();
        let mut in_lijn = false;
        for (i, v) in reeks.waarden.iter().enumerate() {
            match v.filter(|v| v.is_finite()) {
                Some(v) => {
                    let _ = write!(
                        pad,
                        "{}{},{} ",
                        if in_lijn { "L" } else { "M" },
                        f(x_midden(i)),
                        f(y_van(v))
                    );
                    in_lijn = true;
                }
                None => in_lijn = false,
            }
        }
        if !pad.is_empty() {
            let _ = write!(
                out,
                r#"<path d="{}" fill="none" stroke="{kleur}" stroke-width="2.5" stroke-linejoin="round" stroke-linecap="round"/>"#,
                pad.trim_end()
            );
        }
        for (i, v) in reeks.waarden.iter().enumerate() {
            if let Some(v) = v.filter(|v| v.is_finite()) {
                marker(out, s, x_midden(i), y_van(v), kleur);
            }
        }
        out.push_str("</g>");
    }
}

/// The label of the last value of each line, ending at its marker so it stays inside the plot;
/// white halo, drawn last. Each label wants to sit just above its marker; labels that would
/// overlap are stacked downwards in the order of their values (the highest value on top, as
/// the lines run), and a stack that would run out of the bottom of the plot (`grenzen`: top
/// and bottom of the room for labels) moves up as a whole. Two lines ending close together
/// never print their labels over each other.
fn laatste_waarden(
    g: &Grafiek,
    y_van: &dyn Fn(f64) -> f64,
    x_midden: &dyn Fn(usize) -> f64,
    grenzen: (f64, f64),
) -> String {
    let fs = 11.0;
    let stap = fs + 2.0;
    struct Label {
        links: f64,
        rechts: f64,
        basis: f64,
        tekst: String,
    }
    let mut labels: Vec<Label> = g
        .reeksen
        .iter()
        .filter_map(|reeks| {
            let (i, v) = reeks
                .waarden
                .iter()
                .enumerate()
                .rev()
                .find_map(|(i, v)| v.filter(|v| v.is_finite()).map(|v| (i, v)))?;
            let tekst = waarde_label(v, g.y_formaat);
            let rechts = x_midden(i) + 4.0;
            Some(Label {
                links: rechts - tekstbreedte(&tekst, fs),
                rechts,
                basis: (y_van(v) - 9.0).max(grenzen.0),
                tekst,
            })
        })
        .collect();
    // Top to bottom by wanted place (stable: equal values keep the series order).
    labels.sort_by(|a, b| a.basis.total_cmp(&b.basis));
    let naast = |a: &Label, b: &Label| a.links < b.rechts && b.links < a.rechts;
    for k in 0..labels.len() {
        // Below every label placed before it that it would touch.
        let mut basis = labels[k].basis;
        loop {
            let onder = labels[..k]
                .iter()
                .filter(|p| naast(p, &labels[k]) && basis < p.basis + stap && basis > p.basis - stap)
                .map(|p| p.basis + stap)
                .fold(f64::NEG_INFINITY, f64::max);
            if onder == f64::NEG_INFINITY {
                break;
            }
            basis = onder;
        }
        labels[k].basis = basis;
        // Out of the bottom: the whole stack it belongs to moves up.
        let over = basis + fs * 0.25 - grenzen.1;
        if over > 0.0 {
            let (links, rechts) = (labels[k].links, labels[k].rechts);
            for p in &mut labels[..=k] {
                if p.links < rechts && links < p.rechts {
                    p.basis -= over;
                }
            }
        }
    }
    let mut svg = String::new();
    for l in &labels {
        let _ = write!(
            svg,
            r##"<text class="laatste-waarde" x="{}" y="{}" fill="{TEKSTKLEUR}" font-size="{fs}" font-weight="bold" text-anchor="end" stroke="#FFFFFF" stroke-width="3" stroke-linejoin="round" paint-order="stroke">{}</text>"##,
            f(l.rechts),
            f(l.basis.max(fs)),
            esc(&l.tekst)
        );
    }
    svg
}

/// A marker whose shape depends on the series (circle, square, triangle, diamond), white edged.
fn marker(out: &mut String, reeks: usize, x: f64, y: f64, kleur: &str) {
    let rand = r##"stroke="#FFFFFF" stroke-width="1.2""##;
    let _ = match reeks % 4 {
        0 => write!(
            out,
            r#"<circle cx="{}" cy="{}" r="4.5" fill="{kleur}" {rand}/>"#,
            f(x),
            f(y)
        ),
        1 => write!(
            out,
            r#"<rect x="{}" y="{}" width="8" height="8" fill="{kleur}" {rand}/>"#,
            f(x - 4.0),
            f(y - 4.0)
        ),
        2 => write!(
            out,
            r#"<path d="M{},{} L{},{} L{},{} Z" fill="{kleur}" {rand}/>"#,
            f(x),
            f(y - 5.5),
            f(x + 5.0),
            f(y + 4.0),
            f(x - 5.0),
            f(y + 4.0)
        ),
        _ => write!(
            out,
            r#"<path d="M{},{} L{},{} L{},{} L{},{} Z" fill="{kleur}" {rand}/>"#,
            f(x),
            f(y - 5.5),
            f(x + 5.5),
            f(y),
            f(x),
            f(y + 5.5),
            f(x - 5.5),
            f(y)
        ),
    };
}

/// Grouped bars from the zero line. Returns the value labels (when `labels` and they fit) as
/// SVG to draw last, over the norm line; they have a white halo.
fn staven(
    out: &mut String,
    g: &Grafiek,
    schaal: &Schaal,
    y_van: &dyn Fn(f64) -> f64,
    x_midden: &dyn Fn(usize) -> f64,
    vak: f64,
    labels: bool,
) -> String {
    let mut label_svg = String::new();
    let reeksen = g.reeksen.len().max(1);
    let groep = vak * 0.72;
    let staaf = groep / reeksen as f64;
    let basis = y_van(0.0f64.clamp(schaal.min, schaal.max));
    for (s, reeks) in g.reeksen.iter().enumerate() {
        let kleur = PALET[s % PALET.len()];
        out.push_str(r#"<g class="reeks">"#);
        for (i, v) in reeks.waarden.iter().enumerate() {
            let Some(v) = v.filter(|v| v.is_finite()) else {
                continue;
            };
            let x = x_midden(i) - groep / 2.0 + staaf * s as f64;
            let y = y_van(v);
            let (top, hoogte) = if y < basis { (y, basis - y) } else { (basis, y - basis) };
            let _ = write!(
                out,
                r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{kleur}"/>"#,
                f(x + 0.5),
                f(top),
                f((staaf - 1.0).max(1.0)),
                f(hoogte)
            );
            if labels {
                let tekst = waarde_label(v, g.y_formaat);
                // Only when the label fits above its own bar with a gap to its neighbours'
                // labels; in a smaller size when that fits and the normal one does not.
                let past = |fs: f64| labelbreedte(&tekst, fs) + STAAFLABELRUIMTE <= staaf;
                if let Some(fs) = [11.0, 9.5].into_iter().find(|fs| past(*fs)) {
                    let ty = if v >= 0.0 { top - 5.0 } else { top + hoogte + fs + 2.0 };
                    let _ = write!(
                        label_svg,
                        r##"<text x="{}" y="{}" fill="{TEKSTKLEUR}" font-size="{fs}" text-anchor="middle" stroke="#FFFFFF" stroke-width="3" stroke-linejoin="round" paint-order="stroke">{}</text>"##,
                        f(x + staaf / 2.0),
                        f(ty),
                        esc(&tekst)
                    );
                }
            }
        }
        out.push_str("</g>");
    }
    label_svg
}

/// Estimated width of a text in canvas units.
fn tekstbreedte(tekst: &str, fs: f64) -> f64 {
    tekst.chars().count() as f64 * TEKENBREEDTE * fs
}

/// Least room between the value labels of two neighbouring bars.
const STAAFLABELRUIMTE: f64 = 3.0;

/// Width of a value label in canvas units, per character from Noto Sans's advance widths
/// (digits 0,572 em, `%` 0,85 em, `,` and `.` 0,26 em, spaces 0,26 em): tighter than
/// [`tekstbreedte`], so that labels of neighbouring bars never touch.
fn labelbreedte(tekst: &str, fs: f64) -> f64 {
    tekst
        .chars()
        .map(|c| match c {
            '0'..='9' | '€' | '-' => 0.572,
            ',' | '.' | ' ' | '\u{a0}' => 0.26,
            '%' => 0.85,
            _ => 0.6,
        })
        .sum::<f64>()
        * fs
}

/// A coordinate with one decimal; `-0.0` is written as `0.0`.
fn f(v: f64) -> String {
    let s = format!("{v:.1}");
    if s == "-0.0" { "0.0".to_string() } else { s }
}

/// Escapes text for XML content and attribute values.
pub fn esc(s: &str) -> String {
    let s = crate::domein::format::euroteken_vast(s);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::document::{Normlijn, Reeks};
    use rust_decimal_macros::dec;

    fn grafiek(soort: GrafiekSoort, formaat: YFormaat, reeksen: Vec<Reeks>, labels: &[&str]) -> Grafiek {
        Grafiek {
            soort,
            titel: "Titel".into(),
            alt: "Alt & <tekst>".into(),
            x_labels: labels.iter().map(|s| s.to_string()).collect(),
            reeksen,
            y_formaat: formaat,
            normlijn: None,
        }
    }

    fn ticks(schaal: &Schaal, formaat: YFormaat) -> Vec<String> {
        schaal.ticks.iter().map(|t| tick_label(*t, schaal, formaat)).collect()
    }

    #[test]
    fn nice_steps_are_exact_decimals() {
        assert_eq!(mooie_stap(0.13 / 5.0), dec!(0.05));
        assert_eq!(mooie_stap(0.02), dec!(0.02));
        assert_eq!(mooie_stap(0.021), dec!(0.025));
        assert_eq!(mooie_stap(260.0), dec!(500));
        assert_eq!(mooie_stap(700_000.0), dec!(1000000));
        assert_eq!(mooie_stap(1.0), dec!(1));
    }

    #[test]
    fn percent_axes_start_at_zero_for_lines_and_bars() {
        // 82%..95% and norm 90% on a line: from zero, 0..0,95 / 5 = 0,19 → step 20%.
        let s = Schaal::bereken(&[0.82, 0.95], Some(0.9), GrafiekSoort::Lijn, YFormaat::Procent);
        assert_eq!(ticks(&s, YFormaat::Procent), ["0%", "20%", "40%", "60%", "80%", "100%"]);
        // 98,3%..100%: no longer an axis cut at 98% that makes 98,3% look like a collapse.
        let s = Schaal::bereken(&[0.983, 1.0], None, GrafiekSoort::Lijn, YFormaat::Procent);
        assert_eq!(ticks(&s, YFormaat::Procent)[0], "0%");
        // Bars always start at zero: 0..0,95 / 5 = 0,19 → step 20%.
        let s = Schaal::bereken(&[0.82, 0.95], None, GrafiekSoort::Staaf, YFormaat::Procent);
        assert_eq!(ticks(&s, YFormaat::Procent), ["0%", "20%", "40%", "60%", "80%", "100%"]);
        // Fine steps get a decimal: 0..2,4%, 0,024 / 5 = 0,0048 → step 0,5%.
        let s = Schaal::bereken(&[0.01, 0.024], None, GrafiekSoort::Lijn, YFormaat::Procent);
        assert_eq!(ticks(&s, YFormaat::Procent)[..2], ["0,0%", "0,5%"]);
    }

    #[test]
    fn count_euro_and_day_ticks_are_dutch() {
        let s = Schaal::bereken(&[0.0, 1234.0], None, GrafiekSoort::Staaf, YFormaat::Aantal);
        // 1234 / 5 = 246,8 → step 250 → 0..1.250
        assert_eq!(
            ticks(&s, YFormaat::Aantal),
            ["0", "250", "500", "750", "1.000", "1.250"]
        );
        let s = Schaal::bereken(&[0.0, 2_400_000.0], None, GrafiekSoort::Staaf, YFormaat::Euro);
        // 2,4 mln / 5 = 480.000 → step 500.000
        assert_eq!(
            ticks(&s, YFormaat::Euro),
            [
                "€\u{a0}0",
                "€\u{a0}0,5\u{a0}mln",
                "€\u{a0}1,0\u{a0}mln",
                "€\u{a0}1,5\u{a0}mln",
                "€\u{a0}2,0\u{a0}mln",
                "€\u{a0}2,5\u{a0}mln"
            ]
        );
        let s = Schaal::bereken(&[0.0, 600_000.0], None, GrafiekSoort::Staaf, YFormaat::Euro);
        assert_eq!(ticks(&s, YFormaat::Euro)[1], "€\u{a0}200.000");
        let s = Schaal::bereken(&[-50_000.0, 120_000.0], None, GrafiekSoort::Staaf, YFormaat::Euro);
        // range 170.000 / 5 = 34.000 → step 50.000
        assert_eq!(
            ticks(&s, YFormaat::Euro),
            [
                "-€\u{a0}50.000",
                "€\u{a0}0",
                "€\u{a0}50.000",
                "€\u{a0}100.000",
                "€\u{a0}150.000"
            ]
        );
        let s = Schaal::bereken(&[3.0, 12.0], None, GrafiekSoort::Staaf, YFormaat::Dagen);
        assert_eq!(ticks(&s, YFormaat::Dagen), ["0 d", "5 d", "10 d", "15 d"]);
        let s = Schaal::bereken(&[1.0, 3.0], None, GrafiekSoort::Staaf, YFormaat::Weken);
        assert_eq!(ticks(&s, YFormaat::Weken), ["0 wk", "1 wk", "2 wk", "3 wk"]);
    }

    #[test]
    fn value_labels() {
        assert_eq!(waarde_label(0.90625, YFormaat::Procent), "90,6%");
        assert_eq!(waarde_label(1234.0, YFormaat::Aantal), "1.234");
        assert_eq!(waarde_label(1_234_567.0, YFormaat::Euro), "€\u{a0}1,2\u{a0}mln");
        assert_eq!(waarde_label(-12_345.4, YFormaat::Euro), "-€\u{a0}12.345");
        assert_eq!(waarde_label(12.25, YFormaat::Dagen), "12,3 d");
    }

    #[test]
    fn line_chart_breaks_at_gaps_and_draws_norm_and_legend() {
        let mut g = grafiek(
            GrafiekSoort::Lijn,
            YFormaat::Procent,
            vec![
                Reeks {
                    naam: "ISW".into(),
                    waarden: vec![Some(0.8), None, Some(0.9), Some(0.95)],
                },
                Reeks {
                    naam: "CSW".into(),
                    waarden: vec![Some(0.7), Some(0.75), Some(0.8), Some(0.85)],
                },
            ],
            &["Q1 2024", "Q2 2024", "Q3 2024", "Q4 2024"],
        );
        g.normlijn = Some(Normlijn {
            waarde: 0.9,
            label: "norm 90%".into(),
        });
        let s = svg(&g);
        // Series 1 has a gap: two subpaths (two M commands) in its path.
        let paden: Vec<&str> = s
            .split("<path d=\"")
            .skip(1)
            .map(|p| p.split('"').next().unwrap())
            .collect();
        assert_eq!(paden[0].matches('M').count(), 2, "{}", paden[0]);
        assert_eq!(paden[0].matches('L').count(), 1);
        assert!(s.contains(">norm 90%</text>"));
        assert!(s.contains("stroke-dasharray=\"6 4\""));
        assert!(s.contains(">ISW</text>") && s.contains(">CSW</text>"));
        assert!(s.contains(">Q4 2024</text>"));
        // Each line's last value carries a label, and only the last: 95,0% and 85,0%.
        assert_eq!(s.matches("class=\"laatste-waarde\"").count(), 2);
        assert!(s.contains(">95,0%</text>") && s.contains(">85,0%</text>"), "{s}");
        assert!(s.contains("aria-label=\"Alt &amp; &lt;tekst&gt;\""));
        assert!(s.contains("<title>Titel</title>"));
        assert!(s.ends_with("</svg>"));
        // Deterministic.
        assert_eq!(s, svg(&g.clone()));
    }

    #[test]
    fn bar_chart_has_one_rect_per_value_and_value_labels() {
        let g = grafiek(
            GrafiekSoort::Staaf,
            YFormaat::Aantal,
            vec![Reeks {
                naam: "Aanmeldingen".into(),
                waarden: vec![Some(120.0), Some(80.0), None],
            }],
            &["Ruwaard", "Schadewijk", "Oss-Oost"],
        );
        let s = svg(&g);
        // 1 background rect + 2 bars; no legend for a single series.
        assert_eq!(s.matches("<rect").count(), 3);
        assert!(s.contains(">120</text>") && s.contains(">80</text>"));
        assert!(!s.contains(">Aanmeldingen</text>"));
    }

    #[test]
    fn bar_value_labels_keep_a_gap_or_shrink() {
        // Four groups of three bars (the raad letter's norm charts): bars of about 32 units,
        // "99,6%" is 31,1 units at 11 and 26,9 at 9,5: the smaller size, with room between.
        let reeks = |naam: &str, v: f64| Reeks {
            naam: naam.into(),
            waarden: vec![Some(v); 4],
        };
        let g = grafiek(
            GrafiekSoort::Staaf,
            YFormaat::Procent,
            vec![reeks("2022", 0.996), reeks("2023", 0.994), reeks("2024", 0.995)],
            &["a", "b", "c", "d"],
        );
        let s = svg(&g);
        assert_eq!(s.matches(">99,6%</text>").count(), 4, "{s}");
        assert!(s.contains(r#"font-size="9.5" text-anchor="middle""#));
        assert!(!s.contains(r#"font-size="11" text-anchor="middle""#));
        assert!(labelbreedte("99,6%", 11.0) + STAAFLABELRUIMTE > 32.0);
        assert_eq!(labelbreedte("1.234", 10.0), (4.0 * 0.572 + 0.26) * 10.0);
    }

    #[test]
    fn many_x_labels_are_thinned_but_the_last_is_kept() {
        let labels: Vec<String> = (1..=36).map(|m| format!("maand {m}")).collect();
        let refs: Vec<&str> = labels.iter().map(|s| s.as_str()).collect();
        let g = grafiek(
            GrafiekSoort::Lijn,
            YFormaat::Aantal,
            vec![Reeks {
                naam: "x".into(),
                waarden: (0..36).map(|i| Some(i as f64)).collect(),
            }],
            &refs,
        );
        let s = svg(&g);
        // "maand 36" (~56 units) does not fit a ~15-unit slot; split over two lines the
        // halves ("maand", ~35 + 8) need every third slot: 12 labels, the last one included.
        assert!(s.contains(">maand</tspan>") && s.contains(">36</tspan>"), "{s}");
        assert!(!s.contains(">35</tspan>"));
        let getoond = (1..=36).filter(|m| s.contains(&format!(">{m}</tspan>"))).count();
        assert_eq!(getoond, 12);
        assert!(!s.contains(">maand 36</text>"));
    }

    #[test]
    fn quarter_labels_go_on_two_lines_when_one_line_does_not_fit() {
        let labels = [
            "Q3 2022", "Q4 2022", "Q1 2023", "Q2 2023", "Q3 2023", "Q4 2023", "Q1 2024", "Q2 2024",
        ];
        let ruim = XLabels::kies(&labels.map(String::from), 80.0);
        assert_eq!(
            ruim,
            XLabels {
                stap: 1,
                twee_regels: false
            }
        );
        // "Q3 2022": 7 × 0,58 × 12 = 48,7 + 8 > 50 → two lines ("2022": 27,8 + 8 ≤ 50).
        let krap = XLabels::kies(&labels.map(String::from), 50.0);
        assert_eq!(
            krap,
            XLabels {
                stap: 1,
                twee_regels: true
            }
        );
        // Without spaces: thinned out on one line.
        let zonder = XLabels::kies(&["2024-K1".to_string(), "2024-K2".to_string()], 30.0);
        assert_eq!(
            zonder,
            XLabels {
                stap: 2,
                twee_regels: false
            }
        );
    }

    /// The (x, y) of every last-value label, from the SVG text.
    fn laatste_labels(s: &str) -> Vec<(f64, f64, String)> {
        s.split("<text class=\"laatste-waarde\" ")
            .skip(1)
            .map(|t| {
                let attr = |naam: &str| -> f64 {
                    let a = t.split(&format!("{naam}=\"")).nth(1).unwrap();
                    a.split('"').next().unwrap().parse().unwrap()
                };
                let tekst = t.split('>').nth(1).unwrap().split('<').next().unwrap().to_string();
                (attr("x"), attr("y"), tekst)
            })
            .collect()
    }

    #[test]
    fn last_value_labels_of_lines_ending_together_do_not_overlap() {
        // Three lines ending at (nearly) the same point: above, below and above again would
        // print the first and third label over each other.
        let g = grafiek(
            GrafiekSoort::Lijn,
            YFormaat::Euro,
            vec![
                Reeks {
                    naam: "Realisatie".into(),
                    waarden: vec![Some(1_000_000.0), Some(9_000_000.0), Some(10_100_000.0)],
                },
                Reeks {
                    naam: "Begroting".into(),
                    waarden: vec![Some(1_000_000.0), Some(9_900_000.0), Some(10_140_000.0)],
                },
                Reeks {
                    naam: "Prognose".into(),
                    waarden: vec![Some(1_000_000.0), Some(5_000_000.0), Some(10_120_000.0)],
                },
            ],
            &["jan", "feb", "mrt"],
        );
        let labels = laatste_labels(&svg(&g));
        assert_eq!(labels.len(), 3, "{labels:?}");
        let fs = 11.0;
        for (a, la) in labels.iter().enumerate() {
            for lb in &labels[a + 1..] {
                let (wa, wb) = (tekstbreedte(&la.2, fs), tekstbreedte(&lb.2, fs));
                let horizontaal = la.0 - wa < lb.0 && lb.0 - wb < la.0;
                let verticaal = (la.1 - lb.1).abs() < fs;
                assert!(!(horizontaal && verticaal), "{la:?} overlaps {lb:?}");
            }
        }
        // The first label keeps its place above its marker.
        assert!(labels[0].1 < 300.0);
    }

    #[test]
    fn the_y_axis_carries_its_unit_word() {
        for (formaat, woord) in [
            (YFormaat::Procent, "procent (%)"),
            (YFormaat::Aantal, "aantal"),
            (YFormaat::Euro, "euro (€)"),
            (YFormaat::Dagen, "dagen"),
            (YFormaat::Weken, "weken"),
        ] {
            let g = grafiek(
                GrafiekSoort::Lijn,
                formaat,
                vec![Reeks {
                    naam: "a".into(),
                    waarden: vec![Some(1.0)],
                }],
                &["x"],
            );
            assert!(svg(&g).contains(&format!(
                "<text class=\"eenheid\" x=\"4.0\" y=\"13.0\" fill=\"{TEKSTKLEUR}\">{}</text>",
                esc(woord)
            )));
        }
    }

    #[test]
    fn a_narrow_chart_wraps_its_legend_instead_of_dropping_a_series() {
        let g = grafiek(
            GrafiekSoort::Lijn,
            YFormaat::Euro,
            vec![
                Reeks {
                    naam: "Realisatie (cumulatief)".into(),
                    waarden: vec![Some(1.0), Some(2.0)],
                },
                Reeks {
                    naam: "Begroting naar rato".into(),
                    waarden: vec![Some(1.0), Some(2.0)],
                },
            ],
            &["jan", "feb"],
        );
        let smal = svg_op_maat(&g, BREEDTE_NAAST, HOOGTE_NAAST);
        assert!(smal.contains(">Realisatie (cumulatief)</text>") && smal.contains(">Begroting naar rato</text>"));
        assert!(smal.contains(&format!("viewBox=\"0 0 {BREEDTE_NAAST} {HOOGTE_NAAST}\"")));
        // Two legend lines: 18 + 14 and 18 + 14 + 18.
        assert!(smal.contains("y=\"32.0\" fill=\"#333333\" dominant-baseline=\"central\">Realisatie"));
        assert!(smal.contains("y=\"50.0\" fill=\"#333333\" dominant-baseline=\"central\">Begroting"));
        // On the wide canvas both fit on one line.
        let breed = svg(&g);
        assert!(breed.contains("y=\"32.0\" fill=\"#333333\" dominant-baseline=\"central\">Begroting"));
    }

    #[test]
    fn empty_chart_is_still_valid() {
        let g = grafiek(GrafiekSoort::Staaf, YFormaat::Euro, vec![], &[]);
        let s = svg(&g);
        assert!(s.starts_with("<svg") && s.ends_with("</svg>"));
    }
}
