//! The sending ledger: one CSV line appended and flushed to disk after every message the server
//! accepted (and after every permanent failure), so a re-run after a crash skips what was sent.
//! It lives in `envios/`, outside `output/`, because a build replaces `output/` entirely.

use std::collections::BTreeMap;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

const HEADER: &str = "fecha,ola,id,correo,huella,estado,detalle\n";

/// What the ledger knows of one (ola, initiative, address).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Record {
    /// Sent with this card fingerprint.
    Sent(String),
}

pub struct Ledger {
    path: PathBuf,
    sent: BTreeMap<(u32, String, String), Record>,
    file: File,
}

impl Ledger {
    pub fn open(path: &Path) -> Result<Ledger> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("no se pudo crear {}", dir.display()))?;
        }
        let mut sent = BTreeMap::new();
        if path.exists() {
            let mut rdr = csv::Reader::from_path(path)
                .with_context(|| format!("no se pudo leer el registro {}", path.display()))?;
            for (i, row) in rdr.records().enumerate() {
                let row =
                    row.with_context(|| format!("{}: línea {} ilegible", path.display(), i + 2))?;
                // A line cut by a crash mid-write has fewer fields: it recorded nothing.
                if row.len() < 7 || &row[5] != "enviado" {
                    continue;
                }
                let Ok(ola) = row[1].parse() else { continue };
                sent.insert(
                    (ola, row[2].to_string(), row[3].to_lowercase()),
                    Record::Sent(row[4].to_string()),
                );
            }
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
            file,
        })
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
        let mut wtr = csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(Vec::new());
        wtr.write_record([
            &now_utc(),
            &ola.to_string(),
            id,
            address,
            fingerprint,
            status.as_str(),
            detail,
        ])?;
        let line = wtr.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?;
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Sent,
    Failed,
}

impl Status {
    fn as_str(self) -> &'static str {
        match self {
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
