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
    /// Problems as the user sees them: one per (grouped) line.
    errores: usize,
    avisos: usize,
    /// The cells those lines cover (a line can name 42 cells).
    celdas_con_error: usize,
    celdas_con_aviso: usize,
}

/// Lines and cells of one severity among grouped problems.
fn tally<'p>(problems: impl Iterator<Item = &'p Problem>, severity: Severity) -> (usize, usize) {
    problems
        .filter(|p| p.severity == severity)
        .fold((0, 0), |(lines, cells), p| (lines + 1, cells + p.count))
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
        .map(|o| {
            let own = || {
                problems
                    .iter()
                    .filter(|(n, _)| *n == o.config.numero)
                    .map(|(_, p)| p)
            };
            let (errores, celdas_con_error) = tally(own(), Severity::Error);
            let (avisos, celdas_con_aviso) = tally(own(), Severity::Warning);
            OlaSummary {
                numero: o.config.numero,
                etiqueta: o.config.etiqueta.clone(),
                archivo: o.file.clone(),
                detectado: o.detected.clone(),
                iniciativas: o.initiatives.len(),
                errores,
                avisos,
                celdas_con_error,
                celdas_con_aviso,
            }
        })
        .collect();
    let errors = tally(problems.iter().map(|(_, p)| p), Severity::Error);
    let warnings = tally(problems.iter().map(|(_, p)| p), Severity::Warning);
    match args.formato {
        Format::Json => print_json(&problems, summaries, errors.0, warnings.0)?,
        Format::Texto => print_text(&problems, &summaries, errors, warnings),
    }
    Ok(i32::from(errors.0 > 0))
}

/// Errors of every ola, then warnings, then the summary; `errors` and `warnings` as (lines,
/// cells).
fn print_text(
    problems: &[(u32, Problem)],
    olas: &[OlaSummary],
    errors: (usize, usize),
    warnings: (usize, usize),
) {
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
            "{} — {source}, {}, {}",
            o.etiqueta,
            lines(o.errores, o.celdas_con_error, "error(es)"),
            lines(o.avisos, o.celdas_con_aviso, "aviso(s)")
        );
    }
    if errors.0 > 0 {
        println!(
            "✗ {}: corríjalos y vuelva a ejecutar `ssme check`.",
            lines(errors.0, errors.1, "error(es)")
        );
    } else {
        println!(
            "✓ Los datos son válidos ({}).",
            lines(warnings.0, warnings.1, "aviso(s)")
        );
    }
}

/// «3 error(es)», or «3 error(es) en 45 celdas» when the lines cover more cells than lines.
fn lines(count: usize, cells: usize, what: &str) -> String {
    let int = |n: usize| crate::numfmt::int(n as i64);
    if cells > count {
        format!("{} {what} en {} celdas", int(count), int(cells))
    } else {
        format!("{} {what}", int(count))
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
