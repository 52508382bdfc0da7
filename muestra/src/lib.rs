//! `ssme-muestra`: deterministic synthetic sample workbooks for the III and IV olas, calibrated
//! so that the published decks' aggregate figures come out of the normal pipeline, and
//! synthetic olas of any size for benchmarks.
//!
//! Everything is driven by one ChaCha8 seed and fixed, ordered lists: the same seed writes
//! byte-identical workbooks.

mod calibrate;
mod maturity;
mod moda;
mod names;
mod ola3;
mod ola4;
mod personas;
mod write;

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use ssme::fields::FieldCatalog;
use ssme::methodology::{Methodology, Rule, Source, Variable};
use ssme::{Initiative, Project, Value};

pub use calibrate::{level_counts, round_pct};
pub use write::{write_workbook, ROW_TITLE};

/// Default seed of the committed sample.
pub const DEFAULT_SEED: u64 = 2021;

/// Initiatives of the III ola that answer the IV ola too (same id, name, department, sector).
pub const SHARED_III_IV: usize = 55;

/// Generated initiatives of the two sample olas (III first).
pub struct SampleOlas {
    pub iii: Vec<Initiative>,
    pub iv: Vec<Initiative>,
}

/// Generates both sample olas in memory.
pub fn generate(project: &Project, seed: u64) -> Result<SampleOlas> {
    let m3 = methodology(project, 3)?;
    let m4 = methodology(project, 4)?;
    let iii = ola3::generate(m3, &project.fields, seed)?;
    // Initiatives that repeat in the IV ola start from the score they had in the III ola.
    let prior = maturity::Prior::new(m3, &iii, ola3::PERIOD);
    let base = Some((&iii[..], &prior));
    let iv = ola4::generate(m4, &project.fields, seed.wrapping_add(1), 100, base)?;
    Ok(SampleOlas { iii, iv })
}

fn methodology(project: &Project, ola: u32) -> Result<&Methodology> {
    let cfg = project
        .ola(ola)
        .with_context(|| format!("la ola {ola} no está configurada"))?;
    project
        .methodology_of(cfg)
        .with_context(|| format!("la ola {ola} no tiene metodología"))
}

/// Writes the committed sample workbooks of the project (`only`: just one ola). Returns the
/// paths written.
pub fn write_sample(project: &Project, seed: u64, only: Option<u32>) -> Result<Vec<PathBuf>> {
    let olas = generate(project, seed)?;
    let mut written = Vec::new();
    for (numero, inits) in [(3u32, &olas.iii), (4, &olas.iv)] {
        if only.is_some_and(|o| o != numero) {
            continue;
        }
        let cfg = project
            .ola(numero)
            .with_context(|| format!("la ola {numero} no está configurada"))?;
        let path = cfg
            .workbook_path()
            .with_context(|| format!("la ola {numero} no tiene «libro»"))?;
        write_workbook(project, cfg, inits, &path, numero == 3)?;
        written.push(path);
    }
    if let Some(o) = only.filter(|o| *o != 3 && *o != 4) {
        anyhow::bail!("solo hay muestra para las olas 3 y 4 (se pidió la ola {o})");
    }
    Ok(written)
}

/// Writes a synthetic ola of `n` initiatives into `out`: `ola.yaml` (the IV ola's
/// configuration, renumbered after the folder name when it is a number) and its workbook.
pub fn write_big(project: &Project, seed: u64, n: usize, out: &Path) -> Result<PathBuf> {
    let cfg = project.ola(4).context("la ola 4 no está configurada")?;
    let inits = ola4::generate(methodology(project, 4)?, &project.fields, seed, n, None)?;
    std::fs::create_dir_all(out).with_context(|| format!("no se pudo crear {}", out.display()))?;
    let src = cfg.dir.join("ola.yaml");
    let mut text = std::fs::read_to_string(&src)
        .with_context(|| format!("no se pudo leer {}", src.display()))?;
    let numero = out
        .file_name()
        .and_then(|f| f.to_str())
        .and_then(|f| f.parse::<u32>().ok());
    if let Some(num) = numero {
        text = text.replacen(
            &format!("numero: {}", cfg.numero),
            &format!("numero: {num}"),
            1,
        );
    }
    text = text.replacen(
        &format!("categorizadas: {}", cfg.categorizadas.unwrap_or(0)),
        &format!("categorizadas: {n}"),
        1,
    );
    std::fs::write(out.join("ola.yaml"), text)?;
    let mut big = cfg.clone();
    big.dir = out.to_path_buf();
    let path = big.workbook_path().context("la ola 4 no tiene «libro»")?;
    write_workbook(project, &big, &inits, &path, false)?;
    Ok(path)
}

// --- Helpers shared by the ola generators ----------------------------------------------------

pub(crate) fn set_text(init: &mut Initiative, field: &str, v: impl Into<String>) {
    init.values.insert(field.to_string(), Value::Text(v.into()));
}

pub(crate) fn set_num(init: &mut Initiative, field: &str, v: i64) {
    init.values
        .insert(field.to_string(), Value::Number(v as f64));
}

pub(crate) fn set_choice(init: &mut Initiative, field: &str, v: &str) {
    init.values
        .insert(field.to_string(), Value::Choice(v.to_string()));
}

pub(crate) fn num(init: &Initiative, field: &str) -> i64 {
    init.number(field).unwrap_or(0.0) as i64
}

/// Sets a multi-select from indices into the field's options, in `data/campos.yaml` order.
pub(crate) fn set_choices(
    init: &mut Initiative,
    fields: &FieldCatalog,
    field: &str,
    chosen: &[usize],
) {
    if chosen.is_empty() {
        return;
    }
    let options = &fields
        .get(field)
        .unwrap_or_else(|| panic!("campo {field}"))
        .valores;
    let v = chosen
        .iter()
        .map(|&i| options.get_index(i).expect("option index").0.clone())
        .collect();
    init.values.insert(field.to_string(), Value::Choices(v));
}

/// The explicit «none of these» answer of a multi-select (option `ninguna`).
pub(crate) fn set_none(init: &mut Initiative, fields: &FieldCatalog, field: &str) {
    let options = &fields
        .get(field)
        .unwrap_or_else(|| panic!("campo {field}"))
        .valores;
    let i = options
        .get_index_of(ssme::aggregate::stats::NONE_OPTION)
        .unwrap_or_else(|| panic!("el campo {field} no ofrece «ninguna»"));
    set_choices(init, fields, field, &[i]);
}

pub(crate) fn variable<'m>(m: &'m Methodology, id: &str) -> &'m Variable {
    m.variables()
        .map(|(_, v)| v)
        .find(|v| v.id == id)
        .unwrap_or_else(|| panic!("variable {id}"))
}

/// Largest sensible answer of a numeric field, for picking values inside a level's range.
fn field_max(field: &str) -> i64 {
    match field {
        "sostenibilidad_meses" => 48,
        "equipo_profesionales" => 8,
        _ => 100,
    }
}

/// A random integer in `lo..=hi`, on a multiple of `step` when one is in range.
pub(crate) fn pick(lo: i64, hi: i64, step: i64, rng: &mut ChaCha8Rng) -> i64 {
    let x = rng.random_range(lo..=hi);
    let r = (x + step / 2) / step * step;
    if (lo..=hi).contains(&r) {
        r
    } else {
        x
    }
}

/// Writes the raw answer of a single-field variable so that its rule gives `level`:
/// categorical answers and thresholds on one field. Other rules are built by the callers.
pub(crate) fn set_level(init: &mut Initiative, var: &Variable, level: u8, rng: &mut ChaCha8Rng) {
    match &var.regla {
        Rule::Category { field, levels } => {
            let v = levels
                .iter()
                .find(|(_, &l)| l == level)
                .map(|(v, _)| v.clone())
                .expect("nivel");
            set_choice(init, field, &v);
        }
        Rule::Threshold {
            source: Source::Field(f),
            ..
        } => {
            let max = field_max(f);
            let (lo, hi) = calibrate::value_range(&var.regla, level, max).expect("rango");
            // Realistic answers: months in quarters, percentages in fives, teams as they come.
            let step = match f.as_str() {
                "sostenibilidad_meses" => 3,
                "equipo_profesionales" => 1,
                _ => 5,
            };
            let hi = if f == "equipo_profesionales" {
                hi.min(6)
            } else {
                hi
            };
            set_num(init, f, pick(lo, hi, step, rng));
        }
        _ => panic!("set_level: la variable {} no es de un solo campo", var.id),
    }
}

/// The overall score of an initiative, as the categorization publishes it.
pub fn score(m: &Methodology, init: &Initiative, period: i32) -> Option<f64> {
    ssme::categorize::categorize(m, init, period).score
}
