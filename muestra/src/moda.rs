//! Tuning of the IV ola's "Sistema moda" initiatives to the deck's example score (1,65),
//! by swapping whole answers with other initiatives so that no national figure moves.

use rand::seq::IndexedRandom;
use rand_chacha::ChaCha8Rng;

use super::score;
use ssme::methodology::Methodology;
use ssme::Initiative;

/// Groups of fields answered together, swapped as a whole between two initiatives.
const SWAP_GROUPS: &[&[&str]] = &[
    &["pct_intercluster"],
    &["avance_general"],
    &["estrategia_documento", "estrategia_anio"],
    &[
        "pct_estrategia_empresas",
        "pct_estrategia_academia",
        "pct_estrategia_gobierno",
        "pct_estrategia_otros",
    ],
    &["plan_accion"],
    &["asamblea_general"],
    &["consejo_asesor"],
    &["gerente"],
    &["equipo_profesionales"],
    &["mesas_trabajo"],
    &[
        "pct_act_fortalecimiento",
        "pct_act_entorno",
        "pct_act_relacionamiento",
    ],
    &["colaboracion"],
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
    &["sostenibilidad_meses"],
];

fn swap(inits: &mut [Initiative], a: usize, b: usize, group: &[&str]) {
    for f in group {
        let va = inits[a].values.remove(*f);
        let vb = inits[b].values.remove(*f);
        if let Some(v) = vb {
            inits[a].values.insert(f.to_string(), v);
        }
        if let Some(v) = va {
            inits[b].values.insert(f.to_string(), v);
        }
    }
}

/// Swaps whole answers between "Sistema moda" initiatives and others until the mean overall
/// score of the former is the deck's 1,65. Swapping keeps every national distribution.
pub(super) fn tune_moda(
    m: &Methodology,
    inits: &mut [Initiative],
    period: i32,
    target: f64,
    rng: &mut ChaCha8Rng,
) {
    let moda: Vec<usize> = (0..inits.len())
        .filter(|&i| inits[i].text("sector") == Some("Sistema moda"))
        .collect();
    let others: Vec<usize> = (0..inits.len()).filter(|i| !moda.contains(i)).collect();
    let mean_score = |inits: &[Initiative]| {
        let s: f64 = moda
            .iter()
            .map(|&i| score(m, &inits[i], period).unwrap_or(0.0))
            .sum();
        s / moda.len() as f64
    };
    let mut now = mean_score(inits);
    for _ in 0..20_000 {
        if (m.round_score(now) - target).abs() < 1e-9 {
            return;
        }
        let (a, b) = (*moda.choose(rng).unwrap(), *others.choose(rng).unwrap());
        let group = *SWAP_GROUPS.choose(rng).unwrap();
        swap(inits, a, b, group);
        let next = mean_score(inits);
        if (next - target).abs() < (now - target).abs() {
            now = next;
        } else {
            swap(inits, a, b, group);
        }
    }
    panic!("no se alcanzó el puntaje medio {target} de Sistema moda");
}
