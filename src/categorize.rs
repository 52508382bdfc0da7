//! Categorization: each initiative's level in every variable, its area scores, overall score
//! and level, all driven by the methodology data.

use serde::Serialize;

use crate::methodology::Methodology;
use crate::Initiative;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Categorization {
    /// Level per variable, in methodology order (areas, then variables); None = sin dato.
    pub levels: Vec<Option<u8>>,
    /// Mean level per area (unrounded); None when no variable of the area has data.
    pub areas: Vec<Option<f64>>,
    /// Overall score rounded as published (two decimals); None when no area has data.
    pub score: Option<f64>,
    pub level: Option<u8>,
    /// Below the methodology's completeness rule: «no categorizada». Its levels, areas, score
    /// and level are then all None, so no level count, mean, rank or peer mean includes it;
    /// `missing` names the variables without data.
    pub complete: bool,
    pub missing: Vec<String>,
}

fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values.fold((0.0, 0usize), |(s, n), x| (s + x, n + 1));
    (n > 0).then(|| sum / n as f64)
}

/// Each variable's level, in methodology order, before the completeness rule is applied.
pub fn variable_levels(m: &Methodology, init: &Initiative, period: i32) -> Vec<Option<u8>> {
    m.variables()
        .map(|(_, v)| v.regla.level(init, period))
        .collect()
}

pub fn categorize(m: &Methodology, init: &Initiative, period: i32) -> Categorization {
    let levels = variable_levels(m, init, period);
    let mut areas = Vec::with_capacity(m.areas.len());
    let mut start = 0;
    for area in &m.areas {
        let end = start + area.variables.len();
        areas.push(mean(levels[start..end].iter().flatten().map(|&l| l as f64)));
        start = end;
    }
    let missing: Vec<String> = m
        .variables()
        .zip(&levels)
        .filter(|(_, l)| l.is_none())
        .map(|((_, v), _)| v.id.clone())
        .collect();
    if !is_complete(m, &levels) {
        return Categorization {
            levels: vec![None; levels.len()],
            areas: vec![None; areas.len()],
            score: None,
            level: None,
            complete: false,
            missing,
        };
    }
    // Mean of the area means: every area weighs the same, whatever its number of variables.
    let score = mean(areas.iter().flatten().copied()).map(|s| m.round_score(s));
    let level = score.map(|s| m.level_of_score(s));
    Categorization {
        levels,
        areas,
        score,
        level,
        complete: true,
        missing,
    }
}

/// The methodology's completeness rule on one initiative's variable levels.
pub fn is_complete(m: &Methodology, levels: &[Option<u8>]) -> bool {
    let rule = &m.completitud;
    let mut start = 0;
    let mut areas = 0;
    for area in &m.areas {
        let n = area.variables.len();
        if levels[start..start + n].iter().any(Option::is_some) {
            areas += 1;
        }
        start += n;
    }
    let answered = levels.iter().flatten().count();
    // A small tolerance so 0,75 × 8 areas asks for exactly 6.
    areas as f64 >= rule.minimo_areas * m.areas.len() as f64 - 1e-9
        && answered as f64 >= rule.minimo_variables * levels.len() as f64 - 1e-9
}

pub fn categorize_all(
    m: &Methodology,
    initiatives: &[Initiative],
    period: i32,
) -> Vec<Categorization> {
    initiatives
        .iter()
        .map(|i| categorize(m, i, period))
        .collect()
}

/// Per variable: how many initiatives are at levels 1, 2 and 3 (sin dato excluded).
pub fn level_counts(m: &Methodology, cats: &[Categorization]) -> Vec<[usize; 3]> {
    let mut counts = vec![[0usize; 3]; m.variable_count()];
    for c in cats {
        for (i, l) in c.levels.iter().enumerate() {
            if let Some(l) = l {
                counts[i][(*l - 1) as usize] += 1;
            }
        }
    }
    counts
}

#[cfg(test)]
mod tests;
