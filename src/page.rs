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

impl DataTable {
    /// The table cut into parts of whole rows for fixed-size pages (the deck's slides), the
    /// header repeated on each part and the parts after the first titled «(continuación)».
    /// A row costs one line plus the lines its longest cell wraps to, the columns sharing
    /// `line_chars` characters evenly; a part holds rows worth at most `lines` (and at least
    /// one row, so a part never holds a header alone). No row is ever split.
    pub fn split(&self, lines: usize, line_chars: usize) -> Vec<DataTable> {
        let columns = self.encabezado.len().max(1);
        let width = (line_chars / columns).max(1);
        let cost = |row: &[String]| {
            1 + row
                .iter()
                .map(|c| c.chars().count().div_ceil(width).max(1))
                .max()
                .unwrap_or(1)
        };
        let budget = lines.saturating_sub(cost(&self.encabezado));
        let mut parts: Vec<Vec<Vec<String>>> = vec![Vec::new()];
        let mut used = 0;
        for row in &self.filas {
            let c = cost(row);
            let current = parts.last_mut().expect("one part at least");
            if !current.is_empty() && used + c > budget {
                parts.push(Vec::new());
                used = 0;
            }
            parts.last_mut().expect("one part at least").push(row.clone());
            used += c;
        }
        let last = parts.len() - 1;
        parts
            .into_iter()
            .enumerate()
            .map(|(i, filas)| DataTable {
                titulo: if i == 0 {
                    self.titulo.clone()
                } else {
                    format!("{} (continuación)", self.titulo)
                },
                encabezado: self.encabezado.clone(),
                filas,
                // The note (base, source) goes with the table's last rows.
                nota: if i == last { self.nota.clone() } else { None },
            })
            .collect()
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: &[&[&str]]) -> DataTable {
        DataTable {
            titulo: "Anexo".into(),
            encabezado: vec!["Variable".into(), "Valor".into()],
            filas: rows
                .iter()
                .map(|r| r.iter().map(|c| c.to_string()).collect())
                .collect(),
            nota: Some("Fuente: SSME.".into()),
        }
    }

    #[test]
    fn a_long_table_continues_with_its_header_and_whole_rows() {
        let long = "x".repeat(45); // 3 lines at 15 characters a column
        let t = table(&[&["a", "1"], &["b", &long], &["c", "3"], &["d", "4"]]);
        // Header 2 lines; budget 8: a (2) + b (4) fit, c (2) would make 8 → fits; d starts a part.
        let parts = t.split(10, 30);
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].filas.len(), 3);
        assert_eq!(parts[1].filas, vec![vec!["d".to_string(), "4".to_string()]]);
        assert_eq!(parts[1].encabezado, t.encabezado);
        assert_eq!(parts[1].titulo, "Anexo (continuación)");
        assert_eq!(parts[0].nota, None);
        assert_eq!(parts[1].nota.as_deref(), Some("Fuente: SSME."));
    }

    #[test]
    fn a_row_taller_than_a_page_gets_a_part_of_its_own() {
        let huge = "x".repeat(600);
        let t = table(&[&["a", "1"], &["b", &huge], &["c", "3"]]);
        let parts = t.split(10, 30);
        let rows: Vec<usize> = parts.iter().map(|p| p.filas.len()).collect();
        assert_eq!(rows, vec![1, 1, 1]);
    }

    #[test]
    fn an_empty_table_stays_one_part() {
        let parts = table(&[]).split(10, 30);
        assert_eq!(parts.len(), 1);
        assert!(parts[0].filas.is_empty());
    }
}
