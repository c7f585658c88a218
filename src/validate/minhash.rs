//! Near-duplicate search: MinHash signatures over word-shingle hashes and the band
//! keys of banded locality-sensitive hashing (LSH). Pairing records by band key,
//! confirming with exact Jaccard and clustering are in `near`.

/// Most MinHash values per signature.
pub const MAX_HASHES: usize = 128;

/// How signatures are cut into bands: `bands` × `rows` MinHash values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct LshParams {
    pub bands: usize,
    pub rows: usize,
}

impl LshParams {
    /// Chooses bands and rows (bands × rows ≤ 128) for a Jaccard `threshold`: among the
    /// bandings that make a pair at the threshold a candidate with probability ≥ 0.95
    /// (candidates are confirmed with exact Jaccard, so recall comes first), the one with
    /// the least false-candidate area ∫₀ᵗ P(s) ds under the S-curve
    /// P(s) = 1 - (1 - s^r)^b, integrated numerically; ties go to fewer hash values.
    pub fn for_threshold(threshold: f64) -> LshParams {
        let t = threshold.clamp(0.01, 0.99);
        let mut best: Option<(f64, LshParams)> = None;
        let mut fallback = (
            0.0,
            LshParams {
                bands: MAX_HASHES,
                rows: 1,
            },
        );
        for rows in 1..=MAX_HASHES {
            for bands in 1..=MAX_HASHES / rows {
                let p = LshParams { bands, rows };
                let recall = p.candidate_probability(t);
                if recall > fallback.0 + 1e-12 {
                    fallback = (recall, p);
                }
                if recall < 0.95 {
                    continue;
                }
                let fp = integrate(|s| p.candidate_probability(s), 0.0, t);
                let better = match best {
                    None => true,
                    Some((c, q)) => {
                        fp < c - 1e-9 || ((fp - c).abs() <= 1e-9 && p.hashes() < q.hashes())
                    }
                };
                if better {
                    best = Some((fp, p));
                }
            }
        }
        best.map_or(fallback.1, |b| b.1)
    }

    /// Probability that two records with Jaccard similarity `s` share at least one band.
    pub fn candidate_probability(&self, s: f64) -> f64 {
        1.0 - (1.0 - s.powi(self.rows as i32)).powi(self.bands as i32)
    }

    /// MinHash values per signature.
    pub fn hashes(&self) -> usize {
        self.bands * self.rows
    }
}

fn integrate(f: impl Fn(f64) -> f64, a: f64, b: f64) -> f64 {
    const STEPS: usize = 64;
    let h = (b - a) / STEPS as f64;
    (0..=STEPS)
        .map(|i| {
            let w = if i == 0 || i == STEPS { 0.5 } else { 1.0 };
            w * f(a + i as f64 * h)
        })
        .sum::<f64>()
        * h
}

/// Computes MinHash signatures and their band keys. The i-th hash function is the
/// permutation x ↦ a_i·x + b_i (mod 2^32) with odd a_i, applied to each shingle's
/// 64-bit hash folded to 32 bits; the coefficients come from a fixed seed, so keys are
/// stable across runs and machines. The inner loop is plain Rust that the compiler
/// vectorises; on x86-64 CPUs with AVX2 (detected at run time) it runs 8 lanes wide.
#[derive(Debug, Clone)]
pub struct MinHasher {
    params: LshParams,
    a: Vec<u32>,
    b: Vec<u32>,
}

#[inline(always)]
fn fold(x: u64) -> u32 {
    (x ^ (x >> 32)) as u32
}

#[inline(always)]
fn minhash_into(a: &[u32], b: &[u32], shingles: &[u64], sig: &mut [u32]) {
    for &x in shingles {
        let x = fold(x);
        for ((s, &a), &b) in sig.iter_mut().zip(a).zip(b) {
            let h = a.wrapping_mul(x).wrapping_add(b);
            *s = (*s).min(h);
        }
    }
}

#[inline(always)]
fn minhash32_into(a: &[u32], b: &[u32], set: &[u32], sig: &mut [u32]) {
    for &x in set {
        for ((s, &a), &b) in sig.iter_mut().zip(a).zip(b) {
            let h = a.wrapping_mul(x).wrapping_add(b);
            *s = (*s).min(h);
        }
    }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn minhash32_into_avx2(a: &[u32], b: &[u32], set: &[u32], sig: &mut [u32]) {
    minhash32_into(a, b, set, sig)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn minhash_into_avx2(a: &[u32], b: &[u32], shingles: &[u64], sig: &mut [u32]) {
    minhash_into(a, b, shingles, sig)
}

impl MinHasher {
    /// A hasher for `params`.
    pub fn new(params: LshParams) -> Self {
        let n = params.hashes();
        let mut state = 0x5e_ed0f_d5f0_96e5u64;
        let mut next = || {
            state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
            super::text::mix64(state) as u32
        };
        let a = (0..n).map(|_| next() | 1).collect();
        let b = (0..n).map(|_| next()).collect();
        MinHasher { params, a, b }
    }

    /// The banding in force.
    pub fn params(&self) -> LshParams {
        self.params
    }

    /// The MinHash signature of a shingle set (all `u32::MAX` for an empty set).
    pub fn signature(&self, shingles: &[u64]) -> Vec<u32> {
        let mut sig = vec![u32::MAX; self.a.len()];
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU supports AVX2 (checked just above), the one requirement of
            // this function; it is otherwise the same safe code as `minhash_into`.
            unsafe { minhash_into_avx2(&self.a, &self.b, shingles, &mut sig) };
            return sig;
        }
        minhash_into(&self.a, &self.b, shingles, &mut sig);
        sig
    }

    /// [`MinHasher::band_keys`] of a shingle set given folded to 32 bits (as
    /// `text::fold32` gives it; the signature only ever sees the folded values, so the
    /// keys are the same), with the caller's buffer for the signature.
    pub fn band_keys32(&self, set: &[u32], sig: &mut Vec<u32>, out: &mut Vec<u32>) {
        sig.clear();
        sig.resize(self.a.len(), u32::MAX);
        #[cfg(target_arch = "x86_64")]
        let done = if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU supports AVX2 (checked just above), the one requirement of
            // this function; it is otherwise the same safe code as `minhash32_into`.
            unsafe { minhash32_into_avx2(&self.a, &self.b, set, sig) };
            true
        } else {
            false
        };
        #[cfg(not(target_arch = "x86_64"))]
        let done = false;
        if !done {
            minhash32_into(&self.a, &self.b, set, sig);
        }
        self.keys_of(sig, out);
    }

    fn keys_of(&self, sig: &[u32], out: &mut Vec<u32>) {
        for (band, rows) in sig.chunks(self.params.rows).enumerate() {
            let h = rows.iter().fold(band as u64, |acc, &v| {
                super::text::mix64(acc.rotate_left(29) ^ u64::from(v))
            });
            out.push((h >> 32) as u32);
        }
    }

    /// The band keys of a shingle set: one 32-bit hash of each band's rows, appended
    /// to `out` (`bands` values).
    pub fn band_keys(&self, shingles: &[u64], out: &mut Vec<u32>) {
        let sig = self.signature(shingles);
        for (band, rows) in sig.chunks(self.params.rows).enumerate() {
            let h = rows.iter().fold(band as u64, |acc, &v| {
                super::text::mix64(acc.rotate_left(29) ^ u64::from(v))
            });
            out.push((h >> 32) as u32);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::text::{jaccard, normalize, shingles};
    use super::*;
    use rayon::prelude::*;

    /// The in-memory reference of `near::band_pairs`: candidate pairs from band keys: `keys` holds `bands` keys per record for the records
    /// listed in `ids` (in the same order). Within each band, records whose keys are equal
    /// form a bucket; each member is paired with the bucket's first (lowest) record and with
    /// its predecessor. Pairs are returned sorted and deduplicated, as (lower, higher).
    fn candidate_pairs(keys: &[u32], ids: &[u32], bands: usize) -> Vec<(u32, u32)> {
        let mut pairs: Vec<(u32, u32)> = (0..bands)
            .into_par_iter()
            .flat_map_iter(|band| {
                // (key, id) packed in one u64 sorts as the pair would, with one compare.
                let mut col: Vec<u64> = ids
                    .iter()
                    .enumerate()
                    .map(|(i, &id)| (u64::from(keys[i * bands + band]) << 32) | u64::from(id))
                    .collect();
                col.sort_unstable();
                let key = |x: u64| (x >> 32) as u32;
                let id = |x: u64| x as u32;
                let mut out = Vec::new();
                let mut start = 0;
                while start < col.len() {
                    let mut end = start + 1;
                    while end < col.len() && key(col[end]) == key(col[start]) {
                        end += 1;
                    }
                    for j in start + 1..end {
                        out.push((id(col[start]), id(col[j])));
                        if j > start + 1 {
                            out.push((id(col[j - 1]), id(col[j])));
                        }
                    }
                    start = end;
                }
                out
            })
            .collect();
        pairs.par_sort_unstable();
        pairs.dedup();
        pairs
    }

    #[test]
    fn params_put_the_s_curve_near_the_threshold() {
        for t in [0.5, 0.7, 0.8, 0.9] {
            let p = LshParams::for_threshold(t);
            assert!(p.hashes() <= MAX_HASHES);
            // Pairs at the threshold are found almost always, far below it rarely.
            assert!(p.candidate_probability(t) >= 0.95, "{t}: {p:?}");
            assert!(p.candidate_probability(t - 0.4) < 0.2, "{t}: {p:?}");
            if t >= 0.7 {
                assert!(p.candidate_probability(0.2) < 0.05, "{t}: {p:?}");
            }
        }
    }

    #[test]
    fn default_banding() {
        let p = LshParams::for_threshold(0.8);
        assert!(p.candidate_probability(0.8) >= 0.95);
        assert!(p.candidate_probability(0.5) < 0.25, "{p:?}");
    }

    #[test]
    fn band_keys32_equal_band_keys() {
        let h = MinHasher::new(LshParams::for_threshold(0.8));
        let mut sig = Vec::new();
        for n in [1u64, 5, 40] {
            let sh: Vec<u64> = (0..n).map(crate::validate::text::mix64).collect();
            let (mut a, mut b) = (Vec::new(), Vec::new());
            h.band_keys(&sh, &mut a);
            h.band_keys32(&crate::validate::text::fold32(&sh), &mut sig, &mut b);
            assert_eq!(a, b);
        }
    }

    #[test]
    fn minhash_estimates_jaccard() {
        let h = MinHasher::new(LshParams { bands: 16, rows: 8 });
        let a: Vec<u64> = (0..100).map(crate::validate::text::mix64).collect();
        let b: Vec<u64> = (20..120).map(crate::validate::text::mix64).collect(); // J = 80/120
        let (sa, sb) = (h.signature(&a), h.signature(&b));
        let agree = sa.iter().zip(&sb).filter(|(x, y)| x == y).count();
        let est = agree as f64 / sa.len() as f64;
        assert!((est - 80.0 / 120.0).abs() < 0.15, "estimate {est}");
        assert_eq!(h.signature(&a), sa, "deterministic");
    }

    #[test]
    fn lsh_finds_near_duplicates_not_strangers() {
        let texts = [
            "how do i reset my password on the company laptop before the meeting tomorrow",
            "how do i reset my password on the company laptop before the meeting today",
            "write a short poem about the sea and the wind at night for my daughter",
            "what is the capital city of australia and why was it chosen over sydney",
        ];
        let params = LshParams::for_threshold(0.8);
        let h = MinHasher::new(params);
        let mut keys = Vec::new();
        let sets: Vec<Vec<u64>> = texts.iter().map(|t| shingles(&normalize(t), 3)).collect();
        for s in &sets {
            h.band_keys(s, &mut keys);
        }
        let pairs = candidate_pairs(&keys, &[0, 1, 2, 3], params.bands);
        assert!(pairs.contains(&(0, 1)), "{pairs:?}");
        let confirmed: Vec<_> = pairs
            .iter()
            .filter(|&&(a, b)| jaccard(&sets[a as usize], &sets[b as usize]) >= 0.8)
            .collect();
        assert_eq!(confirmed, vec![&(0, 1)]);
    }
}
