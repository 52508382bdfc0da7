//! Horizontal kinds: bars per category and 100 % stacked bars per row.

use super::format::shares;
use super::layout::{legend, legend_width, widest, wrap, Frame};
use super::palette::{self, text_on};
use super::scene::{Align, Scene};
use super::text::TextKind;
use super::{Color, Unit};
use crate::numfmt::SIN_DATO;

/// Space between the label column and the bars.
const GUTTER: f64 = 12.0;
/// Minimum row height; rows grow when labels wrap.
const MIN_ROW: f64 = 28.0;

/// Category labels in a right-aligned column no wider than 45 % of the chart, wrapped so
/// long Spanish names are never clipped. Returns (column width, lines per label, row height).
fn label_column(frame: &Frame, labels: &[String]) -> (f64, Vec<Vec<String>>, f64) {
    let width = widest(labels, TextKind::Label).min(frame.inner() * 0.45);
    let lines: Vec<Vec<String>> = labels
        .iter()
        .map(|l| wrap(l, TextKind::Label, width))
        .collect();
    let most = lines.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let row = (most as f64 * TextKind::Label.line_height() + 10.0).max(MIN_ROW);
    (width, lines, row)
}

/// Draws the wrapped lines of a label right-aligned at `x`, centred on `mid`.
fn draw_label(scene: &mut Scene, lines: &[String], x: f64, mid: f64) {
    let line_h = TextKind::Label.line_height();
    let first = mid - (lines.len() as f64 - 1.0) * line_h / 2.0;
    for (i, line) in lines.iter().enumerate() {
        scene.text(
            x,
            first + i as f64 * line_h,
            line.clone(),
            TextKind::Label,
            Align::End,
        );
    }
}

pub(crate) fn hbar(
    frame: &mut Frame,
    unit: Unit,
    categories: &[String],
    values: &[Option<f64>],
    color: Option<Color>,
) {
    let color = color.unwrap_or(palette::SERIES[0]);
    let value = |i: usize| values.get(i).copied().flatten().filter(|v| v.is_finite());
    let (label_w, lines, row_h) = label_column(frame, categories);
    let texts: Vec<(String, TextKind)> = (0..categories.len())
        .map(|i| match value(i) {
            Some(v) => (unit.label(v), TextKind::Value),
            None => (SIN_DATO.to_string(), TextKind::Missing),
        })
        .collect();
    let value_w = texts.iter().map(|(t, k)| k.width(t)).fold(0.0, f64::max) + 10.0;
    let x0 = frame.left() + label_w + GUTTER;
    let x1 = frame.right() - value_w;
    let max = (0..categories.len()).filter_map(value).fold(0.0, f64::max);
    let bar_h = (row_h * 0.64).min(24.0);
    let scene = &mut frame.scene;
    for (i, label_lines) in lines.iter().enumerate() {
        let mid = i as f64 * row_h + row_h / 2.0;
        draw_label(scene, label_lines, x0 - GUTTER, mid);
        let (text, kind) = &texts[i];
        match value(i) {
            Some(v) => {
                let len = if max > 0.0 {
                    v.max(0.0) / max * (x1 - x0)
                } else {
                    0.0
                };
                if len > 0.0 {
                    scene.rect(x0, mid - bar_h / 2.0, x0 + len, mid + bar_h / 2.0, color);
                }
                scene.text(x0 + len + 6.0, mid, text.clone(), *kind, Align::Start);
            }
            // No bar: a missing figure must never look like a zero.
            None => scene.text(x0 + 6.0, mid, text.clone(), *kind, Align::Start),
        }
    }
    let bottom = categories.len() as f64 * row_h;
    scene.line(vec![(x0, 0.0), (x0, bottom)], palette::AXIS, 1.0);
    frame.body_height = bottom;
}

pub(crate) fn stacked(
    frame: &mut Frame,
    rows: &[String],
    series: &[String],
    values: &[Vec<f64>],
    colors: &[Color],
) {
    let colors: Vec<Color> = if colors.len() >= series.len() {
        colors.to_vec()
    } else {
        palette::for_labels(series)
    };
    let (label_w, lines, row_h) = label_column(frame, rows);
    let x0 = frame.left() + label_w + GUTTER;
    let x1 = frame.right() - 8.0;
    let items: Vec<(String, Color)> = series.iter().cloned().zip(colors.iter().copied()).collect();
    let (left, right) = (frame.left(), frame.right());
    let scene = &mut frame.scene;
    // The legend starts over the bars unless that would push it onto several lines.
    let legend_x = if legend_width(&items) <= right - x0 {
        x0
    } else {
        left
    };
    let top = legend(scene, &items, legend_x, 0.0, right) + 8.0;
    let bar_h = (row_h * 0.7).min(24.0);
    for (i, label_lines) in lines.iter().enumerate() {
        let mid = top + i as f64 * row_h + row_h / 2.0;
        draw_label(scene, label_lines, x0 - GUTTER, mid);
        let row: Vec<f64> = (0..series.len())
            .map(|j| {
                values
                    .get(i)
                    .and_then(|r| r.get(j))
                    .copied()
                    .filter(|v| v.is_finite())
                    .unwrap_or(0.0)
            })
            .collect();
        let parts = shares(&row);
        if parts.iter().all(|p| *p == 0.0) {
            scene.text(x0 + 6.0, mid, SIN_DATO, TextKind::Missing, Align::Start);
            continue;
        }
        segments(scene, &parts, &colors, (x0, x1), mid, bar_h);
    }
    let bottom = top + rows.len() as f64 * row_h;
    percent_axis(scene, (x0, x1), top, bottom);
    frame.body_height = bottom + 24.0;
}

/// One row's segments between x0 and x1, each with its percentage when it fits inside.
fn segments(
    scene: &mut Scene,
    parts: &[f64],
    colors: &[Color],
    (x0, x1): (f64, f64),
    mid: f64,
    bar_h: f64,
) {
    let mut cx = x0;
    for (j, part) in parts.iter().enumerate() {
        let w = part / 100.0 * (x1 - x0);
        if w <= 0.0 {
            continue;
        }
        let color = colors[j];
        scene.rect(cx, mid - bar_h / 2.0, cx + w, mid + bar_h / 2.0, color);
        let text = Unit::Percent.label(*part);
        if TextKind::Value.width(&text) + 8.0 <= w {
            scene.text_colored(
                cx + w / 2.0,
                mid,
                text,
                TextKind::Value,
                Align::Middle,
                text_on(color),
            );
        }
        // A thin white seam keeps adjacent segments apart.
        if cx > x0 {
            scene.line(
                vec![(cx, mid - bar_h / 2.0), (cx, mid + bar_h / 2.0)],
                palette::WHITE,
                1.5,
            );
        }
        cx += w;
    }
}

/// The axis line left of the bars and the 0–100 % scale under them.
fn percent_axis(scene: &mut Scene, (x0, x1): (f64, f64), top: f64, bottom: f64) {
    scene.line(vec![(x0, top), (x0, bottom)], palette::AXIS, 1.0);
    for k in 0..=4 {
        let x = x0 + k as f64 / 4.0 * (x1 - x0);
        scene.line(vec![(x, bottom), (x, bottom + 4.0)], palette::AXIS, 1.0);
        let text = Unit::Percent.label(k as f64 * 25.0);
        scene.text(x, bottom + 14.0, text, TextKind::Tick, Align::Middle);
    }
}
