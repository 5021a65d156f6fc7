//! The validated input cache of `run` (issue 19): a second run on unchanged inputs reads the
//! checked tables from `out/.invoercache/` instead of the CSV files, and writes exactly the
//! files a run that read the CSV files writes. A changed input, or a damaged cache entry, makes
//! the run read the CSV files again. On the golden fixture (`tests/fixtures/golden/`).

mod common;

use std::path::{Path, PathBuf};

const UIT_CACHE: &str = "gelezen uit de invoercache";

/// `run --period 2024-H1` into `out`; its stdout. Without the record of the previous run
/// (`out/.runverslagen`): a repeated command whose files are intact makes nothing at all (see
/// `tests/herhaling_e2e.rs`), and these tests are about what a run that does make its files
/// reads.
fn run(data: &Path, out: &Path) -> String {
    let _ = std::fs::remove_dir_all(out.join(".runverslagen"));
    let o = common::run(&[
        "run",
        "--data",
        data.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--period",
        "2024-H1",
        "--max-afgekeurd-pct",
        "20",
    ]);
    assert!(o.status.success(), "{}", common::alles(&o));
    String::from_utf8(o.stdout).unwrap()
}

/// Every file of the period folder: name and bytes.
fn periode(out: &Path) -> Vec<(String, Vec<u8>)> {
    let map = out.join("2024-H1");
    let mut v: Vec<(String, Vec<u8>)> = common::walk(&map)
        .into_iter()
        .map(|p| {
            let naam = p.strip_prefix(&map).unwrap().display().to_string();
            (naam, std::fs::read(&p).unwrap())
        })
        .collect();
    v.sort();
    v
}

/// The cache entries (folders) in `out`.
fn entries(out: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(out.join(".invoercache"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect()
}

#[test]
fn a_second_run_reads_the_cache_and_writes_the_same_files() {
    let tmp = tempfile::tempdir().unwrap();
    let data = common::golden_fixture(tmp.path());
    let out = tmp.path().join("out");
    let eerste = run(&data, &out);
    assert!(!eerste.contains(UIT_CACHE), "{eerste}");
    let entry = entries(&out);
    assert_eq!(entry.len(), 1, "{entry:?}");
    // Row-level data: the cache folder and its entry are for their owner only.
    #[cfg(unix)]
    for map in [out.join(".invoercache"), entry[0].clone()] {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&map).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o700, "{}", map.display());
    }
    for f in [
        "hulpvragen",
        "uren",
        "activiteiten",
        "begroting",
        "realisatie",
        "formatie",
    ] {
        assert!(entry[0].join(format!("{f}.arrow")).is_file(), "{f}");
    }
    let vers = periode(&out);

    let tweede = run(&data, &out);
    assert!(tweede.contains(UIT_CACHE), "{tweede}");
    // The run summary (rejected rows per file and per deliverable) comes from the cached
    // account and reads as the first run's.
    let samenvatting = |s: &str| {
        s.lines()
            .filter(|r| r.starts_with("Afgekeurde"))
            .map(String::from)
            .collect::<Vec<_>>()
    };
    assert_eq!(samenvatting(&tweede), samenvatting(&eerste));
    assert!(!samenvatting(&eerste).is_empty());
    let uit_cache = periode(&out);
    assert_eq!(vers.len(), uit_cache.len());
    for ((a, x), (b, y)) in vers.iter().zip(&uit_cache) {
        assert_eq!(a, b);
        assert!(x == y, "{a} differs after a run from the cache");
    }
}

#[test]
fn a_changed_input_or_a_damaged_entry_reads_the_csv_files_again() {
    let tmp = tempfile::tempdir().unwrap();
    let data = common::golden_fixture(tmp.path());
    let out = tmp.path().join("out");
    run(&data, &out);
    let oud = entries(&out);

    // The bytes of one file changed (an empty line at its end, which holds no data): another
    // key, so the CSV files are read; one entry is kept.
    let inhoud = std::fs::read_to_string(data.join("begroting.csv")).unwrap();
    std::fs::write(data.join("begroting.csv"), format!("{inhoud}\n")).unwrap();
    let s = run(&data, &out);
    assert!(!s.contains(UIT_CACHE), "{s}");
    let nieuw = entries(&out);
    assert_eq!(nieuw.len(), 1);
    assert_ne!(nieuw, oud);

    // A damaged frame: the entry is ignored (and replaced), the files are those of a fresh
    // run into an empty folder.
    let frame = nieuw[0].join("hulpvragen.arrow");
    let bytes = std::fs::read(&frame).unwrap();
    std::fs::write(&frame, &bytes[..bytes.len() / 2]).unwrap();
    let s = run(&data, &out);
    assert!(!s.contains(UIT_CACHE), "{s}");
    let vers = tmp.path().join("vers");
    run(&data, &vers);
    assert!(periode(&out) == periode(&vers));
    // And the replaced entry is read again by the next run.
    assert!(run(&data, &out).contains(UIT_CACHE));

    // A readable frame with other columns (formatie's in place of begroting's): ignored too.
    let entry = entries(&out).remove(0);
    std::fs::copy(entry.join("formatie.arrow"), entry.join("begroting.arrow")).unwrap();
    let s = run(&data, &out);
    assert!(!s.contains(UIT_CACHE), "{s}");
    assert!(periode(&out) == periode(&vers));
}
