//! Sections "conclusiones" (levels, the 18 × 3 table, profiles per level, score cards per
//! sector and macrosector) and "anexo" (the thresholds, straight from the methodology data).

use super::suppress::{self, Cell};
use super::{donut, stats, ChartExt, OlaView};
use crate::categorize::level_counts;
use crate::chart::{palette, Chart, Kind, Unit};
use crate::methodology::Methodology;
use crate::numfmt;
use crate::page::{Block, DataTable, Page};

pub fn conclusiones(view: &OlaView) -> Page {
    let mut page = Page::new(
        "conclusiones.html",
        "Conclusiones y recomendaciones",
        "seccion.html",
    );
    let Some(m) = view.ola.methodology else {
        return page;
    };
    let level_names: Vec<String> = m
        .niveles
        .iter()
        .map(|l| format!("Nivel {}: {}", l.numero, l.nombre))
        .collect();
    let per_level = levels(view, m, &mut page, &level_names);
    variables(view, m, &mut page, &level_names);
    level_profiles(view, m, &mut page, &per_level);

    page.heading("Puntaje por macrosector y por sector");
    for (field, title) in [("macrosector", "Macrosector"), ("sector", "Sector")] {
        page.push(Block::Table(score_cards(view, field, title)));
    }
    if let Some(md) = view.markdown("conclusiones") {
        page.push(md);
    }
    page
}

/// The donut of initiatives per overall level; returns how many initiatives each level has.
fn levels(view: &OlaView, m: &Methodology, page: &mut Page, level_names: &[String]) -> Vec<f64> {
    let cats = &view.ola.categorizations;
    let scored: Vec<_> = cats.iter().filter_map(|c| c.score.zip(c.level)).collect();
    let per_level: Vec<f64> = m
        .niveles
        .iter()
        .map(|l| scored.iter().filter(|(_, lv)| *lv == l.numero).count() as f64)
        .collect();
    page.heading("Categorización de las iniciativas");
    page.chart(Some(
        donut(
            view.id("niveles"),
            "Iniciativas por nivel general",
            level_names.to_vec(),
            per_level
                .iter()
                .map(|n| n / scored.len().max(1) as f64 * 100.0)
                .collect(),
            Some(format!("{} IC", numfmt::int(scored.len() as i64))),
        )
        .note(format!(
            "Porcentaje de las {} iniciativas categorizadas.",
            numfmt::int(scored.len() as i64)
        )),
    ));
    per_level
}

/// The 18 × 3 table and its chart: share of initiatives with data at each level, per variable.
fn variables(view: &OlaView, m: &Methodology, page: &mut Page, level_names: &[String]) {
    let counts = level_counts(m, &view.ola.categorizations);
    let mut rows = Vec::new();
    let mut chart_rows = Vec::new();
    let mut chart_values = Vec::new();
    for ((area, var), c) in m.variables().zip(&counts) {
        let n: usize = c.iter().sum();
        let shares: Vec<f64> = c
            .iter()
            .map(|&k| stats::pct(k as f64, n as f64).unwrap_or(0.0))
            .collect();
        let mut row = vec![area.label(), var.nombre.clone()];
        row.extend(shares.iter().map(|s| {
            if n == 0 {
                numfmt::SIN_DATO.to_string()
            } else {
                numfmt::pct_above_zero(*s, 0)
            }
        }));
        row.push(numfmt::int(n as i64));
        rows.push(row);
        chart_rows.push(var.nombre.clone());
        chart_values.push(shares);
    }
    let mut header = vec!["Área temática".to_string(), "Variable".to_string()];
    header.extend(level_names.iter().cloned());
    header.push("Iniciativas con dato".into());
    page.push(Block::Table(DataTable {
        titulo: "Evaluación de las variables de categorización".into(),
        encabezado: header,
        filas: rows,
        nota: Some("Porcentaje de las iniciativas con dato en cada variable; ver el anexo para los valores de cada nivel.".into()),
    }));
    page.chart(Some(Chart {
        id: view.id("niveles-por-variable"),
        title: "Nivel de las iniciativas en cada variable".into(),
        kind: Kind::Stacked {
            rows: chart_rows,
            series: level_names.to_vec(),
            values: chart_values,
            colors: palette::LEVELS.to_vec(),
        },
        unit: Unit::Percent,
        note: Some("Porcentaje de las iniciativas con dato en cada variable (columna «Iniciativas con dato» de la tabla de evaluación).".into()),
    }));
}

/// Profile of each overall level: its mean score in every area, small levels not described.
fn level_profiles(view: &OlaView, m: &Methodology, page: &mut Page, per_level: &[f64]) {
    let cats = &view.ola.categorizations;
    let mut rows = Vec::new();
    for (ai, area) in m.areas.iter().enumerate() {
        let mut row = vec![area.nombre.clone()];
        for l in &m.niveles {
            let vals: Vec<f64> = cats
                .iter()
                .filter(|c| c.level == Some(l.numero))
                .filter_map(|c| c.areas[ai])
                .collect();
            let n = cats.iter().filter(|c| c.level == Some(l.numero)).count();
            row.push(if n < view.min_cell || vals.is_empty() {
                if n == 0 {
                    numfmt::SIN_DATO.into()
                } else {
                    suppress::RESERVED.into()
                }
            } else {
                numfmt::dec(vals.iter().sum::<f64>() / vals.len() as f64, 2)
            });
        }
        rows.push(row);
    }
    let mut header = vec!["Área".to_string()];
    header.extend(
        m.niveles
            .iter()
            .zip(per_level)
            .map(|(l, n)| format!("Nivel {} ({} IC)", l.numero, numfmt::int(*n as i64))),
    );
    page.heading("Perfil de cada nivel");
    page.push(Block::Table(DataTable {
        titulo: "Puntaje promedio de cada área según el nivel general de la iniciativa".into(),
        encabezado: header,
        filas: rows,
        nota: Some(format!(
            "Puntajes de 1 a 3. Un nivel con menos de {} iniciativas no se describe.",
            view.min_cell
        )),
    }));
}

/// "Sistema moda — Nivel 2, 1,65 de 3,0": mean score and its level per group, small groups hidden.
fn score_cards(view: &OlaView, field: &str, title: &str) -> DataTable {
    let m = view
        .ola
        .methodology
        .expect("conclusions need a methodology");
    let mut groups: std::collections::BTreeMap<String, Vec<f64>> = Default::default();
    for (init, cat) in view.ola.initiatives.iter().zip(&view.ola.categorizations) {
        if let (Some(g), Some(s)) = (init.text(field), cat.score) {
            groups.entry(view.label(field, g)).or_default().push(s);
        }
    }
    let mut entries: Vec<(String, Vec<f64>)> = groups.into_iter().collect();
    entries.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(&b.0)));
    let cells: Vec<Cell> = entries
        .iter()
        .map(|(_, s)| Cell {
            initiatives: s.len(),
            value: Some(s.iter().sum::<f64>() / s.len() as f64),
        })
        .collect();
    let hidden = suppress::suppressed(&cells, view.min_cell, true);
    let rows = entries
        .iter()
        .zip(&cells)
        .zip(&hidden)
        .map(|(((name, scores), cell), hide)| {
            let score = m.round_score(cell.value.unwrap_or_default());
            let (level, text) = if *hide {
                (
                    suppress::RESERVED.to_string(),
                    suppress::RESERVED.to_string(),
                )
            } else {
                let l = m.level_of_score(score);
                (
                    format!("Nivel {}: {}", l, m.level_name(l)),
                    numfmt::score(score, m.puntaje.maximo),
                )
            };
            vec![name.clone(), numfmt::int(scores.len() as i64), level, text]
        })
        .collect();
    DataTable {
        titulo: format!("Puntaje promedio por {}", title.to_lowercase()),
        encabezado: vec![
            title.into(),
            "Iniciativas".into(),
            "Nivel".into(),
            "Puntaje".into(),
        ],
        filas: rows,
        nota: Some(format!(
            "Grupos con menos de {} iniciativas: «reservado».",
            view.min_cell
        )),
    }
}

pub fn anexo(view: &OlaView) -> Page {
    let mut page = Page::new(
        "anexo.html",
        "Anexo: valores de las variables de categorización",
        "seccion.html",
    );
    let Some(m) = view.ola.methodology else {
        return page;
    };
    let mut header = vec!["Área temática".to_string(), "Variable".to_string()];
    header.extend(
        m.niveles
            .iter()
            .map(|l| format!("Nivel {}: {}", l.numero, l.nombre)),
    );
    let rows = m
        .variables()
        .map(|(area, var)| {
            let mut row = vec![area.label(), var.nombre.clone()];
            row.extend(var.criterios.iter().cloned());
            row
        })
        .collect();
    page.push(Block::Table(DataTable {
        titulo: format!("Valores de las variables — {}", m.nombre),
        encabezado: header,
        filas: rows,
        nota: Some(format!(
            "Puntaje general: media de las áreas (cada área, media de los niveles de sus variables con dato), sobre {}. Cortes: menos de {} es Nivel 1; desde {} y menos de {} es Nivel 2; desde {} es Nivel 3.",
            numfmt::dec(m.puntaje.maximo, 1),
            numfmt::dec(m.puntaje.cortes[0], 1),
            numfmt::dec(m.puntaje.cortes[0], 1),
            numfmt::dec(m.puntaje.cortes[1], 1),
            numfmt::dec(m.puntaje.cortes[1], 1),
        )),
    }));
    page
}
