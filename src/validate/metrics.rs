//! Dataset-level text metrics shared by the generator and the validator.

use serde::Serialize;
use std::collections::{BTreeMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// A hasher for keys that are already well-mixed 64-bit hashes: it passes them through.
#[derive(Debug, Default, Clone, Copy)]
pub struct PassThroughHasher(u64);

impl Hasher for PassThroughHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A fast, non-cryptographic hasher for short keys (labels, styles, topics): FNV-style
/// over the bytes, avalanched at the end. Inputs are the dataset's own values, so
/// flooding resistance is not needed.
#[derive(Debug, Clone, Copy)]
pub struct FastHasher(u64);

impl Default for FastHasher {
    fn default() -> Self {
        FastHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for FastHasher {
    fn finish(&self) -> u64 {
        super::text::mix64(self.0)
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

/// A map keyed by short strings, hashed with [`FastHasher`].
pub type FastMap<K, V> = std::collections::HashMap<K, V, BuildHasherDefault<FastHasher>>;

/// A set of pre-hashed 64-bit keys.
pub type HashSet64 = HashSet<u64, BuildHasherDefault<PassThroughHasher>>;

/// Distinct n-grams kept exactly up to this many per order; beyond it the set turns
/// into a HyperLogLog sketch, so memory stays bounded whatever the dataset size.
pub const EXACT_DISTINCT_LIMIT: usize = 1 << 19;

/// HyperLogLog precision: 2^16 one-byte registers (64 KiB), standard error 0.41%.
const HLL_BITS: u32 = 16;

/// A HyperLogLog sketch over pre-hashed 64-bit keys.
#[derive(Debug, Clone)]
pub struct Hll {
    regs: Vec<u8>,
}

impl Default for Hll {
    fn default() -> Self {
        Hll {
            regs: vec![0; 1 << HLL_BITS],
        }
    }
}

impl Hll {
    /// Adds one (well-mixed) hash.
    pub fn insert(&mut self, h: u64) {
        let idx = (h >> (64 - HLL_BITS)) as usize;
        let rest = (h << HLL_BITS) | (1 << (HLL_BITS - 1));
        let rank = rest.leading_zeros() as u8 + 1;
        if self.regs[idx] < rank {
            self.regs[idx] = rank;
        }
    }

    /// Register-wise maximum: the sketch of the union.
    pub fn merge(&mut self, other: &Hll) {
        for (a, &b) in self.regs.iter_mut().zip(&other.regs) {
            *a = (*a).max(b);
        }
    }

    /// The estimated number of distinct hashes (linear counting for small counts).
    pub fn estimate(&self) -> f64 {
        let m = self.regs.len() as f64;
        let alpha = 0.7213 / (1.0 + 1.079 / m);
        let sum: f64 = self.regs.iter().map(|&r| (-(r as f64)).exp2()).sum();
        let raw = alpha * m * m / sum;
        let zeros = self.regs.iter().filter(|&&r| r == 0).count();
        if raw <= 2.5 * m && zeros > 0 {
            m * (m / zeros as f64).ln()
        } else {
            raw
        }
    }
}

/// The distinct n-grams of one order: exact, or sketched past the limit.
#[derive(Debug, Clone)]
enum Seen {
    Exact(HashSet64),
    Sketch(Box<Hll>),
}

impl Default for Seen {
    fn default() -> Self {
        Seen::Exact(HashSet64::default())
    }
}

impl Seen {
    fn insert(&mut self, h: u64) {
        match self {
            Seen::Exact(set) => {
                set.insert(h);
                if set.len() > EXACT_DISTINCT_LIMIT {
                    let mut hll = Hll::default();
                    for &x in set.iter() {
                        hll.insert(x);
                    }
                    *self = Seen::Sketch(Box::new(hll));
                }
            }
            Seen::Sketch(hll) => hll.insert(h),
        }
    }

    fn count(&self) -> f64 {
        match self {
            Seen::Exact(set) => set.len() as f64,
            Seen::Sketch(hll) => hll.estimate(),
        }
    }

    fn merge(&mut self, other: Seen) {
        match other {
            Seen::Exact(set) => {
                for h in set {
                    self.insert(h);
                }
            }
            Seen::Sketch(o) => match self {
                Seen::Sketch(hll) => hll.merge(&o),
                Seen::Exact(set) => {
                    let mut hll = *o;
                    for &x in set.iter() {
                        hll.insert(x);
                    }
                    *self = Seen::Sketch(Box::new(hll));
                }
            },
        }
    }
}

/// Corpus-level distinct-n for n = 1, 2, 3: the number of distinct n-grams over the
/// number of n-grams, over lowercased whitespace tokens; n-grams never cross records.
/// Fed one record at a time; the uniqueness score of a dataset is its distinct-3.
/// Distinct n-grams are kept as 64-bit hashes (a collision is vanishingly rare at
/// dataset sizes), exactly up to [`EXACT_DISTINCT_LIMIT`] per order and then in a
/// HyperLogLog sketch (standard error 0.41%), so memory is bounded.
#[derive(Debug, Default, Clone)]
pub struct DistinctCounter {
    seen: [Seen; 3],
    total: [u64; 3],
}

impl DistinctCounter {
    /// An empty counter.
    pub fn new() -> Self {
        Self::default()
    }

    /// The hash of one whitespace token, lowercased (no allocation for ASCII tokens).
    pub fn token_hash(token: &str) -> u64 {
        if token.is_ascii() {
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            for &b in token.as_bytes() {
                h ^= u64::from(b.to_ascii_lowercase());
                h = h.wrapping_mul(0x0000_0100_0000_01b3);
            }
            h
        } else {
            crate::seed::fnv1a64(token.to_lowercase().as_bytes())
        }
    }

    /// The token hashes of one record's text, for [`DistinctCounter::add_token_hashes`]
    /// (so tokenising can run in parallel and counting in one place).
    pub fn token_hashes(text: &str) -> Vec<u64> {
        text.split_whitespace().map(Self::token_hash).collect()
    }

    /// Adds one record's text.
    pub fn add(&mut self, text: &str) {
        let tokens = Self::token_hashes(text);
        self.add_token_hashes(&tokens);
    }

    /// Adds one record given its token hashes (from [`DistinctCounter::token_hashes`]).
    pub fn add_token_hashes(&mut self, tokens: &[u64]) {
        for n in 1..=3 {
            for gram in tokens.windows(n) {
                self.seen[n - 1].insert(Self::gram_hash(n, gram));
                self.total[n - 1] += 1;
            }
        }
    }

    /// The key of one n-gram of token hashes.
    #[inline]
    fn gram_hash(n: usize, gram: &[u64]) -> u64 {
        let h = gram
            .iter()
            .fold(0x9e37_79b9_7f4a_7c15u64 ^ n as u64, |acc, &t| {
                (acc.rotate_left(23) ^ t).wrapping_mul(0x0100_0000_01b3)
            });
        // A bijective finaliser: same distinct counts, well-spread table keys.
        super::text::mix64(h)
    }

    /// The n-grams (n = 1, 2, 3) of many records' token hashes, each order sorted and
    /// deduplicated, with the number of n-grams before deduplication: a batch's work
    /// that can run on a worker thread, so that [`DistinctCounter::add_grams`] (one
    /// thread) sees each distinct n-gram of the batch once. Counting is unchanged.
    pub fn batch_grams<'a>(records: impl Iterator<Item = &'a [u64]> + Clone + Sync) -> BatchGrams {
        let order = |n: usize| {
            let mut v: Vec<u64> = Vec::new();
            let mut total = 0u64;
            for tokens in records.clone() {
                for gram in tokens.windows(n) {
                    v.push(Self::gram_hash(n, gram));
                    total += 1;
                }
            }
            v.sort_unstable();
            v.dedup();
            (v, total)
        };
        let ((one, two), three) =
            rayon::join(|| rayon::join(|| order(1), || order(2)), || order(3));
        BatchGrams {
            grams: [one.0, two.0, three.0],
            total: [one.1, two.1, three.1],
            sketch: [None, None, None],
        }
    }

    /// Adds a batch's n-grams (from [`DistinctCounter::batch_grams`] or
    /// [`DistinctCounter::batch_grams_for`]).
    pub fn add_grams(&mut self, b: &BatchGrams) {
        for i in 0..3 {
            for &h in &b.grams[i] {
                self.seen[i].insert(h);
            }
            if let Some(hll) = &b.sketch[i] {
                // A sketch is only built for an order already sketched here (the switch
                // is one-way); were it not, merging still gives the union's sketch.
                match &mut self.seen[i] {
                    Seen::Sketch(mine) => mine.merge(hll),
                    seen => seen.merge(Seen::Sketch(hll.clone())),
                }
            }
            self.total[i] += b.total[i];
        }
    }

    /// Which orders (n = 1, 2, 3) are past [`EXACT_DISTINCT_LIMIT`] and sketched.
    pub fn sketched(&self) -> [bool; 3] {
        [0, 1, 2].map(|i| matches!(self.seen[i], Seen::Sketch(_)))
    }

    /// [`DistinctCounter::batch_grams`], except that an order marked in `sketched`
    /// (see [`DistinctCounter::sketched`]) is returned as the batch's own HyperLogLog
    /// sketch instead of its sorted distinct n-grams: a sketch's registers are the
    /// maximum over every hash inserted, whatever the order and repetition, so merging
    /// it gives the same registers as inserting the n-grams one by one, without the
    /// sort; an exact order is deduplicated through a hash set rather than a sort.
    pub fn batch_grams_for<'a>(
        records: impl Iterator<Item = &'a [u64]> + Clone + Sync,
        sketched: [bool; 3],
    ) -> BatchGrams {
        let order = |n: usize| -> (Vec<u64>, Option<Box<Hll>>, u64) {
            let mut total = 0u64;
            if sketched[n - 1] {
                let mut hll = Box::<Hll>::default();
                for tokens in records.clone() {
                    for gram in tokens.windows(n) {
                        hll.insert(Self::gram_hash(n, gram));
                    }
                    total += tokens.len().saturating_sub(n - 1) as u64;
                }
                return (Vec::new(), Some(hll), total);
            }
            // Room for every n-gram of the batch up to a cap, so the set rarely grows.
            let grams: usize = records.clone().map(|t| t.len().saturating_sub(n - 1)).sum();
            let mut set =
                HashSet64::with_capacity_and_hasher(grams.min(1 << 15), Default::default());
            for tokens in records.clone() {
                for gram in tokens.windows(n) {
                    set.insert(Self::gram_hash(n, gram));
                }
                total += tokens.len().saturating_sub(n - 1) as u64;
            }
            (set.into_iter().collect(), None, total)
        };
        let ((one, two), three) =
            rayon::join(|| rayon::join(|| order(1), || order(2)), || order(3));
        BatchGrams {
            grams: [one.0, two.0, three.0],
            total: [one.2, two.2, three.2],
            sketch: [one.1, two.1, three.1],
        }
    }

    /// Adds everything another counter saw (for parallel counting).
    pub fn merge(&mut self, other: DistinctCounter) {
        for (i, seen) in other.seen.into_iter().enumerate() {
            self.total[i] += other.total[i];
            let mine = std::mem::take(&mut self.seen[i]);
            // Fold the smaller exact set into the larger one.
            let (mut big, small) = match (&mine, &seen) {
                (Seen::Exact(a), Seen::Exact(b)) if a.len() < b.len() => (seen, mine),
                _ => (mine, seen),
            };
            big.merge(small);
            self.seen[i] = big;
        }
    }

    /// distinct-n in [0, 1] (0 when there are no n-grams); n is 1, 2 or 3.
    pub fn distinct(&self, n: usize) -> f64 {
        assert!((1..=3).contains(&n), "distinct-n is kept for n = 1, 2, 3");
        match self.total[n - 1] {
            0 => 0.0,
            t => (self.seen[n - 1].count() / t as f64).min(1.0),
        }
    }

    /// Whether distinct-n is exact (false once the sketch took over).
    pub fn is_exact(&self, n: usize) -> bool {
        matches!(self.seen[n.clamp(1, 3) - 1], Seen::Exact(_))
    }

    /// Number of n-grams counted (n = 1, 2, 3).
    pub fn total(&self, n: usize) -> u64 {
        self.total[n.clamp(1, 3) - 1]
    }
}

/// The distinct n-grams of a batch of records and how many n-grams it had, per order.
#[derive(Debug, Default, Clone)]
pub struct BatchGrams {
    grams: [Vec<u64>; 3],
    total: [u64; 3],
    /// The batch's sketch of an order counted by sketch (then `grams` is empty).
    sketch: [Option<Box<Hll>>; 3],
}

/// Counts of a categorical field (labels, audience, complexity, style, topic).
#[derive(Debug, Default, Clone)]
pub struct Distribution {
    counts: FastMap<String, u64>,
    missing: u64,
}

/// A distribution as reported.
#[derive(Debug, Clone, Serialize)]
pub struct DistributionReport {
    /// Records per value.
    pub counts: BTreeMap<String, u64>,
    /// Share of records per value (of the records that have the field).
    pub proportions: BTreeMap<String, f64>,
    /// Records without the field.
    pub missing: u64,
    /// Expected values that never occur.
    pub absent: Vec<String>,
    /// Largest count over smallest count, over the expected values (absent ones count
    /// as 0, giving `null` = unbounded) or, with no expected set, over the values seen.
    pub imbalance_ratio: Option<f64>,
    /// Shannon entropy of the proportions over ln(k), k = number of expected values
    /// (or values seen): 1 is perfectly even, 0 is one value only.
    pub evenness: f64,
}

impl Distribution {
    /// Empty counts.
    pub fn new() -> Self {
        Self::default()
    }

    /// Counts one record's value (`None`: the record lacks the field).
    pub fn add(&mut self, value: Option<&str>) {
        match value {
            Some(v) => match self.counts.get_mut(v) {
                Some(c) => *c += 1,
                None => {
                    self.counts.insert(v.to_string(), 1);
                }
            },
            None => self.missing += 1,
        }
    }

    /// Number of distinct values seen.
    pub fn distinct(&self) -> usize {
        self.counts.len()
    }

    /// Values seen.
    pub fn values(&self) -> impl Iterator<Item = &String> {
        self.counts.keys()
    }

    /// Records that had the field.
    pub fn present(&self) -> u64 {
        self.counts.values().sum()
    }

    /// Normalised entropy over `k` values (at least the number seen).
    pub fn evenness(&self, k: usize) -> f64 {
        let n = self.present();
        let k = k.max(self.counts.len());
        if n == 0 || k < 2 {
            return 0.0;
        }
        let h: f64 = self
            .counts
            .values()
            .map(|&c| {
                let p = c as f64 / n as f64;
                -p * p.ln()
            })
            .sum();
        (h / (k as f64).ln()).clamp(0.0, 1.0)
    }

    /// The report, against an optional set of expected values.
    pub fn report(&self, expected: Option<&[String]>) -> DistributionReport {
        let n = self.present();
        let counts: BTreeMap<String, u64> =
            self.counts.iter().map(|(k, &v)| (k.clone(), v)).collect();
        let proportions = counts
            .iter()
            .map(|(k, &c)| (k.clone(), if n == 0 { 0.0 } else { c as f64 / n as f64 }))
            .collect();
        let absent: Vec<String> = expected
            .map(|e| {
                e.iter()
                    .filter(|v| !self.counts.contains_key(*v))
                    .cloned()
                    .collect()
            })
            .unwrap_or_default();
        let imbalance_ratio = if n == 0 || !absent.is_empty() {
            None
        } else {
            let max = self.counts.values().max().copied().unwrap_or(0);
            let min = self.counts.values().min().copied().unwrap_or(0);
            (min > 0).then(|| max as f64 / min as f64)
        };
        let k = expected.map(|e| e.len()).unwrap_or(0);
        DistributionReport {
            counts,
            proportions,
            missing: self.missing,
            absent,
            imbalance_ratio,
            evenness: self.evenness(k),
        }
    }
}

/// Upper bounds (inclusive) of the text-length histogram buckets, in characters.
pub const LENGTH_BUCKETS: [usize; 9] = [2, 9, 24, 49, 99, 199, 499, 1000, usize::MAX];

/// Text lengths (characters of the trimmed text): histogram, min, max, mean.
#[derive(Debug, Clone, Default)]
pub struct LengthStats {
    buckets: [u64; LENGTH_BUCKETS.len()],
    count: u64,
    sum: u64,
    min: Option<usize>,
    max: usize,
}

/// One histogram bucket as reported.
#[derive(Debug, Clone, Serialize)]
pub struct Bucket {
    /// `"10-24"`, or `"1001+"` for the last.
    pub chars: String,
    pub count: u64,
}

/// Length statistics as reported.
#[derive(Debug, Clone, Serialize)]
pub struct LengthReport {
    pub min: usize,
    pub max: usize,
    pub mean: f64,
    pub histogram: Vec<Bucket>,
}

impl LengthStats {
    /// No lengths yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Counts one text of `chars` characters.
    pub fn add(&mut self, chars: usize) {
        let i = LENGTH_BUCKETS
            .iter()
            .position(|&b| chars <= b)
            .unwrap_or(LENGTH_BUCKETS.len() - 1);
        self.buckets[i] += 1;
        self.count += 1;
        self.sum += chars as u64;
        self.min = Some(self.min.map_or(chars, |m| m.min(chars)));
        self.max = self.max.max(chars);
    }

    /// The report.
    pub fn report(&self) -> LengthReport {
        let mut lo = 0usize;
        let histogram = LENGTH_BUCKETS
            .iter()
            .zip(self.buckets)
            .map(|(&hi, count)| {
                let chars = if hi == usize::MAX {
                    format!("{lo}+")
                } else {
                    format!("{lo}-{hi}")
                };
                lo = hi.saturating_add(1);
                Bucket { chars, count }
            })
            .collect();
        LengthReport {
            min: self.min.unwrap_or(0),
            max: self.max,
            mean: if self.count == 0 {
                0.0
            } else {
                self.sum as f64 / self.count as f64
            },
            histogram,
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
    fn batch_grams_equal_record_by_record() {
        let texts = ["x y z", "x y w", "q r s t", "X y z", "a", ""];
        let mut one = DistinctCounter::new();
        for t in texts {
            one.add(t);
        }
        let tokens: Vec<Vec<u64>> = texts
            .iter()
            .map(|t| DistinctCounter::token_hashes(t))
            .collect();
        let mut batched = DistinctCounter::new();
        batched.add_grams(&DistinctCounter::batch_grams(
            tokens[..3].iter().map(|v| &v[..]),
        ));
        batched.add_grams(&DistinctCounter::batch_grams(
            tokens[3..].iter().map(|v| &v[..]),
        ));
        for n in 1..=3 {
            assert_eq!(one.total(n), batched.total(n));
            assert_eq!(one.distinct(n), batched.distinct(n));
        }
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

    #[test]
    fn sketch_takes_over_past_the_limit_within_one_percent() {
        let mut c = DistinctCounter::new();
        let n = EXACT_DISTINCT_LIMIT as u64 * 2;
        // One-word records: n distinct unigrams, each seen twice.
        let tokens: Vec<u64> = (0..n).map(crate::validate::text::mix64).collect();
        for t in tokens.iter().chain(&tokens) {
            c.add_token_hashes(std::slice::from_ref(t));
        }
        assert!(!c.is_exact(1));
        let d1 = c.distinct(1);
        assert!((d1 - 0.5).abs() < 0.005, "{d1}");
        // Merging a sketch with an exact counter keeps the union.
        let mut small = DistinctCounter::new();
        small.add("brand new words here");
        small.merge(c.clone());
        assert!(!small.is_exact(1));
        let hll = Hll::default();
        assert_eq!(hll.estimate(), 0.0);
    }

    #[test]
    fn token_hash_lowercases_without_changing_values() {
        assert_eq!(
            DistinctCounter::token_hash("HeLLo"),
            crate::seed::fnv1a64(b"hello")
        );
        assert_eq!(
            DistinctCounter::token_hash("ÉTÉ"),
            crate::seed::fnv1a64("été".as_bytes())
        );
    }

    #[test]
    fn distribution_imbalance_and_evenness() {
        let mut d = Distribution::new();
        for v in ["a", "a", "a", "b", "c"] {
            d.add(Some(v));
        }
        d.add(None);
        let expected: Vec<String> = ["a", "b", "c"].iter().map(|s| s.to_string()).collect();
        let r = d.report(Some(&expected));
        assert_eq!(r.imbalance_ratio, Some(3.0));
        assert_eq!(r.missing, 1);
        assert!(r.absent.is_empty());
        assert!(r.evenness > 0.8 && r.evenness < 1.0, "{}", r.evenness);
        let four: Vec<String> = ["a", "b", "c", "d"].iter().map(|s| s.to_string()).collect();
        let r = d.report(Some(&four));
        assert_eq!(r.absent, vec!["d".to_string()]);
        assert_eq!(r.imbalance_ratio, None);
        let mut even = Distribution::new();
        even.add(Some("x"));
        even.add(Some("y"));
        assert!((even.evenness(2) - 1.0).abs() < 1e-12);
    }

    #[test]
    fn length_histogram_buckets() {
        let mut l = LengthStats::new();
        for n in [0, 3, 10, 1000, 1001] {
            l.add(n);
        }
        let r = l.report();
        assert_eq!(r.min, 0);
        assert_eq!(r.max, 1001);
        assert_eq!(r.histogram[0].chars, "0-2");
        assert_eq!(r.histogram[0].count, 1);
        assert_eq!(r.histogram[1].count, 1);
        assert_eq!(r.histogram[2].count, 1);
        assert_eq!(r.histogram[7].chars, "500-1000");
        assert_eq!(r.histogram[7].count, 1);
        assert_eq!(r.histogram[8].chars, "1001+");
        assert_eq!(r.histogram[8].count, 1);
    }
}
