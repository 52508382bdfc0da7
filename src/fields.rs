//! The canonical fields of an initiative (`data/campos.yaml`): what every ola's export is
//! translated to, with each field's type and allowed values.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, Result};
use serde::Deserialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FieldType {
    Texto,
    Entero,
    Numero,
    Porcentaje,
    Anio,
    Email,
    Departamento,
    Categoria,
    Multiple,
}

impl FieldType {
    /// What a valid cell of this type looks like, in Spanish, for error messages.
    pub fn expected(self) -> &'static str {
        match self {
            FieldType::Texto => "un texto",
            FieldType::Entero => "un número entero mayor o igual a 0",
            FieldType::Numero => "un número mayor o igual a 0",
            FieldType::Porcentaje => {
                "un porcentaje entre 0 y 100 (45, \"45 %\" o 0,45 en formato porcentaje)"
            }
            FieldType::Anio => "un año de cuatro cifras",
            FieldType::Email => "un correo electrónico (nombre@dominio)",
            FieldType::Departamento => "un departamento de Colombia",
            FieldType::Categoria => "una de las respuestas permitidas",
            FieldType::Multiple => "una o varias de las respuestas permitidas",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            FieldType::Texto => "texto",
            FieldType::Entero => "entero",
            FieldType::Numero => "número",
            FieldType::Porcentaje => "porcentaje",
            FieldType::Anio => "año",
            FieldType::Email => "correo",
            FieldType::Departamento => "departamento",
            FieldType::Categoria => "categoría",
            FieldType::Multiple => "selección múltiple",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct Field {
    pub id: String,
    pub tipo: FieldType,
    #[serde(default)]
    pub requerido: bool,
    #[serde(default)]
    pub descripcion: Option<String>,
    /// Allowed canonical values → Spanish label, in the order they are shown.
    #[serde(default)]
    pub valores: indexmap::IndexMap<String, String>,
    /// Percentage fields of one group must add up to 100.
    #[serde(default)]
    pub grupo: Option<String>,
    /// Count fields whose sum must not exceed the participating companies.
    #[serde(default)]
    pub grupo_conteo: Option<String>,
    #[serde(default)]
    pub usos: Vec<String>,
}

impl Field {
    pub fn label_of<'a>(&'a self, value: &'a str) -> &'a str {
        self.valores.get(value).map(String::as_str).unwrap_or(value)
    }
}

#[derive(Debug, Clone)]
pub struct FieldCatalog {
    fields: Vec<Field>,
    index: BTreeMap<String, usize>,
}

#[derive(Deserialize)]
struct FieldsFile {
    campos: Vec<Field>,
}

impl FieldCatalog {
    pub fn load(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("no se pudo leer {}", path.display()))?;
        let file: FieldsFile = serde_yaml::from_str(&text)
            .with_context(|| format!("{} no es un YAML de campos válido", path.display()))?;
        Self::new(file.campos)
    }

    pub fn new(fields: Vec<Field>) -> Result<Self> {
        let mut index = BTreeMap::new();
        for (i, field) in fields.iter().enumerate() {
            if index.insert(field.id.clone(), i).is_some() {
                anyhow::bail!("el campo «{}» está definido dos veces", field.id);
            }
        }
        Ok(Self { fields, index })
    }

    pub fn get(&self, id: &str) -> Option<&Field> {
        self.index.get(id).map(|&i| &self.fields[i])
    }

    pub fn all(&self) -> &[Field] {
        &self.fields
    }

    /// Percentage groups that must add to 100: group id → member field ids, in file order.
    pub fn share_groups(&self) -> indexmap::IndexMap<&str, Vec<&str>> {
        let mut groups: indexmap::IndexMap<&str, Vec<&str>> = indexmap::IndexMap::new();
        for field in &self.fields {
            if let Some(group) = &field.grupo {
                groups.entry(group).or_default().push(&field.id);
            }
        }
        groups
    }

    pub fn count_groups(&self) -> indexmap::IndexMap<&str, Vec<&str>> {
        let mut groups: indexmap::IndexMap<&str, Vec<&str>> = indexmap::IndexMap::new();
        for field in &self.fields {
            if let Some(group) = &field.grupo_conteo {
                groups.entry(group).or_default().push(&field.id);
            }
        }
        groups
    }
}
