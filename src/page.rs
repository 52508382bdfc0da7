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
    /// The columns share `line_chars` characters in proportion to their longest cell (as a
    /// browser lays a table out); a row costs the lines its tallest cell wraps to plus a third
    /// of a line of padding; a part holds rows worth at most `lines` (and at least one row, so
    /// a part never holds a header alone). No row is ever split.
    pub fn split(&self, lines: usize, line_chars: usize) -> Vec<DataTable> {
        let widths = self.column_widths(line_chars);
        // In thirds of a line.
        let cost = |row: &[String]| {
            let wrapped = row
                .iter()
                .zip(&widths)
                .map(|(c, w)| c.chars().count().div_ceil(*w).max(1))
                .max()
                .unwrap_or(1);
            3 * wrapped + 1
        };
        let budget = (3 * lines).saturating_sub(cost(&self.encabezado));
        let mut parts: Vec<Vec<Vec<String>>> = vec![Vec::new()];
        let mut used = 0;
        for row in &self.filas {
            let c = cost(row);
            let current = parts.last_mut().expect("one part at least");
            if !current.is_empty() && used + c > budget {
                parts.push(Vec::new());
                used = 0;
            }
            parts
                .last_mut()
                .expect("one part at least")
                .push(row.clone());
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

impl DataTable {
    /// Characters of each column: `line_chars` shared in proportion to the column's longest
    /// cell (header included), at least 6 each.
    fn column_widths(&self, line_chars: usize) -> Vec<usize> {
        let columns = self.encabezado.len().max(1);
        let longest: Vec<usize> = (0..columns)
            .map(|j| {
                std::iter::once(&self.encabezado)
                    .chain(&self.filas)
                    .filter_map(|r| r.get(j))
                    .map(|c| c.chars().count().max(1))
                    .max()
                    .unwrap_or(1)
            })
            .collect();
        let total: usize = longest.iter().sum();
        longest
            .iter()
            .map(|l| (line_chars * l / total.max(1)).max(6))
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
        // Both columns' longest cells are 45 characters: 30 characters a line share 15 each.
        let long = "x".repeat(45); // 3 lines
        let t = table(&[
            &["a", "1"],
            &[&long, &long],
            &["c", "3"],
            &["d", "4"],
            &["e", "5"],
        ]);
        // In thirds of a line: header 4, budget 3 × 10 − 4 = 26: a (4) + long (10) + c (4)
        // + d (4) = 22; e (4) would make 26 → fits; with 9 lines (budget 23) e moves on.
        assert_eq!(t.split(10, 30).len(), 1);
        let parts = t.split(9, 30);
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].filas.len(), 4);
        assert_eq!(parts[1].filas, vec![vec!["e".to_string(), "5".to_string()]]);
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
