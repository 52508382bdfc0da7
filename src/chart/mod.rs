//! Charts (plotters): SVG for pages, cards and PDFs, plus the same data as alt text, a
//! formatted table and a CSV, so every figure stays accessible and downloadable.
//!
//! Each kind is laid out into a [`scene::Scene`] in logical pixels (which lets tests check
//! geometry directly) and drawn with plotters' SVG backend. Where a bitmap is needed (the
//! picture in an e-mail), that same SVG is rasterized ([`png_from_svg`]), so there is only
//! one drawing of each chart.

mod bars;
mod columns;
mod data;
mod donut;
mod format;
mod layout;
pub mod palette;
mod picture;
mod reading;
mod scene;
mod text;
mod tiles;

#[cfg(test)]
mod tests;

pub use picture::png_from_svg;

/// A chart of the report: data, how to show it and its Spanish texts.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// Slug used for file names and DOM ids, e.g. "ola-3-macrosectores".
    pub id: String,
    /// Spanish title, drawn on top of the chart and used as the SVG `<title>`.
    pub title: String,
    pub kind: Kind,
    /// How values are shown.
    pub unit: Unit,
    /// E.g. a source line; drawn under the chart and appended to the alt text.
    pub note: Option<String>,
}

/// How values are formatted (always Colombian style).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Whole numbers: 1.234.
    Count,
    /// Points 0–100: 45 %, 0,8 %.
    Percent,
    /// Maturity score 0–3 with two decimals: 1,65.
    Score,
    /// Millions of pesos: 1.234,5.
    Millions,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// Horizontal bars, one per category, in the given order. None = "sin dato" (no bar, label says "sin dato").
    HBar {
        categories: Vec<String>,
        values: Vec<Option<f64>>,
        color: Option<Color>,
    },
    /// 100 % stacked horizontal bars: one row per item, one segment per series; values are
    /// percentages per row (other values are normalised per row); segment labels inside when wide enough.
    Stacked {
        rows: Vec<String>,
        series: Vec<String>,
        values: Vec<Vec<f64>>,
        colors: Vec<Color>,
    },
    /// Donut with a legend and the percentage of each slice; optional centre text (e.g. "76 iniciativas").
    Donut {
        labels: Vec<String>,
        values: Vec<f64>,
        centre: Option<String>,
    },
    /// Vertical grouped bars: categories on x, one bar per series. `values` is `[series][category]`; None = no bar.
    Grouped {
        categories: Vec<String>,
        series: Vec<String>,
        values: Vec<Vec<Option<f64>>>,
    },
    /// Pareto: bars (sorted descending by the caller) plus the cumulative percentage on a right axis (0–100 %).
    Pareto {
        categories: Vec<String>,
        values: Vec<f64>,
    },
    /// Map-like tile grid of Colombia's departments, shaded by value; None = grey "sin dato".
    Tiles { tiles: Vec<Tile> },
}

/// One department of a tile map.
#[derive(Debug, Clone, PartialEq)]
pub struct Tile {
    /// Short label shown in the tile, e.g. "ANT".
    pub label: String,
    /// Full name, used in the table and alt text.
    pub name: String,
    pub row: u32,
    pub col: u32,
    pub value: Option<f64>,
}

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Color(pub u8, pub u8, pub u8);

/// The chart data as already formatted Spanish strings, for an HTML table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// Width of the PNG in pixels for a chart of standard width (1,5 pixels per logical pixel:
/// sharp on high-density screens at e-mail width). The SVG uses 800 logical pixels and scales
/// with CSS; charts widened for many categories get proportionally wider PNGs so their text
/// keeps the same size.
pub const PNG_WIDTH: u32 = 1200;

impl Chart {
    /// Self-contained, responsive SVG (viewBox, width 100 %) to inline in HTML, with
    /// `role="img"`, a `<title>` and a `<desc>` holding the alt text.
    pub fn svg(&self) -> String {
        let scene = self.scene();
        scene.to_svg(&self.id, &self.title, &self.alt_text())
    }

    /// The same chart as PNG bytes ([`PNG_WIDTH`] pixels wide for most charts): its SVG,
    /// rasterized.
    pub fn png(&self) -> anyhow::Result<Vec<u8>> {
        png_from_svg(&self.svg())
    }

    /// Spanish sentences describing the data, for `alt` attributes and screen readers.
    pub fn alt_text(&self) -> String {
        data::alt_text(self)
    }

    /// One sentence on what stands out in the data (its slide's reading); None without values.
    pub fn reading(&self) -> Option<String> {
        reading::reading(self)
    }

    /// The data as a table of formatted Spanish strings ("sin dato" for missing values).
    pub fn table(&self) -> Table {
        data::table(self)
    }

    /// The data as CSV: Spanish header, raw numbers with a '.' decimal point, empty for missing.
    pub fn csv(&self) -> String {
        data::csv(self)
    }

    /// Lays the chart out in logical pixels: title, body of the kind, note.
    fn scene(&self) -> scene::Scene {
        let mut frame = layout::Frame::new(&self.title, self.note.as_deref());
        match &self.kind {
            Kind::HBar {
                categories,
                values,
                color,
            } => bars::hbar(&mut frame, self.unit, categories, values, *color),
            Kind::Stacked {
                rows,
                series,
                values,
                colors,
            } => bars::stacked(&mut frame, rows, series, values, colors),
            Kind::Donut {
                labels,
                values,
                centre,
            } => donut::donut(&mut frame, self.unit, labels, values, centre.as_deref()),
            Kind::Grouped {
                categories,
                series,
                values,
            } => columns::grouped(&mut frame, self.unit, categories, series, values),
            Kind::Pareto { categories, values } => {
                columns::pareto(&mut frame, self.unit, categories, values)
            }
            Kind::Tiles { tiles } => tiles::tiles(&mut frame, self.unit, tiles),
        }
        frame.finish()
    }
}
