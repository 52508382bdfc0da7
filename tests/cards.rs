//! Private report cards of the bundled sample (`ssme build --cards`): a card's levels, scores and
//! peer means equal the categorization export, its next-level texts are the annex's, the index
//! lists every card, the site never links them, and the change since the previous ola shows only
//! for initiatives present in both.

mod common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::{after, by_id, copy_project, escape, read_csv, sample, ssme, until, Row};
use ssme::cards::HEADER;
use ssme::{numfmt, Methodology};

/// One `ssme build --cards` of a copy of the project, shared by the tests that only read it.
fn built() -> &'static Path {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    ROOT.get_or_init(|| {
        let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fichas-muestra");
        let _ = std::fs::remove_dir_all(&root);
        copy_project(&root);
        let run = ssme(&root, &["build", "--cards"]);
        assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
        assert!(
            run.stdout.contains("→ Fichas: 176 fichas privadas"),
            "{}",
            run.stdout
        );
        root
    })
}

fn cell<'a>(row: &'a str, class: &str) -> &'a str {
    until(after(row, &format!("<td class=\"{class}\">")), "</td>")
}

fn card(root: &Path, ola: u32, id: &str) -> String {
    let dir = root.join(format!("output/privado/ola-{ola}/fichas"));
    let manifest = read_csv(&dir.join("fichas.csv"));
    std::fs::read_to_string(dir.join(&by_id(&manifest, id)["html"])).unwrap()
}

fn methodology(id: &str) -> Methodology {
    Methodology::load_all(&sample().join("data/metodologias"))
        .unwrap()
        .remove(id)
        .unwrap()
}

/// Mean of a column over the rows that have it, as the card prints it.
fn mean(rows: &[&Row], column: &str) -> String {
    let values: Vec<f64> = rows
        .iter()
        .filter(|r| !r[column].is_empty())
        .map(|r| r[column].parse::<f64>().unwrap())
        .collect();
    if values.is_empty() {
        numfmt::SIN_DATO.into()
    } else {
        numfmt::dec(values.iter().sum::<f64>() / values.len() as f64, 2)
    }
}

#[test]
fn a_card_equals_the_export_its_peers_and_the_annex() {
    let root = built();
    let dir = root.join("output/privado/ola-4");
    let export = read_csv(&dir.join("categorizacion.csv"));
    let text = std::fs::read_to_string(dir.join("fichas/fichas.csv")).unwrap();
    assert_eq!(text.lines().next().unwrap(), HEADER.join(","));
    assert_eq!(
        HEADER.join(","),
        "id,nombre,director,correo,puntaje,nivel,html,pdf,puesto,cambio,area_fuerte,primer_paso"
    );
    let manifest = read_csv(&dir.join("fichas/fichas.csv"));
    assert_eq!(manifest.len(), export.len(), "una ficha por iniciativa");

    let m = methodology("ssme-2022");
    let row = by_id(&export, "IC-0001");
    let html = card(root, 4, "IC-0001");
    assert!(html.contains("<meta name=\"robots\" content=\"noindex"));

    let score: f64 = row["puntaje"].parse().unwrap();
    let level: u8 = row["nivel"].parse().unwrap();
    let level_text = format!("Nivel {level} — {}", m.level_name(level));
    assert!(html.contains(&format!(
        "data-puntaje=\"{}\">{}</p>",
        row["puntaje"],
        numfmt::score(score, 3.0)
    )));
    assert!(
        html.contains(&format!("{level_text}</p>")),
        "nivel {level_text}"
    );
    let entry = by_id(&manifest, "IC-0001");
    assert_eq!(entry["puntaje"], numfmt::dec(score, 2));
    assert_eq!(entry["nivel"], level_text);
    assert_eq!(entry["pdf"], "", "sin --pdf no hay PDF");

    // The 18 levels.
    assert_eq!(html.matches("data-variable=").count(), 18);
    for (_, v) in m.variables() {
        let expected = format!(
            "data-variable=\"{}\" data-nivel=\"{}\"",
            v.id,
            row[&format!("nivel_{}", v.id)]
        );
        assert!(html.contains(&expected), "{expected}");
    }

    // Area scores, and the national and macrosector means recomputed from the export.
    let all: Vec<&Row> = export.iter().collect();
    let peers: Vec<&Row> = export
        .iter()
        .filter(|r| r["macrosector"] == row["macrosector"])
        .collect();
    assert!(peers.len() > 1 && peers.len() < all.len());
    for a in &m.areas {
        let column = format!("area_{}", a.id);
        let tr = until(after(&html, &format!("data-area=\"{}\"", a.id)), "</tr>");
        let own: f64 = row[&column].parse().unwrap();
        assert_eq!(cell(tr, "propio"), numfmt::dec(own, 2), "{column}");
        assert_eq!(cell(tr, "nacional"), mean(&all, &column), "{column}");
        assert_eq!(cell(tr, "macrosector"), mean(&peers, &column), "{column}");
    }

    // What the next level requires: the methodology's text, as the annex shows it.
    let annex = std::fs::read_to_string(root.join("output/sitio/ola-4/anexo.html")).unwrap();
    let mut checked = 0;
    for (_, v) in m.variables() {
        let Ok(level) = row[&format!("nivel_{}", v.id)].parse::<usize>() else {
            continue;
        };
        let tr = until(
            after(&html, &format!("data-variable=\"{}\"", v.id)),
            "</tr>",
        );
        let next = cell(tr, "siguiente");
        if level == 3 {
            assert!(next.contains("nivel más alto"), "{}", v.id);
            continue;
        }
        assert_eq!(next, escape(&v.criterios[level]), "{}", v.id);
        assert_eq!(cell(tr, "criterio"), escape(&v.criterios[level - 1]));
        let annex_row = annex
            .split("<tr")
            .find(|r| r.contains(&format!(">{}</td>", escape(&v.nombre))))
            .unwrap_or_else(|| panic!("el anexo no tiene la variable {}", v.nombre));
        let cells: Vec<&str> = annex_row
            .split("<td")
            .skip(1)
            .map(|c| until(after(c, ">"), "</td>"))
            .collect();
        assert_eq!(cells[level + 1], next, "{}", v.id);
        checked += 1;
    }
    assert!(checked > 0, "ninguna variable por debajo del nivel 3");

    // The analyst's index: every card, sortable without external scripts, not indexable.
    let index = std::fs::read_to_string(dir.join("fichas/index.html")).unwrap();
    assert!(index.contains("noindex"));
    assert_eq!(index.matches("<tr>").count(), export.len() + 1);
    assert!(index.contains("addEventListener('click'"));
    assert!(!index.contains("src=\"http") && !index.contains("href=\"http"));

    // Never linked from the public site.
    let site = root.join("output/sitio");
    for entry in walkdir::WalkDir::new(&site) {
        let path = entry.unwrap().into_path();
        let relative = path.strip_prefix(&site).unwrap().display().to_string();
        assert!(!relative.contains("ficha"), "{relative}");
        if path.extension().is_some_and(|e| e == "html") {
            let page = std::fs::read_to_string(&path).unwrap();
            for link in page.split("href=\"").skip(1).map(|h| until(h, "\"")) {
                assert!(
                    !link.contains("privado") && !link.contains("ficha"),
                    "{} enlaza {link}",
                    path.display()
                );
            }
        }
    }
}

#[test]
fn change_is_shown_only_for_initiatives_in_both_olas() {
    let root = built();
    let before = read_csv(&root.join("output/privado/ola-3/categorizacion.csv"));
    let now = read_csv(&root.join("output/privado/ola-4/categorizacion.csv"));
    let m = methodology("ssme-2022");

    let html = card(root, 4, "IC-0001");
    let (a, b) = (by_id(&before, "IC-0001"), by_id(&now, "IC-0001"));
    assert!(html.contains("<h2>Cambio desde la III Ola</h2>"));
    let (sa, sb): (f64, f64) = (a["puntaje"].parse().unwrap(), b["puntaje"].parse().unwrap());
    let arrow = if sb > sa {
        "↑"
    } else if sb < sa {
        "↓"
    } else {
        "="
    };
    assert!(html.contains(&format!(
        "{} → <strong>{}</strong> <span class=\"flecha\">{arrow}</span>",
        numfmt::score(sa, 3.0),
        numfmt::score(sb, 3.0)
    )));
    let mut moved = 0;
    for (_, v) in m.variables() {
        let column = format!("nivel_{}", v.id);
        let (x, y) = (a[&column].parse::<u8>().ok(), b[&column].parse::<u8>().ok());
        if x == y {
            continue;
        }
        moved += 1;
        let arrow = match (x, y) {
            (Some(x), Some(y)) if y > x => "↑",
            (Some(_), Some(_)) => "↓",
            _ => "→",
        };
        let show = |l: Option<u8>| l.map_or("sin dato".to_string(), |l| format!("Nivel {l}"));
        let expected = format!(
            "<li><span class=\"flecha\">{arrow}</span> {}: {} → {}</li>",
            escape(&v.nombre),
            show(x),
            show(y)
        );
        assert!(html.contains(&expected), "{expected}");
    }
    assert!(moved > 0);
    assert_eq!(html.matches("<li><span class=\"flecha\">").count(), moved);

    // In the IV ola only: no change, a note instead.
    let only = now
        .iter()
        .find(|r| before.iter().all(|p| p["id"] != r["id"]))
        .expect("alguna iniciativa nueva en la IV ola");
    let html = card(root, 4, &only["id"]);
    assert!(!html.contains("class=\"cambio\""));
    assert!(html.contains("no aparece en la III Ola"));
    // The III ola has no previous ola with microdata.
    let html = card(root, 3, "IC-0001");
    assert!(!html.contains("class=\"cambio\"") && !html.contains("no aparece"));
}
