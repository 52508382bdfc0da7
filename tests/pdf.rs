//! `ssme build --pdf` on a copy of the bundled project: each ola's printable deck is printed
//! by headless Chromium to an A4 landscape PDF with the deck's figures, the ola pages link to
//! it, rebuilt PDFs are byte-identical, and a build without --pdf links no PDF.

mod common;

use std::path::Path;
use std::process::Command;

use common::{copy_dir, repo, ssme};

fn project_copy() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for dir in ["data", "content", "templates"] {
        copy_dir(&repo().join(dir), &tmp.path().join(dir));
    }
    tmp
}

fn poppler(tool: &str, pdf: &Path) -> String {
    let out = Command::new(tool)
        .arg(pdf)
        .args(if tool == "pdftotext" { &["-"][..] } else { &[] })
        .output()
        .unwrap_or_else(|e| panic!("{tool} no se pudo ejecutar (instale poppler-utils): {e}"));
    assert!(out.status.success(), "{tool} falló con {}", pdf.display());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// (width, height) in points from `pdfinfo`'s "Page size: 841.92 x 594.96 pts (A4)".
fn page_size(info: &str) -> (f64, f64, String) {
    let line = info
        .lines()
        .find(|l| l.starts_with("Page size:"))
        .expect("pdfinfo da el tamaño de página");
    let parts: Vec<&str> = line.split_whitespace().collect();
    (
        parts[2].parse().unwrap(),
        parts[4].parse().unwrap(),
        line.to_string(),
    )
}

fn pages(info: &str) -> usize {
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .expect("pdfinfo da el número de páginas")
        .trim()
        .parse()
        .unwrap()
}

#[test]
fn build_pdf_prints_each_ola_deck_in_a4_landscape() {
    let tmp = project_copy();
    let root = tmp.path();
    let run = ssme(root, &["build", "--pdf"]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("→ PDF: 2 informes impresos"),
        "{}",
        run.stdout
    );

    // Golden figures from the III and IV ola decks (empleos, empresas participantes).
    for (ola, figures) in [
        ("ola-3", ["582.791", "12.684"]),
        ("ola-4", ["385.502", "37.728"]),
    ] {
        let dir = root.join("output/sitio").join(ola);
        let pdf = dir.join("informe.pdf");
        let info = poppler("pdfinfo", &pdf);
        let (w, h, line) = page_size(&info);
        assert!(line.contains("(A4)"), "{ola}: {line}");
        assert!(w > h, "{ola}: la página no es horizontal: {line}");
        // One page break per section: at least the eight sections of the deck.
        assert!(pages(&info) >= 8, "{ola}: {} páginas", pages(&info));
        let text = poppler("pdftotext", &pdf);
        for figure in figures {
            assert!(text.contains(figure), "{ola}: falta {figure} en el PDF");
        }
        assert!(text.contains("Anexo: valores de las variables"), "{ola}");
        // The PDF carries no link to this machine's (staging) folders.
        let bytes = std::fs::read(&pdf).unwrap();
        assert!(
            !String::from_utf8_lossy(&bytes).contains("file://"),
            "{ola}"
        );
        let page = std::fs::read_to_string(dir.join("index.html")).unwrap();
        assert!(
            page.contains("href=\"informe.pdf\""),
            "{ola}: sin enlace al PDF"
        );
    }

    // Same input, same bytes.
    let first = std::fs::read(root.join("output/sitio/ola-3/informe.pdf")).unwrap();
    let run = ssme(root, &["build", "--pdf", "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let second = std::fs::read(root.join("output/sitio/ola-3/informe.pdf")).unwrap();
    assert!(first == second, "dos impresiones dieron PDF distintos");

    // Without --pdf there is no PDF and no link to one.
    let run = ssme(root, &["build", "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for entry in walkdir::WalkDir::new(root.join("output/sitio")) {
        let entry = entry.unwrap();
        let path = entry.path();
        assert!(
            path.extension().is_none_or(|e| e != "pdf"),
            "{}",
            path.display()
        );
        if path.extension().is_some_and(|e| e == "html") {
            let html = std::fs::read_to_string(path).unwrap();
            assert!(!html.contains(".pdf\""), "{} enlaza un PDF", path.display());
        }
    }
}

#[test]
fn a_missing_chromium_is_a_clear_spanish_error() {
    let tmp = project_copy();
    let out = Command::new(env!("CARGO_BIN_EXE_ssme"))
        .arg("--root")
        .arg(tmp.path())
        .args(["build", "--pdf"])
        .env("SSME_CHROMIUM", tmp.path().join("no-existe/chromium"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("SSME_CHROMIUM"), "{stderr}");
    assert!(
        !tmp.path().join("output").exists(),
        "quedó una salida a medias"
    );
}
