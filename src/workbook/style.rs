//! Export styles of the online form tools (from each tool's documentation): how many header
//! rows an export has and what they hold, and the columns of submission time and completeness.
//! Multi-select encodings need nothing here: a joined cell is read with the column's
//! `separador`, and an option column counts as chosen unless empty, 0, «no» or «false» (1/0,
//! the option text, «Selected», «Y»).

use calamine::Data;

use super::cell;
use crate::ola::{ExportStyle, Submissions};
use crate::text::key;

pub fn name(style: ExportStyle) -> &'static str {
    match style {
        ExportStyle::GoogleForms => "Google Forms",
        ExportStyle::MicrosoftForms => "Microsoft Forms",
        ExportStyle::Kobotoolbox => "KoboToolbox",
        ExportStyle::Limesurvey => "LimeSurvey",
        ExportStyle::Surveymonkey => "SurveyMonkey",
        ExportStyle::Qualtrics => "Qualtrics",
        ExportStyle::Plano => "plano",
    }
}

/// The style whose system columns the first header row holds.
pub fn detect(headers: &[String]) -> ExportStyle {
    let keys: Vec<String> = headers.iter().map(|h| key(h)).collect();
    let has = |k: &str| keys.iter().any(|h| h == k);
    if has("_uuid") || has("_submission_time") {
        ExportStyle::Kobotoolbox
    } else if has("submitdate") && (has("lastpage") || has("startlanguage") || has("id")) {
        ExportStyle::Limesurvey
    } else if has("respondent id") && has("collector id") {
        ExportStyle::Surveymonkey
    } else if has("responseid") && has("finished") {
        ExportStyle::Qualtrics
    } else if (has("hora de inicio") && has("hora de finalizacion"))
        || (has("start time") && has("completion time"))
    {
        ExportStyle::MicrosoftForms
    } else if keys
        .first()
        .is_some_and(|k| k == "marca temporal" || k == "timestamp")
    {
        ExportStyle::GoogleForms
    } else {
        ExportStyle::Plano
    }
}

/// Rows of headers, from the first: SurveyMonkey adds the option row, Qualtrics the question
/// text and the import id under its short names.
pub fn header_rows(style: ExportStyle) -> u32 {
    match style {
        ExportStyle::Surveymonkey => 2,
        ExportStyle::Qualtrics => 3,
        _ => 1,
    }
}

/// Texts one column answers to, as ola.yaml may name it, first the one shown in messages.
/// SurveyMonkey: «Question» when its option row says «Response», else «Question [Option]»,
/// the question carried from the left over the blank continuation headers. Qualtrics: the
/// question text or the short name. KoboToolbox: the XML name also without its group.
pub fn column_names<'d>(
    style: ExportStyle,
    row: u32,
    col: u32,
    first_col: u32,
    at: &impl Fn(u32, u32) -> &'d Data,
) -> Vec<String> {
    let text = |r: u32, c: u32| cell::display(at(r, c)).trim().to_string();
    match style {
        ExportStyle::Surveymonkey => {
            let question = (first_col..=col)
                .rev()
                .map(|c| text(row, c))
                .find(|t| !t.is_empty())
                .unwrap_or_default();
            let option = text(row + 1, col);
            let plain = matches!(
                key(&option).as_str(),
                "" | "response" | "open-ended response" | "respuesta" | "respuesta abierta"
            );
            if plain {
                vec![question]
            } else {
                vec![format!("{question} [{option}]")]
            }
        }
        ExportStyle::Qualtrics => vec![text(row + 1, col), text(row, col)],
        ExportStyle::Kobotoolbox => {
            let name = text(row, col);
            match name.rsplit_once('/') {
                Some((_, short)) => vec![name.clone(), short.to_string()],
                None => vec![name],
            }
        }
        _ => vec![text(row, col)],
    }
}

/// The style's own columns of submission time and completeness, those present in the header
/// (`present` answers by comparison key).
pub fn submissions(style: ExportStyle, present: impl Fn(&str) -> bool) -> Option<Submissions> {
    let first = |names: &[&str]| {
        names
            .iter()
            .find(|n| present(&key(n)))
            .map(|n| n.to_string())
    };
    let (time, complete) = match style {
        ExportStyle::GoogleForms => (first(&["Marca temporal", "Timestamp"]), None),
        ExportStyle::MicrosoftForms => (first(&["Hora de finalización", "Completion time"]), None),
        ExportStyle::Kobotoolbox => (first(&["_submission_time"]), None),
        ExportStyle::Limesurvey => (first(&["submitdate"]), first(&["submitdate"])),
        ExportStyle::Surveymonkey => (first(&["End Date", "Fecha de finalización"]), None),
        ExportStyle::Qualtrics => (first(&["EndDate", "RecordedDate"]), first(&["Finished"])),
        ExportStyle::Plano => (None, None),
    };
    let any = time.is_some() || complete.is_some();
    any.then_some(Submissions {
        marca_temporal: time,
        completo: complete,
        conservar_incompletos: false,
    })
}
