//! The halfjaarrapportage financieel workbook (rust_xlsxwriter) for the controller.
//!
//! Sheets:
//! - **Overzicht**: one row per begroting regel in an Excel table (filters, banded rows, frozen
//!   header and label columns), with begroting periode, verschil, verschil %, analyse vereist
//!   and prognose verschil as *live* formulas over the sheet's cells, and below it the subtotals
//!   per werksoort and per financiering (`SUMIFS` over the lines) and the grand total (`SUM`),
//!   plus the Proeftuin Ruwaard memo line (not in the total). The variance rule's thresholds
//!   are cells at the top of the sheet, so the controller can change a figure and watch
//!   everything follow. Every formula carries the model's figure as its cached value, so a
//!   reader that does not recalculate shows exactly the report.
//! - **Boekingen**: the ledger lines of the period as a filterable table, with a `SUBTOTAL`
//!   that follows the filter.
//! - **Trend**: the monthly cumulative realisation against the pro-rata budget per werksoort,
//!   with a line chart per werksoort and for the total.
//! - **Aansluiting**: ledger total = report total (live formulas across the sheets), the rows
//!   on unknown regels and the rejected ledger rows.
//!
//! The renderer computes nothing: every number is the model's. Output bytes depend only on the
//! model (the document's creation date is the peildatum).

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{
    Chart, ChartLine, ChartLineDashType, ChartType, Color, ConditionalFormatFormula, ConditionalFormatText,
    ConditionalFormatTextRule, Format, FormatAlign, FormatBorder, Formula, Table, TableStyle, Worksheet, XlsxError,
    column_number_to_name,
};

use super::xlsx::{EURO, Huisstijl, PROCENT, afdrukken, excel_datum, werkboek};
use crate::domein::format;
use crate::report::financieel::{ANALYSE_ONTBREEKT, Boeking, Halfjaarfinancieel, Regelcijfers, Totaal, VoordeelNadeel};

/// Sheet names.
pub const BLAD_OVERZICHT: &str = "Overzicht";
/// Sheet with the ledger lines.
pub const BLAD_BOEKINGEN: &str = "Boekingen";
/// Sheet with the monthly trend.
pub const BLAD_TREND: &str = "Trend";
/// Sheet with the reconciliation.
pub const BLAD_AANSLUITING: &str = "Aansluiting";
/// Sheet with the kosten per afgesloten hulpvraag (revision 3).
pub const BLAD_KOSTEN: &str = "Kosten per resultaat";

/// Column headers of the Overzicht table, in order. The test and the formulas use these indices.
pub const KOLOMMEN: [&str; 19] = [
    "Werksoort",
    "Regel-id",
    "Begrotingsregel",
    "Financiering",
    "Begroting jaar",
    "Begroting periode",
    "Realisatie periode",
    "Verschil",
    "V/N",
    "Verschil %",
    "Analyse vereist",
    "Prognose jaar",
    "Prognose verschil",
    "Prognose V/N",
    "Prognosemethode",
    "Fte begroot",
    "Fte realisatie",
    "Analyse",
    "Maatregel",
];

const C_WS: u16 = 0;
const C_ID: u16 = 1;
const C_NAAM: u16 = 2;
const C_FIN: u16 = 3;
const C_BJ: u16 = 4;
const C_BP: u16 = 5;
const C_RP: u16 = 6;
const C_VS: u16 = 7;
const C_VN: u16 = 8;
const C_PCT: u16 = 9;
const C_AV: u16 = 10;
const C_PJ: u16 = 11;
const C_PV: u16 = 12;
const C_PVN: u16 = 13;
const C_PM: u16 = 14;
const C_FB: u16 = 15;
const C_FR: u16 = 16;
const C_AN: u16 = 17;
const C_MA: u16 = 18;

/// Rows (0-based) of the thresholds on the Overzicht sheet; their values are in column E.
const R_DREMPEL_BEDRAG: u32 = 2;
const R_DREMPEL_PCT: u32 = 3;
const R_ONDERGRENS: u32 = 4;
/// Header row of the Overzicht table.
const R_KOP: u32 = 6;

/// The shared house style plus the financial workbook's own formats (bold subtotals, the
/// grand-total band, the memo line, fte and dates).
struct Opmaak {
    h: Huisstijl,
    fte: Format,
    datum: Format,
    vet: Format,
    euro_vet: Format,
    procent_vet: Format,
    fte_vet: Format,
    midden_vet: Format,
    euro_totaal: Format,
    procent_totaal: Format,
    fte_totaal: Format,
    totaal: Format,
    memo: Format,
    euro_memo: Format,
}

impl Opmaak {
    fn new() -> Opmaak {
        let h = Huisstijl::new();
        let basis = &h.basis;
        let vet = basis.clone().set_bold();
        let totaal = vet
            .clone()
            .set_border_top(FormatBorder::Medium)
            .set_background_color(Color::RGB(0xDDE5F0));
        let memo = basis.clone().set_italic().set_font_color(Color::RGB(0x555555));
        Opmaak {
            fte: basis.clone().set_num_format("#,##0.00"),
            datum: basis.clone().set_num_format("dd-mm-yyyy"),
            euro_vet: vet.clone().set_num_format(EURO),
            procent_vet: vet.clone().set_num_format(PROCENT),
            fte_vet: vet.clone().set_num_format("#,##0.00"),
            midden_vet: vet.clone().set_align(FormatAlign::Center),
            vet,
            euro_totaal: totaal.clone().set_num_format(EURO),
            procent_totaal: totaal.clone().set_num_format(PROCENT),
            fte_totaal: totaal.clone().set_num_format("#,##0.00"),
            totaal,
            euro_memo: memo.clone().set_num_format(EURO),
            memo,
            h,
        }
    }
}

fn f64_van(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

/// A formula with the model's figure as its cached value.
fn formule(tekst: impl AsRef<str>, waarde: Decimal) -> Formula {
    Formula::new(tekst.as_ref()).set_result(waarde.to_string())
}

/// A formula whose cached value is a text (`""` for an empty result).
fn formule_tekst(tekst: impl AsRef<str>, waarde: &str) -> Formula {
    Formula::new(tekst.as_ref()).set_result(waarde)
}

/// `A1`-style reference of a cell.
fn cel(row: u32, col: u16) -> String {
    format!("{}{}", column_number_to_name(col), row + 1)
}

/// Absolute column range over rows `van..=tot`: `$E$8:$E$30`.
fn bereik(col: u16, van: u32, tot: u32) -> String {
    let c = column_number_to_name(col);
    format!("${c}${}:${c}${}", van + 1, tot + 1)
}

/// Width in characters that fits the longest of `teksten`, between `min` and `max`.
fn breedte<'a>(teksten: impl IntoIterator<Item = &'a str>, min: f64, max: f64) -> f64 {
    let langste = teksten.into_iter().map(|t| t.chars().count()).max().unwrap_or(0) as f64;
    (langste + 2.0).clamp(min, max)
}

/// An Excel table with the house headers; the headers of the columns in `rechts` (amounts,
/// counts) stand right, above their right-aligned numbers.
fn tabel(o: &Opmaak, naam: &str, koppen: &[&str], rechts: &[u16]) -> Table {
    Table::new().set_name(naam).set_style(TableStyle::Medium2).set_columns(
        &koppen
            .iter()
            .enumerate()
            .map(|(c, k)| {
                let stand = if rechts.contains(&(c as u16)) {
                    FormatAlign::Right
                } else {
                    FormatAlign::Left
                };
                o.h.kolomkop(k, stand)
            })
            .collect::<Vec<_>>(),
    )
}

/// The halfjaarrapportage financieel workbook.
pub fn schrijf(m: &Halfjaarfinancieel) -> Result<Vec<u8>, XlsxError> {
    let o = Opmaak::new();
    let label = m.periode.label.clone();
    let mut wb = werkboek(
        &format!("Halfjaarrapportage financieel {label}"),
        &m.gemeente,
        &m.aanbieder,
        m.periode.peildatum,
    )?;

    let totaalrij = overzicht(wb.add_worksheet(), &o, m, &label)?;
    // Every ledger line of the period: written row by row in "low memory" mode, so only one
    // row is held at a time (the strings stay in the shared string table, as in the other
    // sheets). Measured at scale 100 (about 730.000 lines in a half year): the workbook took
    // 1,6 GB and 7,6 s in the standard mode.
    let boekingen_som = boekingen(wb.add_worksheet_with_low_memory()?, &o, m, &label)?;
    trend(wb.add_worksheet(), &o, m, &label)?;
    aansluiting(wb.add_worksheet(), &o, m, &label, totaalrij, boekingen_som)?;
    kosten(wb.add_worksheet(), &o, m, &label)?;
    wb.save_to_buffer()
}

/// Writes the Overzicht sheet; returns the row of the grand total.
fn overzicht(ws: &mut Worksheet, o: &Opmaak, m: &Halfjaarfinancieel, label: &str) -> Result<u32, XlsxError> {
    ws.set_name(BLAD_OVERZICHT)?;
    ws.set_formula_result_default("");
    let f = &m.financieel;
    let mnd = f.aantal_maanden;
    ws.write_string_with_format(
        0,
        0,
        format!("Halfjaarrapportage financieel {} – {label}", m.aanbieder),
        &o.h.titel,
    )?;
    ws.write_string_with_format(
        1,
        0,
        format!(
            "Gemeente {}. Periode {} t/m {} (peildatum). Begroting periode = begroting jaar × {mnd}/12, afgerond op centen. \
             Verschil = realisatie − begroting periode (positief: meer uitgegeven dan begroot); verschil % = verschil / begroting periode; \
             V/N: V = voordeel (minder uitgegeven dan begroot), N = nadeel (meer uitgegeven dan begroot). \
             Bedragen en drempels kunt u aanpassen: verschillen, percentages en totalen rekenen mee.",
            m.gemeente,
            format::datum(m.periode.start),
            format::datum(m.periode.peildatum)
        ),
        &o.h.noot,
    )?;
    let v = &m.variantieregel;
    ws.write_string_with_format(
        R_DREMPEL_BEDRAG,
        0,
        "Analyse vereist vanaf verschil (bedrag)",
        &o.h.tekst,
    )?;
    ws.write_number_with_format(R_DREMPEL_BEDRAG, C_BJ, f64_van(v.drempel_bedrag), &o.h.euro)?;
    ws.write_string_with_format(R_DREMPEL_PCT, 0, "… of vanaf verschil %", &o.h.tekst)?;
    ws.write_number_with_format(R_DREMPEL_PCT, C_BJ, f64_van(v.drempel_pct), &o.h.procent)?;
    ws.write_string_with_format(R_ONDERGRENS, 0, "Nooit bij een verschil onder", &o.h.tekst)?;
    ws.write_number_with_format(R_ONDERGRENS, C_BJ, f64_van(v.ondergrens_bedrag), &o.h.euro)?;
    let db = cel_abs(R_DREMPEL_BEDRAG, C_BJ);
    let dp = cel_abs(R_DREMPEL_PCT, C_BJ);
    let og = cel_abs(R_ONDERGRENS, C_BJ);

    // The lines.
    let eerste = R_KOP + 1;
    let n = f.regels.len().max(1) as u32;
    let laatste = eerste + n - 1;
    for (i, r) in f.regels.iter().enumerate() {
        regelrij(
            ws,
            o,
            eerste + i as u32,
            r,
            mnd,
            (&db, &dp, &og),
            boekingen_bereiken(m).as_ref(),
        )?;
    }
    ws.add_table(
        R_KOP,
        0,
        laatste,
        C_MA,
        &tabel(
            o,
            "Regels",
            &KOLOMMEN,
            &[C_BJ, C_BP, C_RP, C_VS, C_PCT, C_PJ, C_PV, C_FB, C_FR],
        ),
    )?;

    // Material variances: the verschil cells and the flag in red; a missing analysis in amber.
    let rood = Format::new()
        .set_background_color(Color::RGB(0xF8D7DA))
        .set_font_color(Color::RGB(0x842029));
    let cf = ConditionalFormatFormula::new()
        .set_rule(format!("=${}{}=\"ja\"", column_number_to_name(C_AV), eerste + 1).as_str())
        .set_format(rood);
    ws.add_conditional_format(eerste, C_VS, laatste, C_AV, &cf)?;
    let amber = Format::new()
        .set_background_color(Color::RGB(0xFFF3CD))
        .set_font_color(Color::RGB(0x664D03));
    let cf = ConditionalFormatText::new()
        .set_rule(ConditionalFormatTextRule::BeginsWith(ANALYSE_ONTBREEKT.to_string()))
        .set_format(amber);
    ws.add_conditional_format(eerste, C_AN, laatste, C_AN, &cf)?;

    // Subtotals (SUMIFS over the werksoort or financiering column) and the total, below the table.
    let groepen = [
        (
            "Subtotalen per werksoort",
            C_WS,
            f.totalen.werksoort.iter().collect::<Vec<_>>(),
        ),
        (
            "Subtotalen per financiering",
            C_FIN,
            [&f.totalen.financiering.wmo, &f.totalen.financiering.jeugdwet]
                .into_iter()
                .map(|t| (t.naam.as_str(), t))
                .collect(),
        ),
    ];
    let mut rij = laatste + 1;
    for (kop, kolom, totalen) in groepen {
        rij += 1;
        ws.write_string_with_format(rij, 0, kop, &o.vet)?;
        rij += 1;
        for (waarde, t) in totalen {
            let label = format!("Subtotaal {waarde}");
            totaalrij_schrijven(ws, o, rij, &label, t, Some((kolom, waarde)), (eerste, laatste), false)?;
            rij += 1;
        }
    }
    rij += 1;
    let totaal = rij;
    totaalrij_schrijven(ws, o, rij, "Totaal", &f.totalen.totaal, None, (eerste, laatste), true)?;
    rij += 2;

    // Memo line.
    let p = &m.proeftuin;
    ws.write_string_with_format(rij, C_WS, "Memo", &o.memo)?;
    ws.write_string_with_format(rij, C_ID, &p.wijkgebied, &o.memo)?;
    ws.write_string_with_format(
        rij,
        C_NAAM,
        format!("{} (onderdeel van de subsidie; niet opgeteld bij het totaal)", p.naam),
        &o.memo,
    )?;
    ws.write_number_with_format(rij, C_BJ, f64_van(p.bedrag_jaar), &o.euro_memo)?;
    ws.write_formula_with_format(
        rij,
        C_BP,
        formule(format!("=ROUND({}*{mnd}/12,2)", cel(rij, C_BJ)), p.bedrag_periode),
        &o.euro_memo,
    )?;

    // Column widths that fit.
    let euro_breedte = breedte(
        f.regels
            .iter()
            .flat_map(|r| {
                [
                    r.begroting_jaar,
                    r.realisatie_periode,
                    r.prognose_jaar.unwrap_or_default(),
                ]
            })
            .chain([f.totalen.totaal.begroting_jaar, f.totalen.totaal.realisatie_periode])
            .map(format::euro)
            .collect::<Vec<_>>()
            .iter()
            .map(String::as_str),
        14.0,
        22.0,
    );
    let breedtes: [(u16, f64); 19] = [
        (C_WS, 12.0),
        (C_ID, 11.0),
        (C_NAAM, breedte(f.regels.iter().map(|r| r.naam.as_str()), 24.0, 48.0)),
        (C_FIN, 12.0),
        (C_BJ, euro_breedte),
        (C_BP, euro_breedte),
        (C_RP, euro_breedte),
        (C_VS, euro_breedte),
        (C_VN, 6.0),
        (C_PCT, 11.0),
        (C_AV, 10.0),
        (C_PJ, euro_breedte),
        (C_PV, euro_breedte),
        (C_PVN, 8.0),
        (C_PM, 30.0),
        (C_FB, 10.0),
        (C_FR, 10.0),
        (C_AN, 60.0),
        (C_MA, 45.0),
    ];
    for (c, b) in breedtes {
        ws.set_column_width(c, b)?;
    }
    // Spreadsheet programs do not grow a row for wrapped text on opening: give each line the
    // height its longest wrapped cell needs.
    let breedte_van = |kol: u16| {
        breedtes
            .iter()
            .find(|(c, _)| *c == kol)
            .map(|(_, b)| *b)
            .unwrap_or(10.0)
    };
    for (i, r) in f.regels.iter().enumerate() {
        let analyse = r.analyse.as_deref().unwrap_or(ANALYSE_ONTBREEKT);
        let methode = super::financieel::methode_tekst(r);
        let teksten = [
            (r.naam.as_str(), breedte_van(C_NAAM)),
            (methode.as_str(), breedte_van(C_PM)),
            (analyse, breedte_van(C_AN)),
            (r.maatregel.as_deref().unwrap_or(""), breedte_van(C_MA)),
        ];
        ws.set_row_height(eerste + i as u32, super::xlsx::rijhoogte(&teksten))?;
    }
    // The long labels of the threshold and total blocks sit in column A; let them spill.
    ws.set_row_height(R_KOP, 30)?;
    ws.set_freeze_panes(eerste, C_FIN)?;
    afdrukken(ws, R_KOP)?;
    Ok(totaal)
}

/// The Kosten per resultaat sheet: per werksoort the realisatie of its lines (a live SUMIFS over
/// the Overzicht table), the hulpvragen afgesloten in the period and the kosten per afgesloten
/// hulpvraag = realisatie / afgesloten, rounded to the cent (empty when none afgesloten).
fn kosten(ws: &mut Worksheet, o: &Opmaak, m: &Halfjaarfinancieel, label: &str) -> Result<(), XlsxError> {
    ws.set_name(BLAD_KOSTEN)?;
    ws.set_formula_result_default("");
    ws.write_string_with_format(0, 0, format!("Kosten per afgesloten hulpvraag – {label}"), &o.h.titel)?;
    ws.write_string_with_format(
        1,
        0,
        "Realisatie van de begrotingsregels van de werksoort in de periode (zonder de Proeftuin, die geen \
         begrotingsregel is), gedeeld door het aantal in de periode afgesloten hulpvragen, afgerond op centen. \
         De realisatie rekent mee met het blad Overzicht.",
        &o.h.noot,
    )?;
    let kop = 3;
    let koppen = [
        "Werksoort",
        "Naam",
        "Realisatie periode",
        "Afgesloten hulpvragen",
        "Kosten per afgesloten hulpvraag",
    ];
    let eerste = R_KOP + 1;
    let laatste = eerste + m.financieel.regels.len().max(1) as u32 - 1;
    let (ws_bereik, rp_bereik) = (bereik(C_WS, eerste, laatste), bereik(C_RP, eerste, laatste));
    let mut rij = kop + 1;
    for i in &m.kosten_per_afgesloten {
        let naam = m
            .financieel
            .totalen
            .werksoort
            .get(&i.werksoort)
            .map_or_else(|| i.werksoort.clone(), |t| t.naam.clone());
        ws.write_string_with_format(rij, 0, &i.werksoort, &o.h.tekst)?;
        ws.write_string_with_format(rij, 1, &naam, &o.h.tekst)?;
        ws.write_formula_with_format(
            rij,
            2,
            formule(
                format!(
                    "=SUMIFS('{BLAD_OVERZICHT}'!{rp_bereik},'{BLAD_OVERZICHT}'!{ws_bereik},{})",
                    cel(rij, 0)
                ),
                i.teller.unwrap_or_default(),
            ),
            &o.h.euro,
        )?;
        ws.write_number_with_format(rij, 3, f64_van(i.noemer.unwrap_or_default()), &o.h.geheel)?;
        let f = format!("=IF({d}=0,\"\",ROUND({c}/{d},2))", c = cel(rij, 2), d = cel(rij, 3));
        let formula = match i.waarde {
            Some(w) => formule(f, w),
            None => formule_tekst(f, ""),
        };
        ws.write_formula_with_format(rij, 4, formula, &o.h.euro)?;
        rij += 1;
    }
    ws.add_table(
        kop,
        0,
        rij.max(kop + 2) - 1,
        4,
        &tabel(o, "KostenPerResultaat", &koppen, &[2, 3, 4]),
    )?;
    ws.set_column_width(0, 12)?;
    ws.set_column_width(1, 34)?;
    for c in 2..=4 {
        ws.set_column_width(c, 22)?;
    }
    ws.set_freeze_panes(kop + 1, 0)?;
    afdrukken(ws, kop)?;
    Ok(())
}

fn cel_abs(row: u32, col: u16) -> String {
    format!("${}${}", column_number_to_name(col), row + 1)
}

/// Column of the Regel-id and of the Bedrag in the Boekingen table.
const C_BOEKING_REGEL: u16 = 2;
const C_BOEKING_BEDRAG: u16 = 5;

/// The absolute ranges of the Boekingen sheet's Regel-id and Bedrag columns
/// (`Boekingen!$C$5:$C$16`, `Boekingen!$F$5:$F$16`); `None` without ledger lines.
fn boekingen_bereiken(m: &Halfjaarfinancieel) -> Option<(String, String)> {
    if m.boekingen.is_empty() {
        return None;
    }
    let eerste = R_BOEKING_KOP + 1;
    let laatste = eerste + m.boekingen.len() as u32 - 1;
    let b = |c: u16| format!("{BLAD_BOEKINGEN}!{}:{}", cel_abs(eerste, c), cel_abs(laatste, c));
    Some((b(C_BOEKING_REGEL), b(C_BOEKING_BEDRAG)))
}

/// One begrotingsregel of the Overzicht. Its realisatie is `SUMIFS` over the Boekingen sheet
/// (bedrag where regel-id is this line's), so a changed booking moves realisatie, verschil,
/// subtotals and total on recalculation; the cached value is the model's figure.
#[allow(clippy::too_many_arguments)]
fn regelrij(
    ws: &mut Worksheet,
    o: &Opmaak,
    rij: u32,
    r: &Regelcijfers,
    mnd: u32,
    (db, dp, og): (&str, &str, &str),
    boekingen: Option<&(String, String)>,
) -> Result<(), XlsxError> {
    let c = |col| cel(rij, col);
    ws.write_string_with_format(rij, C_WS, &r.werksoort, &o.h.tekst)?;
    ws.write_string_with_format(rij, C_ID, &r.regel_id, &o.h.tekst)?;
    ws.write_string_with_format(rij, C_NAAM, &r.naam, &o.h.omloop)?;
    ws.write_string_with_format(rij, C_FIN, r.financiering.as_str(), &o.h.tekst)?;
    ws.write_number_with_format(rij, C_BJ, f64_van(r.begroting_jaar), &o.h.euro)?;
    ws.write_formula_with_format(
        rij,
        C_BP,
        formule(format!("=ROUND({}*{mnd}/12,2)", c(C_BJ)), r.begroting_periode),
        &o.h.euro,
    )?;
    match boekingen {
        Some((regel_ids, bedragen)) => ws.write_formula_with_format(
            rij,
            C_RP,
            formule(
                format!("=SUMIFS({bedragen},{regel_ids},{})", cel_abs(rij, C_ID)),
                r.realisatie_periode,
            ),
            &o.h.euro,
        )?,
        None => ws.write_number_with_format(rij, C_RP, f64_van(r.realisatie_periode), &o.h.euro)?,
    };
    ws.write_formula_with_format(
        rij,
        C_VS,
        formule(format!("={}-{}", c(C_RP), c(C_BP)), r.verschil),
        &o.h.euro,
    )?;
    vn_formule(ws, rij, C_VN, C_VS, r.vn, &o.h.midden)?;
    pct_formule(ws, rij, r.verschil_pct, &o.h.procent)?;
    let (vs, bp) = (c(C_VS), c(C_BP));
    ws.write_formula_with_format(
        rij,
        C_AV,
        formule_tekst(
            format!(
                "=IF(AND(ABS({vs})>={og},OR(ABS({vs})>={db},AND({bp}<>0,ABS({vs})>={dp}*ABS({bp})))),\"ja\",\"nee\")"
            ),
            if r.analyse_vereist { "ja" } else { "nee" },
        ),
        &o.h.midden,
    )?;
    if let Some(pj) = r.prognose_jaar {
        ws.write_number_with_format(rij, C_PJ, f64_van(pj), &o.h.euro)?;
    }
    if let Some(pv) = r.prognose_verschil {
        ws.write_formula_with_format(rij, C_PV, formule(format!("={}-{}", c(C_PJ), c(C_BJ)), pv), &o.h.euro)?;
        vn_formule(ws, rij, C_PVN, C_PV, r.prognose_vn, &o.h.midden)?;
    }
    if r.prognose_methode.is_some() {
        ws.write_string_with_format(rij, C_PM, super::financieel::methode_tekst(r), &o.h.omloop)?;
    }
    if let Some(fb) = r.fte_begroot {
        ws.write_number_with_format(rij, C_FB, f64_van(fb), &o.fte)?;
    }
    if let Some(fr) = r.fte_realisatie {
        ws.write_number_with_format(rij, C_FR, f64_van(fr), &o.fte)?;
    }
    let analyse = match (&r.analyse, r.analyse_ontbreekt) {
        (Some(a), _) => a.clone(),
        (None, true) => ANALYSE_ONTBREEKT.to_string(),
        (None, false) => String::new(),
    };
    if !analyse.is_empty() {
        ws.write_string_with_format(rij, C_AN, analyse, &o.h.omloop)?;
    }
    if let Some(mt) = &r.maatregel {
        ws.write_string_with_format(rij, C_MA, mt, &o.h.omloop)?;
    }
    Ok(())
}

/// The V/N mark of the difference in column `bron` as a live formula, `=IF(ROUND(H8,2)<0,"V",
/// IF(ROUND(H8,2)>0,"N",""))` (rounded to the cent, so a float residue of the subtraction is no
/// difference), with the model's mark as cached value.
fn vn_formule(
    ws: &mut Worksheet,
    rij: u32,
    col: u16,
    bron: u16,
    vn: Option<VoordeelNadeel>,
    f: &Format,
) -> Result<(), XlsxError> {
    let b = cel(rij, bron);
    let tekst = format!("=IF(ROUND({b},2)<0,\"V\",IF(ROUND({b},2)>0,\"N\",\"\"))");
    ws.write_formula_with_format(rij, col, formule_tekst(tekst, vn.map_or("", VoordeelNadeel::letter)), f)?;
    Ok(())
}

/// `=IF(F8=0,"",H8/F8)` with the model's fraction (or `""`) as cached value.
fn pct_formule(ws: &mut Worksheet, rij: u32, pct: Option<Decimal>, f: &Format) -> Result<(), XlsxError> {
    let tekst = format!("=IF({bp}=0,\"\",{vs}/{bp})", bp = cel(rij, C_BP), vs = cel(rij, C_VS));
    // The cached value as Excel stores it (a double), not the 28-digit decimal.
    let formula = match pct {
        Some(p) => Formula::new(tekst).set_result(f64_van(p).to_string()),
        None => formule_tekst(tekst, ""),
    };
    ws.write_formula_with_format(rij, C_PCT, formula, f)?;
    Ok(())
}

/// A subtotal row (`SUMIFS` over the lines where column `voorwaarde.0` equals `voorwaarde.1`) or
/// the total row (`SUM` over the lines).
#[allow(clippy::too_many_arguments)]
fn totaalrij_schrijven(
    ws: &mut Worksheet,
    o: &Opmaak,
    rij: u32,
    titel: &str,
    t: &Totaal,
    voorwaarde: Option<(u16, &str)>,
    (eerste, laatste): (u32, u32),
    is_totaal: bool,
) -> Result<(), XlsxError> {
    let (tekst, euro, pct, fte) = if is_totaal {
        (&o.totaal, &o.euro_totaal, &o.procent_totaal, &o.fte_totaal)
    } else {
        (&o.vet, &o.euro_vet, &o.procent_vet, &o.fte_vet)
    };
    let som = |col: u16| match voorwaarde {
        Some((vcol, waarde)) => format!(
            "=SUMIFS({},{},\"{}\")",
            bereik(col, eerste, laatste),
            bereik(vcol, eerste, laatste),
            waarde.replace('"', "\"\"")
        ),
        None => format!("=SUM({})", bereik(col, eerste, laatste)),
    };
    ws.write_string_with_format(rij, C_WS, titel, tekst)?;
    for col in [C_ID, C_FIN, C_AV, C_PM, C_AN, C_MA] {
        ws.write_blank(rij, col, tekst)?;
    }
    ws.write_string_with_format(rij, C_NAAM, &t.naam, tekst)?;
    ws.write_formula_with_format(rij, C_BJ, formule(som(C_BJ), t.begroting_jaar), euro)?;
    ws.write_formula_with_format(rij, C_BP, formule(som(C_BP), t.begroting_periode), euro)?;
    ws.write_formula_with_format(rij, C_RP, formule(som(C_RP), t.realisatie_periode), euro)?;
    ws.write_formula_with_format(
        rij,
        C_VS,
        formule(format!("={}-{}", cel(rij, C_RP), cel(rij, C_BP)), t.verschil),
        euro,
    )?;
    vn_formule(ws, rij, C_VN, C_VS, t.vn, &o.midden_vet)?;
    pct_formule(ws, rij, t.verschil_pct, pct)?;
    match t.prognose_jaar {
        Some(pj) => ws.write_formula_with_format(rij, C_PJ, formule(som(C_PJ), pj), euro)?,
        None => ws.write_blank(rij, C_PJ, tekst)?,
    };
    match t.prognose_verschil {
        Some(pv) => ws.write_formula_with_format(
            rij,
            C_PV,
            formule(format!("={}-{}", cel(rij, C_PJ), cel(rij, C_BJ)), pv),
            euro,
        )?,
        None => ws.write_blank(rij, C_PV, tekst)?,
    };
    match t.prognose_verschil {
        Some(_) => vn_formule(ws, rij, C_PVN, C_PV, t.prognose_vn, &o.midden_vet)?,
        None => {
            ws.write_blank(rij, C_PVN, tekst)?;
        }
    };
    match t.fte_begroot {
        Some(x) => ws.write_formula_with_format(rij, C_FB, formule(som(C_FB), x), fte)?,
        None => ws.write_blank(rij, C_FB, tekst)?,
    };
    match t.fte_realisatie {
        Some(x) => ws.write_formula_with_format(rij, C_FR, formule(som(C_FR), x), fte)?,
        None => ws.write_blank(rij, C_FR, tekst)?,
    };
    Ok(())
}

/// Column headers of the Boekingen table.
pub const BOEKING_KOLOMMEN: [&str; 8] = [
    "Boekdatum",
    "Boekstuk",
    "Regel-id",
    "Werksoort",
    "Begrotingsregel",
    "Bedrag",
    "Omschrijving",
    "Invoerregel",
];

/// Header row of the Boekingen table.
const R_BOEKING_KOP: u32 = 3;

/// Writes the Boekingen sheet; returns the `SUM` range of its amounts (`None` without rows).
fn boekingen(ws: &mut Worksheet, o: &Opmaak, m: &Halfjaarfinancieel, label: &str) -> Result<Option<String>, XlsxError> {
    ws.set_name(BLAD_BOEKINGEN)?;
    ws.set_formula_result_default("");
    ws.write_string_with_format(0, 0, format!("Boekingen {label}"), &o.h.titel)?;
    let naam_van = |id: &str| {
        m.financieel
            .regels
            .iter()
            .find(|r| r.regel_id == id)
            .map(|r| r.naam.as_str())
            .unwrap_or("(onbekende regel)")
    };
    let eerste = R_BOEKING_KOP + 1;
    let laatste = eerste + m.boekingen.len().max(1) as u32 - 1;
    let c_bedrag = C_BOEKING_BEDRAG;
    ws.write_string_with_format(
        1,
        0,
        "Geaccepteerde grootboekregels met boekdatum in de periode. Totaal (volgt het filter):",
        &o.h.noot,
    )?;
    let som = if m.boekingen.is_empty() {
        ws.write_number_with_format(1, c_bedrag, 0.0, &o.euro_vet)?;
        None
    } else {
        ws.write_formula_with_format(
            1,
            c_bedrag,
            formule(
                format!("=SUBTOTAL(109,{})", bereik(c_bedrag, eerste, laatste)),
                m.aansluiting.grootboek_totaal,
            ),
            &o.euro_vet,
        )?;
        Some(format!("{BLAD_BOEKINGEN}!{}", bereik(c_bedrag, eerste, laatste)))
    };
    // The table (its header row) before the rows below it: the sheet is written in row order.
    ws.add_table(
        R_BOEKING_KOP,
        0,
        laatste,
        7,
        &tabel(o, "GrootboekPeriode", &BOEKING_KOLOMMEN, &[5, 7]),
    )?;
    for (i, b) in m.boekingen.iter().enumerate() {
        boekingrij(ws, o, eerste + i as u32, b, naam_van(&b.regel_id))?;
    }
    let om: Vec<&str> = m.boekingen.iter().filter_map(|b| b.omschrijving.as_deref()).collect();
    for (c, b) in [
        (0u16, 12.0),
        (1, breedte(m.boekingen.iter().map(|b| b.boekstuk.as_str()), 11.0, 24.0)),
        (2, 11.0),
        (3, 11.0),
        (
            4,
            breedte(m.financieel.regels.iter().map(|r| r.naam.as_str()), 24.0, 48.0),
        ),
        (5, 16.0),
        (6, breedte(om.iter().copied(), 20.0, 60.0)),
        (7, 11.0),
    ] {
        ws.set_column_width(c, b)?;
    }
    ws.set_freeze_panes(eerste, 0)?;
    afdrukken(ws, R_BOEKING_KOP)?;
    Ok(som)
}

fn boekingrij(ws: &mut Worksheet, o: &Opmaak, rij: u32, b: &Boeking, naam: &str) -> Result<(), XlsxError> {
    ws.write_date_with_format(rij, 0, &excel_datum(b.boekdatum)?, &o.datum)?;
    ws.write_string_with_format(rij, 1, &b.boekstuk, &o.h.tekst)?;
    ws.write_string_with_format(rij, 2, &b.regel_id, &o.h.tekst)?;
    ws.write_string_with_format(rij, 3, b.werksoort.as_deref().unwrap_or(""), &o.h.tekst)?;
    ws.write_string_with_format(rij, 4, naam, &o.h.tekst)?;
    ws.write_number_with_format(rij, 5, f64_van(b.bedrag), &o.h.euro)?;
    if let Some(om) = &b.omschrijving {
        ws.write_string_with_format(rij, 6, om, &o.h.tekst_in)?;
    }
    ws.write_number_with_format(rij, 7, b.regel as f64, &o.h.regelnummer)?;
    Ok(())
}

/// Header row of the Trend table.
const R_TREND_KOP: u32 = 3;

fn trend(ws: &mut Worksheet, o: &Opmaak, m: &Halfjaarfinancieel, label: &str) -> Result<(), XlsxError> {
    ws.set_name(BLAD_TREND)?;
    let t = &m.trend;
    ws.write_string_with_format(
        0,
        0,
        format!("Trend {label}: cumulatieve realisatie tegenover de begroting naar rato"),
        &o.h.titel,
    )?;
    ws.write_string_with_format(
        1,
        0,
        "Per maand: realisatie vanaf 1 januari tot en met het einde van de maand, en de jaarbegroting × verstreken maanden / 12.",
        &o.h.noot,
    )?;
    let reeksen: Vec<_> = t.werksoorten.iter().chain(std::iter::once(&t.totaal)).collect();
    let mut koppen = vec!["Maand".to_string()];
    for r in &reeksen {
        let code = if r.code == "totaal" {
            "Totaal".to_string()
        } else {
            r.code.clone()
        };
        koppen.push(format!("{code} realisatie"));
        koppen.push(format!("{code} begroting"));
    }
    let eerste = R_TREND_KOP + 1;
    let laatste = eerste + t.maanden.len().max(1) as u32 - 1;
    for (i, mnd_label) in m.trend_maandlabels.iter().enumerate() {
        let rij = eerste + i as u32;
        ws.write_string_with_format(rij, 0, mnd_label, &o.h.tekst)?;
        for (j, r) in reeksen.iter().enumerate() {
            let c = 1 + 2 * j as u16;
            if let Some(x) = r.realisatie_cumulatief.get(i) {
                ws.write_number_with_format(rij, c, f64_van(*x), &o.h.euro)?;
            }
            if let Some(x) = r.begroting_cumulatief.get(i) {
                ws.write_number_with_format(rij, c + 1, f64_van(*x), &o.h.euro)?;
            }
        }
    }
    let koppen_ref: Vec<&str> = koppen.iter().map(String::as_str).collect();
    let laatste_kol = (koppen.len() - 1) as u16;
    ws.add_table(
        R_TREND_KOP,
        0,
        laatste,
        laatste_kol,
        &tabel(o, "TrendMaanden", &koppen_ref, &(1..=laatste_kol).collect::<Vec<_>>()),
    )?;
    ws.set_column_width(0, 11.0)?;
    for c in 1..=laatste_kol {
        ws.set_column_width(c, 17.0)?;
    }
    ws.set_row_height(R_TREND_KOP, 30)?;
    ws.set_freeze_panes(eerste, 1)?;
    afdrukken(ws, R_TREND_KOP)?;

    // One line chart per werksoort and for the total, two per row under the table.
    if t.maanden.is_empty() {
        return Ok(());
    }
    let kleur = Color::RGB(0x1F3A5F);
    for (j, r) in reeksen.iter().enumerate() {
        let c = 1 + 2 * j as u16;
        let mut chart = Chart::new(ChartType::Line);
        let titel = format!(
            "{} – cumulatief",
            if r.code == "totaal" { "Totaal" } else { r.naam.as_str() }
        );
        chart.title().set_name(&titel);
        chart
            .add_series()
            .set_name((BLAD_TREND, R_TREND_KOP, c))
            .set_categories((BLAD_TREND, eerste, 0, laatste, 0))
            .set_values((BLAD_TREND, eerste, c, laatste, c))
            .set_format(ChartLine::new().set_color(kleur).set_width(2.25));
        chart
            .add_series()
            .set_name((BLAD_TREND, R_TREND_KOP, c + 1))
            .set_categories((BLAD_TREND, eerste, 0, laatste, 0))
            .set_values((BLAD_TREND, eerste, c + 1, laatste, c + 1))
            .set_format(
                ChartLine::new()
                    .set_color(Color::RGB(0xB3541E))
                    .set_width(1.5)
                    .set_dash_type(ChartLineDashType::Dash),
            );
        chart.y_axis().set_num_format("€ #,##0");
        chart.set_width(520).set_height(300);
        let rij = laatste + 2 + (j as u32 / 2) * 16;
        let kol = (j as u16 % 2) * 5;
        ws.insert_chart(rij, kol, &chart)?;
    }
    Ok(())
}

fn aansluiting(
    ws: &mut Worksheet,
    o: &Opmaak,
    m: &Halfjaarfinancieel,
    label: &str,
    totaalrij: u32,
    boekingen_som: Option<String>,
) -> Result<(), XlsxError> {
    ws.set_name(BLAD_AANSLUITING)?;
    ws.set_formula_result_default("");
    let a = &m.aansluiting;
    ws.write_string_with_format(0, 0, format!("Aansluiting met het grootboek – {label}"), &o.h.titel)?;
    ws.write_string_with_format(
        1,
        0,
        "Het totaal van de geaccepteerde grootboekregels in de periode moet op de cent gelijk zijn aan de totale realisatie van het rapport.",
        &o.h.noot,
    )?;
    ws.write_string_with_format(3, 0, "Grootboek: boekingen in de periode", &o.h.tekst)?;
    match &boekingen_som {
        Some(bereik) => {
            ws.write_formula_with_format(3, 1, formule(format!("=SUM({bereik})"), a.grootboek_totaal), &o.h.euro)?
        }
        None => ws.write_number_with_format(3, 1, f64_van(a.grootboek_totaal), &o.h.euro)?,
    };
    ws.write_string_with_format(4, 0, "Aantal boekingen", &o.h.tekst)?;
    ws.write_number_with_format(4, 1, a.aantal_boekingen as f64, &o.h.geheel)?;
    ws.write_string_with_format(5, 0, "Rapport: totaal realisatie periode", &o.h.tekst)?;
    ws.write_formula_with_format(
        5,
        1,
        formule(
            format!("={BLAD_OVERZICHT}!{}", cel_abs(totaalrij, C_RP)),
            a.rapport_totaal,
        ),
        &o.h.euro,
    )?;
    // The reconciliation steps, export total to report total, each amount shown (columns D–E).
    ws.write_string_with_format(3, 3, "Van export naar rapport", &o.vet)?;
    for (i, st) in a.stappen.iter().enumerate() {
        let (label, totaal) = super::financieel::stap_label(st.soort, a);
        let r = 4 + i as u32;
        ws.write_string_with_format(r, 3, label, if totaal { &o.vet } else { &o.h.tekst })?;
        ws.write_number_with_format(r, 4, f64_van(st.bedrag), if totaal { &o.euro_vet } else { &o.h.euro })?;
    }
    ws.set_column_width(3, 52.0)?;
    ws.set_column_width(4, 16.0)?;
    ws.write_string_with_format(6, 0, "Verschil (grootboek − rapport)", &o.vet)?;
    ws.write_formula_with_format(6, 1, formule("=B4-B6", a.verschil), &o.euro_vet)?;
    ws.write_string_with_format(7, 0, "Sluitend op de cent", &o.vet)?;
    ws.write_formula_with_format(
        7,
        1,
        formule_tekst(
            "=IF(ROUND(B7,2)=0,\"ja\",\"nee\")",
            if a.sluitend { "ja" } else { "nee" },
        ),
        &o.vet,
    )?;
    let rood = Format::new()
        .set_background_color(Color::RGB(0xF8D7DA))
        .set_font_color(Color::RGB(0x842029));
    let cf = ConditionalFormatText::new()
        .set_rule(ConditionalFormatTextRule::BeginsWith("nee".into()))
        .set_format(rood);
    ws.add_conditional_format(7, 1, 7, 1, &cf)?;

    let mut rij = 9u32;
    ws.write_string_with_format(rij, 0, "Boekingen op een regel zonder begrotingsregel dit jaar", &o.vet)?;
    rij += 1;
    if a.onbekende_regels.is_empty() {
        ws.write_string_with_format(rij, 0, "geen", &o.h.tekst)?;
        rij += 2;
    } else {
        let koppen = [
            "Boekdatum",
            "Boekstuk",
            "Regel-id",
            "Bedrag",
            "Omschrijving",
            "Invoerregel",
        ];
        let eerste = rij + 1;
        for (i, b) in a.onbekende_regels.iter().enumerate() {
            let r = eerste + i as u32;
            ws.write_date_with_format(r, 0, &excel_datum(b.boekdatum)?, &o.datum)?;
            ws.write_string_with_format(r, 1, &b.boekstuk, &o.h.tekst)?;
            ws.write_string_with_format(r, 2, &b.regel_id, &o.h.tekst)?;
            ws.write_number_with_format(r, 3, f64_van(b.bedrag), &o.h.euro)?;
            ws.write_string_with_format(r, 4, b.omschrijving.as_deref().unwrap_or(""), &o.h.tekst_in)?;
            ws.write_number_with_format(r, 5, b.regel as f64, &o.h.regelnummer)?;
        }
        let laatste = eerste + a.onbekende_regels.len() as u32 - 1;
        ws.add_table(rij, 0, laatste, 5, &tabel(o, "Onbekende_regels", &koppen, &[3, 5]))?;
        rij = laatste + 1;
        ws.write_string_with_format(rij, 0, "Totaal onbekende regels", &o.vet)?;
        ws.write_formula_with_format(
            rij,
            3,
            formule(
                format!("=SUM({})", bereik(3, eerste, laatste)),
                a.onbekende_regels_totaal,
            ),
            &o.euro_vet,
        )?;
        rij += 2;
    }

    ws.write_string_with_format(
        rij,
        0,
        "Afgekeurde grootboekregels in de periode of zonder leesbare datum (niet in de totalen)",
        &o.vet,
    )?;
    rij += 1;
    if a.afgekeurd.is_empty() {
        ws.write_string_with_format(rij, 0, "geen", &o.h.tekst)?;
    } else {
        let koppen = ["Invoerregel", "Boekdatum", "Boekstuk", "Regel-id", "Bedrag", "Reden"];
        let eerste = rij + 1;
        for (i, b) in a.afgekeurd.iter().enumerate() {
            let r = eerste + i as u32;
            ws.write_number_with_format(r, 0, b.regel as f64, &o.h.regelnummer)?;
            if let Some(d) = b.boekdatum {
                ws.write_date_with_format(r, 1, &excel_datum(d)?, &o.datum)?;
            }
            ws.write_string_with_format(r, 2, &b.boekstuk, &o.h.tekst)?;
            ws.write_string_with_format(r, 3, &b.regel_id, &o.h.tekst)?;
            if let Some(x) = b.bedrag {
                ws.write_number_with_format(r, 4, f64_van(x), &o.h.euro)?;
            }
            ws.write_string_with_format(r, 5, &b.reden, &o.h.omloop)?;
        }
        let laatste = eerste + a.afgekeurd.len() as u32 - 1;
        ws.add_table(rij, 0, laatste, 5, &tabel(o, "Afgekeurde_boekingen", &koppen, &[0, 4]))?;
        rij = laatste + 1;
        ws.write_string_with_format(rij, 0, "Totaal afgekeurd (leesbare bedragen)", &o.vet)?;
        ws.write_formula_with_format(
            rij,
            4,
            formule(format!("=SUM({})", bereik(4, eerste, laatste)), a.afgekeurd_totaal),
            &o.euro_vet,
        )?;
        if a.afgekeurd_zonder_bedrag > 0 {
            ws.write_string_with_format(
                rij + 1,
                0,
                format!(
                    "{} afgekeurde regel(s) zonder leesbaar bedrag",
                    a.afgekeurd_zonder_bedrag
                ),
                &o.h.noot,
            )?;
        }
    }
    ws.set_column_width(0, 40.0)?;
    ws.set_column_width(1, 16.0)?;
    ws.set_column_width(2, 14.0)?;
    ws.set_column_width(3, 16.0)?;
    ws.set_column_width(4, 16.0)?;
    ws.set_column_width(5, 50.0)?;
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_footer("&L&A&RPagina &P van &N");
    Ok(())
}
