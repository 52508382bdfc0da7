//! The commands behind the CLI. `build` is the whole pipeline in one readable function.

use std::path::Path;

use anyhow::{Context, Result};
use clap::Args;
use rayon::prelude::*;

use crate::aggregate::{self, SitePages};
use crate::browser::{PrintJob, PrintOptions, Printer, Source};
use crate::cards::Cards;
use crate::content::Content;
use crate::dataset::Dataset;
use crate::log::StageLog;
use crate::output::{Previous, Staging};
use crate::project::Project;
use crate::site;

#[derive(Args, Default)]
pub struct BuildArgs {
    /// No imprimir el registro de etapas.
    #[arg(long)]
    pub quiet: bool,
    /// Imprime también en PDF, con Chromium, el informe de cada ola (sitio/ola-N/informe.pdf)
    /// y, con --cards, cada ficha.
    #[arg(long)]
    pub pdf: bool,
    /// Escribe también las fichas privadas de cada iniciativa (privado/ola-N/fichas/).
    #[arg(long)]
    pub cards: bool,
    /// Incluye las olas en borrador («borrador: true» en su ola.yaml), que por omisión quedan
    /// fuera de la construcción.
    #[arg(long)]
    pub borradores: bool,
}

#[derive(Args, Default)]
pub struct CardsArgs {
    /// Imprime también cada ficha en PDF con Chromium.
    #[arg(long)]
    pub pdf: bool,
    /// Rehace solo la ficha de esta iniciativa (su código), conservando las demás.
    #[arg(long, value_name = "ID")]
    pub initiative: Option<String>,
    /// Solo las fichas de esta ola.
    #[arg(long, value_name = "N")]
    pub ola: Option<u32>,
    /// No imprimir el registro de etapas.
    #[arg(long)]
    pub quiet: bool,
    /// Incluye las olas en borrador, que por omisión quedan fuera (como en `ssme build`).
    #[arg(long)]
    pub borradores: bool,
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

/// `ssme build`, stage by stage: load project → read and validate → categorize → aggregate →
/// draw charts → render pages, exports and cards (at the same time) → PDF → publish.
/// Everything is written to a staging folder, swapped into `output/` only if every stage
/// succeeds.
pub fn build(root: &Path, args: &BuildArgs) -> Result<i32> {
    let log = StageLog::new(args.quiet);
    let (project, content) = log.stage("Proyecto", || {
        let mut p = Project::load(root)?;
        let drafts = if args.borradores { 0 } else { p.drop_drafts() };
        let c = Content::load(&p.root.join("content"))?;
        let mut detail = format!(
            "{} olas, {} metodologías, {} páginas de contenido",
            p.olas.len(),
            p.methodologies.len(),
            c.docs.len()
        );
        if drafts > 0 {
            detail +=
                &format!(" ({drafts} en borrador, fuera del sitio: --borradores las incluye)");
        }
        Ok(((p, c), detail))
    })?;
    let data = read_valid(&project, &log)?;
    let staging = Staging::new(&project.output_dir())?;
    let (pages, mut jobs) = write_outputs(&project, &data, &content, &staging, args, &log)?;
    if args.pdf {
        log.stage("PDF", || {
            let cards = jobs.len();
            let decks = deck_jobs(&data, &pages, staging.dir());
            let n = decks.len();
            jobs.extend(decks);
            Printer::launch()?.print_all(&jobs)?;
            let cards = match cards {
                0 => String::new(),
                c => format!(" y {c} fichas"),
            };
            Ok(((), format!("{n} informes{cards} impresos con Chromium")))
        })?;
    }
    log.stage("Publicación", || {
        staging.commit()?;
        Ok(((), format!("salida en {}", project.output_dir().display())))
    })?;
    log.done("Construcción terminada");
    // `build` is the last thing the process does: the system takes the memory back at exit in
    // one go, where freeing every initiative's answers one by one is about 3 % of a large
    // build (the reason compilers such as clang skip freeing on exit).
    std::mem::forget(data);
    Ok(0)
}

/// Everything written from the categorized data, in three branches that read the same data
/// and write to their own folders, so they run at the same time and are then logged in
/// pipeline order: the public site (aggregate → draw charts → render pages), the private
/// export and the cards. Returns the site's pages (the decks print from them) and the cards'
/// print jobs (with `--pdf`).
fn write_outputs(
    project: &Project,
    data: &Dataset,
    content: &Content,
    staging: &Staging,
    args: &BuildArgs,
    log: &StageLog,
) -> Result<(SitePages, Vec<PrintJob>)> {
    let out = staging.dir();
    let site = || -> Result<_> {
        let pages = log.timed(|| {
            let site = aggregate::site(project, data, content);
            let n = site.olas.iter().map(|o| o.pages.len()).sum::<usize>();
            Ok((site, format!("{n} secciones de {} olas", data.olas.len())))
        })?;
        let drawn = log.timed(|| {
            let drawn = site::draw::site(pages.value());
            let n = drawn.charts();
            Ok((drawn, format!("{n} gráficos en SVG")))
        })?;
        let rendered = log.timed(|| {
            let n = site::render(project, drawn.value(), &out.join("sitio"), args.pdf)?;
            let detail = format!("{n} archivos del sitio público (HTML, CSV y estilos)");
            Ok(((), detail))
        })?;
        let drawn = drawn.map(|_| ());
        Ok((pages, drawn, rendered))
    };
    let export = || {
        log.timed(|| {
            let n = export_all(data, project, out)?;
            let olas = if n == 1 { "ola" } else { "olas" };
            Ok(((), format!("categorización de {n} {olas} (CSV y xlsx)")))
        })
    };
    let cards = || {
        args.cards
            .then(|| {
                log.timed(|| {
                    let private = out.join("privado");
                    let previous = Some(staging.previous());
                    let (n, jobs) =
                        build_cards(project, data, content, &private, previous, args.pdf)?;
                    Ok((jobs, format!("{n} fichas privadas (HTML)")))
                })
            })
            .transpose()
    };
    let ((site, export), cards) = rayon::join(|| rayon::join(site, export), cards);
    let (pages, drawn, rendered) = site?;
    let pages = log.report("Agregación", pages);
    log.report("Gráficos", drawn);
    log.report("Páginas", rendered);
    log.report("Exportación privada", export?);
    let jobs = cards?.map_or_else(Vec::new, |c| log.report("Fichas", c));
    Ok((pages, jobs))
}

/// The private categorization of every ola with microdata. Returns how many olas.
fn export_all(data: &Dataset, project: &Project, out: &Path) -> Result<usize> {
    let mut n = 0;
    for ola in data.olas.iter().filter(|o| o.methodology.is_some()) {
        let dir = out.join("privado").join(ola.config.slug());
        crate::export::write(ola, &project.fields, &dir).with_context(|| {
            format!("exportando la categorización de la {}", ola.config.etiqueta)
        })?;
        n += 1;
    }
    Ok(n)
}

/// Every card of every ola with microdata, into `out/ola-N/fichas/` (for `build` and for
/// `serve`'s preview). Returns how many cards, and their print jobs when `pdf`.
pub(crate) fn build_cards(
    project: &Project,
    data: &Dataset,
    content: &Content,
    out: &Path,
    previous: Option<Previous>,
    pdf: bool,
) -> Result<(usize, Vec<PrintJob>)> {
    let cards = Cards::new(project, data, content)?;
    // Each ola's cards, index and manifest go to its own folder: the olas run at once.
    let written: Vec<_> = data
        .olas
        .par_iter()
        .filter(|o| o.methodology.is_some())
        .map(|ola| {
            let dir = out.join(ola.config.slug()).join("fichas");
            cards.write_ola(ola, &dir, previous, None, pdf)
        })
        .collect::<Result<_>>()?;
    let (mut n, mut jobs) = (0, Vec::new());
    for w in written.into_iter().flatten() {
        n += w.cards;
        jobs.extend(w.pdf_jobs);
    }
    Ok((n, jobs))
}

/// The printable deck of every ola with pages, titled as its page.
fn deck_jobs(data: &Dataset, pages: &SitePages, out: &Path) -> Vec<PrintJob> {
    let title = &data.project.settings.titulo;
    pages
        .olas
        .iter()
        .map(|o| {
            let dir = out.join("sitio").join(&o.slug);
            PrintJob {
                html: dir.join("informe.html"),
                pdf: dir.join("informe.pdf"),
                title: format!("Informe {} — {title}", o.etiqueta),
                source: Source::Site,
                options: PrintOptions::default(),
            }
        })
        .collect()
}

/// Reads, validates and categorizes every ola (two logged stages).
fn read_valid<'p>(project: &'p Project, log: &StageLog) -> Result<Dataset<'p>> {
    let mut data = log.stage("Lectura y validación", || {
        let d = Dataset::read(project);
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
    Ok(data)
}

/// `ssme cards`: the private cards of every ola (or one ola, or one initiative), each ola's
/// fichas folder staged and swapped in only when every card (and PDF) was written.
pub fn cards(root: &Path, args: &CardsArgs) -> Result<i32> {
    let log = StageLog::new(args.quiet);
    let mut project = Project::load(root)?;
    project.select_drafts(args.borradores, args.ola)?;
    let data = read_valid(&project, &log)?;
    let content = Content::load(&project.root.join("content"))?;
    let olas: Vec<_> = data
        .olas
        .iter()
        .filter(|o| o.methodology.is_some() && args.ola.is_none_or(|n| o.config.numero == n))
        .collect();
    if olas.is_empty() {
        anyhow::bail!(
            "no hay microdatos de la ola {} para hacer fichas",
            args.ola.map_or("pedida".into(), |n| n.to_string())
        );
    }
    let only = args.initiative.as_deref();
    let (stagings, jobs) = log.stage("Fichas", || {
        let cards = Cards::new(&project, &data, &content)?;
        let (mut n, mut stagings, mut jobs) = (0, Vec::new(), Vec::new());
        for ola in olas {
            let target = project
                .output_dir()
                .join("privado")
                .join(ola.config.slug())
                .join("fichas");
            let staging = Staging::new(&target)?;
            if only.is_some() && target.is_dir() {
                copy_files(&target, staging.dir())?;
            }
            let previous = Some(staging.previous());
            if let Some(w) = cards.write_ola(ola, staging.dir(), previous, only, args.pdf)? {
                n += w.cards;
                jobs.extend(w.pdf_jobs);
                stagings.push((staging, target));
            }
        }
        if let (Some(id), true) = (only, stagings.is_empty()) {
            anyhow::bail!("ninguna ola seleccionada tiene una iniciativa con el código «{id}»");
        }
        Ok(((stagings, jobs), format!("{n} fichas (HTML)")))
    })?;
    if args.pdf {
        log.stage("PDF", || {
            Printer::launch()?.print_all(&jobs)?;
            Ok(((), format!("{} fichas impresas con Chromium", jobs.len())))
        })?;
    }
    let mut targets = Vec::new();
    for (staging, target) in stagings {
        staging.commit()?;
        targets.push(target.display().to_string());
    }
    log.done(&format!("Fichas en {}", targets.join(", ")));
    Ok(0)
}

/// Copies the files of a flat folder (a fichas folder has no subfolders).
fn copy_files(from: &Path, to: &Path) -> Result<()> {
    for entry in
        std::fs::read_dir(from).with_context(|| format!("no se pudo leer {}", from.display()))?
    {
        let entry = entry?;
        if entry.file_type()?.is_file() {
            std::fs::copy(entry.path(), to.join(entry.file_name()))
                .with_context(|| format!("no se pudo copiar {}", entry.path().display()))?;
        }
    }
    Ok(())
}

/// `ssme template --ola N`: a new ola folder with its config and a blank canonical workbook.
pub fn template(root: &Path, args: &TemplateArgs) -> Result<i32> {
    let project = Project::load(root)?;
    let dir =
        crate::ola_template::create(&project, args.ola, args.anio, args.metodologia.as_deref())?;
    println!("✓ Ola {} preparada en {}", args.ola, dir.display());
    println!("  Diligencie el libro, ajuste ola.yaml si hace falta y ejecute `ssme check`.");
    println!(
        "  Escriba sus secciones en content/olas/{}/. La ola es un borrador: `ssme build` la deja \
         fuera del sitio hasta que quite «borrador: true» de ola.yaml (`ssme build --borradores` \
         la muestra).",
        args.ola
    );
    Ok(0)
}
