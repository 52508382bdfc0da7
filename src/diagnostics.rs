//! Validation problems: each names its file, sheet and cell, the value found and what was
//! expected, in Spanish. All are collected and reported at once.

use std::fmt;

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
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
        parts.extend(self.sheet.clone());
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
        write!(f, "{label}: {}: ", visible(&self.location()))?;
        if let Some(found) = &self.found {
            write!(f, "se encontró «{}»; ", visible(found))?;
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

#[cfg(test)]
mod tests {
    use super::*;

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
