//! Dimension 1 (gestión de la iniciativa) of an ola, and helpers the other dimensions share.

use super::measure::{self, Base, Format, Measure};
use super::{donut, hbar, stats, ChartExt, OlaView};
use crate::chart::{Chart, Unit};
use crate::numfmt;
use crate::page::{Block, Figure, Page};

/// Initiatives at one of `levels` in any of `variables`, of those with data in at least one
/// of them (an initiative without data in all of them is outside the base).
pub(super) fn level_share(view: &OlaView, variables: &[&str], levels: &[u8]) -> Measure {
    let Some(m) = view.ola.methodology else {
        return Measure::new(
            None,
            Base::Respondents {
                total: view.inits.len(),
                answered: 0,
            },
        );
    };
    let idx: Vec<usize> = m
        .variables()
        .enumerate()
        .filter(|(_, (_, v))| variables.contains(&v.id.as_str()))
        .map(|(i, _)| i)
        .collect();
    // Categorizations of the categorized initiatives only: the others have no levels.
    let (mut part, mut answered) = (0, 0);
    for c in view.ola.categorizations.iter().filter(|c| c.complete) {
        let ls: Vec<u8> = idx.iter().filter_map(|&i| c.levels[i]).collect();
        if !ls.is_empty() {
            answered += 1;
            part += usize::from(ls.iter().any(|l| levels.contains(l)));
        }
    }
    Measure::new(
        measure::pct(part as f64, answered as f64),
        Base::Respondents {
            total: view.inits.len(),
            answered,
        },
    )
}

/// A share of initiatives at some levels, printed with its base.
pub(super) fn level_figure(
    view: &OlaView,
    variables: &[&str],
    levels: &[u8],
    label: &str,
) -> Figure {
    level_share(view, variables, levels).figure(Format::Percent(0), label)
}

/// Mean shares of a percentage group (each initiative's parts sum to 100), over the
/// initiatives that reported every part; one computation for the donut and the figures.
pub(super) fn mean_shares(view: &OlaView, fields: &[&str]) -> Option<Vec<Measure>> {
    let rows: Vec<Vec<f64>> = view
        .inits
        .iter()
        .filter_map(|i| fields.iter().map(|f| i.number(f)).collect())
        .collect();
    if rows.is_empty() {
        return None;
    }
    let base = Base::Mean {
        total: view.inits.len(),
        answered: rows.len(),
    };
    Some(
        (0..fields.len())
            .map(|k| {
                let mean = rows.iter().map(|r| r[k]).sum::<f64>() / rows.len() as f64;
                Measure::new(Some(mean), base.clone())
            })
            .collect(),
    )
}

/// A donut of measures sharing one base, the base in its note.
pub(super) fn measure_donut(
    view: &OlaView,
    name: &str,
    title: &str,
    labels: &[&str],
    parts: &[Measure],
    what: &str,
) -> Option<Chart> {
    let values: Vec<f64> = parts.iter().map(|m| m.value).collect::<Option<_>>()?;
    let base = parts.first()?.base.describe();
    Some(
        donut(
            view.id(name),
            title,
            labels.iter().map(|l| l.to_string()).collect(),
            values,
            None,
        )
        .note(format!("{what} ({base}).")),
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
    governance(view, &mut page);
    strategy(view, &mut page);
    financing(view, &mut page);
    focus(view, &mut page);
    collaboration(view, &mut page);
    barriers(view, &mut page);
    page
}

fn governance(view: &OlaView, page: &mut Page) {
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
}

fn strategy(view: &OlaView, page: &mut Page) {
    page.heading("Estrategia y plan de acción");
    let levels = [1, 2, 3].map(|l| level_share(view, &["estrategia"], &[l]));
    page.chart(measure_donut(
        view,
        "estrategia",
        "Estrategia de la iniciativa",
        &[
            "Sin estrategia escrita",
            "Estrategia sin actualizar (más de tres años)",
            "Estrategia actualizada",
        ],
        &levels,
        "Porcentaje de las iniciativas que respondieron",
    ));
    page.chart(view.category_chart("plan_accion", "plan-accion", "Plan de acción"));
    let fields = [
        "pct_estrategia_empresas",
        "pct_estrategia_academia",
        "pct_estrategia_gobierno",
        "pct_estrategia_otros",
    ];
    if let Some(parts) = mean_shares(view, &fields) {
        page.chart(measure_donut(
            view,
            "participantes-estrategia",
            "Participantes en la construcción de la estrategia",
            &["Empresas", "Academia", "Gobierno", "Gremios y otros"],
            &parts,
            "Promedio de los porcentajes que reporta cada iniciativa",
        ));
    }
}

fn financing(view: &OlaView, page: &mut Page) {
    page.heading("Estrategia de financiación");
    // One computation for the headline and the chart: shares of every initiative of the ola.
    let horizon = sustainability(view);
    if let Some(h) = &horizon {
        page.push(Block::Figures(vec![h[2].figure(
            Format::Percent(0),
            "con financiación garantizada por más de 24 meses",
        )]));
    }
    for (prefix, title) in [
        ("operativa", "Recursos de la estructura operativa"),
        ("proyectos", "Recursos de los proyectos"),
    ] {
        let fields = ["publicos", "privados", "empresas"].map(|k| format!("pct_{prefix}_{k}"));
        let fields: Vec<&str> = fields.iter().map(String::as_str).collect();
        let Some(parts) = mean_shares(view, &fields) else {
            continue;
        };
        page.chart(measure_donut(
            view,
            &format!("financiacion-{prefix}"),
            title,
            &["Públicos", "Privados", "Empresas participantes"],
            &parts,
            "Promedio de los porcentajes que reporta cada iniciativa",
        ));
        // The decks' split: public against private (other private plus the companies' own),
        // from the same means as the donut.
        let private = Measure::new(
            parts[1].value.zip(parts[2].value).map(|(a, b)| a + b),
            parts[1].base.clone(),
        );
        let lower = title.to_lowercase();
        page.push(Block::Figures(vec![
            parts[0].figure(Format::Percent(0), format!("{lower} de origen público")),
            private.figure(
                Format::Percent(0),
                format!("{lower} de origen privado (incluye aportes de las empresas)"),
            ),
        ]));
    }
    if let Some(h) = horizon {
        let values = h.iter().map(|m| m.value).collect();
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
                values,
            )
            .note(format!(
                "Porcentaje del total de iniciativas de la ola ({}).",
                h[0].base.describe()
            )),
        ));
    }
}

fn focus(view: &OlaView, page: &mut Page) {
    page.heading("Enfoque y actividades");
    let inter = measure::mean(&view.inits, "pct_intercluster");
    if let Some(v) = inter.value {
        let sectoral = Measure::new(Some(100.0 - v), inter.base.clone());
        page.push(Block::Figures(vec![
            inter.figure(
                Format::Percent(0),
                "enfoque intercluster: conjunto de industrias que comparten un modelo de negocio",
            ),
            sectoral.figure(
                Format::Percent(0),
                "enfoque sectorial: una industria que jalona a partir de un producto o servicio",
            ),
        ]));
    }
    let fields = [
        "pct_act_fortalecimiento",
        "pct_act_entorno",
        "pct_act_relacionamiento",
    ];
    if let Some(parts) = mean_shares(view, &fields) {
        page.chart(measure_donut(
            view,
            "actividades",
            "Tipos de actividades lideradas por las iniciativas",
            &[
                "Fortalecimiento empresarial",
                "Condiciones del entorno",
                "Relacionamiento, negocios y conocimiento",
            ],
            &parts,
            "Promedio de los porcentajes que reporta cada iniciativa",
        ));
    }
}

fn collaboration(view: &OlaView, page: &mut Page) {
    page.heading("Participación y colaboración");
    let (active, a, p) = measure::ratio(&view.inits, "empresas_activas", "empresas_participantes");
    if active.value.is_some() {
        let mut fig = active.figure(
            Format::Percent(0),
            "de las empresas participa de manera activa",
        );
        fig.nota = Some(format!(
            "{} de {} empresas participantes; {}",
            numfmt::int(a.round() as i64),
            numfmt::int(p.round() as i64),
            active.base.describe()
        ));
        page.push(Block::Figures(vec![fig]));
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
}

fn barriers(view: &OlaView, page: &mut Page) {
    if view.has("barreras") {
        page.heading("Barreras y apoyos deseados");
        // Of every initiative of the ola, as the deck says it: «7 de cada 10».
        let with = measure::share(&view.inits, true, |i| {
            i.choices("barreras").map(stats::mentions_any)
        });
        page.push(Block::Figures(vec![with.figure(
            Format::InTen,
            "iniciativas reporta barreras para implementar la estrategia",
        )]));
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
}

/// Months of guaranteed financing in buckets (short, medium, long, sin dato), as shares of
/// every initiative of the ola.
fn sustainability(view: &OlaView) -> Option<[Measure; 4]> {
    let months: Vec<f64> = view
        .inits
        .iter()
        .filter_map(|i| i.number("sostenibilidad_meses"))
        .collect();
    if months.is_empty() {
        return None;
    }
    let total = view.inits.len();
    let base = Base::AllInitiatives {
        total,
        answered: months.len(),
    };
    let share = |n: usize| Measure::new(measure::pct(n as f64, total as f64), base.clone());
    let count = |f: &dyn Fn(f64) -> bool| months.iter().filter(|m| f(**m)).count();
    Some([
        share(count(&|m| m < 12.0)),
        share(count(&|m| (12.0..=24.0).contains(&m))),
        share(count(&|m| m > 24.0)),
        share(total - months.len()),
    ])
}
