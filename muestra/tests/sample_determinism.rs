//! `ssme-muestra` writes the same bytes on every run, and the committed sample workbooks are
//! exactly what it writes. The synthetic big-ola mode writes a valid ola of any size.

mod sample_common;

use std::process::Command;

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
        .args(extra)
        .status()
        .expect("ssme-muestra runs");
    assert!(status.success(), "ssme-muestra falló");
}

#[test]
fn sample_is_byte_identical_and_matches_committed_files() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    run_sample(a.path(), &[]);
    run_sample(b.path(), &[]);
    for book in BOOKS {
        let x = std::fs::read(a.path().join(book)).unwrap();
        let y = std::fs::read(b.path().join(book)).unwrap();
        assert!(
            x == y,
            "{book}: dos ejecuciones escriben archivos distintos"
        );
        let committed = std::fs::read(root().join(book)).expect("libro de muestra versionado");
        assert!(x == committed, "{book}: el archivo versionado no es el que escribe `ssme-muestra`; ejecute `cargo run --release -p ssme-muestra`");
    }
}

#[test]
fn sample_single_ola_writes_only_that_workbook() {
    let a = tempfile::tempdir().unwrap();
    run_sample(a.path(), &["--ola", "4"]);
    assert!(!a.path().join(BOOKS[0]).exists());
    let x = std::fs::read(a.path().join(BOOKS[1])).unwrap();
    assert!(x == std::fs::read(root().join(BOOKS[1])).unwrap());
}

#[test]
fn sample_other_seed_changes_the_answers() {
    let a = tempfile::tempdir().unwrap();
    run_sample(a.path(), &["--seed", "7"]);
    let x = std::fs::read(a.path().join(BOOKS[0])).unwrap();
    assert!(x != std::fs::read(root().join(BOOKS[0])).unwrap());
}

#[test]
fn sample_big_ola_is_valid_and_has_the_requested_size() {
    let a = tempfile::tempdir().unwrap();
    let out = a.path().join("data/olas/5");
    let out_s = out.to_str().unwrap().to_string();
    run_sample(a.path(), &["--initiatives", "300", "--out", &out_s]);
    let project = ssme::Project::load(a.path()).expect("el proyecto con la ola sintética carga");
    let ola = project.ola(5).expect("ola 5 renumerada");
    let read = ssme::workbook::read(&project, ola);
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
