//! Distinct-n for runs too large to count exactly: a HyperLogLog per n (2^14 one-byte
//! registers, about 0.8% standard error) over the same n-grams as
//! `validate::metrics::DistinctCounter` (lowercased whitespace tokens, never crossing
//! records), with exact n-gram totals. Memory is 48 KiB whatever the run's size.

/// log2 of the number of registers.
const P: u32 = 14;
const M: usize = 1 << P;

/// HyperLogLog registers for distinct 1-, 2- and 3-grams, plus exact totals.
#[derive(Clone)]
pub struct NgramSketch {
    regs: [Vec<u8>; 3],
    total: [u64; 3],
}

impl Default for NgramSketch {
    fn default() -> Self {
        NgramSketch {
            regs: std::array::from_fn(|_| vec![0u8; M]),
            total: [0; 3],
        }
    }
}

fn mix64(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// FNV-1a of the lowercased token, without allocating for ASCII.
fn token_hash(t: &str) -> u64 {
    if t.is_ascii() {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in t.bytes() {
            h ^= u64::from(b.to_ascii_lowercase());
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        h
    } else {
        crate::seed::fnv1a64(t.to_lowercase().as_bytes())
    }
}

impl NgramSketch {
    /// An empty sketch.
    pub fn new() -> Self {
        Self::default()
    }

    fn insert(&mut self, n: usize, h: u64) {
        let h = mix64(h);
        let idx = (h >> (64 - P)) as usize;
        let rest = (h << P) | (1 << (P - 1));
        let rho = rest.leading_zeros() as u8 + 1;
        let r = &mut self.regs[n][idx];
        if rho > *r {
            *r = rho;
        }
        self.total[n] += 1;
    }

    /// Adds one record's text.
    pub fn add(&mut self, text: &str) {
        let (mut a, mut b) = (0u64, 0u64);
        for (i, t) in text.split_whitespace().enumerate() {
            let h = token_hash(t);
            self.insert(0, h);
            if i >= 1 {
                self.insert(1, b.rotate_left(21) ^ h ^ 0x5bd1_e995);
            }
            if i >= 2 {
                self.insert(
                    2,
                    a.rotate_left(42) ^ b.rotate_left(21) ^ h ^ 0x2545_f491_4f6c_dd1d,
                );
            }
            a = b;
            b = h;
        }
    }

    /// Adds everything another sketch saw.
    pub fn merge(&mut self, other: &NgramSketch) {
        for n in 0..3 {
            self.total[n] += other.total[n];
            for (r, o) in self.regs[n].iter_mut().zip(&other.regs[n]) {
                if *o > *r {
                    *r = *o;
                }
            }
        }
    }

    /// Estimated number of distinct n-grams (n = 1, 2, 3).
    pub fn distinct_count(&self, n: usize) -> f64 {
        let regs = &self.regs[n - 1];
        let m = M as f64;
        let sum: f64 = regs.iter().map(|&r| 2f64.powi(-i32::from(r))).sum();
        let zeros = regs.iter().filter(|&&r| r == 0).count();
        let alpha = 0.7213 / (1.0 + 1.079 / m);
        let e = alpha * m * m / sum;
        if e <= 2.5 * m && zeros > 0 {
            m * (m / zeros as f64).ln()
        } else {
            e
        }
    }

    /// Estimated distinct-n in [0, 1].
    pub fn distinct(&self, n: usize) -> f64 {
        match self.total[n - 1] {
            0 => 0.0,
            t => (self.distinct_count(n) / t as f64).clamp(0.0, 1.0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::metrics::DistinctCounter;

    #[test]
    fn estimate_is_close_to_exact() {
        let mut s = NgramSketch::new();
        let mut e = DistinctCounter::new();
        for i in 0..20_000u32 {
            let t = format!("w{} x{} y{} z", i % 997, i % 101, i % 13);
            s.add(&t);
            e.add(&t);
        }
        for n in 1..=3 {
            let (a, b) = (s.distinct(n), e.distinct(n));
            assert!((a - b).abs() <= 0.03 * b.max(0.01), "n={n}: {a} vs {b}");
        }
    }

    #[test]
    fn merge_equals_sequential() {
        let (mut a, mut b, mut all) = (NgramSketch::new(), NgramSketch::new(), NgramSketch::new());
        for i in 0..1000 {
            let t = format!("a{i} b c{}", i % 7);
            all.add(&t);
            if i % 2 == 0 {
                a.add(&t)
            } else {
                b.add(&t)
            }
        }
        a.merge(&b);
        for n in 1..=3 {
            assert_eq!(a.distinct(n), all.distinct(n));
        }
        assert_eq!(NgramSketch::new().distinct(3), 0.0);
    }
}
