//! A fast bitmap path for charts drawn only with upright shapes and text (bars, columns,
//! stacked bars, tiles): the same pixels plotters' bitmap backend draws, without its
//! per-pixel callbacks and with each glyph outlined and rasterized once per thread.
//!
//! Report cards draw one such chart each, so with thousands of cards this is most of the
//! build. Every rule below mirrors plotters 0.3.7 (plotters-bitmap `fill_rect_fast`,
//! `draw_line`, plotters-backend `draw_text`/`polygonize`/`fill_polygon`, the ab_glyph font
//! backend); `tests::raster` checks it pixel for pixel against plotters. Scenes with
//! anything else (slices, slanted or multi-point lines, circles) return None and are drawn
//! by plotters.

use ab_glyph::GlyphId;

use super::glyphs::with_font;
use super::scene::{px, Align, Label, Scene, Shape};
use super::Color;

/// RGB pixels of `scene` at `scale`, `(w, h)` pixels, or None when it has a shape this path
/// does not draw.
pub(crate) fn draw(scene: &Scene, scale: f64, (w, h): (u32, u32)) -> Option<Vec<u8>> {
    let ops: Vec<Op> = scene
        .shapes
        .iter()
        .map(|s| Op::of(s, scale, (w as i32, h as i32)))
        .collect::<Option<_>>()?;
    let mut canvas = Canvas {
        px: vec![255u8; w as usize * h as usize * 3],
        w: w as i32,
        h: h as i32,
    };
    for op in ops {
        match op {
            Op::Fill(a, b, c) => canvas.fill_rect(a, b, c),
            Op::Column(x, ys, c) => canvas.fill_column(x, ys, c),
            Op::Text(label) => canvas.text(label, scale),
        }
    }
    Some(canvas.px)
}

type Point = (i32, i32);

enum Op<'s> {
    /// plotters' `fill_rect_fast` between two corners (the second one excluded).
    Fill(Point, Point, Color),
    /// plotters' `fill_vertical_line_fast`: column x, rows inclusive.
    Column(i32, (i32, i32), Color),
    Text(&'s Label),
}

impl<'s> Op<'s> {
    /// Every point is first clamped to the canvas, as plotters' drawing area does.
    fn of(shape: &'s Shape, scale: f64, (w, h): Point) -> Option<Op<'s>> {
        let at = |x: f64, y: f64| (px(x, scale).clamp(0, w), px(y, scale).clamp(0, h));
        match shape {
            Shape::Rect {
                x0,
                y0,
                x1,
                y1,
                fill,
            } => Some(Op::Fill(at(*x0, *y0), at(*x1, *y1), *fill)),
            Shape::Text(label) => Some(Op::Text(label)),
            Shape::Line {
                points,
                color,
                width,
            } if points.len() == 2 => {
                let (from, to) = (at(points[0].0, points[0].1), at(points[1].0, points[1].1));
                let stroke = (width * scale).round().max(1.0) as i32;
                line(from, to, stroke, *color)
            }
            _ => None,
        }
    }
}

/// An upright two-point line as plotters draws it: one pixel wide through `draw_line`,
/// wider as the polygon of `polygonize` filled by the scanline of `fill_polygon`.
fn line(from: Point, to: Point, stroke: i32, c: Color) -> Option<Op<'static>> {
    if from == to || (from.0 != to.0 && from.1 != to.1) {
        return None;
    }
    if stroke == 1 {
        return Some(if from.1 == to.1 {
            Op::Fill(from, (to.0 + 1, to.1 + 1), c)
        } else {
            Op::Column(from.0, (from.1, to.1), c)
        });
    }
    // The polygon's corners: the line's ends pushed half the width to each side, rounded.
    let half = |v: i32, sign: f64| (f64::from(v) + sign * f64::from(stroke) / 2.0).round() as i32;
    let (xs, ys) = if from.1 == to.1 {
        (
            (from.0.min(to.0), from.0.max(to.0)),
            (half(from.1, -1.0), half(from.1, 1.0)),
        )
    } else {
        (
            (half(from.0, -1.0), half(from.0, 1.0)),
            (from.1.min(to.1), from.1.max(to.1)),
        )
    };
    let (dx, dy) = (xs.1 - xs.0, ys.1 - ys.0);
    if dx < 2 || dy < 2 {
        return None; // plotters' special cases for slivers; not worth mirroring
    }
    // The scanline runs along the longer side and leaves out its last line.
    Some(if dx > dy {
        Op::Fill((xs.0, ys.0), (xs.1, ys.1 + 1), c)
    } else {
        Op::Fill((xs.0, ys.0), (xs.1 + 1, ys.1), c)
    })
}

struct Canvas {
    px: Vec<u8>,
    w: i32,
    h: i32,
}

impl Canvas {
    fn fill_rect(&mut self, a: Point, b: Point, c: Color) {
        let (x0, y0) = (a.0.min(b.0).max(0), a.1.min(b.1).max(0));
        let (x1, y1) = (a.0.max(b.0).min(self.w), a.1.max(b.1).min(self.h));
        if x0 >= x1 || y0 >= y1 {
            return;
        }
        // One row of the colour, copied into every row of the rectangle.
        let row: Vec<u8> = [c.0, c.1, c.2].repeat((x1 - x0) as usize);
        for y in y0..y1 {
            let at = ((y * self.w + x0) * 3) as usize;
            self.px[at..at + row.len()].copy_from_slice(&row);
        }
    }

    fn fill_column(&mut self, x: i32, (y0, y1): (i32, i32), c: Color) {
        if x < 0 || x >= self.w {
            return;
        }
        let (y0, y1) = (y0.min(y1).max(0), y0.max(y1).min(self.h - 1));
        for y in y0..=y1 {
            let i = ((y * self.w + x) * 3) as usize;
            self.px[i..i + 3].copy_from_slice(&[c.0, c.1, c.2]);
        }
    }

    /// plotters' bitmap `draw_pixel` with a glyph's coverage `a` (see `glyphs::Glyph`).
    fn blend(&mut self, x: i32, y: i32, c: Color, a: u16) {
        if x < 0 || y < 0 || x >= self.w || y >= self.h {
            return;
        }
        let i = ((y * self.w + x) * 3) as usize;
        let p = &mut self.px[i..i + 3];
        if a >= 256 {
            p.copy_from_slice(&[c.0, c.1, c.2]);
            return;
        }
        let a = u32::from(a);
        for (old, new) in p.iter_mut().zip([c.0, c.1, c.2]) {
            if new > *old {
                *old += (u32::from(new - *old) * a / 256) as u8;
            } else {
                *old -= (u32::from(*old - new) * a / 256) as u8;
            }
        }
    }

    /// A label as `scene::draw_label` asks plotters for it on a bitmap: anchored at the top,
    /// glyphs at whole-pixel pen positions, optionally rotated 270°.
    fn text(&mut self, label: &Label, scale: f64) {
        let size = label.size * scale;
        let shift = -0.19 * size;
        let (mut x, mut y) = (label.x * scale, label.y * scale);
        if label.vertical {
            x += shift;
        } else {
            y += shift;
        }
        let pos = (
            (x.round() as i32).clamp(0, self.w),
            (y.round() as i32).clamp(0, self.h),
        );
        with_font(label.bold, size, |font| {
            let dx = match label.align {
                Align::Start => 0,
                Align::Middle => -font.layout_width(&label.text) / 2,
                Align::End => -font.layout_width(&label.text),
            };
            let mut pen = 0f32;
            let mut prev: Option<GlyphId> = None;
            for ch in label.text.chars() {
                let g = font.index(ch);
                let id = font.glyph(g).id;
                if let Some(p) = prev {
                    pen += font.kern(p, id);
                }
                prev = Some(id);
                let x_shift = pen as i32;
                let advance = font.glyph(g).advance;
                for &(gx, gy, a) in font.cover(g) {
                    let (tx, ty) = (gx + x_shift + dx, gy);
                    let (tx, ty) = if label.vertical { (ty, -tx) } else { (tx, ty) };
                    self.blend(pos.0 + tx, pos.1 + ty, label.color, a);
                }
                pen += advance;
            }
        });
    }
}
