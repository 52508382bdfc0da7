//! `ssme serve` as the analyst uses it: the real binary on a free port of 127.0.0.1, spoken to
//! over plain HTTP and its server-sent events; content and workbooks edited on disk while it
//! runs; stopped with SIGINT and SIGTERM.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

use calamine::Data;

/// Generous waits: builds share the machine with other work; the reload latency is printed.
const BUILD: Duration = Duration::from_secs(180);

struct Preview {
    child: Child,
    port: u16,
    lines: Receiver<String>,
    log: Vec<String>,
}

impl Preview {
    fn start(root: &Path, args: &[&str]) -> Preview {
        let mut child = Command::new(env!("CARGO_BIN_EXE_ssme"))
            .arg("--root")
            .arg(root)
            .arg("serve")
            .args(args)
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let (tx, lines) = channel();
        let stdout = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                if tx.send(line.unwrap()).is_err() {
                    break;
                }
            }
        });
        let mut preview = Preview {
            child,
            port: 0,
            lines,
            log: Vec::new(),
        };
        let line = preview.wait_line(|l| l.contains("http://127.0.0.1:"));
        let port = common::after(&line, "http://127.0.0.1:");
        preview.port = common::until(port, "/").parse().unwrap();
        preview
    }

    /// Waits for a line of the preview's output (all lines are kept in `log`).
    fn wait_line(&mut self, pred: impl Fn(&str) -> bool) -> String {
        let end = Instant::now() + BUILD;
        loop {
            let left = end.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    self.log.push(line.clone());
                    if pred(&line) {
                        return line;
                    }
                }
                Err(_) => panic!("la vista previa no escribió lo esperado: {:?}", self.log),
            }
        }
    }

    fn get(&self, path: &str) -> Reply {
        get(self.port, path)
    }

    fn signal(&mut self, name: &str) -> (bool, Vec<String>) {
        // The private folder the preview builds into, removed when it stops.
        let dir = std::env::temp_dir().join(format!("ssme-serve-{}", self.child.id()));
        assert!(dir.is_dir(), "{}", dir.display());
        let ok = Command::new("kill")
            .args([name, &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(ok.success());
        // A build under way is finished first (the cards may take a while on a busy machine).
        let end = Instant::now() + BUILD;
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            assert!(
                Instant::now() < end,
                "la vista previa no se detuvo con {name}"
            );
            std::thread::sleep(Duration::from_millis(50));
        };
        while let Ok(line) = self.lines.recv_timeout(Duration::from_secs(2)) {
            self.log.push(line);
        }
        assert!(!dir.exists(), "quedó {}", dir.display());
        (status.success(), self.log.clone())
    }
}

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Reply {
    code: u16,
    content_type: String,
    location: String,
    body: String,
}

fn get(port: u16, path: &str) -> Reply {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap();
    let header = |name: &str| {
        head.lines()
            .find_map(|l| {
                let (k, v) = l.split_once(':')?;
                k.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
            })
            .unwrap_or_default()
    };
    Reply {
        code: head[9..12].parse().unwrap(),
        content_type: header("Content-Type"),
        location: header("Location"),
        body: body.to_string(),
    }
}

/// The event stream of an open page: each `estado` event as JSON.
struct Events(BufReader<TcpStream>);

impl Events {
    fn open(port: u16) -> Events {
        let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
        write!(
            s,
            "GET /__ssme/eventos HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
        )
        .unwrap();
        s.set_read_timeout(Some(Duration::from_millis(500)))
            .unwrap();
        let mut events = Events(BufReader::new(s));
        let status = events.line(Instant::now() + Duration::from_secs(10));
        assert!(status.starts_with("HTTP/1.1 200"), "{status}");
        events
    }

    fn line(&mut self, end: Instant) -> String {
        let mut line = String::new();
        loop {
            match self.0.read_line(&mut line) {
                Ok(0) => panic!("el flujo de eventos se cerró"),
                Ok(_) if line.ends_with('\n') => return line.trim_end().to_string(),
                Ok(_) => {}
                Err(e)
                    if e.kind() == std::io::ErrorKind::WouldBlock
                        || e.kind() == std::io::ErrorKind::TimedOut => {}
                Err(e) => panic!("{e}"),
            }
            assert!(Instant::now() < end, "no llegó ningún evento a tiempo");
        }
    }

    /// The next status that satisfies `pred`.
    fn until(&mut self, pred: impl Fn(&serde_json::Value) -> bool) -> serde_json::Value {
        let end = Instant::now() + BUILD;
        let mut event = String::new();
        loop {
            let line = self.line(end);
            if let Some(name) = line.strip_prefix("event: ") {
                event = name.to_string();
            } else if let Some(data) = line.strip_prefix("data: ") {
                assert_eq!(event, "estado");
                let status: serde_json::Value = serde_json::from_str(data).unwrap();
                if pred(&status) {
                    return status;
                }
            }
        }
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Replaces a workbook as an editor saves it: written beside, then renamed over the original.
fn replace_file(path: &Path, bytes: &[u8]) {
    let tmp = path.with_extension("guardando");
    std::fs::write(&tmp, bytes).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

#[test]
fn preview_reloads_on_edits_shows_errors_and_stops_on_sigint() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("proyecto");
    common::copy_project(&root);
    let mut preview = Preview::start(&root, &["--port", &free_port().to_string()]);

    // The site, with its content types, and the reload script injected only when serving.
    let home = preview.get("/");
    assert_eq!(home.code, 200);
    assert_eq!(home.content_type, "text/html; charset=utf-8");
    assert!(home.body.contains("/__ssme/eventos"), "{}", home.body);
    assert_eq!(
        preview.get("/static/estilo.css").content_type,
        "text/css; charset=utf-8"
    );
    let folder = preview.get("/ola-4");
    assert_eq!((folder.code, folder.location.as_str()), (301, "/ola-4/"));
    let ola = preview.get("/ola-4/");
    assert_eq!(ola.code, 200);
    assert!(ola.body.contains("IV Ola"));
    let svg = ola
        .body
        .split('"')
        .find(|s| s.ends_with(".svg"))
        .map(|s| format!("/ola-4/{s}"));
    if let Some(svg) = svg {
        assert_eq!(
            preview.get(&svg).content_type,
            "image/svg+xml; charset=utf-8"
        );
    }
    // No listing, nothing outside the build, no private card in the public tree.
    assert_eq!(preview.get("/static/").code, 404);
    assert_eq!(preview.get("/../data/correo.yaml").code, 404);
    assert_eq!(preview.get("/%2e%2e/%2e%2e/etc/passwd").code, 404);
    assert_eq!(preview.get("/ola-4/fichas/index.html").code, 404);

    let mut events = Events::open(preview.port);
    // The private cards come after the site, under their own path.
    let built = events.until(|s| s["fichas"].as_u64() >= Some(1));
    let index = preview.get("/privado/ola-4/fichas/index.html");
    assert_eq!(index.code, 200);
    let card = index
        .body
        .split('"')
        .find(|s| s.starts_with("IC-") && s.ends_with(".html"))
        .expect("el índice enlaza las fichas")
        .to_string();
    let card = preview.get(&format!("/privado/ola-4/fichas/{card}"));
    assert_eq!(card.code, 200);
    assert!(card.body.contains("/__ssme/eventos"));
    assert!(
        !root.join("output").exists(),
        "la vista previa no toca output/"
    );
    let reads = preview
        .log
        .iter()
        .filter(|l| l.contains("Libros leídos"))
        .count();
    assert_eq!(reads, 1, "{:?}", preview.log);

    // A content edit: the open page is told to reload and the new text is served.
    let generation = built["generacion"].as_u64().unwrap();
    let text = "Frase escrita durante la vista previa.";
    let page = root.join("content/sitio.md");
    let mut md = std::fs::read_to_string(&page).unwrap();
    md.push_str(&format!("\n{text}\n"));
    let saved = Instant::now();
    std::fs::write(&page, md).unwrap();
    events.until(|s| s["generacion"].as_u64() > Some(generation) && s["error"].is_null());
    let home = preview.get("/");
    let latency = saved.elapsed();
    eprintln!(
        "recarga tras editar el contenido: {} ms",
        latency.as_millis()
    );
    assert!(home.body.contains(text), "{}", home.body);
    preview.wait_line(|l| l.starts_with("✓ Sitio construido"));
    let reads = preview
        .log
        .iter()
        .filter(|l| l.contains("Libros leídos"))
        .count();
    assert_eq!(
        reads, 1,
        "un cambio de contenido no vuelve a leer los libros"
    );

    // A broken cell: every open page shows the error as `ssme check` words it; the last good
    // site is still served, with the overlay.
    let book = root.join("data/olas/3/respuestas-iii-ola.xlsx");
    let good = std::fs::read(&book).unwrap();
    let scratch = tempfile::tempdir().unwrap();
    let broken = scratch.path().join("libro.xlsx");
    std::fs::write(&broken, &good).unwrap();
    let header = "¿Cuál es el porcentaje de avance general de la hoja de ruta de la iniciativa?";
    common::rewrite::rewrite_xlsx(&broken, 0, |sheet, row, h, _| {
        (sheet == "Respuestas" && row == 5 && h == header).then(|| Data::String("muchísimo".into()))
    });
    let check_tmp = tempfile::tempdir().unwrap();
    common::copy_dir(&root, check_tmp.path());
    std::fs::copy(
        &broken,
        check_tmp.path().join("data/olas/3/respuestas-iii-ola.xlsx"),
    )
    .unwrap();
    let check = common::ssme(check_tmp.path(), &["check"]);
    assert_eq!(check.code, 1, "{}", check.stdout);
    let errors: Vec<&str> = check
        .stdout
        .lines()
        .filter(|l| l.starts_with("error: "))
        .collect();
    assert_eq!(errors.len(), 1, "{}", check.stdout);
    assert!(errors[0].contains("muchísimo"), "{}", errors[0]);
    assert!(
        errors[0].contains(" › Respuestas › "),
        "sin celda: {}",
        errors[0]
    );

    replace_file(&book, &std::fs::read(&broken).unwrap());
    let failed = events.until(|s| s["error"].is_string());
    let error = failed["error"].as_str().unwrap();
    assert!(error.contains(errors[0]), "{error}\n≠ {}", errors[0]);
    let home = preview.get("/");
    assert_eq!(home.code, 200);
    assert!(
        home.body.contains(text),
        "se sigue sirviendo el último sitio"
    );
    assert!(home.body.contains("id=\"ssme-error\""));
    assert!(
        home.body.contains(&common::escape(errors[0])),
        "{}",
        home.body
    );
    let card = preview.get("/privado/ola-4/fichas/index.html");
    assert!(card.body.contains("id=\"ssme-error\""));

    // Fixed: the site is built again and the overlay is gone.
    replace_file(&book, &good);
    events.until(|s| {
        s["error"].is_null() && s["generacion"].as_u64() > failed["generacion"].as_u64()
    });
    let home = preview.get("/");
    assert!(home.body.contains(text));
    assert!(!home.body.contains("id=\"ssme-error\""));

    let port = preview.port;
    let (ok, log) = preview.signal("-INT");
    assert!(ok, "{log:?}");
    assert!(log.iter().any(|l| l == "Vista previa detenida."), "{log:?}");
    assert!(TcpStream::connect(("127.0.0.1", port)).is_err());
}

#[test]
fn a_taken_port_moves_to_the_next_and_sigterm_stops_cleanly() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("proyecto");
    common::copy_project(&root);
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let mut preview = Preview::start(&root, &["--port", &port.to_string(), "--sin-fichas"]);
    assert_ne!(preview.port, port);
    assert!(preview.port > port);
    assert_eq!(preview.get("/").code, 200);
    let private = preview.get("/privado/ola-4/fichas/index.html");
    assert_eq!(private.code, 503, "sin fichas no hay nada en /privado/");
    let served = preview.port;
    let (ok, log) = preview.signal("-TERM");
    assert!(ok, "{log:?}");
    assert!(log.iter().any(|l| l == "Vista previa detenida."), "{log:?}");
    assert!(TcpStream::connect(("127.0.0.1", served)).is_err());
    drop(taken);
}
