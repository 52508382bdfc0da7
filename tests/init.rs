//! The tool apart from any project: a binary installed with `cargo install` into a temporary
//! root makes a blank project and the sample project in unrelated folders, checks the first and
//! builds the second byte-identical to a build of the repository's `ejemplos/muestra`. Default
//! templates are embedded; a project's own `templates/` overrides them file by file.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{copy_project, project_copy, repo, ssme};

/// Every file under `dir` by relative path, with its bytes.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_path_buf();
            (rel, fs::read(e.path()).unwrap())
        })
        .collect()
}

fn run(bin: &Path, cwd: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::new(bin)
        .current_dir(cwd)
        .args(args)
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap(), text)
}

#[test]
fn an_installed_binary_starts_projects_anywhere_and_builds_the_sample_identically() {
    let install = tempfile::tempdir().unwrap();
    // Its own target folder, kept between runs, so a re-run only relinks.
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| repo().join("target"), PathBuf::from)
        .join("instalacion");
    // Without debug info: a fraction of the disk and a faster link, the same program.
    let status = Command::new(std::env::var_os("CARGO").unwrap_or("cargo".into()))
        .env("CARGO_PROFILE_DEV_DEBUG", "false")
        .args([
            "install",
            "--quiet",
            "--locked",
            "--offline",
            "--debug",
            "--path",
        ])
        .arg(repo())
        .arg("--root")
        .arg(install.path())
        .arg("--target-dir")
        .arg(&target)
        .status()
        .expect("cargo install runs");
    assert!(status.success(), "cargo install falló");
    let bin = install.path().join("bin/ssme");

    let elsewhere = tempfile::tempdir().unwrap();
    let cwd = elsewhere.path();
    let (code, text) = run(&bin, cwd, &["init", "en-blanco"]);
    assert_eq!(code, 0, "{text}");
    assert!(cwd.join("en-blanco/ssme.yaml").is_file());
    assert!(cwd.join("en-blanco/data/olas/LEAME.md").is_file());
    let (code, text) = run(&bin, cwd, &["check", "--root", "en-blanco"]);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("Todavía no hay olas"), "{text}");
    // A non-empty folder is refused.
    let (code, text) = run(&bin, cwd, &["init", "en-blanco"]);
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("no está vacía"), "{text}");

    let (code, text) = run(&bin, cwd, &["init", "--muestra", "muestra"]);
    assert_eq!(code, 0, "{text}");
    let (code, text) = run(&bin, cwd, &["build", "--quiet", "--root", "muestra"]);
    assert_eq!(code, 0, "{text}");

    // The repository's sample, built by the test binary.
    let reference = project_copy();
    let out = ssme(reference.path(), &["build", "--quiet"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let ours = tree(&cwd.join("muestra/output"));
    let theirs = tree(&reference.path().join("output"));
    assert_eq!(
        ours.keys().collect::<Vec<_>>(),
        theirs.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &ours {
        assert!(bytes == &theirs[path], "{} difiere", path.display());
    }
}

#[test]
fn a_project_template_overrides_the_embedded_default() {
    let tmp = tempfile::tempdir().unwrap();
    let (own, plain) = (tmp.path().join("propia"), tmp.path().join("normal"));
    copy_project(&own);
    copy_project(&plain);
    fs::create_dir_all(own.join("templates")).unwrap();
    // A layout keeps the blocks the page templates fill (tera says which one is missing).
    let layout = "<!DOCTYPE html><html lang=\"es\"><head><title>{% block titulo %}Propia\
                  {% endblock titulo %}</title></head><body>\
                  <div class=\"disenio-propio\">{% block contenido %}{% endblock contenido %}</div>\
                  </body></html>";
    fs::write(own.join("templates/base.html"), layout).unwrap();
    for root in [&own, &plain] {
        let out = ssme(root, &["build", "--quiet"]);
        assert_eq!(out.code, 0, "{}", out.stderr);
    }
    for page in ["index.html", "ola-3/perfil.html", "comparacion.html"] {
        let html = fs::read_to_string(own.join("output/sitio").join(page)).unwrap();
        assert!(html.contains("disenio-propio"), "{page}: {html}");
        assert!(!html.contains("Ir al contenido"), "{page}");
        let html = fs::read_to_string(plain.join("output/sitio").join(page)).unwrap();
        assert!(!html.contains("disenio-propio"), "{page}");
        assert!(html.contains("Ir al contenido"), "{page}");
    }
    // The other templates and the style sheet still come from the binary.
    assert!(own.join("output/sitio/static/estilo.css").is_file());
}

#[test]
fn init_plantillas_copies_the_defaults_into_an_existing_project_without_replacing() {
    let tmp = project_copy();
    let root = tmp.path();
    fs::create_dir_all(root.join("templates")).unwrap();
    fs::write(root.join("templates/base.html"), "mía").unwrap();
    let out = ssme(root, &["init", "--plantillas"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        fs::read_to_string(root.join("templates/base.html")).unwrap(),
        "mía"
    );
    let copied = fs::read(root.join("templates/static/estilo.css")).unwrap();
    assert!(copied == fs::read(repo().join("templates/static/estilo.css")).unwrap());
    assert!(root.join("templates/correo/mensaje.md").is_file());
}

#[test]
fn a_draft_ola_is_built_only_with_borradores() {
    let tmp = project_copy();
    let root = tmp.path();
    let yaml = root.join("data/olas/4/ola.yaml");
    let text = fs::read_to_string(&yaml).unwrap();
    fs::write(&yaml, format!("{text}\nborrador: true\n")).unwrap();

    let out = ssme(root, &["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("1 en borrador"), "{}", out.stdout);
    let site = root.join("output/sitio");
    assert!(site.join("ola-3/index.html").is_file());
    assert!(
        !site.join("ola-4").exists(),
        "la ola en borrador se publicó"
    );
    let home = fs::read_to_string(site.join("index.html")).unwrap();
    assert!(!home.contains("IV Ola"), "{home}");
    assert!(!root.join("output/privado/ola-4").exists());

    let out = ssme(root, &["build", "--borradores"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(site.join("ola-4/index.html").is_file());
    let home = fs::read_to_string(site.join("index.html")).unwrap();
    assert!(home.contains("IV Ola"));
}

#[test]
fn template_writes_the_new_olas_sections_and_marks_it_a_draft() {
    let tmp = project_copy();
    let root = tmp.path();
    let out = ssme(root, &["template", "--ola", "5"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let yaml = fs::read_to_string(root.join("data/olas/5/ola.yaml")).unwrap();
    assert!(yaml.lines().any(|l| l == "borrador: true"), "{yaml}");
    let sections = root.join("content/olas/5");
    for name in [
        "inicio",
        "dimension-1",
        "dimension-2",
        "dimension-3",
        "conclusiones",
    ] {
        let text = fs::read_to_string(sections.join(format!("{name}.md"))).unwrap();
        assert!(text.starts_with("---\ntitulo: "), "{name}: {text}");
        assert!(text.contains("Texto por escribir"), "{name}: {text}");
    }
    let inicio = fs::read_to_string(sections.join("inicio.md")).unwrap();
    assert!(inicio.contains("V Ola del SSME"), "{inicio}");

    let site = root.join("output/sitio");
    let out = ssme(root, &["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("1 en borrador"), "{}", out.stdout);
    assert!(!site.join("ola-5").exists(), "la ola nueva se publicó");
    let home = fs::read_to_string(site.join("index.html")).unwrap();
    assert!(!home.contains("ola-5/"), "{home}");

    let out = ssme(root, &["build", "--borradores"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let page = fs::read_to_string(site.join("ola-5/index.html")).unwrap();
    assert!(page.contains("Texto por escribir"), "{page}");
    let home = fs::read_to_string(site.join("index.html")).unwrap();
    assert!(home.contains("ola-5/index.html"), "{home}");
}

#[test]
fn cards_and_email_leave_a_draft_ola_out_unless_borradores() {
    let tmp = project_copy();
    let root = tmp.path();
    let yaml = root.join("data/olas/4/ola.yaml");
    let text = fs::read_to_string(&yaml).unwrap();
    fs::write(&yaml, format!("{text}\nborrador: true\n")).unwrap();
    let private = root.join("output/privado");

    let out = ssme(root, &["cards", "--quiet"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(private.join("ola-3/fichas/index.html").is_file());
    assert!(
        !private.join("ola-4").exists(),
        "fichas de la ola en borrador"
    );
    for command in ["cards", "email"] {
        let out = ssme(root, &[command, "--ola", "4"]);
        assert_ne!(out.code, 0, "{command}");
        assert!(
            out.stderr.contains("la ola 4 está en borrador") && out.stderr.contains("--borradores"),
            "{command}: {}",
            out.stderr
        );
    }
    // Without --ola, e-mail takes the last ola with microdata that is not a draft.
    let out = ssme(root, &["email"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(private.join("ola-3/correo").is_dir());
    assert!(!private.join("ola-4").exists());

    let out = ssme(root, &["cards", "--quiet", "--borradores"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(private.join("ola-4/fichas/index.html").is_file());
    let out = ssme(root, &["email", "--borradores"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(private.join("ola-4/correo").is_dir());
}
