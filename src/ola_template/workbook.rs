//! The blank workbook of a new ola: the questions in Spanish as headers, the canonical field
//! of each in a hidden first row and in the header's note, dropdowns for categorical answers
//! and an instructions sheet.

use anyhow::{Context, Result};
use rust_xlsxwriter::{
    DataValidation, DataValidationRule, DocProperties, ExcelDateTime, Format, Formula, Note,
    Workbook,
};

use crate::diagnostics::column_letters;
use crate::fields::{Field, FieldType};
use crate::ola::OlaConfig;
use crate::project::Project;

/// Rows of the blank workbook that carry validation dropdowns.
const DATA_ROWS: u32 = 2000;

/// Named lists for the dropdowns: departments and each categorical field's labels.
type Lists = Vec<(String, Vec<String>)>;

pub(super) fn write_workbook(
    project: &Project,
    config: &OlaConfig,
    path: &std::path::Path,
) -> Result<()> {
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
