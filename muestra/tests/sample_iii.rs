//! The III ola sample, read back through the project's reader and categorization, reproduces
//! the figures of the February 2021 deck (golden tables in tests/golden/).

mod sample_common;

use std::collections::BTreeMap;

use sample_common::*;
use ssme::Initiative;

fn ola3() -> (ssme::Project, Vec<Initiative>) {
    let p = project();
    let inits = read_ola(&p, 3);
    (p, inits)
}

fn by_department(inits: &[Initiative]) -> BTreeMap<String, Vec<&Initiative>> {
    let mut m: BTreeMap<String, Vec<&Initiative>> = BTreeMap::new();
    for i in inits {
        m.entry(i.text("departamento").unwrap().to_string())
            .or_default()
            .push(i);
    }
    m
}

#[test]
fn sample_iii_departments_and_macrosectors() {
    let (_, inits) = ola3();
    assert_eq!(inits.len(), 76);
    let deps = by_department(&inits);
    for row in golden("departamentos_por_ola.csv") {
        let d = &row["departamento"];
        if d == "TOTAL" {
            assert_eq!(row["ola_3_2020"].parse::<usize>().unwrap(), inits.len());
            continue;
        }
        let want: usize = row["ola_3_2020"].parse().unwrap_or(0);
        assert_eq!(deps.get(d).map_or(0, |v| v.len()), want, "{d}");
    }
    for row in golden("macrosectores_por_ola.csv") {
        let value = row["macrosector"].to_lowercase();
        let k = count_choice(&inits, "macrosector", &value);
        assert_eq!(
            pct(k, inits.len()),
            row["pct_ola_3"].parse::<i64>().unwrap(),
            "{value}"
        );
    }
    assert_eq!(
        ["servicios", "manufactura", "agroindustria"].map(|m| count_choice(
            &inits,
            "macrosector",
            m
        )),
        [39, 21, 16]
    );
}

#[test]
fn sample_iii_levels_round_to_the_deck() {
    let (p, inits) = ola3();
    let m = p.methodology_of(p.ola(3).unwrap()).unwrap();
    let cats = ssme::categorize::categorize_all(m, &inits, 2019);
    let counts = ssme::categorize::level_counts(m, &cats);
    let names: Vec<&str> = m.variables().map(|(_, v)| v.nombre.as_str()).collect();
    let golden = golden("niveles_por_variable_ola_3.csv");
    assert_eq!(golden.len(), 18);
    for row in golden {
        let k = names
            .iter()
            .position(|n| *n == row["variable"])
            .unwrap_or_else(|| panic!("{}", row["variable"]));
        let c = counts[k];
        let n: usize = c.iter().sum();
        assert!(
            n >= 73,
            "{}: solo {n} iniciativas con dato",
            row["variable"]
        );
        let got = c.map(|x| pct(x, n));
        let want =
            ["pct_nivel_1", "pct_nivel_2", "pct_nivel_3"].map(|h| row[h].parse::<i64>().unwrap());
        if row["variable"] == "Impacto empresarial" {
            // The deck's 36/20/45 only rounds from all 76 initiatives (27/15/34), but its
            // companies table leaves Huila's 2 initiatives without companies, so only 74 can
            // have this ratio; no split of 74 rounds to the deck. Closest: one point off.
            assert_eq!(n, 74);
            let off: i64 = (0..3).map(|i| (got[i] - want[i]).abs()).sum();
            assert!(off <= 1, "{}: {got:?} frente a {want:?}", row["variable"]);
            continue;
        }
        assert_eq!(got, want, "{}: conteos {c:?} de {n}", row["variable"]);
    }
}

#[test]
fn sample_iii_companies_and_jobs_by_department() {
    let (_, inits) = ola3();
    let deps = by_department(&inits);
    for (file, col, field) in [
        (
            "empresas_por_departamento.csv",
            "empresas_ic_ola_3",
            "empresas_participantes",
        ),
        ("empleo_por_departamento.csv", "empleo_ic_ola_3", "empleos"),
    ] {
        let rows = golden(file);
        for row in &rows {
            let d = &row["departamento"];
            if d == "NACIONAL" {
                assert_eq!(
                    sum(&inits, field),
                    row[col].parse::<i64>().unwrap(),
                    "{field} total"
                );
                continue;
            }
            let Some(list) = deps.get(d) else { continue };
            let have: Vec<i64> = list.iter().filter_map(|i| num(i, field)).collect();
            match row[col].parse::<i64>() {
                Ok(want) => {
                    assert_eq!(have.len(), list.len(), "{d}: todas con {field}");
                    assert_eq!(have.iter().sum::<i64>(), want, "{d}: {field}");
                }
                Err(_) => assert!(have.is_empty(), "{d}: {field} debe quedar sin dato"),
            }
        }
        // Departments of the ola absent from the table have no figure either.
        for (d, list) in &deps {
            if !rows.iter().any(|r| &r["departamento"] == d) {
                assert!(list.iter().all(|i| !i.has(field)), "{d}: {field} sin dato");
            }
        }
    }
    assert_eq!(sum(&inits, "empresas_participantes"), 12_684);
    assert_eq!(sum(&inits, "empresas_activas"), 4_243);
    assert_eq!(sum(&inits, "empresas_impactadas"), 4_729);
    assert_eq!(sum(&inits, "empleos"), 582_791);
    assert_eq!(
        inits
            .iter()
            .filter(|i| num(i, "empresas_impactadas").unwrap_or(0) > 0)
            .count(),
        57
    );
    for i in &inits {
        let p = num(i, "empresas_participantes").unwrap_or(0);
        assert!(num(i, "empresas_activas").unwrap_or(0) <= p, "{}", i.id());
        assert!(
            num(i, "empresas_impactadas").unwrap_or(0) <= p,
            "{}",
            i.id()
        );
        let sizes: i64 = [
            "empresas_micro",
            "empresas_pequenas",
            "empresas_medianas",
            "empresas_grandes",
        ]
        .iter()
        .filter_map(|f| num(i, f))
        .sum();
        assert!(sizes <= p, "{}: tamaños {sizes} > {p}", i.id());
    }
}

fn close(got: f64, want: f64, tol: f64, what: &str) {
    assert!(
        (got - want).abs() <= tol,
        "{what}: {got:.1} (se esperaba ≈ {want})"
    );
}

#[test]
fn sample_iii_other_shares_of_the_deck() {
    let (_, inits) = ola3();
    let n = inits.len();
    close(
        mean(&inits, "pct_intercluster"),
        41.0,
        0.5,
        "intercluster medio",
    );
    close(
        mean(&inits, "pct_act_fortalecimiento"),
        41.0,
        0.5,
        "fortalecimiento",
    );
    close(mean(&inits, "pct_act_entorno"), 17.0, 0.5, "entorno");
    close(
        mean(&inits, "pct_act_relacionamiento"),
        42.0,
        0.5,
        "relacionamiento",
    );
    for group in [
        &[
            "pct_act_fortalecimiento",
            "pct_act_entorno",
            "pct_act_relacionamiento",
        ][..],
        &[
            "pct_estrategia_empresas",
            "pct_estrategia_academia",
            "pct_estrategia_gobierno",
            "pct_estrategia_otros",
        ],
        &[
            "pct_operativa_publicos",
            "pct_operativa_privados",
            "pct_operativa_empresas",
        ],
        &[
            "pct_proyectos_publicos",
            "pct_proyectos_privados",
            "pct_proyectos_empresas",
        ],
    ] {
        for i in &inits {
            let vals: Vec<i64> = group.iter().filter_map(|f| num(i, f)).collect();
            assert!(
                vals.is_empty() || (vals.len() == group.len() && vals.iter().sum::<i64>() == 100),
                "{} {group:?}",
                i.id()
            );
        }
    }
    let exists = |f: &str| n - count_choice(&inits, f, "no");
    assert_eq!(pct(exists("asamblea_general"), n), 70);
    assert_eq!(
        pct(count_choice(&inits, "asamblea_general", "se_reunio"), n),
        62
    );
    assert_eq!(pct(exists("consejo_asesor"), n), 76);
    assert_eq!(
        pct(count_choice(&inits, "consejo_asesor", "periodico"), n),
        61
    );
    let c = ["no_espontanea", "depende_director", "espontanea"]
        .map(|v| pct(count_choice(&inits, "colaboracion", v), n));
    assert_eq!(c, [13, 42, 45]);
    // Barriers: 7 in 10 initiatives; share of mentions per barrier.
    // The others answer «ninguna» explicitly: every initiative answered the question.
    assert!(inits.iter().all(|i| i.has("barreras")));
    let with = inits
        .iter()
        .filter(|i| i.choices("barreras").is_some_and(|c| c != ["ninguna"]))
        .count();
    close(
        100.0 * with as f64 / n as f64,
        70.0,
        1.0,
        "iniciativas con barreras",
    );
    let mentions: usize = inits
        .iter()
        .filter_map(|i| i.choices("barreras"))
        .map(|c| c.iter().filter(|v| *v != "ninguna").count())
        .sum();
    for (v, want) in [
        ("financiacion", 32.0),
        ("articulacion", 17.0),
        ("participacion", 13.0),
        ("compromiso", 9.0),
        ("confianza", 8.0),
    ] {
        close(
            100.0 * count_option(&inits, "barreras", v) as f64 / mentions as f64,
            want,
            1.0,
            v,
        );
    }
    // Business impacts among the 57 initiatives with impacted companies.
    let with: Vec<Initiative> = inits
        .iter()
        .filter(|i| num(i, "empresas_impactadas").unwrap_or(0) > 0)
        .cloned()
        .collect();
    for (v, want) in [
        ("capacitacion", 81),
        ("idi", 75),
        ("mercado", 67),
        ("productividad", 58),
        ("diversificacion", 46),
        ("internacional", 46),
    ] {
        assert_eq!(
            pct(count_option(&with, "impactos_empresariales", v), with.len()),
            want,
            "{v}"
        );
    }
    // Territorial impacts: 75 % of initiatives; shares of those.
    let terr: Vec<Initiative> = inits
        .iter()
        .filter(|i| {
            i.choices("impactos_territoriales")
                .is_some_and(|c| c != ["ninguna"])
        })
        .cloned()
        .collect();
    assert_eq!(pct(terr.len(), n), 75);
    for (v, want) in [
        ("agenda", 66.0),
        ("ambiente", 45.0),
        ("inversion", 33.0),
        ("genero", 29.0),
        ("nuevas_empresas", 22.0),
    ] {
        close(
            100.0 * count_option(&terr, "impactos_territoriales", v) as f64 / n as f64,
            want,
            1.5,
            v,
        );
    }
    let types = [
        "camara_comercio",
        "corporacion",
        "entidad_publica",
        "universidad",
        "agencia",
    ]
    .map(|t| count_choice(&inits, "tipo_entidad", t));
    assert_eq!(types, [36, 28, 5, 5, 2]);
    // Emergency: adjusting strategies is the most frequent action.
    let acc = ["ajuste", "bioseguridad", "cese", "reinvencion", "digital"]
        .map(|v| count_option(&inits, "emergencia_acciones", v));
    assert!(acc[1..].iter().all(|&x| x < acc[0]), "{acc:?}");
}

#[test]
fn sample_iii_identities_are_unique_and_synthetic() {
    let (_, inits) = ola3();
    let ids: std::collections::BTreeSet<&str> = inits.iter().map(|i| i.id()).collect();
    let names: std::collections::BTreeSet<&str> = inits.iter().map(|i| i.name()).collect();
    let mails: std::collections::BTreeSet<&str> = inits
        .iter()
        .filter_map(|i| i.text("director_email"))
        .collect();
    assert_eq!((ids.len(), names.len(), mails.len()), (76, 76, 76));
    for m in mails {
        assert!(m.is_ascii() && m.ends_with("@example.org"), "{m}");
    }
}
