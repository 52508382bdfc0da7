//! Markdown cut into slide-sized parts at its top-level blocks (paragraphs, lists, headings),
//! never inside one, and never leaving a heading at the end of a part.

use pulldown_cmark::{Event, Options, Parser};

/// Characters of a printed line of slide text (conservative: the CSS sets the text's size).
const LINE_CHARS: usize = 100;

/// One top-level block of the source: its text and, for a heading, its plain text.
struct Piece<'a> {
    source: &'a str,
    heading: bool,
    plain: String,
}

/// A slide's worth of text: the heading it opens with, if any, taken out as its title.
#[derive(Debug, PartialEq)]
pub struct Chunk {
    pub title: Option<String>,
    pub body: String,
}

/// The Markdown split into parts of at most `lines` printed lines (a single longer block is a
/// part of its own). A heading opens a new part, and goes with the block after it.
pub fn split(markdown: &str, lines: usize) -> Vec<Chunk> {
    let mut parts: Vec<Vec<&Piece>> = vec![Vec::new()];
    let mut used = 0;
    let pieces = pieces(markdown);
    for piece in &pieces {
        let c = cost(piece);
        let current = parts.last_mut().expect("one part at least");
        let only_headings = current.iter().all(|p| p.heading);
        let full = !current.is_empty() && used + c > lines;
        if (piece.heading || full) && !only_headings {
            // A heading that ended the part moves with the block after it.
            let mut next = Vec::new();
            while current.last().is_some_and(|p| p.heading) {
                next.insert(0, current.pop().expect("checked"));
            }
            used = next.iter().map(|p| cost(p)).sum();
            parts.push(next);
        }
        parts.last_mut().expect("one part at least").push(piece);
        used += c;
    }
    parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .map(|p| {
            let titled = p.len() > 1 && p[0].heading;
            let rest = if titled { &p[1..] } else { &p[..] };
            Chunk {
                title: titled.then(|| p[0].plain.clone()),
                body: rest
                    .iter()
                    .map(|piece| piece.source.trim_end())
                    .collect::<Vec<_>>()
                    .join("\n\n"),
            }
        })
        .collect()
}

/// Printed lines of a block: each source line wrapped at [`LINE_CHARS`], plus the space
/// around the block; a heading counts double (larger type).
fn cost(piece: &Piece) -> usize {
    let text: usize = piece
        .source
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.chars().count().div_ceil(LINE_CHARS).max(1))
        .sum();
    if piece.heading {
        2 * text + 1
    } else {
        text + 1
    }
}

/// The top-level blocks in source order.
fn pieces(markdown: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let options = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES;
    for (event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                if depth == 0 {
                    out.push(Piece {
                        source: &markdown[range],
                        heading: matches!(tag, pulldown_cmark::Tag::Heading { .. }),
                        plain: String::new(),
                    });
                }
                depth += 1;
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Text(t) | Event::Code(t) if depth > 0 => {
                if let Some(p) = out.last_mut().filter(|p| p.heading) {
                    p.plain.push_str(&t);
                }
            }
            _ if depth == 0 => out.push(Piece {
                source: &markdown[range],
                heading: false,
                plain: String::new(),
            }),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_open_a_part_and_short_text_stays_together() {
        let md = "Uno.\n\nDos.\n\n## Título\n\nTres.\n\n- a\n- b\n";
        let parts = split(md, 20);
        let own = |title: Option<&str>, body: &str| Chunk {
            title: title.map(str::to_string),
            body: body.to_string(),
        };
        assert_eq!(
            parts,
            vec![
                own(None, "Uno.\n\nDos."),
                own(Some("Título"), "Tres.\n\n- a\n- b")
            ]
        );
    }

    #[test]
    fn a_full_part_never_ends_with_a_heading() {
        let long = "palabra ".repeat(100); // 800 characters: 8 lines + 1
        let md = format!("{long}\n\n{long}\n\n## Después\n\n{long}\n");
        for lines in [12, 20, 25] {
            for part in split(&md, lines) {
                let last = part.body.lines().rfind(|l| !l.trim().is_empty()).unwrap();
                assert!(!last.starts_with('#'), "{lines}: {part:?}");
            }
        }
        assert_eq!(split(&md, 12).len(), 3);
    }

    #[test]
    fn nothing_is_lost() {
        let md = "# A\n\ntexto\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n> cita\n";
        let parts = split(md, 3);
        assert_eq!(parts[0].title.as_deref(), Some("A"));
        let joined: Vec<&str> = parts.iter().map(|p| p.body.as_str()).collect();
        let joined = joined.join("\n\n");
        for word in ["texto", "| 1 | 2 |", "> cita"] {
            assert!(joined.contains(word), "{joined}");
        }
    }
}
