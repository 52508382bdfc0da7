//! Hostile values planted in the real III ola workbook reach every output as data (issue 12):
//! spreadsheet formulas are neutralized in every CSV ssme writes, names full of punctuation
//! reach the e-mail subject and body intact, and control characters reach no output file.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use calamine::Data;
use mail_parser::MessageParser;

const NAME: &str = "=HYPERLINK(\"http://x.co\",\"Clúster Bogotá-Región: 'a', \"\"b\"\".\")";
const DIRECTOR: &str = "@SUM(1+1) Ana-María O'Neil";
const SECTOR: &str = "-2+3 Cacao";
/// What a terminal would obey: clear the screen, a fake line, a NUL.
const CONTROLS: &str = "\u{1b}[2J\r\n✓ falso\u{0}";

/// A text cell that a spreadsheet would run as a formula.
fn is_formula(cell: &str) -> bool {
    let numeric = cell
        .trim_start_matches(['-', '+'])
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '%' | ' '));
    cell.starts_with(['=', '+', '-', '@', '\t', '\r']) && !numeric
}

/// Every field of every CSV under `dir`, by file.
fn csv_cells(dir: &Path) -> BTreeMap<String, Vec<String>> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "csv") {
            continue;
        }
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_path(entry.path())
            .unwrap();
        let cells = rdr
            .records()
            .flat_map(|r| r.unwrap().iter().map(str::to_string).collect::<Vec<_>>())
            .collect();
        let rel = entry.path().strip_prefix(dir).unwrap();
        out.insert(rel.display().to_string(), cells);
    }
    out
}

#[test]
fn hostile_values_are_neutralized_in_csv_and_reach_emails_as_data() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("proyecto");
    common::copy_project(&root);
    let book = root.join("data/olas/3/respuestas-iii-ola.xlsx");
    let sector_header = "Sector o apuesta productiva principal";
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    common::rewrite::rewrite_xlsx(&book, 0, |_, row, header, value| {
        if row > 0 && header == sector_header {
            *counts.entry(value.to_string()).or_default() += 1;
        }
        None
    });
    let top = counts.iter().max_by_key(|(_, n)| **n).unwrap().0.clone();
    common::rewrite::rewrite_xlsx(&book, 0, |sheet, row, header, value| {
        if sheet != "Respuestas" || row == 0 {
            return None;
        }
        let planted = match header {
            "Nombre completo de la iniciativa cluster" if row == 1 => format!("{NAME}{CONTROLS}"),
            "Nombre completo de la iniciativa cluster" => format!("{NAME} {row}"),
            "Nombre del director, gerente o líder de la iniciativa" => DIRECTOR.to_string(),
            h if h == sector_header && value.to_string() == top => SECTOR.to_string(),
            _ => return None,
        };
        Some(Data::String(planted))
    });

    let run = common::ssme(&root, &["build", "--cards", "--quiet"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let run = common::ssme(&root, &["email", "--ola", "3"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);

    let output = root.join("output");
    let cells = csv_cells(&output);
    for file in [
        "privado/ola-3/categorizacion.csv",
        "privado/ola-3/fichas/fichas.csv",
        "privado/ola-3/correo/manifiesto.csv",
        "sitio/ola-3/datos/ola-3-sectores.csv",
    ] {
        assert!(
            cells.contains_key(file),
            "{file} is written: {:?}",
            cells.keys()
        );
    }
    for (file, cells) in &cells {
        if let Some(bad) = cells.iter().find(|c| is_formula(c)) {
            panic!("{file}: a spreadsheet would run «{bad}»");
        }
    }
    let has = |file: &str, value: &str| cells[file].iter().any(|c| c == value);
    let name = format!("'{NAME} 2");
    assert!(has("privado/ola-3/categorizacion.csv", &name));
    assert!(has("privado/ola-3/fichas/fichas.csv", &name));
    assert!(has(
        "privado/ola-3/fichas/fichas.csv",
        &format!("'{DIRECTOR}")
    ));
    assert!(has(
        "privado/ola-3/correo/manifiesto.csv",
        &format!("'{DIRECTOR}")
    ));
    assert!(has(
        "sitio/ola-3/datos/ola-3-sectores.csv",
        &format!("'{SECTOR}")
    ));
    // Numbers stay numbers: scores are written as they are.
    assert!(cells["privado/ola-3/categorizacion.csv"]
        .iter()
        .any(|c| c.parse::<f64>().is_ok()));

    // Control characters reach no page, chart or CSV.
    for entry in walkdir::WalkDir::new(&output) {
        let entry = entry.unwrap();
        let ext = entry.path().extension().and_then(|e| e.to_str());
        if matches!(ext, Some("html" | "svg" | "csv" | "eml")) {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            assert!(
                !text.contains(['\u{0}', '\u{1b}']),
                "{} holds a control character",
                entry.path().display()
            );
        }
    }

    // Every message was written, its subject and body carrying the name as it is.
    let mails = output.join("privado/ola-3/correo");
    let mut seen = 0;
    for entry in std::fs::read_dir(&mails).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "eml") {
            continue;
        }
        let raw = std::fs::read(&path).unwrap();
        let message = MessageParser::default().parse(&raw).unwrap();
        let subject = message.subject().unwrap().to_string();
        if !subject.contains(NAME) {
            continue;
        }
        seen += 1;
        let text = message.body_text(0).unwrap();
        assert!(text.contains(&format!("Estimado(a) {DIRECTOR}:")), "{text}");
        assert!(text.contains(NAME), "{text}");
    }
    assert!(seen >= 70, "only {seen} messages carry the name");
}
