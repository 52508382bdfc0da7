//! `ssme template`: starts a new ola with an `ola.yaml` mapped to the canonical headers and
//! marked as a draft, a blank canonical workbook (dropdowns for categorical answers, an
//! instructions sheet) and the sections of its report to write in `content/olas/N/`.

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

/// Canonical columns: the field id as header; one column per option for multiple choice.
pub fn canonical_columns(project: &Project) -> Vec<Column> {
    let mut columns = Vec::new();
    for field in project.fields.all() {
        if field.tipo == FieldType::Multiple {
            for (value, label) in &field.valores {
                columns.push(Column {
                    encabezado: format!("{} [{label}]", field.id),
                    campo: field.id.clone(),
                    separador: None,
                    opcion: Some(value.clone()),
                });
            }
        } else {
            columns.push(Column {
                encabezado: field.id.clone(),
                campo: field.id.clone(),
                separador: None,
                opcion: None,
            });
        }
    }
    columns
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
        fila_encabezado: 1,
        estilo: None,
        columnas: canonical_columns(project),
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
        "# {label} del SSME, creada con `ssme template`. Las columnas usan los encabezados canónicos;\n\
         # si el formulario exporta otros encabezados o textos de respuesta, cámbielos aquí.\n"
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

fn write_workbook(project: &Project, config: &OlaConfig, path: &std::path::Path) -> Result<()> {
    let mut wb = Workbook::new();
    wb.set_properties(
        &DocProperties::new()
            .set_creation_datetime(&ExcelDateTime::from_ymd(2000, 1, 1)?)
            .set_title(format!("SSME — {}", config.etiqueta)),
    );
    let bold = Format::new().set_bold().set_text_wrap();

    // Lists for long dropdowns live in their own sheet (Excel caps inline lists at 255 chars).
    let mut lists: Vec<(String, Vec<String>)> = vec![(
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

    let sheet = wb.add_worksheet().set_name("Respuestas")?;
    for (c, column) in config.columnas.iter().enumerate() {
        let c = c as u16;
        let field = project
            .fields
            .get(&column.campo)
            .expect("canonical columns");
        sheet.write_string_with_format(0, c, &column.encabezado, &bold)?;
        sheet.set_column_width(c, 18)?;
        sheet.insert_note(0, c, &Note::new(note_text(field)).set_author("ssme"))?;
        let validation = match field.tipo {
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
                DataValidation::new()
                    .allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0)),
            ),
            _ => None,
        };
        if let Some(v) = validation {
            let v = v.set_error_message(format!("Se espera {}.", field.tipo.expected()))?;
            sheet.add_data_validation(1, c, DATA_ROWS, c, &v)?;
        }
    }
    sheet.set_freeze_panes(1, 0)?;

    let info = wb.add_worksheet().set_name("Instrucciones")?;
    let lines = [
        format!("SSME — {} (año {})", config.etiqueta, config.anio),
        "Diligencie una fila por iniciativa en la hoja «Respuestas», a partir de la fila 2.".to_string(),
        "Cada encabezado es un campo canónico; su nota explica el tipo y las respuestas permitidas.".to_string(),
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

fn note_text(field: &Field) -> String {
    let mut text = format!(
        "{} ({})",
        field.descripcion.as_deref().unwrap_or(&field.id),
        field.tipo.name()
    );
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
