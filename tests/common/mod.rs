//! Helpers shared by the integration tests: temporary projects and running the real binary.

#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use tempfile::TempDir;

pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixtures() -> PathBuf {
    repo().join("tests").join("fixtures")
}

pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A temporary project with the repository's fields, methodologies and reference data, and no
/// olas yet.
pub fn base_project() -> TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    fs::create_dir_all(data.join("olas")).unwrap();
    fs::copy(repo().join("data/campos.yaml"), data.join("campos.yaml")).unwrap();
    copy_dir(
        &repo().join("data/metodologias"),
        &data.join("metodologias"),
    );
    copy_dir(&repo().join("data/referencia"), &data.join("referencia"));
    tmp
}

/// A project whose only ola is `tests/fixtures/ola.yaml` (IX Ola) read from `workbook`, copied
/// as `data/olas/9/respuestas.<ext>` (ola.yaml's `libro` follows the extension).
pub fn fixture_project(workbook: &Path) -> TempDir {
    let tmp = base_project();
    let ola = tmp.path().join("data/olas/9");
    fs::create_dir_all(&ola).unwrap();
    let ext = workbook.extension().and_then(|e| e.to_str()).unwrap();
    let yaml = fs::read_to_string(fixtures().join("ola.yaml")).unwrap();
    let yaml = yaml.replace(
        "libro: respuestas.xlsx",
        &format!("libro: respuestas.{ext}"),
    );
    fs::write(ola.join("ola.yaml"), yaml).unwrap();
    fs::copy(workbook, ola.join(format!("respuestas.{ext}"))).unwrap();
    tmp
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `ssme --root <root> <args…>` with the binary built by cargo.
pub fn ssme(root: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_ssme"))
        .arg("--root")
        .arg(root)
        .args(args)
        .output()
        .expect("the ssme binary runs");
    Run {
        code: out.status.code().expect("ssme exits normally"),
        stdout: String::from_utf8(out.stdout).expect("utf-8 stdout"),
        stderr: String::from_utf8(out.stderr).expect("utf-8 stderr"),
    }
}
pub mod rewrite;
