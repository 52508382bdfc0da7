//! III ola companies: participating, active and impacted per department, jobs and sizes, and
//! the ratio variables (empresas activas, impacto) that depend on them.

use super::*;

/// Companies, jobs, sizes, and the ratio variables that depend on them.
pub(super) fn companies(
    m: &Methodology,
    inits: &mut [Initiative],
    maturity: &[f64],
    rng: &mut ChaCha8Rng,
) -> Result<()> {
    for &(dept, _, empresas, empleos) in DEPARTAMENTOS {
        let idx: Vec<usize> = (0..inits.len())
            .filter(|&i| inits[i].text("departamento") == Some(dept))
            .collect();
        if let Some(total) = empresas {
            for (k, v) in idx.iter().zip(split_total(total, idx.len(), 5, rng)) {
                set_num(&mut inits[*k], "empresas_participantes", v);
            }
        }
        if let Some(total) = empleos {
            for (k, v) in idx.iter().zip(split_total(total, idx.len(), 20, rng)) {
                set_num(&mut inits[*k], "empleos", v);
            }
        }
    }
    let with: Vec<usize> = (0..inits.len())
        .filter(|&i| inits[i].has("empresas_participantes"))
        .collect();
    let p: Vec<i64> = with
        .iter()
        .map(|&i| num(&inits[i], "empresas_participantes"))
        .collect();
    let mat: Vec<f64> = with.iter().map(|&i| maturity[i]).collect();
    let by_init = (&p[..], &mat[..]);
    let activas = ("empresas_activas", EMPRESAS_ACTIVAS, None);
    ratio_variable(m, inits, &with, by_init, activas, rng)?;
    let impacto = (
        "impacto_empresarial",
        EMPRESAS_IMPACTADAS,
        Some(CON_IMPACTO),
    );
    ratio_variable(m, inits, &with, by_init, impacto, rng)?;
    // Size: medium + large = 0 (Nivel 1), 1 (Nivel 2), more (Nivel 3); larger and more
    // mature initiatives tend to have more of them. Sizes not reported (0): the deck's shares
    // need a smaller denominator.
    let pct = NIVELES.iter().find(|n| n.0 == "tamano_empresas").unwrap().1;
    let (counts, _) = counts_with_gaps(pct, with.len());
    let size = maturity::quantiles(&p);
    let keys: Vec<f64> = (0..with.len())
        .map(|j| mat[j] + SIZE_WEIGHT * size[j] + maturity::NOISE * maturity::normal(rng))
        .collect();
    let levels = maturity::by_rank(&keys, counts, rng, |j, l| l < 3 || p[j] >= 2);
    for (j, &level) in levels.iter().enumerate() {
        let i = with[j];
        if level == 0 {
            continue;
        }
        let big = match level {
            1 => 0,
            2 => 1,
            _ => rng.random_range(2..=(p[j] / 4).clamp(2, 60)),
        };
        let grandes = if big == 0 {
            0
        } else {
            rng.random_range(0..=big / 2)
        };
        let reported = p[j]
            - if rng.random_bool(0.2) {
                rng.random_range(0..=p[j] / 10)
            } else {
                0
            };
        let rest = (reported - big).max(0);
        let micro = (rest as f64 * rng.random_range(0.45..0.8)).round() as i64;
        set_num(&mut inits[i], "empresas_micro", micro);
        set_num(&mut inits[i], "empresas_pequenas", rest - micro);
        set_num(&mut inits[i], "empresas_medianas", big - grandes);
        set_num(&mut inits[i], "empresas_grandes", grandes);
    }
    Ok(())
}

/// Weight of the company count (as a rank from 0 to 1) against the maturity.
const SIZE_WEIGHT: f64 = 1.5;

/// Gives the initiatives in `with` (their participating companies `p` and maturity `mat`) the
/// numerator of the ratio variable `var_id`: ratios on the deck's level counts that follow the
/// maturity, numerators adding up to `total`, `positives` of them above zero when given.
pub(super) fn ratio_variable(
    m: &Methodology,
    inits: &mut [Initiative],
    with: &[usize],
    (p, mat): (&[i64], &[f64]),
    (var_id, total, positives): (&str, i64, Option<usize>),
    rng: &mut ChaCha8Rng,
) -> Result<()> {
    let var = variable(m, var_id);
    let field = var.regla.fields()[0].to_string();
    let pct = NIVELES.iter().find(|n| n.0 == var_id).unwrap().1;
    let (counts, gaps) = counts_with_gaps(pct, with.len());
    // Initiatives with a zero numerator (the rest of those with data are positive).
    let zeros = positives.map_or(0, |k| with.len() - gaps - k);
    let size = maturity::quantiles(p);
    for attempt in 0..200 {
        // Larger initiatives engage a smaller share of their companies (active companies), the
        // more so with every failed attempt; impacts reach large and small ones alike.
        let w = if positives.is_none() {
            3.0 + attempt as f64 * 0.1
        } else {
            0.0
        };
        let keys: Vec<f64> = (0..with.len())
            .map(|j| mat[j] - w * size[j] + maturity::NOISE * maturity::normal(rng))
            .collect();
        let levels = maturity::by_rank(&keys, counts, rng, |j, l| {
            ratio_range(&var.regla, l, p[j]).is_some()
        });
        let mut ranges = Vec::new();
        let mut ok = true;
        let level1: Vec<usize> = (0..with.len()).filter(|&j| levels[j] == 1).collect();
        let mut zero_set: Vec<usize> = level1.clone();
        zero_set.shuffle(rng);
        zero_set.truncate(zeros);
        for j in 0..with.len() {
            // Without data, or among those with no impacted company.
            let r = if levels[j] == 0 || zero_set.contains(&j) {
                (0, 0)
            } else {
                match ratio_range(&var.regla, levels[j], p[j]) {
                    Some((lo, hi)) => (lo.max(if positives.is_some() { 1 } else { 0 }), hi),
                    None => {
                        ok = false;
                        (0, 0)
                    }
                }
            };
            if r.0 > r.1 {
                ok = false;
            }
            ranges.push(r);
        }
        if !ok {
            continue;
        }
        let mut vals: Vec<i64> = ranges
            .iter()
            .map(|&(lo, hi)| pick(lo, hi, 1, rng))
            .collect();
        if !fit_sum(&mut vals, &ranges, total, rng) {
            continue;
        }
        for j in 0..with.len() {
            if levels[j] != 0 {
                set_num(&mut inits[with[j]], &field, vals[j]);
            }
        }
        return Ok(());
    }
    bail!("no se encontró una distribución de «{var_id}» que cumpla el informe")
}
