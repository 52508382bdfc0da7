//! The PDF bytes Chromium returns: made reproducible, and a batch of cards split into one PDF
//! per card.

use std::collections::HashMap;

use lopdf::{Document, Object, ObjectId, StringFormat};

/// Splits a printed batch of pages, each opening on a new sheet with its one `h1` (the top level
/// of Chromium's document outline), into one PDF per page, titled `titles[k]`. None when the
/// outline does not show exactly one start per page, so the caller prints them one by one.
///
/// The batch's outline and structure tags describe the whole batch and are left out, so card
/// PDFs printed in a batch are untagged (the card's HTML remains its accessible form).
pub(super) fn split(batch: &[u8], titles: &[String]) -> Option<Vec<Vec<u8>>> {
    let mut doc = Document::load_mem(batch).ok()?;
    let pages = doc.get_pages();
    let number: HashMap<ObjectId, u32> = pages.iter().map(|(n, id)| (*id, *n)).collect();
    let starts = outline_starts(&doc, &number)?;
    let ordered = starts.windows(2).all(|w| w[0] < w[1]);
    if starts.len() != titles.len() || starts.first() != Some(&1) || !ordered {
        return None;
    }
    let catalog = doc.catalog_mut().ok()?;
    for key in [
        "Outlines",
        "StructTreeRoot",
        "MarkInfo",
        "Names",
        "Dests",
        "PageMode",
    ] {
        catalog.remove(key.as_bytes());
    }
    let root = catalog.get(b"Pages").and_then(Object::as_reference).ok()?;
    doc.prune_objects();
    let total = pages.len() as u32;
    let mut parts = Vec::with_capacity(titles.len());
    for (k, title) in titles.iter().enumerate() {
        let (first, last) = (starts[k], starts.get(k + 1).map_or(total, |n| n - 1));
        let mut part = doc.clone();
        // A flat page tree with just this card's pages; the rest becomes unreachable.
        for n in first..=last {
            let page = part.get_dictionary_mut(pages[&n]).ok()?;
            page.set("Parent", root);
            page.remove(b"StructParents");
        }
        let kids: Vec<Object> = (first..=last).map(|n| pages[&n].into()).collect();
        let tree = part.get_dictionary_mut(root).ok()?;
        tree.set("Kids", kids);
        tree.set("Count", i64::from(last - first + 1));
        set_info(&mut part, title)?;
        part.prune_objects();
        part.renumber_objects();
        let mut bytes = Vec::new();
        part.save_to(&mut bytes).ok()?;
        parts.push(bytes);
    }
    Some(parts)
}

/// Page numbers the top-level outline entries point to, in order.
fn outline_starts(doc: &Document, number: &HashMap<ObjectId, u32>) -> Option<Vec<u32>> {
    let outlines = doc
        .catalog()
        .ok()?
        .get(b"Outlines")
        .ok()?
        .as_reference()
        .ok()?;
    let mut item = doc
        .get_dictionary(outlines)
        .ok()?
        .get(b"First")
        .ok()?
        .as_reference()
        .ok();
    let mut starts = Vec::new();
    while let Some(id) = item {
        let entry = doc.get_dictionary(id).ok()?;
        let dest = match entry.get(b"Dest") {
            Ok(d) => d,
            Err(_) => entry.get(b"A").ok()?.as_dict().ok()?.get(b"D").ok()?,
        };
        let page = dest.as_array().ok()?.first()?.as_reference().ok()?;
        starts.push(*number.get(&page)?);
        item = entry.get(b"Next").and_then(Object::as_reference).ok();
    }
    Some(starts)
}

/// The card's own title, and fixed dates so a rebuilt PDF is byte-identical.
fn set_info(doc: &mut Document, title: &str) -> Option<()> {
    let info = doc
        .trailer
        .get(b"Info")
        .and_then(Object::as_reference)
        .ok()?;
    let dict = doc.get_dictionary_mut(info).ok()?;
    let utf16 = lopdf::encode_utf16_be(title);
    dict.set("Title", Object::String(utf16, StringFormat::Hexadecimal));
    for key in ["CreationDate", "ModDate"] {
        dict.set(key, Object::string_literal("D:20000101000000+00'00'"));
    }
    Some(())
}

/// Chromium stamps each PDF with the time it was made, and numbers the tagged structure after
/// the DOM node ids of its renderer, which depend on what it loaded before. Fixed stamps of the
/// same length and node ids counted from zero (same width, same order, so the cross-reference
/// offsets and the sorted ID tree stay valid) make rebuilt PDFs byte-identical.
pub(super) fn normalise(mut pdf: Vec<u8>) -> Vec<u8> {
    for key in [&b"/CreationDate (D:"[..], &b"/ModDate (D:"[..]] {
        for start in positions(&pdf, key) {
            let start = start + key.len();
            let stamp = b"20000101000000+00'00'";
            let mut i = 0;
            while start + i < pdf.len() && pdf[start + i] != b')' {
                pdf[start + i] = stamp.get(i).copied().unwrap_or(b' ');
                i += 1;
            }
        }
    }
    const NODE: &[u8] = b"(node";
    const DIGITS: usize = 8;
    let ids: Vec<(usize, u64)> = positions(&pdf, NODE)
        .into_iter()
        .filter_map(|at| {
            let digits = pdf.get(at + NODE.len()..at + NODE.len() + DIGITS)?;
            let closed = pdf.get(at + NODE.len() + DIGITS) == Some(&b')');
            let n = std::str::from_utf8(digits).ok()?.parse().ok()?;
            closed.then_some((at + NODE.len(), n))
        })
        .collect();
    if let Some(min) = ids.iter().map(|&(_, n)| n).min() {
        for (at, n) in ids {
            let text = format!("{:0width$}", n - min, width = DIGITS);
            pdf[at..at + DIGITS].copy_from_slice(text.as_bytes());
        }
    }
    pdf
}

fn positions(haystack: &[u8], needle: &[u8]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = haystack[from..]
        .windows(needle.len())
        .position(|w| w == needle)
    {
        out.push(from + at);
        from += at + needle.len();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_stamps_and_node_ids_are_normalised() {
        let a = b"<</CreationDate (D:20261121201316+00'00')/ID (node00000057)>> (node00000059)";
        let b = b"<</CreationDate (D:20251231235959+00'00')/ID (node00000102)>> (node00000104)";
        let (na, nb) = (normalise(a.to_vec()), normalise(b.to_vec()));
        assert_eq!(na, nb);
        assert_eq!(na.len(), a.len());
        assert!(String::from_utf8_lossy(&na).contains("(node00000002)"));
    }
}
