//! A project folder: `ssme.yaml`, `data/`, `content/`, `templates/` and `output/` under one
//! root, and the configuration loaded from `ssme.yaml` and `data/`, checked for consistency
//! before any workbook is read.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

use crate::fields::{FieldCatalog, FieldType};
use crate::methodology::{Methodology, Rule};
use crate::ola::OlaConfig;
use crate::reference::Reference;
use crate::settings::Settings;
use crate::templates::Templates;

pub struct Project {
    pub root: PathBuf,
    /// `ssme.yaml`.
    pub settings: Settings,
    pub fields: FieldCatalog,
    pub methodologies: BTreeMap<String, Methodology>,
    pub olas: Vec<OlaConfig>,
    pub reference: Reference,
}

impl Project {
    pub fn data_dir(root: &Path) -> PathBuf {
        root.join("data")
    }

    pub fn load(root: &Path) -> Result<Project> {
        let data = Self::data_dir(root);
        if !data.is_dir() {
            bail!(
                "no se encontró la carpeta data/ en {}; indique la carpeta del proyecto con --root",
                root.display()
            );
        }
        let settings = Settings::load(root)?;
        let fields = FieldCatalog::load(&data.join("campos.yaml"))?;
        let methodologies = Methodology::load_all(&data.join("metodologias"))?;
        let olas = OlaConfig::load_all(&data.join("olas"))?;
        let reference = Reference::load(&data.join("referencia"))?;
        let project = Project {
            root: root.to_path_buf(),
            settings,
            fields,
            methodologies,
            olas,
            reference,
        };
        project.check_consistency()?;
        Ok(project)
    }

    /// The templates: the project's own files in `templates/`, else the embedded defaults.
    pub fn templates(&self) -> Templates {
        Templates::new(&self.root)
    }

    pub fn output_dir(&self) -> PathBuf {
        self.root.join("output")
    }

    /// Leaves the draft olas out (`borrador: true`); returns how many there were.
    pub fn drop_drafts(&mut self) -> usize {
        let before = self.olas.len();
        self.olas.retain(|o| !o.borrador);
        before - self.olas.len()
    }

    /// For the commands that take `--borradores` and `--ola N`: leaves the draft olas out
    /// unless `include`; asking for a draft by number without it says how to include it.
    pub fn select_drafts(&mut self, include: bool, asked: Option<u32>) -> Result<usize> {
        if include {
            return Ok(0);
        }
        if let Some(n) = asked.filter(|&n| self.ola(n).is_some_and(|o| o.borrador)) {
            bail!(
                "la ola {n} está en borrador («borrador: true» en su ola.yaml): \
                 --borradores la incluye"
            );
        }
        Ok(self.drop_drafts())
    }

    pub fn ola(&self, number: u32) -> Option<&OlaConfig> {
        self.olas.iter().find(|o| o.numero == number)
    }

    pub fn methodology_of(&self, ola: &OlaConfig) -> Option<&Methodology> {
        ola.metodologia
            .as_ref()
            .and_then(|m| self.methodologies.get(m))
    }

    /// Configuration mistakes that would make results wrong: stop before reading workbooks.
    fn check_consistency(&self) -> Result<()> {
        self.check_methodologies()?;
        self.olas.iter().try_for_each(|ola| self.check_ola(ola))
    }

    /// Every variable of every methodology uses known fields of a type its rule can read.
    fn check_methodologies(&self) -> Result<()> {
        for m in self.methodologies.values() {
            for (_, var) in m.variables() {
                for field in var.regla.fields() {
                    let f = self.fields.get(field).with_context(|| {
                        format!("data/metodologias, metodología «{}»: la variable «{}» usa el campo «{field}», que no está en campos.yaml", m.id, var.id)
                    })?;
                    let numeric = matches!(
                        f.tipo,
                        FieldType::Entero
                            | FieldType::Numero
                            | FieldType::Porcentaje
                            | FieldType::Anio
                    );
                    let ok = match &var.regla {
                        Rule::Threshold { .. } => numeric,
                        Rule::Category { levels, .. } => {
                            if let Some(v) = levels.keys().find(|v| !f.valores.contains_key(*v)) {
                                bail!("data/metodologias, metodología «{}»: la variable «{}» da nivel a «{v}», que no es una respuesta del campo «{field}»", m.id, var.id);
                            }
                            if let Some(v) = f.valores.keys().find(|v| !levels.contains_key(*v)) {
                                bail!("data/metodologias, metodología «{}»: la variable «{}» no da nivel a la respuesta «{v}» del campo «{field}»; cada respuesta posible lleva exactamente un nivel", m.id, var.id);
                            }
                            f.tipo == FieldType::Categoria
                        }
                        Rule::Recency { year_field, .. } => {
                            if field == year_field {
                                f.tipo == FieldType::Anio
                            } else {
                                f.tipo == FieldType::Categoria
                            }
                        }
                    };
                    if !ok {
                        bail!("data/metodologias, metodología «{}»: la variable «{}» no puede usar el campo «{field}» de tipo {}", m.id, var.id, f.tipo.name());
                    }
                }
            }
        }
        Ok(())
    }

    /// An ola's years, methodology, columns and translated answers name what exists.
    fn check_ola(&self, ola: &OlaConfig) -> Result<()> {
        let ctx = || format!("data/olas/{}/ola.yaml", ola.numero);
        crate::methodology::check::ola_years(ola).map_err(|e| anyhow::anyhow!("{}: {e}", ctx()))?;
        if ola.has_microdata() {
            let m = ola
                .metodologia
                .as_deref()
                .with_context(|| format!("{}: falta «metodologia»", ctx()))?;
            if !self.methodologies.contains_key(m) {
                bail!(
                    "{}: la metodología «{m}» no existe en data/metodologias/",
                    ctx()
                );
            }
        }
        for col in &ola.columnas {
            let f = self.fields.get(&col.campo).with_context(|| {
                format!(
                    "{}: la columna «{}» apunta al campo «{}», que no está en campos.yaml",
                    ctx(),
                    col.encabezado,
                    col.campo
                )
            })?;
            if let Some(opt) = &col.opcion {
                if f.tipo != FieldType::Multiple || !f.valores.contains_key(opt) {
                    bail!("{}: la columna «{}» marca la opción «{opt}», que no es una opción del campo «{}»", ctx(), col.encabezado, col.campo);
                }
            }
        }
        for (field, answers) in &ola.respuestas {
            let f = self.fields.get(field).with_context(|| {
                format!("{}: respuestas de un campo desconocido «{field}»", ctx())
            })?;
            for (text, value) in answers {
                if !f.valores.contains_key(value) {
                    bail!("{}: la respuesta «{text}» se traduce a «{value}», que no es un valor del campo «{field}»", ctx());
                }
            }
        }
        Ok(())
    }
}
