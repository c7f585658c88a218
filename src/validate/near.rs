//! Near duplicates after pass 1, in bounded memory. Pass 1 leaves three things on disk
//! (or in memory while small): every LSH record's band keys as `(key, record)` items in
//! a [`SpillSorter`] section per band, every record's exact-duplicate key in another,
//! and the records' shingle sets appended to a [`SetFile`] in record order. Here:
//! the band sections are merged one band at a time into buckets of equal keys, giving
//! candidate pairs (themselves external-sorted and deduplicated); the pairs, in order of
//! their first record, are confirmed with exact Jaccard block by block (the first
//! records' sets of one block of the set file in memory, the second records' sets read
//! sequentially); confirmed pairs become clusters by union-find.

use super::engine::{ratio, NearSettings};
use super::metrics::FastMap;
use super::minhash::LshParams;
use super::report::{Cluster, NearDuplicates};
use super::spill::{Sorted, SpillSorter};
use super::text;
use rayon::prelude::*;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::os::unix::fs::FileExt;
use std::sync::Mutex;
use std::time::Instant;

/// A bitmap over record indices.
#[derive(Debug, Clone, Default)]
pub struct Bits(Vec<u64>);

impl Bits {
    /// All clear, for `n` records.
    pub fn new(n: u64) -> Self {
        Bits(vec![0; (n as usize).div_ceil(64)])
    }
    pub fn set(&mut self, i: u32) {
        if let Some(w) = self.0.get_mut((i / 64) as usize) {
            *w |= 1u64 << (i % 64);
        }
    }
    pub fn get(&self, i: u32) -> bool {
        self.0
            .get((i / 64) as usize)
            .is_some_and(|w| w & (1u64 << (i % 64)) != 0)
    }
}

/// The memory the near-duplicate search may hold at once, split between its phases.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    pub bytes: usize,
}

impl Budget {
    /// Band-key items buffered in pass 1 before a sorted run is written.
    pub fn bands(&self) -> usize {
        self.bytes / 2
    }
    /// Exact-duplicate keys buffered in pass 1.
    pub fn exact(&self) -> usize {
        self.bytes / 8
    }
    /// Candidate pairs buffered before a sorted run is written.
    pub fn pairs(&self) -> usize {
        self.bytes / 2
    }
    /// Shingle sets of one block held for confirmation (a quarter, so that the
    /// confirmation phase, with its pair chunk, read buffers and confirmed pairs, stays
    /// below pass 1's peak).
    pub fn block(&self) -> usize {
        self.bytes / 4
    }
    /// Candidate pairs confirmed against one block at a time.
    pub fn chunk_pairs(&self) -> usize {
        (self.bytes / 16 / 8).max(64)
    }
    /// Read buffers of one merge (split between its runs).
    pub fn merge_buffers(&self) -> usize {
        (self.bytes / 8).clamp(64 << 10, 8 << 20)
    }
}

/// One block of the set file: records from `first` on, `bytes` long from `offset`.
#[derive(Debug, Clone, Copy)]
struct Block {
    first: u32,
    offset: u64,
    bytes: u64,
}

/// Appends shingle sets to a temporary file as `[record, len, hashes...]` (u32, little
/// endian), in record order, cut into blocks of at most the block budget.
pub struct SetWriter {
    w: BufWriter<File>,
    end: u64,
    block_bytes: u64,
    blocks: Vec<Block>,
    scratch: Vec<u8>,
}

impl SetWriter {
    /// A writer on a new temporary file.
    pub fn new(block_bytes: usize) -> io::Result<Self> {
        Ok(SetWriter {
            w: BufWriter::with_capacity(1 << 20, tempfile::tempfile()?),
            end: 0,
            block_bytes: block_bytes.max(1) as u64,
            blocks: Vec::new(),
            scratch: Vec::new(),
        })
    }

    /// Appends record `id`'s set (ids must increase).
    pub fn push(&mut self, id: u32, set: &[u32]) -> io::Result<()> {
        let Ok(len) = u32::try_from(set.len()) else {
            return Ok(()); // more than 2^32 shingles cannot come from one line
        };
        let size = 8 + 4 * set.len() as u64;
        match self.blocks.last_mut() {
            Some(b) if b.bytes + size <= self.block_bytes || b.bytes == 0 => b.bytes += size,
            _ => self.blocks.push(Block {
                first: id,
                offset: self.end,
                bytes: size,
            }),
        }
        self.scratch.clear();
        self.scratch.extend_from_slice(&id.to_le_bytes());
        self.scratch.extend_from_slice(&len.to_le_bytes());
        for x in set {
            self.scratch.extend_from_slice(&x.to_le_bytes());
        }
        self.w.write_all(&self.scratch)?;
        self.end += size;
        Ok(())
    }

    /// Ends writing.
    pub fn finish(self) -> io::Result<SetFile> {
        let file = self.w.into_inner().map_err(|e| e.into_error())?;
        Ok(SetFile {
            file,
            end: self.end,
            blocks: self.blocks,
        })
    }
}

/// The shingle sets written in pass 1.
pub struct SetFile {
    file: File,
    end: u64,
    blocks: Vec<Block>,
}

impl SetFile {
    /// Blocks the file is cut into.
    pub fn blocks(&self) -> usize {
        self.blocks.len()
    }

    fn load(&self, b: &Block) -> io::Result<BlockSets> {
        // Read in pieces, so the block is held once (as words), not twice.
        let mut words: Vec<u32> = Vec::with_capacity((b.bytes / 4) as usize);
        let mut bytes = vec![0u8; (b.bytes as usize).min(1 << 20)];
        let (mut at, end) = (b.offset, b.offset + b.bytes);
        while at < end {
            let n = ((end - at) as usize).min(bytes.len());
            self.file.read_exact_at(&mut bytes[..n], at)?;
            words.extend(
                bytes[..n]
                    .chunks_exact(4)
                    .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])),
            );
            at += n as u64;
        }
        let mut index = Vec::new();
        let mut i = 0;
        while i + 2 <= words.len() {
            let len = words[i + 1] as usize;
            index.push((words[i], (i + 2) as u32));
            i += 2 + len;
        }
        Ok(BlockSets { words, index })
    }

    /// Reads records from `offset` to the end, in order.
    fn stream(&self, offset: u64) -> SetStream<'_> {
        SetStream {
            file: &self.file,
            next: offset,
            end: self.end,
            buf: Vec::new(),
            pos: 0,
            set: Vec::new(),
        }
    }

    /// The block holding record `id` (the last block that starts at or before it).
    fn block_of(&self, id: u32) -> usize {
        self.blocks
            .partition_point(|b| b.first <= id)
            .saturating_sub(1)
    }
}

/// The sets of one block, by record.
struct BlockSets {
    words: Vec<u32>,
    index: Vec<(u32, u32)>,
}

impl BlockSets {
    fn get(&self, id: u32) -> Option<&[u32]> {
        let k = self.index.binary_search_by_key(&id, |e| e.0).ok()?;
        let start = self.index[k].1 as usize;
        let len = *self.words.get(start - 1)? as usize;
        self.words.get(start..start + len)
    }
}

struct SetStream<'a> {
    file: &'a File,
    next: u64,
    end: u64,
    buf: Vec<u32>,
    pos: usize,
    set: Vec<u32>,
}

impl SetStream<'_> {
    fn word(&mut self) -> io::Result<Option<u32>> {
        if self.pos == self.buf.len() {
            let n = (self.end - self.next).min(1 << 20) as usize;
            if n < 4 {
                return Ok(None);
            }
            let mut bytes = vec![0u8; n - n % 4];
            self.file.read_exact_at(&mut bytes, self.next)?;
            self.next += bytes.len() as u64;
            self.buf.clear();
            self.buf.extend(
                bytes
                    .chunks_exact(4)
                    .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])),
            );
            self.pos = 0;
        }
        let w = self.buf[self.pos];
        self.pos += 1;
        Ok(Some(w))
    }

    /// The next record and its set.
    fn next_set(&mut self) -> io::Result<Option<u32>> {
        let Some(id) = self.word()? else {
            return Ok(None);
        };
        let len = self.word()?.unwrap_or(0) as usize;
        self.set.clear();
        if self.pos + len <= self.buf.len() {
            self.set
                .extend_from_slice(&self.buf[self.pos..self.pos + len]);
            self.pos += len;
        } else {
            for _ in 0..len {
                match self.word()? {
                    Some(w) => self.set.push(w),
                    None => break,
                }
            }
        }
        Ok(Some(id))
    }
}

/// Exact Jaccard of two sets, or `None` below `threshold` — decided from the set sizes
/// alone when |small| / |large| < threshold (then J ≤ that ratio).
pub fn confirm(x: &[u32], y: &[u32], threshold: f64) -> Option<f64> {
    let (lo, hi) = (x.len().min(y.len()), x.len().max(y.len()));
    if hi > 0 && (lo as f64) < threshold * hi as f64 {
        return None;
    }
    let j = text::jaccard(x, y);
    (j >= threshold).then_some(j)
}

/// Candidate pairs of one band: the band's `(key << 32 | record)` items in order,
/// records in `skip` left out; within a bucket of equal keys each member is paired with
/// the bucket's first (lowest) record and with its predecessor. Pairs go to `emit` as
/// `lower << 32 | higher`.
pub fn band_pairs(
    items: impl Iterator<Item = io::Result<u64>>,
    skip: &Bits,
    mut emit: impl FnMut(u64) -> io::Result<()>,
) -> io::Result<()> {
    let mut key = None;
    let (mut first, mut prev) = (0u32, 0u32);
    let mut n = 0usize;
    for x in items {
        let x = x?;
        let id = x as u32;
        if skip.get(id) {
            continue;
        }
        let k = (x >> 32) as u32;
        if key != Some(k) {
            key = Some(k);
            first = id;
            prev = id;
            n = 1;
            continue;
        }
        emit((u64::from(first) << 32) | u64::from(id))?;
        if n > 1 {
            emit((u64::from(prev) << 32) | u64::from(id))?;
        }
        prev = id;
        n += 1;
    }
    Ok(())
}

/// Confirms candidate pairs (`a << 32 | b`, a < b, ascending and distinct) against the
/// set file: for each block, the pairs whose first record is in it are taken in chunks
/// of at most `chunk` pairs; the block's sets are held in memory, the chunk is sorted by
/// second record and the set file is read sequentially from the block holding the
/// smallest second record. Returns the confirmed pairs with their Jaccard, in order.
pub fn confirm_pairs(
    sets: &SetFile,
    pairs: impl Iterator<Item = io::Result<u64>>,
    threshold: f64,
    chunk: usize,
) -> io::Result<Vec<(u32, u32, f64)>> {
    let mut pairs = pairs.peekable();
    let mut out = Vec::new();
    let mut buf: Vec<u64> = Vec::new();
    for (bi, block) in sets.blocks.iter().enumerate() {
        let end = sets.blocks.get(bi + 1).map(|b| b.first);
        let mut held: Option<BlockSets> = None;
        loop {
            buf.clear();
            while buf.len() < chunk.max(1) {
                match pairs.peek() {
                    Some(Ok(p)) if end.is_none_or(|e| ((p >> 32) as u32) < e) => {
                        // Second record first, so the chunk sorts by it.
                        buf.push(p.rotate_left(32));
                        pairs.next();
                    }
                    Some(Err(_)) => {
                        if let Some(Err(e)) = pairs.next() {
                            return Err(e);
                        }
                    }
                    _ => break,
                }
            }
            if buf.is_empty() {
                break;
            }
            if held.is_none() {
                held = Some(sets.load(block)?);
            }
            let Some(first_sets) = &held else { break };
            buf.sort_unstable();
            let start = sets.blocks[sets.block_of((buf[0] >> 32) as u32)].offset;
            let mut stream = sets.stream(start);
            let mut p = 0;
            while p < buf.len() {
                let Some(id) = stream.next_set()? else { break };
                while p < buf.len() && ((buf[p] >> 32) as u32) < id {
                    p += 1; // no set for this record: left unconfirmed
                }
                while p < buf.len() && ((buf[p] >> 32) as u32) == id {
                    let a = buf[p] as u32;
                    if let Some(sa) = first_sets.get(a) {
                        if let Some(j) = confirm(sa, &stream.set, threshold) {
                            out.push((a, id, j));
                        }
                    }
                    p += 1;
                }
            }
        }
    }
    out.sort_unstable_by_key(|&(a, b, _)| (a, b));
    Ok(out)
}

/// What pass 1 leaves for the near-duplicate search.
pub struct NearInput {
    /// `(key << 32 | record)` per LSH record, one section per band.
    pub bands: Sorted<u64>,
    /// The LSH records' shingle sets.
    pub sets: SetFile,
    /// Exact duplicates of an earlier record: left out of LSH.
    pub duplicates: Bits,
    pub records: u64,
    pub texts: u64,
    /// Whether pass 1 wrote anything to temporary files.
    pub spilled: bool,
}

/// Candidate pairs from the band keys, confirmed with exact Jaccard; clusters by
/// union-find (exact duplicates joined to their first occurrence with Jaccard 1).
pub fn near_duplicates(
    t: NearInput,
    exact_pairs: &[(u32, u32)],
    n: NearSettings,
    params: LshParams,
    budget: Budget,
    clusters_limit: usize,
) -> io::Result<NearDuplicates> {
    let started = Instant::now();
    let sorter = Mutex::new(SpillSorter::<u64>::new(1, budget.pairs()));
    (0..params.bands).into_par_iter().try_for_each(|band| {
        let mut local: Vec<u64> = Vec::with_capacity(1 << 14);
        let flush = |local: &mut Vec<u64>| -> io::Result<()> {
            let mut s = sorter.lock().unwrap_or_else(|p| p.into_inner());
            s.extend(0, local)?;
            local.clear();
            Ok(())
        };
        let items = t.bands.section(band, budget.merge_buffers())?;
        band_pairs(items, &t.duplicates, |p| {
            local.push(p);
            if local.len() >= 1 << 14 {
                flush(&mut local)?;
            }
            Ok(())
        })?;
        flush(&mut local)
    })?;
    drop(t.bands);
    let sorter = sorter.into_inner().unwrap_or_else(|p| p.into_inner());
    let pairs = sorter.finish()?;
    let spilled = t.spilled || pairs.spilled();
    let pairs_seconds = started.elapsed().as_secs_f64();
    let mut candidates = 0u64;
    let mut last = None;
    let unique = pairs
        .section(0, budget.merge_buffers())?
        .filter(|p| match p {
            Ok(x) if last == Some(*x) => false,
            Ok(x) => {
                last = Some(*x);
                candidates += 1;
                true
            }
            Err(_) => true,
        });
    let confirmed = confirm_pairs(&t.sets, unique, n.threshold, budget.chunk_pairs())?;
    drop(pairs);
    let confirm_seconds = started.elapsed().as_secs_f64() - pairs_seconds;

    let (clusters, clusters_total, records) = clusters(&confirmed, exact_pairs, clusters_limit);
    Ok(NearDuplicates {
        threshold: n.threshold,
        shingle_words: n.shingle_words,
        lsh: params,
        recall_at_threshold: params.candidate_probability(n.threshold),
        candidate_pairs: candidates,
        spilled,
        set_blocks: t.sets.blocks(),
        pairs_seconds,
        confirm_seconds,
        confirmed_pairs: confirmed.len() as u64,
        rate: ratio(records, t.texts),
        records,
        clusters_total,
        clusters,
    })
}

/// Clusters of the records linked by confirmed pairs (and exact duplicates, Jaccard 1):
/// the first `limit` by size (largest first, then by first record), the number of
/// clusters and the records in them beyond each cluster's first. A union-find over the
/// linked records only, in dense arrays (12 bytes a record); only the listed clusters'
/// members are materialised.
pub fn clusters(
    confirmed: &[(u32, u32, f64)],
    exact_pairs: &[(u32, u32)],
    limit: usize,
) -> (Vec<Cluster>, u64, u64) {
    let edges = || {
        confirmed
            .iter()
            .copied()
            .chain(exact_pairs.iter().map(|&(a, b)| (a, b, 1.0)))
    };
    let mut ids: Vec<u32> = edges().flat_map(|(a, b, _)| [a, b]).collect();
    ids.sort_unstable();
    ids.dedup();
    let pos = |x: u32| ids.binary_search(&x).unwrap_or(0);
    let mut parent: Vec<u32> = (0..ids.len() as u32).collect();
    let mut size = vec![1u32; ids.len()];
    fn find(parent: &mut [u32], mut x: usize) -> usize {
        while parent[x] as usize != x {
            let gp = parent[parent[x] as usize];
            parent[x] = gp;
            x = gp as usize;
        }
        x
    }
    for (a, b, _) in edges() {
        let (ra, rb) = (find(&mut parent, pos(a)), find(&mut parent, pos(b)));
        if ra != rb {
            let (big, small) = if size[ra] >= size[rb] {
                (ra, rb)
            } else {
                (rb, ra)
            };
            parent[small] = big as u32;
            size[big] += size[small];
        }
    }
    let mut range: FastMap<u32, (f64, f64)> = FastMap::default();
    for (a, _, j) in edges() {
        let r = find(&mut parent, pos(a)) as u32;
        let e = range.entry(r).or_insert((j, j));
        e.0 = e.0.min(j);
        e.1 = e.1.max(j);
    }
    // Members grouped by root, each group in record order.
    let mut order: Vec<u64> = (0..ids.len())
        .map(|p| ((find(&mut parent, p) as u64) << 32) | p as u64)
        .collect();
    drop(size);
    order.sort_unstable();
    // (size, first record, where the group starts in `order`)
    let mut groups: Vec<(u32, u32, u32)> = Vec::new();
    let mut start = 0;
    while start < order.len() {
        let root = order[start] >> 32;
        let mut end = start + 1;
        while end < order.len() && order[end] >> 32 == root {
            end += 1;
        }
        groups.push((
            (end - start) as u32,
            ids[order[start] as u32 as usize],
            start as u32,
        ));
        start = end;
    }
    let total = groups.len() as u64;
    let records = ids.len() as u64 - total;
    groups.sort_unstable_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
    let listed = groups
        .iter()
        .take(limit)
        .map(|&(n, _, at)| {
            let members = &order[at as usize..(at + n) as usize];
            let root = (members[0] >> 32) as u32;
            let (lo, hi) = range.get(&root).copied().unwrap_or((1.0, 1.0));
            Cluster {
                records: members
                    .iter()
                    .map(|&m| u64::from(ids[m as u32 as usize]))
                    .collect(),
                min_jaccard: lo,
                max_jaccard: hi,
            }
        })
        .collect();
    (listed, total, records)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clusters_join_pairs_and_exact_duplicates() {
        let confirmed = [(1, 5, 0.9), (5, 9, 0.85), (3, 4, 0.8)];
        let exact = [(9, 12), (20, 21)];
        let (c, total, records) = clusters(&confirmed, &exact, 2);
        assert_eq!((total, records), (3, 5));
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].records, vec![1, 5, 9, 12]);
        assert_eq!((c[0].min_jaccard, c[0].max_jaccard), (0.85, 1.0));
        assert_eq!(c[1].records, vec![3, 4]);
        assert_eq!((c[1].min_jaccard, c[1].max_jaccard), (0.8, 0.8));
    }

    #[test]
    fn confirmation_by_size_and_jaccard() {
        assert_eq!(
            confirm(&[1, 2, 3, 4, 5], &[1, 2, 3, 4, 6], 0.6),
            Some(4.0 / 6.0)
        );
        assert_eq!(confirm(&[1, 2, 3, 4, 5], &[1, 2, 3, 4, 6], 0.8), None);
        // Sizes 1 and 5: J <= 0.2, rejected without comparing.
        assert_eq!(confirm(&[1, 2, 3, 4, 5], &[1], 0.5), None);
        assert_eq!(confirm(&[1, 2, 3, 4, 5], &[1], 0.2), Some(0.2));
    }

    #[test]
    fn buckets_pair_first_and_predecessor_and_skip_duplicates() {
        let item = |k: u64, id: u64| Ok((k << 32) | id);
        let items = vec![
            item(1, 2),
            item(1, 5),
            item(1, 7),
            item(1, 9),
            item(3, 4),
            item(4, 6),
            item(4, 8),
        ];
        let mut skip = Bits::new(16);
        skip.set(7);
        let mut got = Vec::new();
        band_pairs(items.into_iter(), &skip, |p| {
            got.push(((p >> 32) as u32, p as u32));
            Ok(())
        })
        .unwrap();
        assert_eq!(got, vec![(2, 5), (2, 9), (5, 9), (6, 8)]);
    }

    #[test]
    fn block_confirmation_equals_all_in_memory() {
        // 200 records with sets that overlap their neighbours; every pair within distance 3.
        let set = |i: u32| -> Vec<u32> { (i / 4 * 4..i / 4 * 4 + 10).chain([1000 + i]).collect() };
        let mut pairs = Vec::new();
        for a in 0..200u32 {
            for b in a + 1..(a + 4).min(200) {
                pairs.push((u64::from(a) << 32) | u64::from(b));
            }
        }
        let want: Vec<(u32, u32, f64)> = pairs
            .iter()
            .filter_map(|&p| {
                let (a, b) = ((p >> 32) as u32, p as u32);
                confirm(&set(a), &set(b), 0.7).map(|j| (a, b, j))
            })
            .collect();
        assert!(!want.is_empty() && want.len() < pairs.len());
        for (block, chunk) in [(1 << 20, 1 << 20), (100, 7), (1, 1)] {
            let mut w = SetWriter::new(block).unwrap();
            for i in 0..200 {
                if i != 50 {
                    w.push(i, &set(i)).unwrap();
                }
            }
            let f = w.finish().unwrap();
            assert!(block > 1000 || f.blocks() > 10);
            let got = confirm_pairs(&f, pairs.iter().map(|&p| Ok(p)), 0.7, chunk).unwrap();
            let want: Vec<_> = want
                .iter()
                .copied()
                .filter(|&(a, b, _)| a != 50 && b != 50)
                .collect();
            assert_eq!(got, want, "block {block}, chunk {chunk}");
        }
    }
}
