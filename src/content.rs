//! Narrative pages in `content/`: Markdown with YAML front matter, found with walkdir and
//! rendered with pulldown-cmark (tables and footnotes; raw HTML is escaped, never passed through).

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, Result};
use pulldown_cmark::{html, Event, Options, Parser, Tag, TagEnd};
use serde::Deserialize;

#[derive(Debug, Clone, Default, Deserialize)]
pub struct FrontMatter {
    #[serde(default)]
    pub titulo: String,
    #[serde(default)]
    pub orden: i64,
    #[serde(default)]
    pub resumen: Option<String>,
    #[serde(default)]
    pub area: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Document {
    pub meta: FrontMatter,
    /// Markdown body (without front matter).
    pub body: String,
}

/// Every document under `content/`, keyed by its path relative to it without ".md"
/// ("olas/3/conclusiones", "recomendaciones/gobernanza").
#[derive(Debug, Clone, Default)]
pub struct Content {
    pub docs: BTreeMap<String, Document>,
}

impl Content {
    pub fn load(dir: &Path) -> Result<Content> {
        let mut docs = BTreeMap::new();
        if !dir.is_dir() {
            eprintln!(
                "aviso: no existe la carpeta {}: el sitio y las fichas se publican sin sus textos \
                 (inicio, conclusiones, recomendaciones)",
                dir.display()
            );
            return Ok(Content { docs });
        }
        // The project folder: nothing outside it is read through a link.
        let project = dir
            .parent()
            .and_then(|p| p.canonicalize().ok())
            .unwrap_or_else(|| dir.to_path_buf());
        for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
            let entry = entry.with_context(|| format!("no se pudo recorrer {}", dir.display()))?;
            let path = entry.path();
            if path.extension().is_none_or(|e| e != "md") {
                continue;
            }
            if entry.path_is_symlink() {
                let real = path.canonicalize().ok();
                if !real.as_ref().is_some_and(|r| r.starts_with(&project)) {
                    anyhow::bail!(
                        "{} es un enlace a un archivo fuera de la carpeta del proyecto; no se \
                         lee (copie el archivo dentro del proyecto)",
                        path.display()
                    );
                }
            }
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("no se pudo leer {}", path.display()))?;
            let doc = parse(&text)
                .with_context(|| format!("{}: front matter inválido", path.display()))?;
            let rel = path.strip_prefix(dir).unwrap_or(path).with_extension("");
            let key = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            docs.insert(key, doc);
        }
        Ok(Content { docs })
    }

    pub fn get(&self, key: &str) -> Option<&Document> {
        self.docs.get(key)
    }
}

pub fn parse(text: &str) -> Result<Document> {
    let text = text.trim_start_matches('\u{feff}');
    if let Some(rest) = text.strip_prefix("---") {
        if let Some(end) = rest.find("\n---") {
            let meta: FrontMatter = serde_yaml::from_str(&rest[..end])?;
            let body = rest[end + 4..].trim_start_matches(['-']).to_string();
            return Ok(Document { meta, body });
        }
    }
    Ok(Document {
        meta: FrontMatter::default(),
        body: text.to_string(),
    })
}

/// Markdown → HTML. Raw HTML in the source is turned into text so it shows, escaped; links
/// and images other than web, mail or relative ones (`javascript:`, `data:`…) are dropped,
/// their text kept.
pub fn markdown_to_html(source: &str) -> String {
    render(source, false)
}

/// Markdown → HTML for a private card, which is e-mailed and must load nothing: as
/// [`markdown_to_html`], and every image is replaced by its description.
pub fn markdown_to_html_offline(source: &str) -> String {
    render(source, true)
}

fn render(source: &str, no_images: bool) -> String {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    // Whether each open link or image was dropped, to drop its end too.
    let mut dropped: Vec<bool> = Vec::new();
    let parser = Parser::new_ext(source, options).filter_map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
        Event::Start(Tag::Link { ref dest_url, .. }) => {
            let drop = !safe_url(dest_url);
            dropped.push(drop);
            (!drop).then_some(event)
        }
        Event::Start(Tag::Image { ref dest_url, .. }) => {
            let drop = no_images || !safe_url(dest_url);
            dropped.push(drop);
            (!drop).then_some(event)
        }
        Event::End(TagEnd::Link | TagEnd::Image) => {
            (!dropped.pop().unwrap_or(false)).then_some(event)
        }
        other => Some(other),
    });
    // Footnote definitions go to the end of the text, after a rule, wherever they were written.
    let (mut body, mut notes) = (Vec::new(), Vec::new());
    let mut depth = 0usize;
    for event in parser {
        match &event {
            Event::Start(Tag::FootnoteDefinition(_)) => depth += 1,
            Event::End(TagEnd::FootnoteDefinition) => {
                depth -= 1;
                notes.push(event);
                continue;
            }
            _ => {}
        }
        if depth > 0 {
            notes.push(event);
        } else {
            body.push(event);
        }
    }
    if !notes.is_empty() {
        body.push(Event::Rule);
        body.extend(notes);
    }
    let mut out = String::new();
    html::push_html(&mut out, body.into_iter());
    out
}

/// A link a reader may follow: http(s), mailto, tel, or relative (no scheme). Browsers ignore
/// tabs, line breaks and leading spaces in a scheme, so they are ignored here too.
fn safe_url(url: &str) -> bool {
    let clean: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    let scheme_end = clean.find(':');
    let path_start = clean.find(['/', '?', '#']);
    match (scheme_end, path_start) {
        (Some(colon), Some(slash)) if slash < colon => true,
        (Some(colon), _) => matches!(&clean[..colon], "http" | "https" | "mailto" | "tel"),
        (None, _) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn footnotes_go_to_the_end_of_the_text() {
        let html = markdown_to_html("Uno[^a].\n\n[^a]: La nota.\n\nDos.\n");
        let (note, two) = (html.find("La nota").unwrap(), html.find("Dos.").unwrap());
        assert!(two < note, "{html}");
        assert!(html.contains("<hr />"), "{html}");
    }

    #[test]
    fn front_matter_and_body() {
        let d = parse("---\ntitulo: Hola\norden: 2\n---\n\n## Uno\n\nTexto").unwrap();
        assert_eq!(d.meta.titulo, "Hola");
        assert_eq!(d.meta.orden, 2);
        assert!(d.body.contains("## Uno"));
    }

    #[test]
    fn raw_html_is_escaped() {
        let html = markdown_to_html(
            "Hola <script>alert(1)</script> y <b>negrita</b>\n\n<div onclick=x>bloque</div>\n",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<div"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

    #[test]
    fn script_and_data_links_are_dropped_their_text_kept() {
        let html = markdown_to_html(
            "[uno](javascript:alert(1)) [dos](JaVaScript:x) [tres](data:text/html;base64,PHNjcmlwdD4=) \
             ![img](javascript:x) [web](https://redclustercolombia.gov.co/a:b) [rel](olas/3/) \
             <javascript:alert(2)>",
        );
        assert!(!html.to_lowercase().contains("href=\"javascript"), "{html}");
        assert!(!html.contains("href=\"data:"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("uno dos tres img"), "{html}");
        assert!(
            html.contains(r#"<a href="https://redclustercolombia.gov.co/a:b">web</a>"#),
            "{html}"
        );
        assert!(html.contains(r#"<a href="olas/3/">rel</a>"#), "{html}");
    }

    #[test]
    fn cards_load_no_image() {
        let html = markdown_to_html_offline(
            "Ver ![el mapa](https://x.co/espia.png) y [web](https://x.co)",
        );
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("Ver el mapa y"), "{html}");
        assert!(html.contains(r#"<a href="https://x.co">web</a>"#), "{html}");
    }

    #[test]
    fn tables_and_footnotes() {
        let html =
            markdown_to_html("| a | b |\n|---|---|\n| 1 | 2 |\n\nNota[^1]\n\n[^1]: Fuente DANE.\n");
        assert!(html.contains("<table>"));
        assert!(html.contains("footnote"));
    }
}
