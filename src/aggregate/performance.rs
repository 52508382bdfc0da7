//! Dimension 2: performance of the participating companies and the territory.

use super::dimensions::pct_figure;
use super::{count_figure, donut, stats, OlaView};
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
    let participating = stats::sum(&view.inits, "empresas_participantes");
    let active = stats::sum(&view.inits, "empresas_activas");
    let impacted = stats::sum(&view.inits, "empresas_impactadas");
    let share = |x: Option<f64>| match (x, participating) {
        (Some(x), Some(p)) => stats::pct(x, p).map(|s| numfmt::pct(s, 0)),
        _ => None,
    };
    let mut active_fig = count_figure(active, "empresas con participación activa");
    active_fig.nota = share(active);
    let mut impacted_fig = count_figure(impacted, "empresas impactadas");
    impacted_fig.nota = share(impacted);
    page.heading("Participación de las empresas");
    page.push(Block::Figures(vec![
        count_figure(
            participating,
            &view
                .ola
                .config
                .label_for("empresas_participantes", "empresas participantes"),
        ),
        active_fig,
        impacted_fig,
        count_figure(stats::sum(&view.inits, "empleos"), "empleos generados"),
    ]));
    // The methodology's size variable at Nivel 2 or 3: at least one medium or large company.
    let (part, answered) = super::dimensions::any_at_levels(view, &["tamano_empresas"], &[2, 3]);
    if let Some(text) = stats::in_ten(part, answered) {
        page.push(Block::Figures(vec![Figure::new(
            text,
            "iniciativas tiene al menos una empresa mediana o grande",
        )
        .note(stats::base_note(view.inits.len(), answered))]));
    }
    let sizes = [
        ("empresas_micro", "Micro"),
        ("empresas_pequenas", "Pequeña"),
        ("empresas_medianas", "Mediana"),
        ("empresas_grandes", "Grande"),
    ];
    let totals: Option<Vec<f64>> = sizes
        .iter()
        .map(|(f, _)| stats::sum(&view.inits, f))
        .collect();
    if let Some(totals) = totals {
        let all: f64 = totals.iter().sum();
        if all > 0.0 {
            page.chart(Some(donut(
                view.id("tamano"),
                "Tamaño de las empresas participantes",
                sizes.iter().map(|(_, l)| l.to_string()).collect(),
                totals.iter().map(|t| t / all * 100.0).collect(),
                Some(format!("{} empresas", numfmt::int(all as i64))),
            )));
        }
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

/// Business and territorial impacts, with the share of initiatives that reported more than one
/// impact on their territory (the IV deck's "75 %").
pub(super) fn impacts(view: &OlaView, page: &mut Page) {
    if !view.has("impactos_empresariales") && !view.has("impactos_territoriales") {
        return;
    }
    page.heading("Impactos");
    // Both territorial figures count over every initiative of the ola, the decks' base: the III
    // deck gives those that extend their effects, the IV deck those with more than one impact.
    let total = view.inits.len();
    let territorial: Vec<&[String]> = view
        .inits
        .iter()
        .filter_map(|i| i.choices("impactos_territoriales"))
        .collect();
    if !territorial.is_empty() {
        let some = territorial
            .iter()
            .filter(|c| stats::mentions_any(c))
            .count();
        let several = territorial
            .iter()
            .filter(|c| c.iter().filter(|v| *v != stats::NONE_OPTION).count() > 1)
            .count();
        let note = stats::base_note(total, territorial.len());
        page.push(Block::Figures(vec![
            pct_figure(
                stats::pct(some as f64, total as f64),
                "de las iniciativas extienden sus efectos al territorio",
            )
            .note(note.clone()),
            pct_figure(
                stats::pct(several as f64, total as f64),
                "de las iniciativas generaron más de un impacto en el territorio",
            )
            .note(note),
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

/// IV ola: the earlier period against the current one (companies, jobs, sales, purchases).
fn growth(view: &OlaView, page: &mut Page, previous: i32) {
    let now = view.ola.config.period();
    let pairs = [
        ("Participantes", "empresas_participantes"),
        ("Activas en la definición estratégica", "empresas_activas"),
        ("Impactadas", "empresas_impactadas"),
    ];
    let before: Vec<Option<f64>> = pairs
        .iter()
        .map(|(_, f)| stats::sum(&view.inits, &format!("{f}_anterior")))
        .collect();
    if before.iter().all(Option::is_none) {
        return;
    }
    page.heading(&format!("Evolución {previous}–{now}"));
    page.chart(Some(Chart {
        id: view.id("empresas-evolucion"),
        title: format!("Número de empresas, {previous} y {now}"),
        kind: Kind::Grouped {
            categories: pairs.iter().map(|p| p.0.to_string()).collect(),
            series: vec![previous.to_string(), now.to_string()],
            values: vec![
                before,
                pairs
                    .iter()
                    .map(|(_, f)| stats::sum(&view.inits, f))
                    .collect(),
            ],
        },
        unit: Unit::Count,
        note: None,
    }));
    page.push(Block::Figures(money_figures(view, previous, now)));
    market_shares(view, page);
}

/// Sales and purchases of the current period and the growth from the earlier one.
fn money_figures(view: &OlaView, previous: i32, now: i32) -> Vec<Figure> {
    let change = |a: &str, b: &str| match (stats::sum(&view.inits, a), stats::sum(&view.inits, b)) {
        (Some(x), Some(y)) if x > 0.0 => Some((y / x - 1.0) * 100.0),
        _ => None,
    };
    vec![
        Figure::new(
            stats::sum(&view.inits, "ventas").map_or(numfmt::SIN_DATO.into(), |v| {
                format!("{} mm", numfmt::dec(v, 0))
            }),
            format!("ventas {now} (millones de pesos)"),
        ),
        pct_figure(
            change("ventas_anterior", "ventas"),
            &format!("crecimiento de las ventas {previous}–{now}"),
        ),
        pct_figure(
            change("empleos_anterior", "empleos"),
            &format!("crecimiento del empleo {previous}–{now}"),
        ),
        Figure::new(
            stats::sum(&view.inits, "compras").map_or(numfmt::SIN_DATO.into(), |v| {
                format!("{} mm", numfmt::dec(v, 0))
            }),
            format!("compras {now} (millones de pesos)"),
        ),
    ]
}

/// Sales by market and purchases by supplier, weighted by each initiative's total.
fn market_shares(view: &OlaView, page: &mut Page) {
    for (total, prefix, name, title, labels) in [
        (
            "ventas",
            "pct_ventas",
            "ventas-mercado",
            "Ventas por tipo de mercado",
            ["Local", "Nacional", "Internacional"],
        ),
        (
            "compras",
            "pct_compras",
            "compras-proveedor",
            "Compras por tipo de proveedor",
            ["Local", "Nacional", "Internacional"],
        ),
    ] {
        // Weighted by each initiative's total, so the shares describe the money, not the answers.
        let keys = ["local", "nacional", "internacional"];
        let mut sums = [0.0; 3];
        for i in &view.inits {
            if let Some(t) = i.number(total) {
                for (k, s) in keys.iter().zip(sums.iter_mut()) {
                    *s += t * i.number(&format!("{prefix}_{k}")).unwrap_or(0.0) / 100.0;
                }
            }
        }
        let all: f64 = sums.iter().sum();
        if all > 0.0 {
            page.chart(Some(donut(
                view.id(name),
                title,
                labels.map(String::from).to_vec(),
                sums.iter().map(|s| s / all * 100.0).collect(),
                None,
            )));
        }
    }
}
