//! Blank is «sin dato», never "no" and never 0: multi-select questions left blank in either
//! export style, an ola where nobody answered a question (no section, one warning), the
//! completeness rule on the site, and the sample notice only where the project says so. Real
//! workbooks written by rust_xlsxwriter and `ssme template`; the real binary builds the site.

mod common;

use std::path::Path;

use common::{base_project, copy_project, sample, ssme};
use rust_xlsxwriter::Workbook;
use ssme::fields::FieldType;
use ssme::{OlaConfig, Project, Value};

/// A small ola (IX Ola) with both export styles of a multi-select: barreras in one cell,
/// impactos_empresariales one column per option.
const OLA_YAML: &str = r#"numero: 9
etiqueta: IX Ola
anio: 2020
periodo: 2019
metodologia: ssme-2020
libro: respuestas.xlsx
hoja: Respuestas
columnas:
  - {encabezado: id, campo: id}
  - {encabezado: nombre, campo: nombre}
  - {encabezado: departamento, campo: departamento}
  - {encabezado: macrosector, campo: macrosector}
  - {encabezado: director_nombre, campo: director_nombre}
  - {encabezado: director_email, campo: director_email}
  - {encabezado: barreras, campo: barreras, separador: ";"}
  - {encabezado: "impactos [capacitacion]", campo: impactos_empresariales, opcion: capacitacion}
  - {encabezado: "impactos [idi]", campo: impactos_empresariales, opcion: idi}
"#;

fn write_rows(path: &Path, rows: &[[&str; 9]]) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Respuestas").unwrap();
    let headers = [
        "id",
        "nombre",
        "departamento",
        "macrosector",
        "director_nombre",
        "director_email",
        "barreras",
        "impactos [capacitacion]",
        "impactos [idi]",
    ];
    for (c, h) in headers.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                ws.write_string(r as u32 + 1, c as u16, *v).unwrap();
            }
        }
    }
    wb.save(path).unwrap();
}

fn ola_project(rows: &[[&str; 9]]) -> tempfile::TempDir {
    let tmp = base_project();
    let dir = tmp.path().join("data/olas/9");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("ola.yaml"), OLA_YAML).unwrap();
    write_rows(&dir.join("respuestas.xlsx"), rows);
    tmp
}

fn row<'a>(id: &'a str, barreras: &'a str, cap: &'a str, idi: &'a str) -> [&'a str; 9] {
    [
        id,
        "Clúster de prueba",
        "Bogotá D.C.",
        "Servicios",
        "Ana Gómez",
        "ana@example.org",
        barreras,
        cap,
        idi,
    ]
}

#[test]
fn a_blank_multi_select_is_sin_dato_in_both_export_styles() {
    let tmp = ola_project(&[
        row("IC-1", "Financiación / recursos; Otra", "X", ""),
        // Nothing at all: the question is unanswered, in one cell and in option columns.
        row("IC-2", "", "", ""),
        // An explicit answer of none: «ninguna» in one cell, "No" in every option column.
        row("IC-3", "No enfrentó barreras", "No", "No"),
    ]);
    let project = Project::load(tmp.path()).unwrap();
    let read = ssme::workbook::read(&project, project.ola(9).unwrap());
    assert!(
        read.problems.iter().all(|p| !p.is_error()),
        "{:?}",
        read.problems
    );
    let [answered, blank, none] = &read.initiatives[..] else {
        panic!("three initiatives")
    };
    assert_eq!(
        answered.choices("barreras").unwrap(),
        ["financiacion", "otra"]
    );
    assert_eq!(
        answered.choices("impactos_empresariales").unwrap(),
        ["capacitacion"]
    );
    assert!(!blank.has("barreras"), "{:?}", blank.values);
    assert!(!blank.has("impactos_empresariales"), "{:?}", blank.values);
    assert_eq!(none.choices("barreras").unwrap(), ["ninguna"]);
    assert_eq!(
        none.values.get("impactos_empresariales"),
        Some(&Value::Choices(vec![]))
    );
    // The unanswered cells are reported as «sin dato», each column once.
    let warnings: Vec<String> = read.problems.iter().map(|p| p.to_string()).collect();
    for col in ["columna G", "columna H"] {
        assert_eq!(
            warnings
                .iter()
                .filter(|w| w.contains(col) && w.contains("(filas 3)"))
                .count(),
            1,
            "{warnings:#?}"
        );
    }
}

#[test]
fn none_marked_with_other_options_is_an_error_naming_the_cell() {
    let tmp = ola_project(&[row("IC-1", "No enfrentó barreras; Otra", "X", "")]);
    let run = ssme(tmp.path(), &["check"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout.lines().any(|l| l.starts_with("error: ")
            && l.contains("Respuestas › G2")
            && l.contains("«ninguna» se marcó junto con otras opciones")),
        "{}",
        run.stdout
    );
}

/// A canonical answer for a template column; None leaves the cell blank.
fn answer(project: &Project, field_id: &str, option: Option<&str>, n: usize) -> Option<String> {
    let field = project.fields.get(field_id).unwrap();
    if let Some(option) = option {
        return (field.valores.get_index_of(option) == Some(n % 2)).then(|| "X".into());
    }
    Some(match field.tipo {
        FieldType::Texto => format!("Respuesta {n} de {field_id}"),
        FieldType::Email => format!("director{n}@iniciativa{n}.org.co"),
        FieldType::Departamento => ["Santander", "Antioquia", "Caldas"][n % 3].into(),
        FieldType::Categoria => {
            let labels: Vec<&String> = field.valores.values().collect();
            labels[n % labels.len()].clone()
        }
        FieldType::Anio => "2022".into(),
        FieldType::Numero => "980".into(),
        FieldType::Entero => match field_id {
            f if f.starts_with("empresas_participantes") => "40".into(),
            _ => "10".into(),
        },
        FieldType::Porcentaje => match &field.grupo {
            Some(group) => {
                let members = &project.fields.share_groups()[group.as_str()];
                if members[0] == field_id {
                    format!("{}", 100 - 10 * (members.len() - 1))
                } else {
                    "10".into()
                }
            }
            None => "45".into(),
        },
        FieldType::Multiple => unreachable!("canonical columns have one column per option"),
    })
}

#[test]
fn a_question_nobody_answered_has_no_section_and_one_warning() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    copy_project(root);
    let made = ssme(root, &["template", "--ola", "5", "--anio", "2024"]);
    assert_eq!(made.code, 0, "{}{}", made.stdout, made.stderr);
    let project = Project::load(root).unwrap();
    let dir = root.join("data/olas/5");
    let ola = OlaConfig::load(&dir.join("ola.yaml")).unwrap();
    let book = dir.join(ola.libro.as_deref().unwrap());
    // Four initiatives answer everything but the barriers and the economic emergency; a fifth
    // only identifies itself, below the completeness rule.
    let skipped = |f: &str| f == "barreras" || f.starts_with("emergencia_");
    let identity = [
        "id",
        "nombre",
        "departamento",
        "macrosector",
        "director_nombre",
        "director_email",
    ];
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Respuestas").unwrap();
    for (c, col) in ola.columnas.iter().enumerate() {
        // The template's header row (its hidden first row of field codes is not needed).
        let header = ola.fila_encabezado - 1;
        ws.write_string(header, c as u16, &col.encabezado).unwrap();
        for n in 1..=5 {
            if skipped(&col.campo) || (n == 5 && !identity.contains(&col.campo.as_str())) {
                continue;
            }
            let id = format!("IC-V-{n:02}");
            let value = match col.campo.as_str() {
                "id" => Some(id),
                "nombre" => Some(format!("Clúster número {n}")),
                _ => answer(&project, &col.campo, col.opcion.as_deref(), n),
            };
            if let Some(v) = value {
                ws.write_string(header + n as u32, c as u16, v).unwrap();
            }
        }
    }
    wb.save(&book).unwrap();

    let check = ssme(root, &["check"]);
    assert_eq!(check.code, 0, "{}", check.stdout);
    let about = |field: &str| {
        check
            .stdout
            .lines()
            .filter(|l| l.contains("V Ola") || l.contains("respuestas-ola-5"))
            .filter(|l| l.contains(&format!("«{field}»")))
            .count()
    };
    // One warning per unanswered question, not one per option column or per cell.
    for field in ["barreras", "emergencia_iniciativa", "emergencia_acciones"] {
        assert_eq!(about(field), 1, "{field}\n{}", check.stdout);
    }
    assert!(
        check
            .stdout
            .contains("ninguna iniciativa respondió «barreras»"),
        "{}",
        check.stdout
    );

    // The thin initiative is listed with its empty cells, once.
    let listed: Vec<&str> = check
        .stdout
        .lines()
        .filter(|l| l.contains("«IC-V-05» no se categoriza"))
        .collect();
    assert_eq!(listed.len(), 1, "{}", check.stdout);
    assert!(
        listed[0].contains("tiene dato en 0 de 18 variables"),
        "{}",
        listed[0]
    );

    // `ssme template` marks the new ola as a draft: built here with `--borradores`.
    let built = ssme(root, &["build", "--cards", "--borradores", "--quiet"]);
    assert_eq!(built.code, 0, "{}{}", built.stdout, built.stderr);
    // Counted apart on the site, and out of every figure of the ola.
    let method = std::fs::read_to_string(root.join("output/sitio/ola-5/metodologia.html")).unwrap();
    assert!(method.contains("iniciativas categorizadas"), "{method}");
    assert!(method.contains("iniciativas no categorizadas"), "{method}");
    let home = std::fs::read_to_string(root.join("output/sitio/ola-5/index.html")).unwrap();
    assert!(
        home.contains(
            r#"<span class="valor">4</span> <span class="etiqueta">iniciativas cluster</span>"#
        ),
        "4 initiatives in the headline:\n{home}"
    );
    // Its card says what is missing instead of a score and a rank.
    let cards = root.join("output/privado/ola-5/fichas");
    let card = std::fs::read_dir(&cards)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.extension().is_some_and(|e| e == "html")
                && p.file_name().unwrap().to_string_lossy().contains("05")
        })
        .expect("the card of IC-V-05");
    let card = std::fs::read_to_string(card).unwrap();
    assert!(
        card.contains("No categorizada: tiene dato en 0 de 18 variables"),
        "{card}"
    );
    assert!(
        !card.contains("puesto "),
        "no rank for a card without a score"
    );
    let page =
        |name: &str| std::fs::read_to_string(root.join("output/sitio/ola-5").join(name)).unwrap();
    let d1 = page("dimension-1.html");
    assert!(
        d1.contains("Participación y colaboración"),
        "dimension 1 built"
    );
    assert!(!d1.contains("Barreras"), "no barriers section:\n{d1}");
    assert!(!d1.contains("reporta barreras"));
    let d3 = page("dimension-3.html");
    assert!(!d3.contains("Emergencia"), "no emergency section");
}

fn all_html(dir: &Path) -> Vec<(String, String)> {
    walk(dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .map(|p| {
            (
                p.display().to_string(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect()
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn the_sample_notice_comes_only_from_the_project_settings() {
    const NOTICE: &str = "Datos sintéticos de muestra";
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    copy_project(root);
    assert!(std::fs::read_to_string(sample().join("ssme.yaml"))
        .unwrap()
        .contains("muestra: true"));
    for marked in [true, false] {
        if !marked {
            std::fs::remove_file(root.join("ssme.yaml")).unwrap();
        }
        let run = ssme(root, &["build", "--quiet"]);
        assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
        let cards = ssme(root, &["cards", "--ola", "3", "--initiative", "IC-0001"]);
        assert_eq!(cards.code, 0, "{}{}", cards.stdout, cards.stderr);
        let site = all_html(&root.join("output/sitio"));
        let fichas = all_html(&root.join("output/privado/ola-3/fichas"));
        let card = fichas
            .iter()
            .find(|(p, _)| p.contains("IC-0001") || p.contains("ic-0001"))
            .expect("the card of IC-0001");
        // The footer of every page and the card: the notice only for a sample project.
        let page = site
            .iter()
            .find(|(p, _)| p.ends_with("ola-3/dimension-1.html"))
            .unwrap();
        assert_eq!(page.1.contains(NOTICE), marked, "{}", page.0);
        assert_eq!(card.1.contains(NOTICE), marked, "{}", card.0);
        if marked {
            // Options an ola's questionnaire did not offer are no 0 % bars: the IV ola has no
            // column for «Conexiones intercluster», the III ola no answer text for
            // «Reactivación de la economía».
            let text =
                |rel: &str| std::fs::read_to_string(root.join("output/sitio").join(rel)).unwrap();
            assert!(text("ola-3/dimension-1.html").contains("Conexiones intercluster"));
            assert!(!text("ola-4/dimension-1.html").contains("Conexiones intercluster"));
            assert!(text("ola-4/dimension-3.html").contains("Reactivación de la economía"));
            assert!(!text("ola-3/dimension-2.html").contains("Reactivación de la economía"));
        } else {
            for (path, html) in site.iter().chain(&fichas) {
                // The welcome text of the bundled content speaks of the sample in prose; the
                // notice itself is the footer sentence.
                assert!(
                    !html.contains("Datos sintéticos de muestra: reproducen"),
                    "{path}"
                );
            }
        }
    }
}
