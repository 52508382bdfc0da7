//! Tables, CSV, alt text, palette and formatting helpers.

use super::*;

#[test]
fn missing_values_show_sin_dato_and_no_bar() {
    let c = hbar();
    let scene = c.scene();
    assert_eq!(rects(&scene, SERIES[0]).len(), 4);
    assert_eq!(
        texts(&scene).iter().filter(|t| **t == "sin dato").count(),
        1
    );
    assert_eq!(
        c.table().rows[4],
        ["Industrias creativas y culturales", "sin dato"]
    );
    assert!(c
        .alt_text()
        .contains("Industrias creativas y culturales sin dato."));
    assert!(c.svg().contains(">\nsin dato\n</text>"));
    assert!(c.csv().ends_with("Industrias creativas y culturales,\n"));

    let g = grouped();
    // Three bars of "Ola 1" plus its legend swatch.
    assert_eq!(rects(&g.scene(), SERIES[0]).len(), 4);
    assert_eq!(g.table().rows[3][1], "sin dato");
    assert!(g
        .alt_text()
        .contains("Industrias creativas y culturales: Ola 1 sin dato, Ola 2 0,90"));

    let t = tiles();
    let scene = t.scene();
    // Two grey tiles plus the legend swatch.
    assert_eq!(rects(&scene, MISSING).len(), 3);
    assert!(t.alt_text().contains("Chocó sin dato"));
    assert_eq!(t.table().rows[5], ["Chocó", "CHO", "sin dato"]);
}

#[test]
fn csv_is_raw_with_spanish_header() {
    let csv = grouped().csv();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "Categoría,Ola 1,Ola 2,Ola 3");
    assert_eq!(lines[2], "Manufactura,1.5,1.65,1.9");
    assert_eq!(lines[4], "Industrias creativas y culturales,,0.9,1.2");

    let mut c = hbar();
    c.kind = Kind::HBar {
        categories: strings(&["Bogotá, D. C.", "Otro \"grupo\""]),
        values: vec![Some(1234.5), None],
        color: None,
    };
    assert_eq!(
        c.csv(),
        "Categoría,Porcentaje\n\"Bogotá, D. C.\",1234.5\n\"Otro \"\"grupo\"\"\",\n"
    );
    assert_eq!(
        pareto().csv().lines().nth(1),
        Some("Financiación,34,42.5,42.5")
    );
}

#[test]
fn donut_table_legend_and_palette() {
    let c = donut();
    let t = c.table();
    assert_eq!(t.header, ["Categoría", "Número", "Porcentaje del total"]);
    assert_eq!(t.rows[1], ["Nivel 2 En consolidación", "35", "46,1 %"]);
    assert_eq!(t.rows[3], ["Total", "76", "100,0 %"]);
    assert_eq!(
        c.alt_text(),
        "Gráfico de anillo (76 iniciativas): Nivel 1 Básico 20 (26 %), Nivel 2 En consolidación \
         35 (46 %), Nivel 3 Consolidada 21 (28 %). Fuente: SSME, Red Cluster Colombia."
    );
    let scene = c.scene();
    let fills: Vec<Color> = scene
        .shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Polygon { fill, .. } => Some(*fill),
            _ => None,
        })
        .collect();
    assert_eq!(fills, LEVELS.to_vec());
    let labels = texts(&scene);
    assert!(
        labels.contains(&"76 iniciativas")
            && labels.contains(&"Nivel 2 En consolidación: 35 (46 %)")
    );
}

#[test]
fn alt_text_lists_the_data() {
    let mut c = hbar();
    c.note = None;
    assert_eq!(
        c.alt_text(),
        "Gráfico de barras: Servicios 51 %, Manufactura 28 %, Agroindustria 20 %, Recursos para \
         estructura operativa 0,8 %, Industrias creativas y culturales sin dato."
    );
    assert!(stacked()
        .alt_text()
        .contains("Gobernanza: Nivel 1 Básico 20 %, Nivel 2 En consolidación 30 %"));
}

#[test]
fn text_on_palette_colours_is_readable() {
    for c in LEVELS
        .iter()
        .chain(SERIES.iter())
        .chain([palette::SCALE_HIGH, palette::SCALE_LOW, MISSING].iter())
    {
        assert!(
            palette::contrast(palette::text_on(*c), *c) >= 4.0,
            "{}",
            palette::hex(*c)
        );
    }
    assert_eq!(palette::hex(Color(0, 114, 178)), "#0072b2");
}

#[test]
fn axes_use_nice_steps() {
    assert_eq!(
        Axis::for_values(Unit::Count, 34.0),
        Axis {
            top: 40.0,
            step: 10.0
        }
    );
    assert_eq!(
        Axis::for_values(Unit::Count, 3.0),
        Axis {
            top: 3.0,
            step: 1.0
        }
    );
    assert_eq!(
        Axis::for_values(Unit::Percent, 51.0),
        Axis {
            top: 60.0,
            step: 20.0
        }
    );
    assert_eq!(
        Axis::for_values(Unit::Score, 1.9),
        Axis {
            top: 3.0,
            step: 0.5
        }
    );
    assert_eq!(
        Axis::for_values(Unit::Millions, 12_300.0),
        Axis {
            top: 12_500.0,
            step: 2_500.0
        }
    );
    assert_eq!(Unit::Millions.tick(2_500.0, 2_500.0), "2.500");
    assert_eq!(Unit::Score.tick(2.5, 0.5), "2,5");
}

#[test]
fn wrap_keeps_lines_within_width() {
    let text = "Estrategia y hoja de ruta compartida con Supercalifragilisticoespialidoso";
    let lines = wrap(text, TextKind::Label, 120.0);
    assert!(lines.len() > 2);
    assert!(lines.iter().all(|l| TextKind::Label.width(l) <= 120.0));
    assert_eq!(lines.concat().replace(' ', ""), text.replace(' ', ""));
}
