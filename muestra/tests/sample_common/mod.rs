//! Shared helpers of the sample tests: the project, its sample olas read back through the
//! normal reader, and the deck's golden tables.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use ssme::{Initiative, Project};

/// The repository (the workspace root).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The sample project the generator writes (`ejemplos/muestra`).
pub fn root() -> PathBuf {
    repo().join("ejemplos").join("muestra")
}

pub fn project() -> Project {
    Project::load(&root()).expect("project loads")
}

/// Reads an ola's committed workbook with the project's reader; fails on any error.
pub fn read_ola(project: &Project, numero: u32) -> Vec<Initiative> {
    let ola = project.ola(numero).expect("ola configured");
    let read = ssme::workbook::read(project, ola);
    let errors: Vec<String> = read
        .problems
        .iter()
        .filter(|p| p.is_error())
        .map(|p| p.to_string())
        .collect();
    assert!(
        errors.is_empty(),
        "errores al leer la ola {numero}: {errors:#?}"
    );
    read.initiatives
}

/// Folder of the golden CSVs: tests/golden in the repo, else the shared reference copy.
pub fn golden_dir() -> PathBuf {
    let local = repo().join("tests/golden");
    if local.join("departamentos_por_ola.csv").exists() {
        local
    } else {
        repo().join("../shared/reference/tablas")
    }
}

/// A golden CSV as rows of column → cell (empty cells kept as "").
pub fn golden(name: &str) -> Vec<BTreeMap<String, String>> {
    let path = golden_dir().join(name);
    let mut rd =
        csv::Reader::from_path(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let headers = rd.headers().unwrap().clone();
    rd.records()
        .map(|r| {
            let r = r.unwrap();
            headers
                .iter()
                .zip(r.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

/// `100·k/n` rounded half up.
pub fn pct(k: usize, n: usize) -> i64 {
    ((200 * k + n) / (2 * n)) as i64
}

pub fn num(init: &Initiative, field: &str) -> Option<i64> {
    init.number(field).map(|x| x.round() as i64)
}

pub fn sum(inits: &[Initiative], field: &str) -> i64 {
    inits.iter().filter_map(|i| num(i, field)).sum()
}

pub fn mean(inits: &[Initiative], field: &str) -> f64 {
    let v: Vec<f64> = inits.iter().filter_map(|i| i.number(field)).collect();
    v.iter().sum::<f64>() / v.len() as f64
}

pub fn count_choice(inits: &[Initiative], field: &str, value: &str) -> usize {
    inits
        .iter()
        .filter(|i| i.choice(field) == Some(value))
        .count()
}

pub fn count_option(inits: &[Initiative], field: &str, value: &str) -> usize {
    inits
        .iter()
        .filter(|i| {
            i.choices(field)
                .is_some_and(|c| c.iter().any(|x| x == value))
        })
        .count()
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else if entry.path().extension().is_none_or(|e| e != "xlsx") {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}
