//! `ssme template`: starts a new ola with an `ola.yaml` mapped to the template's headers and
//! marked as a draft, a blank workbook (the questions in Spanish as headers, the canonical
//! field of each in a hidden first row and in the header's note, dropdowns for categorical
//! answers, an instructions sheet) and the sections of its report to write in
//! `content/olas/N/`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use rust_xlsxwriter::{
    DataValidation, DataValidationRule, DocProperties, ExcelDateTime, Format, Formula, Note,
    Workbook,
};

use crate::diagnostics::column_letters;
use crate::fields::{Field, FieldType};
use crate::ola::{Column, OlaConfig};
use crate::project::Project;

/// Rows of the blank workbook that carry validation dropdowns.
const DATA_ROWS: u32 = 2000;

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

/// Named lists for the dropdowns: departments and each categorical field's labels.
type Lists = Vec<(String, Vec<String>)>;

fn write_workbook(project: &Project, config: &OlaConfig, path: &std::path::Path) -> Result<()> {
    let mut wb = Workbook::new();
    wb.set_properties(
        &DocProperties::new()
            .set_creation_datetime(&ExcelDateTime::from_ymd(2000, 1, 1)?)
            .set_title(format!("SSME — {}", config.etiqueta)),
    );
    let bold = Format::new().set_bold().set_text_wrap();
    let lists = dropdown_lists(project);
    let sheet = wb.add_worksheet().set_name("Respuestas")?;
    let header = config.fila_encabezado - 1;
    for (c, column) in config.columnas.iter().enumerate() {
        let c = c as u16;
        let field = project
            .fields
            .get(&column.campo)
            .expect("canonical columns");
        // The canonical field above its question, in a row hidden from whoever fills it in.
        sheet.write_string(0, c, &field.id)?;
        sheet.write_string_with_format(header, c, &column.encabezado, &bold)?;
        sheet.set_column_width(c, 24)?;
        sheet.insert_note(header, c, &Note::new(note_text(field)).set_author("ssme"))?;
        if let Some(v) = validation(field, &lists)? {
            let v = v.set_error_message(format!("Se espera {}.", field.tipo.expected()))?;
            sheet.add_data_validation(header + 1, c, DATA_ROWS, c, &v)?;
        }
    }
    sheet.set_row_hidden(0)?;
    sheet.set_row_height(header, 90)?;
    sheet.set_freeze_panes(header + 1, 0)?;
    write_instructions(&mut wb, config)?;
    let list_sheet = wb.add_worksheet().set_name("Listas")?;
    for (c, (name, values)) in lists.iter().enumerate() {
        list_sheet.write_string_with_format(0, c as u16, name, &bold)?;
        for (r, v) in values.iter().enumerate() {
            list_sheet.write_string(r as u32 + 1, c as u16, v)?;
        }
    }
    wb.save(path)
        .with_context(|| format!("no se pudo escribir {}", path.display()))?;
    Ok(())
}

/// Lists for long dropdowns live in their own sheet (Excel caps inline lists at 255 chars).
fn dropdown_lists(project: &Project) -> Lists {
    let mut lists: Lists = vec![(
        "departamento".into(),
        project
            .reference
            .departments
            .iter()
            .map(|d| d.nombre.clone())
            .collect(),
    )];
    for f in project
        .fields
        .all()
        .iter()
        .filter(|f| f.tipo == FieldType::Categoria)
    {
        lists.push((f.id.clone(), f.valores.values().cloned().collect()));
    }
    lists
}

/// The dropdown or range a field's cells accept, if any.
fn validation(field: &Field, lists: &Lists) -> Result<Option<DataValidation>> {
    Ok(match field.tipo {
        FieldType::Multiple => Some(DataValidation::new().allow_list_strings(&["X"])?),
        FieldType::Categoria | FieldType::Departamento => {
            let key = if field.tipo == FieldType::Departamento {
                "departamento"
            } else {
                field.id.as_str()
            };
            let (i, (_, values)) = lists
                .iter()
                .enumerate()
                .find(|(_, (k, _))| k == key)
                .expect("listed");
            let col = column_letters(i as u32);
            Some(
                DataValidation::new().allow_list_formula(Formula::new(format!(
                    "=Listas!${col}$2:${col}${}",
                    values.len() + 1
                ))),
            )
        }
        FieldType::Porcentaje => Some(
            DataValidation::new().allow_decimal_number(DataValidationRule::Between(0.0, 100.0)),
        ),
        FieldType::Entero => Some(
            DataValidation::new().allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0)),
        ),
        _ => None,
    })
}

fn write_instructions(wb: &mut Workbook, config: &OlaConfig) -> Result<()> {
    let info = wb.add_worksheet().set_name("Instrucciones")?;
    let first = config.fila_encabezado + 1;
    let lines = [
        format!("SSME — {} (año {})", config.etiqueta, config.anio),
        format!("Diligencie una fila por iniciativa en la hoja «Respuestas», a partir de la fila {first}."),
        "Cada encabezado es una pregunta; su nota dice el campo canónico, el tipo y las respuestas permitidas. La fila 1, oculta, guarda el campo canónico de cada columna: no la borre.".to_string(),
        "Las respuestas de las listas desplegables deben elegirse tal cual.".to_string(),
        "En las preguntas de selección múltiple, marque con X cada opción elegida (una columna por opción).".to_string(),
        "Porcentajes: 45, «45 %» o 0,45 en una celda con formato de porcentaje.".to_string(),
        "Deje vacía la celda de una pregunta sin respuesta: se trata como «sin dato», nunca como 0.".to_string(),
        "Al terminar, ejecute `ssme check`: lista cada problema con su celda.".to_string(),
    ];
    info.set_column_width(0, 100)?;
    for (r, line) in lines.iter().enumerate() {
        info.write_string(r as u32, 0, line)?;
    }
    Ok(())
}

fn note_text(field: &Field) -> String {
    let mut text = format!("Campo canónico: {}", field.id);
    if let Some(d) = &field.descripcion {
        text.push_str(". ");
        text.push_str(d.trim().trim_end_matches('.'));
    }
    text.push_str(&format!(" ({})", field.tipo.name()));
    if field.requerido {
        text.push_str(". Obligatorio");
    }
    if !field.valores.is_empty() {
        text.push_str(". Respuestas: ");
        text.push_str(
            &field
                .valores
                .values()
                .cloned()
                .collect::<Vec<_>>()
                .join(" | "),
        );
    }
    text
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
