//! The embedded fonts at one size: each glyph's advance and coverage computed once per
//! thread, and kerning pairs looked up once. Text is measured and drawn glyph by glyph
//! exactly as plotters' ab_glyph backend does (whole-pixel pen positions, glyphs outlined
//! at the origin), so the results are the same numbers and pixels, only cheaper.

use std::cell::RefCell;

use ab_glyph::{Font, FontRef, GlyphId, PxScaleFont, ScaleFont};
use rustc_hash::FxHashMap;

use super::text::font_ref;

/// A glyph at one size: advance and coverage pixels, offset as plotters places them (the
/// outline's top relative to half the font size). Coverage is stored as plotters' bitmap
/// backend uses it: 256 paints the pixel, 1–255 blends in 1/256 steps; empty pixels dropped.
pub(crate) struct Glyph {
    pub id: GlyphId,
    pub advance: f32,
    /// Rasterized on first draw: measuring (at 16× the size) only needs the advance.
    cover: Option<Vec<(i32, i32, u16)>>,
}

/// One font (regular or bold) at one size.
pub(crate) struct SizedFont {
    key: (bool, u64),
    size: f64,
    font: PxScaleFont<&'static FontRef<'static>>,
    index: FxHashMap<char, usize>,
    glyphs: Vec<Glyph>,
    kerns: FxHashMap<(GlyphId, GlyphId), f32>,
}

thread_local! {
    static FONTS: RefCell<Vec<SizedFont>> = const { RefCell::new(Vec::new()) };
}

/// Runs `f` with the thread's cache of the font at `size` (plotters' font size).
pub(crate) fn with_font<R>(bold: bool, size: f64, f: impl FnOnce(&mut SizedFont) -> R) -> R {
    FONTS.with(|fonts| {
        let mut fonts = fonts.borrow_mut();
        let key = (bold, size.to_bits());
        let at = match fonts.iter().position(|s| s.key == key) {
            Some(at) => at,
            None => {
                fonts.push(SizedFont {
                    key,
                    size,
                    font: font_ref(bold).as_scaled(size as f32),
                    index: FxHashMap::default(),
                    glyphs: Vec::new(),
                    kerns: FxHashMap::default(),
                });
                fonts.len() - 1
            }
        };
        f(&mut fonts[at])
    })
}

/// Text width as plotters' `estimate_layout` reports it, in whole pixels at `size`.
pub(crate) fn layout_width(bold: bool, size: f64, text: &str) -> i32 {
    with_font(bold, size, |f| f.layout_width(text))
}

impl SizedFont {
    /// Index of the glyph of `ch` in [`SizedFont::glyph`].
    pub fn index(&mut self, ch: char) -> usize {
        if let Some(&i) = self.index.get(&ch) {
            return i;
        }
        let id = self.font.glyph_id(ch);
        self.glyphs.push(Glyph {
            id,
            advance: self.font.h_advance(id),
            cover: None,
        });
        self.index.insert(ch, self.glyphs.len() - 1);
        self.glyphs.len() - 1
    }

    pub fn glyph(&self, i: usize) -> &Glyph {
        &self.glyphs[i]
    }

    /// The coverage pixels of glyph `i`, rasterized on first use.
    pub fn cover(&mut self, i: usize) -> &[(i32, i32, u16)] {
        if self.glyphs[i].cover.is_none() {
            let cover = self.rasterize(self.glyphs[i].id);
            self.glyphs[i].cover = Some(cover);
        }
        self.glyphs[i].cover.as_deref().unwrap_or_default()
    }

    pub fn kern(&mut self, first: GlyphId, second: GlyphId) -> f32 {
        let font = &self.font;
        *self
            .kerns
            .entry((first, second))
            .or_insert_with(|| font.kern(first, second))
    }

    /// Advances plus kerning, summed in plotters' order, truncated to whole pixels.
    pub fn layout_width(&mut self, text: &str) -> i32 {
        let mut width = 0f32;
        let mut prev = None;
        for ch in text.chars() {
            let g = self.index(ch);
            let id = self.glyphs[g].id;
            width += self.glyphs[g].advance;
            if let Some(p) = prev {
                width += self.kern(p, id);
            }
            prev = Some(id);
        }
        width as i32
    }

    fn rasterize(&self, id: GlyphId) -> Vec<(i32, i32, u16)> {
        let mut cover = Vec::new();
        if let Some(outline) = self.font.outline_glyph(id.with_scale(self.font.scale())) {
            let top = ((self.size as f32) / 2.0 + outline.px_bounds().min.y) as i32;
            outline.draw(|x, y, c| {
                let alpha = f64::from(c);
                let a = if alpha >= 1.0 - 1.0 / 256.0 {
                    256
                } else {
                    (alpha.max(0.0) * 256.0).floor() as u16
                };
                if a > 0 {
                    cover.push((x as i32, y as i32 + top, a));
                }
            });
        }
        cover
    }
}
