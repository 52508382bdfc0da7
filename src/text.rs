//! Text helpers shared by the reader, the validator and the renderers.

use deunicode::deunicode;

/// Comparison key for headers, answers and department names: lower case, no accents, single
/// spaces, no surrounding spaces. "  Bogotá  D.C. " and "bogota d.c." share a key.
pub fn key(text: &str) -> String {
    deunicode(text)
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A file-name slug: "Clúster de Café de Risaralda" → "cluster-de-cafe-de-risaralda".
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for ch in deunicode(text).to_lowercase().chars() {
        if ch.is_ascii_alphanumeric() {
            out.push(ch);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-')
        .chars()
        .take(60)
        .collect::<String>()
        .trim_end_matches('-')
        .to_string()
}

/// Text for a terminal: control characters shown as escapes (`\u{1b}`, `\r`, `\n`), so a value
/// can neither move the cursor, clear the screen nor fake a line of its own.
pub fn visible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// Text for an output file: control characters (NUL, escapes…) dropped; a line break or a tab
/// becomes a space.
pub fn without_controls(text: &str) -> String {
    if !text.chars().any(char::is_control) {
        return text.to_string();
    }
    text.chars()
        .filter_map(|c| match c {
            '\n' | '\r' | '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_case_accents_and_spaces() {
        assert_eq!(key("  Bogotá  D.C. "), "bogota d.c.");
        assert_eq!(key("CÓRDOBA"), key("cordoba"));
        assert_ne!(key("Bogota"), key("Bogotá D.C."));
    }

    #[test]
    fn slugs_are_file_safe() {
        assert_eq!(
            slug("Clúster de Café de Risaralda"),
            "cluster-de-cafe-de-risaralda"
        );
        assert_eq!(
            slug("<script>alert(1)</script> & \"Café\""),
            "script-alert-1-script-cafe"
        );
    }
}
