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
    let text = match scaled(value.abs(), decimals) {
        Some(n) => {
            // Left-padded so that there is always one whole digit.
            let mut t = format!("{n:0>width$}", width = decimals + 1);
            if decimals > 0 {
                t.insert(t.len() - decimals, '.');
            }
            t
        }
        None => format!("{:.*}", decimals, value.abs()),
    };
    let (whole, frac) = match text.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (text.as_str(), None),
    };
    // A value that rounds to zero is printed without a minus sign.
    let negative = value < 0.0 && text.bytes().any(|c| c.is_ascii_digit() && c != b'0');
    let mut out = String::with_capacity(text.len() + text.len() / 3 + 1);
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

/// `value · 10^decimals` rounded half to even, as `format!("{:.*}")` rounds, computed exactly
/// in integers (a double is `m · 2^e`). Numbers are formatted by the thousand in every build,
/// and the general formatter's exact mode falls back to slow big-number arithmetic. None for
/// what does not fit (infinite, NaN, huge, many decimals): the general formatter prints it.
fn scaled(value: f64, decimals: usize) -> Option<u128> {
    if !value.is_finite() || value < 0.0 || decimals > 9 {
        return None;
    }
    let bits = value.to_bits();
    let (exp, frac) = (((bits >> 52) & 0x7ff) as i32, bits & ((1u64 << 52) - 1));
    let (m, e) = match exp {
        0 => (frac, -1074),
        _ => (frac | (1 << 52), exp - 1075),
    };
    // m < 2^53 and 10^9 < 2^30: the product fits in 83 bits.
    let n = u128::from(m) * 10u128.pow(decimals as u32);
    if e >= 0 {
        return (e <= 40).then(|| n << e);
    }
    let k = e.unsigned_abs();
    if k > 84 {
        return Some(0); // below half a unit of the last place
    }
    let (q, r, half) = (n >> k, n & ((1 << k) - 1), 1u128 << (k - 1));
    Some(if r > half || (r == half && q & 1 == 1) {
        q + 1
    } else {
        q
    })
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

/// The language of dates written in words (`idioma_fechas` in `ssme.yaml`); everything else
/// the site says is Spanish.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateLanguage {
    #[default]
    Es,
    En,
}

const MONTHS_ES: [&str; 12] = [
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

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// (day, month number 1–12, year) of an ISO date "2020-10-23"; None if it is not one.
fn date_parts(iso: &str) -> Option<(u32, usize, i32)> {
    let mut it = iso.trim().splitn(3, '-');
    let year: i32 = it.next()?.parse().ok()?;
    let month: usize = it.next()?.parse().ok()?;
    let day: u32 = it.next()?.parse().ok()?;
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some((day, month, year))
}

fn month(lang: DateLanguage, number: usize) -> &'static str {
    let names = match lang {
        DateLanguage::Es => &MONTHS_ES,
        DateLanguage::En => &MONTHS_EN,
    };
    names[number - 1]
}

/// A date in words: "2020-10-23" → "23 de octubre de 2020" / "October 23, 2020", a month
/// "2021-02" → "febrero de 2021" / "February 2021" (other text unchanged).
pub fn date(iso: &str, lang: DateLanguage) -> String {
    if let Some((d, m, y)) = date_parts(iso) {
        return match lang {
            DateLanguage::Es => format!("{d} de {} de {y}", month(lang, m)),
            DateLanguage::En => format!("{} {d}, {y}", month(lang, m)),
        };
    }
    match (month_parts(iso), lang) {
        (Some((m, y)), DateLanguage::Es) => format!("{} de {y}", month(lang, m)),
        (Some((m, y)), DateLanguage::En) => format!("{} {y}", month(lang, m)),
        (None, _) => iso.to_string(),
    }
}

/// (month number 1–12, year) of an ISO month "2021-02"; None if it is not one.
fn month_parts(iso: &str) -> Option<(usize, i32)> {
    let (year, month) = iso.trim().split_once('-')?;
    let year: i32 = year.parse().ok()?;
    let month: usize = month.parse().ok()?;
    (1..=12).contains(&month).then_some((month, year))
}

/// A period in words, the year said once when shared: "23 de octubre al 25 de noviembre de
/// 2020" / "October 23 to November 25, 2020".
pub fn date_range(from: &str, to: &str, lang: DateLanguage) -> String {
    match (date_parts(from), date_parts(to), lang) {
        (Some((d1, m1, y1)), Some((d2, m2, y2)), DateLanguage::Es) if y1 == y2 => {
            let (m1, m2) = (month(lang, m1), month(lang, m2));
            format!("{d1} de {m1} al {d2} de {m2} de {y2}")
        }
        (Some((d1, m1, y1)), Some((d2, m2, y2)), DateLanguage::En) if y1 == y2 => {
            let (m1, m2) = (month(lang, m1), month(lang, m2));
            format!("{m1} {d1} to {m2} {d2}, {y2}")
        }
        (.., DateLanguage::Es) => format!("{} al {}", date(from, lang), date(to, lang)),
        (.., DateLanguage::En) => format!("{} to {}", date(from, lang), date(to, lang)),
    }
}

/// Spanish text for a missing figure. Never show 0 for something that was not measured.
pub const SIN_DATO: &str = "sin dato";

#[cfg(test)]
mod tests {
    use super::*;

    /// The exact path prints what the general formatter prints, ties and extremes included.
    #[test]
    fn dec_rounds_as_the_general_formatter() {
        let old = |v: f64, d: usize| {
            // The formatter of the first version, kept here as the reference.
            let text = format!("{:.*}", d, v.abs());
            let neg = v < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0');
            let sign = if neg { "-" } else { "" };
            match text.split_once('.') {
                Some((w, f)) => format!("{sign}{},{f}", group(w)),
                None => format!("{sign}{}", group(&text)),
            }
        };
        let mut values = vec![
            0.0,
            -0.0,
            0.5,
            1.5,
            2.5,
            0.125,
            0.375,
            -0.25,
            1.005,
            2.675,
            1e15,
            9.995,
            1e22,
            -1e-300,
            5e-324,
            4503599627370495.5,
            1.65,
            582791.0,
            f64::MAX,
            f64::MIN_POSITIVE,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            0.049999999999999996,
            99.95,
        ];
        // Exact ties at every scale, and a deterministic spread of doubles of every size.
        values.extend((0..2000).map(|i| f64::from(i) / 64.0 - 15.0));
        let mut x = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            values.push(f64::from_bits(x >> 2) % 1e7);
            values.push((x % 10_000_000) as f64 / 1000.0);
        }
        for v in values {
            for d in 0..=10 {
                assert_eq!(dec(v, d), old(v, d), "{v:e} with {d} decimals");
            }
        }
    }

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
            date_range("2020-10-23", "2020-11-25", DateLanguage::Es),
            "23 de octubre al 25 de noviembre de 2020"
        );
        assert_eq!(date("2021-01-05", DateLanguage::Es), "5 de enero de 2021");
        assert_eq!(date("2021-02", DateLanguage::Es), "febrero de 2021");
        assert_eq!(date("2021-02", DateLanguage::En), "February 2021");
        assert_eq!(date("2021-13", DateLanguage::Es), "2021-13");
        assert_eq!(pct_above_zero(0.04, 1), "0,04 %");
        assert_eq!(pct_above_zero(0.0, 1), "0,0 %");
        assert_eq!(pct_above_zero(12.34, 1), "12,3 %");
    }
}

#[cfg(test)]
mod date_tests {
    use super::*;

    #[test]
    fn dates_in_english_and_across_years() {
        let en = DateLanguage::En;
        assert_eq!(date("2021-01-05", en), "January 5, 2021");
        assert_eq!(
            date_range("2020-10-23", "2020-11-25", en),
            "October 23 to November 25, 2020"
        );
        assert_eq!(
            date_range("2020-12-01", "2021-01-15", en),
            "December 1, 2020 to January 15, 2021"
        );
        assert_eq!(
            date_range("2020-12-01", "2021-01-15", DateLanguage::Es),
            "1 de diciembre de 2020 al 15 de enero de 2021"
        );
        assert_eq!(date("2021-13-05", en), "2021-13-05");
        assert_eq!(date("sin fecha", DateLanguage::Es), "sin fecha");
    }

    #[test]
    fn the_language_is_read_from_yaml() {
        let en: DateLanguage = serde_yaml::from_str("en").unwrap();
        assert_eq!(en, DateLanguage::En);
        assert!(serde_yaml::from_str::<DateLanguage>("fr").is_err());
    }
}
