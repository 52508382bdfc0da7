//! Writes the workbooks that `tests/check.rs` feeds to `ssme check`:
//!
//! - `tests/fixtures/ola.yaml`: the ola (IX Ola, 2020) the fixtures are read with;
//! - `tests/fixtures/valid/respuestas.xlsx`: five valid initiatives in every accepted form;
//! - `tests/fixtures/valid/filas.json`: the same rows, read by `make_legacy.py` (ods and xls);
//! - `tests/fixtures/invalid/<caso>/respuestas.xlsx`: the valid rows with one problem each
//!   (`varios_errores` has three).
//!
//! Run with `cargo run --example make_fixtures`. The output is deterministic (fixed document
//! creation date), so re-running it leaves the committed files byte-identical.

use std::fs;
use std::path::Path;

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Formula, Workbook};
use serde_json::{json, Value as Json};

/// The ola config the fixtures are read with. Headers are the canonical field ids (as
/// `ssme template` writes them); `barreras` is a one-cell multi-select with ";" and
/// `impactos_empresariales` has one column per option.
const OLA_YAML: &str = r#"# Ola de prueba de tests/check.rs, escrita por `cargo run --example make_fixtures`.
# Un subconjunto de las columnas canónicas con todos los tipos de campo y los campos requeridos.
numero: 9
etiqueta: IX Ola
anio: 2020
periodo: 2019
metodologia: ssme-2020
libro: respuestas.xlsx
hoja: Respuestas
fila_encabezado: 1
columnas:
  - {encabezado: id, campo: id}
  - {encabezado: nombre, campo: nombre}
  - {encabezado: departamento, campo: departamento}
  - {encabezado: tipo_entidad, campo: tipo_entidad}
  - {encabezado: macrosector, campo: macrosector}
  - {encabezado: sector, campo: sector}
  - {encabezado: director_nombre, campo: director_nombre}
  - {encabezado: director_email, campo: director_email}
  - {encabezado: pct_intercluster, campo: pct_intercluster}
  - {encabezado: avance_general, campo: avance_general}
  - {encabezado: estrategia_documento, campo: estrategia_documento}
  - {encabezado: estrategia_anio, campo: estrategia_anio}
  - {encabezado: pct_act_fortalecimiento, campo: pct_act_fortalecimiento}
  - {encabezado: pct_act_entorno, campo: pct_act_entorno}
  - {encabezado: pct_act_relacionamiento, campo: pct_act_relacionamiento}
  - {encabezado: equipo_profesionales, campo: equipo_profesionales}
  - {encabezado: empresas_participantes, campo: empresas_participantes}
  - {encabezado: empresas_activas, campo: empresas_activas}
  - {encabezado: empresas_impactadas, campo: empresas_impactadas}
  - {encabezado: ventas, campo: ventas}
  - {encabezado: barreras, campo: barreras, separador: ";"}
  - {encabezado: "impactos_empresariales [Capacitación del talento humano]", campo: impactos_empresariales, opcion: capacitacion}
  - {encabezado: "impactos_empresariales [I+D+i y desarrollo de productos o servicios]", campo: impactos_empresariales, opcion: idi}
  - {encabezado: "impactos_empresariales [Inteligencia de mercado y vigilancia tecnológica]", campo: impactos_empresariales, opcion: mercado}
  - {encabezado: "impactos_empresariales [Mejora en la productividad]", campo: impactos_empresariales, opcion: productividad}
  - {encabezado: "impactos_empresariales [Diversificación de negocio]", campo: impactos_empresariales, opcion: diversificacion}
  - {encabezado: "impactos_empresariales [Acceso a mercados internacionales]", campo: impactos_empresariales, opcion: internacional}
# Texto exportado por el formulario → valor canónico (las etiquetas canónicas se aceptan siempre).
respuestas:
  tipo_entidad:
    "Corporación / Asociación / Privado": corporacion
"#;

/// Headers of the workbook, in column order (A, B, …), as in `OLA_YAML`.
const HEADERS: [&str; 27] = [
    "id",
    "nombre",
    "departamento",
    "tipo_entidad",
    "macrosector",
    "sector",
    "director_nombre",
    "director_email",
    "pct_intercluster",
    "avance_general",
    "estrategia_documento",
    "estrategia_anio",
    "pct_act_fortalecimiento",
    "pct_act_entorno",
    "pct_act_relacionamiento",
    "equipo_profesionales",
    "empresas_participantes",
    "empresas_activas",
    "empresas_impactadas",
    "ventas",
    "barreras",
    "impactos_empresariales [Capacitación del talento humano]",
    "impactos_empresariales [I+D+i y desarrollo de productos o servicios]",
    "impactos_empresariales [Inteligencia de mercado y vigilancia tecnológica]",
    "impactos_empresariales [Mejora en la productividad]",
    "impactos_empresariales [Diversificación de negocio]",
    "impactos_empresariales [Acceso a mercados internacionales]",
];

/// Columns written with a percent number format (their numbers are fractions: 0,45 = 45 %).
const PERCENT_FORMATTED: [&str; 1] = ["avance_general"];

#[derive(Clone, Debug)]
enum Cell {
    Empty,
    Num(f64),
    Text(String),
    /// A formula whose cached result is an Excel error ("#DIV/0!", "#N/A", …).
    Error(&'static str, &'static str),
}

use Cell::{Empty, Num};

fn t(s: &str) -> Cell {
    Cell::Text(s.to_string())
}

#[derive(Clone)]
struct Sheet {
    name: String,
    headers: Vec<String>,
    rows: Vec<Vec<Cell>>,
}

impl Sheet {
    /// Sets the cell of `header` in spreadsheet row `row` (1-based; data starts at row 2).
    fn set(&mut self, row: usize, header: &str, cell: Cell) -> &mut Self {
        let col = self.col(header);
        self.rows[row - 2][col] = cell;
        self
    }

    fn col(&self, header: &str) -> usize {
        self.headers
            .iter()
            .position(|h| h == header)
            .unwrap_or_else(|| panic!("no column {header}"))
    }

    fn drop_column(&mut self, header: &str) -> &mut Self {
        let col = self.col(header);
        self.headers.remove(col);
        for row in &mut self.rows {
            row.remove(col);
        }
        self
    }
}

/// Five valid initiatives (rows 2–6) in the accepted forms: percentages as 45, "45 %" and
/// fractions in a percent-formatted column; departments in any case/accents and aliases;
/// answers in any case/accents, canonical ids and the ola's export texts; Colombian number
/// text ("1.234", "$ 2.000", "1.234,5"); multi-select in one cell and one column per option;
/// one unanswered optional question (F4, sector).
fn valid() -> Sheet {
    let x = || t("X");
    let rows = vec![
        vec![
            t("IC-001"),
            t("Cluster de Software de Bogotá"),
            t("bogota d.c."),
            t("Cámara de Comercio"),
            t("Servicios"),
            t("Software y TI"),
            t("Ana Gómez"),
            t("ana.gomez@ccb.org.co"),
            Num(45.0),
            Num(0.45),
            t("Sí"),
            Num(2019.0),
            Num(40.0),
            Num(30.0),
            Num(30.0),
            Num(3.0),
            Num(50.0),
            Num(30.0),
            Num(40.0),
            Num(1234.5),
            t("Financiación / recursos; Confianza entre los empresarios"),
            x(),
            x(),
            Empty,
            Empty,
            Empty,
            Empty,
        ],
        vec![
            t("IC-002"),
            t("Clúster de Turismo del Valle"),
            t("Valle"),
            t("corporación / asociación / privado"),
            t("servicios"),
            t("Turismo"),
            t("Juan Pérez"),
            t("juan.perez@turismovalle.co"),
            t("45 %"),
            Num(0.8),
            t("si"),
            Num(2018.0),
            t("50 %"),
            t("25 %"),
            t("25 %"),
            t("5"),
            t("1.234"),
            Num(400.0),
            Num(1000.0),
            t("$ 2.000"),
            t("articulacion"),
            t("x"),
            Empty,
            t("Sí"),
            Empty,
            Empty,
            Empty,
        ],
        vec![
            t("IC-003"),
            t("Clúster Lácteo de Antioquia"),
            t("ANTIOQUIA"),
            t("UNIVERSIDAD"),
            t("AGROINDUSTRIA"),
            Empty,
            t("María Restrepo"),
            t("maria.restrepo@udea.edu.co"),
            t("30,5 %"),
            Num(1.0),
            t("SI"),
            Num(2020.0),
            Num(33.3),
            Num(33.3),
            Num(33.4),
            Num(0.0),
            Num(20.0),
            Num(20.0),
            Num(15.0),
            t("1.234,5"),
            t("OTRA"),
            Empty,
            Empty,
            Empty,
            Num(1.0),
            Empty,
            t("no"),
        ],
        vec![
            t("IC-004"),
            t("Clúster de Frutas del Atlántico"),
            t("atlantico"),
            t("camara_comercio"),
            t("Agroindustria "),
            t("Frutas"),
            t("Carlos Díaz"),
            t("carlos.diaz@camarabaq.org.co"),
            Num(0.0),
            Num(0.0),
            t("No"),
            Num(2017.0),
            Num(60.0),
            Num(20.0),
            Num(20.0),
            Num(2.0),
            Num(35.0),
            Num(10.0),
            Num(35.0),
            Num(0.0),
            t("participación de empresas;compromiso de los participantes"),
            Empty,
            Empty,
            Empty,
            Empty,
            Empty,
            Empty,
        ],
        vec![
            t("IC-005"),
            t("Clúster de Moda de Bogotá"),
            t("Santafé de Bogotá"),
            t("Entidad publica"),
            t("Manufactura"),
            t("Sistema moda"),
            t("Lucía Fernández"),
            t("lucia.fernandez@bogota.gov.co"),
            Num(100.0),
            Num(0.625),
            t("no"),
            Num(2016.0),
            Num(100.0),
            Num(0.0),
            Num(0.0),
            Num(4.0),
            Num(12.0),
            Num(12.0),
            Num(0.0),
            Num(87.25),
            t("Financiacion / Recursos"),
            x(),
            x(),
            x(),
            x(),
            x(),
            x(),
        ],
    ];
    Sheet {
        name: "Respuestas".into(),
        headers: HEADERS.iter().map(|h| h.to_string()).collect(),
        rows,
    }
}

/// Each invalid case: the valid rows with one problem (the cell is named in tests/check.rs).
fn invalid_cases() -> Vec<(&'static str, Sheet)> {
    let case = |f: &dyn Fn(&mut Sheet)| {
        let mut s = valid();
        f(&mut s);
        s
    };
    vec![
        (
            "texto_en_numero",
            case(&|s| {
                s.set(3, "equipo_profesionales", t("cinco"));
            }),
        ),
        (
            "porcentaje_fuera_de_rango",
            case(&|s| {
                s.set(4, "pct_intercluster", Num(120.0));
            }),
        ),
        (
            "porcentajes_no_suman_100",
            case(&|s| {
                s.set(5, "pct_act_relacionamiento", Num(10.0));
            }),
        ),
        (
            "conteo_negativo",
            case(&|s| {
                s.set(5, "equipo_profesionales", Num(-3.0));
            }),
        ),
        (
            "conteo_decimal",
            case(&|s| {
                s.set(6, "empresas_participantes", Num(12.5));
            }),
        ),
        (
            "activas_mayor_que_participantes",
            case(&|s| {
                s.set(2, "empresas_activas", Num(60.0));
            }),
        ),
        (
            "impactadas_mayor_que_participantes",
            case(&|s| {
                s.set(4, "empresas_impactadas", Num(25.0));
            }),
        ),
        (
            "departamento_desconocido",
            case(&|s| {
                s.set(3, "departamento", t("Bogota"));
            }),
        ),
        (
            "respuesta_desconocida",
            case(&|s| {
                s.set(4, "macrosector", t("Minería"));
            }),
        ),
        (
            "opcion_desconocida",
            case(&|s| {
                s.set(3, "barreras", t("articulacion; Corrupción"));
            }),
        ),
        (
            "id_duplicado",
            case(&|s| {
                s.set(6, "id", t("IC-002"));
            }),
        ),
        (
            "celda_con_error",
            case(&|s| {
                s.set(4, "ventas", Cell::Error("=1/0", "#DIV/0!"));
            }),
        ),
        (
            "columna_faltante",
            case(&|s| {
                s.drop_column("ventas");
            }),
        ),
        ("hoja_faltante", case(&|s| s.name = "Hoja1".into())),
        (
            "correo_invalido",
            case(&|s| {
                s.set(3, "director_email", t("juan.perez@turismovalle"));
            }),
        ),
        (
            "correo_faltante",
            case(&|s| {
                s.set(5, "director_email", Empty);
            }),
        ),
        (
            "anio_futuro",
            case(&|s| {
                s.set(2, "estrategia_anio", Num(2022.0));
            }),
        ),
        (
            "varios_errores",
            case(&|s| {
                s.set(2, "departamento", t("Bogota"))
                    .set(4, "equipo_profesionales", t("cinco"))
                    .set(6, "director_email", t("sin correo"));
            }),
        ),
        // An Excel error in a one-column-per-option cell (see the ignored test in check.rs).
        (
            "error_en_opcion",
            case(&|s| {
                s.set(
                    4,
                    "impactos_empresariales [Mejora en la productividad]",
                    Cell::Error("=NA()", "#N/A"),
                );
            }),
        ),
    ]
}

fn write_xlsx(sheet: &Sheet, path: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let mut wb = Workbook::new();
    wb.set_properties(
        &DocProperties::new()
            .set_creation_datetime(&ExcelDateTime::from_ymd(2020, 11, 25)?)
            .set_title("SSME — respuestas de prueba"),
    );
    let bold = Format::new().set_bold();
    let percent = Format::new().set_num_format("0%");
    let ws = wb.add_worksheet().set_name(&sheet.name)?;
    for (c, h) in sheet.headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, &bold)?;
    }
    for (r, row) in sheet.rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let in_percent = PERCENT_FORMATTED.contains(&sheet.headers[c].as_str());
            let c = c as u16;
            match cell {
                Cell::Empty => {}
                Cell::Num(x) if in_percent => {
                    ws.write_number_with_format(r, c, *x, &percent)?;
                }
                Cell::Num(x) => {
                    ws.write_number(r, c, *x)?;
                }
                Cell::Text(s) => {
                    ws.write_string(r, c, s)?;
                }
                Cell::Error(formula, result) => {
                    ws.write_formula(r, c, Formula::new(*formula).set_result(*result))?;
                }
            }
        }
    }
    fs::create_dir_all(path.parent().expect("fixture paths have a parent"))?;
    wb.save(path)?;
    Ok(())
}

/// The rows as JSON for `make_legacy.py`: numbers, strings and null for empty cells.
fn rows_json(sheet: &Sheet) -> Json {
    let rows: Vec<Json> = sheet
        .rows
        .iter()
        .map(|row| {
            row.iter()
                .map(|c| match c {
                    Cell::Empty => Json::Null,
                    Cell::Num(x) => json!(x),
                    Cell::Text(s) => json!(s),
                    Cell::Error(..) => unreachable!("the valid rows have no errors"),
                })
                .collect()
        })
        .collect();
    json!({
        "hoja": sheet.name,
        "encabezados": sheet.headers,
        "formato_porcentaje": PERCENT_FORMATTED,
        "filas": rows,
    })
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures");
    fs::create_dir_all(&root)?;
    fs::write(root.join("ola.yaml"), OLA_YAML)?;

    let valid = valid();
    write_xlsx(&valid, &root.join("valid").join("respuestas.xlsx"))?;
    fs::write(
        root.join("valid").join("filas.json"),
        serde_json::to_string_pretty(&rows_json(&valid))? + "\n",
    )?;

    for (name, sheet) in invalid_cases() {
        write_xlsx(
            &sheet,
            &root.join("invalid").join(name).join("respuestas.xlsx"),
        )?;
    }
    let not_a_book = root.join("invalid").join("no_es_libro");
    fs::create_dir_all(&not_a_book)?;
    fs::write(
        not_a_book.join("respuestas.xlsx"),
        "id;nombre;departamento\nIC-001;Cluster de Software de Bogotá;Bogotá D.C.\n",
    )?;
    println!("fixtures escritos en {}", root.display());
    Ok(())
}
