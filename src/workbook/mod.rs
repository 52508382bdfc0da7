//! Reading one ola's questionnaire export (xlsx, xls or ods) into canonical initiatives, with
//! every problem named by file, sheet and cell.

pub mod cell;
pub mod format;
pub mod grid;
mod guard;
pub mod limits;
mod row;

use std::collections::BTreeMap;
use std::path::Path;

use calamine::{open_workbook_auto, Data, Reader};
use rayon::prelude::*;

use crate::diagnostics::{cell_ref, column_letters, Problem};
use crate::fields::{Field, FieldType};
use crate::ola::OlaConfig;
use crate::project::Project;
use crate::text::key;
use crate::{Initiative, Value};
use cell::{Answers, Parsed, PercentScale};
use format::PercentFormats;
use grid::Grid;

/// What reading an ola yields: the initiatives that could be read and every problem found.
pub struct OlaRead {
    pub initiatives: Vec<Initiative>,
    pub problems: Vec<Problem>,
    /// File label used in messages (path relative to the project root).
    pub file: String,
    pub sheet: String,
    /// Canonical field → 0-based column of its (first) cell, for cross-field messages.
    pub columns: BTreeMap<String, u32>,
}

/// One mapped export column, resolved against the header row.
struct Bound<'a> {
    /// The first mapped column of its field (where an unanswered question is reported).
    first: bool,
    col: u32,
    field: &'a Field,
    separator: Option<&'a str>,
    option: Option<&'a str>,
    scale: PercentScale,
    answers: Option<Answers>,
}

/// The label of a path in messages: relative to the project root when possible.
pub fn file_label(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}

pub fn read(project: &Project, ola: &OlaConfig) -> OlaRead {
    let path = ola.workbook_path().unwrap_or_default();
    let file = file_label(&project.root, &path);
    let mut out = OlaRead {
        initiatives: Vec::new(),
        problems: Vec::new(),
        file: file.clone(),
        sheet: String::new(),
        columns: BTreeMap::new(),
    };
    if !path.exists() {
        out.problems.push(Problem::error(
            &file,
            "no se encontró el libro indicado en «libro» de ola.yaml",
        ));
        return out;
    }
    if let Err(msg) = limits::inside_project(&project.root, &path) {
        let yaml = file_label(&project.root, &ola.dir.join("ola.yaml"));
        out.file = yaml.clone();
        out.problems.push(Problem::error(&yaml, msg));
        return out;
    }
    if let Err(msg) = limits::check_file(&path) {
        out.problems.push(Problem::error(&file, msg));
        return out;
    }
    let opened = match guard::catching(|| open_workbook_auto(&path)) {
        Ok(opened) => opened,
        Err(msg) => {
            out.problems.push(Problem::error(&file, msg));
            return out;
        }
    };
    let mut workbook = match opened {
        Ok(wb) => wb,
        Err(e) => {
            out.problems.push(Problem::error(
                &file,
                format!(
                    "el archivo no es un libro de cálculo legible (se espera xlsx, xls u ods): {}. \
                     Detalle técnico: {e}",
                    limits::explain(&e.to_string())
                ),
            ));
            return out;
        }
    };
    let names = workbook.sheet_names();
    let sheet = match &ola.hoja {
        Some(wanted) => match names.iter().find(|n| key(n) == key(wanted)) {
            Some(n) => n.clone(),
            None => {
                out.problems.push(Problem::error(
                    &file,
                    format!(
                        "no existe la hoja «{wanted}»; el libro tiene: {}",
                        names
                            .iter()
                            .map(|n| format!("«{n}»"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ));
                return out;
            }
        },
        None => match names.first() {
            Some(n) => n.clone(),
            None => {
                out.problems
                    .push(Problem::error(&file, "el libro no tiene hojas"));
                return out;
            }
        },
    };
    out.sheet = sheet.clone();
    let mut range = match guard::catching(|| grid::read(&mut workbook, &sheet)).and_then(|r| r) {
        Ok(r) => r,
        Err(msg) => {
            out.problems
                .push(Problem::error(&file, msg).in_sheet(&sheet));
            return out;
        }
    };
    let formats = PercentFormats::read(&workbook, range.take_percent_cells(), &path, &sheet);
    read_range(project, ola, &range, &formats, &mut out);
    out
}

fn read_range(
    project: &Project,
    ola: &OlaConfig,
    range: &Grid,
    formats: &PercentFormats,
    out: &mut OlaRead,
) {
    let (file, sheet) = (out.file.clone(), out.sheet.clone());
    let header_row = ola.fila_encabezado.saturating_sub(1);
    let (Some(start), Some(end)) = (range.start(), range.end()) else {
        out.problems
            .push(Problem::error(&file, "la hoja está vacía").in_sheet(&sheet));
        return;
    };
    let empty = Data::Empty;
    let at = |r: u32, c: u32| range.get_value((r, c)).unwrap_or(&empty);

    // Header texts → column, by comparison key.
    let mut headers: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for col in start.1..=end.1 {
        let k = key(&cell::display(at(header_row, col)));
        if !k.is_empty() {
            headers.entry(k).or_default().push(col);
        }
    }
    let mut bound = Vec::new();
    for column in &ola.columnas {
        let field = project
            .fields
            .get(&column.campo)
            .expect("checked when the project loads");
        let Some(cols) = headers.get(&key(&column.encabezado)) else {
            out.problems.push(
                Problem::error(
                    &file,
                    format!(
                        "falta la columna «{}» (campo «{}») en la fila de encabezados {}",
                        column.encabezado, field.id, ola.fila_encabezado
                    ),
                )
                .in_sheet(&sheet),
            );
            continue;
        };
        if cols.len() > 1 {
            // Reading either column could silently miscategorize every initiative.
            let named: Vec<String> = cols.iter().map(|&c| cell_ref(header_row, c)).collect();
            out.problems.push(
                Problem::error(
                    &file,
                    format!(
                        "el encabezado «{}» (campo «{}») aparece en varias columnas ({}); \
                         deje uno solo",
                        column.encabezado,
                        field.id,
                        named.join(" y ")
                    ),
                )
                .at(&sheet, named.join(", ")),
            );
            continue;
        }
        let col = cols[0];
        let data_rows = range.rows_after(header_row).into_iter();
        let scale = if field.tipo == FieldType::Porcentaje {
            PercentScale::detect(data_rows.map(|r| at(r, col)))
        } else {
            PercentScale::Points
        };
        let answers = matches!(field.tipo, FieldType::Categoria | FieldType::Multiple)
            .then(|| Answers::new(field, ola.respuestas.get(&field.id)));
        let first = !out.columns.contains_key(&field.id);
        out.columns.entry(field.id.clone()).or_insert(col);
        bound.push(Bound {
            first,
            col,
            field,
            separator: column.separador.as_deref(),
            option: column.opcion.as_deref(),
            scale,
            answers,
        });
    }
    for field in project.fields.all().iter().filter(|f| f.requerido) {
        if !ola.columnas.iter().any(|c| c.campo == field.id) {
            out.problems.push(Problem::error(
                &file,
                format!(
                    "ola.yaml no asigna ninguna columna al campo requerido «{}»",
                    field.id
                ),
            ));
        }
    }

    // Rows are independent: read them in parallel, then merge in row order so the problems
    // come out in the same order on every run.
    // Only rows holding a value: the others would yield nothing.
    let row_numbers = range.rows_after(header_row);
    let rows: Vec<row::RowRead> = row_numbers
        .par_iter()
        .map(|&row| {
            let width = bound.iter().map(|b| b.col + 1).max().unwrap_or(0);
            let cells = range.row_cells(row, width);
            let at = |_: u32, c: u32| cells.get(c as usize).copied().flatten().unwrap_or(&empty);
            row::read_row(project, &bound, &file, &sheet, &at, formats, row)
        })
        .collect();
    let mut unanswered: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    for (&row, read) in row_numbers.iter().zip(rows) {
        out.problems.extend(read.problems);
        for col in read.unanswered {
            unanswered.entry(col).or_default().push(row + 1);
        }
        out.initiatives.extend(read.initiative);
    }
    let mut silent: Vec<&str> = Vec::new();
    for b in &bound {
        let field = b.field.id.as_str();
        if b.field.requerido || silent.contains(&field) || out.initiatives.is_empty() {
            continue;
        }
        if !out.initiatives.iter().any(|i| i.has(field)) {
            // One warning per question, not one per cell: the site leaves its section out.
            silent.push(field);
            out.problems.push(
                Problem::warning(&file, format!(
                    "ninguna iniciativa respondió «{field}»: queda «sin dato» y el sitio no publica su sección"
                ))
                .at(&sheet, format!("columna {}", column_letters(b.col))),
            );
        }
    }
    for (col, rows) in unanswered {
        let field = bound
            .iter()
            .find(|b| b.col == col)
            .map(|b| b.field.id.as_str())
            .unwrap_or("");
        if silent.contains(&field) {
            continue;
        }
        let listed: Vec<String> = rows.iter().take(8).map(|r| r.to_string()).collect();
        let more = if rows.len() > 8 { ", …" } else { "" };
        out.problems.push(
            Problem::warning(&file, format!(
                "{} celda(s) sin respuesta del campo opcional «{field}» (filas {}{more}); se tratan como «sin dato»",
                rows.len(),
                listed.join(", ")
            ))
            .at(&sheet, format!("columna {}", column_letters(col))),
        );
    }
}
