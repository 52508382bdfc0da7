//! The plain-text part of a message: its Markdown body read as text, so the reader sees no
//! `**`, no backslash escapes and no link syntax (a link keeps its address in brackets).

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

pub fn text(markdown: &str) -> String {
    let mut out = String::new();
    // Per open list: the next number of an ordered list, None for bullets.
    let mut lists: Vec<Option<u64>> = Vec::new();
    let mut links: Vec<String> = Vec::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                out.push_str(&t)
            }
            Event::SoftBreak | Event::HardBreak => out.push('\n'),
            Event::Rule => out.push_str("————\n\n"),
            Event::Start(Tag::List(first)) => {
                if lists.is_empty() && !out.is_empty() && !out.ends_with("\n\n") {
                    out.push('\n');
                }
                lists.push(first);
            }
            Event::End(TagEnd::List(_)) => {
                lists.pop();
                if lists.is_empty() {
                    out.push('\n');
                }
            }
            Event::Start(Tag::Item) => {
                out.push_str(&"  ".repeat(lists.len().saturating_sub(1)));
                match lists.last_mut() {
                    Some(Some(n)) => {
                        out.push_str(&format!("{n}. "));
                        *n += 1;
                    }
                    _ => out.push_str("- "),
                }
            }
            Event::End(TagEnd::Item) if !out.ends_with('\n') => out.push('\n'),
            Event::End(TagEnd::Paragraph) | Event::End(TagEnd::Heading(_)) => {
                out.push_str(if lists.is_empty() { "\n\n" } else { "\n" })
            }
            Event::Start(Tag::Link { dest_url, .. }) => links.push(dest_url.to_string()),
            Event::End(TagEnd::Link) => {
                if let Some(url) = links.pop() {
                    out.push_str(&format!(" <{}>", url.trim_start_matches("mailto:")));
                }
            }
            _ => {}
        }
    }
    format!("{}\n", out.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_and_escapes_go_away() {
        let md = "Hola **Ana**:\n\n- Puntaje: **1,65 de 3,0**\n- Área: Gobernanza \\(2,50\\)\n\n\
                  Escriba a [nosotros](mailto:a@b.co).\n";
        assert_eq!(
            text(md),
            "Hola Ana:\n\n- Puntaje: 1,65 de 3,0\n- Área: Gobernanza (2,50)\n\nEscriba a nosotros <a@b.co>.\n"
        );
    }

    #[test]
    fn a_name_with_markdown_characters_stays_literal() {
        assert_eq!(
            text("Ficha de \\*\\*Café\\*\\* \\_1\\_"),
            "Ficha de **Café** _1_\n"
        );
    }
}
