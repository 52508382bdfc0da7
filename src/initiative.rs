//! One initiative's answers in canonical form: what the reader produces and every later stage
//! reads.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;
use serde::{Serialize, Serializer};

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Value {
    /// texto, email and departamento (the official name).
    Text(String),
    /// entero, numero, porcentaje (points 0–100) and anio.
    Number(f64),
    /// categoria: the canonical value.
    Choice(String),
    /// multiple: canonical values in the order of `data/campos.yaml`.
    Choices(Vec<String>),
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Initiative {
    /// Spreadsheet row (1-based) it was read from, for messages.
    pub row: u32,
    /// Canonical field id → value. An absent field is "sin dato". Hashed: the aggregation
    /// looks fields up millions of times on a large ola, and ordered-map lookups of long ids
    /// with shared prefixes dominated its profile. Serialized in id order, for determinism.
    #[serde(serialize_with = "in_id_order")]
    pub values: FxHashMap<String, Value>,
}

fn in_id_order<S: Serializer>(values: &FxHashMap<String, Value>, s: S) -> Result<S::Ok, S::Error> {
    values.iter().collect::<BTreeMap<_, _>>().serialize(s)
}

impl Initiative {
    pub fn text(&self, field: &str) -> Option<&str> {
        match self.values.get(field) {
            Some(Value::Text(t)) | Some(Value::Choice(t)) => Some(t),
            _ => None,
        }
    }

    pub fn number(&self, field: &str) -> Option<f64> {
        match self.values.get(field) {
            Some(Value::Number(n)) => Some(*n),
            _ => None,
        }
    }

    pub fn choice(&self, field: &str) -> Option<&str> {
        match self.values.get(field) {
            Some(Value::Choice(c)) => Some(c),
            _ => None,
        }
    }

    pub fn choices(&self, field: &str) -> Option<&[String]> {
        match self.values.get(field) {
            Some(Value::Choices(c)) => Some(c),
            _ => None,
        }
    }

    pub fn has(&self, field: &str) -> bool {
        self.values.contains_key(field)
    }

    pub fn id(&self) -> &str {
        self.text("id").unwrap_or_default()
    }

    pub fn name(&self) -> &str {
        self.text("nombre").unwrap_or_default()
    }
}
