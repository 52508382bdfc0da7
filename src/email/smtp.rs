//! Delivery over SMTP with lettre (rustls), with the retry policy: transient failures (4xx
//! replies, a dropped connection, a timeout) are retried with doubling waits; permanent ones
//! (5xx) are returned at once so sending can go on with the next director.

use std::time::Duration;

use anyhow::{Context, Result};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{Message, SmtpTransport, Transport};

use super::config::{MailConfig, Security};

pub enum Outcome {
    Sent,
    /// The server refused the message for good (5xx): do not retry.
    Refused(String),
    /// Still failing after every attempt.
    GaveUp(String),
}

pub struct Smtp {
    transport: SmtpTransport,
    attempts: u32,
    first_wait: Duration,
}

impl Smtp {
    pub fn new(config: &MailConfig) -> Result<Smtp> {
        let host = config.servidor.as_str();
        let builder = match config.seguridad {
            Security::Starttls => SmtpTransport::starttls_relay(host)
                .with_context(|| format!("servidor {host} (STARTTLS)"))?,
            Security::Tls => {
                SmtpTransport::relay(host).with_context(|| format!("servidor {host} (TLS)"))?
            }
            // MailConfig::load admits no encryption only on loopback.
            Security::Ninguna => SmtpTransport::builder_dangerous(host),
        };
        let mut builder = builder
            .port(config.puerto)
            .timeout(Some(Duration::from_secs(30)));
        if let Some((user, password)) = config.credentials() {
            builder = builder.credentials(Credentials::new(user, password));
        }
        Ok(Smtp {
            transport: builder.build(),
            attempts: config.intentos,
            first_wait: config.first_wait(),
        })
    }

    /// Sends one message; `on_retry(attempt, reason, wait)` is told before each wait.
    pub fn send(
        &self,
        message: &Message,
        mut on_retry: impl FnMut(u32, &str, Duration),
    ) -> Outcome {
        let mut wait = self.first_wait;
        for attempt in 1..=self.attempts {
            match self.transport.send(message) {
                Ok(_) => return Outcome::Sent,
                Err(e) if e.is_permanent() => {
                    return Outcome::Refused(format!("rechazo permanente del servidor: {e}"))
                }
                Err(e) => {
                    let reason = if e.is_transient() {
                        format!("rechazo temporal del servidor: {e}")
                    } else {
                        format!("falla de conexión: {e}")
                    };
                    if attempt == self.attempts {
                        return Outcome::GaveUp(format!("{reason} (tras {attempt} intentos)"));
                    }
                    on_retry(attempt, &reason, wait);
                    std::thread::sleep(wait);
                    wait *= 2;
                }
            }
        }
        Outcome::GaveUp("sin intentos".into())
    }
}
