//! Printing HTML pages to PDF with one headless Chromium per run: the browser is launched once
//! and a few tabs print pages in parallel, instead of one process per page; self-contained
//! pages (cards) go several to a print call (see `batch`).

mod batch;
mod pdf;

use std::collections::HashSet;
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, Context, Result};
use headless_chrome::browser::tab::Tab;
use headless_chrome::protocol::cdp::types::Event;
use headless_chrome::protocol::cdp::Page::Navigate;
use headless_chrome::types::PrintToPdfOptions;
use headless_chrome::{Browser, LaunchOptions};

use crate::output::write;

/// Tabs printing at once: each lays out and prints on its own renderer, so a few keep the cores
/// busy while others wait on the DevTools socket; more only compete for the same cores.
const TABS: usize = 3;
/// Longest wait for a page to load or print.
const TIMEOUT: Duration = Duration::from_secs(60);

/// Flags for a closed network and a throw-away profile (the crate adds --headless, --no-sandbox,
/// --disable-gpu and a fresh temporary --user-data-dir removed when the browser closes).
const FLAGS: [&str; 6] = [
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
];

/// One page to print: an HTML file, the PDF to write and the PDF's title (its metadata).
#[derive(Debug, Clone)]
pub struct PrintJob {
    pub html: PathBuf,
    pub pdf: PathBuf,
    pub title: String,
    pub source: Source,
}

/// How a page reaches the tab.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A page of the site, opened by its URL so its relative style sheet resolves. Its links
    /// to other local files are dropped: in a PDF they would point into this machine's
    /// (staging) folders.
    Site,
    /// A self-contained page (styles and charts inline, no links): its HTML is written into
    /// the open tab, as Puppeteer's `setContent` does, which spares Chromium a navigation,
    /// a new document and often a new renderer process per page.
    Standalone,
}

/// Loader ids of the documents whose `load` event fired in one tab, so a worker waits for
/// its page without polling.
#[derive(Default)]
struct Loads {
    done: Mutex<HashSet<String>>,
    changed: Condvar,
}

pub struct Printer {
    browser: Browser,
}

/// The Chromium to use: `SSME_CHROMIUM`, else /usr/bin/chromium, else the first of
/// chromium, chromium-browser or google-chrome on PATH.
pub fn chromium_path() -> Result<PathBuf> {
    locate(
        std::env::var_os("SSME_CHROMIUM"),
        Path::new("/usr/bin/chromium"),
        &std::env::var_os("PATH").unwrap_or_default(),
    )
}

fn locate(var: Option<OsString>, fixed: &Path, path_var: &OsStr) -> Result<PathBuf> {
    if let Some(path) = var.filter(|p| !p.is_empty()) {
        let path = PathBuf::from(path);
        if path.is_file() {
            return Ok(path);
        }
        bail!(
            "SSME_CHROMIUM apunta a {}, que no existe; corrija la ruta o quite la variable",
            path.display()
        );
    }
    if fixed.is_file() {
        return Ok(fixed.to_path_buf());
    }
    for name in ["chromium", "chromium-browser", "google-chrome"] {
        for dir in std::env::split_paths(path_var) {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Ok(candidate);
            }
        }
    }
    bail!(
        "no se encontró Chromium para imprimir los PDF: instálelo (en Debian o Ubuntu, \
         `sudo apt-get install chromium`) o indique su ruta en la variable SSME_CHROMIUM"
    )
}

impl Printer {
    /// Starts the headless browser (one process for the whole run).
    pub fn launch() -> Result<Printer> {
        let path = chromium_path()?;
        let options = LaunchOptions::default_builder()
            .path(Some(path.clone()))
            .headless(true)
            .sandbox(false)
            .enable_gpu(false)
            .idle_browser_timeout(Duration::from_secs(600))
            .args(FLAGS.iter().map(OsStr::new).collect())
            .build()
            .map_err(|e| anyhow!("{e}"))
            .context("opciones de Chromium")?;
        let browser = Browser::new(options)
            .map_err(|e| anyhow!("{e:#}"))
            .with_context(|| format!("no se pudo iniciar Chromium ({})", path.display()))?;
        Ok(Printer { browser })
    }

    /// Prints every job, a few tabs at a time; the first failure is reported.
    pub fn print_all(&self, jobs: &[PrintJob]) -> Result<()> {
        let work = batch::plan(jobs);
        let next = AtomicUsize::new(0);
        let failure: Mutex<Option<anyhow::Error>> = Mutex::new(None);
        let workers = TABS.min(work.len());
        std::thread::scope(|scope| {
            for _ in 0..workers {
                scope.spawn(|| {
                    let result = self.worker(&work, &next);
                    if let Err(e) = result {
                        // Stop the other tabs early and keep the first error.
                        next.store(work.len(), Ordering::SeqCst);
                        failure.lock().unwrap().get_or_insert(e);
                    }
                });
            }
        });
        match failure.into_inner().unwrap() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// One tab taking work until none is left.
    fn worker(&self, work: &[&[PrintJob]], next: &AtomicUsize) -> Result<()> {
        let tab = self
            .browser
            .new_tab()
            .map_err(|e| anyhow!("{e:#}"))
            .context("no se pudo abrir una pestaña de Chromium")?;
        tab.set_default_timeout(TIMEOUT);
        let loads = Arc::new(Loads::default());
        let listener = Arc::clone(&loads);
        tab.add_event_listener(Arc::new(move |event: &Event| {
            if let Event::PageLifecycleEvent(e) = event {
                if e.params.name == "load" {
                    let mut done = listener.done.lock().unwrap();
                    done.insert(e.params.loader_id.clone());
                    listener.changed.notify_all();
                }
            }
        }))
        .map_err(|e| anyhow!("{e:#}"))?;
        let result = (|| loop {
            let i = next.fetch_add(1, Ordering::SeqCst);
            let Some(jobs) = work.get(i) else {
                return Ok(());
            };
            match jobs {
                [job] => print_page(&tab, &loads, job)
                    .with_context(|| format!("no se pudo imprimir {}", job.html.display()))?,
                _ => batch::print_batch(&tab, &loads, jobs)?,
            }
        })();
        let _ = tab.close(false);
        result
    }
}

/// Two DevTools calls per page (open, print): each call of this crate waits up to 100 ms for
/// its socket, so few calls and several tabs at once are what make printing fast.
fn print_page(tab: &Arc<Tab>, loads: &Loads, job: &PrintJob) -> Result<()> {
    match job.source {
        Source::Site => {
            load(tab, loads, &file_url(&job.html)?)?;
            tab.evaluate(UNLINK_LOCAL, false)
                .map_err(|e| anyhow!("{e:#}"))?;
        }
        Source::Standalone => set_content(tab, &read(&job.html)?)?,
    }
    // A site page (an ola's deck) carries its outline; a lone card has a single heading.
    let bytes = print(tab, job.source == Source::Site)?;
    write(&job.pdf, &pdf::normalise(bytes))
}

/// Prints the tab's page: CSS page size, backgrounds and the structure tags; the outline only
/// when asked (a batch is split by it).
fn print(tab: &Arc<Tab>, outline: bool) -> Result<Vec<u8>> {
    let options = PrintToPdfOptions {
        print_background: Some(true),
        prefer_css_page_size: Some(true),
        generate_document_outline: Some(outline),
        generate_tagged_pdf: Some(true),
        ..Default::default()
    };
    tab.print_to_pdf(Some(options))
        .map_err(|e| anyhow!("{e:#}"))
}

/// Writes a self-contained page into the open tab, as Puppeteer's `setContent` does, and
/// waits for its fonts.
fn set_content(tab: &Arc<Tab>, html: &str) -> Result<()> {
    let script = format!(
        "document.open(); document.write({}); document.close(); document.fonts.ready.then(() => true)",
        serde_json::to_string(html)?
    );
    tab.evaluate(&script, true).map_err(|e| anyhow!("{e:#}"))?;
    Ok(())
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("no se pudo leer {}", path.display()))
}

const UNLINK_LOCAL: &str = "document.querySelectorAll('a[href]').forEach(a => { \
    if (a.protocol === 'file:' && !a.getAttribute('href').startsWith('#')) a.removeAttribute('href'); })";

/// Navigates and waits for the `load` event of the new document (its loader id).
fn load(tab: &Arc<Tab>, loads: &Loads, url: &str) -> Result<()> {
    let answer = tab
        .call_method(Navigate {
            url: url.to_string(),
            referrer: None,
            transition_Type: None,
            frame_id: None,
            referrer_policy: None,
        })
        .map_err(|e| anyhow!("{e:#}"))?;
    if let Some(error) = answer.error_text {
        bail!("Chromium no pudo abrir la página: {error}");
    }
    let loader = answer
        .loader_id
        .context("Chromium no informó el documento cargado")?;
    let deadline = Instant::now() + TIMEOUT;
    let mut done = loads.done.lock().unwrap();
    while !done.remove(&loader) {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            bail!("la página no terminó de cargar en {} s", TIMEOUT.as_secs());
        }
        done = loads.changed.wait_timeout(done, left).unwrap().0;
    }
    Ok(())
}

/// `file://` URL of a local file, percent-encoded.
fn file_url(path: &Path) -> Result<String> {
    let abs =
        std::path::absolute(path).with_context(|| format!("ruta inválida {}", path.display()))?;
    url::Url::from_file_path(&abs)
        .map(String::from)
        .map_err(|()| anyhow::anyhow!("ruta inválida {}", abs.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chromium_is_found_on_path_or_explained() {
        let dir = tempfile::tempdir().unwrap();
        let none = dir.path().join("no-existe");
        let err = locate(None, &none, OsStr::new("")).unwrap_err().to_string();
        assert!(err.contains("sudo apt-get install chromium"), "{err}");
        assert!(err.contains("SSME_CHROMIUM"), "{err}");

        let browser = dir.path().join("chromium-browser");
        std::fs::write(&browser, "").unwrap();
        let found = locate(None, &none, dir.path().as_os_str()).unwrap();
        assert_eq!(found, browser);
        let err = locate(Some(none.clone().into()), &browser, OsStr::new("")).unwrap_err();
        assert!(err.to_string().contains("SSME_CHROMIUM apunta a"), "{err}");
    }
}
