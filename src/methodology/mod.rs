//! The categorization methodology (`data/metodologias/*.yaml`): areas, variables, thresholds,
//! level texts and score aggregation. Both the categorization and the annex page read it.

pub mod check;
mod rule;

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};

pub use rule::{Bound, Op, Rule, Source};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LevelDef {
    pub numero: u8,
    pub nombre: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ScoreRule {
    pub agregacion: String,
    pub maximo: f64,
    pub decimales: u32,
    /// Ascending cut points: a score below cortes[0] is Nivel 1, and so on.
    pub cortes: Vec<f64>,
}

/// The minimum an initiative must answer to be categorized (`completitud:` in the YAML).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Completeness {
    /// Share (0–1) of the areas that must have at least one variable with data.
    pub minimo_areas: f64,
    /// Share (0–1) of all the methodology's variables that must have data.
    pub minimo_variables: f64,
}

impl Default for Completeness {
    /// Three of every four areas and half of the variables (6 of 8 areas and 9 of 18
    /// variables): a score then describes most of the initiative, never one or two lucky
    /// answers, while an initiative that left its company figures blank is still categorized.
    fn default() -> Self {
        Completeness {
            minimo_areas: 0.75,
            minimo_variables: 0.5,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Variable {
    pub id: String,
    pub nombre: String,
    pub regla: Rule,
    /// The criterion text of each level, Nivel 1 first.
    pub criterios: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Area {
    pub id: String,
    pub numero: u32,
    pub codigo: Option<String>,
    pub nombre: String,
    pub descripcion: String,
    pub variables: Vec<Variable>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Methodology {
    pub id: String,
    pub nombre: String,
    pub niveles: Vec<LevelDef>,
    pub puntaje: ScoreRule,
    pub completitud: Completeness,
    pub areas: Vec<Area>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVariable {
    id: String,
    nombre: String,
    regla: rule::RawRule,
    criterios: Vec<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawVariableRef {
    Id(String),
    Def(Box<RawVariable>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawArea {
    id: String,
    numero: u32,
    #[serde(default)]
    codigo: Option<String>,
    nombre: String,
    #[serde(default)]
    descripcion: String,
    variables: Vec<RawVariableRef>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMethodology {
    id: String,
    nombre: String,
    #[serde(default)]
    base: Option<String>,
    niveles: Vec<LevelDef>,
    puntaje: ScoreRule,
    #[serde(default)]
    completitud: Completeness,
    areas: Vec<RawArea>,
}

impl Methodology {
    /// Loads every methodology in `dir`, resolving `base:` references between files.
    pub fn load_all(dir: &Path) -> Result<BTreeMap<String, Methodology>> {
        let mut raws = BTreeMap::new();
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .with_context(|| format!("no se pudo leer la carpeta {}", dir.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
            .collect();
        entries.sort();
        for path in entries {
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("no se pudo leer {}", path.display()))?;
            let raw: RawMethodology = serde_yaml::from_str(&text)
                .with_context(|| format!("{} no es una metodología válida", path.display()))?;
            raws.insert(raw.id.clone(), (path, raw));
        }
        // Variables defined in full, by methodology, so `base:` files can reuse them by id.
        let mut defined: BTreeMap<String, BTreeMap<String, Variable>> = BTreeMap::new();
        for (id, (path, raw)) in &raws {
            let mut vars = BTreeMap::new();
            for area in &raw.areas {
                for v in &area.variables {
                    if let RawVariableRef::Def(def) = v {
                        let var = def.resolve().with_context(|| {
                            format!("{}: variable «{}»", path.display(), def.id)
                        })?;
                        vars.insert(var.id.clone(), var);
                    }
                }
            }
            defined.insert(id.clone(), vars);
        }
        let mut out = BTreeMap::new();
        for (id, (path, raw)) in raws {
            let m = raw
                .resolve(&defined)
                .with_context(|| format!("metodología {}", path.display()))?;
            let problems = check::problems(&m);
            if !problems.is_empty() {
                let name = path.file_name().unwrap_or_default().to_string_lossy();
                bail!(
                    "la metodología data/metodologias/{name} no es válida:\n{}",
                    problems
                        .iter()
                        .map(|p| format!("  - {name}: {p}"))
                        .collect::<Vec<_>>()
                        .join("\n")
                );
            }
            out.insert(id, m);
        }
        Ok(out)
    }

    pub fn variables(&self) -> impl Iterator<Item = (&Area, &Variable)> {
        self.areas
            .iter()
            .flat_map(|a| a.variables.iter().map(move |v| (a, v)))
    }

    pub fn variable_count(&self) -> usize {
        self.areas.iter().map(|a| a.variables.len()).sum()
    }

    pub fn level_name(&self, level: u8) -> &str {
        self.niveles
            .iter()
            .find(|l| l.numero == level)
            .map(|l| l.nombre.as_str())
            .unwrap_or("")
    }

    /// Cuts a (rounded) overall score into a level.
    pub fn level_of_score(&self, score: f64) -> u8 {
        1 + self.puntaje.cortes.iter().filter(|&&c| score >= c).count() as u8
    }

    /// Rounds a score the way it is published.
    pub fn round_score(&self, score: f64) -> f64 {
        let f = 10f64.powi(self.puntaje.decimales as i32);
        // Nudge by a tiny epsilon so 1.645 (stored as 1.64499…) rounds as people expect.
        ((score * f) + 1e-9).round() / f
    }
}

impl Area {
    /// "4 Gobernanza" (III ola) or "A3 Gobernanza" (IV ola), as the decks label areas.
    pub fn label(&self) -> String {
        let code = self
            .codigo
            .clone()
            .unwrap_or_else(|| self.numero.to_string());
        format!("{code} {}", self.nombre)
    }
}

impl RawVariable {
    fn resolve(&self) -> Result<Variable> {
        Ok(Variable {
            id: self.id.clone(),
            nombre: self.nombre.clone(),
            regla: self.regla.resolve()?,
            criterios: self.criterios.clone(),
        })
    }
}

impl RawMethodology {
    fn resolve(
        self,
        defined: &BTreeMap<String, BTreeMap<String, Variable>>,
    ) -> Result<Methodology> {
        if self.puntaje.agregacion != "media_de_areas" {
            bail!(
                "agregación de puntaje desconocida «{}» (se admite: media_de_areas)",
                self.puntaje.agregacion
            );
        }
        let c = &self.completitud;
        if !(0.0..=1.0).contains(&c.minimo_variables) || !(0.0..=1.0).contains(&c.minimo_areas) {
            bail!("completitud: «minimo_areas» y «minimo_variables» son proporciones entre 0 y 1");
        }
        if self.puntaje.cortes.len() + 1 != self.niveles.len() {
            bail!(
                "con {} niveles se esperan {} cortes de puntaje",
                self.niveles.len(),
                self.niveles.len() - 1
            );
        }
        let own = &defined[&self.id];
        let base = match &self.base {
            Some(b) => Some(
                defined
                    .get(b)
                    .with_context(|| format!("la metodología base «{b}» no existe"))?,
            ),
            None => None,
        };
        let mut areas = Vec::new();
        for raw_area in self.areas {
            let mut variables = Vec::new();
            for v in raw_area.variables {
                let var = match v {
                    RawVariableRef::Def(def) => own[&def.id].clone(),
                    RawVariableRef::Id(id) => {
                        base.and_then(|b| b.get(&id)).cloned().with_context(|| {
                            format!("la variable «{id}» no está definida en la metodología base")
                        })?
                    }
                };
                if var.criterios.len() != self.niveles.len() {
                    bail!(
                        "la variable «{}» tiene {} criterios y hay {} niveles",
                        var.id,
                        var.criterios.len(),
                        self.niveles.len()
                    );
                }
                variables.push(var);
            }
            areas.push(Area {
                id: raw_area.id,
                numero: raw_area.numero,
                codigo: raw_area.codigo,
                nombre: raw_area.nombre,
                descripcion: raw_area.descripcion,
                variables,
            });
        }
        Ok(Methodology {
            id: self.id,
            nombre: self.nombre,
            niveles: self.niveles,
            puntaje: self.puntaje,
            completitud: self.completitud,
            areas,
        })
    }
}
