//! An export's headers and answer texts, for `ssme mapear`: the same reading as `check`
//! (bounded, CSV encodings, export styles), without a mapping yet.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use calamine::{open_workbook_auto, Data, Reader};

use super::{cell, delimited, grid, guard, limits, style};
use crate::ola::OlaConfig;
use crate::text::key;

pub struct Export {
    /// The sheet read (None for a CSV).
    pub sheet: Option<String>,
    /// 0-based row of the (first) header row.
    pub header_row: u32,
    /// Column → header as ola.yaml would name it.
    pub headers: Vec<(u32, String)>,
    /// Column → its distinct text answers, in order found.
    pub values: BTreeMap<u32, Vec<String>>,
}

/// Most distinct answers kept per column: a choice question has few; a free text is not
/// mapped.
const MAX_DISTINCT: usize = 200;

pub fn read(path: &Path, existing: Option<&OlaConfig>) -> Result<Export, String> {
    limits::check_file(path)?;
    let is_csv = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let (grid, sheet) = if is_csv {
        (delimited::read(path, "CSV")?.0, None)
    } else {
        let mut book = guard::catching(|| open_workbook_auto(path))?
            .map_err(|e| format!("no es un libro de cálculo legible: {e}"))?;
        let names = book.sheet_names();
        let wanted = existing.and_then(|o| o.hoja.as_deref());
        let sheet = names
            .iter()
            .find(|n| wanted.is_some_and(|w| key(w) == key(n)))
            .or(names.first())
            .cloned()
            .ok_or("el libro no tiene hojas")?;
        (
            guard::catching(|| grid::read(&mut book, &sheet))??,
            Some(sheet),
        )
    };
    let empty = Data::Empty;
    let at = |r: u32, c: u32| grid.get_value((r, c)).unwrap_or(&empty);
    let (Some(start), Some(end)) = (grid.start(), grid.end()) else {
        return Err("la hoja está vacía".into());
    };
    // The header row: the ola's, else the one of the first ten with most texts.
    let header_row = match existing {
        Some(o) => o.fila_encabezado.saturating_sub(1),
        None => (start.0..=(start.0 + 9).min(end.0))
            .max_by_key(|&r| {
                let texts = (start.1..=end.1)
                    .filter(|&c| matches!(at(r, c), Data::String(s) if !s.trim().is_empty()))
                    .count();
                (texts, std::cmp::Reverse(r))
            })
            .unwrap_or(start.0),
    };
    let first: Vec<String> = (start.1..=end.1)
        .map(|c| cell::display(at(header_row, c)))
        .collect();
    let found = existing
        .and_then(|o| o.estilo)
        .unwrap_or_else(|| style::detect(&first));
    let last_header = header_row + style::header_rows(found) - 1;
    let mut headers = Vec::new();
    let mut values = BTreeMap::new();
    for col in start.1..=end.1 {
        let names = style::column_names(found, header_row, col, start.1, &at);
        let Some(name) = names.into_iter().find(|n| !n.is_empty()) else {
            continue;
        };
        headers.push((col, name));
        let mut seen = BTreeSet::new();
        let mut distinct = Vec::new();
        for row in grid.rows_after(last_header) {
            if let Data::String(s) = at(row, col) {
                let s = s.trim();
                if !s.is_empty() && seen.insert(s.to_string()) && distinct.len() < MAX_DISTINCT {
                    distinct.push(s.to_string());
                }
            }
        }
        values.insert(col, distinct);
    }
    Ok(Export {
        sheet,
        header_row,
        headers,
        values,
    })
}
