//! The content of one card, as Spanish text ready for the template: identification, overall
//! score and position, areas against peers, the 18 variables, change, advice and figures.

use serde::Serialize;

use super::advice::Recommendation;
use super::change::Change;
use super::peers::Peers;
use super::story::{self, Strengths, Way};
use super::OlaCards;
use crate::chart::{Chart, Kind, Unit};
use crate::initiative::Initiative;
use crate::numfmt::{self, SIN_DATO};
use crate::page::Figure;

#[derive(Serialize)]
pub struct Card {
    pub id: String,
    pub nombre: String,
    pub departamento: String,
    pub entidad: String,
    pub macrosector: String,
    pub sector: String,
    pub director: String,
    pub ola: String,
    pub periodo: i32,
    /// "1,65 de 3,0" or "sin dato".
    pub puntaje: String,
    /// The raw score for machines ("1.65"), empty when missing.
    pub puntaje_dato: String,
    /// "Nivel 2 — En consolidación" or "sin dato".
    pub nivel: String,
    pub nivel_numero: Option<u8>,
    pub puesto_nacional: String,
    pub puesto_macrosector: String,
    pub areas: Vec<AreaRow>,
    pub variables: Vec<VariableRow>,
    pub cambio: Option<Change>,
    /// Label of the previous ola when the initiative was not in it.
    pub sin_cambio: Option<String>,
    pub recomendaciones: Vec<Recommendation>,
    /// Strengths, shown before the gaps.
    pub fortalezas: Strengths,
    /// «Camino al siguiente nivel» (None when not categorized or nothing can move).
    pub camino: Option<Way>,
    pub cifras: Vec<Figure>,
    /// «No categorizada»: what the initiative is missing, shown instead of a score and ranks.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub falta: Option<String>,
}

#[derive(Serialize)]
pub struct AreaRow {
    pub id: String,
    pub nombre: String,
    pub propio: String,
    pub nacional: String,
    pub macrosector: String,
}

#[derive(Serialize)]
pub struct VariableRow {
    pub id: String,
    pub area: String,
    pub nombre: String,
    pub nivel: Option<u8>,
    /// "Nivel 2" or "sin dato".
    pub nivel_texto: String,
    pub criterio: String,
    pub siguiente: String,
    /// Share of the ola's initiatives with data at each level.
    pub reparto: Vec<Share>,
}

#[derive(Serialize, Clone)]
pub struct Share {
    pub nivel: u8,
    /// "34 %"
    pub texto: String,
    /// Bar width in percent, plain number for CSS.
    pub ancho: String,
}

/// Builds the card of the `i`-th initiative of the ola and its area chart.
pub fn card(oc: &OlaCards, i: usize) -> (Card, Chart) {
    let (m, init, cat) = (oc.m, &oc.ola.initiatives[i], &oc.ola.categorizations[i]);
    let peers: &Peers = &oc.peers;
    let text = |f: &str| init.text(f).unwrap_or(SIN_DATO).to_string();
    let macro_value = init.text("macrosector");
    let macro_label = macro_value.map(|v| oc.label("macrosector", v));
    let max = m.puntaje.maximo;
    let mine = peers.areas_of(i);
    let group = macro_value.and_then(|g| peers.group_means(g));
    let areas = area_rows(oc, mine, group);
    let variables = variable_rows(oc, i);
    let falta = missing_note(oc, i);

    let rank = |within: bool| {
        peers.rank(i, within).map_or(SIN_DATO.to_string(), |r| {
            format!("puesto {} de {}", r.position, r.of)
        })
    };
    let puesto_macrosector = match &macro_label {
        Some(label) if cat.score.is_some() => format!("{} en {label}", rank(true)),
        _ => SIN_DATO.to_string(),
    };
    let change = oc
        .previous
        .as_ref()
        .map(|p| (p, p.change(init.id(), m, cat)));
    let card = Card {
        id: init.id().to_string(),
        nombre: init.name().to_string(),
        departamento: text("departamento"),
        entidad: text("entidad_gestora"),
        macrosector: macro_label.clone().unwrap_or_else(|| SIN_DATO.into()),
        sector: text("sector"),
        director: text("director_nombre"),
        ola: oc.ola.config.etiqueta.clone(),
        periodo: oc.ola.config.period(),
        puntaje: cat.score.map_or(SIN_DATO.into(), |s| numfmt::score(s, max)),
        puntaje_dato: cat.score.map(|s| format!("{s}")).unwrap_or_default(),
        nivel: cat
            .level
            .map_or(SIN_DATO.into(), |l| super::level_label(m, l)),
        nivel_numero: cat.level,
        puesto_nacional: rank(false),
        puesto_macrosector,
        areas,
        variables,
        sin_cambio: match &change {
            Some((p, None)) => Some(p.label().to_string()),
            _ => None,
        },
        cambio: change.and_then(|(_, c)| c),
        recomendaciones: oc.advice.choose(m, mine),
        fortalezas: story::strengths(oc, i),
        camino: story::way(oc, i),
        cifras: figures(init),
        falta,
    };

    let chart = areas_chart(oc, i, macro_label, group);
    (card, chart)
}

/// The areas table: the initiative's published score of each area beside the national and
/// macrosector means.
fn area_rows(oc: &OlaCards, mine: &[Option<f64>], group: Option<&[Option<f64>]>) -> Vec<AreaRow> {
    let fmt = |v: Option<f64>| v.map_or(SIN_DATO.to_string(), |v| numfmt::dec(v, 2));
    oc.m.areas
        .iter()
        .enumerate()
        .map(|(a, area)| AreaRow {
            id: area.id.clone(),
            nombre: area.nombre.clone(),
            propio: fmt(mine[a]),
            nacional: fmt(oc.peers.national_means()[a]),
            macrosector: fmt(group.and_then(|g| g[a])),
        })
        .collect()
}

/// The 18 variables: level, criterion met, the next one, and how the ola is spread over the
/// levels.
fn variable_rows(oc: &OlaCards, i: usize) -> Vec<VariableRow> {
    let (m, cat) = (oc.m, &oc.ola.categorizations[i]);
    m.variables()
        .zip(&cat.levels)
        .zip(&oc.shares)
        .map(|(((area, var), level), shares)| {
            let (criterio, siguiente) = match level {
                Some(l) => (
                    var.criterios[*l as usize - 1].clone(),
                    var.criterios
                        .get(*l as usize)
                        .cloned()
                        .unwrap_or_else(|| "Ya está en el nivel más alto.".into()),
                ),
                None => (
                    "Sin dato: la respuesta no permitió categorizar la variable.".into(),
                    "Responder la pregunta en la próxima ola.".into(),
                ),
            };
            VariableRow {
                id: var.id.clone(),
                area: area.nombre.clone(),
                nombre: var.nombre.clone(),
                nivel: *level,
                nivel_texto: level.map_or(SIN_DATO.to_string(), |l| format!("Nivel {l}")),
                criterio,
                siguiente,
                reparto: shares.clone(),
            }
        })
        .collect()
}

/// One variable's shares of the ola's initiatives with data at each level: the same on every
/// card of the ola, so computed once per ola.
pub(crate) fn level_shares(counts: &[usize; 3]) -> Vec<Share> {
    let n: usize = counts.iter().sum();
    counts
        .iter()
        .enumerate()
        .map(|(k, &c)| {
            let pct = if n == 0 {
                0.0
            } else {
                c as f64 / n as f64 * 100.0
            };
            Share {
                nivel: k as u8 + 1,
                texto: if n == 0 {
                    SIN_DATO.into()
                } else {
                    numfmt::pct(pct, 0)
                },
                ancho: format!("{pct:.1}"),
            }
        })
        .collect()
}

/// «No categorizada»: the variables without data, when there are too many to score.
fn missing_note(oc: &OlaCards, i: usize) -> Option<String> {
    let (m, cat) = (oc.m, &oc.ola.categorizations[i]);
    (!cat.complete).then(|| {
        let names: Vec<&str> = m
            .variables()
            .filter(|(_, v)| cat.missing.contains(&v.id))
            .map(|(_, v)| v.nombre.as_str())
            .collect();
        format!(
            "No categorizada: tiene dato en {} de {} variables y la metodología pide dato en {} % de las áreas y {} % de las variables. Sin dato: {}. No se le asigna puntaje, nivel ni puesto.",
            m.variable_count() - names.len(),
            m.variable_count(),
            numfmt::dec(m.completitud.minimo_areas * 100.0, 0),
            numfmt::dec(m.completitud.minimo_variables * 100.0, 0),
            names.join(", ")
        )
    })
}

/// The initiative's own figures, «sin dato» where it gave none.
fn figures(init: &Initiative) -> Vec<Figure> {
    [
        ("empresas_participantes", "empresas participantes"),
        ("empresas_activas", "empresas con participación activa"),
        ("empresas_impactadas", "empresas impactadas"),
        ("empleos", "empleos de las empresas participantes"),
    ]
    .iter()
    .map(|(field, label)| {
        let value = init.number(field);
        Figure::new(
            value.map_or(SIN_DATO.into(), |v| numfmt::int(v.round() as i64)),
            *label,
        )
    })
    .collect()
}

/// The card's chart: its area scores against the national and macrosector means.
fn areas_chart(
    oc: &OlaCards,
    i: usize,
    macro_label: Option<String>,
    group: Option<&[Option<f64>]>,
) -> Chart {
    let (m, init, peers) = (oc.m, &oc.ola.initiatives[i], &oc.peers);
    let max = m.puntaje.maximo;
    let mine = peers.areas_of(i);
    let group_name = macro_label.unwrap_or_else(|| "su macrosector".into());
    Chart {
        id: super::chart_id(init.id()),
        title: format!("Puntaje por área: {}", init.name()),
        kind: Kind::Grouped {
            categories: m.areas.iter().map(|a| a.nombre.clone()).collect(),
            series: vec![
                "Esta iniciativa".into(),
                "Promedio nacional".into(),
                format!("Promedio de {group_name}"),
            ],
            values: vec![
                mine.to_vec(),
                peers.national_means().to_vec(),
                group.map_or(vec![None; m.areas.len()], <[_]>::to_vec),
            ],
        },
        unit: Unit::Score,
        note: Some(format!(
            "Puntaje de 1 a {}. Promedios de las iniciativas de la {} con dato en cada área: todas ({}) y las de {group_name} ({}).",
            numfmt::dec(max, 1),
            oc.ola.config.etiqueta,
            numfmt::int(peers.categorized as i64),
            numfmt::int(peers.group_size(i) as i64),
        )),
    }
}
