//! Change since the previous ola with microdata, for an initiative whose id appears in both:
//! overall score and level, and every variable (matched by id) whose level moved.

use std::collections::HashMap;

use serde::Serialize;

use crate::categorize::Categorization;
use crate::dataset::{Dataset, OlaData};
use crate::methodology::Methodology;
use crate::numfmt;

/// The previous ola, indexed for lookups by initiative id and variable id.
pub struct Previous<'a> {
    ola: &'a OlaData<'a>,
    m: &'a Methodology,
    by_id: HashMap<&'a str, usize>,
    /// For each variable of the current methodology, its position in the previous one.
    variables: Vec<Option<usize>>,
}

#[derive(Serialize)]
pub struct Change {
    pub ola_anterior: String,
    pub puntaje_antes: String,
    pub puntaje_ahora: String,
    /// "↑", "↓" or "=".
    pub flecha: String,
    /// "+0,25", "−0,10" or "0,00".
    pub diferencia: String,
    pub nivel_antes: String,
    pub nivel_ahora: String,
    pub variables: Vec<Moved>,
}

#[derive(Serialize)]
pub struct Moved {
    pub nombre: String,
    pub antes: String,
    pub ahora: String,
    pub flecha: String,
}

impl<'a> Previous<'a> {
    /// The latest ola with microdata before `current`, if any.
    pub fn of(data: &'a Dataset<'a>, current: &OlaData, m: &Methodology) -> Option<Previous<'a>> {
        let ola = data
            .olas
            .iter()
            .filter(|o| o.methodology.is_some() && o.config.numero < current.config.numero)
            .max_by_key(|o| o.config.numero)?;
        let pm = ola.methodology?;
        let position: HashMap<&str, usize> = pm
            .variables()
            .enumerate()
            .map(|(i, (_, v))| (v.id.as_str(), i))
            .collect();
        Some(Previous {
            ola,
            m: pm,
            by_id: ola
                .initiatives
                .iter()
                .enumerate()
                .map(|(i, init)| (init.id(), i))
                .collect(),
            variables: m
                .variables()
                .map(|(_, v)| position.get(v.id.as_str()).copied())
                .collect(),
        })
    }

    pub fn label(&self) -> &str {
        &self.ola.config.etiqueta
    }

    /// The change of initiative `id`, or None when it was not in the previous ola.
    pub fn change(&self, id: &str, m: &Methodology, now: &Categorization) -> Option<Change> {
        let before = &self.ola.categorizations[*self.by_id.get(id)?];
        let max = m.puntaje.maximo;
        let score_text = |s: Option<f64>| s.map_or(numfmt::SIN_DATO.to_string(), |s| numfmt::score(s, max));
        let (flecha, diferencia) = match (before.score, now.score) {
            (Some(a), Some(b)) => {
                let d = m.round_score(b - a);
                let sign = if d > 0.0 { "+" } else if d < 0.0 { "−" } else { "" };
                (arrow(a, b), format!("{sign}{}", numfmt::dec(d.abs(), 2)))
            }
            _ => (String::new(), String::new()),
        };
        let level_text = |pm: &Methodology, l: Option<u8>| {
            l.map_or(numfmt::SIN_DATO.to_string(), |l| super::level_label(pm, l))
        };
        let variables = m
            .variables()
            .zip(&self.variables)
            .zip(&now.levels)
            .filter_map(|(((_, var), prev), level)| {
                let old = before.levels[(*prev)?];
                (old != *level).then(|| Moved {
                    nombre: var.nombre.clone(),
                    antes: level_short(old),
                    ahora: level_short(*level),
                    flecha: match (old, *level) {
                        (Some(a), Some(b)) => arrow(a as f64, b as f64),
                        _ => "→".to_string(),
                    },
                })
            })
            .collect();
        Some(Change {
            ola_anterior: self.label().to_string(),
            puntaje_antes: score_text(before.score),
            puntaje_ahora: score_text(now.score),
            flecha,
            diferencia,
            nivel_antes: level_text(self.m, before.level),
            nivel_ahora: level_text(m, now.level),
            variables,
        })
    }
}

fn arrow(before: f64, now: f64) -> String {
    if now > before {
        "↑"
    } else if now < before {
        "↓"
    } else {
        "="
    }
    .to_string()
}

fn level_short(level: Option<u8>) -> String {
    level.map_or(numfmt::SIN_DATO.to_string(), |l| format!("Nivel {l}"))
}
