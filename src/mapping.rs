//! `ssme mapear --ola N ARCHIVO`: a proposed `ola.yaml` for a new export. Each header is
//! matched to a canonical field by the question texts of the other olas' mappings and the
//! fields' descriptions; each answer text not yet accepted to a canonical value by the other
//! olas' answer texts and the labels. Every match carries its confidence and runner-up as a
//! comment; what could not be placed is listed at the top. The analyst's decisions already in
//! the ola's `ola.yaml` (its columns and answers) are kept on every run.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::Args;

use crate::fields::FieldType;
use crate::ola::OlaConfig;
use crate::project::Project;
use crate::text::key;
use crate::workbook::{self, cell};

mod render;
mod similarity;
use render::{render, separator_of};
pub use similarity::similarity;
use similarity::{header_similarity, normalized, period_of, rank, rank_by};

#[derive(Args)]
pub struct MapArgs {
    /// Número de la ola cuyo ola.yaml se propone (data/olas/N/ola.yaml).
    #[arg(long)]
    pub ola: u32,
    /// La exportación del formulario (xlsx, xls, ods o CSV).
    pub archivo: PathBuf,
}

/// Least confidence (0–1) for a proposal; below it the header or answer is left to decide.
pub const MIN_CONFIDENCE: f64 = 0.5;

/// What a column can be: a field, and for a one-column-per-option multi-select its option.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Target {
    field: String,
    option: Option<String>,
    separator: Option<String>,
}

/// Known texts of each target: other olas' headers, the field's id and description.
fn references(project: &Project, number: u32) -> Vec<(String, Target)> {
    let mut refs = Vec::new();
    // Question texts of each multi-select, to pair with its options' labels.
    let mut questions: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for ola in project.olas.iter().filter(|o| o.numero != number) {
        let period = Some(ola.period());
        for c in &ola.columnas {
            let c = crate::ola::Column {
                encabezado: normalized(&c.encabezado, period),
                ..c.clone()
            };
            let question = match c.encabezado.split_once(" [") {
                Some((q, _)) if c.opcion.is_some() => q.to_string(),
                _ => c.encabezado.clone(),
            };
            questions.entry(c.campo.clone()).or_default().push(question);
            let target = Target {
                field: c.campo.clone(),
                option: c.opcion.clone(),
                separator: c.separador.clone(),
            };
            // An option column's question, for an export that joins the options in one cell.
            if let Some((question, _)) =
                c.encabezado.split_once(" [").filter(|_| c.opcion.is_some())
            {
                let joined = Target {
                    field: c.campo.clone(),
                    option: None,
                    separator: Some(";".into()),
                };
                refs.push((question.to_string(), joined));
            }
            refs.push((c.encabezado.clone(), target));
        }
    }
    for f in project.fields.all() {
        let target = Target {
            field: f.id.clone(),
            option: None,
            separator: (f.tipo == FieldType::Multiple).then(|| ";".to_string()),
        };
        refs.push((f.id.replace('_', " "), target.clone()));
        let asked = questions.entry(f.id.clone()).or_default();
        asked.push(f.id.replace('_', " "));
        if let Some(d) = &f.descripcion {
            refs.push((d.clone(), target));
            asked.push(d.clone());
        }
        if f.tipo == FieldType::Multiple {
            // «Question [Option]» for an export with one column per option.
            for (value, label) in &f.valores {
                for q in asked.iter() {
                    let target = Target {
                        field: f.id.clone(),
                        option: Some(value.clone()),
                        separator: None,
                    };
                    refs.push((format!("{q} [{label}]"), target));
                }
            }
        }
    }
    refs.sort_by(|a, b| a.0.cmp(&b.0));
    refs.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);
    refs
}

fn pct(x: f64) -> String {
    crate::numfmt::dec(x, 2)
}

/// One header's proposal.
struct Proposal {
    header: String,
    col: u32,
    choice: Option<(f64, Target)>,
    runner_up: Option<(f64, Target)>,
    /// Kept from the existing ola.yaml: the analyst decided it.
    decided: bool,
}

pub fn run(root: &Path, args: &MapArgs) -> Result<i32> {
    let project = Project::load(root)?;
    let dir = project.root.join("data/olas").join(args.ola.to_string());
    let yaml_path = dir.join("ola.yaml");
    let existing = yaml_path
        .exists()
        .then(|| OlaConfig::load(&yaml_path))
        .transpose()?;
    let export = workbook::headers::read(&args.archivo, existing.as_ref())
        .map_err(|m| anyhow::anyhow!("{m}"))
        .with_context(|| format!("no se pudo leer {}", args.archivo.display()))?;
    let refs = references(&project, args.ola);
    let decided: BTreeMap<String, &crate::ola::Column> = existing
        .iter()
        .flat_map(|o| &o.columnas)
        .map(|c| (key(&c.encabezado), c))
        .collect();
    let period = existing
        .as_ref()
        .map(|o| o.period())
        .or_else(|| period_of(&export.headers));
    let mut proposals: Vec<Proposal> = Vec::new();
    for (col, header) in &export.headers {
        if let Some(c) = decided.get(&key(header)) {
            let target = Target {
                field: c.campo.clone(),
                option: c.opcion.clone(),
                separator: c.separador.clone(),
            };
            proposals.push(Proposal {
                header: header.clone(),
                col: *col,
                choice: Some((1.0, target)),
                runner_up: None,
                decided: true,
            });
            continue;
        }
        let ranked = rank_by(&normalized(header, period), &refs, header_similarity);
        let mut it = ranked.into_iter().map(|(s, t)| (s, t.clone()));
        proposals.push(Proposal {
            header: header.clone(),
            col: *col,
            choice: it.next().filter(|(s, _)| *s >= MIN_CONFIDENCE),
            runner_up: it.next(),
            decided: false,
        });
    }
    assign_once(&mut proposals);
    by_answers(&project, &export, &mut proposals);
    for p in &mut proposals {
        let Some((_, t)) = &mut p.choice else {
            continue;
        };
        let multiple = project
            .fields
            .get(&t.field)
            .is_some_and(|f| f.tipo == FieldType::Multiple);
        if multiple && t.option.is_none() && !p.decided {
            t.separator = Some(separator_of(export.values.get(&p.col)));
        }
    }
    let text = render(&project, args, existing.as_ref(), &export, &proposals);
    std::fs::create_dir_all(&dir).with_context(|| format!("no se pudo crear {}", dir.display()))?;
    std::fs::write(&yaml_path, &text)
        .with_context(|| format!("no se pudo escribir {}", yaml_path.display()))?;
    let placed = proposals.iter().filter(|p| p.choice.is_some()).count();
    println!(
        "✓ Propuesta escrita en data/olas/{}/ola.yaml: {placed} de {} encabezados asignados; revise los que quedan por decidir (al comienzo del archivo) y ejecute `ssme check --ola {}`.",
        args.ola,
        proposals.len(),
        args.ola
    );
    Ok(0)
}

/// Least mean similarity of a column's answers to a choice field's known answers for the
/// column to be proposed as that field when its header matched nothing.
const MIN_ANSWER_MATCH: f64 = 0.7;

/// Headers left unplaced whose answers are those of a choice field not yet taken (a question
/// re-worded beyond recognition still offers the same options).
fn by_answers(project: &Project, export: &workbook::headers::Export, proposals: &mut [Proposal]) {
    let taken: BTreeSet<String> = proposals
        .iter()
        .filter_map(|p| p.choice.as_ref().map(|c| c.1.field.clone()))
        .collect();
    let mut known: Vec<(&crate::fields::Field, Vec<(String, String)>)> = Vec::new();
    for f in project.fields.all() {
        if taken.contains(&f.id) || !matches!(f.tipo, FieldType::Categoria | FieldType::Multiple) {
            continue;
        }
        let mut texts: Vec<(String, String)> = f
            .valores
            .iter()
            .map(|(v, l)| (l.clone(), v.clone()))
            .collect();
        for o in &project.olas {
            for (t, v) in o.respuestas.get(&f.id).into_iter().flatten() {
                texts.push((t.clone(), v.clone()));
            }
        }
        known.push((f, texts));
    }
    let mut used: BTreeSet<String> = BTreeSet::new();
    for p in proposals
        .iter_mut()
        .filter(|p| p.choice.is_none() && !p.decided)
    {
        let values = export.values.get(&p.col).cloned().unwrap_or_default();
        let parts: Vec<&str> = values
            .iter()
            .flat_map(|v| v.split([';', ',']))
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        if parts.is_empty() {
            continue;
        }
        let best = known
            .iter()
            .filter(|(f, _)| !used.contains(&f.id))
            .map(|(f, texts)| {
                let mean = parts
                    .iter()
                    .map(|part| rank(part, texts).first().map_or(0.0, |r| r.0))
                    .sum::<f64>()
                    / parts.len() as f64;
                (mean, f)
            })
            .max_by(|a, b| a.0.total_cmp(&b.0));
        if let Some((mean, f)) = best.filter(|b| b.0 >= MIN_ANSWER_MATCH) {
            used.insert(f.id.clone());
            let separator = (f.tipo == FieldType::Multiple).then(|| separator_of(Some(&values)));
            p.choice = Some((
                mean * 0.9,
                Target {
                    field: f.id.clone(),
                    option: None,
                    separator,
                },
            ));
        }
    }
}

/// A target taken by two headers keeps the more confident one; the other is left to decide
/// (a canonical field has one column, or one per option).
fn assign_once(proposals: &mut [Proposal]) {
    let mut order: Vec<usize> = (0..proposals.len()).collect();
    order.sort_by(|&a, &b| {
        let score = |i: usize| proposals[i].choice.as_ref().map_or(-1.0, |c| c.0);
        (proposals[b].decided, score(b))
            .partial_cmp(&(proposals[a].decided, score(a)))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let mut taken: BTreeSet<(String, Option<String>)> = BTreeSet::new();
    for i in order {
        if let Some((_, t)) = &proposals[i].choice {
            if !taken.insert((t.field.clone(), t.option.clone())) {
                proposals[i].runner_up = proposals[i].choice.take();
            }
        }
    }
}
