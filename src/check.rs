//! `ssme check`: every problem of every ola (or one), identical ones grouped, errors before
//! warnings, a summary per ola; as text for the person fixing the data or as JSON for tools.

use std::path::Path;

use anyhow::Result;
use clap::{Args, ValueEnum};
use serde::Serialize;

use crate::dataset::Dataset;
use crate::diagnostics::{grouped, Problem, Severity};
use crate::project::Project;

#[derive(Args, Default)]
pub struct CheckArgs {
    /// Solo esta ola (su número).
    #[arg(long, value_name = "N")]
    pub ola: Option<u32>,
    /// Formato de la salida: texto para leer, json para otras herramientas.
    #[arg(long, value_enum, default_value_t = Format::Texto)]
    pub formato: Format,
}

#[derive(ValueEnum, Clone, Copy, Default, PartialEq, Eq)]
pub enum Format {
    #[default]
    Texto,
    Json,
}

/// One ola's line of the summary.
#[derive(Serialize)]
struct OlaSummary {
    numero: u32,
    etiqueta: String,
    /// The workbook read; None for an ola known only by its summary.
    archivo: Option<String>,
    /// How the export was read, when detected: CSV encoding and separator, export style.
    detectado: Option<String>,
    iniciativas: usize,
    errores: usize,
    avisos: usize,
}

/// One (grouped) problem as JSON: the same fields the text line shows.
#[derive(Serialize)]
struct JsonProblem<'a> {
    ola: u32,
    gravedad: &'static str,
    archivo: &'a str,
    hoja: Option<&'a str>,
    celdas: Option<&'a str>,
    cantidad: usize,
    encontrado: Option<&'a str>,
    mensaje: &'a str,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    valido: bool,
    errores: usize,
    avisos: usize,
    olas: Vec<OlaSummary>,
    problemas: Vec<JsonProblem<'a>>,
}

pub fn run(root: &Path, args: &CheckArgs) -> Result<i32> {
    let mut project = Project::load(root)?;
    if let Some(n) = args.ola {
        if !project.olas.iter().any(|o| o.numero == n) {
            let known: Vec<String> = project.olas.iter().map(|o| o.numero.to_string()).collect();
            anyhow::bail!(
                "no hay ola {n} en data/olas/; las olas configuradas son: {}",
                if known.is_empty() {
                    "ninguna".to_string()
                } else {
                    known.join(", ")
                }
            );
        }
        project.olas.retain(|o| o.numero == n);
    }
    if project.olas.is_empty() {
        println!(
            "✓ La configuración es válida. Todavía no hay olas en data/olas/: prepare la primera \
             con `ssme template --ola N` y diligencie su libro."
        );
        return Ok(0);
    }
    let mut data = Dataset::read(&project);
    // Categorizing lists the initiatives below the completeness rule with their empty cells.
    data.categorize();
    let problems: Vec<(u32, Problem)> = data
        .olas
        .iter()
        .flat_map(|o| {
            grouped(&o.problems)
                .into_iter()
                .map(|p| (o.config.numero, p))
        })
        .collect();
    let summaries: Vec<OlaSummary> = data
        .olas
        .iter()
        .map(|o| OlaSummary {
            numero: o.config.numero,
            etiqueta: o.config.etiqueta.clone(),
            archivo: o.file.clone(),
            detectado: o.detected.clone(),
            iniciativas: o.initiatives.len(),
            errores: o.errors(),
            avisos: o.warnings(),
        })
        .collect();
    let errors = data.errors();
    match args.formato {
        Format::Json => print_json(&problems, summaries, errors, data.warnings())?,
        Format::Texto => print_text(&problems, &summaries, errors, data.warnings()),
    }
    Ok(i32::from(errors > 0))
}

/// Errors of every ola, then warnings, then the summary.
fn print_text(problems: &[(u32, Problem)], olas: &[OlaSummary], errors: usize, warnings: usize) {
    for severity in [Severity::Error, Severity::Warning] {
        for (_, p) in problems.iter().filter(|(_, p)| p.severity == severity) {
            println!("{p}");
        }
    }
    if !problems.is_empty() {
        println!();
    }
    for o in olas {
        let detected = o
            .detectado
            .as_ref()
            .map(|d| format!(" ({d})"))
            .unwrap_or_default();
        let source = match &o.archivo {
            Some(f) => format!("{f}{detected}: {} iniciativas leídas", o.iniciativas),
            None => "resumen agregado (sin microdatos)".to_string(),
        };
        println!(
            "{} — {source}, {} error(es), {} aviso(s)",
            o.etiqueta, o.errores, o.avisos
        );
    }
    if errors > 0 {
        println!("✗ {errors} error(es): corríjalos y vuelva a ejecutar `ssme check`.");
    } else {
        println!("✓ Los datos son válidos ({warnings} aviso(s)).");
    }
}

fn print_json(
    problems: &[(u32, Problem)],
    olas: Vec<OlaSummary>,
    errors: usize,
    warnings: usize,
) -> Result<()> {
    let mut listed: Vec<JsonProblem> = Vec::new();
    for severity in [Severity::Error, Severity::Warning] {
        for (ola, p) in problems.iter().filter(|(_, p)| p.severity == severity) {
            listed.push(JsonProblem {
                ola: *ola,
                gravedad: if p.is_error() { "error" } else { "aviso" },
                archivo: &p.file,
                hoja: p.sheet.as_deref(),
                celdas: p.cell.as_deref(),
                cantidad: p.count,
                encontrado: p.found.as_deref(),
                mensaje: &p.message,
            });
        }
    }
    let report = JsonReport {
        valido: errors == 0,
        errores: errors,
        avisos: warnings,
        olas,
        problemas: listed,
    };
    println!("{}", serde_json::to_string_pretty(&report)?);
    Ok(())
}
