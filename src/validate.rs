//! Rules across cells of one initiative and across initiatives: duplicated ids, shares that
//! must add to 100, counts that cannot exceed the participating companies.

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::diagnostics::{cell_ref, Problem};
use crate::ola::OlaConfig;
use crate::project::Project;
use crate::workbook::OlaRead;
use crate::{numfmt, Initiative};

/// Shares of a group may add to 100 ± this, to allow rounding by the respondent.
pub const SHARE_TOLERANCE: f64 = 1.0;

/// Longest initiative code: it names the card files, whose names the file system bounds.
pub const MAX_ID_CHARS: usize = 64;

/// Counts that must not exceed another count: (part, whole).
const COUNT_LIMITS: [(&str, &str); 4] = [
    ("empresas_activas", "empresas_participantes"),
    ("empresas_impactadas", "empresas_participantes"),
    (
        "empresas_activas_anterior",
        "empresas_participantes_anterior",
    ),
    (
        "empresas_impactadas_anterior",
        "empresas_participantes_anterior",
    ),
];

/// Reads an ola's workbook (every cell checked against its field) and then checks the rules
/// across cells and initiatives: the read-and-validate stage of one ola.
pub fn read(project: &Project, ola: &OlaConfig) -> OlaRead {
    let mut read = crate::workbook::read(project, ola);
    cross_check(project, ola, &mut read);
    read
}

/// Where a problem of one initiative is: the file, the sheet and the cell of a field.
struct Place<'a> {
    file: &'a str,
    sheet: &'a str,
    columns: &'a BTreeMap<String, u32>,
}

impl Place<'_> {
    /// The cell of `field` in the initiative's row, or its row when the field has no column.
    fn cell(&self, init: &Initiative, field: &str) -> String {
        self.columns
            .get(field)
            .map(|&c| cell_ref(init.row - 1, c))
            .unwrap_or_else(|| format!("fila {}", init.row))
    }

    fn error(&self, message: String, init: &Initiative, field: &str) -> Problem {
        Problem::error(self.file, message).at(self.sheet, self.cell(init, field))
    }
}

pub fn cross_check(project: &Project, ola: &OlaConfig, read: &mut OlaRead) {
    let place = Place {
        file: &read.file,
        sheet: &read.sheet,
        columns: &read.columns,
    };
    let mut problems = check_ids(&read.initiatives, &place);
    // Only groups whose every member has a column in this ola are checked.
    let share_groups: Vec<_> = project
        .fields
        .share_groups()
        .into_iter()
        .filter(|(_, members)| members.iter().all(|m| read.columns.contains_key(*m)))
        .collect();
    let count_groups = project.fields.count_groups();
    // Each initiative's rules read only its own answers: checked in parallel, then merged in
    // row order so the problems come out in the same order on every run.
    let each: Vec<Vec<Problem>> = read
        .initiatives
        .par_iter()
        .map(|init| {
            let mut found: Vec<Problem> = share_groups
                .iter()
                .filter_map(|(group, members)| check_shares(init, group, members, &place))
                .collect();
            check_counts(init, &count_groups, &place, &mut found);
            found.extend(check_strategy_year(init, ola, &place));
            found
        })
        .collect();
    problems.extend(each.into_iter().flatten());
    read.problems.extend(problems);
}

/// The strategy cannot have been updated after the ola.
fn check_strategy_year(init: &Initiative, ola: &OlaConfig, place: &Place) -> Option<Problem> {
    let year = init.number("estrategia_anio")?;
    (year as i32 > ola.anio).then(|| {
        let message = format!(
            "el año de actualización de la estrategia es posterior a la ola ({})",
            ola.anio
        );
        place
            .error(message, init, "estrategia_anio")
            .found(format!("{}", year as i32))
    })
}

/// Initiative codes: not too long, unique, and naming different card files.
fn check_ids(initiatives: &[Initiative], place: &Place) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut seen: BTreeMap<String, u32> = BTreeMap::new();
    // Card file names, so two ids never write the same card (`IC-0116` and `IC.0116`).
    let mut files: BTreeMap<String, (u32, String)> = BTreeMap::new();
    for init in initiatives {
        let Some(id) = init.text("id") else { continue };
        if id.chars().count() > MAX_ID_CHARS {
            let message = format!(
                "el código tiene {} caracteres; el máximo es {MAX_ID_CHARS}",
                id.chars().count()
            );
            problems.push(place.error(message, init, "id"));
            continue;
        }
        let file_id = crate::cards::file_id(id);
        match files.get(&file_id) {
            Some((row, other)) if other != id => problems.push(
                place.error(format!("el código da el mismo nombre de ficha ({file_id}) que «{other}» de la fila {row}; use códigos que difieran en letras o números"), init, "id")
                    .found(id),
            ),
            Some(_) => {}
            None => {
                files.insert(file_id, (init.row, id.to_string()));
            }
        }
        if let Some(first) = seen.get(id) {
            problems.push(
                place.error(format!("el código de iniciativa está repetido: ya aparece en la fila {first}; cada iniciativa debe tener un código único"), init, "id")
                    .found(id),
            );
        } else {
            seen.insert(id.to_string(), init.row);
        }
    }
    problems
}

/// A group of shares answered in part (a warning) or not adding to 100 (an error).
fn check_shares(
    init: &Initiative,
    group: &str,
    members: &[&str],
    place: &Place,
) -> Option<Problem> {
    let values: Vec<Option<f64>> = members.iter().map(|m| init.number(m)).collect();
    let answered = values.iter().flatten().count();
    if answered == 0 {
        return None;
    }
    // Written only for a problem: most groups are fine, and 10.000 initiatives make this hot.
    let span = || {
        format!(
            "{}:{}",
            place.cell(init, members[0]),
            place.cell(init, members[members.len() - 1])
        )
    };
    if answered < members.len() {
        return Some(
            Problem::warning(place.file, format!("los porcentajes de «{group}» están incompletos; el grupo se trata como «sin dato» donde falte"))
                .at(place.sheet, span()),
        );
    }
    let sum: f64 = values.iter().flatten().sum();
    ((sum - 100.0).abs() > SHARE_TOLERANCE).then(|| {
        Problem::error(
            place.file,
            format!(
                "los porcentajes de «{group}» ({}) deben sumar 100",
                members.join(" + ")
            ),
        )
        .at(place.sheet, span())
        .found(format!("suma {}", numfmt::dec(sum, 1)))
    })
}

/// Counts that exceed the participating companies: active or impacted ones (an error), the
/// companies by size (a warning).
fn check_counts(
    init: &Initiative,
    count_groups: &indexmap::IndexMap<&str, Vec<&str>>,
    place: &Place,
    problems: &mut Vec<Problem>,
) {
    for (part, whole) in COUNT_LIMITS {
        if let (Some(p), Some(w)) = (init.number(part), init.number(whole)) {
            if p > w {
                problems.push(
                    place.error(format!(
                        "«{part}» ({}) supera a «{whole}» ({}); no puede haber más empresas activas o impactadas que participantes",
                        numfmt::int(p as i64),
                        numfmt::int(w as i64)
                    ), init, part)
                    .found(numfmt::int(p as i64)),
                );
            }
        }
    }
    for (group, members) in count_groups {
        let sum: f64 = members.iter().filter_map(|m| init.number(m)).sum();
        if let Some(w) = init.number("empresas_participantes") {
            if sum > w {
                problems.push(
                    Problem::warning(
                        place.file,
                        format!(
                            "las empresas por «{group}» suman {} y superan a las {} participantes",
                            numfmt::int(sum as i64),
                            numfmt::int(w as i64)
                        ),
                    )
                    .at(place.sheet, place.cell(init, members[0])),
                );
            }
        }
    }
}

/// Summary olas (without microdata): every department named must be a real one.
pub fn check_summary(project: &Project, ola: &OlaConfig) -> Vec<Problem> {
    let file = format!("data/olas/{}/ola.yaml", ola.numero);
    let Some(summary) = &ola.resumen else {
        return Vec::new();
    };
    let mut names: Vec<&String> = summary.departamentos.keys().collect();
    for totals in [&summary.empresas, &summary.empleos].into_iter().flatten() {
        names.extend(totals.departamentos.keys());
    }
    names
        .into_iter()
        .filter(|n| project.reference.department(n).is_none())
        .map(|n| {
            let hint = project
                .reference
                .suggest(n)
                .map(|s| format!("; ¿quiso decir «{s}»?"))
                .unwrap_or_default();
            Problem::error(&file, format!("no es un departamento de Colombia{hint}"))
                .found(n.clone())
        })
        .collect()
}
