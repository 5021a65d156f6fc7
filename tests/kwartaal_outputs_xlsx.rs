//! The kwartaal workbook's output sheets (revision 3) read back with calamine: "Aanmeldingen per
//! categorie" holds, as numbers, exactly the JSON's `outputs.categorieen` (a row per categorie, a
//! column per werksoort, the totals last); "Activiteiten en contacten" holds every activity and
//! contact figure of `outputs` with teller, noemer, waarde, the norm as a number and the status.
//! The real binary on the bundled demo data (which has contacten.csv).

mod common;

use calamine::{Data, Range, Reader, Xlsx, open_workbook};
use common::{alles, run};
use serde_json::Value;

const KWARTAAL: &str = "2024-Q2";

/// The rows of the sheet's table below its header row (the row whose first cell is `eerste`).
fn tabel(blad: &Range<Data>, eerste: &str) -> (Vec<String>, Vec<Vec<Data>>) {
    let rijen: Vec<Vec<Data>> = blad.rows().map(<[Data]>::to_vec).collect();
    let k = rijen
        .iter()
        .position(|r| r.first() == Some(&Data::String(eerste.into())))
        .unwrap_or_else(|| panic!("kopregel '{eerste}' ontbreekt"));
    let kop = rijen[k].iter().map(|c| c.to_string()).collect();
    (kop, rijen[k + 1..].to_vec())
}

/// A JSON number (or null) as the cell calamine should read: a float, or empty.
fn cel(v: &Value) -> Data {
    match v.as_f64() {
        Some(f) => Data::Float(f),
        None => Data::Empty,
    }
}

fn tekst(d: &Data) -> String {
    d.to_string()
}

#[test]
fn output_sheets_hold_the_json_figures_as_numbers() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let o = run(&["run", "--period", KWARTAAL, "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", alles(&o));
    let dir = out.join(KWARTAAL);
    let j: Value = serde_json::from_slice(&std::fs::read(dir.join("kwartaalrapportage.json")).unwrap()).unwrap();
    let mut wb: Xlsx<_> = open_workbook(dir.join("kwartaalrapportage.xlsx")).unwrap();
    let namen = wb.sheet_names();
    let plek = |n: &str| namen.iter().position(|x| x == n).unwrap_or_else(|| panic!("blad {n}"));
    // After Wijkgebieden, before the Proeftuin, as in the PDF.
    assert_eq!(plek("Aanmeldingen per categorie"), plek("Wijkgebieden") + 1);
    assert_eq!(plek("Activiteiten en contacten"), plek("Wijkgebieden") + 2);

    categorieen(&mut wb, &j);
    activiteiten_en_contacten(&mut wb, &j);
}

fn categorieen(wb: &mut Xlsx<std::io::BufReader<std::fs::File>>, j: &Value) {
    let blad = wb.worksheet_range("Aanmeldingen per categorie").unwrap();
    let (kop, rijen) = tabel(&blad, "Code");
    let noot = blad.get_value((1, 0)).map(tekst).unwrap_or_default();
    assert!(
        noot.starts_with("Aanmeldingen in het kwartaal") && !noot.contains("  "),
        "{noot}"
    );
    let ws = j["outputs"]["categorieen"].as_array().unwrap();
    assert_eq!(ws.len(), 5);
    let mut verwacht_kop = vec!["Code".to_string(), "Categorie".into()];
    verwacht_kop.extend(ws.iter().map(|w| w["naam"].as_str().unwrap().to_string()));
    assert_eq!(kop, verwacht_kop);
    let cats = ws[0]["categorieen"].as_array().unwrap();
    assert_eq!(rijen.len(), cats.len() + 1, "een regel per categorie plus het totaal");
    for (k, c) in cats.iter().enumerate() {
        let r = &rijen[k];
        assert_eq!(tekst(&r[0]), c["categorie"].as_str().unwrap());
        assert_eq!(tekst(&r[1]), c["naam"].as_str().unwrap());
        for (w, x) in ws.iter().zip(&r[2..]) {
            assert_eq!(w["categorieen"][k]["categorie"], c["categorie"]);
            // A number, not text.
            assert_eq!(
                *x,
                cel(&w["categorieen"][k]["aantal"]),
                "{} {}",
                w["werksoort"],
                c["categorie"]
            );
        }
    }
    let totaal = rijen.last().unwrap();
    assert_eq!(tekst(&totaal[1]), "Totaal");
    for (w, x) in ws.iter().zip(&totaal[2..]) {
        assert_eq!(*x, cel(&w["totaal"]));
    }
    // Hand check against the demo's Q2 (the PDF table shows the same): ISW has 137
    // psychosociaal aanmeldingen, JGD 232 opvoeding, and SRW's total is 644.
    let plek = |code: &str| cats.iter().position(|c| c["categorie"] == code).unwrap();
    assert_eq!(rijen[plek("psychosociaal")][3], Data::Float(137.0));
    assert_eq!(rijen[plek("opvoeding")][5], Data::Float(232.0));
    assert_eq!(totaal[2], Data::Float(644.0));
}

fn activiteiten_en_contacten(wb: &mut Xlsx<std::io::BufReader<std::fs::File>>, j: &Value) {
    let blad = wb.worksheet_range("Activiteiten en contacten").unwrap();
    let (kop, rijen) = tabel(&blad, "Werksoort");
    assert_eq!(
        kop,
        [
            "Werksoort",
            "Id",
            "Indicator",
            "Teller",
            "Noemer",
            "Waarde",
            "Norm",
            "Status"
        ]
    );
    let o = &j["outputs"];
    assert_eq!(o["contacten_aangeleverd"], true);
    let figuren: Vec<&Value> = o["activiteiten"]
        .as_array()
        .unwrap()
        .iter()
        .chain(o["contacten"].as_array().unwrap())
        .collect();
    // 5 × 2 activity figures + 2 burgerinitiatieven, 5 × 9 contact soorten + 2 rates.
    assert_eq!(figuren.len(), 12 + 47);
    assert_eq!(rijen.len(), figuren.len());
    let status = |s: &str| s.replace('_', " ");
    for (r, i) in rijen.iter().zip(&figuren) {
        let id = i["id"].as_str().unwrap();
        assert_eq!(tekst(&r[1]), id);
        assert_eq!(tekst(&r[2]), i["naam"].as_str().unwrap());
        assert_eq!(r[3], cel(&i["teller"]), "{id} teller");
        assert_eq!(r[4], cel(&i["noemer"]), "{id} noemer");
        assert_eq!(r[5], cel(&i["waarde"]), "{id} waarde");
        assert_eq!(r[6], cel(&i["norm"]["drempel"]), "{id} norm");
        assert_eq!(tekst(&r[7]), status(i["status"].as_str().unwrap()), "{id} status");
    }
    let rij = |id: &str| rijen.iter().find(|r| tekst(&r[1]) == id).unwrap();
    // The two success rates, hand-checked on the demo's Q2: buurtbemiddeling 7 positief of 12
    // finished = 58,3% < 60% (niet gehaald), koppeling 22 of 24 = 91,7% ≥ 85% (gehaald); the norm
    // is a number the controller can compare with.
    let b = rij("CSW.buurtbemiddeling_positief");
    assert_eq!(
        &b[3..=6],
        &[
            Data::Float(7.0),
            Data::Float(12.0),
            Data::Float(7.0 / 12.0),
            Data::Float(0.6)
        ]
    );
    assert_eq!(tekst(&b[7]), "niet gehaald");
    let k = rij("CSW.koppeling_succesvol");
    assert_eq!(
        &k[3..=6],
        &[
            Data::Float(22.0),
            Data::Float(24.0),
            Data::Float(22.0 / 24.0),
            Data::Float(0.85)
        ]
    );
    assert_eq!(tekst(&k[7]), "gehaald");
    // The mean number of deelnemers is stored unrounded (the cell format shows one decimal).
    let g = rij("CSW.deelnemers_gemiddeld");
    assert!(matches!(g[5], Data::Float(f) if f.fract() != 0.0), "{:?}", g[5]);
    // A monitor figure has no norm.
    assert_eq!(rij("SRW.contacten.kort_contact")[6], Data::Empty);
}
