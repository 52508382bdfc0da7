//! Project settings (`ssme.yaml` at the project's root): what the site says about who publishes
//! it and how cautious it is. Every key is optional; a project without the file gets the
//! defaults.

use std::path::Path;

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

/// Printed on every page and card of a project whose data is a sample (`muestra: true`).
pub const SAMPLE_NOTICE: &str = "Datos sintéticos de muestra: reproducen las cifras agregadas de los informes publicados, no las respuestas de ninguna iniciativa real.";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// The data is a synthetic sample: every page says so.
    pub muestra: bool,
    /// Title of the site, in every page's header and `<title>`.
    pub titulo: String,
    /// Who publishes the results, in every page's footer.
    pub organizacion: String,
    /// Images shown in the header (files of the project, copied into the site).
    pub logos: Vec<Logo>,
    /// Address for questions about the results, in the footer.
    pub contacto: Option<String>,
    /// Public address of the site (for the links printed in e-mails and PDFs), if published.
    pub url_base: Option<String>,
    /// Groups describing fewer initiatives than this are not published.
    pub celda_minima: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Logo {
    /// Image file, relative to the project's root (e.g. `logos/red-cluster.svg`).
    pub archivo: String,
    /// Text alternative of the image.
    pub texto: String,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            muestra: false,
            titulo: "SSME — Iniciativas cluster de Colombia".into(),
            organizacion: "Red Cluster Colombia".into(),
            logos: Vec::new(),
            contacto: None,
            url_base: None,
            celda_minima: 3,
        }
    }
}

impl Settings {
    /// The settings file, at the project's root.
    pub const FILE: &'static str = "ssme.yaml";

    /// The notice for pages and cards: only when the project declares itself sample data.
    pub fn notice(&self) -> Option<&'static str> {
        self.muestra.then_some(SAMPLE_NOTICE)
    }

    /// Reads `ssme.yaml` from the project's root; the defaults when there is none.
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
        let settings: Settings = serde_yaml::from_str(&text).with_context(|| {
            format!("{} no es una configuración de proyecto válida", Self::FILE)
        })?;
        settings.check()?;
        Ok(settings)
    }

    fn check(&self) -> Result<()> {
        if self.celda_minima == 0 {
            anyhow::bail!("{}: «celda_minima» debe ser 1 o más", Self::FILE);
        }
        for logo in &self.logos {
            let path = Path::new(&logo.archivo);
            let inside = path
                .components()
                .all(|c| matches!(c, std::path::Component::Normal(_)));
            if !inside {
                anyhow::bail!(
                    "{}: el logo «{}» debe ser un archivo dentro del proyecto (ruta relativa, sin «..»)",
                    Self::FILE,
                    logo.archivo
                );
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_keys_take_the_defaults() {
        let s: Settings = serde_yaml::from_str("muestra: true\ncelda_minima: 5\n").unwrap();
        assert!(s.muestra);
        assert_eq!(s.celda_minima, 5);
        assert_eq!(s.titulo, Settings::default().titulo);
    }

    #[test]
    fn an_unknown_key_is_an_error() {
        assert!(serde_yaml::from_str::<Settings>("titluo: x\n").is_err());
    }

    #[test]
    fn a_logo_outside_the_project_is_refused() {
        let s: Settings = serde_yaml::from_str("logos: [{archivo: ../x.png, texto: X}]\n").unwrap();
        assert!(s.check().is_err());
    }
}
