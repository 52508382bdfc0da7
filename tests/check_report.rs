//! `ssme check` speaks to the person fixing the data, on the sample's real III ola export with
//! its mapping edited as a new form would break it: one answer text changed (42 cells) and one
//! header re-worded. Identical problems are one line with their cell ranges and where to add the
//! answer; the missing column names the closest header present; errors come before warnings;
//! `--ola` limits the run; `--formato json` gives the same problems. Exact output in snapshots.

mod common;

use std::fs;

use common::{project_copy, ssme};

/// The sample with ola III's mapping edited: the answer «…dedicado 100% con funciones definidas
/// formalmente» renamed «Director o Gerente» (so the export's 42 cells are unknown) and the
/// microenterprise question re-worded (so its column is missing).
fn edited_sample() -> tempfile::TempDir {
    let tmp = project_copy();
    let yaml = tmp.path().join("data/olas/3/ola.yaml");
    let text = fs::read_to_string(&yaml).unwrap();
    let edited = text
        .replace(
            "\"Existió un Director/Gerente dedicado 100% con funciones definidas formalmente\": dedicado",
            "\"Director o Gerente\": dedicado",
        )
        .replace(
            "encabezado: \"Número de microempresas participantes\"",
            "encabezado: \"Cantidad de microempresas que participan\"",
        );
    assert_ne!(
        text, edited,
        "the sample's ola.yaml changed: update this test"
    );
    fs::write(&yaml, edited).unwrap();
    tmp
}

#[test]
fn identical_problems_are_grouped_and_the_nearest_header_named() {
    let tmp = edited_sample();
    let run = ssme(tmp.path(), &["check", "--ola", "3"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    // Two error lines (43 cells), first; then the warnings; only ola III is read.
    assert!(lines[0].starts_with("error: ") && lines[1].starts_with("error: "));
    assert!(lines[2].starts_with("aviso: "), "{}", run.stdout);
    assert!(!run.stdout.contains("IV Ola"), "{}", run.stdout);
    assert!(
        run.stdout.contains("en 42 celdas; no es una respuesta conocida de «gerente»; agréguela en data/olas/3/ola.yaml › respuestas › gerente"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("el encabezado más parecido de la hoja es «Número de microempresas participantes» (columna AN)"),
        "{}",
        run.stdout
    );
    insta::assert_snapshot!("agrupados_texto", run.stdout);
}

#[test]
fn json_lists_the_same_problems() {
    let tmp = edited_sample();
    let run = ssme(tmp.path(), &["check", "--ola", "3", "--formato", "json"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    let problems = report["problemas"].as_array().unwrap();
    let text = ssme(tmp.path(), &["check", "--ola", "3"]).stdout;
    let listed = text
        .lines()
        .filter(|l| l.starts_with("error: ") || l.starts_with("aviso: "));
    assert_eq!(problems.len(), listed.count());
    // Counted as the lines the text shows; the summary of the ola also counts their cells.
    assert_eq!(report["errores"], 2);
    assert_eq!(report["olas"][0]["errores"], 2);
    assert_eq!(report["olas"][0]["celdas_con_error"], 43);
    assert_eq!(problems[1]["cantidad"], 42);
    assert_eq!(
        problems[1]["encontrado"],
        "Existió un Director/Gerente dedicado 100% con funciones definidas formalmente"
    );
    insta::assert_snapshot!("agrupados_json", run.stdout);
}

#[test]
fn an_unknown_ola_is_named() {
    let tmp = project_copy();
    let run = ssme(tmp.path(), &["check", "--ola", "7"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr.trim(),
        "error: no hay ola 7 en data/olas/; las olas configuradas son: 1, 2, 3, 4"
    );
}
