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
    /// Sum of fields; sin dato if any is missing.
    Sum(Vec<String>),
    /// numerator / denominator × 100, from counts; sin dato when the denominator is 0.
    Ratio(String, String),
}

impl Source {
    pub fn fields(&self) -> Vec<&str> {
        match self {
            Source::Field(f) => vec![f],
            Source::Sum(fs) => fs.iter().map(String::as_str).collect(),
            Source::Ratio(a, b) => vec![a, b],
        }
    }

    pub fn value(&self, init: &Initiative) -> Option<f64> {
        match self {
            Source::Field(f) => init.number(f),
            Source::Sum(fs) => fs.iter().map(|f| init.number(f)).sum(),
            Source::Ratio(num, den) => {
                let d = init.number(den)?;
                let n = init.number(num)?;
                (d > 0.0).then(|| n / d * 100.0)
            }
        }
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
                let x = source.value(init)?;
                Some(if level_1.matches(x) {
                    1
                } else if level_3.matches(x) {
                    3
                } else {
                    2
                })
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
                nivel_1,
                nivel_3,
            } => {
                let source = match (campo, suma, razon) {
                    (Some(c), None, None) => Source::Field(c.clone()),
                    (None, Some(s), None) => Source::Sum(s.clone()),
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
