//! Near duplicates after pass 1: candidate pairs from the LSH band keys, the candidates'
//! shingle sets (kept from pass 1 within the memory budget, else re-read in a second
//! pass), confirmation with exact Jaccard, and clusters by union-find.

use super::engine::{ratio, NearSettings, Settings};
use super::metrics::FastMap;
use super::minhash::{candidate_pairs, LshParams, UnionFind};
use super::record::{extract, Header};
use super::report::{Cluster, NearDuplicates};
use super::source::{self, Msg, SourceSpec};
use super::text;
use crate::error::Error;
use rayon::prelude::*;
use std::sync::Arc;
use std::time::Instant;

/// What pass 1 leaves for the near-duplicate search.
pub struct NearInput {
    /// `bands` band keys per LSH record, in the order of `ids`.
    pub keys: Vec<u32>,
    /// The records that entered LSH (have shingles, are not exact duplicates).
    pub ids: Vec<u32>,
    /// Their shingle sets, when they fitted the budget.
    pub sets: Option<SetArena>,
    /// Records read, and records with a text.
    pub records: u64,
    pub texts: u64,
}

/// Shingle sets packed in one buffer as `[len, hashes...]`, found through a dense table
/// by record index (4 bytes per record up to the highest one stored): one random read
/// for the table and one for the set.
#[derive(Default)]
pub struct SetArena {
    /// 1 + where each record's set starts in `data`, 0 for records not stored.
    slot: Vec<u32>,
    data: Vec<u32>,
}

impl SetArena {
    /// Stores record `id`'s set.
    pub fn push(&mut self, id: u32, set: &[u32]) {
        let id = id as usize;
        let Ok(start) = u32::try_from(self.data.len() + 1) else {
            return; // beyond 16 GiB of shingles: the record is left unconfirmed
        };
        if self.slot.len() <= id {
            self.slot.resize(id + 1, 0);
        }
        self.data.push(set.len() as u32);
        self.data.extend_from_slice(set);
        self.slot[id] = start;
    }

    /// Record `id`'s set, if stored.
    pub fn get(&self, id: u32) -> Option<&[u32]> {
        let start = (*self.slot.get(id as usize)? as usize).checked_sub(1)?;
        let len = *self.data.get(start)? as usize;
        self.data.get(start + 1..start + 1 + len)
    }

    /// Memory held, in bytes.
    pub fn bytes(&self) -> usize {
        (self.slot.capacity() + self.data.capacity()) * 4
    }
}

/// Exact Jaccard of two records' sets, or `None` below `threshold` — decided from the
/// set sizes alone when |small| / |large| < threshold (then J ≤ that ratio).
pub fn confirm(sets: &SetArena, a: u32, b: u32, threshold: f64) -> Option<f64> {
    let (x, y) = (sets.get(a)?, sets.get(b)?);
    let (lo, hi) = (x.len().min(y.len()), x.len().max(y.len()));
    if hi > 0 && (lo as f64) < threshold * hi as f64 {
        return None;
    }
    let j = text::jaccard(x, y);
    (j >= threshold).then_some(j)
}

/// Candidate pairs from the band keys; their shingle sets from pass 1 when they fit the
/// budget, else from pass 2, which re-reads only the candidate records; pairs confirmed
/// with exact Jaccard; clusters by union-find (exact duplicates joined to their first
/// occurrence with Jaccard 1).
pub fn near_duplicates(
    settings: &Settings,
    header: Option<&Header>,
    t: NearInput,
    exact_pairs: &[(u32, u32)],
    n: NearSettings,
    params: LshParams,
) -> Result<NearDuplicates, Error> {
    let started = Instant::now();
    let pairs = candidate_pairs(&t.keys, &t.ids, params.bands);
    drop((t.keys, t.ids));
    let pairs_seconds = started.elapsed().as_secs_f64();
    let kept = t.sets;
    let second_pass = kept.is_none() && !pairs.is_empty();
    let mut confirmed: Vec<(u32, u32, f64)> = Vec::new();
    if !pairs.is_empty() {
        let sets = match kept {
            Some(sets) => sets,
            None => reread_sets(settings, header, t.records, &pairs, n)?,
        };
        confirmed = pairs
            .par_iter()
            .filter_map(|&(a, b)| confirm(&sets, a, b, n.threshold).map(|j| (a, b, j)))
            .collect();
    }
    let confirm_seconds = started.elapsed().as_secs_f64() - pairs_seconds;
    let mut uf = UnionFind::new();
    for &(a, b, _) in &confirmed {
        uf.union(a, b);
    }
    for &(a, b) in exact_pairs {
        uf.union(a, b);
    }
    let mut range: FastMap<u32, (f64, f64)> = FastMap::default();
    let edges = confirmed
        .iter()
        .copied()
        .chain(exact_pairs.iter().map(|&(a, b)| (a, b, 1.0)));
    for (a, _, j) in edges {
        let r = uf.find(a);
        let e = range.entry(r).or_insert((j, j));
        e.0 = e.0.min(j);
        e.1 = e.1.max(j);
    }
    let mut clusters: Vec<Cluster> = uf
        .clusters()
        .into_iter()
        .map(|members| {
            let r = uf.find(members[0]);
            let (lo, hi) = range.get(&r).copied().unwrap_or((1.0, 1.0));
            Cluster {
                records: members.into_iter().map(u64::from).collect(),
                min_jaccard: lo,
                max_jaccard: hi,
            }
        })
        .collect();
    let records: u64 = clusters.iter().map(|c| c.records.len() as u64 - 1).sum();
    let clusters_total = clusters.len() as u64;
    clusters.sort_by(|a, b| {
        b.records
            .len()
            .cmp(&a.records.len())
            .then(a.records[0].cmp(&b.records[0]))
    });
    clusters.truncate(settings.clusters_limit);
    Ok(NearDuplicates {
        threshold: n.threshold,
        shingle_words: n.shingle_words,
        lsh: params,
        recall_at_threshold: params.candidate_probability(n.threshold),
        candidate_pairs: pairs.len() as u64,
        second_pass,
        pairs_seconds,
        confirm_seconds,
        confirmed_pairs: confirmed.len() as u64,
        rate: ratio(records, t.texts),
        records,
        clusters_total,
        clusters,
    })
}

/// Pass 2: re-reads only the records that occur in `pairs` and returns their shingle
/// sets.
pub fn reread_sets(
    settings: &Settings,
    header: Option<&Header>,
    records: u64,
    pairs: &[(u32, u32)],
    n: NearSettings,
) -> Result<SetArena, Error> {
    let mut bits = vec![0u64; (records as usize).div_ceil(64)];
    for &(a, b) in pairs {
        for x in [a, b] {
            if let Some(w) = bits.get_mut((x / 64) as usize) {
                *w |= 1u64 << (x % 64);
            }
        }
    }
    let spec = SourceSpec {
        file: settings.file.clone(),
        display: settings.display.clone(),
        format: settings.format,
        records: settings.records.clone(),
        want: Some(Arc::new(bits)),
        progress: None,
        flat_keys: super::record::plain_keys(&settings.fields),
    };
    let mut sets = SetArena::default();
    for msg in source::spawn(spec) {
        match msg {
            Msg::Batch(batch) => {
                let got: Vec<(u32, Vec<u32>)> = batch
                    .into_par_iter()
                    .filter_map(|r| {
                        let idx = u32::try_from(r.index).ok()?;
                        let mut scratch = Vec::new();
                        let f = extract(r.body, &settings.fields, header, &mut scratch);
                        let k = text::keys(f.text.as_deref()?, n.shingle_words);
                        Some((idx, text::fold32(&k.shingles)))
                    })
                    .collect();
                for (idx, set) in got {
                    sets.push(idx, &set);
                }
            }
            Msg::Fatal(e) => return Err(e),
            Msg::Metadata(_) | Msg::Header(_) => {}
        }
    }
    Ok(sets)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_arena_and_confirmation() {
        let mut a = SetArena::default();
        a.push(3, &[1, 2, 3, 4, 5]);
        a.push(7, &[1, 2, 3, 4, 6]);
        a.push(9, &[1]);
        assert_eq!(a.get(3), Some(&[1u32, 2, 3, 4, 5][..]));
        assert_eq!(a.get(4), None);
        assert_eq!(a.get(100), None);
        assert_eq!(confirm(&a, 3, 7, 0.6), Some(4.0 / 6.0));
        assert_eq!(confirm(&a, 3, 7, 0.8), None);
        // Sizes 1 and 5: J <= 0.2, rejected without comparing.
        assert_eq!(confirm(&a, 3, 9, 0.5), None);
        assert_eq!(confirm(&a, 3, 9, 0.2), Some(0.2));
    }
}
