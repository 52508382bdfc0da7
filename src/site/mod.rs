//! The public site: the aggregate stage's pages, drawn (`draw`) and rendered with the templates
//! (`render`) into `sitio/`: a home page, one folder per ola with a page per deck section and
//! a printable deck, and the comparison across olas.

mod deck;
mod description;
mod downloads;
pub mod draw;
pub mod render;

use std::path::Path;

use anyhow::{Context, Result};
use rayon::prelude::*;
use serde::Serialize;

use crate::content::markdown_to_html;
use crate::output::write;
use crate::page::Figure;
use crate::project::Project;
use crate::templates::Templates;
use draw::DrawnSite;
use render::{Frame, LogoLink, NavLink, Renderer};

#[derive(Serialize)]
struct OlaCard<'a> {
    etiqueta: &'a str,
    anio: i32,
    url: Option<String>,
    cifras: &'a [Figure],
    /// In words, in the project's date language.
    publicacion: Option<String>,
    historia: Option<&'a crate::aggregate::story::OlaStory>,
}

/// The render stage: every page of the drawn site written into `out`. Returns the number of
/// files written, for the build log. `pdf`: the build also prints each ola's `informe.pdf`, so
/// the ola pages link to it (never a link to a PDF that is not built).
pub fn render(project: &Project, drawn: &DrawnSite, out: &Path, pdf: bool) -> Result<usize> {
    let templates = project.templates();
    let renderer = Renderer::new(&templates)?;
    let base = base_frame(project);
    // The pages under the site's public address, for their canonical links and the sitemap.
    let mut published = Vec::new();
    let mut canonical = |path: String| {
        let url = project.settings.absolute_url(&path);
        published.extend(url.clone());
        url
    };
    let mut files = copy_logos(project, out)?;
    let frame = |raiz: &str, current: Option<u32>| Frame {
        raiz: raiz.to_string(),
        olas: ola_links(drawn, raiz, current),
        logos: logo_links(project, raiz),
        ..base.clone()
    };
    for ola in &drawn.olas {
        let dir = out.join(&ola.ola.slug);
        let ola_frame = Frame {
            ola: Some(ola.ola.etiqueta.clone()),
            ..frame("../", Some(ola.ola.numero))
        };
        let frames: Vec<Frame> = ola
            .pages
            .iter()
            .map(|page| Frame {
                secciones: section_links(ola, &page.page.slug, pdf),
                canonica: canonical(format!("{}/{}", ola.ola.slug, page.page.slug)),
                descripcion: description::of_page(page.page, Some(&ola.ola.etiqueta)),
                ..ola_frame.clone()
            })
            .collect();
        // Pages are independent once their frames are known: rendered on every core.
        ola.pages
            .par_iter()
            .zip(&frames)
            .try_for_each(|(page, frame)| {
                renderer
                    .page(page, frame, &dir)
                    .with_context(|| format!("{} › {}", ola.ola.etiqueta, page.page.slug))
            })?;
        files += ola.pages.len();
        renderer.print(ola, &ola_frame, &dir)?;
        files += 1;
        downloads::write_xlsx(
            &ola.pages,
            &format!("Datos de los gráficos — {}", ola.ola.etiqueta),
            &dir,
            &ola.ola.slug,
        )?;
        files += 1;
    }
    let mut comparison = Frame {
        canonica: canonical(drawn.comparison.page.slug.clone()),
        descripcion: description::of_page(drawn.comparison.page, None),
        ..frame("", None)
    };
    if let Some(link) = comparison.olas.last_mut() {
        link.actual = true;
    }
    renderer.page(&drawn.comparison, &comparison, out)?;
    let home_frame = Frame {
        canonica: canonical("index.html".into()),
        descripcion: description::of_home(drawn.site.welcome.as_deref(), &project.settings.titulo),
        ..frame("", None)
    };
    files += 1 + home(&renderer, drawn, &home_frame, out)?;
    files += copy_static(&templates, out)?;
    if !published.is_empty() {
        write(&out.join("sitemap.xml"), sitemap(&published).as_bytes())?;
        files += 1;
    }
    Ok(files)
}

/// What every page of the project shares, before its own place, links and description.
fn base_frame(project: &Project) -> Frame {
    Frame {
        sitio: project.settings.titulo.clone(),
        raiz: String::new(),
        ola: None,
        secciones: Vec::new(),
        olas: Vec::new(),
        aviso: project.settings.notice().unwrap_or_default().to_string(),
        organizacion: project.settings.organizacion.clone(),
        contacto: project.settings.contacto.clone(),
        logos: Vec::new(),
        url_base: project.settings.url_base.clone(),
        canonica: None,
        idioma_fechas: project.settings.idioma_fechas,
        descripcion: project.settings.titulo.clone(),
    }
}

/// The sitemap of the published pages (no dates: the same build gives the same file).
fn sitemap(urls: &[String]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for url in urls {
        xml.push_str(&format!(
            "  <url><loc>{}</loc></url>\n",
            quick_xml::escape::escape(url.as_str())
        ));
    }
    xml.push_str("</urlset>\n");
    xml
}

/// The home page: the welcome text and a card per ola (every ola in the data, in order).
fn home(renderer: &Renderer, drawn: &DrawnSite, frame: &Frame, out: &Path) -> Result<usize> {
    let cards: Vec<OlaCard> = drawn
        .site
        .home
        .iter()
        .map(|o| OlaCard {
            etiqueta: &o.etiqueta,
            anio: o.anio,
            url: o.slug.as_ref().map(|s| format!("{s}/index.html")),
            cifras: &o.figures,
            publicacion: o
                .publicacion
                .as_deref()
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(|p| crate::numfmt::date(p, frame.idioma_fechas)),
            historia: o.story.as_ref(),
        })
        .collect();
    let welcome = drawn
        .site
        .welcome
        .as_deref()
        .map(markdown_to_html)
        .unwrap_or_default();
    let html = renderer.render_with(
        "index.html",
        frame,
        &[("olas_resumen", &cards), ("bienvenida", &welcome)],
    )?;
    write(&out.join("index.html"), html.as_bytes())?;
    Ok(1)
}

/// The olas with pages, then the comparison across olas.
fn ola_links(drawn: &DrawnSite, raiz: &str, current: Option<u32>) -> Vec<NavLink> {
    let mut links: Vec<NavLink> = drawn
        .olas
        .iter()
        .map(|o| NavLink {
            titulo: o.ola.etiqueta.clone(),
            url: format!("{raiz}{}/index.html", o.ola.slug),
            actual: current == Some(o.ola.numero),
        })
        .collect();
    links.push(NavLink {
        titulo: "Comparación entre olas".into(),
        url: format!("{raiz}comparacion.html"),
        actual: false,
    });
    links
}

/// The sections of an ola, the printable deck and, when printed, its PDF.
fn section_links(ola: &draw::DrawnOla, current: &str, pdf: bool) -> Vec<NavLink> {
    let mut links: Vec<NavLink> = ola
        .pages
        .iter()
        .map(|p| NavLink {
            titulo: short_title(&p.page.title),
            url: p.page.slug.clone(),
            actual: p.page.slug == current,
        })
        .collect();
    links.push(NavLink {
        titulo: "Informe imprimible".into(),
        url: "informe.html".into(),
        actual: false,
    });
    links.push(NavLink {
        titulo: "Datos de los gráficos (xlsx)".into(),
        url: format!("datos/{}.xlsx", ola.ola.slug),
        actual: false,
    });
    if pdf {
        links.push(NavLink {
            titulo: "Informe en PDF".into(),
            url: "informe.pdf".into(),
            actual: false,
        });
    }
    links
}

/// Navigation label: the part before a colon ("Dimensión 1: gestión…" → "Dimensión 1").
fn short_title(title: &str) -> String {
    match title.split_once(':') {
        Some((head, _)) => head.to_string(),
        None if title.ends_with(" del SSME") => "Inicio".to_string(),
        None => title.split(',').next().unwrap_or(title).to_string(),
    }
}

/// Where a logo of `ssme.yaml` is published: `static/logos/<file name>`.
fn logo_name(file: &str) -> String {
    let name = Path::new(file)
        .file_name()
        .map_or_else(|| file.to_string(), |n| n.to_string_lossy().into_owned());
    format!("static/logos/{name}")
}

fn logo_links(project: &Project, raiz: &str) -> Vec<LogoLink> {
    project
        .settings
        .logos
        .iter()
        .map(|l| LogoLink {
            url: format!("{raiz}{}", logo_name(&l.archivo)),
            texto: l.texto.clone(),
        })
        .collect()
}

fn copy_logos(project: &Project, out: &Path) -> Result<usize> {
    for logo in &project.settings.logos {
        let from = project.root.join(&logo.archivo);
        let bytes = std::fs::read(&from)
            .with_context(|| format!("ssme.yaml: no se pudo leer el logo {}", from.display()))?;
        write(&out.join(logo_name(&logo.archivo)), &bytes)?;
    }
    Ok(project.settings.logos.len())
}

/// The style sheets and images of `templates/static/` (defaults and the project's own).
fn copy_static(templates: &Templates, out: &Path) -> Result<usize> {
    let names = templates.names_under("static/")?;
    for name in &names {
        write(&out.join(name), &templates.get(name)?)?;
    }
    Ok(names.len())
}
