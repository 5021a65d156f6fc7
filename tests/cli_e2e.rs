//! The real binary on copies of the bundled data: exit statuses, the privacy stop, nothing
//! written on failure.

mod common;

use std::path::Path;

use common::{alles, kopieer_map, root, run, walk, zet_cel};

#[test]
fn check_on_bundled_data_exits_0_and_accounts_for_every_row() {
    let tmp = tempfile::tempdir().unwrap();
    let o = run(&["check", "--out", tmp.path().to_str().unwrap()]);
    assert!(o.status.success(), "{}", alles(&o));
    let tekst = String::from_utf8_lossy(&o.stdout);
    for f in [
        "hulpvragen.csv",
        "uren.csv",
        "activiteiten.csv",
        "begroting.csv",
        "realisatie.csv",
    ] {
        assert!(tekst.contains(f), "check noemt {f} niet:\n{tekst}");
    }
    assert!(tmp.path().join("check/afgekeurde-rijen.csv").exists());

    let o = run(&["check", "--json", "--out", tmp.path().to_str().unwrap()]);
    assert!(o.status.success());
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).expect("stdout is alleen JSON");
    let bestanden = j["bestanden"].as_array().unwrap();
    assert!(bestanden.len() >= 5);
    let mut afgekeurd = 0;
    for b in bestanden {
        let (g, a, r) = (
            b["gelezen"].as_u64().unwrap(),
            b["geaccepteerd"].as_u64().unwrap(),
            b["afgekeurd"].as_u64().unwrap(),
        );
        assert_eq!(g, a + r, "{}", b["pad"]);
        afgekeurd += r;
    }
    assert!(afgekeurd > 0, "de demodata bevat bewust foute regels");
    assert_eq!(j["afkeuringen"].as_array().unwrap().len() as u64, afgekeurd);
}

#[test]
fn bsn_stops_the_run_with_status_1_and_is_never_echoed() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    kopieer_map(&root().join("data"), &data);
    // 111222333 passes the 11-proef: 9+8+7+12+10+8+9+6-3 = 66 = 6 × 11.
    zet_cel(&data.join("hulpvragen.csv"), 5, "client_id", "111222333");
    let out = tmp.path().join("out");
    for args in [
        vec!["run", "--period", "2024-Q2"],
        vec!["check"],
        vec!["check", "--json"],
    ] {
        let mut a = args.clone();
        a.extend(["--data", data.to_str().unwrap(), "--out", out.to_str().unwrap()]);
        let o = run(&a);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", alles(&o));
        let t = alles(&o);
        assert!(!t.contains("111222333"), "het BSN staat in de uitvoer: {t}");
        assert!(
            t.contains("hulpvragen.csv") && t.contains("regel 5") && t.contains("client_id"),
            "{t}"
        );
        assert!(t.to_lowercase().contains("burgerservicenummer"), "{t}");
    }
    // Nothing written, not even the rejects file.
    assert!(!out.join("2024-Q2").exists());
    if out.exists() {
        for e in walk(&out) {
            let b = std::fs::read(&e).unwrap();
            assert!(!String::from_utf8_lossy(&b).contains("111222333"), "{}", e.display());
        }
    }
}

#[test]
fn missing_required_file_is_status_1_naming_it() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    kopieer_map(&root().join("data"), &data);
    std::fs::remove_file(data.join("uren.csv")).unwrap();
    let o = run(&[
        "check",
        "--data",
        data.to_str().unwrap(),
        "--out",
        tmp.path().join("out").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(alles(&o).contains("uren.csv"), "{}", alles(&o));
}

#[test]
fn usage_errors_are_status_2() {
    let o = run(&["run", "--period", "2024-Q5"]);
    assert_eq!(o.status.code(), Some(2), "{}", alles(&o));
    let o = run(&["run", "--report", "begroting"]);
    assert_eq!(o.status.code(), Some(2), "{}", alles(&o));
    assert!(alles(&o).contains("kwartaal, financieel, inhoud, raad"));
    let o = run(&["bestaatniet"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(alles(&o).contains("onbekende opdracht 'bestaatniet'"), "{}", alles(&o));
}

/// Help, usage and clap's own errors are Dutch; usage errors keep exit code 2.
#[test]
fn help_and_usage_errors_are_dutch() {
    let engels = [
        "Usage",
        "Options",
        "Commands",
        "error:",
        "Print help",
        "For more information",
    ];
    let hulp = run(&["--help"]);
    assert_eq!(hulp.status.code(), Some(0));
    let run_hulp = run(&["run", "--help"]);
    assert_eq!(run_hulp.status.code(), Some(0));
    let fout = run(&["run", "--foo"]);
    assert_eq!(fout.status.code(), Some(2));
    for o in [&hulp, &run_hulp, &fout] {
        let t = alles(o);
        for w in engels {
            assert!(!t.contains(w), "'{w}' in:\n{t}");
        }
    }
    assert!(alles(&hulp).contains("Gebruik: domeinrapport <OPDRACHT>"));
    assert!(alles(&hulp).contains("Opdrachten:"));
    assert!(alles(&run_hulp).contains("--period <PERIODE>"));
    assert!(alles(&fout).contains("onbekend argument '--foo'"));
    assert!(alles(&fout).contains("domeinrapport run --help"));
    // A report that does not fit the period says which reports do.
    let o = run(&["run", "--period", "2024-Q2", "--report", "raad"]);
    assert_eq!(o.status.code(), Some(2), "{}", alles(&o));
    assert!(
        alles(&o).contains("--report raad past niet bij de gevraagde periode: bij 2024-Q2 (2e kwartaal 2024) hoort alleen --report kwartaal"),
        "{}",
        alles(&o)
    );
}

#[test]
fn failing_run_leaves_earlier_outputs_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    kopieer_map(&root().join("data"), &data);
    let out = tmp.path().join("out");
    let args = |d: &Path| {
        vec![
            "run".to_string(),
            "--period".into(),
            "2024-Q2".into(),
            "--data".into(),
            d.to_str().unwrap().into(),
            "--out".into(),
            out.to_str().unwrap().into(),
        ]
    };
    let a: Vec<String> = args(&data);
    let o = run(&a.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(o.status.success(), "{}", alles(&o));
    let voor = std::fs::read(out.join("2024-Q2/kwartaalrapportage.json")).unwrap();
    // Break a required column: fatal.
    let h = data.join("activiteiten.csv");
    let t = std::fs::read(&h).unwrap();
    let t = String::from_utf8_lossy(&t).into_owned();
    let (kop, rest) = t.split_once('\n').unwrap();
    let kop = kop.to_lowercase().replacen("activiteit_id", "activiteit_nr", 1);
    std::fs::write(&h, format!("{kop}\n{rest}").as_bytes()).unwrap();
    let o = run(&a.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(o.status.code(), Some(1), "{}", alles(&o));
    assert!(alles(&o).contains("activiteit_id"));
    assert_eq!(
        std::fs::read(out.join("2024-Q2/kwartaalrapportage.json")).unwrap(),
        voor
    );
}
