//! `ssme mapear` on the sample's III and IV exports with a fifth of the headers and of the
//! answer texts re-worded (rewritten with rust_xlsxwriter), knowing only the other olas'
//! mappings: the proposal is compared with the ola's real mapping and the test prints how many
//! are right («N de M»). The target, asserted here, is 95 %; it reaches 96,0 % (218 of
//! 227). Re-running keeps the analyst's decisions.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use calamine::{open_workbook_auto, Data, Reader};
use common::{project_copy, sample, ssme};
use rust_xlsxwriter::Workbook;
use ssme::fields::FieldType;
use ssme::workbook::cell::Answers;
use ssme::{OlaConfig, Project};

/// A re-wording as an editor of the form would make it.
fn reword(text: &str) -> String {
    let mut out = text.to_string();
    for (from, to) in [
        ("Número de", "Cantidad de"),
        ("porcentaje", "proporción"),
        ("¿", ""),
        ("?", ""),
        ("Existió", "Hubo"),
        ("iniciativa", "iniciativa clúster"),
    ] {
        out = out.replace(from, to);
    }
    if out == text {
        out = format!("{text} (seleccione)");
    }
    out
}

struct Case {
    /// Original header → re-worded, for the re-worded fifth.
    headers: BTreeMap<String, String>,
    /// (field, original answer part, as exported now).
    answers: Vec<(String, String, String)>,
}

/// Writes the export of `ola` with every fifth header and every fifth distinct answer of its
/// choice columns re-worded.
fn rewrite(project: &Project, ola: &OlaConfig, to: &Path) -> Case {
    let path = ola.workbook_path().unwrap();
    let mut book = open_workbook_auto(&path).unwrap();
    let sheet = ola.hoja.clone().unwrap();
    let range = book.worksheet_range(&sheet).unwrap();
    let header_row = ola.fila_encabezado as usize - 1;
    let mut case = Case {
        headers: BTreeMap::new(),
        answers: Vec::new(),
    };
    // Column → (field, separator) of its choice answers.
    let mut choice_cols: BTreeMap<usize, (String, Option<String>)> = BTreeMap::new();
    let mut header_text: BTreeMap<usize, String> = BTreeMap::new();
    let mut mapped = 0;
    for (c, cell) in range.rows().nth(header_row).unwrap().iter().enumerate() {
        let text = cell.to_string();
        let Some(column) = ola
            .columnas
            .iter()
            .find(|col| col.encabezado.trim() == text.trim())
        else {
            continue;
        };
        let new = if mapped % 5 == 0 {
            reword(&text)
        } else {
            text.clone()
        };
        mapped += 1;
        if new != text {
            case.headers.insert(text.clone(), new.clone());
        }
        header_text.insert(c, new);
        let field = project.fields.get(&column.campo).unwrap();
        if column.opcion.is_none()
            && matches!(field.tipo, FieldType::Categoria | FieldType::Multiple)
        {
            choice_cols.insert(c, (field.id.clone(), column.separador.clone()));
        }
    }
    // Distinct answer parts per field, every fifth re-worded.
    let mut renamed: BTreeMap<(String, String), String> = BTreeMap::new();
    for (&c, (field, sep)) in &choice_cols {
        let mut seen = Vec::new();
        for row in range.rows().skip(header_row + 1) {
            let text = row.get(c).map(|d| d.to_string()).unwrap_or_default();
            let parts: Vec<String> = match sep {
                Some(s) => text
                    .split(s.as_str())
                    .map(|p| p.trim().to_string())
                    .filter(|p| !p.is_empty())
                    .collect(),
                None => vec![text.trim().to_string()]
                    .into_iter()
                    .filter(|p| !p.is_empty())
                    .collect(),
            };
            for p in parts {
                if !seen.contains(&p) {
                    seen.push(p);
                }
            }
        }
        for (i, p) in seen.iter().enumerate() {
            let key = (field.clone(), p.clone());
            if renamed.contains_key(&key) {
                continue;
            }
            let new = if i % 5 == 0 { reword(p) } else { p.clone() };
            case.answers.push((field.clone(), p.clone(), new.clone()));
            renamed.insert(key, new);
        }
    }
    let mut out = Workbook::new();
    let ws = out.add_worksheet().set_name(&sheet).unwrap();
    let (r0, c0) = range.start().unwrap();
    for (r, row) in range.rows().enumerate() {
        for (c, data) in row.iter().enumerate() {
            let (rr, cc) = (r0 + r as u32, (c0 as usize + c) as u16);
            if r == header_row {
                if let Some(h) = header_text.get(&c) {
                    ws.write_string(rr, cc, h).unwrap();
                    continue;
                }
            }
            match data {
                Data::String(s) if r > header_row && choice_cols.contains_key(&c) => {
                    let (field, sep) = &choice_cols[&c];
                    let new = match sep {
                        Some(sep) => s
                            .split(sep.as_str())
                            .map(|p| {
                                renamed
                                    .get(&(field.clone(), p.trim().to_string()))
                                    .cloned()
                                    .unwrap_or_else(|| p.trim().to_string())
                            })
                            .collect::<Vec<_>>()
                            .join(&format!("{sep} ")),
                        None => renamed
                            .get(&(field.clone(), s.trim().to_string()))
                            .cloned()
                            .unwrap_or(s.clone()),
                    };
                    ws.write_string(rr, cc, &new).unwrap();
                }
                Data::String(s) => {
                    ws.write_string(rr, cc, s).unwrap();
                }
                Data::Float(x) => {
                    ws.write_number(rr, cc, *x).unwrap();
                }
                Data::Int(x) => {
                    ws.write_number(rr, cc, *x as f64).unwrap();
                }
                Data::Bool(b) => {
                    ws.write_boolean(rr, cc, *b).unwrap();
                }
                Data::Empty => {}
                other => {
                    ws.write_string(rr, cc, other.to_string()).unwrap();
                }
            }
        }
    }
    out.save(to).unwrap();
    case
}

/// Maps the re-worded export of ola `n` knowing only the other olas; returns (right, total).
fn score(n: u32) -> (usize, usize) {
    let truth_project = Project::load(&sample()).unwrap();
    let truth = truth_project.ola(n).unwrap();
    let tmp = project_copy();
    let export = tmp.path().join(format!("exportacion-{n}.xlsx"));
    let case = rewrite(&truth_project, truth, &export);
    let dir = tmp.path().join(format!("data/olas/{n}"));
    fs::remove_dir_all(&dir).unwrap();
    let run = ssme(
        tmp.path(),
        &["mapear", "--ola", &n.to_string(), export.to_str().unwrap()],
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let proposed =
        OlaConfig::load(&dir.join("ola.yaml")).expect("the proposal is a valid ola.yaml");
    let (mut right, mut total, mut wrong) = (0, 0, Vec::new());
    for column in &truth.columnas {
        total += 1;
        let now = case
            .headers
            .get(&column.encabezado)
            .unwrap_or(&column.encabezado);
        let got = proposed.columnas.iter().find(|c| &c.encabezado == now);
        if got.is_some_and(|c| c.campo == column.campo && c.opcion == column.opcion) {
            right += 1;
        } else {
            wrong.push(format!("encabezado «{now}»: {:?}", got.map(|c| &c.campo)));
        }
    }
    for (field_id, original, now) in &case.answers {
        let field = truth_project.fields.get(field_id).unwrap();
        let want = Answers::new(field, truth.respuestas.get(field_id))
            .lookup(original)
            .map(str::to_string);
        let got = Answers::new(field, proposed.respuestas.get(field_id))
            .lookup(now)
            .map(str::to_string);
        total += 1;
        if want.is_some() && got == want {
            right += 1;
        } else {
            wrong.push(format!(
                "respuesta «{now}» de {field_id}: {got:?} (es {want:?})"
            ));
        }
    }
    println!(
        "ola {n}: {right} de {total} bien ({} encabezados y {} respuestas re-escritos); por decidir o mal: {wrong:#?}",
        case.headers.len(),
        case.answers.iter().filter(|a| a.1 != a.2).count()
    );
    (right, total)
}

#[test]
fn mapear_proposes_the_right_mapping_for_most_headers_and_answers() {
    let (mut right, mut total) = (0, 0);
    for n in [3, 4] {
        let (r, t) = score(n);
        right += r;
        total += t;
    }
    let share = format!("{:.1}", 100.0 * right as f64 / total as f64).replace('.', ",");
    println!("mapear: {right} de {total} bien ({share} %)");
    assert!(
        right as f64 >= 0.95 * total as f64,
        "mapear: {right} de {total} bien ({share} %); se pide al menos 95 %"
    );
}

#[test]
fn rerunning_keeps_the_analysts_decisions() {
    let tmp = project_copy();
    let yaml = tmp.path().join("data/olas/3/ola.yaml");
    let before = OlaConfig::load(&yaml).unwrap();
    let export = tmp.path().join("data/olas/3/respuestas-iii-ola.xlsx");
    let run = ssme(
        tmp.path(),
        &["mapear", "--ola", "3", export.to_str().unwrap()],
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let after = OlaConfig::load(&yaml).unwrap();
    let pairs = |o: &OlaConfig| {
        o.columnas
            .iter()
            .map(|c| {
                (
                    c.encabezado.clone(),
                    c.campo.clone(),
                    c.opcion.clone(),
                    c.separador.clone(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(pairs(&after), pairs(&before));
    assert_eq!(after.respuestas, before.respuestas);
    assert_eq!(
        (after.numero, after.anio, after.metodologia.clone()),
        (3, 2020, before.metodologia)
    );
    let check = ssme(tmp.path(), &["check", "--ola", "3"]);
    assert_eq!(check.code, 0, "{}", check.stdout);
}
