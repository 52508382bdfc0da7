//! The report's colours, shared by charts and CSS so a level or an ola always has the same colour.
//!
//! Based on the Okabe–Ito palette, which stays distinguishable for the common forms of colour
//! blindness; text drawn on a colour picks black or white by contrast ([`text_on`]).

use super::Color;

/// Nivel 1 Básico (vermilion), Nivel 2 En consolidación (amber), Nivel 3 Consolidada (bluish
/// green). Vermilion and green are slightly darker than Okabe–Ito so white labels on them
/// reach a 4,5:1 contrast.
pub const LEVELS: [Color; 3] = [Color(196, 78, 0), Color(230, 159, 0), Color(0, 130, 96)];

/// Series colours for olas and categories, in order of use.
pub const SERIES: [Color; 7] = [
    Color(0, 114, 178),   // blue
    Color(230, 159, 0),   // orange
    Color(0, 158, 115),   // bluish green
    Color(204, 121, 167), // reddish purple
    Color(86, 180, 233),  // sky blue
    Color(196, 78, 0),    // vermilion
    Color(102, 102, 102), // grey
];

/// Grey of missing data ("sin dato").
pub const MISSING: Color = Color(210, 210, 210);
/// Main text.
pub const INK: Color = Color(33, 37, 41);
/// Secondary text: notes, ticks, "sin dato".
pub const MUTED: Color = Color(95, 99, 104);
/// Gridlines and axes.
pub const GRID: Color = Color(222, 226, 230);
pub const AXIS: Color = Color(150, 155, 160);
pub const WHITE: Color = Color(255, 255, 255);

/// Light and dark ends of the sequential scale of tile maps.
pub const SCALE_LOW: Color = Color(222, 235, 247);
pub const SCALE_HIGH: Color = Color(8, 69, 148);

/// CSS hex notation: `Color(0, 114, 178)` → "#0072b2".
pub fn hex(c: Color) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

/// The `i`-th series colour, cycling.
pub fn series(i: usize) -> Color {
    SERIES[i % SERIES.len()]
}

/// Colours for a list of slice or series labels: the level palette when the labels are the
/// three maturity levels ("Nivel 1 …", "Nivel 2 …", "Nivel 3 …"), otherwise the series palette.
pub fn for_labels(labels: &[String]) -> Vec<Color> {
    let levels = labels.len() == 3
        && labels
            .iter()
            .enumerate()
            .all(|(i, l)| l.trim_start().starts_with(&format!("Nivel {}", i + 1)));
    if levels {
        LEVELS.to_vec()
    } else {
        (0..labels.len()).map(series).collect()
    }
}

/// Linear interpolation between two colours, `t` in 0–1.
pub fn mix(a: Color, b: Color, t: f64) -> Color {
    let t = t.clamp(0.0, 1.0);
    let channel = |x: u8, y: u8| (x as f64 + (y as f64 - x as f64) * t).round() as u8;
    Color(channel(a.0, b.0), channel(a.1, b.1), channel(a.2, b.2))
}

/// WCAG relative luminance.
fn luminance(c: Color) -> f64 {
    let lin = |v: u8| {
        let s = v as f64 / 255.0;
        if s <= 0.040_45 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(c.0) + 0.7152 * lin(c.1) + 0.0722 * lin(c.2)
}

/// WCAG contrast ratio between two colours (1–21).
pub fn contrast(a: Color, b: Color) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// Text colour (near-black or white) with the better contrast on `background`.
pub fn text_on(background: Color) -> Color {
    if contrast(INK, background) >= contrast(WHITE, background) {
        INK
    } else {
        WHITE
    }
}
