//! Dimension 3: the regional cluster against DANE occupation and RUES companies, with
//! small-cell protection for department figures.

use std::collections::HashMap;

use super::measure::{self, Base, Format, Measure};
use super::suppress::{self, Cell};
use super::{stats, OlaView};
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
    // Initiatives per department, grouped once for both comparisons.
    let mut by_department: HashMap<&str, Vec<&Initiative>> = HashMap::new();
    for i in &view.inits {
        if let Some(d) = i.text("departamento") {
            by_department.entry(d).or_default().push(i);
        }
    }
    let reference = &view.project.reference;
    let comparisons = [
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
    ];
    for c in &comparisons {
        against_reference(view, &mut page, c, previous, &by_department);
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
    if !has_reference(view) {
        super::performance::impacts(view, &mut page);
    }
    page
}

/// One comparison of the initiatives' figure with a reference (DANE occupation, RUES
/// companies).
struct Comparison<'r> {
    field: &'static str,
    reference: &'r std::collections::BTreeMap<(String, i32), u64>,
    title: &'static str,
    ref_label: &'static str,
}

/// The national figures and the table per department of one comparison.
fn against_reference(
    view: &OlaView,
    page: &mut Page,
    c: &Comparison,
    previous: Option<&crate::dataset::OlaData>,
    by_department: &HashMap<&str, Vec<&Initiative>>,
) {
    let (field, reference, title) = (c.field, c.reference, c.title);
    let year = view.ola.config.period();
    if !view.has(field) {
        return;
    }
    // Without the national reference of the period (the IV deck has none) the comparison
    // has nothing to compare with: the section is left out rather than filled with "sin dato".
    let Some(national) = reference.get(&(NATIONAL.to_string(), year)).copied() else {
        return;
    };
    page.heading(title);
    national_figures(view, page, c, previous, national);
    department_table(view, page, c, previous, by_department);
}

/// The initiatives' total and their share of the national reference (with the previous ola's).
fn national_figures(
    view: &OlaView,
    page: &mut Page,
    c: &Comparison,
    previous: Option<&crate::dataset::OlaData>,
    national: u64,
) {
    let (field, reference, ref_label) = (c.field, c.reference, c.ref_label);
    let year = view.ola.config.period();
    let total = measure::sum(&view.inits, field);
    let noun = if field == "empleos" {
        "del empleo"
    } else {
        "de las empresas"
    };
    let share = Measure::new(
        total.value.and_then(|t| measure::pct(t, national as f64)),
        Base::Said(format!(
            "{} de {} ({ref_label} {year})",
            total.text(Format::Count),
            numfmt::int(national as i64)
        )),
    );
    let mut figures = previous_figures(previous, field, reference);
    figures.extend([
        total.figure(
            Format::Count,
            if field == "empleos" {
                "empleos en las iniciativas"
            } else {
                "empresas en las iniciativas"
            },
        ),
        share.figure(
            Format::Percent(1),
            format!("participación nacional {noun} {year}"),
        ),
    ]);
    page.push(Block::Figures(figures));
}

/// Per department, with small-cell protection (a national total is published).
fn department_table(
    view: &OlaView,
    page: &mut Page,
    c: &Comparison,
    previous: Option<&crate::dataset::OlaData>,
    by_department: &HashMap<&str, Vec<&Initiative>>,
) {
    let (field, reference, title) = (c.field, c.reference, c.title);
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
            value: stats::sum(inits, field),
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
        let refv = reference.get(&(name.clone(), year)).copied();
        let share = match (cell.value, refv, hide) {
            (Some(v), Some(r), false) => stats::pct(v, r as f64)
                .map_or(numfmt::SIN_DATO.into(), |p| numfmt::pct_above_zero(p, 1)),
            (_, _, true) => suppress::RESERVED.to_string(),
            _ => numfmt::SIN_DATO.into(),
        };
        let mut row = vec![name.clone(), numfmt::int(cell.initiatives as i64)];
        if previous.is_some() {
            row.push(previous_department(previous, field, name));
        }
        row.extend([
            value,
            refv.map_or(numfmt::SIN_DATO.into(), |r| numfmt::int(r as i64)),
            share,
        ]);
        rows.push(row);
    }
    page.push(Block::Table(DataTable {
        titulo: format!("{title}, por departamento"),
        encabezado: department_header(view, c, previous),
        filas: rows,
        nota: Some(format!(
            "«reservado»: cifra de un departamento con menos de {} iniciativas (o necesaria para no deducirla del total), que no se publica. Fuentes: DANE GEIH; Confecámaras, RUES.",
            view.min_cell
        )),
    }));
}

/// The previous ola's published figure of a department (its summary), or «sin dato».
fn previous_department(
    previous: Option<&crate::dataset::OlaData>,
    field: &str,
    name: &str,
) -> String {
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
}

/// The department table's header: the previous ola's column only when there is one.
fn department_header(
    view: &OlaView,
    c: &Comparison,
    previous: Option<&crate::dataset::OlaData>,
) -> Vec<String> {
    let year = view.ola.config.period();
    let mut header = vec!["Departamento".to_string(), "Iniciativas".to_string()];
    if let Some(p) = previous {
        header.push(format!(
            "{} ({})",
            p.config.etiqueta,
            if c.field == "empleos" {
                "empleo"
            } else {
                "empresas"
            }
        ));
    }
    header.extend([
        view.ola.config.etiqueta.clone(),
        format!("{} {year}", c.ref_label),
        "Participación".into(),
    ]);
    header
}

/// The previous ola's published total of `field` (its summary) and, when the reference has the
/// national figure of its year, its national share: the III deck's 3.827 companies and 0,5 %.
fn previous_figures(
    previous: Option<&crate::dataset::OlaData>,
    field: &str,
    reference: &std::collections::BTreeMap<(String, i32), u64>,
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
    let published = Measure::new(
        Some(t.total as f64),
        Base::Published {
            ola: p.config.etiqueta.clone(),
        },
    );
    let mut out = vec![published.figure(
        Format::Count,
        format!("{noun} en las iniciativas de la {}", p.config.etiqueta),
    )];
    let year = t.anio_referencia.unwrap_or(p.config.period());
    if let Some(&national) = reference.get(&(NATIONAL.to_string(), year)) {
        let share = Measure::new(
            measure::pct(t.total as f64, national as f64),
            Base::Said(format!(
                "{} de {}: cifra publicada de la {} frente al total nacional {year}",
                numfmt::int(t.total as i64),
                numfmt::int(national as i64),
                p.config.etiqueta
            )),
        );
        out.push(share.figure(
            Format::Percent(1),
            format!(
                "participación nacional {} {year} ({})",
                if field == "empleos" {
                    "del empleo"
                } else {
                    "de las empresas"
                },
                p.config.etiqueta
            ),
        ));
    }
    out
}
