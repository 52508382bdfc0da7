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

/// Every page's `<meta name="description">` (and its Open Graph twin) is its own: taken from
/// the page (its introduction, first paragraph or title), different from every other page's.
#[test]
fn every_page_describes_itself() {
    use scraper::{Html, Selector};
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("proyecto");
    common::copy_project(&root);
    let run = common::ssme(&root, &["build", "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let site = root.join("output/sitio");
    let meta = |name: &str| Selector::parse(name).unwrap();
    let (description, og) = (
        meta(r#"meta[name="description"]"#),
        meta(r#"meta[property="og:description"]"#),
    );
    let texts = meta("h1, p");
    let mut seen = std::collections::BTreeMap::new();
    for entry in walkdir::WalkDir::new(&site) {
        let path = entry.unwrap().into_path();
        let page = path.strip_prefix(&site).unwrap().display().to_string();
        // The printable deck is its own document, without the site's layout.
        if !page.ends_with(".html") || page.ends_with("informe.html") {
            continue;
        }
        let html = Html::parse_document(&read(&site, &page));
        let content = |s: &Selector| {
            let m = html
                .select(s)
                .next()
                .unwrap_or_else(|| panic!("{page}: sin {s:?}"));
            m.attr("content").unwrap().to_string()
        };
        let text = content(&description);
        assert_eq!(text, content(&og), "{page}");
        assert!(
            !text.is_empty() && text.chars().count() <= 160,
            "{page}: {text}"
        );
        // Said by the page itself: a cut paragraph or heading of its own starts the same way.
        let own = text.trim_end_matches('…').split(" — ").any(|start| {
            html.select(&texts).any(|e| {
                let visible = e.text().collect::<String>();
                let visible = visible.split_whitespace().collect::<Vec<_>>().join(" ");
                visible.starts_with(start)
            })
        });
        assert!(own, "{page}: «{text}» no sale de la página");
        if let Some(other) = seen.insert(text.clone(), page.clone()) {
            panic!("{page} y {other} tienen la misma descripción: {text}");
        }
    }
    assert!(seen.len() >= 18, "{seen:?}");
}
