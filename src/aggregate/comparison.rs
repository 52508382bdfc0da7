//! The comparison across olas (I–IV) and the home page's headline figures.

use super::measure::{self, Base, Format, Measure};
use super::stats;
use crate::chart::{Chart, Kind, Unit};
use crate::dataset::{Dataset, OlaData};
use crate::page::{Block, DataTable, Figure, Page};

/// An ola's headline totals, computed once for the home page, the ola's own pages and the
/// comparison, so they read the same everywhere: from microdata, or from the published summary
/// of an ola known only by it.
pub struct OlaTotals {
    pub initiatives: Measure,
    pub departments: Measure,
    pub companies: Measure,
    pub jobs: Measure,
    /// The ola's own word for the participating companies («actores» in the IV ola).
    pub companies_label: String,
}

impl OlaTotals {
    pub fn of(ola: &OlaData) -> Self {
        let companies_label = ola
            .config
            .label_for("empresas_participantes", "empresas participantes");
        if let Some(s) = &ola.config.resumen {
            let base = Base::Published {
                ola: ola.config.etiqueta.clone(),
            };
            let m = |v: Option<f64>| Measure::new(v, base.clone());
            return OlaTotals {
                initiatives: m(Some(s.iniciativas as f64)),
                departments: m(Some(s.departamentos.len() as f64)),
                companies: m(s.empresas.as_ref().map(|e| e.total as f64)),
                jobs: m(s.empleos.as_ref().map(|e| e.total as f64)),
                companies_label,
            };
        }
        let inits = ola.categorized();
        OlaTotals {
            initiatives: Measure::new(
                Some(inits.len() as f64),
                Base::Said("categorizadas: cumplen la regla de completitud".into()),
            ),
            departments: Measure::new(
                Some(stats::tally(&inits, "departamento").len() as f64),
                Base::Categorized { total: inits.len() },
            ),
            companies: measure::sum(&inits, "empresas_participantes"),
            jobs: measure::sum(&inits, "empleos"),
            companies_label,
        }
    }

    /// The four headline figures; `initiatives` names the initiatives.
    pub fn figures(&self, initiatives: &str) -> Vec<Figure> {
        vec![
            self.initiatives.figure(Format::Count, initiatives),
            self.departments.figure(Format::Count, "departamentos"),
            self.companies
                .figure(Format::Count, self.companies_label.clone()),
            self.jobs.figure(Format::Count, "empleos"),
        ]
    }
}

pub fn home_figures(ola: &OlaData) -> Vec<Figure> {
    OlaTotals::of(ola).figures("iniciativas")
}

/// What the comparison's figures count over, ola by ola.
const NOTE: &str = "Olas con microdatos: iniciativas categorizadas y la suma de lo que reportan; olas anteriores: cifras publicadas en su informe. «sin dato»: la ola no publicó esa cifra.";

pub fn comparison_page(data: &Dataset) -> Page {
    let mut page = Page::new("comparacion.html", "Comparación entre olas", "seccion.html");
    page.intro = sources(&data.olas);
    let all: Vec<OlaTotals> = data.olas.iter().map(OlaTotals::of).collect();
    page.push(Block::Table(totals_table(&data.olas, &all)));
    totals_charts(&mut page, &data.olas, &all);
    page
}

/// How each ola is known, named from the data: «La I Ola y la II Ola se conocen por sus cifras
/// agregadas publicadas; la III Ola y la IV Ola, por sus microdatos.»
fn sources(olas: &[OlaData]) -> Option<String> {
    let (summary, micro): (Vec<&OlaData>, Vec<&OlaData>) =
        olas.iter().partition(|o| o.config.resumen.is_some());
    let names = |group: &[&OlaData]| {
        let names: Vec<String> = group
            .iter()
            .map(|o| format!("la {}", o.config.etiqueta))
            .collect();
        and_list(&names)
    };
    let verb = |group: &[&OlaData]| {
        if group.len() == 1 {
            "se conoce"
        } else {
            "se conocen"
        }
    };
    let text = match (summary.is_empty(), micro.is_empty()) {
        (true, true) => return None,
        (false, false) => format!(
            "{} {} por sus cifras agregadas publicadas; {}, por sus microdatos.",
            names(&summary),
            verb(&summary),
            names(&micro)
        ),
        (false, true) => format!(
            "{} {} por sus cifras agregadas publicadas.",
            names(&summary),
            verb(&summary)
        ),
        (true, false) => format!("{} {} por sus microdatos.", names(&micro), verb(&micro)),
    };
    // Only the first «la» opens the sentence.
    Some(format!("L{}", &text[1..]))
}

/// «A», «A y B», «A, B y C».
pub(super) fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} y {last}", rest.join(", ")),
    }
}

/// The headline totals of every ola, one row each.
fn totals_table(olas: &[OlaData], all: &[OlaTotals]) -> DataTable {
    let rows = olas
        .iter()
        .zip(all)
        .map(|(o, t)| {
            vec![
                o.config.etiqueta.clone(),
                o.config.anio.to_string(),
                t.initiatives.text(Format::Count),
                t.departments.text(Format::Count),
                t.companies.text(Format::Count),
                t.jobs.text(Format::Count),
            ]
        })
        .collect();
    DataTable {
        titulo: "Cifras principales de cada ola".into(),
        encabezado: [
            "Ola",
            "Año",
            "Iniciativas",
            "Departamentos",
            "Empresas",
            "Empleos",
        ]
        .map(String::from)
        .to_vec(),
        filas: rows,
        nota: Some(NOTE.into()),
    }
}

/// One chart per headline total, the olas side by side.
fn totals_charts(page: &mut Page, olas: &[OlaData], all: &[OlaTotals]) {
    let labels: Vec<String> = olas
        .iter()
        .map(|o| format!("{} ({})", o.config.etiqueta, o.config.anio))
        .collect();
    for (i, (name, title, unit)) in [
        ("iniciativas", "Iniciativas cluster por ola", Unit::Count),
        (
            "departamentos",
            "Departamentos con iniciativas por ola",
            Unit::Count,
        ),
        (
            "empresas",
            "Empresas en las iniciativas por ola",
            Unit::Count,
        ),
        (
            "empleos",
            "Empleos en las empresas de las iniciativas por ola",
            Unit::Count,
        ),
    ]
    .into_iter()
    .enumerate()
    {
        let values: Vec<Option<f64>> = all
            .iter()
            .map(|t| match i {
                0 => t.initiatives.value,
                1 => t.departments.value,
                2 => t.companies.value,
                _ => t.jobs.value,
            })
            .collect();
        page.chart(Some(Chart {
            id: format!("comparacion-{name}"),
            title: title.into(),
            kind: Kind::Grouped {
                categories: labels.clone(),
                series: vec![title.split(' ').next().unwrap_or(name).to_string()],
                values: vec![values],
            },
            unit,
            note: Some(NOTE.into()),
        }));
    }
}
