//! Writes generated initiatives as an online-form export: the ola's headers in order on its
//! header row, answers as exported texts, and a "Léame" sheet saying the data are synthetic.

use std::path::Path;

use anyhow::{Context, Result};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};

use ssme::fields::FieldType;
use ssme::ola::OlaConfig;
use ssme::{Initiative, Project, Value};

/// Row (0-based) of the title line when the header is not on the first row.
pub const ROW_TITLE: u32 = 0;

const LEAME: &[&str] = &[
    "DATOS SINTÉTICOS DE MUESTRA",
    "",
    "Este libro contiene datos sintéticos de muestra generados con el comando `ssme sample`",
    "(semilla fija, el mismo archivo en cada ejecución). No son respuestas de ninguna iniciativa",
    "cluster real: los nombres, entidades, directores y correos (@example.org) son inventados.",
    "",
    "Las respuestas se eligieron para que el sistema reproduzca las cifras agregadas publicadas",
    "en los informes de resultados del SSME (III ola, febrero de 2021; IV ola, noviembre de 2022):",
    "iniciativas por departamento, macrosectores, empresas y empleos, y la distribución de niveles",
    "de cada variable de la categorización. Las cifras de una iniciativa individual no significan nada.",
    "",
    "Para regenerarlo: cargo run --release -- sample (véase docs/muestra.md).",
];

/// The text a form export shows for a canonical answer of `field`.
fn answer_text(project: &Project, ola: &OlaConfig, field: &str, value: &str) -> String {
    if let Some(map) = ola.respuestas.get(field) {
        if let Some((text, _)) = map.iter().find(|(_, v)| v.as_str() == value) {
            return text.clone();
        }
    }
    project
        .fields
        .get(field)
        .map(|f| f.label_of(value).to_string())
        .unwrap_or_else(|| value.to_string())
}

pub fn write_workbook(
    project: &Project,
    ola: &OlaConfig,
    inits: &[Initiative],
    path: &Path,
    pct_text: bool,
) -> Result<()> {
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(2022, 1, 1)?.and_hms(0, 0, 0)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(&format!(
                "Respuestas SSME — {} (datos sintéticos de muestra)",
                ola.etiqueta
            ))
            .set_author("ssme sample")
            .set_comment("Datos sintéticos de muestra; no son respuestas reales.")
            .set_creation_datetime(&created),
    );
    let bold = Format::new().set_bold();
    let sheet_name = ola.hoja.clone().unwrap_or_else(|| "Respuestas".to_string());
    let ws = wb.add_worksheet();
    ws.set_name(&sheet_name)?;
    let header_row = ola.fila_encabezado.max(1) - 1;
    if header_row > 0 {
        ws.write_string_with_format(
            ROW_TITLE,
            0,
            format!("Exportación del formulario SSME — {}", ola.etiqueta),
            &bold,
        )?;
    }
    for (c, col) in ola.columnas.iter().enumerate() {
        ws.write_string_with_format(header_row, c as u16, &col.encabezado, &bold)?;
        ws.set_column_width(c as u16, 18)?;
    }
    for (r, init) in inits.iter().enumerate() {
        let row = header_row + 1 + r as u32;
        for (c, col) in ola.columnas.iter().enumerate() {
            let c = c as u16;
            let Some(value) = init.values.get(&col.campo) else {
                continue;
            };
            match value {
                Value::Text(t) => {
                    ws.write_string(row, c, t)?;
                }
                Value::Number(x) => {
                    let pct = project
                        .fields
                        .get(&col.campo)
                        .is_some_and(|f| f.tipo == FieldType::Porcentaje);
                    // Some respondents type "45 %" in free-text percentage answers.
                    if pct_text && pct && r % 9 == 4 && x.fract() == 0.0 {
                        ws.write_string(row, c, format!("{x} %"))?;
                    } else {
                        ws.write_number(row, c, *x)?;
                    }
                }
                Value::Choice(v) => {
                    ws.write_string(row, c, answer_text(project, ola, &col.campo, v))?;
                }
                Value::Choices(vs) => {
                    if let Some(opt) = &col.opcion {
                        if vs.contains(opt) {
                            ws.write_string(row, c, "X")?;
                        }
                    } else {
                        let sep = match col.separador.as_deref() {
                            Some(",") => ", ".to_string(),
                            Some(";") | None => "; ".to_string(),
                            Some(s) => format!("{s} "),
                        };
                        let texts: Vec<String> = vs
                            .iter()
                            .map(|v| answer_text(project, ola, &col.campo, v))
                            .collect();
                        ws.write_string(row, c, texts.join(&sep))?;
                    }
                }
            }
        }
    }
    let readme = wb.add_worksheet();
    readme.set_name("Léame")?;
    readme.set_column_width(0, 100)?;
    for (i, line) in LEAME.iter().enumerate() {
        if i == 0 {
            readme.write_string_with_format(i as u32, 0, *line, &bold)?;
        } else if !line.is_empty() {
            readme.write_string(i as u32, 0, *line)?;
        }
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("no se pudo crear {}", dir.display()))?;
    }
    wb.save(path)
        .with_context(|| format!("no se pudo escribir {}", path.display()))?;
    Ok(())
}
