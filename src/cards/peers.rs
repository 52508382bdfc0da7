//! What a card compares an initiative with: the other initiatives of its ola, nationally and
//! within its macrosector. Means are taken over the published (rounded) area scores of the
//! categorization export, so anyone can recompute them from `categorizacion.csv`.

use std::collections::BTreeMap;

use crate::categorize::level_counts;
use crate::dataset::OlaData;
use crate::methodology::Methodology;

pub struct Peers {
    /// Published area scores per initiative, methodology order (None = sin dato).
    areas: Vec<Vec<Option<f64>>>,
    scores: Vec<Option<f64>>,
    /// Canonical macrosector per initiative.
    groups: Vec<Option<String>>,
    national: Vec<Option<f64>>,
    by_group: BTreeMap<String, Vec<Option<f64>>>,
    /// Overall scores with data, highest first: nationally and per macrosector, so that a rank
    /// is a binary search rather than a pass over the ola for every card.
    ranked: Vec<f64>,
    ranked_by_group: BTreeMap<String, Vec<f64>>,
    /// Categorized initiatives of the ola.
    pub categorized: usize,
    /// Initiatives per macrosector, with or without a score.
    group_sizes: BTreeMap<String, usize>,
    /// Per variable: how many initiatives are at levels 1, 2 and 3 (sin dato excluded).
    pub level_counts: Vec<[usize; 3]>,
}

/// A position among peers: 1 is the highest score; equal scores share a position.
pub struct Rank {
    pub position: usize,
    pub of: usize,
}

impl Peers {
    pub fn new(ola: &OlaData, m: &Methodology) -> Peers {
        let areas: Vec<Vec<Option<f64>>> = ola
            .categorizations
            .iter()
            .map(|c| {
                c.areas
                    .iter()
                    .map(|a| a.map(|a| m.round_score(a)))
                    .collect()
            })
            .collect();
        let groups: Vec<Option<String>> = ola
            .initiatives
            .iter()
            .map(|i| i.text("macrosector").map(String::from))
            .collect();
        let all: Vec<usize> = (0..areas.len()).collect();
        let national = means(&areas, &all, m.areas.len());
        let mut members: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, g) in groups.iter().enumerate() {
            if let Some(g) = g {
                members.entry(g.clone()).or_default().push(i);
            }
        }
        let scores: Vec<Option<f64>> = ola.categorizations.iter().map(|c| c.score).collect();
        let ranked_among = |idx: &[usize]| descending(idx.iter().filter_map(|&i| scores[i]));
        let ranked = descending(scores.iter().flatten().copied());
        let ranked_by_group = members
            .iter()
            .map(|(g, idx)| (g.clone(), ranked_among(idx)))
            .collect();
        let group_sizes = members
            .iter()
            .map(|(g, idx)| (g.clone(), idx.len()))
            .collect();
        let by_group = members
            .into_iter()
            .map(|(g, idx)| (g, means(&areas, &idx, m.areas.len())))
            .collect();
        Peers {
            scores,
            ranked,
            ranked_by_group,
            group_sizes,
            categorized: ola.categorized().len(),
            level_counts: level_counts(m, &ola.categorizations),
            areas,
            groups,
            national,
            by_group,
        }
    }

    /// Mean published score of each area over the initiatives with data in it.
    pub fn national_means(&self) -> &[Option<f64>] {
        &self.national
    }

    /// The same means within one macrosector (canonical value).
    pub fn group_means(&self, group: &str) -> Option<&[Option<f64>]> {
        self.by_group.get(group).map(Vec::as_slice)
    }

    /// Published area scores of initiative `i`.
    pub fn areas_of(&self, i: usize) -> &[Option<f64>] {
        &self.areas[i]
    }

    /// Position of initiative `i` by overall score, in the ola or within its macrosector.
    pub fn rank(&self, i: usize, within_group: bool) -> Option<Rank> {
        let mine = self.scores[i]?;
        let peers = if within_group {
            self.ranked_by_group.get(self.groups[i].as_deref()?)?
        } else {
            &self.ranked
        };
        Some(Rank {
            position: 1 + peers.partition_point(|&s| s > mine),
            of: peers.len(),
        })
    }

    /// Number of initiatives of the ola in the same macrosector as `i`.
    pub fn group_size(&self, i: usize) -> usize {
        self.groups[i]
            .as_ref()
            .and_then(|g| self.group_sizes.get(g))
            .copied()
            .unwrap_or(0)
    }
}

fn descending(scores: impl Iterator<Item = f64>) -> Vec<f64> {
    let mut v: Vec<f64> = scores.collect();
    v.sort_by(|a, b| b.total_cmp(a));
    v
}

fn means(areas: &[Vec<Option<f64>>], members: &[usize], n_areas: usize) -> Vec<Option<f64>> {
    (0..n_areas)
        .map(|a| {
            let values: Vec<f64> = members.iter().filter_map(|&i| areas[i][a]).collect();
            (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
        })
        .collect()
}
