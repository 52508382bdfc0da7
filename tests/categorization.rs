//! The III ola sample, read from its committed workbook and categorized with the methodology in
//! data/, reproduces the deck's conclusions table and totals (golden figures from the deck).

use std::path::{Path, PathBuf};

use ssme::categorize::level_counts;
use ssme::dataset::Dataset;
use ssme::Project;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn root() -> PathBuf {
    repo().join("ejemplos/muestra")
}

/// Rounds half up, as the deck does.
fn round_pct(part: usize, whole: usize) -> i64 {
    ((part as f64 * 100.0 / whole as f64) + 0.5 + 1e-9).floor() as i64
}

#[test]
fn iii_ola_reproduces_the_decks_level_table() {
    let project = Project::load(&root()).unwrap();
    let mut data = Dataset::read(&project);
    assert_eq!(data.errors(), 0);
    data.categorize();
    let ola = data.ola(3).unwrap();
    let m = ola.methodology.unwrap();
    let counts = level_counts(m, &ola.categorizations);

    let mut reader =
        csv::Reader::from_path(repo().join("tests/golden/niveles_por_variable_ola_3.csv")).unwrap();
    let mut checked = 0;
    for row in reader.records() {
        let row = row.unwrap();
        let (area, variable) = (&row[0], &row[1]);
        let (idx, (a, _)) = m
            .variables()
            .enumerate()
            .find(|(_, (_, v))| v.nombre.eq_ignore_ascii_case(variable))
            .unwrap_or_else(|| panic!("variable {variable} no está en la metodología"));
        assert_eq!(
            a.nombre.to_lowercase().replace(" / actividades", ""),
            area.to_lowercase().replace(" / actividades", ""),
            "área de {variable}"
        );
        let c = counts[idx];
        let n: usize = c.iter().sum();
        assert!(n >= 73, "{variable}: solo {n} iniciativas con dato");
        // The deck is self-contradictory for one variable: its companies table leaves Huila's
        // two initiatives without companies (so impact is "sin dato" for them), yet its 36/20/45
        // only rounds right over all 76. Over the 74 with data the closest split is one point off.
        let tolerance = if variable == "Impacto empresarial" {
            1
        } else {
            0
        };
        for level in 0..3 {
            let expected: i64 = row[2 + level].parse().unwrap();
            let got = round_pct(c[level], n);
            assert!(
                (got - expected).abs() <= tolerance,
                "{variable}, nivel {}: {got} % ({:?} de {n}), el informe dice {expected} %",
                level + 1,
                c
            );
        }
        checked += 1;
    }
    assert_eq!(checked, 18);
}

#[test]
fn iii_ola_reproduces_the_decks_totals() {
    let project = Project::load(&root()).unwrap();
    let data = Dataset::read(&project);
    let ola = data.ola(3).unwrap();
    let sum = |f: &str| {
        ola.initiatives
            .iter()
            .filter_map(|i| i.number(f))
            .sum::<f64>() as i64
    };
    assert_eq!(ola.initiatives.len(), 76);
    assert_eq!(sum("empresas_participantes"), 12_684);
    assert_eq!(sum("empresas_activas"), 4_243);
    assert_eq!(sum("empresas_impactadas"), 4_729);
    assert_eq!(sum("empleos"), 582_791);
    let ola4 = data.ola(4).unwrap();
    assert_eq!(ola4.initiatives.len(), 100);
    let sum4 = |f: &str| {
        ola4.initiatives
            .iter()
            .filter_map(|i| i.number(f))
            .sum::<f64>() as i64
    };
    assert_eq!(sum4("empresas_participantes"), 37_728);
    assert_eq!(sum4("empleos"), 385_502);
}

#[test]
fn every_initiative_has_a_score_out_of_3_and_a_level() {
    let project = Project::load(&root()).unwrap();
    let mut data = Dataset::read(&project);
    data.categorize();
    for ola in data.olas.iter().filter(|o| o.methodology.is_some()) {
        let m = ola.methodology.unwrap();
        for c in &ola.categorizations {
            let s = c.score.expect("puntaje");
            assert!((1.0..=3.0).contains(&s));
            assert_eq!(c.level, Some(m.level_of_score(s)));
            assert_eq!(c.levels.len(), 18);
            assert_eq!(c.areas.len(), 8);
        }
    }
}
