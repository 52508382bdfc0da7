//! Rewrites a real workbook cell by cell (calamine in, rust_xlsxwriter out), so tests can plant
//! values in the bundled sample without keeping a second copy of it.

use std::path::Path;

use calamine::{open_workbook_auto, Data, Reader};
use rust_xlsxwriter::Workbook;

/// Copies every sheet of `path` onto itself; `edit(sheet, row, header, value)` may replace a
/// value (row 0 is the first row of the sheet, `header` the text in row `header_row` above it).
pub fn rewrite_xlsx(
    path: &Path,
    header_row: u32,
    mut edit: impl FnMut(&str, u32, &str, &Data) -> Option<Data>,
) {
    let mut src = open_workbook_auto(path).unwrap();
    let mut out = Workbook::new();
    for name in src.sheet_names() {
        let range = src.worksheet_range(&name).unwrap();
        let sheet = out.add_worksheet();
        sheet.set_name(&name).unwrap();
        let headers: Vec<String> = range
            .rows()
            .nth(header_row as usize)
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .unwrap_or_default();
        let (r0, c0) = range.start().unwrap_or((0, 0));
        for (i, row) in range.rows().enumerate() {
            for (j, cell) in row.iter().enumerate() {
                let (r, c) = (r0 + i as u32, (c0 as usize + j) as u16);
                let header = headers.get(j).map(String::as_str).unwrap_or("");
                let value = edit(&name, r, header, cell).unwrap_or_else(|| cell.clone());
                match value {
                    Data::Empty => continue,
                    Data::String(s) => sheet.write_string(r, c, s),
                    Data::Float(f) => sheet.write_number(r, c, f),
                    Data::Int(n) => sheet.write_number(r, c, n as f64),
                    Data::Bool(b) => sheet.write_boolean(r, c, b),
                    other => sheet.write_string(r, c, other.to_string()),
                }
                .unwrap();
            }
        }
    }
    out.save(path).unwrap();
}
