//! `ssme template --ola 5` in a copy of the repository's data/: the new ola's config and blank
//! workbook (questions in Spanish as headers, the canonical fields in a hidden first row) are
//! accepted by `ssme check`, and so is the workbook once filled in, which `ssme build` publishes.

mod common;

use std::fs;
use std::path::Path;

use calamine::{open_workbook_auto, Reader};
use rust_xlsxwriter::Workbook;

use common::{base_project, copy_dir, sample, ssme};
use ssme::fields::FieldType;
use ssme::{OlaConfig, Project};

const BOOK: &str = "data/olas/5/respuestas-ola-5.xlsx";

/// The two rows of the template's «Respuestas» sheet, read back with calamine: the canonical
/// fields (hidden) and the questions.
fn header_rows(path: &Path) -> (Vec<String>, Vec<String>) {
    let mut wb = open_workbook_auto(path).unwrap();
    let range = wb.worksheet_range("Respuestas").unwrap();
    assert_eq!(
        range.height(),
        2,
        "the template has only its two header rows"
    );
    let mut rows = range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect::<Vec<_>>());
    (rows.next().unwrap(), rows.next().unwrap())
}

/// The answer of row `n` (1 or 2) to `field` as written in the workbook, or for a
/// one-column-per-option column whether `option` is chosen ("X").
fn answer(project: &Project, field_id: &str, option: Option<&str>, n: usize) -> Option<String> {
    let field = project.fields.get(field_id).unwrap();
    if let Some(option) = option {
        let position = field.valores.get_index_of(option).unwrap();
        // «ninguna» is exclusive: never marked with other options.
        let chosen = if n == 1 {
            position.is_multiple_of(2) && option != "ninguna"
        } else {
            position == 1
        };
        return chosen.then(|| "X".to_string());
    }
    let value = match field.tipo {
        FieldType::Texto => match field_id {
            "id" => format!("IC-V-{n:02}"),
            "nombre" => [
                "Clúster de Cacao de Santander",
                "Clúster de Software de Antioquia",
            ][n - 1]
                .to_string(),
            _ => format!("Respuesta {n} de {field_id}"),
        },
        FieldType::Email => format!("director{n}@iniciativa{n}.org.co"),
        FieldType::Departamento => ["Santander", "Antioquia"][n - 1].to_string(),
        // Canonical labels: the first answer in row 1, the last one in row 2.
        FieldType::Categoria => {
            let labels: Vec<&String> = field.valores.values().collect();
            if n == 1 {
                labels[0]
            } else {
                labels[labels.len() - 1]
            }
            .clone()
        }
        FieldType::Anio => "2022".to_string(),
        FieldType::Numero => ["1.234,5", "980"][n - 1].to_string(),
        FieldType::Entero => match field_id {
            "empresas_participantes" | "empresas_participantes_anterior" => "40",
            "empresas_activas" | "empresas_activas_anterior" => "20",
            "empresas_impactadas" | "empresas_impactadas_anterior" => "30",
            _ if field.grupo_conteo.is_some() => "10",
            _ => "12",
        }
        .to_string(),
        // Shares of a group add to 100: the first member takes what the others leave.
        FieldType::Porcentaje => match &field.grupo {
            Some(group) => {
                let members = &project.fields.share_groups()[group.as_str()];
                if members[0] == field_id {
                    format!("{}", 100 - 10 * (members.len() - 1))
                } else {
                    "10".to_string()
                }
            }
            None => ["45", "45 %"][n - 1].to_string(),
        },
        FieldType::Multiple => unreachable!("canonical columns have one column per option"),
    };
    Some(value)
}

#[test]
fn template_creates_an_ola_that_check_accepts_blank_and_filled() {
    let tmp = base_project();
    let root = tmp.path();
    copy_dir(&sample().join("data/olas"), &root.join("data/olas"));

    let run = ssme(root, &["template", "--ola", "5"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("✓ Ola 5 preparada en"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("ejecute `ssme check`"),
        "{}",
        run.stdout
    );

    // The config: defaults from the last olas (IV Ola, 2022, ssme-2022), canonical columns.
    let ola = OlaConfig::load(&root.join("data/olas/5/ola.yaml")).unwrap();
    assert_eq!(ola.numero, 5);
    assert_eq!(ola.etiqueta, "V Ola");
    assert_eq!(ola.anio, 2024);
    assert_eq!(ola.periodo, Some(2023));
    assert_eq!(ola.metodologia.as_deref(), Some("ssme-2022"));
    assert_eq!(ola.libro.as_deref(), Some("respuestas-ola-5.xlsx"));
    assert_eq!(ola.hoja.as_deref(), Some("Respuestas"));
    let book = root.join(BOOK);
    assert!(book.is_file());

    // Running again never overwrites the ola.
    let again = ssme(root, &["template", "--ola", "5"]);
    assert_eq!(again.code, 1);
    assert!(
        again.stderr.contains("no se sobrescribe una ola existente"),
        "{}",
        again.stderr
    );

    // The III and IV olas' workbooks are private (not in the repository): drop those olas so
    // that `check` reads only the summaries (I, II) and the new ola.
    fs::remove_dir_all(root.join("data/olas/3")).unwrap();
    fs::remove_dir_all(root.join("data/olas/4")).unwrap();
    let project = Project::load(root).unwrap();
    let canonical = ssme::ola_template::canonical_columns(&project, 2023);
    let (fields, headers) = header_rows(&book);
    // The canonical field of each column in the hidden row; the question, in Spanish, below.
    assert_eq!(
        fields,
        canonical
            .iter()
            .map(|c| c.campo.clone())
            .collect::<Vec<_>>()
    );
    assert_eq!(ola.fila_encabezado, 2);
    let at = |field: &str| &headers[fields.iter().position(|f| f == field).unwrap()];
    // Asked in the IV ola (periodo 2021) «en 2021»: the V ola (periodo 2023) asks «en 2023».
    assert_eq!(
        at("empresas_participantes"),
        "Número de empresas participantes en la iniciativa en 2023"
    );
    assert_eq!(
        at("empleos_anterior"),
        "Número de empleos generados por las empresas participantes en 2021"
    );
    assert_eq!(
        at("id"),
        "Código de la iniciativa (asignado por la Red Cluster Colombia)"
    );
    assert!(
        headers.iter().zip(&fields).all(|(h, f)| h != f),
        "no header is a field code: {headers:?}"
    );
    assert_eq!(
        headers,
        canonical
            .iter()
            .map(|c| c.encabezado.clone())
            .collect::<Vec<_>>()
    );
    assert_eq!(
        ola.columnas
            .iter()
            .map(|c| (&c.encabezado, &c.campo, &c.opcion))
            .collect::<Vec<_>>(),
        canonical
            .iter()
            .map(|c| (&c.encabezado, &c.campo, &c.opcion))
            .collect::<Vec<_>>()
    );

    let blank = ssme(root, &["check"]);
    assert_eq!(blank.code, 0, "{}", blank.stdout);
    assert!(
        blank.stdout.contains(&format!(
            "V Ola — {BOOK}: 0 iniciativas leídas, 0 error(es), 0 aviso(s)"
        )),
        "{}",
        blank.stdout
    );
    assert!(
        blank
            .stdout
            .contains("✓ Los datos son válidos (0 aviso(s))."),
        "{}",
        blank.stdout
    );

    // Fill it: same two header rows, two rows of valid answers, written over the template.
    let mut wb = Workbook::new();
    let sheet = wb.add_worksheet().set_name("Respuestas").unwrap();
    for (c, header) in headers.iter().enumerate() {
        sheet.write_string(0, c as u16, &fields[c]).unwrap();
        sheet.set_row_hidden(0).unwrap();
        sheet.write_string(1, c as u16, header).unwrap();
        let column = ola
            .columnas
            .iter()
            .find(|col| &col.encabezado == header)
            .unwrap();
        for n in 1..=2 {
            if let Some(value) = answer(&project, &column.campo, column.opcion.as_deref(), n) {
                sheet.write_string(n as u32 + 1, c as u16, value).unwrap();
            }
        }
    }
    wb.save(&book).unwrap();

    let filled = ssme(root, &["check"]);
    assert_eq!(filled.code, 0, "{}", filled.stdout);
    assert!(
        filled.stdout.contains(&format!(
            "V Ola — {BOOK}: 2 iniciativas leídas, 0 error(es), 0 aviso(s)"
        )),
        "{}",
        filled.stdout
    );
    assert!(
        !filled.stdout.contains(&root.display().to_string()),
        "{}",
        filled.stdout
    );

    // What was read: official department, canonical values, options in campos.yaml order.
    let read = ssme::validate::read(&project, project.ola(5).unwrap());
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    let [first, second] = &read.initiatives[..] else {
        panic!("two initiatives")
    };
    assert_eq!(first.id(), "IC-V-01");
    assert_eq!(second.name(), "Clúster de Software de Antioquia");
    assert_eq!(first.text("departamento"), Some("Santander"));
    assert_eq!(first.choice("macrosector"), Some("servicios"));
    assert_eq!(second.choice("macrosector"), Some("agroindustria"));
    assert_eq!(
        first.choices("barreras").unwrap(),
        ["financiacion", "participacion", "confianza"]
    );
    assert_eq!(second.choices("barreras").unwrap(), ["articulacion"]);
    assert_eq!(first.number("pct_intercluster"), Some(45.0));
    assert_eq!(second.number("pct_intercluster"), Some(45.0));
    assert_eq!(first.number("ventas"), Some(1234.5));

    // The filled draft builds (with the sample's site settings and texts).
    fs::copy(sample().join("ssme.yaml"), root.join("ssme.yaml")).unwrap();
    copy_dir(&sample().join("content"), &root.join("content"));
    let build = ssme(root, &["build", "--borradores"]);
    assert_eq!(build.code, 0, "{}{}", build.stdout, build.stderr);
    for step in [
        "Lectura y validación: 2 iniciativas, 0 aviso(s)",
        "Categorización: 2 iniciativas",
    ] {
        assert!(build.stdout.contains(step), "{}", build.stdout);
    }
}
