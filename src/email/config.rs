//! The sending configuration, `data/correo.yaml`. Credentials are named here by environment
//! variable and read only from the environment, so they never reach a file or the log.

use std::path::Path;
use std::time::Duration;

use anyhow::{bail, Context, Result};
use lettre::message::Mailbox;
use serde::Deserialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Security {
    Starttls,
    Tls,
    /// Plain SMTP: only for a server on this machine (tests, a local relay).
    Ninguna,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MailConfig {
    pub servidor: String,
    pub puerto: u16,
    pub seguridad: Security,
    pub remitente: String,
    pub responder_a: Option<String>,
    #[serde(default = "default_user_env")]
    pub usuario_env: String,
    #[serde(default = "default_password_env")]
    pub clave_env: String,
    #[serde(default = "default_rate")]
    pub por_minuto: u32,
    #[serde(default = "default_attempts")]
    pub intentos: u32,
    #[serde(default = "default_wait")]
    pub espera_inicial_s: f64,
}

fn default_user_env() -> String {
    "SSME_SMTP_USUARIO".into()
}
fn default_password_env() -> String {
    "SSME_SMTP_CLAVE".into()
}
fn default_rate() -> u32 {
    30
}
fn default_attempts() -> u32 {
    4
}
fn default_wait() -> f64 {
    2.0
}

impl MailConfig {
    pub fn load(path: &Path) -> Result<MailConfig> {
        let text = std::fs::read_to_string(path).with_context(|| {
            format!(
                "no se pudo leer {}: cree el archivo con el servidor de correo (vea README)",
                path.display()
            )
        })?;
        let config: MailConfig = serde_yaml::from_str(&text)
            .with_context(|| format!("{}: configuración de correo inválida", path.display()))?;
        config
            .sender()
            .with_context(|| format!("{}: remitente", path.display()))?;
        config
            .reply_to()
            .with_context(|| format!("{}: responder_a", path.display()))?;
        if config.seguridad == Security::Ninguna && !config.is_loopback() {
            bail!(
                "{}: «seguridad: ninguna» solo se admite con un servidor en 127.0.0.1 (se indicó {})",
                path.display(),
                config.servidor
            );
        }
        if config.intentos == 0 {
            bail!("{}: «intentos» debe ser al menos 1", path.display());
        }
        Ok(config)
    }

    pub fn is_loopback(&self) -> bool {
        matches!(self.servidor.as_str(), "127.0.0.1" | "localhost" | "::1")
    }

    pub fn sender(&self) -> Result<Mailbox> {
        self.remitente
            .parse()
            .with_context(|| format!("«{}» no es una dirección válida", self.remitente))
    }

    pub fn reply_to(&self) -> Result<Option<Mailbox>> {
        self.responder_a
            .as_deref()
            .map(|r| {
                r.parse()
                    .with_context(|| format!("«{r}» no es una dirección válida"))
            })
            .transpose()
    }

    /// User name and password, when both variables are set.
    pub fn credentials(&self) -> Option<(String, String)> {
        let user = std::env::var(&self.usuario_env).ok()?;
        let password = std::env::var(&self.clave_env).ok()?;
        Some((user, password))
    }

    pub fn first_wait(&self) -> Duration {
        Duration::from_secs_f64(self.espera_inicial_s.max(0.0))
    }
}
