//! Snapshots of the main pages `ssme build` writes for the bundled project, so a change in a
//! template, a section or a figure shows up as a reviewable diff. Inline SVG charts are replaced
//! by a one-line placeholder naming the chart (charts have their own tests in src/chart/).

use std::path::Path;

mod common;

const PAGES: [&str; 6] = [
    "index.html",
    "comparacion.html",
    "ola-3/index.html",
    "ola-3/perfil.html",
    "ola-4/conclusiones.html",
    "ola-4/anexo.html",
];

fn read(site: &Path, page: &str) -> String {
    std::fs::read_to_string(site.join(page)).unwrap_or_else(|e| panic!("{page}: {e}"))
}

#[test]
fn main_pages_of_the_site() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("proyecto");
    common::copy_project(&root);
    let run = common::ssme(&root, &["build"]);
    assert_eq!(run.code, 0, "ssme build falló:\n{}", run.stderr);
    let site = root.join("output/sitio");

    for page in PAGES {
        let html = read(&site, page);
        let (snapshot, charts) = common::without_svg(&html);
        // Every chart block holds exactly one SVG, next to its data table and CSV download.
        let blocks = html.matches("<div class=\"grafico\" id=\"").count();
        let downloads = html.matches(".csv\" download>").count();
        assert_eq!(charts, blocks, "{page}: un SVG por bloque de gráfico");
        assert_eq!(downloads, blocks, "{page}: un CSV por gráfico");
        let name = page.trim_end_matches(".html").replace('/', "__");
        insta::assert_snapshot!(name, snapshot);
    }
}

#[test]
fn svg_placeholder_keeps_the_page_around_it() {
    let html =
        "<p>a</p><svg role=\"img\" aria-labelledby=\"g-title\"><title id=\"g-title\">T</title>\
                <text>x</text></svg><p>b</p>";
    let (out, n) = common::without_svg(html);
    assert_eq!(n, 1);
    assert_eq!(out, "<p>a</p><svg aria-labelledby=\"g-title\"/><p>b</p>");
}
