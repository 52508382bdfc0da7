//! Project settings that change what the site writes: `url_base` (canonical links, sitemap)
//! and `idioma_fechas` (dates in words), `titulo` (every page's title) and `celda_minima`
//! (small cells reserved).

mod common;

use std::fs;
use std::path::Path;

use common::{project_copy, ssme, visible_text};
use scraper::{Html, Selector};

fn build(root: &Path) {
    let out = ssme(root, &["build", "--quiet"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
}

/// The text of the figure labelled «periodo de recolección» on the III ola's methodology page.
fn collection_period(root: &Path) -> String {
    let html = fs::read_to_string(root.join("output/sitio/ola-3/metodologia.html")).unwrap();
    let page = Html::parse_document(&html);
    let text = visible_text(page.root_element());
    let before = text
        .split("periodo de recolección")
        .next()
        .filter(|_| text.contains("periodo de recolección"))
        .unwrap_or_else(|| panic!("sin periodo de recolección: {text}"));
    before.trim_end().to_string()
}

/// The page's canonical link, checked equal to its Open Graph address.
fn canonical(page: &Path) -> Option<String> {
    let html = Html::parse_document(&fs::read_to_string(page).unwrap());
    let link = Selector::parse("link[rel=canonical]").unwrap();
    let og = Selector::parse(r#"meta[property="og:url"]"#).unwrap();
    let href = html
        .select(&link)
        .next()
        .and_then(|l| l.attr("href"))
        .map(str::to_string);
    let og_url = html
        .select(&og)
        .next()
        .and_then(|m| m.attr("content"))
        .map(str::to_string);
    assert_eq!(href, og_url, "{}", page.display());
    href
}

#[test]
fn url_base_and_date_language_reach_the_pages() {
    let tmp = project_copy();
    let root = tmp.path();
    build(root);
    let site = root.join("output/sitio");
    assert!(collection_period(root).ends_with("23 de octubre al 25 de noviembre de 2020"));
    assert_eq!(canonical(&site.join("ola-3/index.html")), None);
    assert!(!site.join("sitemap.xml").exists());

    let yaml = fs::read_to_string(root.join("ssme.yaml")).unwrap();
    let settings = "url_base: https://ssme.ejemplo.org/informes\nidioma_fechas: en\n";
    fs::write(root.join("ssme.yaml"), format!("{yaml}\n{settings}")).unwrap();
    build(root);
    assert!(
        collection_period(root).ends_with("October 23 to November 25, 2020"),
        "{}",
        collection_period(root)
    );
    let base = "https://ssme.ejemplo.org/informes/";
    assert_eq!(
        canonical(&site.join("ola-3/perfil.html")).as_deref(),
        Some(format!("{base}ola-3/perfil.html").as_str())
    );
    assert_eq!(
        canonical(&site.join("index.html")).as_deref(),
        Some(format!("{base}index.html").as_str())
    );

    // The sitemap lists every page of the site except the printable decks, each at its
    // canonical address.
    let sitemap = fs::read_to_string(site.join("sitemap.xml")).unwrap();
    let listed: Vec<&str> = sitemap
        .split("<loc>")
        .skip(1)
        .map(|s| s.split("</loc>").next().unwrap())
        .collect();
    let mut pages = Vec::new();
    for entry in walkdir::WalkDir::new(&site) {
        let path = entry.unwrap().into_path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".html") && name != "informe.html" {
            let rel = path
                .strip_prefix(&site)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            assert_eq!(canonical(&path), Some(format!("{base}{rel}")), "{rel}");
            pages.push(format!("{base}{rel}"));
        }
    }
    let mut sorted = listed.clone();
    sorted.sort();
    pages.sort();
    assert_eq!(sorted, pages);
    assert!(pages.len() > 10, "{pages:?}");
}

#[test]
fn a_bad_url_base_is_refused_by_name() {
    let tmp = project_copy();
    let root = tmp.path();
    let yaml = fs::read_to_string(root.join("ssme.yaml")).unwrap();
    fs::write(
        root.join("ssme.yaml"),
        format!("{yaml}\nurl_base: ssme.ejemplo.org\n"),
    )
    .unwrap();
    let out = ssme(root, &["check"]);
    assert_ne!(out.code, 0);
    assert!(out.stderr.contains("url_base"), "{}", out.stderr);
}

/// How many table cells of the page read exactly «reservado».
fn reserved_cells(page: &Path) -> usize {
    let html = Html::parse_document(&fs::read_to_string(page).unwrap());
    let td = Selector::parse("td").unwrap();
    html.select(&td)
        .filter(|c| visible_text(*c).trim() == "reservado")
        .count()
}

#[test]
fn site_title_and_small_cell_minimum_come_from_ssme_yaml() {
    let tmp = project_copy();
    let root = tmp.path();
    build(root);
    let page = root.join("output/sitio/ola-3/dimension-3.html");
    let before = reserved_cells(&page);
    let html = fs::read_to_string(&page).unwrap();
    assert!(html.contains("menos de 3 iniciativas"));
    assert!(!html.contains("Informe propio de prueba"));

    let yaml = fs::read_to_string(root.join("ssme.yaml")).unwrap();
    let settings = "titulo: \"Informe propio de prueba\"\ncelda_minima: 40\n";
    fs::write(root.join("ssme.yaml"), format!("{yaml}\n{settings}")).unwrap();
    build(root);
    for page in ["index.html", "ola-3/dimension-3.html", "comparacion.html"] {
        let html = fs::read_to_string(root.join("output/sitio").join(page)).unwrap();
        let doc = Html::parse_document(&html);
        let title = Selector::parse("title").unwrap();
        let title = visible_text(doc.select(&title).next().unwrap());
        assert!(
            title.ends_with("Informe propio de prueba"),
            "{page}: {title}"
        );
    }
    let html = fs::read_to_string(&page).unwrap();
    assert!(html.contains("menos de 40 iniciativas"), "{html}");
    let after = reserved_cells(&page);
    assert!(after > before, "reservadas: {before} → {after}");
}
