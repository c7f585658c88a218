//! Files: atomic writes (temp file in the same folder, then rename), opening inputs
//! (`-` is stdin), and streaming JSON/JSONL readers whose errors name file and line.

use crate::error::Error;
use serde::Serialize;
use std::fs::File;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};

/// Longest line a JSONL reader accepts before reporting it as an error (64 MiB).
pub const MAX_LINE_BYTES: usize = 64 << 20;

/// Writes `bytes` to `path` atomically: a reader sees the old file or the new one,
/// never a truncated one. `-` writes to stdout.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let mut w = AtomicWriter::create(path)?;
    w.write_all(bytes).map_err(|e| Error::io(path, e))?;
    w.commit()
}

/// Writes `value` as pretty JSON (with a final newline) atomically.
pub fn write_json_atomic<T: Serialize + ?Sized>(path: &Path, value: &T) -> Result<(), Error> {
    let mut bytes = serde_json::to_vec_pretty(value)
        .map_err(|e| Error::Other(format!("{}: {e}", path.display())))?;
    bytes.push(b'\n');
    write_atomic(path, &bytes)
}

/// A buffered writer to a temp file beside `path`, renamed onto `path` by `commit`.
/// Dropped without `commit`, it removes the temp file and leaves `path` untouched.
/// For `-` it writes straight to stdout.
pub struct AtomicWriter {
    path: PathBuf,
    inner: Sink,
}

enum Sink {
    Stdout(std::io::BufWriter<std::io::Stdout>),
    File(std::io::BufWriter<tempfile::NamedTempFile>),
}

impl AtomicWriter {
    /// Starts writing `path` (creating its folder if needed).
    pub fn create(path: &Path) -> Result<Self, Error> {
        if path.as_os_str() == "-" {
            return Ok(AtomicWriter {
                path: path.to_path_buf(),
                inner: Sink::Stdout(std::io::BufWriter::with_capacity(
                    1 << 16,
                    std::io::stdout(),
                )),
            });
        }
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        let mut builder = tempfile::Builder::new();
        // Temp files are created 0600; the finished file gets the usual 0666 & !umask.
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
        let tmp = builder
            .prefix(&format!(
                ".{}.",
                path.file_name().and_then(|n| n.to_str()).unwrap_or("out")
            ))
            .suffix(".tmp")
            .tempfile_in(&dir)
            .map_err(|e| Error::io(&dir, e))?;
        Ok(AtomicWriter {
            path: path.to_path_buf(),
            inner: Sink::File(std::io::BufWriter::with_capacity(1 << 16, tmp)),
        })
    }

    /// The destination path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Flushes, syncs and renames the temp file onto the destination.
    pub fn commit(self) -> Result<(), Error> {
        let path = self.path;
        match self.inner {
            Sink::Stdout(mut w) => w.flush().map_err(|e| Error::io(&path, e)),
            Sink::File(w) => {
                let tmp = w
                    .into_inner()
                    .map_err(|e| Error::io(&path, e.into_error()))?;
                tmp.as_file().sync_all().map_err(|e| Error::io(&path, e))?;
                tmp.persist(&path).map_err(|e| Error::io(&path, e.error))?;
                Ok(())
            }
        }
    }
}

impl Write for AtomicWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match &mut self.inner {
            Sink::Stdout(w) => w.write(buf),
            Sink::File(w) => w.write(buf),
        }
    }
    fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.inner {
            Sink::Stdout(w) => w.flush(),
            Sink::File(w) => w.flush(),
        }
    }
}

/// Opens `path` for buffered reading; `-` is stdin. A `.gz` file must be
/// decompressed by the caller.
pub fn open_input(path: &Path) -> Result<Box<dyn BufRead + Send>, Error> {
    if path.as_os_str() == "-" {
        return Ok(Box::new(BufReader::with_capacity(
            1 << 16,
            std::io::stdin(),
        )));
    }
    let f = File::open(path).map_err(|e| Error::io(path, e))?;
    Ok(Box::new(BufReader::with_capacity(1 << 16, f)))
}

/// Reads a whole JSON document from `path`, with errors that name file, line and column.
pub fn read_json(path: &Path) -> Result<serde_json::Value, Error> {
    let mut text = Vec::new();
    open_input(path)?
        .read_to_end(&mut text)
        .map_err(|e| Error::io(path, e))?;
    parse_json_bytes(path, &text)
}

/// Parses JSON bytes read from `path` (for messages), naming line and column on error.
pub fn parse_json_bytes(path: &Path, bytes: &[u8]) -> Result<serde_json::Value, Error> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::input(path, None, "empty file"));
    }
    serde_json::from_slice(bytes).map_err(|e| json_error(path, &e))
}

/// A serde_json error as `file:line: message (column C)`.
pub fn json_error(path: &Path, e: &serde_json::Error) -> Error {
    let what = match e.classify() {
        serde_json::error::Category::Eof => "truncated JSON",
        serde_json::error::Category::Syntax => "invalid JSON",
        serde_json::error::Category::Data => "unexpected JSON value",
        serde_json::error::Category::Io => "read error",
    };
    let msg = e.to_string();
    let detail = msg.split(" at line ").next().unwrap_or(&msg);
    Error::input(
        path,
        Some(e.line() as u64),
        format!("{what}: {detail} (column {})", e.column()),
    )
}

/// One line of a JSONL file: its 1-based line number and the parsed value, or a
/// per-line error that the caller may report and skip.
pub type JsonlItem = (u64, Result<serde_json::Value, Error>);

/// Streams the records of a JSONL file, one parsed value per non-blank line. Read
/// errors and bad lines come back as `Err` items naming file and line; invalid UTF-8
/// and over-long lines are reported, not fatal.
pub struct JsonlReader {
    path: PathBuf,
    reader: Box<dyn BufRead + Send>,
    line: u64,
    buf: Vec<u8>,
    done: bool,
}

impl JsonlReader {
    /// Opens `path` (`-` for stdin).
    pub fn open(path: &Path) -> Result<Self, Error> {
        Ok(Self::from_reader(path, open_input(path)?))
    }

    /// Reads JSONL from any buffered reader; `path` is used in messages.
    pub fn from_reader(path: &Path, reader: Box<dyn BufRead + Send>) -> Self {
        JsonlReader {
            path: path.to_path_buf(),
            reader,
            line: 0,
            buf: Vec::new(),
            done: false,
        }
    }

    /// Reads the next raw line (without its newline) into `self.buf`, up to the limit.
    /// Returns Ok(false) at end of input, Ok(true) with an over-long flag otherwise.
    fn next_line(&mut self) -> std::io::Result<Option<bool>> {
        self.buf.clear();
        let mut too_long = false;
        loop {
            let available = match self.reader.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if available.is_empty() {
                return Ok(if self.buf.is_empty() && !too_long {
                    None
                } else {
                    Some(too_long)
                });
            }
            let (chunk, found) = match available.iter().position(|&b| b == b'\n') {
                Some(i) => (&available[..i], Some(i + 1)),
                None => (available, None),
            };
            if !too_long {
                if self.buf.len() + chunk.len() > MAX_LINE_BYTES {
                    too_long = true;
                    self.buf.clear();
                } else {
                    self.buf.extend_from_slice(chunk);
                }
            }
            let used = found.unwrap_or(available.len());
            self.reader.consume(used);
            if found.is_some() {
                return Ok(Some(too_long));
            }
        }
    }
}

impl Iterator for JsonlReader {
    type Item = JsonlItem;

    fn next(&mut self) -> Option<JsonlItem> {
        while !self.done {
            let too_long = match self.next_line() {
                Ok(None) => {
                    self.done = true;
                    return None;
                }
                Ok(Some(t)) => t,
                Err(e) => {
                    self.done = true;
                    return Some((self.line + 1, Err(Error::io(&self.path, e))));
                }
            };
            self.line += 1;
            if too_long {
                let msg = format!("line longer than {} MiB", MAX_LINE_BYTES >> 20);
                return Some((
                    self.line,
                    Err(Error::input(&self.path, Some(self.line), msg)),
                ));
            }
            if self.buf.iter().all(|b| b.is_ascii_whitespace()) {
                continue;
            }
            let line = self.line;
            let parsed = match std::str::from_utf8(&self.buf) {
                Err(e) => Err(Error::input(
                    &self.path,
                    Some(line),
                    format!("invalid UTF-8 at byte {}", e.valid_up_to()),
                )),
                Ok(text) => serde_json::from_str(text).map_err(|e| {
                    let msg = e.to_string();
                    let detail = msg.split(" at line ").next().unwrap_or(&msg).to_string();
                    Error::input(
                        &self.path,
                        Some(line),
                        format!("invalid JSON: {detail} (column {})", e.column()),
                    )
                }),
            };
            return Some((line, parsed));
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    fn reader(text: &'static [u8]) -> JsonlReader {
        JsonlReader::from_reader(Path::new("d.jsonl"), Box::new(Cursor::new(text)))
    }

    #[test]
    fn jsonl_names_lines_and_skips_blanks() {
        let items: Vec<JsonlItem> = reader(b"{\"a\":1}\n\n{bad\n[2]").collect();
        assert_eq!(items.len(), 3);
        assert_eq!(items[0].0, 1);
        assert_eq!(items[1].0, 3);
        let err = items[1].1.as_ref().unwrap_err().to_string();
        assert!(err.starts_with("d.jsonl:3: invalid JSON"), "{err}");
        assert_eq!(items[2].1.as_ref().unwrap(), &serde_json::json!([2]));
    }

    #[test]
    fn jsonl_reports_invalid_utf8() {
        let items: Vec<JsonlItem> = reader(b"\"ok\"\n\"\xff\"\n").collect();
        let err = items[1].1.as_ref().unwrap_err().to_string();
        assert_eq!(err, "d.jsonl:2: invalid UTF-8 at byte 1");
    }

    #[test]
    fn atomic_write_replaces_whole_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("sub/out.json");
        write_atomic(&p, b"first").unwrap();
        write_atomic(&p, b"second").unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "second");
        let leftovers = std::fs::read_dir(p.parent().unwrap()).unwrap().count();
        assert_eq!(leftovers, 1);
    }

    #[test]
    fn dropped_writer_leaves_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.json");
        write_atomic(&p, b"old").unwrap();
        {
            let mut w = AtomicWriter::create(&p).unwrap();
            w.write_all(b"partial").unwrap();
        }
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "old");
    }

    #[test]
    fn json_errors_name_line() {
        let e = parse_json_bytes(Path::new("x.json"), b"{\n\"a\": [1,\n")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("x.json:3: truncated JSON"), "{e}");
        let e = parse_json_bytes(Path::new("x.json"), b"  \n")
            .unwrap_err()
            .to_string();
        assert_eq!(e, "x.json: empty file");
    }
}
