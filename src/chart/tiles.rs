//! Tile map: one square per department at its (row, col), shaded on a sequential scale.

use super::layout::{ellipsize, Frame};
use super::palette::{self, mix, text_on};
use super::scene::{Align, Scene};
use super::text::TextKind;
use super::{Color, Tile, Unit};
use crate::numfmt::SIN_DATO;

/// Largest tile side; smaller when the grid is wide.
const MAX_TILE: f64 = 64.0;
/// Room on the right for the colour scale.
const LEGEND_W: f64 = 170.0;
const SCALE_H: f64 = 180.0;
const SCALE_STEPS: usize = 36;

/// Position 0–1 of `v` on the scale from `lo` to `hi`; a flat scale sits in the middle.
pub(crate) fn scale_position(v: f64, lo: f64, hi: f64) -> f64 {
    if hi > lo {
        ((v - lo) / (hi - lo)).clamp(0.0, 1.0)
    } else {
        0.5
    }
}

pub(crate) fn tiles(frame: &mut Frame, unit: Unit, tiles: &[Tile]) {
    let value = |t: &Tile| t.value.filter(|v| v.is_finite());
    let cols = tiles.iter().map(|t| t.col + 1).max().unwrap_or(0) as f64;
    let rows = tiles.iter().map(|t| t.row + 1).max().unwrap_or(0) as f64;
    let present: Vec<f64> = tiles.iter().filter_map(value).collect();
    let lo = present.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = present.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let side = ((frame.inner() - LEGEND_W) / cols.max(1.0)).min(MAX_TILE);
    let x0 = frame.left();
    let scene = &mut frame.scene;
    for tile in tiles {
        let (x, y) = (x0 + tile.col as f64 * side, tile.row as f64 * side);
        let fill = match value(tile) {
            Some(v) => mix(
                palette::SCALE_LOW,
                palette::SCALE_HIGH,
                scale_position(v, lo, hi),
            ),
            None => palette::MISSING,
        };
        draw_tile(scene, unit, tile, value(tile), (x, y, side), fill);
    }
    let scale = (!present.is_empty()).then_some((lo, hi));
    let missing = present.len() < tiles.len();
    let legend_bottom = legend(scene, unit, x0 + cols * side + 28.0, scale, missing);
    frame.body_height = (rows * side).max(legend_bottom + 4.0);
}

/// One department's square at (x, y) with side `side`: its abbreviation and, when it fits, its
/// value.
fn draw_tile(
    scene: &mut Scene,
    unit: Unit,
    tile: &Tile,
    value: Option<f64>,
    (x, y, side): (f64, f64, f64),
    fill: Color,
) {
    // A small gap between tiles reads as department borders.
    scene.rect(x + 1.5, y + 1.5, x + side - 1.5, y + side - 1.5, fill);
    let ink = text_on(fill);
    let cx = x + side / 2.0;
    scene.text_colored(
        cx,
        y + side * 0.36,
        ellipsize(&tile.label, TextKind::Value, side - 6.0),
        TextKind::Value,
        Align::Middle,
        ink,
    );
    let text = value.map_or(SIN_DATO.to_string(), |v| unit.label(v));
    // A cut number would mislead: when it does not fit, the shade and the table tell it.
    if TextKind::Small.width(&text) <= side - 6.0 {
        scene.text_colored(
            cx,
            y + side * 0.7,
            text,
            TextKind::Small,
            Align::Middle,
            ink,
        );
    }
}

/// Colour scale at `lx`: dark (highest) on top, with the extreme values (`scale`, when any
/// tile has a value) and the missing-data swatch. Returns where the legend ends.
fn legend(scene: &mut Scene, unit: Unit, lx: f64, scale: Option<(f64, f64)>, missing: bool) -> f64 {
    scene.text(lx, 8.0, unit.caption(), TextKind::Label, Align::Start);
    let top = 24.0;
    let mut legend_bottom = top;
    if let Some((lo, hi)) = scale {
        let step_h = SCALE_H / SCALE_STEPS as f64;
        for i in 0..SCALE_STEPS {
            let t = 1.0 - (i as f64 + 0.5) / SCALE_STEPS as f64;
            let y = top + i as f64 * step_h;
            scene.rect(
                lx,
                y,
                lx + 18.0,
                y + step_h + 0.5,
                mix(palette::SCALE_LOW, palette::SCALE_HIGH, t),
            );
        }
        scene.text(
            lx + 26.0,
            top + 6.0,
            unit.label(hi),
            TextKind::Tick,
            Align::Start,
        );
        scene.text(
            lx + 26.0,
            top + SCALE_H - 6.0,
            unit.label(lo),
            TextKind::Tick,
            Align::Start,
        );
        legend_bottom = top + SCALE_H;
    }
    if missing {
        let y = legend_bottom + 14.0;
        scene.rect(lx, y, lx + 18.0, y + 18.0, palette::MISSING);
        scene.text(lx + 26.0, y + 9.0, SIN_DATO, TextKind::Tick, Align::Start);
        legend_bottom = y + 18.0;
    }
    legend_bottom
}
