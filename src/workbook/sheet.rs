//! A sheet's range into initiatives: the export's headers bound to the mapped fields (with the
//! nearest header named when one is missing), then every data row read in parallel.

use super::*;

/// A cell of the grid; Empty outside it.
fn value(range: &Grid, r: u32, c: u32) -> &Data {
    static EMPTY: Data = Data::Empty;
    range.get_value((r, c)).unwrap_or(&EMPTY)
}

/// The sheet's header rows as read: each header's comparison key → its columns, and the text
/// of each column's first name (for hints).
struct HeaderRow {
    /// 0-based row of the first header row (`fila_encabezado`).
    row: u32,
    /// 0-based row of the last header row (a style may have two or three).
    last: u32,
    style: ExportStyle,
    by_key: BTreeMap<String, Vec<u32>>,
    texts: Vec<(u32, String)>,
}

/// What every phase of reading a sheet names in its messages.
struct Context<'a> {
    file: String,
    sheet: String,
    /// "data/olas/3/ola.yaml", where a fix goes.
    yaml: String,
    /// Headers no column of ola.yaml names: the candidates for a missing column's hint.
    unclaimed: Vec<&'a (u32, String)>,
}

pub(super) fn read_range(
    project: &Project,
    ola: &OlaConfig,
    range: &Grid,
    formats: &PercentFormats,
    out: &mut OlaRead,
) {
    let (Some(start), Some(end)) = (range.start(), range.end()) else {
        out.problems
            .push(Problem::error(&out.file, "la hoja está vacía").in_sheet(&out.sheet));
        return;
    };
    let headers = header_row(ola, range, (start.1, end.1), out);
    let named: Vec<String> = ola.columnas.iter().map(|c| key(&c.encabezado)).collect();
    let cx = Context {
        file: out.file.clone(),
        sheet: out.sheet.clone(),
        yaml: ola_yaml_label(project, ola),
        unclaimed: headers
            .texts
            .iter()
            .filter(|(_, t)| !named.contains(&key(t)))
            .collect(),
    };
    let bound = bind(project, ola, range, &headers, &cx, out);
    let mut row_numbers = range.rows_after(headers.last);
    let envios = ola
        .envios
        .clone()
        .or_else(|| style::submissions(headers.style, |k| headers.by_key.contains_key(k)));
    if let Some(settings) = &envios {
        row_numbers = submitted_rows(settings, range, &headers, &cx, row_numbers, out);
    }
    // Rows are independent: read them in parallel, then merge in row order so the problems
    // come out in the same order on every run.
    let rows: Vec<row::RowRead> = row_numbers
        .par_iter()
        .map(|&row| {
            let width = bound.iter().map(|b| b.col + 1).max().unwrap_or(0);
            let cells = range.row_cells(row, width);
            let at = |_: u32, c: u32| {
                cells
                    .get(c as usize)
                    .copied()
                    .flatten()
                    .unwrap_or(&Data::Empty)
            };
            row::read_row(project, &bound, &cx.file, &cx.sheet, &at, formats, row)
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
    warn_unanswered(&bound, unanswered, &cx, out);
}

/// The header rows: the export style (named in ola.yaml or detected, and then reported) and
/// the names each column answers to in it.
fn header_row(
    ola: &OlaConfig,
    range: &Grid,
    (first, last): (u32, u32),
    out: &mut OlaRead,
) -> HeaderRow {
    let row = ola.fila_encabezado.saturating_sub(1);
    let at = |r: u32, c: u32| value(range, r, c);
    let texts: Vec<String> = (first..=last).map(|c| cell::display(at(row, c))).collect();
    let style = ola.estilo.unwrap_or_else(|| {
        let found = style::detect(&texts);
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
    let mut headers = HeaderRow {
        row,
        last: row + style::header_rows(style) - 1,
        style,
        by_key: BTreeMap::new(),
        texts: Vec::new(),
    };
    for col in first..=last {
        let names = style::column_names(style, row, col, first, &at);
        for (i, name) in names.into_iter().enumerate() {
            let k = key(&name);
            if k.is_empty() {
                continue;
            }
            let cols = headers.by_key.entry(k).or_default();
            if !cols.contains(&col) {
                cols.push(col);
            }
            if i == 0 {
                headers.texts.push((col, name));
            }
        }
    }
    headers
}

/// Each column of ola.yaml bound to its one column of the sheet; a missing or repeated header
/// and a required field no column maps are errors.
fn bind<'p>(
    project: &'p Project,
    ola: &'p OlaConfig,
    range: &Grid,
    headers: &HeaderRow,
    cx: &Context,
    out: &mut OlaRead,
) -> Vec<Bound<'p>> {
    let mut bound = Vec::new();
    for column in &ola.columnas {
        let field = project
            .fields
            .get(&column.campo)
            .expect("checked when the project loads");
        let col = match column_of(ola, column, field, headers, cx) {
            Ok(col) => col,
            Err(problem) => {
                out.problems.push(*problem);
                continue;
            }
        };
        let scale = if field.tipo == FieldType::Porcentaje {
            PercentScale::detect(range.column_after(headers.last, col))
        } else {
            PercentScale::Points
        };
        let answers = matches!(field.tipo, FieldType::Categoria | FieldType::Multiple)
            .then(|| Answers::new(field, ola.respuestas.get(&field.id)))
            .map(|mut a| {
                a.home = format!("{} › respuestas › {}", cx.yaml, field.id);
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
                &cx.file,
                format!(
                    "ola.yaml no asigna ninguna columna al campo requerido «{}»",
                    field.id
                ),
            ));
        }
    }
    bound
}

/// The one sheet column of a column of ola.yaml: missing (with the nearest header present) or
/// repeated is an error.
fn column_of(
    ola: &OlaConfig,
    column: &crate::ola::Column,
    field: &Field,
    headers: &HeaderRow,
    cx: &Context,
) -> Result<u32, Box<Problem>> {
    let Some(cols) = headers.by_key.get(&key(&column.encabezado)) else {
        return Err(Box::new(
            Problem::error(
                &cx.file,
                format!(
                    "falta la columna «{}» (campo «{}») en la fila de encabezados {}; {}",
                    column.encabezado,
                    field.id,
                    ola.fila_encabezado,
                    nearest_hint(&column.encabezado, &cx.unclaimed, &cx.yaml)
                ),
            )
            .in_sheet(&cx.sheet),
        ));
    };
    if cols.len() > 1 {
        // Reading either column could silently miscategorize every initiative.
        let named: Vec<String> = cols.iter().map(|&c| cell_ref(headers.row, c)).collect();
        return Err(Box::new(
            Problem::error(
                &cx.file,
                format!(
                    "el encabezado «{}» (campo «{}») aparece en varias columnas ({}); \
                     deje uno solo",
                    column.encabezado,
                    field.id,
                    named.join(" y ")
                ),
            )
            .at(&cx.sheet, named.join(", ")),
        ));
    }
    Ok(cols[0])
}

/// The rows to read when the export marks its submissions (`envios:` or the style's columns):
/// the latest complete one of each initiative; the others are reported.
fn submitted_rows(
    settings: &crate::ola::Submissions,
    range: &Grid,
    headers: &HeaderRow,
    cx: &Context,
    rows: Vec<u32>,
    out: &mut OlaRead,
) -> Vec<u32> {
    let find = |header: &Option<String>| -> Result<Option<u32>, Box<Problem>> {
        let Some(header) = header else {
            return Ok(None);
        };
        match headers.by_key.get(&key(header)) {
            Some(cols) => Ok(Some(cols[0])),
            None => Err(Box::new(
                Problem::error(
                    &cx.file,
                    format!(
                        "falta la columna «{header}» que «envios» de ola.yaml indica; {}",
                        nearest_hint(header, &cx.unclaimed, &cx.yaml)
                    ),
                )
                .in_sheet(&cx.sheet),
            )),
        }
    };
    match (find(&settings.marca_temporal), find(&settings.completo)) {
        (Ok(time), Ok(complete)) => {
            let Some(&id) = out.columns.get("id") else {
                return rows;
            };
            let cols = submissions::Columns { id, time, complete };
            let at = |r: u32, c: u32| value(range, r, c);
            let chosen = submissions::choose(settings, &cols, &rows, &at, (&cx.file, &cx.sheet));
            out.problems.extend(chosen.problems);
            chosen.rows
        }
        (time, complete) => {
            out.problems.extend(time.err().map(|p| *p));
            out.problems.extend(complete.err().map(|p| *p));
            rows
        }
    }
}

/// One warning per question nobody answered (the site leaves its section out), and one per
/// column listing the rows that left an optional question blank.
fn warn_unanswered(
    bound: &[Bound],
    unanswered: BTreeMap<u32, Vec<u32>>,
    cx: &Context,
    out: &mut OlaRead,
) {
    let mut silent: Vec<&str> = Vec::new();
    for b in bound {
        let field = b.field.id.as_str();
        if b.field.requerido || silent.contains(&field) || out.initiatives.is_empty() {
            continue;
        }
        if !out.initiatives.iter().any(|i| i.has(field)) {
            silent.push(field);
            out.problems.push(
                Problem::warning(&cx.file, format!(
                    "ninguna iniciativa respondió «{field}»: queda «sin dato» y el sitio no publica su sección"
                ))
                .at(&cx.sheet, format!("columna {}", column_letters(b.col))),
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
            Problem::warning(&cx.file, format!(
                "{} celda(s) sin respuesta del campo opcional «{field}» (filas {}{more}); se tratan como «sin dato»",
                rows.len(),
                listed.join(", ")
            ))
            .at(&cx.sheet, format!("columna {}", column_letters(col))),
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
