//! Text: the embedded fonts, measuring, and the report's text styles.
//!
//! Text is measured with the embedded DejaVu Sans (plotters' ab_glyph backend), the same font
//! the e-mail picture of a chart is drawn with (`picture.rs`), so layout never depends on fonts
//! installed on the machine.

use super::palette;
use super::Color;
use plotters::style::{FontDesc, FontFamily, FontStyle};
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
    const OVERSAMPLE: f64 = 16.0;
    // The font is compiled in and registered by `font`, so measuring cannot fail.
    let (w, _) = font(size * OVERSAMPLE, bold)
        .box_size(text)
        .expect("embedded DejaVu Sans fonts");
    f64::from(w) / OVERSAMPLE
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

    /// Line height in logical pixels.
    pub(crate) fn line_height(self) -> f64 {
        (self.size() * 1.2).round()
    }
}
