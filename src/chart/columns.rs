//! Vertical kinds: grouped bars and Pareto (bars plus cumulative line on a right axis).

use super::format::{cumulative, Axis};
use super::layout::{gridline, legend, widest, wrap, Frame, PAD};
use super::palette;
use super::scene::{Align, Label, Scene, Shape, WIDTH};
use super::text::TextKind;
use super::{Color, Unit};

/// Height of the plotting area.
const PLOT_H: f64 = 300.0;
/// Cumulative-line colour of Pareto charts, distinct from the bars.
const LINE: Color = palette::SERIES[5];

/// How category names fit under their slots.
struct XLabels {
    lines: Vec<Vec<String>>,
    /// True when names are too long for their slots and are drawn rotated instead.
    vertical: bool,
    height: f64,
}

fn plan_x_labels(categories: &[String], slot: f64) -> XLabels {
    let max = slot - 6.0;
    let words_fit = categories
        .iter()
        .flat_map(|c| c.split_whitespace())
        .all(|w| TextKind::Label.width(w) <= max);
    let lines: Vec<Vec<String>> = categories
        .iter()
        .map(|c| wrap(c, TextKind::Label, max))
        .collect();
    let most = lines.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let line_h = TextKind::Label.line_height();
    if words_fit && most <= 3 {
        XLabels {
            lines,
            vertical: false,
            height: most as f64 * line_h + 10.0,
        }
    } else {
        let height = widest(categories, TextKind::Label) + 14.0;
        let lines = categories.iter().map(|c| vec![c.clone()]).collect();
        XLabels {
            lines,
            vertical: true,
            height,
        }
    }
}

fn draw_x_labels(scene: &mut Scene, plan: &XLabels, centres: &[f64], y: f64) {
    let line_h = TextKind::Label.line_height();
    for (lines, x) in plan.lines.iter().zip(centres) {
        if plan.vertical {
            let (size, bold, color) = TextKind::Label.spec();
            scene.shapes.push(Shape::Text(Label {
                x: *x,
                y: y + 8.0,
                text: lines.join(" "),
                size,
                bold,
                color,
                align: Align::End,
                vertical: true,
            }));
        } else {
            for (i, line) in lines.iter().enumerate() {
                let mid = y + 6.0 + line_h / 2.0 + i as f64 * line_h;
                scene.text(*x, mid, line.clone(), TextKind::Label, Align::Middle);
            }
        }
    }
}

/// Maps a value to y in a plot from `top` (axis top value) to `top + PLOT_H` (zero).
fn y_of(axis: Axis, top: f64, v: f64) -> f64 {
    top + PLOT_H * (1.0 - (v.max(0.0) / axis.top).min(1.0))
}

/// Which side of the plot a value axis is on.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    /// Main axis: labels on the left, with gridlines across the plot.
    Left,
    /// Secondary axis (Pareto percentages): labels only.
    Right,
}

/// Tick labels (and gridlines for the main axis) of a value axis of the plot spanning `x0..x1`.
fn value_axis(
    scene: &mut Scene,
    axis: Axis,
    unit: Unit,
    (x0, x1): (f64, f64),
    top: f64,
    side: Side,
) {
    for tick in axis.ticks() {
        let y = y_of(axis, top, tick);
        let text = unit.tick(tick, axis.step);
        match side {
            Side::Left => {
                gridline(scene, x0, x1, y);
                scene.text(x0 - 8.0, y, text, TextKind::Tick, Align::End);
            }
            Side::Right => scene.text(x1 + 8.0, y, text, TextKind::Tick, Align::Start),
        }
    }
}

fn tick_width(axis: Axis, unit: Unit) -> f64 {
    let labels: Vec<String> = axis
        .ticks()
        .iter()
        .map(|t| unit.tick(*t, axis.step))
        .collect();
    widest(&labels, TextKind::Tick)
}

/// Compact value label over a bar, drawn only when it fits the bar's width.
fn bar_value(scene: &mut Scene, x: f64, y: f64, text: String) {
    scene.text_colored(
        x,
        y - 9.0,
        text,
        TextKind::Tick,
        Align::Middle,
        palette::INK,
    );
}

pub(crate) fn grouped(
    frame: &mut Frame,
    unit: Unit,
    categories: &[String],
    series: &[String],
    values: &[Vec<Option<f64>>],
) {
    let n_series = series.len().max(1);
    let value = |s: usize, c: usize| {
        values
            .get(s)
            .and_then(|row| row.get(c))
            .copied()
            .flatten()
            .filter(|v| v.is_finite())
    };
    let max = (0..n_series)
        .flat_map(|s| (0..categories.len()).filter_map(move |c| value(s, c)))
        .fold(0.0, f64::max);
    let axis = Axis::for_values(unit, max);
    let plot_x0 = frame.left() + tick_width(axis, unit) + 10.0;
    // Many categories widen the chart (the SVG scales down) instead of squeezing bars.
    let min_slot = (n_series as f64 * 14.0 + 12.0).max(40.0);
    let needed = plot_x0 + categories.len() as f64 * min_slot + PAD;
    frame.scene.width = WIDTH.max(needed.ceil());
    let plot_x1 = frame.right();
    let items: Vec<(String, Color)> = series
        .iter()
        .enumerate()
        .map(|(i, s)| (s.clone(), palette::series(i)))
        .collect();
    let scene = &mut frame.scene;
    let top = if series.len() > 1 {
        legend(scene, &items, plot_x0, 0.0, plot_x1) + 16.0
    } else {
        12.0
    };
    value_axis(scene, axis, unit, (plot_x0, plot_x1), top, Side::Left);
    let slot = (plot_x1 - plot_x0) / categories.len().max(1) as f64;
    let group_w = slot * 0.78;
    let bar_w = group_w / n_series as f64;
    let labels_fit = (0..n_series)
        .flat_map(|s| (0..categories.len()).filter_map(move |c| value(s, c)))
        .all(|v| TextKind::Tick.width(&unit.label(v)) <= bar_w + 1.0);
    let mut centres = Vec::new();
    for c in 0..categories.len() {
        let slot_x = plot_x0 + c as f64 * slot;
        centres.push(slot_x + slot / 2.0);
        for s in 0..n_series {
            let Some(v) = value(s, c) else { continue };
            let x = slot_x + (slot - group_w) / 2.0 + s as f64 * bar_w;
            let y = y_of(axis, top, v);
            // One pixel of white between neighbouring bars of a group.
            scene.rect(x, y, x + bar_w - 1.0, top + PLOT_H, palette::series(s));
            if labels_fit {
                bar_value(scene, x + bar_w / 2.0 - 0.5, y, unit.label(v));
            }
        }
    }
    scene.line(
        vec![(plot_x0, top + PLOT_H), (plot_x1, top + PLOT_H)],
        palette::AXIS,
        1.0,
    );
    let plan = plan_x_labels(categories, slot);
    draw_x_labels(scene, &plan, &centres, top + PLOT_H);
    frame.body_height = top + PLOT_H + plan.height;
}

pub(crate) fn pareto(frame: &mut Frame, unit: Unit, categories: &[String], values: &[f64]) {
    let values: Vec<f64> = (0..categories.len())
        .map(|i| {
            values
                .get(i)
                .copied()
                .filter(|v| v.is_finite())
                .unwrap_or(0.0)
        })
        .collect();
    let cum = cumulative(&values);
    let axis = Axis::for_values(unit, values.iter().copied().fold(0.0, f64::max));
    let pct_axis = Axis {
        top: 100.0,
        step: 20.0,
    };
    let plot_x0 = frame.left() + tick_width(axis, unit) + 10.0;
    let needed =
        plot_x0 + categories.len() as f64 * 36.0 + tick_width(pct_axis, Unit::Percent) + 10.0 + PAD;
    frame.scene.width = WIDTH.max(needed.ceil());
    let plot_x1 = frame.right() - tick_width(pct_axis, Unit::Percent) - 10.0;
    let items = vec![
        (unit.caption().to_string(), palette::SERIES[0]),
        ("Acumulado".to_string(), LINE),
    ];
    let scene = &mut frame.scene;
    let top = legend(scene, &items, plot_x0, 0.0, plot_x1) + 16.0;
    value_axis(scene, axis, unit, (plot_x0, plot_x1), top, Side::Left);
    value_axis(
        scene,
        pct_axis,
        Unit::Percent,
        (plot_x0, plot_x1),
        top,
        Side::Right,
    );
    let slot = (plot_x1 - plot_x0) / categories.len().max(1) as f64;
    let centres = pareto_bars(scene, unit, axis, &values, (plot_x0, slot), top);
    let points: Vec<(f64, f64)> = centres
        .iter()
        .zip(&cum)
        .map(|(centre, c)| (*centre, y_of(pct_axis, top, *c)))
        .collect();
    cumulative_line(scene, points, (plot_x0, plot_x1), top);
    let plan = plan_x_labels(categories, slot);
    draw_x_labels(scene, &plan, &centres, top + PLOT_H);
    frame.body_height = top + PLOT_H + plan.height;
}

/// The Pareto's bars, with their values when every value fits its slot. Returns each bar's centre.
fn pareto_bars(
    scene: &mut Scene,
    unit: Unit,
    axis: Axis,
    values: &[f64],
    (plot_x0, slot): (f64, f64),
    top: f64,
) -> Vec<f64> {
    let bar_w = slot * 0.64;
    let labels_fit = values
        .iter()
        .all(|v| TextKind::Tick.width(&unit.label(*v)) <= slot - 4.0);
    let mut centres = Vec::new();
    for (i, v) in values.iter().enumerate() {
        let centre = plot_x0 + (i as f64 + 0.5) * slot;
        centres.push(centre);
        let y = y_of(axis, top, *v);
        if *v > 0.0 {
            scene.rect(
                centre - bar_w / 2.0,
                y,
                centre + bar_w / 2.0,
                top + PLOT_H,
                palette::SERIES[0],
            );
        }
        if labels_fit {
            bar_value(scene, centre, y, unit.label(*v));
        }
    }
    centres
}

/// The base and right axis lines, then the cumulative percentage as a line with dots.
fn cumulative_line(
    scene: &mut Scene,
    points: Vec<(f64, f64)>,
    (plot_x0, plot_x1): (f64, f64),
    top: f64,
) {
    scene.line(
        vec![(plot_x0, top + PLOT_H), (plot_x1, top + PLOT_H)],
        palette::AXIS,
        1.0,
    );
    scene.line(
        vec![(plot_x1, top), (plot_x1, top + PLOT_H)],
        palette::AXIS,
        1.0,
    );
    if !points.is_empty() {
        scene.line(points.clone(), LINE, 2.5);
    }
    for (x, y) in points {
        scene.shapes.push(Shape::Circle {
            x,
            y,
            r: 4.0,
            fill: LINE,
        });
    }
}
