//! Repeated and partial submissions (`envios:` in ola.yaml): the latest complete submission of
//! each initiative by its timestamp is read, whatever its row; the others and the incomplete
//! ones are listed by `ssme check`; `conservar_incompletos` keeps the incomplete ones. The
//! workbook is the valid fixture's rows (tests/fixtures/valid/filas.json) written with
//! rust_xlsxwriter as an online form exports them, with a timestamp and a «finished» column.

mod common;

use std::fs;
use std::path::Path;

use common::{base_project, fixtures, ssme};
use rust_xlsxwriter::Workbook;
use serde_json::Value as Json;
use ssme::{Project, Value};

/// The valid rows plus: an older submission of IC-002 above it; a later but incomplete one of
/// IC-003; IC-004 twice, the latest in the upper row.
fn write_export(path: &Path) {
    let rows: Json =
        serde_json::from_str(&fs::read_to_string(fixtures().join("valid/filas.json")).unwrap())
            .unwrap();
    let mut headers: Vec<String> = rows["encabezados"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h.as_str().unwrap().to_string())
        .collect();
    headers.insert(0, "Marca temporal".into());
    headers.push("Finalizado".into());
    let base: Vec<Vec<Json>> = rows["filas"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_array().unwrap().clone())
        .collect();
    let with = |i: usize, time: &str, name: Option<&str>, done: i64| {
        let mut row = base[i].clone();
        if let Some(n) = name {
            row[1] = Json::from(n);
        }
        row.insert(0, Json::from(time));
        row.push(Json::from(done));
        row
    };
    let out = [
        with(0, "23/10/2020 09:15:00", None, 1),
        with(
            1,
            "23/10/2020 10:00:00",
            Some("Turismo del Valle (primer envío)"),
            1,
        ),
        with(1, "24/10/2020 08:30:00", None, 1),
        with(2, "23/10/2020 11:00:00", None, 1),
        with(
            2,
            "26/10/2020 16:45:10",
            Some("Agroindustria (a medias)"),
            0,
        ),
        with(3, "25/10/2020 07:00:00", Some("IC-004 corregido"), 1),
        with(3, "24/10/2020 18:20:00", None, 1),
        with(4, "27/10/2020 12:00:00", None, 1),
    ];
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("Respuestas").unwrap();
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(0, c as u16, h).unwrap();
    }
    for (r, row) in out.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32 + 1, c as u16);
            match cell {
                Json::String(s) => sheet.write_string(r, c, s).map(|_| ()).unwrap(),
                Json::Number(n) => sheet
                    .write_number(r, c, n.as_f64().unwrap())
                    .map(|_| ())
                    .unwrap(),
                _ => {}
            }
        }
    }
    book.save(path).unwrap();
}

fn project(keep_incomplete: bool) -> tempfile::TempDir {
    let tmp = base_project();
    let dir = tmp.path().join("data/olas/9");
    fs::create_dir_all(&dir).unwrap();
    let mut yaml = fs::read_to_string(fixtures().join("ola.yaml")).unwrap();
    yaml = yaml.replace(
        "fila_encabezado: 1\n",
        &format!(
            "fila_encabezado: 1\nenvios: {{marca_temporal: Marca temporal, completo: Finalizado{}}}\n",
            if keep_incomplete { ", conservar_incompletos: true" } else { "" }
        ),
    );
    fs::write(dir.join("ola.yaml"), yaml).unwrap();
    write_export(&dir.join("respuestas.xlsx"));
    tmp
}

fn names(root: &Path) -> Vec<(String, u32, String)> {
    let project = Project::load(root).unwrap();
    let read = ssme::validate::read(&project, project.ola(9).unwrap());
    read.initiatives
        .iter()
        .map(|i| {
            let name = match i.values.get("nombre") {
                Some(Value::Text(t)) => t.clone(),
                other => panic!("{other:?}"),
            };
            (i.id().to_string(), i.row, name)
        })
        .collect()
}

#[test]
fn the_latest_complete_submission_is_read_and_the_others_listed() {
    let tmp = project(false);
    let read = names(tmp.path());
    let rows: Vec<(&str, u32)> = read
        .iter()
        .map(|(id, row, _)| (id.as_str(), *row))
        .collect();
    assert_eq!(
        rows,
        [
            ("IC-001", 2),
            ("IC-002", 4),
            ("IC-003", 5),
            ("IC-004", 7),
            ("IC-005", 9)
        ]
    );
    assert_eq!(read[3].2, "IC-004 corregido");
    let run = ssme(tmp.path(), &["check"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    insta::assert_snapshot!("envios_repetidos_e_incompletos", run.stdout);
}

#[test]
fn incomplete_submissions_can_be_kept() {
    let tmp = project(true);
    let read = names(tmp.path());
    let ic3 = read.iter().find(|(id, _, _)| id == "IC-003").unwrap();
    assert_eq!((ic3.1, ic3.2.as_str()), (6, "Agroindustria (a medias)"));
    let run = ssme(tmp.path(), &["check"]);
    assert!(!run.stdout.contains("incompleto"), "{}", run.stdout);
    assert!(
        run.stdout.contains("› fila 5: envío repetido de «IC-003»: se lee el último, el de la fila 6 (26/10/2020 16:45:10); este (23/10/2020 11:00:00) queda fuera"),
        "{}",
        run.stdout
    );
}
