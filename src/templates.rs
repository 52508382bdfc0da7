//! Templates, styles and e-mail texts: the defaults are embedded in the binary, and a project
//! overrides any of them with a file of the same name in its own `templates/` (as mdBook does
//! with its theme). `ssme init --plantillas` copies the defaults out for editing.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, Context, Result};
use tera::Tera;

/// The repository's `templates/`, embedded at compile time.
#[derive(rust_embed::Embed)]
#[folder = "templates/"]
struct Defaults;

/// The templates a project uses: its own file when it has one, else the embedded default.
pub struct Templates {
    /// The project's `templates/` (it may not exist).
    dir: PathBuf,
}

impl Templates {
    pub fn new(project_root: &Path) -> Templates {
        Templates {
            dir: project_root.join("templates"),
        }
    }

    /// Every default file, by name ("base.html", "static/estilo.css", …), in name order.
    pub fn defaults() -> Vec<(String, Cow<'static, [u8]>)> {
        let mut names: Vec<String> = Defaults::iter().map(|n| n.into_owned()).collect();
        names.sort();
        names
            .into_iter()
            .filter_map(|n| Defaults::get(&n).map(|f| (n, f.data)))
            .collect()
    }

    /// The bytes of template `name`: the project's file if it has one, else the default.
    pub fn get(&self, name: &str) -> Result<Cow<'static, [u8]>> {
        let own = self.dir.join(name);
        if own.is_file() {
            let bytes = std::fs::read(&own)
                .with_context(|| format!("no se pudo leer {}", own.display()))?;
            return Ok(Cow::Owned(bytes));
        }
        Defaults::get(name)
            .map(|f| f.data)
            .with_context(|| format!("no existe la plantilla «{name}»"))
    }

    pub fn text(&self, name: &str) -> Result<String> {
        String::from_utf8(self.get(name)?.into_owned())
            .map_err(|_| anyhow!("la plantilla «{name}» no está en UTF-8"))
    }

    /// Names of the files under `prefix` ("static/"), defaults and the project's own together.
    pub fn names_under(&self, prefix: &str) -> Result<Vec<String>> {
        let mut names: BTreeSet<String> = Defaults::iter()
            .filter(|n| n.starts_with(prefix))
            .map(|n| n.into_owned())
            .collect();
        let own = self.dir.join(prefix);
        if own.is_dir() {
            for entry in walkdir::WalkDir::new(&own) {
                let entry =
                    entry.with_context(|| format!("no se pudo recorrer {}", own.display()))?;
                if entry.file_type().is_file() {
                    let rel = entry.path().strip_prefix(&self.dir).unwrap_or(entry.path());
                    names.insert(rel.to_string_lossy().replace('\\', "/"));
                }
            }
        }
        Ok(names.into_iter().collect())
    }

    /// A tera instance with the named templates (HTML autoescaped). With no names, every
    /// `.html` template, so that a page template can extend or include any other.
    pub fn tera(&self, names: &[&str]) -> Result<Tera> {
        let names: Vec<String> = if names.is_empty() {
            let mut all: BTreeSet<String> = BTreeSet::new();
            for n in Defaults::iter() {
                all.insert(n.into_owned());
            }
            all.extend(self.names_under("")?);
            all.into_iter().filter(|n| n.ends_with(".html")).collect()
        } else {
            names.iter().map(|n| n.to_string()).collect()
        };
        let mut sources = Vec::with_capacity(names.len());
        for name in names {
            let text = self.text(&name)?;
            sources.push((name, text));
        }
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html"]);
        tera.add_raw_templates(sources)
            .map_err(|e| anyhow!("{e:#}"))
            .with_context(|| format!("plantillas (propias en {})", self.dir.display()))?;
        Ok(tera)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_project_file_overrides_the_default_and_the_rest_stay() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(tmp.path().join("templates")).unwrap();
        std::fs::write(tmp.path().join("templates/base.html"), "propia").unwrap();
        let t = Templates::new(tmp.path());
        assert_eq!(t.text("base.html").unwrap(), "propia");
        let default = Templates::new(&tmp.path().join("no-existe"));
        assert_ne!(default.text("base.html").unwrap(), "propia");
        assert_eq!(
            t.text("index.html").unwrap(),
            default.text("index.html").unwrap()
        );
    }

    #[test]
    fn defaults_include_the_styles_and_mail_texts() {
        let names: Vec<String> = Templates::defaults().into_iter().map(|(n, _)| n).collect();
        for n in [
            "base.html",
            "static/estilo.css",
            "ficha.css",
            "correo/mensaje.md",
        ] {
            assert!(names.iter().any(|x| x == n), "falta {n}: {names:?}");
        }
    }
}
