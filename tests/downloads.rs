//! Downloads open right in a Colombian spreadsheet: every chart's CSV starts with a UTF-8
//! byte-order mark, and each ola's `datos/<ola>.xlsx` (read back with calamine) holds every
//! chart of the ola on its own sheet, listed in an index, with the CSV's values (numbers as
//! numbers). Two builds give the same bytes.

mod common;

use std::path::Path;

use calamine::{open_workbook, Data, Reader, Xlsx};

fn build(root: &Path) {
    let run = common::ssme(root, &["build", "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn csv_with_bom_and_one_xlsx_per_ola_with_every_chart() {
    let tmp = common::project_copy();
    build(tmp.path());
    for ola in ["ola-3", "ola-4"] {
        let datos = tmp.path().join("output/sitio").join(ola).join("datos");
        let mut csvs: Vec<_> = std::fs::read_dir(&datos)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "csv"))
            .collect();
        csvs.sort();
        assert!(csvs.len() > 5, "{ola}: {} CSV", csvs.len());
        let xlsx_path = datos.join(format!("{ola}.xlsx"));
        let mut wb: Xlsx<_> = open_workbook(&xlsx_path).unwrap();
        let index = wb.worksheet_range("Índice").unwrap();
        assert_eq!(
            index.height(),
            csvs.len() + 1,
            "{ola}: una fila por gráfico en el índice"
        );
        for path in &csvs {
            let bytes = std::fs::read(path).unwrap();
            assert!(
                bytes.starts_with(b"\xEF\xBB\xBF"),
                "{} sin BOM",
                path.display()
            );
            let text = std::str::from_utf8(&bytes[3..]).unwrap();
            let id = path.file_stem().unwrap().to_str().unwrap();
            let sheet: String = id.chars().take(31).collect();
            let range = wb
                .worksheet_range(&sheet)
                .unwrap_or_else(|e| panic!("{ola}: falta la hoja {sheet}: {e}"));
            let rows: Vec<Vec<String>> = csv::ReaderBuilder::new()
                .has_headers(false)
                .from_reader(text.as_bytes())
                .records()
                .map(|r| r.unwrap().iter().map(String::from).collect())
                .collect();
            for (r, row) in rows.iter().enumerate() {
                for (c, value) in row.iter().enumerate() {
                    let cell = range.get_value((r as u32 + 2, c as u32));
                    let got = match cell {
                        Some(Data::Float(f)) => {
                            assert!(r > 0, "{sheet}: el encabezado es texto");
                            let want: f64 = value.parse().unwrap();
                            assert!((f - want).abs() < 1e-9, "{sheet} ({r},{c}): {f} ≠ {value}");
                            continue;
                        }
                        Some(Data::String(s)) => s.clone(),
                        None | Some(Data::Empty) => String::new(),
                        other => panic!("{sheet} ({r},{c}): {other:?}"),
                    };
                    assert_eq!(&got, ssme::csvfile::restore(value), "{sheet} ({r},{c})");
                    assert!(
                        value.parse::<f64>().is_err() || r == 0,
                        "{sheet}: {value} como texto"
                    );
                }
            }
        }
    }
    let first = std::fs::read(tmp.path().join("output/sitio/ola-4/datos/ola-4.xlsx")).unwrap();
    build(tmp.path());
    let second = std::fs::read(tmp.path().join("output/sitio/ola-4/datos/ola-4.xlsx")).unwrap();
    assert!(first == second, "el xlsx cambia entre dos construcciones");
}
