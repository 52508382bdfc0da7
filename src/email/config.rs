//! The sending configuration, `data/correo.yaml`. Credentials are named here by environment
//! variable and read only from the environment, so they never reach a file or the log. With
//! `autenticacion: oauth2` the access token comes from an environment variable or from a
//! command the settings name (a token helper, `az`, `gcloud`), and is sent with SASL XOAUTH2.

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

/// How the sender signs in to the SMTP server.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Authentication {
    /// User and password (AUTH PLAIN or LOGIN).
    #[default]
    Clave,
    /// An OAuth 2.0 access token (AUTH XOAUTH2), as Microsoft 365 and Google Workspace ask.
    Oauth2,
}

/// The command that prints an access token: a line run by `sh -c`, or a program and its
/// arguments.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum TokenCommand {
    Shell(String),
    Program(Vec<String>),
}

impl TokenCommand {
    /// Runs the command and returns what it printed (first line). The token never reaches the
    /// log: a failure reports the exit status and the first line of the command's own message.
    pub fn fetch(&self) -> Result<String> {
        let (program, args): (&str, Vec<&str>) = match self {
            TokenCommand::Shell(line) => ("sh", vec!["-c", line.as_str()]),
            TokenCommand::Program(argv) => (
                argv[0].as_str(),
                argv[1..].iter().map(String::as_str).collect(),
            ),
        };
        let out = std::process::Command::new(program)
            .args(&args)
            .stdin(std::process::Stdio::null())
            .output()
            .with_context(|| format!("no se pudo ejecutar «token_comando» ({program})"))?;
        if !out.status.success() {
            // One line of the command's message, without control characters (terminal escapes).
            let stderr = String::from_utf8_lossy(&out.stderr);
            let reason: String = stderr
                .lines()
                .next()
                .unwrap_or("")
                .chars()
                .filter(|c| !c.is_control())
                .take(200)
                .collect();
            let reason = reason.trim();
            let how = match out.status.code() {
                Some(code) => format!("el código {code}"),
                None => "una señal".to_string(),
            };
            bail!(
                "«token_comando» terminó con {how}{}",
                if reason.is_empty() {
                    String::new()
                } else {
                    format!(": {reason}")
                }
            );
        }
        let token = String::from_utf8_lossy(&out.stdout)
            .lines()
            .next()
            .unwrap_or("")
            .trim()
            .to_string();
        if token.is_empty() {
            bail!("«token_comando» no imprimió ningún token");
        }
        Ok(token)
    }
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
    #[serde(default)]
    pub autenticacion: Authentication,
    /// oauth2: the variable that holds the access token, when it is set.
    #[serde(default = "default_token_env")]
    pub token_env: String,
    /// oauth2: the command that prints a fresh access token (used when the variable is not
    /// set, and again when the server rejects an expired token).
    pub token_comando: Option<TokenCommand>,
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
fn default_token_env() -> String {
    "SSME_SMTP_TOKEN".into()
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
        if let Some(TokenCommand::Program(args)) = &config.token_comando {
            if args.is_empty() {
                bail!("{}: «token_comando» está vacío", path.display());
            }
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

    /// oauth2: the user the token belongs to: the user variable, else the sender's address.
    pub fn oauth_user(&self) -> Result<String> {
        match std::env::var(&self.usuario_env) {
            Ok(user) if !user.trim().is_empty() => Ok(user),
            _ => Ok(self.sender()?.email.to_string()),
        }
    }

    /// oauth2: the token in the environment variable, when it is set.
    pub fn token_from_env(&self) -> Option<String> {
        std::env::var(&self.token_env)
            .ok()
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
    }

    pub fn first_wait(&self) -> Duration {
        Duration::from_secs_f64(self.espera_inicial_s.max(0.0))
    }
}
