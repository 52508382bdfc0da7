//! A methodology is checked when it loads: every number finite and in range, every level
//! reachable, and each threshold variable's levels covering every possible answer exactly once
//! (the category variables are checked against `campos.yaml` by the project). Each problem
//! names its key; all are reported at once.

use super::{Bound, Methodology, Op, Rule};

/// Longest window of a «vigencia» rule, in years.
const MAX_WINDOW_YEARS: i32 = 50;
/// Most decimals a published score may show.
const MAX_DECIMALS: u32 = 4;

/// The problems of one methodology, each as "key: what is wrong".
pub fn problems(m: &Methodology) -> Vec<String> {
    let mut out = Vec::new();
    let n = m.niveles.len();
    if n < 2
        || m.niveles
            .iter()
            .enumerate()
            .any(|(i, l)| l.numero as usize != i + 1)
    {
        out.push(format!(
            "niveles: se esperan al menos 2 niveles numerados 1, 2, … en orden; hay {}",
            m.niveles
                .iter()
                .map(|l| l.numero.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    score_problems(m, &mut out);
    for (area, var) in m.variables() {
        let at = format!("areas.{}.variables.{}.regla", area.id, var.id);
        match &var.regla {
            Rule::Threshold {
                level_1, level_3, ..
            } => {
                if let Some(p) = threshold_problem(level_1, level_3) {
                    out.push(format!("{at}: {p}"));
                }
            }
            Rule::Category { levels, .. } => {
                if let Some((answer, level)) =
                    levels.iter().find(|(_, &l)| l == 0 || l as usize > n)
                {
                    out.push(format!(
                        "{at}.niveles.{answer}: nivel {level}; los niveles van de 1 a {n}"
                    ));
                }
            }
            Rule::Recency { window_years, .. } => {
                if !(1..=MAX_WINDOW_YEARS).contains(window_years) {
                    out.push(format!(
                        "{at}.ventana_anios: {window_years}; se espera de 1 a {MAX_WINDOW_YEARS} años"
                    ));
                }
            }
        }
    }
    out
}

fn score_problems(m: &Methodology, out: &mut Vec<String>) {
    let p = &m.puntaje;
    // The score is a mean of levels: it lies between the first and the last level.
    let top = m.niveles.last().map_or(0.0, |l| l.numero as f64);
    let bottom = m.niveles.first().map_or(0.0, |l| l.numero as f64);
    if !p.maximo.is_finite() || p.maximo != top {
        out.push(format!(
            "puntaje.maximo: {}; el puntaje es una media de niveles, su máximo es el nivel más alto ({top})",
            p.maximo
        ));
    }
    if p.decimales > MAX_DECIMALS {
        out.push(format!(
            "puntaje.decimales: {}; se admiten de 0 a {MAX_DECIMALS}",
            p.decimales
        ));
    }
    for (i, c) in p.cortes.iter().enumerate() {
        if !c.is_finite() || *c <= bottom || *c > top {
            out.push(format!(
                "puntaje.cortes[{i}]: {c}; cada corte debe ser un número mayor que {bottom} y \
                 hasta {top}, o algún nivel no se alcanzaría"
            ));
        }
    }
    if p.cortes.windows(2).any(|w| w[0] >= w[1]) {
        out.push(format!(
            "puntaje.cortes: {:?}; deben ir en orden creciente y sin repetirse (un corte repetido \
             deja un nivel inalcanzable)",
            p.cortes
        ));
    }
}

/// Nivel 1 below, Nivel 3 above, Nivel 2 between: never overlapping, every level reachable.
fn threshold_problem(l1: &Bound, l3: &Bound) -> Option<String> {
    if !l1.value.is_finite() || !l3.value.is_finite() {
        return Some("los umbrales deben ser números finitos".into());
    }
    if !matches!(l1.op, Op::Lt | Op::Le) || !matches!(l3.op, Op::Gt | Op::Ge) {
        return Some("nivel_1 se escribe con < o <= y nivel_3 con > o >=".into());
    }
    let (a, b) = (l1.value, l3.value);
    if b < a || (a == b && l1.op == Op::Le && l3.op == Op::Ge) {
        return Some(format!(
            "los umbrales de nivel_1 y nivel_3 se solapan ({a} y {b}): un mismo valor cumpliría \
             los dos"
        ));
    }
    if a == b && !(l1.op == Op::Lt && l3.op == Op::Gt) {
        return Some(format!(
            "con nivel_1 y nivel_3 en {a}, ningún valor daría Nivel 2"
        ));
    }
    None
}

/// Years an ola may name: a survey of this network, not year 0 or 30000.
const YEARS: std::ops::RangeInclusive<i32> = 1990..=2100;

/// The years of an ola's settings: `anio` plausible, `periodo` (the year evaluated) at most
/// ten years before it and not after it, `periodo_anterior` before `periodo`.
pub fn ola_years(ola: &crate::OlaConfig) -> Result<(), String> {
    if !YEARS.contains(&ola.anio) {
        return Err(format!(
            "anio: {}; se espera un año entre {} y {}",
            ola.anio,
            YEARS.start(),
            YEARS.end()
        ));
    }
    let period = ola.period();
    if period > ola.anio || period < ola.anio - 10 {
        return Err(format!(
            "periodo: {period}; el año evaluado va de {} a {} (la ola es de {})",
            ola.anio - 10,
            ola.anio,
            ola.anio
        ));
    }
    if let Some(before) = ola.periodo_anterior {
        if before >= period || before < period - 10 {
            return Err(format!(
                "periodo_anterior: {before}; se espera un año anterior a {period} (hasta diez años antes)"
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::Methodology;

    /// Loads the repository's III ola methodology with `edit` applied to its text.
    fn load_edited(edit: impl Fn(String) -> String) -> String {
        let tmp = tempfile::tempdir().unwrap();
        let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let text =
            std::fs::read_to_string(repo.join("ejemplos/muestra/data/metodologias/ssme-2020.yaml"))
                .unwrap();
        let edited = edit(text.clone());
        assert_ne!(edited, text, "the edit applies");
        std::fs::write(tmp.path().join("ssme-2020.yaml"), edited).unwrap();
        match Methodology::load_all(tmp.path()) {
            Ok(_) => String::new(),
            Err(e) => format!("{e:#}"),
        }
    }

    fn refused(edit: impl Fn(String) -> String, words: &[&str]) {
        let err = load_edited(edit);
        assert!(err.contains("ssme-2020.yaml"), "names the file: {err:?}");
        for w in words {
            assert!(err.contains(w), "«{w}» missing from {err}");
        }
    }

    #[test]
    fn the_bundled_methodology_is_valid() {
        assert_eq!(load_edited(|t| t + "\n"), "");
    }

    #[test]
    fn overlapping_thresholds_are_refused() {
        refused(
            |t| {
                t.replacen(
                    r#"nivel_1: "<= 20", nivel_3: ">= 80""#,
                    r#"nivel_1: "<= 90", nivel_3: ">= 80""#,
                    1,
                )
            },
            &["areas.", "variables.", "se solapan"],
        );
    }

    #[test]
    fn nan_and_infinite_thresholds_are_refused() {
        for bad in ["NaN", "inf"] {
            refused(
                |t| t.replacen(r#"nivel_1: "<= 20""#, &format!(r#"nivel_1: "<= {bad}""#), 1),
                &["números finitos"],
            );
        }
    }

    #[test]
    fn absurd_decimals_and_maximum_are_refused() {
        refused(
            |t| t.replacen("decimales: 2", "decimales: 400", 1),
            &["puntaje.decimales: 400"],
        );
        refused(
            |t| t.replacen("maximo: 3.0", "maximo: 0", 1),
            &["puntaje.maximo: 0"],
        );
    }

    #[test]
    fn equal_cuts_and_a_cut_above_the_maximum_are_refused() {
        refused(
            |t| t.replacen("cortes: [1.5, 2.5]", "cortes: [2.0, 2.0]", 1),
            &["puntaje.cortes", "inalcanzable"],
        );
        refused(
            |t| t.replacen("cortes: [1.5, 2.5]", "cortes: [1.5, 3.5]", 1),
            &["puntaje.cortes[1]: 3.5"],
        );
    }

    #[test]
    fn an_absurd_period_is_refused() {
        let ola = |anio: i32, periodo: Option<i32>| crate::OlaConfig {
            anio,
            periodo,
            ..serde_yaml::from_str("numero: 5\netiqueta: V Ola\nanio: 2024").unwrap()
        };
        assert!(super::ola_years(&ola(2024, Some(2023))).is_ok());
        assert!(super::ola_years(&ola(2024, Some(30000)))
            .unwrap_err()
            .starts_with("periodo: 30000"));
        assert!(super::ola_years(&ola(2024, Some(-5))).is_err());
        assert!(super::ola_years(&ola(30000, None))
            .unwrap_err()
            .starts_with("anio: 30000"));
    }
}
