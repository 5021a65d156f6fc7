//! A reader that closes stdout early (`domeinrapport check | head -1`, a scheduler that only
//! keeps the first lines) ends the terminal text, not the run: no panic, no backtrace, the same
//! exit status and the same files as with stdout open.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};

/// Runs the binary with `args` and stdout closed before it writes a byte; (exit status, stderr).
fn met_gesloten_stdout(args: &[&str]) -> (Option<i32>, String) {
    let mut kind = Command::new(common::bin())
        .current_dir(common::root())
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The read end goes before the program has loaded anything: its first write fails (EPIPE).
    drop(kind.stdout.take());
    let o = kind.wait_with_output().unwrap();
    (o.status.code(), String::from_utf8_lossy(&o.stderr).into_owned())
}

fn bestanden(map: &Path) -> Vec<(String, Vec<u8>)> {
    common::walk(map)
        .into_iter()
        .filter(|p| !p.to_string_lossy().contains("/.runverslagen/") && !p.to_string_lossy().contains("/.invoercache/"))
        .map(|p| {
            (
                p.strip_prefix(map).unwrap().display().to_string(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect()
}

#[test]
fn a_closed_stdout_ends_the_text_not_the_run() {
    let tmp = tempfile::tempdir().unwrap();
    let data = common::golden_fixture(tmp.path());
    let (data, out, open) = (data.to_str().unwrap(), tmp.path().join("out"), tmp.path().join("open"));

    let (status, stderr) = met_gesloten_stdout(&[
        "check",
        "--data",
        data,
        "--out",
        out.to_str().unwrap(),
        "--max-afgekeurd-pct",
        "20",
    ]);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(status, Some(0), "{stderr}");
    assert!(out.join("check/afgekeurde-rijen.csv").is_file());

    let args = |o: &Path| {
        vec![
            "run".to_string(),
            "--data".into(),
            data.into(),
            "--out".into(),
            o.to_str().unwrap().into(),
            "--period".into(),
            "2024-H1".into(),
            "--max-afgekeurd-pct".into(),
            "20".into(),
        ]
    };
    let gesloten: Vec<String> = args(&out);
    let (status, stderr) = met_gesloten_stdout(&gesloten.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(status, Some(0), "{stderr}");
    let geopend: Vec<String> = args(&open);
    let o = common::run(&geopend.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(o.status.success(), "{}", common::alles(&o));
    let gemaakt = bestanden(&out.join("2024-H1"));
    assert!(
        gemaakt.iter().any(|(n, _)| n.ends_with(".pdf")),
        "{:?}",
        gemaakt.iter().map(|b| &b.0).collect::<Vec<_>>()
    );
    assert!(gemaakt == bestanden(&open.join("2024-H1")));
    // The run finished its work: its record is there, so a repeat makes nothing.
    let herhaling = common::run(&gesloten.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(
        String::from_utf8_lossy(&herhaling.stdout).starts_with("Niets opnieuw gemaakt"),
        "{}",
        common::alles(&herhaling)
    );
}
