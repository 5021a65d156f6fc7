//! Performance of `laad` at about ten times the Oss volumes (≈300k hulpvragen, ≈900k uren,
//! ≈450k realisatie rows). Ignored by default; run with
//! `cargo test --release --test ingest_prestaties -- --ignored --nocapture`.
//! In a release build it must take well under 5 s and stay under 1 GB peak memory.

#[path = "fixtures/ingest/helpers.rs"]
mod helpers;

use std::fmt::Write;
use std::time::Instant;

use helpers::*;

/// Peak resident memory of this process in MB (Linux), if known.
fn piek_mb() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let regel = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = regel.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}

const WS: [&str; 5] = ["SRW", "ISW", "CSW", "JGD", "JW"];
const CAT: [&str; 4] = ["financien", "wonen", "psychosociaal", "opvoeding"];

fn datum(dag: u32) -> String {
    let d = d(2022, 1, 1) + chrono::Days::new(u64::from(dag % 1090));
    d.format("%d-%m-%Y").to_string()
}

#[test]
#[ignore]
fn laad_op_tienvoudig_volume() {
    let m = Map::new();
    let mut s = String::with_capacity(60 << 20);
    s.push_str(HV_KOP);
    s.push('\n');
    for i in 0..300_000u32 {
        let ws = WS[(i % 5) as usize];
        let a = i % 1000;
        let jgd = ws == "JGD";
        writeln!(
            s,
            "HV{i:07};CL{:06};{ws};W{:02};{};{};{};{};{};{};{};zelfstandig;{};{};{};{}",
            i % 90_000,
            i % 11 + 1,
            CAT[(i % 4) as usize],
            i % 90,
            datum(a),
            datum(a + 10),
            datum(a + 20),
            if i % 3 == 0 { datum(a + 25) } else { String::new() },
            datum(a + 60),
            i % 6,
            if jgd { datum(a + 30) } else { String::new() },
            if jgd { datum(a + 40) } else { String::new() },
            if i % 50 == 0 { "ja" } else { "nee" },
        )
        .unwrap();
    }
    m.schrijf("hulpvragen.csv", &s);

    s.clear();
    s.push_str(UREN_KOP);
    s.push('\n');
    for i in 0..900_000u32 {
        writeln!(
            s,
            "MW{:04};{};{};{},{};individueel",
            i % 400,
            WS[(i % 5) as usize],
            datum(i / 800),
            1 + i % 8,
            i % 10
        )
        .unwrap();
    }
    m.schrijf("uren.csv", &s);

    s.clear();
    s.push_str(BEGR_KOP);
    s.push('\n');
    for jaar in 2022..=2024 {
        for (j, ws) in WS.iter().enumerate() {
            for n in 1..=6 {
                let fin = if *ws == "JGD" { "Jeugdwet" } else { "Wmo" };
                writeln!(
                    s,
                    "{jaar};{ws}-{n:02};{ws};Regel {n};{fin};1,5;{}.{:03},{:02}",
                    100 + j,
                    n * 7,
                    n
                )
                .unwrap();
            }
        }
    }
    m.schrijf("begroting.csv", &s);

    s.clear();
    s.push_str(REAL_KOP);
    s.push('\n');
    for i in 0..450_000u32 {
        writeln!(
            s,
            "{};BS{i:07};{}-{:02};{},{:02};Factuur leverancier {}",
            datum(i / 400),
            WS[(i % 5) as usize],
            i % 6 + 1,
            (i % 5000) as i64 - 200,
            i % 100,
            i % 977
        )
        .unwrap();
    }
    m.schrijf("realisatie.csv", &s);

    s.clear();
    s.push_str(ACT_KOP);
    s.push('\n');
    for i in 0..1_500u32 {
        writeln!(
            s,
            "ACT{i:05};Activiteit {i};CSW;W{:02};ontmoeting;ja;{};;{}",
            i % 11 + 1,
            datum(i),
            i % 40
        )
        .unwrap();
    }
    m.schrijf("activiteiten.csv", &s);
    drop(s);

    let start = Instant::now();
    let ds = m.laad().unwrap();
    let duur = start.elapsed();
    let piek = piek_mb();
    eprintln!(
        "laad: {:.2} s, piek {:?} MB; hulpvragen {}, uren {}, realisatie {}",
        duur.as_secs_f64(),
        piek,
        ds.hulpvragen.height(),
        ds.uren.height(),
        ds.realisatie.height()
    );
    assert_eq!(ds.hulpvragen.height(), 300_000);
    assert_eq!(ds.uren.height(), 900_000);
    assert_eq!(ds.realisatie.height(), 450_000);
    assert_eq!(ds.kwaliteit.totaal_afgekeurd(), 0);
    if let Some(p) = piek {
        assert!(p < 1024, "peak memory {p} MB");
    }
    if !cfg!(debug_assertions) {
        assert!(duur.as_secs_f64() < 5.0, "laad took {duur:?}");
    }
}
