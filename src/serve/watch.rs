//! Watching the project's sources with notify's debouncer: a burst of saves is one change, and
//! a change is sorted by what it needs (a new render, or reading the workbooks again).

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::Duration;

use anyhow::{Context, Result};
use notify_debouncer_full::notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult, Debouncer, RecommendedCache};

/// Saves closer together than this are one change.
const DEBOUNCE: Duration = Duration::from_millis(150);

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// `content/` or `templates/`: render again with the data already read.
    Render,
    /// `data/` or `ssme.yaml`: read the configuration and the workbooks again.
    Data,
}

pub struct Watcher {
    root: PathBuf,
    _debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    events: Receiver<DebounceEventResult>,
}

impl Watcher {
    pub fn start(root: &Path) -> Result<Watcher> {
        let root = std::path::absolute(root)
            .with_context(|| format!("carpeta del proyecto {}", root.display()))?;
        let (tx, events) = std::sync::mpsc::channel();
        let mut debouncer = new_debouncer(DEBOUNCE, None, tx)
            .context("no se pudo vigilar los archivos del proyecto")?;
        // The root itself (for ssme.yaml) without descending into output/.
        debouncer
            .watch(&root, RecursiveMode::NonRecursive)
            .with_context(|| format!("no se pudo vigilar {}", root.display()))?;
        for dir in ["data", "content", "templates"] {
            let path = root.join(dir);
            if path.is_dir() {
                debouncer
                    .watch(&path, RecursiveMode::Recursive)
                    .with_context(|| format!("no se pudo vigilar {}", path.display()))?;
            }
        }
        Ok(Watcher {
            root,
            _debouncer: debouncer,
            events,
        })
    }

    /// Blocks until a relevant change, or returns None once `stop()` is true.
    pub fn next(&self, stop: impl Fn() -> bool) -> Option<Change> {
        loop {
            if stop() {
                return None;
            }
            match self.events.recv_timeout(Duration::from_millis(100)) {
                Ok(batch) => {
                    let mut change = self.classify(batch);
                    // Anything else already queued joins this change.
                    while let Ok(more) = self.events.try_recv() {
                        change = change.max(self.classify(more));
                    }
                    if change.is_some() {
                        return change;
                    }
                }
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => return None,
            }
        }
    }

    fn classify(&self, batch: DebounceEventResult) -> Option<Change> {
        let Ok(events) = batch else {
            // The watcher lost track (e.g. a folder replaced): read everything again.
            return Some(Change::Data);
        };
        // Reading a file is an event too (the build's own reads): only changes count.
        events
            .iter()
            .filter(|e| !matches!(e.kind, EventKind::Access(_)))
            .flat_map(|e| e.paths.iter())
            .filter_map(|p| self.kind(p))
            .max()
    }

    fn kind(&self, path: &Path) -> Option<Change> {
        let rel = path.strip_prefix(&self.root).ok()?;
        let first = rel.components().next()?.as_os_str().to_str()?;
        match first {
            "data" | "ssme.yaml" => Some(Change::Data),
            "content" | "templates" => Some(Change::Render),
            _ => None,
        }
    }
}
