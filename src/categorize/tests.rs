//! Every boundary of every variable of the III ola methodology, read from data/.

use std::collections::BTreeMap;
use std::path::Path;

use super::*;
use crate::methodology::Rule;
use crate::Value;

fn methodologies() -> BTreeMap<String, Methodology> {
    Methodology::load_all(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("ejemplos/muestra/data/metodologias"),
    )
    .unwrap()
}

fn init(values: &[(&str, Value)]) -> Initiative {
    Initiative {
        row: 2,
        values: values
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect(),
    }
}

fn n(x: f64) -> Value {
    Value::Number(x)
}

fn c(x: &str) -> Value {
    Value::Choice(x.to_string())
}

/// Level of variable `var` for an initiative with `values`, III ola (period 2019).
fn level(var: &str, values: &[(&str, Value)]) -> Option<u8> {
    let ms = methodologies();
    let m = &ms["ssme-2020"];
    let (_, v) = m
        .variables()
        .find(|(_, v)| v.id == var)
        .unwrap_or_else(|| panic!("no variable {var}"));
    v.regla.level(&init(values), 2019)
}

fn pct_levels(var: &str, field: &str, cases: &[(f64, u8)]) {
    for &(x, expected) in cases {
        assert_eq!(
            level(var, &[(field, n(x))]),
            Some(expected),
            "{var} con {field} = {x}"
        );
    }
    assert_eq!(level(var, &[]), None, "{var} sin dato");
}

#[test]
fn the_methodology_has_18_variables_in_8_areas() {
    for m in methodologies().values() {
        assert_eq!(m.areas.len(), 8, "{}", m.id);
        assert_eq!(m.variable_count(), 18, "{}", m.id);
    }
}

#[test]
fn enfoque_and_avance_general_close_at_20_and_80() {
    let cases = [
        (0.0, 1),
        (20.0, 1),
        (20.01, 2),
        (50.0, 2),
        (79.99, 2),
        (80.0, 3),
        (100.0, 3),
    ];
    pct_levels("enfoque", "pct_intercluster", &cases);
    pct_levels("avance_general", "avance_general", &cases);
}

#[test]
fn participantes_estrategia_closes_at_30_and_80() {
    pct_levels(
        "participantes_estrategia",
        "pct_estrategia_empresas",
        &[(30.0, 1), (30.01, 2), (79.99, 2), (80.0, 3)],
    );
}

#[test]
fn actividades_closes_at_30_and_50() {
    pct_levels(
        "actividades",
        "pct_act_relacionamiento",
        &[(30.0, 1), (30.01, 2), (49.99, 2), (50.0, 3)],
    );
}

#[test]
fn recursos_para_proyectos_closes_at_20_and_80() {
    pct_levels(
        "recursos_proyectos",
        "pct_proyectos_empresas",
        &[(20.0, 1), (20.01, 2), (79.99, 2), (80.0, 3)],
    );
}

#[test]
fn recursos_operativos_add_private_and_company_money() {
    let op = |privados: f64, empresas: f64| {
        level(
            "recursos_operativa",
            &[
                ("pct_operativa_privados", n(privados)),
                ("pct_operativa_empresas", n(empresas)),
            ],
        )
    };
    assert_eq!(op(10.0, 10.0), Some(1));
    assert_eq!(op(10.0, 10.5), Some(2));
    assert_eq!(op(40.0, 39.99), Some(2));
    assert_eq!(op(40.0, 40.0), Some(3));
    assert_eq!(
        level("recursos_operativa", &[("pct_operativa_privados", n(50.0))]),
        None
    );
}

#[test]
fn sostenibilidad_is_short_medium_or_long_term() {
    pct_levels(
        "sostenibilidad",
        "sostenibilidad_meses",
        &[(0.0, 1), (11.0, 1), (12.0, 2), (24.0, 2), (25.0, 3)],
    );
}

#[test]
fn equipo_gestor_counts_professionals_besides_the_manager() {
    pct_levels(
        "equipo_gestor",
        "equipo_profesionales",
        &[(0.0, 1), (1.0, 2), (2.0, 3), (7.0, 3)],
    );
}

#[test]
fn ratios_come_from_counts() {
    let ratio = |var: &str, part: &str, p: f64, w: f64| {
        level(var, &[(part, n(p)), ("empresas_participantes", n(w))])
    };
    for (p, expected) in [(60.0, 1), (61.0, 2), (79.0, 2), (80.0, 3), (100.0, 3)] {
        assert_eq!(
            ratio("empresas_activas", "empresas_activas", p, 100.0),
            Some(expected),
            "activas {p}/100"
        );
    }
    for (p, expected) in [(20.0, 1), (21.0, 2), (59.0, 2), (60.0, 3)] {
        assert_eq!(
            ratio("impacto_empresarial", "empresas_impactadas", p, 100.0),
            Some(expected),
            "impactadas {p}/100"
        );
    }
    // 3 of 5 active is exactly 60 %: still Nivel 1. No participating companies: sin dato.
    assert_eq!(
        ratio("empresas_activas", "empresas_activas", 3.0, 5.0),
        Some(1)
    );
    assert_eq!(
        ratio("empresas_activas", "empresas_activas", 0.0, 0.0),
        None
    );
}

#[test]
fn tamano_counts_medium_and_large_companies() {
    let t = |m: f64, g: f64| {
        level(
            "tamano_empresas",
            &[("empresas_medianas", n(m)), ("empresas_grandes", n(g))],
        )
    };
    assert_eq!(t(0.0, 0.0), Some(1));
    assert_eq!(t(1.0, 0.0), Some(2));
    assert_eq!(t(0.0, 1.0), Some(2));
    assert_eq!(t(1.0, 1.0), Some(3));
    assert_eq!(t(0.0, 5.0), Some(3));
}

#[test]
fn categorical_variables_map_each_answer() {
    let cases = [
        (
            "plan_accion",
            "plan_accion",
            ["no", "sin_actualizar", "actualizado"],
        ),
        (
            "asamblea_general",
            "asamblea_general",
            ["no", "sin_reunion", "se_reunio"],
        ),
        (
            "consejo_asesor",
            "consejo_asesor",
            ["no", "sin_periodicidad", "periodico"],
        ),
        ("gerente_cluster", "gerente", ["no", "parcial", "dedicado"]),
        (
            "mesas_trabajo",
            "mesas_trabajo",
            ["no", "informales", "formales"],
        ),
        (
            "colaboracion",
            "colaboracion",
            ["no_espontanea", "depende_director", "espontanea"],
        ),
    ];
    for (var, field, answers) in cases {
        for (i, a) in answers.iter().enumerate() {
            assert_eq!(
                level(var, &[(field, c(a))]),
                Some(i as u8 + 1),
                "{var} = {a}"
            );
        }
        assert_eq!(level(var, &[]), None, "{var} sin dato");
    }
}

#[test]
fn estrategia_updated_in_the_last_three_years_means_2017_to_2019() {
    let e = |doc: &str, year: Option<f64>| {
        let mut values = vec![("estrategia_documento", c(doc))];
        if let Some(y) = year {
            values.push(("estrategia_anio", n(y)));
        }
        level("estrategia", &values)
    };
    assert_eq!(e("no", None), Some(1));
    assert_eq!(e("no", Some(2019.0)), Some(1));
    assert_eq!(e("si", Some(2016.0)), Some(2));
    assert_eq!(e("si", Some(2017.0)), Some(3));
    assert_eq!(e("si", Some(2019.0)), Some(3));
    assert_eq!(e("si", Some(2020.0)), Some(3));
    assert_eq!(e("si", None), None);
}

#[test]
fn score_is_the_mean_of_area_means_cut_at_1_5_and_2_5() {
    let ms = methodologies();
    let m = &ms["ssme-2020"];
    assert_eq!(m.level_of_score(1.49), 1);
    assert_eq!(m.level_of_score(1.5), 2);
    assert_eq!(m.level_of_score(1.65), 2);
    assert_eq!(m.level_of_score(2.49), 2);
    assert_eq!(m.level_of_score(2.5), 3);

    // Enfoque: 1 and 3 → area 2,0; estrategia: only plan (3) answered → 3,0; colaboración 1.
    let i = init(&[
        ("pct_intercluster", n(10.0)),
        ("avance_general", n(90.0)),
        ("plan_accion", c("actualizado")),
        ("colaboracion", c("no_espontanea")),
    ]);
    // The arithmetic alone: without the completeness rule (tested below) this initiative,
    // which answers 3 of 8 areas, would not be categorized.
    let mut lax = m.clone();
    lax.completitud = crate::methodology::Completeness {
        minimo_areas: 0.0,
        minimo_variables: 0.0,
    };
    let cat = categorize(&lax, &i, 2019);
    assert_eq!(cat.areas[0], Some(2.0));
    assert_eq!(cat.areas[1], Some(3.0));
    assert_eq!(cat.areas[2], None);
    assert_eq!(cat.areas[5], Some(1.0));
    assert_eq!(cat.score, Some(2.0));
    assert_eq!(cat.level, Some(2));
    assert_eq!(categorize(&lax, &init(&[]), 2019).score, None);
    assert!(!categorize(m, &i, 2019).complete);
}

#[test]
fn scores_round_to_two_decimals_before_the_cut() {
    let ms = methodologies();
    let m = &ms["ssme-2020"];
    assert_eq!(m.round_score(1.645), 1.65);
    assert_eq!(m.round_score(2.4949), 2.49);
    assert_eq!(m.level_of_score(m.round_score(1.4951)), 2);
}

#[test]
fn sums_are_decided_when_the_answered_members_decide_the_level() {
    // Tamaño: medium + large companies. Two medium with the large blank are already "more
    // than one"; one medium could still be one (Nivel 2) or more (Nivel 3).
    let t = |values: &[(&str, Value)]| level("tamano_empresas", values);
    assert_eq!(t(&[("empresas_medianas", n(2.0))]), Some(3));
    assert_eq!(t(&[("empresas_grandes", n(3.0))]), Some(3));
    assert_eq!(t(&[("empresas_medianas", n(1.0))]), None);
    assert_eq!(t(&[("empresas_medianas", n(0.0))]), None);
    assert_eq!(t(&[]), None);
    // Recursos de la estructura operativa: private + companies, completed to 100 % by public.
    let r = |values: &[(&str, Value)]| level("recursos_operativa", values);
    assert_eq!(r(&[("pct_operativa_publicos", n(100.0))]), Some(1));
    assert_eq!(
        r(&[
            ("pct_operativa_publicos", n(90.0)),
            ("pct_operativa_privados", n(5.0))
        ]),
        Some(1)
    );
    assert_eq!(r(&[("pct_operativa_privados", n(85.0))]), Some(3));
    assert_eq!(
        r(&[
            ("pct_operativa_publicos", n(50.0)),
            ("pct_operativa_privados", n(10.0))
        ]),
        None
    );
    assert_eq!(r(&[("pct_operativa_publicos", n(40.0))]), None);
    assert_eq!(r(&[]), None);
}

#[test]
fn every_summed_variable_is_decided_or_not_as_its_members_allow() {
    // Whatever sums the methodologies define, both ways: a large answered member decides
    // (every threshold's top level is "above"), nothing answered never does.
    for m in methodologies().values() {
        for (_, v) in m.variables() {
            let Rule::Threshold {
                source: crate::methodology::Source::Sum { fields, .. },
                ..
            } = &v.regla
            else {
                continue;
            };
            let first = fields[0].as_str();
            assert_eq!(
                v.regla.level(&init(&[(first, n(100.0))]), 2019),
                Some(3),
                "{} con {first} = 100 y el resto vacío",
                v.id
            );
            assert_eq!(
                v.regla.level(&init(&[(first, n(0.0))]), 2019),
                None,
                "{} con {first} = 0 y el resto vacío",
                v.id
            );
        }
    }
}

#[test]
fn completeness_rule_leaves_out_thin_answers() {
    let ms = methodologies();
    let m = &ms["ssme-2020"];
    // One strong answer (spontaneous collaboration) is no Nivel 3 «Consolidada».
    let thin = init(&[("colaboracion", c("espontanea"))]);
    let cat = categorize(m, &thin, 2019);
    assert!(!cat.complete);
    assert_eq!((cat.score, cat.level), (None, None));
    assert!(cat.levels.iter().all(Option::is_none));
    assert_eq!(cat.missing.len(), 17);
    // Six areas and nine variables answered: categorized.
    let enough = init(&[
        ("pct_intercluster", n(50.0)),
        ("avance_general", n(50.0)),
        ("plan_accion", c("actualizado")),
        ("estrategia_documento", c("no")),
        ("asamblea_general", c("se_reunio")),
        ("consejo_asesor", c("periodico")),
        ("pct_act_relacionamiento", n(60.0)),
        ("colaboracion", c("espontanea")),
        ("sostenibilidad_meses", n(30.0)),
    ]);
    let cat = categorize(m, &enough, 2019);
    assert!(cat.complete, "{:?}", cat.missing);
    assert!(cat.score.is_some());
    // Eight variables in six areas: below half of the 18.
    let mut eight = enough.clone();
    eight.values.remove("estrategia_documento");
    assert!(!categorize(m, &eight, 2019).complete);
    // Level counts leave the «no categorizada» out.
    let counts = level_counts(m, &[categorize(m, &thin, 2019)]);
    assert!(counts.iter().all(|c| c.iter().sum::<usize>() == 0));
}
