//! Rules across cells of one initiative and across initiatives: duplicated ids, shares that
//! must add to 100, counts that cannot exceed the participating companies.

use std::collections::BTreeMap;

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

pub fn cross_check(project: &Project, ola: &OlaConfig, read: &mut OlaRead) {
    let file = read.file.clone();
    let sheet = read.sheet.clone();
    let cell = |init: &Initiative, field: &str| -> String {
        read.columns
            .get(field)
            .map(|&c| cell_ref(init.row - 1, c))
            .unwrap_or_else(|| format!("fila {}", init.row))
    };
    let mut problems = Vec::new();

    let mut seen: BTreeMap<String, u32> = BTreeMap::new();
    // Card file names, so two ids never write the same card (`IC-0116` and `IC.0116`).
    let mut files: BTreeMap<String, (u32, String)> = BTreeMap::new();
    for init in &read.initiatives {
        if let Some(id) = init.text("id") {
            if id.chars().count() > MAX_ID_CHARS {
                problems.push(
                    Problem::error(
                        &file,
                        format!(
                            "el código tiene {} caracteres; el máximo es {MAX_ID_CHARS}",
                            id.chars().count()
                        ),
                    )
                    .at(&sheet, cell(init, "id")),
                );
                continue;
            }
            let file_id = crate::cards::file_id(id);
            match files.get(&file_id) {
                Some((row, other)) if other != id => problems.push(
                    Problem::error(&file, format!("el código da el mismo nombre de ficha ({file_id}) que «{other}» de la fila {row}; use códigos que difieran en letras o números"))
                        .at(&sheet, cell(init, "id"))
                        .found(id),
                ),
                Some(_) => {}
                None => {
                    files.insert(file_id, (init.row, id.to_string()));
                }
            }
            if let Some(first) = seen.get(id) {
                problems.push(
                    Problem::error(&file, format!("el código de iniciativa está repetido: ya aparece en la fila {first}; cada iniciativa debe tener un código único"))
                        .at(&sheet, cell(init, "id"))
                        .found(id),
                );
            } else {
                seen.insert(id.to_string(), init.row);
            }
        }
    }

    // Only groups whose every member has a column in this ola are checked.
    let share_groups: Vec<_> = project
        .fields
        .share_groups()
        .into_iter()
        .filter(|(_, members)| members.iter().all(|m| read.columns.contains_key(*m)))
        .collect();
    let count_groups = project.fields.count_groups();
    for init in &read.initiatives {
        for (group, members) in &share_groups {
            let values: Vec<Option<f64>> = members.iter().map(|m| init.number(m)).collect();
            let answered = values.iter().flatten().count();
            if answered == 0 {
                continue;
            }
            let span = || {
                let last = members[members.len() - 1];
                format!("{}:{}", cell(init, members[0]), cell(init, last))
            };
            if answered < members.len() {
                problems.push(
                    Problem::warning(&file, format!("los porcentajes de «{group}» están incompletos; el grupo se trata como «sin dato» donde falte"))
                        .at(&sheet, span()),
                );
                continue;
            }
            let sum: f64 = values.iter().flatten().sum();
            if (sum - 100.0).abs() > SHARE_TOLERANCE {
                problems.push(
                    Problem::error(
                        &file,
                        format!(
                            "los porcentajes de «{group}» ({}) deben sumar 100",
                            members.join(" + ")
                        ),
                    )
                    .at(&sheet, span())
                    .found(format!("suma {}", numfmt::dec(sum, 1))),
                );
            }
        }
        for (part, whole) in COUNT_LIMITS {
            if let (Some(p), Some(w)) = (init.number(part), init.number(whole)) {
                if p > w {
                    problems.push(
                        Problem::error(&file, format!(
                            "«{part}» ({}) supera a «{whole}» ({}); no puede haber más empresas activas o impactadas que participantes",
                            numfmt::int(p as i64),
                            numfmt::int(w as i64)
                        ))
                        .at(&sheet, cell(init, part))
                        .found(numfmt::int(p as i64)),
                    );
                }
            }
        }
        for (group, members) in &count_groups {
            let sum: f64 = members.iter().filter_map(|m| init.number(m)).sum();
            if let Some(w) = init.number("empresas_participantes") {
                if sum > w {
                    problems.push(
                        Problem::warning(
                            &file,
                            format!(
                            "las empresas por «{group}» suman {} y superan a las {} participantes",
                            numfmt::int(sum as i64),
                            numfmt::int(w as i64)
                        ),
                        )
                        .at(&sheet, cell(init, members[0])),
                    );
                }
            }
        }
        if let Some(year) = init.number("estrategia_anio") {
            if year as i32 > ola.anio {
                problems.push(
                    Problem::error(
                        &file,
                        format!(
                            "el año de actualización de la estrategia es posterior a la ola ({})",
                            ola.anio
                        ),
                    )
                    .at(&sheet, cell(init, "estrategia_anio"))
                    .found(format!("{}", year as i32)),
                );
            }
        }
    }
    read.problems.extend(problems);
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
