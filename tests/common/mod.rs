//! Helpers shared by the integration tests: temporary projects and running the real binary.

#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use tempfile::TempDir;

pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The sample project bundled as an example (`ejemplos/muestra`).
pub fn sample() -> PathBuf {
    repo().join("ejemplos").join("muestra")
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

/// A temporary project with the sample's fields, methodologies and reference data, and no olas
/// yet.
pub fn base_project() -> TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    fs::create_dir_all(data.join("olas")).unwrap();
    fs::copy(sample().join("data/campos.yaml"), data.join("campos.yaml")).unwrap();
    copy_dir(
        &sample().join("data/metodologias"),
        &data.join("metodologias"),
    );
    copy_dir(&sample().join("data/referencia"), &data.join("referencia"));
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

/// A temporary copy of the sample project (`ejemplos/muestra`), to build into.
pub fn project_copy() -> TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_project(tmp.path());
    tmp
}

/// Copies the sample project (`ejemplos/muestra`, without a build's output) into `root`.
pub fn copy_project(root: &Path) {
    fs::create_dir_all(root).unwrap();
    fs::copy(sample().join("ssme.yaml"), root.join("ssme.yaml")).unwrap();
    for dir in ["data", "content"] {
        copy_dir(&sample().join(dir), &root.join(dir));
    }
}

/// Runs poppler's `pdfinfo` or `pdftotext` (text to stdout) on a PDF.
pub fn poppler(tool: &str, pdf: &Path) -> String {
    let out = Command::new(tool)
        .arg(pdf)
        .args(if tool == "pdftotext" { &["-"][..] } else { &[] })
        .output()
        .unwrap_or_else(|e| panic!("{tool} no se pudo ejecutar (instale poppler-utils): {e}"));
    assert!(out.status.success(), "{tool} falló con {}", pdf.display());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// (width, height) in points from `pdfinfo`'s "Page size: 841.92 x 594.96 pts (A4)".
pub fn page_size(info: &str) -> (f64, f64, String) {
    let line = info
        .lines()
        .find(|l| l.starts_with("Page size:"))
        .expect("pdfinfo da el tamaño de página");
    let parts: Vec<&str> = line.split_whitespace().collect();
    (
        parts[2].parse().unwrap(),
        parts[4].parse().unwrap(),
        line.to_string(),
    )
}

pub fn pages(info: &str) -> usize {
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .expect("pdfinfo da el número de páginas")
        .trim()
        .parse()
        .unwrap()
}

/// A golden CSV of the decks' tables (tests/golden, else the shared reference copy) as rows of
/// column → cell (empty cells kept as "").
pub fn golden(name: &str) -> Vec<std::collections::BTreeMap<String, String>> {
    let local = repo().join("tests/golden");
    let dir = if local.join(name).exists() {
        local
    } else {
        repo().join("../shared/reference/tablas")
    };
    let path = dir.join(name);
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

/// A CSV file as rows of column → value.
pub type Row = std::collections::HashMap<String, String>;

pub fn read_csv(path: &Path) -> Vec<Row> {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let header = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            header
                .iter()
                .zip(r.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

pub fn by_id<'a>(rows: &'a [Row], id: &str) -> &'a Row {
    rows.iter()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("falta {id}"))
}

/// The rest of `s` after the first `start`.
pub fn after<'a>(s: &'a str, start: &str) -> &'a str {
    let at = s.find(start).unwrap_or_else(|| panic!("falta «{start}»"));
    &s[at + start.len()..]
}

pub fn until<'a>(s: &'a str, end: &str) -> &'a str {
    &s[..s.find(end).unwrap_or_else(|| panic!("falta «{end}»"))]
}

/// The page with each `<svg …>…</svg>` replaced by `<svg aria-labelledby="ID-title"/>`, and
/// the number of charts replaced.
pub fn without_svg(html: &str) -> (String, usize) {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    let mut charts = 0;
    while let Some(start) = rest.find("<svg ") {
        out.push_str(&rest[..start]);
        let svg = &rest[start..];
        let end = svg.find("</svg>").expect("cada <svg> se cierra") + "</svg>".len();
        let svg = &svg[..end];
        assert_eq!(svg.matches("<svg ").count(), 1, "SVG anidado: {svg}");
        assert!(svg.contains(" role=\"img\""), "SVG sin role=\"img\"");
        let label = svg
            .split_once(" aria-labelledby=\"")
            .and_then(|(_, r)| r.split_once('"'))
            .map(|(id, _)| id)
            .expect("SVG con aria-labelledby");
        assert!(
            svg.contains(&format!("<title id=\"{label}\">")),
            "el <title> del SVG lleva el id {label}"
        );
        out.push_str(&format!("<svg aria-labelledby=\"{label}\"/>"));
        charts += 1;
        rest = &rest[start + end..];
    }
    out.push_str(rest);
    (out, charts)
}

/// HTML text as the templates escape it.
pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// A1 column letters of a 0-based column index, as ssme prints them.
pub fn column_letters(col: u32) -> String {
    ssme::diagnostics::column_letters(col)
}

/// `ssme --root <root> check` with at most 1 GiB of address space and `seconds` of time (the
/// exit code is then 124), as the hostile-input tests run it.
pub fn limited_check(root: &Path, seconds: u32) -> std::process::Output {
    Command::new("sh")
        .arg("-c")
        .arg(format!(
            r#"ulimit -v 1048576 && exec timeout {seconds} "$0" "$@""#
        ))
        .arg(env!("CARGO_BIN_EXE_ssme"))
        .arg("--root")
        .arg(root)
        .arg("check")
        .output()
        .unwrap()
}

/// Visible text of an element, SVG charts and scripts left out, whitespace collapsed.
pub fn visible_text(el: scraper::ElementRef) -> String {
    let mut out = String::new();
    for node in el.descendants() {
        if let scraper::Node::Text(t) = node.value() {
            let hidden = node.ancestors().any(|a| {
                a.value()
                    .as_element()
                    .is_some_and(|e| e.name() == "svg" || e.name() == "script")
            });
            if !hidden {
                out.push_str(t);
                out.push(' ');
            }
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}
