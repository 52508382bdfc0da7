//! Every CSV that ssme writes goes through [`Writer`]: a text cell that a spreadsheet would run
//! as a formula (one starting with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading
//! single quote, the usual neutralization, so it opens as text; numbers such as `-3` or `1.5`
//! stay numbers. Control characters never reach the file. See docs/seguridad.md.

use std::borrow::Cow;
use std::io::Write;

const TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The cell as written: neutralized if a spreadsheet would take it for a formula.
pub fn cell(text: &str) -> Cow<'_, str> {
    let clean = if text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\r' | '\n'))
    {
        Cow::Owned(
            text.chars()
                .filter(|c| !c.is_control() || matches!(c, '\t' | '\r' | '\n'))
                .collect(),
        )
    } else {
        Cow::Borrowed(text)
    };
    if clean.starts_with(TRIGGERS) && !is_number(&clean) {
        Cow::Owned(format!("'{clean}"))
    } else {
        clean
    }
}

/// A cell of a CSV that ssme wrote, as it was before [`cell`] (for the files ssme reads back:
/// the cards' manifest, the sending ledger).
pub fn restore(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(TRIGGERS) && !is_number(rest) => rest,
        _ => text,
    }
}

/// A plain number, signed or not, in either decimal style ("-3", "+1,5", "12.5", "-0,8 %").
fn is_number(text: &str) -> bool {
    let body = text.trim_start_matches(['-', '+']);
    text.len() - body.len() <= 1
        && body.chars().any(|c| c.is_ascii_digit())
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '%' | ' '))
}

/// A CSV writer whose every cell goes through [`cell`].
pub struct Writer<W: Write>(csv::Writer<W>);

impl Writer<std::fs::File> {
    pub fn from_path(path: &std::path::Path) -> csv::Result<Self> {
        csv::Writer::from_path(path).map(Writer)
    }
}

impl Writer<Vec<u8>> {
    /// Into memory, with a header row expected (the csv crate's default).
    pub fn in_memory() -> Self {
        Writer(csv::Writer::from_writer(Vec::new()))
    }
}

impl<W: Write> Writer<W> {
    pub fn new(inner: csv::Writer<W>) -> Self {
        Writer(inner)
    }

    pub fn write_record<I, T>(&mut self, record: I) -> csv::Result<()>
    where
        I: IntoIterator<Item = T>,
        T: AsRef<str>,
    {
        self.0
            .write_record(record.into_iter().map(|t| cell(t.as_ref()).into_owned()))
    }

    pub fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }

    pub fn into_inner(self) -> anyhow::Result<W> {
        self.0.into_inner().map_err(|e| anyhow::anyhow!("{e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_quoted_and_numbers_kept() {
        for formula in [
            "=HYPERLINK(\"http://x\")",
            "+1+1",
            "-2+3",
            "@SUM(A1)",
            "\tx",
            "\r=1",
        ] {
            assert_eq!(cell(formula), format!("'{formula}"));
            assert_eq!(restore(&cell(formula)), formula);
        }
        for plain in [
            "-3",
            "1.5",
            "-0,8 %",
            "+2",
            "Clúster Bogotá-Región",
            "'hola",
        ] {
            assert_eq!(cell(plain), plain);
            assert_eq!(restore(plain), plain);
        }
        assert_eq!(cell("a\u{0}b\u{1b}[2J"), "ab[2J");
    }
}
