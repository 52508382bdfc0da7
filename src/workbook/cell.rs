//! Turning one spreadsheet cell into a canonical value of a field's type.
//!
//! Ambiguous cells follow written rules (see docs/datos.md):
//! - Numbers in text use the Colombian style: "1.234" is one thousand two hundred and
//!   thirty-four, "0,45" is a decimal. A text with a single "." followed by other than three
//!   digits ("12.5") is read as a decimal point.
//! - Percentages: "45 %" and "45,5 %" are points. A number in a cell with a percent number
//!   format is a fraction (0,45 is 45 %); in a cell without one, points (45 is 45 %). Where the
//!   file does not give formats (xls, CSV) the column decides: only values in 0–1 with one
//!   strictly between are fractions; a cell neither reading settles is an error that gives
//!   both; see [`PercentScale`].

use calamine::Data;

use crate::fields::{Field, FieldType};
use crate::text::key;

/// The answer a cell yields, or why it is not acceptable (Spanish, with what was expected).
pub enum Parsed<T> {
    Empty,
    Value(T),
    Invalid(String),
}

/// How a percentage cell stores its number: by its own number format when the file gives it,
/// else as its column suggests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PercentScale {
    Points,
    Fractions,
    /// No format and a column that does not settle it: numbers above 1 are points; one in
    /// (0, 1), or 1 in a column of only 0 and 1 (`binary`), could be either and is an error.
    Unsettled {
        binary: bool,
    },
}

impl PercentScale {
    /// Without formats: fractions when every numeric cell is within 0–1 and one is strictly
    /// between; otherwise unsettled.
    pub fn detect<'a>(cells: impl Iterator<Item = &'a Data>) -> PercentScale {
        let (mut any_between, mut any_above) = (false, false);
        for cell in cells {
            if let Some(x) = numeric(cell) {
                any_above |= !(0.0..=1.0).contains(&x);
                any_between |= x > 0.0 && x < 1.0;
            }
        }
        if any_between && !any_above {
            PercentScale::Fractions
        } else {
            PercentScale::Unsettled {
                binary: !any_above && !any_between,
            }
        }
    }
}

fn numeric(cell: &Data) -> Option<f64> {
    match cell {
        Data::Int(i) => Some(*i as f64),
        Data::Float(f) => Some(*f),
        _ => None,
    }
}

/// The cell as the user sees it, for "se encontró «…»".
pub fn display(cell: &Data) -> String {
    match cell {
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => crate::numfmt::dec(*f, 4)
            .trim_end_matches('0')
            .trim_end_matches(',')
            .to_string(),
        Data::Error(e) => format!("{e}"),
        other => other.to_string(),
    }
}

pub fn is_empty(cell: &Data) -> bool {
    match cell {
        Data::Empty => true,
        Data::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// Parses a number written as text in Colombian style.
pub fn parse_number_text(text: &str) -> Option<f64> {
    let t: String = text
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '$')
        .collect();
    if t.is_empty() {
        return None;
    }
    let normalized = if t.contains(',') {
        t.replace('.', "").replace(',', ".")
    } else if t.matches('.').count() >= 1 && t.split('.').skip(1).all(|g| g.len() == 3) {
        t.replace('.', "")
    } else {
        t
    };
    normalized.parse::<f64>().ok().filter(|x| x.is_finite())
}

fn number(cell: &Data) -> Parsed<f64> {
    match cell {
        Data::Int(i) => Parsed::Value(*i as f64),
        Data::Float(f) => Parsed::Value(*f),
        Data::String(s) => match parse_number_text(s) {
            Some(x) => Parsed::Value(x),
            None => Parsed::Invalid("hay texto en una celda numérica".into()),
        },
        Data::Bool(_) => Parsed::Invalid("hay un valor lógico en una celda numérica".into()),
        Data::DateTime(_) | Data::DateTimeIso(_) | Data::DurationIso(_) => {
            Parsed::Invalid("hay una fecha en una celda numérica".into())
        }
        Data::Error(e) => Parsed::Invalid(format!("la celda tiene un error de Excel ({e})")),
        Data::Empty => Parsed::Empty,
    }
}

fn percent(cell: &Data, scale: PercentScale) -> Parsed<f64> {
    let points = match cell {
        Data::String(s) if s.trim().ends_with('%') => {
            match parse_number_text(s.trim().trim_end_matches('%')) {
                Some(x) => x,
                None => return Parsed::Invalid("el texto no es un porcentaje".into()),
            }
        }
        _ => match (number(cell), numeric(cell)) {
            (Parsed::Value(x), Some(_)) if scale == PercentScale::Fractions => x * 100.0,
            (Parsed::Value(x), Some(_)) if ambiguous(x, scale) => {
                return Parsed::Invalid(format!(
                    "porcentaje ambiguo: {} puede leerse como {} o como {}, y ni el formato de la celda ni la columna lo deciden; escriba el porcentaje con su signo (por ejemplo «{}») o dé a la celda formato de porcentaje",
                    display(cell),
                    pct_text(x),
                    pct_text(x * 100.0),
                    pct_text(x * 100.0),
                ))
            }
            (Parsed::Value(x), _) => x,
            (other, _) => return other,
        },
    };
    if !(0.0..=100.0).contains(&points) {
        return Parsed::Invalid("el porcentaje está fuera del rango 0–100".into());
    }
    Parsed::Value(points)
}

/// "0,5 %", "95 %": as many decimals as the number has (up to four).
fn pct_text(points: f64) -> String {
    let text = crate::numfmt::dec(points, 4);
    let text = text.trim_end_matches('0').trim_end_matches(',');
    format!("{text} %")
}

fn ambiguous(x: f64, scale: PercentScale) -> bool {
    match scale {
        PercentScale::Unsettled { binary } => (x > 0.0 && x < 1.0) || (binary && x == 1.0),
        _ => false,
    }
}

fn is_valid_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && text.chars().all(|c| {
            c.is_ascii_graphic()
                && !matches!(
                    c,
                    '<' | '>' | '(' | ')' | ',' | ';' | '"' | '[' | ']' | '\\'
                )
        })
}

/// The plain text of a cell (numbers without a trailing ".0").
pub fn text(cell: &Data) -> Parsed<String> {
    match cell {
        Data::Error(e) => Parsed::Invalid(format!("la celda tiene un error de Excel ({e})")),
        c if is_empty(c) => Parsed::Empty,
        c => Parsed::Value(display(c).trim().to_string()),
    }
}

/// Parses a scalar field (every type but categoria, multiple and departamento, which need the
/// ola's answers or the reference data).
pub fn scalar(field: &Field, cell: &Data, scale: PercentScale) -> Parsed<crate::Value> {
    use crate::Value;
    let map = |p: Parsed<f64>, check: &dyn Fn(f64) -> Option<String>| match p {
        Parsed::Value(x) => match check(x) {
            Some(msg) => Parsed::Invalid(msg),
            None => Parsed::Value(Value::Number(x)),
        },
        Parsed::Empty => Parsed::Empty,
        Parsed::Invalid(m) => Parsed::Invalid(m),
    };
    match field.tipo {
        FieldType::Entero => map(number(cell), &|x| {
            if x < 0.0 {
                Some("el conteo es negativo".into())
            } else if x.fract() != 0.0 {
                Some("el conteo no es un número entero".into())
            } else {
                None
            }
        }),
        FieldType::Numero => map(number(cell), &|x| {
            (x < 0.0).then(|| "el valor es negativo".into())
        }),
        FieldType::Porcentaje => map(percent(cell, scale), &|_| None),
        FieldType::Anio => map(number(cell), &|x| {
            (x.fract() != 0.0 || !(1900.0..=2100.0).contains(&x))
                .then(|| "no es un año válido".into())
        }),
        FieldType::Email => match text(cell) {
            Parsed::Value(t) if is_valid_email(&t) => Parsed::Value(Value::Text(t)),
            Parsed::Value(_) => Parsed::Invalid("el correo no es válido".into()),
            Parsed::Empty => Parsed::Empty,
            Parsed::Invalid(m) => Parsed::Invalid(m),
        },
        _ => match text(cell) {
            Parsed::Value(t) => Parsed::Value(Value::Text(t)),
            Parsed::Empty => Parsed::Empty,
            Parsed::Invalid(m) => Parsed::Invalid(m),
        },
    }
}

/// Answer texts accepted for a categorical field: the ola's export texts, then the canonical
/// labels and ids, all compared by [`key`].
pub struct Answers {
    by_key: Vec<(String, String)>,
    /// The same texts as written, with the value their key gives: most cells hold one of them
    /// verbatim, and an exact match skips normalizing the cell.
    exact: Vec<(String, String)>,
    /// Texts to list in "allowed" messages: the ola's texts if it has them, else the labels.
    pub shown: Vec<String>,
    /// Where a new answer text goes: "data/olas/3/ola.yaml › respuestas › gerente".
    pub home: String,
}

impl Answers {
    pub fn new(field: &Field, ola_texts: Option<&indexmap::IndexMap<String, String>>) -> Self {
        let mut by_key = Vec::new();
        let mut shown = Vec::new();
        if let Some(texts) = ola_texts {
            for (t, v) in texts {
                by_key.push((key(t), v.clone()));
                shown.push(t.clone());
            }
        }
        for (v, label) in &field.valores {
            by_key.push((key(label), v.clone()));
            by_key.push((key(v), v.clone()));
            if ola_texts.is_none() {
                shown.push(label.clone());
            }
        }
        let mut answers = Answers {
            by_key,
            exact: Vec::new(),
            shown,
            home: format!("ola.yaml › respuestas › {}", field.id),
        };
        let written = ola_texts
            .into_iter()
            .flat_map(|t| t.keys())
            .chain(field.valores.iter().flat_map(|(v, label)| [label, v]));
        for t in written {
            if let Some(v) = answers.lookup(t) {
                let v = v.to_string();
                answers.exact.push((t.clone(), v));
            }
        }
        answers
    }

    pub fn lookup(&self, text: &str) -> Option<&str> {
        if let Some((_, v)) = self.exact.iter().find(|(t, _)| t == text) {
            return Some(v);
        }
        let k = key(text);
        self.by_key
            .iter()
            .find(|(t, _)| *t == k)
            .map(|(_, v)| v.as_str())
    }

    pub fn allowed(&self) -> String {
        self.shown
            .iter()
            .map(|s| format!("«{s}»"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// A cell of a one-column-per-option export counts as chosen unless empty or a "no".
pub fn is_marked(cell: &Data) -> bool {
    match cell {
        Data::Bool(b) => *b,
        Data::Int(i) => *i != 0,
        Data::Float(f) => *f != 0.0,
        Data::String(s) => !matches!(key(s).as_str(), "" | "no" | "0" | "falso" | "false"),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colombian_number_text() {
        assert_eq!(parse_number_text("1.234"), Some(1234.0));
        assert_eq!(parse_number_text("582.791"), Some(582791.0));
        assert_eq!(parse_number_text("1.234.567"), Some(1234567.0));
        assert_eq!(parse_number_text("0,45"), Some(0.45));
        assert_eq!(parse_number_text("1.234,5"), Some(1234.5));
        assert_eq!(parse_number_text("12.5"), Some(12.5));
        assert_eq!(parse_number_text("$ 2.000"), Some(2000.0));
        assert_eq!(parse_number_text("doce"), None);
    }

    #[test]
    fn percentages_in_every_accepted_form() {
        let p = |c: Data, s| match percent(&c, s) {
            Parsed::Value(x) => Some(x),
            _ => None,
        };
        assert_eq!(p(Data::Float(45.0), PercentScale::Points), Some(45.0));
        assert_eq!(
            p(Data::String("45 %".into()), PercentScale::Points),
            Some(45.0)
        );
        assert_eq!(
            p(Data::String("45,5%".into()), PercentScale::Points),
            Some(45.5)
        );
        assert_eq!(p(Data::Float(0.45), PercentScale::Fractions), Some(45.0));
        assert_eq!(p(Data::Float(1.0), PercentScale::Fractions), Some(100.0));
        let unsettled = PercentScale::Unsettled { binary: false };
        assert_eq!(p(Data::Float(45.0), unsettled), Some(45.0));
        assert_eq!(p(Data::Float(0.95), unsettled), None);
        let binary = PercentScale::Unsettled { binary: true };
        assert_eq!(p(Data::Float(1.0), binary), None);
        assert_eq!(p(Data::Float(0.0), binary), Some(0.0));
        assert_eq!(p(Data::Float(120.0), PercentScale::Points), None);
        assert_eq!(p(Data::String("150 %".into()), PercentScale::Points), None);
    }

    #[test]
    fn percent_scale_is_decided_per_column() {
        let frac = [
            Data::Float(0.45),
            Data::Float(1.0),
            Data::Empty,
            Data::Float(0.0),
        ];
        assert_eq!(PercentScale::detect(frac.iter()), PercentScale::Fractions);
        let points = [Data::Float(0.5), Data::Float(45.0)];
        assert_eq!(
            PercentScale::detect(points.iter()),
            PercentScale::Unsettled { binary: false }
        );
        let integers = [Data::Float(0.0), Data::Float(1.0)];
        assert_eq!(
            PercentScale::detect(integers.iter()),
            PercentScale::Unsettled { binary: true }
        );
    }

    #[test]
    fn emails() {
        assert!(is_valid_email("ana.gomez@example.org"));
        assert!(!is_valid_email("ana.gomez@example"));
        assert!(!is_valid_email("ana gomez@example.org"));
        assert!(!is_valid_email("@example.org"));
        assert!(!is_valid_email("a@b@example.org"));
    }
}
