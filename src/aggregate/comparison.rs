//! The comparison across olas (I–IV) and the home page's headline figures.

use super::stats;
use crate::chart::{Chart, Kind, Unit};
use crate::dataset::{Dataset, OlaData};
use crate::numfmt;
use crate::page::{Block, DataTable, Figure, Page};

/// (initiatives, departments, companies, jobs) of an ola, from microdata or its summary.
pub fn totals(ola: &OlaData) -> (usize, usize, Option<f64>, Option<f64>) {
    match &ola.config.resumen {
        Some(s) => (
            s.iniciativas as usize,
            s.departamentos.len(),
            s.empresas.as_ref().map(|e| e.total as f64),
            s.empleos.as_ref().map(|e| e.total as f64),
        ),
        None => {
            let inits = ola.categorized();
            (
                inits.len(),
                stats::tally(&inits, "departamento").len(),
                stats::sum(&inits, "empresas_participantes"),
                stats::sum(&inits, "empleos"),
            )
        }
    }
}

pub fn home_figures(ola: &OlaData) -> Vec<Figure> {
    let (n, d, e, j) = totals(ola);
    let opt = |x: Option<f64>| x.map_or(numfmt::SIN_DATO.to_string(), |v| numfmt::int(v as i64));
    vec![
        Figure::new(numfmt::int(n as i64), "iniciativas"),
        Figure::new(numfmt::int(d as i64), "departamentos"),
        Figure::new(opt(e), "empresas"),
        Figure::new(opt(j), "empleos"),
    ]
}

pub fn comparison_page(data: &Dataset) -> Page {
    let mut page = Page::new("comparacion.html", "Comparación entre olas", "seccion.html");
    page.intro = Some("Las olas I y II se conocen por sus cifras agregadas; las olas III y IV, por sus microdatos.".into());
    let olas = &data.olas;
    let labels: Vec<String> = olas
        .iter()
        .map(|o| format!("{} ({})", o.config.etiqueta, o.config.anio))
        .collect();
    let all: Vec<_> = olas.iter().map(totals).collect();
    let opt = |x: Option<f64>| x.map_or(numfmt::SIN_DATO.to_string(), |v| numfmt::int(v as i64));
    let rows = olas
        .iter()
        .zip(&all)
        .map(|(o, (n, d, e, j))| {
            vec![
                o.config.etiqueta.clone(),
                o.config.anio.to_string(),
                numfmt::int(*n as i64),
                numfmt::int(*d as i64),
                opt(*e),
                opt(*j),
            ]
        })
        .collect();
    page.push(Block::Table(DataTable {
        titulo: "Cifras principales de cada ola".into(),
        encabezado: [
            "Ola",
            "Año",
            "Iniciativas",
            "Departamentos",
            "Empresas",
            "Empleos",
        ]
        .map(String::from)
        .to_vec(),
        filas: rows,
        nota: Some("«sin dato»: la ola no publicó esa cifra.".into()),
    }));
    for (i, (name, title, unit)) in [
        ("iniciativas", "Iniciativas cluster por ola", Unit::Count),
        (
            "departamentos",
            "Departamentos con iniciativas por ola",
            Unit::Count,
        ),
        (
            "empresas",
            "Empresas en las iniciativas por ola",
            Unit::Count,
        ),
        (
            "empleos",
            "Empleos en las empresas de las iniciativas por ola",
            Unit::Count,
        ),
    ]
    .into_iter()
    .enumerate()
    {
        let values: Vec<Option<f64>> = all
            .iter()
            .map(|t| match i {
                0 => Some(t.0 as f64),
                1 => Some(t.1 as f64),
                2 => t.2,
                _ => t.3,
            })
            .collect();
        page.chart(Some(Chart {
            id: format!("comparacion-{name}"),
            title: title.into(),
            kind: Kind::Grouped {
                categories: labels.clone(),
                series: vec![title.split(' ').next().unwrap_or(name).to_string()],
                values: vec![values],
            },
            unit,
            note: None,
        }));
    }
    page
}
