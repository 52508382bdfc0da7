//! The public site: pages built by the aggregate stage, rendered with tera templates into
//! `sitio/`: a home page, one folder per ola with a page per deck section and a printable
//! deck, and the comparison across olas.

pub mod page;
pub mod render;

use std::path::Path;

use anyhow::{Context, Result};
use serde::Serialize;

use crate::aggregate::{self, OlaView};
use crate::content::Content;
use crate::dataset::Dataset;
use crate::project::Project;
use page::Figure;
use render::{Frame, NavLink, Renderer};

const SITE_TITLE: &str = "SSME — Iniciativas cluster de Colombia";
pub use crate::settings::SAMPLE_NOTICE;

#[derive(Serialize)]
struct OlaCard {
    etiqueta: String,
    anio: i32,
    url: Option<String>,
    cifras: Vec<Figure>,
}

/// Number of files written, for the build log. `pdf`: the build also prints each ola's
/// `informe.pdf`, so the ola pages link to it (never a link to a PDF that is not built).
pub fn build(
    project: &Project,
    data: &Dataset,
    content: &Content,
    out: &Path,
    pdf: bool,
) -> Result<usize> {
    let renderer = Renderer::new(&project.templates_dir())?;
    let mut files = 0;
    let ola_links = |raiz: &str, current: Option<u32>| -> Vec<NavLink> {
        let mut links: Vec<NavLink> = data
            .olas
            .iter()
            .filter(|o| o.methodology.is_some())
            .map(|o| NavLink {
                titulo: o.config.etiqueta.clone(),
                url: format!("{raiz}{}/index.html", o.config.slug()),
                actual: current == Some(o.config.numero),
            })
            .collect();
        links.push(NavLink {
            titulo: "Comparación entre olas".into(),
            url: format!("{raiz}comparacion.html"),
            actual: false,
        });
        links
    };
    // From the project's settings only: real data never says it is synthetic.
    let notice = project.settings.notice().unwrap_or_default().to_string();

    for ola in data.olas.iter().filter(|o| o.methodology.is_some()) {
        let view = OlaView::new(project, data, ola, content);
        let pages = aggregate::ola_pages(&view);
        let dir = out.join(ola.config.slug());
        let prepared = render::prepare_all(&pages, &dir)
            .with_context(|| format!("gráficos de la {}", ola.config.etiqueta))?;
        for (page, ready) in pages.iter().zip(&prepared) {
            let mut secciones: Vec<NavLink> = pages
                .iter()
                .map(|p| NavLink {
                    titulo: short_title(&p.title),
                    url: p.slug.clone(),
                    actual: p.slug == page.slug,
                })
                .collect();
            secciones.push(NavLink {
                titulo: "Informe imprimible".into(),
                url: "informe.html".into(),
                actual: false,
            });
            if pdf {
                secciones.push(NavLink {
                    titulo: "Informe en PDF".into(),
                    url: "informe.pdf".into(),
                    actual: false,
                });
            }
            let frame = Frame {
                sitio: SITE_TITLE.into(),
                raiz: "../".into(),
                ola: Some(ola.config.etiqueta.clone()),
                secciones,
                olas: ola_links("../", Some(ola.config.numero)),
                aviso: notice.clone(),
            };
            renderer
                .emit(ready, &frame, &dir)
                .with_context(|| format!("{} › {}", ola.config.etiqueta, page.slug))?;
            files += 1;
        }
        let frame = Frame {
            sitio: SITE_TITLE.into(),
            raiz: "../".into(),
            ola: Some(ola.config.etiqueta.clone()),
            secciones: Vec::new(),
            olas: ola_links("../", Some(ola.config.numero)),
            aviso: notice.clone(),
        };
        renderer.print(&prepared, &frame, &dir)?;
        files += 1;
    }

    let frame = Frame {
        sitio: SITE_TITLE.into(),
        raiz: String::new(),
        ola: None,
        secciones: Vec::new(),
        olas: ola_links("", None),
        aviso: notice.clone(),
    };
    let mut comparison = frame.clone();
    if let Some(link) = comparison.olas.last_mut() {
        link.actual = true;
    }
    renderer.page(&aggregate::comparison_page(data), &comparison, out)?;
    let cards: Vec<OlaCard> = data
        .olas
        .iter()
        .map(|o| OlaCard {
            etiqueta: o.config.etiqueta.clone(),
            anio: o.config.anio,
            url: o
                .methodology
                .is_some()
                .then(|| format!("{}/index.html", o.config.slug())),
            cifras: aggregate::home_figures(o),
        })
        .collect();
    let welcome = content
        .get("sitio")
        .map(|d| crate::content::markdown_to_html(&d.body))
        .unwrap_or_default();
    let html = renderer.render_with(
        "index.html",
        &frame,
        &[("olas_resumen", &cards), ("bienvenida", &welcome)],
    )?;
    render::write(&out.join("index.html"), html.as_bytes())?;
    files += 2;
    files += copy_static(&project.templates_dir().join("static"), &out.join("static"))?;
    Ok(files)
}

/// Navigation label: the part before a colon ("Dimensión 1: gestión…" → "Dimensión 1").
fn short_title(title: &str) -> String {
    match title.split_once(':') {
        Some((head, _)) => head.to_string(),
        None if title.ends_with(" del SSME") => "Inicio".to_string(),
        None => title.split(',').next().unwrap_or(title).to_string(),
    }
}

fn copy_static(from: &Path, to: &Path) -> Result<usize> {
    let mut n = 0;
    if !from.is_dir() {
        return Ok(0);
    }
    for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
        let entry = entry?;
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(from).unwrap_or(entry.path());
            render::write(&to.join(rel), &std::fs::read(entry.path())?)?;
            n += 1;
        }
    }
    Ok(n)
}
