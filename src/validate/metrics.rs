//! Dataset-level text metrics shared by the generator and the validator.

use std::collections::HashSet;

/// Corpus-level distinct-n for n = 1, 2, 3: the number of distinct n-grams over the
/// number of n-grams, over lowercased whitespace tokens; n-grams never cross records.
/// Fed one record at a time; the uniqueness score of a dataset is its distinct-3.
#[derive(Debug, Default, Clone)]
pub struct DistinctCounter {
    seen: [HashSet<u64>; 3],
    total: [u64; 3],
}

impl DistinctCounter {
    /// An empty counter.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one record's text.
    pub fn add(&mut self, text: &str) {
        let tokens: Vec<u64> = text
            .split_whitespace()
            .map(|t| crate::seed::fnv1a64(t.to_lowercase().as_bytes()))
            .collect();
        for n in 1..=3 {
            for gram in tokens.windows(n) {
                let h = gram
                    .iter()
                    .fold(0x9e37_79b9_7f4a_7c15u64 ^ n as u64, |acc, &t| {
                        (acc.rotate_left(23) ^ t).wrapping_mul(0x0100_0000_01b3)
                    });
                self.seen[n - 1].insert(h);
                self.total[n - 1] += 1;
            }
        }
    }

    /// Adds everything another counter saw (for parallel counting).
    pub fn merge(&mut self, other: DistinctCounter) {
        for i in 0..3 {
            self.total[i] += other.total[i];
            self.seen[i].extend(other.seen[i].iter());
        }
    }

    /// distinct-n in [0, 1] (0 when there are no n-grams); n is 1, 2 or 3.
    pub fn distinct(&self, n: usize) -> f64 {
        assert!((1..=3).contains(&n), "distinct-n is kept for n = 1, 2, 3");
        match self.total[n - 1] {
            0 => 0.0,
            t => self.seen[n - 1].len() as f64 / t as f64,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distinct_counts_within_records() {
        let mut c = DistinctCounter::new();
        c.add("a b c");
        c.add("A b c");
        // unigrams: a b c a b c -> 3 distinct of 6; trigrams: (a b c) twice -> 1 of 2
        assert!((c.distinct(1) - 0.5).abs() < 1e-12);
        assert!((c.distinct(3) - 0.5).abs() < 1e-12);
        // bigrams never cross records: "c A" is not counted
        assert!((c.distinct(2) - 0.5).abs() < 1e-12);
    }

    #[test]
    fn merge_equals_sequential() {
        let mut a = DistinctCounter::new();
        let mut b = DistinctCounter::new();
        let mut all = DistinctCounter::new();
        for (i, t) in ["x y z", "x y w", "q r s t"].iter().enumerate() {
            all.add(t);
            if i % 2 == 0 {
                a.add(t)
            } else {
                b.add(t)
            }
        }
        a.merge(b);
        for n in 1..=3 {
            assert_eq!(a.distinct(n), all.distinct(n));
        }
    }
}
