//! Text normalisation for duplicate detection: the exact-duplicate key (NFKC,
//! lowercase, collapsed whitespace), word tokens and word-shingle hashes.

use unicode_normalization::UnicodeNormalization;

/// Normalises `text` for exact-duplicate detection: NFKC, lowercase, runs of
/// whitespace collapsed to one space, trimmed. Two records are exact duplicates when
/// their normalised texts are equal.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    if text.is_ascii() {
        // NFKC is the identity on ASCII: skip the decomposition machinery.
        push_collapsed(&mut out, text.split_ascii_whitespace(), |s, o| {
            o.extend(s.bytes().map(|b| b.to_ascii_lowercase() as char))
        });
    } else {
        // Most text is already in NFKC (the quick check answers "yes" without
        // decomposing); only the rest is normalised.
        let nfkc: std::borrow::Cow<str> = match unicode_normalization::is_nfkc_quick(text.chars()) {
            unicode_normalization::IsNormalized::Yes => std::borrow::Cow::Borrowed(text),
            _ => std::borrow::Cow::Owned(text.nfkc().collect()),
        };
        push_collapsed(&mut out, nfkc.split_whitespace(), |s, o| {
            for c in s.chars() {
                o.extend(c.to_lowercase());
            }
        });
    }
    out
}

fn push_collapsed<'a>(
    out: &mut String,
    words: impl Iterator<Item = &'a str>,
    mut push: impl FnMut(&str, &mut String),
) {
    for (i, w) in words.enumerate() {
        if i > 0 {
            out.push(' ');
        }
        push(w, out);
    }
}

/// A stable 64-bit hash of bytes (FNV-1a then a final avalanche, so that the low and
/// high bits are both usable).
pub fn hash_bytes(bytes: &[u8]) -> u64 {
    mix64(crate::seed::fnv1a64(bytes))
}

/// The splitmix64 finaliser: spreads every input bit over the whole output.
pub fn mix64(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Hashes of the word shingles of a normalised text: every run of `k` consecutive
/// words (the whole text as one shingle when it has fewer than `k` words), sorted and
/// deduplicated. Empty for a text without words.
pub fn shingles(normalized: &str, k: usize) -> Vec<u64> {
    let words: Vec<u64> = normalized
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(|w| hash_bytes(w.as_bytes()))
        .collect();
    shingles_of_words(&words, k)
}

/// Shingles from the hashes ([`hash_bytes`]) of a normalised text's words.
pub fn shingles_of_words(words: &[u64], k: usize) -> Vec<u64> {
    let k = k.max(1);
    let mut out: Vec<u64> = if words.is_empty() {
        Vec::new()
    } else if words.len() < k {
        vec![combine(words)]
    } else {
        words.windows(k).map(combine).collect()
    };
    out.sort_unstable();
    out.dedup();
    out
}

/// The shingle set as 32-bit hashes (each 64-bit shingle hash folded), sorted and
/// deduplicated: the compact form kept for the exact-Jaccard confirmation. Two different
/// shingles of a pair collide with probability about |A|·|B| / 2^32 (below 10^-6 for
/// texts of up to 60 words).
pub fn shingles32(normalized: &str, k: usize) -> Vec<u32> {
    fold32(&shingles(normalized, k))
}

/// 64-bit shingle hashes folded to 32 bits, sorted and deduplicated.
pub fn fold32(shingles: &[u64]) -> Vec<u32> {
    let mut out: Vec<u32> = shingles.iter().map(|&x| (x ^ (x >> 32)) as u32).collect();
    out.sort_unstable();
    out.dedup();
    out
}

fn combine(words: &[u64]) -> u64 {
    mix64(
        words
            .iter()
            .fold(words.len() as u64, |acc, &w| acc.rotate_left(17) ^ w),
    )
}

/// What the duplicate searches and distinct-n need from one text.
#[derive(Debug, Clone, PartialEq)]
pub struct TextKeys {
    /// [`crate::validate::metrics::DistinctCounter::token_hashes`] of the text.
    pub tokens: Vec<u64>,
    /// `hash_bytes(normalize(text))`: the exact-duplicate key.
    pub exact: u64,
    /// `shingles(normalize(text), k)`.
    pub shingles: Vec<u64>,
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// Computes [`TextKeys`]; plain ASCII text (the common case) takes one pass over its
/// bytes with no normalised copy, anything else goes through [`normalize`].
pub fn keys(text: &str, k: usize) -> TextKeys {
    // For ASCII without vertical tabs, whitespace tokens, ASCII-whitespace words and the
    // words of the normalised text are the same, lowercased.
    if text.is_ascii() && !text.as_bytes().contains(&0x0b) {
        let (tokens, exact) = ascii_tokens(text, |_, _| {});
        let words: Vec<u64> = tokens.iter().map(|&h| mix64(h)).collect();
        return TextKeys {
            shingles: shingles_of_words(&words, k),
            tokens,
            exact: mix64(exact),
        };
    }
    let norm = normalize(text);
    TextKeys {
        tokens: crate::validate::metrics::DistinctCounter::token_hashes(text),
        exact: hash_bytes(norm.as_bytes()),
        shingles: shingles(&norm, k),
    }
}

/// What [`keys`] gives, in the form the validator keeps: the token hashes, the
/// exact-duplicate key and the shingle set folded to 32 bits ([`fold32`] of
/// [`TextKeys::shingles`]), computed with the caller's scratch buffers (no sort of the
/// 64-bit shingles: folding first and sorting the 32-bit values gives the same set).
///
/// For ASCII text (the fast path, the one that returns `true`) `rule_words` receives the
/// word hashes the word-diversity rules use (`rules::word_hashes`: each token trimmed of
/// non-alphanumerics at both ends, empty ones dropped, lowercased, FNV-1a): the same
/// tokens, so one pass serves both.
pub fn keys32(
    text: &str,
    k: usize,
    scratch: &mut Vec<u64>,
    rule_words: &mut Vec<u64>,
) -> (Vec<u64>, u64, Vec<u32>, bool) {
    rule_words.clear();
    if !(text.is_ascii() && !text.as_bytes().contains(&0x0b)) {
        let t = keys(text, k);
        return (t.tokens, t.exact, fold32(&t.shingles), false);
    }
    let (tokens, exact) = ascii_tokens(text, |b, h| {
        if b[0].is_ascii_alphanumeric() && b[b.len() - 1].is_ascii_alphanumeric() {
            rule_words.push(h);
        } else if let Some(start) = b.iter().position(|c| c.is_ascii_alphanumeric()) {
            let end = b
                .iter()
                .rposition(|c| c.is_ascii_alphanumeric())
                .unwrap_or(start);
            let mut w = FNV_OFFSET;
            for &c in &b[start..=end] {
                w = (w ^ u64::from(c.to_ascii_lowercase())).wrapping_mul(FNV_PRIME);
            }
            rule_words.push(w);
        }
    });
    let words = scratch;
    words.clear();
    words.extend(tokens.iter().map(|&h| mix64(h)));
    let k = k.max(1);
    let mut set: Vec<u32> = if words.is_empty() {
        Vec::new()
    } else if words.len() < k {
        vec![fold1(combine(words))]
    } else {
        words.windows(k).map(|w| fold1(combine(w))).collect()
    };
    set.sort_unstable();
    set.dedup();
    (tokens, mix64(exact), set, true)
}

/// The token hashes of ASCII text (lowercased FNV-1a of each whitespace token) and the
/// unmixed FNV-1a of its lowercased tokens joined by single spaces (the exact-duplicate
/// key before [`mix64`]); `each` sees every token's bytes and hash as it goes.
#[inline(always)]
fn ascii_tokens(text: &str, mut each: impl FnMut(&[u8], u64)) -> (Vec<u64>, u64) {
    let mut exact = FNV_OFFSET;
    let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
    for (i, tok) in text.split_ascii_whitespace().enumerate() {
        if i > 0 {
            exact = (exact ^ u64::from(b' ')).wrapping_mul(FNV_PRIME);
        }
        let mut h = FNV_OFFSET;
        for &b in tok.as_bytes() {
            let l = u64::from(b.to_ascii_lowercase());
            h = (h ^ l).wrapping_mul(FNV_PRIME);
            exact = (exact ^ l).wrapping_mul(FNV_PRIME);
        }
        tokens.push(h);
        each(tok.as_bytes(), h);
    }
    (tokens, exact)
}

#[inline(always)]
fn fold1(x: u64) -> u32 {
    (x ^ (x >> 32)) as u32
}

/// Exact Jaccard similarity |A ∩ B| / |A ∪ B| of two sorted, deduplicated sets
/// (1 when both are empty).
pub fn jaccard<T: Ord>(a: &[T], b: &[T]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let (mut i, mut j, mut inter) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                inter += 1;
                i += 1;
                j += 1;
            }
        }
    }
    inter as f64 / (a.len() + b.len() - inter) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_nfkc_lowercase_whitespace() {
        assert_eq!(normalize("  Hello\t\tWORLD \n"), "hello world");
        // NFKC folds the full-width letters and the ligature; lowercase follows.
        assert_eq!(normalize("ＨＥＬＬＯ ﬁle"), "hello file");
        // Non-breaking space is whitespace after NFKC.
        assert_eq!(normalize("a\u{00a0}\u{00a0}b"), "a b");
        assert_eq!(normalize("   "), "");
        assert_eq!(normalize("Ça Va"), "ça va");
    }

    #[test]
    fn shingles_are_sets_of_word_runs() {
        let s = shingles("a b c d", 3);
        assert_eq!(s.len(), 2);
        let short = shingles("a b", 3);
        assert_eq!(short.len(), 1);
        assert!(shingles("", 3).is_empty());
        // Repeated runs count once.
        assert_eq!(shingles("x y z x y z", 3).len(), 3);
        // Order of words matters.
        assert_ne!(shingles("a b c", 3), shingles("c b a", 3));
    }

    #[test]
    fn ascii_fast_path_equals_the_general_path() {
        for t in [
            "Hello   World\tagain",
            "  one  ",
            "",
            "A b C d E f",
            "why? Because: it's 42!",
            "x\r\ny",
        ] {
            let norm = normalize(t);
            let general = TextKeys {
                tokens: crate::validate::metrics::DistinctCounter::token_hashes(t),
                exact: hash_bytes(norm.as_bytes()),
                shingles: shingles(&norm, 3),
            };
            assert_eq!(keys(t, 3), general, "{t:?}");
        }
        // Non-ASCII takes the general path.
        let k = keys("ＨＥＬＬＯ world", 3);
        assert_eq!(k.exact, hash_bytes(b"hello world"));
    }

    #[test]
    fn keys32_equals_keys_then_fold() {
        let (mut scratch, mut rw) = (Vec::new(), Vec::new());
        for t in [
            "Hello   World\tagain and again and again",
            "  one  ",
            "",
            "a b",
            "why? Because: it's 42! (--) ...x y... 'q'",
            "ＨＥＬＬＯ world, a non-ASCII text",
            "x\x0by z w",
        ] {
            for k in [1, 3] {
                let full = keys(t, k);
                let (tokens, exact, set, fast) = keys32(t, k, &mut scratch, &mut rw);
                assert_eq!(
                    (tokens, exact, set),
                    (full.tokens, full.exact, fold32(&full.shingles)),
                    "{t:?}"
                );
                assert_eq!(fast, t.is_ascii() && !t.contains('\x0b'));
                if fast {
                    assert_eq!(rw, crate::validate::rules::word_hashes(t.trim()), "{t:?}");
                }
            }
        }
    }

    #[test]
    fn jaccard_exact() {
        assert_eq!(jaccard(&[1, 2, 3], &[1, 2, 3]), 1.0);
        assert_eq!(jaccard(&[1, 2, 3, 4], &[3, 4, 5, 6]), 2.0 / 6.0);
        assert_eq!(jaccard(&[1], &[2]), 0.0);
        assert_eq!(jaccard::<u64>(&[], &[]), 1.0);
        assert_eq!(jaccard(&[], &[1u32]), 0.0);
        let (a, b) = (shingles32("a b c d e", 3), shingles32("a b c d f", 3));
        assert_eq!(jaccard(&a, &b), 2.0 / 4.0);
    }
}
