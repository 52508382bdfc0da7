//! Atomic output: a build writes into a staging folder beside `output/` and swaps it in only
//! when every stage succeeded, so a failed build leaves the previous output untouched.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use anyhow::{Context, Result};

pub struct Staging {
    target: PathBuf,
    tmp: PathBuf,
    committed: bool,
}

impl Staging {
    pub fn new(target: &Path) -> Result<Staging> {
        let name = target
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("output");
        let tmp = target.with_file_name(format!(".{name}.tmp-{}", std::process::id()));
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

    /// Replaces the target with the staged folder.
    pub fn commit(mut self) -> Result<()> {
        let name = self
            .target
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("output");
        let old = self
            .target
            .with_file_name(format!(".{name}.old-{}", std::process::id()));
        if self.target.exists() {
            std::fs::rename(&self.target, &old).with_context(|| {
                format!(
                    "no se pudo apartar la salida anterior {}",
                    self.target.display()
                )
            })?;
        }
        if let Err(e) = std::fs::rename(&self.tmp, &self.target) {
            // Put the previous output back before reporting.
            if old.exists() {
                let _ = std::fs::rename(&old, &self.target);
            }
            return Err(e).with_context(|| {
                format!("no se pudo publicar la salida en {}", self.target.display())
            });
        }
        self.committed = true;
        if old.exists() {
            remove_tree(&old).with_context(|| format!("no se pudo borrar {}", old.display()))?;
        }
        Ok(())
    }
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
}
