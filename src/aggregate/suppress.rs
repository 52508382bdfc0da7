//! Small-cell protection: a figure of a group (department, sector, …) describing fewer than
//! `min` initiatives is suppressed, and so is a second cell when a single suppressed one could
//! be recovered from a published total (complementary suppression).

/// One cell of a breakdown: how many initiatives it describes and its value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cell {
    pub initiatives: usize,
    pub value: Option<f64>,
}

/// Returns, per cell, whether it must be hidden. `with_total`: the table publishes a total of
/// the values, so one hidden value alone could be recovered by subtraction.
pub fn suppressed(cells: &[Cell], min: usize, with_total: bool) -> Vec<bool> {
    let mut hidden: Vec<bool> = cells
        .iter()
        .map(|c| c.value.is_some() && c.initiatives < min)
        .collect();
    let count = hidden.iter().filter(|h| **h).count();
    if with_total && count == 1 {
        // Hide the smallest other published value too (fewest initiatives, then smallest value).
        let other = cells
            .iter()
            .enumerate()
            .filter(|(i, c)| !hidden[*i] && c.value.is_some())
            .min_by(|a, b| {
                a.1.initiatives
                    .cmp(&b.1.initiatives)
                    .then(
                        a.1.value
                            .partial_cmp(&b.1.value)
                            .unwrap_or(std::cmp::Ordering::Equal),
                    )
                    .then(a.0.cmp(&b.0))
            })
            .map(|(i, _)| i);
        if let Some(i) = other {
            hidden[i] = true;
        }
    }
    hidden
}

/// Text shown instead of a suppressed figure.
pub const RESERVED: &str = "reservado";

#[cfg(test)]
mod tests {
    use super::*;

    fn c(initiatives: usize, value: f64) -> Cell {
        Cell {
            initiatives,
            value: Some(value),
        }
    }

    #[test]
    fn groups_under_three_initiatives_are_hidden() {
        let cells = [c(5, 100.0), c(2, 40.0), c(1, 10.0), c(3, 70.0)];
        assert_eq!(suppressed(&cells, 3, true), vec![false, true, true, false]);
    }

    #[test]
    fn a_single_hidden_cell_gets_a_complement_when_a_total_is_shown() {
        let cells = [c(5, 100.0), c(2, 40.0), c(4, 70.0), c(3, 90.0)];
        assert_eq!(suppressed(&cells, 3, true), vec![false, true, false, true]);
        assert_eq!(
            suppressed(&cells, 3, false),
            vec![false, true, false, false]
        );
    }

    #[test]
    fn missing_values_are_neither_hidden_nor_used_as_complement() {
        let cells = [
            Cell {
                initiatives: 1,
                value: None,
            },
            c(2, 5.0),
            c(9, 50.0),
            c(8, 60.0),
        ];
        assert_eq!(suppressed(&cells, 3, true), vec![false, true, false, true]);
    }
}
