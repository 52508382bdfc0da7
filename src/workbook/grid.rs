//! A sheet as the cells it really holds: read cell by cell (xlsx streamed, never through its
//! declared dimension), empty cells dropped, so memory follows the data and not the sheet's
//! extent; a stray value in row 1.048.576 costs one cell, not a million rows.

use std::fs::File;
use std::io::BufReader;

use calamine::{Data, Range, Reader, Sheets};
use rustc_hash::FxHashSet;

use super::limits::{too_many_rows, MAX_CELLS, MAX_ROWS};

#[derive(Default)]
pub struct Grid {
    /// Non-empty cells in row-major order (sorted once read, last value kept for a repeated
    /// position): lookups are binary searches, and pushing a cell costs no hashing.
    cells: Vec<((u32, u32), Data)>,
    sorted: bool,
    /// Rows holding at least one non-empty cell, in order, and the index of each one's first
    /// cell in `cells` (filled when reading ends).
    rows: Vec<u32>,
    row_starts: Vec<usize>,
    /// Distinct rows seen while reading, to stop at the limit early.
    seen_rows: FxHashSet<u32>,
    start: Option<(u32, u32)>,
    end: Option<(u32, u32)>,
    /// xlsx: the non-empty cells whose number format shows a percentage, read in the same
    /// pass as the values (None for the formats that do not carry styles this way).
    percent: Option<FxHashSet<(u32, u32)>>,
}

impl Grid {
    pub fn start(&self) -> Option<(u32, u32)> {
        self.start
    }

    pub fn end(&self) -> Option<(u32, u32)> {
        self.end
    }

    /// The percent-formatted cells, when the file's styles were read with its values.
    pub fn take_percent_cells(&mut self) -> Option<FxHashSet<(u32, u32)>> {
        self.percent.take()
    }

    pub fn get_value(&self, (r, c): (u32, u32)) -> Option<&Data> {
        // The row first (a short, cache-friendly list), then the column within its cells.
        let row = self.row_at(self.rows.binary_search(&r).ok()?);
        row.binary_search_by_key(&c, |((_, col), _)| *col)
            .ok()
            .map(|j| &row[j].1)
    }

    /// One row's cells as a column-indexed lookup for columns `0..width` (a row is read
    /// cell by cell many times; this makes each lookup an index).
    pub fn row_cells(&self, r: u32, width: u32) -> Vec<Option<&Data>> {
        let mut out = vec![None; width as usize];
        if let Ok(i) = self.rows.binary_search(&r) {
            for ((_, c), data) in self.row_at(i) {
                if let Some(slot) = out.get_mut(*c as usize) {
                    *slot = Some(data);
                }
            }
        }
        out
    }

    /// Column `c`'s cells below `row`, top to bottom, in one pass over the rows (a probe of a
    /// whole column, such as the percent scale, would otherwise search every row).
    pub fn column_after(&self, row: u32, c: u32) -> impl Iterator<Item = &Data> + '_ {
        let from = self.rows.partition_point(|r| *r <= row);
        // Rows of an export usually fill the same columns: the offset that held `c` in the
        // previous row is tried first, a search within the row only when it misses.
        let mut hint = 0usize;
        (from..self.rows.len()).filter_map(move |i| {
            let cells = self.row_at(i);
            let j = match cells.get(hint) {
                Some(((_, col), _)) if *col == c => hint,
                _ => cells.binary_search_by_key(&c, |((_, col), _)| *col).ok()?,
            };
            hint = j;
            Some(&cells[j].1)
        })
    }

    /// The cells of the `i`-th row that holds a value.
    fn row_at(&self, i: usize) -> &[((u32, u32), Data)] {
        let end = self
            .row_starts
            .get(i + 1)
            .copied()
            .unwrap_or(self.cells.len());
        &self.cells[self.row_starts[i]..end]
    }

    /// The rows below `row` that hold a value.
    pub fn rows_after(&self, row: u32) -> Vec<u32> {
        let from = self.rows.partition_point(|r| *r <= row);
        self.rows[from..].to_vec()
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
        let last = self.cells.last().map(|(p, _)| *p);
        if last.is_none_or(|(lr, _)| lr != r)
            && self.seen_rows.insert(r)
            && self.seen_rows.len() as u64 > MAX_ROWS
        {
            return Err(too_many_rows(sheet));
        }
        if last.is_some_and(|l| l >= (r, c)) {
            self.sorted = false;
        }
        let (s, e) = (self.start.unwrap_or((r, c)), self.end.unwrap_or((r, c)));
        self.start = Some((s.0.min(r), s.1.min(c)));
        self.end = Some((e.0.max(r), e.1.max(c)));
        self.cells.push(((r, c), data));
        Ok(())
    }

    /// Orders the cells (a file may write them out of order or twice: the last one wins, as
    /// a hash map would keep it) and lists the rows.
    pub(super) fn finish(mut self) -> Grid {
        if !self.sorted {
            // Stable, so equal positions keep file order; then keep the last of each.
            self.cells.sort_by_key(|(p, _)| *p);
            let mut kept: Vec<((u32, u32), Data)> = Vec::with_capacity(self.cells.len());
            for cell in self.cells.drain(..) {
                match kept.last_mut() {
                    Some(last) if last.0 == cell.0 => *last = cell,
                    _ => kept.push(cell),
                }
            }
            self.cells = kept;
            self.sorted = true;
        }
        for (i, ((r, _), _)) in self.cells.iter().enumerate() {
            if self.rows.last() != Some(r) {
                self.rows.push(*r);
                self.row_starts.push(i);
            }
        }
        self.seen_rows = FxHashSet::default();
        self
    }

    pub(super) fn new() -> Grid {
        Grid {
            sorted: true,
            ..Default::default()
        }
    }

    fn from_range(sheet: &str, range: &Range<Data>) -> Result<Grid, String> {
        let mut grid = Grid::new();
        for (r, c, data) in range.used_cells() {
            let (r0, c0) = range.start().unwrap_or_default();
            grid.push(sheet, (r0 + r as u32, c0 + c as u32), data.clone())?;
        }
        Ok(grid.finish())
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
    let mut grid = Grid::new();
    let mut reader = xlsx
        .worksheet_cells_reader(sheet)
        .map_err(|e| unreadable(&e))?;
    // Which style ids show a percentage, decided once per style of the palette; the values
    // and their styles come in one pass over the sheet.
    let percent_styles: Vec<bool> = reader
        .styles()
        .iter()
        .map(|st| {
            st.number_format
                .as_ref()
                .is_some_and(|f| super::format::is_percent_code(&f.format_code))
        })
        .collect();
    let mut percent = FxHashSet::default();
    while let Some((cell, style)) = reader
        .next_cell_with_style_id()
        .map_err(|e| unreadable(&e))?
    {
        let pos = cell.get_position();
        let data = Data::from(cell.get_value().clone());
        if percent_styles.get(style).copied().unwrap_or(false) && !super::cell::is_empty(&data) {
            percent.insert(pos);
        }
        grid.push(sheet, pos, data)?;
    }
    grid.percent = Some(percent);
    Ok(grid.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_written_out_of_order_or_twice_read_as_a_map_would() {
        let mut g = Grid::new();
        for (pos, v) in [((3, 1), 1.0), ((1, 2), 2.0), ((3, 1), 3.0), ((1, 0), 4.0)] {
            g.push("h", pos, Data::Float(v)).unwrap();
        }
        g.push("h", (2, 5), Data::Empty).unwrap();
        let g = g.finish();
        assert_eq!(g.get_value((3, 1)), Some(&Data::Float(3.0)));
        assert_eq!(g.get_value((1, 0)), Some(&Data::Float(4.0)));
        assert_eq!(g.get_value((1, 2)), Some(&Data::Float(2.0)));
        assert_eq!(g.get_value((1, 1)), None);
        assert_eq!(g.get_value((2, 5)), None);
        assert_eq!(g.rows_after(0), vec![1, 3]);
        assert_eq!(g.rows_after(1), vec![3]);
        assert_eq!((g.start(), g.end()), (Some((1, 0)), Some((3, 2))));
    }

    #[test]
    fn a_column_holds_the_cells_each_row_has_in_it_whatever_its_offset() {
        let mut g = Grid::new();
        // Row 2 lacks column 0, so column 1 sits at another offset there; row 4 lacks column 1.
        let cells = [
            (1, 0),
            (1, 1),
            (1, 2),
            (2, 1),
            (2, 2),
            (3, 0),
            (3, 1),
            (4, 0),
            (4, 2),
        ];
        for (k, pos) in cells.into_iter().enumerate() {
            g.push("h", pos, Data::Int(k as i64)).unwrap();
        }
        let g = g.finish();
        for c in 0..3 {
            let by_row: Vec<&Data> = g
                .rows_after(1)
                .into_iter()
                .filter_map(|r| g.get_value((r, c)))
                .collect();
            assert_eq!(
                g.column_after(1, c).collect::<Vec<_>>(),
                by_row,
                "columna {c}"
            );
        }
        assert_eq!(
            g.column_after(1, 1).collect::<Vec<_>>(),
            [&Data::Int(3), &Data::Int(6)]
        );
        assert_eq!(g.column_after(0, 0).count(), 3);
    }
}
