//! Sections "inicio", "antecedentes y metodología" and "perfil" of an ola.

use std::collections::HashMap;

use super::measure::{Base, Format, Measure};
use super::{donut, stats, ChartExt, OlaView};
use crate::chart::{Chart, Kind, Tile, Unit};
use crate::methodology::Methodology;
use crate::numfmt;
use crate::page::{Block, DataTable, Figure, Page};

pub fn headline(view: &OlaView) -> Vec<Figure> {
    let totals = super::comparison::OlaTotals::of(view.ola);
    totals.figures("iniciativas cluster")
}

pub fn inicio(view: &OlaView) -> Page {
    let c = view.ola.config;
    let mut page = Page::new(
        "index.html",
        &format!("{} del SSME", c.etiqueta),
        "seccion.html",
    );
    page.intro = Some(format!(
        "Resultados de la {} ({}), periodo evaluado {}.",
        c.etiqueta,
        c.anio,
        c.period()
    ));
    page.push(Block::Figures(headline(view)));
    if let Some(md) = view.markdown("inicio") {
        page.push(md);
    }
    page
}

pub fn metodologia(view: &OlaView) -> Page {
    let c = view.ola.config;
    let mut page = Page::new(
        "metodologia.html",
        "Red Cluster Colombia, antecedentes y metodología",
        "seccion.html",
    );
    for key in ["red-cluster", "metodologia"] {
        if let Some(d) = view.content.get(key) {
            page.heading(&d.meta.titulo);
            page.push(Block::Markdown(d.body.clone()));
        }
    }
    page.heading(&format!("La {} en cifras", c.etiqueta));
    page.push(Block::Figures(ola_figures(view)));
    if let Some(m) = view.ola.methodology {
        page.heading("Áreas temáticas de la categorización");
        page.push(Block::Table(areas_table(m)));
        page.heading("Reglas de las cifras");
        page.push(Block::Markdown(rules(view, m)));
    }
    page
}

/// The ola in figures: initiatives registered, categorized and left out, and its dates.
fn ola_figures(view: &OlaView) -> Vec<Figure> {
    let c = view.ola.config;
    let said = |text: &str| Base::Said(text.to_string());
    let mut figures = Vec::new();
    if let Some(n) = c.inscritas {
        figures.push(
            Measure::new(
                Some(n as f64),
                said("respondieron el cuestionario de la ola"),
            )
            .figure(Format::Count, "iniciativas inscritas"),
        );
    }
    let categorized = view.inits.len();
    figures.push(
        Measure::new(
            Some(categorized as f64),
            said("cumplen la regla de completitud (ver «Reglas de las cifras»)"),
        )
        .figure(Format::Count, "iniciativas categorizadas"),
    );
    let left_out = view.ola.uncategorized().len();
    if left_out > 0 {
        figures.push(
            Measure::new(
                Some(left_out as f64),
                said("respondieron menos de lo que pide la regla de completitud; no entran en niveles, promedios ni cifras nacionales"),
            )
            .figure(Format::Count, "iniciativas no categorizadas"),
        );
    }
    if let Some(r) = &c.recoleccion {
        figures.push(
            Figure::new(
                numfmt::date_range(&r.inicio, &r.fin, view.project.settings.idioma_fechas),
                "periodo de recolección",
            )
            .note("fechas en que se recibieron las respuestas"),
        );
    }
    figures.push(
        Figure::new(c.period().to_string(), "periodo evaluado")
            .note("año al que se refieren las respuestas"),
    );
    figures
}

/// The methodology's areas: code, name, what each evaluates and its variables.
fn areas_table(m: &Methodology) -> DataTable {
    let rows = m
        .areas
        .iter()
        .map(|a| {
            vec![
                a.codigo.clone().unwrap_or_else(|| a.numero.to_string()),
                a.nombre.clone(),
                a.descripcion.clone(),
                a.variables
                    .iter()
                    .map(|v| v.nombre.clone())
                    .collect::<Vec<_>>()
                    .join(", "),
            ]
        })
        .collect();
    DataTable {
        titulo: format!(
            "Las {} áreas de la metodología «{}»",
            m.areas.len(),
            m.nombre
        ),
        encabezado: vec![
            "Área".into(),
            "Nombre".into(),
            "Qué evalúa".into(),
            "Variables".into(),
        ],
        filas: rows,
        nota: Some("Los umbrales de cada variable están en el anexo.".into()),
    }
}

/// The rules every figure follows, written from the methodology data and the settings in use.
fn rules(view: &OlaView, m: &crate::methodology::Methodology) -> String {
    let c = &m.completitud;
    let areas = (c.minimo_areas * m.areas.len() as f64 - 1e-9).ceil();
    let vars = (c.minimo_variables * m.variable_count() as f64 - 1e-9).ceil();
    let cuts: Vec<String> = m
        .puntaje
        .cortes
        .iter()
        .map(|x| numfmt::dec(*x, 1))
        .collect();
    let min = view.min_cell;
    format!(
        "- **Puntaje y nivel.** Cada área es el promedio de los niveles de sus variables con dato; el puntaje general es el promedio de las áreas (todas pesan igual), redondeado a {dec} decimales sobre {max}. El nivel se decide sobre ese puntaje publicado, ya redondeado (cortes en {cuts}).\n\
         - **«Sin dato».** Una pregunta sin respuesta no es «no» ni 0: la variable queda fuera de su área y de los conteos, y cada cifra dice sobre cuántas iniciativas se calcula y cuántas respondieron. Una pregunta de selección múltiple en blanco es «sin dato»; «ninguna» cuenta solo cuando el formulario la ofrece y se marca. Una suma con sumandos vacíos se usa cuando los que sí respondieron ya deciden el nivel (dos empresas medianas con las grandes en blanco ya son «más de una»). Un porcentaje se lee según el formato de su celda: con formato de porcentaje, 0,45 es 45 %; sin él, 45 es 45 %.\n\
         - **Completitud.** Para ser categorizada, una iniciativa debe tener dato en al menos {pa} % de las áreas ({areas} de {na}) y {pv} % de las variables ({vars} de {nv}). Las demás quedan «no categorizadas»: no entran en niveles, promedios, puestos ni en las cifras de la ola; se cuentan aparte ({left} en la {ola}) y su ficha dice qué les falta.\n\
         - **Celdas pequeñas.** Una cifra por departamento o por grupo que describa menos de {min} iniciativas no se publica y se lee «reservado», igual que otra que permitiría deducirla del total nacional. Los informes sí imprimieron esas celdas; el umbral es un ajuste (con 1 el sitio reproduciría sus tablas exactamente) y se mantiene en {min} para no exponer a una iniciativa sola.
",
        dec = m.puntaje.decimales,
        max = numfmt::dec(m.puntaje.maximo, 1),
        cuts = cuts.join(" y "),
        pa = numfmt::dec(c.minimo_areas * 100.0, 0),
        pv = numfmt::dec(c.minimo_variables * 100.0, 0),
        na = m.areas.len(),
        nv = m.variable_count(),
        left = view.ola.uncategorized().len(),
        ola = view.ola.config.etiqueta,
    )
}

pub fn perfil(view: &OlaView) -> Page {
    let mut page = Page::new(
        "perfil.html",
        "Perfil de las iniciativas cluster",
        "seccion.html",
    );
    page.chart(view.category_chart(
        "tipo_entidad",
        "entidad-gestora",
        "Entidad gestora de las iniciativas",
    ));
    departments(view, &mut page);
    macrosectors(view, &mut page);
    sectors(view, &mut page);
    if view.has("eslabon") {
        let f = view.field("eslabon");
        let (counts, answered) = stats::counts(&view.inits, f);
        page.chart(Some(
            donut(
                view.id("eslabon"),
                "Eslabón de la cadena productiva",
                counts.keys().map(|k| view.label("eslabon", k)).collect(),
                counts
                    .values()
                    .map(|&n| n as f64 / answered as f64 * 100.0)
                    .collect(),
                Some(format!("{} IC", numfmt::int(answered as i64))),
            )
            .note(format!(
                "Porcentaje de las iniciativas que respondieron ({}).",
                stats::base_note(view.inits.len(), answered)
            )),
        ));
    }
    page
}

/// Initiatives per department: this ola beside the earlier ones, and a tile map.
fn departments(view: &OlaView, page: &mut Page) {
    page.heading("Departamento gestor de las iniciativas");
    page.push(Block::Table(departments_table(view)));
    let current: HashMap<String, usize> = stats::tally(&view.inits, "departamento")
        .into_iter()
        .collect();
    let tiles = view
        .project
        .reference
        .departments
        .iter()
        .map(|d| {
            let n = current.get(&d.nombre).copied().unwrap_or(0);
            Tile {
                label: d.abreviatura.clone(),
                name: d.nombre.clone(),
                row: d.fila,
                col: d.columna,
                value: (n > 0).then_some(n as f64),
            }
        })
        .collect();
    page.chart(Some(Chart {
        id: view.id("mapa-iniciativas"),
        title: format!("Iniciativas por departamento, {}", view.ola.config.etiqueta),
        kind: Kind::Tiles { tiles },
        unit: Unit::Count,
        note: Some(
            "Mapa de mosaicos: cada cuadro es un departamento en su posición aproximada.".into(),
        ),
    }));
}

/// « (I Ola y II Ola: cifras publicadas)» when some olas are known only by their summary.
fn published_note(olas: &[&crate::dataset::OlaData]) -> String {
    let published: Vec<String> = olas
        .iter()
        .filter(|o| o.config.resumen.is_some())
        .map(|o| o.config.etiqueta.clone())
        .collect();
    if published.is_empty() {
        return String::new();
    }
    format!(
        " ({}: cifras publicadas)",
        super::comparison::and_list(&published)
    )
}

/// Initiatives per managing department in this ola and every earlier one (published figures
/// for the olas with only a summary).
fn departments_table(view: &OlaView) -> DataTable {
    let earlier: Vec<_> = view
        .data
        .olas
        .iter()
        .filter(|o| o.config.numero <= view.ola.config.numero)
        .collect();
    // One pass over each ola's initiatives, not one per department.
    let tallies: Vec<HashMap<String, usize>> = earlier
        .iter()
        .map(|o| {
            let inits = o.categorized();
            stats::tally(&inits, "departamento").into_iter().collect()
        })
        .collect();
    let count = |i: usize, name: &str| -> Option<u64> {
        match &earlier[i].config.resumen {
            Some(s) => s.departamentos.get(name).map(|&n| n as u64),
            None => tallies[i].get(name).map(|&n| n as u64),
        }
    };
    let mut rows = Vec::new();
    for d in &view.project.reference.departments {
        let values: Vec<Option<u64>> = (0..earlier.len()).map(|i| count(i, &d.nombre)).collect();
        if values.iter().any(Option::is_some) {
            let mut row = vec![d.nombre.clone()];
            row.extend(
                values
                    .iter()
                    .map(|v| v.map_or(numfmt::SIN_DATO.to_string(), |n| numfmt::int(n as i64))),
            );
            rows.push(row);
        }
    }
    let mut total = vec!["Total".to_string()];
    total.extend(earlier.iter().map(|o| {
        numfmt::int(
            o.config
                .resumen
                .as_ref()
                .map_or(o.categorized().len() as u64, |s| s.iniciativas as u64) as i64,
        )
    }));
    rows.push(total);
    let mut header = vec!["Departamento".to_string()];
    header.extend(
        earlier
            .iter()
            .map(|o| format!("{} ({})", o.config.etiqueta, o.config.anio)),
    );
    DataTable {
        titulo: "Iniciativas cluster por departamento gestor y ola".into(),
        encabezado: header,
        filas: rows,
        nota: Some(format!(
            "Iniciativas categorizadas de cada ola{}. «sin dato»: la ola no registró iniciativas del departamento (el informe escribe «sin registro»).",
            published_note(&earlier)
        )),
    }
}

fn macrosectors(view: &OlaView, page: &mut Page) {
    let f = view.field("macrosector");
    let olas: Vec<_> = view
        .data
        .olas
        .iter()
        .filter(|o| o.config.numero <= view.ola.config.numero)
        .collect();
    let values: Vec<Vec<Option<f64>>> = olas
        .iter()
        .map(|o| {
            let inits = o.categorized();
            let (counts, answered) = stats::counts(&inits, f);
            f.valores
                .keys()
                .map(|k| match &o.config.resumen {
                    Some(s) => s.macrosectores.get(k).copied(),
                    None => stats::pct(counts[k] as f64, answered as f64),
                })
                .collect()
        })
        .collect();
    page.chart(Some(Chart {
        id: view.id("macrosectores"),
        title: "Macrosectores de las iniciativas por ola".into(),
        kind: Kind::Grouped {
            categories: f.valores.values().cloned().collect(),
            series: olas.iter().map(|o| o.config.etiqueta.clone()).collect(),
            values,
        },
        unit: Unit::Percent,
        note: Some("Porcentaje de iniciativas de cada ola.".into()),
    }));
}

fn sectors(view: &OlaView, page: &mut Page) {
    let tally = stats::tally(&view.inits, "sector");
    if tally.is_empty() {
        return;
    }
    let shown: Vec<_> = tally.iter().take(15).collect();
    let rest: usize = tally.iter().skip(15).map(|t| t.1).sum();
    let mut categories: Vec<String> = shown.iter().map(|t| t.0.clone()).collect();
    let mut values: Vec<f64> = shown.iter().map(|t| t.1 as f64).collect();
    if rest > 0 {
        categories.push("Otros sectores".into());
        values.push(rest as f64);
    }
    page.chart(Some(
        Chart {
            id: view.id("sectores"),
            title: "Sectores de las iniciativas (Pareto)".into(),
            kind: Kind::Pareto { categories, values },
            unit: Unit::Count,
            note: None,
        }
        .note(format!(
            "Número de iniciativas por sector; {} sectores en total.",
            numfmt::int(tally.len() as i64)
        )),
    ));
}
