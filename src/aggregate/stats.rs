//! Small statistics over initiatives, all "sin dato"-aware: an initiative without the field
//! is left out of the denominator, and a figure nobody answered is None, never 0.

use indexmap::IndexMap;

use crate::fields::Field;
use crate::Initiative;

/// Sum of a numeric field over the initiatives that answered it; None if nobody did.
pub fn sum(inits: &[&Initiative], field: &str) -> Option<f64> {
    let values: Vec<f64> = inits.iter().filter_map(|i| i.number(field)).collect();
    (!values.is_empty()).then(|| values.iter().sum())
}

pub fn mean(inits: &[&Initiative], field: &str) -> Option<f64> {
    let values: Vec<f64> = inits.iter().filter_map(|i| i.number(field)).collect();
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

/// Count of answers per canonical value, in the field's order; with the number answered.
pub fn counts(inits: &[&Initiative], field: &Field) -> (IndexMap<String, usize>, usize) {
    let mut out: IndexMap<String, usize> = field.valores.keys().map(|k| (k.clone(), 0)).collect();
    let mut answered = 0;
    for i in inits {
        if let Some(v) = i.choice(&field.id) {
            *out.entry(v.to_string()).or_default() += 1;
            answered += 1;
        }
    }
    (out, answered)
}

/// Percentage (points) of the answering initiatives that chose each option of a multi-select.
pub fn chosen_shares(inits: &[&Initiative], field: &Field) -> Option<IndexMap<String, f64>> {
    let answered: Vec<&[String]> = inits.iter().filter_map(|i| i.choices(&field.id)).collect();
    if answered.is_empty() {
        return None;
    }
    Some(
        field
            .valores
            .keys()
            .map(|k| {
                let n = answered.iter().filter(|c| c.contains(k)).count();
                (k.clone(), n as f64 / answered.len() as f64 * 100.0)
            })
            .collect(),
    )
}

/// Percentage of `part / whole` (points), None when whole is 0.
pub fn pct(part: f64, whole: f64) -> Option<f64> {
    (whole > 0.0).then(|| part / whole * 100.0)
}

/// Counts of initiatives by a text field (e.g. department or sector), most frequent first,
/// ties by name, so output order is deterministic.
pub fn tally(inits: &[&Initiative], field: &str) -> Vec<(String, usize)> {
    let mut map: std::collections::BTreeMap<String, usize> = Default::default();
    for i in inits {
        if let Some(v) = i.text(field) {
            *map.entry(v.to_string()).or_default() += 1;
        }
    }
    let mut v: Vec<(String, usize)> = map.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

/// The explicit «none of these» answer of a multi-select: answered, no option mentioned.
pub const NONE_OPTION: &str = "ninguna";

/// True when a multi-select answer mentions at least one option (not «ninguna»).
pub fn mentions_any(chosen: &[String]) -> bool {
    chosen.iter().any(|c| c != NONE_OPTION)
}

/// Mentions of each option over the answers to a multi-select («ninguna» is no mention).
pub fn mentions(
    inits: &[&Initiative],
    field: &str,
    options: &[String],
) -> (IndexMap<String, usize>, usize) {
    let mut out: IndexMap<String, usize> = options.iter().map(|o| (o.clone(), 0)).collect();
    let mut total = 0;
    for c in inits.iter().filter_map(|i| i.choices(field)) {
        for v in c.iter().filter(|v| *v != NONE_OPTION) {
            *out.entry(v.clone()).or_default() += 1;
            total += 1;
        }
    }
    (out, total)
}

/// «7 de cada 10»: the share rounded to tenths of the base, as the decks say it.
pub fn in_ten(part: usize, whole: usize) -> Option<String> {
    (whole > 0).then(|| {
        let tenths = (part as f64 / whole as f64 * 10.0).round() as i64;
        format!("{tenths} de cada 10")
    })
}

/// The base printed with a share of initiatives: «de 76 iniciativas; 53 respondieron» (one
/// wording, [`super::measure::Base`]'s).
pub fn base_note(total: usize, answered: usize) -> String {
    super::measure::Base::AllInitiatives { total, answered }.describe()
}
