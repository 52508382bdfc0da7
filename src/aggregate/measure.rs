//! Every published figure is a [`Measure`]: a value and the [`Base`] it counts over. The
//! sections compute their figures with the functions here, and a figure, a chart or a card
//! can only print a measure together with its base, so every figure says what it counts and a
//! figure computed once reads the same wherever it appears.
//!
//! Blank is «sin dato»: an initiative that did not answer is outside every base below, and a
//! figure nobody answered has no value, never 0.

use crate::numfmt;
use crate::page::Figure;
use crate::Initiative;

/// What a figure counts over; printed with the figure.
#[derive(Debug, Clone, PartialEq)]
pub enum Base {
    /// A share of every categorized initiative of the ola, `answered` of which answered.
    AllInitiatives { total: usize, answered: usize },
    /// A share of the `answered` initiatives that answered, of `total` categorized.
    Respondents { total: usize, answered: usize },
    /// A share of the `mentions` of a multi-select, made by `initiatives` initiatives.
    Mentions { mentions: usize, initiatives: usize },
    /// A sum of what `answered` of `total` initiatives report.
    Sum { total: usize, answered: usize },
    /// A mean of what `answered` of `total` initiatives report.
    Mean { total: usize, answered: usize },
    /// A composition (shares of a whole, or a change between years) over the `answered` of
    /// `total` initiatives that reported every part.
    Complete { total: usize, answered: usize },
    /// The initiatives categorized in the ola (a count of them, or of what they cover).
    Categorized { total: usize },
    /// The `total` initiatives categorized in two olas (by id), `first` and `second`: a change
    /// between the olas that follows the same initiatives.
    InBoth {
        total: usize,
        first: String,
        second: String,
    },
    /// A figure published by an ola known only by its summary (olas I and II).
    Published { ola: String },
    /// Anything else, said in words (a reference source, a questionnaire's dates).
    Said(String),
}

fn int(n: usize) -> String {
    numfmt::int(n as i64)
}

impl Base {
    /// The base in words, as printed under the figure.
    pub fn describe(&self) -> String {
        match self {
            Base::AllInitiatives { total, answered } => {
                if answered == total {
                    format!("de {} iniciativas; todas respondieron", int(*total))
                } else {
                    format!(
                        "de {} iniciativas; {} respondieron",
                        int(*total),
                        int(*answered)
                    )
                }
            }
            Base::Respondents { total, answered } => {
                if answered == total {
                    format!("de {} iniciativas; todas respondieron", int(*total))
                } else {
                    format!(
                        "de las {} iniciativas que respondieron, de {}",
                        int(*answered),
                        int(*total)
                    )
                }
            }
            Base::Mentions {
                mentions,
                initiatives,
            } => format!(
                "de {} menciones de {} iniciativas; una iniciativa puede marcar varias",
                int(*mentions),
                int(*initiatives)
            ),
            Base::Sum { total, answered } => {
                format!("suma de lo que reportan {}", reporting(*answered, *total))
            }
            Base::Mean { total, answered } => {
                format!(
                    "promedio de lo que reportan {}",
                    reporting(*answered, *total)
                )
            }
            Base::Complete { total, answered } => format!(
                "sobre {} con todas las cifras",
                reporting(*answered, *total)
            ),
            Base::Categorized { total } => {
                format!("de las {} iniciativas categorizadas", int(*total))
            }
            Base::InBoth {
                total,
                first,
                second,
            } => format!(
                "en las {} iniciativas categorizadas en la {first} y en la {second}",
                int(*total)
            ),
            Base::Published { ola } => format!("cifra publicada de la {ola}"),
            Base::Said(text) => text.clone(),
        }
    }
}

/// «las 76 iniciativas» or «70 de 76 iniciativas».
fn reporting(answered: usize, total: usize) -> String {
    if answered == total {
        format!("las {} iniciativas", int(total))
    } else {
        format!("{} de {} iniciativas", int(answered), int(total))
    }
}

/// How a measure's value is written.
#[derive(Debug, Clone, Copy)]
pub enum Format {
    /// A whole number (582.791).
    Count,
    /// A percentage with this many decimals, never «0,0 %» above zero.
    Percent(usize),
    /// Millions of pesos («457.188 mm»).
    Millions,
    /// «7 de cada 10».
    InTen,
    /// A score out of this maximum («1,84 de 3,0»).
    Score(f64),
    /// A number with this many decimals («1,84»).
    Decimal(usize),
    /// A difference with its sign and this many decimals («+0,12», «−0,05», «0,00»).
    Signed(usize),
}

/// A value with its base. `None` is «sin dato».
#[derive(Debug, Clone, PartialEq)]
pub struct Measure {
    pub value: Option<f64>,
    pub base: Base,
}

impl Measure {
    pub fn new(value: Option<f64>, base: Base) -> Self {
        Measure { value, base }
    }

    /// The written value, «sin dato» when there is none.
    pub fn text(&self, format: Format) -> String {
        let Some(v) = self.value else {
            return numfmt::SIN_DATO.to_string();
        };
        match format {
            Format::Count => numfmt::int(v.round() as i64),
            Format::Percent(d) => numfmt::pct_above_zero(v, d),
            Format::Millions => format!("{} mm", numfmt::dec(v, 0)),
            Format::InTen => format!("{} de cada 10", (v / 10.0).round() as i64),
            Format::Score(max) => numfmt::score(v, max),
            Format::Decimal(d) => numfmt::dec(v, d),
            Format::Signed(d) => {
                let sign = if v > 0.0 {
                    "+"
                } else if v < 0.0 {
                    "−"
                } else {
                    ""
                };
                format!("{sign}{}", numfmt::dec(v.abs(), d))
            }
        }
    }

    /// A headline figure: the value, its label and its base.
    pub fn figure(&self, format: Format, label: impl Into<String>) -> Figure {
        Figure::new(self.text(format), label).note(self.base.describe())
    }
}

/// Percentage of `part / whole` (points), None when whole is 0.
pub fn pct(part: f64, whole: f64) -> Option<f64> {
    (whole > 0.0).then(|| part / whole * 100.0)
}

/// Share of initiatives for which `test` holds, over those it can be told for (`test` is None
/// for an initiative without the answer): of every initiative when `over_all`, else of those
/// that answered.
pub fn share(
    inits: &[&Initiative],
    over_all: bool,
    test: impl Fn(&Initiative) -> Option<bool>,
) -> Measure {
    let answers: Vec<bool> = inits.iter().filter_map(|i| test(i)).collect();
    let part = answers.iter().filter(|b| **b).count() as f64;
    let (total, answered) = (inits.len(), answers.len());
    if over_all {
        let value = (answered > 0).then(|| pct(part, total as f64)).flatten();
        Measure::new(value, Base::AllInitiatives { total, answered })
    } else {
        Measure::new(
            pct(part, answered as f64),
            Base::Respondents { total, answered },
        )
    }
}

/// Sum of a numeric field over the initiatives that answered it.
pub fn sum(inits: &[&Initiative], field: &str) -> Measure {
    let values: Vec<f64> = inits.iter().filter_map(|i| i.number(field)).collect();
    Measure::new(
        (!values.is_empty()).then(|| values.iter().sum()),
        Base::Sum {
            total: inits.len(),
            answered: values.len(),
        },
    )
}

/// Mean of a numeric field over the initiatives that answered it.
pub fn mean(inits: &[&Initiative], field: &str) -> Measure {
    let values: Vec<f64> = inits.iter().filter_map(|i| i.number(field)).collect();
    Measure::new(
        (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64),
        Base::Mean {
            total: inits.len(),
            answered: values.len(),
        },
    )
}

/// The rows of `fields` of the initiatives that answered every one of them.
fn complete_rows(inits: &[&Initiative], fields: &[&str]) -> Vec<Vec<f64>> {
    inits
        .iter()
        .filter_map(|i| fields.iter().map(|f| i.number(f)).collect())
        .collect()
}

/// Each part's share of the parts' sum (companies by size), over the initiatives that reported
/// every part, so a blank part is never read as 0.
pub fn composition(inits: &[&Initiative], fields: &[&str]) -> (Vec<Measure>, f64) {
    let rows = complete_rows(inits, fields);
    let base = Base::Complete {
        total: inits.len(),
        answered: rows.len(),
    };
    let sums: Vec<f64> = (0..fields.len())
        .map(|k| rows.iter().map(|r| r[k]).sum())
        .collect();
    let all: f64 = sums.iter().sum();
    let shares = sums
        .iter()
        .map(|s| Measure::new(pct(*s, all), base.clone()))
        .collect();
    (shares, all)
}

/// Each part's share of a total weighted by it: `parts` are percentages of `total` in each
/// initiative (sales by market), over those that reported the total and every part.
pub fn weighted_composition(inits: &[&Initiative], total: &str, parts: &[&str]) -> Vec<Measure> {
    let mut fields = vec![total];
    fields.extend(parts);
    let rows = complete_rows(inits, &fields);
    let base = Base::Complete {
        total: inits.len(),
        answered: rows.len(),
    };
    let sums: Vec<f64> = (1..fields.len())
        .map(|k| rows.iter().map(|r| r[0] * r[k] / 100.0).sum())
        .collect();
    let all: f64 = sums.iter().sum();
    sums.iter()
        .map(|s| Measure::new(pct(*s, all), base.clone()))
        .collect()
}

/// `part`'s sum as a share of `whole`'s sum, over the initiatives that reported both (active
/// companies of the participating ones).
pub fn ratio(inits: &[&Initiative], part: &str, whole: &str) -> (Measure, f64, f64) {
    let rows = complete_rows(inits, &[part, whole]);
    let (p, w) = rows
        .iter()
        .fold((0.0, 0.0), |(p, w), r| (p + r[0], w + r[1]));
    let m = Measure::new(
        pct(p, w),
        Base::Complete {
            total: inits.len(),
            answered: rows.len(),
        },
    );
    (m, p, w)
}

/// Percentage change from `before`'s sum to `after`'s, over the initiatives that reported both
/// years, so an initiative missing one year does not count as a fall or a rise.
pub fn change(inits: &[&Initiative], before: &str, after: &str) -> Measure {
    let rows = complete_rows(inits, &[before, after]);
    let (b, a) = rows
        .iter()
        .fold((0.0, 0.0), |(b, a), r| (b + r[0], a + r[1]));
    Measure::new(
        (b > 0.0).then(|| (a / b - 1.0) * 100.0),
        Base::Complete {
            total: inits.len(),
            answered: rows.len(),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn init(values: &[(&str, f64)]) -> Initiative {
        let mut i = Initiative::default();
        for (k, v) in values {
            i.values
                .insert(k.to_string(), crate::initiative::Value::Number(*v));
        }
        i
    }

    #[test]
    fn a_blank_part_leaves_the_initiative_out_of_a_composition() {
        let a = init(&[("micro", 8.0), ("grande", 2.0)]);
        let b = init(&[("micro", 100.0)]);
        let (shares, all) = composition(&[&a, &b], &["micro", "grande"]);
        assert_eq!(all, 10.0);
        assert_eq!(shares[0].value, Some(80.0));
        assert_eq!(
            shares[0].base.describe(),
            "sobre 1 de 2 iniciativas con todas las cifras"
        );
    }

    #[test]
    fn a_change_counts_only_initiatives_with_both_years() {
        let a = init(&[("antes", 100.0), ("ahora", 110.0)]);
        let b = init(&[("ahora", 500.0)]);
        let m = change(&[&a, &b], "antes", "ahora");
        assert!((m.value.unwrap() - 10.0).abs() < 1e-9);
    }

    #[test]
    fn a_share_over_all_and_over_respondents_differ_and_say_so() {
        let yes = init(&[("x", 1.0)]);
        let no = init(&[("x", 0.0)]);
        let blank = init(&[]);
        let inits = [&yes, &no, &blank, &blank];
        let test = |i: &Initiative| i.number("x").map(|v| v > 0.0);
        let all = share(&inits, true, test);
        let answered = share(&inits, false, test);
        assert_eq!(all.value, Some(25.0));
        assert_eq!(answered.value, Some(50.0));
        assert_eq!(all.base.describe(), "de 4 iniciativas; 2 respondieron");
        assert_eq!(
            answered.base.describe(),
            "de las 2 iniciativas que respondieron, de 4"
        );
    }

    #[test]
    fn a_change_between_olas_reads_with_its_sign_and_the_initiatives_in_both() {
        let base = Base::InBoth {
            total: 55,
            first: "III Ola".into(),
            second: "IV Ola".into(),
        };
        let m = |v: f64| Measure::new(Some(v), base.clone());
        assert_eq!(m(0.12).text(Format::Signed(2)), "+0,12");
        assert_eq!(m(-0.05).text(Format::Signed(2)), "−0,05");
        assert_eq!(m(-0.0).text(Format::Signed(2)), "0,00");
        assert_eq!(m(2.1).text(Format::Score(3.0)), "2,10 de 3,0");
        assert_eq!(
            base.describe(),
            "en las 55 iniciativas categorizadas en la III Ola y en la IV Ola"
        );
        assert_eq!(Measure::new(None, base).text(Format::Signed(2)), "sin dato");
    }

    #[test]
    fn nobody_answered_is_sin_dato_not_zero() {
        let blank = init(&[]);
        let m = share(&[&blank], true, |i| i.number("x").map(|v| v > 0.0));
        assert_eq!(m.value, None);
        assert_eq!(m.text(Format::Percent(0)), "sin dato");
        assert_eq!(sum(&[&blank], "x").text(Format::Count), "sin dato");
    }
}
