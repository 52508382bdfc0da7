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
            return Ok(Content { docs });
        }
        for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
            let entry = entry.with_context(|| format!("no se pudo recorrer {}", dir.display()))?;
            let path = entry.path();
            if path.extension().is_none_or(|e| e != "md") {
                continue;
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

/// Markdown → HTML. Raw HTML in the source is turned into text so it shows, escaped.
pub fn markdown_to_html(source: &str) -> String {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let parser = Parser::new_ext(source, options).map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        other => other,
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
    fn tables_and_footnotes() {
        let html =
            markdown_to_html("| a | b |\n|---|---|\n| 1 | 2 |\n\nNota[^1]\n\n[^1]: Fuente DANE.\n");
        assert!(html.contains("<table>"));
        assert!(html.contains("footnote"));
    }
}
