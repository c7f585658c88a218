//! Writing an intent dataset: examples are produced in chunks in parallel, checked
//! for exact duplicates in index order, serialised in parallel and written in index
//! order, so the bytes do not depend on the thread count. Memory holds two chunks (one
//! being generated while the one before it is serialised).
//!
//! The writer does not know where examples come from: it pulls them from any
//! `Fn(index, attempt) -> Example` (templates today, a language model later).

use super::sketch::NgramSketch;
use super::stats::{Stats, EXACT_CAP};
use super::Example;
use crate::error::Error;
use rayon::prelude::*;
use std::collections::HashSet;
use std::io::Write;
use std::path::Path;

pub mod json;

/// Examples per chunk held in memory at once.
pub const CHUNK: u64 = 32_768;
/// Examples per parallel block (generated, then serialised, by one task).
const BLOCK: u64 = 4_096;
/// Exact duplicates are replaced (by regenerating) among the first this many texts;
/// past it the check stops so memory stays flat.
pub const DEDUP_CAP: usize = 1 << 20;
/// Regeneration attempts for a duplicate before it is kept.
pub const MAX_RETRIES: u32 = 16;

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One JSON object: {"metadata", "examples": [...]}.
    Json,
    /// One example per line; the metadata in a sidecar FILE.meta.json.
    Jsonl,
}

/// What the writer reports after streaming.
pub struct Streamed {
    pub stats: Stats,
    /// Duplicates replaced by regeneration, and duplicates kept after MAX_RETRIES.
    pub replaced: u64,
    pub kept_duplicates: u64,
}

/// The duplicate key of a text: a hash of its sequence of lowercased whitespace
/// tokens (so case and runs of whitespace do not matter).
pub fn dup_key(text: &str) -> u64 {
    super::sketch::sequence_key(text)
}

/// A hasher for keys that are already hashes (dup_key): one multiply to spread them.
#[derive(Default)]
struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (n ^ (n >> 29)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

type KeySet = HashSet<u64, std::hash::BuildHasherDefault<KeyHasher>>;

/// One block of generated examples with their duplicate keys, and the distinct-n
/// sketch of their texts (filled in the same pass over the tokens as the keys).
struct Block {
    items: Vec<(Example, u64)>,
    sketch: NgramSketch,
}

/// Generates examples `start..end` in parallel blocks.
fn generate(start: u64, end: u64, make: &(dyn Fn(u64, u32) -> Example + Sync)) -> Vec<Block> {
    let blocks = (end - start).div_ceil(BLOCK);
    (0..blocks)
        .into_par_iter()
        .map(|b| {
            let lo = start + b * BLOCK;
            let hi = (lo + BLOCK).min(end);
            let mut sketch = NgramSketch::new();
            let items = (lo..hi)
                .map(|i| {
                    let ex = make(i, 0);
                    let k = sketch.add(&ex.text);
                    (ex, k)
                })
                .collect();
            Block { items, sketch }
        })
        .collect()
}

/// Replaces exact duplicates (in index order) by regenerating them; returns
/// (replaced, kept). A dropped text's n-grams leave its block's sketch totals; its
/// registers need no change, because an exact duplicate has the same n-grams as the
/// earlier text it repeats, which stays.
fn dedup(
    blocks: &mut [Block],
    start: u64,
    seen: &mut KeySet,
    make: &(dyn Fn(u64, u32) -> Example + Sync),
) -> (u64, u64) {
    let (mut replaced, mut kept) = (0, 0);
    let mut index = start;
    for block in blocks.iter_mut() {
        let Block { items, sketch } = block;
        for (ex, key) in items.iter_mut() {
            if seen.len() >= DEDUP_CAP {
                return (replaced, kept);
            }
            let mut attempt = 0;
            while seen.contains(key) && attempt < MAX_RETRIES {
                attempt += 1;
                sketch.forget_totals(&ex.text);
                *ex = make(index, attempt);
                *key = sketch.add(&ex.text);
            }
            if attempt > 0 {
                if seen.contains(key) {
                    kept += 1;
                } else {
                    replaced += 1;
                }
            }
            seen.insert(*key);
            index += 1;
        }
    }
    (replaced, kept)
}

/// Serialises blocks in parallel (dropping their examples there, not on the caller's
/// thread) and counts their stats (the sketch is the block's own, already filled);
/// `first` is whether block 0 starts the output.
fn serialise(
    blocks: Vec<Block>,
    format: Format,
    generated_at: &str,
    exact: bool,
    first: bool,
) -> Vec<(Vec<u8>, Stats)> {
    blocks
        .into_par_iter()
        .enumerate()
        .map(|(b, block)| {
            let Block { items, sketch } = block;
            let mut st = Stats::new(exact);
            st.sketch = Some(Box::new(sketch));
            let mut buf: Vec<u8> = Vec::with_capacity(items.len() * 640);
            for (j, (ex, _)) in items.iter().enumerate() {
                if format == Format::Json {
                    if j > 0 || b > 0 || !first {
                        buf.extend_from_slice(b",\n");
                    }
                    buf.extend_from_slice(b"    ");
                }
                json::record(&mut buf, ex, generated_at);
                if format == Format::Jsonl {
                    buf.push(b'\n');
                }
                st.add_counts(ex);
            }
            drop(items);
            (buf, st)
        })
        .collect()
}

/// Streams examples `0..total` from `make` through duplicate replacement into `out`
/// as JSONL lines (`Format::Jsonl`) or as the comma-separated, indented items of a
/// JSON array (`Format::Json`). `progress` is called with the number done.
///
/// Stages overlap: the rayon pool generates chunk k+1 while one of its workers replaces
/// the duplicates of chunk k (then all serialise it), and a writer thread writes
/// finished buffers in order.
pub fn stream<W: Write + Send>(
    total: u64,
    make: &(dyn Fn(u64, u32) -> Example + Sync),
    format: Format,
    generated_at: &str,
    out: &mut W,
    out_path: &Path,
    progress: &dyn Fn(u64),
) -> Result<Streamed, Error> {
    let exact = total <= EXACT_CAP;
    let mut stats = Stats::new(exact);
    let mut seen = KeySet::default();
    let (mut replaced, mut kept_duplicates) = (0u64, 0u64);
    std::thread::scope(|scope| -> Result<(), Error> {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<u8>>(16);
        let writer = scope.spawn(move || -> std::io::Result<()> {
            for buf in rx {
                out.write_all(&buf)?;
            }
            Ok(())
        });
        let mut start = 0u64;
        let mut chunk = generate(0, CHUNK.min(total), make);
        while start < total {
            let end = (start + CHUNK).min(total);
            let after = (end + CHUNK).min(total);
            // One worker replaces this chunk's duplicates (in order) while the others
            // generate the next chunk; then this chunk is serialised in parallel.
            let (sent, next) = rayon::join(
                || {
                    let (r, k) = dedup(&mut chunk, start, &mut seen, make);
                    replaced += r;
                    kept_duplicates += k;
                    let blocks = serialise(
                        std::mem::take(&mut chunk),
                        format,
                        generated_at,
                        exact,
                        start == 0,
                    );
                    let mut sent = true;
                    for (buf, st) in blocks {
                        stats.merge(st);
                        // the writer stopped on an error when this fails; join reports it
                        sent = sent && tx.send(buf).is_ok();
                    }
                    sent
                },
                || generate(end, after, make),
            );
            chunk = next;
            progress(end);
            start = end;
            if !sent {
                break;
            }
        }
        drop(tx);
        match writer.join() {
            Ok(r) => r.map_err(|e| Error::io(out_path, e)),
            Err(_) => Err(Error::Other(format!(
                "{}: writer thread failed",
                out_path.display()
            ))),
        }
    })?;
    Ok(Streamed {
        stats,
        replaced,
        kept_duplicates,
    })
}

/// `secs` since the Unix epoch as RFC 3339 UTC, e.g. `2026-11-22T00:19:02Z`.
pub fn rfc3339(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // the calendar counts days from 2000-01-01, the Unix epoch is 10,957 days earlier
    let (y, m, d) = crate::q::temporal::calendar::civil_from_days(days - 10_957);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Writes the JSON form: `{"metadata": ..., "examples": [...]}` with the metadata
/// first, copying the already-written example items from `items`.
pub fn write_json_document<W: Write>(
    out: &mut W,
    out_path: &Path,
    metadata: &serde_json::Value,
    items: &mut dyn std::io::Read,
    empty: bool,
) -> Result<(), Error> {
    let meta = serde_json::to_string_pretty(metadata)
        .map_err(|e| Error::Other(format!("metadata: {e}")))?
        .replace('\n', "\n  ");
    let io = |e| Error::io(out_path, e);
    write!(out, "{{\n  \"metadata\": {meta},\n  \"examples\": [").map_err(io)?;
    if !empty {
        out.write_all(b"\n").map_err(io)?;
        std::io::copy(items, out).map_err(io)?;
        out.write_all(b"\n  ").map_err(io)?;
    }
    out.write_all(b"]\n}\n").map_err(io)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_known_dates() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_700_000_000), "2023-11-14T22:13:20Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
    }

    #[test]
    fn dup_key_ignores_case_and_spacing() {
        assert_eq!(dup_key("Write  a\tPoem"), dup_key("write a poem"));
        assert_ne!(dup_key("write a poem"), dup_key("write a poem!"));
        assert_eq!(dup_key("ÉCRIS"), dup_key("écris"));
        assert_ne!(dup_key("a b"), dup_key("b a"));
        assert_ne!(dup_key("ab"), dup_key("a b"));
        assert_eq!(dup_key(" \x0b"), dup_key(""));
    }
}
