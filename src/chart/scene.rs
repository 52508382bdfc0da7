//! A display list in logical pixels, rendered with plotters to SVG.

use super::palette::WHITE;
use super::text::{font, TextKind};
use super::Color;
use anyhow::anyhow;
use plotters::coord::Shift;
use plotters::prelude::{
    Circle, DrawingArea, DrawingBackend, IntoDrawingArea, PathElement, Polygon, RGBColor,
    Rectangle, SVGBackend, ShapeStyle, Text,
};
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{FontTransform, TextStyle};

/// Logical width of every chart (the SVG viewBox width).
pub(crate) const WIDTH: f64 = 800.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Start,
    Middle,
    End,
}

/// A line of text. `y` is the visual middle of the line (or `x` for vertical text).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Label {
    pub x: f64,
    pub y: f64,
    pub text: String,
    pub size: f64,
    pub bold: bool,
    pub color: Color,
    pub align: Align,
    /// Rotated to read bottom to top; `align` then runs along the vertical.
    pub vertical: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Shape {
    Rect {
        x0: f64,
        y0: f64,
        x1: f64,
        y1: f64,
        fill: Color,
    },
    Line {
        points: Vec<(f64, f64)>,
        color: Color,
        width: f64,
    },
    Polygon {
        points: Vec<(f64, f64)>,
        fill: Color,
    },
    Circle {
        x: f64,
        y: f64,
        r: f64,
        fill: Color,
    },
    Text(Label),
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Scene {
    pub width: f64,
    pub height: f64,
    pub shapes: Vec<Shape>,
}

fn rgb(c: Color) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

fn px(v: f64, scale: f64) -> i32 {
    (v * scale).round() as i32
}

/// Escapes text for XML content and attribute values.
pub(crate) fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            other => out.push(other),
        }
    }
    out
}

impl Scene {
    pub(crate) fn size(&self, scale: f64) -> (u32, u32) {
        (
            (self.width * scale).round() as u32,
            (self.height * scale).round() as u32,
        )
    }

    /// Responsive, accessible SVG. plotters escapes every text node and attribute itself
    /// (plotters-svg `escape_and_push`), so labels are passed to it unescaped; only the
    /// `<title>`/`<desc>` and ids added here are escaped by us.
    pub(crate) fn to_svg(&self, id: &str, title: &str, description: &str) -> String {
        let (w, h) = self.size(1.0);
        let mut body = String::new();
        {
            let area = SVGBackend::with_string(&mut body, (w, h)).into_drawing_area();
            // Drawing into a String cannot fail for I/O reasons; fonts are only measured.
            draw(self, &area, 1.0).expect("SVG drawing into a string");
            area.present().expect("SVG drawing into a string");
        }
        // plotters opens with a fixed-size `<svg …>` line; replace it with a scalable root.
        let body = body.split_once('\n').map_or("", |(_, rest)| rest);
        let id = escape_xml(id);
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"100%\" \
             role=\"img\" aria-labelledby=\"{id}-title\" aria-describedby=\"{id}-desc\">\n\
             <title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>\n{body}",
            escape_xml(title),
            escape_xml(description),
        )
    }
}

fn draw<DB: DrawingBackend>(
    scene: &Scene,
    area: &DrawingArea<DB, Shift>,
    scale: f64,
) -> anyhow::Result<()> {
    let err = |e| anyhow!("{e:?}");
    area.fill(&rgb(WHITE)).map_err(err)?;
    for shape in &scene.shapes {
        match shape {
            Shape::Rect {
                x0,
                y0,
                x1,
                y1,
                fill,
            } => {
                let corners = [
                    (px(*x0, scale), px(*y0, scale)),
                    (px(*x1, scale), px(*y1, scale)),
                ];
                area.draw(&Rectangle::new(
                    corners,
                    ShapeStyle::from(rgb(*fill)).filled(),
                ))
                .map_err(err)?;
            }
            Shape::Line {
                points,
                color,
                width,
            } => {
                let points: Vec<_> = points
                    .iter()
                    .map(|(x, y)| (px(*x, scale), px(*y, scale)))
                    .collect();
                let style = ShapeStyle::from(rgb(*color))
                    .stroke_width((width * scale).round().max(1.0) as u32);
                area.draw(&PathElement::new(points, style)).map_err(err)?;
            }
            Shape::Polygon { points, fill } => {
                let points: Vec<_> = points
                    .iter()
                    .map(|(x, y)| (px(*x, scale), px(*y, scale)))
                    .collect();
                area.draw(&Polygon::new(points, ShapeStyle::from(rgb(*fill)).filled()))
                    .map_err(err)?;
            }
            Shape::Circle { x, y, r, fill } => {
                let centre = (px(*x, scale), px(*y, scale));
                let radius = (r * scale).round() as i32;
                area.draw(&Circle::new(
                    centre,
                    radius,
                    ShapeStyle::from(rgb(*fill)).filled(),
                ))
                .map_err(err)?;
            }
            Shape::Text(label) => draw_label(area, label, scale)?,
        }
    }
    Ok(())
}

fn draw_label<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    label: &Label,
    scale: f64,
) -> anyhow::Result<()> {
    let size = label.size * scale;
    // SVG centres the anchor with `dy="0.5ex"`; this offset (measured on DejaVu Sans) puts the
    // middle of capitals on the requested line.
    let (v_pos, shift) = (VPos::Center, 0.07 * size);
    let h_pos = match label.align {
        Align::Start => HPos::Left,
        Align::Middle => HPos::Center,
        Align::End => HPos::Right,
    };
    let (mut x, mut y) = (label.x * scale, label.y * scale);
    let mut font = font(size, label.bold);
    if label.vertical {
        // Rotated 270°: the text's "down" points to the right.
        x += shift;
        font = font.transform(FontTransform::Rotate270);
    } else {
        y += shift;
    }
    let color = rgb(label.color);
    let style = TextStyle::from(font)
        .color(&color)
        .pos(Pos::new(h_pos, v_pos));
    area.draw(&Text::new(
        label.text.clone(),
        (x.round() as i32, y.round() as i32),
        style,
    ))
    .map_err(|e| anyhow!("{e:?}"))
}

/// Convenience builders used by the layouts.
impl Scene {
    pub(crate) fn rect(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, fill: Color) {
        self.shapes.push(Shape::Rect {
            x0,
            y0,
            x1,
            y1,
            fill,
        });
    }

    pub(crate) fn line(&mut self, points: Vec<(f64, f64)>, color: Color, width: f64) {
        self.shapes.push(Shape::Line {
            points,
            color,
            width,
        });
    }

    pub(crate) fn text(
        &mut self,
        x: f64,
        y: f64,
        text: impl Into<String>,
        style: TextKind,
        align: Align,
    ) {
        let (size, bold, color) = style.spec();
        self.shapes.push(Shape::Text(Label {
            x,
            y,
            text: text.into(),
            size,
            bold,
            color,
            align,
            vertical: false,
        }));
    }

    /// Text in a given colour (e.g. inside a coloured bar).
    pub(crate) fn text_colored(
        &mut self,
        x: f64,
        y: f64,
        text: impl Into<String>,
        style: TextKind,
        align: Align,
        color: Color,
    ) {
        self.text(x, y, text, style, align);
        if let Some(Shape::Text(label)) = self.shapes.last_mut() {
            label.color = color;
        }
    }
}
