//! What a card says first, and what its e-mail retells: the initiative's strengths (areas above
//! the national mean, variables at the top level), its path to the next level, and the short
//! sentences the manifest hands to the e-mail (rank, change, strongest area, first step).

use serde::Serialize;

use super::path::{self, Path};
use super::OlaCards;
use crate::numfmt;

#[derive(Serialize, Default)]
pub struct Strengths {
    /// "Gobernanza: 2,50 frente a 1,98 de promedio nacional", highest margin first.
    pub areas: Vec<String>,
    /// Names of the variables at the top level.
    pub variables: Vec<String>,
}

#[derive(Serialize)]
pub struct Way {
    pub titulo: String,
    pub resumen: String,
    pub pasos: Vec<WayStep>,
}

#[derive(Serialize)]
pub struct WayStep {
    pub variable: String,
    pub area: String,
    /// "Nivel 1 → Nivel 2"
    pub cambio: String,
    /// The annex's criterion of the level reached.
    pub pide: String,
}

/// The one-line facts of the e-mail (empty when they do not apply).
#[derive(Default)]
pub struct Headlines {
    pub rank: String,
    pub change: String,
    pub strongest: String,
    pub first_step: String,
}

/// Strengths of initiative `i`; empty when it is not categorized.
pub fn strengths(oc: &OlaCards, i: usize) -> Strengths {
    let (m, cat) = (oc.m, &oc.ola.categorizations[i]);
    let national = oc.peers.national_means();
    let mut above: Vec<(f64, String)> = oc
        .peers
        .areas_of(i)
        .iter()
        .zip(national)
        .zip(&m.areas)
        .filter_map(|((mine, peers), area)| {
            let (mine, peers) = (m.round_score((*mine)?), m.round_score((*peers)?));
            (mine > peers).then(|| {
                (
                    mine - peers,
                    format!(
                        "{}: {} frente a {} de promedio nacional",
                        area.nombre,
                        numfmt::dec(mine, 2),
                        numfmt::dec(peers, 2)
                    ),
                )
            })
        })
        .collect();
    // Largest margin first; the sort is stable, so ties keep the methodology's order.
    above.sort_by(|a, b| b.0.total_cmp(&a.0));
    let top = m.niveles.len() as u8;
    Strengths {
        areas: above.into_iter().map(|(_, t)| t).collect(),
        variables: m
            .variables()
            .zip(&cat.levels)
            .filter(|(_, l)| **l == Some(top))
            .map(|((_, v), _)| v.nombre.clone())
            .collect(),
    }
}

/// «Camino al siguiente nivel» of initiative `i`, as the card prints it.
pub fn way(oc: &OlaCards, i: usize) -> Option<Way> {
    let m = oc.m;
    let p = path::next_level(m, &oc.ola.categorizations[i])?;
    let vars: Vec<_> = m.variables().collect();
    let pasos = p
        .steps
        .iter()
        .map(|s| {
            let (area, var) = vars[s.variable];
            WayStep {
                variable: var.nombre.clone(),
                area: area.nombre.clone(),
                cambio: format!("Nivel {} → Nivel {}", s.from, s.to),
                pide: var.criterios[s.to as usize - 1].clone(),
            }
        })
        .collect();
    Some(Way {
        titulo: if p.lifts() {
            format!("Camino al {}", super::level_label(m, p.level_before + 1))
        } else {
            "Camino a un puntaje más alto".into()
        },
        resumen: summary(oc, &p),
        pasos,
    })
}

fn summary(oc: &OlaCards, p: &Path) -> String {
    let m = oc.m;
    let max = m.puntaje.maximo;
    let steps = match p.moves {
        1 => "un cambio de nivel en una variable".to_string(),
        n if p.steps.len() == 1 => format!("{n} cambios de nivel en una variable"),
        n => format!("{n} cambios de nivel en {} variables", p.steps.len()),
    };
    let (before, after) = (
        numfmt::score(p.score_before, max),
        numfmt::score(p.score_after, max),
    );
    if p.lifts() {
        let single = if p.moves > 1 {
            " Ningún cambio de un solo nivel basta por sí solo."
        } else {
            ""
        };
        format!(
            "Con {steps}, el puntaje pasaría de {before} a {after} y la iniciativa al {}.{single} Son los cambios que menos pasos piden según las reglas de la metodología: cada variable cuenta igual dentro de su área y cada área igual en el puntaje.",
            super::level_label(m, p.level_after)
        )
    } else {
        format!(
            "La iniciativa ya está en el {}. Con {steps}, los que más suben el puntaje, pasaría de {before} a {after}.",
            super::level_label(m, p.level_before)
        )
    }
}

/// The facts the e-mail tells, from the card's own figures.
pub fn headlines(oc: &OlaCards, i: usize) -> Headlines {
    let (m, init, cat) = (oc.m, &oc.ola.initiatives[i], &oc.ola.categorizations[i]);
    if cat.score.is_none() {
        return Headlines::default();
    }
    let rank = oc.peers.rank(i, false).map_or(String::new(), |r| {
        format!(
            "puesto {} de {} iniciativas de la {}",
            r.position, r.of, oc.ola.config.etiqueta
        )
    });
    let change = oc
        .previous
        .as_ref()
        .and_then(|p| p.change(init.id(), m, cat))
        .filter(|c| !c.diferencia.is_empty())
        .map_or(String::new(), |c| {
            format!(
                "{} desde la {} ({} → {})",
                if c.diferencia == "0,00" {
                    "sin cambio de puntaje".to_string()
                } else {
                    format!("{} puntos", c.diferencia)
                },
                c.ola_anterior,
                c.puntaje_antes,
                c.puntaje_ahora
            )
        });
    let strongest = oc
        .peers
        .areas_of(i)
        .iter()
        .zip(&m.areas)
        .filter_map(|(a, area)| a.map(|a| (a, area)))
        // Highest score; the first in methodology order among ties.
        .fold(
            None,
            |best: Option<(f64, &crate::methodology::Area)>, (a, area)| match best {
                Some((b, _)) if b >= a => best,
                _ => Some((a, area)),
            },
        )
        .map_or(String::new(), |(a, area)| {
            format!("{} ({})", area.nombre, numfmt::score(a, m.puntaje.maximo))
        });
    let first_step = way(oc, i)
        .and_then(|w| w.pasos.into_iter().next())
        .map_or(String::new(), |s| {
            format!("{} ({}): {}", s.variable, s.cambio, s.pide)
        });
    Headlines {
        rank,
        change,
        strongest,
        first_step,
    }
}
