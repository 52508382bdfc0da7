//! Reference data of Colombia (`data/referencia/`): departments with DANE codes, capitals and
//! tile positions; DANE GEIH occupied population and RUES registered companies.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

use crate::text::key;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Department {
    pub codigo_dane: String,
    pub nombre: String,
    pub abreviatura: String,
    pub capital: String,
    pub latitud: f64,
    pub longitud: f64,
    pub fila: u32,
    pub columna: u32,
    #[serde(default)]
    pub alias: String,
}

#[derive(Debug, Deserialize)]
struct YearRow {
    departamento: String,
    anio: i32,
    #[serde(alias = "ocupados", alias = "empresas")]
    valor: u64,
}

/// Department name used for whole-country rows.
pub const NATIONAL: &str = "NACIONAL";

#[derive(Debug, Clone, Default)]
pub struct Reference {
    pub departments: Vec<Department>,
    by_key: BTreeMap<String, usize>,
    /// (department or NACIONAL, year) → occupied population (DANE GEIH).
    pub occupied: BTreeMap<(String, i32), u64>,
    /// (department or NACIONAL, year) → registered companies (RUES).
    pub companies: BTreeMap<(String, i32), u64>,
}

fn read_csv<T: serde::de::DeserializeOwned>(path: &Path) -> Result<Vec<T>> {
    let mut reader = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .from_path(path)
        .with_context(|| format!("no se pudo leer {}", path.display()))?;
    reader
        .deserialize()
        .enumerate()
        .map(|(i, r)| r.with_context(|| format!("{}: fila {} inválida", path.display(), i + 2)))
        .collect()
}

impl Reference {
    pub fn load(dir: &Path) -> Result<Self> {
        let mut departments: Vec<Department> = read_csv(&dir.join("departamentos.csv"))?;
        // Spanish alphabetical order (accents and case aside): Arauca after Antioquia, as the
        // decks list them; every table that walks the departments follows it.
        departments.sort_by_cached_key(|d| key(&d.nombre));
        let mut reference = Reference {
            departments,
            ..Default::default()
        };
        for (i, d) in reference.departments.iter().enumerate() {
            reference.by_key.insert(key(&d.nombre), i);
            for alias in d.alias.split(';').filter(|a| !a.trim().is_empty()) {
                reference.by_key.insert(key(alias), i);
            }
        }
        for (file, target) in [
            ("ocupados_dane.csv", &mut reference.occupied),
            ("empresas_rues.csv", &mut reference.companies),
        ] {
            let path = dir.join(file);
            for row in read_csv::<YearRow>(&path)? {
                let name = if row.departamento == NATIONAL {
                    NATIONAL.to_string()
                } else {
                    reference_name(&reference.by_key, &reference.departments, &row.departamento)
                        .with_context(|| {
                            format!(
                                "{}: departamento desconocido «{}»",
                                path.display(),
                                row.departamento
                            )
                        })?
                };
                target.insert((name, row.anio), row.valor);
            }
        }
        Ok(reference)
    }

    /// The official department for a name written with any case, accents or spacing, or an alias.
    pub fn department(&self, name: &str) -> Option<&Department> {
        self.by_key.get(&key(name)).map(|&i| &self.departments[i])
    }

    /// The official name closest to an unknown one, for "did you mean" messages.
    pub fn suggest(&self, name: &str) -> Option<&str> {
        let k = key(name);
        let mut best: Option<(f64, &str)> = None;
        for d in &self.departments {
            let candidates = std::iter::once(d.nombre.as_str()).chain(d.alias.split(';'));
            for c in candidates.filter(|c| !c.is_empty()) {
                let ck = key(c);
                // Prefix matches ("bogota" → "bogota d.c.") score high; otherwise Jaro-Winkler.
                let score = if ck.starts_with(&k) && k.len() >= 3 {
                    0.99
                } else {
                    strsim::jaro_winkler(&k, &ck)
                };
                if best.is_none_or(|(s, _)| score > s) {
                    best = Some((score, d.nombre.as_str()));
                }
            }
        }
        best.filter(|(s, _)| *s >= 0.75).map(|(_, n)| n)
    }
}

fn reference_name(
    by_key: &BTreeMap<String, usize>,
    departments: &[Department],
    name: &str,
) -> Option<String> {
    by_key
        .get(&key(name))
        .map(|&i| departments[i].nombre.clone())
}
