//! Exact and near-duplicate detection for model-written texts.

use std::collections::{HashMap, HashSet};

/// Why a text was dropped as a duplicate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dup {
    Exact,
    Near,
}

/// Exact (normalised text) and near-duplicate (Jaccard of word 3-shingles at or above
/// a threshold, found through an inverted shingle index) detection over everything added.
#[derive(Debug)]
pub struct DupIndex {
    threshold: f64,
    exact: HashSet<String>,
    docs: Vec<Vec<u64>>,
    postings: HashMap<u64, Vec<u32>>,
}

/// Lowercase words joined by one space, punctuation at word ends removed.
pub fn normalize(text: &str) -> String {
    text.split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn shingles(norm: &str) -> Vec<u64> {
    let words: Vec<&str> = norm.split(' ').filter(|w| !w.is_empty()).collect();
    let k = 3.min(words.len()).max(1);
    let mut out: Vec<u64> = words
        .windows(k)
        .map(|w| crate::seed::fnv1a64(w.join(" ").as_bytes()))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

impl DupIndex {
    /// An index that calls texts with shingle Jaccard >= `threshold` near duplicates.
    pub fn new(threshold: f64) -> Self {
        DupIndex {
            threshold,
            exact: HashSet::new(),
            docs: Vec::new(),
            postings: HashMap::new(),
        }
    }

    /// Texts added.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// Whether none were added.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Whether `text` duplicates something added.
    pub fn check(&self, text: &str) -> Option<Dup> {
        let norm = normalize(text);
        if self.exact.contains(&norm) {
            return Some(Dup::Exact);
        }
        let sh = shingles(&norm);
        let mut overlap: HashMap<u32, usize> = HashMap::new();
        for s in &sh {
            if let Some(ids) = self.postings.get(s) {
                for &id in ids {
                    *overlap.entry(id).or_default() += 1;
                }
            }
        }
        overlap
            .into_iter()
            .any(|(id, inter)| {
                let other = self.docs[id as usize].len();
                let union = sh.len() + other - inter;
                union > 0 && inter as f64 / union as f64 >= self.threshold
            })
            .then_some(Dup::Near)
    }

    /// Adds `text`.
    pub fn add(&mut self, text: &str) {
        let norm = normalize(text);
        let sh = shingles(&norm);
        let id = self.docs.len() as u32;
        for s in &sh {
            self.postings.entry(*s).or_default().push(id);
        }
        self.docs.push(sh);
        self.exact.insert(norm);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicates_exact_and_near() {
        let mut d = DupIndex::new(0.7);
        d.add("Write a short poem about the sea at night");
        assert_eq!(
            d.check("write a short poem about the SEA at night!"),
            Some(Dup::Exact)
        );
        assert_eq!(
            d.check("Write a short poem about the sea at night please"),
            Some(Dup::Near)
        );
        assert_eq!(d.check("Explain recursion to a child"), None);
        assert_eq!(d.len(), 1);
    }
}
