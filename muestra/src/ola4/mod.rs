//! IV ola (period 2021 vs 2019): 100 initiatives calibrated to the November 2022 deck, about
//! 55 of them repeated from the III ola. With another size it writes a synthetic ola with the
//! same mix (no repeated initiatives) for benchmarks.

use anyhow::Result;
use rand::seq::{IndexedRandom, SliceRandom};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::calibrate::{
    draw_options, fit_level_mean, fit_sum, ratio_range, split_total, value_range,
};
use super::maturity::{self, Prior};
use super::names::{sector, Registry};
use super::ola3::NIVELES as NIVELES_III;
use super::{
    num, pick, set_choice, set_choices, set_level, set_none, set_num, set_text, variable,
    SHARED_III_IV,
};
use ssme::fields::FieldCatalog;
use ssme::methodology::Methodology;
use ssme::Initiative;

pub const PERIOD: i32 = 2021;
pub const EMPRESAS: i64 = 37_728;
pub const EMPLEOS: i64 = 385_502;
pub const VENTAS: i64 = 457_188;
pub const COMPRAS: i64 = 18_675;
/// Mean overall score of the "Sistema moda" initiatives printed by the deck.
pub const SCORE_MODA: f64 = 1.65;
mod management;
mod performance;
use management::*;
use performance::*;

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
    base: Option<(&[Initiative], &Prior)>,
) -> Result<Vec<Initiative>> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut reg = Registry::default();
    let mut inits: Vec<Initiative> = Vec::with_capacity(n);
    let mut quota: Vec<(&str, usize)> = SECTORES.to_vec();
    let mut next_id = 1;
    let base = base.filter(|_| n == 100);
    if let Some((base, _)) = base {
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
    // `k` also counts the synthetic olas (n ≠ 100), which draw their sector instead.
    #[allow(clippy::needless_range_loop)]
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
    let maturity = maturity::carry(&inits, base.map(|b| b.1), &mut rng);
    management(m, &mut inits, &maturity, &mut rng);
    companies(m, &mut inits, &maturity, &mut rng);
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
