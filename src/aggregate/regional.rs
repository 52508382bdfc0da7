//! Dimension 3: the regional cluster against DANE occupation and RUES companies, with
//! small-cell protection for department figures.

use std::collections::{BTreeMap, HashMap};

use super::dimensions::pct_figure_dec;
use super::suppress::{self, Cell};
use super::{count_figure, stats, OlaView};
use crate::dataset::OlaData;
use crate::numfmt;
use crate::page::{Block, DataTable, Page};
use crate::reference::NATIONAL;
use crate::Initiative;

/// Whether the reference data has the national occupation or companies of the ola's period.
pub(super) fn has_reference(view: &OlaView) -> bool {
    let key = (NATIONAL.to_string(), view.ola.config.period());
    let r = &view.project.reference;
    r.occupied.contains_key(&key) || r.companies.contains_key(&key)
}

/// A department's initiatives, grouped once for both comparisons.
type ByDepartment<'a> = HashMap<&'a str, Vec<&'a Initiative>>;
type Reference = BTreeMap<(String, i32), u64>;

/// One comparison of the initiatives with a reference count of the same thing.
struct Comparison<'a> {
    field: &'static str,
    reference: &'a Reference,
    title: &'static str,
    ref_label: &'static str,
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
    let previous = view
        .data
        .olas
        .iter()
        .rev()
        .find(|o| o.config.numero < view.ola.config.numero);
    let mut by_department: ByDepartment = HashMap::new();
    for i in &view.inits {
        if let Some(d) = i.text("departamento") {
            by_department.entry(d).or_default().push(i);
        }
    }
    let reference = &view.project.reference;
    for comparison in [
        Comparison {
            field: "empleos",
            reference: &reference.occupied,
            title: "Empleo de las empresas de las iniciativas frente a la ocupación",
            ref_label: "Ocupados DANE",
        },
        Comparison {
            field: "empresas_participantes",
            reference: &reference.companies,
            title: "Empresas de las iniciativas frente a las empresas registradas",
            ref_label: "Empresas RUES",
        },
    ] {
        compare(view, &mut page, previous, &by_department, &comparison);
    }
    emergency(view, &mut page);
    if !has_reference(view) {
        super::performance::impacts(view, &mut page);
    }
    page
}

/// The national share of the initiatives' total, then its table by department.
fn compare(
    view: &OlaView,
    page: &mut Page,
    previous: Option<&OlaData>,
    by_department: &ByDepartment,
    c: &Comparison,
) {
    let year = view.ola.config.period();
    if !view.has(c.field) {
        return;
    }
    // Without the national reference of the period (the IV deck has none) the comparison
    // has nothing to compare with: the section is left out rather than filled with "sin dato".
    let Some(national) = c.reference.get(&(NATIONAL.to_string(), year)).copied() else {
        return;
    };
    page.heading(c.title);
    let total = stats::sum(&view.inits, c.field);
    let mut figures = previous_figures(previous, c.field, c.reference);
    figures.extend([
        count_figure(
            total,
            if c.field == "empleos" {
                "empleos en las iniciativas"
            } else {
                "empresas en las iniciativas"
            },
        ),
        pct_figure_dec(
            total.and_then(|t| stats::pct(t, national as f64)),
            1,
            &format!("participación nacional {year}"),
        )
        .note(format!(
            "{} {year}: {}",
            c.ref_label,
            numfmt::int(national as i64)
        )),
    ]);
    page.push(Block::Figures(figures));
    page.push(Block::Table(department_table(
        view,
        previous,
        by_department,
        c,
    )));
}

/// Per department, with small-cell protection (a national total is published).
fn department_table(
    view: &OlaView,
    previous: Option<&OlaData>,
    by_department: &ByDepartment,
    c: &Comparison,
) -> DataTable {
    let year = view.ola.config.period();
    let mut names = Vec::new();
    let mut cells = Vec::new();
    for d in &view.project.reference.departments {
        let Some(inits) = by_department.get(d.nombre.as_str()) else {
            continue;
        };
        names.push(d.nombre.clone());
        cells.push(Cell {
            initiatives: inits.len(),
            value: stats::sum(inits, c.field),
        });
    }
    let hidden = suppress::suppressed(&cells, view.min_cell, true);
    let mut rows = Vec::new();
    for ((name, cell), hide) in names.iter().zip(&cells).zip(&hidden) {
        let value = if *hide {
            suppress::RESERVED.to_string()
        } else {
            cell.value
                .map_or(numfmt::SIN_DATO.into(), |v| numfmt::int(v as i64))
        };
        let refv = c.reference.get(&(name.clone(), year)).copied();
        let share = match (cell.value, refv, hide) {
            (Some(v), Some(r), false) => {
                stats::pct(v, r as f64).map_or(numfmt::SIN_DATO.into(), |p| numfmt::pct(p, 1))
            }
            (_, _, true) => suppress::RESERVED.to_string(),
            _ => numfmt::SIN_DATO.into(),
        };
        let mut row = vec![name.clone(), numfmt::int(cell.initiatives as i64)];
        if let Some(p) = previous {
            row.push(previous_department(p, c.field, name));
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
        let noun = if c.field == "empleos" {
            "empleo"
        } else {
            "empresas"
        };
        header.push(format!("{} ({noun})", p.config.etiqueta));
    }
    header.extend([
        view.ola.config.etiqueta.clone(),
        format!("{} {year}", c.ref_label),
        "Participación".into(),
    ]);
    DataTable {
        titulo: format!("{}, por departamento", c.title),
        encabezado: header,
        filas: rows,
        nota: Some(format!(
            "«reservado»: cifra de un departamento con menos de {} iniciativas (o necesaria para no deducirla del total), que no se publica. Fuentes: DANE GEIH; Confecámaras, RUES.",
            view.min_cell
        )),
    }
}

/// A department's total of `field` in the previous ola's published summary.
fn previous_department(previous: &OlaData, field: &str, name: &str) -> String {
    let summary = previous.config.resumen.as_ref();
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
}

fn emergency(view: &OlaView, page: &mut Page) {
    if !(view.has("emergencia_acciones") || view.has("emergencia_iniciativa")) {
        return;
    }
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

/// The previous ola's published total of `field` (its summary) and, when the reference has the
/// national figure of its year, its national share: the III deck's 3.827 companies and 0,5 %.
fn previous_figures(
    previous: Option<&OlaData>,
    field: &str,
    reference: &Reference,
) -> Vec<crate::page::Figure> {
    let Some(p) = previous else {
        return Vec::new();
    };
    let summary = p.config.resumen.as_ref();
    let totals = summary.and_then(|s| {
        if field == "empleos" {
            s.empleos.as_ref()
        } else {
            s.empresas.as_ref()
        }
    });
    let Some(t) = totals else {
        return Vec::new();
    };
    let noun = if field == "empleos" {
        "empleos"
    } else {
        "empresas"
    };
    let mut out = vec![count_figure(
        Some(t.total as f64),
        &format!("{noun} en las iniciativas de la {}", p.config.etiqueta),
    )];
    let year = t.anio_referencia.unwrap_or(p.config.period());
    if let Some(&national) = reference.get(&(NATIONAL.to_string(), year)) {
        out.push(
            pct_figure_dec(
                stats::pct(t.total as f64, national as f64),
                1,
                &format!("participación nacional {year} ({})", p.config.etiqueta),
            )
            .note(format!("de {}", numfmt::int(national as i64))),
        );
    }
    out
}
