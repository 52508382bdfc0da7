//! `ssme init`: a new project folder, blank (settings, the reference data and methodologies, an
//! empty `data/olas/` with a short guide, the narrative skeleton) or the synthetic sample
//! project; `--plantillas` also copies the default templates out for editing.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use clap::Args;

use crate::templates::Templates;

/// The sample project of the repository (`ejemplos/muestra`), without what a build writes.
#[derive(rust_embed::Embed)]
#[folder = "ejemplos/muestra/"]
#[exclude = "output/*"]
#[exclude = "envios/*"]
#[exclude = ".*"]
struct Sample;

const SETTINGS: &str = include_str!("ssme.yaml");
const WELCOME: &str = include_str!("sitio.md");
const OLAS_GUIDE: &str = include_str!("olas-LEAME.md");

#[derive(Args)]
pub struct InitArgs {
    /// Carpeta del proyecto nuevo (por omisión, la de --root).
    pub carpeta: Option<PathBuf>,
    /// Escribe el proyecto de muestra (datos sintéticos de las olas I a IV) en vez de uno en blanco.
    #[arg(long)]
    pub muestra: bool,
    /// Copia también las plantillas de fábrica en templates/ para editarlas. En un proyecto
    /// existente, solo copia las que falten.
    #[arg(long)]
    pub plantillas: bool,
    /// Escribe aunque la carpeta no esté vacía (nunca reemplaza un archivo que ya existe).
    #[arg(long)]
    pub forzar: bool,
}

pub fn run(root: &Path, args: &InitArgs) -> Result<i32> {
    let dir = args.carpeta.as_deref().unwrap_or(root);
    let is_project =
        dir.join("data").is_dir() || dir.join(crate::settings::Settings::FILE).is_file();
    let only_templates = args.plantillas && is_project && !args.muestra;
    if !only_templates && !args.forzar && !is_empty(dir)? {
        bail!(
            "la carpeta {} no está vacía; elija otra o use --forzar (no se reemplaza ningún archivo)",
            dir.display()
        );
    }
    let mut files = Vec::new();
    if !only_templates {
        files = if args.muestra {
            sample_files()
        } else {
            blank_files()
        };
    }
    if args.plantillas {
        files.extend(
            Templates::defaults()
                .into_iter()
                .map(|(n, data)| (format!("templates/{n}"), data)),
        );
    }
    let (written, kept) = write_all(dir, &files)?;
    let what = match (only_templates, args.muestra) {
        (true, _) => "Plantillas de fábrica copiadas",
        (false, true) => "Proyecto de muestra creado",
        (false, false) => "Proyecto nuevo creado",
    };
    println!("✓ {what} en {} ({written} archivos)", dir.display());
    if kept > 0 {
        println!("  {kept} archivo(s) ya existían y se conservaron sin cambios.");
    }
    if only_templates {
        println!("  Edite las de templates/ que quiera cambiar y borre las demás: las que falten se toman del programa.");
    } else if args.muestra {
        println!("  Siguiente paso: `ssme build --root {}`.", dir.display());
    } else {
        println!(
            "  Siguiente paso: la primera ola, con `ssme template --root {} --ola N --anio AAAA --metodologia ssme-2022` (vea data/olas/LEAME.md).",
            dir.display()
        );
    }
    Ok(0)
}

fn is_empty(dir: &Path) -> Result<bool> {
    if !dir.exists() {
        return Ok(true);
    }
    let mut entries =
        std::fs::read_dir(dir).with_context(|| format!("no se pudo leer {}", dir.display()))?;
    Ok(entries.next().is_none())
}

/// Every file of the sample project, by path relative to the project.
fn sample_files() -> Vec<(String, Cow<'static, [u8]>)> {
    let mut names: Vec<String> = Sample::iter().map(|n| n.into_owned()).collect();
    names.sort();
    names
        .into_iter()
        .filter_map(|n| Sample::get(&n).map(|f| (n, f.data)))
        .collect()
}

/// A project with no ola yet: the sample's fields, methodologies, reference data, mail settings
/// and general texts, with commented settings and a welcome text to write.
fn blank_files() -> Vec<(String, Cow<'static, [u8]>)> {
    let shared = |n: &str| {
        n.starts_with("data/") && !n.starts_with("data/olas/")
            || n.starts_with("content/")
                && !n.starts_with("content/olas/")
                && n != "content/sitio.md"
    };
    let mut files: Vec<_> = sample_files()
        .into_iter()
        .filter(|(n, _)| shared(n))
        .collect();
    for (name, text) in [
        (crate::settings::Settings::FILE, SETTINGS),
        ("content/sitio.md", WELCOME),
        ("data/olas/LEAME.md", OLAS_GUIDE),
    ] {
        files.push((name.to_string(), Cow::Borrowed(text.as_bytes())));
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files
}

/// Writes the files under `dir`, never over an existing one. Returns (written, kept).
fn write_all(dir: &Path, files: &[(String, Cow<'static, [u8]>)]) -> Result<(usize, usize)> {
    let (mut written, mut kept) = (0, 0);
    for (name, data) in files {
        let path = dir.join(name);
        if path.exists() {
            kept += 1;
            continue;
        }
        crate::output::write(&path, data)?;
        written += 1;
    }
    Ok((written, kept))
}
