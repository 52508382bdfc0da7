//! Percentages read by each cell's own number format: a number in a percent-formatted cell is a
//! fraction (0,95 is 95 %), any other number is points (45 is 45 %, 0,5 is 0,5 %). The xlsx is
//! written here by rust_xlsxwriter; the ods and xls in tests/fixtures/porcentajes/ are the same
//! book converted by LibreOffice (see tests/fixtures/README.md). xls does not give formats to
//! the reader: there the column decides, and a cell it cannot settle is an error with both
//! readings.

mod common;

use std::path::Path;

use common::{base_project, fixtures, ssme};
use rust_xlsxwriter::{Format, Workbook};
use ssme::Project;

const OLA_YAML: &str = r#"numero: 9
etiqueta: IX Ola
anio: 2020
periodo: 2019
metodologia: ssme-2020
libro: respuestas.xlsx
hoja: Respuestas
columnas:
  - {encabezado: id, campo: id}
  - {encabezado: nombre, campo: nombre}
  - {encabezado: departamento, campo: departamento}
  - {encabezado: macrosector, campo: macrosector}
  - {encabezado: director_nombre, campo: director_nombre}
  - {encabezado: director_email, campo: director_email}
  - {encabezado: pct_intercluster, campo: pct_intercluster}
  - {encabezado: avance_general, campo: avance_general}
"#;

/// (pct_intercluster, percent format?), (avance_general, percent format?) per row: a column
/// of whole numbers with one percent-formatted 0,95 and one plain 0,5; a column holding only
/// 0 % and 100 %, the 100 % typed as 1 in a percent-formatted cell.
const ROWS: [((f64, bool), (f64, bool)); 4] = [
    ((45.0, false), (0.0, true)),
    ((0.95, true), (1.0, true)),
    ((80.0, false), (0.0, true)),
    ((0.5, false), (1.0, true)),
];

fn write_book(path: &Path) {
    let mut wb = Workbook::new();
    let percent = Format::new().set_num_format("0%");
    let ws = wb.add_worksheet().set_name("Respuestas").unwrap();
    let headers = [
        "id",
        "nombre",
        "departamento",
        "macrosector",
        "director_nombre",
        "director_email",
        "pct_intercluster",
        "avance_general",
    ];
    for (c, h) in headers.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (i, (a, b)) in ROWS.iter().enumerate() {
        let r = i as u32 + 1;
        for (c, v) in [
            format!("IC-{r}"),
            format!("Clúster {r}"),
            "Caldas".into(),
            "Servicios".into(),
            "Ana Gómez".into(),
            format!("ana{r}@example.org"),
        ]
        .iter()
        .enumerate()
        {
            ws.write_string(r, c as u16, v).unwrap();
        }
        for (c, (x, pct)) in [(6u16, a), (7, b)] {
            if *pct {
                ws.write_number_with_format(r, c, *x, &percent).unwrap();
            } else {
                ws.write_number(r, c, *x).unwrap();
            }
        }
    }
    wb.save(path).unwrap();
}

fn project_with(book: &Path) -> tempfile::TempDir {
    let tmp = base_project();
    let dir = tmp.path().join("data/olas/9");
    std::fs::create_dir_all(&dir).unwrap();
    let ext = book.extension().unwrap().to_str().unwrap();
    std::fs::write(
        dir.join("ola.yaml"),
        OLA_YAML.replace("respuestas.xlsx", &format!("respuestas.{ext}")),
    )
    .unwrap();
    std::fs::copy(book, dir.join(format!("respuestas.{ext}"))).unwrap();
    tmp
}

fn read_percentages(book: &Path) -> Vec<(f64, f64)> {
    let tmp = project_with(book);
    let project = Project::load(tmp.path()).unwrap();
    let read = ssme::workbook::read(&project, project.ola(9).unwrap());
    assert!(
        read.problems.iter().all(|p| !p.is_error()),
        "{:?}",
        read.problems
    );
    read.initiatives
        .iter()
        .map(|i| {
            (
                i.number("pct_intercluster").unwrap(),
                i.number("avance_general").unwrap(),
            )
        })
        .collect()
}

/// What the formats say: 45, 95 (0,95 formatted), 80, 0,5 (plain); 0, 100 (1 formatted), 0, 100.
const BY_FORMAT: [(f64, f64); 4] = [(45.0, 0.0), (95.0, 100.0), (80.0, 0.0), (0.5, 100.0)];

#[test]
fn xlsx_percent_cells_are_read_by_their_number_format() {
    let tmp = tempfile::tempdir().unwrap();
    let book = tmp.path().join("respuestas.xlsx");
    write_book(&book);
    assert_eq!(read_percentages(&book), BY_FORMAT);
}

#[test]
fn ods_percent_cells_are_read_by_their_value_type() {
    let book = fixtures().join("porcentajes/respuestas.ods");
    assert_eq!(read_percentages(&book), BY_FORMAT);
}

#[test]
fn without_formats_an_unsettled_cell_is_an_error_with_both_readings() {
    // The xls says nothing to the reader about formats: 0,95 and 0,5 among whole numbers, and
    // 1 in a column of 0 and 1, could be either reading. Identical problems are one line
    // naming their cells (H3 and H5).
    let tmp = project_with(&fixtures().join("porcentajes/respuestas.xls"));
    let run = ssme(tmp.path(), &["check"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    let errors: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("error: "))
        .collect();
    for (cell, a, b) in [
        ("G3", "0,95 %", "95 %"),
        ("G5", "0,5 %", "50 %"),
        ("H3, H5", "1 %", "100 %"),
    ] {
        let line = errors
            .iter()
            .find(|l| l.contains(&format!("› Respuestas › {cell}:")))
            .unwrap_or_else(|| panic!("{cell}:\n{}", run.stdout));
        assert!(
            line.contains("porcentaje ambiguo") && line.contains(a) && line.contains(b),
            "{line}"
        );
    }
    assert_eq!(errors.len(), 3, "{}", run.stdout);
    assert!(
        run.stdout.contains("✗ 3 error(es) en 4 celdas"),
        "{}",
        run.stdout
    );
}

/// Writes tests/fixtures/porcentajes/respuestas.xlsx, from which LibreOffice makes the ods and
/// xls: `cargo test --test porcentajes -- --ignored`, then see tests/fixtures/README.md.
#[test]
#[ignore]
fn write_fixture_book() {
    let dir = fixtures().join("porcentajes");
    std::fs::create_dir_all(&dir).unwrap();
    write_book(&dir.join("respuestas.xlsx"));
}
