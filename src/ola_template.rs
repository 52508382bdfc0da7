//! `ssme template`: starts a new ola with an `ola.yaml` mapped to the template's headers and
//! marked as a draft, a blank workbook (the questions in Spanish as headers, the canonical
//! field of each in a hidden first row and in the header's note, dropdowns for categorical
//! answers, an instructions sheet) and the sections of its report to write in
//! `content/olas/N/`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use anyhow::{bail, Context, Result};

use crate::fields::{Field, FieldType};
use crate::ola::{Column, OlaConfig};
use crate::project::Project;

mod workbook;
use workbook::write_workbook;

pub fn roman(n: u32) -> String {
    let table = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut n = n;
    let mut out = String::new();
    for (value, letters) in table {
        while n >= value {
            out.push_str(letters);
            n -= value;
        }
    }
    out
}

/// The template's columns, one per canonical field (one per option for multiple choice), each
/// headed by its question in Spanish for an ola of `period` (see `questions`).
pub fn canonical_columns(project: &Project, period: i32) -> Vec<Column> {
    let asked = questions(project, period);
    let mut columns = Vec::new();
    let mut seen = BTreeSet::new();
    for field in project.fields.all() {
        let mut question = asked
            .get(&field.id)
            .cloned()
            .unwrap_or_else(|| described(field));
        // Two fields never share a header: the reader binds headers to fields.
        if !seen.insert(crate::text::key(&question)) {
            question = format!("{question} ({})", field.id);
        }
        if field.tipo == FieldType::Multiple {
            for (value, label) in &field.valores {
                columns.push(Column {
                    encabezado: format!("{question} [{label}]"),
                    campo: field.id.clone(),
                    separador: None,
                    opcion: Some(value.clone()),
                });
            }
        } else {
            columns.push(Column {
                encabezado: question,
                campo: field.id.clone(),
                separador: None,
                opcion: None,
            });
        }
    }
    columns
}

/// The question each field was asked with in the latest ola that asked it (the part before
/// « [» for a one-column-per-option multi-select), its years moved to `period` («en 2021» of
/// the IV ola is «en 2023» for an ola of 2023).
fn questions(project: &Project, period: i32) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for ola in project.olas.iter().rev() {
        let shift = period - ola.period();
        for c in &ola.columnas {
            if out.contains_key(&c.campo) {
                continue;
            }
            let question = match c.encabezado.split_once(" [") {
                Some((q, _)) if c.opcion.is_some() => q,
                _ => c.encabezado.as_str(),
            };
            out.insert(c.campo.clone(), shift_years(question.trim(), shift));
        }
    }
    out
}

/// A field no ola asked yet: its description as the question, else its name in words.
fn described(field: &Field) -> String {
    match &field.descripcion {
        Some(d) => d.trim().trim_end_matches('.').to_string(),
        None => {
            let words = field.id.replace('_', " ");
            let mut chars = words.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        }
    }
}

/// Every four-digit year (1990–2100) of `text` moved by `shift` years.
fn shift_years(text: &str, shift: i32) -> String {
    let mut out = String::new();
    let mut digits = String::new();
    let flush = |digits: &mut String, out: &mut String| {
        match digits.parse::<i32>() {
            Ok(y) if digits.len() == 4 && (1990..=2100).contains(&y) => {
                out.push_str(&(y + shift).to_string())
            }
            _ => out.push_str(digits),
        }
        digits.clear();
    };
    for ch in text.chars() {
        if ch.is_ascii_digit() {
            digits.push(ch);
        } else {
            flush(&mut digits, &mut out);
            out.push(ch);
        }
    }
    flush(&mut digits, &mut out);
    out
}

pub fn create(
    project: &Project,
    number: u32,
    year: Option<i32>,
    methodology: Option<&str>,
) -> Result<PathBuf> {
    let dir = Project::data_dir(&project.root)
        .join("olas")
        .join(number.to_string());
    if dir.exists() {
        bail!(
            "ya existe {}; no se sobrescribe una ola existente",
            dir.display()
        );
    }
    let latest = project.olas.iter().rev().find(|o| o.has_microdata());
    let methodology = match methodology
        .map(str::to_string)
        .or_else(|| latest.and_then(|o| o.metodologia.clone()))
    {
        Some(m) if project.methodologies.contains_key(&m) => m,
        Some(m) => bail!("la metodología «{m}» no existe en data/metodologias/"),
        None => bail!("indique la metodología con --metodologia"),
    };
    let year = year
        .or_else(|| project.olas.last().map(|o| o.anio + 2))
        .context("indique el año con --anio")?;
    let label = format!("{} Ola", roman(number));
    let book = format!("respuestas-ola-{number}.xlsx");
    let config = OlaConfig {
        numero: number,
        etiqueta: label.clone(),
        anio: year,
        periodo: Some(year - 1),
        periodo_anterior: None,
        publicacion: None,
        metodologia: Some(methodology),
        recoleccion: None,
        inscritas: None,
        categorizadas: None,
        libro: Some(book.clone()),
        hoja: Some("Respuestas".into()),
        // Row 1 (hidden) holds the canonical fields; the questions head row 2.
        fila_encabezado: 2,
        estilo: None,
        columnas: canonical_columns(project, year - 1),
        envios: None,
        respuestas: Default::default(),
        resumen: None,
        borrador: true,
        etiquetas: Default::default(),
        dir: dir.clone(),
    };
    std::fs::create_dir_all(&dir).with_context(|| format!("no se pudo crear {}", dir.display()))?;
    let yaml = serde_yaml::to_string(&config)?;
    let head = format!(
        "# {label} del SSME, creada con `ssme template`. Las columnas usan las preguntas de la plantilla\n\
         # (fila 2; la fila 1, oculta, dice el campo canónico de cada una); si el formulario exporta\n\
         # otros encabezados o textos de respuesta, cámbielos aquí.\n"
    );
    std::fs::write(dir.join("ola.yaml"), head + &yaml)?;
    write_workbook(project, &config, &dir.join(&book))?;
    write_sections(project, &config)?;
    Ok(dir)
}

/// The sections of the ola's report, in `content/olas/N/`, for the analyst to write: file,
/// title and what the section says.
const SECTIONS: [(&str, &str, &str); 5] = [
    (
        "inicio",
        "{ola} del SSME (periodo {periodo})",
        "Qué midió la ola, cuándo y con cuántas iniciativas.",
    ),
    (
        "dimension-1",
        "Dimensión 1: Gestión de la iniciativa cluster",
        "Enfoque, estrategia, gobernanza y financiación de las iniciativas.",
    ),
    (
        "dimension-2",
        "Dimensión 2: Desempeño de las empresas participantes y el entorno",
        "Actores participantes, colaboración y empleo.",
    ),
    (
        "dimension-3",
        "Dimensión 3: Dinámica de la iniciativa cluster",
        "Las iniciativas en su territorio.",
    ),
    (
        "conclusiones",
        "Conclusiones y recomendaciones de la {ola}",
        "Lectura de los resultados y recomendaciones.",
    ),
];

/// Writes the section skeletons (never over a text that already exists).
fn write_sections(project: &Project, config: &OlaConfig) -> Result<()> {
    let dir = project
        .root
        .join("content/olas")
        .join(config.numero.to_string());
    std::fs::create_dir_all(&dir).with_context(|| format!("no se pudo crear {}", dir.display()))?;
    for (order, (file, title, summary)) in SECTIONS.iter().enumerate() {
        let path = dir.join(format!("{file}.md"));
        if path.exists() {
            continue;
        }
        let title = title
            .replace("{ola}", &config.etiqueta)
            .replace("{periodo}", &config.period().to_string());
        let text = format!(
            "---\ntitulo: {title:?}\norden: {order}\nresumen: {summary:?}\n---\n\n\
             *Texto por escribir: {summary} Las cifras y los gráficos de la sección se generan \
             desde los datos de la ola; este texto los presenta.*\n"
        );
        std::fs::write(&path, text)
            .with_context(|| format!("no se pudo escribir {}", path.display()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_move_with_the_period_and_nothing_else_does() {
        assert_eq!(
            shift_years("Ventas 2021 y apuestas 2022-2023 (código 12345, 99 %)", 2),
            "Ventas 2023 y apuestas 2024-2025 (código 12345, 99 %)"
        );
        assert_eq!(shift_years("en 1850", 2), "en 1850");
    }
}
