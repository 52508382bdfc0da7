//! The chart stage: every block of every page made ready for the templates. Charts are drawn
//! to SVG text and their data tables and CSV prepared, once per page, shared by the section
//! page and the printable deck. Nothing is written here.

use rayon::prelude::*;
use serde::Serialize;

use crate::aggregate::{OlaPages, SitePages};
use crate::content::markdown_to_html;
use crate::page::{Block, DataTable, Figure, Page};

/// A block ready for a template: everything is text, escaped by tera except `svg`/`html`,
/// which are produced here (SVG text is escaped by the chart module; Markdown has no raw HTML).
#[derive(Serialize)]
#[serde(tag = "tipo", rename_all = "lowercase")]
pub enum Drawn {
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
        /// The CSV's path, relative to the page.
        csv: String,
        /// The CSV itself, written by the render stage.
        #[serde(skip)]
        csv_data: String,
        nota: Option<String>,
    },
    Tabla {
        tabla: DataTable,
    },
}

/// A page with every block drawn.
pub struct DrawnPage<'p> {
    pub page: &'p Page,
    pub blocks: Vec<Drawn>,
}

pub struct DrawnOla<'p> {
    pub ola: &'p OlaPages,
    pub pages: Vec<DrawnPage<'p>>,
}

pub struct DrawnSite<'p> {
    pub site: &'p SitePages,
    pub olas: Vec<DrawnOla<'p>>,
    pub comparison: DrawnPage<'p>,
}

impl DrawnSite<'_> {
    pub fn charts(&self) -> usize {
        let count = |p: &DrawnPage| {
            p.blocks
                .iter()
                .filter(|b| matches!(b, Drawn::Grafico { .. }))
                .count()
        };
        let olas: usize = self.olas.iter().flat_map(|o| &o.pages).map(count).sum();
        olas + count(&self.comparison)
    }
}

/// Draws every page of the site (pages and their charts in parallel: drawing is most of the
/// work of a build).
pub fn site(site: &SitePages) -> DrawnSite<'_> {
    let olas = site
        .olas
        .iter()
        .map(|ola| DrawnOla {
            ola,
            pages: ola.pages.par_iter().map(page).collect(),
        })
        .collect();
    DrawnSite {
        site,
        olas,
        comparison: page(&site.comparison),
    }
}

pub fn page(page: &Page) -> DrawnPage<'_> {
    DrawnPage {
        page,
        blocks: page.blocks.par_iter().map(block).collect(),
    }
}

fn block(block: &Block) -> Drawn {
    match block {
        Block::Heading(t) => Drawn::Titulo {
            texto: t.clone(),
            ancla: crate::text::slug(t),
        },
        Block::Figures(items) => Drawn::Cifras {
            items: items.clone(),
        },
        Block::Markdown(md) => Drawn::Texto {
            html: markdown_to_html(md),
        },
        Block::Table(t) => Drawn::Tabla { tabla: t.clone() },
        Block::Chart(chart) => {
            let table = chart.table();
            Drawn::Grafico {
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
                csv: format!("datos/{}.csv", chart.id),
                csv_data: chart.csv(),
                nota: chart.note.clone(),
            }
        }
    }
}
