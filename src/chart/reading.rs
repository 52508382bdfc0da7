//! A chart's one-sentence reading, printed under it on its slide: what stands out in its data
//! (the largest item, or how few items make most of a Pareto), with the values as drawn.

use super::format::{cumulative, shares};
use super::{Chart, Kind, Unit};

/// The sentence, or None when the chart has no value to read.
pub(crate) fn reading(chart: &Chart) -> Option<String> {
    let unit = chart.unit;
    match &chart.kind {
        Kind::HBar {
            categories, values, ..
        } => {
            let items: Vec<(String, f64)> = named(categories, values.iter().copied());
            top_two(&items, unit)
        }
        Kind::Donut { labels, values, .. } => donut(labels, values),
        Kind::Stacked {
            rows,
            series,
            values,
            ..
        } => stacked(rows, series, values),
        Kind::Grouped {
            categories,
            series,
            values,
        } => grouped(categories, series, values, unit),
        Kind::Pareto { categories, values } => pareto(categories, values),
        Kind::Tiles { tiles } => {
            let items: Vec<(String, f64)> = tiles
                .iter()
                .filter_map(|t| Some((t.name.clone(), t.value.filter(|v| v.is_finite())?)))
                .collect();
            top_two(&items, unit)
        }
    }
}

/// The largest slice and its share.
fn donut(labels: &[String], values: &[f64]) -> Option<String> {
    let clean: Vec<f64> = values.iter().map(|v| clean(Some(*v))).collect();
    let parts = shares(&clean);
    let (i, share) = largest(&parts).filter(|(i, _)| clean[*i] > 0.0)?;
    Some(format!(
        "«{}» es la porción mayor: {} del total.",
        labels.get(i)?,
        Unit::Percent.label(share)
    ))
}

/// The largest segment of any row, as a share of its row.
fn stacked(rows: &[String], series: &[String], values: &[Vec<f64>]) -> Option<String> {
    let mut best: Option<(usize, usize, f64)> = None;
    for (r, row) in values.iter().enumerate() {
        let parts = shares(&row.iter().map(|v| clean(Some(*v))).collect::<Vec<_>>());
        if let Some((s, v)) = largest(&parts) {
            if v > 0.0 && best.is_none_or(|b| v > b.2) {
                best = Some((r, s, v));
            }
        }
    }
    let (r, s, v) = best?;
    Some(format!(
        "El segmento mayor es «{}» en «{}»: {}.",
        series.get(s)?,
        rows.get(r)?,
        Unit::Percent.label(v)
    ))
}

/// The highest bar of any series.
fn grouped(
    categories: &[String],
    series: &[String],
    values: &[Vec<Option<f64>>],
    unit: Unit,
) -> Option<String> {
    let mut best: Option<(usize, usize, f64)> = None;
    for (s, row) in values.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if let Some(v) = v.filter(|v| v.is_finite()) {
                if best.is_none_or(|b| v > b.2) {
                    best = Some((s, c, v));
                }
            }
        }
    }
    let (s, c, v) = best?;
    Some(format!(
        "El valor más alto es el de «{}» en «{}»: {}.",
        series.get(s)?,
        categories.get(c)?,
        unit.label(v)
    ))
}

/// The first category's share and how many categories make 80 % of the total.
fn pareto(categories: &[String], values: &[f64]) -> Option<String> {
    let clean: Vec<f64> = values.iter().map(|v| clean(Some(*v))).collect();
    let cum = cumulative(&clean);
    let first = cum.first().copied().filter(|v| *v > 0.0)?;
    let k = cum.iter().position(|c| *c >= 80.0 - 1e-9)? + 1;
    Some(format!(
        "«{}» concentra el {} del total; las {k} primeras categorías de {} reúnen el {}.",
        categories.first()?,
        Unit::Percent.label(first),
        categories.len(),
        Unit::Percent.label(cum[k - 1])
    ))
}

fn clean(v: Option<f64>) -> f64 {
    v.filter(|v| v.is_finite()).unwrap_or(0.0).max(0.0)
}

fn named(names: &[String], values: impl Iterator<Item = Option<f64>>) -> Vec<(String, f64)> {
    names
        .iter()
        .zip(values)
        .filter_map(|(n, v)| Some((n.clone(), v.filter(|v| v.is_finite())?)))
        .collect()
}

/// Index and value of the largest (the first one on ties).
fn largest(values: &[f64]) -> Option<(usize, f64)> {
    values
        .iter()
        .copied()
        .enumerate()
        .fold(None, |best, (i, v)| match best {
            Some((_, b)) if b >= v => best,
            _ => Some((i, v)),
        })
}

/// "The highest is A: x; then B: y." over the items with a value (ties keep the drawn order).
fn top_two(items: &[(String, f64)], unit: Unit) -> Option<String> {
    let mut order: Vec<&(String, f64)> = items.iter().collect();
    order.sort_by(|a, b| b.1.total_cmp(&a.1));
    let (name, v) = order.first()?;
    let mut out = format!("El valor más alto es el de «{name}»: {}", unit.label(*v));
    if let Some((next, w)) = order.get(1) {
        out.push_str(&format!("; le sigue «{next}»: {}", unit.label(*w)));
    }
    out.push('.');
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(kind: Kind, unit: Unit) -> Chart {
        Chart {
            id: "x".into(),
            title: "X".into(),
            kind,
            unit,
            note: None,
        }
    }

    #[test]
    fn bars_name_the_two_highest_skipping_sin_dato() {
        let c = chart(
            Kind::HBar {
                categories: vec!["A".into(), "B".into(), "C".into()],
                values: vec![Some(12.0), None, Some(47.0)],
                color: None,
            },
            Unit::Percent,
        );
        assert_eq!(
            reading(&c).unwrap(),
            "El valor más alto es el de «C»: 47 %; le sigue «A»: 12 %."
        );
    }

    #[test]
    fn donut_reads_the_share_of_its_largest_slice() {
        let c = chart(
            Kind::Donut {
                labels: vec!["Nivel 1".into(), "Nivel 2".into(), "Nivel 3".into()],
                values: vec![20.0, 50.0, 30.0],
                centre: None,
            },
            Unit::Count,
        );
        assert_eq!(
            reading(&c).unwrap(),
            "«Nivel 2» es la porción mayor: 50 % del total."
        );
    }

    #[test]
    fn pareto_counts_the_categories_up_to_eighty_percent() {
        let c = chart(
            Kind::Pareto {
                categories: vec!["a".into(), "b".into(), "c".into(), "d".into()],
                values: vec![50.0, 30.0, 15.0, 5.0],
            },
            Unit::Count,
        );
        assert_eq!(
            reading(&c).unwrap(),
            "«a» concentra el 50 % del total; las 2 primeras categorías de 4 reúnen el 80 %."
        );
    }

    #[test]
    fn no_value_no_reading() {
        let c = chart(
            Kind::HBar {
                categories: vec!["A".into()],
                values: vec![None],
                color: None,
            },
            Unit::Count,
        );
        assert_eq!(reading(&c), None);
    }
}
