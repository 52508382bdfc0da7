//! The preview's HTTP side (tiny_http): files of the last good build with their content type,
//! no directory listing, the private cards under `/privado/`, the reload script injected into
//! every HTML page and the event stream it listens to.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use tiny_http::{Header, Method, Request, Response, Server};

use super::state::{Shared, Status};

/// The path of the event stream; `/__ssme/` is never a file of the site.
pub const EVENTS: &str = "/__ssme/eventos";
const RELOAD_JS: &str = include_str!("recarga.js");

pub fn serve(server: &Server, shared: &Arc<Shared>) {
    while !shared.stopping() {
        match server.recv_timeout(Duration::from_millis(200)) {
            Ok(Some(request)) => handle(request, shared),
            Ok(None) => {}
            Err(_) => break,
        }
    }
}

fn handle(request: Request, shared: &Arc<Shared>) {
    if !matches!(request.method(), Method::Get | Method::Head) {
        let _ = request.respond(text(405, "Método no admitido"));
        return;
    }
    let path = request
        .url()
        .split(['?', '#'])
        .next()
        .unwrap_or("/")
        .to_string();
    if path == EVENTS {
        let shared = Arc::clone(shared);
        std::thread::spawn(move || stream_events(request, &shared));
        return;
    }
    let status = shared.status();
    let response = match resolve(&status, &path) {
        Resolved::File(file) => file_response(&file, &status),
        Resolved::Folder => {
            let _ = request.respond(redirect(&format!("{path}/")));
            return;
        }
        Resolved::Missing => html(404, &not_found(&path), &status),
        Resolved::NotBuilt => html(
            503,
            "<!DOCTYPE html><html lang=\"es\"><meta charset=\"utf-8\"><title>Vista previa</title>\
             <body><h1>Aún no hay nada construido: vea el error</h1></body></html>",
            &status,
        ),
    };
    let _ = request.respond(response);
}

enum Resolved {
    File(PathBuf),
    /// A folder with an index, asked without the final slash.
    Folder,
    Missing,
    /// No good build of that tree yet.
    NotBuilt,
}

/// Maps a URL path to a file of the last good build: `/privado/…` to the cards, the rest to
/// the public site. Only plain segments are followed (no `..`, no hidden names), and the file
/// must stay inside its folder once links are resolved.
fn resolve(status: &Status, url_path: &str) -> Resolved {
    let decoded: Option<Vec<String>> = url_path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|s| {
            percent_encoding::percent_decode_str(s)
                .decode_utf8()
                .ok()
                .map(|s| s.into_owned())
        })
        .collect();
    let Some(segments) = decoded else {
        return Resolved::Missing;
    };
    if segments
        .iter()
        .any(|s| s.starts_with('.') || s.contains(['/', '\\', '\0']))
    {
        return Resolved::Missing;
    }
    let (base, rest) = match segments.split_first() {
        Some((first, rest)) if first == "privado" => (&status.cards, rest),
        _ => (&status.site, &segments[..]),
    };
    let Some(base) = base else {
        return Resolved::NotBuilt;
    };
    let mut file = base.clone();
    file.extend(rest);
    if file.is_dir() {
        let index = file.join("index.html");
        if !index.is_file() {
            return Resolved::Missing;
        }
        if !url_path.ends_with('/') {
            return Resolved::Folder;
        }
        file = index;
    }
    match (file.canonicalize(), base.canonicalize()) {
        (Ok(f), Ok(b)) if f.starts_with(&b) && f.is_file() => Resolved::File(f),
        _ => Resolved::Missing,
    }
}

fn file_response(file: &Path, status: &Status) -> Response<std::io::Cursor<Vec<u8>>> {
    let Ok(bytes) = std::fs::read(file) else {
        return text(404, "No encontrado");
    };
    let mime = mime_guess::from_path(file).first_or_octet_stream();
    if mime.essence_str() == "text/html" {
        return html(200, &String::from_utf8_lossy(&bytes), status);
    }
    let content_type = match mime.type_() {
        mime_guess::mime::TEXT => format!("{}; charset=utf-8", mime.essence_str()),
        _ if mime.essence_str() == "image/svg+xml" => "image/svg+xml; charset=utf-8".into(),
        _ => mime.essence_str().to_string(),
    };
    with_headers(Response::from_data(bytes), &content_type)
}

/// An HTML page with the reload script and, while the last build failed, the error over it.
fn html(code: u16, page: &str, status: &Status) -> Response<std::io::Cursor<Vec<u8>>> {
    let mut snippet = String::new();
    if let Some(error) = &status.error {
        snippet.push_str(&overlay(error));
    }
    snippet.push_str(&format!(
        "<script>{}</script>",
        RELOAD_JS
            .replace("__GENERACION__", &status.generacion.to_string())
            .replace("__FICHAS__", &status.fichas.to_string())
            .replace("__EVENTOS__", EVENTS)
    ));
    let body = match page.rfind("</body>") {
        Some(at) => format!("{}{snippet}{}", &page[..at], &page[at..]),
        None => format!("{page}{snippet}"),
    };
    with_headers(
        Response::from_string(body).with_status_code(code),
        "text/html; charset=utf-8",
    )
}

/// The error box, also built by the script when an error arrives on an open page.
fn overlay(error: &str) -> String {
    format!(
        "<div id=\"ssme-error\" role=\"alert\" style=\"position:fixed;inset:0;z-index:2147483647;\
         overflow:auto;background:rgba(40,0,0,.92);color:#fff;padding:2rem;font:15px/1.5 \
         system-ui,sans-serif\"><h2 style=\"margin-top:0\">La construcción falló: se muestra \
         el último sitio correcto</h2><pre style=\"white-space:pre-wrap;font:14px/1.5 \
         monospace\">{}</pre></div>",
        escape(error)
    )
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

fn not_found(path: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"es\"><meta charset=\"utf-8\"><title>No encontrado</title>\
         <body><h1>No encontrado</h1><p>La vista previa no tiene {}.</p></body></html>",
        escape(path)
    )
}

fn text(code: u16, body: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    with_headers(
        Response::from_string(body).with_status_code(code),
        "text/plain; charset=utf-8",
    )
}

fn redirect(to: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    let mut r = text(301, "");
    r.add_header(header("Location", to));
    r
}

fn with_headers<R: std::io::Read>(mut r: Response<R>, content_type: &str) -> Response<R> {
    r.add_header(header("Content-Type", content_type));
    r.add_header(header("Cache-Control", "no-store"));
    r.add_header(header("X-Content-Type-Options", "nosniff"));
    r
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("cabecera ASCII")
}

/// Server-sent events: the status now, then each time it changes; a comment line every few
/// seconds notices a closed page.
fn stream_events(request: Request, shared: &Shared) {
    let mut out = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\n\
                Cache-Control: no-store\r\nConnection: close\r\n\r\n";
    let mut status = shared.status();
    if out.write_all(head.as_bytes()).is_err() || send(&mut out, &status).is_err() {
        return;
    }
    while !shared.stopping() {
        let line = match shared.wait_change(status.version, Duration::from_secs(5)) {
            Some(s) => {
                status = s;
                send(&mut out, &status)
            }
            None => out.write_all(b": sigue\n\n").and_then(|_| out.flush()),
        };
        if line.is_err() {
            return;
        }
    }
}

fn send(out: &mut impl Write, status: &Status) -> std::io::Result<()> {
    let json = serde_json::to_string(status).unwrap_or_default();
    write!(out, "event: estado\ndata: {json}\n\n")?;
    out.flush()
}
