//! Every figure the decks print (tests/golden/cifras_publicadas.csv, 75 rows) is on the built
//! site with its base, or docs/cifras.md says why not. One build of the bundled project; each
//! CSV row is looked up in docs/cifras.md, whose page and texts are checked in the HTML, and the
//! deck's value must be in those texts unless the row is listed as different, with its reason.

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use scraper::{Html, Selector};

/// One row of the table in docs/cifras.md.
struct Listed {
    page: String,
    texts: Vec<String>,
    note: String,
}

type Key = (String, String, String);

/// docs/cifras.md's rows by (ola, sección, cifra), the CSV's identity.
fn listed() -> BTreeMap<Key, Listed> {
    let doc = std::fs::read_to_string(common::repo().join("docs/cifras.md")).unwrap();
    let mut out = BTreeMap::new();
    for line in doc
        .lines()
        .filter(|l| l.starts_with("| 3 |") || l.starts_with("| 4 |"))
    {
        let cells: Vec<&str> = line.trim_matches('|').split(" | ").map(str::trim).collect();
        assert_eq!(cells.len(), 6, "docs/cifras.md: fila mal formada: {line}");
        let key = (
            cells[0].to_string(),
            cells[1].to_string(),
            cells[2].to_string(),
        );
        let row = Listed {
            page: cells[3].to_string(),
            texts: cells[4]
                .split(" ‖ ")
                .filter(|t| !t.is_empty())
                .map(String::from)
                .collect(),
            note: cells[5].to_string(),
        };
        assert!(
            out.insert(key.clone(), row).is_none(),
            "docs/cifras.md repite {key:?}"
        );
    }
    out
}

/// Visible text of `<main>`, SVG and scripts left out, whitespace collapsed.
fn main_text(site: &std::path::Path, rel: &str) -> String {
    let html = std::fs::read_to_string(site.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let doc = Html::parse_document(&html);
    let main = Selector::parse("main").unwrap();
    common::visible_text(doc.select(&main).next().expect("<main>"))
}

/// The parts of a deck value: "32 % / 17 %", "65 / 43; 47 / 62", "4.243 (33 %)", "Nivel 2, 1,65".
fn parts(value: &str) -> Vec<String> {
    let mut out = Vec::new();
    for piece in value
        .split(" / ")
        .flat_map(|p| p.split("; "))
        .flat_map(|p| p.split(" y "))
        .flat_map(|p| p.split(", "))
    {
        match piece.split_once(" (") {
            Some((a, b)) => {
                out.push(a.trim().to_string());
                out.push(b.trim_end_matches(')').trim().to_string());
            }
            None => out.push(piece.trim().to_string()),
        }
    }
    out.retain(|p| !p.is_empty());
    out
}

/// "45,6 %" → 45.6 for every percentage in `text`.
fn percentages(text: &str) -> Vec<f64> {
    let words: Vec<&str> = text.split(' ').collect();
    words
        .windows(2)
        .filter(|w| w[1] == "%")
        .filter_map(|w| w[0].replace('.', "").replace(',', ".").parse().ok())
        .collect()
}

/// The deck's part is in one of the site's texts: verbatim, or a whole percentage the site
/// prints with a decimal (the deck's rounding and the site's differ by less than 0,55).
fn shown(part: &str, texts: &[String]) -> bool {
    if texts.iter().any(|t| t.contains(part)) {
        return true;
    }
    let Some(deck) = part
        .strip_suffix(" %")
        .and_then(|n| n.replace(',', ".").parse::<f64>().ok())
    else {
        return false;
    };
    texts
        .iter()
        .flat_map(|t| percentages(t))
        .any(|x| (x - deck).abs() < 0.55)
}

fn build() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("proyecto");
    common::copy_project(&root);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ssme"))
        .arg("--root")
        .arg(&root)
        .args(["build", "--quiet"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let site = root.join("output/sitio");
    (tmp, site)
}

#[test]
fn every_published_figure_is_on_the_site_with_its_base_or_listed_with_its_reason() {
    let rows = common::golden("cifras_publicadas.csv");
    assert_eq!(rows.len(), 75, "cifras_publicadas.csv");
    let mut listed = listed();
    let (_tmp, site) = build();
    let mut failures = Vec::new();
    let mut published = 0;
    for r in &rows {
        let key = (r["ola"].clone(), r["seccion"].clone(), r["cifra"].clone());
        let Some(row) = listed.remove(&key) else {
            failures.push(format!("{key:?}: falta en docs/cifras.md"));
            continue;
        };
        let value = &r["valor"];
        if row.page == "—" {
            if !row.note.starts_with("No se publica:") || row.note.len() < 40 {
                failures.push(format!("{key:?}: no se publica y no dice por qué"));
            }
            continue;
        }
        let text = main_text(&site, &row.page);
        for t in &row.texts {
            if !text.contains(t.as_str()) {
                failures.push(format!("{key:?}: {} no muestra «{t}»", row.page));
            }
        }
        if row.texts.is_empty() {
            failures.push(format!("{key:?}: sin texto que buscar en {}", row.page));
        }
        if row.note.starts_with("Difiere:") {
            assert!(row.note.len() > 40, "{key:?}: la razón es muy corta");
            continue;
        }
        if value.starts_with("see ") {
            // A whole table: checked row by row in tests/site_figures.rs.
            assert!(row.note.contains("tests/site_figures.rs"), "{key:?}");
            continue;
        }
        for part in parts(value) {
            if !shown(&part, &row.texts) {
                failures.push(format!(
                    "{key:?}: «{part}» del informe no está en {:?}",
                    row.texts
                ));
            }
        }
        published += 1;
    }
    for key in listed.keys() {
        failures.push(format!(
            "docs/cifras.md: {key:?} no es una fila de cifras_publicadas.csv"
        ));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Most of the decks' figures are the site's own; the rest are listed with their reason.
    assert!(
        published >= 45,
        "solo {published} cifras iguales al informe"
    );
}

#[test]
fn deck_values_split_into_their_parts() {
    assert_eq!(parts("32 % / 17 % / 13 %"), ["32 %", "17 %", "13 %"]);
    assert_eq!(parts("4.243 (33 %)"), ["4.243", "33 %"]);
    assert_eq!(parts("Nivel 2, 1,65 de 3,0"), ["Nivel 2", "1,65 de 3,0"]);
    assert_eq!(parts("65 / 43; 47 / 62"), ["65", "43", "47", "62"]);
    assert!(shown("47 %", &["Secundario 47,5 %".into()]));
    assert!(!shown("47 %", &["Secundario 48,1 %".into()]));
    assert!(!shown("7 de cada 10", &["8 de cada 10".into()]));
}
