//! Writing an intent dataset: examples are produced in chunks in parallel, checked
//! for exact duplicates in index order, serialised in parallel and written in index
//! order, so the bytes do not depend on the thread count. Memory holds one chunk.
//!
//! The writer does not know where examples come from: it pulls them from any
//! `Fn(index, attempt) -> Example` (templates today, a language model later).

use super::stats::{Stats, EXACT_CAP};
use super::Example;
use crate::error::Error;
use rayon::prelude::*;
use std::collections::HashSet;
use std::io::Write;
use std::path::Path;

/// Examples per chunk held in memory at once.
pub const CHUNK: u64 = 32_768;
/// Examples per parallel serialisation block.
const BLOCK: usize = 2_048;
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

/// The duplicate key of a text: FNV-1a of its lowercased words joined by one space.
pub fn dup_key(text: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |b: u8| {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    };
    for (i, w) in text.split_whitespace().enumerate() {
        if i > 0 {
            feed(b' ');
        }
        if w.is_ascii() {
            w.bytes().for_each(|b| feed(b.to_ascii_lowercase()));
        } else {
            w.to_lowercase().bytes().for_each(&mut feed);
        }
    }
    h
}

/// Streams examples `0..total` from `make` through duplicate replacement into `out`
/// as JSONL lines (`Format::Jsonl`) or as the comma-separated, indented items of a
/// JSON array (`Format::Json`). `progress` is called with the number done.
pub fn stream<W: Write + Send>(
    total: u64,
    make: &(dyn Fn(u64, u32) -> Example + Sync),
    format: Format,
    generated_at: &str,
    out: &mut W,
    out_path: &Path,
    progress: &dyn Fn(u64),
) -> Result<Streamed, Error> {
    let mut stats = Stats::new(total <= EXACT_CAP);
    let mut seen: HashSet<u64> = HashSet::new();
    let (mut replaced, mut kept_duplicates) = (0u64, 0u64);
    // A writer thread takes finished buffers in order, so writing overlaps generating.
    std::thread::scope(|scope| -> Result<(), Error> {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<u8>>(8);
        let writer = scope.spawn(move || -> std::io::Result<()> {
            for buf in rx {
                out.write_all(&buf)?;
            }
            Ok(())
        });
        let mut start = 0u64;
        let mut sent = true;
        while start < total && sent {
            let end = (start + CHUNK).min(total);
            let mut chunk: Vec<(Example, u64)> = (start as usize..end as usize)
                .into_par_iter()
                .with_min_len(256)
                .map(|i| {
                    let ex = make(i as u64, 0);
                    let k = dup_key(&ex.text);
                    (ex, k)
                })
                .collect();
            for (offset, (ex, key)) in chunk.iter_mut().enumerate() {
                if seen.len() >= DEDUP_CAP {
                    break;
                }
                let index = start + offset as u64;
                let mut attempt = 0;
                while seen.contains(key) && attempt < MAX_RETRIES {
                    attempt += 1;
                    *ex = make(index, attempt);
                    *key = dup_key(&ex.text);
                }
                if attempt > 0 {
                    if seen.contains(key) {
                        kept_duplicates += 1;
                    } else {
                        replaced += 1;
                    }
                }
                seen.insert(*key);
            }
            let blocks: Vec<(Vec<u8>, Stats)> = chunk
                .par_chunks(BLOCK)
                .enumerate()
                .map(|(b, block)| {
                    let mut st = Stats::new(total <= EXACT_CAP);
                    let mut buf: Vec<u8> = Vec::with_capacity(block.len() * 768);
                    for (j, (ex, _)) in block.iter().enumerate() {
                        if format == Format::Json {
                            if j > 0 || b > 0 || start > 0 {
                                buf.extend_from_slice(b",\n");
                            }
                            buf.extend_from_slice(b"    ");
                        }
                        // Serialising plain strings and numbers into a Vec cannot fail.
                        let _ = serde_json::to_writer(&mut buf, &ex.record(generated_at));
                        if format == Format::Jsonl {
                            buf.push(b'\n');
                        }
                        st.add(ex);
                    }
                    (buf, st)
                })
                .collect();
            drop(chunk);
            for (buf, st) in blocks {
                stats.merge(st);
                if tx.send(buf).is_err() {
                    // the writer stopped on an error; join below reports it
                    sent = false;
                    break;
                }
            }
            progress(end);
            start = end;
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
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
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
    }
}
