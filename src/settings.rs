//! Project settings (`ssme.yaml` at the project root, optional). Only what the pipeline needs
//! from the project itself, never guessed from the data.

use std::path::Path;

use anyhow::{Context, Result};
use serde::Deserialize;

/// Printed on every page and card of a project whose settings declare it sample data.
pub const SAMPLE_NOTICE: &str = "Datos sintéticos de muestra: reproducen las cifras agregadas de los informes publicados, no las respuestas de ninguna iniciativa real.";

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// The project's data are synthetic sample data (the bundled example says so).
    pub muestra: bool,
}

impl Settings {
    pub const FILE: &'static str = "ssme.yaml";

    /// Reads `ssme.yaml` from the project root; without the file, the defaults (real data).
    pub fn load(root: &Path) -> Result<Settings> {
        let path = root.join(Self::FILE);
        if !path.exists() {
            return Ok(Settings::default());
        }
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("no se pudo leer {}", path.display()))?;
        if text.trim().is_empty() {
            return Ok(Settings::default());
        }
        serde_yaml::from_str(&text).with_context(|| {
            format!(
                "{} no es una configuración de proyecto válida",
                path.display()
            )
        })
    }

    /// The notice for pages and cards: only when the project declares itself sample data.
    pub fn notice(&self) -> Option<&'static str> {
        self.muestra.then_some(SAMPLE_NOTICE)
    }
}
