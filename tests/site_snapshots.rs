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

/// The page with each `<svg …>…</svg>` replaced by `<svg aria-labelledby="ID-title"/>`, and
/// the number of charts replaced.
fn without_svg(html: &str) -> (String, usize) {
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
        let (snapshot, charts) = without_svg(&html);
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
    let (out, n) = without_svg(html);
    assert_eq!(n, 1);
    assert_eq!(out, "<p>a</p><svg aria-labelledby=\"g-title\"/><p>b</p>");
}
