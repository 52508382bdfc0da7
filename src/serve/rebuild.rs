//! The builder thread: reads the project once, renders it, and renders again on each change.
//! A change to `content/` or `templates/` renders with the workbooks already read; a change to
//! `data/` or `ssme.yaml` reads everything again. Each build goes to a fresh folder that is
//! served only when the build succeeded.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Result;

use super::state::{Shared, Tree};
use super::watch::{Change, Watcher};
use crate::commands::build_cards;
use crate::content::Content;
use crate::dataset::Dataset;
use crate::project::Project;

pub fn run(root: &Path, dir: &Path, cards: bool, shared: &Shared, watcher: Watcher) {
    let stop = || shared.stopping();
    let mut builds = 0u64;
    loop {
        let started = Instant::now();
        let project = match Project::load(root) {
            Ok(p) => p,
            Err(e) => {
                report_failure(shared, error_chain(&e));
                match watcher.next(stop) {
                    Some(_) => continue,
                    None => return,
                }
            }
        };
        let mut data = Dataset::read(&project);
        if stop() {
            return;
        }
        if data.errors() > 0 {
            report_failure(shared, problems(&data));
            match watcher.next(stop) {
                Some(_) => continue,
                None => return,
            }
        }
        data.categorize();
        println!("✓ Libros leídos: {} iniciativas", data.initiative_count());
        let mut started = Some(started);
        loop {
            let t = started.take().unwrap_or_else(Instant::now);
            builds += 1;
            let out = dir.join(format!("sitio-{builds}"));
            let content = match build_site(&project, &data, &out) {
                Ok(content) => {
                    publish(shared, Tree::Site, out);
                    println!("✓ Sitio construido en {}", seconds(t));
                    Some(content)
                }
                Err(e) => {
                    let _ = std::fs::remove_dir_all(&out);
                    report_failure(shared, error_chain(&e));
                    None
                }
            };
            if stop() {
                return;
            }
            // The cards after the site, so a page reloads without waiting for them.
            if let (true, Some(content)) = (cards, content) {
                let t = Instant::now();
                let out = dir.join(format!("fichas-{builds}"));
                match build_cards(&project, &data, &content, &out, None, false) {
                    Ok(_) => {
                        publish(shared, Tree::Cards, out);
                        println!("✓ Fichas construidas en {}", seconds(t));
                    }
                    Err(e) => {
                        let _ = std::fs::remove_dir_all(&out);
                        report_failure(shared, error_chain(&e));
                    }
                }
            }
            match watcher.next(stop) {
                Some(Change::Render) => continue,
                Some(Change::Data) => break,
                None => return,
            }
        }
    }
}

/// The public site into `out`; the content it was rendered with is kept for the cards.
fn build_site(project: &Project, data: &Dataset, out: &Path) -> Result<Content> {
    let content = Content::load(&project.root.join("content"))?;
    let pages = crate::aggregate::site(project, data, &content);
    let drawn = crate::site::draw::site(&pages);
    crate::site::render(project, &drawn, out, false)?;
    Ok(content)
}

fn publish(shared: &Shared, tree: Tree, dir: PathBuf) {
    if let Some(old) = shared.publish(tree, dir) {
        let _ = std::fs::remove_dir_all(old);
    }
}

fn seconds(t: Instant) -> String {
    format!("{} s", crate::numfmt::dec(t.elapsed().as_secs_f64(), 2))
}

fn report_failure(shared: &Shared, error: String) {
    if shared.stopping() {
        // The preview folder is being removed under a build that was cut short.
        return;
    }
    eprintln!("✗ La construcción falló; se sigue sirviendo el último sitio correcto.\n{error}");
    shared.fail(error);
}

/// The errors as `ssme check` prints them, one per line.
fn problems(data: &Dataset) -> String {
    let lines: Vec<String> = data
        .olas
        .iter()
        .flat_map(|o| o.problems.iter().filter(|p| p.is_error()))
        .map(|p| p.to_string())
        .collect();
    format!(
        "{}\n✗ {} error(es): corríjalos y vuelva a ejecutar `ssme check`.",
        lines.join("\n"),
        lines.len()
    )
}

/// An error and its causes, as the command line prints them.
fn error_chain(err: &anyhow::Error) -> String {
    let mut text = format!("error: {err}");
    for cause in err.chain().skip(1) {
        text.push_str(&format!("\n  causa: {cause}"));
    }
    text
}
