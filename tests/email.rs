//! `ssme email` against a real SMTP server on 127.0.0.1 (tests/smtp/servidor.py, aiosmtpd), with
//! the real cards of the sample (IV ola, PDF through Chromium): every director gets exactly one
//! message, read back with a MIME parser, with the card attached and its areas chart inline (a
//! PNG decoded here); failures are retried or reported; a killed run resumes without sending
//! twice; a dry run sends nothing.

mod common;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use common::{after, until};
use mail_parser::{MessageParser, MimeHeaders};

/// The sample project with its IV ola cards built once (HTML and PDF).
fn built_project() -> &'static Path {
    static BUILT: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &BUILT
        .get_or_init(|| {
            let tmp = tempfile::tempdir().unwrap();
            let root = tmp.path().join("proyecto");
            common::copy_project(&root);
            let run = common::ssme(&root, &["cards", "--ola", "4", "--pdf"]);
            assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
            (tmp, root)
        })
        .1
}

#[derive(Debug, serde::Deserialize)]
struct Card {
    id: String,
    nombre: String,
    director: String,
    correo: String,
    puntaje: String,
    nivel: String,
    html: String,
    pdf: String,
    puesto: String,
}

fn fichas(root: &Path) -> PathBuf {
    root.join("output/privado/ola-4/fichas")
}

fn cards(root: &Path) -> Vec<Card> {
    csv::Reader::from_path(fichas(root).join("fichas.csv"))
        .unwrap()
        .deserialize()
        .map(|r| r.unwrap())
        .collect()
}

/// A copy of the built project whose `data/correo.yaml` points at `port` without TLS.
fn project_for(port: u16) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("proyecto");
    common::copy_dir(built_project(), &root);
    std::fs::write(
        root.join("data/correo.yaml"),
        format!(
            "servidor: 127.0.0.1\npuerto: {port}\nseguridad: ninguna\n\
             remitente: \"SSME Red Cluster Colombia <ssme@redclustercolombia.gov.co>\"\n\
             responder_a: \"Equipo SSME <ssme@redclustercolombia.gov.co>\"\n\
             por_minuto: 100000\nintentos: 4\nespera_inicial_s: 0.05\n"
        ),
    )
    .unwrap();
    (tmp, root)
}

struct Server {
    child: Child,
    port: u16,
    inbox: tempfile::TempDir,
}

impl Server {
    fn start(extra: &[&str]) -> Server {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let inbox = tempfile::tempdir().unwrap();
        let mut child = Command::new("python3")
            .arg(common::repo().join("tests/smtp/servidor.py"))
            .args(["--port", &port.to_string(), "--dir"])
            .arg(inbox.path())
            .args(extra)
            .stdout(Stdio::piped())
            .spawn()
            .expect("python3 con aiosmtpd (./scripts/test.sh lo instala)");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        assert!(
            line.starts_with("LISTO"),
            "el servidor SMTP no arrancó (¿falta aiosmtpd? ejecute ./scripts/test.sh): {line:?}"
        );
        Server { child, port, inbox }
    }

    /// Accepted messages: recipient → raw messages.
    fn received(&self) -> BTreeMap<String, Vec<Vec<u8>>> {
        let mut out: BTreeMap<String, Vec<Vec<u8>>> = BTreeMap::new();
        for e in std::fs::read_dir(self.inbox.path()).unwrap() {
            let path = e.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let Some(rcpt) = name.strip_suffix(".eml") else {
                continue;
            };
            let rcpt = rcpt.split_once('-').unwrap().1.to_string();
            out.entry(rcpt)
                .or_default()
                .push(std::fs::read(&path).unwrap());
        }
        out
    }

    fn count(&self) -> usize {
        self.received().values().map(Vec::len).sum()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Each card's director has exactly one message, except those in `missing`, who have none.
fn assert_one_each(server: &Server, root: &Path, missing: &[&str]) {
    let got = server.received();
    for c in cards(root) {
        let n = got.get(&c.correo.to_lowercase()).map_or(0, Vec::len);
        let want = usize::from(!missing.contains(&c.correo.as_str()));
        assert_eq!(n, want, "{} <{}> recibió {n} mensajes", c.id, c.correo);
    }
    assert_eq!(server.count(), cards(root).len() - missing.len());
}

#[test]
fn every_director_receives_exactly_one_intact_message() {
    let server = Server::start(&[]);
    let (_tmp, root) = project_for(server.port);
    let run = common::ssme(&root, &["email", "--send"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let all = cards(&root);
    assert_eq!(all.len(), 100);
    assert_one_each(&server, &root, &[]);
    assert!(run.stdout.contains("enviados: 100"), "{}", run.stdout);

    let got = server.received();
    for c in &all {
        let raw = &got[&c.correo.to_lowercase()][0];
        let msg = MessageParser::default().parse(raw).unwrap();
        let subject = msg.subject().unwrap();
        assert!(subject.contains(&c.nombre), "{subject}");
        assert!(subject.contains("IV Ola"), "{subject}");
        let text = msg.body_text(0).unwrap();
        let html = msg.body_html(0).unwrap();
        for part in [&text, &html] {
            assert!(part.contains(&c.puntaje), "{}: {part}", c.id);
        }
        assert!(text.contains(&c.director), "{text}");
        assert!(text.contains(&c.nivel), "{text}");
        assert_eq!(msg.attachment_count(), 2, "{}: la ficha y el gráfico", c.id);
        let att = msg
            .attachments()
            .find(|a| a.attachment_name().is_some())
            .unwrap();
        assert_eq!(att.attachment_name(), Some(c.pdf.as_str()));
        assert_eq!(att.content_type().unwrap().subtype(), Some("pdf"));
        let card = std::fs::read(fichas(&root).join(&c.pdf)).unwrap();
        assert!(
            att.contents() == card.as_slice(),
            "{}: adjunto alterado",
            c.id
        );
        assert_inline_chart(&msg, &html, &root, c);
        assert_story(&text, &html, &root, c);
    }

    // A second run sends nothing new.
    let again = common::ssme(&root, &["email", "--send"]);
    assert_eq!(again.code, 0, "{}", again.stdout);
    assert!(
        again
            .stdout
            .contains("enviados: 0 · omitidos (ya enviados): 100"),
        "{}",
        again.stdout
    );
    assert_eq!(server.count(), 100);
}

/// The HTML part shows the card's areas chart from an inline PNG part: referenced by its
/// Content-ID, as large as the card's SVG at 1,5 pixels per unit, and a real picture (the
/// level colours of the card's bars, not a blank canvas).
fn assert_inline_chart(msg: &mail_parser::Message, html: &str, root: &Path, c: &Card) {
    let cid = until(after(html, "src=\"cid:"), "\"");
    let image = msg
        .attachments()
        .find(|a| a.content_id() == Some(cid))
        .unwrap_or_else(|| panic!("{}: ninguna parte con Content-ID {cid}", c.id));
    assert_eq!(image.content_type().unwrap().ctype(), "image");
    assert_eq!(image.content_type().unwrap().subtype(), Some("png"));
    assert!(
        image.attachment_name().is_none(),
        "{}: la imagen va en línea",
        c.id
    );

    let card = std::fs::read_to_string(fichas(root).join(&c.html)).unwrap();
    let view_box = until(
        after(
            &card,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ",
        ),
        "\"",
    );
    let (w, h) = view_box.split_once(' ').unwrap();
    let (w, h): (f64, f64) = (w.parse().unwrap(), h.parse().unwrap());

    let mut reader = png::Decoder::new(std::io::Cursor::new(image.contents()))
        .read_info()
        .unwrap();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut pixels).unwrap();
    assert_eq!(
        (info.width, info.height),
        ((w * 1.5).round() as u32, (h * 1.5).round() as u32),
        "{}",
        c.id
    );
    assert_eq!(info.width, 1200, "{}", c.id);
    assert_eq!(info.color_type, png::ColorType::Rgb);
    let pixels = &pixels[..info.buffer_size()];
    let colours: std::collections::HashSet<&[u8]> = pixels.chunks(3).collect();
    let white = pixels.chunks(3).filter(|p| *p == [255, 255, 255]).count();
    assert!(colours.len() > 20, "{}: {} colores", c.id, colours.len());
    assert!(
        white < pixels.len() / 3 * 95 / 100,
        "{}: casi en blanco",
        c.id
    );
    // The bars are drawn: the colour that fills most rectangles of the card's SVG is there.
    let bars = bar_colour(&card);
    assert!(
        colours.contains(bars.as_slice()),
        "{}: falta el color {bars:?} de las barras",
        c.id
    );
}

/// The body tells the story the card shows: its rank, its strongest area (the highest of the
/// card's own area table), the first step of its path to the next level; the plain part is
/// plain text (no Markdown marks or escapes) and the HTML part has a viewport for phones.
fn assert_story(text: &str, html: &str, root: &Path, c: &Card) {
    use scraper::{Html, Selector};
    let card = Html::parse_document(&std::fs::read_to_string(fichas(root).join(&c.html)).unwrap());
    let pick = |css: &str| {
        card.select(&Selector::parse(css).unwrap())
            .collect::<Vec<_>>()
    };
    for mark in ["**", "\\", "](", "<p>"] {
        assert!(
            !text.contains(mark),
            "{}: «{mark}» en el texto plano:\n{text}",
            c.id
        );
    }
    assert!(html.contains("<meta name=\"viewport\""), "{}", c.id);
    let rank = common::visible_text(pick(".puesto-nacional")[0]);
    if c.puntaje.is_empty() {
        assert_eq!(
            (rank.as_str(), c.puesto.as_str()),
            ("sin dato", ""),
            "{}",
            c.id
        );
        assert!(!text.contains("Posición:"), "{}: {text}", c.id);
        return;
    }
    assert!(
        c.puesto.starts_with(&rank),
        "{}: {} / {rank}",
        c.id,
        c.puesto
    );
    assert!(
        text.contains(&format!("Posición: {rank} iniciativas")),
        "{}: {text}",
        c.id
    );
    let mut best: Option<(f64, String)> = None;
    for row in pick(".tabla-areas tbody tr") {
        let name =
            common::visible_text(row.select(&Selector::parse("th").unwrap()).next().unwrap());
        let own = common::visible_text(
            row.select(&Selector::parse(".propio").unwrap())
                .next()
                .unwrap(),
        );
        if let Ok(v) = own.replace(',', ".").parse::<f64>() {
            if best.as_ref().is_none_or(|(b, _)| v > *b) {
                best = Some((v, name));
            }
        }
    }
    let (_, strongest) = best.expect("la ficha tiene puntajes de área");
    assert!(
        text.contains(&format!("Área más fuerte: {strongest} (")),
        "{}: {text}",
        c.id
    );
    assert!(html.contains(&strongest), "{}", c.id);
    if let Some(step) = pick(".camino .pasos li strong").first() {
        let variable = common::visible_text(*step);
        assert!(
            text.contains(&format!(
                "Primer paso hacia el siguiente nivel: {variable} (Nivel "
            )),
            "{}: {text}",
            c.id
        );
    }
}

/// RGB of the fill shared by most `<rect>` of the card's SVG, white (the canvas) left out.
fn bar_colour(card: &str) -> Vec<u8> {
    let svg = until(after(card, "<svg xmlns="), "</svg>");
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for rect in svg.split("<rect").skip(1) {
        let rect = until(rect, "/>");
        if let Some(fill) = rect.split("fill=\"#").nth(1) {
            *counts.entry(&fill[..6]).or_default() += 1;
        }
    }
    let (hex, _) = counts
        .iter()
        .filter(|(hex, _)| !hex.eq_ignore_ascii_case("FFFFFF"))
        .max_by_key(|(_, n)| **n)
        .unwrap();
    (0..3)
        .map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap())
        .collect()
}

#[test]
fn failures_are_retried_or_reported_and_a_rerun_completes() {
    let (_probe, probe_root) = project_for(1);
    let all = cards(&probe_root);
    let (rejected, flaky) = (all[3].correo.clone(), all[7].correo.clone());
    let server = Server::start(&[
        "--reject",
        &rejected,
        "--temp",
        &flaky,
        "--drop-after",
        "20",
    ]);
    let (_tmp, root) = project_for(server.port);
    let run = common::ssme(&root, &["email", "--send"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(run.stdout.contains("fallidos: 1"), "{}", run.stdout);
    assert!(run.stdout.contains("rechazo permanente"), "{}", run.stdout);
    assert!(run.stdout.contains(&all[3].id), "{}", run.stdout);
    assert!(run.stdout.contains("rechazo temporal"), "{}", run.stdout);
    assert!(run.stdout.contains("falla de conexión"), "{}", run.stdout);
    assert_one_each(&server, &root, &[&rejected]);

    let again = common::ssme(&root, &["email", "--send"]);
    assert_eq!(again.code, 1, "{}", again.stdout);
    assert!(
        again.stdout.contains("omitidos (ya enviados): 99"),
        "{}",
        again.stdout
    );
    assert!(
        again.stdout.contains(&format!("✗ {}", all[3].nombre)),
        "{}",
        again.stdout
    );
    assert_one_each(&server, &root, &[&rejected]);
}

#[test]
fn a_run_killed_mid_way_resumes_without_duplicates() {
    let server = Server::start(&[]);
    let (_tmp, root) = project_for(server.port);
    let mut child = Command::new(env!("CARGO_BIN_EXE_ssme"))
        .arg("--root")
        .arg(&root)
        .args(["email", "--send", "--rate", "600/min"])
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while server.count() < 10 {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "no llegan mensajes"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let before = server.count();
    assert!(before < 100, "el envío terminó antes de interrumpirlo");

    let run = common::ssme(&root, &["email", "--send"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_one_each(&server, &root, &[]);
    assert!(
        run.stdout.contains(&format!("enviados: {}", 100 - before)),
        "{}",
        run.stdout
    );
}

#[test]
fn a_changed_card_is_sent_again_only_when_asked() {
    let server = Server::start(&[]);
    let (_tmp, root) = project_for(server.port);
    let first = &cards(&root)[0];
    let run = common::ssme(&root, &["email", "--send", "--only", &first.id]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(server.count(), 1);
    let card = fichas(&root).join(&first.html);
    let mut html = std::fs::read_to_string(&card).unwrap();
    html.push_str("\n<!-- ficha corregida -->\n");
    std::fs::write(&card, html).unwrap();

    let run = common::ssme(&root, &["email", "--send", "--only", &first.id]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(run.stdout.contains("ficha cambiada): 1"), "{}", run.stdout);
    assert_eq!(server.count(), 1);
    let run = common::ssme(
        &root,
        &["email", "--send", "--only", &first.id, "--resend-changed"],
    );
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(server.count(), 2);
}

#[test]
fn dry_run_writes_messages_and_sends_nothing() {
    let server = Server::start(&[]);
    let (_tmp, root) = project_for(server.port);
    let run = common::ssme(&root, &["email"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("No se envió nada"), "{}", run.stdout);
    assert_eq!(server.count(), 0);
    let dir = root.join("output/privado/ola-4/correo");
    let emls: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "eml"))
        .collect();
    assert_eq!(emls.len(), 100);
    let mut manifest = csv::Reader::from_path(dir.join("manifiesto.csv")).unwrap();
    assert_eq!(
        manifest.headers().unwrap(),
        vec![
            "iniciativa",
            "director",
            "correo",
            "asunto",
            "adjunto",
            "bytes"
        ]
    );
    let rows: Vec<csv::StringRecord> = manifest.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 100);
    let c = &cards(&root)[0];
    let row = rows.iter().find(|r| &r[0] == c.id.as_str()).unwrap();
    let size = std::fs::metadata(fichas(&root).join(&c.pdf)).unwrap().len();
    assert_eq!((&row[2], &row[4]), (c.correo.as_str(), c.pdf.as_str()));
    assert_eq!(row[5].parse::<u64>().unwrap(), size);
    assert!(
        !root.join("envios").exists(),
        "un ensayo no escribe el registro"
    );

    // --to sends every message to one test address; still nothing leaves without --send.
    let run = common::ssme(
        &root,
        &["email", "--only", &c.id, "--to", "prueba@example.org"],
    );
    assert_eq!(run.code, 0, "{}", run.stdout);
    let eml = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "eml"))
        .unwrap();
    let raw = std::fs::read(eml).unwrap();
    let msg = MessageParser::default().parse(&raw).unwrap();
    let to = msg.to().unwrap().first().unwrap().address().unwrap();
    assert_eq!(to, "prueba@example.org");
    assert_eq!(server.count(), 0);
}

/// A copy of the built project that signs in with OAuth 2.0 (`extra`: more settings).
fn oauth_project(port: u16, extra: &str) -> (tempfile::TempDir, PathBuf) {
    let (tmp, root) = project_for(port);
    let path = root.join("data/correo.yaml");
    let mut yaml = std::fs::read_to_string(&path).unwrap();
    yaml.push_str(&format!("autenticacion: oauth2\n{extra}"));
    std::fs::write(path, yaml).unwrap();
    (tmp, root)
}

/// `ssme` with the token variable set (or removed, with None).
fn ssme_with_token(root: &Path, args: &[&str], token: Option<&str>) -> common::Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ssme"));
    cmd.arg("--root").arg(root).args(args);
    cmd.env_remove("SSME_SMTP_TOKEN")
        .env_remove("SSME_SMTP_USUARIO");
    if let Some(t) = token {
        cmd.env("SSME_SMTP_TOKEN", t);
    }
    let out = cmd.output().unwrap();
    common::Run {
        code: out.status.code().unwrap(),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

#[test]
fn oauth2_signs_in_with_a_token_from_the_environment_or_a_command() {
    let server = Server::start(&[
        "--xoauth2",
        "tok-entorno-1234",
        "--xoauth2",
        "tok-comando-5678",
    ]);
    // The server takes no message without signing in.
    let (_tmp, plain) = project_for(server.port);
    let one = cards(&plain)[0].id.clone();
    let run = ssme_with_token(&plain, &["email", "--send", "--only", &one], None);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(run.stdout.contains("530"), "{}", run.stdout);
    assert_eq!(server.count(), 0);

    let (_tmp, root) = oauth_project(server.port, "");
    let run = ssme_with_token(&root, &["email", "--send"], Some("tok-entorno-1234"));
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_one_each(&server, &root, &[]);
    assert!(!format!("{}{}", run.stdout, run.stderr).contains("tok-entorno"));

    // From a command (a line for `sh -c`), with no variable set.
    let (_tmp, root) = oauth_project(
        server.port,
        "token_comando: \"printf 'tok-comando-5678\\\\n'\"\n",
    );
    let first = cards(&root)[0].id.clone();
    let run = ssme_with_token(&root, &["email", "--send", "--only", &first], None);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("enviados: 1 "), "{}", run.stdout);
    assert_eq!(server.count(), 101);
}

#[test]
fn oauth2_a_wrong_token_is_a_clear_failure_and_nothing_is_sent() {
    let server = Server::start(&["--xoauth2", "tok-bueno"]);
    let (_tmp, root) = oauth_project(server.port, "");
    let run = ssme_with_token(&root, &["email", "--send"], Some("tok-equivocado-9999"));
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_eq!(server.count(), 0);
    assert!(run.stdout.contains("fallidos: 100"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("el servidor rechazó el token de acceso (XOAUTH2)"),
        "{}",
        run.stdout
    );
    assert!(!format!("{}{}", run.stdout, run.stderr).contains("tok-equivocado"));
    let ledger = std::fs::read_to_string(root.join("envios/registro.csv")).unwrap();
    assert!(!ledger.contains("tok-equivocado"));

    // No token anywhere: the command says where to put one, before any message.
    let run = ssme_with_token(&root, &["email", "--send"], None);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("SSME_SMTP_TOKEN"), "{}", run.stderr);
    assert!(run.stderr.contains("token_comando"), "{}", run.stderr);
}

#[test]
fn oauth2_an_expired_token_is_fetched_again_and_the_ledger_is_kept() {
    // Each token is good for 30 sign-ins; the command hands out tok-1, tok-2, tok-3…
    let server = Server::start(&["--xoauth2", "tok-1", "--xoauth2", "tok-2", "--usos", "30"]);
    let helper = tempfile::tempdir().unwrap();
    let script = helper.path().join("token.sh");
    let counter = helper.path().join("n");
    std::fs::write(
        &script,
        format!(
            "n=$(cat '{c}' 2>/dev/null || echo 0)\nn=$((n+1))\necho $n > '{c}'\necho tok-$n\n",
            c = counter.display()
        ),
    )
    .unwrap();
    let (_tmp, root) = oauth_project(
        server.port,
        &format!("token_comando: [sh, \"{}\"]\n", script.display()),
    );
    let run = ssme_with_token(&root, &["email", "--send"], None);
    // tok-1 and tok-2 sign in 60 messages; tok-3 is refused, and the other 40 fail.
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_eq!(server.count(), 60);
    assert_eq!(std::fs::read_to_string(&counter).unwrap().trim(), "3");
    assert!(
        run.stdout.contains("se pidió un token nuevo"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("enviados: 60 "), "{}", run.stdout);
    assert!(run.stdout.contains("fallidos: 40"), "{}", run.stdout);
    assert!(!run.stdout.contains("tok-"), "{}", run.stdout);

    // With a good token, the re-run sends only the 40 that failed.
    let fresh = Server::start(&["--xoauth2", "tok-4"]);
    let path = root.join("data/correo.yaml");
    let yaml = std::fs::read_to_string(&path).unwrap().replace(
        &format!("puerto: {}", server.port),
        &format!("puerto: {}", fresh.port),
    );
    std::fs::write(&path, yaml).unwrap();
    let run = ssme_with_token(&root, &["email", "--send"], None);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stdout
            .contains("enviados: 40 · omitidos (ya enviados): 60"),
        "{}",
        run.stdout
    );
    assert_eq!(fresh.count(), 40);
    let mut all = server.received();
    for (rcpt, msgs) in fresh.received() {
        all.entry(rcpt).or_default().extend(msgs);
    }
    for c in cards(&root) {
        assert_eq!(
            all.get(&c.correo.to_lowercase()).map_or(0, Vec::len),
            1,
            "{}",
            c.id
        );
    }
}
