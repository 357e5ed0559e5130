//! Sample adequacy by Krejcie and Morgan (1970): s = χ²·N·P(1−P) / (d²(N−1) + χ²·P(1−P))
//! with χ² = 3.841, P = 0.5, d = 0.05, rounded to the nearest whole respondent as the
//! published table is (N = 100 → 80, 1,000 → 278, 1,000,000 → 384).

/// Respondents needed for `population` service recipients.
pub fn required(population: u64) -> u64 {
    if population == 0 {
        return 0;
    }
    let n = population as f64;
    let (chi2, p, d) = (3.841_f64, 0.5_f64, 0.05_f64);
    let s = chi2 * n * p * (1.0 - p) / (d * d * (n - 1.0) + chi2 * p * (1.0 - p));
    s.round() as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_published_table() {
        // Krejcie & Morgan (1970), Table 1.
        let table = [
            (10, 10),
            (15, 14),
            (20, 19),
            (25, 24),
            (30, 28),
            (50, 44),
            (75, 63),
            (100, 80),
            (150, 108),
            (200, 132),
            (250, 152),
            (300, 169),
            (400, 196),
            (500, 217),
            (1000, 278),
            (2000, 322),
            (5000, 357),
            (10000, 370),
            (20000, 377),
            (50000, 381),
            (75000, 382),
            (1_000_000, 384),
        ];
        for (n, s) in table {
            assert_eq!(required(n), s, "N = {n}");
        }
        assert_eq!(required(0), 0);
        assert_eq!(required(1), 1);
    }
}
