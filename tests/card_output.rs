//! Card output: a PDF card fits two A4 pages with the initiative's name, score and level; cards
//! printed as one batch come out as one PDF each; `ssme cards --initiative` keeps the other
//! cards and a failed run leaves the folder untouched; hostile text from a workbook stays text
//! in HTML and SVG; a snapshot of one card, and of its chart as the e-mail shows it.

mod common;

use std::path::Path;
use std::process::Command;

use common::{after, by_id, escape, pages, poppler, project_copy, read_csv, sample, ssme, until};
use ssme::browser::Printer;
use ssme::cards::Cards;
use ssme::content::Content;
use ssme::dataset::Dataset;
use ssme::{Project, Value};

fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
        .collect();
    files.sort();
    files
}

#[test]
fn a_pdf_card_fits_two_pages_and_a_failed_run_changes_nothing() {
    let tmp = project_copy();
    let root = tmp.path();
    let run = ssme(root, &["cards", "--ola", "4", "--initiative", "IC-0002"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = ssme(
        root,
        &["cards", "--ola", "4", "--initiative", "IC-0001", "--pdf"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("→ PDF: 1 fichas impresas"),
        "{}",
        run.stdout
    );

    let dir = root.join("output/privado/ola-4/fichas");
    let manifest = read_csv(&dir.join("fichas.csv"));
    assert_eq!(manifest.len(), 2, "--initiative conserva las demás fichas");
    assert_eq!(by_id(&manifest, "IC-0002")["pdf"], "");
    let entry = by_id(&manifest, "IC-0001");
    let pdf = dir.join(&entry["pdf"]);
    let info = poppler("pdfinfo", &pdf);
    assert!(pages(&info) <= 2, "{} páginas", pages(&info));
    assert!(info.contains("(A4)"));
    let text = poppler("pdftotext", &pdf);
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        entry["nombre"].clone(),
        format!("{} de 3,0", entry["puntaje"]),
        entry["nivel"].clone(),
    ] {
        assert!(text.contains(&expected), "falta «{expected}» en el PDF");
    }

    // A run that fails (no Chromium) after writing its cards leaves the folder as it was.
    let before = tree(&dir);
    let out = Command::new(env!("CARGO_BIN_EXE_ssme"))
        .arg("--root")
        .arg(root)
        .args(["cards", "--ola", "4", "--initiative", "IC-0003", "--pdf"])
        .env("SSME_CHROMIUM", root.join("no-hay-chromium"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("SSME_CHROMIUM"));
    assert!(
        tree(&dir) == before,
        "la ejecución fallida cambió las fichas"
    );
    let names: Vec<_> = std::fs::read_dir(dir.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("fichas"))
        .collect();
    assert_eq!(names, ["fichas"], "quedaron carpetas temporales");

    let run = ssme(root, &["cards", "--initiative", "NO-EXISTE"]);
    assert_ne!(run.code, 0);
    assert!(run.stderr.contains("«NO-EXISTE»"), "{}", run.stderr);
}

/// Writes the card of IC-0001 (IV ola) from the repository's data, after `edit`.
fn render_card(edit: impl FnOnce(&mut Dataset)) -> (tempfile::TempDir, String) {
    let project = Project::load(&sample()).unwrap();
    let mut data = Dataset::read(&project);
    edit(&mut data);
    data.categorize();
    let content = Content::load(&sample().join("content")).unwrap();
    let cards = Cards::new(&project, &data, &content).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let written = cards
        .write_ola(
            data.ola(4).unwrap(),
            tmp.path(),
            None,
            Some("IC-0001"),
            false,
        )
        .unwrap()
        .unwrap();
    assert_eq!(written.cards, 1);
    let manifest = read_csv(&tmp.path().join("fichas.csv"));
    let html = std::fs::read_to_string(tmp.path().join(&manifest[0]["html"])).unwrap();
    (tmp, html)
}

#[test]
fn hostile_text_from_the_workbook_stays_text_in_html_and_svg() {
    const HOSTILE: &str = "<script>alert(1)</script> & \"Café\" <Norte>";
    let (tmp, html) = render_card(|data| {
        let ola = data.olas.iter_mut().find(|o| o.config.numero == 4).unwrap();
        let init = ola
            .initiatives
            .iter_mut()
            .find(|i| i.id() == "IC-0001")
            .unwrap();
        for field in ["nombre", "director_nombre", "entidad_gestora", "sector"] {
            init.values
                .insert(field.into(), Value::Text(HOSTILE.into()));
        }
    });
    let stem = "IC-0001-script-alert-1-script-cafe-norte";
    assert!(tmp.path().join(format!("{stem}.html")).exists());
    assert!(
        !html.contains("<script") && !html.contains("<Norte>"),
        "{html}"
    );
    let escaped = escape(HOSTILE);
    assert!(html.contains(&format!("<h1>{escaped}</h1>")));
    assert_eq!(
        html.matches(&escaped).count(),
        7,
        "título, h1, director, entidad, sector y título y descripción del SVG"
    );
    let svg = until(after(&html, "<svg"), "</svg>");
    assert!(
        svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{svg}"
    );
    assert!(svg.contains("&lt;Norte&gt;") && svg.contains("&amp;"));
    let index = std::fs::read_to_string(tmp.path().join("index.html")).unwrap();
    assert!(!index.contains("<script>alert") && index.contains(&escaped));
    // The manifest is data, not HTML: the name as written, quoted by the CSV writer.
    let manifest = read_csv(&tmp.path().join("fichas.csv"));
    assert_eq!(manifest[0]["nombre"], HOSTILE);
}

#[test]
fn card_snapshot() {
    let (_tmp, html) = render_card(|_| {});
    // The style sheet is templates/ficha.css copied in; the snapshot is about the content.
    let css = after(&html, "<style>");
    let css = until(css, "</style>");
    let html = html.replace(css, "\n/* templates/ficha.css */\n");
    // The chart has its own tests (src/chart/); like the page snapshots, one line names it.
    let (html, charts) = common::without_svg(&html);
    assert_eq!(charts, 1, "la ficha tiene un gráfico");
    insta::assert_snapshot!("ficha_ola_4_ic_0001", html);
}

/// The e-mail picture of a card's chart is the SVG the card embeds, unchanged, drawn by
/// resvg: the same pixels as resvg drawing that SVG here with the repository's DejaVu Sans at
/// 1,5 pixels per unit, on white. The PNG is kept as a snapshot to look at when it changes.
#[test]
fn card_chart_picture_is_the_cards_svg_drawn_by_resvg() {
    use resvg::{tiny_skia, usvg};
    let (_tmp, html) = render_card(|_| {});
    let svg = ssme::cards::chart_svg(&html, "IC-0001").expect("el gráfico de áreas de la ficha");
    assert!(svg.starts_with("<svg ") && svg.ends_with("</svg>"));
    assert!(svg.contains("<title id=\"ficha-IC-0001-areas-title\">Puntaje por área: "));
    assert_eq!(html.matches(svg).count(), 1);
    let picture = ssme::chart::png_from_svg(svg).unwrap();

    let mut fonts = usvg::fontdb::Database::new();
    for f in ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"] {
        fonts.load_font_data(std::fs::read(common::repo().join("assets/fonts").join(f)).unwrap());
    }
    let options = usvg::Options {
        fontdb: std::sync::Arc::new(fonts),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).unwrap();
    let (w, h) = (tree.size().width() * 1.5, tree.size().height() * 1.5);
    let mut pixmap = tiny_skia::Pixmap::new(w.round() as u32, h.round() as u32).unwrap();
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(1.5, 1.5),
        &mut pixmap.as_mut(),
    );
    let expected: Vec<u8> = pixmap
        .data()
        .chunks(4)
        .flat_map(|p| [p[0], p[1], p[2]])
        .collect();

    let mut reader = png::Decoder::new(std::io::Cursor::new(&picture))
        .read_info()
        .unwrap();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut pixels).unwrap();
    assert_eq!((info.width, info.height), (pixmap.width(), pixmap.height()));
    assert_eq!(info.width, 1200);
    assert!(
        pixels[..info.buffer_size()] == expected[..],
        "la imagen del correo no es el SVG de la ficha"
    );
    insta::assert_binary_snapshot!("ficha_ola_4_ic_0001_areas.png", picture);
}

#[test]
fn cards_printed_in_one_batch_get_their_own_pdfs() {
    let project = Project::load(&sample()).unwrap();
    let mut data = Dataset::read(&project);
    data.categorize();
    let content = Content::load(&sample().join("content")).unwrap();
    let cards = Cards::new(&project, &data, &content).unwrap();
    let ola = data.ola(4).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let ids = ["IC-0001", "IC-0002", "IC-0003"];
    let mut jobs = Vec::new();
    for id in ids {
        let written = cards
            .write_ola(ola, tmp.path(), None, Some(id), true)
            .unwrap();
        jobs.extend(written.unwrap().pdf_jobs);
    }
    let name = |id: &str| {
        ola.initiatives
            .iter()
            .find(|i| i.id() == id)
            .unwrap()
            .name()
    };
    let printer = Printer::launch().unwrap();
    printer.print_all(&jobs).unwrap();
    let first: Vec<Vec<u8>> = jobs
        .iter()
        .map(|j| std::fs::read(&j.pdf).unwrap())
        .collect();
    for (job, id) in jobs.iter().zip(ids) {
        let info = poppler("pdfinfo", &job.pdf);
        assert!(pages(&info) <= 2, "{id}: {} páginas", pages(&info));
        assert!(
            info.contains(&format!("Ficha IV Ola — {}", name(id))),
            "{info}"
        );
        // Printed as one batch and split (a card printed alone keeps Chromium's tags).
        let tagged = info.lines().find(|l| l.starts_with("Tagged:")).unwrap();
        assert!(tagged.ends_with("no"), "{id} no salió de un lote: {tagged}");
        let text = poppler("pdftotext", &job.pdf);
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for other in ids {
            assert_eq!(text.contains(name(other)), other == id, "{id} ↔ {other}");
        }
    }
    // The same batch prints the same bytes.
    printer.print_all(&jobs).unwrap();
    for (job, bytes) in jobs.iter().zip(&first) {
        assert!(
            &std::fs::read(&job.pdf).unwrap() == bytes,
            "{}",
            job.pdf.display()
        );
    }
}
