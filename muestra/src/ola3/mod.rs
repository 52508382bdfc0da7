//! III ola (period 2019): 76 initiatives calibrated to the February 2021 deck.

use anyhow::{bail, Result};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::calibrate::{
    assign_mentions, counts_with_gaps, draw_options, fit_level_mean, fit_sum, ratio_range,
    split_total,
};
use super::maturity::{self, LevelPlan};
use super::names::{sector, Registry};
use super::{num, pick, set_choice, set_choices, set_level, set_none, set_num, set_text, variable};
use ssme::fields::FieldCatalog;
use ssme::methodology::Methodology;
use ssme::Initiative;

pub const PERIOD: i32 = 2019;

/// Department, initiatives, participating companies and jobs (None = "sin registro").
pub const DEPARTAMENTOS: &[(&str, usize, Option<i64>, Option<i64>)] = &[
    ("Antioquia", 6, Some(1769), Some(101962)),
    ("Arauca", 2, Some(14), None),
    ("Atlántico", 5, Some(95), Some(2105)),
    ("Bogotá D.C.", 15, Some(4127), Some(326751)),
    ("Bolívar", 3, Some(89), Some(10652)),
    ("Boyacá", 2, Some(55), Some(560)),
    ("Caldas", 1, Some(85), None),
    ("Cauca", 1, Some(25), None),
    ("Cesar", 1, Some(119), None),
    ("Córdoba", 1, Some(17), None),
    ("Cundinamarca", 3, Some(313), Some(83475)),
    ("Huila", 2, None, None),
    ("La Guajira", 1, Some(17), None),
    ("Magdalena", 3, Some(44), None),
    ("Meta", 2, Some(42), None),
    ("Nariño", 1, Some(14), None),
    ("Norte de Santander", 4, Some(139), Some(142)),
    ("Putumayo", 1, Some(45), Some(215)),
    ("Quindío", 4, Some(102), Some(2106)),
    ("Risaralda", 6, Some(139), Some(53900)),
    ("Santander", 3, Some(116), Some(565)),
    ("Sucre", 1, Some(3950), None),
    ("Tolima", 3, Some(593), Some(358)),
    ("Valle del Cauca", 5, Some(775), None),
];

/// Sectors of the 76 initiatives: 39 services, 21 manufacturing, 16 agroindustry.
pub const SECTORES: &[(&str, usize)] = &[
    ("Turismo", 13),
    ("Software y TI", 8),
    ("Salud", 4),
    ("Logística", 3),
    ("Energía", 3),
    ("Construcción", 3),
    ("Industrias creativas", 3),
    ("Educación", 2),
    ("Sistema moda", 7),
    ("Muebles y madera", 3),
    ("Cosméticos", 3),
    ("Metalmecánica", 3),
    ("Químicos y plásticos", 2),
    ("Alimentos procesados", 2),
    ("Aeroespacial", 1),
    ("Cafés especiales", 5),
    ("Lácteos", 4),
    ("Cacao", 4),
    ("Hortifrutícola", 2),
    ("Piscícola", 1),
];

/// Managing entity types: 36 chambers, 28 corporations, 5 public, 5 universities, 2 agencies.
pub const ENTIDADES: &[(&str, usize)] = &[
    ("camara_comercio", 36),
    ("corporacion", 28),
    ("entidad_publica", 5),
    ("universidad", 5),
    ("agencia", 2),
];

/// The deck's level shares per variable (Nivel 1, 2, 3), in methodology order.
pub const NIVELES: &[(&str, [i64; 3])] = &[
    ("enfoque", [38, 46, 16]),
    ("avance_general", [30, 55, 14]),
    ("estrategia", [14, 28, 58]),
    ("participantes_estrategia", [24, 42, 34]),
    ("plan_accion", [16, 22, 62]),
    ("empresas_activas", [42, 9, 49]),
    ("tamano_empresas", [32, 7, 62]),
    ("asamblea_general", [30, 8, 62]),
    ("consejo_asesor", [24, 16, 61]),
    ("gerente_cluster", [13, 32, 55]),
    ("equipo_gestor", [33, 43, 24]),
    ("mesas_trabajo", [20, 33, 47]),
    ("actividades", [45, 22, 33]),
    ("colaboracion", [13, 42, 45]),
    ("recursos_operativa", [72, 8, 20]),
    ("recursos_proyectos", [88, 9, 3]),
    ("sostenibilidad", [67, 16, 17]),
    ("impacto_empresarial", [36, 20, 45]),
];

/// Lowest overall level: the deck's conclusions find the initiatives "en camino a la
/// consolidación o en un estado consolidado" and describe only Niveles 2 and 3.
pub const MIN_LEVEL: u8 = 2;

/// Variables answered with the companies (their levels depend on the company counts).
pub const COMPANY_VARIABLES: [&str; 3] =
    ["empresas_activas", "tamano_empresas", "impacto_empresarial"];

pub const EMPRESAS_ACTIVAS: i64 = 4243;
pub const EMPRESAS_IMPACTADAS: i64 = 4729;
pub const CON_IMPACTO: usize = 57;
mod companies;
use companies::*;

fn shuffled<T: Clone>(items: &[(T, usize)], rng: &mut ChaCha8Rng) -> Vec<T> {
    let mut v: Vec<T> = items
        .iter()
        .flat_map(|(t, n)| std::iter::repeat_n(t.clone(), *n))
        .collect();
    v.shuffle(rng);
    v
}

pub fn generate(m: &Methodology, fields: &FieldCatalog, seed: u64) -> Result<Vec<Initiative>> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let depts: Vec<(&str, usize)> = DEPARTAMENTOS.iter().map(|d| (d.0, d.1)).collect();
    // Rows grouped by department would look sorted; a real export comes in submission order.
    let mut slots: Vec<&str> = shuffled(&depts, &mut rng);
    let sectors = shuffled(SECTORES, &mut rng);
    let types = shuffled(ENTIDADES, &mut rng);
    let n = slots.len();
    let mut reg = Registry::default();
    let mut inits: Vec<Initiative> = Vec::with_capacity(n);
    slots.truncate(n);
    for i in 0..n {
        let mut init = Initiative {
            row: 0,
            ..Default::default()
        };
        let s = sector(sectors[i]);
        set_text(&mut init, "id", format!("IC-{:04}", i + 1));
        set_text(&mut init, "nombre", reg.nombre(s, slots[i], &mut rng));
        set_text(&mut init, "departamento", slots[i]);
        set_text(
            &mut init,
            "entidad_gestora",
            reg.entidad(types[i], s, slots[i], &mut rng),
        );
        set_choice(&mut init, "tipo_entidad", types[i]);
        set_choice(&mut init, "macrosector", s.macrosector);
        set_text(&mut init, "sector", s.nombre);
        let (dir, mail) = reg.director(&mut rng);
        set_text(&mut init, "director_nombre", dir);
        set_text(&mut init, "director_email", mail);
        inits.push(init);
    }
    // After the names, so that maturity leaves the identities of the sample as they were.
    let maturity = maturity::draw(n, &mut rng);
    companies(m, &mut inits, &maturity, &mut rng)?;
    management(m, &mut inits, &maturity, &mut rng)?;
    lists(&mut inits, fields, &mut rng);
    Ok(inits)
}

/// Management variables: levels from the deck that follow the maturity, no initiative below
/// `MIN_LEVEL` overall, and raw answers that land on them.
fn management(
    m: &Methodology,
    inits: &mut [Initiative],
    maturity: &[f64],
    rng: &mut ChaCha8Rng,
) -> Result<()> {
    let n = inits.len();
    // The company variables are already answered; the plan holds their levels.
    let mut plan = LevelPlan::new(m, inits, PERIOD);
    for (id, pct) in NIVELES {
        if COMPANY_VARIABLES.contains(id) {
            continue;
        }
        let (counts, _) = counts_with_gaps(*pct, n);
        plan.set(id, &maturity::levels(maturity, counts, rng));
    }
    plan.raise_to(MIN_LEVEL, rng)?;
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
    ];
    for (id, _) in NIVELES {
        let levels = plan.get(id);
        let var = variable(m, id);
        for (i, &lvl) in levels.iter().enumerate() {
            if lvl == 0 {
                continue;
            }
            let init = &mut inits[i];
            if simple.contains(id) {
                set_level(init, var, lvl, rng);
                continue;
            }
            match *id {
                "estrategia" => match lvl {
                    1 => set_choice(init, "estrategia_documento", "no"),
                    2 => {
                        set_choice(init, "estrategia_documento", "si");
                        set_num(
                            init,
                            "estrategia_anio",
                            rng.random_range(PERIOD - 9..=PERIOD - 3) as i64,
                        );
                    }
                    _ => {
                        set_choice(init, "estrategia_documento", "si");
                        set_num(
                            init,
                            "estrategia_anio",
                            rng.random_range(PERIOD - 2..=PERIOD + 1) as i64,
                        );
                    }
                },
                "participantes_estrategia" => {
                    set_level_pct(init, var, "pct_estrategia_empresas", lvl, rng);
                    let rest = 100 - num(init, "pct_estrategia_empresas");
                    let a = pick(0, rest, 5, rng);
                    let g = pick(0, rest - a, 5, rng);
                    set_num(init, "pct_estrategia_academia", a);
                    set_num(init, "pct_estrategia_gobierno", g);
                    set_num(init, "pct_estrategia_otros", rest - a - g);
                }
                "actividades" => set_level_pct(init, var, "pct_act_relacionamiento", lvl, rng),
                "recursos_operativa" => {
                    let (lo, hi) = super::calibrate::value_range(&var.regla, lvl, 100).unwrap();
                    let private = pick(lo, hi, 5, rng);
                    let emp = pick(0, private, 5, rng);
                    set_num(init, "pct_operativa_publicos", 100 - private);
                    set_num(init, "pct_operativa_privados", private - emp);
                    set_num(init, "pct_operativa_empresas", emp);
                }
                "recursos_proyectos" => {
                    set_level_pct(init, var, "pct_proyectos_empresas", lvl, rng);
                    let rest = 100 - num(init, "pct_proyectos_empresas");
                    let priv_ = pick(0, rest / 2, 5, rng);
                    set_num(init, "pct_proyectos_privados", priv_);
                    set_num(init, "pct_proyectos_publicos", rest - priv_);
                }
                _ => {} // company variables are set with the counts.
            }
        }
    }
    // Means published by the deck: 41 % intercluster; activities 41 / 17 / 42.
    fit_level_mean(variable(m, "enfoque"), inits, "pct_intercluster", 41, rng);
    fit_level_mean(
        variable(m, "actividades"),
        inits,
        "pct_act_relacionamiento",
        42,
        rng,
    );
    let with: Vec<usize> = (0..n)
        .filter(|&i| inits[i].has("pct_act_relacionamiento"))
        .collect();
    let rest: Vec<i64> = with
        .iter()
        .map(|&i| 100 - num(&inits[i], "pct_act_relacionamiento"))
        .collect();
    let mut fort: Vec<i64> = rest
        .iter()
        .map(|&r| (r as f64 * rng.random_range(0.55..0.85)).round() as i64)
        .collect();
    let ranges: Vec<(i64, i64)> = rest.iter().map(|&r| (0, r)).collect();
    fit_sum(&mut fort, &ranges, 41 * with.len() as i64, rng);
    for (k, &i) in with.iter().enumerate() {
        set_num(&mut inits[i], "pct_act_fortalecimiento", fort[k]);
        set_num(&mut inits[i], "pct_act_entorno", rest[k] - fort[k]);
    }
    Ok(())
}

fn set_level_pct(
    init: &mut Initiative,
    var: &ssme::methodology::Variable,
    field: &str,
    lvl: u8,
    rng: &mut ChaCha8Rng,
) {
    let (lo, hi) = super::calibrate::value_range(&var.regla, lvl, 100).unwrap();
    let hi = if field == "pct_act_relacionamiento" {
        hi.min(85)
    } else {
        hi
    };
    set_num(init, field, pick(lo, hi, 5, rng));
}

/// Multi-select answers: barriers, wished support, impacts and the economic emergency.
fn lists(inits: &mut [Initiative], fields: &FieldCatalog, rng: &mut ChaCha8Rng) {
    let n = inits.len();
    // 7 in 10 report barriers; 100 mentions, so 32/17/13/9/8 % and the rest (21) "otra".
    let mut idx: Vec<usize> = (0..n).collect();
    idx.shuffle(rng);
    let members = (n * 70 + 50) / 100;
    let chosen = assign_mentions(members, &[32, 17, 13, 9, 8, 21], rng);
    for (k, &i) in idx.iter().take(members).enumerate() {
        set_choices(&mut inits[i], fields, "barreras", &chosen[k]);
    }
    // The others answer «ninguna» explicitly, as the form offers: a blank is «sin dato».
    for &i in idx.iter().skip(members) {
        set_none(&mut inits[i], fields, "barreras");
    }
    for init in inits.iter_mut() {
        let c = draw_options(&[70, 45, 55, 40, 50, 45], true, rng);
        set_choices(init, fields, "apoyos", &c);
        set_choices(
            init,
            fields,
            "emergencia_iniciativa",
            &draw_options(&[75, 45, 40, 60], true, rng),
        );
        set_choices(
            init,
            fields,
            "emergencia_empresas",
            &draw_options(&[85, 55, 40, 35], true, rng),
        );
        set_choices(
            init,
            fields,
            "emergencia_acciones",
            &draw_options(&[80, 60, 30, 50, 45], true, rng),
        );
    }
    // Business impacts among the initiatives with impacted companies: 81/75/67/58/46/46 %.
    let with: Vec<usize> = (0..n)
        .filter(|&i| num(&inits[i], "empresas_impactadas") > 0)
        .collect();
    let k = with.len();
    let counts: Vec<usize> = [81, 75, 67, 58, 46, 46]
        .iter()
        .map(|p| (p * k + 50) / 100)
        .collect();
    let chosen = assign_mentions(k, &counts, rng);
    for (j, &i) in with.iter().enumerate() {
        set_choices(&mut inits[i], fields, "impactos_empresariales", &chosen[j]);
    }
    // Territorial impacts in 75 % of initiatives: agenda 66, ambiente 45, inversión 33,
    // género 29, nuevas empresas 22 % of all the initiatives (the only base that gives every
    // printed share: 66 % of 57 is not a whole number of initiatives).
    let mut idx: Vec<usize> = (0..n).collect();
    idx.shuffle(rng);
    let members = (n * 75 + 50) / 100;
    let counts: Vec<usize> = [66, 45, 33, 29, 22, 0]
        .iter()
        .map(|p| (p * n + 50) / 100)
        .collect();
    let chosen = assign_mentions(members, &counts, rng);
    for (j, &i) in idx.iter().take(members).enumerate() {
        set_choices(&mut inits[i], fields, "impactos_territoriales", &chosen[j]);
    }
    for &i in idx.iter().skip(members) {
        set_none(&mut inits[i], fields, "impactos_territoriales");
    }
}
