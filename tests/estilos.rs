//! One export per online form tool, written here (rust_xlsxwriter for xlsx, the csv crate and
//! encoding_rs for CSV) from each tool's documented layout, holding the 20 initiatives of the
//! canonical fixture (tests/fixtures/estilos/, `cargo run --example make_estilos`) with the same
//! answers: each reads, checks and categorizes (level per variable, areas, score and level)
//! exactly as the canonical workbook. A blank multi-select is «sin dato» in every style; system
//! columns are ignored; repeated and incomplete submissions are left out by the style's own
//! columns.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use common::{base_project, fixtures, ssme};
use rust_xlsxwriter::Workbook;
use serde_json::Value as Json;
use ssme::categorize::categorize_all;
use ssme::{OlaConfig, Project, Value};

#[derive(Clone)]
enum Cell {
    Text(String),
    Num(f64),
    Empty,
}

impl Cell {
    fn text(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }

    /// As a form's CSV writes it: integers plain, decimals with a comma (never "12.125").
    fn csv(&self) -> String {
        match self {
            Cell::Text(t) => t.clone(),
            Cell::Num(x) if x.fract() == 0.0 => format!("{}", *x as i64),
            Cell::Num(x) => format!("{x}").replace('.', ","),
            Cell::Empty => String::new(),
        }
    }
}

/// Writes one export of a tool's layout.
type Layout = fn(&[Answer]) -> Export;
/// Writes an export to a path, in one file format.
type Writer<'a> = Box<dyn Fn(&Path) + 'a>;

/// One mapped column of ola.yaml: header, field, separator, option.
type Mapped = (String, String, Option<&'static str>, Option<String>);

/// An export: its header rows, its data rows and the ola.yaml columns that map it.
struct Export {
    headers: Vec<Vec<String>>,
    rows: Vec<Vec<Cell>>,
    columns: Vec<Mapped>,
}

/// One option of a multi-select: its id, its label and whether it was chosen.
type Opt = (String, String, bool);

/// The canonical answers: scalar columns (header, field, cell), the barreras cell (blank,
/// one or several options joined by ";"), and the multi-select impactos as its options or
/// None when unanswered.
struct Answer {
    scalars: Vec<(String, String, Cell)>,
    barreras: Cell,
    impactos: Option<Vec<Opt>>,
}

fn canonical_dir() -> std::path::PathBuf {
    fixtures().join("estilos")
}

fn canonical() -> Vec<Answer> {
    let json: Json =
        serde_json::from_str(&fs::read_to_string(canonical_dir().join("filas.json")).unwrap())
            .unwrap();
    let ola = OlaConfig::load(&canonical_dir().join("ola.yaml")).unwrap();
    json["filas"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| {
            let row = row.as_array().unwrap();
            let mut scalars = Vec::new();
            let mut options = Vec::new();
            let mut answered = false;
            let mut barreras = Cell::Empty;
            for (col, value) in ola.columnas.iter().zip(row) {
                let cell = match value {
                    Json::String(s) => Cell::Text(s.clone()),
                    // The forms export what the respondent typed: 45, not 0,45.
                    Json::Number(n) if col.campo == "avance_general" => {
                        Cell::Num((n.as_f64().unwrap() * 1000.0).round() / 10.0)
                    }
                    Json::Number(n) => Cell::Num(n.as_f64().unwrap()),
                    _ => Cell::Empty,
                };
                if let Some(option) = &col.opcion {
                    let label = col
                        .encabezado
                        .split_once(" [")
                        .unwrap()
                        .1
                        .trim_end_matches(']');
                    let chosen = match value {
                        Json::String(s) => s != "no",
                        Json::Number(n) => n.as_f64() != Some(0.0),
                        _ => false,
                    };
                    answered |= !value.is_null();
                    options.push((option.clone(), label.to_string(), chosen));
                } else if col.campo == "barreras" {
                    barreras = cell;
                } else {
                    scalars.push((col.encabezado.clone(), col.campo.clone(), cell));
                }
            }
            Answer {
                scalars,
                barreras,
                impactos: answered.then_some(options),
            }
        })
        .collect()
}

/// The question of each field as these forms word it (the canonical fixture uses field ids).
fn question(field: &str) -> String {
    format!("Pregunta sobre {}", field.replace('_', " "))
}

/// The single-answer questions, then «barreras» joined by «;» (as every style writes it).
fn leading_columns(a: &Answer) -> Vec<Mapped> {
    let mut columns: Vec<Mapped> = a
        .scalars
        .iter()
        .map(|(_, f, _)| (question(f), f.clone(), None, None))
        .collect();
    columns.push((question("barreras"), "barreras".into(), Some(";"), None));
    columns
}

/// Google Forms: «Marca temporal» first, question texts, checkboxes joined by «, ».
fn google(answers: &[Answer]) -> Export {
    let mut columns = leading_columns(&answers[0]);
    columns.push((
        question("impactos_empresariales"),
        "impactos_empresariales".into(),
        Some(", "),
        None,
    ));
    let mut headers = vec!["Marca temporal".to_string()];
    headers.extend(columns.iter().map(|c| c.0.clone()));
    let rows = answers
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let mut row = vec![Cell::Text(format!("{:02}/10/2020 10:15:{:02}", i + 1, i))];
            row.extend(a.scalars.iter().map(|s| s.2.clone()));
            row.push(a.barreras.clone());
            row.push(joined(a, ", ", false));
            row
        })
        .collect();
    Export {
        headers: vec![headers],
        rows,
        columns,
    }
}

/// The options of impactos, from the first initiative that answered it.
fn all_options(answers: &[Answer]) -> Vec<Opt> {
    answers
        .iter()
        .find_map(|a| a.impactos.clone())
        .expect("some initiative answers impactos")
}

fn joined(a: &Answer, sep: &str, trailing: bool) -> Cell {
    match &a.impactos {
        None => Cell::Empty,
        Some(options) => {
            let chosen: Vec<&str> = options
                .iter()
                .filter(|o| o.2)
                .map(|o| o.1.as_str())
                .collect();
            let end = if trailing { sep } else { "" };
            Cell::Text(format!("{}{end}", chosen.join(sep)))
        }
    }
}

/// The impactos columns of ola.yaml, one per option, headed by `header(n, label)`.
fn option_columns(options: &[Opt], header: impl Fn(usize, &str) -> String) -> Vec<Mapped> {
    options
        .iter()
        .enumerate()
        .map(|(n, (id, label, _))| {
            (
                header(n, label),
                "impactos_empresariales".into(),
                None,
                Some(id.clone()),
            )
        })
        .collect()
}

/// One impactos cell per option: `mark` for a chosen one, `unchosen` for the rest; all blank
/// when the question was left unanswered.
fn option_cells(a: &Answer, n: usize, mark: impl Fn(&Opt) -> Cell, unchosen: Cell) -> Vec<Cell> {
    match &a.impactos {
        None => vec![Cell::Empty; n],
        Some(opts) => opts
            .iter()
            .map(|o| if o.2 { mark(o) } else { unchosen.clone() })
            .collect(),
    }
}

/// Microsoft Forms: ID, start and end times, e-mail and name first; multi-select joined by «;»
/// with a trailing «;»; the question columns in another order than the form's.
fn microsoft(answers: &[Answer]) -> Export {
    let mut columns = leading_columns(&answers[0]);
    columns.push((
        question("impactos_empresariales"),
        "impactos_empresariales".into(),
        Some(";"),
        None,
    ));
    columns.reverse();
    let system = [
        "ID",
        "Hora de inicio",
        "Hora de finalización",
        "Correo electrónico",
        "Nombre",
    ];
    let mut headers: Vec<String> = system.iter().map(|s| s.to_string()).collect();
    headers.extend(columns.iter().map(|c| c.0.clone()));
    let rows = answers
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let mut row = vec![
                Cell::Num(i as f64 + 1.0),
                Cell::Text(format!("10/{:02}/2020 9:00:00 AM", i + 1)),
                Cell::Text(format!("10/{:02}/2020 9:30:00 AM", i + 1)),
                Cell::text("anónimo"),
                Cell::Empty,
            ];
            let mut answers: Vec<Cell> = a.scalars.iter().map(|s| s.2.clone()).collect();
            answers.push(a.barreras.clone());
            answers.push(joined(a, ";", true));
            answers.reverse();
            row.extend(answers);
            row
        })
        .collect();
    Export {
        headers: vec![headers],
        rows,
        columns,
    }
}

/// KoboToolbox: XML names with their group, select_multiple as a summary of option names
/// plus one 1/0 column per option, system columns at the end.
fn kobo(answers: &[Answer]) -> Export {
    let name = |f: &str| format!("datos/{f}");
    let mut columns: Vec<Mapped> = answers[0]
        .scalars
        .iter()
        .map(|(_, f, _)| (name(f), f.clone(), None, None))
        .collect();
    columns.push((name("barreras"), "barreras".into(), Some(";"), None));
    let options = all_options(answers);
    columns.extend(option_columns(&options, |n, _| {
        format!("datos/impactos_empresariales/{}", options[n].0)
    }));
    let mut headers: Vec<String> = columns.iter().map(|c| c.0.clone()).collect();
    headers.insert(
        headers.len() - options.len(),
        name("impactos_empresariales"),
    );
    headers.extend(["_id", "_uuid", "_submission_time", "_validation_status"].map(String::from));
    let rows = answers
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let mut row: Vec<Cell> = a.scalars.iter().map(|s| s.2.clone()).collect();
            row.push(a.barreras.clone());
            // The summary column: the chosen options' names joined by a space.
            row.push(match &a.impactos {
                None => Cell::Empty,
                Some(opts) => {
                    let names: Vec<&str> =
                        opts.iter().filter(|o| o.2).map(|o| o.0.as_str()).collect();
                    Cell::Text(names.join(" "))
                }
            });
            row.extend(option_cells(
                a,
                options.len(),
                |_| Cell::Num(1.0),
                Cell::Num(0.0),
            ));
            row.extend([
                Cell::Num(1000.0 + i as f64),
                Cell::Text(format!("c0ffee00-0000-4000-8000-{i:012}")),
                Cell::Text(format!("2020-10-{:02}T10:15:00.000-05:00", i + 1)),
                Cell::Empty,
            ]);
            row
        })
        .collect();
    Export {
        headers: vec![headers],
        rows,
        columns,
    }
}

/// LimeSurvey: id, submitdate, lastpage, startlanguage first; a multi-select as one «Y»
/// column per sub-question (`Q9[SQ001]`); an empty submitdate is an incomplete response.
fn limesurvey(answers: &[Answer]) -> Export {
    let mut columns = leading_columns(&answers[0]);
    let options = all_options(answers);
    columns.extend(option_columns(&options, |n, _| {
        format!("Q9[SQ00{}]", n + 1)
    }));
    let mut headers: Vec<String> = ["id", "submitdate", "lastpage", "startlanguage"]
        .map(String::from)
        .to_vec();
    headers.extend(columns.iter().map(|c| c.0.clone()));
    let row = |i: usize, a: &Answer, submitted: bool| {
        let mut row = vec![
            Cell::Num(i as f64 + 1.0),
            if submitted {
                Cell::Text(format!("2020-10-{:02} 11:00:00", i + 1))
            } else {
                Cell::Empty
            },
            Cell::Num(4.0),
            Cell::text("es"),
        ];
        row.extend(a.scalars.iter().map(|s| s.2.clone()));
        row.push(a.barreras.clone());
        row.extend(option_cells(
            a,
            options.len(),
            |_| Cell::text("Y"),
            Cell::Empty,
        ));
        row
    };
    let mut rows: Vec<Vec<Cell>> = answers
        .iter()
        .enumerate()
        .map(|(i, a)| row(i, a, true))
        .collect();
    // A later response to the first initiative, left half done: reported and left out.
    rows.push(row(answers.len(), &answers[0], false));
    Export {
        headers: vec![headers],
        rows,
        columns,
    }
}

/// SurveyMonkey: two header rows (question, then «Response» or the option), a multi-select's
/// options as continuation columns with a blank first header holding the option text.
fn surveymonkey(answers: &[Answer]) -> Export {
    let mut columns = leading_columns(&answers[0]);
    let options = all_options(answers);
    let q = question("impactos_empresariales");
    columns.extend(option_columns(&options, |_, label| {
        format!("{q} [{label}]")
    }));
    let system = ["Respondent ID", "Collector ID", "Start Date", "End Date"];
    let mut first: Vec<String> = system.iter().map(|s| s.to_string()).collect();
    let mut second = vec![String::new(); 4];
    for c in &columns[..columns.len() - options.len()] {
        first.push(c.0.clone());
        second.push("Response".into());
    }
    for (n, (_, label, _)) in options.iter().enumerate() {
        first.push(if n == 0 { q.clone() } else { String::new() });
        second.push(label.clone());
    }
    let rows = answers
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let mut row = vec![
                Cell::Num(11_000_000_000.0 + i as f64),
                Cell::Num(400_000_000.0),
                Cell::Text(format!("10/{:02}/2020 10:00:00 AM", i + 1)),
                Cell::Text(format!("10/{:02}/2020 10:20:00 AM", i + 1)),
            ];
            row.extend(a.scalars.iter().map(|s| s.2.clone()));
            row.push(a.barreras.clone());
            row.extend(option_cells(
                a,
                options.len(),
                |o| Cell::Text(o.1.clone()),
                Cell::Empty,
            ));
            row
        })
        .collect();
    Export {
        headers: vec![first, second],
        rows,
        columns,
    }
}

/// Qualtrics: three header rows (short name, question text, import id), `Finished` and
/// `Progress`; a multi-select as one column per choice holding 1.
fn qualtrics(answers: &[Answer]) -> Export {
    let mut columns = leading_columns(&answers[0]);
    let options = all_options(answers);
    let q = question("impactos_empresariales");
    columns.extend(option_columns(&options, |_, label| {
        format!("{q} - {label}")
    }));
    let system = ["StartDate", "EndDate", "Progress", "Finished", "ResponseId"];
    let system_text = [
        "Start Date",
        "End Date",
        "Progress",
        "Finished",
        "Response ID",
    ];
    let mut short: Vec<String> = system.iter().map(|s| s.to_string()).collect();
    let mut text: Vec<String> = system_text.iter().map(|s| s.to_string()).collect();
    let scalars = columns.len() - options.len();
    for (n, c) in columns.iter().enumerate() {
        short.push(if n < scalars {
            format!("Q{}", n + 1)
        } else {
            format!("Q{}_{}", scalars + 1, n - scalars + 1)
        });
        text.push(c.0.clone());
    }
    let import: Vec<String> = short
        .iter()
        .map(|s| format!("{{\"ImportId\":\"{s}\"}}"))
        .collect();
    let row = |i: usize, a: &Answer, finished: bool| {
        let mut row = vec![
            Cell::Text(format!("2020-10-{:02} 10:00:00", i + 1)),
            Cell::Text(format!("2020-10-{:02} 10:30:00", i + 1)),
            Cell::Num(if finished { 100.0 } else { 40.0 }),
            Cell::Num(if finished { 1.0 } else { 0.0 }),
            Cell::Text(format!("R_{i}abcdef")),
        ];
        row.extend(a.scalars.iter().map(|s| s.2.clone()));
        row.push(a.barreras.clone());
        row.extend(option_cells(
            a,
            options.len(),
            |_| Cell::Num(1.0),
            Cell::Empty,
        ));
        row
    };
    let mut rows: Vec<Vec<Cell>> = answers
        .iter()
        .enumerate()
        .map(|(i, a)| row(i, a, true))
        .collect();
    rows.push(row(answers.len() + 1, &answers[1], false));
    Export {
        headers: vec![short, text, import],
        rows,
        columns,
    }
}

fn write_xlsx(export: &Export, path: &Path) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("Respuestas").unwrap();
    let all = export
        .headers
        .iter()
        .map(|h| h.iter().map(|t| Cell::Text(t.clone())).collect::<Vec<_>>())
        .chain(export.rows.iter().cloned());
    for (r, row) in all.enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match cell {
                Cell::Text(t) if !t.is_empty() => {
                    sheet.write_string(r, c, t).unwrap();
                }
                Cell::Num(x) => {
                    sheet.write_number(r, c, *x).unwrap();
                }
                _ => {}
            }
        }
    }
    book.save(path).unwrap();
}

/// A CSV in the given separator and encoding ("utf-8", "utf-8-bom", "utf-16le", "windows-1252").
fn write_csv(export: &Export, path: &Path, sep: u8, encoding: &str) {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(sep)
        .from_writer(Vec::new());
    for h in &export.headers {
        writer.write_record(h).unwrap();
    }
    for row in &export.rows {
        writer.write_record(row.iter().map(Cell::csv)).unwrap();
    }
    let text = String::from_utf8(writer.into_inner().unwrap()).unwrap();
    let bytes: Vec<u8> = match encoding {
        "utf-8" => text.into_bytes(),
        "utf-8-bom" => [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat(),
        "utf-16le" => [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect(),
        "windows-1252" => encoding_rs::WINDOWS_1252.encode(&text).0.into_owned(),
        other => panic!("{other}"),
    };
    fs::write(path, bytes).unwrap();
}

/// A project whose ola 9 maps `export` (with `estilo` when given, else detected).
fn project(
    export: &Export,
    file: &str,
    estilo: Option<&str>,
    write: impl Fn(&Path),
) -> tempfile::TempDir {
    let tmp = base_project();
    let dir = tmp.path().join("data/olas/9");
    fs::create_dir_all(&dir).unwrap();
    let fixture = fs::read_to_string(canonical_dir().join("ola.yaml")).unwrap();
    let answers = &fixture[fixture.find("respuestas:").unwrap()..];
    let mut yaml = format!(
        "numero: 9\netiqueta: IX Ola\nanio: 2020\nperiodo: 2019\nmetodologia: ssme-2020\nlibro: {file}\nhoja: Respuestas\n"
    );
    if let Some(e) = estilo {
        yaml += &format!("estilo: {e}\n");
    }
    yaml += "columnas:\n";
    for (header, field, sep, option) in &export.columns {
        yaml += &format!("  - {{encabezado: {header:?}, campo: {field}");
        if let Some(s) = sep {
            yaml += &format!(", separador: {s:?}");
        }
        if let Some(o) = option {
            yaml += &format!(", opcion: {o}");
        }
        yaml += "}\n";
    }
    yaml += answers;
    fs::write(dir.join("ola.yaml"), yaml).unwrap();
    write(&dir.join(file));
    tmp
}

/// The canonical fixture as a project's ola 9.
fn canonical_project() -> tempfile::TempDir {
    let tmp = base_project();
    let dir = tmp.path().join("data/olas/9");
    fs::create_dir_all(&dir).unwrap();
    for file in ["ola.yaml", "respuestas.xlsx"] {
        fs::copy(canonical_dir().join(file), dir.join(file)).unwrap();
    }
    tmp
}

/// The canonical fixture is as varied as it claims: every variable at every level, every
/// overall level, blanks («sin dato») and multi-selects answered with none, one and several
/// options or left blank.
fn assert_varied(root: &Path) {
    let project = Project::load(root).unwrap();
    let ola = project.ola(9).unwrap();
    let read = ssme::validate::read(&project, ola);
    let m = project.methodology_of(ola).unwrap();
    let cats = categorize_all(m, &read.initiatives, ola.period());
    assert_eq!(cats.len(), 20);
    let variables = cats[0].levels.len();
    assert_eq!(variables, 18);
    for v in 0..variables {
        for level in 1..=3 {
            assert!(
                cats.iter().any(|c| c.levels[v] == Some(level)),
                "variable {v} never at Nivel {level}"
            );
        }
        assert!(
            cats.iter().any(|c| c.levels[v].is_none()),
            "variable {v} never blank"
        );
    }
    for level in 1..=3 {
        assert!(cats.iter().any(|c| c.level == Some(level)), "Nivel {level}");
    }
    let sizes = |field: &str| -> Vec<Option<usize>> {
        read.initiatives
            .iter()
            .map(|i| match i.values.get(field) {
                Some(Value::Choices(c)) if c == &["ninguna"] => Some(0),
                Some(Value::Choices(c)) => Some(c.len()),
                _ => None,
            })
            .collect()
    };
    let barreras = sizes("barreras");
    let impactos = sizes("impactos_empresariales");
    for want in [None, Some(0), Some(1), Some(3)] {
        assert!(barreras.contains(&want), "barreras {want:?}");
    }
    for want in [None, Some(1), Some(3), Some(6)] {
        assert!(impactos.contains(&want), "impactos {want:?}");
    }
}

/// Initiatives by id: their values (numbers rounded to 1e-9) and their categorization.
fn read(root: &Path) -> (BTreeMap<String, String>, String) {
    let project = Project::load(root).unwrap();
    let ola = project.ola(9).unwrap();
    let read = ssme::validate::read(&project, ola);
    let errors: Vec<String> = read
        .problems
        .iter()
        .filter(|p| p.is_error())
        .map(|p| p.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let m = project.methodology_of(ola).unwrap();
    let cats = categorize_all(m, &read.initiatives, ola.period());
    let mut values = BTreeMap::new();
    for (init, cat) in read.initiatives.iter().zip(&cats) {
        // In field order: the values are a hash map, filled in each export's column order.
        let sorted: BTreeMap<&String, &Value> = init.values.iter().collect();
        let shown: Vec<String> = sorted
            .into_iter()
            .map(|(k, v)| match v {
                Value::Number(x) => format!("{k}={:.9}", x),
                other => format!("{k}={other:?}"),
            })
            .collect();
        values.insert(init.id().to_string(), shown.join("|"));
        values.insert(format!("{} categoría", init.id()), format!("{cat:?}"));
    }
    (
        values,
        read.problems.iter().map(|p| format!("{p}\n")).collect(),
    )
}

#[test]
fn every_style_reads_and_categorizes_as_the_canonical_workbook() {
    let canonical_project = canonical_project();
    assert_varied(canonical_project.path());
    let (want, _) = read(canonical_project.path());
    assert_eq!(want.len(), 40, "20 initiatives and their categorizations");
    let answers = canonical();
    let styles: [(&str, Layout); 6] = [
        ("google_forms", google),
        ("microsoft_forms", microsoft),
        ("kobotoolbox", kobo),
        ("limesurvey", limesurvey),
        ("surveymonkey", surveymonkey),
        ("qualtrics", qualtrics),
    ];
    let mut checked = Vec::new();
    for (style, make) in styles {
        let export = make(&answers);
        let variants: Vec<(String, Writer)> = vec![
            ("xlsx".into(), Box::new(|p: &Path| write_xlsx(&export, p))),
            (
                "csv".into(),
                Box::new(|p: &Path| {
                    let (sep, enc) = match style {
                        "google_forms" => (b',', "utf-8"),
                        "kobotoolbox" => (b';', "utf-8-bom"),
                        "limesurvey" => (b';', "windows-1252"),
                        "qualtrics" => (b'\t', "utf-16le"),
                        _ => (b',', "utf-8-bom"),
                    };
                    write_csv(&export, p, sep, enc)
                }),
            ),
        ];
        for (ext, write) in &variants {
            // The style named in ola.yaml, then detected from the headers.
            for estilo in [Some(style), None] {
                let tmp = project(&export, &format!("export.{ext}"), estilo, write);
                let (got, problems) = read(tmp.path());
                for (k, v) in &want {
                    assert_eq!(got.get(k), Some(v), "{style} {ext}: {k}\n{problems}");
                }
                assert_eq!(got.len(), want.len(), "{style} {ext}");
                let run = ssme(tmp.path(), &["check"]);
                assert_eq!(run.code, 0, "{style} {ext}\n{}", run.stdout);
                let summary = run
                    .stdout
                    .lines()
                    .find(|l| l.starts_with("IX Ola"))
                    .unwrap()
                    .to_string();
                checked.push(format!(
                    "{style} {ext} {}: {summary}",
                    if estilo.is_some() {
                        "nombrado"
                    } else {
                        "detectado"
                    }
                ));
            }
        }
    }
    insta::assert_snapshot!("estilos_resumen", checked.join("\n"));
}
