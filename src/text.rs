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
