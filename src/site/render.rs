//! Rendering: drawn pages → HTML through the templates (embedded defaults or the project's own),
//! charts inlined as SVG with their data table and a CSV download. Templates are parsed once
//! per build.

use std::path::Path;

use anyhow::{Context, Result};
use serde::Serialize;
use tera::Tera;

use super::deck;
use super::draw::{Drawn, DrawnOla, DrawnPage};
use crate::output::write;
use crate::templates::Templates;

#[derive(Serialize, Clone)]
pub struct NavLink {
    pub titulo: String,
    pub url: String,
    pub actual: bool,
}

/// What every page needs besides its own blocks.
#[derive(Serialize, Clone)]
pub struct Frame {
    pub sitio: String,
    /// Relative prefix to the site root ("" or "../"), so the site works from file:// and subpaths.
    pub raiz: String,
    pub ola: Option<String>,
    pub secciones: Vec<NavLink>,
    pub olas: Vec<NavLink>,
    pub aviso: String,
    pub organizacion: String,
    pub contacto: Option<String>,
    pub logos: Vec<LogoLink>,
    /// The site's public address (`url_base` of `ssme.yaml`, ending with `/`), if published.
    pub url_base: Option<String>,
    /// This page's absolute address under `url_base` (its canonical link and Open Graph URL).
    pub canonica: Option<String>,
    /// Language of the dates written in words (`idioma_fechas` of `ssme.yaml`).
    pub idioma_fechas: crate::numfmt::DateLanguage,
    /// This page's own description (`site::description`).
    pub descripcion: String,
}

#[derive(Serialize, Clone)]
pub struct LogoLink {
    pub url: String,
    pub texto: String,
}

#[derive(Serialize)]
struct PageContext<'a> {
    titulo: &'a str,
    intro: Option<&'a str>,
    bloques: &'a [Drawn],
}

fn context<'a>(page: &'a DrawnPage) -> PageContext<'a> {
    PageContext {
        titulo: &page.page.title,
        intro: page.page.intro.as_deref(),
        bloques: &page.blocks,
    }
}

pub struct Renderer {
    tera: Tera,
}

impl Renderer {
    pub fn new(templates: &Templates) -> Result<Renderer> {
        Ok(Renderer {
            tera: templates.tera(&[])?,
        })
    }

    /// Renders a drawn page into `dir/<slug>` and writes its charts' CSVs into `dir/datos/`.
    pub fn page(&self, page: &DrawnPage, frame: &Frame, dir: &Path) -> Result<()> {
        for block in &page.blocks {
            if let Drawn::Grafico { csv, csv_data, .. } = block {
                write(&dir.join(csv), &super::downloads::csv_bytes(csv_data))?;
            }
        }
        let html = self.render(page.page.template, frame, &context(page))?;
        write(&dir.join(&page.page.slug), html.as_bytes())
    }

    /// The printable deck of an ola: its pages cut into slides (`deck`), each block drawn
    /// with the site's own block template, with the charts drawn for the section pages.
    pub fn print(&self, ola: &DrawnOla, frame: &Frame, dir: &Path) -> Result<()> {
        let source = format!(
            "Fuente: {}, Sistema de Seguimiento, Medición y Evaluación (SSME), {}.",
            frame.organizacion, ola.ola.etiqueta
        );
        let slides = deck::slides(ola, &source);
        let mut ctx = tera::Context::new();
        ctx.insert("m", frame);
        ctx.insert("diapositivas", &slides);
        ctx.insert("total", &slides.len());
        let date = publication_date(ola.ola.publicacion.as_deref(), frame.idioma_fechas);
        ctx.insert("fecha", &date);
        let html = self
            .tera
            .render("informe.html", &ctx)
            .map_err(|e| anyhow::anyhow!("{e:#}"))
            .context("plantilla informe.html")?;
        write(&dir.join("informe.html"), html.as_bytes())
    }

    pub fn render_with(
        &self,
        template: &str,
        frame: &Frame,
        extra: &[(&str, &dyn erased::Ser)],
    ) -> Result<String> {
        let mut ctx = tera::Context::new();
        ctx.insert("m", frame);
        for (k, v) in extra {
            ctx.insert(k.to_string(), &erased::Wrap(*v));
        }
        self.tera
            .render(template, &ctx)
            .map_err(|e| anyhow::anyhow!("{e:#}"))
            .with_context(|| format!("plantilla {template}"))
    }

    fn render(&self, template: &str, frame: &Frame, page: &PageContext) -> Result<String> {
        let mut ctx = tera::Context::new();
        ctx.insert("m", frame);
        ctx.insert("pagina", page);
        self.tera
            .render(template, &ctx)
            .map_err(|e| anyhow::anyhow!("{e:#}"))
            .with_context(|| format!("plantilla {template}"))
    }
}

/// The publication date in words ("2022-11-18" → "18 de noviembre de 2022", other text as
/// written); «sin fecha» when the ola does not give one (never the build's date, so a rebuild
/// prints the same deck).
fn publication_date(publicacion: Option<&str>, lang: crate::numfmt::DateLanguage) -> String {
    match publicacion.map(str::trim).filter(|p| !p.is_empty()) {
        Some(p) => crate::numfmt::date(p, lang),
        None => "sin fecha".to_string(),
    }
}

/// Lets `render_with` take heterogeneous serializable values.
pub mod erased {
    pub trait Ser {
        fn json(&self) -> serde_json::Value;
    }
    impl<T: serde::Serialize> Ser for T {
        fn json(&self) -> serde_json::Value {
            serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
        }
    }
    pub struct Wrap<'a>(pub &'a dyn Ser);
    impl serde::Serialize for Wrap<'_> {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            self.0.json().serialize(s)
        }
    }
}
