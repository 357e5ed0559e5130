//! The IKM per PermenPANRB 14/2017, exactly:
//! - NRR of an element = sum of its scores / respondents who answered it;
//! - the official index has 9 elements: U1–U8 and sarana dan prasarana, which is U9 and U10
//!   merged per respondent (the mean of the two, or the one answered);
//! - IKM = Σ(NRR × 1/9) × 25 — the weight is exactly 1/9, not 0.111 — rounded to two
//!   decimals only at the end (half away from zero), computed in exact rational arithmetic;
//! - grade on that value: ≥ 88.31 A, ≥ 76.61 B, ≥ 65.00 C, else D.

use crate::questionnaire::ELEMENTS;
use anjungan_wire::ipc::{ElementScore, Grade};

/// Running sums: enough to compute every figure, and additive, so it can come from SQL, from
/// memory, or from both.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub respondents: u64,
    pub sum: [u64; ELEMENTS],
    pub answered: [u64; ELEMENTS],
    /// Σ over respondents of 2 × (their sarana-dan-prasarana score): doubled to stay whole.
    pub merged_sum_x2: u64,
    pub merged_answered: u64,
}

impl Tally {
    /// Adds one respondent's answers (each 1–4 or `None`). Values outside 1–4 must have been
    /// refused before; here they are ignored.
    pub fn add(&mut self, answers: &[Option<u8>; ELEMENTS]) {
        self.respondents += 1;
        for (i, a) in answers.iter().enumerate() {
            if let Some(v) = a.filter(|v| (1..=4).contains(v)) {
                self.sum[i] += u64::from(v);
                self.answered[i] += 1;
            }
        }
        let valid = |v: Option<u8>| v.filter(|v| (1..=4).contains(v)).map(u64::from);
        let merged = match (valid(answers[8]), valid(answers[9])) {
            (Some(a), Some(b)) => Some(a + b),
            (Some(a), None) | (None, Some(a)) => Some(2 * a),
            (None, None) => None,
        };
        if let Some(m) = merged {
            self.merged_sum_x2 += m;
            self.merged_answered += 1;
        }
    }

    pub fn merge(&mut self, other: &Tally) {
        self.respondents += other.respondents;
        for i in 0..ELEMENTS {
            self.sum[i] += other.sum[i];
            self.answered[i] += other.answered[i];
        }
        self.merged_sum_x2 += other.merged_sum_x2;
        self.merged_answered += other.merged_answered;
    }

    /// The 9 official elements as fractions (numerator, denominator).
    fn official(&self) -> [(u64, u64); 9] {
        let mut out = [(0, 0); 9];
        for (i, slot) in out.iter_mut().enumerate().take(8) {
            *slot = (self.sum[i], self.answered[i]);
        }
        out[8] = (self.merged_sum_x2, 2 * self.merged_answered);
        out
    }
}

fn gcd(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// Σ n_k/d_k as a reduced fraction, `None` on overflow.
fn exact_sum(parts: &[(u64, u64)]) -> Option<(u128, u128)> {
    let (mut p, mut q) = (0u128, 1u128);
    for &(n, d) in parts {
        let (n, d) = (u128::from(n), u128::from(d));
        let g = gcd(q, d);
        let l = q.checked_mul(d / g)?;
        p = p.checked_mul(l / q)?.checked_add(n.checked_mul(l / d)?)?;
        q = l;
        let g = gcd(p, q).max(1);
        p /= g;
        q /= g;
    }
    Some((p, q))
}

/// IKM × 100, rounded half away from zero: the value in hundredths.
fn ikm_hundredths(parts: &[(u64, u64); 9]) -> i64 {
    // IKM = 25/9 · Σ NRR, so IKM·100 = 2500·P / (9·Q).
    if let Some((p, q)) = exact_sum(parts) {
        if let (Some(num), Some(den)) = (p.checked_mul(2500), q.checked_mul(9)) {
            if let (Some(n2), Some(d2)) = (num.checked_mul(2), den.checked_mul(2)) {
                // floor((2·num + den) / (2·den)) = round half up for positive values.
                return ((n2 + den) / d2) as i64;
            }
        }
    }
    // Beyond u128 (millions of distinct answer counts): f64 is then exact enough.
    let sum: f64 = parts.iter().map(|&(n, d)| n as f64 / d as f64).sum();
    (sum * 2500.0 / 9.0).round() as i64
}

/// The official index of a tally.
#[derive(Debug, Clone, PartialEq)]
pub struct Ikm {
    /// Converted value (× 25), two decimals.
    pub value: f64,
    /// The same in hundredths, for exact comparisons.
    pub hundredths: i64,
    pub grade: Grade,
}

pub fn grade(hundredths: i64) -> Grade {
    match hundredths {
        h if h >= 8831 => Grade::A,
        h if h >= 7661 => Grade::B,
        h if h >= 6500 => Grade::C,
        _ => Grade::D,
    }
}

/// `None` until every one of the 9 official elements has at least one answer.
pub fn ikm(tally: &Tally) -> Option<Ikm> {
    let parts = tally.official();
    if parts.iter().any(|&(_, d)| d == 0) {
        return None;
    }
    let hundredths = ikm_hundredths(&parts);
    Some(Ikm {
        value: hundredths as f64 / 100.0,
        hundredths,
        grade: grade(hundredths),
    })
}

fn score(code: &str, sum: u64, answered: u64, divisor: u64) -> ElementScore {
    ElementScore {
        code: code.to_owned(),
        answered,
        nrr: (answered > 0).then(|| sum as f64 / (divisor as f64)),
    }
}

/// NRR of the 9 official elements (U1–U8, `U9+U10`).
pub fn official_elements(tally: &Tally) -> Vec<ElementScore> {
    // U1–U8 are scored as asked; sarana (U9) and prasarana (U10) count as one element.
    let mut out = separate_elements(tally);
    out.truncate(8);
    out.push(score(
        "U9+U10",
        tally.merged_sum_x2,
        tally.merged_answered,
        2 * tally.merged_answered,
    ));
    out
}

/// NRR of all 10 asked elements, U9 and U10 apart.
pub fn separate_elements(tally: &Tally) -> Vec<ElementScore> {
    (0..ELEMENTS)
        .map(|i| {
            score(
                &format!("U{}", i + 1),
                tally.sum[i],
                tally.answered[i],
                tally.answered[i],
            )
        })
        .collect()
}

/// The `n` official elements with the lowest NRR, lowest first (ties by code order).
pub fn lowest(tally: &Tally, n: usize) -> Vec<String> {
    let mut scored: Vec<(String, f64)> = official_elements(tally)
        .into_iter()
        .filter_map(|e| e.nrr.map(|v| (e.code, v)))
        .collect();
    scored.sort_by(|a, b| a.1.total_cmp(&b.1));
    scored.into_iter().take(n).map(|(c, _)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tally_of(rows: &[[Option<u8>; ELEMENTS]]) -> Tally {
        let mut t = Tally::default();
        for r in rows {
            t.add(r);
        }
        t
    }

    fn all(v: u8) -> [Option<u8>; ELEMENTS] {
        [Some(v); ELEMENTS]
    }

    #[test]
    fn uniform_answers_give_the_textbook_values() {
        assert_eq!(ikm(&tally_of(&[all(4)])).map(|i| i.hundredths), Some(10000));
        assert_eq!(ikm(&tally_of(&[all(3)])).map(|i| i.hundredths), Some(7500));
        assert_eq!(
            ikm(&tally_of(&[all(1)])).map(|i| (i.hundredths, i.grade)),
            Some((2500, Grade::D))
        );
    }

    #[test]
    fn a_hand_worked_case() {
        // Two respondents. U1..U8 sums: 7,6,5,8,6,7,8,4 over 2 → NRR 3.5,3,2.5,4,3,3.5,4,2.
        // Sarana/prasarana: r1 (3,4) → 3.5; r2 (2, –) → 2; NRR = 5.5/2 = 2.75.
        // Σ NRR = 28.25; IKM = 28.25 / 9 × 25 = 78.4722… → 78.47, grade B.
        let r1 = [
            Some(4),
            Some(3),
            Some(3),
            Some(4),
            Some(3),
            Some(4),
            Some(4),
            Some(2),
            Some(3),
            Some(4),
        ];
        let r2 = [
            Some(3),
            Some(3),
            Some(2),
            Some(4),
            Some(3),
            Some(3),
            Some(4),
            Some(2),
            Some(2),
            None,
        ];
        let t = tally_of(&[r1, r2]);
        let i = ikm(&t).expect("ikm");
        assert_eq!((i.hundredths, i.grade), (7847, Grade::B));
        let merged = official_elements(&t).pop().expect("merged");
        assert_eq!((merged.code.as_str(), merged.nrr), ("U9+U10", Some(2.75)));
        assert_eq!(separate_elements(&t)[9].answered, 1);
        assert_eq!(lowest(&t, 3), ["U8", "U3", "U9+U10"]);
    }

    #[test]
    fn the_weight_is_exactly_one_ninth_not_0_111() {
        // Σ NRR = 27 (all 3s): exact 1/9 gives 75.00; 0.111 would give 74.93 (grade C).
        let t = tally_of(&[all(3)]);
        assert_eq!(ikm(&t).map(|i| i.value), Some(75.0));
        assert_ne!((27.0f64 * 0.111 * 25.0 * 100.0).round() as i64, 7500);
    }

    #[test]
    fn rounding_happens_once_at_the_end_half_away_from_zero() {
        // 8 respondents give U1..U8 = 4 except one 3 in U1 → U1 NRR 3.875; U9/U10 all 4.
        // Σ NRR = 35.875; IKM = 35.875 × 25 / 9 = 99.6527…→ 99.65.
        let mut rows = vec![all(4); 8];
        rows[0][0] = Some(3);
        assert_eq!(ikm(&tally_of(&rows)).map(|i| i.hundredths), Some(9965));
    }

    #[test]
    fn exact_halves_round_up_where_floating_point_might_not() {
        // Search small tallies for values whose exact IKM·100 ends in .5 and check that the
        // result is the next hundredth up.
        let mut found = 0;
        for n in 1..=40u64 {
            for s in n..=4 * n {
                let mut sum = [4 * n; ELEMENTS];
                sum[0] = s;
                let t = Tally {
                    respondents: n,
                    sum,
                    answered: [n; ELEMENTS],
                    merged_sum_x2: 8 * n,
                    merged_answered: n,
                };
                // Σ NRR = s/n + 7·4 + 4, so IKM·100 = 2500·(s + 32n) / 9n.
                let num = 2500 * u128::from(s + 32 * n);
                let den = 9 * u128::from(n);
                if (2 * num) % den == 0 && (2 * num / den) % 2 == 1 {
                    found += 1;
                    let expected = (2 * num / den).div_ceil(2);
                    assert_eq!(
                        ikm(&t).map(|i| i.hundredths),
                        Some(expected as i64),
                        "n={n} s={s}"
                    );
                }
            }
        }
        assert!(found > 0, "the search must hit exact halves");
    }

    #[test]
    fn grade_boundaries() {
        assert_eq!(grade(8831), Grade::A);
        assert_eq!(grade(8830), Grade::B);
        assert_eq!(grade(7661), Grade::B);
        assert_eq!(grade(7660), Grade::C);
        assert_eq!(grade(6500), Grade::C);
        assert_eq!(grade(6499), Grade::D);
    }

    #[test]
    fn no_index_until_every_element_has_an_answer() {
        let mut r = all(4);
        r[2] = None;
        assert_eq!(ikm(&tally_of(&[r])), None);
        let mut r = all(4);
        r[8] = None;
        assert!(
            ikm(&tally_of(&[r])).is_some(),
            "U10 alone carries sarana dan prasarana"
        );
    }

    #[test]
    fn tallies_add_up() {
        let mut a = tally_of(&[all(4), all(2)]);
        let b = tally_of(&[all(3)]);
        a.merge(&b);
        assert_eq!(a, tally_of(&[all(4), all(2), all(3)]));
    }
}
