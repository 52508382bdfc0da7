//! Rendering: drawn pages → HTML through the templates (embedded defaults or the project's own),
//! charts inlined as SVG with their data table and a CSV download. Templates are parsed once
//! per build.

use std::path::Path;

use anyhow::{Context, Result};
use serde::Serialize;
use tera::Tera;

use super::draw::{Drawn, DrawnPage};
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

    /// The printable deck of an ola: every section in order, one page break per section,
    /// with the charts drawn for the section pages.
    pub fn print(&self, pages: &[DrawnPage], frame: &Frame, dir: &Path) -> Result<()> {
        let sections: Vec<PageContext> = pages.iter().map(context).collect();
        let mut ctx = tera::Context::new();
        ctx.insert("m", frame);
        ctx.insert("secciones_informe", &sections);
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
