//! One ola's settings (`data/olas/<n>/ola.yaml`): its labels and dates, the methodology it
//! uses, and how its export maps to canonical fields. Olas without microdata carry a summary.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Column {
    pub encabezado: String,
    pub campo: String,
    /// Multi-select in one cell: the separator between chosen options.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub separador: Option<String>,
    /// Multi-select as one column per option: the canonical option this column marks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opcion: Option<String>,
}

/// How the export marks repeated and partial submissions (`envios:` in ola.yaml): the latest
/// complete submission of each initiative is read; the others are listed by `ssme check`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Submissions {
    /// Header of the submission's date and time («Marca temporal», `_submission_time`,
    /// `submitdate`, `EndDate`…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marca_temporal: Option<String>,
    /// Header of the column that marks a complete submission: empty, 0, «no» or «False» is
    /// incomplete (LimeSurvey's `submitdate`, Qualtrics' `Finished`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completo: Option<String>,
    /// Read incomplete submissions too (they are still listed).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub conservar_incompletos: bool,
}

/// The online form tool an export comes from: its header rows and the columns that tell
/// repeated and partial submissions apart (`estilo:` in ola.yaml; detected when absent).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExportStyle {
    GoogleForms,
    MicrosoftForms,
    Kobotoolbox,
    Limesurvey,
    Surveymonkey,
    Qualtrics,
    /// One header row, nothing else known.
    Plano,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Collection {
    pub inicio: String,
    pub fin: String,
}

/// Aggregate figures of an ola without microdata (olas I and II).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Summary {
    pub iniciativas: u32,
    #[serde(default)]
    pub departamentos: BTreeMap<String, u32>,
    /// Percentage of initiatives per macrosector, as printed by the decks.
    #[serde(default)]
    pub macrosectores: IndexMap<String, f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub empresas: Option<SummaryTotals>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub empleos: Option<SummaryTotals>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SummaryTotals {
    pub total: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anio_referencia: Option<i32>,
    #[serde(default)]
    pub departamentos: BTreeMap<String, u64>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OlaConfig {
    pub numero: u32,
    pub etiqueta: String,
    pub anio: i32,
    /// Year the answers describe (2019 for the III ola).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub periodo: Option<i32>,
    /// Earlier year asked for growth comparisons (2019 for the IV ola).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub periodo_anterior: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publicacion: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metodologia: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recoleccion: Option<Collection>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inscritas: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub categorizadas: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub libro: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hoja: Option<String>,
    #[serde(default = "default_header_row")]
    pub fila_encabezado: u32,
    /// The form tool that exported the file; detected from the headers when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estilo: Option<ExportStyle>,
    #[serde(default)]
    pub columnas: Vec<Column>,
    /// Repeated and partial submissions: which columns tell them apart.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub envios: Option<Submissions>,
    /// Field → answer text as exported → canonical value.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub respuestas: BTreeMap<String, IndexMap<String, String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resumen: Option<Summary>,
    /// A draft ola (being loaded): left out of `ssme build` unless `--borradores` is given.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub borrador: bool,
    /// How this ola's deck names a count, when not as the field does: the IV deck calls its
    /// participants «actores participantes» (companies and support entities alike).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub etiquetas: BTreeMap<String, String>,
    /// Folder of this ola (not in the file).
    #[serde(skip)]
    pub dir: PathBuf,
}

fn default_header_row() -> u32 {
    1
}

impl OlaConfig {
    pub fn load(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("no se pudo leer {}", path.display()))?;
        let mut ola: OlaConfig = serde_yaml::from_str(&text)
            .with_context(|| format!("{} no es una configuración de ola válida", path.display()))?;
        ola.dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        Ok(ola)
    }

    /// Loads every `data/olas/*/ola.yaml`, ordered by ola number.
    pub fn load_all(dir: &Path) -> Result<Vec<OlaConfig>> {
        let mut olas = Vec::new();
        for entry in walkdir::WalkDir::new(dir)
            .min_depth(2)
            .max_depth(2)
            .sort_by_file_name()
        {
            let entry = entry.with_context(|| format!("no se pudo recorrer {}", dir.display()))?;
            if entry.file_name() == "ola.yaml" {
                olas.push(OlaConfig::load(entry.path())?);
            }
        }
        olas.sort_by_key(|o| o.numero);
        for pair in olas.windows(2) {
            if pair[0].numero == pair[1].numero {
                anyhow::bail!("la ola {} está configurada dos veces", pair[0].numero);
            }
        }
        Ok(olas)
    }

    pub fn has_microdata(&self) -> bool {
        self.libro.is_some()
    }

    pub fn workbook_path(&self) -> Option<PathBuf> {
        self.libro.as_ref().map(|l| self.dir.join(l))
    }

    /// Options of a multi-select that this ola's questionnaire offered: its option columns, else
    /// the answer texts it maps, else every option of the field. Others are never 0 % bars.
    pub fn offered(&self, field: &crate::fields::Field) -> Vec<String> {
        let columns: Vec<&str> = self
            .columnas
            .iter()
            .filter(|c| c.campo == field.id)
            .filter_map(|c| c.opcion.as_deref())
            .collect();
        let mapped: Vec<&str> = self
            .respuestas
            .get(&field.id)
            .map(|r| r.values().map(String::as_str).collect())
            .unwrap_or_default();
        let listed = if !columns.is_empty() { columns } else { mapped };
        field
            .valores
            .keys()
            .filter(|v| listed.is_empty() || listed.contains(&v.as_str()))
            .cloned()
            .collect()
    }

    /// The label of a count in this ola: its `etiquetas:` entry, else `default`.
    pub fn label_for(&self, field: &str, default: &str) -> String {
        self.etiquetas
            .get(field)
            .cloned()
            .unwrap_or_else(|| default.to_string())
    }

    /// Short slug for URLs and folders: "ola-3".
    pub fn slug(&self) -> String {
        format!("ola-{}", self.numero)
    }

    /// The evaluated year, defaulting to the year before the ola.
    pub fn period(&self) -> i32 {
        self.periodo.unwrap_or(self.anio - 1)
    }
}
