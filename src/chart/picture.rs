//! A chart's SVG as a PNG picture (for the body of an e-mail), drawn by resvg with the
//! embedded DejaVu Sans only: no system fonts and no external files, so the same SVG gives the
//! same pixels on every machine.

use std::sync::{Arc, OnceLock};

use anyhow::{bail, Context, Result};
use resvg::{tiny_skia, usvg};

use super::scene::WIDTH;
use super::text::{BOLD, REGULAR};
use super::PNG_WIDTH;

/// Largest picture drawn, in pixels (a chart of standard width is under one million).
const MAX_PIXELS: u64 = 16_000_000;

/// The fonts the charts are drawn with, loaded once per process.
fn fonts() -> Arc<usvg::fontdb::Database> {
    static FONTS: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut db = usvg::fontdb::Database::new();
            db.load_font_source(usvg::fontdb::Source::Binary(Arc::new(REGULAR)));
            db.load_font_source(usvg::fontdb::Source::Binary(Arc::new(BOLD)));
            db.set_sans_serif_family("DejaVu Sans");
            Arc::new(db)
        })
        .clone()
}

/// PNG bytes of `svg` (as [`super::Chart::svg`] writes it) at [`PNG_WIDTH`] pixels per 800
/// logical pixels, on white.
pub fn png_from_svg(svg: &str) -> Result<Vec<u8>> {
    let options = usvg::Options {
        font_family: "DejaVu Sans".into(),
        fontdb: fonts(),
        // A chart never references other files; nothing outside the SVG is read.
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: Box::new(|_, _, _| None),
            resolve_string: Box::new(|_, _| None),
        },
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).context("el SVG del gráfico no es válido")?;
    let scale = f64::from(PNG_WIDTH) / WIDTH;
    let size = tree.size();
    let (w, h) = (
        (f64::from(size.width()) * scale).round() as u32,
        (f64::from(size.height()) * scale).round() as u32,
    );
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        bail!("el gráfico es demasiado grande para una imagen: {w} × {h} píxeles");
    }
    let mut pixmap = tiny_skia::Pixmap::new(w, h)
        .with_context(|| format!("tamaño de imagen inválido: {w} × {h} píxeles"))?;
    pixmap.fill(tiny_skia::Color::WHITE);
    let scale = scale as f32;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    encode(&pixmap).context("no se pudo codificar la imagen PNG")
}

/// RGB PNG (the picture is opaque); fast compression, since flat-colour charts compress well.
fn encode(pixmap: &tiny_skia::Pixmap) -> Result<Vec<u8>> {
    // On an opaque canvas premultiplied and straight colour are the same.
    let rgb: Vec<u8> = pixmap
        .data()
        .chunks_exact(4)
        .flat_map(|p| [p[0], p[1], p[2]])
        .collect();
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    // "Up": rows equal to the one above (most of a chart) become zeros, which the fast
    // compressor codes as runs.
    encoder.set_filter(png::Filter::Up);
    let mut writer = encoder.write_header()?;
    writer.write_image_data(&rgb)?;
    writer.finish()?;
    Ok(out)
}
