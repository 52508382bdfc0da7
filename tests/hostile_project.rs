//! A hostile or clumsy project folder (issue 12): links that lead outside the project, a missing
//! `content/`, script links in content and remote images in recommendations.

mod common;

use std::path::Path;

use common::{copy_project, ssme};

fn project() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("proyecto");
    copy_project(&root);
    (tmp, root)
}

/// Every file under `dir` as text (binary files skipped).
fn all_text(dir: &Path) -> String {
    let mut out = String::new();
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            if let Ok(text) = std::fs::read_to_string(entry.path()) {
                out.push_str(&text);
            }
        }
    }
    out
}

#[test]
fn a_content_link_to_a_file_outside_the_project_is_not_read() {
    let (tmp, root) = project();
    let secret = tmp.path().join("secreto.md");
    std::fs::write(&secret, "---\ntitulo: x\n---\nSECRETO-DE-OTRO-LUGAR\n").unwrap();
    std::os::unix::fs::symlink(&secret, root.join("content/sitio-extra.md")).unwrap();
    let run = ssme(&root, &["build", "--quiet"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr
            .contains("sitio-extra.md es un enlace a un archivo fuera de la carpeta del proyecto"),
        "{}",
        run.stderr
    );
    let out = root.join("output");
    assert!(!out.exists() || !all_text(&out).contains("SECRETO-DE-OTRO-LUGAR"));

    // A link that stays inside the project is read.
    std::fs::remove_file(root.join("content/sitio-extra.md")).unwrap();
    std::fs::write(root.join("notas.md"), "---\ntitulo: x\n---\nNOTA-PROPIA\n").unwrap();
    std::os::unix::fs::symlink(root.join("notas.md"), root.join("content/sitio-extra.md")).unwrap();
    let run = ssme(&root, &["build", "--quiet"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
}

#[test]
fn a_workbook_outside_the_project_is_refused() {
    let (tmp, root) = project();
    let inside = root.join("data/olas/4/respuestas-iv-ola.xlsx");
    std::fs::copy(&inside, tmp.path().join("afuera.xlsx")).unwrap();
    let yaml = root.join("data/olas/4/ola.yaml");
    let text = std::fs::read_to_string(&yaml).unwrap();
    std::fs::write(
        &yaml,
        text.replace(
            "libro: respuestas-iv-ola.xlsx",
            "libro: ../../../../afuera.xlsx",
        ),
    )
    .unwrap();
    let run = ssme(&root, &["check"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout.contains(
            "error: data/olas/4/ola.yaml: «libro» de ola.yaml apunta fuera de la carpeta del proyecto"
        ),
        "{}",
        run.stdout
    );
    // Through a link too.
    std::fs::write(&yaml, &text).unwrap();
    std::fs::remove_file(&inside).unwrap();
    std::os::unix::fs::symlink(tmp.path().join("afuera.xlsx"), &inside).unwrap();
    let run = ssme(&root, &["check"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout
            .contains("apunta fuera de la carpeta del proyecto"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_missing_content_folder_is_warned() {
    let (_tmp, root) = project();
    std::fs::remove_dir_all(root.join("content")).unwrap();
    let run = ssme(&root, &["build", "--quiet"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains("aviso: no existe la carpeta") && run.stderr.contains("sin sus textos"),
        "{}",
        run.stderr
    );
}

#[test]
fn script_links_are_dropped_and_cards_load_no_remote_image() {
    let (_tmp, root) = project();
    let page = root.join("content/red-cluster.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(
        &page,
        format!("{text}\n\n[Clic aquí](javascript:alert(1)) y [otro](data:text/html,hola)\n"),
    )
    .unwrap();
    for entry in std::fs::read_dir(root.join("content/recomendaciones")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let spied = text.replace(
            "\n## Nivel 1\n",
            "\n## Nivel 1\n\n![Mapa espía](https://rastreo.example/espia.png)\n",
        );
        let spied = spied.replace(
            "\n## Nivel 2\n",
            "\n## Nivel 2\n\n![Mapa espía](https://rastreo.example/espia.png)\n",
        );
        std::fs::write(&path, spied).unwrap();
    }
    let run = ssme(&root, &["build", "--cards", "--quiet"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let site = all_text(&root.join("output/sitio"));
    assert!(site.contains("Clic aquí"));
    assert!(
        !site.contains("href=\"javascript:"),
        "a script link is clickable"
    );
    assert!(!site.contains("href=\"data:"), "a data link is clickable");
    let cards = all_text(&root.join("output/privado/ola-3/fichas"));
    assert!(
        cards.contains("Mapa espía"),
        "the image's description stays"
    );
    assert!(
        !cards.contains("rastreo.example"),
        "a card loads a remote image"
    );
}
