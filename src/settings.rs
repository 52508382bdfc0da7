//! Project settings (`ssme.yaml` at the project's root): what the site says about who publishes
//! it and how cautious it is. Every key is optional; a project without the file gets the
//! defaults.

use std::path::Path;

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

pub use crate::numfmt::DateLanguage;

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
    /// Public address of the site, if published: each page's canonical link, the absolute
    /// addresses of `sitemap.xml` (and of the Open Graph tags). Ends with `/` once loaded.
    pub url_base: Option<String>,
    /// Language of the dates written in words (`es` or `en`).
    pub idioma_fechas: DateLanguage,
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
            idioma_fechas: DateLanguage::Es,
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
        let mut settings: Settings = serde_yaml::from_str(&text).with_context(|| {
            format!("{} no es una configuración de proyecto válida", Self::FILE)
        })?;
        settings.check()?;
        settings.url_base = settings.url_base.as_deref().map(with_slash);
        Ok(settings)
    }

    /// The absolute address of a file of the site (`ola-4/perfil.html`), when the site has a
    /// public address.
    pub fn absolute_url(&self, path: &str) -> Option<String> {
        let base = url::Url::parse(&with_slash(self.url_base.as_deref()?)).ok()?;
        base.join(path).ok().map(String::from)
    }

    fn check(&self) -> Result<()> {
        if let Some(base) = &self.url_base {
            let ok = url::Url::parse(base).is_ok_and(|u| {
                matches!(u.scheme(), "http" | "https")
                    && u.query().is_none()
                    && u.fragment().is_none()
            });
            if !ok {
                anyhow::bail!(
                    "{}: «url_base» debe ser la dirección pública del sitio, con http:// o https:// \
                     (por ejemplo https://ssme.ejemplo.org/informes/), y no «{base}»",
                    Self::FILE
                );
            }
        }
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

/// A base address ends with `/`, so relative paths join below it, not beside it.
fn with_slash(base: &str) -> String {
    match base.ends_with('/') {
        true => base.to_string(),
        false => format!("{base}/"),
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

    #[test]
    fn url_base_gives_absolute_addresses_below_it() {
        let s: Settings =
            serde_yaml::from_str("url_base: https://ejemplo.org/ssme\nidioma_fechas: en\n")
                .unwrap();
        s.check().unwrap();
        assert_eq!(s.idioma_fechas, DateLanguage::En);
        assert_eq!(
            s.absolute_url("ola-4/perfil.html").as_deref(),
            Some("https://ejemplo.org/ssme/ola-4/perfil.html")
        );
        assert_eq!(Settings::default().absolute_url("index.html"), None);
        for bad in [
            "ejemplo.org",
            "ftp://ejemplo.org/",
            "https://ejemplo.org/?a=1",
            "javascript:alert(1)",
        ] {
            let s: Settings = serde_yaml::from_str(&format!("url_base: \"{bad}\"\n")).unwrap();
            let err = s.check().unwrap_err().to_string();
            assert!(err.contains("url_base"), "{bad}: {err}");
        }
    }
}
