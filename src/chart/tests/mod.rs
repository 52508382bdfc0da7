//! Behaviour tests of the charts: fixtures here; output (SVG/PNG), geometry and data tests below.

mod data;
mod geometry;
mod output;
mod picture;

use super::format::Axis;
use super::layout::wrap;
use super::palette::{self, LEVELS, MISSING, SERIES};
use super::scene::{Align, Scene, Shape};
use super::text::{text_width, TextKind};
use super::*;

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn chart(id: &str, title: &str, unit: Unit, kind: Kind) -> Chart {
    Chart {
        id: id.into(),
        title: title.into(),
        kind,
        unit,
        note: Some("Fuente: SSME, Red Cluster Colombia.".into()),
    }
}

fn hbar() -> Chart {
    chart(
        "ola-3-macrosectores",
        "Iniciativas por macrosector",
        Unit::Percent,
        Kind::HBar {
            categories: strings(&[
                "Servicios",
                "Manufactura",
                "Agroindustria",
                "Recursos para estructura operativa",
                "Industrias creativas y culturales",
            ]),
            values: vec![Some(51.0), Some(28.0), Some(20.2), Some(0.8), None],
            color: None,
        },
    )
}

fn stacked() -> Chart {
    chart(
        "ola-3-variables",
        "Nivel de madurez por variable",
        Unit::Percent,
        Kind::Stacked {
            rows: strings(&[
                "Gobernanza",
                "Recursos para estructura operativa",
                "Estrategia y hoja de ruta compartida",
                "Sin respuestas",
                "Articulación con la academia",
            ]),
            series: strings(&[
                "Nivel 1 Básico",
                "Nivel 2 En consolidación",
                "Nivel 3 Consolidada",
            ]),
            values: vec![
                vec![20.0, 30.0, 50.0],
                vec![61.0, 27.0, 12.0],
                vec![3.0, 45.0, 52.0],
                vec![0.0, 0.0, 0.0],
                vec![33.3, 33.3, 33.4],
            ],
            colors: LEVELS.to_vec(),
        },
    )
}

fn donut() -> Chart {
    chart(
        "ola-3-niveles",
        "Distribución de iniciativas por nivel",
        Unit::Count,
        Kind::Donut {
            labels: strings(&[
                "Nivel 1 Básico",
                "Nivel 2 En consolidación",
                "Nivel 3 Consolidada",
            ]),
            values: vec![20.0, 35.0, 21.0],
            centre: Some("76 iniciativas".into()),
        },
    )
}

fn grouped() -> Chart {
    chart(
        "macrosectores-por-ola",
        "Puntaje promedio por macrosector y ola",
        Unit::Score,
        Kind::Grouped {
            categories: strings(&[
                "Servicios",
                "Manufactura",
                "Agroindustria",
                "Industrias creativas y culturales",
            ]),
            series: strings(&["Ola 1", "Ola 2", "Ola 3"]),
            values: vec![
                vec![Some(1.2), Some(1.5), Some(1.1), None],
                vec![Some(1.4), Some(1.65), Some(1.3), Some(0.9)],
                vec![Some(1.8), Some(1.9), Some(1.55), Some(1.2)],
            ],
        },
    )
}

fn pareto() -> Chart {
    chart(
        "obstaculos",
        "Principales obstáculos reportados",
        Unit::Count,
        Kind::Pareto {
            categories: strings(&[
                "Financiación",
                "Articulación",
                "Capital humano",
                "Regulación",
                "Infraestructura",
                "Otros",
            ]),
            values: vec![34.0, 21.0, 12.0, 7.0, 4.0, 2.0],
        },
    )
}

fn tiles() -> Chart {
    let tile = |label: &str, name: &str, row, col, value| Tile {
        label: label.into(),
        name: name.into(),
        row,
        col,
        value,
    };
    chart(
        "mapa-departamentos",
        "Iniciativas por departamento",
        Unit::Count,
        Kind::Tiles {
            tiles: vec![
                tile("LAG", "La Guajira", 0, 3, Some(1.0)),
                tile("ATL", "Atlántico", 1, 2, Some(4.0)),
                tile("MAG", "Magdalena", 1, 3, None),
                tile("ANT", "Antioquia", 3, 1, Some(12.0)),
                tile("SAN", "Santander", 3, 3, Some(6.0)),
                tile("CHO", "Chocó", 3, 0, None),
                tile("CUN", "Cundinamarca", 4, 2, Some(3.0)),
                tile("BOG", "Bogotá D. C.", 4, 3, Some(15.0)),
                tile("VAC", "Valle del Cauca", 5, 1, Some(8.0)),
                tile("AMA", "Amazonas", 8, 3, Some(1_234.0)),
            ],
        },
    )
}

fn all() -> Vec<Chart> {
    vec![hbar(), stacked(), donut(), grouped(), pareto(), tiles()]
}

fn texts(scene: &Scene) -> Vec<&str> {
    scene
        .shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Text(l) => Some(l.text.as_str()),
            _ => None,
        })
        .collect()
}

fn rects(scene: &Scene, fill: Color) -> Vec<(f64, f64, f64, f64)> {
    scene
        .shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Rect {
                x0,
                y0,
                x1,
                y1,
                fill: f,
            } if *f == fill => Some((*x0, *y0, *x1, *y1)),
            _ => None,
        })
        .collect()
}

/// A PNG decoded to 8-bit RGB pixels.
fn decode(png: &[u8]) -> (png::OutputInfo, Vec<u8>) {
    let mut reader = png::Decoder::new(std::io::Cursor::new(png))
        .read_info()
        .unwrap();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut pixels).unwrap();
    assert_eq!(info.color_type, png::ColorType::Rgb);
    pixels.truncate(info.buffer_size());
    (info, pixels)
}

/// Sets every label of a chart (title, categories, series, tiles) to `text`.
fn with_labels(mut c: Chart, text: &str) -> Chart {
    let set = |v: &mut Vec<String>| v.iter_mut().for_each(|s| *s = text.to_string());
    c.title = text.into();
    c.note = Some(text.into());
    match &mut c.kind {
        Kind::HBar { categories, .. } | Kind::Pareto { categories, .. } => set(categories),
        Kind::Stacked { rows, series, .. } => {
            set(rows);
            set(series);
        }
        Kind::Donut { labels, centre, .. } => {
            set(labels);
            *centre = Some(text.into());
        }
        Kind::Grouped {
            categories, series, ..
        } => {
            set(categories);
            set(series);
        }
        Kind::Tiles { tiles } => tiles.iter_mut().for_each(|t| {
            t.label = text.into();
            t.name = text.into();
        }),
    }
    c
}

/// 33 departments × 2 olas: too many for horizontal labels.
fn departments() -> Chart {
    let names: Vec<String> = (0..33)
        .map(|i| match i % 3 {
            0 => format!("Norte de Santander {i}"),
            1 => format!("Valle {i}"),
            _ => format!("San Andrés y Providencia {i}"),
        })
        .collect();
    chart(
        "departamentos",
        "Iniciativas por departamento y ola",
        Unit::Count,
        Kind::Grouped {
            categories: names,
            series: strings(&["Ola 1", "Ola 2"]),
            values: vec![
                (0..33).map(|i| Some((i % 7) as f64)).collect(),
                (0..33).map(|i| Some((i % 5 + 1) as f64)).collect(),
            ],
        },
    )
}
