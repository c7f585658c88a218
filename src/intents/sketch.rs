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

const LO: u64 = 0x0101_0101_0101_0101;
const HI: u64 = 0x8080_8080_8080_8080;

/// ASCII-lowercases the eight bytes of `w` at once; bytes outside `A..=Z` (including
/// every byte of a multi-byte UTF-8 sequence) are left alone.
fn lower8(w: u64) -> u64 {
    let low7 = w & !HI;
    let ge_a = low7.wrapping_add(LO * (0x80 - u64::from(b'A')));
    let gt_z = low7.wrapping_add(LO * (0x80 - u64::from(b'Z') - 1));
    let upper = ge_a & !gt_z & !w & HI;
    w | (upper >> 2)
}

/// Hash of a token's ASCII-lowercased bytes, eight bytes at a time.
fn hash_lower(bytes: &[u8]) -> u64 {
    let mut h = (bytes.len() as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        h = (h ^ lower8(u64::from_le_bytes(w))).wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 29;
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut w = [0u8; 8];
        w[..rest.len()].copy_from_slice(rest);
        h = (h ^ lower8(u64::from_le_bytes(w))).wrapping_mul(0xff51_afd7_ed55_8ccd);
    }
    mix64(h)
}

/// The hash of a whitespace token, lowercased: equal tokens up to case hash alike,
/// whether the text around them is ASCII or not.
pub fn token_hash(t: &str) -> u64 {
    if t.is_ascii() {
        hash_lower(t.as_bytes())
    } else {
        hash_lower(t.to_lowercase().as_bytes())
    }
}

const KEY_START: u64 = 0xcbf2_9ce4_8422_2325;

fn key_step(key: u64, token: u64) -> u64 {
    (key.rotate_left(23) ^ token).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// A hash of the sequence of lowercased whitespace tokens of `text` (the duplicate key:
/// case and runs of whitespace do not matter, order does).
pub fn sequence_key(text: &str) -> u64 {
    let mut key = KEY_START;
    for_each_token_hash(text, |t| key = key_step(key, t));
    key
}

/// Eight bytes of `b` from `i` (which must leave eight bytes), little-endian.
#[inline(always)]
fn load8(b: &[u8], i: usize) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&b[i..i + 8]);
    u64::from_le_bytes(w)
}

/// `hash_lower(&all[s..e])`, loading the last partial word straight from `all` (and
/// masking it) when eight bytes are there to load, instead of copying it.
#[inline(always)]
fn hash_span(all: &[u8], s: usize, e: usize) -> u64 {
    let len = e - s;
    let mut h = (len as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    let mut i = s;
    while i + 8 <= e {
        h = (h ^ lower8(load8(all, i))).wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 29;
        i += 8;
    }
    let rest = e - i;
    if rest > 0 {
        let w = if i + 8 <= all.len() {
            load8(all, i) & ((1u64 << (8 * rest)) - 1)
        } else {
            let mut w = [0u8; 8];
            w[..rest].copy_from_slice(&all[i..e]);
            u64::from_le_bytes(w)
        };
        h = (h ^ lower8(w)).wrapping_mul(0xff51_afd7_ed55_8ccd);
    }
    mix64(h)
}

/// A mask with the high bit set in every byte of `w` below 0x21 (ASCII controls and
/// the space), exact per byte.
#[inline(always)]
fn low_bytes(w: u64) -> u64 {
    let t = (w & !HI).wrapping_add(LO * 0x5f);
    !(t | w) & HI
}

/// Calls `f` with the hash of every whitespace token of `text` (the tokens of
/// `split_whitespace`), in order; ASCII text is scanned eight bytes at a time.
pub fn for_each_token_hash(text: &str, mut f: impl FnMut(u64)) {
    if !text.is_ascii() {
        text.split_whitespace().for_each(|t| f(token_hash(t)));
        return;
    }
    let bytes = text.as_bytes();
    // ASCII whitespace as char::is_whitespace sees it: 0x09..=0x0d and ' '.
    let white = |b: u8| matches!(b, b'\t'..=b'\r' | b' ');
    let n = bytes.len();
    let mut i = 0;
    loop {
        while i < n && white(bytes[i]) {
            i += 1;
        }
        if i >= n {
            return;
        }
        let s = i;
        // the token ends at the first whitespace byte; look for bytes below 0x21
        // eight at a time (a control byte that is not whitespace stays in the token)
        'scan: while i + 8 <= n {
            let mut m = low_bytes(load8(bytes, i));
            while m != 0 {
                let k = i + (m.trailing_zeros() / 8) as usize;
                if white(bytes[k]) {
                    i = k;
                    break 'scan;
                }
                m &= m - 1;
            }
            i += 8;
        }
        if i + 8 > n {
            while i < n && !white(bytes[i]) {
                i += 1;
            }
        }
        f(hash_span(bytes, s, i));
    }
}

impl NgramSketch {
    /// An empty sketch.
    pub fn new() -> Self {
        Self::default()
    }

    /// Counts the n-gram hash `h` in the registers of order `n` (totals are the
    /// caller's); token hashes are already mixed (`hash_lower` ends in mix64) and
    /// n-grams combine them by rotation and xor, so no further mixing.
    #[inline(always)]
    fn insert(regs: &mut [u8], h: u64) {
        let idx = (h >> (64 - P)) as usize;
        let rest = (h << P) | (1 << (P - 1));
        let rho = rest.leading_zeros() as u8 + 1;
        if let Some(r) = regs.get_mut(idx) {
            if rho > *r {
                *r = rho;
            }
        }
    }

    /// Adds one record's text; returns `sequence_key(text)`, computed from the same
    /// token hashes.
    pub fn add(&mut self, text: &str) -> u64 {
        self.add_counted(text).0
    }

    /// `add`, also returning the number of tokens (for `forget_tokens`).
    pub fn add_counted(&mut self, text: &str) -> (u64, u32) {
        let (mut a, mut b) = (0u64, 0u64);
        let mut i = 0u64;
        let mut key = KEY_START;
        let [r1, r2, r3] = &mut self.regs;
        let (r1, r2, r3) = (&mut r1[..], &mut r2[..], &mut r3[..]);
        for_each_token_hash(text, |h| {
            key = key_step(key, h);
            Self::insert(r1, h);
            if i >= 1 {
                Self::insert(r2, b.rotate_left(21) ^ h ^ 0x5bd1_e995);
            }
            if i >= 2 {
                Self::insert(
                    r3,
                    a.rotate_left(42) ^ b.rotate_left(21) ^ h ^ 0x2545_f491_4f6c_dd1d,
                );
            }
            a = b;
            b = h;
            i += 1;
        });
        for (k, t) in self.total.iter_mut().enumerate() {
            *t += i.saturating_sub(k as u64);
        }
        (key, u32::try_from(i).unwrap_or(u32::MAX))
    }

    /// Takes the n-grams of a record of `tokens` tokens off the totals, as
    /// `forget_totals` does for its text.
    pub fn forget_tokens(&mut self, tokens: u32) {
        let n = u64::from(tokens);
        for (k, t) in self.total.iter_mut().enumerate() {
            *t = t.saturating_sub(n.saturating_sub(k as u64));
        }
    }

    /// Takes one record's n-grams off the totals (not off the registers): for a text
    /// that was added and then dropped as an exact duplicate of a text that stays, whose
    /// n-grams the registers hold anyway.
    pub fn forget_totals(&mut self, text: &str) {
        let mut n = 0u64;
        for_each_token_hash(text, |_| n += 1);
        for (k, t) in self.total.iter_mut().enumerate() {
            *t = t.saturating_sub(n.saturating_sub(k as u64));
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
    fn lowercasing_eight_bytes_at_once() {
        let all: Vec<u8> = (0u8..=255).collect();
        for c in all.chunks(8) {
            let w = u64::from_le_bytes(c.try_into().unwrap());
            let want: Vec<u8> = c.iter().map(u8::to_ascii_lowercase).collect();
            assert_eq!(lower8(w).to_le_bytes().to_vec(), want);
        }
    }

    #[test]
    fn tokens_hash_as_split_whitespace_lowercased() {
        for t in [
            "",
            " a  Bc\tdé\x0bÉ\r\nx ",
            "Hello, WORLD hello, world",
            "x\x1fy",
            "ÉCRIS écris",
        ] {
            let mut got = Vec::new();
            for_each_token_hash(t, |h| got.push(h));
            let want: Vec<u64> = t
                .split_whitespace()
                .map(|w| hash_lower(w.to_lowercase().as_bytes()))
                .collect();
            assert_eq!(got, want, "{t:?}");
        }
        assert_eq!(token_hash("Hello,"), token_hash("hello,"));
        assert_ne!(token_hash("hello"), token_hash("hello,"));
        assert_ne!(token_hash("abcdefgh"), token_hash("abcdefgh\0"));
    }

    /// The word-at-a-time splitter and span hash agree with splitting and hashing
    /// each token, on random ASCII text full of whitespace and controls.
    #[test]
    fn fast_splitting_agrees_on_random_text() {
        use rand::{Rng, SeedableRng};
        let alphabet: Vec<u8> = b"  aB\t\n\r\x0b\x0c\x01\x1f!,.xyzQRSTUVWXYZ0123456789".to_vec();
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(5);
        for _ in 0..20_000 {
            let n = rng.gen_range(0..40);
            let t: String = (0..n)
                .map(|_| char::from(alphabet[rng.gen_range(0..alphabet.len())]))
                .collect();
            let mut got = Vec::new();
            for_each_token_hash(&t, |h| got.push(h));
            let want: Vec<u64> = t
                .split_whitespace()
                .map(|w| hash_lower(w.to_lowercase().as_bytes()))
                .collect();
            assert_eq!(got, want, "{t:?}");
        }
        for m in 0..=255u8 {
            let w = u64::from_le_bytes([m, 0x20, 0x21, 0x80, 0xa0, 0x7f, 0x09, m ^ 0x80]);
            let want: Vec<bool> = w.to_le_bytes().iter().map(|&b| b < 0x21).collect();
            let got: Vec<bool> = (0..8)
                .map(|k| low_bytes(w) >> (8 * k + 7) & 1 == 1)
                .collect();
            assert_eq!(got, want);
        }
    }

    #[test]
    fn add_returns_the_sequence_key_and_forgetting_undoes_totals() {
        let mut s = NgramSketch::new();
        assert_eq!(s.add("A b  c d"), sequence_key("a B c d"));
        let before = s.clone();
        s.add("a b c d");
        s.forget_totals("a b c d");
        for n in 1..=3 {
            assert_eq!(s.distinct(n), before.distinct(n));
        }
        s.forget_totals("x");
        assert_eq!(s.total, [3, 3, 2]);
    }

    #[test]
    fn merge_equals_sequential() {
        let (mut a, mut b, mut all) = (NgramSketch::new(), NgramSketch::new(), NgramSketch::new());
        for i in 0..1000 {
            let t = format!("a{i} b c{}", i % 7);
            all.add(&t);
            if i % 2 == 0 {
                a.add(&t);
            } else {
                b.add(&t);
            }
        }
        a.merge(&b);
        for n in 1..=3 {
            assert_eq!(a.distinct(n), all.distinct(n));
        }
        assert_eq!(NgramSketch::new().distinct(3), 0.0);
    }
}
