//! National results: turns the categorized dataset into the pages of the site, section by
//! section as the decks present them. Only aggregates leave this module; groups describing
//! fewer initiatives than the small-cell minimum (`celda_minima` in `ssme.yaml`) are
//! suppressed. Pages are data (`crate::page`): drawing and rendering come later.

mod comparison;
mod conclusions;
mod dimensions;
pub mod measure;
mod performance;
mod profile;
mod regional;
pub mod stats;
pub mod story;
pub mod suppress;
mod transitions;

use rayon::prelude::*;

use crate::chart::{Chart, Kind, Unit};
use crate::content::Content;
use crate::dataset::{Dataset, OlaData};
use crate::numfmt;
use crate::page::{Block, Figure, Page};
use crate::project::Project;
use crate::Initiative;

pub use comparison::{comparison_page, home_figures};

/// What every section builder reads.
pub struct OlaView<'a> {
    pub project: &'a Project,
    pub data: &'a Dataset<'a>,
    pub ola: &'a OlaData<'a>,
    pub inits: Vec<&'a Initiative>,
    pub content: &'a Content,
    /// Groups describing fewer initiatives than this are not published.
    pub min_cell: usize,
}

impl<'a> OlaView<'a> {
    pub fn new(
        project: &'a Project,
        data: &'a Dataset<'a>,
        ola: &'a OlaData<'a>,
        content: &'a Content,
    ) -> Self {
        OlaView {
            project,
            data,
            ola,
            inits: ola.categorized(),
            content,
            min_cell: project.settings.celda_minima,
        }
    }

    pub fn id(&self, name: &str) -> String {
        format!("{}-{name}", self.ola.config.slug())
    }

    /// Spanish label of a canonical answer.
    pub fn label(&self, field: &str, value: &str) -> String {
        self.project
            .fields
            .get(field)
            .map_or(value, |f| f.label_of(value))
            .to_string()
    }

    pub fn field(&self, id: &str) -> &crate::fields::Field {
        self.project
            .fields
            .get(id)
            .expect("fields used by the site exist in campos.yaml")
    }

    /// True when any initiative of the ola answered the field.
    pub fn has(&self, field: &str) -> bool {
        self.inits.iter().any(|i| i.has(field))
    }

    /// Markdown of `content/olas/<n>/<name>.md`, if any.
    pub fn markdown(&self, name: &str) -> Option<Block> {
        self.content
            .get(&format!("olas/{}/{name}", self.ola.config.numero))
            .map(|d| Block::Markdown(d.body.clone()))
    }

    /// Horizontal bars of a categorical field: % of the answering initiatives per answer.
    pub fn category_chart(&self, field: &str, name: &str, title: &str) -> Option<Chart> {
        let f = self.field(field);
        let (counts, answered) = stats::counts(&self.inits, f);
        if answered == 0 {
            return None;
        }
        Some(
            hbar(
                self.id(name),
                title,
                Unit::Percent,
                counts.keys().map(|k| self.label(field, k)).collect(),
                counts
                    .values()
                    .map(|&n| stats::pct(n as f64, answered as f64))
                    .collect(),
            )
            .note(format!(
                "Porcentaje de las iniciativas que respondieron ({}).",
                stats::base_note(self.inits.len(), answered)
            )),
        )
    }

    /// Options of a multi-select to show: those the ola offered and any chosen anyway.
    fn shown_options(&self, field: &str) -> Vec<String> {
        let f = self.field(field);
        let mut options = self.ola.config.offered(f);
        for c in self.inits.iter().filter_map(|i| i.choices(field)) {
            for v in c {
                if !options.contains(v) {
                    options.push(v.clone());
                }
            }
        }
        options.retain(|o| o != stats::NONE_OPTION);
        options
    }

    /// Horizontal bars of a multi-select: % of the initiatives that mention at least one option
    /// (an explicit «ninguna» and a blank are outside the base) that chose each option.
    pub fn choices_chart(&self, field: &str, name: &str, title: &str) -> Option<Chart> {
        self.choices_bars(field, name, title, false)
    }

    /// As [`Self::choices_chart`], as shares of every initiative of the ola (the III deck's
    /// base for the territorial impacts).
    pub fn choices_chart_over_all(&self, field: &str, name: &str, title: &str) -> Option<Chart> {
        self.choices_bars(field, name, title, true)
    }

    fn choices_bars(&self, field: &str, name: &str, title: &str, over_all: bool) -> Option<Chart> {
        let answered = self.inits.iter().filter(|i| i.has(field)).count();
        let base: Vec<&Initiative> = self
            .inits
            .iter()
            .copied()
            .filter(|i| i.choices(field).is_some_and(stats::mentions_any))
            .collect();
        if base.is_empty() {
            return None;
        }
        let whole = if over_all {
            self.inits.len()
        } else {
            base.len()
        };
        let (counts, _) = stats::mentions(&base, field, &self.shown_options(field));
        let mut pairs: Vec<(String, f64)> = counts
            .into_iter()
            .map(|(k, n)| (self.label(field, &k), n as f64 / whole as f64 * 100.0))
            .collect();
        sort_bars(&mut pairs);
        let note = if over_all {
            format!(
                "Porcentaje del total de iniciativas ({}; {} marcaron al menos una opción); cada una puede elegir varias.",
                stats::base_note(self.inits.len(), answered),
                numfmt::int(base.len() as i64)
            )
        } else {
            format!(
                "Porcentaje de las {} iniciativas que marcaron al menos una opción ({}); cada una puede elegir varias.",
                numfmt::int(base.len() as i64),
                stats::base_note(self.inits.len(), answered)
            )
        };
        Some(bars(self.id(name), title, pairs).note(note))
    }

    /// Horizontal bars of a multi-select as shares of all its mentions (they sum to 100 %).
    pub fn mentions_chart(&self, field: &str, name: &str, title: &str) -> Option<Chart> {
        let (counts, total) = stats::mentions(&self.inits, field, &self.shown_options(field));
        if total == 0 {
            return None;
        }
        let mut pairs: Vec<(String, f64)> = counts
            .into_iter()
            .map(|(k, n)| (self.label(field, &k), n as f64 / total as f64 * 100.0))
            .collect();
        sort_bars(&mut pairs);
        let with = self
            .inits
            .iter()
            .filter(|i| i.choices(field).is_some_and(stats::mentions_any))
            .count();
        let note = format!(
            "Porcentaje de las {} menciones de {} iniciativas; una iniciativa puede marcar varias.",
            numfmt::int(total as i64),
            numfmt::int(with as i64)
        );
        Some(bars(self.id(name), title, pairs).note(note))
    }
}

/// Largest share first, ties by label, so the order is deterministic.
fn sort_bars(pairs: &mut [(String, f64)]) {
    pairs.sort_by(|a, b| {
        b.1.partial_cmp(&a.1)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then_with(|| a.0.cmp(&b.0))
    });
}

fn bars(id: String, title: &str, pairs: Vec<(String, f64)>) -> Chart {
    let (labels, values) = pairs.into_iter().map(|(l, v)| (l, Some(v))).unzip();
    hbar(id, title, Unit::Percent, labels, values)
}

pub trait ChartExt {
    fn note(self, note: String) -> Self;
}

impl ChartExt for Chart {
    fn note(mut self, note: String) -> Self {
        self.note = Some(note);
        self
    }
}

pub fn hbar(
    id: String,
    title: &str,
    unit: Unit,
    categories: Vec<String>,
    values: Vec<Option<f64>>,
) -> Chart {
    Chart {
        id,
        title: title.to_string(),
        kind: Kind::HBar {
            categories,
            values,
            color: None,
        },
        unit,
        note: None,
    }
}

pub fn donut(
    id: String,
    title: &str,
    labels: Vec<String>,
    values: Vec<f64>,
    centre: Option<String>,
) -> Chart {
    Chart {
        id,
        title: title.to_string(),
        kind: Kind::Donut {
            labels,
            values,
            centre,
        },
        unit: Unit::Percent,
        note: None,
    }
}

/// Every page of one ola with microdata, in deck order. The sections only read the view, so
/// they are built in parallel (each is a few passes over the initiatives).
pub fn ola_pages(view: &OlaView) -> Vec<Page> {
    let sections: [fn(&OlaView) -> Page; 8] = [
        profile::inicio,
        profile::metodologia,
        profile::perfil,
        dimensions::dimension_1,
        performance::dimension_2,
        regional::dimension_3,
        conclusions::conclusiones,
        conclusions::anexo,
    ];
    sections.par_iter().map(|section| section(view)).collect()
}

/// The public site as data: the pages of every ola with microdata, the comparison across olas
/// and the home page's summaries of every ola.
pub struct SitePages {
    pub olas: Vec<OlaPages>,
    pub comparison: Page,
    pub home: Vec<OlaSummary>,
    /// Markdown of `content/sitio.md`, if any.
    pub welcome: Option<String>,
}

pub struct OlaPages {
    pub numero: u32,
    pub etiqueta: String,
    pub slug: String,
    /// When the ola's results were published (`publicacion` in ola.yaml), as written there.
    pub publicacion: Option<String>,
    pub pages: Vec<Page>,
}

/// One ola on the home page: its headline figures, and whether it has pages of its own.
pub struct OlaSummary {
    pub etiqueta: String,
    pub anio: i32,
    pub slug: Option<String>,
    pub figures: Vec<Figure>,
    /// When the ola's results were published, as the ola.yaml says it.
    pub publicacion: Option<String>,
    /// Levels, mean score and change (olas with microdata only).
    pub story: Option<story::OlaStory>,
}

/// The aggregate stage: every page of the site, built from the dataset and the content.
pub fn site(project: &Project, data: &Dataset, content: &Content) -> SitePages {
    let olas = data
        .olas
        .iter()
        .filter(|o| o.methodology.is_some())
        .map(|ola| OlaPages {
            numero: ola.config.numero,
            etiqueta: ola.config.etiqueta.clone(),
            slug: ola.config.slug(),
            publicacion: ola.config.publicacion.clone(),
            pages: ola_pages(&OlaView::new(project, data, ola, content)),
        })
        .collect();
    let home = data
        .olas
        .iter()
        .map(|o| OlaSummary {
            etiqueta: o.config.etiqueta.clone(),
            anio: o.config.anio,
            slug: o.methodology.is_some().then(|| o.config.slug()),
            figures: home_figures(o),
            publicacion: o.config.publicacion.clone(),
            story: story::of(data, o),
        })
        .collect();
    SitePages {
        olas,
        comparison: {
            let mut page = comparison_page(data);
            transitions::extend(&mut page, data, project.settings.celda_minima);
            page
        },
        home,
        welcome: content.get("sitio").map(|d| d.body.clone()),
    }
}
