//! Dimensions 1 (gestión), 2 (desempeño) and 3 (dinámica regional) of an ola.

use super::suppress::{self, Cell};
use super::{count_figure, donut, hbar, stats, ChartExt, OlaView, MIN_INITIATIVES};
use crate::chart::{Chart, Kind, Unit};
use crate::numfmt;
use crate::reference::NATIONAL;
use crate::site::page::{Block, DataTable, Figure, Page};

fn pct_figure(value: Option<f64>, label: &str) -> Figure {
    Figure::new(
        value.map_or(numfmt::SIN_DATO.to_string(), |v| numfmt::pct(v, 0)),
        label,
    )
}

/// Share of answering initiatives whose variable level is in `levels`.
fn share_at_levels(view: &OlaView, variable: &str, levels: &[u8]) -> Option<f64> {
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

/// Mean shares of a percentage group as a donut.
fn mean_shares(view: &OlaView, fields: &[(&str, &str)], name: &str, title: &str) -> Option<Chart> {
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
        pct_figure(
            share_at_levels(view, "asamblea_general", &[2, 3]),
            "cuentan con asamblea general",
        ),
        pct_figure(
            share_at_levels(view, "asamblea_general", &[3]),
            "con asamblea general activa",
        ),
        pct_figure(
            share_at_levels(view, "consejo_asesor", &[2, 3]),
            "incluyen un consejo asesor",
        ),
        pct_figure(
            share_at_levels(view, "consejo_asesor", &[3]),
            "con consejo asesor activo",
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
    page.push(Block::Figures(vec![pct_figure(
        share_at_levels(view, "sostenibilidad", &[3]),
        "con financiación garantizada por más de 24 meses",
    )]));
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
    }
    if view.has("sostenibilidad_meses") {
        let months: Vec<f64> = view
            .inits
            .iter()
            .filter_map(|i| i.number("sostenibilidad_meses"))
            .collect();
        let total = view.inits.len() as f64;
        let bucket = |f: &dyn Fn(f64) -> bool| {
            months.iter().filter(|m| f(**m)).count() as f64 / total * 100.0
        };
        let missing = (total - months.len() as f64) / total * 100.0;
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
                vec![
                    Some(bucket(&|m| m < 12.0)),
                    Some(bucket(&|m| (12.0..=24.0).contains(&m))),
                    Some(bucket(&|m| m > 24.0)),
                    Some(missing),
                ],
            )
            .note("Porcentaje del total de iniciativas de la ola.".into()),
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
        )]));
    }
    page.chart(view.category_chart(
        "colaboracion",
        "colaboracion",
        "Colaboración entre los participantes",
    ));

    if view.has("barreras") {
        page.heading("Barreras y apoyos deseados");
        let with = view
            .inits
            .iter()
            .filter(|i| i.choices("barreras").is_some_and(|c| !c.is_empty()))
            .count();
        let answered = view
            .inits
            .iter()
            .filter(|i| i.choices("barreras").is_some())
            .count();
        page.push(Block::Figures(vec![pct_figure(
            stats::pct(with as f64, answered as f64),
            "de las iniciativas reporta barreras",
        )]));
        page.chart(view.choices_chart(
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
        count_figure(participating, "empresas participantes"),
        active_fig,
        impacted_fig,
        count_figure(stats::sum(&view.inits, "empleos"), "empleos generados"),
    ]));
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
    page.heading("Impactos");
    page.chart(view.choices_chart(
        "impactos_empresariales",
        "impactos-empresariales",
        "Impactos en las empresas participantes",
    ));
    page.chart(view.choices_chart(
        "impactos_territoriales",
        "impactos-territoriales",
        "Impactos en el territorio",
    ));
    page
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
    let change = |a: &str, b: &str| match (stats::sum(&view.inits, a), stats::sum(&view.inits, b)) {
        (Some(x), Some(y)) if x > 0.0 => Some((y / x - 1.0) * 100.0),
        _ => None,
    };
    page.push(Block::Figures(vec![
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
    ]));
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

pub fn dimension_3(view: &OlaView) -> Page {
    let mut page = Page::new(
        "dimension-3.html",
        "Dimensión 3: dinámica del cluster regional",
        "seccion.html",
    );
    if let Some(md) = view.markdown("dimension-3") {
        page.push(md);
    }
    let year = view.ola.config.period();
    let previous = view
        .data
        .olas
        .iter()
        .rev()
        .find(|o| o.config.numero < view.ola.config.numero);
    for (field, reference, title, ref_label) in [
        (
            "empleos",
            &view.project.reference.occupied,
            "Empleo de las empresas de las iniciativas frente a la ocupación",
            "Ocupados DANE",
        ),
        (
            "empresas_participantes",
            &view.project.reference.companies,
            "Empresas de las iniciativas frente a las empresas registradas",
            "Empresas RUES",
        ),
    ] {
        if !view.has(field) {
            continue;
        }
        page.heading(title);
        let national = reference.get(&(NATIONAL.to_string(), year)).copied();
        let total = stats::sum(&view.inits, field);
        page.push(Block::Figures(vec![
            count_figure(
                total,
                if field == "empleos" {
                    "empleos en las iniciativas"
                } else {
                    "empresas en las iniciativas"
                },
            ),
            pct_figure(
                total
                    .zip(national)
                    .and_then(|(t, n)| stats::pct(t, n as f64))
                    .map(|p| (p * 10.0).round() / 10.0),
                &format!("participación nacional {year}"),
            )
            .note(national.map_or(
                format!("sin dato nacional de {year} en data/referencia"),
                |n| format!("{ref_label} {year}: {}", numfmt::int(n as i64)),
            )),
        ]));
        // Per department, with small-cell protection (a national total is published).
        let mut names = Vec::new();
        let mut cells = Vec::new();
        for d in &view.project.reference.departments {
            let inits: Vec<_> = view
                .inits
                .iter()
                .filter(|i| i.text("departamento") == Some(d.nombre.as_str()))
                .copied()
                .collect();
            if inits.is_empty() {
                continue;
            }
            names.push(d.nombre.clone());
            cells.push(Cell {
                initiatives: inits.len(),
                value: stats::sum(&inits, field),
            });
        }
        let hidden = suppress::suppressed(&cells, MIN_INITIATIVES, true);
        let prev_value = |name: &str| -> String {
            let summary = previous.and_then(|p| p.config.resumen.as_ref());
            let totals = summary.and_then(|s| {
                if field == "empleos" {
                    s.empleos.as_ref()
                } else {
                    s.empresas.as_ref()
                }
            });
            totals
                .and_then(|t| t.departamentos.get(name))
                .map_or(numfmt::SIN_DATO.into(), |&v| numfmt::int(v as i64))
        };
        let mut rows = Vec::new();
        for ((name, cell), hide) in names.iter().zip(&cells).zip(&hidden) {
            let value = if *hide {
                suppress::RESERVED.to_string()
            } else {
                cell.value
                    .map_or(numfmt::SIN_DATO.into(), |v| numfmt::int(v as i64))
            };
            let refv = reference.get(&(name.clone(), year)).copied();
            let share = match (cell.value, refv, hide) {
                (Some(v), Some(r), false) => {
                    stats::pct(v, r as f64).map_or(numfmt::SIN_DATO.into(), |p| numfmt::pct(p, 1))
                }
                (_, _, true) => suppress::RESERVED.to_string(),
                _ => numfmt::SIN_DATO.into(),
            };
            let mut row = vec![name.clone(), numfmt::int(cell.initiatives as i64)];
            if previous.is_some() {
                row.push(prev_value(name));
            }
            row.extend([
                value,
                refv.map_or(numfmt::SIN_DATO.into(), |r| numfmt::int(r as i64)),
                share,
            ]);
            rows.push(row);
        }
        let mut header = vec!["Departamento".to_string(), "Iniciativas".to_string()];
        if let Some(p) = previous {
            header.push(format!(
                "{} ({})",
                p.config.etiqueta,
                if field == "empleos" {
                    "empleo"
                } else {
                    "empresas"
                }
            ));
        }
        header.extend([
            view.ola.config.etiqueta.clone(),
            format!("{ref_label} {year}"),
            "Participación".into(),
        ]);
        page.push(Block::Table(DataTable {
            titulo: format!("{title}, por departamento"),
            encabezado: header,
            filas: rows,
            nota: Some(format!(
                "«reservado»: cifra de un departamento con menos de {MIN_INITIATIVES} iniciativas (o necesaria para no deducirla del total), que no se publica. Fuentes: DANE GEIH; Confecámaras, RUES."
            )),
        }));
    }
    if view.has("emergencia_acciones") || view.has("emergencia_iniciativa") {
        page.heading("Emergencia económica");
        page.chart(view.choices_chart(
            "emergencia_iniciativa",
            "emergencia-iniciativas",
            "Impactos de la emergencia en las iniciativas",
        ));
        page.chart(view.choices_chart(
            "emergencia_empresas",
            "emergencia-empresas",
            "Impactos de la emergencia en las empresas participantes",
        ));
        page.chart(view.choices_chart(
            "emergencia_acciones",
            "emergencia-acciones",
            "Principales acciones implementadas por las iniciativas",
        ));
    }
    page
}
