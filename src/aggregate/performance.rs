//! Dimension 2: performance of the participating companies and the territory.

use super::dimensions::{level_share, measure_donut};
use super::measure::{self, Format};
use super::{stats, OlaView};
use crate::chart::{Chart, Kind, Unit};
use crate::numfmt;
use crate::page::{Block, Figure, Page};

pub fn dimension_2(view: &OlaView) -> Page {
    let mut page = Page::new(
        "dimension-2.html",
        "Dimensión 2: desempeño de las empresas participantes y el entorno",
        "seccion.html",
    );
    if let Some(md) = view.markdown("dimension-2") {
        page.push(md);
    }
    page.heading("Participación de las empresas");
    let sum = |field: &str| measure::sum(&view.inits, field);
    page.push(Block::Figures(vec![
        sum("empresas_participantes").figure(
            Format::Count,
            view.ola
                .config
                .label_for("empresas_participantes", "empresas participantes"),
        ),
        of_participants(
            view,
            "empresas_activas",
            "empresas con participación activa",
        ),
        of_participants(view, "empresas_impactadas", "empresas impactadas"),
        sum("empleos").figure(Format::Count, "empleos generados"),
    ]));
    // The methodology's size variable at Nivel 2 or 3: at least one medium or large company.
    let medium = level_share(view, &["tamano_empresas"], &[2, 3]);
    if medium.value.is_some() {
        page.push(Block::Figures(vec![medium.figure(
            Format::InTen,
            "iniciativas tiene al menos una empresa mediana o grande",
        )]));
    }
    let (sizes, all) = measure::composition(
        &view.inits,
        &[
            "empresas_micro",
            "empresas_pequenas",
            "empresas_medianas",
            "empresas_grandes",
        ],
    );
    if all > 0.0 {
        let mut chart = measure_donut(
            view,
            "tamano",
            "Tamaño de las empresas participantes",
            &["Micro", "Pequeña", "Mediana", "Grande"],
            &sizes,
            "Porcentaje de las empresas participantes",
        );
        if let Some(Chart {
            kind: Kind::Donut { centre, .. },
            ..
        }) = chart.as_mut()
        {
            *centre = Some(format!("{} empresas", numfmt::int(all as i64)));
        }
        page.chart(chart);
    }
    if let Some(prev) = view.ola.config.periodo_anterior {
        growth(view, &mut page, prev);
    }
    // The III deck reads the impacts with the companies (dimension 2); the IV deck, which has no
    // regional comparison, makes them its dimension 3.
    if super::regional::has_reference(view) {
        impacts(view, &mut page);
    }
    page
}

/// A count of companies with its share of the participating ones (the decks' «4.243 empresas
/// con participación activa, 33 %»): both over the initiatives that reported the two figures.
fn of_participants(view: &OlaView, field: &str, label: &str) -> Figure {
    let count = measure::sum(&view.inits, field);
    let (share, _, whole) = measure::ratio(&view.inits, field, "empresas_participantes");
    let mut figure = count.figure(Format::Count, label);
    if share.value.is_some() {
        figure.nota = Some(format!(
            "{} de {} empresas participantes, {}",
            share.text(Format::Percent(0)),
            numfmt::int(whole.round() as i64),
            share.base.describe()
        ));
    }
    figure
}

/// Business and territorial impacts, with the share of initiatives that reported more than one
/// impact on their territory (the IV deck's "75 %").
pub(super) fn impacts(view: &OlaView, page: &mut Page) {
    if !view.has("impactos_empresariales") && !view.has("impactos_territoriales") {
        return;
    }
    page.heading("Impactos");
    // Both territorial figures count over every initiative of the ola, the decks' base: the III
    // deck gives those that extend their effects, the IV deck those with more than one impact.
    let mentioned = |i: &crate::Initiative| {
        i.choices("impactos_territoriales")
            .map(|c| c.iter().filter(|v| *v != stats::NONE_OPTION).count())
    };
    let some = measure::share(&view.inits, true, |i| mentioned(i).map(|n| n > 0));
    if some.value.is_some() {
        let several = measure::share(&view.inits, true, |i| mentioned(i).map(|n| n > 1));
        page.push(Block::Figures(vec![
            some.figure(
                Format::Percent(0),
                "de las iniciativas extienden sus efectos al territorio",
            ),
            several.figure(
                Format::Percent(0),
                "de las iniciativas generaron más de un impacto en el territorio",
            ),
        ]));
    }
    page.chart(view.choices_chart(
        "impactos_empresariales",
        "impactos-empresariales",
        "Impactos en las empresas participantes",
    ));
    page.chart(view.choices_chart_over_all(
        "impactos_territoriales",
        "impactos-territoriales",
        "Impactos en el territorio",
    ));
}

/// IV ola: the earlier period against the current one (companies, jobs, sales, purchases),
/// each pair over the initiatives that reported both years.
fn growth(view: &OlaView, page: &mut Page, previous: i32) {
    let now = view.ola.config.period();
    let Some(companies) = companies_chart(view, previous, now) else {
        return;
    };
    page.heading(&format!("Evolución {previous}–{now}"));
    page.chart(Some(companies));
    page.push(Block::Figures(money_figures(view, previous, now)));
    markets(view, page);
}

/// Companies in both years, summed over the initiatives that report both; none when no
/// initiative does.
fn companies_chart(view: &OlaView, previous: i32, now: i32) -> Option<Chart> {
    let pairs = [
        ("Participantes", "empresas_participantes"),
        ("Activas en la definición estratégica", "empresas_activas"),
        ("Impactadas", "empresas_impactadas"),
    ];
    let both: Vec<(f64, f64, usize)> = pairs
        .iter()
        .map(|(_, f)| {
            let before = format!("{f}_anterior");
            let rows: Vec<(f64, f64)> = view
                .inits
                .iter()
                .filter_map(|i| i.number(&before).zip(i.number(f)))
                .collect();
            let (b, a) = rows.iter().fold((0.0, 0.0), |(b, a), r| (b + r.0, a + r.1));
            (b, a, rows.len())
        })
        .collect();
    if both.iter().all(|p| p.2 == 0) {
        return None;
    }
    let value = |v: f64, n: usize| (n > 0).then_some(v);
    let counts: Vec<String> = pairs
        .iter()
        .zip(&both)
        .map(|((label, _), p)| format!("{} {}", label.to_lowercase(), numfmt::int(p.2 as i64)))
        .collect();
    Some(Chart {
        id: view.id("empresas-evolucion"),
        title: format!("Número de empresas, {previous} y {now}"),
        kind: Kind::Grouped {
            categories: pairs.iter().map(|p| p.0.to_string()).collect(),
            series: vec![previous.to_string(), now.to_string()],
            values: vec![
                both.iter().map(|p| value(p.0, p.2)).collect(),
                both.iter().map(|p| value(p.1, p.2)).collect(),
            ],
        },
        unit: Unit::Count,
        note: Some(format!(
            "Suma de lo que reportan, de {} iniciativas, las que dan ambos años ({}).",
            numfmt::int(view.inits.len() as i64),
            counts.join("; ")
        )),
    })
}

/// Sales and purchases of the period, and the growth of sales and employment.
fn money_figures(view: &OlaView, previous: i32, now: i32) -> Vec<Figure> {
    let change = |a: &str, b: &str| measure::change(&view.inits, a, b);
    vec![
        measure::sum(&view.inits, "ventas").figure(
            Format::Millions,
            format!("ventas {now} (millones de pesos)"),
        ),
        change("ventas_anterior", "ventas").figure(
            Format::Percent(0),
            format!("crecimiento de las ventas {previous}–{now}"),
        ),
        change("empleos_anterior", "empleos").figure(
            Format::Percent(0),
            format!("crecimiento del empleo {previous}–{now}"),
        ),
        measure::sum(&view.inits, "compras").figure(
            Format::Millions,
            format!("compras {now} (millones de pesos)"),
        ),
    ]
}

/// Sales per market and purchases per provider.
fn markets(view: &OlaView, page: &mut Page) {
    for (total, prefix, name, title) in [
        (
            "ventas",
            "pct_ventas",
            "ventas-mercado",
            "Ventas por tipo de mercado",
        ),
        (
            "compras",
            "pct_compras",
            "compras-proveedor",
            "Compras por tipo de proveedor",
        ),
    ] {
        // Weighted by each initiative's total, so the shares describe the money, not the answers.
        let parts = ["local", "nacional", "internacional"].map(|k| format!("{prefix}_{k}"));
        let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
        let shares = measure::weighted_composition(&view.inits, total, &parts);
        page.chart(measure_donut(
            view,
            name,
            title,
            &["Local", "Nacional", "Internacional"],
            &shares,
            "Porcentaje del total reportado",
        ));
    }
}
