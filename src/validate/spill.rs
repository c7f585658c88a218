//! External sorting in bounded memory, for the duplicate searches: items are buffered
//! up to a fixed count, each full buffer is sorted and written to one temporary file as
//! a sorted run, and reading merges the runs (k-way, through a heap). Items are kept in
//! `sections` (one per LSH band, say), sorted and merged separately. When everything
//! fits the buffer nothing touches the disk. The temporary file is unlinked at creation
//! (`tempfile::tempfile`), so nothing is left behind whatever happens.

use rayon::prelude::*;
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fs::File;
use std::io::{self, Write};
use std::os::unix::fs::FileExt;

/// A fixed-size item that can be spilled: its little-endian bytes.
pub trait Item: Copy + Ord + Send + Sync {
    const BYTES: usize;
    fn put(self, out: &mut Vec<u8>);
    fn get(bytes: &[u8]) -> Self;
}

impl Item for u64 {
    const BYTES: usize = 8;
    fn put(self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_le_bytes());
    }
    fn get(b: &[u8]) -> Self {
        let mut a = [0u8; 8];
        a.copy_from_slice(&b[..8]);
        u64::from_le_bytes(a)
    }
}

impl Item for (u64, u32) {
    const BYTES: usize = 12;
    fn put(self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.0.to_le_bytes());
        out.extend_from_slice(&self.1.to_le_bytes());
    }
    fn get(b: &[u8]) -> Self {
        let mut a = [0u8; 8];
        a.copy_from_slice(&b[..8]);
        let mut c = [0u8; 4];
        c.copy_from_slice(&b[8..12]);
        (u64::from_le_bytes(a), u32::from_le_bytes(c))
    }
}

/// One section of one run in the file: where it starts and how many items it holds.
#[derive(Debug, Clone, Copy)]
struct Extent {
    offset: u64,
    items: u64,
}

/// Buffers items, spilling sorted runs to a temporary file when the buffer is full.
pub struct SpillSorter<T: Item> {
    buf: Vec<Vec<T>>,
    held: usize,
    /// Items per section before a run is written: each section's buffer is allocated
    /// once at this size and never grows.
    limit: usize,
    file: Option<File>,
    end: u64,
    /// Per run, per section.
    runs: Vec<Vec<Extent>>,
}

impl<T: Item> SpillSorter<T> {
    /// A sorter with `sections` sections that holds at most `limit_bytes` of items in
    /// memory (at least 4 items per section). A section's buffer is reserved on its
    /// first item; only the pages written to count as memory used.
    pub fn new(sections: usize, limit_bytes: usize) -> Self {
        let sections = sections.max(1);
        SpillSorter {
            buf: (0..sections).map(|_| Vec::new()).collect(),
            held: 0,
            limit: (limit_bytes / T::BYTES / sections).max(4),
            file: None,
            end: 0,
            runs: Vec::new(),
        }
    }

    /// Adds one item to `section`.
    #[inline]
    pub fn push(&mut self, section: usize, item: T) -> io::Result<()> {
        let b = &mut self.buf[section];
        if b.capacity() == 0 {
            b.reserve_exact(self.limit);
        }
        b.push(item);
        self.held += 1;
        if b.len() >= self.limit {
            self.flush()?;
        }
        Ok(())
    }

    /// Adds items to `section`.
    pub fn extend(&mut self, section: usize, items: &[T]) -> io::Result<()> {
        for &x in items {
            self.push(section, x)?;
        }
        Ok(())
    }

    /// Runs written so far.
    pub fn runs(&self) -> usize {
        self.runs.len()
    }

    fn sort_buffers(&mut self) {
        self.buf.par_iter_mut().for_each(|b| b.sort_unstable());
    }

    fn flush(&mut self) -> io::Result<()> {
        self.sort_buffers();
        let file = match &mut self.file {
            Some(f) => f,
            None => self.file.insert(tempfile::tempfile()?),
        };
        let mut w = io::BufWriter::with_capacity(1 << 20, &*file);
        let mut extents = Vec::with_capacity(self.buf.len());
        let mut bytes = Vec::with_capacity(64 << 10);
        for b in &mut self.buf {
            extents.push(Extent {
                offset: self.end,
                items: b.len() as u64,
            });
            for chunk in b.chunks(4096) {
                bytes.clear();
                for &x in chunk {
                    x.put(&mut bytes);
                }
                w.write_all(&bytes)?;
            }
            self.end += (b.len() * T::BYTES) as u64;
            b.clear();
        }
        w.flush()?;
        self.runs.push(extents);
        self.held = 0;
        Ok(())
    }

    /// Ends the input: the sorted sections, ready to be read.
    pub fn finish(mut self) -> io::Result<Sorted<T>> {
        if self.runs.is_empty() {
            self.sort_buffers();
            return Ok(Sorted {
                memory: self.buf,
                file: None,
                runs: Vec::new(),
            });
        }
        if self.held > 0 {
            self.flush()?;
        }
        Ok(Sorted {
            memory: Vec::new(),
            file: self.file,
            runs: self.runs,
        })
    }
}

/// Sorted sections, in memory or as runs in a file.
pub struct Sorted<T: Item> {
    memory: Vec<Vec<T>>,
    file: Option<File>,
    runs: Vec<Vec<Extent>>,
}

impl<T: Item> Sorted<T> {
    /// Whether the items went to disk.
    pub fn spilled(&self) -> bool {
        self.file.is_some()
    }

    /// The items of `section` in ascending order (duplicates kept). Each run reads
    /// through its own buffer of `buffer_bytes`.
    pub fn section(&self, section: usize, buffer_bytes: usize) -> io::Result<Merge<'_, T>> {
        let Some(file) = &self.file else {
            let items = self.memory.get(section).map_or(&[][..], |v| &v[..]);
            return Ok(Merge {
                memory: items.iter(),
                readers: Vec::new(),
                heap: BinaryHeap::new(),
            });
        };
        let per = (buffer_bytes / self.runs.len().max(1)).max(T::BYTES * 64);
        let mut readers = Vec::new();
        let mut heap = BinaryHeap::new();
        for run in &self.runs {
            let Some(&e) = run.get(section) else { continue };
            let mut r = RunReader {
                file,
                next: e.offset,
                left: e.items,
                buf: Vec::new(),
                pos: 0,
                cap: per - per % T::BYTES,
            };
            if let Some(x) = r.next_item()? {
                heap.push(Reverse((x, readers.len())));
                readers.push(r);
            }
        }
        Ok(Merge {
            memory: [].iter(),
            readers,
            heap,
        })
    }
}

struct RunReader<'a> {
    file: &'a File,
    next: u64,
    left: u64,
    buf: Vec<u8>,
    pos: usize,
    cap: usize,
}

impl RunReader<'_> {
    fn next_item<T: Item>(&mut self) -> io::Result<Option<T>> {
        if self.pos + T::BYTES > self.buf.len() {
            if self.left == 0 {
                return Ok(None);
            }
            let n = (self.left as usize * T::BYTES).min(self.cap);
            self.buf.resize(n, 0);
            self.file.read_exact_at(&mut self.buf, self.next)?;
            self.next += n as u64;
            self.left -= (n / T::BYTES) as u64;
            self.pos = 0;
        }
        let x = T::get(&self.buf[self.pos..self.pos + T::BYTES]);
        self.pos += T::BYTES;
        Ok(Some(x))
    }
}

/// The merged items of one section, ascending.
pub struct Merge<'a, T: Item> {
    memory: std::slice::Iter<'a, T>,
    readers: Vec<RunReader<'a>>,
    heap: BinaryHeap<Reverse<(T, usize)>>,
}

impl<T: Item> Iterator for Merge<'_, T> {
    type Item = io::Result<T>;

    fn next(&mut self) -> Option<io::Result<T>> {
        if let Some(&x) = self.memory.next() {
            return Some(Ok(x));
        }
        let Reverse((x, r)) = self.heap.pop()?;
        match self.readers[r].next_item::<T>() {
            Ok(Some(y)) => self.heap.push(Reverse((y, r))),
            Ok(None) => {}
            Err(e) => return Some(Err(e)),
        }
        Some(Ok(x))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect<T: Item>(s: &Sorted<T>, section: usize) -> Vec<T> {
        s.section(section, 1024)
            .unwrap()
            .collect::<io::Result<Vec<T>>>()
            .unwrap()
    }

    #[test]
    fn in_memory_and_spilled_give_the_same_order() {
        let mut x = 0x1234_5678u64;
        let items: Vec<(usize, u64)> = (0..5000)
            .map(|_| {
                x = crate::validate::text::mix64(x);
                ((x % 3) as usize, x % 700)
            })
            .collect();
        let mut small = SpillSorter::<u64>::new(3, 0); // runs of 4 items a section
        let mut big = SpillSorter::<u64>::new(3, 1 << 20);
        for &(s, v) in &items {
            small.push(s, v).unwrap();
            big.push(s, v).unwrap();
        }
        assert!(small.runs() > 10);
        assert_eq!(big.runs(), 0);
        let (small, big) = (small.finish().unwrap(), big.finish().unwrap());
        assert!(small.spilled() && !big.spilled());
        for s in 0..3 {
            let mut want: Vec<u64> = items.iter().filter(|i| i.0 == s).map(|i| i.1).collect();
            want.sort_unstable();
            assert_eq!(collect(&small, s), want);
            assert_eq!(collect(&big, s), want);
        }
    }

    #[test]
    fn twelve_byte_items_round_trip() {
        let mut s = SpillSorter::<(u64, u32)>::new(1, 0);
        for i in 0..1000u32 {
            s.push(0, (u64::from(i % 7) << 60, 1000 - i)).unwrap();
        }
        let s = s.finish().unwrap();
        let got = collect(&s, 0);
        assert_eq!(got.len(), 1000);
        assert!(got.windows(2).all(|w| w[0] <= w[1]));
        assert_eq!(got[0], (0, 6));
        // An empty sorter and an empty section read as empty.
        let e = SpillSorter::<u64>::new(2, 0).finish().unwrap();
        assert!(collect(&e, 1).is_empty());
    }
}
