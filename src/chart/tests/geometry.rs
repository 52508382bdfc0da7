//! Geometry of the laid-out scenes: proportions, positions, nothing clipped.

use super::*;

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

#[test]
fn many_categories_widen_the_chart_and_rotate_labels() {
    let c = departments();
    let scene = c.scene();
    assert!(scene.width > 800.0);
    // The PNG widens too, so its text stays as large as in standard charts.
    let (info, _) = decode(&c.png().unwrap());
    assert_eq!(info.width, (scene.width * 1.5).round() as u32);
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
