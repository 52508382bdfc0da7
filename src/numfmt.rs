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

/// As [`pct`], with more decimals (up to three) when a share above zero would read «0 %»:
/// (0.04, 1) → "0,04 %", never "0,0 %".
pub fn pct_above_zero(points: f64, decimals: usize) -> String {
    let mut d = decimals;
    while d < 3 && points != 0.0 && dec(points, d).chars().all(|c| matches!(c, '0' | ',' | '-')) {
        d += 1;
    }
    pct(points, d)
}

/// A share given as a fraction (0–1) shown as a percentage: (0.334, 0) → "33 %".
pub fn share(fraction: f64, decimals: usize) -> String {
    pct(fraction * 100.0, decimals)
}

/// Overall score: 1.65 → "1,65 de 3,0".
pub fn score(value: f64, max: f64) -> String {
    format!("{} de {}", dec(value, 2), dec(max, 1))
}

const MONTHS: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];

/// (day, month name, year) of an ISO date "2020-10-23"; None if it is not one.
fn date_parts(iso: &str) -> Option<(u32, &'static str, i32)> {
    let mut it = iso.trim().splitn(3, '-');
    let year: i32 = it.next()?.parse().ok()?;
    let month: usize = it.next()?.parse().ok()?;
    let day: u32 = it.next()?.parse().ok()?;
    let name = MONTHS.get(month.checked_sub(1)?)?;
    (1..=31).contains(&day).then_some((day, *name, year))
}

/// A date in Spanish words: "2020-10-23" → "23 de octubre de 2020", a month "2021-02" →
/// "febrero de 2021" (other text unchanged).
pub fn date(iso: &str) -> String {
    if let Some((d, m, y)) = date_parts(iso) {
        return format!("{d} de {m} de {y}");
    }
    match month_parts(iso) {
        Some((m, y)) => format!("{m} de {y}"),
        None => iso.to_string(),
    }
}

/// (month name, year) of an ISO month "2021-02"; None if it is not one.
fn month_parts(iso: &str) -> Option<(&'static str, i32)> {
    let (year, month) = iso.trim().split_once('-')?;
    let year: i32 = year.parse().ok()?;
    let month: usize = month.parse().ok()?;
    Some((MONTHS.get(month.checked_sub(1)?)?, year))
}

/// A period in Spanish words, the year said once when shared: "23 de octubre al 25 de
/// noviembre de 2020".
pub fn date_range(from: &str, to: &str) -> String {
    match (date_parts(from), date_parts(to)) {
        (Some((d1, m1, y1)), Some((d2, m2, y2))) if y1 == y2 => {
            format!("{d1} de {m1} al {d2} de {m2} de {y2}")
        }
        _ => format!("{} al {}", date(from), date(to)),
    }
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
        assert_eq!(
            date_range("2020-10-23", "2020-11-25"),
            "23 de octubre al 25 de noviembre de 2020"
        );
        assert_eq!(date("2021-01-05"), "5 de enero de 2021");
        assert_eq!(date("2021-02"), "febrero de 2021");
        assert_eq!(date("2021-13"), "2021-13");
        assert_eq!(pct_above_zero(0.04, 1), "0,04 %");
        assert_eq!(pct_above_zero(0.0, 1), "0,0 %");
        assert_eq!(pct_above_zero(12.34, 1), "12,3 %");
    }
}
