//! Writes every chart of a project's site as an SVG file, for a visual check of the chart
//! module (what the ignored `render_samples` test used to do):
//!
//!     cargo run --example render_charts -- [PROYECTO] [CARPETA]
//!
//! By default the sample project (`ejemplos/muestra`) into `/tmp/chart-samples`.

use std::path::{Path, PathBuf};

use anyhow::Result;
use ssme::content::Content;
use ssme::dataset::Dataset;
use ssme::page::Block;
use ssme::Project;

fn main() -> Result<()> {
    let mut args = std::env::args_os().skip(1);
    let root = args.next().map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("ejemplos/muestra"),
        PathBuf::from,
    );
    let out = args
        .next()
        .map_or_else(|| PathBuf::from("/tmp/chart-samples"), PathBuf::from);
    let project = Project::load(&root)?;
    let mut data = Dataset::read(&project);
    data.ensure_valid()?;
    data.categorize();
    let content = Content::load(&root.join("content"))?;
    let site = ssme::aggregate::site(&project, &data, &content);
    std::fs::create_dir_all(&out)?;
    let pages = site
        .olas
        .iter()
        .flat_map(|o| &o.pages)
        .chain([&site.comparison]);
    let mut n = 0;
    for page in pages {
        for block in &page.blocks {
            if let Block::Chart(chart) = block {
                std::fs::write(out.join(format!("{}.svg", chart.id)), chart.svg())?;
                n += 1;
            }
        }
    }
    println!("{n} gráficos en {}", out.display());
    Ok(())
}
