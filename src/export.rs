//! The private categorization export of an ola: one row per initiative with its 18 levels,
//! 8 area scores, overall score and level, as CSV and xlsx.

use std::path::Path;

use anyhow::{Context, Result};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};

use crate::dataset::OlaData;
use crate::fields::FieldCatalog;

/// Header and rows of the export, shared by the CSV and the xlsx so they never differ.
pub fn table(ola: &OlaData, fields: &FieldCatalog) -> (Vec<String>, Vec<Vec<Cell>>) {
    let m = ola
        .methodology
        .expect("only olas with microdata are exported");
    let mut header: Vec<String> = ["id", "nombre", "departamento", "macrosector"]
        .map(String::from)
        .to_vec();
    header.extend(m.variables().map(|(_, v)| format!("nivel_{}", v.id)));
    header.extend(m.areas.iter().map(|a| format!("area_{}", a.id)));
    header.extend(["puntaje", "nivel"].map(String::from));
    let rows = ola
        .initiatives
        .iter()
        .zip(&ola.categorizations)
        .map(|(init, cat)| {
            let mut row = vec![
                Cell::Text(init.id().to_string()),
                Cell::Text(init.name().to_string()),
                Cell::Text(init.text("departamento").unwrap_or_default().to_string()),
                Cell::Text(label(fields, init, "macrosector")),
            ];
            row.extend(
                cat.levels
                    .iter()
                    .map(|l| l.map_or(Cell::Empty, |l| Cell::Number(l as f64))),
            );
            row.extend(
                cat.areas
                    .iter()
                    .map(|a| a.map_or(Cell::Empty, |a| Cell::Number(m.round_score(a)))),
            );
            row.push(cat.score.map_or(Cell::Empty, Cell::Number));
            row.push(cat.level.map_or(Cell::Empty, |l| Cell::Number(l as f64)));
            row
        })
        .collect();
    (header, rows)
}

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    Empty,
}

/// Writes `categorizacion.csv` and `categorizacion.xlsx` into `dir`.
pub fn write(ola: &OlaData, fields: &FieldCatalog, dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("no se pudo crear {}", dir.display()))?;
    let (header, rows) = table(ola, fields);
    // The two files are independent; the xlsx (zip compression) is the slower one.
    let (csv, xlsx) = rayon::join(
        || write_csv(&header, &rows, dir),
        || write_xlsx(&header, &rows, dir),
    );
    csv.and(xlsx)
}

fn write_csv(header: &[String], rows: &[Vec<Cell>], dir: &Path) -> Result<()> {
    let csv_path = dir.join("categorizacion.csv");
    let mut w = crate::csvfile::Writer::from_path(&csv_path)
        .with_context(|| format!("no se pudo escribir {}", csv_path.display()))?;
    w.write_record(header)?;
    for row in rows {
        w.write_record(row.iter().map(|c| match c {
            Cell::Text(t) => t.clone(),
            Cell::Number(n) => format!("{n}"),
            Cell::Empty => String::new(),
        }))?;
    }
    w.flush()?;
    Ok(())
}

fn write_xlsx(header: &[String], rows: &[Vec<Cell>], dir: &Path) -> Result<()> {
    let mut wb = Workbook::new();
    // Level 2 of 9: deflate about three times faster than the default 6, file ~20 % larger.
    wb.set_zip_compression_level(2);
    // A fixed creation date keeps the file byte-identical between builds.
    let fixed = ExcelDateTime::from_ymd(2000, 1, 1)?;
    wb.set_properties(
        &DocProperties::new()
            .set_creation_datetime(&fixed)
            .set_title("Categorización SSME"),
    );
    let bold = Format::new().set_bold();
    let sheet = wb.add_worksheet().set_name("Categorización")?;
    for (c, h) in header.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, h, &bold)?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32 + 1, c as u16);
            match cell {
                Cell::Text(t) => {
                    sheet.write_string(r, c, t)?;
                }
                Cell::Number(n) => {
                    sheet.write_number(r, c, *n)?;
                }
                Cell::Empty => {}
            }
        }
    }
    sheet.set_freeze_panes(1, 2)?;
    let xlsx_path = dir.join("categorizacion.xlsx");
    wb.save(&xlsx_path)
        .with_context(|| format!("no se pudo escribir {}", xlsx_path.display()))?;
    Ok(())
}

/// The Spanish label of a categorical answer ("servicios" → "Servicios").
fn label(fields: &FieldCatalog, init: &crate::Initiative, field: &str) -> String {
    let value = init.text(field).unwrap_or_default();
    fields
        .get(field)
        .map_or(value, |f| f.label_of(value))
        .to_string()
}
