//! Hostile and broken input, on copies of the bundled demo data, through the real binary (issue
//! 15): a BSN inside texts reaches no output, stdout or stderr; only http(s)/mailto links are
//! published; a run that fails while writing leaves the earlier outputs byte for byte and adds no
//! file; a planted symlink's target is never written; two runs on one output folder never
//! interleave; rejected values cannot run as spreadsheet formulas; sums that would overflow and
//! over-long texts are refused with the file named.

mod common;

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{alles, omgeving, walk, zet_cel};

/// 111222333 passes the 11-proef: 9+8+7 + 2·(6+5+4) + 3·(3+2) − 3 = 66 = 6·11.
const BSN: &str = "111222333";

/// Every file under `p` (relative path → bytes), symlinks as `-> target`.
fn momentopname(p: &Path) -> BTreeMap<String, Vec<u8>> {
    fn rec(basis: &Path, p: &Path, m: &mut BTreeMap<String, Vec<u8>>) {
        let Ok(rd) = std::fs::read_dir(p) else { return };
        for e in rd.flatten() {
            let t = e.file_type().unwrap();
            let rel = e.path().strip_prefix(basis).unwrap().to_string_lossy().into_owned();
            if t.is_symlink() {
                let doel = std::fs::read_link(e.path()).unwrap();
                m.insert(rel, format!("-> {}", doel.display()).into_bytes());
            } else if t.is_dir() {
                rec(basis, &e.path(), m);
            } else if t.is_file() {
                m.insert(rel, std::fs::read(e.path()).unwrap());
            } else {
                m.insert(rel, b"(special)".to_vec());
            }
        }
    }
    let mut m = BTreeMap::new();
    rec(p, p, &mut m);
    m
}

/// The decompressed content of every Flate stream of a PDF, plus the raw bytes.
fn pdf_streams(pdf: &[u8]) -> Vec<Vec<u8>> {
    let mut uit = vec![pdf.to_vec()];
    let mut i = 0;
    while let Some(p) = find(&pdf[i..], b"stream") {
        let mut start = i + p + b"stream".len();
        if pdf[..i + p].ends_with(b"end") {
            i = start;
            continue;
        }
        if pdf.get(start) == Some(&b'\r') {
            start += 1;
        }
        if pdf.get(start) == Some(&b'\n') {
            start += 1;
        }
        let Some(e) = find(&pdf[start..], b"endstream") else {
            break;
        };
        let mut d = flate2::read::ZlibDecoder::new(&pdf[start..start + e]);
        let mut v = Vec::new();
        if d.read_to_end(&mut v).is_ok() {
            uit.push(v);
        }
        i = start + e + b"endstream".len();
    }
    uit
}

fn find(hooi: &[u8], naald: &[u8]) -> Option<usize> {
    hooi.windows(naald.len()).position(|w| w == naald)
}

/// Every `/URI (…)` target in a PDF (in any stream, object streams included).
fn pdf_uris(pdf: &[u8]) -> Vec<String> {
    let mut uit = Vec::new();
    for s in pdf_streams(pdf) {
        let mut i = 0;
        while let Some(p) = find(&s[i..], b"/URI") {
            let mut j = i + p + 4;
            while s.get(j).is_some_and(u8::is_ascii_whitespace) {
                j += 1;
            }
            if s.get(j) == Some(&b'(') {
                let mut k = j + 1;
                let mut v = Vec::new();
                while k < s.len() && s[k] != b')' {
                    if s[k] == b'\\' {
                        k += 1;
                    }
                    if let Some(&b) = s.get(k) {
                        v.push(b);
                    }
                    k += 1;
                }
                uit.push(String::from_utf8_lossy(&v).into_owned());
            }
            i = j;
        }
    }
    uit
}

/// The text of a workbook: every entry of the zip, decompressed.
fn xlsx_tekst(bytes: &[u8]) -> String {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut t = String::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).unwrap();
        let mut s = Vec::new();
        f.read_to_end(&mut s).unwrap();
        t.push_str(&String::from_utf8_lossy(&s));
    }
    t
}

/// Everything a reader could find in a file: text files as they are, workbooks unzipped, PDFs
/// raw, with their streams decompressed and (when poppler's pdftotext is installed) as text.
fn leesbaar(pad: &Path) -> String {
    let bytes = std::fs::read(pad).unwrap();
    match pad.extension().and_then(|e| e.to_str()) {
        Some("xlsx") => xlsx_tekst(&bytes),
        Some("pdf") => {
            let mut t: String = pdf_streams(&bytes)
                .iter()
                .map(|s| String::from_utf8_lossy(s).into_owned())
                .collect();
            if let Ok(o) = Command::new("pdftotext").arg(pad).arg("-").output() {
                t.push_str(&String::from_utf8_lossy(&o.stdout));
            }
            t
        }
        _ => String::from_utf8_lossy(&bytes).into_owned(),
    }
}

/// Appends `tekst` to a file.
fn voeg_toe(pad: &Path, tekst: &str) {
    let mut b = std::fs::read(pad).unwrap();
    b.extend_from_slice(tekst.as_bytes());
    std::fs::write(pad, b).unwrap();
}

/// The 1-based line of a CSV file whose fields satisfy `pred`.
fn regel_waar(pad: &Path, pred: impl Fn(&[&str]) -> bool) -> usize {
    let t = String::from_utf8_lossy(&std::fs::read(pad).unwrap()).into_owned();
    let delim = if t.lines().next().unwrap().contains(';') {
        ';'
    } else {
        ','
    };
    t.lines()
        .position(|l| pred(&l.split(delim).collect::<Vec<_>>()))
        .expect("a matching line")
        + 1
}

#[test]
fn a_bsn_inside_texts_reaches_no_output_no_stdout_and_no_stderr() {
    let o = omgeving();
    // begroting.csv `regel`, realisatie.csv `omschrijving`, the afspraken' gemeente, and the
    // toelichting texts of the raad letter and the half year.
    let begroting = o.data.join("begroting.csv");
    let r = regel_waar(&begroting, |v| v[0] == "2024" && v[1] == "SRW-01");
    zet_cel(&begroting, r, "regel", &format!("Sociaal Raadslieden {BSN}"));
    let realisatie = o.data.join("realisatie.csv");
    let r = regel_waar(&realisatie, |v| v[0].ends_with("-03-2024") && v[2] == "SRW-01");
    zet_cel(&realisatie, r, "omschrijving", &format!("betaling client {BSN} huur"));
    let afspraken = o.data.join("afspraken/2024.toml");
    let t = std::fs::read_to_string(&afspraken).unwrap();
    std::fs::write(
        &afspraken,
        t.replacen("gemeente = \"Oss\"", &format!("gemeente = \"Oss {BSN}\""), 1),
    )
    .unwrap();
    voeg_toe(
        &o.data.join("toelichting/2024/raad.md"),
        &format!("\nBel de griffie over dossier {BSN}.\n"),
    );
    voeg_toe(
        &o.data.join("toelichting/2024-H1/knelpunten.md"),
        &format!("\n## ISW\n\nClient {BSN} wacht nog.\n"),
    );

    let mut uitvoer = String::new();
    for periode in ["2024", "2024-H1", "2024-Q2"] {
        let u = o.draai_goed(&["run", "--period", periode]);
        uitvoer.push_str(&alles(&u));
    }
    let c = o.draai_goed(&["check", "--json"]);
    uitvoer.push_str(&alles(&c));
    assert!(!uitvoer.contains(BSN), "the number is on stdout or stderr: {uitvoer}");
    // The warnings name file, line and column (or key) without the number.
    assert!(uitvoer.contains("afspraken/2024.toml, regel "), "{uitvoer}");

    let bestanden = walk(&o.out);
    assert!(bestanden.len() >= 15, "{bestanden:?}");
    let mut gemaskeerd = Vec::new();
    for f in &bestanden {
        let t = leesbaar(f);
        assert!(!t.contains(BSN), "{} holds the number", f.display());
        if t.contains("*********") {
            gemaskeerd.push(f.file_name().unwrap().to_string_lossy().into_owned());
        }
    }
    // The masked texts did reach the reports (so the check above looked at the right place).
    for f in [
        "raadsinformatie.json",
        "raadsinformatie.html",
        "halfjaar-financieel.json",
        "halfjaar-financieel.xlsx",
        "halfjaar-inhoudelijk.json",
        "kwartaalrapportage.json",
    ] {
        assert!(gemaskeerd.iter().any(|g| g == f), "{f} shows no mask: {gemaskeerd:?}");
    }
    let raad = std::fs::read_to_string(o.out.join("2024/raadsinformatie.json")).unwrap();
    assert!(raad.contains("Oss *********"), "gemeente masked in the raad JSON");
}

#[test]
fn only_http_https_and_mailto_become_links_and_hostile_markdown_never_fails_the_run() {
    let o = omgeving();
    voeg_toe(
        &o.data.join("toelichting/2024/raad.md"),
        &("\nZie [hier](javascript:alert(5)), [daar](data:text/html;base64,PHNjcmlwdD4=), \
         [vb](vbscript:msgbox(1)), [ent](javascript&#58;alert(2)), [hoofd](JAVASCRIPT:alert(3)), \
         [ref][kwaad], [leeg](), [lang](https://oss.nl/"
            .to_string()
            + &"a".repeat(3000)
            + "), <javascript:alert(4)> en feest 😀🎉, \
         maar wel [de raad](https://www.oss.nl/raad) en [mail](mailto:griffie@oss.nl).\n\n\
         [kwaad]: javascript:alert(6)\n"),
    );
    let u = o.draai_goed(&["run", "--period", "2024"]);
    let stderr = String::from_utf8_lossy(&u.stderr);
    assert!(
        stderr.contains("U+1F600"),
        "the missing glyph is warned about: {stderr}"
    );

    let html = std::fs::read_to_string(o.out.join("2024/raadsinformatie.html")).unwrap();
    let hrefs: Vec<&str> = html
        .match_indices("href=\"")
        .map(|(i, _)| {
            let rest = &html[i + 6..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect();
    for h in &hrefs {
        assert!(
            h.starts_with('#') || h.starts_with("https://") || h.starts_with("http://") || h.starts_with("mailto:"),
            "href {h}"
        );
    }
    assert!(hrefs.contains(&"https://www.oss.nl/raad"), "{hrefs:?}");
    assert!(hrefs.contains(&"mailto:griffie@oss.nl"), "{hrefs:?}");
    // The refused links' texts are still there, as text.
    assert!(
        html.contains("Zie hier, daar, vb, ent, hoofd, ref, leeg, lang"),
        "link texts kept"
    );

    let pdf = std::fs::read(o.out.join("2024/raadsinformatie.pdf")).unwrap();
    let uris = pdf_uris(&pdf);
    for u in &uris {
        let l = u.to_ascii_lowercase();
        assert!(
            l.starts_with("https://") || l.starts_with("http://") || l.starts_with("mailto:"),
            "/URI {u}"
        );
    }
    assert!(uris.iter().any(|u| u == "https://www.oss.nl/raad"), "{uris:?}");
    assert!(uris.iter().any(|u| u == "mailto:griffie@oss.nl"), "{uris:?}");
}

#[test]
fn a_write_error_leaves_earlier_outputs_byte_identical_and_no_new_file() {
    let o = omgeving();
    o.draai_goed(&["run", "--period", "2024-H1"]);
    let voor = momentopname(&o.out);
    // Changed figures, so every report of the period would be rewritten.
    let realisatie = o.data.join("realisatie.csv");
    let r = regel_waar(&realisatie, |v| v[0].ends_with("-03-2024") && v[2] == "SRW-01");
    zet_cel(&realisatie, r, "bedrag", "12345,67");
    // The first, or the fourth file of the run (after three were written in full) fails as on a
    // full disk.
    for n in ["1", "4"] {
        let u = o
            .commando(&["run", "--period", "2024-H1"])
            .env("DOMEINRAPPORT_SCHRIJFFOUT_BIJ_BESTAND", n)
            .output()
            .unwrap();
        assert_eq!(u.status.code(), Some(1), "{}", alles(&u));
        let stderr = String::from_utf8_lossy(&u.stderr);
        assert!(stderr.contains("os error 28"), "{stderr}");
        assert!(
            stderr.contains("Er is niets geschreven; eerdere rapportages zijn ongewijzigd."),
            "{stderr}"
        );
        assert!(!String::from_utf8_lossy(&u.stdout).contains("geschreven:"));
        assert_eq!(
            momentopname(&o.out),
            voor,
            "outputs changed by a failed run (fault at file {n})"
        );
    }
    // Without the fault the run goes through and replaces the files.
    o.draai_goed(&["run", "--period", "2024-H1"]);
    assert_ne!(momentopname(&o.out), voor);

    // A first run that fails leaves no folder behind either.
    let o2 = omgeving();
    let u = o2
        .commando(&["run", "--period", "2024-Q2"])
        .env("DOMEINRAPPORT_SCHRIJFFOUT_BIJ_BESTAND", "2")
        .output()
        .unwrap();
    assert_eq!(u.status.code(), Some(1), "{}", alles(&u));
    assert!(!o2.out.exists(), "{:?}", momentopname(&o2.out));
}

#[test]
fn a_planted_symlink_target_is_untouched_and_a_fifo_manifest_does_not_hang() {
    let o = omgeving();
    let buiten = o.out.with_file_name("buiten");
    std::fs::create_dir_all(&buiten).unwrap();
    let geheim = buiten.join("geheim.txt");
    std::fs::write(&geheim, b"niet overschrijven").unwrap();
    let map = o.out.join("2024-H1");
    std::fs::create_dir_all(&map).unwrap();
    for naam in ["halfjaar-financieel.pdf", "afgekeurde-rijen.csv"] {
        std::os::unix::fs::symlink(&geheim, map.join(naam)).unwrap();
    }
    // A manifest that is a FIFO would block a plain read for ever.
    assert!(
        Command::new("mkfifo")
            .arg(map.join("manifest.json"))
            .status()
            .unwrap()
            .success()
    );

    let mut kind = o
        .commando(&["run", "--period", "2024-H1"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    let status = loop {
        if let Some(s) = kind.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > Duration::from_secs(600) {
            kind.kill().unwrap();
            panic!("the run hangs on the FIFO manifest");
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    assert!(status.success());
    assert_eq!(std::fs::read(&geheim).unwrap(), b"niet overschrijven");
    for naam in ["halfjaar-financieel.pdf", "afgekeurde-rijen.csv", "manifest.json"] {
        let m = std::fs::symlink_metadata(map.join(naam)).unwrap();
        assert!(m.file_type().is_file(), "{naam} is now a regular file");
    }
    assert!(
        std::fs::read(map.join("halfjaar-financieel.pdf"))
            .unwrap()
            .starts_with(b"%PDF")
    );
    assert_eq!(momentopname(&buiten).len(), 1);
}

/// Every manifest's outputs match the files beside it.
fn manifesten_kloppen(out: &Path) {
    for pad in walk(out).into_iter().filter(|p| p.ends_with("manifest.json")) {
        let m: serde_json::Value = serde_json::from_slice(&std::fs::read(&pad).unwrap()).unwrap();
        let map = pad.parent().unwrap();
        let mut uitvoer: Vec<&serde_json::Value> = m["rapporten"]
            .as_object()
            .unwrap()
            .values()
            .flat_map(|r| r["uitvoer"].as_array().unwrap())
            .collect();
        uitvoer.push(&m["afgekeurde_rijen"]);
        for u in uitvoer {
            let bytes = std::fs::read(map.join(u["pad"].as_str().unwrap())).unwrap();
            assert_eq!(
                domeinrapport::publish::sha256_hex(&bytes),
                u["sha256"].as_str().unwrap(),
                "{} does not match {}",
                u["pad"],
                pad.display()
            );
        }
    }
}

#[test]
fn two_runs_on_one_output_folder_never_interleave() {
    let o = omgeving();
    // Two runs at once on one period: each its own deliverable. Both succeed, one after the
    // other, and the manifest lists both with hashes that match the files.
    let a = o
        .commando(&["run", "--period", "2024-H1", "--report", "financieel"])
        .spawn()
        .unwrap();
    let b = o
        .commando(&["run", "--period", "2024-H1", "--report", "inhoud"])
        .spawn()
        .unwrap();
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    assert!(a.status.success() && b.status.success());
    manifesten_kloppen(&o.out);
    let m: serde_json::Value =
        serde_json::from_slice(&std::fs::read(o.out.join("2024-H1/manifest.json")).unwrap()).unwrap();
    let rapporten: Vec<&String> = m["rapporten"].as_object().unwrap().keys().collect();
    assert_eq!(rapporten, ["halfjaar-financieel", "halfjaar-inhoudelijk"]);

    // A run that holds the lock (paused in its first file) makes a second run wait, with a
    // message, and stop with status 1 after the waiting time, having written nothing.
    let voor = momentopname(&o.out);
    let mut eerste = o
        .commando(&["run", "--period", "2024-Q2"])
        .env("DOMEINRAPPORT_PAUZE_BIJ_BESTAND", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = eerste.stderr.take().unwrap();
    let mut gezien = Vec::new();
    let mut buf = [0u8; 256];
    while !String::from_utf8_lossy(&gezien).contains("pauze") {
        let n = stderr.read(&mut buf).unwrap();
        assert!(n > 0, "the first run never paused");
        gezien.extend_from_slice(&buf[..n]);
    }
    // Both halfjaar reports in one run: a command not run before, so it has to write (a repeat of
    // an earlier command whose files are intact has nothing to write; see `herhaling`).
    let tweede = o
        .commando(&["run", "--period", "2024-H1", "--report", "financieel,inhoud"])
        .env("DOMEINRAPPORT_SLOT_WACHTTIJD", "2")
        .output()
        .unwrap();
    eerste.kill().unwrap();
    eerste.wait().unwrap();
    assert_eq!(tweede.status.code(), Some(1), "{}", alles(&tweede));
    let t = String::from_utf8_lossy(&tweede.stderr);
    assert!(t.contains("een andere run schrijft naar"), "{t}");
    assert!(t.contains("na 2 seconden wachten gestopt"), "{t}");
    assert!(t.contains("Er is niets geschreven"), "{t}");
    let na: BTreeMap<String, Vec<u8>> = momentopname(&o.out)
        .into_iter()
        .filter(|(p, _)| !p.rsplit('/').next().unwrap().ends_with(".tmp"))
        .collect();
    assert_eq!(na, voor);
}

#[test]
fn rejected_values_cannot_run_as_formulas_and_long_texts_are_rejected_rows() {
    let o = omgeving();
    let uren = o.data.join("uren.csv");
    zet_cel(&uren, 2, "werksoort", "=HYPERLINK(\"http://x\")");
    zet_cel(&uren, 3, "werksoort", "@SUM(A1)");
    let realisatie = o.data.join("realisatie.csv");
    zet_cel(&realisatie, 2, "omschrijving", &"x".repeat(40_000));
    let u = o.draai_goed(&["check"]);
    let csv = std::fs::read_to_string(o.out.join("check/afgekeurde-rijen.csv")).unwrap();
    assert!(
        csv.contains("uren.csv;2;werksoort;\"'=HYPERLINK(\"\"http://x\"\")\";"),
        "{csv}"
    );
    assert!(csv.contains("uren.csv;3;werksoort;'@SUM(A1);"), "{csv}");
    assert!(
        csv.contains("realisatie.csv;2;omschrijving;")
            && csv.contains("de tekst is 40.000 tekens lang; een spreadsheetcel bevat er hoogstens 32.767"),
        "{csv}"
    );
    for regel in csv.lines().skip(1) {
        for veld in regel.split(';').skip(2) {
            let v = veld.trim_start_matches('"');
            assert!(!v.starts_with(['=', '+', '-', '@']), "{regel}");
        }
    }
    drop(u);
    // The reports are still written: the over-long row is one rejected row, not a stopped run.
    o.draai_goed(&["run", "--period", "2022-H1", "--report", "financieel"]);
    let csv = std::fs::read_to_string(o.out.join("2022-H1/afgekeurde-rijen.csv")).unwrap();
    assert!(csv.contains("realisatie.csv;2;omschrijving;"), "{csv}");
}

#[test]
fn an_overflowing_sum_stops_the_run_naming_the_file() {
    let o = omgeving();
    let mut t = std::fs::read(o.data.join("realisatie.csv")).unwrap();
    for i in 0..12 {
        t.extend_from_slice(format!("02-01-2024;OVF-{i};SRW-01;9.999.999.999.999.999,99;test\n").as_bytes());
    }
    std::fs::write(o.data.join("realisatie.csv"), t).unwrap();
    let u = o.draai(&["run", "--period", "2024-H1"]);
    assert_eq!(u.status.code(), Some(1), "{}", alles(&u));
    let e = String::from_utf8_lossy(&u.stderr);
    assert!(
        e.contains("realisatie.csv: de waarden in kolom bedrag tellen op tot meer dan exact kan worden gerekend"),
        "{e}"
    );
    assert!(!o.out.exists());
}

#[test]
fn one_stray_byte_is_a_warning_with_its_line_not_a_reread_file() {
    let o = omgeving();
    let pad = o.data.join("activiteiten.csv");
    let mut b = std::fs::read(&pad).unwrap();
    // A UTF-8 name on the last line, then a line with one Windows-1252 é (0xE9).
    let tekst = String::from_utf8(b.clone()).unwrap();
    let n = tekst.lines().count();
    let laatste = tekst.lines().last().unwrap().to_string();
    let delim = if tekst.lines().next().unwrap().contains(';') {
        ';'
    } else {
        ','
    };
    let mut velden: Vec<String> = laatste.split(delim).map(str::to_string).collect();
    velden[0] = "ZZ-1".into();
    velden[1] = "Overleg coördinatie".into();
    let mut extra = format!("{}\n", velden.join(&delim.to_string())).into_bytes();
    velden[0] = "ZZ-2".into();
    velden[1] = "Caf\u{1}".into();
    let mut lijn = velden.join(&delim.to_string()).into_bytes();
    let p = lijn.iter().position(|&c| c == 1).unwrap();
    lijn[p] = 0xE9;
    extra.extend_from_slice(&lijn);
    extra.push(b'\n');
    if !b.ends_with(b"\n") {
        b.push(b'\n');
    }
    b.extend_from_slice(&extra);
    std::fs::write(&pad, b).unwrap();
    let u = o.draai_goed(&["check", "--json"]);
    let k: serde_json::Value = serde_json::from_slice(&u.stdout).unwrap();
    let w: Vec<&serde_json::Value> = k["waarschuwingen"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["soort"] == "vreemde_bytes")
        .collect();
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(w[0]["bestand"], "activiteiten.csv");
    assert_eq!(w[0]["regel"], n + 2);
    assert!(w[0]["melding"].as_str().unwrap().contains("0xE9"), "{}", w[0]);
    // The file was read as UTF-8: no row rejected for it, and no "Ã¶" anywhere.
    assert!(!String::from_utf8_lossy(&u.stdout).contains("Ã"));
}
