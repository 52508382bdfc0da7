//! Tiny hostile workbooks that used to exhaust memory (issue 12, failure 2), built here from the
//! valid fixture with rust_xlsxwriter and patched with the `zip` crate where a writer refuses.
//! `ssme check` runs under a 1 GiB address-space limit and a 60 s timeout: it must end in
//! seconds, with the data read or with a Spanish error naming the file and the sheet.

mod common;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{open_workbook_auto, Data, Reader};
use common::{fixture_project, fixtures, Run};
use rust_xlsxwriter::{Workbook, Worksheet};
use zip::write::SimpleFileOptions;

const FILE: &str = "data/olas/9/respuestas";

/// `ssme --root <root> check` with at most 1 GiB of address space and 60 s.
fn limited_check(root: &Path) -> Run {
    let out = common::limited_check(root, 60);
    let run = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert_ne!(run.code, 124, "check did not finish in 60 s");
    assert!(
        run.code == 0 || run.code == 1,
        "check must end normally under 1 GiB (exit {}):\n{}{}",
        run.code,
        run.stdout,
        run.stderr
    );
    run
}

/// The valid fixture rewritten with rust_xlsxwriter, plus what `extra` adds to its sheet.
fn fixture_with(dir: &Path, extra: impl FnOnce(&mut Worksheet)) -> PathBuf {
    let mut src = open_workbook_auto(fixtures().join("valid/respuestas.xlsx")).unwrap();
    let range = src.worksheet_range("Respuestas").unwrap();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("Respuestas").unwrap();
    for (r, c, cell) in range.used_cells() {
        let (r, c) = (r as u32, c as u16);
        match cell {
            Data::String(s) => sheet.write_string(r, c, s),
            Data::Float(f) => sheet.write_number(r, c, *f),
            Data::Int(n) => sheet.write_number(r, c, *n as f64),
            other => sheet.write_string(r, c, other.to_string()),
        }
        .unwrap();
    }
    extra(sheet);
    let path = dir.join("respuestas.xlsx");
    book.save(&path).unwrap();
    path
}

/// Rewrites a zip, entry by entry: `edit(name, bytes)` may replace an entry's content.
fn patch_zip(path: &Path, mut edit: impl FnMut(&str, Vec<u8>) -> Vec<u8>) {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut entries = Vec::new();
    for i in 0..zip.len() {
        let mut e = zip.by_index(i).unwrap();
        let mut bytes = Vec::new();
        e.read_to_end(&mut bytes).unwrap();
        entries.push((e.name().unwrap().to_string(), bytes));
    }
    let mut out = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    for (name, bytes) in entries {
        let bytes = edit(&name, bytes);
        out.start_file(name, deflated()).unwrap();
        out.write_all(&bytes).unwrap();
    }
    out.finish().unwrap();
}

fn deflated() -> SimpleFileOptions {
    SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1))
        .large_file(true)
}

fn project_of(workbook: &Path) -> tempfile::TempDir {
    fixture_project(workbook)
}

/// The fixture's five valid rows are read and nothing else.
fn assert_valid_rows(run: &Run) {
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("5 iniciativas leídas, 0 error(es)"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_cell_at_xfd1048576_costs_one_cell() {
    let tmp = tempfile::tempdir().unwrap();
    let book = fixture_with(tmp.path(), |s| {
        s.write_string(1_048_575, 16_383, "x").unwrap();
    });
    let project = project_of(&book);
    let run = limited_check(project.path());
    assert_valid_rows(&run);
}

#[test]
fn a_stray_value_in_a1048576_is_one_more_row_not_a_million() {
    let tmp = tempfile::tempdir().unwrap();
    let book = fixture_with(tmp.path(), |s| {
        s.write_string(1_048_575, 0, "x").unwrap();
    });
    let project = project_of(&book);
    let run = limited_check(project.path());
    // The row is an initiative whose required answers are missing, named by cell.
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout
            .contains(&format!("{FILE}.xlsx › Respuestas › B1048576")),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("6 iniciativas leídas"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_declared_dimension_of_the_whole_sheet_is_ignored() {
    let tmp = tempfile::tempdir().unwrap();
    let book = fixture_with(tmp.path(), |_| {});
    patch_zip(&book, |name, bytes| {
        if name != "xl/worksheets/sheet1.xml" {
            return bytes;
        }
        let xml = String::from_utf8(bytes).unwrap();
        let start = xml.find("<dimension ref=\"").unwrap() + 16;
        let end = start + xml[start..].find('"').unwrap();
        format!("{}A1:XFD1048576{}", &xml[..start], &xml[end..]).into_bytes()
    });
    let project = project_of(&book);
    assert_valid_rows(&limited_check(project.path()));
}

#[test]
fn a_huge_shared_string_count_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let book = fixture_with(tmp.path(), |_| {});
    patch_zip(&book, |name, bytes| {
        if name != "xl/sharedStrings.xml" {
            return bytes;
        }
        let xml = String::from_utf8(bytes).unwrap();
        let start = xml.find("uniqueCount=\"").unwrap() + 13;
        let end = start + xml[start..].find('"').unwrap();
        format!("{}4294967295{}", &xml[..start], &xml[end..]).into_bytes()
    });
    let project = project_of(&book);
    let run = limited_check(project.path());
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout.contains(&format!(
            "error: {FILE}.xlsx: el libro declara 4294967295 textos compartidos"
        )),
        "{}",
        run.stdout
    );
}

#[test]
fn a_one_gigabyte_shared_string_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let book = fixture_with(tmp.path(), |_| {});
    let path = book.clone();
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
    let mut entries = Vec::new();
    for i in 0..zip.len() {
        let mut e = zip.by_index(i).unwrap();
        let mut bytes = Vec::new();
        e.read_to_end(&mut bytes).unwrap();
        entries.push((e.name().unwrap().to_string(), bytes));
    }
    let mut out = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    for (name, bytes) in entries {
        // Level 9: a run of one letter compresses about a thousand times.
        out.start_file(name.as_str(), deflated().compression_level(Some(9)))
            .unwrap();
        if name != "xl/sharedStrings.xml" {
            out.write_all(&bytes).unwrap();
            continue;
        }
        // The first string becomes a gigabyte long, streamed into the zip.
        let xml = String::from_utf8(bytes).unwrap();
        let at = xml.find("<t>").unwrap() + 3;
        out.write_all(&xml.as_bytes()[..at]).unwrap();
        let chunk = vec![b'a'; 1 << 20];
        for _ in 0..1024 {
            out.write_all(&chunk).unwrap();
        }
        out.write_all(&xml.as_bytes()[at..]).unwrap();
    }
    out.finish().unwrap();
    let size = std::fs::metadata(&path).unwrap().len();
    assert!(size < 2 << 20, "{size} bytes");
    let project = project_of(&book);
    let run = limited_check(project.path());
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout.contains(&format!(
            "error: {FILE}.xlsx: la parte «xl/sharedStrings.xml» del libro descomprimida supera"
        )),
        "{}",
        run.stdout
    );
}

/// A minimal ods (mimetype, manifest, content) whose sheet «Respuestas» has the fixture's
/// header row and `row` repeated `times` times.
fn ods_with_repeated_row(path: &Path, times: u64) {
    write_ods(path, &ods_content(times));
}

/// The content.xml of [`ods_with_repeated_row`].
fn ods_content(times: u64) -> String {
    let yaml = std::fs::read_to_string(fixtures().join("ola.yaml")).unwrap();
    let headers: Vec<String> = yaml
        .lines()
        .filter_map(|l| l.split("encabezado: ").nth(1))
        .map(|h| {
            h.split(", campo")
                .next()
                .unwrap()
                .trim_matches('"')
                .to_string()
        })
        .collect();
    let cell = |t: &str| {
        format!(
            "<table:table-cell office:value-type=\"string\"><text:p>{t}</text:p></table:table-cell>"
        )
    };
    let header: String = headers.iter().map(|h| cell(h)).collect();
    let row: String = headers.iter().map(|_| cell("Clúster")).collect();
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
         <office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
         xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" \
         xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\">\
         <office:body><office:spreadsheet><table:table table:name=\"Respuestas\">\
         <table:table-row>{header}</table:table-row>\
         <table:table-row table:number-rows-repeated=\"{times}\">{row}</table:table-row>\
         </table:table></office:spreadsheet></office:body></office:document-content>"
    )
}

fn write_ods(path: &Path, content: &str) {
    let mut out = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    out.start_file("mimetype", stored).unwrap();
    out.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    out.start_file("META-INF/manifest.xml", deflated()).unwrap();
    out.write_all(
        b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
          <manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\">\
          <manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/>\
          <manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>\
          </manifest:manifest>",
    )
    .unwrap();
    out.start_file("content.xml", deflated()).unwrap();
    out.write_all(content.as_bytes()).unwrap();
    out.finish().unwrap();
}

#[test]
fn an_ods_row_repeated_a_million_times_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("respuestas.ods");
    ods_with_repeated_row(&path, 1_000_000);
    assert!(std::fs::metadata(&path).unwrap().len() < 50_000);
    let project = project_of(&path);
    let run = limited_check(project.path());
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout.contains(&format!(
            "error: {FILE}.ods: la hoja «Respuestas» se expande a"
        )),
        "{}",
        run.stdout
    );
}

#[test]
fn an_ods_with_a_few_repeated_rows_is_read() {
    // The same construction, repeated 3 times: read as three rows (the check is not a ban).
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("respuestas.ods");
    ods_with_repeated_row(&path, 3);
    let project = project_of(&path);
    let run = limited_check(project.path());
    assert!(
        run.stdout.contains("3 iniciativas leídas"),
        "{}",
        run.stdout
    );
}

#[test]
fn an_ods_cut_short_or_ill_formed_is_refused_not_read_for_ever() {
    // calamine reads a table until its end tag: without one it used to loop for ever (found by
    // the fuzz test, seed 0x22e14f0300010000).
    let whole = ods_content(3);
    let tail = "</table:table></office:spreadsheet></office:body></office:document-content>";
    let cut = whole.strip_suffix(tail).unwrap().to_string();
    let misnamed = whole.replace("</table:table>", "</table:ttable>");
    for content in [cut, misnamed] {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("respuestas.ods");
        write_ods(&path, &content);
        let project = project_of(&path);
        let run = limited_check(project.path());
        assert_eq!(run.code, 1, "{}", run.stdout);
        assert!(
            run.stdout.contains(&format!(
                "error: {FILE}.ods: el libro ods está dañado (el XML de su contenido está \
                 incompleto o mal formado)"
            )),
            "{}",
            run.stdout
        );
    }
}

#[test]
fn a_fifo_is_not_read() {
    let project = project_of(&fixtures().join("valid/respuestas.xlsx"));
    let book = project.path().join(format!("{FILE}.xlsx"));
    std::fs::remove_file(&book).unwrap();
    let status = Command::new("mkfifo").arg(&book).status().unwrap();
    assert!(status.success());
    let run = limited_check(project.path());
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout
            .contains(&format!("error: {FILE}.xlsx: no es un archivo regular")),
        "{}",
        run.stdout
    );
}

/// 0-based column of a header in the valid fixture.
fn column_of(header: &str) -> u16 {
    let mut src = open_workbook_auto(fixtures().join("valid/respuestas.xlsx")).unwrap();
    let range = src.worksheet_range("Respuestas").unwrap();
    let row: Vec<String> = range
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    row.iter().position(|h| h == header).unwrap() as u16
}

/// `ssme check` (no limit needed) on the fixture with `extra` applied.
fn check_with(extra: impl FnOnce(&mut Worksheet)) -> Run {
    let tmp = tempfile::tempdir().unwrap();
    let book = fixture_with(tmp.path(), extra);
    let project = project_of(&book);
    common::ssme(project.path(), &["check"])
}

#[test]
fn control_characters_in_a_cell_are_shown_not_obeyed() {
    let dept = column_of("departamento");
    let run = check_with(|s| {
        s.write_string(1, dept, "\u{1b}[2J\r\n✓ Los datos son válidos\u{7}")
            .unwrap();
    });
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        !run.stdout.contains(['\u{1b}', '\r', '\u{7}']),
        "{:?}",
        run.stdout
    );
    let line = run
        .stdout
        .lines()
        .find(|l| l.contains("› Respuestas › "))
        .unwrap();
    assert!(
        line.contains(r"«\u{1b}[2J\r\n✓ Los datos son válidos\u{7}»"),
        "{line}"
    );
    // The fake success is not a line of its own.
    assert!(
        !run.stdout.lines().any(|l| l.starts_with("✓")),
        "{}",
        run.stdout
    );
}

#[test]
fn a_header_that_matches_two_columns_is_an_error_naming_both() {
    let run = check_with(|s| {
        s.write_string(0, 60, "Nombre").unwrap();
    });
    assert_eq!(run.code, 1, "{}", run.stdout);
    let b = common::column_letters(column_of("nombre") as u32);
    let line = run
        .stdout
        .lines()
        .find(|l| l.contains("aparece en varias columnas"))
        .unwrap_or_else(|| panic!("{}", run.stdout));
    assert!(line.contains(&format!("({b}1 y BI1)")), "{line}");
}

#[test]
fn what_would_stop_the_cards_is_found_by_check_with_its_cell() {
    let (id, name) = (column_of("id"), column_of("nombre"));
    let tmp = tempfile::tempdir().unwrap();
    let book = fixture_with(tmp.path(), |s| {
        s.write_string(1, id, "IC-0116").unwrap();
        s.write_string(2, id, "IC.0116").unwrap();
        s.write_string(3, id, "X".repeat(303)).unwrap();
        s.write_string(4, name, "LARGO").unwrap();
    });
    // rust_xlsxwriter refuses Excel's limit; other writers do not.
    patch_zip(&book, |name, bytes| {
        if name != "xl/sharedStrings.xml" {
            return bytes;
        }
        let xml = String::from_utf8(bytes).unwrap();
        xml.replace("<t>LARGO</t>", &format!("<t>{}</t>", "n".repeat(100_000)))
            .into_bytes()
    });
    let project = project_of(&book);
    let run = common::ssme(project.path(), &["check"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    let (a, b) = (
        common::column_letters(id as u32),
        common::column_letters(name as u32),
    );
    let at = |cell: String, words: &str| {
        let head = format!("error: {FILE}.xlsx › Respuestas › {cell}: ");
        assert!(
            run.stdout
                .lines()
                .any(|l| l.starts_with(&head) && l.contains(words)),
            "{head}{words}\n{}",
            run.stdout
        );
    };
    at(format!("{a}3"), "el mismo nombre de ficha (IC-0116)");
    at(format!("{a}4"), "el código tiene 303 caracteres");
    at(format!("{b}5"), "el texto tiene 100.000 caracteres");
}

#[test]
fn implausible_counts_are_errors() {
    let col = column_of("empresas_participantes");
    let run = check_with(|s| {
        s.write_number(1, col, 1e308).unwrap();
    });
    assert_eq!(run.code, 1, "{}", run.stdout);
    let cell = format!("{}2", common::column_letters(col as u32));
    assert!(
        run.stdout
            .lines()
            .any(|l| l.contains(&format!("› {cell}: ")) && l.contains("fuera de lo plausible")),
        "{}",
        run.stdout
    );
}

#[test]
fn an_xls_whose_sectors_loop_is_refused() {
    // Found by tests/fuzz.rs: calamine follows the looping chain until memory runs out.
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("respuestas.xls");
    std::fs::copy(fixtures().join("hostile/fat-en-bucle.xls"), &path).unwrap();
    let project = project_of(&path);
    let run = limited_check(project.path());
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout
            .contains(&format!("error: {FILE}.xls: el libro xls está dañado")),
        "{}",
        run.stdout
    );
}
