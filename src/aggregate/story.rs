//! The home page's story of one ola with microdata: the share of categorized initiatives at
//! each level, their mean score, and the change of the mean score since the previous ola with
//! microdata over the initiatives categorized in both. Each figure is a [`Measure`] printed
//! with its base, as everywhere else.

use std::collections::HashMap;

use serde::Serialize;

use super::measure::{self, Base, Format, Measure};
use crate::dataset::{Dataset, OlaData};
use crate::numfmt;

#[derive(Serialize)]
pub struct OlaStory {
    /// The base of every figure of the story: «de las 100 iniciativas categorizadas».
    pub base: String,
    pub niveles: Vec<LevelShare>,
    /// "1,84 de 3,0"
    pub puntaje: String,
    pub cambio: Option<Change>,
}

#[derive(Serialize)]
pub struct LevelShare {
    pub numero: u8,
    /// "Nivel 2 — En consolidación"
    pub nombre: String,
    /// "34 %"
    pub porcentaje: String,
    /// "34 de 100"
    pub cuenta: String,
    /// Bar width in percent for CSS.
    pub ancho: String,
}

#[derive(Serialize)]
pub struct Change {
    /// "+0,12" or "−0,05"
    pub diferencia: String,
    /// "de 1,60 a 1,72 de 3,0 en las 76 iniciativas categorizadas en la III Ola y en la IV Ola"
    pub detalle: String,
    /// Set when the two olas were scored with different methodologies.
    pub nota: Option<String>,
}

/// None for an ola known only through its summary, or with no categorized initiative.
pub fn of(data: &Dataset, ola: &OlaData) -> Option<OlaStory> {
    let m = ola.methodology?;
    let scored: Vec<(f64, u8)> = ola
        .categorizations
        .iter()
        .filter_map(|c| Some((c.score?, c.level?)))
        .collect();
    if scored.is_empty() {
        return None;
    }
    let n = scored.len();
    // Every figure of the story counts over the ola's categorized initiatives.
    let base = Base::Categorized { total: n };
    let niveles = m
        .niveles
        .iter()
        .map(|l| {
            let k = scored.iter().filter(|(_, lv)| *lv == l.numero).count();
            let share = Measure::new(measure::pct(k as f64, n as f64), base.clone());
            LevelShare {
                numero: l.numero,
                nombre: crate::cards::level_label(m, l.numero),
                porcentaje: share.text(Format::Percent(0)),
                cuenta: format!("{} de {}", numfmt::int(k as i64), numfmt::int(n as i64)),
                ancho: format!("{:.1}", share.value.unwrap_or(0.0)),
            }
        })
        .collect();
    let mean = scored.iter().map(|(s, _)| s).sum::<f64>() / n as f64;
    let mean = Measure::new(Some(mean), base.clone());
    Some(OlaStory {
        base: base.describe(),
        niveles,
        puntaje: mean.text(Format::Score(m.puntaje.maximo)),
        cambio: change(data, ola),
    })
}

/// Mean score now and in the previous ola with microdata, over the initiatives (by id)
/// categorized in both.
fn change(data: &Dataset, ola: &OlaData) -> Option<Change> {
    let m = ola.methodology?;
    let prev = data
        .olas
        .iter()
        .filter(|o| o.methodology.is_some() && o.config.numero < ola.config.numero)
        .max_by_key(|o| o.config.numero)?;
    let before: HashMap<&str, f64> = prev
        .initiatives
        .iter()
        .zip(&prev.categorizations)
        .filter_map(|(i, c)| Some((i.id(), c.score?)))
        .collect();
    let pairs: Vec<(f64, f64)> = ola
        .initiatives
        .iter()
        .zip(&ola.categorizations)
        .filter_map(|(i, c)| Some((*before.get(i.id())?, c.score?)))
        .collect();
    if pairs.is_empty() {
        return None;
    }
    let base = Base::InBoth {
        total: pairs.len(),
        first: prev.config.etiqueta.clone(),
        second: ola.config.etiqueta.clone(),
    };
    let n = pairs.len() as f64;
    let (a, b) = (
        m.round_score(pairs.iter().map(|p| p.0).sum::<f64>() / n),
        m.round_score(pairs.iter().map(|p| p.1).sum::<f64>() / n),
    );
    // The difference of the rounded means, so it reads as the difference of the printed ones.
    let d = b - a;
    let d = m.round_score(d.abs()) * d.signum();
    let measure = |v: f64| Measure::new(Some(v), base.clone());
    let pm = prev.methodology?;
    Some(Change {
        diferencia: measure(d).text(Format::Signed(2)),
        detalle: format!(
            "puntaje medio de {} a {} {}",
            measure(a).text(Format::Decimal(2)),
            measure(b).text(Format::Score(m.puntaje.maximo)),
            base.describe()
        ),
        nota: (pm.id != m.id).then(|| {
            format!(
                "La {} y la {} se categorizaron con metodologías distintas ({} y {}): compare con cautela.",
                prev.config.etiqueta, ola.config.etiqueta, pm.nombre, m.nombre
            )
        }),
    })
}
