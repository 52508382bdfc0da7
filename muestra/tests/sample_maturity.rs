//! The sample's levels follow a maturity per initiative: the overall levels spread over the
//! methodology's levels instead of all landing on Nivel 2, the areas move together, and the
//! initiatives of both olas keep their standing from the III ola to the IV ola. Everything is
//! computed from the committed workbooks through the normal categorization.

mod sample_common;

use std::collections::BTreeMap;

use sample_common::*;
use ssme::aggregate::MIN_INITIATIVES;
use ssme::categorize::{categorize_all, Categorization};
use ssme::Initiative;

fn categorized(numero: u32, period: i32) -> (Vec<Initiative>, Vec<Categorization>) {
    let p = project();
    let inits = read_ola(&p, numero);
    let m = p.methodology_of(p.ola(numero).unwrap()).unwrap();
    let cats = categorize_all(m, &inits, period);
    (inits, cats)
}

/// Initiatives at overall Nivel 1, 2 and 3.
fn spread(cats: &[Categorization]) -> [usize; 3] {
    let mut c = [0; 3];
    for l in cats.iter().filter_map(|c| c.level) {
        c[l as usize - 1] += 1;
    }
    c
}

fn pearson(x: &[f64], y: &[f64]) -> f64 {
    let n = x.len() as f64;
    let (mx, my) = (x.iter().sum::<f64>() / n, y.iter().sum::<f64>() / n);
    let cov: f64 = x.iter().zip(y).map(|(a, b)| (a - mx) * (b - my)).sum();
    let vx: f64 = x.iter().map(|a| (a - mx).powi(2)).sum();
    let vy: f64 = y.iter().map(|b| (b - my).powi(2)).sum();
    cov / (vx * vy).sqrt()
}

/// Correlation of every pair of areas over the initiatives with data in both.
fn area_correlations(cats: &[Categorization]) -> Vec<f64> {
    let k = cats[0].areas.len();
    let mut out = Vec::new();
    for a in 0..k {
        for b in a + 1..k {
            let (x, y): (Vec<f64>, Vec<f64>) = cats
                .iter()
                .filter_map(|c| c.areas[a].zip(c.areas[b]))
                .unzip();
            out.push(pearson(&x, &y));
        }
    }
    out
}

fn assert_areas_move_together(ola: &str, cats: &[Categorization]) {
    let r = area_correlations(cats);
    let mean = r.iter().sum::<f64>() / r.len() as f64;
    let positive = r.iter().filter(|&&x| x > 0.0).count();
    assert!(
        mean > 0.15,
        "{ola}: correlación media entre áreas {mean:.2}"
    );
    assert!(
        positive * 4 >= r.len() * 3,
        "{ola}: solo {positive} de {} pares de áreas con correlación positiva",
        r.len()
    );
}

#[test]
fn iii_ola_overall_levels_are_those_of_the_decks_conclusions() {
    let (inits, cats) = categorized(3, 2019);
    let c = spread(&cats);
    let n = inits.len();
    // The deck's conclusions: the initiatives are "en camino a la consolidación o en un estado
    // consolidado", and only Niveles 3 and 2 get a profile.
    assert_eq!(c[0], 0, "III ola: iniciativas en Nivel 1 {c:?}");
    // Both levels large enough for a profile, and not all in Nivel 2.
    assert!(c[2] * 10 >= n, "III ola: pocas en Nivel 3 {c:?}");
    assert!(c[1] * 10 <= n * 9, "III ola: casi todas en Nivel 2 {c:?}");
    assert_areas_move_together("III ola", &cats);
}

#[test]
fn iv_ola_overall_levels_spread_over_the_three_levels() {
    let (inits, cats) = categorized(4, 2021);
    let c = spread(&cats);
    let n = inits.len();
    // Every level with enough initiatives for the site to describe it.
    for (k, &x) in c.iter().enumerate() {
        assert!(
            x >= MIN_INITIATIVES,
            "IV ola: Nivel {} con {x} de {n}",
            k + 1
        );
    }
    assert!(c[1] * 10 <= n * 8, "IV ola: casi todas en Nivel 2 {c:?}");
    assert_areas_move_together("IV ola", &cats);
}

#[test]
fn initiatives_in_both_olas_keep_their_standing() {
    let (iii, cats3) = categorized(3, 2019);
    let (iv, cats4) = categorized(4, 2021);
    let before: BTreeMap<&str, &Categorization> = iii.iter().map(|i| i.id()).zip(&cats3).collect();
    let pairs: Vec<(&Categorization, &Categorization)> = iv
        .iter()
        .zip(&cats4)
        .filter_map(|(i, c)| Some((*before.get(i.id())?, c)))
        .collect();
    assert!(
        pairs.len() >= 50,
        "{} iniciativas en ambas olas",
        pairs.len()
    );
    let (x, y): (Vec<f64>, Vec<f64>) = pairs
        .iter()
        .map(|(a, b)| (a.score.unwrap(), b.score.unwrap()))
        .unzip();
    let r = pearson(&x, &y);
    assert!(r > 0.4, "correlación de puntajes III–IV {r:.2}");
    // Mostly the same level or one step up.
    let steady = pairs
        .iter()
        .filter(|(a, b)| matches!(b.level.unwrap() as i8 - a.level.unwrap() as i8, 0 | 1))
        .count();
    assert!(
        steady * 4 >= pairs.len() * 3,
        "solo {steady} de {} con el mismo nivel o uno más",
        pairs.len()
    );
}
