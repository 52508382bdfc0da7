//! The analyst's side of a fichas folder: `index.html` (every card with its level and score,
//! sortable) and the `fichas.csv` manifest that the e-mail command reads. Both list exactly
//! the cards present in the folder.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use anyhow::{anyhow, bail, Context, Result};
use serde::Serialize;
use tera::Tera;

use super::{file_id, file_stem, level_label, OlaCards};
use crate::dataset::OlaData;
use crate::numfmt::{self, SIN_DATO};
use crate::output::write as write_file;

/// File name of the manifest inside a fichas folder.
pub const MANIFEST: &str = "fichas.csv";
/// The manifest's columns; the e-mail command depends on exactly these.
/// The last four are the sentences the e-mail tells (empty when they do not apply).
pub const HEADER: [&str; 12] = [
    "id",
    "nombre",
    "director",
    "correo",
    "puntaje",
    "nivel",
    "html",
    "pdf",
    "puesto",
    "cambio",
    "area_fuerte",
    "primer_paso",
];

#[derive(Serialize)]
struct Row {
    id: String,
    nombre: String,
    departamento: String,
    macrosector: String,
    director: String,
    correo: String,
    /// "1,65" or empty.
    puntaje: String,
    /// Sort key: the raw score, -1 when missing.
    orden: String,
    /// "Nivel 2 — En consolidación" or empty.
    nivel: String,
    html: String,
    pdf: String,
    #[serde(skip)]
    story: super::story::Headlines,
}

#[derive(Serialize)]
struct IndexPage<'a> {
    ola: &'a str,
    periodo: i32,
    filas: &'a [Row],
    estilo: &'a str,
}

/// Two initiatives whose ids map to the same file name would overwrite each other's card.
pub fn check_unique_stems(ola: &OlaData) -> Result<()> {
    let mut seen = HashSet::new();
    for init in &ola.initiatives {
        if !seen.insert(file_id(init.id())) {
            bail!(
                "dos iniciativas de la {} darían el mismo nombre de ficha ({}); use códigos con letras, números y guiones",
                ola.config.etiqueta,
                file_id(init.id())
            );
        }
    }
    Ok(())
}

/// Before remaking one card, removes that initiative's previous files as the existing manifest
/// lists them (its name, and so its file name, may have changed).
pub fn remove_previous(dir: &Path, id: &str) -> Result<()> {
    let path = dir.join(MANIFEST);
    if !path.exists() {
        return Ok(());
    }
    let mut reader = csv::Reader::from_path(&path)
        .with_context(|| format!("no se pudo leer {}", path.display()))?;
    for row in reader.records() {
        let row = row.with_context(|| format!("{} está dañado", path.display()))?;
        if row.get(0) != Some(id) {
            continue;
        }
        // The HTML card and its PDF.
        let files = [
            row.get(6).unwrap_or_default(),
            row.get(7).unwrap_or_default(),
        ];
        // Only plain file names of this folder, as the manifest writes them.
        for f in files
            .iter()
            .filter(|f| !f.is_empty() && !f.contains('/') && !f.starts_with('.'))
        {
            let file = dir.join(f);
            if file.exists() {
                std::fs::remove_file(&file)
                    .with_context(|| format!("no se pudo borrar {}", file.display()))?;
            }
        }
    }
    Ok(())
}

/// Writes `index.html` and `fichas.csv` for every card present in `dir`, by id. `printed`: ids
/// whose PDF is being printed in this run.
pub fn write(
    tera: &Tera,
    css: &str,
    oc: &OlaCards,
    dir: &Path,
    printed: &[String],
) -> Result<usize> {
    let (ola, m) = (oc.ola, oc.m);
    let mut rows: BTreeMap<String, Row> = BTreeMap::new();
    for (i, (init, cat)) in ola.initiatives.iter().zip(&ola.categorizations).enumerate() {
        let stem = file_stem(init.id(), init.name());
        let html = format!("{stem}.html");
        if !dir.join(&html).exists() {
            continue;
        }
        let pdf = format!("{stem}.pdf");
        let has_pdf = printed.iter().any(|p| p == init.id()) || dir.join(&pdf).exists();
        let text = |f: &str| init.text(f).unwrap_or_default().to_string();
        rows.insert(
            init.id().to_string(),
            Row {
                id: init.id().to_string(),
                nombre: init.name().to_string(),
                departamento: text("departamento"),
                macrosector: init
                    .text("macrosector")
                    .map_or(SIN_DATO.into(), |v| oc.label("macrosector", v)),
                director: text("director_nombre"),
                correo: text("director_email"),
                puntaje: cat.score.map(|s| numfmt::dec(s, 2)).unwrap_or_default(),
                orden: cat.score.map_or("-1".into(), |s| format!("{s}")),
                nivel: cat.level.map(|l| level_label(m, l)).unwrap_or_default(),
                html,
                pdf: if has_pdf { pdf } else { String::new() },
                story: super::story::headlines(oc, i),
            },
        );
    }
    let rows: Vec<Row> = rows.into_values().collect();

    let path = dir.join(MANIFEST);
    let mut csv = crate::csvfile::Writer::in_memory();
    csv.write_record(HEADER)?;
    for r in &rows {
        csv.write_record([
            &r.id,
            &r.nombre,
            &r.director,
            &r.correo,
            &r.puntaje,
            &r.nivel,
            &r.html,
            &r.pdf,
            &r.story.rank,
            &r.story.change,
            &r.story.strongest,
            &r.story.first_step,
        ])?;
    }
    let bytes = csv.into_inner()?;
    write_file(&path, &bytes)?;

    let page = IndexPage {
        ola: &ola.config.etiqueta,
        periodo: ola.config.period(),
        filas: &rows,
        estilo: css,
    };
    let html = tera
        .render("fichas-indice.html", &tera::Context::from_serialize(&page)?)
        .map_err(|e| anyhow!("{e:#}"))
        .context("plantilla fichas-indice.html")?;
    write_file(&dir.join("index.html"), html.as_bytes())?;
    Ok(rows.len())
}
