//! The sending ledger: one CSV line appended and flushed to disk after every message the server
//! accepted (and after every permanent failure), so a re-run after a crash skips what was sent.
//! It lives in `envios/`, outside `output/`, because a build replaces `output/` entirely.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

const HEADER: &str = "fecha,ola,id,correo,huella,estado,detalle\n";

/// (ola, initiative, address, lower case).
type Key = (u32, String, String);

/// What the ledger knows of one (ola, initiative, address).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Record {
    /// Sent with this card fingerprint.
    Sent(String),
}

pub struct Ledger {
    path: PathBuf,
    sent: BTreeMap<Key, Record>,
    /// Messages whose sending began («enviando») and never ended in the ledger: the process
    /// died meanwhile, perhaps after the server accepted them. Counted as sent.
    interrupted: Vec<Key>,
    file: File,
    /// Bytes of the file up to its last complete line, when its tail must be cut (a torn
    /// line) or completed (a missing final newline) before the next append.
    repair: Option<Repair>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Repair {
    /// Cut the file to this length, the torn line after it; if that line showed a message
    /// sent (ola, id, address), write it again whole.
    Truncate(u64, Option<(u32, String, String)>),
    /// The last line is whole but lacks its newline.
    Newline,
}

impl Ledger {
    pub fn open(path: &Path) -> Result<Ledger> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("no se pudo crear {}", dir.display()))?;
        }
        let mut sent = BTreeMap::new();
        let mut repair = None;
        let mut pending = BTreeSet::new();
        if path.exists() {
            let bytes = std::fs::read(path)
                .with_context(|| format!("no se pudo leer el registro {}", path.display()))?;
            repair = read_records(path, &bytes, &mut sent, &mut pending)?;
        }
        let interrupted: Vec<Key> = pending.into_iter().collect();
        for key in &interrupted {
            sent.entry(key.clone())
                .or_insert(Record::Sent(String::new()));
        }
        let new = !path.exists() || std::fs::metadata(path)?.len() == 0;
        let mut file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .with_context(|| format!("no se pudo abrir el registro {}", path.display()))?;
        if new {
            file.write_all(HEADER.as_bytes())?;
            file.sync_data()?;
        }
        Ok(Ledger {
            path: path.to_path_buf(),
            sent,
            interrupted,
            file,
            repair,
        })
    }

    /// (ola, id, address) of the messages interrupted while being sent.
    pub fn interrupted(&self) -> &[Key] {
        &self.interrupted
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn get(&self, ola: u32, id: &str, address: &str) -> Option<&Record> {
        self.sent
            .get(&(ola, id.to_string(), address.to_lowercase()))
    }

    /// Appends one line and forces it to disk before the next message is sent.
    pub fn append(
        &mut self,
        ola: u32,
        id: &str,
        address: &str,
        fingerprint: &str,
        status: Status,
        detail: &str,
    ) -> Result<()> {
        let mut wtr = crate::csvfile::Writer::new(
            csv::WriterBuilder::new()
                .has_headers(false)
                .from_writer(Vec::new()),
        );
        wtr.write_record([
            &now_utc(),
            &ola.to_string(),
            id,
            address,
            fingerprint,
            status.as_str(),
            detail,
        ])?;
        let mut line = wtr.into_inner()?;
        match self.repair.take() {
            Some(Repair::Truncate(len, torn_sent)) => {
                self.file.set_len(len).with_context(|| {
                    format!("no se pudo reparar el registro {}", self.path.display())
                })?;
                if len == 0 {
                    line.splice(0..0, HEADER.bytes());
                }
                if let Some((ola, id, address)) = torn_sent {
                    let mut w = crate::csvfile::Writer::new(
                        csv::WriterBuilder::new()
                            .has_headers(false)
                            .from_writer(Vec::new()),
                    );
                    w.write_record([
                        &now_utc(),
                        &ola.to_string(),
                        &id,
                        &address,
                        "",
                        Status::Sent.as_str(),
                        "línea cortada por una interrupción, reparada (huella desconocida)",
                    ])?;
                    line.splice(0..0, w.into_inner()?);
                }
            }
            Some(Repair::Newline) => line.insert(0, b'\n'),
            None => {}
        }
        self.file
            .write_all(&line)
            .and_then(|_| self.file.sync_data())
            .with_context(|| format!("no se pudo escribir el registro {}", self.path.display()))?;
        if status == Status::Sent {
            self.sent.insert(
                (ola, id.to_string(), address.to_lowercase()),
                Record::Sent(fingerprint.to_string()),
            );
        }
        Ok(())
    }
}

/// Reads every record into `sent`. A damaged line is an error, except the last one when the
/// file does not end in a newline: a crash cut it mid-write. Such a line still counts as sent
/// if it shows so, so nobody is sent twice; it is ignored otherwise, with a warning.
fn read_records(
    path: &Path,
    bytes: &[u8],
    sent: &mut BTreeMap<Key, Record>,
    pending: &mut BTreeSet<Key>,
) -> Result<Option<Repair>> {
    let complete = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let (whole, tail) = bytes.split_at(complete);
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(whole);
    for (i, row) in rdr.records().enumerate() {
        let row = row.with_context(|| format!("{}: línea {} ilegible", path.display(), i + 2))?;
        note(&row, sent, pending);
    }
    if tail.is_empty() {
        return Ok(None);
    }
    let line = whole.iter().filter(|&&b| b == b'\n').count() + 1;
    let row = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(tail)
        .records()
        .next()
        .and_then(|r| r.ok());
    let whole_record = row.as_ref().is_some_and(|r| {
        r.len() == 7
            && matches!(r.get(5), Some("enviado" | "enviando" | "fallido"))
            && r[4].len() == 64
    });
    if whole_record {
        note(row.as_ref().expect("checked"), sent, pending);
        return Ok(Some(Repair::Newline));
    }
    if line == 1 {
        // Only a torn header: start the file again.
        return Ok(Some(Repair::Truncate(0, None)));
    }
    // A record cut after its address and before «fallido» was written after the server
    // accepted the message (failures are written as «fallido»): count it as sent, card
    // unknown, so it is only sent again with --resend-changed.
    let failed = |r: &csv::StringRecord| {
        r.get(5)
            .is_some_and(|s| !s.is_empty() && "fallido".starts_with(s))
    };
    let mut torn_sent = None;
    if let Some(row) = row.filter(|r| r.len() >= 4 && !failed(r)) {
        if let Ok(ola) = row[1].parse() {
            let key = (ola, restore(&row[2]), restore(&row[3]).to_lowercase());
            sent.entry(key.clone())
                .or_insert(Record::Sent(String::new()));
            torn_sent = Some(key);
        }
    }
    eprintln!(
        "aviso: {}: la línea {line} quedó cortada (el proceso se interrumpió al escribirla); se \
         ignora y el registro se repara en el próximo envío",
        path.display()
    );
    Ok(Some(Repair::Truncate(complete as u64, torn_sent)))
}

fn restore(s: &str) -> String {
    crate::csvfile::restore(s).to_string()
}

/// Notes one whole record.
fn note(row: &csv::StringRecord, sent: &mut BTreeMap<Key, Record>, pending: &mut BTreeSet<Key>) {
    if row.len() < 7 {
        return;
    }
    let Ok(ola) = row[1].parse() else { return };
    let key = (ola, restore(&row[2]), restore(&row[3]).to_lowercase());
    match &row[5] {
        "enviando" => {
            pending.insert(key);
        }
        "enviado" => {
            pending.remove(&key);
            sent.insert(key, Record::Sent(row[4].to_string()));
        }
        _ => {
            pending.remove(&key);
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Written before the message goes out, so a crash before its outcome is recorded is
    /// known: such a message may have been accepted and is never sent again unasked.
    Sending,
    Sent,
    Failed,
}

impl Status {
    fn as_str(self) -> &'static str {
        match self {
            Status::Sending => "enviando",
            Status::Sent => "enviado",
            Status::Failed => "fallido",
        }
    }
}

/// RFC 3339 time in UTC, from the system clock (the ledger is a log, not a build output).
fn now_utc() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    httpdate::fmt_http_date(std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs))
}

#[cfg(test)]
#[path = "ledger_tests.rs"]
mod ledger_tests;
