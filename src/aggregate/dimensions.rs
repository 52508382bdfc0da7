//! Dimension 1 (gestión de la iniciativa) of an ola, and helpers the other dimensions share.

use super::{donut, hbar, stats, ChartExt, OlaView};
use crate::chart::{Chart, Unit};
use crate::numfmt;
use crate::page::{Block, Figure, Page};

pub(super) fn pct_figure(value: Option<f64>, label: &str) -> Figure {
    pct_figure_dec(value, 0, label)
}

/// As [`pct_figure`] with `decimals` places: national shares are small (2,6 %, 0,8 %).
pub(super) fn pct_figure_dec(value: Option<f64>, decimals: usize, label: &str) -> Figure {
    Figure::new(
        value.map_or(numfmt::SIN_DATO.to_string(), |v| numfmt::pct(v, decimals)),
        label,
    )
}

/// Share of answering initiatives whose variable level is in `levels`.
pub(super) fn share_at_levels(view: &OlaView, variable: &str, levels: &[u8]) -> Option<f64> {
    let m = view.ola.methodology?;
    let idx = m.variables().position(|(_, v)| v.id == variable)?;
    let answered: Vec<u8> = view
        .ola
        .categorizations
        .iter()
        .filter_map(|c| c.levels[idx])
        .collect();
    stats::pct(
        answered.iter().filter(|l| levels.contains(l)).count() as f64,
        answered.len() as f64,
    )
}

/// Initiatives at one of `levels` in any of `variables`, over those with data in at least one;
/// with that count of initiatives with data.
pub(super) fn any_at_levels(view: &OlaView, variables: &[&str], levels: &[u8]) -> (usize, usize) {
    let Some(m) = view.ola.methodology else {
        return (0, 0);
    };
    let idx: Vec<usize> = m
        .variables()
        .enumerate()
        .filter(|(_, (_, v))| variables.contains(&v.id.as_str()))
        .map(|(i, _)| i)
        .collect();
    let (mut part, mut answered) = (0, 0);
    for c in &view.ola.categorizations {
        let ls: Vec<u8> = idx.iter().filter_map(|&i| c.levels[i]).collect();
        if !ls.is_empty() {
            answered += 1;
            part += usize::from(ls.iter().any(|l| levels.contains(l)));
        }
    }
    (part, answered)
}

/// A share of initiatives at some levels, printed with its base.
pub(super) fn level_figure(
    view: &OlaView,
    variables: &[&str],
    levels: &[u8],
    label: &str,
) -> Figure {
    let (part, answered) = any_at_levels(view, variables, levels);
    pct_figure(stats::pct(part as f64, answered as f64), label)
        .note(stats::base_note(view.inits.len(), answered))
}

/// Mean shares of a percentage group as a donut.
pub(super) fn mean_shares(
    view: &OlaView,
    fields: &[(&str, &str)],
    name: &str,
    title: &str,
) -> Option<Chart> {
    let values: Vec<f64> = fields
        .iter()
        .map(|(f, _)| stats::mean(&view.inits, f))
        .collect::<Option<_>>()?;
    Some(
        donut(
            view.id(name),
            title,
            fields.iter().map(|(_, l)| l.to_string()).collect(),
            values,
            None,
        )
        .note("Promedio de los porcentajes que reporta cada iniciativa.".into()),
    )
}

pub fn dimension_1(view: &OlaView) -> Page {
    let mut page = Page::new(
        "dimension-1.html",
        "Dimensión 1: gestión de la iniciativa cluster",
        "seccion.html",
    );
    if let Some(md) = view.markdown("dimension-1") {
        page.push(md);
    }
    page.heading("Gobernanza");
    page.push(Block::Figures(vec![
        level_figure(
            view,
            &["asamblea_general"],
            &[2, 3],
            "cuentan con asamblea general",
        ),
        level_figure(
            view,
            &["asamblea_general"],
            &[3],
            "con asamblea general activa",
        ),
        level_figure(
            view,
            &["consejo_asesor"],
            &[2, 3],
            "incluyen un consejo asesor",
        ),
        level_figure(view, &["consejo_asesor"], &[3], "con consejo asesor activo"),
        level_figure(
            view,
            &["asamblea_general", "consejo_asesor"],
            &[3],
            "con un órgano asesor (asamblea general o consejo asesor) activo en la toma de decisiones",
        ),
    ]));
    page.chart(view.category_chart("gerente", "gerente", "Director o gerente de la iniciativa"));
    page.chart(view.category_chart("mesas_trabajo", "mesas", "Mesas de trabajo"));

    page.heading("Estrategia y plan de acción");
    if let (Some(a), Some(b), Some(c)) = (
        share_at_levels(view, "estrategia", &[1]),
        share_at_levels(view, "estrategia", &[2]),
        share_at_levels(view, "estrategia", &[3]),
    ) {
        page.chart(Some(donut(
            view.id("estrategia"),
            "Estrategia de la iniciativa",
            vec![
                "Sin estrategia escrita".into(),
                "Estrategia sin actualizar (más de tres años)".into(),
                "Estrategia actualizada".into(),
            ],
            vec![a, b, c],
            None,
        )));
    }
    page.chart(view.category_chart("plan_accion", "plan-accion", "Plan de acción"));
    page.chart(mean_shares(
        view,
        &[
            ("pct_estrategia_empresas", "Empresas"),
            ("pct_estrategia_academia", "Academia"),
            ("pct_estrategia_gobierno", "Gobierno"),
            ("pct_estrategia_otros", "Gremios y otros"),
        ],
        "participantes-estrategia",
        "Participantes en la construcción de la estrategia",
    ));

    page.heading("Estrategia de financiación");
    // One computation for the headline and the chart: shares of every initiative of the ola.
    let horizon = sustainability(view);
    if let Some(h) = &horizon {
        page.push(Block::Figures(vec![pct_figure(
            Some(h.shares[2]),
            "con financiación garantizada por más de 24 meses",
        )
        .note(stats::base_note(h.total, h.answered))]));
    }
    for (prefix, title) in [
        ("operativa", "Recursos de la estructura operativa"),
        ("proyectos", "Recursos de los proyectos"),
    ] {
        let fields = [
            format!("pct_{prefix}_publicos"),
            format!("pct_{prefix}_privados"),
            format!("pct_{prefix}_empresas"),
        ];
        let pairs: Vec<(&str, &str)> = fields
            .iter()
            .map(String::as_str)
            .zip(["Públicos", "Privados", "Empresas participantes"])
            .collect();
        page.chart(mean_shares(
            view,
            &pairs,
            &format!("financiacion-{prefix}"),
            title,
        ));
        // The decks' split: public against private (other private plus the companies' own).
        if let Some(public) = stats::mean(&view.inits, &fields[0]) {
            page.push(Block::Figures(vec![
                pct_figure(
                    Some(public),
                    &format!("{} de origen público", title.to_lowercase()),
                ),
                pct_figure(
                    Some(100.0 - public),
                    &format!(
                        "{} de origen privado (incluye aportes de las empresas)",
                        title.to_lowercase()
                    ),
                ),
            ]));
        }
    }
    if let Some(h) = horizon {
        page.chart(Some(
            hbar(
                view.id("sostenibilidad"),
                "Horizonte de sostenibilidad financiera",
                Unit::Percent,
                vec![
                    "Corto plazo (menos de 12 meses)".into(),
                    "Mediano plazo (12 a 24 meses)".into(),
                    "Largo plazo (más de 24 meses)".into(),
                    "Sin dato".into(),
                ],
                h.shares.iter().map(|&x| Some(x)).collect(),
            )
            .note(format!(
                "Porcentaje del total de iniciativas de la ola ({}).",
                stats::base_note(h.total, h.answered)
            )),
        ));
    }

    page.heading("Enfoque y actividades");
    if let Some(inter) = stats::mean(&view.inits, "pct_intercluster") {
        page.push(Block::Figures(vec![
            Figure::new(numfmt::pct(inter, 0), "enfoque intercluster")
                .note("conjunto de industrias que comparten un modelo de negocio"),
            Figure::new(numfmt::pct(100.0 - inter, 0), "enfoque sectorial")
                .note("una industria que jalona a partir de un producto o servicio"),
        ]));
    }
    page.chart(mean_shares(
        view,
        &[
            ("pct_act_fortalecimiento", "Fortalecimiento empresarial"),
            ("pct_act_entorno", "Condiciones del entorno"),
            (
                "pct_act_relacionamiento",
                "Relacionamiento, negocios y conocimiento",
            ),
        ],
        "actividades",
        "Tipos de actividades lideradas por las iniciativas",
    ));

    page.heading("Participación y colaboración");
    if let (Some(a), Some(p)) = (
        stats::sum(&view.inits, "empresas_activas"),
        stats::sum(&view.inits, "empresas_participantes"),
    ) {
        page.push(Block::Figures(vec![pct_figure(
            stats::pct(a, p),
            "de las empresas participa de manera activa",
        )
        .note(format!(
            "{} de {} empresas participantes",
            numfmt::int(a.round() as i64),
            numfmt::int(p.round() as i64)
        ))]));
    }
    if view.has("colaboracion") {
        page.push(Block::Figures(vec![level_figure(
            view,
            &["colaboracion"],
            &[2, 3],
            "con una relación colaborativa entre sus participantes (espontánea o con el director)",
        )]));
    }
    page.chart(view.category_chart(
        "colaboracion",
        "colaboracion",
        "Colaboración entre los participantes",
    ));

    if view.has("barreras") {
        page.heading("Barreras y apoyos deseados");
        let total = view.inits.len();
        let answered = view.inits.iter().filter(|i| i.has("barreras")).count();
        let with = view
            .inits
            .iter()
            .filter(|i| i.choices("barreras").is_some_and(stats::mentions_any))
            .count();
        page.push(Block::Figures(vec![Figure::new(
            stats::in_ten(with, total).unwrap_or_else(|| numfmt::SIN_DATO.into()),
            "iniciativas reporta barreras para implementar la estrategia",
        )
        .note(format!(
            "{} con barreras {}",
            numfmt::int(with as i64),
            stats::base_note(total, answered)
        ))]));
        page.chart(view.mentions_chart(
            "barreras",
            "barreras",
            "Barreras para implementar la estrategia",
        ));
    }
    page.chart(view.choices_chart(
        "apoyos",
        "apoyos",
        if view.ola.config.periodo_anterior.is_some() {
            "Apuestas de las iniciativas"
        } else {
            "Apoyos deseados"
        },
    ));
    page
}

/// Months of guaranteed financing in buckets (short, medium, long, sin dato), as shares of
/// every initiative of the ola.
struct Horizon {
    shares: [f64; 4],
    total: usize,
    answered: usize,
}

fn sustainability(view: &OlaView) -> Option<Horizon> {
    let months: Vec<f64> = view
        .inits
        .iter()
        .filter_map(|i| i.number("sostenibilidad_meses"))
        .collect();
    if months.is_empty() {
        return None;
    }
    let total = view.inits.len();
    let share = |n: usize| n as f64 / total as f64 * 100.0;
    let count = |f: &dyn Fn(f64) -> bool| months.iter().filter(|m| f(**m)).count();
    Some(Horizon {
        shares: [
            share(count(&|m| m < 12.0)),
            share(count(&|m| (12.0..=24.0).contains(&m))),
            share(count(&|m| m > 24.0)),
            share(total - months.len()),
        ],
        total,
        answered: months.len(),
    })
}
