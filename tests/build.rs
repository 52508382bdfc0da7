//! `ssme build` on a copy of the bundled project: the private categorization export, byte-
//! identical rebuilds, and a failed build that leaves the previous output untouched.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

fn project_copy() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("proyecto");
    common::copy_project(&root);
    (tmp, root)
}

fn ssme(root: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_ssme"))
        .arg("--root")
        .arg(root)
        .args(args)
        .output()
        .unwrap()
}

fn tree(root: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(root).unwrap().display().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn bundled_data_passes_check() {
    let out = ssme(&common::sample(), &["check"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(
        stdout.contains(
            "III Ola — data/olas/3/respuestas-iii-ola.xlsx: 76 iniciativas leídas, 0 error(es)"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "IV Ola — data/olas/4/respuestas-iv-ola.xlsx: 100 iniciativas leídas, 0 error(es)"
        ),
        "{stdout}"
    );
}

#[test]
fn build_exports_the_categorization_of_every_initiative() {
    let (_tmp, root) = project_copy();
    let out = ssme(&root, &["build"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let log = String::from_utf8_lossy(&out.stdout);
    // Every stage by its noun, in pipeline order.
    let stages: Vec<&str> = log
        .lines()
        .filter_map(|l| l.strip_prefix("→ "))
        .map(|l| l.split(':').next().unwrap())
        .collect();
    assert_eq!(
        stages,
        [
            "Proyecto",
            "Lectura y validación",
            "Categorización",
            "Agregación",
            "Gráficos",
            "Páginas",
            "Exportación privada",
            "Publicación"
        ],
        "{log}"
    );

    let project = ssme::Project::load(&root).unwrap();
    let mut data = ssme::dataset::Dataset::read(&project);
    data.categorize();
    let ola = data.ola(3).unwrap();
    let m = ola.methodology.unwrap();
    let mut reader =
        csv::Reader::from_path(root.join("output/privado/ola-3/categorizacion.csv")).unwrap();
    let header = reader.headers().unwrap().clone();
    assert_eq!(header.len(), 4 + 18 + 8 + 2);
    assert_eq!(&header[0], "id");
    assert_eq!(&header[header.len() - 2], "puntaje");
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 76);
    for (row, (init, cat)) in rows
        .iter()
        .zip(ola.initiatives.iter().zip(&ola.categorizations))
    {
        assert_eq!(&row[0], init.id());
        for (i, level) in cat.levels.iter().enumerate() {
            assert_eq!(
                row[4 + i].to_string(),
                level.map(|l| l.to_string()).unwrap_or_default()
            );
        }
        let score: f64 = row[4 + 18 + 8].parse().unwrap();
        assert_eq!(Some(score), cat.score);
        assert_eq!(row[4 + 18 + 8 + 1].parse::<u8>().ok(), cat.level);
        assert_eq!(m.level_of_score(score), cat.level.unwrap());
    }
    let xlsx = root.join("output/privado/ola-3/categorizacion.xlsx");
    let mut wb = calamine::open_workbook_auto(&xlsx).unwrap();
    use calamine::Reader;
    let range = wb.worksheet_range("Categorización").unwrap();
    assert_eq!(range.height(), 77);
    assert!(root
        .join("output/privado/ola-4/categorizacion.csv")
        .exists());
    assert!(root.join("output/sitio/ola-3/conclusiones.html").exists());
}

#[test]
fn two_builds_are_byte_identical_and_a_failed_build_keeps_the_previous_output() {
    let (_tmp, root) = project_copy();
    assert!(ssme(&root, &["build", "--quiet"]).status.success());
    let first = tree(&root.join("output"));
    assert!(first.len() > 20);
    assert!(ssme(&root, &["build", "--quiet"]).status.success());
    let second = tree(&root.join("output"));
    assert!(
        first == second,
        "dos construcciones dieron archivos distintos"
    );

    // Break the III ola workbook: the build must fail and leave output/ as it was.
    std::fs::write(
        root.join("data/olas/3/respuestas-iii-ola.xlsx"),
        "no soy un libro",
    )
    .unwrap();
    let out = ssme(&root, &["build", "--quiet"]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("respuestas-iii-ola.xlsx"), "{stderr}");
    assert!(
        tree(&root.join("output")) == first,
        "la construcción fallida cambió output/"
    );
    let leftovers: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        leftovers.len(),
        4,
        "quedaron carpetas temporales: {leftovers:?}"
    );
}

#[test]
fn a_rebuild_links_unchanged_cards_and_writes_again_one_changed_by_hand() {
    use std::os::unix::fs::MetadataExt;
    let (_tmp, root) = project_copy();
    assert!(ssme(&root, &["build", "--cards", "--quiet"])
        .status
        .success());
    let first = tree(&root.join("output"));
    let fichas = root.join("output/privado/ola-4/fichas");
    let mut cards: Vec<PathBuf> = std::fs::read_dir(&fichas)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "html") && !p.ends_with("index.html"))
        .collect();
    cards.sort();
    let (kept, edited) = (&cards[0], &cards[1]);
    let inode = kept.metadata().unwrap().ino();
    // Same length, other bytes: only a comparison of the contents tells them apart.
    let mut bytes = std::fs::read(edited).unwrap();
    bytes[100] ^= 1;
    std::fs::write(edited, &bytes).unwrap();

    assert!(ssme(&root, &["build", "--cards", "--quiet"])
        .status
        .success());
    assert_eq!(
        kept.metadata().unwrap().ino(),
        inode,
        "unchanged card linked"
    );
    assert_eq!(kept.metadata().unwrap().nlink(), 1);
    assert!(
        tree(&root.join("output")) == first,
        "the rebuild differs from the first build (the card edited by hand was kept?)"
    );
}
