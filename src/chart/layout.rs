//! Shared layout: the frame (title on top, note below), word wrapping and legends.

use super::palette;
use super::scene::{Align, Scene, Shape, WIDTH};
use super::text::{Run, TextKind};
use super::Color;

/// Outer margin in logical pixels.
pub(crate) const PAD: f64 = 20.0;

/// A chart being laid out. Kinds draw their body starting at y = 0 between `left()` and
/// `right()`, then set `body_height`; [`Frame::finish`] adds the title and note around it.
pub(crate) struct Frame {
    pub scene: Scene,
    pub body_height: f64,
    title: String,
    note: Option<String>,
}

impl Frame {
    pub(crate) fn new(title: &str, note: Option<&str>) -> Frame {
        Frame {
            scene: Scene {
                width: WIDTH,
                height: 0.0,
                shapes: Vec::new(),
            },
            body_height: 0.0,
            title: title.trim().to_string(),
            note: note
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(String::from),
        }
    }

    pub(crate) fn left(&self) -> f64 {
        PAD
    }

    pub(crate) fn right(&self) -> f64 {
        self.scene.width - PAD
    }

    /// Inner width available to the body.
    pub(crate) fn inner(&self) -> f64 {
        self.right() - self.left()
    }

    /// Wraps the title above the body and the note below it.
    pub(crate) fn finish(mut self) -> Scene {
        let width = self.inner();
        let mut header = Vec::new();
        let mut y = PAD;
        for line in wrap(&self.title, TextKind::Title, width) {
            let h = TextKind::Title.line_height() + 3.0;
            header.push(label_shape(PAD, y + h / 2.0, line, TextKind::Title));
            y += h;
        }
        let top = if header.is_empty() { PAD } else { y + 14.0 };
        for shape in &mut self.scene.shapes {
            shape.shift_y(top);
        }
        let mut y = top + self.body_height;
        if let Some(note) = &self.note {
            y += 12.0;
            for line in wrap(note, TextKind::Note, width) {
                let h = TextKind::Note.line_height();
                header.push(label_shape(PAD, y + h / 2.0, line, TextKind::Note));
                y += h;
            }
        }
        self.scene.shapes.extend(header);
        self.scene.height = (y + PAD).ceil();
        self.scene
    }
}

fn label_shape(x: f64, y: f64, text: String, kind: TextKind) -> Shape {
    let mut scene = Scene {
        width: 0.0,
        height: 0.0,
        shapes: Vec::new(),
    };
    scene.text(x, y, text, kind, Align::Start);
    scene.shapes.pop().expect("one label")
}

impl Shape {
    pub(crate) fn shift_y(&mut self, dy: f64) {
        match self {
            Shape::Rect { y0, y1, .. } => {
                *y0 += dy;
                *y1 += dy;
            }
            Shape::Line { points, .. } | Shape::Polygon { points, .. } => {
                points.iter_mut().for_each(|p| p.1 += dy);
            }
            Shape::Circle { y, .. } => *y += dy,
            Shape::Text(label) => label.y += dy,
        }
    }
}

/// Greedy word wrap to `max` logical pixels; a word longer than a line is split by characters.
pub(crate) fn wrap(text: &str, kind: TextKind, max: f64) -> Vec<String> {
    // Each line is measured as it grows (`Run`), not again from its start for every word.
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut run = Run::default();
    for word in text.split_whitespace() {
        let grown = if current.is_empty() {
            kind.extend(Run::default(), word)
        } else {
            kind.extend(kind.extend(run, " "), word)
        };
        if kind.run_width(grown) <= max {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
            run = grown;
            continue;
        }
        if !current.is_empty() {
            lines.push(std::mem::take(&mut current));
        }
        // The word alone may still be too long: cut it where it overflows.
        run = Run::default();
        for ch in word.chars() {
            let mut buf = [0u8; 4];
            let ch_text = ch.encode_utf8(&mut buf);
            let grown = kind.extend(run, ch_text);
            current.push(ch);
            if kind.run_width(grown) > max && current.chars().count() > 1 {
                current.pop();
                lines.push(std::mem::take(&mut current));
                current.push(ch);
                run = kind.extend(Run::default(), ch_text);
            } else {
                run = grown;
            }
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

/// `text` cut with "…" to fit `max`; for tight spots whose full text is in the table and alt text.
pub(crate) fn ellipsize(text: &str, kind: TextKind, max: f64) -> String {
    if kind.width(text) <= max {
        return text.to_string();
    }
    let mut out: String = text.to_string();
    while !out.is_empty() && kind.width(&format!("{out}…")) > max {
        out.pop();
    }
    format!("{}…", out.trim_end())
}

/// Width of the widest of `texts` on one line; used to size label columns.
pub(crate) fn widest(texts: &[String], kind: TextKind) -> f64 {
    texts.iter().map(|t| kind.width(t)).fold(0.0, f64::max)
}

/// Side of a legend swatch.
const SWATCH: f64 = 13.0;

/// Width of a one-line legend of `items`.
pub(crate) fn legend_width(items: &[(String, Color)]) -> f64 {
    let sum: f64 = items
        .iter()
        .map(|(t, _)| SWATCH + 6.0 + TextKind::Label.width(t) + 22.0)
        .sum();
    (sum - 22.0).max(0.0)
}

/// Draws legend entries flowing left to right from (x, y), wrapping at `max_x`.
/// Returns the height used.
pub(crate) fn legend(
    scene: &mut Scene,
    items: &[(String, Color)],
    x: f64,
    y: f64,
    max_x: f64,
) -> f64 {
    let row_h = TextKind::Label.line_height() + 8.0;
    let (mut cx, mut cy) = (x, y);
    for (text, color) in items {
        let w = SWATCH + 6.0 + TextKind::Label.width(text);
        if cx > x && cx + w > max_x {
            cx = x;
            cy += row_h;
        }
        let mid = cy + row_h / 2.0;
        scene.rect(
            cx,
            mid - SWATCH / 2.0,
            cx + SWATCH,
            mid + SWATCH / 2.0,
            *color,
        );
        scene.text(
            cx + SWATCH + 6.0,
            mid,
            text.clone(),
            TextKind::Label,
            Align::Start,
        );
        cx += w + 22.0;
    }
    if items.is_empty() {
        0.0
    } else {
        cy + row_h - y
    }
}

/// A vertical legend (one entry per line) whose labels wrap within `max_x`; returns the height.
pub(crate) fn legend_column(
    scene: &mut Scene,
    items: &[(String, Color)],
    x: f64,
    y: f64,
    max_x: f64,
) -> f64 {
    let line_h = TextKind::Label.line_height();
    let text_x = x + SWATCH + 8.0;
    let mut cy = y;
    for (text, color) in items {
        let lines = wrap(text, TextKind::Label, max_x - text_x);
        let first_mid = cy + line_h / 2.0;
        scene.rect(
            x,
            first_mid - SWATCH / 2.0,
            x + SWATCH,
            first_mid + SWATCH / 2.0,
            *color,
        );
        for (i, line) in lines.iter().enumerate() {
            scene.text(
                text_x,
                first_mid + i as f64 * line_h,
                line.clone(),
                TextKind::Label,
                Align::Start,
            );
        }
        cy += lines.len().max(1) as f64 * line_h + 8.0;
    }
    cy - y
}

/// Thin horizontal gridline.
pub(crate) fn gridline(scene: &mut Scene, x0: f64, x1: f64, y: f64) {
    scene.line(vec![(x0, y), (x1, y)], palette::GRID, 1.0);
}
