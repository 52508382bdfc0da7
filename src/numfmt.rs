//! Colombian number style: `.` groups thousands, `,` marks decimals, a space before `%`.
//! (582.791 · 0,8 % · 1,65 de 3,0). One place so charts, pages, cards and e-mails agree.

/// Groups the integer digits of `digits` (no sign) with dots.
fn group(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(ch);
    }
    out
}

/// An integer with thousands dots: 582791 → "582.791".
pub fn int(value: i64) -> String {
    let sign = if value < 0 { "-" } else { "" };
    format!("{sign}{}", group(&value.unsigned_abs().to_string()))
}

/// A decimal with `decimals` places and a comma: (1.65, 2) → "1,65"; (12684.0, 0) → "12.684".
pub fn dec(value: f64, decimals: usize) -> String {
    let text = format!("{:.*}", decimals, value.abs());
    let (whole, frac) = match text.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (text.as_str(), None),
    };
    // A value that rounds to zero is printed without a minus sign.
    let negative = value < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0');
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    out.push_str(&group(whole));
    if let Some(f) = frac {
        out.push(',');
        out.push_str(f);
    }
    out
}

/// A percentage given in points (0–100): (0.8, 1) → "0,8 %"; (33.45, 0) → "33 %".
pub fn pct(points: f64, decimals: usize) -> String {
    format!("{} %", dec(points, decimals))
}

/// A share given as a fraction (0–1) shown as a percentage: (0.334, 0) → "33 %".
pub fn share(fraction: f64, decimals: usize) -> String {
    pct(fraction * 100.0, decimals)
}

/// Overall score: 1.65 → "1,65 de 3,0".
pub fn score(value: f64, max: f64) -> String {
    format!("{} de {}", dec(value, 2), dec(max, 1))
}

/// Spanish text for a missing figure. Never show 0 for something that was not measured.
pub const SIN_DATO: &str = "sin dato";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deck_examples() {
        assert_eq!(int(582_791), "582.791");
        assert_eq!(int(12_684), "12.684");
        assert_eq!(int(1_643_849), "1.643.849");
        assert_eq!(int(76), "76");
        assert_eq!(int(-4_243), "-4.243");
        assert_eq!(pct(0.8, 1), "0,8 %");
        assert_eq!(pct(2.6, 1), "2,6 %");
        assert_eq!(score(1.65, 3.0), "1,65 de 3,0");
        assert_eq!(dec(457_188.0, 0), "457.188");
        assert_eq!(dec(1234.5, 1), "1.234,5");
        assert_eq!(share(0.3345, 0), "33 %");
        assert_eq!(dec(-0.001, 1), "0,0");
    }
}
