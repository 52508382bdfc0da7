//! Printing HTML pages to PDF with one headless Chromium per run, driven over its DevTools pipe
//! (`cdp`): the browser is launched once and a few tabs print pages in parallel, instead of one
//! process per page; self-contained pages (cards) go several to a print call (see `batch`).

mod batch;
mod cdp;
mod pdf;

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use anyhow::{bail, Context, Result};
use base64::Engine as _;
use serde_json::{json, Value};

use crate::output::write;
use cdp::{Browser, Tab};

/// Tabs printing at once: each lays out and prints on its own renderer, so a few keep the cores
/// busy while others wait on the pipe; more only compete for the same cores.
const TABS: usize = 3;

/// One page to print: an HTML file, the PDF to write and the PDF's title (its metadata).
#[derive(Debug, Clone)]
pub struct PrintJob {
    pub html: PathBuf,
    pub pdf: PathBuf,
    pub title: String,
    pub source: Source,
    pub options: PrintOptions,
}

/// How a page reaches the tab.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A page of the site, opened by its URL so its relative style sheet resolves. Its links
    /// to other local files are dropped: in a PDF they would point into this machine's
    /// (staging) folders.
    Site,
    /// A self-contained page (styles and charts inline, no links): its HTML is written into
    /// the open tab (`Page.setDocumentContent`), which spares Chromium a navigation, a new
    /// document and often a new renderer process per page.
    Standalone,
}

/// How Chromium prints a page (`Page.printToPDF`). The default suits every page of ssme: the
/// page size and margins from the page's CSS `@page`, backgrounds, a tagged (accessible) PDF
/// with an outline made from its headings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PrintOptions {
    /// The paper size of the CSS `@page` rule (a 16:9 deck, an A4 card) instead of Letter.
    pub prefer_css_page_size: bool,
    pub print_background: bool,
    /// Structure tags for screen readers.
    pub tagged: bool,
    /// Bookmarks from the headings.
    pub outline: bool,
}

impl Default for PrintOptions {
    fn default() -> Self {
        PrintOptions {
            prefer_css_page_size: true,
            print_background: true,
            tagged: true,
            outline: true,
        }
    }
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
        let browser = Browser::launch(&chromium_path()?)?;
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
            .open_tab()
            .context("no se pudo abrir una pestaña de Chromium")?;
        let page = Page::new(tab)?;
        loop {
            let i = next.fetch_add(1, Ordering::SeqCst);
            let Some(jobs) = work.get(i) else {
                return Ok(());
            };
            match jobs {
                [job] => print_page(&page, job)
                    .with_context(|| format!("no se pudo imprimir {}", job.html.display()))?,
                _ => batch::print_batch(&page, jobs)?,
            }
        }
    }
}

/// A tab ready to load and print: page events on, its main frame known.
struct Page<'b> {
    tab: Tab<'b>,
    frame: String,
}

impl<'b> Page<'b> {
    fn new(tab: Tab<'b>) -> Result<Page<'b>> {
        tab.call("Page.enable", json!({}))?;
        tab.call("Page.setLifecycleEventsEnabled", json!({ "enabled": true }))?;
        let tree = tab.call("Page.getFrameTree", json!({}))?;
        let frame = tree
            .pointer("/frameTree/frame/id")
            .and_then(Value::as_str)
            .context("Chromium no informó el marco de la pestaña")?
            .to_string();
        Ok(Page { tab, frame })
    }

    /// Navigates and waits for the `load` of the new document (by its loader id, so a late
    /// event of an earlier page is not taken for it).
    fn load(&self, url: &str) -> Result<()> {
        let answer = self.tab.call("Page.navigate", json!({ "url": url }))?;
        if let Some(error) = answer.get("errorText").and_then(Value::as_str) {
            bail!("Chromium no pudo abrir la página: {error}");
        }
        let loader = answer
            .get("loaderId")
            .and_then(Value::as_str)
            .context("Chromium no informó el documento cargado")?;
        self.tab
            .wait_for("la página no terminó de cargar", |event| {
                event["method"] == "Page.lifecycleEvent"
                    && event["params"]["name"] == "load"
                    && event["params"]["loaderId"] == loader
            })?;
        Ok(())
    }

    /// Writes a self-contained page into the tab and waits for its fonts.
    fn set_content(&self, html: &str) -> Result<()> {
        self.tab.call(
            "Page.setDocumentContent",
            json!({ "frameId": self.frame, "html": html }),
        )?;
        self.tab.evaluate(FONTS_READY)?;
        Ok(())
    }

    /// Prints the tab's page.
    fn print(&self, options: &PrintOptions) -> Result<Vec<u8>> {
        let result = self.tab.call(
            "Page.printToPDF",
            json!({
                "printBackground": options.print_background,
                "preferCSSPageSize": options.prefer_css_page_size,
                "generateTaggedPDF": options.tagged,
                "generateDocumentOutline": options.outline,
            }),
        )?;
        let data = result
            .get("data")
            .and_then(Value::as_str)
            .context("Chromium no devolvió el PDF")?;
        base64::engine::general_purpose::STANDARD
            .decode(data)
            .context("Chromium devolvió un PDF ilegible")
    }
}

const FONTS_READY: &str = "document.fonts.ready.then(() => true)";

const UNLINK_LOCAL: &str = "document.querySelectorAll('a[href]').forEach(a => { \
    if (a.protocol === 'file:' && !a.getAttribute('href').startsWith('#')) a.removeAttribute('href'); })";

/// Opens (or writes) the page and prints it as the job asks.
fn print_page(page: &Page, job: &PrintJob) -> Result<()> {
    match job.source {
        Source::Site => {
            page.load(&file_url(&job.html)?)?;
            page.tab.evaluate(UNLINK_LOCAL)?;
        }
        Source::Standalone => page.set_content(&read(&job.html)?)?,
    }
    let bytes = page.print(&job.options)?;
    write(&job.pdf, &pdf::normalise(bytes))
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("no se pudo leer {}", path.display()))
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
