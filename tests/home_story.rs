//! The home page's story, checked against the private categorization export of each ola (one
//! row per initiative with its published score and level): the share at each level and the
//! mean score of the categorized initiatives, and the change of the mean score over the
//! initiatives categorized in both the III and the IV ola, each printed with its base.

mod common;

use std::collections::HashMap;

use common::{read_csv, Row};

fn dec(v: f64, places: usize) -> String {
    format!("{v:.places$}").replace('.', ",")
}

/// (id → (score, level)) of the categorized initiatives of an export.
fn scored(rows: &[Row]) -> HashMap<String, (f64, u8)> {
    rows.iter()
        .filter(|r| !r["puntaje"].is_empty())
        .map(|r| {
            let score: f64 = r["puntaje"].parse().unwrap();
            (r["id"].clone(), (score, r["nivel"].parse().unwrap()))
        })
        .collect()
}

#[test]
fn the_home_page_tells_levels_mean_score_and_change_with_their_bases() {
    let tmp = common::project_copy();
    let run = common::ssme(tmp.path(), &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = tmp.path().join("output");
    let html = std::fs::read_to_string(out.join("sitio/index.html")).unwrap();
    let doc = scraper::Html::parse_document(&html);
    let sel = scraper::Selector::parse(".historia > li").unwrap();
    let stories: Vec<String> = doc
        .select(&sel)
        .map(|e| {
            common::visible_text(e)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    assert_eq!(
        stories.len(),
        2,
        "una historia por ola con microdatos: {stories:?}"
    );

    let olas: Vec<HashMap<String, (f64, u8)>> = [3, 4]
        .iter()
        .map(|n| {
            scored(&read_csv(
                &out.join(format!("privado/ola-{n}/categorizacion.csv")),
            ))
        })
        .collect();
    // Newest ola first.
    for (story, (ola, label)) in stories
        .iter()
        .zip([(&olas[1], "IV Ola"), (&olas[0], "III Ola")])
    {
        assert!(story.starts_with(label), "{story}");
        let n = ola.len();
        let mean = ola.values().map(|(s, _)| s).sum::<f64>() / n as f64;
        assert!(
            story.contains(&format!(
                "{} de 3,0 puntaje medio de las {n} iniciativas categorizadas",
                dec(mean, 2)
            )),
            "{story}"
        );
        for level in 1..=3u8 {
            let k = ola.values().filter(|(_, l)| *l == level).count();
            let pct = (k as f64 / n as f64 * 100.0).round() as i64;
            assert!(
                story.contains(&format!("{pct} % Nivel {level} — "))
                    && story.contains(&format!("({k} de {n})")),
                "Nivel {level}: {k} de {n} en {story}"
            );
        }
    }
    // The IV ola against the III ola, over the initiatives categorized in both.
    let both: Vec<(f64, f64)> = olas[1]
        .iter()
        .filter_map(|(id, (now, _))| Some((olas[0].get(id)?.0, *now)))
        .collect();
    let k = both.len() as f64;
    let before = both.iter().map(|p| p.0).sum::<f64>() / k;
    let now = both.iter().map(|p| p.1).sum::<f64>() / k;
    let before_text = dec(before, 2);
    let now_text = dec(now, 2);
    let diff = now_text.replace(',', ".").parse::<f64>().unwrap()
        - before_text.replace(',', ".").parse::<f64>().unwrap();
    let sign = if diff > 0.0 {
        "+"
    } else if diff < 0.0 {
        "−"
    } else {
        ""
    };
    let expected = format!(
        "{sign}{} puntaje medio de {before_text} a {now_text} de 3,0 en las {} iniciativas categorizadas en la III Ola y en la IV Ola.",
        dec(diff.abs(), 2),
        both.len()
    );
    assert!(
        stories[0].contains(&expected),
        "falta «{expected}» en {}",
        stories[0]
    );
    assert!(
        stories[0].contains("metodologías distintas"),
        "{}",
        stories[0]
    );
    assert!(
        !stories[1].contains(" y en la "),
        "la III ola no tiene ola anterior con microdatos: {}",
        stories[1]
    );
    assert!(
        stories[0].contains("Publicación: 18 de noviembre de 2022"),
        "{}",
        stories[0]
    );
}
