//! Atomic output: a build writes into a staging folder beside `output/` and swaps it in only
//! when every stage succeeded, so a failed build leaves the previous output untouched.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use anyhow::{Context, Result};

mod previous;
pub use previous::Previous;

pub struct Staging {
    target: PathBuf,
    tmp: PathBuf,
    committed: bool,
}

/// The staging folders of `target`'s builds: ".output.tmp-<pid>".
fn staging_prefix(target: &Path) -> String {
    let name = target
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("output");
    format!(".{name}.tmp-")
}

impl Staging {
    pub fn new(target: &Path) -> Result<Staging> {
        if target.is_symlink() {
            // Replacing it would publish (or delete) wherever the link points.
            anyhow::bail!(
                "{} es un enlace simbólico: ssme no escribe a través de él. Bórrelo (o cambie \
                 «salida») y vuelva a ejecutar",
                target.display()
            );
        }
        let prefix = staging_prefix(target);
        let tmp = target.with_file_name(format!("{prefix}{}", std::process::id()));
        remove_stale(target, &prefix)?;
        if tmp.exists() {
            std::fs::remove_dir_all(&tmp)
                .with_context(|| format!("no se pudo limpiar {}", tmp.display()))?;
        }
        std::fs::create_dir_all(&tmp)
            .with_context(|| format!("no se pudo crear {}", tmp.display()))?;
        Ok(Staging {
            target: target.to_path_buf(),
            tmp,
            committed: false,
        })
    }

    pub fn dir(&self) -> &Path {
        &self.tmp
    }

    /// The published tree this staged one replaces, for writers that can reuse its files.
    pub fn previous(&self) -> Previous<'_> {
        Previous {
            staged: &self.tmp,
            published: &self.target,
        }
    }

    /// Replaces the target with the staged folder in one atomic step: the two folders are
    /// exchanged (`renameat2` with `RENAME_EXCHANGE`), so at every instant the target is the
    /// old complete tree or the new one, even if the process is killed. The old tree, now in
    /// the staging folder's place, is deleted afterwards.
    pub fn commit(mut self) -> Result<()> {
        let publish_error =
            || format!("no se pudo publicar la salida en {}", self.target.display());
        if self.target.symlink_metadata().is_ok() {
            rustix::fs::renameat_with(
                rustix::fs::CWD,
                &self.tmp,
                rustix::fs::CWD,
                &self.target,
                rustix::fs::RenameFlags::EXCHANGE,
            )
            .map_err(std::io::Error::from)
            .with_context(publish_error)?;
        } else {
            std::fs::rename(&self.tmp, &self.target).with_context(publish_error)?;
            self.committed = true;
            return Ok(());
        }
        self.committed = true;
        remove_tree(&self.tmp)
            .with_context(|| format!("no se pudo borrar {}", self.tmp.display()))?;
        Ok(())
    }
}

/// Deletes the staging folders of builds that were killed (they may hold private data). A
/// folder whose process still runs belongs to a build under way and is left alone.
fn remove_stale(target: &Path, prefix: &str) -> Result<()> {
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(|n| n.strip_prefix(prefix)) else {
            continue;
        };
        let alive = pid.parse::<u32>().is_ok_and(|pid| {
            pid != std::process::id() && Path::new(&format!("/proc/{pid}")).exists()
        });
        if !alive && entry.file_type().is_ok_and(|t| t.is_dir()) {
            remove_tree(&entry.path()).with_context(|| {
                format!(
                    "no se pudo borrar la salida a medias {}",
                    entry.path().display()
                )
            })?;
        }
    }
    Ok(())
}

/// Threads deleting files at once in [`remove_tree`].
const REMOVERS: usize = 8;

/// Deletes a folder and everything in it, several files at a time. On some disks each unlink
/// waits on the file system journal; one at a time, the previous output of thousands of
/// report cards took seconds to delete, with the processor idle.
fn remove_tree(dir: &Path) -> std::io::Result<()> {
    let (mut files, mut dirs) = (Vec::new(), Vec::new());
    // Contents first: every folder comes after what it holds, ready to be removed in order.
    for entry in walkdir::WalkDir::new(dir).contents_first(true) {
        let entry = entry?;
        if entry.file_type().is_dir() {
            dirs.push(entry.into_path());
        } else {
            files.push(entry.into_path());
        }
    }
    let next = AtomicUsize::new(0);
    let failure: Mutex<Option<std::io::Error>> = Mutex::new(None);
    std::thread::scope(|scope| {
        for _ in 0..REMOVERS.min(files.len()) {
            scope.spawn(|| {
                while let Some(file) = files.get(next.fetch_add(1, Ordering::Relaxed)) {
                    if let Err(e) = std::fs::remove_file(file) {
                        failure.lock().unwrap().get_or_insert(e);
                        break;
                    }
                }
            });
        }
    });
    if let Some(e) = failure.into_inner().unwrap() {
        return Err(e);
    }
    dirs.iter().try_for_each(std::fs::remove_dir)
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.tmp);
        }
    }
}

/// Writes one file of the output, creating its folder: the file writer of every stage.
pub fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("no se pudo crear {}", parent.display()))?;
    }
    std::fs::write(path, bytes).with_context(|| format!("no se pudo escribir {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remove_tree_deletes_nested_folders_files_and_links() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("salida");
        for i in 0..40 {
            let dir = root.join(format!("ola-{}", i % 3)).join("fichas");
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(dir.join(format!("{i}.html")), "x").unwrap();
        }
        std::fs::create_dir_all(root.join("vacia")).unwrap();
        std::os::unix::fs::symlink(tmp.path(), root.join("enlace")).unwrap();
        remove_tree(&root).unwrap();
        assert!(!root.exists());
        // The link was removed, not followed.
        assert!(tmp.path().exists());
    }

    /// Publishes `n` builds into `target` while another thread looks at it without pause.
    /// Returns how many times the watcher found no `target` at all.
    fn missing_while_publishing(target: &Path, n: usize) -> usize {
        let done = std::sync::atomic::AtomicBool::new(false);
        std::thread::scope(|scope| {
            let watcher = scope.spawn(|| {
                let mut missing = 0;
                while !done.load(Ordering::Relaxed) {
                    if target.symlink_metadata().is_err() {
                        missing += 1;
                    }
                }
                missing
            });
            for i in 0..n {
                let staging = Staging::new(target).unwrap();
                std::fs::write(staging.dir().join("index.html"), i.to_string()).unwrap();
                staging.commit().unwrap();
            }
            done.store(true, Ordering::Relaxed);
            watcher.join().unwrap()
        })
    }

    #[test]
    fn output_is_never_missing_while_a_build_publishes() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("salida");
        let first = Staging::new(&target).unwrap();
        first.commit().unwrap();
        assert_eq!(missing_while_publishing(&target, 400), 0);
        assert_eq!(
            std::fs::read_to_string(target.join("index.html")).unwrap(),
            "399"
        );
        // Nothing is left beside it.
        let names: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn staging_folders_of_killed_builds_are_removed() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("salida");
        // A build killed long ago (no such process) and one under way (this test's parent
        // process exists, pid 1 always does).
        let dead = tmp.path().join(".salida.tmp-4000000000");
        let running = tmp.path().join(".salida.tmp-1");
        for dir in [&dead, &running] {
            std::fs::create_dir_all(dir.join("privado")).unwrap();
            std::fs::write(dir.join("privado/fichas.csv"), "privado").unwrap();
        }
        let staging = Staging::new(&target).unwrap();
        assert!(!dead.exists(), "the killed build's private data is gone");
        assert!(running.exists(), "a build under way is left alone");
        staging.commit().unwrap();
    }

    #[test]
    fn an_output_that_is_a_symbolic_link_is_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let elsewhere = tmp.path().join("otro");
        std::fs::create_dir_all(&elsewhere).unwrap();
        std::fs::write(elsewhere.join("importante.txt"), "x").unwrap();
        let target = tmp.path().join("salida");
        std::os::unix::fs::symlink(&elsewhere, &target).unwrap();
        let err = Staging::new(&target).err().expect("refused");
        assert!(
            format!("{err:#}").contains("es un enlace simbólico"),
            "{err:#}"
        );
        assert!(elsewhere.join("importante.txt").exists());
        assert!(target.is_symlink());
    }
}
