//! Several self-contained pages printed as one document and split back into one PDF each.
//! Chromium spends about 100 ms of CPU on every print call whatever its size (it starts a print
//! compositor process for each), so one call per batch of cards instead of one per card cuts
//! the cost of a card by more than half.

use anyhow::{Context, Result};

use super::{pdf, print_page, read, write, Page, PrintJob, PrintOptions, Source};

/// Cards per print call: enough to spread the fixed cost, few enough to keep the tabs busy.
const BATCH: usize = 8;

/// Groups the jobs into work items: site pages one by one, self-contained pages printed alike
/// in batches.
pub(super) fn plan(jobs: &[PrintJob]) -> Vec<&[PrintJob]> {
    let mut work = Vec::new();
    for run in jobs.chunk_by(|a, b| a.source == b.source && a.options == b.options) {
        match run[0].source {
            Source::Site => work.extend(run.chunks(1)),
            Source::Standalone => work.extend(run.chunks(BATCH)),
        }
    }
    work
}

/// The first page is written into the tab; each next page's body follows on a new sheet. The
/// pages share one template, so the first page's style sheet serves them all.
const COMBINE: &str = "(pages => {
  document.open(); document.write(pages[0]); document.close();
  const parser = new DOMParser();
  for (const html of pages.slice(1)) {
    const sheet = document.createElement('div');
    sheet.style.breakBefore = 'page';
    const body = parser.parseFromString(html, 'text/html').body;
    sheet.append(...Array.from(body.childNodes, n => document.importNode(n, true)));
    document.body.append(sheet);
  }
  return document.fonts.ready.then(() => true);
})";

/// Prints a batch in one call and splits it by the outline (one `h1` per page); when that does
/// not match, prints the pages one by one instead.
pub(super) fn print_batch(page: &Page, jobs: &[PrintJob]) -> Result<()> {
    let mut pages = Vec::with_capacity(jobs.len());
    let mut titles = Vec::with_capacity(jobs.len());
    for job in jobs {
        pages.push(read(&job.html)?);
        titles.push(job.title.clone());
    }
    let script = format!("{COMBINE}({})", serde_json::to_string(&pages)?);
    let first = &jobs[0].html;
    page.tab
        .evaluate(&script)
        .with_context(|| format!("no se pudo preparar el lote de {}", first.display()))?;
    // The outline (which Chromium builds from the tags) is what splits the batch.
    let options = PrintOptions {
        outline: true,
        tagged: true,
        ..jobs[0].options
    };
    let bytes = page
        .print(&options)
        .with_context(|| format!("no se pudo imprimir el lote de {}", first.display()))?;
    match pdf::split(&bytes, &titles) {
        Some(parts) => {
            for (job, part) in jobs.iter().zip(parts) {
                write(&job.pdf, &part)?;
            }
        }
        None => {
            for job in jobs {
                print_page(page, job)
                    .with_context(|| format!("no se pudo imprimir {}", job.html.display()))?;
            }
        }
    }
    Ok(())
}
