//! The commands behind the CLI. `build` is the whole pipeline in one readable function.

use std::path::Path;

use anyhow::{Context, Result};
use clap::Args;

use crate::dataset::Dataset;
use crate::log::StageLog;
use crate::output::Staging;
use crate::project::Project;

#[derive(Args, Default)]
pub struct BuildArgs {
    /// No imprimir el registro de etapas.
    #[arg(long)]
    pub quiet: bool,
}

#[derive(Args)]
pub struct TemplateArgs {
    /// Número de la ola nueva.
    #[arg(long)]
    pub ola: u32,
    /// Año de la ola (por omisión, dos años después de la última).
    #[arg(long)]
    pub anio: Option<i32>,
    /// Metodología (por omisión, la de la última ola con microdatos).
    #[arg(long)]
    pub metodologia: Option<String>,
}

/// `ssme check`: every problem of every ola, a summary per ola, non-zero exit on any error.
pub fn check(root: &Path) -> Result<i32> {
    let project = Project::load(root)?;
    let data = Dataset::read(&project);
    for ola in &data.olas {
        for p in &ola.problems {
            println!("{p}");
        }
    }
    if data.olas.iter().any(|o| !o.problems.is_empty()) {
        println!();
    }
    for ola in &data.olas {
        let source = match &ola.file {
            Some(f) => format!("{f}: {} iniciativas leídas", ola.initiatives.len()),
            None => "resumen agregado (sin microdatos)".to_string(),
        };
        println!(
            "{} — {source}, {} error(es), {} aviso(s)",
            ola.config.etiqueta,
            ola.errors(),
            ola.warnings()
        );
    }
    let errors = data.errors();
    if errors > 0 {
        println!("✗ {errors} error(es): corríjalos y vuelva a ejecutar `ssme check`.");
        Ok(1)
    } else {
        println!("✓ Los datos son válidos ({} aviso(s)).", data.warnings());
        Ok(0)
    }
}

/// `ssme build`: load → validate → categorize → aggregate → chart → render → (pdf, cards),
/// written to a staging folder and swapped into `output/` only if every stage succeeds.
pub fn build(root: &Path, args: &BuildArgs) -> Result<i32> {
    let log = StageLog::new(args.quiet);
    let project = log.stage("Configuración", || {
        let p = Project::load(root)?;
        let detail = format!(
            "{} olas, {} metodologías",
            p.olas.len(),
            p.methodologies.len()
        );
        Ok((p, detail))
    })?;
    let mut data = log.stage("Lectura y validación", || {
        let d = Dataset::read(&project);
        let detail = format!(
            "{} iniciativas, {} aviso(s)",
            d.initiative_count(),
            d.warnings()
        );
        d.ensure_valid()?;
        Ok((d, detail))
    })?;
    log.stage("Categorización", || {
        data.categorize();
        Ok(((), format!("{} iniciativas", data.initiative_count())))
    })?;
    let staging = Staging::new(&project.output_dir())?;
    log.stage("Exportación privada", || {
        let mut n = 0;
        for ola in data.olas.iter().filter(|o| o.methodology.is_some()) {
            let dir = staging.dir().join("privado").join(ola.config.slug());
            crate::export::write(ola, &project.fields, &dir).with_context(|| {
                format!("exportando la categorización de la {}", ola.config.etiqueta)
            })?;
            n += 1;
        }
        let olas = if n == 1 { "ola" } else { "olas" };
        Ok(((), format!("categorización de {n} {olas} (CSV y xlsx)")))
    })?;
    let content = log.stage("Contenido", || {
        let c = crate::content::Content::load(&project.root.join("content"))?;
        let n = c.docs.len();
        Ok((c, format!("{n} páginas de Markdown")))
    })?;
    log.stage("Sitio público", || {
        let n = crate::site::build(&project, &data, &content, &staging.dir().join("sitio"))?;
        Ok(((), format!("{n} archivos (gráficos en SVG, datos en CSV)")))
    })?;
    staging.commit()?;
    log.done(&format!("Salida en {}", project.output_dir().display()));
    Ok(0)
}

/// `ssme template --ola N`: a new ola folder with its config and a blank canonical workbook.
pub fn template(root: &Path, args: &TemplateArgs) -> Result<i32> {
    let project = Project::load(root)?;
    let dir =
        crate::ola_template::create(&project, args.ola, args.anio, args.metodologia.as_deref())?;
    println!("✓ Ola {} preparada en {}", args.ola, dir.display());
    println!("  Diligencie el libro, ajuste ola.yaml si hace falta y ejecute `ssme check`.");
    Ok(0)
}
