//! Which numeric cells carry a percent number format, read from the file itself: a number in
//! such a cell is a fraction (0,45 is 45 %), any other number is points (45 is 45 %).
//! calamine gives xlsx styles; for ods the value type is read from `content.xml`; xls and CSV
//! do not say, and then the column decides (see `cell::PercentScale`).

use std::io::Read;
use std::path::Path;

use calamine::Sheets;
use quick_xml::events::{BytesStart, Event};
use rustc_hash::FxHashSet;

/// Bytes of an ods `content.xml` read at most; a larger sheet leaves formats unknown.
const MAX_CONTENT: u64 = 256 * 1024 * 1024;
/// Cells repeated beyond this are empty filler: they are not expanded.
const MAX_REPEAT: u32 = 10_000;

pub enum PercentFormats {
    /// (row, column) of the cells with a percent format (xlsx, read with the values) or
    /// whose value type is `percentage` (ods).
    Cells(FxHashSet<(u32, u32)>),
    /// The file does not say.
    Unknown,
}

impl PercentFormats {
    /// The formats of a sheet: `from_grid` are those its xlsx reading collected.
    pub fn read<R: std::io::Read + std::io::Seek>(
        workbook: &Sheets<R>,
        from_grid: Option<FxHashSet<(u32, u32)>>,
        path: &Path,
        sheet: &str,
    ) -> PercentFormats {
        match (workbook, from_grid) {
            (_, Some(cells)) => PercentFormats::Cells(cells),
            (Sheets::Ods(_), None) => ods_percent_cells(path, sheet)
                .map_or(PercentFormats::Unknown, PercentFormats::Cells),
            _ => PercentFormats::Unknown,
        }
    }

    /// Some(true) when the cell is formatted as a percentage, None when the file does not say.
    pub fn is_percent(&self, row: u32, col: u32) -> Option<bool> {
        match self {
            PercentFormats::Cells(c) => Some(c.contains(&(row, col))),
            PercentFormats::Unknown => None,
        }
    }
}

/// A number format code shows a percentage when it has a `%` outside quoted text and escapes.
pub fn is_percent_code(code: &str) -> bool {
    let mut quoted = false;
    let mut chars = code.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => quoted = !quoted,
            '\\' if !quoted => {
                chars.next();
            }
            '%' if !quoted => return true,
            _ => {}
        }
    }
    false
}

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

fn repeat(e: &BytesStart, name: &str) -> u32 {
    attr(e, name)
        .and_then(|v| v.parse().ok())
        .unwrap_or(1u32)
        .max(1)
}

/// Positions of the `percentage` cells of one sheet of an ods file.
fn ods_percent_cells(path: &Path, sheet: &str) -> Option<FxHashSet<(u32, u32)>> {
    let file = std::fs::File::open(path).ok()?;
    let mut zip = zip::ZipArchive::new(file).ok()?;
    let entry = zip.by_name("content.xml").ok()?;
    let mut xml = String::new();
    entry.take(MAX_CONTENT).read_to_string(&mut xml).ok()?;
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut out = FxHashSet::default();
    let (mut inside, mut row, mut col) = (false, 0u32, 0u32);
    let mut row_repeat = 1;
    loop {
        let (e, empty) = match reader.read_event().ok()? {
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::End(e) if inside && e.name().as_ref() == "table:table" => break,
            Event::End(e) if inside && e.name().as_ref() == "table:table-row" => {
                row = row.saturating_add(row_repeat);
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        match e.name().as_ref() {
            "table:table" => inside = attr(&e, "table:name").as_deref() == Some(sheet),
            "table:table-row" if inside => {
                col = 0;
                row_repeat = repeat(&e, "table:number-rows-repeated");
                if empty {
                    row = row.saturating_add(row_repeat);
                }
            }
            "table:table-cell" | "table:covered-table-cell" if inside => {
                let n = repeat(&e, "table:number-columns-repeated");
                if attr(&e, "office:value-type").as_deref() == Some("percentage") {
                    for r in 0..row_repeat.min(MAX_REPEAT) {
                        for c in 0..n.min(MAX_REPEAT) {
                            out.insert((row + r, col + c));
                        }
                    }
                }
                col = col.saturating_add(n);
            }
            _ => {}
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::is_percent_code;

    #[test]
    fn percent_codes() {
        assert!(is_percent_code("0%"));
        assert!(is_percent_code("0.00%"));
        assert!(is_percent_code("#,##0.0 %"));
        assert!(!is_percent_code("General"));
        assert!(!is_percent_code("0.00"));
        assert!(!is_percent_code("0 \"%\""));
        assert!(!is_percent_code("0\\%"));
    }
}
