//! One message per card: the cards' manifest (`fichas/fichas.csv`, written by `ssme cards`), the
//! Spanish subject and body from `templates/correo/` (Markdown → an HTML part and a plain-text
//! part), the card's areas chart inline in the HTML part (a PNG drawn from the SVG the card
//! embeds, only when the message is built) and the card attached, PDF when it was printed, else
//! the HTML card.

use std::path::Path;

use anyhow::{bail, Context, Result};
use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::Message;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use tera::Tera;

use crate::templates::Templates;

mod plain;

/// A row of `fichas/fichas.csv`.
#[derive(Debug, Clone, Deserialize)]
pub struct CardEntry {
    pub id: String,
    pub nombre: String,
    pub director: String,
    pub correo: String,
    pub puntaje: String,
    pub nivel: String,
    pub html: String,
    #[serde(default)]
    pub pdf: String,
    /// The story the body tells (columns added after the first manifests: may be absent).
    #[serde(default)]
    pub puesto: String,
    #[serde(default)]
    pub cambio: String,
    #[serde(default)]
    pub area_fuerte: String,
    #[serde(default)]
    pub primer_paso: String,
}

pub fn read_manifest(fichas: &Path) -> Result<Vec<CardEntry>> {
    let path = fichas.join("fichas.csv");
    if !path.exists() {
        bail!(
            "no hay fichas en {}: ejecute antes `ssme cards --pdf` (o `ssme build --cards --pdf`)",
            fichas.display()
        );
    }
    let mut rdr = csv::Reader::from_path(&path)
        .with_context(|| format!("no se pudo leer {}", path.display()))?;
    rdr.deserialize()
        .enumerate()
        .map(|(i, r)| {
            r.map(CardEntry::restored)
                .with_context(|| format!("{}: fila {} inválida", path.display(), i + 2))
        })
        .collect()
}

impl CardEntry {
    /// The values as they were before the manifest neutralized formulas (see `csvfile`).
    fn restored(self) -> CardEntry {
        let r = |s: String| crate::csvfile::restore(&s).to_string();
        CardEntry {
            id: r(self.id),
            nombre: r(self.nombre),
            director: r(self.director),
            correo: r(self.correo),
            puntaje: r(self.puntaje),
            nivel: r(self.nivel),
            html: r(self.html),
            pdf: r(self.pdf),
            puesto: r(self.puesto),
            cambio: r(self.cambio),
            area_fuerte: r(self.area_fuerte),
            primer_paso: r(self.primer_paso),
        }
    }
}

/// A message ready to preview or send.
pub struct Letter {
    pub entry: CardEntry,
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    pub attachment_name: String,
    pub attachment: Vec<u8>,
    pub is_pdf: bool,
    /// The areas chart's SVG as the card embeds it (None if the card's template left it out).
    pub chart: Option<String>,
    /// SHA-256 of the HTML card: the ledger's "this card was sent" key. The HTML is what the
    /// build makes byte-identical; a PDF carries its print date.
    pub fingerprint: String,
}

#[derive(Serialize)]
struct Fields<'a> {
    ola: &'a str,
    nombre: String,
    director: String,
    puntaje: String,
    nivel: String,
    puesto: String,
    cambio: String,
    area_fuerte: String,
    primer_paso: String,
    adjunto: String,
}

/// The inline chart as the HTML layout refers to it.
#[derive(Serialize)]
struct Picture {
    /// Content-ID of the image part (`src="cid:…"`).
    cid: String,
    /// The chart's description, the same one its SVG carries.
    alt: String,
}

#[derive(Deserialize)]
struct FrontMatter {
    asunto: String,
}

pub struct Composer {
    tera: Tera,
    ola: String,
}

const BODY: &str = "correo/mensaje.md";
const LAYOUT: &str = "correo/mensaje.html";
/// The subject line of `mensaje.md`'s front matter, registered as a template of its own.
const SUBJECT: &str = "correo/mensaje.md#asunto";

impl Composer {
    pub fn new(templates: &Templates, ola_label: &str) -> Result<Composer> {
        let mut tera = templates.tera(&[LAYOUT]).context("plantillas de correo")?;
        // The front matter is parsed before any value is rendered: values reach the subject
        // and the body as template data, never as YAML text parsed again.
        let source = templates.text(BODY)?;
        let (subject, body) = split_front_matter(&source)?;
        tera.add_raw_templates([(SUBJECT, subject.as_str()), (BODY, body)])
            .map_err(|e| anyhow::anyhow!("{e:#}"))
            .context("plantillas de correo")?;
        Ok(Composer {
            tera,
            ola: ola_label.to_string(),
        })
    }

    /// `to`: the address the message goes to (the director's, or `--to` for a test run).
    pub fn letter(&self, entry: &CardEntry, fichas: &Path, to: &str) -> Result<Letter> {
        let html_card = std::fs::read(fichas.join(&entry.html))
            .with_context(|| format!("no se pudo leer la ficha {}", entry.html))?;
        let (attachment_name, attachment, is_pdf) = if entry.pdf.is_empty() {
            (entry.html.clone(), html_card.clone(), false)
        } else {
            let pdf = std::fs::read(fichas.join(&entry.pdf))
                .with_context(|| format!("no se pudo leer la ficha {}", entry.pdf))?;
            (entry.pdf.clone(), pdf, true)
        };
        let fields = |escape: fn(&str) -> String| Fields {
            ola: &self.ola,
            nombre: escape(&entry.nombre),
            director: escape(&entry.director),
            puntaje: escape(&entry.puntaje),
            nivel: escape(&entry.nivel),
            puesto: escape(&entry.puesto),
            cambio: escape(&entry.cambio),
            area_fuerte: escape(&entry.area_fuerte),
            primer_paso: escape(&entry.primer_paso),
            adjunto: escape(&attachment_name),
        };
        // The subject gets the values as they are; the body gets them Markdown-escaped, so a
        // name can never add a link or markup to the message.
        let (subject, _) = self.body(&fields(one_line))?;
        let (_, markdown) = self.body(&fields(escape_markdown))?;
        // The plain part is the same Markdown read as text: no marks, escapes undone.
        let text = plain::text(&markdown);
        let card = String::from_utf8_lossy(&html_card);
        let chart = crate::cards::chart_svg(&card, &entry.id).map(str::to_string);
        let mut ctx = tera::Context::new();
        ctx.insert("asunto", &subject);
        ctx.insert("cuerpo", &crate::content::markdown_to_html(&markdown));
        ctx.insert(
            "grafico",
            &chart.as_deref().map(|svg| Picture {
                cid: content_id(&entry.id),
                alt: description(svg),
            }),
        );
        let html = self
            .tera
            .render(LAYOUT, &ctx)
            .map_err(|e| anyhow::anyhow!("{e:#}"))
            .with_context(|| format!("plantilla {LAYOUT}"))?;
        Ok(Letter {
            entry: entry.clone(),
            to: to.to_string(),
            subject,
            text,
            html,
            attachment_name,
            attachment,
            is_pdf,
            chart,
            fingerprint: Sha256::digest(&html_card)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect(),
        })
    }

    /// Renders the subject and the Markdown body with these values.
    fn body(&self, fields: &Fields) -> Result<(String, String)> {
        let ctx = tera::Context::from_serialize(fields).map_err(|e| anyhow::anyhow!("{e:#}"))?;
        let render = |name: &str| {
            self.tera
                .render(name, &ctx)
                .map_err(|e| anyhow::anyhow!("{e:#}"))
                .with_context(|| format!("plantilla {BODY}"))
        };
        let subject = render(SUBJECT)?;
        let body = render(BODY)?;
        Ok((one_line(&subject), body.trim_start().to_string()))
    }
}

/// (subject template, body template) of `mensaje.md`, its front matter parsed as YAML.
fn split_front_matter(source: &str) -> Result<(String, &str)> {
    let rest = source
        .trim_start_matches('\u{feff}')
        .strip_prefix("---\n")
        .with_context(|| format!("{BODY}: falta el encabezado --- con «asunto»"))?;
    let (front, body) = rest
        .split_once("\n---\n")
        .with_context(|| format!("{BODY}: el encabezado no se cierra con ---"))?;
    let meta: FrontMatter =
        serde_yaml::from_str(front).with_context(|| format!("{BODY}: encabezado inválido"))?;
    Ok((meta.asunto, body))
}

impl Letter {
    pub fn message(&self, from: &Mailbox, reply_to: Option<&Mailbox>) -> Result<Message> {
        let to: Mailbox = Mailbox::new(
            Some(one_line(&self.entry.director)),
            self.to
                .parse()
                .with_context(|| format!("«{}» no es una dirección de correo válida", self.to))?,
        );
        let domain = from.email.domain().to_string();
        let mut builder = Message::builder()
            .from(from.clone())
            .to(to)
            .subject(&self.subject)
            .message_id(Some(format!(
                "<ssme.{}.{}@{domain}>",
                crate::text::slug(&self.entry.id),
                &self.fingerprint[..16]
            )));
        if let Some(r) = reply_to {
            builder = builder.reply_to(r.clone());
        }
        let kind = if self.is_pdf {
            "application/pdf"
        } else {
            "text/html; charset=utf-8"
        };
        let attachment = Attachment::new(self.attachment_name.clone())
            .body(self.attachment.clone(), ContentType::parse(kind)?);
        let body = match &self.chart {
            None => MultiPart::alternative_plain_html(self.text.clone(), self.html.clone()),
            Some(svg) => {
                let png = crate::chart::png_from_svg(svg)
                    .with_context(|| format!("gráfico de la ficha {}", self.entry.html))?;
                let image = Attachment::new_inline(content_id(&self.entry.id))
                    .body(png, ContentType::parse("image/png")?);
                MultiPart::alternative()
                    .singlepart(SinglePart::plain(self.text.clone()))
                    .multipart(
                        MultiPart::related()
                            .singlepart(SinglePart::html(self.html.clone()))
                            .singlepart(image),
                    )
            }
        };
        builder
            .multipart(MultiPart::mixed().multipart(body).singlepart(attachment))
            .context("no se pudo armar el mensaje")
    }
}

/// Content-ID of a card's chart in its message (ASCII: the id goes through `file_id`).
fn content_id(id: &str) -> String {
    format!("{}@ssme", crate::cards::chart_id(id))
}

/// The text of the SVG's `<desc>` (its alt text), unescaped.
fn description(svg: &str) -> String {
    roxmltree::Document::parse(svg)
        .ok()
        .and_then(|doc| {
            doc.descendants()
                .find(|n| n.has_tag_name("desc"))
                .and_then(|n| n.text().map(str::to_string))
        })
        .unwrap_or_default()
}

/// Header-safe text: control characters (a line break could forge a header) become spaces.
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// Backslash-escapes every ASCII punctuation character (CommonMark allows it for all of them).
fn escape_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in one_line(s).chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escaping_keeps_names_as_text() {
        let name = r#"<script>alert(1)</script> & "Café" [x](http://a) *b*"#;
        let html = crate::content::markdown_to_html(&escape_markdown(name));
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<a "), "{html}");
        assert!(!html.contains("<em>"), "{html}");
        assert!(
            html.contains(
                r#"&lt;script&gt;alert(1)&lt;/script&gt; &amp; "Café" [x](http://a) *b*"#
            ),
            "{html}"
        );
    }

    #[test]
    fn header_values_are_one_line() {
        assert_eq!(one_line("Ana\r\nBcc: x@y"), "Ana  Bcc: x@y");
    }
}
