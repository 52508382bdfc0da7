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
            .map(|c| c.areas.iter().map(|a| a.map(|a| m.round_score(a))).collect())
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
        let by_group = members
            .into_iter()
            .map(|(g, idx)| (g, means(&areas, &idx, m.areas.len())))
            .collect();
        Peers {
            scores: ola.categorizations.iter().map(|c| c.score).collect(),
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
        let group = if within_group {
            Some(self.groups[i].as_deref()?)
        } else {
            None
        };
        let peers: Vec<f64> = self
            .scores
            .iter()
            .zip(&self.groups)
            .filter(|(_, g)| group.is_none() || g.as_deref() == group)
            .filter_map(|(s, _)| *s)
            .collect();
        Some(Rank {
            position: 1 + peers.iter().filter(|&&s| s > mine).count(),
            of: peers.len(),
        })
    }

    /// Number of initiatives with an overall score in the same macrosector as `i`.
    pub fn group_size(&self, i: usize) -> usize {
        let Some(group) = &self.groups[i] else {
            return 0;
        };
        self.groups
            .iter()
            .zip(&self.scores)
            .filter(|(g, s)| g.as_ref() == Some(group) && s.is_some())
            .count()
    }
}

fn means(areas: &[Vec<Option<f64>>], members: &[usize], n_areas: usize) -> Vec<Option<f64>> {
    (0..n_areas)
        .map(|a| {
            let values: Vec<f64> = members.iter().filter_map(|&i| areas[i][a]).collect();
            (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
        })
        .collect()
}
