//! What the builder tells the server: the folders of the last good site and cards, their
//! generations, and the error of the last build when it failed. Event streams wait on a
//! condition variable.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

use serde::Serialize;

#[derive(Clone, Default, Serialize)]
pub struct Status {
    /// Number of good site builds so far; a page built by an older one reloads.
    pub generacion: u64,
    /// The same for the private cards, which are written after the site.
    pub fichas: u64,
    /// The last build's error, while it has not been fixed.
    pub error: Option<String>,
    /// Changes on every build, good or not (events are sent when it moves).
    #[serde(skip)]
    pub version: u64,
    /// The folder of the last good site.
    #[serde(skip)]
    pub site: Option<PathBuf>,
    /// The folder of the last good cards (`ola-N/fichas/`).
    #[serde(skip)]
    pub cards: Option<PathBuf>,
}

#[derive(Clone, Copy)]
pub enum Tree {
    Site,
    Cards,
}

pub struct Shared {
    status: Mutex<Status>,
    changed: Condvar,
    stop: Arc<AtomicBool>,
}

impl Shared {
    pub fn new(stop: Arc<AtomicBool>) -> Shared {
        Shared {
            status: Mutex::new(Status::default()),
            changed: Condvar::new(),
            stop,
        }
    }

    fn lock(&self) -> MutexGuard<'_, Status> {
        self.status.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn status(&self) -> Status {
        self.lock().clone()
    }

    pub fn stopping(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }

    /// A good build of the site (or of the cards): its folder is served from now on; the
    /// previous one is returned to delete.
    pub fn publish(&self, tree: Tree, dir: PathBuf) -> Option<PathBuf> {
        let mut s = self.lock();
        let old = match tree {
            Tree::Site => {
                s.generacion += 1;
                s.site.replace(dir)
            }
            Tree::Cards => {
                s.fichas += 1;
                s.cards.replace(dir)
            }
        };
        s.version += 1;
        s.error = None;
        self.changed.notify_all();
        old
    }

    /// A failed build: the last good site stays, with the error over it.
    pub fn fail(&self, error: String) {
        let mut s = self.lock();
        s.error = Some(error);
        s.version += 1;
        self.changed.notify_all();
    }

    pub fn notify_all(&self) {
        self.changed.notify_all();
    }

    pub fn wait_first_build(&self) {
        let mut s = self.lock();
        while s.version == 0 && !self.stopping() {
            s = self
                .changed
                .wait_timeout(s, Duration::from_millis(200))
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
    }

    /// Waits until the status moves past `version`, up to `timeout`; None when it did not.
    pub fn wait_change(&self, version: u64, timeout: Duration) -> Option<Status> {
        let s = self.lock();
        let (s, _) = self
            .changed
            .wait_timeout_while(s, timeout, |s| s.version == version && !self.stopping())
            .unwrap_or_else(|e| e.into_inner());
        (s.version != version).then(|| s.clone())
    }
}
