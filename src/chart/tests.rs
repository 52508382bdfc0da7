//! Behaviour tests of the charts: data, geometry, escaping, formatting and determinism.

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

/// Renders every kind to `CHART_SAMPLES_DIR` (default /tmp/chart-samples) for a visual check.
#[test]
#[ignore]
fn render_samples() {
    let dir = std::env::var("CHART_SAMPLES_DIR").unwrap_or_else(|_| "/tmp/chart-samples".into());
    std::fs::create_dir_all(&dir).unwrap();
    for c in all().into_iter().chain([departments()]) {
        c.png(&std::path::Path::new(&dir).join(format!("{}.png", c.id)))
            .unwrap();
        std::fs::write(
            std::path::Path::new(&dir).join(format!("{}.svg", c.id)),
            c.svg(),
        )
        .unwrap();
    }
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

#[test]
fn svg_escapes_untrusted_labels() {
    let evil = r#"<script>alert(1)</script> & "Café" <Norte>"#;
    for c in all() {
        let mut c = with_labels(c, evil);
        c.id = r#"x"><script>"#.into();
        let svg = c.svg();
        assert!(!svg.to_lowercase().contains("<script"), "{}", c.title);
        assert!(svg.contains(
            "<title id=\"x&quot;&gt;&lt;script&gt;-title\">&lt;script&gt;alert(1)&lt;/script&gt; \
             &amp; &quot;Café&quot; &lt;Norte&gt;</title>"
        ));
        // Every drawn label is escaped once, never twice.
        assert!(svg.matches("&lt;script&gt;").count() >= 3);
        assert!(!svg.contains("&amp;lt;") && !svg.contains("&amp;amp;"));
        assert!(!svg.contains("<Norte>"));
    }
}

#[test]
fn same_chart_gives_identical_svg_and_png() {
    let dir = tempfile::tempdir().unwrap();
    for c in all() {
        assert_eq!(c.svg(), c.clone().svg());
        let (a, b) = (dir.path().join("a.png"), dir.path().join("b.png"));
        c.png(&a).unwrap();
        c.clone().png(&b).unwrap();
        assert_eq!(
            std::fs::read(&a).unwrap(),
            std::fs::read(&b).unwrap(),
            "{}",
            c.id
        );
    }
}

#[test]
fn png_is_valid_for_every_kind() {
    let dir = tempfile::tempdir().unwrap();
    for c in all() {
        let path = dir.path().join(format!("{}.png", c.id));
        c.png(&path).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
        assert_eq!(&bytes[12..16], b"IHDR");
        let width = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
        let height = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
        assert_eq!(width, PNG_WIDTH);
        assert!(height > 300, "{}: {height}", c.id);
        // Text and shapes make a real image, not a blank canvas.
        assert!(bytes.len() > 20_000, "{}: {} bytes", c.id, bytes.len());
    }
}

#[test]
fn png_refuses_other_extensions() {
    let dir = tempfile::tempdir().unwrap();
    let err = hbar().png(&dir.path().join("grafico.jpg")).unwrap_err();
    assert!(err.to_string().contains(".png"));
}

#[test]
fn svg_is_responsive_and_accessible() {
    let svg = hbar().svg();
    let root = svg.lines().next().unwrap();
    assert!(root.starts_with("<svg "));
    assert!(root.contains("viewBox=\"0 0 800 "));
    assert!(root.contains("width=\"100%\"") && !root.contains("height="));
    assert!(root.contains("role=\"img\""));
    assert!(root.contains("aria-labelledby=\"ola-3-macrosectores-title\""));
    assert!(
        svg.contains("<title id=\"ola-3-macrosectores-title\">Iniciativas por macrosector</title>")
    );
    assert!(svg.contains("<desc id=\"ola-3-macrosectores-desc\">Gráfico de barras: Servicios 51 %"));
    assert!(svg.trim_end().ends_with("</svg>"));
}

#[test]
fn pareto_cumulative_line_reaches_100() {
    let c = pareto();
    let table = c.table();
    assert_eq!(table.header[3], "Acumulado");
    assert_eq!(table.rows[0][3], "42,5 %"); // 34 of 80
    assert_eq!(table.rows[5][3], "100,0 %");
    assert_eq!(table.rows[6], ["Total", "80", "100,0 %", ""]);
    assert!(c.alt_text().contains("Otros 2 (acumulado 100 %)"));

    let scene = c.scene();
    let points: Vec<(f64, f64)> = scene
        .shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Circle { x, y, .. } => Some((*x, *y)),
            _ => None,
        })
        .collect();
    assert_eq!(points.len(), 6);
    // The last point sits on the 100 % tick of the right axis, the first at 42,5 % of the way.
    let tick_y = |text: &str| {
        scene.shapes.iter().find_map(|s| match s {
            Shape::Text(l) if l.text == text => Some(l.y),
            _ => None,
        })
    };
    let (y100, y0) = (tick_y("100 %").unwrap(), tick_y("0 %").unwrap());
    assert!((points[5].1 - y100).abs() < 1e-9);
    assert!((points[0].1 - (y0 + (y100 - y0) * 0.425)).abs() < 1e-9);
    assert!(points
        .windows(2)
        .all(|w| w[1].1 <= w[0].1 && w[1].0 > w[0].0));
}

#[test]
fn stacked_segments_are_proportional_per_row() {
    let scene = stacked().scene();
    // Bars are taller than legend swatches.
    let bars = |color| -> Vec<(f64, f64, f64, f64)> {
        rects(&scene, color)
            .into_iter()
            .filter(|r| r.3 - r.1 > 14.0)
            .collect()
    };
    let (l1, l2, l3) = (bars(LEVELS[0]), bars(LEVELS[1]), bars(LEVELS[2]));
    // Rows 1, 2, 3 and 5 have data; "Sin respuestas" has no bar at all.
    assert_eq!((l1.len(), l2.len(), l3.len()), (4, 4, 4));
    let width = |r: &(f64, f64, f64, f64)| r.2 - r.0;
    let full = width(&l1[0]) + width(&l2[0]) + width(&l3[0]);
    for (i, expected) in [[20.0, 30.0, 50.0], [61.0, 27.0, 12.0], [3.0, 45.0, 52.0]]
        .iter()
        .enumerate()
    {
        let row = [width(&l1[i]), width(&l2[i]), width(&l3[i])];
        for (w, e) in row.iter().zip(expected) {
            assert!((w / full * 100.0 - e).abs() < 1e-9, "row {i}: {row:?}");
        }
        // Segments are contiguous: each starts where the previous ends.
        assert!((l2[i].0 - l1[i].2).abs() < 1e-9 && (l3[i].0 - l2[i].2).abs() < 1e-9);
    }
    let labels = texts(&scene);
    assert!(labels.contains(&"61 %") && labels.contains(&"sin dato"));
    // 3 % is far too narrow for its label; the table still has it.
    assert!(!labels.contains(&"3 %"));
    assert_eq!(stacked().table().rows[2][1], "3,0 %");
}

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
fn numbers_are_colombian_in_svg() {
    let mut c = hbar();
    c.unit = Unit::Count;
    c.kind = Kind::HBar {
        categories: strings(&["Empleos", "Empresas"]),
        values: vec![Some(582_791.0), Some(12_684.0)],
        color: None,
    };
    let svg = c.svg();
    assert!(svg.contains("582.791") && svg.contains("12.684"));
    assert!(!svg.contains("582791"));

    let svg = grouped().svg();
    assert!(svg.contains(">\n1,65\n<") && svg.contains(">\n2,5\n<"));
    assert!(!svg.contains(">\n1.65\n<"));
    assert!(hbar().svg().contains(">\n0,8 %\n<"));
    assert!(pareto().svg().contains(">\n100 %\n<"));
    assert!(tiles().svg().contains(">\n1.234\n<"));
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

/// Horizontal extent of a label.
fn extent(l: &scene::Label) -> (f64, f64) {
    let w = text_width(&l.text, l.size, l.bold);
    match l.align {
        Align::Start => (l.x, l.x + w),
        Align::Middle => (l.x - w / 2.0, l.x + w / 2.0),
        Align::End => (l.x - w, l.x),
    }
}

fn assert_inside(scene: &Scene, id: &str) {
    for shape in &scene.shapes {
        if let Shape::Text(l) = shape {
            let (a, b, limit) = if l.vertical {
                // Rotated labels are end-aligned at the axis and hang downwards.
                assert_eq!(l.align, Align::End);
                (l.y, l.y + text_width(&l.text, l.size, l.bold), scene.height)
            } else {
                let (a, b) = extent(l);
                (a, b, scene.width)
            };
            assert!(
                a >= 0.0 && b <= limit,
                "{id}: {:?} out of 0..{limit}",
                l.text
            );
        }
    }
}

#[test]
fn labels_stay_inside_the_canvas() {
    let long = "Recursos para estructura operativa y financiera del clúster";
    for c in all()
        .into_iter()
        .chain(all().into_iter().map(|c| with_labels(c, long)))
    {
        assert_inside(&c.scene(), &c.id);
    }
    // Category labels end before the bars start.
    let scene = with_labels(hbar(), long).scene();
    let bar_x = rects(&scene, SERIES[0])[0].0;
    for shape in &scene.shapes {
        if let Shape::Text(l) = shape {
            if l.align == Align::End {
                assert!(extent(l).1 < bar_x);
            }
        }
    }
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

#[test]
fn many_categories_widen_the_chart_and_rotate_labels() {
    let c = departments();
    let scene = c.scene();
    assert!(scene.width > 800.0);
    // The PNG widens too, so its text stays as large as in standard charts.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.png");
    c.png(&path).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let width = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
    assert_eq!(width, (scene.width * 1.5).round() as u32);
    let vertical = scene
        .shapes
        .iter()
        .filter(|s| matches!(s, Shape::Text(l) if l.vertical))
        .count();
    assert_eq!(vertical, 33);
    // Rotated labels hang below the axis and fit in the height.
    for shape in &scene.shapes {
        if let Shape::Text(l) = shape {
            if l.vertical {
                assert!(l.y + text_width(&l.text, l.size, l.bold) < scene.height);
            }
        }
    }
    assert_inside(&scene, "departamentos");
}

#[test]
fn tiles_shade_higher_values_darker() {
    let scene = tiles().scene();
    let fill_of = |label: &str| {
        let at = scene
            .shapes
            .iter()
            .position(|s| matches!(s, Shape::Text(l) if l.text == label))
            .unwrap();
        match &scene.shapes[at - 1] {
            Shape::Rect { fill, .. } => *fill,
            other => panic!("{other:?}"),
        }
    };
    let light = palette::contrast(fill_of("LAG"), palette::WHITE);
    let dark = palette::contrast(fill_of("AMA"), palette::WHITE);
    assert!(dark > light * 3.0);
    assert_eq!(fill_of("AMA"), palette::SCALE_HIGH);
    assert_eq!(fill_of("CHO"), MISSING);
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
