//! The IV ola sample reproduces the November 2022 deck's figures and shares about 55
//! initiatives (same id, name, department and sector) with the III ola.

mod sample_common;

use std::collections::{BTreeMap, BTreeSet};

use sample_common::*;

#[test]
fn sample_iv_figures_of_the_deck() {
    let p = project();
    let inits = read_ola(&p, 4);
    let n = inits.len();
    assert_eq!(n, 100);
    let deps: BTreeSet<&str> = inits
        .iter()
        .filter_map(|i| i.text("departamento"))
        .collect();
    assert_eq!(deps.len(), 24);
    assert_eq!(sum(&inits, "empresas_participantes"), 37_728);
    assert_eq!(sum(&inits, "empleos"), 385_502);
    assert_eq!(sum(&inits, "ventas"), 457_188);
    assert_eq!(sum(&inits, "compras"), 18_675);
    let growth = |a: &str, b: &str| (sum(&inits, a) as f64 / sum(&inits, b) as f64 - 1.0) * 100.0;
    assert_eq!(growth("empleos", "empleos_anterior").round(), 7.0);
    assert_eq!(growth("ventas", "ventas_anterior").round(), 19.0);
    for f in [
        "empresas_participantes",
        "empresas_activas",
        "empresas_impactadas",
    ] {
        assert!(
            sum(&inits, &format!("{f}_anterior")) < sum(&inits, f),
            "{f}: 2019 < 2021"
        );
    }
    let share = |field: &str, v: &str| pct(count_choice(&inits, field, v), n);
    let with_eslabon = inits.iter().filter(|i| i.has("eslabon")).count();
    assert_eq!(with_eslabon, 99);
    let e = ["secundario", "terciario", "primario"]
        .map(|v| pct(count_choice(&inits, "eslabon", v), with_eslabon));
    assert_eq!(e, [47, 34, 18]);
    let m = p.methodology_of(p.ola(4).unwrap()).unwrap();
    let cats = ssme::categorize::categorize_all(m, &inits, 2021);
    let counts = ssme::categorize::level_counts(m, &cats);
    let var = |id: &str| counts[m.variables().position(|(_, v)| v.id == id).unwrap()];
    assert_eq!(var("estrategia"), [9, 13, 78]);
    assert_eq!(var("plan_accion"), [10, 26, 64]);
    assert_eq!(var("sostenibilidad"), [37, 26, 27]);
    assert_eq!(share("colaboracion", "espontanea"), 43);
    assert_eq!(share("colaboracion", "depende_director"), 48);
    let close = |f: &str, want: f64| {
        let got = mean(&inits, f);
        assert!((got - want).abs() <= 0.5, "{f}: {got:.2} frente a {want}");
    };
    close("pct_estrategia_academia", 8.0);
    close("pct_estrategia_gobierno", 8.0);
    close("pct_estrategia_otros", 10.0);
    close("pct_operativa_publicos", 86.0);
    close("pct_proyectos_publicos", 84.0);
    // Sectors: Turismo 19 %, Software y TI 10 %, Sistema moda 8 %, then the rest below.
    let mut sectors: BTreeMap<&str, usize> = BTreeMap::new();
    for i in &inits {
        *sectors.entry(i.text("sector").unwrap()).or_default() += 1;
    }
    assert_eq!(
        (
            sectors["Turismo"],
            sectors["Software y TI"],
            sectors["Sistema moda"]
        ),
        (19, 10, 8)
    );
    let rest_max = sectors
        .iter()
        .filter(|(s, _)| !["Turismo", "Software y TI", "Sistema moda"].contains(s))
        .map(|x| *x.1)
        .max();
    assert!(rest_max.unwrap() < 8);
    for s in [
        "Cafés especiales",
        "Construcción",
        "Lácteos",
        "Cacao",
        "Salud",
    ] {
        assert!(sectors[s] >= 5, "{s}");
    }
    // The deck's example: "Sistema moda", Nivel 2, 1,65 of 3,0 points.
    let moda: Vec<f64> = inits
        .iter()
        .zip(&cats)
        .filter(|(i, _)| i.text("sector") == Some("Sistema moda"))
        .map(|(_, c)| c.score.unwrap())
        .collect();
    let avg = m.round_score(moda.iter().sum::<f64>() / moda.len() as f64);
    assert_eq!(avg, 1.65);
    assert_eq!(m.level_of_score(avg), 2);
}

#[test]
fn sample_iv_repeats_initiatives_of_the_iii_ola() {
    let p = project();
    let iii = read_ola(&p, 3);
    let iv = read_ola(&p, 4);
    let by_id: BTreeMap<&str, &ssme::Initiative> = iii.iter().map(|i| (i.id(), i)).collect();
    let mut shared = 0;
    for i in &iv {
        if let Some(old) = by_id.get(i.id()) {
            shared += 1;
            for f in ["nombre", "departamento", "sector"] {
                assert_eq!(i.text(f), old.text(f), "{} {f}", i.id());
            }
        } else {
            assert!(
                !iii.iter().any(|o| o.name() == i.name()),
                "nombre repetido con otro id: {}",
                i.name()
            );
        }
    }
    assert!(
        (50..=60).contains(&shared),
        "{shared} iniciativas en ambas olas"
    );
    let mails: BTreeSet<&str> = iv.iter().filter_map(|i| i.text("director_email")).collect();
    assert_eq!(mails.len(), 100);
}
