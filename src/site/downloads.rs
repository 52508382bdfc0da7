//! Downloads that open right in a Colombian spreadsheet: every chart's CSV starts with a UTF-8
//! byte-order mark (Excel otherwise reads it as Windows-1252 and mangles «Bogotá»), and each ola
//! gets `datos/<ola>.xlsx` with one sheet per chart, numbers as numbers.

use std::collections::HashSet;
use std::path::Path;

use anyhow::{Context, Result};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};

use super::draw::{Drawn, DrawnPage};

pub const BOM: &str = "\u{feff}";

/// The CSV of a chart as written to disk.
pub fn csv_bytes(csv: &str) -> Vec<u8> {
    format!("{BOM}{csv}").into_bytes()
}

/// Writes `dir/datos/<name>.xlsx`: an index sheet, then one sheet per chart of `pages` (its
/// CSV's rows; cells that parse as numbers are written as numbers).
pub fn write_xlsx(pages: &[DrawnPage], title: &str, dir: &Path, name: &str) -> Result<()> {
    let mut wb = Workbook::new();
    wb.set_zip_compression_level(2);
    // A fixed creation date keeps the file byte-identical between builds.
    wb.set_properties(
        &DocProperties::new()
            .set_creation_datetime(&ExcelDateTime::from_ymd(2000, 1, 1)?)
            .set_title(title),
    );
    let bold = Format::new().set_bold();
    let charts: Vec<(&str, &str, &str)> = pages
        .iter()
        .flat_map(|p| &p.blocks)
        .filter_map(|b| match b {
            Drawn::Grafico {
                id,
                titulo,
                csv_data,
                ..
            } => Some((id.as_str(), titulo.as_str(), csv_data.as_str())),
            _ => None,
        })
        .collect();
    let index = wb.add_worksheet().set_name("Índice")?;
    index.write_string_with_format(0, 0, "Hoja", &bold)?;
    index.write_string_with_format(0, 1, "Gráfico", &bold)?;
    let mut names = HashSet::new();
    let sheet_names: Vec<String> = charts
        .iter()
        .enumerate()
        .map(|(i, (id, _, _))| sheet_name(id, i, &mut names))
        .collect();
    for (i, ((_, titulo, _), sheet)) in charts.iter().zip(&sheet_names).enumerate() {
        index.write_string(i as u32 + 1, 0, sheet)?;
        index.write_string(i as u32 + 1, 1, *titulo)?;
    }
    index.set_column_width(0, 32)?;
    index.set_column_width(1, 80)?;
    for ((_, titulo, csv), sheet_name) in charts.iter().zip(&sheet_names) {
        let sheet = wb.add_worksheet().set_name(sheet_name)?;
        sheet.write_string_with_format(0, 0, *titulo, &bold)?;
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(csv.as_bytes());
        for (r, record) in reader.records().enumerate() {
            let record = record.context("CSV de un gráfico")?;
            let row = r as u32 + 2;
            for (c, value) in record.iter().enumerate() {
                let value = crate::csvfile::restore(value);
                match value.parse::<f64>() {
                    Ok(n) if r > 0 && n.is_finite() => sheet.write_number(row, c as u16, n)?,
                    _ if r == 0 => sheet.write_string_with_format(row, c as u16, value, &bold)?,
                    _ => sheet.write_string(row, c as u16, value)?,
                };
            }
        }
        sheet.set_column_width(0, 40)?;
    }
    let path = dir.join("datos").join(format!("{name}.xlsx"));
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("no se pudo crear {}", parent.display()))?;
    }
    wb.save(&path)
        .with_context(|| format!("no se pudo escribir {}", path.display()))?;
    Ok(())
}

/// A valid, unique sheet name (at most 31 characters) from a chart id.
fn sheet_name(id: &str, i: usize, taken: &mut HashSet<String>) -> String {
    let clean: String = id
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\' | '\''))
        .take(31)
        .collect();
    let mut name = if clean.is_empty() {
        format!("grafico-{}", i + 1)
    } else {
        clean
    };
    if !taken.insert(name.to_lowercase()) {
        let suffix = format!("-{}", i + 1);
        name = format!(
            "{}{suffix}",
            name.chars().take(31 - suffix.len()).collect::<String>()
        );
        taken.insert(name.to_lowercase());
    }
    name
}
