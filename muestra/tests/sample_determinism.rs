//! `ssme-muestra` writes the same workbooks on every run, and the committed sample workbooks
//! hold exactly the cells it writes (compared cell by cell, so a new version of the xlsx writer
//! that lays out the zip differently does not fail the test). The synthetic big-ola mode writes
//! a valid ola of any size.

mod sample_common;

use std::path::Path;
use std::process::Command;

use calamine::{open_workbook_auto, Reader};

use sample_common::{copy_dir, root};

const BOOKS: [&str; 2] = [
    "data/olas/3/respuestas-iii-ola.xlsx",
    "data/olas/4/respuestas-iv-ola.xlsx",
];

fn run_sample(dir: &std::path::Path, extra: &[&str]) {
    copy_dir(&root().join("data"), &dir.join("data"));
    let status = Command::new(env!("CARGO_BIN_EXE_ssme-muestra"))
        .arg("--root")
        .arg(dir)
        .arg("--sobrescribir")
        .args(extra)
        .status()
        .expect("ssme-muestra runs");
    assert!(status.success(), "ssme-muestra falló");
}

/// Every sheet of a workbook: its name and its cells as text, row by row.
type Cells = Vec<(String, Vec<Vec<String>>)>;

fn cells(path: &Path) -> Cells {
    let mut wb = open_workbook_auto(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    wb.sheet_names()
        .into_iter()
        .map(|name| {
            let range = wb.worksheet_range(&name).unwrap();
            let rows = range
                .rows()
                .map(|r| r.iter().map(|c| c.to_string()).collect())
                .collect();
            (name, rows)
        })
        .collect()
}

#[test]
fn sample_is_deterministic_and_matches_committed_files() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    run_sample(a.path(), &[]);
    run_sample(b.path(), &[]);
    for book in BOOKS {
        let x = cells(&a.path().join(book));
        assert!(
            x == cells(&b.path().join(book)),
            "{book}: dos ejecuciones escriben celdas distintas"
        );
        assert!(x.iter().map(|(_, rows)| rows.len()).sum::<usize>() > 70);
        assert!(x == cells(&root().join(book)), "{book}: el libro versionado no tiene las celdas que escribe `ssme-muestra`; ejecute `cargo run --release -p ssme-muestra -- --sobrescribir`");
    }
}

#[test]
fn sample_single_ola_writes_only_that_workbook() {
    let a = tempfile::tempdir().unwrap();
    run_sample(a.path(), &["--ola", "4"]);
    assert!(!a.path().join(BOOKS[0]).exists());
    assert!(cells(&a.path().join(BOOKS[1])) == cells(&root().join(BOOKS[1])));
}

#[test]
fn sample_other_seed_changes_the_answers() {
    let a = tempfile::tempdir().unwrap();
    run_sample(a.path(), &["--seed", "7"]);
    assert!(cells(&a.path().join(BOOKS[0])) != cells(&root().join(BOOKS[0])));
}

#[test]
fn sample_big_ola_is_valid_and_has_the_requested_size() {
    let a = tempfile::tempdir().unwrap();
    let out = a.path().join("data/olas/5");
    let out_s = out.to_str().unwrap().to_string();
    run_sample(a.path(), &["--initiatives", "300", "--out", &out_s]);
    let project = ssme::Project::load(a.path()).expect("el proyecto con la ola sintética carga");
    let ola = project.ola(5).expect("ola 5 renumerada");
    let read = ssme::validate::read(&project, ola);
    let errors: Vec<String> = read
        .problems
        .iter()
        .filter(|p| p.is_error())
        .map(|p| p.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(read.initiatives.len(), 300);
    let ids: std::collections::BTreeSet<&str> = read.initiatives.iter().map(|i| i.id()).collect();
    assert_eq!(ids.len(), 300, "ids únicos");
}

/// Without `--sobrescribir`, a workbook that exists is not replaced (it may hold edits).
#[test]
fn an_existing_workbook_is_not_overwritten() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&root().join("data"), &tmp.path().join("data"));
    let book = tmp.path().join(BOOKS[0]);
    std::fs::write(&book, b"editado").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_ssme-muestra"))
        .arg("--root")
        .arg(tmp.path())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("ya existe") && err.contains("--sobrescribir"),
        "{err}"
    );
    assert_eq!(std::fs::read(&book).unwrap(), b"editado");
}
