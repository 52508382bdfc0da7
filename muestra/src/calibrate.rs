//! Calibration helpers: level counts that round to a deck's percentages, integer values that
//! land on a methodology level, and sums fitted exactly to a published total.

use rand::seq::SliceRandom;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use ssme::methodology::{Bound, Rule, Source, Variable};
use ssme::Initiative;

/// `100·k/n` rounded half up, in integers.
pub fn round_pct(k: usize, n: usize) -> i64 {
    if n == 0 {
        return 0;
    }
    ((200 * k + n) / (2 * n)) as i64
}

/// Level counts (n1, n2, n3) over `n` initiatives whose rounded shares equal `pct`, closest to
/// the exact shares; None when no triple of `n` rounds to the deck.
pub fn level_counts(pct: [i64; 3], n: usize) -> Option<[usize; 3]> {
    let mut best: Option<([usize; 3], f64)> = None;
    for a in 0..=n {
        for b in 0..=(n - a) {
            let c = n - a - b;
            let t = [a, b, c];
            if (0..3).all(|i| round_pct(t[i], n) == pct[i]) {
                let dev: f64 = (0..3)
                    .map(|i| (t[i] as f64 - pct[i] as f64 * n as f64 / 100.0).abs())
                    .sum();
                if best.as_ref().is_none_or(|(_, d)| dev < *d) {
                    best = Some((t, dev));
                }
            }
        }
    }
    best.map(|(t, _)| t)
}

/// The largest denominator ≤ `available` (down to available − 3) that admits counts rounding
/// to `pct`: returns (initiatives without data, counts).
pub fn counts_with_gaps(pct: [i64; 3], available: usize) -> ([usize; 3], usize) {
    for gap in 0..=3usize {
        if let Some(c) = level_counts(pct, available - gap) {
            return (c, gap);
        }
    }
    // No denominator works (the deck's shares come from more initiatives than have data):
    // the counts whose rounded shares are closest to the deck's, all initiatives with data.
    (closest_counts(pct, available), 0)
}

/// Counts over `n` whose rounded shares deviate least from `pct` (sum of absolute points).
pub fn closest_counts(pct: [i64; 3], n: usize) -> [usize; 3] {
    let mut best = ([0, 0, n], i64::MAX);
    for a in 0..=n {
        for b in 0..=(n - a) {
            let t = [a, b, n - a - b];
            let dev: i64 = (0..3).map(|i| (round_pct(t[i], n) - pct[i]).abs()).sum();
            if dev < best.1 {
                best = (t, dev);
            }
        }
    }
    best.0
}

fn level_at(l1: &Bound, l3: &Bound, x: f64) -> u8 {
    if l1.matches(x) {
        1
    } else if l3.matches(x) {
        3
    } else {
        2
    }
}

/// Inclusive integer range of `0..=max` whose value falls on `level` under a threshold rule
/// (levels grow with the value in every rule of the methodology). None if empty.
pub fn value_range(rule: &Rule, level: u8, max: i64) -> Option<(i64, i64)> {
    let Rule::Threshold {
        level_1, level_3, ..
    } = rule
    else {
        return None;
    };
    let xs: Vec<i64> = (0..=max)
        .filter(|&x| level_at(level_1, level_3, x as f64) == level)
        .collect();
    Some((*xs.first()?, *xs.last()?))
}

/// Inclusive range of numerators `k` in `0..=den` with `k/den·100` on `level` (ratio rules).
pub fn ratio_range(rule: &Rule, level: u8, den: i64) -> Option<(i64, i64)> {
    let Rule::Threshold {
        level_1,
        level_3,
        source: Source::Ratio(..),
    } = rule
    else {
        return None;
    };
    let at = |k: i64| level_at(level_1, level_3, k as f64 / den as f64 * 100.0);
    // Levels are monotone in k: find the first and last k with the level by bisection.
    let first = partition_point(den, |k| at(k) < level);
    let last = partition_point(den, |k| at(k) <= level) - 1;
    (first <= last && first <= den && last >= 0).then_some((first, last))
}

/// First k in 0..=n (or n+1) where `pred` turns false.
fn partition_point(n: i64, pred: impl Fn(i64) -> bool) -> i64 {
    let (mut lo, mut hi) = (0i64, n + 1);
    while lo < hi {
        let mid = (lo + hi) / 2;
        if pred(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

/// Adjusts `values` inside their inclusive `ranges` so they add up exactly to `target`,
/// spreading the change over many entries. Returns false if the target is out of reach.
pub fn fit_sum(
    values: &mut [i64],
    ranges: &[(i64, i64)],
    target: i64,
    rng: &mut ChaCha8Rng,
) -> bool {
    for (v, &(lo, hi)) in values.iter_mut().zip(ranges) {
        *v = (*v).clamp(lo, hi);
    }
    let min: i64 = ranges.iter().map(|r| r.0).sum();
    let max: i64 = ranges.iter().map(|r| r.1).sum();
    if target < min || target > max {
        return false;
    }
    let mut order: Vec<usize> = (0..values.len()).collect();
    for _round in 0..64 {
        let diff = target - values.iter().sum::<i64>();
        if diff == 0 {
            return true;
        }
        order.shuffle(rng);
        let room: Vec<i64> = order
            .iter()
            .map(|&i| {
                if diff > 0 {
                    ranges[i].1 - values[i]
                } else {
                    values[i] - ranges[i].0
                }
            })
            .collect();
        let total_room: i64 = room.iter().sum();
        let mut left = diff.abs();
        for (j, &i) in order.iter().enumerate() {
            if left == 0 {
                break;
            }
            // Proportional share of the room, at least one unit.
            let share = ((room[j] as i128 * diff.abs() as i128) / total_room.max(1) as i128) as i64;
            let step = share.max(1).min(room[j]).min(left);
            values[i] += step * diff.signum();
            left -= step;
        }
    }
    values.iter().sum::<i64>() == target
}

/// Splits `total` into `n` positive parts with random weights (each at least `min`).
pub fn split_total(total: i64, n: usize, min: i64, rng: &mut ChaCha8Rng) -> Vec<i64> {
    if n == 0 {
        return Vec::new();
    }
    let weights: Vec<f64> = (0..n)
        .map(|_| rng.random_range(0.3f64..1.7).powi(2))
        .collect();
    let wsum: f64 = weights.iter().sum();
    let mut parts: Vec<i64> = weights
        .iter()
        .map(|w| ((total as f64) * w / wsum).round() as i64)
        .collect();
    let min = min.min(total / n as i64);
    let ranges = vec![(min, total); n];
    fit_sum(&mut parts, &ranges, total, rng);
    parts
}

/// Hands out `mentions[o]` marks of option `o` to distinct members of `members`, always
/// preferring those with fewest marks so far, so that every member gets at least one when
/// there are enough mentions. Returns each member's chosen option indices, sorted.
pub fn assign_mentions(
    members: usize,
    mentions: &[usize],
    rng: &mut ChaCha8Rng,
) -> Vec<Vec<usize>> {
    let mut chosen: Vec<Vec<usize>> = vec![Vec::new(); members];
    let mut order: Vec<(usize, usize)> = mentions.iter().copied().enumerate().collect();
    order.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    for (opt, count) in order {
        let mut idx: Vec<usize> = (0..members).collect();
        idx.shuffle(rng);
        idx.sort_by_key(|&i| chosen[i].len());
        for &i in idx.iter().take(count.min(members)) {
            chosen[i].push(opt);
        }
    }
    for c in &mut chosen {
        c.sort_unstable();
    }
    chosen
}

/// Chosen options by independent draws with the given percentages (at least one if `at_least_one`).
pub fn draw_options(pcts: &[i64], at_least_one: bool, rng: &mut ChaCha8Rng) -> Vec<usize> {
    let mut out: Vec<usize> = (0..pcts.len())
        .filter(|&i| rng.random_range(0..100) < pcts[i])
        .collect();
    if out.is_empty() && at_least_one {
        out.push(rng.random_range(0..pcts.len()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_half_up() {
        assert_eq!(round_pct(1, 8), 13); // 12.5
        assert_eq!(round_pct(38, 76), 50);
        assert_eq!(
            level_counts([38, 46, 16], 76).map(|c| c.iter().sum::<usize>()),
            Some(76)
        );
    }
}

/// Moves a percentage `field` (the value `var`'s rule reads) inside each initiative's current
/// level range so that its mean over the initiatives with data is `mean`: the levels, and so
/// the deck's level table, do not change.
pub fn fit_level_mean(
    var: &Variable,
    inits: &mut [Initiative],
    field: &str,
    mean: i64,
    rng: &mut ChaCha8Rng,
) {
    let idx: Vec<usize> = (0..inits.len()).filter(|&i| inits[i].has(field)).collect();
    let mut vals: Vec<i64> = idx.iter().map(|&i| super::num(&inits[i], field)).collect();
    let ranges: Vec<(i64, i64)> = vals
        .iter()
        .map(|&v| {
            (1..=3u8)
                .filter_map(|l| value_range(&var.regla, l, 100))
                .find(|(lo, hi)| (*lo..=*hi).contains(&v))
                .expect("the value lies in some level's range")
        })
        .collect();
    fit_sum(&mut vals, &ranges, mean * idx.len() as i64, rng);
    for (k, &i) in idx.iter().enumerate() {
        super::set_num(&mut inits[i], field, vals[k]);
    }
}
