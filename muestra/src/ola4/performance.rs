//! IV ola performance answers: companies 2019 and 2021, sales, purchases and jobs, and the
//! multi-select answers (barriers, impacts, bets).

use super::*;
use ssme::methodology::{Rule, Source};

/// Companies 2021 and 2019: 37.728 participants; active and impacted by the III ola's mix,
/// following the maturity (larger initiatives have a smaller share of active companies and
/// more medium and large ones).
pub(super) fn companies(
    m: &Methodology,
    inits: &mut [Initiative],
    maturity: &[f64],
    rng: &mut ChaCha8Rng,
) {
    let n = inits.len();
    let total = EMPRESAS * n as i64 / 100;
    let parts = split_total(total, n, 8, rng);
    let size = maturity::quantiles(&parts);
    let ranked = |id: &str, size_weight: f64, rng: &mut ChaCha8Rng| {
        let keys: Vec<f64> = (0..n)
            .map(|i| maturity[i] + size_weight * size[i] + maturity::NOISE * maturity::normal(rng))
            .collect();
        let var = variable(m, id);
        let ratio = matches!(
            &var.regla,
            Rule::Threshold {
                source: Source::Ratio(..),
                ..
            }
        );
        maturity::by_rank(&keys, counts(shares(id), n), rng, |i, l| {
            !ratio || ratio_range(&var.regla, l, parts[i]).is_some()
        })
    };
    let activas = ranked("empresas_activas", -1.5, rng);
    let impacto = ranked("impacto_empresarial", 0.0, rng);
    let tamano = ranked("tamano_empresas", 1.5, rng);
    for (i, init) in inits.iter_mut().enumerate() {
        let p = parts[i];
        set_num(init, "empresas_participantes", p);
        for (id, field, planned) in [
            ("empresas_activas", "empresas_activas", &activas),
            ("impacto_empresarial", "empresas_impactadas", &impacto),
        ] {
            let var = variable(m, id);
            let mut lvl = planned[i].max(1);
            let range = loop {
                if let Some(r) = ratio_range(&var.regla, lvl, p) {
                    break r;
                }
                lvl = if lvl == 2 { 3 } else { 2 };
            };
            set_num(init, field, pick(range.0, range.1, 1, rng));
        }
        let big = match tamano[i] {
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
pub(super) fn economics(inits: &mut [Initiative], rng: &mut ChaCha8Rng) {
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

pub(super) fn lists(inits: &mut [Initiative], fields: &FieldCatalog, rng: &mut ChaCha8Rng) {
    // Exactly 75 % generated more than one territorial impact (the IV deck's figure).
    let several = (inits.len() * 3).div_ceil(4);
    let mut many: Vec<bool> = (0..inits.len()).map(|i| i < several).collect();
    many.shuffle(rng);
    for (init, want_many) in inits.iter_mut().zip(many) {
        if rng.random_bool(0.75) {
            set_choices(
                init,
                fields,
                "barreras",
                &draw_options(&[60, 35, 30, 20, 15, 15], true, rng),
            );
        } else {
            set_none(init, fields, "barreras");
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
        let mut t = draw_options(&[60, 50, 30, 25, 20, 70], true, rng);
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
