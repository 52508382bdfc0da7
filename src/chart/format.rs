//! Number formatting per unit (Colombian style via `crate::numfmt`) and axis ticks.

use super::Unit;
use crate::numfmt;

impl Unit {
    /// Compact label drawn on the chart and used in alt text: "51 %", "0,8 %", "1,65", "1.234".
    pub(crate) fn label(self, v: f64) -> String {
        match self {
            Unit::Count => numfmt::dec(v, 0),
            // One decimal only where it matters (small shares such as 0,8 %).
            Unit::Percent if v.abs() < 10.0 && (v * 10.0).round() % 10.0 != 0.0 => {
                numfmt::pct(v, 1)
            }
            Unit::Percent => numfmt::pct_above_zero(v, 0),
            Unit::Score => numfmt::dec(v, 2),
            Unit::Millions if v.abs() < 100.0 => numfmt::dec(v, 1),
            Unit::Millions => numfmt::dec(v, 0),
        }
    }

    /// Table cell: a little more precision than the chart label.
    pub(crate) fn exact(self, v: f64) -> String {
        match self {
            Unit::Count => numfmt::dec(v, 0),
            Unit::Percent => numfmt::pct_above_zero(v, 1),
            Unit::Score => numfmt::dec(v, 2),
            Unit::Millions => numfmt::dec(v, 1),
        }
    }

    /// Axis tick label; decimals follow the tick step so 0,5 steps do not print as "1".
    pub(crate) fn tick(self, v: f64, step: f64) -> String {
        let decimals = if step >= 1.0 - 1e-9 {
            0
        } else if step >= 0.1 - 1e-9 {
            1
        } else {
            2
        };
        match self {
            Unit::Percent => numfmt::pct(v, decimals),
            _ => numfmt::dec(v, decimals),
        }
    }

    /// Spanish column header for the values.
    pub(crate) fn caption(self) -> &'static str {
        match self {
            Unit::Count => "Número",
            Unit::Percent => "Porcentaje",
            Unit::Score => "Puntaje (0 a 3)",
            Unit::Millions => "Millones de pesos",
        }
    }
}

/// A value axis from 0 to `top` in steps of `step`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Axis {
    pub top: f64,
    pub step: f64,
}

impl Axis {
    /// A "nice" axis (steps of 1, 2, 2,5 or 5 × 10ⁿ, about five ticks) covering `max`.
    /// Scores always use the full 0–3 scale so charts of different olas compare at a glance.
    pub(crate) fn for_values(unit: Unit, max: f64) -> Axis {
        if unit == Unit::Score && max <= 3.0 {
            return Axis {
                top: 3.0,
                step: 0.5,
            };
        }
        if !max.is_finite() || max <= 0.0 {
            return Axis {
                top: 1.0,
                step: 1.0,
            };
        }
        let raw = max / 5.0;
        let magnitude = 10f64.powf(raw.log10().floor());
        let step = [1.0, 2.0, 2.5, 5.0, 10.0]
            .iter()
            .map(|m| m * magnitude)
            .find(|s| *s >= raw)
            .unwrap_or(10.0 * magnitude);
        // Counts are whole numbers: no 0,5 steps.
        let step = if unit == Unit::Count {
            step.max(1.0)
        } else {
            step
        };
        let top = (max / step - 1e-9).ceil() * step;
        Axis { top, step }
    }

    /// Tick values from 0 to `top` inclusive.
    pub(crate) fn ticks(&self) -> Vec<f64> {
        let n = (self.top / self.step).round() as usize;
        (0..=n).map(|i| i as f64 * self.step).collect()
    }
}

/// A raw number for CSV: '.' decimal point, at most six decimals, no "-0".
pub(crate) fn raw(v: f64) -> String {
    let rounded = (v * 1e6).round() / 1e6;
    if rounded == 0.0 {
        "0".to_string()
    } else {
        format!("{rounded}")
    }
}

/// Shares in points (0–100) of each value in the total; all zeros when the total is not positive.
pub(crate) fn shares(values: &[f64]) -> Vec<f64> {
    let total: f64 = values.iter().map(|v| v.max(0.0)).sum();
    values
        .iter()
        .map(|v| {
            if total > 0.0 {
                v.max(0.0) / total * 100.0
            } else {
                0.0
            }
        })
        .collect()
}

/// Running cumulative percentage of the total; the last point is exactly 100 when the total is positive.
pub(crate) fn cumulative(values: &[f64]) -> Vec<f64> {
    let total: f64 = values.iter().map(|v| v.max(0.0)).sum();
    let mut running = 0.0;
    let mut out: Vec<f64> = values
        .iter()
        .map(|v| {
            running += v.max(0.0);
            if total > 0.0 {
                running / total * 100.0
            } else {
                0.0
            }
        })
        .collect();
    // Floating-point sums can end at 99,999…; the curve must visibly close at 100 %.
    if total > 0.0 {
        if let Some(last) = out.last_mut() {
            *last = 100.0;
        }
    }
    out
}
