//! Validation problems: each names its file, sheet and cell, the value found and what was
//! expected, in Spanish. All are collected and reported at once.

use std::fmt;

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    pub severity: Severity,
    pub file: String,
    pub sheet: Option<String>,
    /// A1-style cell ("C5"), a column ("columna C") or None for the whole file.
    pub cell: Option<String>,
    /// The value found, as text.
    pub found: Option<String>,
    /// What is wrong and what was expected.
    pub message: String,
    /// How many cells share this problem once identical ones are [`grouped`]; 1 for one cell.
    pub count: usize,
}

impl Problem {
    pub fn error(file: &str, message: impl Into<String>) -> Self {
        Problem {
            severity: Severity::Error,
            file: file.to_string(),
            sheet: None,
            cell: None,
            found: None,
            message: message.into(),
            count: 1,
        }
    }

    pub fn warning(file: &str, message: impl Into<String>) -> Self {
        Problem {
            severity: Severity::Warning,
            ..Problem::error(file, message)
        }
    }

    pub fn at(mut self, sheet: &str, cell: impl Into<String>) -> Self {
        self.sheet = Some(sheet.to_string());
        self.cell = Some(cell.into());
        self
    }

    pub fn in_sheet(mut self, sheet: &str) -> Self {
        self.sheet = Some(sheet.to_string());
        self
    }

    pub fn found(mut self, value: impl Into<String>) -> Self {
        self.found = Some(value.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// "archivo › hoja › celda" for the message head.
    pub fn location(&self) -> String {
        let mut parts = vec![self.file.clone()];
        // A CSV has no sheet.
        parts.extend(self.sheet.clone().filter(|s| !s.is_empty()));
        parts.extend(self.cell.clone());
        parts.join(" › ")
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "aviso",
        };
        // Everything shown may come from a cell: control characters are made visible.
        let visible = crate::text::visible;
        let location = match (&self.cell, self.count) {
            (Some(cell), n) if n > 1 => Problem {
                cell: Some(shortened(cell)),
                ..self.clone()
            }
            .location(),
            _ => self.location(),
        };
        write!(f, "{label}: {}: ", visible(&location))?;
        let cells = match self.count {
            1 => String::new(),
            n => format!(" en {} celdas", crate::numfmt::int(n as i64)),
        };
        match &self.found {
            Some(found) => write!(f, "se encontró «{}»{cells}; ", visible(found))?,
            None if self.count > 1 => write!(f, "{}: ", cells.trim_start())?,
            None => {}
        }
        write!(f, "{}", visible(&self.message))
    }
}

/// A1 column letters of a 0-based column index: 0 → A, 26 → AA.
pub fn column_letters(mut col: u32) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push((b'A' + (col % 26) as u8) as char);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    letters.iter().rev().collect()
}

/// A1 reference of 0-based (row, column).
pub fn cell_ref(row: u32, col: u32) -> String {
    format!("{}{}", column_letters(col), row + 1)
}

/// (0-based column, 1-based row) of a plain A1 reference ("G12"); None for anything else.
fn parse_a1(cell: &str) -> Option<(u32, u32)> {
    let split = cell.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = cell.split_at(split);
    if letters.is_empty() || !letters.chars().all(|c| c.is_ascii_uppercase()) {
        return None;
    }
    let row: u32 = digits.parse().ok()?;
    let col = letters.bytes().try_fold(0u32, |acc, b| {
        acc.checked_mul(26)?.checked_add(u32::from(b - b'A') + 1)
    })?;
    Some((col - 1, row))
}

/// Most ranges listed in a grouped problem; the rest are counted, not named.
const MAX_RANGES: usize = 8;

/// Cells as ranges of consecutive rows per column: G2, G3, G4, G7 → "G2:G4, G7".
fn ranges(mut cells: Vec<(u32, u32)>) -> String {
    cells.sort_unstable();
    cells.dedup();
    let mut spans: Vec<(u32, u32, u32)> = Vec::new();
    for (col, row) in cells {
        match spans.last_mut() {
            Some((c, _, last)) if *c == col && *last + 1 == row => *last = row,
            _ => spans.push((col, row, row)),
        }
    }
    let named: Vec<String> = spans
        .iter()
        .map(|&(col, first, last)| {
            let letters = column_letters(col);
            if first == last {
                format!("{letters}{first}")
            } else {
                format!("{letters}{first}:{letters}{last}")
            }
        })
        .collect();
    named.join(", ")
}

/// A grouped problem's ranges as a line shows them: the first [`MAX_RANGES`], the rest counted
/// (JSON keeps them all).
fn shortened(ranges: &str) -> String {
    let all: Vec<&str> = ranges.split(", ").collect();
    match all.len().saturating_sub(MAX_RANGES) {
        0 => ranges.to_string(),
        n => format!("{} y {n} rango(s) más", all[..MAX_RANGES].join(", ")),
    }
}

/// What makes two problems identical: severity, file, sheet, value found and message.
type GroupKey<'a> = (Severity, &'a str, Option<&'a str>, Option<&'a str>, &'a str);

/// Identical problems of single cells (same severity, file, sheet, value found and message)
/// as one problem naming their cells as ranges, errors before warnings, otherwise in the order
/// first found: 42 cells with the same unknown answer are one line, not 42.
pub fn grouped(problems: &[Problem]) -> Vec<Problem> {
    let mut out: Vec<Problem> = Vec::new();
    let mut cells: Vec<Vec<(u32, u32)>> = Vec::new();
    let mut index: std::collections::HashMap<GroupKey, usize> = std::collections::HashMap::new();
    for p in problems {
        let Some(a1) = p.cell.as_deref().and_then(parse_a1) else {
            out.push(p.clone());
            cells.push(Vec::new());
            continue;
        };
        let key = (
            p.severity,
            p.file.as_str(),
            p.sheet.as_deref(),
            p.found.as_deref(),
            p.message.as_str(),
        );
        match index.get(&key) {
            Some(&i) => {
                out[i].count += p.count;
                cells[i].push(a1);
            }
            None => {
                index.insert(key, out.len());
                out.push(p.clone());
                cells.push(vec![a1]);
            }
        }
    }
    for (p, c) in out.iter_mut().zip(cells) {
        if c.len() > 1 {
            p.cell = Some(ranges(c));
        }
    }
    // Stable: within each severity the order found is kept.
    out.sort_by_key(|p| p.severity);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_cells_are_one_problem_with_ranges() {
        let at = |cell: &str, found: &str| {
            Problem::error("f.xlsx", "no es una respuesta conocida")
                .at("Hoja", cell)
                .found(found)
        };
        let mut problems: Vec<Problem> = (2..=43).map(|r| at(&format!("G{r}"), "X")).collect();
        problems.insert(
            0,
            Problem::warning("f.xlsx", "aviso").at("Hoja", "columna B"),
        );
        problems.push(at("G45", "X"));
        problems.push(at("H2", "Y"));
        let out = grouped(&problems);
        assert_eq!(out.len(), 3);
        assert_eq!(out[0].cell.as_deref(), Some("G2:G43, G45"));
        assert_eq!(out[0].count, 43);
        assert_eq!(
            out[0].to_string(),
            "error: f.xlsx › Hoja › G2:G43, G45: se encontró «X» en 43 celdas; no es una respuesta conocida"
        );
        assert_eq!(
            out[1].to_string(),
            "error: f.xlsx › Hoja › H2: se encontró «Y»; no es una respuesta conocida"
        );
        assert!(!out[2].is_error());
        let many: Vec<(u32, u32)> = (0..10).map(|i| (0, i * 2 + 1)).collect();
        assert_eq!(
            shortened(&ranges(many)),
            "A1, A3, A5, A7, A9, A11, A13, A15 y 2 rango(s) más"
        );
        assert_eq!(parse_a1("AA10"), Some((26, 10)));
        assert_eq!(parse_a1("fila 3"), None);
        assert_eq!(parse_a1("M5:O5"), None);
    }

    #[test]
    fn a1_references() {
        assert_eq!(cell_ref(0, 0), "A1");
        assert_eq!(cell_ref(4, 2), "C5");
        assert_eq!(cell_ref(9, 25), "Z10");
        assert_eq!(cell_ref(0, 26), "AA1");
        assert_eq!(cell_ref(0, 27), "AB1");
        assert_eq!(cell_ref(0, 701), "ZZ1");
        assert_eq!(cell_ref(0, 702), "AAA1");
    }
}
