//! Bounds on what a workbook may ask of memory, checked before calamine expands anything.
//!
//! calamine loads an xlsx's shared strings when the file is opened (reserving room for the
//! `uniqueCount` the file claims) and expands an ods's repeated rows and columns into cells,
//! so a tiny hostile file can ask for gigabytes. The zip parts are therefore measured by
//! decompressing them (declared sizes can lie) and the XML that drives allocations is scanned
//! first; the limits are stated in docs/seguridad.md.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use quick_xml::events::{BytesStart, Event};

/// Largest workbook file read, in bytes.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// Largest uncompressed part of a zip workbook (one sheet's XML, the shared strings…).
pub const MAX_PART_BYTES: u64 = 128 * 1024 * 1024;
/// Largest uncompressed total of all the parts of a zip workbook.
pub const MAX_TOTAL_BYTES: u64 = 256 * 1024 * 1024;
/// Most shared strings an xlsx may declare or hold.
pub const MAX_SHARED_STRINGS: u64 = 1_000_000;
/// Longest text of one cell: Excel's own limit (checked per cell, to name it).
pub const MAX_TEXT_CHARS: usize = 32_767;
/// Longest shared string read at all.
pub const MAX_SHARED_TEXT_CHARS: usize = 1_000_000;
/// Most cells a sheet may hold once repeated rows and columns are expanded (ods), or most
/// non-empty cells (xlsx, streamed).
pub const MAX_CELLS: u64 = 4_000_000;
/// Most rows with a value in a sheet (about five times the largest network foreseen).
pub const MAX_ROWS: u64 = 50_000;

/// The workbook must be inside the project folder, links resolved: a settings file cannot make
/// ssme read (and publish) a file from elsewhere.
pub fn inside_project(root: &Path, path: &Path) -> Result<(), String> {
    let (Ok(root), Ok(real)) = (root.canonicalize(), path.canonicalize()) else {
        return Ok(()); // A missing file is reported as such.
    };
    if real.starts_with(&root) {
        Ok(())
    } else {
        Err(
            "«libro» de ola.yaml apunta fuera de la carpeta del proyecto (directamente o por un \
             enlace); copie el libro dentro de la carpeta de la ola"
                .into(),
        )
    }
}

/// Checks the file before any spreadsheet library opens it. `Err` is a Spanish sentence.
pub fn check_file(path: &Path) -> Result<(), String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("no se pudo leer el libro: {e}"))?;
    if !meta.is_file() {
        // A FIFO or a device would block or never end.
        return Err("no es un archivo regular (se espera un libro xlsx, xls u ods)".into());
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(format!(
            "el libro ocupa {} y el máximo admitido es {}",
            mib(meta.len()),
            mib(MAX_FILE_BYTES)
        ));
    }
    let mut magic = [0u8; 8];
    let _ = File::open(path).and_then(|mut f| f.read_exact(&mut magic));
    if magic.starts_with(b"PK\x03\x04") {
        check_zip(path)?;
    } else if magic == [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] {
        check_compound(path)?;
    }
    Ok(())
}

/// An xls is a compound file: its allocation tables are validated (calamine follows a looping
/// chain of sectors until memory runs out) and its streams bounded.
fn check_compound(path: &Path) -> Result<(), String> {
    let file =
        cfb::open(path).map_err(|e| damaged("xls", "su estructura interna no es válida", &e))?;
    for entry in file.walk() {
        if entry.is_stream() && entry.len() > MAX_PART_BYTES {
            return Err(format!(
                "la parte «{}» del libro supera {}; no se lee un libro así",
                entry.name(),
                mib(MAX_PART_BYTES)
            ));
        }
    }
    Ok(())
}

/// A Spanish explanation of a spreadsheet library's (English) error, to print before it.
pub fn explain(error: &str) -> &'static str {
    let e = error.to_lowercase();
    if e.contains("eocd") || e.contains("zip") {
        "está dañado o incompleto (no tiene la estructura de un archivo comprimido válido; \
         ¿se copió a medias o se le cambió la extensión?)"
    } else if e.contains("cannot detect file format") || e.contains("invalid") {
        "su contenido no corresponde a ningún formato de libro conocido"
    } else if e.contains("password") || e.contains("encrypt") {
        "está protegido con contraseña; guárdelo sin contraseña"
    } else {
        "la biblioteca de lectura no pudo interpretarlo"
    }
}

fn mib(bytes: u64) -> String {
    format!(
        "{} MiB",
        crate::numfmt::dec(bytes as f64 / (1024.0 * 1024.0), 0)
    )
}

fn check_zip(path: &Path) -> Result<(), String> {
    let file = File::open(path).map_err(|e| format!("no se pudo leer el libro: {e}"))?;
    // A damaged zip is left for calamine to report in its own words.
    let Ok(mut zip) = zip::ZipArchive::new(BufReader::new(file)) else {
        return Ok(());
    };
    let mut total = 0u64;
    for i in 0..zip.len() {
        let Ok(mut entry) = zip.by_index(i) else {
            continue;
        };
        let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        // Decompress up to one byte past the limit: the real size, whatever the header says.
        let limit = MAX_PART_BYTES.min(MAX_TOTAL_BYTES - total) + 1;
        let size = std::io::copy(&mut (&mut entry).take(limit), &mut std::io::sink()).unwrap_or(0);
        if size >= limit {
            return Err(format!(
                "la parte «{name}» del libro descomprimida supera {} (o el libro entero supera {}); \
                 no se lee un libro así",
                mib(MAX_PART_BYTES),
                mib(MAX_TOTAL_BYTES)
            ));
        }
        total += size;
    }
    if let Ok(entry) = zip.by_name("xl/sharedStrings.xml") {
        check_shared_strings(entry)?;
    }
    if let Ok(entry) = zip.by_name("content.xml") {
        check_ods_content(entry)?;
    }
    Ok(())
}

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.try_get_attribute(name)
        .ok()
        .flatten()
        .map(|a| a.value.into_owned())
}

/// The declared counts and the length of every shared string.
fn check_shared_strings(entry: impl Read) -> Result<(), String> {
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(entry));
    let mut buf = Vec::new();
    let (mut strings, mut current) = (0u64, 0usize);
    loop {
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e)) if e.local_name().as_ref() == "sst" => {
                for name in ["uniqueCount", "count"] {
                    let declared = attr(&e, name).unwrap_or_default();
                    if declared
                        .parse::<u64>()
                        .is_ok_and(|n| n > MAX_SHARED_STRINGS)
                        || declared.len() > 12
                    {
                        return Err(format!(
                            "el libro declara {declared} textos compartidos ({name}); el máximo \
                             admitido es {}",
                            crate::numfmt::int(MAX_SHARED_STRINGS as i64)
                        ));
                    }
                }
            }
            Ok(Event::Start(e)) if e.local_name().as_ref() == "si" => {
                strings += 1;
                current = 0;
                if strings > MAX_SHARED_STRINGS {
                    return Err(format!(
                        "el libro tiene más de {} textos compartidos",
                        crate::numfmt::int(MAX_SHARED_STRINGS as i64)
                    ));
                }
            }
            Ok(Event::Text(t)) => {
                // Bytes bound characters from above; count characters only when it matters.
                current += t.len();
                if current > MAX_SHARED_TEXT_CHARS {
                    return Err(format!(
                        "el libro tiene un texto compartido de más de {} bytes; no se lee un libro así",
                        crate::numfmt::int(MAX_SHARED_TEXT_CHARS as i64)
                    ));
                }
            }
            Ok(Event::Eof) | Err(_) => return Ok(()),
            _ => {}
        }
        buf.clear();
    }
}

/// Rows and columns of every table once calamine expands their repeats: up to the last row
/// with a value, as wide as the widest row up to its last value. The XML must also be well
/// formed: calamine reads an ods's tables, rows and notes until their end tag and, reaching the
/// end of the file without it, loops for ever.
fn check_ods_content(entry: impl Read) -> Result<(), String> {
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(entry));
    let mut buf = Vec::new();
    let mut size = OdsSize::new();
    let mut depth = 0usize;
    loop {
        let event = xml.read_event_into(&mut buf);
        match event {
            Ok(Event::Start(ref e)) | Ok(Event::Empty(ref e)) => {
                depth += usize::from(matches!(event, Ok(Event::Start(_))));
                size.start(e, matches!(event, Ok(Event::Empty(_))))?;
            }
            Ok(Event::Text(ref t)) if !t.trim().is_empty() => {
                size.cell_value = true;
            }
            Ok(Event::End(ref e)) => {
                depth = depth.saturating_sub(1);
                match e.name().as_ref() {
                    "table:table-cell" | "table:covered-table-cell" => size.end_cell(),
                    "table:table-row" => size.end_row()?,
                    _ => {}
                }
            }
            Ok(Event::Eof) if depth == 0 => return Ok(()),
            Ok(Event::Eof) => return Err(damaged_ods(&"le faltan etiquetas de cierre")),
            Err(e) => return Err(damaged_ods(&e)),
            _ => {}
        }
        buf.clear();
    }
}

fn damaged_ods(detail: &dyn std::fmt::Display) -> String {
    let what = "el XML de su contenido está incompleto o mal formado";
    damaged("ods", what, detail)
}

/// A workbook its format's reader cannot follow: what is wrong, how to mend it, the detail.
fn damaged(format: &str, what: &str, detail: &dyn std::fmt::Display) -> String {
    format!(
        "el libro {format} está dañado ({what}); ábralo y guárdelo de nuevo. Detalle técnico: \
         {detail}"
    )
}

/// The size of the ods table being streamed, counting repeated rows and cells only up to the
/// last one holding a value (a sheet's trailing empty repeats are formatting, not data).
struct OdsSize {
    table: String,
    /// Per table: rows so far, rows up to the last one with a value, widest row.
    rows: u64,
    used_rows: u64,
    width: u64,
    /// Per row: its repeat count, columns so far, columns up to the last value.
    row_repeat: u64,
    cols: u64,
    used_cols: u64,
    row_has_value: bool,
    /// Per cell: its repeat count and whether it holds a value.
    cell_repeat: u64,
    cell_value: bool,
}

impl OdsSize {
    fn new() -> OdsSize {
        OdsSize {
            table: String::new(),
            rows: 0,
            used_rows: 0,
            width: 0,
            row_repeat: 1,
            cols: 0,
            used_cols: 0,
            row_has_value: false,
            cell_repeat: 1,
            cell_value: false,
        }
    }

    /// An opening tag (or an empty one, which also ends its row or cell).
    fn start(&mut self, e: &BytesStart, is_empty_tag: bool) -> Result<(), String> {
        match e.name().as_ref() {
            "table:table" => {
                self.table = attr(e, "table:name").unwrap_or_default();
                (self.rows, self.used_rows, self.width) = (0, 0, 0);
            }
            "table:table-row" => {
                self.row_repeat = repeat(e, "table:number-rows-repeated")?;
                (self.cols, self.used_cols, self.row_has_value) = (0, 0, false);
                if is_empty_tag {
                    self.rows = self.rows.saturating_add(self.row_repeat);
                }
            }
            "table:table-cell" | "table:covered-table-cell" => {
                self.cell_repeat = repeat(e, "table:number-columns-repeated")?;
                self.cell_value = attr(e, "office:value-type").is_some();
                if is_empty_tag {
                    self.end_cell();
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn end_cell(&mut self) {
        self.cols = self.cols.saturating_add(self.cell_repeat);
        if self.cell_value {
            (self.used_cols, self.row_has_value) = (self.cols, true);
        }
    }

    /// A row ends: the table so far must stay within the cell and row limits.
    fn end_row(&mut self) -> Result<(), String> {
        self.rows = self.rows.saturating_add(self.row_repeat);
        if self.row_has_value {
            self.used_rows = self.rows;
            self.width = self.width.max(self.used_cols);
        }
        if self.used_rows.saturating_mul(self.width.max(1)) > MAX_CELLS {
            return Err(format!(
                "la hoja «{}» se expande a {} filas × {} columnas; el máximo admitido es {} celdas",
                self.table,
                crate::numfmt::int(self.used_rows as i64),
                crate::numfmt::int(self.width as i64),
                crate::numfmt::int(MAX_CELLS as i64)
            ));
        }
        if self.used_rows > MAX_ROWS {
            return Err(too_many_rows(&self.table));
        }
        Ok(())
    }
}

/// A repeat attribute's count; 1 when absent.
fn repeat(e: &BytesStart, name: &str) -> Result<u64, String> {
    match attr(e, name) {
        None => Ok(1),
        Some(v) => v
            .trim()
            .parse::<u64>()
            .map_err(|_| format!("número de repeticiones inválido «{v}» ({name})")),
    }
}

pub fn too_many_rows(sheet: &str) -> String {
    format!(
        "la hoja «{sheet}» llega a más de {} filas, el máximo admitido",
        crate::numfmt::int(MAX_ROWS as i64)
    )
}

/// Largest count accepted (companies, jobs, months): far above any cluster, far below the
/// numbers that would print as «inf».
pub const MAX_COUNT: f64 = 1e8;
/// Largest amount accepted (sales in millions of pesos: above the country's GDP).
pub const MAX_AMOUNT: f64 = 1e12;

/// Why a number read for a field of this type is beyond plausible bounds, if it is.
pub fn number_problem(tipo: crate::fields::FieldType, x: f64) -> Option<String> {
    use crate::fields::FieldType;
    let max = match tipo {
        FieldType::Entero => MAX_COUNT,
        FieldType::Numero => MAX_AMOUNT,
        _ => return (!x.is_finite()).then(|| "el número no es finito".into()),
    };
    (!x.is_finite() || x > max).then(|| {
        format!(
            "el número está fuera de lo plausible (el máximo admitido es {})",
            crate::numfmt::int(max as i64)
        )
    })
}
