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
}

impl OlaData<'_> {
    pub fn errors(&self) -> usize {
        self.problems.iter().filter(|p| p.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.problems.len() - self.errors()
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
                        ..
                    } = validate::read(project, ola);
                    OlaData {
                        config: ola,
                        methodology: project.methodology_of(ola),
                        initiatives,
                        categorizations: Vec::new(),
                        problems,
                        file: Some(file),
                    }
                } else {
                    OlaData {
                        config: ola,
                        methodology: None,
                        initiatives: Vec::new(),
                        categorizations: Vec::new(),
                        problems: crate::validate::check_summary(project, ola),
                        file: None,
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
            }
        });
    }

    pub fn ola(&self, number: u32) -> Option<&OlaData<'p>> {
        self.olas.iter().find(|o| o.config.numero == number)
    }
}
