//! The printed deck of an ola: its drawn pages cut into 16:9 slides, as the published decks
//! present them: a cover, an agenda, a divider per part (page), then one message per slide
//! (a chart with its reading and source, a few headline figures, a part of a text or of a
//! table) and a closing slide. Slides are sized here, in whole blocks, rows and paragraphs,
//! so that none overflows its page (the deck's CSS sets the type sizes these budgets assume).

mod text;

use serde::Serialize;

use super::draw::{Drawn, DrawnOla, DrawnPage};
use crate::content::markdown_to_html;
use crate::page::Block;

/// Printed lines of table on a slide, and characters of a table line at the deck's type size.
const TABLE_LINES: usize = 24;
const TABLE_CHARS: usize = 120;
/// Printed lines of running text on a slide.
const TEXT_LINES: usize = 17;
/// Headline figures on a slide.
const FIGURES: usize = 4;

/// A block on a slide: one of the drawn page's, or a part of one (a table's rows, a text's
/// paragraphs, a few figures). Both render with the site's `_bloque.html`.
#[derive(Serialize)]
#[serde(untagged)]
pub enum Piece<'a> {
    Shared(&'a Drawn),
    Part(Box<Drawn>),
}

#[derive(Serialize)]
pub struct Slide<'a> {
    /// 1-based, printed in the slide's footer.
    pub numero: usize,
    /// "portada", "agenda", "divisor", "mensaje" or "cierre" (the template's layout).
    pub clase: &'static str,
    /// The part the slide belongs to, printed above its title.
    pub parte: String,
    pub titulo: String,
    /// A sentence under the title (a divider's introduction).
    pub texto: Option<String>,
    /// The agenda's entries.
    pub lista: Vec<String>,
    pub piezas: Vec<Piece<'a>>,
    /// A chart's one-sentence reading.
    pub lectura: Option<String>,
    /// Where the slide's figures come from.
    pub fuente: Option<String>,
}

impl<'a> Slide<'a> {
    fn new(clase: &'static str, parte: &str, titulo: &str) -> Self {
        Slide {
            numero: 0,
            clase,
            parte: parte.to_string(),
            titulo: titulo.to_string(),
            texto: None,
            lista: Vec::new(),
            piezas: Vec::new(),
            lectura: None,
            fuente: None,
        }
    }
}

/// The slides of an ola's deck, numbered. `source`: the source line of its figures.
pub fn slides<'a>(ola: &'a DrawnOla<'a>, source: &str) -> Vec<Slide<'a>> {
    let mut out = vec![Slide::new("portada", "", &ola.ola.etiqueta)];
    let mut agenda = Slide::new("agenda", "", "Agenda");
    agenda.lista = ola.pages.iter().map(|p| p.page.title.clone()).collect();
    out.push(agenda);
    let parts = ola.pages.len();
    for (k, page) in ola.pages.iter().enumerate() {
        let (label, title) = part_title(&page.page.title, k + 1);
        let mut divider = Slide::new("divisor", &label, &title);
        divider.texto = Some(
            page.page
                .intro
                .clone()
                .unwrap_or_else(|| format!("Parte {} de {parts}", k + 1)),
        );
        out.push(divider);
        messages(page, &title, source, &mut out);
    }
    out.push(Slide::new("cierre", "", "Gracias"));
    for (i, slide) in out.iter_mut().enumerate() {
        slide.numero = i + 1;
    }
    out
}

/// A page's title as a divider shows it: "Dimensión 1: gestión de…" → ("Dimensión 1",
/// "Gestión de…"); a title without a colon is "Parte k".
fn part_title(title: &str, k: usize) -> (String, String) {
    match title.split_once(':') {
        Some((head, rest)) if !rest.trim().is_empty() => (head.trim().to_string(), capital(rest)),
        _ => (format!("Parte {k}"), title.to_string()),
    }
}

fn capital(text: &str) -> String {
    let text = text.trim();
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// One slide per message of a page, each titled by the heading it falls under (the part's
/// title before the first, a text's own heading for its slides and those after); a heading
/// with nothing after it prints nothing. Every slide of the part names it above its title.
fn messages<'a>(page: &'a DrawnPage<'a>, title: &str, source: &str, out: &mut Vec<Slide<'a>>) {
    let part = page.page.title.as_str();
    let mut heading: Option<String> = None;
    for (block, drawn) in page.page.blocks.iter().zip(&page.blocks) {
        let title = heading.as_deref().unwrap_or(title);
        match block {
            Block::Heading(text) => heading = Some(text.clone()),
            Block::Chart(chart) => {
                let mut slide = Slide::new("mensaje", part, title);
                slide.piezas.push(Piece::Shared(drawn));
                slide.lectura = chart.reading();
                slide.fuente = Some(source.to_string());
                out.push(slide);
            }
            Block::Table(table) => {
                for rows in table.split(TABLE_LINES, TABLE_CHARS) {
                    let mut slide = Slide::new("mensaje", part, title);
                    slide
                        .piezas
                        .push(Piece::Part(Box::new(Drawn::Tabla { tabla: rows })));
                    slide.fuente = Some(source.to_string());
                    out.push(slide);
                }
            }
            Block::Figures(items) => {
                for group in items.chunks(FIGURES) {
                    let mut slide = Slide::new("mensaje", part, title);
                    let items = group.to_vec();
                    slide
                        .piezas
                        .push(Piece::Part(Box::new(Drawn::Cifras { items })));
                    slide.fuente = Some(source.to_string());
                    out.push(slide);
                }
            }
            Block::Markdown(md) => {
                let mut last = None;
                for chunk in text::split(md, TEXT_LINES) {
                    let own = chunk.title.as_deref().or(last.as_deref()).unwrap_or(title);
                    let mut slide = Slide::new("mensaje", part, own);
                    let html = markdown_to_html(&chunk.body);
                    slide
                        .piezas
                        .push(Piece::Part(Box::new(Drawn::Texto { html })));
                    out.push(slide);
                    last = chunk.title.or(last);
                }
                heading = last.or(heading);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn part_titles_read_as_the_decks_dividers() {
        assert_eq!(
            part_title("Dimensión 1: gestión de la iniciativa cluster", 3),
            (
                "Dimensión 1".to_string(),
                "Gestión de la iniciativa cluster".to_string()
            )
        );
        assert_eq!(
            part_title("Perfil de las iniciativas cluster", 2),
            (
                "Parte 2".to_string(),
                "Perfil de las iniciativas cluster".to_string()
            )
        );
    }
}
