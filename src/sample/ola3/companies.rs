//! III ola companies: participating, active and impacted per department, jobs and sizes, and
//! the ratio variables (empresas activas, impacto) that depend on them.

use super::*;

/// Companies, jobs, sizes, and the ratio variables that depend on them.
pub(super) fn companies(
    m: &Methodology,
    inits: &mut [Initiative],
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
    ratio_variable(
        m,
        inits,
        &with,
        &p,
        "empresas_activas",
        EMPRESAS_ACTIVAS,
        None,
        rng,
    )?;
    ratio_variable(
        m,
        inits,
        &with,
        &p,
        "impacto_empresarial",
        EMPRESAS_IMPACTADAS,
        Some(CON_IMPACTO),
        rng,
    )?;
    // Size: medium + large = 0 (Nivel 1), 1 (Nivel 2), more (Nivel 3); larger initiatives
    // tend to have more of them.
    let pct = NIVELES.iter().find(|n| n.0 == "tamano_empresas").unwrap().1;
    let (counts, _) = counts_with_gaps(pct, with.len());
    let mut order: Vec<usize> = (0..with.len()).collect();
    let noise: Vec<f64> = order
        .iter()
        .map(|_| rng.random_range(0.3f64..3.0))
        .collect();
    order.sort_by(|&a, &b| (p[b] as f64 * noise[b]).total_cmp(&(p[a] as f64 * noise[a])));
    for (rank, &j) in order.iter().enumerate() {
        let i = with[j];
        let level = if rank < counts[2] {
            3
        } else if rank < counts[2] + counts[1] {
            2
        } else if rank < counts.iter().sum() {
            1
        } else {
            continue; // sizes not reported: the deck's shares need a smaller denominator.
        };
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

pub(super) fn ratio_variable(
    m: &Methodology,
    inits: &mut [Initiative],
    with: &[usize],
    p: &[i64],
    var_id: &str,
    total: i64,
    positives: Option<usize>,
    rng: &mut ChaCha8Rng,
) -> Result<()> {
    let var = variable(m, var_id);
    let field = var.regla.fields()[0].to_string();
    let pct = NIVELES.iter().find(|n| n.0 == var_id).unwrap().1;
    let (counts, gaps) = counts_with_gaps(pct, with.len());
    // Initiatives with a zero numerator (the rest of those with data are positive).
    let zeros = positives.map_or(0, |k| with.len() - gaps - k);
    for attempt in 0..200 {
        // Larger initiatives engage a smaller share of their companies (active companies);
        // impacts reach large and small ones alike.
        let mut order: Vec<usize> = (0..with.len()).collect();
        let spread = 1.5 + attempt as f64 * 0.02;
        let noise: Vec<f64> = order
            .iter()
            .map(|_| rng.random_range(1.0 / spread..spread))
            .collect();
        let size = |j: usize| {
            if positives.is_none() {
                p[j] as f64
            } else {
                1.0
            }
        };
        order.sort_by(|&a, &b| (size(b) * noise[b]).total_cmp(&(size(a) * noise[a])));
        // Without data: a few among the mid-sized ones.
        let mut levels = vec![0u8; with.len()];
        let mut pos = 0;
        for (lvl, &c) in [1u8, 2, 3].iter().zip(&counts) {
            for &j in order.iter().skip(pos).take(c) {
                levels[j] = *lvl;
            }
            pos += c;
        }
        let _ = gaps; // the remaining `gaps` initiatives (smallest) stay without data.
        let mut ranges = Vec::new();
        let mut ok = true;
        let level1: Vec<usize> = (0..with.len()).filter(|&j| levels[j] == 1).collect();
        let mut zero_set: Vec<usize> = level1.clone();
        zero_set.shuffle(rng);
        zero_set.truncate(zeros);
        for j in 0..with.len() {
            let r = if levels[j] == 0 {
                (0, 0)
            } else if zero_set.contains(&j) {
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
