//! Reading one ola's questionnaire export (xlsx, xls or ods) into canonical initiatives, with
//! every problem named by file, sheet and cell.

pub mod cell;
mod delimited;
pub mod format;
pub mod grid;
mod guard;
pub mod headers;
pub mod limits;
mod row;
mod sheet;
mod style;
mod submissions;

use std::collections::BTreeMap;
use std::path::Path;

use calamine::{open_workbook_auto, Data, Reader};
use rayon::prelude::*;

use crate::diagnostics::{cell_ref, column_letters, Problem};
use crate::fields::{Field, FieldType};
use crate::ola::{ExportStyle, OlaConfig};
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
    /// How the file was read when it had to be detected: a CSV's encoding and separator, the
    /// export style found by its headers.
    pub detected: Option<String>,
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
        detected: None,
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
    let is_csv = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    if is_csv {
        read_csv(project, ola, &path, &mut out);
    } else {
        read_book(project, ola, &path, &mut out);
    }
    out
}

/// A CSV has no sheets: messages name the file and the cell.
fn read_csv(project: &Project, ola: &OlaConfig, path: &Path, out: &mut OlaRead) {
    let file = out.file.clone();
    match delimited::read(path, &file) {
        Ok((grid, detected)) => {
            if detected.legacy {
                out.problems.push(Problem::warning(
                    &file,
                    format!(
                        "el CSV no está en UTF-8: se leyó como {}; revise las tildes en la salida o expórtelo de nuevo en UTF-8",
                        detected.describe()
                    ),
                ));
            }
            out.detected = Some(detected.describe());
            sheet::read_range(project, ola, &grid, &PercentFormats::Unknown, out);
        }
        Err(msg) => out.problems.push(Problem::error(&file, msg)),
    }
}

/// An xlsx, xls or ods: its sheet (named in ola.yaml, else the first) and the sheet's percent
/// formats.
fn read_book(project: &Project, ola: &OlaConfig, path: &Path, out: &mut OlaRead) {
    let file = out.file.clone();
    let opened = match guard::catching(|| open_workbook_auto(path)) {
        Ok(opened) => opened,
        Err(msg) => {
            out.problems.push(Problem::error(&file, msg));
            return;
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
            return;
        }
    };
    let sheet = match sheet_name(&workbook.sheet_names(), ola) {
        Ok(sheet) => sheet,
        Err(msg) => {
            out.problems.push(Problem::error(&file, msg));
            return;
        }
    };
    out.sheet = sheet.clone();
    let mut range = match guard::catching(|| grid::read(&mut workbook, &sheet)).and_then(|r| r) {
        Ok(r) => r,
        Err(msg) => {
            out.problems
                .push(Problem::error(&file, msg).in_sheet(&sheet));
            return;
        }
    };
    let formats = PercentFormats::read(&workbook, range.take_percent_cells(), path, &sheet);
    sheet::read_range(project, ola, &range, &formats, out);
}

/// The sheet `hoja` names (compared without case, accents or extra spaces), else the first.
fn sheet_name(names: &[String], ola: &OlaConfig) -> Result<String, String> {
    match &ola.hoja {
        Some(wanted) => names
            .iter()
            .find(|n| key(n) == key(wanted))
            .cloned()
            .ok_or_else(|| {
                format!(
                    "no existe la hoja «{wanted}»; el libro tiene: {}",
                    names
                        .iter()
                        .map(|n| format!("«{n}»"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }),
        None => names
            .first()
            .cloned()
            .ok_or_else(|| "el libro no tiene hojas".to_string()),
    }
}
