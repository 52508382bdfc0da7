//! Fuzzing inside the normal test suite (issue 12), for a bounded time: the fixture workbooks
//! (xlsx and ods parts, xls bytes) and the settings (ola.yaml, the methodology) are mutated with
//! arbtest, and `ssme check` runs on each case under 1 GiB and a timeout. It must never panic,
//! abort or hang, and every rejection must name its file. A failure prints the seed to replay
//! (`arbtest(…).seed(0x…)`).

mod common;

use std::io::{Read, Write};
use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;

use arbtest::arbitrary::{Result as ArbResult, Unstructured};
use common::{fixture_project, fixtures};

/// Time given to each family of cases; the whole file runs in about a minute.
const BUDGET_MS: u64 = 20_000;

/// Fragments that stress the readers: huge positions and counts, odd values, control bytes.
const TOKENS: &[&str] = &[
    r#"<c r="XFD1048576"><v>1</v></c>"#,
    r#"<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row>"#,
    r#"uniqueCount="4294967295""#,
    r#"count="99999999999999999999""#,
    r#" t="s""#,
    r#"<v>1e308</v>"#,
    r#"<v>NaN</v>"#,
    r#"<v>-0</v>"#,
    r#"<v>999999999</v>"#,
    r#"<dimension ref="A1:XFD1048576"/>"#,
    r#"table:number-rows-repeated="1000000""#,
    r#"table:number-columns-repeated="16384""#,
    r#"office:value-type="float" office:value="1e308""#,
    "\u{1b}[2J",
    "\u{0}",
    "\r\n",
    "&amp;",
    "&#0;",
    "<",
    "\"",
    "=HYPERLINK(\"x\")",
];

/// The fixture's zip parts, read once.
fn parts(name: &str) -> &'static Vec<(String, Vec<u8>)> {
    static XLSX: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    static ODS: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    let (cell, path) = match name {
        "xlsx" => (&XLSX, fixtures().join("valid/respuestas.xlsx")),
        _ => (&ODS, fixtures().join("legacy/respuestas.ods")),
    };
    cell.get_or_init(|| {
        let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
        (0..zip.len())
            .map(|i| {
                let mut e = zip.by_index(i).unwrap();
                let mut bytes = Vec::new();
                e.read_to_end(&mut bytes).unwrap();
                (e.name().unwrap().to_string(), bytes)
            })
            .collect()
    })
}

/// A few random edits: a byte changed, a range deleted or repeated, a token inserted.
fn mutate(u: &mut Unstructured, bytes: &mut Vec<u8>) -> ArbResult<()> {
    for _ in 0..u.int_in_range(1..=6)? {
        if bytes.is_empty() {
            bytes.extend_from_slice(u.choose(TOKENS)?.as_bytes());
            continue;
        }
        let at = u.choose_index(bytes.len())?;
        match u.int_in_range(0..=4)? {
            0 => bytes[at] = u.arbitrary()?,
            1 => {
                let end = (at + u.int_in_range(1..=64)?).min(bytes.len());
                bytes.drain(at..end);
            }
            2 => {
                let end = (at + u.int_in_range(1..=256)?).min(bytes.len());
                let copy = bytes[at..end].to_vec();
                for _ in 0..u.int_in_range(1..=20)? {
                    bytes.splice(at..at, copy.iter().copied());
                }
            }
            _ => {
                let token = u.choose(TOKENS)?;
                bytes.splice(at..at, token.bytes());
            }
        }
    }
    Ok(())
}

fn zip_parts(path: &Path, parts: &[(String, Vec<u8>)]) {
    let mut out = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    for (name, bytes) in parts {
        let method = if name == "mimetype" {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        let options = zip::write::SimpleFileOptions::default().compression_method(method);
        out.start_file(name.as_str(), options).unwrap();
        out.write_all(bytes).unwrap();
    }
    out.finish().unwrap();
}

/// Runs `ssme check` on the project under 1 GiB and 120 s (a hang, not a slow debug build under
/// load) and asserts what must always hold.
fn check_holds(root: &Path, case: &str) {
    let out = common::limited_check(root, 120);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let code = out.status.code();
    if let (Some(keep), false) = (
        std::env::var_os("SSME_FUZZ_KEEP"),
        matches!(code, Some(0 | 1)),
    ) {
        // Keeps the failing project to replay it by hand.
        let _ = Command::new("cp").arg("-r").arg(root).arg(keep).status();
    }
    assert!(
        matches!(code, Some(0 | 1)),
        "{case}: check ended with {:?} (panic, abort or hang)\n{stdout}{stderr}",
        out.status
    );
    assert!(!stderr.contains("panicked"), "{case}: {stderr}");
    for line in stdout.lines().filter(|l| l.starts_with("error: ")) {
        assert!(
            line.starts_with("error: data/"),
            "{case}: the error names no file: {line}"
        );
    }
    if code == Some(1) && !stdout.contains("error: ") {
        // A settings error stops before any workbook: it names its file.
        assert!(
            stderr.contains(".yaml") || stderr.contains("data/"),
            "{case}: the error names no file:\n{stderr}"
        );
    }
}

/// Runs a property for [`BUDGET_MS`], or once with the seed in `SSME_FUZZ_SEED` (hex) to replay
/// a failure (`SSME_FUZZ_KEEP=<folder>` keeps the failing project).
fn fuzz(property: impl FnMut(&mut Unstructured) -> ArbResult<()>) {
    let test = arbtest::arbtest(property);
    let seed = std::env::var("SSME_FUZZ_SEED")
        .ok()
        .and_then(|s| u64::from_str_radix(s.trim_start_matches("0x"), 16).ok());
    match seed {
        Some(seed) => test.seed(seed).run(),
        None => test.budget_ms(BUDGET_MS).run(),
    }
}

fn workbook_case(u: &mut Unstructured, kind: &str) -> ArbResult<()> {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join(format!("respuestas.{kind}"));
    if kind == "xls" {
        let mut bytes = std::fs::read(fixtures().join("legacy/respuestas.xls")).unwrap();
        mutate(u, &mut bytes)?;
        std::fs::write(&path, bytes).unwrap();
    } else {
        let mut parts = parts(kind).clone();
        // The parts that hold data: a sheet, the shared strings, the ods content.
        let targets: Vec<usize> = (0..parts.len())
            .filter(|&i| {
                let n = &parts[i].0;
                n.contains("worksheets/") || n.ends_with("sharedStrings.xml") || n == "content.xml"
            })
            .collect();
        let i = *u.choose(&targets)?;
        mutate(u, &mut parts[i].1)?;
        zip_parts(&path, &parts);
    }
    let project = fixture_project(&path);
    check_holds(project.path(), kind);
    Ok(())
}

#[test]
fn mutated_xlsx_never_crash_check() {
    fuzz(|u| workbook_case(u, "xlsx"));
}

#[test]
fn mutated_ods_and_xls_never_crash_check() {
    fuzz(|u| {
        let kind = if u.arbitrary::<bool>()? { "ods" } else { "xls" };
        workbook_case(u, kind)
    });
}

/// Values that settings files should refuse or survive.
const SETTINGS_VALUES: &[&str] = &[
    "NaN",
    ".nan",
    ".inf",
    "-.inf",
    "1e400",
    "-1",
    "0",
    "400",
    "99999999999999999999",
    "\"\"",
    "[]",
    "{}",
    "~",
    "\"../../../../etc/passwd\"",
    "\"/dev/zero\"",
    "\"\\e[2J\"",
    "&a",
    "*a",
];

#[test]
fn mutated_settings_never_crash_check() {
    let ola_yaml = std::fs::read_to_string(fixtures().join("ola.yaml")).unwrap();
    let methodology =
        std::fs::read_to_string(common::sample().join("data/metodologias/ssme-2020.yaml")).unwrap();
    fuzz(|u| {
        let project = fixture_project(&fixtures().join("valid/respuestas.xlsx"));
        let (path, text) = if u.arbitrary::<bool>()? {
            (
                project.path().join("data/olas/9/ola.yaml"),
                ola_yaml.clone(),
            )
        } else {
            (
                project.path().join("data/metodologias/ssme-2020.yaml"),
                methodology.clone(),
            )
        };
        // Replace the value of a few random «key: value» lines, or mutate bytes.
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        for _ in 0..u.int_in_range(1..=4)? {
            let i = u.choose_index(lines.len())?;
            if let Some((key, _)) = lines[i].split_once(": ") {
                lines[i] = format!("{key}: {}", u.choose(SETTINGS_VALUES)?);
            }
        }
        let mut bytes = lines.join("\n").into_bytes();
        if u.ratio(1, 4)? {
            mutate(u, &mut bytes)?;
        }
        std::fs::write(&path, bytes).unwrap();
        check_holds(project.path(), &path.display().to_string());
        Ok(())
    });
}
