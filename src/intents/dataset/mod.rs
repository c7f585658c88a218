//! Writing an intent dataset: examples are produced in chunks in parallel, checked
//! for exact duplicates in index order, serialised in parallel and written in index
//! order, so the bytes do not depend on the thread count. Memory holds two chunks (one
//! being generated while the one before it is serialised).
//!
//! The writer does not know where examples come from: it pulls them from any
//! `Fn(index, attempt) -> Example` (templates today, a language model later).

use super::sketch::NgramSketch;
use super::stats::{Facts, Stats, Tally, EXACT_CAP};
use super::Example;
use crate::error::Error;
use std::collections::HashSet;
use std::io::Write;
use std::path::Path;
use std::sync::Arc;

pub mod json;

/// Examples per block (written by one worker, then checked in order).
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

/// Where the writer's examples come from: anything that can append example `index`'s
/// record to a buffer. Template examples are written straight into JSON (no
/// `Example` built); any `Fn(index, attempt) -> Example` is a source through
/// `Examples`.
pub trait Source: Sync {
    /// The names `Name::Id` in this source's facts refers to (distinct).
    fn labels(&self) -> Vec<Arc<str>> {
        Vec::new()
    }

    /// Appends the JSON record of example `index` (compact, one line, stamped with
    /// `generated_at`; `attempt` > 0 regenerates it from another stream after a
    /// duplicate), adds its text's n-grams to `sketch`, copies the text into `text`
    /// when given, and returns its facts.
    fn emit(
        &self,
        index: u64,
        attempt: u32,
        generated_at: &str,
        out: &mut Vec<u8>,
        sketch: &mut NgramSketch,
        text: Option<&mut String>,
    ) -> Facts;
}

/// A source that builds each `Example` and serialises it.
pub struct Examples<'a>(pub &'a (dyn Fn(u64, u32) -> Example + Sync));

impl Source for Examples<'_> {
    fn emit(
        &self,
        index: u64,
        attempt: u32,
        generated_at: &str,
        out: &mut Vec<u8>,
        sketch: &mut NgramSketch,
        text: Option<&mut String>,
    ) -> Facts {
        let ex = (self.0)(index, attempt);
        emit_example(&ex, generated_at, out, sketch, text)
    }
}

/// `Source::emit` for an example already built.
pub fn emit_example(
    ex: &Example,
    generated_at: &str,
    out: &mut Vec<u8>,
    sketch: &mut NgramSketch,
    text: Option<&mut String>,
) -> Facts {
    json::record(out, ex, generated_at);
    let (key, tokens) = sketch.add_counted(&ex.text);
    if let Some(t) = text {
        t.push_str(&ex.text);
    }
    Facts::of(ex, key, tokens)
}

/// One block of examples written as they will be output: their bytes (each record
/// with its separator), where each record starts, their facts, their texts (only when
/// distinct-n is counted exactly) and the distinct-n sketch of the block's texts.
#[derive(Default)]
struct Block {
    buf: Vec<u8>,
    /// Start of record j in `buf`; one more entry, the end.
    starts: Vec<usize>,
    facts: Vec<Facts>,
    texts: Vec<String>,
    sketch: NgramSketch,
    /// Records regenerated after a duplicate: (record, range in `repl`).
    replaced: Vec<(usize, std::ops::Range<usize>)>,
    repl: Vec<u8>,
}

/// The writer's settings for one stream.
struct Run<'a> {
    source: &'a dyn Source,
    format: Format,
    generated_at: &'a str,
    exact: bool,
}

impl Run<'_> {
    /// Appends record `index` with its separator (JSON: `,\n` between items and an
    /// indent; JSONL: a newline after it).
    fn emit(
        &self,
        index: u64,
        attempt: u32,
        out: &mut Vec<u8>,
        sketch: &mut NgramSketch,
        text: Option<&mut String>,
    ) -> Facts {
        if self.format == Format::Json {
            if index > 0 {
                out.extend_from_slice(b",\n");
            }
            out.extend_from_slice(b"    ");
        }
        let f = self
            .source
            .emit(index, attempt, self.generated_at, out, sketch, text);
        if self.format == Format::Jsonl {
            out.push(b'\n');
        }
        f
    }

    /// Writes examples `lo..hi` into a block.
    fn block(&self, lo: u64, hi: u64) -> Block {
        let n = (hi - lo) as usize;
        let mut b = Block {
            buf: Vec::with_capacity(n * 600),
            starts: Vec::with_capacity(n + 1),
            facts: Vec::with_capacity(n),
            texts: Vec::new(),
            sketch: NgramSketch::new(),
            replaced: Vec::new(),
            repl: Vec::new(),
        };
        let mut text = String::new();
        for i in lo..hi {
            b.starts.push(b.buf.len());
            let f = if self.exact {
                text.clear();
                let f = self.emit(i, 0, &mut b.buf, &mut b.sketch, Some(&mut text));
                b.texts.push(text.clone());
                f
            } else {
                self.emit(i, 0, &mut b.buf, &mut b.sketch, None)
            };
            b.facts.push(f);
        }
        b.starts.push(b.buf.len());
        b
    }

    /// Replaces exact duplicates (in index order) by regenerating them; returns
    /// (replaced, kept). A dropped text's n-grams leave its block's sketch totals; its
    /// registers need no change, because an exact duplicate has the same n-grams as the
    /// earlier text it repeats, which stays.
    fn dedup(&self, blocks: &mut [Block], start: u64, seen: &mut KeySet) -> (u64, u64) {
        let (mut replaced, mut kept) = (0, 0);
        let mut index = start;
        for block in blocks.iter_mut() {
            for j in 0..block.facts.len() {
                if seen.len() >= DEDUP_CAP {
                    return (replaced, kept);
                }
                let mut attempt = 0;
                let mut key = block.facts[j].key;
                while seen.contains(&key) && attempt < MAX_RETRIES {
                    attempt += 1;
                    block.sketch.forget_tokens(block.facts[j].tokens);
                    if attempt > 1 {
                        // this record's previous attempt is the last thing in repl
                        if let Some((_, r)) = block.replaced.pop() {
                            block.repl.truncate(r.start);
                        }
                    }
                    let at = block.repl.len();
                    let text = if self.exact {
                        block.texts[j].clear();
                        Some(&mut block.texts[j])
                    } else {
                        None
                    };
                    let f = self.emit(index, attempt, &mut block.repl, &mut block.sketch, text);
                    key = f.key;
                    block.facts[j] = f;
                    block.replaced.push((j, at..block.repl.len()));
                }
                if attempt > 0 {
                    if seen.contains(&key) {
                        kept += 1;
                    } else {
                        replaced += 1;
                    }
                }
                seen.insert(key);
                index += 1;
            }
        }
        (replaced, kept)
    }
}

/// Counts a block's examples (after duplicate replacement), in order.
fn tally(tally: &mut Tally, block: &Block) {
    for f in &block.facts {
        tally.add(f);
    }
    let exact = tally.exact().then(|| {
        let mut e = crate::validate::metrics::DistinctCounter::new();
        for t in &block.texts {
            e.add(t);
        }
        e
    });
    tally.merge_distinct(exact, &block.sketch);
}

/// Writes a block's bytes, with the regenerated records in place of the ones they
/// replace.
fn write_block<W: Write>(out: &mut W, block: &Block) -> std::io::Result<()> {
    let mut at = 0;
    for (j, r) in &block.replaced {
        out.write_all(&block.buf[at..block.starts[*j]])?;
        out.write_all(&block.repl[r.clone()])?;
        at = block.starts[j + 1];
    }
    out.write_all(&block.buf[at..])
}

/// Blocks written ahead of the one being checked for duplicates, per worker.
const AHEAD_PER_WORKER: u64 = 4;

/// Finished blocks waiting for the in-order stage.
struct Pipe {
    ready: std::collections::BTreeMap<u64, Block>,
    /// The block the in-order stage takes next.
    next: u64,
    /// A worker stopped without finishing its block, or the in-order stage gave up.
    stopped: bool,
}

/// Marks the pipe stopped unless disarmed: a worker that unwinds, or an in-order
/// stage that leaves early, never leaves the others waiting.
struct StopOnDrop<'a> {
    pipe: &'a (std::sync::Mutex<Pipe>, std::sync::Condvar),
    armed: bool,
}

impl Drop for StopOnDrop<'_> {
    fn drop(&mut self) {
        if self.armed {
            let (m, cv) = self.pipe;
            match m.lock() {
                Ok(mut p) => p.stopped = true,
                Err(poisoned) => poisoned.into_inner().stopped = true,
            }
            cv.notify_all();
        }
    }
}

/// Streams examples `0..total` from `source` through duplicate replacement into `out`
/// as JSONL lines (`Format::Jsonl`) or as the comma-separated, indented items of a
/// JSON array (`Format::Json`). `progress` is called with the number done.
///
/// Worker threads (one per rayon thread) write blocks of records, taking the next
/// block number as they finish one and staying at most a few blocks ahead; the
/// calling thread takes the blocks in order, replaces duplicates and counts them, and
/// a writer thread writes them. No stage waits for a whole batch, so every core stays
/// busy.
pub fn stream<W: Write + Send>(
    total: u64,
    source: &dyn Source,
    format: Format,
    generated_at: &str,
    out: &mut W,
    out_path: &Path,
    progress: &dyn Fn(u64),
) -> Result<Streamed, Error> {
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::sync::{Condvar, Mutex, PoisonError};
    let exact = total <= EXACT_CAP;
    let run = Run {
        source,
        format,
        generated_at,
        exact,
    };
    let mut counts = Tally::new(exact, source.labels());
    let mut seen = KeySet::default();
    let (mut replaced, mut kept_duplicates) = (0u64, 0u64);
    let blocks = total.div_ceil(BLOCK);
    let workers = rayon::current_num_threads().clamp(1, 64) as u64;
    let ahead = workers * AHEAD_PER_WORKER;
    let pipe = (
        Mutex::new(Pipe {
            ready: Default::default(),
            next: 0,
            stopped: false,
        }),
        Condvar::new(),
    );
    let handed = AtomicU64::new(0);
    let failed = std::thread::scope(|scope| -> Result<bool, Error> {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Block>(2 * workers as usize);
        let writer = scope.spawn(move || -> std::io::Result<()> {
            for b in rx {
                write_block(out, &b)?;
            }
            Ok(())
        });
        for _ in 0..workers {
            let (run, pipe, handed) = (&run, &pipe, &handed);
            scope.spawn(move || {
                let mut guard = StopOnDrop { pipe, armed: true };
                let (m, cv) = pipe;
                loop {
                    let b = handed.fetch_add(1, Ordering::Relaxed);
                    if b >= blocks {
                        break;
                    }
                    {
                        let mut p = m.lock().unwrap_or_else(PoisonError::into_inner);
                        while b >= p.next + ahead && !p.stopped {
                            p = cv.wait(p).unwrap_or_else(PoisonError::into_inner);
                        }
                        if p.stopped {
                            break;
                        }
                    }
                    let lo = b * BLOCK;
                    let block = run.block(lo, (lo + BLOCK).min(total));
                    m.lock()
                        .unwrap_or_else(PoisonError::into_inner)
                        .ready
                        .insert(b, block);
                    cv.notify_all();
                }
                guard.armed = false;
            });
        }
        // The in-order stage: duplicates, counts, then to the writer.
        let guard = StopOnDrop {
            pipe: &pipe,
            armed: true,
        };
        let (m, cv) = &pipe;
        let mut sent = true;
        let mut failed = false;
        for b in 0..blocks {
            let mut block = {
                let mut p = m.lock().unwrap_or_else(PoisonError::into_inner);
                loop {
                    if let Some(block) = p.ready.remove(&b) {
                        p.next = b + 1;
                        break Some(block);
                    }
                    if p.stopped {
                        break None;
                    }
                    p = cv.wait(p).unwrap_or_else(PoisonError::into_inner);
                }
            };
            cv.notify_all();
            let Some(block) = block.as_mut() else {
                failed = true;
                break;
            };
            let (r, k) = run.dedup(std::slice::from_mut(block), b * BLOCK, &mut seen);
            replaced += r;
            kept_duplicates += k;
            tally(&mut counts, block);
            progress(((b + 1) * BLOCK).min(total));
            // the writer stopped on an error when this fails; its join reports it
            if tx.send(std::mem::take(block)).is_err() {
                sent = false;
                break;
            }
        }
        // Stop the workers if this stage left early; harmless once all is done.
        drop(guard);
        drop(tx);
        let written = match writer.join() {
            Ok(r) => r.map_err(|e| Error::io(out_path, e)),
            Err(_) => Err(Error::Other(format!(
                "{}: writer thread failed",
                out_path.display()
            ))),
        };
        written?;
        Ok(failed || !sent)
    })?;
    if failed {
        return Err(Error::Other(format!(
            "{}: a generating thread failed",
            out_path.display()
        )));
    }
    Ok(Streamed {
        stats: counts.finish(),
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
