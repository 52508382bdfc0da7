//! Recommendations for a card, written per area and level in
//! `content/recomendaciones/<area>.md` under the headings "## Nivel 1", "## Nivel 2" and
//! "## Nivel 3", and chosen by the initiative's weakest areas.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::content::{markdown_to_html_offline, Content};
use crate::methodology::Methodology;
use crate::numfmt;

/// How many of the weakest areas a card gives advice on.
const AREAS: usize = 3;

/// Area id → Markdown of each level's section (index 0 = Nivel 1).
pub struct Advice {
    sections: BTreeMap<String, BTreeMap<u8, String>>,
}

#[derive(Serialize)]
pub struct Recommendation {
    pub area: String,
    /// "1,33 de 3,0 · Nivel 1 — Básico"
    pub situacion: String,
    /// Markdown rendered to HTML (raw HTML in the source is escaped).
    pub html: String,
}

impl Advice {
    /// Parses every `recomendaciones/*.md` once per run.
    pub fn new(content: &Content) -> Advice {
        let mut sections = BTreeMap::new();
        for (key, doc) in &content.docs {
            let Some(file) = key.strip_prefix("recomendaciones/") else {
                continue;
            };
            let area = doc.meta.area.clone().unwrap_or_else(|| file.to_string());
            sections.insert(area, split_levels(&doc.body));
        }
        Advice { sections }
    }

    /// The advice for the `AREAS` lowest-scoring areas that have some, lowest first (ties in
    /// methodology order); each at the level its area score reaches.
    pub fn choose(&self, m: &Methodology, areas: &[Option<f64>]) -> Vec<Recommendation> {
        let mut ranked: Vec<(usize, f64)> = areas
            .iter()
            .enumerate()
            .filter_map(|(i, a)| a.map(|a| (i, a)))
            .collect();
        ranked.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
        ranked
            .into_iter()
            .filter_map(|(i, score)| {
                let area = &m.areas[i];
                let level = m.level_of_score(score);
                let md = self.sections.get(&area.id)?.get(&level)?;
                Some(Recommendation {
                    area: area.nombre.clone(),
                    situacion: format!(
                        "{} · {}",
                        numfmt::score(score, m.puntaje.maximo),
                        super::level_label(m, level)
                    ),
                    html: markdown_to_html_offline(md),
                })
            })
            .take(AREAS)
            .collect()
    }
}

/// "## Nivel 2" sections of a document, by level number.
fn split_levels(body: &str) -> BTreeMap<u8, String> {
    let mut out = BTreeMap::new();
    let mut current: Option<(u8, String)> = None;
    for line in body.lines() {
        let level = line
            .strip_prefix("## Nivel ")
            .and_then(|rest| rest.trim().parse::<u8>().ok());
        if let Some(level) = level {
            if let Some((l, text)) = current.take() {
                out.insert(l, text);
            }
            current = Some((level, String::new()));
        } else if line.starts_with("## ") {
            if let Some((l, text)) = current.take() {
                out.insert(l, text);
            }
        } else if let Some((_, text)) = current.as_mut() {
            text.push_str(line);
            text.push('\n');
        }
    }
    if let Some((l, text)) = current {
        out.insert(l, text);
    }
    out.retain(|_, text| !text.trim().is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_by_level() {
        let s = split_levels("Intro\n\n## Nivel 1\n\n- uno\n\n## Nivel 2\n- dos\n## Otra\nx\n");
        assert_eq!(s.len(), 2);
        assert!(s[&1].contains("- uno"));
        assert!(!s[&2].contains('x'));
    }
}
