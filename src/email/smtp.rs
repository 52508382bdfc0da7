//! Delivery over SMTP with lettre (rustls), with the retry policy: transient failures (4xx
//! replies, a dropped connection, a timeout) are retried with doubling waits; permanent ones
//! (5xx) are returned at once so sending can go on with the next director. With OAuth 2.0, a
//! token the server rejects (expired) is fetched again once from the token command; when the
//! fresh one is rejected too, every remaining message fails without contacting the server.

use std::cell::RefCell;
use std::time::Duration;

use anyhow::{bail, Context, Result};
use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::SmtpTransportBuilder;
use lettre::{Message, SmtpTransport, Transport};

use super::config::{Authentication, MailConfig, Security, TokenCommand};

pub enum Outcome {
    Sent,
    /// The server refused the message for good (5xx): do not retry.
    Refused(String),
    /// Still failing after every attempt.
    GaveUp(String),
}

/// OAuth 2.0 sign-in: whose token it is and where a fresh one comes from.
struct OAuth {
    user: String,
    command: Option<TokenCommand>,
}

pub struct Smtp {
    /// The transport without credentials, to sign in again with a fresh token.
    builder: SmtpTransportBuilder,
    transport: RefCell<SmtpTransport>,
    oauth: Option<OAuth>,
    /// Why nothing more is tried: the server rejected a freshly fetched token.
    signed_out: RefCell<Option<String>>,
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
        let builder = builder
            .port(config.puerto)
            .timeout(Some(Duration::from_secs(30)));
        let (transport, oauth) = match config.autenticacion {
            Authentication::Clave => {
                let transport = match config.credentials() {
                    Some((user, password)) => builder
                        .clone()
                        .credentials(Credentials::new(user, password)),
                    None => builder.clone(),
                };
                (transport.build(), None)
            }
            Authentication::Oauth2 => {
                let oauth = OAuth {
                    user: config.oauth_user()?,
                    command: config.token_comando.clone(),
                };
                let token = match (config.token_from_env(), &oauth.command) {
                    (Some(token), _) => token,
                    (None, Some(command)) => command.fetch()?,
                    (None, None) => bail!(
                        "«autenticacion: oauth2» necesita el token de acceso en la variable {} \
                         o un «token_comando» en data/correo.yaml",
                        config.token_env
                    ),
                };
                (signed_in(&builder, &oauth.user, token), Some(oauth))
            }
        };
        Ok(Smtp {
            builder,
            transport: RefCell::new(transport),
            oauth,
            signed_out: RefCell::new(None),
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
        if let Some(reason) = self.signed_out.borrow().as_ref() {
            return Outcome::Refused(format!("no se intentó: {reason}"));
        }
        let mut wait = self.first_wait;
        let mut refreshed = false;
        let mut attempt = 1;
        while attempt <= self.attempts {
            let result = self.transport.borrow().send(message);
            match result {
                Ok(_) => return Outcome::Sent,
                Err(e) if self.oauth.is_some() && token_rejected(&e) => {
                    let reason = format!("el servidor rechazó el token de acceso (XOAUTH2): {e}");
                    if !refreshed {
                        refreshed = true;
                        match self.refresh() {
                            Ok(true) => {
                                on_retry(
                                    attempt,
                                    &format!("{reason}; se pidió un token nuevo a «token_comando»"),
                                    Duration::ZERO,
                                );
                                continue;
                            }
                            Ok(false) => {}
                            Err(fetch) => {
                                let reason = format!("{reason}; no se obtuvo otro: {fetch:#}");
                                *self.signed_out.borrow_mut() = Some(reason.clone());
                                return Outcome::Refused(reason);
                            }
                        }
                    }
                    *self.signed_out.borrow_mut() = Some(reason.clone());
                    return Outcome::Refused(reason);
                }
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
                    attempt += 1;
                }
            }
        }
        Outcome::GaveUp("sin intentos".into())
    }

    /// Signs in again with a token fetched from the command; false when there is no command.
    fn refresh(&self) -> Result<bool> {
        let Some(oauth) = &self.oauth else {
            return Ok(false);
        };
        let Some(command) = &oauth.command else {
            return Ok(false);
        };
        let token = command.fetch()?;
        *self.transport.borrow_mut() = signed_in(&self.builder, &oauth.user, token);
        Ok(true)
    }
}

fn signed_in(builder: &SmtpTransportBuilder, user: &str, token: String) -> SmtpTransport {
    builder
        .clone()
        .credentials(Credentials::new(user.to_string(), token))
        .authentication(vec![Mechanism::Xoauth2])
        .build()
}

/// The server turned the token down: 535 (credentials invalid) or 530 (authentication
/// required), or, as Gmail does, a 334 challenge carrying the error, which lettre's XOAUTH2
/// does not expect.
fn token_rejected(e: &lettre::transport::smtp::Error) -> bool {
    let code = e.status().map(u16::from);
    matches!(code, Some(530 | 535)) || (e.is_client() && e.to_string().contains("challenge"))
}
