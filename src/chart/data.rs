//! The chart's data as a formatted table, a CSV and alt text. Table and CSV come from one
//! grid of cells so they can never disagree.

use super::donut::slice_text;
use super::format::{cumulative, raw, shares};
use super::{Chart, Kind, Table, Unit};
use crate::numfmt::SIN_DATO;

enum Cell {
    Text(String),
    Value(Option<f64>, Unit),
}

impl Cell {
    fn formatted(&self) -> String {
        match self {
            Cell::Text(t) => t.clone(),
            Cell::Value(Some(v), unit) => unit.exact(*v),
            Cell::Value(None, _) => SIN_DATO.to_string(),
        }
    }

    fn raw(&self) -> String {
        match self {
            Cell::Text(t) => t.clone(),
            Cell::Value(Some(v), _) => raw(*v),
            Cell::Value(None, _) => String::new(),
        }
    }
}

struct Grid {
    header: Vec<String>,
    rows: Vec<Vec<Cell>>,
    /// A "Total" row for people; machines can sum the CSV themselves.
    total: Option<Vec<Cell>>,
}

fn finite(v: Option<f64>) -> Option<f64> {
    v.filter(|v| v.is_finite())
}

fn text(s: &str) -> Cell {
    Cell::Text(s.to_string())
}

/// One row per name, one column per series; `value(row, series)` reads the chart's matrix in
/// whichever orientation its kind stores it.
fn matrix(
    names: &[String],
    series: &[String],
    unit: Unit,
    value: impl Fn(usize, usize) -> Option<f64>,
) -> Grid {
    Grid {
        header: std::iter::once("Categoría".to_string())
            .chain(series.iter().cloned())
            .collect(),
        rows: names
            .iter()
            .enumerate()
            .map(|(r, name)| {
                let cells = (0..series.len()).map(|c| Cell::Value(finite(value(r, c)), unit));
                std::iter::once(text(name)).chain(cells).collect()
            })
            .collect(),
        total: None,
    }
}

fn grid(chart: &Chart) -> Grid {
    let unit = chart.unit;
    let caption = unit.caption().to_string();
    match &chart.kind {
        Kind::HBar {
            categories, values, ..
        } => Grid {
            header: vec!["Categoría".into(), caption],
            rows: categories
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    vec![
                        text(c),
                        Cell::Value(finite(values.get(i).copied().flatten()), unit),
                    ]
                })
                .collect(),
            total: None,
        },
        Kind::Stacked {
            rows,
            series,
            values,
            ..
        } => matrix(rows, series, unit, |r, c| {
            values.get(r).and_then(|row| row.get(c)).copied()
        }),
        Kind::Donut { labels, values, .. }
        | Kind::Pareto {
            categories: labels,
            values,
        } => parts_grid(
            labels,
            values,
            unit,
            matches!(chart.kind, Kind::Pareto { .. }),
        ),
        Kind::Grouped {
            categories,
            series,
            values,
        } => matrix(categories, series, unit, |r, c| {
            values
                .get(c)
                .and_then(|column| column.get(r))
                .copied()
                .flatten()
        }),
        Kind::Tiles { tiles } => Grid {
            header: vec!["Departamento".into(), "Sigla".into(), caption],
            rows: tiles
                .iter()
                .map(|t| {
                    vec![
                        text(&t.name),
                        text(&t.label),
                        Cell::Value(finite(t.value), unit),
                    ]
                })
                .collect(),
            total: None,
        },
    }
}

/// A chart of the parts of a whole (donut, Pareto): each part, its share and, for a Pareto,
/// the running total; then the total.
fn parts_grid(labels: &[String], values: &[f64], unit: Unit, pareto: bool) -> Grid {
    let caption = unit.caption().to_string();
    let share_header = "Porcentaje del total".to_string();
    let values: Vec<f64> = (0..labels.len())
        .map(|i| finite(values.get(i).copied()).unwrap_or(0.0))
        .collect();
    let parts = shares(&values);
    let cum = cumulative(&values);
    // A chart already in percent needs no second, identical «Porcentaje del total».
    let with_share = unit != Unit::Percent;
    let mut header = vec!["Categoría".into(), caption];
    if with_share {
        header.push(share_header);
    }
    if pareto {
        header.push("Acumulado".into());
    }
    let rows = labels
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let mut row = vec![text(l), Cell::Value(Some(values[i]), unit)];
            if with_share {
                row.push(Cell::Value(Some(parts[i]), Unit::Percent));
            }
            if pareto {
                row.push(Cell::Value(Some(cum[i]), Unit::Percent));
            }
            row
        })
        .collect();
    let sum: f64 = values.iter().sum();
    let total_share = if sum > 0.0 { 100.0 } else { 0.0 };
    let mut total = vec![text("Total"), Cell::Value(Some(sum), unit)];
    if with_share {
        total.push(Cell::Value(Some(total_share), Unit::Percent));
    }
    if pareto {
        total.push(text(""));
    }
    Grid {
        header,
        rows,
        total: Some(total),
    }
}

pub(crate) fn table(chart: &Chart) -> Table {
    let grid = grid(chart);
    let format_row = |row: &Vec<Cell>| row.iter().map(Cell::formatted).collect::<Vec<_>>();
    let mut rows: Vec<Vec<String>> = grid.rows.iter().map(format_row).collect();
    rows.extend(grid.total.as_ref().map(format_row));
    Table {
        header: grid.header,
        rows,
    }
}

pub(crate) fn csv(chart: &Chart) -> String {
    let grid = grid(chart);
    let mut writer = crate::csvfile::Writer::in_memory();
    // Writing records into a Vec cannot fail.
    writer.write_record(&grid.header).expect("CSV into memory");
    for row in &grid.rows {
        writer
            .write_record(row.iter().map(Cell::raw))
            .expect("CSV into memory");
    }
    let bytes = writer.into_inner().expect("CSV into memory");
    String::from_utf8(bytes).expect("CSV of UTF-8 strings is UTF-8")
}

fn shown(unit: Unit, v: Option<f64>) -> String {
    finite(v).map_or(SIN_DATO.to_string(), |v| unit.label(v))
}

pub(crate) fn alt_text(chart: &Chart) -> String {
    let unit = chart.unit;
    let mut out = match &chart.kind {
        Kind::HBar {
            categories, values, ..
        } => {
            let items: Vec<String> = categories
                .iter()
                .enumerate()
                .map(|(i, c)| format!("{c} {}", shown(unit, values.get(i).copied().flatten())))
                .collect();
            format!("Gráfico de barras: {}.", items.join(", "))
        }
        Kind::Stacked {
            rows,
            series,
            values,
            ..
        } => alt_stacked(unit, rows, series, values),
        Kind::Donut {
            labels,
            values,
            centre,
        } => alt_donut(unit, labels, values, centre.as_deref()),
        Kind::Grouped {
            categories,
            series,
            values,
        } => alt_grouped(unit, categories, series, values),
        Kind::Pareto { categories, values } => alt_pareto(unit, categories, values),
        Kind::Tiles { tiles } => {
            let items: Vec<String> = tiles
                .iter()
                .map(|t| format!("{} {}", t.name, shown(unit, t.value)))
                .collect();
            format!("Mapa de Colombia por departamentos: {}.", items.join(", "))
        }
    };
    if let Some(note) = chart
        .note
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        out.push(' ');
        out.push_str(note);
    }
    out
}

fn alt_stacked(unit: Unit, rows: &[String], series: &[String], values: &[Vec<f64>]) -> String {
    let rows: Vec<String> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let parts: Vec<String> = series
                .iter()
                .enumerate()
                .map(|(j, s)| {
                    format!(
                        "{s} {}",
                        shown(unit, values.get(i).and_then(|row| row.get(j)).copied())
                    )
                })
                .collect();
            format!("{r}: {}.", parts.join(", "))
        })
        .collect();
    format!("Gráfico de barras apiladas al 100 %. {}", rows.join(" "))
}

fn alt_donut(unit: Unit, labels: &[String], values: &[f64], centre: Option<&str>) -> String {
    let clean: Vec<f64> = (0..labels.len())
        .map(|i| finite(values.get(i).copied()).unwrap_or(0.0))
        .collect();
    let parts = shares(&clean);
    let items: Vec<String> = labels
        .iter()
        .enumerate()
        .map(|(i, l)| slice_text(unit, l, clean[i], parts[i]).replacen(": ", " ", 1))
        .collect();
    let centre = centre.map(|c| format!(" ({c})")).unwrap_or_default();
    format!("Gráfico de anillo{centre}: {}.", items.join(", "))
}

fn alt_grouped(
    unit: Unit,
    categories: &[String],
    series: &[String],
    values: &[Vec<Option<f64>>],
) -> String {
    let groups: Vec<String> = categories
        .iter()
        .enumerate()
        .map(|(c, name)| {
            let parts: Vec<String> = series
                .iter()
                .enumerate()
                .map(|(s, sname)| {
                    format!(
                        "{sname} {}",
                        shown(
                            unit,
                            values.get(s).and_then(|row| row.get(c)).copied().flatten()
                        )
                    )
                })
                .collect();
            format!("{name}: {}.", parts.join(", "))
        })
        .collect();
    format!("Gráfico de barras agrupadas. {}", groups.join(" "))
}

fn alt_pareto(unit: Unit, categories: &[String], values: &[f64]) -> String {
    let clean: Vec<f64> = (0..categories.len())
        .map(|i| finite(values.get(i).copied()).unwrap_or(0.0))
        .collect();
    let cum = cumulative(&clean);
    let items: Vec<String> = categories
        .iter()
        .enumerate()
        .map(|(i, c)| {
            format!(
                "{c} {} (acumulado {})",
                unit.label(clean[i]),
                Unit::Percent.label(cum[i])
            )
        })
        .collect();
    format!("Gráfico de Pareto: {}.", items.join(", "))
}
