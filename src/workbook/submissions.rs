//! Repeated and partial submissions: an online form lets a director send the questionnaire
//! again or leave it half done. With `envios:` in ola.yaml, the latest complete submission of
//! each initiative (by its timestamp) is read; every other row is named in a warning, never
//! dropped silently.

use std::collections::BTreeMap;

use calamine::Data;

use super::cell;
use crate::diagnostics::{cell_ref, column_letters, Problem};
use crate::ola::Submissions;
use crate::text::key;

/// The rows to read and the problems naming the rows left out.
pub(super) struct Chosen {
    pub rows: Vec<u32>,
    pub problems: Vec<Problem>,
}

/// Where the columns `envios:` names are, resolved against the header row.
pub(super) struct Columns {
    pub id: u32,
    pub time: Option<u32>,
    pub complete: Option<u32>,
}

/// Picks, among `rows` (0-based), the latest complete submission of each initiative.
pub(super) fn choose<'d>(
    settings: &Submissions,
    cols: &Columns,
    rows: &[u32],
    at: &impl Fn(u32, u32) -> &'d Data,
    (file, sheet): (&str, &str),
) -> Chosen {
    let mut problems = Vec::new();
    let mut kept: Vec<u32> = Vec::new();
    // Initiative id (by key) → rows of its complete submissions, in sheet order.
    let mut by_id: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for &row in rows {
        let id = cell::display(at(row, cols.id)).trim().to_string();
        if let Some(c) = cols.complete {
            if !is_complete(at(row, c)) && !settings.conservar_incompletos {
                problems.push(incomplete(&id, c, at(row, c), (file, sheet), row));
                continue;
            }
        }
        if id.is_empty() {
            // Left to the reader, which reports the missing required code.
            kept.push(row);
            continue;
        }
        by_id.entry(key(&id)).or_default().push(row);
    }
    for submissions in by_id.values() {
        match cols.time.filter(|_| submissions.len() > 1) {
            Some(time_col) => kept.extend(latest(
                submissions,
                (cols.id, time_col),
                at,
                (file, sheet),
                &mut problems,
            )),
            // Without a timestamp, duplicates stay and the duplicated code is an error.
            None => kept.extend(submissions),
        }
    }
    kept.sort_unstable();
    problems.sort_by_key(row_of);
    Chosen {
        rows: kept,
        problems,
    }
}

fn incomplete(id: &str, col: u32, data: &Data, (file, sheet): (&str, &str), row: u32) -> Problem {
    let shown = if id.is_empty() {
        "sin código".to_string()
    } else {
        format!("«{id}»")
    };
    Problem::warning(
        file,
        format!(
            "envío incompleto de {shown} (columna {}: «{}»): queda fuera; «envios › conservar_incompletos: true» en ola.yaml lo conserva",
            column_letters(col),
            cell::display(data)
        ),
    )
    .at(sheet, format!("fila {}", row + 1))
}

/// The rows kept of one initiative's complete submissions: the latest by its timestamp (the
/// others reported), or all of them when a timestamp cannot be read (an error).
fn latest<'d>(
    submissions: &[u32],
    (id_col, time_col): (u32, u32),
    at: &impl Fn(u32, u32) -> &'d Data,
    (file, sheet): (&str, &str),
    problems: &mut Vec<Problem>,
) -> Vec<u32> {
    let times: Vec<Option<i64>> = submissions
        .iter()
        .map(|&r| timestamp(at(r, time_col)))
        .collect();
    if let Some(i) = times.iter().position(Option::is_none) {
        let row = submissions[i];
        problems.push(
                Problem::error(
                    file,
                    "la iniciativa se envió varias veces y esta marca temporal no es una fecha y hora (dd/mm/aaaa hh:mm:ss o aaaa-mm-dd hh:mm:ss), así que no se sabe cuál es el último envío",
                )
                .at(sheet, cell_ref(row, time_col))
                .found(cell::display(at(row, time_col))),
            );
        return submissions.to_vec();
    }
    // The latest; on equal times, the lower row (the later one in the sheet).
    let latest = (0..submissions.len())
        .max_by_key(|&i| (times[i], submissions[i]))
        .unwrap_or(0);
    let last = submissions[latest];
    for &row in submissions.iter().filter(|&&r| r != last) {
        problems.push(
                Problem::warning(
                    file,
                    format!(
                        "envío repetido de «{}»: se lee el último, el de la fila {} ({}); este ({}) queda fuera",
                        cell::display(at(row, id_col)).trim(),
                        last + 1,
                        cell::display(at(last, time_col)),
                        cell::display(at(row, time_col))
                    ),
                )
                .at(sheet, format!("fila {}", row + 1)),
            );
    }
    vec![last]
}

fn row_of(p: &Problem) -> u32 {
    p.cell
        .as_deref()
        .and_then(|c| {
            c.trim_start_matches(|ch: char| !ch.is_ascii_digit())
                .parse()
                .ok()
        })
        .unwrap_or(0)
}

/// A submission is complete unless its completeness cell is empty or says no (LimeSurvey's
/// empty `submitdate`, Qualtrics' `Finished` 0 or False).
fn is_complete(data: &Data) -> bool {
    match data {
        Data::DateTime(_) | Data::DateTimeIso(_) => true,
        other => cell::is_marked(other),
    }
}

/// Seconds since 1 March of year 0 of a date and time, comparable across cells: an Excel
/// serial date, or a text «dd/mm/aaaa hh:mm[:ss]» (Google Forms in Spanish) or
/// «aaaa-mm-dd[ T]hh:mm[:ss]» (LimeSurvey, Qualtrics, KoboToolbox).
pub fn timestamp(data: &Data) -> Option<i64> {
    match data {
        Data::DateTime(dt) => Some(from_serial(dt.as_f64())),
        Data::Float(f) => Some(from_serial(*f)),
        Data::Int(i) => Some(from_serial(*i as f64)),
        Data::DateTimeIso(s) | Data::String(s) => parse_text(s.trim()),
        _ => None,
    }
}

fn parse_text(s: &str) -> Option<i64> {
    let (date, time) = match s.split_once([' ', 'T']) {
        Some((d, t)) => (d, t),
        None => (s, ""),
    };
    let parts: Vec<i64> = date
        .split(['/', '-'])
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let (y, m, d) = match parts[..] {
        [y, m, d] if y > 31 => (y, m, d),
        // SurveyMonkey and Microsoft Forms in English write month first: 10/23/2020.
        [m, d, y] if y > 31 && d > 12 => (y, m, d),
        [d, m, y] if y > 31 => (y, m, d),
        _ => return None,
    };
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Time zone and fractions of a second are dropped: one form exports one zone.
    let upper = time.trim().to_ascii_uppercase();
    let (time, half) = match (upper.strip_suffix("PM"), upper.strip_suffix("AM")) {
        (Some(t), _) => (t.trim().to_string(), 12),
        (_, Some(t)) => (t.trim().to_string(), 0),
        _ => (upper.clone(), -1),
    };
    let clock = time.split(['.', '+', '-', 'Z']).next().unwrap_or("");
    let mut hms = [0i64; 3];
    for (slot, part) in hms
        .iter_mut()
        .zip(clock.split(':').filter(|p| !p.is_empty()))
    {
        *slot = part.trim().parse().ok()?;
    }
    if half >= 0 {
        hms[0] = hms[0] % 12 + half;
    }
    Some(days_from_civil(y, m, d) * 86_400 + hms[0] * 3600 + hms[1] * 60 + hms[2])
}

/// Days from 1 March of year 0 (Howard Hinnant's algorithm, shifted), for ordering only.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe
}

/// An Excel serial (days since 30 December 1899) on the same scale as [`parse_text`].
fn from_serial(serial: f64) -> i64 {
    let base = days_from_civil(1899, 12, 30) * 86_400;
    base + (serial * 86_400.0).round() as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_of_every_tool_compare() {
        let t = |s: &str| timestamp(&Data::String(s.into())).unwrap();
        assert_eq!(t("23/10/2020 10:11:12"), t("2020-10-23 10:11:12"));
        assert_eq!(t("2020-10-23T10:11:12.345-05:00"), t("2020-10-23 10:11:12"));
        assert!(t("24/10/2020 09:00:00") > t("23/10/2020 23:59:59"));
        assert!(t("01/01/2021 00:00") > t("31/12/2020 23:59"));
        // 44127 is 23/10/2020 in Excel.
        assert_eq!(from_serial(44127.5), t("2020-10-23 12:00:00"));
        assert_eq!(t("10/23/2020 1:05:00 PM"), t("23/10/2020 13:05:00"));
        assert_eq!(t("10/23/2020 12:05:00 AM"), t("2020-10-23 00:05:00"));
        assert_eq!(timestamp(&Data::String("ayer".into())), None);
    }
}
