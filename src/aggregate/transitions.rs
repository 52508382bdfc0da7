//! The comparison across olas in levels and scores, not only counts: the distribution of levels
//! per ola, the mean score per area, and, for the initiatives categorized in two consecutive
//! olas with microdata, how their overall level moved (a transition table with small cells
//! «reservado»), with a note where the methodology or the base changed.

use std::collections::HashMap;

use super::suppress::{self, Cell, RESERVED};
use crate::dataset::{Dataset, OlaData};
use crate::numfmt;
use crate::page::{Block, DataTable, Page};

/// Counts of initiatives by (level before, level after), levels 1-based, for the ids present
/// (and categorized) in both lists.
pub fn transitions(before: &[(&str, u8)], after: &[(&str, u8)], levels: usize) -> Vec<Vec<usize>> {
    let old: HashMap<&str, u8> = before.iter().copied().collect();
    let mut table = vec![vec![0; levels]; levels];
    for (id, now) in after {
        if let Some(was) = old.get(id) {
            table[*was as usize - 1][*now as usize - 1] += 1;
        }
    }
    table
}

/// (moved up, stayed, moved down) of a transition table.
pub fn moves(table: &[Vec<usize>]) -> (usize, usize, usize) {
    let mut out = (0, 0, 0);
    for (i, row) in table.iter().enumerate() {
        for (j, &n) in row.iter().enumerate() {
            match j.cmp(&i) {
                std::cmp::Ordering::Greater => out.0 += n,
                std::cmp::Ordering::Equal => out.1 += n,
                std::cmp::Ordering::Less => out.2 += n,
            }
        }
    }
    out
}

fn levels_of<'a>(ola: &'a OlaData) -> Vec<(&'a str, u8)> {
    ola.initiatives
        .iter()
        .zip(&ola.categorizations)
        .filter_map(|(i, c)| Some((i.id(), c.level?)))
        .collect()
}

/// Adds the levels, area scores and transitions to the comparison page.
pub fn extend(page: &mut Page, data: &Dataset, min_cell: usize) {
    let olas: Vec<&OlaData> = data
        .olas
        .iter()
        .filter(|o| o.methodology.is_some())
        .collect();
    let Some(last) = olas.last() else {
        return;
    };
    let m = last.methodology.expect("filtered");
    page.push(Block::Heading("Niveles y puntajes por ola".into()));
    let mut encabezado = vec!["Ola".to_string(), "Base".to_string()];
    encabezado.extend(m.niveles.iter().map(|l| format!("Nivel {}", l.numero)));
    let filas = olas
        .iter()
        .map(|o| {
            let lv = levels_of(o);
            let n = lv.len();
            let mut row = vec![
                o.config.etiqueta.clone(),
                format!("{} iniciativas categorizadas", numfmt::int(n as i64)),
            ];
            row.extend(m.niveles.iter().map(|l| {
                let k = lv.iter().filter(|(_, x)| *x == l.numero).count();
                format!(
                    "{} ({} de {})",
                    numfmt::pct(k as f64 / n.max(1) as f64 * 100.0, 0),
                    numfmt::int(k as i64),
                    numfmt::int(n as i64)
                )
            }));
            row
        })
        .collect();
    page.push(Block::Table(DataTable {
        titulo: "Iniciativas en cada nivel general, por ola".into(),
        encabezado,
        filas,
        nota: None,
    }));
    page.push(Block::Table(area_scores(&olas)));
    for pair in olas.windows(2) {
        page.push(Block::Table(transition_table(pair[0], pair[1], min_cell)));
    }
}

/// Mean area score per ola (areas matched by id), over the initiatives with data in the area.
fn area_scores(olas: &[&OlaData]) -> DataTable {
    let m = olas
        .last()
        .and_then(|o| o.methodology)
        .expect("an ola with microdata");
    let mut encabezado = vec!["Área".to_string()];
    encabezado.extend(olas.iter().map(|o| o.config.etiqueta.clone()));
    let filas = m
        .areas
        .iter()
        .map(|area| {
            let mut row = vec![area.nombre.clone()];
            row.extend(olas.iter().map(|o| {
                let om = o.methodology.expect("microdata");
                let Some(a) = om.areas.iter().position(|x| x.id == area.id) else {
                    return numfmt::SIN_DATO.to_string();
                };
                let values: Vec<f64> = o
                    .categorizations
                    .iter()
                    .filter_map(|c| c.areas.get(a).copied().flatten())
                    .map(|v| om.round_score(v))
                    .collect();
                if values.is_empty() {
                    return numfmt::SIN_DATO.to_string();
                }
                format!(
                    "{} (base {})",
                    numfmt::dec(values.iter().sum::<f64>() / values.len() as f64, 2),
                    numfmt::int(values.len() as i64)
                )
            }));
            row
        })
        .collect();
    DataTable {
        titulo: "Puntaje medio de cada área, por ola".into(),
        encabezado,
        filas,
        nota: Some("Media de los puntajes de área publicados (de 1 a 3) de las iniciativas categorizadas con dato en el área; entre paréntesis, cuántas son.".into()),
    }
}

fn transition_table(before: &OlaData, after: &OlaData, min_cell: usize) -> DataTable {
    let m = after.methodology.expect("microdata");
    let pm = before.methodology.expect("microdata");
    let levels = m.niveles.len().max(pm.niveles.len());
    let table = transitions(&levels_of(before), &levels_of(after), levels);
    let (up, same, down) = moves(&table);
    let total = up + same + down;
    let mut encabezado = vec![format!("Nivel en la {}", before.config.etiqueta)];
    encabezado.extend((1..=levels).map(|l| format!("Nivel {l} en la {}", after.config.etiqueta)));
    encabezado.push("Total".into());
    let filas = table
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let hidden = suppress::suppressed(&count_cells(row), min_cell, true);
            let mut out = vec![format!("Nivel {}", i + 1)];
            out.extend(row.iter().zip(&hidden).map(|(&n, &h)| {
                if h {
                    RESERVED.to_string()
                } else {
                    numfmt::int(n as i64)
                }
            }));
            out.push(numfmt::int(row.iter().sum::<usize>() as i64));
            out
        })
        .collect();
    let mut nota = format!(
        "{} iniciativas categorizadas en las dos olas: {} subieron de nivel, {} se mantuvieron y {} bajaron. «{RESERVED}»: celda con menos de {min_cell} iniciativas (o la que permitiría deducirla del total de su fila).",
        numfmt::int(total as i64),
        numfmt::int(up as i64),
        numfmt::int(same as i64),
        numfmt::int(down as i64)
    );
    if pm.id != m.id {
        nota.push_str(&format!(
            " Cambió la metodología ({} → {}): los niveles se asignaron con reglas distintas.",
            pm.nombre, m.nombre
        ));
    }
    let (nb, na) = (levels_of(before).len(), levels_of(after).len());
    if nb != na {
        nota.push_str(&format!(
            " Cambió la base: {} iniciativas categorizadas en la {} y {} en la {}; las cifras sumadas (empresas, empleos) describen conjuntos distintos de iniciativas y no se comparan como una evolución.",
            numfmt::int(nb as i64),
            before.config.etiqueta,
            numfmt::int(na as i64),
            after.config.etiqueta
        ));
    }
    DataTable {
        titulo: format!(
            "Cambio de nivel general entre la {} y la {}",
            before.config.etiqueta, after.config.etiqueta
        ),
        encabezado,
        filas,
        nota: Some(nota),
    }
}

/// A row of counts of initiatives as cells for the small-cell rule (a count is its own value).
fn count_cells(row: &[usize]) -> Vec<Cell> {
    row.iter()
        .map(|&n| Cell {
            initiatives: n,
            value: (n > 0).then_some(n as f64),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Eleven initiatives counted by hand: A–C stay at 2, D and E go 1 → 2, F goes 1 → 3,
    /// G goes 3 → 2, H stays at 3, I goes 2 → 3; J is only before, K only after.
    #[test]
    fn transitions_are_counted_by_hand() {
        let before = [
            ("A", 2),
            ("B", 2),
            ("C", 2),
            ("D", 1),
            ("E", 1),
            ("F", 1),
            ("G", 3),
            ("H", 3),
            ("I", 2),
            ("J", 1),
        ];
        let after = [
            ("K", 3),
            ("I", 3),
            ("H", 3),
            ("G", 2),
            ("F", 3),
            ("E", 2),
            ("D", 2),
            ("C", 2),
            ("B", 2),
            ("A", 2),
        ];
        let t = transitions(&before, &after, 3);
        assert_eq!(t, vec![vec![0, 2, 1], vec![0, 3, 1], vec![0, 1, 1]]);
        // Up: D, E, F, I; same: A, B, C, H; down: G.
        assert_eq!(moves(&t), (4, 4, 1));
    }

    #[test]
    fn small_cells_of_a_row_are_reserved_with_their_complement() {
        let row = [0usize, 2, 7, 9];
        let cells = count_cells(&row);
        // 2 < 3 is reserved, and 7 with it (the row total would give it away); 0 is shown.
        assert_eq!(
            suppress::suppressed(&cells, 3, true),
            vec![false, true, true, false]
        );
    }
}
