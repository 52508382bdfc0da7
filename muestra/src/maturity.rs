//! Latent maturity: one number per initiative that the level of every variable follows, so that
//! a mature initiative is mature in most variables (as in real answers) while every variable
//! keeps the deck's level counts exactly: per variable, initiatives are ranked by maturity plus
//! noise, Nivel 1 goes to the lowest and Nivel 3 to the highest.

use std::collections::BTreeMap;

use anyhow::{bail, Result};
use rand::seq::{IndexedRandom, SliceRandom};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use ssme::methodology::Methodology;
use ssme::Initiative;

/// Weight of the per-variable noise against the maturity (both of unit spread): it sets how
/// strongly the variables move together, and so how far the overall scores spread.
pub const NOISE: f64 = 0.5;

/// Below the mean, maturity differs less between initiatives: the less mature ones are
/// uneven (weak in some variables, not in all) rather than weak in everything.
const LOW_SPREAD: f64 = 0.3;

/// Points above a level's cut over which `LevelPlan::raise_to` spreads the initiatives it lifts.
const RAISE_BAND: f64 = 0.15;

/// Correlation of a repeated initiative's IV maturity with its III score, and the step up of
/// initiatives that repeat (two more years of work) over those answering for the first time.
const CARRY: f64 = 0.8;
const REPEAT_STEP: f64 = 0.5;

/// Maturity as the levels see it: the latent value, its lower half narrowed.
fn shape(x: f64) -> f64 {
    if x < 0.0 {
        LOW_SPREAD * x
    } else {
        x
    }
}

/// A draw of mean 0 and variance 1 close to normal: the sum of four uniforms (additions only,
/// so the same bits on every platform, unlike `ln` or `cos`).
pub fn normal(rng: &mut ChaCha8Rng) -> f64 {
    let s: f64 = (0..4).map(|_| rng.random::<f64>()).sum();
    (s - 2.0) * 3f64.sqrt()
}

/// Latent maturity of `n` initiatives answering for the first time.
pub fn draw(n: usize, rng: &mut ChaCha8Rng) -> Vec<f64> {
    (0..n).map(|_| shape(normal(rng))).collect()
}

/// Maturity of an ola's initiatives: those in `prior` (a previous ola) start from their score
/// there, the rest are drawn afresh.
pub fn carry(inits: &[Initiative], prior: Option<&Prior>, rng: &mut ChaCha8Rng) -> Vec<f64> {
    inits
        .iter()
        .map(|init| {
            let fresh = normal(rng);
            shape(match prior.and_then(|p| p.0.get(init.id())) {
                Some(z) => CARRY * z + (1.0 - CARRY * CARRY).sqrt() * fresh + REPEAT_STEP,
                None => fresh,
            })
        })
        .collect()
}

/// Overall scores of a previous ola, standardized, by initiative id.
pub struct Prior(BTreeMap<String, f64>);

impl Prior {
    pub fn new(m: &Methodology, inits: &[Initiative], period: i32) -> Prior {
        let scores: Vec<(String, f64)> = inits
            .iter()
            .filter_map(|i| Some((i.id().to_string(), super::score(m, i, period)?)))
            .collect();
        let n = scores.len().max(1) as f64;
        let mean = scores.iter().map(|s| s.1).sum::<f64>() / n;
        let var = scores.iter().map(|s| (s.1 - mean).powi(2)).sum::<f64>() / n;
        let sd = var.sqrt().max(1e-9);
        Prior(
            scores
                .into_iter()
                .map(|(id, s)| (id, (s - mean) / sd))
                .collect(),
        )
    }
}

/// Ranking keys: maturity plus the variable's own noise.
pub fn keys(maturity: &[f64], rng: &mut ChaCha8Rng) -> Vec<f64> {
    maturity.iter().map(|m| m + NOISE * normal(rng)).collect()
}

/// Levels of one variable with exactly `counts`, following the maturity.
pub fn levels(maturity: &[f64], counts: [usize; 3], rng: &mut ChaCha8Rng) -> Vec<u8> {
    let k = keys(maturity, rng);
    by_rank(&k, counts, rng, |_, _| true)
}

/// Rank of each value from 0 (smallest) to 1 (largest), ties by position.
pub fn quantiles(values: &[i64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by_key(|&i| (values[i], i));
    let mut q = vec![0.0; values.len()];
    let top = values.len().saturating_sub(1).max(1) as f64;
    for (r, &i) in order.iter().enumerate() {
        q[i] = r as f64 / top;
    }
    q
}

/// Levels by rank of `keys` (ascending): `counts` of Nivel 1, 2 and 3; the initiatives beyond
/// the counts, picked at random, are left without data (0). `can(i, level)` says whether
/// initiative `i` can answer on that level; an impossible pick swaps with the nearest-ranked
/// initiative that can take it and whose own level fits `i`.
pub fn by_rank(
    keys: &[f64],
    counts: [usize; 3],
    rng: &mut ChaCha8Rng,
    can: impl Fn(usize, u8) -> bool,
) -> Vec<u8> {
    let n = keys.len();
    let gaps = n.saturating_sub(counts.iter().sum());
    let mut idx: Vec<usize> = (0..n).collect();
    idx.shuffle(rng);
    let mut order: Vec<usize> = idx.split_off(gaps);
    order.sort_by(|&a, &b| keys[a].total_cmp(&keys[b]).then(a.cmp(&b)));
    let mut levels = vec![0u8; n];
    let mut rank = 0;
    for (l, &c) in [1u8, 2, 3].iter().zip(&counts) {
        for &i in order.iter().skip(rank).take(c) {
            levels[i] = *l;
        }
        rank += c;
    }
    for r in 0..order.len() {
        let i = order[r];
        if levels[i] == 0 || can(i, levels[i]) {
            continue;
        }
        let partner = (1..order.len())
            .flat_map(|d| [r.checked_sub(d), Some(r + d)])
            .flatten()
            .filter_map(|s| order.get(s).copied())
            .find(|&j| {
                levels[j] != 0 && levels[j] != levels[i] && can(j, levels[i]) && can(i, levels[j])
            });
        if let Some(j) = partner {
            levels.swap(i, j);
        }
    }
    levels
}

/// Every initiative's level in every variable while the answers are being written, to steer
/// the overall levels before writing them.
pub struct LevelPlan<'m> {
    m: &'m Methodology,
    /// Per variable (methodology order), per initiative; None = sin dato.
    levels: Vec<Vec<Option<u8>>>,
    /// Variables planned here, not yet written: their levels may still move.
    free: Vec<bool>,
}

impl<'m> LevelPlan<'m> {
    /// The levels the answers written so far give (half-written initiatives are below the
    /// completeness rule: their variables' own levels are what is planned).
    pub fn new(m: &'m Methodology, inits: &[Initiative], period: i32) -> Self {
        let per_init: Vec<Vec<Option<u8>>> = inits
            .iter()
            .map(|i| ssme::categorize::variable_levels(m, i, period))
            .collect();
        let levels = (0..m.variable_count())
            .map(|v| per_init.iter().map(|l| l[v]).collect())
            .collect();
        LevelPlan {
            m,
            levels,
            free: vec![false; m.variable_count()],
        }
    }

    fn index(&self, id: &str) -> usize {
        self.m
            .variables()
            .position(|(_, v)| v.id == id)
            .unwrap_or_else(|| panic!("variable {id}"))
    }

    /// Plans variable `id` (levels 1–3, 0 = sin dato).
    pub fn set(&mut self, id: &str, levels: &[u8]) {
        let v = self.index(id);
        self.levels[v] = levels.iter().map(|&l| (l > 0).then_some(l)).collect();
        self.free[v] = true;
    }

    /// Planned levels of `id` (0 = sin dato).
    pub fn get(&self, id: &str) -> Vec<u8> {
        self.levels[self.index(id)]
            .iter()
            .map(|l| l.unwrap_or(0))
            .collect()
    }

    /// Overall score and level of initiative `i`, computed as the categorization does.
    fn overall(&self, i: usize) -> (f64, u8) {
        let mut v = 0;
        let mut areas = Vec::new();
        for area in &self.m.areas {
            let ls: Vec<f64> = (v..v + area.variables.len())
                .filter_map(|k| self.levels[k][i].map(f64::from))
                .collect();
            v += area.variables.len();
            if !ls.is_empty() {
                areas.push(ls.iter().sum::<f64>() / ls.len() as f64);
            }
        }
        let s = self
            .m
            .round_score(areas.iter().sum::<f64>() / areas.len().max(1) as f64);
        (s, self.m.level_of_score(s))
    }

    /// Lifts every initiative below overall level `min` above its cut, spread in their own
    /// order over the `RAISE_BAND` points above it rather than piled on the cut, by swapping, in
    /// a planned variable, its level with the next level up of another initiative that stays
    /// on its overall level and above that band: the variables' counts stay.
    pub fn raise_to(&mut self, min: u8, rng: &mut ChaCha8Rng) -> Result<()> {
        let n = self.levels.first().map_or(0, |l| l.len());
        // The score where level `min` starts (nothing to lift for Nivel 1).
        let Some(&cut) = (usize::from(min))
            .checked_sub(2)
            .and_then(|k| self.m.puntaje.cortes.get(k))
        else {
            return Ok(());
        };
        let mut low: Vec<(f64, usize)> = (0..n)
            .map(|i| (self.overall(i), i))
            .filter(|((_, l), _)| *l < min)
            .map(|((s, _), i)| (s, i))
            .collect();
        low.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let k = low.len().max(1) as f64;
        for (r, &(_, i)) in low.iter().enumerate() {
            let target = cut + RAISE_BAND * r as f64 / k;
            while self.overall(i).0 < target - 1e-9 {
                let Some((v, j)) = self.partner(i, cut + RAISE_BAND, rng) else {
                    if self.overall(i).1 >= min {
                        break;
                    }
                    bail!(
                        "no se pudo llevar una iniciativa al nivel general {min} sin mover otras"
                    );
                };
                self.levels[v].swap(i, j);
            }
        }
        Ok(())
    }

    /// An initiative (and the variable) that can give `i` one level up, keeping its own
    /// overall level and a score of at least `floor`: one at random, so that what the lifted
    /// initiatives gain is taken a little from many.
    fn partner(&mut self, i: usize, floor: f64, rng: &mut ChaCha8Rng) -> Option<(usize, usize)> {
        let mut found = Vec::new();
        for v in (0..self.levels.len()).filter(|&v| self.free[v]) {
            let Some(a) = self.levels[v][i] else { continue };
            for j in 0..self.levels[v].len() {
                if self.levels[v][j] != Some(a + 1) {
                    continue;
                }
                let before = self.overall(j).1;
                self.levels[v].swap(i, j);
                let (score, level) = self.overall(j);
                if level == before && score >= floor {
                    found.push((v, j));
                }
                self.levels[v].swap(i, j);
            }
        }
        found.choose(rng).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn by_rank_keeps_the_counts_and_follows_the_keys() {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let keys: Vec<f64> = (0..20).map(|i| i as f64).rev().collect();
        let levels = by_rank(&keys, [5, 8, 5], &mut rng, |_, _| true);
        let count = |l: u8| levels.iter().filter(|&&x| x == l).count();
        assert_eq!([count(0), count(1), count(2), count(3)], [2, 5, 8, 5]);
        // Without gaps among them, lower keys never get a higher level.
        for a in 0..20 {
            for b in 0..20 {
                if levels[a] > 0 && levels[b] > 0 && keys[a] < keys[b] {
                    assert!(levels[a] <= levels[b], "{a} {b} {levels:?}");
                }
            }
        }
    }

    #[test]
    fn by_rank_moves_impossible_picks_to_a_neighbour() {
        let mut rng = ChaCha8Rng::seed_from_u64(2);
        let keys: Vec<f64> = (0..10).map(f64::from).collect();
        // Initiative 9 (highest key) cannot be on Nivel 3.
        let levels = by_rank(&keys, [3, 4, 3], &mut rng, |i, l| !(i == 9 && l == 3));
        assert_ne!(levels[9], 3);
        assert_eq!(levels.iter().filter(|&&l| l == 3).count(), 3);
    }
}
