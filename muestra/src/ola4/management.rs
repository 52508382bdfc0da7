//! IV ola management answers (dimension 1): strategy, governance, financing and activities,
//! by the level mix of the III ola refitted to the IV deck's shares.

use super::*;

pub(super) fn management(
    m: &Methodology,
    inits: &mut [Initiative],
    maturity: &[f64],
    rng: &mut ChaCha8Rng,
) {
    let n = inits.len();
    let simple = [
        "enfoque",
        "avance_general",
        "plan_accion",
        "asamblea_general",
        "consejo_asesor",
        "gerente_cluster",
        "equipo_gestor",
        "mesas_trabajo",
        "colaboracion",
        "sostenibilidad",
        "actividades",
    ];
    let ids: Vec<String> = m.variables().map(|(_, v)| v.id.clone()).collect();
    for id in &ids {
        if ["empresas_activas", "tamano_empresas", "impacto_empresarial"].contains(&id.as_str()) {
            continue;
        }
        let var = variable(m, id);
        let levels = maturity::levels(maturity, counts(shares(id), n), rng);
        for (i, &lvl) in levels.iter().enumerate() {
            let init = &mut inits[i];
            if lvl == 0 {
                continue;
            }
            if simple.contains(&id.as_str()) {
                set_level(init, var, lvl, rng);
                continue;
            }
            match id.as_str() {
                "estrategia" => {
                    set_choice(
                        init,
                        "estrategia_documento",
                        if lvl == 1 { "no" } else { "si" },
                    );
                    match lvl {
                        2 => set_num(
                            init,
                            "estrategia_anio",
                            rng.random_range(PERIOD - 8..=PERIOD - 3) as i64,
                        ),
                        3 => set_num(
                            init,
                            "estrategia_anio",
                            rng.random_range(PERIOD - 2..=PERIOD + 1) as i64,
                        ),
                        _ => {}
                    }
                }
                "participantes_estrategia" => {
                    set_pct(init, var, "pct_estrategia_empresas", lvl, rng)
                }
                "recursos_operativa" => set_pct(init, var, "pct_operativa_privados", lvl, rng),
                "recursos_proyectos" => set_pct(init, var, "pct_proyectos_empresas", lvl, rng),
                _ => {}
            }
        }
    }
    // Mean shares of the deck: strategy 74 % companies, 8 academia, 8 government, 10 others.
    fit_level_mean(
        variable(m, "participantes_estrategia"),
        inits,
        "pct_estrategia_empresas",
        74,
        rng,
    );
    split_rest(
        inits,
        "pct_estrategia_empresas",
        &[
            ("pct_estrategia_academia", 8),
            ("pct_estrategia_gobierno", 8),
        ],
        "pct_estrategia_otros",
        rng,
    );
    // Operating structure 86 % public / 14 % private (private = privados + empresas).
    fit_level_mean(
        variable(m, "recursos_operativa"),
        inits,
        "pct_operativa_privados",
        14,
        rng,
    );
    for init in inits.iter_mut() {
        let private = num(init, "pct_operativa_privados");
        let emp = (private as f64 * rng.random_range(0.2..0.6)).round() as i64;
        set_num(init, "pct_operativa_privados", private - emp);
        set_num(init, "pct_operativa_empresas", emp);
        set_num(init, "pct_operativa_publicos", 100 - private);
    }
    // Projects 84 % public / 16 % private: companies' share fitted first (inside each level)
    // so that it leaves room for other private funds whatever the draw.
    fit_level_mean(
        variable(m, "recursos_proyectos"),
        inits,
        "pct_proyectos_empresas",
        PROYECTOS_EMPRESAS,
        rng,
    );
    split_rest(
        inits,
        "pct_proyectos_empresas",
        &[(
            "pct_proyectos_privados",
            16 - mean(inits, "pct_proyectos_empresas"),
        )],
        "pct_proyectos_publicos",
        rng,
    );
    // Activities: relationship share by level; the rest split between the other two.
    let with: Vec<usize> = (0..n)
        .filter(|&i| inits[i].has("pct_act_relacionamiento"))
        .collect();
    for &i in &with {
        let rest = 100 - num(&inits[i], "pct_act_relacionamiento");
        let f = (rest as f64 * rng.random_range(0.55..0.85)).round() as i64;
        set_num(&mut inits[i], "pct_act_fortalecimiento", f);
        set_num(&mut inits[i], "pct_act_entorno", rest - f);
    }
}

/// Mean share of the participating companies in the projects' funds (of the deck's 16 %
/// private).
const PROYECTOS_EMPRESAS: i64 = 10;

pub(super) fn mean(inits: &[Initiative], field: &str) -> i64 {
    let v: Vec<i64> = inits
        .iter()
        .filter(|i| i.has(field))
        .map(|i| num(i, field))
        .collect();
    (v.iter().sum::<i64>() as f64 / v.len().max(1) as f64).round() as i64
}

pub(super) fn set_pct(
    init: &mut Initiative,
    var: &ssme::methodology::Variable,
    field: &str,
    lvl: u8,
    rng: &mut ChaCha8Rng,
) {
    let (lo, hi) = value_range(&var.regla, lvl, 100).unwrap();
    set_num(init, field, pick(lo, hi, 5, rng));
}

/// Splits 100 − `base` among `parts` (each fitted to its mean) and `last` (the remainder).
pub(super) fn split_rest(
    inits: &mut [Initiative],
    base: &str,
    parts: &[(&str, i64)],
    last: &str,
    rng: &mut ChaCha8Rng,
) {
    let idx: Vec<usize> = (0..inits.len()).filter(|&i| inits[i].has(base)).collect();
    let mut rest: Vec<i64> = idx.iter().map(|&i| 100 - num(&inits[i], base)).collect();
    for &(field, mean) in parts {
        let mut vals: Vec<i64> = rest.iter().map(|&r| pick(0, r / 2, 5, rng)).collect();
        let ranges: Vec<(i64, i64)> = rest.iter().map(|&r| (0, r)).collect();
        fit_sum(&mut vals, &ranges, mean.max(0) * idx.len() as i64, rng);
        for (k, &i) in idx.iter().enumerate() {
            set_num(&mut inits[i], field, vals[k]);
            rest[k] -= vals[k];
        }
    }
    for (k, &i) in idx.iter().enumerate() {
        set_num(&mut inits[i], last, rest[k]);
    }
}
