//! One spreadsheet row into an initiative: each mapped cell parsed by its field's type, with
//! the problems named by cell.

use super::*;

/// What one spreadsheet row yields: its initiative (None for an empty row), the problems of
/// its cells and the columns of optional fields left unanswered.
#[derive(Default)]
pub(super) struct RowRead {
    pub(super) initiative: Option<Initiative>,
    pub(super) problems: Vec<Problem>,
    pub(super) unanswered: Vec<u32>,
}

pub(super) fn read_row<'d>(
    project: &Project,
    bound: &[Bound],
    file: &str,
    sheet: &str,
    at: &(impl Fn(u32, u32) -> &'d Data + Sync),
    formats: &PercentFormats,
    row: u32,
) -> RowRead {
    let mut out = RowRead::default();
    if bound.iter().all(|b| cell::is_empty(at(row, b.col))) {
        return out;
    }
    let mut init = Initiative {
        row: row + 1,
        values: rustc_hash::FxHashMap::with_capacity_and_hasher(bound.len(), Default::default()),
    };
    let mut options: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for b in bound {
        let data = at(row, b.col);
        let problem = |msg: String| {
            Problem::error(file, msg)
                .at(sheet, cell_ref(row, b.col))
                .found(cell::display(data))
        };
        if let Data::String(text) = data {
            if text.chars().count() > limits::MAX_TEXT_CHARS {
                out.problems.push(
                    Problem::error(
                        file,
                        format!(
                            "el texto tiene {} caracteres; el máximo es {} (el de Excel)",
                            crate::numfmt::int(text.chars().count() as i64),
                            crate::numfmt::int(limits::MAX_TEXT_CHARS as i64)
                        ),
                    )
                    .at(sheet, cell_ref(row, b.col)),
                );
                continue;
            }
        }
        if let Data::Error(e) = data {
            out.problems.push(problem(format!(
                "la celda tiene un error de Excel ({e}); se espera {}",
                b.field.tipo.expected()
            )));
            continue;
        }
        if let Some(option) = b.option {
            // A field's columns all empty is an unanswered question (sin dato), not "none":
            // the entry is only created by a cell that holds something, even an explicit "no".
            if cell::is_empty(data) {
                continue;
            }
            let chosen = options.entry(&b.field.id).or_default();
            if cell::is_marked(data) {
                chosen.push(option);
            }
            continue;
        }
        if cell::is_empty(data) {
            if b.field.requerido {
                out.problems.push(
                    Problem::error(
                        file,
                        format!(
                            "falta la respuesta obligatoria «{}»; se espera {}",
                            b.field.id,
                            b.field.tipo.expected()
                        ),
                    )
                    .at(sheet, cell_ref(row, b.col)),
                );
            } else {
                out.unanswered.push(b.col);
            }
            continue;
        }
        // A percentage cell is read by its own number format when the file gives it.
        let scale = match formats.is_percent(row, b.col) {
            Some(true) => PercentScale::Fractions,
            Some(false) => PercentScale::Points,
            None => b.scale,
        };
        match parse_cell(project, b, scale, data) {
            Ok(Value::Text(text)) => {
                // Control characters never reach a page, a chart or a CSV.
                let text = crate::text::without_controls(&text);
                init.values.insert(b.field.id.clone(), Value::Text(text));
            }
            Ok(Value::Number(x)) if limits::number_problem(b.field.tipo, x).is_some() => {
                let msg = limits::number_problem(b.field.tipo, x).unwrap_or_default();
                out.problems.push(problem(msg));
            }
            Ok(value) => {
                init.values.insert(b.field.id.clone(), value);
            }
            Err(msg) => out.problems.push(problem(msg)),
        }
    }
    for b in bound.iter().filter(|b| b.option.is_some() && b.first) {
        if !options.contains_key(b.field.id.as_str()) {
            out.unanswered.push(b.col);
        }
    }
    for (field_id, chosen) in options {
        let field = project.fields.get(field_id).expect("bound fields exist");
        if chosen.contains(&NONE) && chosen.len() > 1 {
            let col = bound
                .iter()
                .find(|b| b.field.id == field_id)
                .map_or(0, |b| b.col);
            out.problems.push(
                Problem::error(file, none_with_others(field_id)).at(sheet, cell_ref(row, col)),
            );
            continue;
        }
        init.values.insert(
            field_id.to_string(),
            Value::Choices(in_field_order(field, chosen)),
        );
    }
    out.initiative = Some(init);
    out
}

/// The explicit «none of these» option of a multi-select: exclusive.
const NONE: &str = "ninguna";

fn none_with_others(field: &str) -> String {
    format!(
        "«ninguna» se marcó junto con otras opciones de «{field}»; se espera una cosa o la otra"
    )
}

fn in_field_order(field: &Field, chosen: Vec<&str>) -> Vec<String> {
    field
        .valores
        .keys()
        .filter(|v| chosen.contains(&v.as_str()))
        .cloned()
        .collect()
}

fn parse_cell(
    project: &Project,
    b: &Bound,
    scale: PercentScale,
    data: &Data,
) -> Result<Value, String> {
    let with_expected = |msg: String| format!("{msg}; se espera {}", b.field.tipo.expected());
    match b.field.tipo {
        FieldType::Departamento => {
            let name = cell::display(data);
            match project.reference.department(&name) {
                Some(d) => Ok(Value::Text(d.nombre.clone())),
                None => Err(match project.reference.suggest(&name) {
                    Some(s) => format!("no es un departamento de Colombia; ¿quiso decir «{s}»?"),
                    None => {
                        "no es un departamento de Colombia (nombres oficiales del DANE)".to_string()
                    }
                }),
            }
        }
        FieldType::Categoria => {
            let answers = b.answers.as_ref().expect("categorical fields have answers");
            let text = cell::display(data);
            answers
                .lookup(&text)
                .map(|v| Value::Choice(v.to_string()))
                .ok_or_else(|| {
                    format!(
                        "no es una respuesta conocida de «{}»; agréguela en {} o use una de: {}",
                        b.field.id,
                        answers.home,
                        answers.allowed()
                    )
                })
        }
        FieldType::Multiple => {
            let answers = b.answers.as_ref().expect("multiple fields have answers");
            let text = cell::display(data);
            let parts: Vec<&str> = match b.separator {
                Some(sep) => text
                    .split(sep)
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .collect(),
                None => vec![text.trim()],
            };
            let mut chosen = Vec::new();
            for part in parts {
                match answers.lookup(part) {
                    Some(v) => chosen.push(v),
                    None => {
                        return Err(format!(
                        "la opción «{part}» no es una respuesta conocida de «{}»; agréguela en {} o use opciones de: {}",
                        b.field.id,
                        answers.home,
                        answers.allowed()
                    ))
                    }
                }
            }
            if chosen.contains(&NONE) && chosen.len() > 1 {
                return Err(none_with_others(&b.field.id));
            }
            Ok(Value::Choices(in_field_order(b.field, chosen)))
        }
        _ => match cell::scalar(b.field, data, scale) {
            Parsed::Value(v) => Ok(v),
            Parsed::Empty => Err(with_expected("la celda está vacía".into())),
            Parsed::Invalid(msg) => Err(with_expected(msg)),
        },
    }
}
