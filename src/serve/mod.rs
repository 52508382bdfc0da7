//! `ssme serve`: a live preview. The project is built into a private folder outside `output/`,
//! served on 127.0.0.1 and rebuilt when `data/`, `content/`, `templates/` or `ssme.yaml` change;
//! open pages reload over server-sent events. A failed rebuild keeps the last good site and
//! shows the error, as `ssme check` words it, over every open page.

mod http;
mod rebuild;
mod state;
mod watch;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{bail, Context, Result};
use clap::Args;

use state::Shared;

#[derive(Args)]
pub struct ServeArgs {
    /// Puerto en 127.0.0.1; si está ocupado, se usa el siguiente libre.
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// No escribir las fichas privadas (la vista previa se reconstruye más rápido).
    #[arg(long)]
    pub sin_fichas: bool,
}

/// Ports tried after the requested one when it is taken.
const PORT_TRIES: u16 = 50;

pub fn run(root: &Path, args: &ServeArgs) -> Result<i32> {
    let stop = Arc::new(AtomicBool::new(false));
    // The first Ctrl+C (or SIGTERM) stops cleanly; a second one, while stopping, exits at once.
    for signal in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        signal_hook::flag::register_conditional_shutdown(signal, 1, Arc::clone(&stop))
            .and_then(|_| signal_hook::flag::register(signal, Arc::clone(&stop)))
            .context("no se pudo atender las señales de terminación")?;
    }
    let workdir = PreviewDir::create()?;
    let shared = Arc::new(Shared::new(Arc::clone(&stop)));
    let (server, port) = bind(args.port)?;
    let server = Arc::new(server);

    let watcher = watch::Watcher::start(root)?;
    let (done_tx, builder_done) = std::sync::mpsc::channel::<()>();
    {
        let (root, shared, dir) = (root.to_path_buf(), Arc::clone(&shared), workdir.0.clone());
        let cards = !args.sin_fichas;
        std::thread::spawn(move || {
            rebuild::run(&root, &dir, cards, &shared, watcher);
            let _ = done_tx.send(());
        });
    }
    // The address is printed once the first build has finished, good or not.
    shared.wait_first_build();
    println!("Vista previa en http://127.0.0.1:{port}/ (fichas privadas en /privado/)");
    println!("Ctrl+C para detener.");

    let workers: Vec<_> = (0..4)
        .map(|_| {
            let (server, shared) = (Arc::clone(&server), Arc::clone(&shared));
            std::thread::spawn(move || http::serve(&server, &shared))
        })
        .collect();
    while !stop.load(Ordering::Relaxed) {
        std::thread::sleep(Duration::from_millis(100));
    }
    shared.notify_all();
    for _ in &workers {
        server.unblock();
    }
    for w in workers {
        let _ = w.join();
    }
    // A build under way stops after its current step; the folder is removed once nothing
    // writes to it any more.
    if builder_done
        .recv_timeout(Duration::from_millis(500))
        .is_err()
    {
        println!("Se espera a que termine la construcción en curso (Ctrl+C otra vez sale ya)…");
        let _ = builder_done.recv();
    }
    drop(workdir);
    println!("Vista previa detenida.");
    Ok(0)
}

/// Binds 127.0.0.1 on `port` or the next free one.
fn bind(port: u16) -> Result<(tiny_http::Server, u16)> {
    for p in port..=port.saturating_add(PORT_TRIES) {
        if let Ok(server) = tiny_http::Server::http(("127.0.0.1", p)) {
            return Ok((server, p));
        }
    }
    bail!(
        "no hay un puerto libre en 127.0.0.1 entre {port} y {}",
        port.saturating_add(PORT_TRIES)
    )
}

/// The folder the preview is built into: private to the user (it holds the cards) and removed
/// when the preview stops, so `output/` is never touched.
struct PreviewDir(PathBuf);

impl PreviewDir {
    fn create() -> Result<PreviewDir> {
        use std::os::unix::fs::DirBuilderExt;
        let dir = std::env::temp_dir().join(format!("ssme-serve-{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir)
                .with_context(|| format!("no se pudo limpiar {}", dir.display()))?;
        }
        std::fs::DirBuilder::new()
            .mode(0o700)
            .create(&dir)
            .with_context(|| format!("no se pudo crear {}", dir.display()))?;
        Ok(PreviewDir(dir))
    }
}

impl Drop for PreviewDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
