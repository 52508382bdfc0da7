//! The proposed ola.yaml written out: matches with their confidence and runner-up as
//! comments, what could not be placed listed at the top, the analyst's decisions kept.

use super::*;

/// One answer text's proposal: field, text, and the value chosen (with its confidence and
/// runner-up) or None when left to decide.
type AnswerProposal = (String, String, AnswerChoice);

pub(super) fn render(
    project: &Project,
    args: &MapArgs,
    existing: Option<&OlaConfig>,
    export: &workbook::headers::Export,
    proposals: &[Proposal],
) -> String {
    let mut out = String::new();
    let file_name = args
        .archivo
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    let period = existing
        .map(|o| o.period())
        .or_else(|| period_of(&export.headers));
    let answers = answer_proposals(project, existing, export, proposals, period);
    write_pending(&mut out, &file_name, proposals, &answers);
    match existing {
        Some(o) => {
            let mut head = o.clone();
            head.columnas.clear();
            head.respuestas.clear();
            head.libro = Some(file_name.clone());
            let yaml = serde_yaml::to_string(&head).unwrap_or_default();
            // The columns and answers follow, with their comments.
            for line in yaml.lines().filter(|l| !l.starts_with("columnas:")) {
                let _ = writeln!(out, "{line}");
            }
        }
        None => write_new_head(&mut out, project, args, export, &file_name),
    }
    write_columns(&mut out, proposals);
    write_answers(&mut out, existing, &answers);
    out
}

/// The opening comment: how to read the proposal and what is left to decide.
fn write_pending(
    out: &mut String,
    file_name: &str,
    proposals: &[Proposal],
    answers: &[AnswerProposal],
) {
    let unplaced: Vec<&Proposal> = proposals.iter().filter(|p| p.choice.is_none()).collect();
    let _ = writeln!(
        out,
        "# Propuesta de `ssme mapear` para {file_name}. Revise cada asignación: la"
    );
    let _ = writeln!(
        out,
        "# confianza (0–1) y la alternativa van en el comentario. Lo que ya estaba en este archivo"
    );
    let _ = writeln!(
        out,
        "# (columnas y respuestas) se conserva al volver a ejecutar `ssme mapear`."
    );
    let pending = unplaced.len() + answers.iter().filter(|a| a.2.is_none()).count();
    if pending == 0 {
        return;
    }
    let _ = writeln!(out, "#\n# POR DECIDIR ({pending}):");
    for p in &unplaced {
        let hint = p
            .runner_up
            .as_ref()
            .map(|(s, t)| format!(" (¿{}? {})", t.field, pct(*s)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "#   encabezado «{}» (columna {}){hint}",
            p.header,
            crate::diagnostics::column_letters(p.col)
        );
    }
    for (field, text, _) in answers.iter().filter(|a| a.2.is_none()) {
        let _ = writeln!(out, "#   respuesta «{text}» de «{field}»");
    }
}

/// The settings of an ola that has no ola.yaml yet: as the latest ola's, two years on, a draft.
fn write_new_head(
    out: &mut String,
    project: &Project,
    args: &MapArgs,
    export: &workbook::headers::Export,
    file_name: &str,
) {
    let latest = project.olas.iter().rfind(|o| o.has_microdata());
    let _ = writeln!(out, "numero: {}\netiqueta: Ola {}", args.ola, args.ola);
    let anio = latest.map_or(2024, |o| o.anio + 2);
    let _ = writeln!(out, "anio: {anio}");
    if let Some(m) = latest.and_then(|o| o.metodologia.as_ref()) {
        let _ = writeln!(out, "metodologia: {m}");
    }
    let _ = writeln!(out, "libro: {}", yaml_str(file_name));
    if let Some(s) = &export.sheet {
        let _ = writeln!(out, "hoja: {}", yaml_str(s));
    }
    let _ = writeln!(
        out,
        "fila_encabezado: {}\nborrador: true",
        export.header_row + 1
    );
}

/// Each placed header with its field (and option or separator), its confidence and runner-up.
fn write_columns(out: &mut String, proposals: &[Proposal]) {
    let _ = writeln!(out, "columnas:");
    for p in proposals {
        let Some((score, t)) = &p.choice else {
            continue;
        };
        let mut line = format!(
            "  - {{encabezado: {}, campo: {}",
            yaml_str(&p.header),
            t.field
        );
        if let Some(o) = &t.option {
            let _ = write!(line, ", opcion: {o}");
        } else if let Some(s) = &t.separator {
            let _ = write!(line, ", separador: {}", yaml_str(s));
        }
        line.push('}');
        let comment = if p.decided {
            String::new()
        } else {
            let alt = p
                .runner_up
                .as_ref()
                .map(|(s, r)| format!("; alternativa: {} ({})", r.field, pct(*s)))
                .unwrap_or_default();
            format!("  # confianza {}{alt}", pct(*score))
        };
        let _ = writeln!(out, "{line}{comment}");
    }
}

/// The answers already decided, then each new answer text with its proposed value (or left as
/// a comment to decide).
fn write_answers(out: &mut String, existing: Option<&OlaConfig>, answers: &[AnswerProposal]) {
    let mut kept: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for (field, texts) in existing.iter().flat_map(|o| &o.respuestas) {
        for (t, v) in texts {
            kept.entry(field.clone())
                .or_default()
                .push((t.clone(), v.clone()));
        }
    }
    let fields: BTreeSet<&String> = kept.keys().chain(answers.iter().map(|a| &a.0)).collect();
    if !fields.is_empty() {
        let _ = writeln!(out, "respuestas:");
    }
    for field in fields {
        let _ = writeln!(out, "  {field}:");
        for (t, v) in kept.get(field).into_iter().flatten() {
            let _ = writeln!(out, "    {}: {}", yaml_str(t), yaml_str(v));
        }
        for (_, text, choice) in answers.iter().filter(|a| &a.0 == field) {
            match choice {
                Some((s, v, alt)) => {
                    let alt = alt
                        .as_ref()
                        .map(|(s, a)| format!("; alternativa: {a} ({})", pct(*s)))
                        .unwrap_or_default();
                    let _ = writeln!(
                        out,
                        "    {}: {}  # confianza {}{alt}",
                        yaml_str(text),
                        yaml_str(v),
                        pct(*s)
                    );
                }
                None => {
                    let _ = writeln!(out, "    # {}: ?  (por decidir)", yaml_str(text));
                }
            }
        }
    }
}

type AnswerChoice = Option<(f64, String, Option<(f64, String)>)>;

/// Each distinct answer text of a mapped choice column that the field does not accept yet,
/// with its proposed value.
pub(super) fn answer_proposals(
    project: &Project,
    existing: Option<&OlaConfig>,
    export: &workbook::headers::Export,
    proposals: &[Proposal],
    period: Option<i32>,
) -> Vec<AnswerProposal> {
    let mut out = Vec::new();
    let mut seen: BTreeSet<(String, String)> = BTreeSet::new();
    for p in proposals {
        let Some((_, t)) = &p.choice else { continue };
        let Some(field) = project.fields.get(&t.field) else {
            continue;
        };
        if t.option.is_some() || !matches!(field.tipo, FieldType::Categoria | FieldType::Multiple) {
            continue;
        }
        let accepted =
            cell::Answers::new(field, existing.and_then(|o| o.respuestas.get(&field.id)));
        let mut refs: Vec<(String, String)> = Vec::new();
        for o in project.olas.iter() {
            for (text, v) in o.respuestas.get(&field.id).into_iter().flatten() {
                refs.push((normalized(text, Some(o.period())), v.clone()));
            }
        }
        for (v, label) in &field.valores {
            refs.push((label.clone(), v.clone()));
        }
        for value in export.values.get(&p.col).into_iter().flatten() {
            let parts: Vec<&str> = match &t.separator {
                Some(sep) if field.tipo == FieldType::Multiple => value
                    .split(sep.as_str())
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .collect(),
                _ => vec![value.trim()],
            };
            for part in parts {
                if accepted.lookup(part).is_some() || !seen.insert((field.id.clone(), key(part))) {
                    continue;
                }
                let ranked = rank(&normalized(part, period), &refs);
                let mut it = ranked.into_iter().map(|(s, v)| (s, v.clone()));
                let choice = it.next().filter(|(s, _)| *s >= MIN_CONFIDENCE);
                let alt = it.next();
                out.push((
                    field.id.clone(),
                    part.to_string(),
                    choice.map(|(s, v)| (s, v, alt)),
                ));
            }
        }
    }
    out
}

/// The separator a joined multi-select column uses: «;» (Microsoft Forms, the III and IV
/// olas) or «, » (Google Forms).
pub(super) fn separator_of(values: Option<&Vec<String>>) -> String {
    let values = values.map(Vec::as_slice).unwrap_or_default();
    if values.iter().any(|v| v.contains(';')) || !values.iter().any(|v| v.contains(", ")) {
        ";".into()
    } else {
        ", ".into()
    }
}

/// A YAML double-quoted scalar (JSON's escaping is valid YAML).
pub(super) fn yaml_str(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}
