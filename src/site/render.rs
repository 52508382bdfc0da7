//! Rendering: pages → HTML through the tera templates of `templates/`, charts inlined as SVG
//! with their data table and a CSV download. Templates are parsed once per build.

use std::path::Path;

use anyhow::{Context, Result};
use rayon::prelude::*;
use serde::Serialize;
use tera::Tera;

use super::page::{Block, DataTable, Figure, Page};
use crate::content::markdown_to_html;

/// A block ready for a template: everything is text, escaped by tera except `svg`/`html`,
/// which are produced here (SVG text is escaped by the chart module; Markdown has no raw HTML).
#[derive(Serialize)]
#[serde(tag = "tipo", rename_all = "lowercase")]
enum Rendered {
    Titulo {
        texto: String,
        ancla: String,
    },
    Cifras {
        items: Vec<Figure>,
    },
    Texto {
        html: String,
    },
    Grafico {
        id: String,
        titulo: String,
        svg: String,
        alt: String,
        tabla: DataTable,
        csv: String,
        nota: Option<String>,
    },
    Tabla {
        tabla: DataTable,
    },
}

#[derive(Serialize, Clone)]
pub struct NavLink {
    pub titulo: String,
    pub url: String,
    pub actual: bool,
}

/// What every page needs besides its own blocks.
#[derive(Serialize, Clone)]
pub struct Frame {
    pub sitio: String,
    /// Relative prefix to the site root ("" or "../"), so the site works from file:// and subpaths.
    pub raiz: String,
    pub ola: Option<String>,
    pub secciones: Vec<NavLink>,
    pub olas: Vec<NavLink>,
    pub aviso: String,
}

#[derive(Serialize)]
struct PageContext<'a> {
    titulo: &'a str,
    intro: Option<&'a str>,
    bloques: &'a [Rendered],
}

/// A page with its blocks ready for the templates: charts drawn once and their CSVs written
/// once, shared by the section page and the printable deck.
pub struct Prepared<'p> {
    page: &'p Page,
    bloques: Vec<Rendered>,
}

impl Prepared<'_> {
    fn context(&self) -> PageContext<'_> {
        PageContext {
            titulo: &self.page.title,
            intro: self.page.intro.as_deref(),
            bloques: &self.bloques,
        }
    }
}

/// Prepares every page of an ola in parallel (drawing charts is most of the work), in order.
pub fn prepare_all<'p>(pages: &'p [Page], dir: &Path) -> Result<Vec<Prepared<'p>>> {
    pages.par_iter().map(|p| prepare(p, dir)).collect()
}

/// Prepares one page: its charts drawn, their CSVs written into `dir/datos/`.
pub fn prepare<'p>(page: &'p Page, dir: &Path) -> Result<Prepared<'p>> {
    let bloques = page
        .blocks
        .par_iter()
        .map(|b| block(b, dir))
        .collect::<Result<_>>()?;
    Ok(Prepared { page, bloques })
}

pub struct Renderer {
    tera: Tera,
}

impl Renderer {
    pub fn new(templates: &Path) -> Result<Renderer> {
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html"]);
        let mut files = Vec::new();
        for entry in walkdir::WalkDir::new(templates).sort_by_file_name() {
            let entry =
                entry.with_context(|| format!("no se pudo recorrer {}", templates.display()))?;
            if entry.path().extension().is_some_and(|e| e == "html") {
                let name = entry
                    .path()
                    .strip_prefix(templates)
                    .unwrap_or(entry.path())
                    .to_string_lossy()
                    .replace('\\', "/");
                files.push((entry.path().to_path_buf(), Some(name)));
            }
        }
        tera.add_template_files(files)
            .map_err(|e| anyhow::anyhow!("{e:#}"))
            .with_context(|| format!("plantillas de {}", templates.display()))?;
        Ok(Renderer { tera })
    }

    /// Renders a page into `dir/<slug>`, writing each chart's CSV into `dir/datos/`.
    pub fn page(&self, page: &Page, frame: &Frame, dir: &Path) -> Result<()> {
        self.emit(&prepare(page, dir)?, frame, dir)
    }

    /// Renders a prepared page into `dir/<slug>` (its CSVs are already written).
    pub fn emit(&self, page: &Prepared, frame: &Frame, dir: &Path) -> Result<()> {
        let html = self.render(page.page.template, frame, &page.context())?;
        write(&dir.join(&page.page.slug), html.as_bytes())
    }

    /// The printable deck of an ola: every section in order, one page break per section,
    /// with the charts already drawn for the section pages.
    pub fn print(&self, pages: &[Prepared], frame: &Frame, dir: &Path) -> Result<()> {
        let sections: Vec<PageContext> = pages.iter().map(Prepared::context).collect();
        let mut ctx = tera::Context::new();
        ctx.insert("m", frame);
        ctx.insert("secciones_informe", &sections);
        let html = self
            .tera
            .render("informe.html", &ctx)
            .map_err(|e| anyhow::anyhow!("{e:#}"))
            .context("plantilla informe.html")?;
        write(&dir.join("informe.html"), html.as_bytes())
    }

    pub fn render_with(
        &self,
        template: &str,
        frame: &Frame,
        extra: &[(&str, &dyn erased::Ser)],
    ) -> Result<String> {
        let mut ctx = tera::Context::new();
        ctx.insert("m", frame);
        for (k, v) in extra {
            ctx.insert(k.to_string(), &erased::Wrap(*v));
        }
        self.tera
            .render(template, &ctx)
            .map_err(|e| anyhow::anyhow!("{e:#}"))
            .with_context(|| format!("plantilla {template}"))
    }

    fn render(&self, template: &str, frame: &Frame, page: &PageContext) -> Result<String> {
        let mut ctx = tera::Context::new();
        ctx.insert("m", frame);
        ctx.insert("pagina", page);
        self.tera
            .render(template, &ctx)
            .map_err(|e| anyhow::anyhow!("{e:#}"))
            .with_context(|| format!("plantilla {template}"))
    }
}

fn block(block: &Block, dir: &Path) -> Result<Rendered> {
    Ok(match block {
        Block::Heading(t) => Rendered::Titulo {
            texto: t.clone(),
            ancla: crate::text::slug(t),
        },
        Block::Figures(items) => Rendered::Cifras {
            items: items.clone(),
        },
        Block::Markdown(md) => Rendered::Texto {
            html: markdown_to_html(md),
        },
        Block::Table(t) => Rendered::Tabla { tabla: t.clone() },
        Block::Chart(chart) => {
            let csv = format!("datos/{}.csv", chart.id);
            write(&dir.join(&csv), chart.csv().as_bytes())?;
            let table = chart.table();
            Rendered::Grafico {
                id: chart.id.clone(),
                titulo: chart.title.clone(),
                svg: chart.svg(),
                alt: chart.alt_text(),
                tabla: DataTable {
                    titulo: chart.title.clone(),
                    encabezado: table.header,
                    filas: table.rows,
                    nota: None,
                },
                csv,
                nota: chart.note.clone(),
            }
        }
    })
}

pub fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("no se pudo crear {}", parent.display()))?;
    }
    std::fs::write(path, bytes).with_context(|| format!("no se pudo escribir {}", path.display()))
}

/// Lets `render_with` take heterogeneous serializable values.
pub mod erased {
    pub trait Ser {
        fn json(&self) -> serde_json::Value;
    }
    impl<T: serde::Serialize> Ser for T {
        fn json(&self) -> serde_json::Value {
            serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
        }
    }
    pub struct Wrap<'a>(pub &'a dyn Ser);
    impl serde::Serialize for Wrap<'_> {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            self.0.json().serialize(s)
        }
    }
}
