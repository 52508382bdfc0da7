//! The path to the next level on hand-made cases. The methodology has three areas of one, two
//! and three variables, cut points 1,5 and 2,5: one step in area A adds 1/3 to the score, in B
//! 1/6 and in C 1/9 (every area with data). Every expected figure below is counted by hand.

use std::collections::BTreeMap;

use super::*;
use crate::categorize::Categorization;

const YAML: &str = r#"
id: prueba
nombre: Metodología de prueba
niveles:
  - {numero: 1, nombre: Básico}
  - {numero: 2, nombre: En consolidación}
  - {numero: 3, nombre: Consolidada}
completitud: {minimo_areas: 0.5, minimo_variables: 0.5}
puntaje: {agregacion: media_de_areas, maximo: 3.0, decimales: 2, cortes: [1.5, 2.5]}
areas:
  - id: a
    numero: 1
    nombre: Área A
    variables:
      - {id: a1, nombre: A1, regla: {tipo: umbral, campo: a1, nivel_1: "<= 20", nivel_3: ">= 80"}, criterios: ["a1 bajo", "a1 medio", "a1 alto"]}
  - id: b
    numero: 2
    nombre: Área B
    variables:
      - {id: b1, nombre: B1, regla: {tipo: umbral, campo: b1, nivel_1: "<= 20", nivel_3: ">= 80"}, criterios: ["b1 bajo", "b1 medio", "b1 alto"]}
      - {id: b2, nombre: B2, regla: {tipo: umbral, campo: b2, nivel_1: "<= 20", nivel_3: ">= 80"}, criterios: ["b2 bajo", "b2 medio", "b2 alto"]}
  - id: c
    numero: 3
    nombre: Área C
    variables:
      - {id: c1, nombre: C1, regla: {tipo: umbral, campo: c1, nivel_1: "<= 20", nivel_3: ">= 80"}, criterios: ["c1 bajo", "c1 medio", "c1 alto"]}
      - {id: c2, nombre: C2, regla: {tipo: umbral, campo: c2, nivel_1: "<= 20", nivel_3: ">= 80"}, criterios: ["c2 bajo", "c2 medio", "c2 alto"]}
      - {id: c3, nombre: C3, regla: {tipo: umbral, campo: c3, nivel_1: "<= 20", nivel_3: ">= 80"}, criterios: ["c3 bajo", "c3 medio", "c3 alto"]}
"#;

fn methodology() -> Methodology {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("prueba.yaml"), YAML).unwrap();
    let mut all: BTreeMap<String, Methodology> = Methodology::load_all(dir.path()).unwrap();
    all.remove("prueba").unwrap()
}

/// A categorization with the given variable levels and the score and level counted by hand.
fn cat(levels: &[Option<u8>], score: f64, level: u8) -> Categorization {
    Categorization {
        levels: levels.to_vec(),
        areas: Vec::new(),
        score: Some(score),
        level: Some(level),
        complete: true,
        missing: Vec::new(),
    }
}

fn step(variable: usize, from: u8, to: u8) -> Step {
    Step { variable, from, to }
}

#[test]
fn one_change_in_the_smallest_area_suffices() {
    // Areas 1, 1 and 2: score 1,33, Nivel 1. A1 to Nivel 2 makes 2, 1, 2 → 1,67, Nivel 2.
    let m = methodology();
    let c = cat(
        &[Some(1), Some(1), Some(1), Some(2), Some(2), Some(2)],
        1.33,
        1,
    );
    let p = next_level(&m, &c).unwrap();
    assert_eq!(p.steps, vec![step(0, 1, 2)]);
    assert_eq!((p.moves, p.score_after, p.level_after), (1, 1.67, 2));
    assert!(p.lifts());
}

#[test]
fn no_single_change_suffices() {
    // Every variable at 2: score 2,00, Nivel 2; Nivel 3 needs 2,50. The best single change
    // (A1, +1/3) reaches 2,33 only; adding B1 (+1/6) reaches 2,50.
    let m = methodology();
    let c = cat(&[Some(2); 6], 2.0, 2);
    let p = next_level(&m, &c).unwrap();
    assert_eq!(p.steps, vec![step(0, 2, 3), step(1, 2, 3)]);
    assert_eq!((p.moves, p.score_after, p.level_after), (2, 2.5, 3));
}

#[test]
fn one_variable_may_climb_two_levels() {
    // Every variable at 1: score 1,00. A1 to 2 gives 1,33; A1 to 3 gives 1,67 (Nivel 2),
    // two steps; any other pair of steps adds at most 1/3 + 1/6.
    let m = methodology();
    let c = cat(&[Some(1); 6], 1.0, 1);
    let p = next_level(&m, &c).unwrap();
    assert_eq!(p.steps, vec![step(0, 1, 3)]);
    assert_eq!((p.moves, p.score_after, p.level_after), (2, 1.67, 2));
}

#[test]
fn a_variable_without_data_weighs_its_area_differently() {
    // B2 sin dato: B is averaged over B1 only, so a step in B1 adds 1/3 like one in A1. Areas
    // 3, 1, 1 → 1,67, Nivel 2; needs 2,50: B1 to 3 (+2/3) gives 2,33, then C1 (+1/9) 2,44,
    // then C2 2,56: four steps. A1 is already at 3.
    let m = methodology();
    let c = cat(
        &[Some(3), Some(1), None, Some(1), Some(1), Some(1)],
        1.67,
        2,
    );
    let p = next_level(&m, &c).unwrap();
    assert_eq!(p.steps, vec![step(1, 1, 3), step(3, 1, 2), step(4, 1, 2)]);
    assert_eq!((p.moves, p.score_after, p.level_after), (4, 2.56, 3));
}

#[test]
fn at_the_top_level_the_biggest_gains_are_listed() {
    // Areas 3; 2,5; 2,67 → 2,72, Nivel 3. Only B2 (+1/6) and C3 (+1/9) can move: 3,00.
    let m = methodology();
    let c = cat(
        &[Some(3), Some(3), Some(2), Some(3), Some(3), Some(2)],
        2.72,
        3,
    );
    let p = next_level(&m, &c).unwrap();
    assert_eq!(p.steps, vec![step(2, 2, 3), step(5, 2, 3)]);
    assert_eq!((p.score_after, p.level_after), (3.0, 3));
    assert!(!p.lifts());
}

#[test]
fn nothing_to_do_at_the_maximum_or_without_a_score() {
    let m = methodology();
    assert_eq!(next_level(&m, &cat(&[Some(3); 6], 3.0, 3)), None);
    let mut uncategorized = cat(&[None; 6], 0.0, 1);
    uncategorized.score = None;
    uncategorized.level = None;
    assert_eq!(next_level(&m, &uncategorized), None);
}
