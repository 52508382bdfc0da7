//! IV ola (period 2021 vs 2019): 100 initiatives calibrated to the November 2022 deck, about
//! 55 of them repeated from the III ola. With another size it writes a synthetic ola with the
//! same mix (no repeated initiatives) for benchmarks.

use anyhow::Result;
use rand::seq::{IndexedRandom, SliceRandom};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::calibrate::{
    draw_options, fit_level_mean, fit_sum, level_list, ratio_range, split_total, value_range,
};
use super::names::{sector, Registry};
use super::ola3::NIVELES as NIVELES_III;
use super::{
    num, pick, set_choice, set_choices, set_level, set_num, set_text, variable, SHARED_III_IV,
};
use crate::fields::FieldCatalog;
use crate::methodology::Methodology;
use crate::Initiative;

pub const PERIOD: i32 = 2021;
pub const EMPRESAS: i64 = 37_728;
pub const EMPLEOS: i64 = 385_502;
pub const VENTAS: i64 = 457_188;
pub const COMPRAS: i64 = 18_675;
/// Mean overall score of the "Sistema moda" initiatives printed by the deck.
pub const SCORE_MODA: f64 = 1.65;

/// The 24 departments of the IV ola with a weight for new initiatives.
pub const DEPARTAMENTOS: &[(&str, u32)] = &[
    ("Antioquia", 6),
    ("Arauca", 2),
    ("Atlántico", 5),
    ("Bogotá D.C.", 12),
    ("Bolívar", 3),
    ("Boyacá", 2),
    ("Caldas", 2),
    ("Caquetá", 2),
    ("Casanare", 2),
    ("Cauca", 2),
    ("Cesar", 1),
    ("Cundinamarca", 3),
    ("Huila", 2),
    ("La Guajira", 1),
    ("Magdalena", 3),
    ("Meta", 2),
    ("Nariño", 3),
    ("Norte de Santander", 4),
    ("Quindío", 3),
    ("Risaralda", 5),
    ("Santander", 5),
    ("Sucre", 1),
    ("Tolima", 3),
    ("Valle del Cauca", 5),
];

/// Sectors of the 100 initiatives: Turismo 19, Software y TI 10, Sistema moda 8, …
pub const SECTORES: &[(&str, usize)] = &[
    ("Turismo", 19),
    ("Software y TI", 10),
    ("Sistema moda", 8),
    ("Cafés especiales", 7),
    ("Construcción", 5),
    ("Lácteos", 5),
    ("Cacao", 5),
    ("Salud", 5),
    ("Logística", 4),
    ("Energía", 4),
    ("Industrias creativas", 4),
    ("Cosméticos", 3),
    ("Metalmecánica", 3),
    ("Muebles y madera", 3),
    ("Hortifrutícola", 3),
    ("Químicos y plásticos", 2),
    ("Alimentos procesados", 2),
    ("Educación", 2),
    ("Piscícola", 2),
    ("Aeroespacial", 1),
    ("Plátano", 1),
    ("Deporte", 1),
    ("Panela", 1),
];

const ENTIDADES: &[(&str, u32)] = &[
    ("camara_comercio", 73),
    ("corporacion", 17),
    ("entidad_publica", 4),
    ("universidad", 3),
    ("agencia", 3),
];

/// Level shares given by the IV deck (the rest follow the III ola's mix). Shares of all the
/// initiatives: sostenibilidad leaves 10 % without data.
const NIVELES_IV: &[(&str, [i64; 3])] = &[
    ("estrategia", [9, 13, 78]),
    ("plan_accion", [10, 26, 64]),
    ("colaboracion", [9, 48, 43]),
    ("sostenibilidad", [37, 26, 27]),
    // Mixes that give the deck's mean shares once fitted: 74 % companies in the strategy,
    // 14 % private operating resources, 16 % private project resources.
    ("participantes_estrategia", [8, 42, 50]),
    ("recursos_operativa", [80, 17, 3]),
    ("recursos_proyectos", [85, 12, 3]),
];

/// Counts per level for `n` initiatives from shares of all of them; what is left is sin dato.
fn counts(pct: [i64; 3], n: usize) -> [usize; 3] {
    let c = pct.map(|p| (p as usize * n + 50) / 100);
    let sum: i64 = pct.iter().sum();
    if sum >= 100 {
        // Shares of initiatives with data: the largest level absorbs the rounding.
        let mut c = c;
        let big = (0..3).max_by_key(|&i| pct[i]).unwrap();
        let others: usize = (0..3).filter(|&i| i != big).map(|i| c[i]).sum();
        c[big] = n - others;
        return c;
    }
    c
}

fn weighted<'a>(items: &'a [(&'a str, u32)], rng: &mut ChaCha8Rng) -> &'a str {
    items.choose_weighted(rng, |x| x.1).unwrap().0
}

pub fn generate(
    m: &Methodology,
    fields: &FieldCatalog,
    seed: u64,
    n: usize,
    base: Option<&[Initiative]>,
) -> Result<Vec<Initiative>> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut reg = Registry::default();
    let mut inits: Vec<Initiative> = Vec::with_capacity(n);
    let mut quota: Vec<(&str, usize)> = SECTORES.to_vec();
    let mut next_id = 1;
    if let Some(base) = base.filter(|_| n == 100) {
        for b in base {
            reg.reserve(b.name(), b.text("director_email").unwrap_or_default());
        }
        next_id = base.len() + 1;
        let mut cands: Vec<&Initiative> = base
            .iter()
            .filter(|b| {
                DEPARTAMENTOS
                    .iter()
                    .any(|d| Some(d.0) == b.text("departamento"))
            })
            .collect();
        cands.shuffle(&mut rng);
        for b in cands {
            if inits.len() == SHARED_III_IV {
                break;
            }
            let Some(q) = quota.iter_mut().find(|q| Some(q.0) == b.text("sector")) else {
                continue;
            };
            if q.1 == 0 {
                continue;
            }
            q.1 -= 1;
            let mut init = Initiative::default();
            for f in [
                "id",
                "nombre",
                "departamento",
                "entidad_gestora",
                "tipo_entidad",
                "macrosector",
                "sector",
            ] {
                init.values.insert(f.to_string(), b.values[f].clone());
            }
            // Most directors stay; some initiatives changed hands.
            let (dir, mail) = if rng.random_bool(0.8) {
                (
                    b.text("director_nombre").unwrap().to_string(),
                    b.text("director_email").unwrap().to_string(),
                )
            } else {
                reg.director(&mut rng)
            };
            set_text(&mut init, "director_nombre", dir);
            set_text(&mut init, "director_email", mail);
            inits.push(init);
        }
        inits.sort_by(|a, b| a.id().cmp(b.id()));
    }
    // New initiatives: the sector quota left (or the same mix by draw), every department present.
    let mut sectors: Vec<&str> = quota
        .iter()
        .flat_map(|q| std::iter::repeat_n(q.0, q.1))
        .collect();
    sectors.shuffle(&mut rng);
    let weights: Vec<(&str, u32)> = SECTORES.iter().map(|s| (s.0, s.1 as u32)).collect();
    let mut missing: Vec<&str> = DEPARTAMENTOS
        .iter()
        .map(|d| d.0)
        .filter(|d| !inits.iter().any(|i| i.text("departamento") == Some(*d)))
        .collect();
    for k in 0..n - inits.len() {
        let sec = sector(if n == 100 {
            sectors[k]
        } else {
            weighted(&weights, &mut rng)
        });
        let dept = if !missing.is_empty() {
            missing.remove(0)
        } else {
            weighted(DEPARTAMENTOS, &mut rng)
        };
        let tipo = weighted(ENTIDADES, &mut rng);
        let mut init = Initiative::default();
        set_text(&mut init, "id", format!("IC-{:04}", next_id));
        next_id += 1;
        set_text(&mut init, "nombre", reg.nombre(sec, dept, &mut rng));
        set_text(&mut init, "departamento", dept);
        set_text(
            &mut init,
            "entidad_gestora",
            reg.entidad(tipo, sec, dept, &mut rng),
        );
        set_choice(&mut init, "tipo_entidad", tipo);
        set_choice(&mut init, "macrosector", sec.macrosector);
        set_text(&mut init, "sector", sec.nombre);
        let (dir, mail) = reg.director(&mut rng);
        set_text(&mut init, "director_nombre", dir);
        set_text(&mut init, "director_email", mail);
        inits.push(init);
    }
    // Answers in submission order, not by id.
    inits.shuffle(&mut rng);
    eslabon(&mut inits, &mut rng);
    management(m, &mut inits, &mut rng);
    companies(m, &mut inits, &mut rng);
    economics(&mut inits, &mut rng);
    lists(&mut inits, fields, &mut rng);
    if n == 100 {
        super::moda::tune_moda(m, &mut inits, PERIOD, SCORE_MODA, &mut rng);
    }
    Ok(inits)
}

/// Eslabón 18 / 47 / 34 % (one without data): agroindustry first, services last.
fn eslabon(inits: &mut [Initiative], rng: &mut ChaCha8Rng) {
    let n = inits.len();
    let c = counts([18, 47, 34], n);
    let mut order: Vec<(f64, usize)> = (0..n)
        .map(|i| {
            let base = match inits[i].choice("macrosector") {
                Some("agroindustria") => 0.0,
                Some("manufactura") => 1.0,
                _ => 2.0,
            };
            (base + rng.random_range(0.0..1.6), i)
        })
        .collect();
    order.sort_by(|a, b| a.0.total_cmp(&b.0));
    for (rank, &(_, i)) in order.iter().enumerate() {
        let v = if rank < c[0] {
            "primario"
        } else if rank < c[0] + c[1] {
            "secundario"
        } else if rank < c[0] + c[1] + c[2] {
            "terciario"
        } else {
            continue;
        };
        set_choice(&mut inits[i], "eslabon", v);
    }
}

fn shares(id: &str) -> [i64; 3] {
    NIVELES_IV
        .iter()
        .chain(NIVELES_III)
        .find(|x| x.0 == id)
        .unwrap()
        .1
}

fn management(m: &Methodology, inits: &mut [Initiative], rng: &mut ChaCha8Rng) {
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
        let c = counts(shares(id), n);
        let mut levels = level_list(c, rng);
        levels.resize(n, 0);
        levels.shuffle(rng);
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
    // Projects 84 % public / 16 % private.
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

fn mean(inits: &[Initiative], field: &str) -> i64 {
    let v: Vec<i64> = inits
        .iter()
        .filter(|i| i.has(field))
        .map(|i| num(i, field))
        .collect();
    (v.iter().sum::<i64>() as f64 / v.len().max(1) as f64).round() as i64
}

fn set_pct(
    init: &mut Initiative,
    var: &crate::methodology::Variable,
    field: &str,
    lvl: u8,
    rng: &mut ChaCha8Rng,
) {
    let (lo, hi) = value_range(&var.regla, lvl, 100).unwrap();
    set_num(init, field, pick(lo, hi, 5, rng));
}

/// Splits 100 − `base` among `parts` (each fitted to its mean) and `last` (the remainder).
fn split_rest(
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

/// Companies 2021 and 2019: 37.728 participants; active and impacted by the III ola's mix.
fn companies(m: &Methodology, inits: &mut [Initiative], rng: &mut ChaCha8Rng) {
    let n = inits.len();
    let total = EMPRESAS * n as i64 / 100;
    let parts = split_total(total, n, 8, rng);
    for (i, init) in inits.iter_mut().enumerate() {
        let p = parts[i];
        set_num(init, "empresas_participantes", p);
        for (id, field) in [
            ("empresas_activas", "empresas_activas"),
            ("impacto_empresarial", "empresas_impactadas"),
        ] {
            let var = variable(m, id);
            let mut lvl = super::calibrate::level_draw(shares(id), rng);
            let range = loop {
                if let Some(r) = ratio_range(&var.regla, lvl, p) {
                    break r;
                }
                lvl = if lvl == 2 { 3 } else { 2 };
            };
            set_num(init, field, pick(range.0, range.1, 1, rng));
        }
        let big = match super::calibrate::level_draw(shares("tamano_empresas"), rng) {
            1 => 0,
            2 => 1,
            _ => rng.random_range(2..=(p / 4).clamp(2, 80)),
        };
        let grandes = if big == 0 {
            0
        } else {
            rng.random_range(0..=big / 2)
        };
        let rest = p - big;
        let micro = (rest as f64 * rng.random_range(0.45..0.8)).round() as i64;
        set_num(init, "empresas_micro", micro);
        set_num(init, "empresas_pequenas", rest - micro);
        set_num(init, "empresas_medianas", big - grandes);
        set_num(init, "empresas_grandes", grandes);
        // 2019: fewer companies in every count.
        let f = rng.random_range(0.7..0.97);
        let pa = (p as f64 * f).round() as i64;
        set_num(init, "empresas_participantes_anterior", pa);
        let a =
            (num(init, "empresas_activas") as f64 * f * rng.random_range(0.8..1.0)).round() as i64;
        set_num(init, "empresas_activas_anterior", a.min(pa));
        let im = (num(init, "empresas_impactadas") as f64 * f * rng.random_range(0.7..1.0)).round()
            as i64;
        set_num(init, "empresas_impactadas_anterior", im.min(pa));
    }
}

/// Jobs (+7 %), sales (+19 %) and purchases with their market shares.
fn economics(inits: &mut [Initiative], rng: &mut ChaCha8Rng) {
    let n = inits.len();
    let scale = |x: i64| x * n as i64 / 100;
    let jobs = split_total(scale(EMPLEOS), n, 30, rng);
    let sales = split_total(scale(VENTAS), n, 50, rng);
    let buys = split_total(scale(COMPRAS), n, 5, rng);
    let mut jobs_before: Vec<i64> = jobs
        .iter()
        .map(|&j| (j as f64 / rng.random_range(1.0..1.15)).round() as i64)
        .collect();
    let r: Vec<(i64, i64)> = jobs.iter().map(|&j| ((j as f64 * 0.8) as i64, j)).collect();
    fit_sum(
        &mut jobs_before,
        &r,
        (scale(EMPLEOS) as f64 / 1.07).round() as i64,
        rng,
    );
    let mut sales_before: Vec<i64> = sales
        .iter()
        .map(|&s| (s as f64 / rng.random_range(1.05..1.35)).round() as i64)
        .collect();
    let r: Vec<(i64, i64)> = sales
        .iter()
        .map(|&s| ((s as f64 * 0.6) as i64, s))
        .collect();
    fit_sum(
        &mut sales_before,
        &r,
        (scale(VENTAS) as f64 / 1.19).round() as i64,
        rng,
    );
    for (i, init) in inits.iter_mut().enumerate() {
        set_num(init, "empleos", jobs[i]);
        set_num(init, "empleos_anterior", jobs_before[i]);
        set_num(init, "ventas", sales[i]);
        set_num(init, "ventas_anterior", sales_before[i]);
        set_num(init, "compras", buys[i]);
        for (fields, local) in [
            (
                [
                    "pct_ventas_local",
                    "pct_ventas_nacional",
                    "pct_ventas_internacional",
                ],
                30..70,
            ),
            (
                [
                    "pct_compras_local",
                    "pct_compras_nacional",
                    "pct_compras_internacional",
                ],
                40..80,
            ),
        ] {
            let l = pick(local.start, local.end, 5, rng);
            let intl = pick(0, (100 - l) / 2, 5, rng);
            set_num(init, fields[0], l);
            set_num(init, fields[1], 100 - l - intl);
            set_num(init, fields[2], intl);
        }
    }
}

fn lists(inits: &mut [Initiative], fields: &FieldCatalog, rng: &mut ChaCha8Rng) {
    for init in inits.iter_mut() {
        if rng.random_bool(0.75) {
            set_choices(
                init,
                fields,
                "barreras",
                &draw_options(&[60, 35, 30, 20, 15, 15], true, rng),
            );
        }
        set_choices(
            init,
            fields,
            "apoyos",
            &draw_options(&[80, 55, 65, 20, 45, 50], true, rng),
        );
        set_choices(
            init,
            fields,
            "impactos_empresariales",
            &draw_options(&[75, 80, 60, 65, 45, 55], true, rng),
        );
        // 75 % generated more than one territorial impact.
        let mut t = draw_options(&[60, 50, 30, 25, 20, 70], true, rng);
        let want_many = rng.random_bool(0.75);
        while want_many && t.len() < 2 {
            let o = rng.random_range(
                0..fields
                    .get("impactos_territoriales")
                    .map_or(0, |f| f.valores.len()),
            );
            if !t.contains(&o) {
                t.push(o);
                t.sort_unstable();
            }
        }
        if !want_many {
            t.truncate(1);
        }
        set_choices(init, fields, "impactos_territoriales", &t);
    }
}
