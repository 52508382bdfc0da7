//! What a page is made of, independent of how it is rendered: headline figures, Markdown,
//! charts and tables. The aggregate stage builds pages; the render stage turns them into HTML.

use serde::Serialize;

use crate::chart::Chart;

#[derive(Debug, Clone, Serialize)]
pub struct Figure {
    /// Already formatted (Colombian style) or "sin dato".
    pub valor: String,
    pub etiqueta: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nota: Option<String>,
}

impl Figure {
    pub fn new(valor: impl Into<String>, etiqueta: impl Into<String>) -> Self {
        Figure {
            valor: valor.into(),
            etiqueta: etiqueta.into(),
            nota: None,
        }
    }

    pub fn note(mut self, nota: impl Into<String>) -> Self {
        self.nota = Some(nota.into());
        self
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct DataTable {
    pub titulo: String,
    pub encabezado: Vec<String>,
    pub filas: Vec<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nota: Option<String>,
}

pub enum Block {
    Heading(String),
    Figures(Vec<Figure>),
    /// Markdown source from content/ (rendered without raw HTML).
    Markdown(String),
    Chart(Chart),
    Table(DataTable),
}

pub struct Page {
    /// File name inside the ola folder ("perfil.html") or the site root.
    pub slug: String,
    pub title: String,
    /// Template to render it with ("seccion.html", "anexo.html", …).
    pub template: &'static str,
    pub intro: Option<String>,
    pub blocks: Vec<Block>,
}

impl Page {
    pub fn new(slug: &str, title: &str, template: &'static str) -> Self {
        Page {
            slug: slug.into(),
            title: title.into(),
            template,
            intro: None,
            blocks: Vec::new(),
        }
    }

    pub fn push(&mut self, block: Block) -> &mut Self {
        self.blocks.push(block);
        self
    }

    pub fn heading(&mut self, text: &str) -> &mut Self {
        self.push(Block::Heading(text.to_string()))
    }

    pub fn chart(&mut self, chart: Option<Chart>) -> &mut Self {
        if let Some(c) = chart {
            self.blocks.push(Block::Chart(c));
        }
        self
    }
}
