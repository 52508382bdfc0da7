//! CSV exports (Google Forms, KoboToolbox, LimeSurvey, Qualtrics offer them): the encoding
//! (UTF-8 with or without byte-order mark, UTF-16, else Windows-1252) and the separator (comma
//! or semicolon) are detected and named, and the cells become a [`Grid`] like a sheet's.

use std::path::Path;

use calamine::Data;
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

use super::grid::Grid;

/// What was detected, for the report: "UTF-8 con BOM, separado por «;»".
pub struct Detected {
    pub encoding: &'static str,
    pub separator: u8,
    /// Read from a legacy encoding (Windows-1252): worth a warning, as accents may be wrong.
    pub legacy: bool,
}

impl Detected {
    pub fn describe(&self) -> String {
        let sep = match self.separator {
            b'\t' => "tabuladores".to_string(),
            other => format!("«{}»", other as char),
        };
        format!("{}, separado por {sep}", self.encoding)
    }
}

/// The text of a CSV file, decoded by its byte-order mark, else as UTF-8 when valid, else as
/// Windows-1252 (Excel's «CSV» in Spanish Windows).
fn decode(bytes: &[u8]) -> (String, &'static str, bool) {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom..]);
        let name = if enc == UTF_8 {
            "UTF-8 con BOM"
        } else if enc == UTF_16LE {
            "UTF-16 LE"
        } else if enc == UTF_16BE {
            "UTF-16 BE"
        } else {
            "desconocida"
        };
        return (text.into_owned(), name, false);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), "UTF-8", false),
        Err(_) => {
            let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
            (text.into_owned(), "Windows-1252", true)
        }
    }
}

/// Comma or semicolon (Excel in Spanish writes «;»; tab for UTF-16 «texto Unicode»): the one
/// most frequent in the first line outside quotes.
fn separator(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in first.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(0);
    [b',', b';', b'\t'][best]
}

/// A plain number as a spreadsheet opening the CSV would take it ("45", "-3", "0.45", "12,5");
/// anything else (codes such as "001", dates, "45 %") stays text.
fn as_number(text: &str) -> Option<f64> {
    let t = text.trim();
    let body = t.strip_prefix('-').unwrap_or(t);
    let simple = !body.is_empty()
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        && body.matches(['.', ',']).count() <= 1
        && body.starts_with(|c: char| c.is_ascii_digit())
        && !(body.len() > 1 && body.starts_with('0') && !body[1..].starts_with(['.', ',']));
    simple.then(|| super::cell::parse_number_text(t)).flatten()
}

pub fn read(path: &Path, sheet: &str) -> Result<(Grid, Detected), String> {
    let bytes = std::fs::read(path).map_err(|e| format!("no se pudo leer el archivo CSV: {e}"))?;
    let (text, encoding, legacy) = decode(&bytes);
    let sep = separator(&text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(sep)
        .from_reader(text.as_bytes());
    let mut grid = Grid::new();
    for (r, record) in reader.records().enumerate() {
        let record = record.map_err(|e| format!("el archivo CSV no se puede leer: {e}"))?;
        for (c, field) in record.iter().enumerate() {
            let data = match as_number(field) {
                Some(x) => Data::Float(x),
                None => Data::String(field.to_string()),
            };
            grid.push(sheet, (r as u32, c as u32), data)?;
        }
    }
    let grid = grid.finish();
    let detected = Detected {
        encoding,
        separator: sep,
        legacy,
    };
    Ok((grid, detected))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_and_separators_are_detected() {
        let text = "Código;Departamento\nIC-1;Bogotá\n";
        let (t, name, _) = decode(text.as_bytes());
        assert_eq!((t.as_str(), name), (text, "UTF-8"));
        let bom: Vec<u8> = [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat();
        assert_eq!(decode(&bom).1, "UTF-8 con BOM");
        let (latin, _, _) = WINDOWS_1252.encode(text);
        let (t, name, legacy) = decode(&latin);
        assert_eq!((t.as_str(), name, legacy), (text, "Windows-1252", true));
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&utf16).0, text);
        assert_eq!(separator(text), b';');
        assert_eq!(separator("\"a;b\",c,d\n"), b',');
        assert_eq!(as_number("45"), Some(45.0));
        assert_eq!(as_number("0.45"), Some(0.45));
        assert_eq!(as_number("12,5"), Some(12.5));
        assert_eq!(as_number("001"), None);
        assert_eq!(as_number("45 %"), None);
        assert_eq!(as_number("23/10/2020"), None);
    }
}
