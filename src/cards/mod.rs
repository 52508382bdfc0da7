//! Private report cards: one page per initiative and ola that benchmarks it against its peers,
//! written to `output/privado/ola-N/fichas/` as `<id>-<slug>.html` (self-contained: CSS and
//! SVG inlined), optionally the PDF, plus an index for the analyst and the `fichas.csv`
//! manifest the e-mail command reads. Never linked from the site.

mod advice;
mod change;
mod index;
mod model;
mod path;
mod peers;
mod story;

use std::path::Path;

use anyhow::{anyhow, Context, Result};
use rayon::prelude::*;
use serde::Serialize;
use tera::Tera;

use crate::browser::{PrintJob, PrintOptions, Source};
use crate::chart::palette;
use crate::content::Content;
use crate::dataset::{Dataset, OlaData};
use crate::methodology::Methodology;
use crate::numfmt;
use crate::output::{write, Previous};
use crate::project::Project;

pub use index::{HEADER, MANIFEST};

/// "Nivel 2 — En consolidación", as the site labels levels.
pub fn level_label(m: &Methodology, level: u8) -> String {
    format!("Nivel {level} — {}", m.level_name(level))
}

/// An initiative id made safe for a file name: ASCII letters, digits, '-' and '_' are kept.
pub fn file_id(id: &str) -> String {
    let safe: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if safe.is_empty() {
        "iniciativa".into()
    } else {
        safe
    }
}

/// File name of a card without extension: "IC-0001-ruta-competitiva-de-cacao".
pub fn file_stem(id: &str, name: &str) -> String {
    let slug = crate::text::slug(name);
    if slug.is_empty() {
        file_id(id)
    } else {
        format!("{}-{slug}", file_id(id))
    }
}

/// Id of a card's areas chart; its SVG's DOM ids start with it.
pub fn chart_id(id: &str) -> String {
    format!("ficha-{}-areas", file_id(id))
}

/// The areas chart's SVG exactly as the card `html` of initiative `id` embeds it, found by its
/// id (plotters escapes every text, so no `</svg>` can occur inside it).
pub fn chart_svg<'h>(html: &'h str, id: &str) -> Option<&'h str> {
    let marker = format!("aria-labelledby=\"{}-title\"", chart_id(id));
    let at = html.find(&marker)?;
    let start = html[..at].rfind("<svg")?;
    let end = at + html[at..].find("</svg>")? + "</svg>".len();
    Some(&html[start..end])
}

/// Everything parsed once per run: templates, the card style sheet and the recommendations.
pub struct Cards<'a> {
    project: &'a Project,
    data: &'a Dataset<'a>,
    tera: Tera,
    css: String,
    advice: advice::Advice,
}

/// One ola's peers, previous ola and labels, shared by all its cards.
pub struct OlaCards<'a> {
    pub(crate) m: &'a Methodology,
    pub(crate) ola: &'a OlaData<'a>,
    pub(crate) peers: peers::Peers,
    /// Per variable, the ola's shares at each level ([`model::level_shares`]).
    pub(crate) shares: Vec<Vec<model::Share>>,
    pub(crate) previous: Option<change::Previous<'a>>,
    pub(crate) advice: &'a advice::Advice,
    project: &'a Project,
}

impl OlaCards<'_> {
    pub(crate) fn label(&self, field: &str, value: &str) -> String {
        self.project
            .fields
            .get(field)
            .map_or(value, |f| f.label_of(value))
            .to_string()
    }
}

/// What one ola's run wrote.
pub struct Written {
    pub cards: usize,
    /// Card PDFs still to print (only with `pdf`), from the HTML just written.
    pub pdf_jobs: Vec<PrintJob>,
}

#[derive(Serialize)]
struct Colours {
    fondo: String,
    texto: String,
}

#[derive(Serialize)]
struct CardPage<'a> {
    ficha: &'a model::Card,
    svg: &'a str,
    estilo: &'a str,
    colores: &'a [Colours],
    metodo: &'a [String],
    aviso: &'a str,
}

impl<'a> Cards<'a> {
    pub fn new(project: &'a Project, data: &'a Dataset<'a>, content: &Content) -> Result<Self> {
        let templates = project.templates();
        let tera = templates
            .tera(&["ficha.html", "fichas-indice.html"])
            .context("plantillas de las fichas")?;
        let css = templates.text("ficha.css")?;
        Ok(Cards {
            project,
            data,
            tera,
            css,
            advice: advice::Advice::new(content),
        })
    }

    /// Writes the cards of `ola` into `dir` (the ola's fichas folder, normally staged): all of
    /// them, or only initiative `only` (keeping the other cards already in `dir`). Then the
    /// index and manifest of every card present. None when `only` is not in this ola.
    /// Writes the cards of `ola` (or only the one of `only`) into `dir`, each linked from
    /// the `previous` build's folder when unchanged there.
    pub fn write_ola(
        &self,
        ola: &'a OlaData<'a>,
        dir: &Path,
        previous: Option<Previous>,
        only: Option<&str>,
        pdf: bool,
    ) -> Result<Option<Written>> {
        let m = ola
            .methodology
            .context("las fichas necesitan una ola con microdatos")?;
        let selected: Vec<usize> = (0..ola.initiatives.len())
            .filter(|&i| only.is_none_or(|id| ola.initiatives[i].id() == id))
            .collect();
        if selected.is_empty() && only.is_some() {
            return Ok(None);
        }
        index::check_unique_stems(ola)?;
        std::fs::create_dir_all(dir)
            .with_context(|| format!("no se pudo crear {}", dir.display()))?;
        if let Some(id) = only {
            index::remove_previous(dir, id)?;
        }
        let peers = peers::Peers::new(ola, m);
        let oc = OlaCards {
            m,
            ola,
            shares: peers.level_counts.iter().map(model::level_shares).collect(),
            peers,
            previous: change::Previous::of(self.data, ola, m),
            advice: &self.advice,
            project: self.project,
        };
        let common = Common {
            colours: palette::LEVELS
                .iter()
                .map(|&c| Colours {
                    fondo: palette::hex(c),
                    texto: palette::hex(palette::text_on(c)),
                })
                .collect(),
            method: method_notes(ola, m),
            notice: self.project.settings.notice().unwrap_or_default(),
        };
        let jobs: Vec<PrintJob> = selected
            .par_iter()
            .map(|&i| self.write_card(&oc, &common, i, dir, previous))
            .collect::<Result<_>>()
            .with_context(|| format!("fichas de la {}", ola.config.etiqueta))?;
        let printed: Vec<String> = if pdf {
            selected
                .iter()
                .map(|&i| ola.initiatives[i].id().to_string())
                .collect()
        } else {
            Vec::new()
        };
        index::write(&self.tera, &self.css, &oc, dir, &printed)?;
        Ok(Some(Written {
            cards: jobs.len(),
            pdf_jobs: if pdf { jobs } else { Vec::new() },
        }))
    }
}

/// What every card of an ola shows alike.
struct Common<'a> {
    colours: Vec<Colours>,
    method: Vec<String>,
    notice: &'a str,
}

impl<'a> Cards<'a> {
    /// Writes the card of the `i`-th initiative into `dir`; its print job, for `--pdf`.
    fn write_card(
        &self,
        oc: &OlaCards,
        common: &Common,
        i: usize,
        dir: &Path,
        previous: Option<Previous>,
    ) -> Result<PrintJob> {
        let init = &oc.ola.initiatives[i];
        let stem = file_stem(init.id(), init.name());
        let (card, chart) = model::card(oc, i);
        let svg = chart.svg();
        let page = CardPage {
            ficha: &card,
            svg: &svg,
            estilo: &self.css,
            colores: &common.colours,
            metodo: &common.method,
            aviso: common.notice,
        };
        let html = self
            .tera
            .render("ficha.html", &tera::Context::from_serialize(&page)?)
            .map_err(|e| anyhow!("{e:#}"))
            .context("plantilla ficha.html")?;
        let path = dir.join(format!("{stem}.html"));
        match previous {
            Some(previous) => previous.write(&path, html.as_bytes())?,
            None => write(&path, html.as_bytes())?,
        }
        Ok(PrintJob {
            pdf: path.with_extension("pdf"),
            html: path,
            title: format!("Ficha {} — {}", card.ola, card.nombre),
            source: Source::Standalone,
            // A lone card has a single heading: no outline (a batch adds one to split itself).
            options: PrintOptions {
                outline: false,
                ..PrintOptions::default()
            },
        })
    }
}

/// The footnote: how the score is built, the cut points and the nature of the data.
fn method_notes(ola: &OlaData, m: &Methodology) -> Vec<String> {
    let cuts = &m.puntaje.cortes;
    let dec = |v: f64| numfmt::dec(v, 1);
    let ranges: Vec<String> = m
        .niveles
        .iter()
        .enumerate()
        .map(|(k, l)| {
            let range = match (k.checked_sub(1).map(|j| cuts[j]), cuts.get(k)) {
                (None, Some(hi)) => format!("menos de {}", dec(*hi)),
                (Some(lo), Some(hi)) => format!("desde {} y menos de {}", dec(lo), dec(*hi)),
                (Some(lo), None) => format!("desde {}", dec(lo)),
                (None, None) => "cualquier puntaje".into(),
            };
            format!("{range}, {}", level_label(m, l.numero))
        })
        .collect();
    vec![
        format!(
            "Método ({}): cada variable se clasifica en un nivel de 1 a {} según los umbrales de la metodología; el puntaje de un área es la media de los niveles de sus variables con dato, y el puntaje general es la media de las {} áreas, todas con el mismo peso, publicada con {} decimales sobre {}.",
            m.nombre,
            m.niveles.len(),
            m.areas.len(),
            m.puntaje.decimales,
            dec(m.puntaje.maximo)
        ),
        format!("Nivel general según el puntaje: {}.", ranges.join("; ")),
        "Promedios nacional y del macrosector: media de los puntajes de área publicados (dos decimales) de las iniciativas de la ola con dato en el área. Las iniciativas con el mismo puntaje general comparten puesto.".into(),
        format!(
            "Los datos son autodeclarados por la iniciativa en el cuestionario del SSME de la {} (periodo {}) y no han sido auditados; «sin dato» indica una respuesta ausente, nunca un cero.",
            ola.config.etiqueta,
            ola.config.period()
        ),
    ]
}
