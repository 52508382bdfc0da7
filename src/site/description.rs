//! Each page's own `<meta name="description">` (and Open Graph description): its introduction,
//! else the first paragraph of its text (after the ola's label), else its title — so a search result or a shared link
//! says what that page holds, not the site's one sentence.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::page::{Block, Page};

/// Longest description; search engines cut around here.
const MAX_CHARS: usize = 160;

/// A section page's description; `ola` is the ola's label, for the title fallback.
pub fn of_page(page: &Page, ola: Option<&str>) -> String {
    if let Some(intro) = &page.intro {
        return shorten(intro);
    }
    let text = page.blocks.iter().find_map(|b| match b {
        Block::Markdown(md) => first_paragraph(md),
        _ => None,
    });
    // The same text may open a page of every ola (the methodology): the ola tells them apart.
    match (text, ola) {
        (Some(t), Some(ola)) => shorten(&format!("{ola} — {t}")),
        (Some(t), None) => shorten(&t),
        (None, Some(ola)) => format!("{} — {ola}", page.title),
        (None, None) => page.title.clone(),
    }
}

/// The home page's description: the first paragraph of its welcome text, else the site title.
pub fn of_home(welcome: Option<&str>, site_title: &str) -> String {
    welcome
        .and_then(first_paragraph)
        .map_or_else(|| site_title.to_string(), |t| shorten(&t))
}

/// The plain text of the first paragraph of some Markdown (marks and links dropped).
fn first_paragraph(markdown: &str) -> Option<String> {
    let mut text = String::new();
    let mut inside = false;
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::Paragraph) => inside = true,
            Event::End(TagEnd::Paragraph) if inside => break,
            Event::Text(t) | Event::Code(t) if inside => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak if inside => text.push(' '),
            _ => {}
        }
    }
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

/// At most `MAX_CHARS` characters, cut at a word with «…».
fn shorten(text: &str) -> String {
    if text.chars().count() <= MAX_CHARS {
        return text.to_string();
    }
    let cut: String = text.chars().take(MAX_CHARS - 1).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_paragraph_is_read_as_plain_text() {
        let md =
            "## Título\n\nUn texto con *énfasis* y [un enlace](x.html)\nen dos líneas.\n\nOtro.";
        assert_eq!(
            first_paragraph(md).unwrap(),
            "Un texto con énfasis y un enlace en dos líneas."
        );
        assert_eq!(first_paragraph("## Solo un título"), None);
    }

    #[test]
    fn a_long_text_is_cut_at_a_word() {
        let long = "palabra ".repeat(40);
        let short = shorten(&long);
        assert!(short.chars().count() <= MAX_CHARS, "{short}");
        assert!(short.ends_with("palabra…"), "{short}");
    }
}
