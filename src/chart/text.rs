//! Text: the embedded fonts, measuring, and the report's text styles.
//!
//! Text is measured with the embedded DejaVu Sans (plotters' ab_glyph backend), the same font
//! the e-mail picture of a chart is drawn with (`picture.rs`), so layout never depends on fonts
//! installed on the machine.

use super::palette;
use super::Color;
use ab_glyph::{Font, FontRef, GlyphId, PxScale};
use plotters::style::{FontDesc, FontFamily, FontStyle};
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::sync::Once;

/// Family name the embedded fonts are registered under. plotters writes it verbatim into SVG
/// `font-family`, so it doubles as the CSS fallback list for browsers.
const FAMILY: &str = "DejaVu Sans, Verdana, Arial, sans-serif";

pub(crate) static REGULAR: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/fonts/DejaVuSans.ttf"
));
pub(crate) static BOLD: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/fonts/DejaVuSans-Bold.ttf"
));

/// Registers the embedded fonts with plotters once per process.
fn ensure_fonts() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let ok = plotters::style::register_font(FAMILY, FontStyle::Normal, REGULAR).is_ok()
            && plotters::style::register_font(FAMILY, FontStyle::Bold, BOLD).is_ok();
        // The bytes are compiled in, so this only fails if the asset itself is broken.
        assert!(ok, "embedded DejaVu Sans fonts are invalid");
    });
}

pub(crate) fn font(size: f64, bold: bool) -> FontDesc<'static> {
    ensure_fonts();
    let style = if bold {
        FontStyle::Bold
    } else {
        FontStyle::Normal
    };
    FontDesc::new(FontFamily::Name(FAMILY), size, style)
}

/// Width of `text` in logical pixels at font `size`, as plotters' `box_size` measures it
/// (advances plus kerning).
pub(crate) fn text_width(text: &str, size: f64, bold: bool) -> f64 {
    // plotters reports whole pixels: measure 16× larger for sub-pixel precision.
    f64::from(Metrics::with(bold, |m| m.width_px(text, size * OVERSAMPLE))) / OVERSAMPLE
}

/// The embedded font's advances and kerning pairs, kept per thread as they are first asked
/// for. Charts measure the same few characters thousands of times (wrapping measures every
/// growing line), and a kerning lookup in the font's tables costs far more than the sum.
struct Metrics {
    font: FontRef<'static>,
    advances: FxHashMap<char, (GlyphId, f32)>,
    kerning: FxHashMap<(GlyphId, GlyphId), f32>,
}

impl Metrics {
    fn with<R>(bold: bool, f: impl FnOnce(&mut Metrics) -> R) -> R {
        thread_local! {
            static FONTS: [RefCell<Metrics>; 2] = [Metrics::new(REGULAR), Metrics::new(BOLD)];
        }
        FONTS.with(|fonts| f(&mut fonts[usize::from(bold)].borrow_mut()))
    }

    fn new(bytes: &'static [u8]) -> RefCell<Metrics> {
        RefCell::new(Metrics {
            font: FontRef::try_from_slice(bytes).expect("embedded DejaVu Sans fonts"),
            advances: FxHashMap::default(),
            kerning: FxHashMap::default(),
        })
    }

    /// Whole pixels, as plotters' `box_size` computes them with ab_glyph: the same f32
    /// operations in the same order, so the result is the same to the bit.
    fn width_px(&mut self, text: &str, size: f64) -> u32 {
        let mut run = Run::default();
        self.extend(&mut run, text, size);
        run.pixels()
    }

    /// Adds `text` to a line being measured: its advances and the kerning with the previous
    /// character, summed as `width_px` sums them.
    fn extend(&mut self, run: &mut Run, text: &str, size: f64) {
        let font = &self.font;
        let factor = PxScale::from(size as f32).x / font.height_unscaled();
        for c in text.chars() {
            let (id, advance) = *self.advances.entry(c).or_insert_with(|| {
                let id = font.glyph_id(c);
                (id, font.h_advance_unscaled(id))
            });
            run.x += factor * advance;
            if let Some(p) = run.prev {
                let kern = *self
                    .kerning
                    .entry((p, id))
                    .or_insert_with(|| font.kern_unscaled(p, id));
                run.x += factor * kern;
            }
            run.prev = Some(id);
        }
    }
}

/// A line measured as it grows (oversampled, as `text_width` measures): adding a word to it
/// gives the width of the whole line to the bit, without measuring the line again.
#[derive(Clone, Copy, Default)]
pub(crate) struct Run {
    x: f32,
    prev: Option<GlyphId>,
}

impl Run {
    fn pixels(self) -> u32 {
        (self.x as i32).unsigned_abs()
    }
}

const OVERSAMPLE: f64 = 16.0;

#[cfg(test)]
fn plotters_width(text: &str, size: f64, bold: bool) -> f64 {
    let (w, _) = font(size * 16.0, bold)
        .box_size(text)
        .expect("embedded DejaVu Sans fonts");
    f64::from(w) / 16.0
}

/// The few text styles of the report, so sizes stay consistent across kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TextKind {
    Title,
    Label,
    Value,
    Tick,
    Note,
    Missing,
    /// Values inside map tiles.
    Small,
}

impl TextKind {
    /// (plotters font size, bold, colour). plotters writes SVG font-size as size / 1,24.
    pub(crate) fn spec(self) -> (f64, bool, Color) {
        match self {
            TextKind::Title => (21.0, true, palette::INK),
            TextKind::Label => (15.0, false, palette::INK),
            TextKind::Value => (14.0, true, palette::INK),
            TextKind::Tick => (13.0, false, palette::MUTED),
            TextKind::Note => (13.0, false, palette::MUTED),
            TextKind::Missing => (13.0, false, palette::MUTED),
            TextKind::Small => (11.5, false, palette::INK),
        }
    }

    pub(crate) fn size(self) -> f64 {
        self.spec().0
    }

    pub(crate) fn width(self, text: &str) -> f64 {
        let (size, bold, _) = self.spec();
        text_width(text, size, bold)
    }

    /// `run` with `text` added at the end.
    pub(crate) fn extend(self, mut run: Run, text: &str) -> Run {
        let (size, bold, _) = self.spec();
        Metrics::with(bold, |m| m.extend(&mut run, text, size * OVERSAMPLE));
        run
    }

    /// The width of a measured line, as `width` gives it for the same text.
    pub(crate) fn run_width(self, run: Run) -> f64 {
        f64::from(run.pixels()) / OVERSAMPLE
    }

    /// Line height in logical pixels.
    pub(crate) fn line_height(self) -> f64 {
        (self.size() * 1.2).round()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The kept advances and kerning give plotters' own measure, for every size the report
    /// uses, both weights, and text with accents, digits, signs and kerned pairs (AV, Te, «»).
    #[test]
    fn widths_equal_plotters_measure_to_the_sixteenth_of_a_pixel() {
        let texts = [
            "Puntaje por área: Ruta Competitiva de Cacao de Santa Marta y Magdalena",
            "AVATAR To Te Yo LT «Año» — ñandú, ÑAÑA; 1.234,5 % (n = 76)",
            "Fortalecimiento empresarial · Nivel 2 — En consolidación",
            "WAVE Vigía Tú y yo: «¿qué?» ¡sí! 0123456789 +−×÷ áéíóúü ÁÉÍÓÚÜ",
            "",
            "x",
        ];
        for size in [11.5, 13.0, 14.0, 15.0, 21.0, 7.25, 40.0] {
            for bold in [false, true] {
                for text in texts {
                    // Twice: the second time from the kept pairs.
                    for _ in 0..2 {
                        assert_eq!(
                            text_width(text, size, bold),
                            plotters_width(text, size, bold),
                            "«{text}» a {size} (negrita: {bold})"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn a_line_measured_as_it_grows_is_as_wide_as_the_whole_line() {
        let words = "Puntaje de 1 a 3,0. Promedios de las iniciativas de la IV ola con dato en \
                     cada área: todas (1.234) y las de Agroindustria (56). AVATAR «Tú»";
        for kind in [TextKind::Title, TextKind::Note, TextKind::Small] {
            let (mut line, mut run) = (String::new(), Run::default());
            for word in words.split(' ') {
                if !line.is_empty() {
                    line.push(' ');
                    run = kind.extend(run, " ");
                }
                line.push_str(word);
                run = kind.extend(run, word);
                assert_eq!(kind.run_width(run), kind.width(&line), "«{line}»");
            }
        }
    }
}
