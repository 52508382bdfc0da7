//! A variable's rule: how one initiative's answers become Nivel 1, 2 or 3.

use anyhow::{bail, Result};
use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use crate::initiative::Initiative;

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub enum Op {
    Lt,
    Le,
    Gt,
    Ge,
}

/// One side of a threshold, e.g. "<= 20".
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Bound {
    pub op: Op,
    pub value: f64,
}

impl Bound {
    pub fn parse(text: &str) -> Result<Bound> {
        let t = text.trim();
        let (op, rest) = if let Some(r) = t.strip_prefix("<=") {
            (Op::Le, r)
        } else if let Some(r) = t.strip_prefix(">=") {
            (Op::Ge, r)
        } else if let Some(r) = t.strip_prefix('<') {
            (Op::Lt, r)
        } else if let Some(r) = t.strip_prefix('>') {
            (Op::Gt, r)
        } else {
            bail!("umbral «{text}»: se espera un operador <, <=, > o >= seguido de un número");
        };
        let value: f64 =
            rest.trim().replace(',', ".").parse().map_err(|_| {
                anyhow::anyhow!("umbral «{text}»: «{}» no es un número", rest.trim())
            })?;
        Ok(Bound { op, value })
    }

    pub fn matches(&self, x: f64) -> bool {
        match self.op {
            Op::Lt => x < self.value,
            Op::Le => x <= self.value,
            Op::Gt => x > self.value,
            Op::Ge => x >= self.value,
        }
    }
}

/// Where a threshold rule takes its number from.
#[derive(Debug, Clone, Serialize)]
pub enum Source {
    Field(String),
    /// Sum of fields. With members missing the sum is only known to lie in a range (the
    /// answered members at least; at most 100 minus the answered `complement` shares when the
    /// members and the complement are shares of one whole); see [`Rule::level`].
    Sum {
        fields: Vec<String>,
        complement: Vec<String>,
    },
    /// numerator / denominator × 100, from counts; sin dato when the denominator is 0.
    Ratio(String, String),
}

impl Source {
    pub fn fields(&self) -> Vec<&str> {
        match self {
            Source::Field(f) => vec![f],
            Source::Sum { fields, complement } => fields
                .iter()
                .chain(complement)
                .map(String::as_str)
                .collect(),
            Source::Ratio(a, b) => vec![a, b],
        }
    }

    /// The value, or None when a member is missing (see [`Source::range`] for what is known).
    pub fn value(&self, init: &Initiative) -> Option<f64> {
        match self {
            Source::Field(f) => init.number(f),
            Source::Sum { fields, .. } => fields.iter().map(|f| init.number(f)).sum(),
            Source::Ratio(num, den) => {
                let d = init.number(den)?;
                let n = init.number(num)?;
                (d > 0.0).then(|| n / d * 100.0)
            }
        }
    }
}

impl Source {
    /// Lowest and highest value the answers allow: a sum with missing members (every answer
    /// is non-negative) lies between the answered members' sum and, for shares of a whole,
    /// 100 minus the answered shares of the rest of the whole.
    pub fn range(&self, init: &Initiative) -> Option<(f64, f64)> {
        let Source::Sum { fields, complement } = self else {
            return self.value(init).map(|x| (x, x));
        };
        let known: Vec<f64> = fields.iter().filter_map(|f| init.number(f)).collect();
        let low: f64 = known.iter().sum();
        if known.len() == fields.len() {
            return Some((low, low));
        }
        let rest: Vec<f64> = complement.iter().filter_map(|f| init.number(f)).collect();
        if known.is_empty() && rest.is_empty() {
            return None;
        }
        let high = if complement.is_empty() {
            f64::INFINITY
        } else {
            (100.0 - rest.iter().sum::<f64>()).max(low)
        };
        Some((low, high))
    }
}

#[derive(Debug, Clone, Serialize)]
pub enum Rule {
    Threshold {
        source: Source,
        level_1: Bound,
        level_3: Bound,
    },
    Category {
        field: String,
        levels: IndexMap<String, u8>,
    },
    /// Nivel 1 without a document; 3 if updated within `window_years` ending in the period
    /// (a later update counts too); 2 otherwise.
    Recency {
        field: String,
        yes: String,
        year_field: String,
        window_years: i32,
    },
}

impl Rule {
    /// The level of one initiative, or None when it has no data for this variable.
    pub fn level(&self, init: &Initiative, period: i32) -> Option<u8> {
        match self {
            Rule::Threshold {
                source,
                level_1,
                level_3,
            } => {
                // Thresholds are monotonic: when both ends of the possible range give the same
                // level, the answered members decide it; otherwise it is sin dato.
                let (low, high) = source.range(init)?;
                let level = |x: f64| {
                    if level_1.matches(x) {
                        1
                    } else if level_3.matches(x) {
                        3
                    } else {
                        2
                    }
                };
                (level(low) == level(high)).then(|| level(low))
            }
            Rule::Category { field, levels } => levels.get(init.choice(field)?).copied(),
            Rule::Recency {
                field,
                yes,
                year_field,
                window_years,
            } => {
                if init.choice(field)? != yes {
                    return Some(1);
                }
                let year = init.number(year_field)? as i32;
                Some(if period - year < *window_years { 3 } else { 2 })
            }
        }
    }

    /// Canonical fields the rule reads.
    pub fn fields(&self) -> Vec<&str> {
        match self {
            Rule::Threshold { source, .. } => source.fields(),
            Rule::Category { field, .. } => vec![field],
            Rule::Recency {
                field, year_field, ..
            } => vec![field, year_field],
        }
    }
}

#[derive(Deserialize)]
#[serde(tag = "tipo", rename_all = "lowercase", deny_unknown_fields)]
pub(super) enum RawRule {
    Umbral {
        #[serde(default)]
        campo: Option<String>,
        #[serde(default)]
        suma: Option<Vec<String>>,
        #[serde(default)]
        razon: Option<(String, String)>,
        /// With `suma`: shares that complete the summed ones to 100 %.
        #[serde(default)]
        complemento: Vec<String>,
        nivel_1: String,
        nivel_3: String,
    },
    Categoria {
        campo: String,
        niveles: IndexMap<String, u8>,
    },
    Vigencia {
        campo: String,
        si: String,
        anio: String,
        ventana_anios: i32,
    },
}

impl RawRule {
    pub(super) fn resolve(&self) -> Result<Rule> {
        Ok(match self {
            RawRule::Umbral {
                campo,
                suma,
                razon,
                complemento,
                nivel_1,
                nivel_3,
            } => {
                if !complemento.is_empty() && suma.is_none() {
                    bail!("«complemento» solo se usa con «suma»");
                }
                let source = match (campo, suma, razon) {
                    (Some(c), None, None) => Source::Field(c.clone()),
                    (None, Some(s), None) => Source::Sum {
                        fields: s.clone(),
                        complement: complemento.clone(),
                    },
                    (None, None, Some((a, b))) => Source::Ratio(a.clone(), b.clone()),
                    _ => bail!("una regla de umbral lleva exactamente uno de: campo, suma, razon"),
                };
                Rule::Threshold {
                    source,
                    level_1: Bound::parse(nivel_1)?,
                    level_3: Bound::parse(nivel_3)?,
                }
            }
            RawRule::Categoria { campo, niveles } => {
                if let Some((k, v)) = niveles.iter().find(|(_, v)| !(1..=3).contains(*v)) {
                    bail!("la respuesta «{k}» tiene nivel {v}; los niveles van de 1 a 3");
                }
                Rule::Category {
                    field: campo.clone(),
                    levels: niveles.clone(),
                }
            }
            RawRule::Vigencia {
                campo,
                si,
                anio,
                ventana_anios,
            } => Rule::Recency {
                field: campo.clone(),
                yes: si.clone(),
                year_field: anio.clone(),
                window_years: *ventana_anios,
            },
        })
    }
}
