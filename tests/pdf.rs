//! `ssme build --pdf` on a copy of the bundled project: each ola's deck is printed by headless
//! Chromium to a 16:9 slide deck with the deck's figures, read back with poppler: one page per
//! slide of `informe.html` (so none overflowed), the cover's title, ola and date, a number on
//! every page, no heading without text under it, no table row cut, tagged with an outline and
//! its fonts embedded; the ola pages link to it, rebuilt PDFs are byte-identical, and a build
//! without --pdf links no PDF.

mod common;

use std::path::Path;
use std::process::Command;

use common::{page_size, pages, poppler, project_copy, ssme};
use scraper::{ElementRef, Html, Selector};

/// Whitespace runs as one space: pdftotext breaks lines where the slide wraps them.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn text_of(e: ElementRef) -> String {
    flat(&e.text().collect::<String>())
}

/// Each slide of the deck's HTML: its headings and its table rows (cells' text).
struct Slide {
    headings: Vec<String>,
    header_rows: Vec<Vec<String>>,
    rows: Vec<Vec<String>>,
}

fn slides(html: &str) -> Vec<Slide> {
    let doc = Html::parse_document(html);
    let sel = |s: &str| Selector::parse(s).unwrap();
    let (slide, heading, thead, tbody, cell) = (
        sel("section.diapositiva"),
        sel("h1, h2, h3"),
        sel(".tabla table thead tr"),
        // Tables only: a chart's data table is not printed.
        sel(".tabla table tbody tr"),
        sel("th, td"),
    );
    let cells = |row: ElementRef| row.select(&cell).map(text_of).collect::<Vec<_>>();
    doc.select(&slide)
        .map(|s| Slide {
            headings: s.select(&heading).map(text_of).collect(),
            header_rows: s.select(&thead).map(cells).collect(),
            rows: s.select(&tbody).map(cells).collect(),
        })
        .collect()
}

/// The «Emb» column of `pdffonts`: one entry per font.
fn embedded(pdf: &Path) -> Vec<String> {
    let out = Command::new("pdffonts").arg(pdf).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let header = text.lines().next().unwrap();
    let at = header.find("emb").expect("columna emb");
    text.lines()
        .skip(2)
        .map(|l| l.get(at..at + 3).unwrap_or("").trim().to_string())
        .collect()
}

/// Checks one ola's deck page by page against its slides.
fn check_deck(ola: &str, dir: &Path, date: &str, figures: [&str; 2]) {
    let pdf = dir.join("informe.pdf");
    let info = poppler("pdfinfo", &pdf);
    let (w, h, line) = page_size(&info);
    assert!(
        (w / h - 16.0 / 9.0).abs() < 0.01,
        "{ola}: no es 16:9: {line}"
    );
    assert!(
        info.contains("Tagged:          yes"),
        "{ola}: sin etiquetas\n{info}"
    );
    assert!(
        info.contains(&format!("Title:           Informe {}", ola_label(ola))),
        "{info}"
    );
    let fonts = embedded(&pdf);
    assert!(
        !fonts.is_empty() && fonts.iter().all(|e| e == "yes"),
        "{ola}: {fonts:?}"
    );
    let bytes = std::fs::read(&pdf).unwrap();
    let raw = String::from_utf8_lossy(&bytes);
    assert!(raw.contains("/Outlines"), "{ola}: sin índice (outline)");
    assert!(raw.contains("/Lang (es)"), "{ola}: sin idioma");
    // The PDF carries no link to this machine's (staging) folders.
    assert!(!raw.contains("file://"), "{ola}");

    let html = std::fs::read_to_string(dir.join("informe.html")).unwrap();
    let slides = slides(&html);
    let n = pages(&info);
    // A slide that overflowed would have spilled onto a page of its own.
    assert_eq!(n, slides.len(), "{ola}: páginas ≠ diapositivas");
    assert!(n >= 20, "{ola}: {n} diapositivas");
    let text = poppler("pdftotext", &pdf);
    let texts: Vec<String> = text.split('\u{c}').map(flat).collect();
    let all = flat(&text);
    for figure in figures {
        assert!(all.contains(figure), "{ola}: falta {figure} en el PDF");
    }
    assert!(all.contains("Anexo"), "{ola}");

    let cover = &texts[0];
    for part in [
        "SSME — Iniciativas cluster de Colombia",
        ola_label(ola),
        date,
    ] {
        assert!(
            cover.contains(part),
            "{ola}: la portada no dice «{part}»: {cover}"
        );
    }
    let footer = format!(
        "SSME — Iniciativas cluster de Colombia · {}",
        ola_label(ola)
    );
    let mut continued = 0;
    for (i, slide) in slides.iter().enumerate() {
        let page = &texts[i];
        let number = format!("{} / {n}", i + 1);
        assert!(
            page.ends_with(&format!(" {number}")) || page.contains(&format!(" {number} ")),
            "{ola}: la página {} no lleva su número: {page}",
            i + 1
        );
        let body = page.replace(&footer, "").replace(&number, "");
        for heading in &slide.headings {
            let at = body
                .find(heading.as_str())
                .unwrap_or_else(|| panic!("{ola} p. {}: falta el título «{heading}»", i + 1));
            let under = body[at + heading.len()..].trim();
            assert!(
                !under.is_empty(),
                "{ola} p. {}: «{heading}» sin texto",
                i + 1
            );
        }
        // Every row whole on its slide's page, a continued table with its header again
        // (compared without spaces: pdftotext drops a narrow one in «9 %»).
        let compact = |t: &str| t.replace(' ', "");
        let page_compact = compact(page);
        for row in slide.header_rows.iter().chain(&slide.rows) {
            for cell in row.iter().filter(|c| !c.is_empty()) {
                assert!(
                    page_compact.contains(&compact(cell)),
                    "{ola} p. {}: la fila {row:?} no está entera (falta «{cell}»)",
                    i + 1
                );
            }
        }
        if !slide.rows.is_empty() && page.contains("(continuación)") {
            assert!(!slide.header_rows.is_empty(), "{ola} p. {}", i + 1);
            continued += 1;
        }
    }
    // The annex (and other long tables) continue on the next slide.
    assert!(continued >= 1, "{ola}: ninguna tabla continúa");
}

fn ola_label(ola: &str) -> &'static str {
    match ola {
        "ola-3" => "III Ola",
        _ => "IV Ola",
    }
}

#[test]
fn build_pdf_prints_each_ola_as_a_16_9_slide_deck() {
    let tmp = project_copy();
    let root = tmp.path();
    let run = ssme(root, &["build", "--pdf"]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("→ PDF: 2 informes impresos"),
        "{}",
        run.stdout
    );

    // Golden figures from the III and IV ola decks (empleos, empresas participantes) and the
    // publication dates of `publicacion` in ola.yaml, in words.
    for (ola, date, figures) in [
        ("ola-3", "febrero de 2021", ["582.791", "12.684"]),
        ("ola-4", "18 de noviembre de 2022", ["385.502", "37.728"]),
    ] {
        let dir = root.join("output/sitio").join(ola);
        check_deck(ola, &dir, date, figures);
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
fn an_ola_without_a_publication_date_says_sin_fecha() {
    let tmp = project_copy();
    let root = tmp.path();
    let yaml = root.join("data/olas/4/ola.yaml");
    let text = std::fs::read_to_string(&yaml).unwrap();
    let without: String = text
        .lines()
        .filter(|l| !l.starts_with("publicacion:"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_ne!(without, text);
    std::fs::write(&yaml, without).unwrap();
    let run = ssme(root, &["build", "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = std::fs::read_to_string(root.join("output/sitio/ola-4/informe.html")).unwrap();
    let doc = Html::parse_document(&html);
    let date = Selector::parse("section.portada .fecha").unwrap();
    let date = doc.select(&date).next().map(text_of);
    assert_eq!(date.as_deref(), Some("sin fecha"));
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
