//! Writes the canonical fixture that `tests/estilos.rs` rewrites in every form tool's layout:
//!
//! - `tests/fixtures/estilos/ola.yaml`: the ola (IX Ola, 2020) with every field the 18
//!   variables use, headers as the canonical field ids;
//! - `tests/fixtures/estilos/respuestas.xlsx`: 20 initiatives whose answers reach every level of
//!   every variable somewhere, with blanks, and multi-selects answered with none («No enfrentó
//!   barreras»), one and several options or left blank;
//! - `tests/fixtures/estilos/filas.json`: the same rows, for the tests that rewrite them.
//!
//! Run with `cargo run --example make_estilos`. The answers follow a fixed formula and the
//! document date is fixed, so re-running it leaves the committed files byte-identical.

use std::fs;
use std::path::Path;

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};
use serde_json::{json, Value as Json};

const INITIATIVES: usize = 20;

/// The ola the styles map to (the `respuestas:` section is reused by every style's ola.yaml).
const OLA_HEAD: &str =
    "# Ola canónica de tests/estilos.rs, escrita por `cargo run --example make_estilos`.
# Todos los campos que usan las 18 variables; encabezados = campos canónicos.
numero: 9
etiqueta: IX Ola
anio: 2020
periodo: 2019
metodologia: ssme-2020
libro: respuestas.xlsx
hoja: Respuestas
fila_encabezado: 1
columnas:
";

const OLA_TAIL: &str = "# Texto exportado por el formulario → valor canónico (las etiquetas canónicas se aceptan siempre).
respuestas:
  tipo_entidad:
    \"Corporación / Asociación / Privado\": corporacion
";

/// Scalar columns in order; a variable's fields take that variable's level for the row.
const SCALARS: [&str; 37] = [
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
    "pct_estrategia_empresas",
    "plan_accion",
    "empresas_participantes",
    "empresas_activas",
    "empresas_impactadas",
    "empresas_medianas",
    "empresas_grandes",
    "asamblea_general",
    "consejo_asesor",
    "gerente",
    "equipo_profesionales",
    "mesas_trabajo",
    "pct_act_fortalecimiento",
    "pct_act_entorno",
    "pct_act_relacionamiento",
    "colaboracion",
    "pct_operativa_publicos",
    "pct_operativa_privados",
    "pct_operativa_empresas",
    "pct_proyectos_publicos",
    "pct_proyectos_privados",
    "pct_proyectos_empresas",
    "sostenibilidad_meses",
    "ventas",
    "barreras",
];

/// impactos_empresariales, one column per option: (option id, label).
const IMPACTOS: [(&str, &str); 6] = [
    ("capacitacion", "Capacitación del talento humano"),
    ("idi", "I+D+i y desarrollo de productos o servicios"),
    (
        "mercado",
        "Inteligencia de mercado y vigilancia tecnológica",
    ),
    ("productividad", "Mejora en la productividad"),
    ("diversificacion", "Diversificación de negocio"),
    ("internacional", "Acceso a mercados internacionales"),
];

/// Written with a percent number format (their numbers are fractions: 0,45 = 45 %).
const PERCENT_FORMATTED: [&str; 1] = ["avance_general"];

const BARRERAS: [&str; 6] = [
    "Financiación / recursos",
    "Articulación entre actores",
    "Participación de empresas",
    "Compromiso de los participantes",
    "Confianza entre los empresarios",
    "Otra",
];

const PLACES: [(&str, &str, &str, &str); INITIATIVES] = [
    ("Software", "Bogotá D.C.", "servicios", "Software y TI"),
    ("Turismo", "Valle del Cauca", "servicios", "Turismo"),
    ("Lácteo", "Antioquia", "agroindustria", "Lácteos"),
    ("Frutas", "atlantico", "agroindustria", "Frutas"),
    ("Moda", "bogota d.c.", "manufactura", "Sistema moda"),
    ("Café", "Huila", "agroindustria", "Café"),
    ("Cacao", "Santander", "agroindustria", "Cacao"),
    ("Energía", "Cesar", "servicios", "Energía"),
    ("Salud", "Risaralda", "servicios", "Salud"),
    ("Cuero", "Bolívar", "manufactura", "Cuero y calzado"),
    ("Metalmecánica", "Caldas", "manufactura", "Metalmecánica"),
    ("Logística", "Magdalena", "servicios", "Logística"),
    ("Flores", "Cundinamarca", "agroindustria", "Flores"),
    ("Construcción", "Nariño", "manufactura", "Construcción"),
    ("Belleza", "Quindío", "manufactura", "Cosméticos"),
    ("Pesca", "La Guajira", "agroindustria", "Pesca"),
    ("Música", "Cauca", "servicios", "Industrias creativas"),
    ("Panela", "Boyacá", "agroindustria", "Panela"),
    ("Plásticos", "Tolima", "manufactura", "Plásticos"),
    ("Aguacate", "Meta", "agroindustria", "Aguacate"),
];

const ENTITIES: [&str; 5] = [
    "Cámara de Comercio",
    "Corporación / Asociación / Privado",
    "Universidad",
    "Entidad pública",
    "Agencia de desarrollo",
];

/// Canonical labels of a categorical variable's answers, Nivel 1 to 3.
fn labels(field: &str) -> [&'static str; 3] {
    match field {
        "plan_accion" => [
            "No contó con plan de acción",
            "Plan de acción escrito que no se actualiza anualmente",
            "Plan de acción escrito que se actualiza anualmente",
        ],
        "asamblea_general" => [
            "No existió",
            "Existió y no se reunió en el periodo",
            "Existió y se reunió al menos una vez en el periodo",
        ],
        "consejo_asesor" => [
            "No existió",
            "Existió sin reunirse con periodicidad",
            "Existió y se reunió con periodicidad según su documento formal",
        ],
        "gerente" => [
            "No hubo director o gerente dedicado",
            "Director o gerente sin dedicación total ni funciones formales",
            "Director o gerente dedicado 100 % con funciones formales",
        ],
        "mesas_trabajo" => [
            "No existieron",
            "Funcionaban de manera informal",
            "Formalmente establecidas mediante actas",
        ],
        "colaboracion" => [
            "No hubo colaboración espontánea",
            "La colaboración dependió del director",
            "Colaboración espontánea entre los actores",
        ],
        other => panic!("{other} is not categorical"),
    }
}

/// The level (1–3) row `i` gives variable `k`: the first three rows are all Nivel 3, 1 and 2
/// (so every overall level appears); the rest mix levels by a fixed formula.
fn level(i: usize, k: usize) -> usize {
    match i {
        0 => 3,
        1 => 1,
        2 => 2,
        _ => (i * 7 + k * (i % 5 + 1) + i / 3) % 3 + 1,
    }
}

/// Optional answers left blank: a few per row from the fourth on, and most of the last row.
fn blank(i: usize, k: usize) -> bool {
    (i >= 3 && (i * 3 + k * 5).is_multiple_of(13)) || (i == INITIATIVES - 1 && !k.is_multiple_of(4))
}

#[derive(Clone)]
enum Cell {
    Empty,
    Num(f64),
    Text(String),
}

fn t(s: &str) -> Cell {
    Cell::Text(s.to_string())
}

fn n(x: f64) -> Cell {
    Cell::Num(x)
}

/// The cells of one variable's fields for level `l` (row `i`, participants `p`).
fn variable(field: &str, l: usize, i: usize, p: f64) -> Cell {
    let pick = |a: f64, b: f64, c: f64| n([a, b, c][l - 1]);
    match field {
        "pct_intercluster" => pick(10.0, 50.0, 90.0),
        "avance_general" => pick(0.15, 0.5, 0.875),
        "estrategia_documento" => t(["No", "Sí", "Sí"][l - 1]),
        "estrategia_anio" => pick(2015.0, 2012.0 + (i % 3) as f64, 2018.0 + (i % 3) as f64),
        "pct_estrategia_empresas" => pick(20.0, 55.5, 90.0),
        "empresas_activas" => pick((p * 0.4).round(), (p * 0.7).round(), (p * 0.9).round()),
        "empresas_impactadas" => pick((p * 0.1).round(), (p * 0.4).round(), (p * 0.8).round()),
        "empresas_medianas" => pick(0.0, 1.0, 3.0),
        "empresas_grandes" => pick(0.0, 0.0, 2.0),
        "equipo_profesionales" => pick(0.0, 1.0, 5.0),
        "pct_act_fortalecimiento" => pick(50.0, 30.0, 20.0),
        "pct_act_entorno" => pick(30.0, 30.0, 20.0),
        "pct_act_relacionamiento" => pick(20.0, 40.0, 60.0),
        "pct_operativa_publicos" => pick(90.0, 50.0, 10.0),
        "pct_operativa_privados" => pick(5.0, 25.0, 40.0),
        "pct_operativa_empresas" => pick(5.0, 25.0, 50.0),
        "pct_proyectos_publicos" => pick(80.0, 25.0, 5.0),
        "pct_proyectos_privados" => pick(10.0, 25.0, 5.0),
        "pct_proyectos_empresas" => pick(10.0, 50.0, 90.0),
        "sostenibilidad_meses" => pick(6.0, 18.0, 36.0),
        f => t(labels(f)[l - 1]),
    }
}

/// The variable (its index, for `level`) each scored field belongs to.
fn variable_of(field: &str) -> Option<usize> {
    let groups: [&[&str]; 18] = [
        &["pct_intercluster"],
        &["avance_general"],
        &["estrategia_documento", "estrategia_anio"],
        &["pct_estrategia_empresas"],
        &["plan_accion"],
        &["empresas_activas"],
        &["empresas_medianas", "empresas_grandes"],
        &["asamblea_general"],
        &["consejo_asesor"],
        &["gerente"],
        &["equipo_profesionales"],
        &["mesas_trabajo"],
        &[
            "pct_act_fortalecimiento",
            "pct_act_entorno",
            "pct_act_relacionamiento",
        ],
        &["colaboracion"],
        &[
            "pct_operativa_publicos",
            "pct_operativa_privados",
            "pct_operativa_empresas",
        ],
        &[
            "pct_proyectos_publicos",
            "pct_proyectos_privados",
            "pct_proyectos_empresas",
        ],
        &["sostenibilidad_meses"],
        &["empresas_impactadas"],
    ];
    groups.iter().position(|g| g.contains(&field))
}

fn row(i: usize) -> Vec<Cell> {
    let (name, department, macrosector, sector) = PLACES[i];
    let director = format!("Director {}", i + 1);
    let participants = 20.0 + (i * 9 % 40) as f64;
    let mut cells = Vec::new();
    for field in SCALARS {
        let cell = match field {
            "id" => t(&format!("IC-{:03}", i + 1)),
            "nombre" => t(&format!("Clúster de {name}")),
            "departamento" => t(department),
            "tipo_entidad" if i % 6 == 5 => Cell::Empty,
            "tipo_entidad" => t(ENTITIES[i % 5]),
            "macrosector" => t(macrosector),
            "sector" if i % 8 == 7 => Cell::Empty,
            "sector" => t(sector),
            "director_nombre" => t(&director),
            "director_email" => t(&format!("director{}@cluster.co", i + 1)),
            "empresas_participantes" => n(participants),
            "ventas" if i % 4 == 3 => Cell::Empty,
            "ventas" => n(1000.0 + (i * 137) as f64 + 0.5 * (i % 2) as f64),
            "barreras" => barreras(i),
            f => {
                let k = variable_of(f).expect("every other field belongs to a variable");
                // A blank in the ratio's base or the estrategia answer blanks the variable.
                if blank(i, k) && f != "estrategia_anio" {
                    Cell::Empty
                } else {
                    variable(f, level(i, k), i, participants)
                }
            }
        };
        cells.push(cell);
    }
    cells.extend(impactos(i));
    cells
}

/// Blank, «none», one or several barriers, joined by ";" as the canonical export writes them.
fn barreras(i: usize) -> Cell {
    match i % 5 {
        0 => Cell::Empty,
        1 => t("No enfrentó barreras"),
        2 => t(BARRERAS[i % 6]),
        _ => t(&format!(
            "{}; {}; {}",
            BARRERAS[i % 6],
            BARRERAS[(i + 2) % 6],
            BARRERAS[(i + 3) % 6]
        )),
    }
}

/// One column per option: «X» chosen, «no» or blank not chosen; every column blank is «sin dato».
fn impactos(i: usize) -> Vec<Cell> {
    let chosen: Vec<usize> = match i % 4 {
        0 => vec![],
        1 => vec![i % 6],
        2 => vec![i % 6, (i + 1) % 6, (i + 4) % 6],
        _ => vec![0, 1, 2, 3, 4, 5],
    };
    (0..IMPACTOS.len())
        .map(|o| match (chosen.contains(&o), chosen.is_empty()) {
            (true, _) => t("X"),
            (false, false) if i.is_multiple_of(3) => t("no"),
            _ => Cell::Empty,
        })
        .collect()
}

fn headers() -> Vec<String> {
    let mut headers: Vec<String> = SCALARS.iter().map(|s| s.to_string()).collect();
    headers.extend(
        IMPACTOS
            .iter()
            .map(|(_, label)| format!("impactos_empresariales [{label}]")),
    );
    headers
}

fn ola_yaml() -> String {
    let mut yaml = OLA_HEAD.to_string();
    for field in SCALARS {
        let sep = if field == "barreras" {
            ", separador: \";\""
        } else {
            ""
        };
        yaml += &format!("  - {{encabezado: {field}, campo: {field}{sep}}}\n");
    }
    for (id, label) in IMPACTOS {
        yaml += &format!(
            "  - {{encabezado: \"impactos_empresariales [{label}]\", campo: impactos_empresariales, opcion: {id}}}\n"
        );
    }
    yaml + OLA_TAIL
}

fn write_xlsx(rows: &[Vec<Cell>], path: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let mut wb = Workbook::new();
    wb.set_properties(
        &DocProperties::new()
            .set_creation_datetime(&ExcelDateTime::from_ymd(2020, 11, 25)?)
            .set_title("SSME — respuestas canónicas de los estilos"),
    );
    let bold = Format::new().set_bold();
    let percent = Format::new().set_num_format("0.0%");
    let headers = headers();
    let ws = wb.add_worksheet().set_name("Respuestas")?;
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, &bold)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let in_percent = PERCENT_FORMATTED.contains(&headers[c].as_str());
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
            }
        }
    }
    wb.save(path)?;
    Ok(())
}

fn rows_json(rows: &[Vec<Cell>]) -> Json {
    let rows: Vec<Json> = rows
        .iter()
        .map(|row| {
            row.iter()
                .map(|c| match c {
                    Cell::Empty => Json::Null,
                    Cell::Num(x) => json!(x),
                    Cell::Text(s) => json!(s),
                })
                .collect()
        })
        .collect();
    json!({
        "hoja": "Respuestas",
        "encabezados": headers(),
        "formato_porcentaje": PERCENT_FORMATTED,
        "filas": rows,
    })
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/estilos");
    fs::create_dir_all(&dir)?;
    let rows: Vec<Vec<Cell>> = (0..INITIATIVES).map(row).collect();
    fs::write(dir.join("ola.yaml"), ola_yaml())?;
    write_xlsx(&rows, &dir.join("respuestas.xlsx"))?;
    fs::write(
        dir.join("filas.json"),
        serde_json::to_string_pretty(&rows_json(&rows))? + "\n",
    )?;
    println!("fixture de estilos escrito en {}", dir.display());
    Ok(())
}
