//! End to end: `ssme build` of the bundled project, then the Node harness of `tests/e2e/`
//! serves `sitio/` under a subpath on 127.0.0.1 and opens every page in headless Chromium
//! (console, requests, links, screenshots, axe-core, chart-label contrast, file://), every page
//! and every private card and cards index at 390 and 1.366 px (no sideways scroll, no chart or
//! table text under 11 px), and runs the Nu HTML Checker over every page. Its report is this
//! test's failure message.

use std::path::{Path, PathBuf};
use std::process::Command;

mod common;

/// Where screenshots and the JSON report are kept: `<target dir>/e2e-artifacts`.
fn artifacts_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("target"));
    common::repo().join(target).join("e2e-artifacts")
}

/// The harness needs node, java and tests/e2e/node_modules; without them the test fails and
/// says how to get them, it never passes silently.
fn require_tools(harness: &Path) {
    let how = "ejecute ./scripts/test.sh, que los instala (apt: nodejs npm default-jre-headless \
               chromium; npm ci --prefix tests/e2e)";
    for module in ["playwright-core", "axe-core", "vnu-jar"] {
        assert!(
            harness.join("node_modules").join(module).is_dir(),
            "falta tests/e2e/node_modules/{module}: {how}"
        );
    }
    for (tool, arg) in [("node", "--version"), ("java", "-version")] {
        let ok = Command::new(tool)
            .arg(arg)
            .output()
            .is_ok_and(|o| o.status.success());
        assert!(ok, "no se encontró `{tool}`: {how}");
    }
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    assert!(
        Path::new(&chromium).exists(),
        "no se encontró Chromium en {chromium}: {how}"
    );
}

/// A copy of the bundled project built with the real binary and its cards; returns the temp
/// dir, `sitio/` and every ola's fichas folder.
fn built_site() -> (tempfile::TempDir, PathBuf, Vec<PathBuf>) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("proyecto");
    common::copy_project(&root);
    let run = common::ssme(&root, &["build", "--cards"]);
    assert_eq!(run.code, 0, "ssme build falló:\n{}", run.stderr);
    let private = root.join("output").join("privado");
    let mut cards: Vec<PathBuf> = std::fs::read_dir(&private)
        .unwrap()
        .map(|e| e.unwrap().path().join("fichas"))
        .filter(|d| d.is_dir())
        .collect();
    cards.sort();
    (tmp, root.join("output").join("sitio"), cards)
}

fn html_files(dir: &Path) -> usize {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .count()
}

fn run_harness(site: &Path, artifacts: &Path, cards: &[PathBuf]) -> (bool, String) {
    let harness = common::repo().join("tests").join("e2e");
    require_tools(&harness);
    let out = Command::new("node")
        .arg(harness.join("e2e.mjs"))
        .arg(site)
        .arg(artifacts)
        .args(cards)
        .output()
        .expect("node se ejecuta");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), report)
}

#[test]
fn every_page_of_the_site_passes_the_browser_and_the_validator() {
    let (_tmp, site, cards) = built_site();
    assert!(cards.len() >= 2, "una carpeta de fichas por ola: {cards:?}");
    let artifacts = artifacts_dir();
    let (ok, report) = run_harness(&site, &artifacts, &cards);
    println!("{report}");
    println!(
        "Artefactos (capturas, informe.json): {}",
        artifacts.display()
    );
    assert!(ok, "la prueba de extremo a extremo falló:\n{report}");

    // Every page of the site was reached by following links from index.html.
    let on_disk = html_files(&site);
    assert!(
        report.contains(&format!("{on_disk} páginas")),
        "no se recorrieron las {on_disk} páginas del sitio:\n{report}"
    );
    let shots = std::fs::read_dir(artifacts.join("capturas"))
        .unwrap()
        .count();
    let card_pages: usize = cards.iter().map(|d| html_files(d)).sum();
    assert_eq!(
        shots,
        2 * (on_disk + card_pages) + 1,
        "una captura por página y ficha a 390 y a 1.366 px, más la de file://"
    );
}

/// The harness itself catches what it is meant to catch: a small site with each kind of fault.
#[test]
fn the_harness_reports_a_broken_site() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("sitio");
    std::fs::create_dir_all(site.join("static")).unwrap();
    std::fs::write(site.join("static/estilo.css"), "body { margin: 0; }\n").unwrap();
    std::fs::write(
        site.join("index.html"),
        r##"<!DOCTYPE html>
<html lang="es"><head><meta charset="utf-8"><title>Roto</title>
<link rel="stylesheet" href="/static/estilo.css">
<script src="https://cdn.example.com/lib.js"></script></head>
<body><main><h1>Roto</h1>
<img src="static/foto.png">
<a href="falta.html">Página que no existe</a> <a href="otra.html#nada">Ancla</a>
<div><li>lista mal formada</li></div>
<script>funcionInexistente();</script>
</main></body></html>
"##,
    )
    .unwrap();
    std::fs::write(
        site.join("otra.html"),
        r##"<!DOCTYPE html>
<html lang="es"><head><meta charset="utf-8"><title>Otra</title></head>
<body><main><h1>Otra</h1>
<svg viewBox="0 0 200 50" width="200" role="img" aria-label="Barra"><rect width="200" height="50" fill="#E69F00"/><text x="100" y="30" fill="#FFFFFF" font-size="12">45 %</text></svg>
<svg viewBox="0 0 800 100" style="width: 100%" role="img" aria-label="Ancho"><text x="10" y="50" font-size="12">Etiqueta diminuta</text></svg>
<table><tr><td style="font-size: 9px">Celda diminuta</td></tr></table>
<div style="width: 600px">Un bloque más ancho que un teléfono</div>
</main></body></html>
"##,
    )
    .unwrap();
    // A fichas folder without its index.
    let cards = tmp.path().join("privado/ola-1/fichas");
    std::fs::create_dir_all(&cards).unwrap();
    std::fs::write(
        cards.join("IC-1-una.html"),
        "<!DOCTYPE html><html lang=\"es\"><head><meta charset=\"utf-8\"><title>Ficha</title></head><body><main><h1>Ficha</h1></main></body></html>\n",
    )
    .unwrap();
    let (ok, report) = run_harness(&site, &tmp.path().join("artefactos"), &[cards]);
    assert!(!ok, "el sitio roto pasó la prueba:\n{report}");
    for expected in [
        "enlace que se sale de la subruta /publicado/sitio/: /static/estilo.css",
        "petición fuera de 127.0.0.1: https://cdn.example.com/lib.js",
        "error de la página: funcionInexistente is not defined",
        "falta.html responde 404",
        "el recurso static/foto.png responde 404",
        "el enlace otra.html#nada apunta a un id que no existe",
        "axe critical image-alt",
        "contraste insuficiente en un gráfico: «45 %»",
        "file://index.html: petición fallida file:///static/estilo.css",
        "vnu index.html:6: An “img” element must have an “alt” attribute",
        "otra.html: a 390 px el documento mide",
        "otra.html: a 390 px un texto de gráfico se ve de",
        "«Etiqueta diminuta»",
        "otra.html: a 1366 px un texto de tabla se ve de 9 px (< 11): «Celda diminuta»",
        "no hay índice de fichas (index.html)",
    ] {
        assert!(
            report.contains(expected),
            "falta «{expected}» en el informe:\n{report}"
        );
    }
}
