//! `ssme check` on real workbooks (tests/fixtures, written by `cargo run --example
//! make_fixtures` and `tests/fixtures/make_legacy.py`): the valid rows are accepted in xlsx, ods
//! and xls; each invalid workbook fails with its problem named by cell, in Spanish; every
//! problem is reported in one run. The full output of each invalid case is a snapshot in
//! tests/snapshots/.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{fixture_project, fixtures, ssme, Run};
use ssme::{Project, Value};

const FILE: &str = "data/olas/9/respuestas.xlsx";

/// "data/olas/9/respuestas.xlsx › Respuestas › C3": where a cell's problem is reported.
fn at(cell: &str) -> String {
    format!("{FILE} › Respuestas › {cell}")
}

fn check(workbook: &Path) -> Run {
    let project = fixture_project(workbook);
    let run = ssme(project.path(), &["check"]);
    let tmp = project.path().display().to_string();
    assert!(
        !run.stdout.contains(&tmp),
        "the temporary root leaks into the output:\n{}",
        run.stdout
    );
    assert!(run.stderr.is_empty(), "unexpected stderr:\n{}", run.stderr);
    run
}

/// Runs the invalid case, asserts exit 1 and that each expected error is one line at its
/// location with all its key words, snapshots the whole output and returns it.
fn invalid(case: &str, errors: &[(&str, &[&str])]) -> String {
    let run = check(
        &fixtures()
            .join("invalid")
            .join(case)
            .join("respuestas.xlsx"),
    );
    let out = &run.stdout;
    assert_eq!(run.code, 1, "{case}: check must fail\n{out}");
    let error_lines: Vec<&str> = out.lines().filter(|l| l.starts_with("error: ")).collect();
    assert_eq!(
        error_lines.len(),
        errors.len(),
        "{case}: every error and only those\n{out}"
    );
    for (location, words) in errors {
        let head = format!("error: {location}: ");
        let line = error_lines
            .iter()
            .find(|l| l.starts_with(&head))
            .unwrap_or_else(|| panic!("{case}: no error at «{location}»\n{out}"));
        for word in *words {
            assert!(line.contains(word), "{case}: «{word}» missing from\n{line}");
        }
    }
    let summary = format!("{} error(es)", errors.len());
    assert!(
        out.contains(&format!("IX Ola — {FILE}: ")),
        "{case}: per-ola summary\n{out}"
    );
    assert!(
        out.contains(&format!(
            "✗ {summary}: corríjalos y vuelva a ejecutar `ssme check`."
        )),
        "{out}"
    );
    insta::assert_snapshot!(case, run.stdout);
    run.stdout
}

/// The valid rows' warnings: the optional «sector» is unanswered in F4, the multi-select
/// «impactos_empresariales» (one column per option, V–AA) in row 5; and the fixture's ola maps
/// too few questions for any of its five initiatives to meet the completeness rule.
const SECTOR_WARNING: &str = "aviso: data/olas/9/respuestas.{ext} › Respuestas › columna F: 1 celda(s) sin respuesta del campo opcional «sector» (filas 4); se tratan como «sin dato»";
const IMPACTS_WARNING: &str = "aviso: data/olas/9/respuestas.{ext} › Respuestas › columna V: 1 celda(s) sin respuesta del campo opcional «impactos_empresariales» (filas 5); se tratan como «sin dato»";

fn valid(path: &Path) {
    let ext = path.extension().unwrap().to_str().unwrap();
    let run = check(path);
    let out = &run.stdout;
    assert_eq!(run.code, 0, "{out}");
    assert!(!out.contains("error:"), "{out}");
    assert!(out.contains(&SECTOR_WARNING.replace("{ext}", ext)), "{out}");
    assert!(
        out.contains(&IMPACTS_WARNING.replace("{ext}", ext)),
        "{out}"
    );
    for (row, id) in (2..=6).zip(["IC-001", "IC-002", "IC-003", "IC-004", "IC-005"]) {
        let line = format!(
            "aviso: data/olas/9/respuestas.{ext} › Respuestas › fila {row}: la iniciativa «{id}» no se categoriza: tiene dato en "
        );
        assert!(out.contains(&line), "{line}\n{out}");
    }
    assert!(
        out.contains("Participantes de la estrategia (sin columna en ola.yaml)"),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "IX Ola — data/olas/9/respuestas.{ext}: 5 iniciativas leídas, 0 error(es), 7 aviso(s)"
        )),
        "{out}"
    );
    assert!(
        out.contains("✓ Los datos son válidos (7 aviso(s))."),
        "{out}"
    );
}

#[test]
fn valid_xlsx_is_accepted() {
    valid(&fixtures().join("valid/respuestas.xlsx"));
}

#[test]
fn valid_ods_is_accepted() {
    valid(&fixtures().join("legacy/respuestas.ods"));
}

#[test]
fn valid_xls_is_accepted() {
    valid(&fixtures().join("legacy/respuestas.xls"));
}

/// What the reader makes of the valid workbook, row by row (spreadsheet rows 2–6).
fn read_values(path: &Path) -> Vec<BTreeMap<String, Value>> {
    let tmp = fixture_project(path);
    let project = Project::load(tmp.path()).unwrap();
    let read = ssme::validate::read(&project, project.ola(9).unwrap());
    assert!(
        read.problems.iter().all(|p| !p.is_error()),
        "{:?}",
        read.problems
    );
    assert_eq!(
        read.initiatives.iter().map(|i| i.row).collect::<Vec<_>>(),
        [2, 3, 4, 5, 6]
    );
    read.initiatives
        .into_iter()
        .map(|i| i.values.into_iter().collect())
        .collect()
}

fn num(values: &BTreeMap<String, Value>, field: &str) -> f64 {
    match values.get(field) {
        Some(Value::Number(x)) => *x,
        other => panic!("{field}: expected a number, got {other:?}"),
    }
}

fn text(values: &BTreeMap<String, Value>, field: &str) -> String {
    match values.get(field) {
        Some(Value::Text(t)) | Some(Value::Choice(t)) => t.clone(),
        other => panic!("{field}: expected a text or choice, got {other:?}"),
    }
}

fn choices(values: &BTreeMap<String, Value>, field: &str) -> Vec<String> {
    match values.get(field) {
        Some(Value::Choices(c)) => c.clone(),
        other => panic!("{field}: expected choices, got {other:?}"),
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn valid_cells_are_read_in_every_accepted_form() {
    let rows = read_values(&fixtures().join("valid/respuestas.xlsx"));
    let col = |field: &str| rows.iter().map(|r| num(r, field)).collect::<Vec<_>>();
    let texts = |field: &str| rows.iter().map(|r| text(r, field)).collect::<Vec<_>>();
    let all_close = |got: Vec<f64>, want: [f64; 5]| got.iter().zip(want).all(|(g, w)| close(*g, w));

    // 45, "45 %", "30,5 %": points.
    assert!(
        all_close(col("pct_intercluster"), [45.0, 45.0, 30.5, 0.0, 100.0]),
        "{:?}",
        col("pct_intercluster")
    );
    // A percent-formatted column of fractions: 0,45 is 45 %.
    assert!(
        all_close(col("avance_general"), [45.0, 80.0, 100.0, 0.0, 62.5]),
        "{:?}",
        col("avance_general")
    );
    assert!(all_close(
        col("pct_act_fortalecimiento"),
        [40.0, 50.0, 33.3, 60.0, 100.0]
    ));
    // Colombian number text: "1.234" is 1234, "$ 2.000" is 2000, "1.234,5" is 1234,5.
    assert!(all_close(
        col("empresas_participantes"),
        [50.0, 1234.0, 20.0, 35.0, 12.0]
    ));
    assert!(all_close(
        col("ventas"),
        [1234.5, 2000.0, 1234.5, 0.0, 87.25]
    ));
    assert!(all_close(
        col("equipo_profesionales"),
        [3.0, 5.0, 0.0, 2.0, 4.0]
    ));
    // Departments in any case/accents and aliases → the official name.
    assert_eq!(
        texts("departamento"),
        [
            "Bogotá D.C.",
            "Valle del Cauca",
            "Antioquia",
            "Atlántico",
            "Bogotá D.C."
        ]
    );
    // Answers in any case/accents, the ola's export text, the canonical id → the canonical value.
    assert_eq!(
        texts("tipo_entidad"),
        [
            "camara_comercio",
            "corporacion",
            "universidad",
            "camara_comercio",
            "entidad_publica"
        ]
    );
    assert_eq!(
        texts("macrosector"),
        [
            "servicios",
            "servicios",
            "agroindustria",
            "agroindustria",
            "manufactura"
        ]
    );
    assert_eq!(
        texts("estrategia_documento"),
        ["si", "si", "si", "no", "no"]
    );
    // The unanswered optional question is «sin dato», not an empty text.
    assert!(!rows[2].contains_key("sector"));
    // Multi-select in one cell with ";" and one column per option ("X", "x", "Sí", 1; not "no").
    let barreras: Vec<_> = rows.iter().map(|r| choices(r, "barreras")).collect();
    assert_eq!(barreras[0], ["financiacion", "confianza"]);
    assert_eq!(barreras[1], ["articulacion"]);
    assert_eq!(barreras[2], ["otra"]);
    assert_eq!(barreras[3], ["participacion", "compromiso"]);
    assert_eq!(barreras[4], ["financiacion"]);
    let impactos: Vec<_> = [0, 1, 2, 4]
        .iter()
        .map(|&r| choices(&rows[r], "impactos_empresariales"))
        .collect();
    assert_eq!(impactos[0], ["capacitacion", "idi"]);
    assert_eq!(impactos[1], ["capacitacion", "mercado"]);
    assert_eq!(impactos[2], ["productividad"]);
    assert_eq!(impactos[3].len(), 6);
    // Every option column empty: the question is unanswered («sin dato»), not "none chosen".
    assert!(!rows[3].contains_key("impactos_empresariales"));
}

#[test]
fn ods_and_xls_read_like_xlsx() {
    let xlsx = read_values(&fixtures().join("valid/respuestas.xlsx"));
    for legacy in ["legacy/respuestas.ods", "legacy/respuestas.xls"] {
        let other = read_values(&fixtures().join(legacy));
        assert_eq!(other.len(), xlsx.len());
        for (row, (a, b)) in xlsx.iter().zip(&other).enumerate() {
            assert_eq!(
                a.keys().collect::<Vec<_>>(),
                b.keys().collect::<Vec<_>>(),
                "{legacy}, row {}",
                row + 2
            );
            for (field, va) in a {
                let same = match (va, &b[field]) {
                    (Value::Number(x), Value::Number(y)) => close(*x, *y),
                    (x, y) => x == y,
                };
                assert!(
                    same,
                    "{legacy}, row {}, {field}: {va:?} vs {:?}",
                    row + 2,
                    b[field]
                );
            }
        }
    }
}

#[test]
fn texto_en_numero() {
    invalid(
        "texto_en_numero",
        &[(
            &at("P3"),
            &[
                "se encontró «cinco»",
                "hay texto en una celda numérica",
                "número entero mayor o igual a 0",
            ],
        )],
    );
}

#[test]
fn porcentaje_fuera_de_rango() {
    invalid(
        "porcentaje_fuera_de_rango",
        &[(
            &at("I4"),
            &[
                "se encontró «120»",
                "el porcentaje está fuera del rango 0–100",
                "porcentaje entre 0 y 100",
            ],
        )],
    );
}

#[test]
fn porcentajes_no_suman_100() {
    invalid(
        "porcentajes_no_suman_100",
        &[(
            &at("M5:O5"),
            &[
                "se encontró «suma 90,0»",
                "los porcentajes de «actividades»",
                "pct_act_fortalecimiento + pct_act_entorno + pct_act_relacionamiento",
                "deben sumar 100",
            ],
        )],
    );
}

#[test]
fn conteo_negativo() {
    invalid(
        "conteo_negativo",
        &[(
            &at("P5"),
            &[
                "se encontró «-3»",
                "el conteo es negativo",
                "mayor o igual a 0",
            ],
        )],
    );
}

#[test]
fn conteo_decimal() {
    invalid(
        "conteo_decimal",
        &[(
            &at("Q6"),
            &[
                "se encontró «12,5»",
                "el conteo no es un número entero",
                "número entero mayor o igual a 0",
            ],
        )],
    );
}

#[test]
fn activas_mayor_que_participantes() {
    invalid(
        "activas_mayor_que_participantes",
        &[(
            &at("R2"),
            &[
                "se encontró «60»",
                "«empresas_activas» (60) supera a «empresas_participantes» (50)",
                "más empresas activas",
            ],
        )],
    );
}

#[test]
fn impactadas_mayor_que_participantes() {
    invalid(
        "impactadas_mayor_que_participantes",
        &[(
            &at("S4"),
            &[
                "se encontró «25»",
                "«empresas_impactadas» (25) supera a «empresas_participantes» (20)",
            ],
        )],
    );
}

#[test]
fn departamento_desconocido() {
    invalid(
        "departamento_desconocido",
        &[(
            &at("C3"),
            &[
                "se encontró «Bogota»",
                "no es un departamento de Colombia",
                "¿quiso decir «Bogotá D.C.»?",
            ],
        )],
    );
}

#[test]
fn respuesta_desconocida() {
    invalid(
        "respuesta_desconocida",
        &[(
            &at("E4"),
            &[
                "se encontró «Minería»",
                "no es una respuesta conocida de «macrosector»",
                "agréguela en data/olas/9/ola.yaml › respuestas › macrosector",
                "o use una de: «Servicios», «Manufactura», «Agroindustria»",
            ],
        )],
    );
}

#[test]
fn opcion_desconocida() {
    invalid(
        "opcion_desconocida",
        &[(
            &at("U3"),
            &[
                "se encontró «articulacion; Corrupción»",
                "la opción «Corrupción» no es una respuesta conocida de «barreras»",
                "agréguela en data/olas/9/ola.yaml › respuestas › barreras",
                "«Financiación / recursos»",
                "«Otra»",
            ],
        )],
    );
}

#[test]
fn id_duplicado() {
    invalid(
        "id_duplicado",
        &[(
            &at("A6"),
            &[
                "se encontró «IC-002»",
                "el código de iniciativa está repetido",
                "ya aparece en la fila 3",
            ],
        )],
    );
}

#[test]
fn celda_con_error() {
    invalid(
        "celda_con_error",
        &[(
            &at("T4"),
            &[
                "se encontró «#DIV/0!»",
                "la celda tiene un error de Excel (#DIV/0!)",
                "un número mayor o igual a 0",
            ],
        )],
    );
}

#[test]
fn columna_faltante() {
    let out = invalid(
        "columna_faltante",
        &[(
            &format!("{FILE} › Respuestas"),
            &["falta la columna «ventas» (campo «ventas») en la fila de encabezados 1"],
        )],
    );
    assert!(
        out.contains("5 iniciativas leídas, 1 error(es)"),
        "the other columns are still read\n{out}"
    );
}

#[test]
fn hoja_faltante() {
    let out = invalid(
        "hoja_faltante",
        &[(
            FILE,
            &["no existe la hoja «Respuestas»", "el libro tiene: «Hoja1»"],
        )],
    );
    assert!(out.contains("0 iniciativas leídas, 1 error(es)"), "{out}");
}

#[test]
fn no_es_libro() {
    let out = invalid(
        "no_es_libro",
        &[(
            FILE,
            &[
                "el archivo no es un libro de cálculo legible",
                "se espera xlsx, xls u ods",
            ],
        )],
    );
    assert!(out.contains("0 iniciativas leídas, 1 error(es)"), "{out}");
}

#[test]
fn correo_invalido() {
    invalid(
        "correo_invalido",
        &[(
            &at("H3"),
            &[
                "se encontró «juan.perez@turismovalle»",
                "el correo no es válido",
                "nombre@dominio",
            ],
        )],
    );
}

#[test]
fn correo_faltante() {
    invalid(
        "correo_faltante",
        &[(
            &at("H5"),
            &[
                "falta la respuesta obligatoria «director_email»",
                "un correo electrónico (nombre@dominio)",
            ],
        )],
    );
}

#[test]
fn anio_futuro() {
    invalid(
        "anio_futuro",
        &[(
            &at("L2"),
            &[
                "se encontró «2022»",
                "el año de actualización de la estrategia es posterior a la ola (2020)",
            ],
        )],
    );
}

#[test]
fn varios_errores_se_reportan_a_la_vez() {
    let out = invalid(
        "varios_errores",
        &[
            (
                &at("C2"),
                &["se encontró «Bogota»", "¿quiso decir «Bogotá D.C.»?"],
            ),
            (
                &at("P4"),
                &["se encontró «cinco»", "hay texto en una celda numérica"],
            ),
            (
                &at("H6"),
                &["se encontró «sin correo»", "el correo no es válido"],
            ),
        ],
    );
    assert!(
        out.contains("5 iniciativas leídas, 3 error(es), 2 aviso(s)"),
        "{out}"
    );
}

/// An Excel error (#N/A) in a one-column-per-option cell (Y4, «impactos_empresariales
/// [Mejora en la productividad]») is read as "not chosen" and check passes.
#[test]
fn error_en_columna_de_opcion() {
    let run = check(&fixtures().join("invalid/error_en_opcion/respuestas.xlsx"));
    assert_eq!(run.code, 1, "{}", run.stdout);
    let head = format!("error: {}: ", at("Y4"));
    assert!(
        run.stdout
            .lines()
            .any(|l| l.starts_with(&head) && l.contains("la celda tiene un error de Excel (#N/A)")),
        "{}",
        run.stdout
    );
}
