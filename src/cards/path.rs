//! «Camino al siguiente nivel»: the fewest variable changes that lift an initiative's overall
//! level under the methodology's own rules, or, at the top level, the changes that raise its
//! score the most.
//!
//! A change is one variable up one level (the next criterion of the annex). The overall score
//! is the mean of the area means, so each one-level step of a variable adds the same amount,
//! 1 / (variables with data in its area × areas with data): taking the steps with the largest
//! gain first reaches the next cut point with the fewest steps, and among paths of that length
//! with the highest score. Variables without data are left out: answering them changes which
//! variables an area averages, and the card already asks for them.

use crate::categorize::Categorization;
use crate::methodology::Methodology;

/// How many changes a card lists for an initiative already at the top level.
const TOP_STEPS: usize = 3;

/// One variable raised, possibly by more than one level.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// Index of the variable in methodology order.
    pub variable: usize,
    pub from: u8,
    pub to: u8,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Path {
    /// Variables to raise, methodology order.
    pub steps: Vec<Step>,
    /// Number of one-level steps (a variable raised two levels counts two).
    pub moves: usize,
    /// Published (rounded) score before and after.
    pub score_before: f64,
    pub score_after: f64,
    pub level_before: u8,
    pub level_after: u8,
}

impl Path {
    /// Whether the path lifts the overall level (false at the top level).
    pub fn lifts(&self) -> bool {
        self.level_after > self.level_before
    }
}

/// The path of one categorized initiative; None when it is not categorized or no variable with
/// data can be raised.
pub fn next_level(m: &Methodology, cat: &Categorization) -> Option<Path> {
    let (score_before, level_before) = (cat.score?, cat.level?);
    let top = m.niveles.len() as u8;
    let weights = gains(m, &cat.levels);
    // Every available one-level step: (gain, level it starts from, variable).
    let mut units: Vec<(f64, u8, usize)> = Vec::new();
    for (v, level) in cat.levels.iter().enumerate() {
        if let Some(l) = *level {
            for from in l..top {
                units.push((weights[v], from, v));
            }
        }
    }
    units.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut levels = cat.levels.clone();
    let mut taken = 0;
    let mut score_after = score_before;
    for &(_, _, v) in &units {
        if level_before < top && m.level_of_score(score_after) > level_before {
            break;
        }
        if level_before == top && taken == TOP_STEPS {
            break;
        }
        levels[v] = levels[v].map(|l| l + 1);
        taken += 1;
        score_after = score(m, &levels);
    }
    if taken == 0 {
        return None;
    }
    let steps = cat
        .levels
        .iter()
        .zip(&levels)
        .enumerate()
        .filter_map(|(v, (before, after))| match (before, after) {
            (Some(f), Some(t)) if t > f => Some(Step {
                variable: v,
                from: *f,
                to: *t,
            }),
            _ => None,
        })
        .collect();
    Some(Path {
        steps,
        moves: taken,
        score_before,
        score_after,
        level_before,
        level_after: m.level_of_score(score_after),
    })
}

/// Score gained by raising each variable one level (0 for variables without data).
fn gains(m: &Methodology, levels: &[Option<u8>]) -> Vec<f64> {
    let mut out = Vec::with_capacity(levels.len());
    let mut start = 0;
    let areas_with_data = m
        .areas
        .iter()
        .scan(0, |s, a| {
            let r = levels[*s..*s + a.variables.len()]
                .iter()
                .any(Option::is_some);
            *s += a.variables.len();
            Some(r)
        })
        .filter(|&r| r)
        .count();
    for area in &m.areas {
        let slice = &levels[start..start + area.variables.len()];
        let with_data = slice.iter().flatten().count();
        for l in slice {
            out.push(match l {
                Some(_) => 1.0 / (with_data * areas_with_data) as f64,
                None => 0.0,
            });
        }
        start += area.variables.len();
    }
    out
}

/// The published overall score of `levels`, as `categorize` computes it.
fn score(m: &Methodology, levels: &[Option<u8>]) -> f64 {
    let mut means = Vec::new();
    let mut start = 0;
    for area in &m.areas {
        let values: Vec<f64> = levels[start..start + area.variables.len()]
            .iter()
            .flatten()
            .map(|&l| l as f64)
            .collect();
        if !values.is_empty() {
            means.push(values.iter().sum::<f64>() / values.len() as f64);
        }
        start += area.variables.len();
    }
    m.round_score(means.iter().sum::<f64>() / means.len() as f64)
}

#[cfg(test)]
#[path = "path_tests.rs"]
mod tests;
