//! Everything read from a workbook is untrusted. A hostile name planted in the real III ola
//! workbook (initiative names, managing entities and the most frequent sector) renders as text in
//! every HTML page and every inline SVG of the site, and is never executed.

mod common;

use std::collections::BTreeMap;

use calamine::Data;
use scraper::{Html, Selector};

const HOSTILE: &str = r#"<script>alert(1)</script> & "Café" <Norte>"#;

#[test]
fn hostile_names_render_as_text_everywhere() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("proyecto");
    common::copy_project(&root);
    let book = root.join("data/olas/3/respuestas-iii-ola.xlsx");
    let sector_header = "Sector o apuesta productiva principal";
    // The most frequent sector, so its figures are published (3 or more initiatives).
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    common::rewrite::rewrite_xlsx(&book, 0, |_, row, header, value| {
        if row > 0 && header == sector_header {
            *counts.entry(value.to_string()).or_default() += 1;
        }
        None
    });
    let (top, n) = counts.iter().max_by_key(|(_, n)| **n).unwrap();
    assert!(*n >= 3, "{counts:?}");
    let top = top.clone();
    common::rewrite::rewrite_xlsx(&book, 0, |sheet, row, header, value| {
        if sheet != "Respuestas" || row == 0 {
            return None;
        }
        let hostile = match header {
            "Nombre completo de la iniciativa cluster" => format!("{HOSTILE} {row}"),
            "Nombre de la entidad gestora de la iniciativa" => HOSTILE.to_string(),
            h if h == sector_header && value.to_string() == top => HOSTILE.to_string(),
            _ => return None,
        };
        Some(Data::String(hostile))
    });

    let run = common::ssme(&root, &["build", "--quiet"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);

    let site = root.join("output/sitio");
    let scripts = Selector::parse("script").unwrap();
    let mut pages = 0;
    let mut seen_in_text = 0;
    for entry in walkdir::WalkDir::new(&site) {
        let entry = entry.unwrap();
        let path = entry.path();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !matches!(ext, "html" | "svg") {
            continue;
        }
        let raw = std::fs::read_to_string(path).unwrap();
        let rel = path.strip_prefix(&site).unwrap().display();
        assert!(
            !raw.contains("<script>alert") && !raw.contains("<Norte>"),
            "{rel} contiene el nombre sin escapar"
        );
        let doc = Html::parse_document(&raw);
        for s in doc.select(&scripts) {
            let code: String = s.text().collect();
            assert!(
                !code.contains("alert(1)"),
                "{rel}: script con datos del libro"
            );
        }
        let text: String = doc.root_element().text().collect();
        if text.contains(HOSTILE) {
            seen_in_text += 1;
        }
        pages += 1;
    }
    assert!(pages >= 20, "solo {pages} páginas");
    // The sector appears, as text, on the profile page and in the printable deck at least.
    assert!(
        seen_in_text >= 2,
        "el sector solo aparece en {seen_in_text} páginas"
    );
    let perfil = std::fs::read_to_string(site.join("ola-3/perfil.html")).unwrap();
    let svg_text = "&lt;script&gt;alert(1)&lt;/script&gt; &amp;";
    assert!(
        perfil.contains(svg_text),
        "el gráfico de sectores no muestra el nombre escapado"
    );
}
