//! How alike two texts are, for matching an export's headers and answers to the known ones:
//! words and bigrams of their comparison keys, with the years a question names read as its
//! role (the period, the earlier year compared).

use std::collections::{BTreeMap, BTreeSet};

use crate::text::key;

/// Words that carry no meaning for matching question texts.
const STOPWORDS: [&str; 24] = [
    "de", "la", "el", "en", "que", "los", "las", "del", "y", "o", "a", "por", "con", "se", "un",
    "una", "su", "sus", "al", "es", "fue", "para", "lo", "le",
];

fn words(text: &str) -> BTreeSet<String> {
    key(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !STOPWORDS.contains(w))
        // «%» is written « pct » by `normalized`; a description says «porcentaje».
        .map(|w| if w == "porcentaje" { "pct" } else { w })
        .map(str::to_string)
        .collect()
}

/// Similarity of two texts in 0–1: the mean of the bigram (Sørensen–Dice) similarity of their
/// keys and the overlap of their meaningful words, so a re-worded question still matches.
pub fn similarity(a: &str, b: &str) -> f64 {
    let (ka, kb) = (key(a), key(b));
    if ka == kb {
        return 1.0;
    }
    let (wa, wb) = (words(a), words(b));
    let union = wa.union(&wb).count();
    let jaccard = if union == 0 {
        0.0
    } else {
        wa.intersection(&wb).count() as f64 / union as f64
    };
    let smaller = wa.len().min(wb.len());
    // A short answer kept whole inside a re-wording a word or two longer («Sí» → «Sí
    // (seleccione)»).
    let larger = wa.len().max(wb.len());
    let containment = if smaller == 0 || larger - smaller > 2 {
        0.0
    } else {
        wa.intersection(&wb).count() as f64 / smaller as f64
    };
    let base = (strsim::sorensen_dice(&ka, &kb) + jaccard) / 2.0;
    base.max(0.6 * containment + 0.4 * jaccard)
}

/// Years as their role in the ola («2019» in the III ola is its period, in the IV ola the
/// earlier year compared), and «%» as a word, so questions of different olas compare.
pub(super) fn normalized(text: &str, period: Option<i32>) -> String {
    let text = text.replace('%', " pct ");
    let Some(period) = period else { return text };
    text.split_inclusive(|c: char| !c.is_ascii_digit())
        .map(|piece| {
            let digits: String = piece.chars().take_while(char::is_ascii_digit).collect();
            let rest = &piece[digits.len()..];
            match digits.parse::<i32>() {
                Ok(y) if digits.len() == 4 && (1990..=2100).contains(&y) => {
                    let role = match y.cmp(&period) {
                        std::cmp::Ordering::Equal => "periodo",
                        std::cmp::Ordering::Less => "anterior",
                        std::cmp::Ordering::Greater => "siguiente",
                    };
                    format!("{role}{rest}")
                }
                _ => piece.to_string(),
            }
        })
        .collect()
}

/// The export's period: the year its headers name most often (they ask about it).
pub(super) fn period_of(headers: &[(u32, String)]) -> Option<i32> {
    let mut counts: BTreeMap<i32, usize> = BTreeMap::new();
    for (_, h) in headers {
        for w in h.split(|c: char| !c.is_ascii_digit()) {
            if let Ok(y) = w.parse::<i32>() {
                if w.len() == 4 && (1990..=2100).contains(&y) {
                    *counts.entry(y).or_default() += 1;
                }
            }
        }
    }
    counts
        .into_iter()
        .max_by_key(|&(y, n)| (n, y))
        .map(|(y, _)| y)
}

/// The year a question asks about, as `normalized` names it: the earlier year compared wins
/// over the period («en el periodo anterior»); None when it names neither (later years, as in
/// plans for the next olas, are no role: no reference names them).
fn year_role(text: &str) -> Option<&'static str> {
    let w = words(text);
    ["anterior", "periodo"]
        .into_iter()
        .find(|role| w.contains(*role))
}

/// How much a header's similarity to a reference keeps when they ask about different years:
/// a question about the earlier year is not its period's twin, however alike the words. A
/// reference that names no year is about the period.
const OTHER_YEAR: f64 = 0.75;

pub(super) fn header_similarity(header: &str, reference: &str) -> f64 {
    let s = similarity(header, reference);
    let asked = year_role(header).unwrap_or("periodo");
    let known = year_role(reference).unwrap_or("periodo");
    if asked == known {
        s
    } else {
        s * OTHER_YEAR
    }
}

/// Best and runner-up (a different target) of a text among references.
pub(super) fn rank<'r, T: PartialEq>(text: &str, refs: &'r [(String, T)]) -> Vec<(f64, &'r T)> {
    rank_by(text, refs, similarity)
}

pub(super) fn rank_by<'r, T: PartialEq>(
    text: &str,
    refs: &'r [(String, T)],
    similarity: fn(&str, &str) -> f64,
) -> Vec<(f64, &'r T)> {
    let mut best: Vec<(f64, &T)> = Vec::new();
    for (t, target) in refs {
        let s = similarity(text, t);
        match best.iter_mut().find(|(_, b)| *b == target) {
            Some(entry) if s > entry.0 => entry.0 = s,
            Some(_) => {}
            None => best.push((s, target)),
        }
    }
    best.sort_by(|a, b| b.0.total_cmp(&a.0));
    best.truncate(2);
    best
}
