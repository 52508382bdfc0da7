//! A display list in logical pixels, rendered with plotters to SVG or PNG.

use super::palette::WHITE;
use super::text::{font, TextKind};
use super::Color;
use anyhow::{anyhow, bail, Context};
use plotters::coord::Shift;
use plotters::prelude::{
    BitMapBackend, Circle, DrawingArea, DrawingBackend, IntoDrawingArea, PathElement, Polygon,
    RGBColor, Rectangle, SVGBackend, ShapeStyle, Text,
};
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{FontTransform, TextStyle};
use std::path::Path;

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

#[derive(Clone, Copy, PartialEq, Eq)]
enum Target {
    Svg,
    Bitmap,
}

fn rgb(c: Color) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

pub(crate) fn px(v: f64, scale: f64) -> i32 {
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
            draw(self, &area, 1.0, Target::Svg).expect("SVG drawing into a string");
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

    /// PNG at `scale` pixels per logical pixel, drawn at twice the size and averaged down so that bars,
    /// slices and lines are anti-aliased (the bitmap rasteriser only anti-aliases text).
    pub(crate) fn to_png(&self, path: &Path, scale: f64) -> anyhow::Result<()> {
        self.write_png(path, scale, true)
    }

    /// Like [`Scene::to_png`]; without `smooth` the chart is drawn once at its size, four times
    /// less work, which is enough for charts made only of upright bars and text.
    pub(crate) fn write_png(&self, path: &Path, scale: f64, smooth: bool) -> anyhow::Result<()> {
        if path.extension().and_then(|e| e.to_str()) != Some("png") {
            bail!(
                "el archivo del gráfico debe terminar en .png: {}",
                path.display()
            );
        }
        let (w, h) = self.size(scale);
        let k = if smooth { 2 } else { 1 };
        let (bw, bh) = (w * k, h * k);
        let mut pixels = match super::raster::draw(self, scale * k as f64, (bw, bh)) {
            Some(pixels) => pixels,
            None => self.plotters_pixels(scale * k as f64, (bw, bh))?,
        };
        if smooth {
            pixels = downsample(&pixels, bw as usize, bh as usize);
        }
        encode_png(path, (w, h), &pixels)
            .with_context(|| format!("no se pudo escribir {}", path.display()))
    }
}

impl Scene {
    /// RGB pixels drawn by plotters' bitmap backend (every kind of shape).
    pub(crate) fn plotters_pixels(
        &self,
        scale: f64,
        (w, h): (u32, u32),
    ) -> anyhow::Result<Vec<u8>> {
        let mut pixels = vec![255u8; w as usize * h as usize * 3];
        let area = BitMapBackend::with_buffer(&mut pixels, (w, h)).into_drawing_area();
        draw(self, &area, scale, Target::Bitmap)?;
        area.present().map_err(|e| anyhow!("{e:?}"))?;
        drop(area);
        Ok(pixels)
    }
}

/// RGB pixels to a PNG file; fast compression, since flat-colour charts compress well anyway.
fn encode_png(path: &Path, (w, h): (u32, u32), rgb: &[u8]) -> anyhow::Result<()> {
    let file = std::io::BufWriter::new(std::fs::File::create(path)?);
    let mut encoder = png::Encoder::new(file, w, h);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    // "Up": rows equal to the one above (most of a chart) become zeros, which the fast
    // compressor codes as runs: faster and smaller than the default "Sub".
    encoder.set_filter(png::FilterType::Up);
    let mut writer = encoder.write_header()?;
    writer.write_image_data(rgb)?;
    writer.finish()?;
    Ok(())
}

/// Averages 2×2 blocks of an RGB buffer.
fn downsample(src: &[u8], w: usize, h: usize) -> Vec<u8> {
    let (dw, dh) = (w / 2, h / 2);
    let mut out = vec![0u8; dw * dh * 3];
    for y in 0..dh {
        for x in 0..dw {
            for c in 0..3 {
                let at = |dx: usize, dy: usize| src[((2 * y + dy) * w + 2 * x + dx) * 3 + c] as u32;
                let sum = at(0, 0) + at(1, 0) + at(0, 1) + at(1, 1);
                out[(y * dw + x) * 3 + c] = ((sum + 2) / 4) as u8;
            }
        }
    }
    out
}

fn draw<DB: DrawingBackend>(
    scene: &Scene,
    area: &DrawingArea<DB, Shift>,
    scale: f64,
    target: Target,
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
            Shape::Text(label) => draw_label(area, label, scale, target)?,
        }
    }
    Ok(())
}

fn draw_label<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    label: &Label,
    scale: f64,
    target: Target,
) -> anyhow::Result<()> {
    let size = label.size * scale;
    // The two backends anchor text differently: SVG uses `dy="0.5ex"` for a centred anchor,
    // the bitmap backend places the baseline half a font size below a top anchor. These
    // offsets (measured on DejaVu Sans) put the middle of capitals on the requested line.
    let (v_pos, shift) = match target {
        Target::Svg => (VPos::Center, 0.07 * size),
        Target::Bitmap => (VPos::Top, -0.19 * size),
    };
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
