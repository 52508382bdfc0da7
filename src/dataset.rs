//! Everything read from `data/` for one run: every ola's initiatives and their
//! categorization. The later stages (aggregate, chart, render, cards, e-mail) only read this.

use anyhow::Result;
use rayon::prelude::*;

use crate::categorize::{categorize_all, Categorization};
use crate::diagnostics::Problem;
use crate::methodology::Methodology;
use crate::ola::OlaConfig;
use crate::project::Project;
use crate::validate;
use crate::workbook::OlaRead;
use crate::Initiative;

pub struct OlaData<'p> {
    pub config: &'p OlaConfig,
    /// None for olas known only through their summary (I and II).
    pub methodology: Option<&'p Methodology>,
    pub initiatives: Vec<Initiative>,
    pub categorizations: Vec<Categorization>,
    pub problems: Vec<Problem>,
    pub file: Option<String>,
    /// Sheet read and canonical field → 0-based column, to name the cells of messages.
    pub sheet: String,
    pub columns: std::collections::BTreeMap<String, u32>,
    /// How the export was read when detected (CSV encoding and separator, export style).
    pub detected: Option<String>,
}

impl OlaData<'_> {
    pub fn errors(&self) -> usize {
        self.problems.iter().filter(|p| p.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.problems.len() - self.errors()
    }

    /// The initiatives that meet the completeness rule: every national figure counts these.
    /// Before categorization (or without a methodology) every initiative read.
    pub fn categorized(&self) -> Vec<&Initiative> {
        if self.categorizations.len() != self.initiatives.len() {
            return self.initiatives.iter().collect();
        }
        self.initiatives
            .iter()
            .zip(&self.categorizations)
            .filter(|(_, c)| c.complete)
            .map(|(i, _)| i)
            .collect()
    }

    /// One warning per initiative below the completeness rule, with its empty cells.
    fn completeness_warnings(&self, m: &Methodology) -> Vec<Problem> {
        let file = self.file.as_deref().unwrap_or_default();
        let rule = &m.completitud;
        self.uncategorized()
            .into_iter()
            .map(|(init, cat)| {
                let n = m.variable_count();
                let missing: Vec<String> = m
                    .variables()
                    .filter(|(_, v)| cat.missing.contains(&v.id))
                    .map(|(_, v)| {
                        let cells: Vec<String> = v
                            .regla
                            .fields()
                            .iter()
                            .filter(|f| !init.has(f))
                            .filter_map(|f| self.columns.get(*f))
                            .map(|&c| crate::diagnostics::cell_ref(init.row - 1, c))
                            .collect();
                        if cells.is_empty() {
                            format!("{} (sin columna en ola.yaml)", v.nombre)
                        } else {
                            format!("{} ({})", v.nombre, cells.join(", "))
                        }
                    })
                    .collect();
                Problem::warning(
                    file,
                    format!(
                        "la iniciativa «{}» no se categoriza: tiene dato en {} de {n} variables y la regla de completitud pide dato en {} % de las áreas y {} % de las variables; sin dato: {}",
                        init.id(),
                        n - cat.missing.len(),
                        crate::numfmt::dec(rule.minimo_areas * 100.0, 0),
                        crate::numfmt::dec(rule.minimo_variables * 100.0, 0),
                        missing.join("; ")
                    ),
                )
                .at(&self.sheet, format!("fila {}", init.row))
            })
            .collect()
    }

    /// The initiatives below the completeness rule («no categorizadas»), with their result.
    pub fn uncategorized(&self) -> Vec<(&Initiative, &Categorization)> {
        self.initiatives
            .iter()
            .zip(&self.categorizations)
            .filter(|(_, c)| !c.complete)
            .collect()
    }
}

pub struct Dataset<'p> {
    pub project: &'p Project,
    pub olas: Vec<OlaData<'p>>,
}

impl<'p> Dataset<'p> {
    /// Reads and validates every ola (workbooks in parallel; each is read once).
    pub fn read(project: &'p Project) -> Dataset<'p> {
        let olas = project
            .olas
            .par_iter()
            .map(|ola| {
                if ola.has_microdata() {
                    let OlaRead {
                        initiatives,
                        problems,
                        file,
                        sheet,
                        columns,
                        detected,
                    } = validate::read(project, ola);
                    OlaData {
                        config: ola,
                        methodology: project.methodology_of(ola),
                        initiatives,
                        categorizations: Vec::new(),
                        problems,
                        file: Some(file),
                        sheet,
                        columns,
                        detected,
                    }
                } else {
                    OlaData {
                        config: ola,
                        methodology: None,
                        initiatives: Vec::new(),
                        categorizations: Vec::new(),
                        problems: crate::validate::check_summary(project, ola),
                        file: None,
                        sheet: String::new(),
                        columns: Default::default(),
                        detected: None,
                    }
                }
            })
            .collect();
        Dataset { project, olas }
    }

    pub fn errors(&self) -> usize {
        self.olas.iter().map(OlaData::errors).sum()
    }

    pub fn warnings(&self) -> usize {
        self.olas.iter().map(OlaData::warnings).sum()
    }

    pub fn initiative_count(&self) -> usize {
        self.olas.iter().map(|o| o.initiatives.len()).sum()
    }

    /// Fails with every error, listed, when any ola has one.
    pub fn ensure_valid(&self) -> Result<()> {
        let errors = self.errors();
        if errors == 0 {
            return Ok(());
        }
        let list: Vec<String> = self
            .olas
            .iter()
            .flat_map(|o| o.problems.iter().filter(|p| p.is_error()))
            .map(|p| p.to_string())
            .collect();
        anyhow::bail!(
            "los datos tienen {errors} error(es); corríjalos (ver `ssme check`):\n{}",
            list.join("\n")
        )
    }

    pub fn categorize(&mut self) {
        self.olas.par_iter_mut().for_each(|ola| {
            if let Some(m) = ola.methodology {
                ola.categorizations = categorize_all(m, &ola.initiatives, ola.config.period());
                // Listed only for valid data: a cell with an error would show up as missing.
                if ola.errors() == 0 {
                    let listed = ola.completeness_warnings(m);
                    ola.problems.extend(listed);
                }
            }
        });
    }

    pub fn ola(&self, number: u32) -> Option<&OlaData<'p>> {
        self.olas.iter().find(|o| o.config.numero == number)
    }
}
