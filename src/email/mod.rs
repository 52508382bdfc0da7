//! `ssme email`: each director gets their card. A dry run (the default) writes every message as
//! an `.eml` file plus a manifest and sends nothing; `--send` delivers over SMTP, recording each
//! accepted message in the ledger so a re-run never sends twice and never skips anyone.

pub mod config;
pub mod ledger;
pub mod letter;
pub mod smtp;

use std::io::IsTerminal;
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use clap::Args;
use rayon::prelude::*;

use crate::project::Project;
use config::MailConfig;
use ledger::{Ledger, Record, Status};
use letter::{Composer, Letter};
use smtp::{Outcome, Smtp};

#[derive(Args, Default)]
pub struct EmailArgs {
    /// Ola de las fichas (por omisión, la última con microdatos).
    #[arg(long)]
    pub ola: Option<u32>,
    /// Envía de verdad por SMTP. Sin esta opción solo se preparan los mensajes (.eml).
    #[arg(long)]
    pub send: bool,
    /// Solo la iniciativa con este código.
    #[arg(long, value_name = "ID")]
    pub only: Option<String>,
    /// Dirige todos los mensajes a esta dirección (para probar el envío).
    #[arg(long, value_name = "CORREO")]
    pub to: Option<String>,
    /// Mensajes por minuto, p. ej. 30 o 30/min (por omisión, «por_minuto» de data/correo.yaml).
    #[arg(long, value_name = "N/min", value_parser = parse_rate)]
    pub rate: Option<u32>,
    /// Reenvía las fichas que cambiaron desde que se enviaron.
    #[arg(long)]
    pub resend_changed: bool,
    /// Incluye las olas en borrador, que por omisión quedan fuera (como en `ssme build`).
    #[arg(long)]
    pub borradores: bool,
}

fn parse_rate(s: &str) -> Result<u32, String> {
    let n = s.trim().trim_end_matches("/min").trim();
    match n.parse::<u32>() {
        Ok(v) if v > 0 => Ok(v),
        _ => Err(format!(
            "«{s}» no es una tasa válida: use un número de mensajes por minuto, como 30"
        )),
    }
}

/// Where the ledger lives: outside `output/`, which every build replaces.
pub fn ledger_path(root: &Path) -> std::path::PathBuf {
    root.join("envios").join("registro.csv")
}

pub fn run(root: &Path, args: &EmailArgs) -> Result<i32> {
    let mut project = Project::load(root)?;
    project.select_drafts(args.borradores, args.ola)?;
    let config = MailConfig::load(&Project::data_dir(root).join("correo.yaml"))?;
    let ola = match args.ola {
        Some(n) => project
            .ola(n)
            .with_context(|| format!("la ola {n} no está configurada en data/olas"))?,
        None => project
            .olas
            .iter()
            .rev()
            .find(|o| o.metodologia.is_some())
            .context("ninguna ola tiene microdatos")?,
    };
    let private = project.output_dir().join("privado").join(ola.slug());
    let (letters, failed) = compose(&project, ola, &private.join("fichas"), args)?;
    let from = config.sender()?;
    let reply_to = config.reply_to()?;
    if !args.send {
        return preview(
            &letters,
            &failed,
            &from,
            reply_to.as_ref(),
            &private.join("correo"),
        );
    }
    let mut ledger = Ledger::open(&ledger_path(&project.root))?;
    for (n, id, address) in ledger.interrupted() {
        if *n == ola.numero {
            eprintln!(
                "aviso: el envío de la ficha {id} a {address} se interrumpió antes de quedar \
                 registrado; pudo haber llegado, así que no se repite (si no llegó, reenvíela con \
                 --resend-changed --only {id})"
            );
        }
    }
    let sender = Sender {
        smtp: Smtp::new(&config)?,
        from,
        reply_to,
        rate: args.rate.unwrap_or(config.por_minuto).max(1),
        resend_changed: args.resend_changed,
    };
    sender.send_all(ola, &letters, failed, &mut ledger)
}

/// Who could not be written to, and why.
type Failure = (String, String);

/// The letter of every card of the ola (or of `--only`); cards without a valid address are
/// listed as failed, with their reason.
fn compose(
    project: &Project,
    ola: &crate::ola::OlaConfig,
    fichas: &Path,
    args: &EmailArgs,
) -> Result<(Vec<Letter>, Vec<Failure>)> {
    let mut entries = letter::read_manifest(fichas)?;
    if let Some(only) = &args.only {
        entries.retain(|e| &e.id == only);
        if entries.is_empty() {
            bail!(
                "no hay ficha de la iniciativa «{only}» en la {}",
                ola.etiqueta
            );
        }
    }
    if let Some(to) = &args.to {
        to.parse::<lettre::Address>()
            .with_context(|| format!("--to: «{to}» no es una dirección válida"))?;
    }
    let composer = Composer::new(&project.templates(), &ola.etiqueta)?;
    let mut letters = Vec::new();
    let mut failed: Vec<Failure> = Vec::new();
    for e in &entries {
        let to = args
            .to
            .clone()
            .unwrap_or_else(|| e.correo.trim().to_string());
        if to.parse::<lettre::Address>().is_err() {
            failed.push((label(e), format!("dirección ausente o inválida «{to}»")));
            continue;
        }
        let l = composer.letter(e, fichas, &to)?;
        if !l.is_pdf {
            eprintln!(
                "aviso: {} se adjunta en HTML porque no se imprimió en PDF (instale Chromium y ejecute `ssme cards --pdf`)",
                l.entry.html
            );
        }
        if l.chart.is_none() {
            eprintln!(
                "aviso: {} no tiene el gráfico de áreas; el mensaje va sin imagen",
                l.entry.html
            );
        }
        letters.push(l);
    }
    Ok((letters, failed))
}

/// Delivery over SMTP at a steady rate, each message recorded in the ledger before and after.
struct Sender {
    smtp: Smtp,
    from: lettre::message::Mailbox,
    reply_to: Option<lettre::message::Mailbox>,
    rate: u32,
    resend_changed: bool,
}

impl Sender {
    fn send_all(
        &self,
        ola: &crate::ola::OlaConfig,
        letters: &[Letter],
        mut failed: Vec<Failure>,
        ledger: &mut Ledger,
    ) -> Result<i32> {
        let progress = Progress::new(letters.len());
        let interval = Duration::from_secs_f64(60.0 / self.rate as f64);
        let mut last: Option<Instant> = None;
        let (mut sent, mut skipped, mut changed) = (0, 0, 0);
        for l in letters {
            let who = label(&l.entry);
            match ledger.get(ola.numero, &l.entry.id, &l.to) {
                Some(Record::Sent(h)) if *h == l.fingerprint => {
                    skipped += 1;
                    progress.line(&format!("omitido (ya enviado): {who}"));
                    continue;
                }
                Some(Record::Sent(_)) if !self.resend_changed => {
                    changed += 1;
                    progress.line(&format!(
                        "omitido (la ficha cambió desde el envío; use --resend-changed): {who}"
                    ));
                    continue;
                }
                _ => {}
            }
            if let Some(t) = last {
                let elapsed = t.elapsed();
                if elapsed < interval {
                    std::thread::sleep(interval - elapsed);
                }
            }
            last = Some(Instant::now());
            match self.send(ola.numero, l, ledger, &progress)? {
                None => {
                    sent += 1;
                    progress.line(&format!("enviado: {who} → {}", l.to));
                }
                Some(reason) => {
                    progress.line(&format!("FALLÓ: {who} → {}: {reason}", l.to));
                    failed.push((who, reason));
                }
            }
            progress.tick();
        }
        progress.finish();
        println!(
            "{} — enviados: {sent} · omitidos (ya enviados): {skipped} · omitidos (ficha cambiada): {changed} · fallidos: {}",
            ola.etiqueta,
            failed.len()
        );
        for (who, reason) in &failed {
            println!("  ✗ {who}: {reason}");
        }
        println!("Registro de envíos: {}", ledger.path().display());
        Ok(if failed.is_empty() { 0 } else { 1 })
    }

    /// Sends one letter, recorded as being sent first so an interrupted run never sends it
    /// twice; the reason when it failed.
    fn send(
        &self,
        ola: u32,
        l: &Letter,
        ledger: &mut Ledger,
        progress: &Progress,
    ) -> Result<Option<String>> {
        let who = label(&l.entry);
        let message = l.message(&self.from, self.reply_to.as_ref())?;
        let (id, to, print) = (&l.entry.id, &l.to, &l.fingerprint);
        ledger.append(ola, id, to, print, Status::Sending, "")?;
        let outcome = self.smtp.send(&message, |attempt, reason, wait| {
            progress.line(&format!(
                "reintento {attempt} en {:.1} s para {who}: {reason}",
                wait.as_secs_f64()
            ))
        });
        match outcome {
            Outcome::Sent => {
                ledger.append(ola, id, to, print, Status::Sent, "")?;
                Ok(None)
            }
            Outcome::Refused(reason) | Outcome::GaveUp(reason) => {
                ledger.append(ola, id, to, print, Status::Failed, &reason)?;
                Ok(Some(reason))
            }
        }
    }
}

fn label(e: &letter::CardEntry) -> String {
    format!("{} ({})", e.nombre, e.id)
}

/// Dry run: the messages as `.eml` files and a manifest, in a folder replaced as a whole.
/// Messages are built (and their charts drawn) in parallel, each written as soon as it is.
fn preview(
    letters: &[Letter],
    failed: &[(String, String)],
    from: &lettre::message::Mailbox,
    reply_to: Option<&lettre::message::Mailbox>,
    dir: &Path,
) -> Result<i32> {
    let staging = crate::output::Staging::new(dir)?;
    let mut manifest = crate::csvfile::Writer::from_path(&staging.dir().join("manifiesto.csv"))?;
    manifest.write_record([
        "iniciativa",
        "director",
        "correo",
        "asunto",
        "adjunto",
        "bytes",
    ])?;
    letters.par_iter().try_for_each(|l| -> Result<()> {
        let eml = l.message(from, reply_to)?.formatted();
        let name = format!(
            "{}.eml",
            Path::new(&l.entry.html)
                .file_stem()
                .map_or(l.entry.id.clone(), |s| s.to_string_lossy().into_owned())
        );
        let path = staging.dir().join(&name);
        std::fs::write(&path, &eml)
            .with_context(|| format!("no se pudo escribir {}", path.display()))
    })?;
    for l in letters {
        manifest.write_record([
            &l.entry.id,
            &l.entry.director,
            &l.to,
            &l.subject,
            &l.attachment_name,
            &l.attachment.len().to_string(),
        ])?;
    }
    manifest.flush()?;
    drop(manifest);
    staging.commit()?;
    println!(
        "✓ {} en {} (manifiesto.csv). No se envió nada: revíselos y ejecute `ssme email --send`.",
        match letters.len() {
            1 => "1 mensaje preparado".to_string(),
            n => format!("{n} mensajes preparados"),
        },
        dir.display()
    );
    for (who, reason) in failed {
        println!("  ✗ {who}: {reason}");
    }
    Ok(if failed.is_empty() { 0 } else { 1 })
}

/// A progress bar on a terminal; plain lines otherwise (logs, CI, pipes).
struct Progress(Option<indicatif::ProgressBar>);

impl Progress {
    fn new(n: usize) -> Progress {
        if std::io::stderr().is_terminal() {
            let bar = indicatif::ProgressBar::new(n as u64);
            if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {msg}")
            {
                bar.set_style(style);
            }
            Progress(Some(bar))
        } else {
            Progress(None)
        }
    }

    fn line(&self, text: &str) {
        match &self.0 {
            Some(bar) => bar.println(text),
            None => println!("{text}"),
        }
    }

    fn tick(&self) {
        if let Some(bar) = &self.0 {
            bar.inc(1);
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}
