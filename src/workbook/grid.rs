//! A sheet as the cells it really holds: read cell by cell (xlsx streamed, never through its
//! declared dimension), empty cells dropped, so memory follows the data and not the sheet's
//! extent; a stray value in row 1.048.576 costs one cell, not a million rows.

use std::collections::BTreeSet;
use std::fs::File;
use std::io::BufReader;

use calamine::{Data, Range, Reader, Sheets};
use rustc_hash::FxHashMap;

use super::limits::{too_many_rows, MAX_CELLS, MAX_ROWS};

#[derive(Default)]
pub struct Grid {
    cells: FxHashMap<(u32, u32), Data>,
    /// Rows holding at least one non-empty cell, in order.
    rows: BTreeSet<u32>,
    start: Option<(u32, u32)>,
    end: Option<(u32, u32)>,
}

impl Grid {
    pub fn start(&self) -> Option<(u32, u32)> {
        self.start
    }

    pub fn end(&self) -> Option<(u32, u32)> {
        self.end
    }

    pub fn get_value(&self, pos: (u32, u32)) -> Option<&Data> {
        self.cells.get(&pos)
    }

    /// The rows below `row` that hold a value.
    pub fn rows_after(&self, row: u32) -> Vec<u32> {
        self.rows.range(row + 1..).copied().collect()
    }

    pub(super) fn push(
        &mut self,
        sheet: &str,
        (r, c): (u32, u32),
        data: Data,
    ) -> Result<(), String> {
        if super::cell::is_empty(&data) {
            return Ok(());
        }
        if self.cells.len() as u64 >= MAX_CELLS {
            return Err(format!(
                "la hoja «{sheet}» tiene más de {} celdas con datos, el máximo admitido",
                crate::numfmt::int(MAX_CELLS as i64)
            ));
        }
        if self.rows.insert(r) && self.rows.len() as u64 > MAX_ROWS {
            return Err(too_many_rows(sheet));
        }
        let (s, e) = (self.start.unwrap_or((r, c)), self.end.unwrap_or((r, c)));
        self.start = Some((s.0.min(r), s.1.min(c)));
        self.end = Some((e.0.max(r), e.1.max(c)));
        self.cells.insert((r, c), data);
        Ok(())
    }

    fn from_range(sheet: &str, range: &Range<Data>) -> Result<Grid, String> {
        let mut grid = Grid::default();
        for (r, c, data) in range.used_cells() {
            let (r0, c0) = range.start().unwrap_or_default();
            grid.push(sheet, (r0 + r as u32, c0 + c as u32), data.clone())?;
        }
        Ok(grid)
    }
}

/// Reads one sheet. `Err` is a Spanish sentence (calamine's own words after it, if any).
pub fn read(workbook: &mut Sheets<BufReader<File>>, sheet: &str) -> Result<Grid, String> {
    let unreadable = |e: &dyn std::fmt::Display| format!("no se pudo leer la hoja: {e}");
    let Sheets::Xlsx(xlsx) = workbook else {
        // xls and ods: calamine builds the range; ods repeats were bounded before opening,
        // and an xls sheet cannot exceed 65.536 × 256 cells.
        let range = workbook
            .worksheet_range(sheet)
            .map_err(|e| unreadable(&e))?;
        return Grid::from_range(sheet, &range);
    };
    let mut grid = Grid::default();
    let mut reader = xlsx
        .worksheet_cells_reader(sheet)
        .map_err(|e| unreadable(&e))?;
    while let Some(cell) = reader.next_cell().map_err(|e| unreadable(&e))? {
        grid.push(
            sheet,
            cell.get_position(),
            Data::from(cell.get_value().clone()),
        )?;
    }
    Ok(grid)
}
