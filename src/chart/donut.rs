//! Donut chart with a legend listing each slice's value and share.

use super::format::shares;
use super::layout::{legend_column, wrap, Frame};
use super::palette::{self, text_on};
use super::scene::{Align, Scene, Shape};
use super::text::TextKind;
use super::{Color, Unit};
use crate::numfmt::SIN_DATO;
use std::f64::consts::{FRAC_PI_2, TAU};

const R_OUTER: f64 = 125.0;
const R_INNER: f64 = 78.0;
/// Slices narrower than this share (in points) get no label on the ring; the legend has it.
const MIN_LABELLED: f64 = 5.0;

/// Points of an arc, clockwise from angle `a0` to `a1` (radians, 0 = 3 o'clock, y down).
fn arc(cx: f64, cy: f64, r: f64, a0: f64, a1: f64) -> Vec<(f64, f64)> {
    // About one point per degree keeps the outline smooth at PNG scale.
    let steps = ((a1 - a0) / 1f64.to_radians()).ceil().max(1.0) as usize;
    (0..=steps)
        .map(|i| {
            let a = a0 + (a1 - a0) * i as f64 / steps as f64;
            (cx + r * a.cos(), cy + r * a.sin())
        })
        .collect()
}

/// Legend text of a slice: "Servicios: 39 (51 %)", or just the share when values are already percentages.
pub(crate) fn slice_text(unit: Unit, label: &str, value: f64, share: f64) -> String {
    if unit == Unit::Percent {
        format!("{label}: {}", Unit::Percent.label(share))
    } else {
        format!(
            "{label}: {} ({})",
            unit.label(value),
            Unit::Percent.label(share)
        )
    }
}

pub(crate) fn donut(
    frame: &mut Frame,
    unit: Unit,
    labels: &[String],
    values: &[f64],
    centre: Option<&str>,
) {
    let values: Vec<f64> = (0..labels.len())
        .map(|i| {
            values
                .get(i)
                .copied()
                .filter(|v| v.is_finite())
                .unwrap_or(0.0)
        })
        .collect();
    let parts = shares(&values);
    let colors = palette::for_labels(labels);
    let (cx, cy) = (frame.left() + R_OUTER + 10.0, R_OUTER + 10.0);
    let legend_x = cx + R_OUTER + 40.0;
    let right = frame.right();
    let scene = &mut frame.scene;

    let empty = parts.iter().all(|p| *p == 0.0);
    if empty {
        let mut ring = arc(cx, cy, R_OUTER, 0.0, TAU);
        ring.extend(arc(cx, cy, R_INNER, 0.0, TAU).into_iter().rev());
        scene.shapes.push(Shape::Polygon {
            points: ring,
            fill: palette::MISSING,
        });
    }
    slices(scene, (cx, cy), &parts, &colors);
    let centre_text = if empty { Some(SIN_DATO) } else { centre };
    if let Some(text) = centre_text {
        centre_label(scene, (cx, cy), text);
    }

    let items: Vec<_> = labels
        .iter()
        .enumerate()
        .map(|(i, l)| (slice_text(unit, l, values[i], parts[i]), colors[i]))
        .collect();
    let before = scene.shapes.len();
    let legend_h = legend_column(scene, &items, legend_x, 0.0, right);
    // Centre the legend vertically on the ring when it is shorter than the ring.
    let offset = (cy - legend_h / 2.0).max(0.0);
    for shape in &mut scene.shapes[before..] {
        shape.shift_y(offset);
    }
    frame.body_height = (2.0 * R_OUTER + 20.0).max(legend_h + 20.0);
}

/// The ring's slices, each share over 5 points labelled on it, white seams between them.
fn slices(scene: &mut Scene, (cx, cy): (f64, f64), parts: &[f64], colors: &[Color]) {
    let mut a0 = -FRAC_PI_2;
    let mut seams = Vec::new();
    for (part, color) in parts.iter().zip(colors) {
        if *part <= 0.0 {
            continue;
        }
        let a1 = a0 + part / 100.0 * TAU;
        let mut points = arc(cx, cy, R_OUTER, a0, a1);
        points.extend(arc(cx, cy, R_INNER, a0, a1).into_iter().rev());
        scene.shapes.push(Shape::Polygon {
            points,
            fill: *color,
        });
        if *part >= MIN_LABELLED {
            let (mid, r) = ((a0 + a1) / 2.0, (R_OUTER + R_INNER) / 2.0);
            let text = Unit::Percent.label(*part);
            scene.text_colored(
                cx + r * mid.cos(),
                cy + r * mid.sin(),
                text,
                TextKind::Value,
                Align::Middle,
                text_on(*color),
            );
        }
        seams.push(a0);
        a0 = a1;
    }
    // White seams between slices (not for a single full ring).
    if seams.len() > 1 {
        for a in seams {
            let (c, s) = (a.cos(), a.sin());
            let seam = vec![
                (cx + R_INNER * c, cy + R_INNER * s),
                (cx + R_OUTER * c, cy + R_OUTER * s),
            ];
            scene.line(seam, palette::WHITE, 2.0);
        }
    }
}

/// The centre text of the ring, wrapped and centred on it.
fn centre_label(scene: &mut Scene, (cx, cy): (f64, f64), text: &str) {
    let lines = wrap(text, TextKind::Value, R_INNER * 1.6);
    let line_h = TextKind::Value.line_height();
    let first = cy - (lines.len() as f64 - 1.0) * line_h / 2.0;
    for (i, line) in lines.into_iter().enumerate() {
        scene.text(
            cx,
            first + i as f64 * line_h,
            line,
            TextKind::Value,
            Align::Middle,
        );
    }
}
