//! A sheet's range into initiatives: the export's headers bound to the mapped fields (with the
//! nearest header named when one is missing), then every data row read in parallel.

use super::*;

pub(super) fn read_range(
    project: &Project,
    ola: &OlaConfig,
    range: &Grid,
    formats: &PercentFormats,
    out: &mut OlaRead,
) {
    let (file, sheet) = (out.file.clone(), out.sheet.clone());
    let header_row = ola.fila_encabezado.saturating_sub(1);
    let (Some(start), Some(end)) = (range.start(), range.end()) else {
        out.problems
            .push(Problem::error(&file, "la hoja está vacía").in_sheet(&sheet));
        return;
    };
    let empty = Data::Empty;
    let at = |r: u32, c: u32| range.get_value((r, c)).unwrap_or(&empty);

    // Header texts → column, by comparison key.
    let first: Vec<String> = (start.1..=end.1)
        .map(|c| cell::display(at(header_row, c)))
        .collect();
    let style = ola.estilo.unwrap_or_else(|| {
        let found = style::detect(&first);
        if found != ExportStyle::Plano {
            let note = format!(
                "estilo {} detectado por sus encabezados; «estilo:» en ola.yaml lo fija",
                style::name(found)
            );
            out.detected = Some(match out.detected.take() {
                Some(before) => format!("{before}; {note}"),
                None => note,
            });
        }
        found
    });
    let last_header = header_row + style::header_rows(style) - 1;
    let mut headers: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    let mut texts: Vec<(u32, String)> = Vec::new();
    for col in start.1..=end.1 {
        let names = style::column_names(style, header_row, col, start.1, &at);
        for (i, name) in names.into_iter().enumerate() {
            let k = key(&name);
            if k.is_empty() {
                continue;
            }
            let cols = headers.entry(k).or_default();
            if !cols.contains(&col) {
                cols.push(col);
            }
            if i == 0 {
                texts.push((col, name));
            }
        }
    }
    let yaml = ola_yaml_label(project, ola);
    // Headers no column of ola.yaml names: the candidates for a missing column's hint.
    let named: Vec<String> = ola.columnas.iter().map(|c| key(&c.encabezado)).collect();
    let unclaimed: Vec<&(u32, String)> = texts
        .iter()
        .filter(|(_, t)| !named.contains(&key(t)))
        .collect();
    let mut bound = Vec::new();
    for column in &ola.columnas {
        let field = project
            .fields
            .get(&column.campo)
            .expect("checked when the project loads");
        let Some(cols) = headers.get(&key(&column.encabezado)) else {
            out.problems.push(
                Problem::error(
                    &file,
                    format!(
                        "falta la columna «{}» (campo «{}») en la fila de encabezados {}; {}",
                        column.encabezado,
                        field.id,
                        ola.fila_encabezado,
                        nearest_hint(&column.encabezado, &unclaimed, &yaml)
                    ),
                )
                .in_sheet(&sheet),
            );
            continue;
        };
        if cols.len() > 1 {
            // Reading either column could silently miscategorize every initiative.
            let named: Vec<String> = cols.iter().map(|&c| cell_ref(header_row, c)).collect();
            out.problems.push(
                Problem::error(
                    &file,
                    format!(
                        "el encabezado «{}» (campo «{}») aparece en varias columnas ({}); \
                         deje uno solo",
                        column.encabezado,
                        field.id,
                        named.join(" y ")
                    ),
                )
                .at(&sheet, named.join(", ")),
            );
            continue;
        }
        let col = cols[0];
        let scale = if field.tipo == FieldType::Porcentaje {
            PercentScale::detect(range.column_after(last_header, col))
        } else {
            PercentScale::Points
        };
        let answers = matches!(field.tipo, FieldType::Categoria | FieldType::Multiple)
            .then(|| Answers::new(field, ola.respuestas.get(&field.id)))
            .map(|mut a| {
                a.home = format!("{yaml} › respuestas › {}", field.id);
                a
            });
        let first = !out.columns.contains_key(&field.id);
        out.columns.entry(field.id.clone()).or_insert(col);
        bound.push(Bound {
            first,
            col,
            field,
            separator: column.separador.as_deref(),
            option: column.opcion.as_deref(),
            scale,
            answers,
        });
    }
    for field in project.fields.all().iter().filter(|f| f.requerido) {
        if !ola.columnas.iter().any(|c| c.campo == field.id) {
            out.problems.push(Problem::error(
                &file,
                format!(
                    "ola.yaml no asigna ninguna columna al campo requerido «{}»",
                    field.id
                ),
            ));
        }
    }

    // Rows are independent: read them in parallel, then merge in row order so the problems
    // come out in the same order on every run.
    // Only rows holding a value: the others would yield nothing.
    let mut row_numbers = range.rows_after(last_header);
    let envios = ola
        .envios
        .clone()
        .or_else(|| style::submissions(style, |k| headers.contains_key(k)));
    if let Some(settings) = &envios {
        let find = |header: &Option<String>| -> Result<Option<u32>, Box<Problem>> {
            let Some(header) = header else {
                return Ok(None);
            };
            match headers.get(&key(header)) {
                Some(cols) => Ok(Some(cols[0])),
                None => Err(Box::new(
                    Problem::error(
                        &file,
                        format!(
                            "falta la columna «{header}» que «envios» de ola.yaml indica; {}",
                            nearest_hint(header, &unclaimed, &yaml)
                        ),
                    )
                    .in_sheet(&sheet),
                )),
            }
        };
        match (find(&settings.marca_temporal), find(&settings.completo)) {
            (Ok(time), Ok(complete)) => {
                if let Some(&id) = out.columns.get("id") {
                    let cols = submissions::Columns { id, time, complete };
                    let chosen =
                        submissions::choose(settings, &cols, &row_numbers, &at, (&file, &sheet));
                    row_numbers = chosen.rows;
                    out.problems.extend(chosen.problems);
                }
            }
            (time, complete) => {
                out.problems.extend(time.err().map(|p| *p));
                out.problems.extend(complete.err().map(|p| *p));
            }
        }
    }
    let rows: Vec<row::RowRead> = row_numbers
        .par_iter()
        .map(|&row| {
            let width = bound.iter().map(|b| b.col + 1).max().unwrap_or(0);
            let cells = range.row_cells(row, width);
            let at = |_: u32, c: u32| cells.get(c as usize).copied().flatten().unwrap_or(&empty);
            row::read_row(project, &bound, &file, &sheet, &at, formats, row)
        })
        .collect();
    let mut unanswered: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    for (&row, read) in row_numbers.iter().zip(rows) {
        out.problems.extend(read.problems);
        for col in read.unanswered {
            unanswered.entry(col).or_default().push(row + 1);
        }
        out.initiatives.extend(read.initiative);
    }
    let mut silent: Vec<&str> = Vec::new();
    for b in &bound {
        let field = b.field.id.as_str();
        if b.field.requerido || silent.contains(&field) || out.initiatives.is_empty() {
            continue;
        }
        if !out.initiatives.iter().any(|i| i.has(field)) {
            // One warning per question, not one per cell: the site leaves its section out.
            silent.push(field);
            out.problems.push(
                Problem::warning(&file, format!(
                    "ninguna iniciativa respondió «{field}»: queda «sin dato» y el sitio no publica su sección"
                ))
                .at(&sheet, format!("columna {}", column_letters(b.col))),
            );
        }
    }
    for (col, rows) in unanswered {
        let field = bound
            .iter()
            .find(|b| b.col == col)
            .map(|b| b.field.id.as_str())
            .unwrap_or("");
        if silent.contains(&field) {
            continue;
        }
        let listed: Vec<String> = rows.iter().take(8).map(|r| r.to_string()).collect();
        let more = if rows.len() > 8 { ", …" } else { "" };
        out.problems.push(
            Problem::warning(&file, format!(
                "{} celda(s) sin respuesta del campo opcional «{field}» (filas {}{more}); se tratan como «sin dato»",
                rows.len(),
                listed.join(", ")
            ))
            .at(&sheet, format!("columna {}", column_letters(col))),
        );
    }
}

/// The ola's mapping file as messages name it: "data/olas/3/ola.yaml".
fn ola_yaml_label(project: &Project, ola: &OlaConfig) -> String {
    file_label(&project.root, &ola.dir.join("ola.yaml"))
}

/// Least similarity (0–1, Sørensen–Dice on bigrams of the comparison keys) for a header to be
/// offered as the one a missing column was probably renamed to.
const HINT_SIMILARITY: f64 = 0.5;

/// The closest header present that no column claims, as a hint for a missing column: a
/// re-worded question is far more common than a dropped one.
fn nearest_hint(wanted: &str, headers: &[&(u32, String)], yaml: &str) -> String {
    let wanted_key = key(wanted);
    let best = headers
        .iter()
        .map(|(col, text)| (strsim::sorensen_dice(&wanted_key, &key(text)), *col, text))
        .filter(|(score, _, _)| *score >= HINT_SIMILARITY)
        // Highest score; on a tie, the leftmost column.
        .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
    match best {
        Some((_, col, text)) => format!(
            "el encabezado más parecido de la hoja es «{text}» (columna {}): si es la misma \
             pregunta, cópielo en {yaml} › columnas",
            column_letters(col)
        ),
        None => format!(
            "ningún encabezado de la hoja se le parece: revise la fila de encabezados o quite la \
             columna de {yaml} › columnas"
        ),
    }
}
